//! `nianbao export`: plain text, Markdown or HTML for the government website,
//! Word for the county office.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Failure, Outcome};
use crate::export::{default_file_name, to_docx, to_html, to_markdown, to_text};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum To {
    Txt,
    Md,
    Html,
    Docx,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 导出格式：txt（纯文本）、md（Markdown）、html（网页）或 docx（Word）
    #[arg(long, value_enum, value_name = "格式", hide_possible_values = true)]
    to: To,
    /// 输出文件；不指定时文本类输出到屏幕（标准输出），docx 写到年报文件旁
    #[arg(short = 'o', long = "output", value_name = "输出文件")]
    output: Option<PathBuf>,
}

pub fn run(args: ExportArgs) -> Outcome {
    let (doc, template) = super::load(&args.file)?;
    let text = match args.to {
        To::Txt => to_text(&doc, template),
        To::Md => to_markdown(&doc, template),
        To::Html => to_html(&doc, template),
        To::Docx => return docx(&args, &doc, template),
    };
    super::emit(&text, args.output.as_deref())
}

/// A binary package never goes to the screen: without `-o` it is written
/// beside the report under the official file name.
fn docx(
    args: &ExportArgs,
    doc: &crate::document::Document,
    template: &crate::template::Template,
) -> Outcome {
    let bytes = to_docx(doc, template).map_err(|e| Failure::usage(format!("错误：{e}")))?;
    let path = match &args.output {
        Some(path) => path.clone(),
        None => args.file.with_file_name(default_file_name(doc, "docx")),
    };
    let code = super::emit_bytes(&bytes, Some(&path))?;
    if args.output.is_none() {
        super::emit(&format!("已导出：{}\n", path.display()), None)?;
    }
    Ok(code)
}
