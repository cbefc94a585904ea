//! `nianbao compare`: this year's report against last year's; the work is in
//! [`crate::compare`].

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Outcome;
use crate::compare::{compare, to_json, to_markdown, to_text};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
    Md,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// 本年的年报文件
    #[arg(value_name = "本年文件")]
    this: PathBuf,
    /// 上年的年报文件
    #[arg(value_name = "上年文件")]
    last: PathBuf,
    /// 输出格式：text（默认）、json 或 md（Markdown）
    #[arg(
        long,
        value_enum,
        default_value = "text",
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true
    )]
    format: Format,
    /// 输出文件；不指定时输出到屏幕（标准输出）
    #[arg(short = 'o', long = "output", value_name = "输出文件")]
    output: Option<PathBuf>,
}

pub fn run(args: CompareArgs) -> Outcome {
    let (this, template) = super::load(&args.this)?;
    let (last, _) = super::load(&args.last)?;
    super::note_year_gap(&last, &this);
    let c = compare(&this, &last.cells, last.meta.year, template);
    let text = match args.format {
        Format::Text => to_text(&c),
        Format::Json => to_json(&c),
        Format::Md => to_markdown(&c),
    };
    super::emit(&text, args.output.as_deref())
}
