//! Cell input (单元格输入): how typed or pasted text becomes a cell value.
//! Shared by the editor, the command line and the importer.

use crate::document::CellValue;
use crate::template::CellKind;

/// A refused input: what was expected, in Chinese, then the technical cause.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({cause})")]
pub struct InputError {
    /// e.g. 此处应填写非负整数（件）
    pub message: String,
    pub cause: String,
}

/// Parse raw input for a cell of `kind` with `unit`. `Ok(None)` clears the cell.
pub fn parse_cell_input(
    kind: CellKind,
    unit: Option<&str>,
    raw: &str,
) -> Result<Option<CellValue>, InputError> {
    let _ = (kind, unit, raw);
    Err(InputError {
        message: "尚未实现".into(),
        cause: "not implemented".into(),
    })
}
