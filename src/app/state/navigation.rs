//! Grid movement (Tab / Shift+Tab / Enter / Shift+Enter / arrows) over the
//! template's cells, skipping group rows and crossing from table to table.

use crate::document::{Address, CellRef};
use crate::template::Template;

use super::Direction;

/// The outline entry for the cover block (封面与署名).
pub const COVER_PART: &str = "cover";

/// Every cell of every table, in reading order (row by row, left to right).
pub fn cell_order(template: &Template) -> Vec<CellRef> {
    template.cells().into_iter().map(|c| c.cell).collect()
}

/// One table as a grid of (non-group row) × (leaf column) cells.
struct Grid {
    table: String,
    rows: Vec<Vec<CellRef>>,
}

fn grids(template: &Template) -> Vec<Grid> {
    template
        .tables()
        .map(|(_, t)| {
            let cols = t.leaf_columns();
            let rows = t
                .flat_rows()
                .iter()
                .filter(|r| !r.row.group)
                .map(|r| {
                    cols.iter()
                        .map(|c| CellRef::new(&t.key, &r.row.key, &c.column.key))
                        .collect()
                })
                .collect();
            Grid {
                table: t.key.clone(),
                rows,
            }
        })
        .filter(|g: &Grid| g.rows.iter().any(|r| !r.is_empty()))
        .collect()
}

/// Where focus goes from `from` in `dir`; `None` when there is nowhere to go.
pub fn step(template: &Template, from: &CellRef, dir: Direction) -> Option<CellRef> {
    match dir {
        Direction::Next | Direction::Prev => {
            let order = cell_order(template);
            let i = order.iter().position(|c| c == from)?;
            let j = if dir == Direction::Next {
                i.checked_add(1)?
            } else {
                i.checked_sub(1)?
            };
            order.get(j).cloned()
        }
        Direction::Down | Direction::Up => vertical(template, from, dir == Direction::Down),
    }
}

fn vertical(template: &Template, from: &CellRef, down: bool) -> Option<CellRef> {
    let grids = grids(template);
    let g = grids.iter().position(|g| g.table == from.table)?;
    let (r, c) = grids[g]
        .rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|x| x == from).map(|c| (r, c)))?;
    let rows = &grids[g].rows;
    let target_row = if down {
        r.checked_add(1)
    } else {
        r.checked_sub(1)
    };
    if let Some(row) = target_row.and_then(|tr| rows.get(tr)) {
        return row.get(c.min(row.len().saturating_sub(1))).cloned();
    }
    // Off the edge of this table: continue in the next / previous table.
    let other = if down {
        grids.get(g + 1)?
    } else {
        grids.get(g.checked_sub(1)?)?
    };
    let row = if down {
        other.rows.first()?
    } else {
        other.rows.last()?
    };
    row.get(c.min(row.len().saturating_sub(1))).cloned()
}

/// The first cell of a part's tables, for focus entering a part.
pub fn first_cell_of_part(template: &Template, part: &str) -> Option<CellRef> {
    let p = template.part(part)?;
    p.tables
        .iter()
        .find_map(|t| t.cells().into_iter().next().map(|c| c.cell))
}

/// The outline part an address belongs to (`cover` for metadata).
pub fn part_of(template: &Template, address: &Address) -> Option<String> {
    match address {
        Address::Meta(_) => Some(COVER_PART.to_string()),
        Address::Prose(p) => Some(p.clone()),
        Address::Cell(c) => part_of_table(template, &c.table),
    }
}

/// The part holding a table.
pub fn part_of_table(template: &Template, table: &str) -> Option<String> {
    template
        .tables()
        .find(|(_, t)| t.key == table)
        .map(|(p, _)| p.key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_then_prev_returns() {
        let t = crate::template::get("gk2021").expect("gk2021");
        let order = cell_order(t);
        let first = order.first().expect("cells").clone();
        let next = step(t, &first, Direction::Next).expect("next");
        assert_eq!(next, order[1]);
        assert_eq!(step(t, &next, Direction::Prev), Some(first.clone()));
        assert_eq!(step(t, &first, Direction::Prev), None);
    }
}
