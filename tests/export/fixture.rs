//! The shared sample report parses, fills every cell and ties up.

use nianbao::document::{CellRef, Document};
use nianbao::template::{self, Along, Check, Op, Term};
use rust_decimal::Decimal;

use super::sample;

#[test]
fn sample_parses_as_gk2021_township_2025() {
    let doc = sample();
    assert_eq!(doc.template, "gk2021");
    assert_eq!(doc.meta.year, 2025);
    assert_eq!(doc.meta.level, nianbao::document::UnitLevel::Township);
    assert!(doc.meta.opening.contains("2025年1月1日"));
    assert!(doc.prose("p6").contains("信息处理费"));
    for sub in ["（一）", "（二）", "（三）", "（四）", "（五）"] {
        assert!(doc.prose("p1").contains(sub), "一 lacks {sub}");
    }
}

#[test]
fn sample_fills_every_gk2021_cell_and_nothing_else() {
    let doc = sample();
    let t = template::get("gk2021").expect("gk2021");
    let cells = t.cells();
    for info in &cells {
        let v = doc.cell(&info.cell);
        assert!(v.is_some(), "{} 未填写", info.cell);
        assert!(
            v.and_then(nianbao::document::CellValue::number).is_some(),
            "{} not a number",
            info.cell
        );
    }
    assert_eq!(doc.cells.len(), cells.len(), "stray cells in fixture");
}

/// Σ of the terms of a rule at one position (`None` for cross-year terms).
fn sum(doc: &Document, table: &str, along: Along, at: &str, terms: &[Term]) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for term in terms {
        if term.last_year {
            return None;
        }
        let (neg, key) = (term.negative, term.key.as_str());
        let cell = match along {
            Along::Columns => CellRef::new(table, key, at),
            Along::Rows => CellRef::new(table, at, key),
        };
        let v = doc.cell(&cell)?.number()?;
        total += if neg { -v } else { v };
    }
    Some(total)
}

#[test]
fn sample_satisfies_every_identity_of_the_template() {
    let doc = sample();
    let t = template::get("gk2021").expect("gk2021");
    let mut checked = 0;
    for rule in &t.rules {
        let Check::Linear {
            table,
            along,
            each,
            lhs,
            op,
            rhs,
            ..
        } = &rule.check
        else {
            continue;
        };
        let tab = t.table(table).expect("table");
        let positions: Vec<String> = match along {
            _ if !each.is_empty() => each.clone(),
            Along::Columns => tab
                .leaf_columns()
                .iter()
                .map(|c| c.column.key.clone())
                .collect(),
            Along::Rows => tab
                .flat_rows()
                .iter()
                .filter(|r| !r.row.group)
                .map(|r| r.row.key.clone())
                .collect(),
        };
        for at in positions {
            let (Some(l), Some(r)) = (
                sum(&doc, table, *along, &at, lhs),
                sum(&doc, table, *along, &at, rhs),
            ) else {
                continue;
            };
            let ok = match op {
                Op::Eq => l == r,
                Op::Le => l <= r,
                Op::Ge => l >= r,
            };
            assert!(ok, "{} fails at {at}: {l} vs {r}", rule.id);
            checked += 1;
        }
    }
    // t3: 7 + 7 columns and 25 rows; t4: three groups.
    assert!(
        checked >= 7 + 7 + 25 + 3,
        "only {checked} identities checked"
    );
    // A township makes no 规章: the template says which rows, the fixture honours it.
    for rule in &t.rules {
        if let Check::ZeroForLevels { table, rows, .. } = &rule.check {
            for info in t.table(table).expect("table").cells() {
                if rows.contains(&info.cell.row) {
                    assert_eq!(
                        doc.cell(&info.cell)
                            .and_then(nianbao::document::CellValue::number),
                        Some(Decimal::ZERO)
                    );
                }
            }
        }
    }
}

#[test]
fn sample_passes_the_validator_without_any_finding() {
    let doc = sample();
    let t = template::get("gk2021").expect("gk2021");
    let report = nianbao::validate::validate(&doc, t);
    let findings: Vec<_> = report.all().collect();
    assert!(report.is_empty(), "{findings:#?}");
}
