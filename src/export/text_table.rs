//! A filled template table as a plain-text drawing: merged headers span their
//! children, row groups are indented, numbers are right-aligned, and long
//! labels wrap inside their column so the drawing stays near [`MAX_WIDTH`].

use super::draw::{draw, total_width, Cell};
use super::grid::{Grid, ValueKind};
use super::wrap::{width, Align};

/// The width aimed at (display columns): an A4 page in a monospaced CJK font.
pub const MAX_WIDTH: usize = 100;

/// Columns of indent per row-group level.
const INDENT: usize = 2;

/// What a drawn column holds; decides how far it may be narrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Label,
    Unit,
    Value,
}

/// The lines of the drawing of `grid` (empty when it has no columns).
pub fn draw_grid(grid: &Grid) -> Vec<String> {
    let (cells, roles) = cells(grid);
    let nrows = grid.header.len() + grid.rows.len();
    let widths = fit(&cells, &roles, grid);
    draw(&cells, nrows, &widths)
}

fn cells(grid: &Grid) -> (Vec<Cell>, Vec<Role>) {
    let mut roles = Vec::new();
    let mut cells = Vec::new();
    let head = grid.header.len().max(1);
    let mut vertical = |text: &str, roles: &mut Vec<Role>, role: Role| {
        cells.push(cell(0, roles.len(), head, 1, text, Align::Center));
        roles.push(role);
    };
    if grid.has_labels() {
        vertical(&grid.corner, &mut roles, Role::Label);
    }
    if let Some(unit) = &grid.unit_header {
        vertical(unit, &mut roles, Role::Unit);
    }
    let first = roles.len();
    roles.extend(grid.leaves.iter().map(|_| Role::Value));
    for hc in grid.header.iter().flatten() {
        let c = cell(
            hc.level,
            first + hc.start,
            hc.depth,
            hc.span,
            &hc.label,
            Align::Center,
        );
        cells.push(c);
    }
    for (i, row) in grid.rows.iter().enumerate() {
        let r = head + i;
        let mut col = 0;
        if grid.has_labels() {
            let mut label = cell(r, col, 1, 1, &row.label, Align::Left);
            label.indent = row.depth * INDENT;
            cells.push(label);
            col += 1;
        }
        if grid.unit_header.is_some() {
            cells.push(cell(r, col, 1, 1, &row.unit, Align::Center));
            col += 1;
        }
        for (k, v) in row.values.iter().enumerate() {
            let align = match v.kind {
                ValueKind::Number => Align::Right,
                ValueKind::Words => Align::Left,
            };
            cells.push(cell(r, col + k, 1, 1, &v.text, align));
        }
    }
    (cells, roles)
}

fn cell(row: usize, col: usize, rows: usize, cols: usize, text: &str, align: Align) -> Cell {
    Cell {
        row,
        col,
        rows,
        cols,
        text: text.to_string(),
        align,
        indent: 0,
    }
}

/// Column widths: natural, then narrowed (widest first) in three steps until
/// the drawing fits — header words of number columns, then the label column,
/// then everything down to what cannot wrap (a number is never broken).
fn fit(cells: &[Cell], roles: &[Role], grid: &Grid) -> Vec<usize> {
    let n = roles.len();
    let mut natural = vec![2; n];
    let mut hard = vec![4; n];
    let mut words = vec![false; n];
    for c in cells.iter().filter(|c| c.cols == 1 && c.col < n) {
        natural[c.col] = natural[c.col].max(width(&c.text) + c.indent);
        if c.row >= grid.header.len() && roles[c.col] == Role::Value {
            if c.align == Align::Right {
                hard[c.col] = hard[c.col].max(width(&c.text));
            } else if !c.text.is_empty() {
                words[c.col] = true;
            }
        }
    }
    for k in 0..n {
        hard[k] = match roles[k] {
            Role::Label => 8,
            Role::Unit => natural[k],
            Role::Value => hard[k],
        }
        .min(natural[k]);
    }
    let comfortable = |k: usize| match roles[k] {
        Role::Value if words[k] => hard[k].max(20),
        Role::Value => hard[k].max(8),
        Role::Label | Role::Unit => usize::MAX,
    };
    let mut w = natural.clone();
    shrink(&mut w, |k| comfortable(k).min(natural[k]));
    shrink(&mut w, |k| match roles[k] {
        Role::Label => 20.min(natural[k]),
        _ => comfortable(k).min(natural[k]),
    });
    shrink(&mut w, |k| hard[k]);
    w
}

/// Narrow the widest column above its floor, one column at a time.
fn shrink(w: &mut [usize], floor: impl Fn(usize) -> usize) {
    while total_width(w) > MAX_WIDTH {
        let pick = (0..w.len())
            .filter(|&k| w[k] > floor(k))
            .max_by_key(|&k| (w[k], k));
        match pick {
            Some(k) => w[k] -= 1,
            None => break,
        }
    }
}
