//! The 本报告无统计表 switch and per-part finding counts.

use nianbao::app::state::Command;
use nianbao::document::{Address, Document, MetaField, UnitLevel};
use nianbao::template::Severity;
use nianbao::validate::{Finding, Report};

use super::{fixture, fixture_for, set, Fixture};

fn legacy_state() -> Fixture {
    let doc = Document::new("legacy-national", "某某镇", UnitLevel::Township, 2015);
    fixture_for(doc, "legacy-national")
}

#[test]
fn no_statistics_is_an_undoable_field() {
    let mut f = legacy_state();
    let state = &mut f.state;
    let blanks = state.report.warnings.len();
    assert!(
        blanks > 0,
        "an empty legacy report warns about blank tables"
    );
    set(state, "meta.no_statistics", "是");
    assert!(state.doc.no_statistics && state.statistics_skipped() && state.dirty);
    assert!(state.report.warnings.len() < blanks, "table warnings go");
    assert!(state
        .report
        .warnings
        .iter()
        .chain(&state.report.errors)
        .all(|f| f.cells.is_empty()));
    state.apply(Command::Undo);
    assert!(!state.doc.no_statistics);
    assert_eq!(state.report.warnings.len(), blanks);
    assert_eq!(state.focus, Some(Address::Meta(MetaField::NoStatistics)));
    state.apply(Command::Redo);
    assert!(state.doc.no_statistics);
}

#[test]
fn no_statistics_is_refused_where_tables_are_required() {
    let mut f = fixture();
    set(&mut f.state, "meta.no_statistics", "是");
    assert!(!f.state.doc.no_statistics);
    assert!(!f.state.dirty);
}

fn finding(severity: Severity, cells: &[&str]) -> Finding {
    Finding {
        span: None,
        rule: "test".into(),
        severity,
        cells: cells.iter().map(|c| c.parse().expect("cell")).collect(),
        message: "消息".into(),
    }
}

#[test]
fn a_finding_counts_in_every_part_it_touches() {
    let mut f = fixture();
    f.state.report = Report {
        errors: vec![finding(
            Severity::Error,
            &[
                "t3.new.natural",
                "t4.cases.direct_upheld",
                "t3.total.natural",
            ],
        )],
        warnings: vec![finding(Severity::Warning, &[])],
        reviewed: Vec::new(),
    };
    let counts = f.state.part_counts();
    let of = |key: &str| counts.iter().find(|c| c.0 == key).map(|c| (c.1, c.2));
    assert_eq!(of("cover"), Some((0, 1)), "no cells: the cover");
    assert_eq!(of("p3"), Some((1, 0)), "counted once per part");
    assert_eq!(
        of("p4"),
        Some((1, 0)),
        "a cross-table finding belongs to each"
    );
    assert_eq!(of("p1"), Some((0, 0)));
}

/// A number in the prose that disagrees with 表三 counts under 一 (where
/// the sentence is, and where the outline sends the clerk) and under 三.
#[test]
fn a_prose_finding_counts_under_the_part_that_quotes_it() {
    let mut f = fixture();
    let state = &mut f.state;
    set(state, "prose.p1", "全年新收政府信息公开申请15件。");
    let finding = state
        .report
        .warnings
        .iter()
        .find(|w| w.rule == "prose.figures")
        .expect("a prose.figures warning")
        .clone();
    assert_eq!(state.finding_parts(&finding), ["p1", "p3"]);
    assert_eq!(state.finding_part(&finding), "p1");
    assert!(state.findings.part("p1").warnings >= 1);
}
