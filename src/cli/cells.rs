//! `nianbao cells FILE`: every editable field, one per line, tab-separated.

use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::document::edit::fields;

#[derive(Args, Debug)]
pub struct CellsArgs {
    /// 年报文件
    #[arg(value_name = "文件")]
    file: PathBuf,
}

pub fn run(args: CellsArgs) -> Outcome {
    let (doc, template) = super::load(&args.file)?;
    let mut out = String::new();
    for f in fields(&doc, template) {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            f.address,
            f.kind.name(),
            f.table,
            f.row_path,
            f.col_path
        ));
    }
    super::emit(&out, None)
}
