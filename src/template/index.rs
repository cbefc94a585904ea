//! Flattened views of a template: every cell with its official row and column
//! paths, in reading order. The validator, exports, command line and editor all
//! walk templates through these, so label paths are computed in one place.

use super::model::{CellKind, Column, Row, Table, Template};
use crate::document::CellRef;

/// Everything a consumer needs to know about one numeric or text cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellInfo<'t> {
    pub cell: CellRef,
    pub kind: CellKind,
    pub unit: Option<&'t str>,
    /// Row labels from the outermost group to the leaf.
    pub row_path: Vec<&'t str>,
    /// Column labels from the outermost group to the leaf.
    pub col_path: Vec<&'t str>,
}

impl CellInfo<'_> {
    pub fn row_path_joined(&self) -> String {
        self.row_path.join(" / ")
    }
    pub fn col_path_joined(&self) -> String {
        self.col_path.join(" / ")
    }
}

/// A row in display order with its depth in the row tree.
#[derive(Debug, Clone, Copy)]
pub struct FlatRow<'t> {
    pub row: &'t Row,
    pub depth: usize,
    /// Index of the parent in the flattened list.
    pub parent: Option<usize>,
}

/// A leaf column with its ancestors (outermost first).
#[derive(Debug, Clone)]
pub struct LeafColumn<'t> {
    pub column: &'t Column,
    pub ancestors: Vec<&'t Column>,
}

impl<'t> LeafColumn<'t> {
    pub fn path(&self) -> Vec<&'t str> {
        self.ancestors
            .iter()
            .map(|c| c.label.as_str())
            .chain(std::iter::once(self.column.label.as_str()))
            .collect()
    }
}

