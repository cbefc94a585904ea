//! A per-call index of the template's tables and the document's cells.
//!
//! Built once per `validate` call (a few hundred entries), so every rule looks
//! cells up by array position instead of walking the template or allocating
//! `CellRef`s; nothing is cached between calls.

use std::collections::{BTreeMap, HashMap};

use crate::document::{CellRef, CellValue, Document};
use crate::template::{CellKind, FlatRow, LeafColumn, Row, Table, Template};

/// One table with its rows and leaf columns resolvable by key.
pub(crate) struct TableIndex<'t> {
    pub table: &'t Table,
    pub flat: Vec<FlatRow<'t>>,
    rows: HashMap<&'t str, usize>,
    pub leaves: Vec<LeafColumn<'t>>,
    cols: HashMap<&'t str, usize>,
    /// Display name of each leaf column: its label, prefixed with the nearest
    /// group label(s) when the label alone is ambiguous in the table.
    col_names: Vec<String>,
    /// Number of non-group rows: a one-row table needs no row name in messages.
    value_rows: usize,
}

impl<'t> TableIndex<'t> {
    fn new(table: &'t Table) -> TableIndex<'t> {
        let flat = table.flat_rows();
        let leaves = table.leaf_columns();
        let rows = flat
            .iter()
            .enumerate()
            .map(|(i, fr)| (fr.row.key.as_str(), i))
            .collect();
        let cols = leaves
            .iter()
            .enumerate()
            .map(|(i, lc)| (lc.column.key.as_str(), i))
            .collect();
        let col_names = column_names(&leaves);
        let value_rows = flat.iter().filter(|fr| !fr.row.group).count();
        TableIndex {
            table,
            flat,
            rows,
            leaves,
            cols,
            col_names,
            value_rows,
        }
    }

    /// Flat index of a row by key (group rows included).
    pub fn row(&self, key: &str) -> Option<usize> {
        self.rows.get(key).copied()
    }

    /// Index of a leaf column by key.
    pub fn col(&self, key: &str) -> Option<usize> {
        self.cols.get(key).copied()
    }

    pub fn row_at(&self, r: usize) -> &'t Row {
        self.flat[r].row
    }

    /// Kind of the cell at (flat row, leaf column).
    pub fn kind(&self, r: usize, c: usize) -> CellKind {
        self.table
            .cell_kind(self.flat[r].row, self.leaves[c].column)
    }

    pub fn unit(&self, r: usize, c: usize) -> Option<&'t str> {
        self.table
            .cell_unit(self.flat[r].row, self.leaves[c].column)
    }

    /// Whether (r, c) is a cell of the template (group rows hold none).
    pub fn is_cell(&self, r: usize, c: usize) -> bool {
        r < self.flat.len() && c < self.leaves.len() && !self.flat[r].row.group
    }

    pub fn cell_ref(&self, r: usize, c: usize) -> CellRef {
        CellRef::new(
            &self.table.key,
            &self.flat[r].row.key,
            &self.leaves[c].column.key,
        )
    }

    /// A row as named in expressions: its short form (一, （三）1) or label.
    pub fn row_short(&self, r: usize) -> &'t str {
        let row = self.flat[r].row;
        row.short.as_deref().unwrap_or(&row.label)
    }

    /// A row as named in advice: its full official label.
    pub fn row_label(&self, r: usize) -> &'t str {
        let row = self.flat[r].row;
        if row.label.is_empty() {
            self.row_short(r)
        } else {
            &row.label
        }
    }

    pub fn col_name(&self, c: usize) -> &str {
        &self.col_names[c]
    }

    /// 表三“自然人”列 — where a column-wise relation is checked; just the
    /// table name when it has a single value column (统计表's 统计数).
    pub fn column_context(&self, c: usize) -> String {
        if self.leaves.len() == 1 {
            return self.table.name.clone();
        }
        format!("{}{}列", self.table.name, quoted(self.col_name(c)))
    }

    /// 表三“一”行 — where a row-wise relation is checked; just the table name
    /// when the table has one unnamed row (表四).
    pub fn row_context(&self, r: usize) -> String {
        let name = self.row_short(r);
        if name.is_empty() || (self.value_rows == 1 && self.flat[r].row.label.is_empty()) {
            self.table.name.clone()
        } else {
            format!("{}{}行", self.table.name, quoted(name))
        }
    }

    /// 表三“一”行“自然人”列 — one cell in official words; the column is left
    /// out when the table has only one.
    pub fn cell_name(&self, r: usize, c: usize) -> String {
        let row = if self.value_rows == 1 && self.flat[r].row.label.is_empty() {
            String::new()
        } else {
            format!("{}行", quoted(self.row_short(r)))
        };
        let col = if self.leaves.len() == 1 && !row.is_empty() {
            String::new()
        } else {
            format!("{}列", quoted(self.col_name(c)))
        };
        format!("{}{row}{col}", self.table.name)
    }

    /// Every template cell of the table in reading order, as (row, column).
    pub fn positions(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let cols = self.leaves.len();
        self.flat
            .iter()
            .enumerate()
            .filter(|(_, fr)| !fr.row.group)
            .flat_map(move |(r, _)| (0..cols).map(move |c| (r, c)))
    }
}

