//! `Check::ProseFigures`: every number the prose quotes (per the template's
//! phrases) equals its figure in the tables.

use rust_decimal::Decimal;

use super::figures::{evaluate, FigureValue};
use super::index::Index;
use super::message::num;
use super::{Finding, TextSpan};
use crate::document::{Address, CellRef, Document, MetaField};
use crate::prose::{quotes, text};
use crate::template::{Figure, Rule, Template};

/// Every text field the prose checks read, with how findings name it.
pub(crate) fn texts<'d>(doc: &'d Document, template: &Template) -> Vec<(Address, String, &'d str)> {
    let mut out = vec![(
        Address::Meta(MetaField::Opening),
        MetaField::Opening.label().to_string(),
        doc.meta.opening.as_str(),
    )];
    for part in text::prose_parts(template) {
        out.push((
            Address::Prose(part.key.clone()),
            text::part_name(part),
            doc.prose(&part.key),
        ));
    }
    out
}

pub(crate) fn check_figures(
    rule: &Rule,
    (index, memo): (&Index<'_, '_>, &mut super::Memo),
    doc: &Document,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    if template.phrases.is_empty() {
        return;
    }
    let values: Vec<Option<FigureValue>> = template
        .figures
        .iter()
        .map(|f| evaluate(f, index, false))
        .collect();
    for (address, where_, prose) in texts(doc, template) {
        if prose.is_empty() {
            continue;
        }
        for q in memo.quotes(prose, &template.phrases, doc.meta.year) {
            let key = &template.phrases[q.phrase].figure;
            let Some(fi) = template.figures.iter().position(|f| &f.key == key) else {
                continue;
            };
            let Some(value) = &values[fi] else { continue };
            let span = TextSpan {
                address: address.clone(),
                start: text::char_offset(prose, q.start),
                end: text::char_offset(prose, q.end),
            };
            let quoted = &prose[q.start..q.end];
            let figure = &template.figures[fi];
            if let Some(f) = compare(rule, figure, value, (&where_, quoted), &q, span) {
                out.push(f);
            }
        }
    }
}

fn compare(
    rule: &Rule,
    figure: &Figure,
    value: &FigureValue,
    (where_, quoted): (&str, &str),
    q: &quotes::Quote,
    span: TextSpan,
) -> Option<Finding> {
    let cells: Vec<CellRef> = figure.cells.iter().filter_map(|c| c.parse().ok()).collect();
    let message = match value {
        FigureValue::Blank(blank) => format!(
            "{where_}“{quoted}”引用的{}尚未填写（{} 个单元格未填写），无法核对。请填写表格后再核对这句话。",
            figure.name,
            blank.len()
        ),
        FigureValue::Number(n, unit) => {
            let said = in_unit(q.number.value, q.number.unit, unit.as_deref());
            if said == *n {
                return None;
            }
            format!(
                "{where_}“{quoted}”与{}（{}）不一致：正文为 {}，表格为 {}。请核对正文或表格。",
                figure.name,
                num(*n),
                num(said),
                num(*n)
            )
        }
    };
    Some(Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        cells,
        message,
        span: Some(span),
    })
}

/// A quoted amount in the unit of the figure's cells (1.26万元 = 12600元).
fn in_unit(value: Decimal, said: &str, cell: Option<&str>) -> Decimal {
    let ten_thousand = Decimal::from(10_000);
    match (said, cell) {
        ("万元", Some("元")) => value.checked_mul(ten_thousand).unwrap_or(value),
        ("元", Some("万元")) => value.checked_div(ten_thousand).unwrap_or(value),
        _ => value,
    }
}
