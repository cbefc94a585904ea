//! `nianbao template check FILE.ron` runs the program's own template loader on
//! a file outside the binary, for whoever writes the next official revision;
//! `nianbao template list` names the built-in templates.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{Failure, Outcome};
use crate::template::{self, Template};

#[derive(Args, Debug)]
pub struct TemplateArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// 检查模板文件（.ron）：能编译时显示概要，否则逐条列出问题及所在行
    Check {
        /// 模板文件（.ron）
        #[arg(value_name = "模板文件")]
        file: PathBuf,
    },
    /// 列出内置的模板
    List,
}

pub fn run(args: TemplateArgs) -> Outcome {
    match args.action {
        Action::Check { file } => check(&file),
        Action::List => super::emit(&list(), None),
    }
}

/// 0 and a one-line summary when the file compiles; 1 and every problem
/// when it does not; 2 when it cannot be read.
fn check(path: &Path) -> Outcome {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("错误：无法读取模板文件 {} ({e})", path.display())))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match template::parse_template(&name, &text) {
        Ok(t) => super::emit(&format!("{}\n", summary(&t)), None),
        Err(e) => Err(Failure::refused(e.to_string())),
    }
}

/// `模板 gk2021（现行格式（2021 年起））检查通过：6 个部分、…、10 条规则`
fn summary(t: &Template) -> String {
    format!(
        "模板 {}（{}）检查通过：{} 个部分、{} 张表、{} 个单元格、{} 条规则",
        t.id,
        t.name,
        t.parts.len(),
        t.tables().count(),
        t.cells().len(),
        t.rules.len()
    )
}

/// One line per built-in template: id, years, name, and whether it is regional.
fn list() -> String {
    let mut out = String::new();
    for t in template::all() {
        let years = match t.last_year {
            Some(last) => format!("{}–{last}", t.first_year),
            None => format!("{} 起", t.first_year),
        };
        let regional = if t.regional { "\t地方格式" } else { "" };
        out.push_str(&format!("{}\t{years}\t{}{regional}\n", t.id, t.name));
    }
    out
}
