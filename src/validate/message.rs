//! The Chinese sentences of linear findings: what, where, by how much, and
//! what to check, in the official words of the form.

use rust_decimal::Decimal;

use super::index::TableIndex;
use super::linear::{Linear, Term, Values, UNCHECKED};
use super::Finding;
use crate::document::CellRef;
use crate::template::{Along, Op, Rule};

/// Above this many terms a side is shortened (only non-zero terms, or first … last).
const LONG_SIDE: usize = 6;

/// A number as printed: no trailing zeros (1.5, not 1.5000).
pub(crate) fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Where the relation is checked: 表三“自然人”列 or 表三“一”行.
fn context(lin: &Linear, ti: &TableIndex<'_>, instance: usize) -> String {
    match lin.along {
        Along::Columns => ti.column_context(instance),
        Along::Rows => ti.row_context(instance),
    }
}

/// A term as named in expressions: 一, （七）总计, 上年四, 行政复议“总计”.
fn term_name(lin: &Linear, ti: &TableIndex<'_>, term: &Term) -> String {
    named(lin, ti, term, false)
}

/// A term in a list of cells: “二”, 上年“四”.
fn quoted_term(lin: &Linear, ti: &TableIndex<'_>, term: &Term) -> String {
    named(lin, ti, term, true)
}

fn named(lin: &Linear, ti: &TableIndex<'_>, term: &Term, quote: bool) -> String {
    let name = match lin.along {
        Along::Columns => ti.row_short(term.pos),
        Along::Rows => ti.col_name(term.pos),
    };
    let name = if quote {
        super::index::quoted(name)
    } else {
        name.to_string()
    };
    if term.prev {
        format!("上年{name}")
    } else {
        name
    }
}

/// A term as named in advice: the full official label.
fn term_label(lin: &Linear, ti: &TableIndex<'_>, term: &Term) -> String {
    match lin.along {
        Along::Columns => ti.row_label(term.pos).to_string(),
        Along::Rows => ti.col_name(term.pos).to_string(),
    }
}

/// `一 + 二` — names only, shortened to `first + … + last` when long.
fn relation_side(lin: &Linear, ti: &TableIndex<'_>, terms: &[Term]) -> String {
    let mut out = String::new();
    for (i, term) in terms.iter().enumerate() {
        if terms.len() > LONG_SIDE && i > 0 && i + 1 < terms.len() {
            if i == 1 {
                out.push_str(" + …");
            }
            continue;
        }
        match (i, term.neg) {
            (0, false) => {}
            (0, true) => out.push_str("− "),
            (_, false) => out.push_str(" + "),
            (_, true) => out.push_str(" − "),
        }
        out.push_str(&term_name(lin, ti, term));
    }
    out
}

/// `一 + 二 = （七）总计 + 四`
fn relation(lin: &Linear, ti: &TableIndex<'_>) -> String {
    format!(
        "{} {} {}",
        relation_side(lin, ti, &lin.lhs),
        lin.op.symbol(),
        relation_side(lin, ti, &lin.rhs)
    )
}

/// `一（3）+ 二（1）` with values; long sides list only non-zero terms.
fn expression(lin: &Linear, ti: &TableIndex<'_>, terms: &[Term], numbers: &[Decimal]) -> String {
    let shorten = terms.len() > LONG_SIDE;
    let mut out = String::new();
    let mut zeros = 0;
    for (term, n) in terms.iter().zip(numbers) {
        if shorten && n.is_zero() {
            zeros += 1;
            continue;
        }
        match (out.is_empty(), term.neg) {
            (true, false) => {}
            (true, true) => out.push_str("− "),
            (false, false) => out.push_str("+ "),
            (false, true) => out.push_str("− "),
        }
        out.push_str(&format!("{}（{}）", term_name(lin, ti, term), num(*n)));
    }
    if zeros > 0 {
        if out.is_empty() {
            out.push_str(&format!("{zeros} 项（均为 0）"));
        } else {
            out.push_str(&format!("+ 其余 {zeros} 项（均为 0）"));
        }
    }
    out
}

/// An expression followed by `= Σ` when it has more than one term.
fn side(
    lin: &Linear,
    ti: &TableIndex<'_>,
    terms: &[Term],
    numbers: &[Decimal],
    sum: Decimal,
) -> String {
    let expr = expression(lin, ti, terms, numbers);
    if terms.len() > 1 {
        format!("{expr}= {}", num(sum))
    } else {
        expr
    }
}

/// `A`, `A或B`, `A、B或C`.
fn either(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}或{}", init.join("、"), last),
    }
}

/// What to check: this year's right-hand terms (or left-hand when the right is
/// all last year's), and last year's report when the rule reaches back.
fn advice(lin: &Linear, ti: &TableIndex<'_>) -> String {
    let pick = |terms: &[Term]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in terms.iter().filter(|t| !t.prev) {
            let label = term_label(lin, ti, t);
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    };
    let mut items = pick(&lin.rhs);
    if items.is_empty() {
        items = pick(&lin.lhs);
    }
    if lin.has_prev() {
        items.push("上年报告".to_string());
    }
    format!("请核对{}。", either(&items))
}

