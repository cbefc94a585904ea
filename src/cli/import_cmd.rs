//! `nianbao import`: a published report (HTML, Markdown or text) into a
//! report file. Placeholder until the importer lands.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// 已发布的年报（网页、Markdown 或文本文件）
    #[arg(value_name = "输入文件")]
    pub input: PathBuf,
    /// 保存位置
    #[arg(short = 'o', long = "output", value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 模板编号（如 gk2021）；默认自动判断
    #[arg(long, value_name = "模板")]
    pub template: Option<String>,
    /// 输入格式：html、md 或 txt；默认按扩展名判断
    #[arg(long, value_name = "格式")]
    pub format: Option<String>,
}

pub fn run(args: ImportArgs) -> ExitCode {
    let _ = args;
    eprintln!("导入功能尚在开发 (import is not implemented yet)");
    ExitCode::from(2)
}
