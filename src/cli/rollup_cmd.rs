//! `nianbao rollup`: a county's check and sum of many reports. The work is
//! in [`crate::rollup`]; this reads the arguments and writes the result.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Failure, Outcome};
use crate::deadline::MonthDay;
use crate::rollup;

/// `1-15` or `01-15` (also `1月15日`) as a day of the year.
fn parse_month_day(s: &str) -> Result<MonthDay, String> {
    let parts: Vec<&str> = s
        .split(['-', '月', '日', '/'])
        .filter(|p| !p.is_empty())
        .collect();
    let day = match parts.as_slice() {
        [m, d] => m.trim().parse().ok().zip(d.trim().parse().ok()),
        _ => None,
    };
    day.and_then(|(m, d)| MonthDay::new(m, d))
        .ok_or_else(|| format!("“{s}”不是日期，请写成 月-日，如 1-15"))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
    Xlsx,
    /// 退回修改清单
    SendBack,
}

#[derive(Args, Debug)]
pub struct RollupArgs {
    /// 年报文件或文件夹（文件夹中的 .ron 文件逐层查找）
    #[arg(value_name = "路径", required = true)]
    paths: Vec<PathBuf>,
    /// 应报单位名单：文本文件，每行一个单位名称（不指定时用文件夹中的“应报单位.txt”）
    #[arg(long, value_name = "名单文件")]
    expect: Option<PathBuf>,
    /// 县里的备案截止日期（月-日，如 1-15）：之后保存的报告标为逾期；不指定时按《条例》第四十九条
    #[arg(long, value_name = "月-日", value_parser = parse_month_day)]
    filing_by: Option<MonthDay>,
    /// 输出格式：text（默认）、json、csv（单位清单）、xlsx（Excel 工作簿，需指定 -o）或 send-back（退回修改清单）
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

pub fn run(args: RollupArgs) -> Outcome {
    let expected = rollup::expected_units(&args.paths, args.expect.as_deref())
        .map_err(|e| Failure::usage(format!("错误：{e}")))?;
    if matches!(args.format, Format::Xlsx) && args.output.is_none() {
        return Err(Failure::usage(
            "错误：xlsx 格式须用 -o 指定输出文件 (xlsx needs -o)",
        ));
    }
    let result = rollup::rollup_with(
        &args.paths,
        &expected,
        args.filing_by,
        &rollup::Progress::new(),
    );
    let out = args.output.as_deref();
    match args.format {
        Format::Text => super::emit(&rollup::to_text(&result), out)?,
        Format::Json => super::emit(&rollup::to_json(&result), out)?,
        Format::Csv => super::emit(&rollup::to_csv(&result), out)?,
        Format::SendBack => super::emit(&rollup::to_send_back(&result), out)?,
        Format::Xlsx => {
            let bytes =
                rollup::to_xlsx(&result).map_err(|e| Failure::usage(format!("错误：{e}")))?;
            super::emit_bytes(&bytes, out)?
        }
    };
    for u in &result.unreadable {
        eprintln!("无法读取 {}：{}", u.file.display(), u.message);
    }
    Ok(ExitCode::from(result.exit_code()))
}
