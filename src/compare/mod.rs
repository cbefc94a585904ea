//! 与上年对比: this year's report against last year's, cell by cell, and the
//! key figures over every year of the same unit that can be found.
//!
//! A change is highlighted when it passes the soft thresholds
//! ([`SOFT_THRESHOLDS`]): big enough in number *and* in proportion, so a
//! town going from 2 to 5 applications is not flagged but 40 to 90 is.

mod history;
mod render;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::document::{CellRef, CellValue, Document};
use crate::template::Template;

pub use history::{history, YearFigures};
pub use render::{change_text, ratio_text, to_json, to_markdown, to_text};

/// When a change is worth a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// |this − last| must reach this many (件) …
    pub absolute: Decimal,
    /// … and this share of last year's value (0.5 = 50 %).
    pub relative: Decimal,
}

/// The soft thresholds of 与上年对比: at least 10 and at least 50 %.
pub const SOFT_THRESHOLDS: Thresholds = Thresholds {
    absolute: Decimal::from_parts(10, 0, 0, false, 0),
    relative: Decimal::from_parts(5, 0, 0, false, 1),
};

/// One cell, last year and this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub cell: CellRef,
    /// Row labels, outermost first, joined with ` / `.
    pub row: String,
    /// Column labels, outermost first, joined with ` / `.
    pub col: String,
    pub last: Option<CellValue>,
    pub this: Option<CellValue>,
    /// this − last, when both are numbers.
    pub change: Option<Decimal>,
    /// change ÷ last, when last is a non-zero number.
    pub ratio: Option<Decimal>,
    /// The change passes the soft thresholds.
    pub beyond: bool,
}

/// One table's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableComparison {
    pub key: String,
    pub name: String,
    pub lines: Vec<Line>,
}

/// A report against last year's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub unit: String,
    pub this_year: u16,
    pub last_year: u16,
    pub tables: Vec<TableComparison>,
}

impl Comparison {
    /// How many changes pass the thresholds.
    pub fn beyond(&self) -> usize {
        self.tables
            .iter()
            .flat_map(|t| &t.lines)
            .filter(|l| l.beyond)
            .count()
    }
}

/// Whether a change from `last` to `this` passes `t`.
pub fn beyond(last: Decimal, this: Decimal, t: &Thresholds) -> bool {
    let change = (this - last).abs();
    if change < t.absolute {
        return false;
    }
    if last.is_zero() {
        return true;
    }
    change >= last.abs() * t.relative
}

/// Compare `this` with last year's cells (`last`, of year `last_year`), in
/// the order of `this`'s template. Cells blank in both years are left out.
pub fn compare(
    this: &Document,
    last: &BTreeMap<CellRef, CellValue>,
    last_year: u16,
    template: &Template,
) -> Comparison {
    let tables = template
        .tables()
        .map(|(_, table)| TableComparison {
            key: table.key.clone(),
            name: table.name.clone(),
            lines: table
                .cells()
                .into_iter()
                .filter(|c| c.kind.is_numeric())
                .filter_map(|info| {
                    let now = this.cell(&info.cell).cloned();
                    let before = last.get(&info.cell).cloned();
                    if now.is_none() && before.is_none() {
                        return None;
                    }
                    Some(line(&info, before, now))
                })
                .collect(),
        })
        .collect();
    Comparison {
        unit: this.meta.unit.clone(),
        this_year: this.meta.year,
        last_year,
        tables,
    }
}

/// Compare a report with the last year linked to it (`None` when none is).
pub fn compare_linked(this: &Document, template: &Template) -> Option<Comparison> {
    let prev = this.previous.as_ref()?;
    Some(compare(this, &prev.cells, prev.year, template))
}

fn line(
    info: &crate::template::CellInfo<'_>,
    last: Option<CellValue>,
    this: Option<CellValue>,
) -> Line {
    let numbers = last
        .as_ref()
        .and_then(CellValue::number)
        .zip(this.as_ref().and_then(CellValue::number));
    let change = numbers.and_then(|(l, t)| t.checked_sub(l));
    let ratio = numbers
        .filter(|(l, _)| !l.is_zero())
        .and_then(|(l, t)| t.checked_sub(l)?.checked_div(l.abs()));
    Line {
        cell: info.cell.clone(),
        row: info.row_path_joined(),
        col: info.col_path_joined(),
        beyond: numbers.is_some_and(|(l, t)| beyond(l, t, &SOFT_THRESHOLDS)),
        last,
        this,
        change,
        ratio,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn small_towns_are_not_flagged_for_small_changes() {
        let t = SOFT_THRESHOLDS;
        assert!(!beyond(d(2), d(5), &t), "+3 is below 10");
        assert!(!beyond(d(100), d(120), &t), "+20 is only 20 %");
        assert!(beyond(d(40), d(90), &t));
        assert!(beyond(d(0), d(12), &t));
        assert!(beyond(d(90), d(40), &t), "falls count too");
        assert!(!beyond(d(0), d(9), &t));
    }
}
