//! `nianbao validate`: the 勾稽关系 check, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::Outcome;
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
    super::link_prev(&mut doc, args.prev.as_deref())?;
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
    let reviewed = match report.reviewed.len() {
        0 => String::new(),
        n => format!("已核实 {n} 项。"),
    };
    if report.errors.is_empty() && report.warnings.is_empty() {
        return format!("校验通过：没有发现错误或提示。{reviewed}\n");
    }
    let mut out = format!(
        "校验结果：错误 {} 项，提示 {} 项。{reviewed}\n",
        report.errors.len(),
        report.warnings.len()
    );
    for (mark, f) in report
        .errors
        .iter()
        .map(|f| ("✖ 错误", f))
        .chain(report.warnings.iter().map(|f| ("⚠ 提示", f)))
    {
        out.push_str(&format!(
            "{mark} [{}] {} （编号 {}）\n",
            f.rule,
            f.message,
            f.id()
        ));
    }
    out
}

fn as_json(report: &Report) -> String {
    let list = |fs: &[Finding]| fs.iter().map(JsonFinding::from).collect::<Vec<_>>();
    let v = JsonReport {
        errors: list(&report.errors),
        warnings: list(&report.warnings),
        reviewed: report
            .reviewed
            .iter()
            .map(|(f, note)| JsonReviewed {
                finding: JsonFinding::from(f),
                note: note.clone(),
            })
            .collect(),
    };
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

/// The JSON shape promised to scripts; a struct keeps the documented key order
/// (`id`, `rule`, `severity`, `cells`, `message`, then `span` when the
/// finding points into a text: address and character offsets).
#[derive(serde::Serialize)]
struct JsonReport {
    errors: Vec<JsonFinding>,
    warnings: Vec<JsonFinding>,
    /// Warnings marked 已核实, each with its note.
    reviewed: Vec<JsonReviewed>,
}

#[derive(serde::Serialize)]
struct JsonReviewed {
    #[serde(flatten)]
    finding: JsonFinding,
    note: String,
}

#[derive(serde::Serialize)]
struct JsonSpan {
    address: String,
    start: usize,
    end: usize,
}

#[derive(serde::Serialize)]
struct JsonFinding {
    /// Stable: the same finding has the same id on every run and machine.
    id: String,
    rule: String,
    severity: &'static str,
    cells: Vec<String>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<JsonSpan>,
}

impl From<&Finding> for JsonFinding {
    fn from(f: &Finding) -> Self {
        JsonFinding {
            id: f.id(),
            rule: f.rule.clone(),
            severity: f.severity.name(),
            cells: f.cells.iter().map(|c| c.to_string()).collect(),
            message: f.message.clone(),
            span: f.span.as_ref().map(|s| JsonSpan {
                address: s.address.to_string(),
                start: s.start,
                end: s.end,
            }),
        }
    }
}
