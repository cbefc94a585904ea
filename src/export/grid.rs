//! A table of the template filled with the document's values, in a neutral
//! shape both exports draw from: header cells with their spans, body rows
//! with their depth and group path, every value already turned into text.

use super::escape::clean_line;
use crate::document::{CellRef, CellValue, Document};
use crate::template::{CellKind, Column, Table};

/// Shown in the unit column of a legacy header row, as on the printed form
/// (seed 004): the row carries no number.
pub const NO_NUMBER: &str = "——";

/// One header cell: `span` leaf columns wide from leaf `start`, on header
/// line `level`, reaching down `depth` lines (a leaf reaches the bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct HeadCell {
    pub label: String,
    pub start: usize,
    pub span: usize,
    pub level: usize,
    pub depth: usize,
}

/// How a value is laid out: numbers right, words left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Number,
    Words,
}

/// One value cell as text (empty when not filled).
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub text: String,
    pub kind: ValueKind,
}

/// One body row.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub label: String,
    /// Labels of the enclosing groups and the row, outermost first.
    pub path: Vec<String>,
    pub depth: usize,
    /// A pure group label (no numbers of its own).
    pub group: bool,
    pub unit: String,
    pub values: Vec<Value>,
}

/// A template table with the document's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub title: Option<String>,
    pub caption: Option<String>,
    pub corner: String,
    /// Header of the legacy unit column, when the table has one.
    pub unit_header: Option<String>,
    /// Header lines, top to bottom (the spanning 申请人情况 line first).
    pub header: Vec<Vec<HeadCell>>,
    /// Column path of every leaf column (without the spanning header title).
    pub leaves: Vec<Vec<String>>,
    pub rows: Vec<GridRow>,
}

impl Grid {
    /// Whether the table has a row-label column worth drawing (表四 has none).
    pub fn has_labels(&self) -> bool {
        !self.corner.is_empty() || self.rows.iter().any(|r| !r.label.is_empty())
    }

    /// Whether group rows are rows of their own, marked `——` in the unit
    /// column (the legacy form).
    pub fn legacy_style(&self) -> bool {
        self.unit_header.is_some()
    }
}

/// Build the grid of `table` from `doc`.
pub fn build(table: &Table, doc: &Document) -> Grid {
    let title_line = table.header_title.as_deref().map(clean_line);
    let offset = usize::from(title_line.is_some());
    let depth = table.header_depth().max(1) + offset;
    let mut header: Vec<Vec<HeadCell>> = vec![Vec::new(); depth];
    let leaf_count = table.leaf_columns().len();
    if let Some(label) = title_line {
        header[0].push(HeadCell {
            label,
            start: 0,
            span: leaf_count,
            level: 0,
            depth: 1,
        });
    }
    let mut next = 0;
    head_cells(&table.columns, offset, depth, &mut next, &mut header);
    for line in header.iter_mut() {
        line.sort_by_key(|c| c.start);
    }
    Grid {
        title: table.title.as_deref().map(clean_line),
        caption: table.caption.as_deref().map(clean_line),
        corner: clean_line(&table.corner),
        unit_header: table.unit_column.as_deref().map(clean_line),
        header,
        leaves: table
            .leaf_columns()
            .iter()
            .map(|c| c.path().into_iter().map(clean_line).collect())
            .collect(),
        rows: body_rows(table, doc),
    }
}

/// Place the header cells of `cols` (at line `level`) and their children.
fn head_cells(
    cols: &[Column],
    level: usize,
    depth: usize,
    next: &mut usize,
    out: &mut [Vec<HeadCell>],
) {
    for col in cols {
        let start = *next;
        if col.children.is_empty() {
            *next += 1;
        } else {
            head_cells(&col.children, level + 1, depth, next, out);
        }
        let leaf = col.children.is_empty();
        if let Some(line) = out.get_mut(level) {
            line.push(HeadCell {
                label: clean_line(&col.label),
                start,
                span: (*next - start).max(1),
                level,
                depth: if leaf { depth - level } else { 1 },
            });
        }
    }
}

fn body_rows(table: &Table, doc: &Document) -> Vec<GridRow> {
    let flat = table.flat_rows();
    let leaves = table.leaf_columns();
    flat.iter()
        .enumerate()
        .map(|(i, fr)| {
            let row = fr.row;
            let values = leaves
                .iter()
                .map(|leaf| {
                    let kind = table.cell_kind(row, leaf.column);
                    if row.group {
                        return Value {
                            text: String::new(),
                            kind: ValueKind::Number,
                        };
                    }
                    let cell = CellRef::new(&table.key, &row.key, &leaf.column.key);
                    value(doc.cell(&cell), kind)
                })
                .collect();
            let unit = match (row.group, leaves.first()) {
                (false, Some(leaf)) => table.cell_unit(row, leaf.column).unwrap_or(""),
                (true, _) if table.unit_column.is_some() => NO_NUMBER,
                _ => "",
            };
            GridRow {
                label: clean_line(&row.label),
                path: Table::row_path(&flat, i)
                    .into_iter()
                    .map(clean_line)
                    .collect(),
                depth: fr.depth,
                group: row.group,
                unit: clean_line(unit),
                values,
            }
        })
        .collect()
}

/// A cell's text: empty when not filled (never 0), the original text when unparsed.
fn value(v: Option<&CellValue>, kind: CellKind) -> Value {
    let text = v.map(|v| clean_line(&v.to_string())).unwrap_or_default();
    let kind = match (v, kind) {
        (Some(CellValue::Text(_)), _) | (None, CellKind::Text) => ValueKind::Words,
        _ => ValueKind::Number,
    };
    Value { text, kind }
}
