//! `nianbao export`: plain text or Markdown for the government website.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Outcome;
use crate::export::{to_markdown, to_text};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum To {
    Txt,
    Md,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 导出格式：txt（纯文本）或 md（Markdown）
    #[arg(long, value_enum, value_name = "格式", hide_possible_values = true)]
    to: To,
    /// 输出文件；不指定时输出到屏幕（标准输出）
    #[arg(short = 'o', long = "output", value_name = "输出文件")]
    output: Option<PathBuf>,
}

pub fn run(args: ExportArgs) -> Outcome {
    let (doc, template) = super::load(&args.file)?;
    let text = match args.to {
        To::Txt => to_text(&doc, template),
        To::Md => to_markdown(&doc, template),
    };
    super::emit(&text, args.output.as_deref())
}
