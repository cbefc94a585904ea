//! Validator tests on the real gk2021 template, with documents built in code.

mod cells;
mod linear;
mod memo;
mod props;
mod round_two;
mod totals;

use rust_decimal::Decimal;

use crate::document::{CellRef, CellValue, Document, UnitLevel};
use crate::template::{self, Template};

use super::{Finding, Report};

/// gk2021's tables and table rules: these tests are about the 勾稽关系
/// validator; the prose and last-year checks (and part 六's unprinted
/// 信息处理费 fields) are tested in `tests/prose.rs`.
pub(super) fn gk() -> &'static Template {
    static TABLES_ONLY: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    TABLES_ONLY.get_or_init(|| {
        let mut t = template::get("gk2021").expect("gk2021 is embedded").clone();
        t.rules.retain(|r| {
            !(r.id.starts_with("prose.") || r.id.starts_with("prev.") || r.id.starts_with("t6."))
        });
        for part in &mut t.parts {
            part.tables.retain(|tb| tb.printed);
        }
        t
    })
}

pub(super) fn cell(addr: &str) -> CellRef {
    addr.parse().expect("test address")
}

pub(super) fn empty_doc() -> Document {
    Document::new("gk2021", "某某镇", UnitLevel::Township, 2025)
}

pub(super) fn set(doc: &mut Document, addr: &str, n: i64) {
    doc.set_cell(cell(addr), Some(CellValue::Int(n)));
}

pub(super) fn clear(doc: &mut Document, addr: &str) {
    doc.set_cell(cell(addr), None);
}

/// Applicant columns of table 3 other than 总计.
pub(super) const APPLICANTS: [&str; 6] = [
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "law_service",
    "other",
];

/// Result rows of table 3 (the terms of （七）总计).
pub(super) const RESULTS: [&str; 21] = [
    "open",
    "partial",
    "deny_secret",
    "deny_law",
    "deny_safety",
    "deny_third",
    "deny_internal",
    "deny_process",
    "deny_case",
    "deny_query",
    "unable_none",
    "unable_make",
    "unable_unclear",
    "reject_petition",
    "reject_repeat",
    "reject_publication",
    "reject_massive",
    "reject_confirm",
    "other_overdue",
    "other_fee",
    "other_other",
];

/// Fill table 3 consistently. 自然人: 一 2, 二 1, （一）2, （七）总计 2, 四 1.
fn fill_t3(doc: &mut Document) {
    let mut row_totals = std::collections::BTreeMap::<&str, i64>::new();
    for (j, col) in APPLICANTS.iter().enumerate() {
        let mut total = 0;
        for (i, row) in RESULTS.iter().enumerate() {
            let v = match (j, i) {
                (0, 0) => 2,
                (0, _) => 0,
                _ => ((i + j) % 3) as i64,
            };
            total += v;
            set(doc, &format!("t3.{row}.{col}"), v);
            *row_totals.entry(row).or_default() += v;
        }
        let carried = 1;
        let carry_over = if j == 0 { 1 } else { (j % 2) as i64 };
        let new = total + carry_over - carried;
        for (row, v) in [
            ("total", total),
            ("carried", carried),
            ("carry_over", carry_over),
            ("new", new),
        ] {
            set(doc, &format!("t3.{row}.{col}"), v);
            *row_totals.entry(row).or_default() += v;
        }
    }
    for (row, v) in row_totals {
        set(doc, &format!("t3.{row}.total"), v);
    }
}

/// A fully filled, consistent gk2021 report (no previous year).
pub(super) fn full_doc() -> Document {
    let mut doc = empty_doc();
    for (addr, v) in [
        ("t2a.rules.issued", 0),
        ("t2a.rules.repealed", 0),
        ("t2a.rules.valid", 0),
        ("t2a.normative.issued", 2),
        ("t2a.normative.repealed", 1),
        ("t2a.normative.valid", 5),
        ("t2b.license.decisions", 3),
        ("t2c.penalty.decisions", 4),
        ("t2c.coercion.decisions", 0),
    ] {
        set(&mut doc, addr, v);
    }
    doc.set_cell(
        cell("t2d.fees.amount"),
        Some(CellValue::Amount(Decimal::new(15, 1))),
    );
    fill_t3(&mut doc);
    for (group, parts) in [
        ("review", [1, 0, 2, 1]),
        ("direct", [0, 1, 0, 0]),
        ("after", [1, 1, 1, 1]),
    ] {
        for (leaf, v) in ["upheld", "corrected", "other", "pending"]
            .iter()
            .zip(parts)
        {
            set(&mut doc, &format!("t4.cases.{group}_{leaf}"), v);
        }
        set(
            &mut doc,
            &format!("t4.cases.{group}_total"),
            parts.iter().sum(),
        );
    }
    doc
}

pub(super) fn ids(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

pub(super) fn check(doc: &Document) -> Report {
    super::validate(doc, gk())
}

#[test]
fn full_consistent_report_has_no_findings() {
    let doc = full_doc();
    // Every template cell is filled.
    assert_eq!(doc.cells.len(), gk().cells().len());
    let report = check(&doc);
    assert_eq!(report, Report::default(), "{report:#?}");
}

#[test]
fn validation_is_deterministic() {
    let mut doc = full_doc();
    set(&mut doc, "t3.new.natural", 9);
    clear(&mut doc, "t4.cases.after_total");
    assert_eq!(check(&doc), check(&doc));
}

#[test]
fn no_statistics_switch_silences_tables_only_where_allowed() {
    let mut doc = empty_doc();
    doc.no_statistics = true;
    // gk2021 does not allow the switch: the blank tables are still reported.
    assert!(!check(&doc).warnings.is_empty());
    let mut optional = gk().clone();
    optional.statistics_optional = true;
    assert_eq!(super::validate(&doc, &optional), Report::default());
    doc.no_statistics = false;
    assert!(!super::validate(&doc, &optional).warnings.is_empty());
}

#[test]
fn cell_severity_keeps_the_worst_and_messages_for_lists_findings() {
    let mut doc = full_doc();
    set(&mut doc, "t3.new.natural", 3);
    clear(&mut doc, "t3.carried.natural");
    doc.set_cell(cell("t3.open.natural"), Some(CellValue::Int(-1)));
    let report = check(&doc);
    let sev = report.cell_severity();
    use crate::template::Severity;
    // open.natural: `invalid`, and the column and row sums it breaks.
    assert_eq!(sev.get(&cell("t3.open.natural")), Some(&Severity::Error));
    assert_eq!(
        sev.get(&cell("t3.carried.natural")),
        Some(&Severity::Warning)
    );
    assert_eq!(sev.get(&cell("t3.deny_law.commercial")), None);
    let about = report.messages_for(&cell("t3.open.natural"));
    assert_eq!(ids_ref(&about), ["invalid", "t3.results", "t3.applicants"]);
    assert!(about
        .iter()
        .all(|f| f.cells.contains(&cell("t3.open.natural"))));
    assert!(report
        .messages_for(&cell("t3.deny_law.commercial"))
        .is_empty());
}

fn ids_ref<'a>(findings: &[&'a Finding]) -> Vec<&'a str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}
