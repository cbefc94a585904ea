//! `Check::Misplaced`: compensating errors. When one application is counted
//! in 自然人 instead of 商业企业, the row's 总计 still agrees but two columns'
//! identities fail, by +1 and −1. The two column errors are right and stay;
//! this finding beside them names the likely cause, with both columns' cells.

use rust_decimal::Decimal;

use super::index::Index;
use super::linear::{side_sum, Linear};
use super::message::num;
use super::Finding;
use crate::template::{Along, Op, Rule, Template};

/// Each column's Σ rhs − Σ lhs under `lin`; `None` where a cell is blank.
fn excess(lin: &Linear, index: &Index<'_, '_>) -> Vec<(usize, Option<Decimal>)> {
    let mut numbers = Vec::new();
    lin.instances
        .iter()
        .map(|&col| {
            numbers.clear();
            for (_, term) in lin.terms() {
                let (r, c) = lin.cell(col, term);
                let value = if term.prev {
                    index.previous_value(lin.table, r, c)
                } else {
                    index.value(lin.table, r, c)
                };
                match value.and_then(|v| v.number()) {
                    Some(n) => numbers.push(n),
                    None => return (col, None),
                }
            }
            let (l, r) = numbers.split_at(lin.lhs.len());
            let diff = side_sum(&lin.lhs, l)
                .zip(side_sum(&lin.rhs, r))
                .and_then(|(l, r)| r.checked_sub(l));
            (col, diff)
        })
        .collect()
}

/// `Check::Misplaced` over the linear rule `target` (along columns, `=`).
pub(crate) fn check(
    rule: &Rule,
    target: &str,
    index: &Index<'_, '_>,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    let Some(lin) = template
        .rules
        .iter()
        .find(|r| r.id == target)
        .and_then(|r| Linear::resolve(&r.check, index))
        .filter(|l| l.along == Along::Columns && l.op == Op::Eq)
    else {
        return;
    };
    let diffs = excess(&lin, index);
    let off: Vec<(usize, Decimal)> = diffs
        .into_iter()
        .filter_map(|(c, d)| d.filter(|d| !d.is_zero()).map(|d| (c, d)))
        .collect();
    let [(a, da), (b, db)] = off[..] else { return };
    if da != -db {
        return;
    }
    // The column whose detail rows hold too much got the applications.
    let (wrong, right, n) = if da > Decimal::ZERO {
        (a, b, da)
    } else {
        (b, a, db)
    };
    let ti = &index.tables[lin.table];
    let cells = lin
        .terms()
        .filter(|(lhs, _)| *lhs)
        .flat_map(|(_, t)| [lin.cell(wrong, t), lin.cell(right, t)])
        .map(|(r, c)| ti.cell_ref(r, c))
        .collect();
    out.push(Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        cells,
        message: format!(
            "可能有 {} 件申请计入了“{}”列而应计入“{}”列：这两列的核对相差 {} 和 −{}，而各行总计相符。请核对这两列的各行。",
            num(n),
            ti.col_name(wrong),
            ti.col_name(right),
            num(n),
            num(n)
        ),
        span: None,
    });
}
