//! `nianbao validate`: the 勾稽关系 check, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::Outcome;
use crate::document::carry::link_previous;
use crate::validate::{validate, Finding, Report};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 上年的年报文件，用于跨年度核对（如上年结转）
    #[arg(long, value_name = "上年文件")]
    prev: Option<PathBuf>,
    /// 输出格式：text（文字说明，默认）或 json
    #[arg(
        long,
        value_enum,
        default_value = "text",
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true
    )]
    format: Format,
}

pub fn run(args: ValidateArgs) -> Outcome {
    let (mut doc, template) = super::load(&args.file)?;
    if let Some(path) = &args.prev {
        let (last, _) = super::load(path)?;
        if last.meta.year.checked_add(1) != Some(doc.meta.year) {
            eprintln!(
                "注意：上年文件的年度为 {}，本报告年度为 {} (previous year mismatch)",
                last.meta.year, doc.meta.year
            );
        }
        link_previous(&mut doc, &last);
        if let Some(p) = doc.previous.as_mut() {
            p.source = Some(path.display().to_string());
        }
    }
    let report = validate(&doc, template);
    let out = match args.format {
        Format::Text => as_text(&report),
        Format::Json => as_json(&report),
    };
    super::emit(&out, None)?;
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn as_text(report: &Report) -> String {
    if report.errors.is_empty() && report.warnings.is_empty() {
        return "校验通过：没有发现错误或提示。\n".to_string();
    }
    let mut out = format!(
        "校验结果：错误 {} 项，提示 {} 项。\n",
        report.errors.len(),
        report.warnings.len()
    );
    for (mark, f) in report
        .errors
        .iter()
        .map(|f| ("✖ 错误", f))
        .chain(report.warnings.iter().map(|f| ("⚠ 提示", f)))
    {
        out.push_str(&format!("{mark} [{}] {}\n", f.rule, f.message));
    }
    out
}

fn as_json(report: &Report) -> String {
    let list = |fs: &[Finding]| fs.iter().map(JsonFinding::from).collect::<Vec<_>>();
    let v = JsonReport {
        errors: list(&report.errors),
        warnings: list(&report.warnings),
    };
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

/// The JSON shape promised to scripts; a struct keeps the documented key order
/// (`rule`, `severity`, `cells`, `message`).
#[derive(serde::Serialize)]
struct JsonReport {
    errors: Vec<JsonFinding>,
    warnings: Vec<JsonFinding>,
}

#[derive(serde::Serialize)]
struct JsonFinding {
    rule: String,
    severity: &'static str,
    cells: Vec<String>,
    message: String,
}

impl From<&Finding> for JsonFinding {
    fn from(f: &Finding) -> Self {
        JsonFinding {
            rule: f.rule.clone(),
            severity: f.severity.name(),
            cells: f.cells.iter().map(|c| c.to_string()).collect(),
            message: f.message.clone(),
        }
    }
}