/// The sentence for a relation that does not hold.
pub(crate) fn failure(
    lin: &Linear,
    ti: &TableIndex<'_>,
    instance: usize,
    numbers: &[Decimal],
    (l, r, diff): (Decimal, Decimal, Decimal),
) -> String {
    let ctx = context(lin, ti, instance);
    let (lhs_n, rhs_n) = numbers.split_at(lin.lhs.len());
    let left = side(lin, ti, &lin.lhs, lhs_n, l);
    let right = side(lin, ti, &lin.rhs, rhs_n, r);
    if lin.is_formula() {
        let total = term_name(lin, ti, &lin.lhs[0]);
        let label = term_label(lin, ti, &lin.lhs[0]);
        let body = match lin.op {
            Op::Eq => format!(
                "{left}≠ {right}，相差 {}，{total}应为 {}",
                num(diff),
                num(r)
            ),
            Op::Le => format!("{left}不应大于{right}，超出 {}", num(diff)),
            Op::Ge => format!("{left}不应小于{right}，相差 {}", num(diff)),
        };
        return format!("{ctx}：{body}。请核对{label}或各分项。");
    }
    // A sum `… = 4` needs a comma before the verb that follows it.
    let pause = if lin.lhs.len() > 1 { "，" } else { "" };
    let body = match lin.op {
        Op::Eq if lin.lhs.len() == 1 && lin.rhs.len() == 1 => {
            format!("{left}与{right}不相等，相差 {}", num(diff))
        }
        Op::Eq => format!("{left}，而{right}，相差 {}", num(diff)),
        Op::Le => format!("{left}{pause}不应大于{right}，超出 {}", num(diff)),
        Op::Ge => format!("{left}{pause}不应小于{right}，相差 {}", num(diff)),
    };
    format!("{ctx}：{body}。{}", advice(lin, ti))
}

/// `“二”、上年“四”` — the named cells of an instance.
fn named_list(names: &[String]) -> String {
    names.join("、")
}

/// Some cells of an instance are blank or not numbers: it cannot be checked.
pub(crate) fn instance_blank(
    rule: &Rule,
    lin: &Linear,
    ti: &TableIndex<'_>,
    instance: usize,
    values: &Values,
) -> Finding {
    let mut blank = Vec::new();
    let mut not_number = Vec::new();
    let mut cells: Vec<CellRef> = Vec::new();
    let mut flagged = Vec::new();
    for (i, (_, term)) in lin.terms().enumerate() {
        if values.numbers[i].is_some() {
            continue;
        }
        let name = quoted_term(lin, ti, term);
        let list = if values.absent[i] {
            &mut blank
        } else {
            &mut not_number
        };
        if !list.contains(&name) {
            list.push(name);
        }
        if !term.prev {
            let (r, c) = lin.cell(instance, term);
            flagged.push(ti.cell_ref(r, c));
        }
    }
    for cell in flagged {
        if !cells.contains(&cell) {
            cells.push(cell);
        }
    }
    if cells.is_empty() {
        cells = lin.instance_cells(ti, instance);
    }
    let mut parts = Vec::new();
    if !blank.is_empty() {
        parts.push(format!("以下单元格未填写：{}", named_list(&blank)));
    }
    if !not_number.is_empty() {
        parts.push(format!("以下单元格不是数字：{}", named_list(&not_number)));
    }
    Finding {
        span: None,
        rule: rule.id.clone(),
        severity: UNCHECKED,
        cells,
        message: format!(
            "{}：{}，无法校验：{}。",
            context(lin, ti, instance),
            relation(lin, ti),
            parts.join("；")
        ),
    }
}

/// Every instance of the rule is entirely blank: one warning for the rule.
pub(crate) fn rule_blank(rule: &Rule, lin: &Linear, ti: &TableIndex<'_>) -> Finding {
    let mut cells: Vec<CellRef> = Vec::new();
    for &i in &lin.instances {
        for cell in lin.instance_cells(ti, i) {
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
    }
    let ctx = match (lin.instances.as_slice(), lin.along) {
        ([only], _) => context(lin, ti, *only),
        (_, Along::Columns) => format!("{}各列", ti.table.name),
        (_, Along::Rows) => format!("{}各行", ti.table.name),
    };
    Finding {
        span: None,
        rule: rule.id.clone(),
        severity: UNCHECKED,
        cells,
        message: format!("{ctx}：{}，尚未填写，无法校验。", relation(lin, ti)),
    }
}

/// A sum beyond the range of exact decimals.
pub(crate) fn overflow(rule: &Rule, lin: &Linear, ti: &TableIndex<'_>, instance: usize) -> Finding {
    Finding {
        span: None,
        rule: rule.id.clone(),
        severity: UNCHECKED,
        cells: lin.instance_cells(ti, instance),
        message: format!(
            "{}：{}，数值过大，无法校验。请核对各单元格的数值。",
            context(lin, ti, instance),
            relation(lin, ti)
        ),
    }
}
