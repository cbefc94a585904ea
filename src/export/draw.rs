//! Drawing a grid of cells with row and column spans in plain ASCII
//! (`+`, `-`, `|`): box-drawing characters are “ambiguous” width and turn
//! double-wide in Chinese fonts, which would break the alignment on paper.

use super::wrap::{pad, wrap, Align};

/// One cell of the drawing, covering `rows` × `cols` grid positions.
#[derive(Debug, Clone)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub text: String,
    pub align: Align,
    /// Columns of indent before every wrapped line (row groups).
    pub indent: usize,
}

/// Space on each side of a cell's text.
const PAD: usize = 1;

/// A laid-out drawing: which cell owns each grid position, and the text
/// lines of every cell wrapped to its width.
struct Layout<'c> {
    cells: &'c [Cell],
    owner: Vec<Vec<usize>>,
    widths: &'c [usize],
    lines: Vec<Vec<String>>,
    /// First output line of every grid row's content.
    row_start: Vec<usize>,
    heights: Vec<usize>,
}

/// Inner width of a cell spanning columns `col .. col + cols`.
pub fn span_width(widths: &[usize], col: usize, cols: usize) -> usize {
    let spanned = widths.iter().skip(col).take(cols);
    spanned.sum::<usize>() + cols.saturating_sub(1) * (2 * PAD + 1)
}

/// Total display width of a drawing with these column widths.
pub fn total_width(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 2 * PAD).sum::<usize>() + widths.len() + 1
}

/// Draw `cells` on a `nrows` × widths.len() grid. Positions no cell covers
/// are drawn empty; overlapping cells keep the first one given.
pub fn draw(cells: &[Cell], nrows: usize, widths: &[usize]) -> Vec<String> {
    let widths: Vec<usize> = widths.iter().map(|w| (*w).max(2)).collect();
    let widths = widths.as_slice();
    let ncols = widths.len();
    if nrows == 0 || ncols == 0 {
        return Vec::new();
    }
    let mut all: Vec<Cell> = cells
        .iter()
        .filter(|c| c.row < nrows && c.col < ncols)
        .map(|c| Cell {
            rows: c.rows.clamp(1, nrows - c.row),
            cols: c.cols.clamp(1, ncols - c.col),
            ..c.clone()
        })
        .collect();
    let owner = ownership(&mut all, nrows, ncols);
    let layout = Layout::new(&all, owner, widths);
    layout.render()
}

/// Grid position → index of the owning cell, adding empty cells for gaps.
fn ownership(cells: &mut Vec<Cell>, nrows: usize, ncols: usize) -> Vec<Vec<usize>> {
    let mut owner = vec![vec![usize::MAX; ncols]; nrows];
    let mut i = 0;
    while i < cells.len() {
        let c = &cells[i];
        let free = (c.row..c.row + c.rows)
            .all(|r| (c.col..c.col + c.cols).all(|k| owner[r][k] == usize::MAX));
        if free {
            for row in owner.iter_mut().skip(c.row).take(c.rows) {
                for slot in row.iter_mut().skip(c.col).take(c.cols) {
                    *slot = i;
                }
            }
            i += 1;
        } else {
            cells.remove(i);
        }
    }
    for (r, row) in owner.iter_mut().enumerate() {
        for (k, slot) in row.iter_mut().enumerate() {
            if *slot == usize::MAX {
                *slot = cells.len();
                cells.push(Cell {
                    row: r,
                    col: k,
                    rows: 1,
                    cols: 1,
                    text: String::new(),
                    align: Align::Left,
                    indent: 0,
                });
            }
        }
    }
    owner
}

