//! `nianbao review FILE ID --note TEXT` (已核实) and `--undo`; and
//! `nianbao draft FILE [--part p1]` (生成文字).

use clap::Args;
use std::path::PathBuf;

use super::{Failure, Outcome};

use crate::prose::draft;
use crate::validate::{review, unreview, ReviewError};

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 校验结果的编号（见 validate --format json 的 id）
    #[arg(value_name = "编号")]
    id: String,
    /// 核实说明，如“本年确有一批集中申请”
    #[arg(
        long,
        value_name = "说明",
        default_value = "",
        hide_default_value = true
    )]
    note: String,
    /// 撤销已核实标记
    #[arg(long)]
    undo: bool,
    /// 上年的年报文件（核对与上年相比的提示时需要）
    #[arg(long, value_name = "上年文件")]
    prev: Option<PathBuf>,
    /// 即使此报告正在编辑器中打开也写入
    #[arg(long)]
    force: bool,
}

pub fn run(args: ReviewArgs) -> Outcome {
    super::refuse_if_locked(&args.file, Some(args.force))?;
    let (mut doc, template) = super::load(&args.file)?;
    let id = args.id.trim();
    if args.undo {
        if !unreview(&mut doc, id) {
            return Err(Failure::refused(format!(
                "错误：编号 {id} 没有已核实标记 (no mark with this id)"
            )));
        }
        super::save(&doc, &args.file)?;
        return super::emit(&format!("已撤销已核实标记：{id}\n"), None);
    }
    // Findings against last year need last year linked, as in `validate`.
    let mut checked = doc.clone();
    super::link_prev(&mut checked, args.prev.as_deref())?;
    match review(&mut checked, template, id, &args.note) {
        Ok(f) => {
            doc.reviewed = checked.reviewed;
            super::save(&doc, &args.file)?;
            super::emit(&format!("已核实：[{}] {}\n", f.rule, f.message), None)
        }
        Err(
            e @ (ReviewError::IsError(_) | ReviewError::NotFound(_) | ReviewError::NoteTooLong),
        ) => Err(Failure::refused(format!("错误：{e}"))),
    }
}

#[derive(Args, Debug)]
pub struct DraftArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 只生成这一部分（如 p1、p4、p6）；不写时生成所有能生成的部分
    #[arg(long, value_name = "部分")]
    part: Option<String>,
    /// 同时写出予以公开率（含部分公开）
    #[arg(long)]
    share: bool,
}

pub fn run_draft(args: DraftArgs) -> Outcome {
    let (doc, template) = super::load(&args.file)?;
    let parts: Vec<String> = match &args.part {
        Some(p) => vec![p.trim().to_string()],
        None => draft::parts_with_drafts(template)
            .into_iter()
            .map(str::to_string)
            .collect(),
    };
    let mut out = String::new();
    for key in &parts {
        let Some(result) = draft::draft(&doc, template, key, args.share) else {
            let have = draft::parts_with_drafts(template).join("、");
            return Err(Failure::refused(format!(
                "错误：模板“{}”的 {key} 没有可生成的文字（可生成：{have}） (no draft for part)",
                template.name
            )));
        };
        let text = result.map_err(|missing| Failure::refused(format!("错误：{key}：{missing}")))?;
        if args.part.is_none() {
            if let Some(part) = template.part(key) {
                out.push_str(&part.heading);
                out.push('\n');
            }
        }
        out.push_str(&text);
        out.push('\n');
    }
    super::emit(&out, None)
}
