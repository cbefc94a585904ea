//! The county's tables: every report of one year and template added up cell
//! by cell, with the blanks counted (a blank is never 0), then validated like
//! a report so an identity that fails in the sum names the towns causing it.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::Town;
use crate::document::{CellRef, CellValue, Document, UnitLevel};
use crate::template::{self, CellKind};
use crate::validate::{validate, Finding, INVALID, UNPARSED};

/// One summed cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CellTotal {
    /// Σ of the reports that filled the cell with a number.
    pub value: Decimal,
    /// How many reports filled it with a number.
    pub filled: usize,
    /// How many hold text where the number belongs (imported “/”, “—”).
    pub not_number: usize,
    /// The sum went beyond exact decimals (the value is then meaningless).
    pub overflow: bool,
}

/// A finding of the summed tables and the towns whose own cells cause it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumFinding {
    pub finding: Finding,
    /// Units (as written in their reports) whose same identity fails, is
    /// blank or holds a non-number in these cells.
    pub towns: Vec<String>,
}

/// The reports of one year and template, added up.
#[derive(Debug, Clone)]
pub struct Sum {
    pub year: u16,
    pub template: String,
    /// How many reports were added.
    pub reports: usize,
    /// Every numeric cell of the template that at least one report touched.
    pub cells: BTreeMap<CellRef, CellTotal>,
    /// The sum's own findings (filled in once every report is added).
    pub findings: Vec<SumFinding>,
    /// The template's numeric cells and their kinds (unknown cells of a
    /// hand-edited file are not added).
    kinds: HashMap<CellRef, CellKind>,
}

impl Sum {
    pub fn new(year: u16, template_id: &str) -> Sum {
        let kinds = template::get(template_id)
            .map(|t| {
                t.cells()
                    .into_iter()
                    .filter(|c| c.kind.is_numeric())
                    .map(|c| (c.cell, c.kind))
                    .collect()
            })
            .unwrap_or_default();
        Sum {
            year,
            template: template_id.to_string(),
            reports: 0,
            cells: BTreeMap::new(),
            findings: Vec::new(),
            kinds,
        }
    }

    /// Add one report's cells.
    pub fn add(&mut self, doc: &Document) {
        self.reports += 1;
        for (cell, value) in &doc.cells {
            if !self.kinds.contains_key(cell) {
                continue;
            }
            let total = match self.cells.get_mut(cell) {
                Some(t) => t,
                None => self.cells.entry(cell.clone()).or_default(),
            };
            match value.number() {
                Some(n) => {
                    total.filled += 1;
                    match total.value.checked_add(n) {
                        Some(v) => total.value = v,
                        None => total.overflow = true,
                    }
                }
                None => total.not_number += 1,
            }
        }
    }

    /// Two partial sums of the same year and template as one.
    pub fn merge(mut self, other: Sum) -> Sum {
        self.reports += other.reports;
        for (cell, t) in other.cells {
            let mine = self.cells.entry(cell).or_default();
            mine.filled += t.filled;
            mine.not_number += t.not_number;
            mine.overflow |= t.overflow;
            match mine.value.checked_add(t.value) {
                Some(v) => mine.value = v,
                None => mine.overflow = true,
            }
        }
        self
    }

    /// How many reports left `cell` blank.
    pub fn blank(&self, cell: &CellRef) -> usize {
        let t = self.cells.get(cell).copied().unwrap_or_default();
        self.reports.saturating_sub(t.filled + t.not_number)
    }

    /// Cells some report (but not all) left blank or filled with text, with
    /// the number of such reports, in address order.
    pub fn incomplete(&self) -> Vec<(&CellRef, usize)> {
        let mut out: Vec<(&CellRef, usize)> = self
            .kinds
            .keys()
            .map(|c| {
                (
                    c,
                    self.blank(c) + self.cells.get(c).map_or(0, |t| t.not_number),
                )
            })
            .filter(|(_, n)| *n > 0 && *n < self.reports)
            .collect();
        out.sort();
        out
    }

    /// The summed value of a cell: `None` when no report filled it.
    pub fn value(&self, cell: &CellRef) -> Option<Decimal> {
        self.cells
            .get(cell)
            .filter(|t| t.filled > 0 && !t.overflow)
            .map(|t| t.value)
    }

    /// The sum as a report of `unit` at `level` (a county's own report
    /// pre-filled from its towns): a cell no town filled stays blank.
    pub fn to_document(&self, unit: &str, level: UnitLevel) -> Document {
        let mut doc = Document::new(&self.template, unit, level, self.year);
        for (cell, kind) in &self.kinds {
            let Some(v) = self.value(cell) else { continue };
            let value = match (kind, i64::try_from(v)) {
                (CellKind::Count | CellKind::Signed, Ok(i)) if v.fract().is_zero() => {
                    CellValue::Int(i)
                }
                _ => CellValue::Amount(v),
            };
            doc.set_cell(cell.clone(), Some(value));
        }
        doc
    }

    /// Validate the sum as a county report and name, for each finding, the
    /// towns of this year and template whose own cells cause it.
    pub fn check(&mut self, towns: &[Town]) {
        let Some(template) = template::get(&self.template) else {
            return;
        };
        let doc = self.to_document("", UnitLevel::County);
        let report = validate(&doc, template);
        let members: Vec<&Town> = towns
            .iter()
            .filter(|t| t.year == self.year && t.template == self.template)
            .collect();
        self.findings = report
            .all()
            .map(|f| SumFinding {
                towns: causing(f, &members),
                finding: f.clone(),
            })
            .collect();
    }
}

/// Towns with a finding of the same rule (or a bad value) on any of `f`'s cells.
fn causing(f: &Finding, towns: &[&Town]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for town in towns {
        let hit = town.findings.iter().any(|(rule, cells)| {
            (rule == &f.rule || rule == UNPARSED || rule == INVALID)
                && cells.iter().any(|c| f.cells.contains(c))
        });
        if hit && !out.contains(&town.unit) {
            out.push(town.unit.clone());
        }
    }
    out
}
