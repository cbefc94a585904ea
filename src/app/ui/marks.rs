//! Which cells and parts the current findings touch, computed once per frame
//! so the grid, the outline and the problems panel agree.

use std::collections::HashMap;

use crate::document::CellRef;
use crate::template::{Severity, Template};
use crate::validate::{Finding, Report};

use super::COVER_KEY;

/// The findings touching one cell.
#[derive(Debug, Clone, Default)]
pub struct CellMark {
    /// Indices into [`Report::errors`].
    pub errors: Vec<usize>,
    /// Indices into [`Report::warnings`].
    pub warnings: Vec<usize>,
}

impl CellMark {
    /// The worst severity: an error wins over a warning.
    pub fn severity(&self) -> Option<Severity> {
        if !self.errors.is_empty() {
            Some(Severity::Error)
        } else if !self.warnings.is_empty() {
            Some(Severity::Warning)
        } else {
            None
        }
    }
}

/// Error and warning counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

/// Findings indexed by cell and by part.
#[derive(Debug, Default)]
pub struct Marks {
    pub cells: HashMap<CellRef, CellMark>,
    /// Part key (or [`COVER_KEY`]) → counts of findings touching it.
    pub parts: HashMap<String, Counts>,
    pub total: Counts,
}

impl Marks {
    pub fn build(template: &Template, report: &Report) -> Marks {
        let table_part: HashMap<&str, &str> = template
            .tables()
            .map(|(p, t)| (t.key.as_str(), p.key.as_str()))
            .collect();
        let mut marks = Marks {
            total: Counts {
                errors: report.errors.len(),
                warnings: report.warnings.len(),
            },
            ..Marks::default()
        };
        for (severity, list) in [
            (Severity::Error, &report.errors),
            (Severity::Warning, &report.warnings),
        ] {
            for (i, finding) in list.iter().enumerate() {
                marks.add(&table_part, severity, i, finding);
            }
        }
        marks
    }

    fn add(
        &mut self,
        table_part: &HashMap<&str, &str>,
        severity: Severity,
        index: usize,
        finding: &Finding,
    ) {
        let mut parts: Vec<&str> = finding
            .cells
            .iter()
            .filter_map(|c| table_part.get(c.table.as_str()).copied())
            .collect();
        parts.sort_unstable();
        parts.dedup();
        if parts.is_empty() {
            parts.push(COVER_KEY);
        }
        for part in parts {
            let counts = self.parts.entry(part.to_string()).or_default();
            match severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
            }
        }
        for cell in &finding.cells {
            let mark = self.cells.entry(cell.clone()).or_default();
            let list = match severity {
                Severity::Error => &mut mark.errors,
                Severity::Warning => &mut mark.warnings,
            };
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }

    pub fn part(&self, key: &str) -> Counts {
        self.parts.get(key).copied().unwrap_or_default()
    }

    pub fn cell(&self, cell: &CellRef) -> Option<&CellMark> {
        self.cells.get(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity, cells: &[&str]) -> Finding {
        Finding {
            rule: "test".into(),
            severity,
            cells: cells.iter().map(|c| c.parse().unwrap()).collect(),
            message: "消息".into(),
        }
    }

    #[test]
    fn counts_per_part_and_marks_cells() {
        let template = crate::template::get("gk2021").unwrap();
        let report = Report {
            errors: vec![finding(
                Severity::Error,
                &["t3.new.natural", "t3.total.natural"],
            )],
            warnings: vec![
                finding(Severity::Warning, &["t3.new.natural"]),
                finding(Severity::Warning, &[]),
            ],
        };
        let marks = Marks::build(template, &report);
        assert_eq!(
            marks.part("p3"),
            Counts {
                errors: 1,
                warnings: 1
            }
        );
        assert_eq!(marks.part(COVER_KEY).warnings, 1);
        assert_eq!(marks.part("p4"), Counts::default());
        let cell = marks.cell(&"t3.new.natural".parse().unwrap()).unwrap();
        assert_eq!(cell.severity(), Some(Severity::Error));
        assert_eq!(cell.warnings, vec![0]);
        assert_eq!(
            marks
                .cell(&"t3.total.natural".parse().unwrap())
                .unwrap()
                .severity(),
            Some(Severity::Error)
        );
        assert_eq!(marks.total.warnings, 2);
    }
}
