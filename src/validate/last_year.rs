//! With last year's report linked: text copied from it, numbers unchanged
//! from it, and key totals that jumped against it.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::figures::{evaluate, FigureValue};
use super::index::Index;
use super::message::num;
use super::{Finding, TextSpan};
use crate::document::carry::carried_cells;
use crate::document::{Address, CellRef, Document};
use crate::prose::text;
use crate::template::{Rule, Template};

/// Share (percent, rounded down) of this year's text found in last year's,
/// with the counted total (see [`super::similarity`] for the measure).
pub fn same_share(this: &str, last: &str) -> (u32, usize) {
    super::similarity::share(this, last)
}

/// `Check::SameAsLastYear`: a part whose prose is mostly last year's.
pub(crate) fn check_same_text(
    rule: &Rule,
    (percent, min_chars, parts): (u32, usize, &[String]),
    doc: &Document,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    let Some(prev) = &doc.previous else { return };
    let judged = |key: &String| parts.is_empty() || parts.contains(key);
    for part in text::prose_parts(template).filter(|p| judged(&p.key)) {
        let (this, last) = (doc.prose(&part.key), prev.prose.get(&part.key));
        let Some(last) = last.filter(|l| !l.trim().is_empty()) else {
            continue;
        };
        let (share, total) = same_share(this, last);
        if total < min_chars || share <= percent {
            continue;
        }
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells: Vec::new(),
            message: format!(
                "{}正文有 {share}% 与上年（{} 年）报告相同（按连续 {} 个字的重合计，数字不计；超过 {percent}% 即提示）。评议时照搬上年文字会被扣分：请按本年度的工作情况改写。",
                text::part_name(part),
                prev.year,
                super::similarity::N
            ),
            span: Some(TextSpan {
                address: Address::Prose(part.key.clone()),
                start: 0,
                end: this.chars().count(),
            }),
        });
    }
}

/// `Check::NumbersUnchanged`: every table number equals last year's (cells
/// carried over by a `prev:` rule, such as 上年结转, are left out).
pub(crate) fn check_same_numbers(
    rule: &Rule,
    min_nonzero: usize,
    index: &Index<'_, '_>,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    if index.previous.is_none() {
        return;
    }
    let carried: HashSet<CellRef> = carried_cells(template)
        .into_iter()
        .map(|(to, _)| to)
        .collect();
    let (mut compared, mut nonzero) = (0usize, 0usize);
    for (t, ti) in index.tables.iter().enumerate() {
        for (r, c) in ti.positions() {
            if !ti.kind(r, c).is_numeric() {
                continue;
            }
            let now = index.value(t, r, c).and_then(|v| v.number());
            let then = index.previous_value(t, r, c).and_then(|v| v.number());
            if now.is_none() && then.is_none() {
                continue;
            }
            if carried.contains(&ti.cell_ref(r, c)) {
                continue;
            }
            if now != then {
                return;
            }
            compared += 1;
            if now.is_some_and(|n| !n.is_zero()) {
                nonzero += 1;
            }
        }
    }
    if compared == 0 || nonzero < min_nonzero {
        return;
    }
    out.push(Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        cells: Vec::new(),
        message: format!(
            "统计表中已填写的 {compared} 个数字与上年报告完全相同（其中 {nonzero} 个不为 0）。评议时数字连年不变会被视为照搬：请核对是否填写了本年度的数字；如确实相同，可标记为已核实。"
        ),
        span: None,
    });
}

/// `Check::Jump`: a key figure grew more than `factor`-fold or fell below
/// 1/`factor` of last year's (only when the larger is at least `floor`).
pub(crate) fn check_jumps(
    rule: &Rule,
    (keys, factor, floor): (&[String], u32, u32),
    index: &Index<'_, '_>,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    let factor_d = Decimal::from(factor);
    for figure in template.figures.iter().filter(|f| keys.contains(&f.key)) {
        let (Some(FigureValue::Number(now, _)), Some(FigureValue::Number(then, _))) = (
            evaluate(figure, index, false),
            evaluate(figure, index, true),
        ) else {
            continue;
        };
        if then.is_zero() || now.max(then) < Decimal::from(floor) {
            continue;
        }
        // Checked: huge hand-edited values must not overflow (no panic).
        let grew = then.checked_mul(factor_d).is_some_and(|t| now > t);
        let fell = now.checked_mul(factor_d).is_some_and(|n| n < then);
        if !grew && !fell {
            continue;
        }
        let how = if grew {
            format!(
                "是上年的 {} 倍",
                now.checked_div(then)
                    .map_or_else(|| "很多".to_string(), |r| num(r.round_dp(1)))
            )
        } else {
            format!("不到上年的 1/{factor}")
        };
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells: figure.cells.iter().filter_map(|c| c.parse().ok()).collect(),
            message: format!(
                "{}本年为 {}，上年为 {}，{how}。请核对是否填错；如确实如此，可标记为已核实。",
                figure.name,
                num(now),
                num(then)
            ),
            span: None,
        });
    }
}
