//! 已核实: warnings the clerk has checked and that are right anyway (a real
//! jump, a lawful repetition), marked with a note and kept in the file.
//!
//! A finding's id is a fixed hash (FNV-1a, 64 bits) of its rule id, cells
//! and message — no random seed, so the same finding has the same id on
//! every run and machine. The message carries the numbers and the quoted
//! text, so an edit that changes them changes the id and the mark no longer
//! applies: the finding comes back as new. Errors cannot be marked.

use std::collections::BTreeMap;

use super::{validate, Finding, Report};
use crate::document::Document;
use crate::template::Template;

/// Longest note kept with a mark, in characters.
pub const MAX_NOTE_CHARS: usize = 200;

/// The stable id of a finding: 16 hex digits.
pub fn finding_id(f: &Finding) -> String {
    let mut h = Fnv::new();
    h.write(f.rule.as_bytes());
    for cell in &f.cells {
        h.write(&[0]);
        h.write(cell.to_string().as_bytes());
    }
    h.write(&[1]);
    if let Some(span) = &f.span {
        h.write(span.address.to_string().as_bytes());
    }
    h.write(&[2]);
    h.write(f.message.as_bytes());
    format!("{:016x}", h.0)
}

/// FNV-1a, 64-bit: tiny, fixed, and the same everywhere.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Split the warnings into new ones and marked ones (errors are never marked).
pub(super) fn apply(
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
    marks: &BTreeMap<String, String>,
) -> Report {
    if marks.is_empty() {
        return Report {
            errors,
            warnings,
            reviewed: Vec::new(),
        };
    }
    let mut new = Vec::with_capacity(warnings.len());
    let mut reviewed = Vec::new();
    for f in warnings {
        match marks.get(&f.id()) {
            Some(note) => reviewed.push((f, note.clone())),
            None => new.push(f),
        }
    }
    Report {
        errors,
        warnings: new,
        reviewed,
    }
}

/// Why a finding could not be marked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("没有编号为 {0} 的校验结果（可能已经改正或内容已变化），请重新运行 validate --format json 查看编号 (no finding with this id)")]
    NotFound(String),
    #[error("这是错误，不能标记为已核实，必须改正：{0} (errors cannot be marked reviewed)")]
    IsError(String),
    #[error("说明最多 {MAX_NOTE_CHARS} 个字 (note too long)")]
    NoteTooLong,
}

/// Mark the warning `id` 已核实 with `note` (replacing an earlier note).
/// Marks whose finding no longer exists are dropped at the same time.
pub fn review(
    doc: &mut Document,
    template: &Template,
    id: &str,
    note: &str,
) -> Result<Finding, ReviewError> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ReviewError::NoteTooLong);
    }
    let report = validate(doc, template);
    if let Some(e) = report.errors.iter().find(|f| f.id() == id) {
        return Err(ReviewError::IsError(e.message.clone()));
    }
    let found = report
        .warnings
        .iter()
        .chain(report.reviewed.iter().map(|(f, _)| f))
        .find(|f| f.id() == id)
        .cloned()
        .ok_or_else(|| ReviewError::NotFound(id.to_string()))?;
    prune(doc, &report);
    doc.reviewed.insert(id.to_string(), note.to_string());
    Ok(found)
}

/// Take a mark back; `false` when there was none.
pub fn unreview(doc: &mut Document, id: &str) -> bool {
    doc.reviewed.remove(id).is_some()
}

/// Keep only the marks of findings that still exist.
fn prune(doc: &mut Document, report: &Report) {
    let live: Vec<String> = report.reviewed.iter().map(|(f, _)| f.id()).collect();
    doc.reviewed.retain(|id, _| live.contains(id));
}
