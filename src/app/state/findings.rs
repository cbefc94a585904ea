//! Which cells and parts the current findings touch: the one index of the
//! findings, built once per validation (not per frame) and read by the grid,
//! the outline, the problems panel and the status bar.

use std::collections::HashMap;

use super::EditorState;
use crate::document::CellRef;
use crate::template::Severity;
use crate::validate::Finding;

/// The findings touching one cell.
#[derive(Debug, Clone, Default)]
pub struct CellMark {
    /// Indices into [`Report::errors`](crate::validate::Report::errors).
    pub errors: Vec<usize>,
    /// Indices into [`Report::warnings`](crate::validate::Report::warnings).
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

impl Counts {
    /// `✖ 2 ⚠ 1` or `无问题`: the one wording, beside a part and in the
    /// status bar.
    pub fn text(self) -> String {
        if self == Counts::default() {
            "无问题".to_string()
        } else {
            format!("✖ {} ⚠ {}", self.errors, self.warnings)
        }
    }
}

/// Findings indexed by cell and by part.
#[derive(Debug, Default, Clone)]
pub struct FindingsIndex {
    pub cells: HashMap<CellRef, CellMark>,
    /// Part key (or [`COVER_PART`](super::COVER_PART)) → counts of findings touching it.
    pub parts: HashMap<String, Counts>,
    pub total: Counts,
    /// How many times an index was built in this state (each validation
    /// builds one): a frame without an edit must not add to it.
    pub generation: u64,
}

impl FindingsIndex {
    /// Cell marks from the report; per-part counts from the state, which
    /// owns the rule for where a finding belongs.
    pub fn build(state: &EditorState) -> FindingsIndex {
        let report = &state.report;
        let mut marks = FindingsIndex {
            generation: state.findings.generation + 1,
            total: Counts {
                errors: report.errors.len(),
                warnings: report.warnings.len(),
            },
            parts: state
                .part_counts()
                .into_iter()
                .map(|(key, errors, warnings)| (key, Counts { errors, warnings }))
                .collect(),
            ..FindingsIndex::default()
        };
        for (severity, list) in [
            (Severity::Error, &report.errors),
            (Severity::Warning, &report.warnings),
        ] {
            for (i, finding) in list.iter().enumerate() {
                marks.mark_cells(severity, i, finding);
            }
        }
        marks
    }

    fn mark_cells(&mut self, severity: Severity, index: usize, finding: &Finding) {
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
    use crate::app::state::COVER_PART as COVER_KEY;
    use crate::validate::Report;

    fn finding(severity: Severity, cells: &[&str]) -> Finding {
        Finding {
            span: None,
            rule: "test".into(),
            severity,
            cells: cells.iter().map(|c| c.parse().unwrap()).collect(),
            message: "消息".into(),
        }
    }

    #[test]
    fn counts_per_part_and_marks_cells() {
        let template = crate::template::get("gk2021").unwrap();
        let doc = crate::document::Document::new("gk2021", "某镇", Default::default(), 2025);
        let mut state = EditorState::with_env(doc, template, crate::app::state::Env::headless());
        state.report = Report {
            errors: vec![finding(
                Severity::Error,
                &["t3.new.natural", "t3.total.natural"],
            )],
            warnings: vec![
                finding(Severity::Warning, &["t3.new.natural"]),
                finding(Severity::Warning, &[]),
            ],
            reviewed: Vec::new(),
        };
        let marks = FindingsIndex::build(&state);
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