impl<'c> Layout<'c> {
    fn new(cells: &'c [Cell], owner: Vec<Vec<usize>>, widths: &'c [usize]) -> Layout<'c> {
        let lines: Vec<Vec<String>> = cells
            .iter()
            .map(|c| {
                let inner = span_width(widths, c.col, c.cols);
                let indent = c.indent.min(inner.saturating_sub(2));
                wrap(&c.text, inner - indent)
                    .into_iter()
                    .map(|l| format!("{}{l}", " ".repeat(indent)))
                    .collect()
            })
            .collect();
        let nrows = owner.len();
        let mut heights = vec![1; nrows];
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by_key(|&i| cells[i].rows);
        for i in order {
            let c = &cells[i];
            let have: usize = heights[c.row..c.row + c.rows].iter().sum::<usize>() + c.rows - 1;
            if lines[i].len() > have {
                heights[c.row + c.rows - 1] += lines[i].len() - have;
            }
        }
        let mut row_start = Vec::with_capacity(nrows);
        let mut y = 1;
        for h in &heights {
            row_start.push(y);
            y += h + 1;
        }
        Layout {
            cells,
            owner,
            widths,
            lines,
            row_start,
            heights,
        }
    }

    /// The text of cell `i` on output line `y`, padded to the cell's width.
    fn segment(&self, i: usize, y: usize) -> String {
        let c = &self.cells[i];
        let inner = span_width(self.widths, c.col, c.cols);
        let k = y.saturating_sub(self.row_start[c.row]);
        let text = self.lines[i].get(k).map(String::as_str).unwrap_or("");
        let side = " ".repeat(PAD);
        format!("{side}{}{side}", pad(text, inner, c.align))
    }

    fn render(&self) -> Vec<String> {
        let mut out = vec![self.separator(None)];
        for (r, h) in self.heights.iter().enumerate() {
            for k in 0..*h {
                out.push(self.content(r, self.row_start[r] + k));
            }
            out.push(self.separator(Some(r)));
        }
        out
    }

    fn content(&self, r: usize, y: usize) -> String {
        let row = &self.owner[r];
        let mut s = String::new();
        for (k, &id) in row.iter().enumerate() {
            if k == 0 || row[k - 1] != id {
                s.push('|');
                s.push_str(&self.segment(id, y));
            }
        }
        s.push('|');
        s
    }

    /// The line under grid row `after` (`None`: the top border).
    fn separator(&self, after: Option<usize>) -> String {
        let nrows = self.owner.len();
        let above = after.map(|r| &self.owner[r]);
        let below = match after {
            None => self.owner.first(),
            Some(r) => self.owner.get(r + 1),
        };
        let ncols = self.widths.len();
        let cont: Vec<bool> = (0..ncols)
            .map(|k| matches!((above, below), (Some(a), Some(b)) if a[k] == b[k]))
            .collect();
        let y = match after {
            Some(r) if r + 1 < nrows => self.row_start[r + 1] - 1,
            _ => 0,
        };
        let mut s = String::new();
        for k in 0..ncols {
            let edge = |row: Option<&Vec<usize>>| row.is_some_and(|o| k == 0 || o[k - 1] != o[k]);
            let left_cont = k > 0 && cont[k - 1];
            if cont[k] {
                let id = above.map_or(usize::MAX, |a| a[k]);
                if k > 0 && above.is_some_and(|a| a[k - 1] == id) {
                    continue;
                }
                s.push(if k == 0 || left_cont { '|' } else { '+' });
                s.push_str(&self.segment(id, y));
            } else {
                let join = left_cont || edge(above) || edge(below);
                s.push(if join { '+' } else { '-' });
                s.push_str(&"-".repeat(self.widths[k] + 2 * PAD));
            }
        }
        s.push(if cont.last() == Some(&true) { '|' } else { '+' });
        s
    }
}

#[cfg(test)]
mod tests {
    use super::super::wrap::width;
    use super::*;

    fn cell(row: usize, col: usize, rows: usize, cols: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            rows,
            cols,
            text: text.to_string(),
            align: Align::Center,
            indent: 0,
        }
    }

    #[test]
    fn spans_merge_rows_and_columns() {
        let cells = [
            cell(0, 0, 2, 1, "项目"),
            cell(0, 1, 1, 2, "法人"),
            cell(1, 1, 1, 1, "甲"),
            cell(1, 2, 1, 1, "乙"),
            cell(2, 0, 1, 1, "一"),
            cell(2, 1, 1, 1, "1"),
            cell(2, 2, 1, 1, "22"),
        ];
        let lines = draw(&cells, 3, &[4, 2, 2]);
        let expected = [
            "+------+---------+",
            "| 项目 |  法人   |",
            "|      +----+----+",
            "|      | 甲 | 乙 |",
            "+------+----+----+",
            "|  一  | 1  | 22 |",
            "+------+----+----+",
        ];
        assert_eq!(lines, expected);
    }

    #[test]
    fn every_line_has_the_same_width() {
        let cells = [
            cell(0, 0, 1, 1, "一、本年新收政府信息公开申请数量"),
            cell(0, 1, 1, 1, "12"),
        ];
        let lines = draw(&cells, 1, &[10, 3]);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| width(l) == total_width(&[10, 3])));
    }
}
