//! `nianbao rollup`: a county's check and sum of many reports. The work is
//! in [`crate::rollup`]; this reads the arguments and writes the result.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::document::file;
use crate::rollup::{self, parse_expected};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
    Xlsx,
}

#[derive(Args, Debug)]
pub struct RollupArgs {
    /// 年报文件或文件夹（文件夹中的 .ron 文件逐层查找）
    #[arg(value_name = "路径", required = true)]
    paths: Vec<PathBuf>,
    /// 应报单位名单：文本文件，每行一个单位名称
    #[arg(long, value_name = "名单文件")]
    expect: Option<PathBuf>,
    /// 输出格式：text（默认）、json、csv（单位清单）或 xlsx（Excel 工作簿，需指定 -o）
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

pub fn run(args: RollupArgs) -> ExitCode {
    super::exit(roll(args))
}

fn roll(args: RollupArgs) -> Result<ExitCode, ExitCode> {
    let expected = match &args.expect {
        Some(path) => read_expected(path)?,
        None => Vec::new(),
    };
    if matches!(args.format, Format::Xlsx) && args.output.is_none() {
        eprintln!("错误：xlsx 格式须用 -o 指定输出文件 (xlsx needs -o)");
        return Err(ExitCode::from(2));
    }
    let result = rollup::rollup(&args.paths, &expected);
    let written = match args.format {
        Format::Text => super::emit(&rollup::to_text(&result), args.output.as_deref()),
        Format::Json => super::emit(&rollup::to_json(&result), args.output.as_deref()),
        Format::Csv => super::emit(&rollup::to_csv(&result), args.output.as_deref()),
        Format::Xlsx => write_xlsx(&result, args.output.as_deref())?,
    };
    if written != ExitCode::SUCCESS {
        return Err(written);
    }
    for u in &result.unreadable {
        eprintln!("无法读取 {}：{}", u.file.display(), u.message);
    }
    Ok(ExitCode::from(result.exit_code()))
}

fn read_expected(path: &std::path::Path) -> Result<Vec<String>, ExitCode> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(parse_expected(&String::from_utf8_lossy(&bytes))),
        Err(e) => {
            eprintln!("错误：无法读取单位名单 {}：{e}", path.display());
            Err(ExitCode::from(2))
        }
    }
}

fn write_xlsx(
    result: &rollup::Rollup,
    out: Option<&std::path::Path>,
) -> Result<ExitCode, ExitCode> {
    let Some(out) = out else {
        return Err(ExitCode::from(2));
    };
    let bytes = rollup::to_xlsx(result).map_err(|e| {
        eprintln!("错误：{e}");
        ExitCode::from(2)
    })?;
    file::write_atomic(out, &bytes).map_err(|e| {
        eprintln!("错误：无法写入 {}：{e}", out.display());
        ExitCode::from(2)
    })?;
    Ok(ExitCode::SUCCESS)
}
