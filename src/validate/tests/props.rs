//! Property test: no document makes the validator or the fill actions panic.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::document::{CellRef, CellValue, Document, PreviousYear, UnitLevel};
use crate::template::{self, Severity};
use crate::validate::{computed_totals, fill_blanks_with_zero, fill_totals, validate};

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        (-5i64..50).prop_map(Decimal::from),
    ]
}

fn value() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        4 => (-3i64..40).prop_map(CellValue::Int),
        1 => any::<i64>().prop_map(CellValue::Int),
        2 => decimal().prop_map(CellValue::Amount),
        1 => ".{0,8}".prop_map(CellValue::Text),
        1 => ".{0,8}".prop_map(CellValue::Unparsed),
    ]
}

/// Mostly real addresses of the embedded templates, some junk.
fn address() -> impl Strategy<Value = CellRef> {
    let real: Vec<CellRef> = template::all()
        .iter()
        .flat_map(|t| t.cells().into_iter().map(|c| c.cell))
        .collect();
    prop_oneof![
        4 => proptest::sample::select(real),
        1 => ("[a-z0-9_.]{0,6}", "[a-z_.]{0,10}", ".{0,6}").prop_map(|(t, r, c)| CellRef { table: t, row: r, col: c }),
    ]
}

fn cells() -> impl Strategy<Value = BTreeMap<CellRef, CellValue>> {
    proptest::collection::btree_map(address(), value(), 0..120)
}

fn document() -> impl Strategy<Value = Document> {
    (
        cells(),
        proptest::option::of(cells()),
        proptest::sample::select(UnitLevel::ALL.to_vec()),
        any::<bool>(),
        proptest::sample::select(
            template::all()
                .iter()
                .map(|t| t.id.clone())
                .collect::<Vec<_>>(),
        ),
    )
        .prop_map(|(cells, prev, level, no_statistics, template)| {
            let mut doc = Document::new(&template, "某某镇", level, 2025);
            doc.cells = cells;
            doc.no_statistics = no_statistics;
            doc.previous = prev.map(|cells| PreviousYear {
                prose: Default::default(),
                year: 2024,
                template: template.clone(),
                source: None,
                cells,
            });
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn validate_never_panics(doc in document()) {
        for t in template::all() {
            let report = validate(&doc, t);
            prop_assert!(report.errors.iter().all(|f| f.severity == Severity::Error));
            prop_assert!(report.warnings.iter().all(|f| f.severity == Severity::Warning));
            prop_assert!(report.all().all(|f| !f.message.is_empty()));
            let _ = report.cell_severity();
            prop_assert_eq!(validate(&doc, t), report);

            let mut filled = doc.clone();
            let n = fill_totals(&mut filled, t);
            prop_assert_eq!(filled.cells.len(), doc.cells.len() + n);
            prop_assert!(computed_totals(&filled, t).is_empty());
            fill_blanks_with_zero(&mut filled, t);
            let after = validate(&filled, t);
            prop_assert!(after.warnings.iter().all(|f| f.rule != "blanks"));
        }
    }
}
