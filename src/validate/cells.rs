//! Built-in checks of single cells, independent of the template's rules:
//! text where a number belongs, values of the wrong kind, and cells the
//! template does not have.

use rust_decimal::Decimal;

use super::index::{Index, TableIndex};
use super::message::num;
use super::{Finding, INVALID, UNKNOWN_CELL, UNPARSED};
use crate::document::{CellRef, CellValue};
use crate::template::{CellKind, Severity, Template};

/// Most decimal places an amount may carry (1 元 = 0.0001 万元).
const AMOUNT_PLACES: u32 = 4;

/// What the cell expects, as said after 请改为: 非负整数（件）.
fn expected(kind: CellKind, unit: Option<&str>) -> String {
    let what = match kind {
        CellKind::Count => "非负整数",
        CellKind::Signed => "整数",
        CellKind::Amount => "不超过四位小数的非负数",
        CellKind::Text => "文字",
    };
    match unit {
        Some(u) if !u.is_empty() && kind.is_numeric() => format!("{what}（{u}）"),
        _ => what.to_string(),
    }
}

/// `unparsed` and `invalid` findings of every template cell, in reading order.
pub(crate) fn check_values(index: &Index<'_, '_>, out: &mut Vec<Finding>) {
    for (t, ti) in index.tables.iter().enumerate() {
        for (r, c) in ti.positions() {
            if let Some(value) = index.value(t, r, c) {
                if let Some(f) = check_value(ti, r, c, value) {
                    out.push(f);
                }
            }
        }
    }
}

fn check_value(ti: &TableIndex<'_>, r: usize, c: usize, value: &CellValue) -> Option<Finding> {
    let kind = ti.kind(r, c);
    let expect = || expected(kind, ti.unit(r, c));
    let name = || ti.cell_name(r, c);
    let (rule, message) = match (kind, value) {
        (CellKind::Text, CellValue::Int(_) | CellValue::Amount(_)) => (
            INVALID,
            format!("{}应填写文字，却填写了数字 {}。", name(), value),
        ),
        (CellKind::Text, _) => return None,
        (_, CellValue::Unparsed(s)) => (
            UNPARSED,
            format!("{}填写的“{}”不是数字，请改为{}。", name(), s, expect()),
        ),
        (_, CellValue::Text(s)) => (
            INVALID,
            format!("{}填写的“{}”不是数字，请改为{}。", name(), s, expect()),
        ),
        (CellKind::Count, CellValue::Int(i)) if *i < 0 => (
            INVALID,
            format!("{}填写的 {} 是负数，请改为{}。", name(), i, expect()),
        ),
        (CellKind::Count | CellKind::Signed, CellValue::Amount(d)) => (
            INVALID,
            format!(
                "{}应填写整数，却填写了金额 {}，请改为{}。",
                name(),
                num(*d),
                expect()
            ),
        ),
        (CellKind::Amount, CellValue::Amount(d)) => (INVALID, amount_problem(*d, &name, &expect)?),
        (CellKind::Amount, CellValue::Int(i)) if *i < 0 => (
            INVALID,
            format!("{}填写的 {} 是负数，请改为{}。", name(), i, expect()),
        ),
        _ => return None,
    };
    Some(Finding {
        span: None,
        rule: rule.to_string(),
        severity: Severity::Error,
        cells: vec![ti.cell_ref(r, c)],
        message,
    })
}

/// An amount is non-negative with at most four decimal places.
fn amount_problem(
    d: Decimal,
    name: &dyn Fn() -> String,
    expect: &dyn Fn() -> String,
) -> Option<String> {
    if d.is_sign_negative() && !d.is_zero() {
        return Some(format!(
            "{}填写的 {} 是负数，请改为{}。",
            name(),
            num(d),
            expect()
        ));
    }
    if d.normalize().scale() > AMOUNT_PLACES {
        return Some(format!(
            "{}填写的 {} 超过四位小数，请改为{}。",
            name(),
            num(d),
            expect()
        ));
    }
    None
}

/// `unknown_cell` warnings: cells a hand-edited file holds that the template lacks.
pub(crate) fn check_unknown(index: &Index<'_, '_>, template: &Template, out: &mut Vec<Finding>) {
    for cell in &index.unknown {
        out.push(unknown(cell, template));
    }
}

fn unknown(cell: &CellRef, template: &Template) -> Finding {
    Finding {
        span: None,
        rule: UNKNOWN_CELL.to_string(),
        severity: Severity::Warning,
        cells: vec![cell.clone()],
        message: format!(
            "单元格 {cell} 不在本报告的模板（{}）中，可能是手工修改文件所致；该值不参与校验，请删除或移到正确的单元格。",
            template.name
        ),
    }
}
