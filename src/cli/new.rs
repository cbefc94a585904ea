//! `nianbao new`: a new report file, empty or carried forward from last year's.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Failure, Outcome};
use crate::document::carry::carry_forward;
use crate::document::edit::{parse_level, parse_year};
use crate::document::{Document, UnitLevel};
use crate::template::{self, Template};

#[derive(Args, Debug)]
pub struct NewArgs {
    /// 模板编号（如 gk2021）；默认为该年度适用的官方格式
    #[arg(long, value_name = "模板")]
    template: Option<String>,
    /// 报告年度；默认为上一个日历年（从上年报告新建时为上年年度加一）
    #[arg(long, value_name = "年度")]
    year: Option<String>,
    /// 单位名称，如 某某镇人民政府
    #[arg(long, value_name = "单位", required_unless_present = "from")]
    unit: Option<String>,
    /// 单位层级：乡镇、街道、县级政府、县级部门、市级、省级
    #[arg(long, value_name = "层级", required_unless_present = "from")]
    level: Option<String>,
    /// 从上年的年报文件新建：结转单位、上年结转数和正文草稿
    #[arg(long, value_name = "上年文件")]
    from: Option<PathBuf>,
    /// 新文件的保存位置
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: PathBuf,
    /// 文件已存在时覆盖它（原文件保留为 .bak）
    #[arg(long)]
    force: bool,
}

pub fn run(args: NewArgs) -> Outcome {
    if args.output.exists() && !args.force {
        return Err(Failure::usage(format!(
            "错误：{} 已存在，未覆盖；如确需覆盖请加 --force (output exists)",
            args.output.display()
        )));
    }
    // --force overwrites a file, never one an editor has open: that editor
    // would save its own copy over the new one.
    super::refuse_if_locked(&args.output, None)?;
    let year = args
        .year
        .as_deref()
        .map(parse_year)
        .transpose()
        .map_err(usage)?;
    let level = args
        .level
        .as_deref()
        .map(parse_level)
        .transpose()
        .map_err(usage)?;
    let explicit = args.template.as_deref().map(find_template).transpose()?;
    let mut doc = match &args.from {
        Some(path) => {
            let (last, _) = super::load(path)?;
            let mut doc = carry_forward(&last);
            if let Some(p) = doc.previous.as_mut() {
                p.source = Some(path.display().to_string());
            }
            doc
        }
        None => Document::new(
            "",
            "",
            UnitLevel::Township,
            crate::calendar::default_report_year(),
        ),
    };
    if let Some(year) = year {
        doc.meta.year = year;
    }
    if let Some(unit) = args.unit.as_deref().map(str::trim) {
        doc.meta.unit = unit.to_string();
        doc.meta.signature_unit = unit.to_string();
    }
    if let Some(level) = level {
        doc.meta.level = level;
    }
    let template = explicit.unwrap_or_else(|| match (&args.from, year) {
        (Some(_), None) => template::get(&doc.template)
            .unwrap_or_else(|| template::current_for_year(doc.meta.year)),
        _ => template::current_for_year(doc.meta.year),
    });
    use_template(&mut doc, template);
    super::save(&doc, &args.output)?;
    eprintln!(
        "已新建 {}：{}（{}）",
        args.output.display(),
        doc.meta.display_title(),
        template.name
    );
    Ok(ExitCode::SUCCESS)
}

/// Switch to `template`, dropping carried cells it does not have.
fn use_template(doc: &mut Document, template: &Template) {
    doc.template = template.id.clone();
    doc.cells.retain(|cell, _| template.cell(cell).is_some());
    doc.prose
        .retain(|key, _| template.part(key).is_some_and(|p| p.prose));
}

fn find_template(id: &str) -> Result<&'static Template, Failure> {
    template::get(id.trim()).ok_or_else(|| {
        let known: Vec<String> = template::all()
            .iter()
            .map(|t| format!("{}（{}）", t.id, t.name))
            .collect();
        Failure::usage(format!(
            "错误：没有模板“{id}”；可用模板：{} (unknown template)",
            known.join("、")
        ))
    })
}

fn usage(e: crate::input::InputError) -> Failure {
    Failure::usage(format!("错误：{e}"))
}
