//! `nianbao get` and `nianbao set`: one field by address, parsed exactly as
//! the editor parses typing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Failure, Outcome};
use crate::document::{edit, Address};

#[derive(Args, Debug)]
pub struct GetArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 字段地址，如 t3.new.natural、meta.unit、prose.p1（见 nianbao cells）
    #[arg(value_name = "地址")]
    address: String,
}

#[derive(Args, Debug)]
pub struct SetArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 字段地址，如 t3.new.natural、meta.unit、prose.p1（见 nianbao cells）
    #[arg(value_name = "地址")]
    address: String,
    /// 要填写的值；空字符串 "" 表示清空（恢复为未填写）
    #[arg(value_name = "值", allow_hyphen_values = true)]
    value: String,
    /// 即使此报告正在编辑器中打开也写入
    #[arg(long)]
    force: bool,
}

pub fn run_get(args: GetArgs) -> Outcome {
    let (doc, template) = super::load(&args.file)?;
    let address = parse_address(&args.address)?;
    let value = edit::get(&doc, template, &address).map_err(refused)?;
    Ok(match value {
        Some(v) => super::emit(&format!("{v}\n"), None)?,
        None => ExitCode::SUCCESS,
    })
}

pub fn run_set(args: SetArgs) -> Outcome {
    super::refuse_if_locked(&args.file, Some(args.force))?;
    let (mut doc, template) = super::load(&args.file)?;
    let address = parse_address(&args.address)?;
    let before = doc.clone();
    edit::set(&mut doc, template, &address, &args.value).map_err(refused)?;
    // An unchanged document is not rewritten (and gets no new .bak).
    if doc != before {
        super::save(&doc, &args.file)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_address(raw: &str) -> Result<Address, Failure> {
    raw.trim()
        .parse()
        .map_err(|e: String| Failure::refused(format!("错误：{e}")))
}

fn refused(e: crate::input::InputError) -> Failure {
    Failure::refused(format!("错误：{e}"))
}
