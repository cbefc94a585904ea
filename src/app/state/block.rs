//! Rectangular blocks of a table grid: what Shift+arrows / Shift+click select,
//! what Ctrl+C puts on the clipboard (tab-separated, as WPS and Excel read
//! it) and what Ctrl+X clears. Pasting a block is in [`super::paste`]; both
//! walk the same grid axes, so a copied block pastes back into the same cells.

use crate::document::{Address, CellRef, Document};
use crate::template::{Table, Template};

use super::fields;
use super::history::Change;

/// The editable rows (group headings hold no cells) and the leaf columns of a
/// table, in the order the grid draws them.
pub fn axes(table: &Table) -> (Vec<String>, Vec<String>) {
    let rows = table
        .flat_rows()
        .iter()
        .filter(|r| !r.row.group)
        .map(|r| r.row.key.clone())
        .collect();
    let cols = table
        .leaf_columns()
        .iter()
        .map(|c| c.column.key.clone())
        .collect();
    (rows, cols)
}

/// Every cell of the rectangle spanned by two cells of one table, row by row.
/// Cells of different tables (or unknown cells) give no block.
pub fn cells_between(template: &Template, a: &CellRef, b: &CellRef) -> Vec<Vec<CellRef>> {
    if a.table != b.table {
        return Vec::new();
    }
    let Some(table) = template.table(&a.table) else {
        return Vec::new();
    };
    let (rows, cols) = axes(table);
    let pos = |c: &CellRef| {
        Some((
            rows.iter().position(|r| *r == c.row)?,
            cols.iter().position(|k| *k == c.col)?,
        ))
    };
    let (Some((ra, ca)), Some((rb, cb))) = (pos(a), pos(b)) else {
        return Vec::new();
    };
    (ra.min(rb)..=ra.max(rb))
        .map(|r| {
            (ca.min(cb)..=ca.max(cb))
                .map(|c| CellRef::new(&a.table, &rows[r], &cols[c]))
                .collect()
        })
        .collect()
}

/// The block as clipboard text: tabs between cells, `\r\n` between rows (what
/// Excel writes, and what WPS, Excel and this editor's paste all read). A
/// blank cell is an empty field; a value holding a tab, newline or quote is
/// quoted Excel-style so it stays one cell.
pub fn copy_text(doc: &Document, block: &[Vec<CellRef>]) -> String {
    let lines: Vec<String> = block
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| quote(&fields::field_text(doc, &Address::Cell(c.clone()))))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    if lines.len() > 1 {
        lines.join("\r\n") + "\r\n"
    } else {
        lines.concat()
    }
}

fn quote(text: &str) -> String {
    if text.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Blank every cell of the block (Ctrl+X): the changes, for one undo step.
pub fn clear(doc: &mut Document, template: &Template, block: &[Vec<CellRef>]) -> Vec<Change> {
    block
        .iter()
        .flatten()
        .filter_map(|c| fields::set_field(doc, template, &Address::Cell(c.clone()), "").ok())
        .flatten()
        .collect()
}

impl super::EditorState {
    /// Clipboard text of the block from `anchor` to `focus` (one cell when
    /// they are the same).
    pub fn block_text(&self, anchor: &CellRef, focus: &CellRef) -> String {
        copy_text(&self.doc, &cells_between(self.template, anchor, focus))
    }

    /// Ctrl+X of a block: blank its cells in one undo step.
    pub(super) fn clear_block(&mut self, anchor: &CellRef, focus: &CellRef) {
        let block = cells_between(self.template, anchor, focus);
        let n: usize = block.iter().map(Vec::len).sum();
        let changes = clear(&mut self.doc, self.template, &block);
        self.edited(changes, false);
        self.status = Some(super::StatusMessage::info(format!("已剪切 {n} 个单元格。")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_a_value_one_cell() {
        assert_eq!(quote("7"), "7");
        assert_eq!(quote("a\tb"), "\"a\tb\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        let round = super::super::paste::parse_block(&quote("x\ny"));
        assert_eq!(round, vec![vec!["x\ny".to_string()]]);
    }
}
