//! The grid model shared by every table source (HTML `rowspan`/`colspan`,
//! Word `w:gridSpan`/`w:vMerge`): cells with spans are laid out on a regular
//! grid, a spanned cell's text repeated in every position it covers, so a
//! merged header (法人或其他组织) or row group labels each cell beneath or
//! beside it and one placement path serves every format.

use super::text_tables::MAX_CELLS;

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
