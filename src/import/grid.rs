//! The grid model shared by every table source (HTML `rowspan`/`colspan`,
//! Word `w:gridSpan`/`w:vMerge`): cells with spans are laid out on a regular
//! grid, a spanned cell's text repeated in every position it covers, so a
//! merged header (法人或其他组织) or row group labels each cell beneath or
//! beside it and one placement path serves every format.

use super::text_tables::{self, clip, Block, MAX_BLOCKS, MAX_CELLS};

/// Largest span honoured; larger values are clamped (a hostile page could ask
/// for millions).
pub const MAX_SPAN: usize = 64;
/// Most grid positions laid out per table, and in all tables of a page.
const MAX_GRID_CELLS: usize = 200_000;
pub const MAX_PAGE_CELLS: usize = 1_000_000;

/// One source cell with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

/// Collapse whitespace runs (including &nbsp;) to one space.
pub fn collapse(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Lay the rows out on a grid honouring spans.
pub fn layout(rows: Vec<Vec<Cell>>, page_budget: &mut usize) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    let mut budget = MAX_GRID_CELLS.min(*page_budget);
    for (r, cells) in rows.into_iter().enumerate() {
        if grid.len() <= r {
            grid.resize_with(r + 1, Vec::new);
        }
        let mut c = 0usize;
        for cell in cells {
            while grid[r].get(c).is_some_and(|x| x.is_some()) {
                c += 1;
            }
            let text = collapse(&cell.text);
            for dr in 0..cell.rowspan {
                let row = r + dr;
                if grid.len() <= row {
                    grid.resize_with(row + 1, Vec::new);
                }
                for dc in 0..cell.colspan {
                    if budget == 0 || c + dc >= MAX_CELLS {
                        break;
                    }
                    budget -= 1;
                    let cols = &mut grid[row];
                    if cols.len() <= c + dc {
                        cols.resize(c + dc + 1, None);
                    }
                    cols[c + dc] = Some(text.clone());
                }
            }
            c += cell.colspan;
        }
    }
    *page_budget -= MAX_GRID_CELLS.min(*page_budget) - budget;
    // Rows as wide as the widest: a regular grid lets the header map columns.
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    grid.into_iter()
        .map(|r| {
            let mut cells: Vec<String> = r.into_iter().map(Option::unwrap_or_default).collect();
            cells.resize(width, String::new());
            cells
        })
        .collect()
}

/// The blocks a Word or OpenDocument reader emits (both walk XML the same
/// way): lines of text, rows typed with tabs, and laid-out tables, within
/// the block and page-cell bounds.
pub struct Blocks {
    pub out: Vec<Block>,
    grid: usize,
    budget: usize,
}

impl Default for Blocks {
    fn default() -> Blocks {
        Blocks {
            out: Vec::new(),
            grid: 0,
            budget: MAX_PAGE_CELLS,
        }
    }
}

impl Blocks {
    /// Whether no further block will be taken.
    pub fn full(&self) -> bool {
        self.out.len() >= MAX_BLOCKS
    }

    /// A finished line as a block: a line with tabs between words is a row
    /// typed with tabs, as in pasted text.
    pub fn line(&mut self, line: &str) {
        if self.full() {
            return;
        }
        if line.contains('\t') {
            let blocks = text_tables::blocks_from_text(line, false);
            if let [Block::Row { cells, .. }] = blocks.as_slice() {
                self.grid += 1;
                self.out.push(Block::Row {
                    cells: cells.clone(),
                    grid: self.grid,
                });
                return;
            }
        }
        let text = collapse(line);
        if !text.is_empty() {
            self.out.push(Block::Line(clip(&text).to_string()));
        }
    }

    /// A finished table, laid out on its grid; empty rows are dropped.
    pub fn table(&mut self, rows: Vec<Vec<Cell>>) {
        self.grid += 1;
        let grid = self.grid;
        for cells in layout(rows, &mut self.budget) {
            if cells.iter().any(|c| !c.is_empty()) && !self.full() {
                self.out.push(Block::Row { cells, grid });
            }
        }
    }
}

/// The character of an XML entity or character reference (`&amp;`, `&#20013;`).
pub fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name).and_then(|s| s.chars().next())
}
