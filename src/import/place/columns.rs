//! Column positions from a table's header rows.
//!
//! Each grid position gets the stack of header texts above it (a merged
//! header repeats over the columns it spans). A position belongs to a leaf
//! column when the bottom of its stack names that leaf; leaves with the same
//! label (表四's 总计 ×3) are told apart by their ancestors in the stack.
//! The map is used only when it is complete and the header rows are regular;
//! broken PDF headers fall back to reading values in order.

use crate::template::{Column, Table};

use super::super::labels::{Key, Quality};
use super::super::text_tables::is_value_like;

/// Where each leaf column's values are in the rows of one grid.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    width: usize,
    /// Grid position of each leaf column, in leaf order.
    leaf_pos: Vec<usize>,
    unit_pos: Option<usize>,
    /// Positions a leaf header spans beyond its first (colspan copies).
    span_pos: Vec<usize>,
}

fn matches(official: &str, found: &str) -> bool {
    let k = Key::new(official);
    k.quality(&Key::new(found)) >= Some(Quality::Loose)
}

fn all_columns(cols: &[Column], out: &mut Vec<String>) {
    for c in cols {
        out.push(c.label.clone());
        all_columns(&c.children, out);
    }
}

/// Keys of every header text of `table`: columns (groups too), corner,
/// header title and unit column.
pub fn header_keys(table: &Table) -> Vec<Key> {
    let mut labels = Vec::new();
    all_columns(&table.columns, &mut labels);
    labels.extend(
        [
            Some(&table.corner),
            table.header_title.as_ref(),
            table.unit_column.as_ref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .cloned(),
    );
    labels.iter().map(|l| Key::new(l)).collect()
}

/// How many of `texts` (already keyed) name one of `keys`.
pub fn header_hits(keys: &[Key], texts: &[Key]) -> usize {
    texts
        .iter()
        .filter(|t| keys.iter().any(|k| k.quality(t) >= Some(Quality::Loose)))
        .count()
}

/// Texts above position `p`, top to bottom, repeats removed.
fn stack(header: &[Vec<String>], p: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in header {
        let Some(cell) = row.get(p) else { continue };
        for t in cell
            .split(super::PATH_SEP)
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if out.last().map(String::as_str) != Some(t) {
                out.push(t.to_string());
            }
        }
    }
    out
}

impl ColumnMap {
    /// The map for `table` from its header rows, when it is complete and sure.
    pub fn build(table: &Table, header: &[Vec<String>]) -> Option<ColumnMap> {
        let width = header.first()?.len();
        if header.iter().any(|r| r.len() != width) || width > 400 {
            return None;
        }
        let leaves = table.leaf_columns();
        let mut leaf_pos: Vec<Option<usize>> = vec![None; leaves.len()];
        let mut unit_pos = None;
        let mut span_pos = Vec::new();
        let mut stacks: Vec<Vec<String>> = Vec::with_capacity(width);
        for p in 0..width {
            let s = stack(header, p);
            stacks.push(s.clone());
            let Some(bottom) = s.last() else { continue };
            if table
                .unit_column
                .as_ref()
                .is_some_and(|u| matches(u, bottom))
            {
                unit_pos = Some(p);
                continue;
            }
            // The bottom text, else the last two or three joined (labels split over rows).
            let tries: Vec<String> = (1..=s.len().min(3))
                .map(|k| s[s.len() - k..].concat())
                .collect();
            let Some(hits) = tries.iter().find_map(|t| {
                let h: Vec<usize> = (0..leaves.len())
                    .filter(|&i| matches(&leaves[i].column.label, t))
                    .collect();
                (!h.is_empty()).then_some(h)
            }) else {
                continue;
            };
            let score = |i: usize| {
                leaves[i]
                    .ancestors
                    .iter()
                    .filter(|a| s.iter().any(|x| matches(&a.label, x)))
                    .count()
            };
            let best = hits.iter().map(|&i| score(i)).max().unwrap_or(0);
            let top: Vec<usize> = hits.into_iter().filter(|&i| score(i) == best).collect();
            if let [one] = top.as_slice() {
                match leaf_pos[*one] {
                    // The same header again right after: one cell spanning columns.
                    Some(q)
                        if stacks.get(q) == Some(&s)
                            && span_pos.last().copied().unwrap_or(q) + 1 == p =>
                    {
                        span_pos.push(p);
                    }
                    Some(q) if stacks.get(q) == Some(&s) && q + 1 == p => span_pos.push(p),
                    // One column found twice: the header is not what we think.
                    Some(_) => return None,
                    None => leaf_pos[*one] = Some(p),
                }
            }
        }
        let leaf_pos: Option<Vec<usize>> = leaf_pos.into_iter().collect();
        Some(ColumnMap {
            width,
            leaf_pos: leaf_pos?,
            unit_pos,
            span_pos,
        })
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether a row is laid out like the header: same width, and nothing
    /// but values (or blanks) where the values go.
    pub fn fits(&self, cells: &[String]) -> bool {
        cells.len() == self.width
            && self.leaf_pos.iter().all(|&p| {
                let c = cells[p].trim();
                c.is_empty() || is_value_like(c)
            })
    }

    /// The row's label cells: everything that is neither a value nor the unit.
    pub fn label_cells(&self, cells: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (p, c) in cells.iter().enumerate() {
            if self.leaf_pos.contains(&p) || self.unit_pos == Some(p) || self.span_pos.contains(&p)
            {
                continue;
            }
            for c in c
                .split(super::PATH_SEP)
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                if out.last().map(String::as_str) != Some(c) {
                    out.push(c.to_string());
                }
            }
        }
        out
    }

    /// The row's raw value per leaf column.
    pub fn values(&self, cells: &[String], leaves: usize) -> Vec<Option<String>> {
        self.leaf_pos
            .iter()
            .take(leaves)
            .map(|&p| cells.get(p).cloned())
            .collect()
    }
}
