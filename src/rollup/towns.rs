//! The towns' list: one row per report read, then one per unit that did not
//! report. The terminal text, the CSV, the workbook's list sheet and the
//! county window all show this one model, so they cannot disagree on a
//! status or on which figures head the columns.

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::{Rollup, Town};
use crate::document::UnitLevel;

/// What the county does with a row, in the order it matters to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TownStatus {
    /// Every identity holds.
    Passed,
    /// The report has errors: it is sent back.
    Errors,
    /// The unit reported more than once for the year.
    Duplicate,
    /// An expected unit with no report.
    Missing,
}

impl TownStatus {
    /// 通过 / 有错误 / 重复 / 缺报, as the list says it.
    pub fn label(self) -> &'static str {
        match self {
            TownStatus::Passed => "通过",
            TownStatus::Errors => "有错误",
            TownStatus::Duplicate => "重复",
            TownStatus::Missing => "缺报",
        }
    }
}

/// One line of the towns' list.
#[derive(Debug, Clone, PartialEq)]
pub struct TownRow {
    pub unit: String,
    /// The report's file; `None` for a missing unit.
    pub file: Option<PathBuf>,
    pub level: Option<UnitLevel>,
    pub year: Option<u16>,
    pub template: Option<String>,
    pub status: TownStatus,
    pub errors: usize,
    pub warnings: usize,
    /// Handed in after its deadline (never for a missing unit).
    pub late: bool,
    /// Values under [`Rollup::figure_labels`]; `None` is blank, never 0.
    pub figures: Vec<Option<Decimal>>,
}

impl TownRow {
    pub fn missing(&self) -> bool {
        self.status == TownStatus::Missing
    }

    pub fn duplicate(&self) -> bool {
        self.status == TownStatus::Duplicate
    }
}

impl Rollup {
    /// Figure headings over every town, in order of first appearance (mixed
    /// templates name different figures).
    pub fn figure_labels(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in self.towns.iter().flat_map(|t| &t.figures) {
            if !out.contains(&f.label) {
                out.push(f.label.clone());
            }
        }
        out
    }

    /// The reports in file order, then the missing units.
    pub fn town_rows(&self) -> Vec<TownRow> {
        let labels = self.figure_labels();
        let mut rows: Vec<TownRow> = self.towns.iter().map(|t| self.row_of(t, &labels)).collect();
        rows.extend(self.missing.iter().map(|unit| TownRow {
            unit: unit.clone(),
            file: None,
            level: None,
            year: None,
            template: None,
            status: TownStatus::Missing,
            errors: 0,
            warnings: 0,
            late: false,
            figures: vec![None; labels.len()],
        }));
        rows
    }

    fn row_of(&self, town: &Town, labels: &[String]) -> TownRow {
        let twice = self.duplicates.iter().any(|d| d.files.contains(&town.file));
        let status = if twice {
            TownStatus::Duplicate
        } else if town.errors > 0 {
            TownStatus::Errors
        } else {
            TownStatus::Passed
        };
        TownRow {
            unit: town.unit.clone(),
            file: Some(town.file.clone()),
            level: Some(town.level),
            year: Some(town.year),
            template: Some(town.template.clone()),
            status,
            errors: town.errors,
            warnings: town.warnings,
            late: town.late,
            figures: labels
                .iter()
                .map(|l| {
                    town.figures
                        .iter()
                        .find(|f| &f.label == l)
                        .and_then(|f| f.value)
                })
                .collect(),
        }
    }
}
