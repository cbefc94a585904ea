//! The column identities (一 + 二 = （七）总计 + 四, （七）总计 = Σ results)
//! choose among the cuts a row's own identity left open: `220000022` is
//! 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22, and only one makes its columns add up.
//! All open rows of a table are decided together; when more than one
//! combination fits, none is chosen.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::split::{resolve, Cut};
use crate::template::{Along, Op, Table, Template};

/// Combinations of open rows tried per table (bounds the work).
const MAX_COMBOS: usize = 20_000;

/// One column identity over the rows at hand: Σ lhs `op` Σ rhs in each of
/// `columns`, terms as (row position, subtracted).
struct ColumnIdentity {
    columns: Vec<usize>,
    lhs: Vec<(usize, bool)>,
    rhs: Vec<(usize, bool)>,
    op: Op,
}

fn identities(tpl: &Template, table: &Table, keys: &[&str]) -> Vec<ColumnIdentity> {
    let leaves: Vec<String> = table
        .leaf_columns()
        .iter()
        .map(|l| l.column.key.clone())
        .collect();
    resolve(tpl, table, Along::Columns, |k| {
        keys.iter().position(|r| *r == k)
    })
    .into_iter()
    .map(|r| ColumnIdentity {
        columns: (0..leaves.len())
            .filter(|&c| r.each.is_empty() || r.each.contains(&leaves[c]))
            .collect(),
        lhs: r.lhs,
        rhs: r.rhs,
        op: r.op,
    })
    .collect()
}

fn parse(cells: &[String]) -> Option<Vec<Decimal>> {
    cells.iter().map(|c| Decimal::from_str(c).ok()).collect()
}

/// Whether every identity that can be evaluated holds.
fn fits(ids: &[ColumnIdentity], values: &[Option<Vec<Decimal>>]) -> bool {
    ids.iter().all(|id| {
        id.columns.iter().all(|&c| {
            let sum = |terms: &[(usize, bool)]| -> Option<Decimal> {
                terms.iter().try_fold(Decimal::ZERO, |acc, &(r, neg)| {
                    let v = *values.get(r)?.as_ref()?.get(c)?;
                    Some(if neg { acc - v } else { acc + v })
                })
            };
            match (sum(&id.lhs), sum(&id.rhs)) {
                (Some(l), Some(r)) => match id.op {
                    Op::Eq => l == r,
                    Op::Le => l <= r,
                    Op::Ge => l >= r,
                },
                _ => true, // a row not found or blank: nothing to check
            }
        })
    })
}

/// Decide the open rows of one table; `rows` are (row key, its cut).
pub fn settle(tpl: &Template, table: &Table, rows: &mut [(&str, &mut Cut)]) {
    let open: Vec<usize> = (0..rows.len())
        .filter(|&i| matches!(&*rows[i].1, Cut::Several(c) if !c.is_empty()))
        .collect();
    let combos = open.iter().try_fold(1usize, |n, &i| match &*rows[i].1 {
        Cut::Several(c) => n.checked_mul(c.len()),
        _ => Some(n),
    });
    if open.is_empty() || combos.is_none_or(|n| n > MAX_COMBOS) {
        return;
    }
    let keys: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let ids: Vec<ColumnIdentity> = identities(tpl, table, &keys)
        .into_iter()
        .filter(|id| id.lhs.iter().chain(&id.rhs).any(|t| open.contains(&t.0)))
        .collect();
    if ids.is_empty() {
        return;
    }
    let candidates: Vec<Vec<Vec<String>>> = open
        .iter()
        .map(|&i| match &*rows[i].1 {
            Cut::Several(c) => c.clone(),
            _ => Vec::new(),
        })
        .collect();
    let mut values: Vec<Option<Vec<Decimal>>> = rows
        .iter()
        .map(|r| match &*r.1 {
            Cut::One { cells, .. } => parse(cells),
            _ => None,
        })
        .collect();
    let mut pick = vec![0usize; open.len()];
    let mut fitting: Vec<Vec<usize>> = Vec::new();
    loop {
        for (k, &i) in open.iter().enumerate() {
            values[i] = parse(&candidates[k][pick[k]]);
        }
        if fits(&ids, &values) {
            fitting.push(pick.clone());
            if fitting.len() > 1 {
                return;
            }
        }
        // Next combination (an odometer over the open rows).
        let mut k = 0;
        while k < pick.len() {
            pick[k] += 1;
            if pick[k] < candidates[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
        if k == pick.len() {
            break;
        }
    }
    if let [only] = fitting.as_slice() {
        for (k, &i) in open.iter().enumerate() {
            *rows[i].1 = Cut::One {
                cells: candidates[k][only[k]].clone(),
                forced: false,
            };
        }
    }
}
