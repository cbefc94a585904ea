//! A filled table as a plain-text drawing: merged headers span their
//! children, row groups are indented, numbers are right-aligned, and long
//! labels wrap inside their column so the drawing stays near [`MAX_WIDTH`].
//!
//! The drawing uses the layout's indented label style, and the caption goes
//! under the grid even where the printed form puts it in the corner: a
//! 34-character sentence wrapped into the label column's corner would make
//! the header taller than the table is wide.

use super::draw::{draw, total_width, Cell};
use super::wrap::{width, Align};
use crate::layout::{FilledTable, LabelStyle, Role, ValueKind};

/// The width aimed at (display columns): an A4 page in a monospaced CJK font.
pub const MAX_WIDTH: usize = 100;

/// Columns of indent per row-group level.
const INDENT: usize = 2;

/// What a drawn column holds; decides how far it may be narrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnRole {
    Label,
    Unit,
    Value,
}

/// The lines of the drawing of `table` (empty when it has no columns).
pub fn draw_table(table: &FilledTable) -> Vec<String> {
    let form = table.layout.form(LabelStyle::Indented);
    let roles: Vec<ColumnRole> = (0..form.ncols)
        .map(|k| match k {
            k if k >= form.lead_cols => ColumnRole::Value,
            k if table.layout.unit_header.is_some() && k + 1 == form.lead_cols => ColumnRole::Unit,
            _ => ColumnRole::Label,
        })
        .collect();
    let cells: Vec<Cell> = form
        .cells
        .iter()
        .map(|p| {
            let (text, align, indent) = match p.role {
                Role::Corner => (table.layout.corner.as_str(), Align::Center, 0),
                Role::Head | Role::UnitHead | Role::Unit => (p.text.as_str(), Align::Center, 0),
                Role::Label { depth, .. } => (p.text.as_str(), Align::Left, depth * INDENT),
                Role::Value { row, leaf } => match table.value(row, leaf) {
                    Some(v) if v.kind == ValueKind::Words => (v.text.as_str(), Align::Left, 0),
                    Some(v) => (v.text.as_str(), Align::Right, 0),
                    None => ("", Align::Right, 0),
                },
            };
            Cell {
                row: p.row,
                col: p.col,
                rows: p.rows,
                cols: p.cols,
                text: text.to_string(),
                align,
                indent,
            }
        })
        .collect();
    let widths = fit(&cells, &roles, form.header_rows);
    draw(&cells, form.nrows, &widths)
}

/// Column widths: natural, then narrowed (widest first) in three steps until
/// the drawing fits — header words of number columns, then the label column,
/// then everything down to what cannot wrap (a number is never broken).
fn fit(cells: &[Cell], roles: &[ColumnRole], header_rows: usize) -> Vec<usize> {
    let n = roles.len();
    let mut natural = vec![2; n];
    let mut hard = vec![4; n];
    let mut words = vec![false; n];
    for c in cells.iter().filter(|c| c.cols == 1 && c.col < n) {
        natural[c.col] = natural[c.col].max(width(&c.text) + c.indent);
        if c.row >= header_rows && roles[c.col] == ColumnRole::Value {
            if c.align == Align::Right {
                hard[c.col] = hard[c.col].max(width(&c.text));
            } else if !c.text.is_empty() {
                words[c.col] = true;
            }
        }
    }
    for k in 0..n {
        hard[k] = match roles[k] {
            ColumnRole::Label => 8,
            ColumnRole::Unit => natural[k],
            ColumnRole::Value => hard[k],
        }
        .min(natural[k]);
    }
    let comfortable = |k: usize| match roles[k] {
        ColumnRole::Value if words[k] => hard[k].max(20),
        ColumnRole::Value => hard[k].max(8),
        ColumnRole::Label | ColumnRole::Unit => usize::MAX,
    };
    let mut w = natural.clone();
    shrink(&mut w, |k| comfortable(k).min(natural[k]));
    shrink(&mut w, |k| match roles[k] {
        ColumnRole::Label => 20.min(natural[k]),
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