/// `name` in Chinese quotes unless it already carries its own (行政复议“总计”).
pub(crate) fn quoted(name: &str) -> String {
    if name.contains('“') {
        name.to_string()
    } else {
        format!("“{name}”")
    }
}

/// Leaf labels, disambiguated with the fewest nearest ancestors that make
/// them unique (表四: 未经复议直接起诉“结果维持”).
fn column_names(leaves: &[LeafColumn<'_>]) -> Vec<String> {
    let label_count = |label: &str| leaves.iter().filter(|l| l.column.label == label).count();
    leaves
        .iter()
        .map(|leaf| {
            let label = leaf.column.label.as_str();
            if label_count(label) <= 1 || leaf.ancestors.is_empty() {
                return label.to_string();
            }
            let path = leaf.path();
            let depth = path.len();
            let mut take = 1;
            while take < depth - 1 {
                let suffix = &path[depth - 1 - take..];
                let same = leaves.iter().filter(|l| l.path().ends_with(suffix)).count();
                if same <= 1 {
                    break;
                }
                take += 1;
            }
            let prefix = path[depth - 1 - take..depth - 1].join(" / ");
            format!("{prefix}“{label}”")
        })
        .collect()
}

/// Values of one table's cells, by (flat row, leaf column).
pub(crate) struct Grid<'d> {
    cols: usize,
    cells: Vec<Option<&'d CellValue>>,
}

impl<'d> Grid<'d> {
    fn new(table: &TableIndex<'_>) -> Grid<'d> {
        let cols = table.leaves.len();
        Grid {
            cols,
            cells: vec![None; table.flat.len() * cols],
        }
    }

    pub fn get(&self, r: usize, c: usize) -> Option<&'d CellValue> {
        if c >= self.cols {
            return None;
        }
        self.cells.get(r * self.cols + c).copied().flatten()
    }

    fn set(&mut self, r: usize, c: usize, v: &'d CellValue) {
        if c < self.cols {
            if let Some(slot) = self.cells.get_mut(r * self.cols + c) {
                *slot = Some(v);
            }
        }
    }
}

/// The template's tables plus this year's (and last year's) values.
pub(crate) struct Index<'t, 'd> {
    pub tables: Vec<TableIndex<'t>>,
    by_key: HashMap<&'t str, usize>,
    pub current: Vec<Grid<'d>>,
    /// Last year's values, when the document knows them.
    pub previous: Option<Vec<Grid<'d>>>,
    /// This year's cells the template does not have, in document order.
    pub unknown: Vec<&'d CellRef>,
}

impl<'t, 'd> Index<'t, 'd> {
    pub fn new(template: &'t Template, doc: &'d Document) -> Index<'t, 'd> {
        let tables: Vec<TableIndex<'t>> =
            template.tables().map(|(_, t)| TableIndex::new(t)).collect();
        let mut by_key = HashMap::with_capacity(tables.len());
        for (i, t) in tables.iter().enumerate() {
            by_key.entry(t.table.key.as_str()).or_insert(i);
        }
        let mut index = Index {
            current: Vec::new(),
            previous: None,
            unknown: Vec::new(),
            tables,
            by_key,
        };
        let (current, unknown) = index.grids(&doc.cells);
        index.current = current;
        index.unknown = unknown;
        index.previous = doc.previous.as_ref().map(|p| index.grids(&p.cells).0);
        index
    }

    /// Ordinal of a table by key.
    pub fn table(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Spread a cell map over per-table grids; cells the template lacks are returned apart.
    fn grids(&self, cells: &'d BTreeMap<CellRef, CellValue>) -> (Vec<Grid<'d>>, Vec<&'d CellRef>) {
        let mut grids: Vec<Grid<'d>> = self.tables.iter().map(Grid::new).collect();
        let mut unknown = Vec::new();
        // Cells come sorted by table then row: look each table and row up once.
        let mut table: Option<(&str, Option<usize>)> = None;
        let mut row: Option<(&str, &str, Option<usize>)> = None;
        for (cell, value) in cells {
            let t = match table {
                Some((key, t)) if key == cell.table => t,
                _ => {
                    let t = self.table(&cell.table);
                    table = Some((&cell.table, t));
                    t
                }
            };
            let located = t.and_then(|t| {
                let ti = &self.tables[t];
                let r = match row {
                    Some((tk, rk, r)) if tk == cell.table && rk == cell.row => r,
                    _ => {
                        let r = ti.row(&cell.row);
                        row = Some((&cell.table, &cell.row, r));
                        r
                    }
                }?;
                let c = ti.col(&cell.col)?;
                ti.is_cell(r, c).then_some((t, r, c))
            });
            match located {
                Some((t, r, c)) => grids[t].set(r, c, value),
                None => unknown.push(cell),
            }
        }
        (grids, unknown)
    }

    pub fn value(&self, t: usize, r: usize, c: usize) -> Option<&'d CellValue> {
        self.current.get(t)?.get(r, c)
    }

    pub fn previous_value(&self, t: usize, r: usize, c: usize) -> Option<&'d CellValue> {
        self.previous.as_ref()?.get(t)?.get(r, c)
    }
}
