//! `nianbao import`: read a report published elsewhere (Word, PDF, HTML,
//! Markdown, text), say what was matched and what was not and why, and optionally
//! write the document.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Failure, Outcome};
use crate::import::{self, Import};
use crate::template;

/// How the import report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// 中文说明
    Text,
    /// JSON 数据（与文字说明内容相同）
    Json,
}

/// 导入已发布的报告（Word .docx/.doc、WPS .wps、OpenDocument .odt、PDF、网页 .html/.htm、Markdown .md、文本 .txt；格式按内容识别）
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// 要导入的文件（.docx / .doc / .wps / .odt / .pdf / .html / .htm / .md / .txt）
    #[arg(value_name = "输入文件")]
    pub input: PathBuf,
    /// 把导入的文档保存到此文件（.ron）
    #[arg(short = 'o', long = "output", value_name = "文件.ron")]
    pub output: Option<PathBuf>,
    /// 模板：auto（按表格和年度自动识别），或 gk2021、gk2019、legacy-national、legacy-provincial
    #[arg(long, value_name = "模板", default_value = "auto")]
    pub template: String,
    /// 说明的格式
    #[arg(long, value_name = "格式", value_enum, default_value_t = ImportFormat::Text)]
    pub format: ImportFormat,
    /// 即使 -o 的文件正在编辑器中打开也写入
    #[arg(long)]
    pub force: bool,
}

/// Run the subcommand: 0 when a document was produced, 2 when the input (or
/// the template name) cannot be used, 1 when the document cannot be written.
pub(crate) fn run(args: ImportArgs) -> Outcome {
    let forced = match args.template.as_str() {
        "auto" => None,
        id if template::get(id).is_some() => Some(id),
        id => {
            let ids: Vec<&str> = template::all().iter().map(|t| t.id.as_str()).collect();
            return Err(Failure::usage(format!(
                "没有模板“{id}”，可用：auto、{} (unknown template: {id})",
                ids.join("、")
            )));
        }
    };
    let imported =
        import::import_file_as(&args.input, forced).map_err(|e| Failure::usage(e.to_string()))?;
    match args.format {
        ImportFormat::Text => {
            let text = format!(
                "{}{}",
                imported.report_text(),
                validation_summary(&imported)
            );
            super::emit(&text, None)?;
        }
        ImportFormat::Json => match serde_json::to_string_pretty(&imported) {
            Ok(json) => super::emit(&format!("{json}\n"), None).map(drop)?,
            Err(e) => {
                return Err(Failure::refused(format!(
                    "无法生成 JSON 说明 (JSON serialization failed: {e})"
                )));
            }
        },
    }
    if let Some(out) = &args.output {
        super::refuse_if_locked(out, Some(args.force))?;
        crate::document::file::save(&imported.document, out)
            .map_err(|e| Failure::refused(e.to_string()))?;
        if args.format == ImportFormat::Text {
            super::emit(&format!("\n已保存：{}\n", out.display()), None)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The validator on the imported numbers, as on any document: published
/// totals are kept as printed, so a wrong total shows exactly where.
fn validation_summary(imported: &Import) -> String {
    let Some(tpl) = template::get(&imported.template) else {
        return String::new();
    };
    let report = crate::validate::validate(&imported.document, tpl);
    let mut out = format!(
        "\n校验：✖ 错误 {} 项，⚠ 提示 {} 项\n",
        report.errors.len(),
        report.warnings.len()
    );
    for f in &report.errors {
        out.push_str(&format!("  ✖ {}\n", f.message));
    }
    out
}