impl Table {
    /// Rows in display order (pre-order walk of the row tree).
    pub fn flat_rows(&self) -> Vec<FlatRow<'_>> {
        fn walk<'t>(
            rows: &'t [Row],
            depth: usize,
            parent: Option<usize>,
            out: &mut Vec<FlatRow<'t>>,
        ) {
            for row in rows {
                let me = out.len();
                out.push(FlatRow { row, depth, parent });
                walk(&row.children, depth + 1, Some(me), out);
            }
        }
        let mut out = Vec::new();
        walk(&self.rows, 0, None, &mut out);
        out
    }

    /// Leaf columns, left to right.
    pub fn leaf_columns(&self) -> Vec<LeafColumn<'_>> {
        fn walk<'t>(cols: &'t [Column], anc: &mut Vec<&'t Column>, out: &mut Vec<LeafColumn<'t>>) {
            for col in cols {
                if col.children.is_empty() {
                    out.push(LeafColumn {
                        column: col,
                        ancestors: anc.clone(),
                    });
                } else {
                    anc.push(col);
                    walk(&col.children, anc, out);
                    anc.pop();
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.columns, &mut Vec::new(), &mut out);
        out
    }

    /// Depth of the column header tree (1 for a flat header).
    pub fn header_depth(&self) -> usize {
        fn depth(cols: &[Column]) -> usize {
            cols.iter()
                .map(|c| 1 + depth(&c.children))
                .max()
                .unwrap_or(0)
        }
        depth(&self.columns)
    }

    /// Path of labels from the outermost row group to the row at `index` of `flat`.
    pub fn row_path<'t>(flat: &[FlatRow<'t>], index: usize) -> Vec<&'t str> {
        let mut path = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            if !flat[i].row.label.is_empty() {
                path.push(flat[i].row.label.as_str());
            }
            at = flat[i].parent;
        }
        path.reverse();
        path
    }

    /// The table's official heading as used by `nianbao cells` and findings'
    /// context: the part heading, then the block title when there is one
    /// (`二、主动公开政府信息情况 / 第二十条第（一）项`).
    pub fn heading_path(&self, part: &super::model::Part) -> String {
        match &self.title {
            Some(t) => format!("{} / {}", part.heading, t),
            None => part.heading.clone(),
        }
    }

    pub fn find_row(&self, key: &str) -> Option<&Row> {
        fn find<'t>(rows: &'t [Row], key: &str) -> Option<&'t Row> {
            rows.iter().find_map(|r| {
                if r.key == key {
                    Some(r)
                } else {
                    find(&r.children, key)
                }
            })
        }
        find(&self.rows, key)
    }

    pub fn find_leaf_column(&self, key: &str) -> Option<LeafColumn<'_>> {
        self.leaf_columns()
            .into_iter()
            .find(|c| c.column.key == key)
    }

    /// Kind of the cell at (row, column): the row's kind wins over the column's,
    /// the column's over the table's default.
    pub fn cell_kind(&self, row: &Row, col: &Column) -> CellKind {
        row.kind.or(col.kind).unwrap_or(self.kind)
    }

    /// Unit of the cell at (row, column), same precedence as the kind.
    pub fn cell_unit<'t>(&'t self, row: &'t Row, col: &'t Column) -> Option<&'t str> {
        row.unit
            .as_deref()
            .or(col.unit.as_deref())
            .or(self.unit.as_deref())
    }

    /// One cell (a value row × a leaf column), without listing them all.
    pub fn cell_info(&self, row: &str, col: &str) -> Option<CellInfo<'_>> {
        let flat = self.flat_rows();
        let i = flat
            .iter()
            .position(|fr| fr.row.key == row && !fr.row.group)?;
        let leaf = self.find_leaf_column(col)?;
        let fr = flat[i];
        Some(CellInfo {
            cell: CellRef::new(&self.key, &fr.row.key, &leaf.column.key),
            kind: self.cell_kind(fr.row, leaf.column),
            unit: self.cell_unit(fr.row, leaf.column),
            row_path: Table::row_path(&flat, i),
            col_path: leaf.path(),
        })
    }

    /// Every cell of the table in reading order (row by row, left to right).
    pub fn cells(&self) -> Vec<CellInfo<'_>> {
        let flat = self.flat_rows();
        let cols = self.leaf_columns();
        let mut out = Vec::new();
        for (i, fr) in flat.iter().enumerate() {
            if fr.row.group {
                continue;
            }
            for col in &cols {
                out.push(CellInfo {
                    cell: CellRef::new(&self.key, &fr.row.key, &col.column.key),
                    kind: self.cell_kind(fr.row, col.column),
                    unit: self.cell_unit(fr.row, col.column),
                    row_path: Table::row_path(&flat, i),
                    col_path: col.path(),
                });
            }
        }
        out
    }
}

impl Template {
    /// All tables with the part they belong to, in official order.
    pub fn tables(&self) -> impl Iterator<Item = (&super::model::Part, &Table)> {
        self.parts
            .iter()
            .flat_map(|p| p.tables.iter().map(move |t| (p, t)))
    }

    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables().map(|(_, t)| t).find(|t| t.key == key)
    }

    /// Every cell of every table, in official reading order.
    pub fn cells(&self) -> Vec<CellInfo<'_>> {
        self.tables().flat_map(|(_, t)| t.cells()).collect()
    }

    /// Information on one cell, if the template has it.
    pub fn cell(&self, cell: &CellRef) -> Option<CellInfo<'_>> {
        let table = self.table(&cell.table)?;
        table.cell_info(&cell.row, &cell.col)
    }

    /// `表三 一、本年新收政府信息公开申请数量 · 法人或其他组织 / 商业企业`:
    /// where a cell is, in the official words (messages, tooltips, lists).
    pub fn cell_label(&self, cell: &CellRef) -> String {
        match (self.table(&cell.table), self.cell(cell)) {
            (Some(t), Some(info)) => {
                let col = info.col_path_joined();
                match info.row_path.last() {
                    Some(row) => format!("{} {row} · {col}", t.name),
                    None => format!("{} {col}", t.name),
                }
            }
            _ => cell.to_string(),
        }
    }

    pub fn part(&self, key: &str) -> Option<&super::model::Part> {
        self.parts.iter().find(|p| p.key == key)
    }
}
