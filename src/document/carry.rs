//! 从上年报告新建: starting this year's report from last year's, and linking
//! last year's report for the cross-year checks.
//!
//! Which cells carry over is read from the template's rules, never named
//! here: a rule `X = prev:Y` (e.g. 上年结转 = last year's 结转下年度继续办理)
//! says this year's X starts as last year's Y.

use super::{CellRef, Document, PreviousYear};
use crate::template::{self, Along, Check, Op, Table, Template};

impl PreviousYear {
    /// What is remembered of last year's report: its year, template and cells.
    pub fn from_document(doc: &Document) -> PreviousYear {
        PreviousYear {
            year: doc.meta.year,
            template: doc.template.clone(),
            source: None,
            cells: doc.cells.clone(),
            prose: doc.prose.clone(),
        }
    }
}

/// Remember `last` as last year's report of `doc` (for `prev:` rules and the
/// side-by-side view). Replaces any earlier link.
pub fn link_previous(doc: &mut Document, last: &Document) {
    doc.previous = Some(PreviousYear::from_document(last));
}

/// This year's report started from last year's: same unit and level, the
/// next year, the template in force for it, last year's prose and opening as a
/// draft, dates cleared, and every carried cell pre-filled.
pub fn carry_forward(last: &Document) -> Document {
    let year = last.meta.year.saturating_add(1);
    let template = template::current_for_year(year);
    let m = &last.meta;
    let mut doc = Document::new(&template.id, &m.unit, m.level, year);
    doc.meta.title = carried_title(m.title.as_deref(), m.year, year);
    doc.meta.opening = m.opening.clone();
    doc.meta.signature_unit = m.signature_unit.clone();
    if template.signoff {
        doc.meta.principal = m.principal.clone();
        doc.meta.reviewer = m.reviewer.clone();
        doc.meta.preparer = m.preparer.clone();
        doc.meta.phone = m.phone.clone();
    }
    for part in template.parts.iter().filter(|p| p.prose) {
        if let Some(text) = last.prose.get(&part.key).filter(|t| !t.is_empty()) {
            doc.prose.insert(part.key.clone(), text.clone());
        }
    }
    link_previous(&mut doc, last);
    for (target, source) in carried_cells(template) {
        if let Some(value) = last.cell(&source) {
            doc.set_cell(target, Some(value.clone()));
        }
    }
    doc
}

/// An explicit title names the year; move it on. Without the year in it we
/// cannot tell what to change, so fall back to the default title.
fn carried_title(title: Option<&str>, last_year: u16, year: u16) -> Option<String> {
    let old = format!("{last_year}年");
    title
        .filter(|t| t.contains(&old))
        .map(|t| t.replace(&old, &format!("{year}年")))
}

/// (this year's cell, last year's cell) pairs from every rule of the form
/// `X = prev:Y` with a single plain term on each side.
pub fn carried_cells(template: &Template) -> Vec<(CellRef, CellRef)> {
    let mut out = Vec::new();
    for rule in &template.rules {
        let Check::Linear {
            table,
            along,
            each,
            lhs,
            op: Op::Eq,
            rhs,
            ..
        } = &rule.check
        else {
            continue;
        };
        let ([target], [source]) = (lhs.as_slice(), rhs.as_slice()) else {
            continue;
        };
        // `X = prev:Y`: one plain this-year term, one added last-year term.
        if !target.is_plain() || !source.last_year || source.negative {
            continue;
        }
        let (target, source) = (&target.key, &source.key);
        let Some(t) = template.table(table) else {
            continue;
        };
        for instance in instances(t, *along, each) {
            let (to, from) = match along {
                Along::Columns => (
                    CellRef::new(table, target, &instance),
                    CellRef::new(table, source, &instance),
                ),
                Along::Rows => (
                    CellRef::new(table, &instance, target),
                    CellRef::new(table, &instance, source),
                ),
            };
            if template.cell(&to).is_some_and(|c| c.kind.is_numeric()) {
                out.push((to, from));
            }
        }
    }
    out
}

/// The columns (along `Columns`) or rows (along `Rows`) a rule applies to.
fn instances(table: &Table, along: Along, each: &[String]) -> Vec<String> {
    if !each.is_empty() {
        return each.to_vec();
    }
    match along {
        Along::Columns => table
            .leaf_columns()
            .iter()
            .map(|c| c.column.key.clone())
            .collect(),
        Along::Rows => table
            .flat_rows()
            .iter()
            .filter(|r| !r.row.group)
            .map(|r| r.row.key.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{CellValue, UnitLevel};

    fn last_year() -> Document {
        let t = template::get("gk2021").unwrap();
        let mut d = Document::new("gk2021", "某某镇", UnitLevel::Township, 2024);
        d.meta.title = Some("某某镇人民政府2024年政府信息公开工作年度报告".into());
        d.meta.opening = "开头段落".into();
        d.meta.signature_unit = "某某镇人民政府".into();
        d.meta.signature_date = "2025年1月20日".into();
        d.prose.insert("p1".into(), "总体情况".into());
        for (i, c) in t.cells().into_iter().enumerate() {
            if c.kind == crate::template::CellKind::Count {
                d.set_cell(c.cell, Some(CellValue::Int(i as i64)));
            }
        }
        d
    }

    #[test]
    fn carries_meta_prose_and_previous() {
        let last = last_year();
        let doc = carry_forward(&last);
        assert_eq!(doc.meta.year, 2025);
        assert_eq!(doc.template, template::current_for_year(2025).id);
        assert_eq!(doc.meta.unit, "某某镇");
        assert_eq!(doc.meta.level, UnitLevel::Township);
        assert_eq!(doc.meta.signature_unit, "某某镇人民政府");
        assert_eq!(doc.meta.signature_date, "");
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("某某镇人民政府2025年政府信息公开工作年度报告")
        );
        assert_eq!(doc.meta.opening, "开头段落");
        assert_eq!(doc.prose("p1"), "总体情况");
        let prev = doc.previous.as_ref().unwrap();
        assert_eq!(prev.year, 2024);
        assert_eq!(prev.cells, last.cells);
    }

    #[test]
    fn carried_cells_come_from_prev_rules() {
        let t = template::get("gk2021").unwrap();
        // Derived from the rules, so compare against the rules themselves.
        let pairs = carried_cells(t);
        assert_eq!(pairs.len(), t.table("t3").unwrap().leaf_columns().len());
        let last = last_year();
        let doc = carry_forward(&last);
        for (to, from) in &pairs {
            assert_eq!(to.table, from.table);
            assert_eq!(to.col, from.col);
            assert_eq!(doc.cell(to), last.cell(from), "{to} ← {from}");
            assert!(doc.cell(to).is_some());
        }
        // Nothing else is pre-filled: this year's numbers are not last year's.
        assert_eq!(doc.cells.len(), pairs.len());
    }

    #[test]
    fn blank_last_year_cells_stay_blank() {
        let mut last = last_year();
        last.cells.clear();
        let doc = carry_forward(&last);
        assert!(doc.cells.is_empty());
        assert_eq!(
            doc.meta.title,
            Some("某某镇人民政府2025年政府信息公开工作年度报告".into())
        );
    }

    #[test]
    fn link_previous_replaces_the_link() {
        let last = last_year();
        let mut doc = Document::new("gk2021", "某某镇", UnitLevel::Township, 2025);
        link_previous(&mut doc, &last);
        assert_eq!(doc.previous, Some(PreviousYear::from_document(&last)));
        let mut other = last.clone();
        other.meta.year = 2023;
        link_previous(&mut doc, &other);
        assert_eq!(doc.previous.unwrap().year, 2023);
    }
}
