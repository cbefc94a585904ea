//! Read-only questions the window asks: last year beside this year, counts
//! per outline part, status-bar texts.

use crate::document::{Address, CellRef, CellValue};
use crate::template::Severity;
use crate::validate::Finding;

use super::clock::{hhmm, Date};
use super::navigation::{part_of_table, COVER_PART};
use super::EditorState;

impl EditorState {
    /// Last year's value of a cell (`未填写` when last year left it blank);
    /// `None` when no last-year report is linked.
    pub fn previous_value(&self, cell: &CellRef) -> Option<String> {
        let prev = self.doc.previous.as_ref()?;
        Some(
            prev.cells
                .get(cell)
                .map(CellValue::to_string)
                .unwrap_or_else(|| "未填写".to_string()),
        )
    }

    /// `上年 12，增加 3` — shown when hovering a numeric cell.
    pub fn change_from_previous(&self, cell: &CellRef) -> Option<String> {
        let prev = self.doc.previous.as_ref()?;
        let Some(last) = prev.cells.get(cell) else {
            return Some("上年未填写".to_string());
        };
        let (Some(a), Some(b)) = (
            last.number(),
            self.doc.cell(cell).and_then(CellValue::number),
        ) else {
            return Some(format!("上年 {last}"));
        };
        let delta = b - a;
        let change = if delta.is_zero() {
            "持平".to_string()
        } else if delta.is_sign_positive() {
            format!("增加 {}", delta.normalize())
        } else {
            format!("减少 {}", (-delta).normalize())
        };
        Some(format!("上年 {last}，{change}"))
    }

    /// “本报告无统计表” is on and the template allows it: the tables are
    /// neither shown nor checked.
    pub fn statistics_skipped(&self) -> bool {
        self.doc.no_statistics && self.template.statistics_optional
    }

    /// (part key, errors, warnings) for the outline: `cover` first, then each
    /// part in template order. A finding counts once in every part it
    /// touches: a check across two tables belongs to both.
    pub fn part_counts(&self) -> Vec<(String, usize, usize)> {
        let mut out: Vec<(String, usize, usize)> = std::iter::once(COVER_PART.to_string())
            .chain(self.template.parts.iter().map(|p| p.key.clone()))
            .map(|k| (k, 0, 0))
            .collect();
        for finding in self.report.all() {
            for part in self.finding_parts(finding) {
                if let Some(entry) = out.iter_mut().find(|(k, _, _)| *k == part) {
                    match finding.severity {
                        Severity::Error => entry.1 += 1,
                        Severity::Warning => entry.2 += 1,
                    }
                }
            }
        }
        out
    }

    /// Every outline part a finding touches: the part whose text it quotes
    /// (a prose finding), then the parts of its cells in order; the cover
    /// when it names neither.
    pub fn finding_parts(&self, finding: &Finding) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        if let Some(span) = &finding.span {
            if let Address::Prose(part) = &span.address {
                parts.push(part.clone());
            }
        }
        for cell in &finding.cells {
            if let Some(part) = part_of_table(self.template, &cell.table) {
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
        }
        if parts.is_empty() {
            parts.push(COVER_PART.to_string());
        }
        parts
    }

    /// The outline part a finding is shown under: the part of its first cell.
    pub fn finding_part(&self, finding: &Finding) -> String {
        self.finding_parts(finding)
            .into_iter()
            .next()
            .unwrap_or_else(|| COVER_PART.to_string())
    }

    /// Findings touching a cell, errors first.
    pub fn findings_for(&self, cell: &CellRef) -> Vec<&Finding> {
        self.report
            .errors
            .iter()
            .chain(self.report.warnings.iter())
            .filter(|f| f.cells.contains(cell))
            .collect()
    }

    /// The worst severity of the findings touching a cell.
    pub fn cell_severity(&self, cell: &CellRef) -> Option<Severity> {
        self.findings_for(cell).iter().map(|f| f.severity).min()
    }

    /// The text of a cell as shown: its value, or its computed total (the
    /// flag says computed), or empty for 未填写.
    pub fn cell_display(&self, cell: &CellRef) -> (String, bool) {
        match (self.doc.cell(cell), self.computed.get(cell)) {
            (Some(v), _) => (v.to_string(), false),
            (None, Some(v)) => (v.to_string(), true),
            (None, None) => (String::new(), false),
        }
    }

    /// Where a cell is, in the official words (`表三 自然人 · …`), for
    /// tooltips, messages and accessibility labels.
    pub fn cell_label(&self, cell: &CellRef) -> String {
        self.template.cell_label(cell)
    }

    /// The editable text of any field.
    pub fn field_text(&self, address: &crate::document::Address) -> String {
        super::fields::field_text(&self.doc, address)
    }

    /// `已保存 14:05` / `未保存` for the status bar; a report that has no
    /// file yet is `尚未保存为文件`, never `已保存`.
    pub fn saved_text(&self) -> String {
        if self.path.is_none() {
            return "尚未保存为文件".to_string();
        }
        match (self.dirty, self.last_saved) {
            (true, _) => "未保存".to_string(),
            (false, Some(t)) => format!("已保存 {}", hhmm(t)),
            (false, None) => "已保存".to_string(),
        }
    }

    /// `自动保存 14:05`, once a recovery copy was written.
    pub fn autosave_text(&self) -> Option<String> {
        self.last_autosave.map(|t| format!("自动保存 {}", hhmm(t)))
    }

    /// Each prose part's share of last year's text (与上年对比), with the
    /// template's threshold above which it is a warning.
    pub fn prose_similarity(&self) -> (Vec<crate::validate::PartSimilarity>, Option<u32>) {
        let threshold = self.template.rules.iter().find_map(|r| match r.check {
            crate::template::Check::SameAsLastYear { percent, .. } => Some(percent),
            _ => None,
        });
        (
            crate::validate::prose_similarity(&self.doc, self.template),
            threshold,
        )
    }

    /// The most characters part `key` may have: the template's cap or the
    /// county's (设置), whichever is smaller; `None` when neither sets one.
    pub fn part_limit(&self, key: &str) -> Option<usize> {
        let template = self.template.rules.iter().filter_map(|r| match &r.check {
            crate::template::Check::PartLength { limits } => {
                limits.iter().find(|(k, _)| k == key).map(|&(_, n)| n)
            }
            _ => None,
        });
        let county = self.settings.part_limits.get(key).copied();
        template.chain(county).min()
    }

    /// `已写 812 字（上限 1000 字）` under a part's text, and whether it is over.
    pub fn part_length_text(&self, key: &str) -> (String, bool) {
        let n = crate::validate::char_count(self.doc.prose(key));
        match self.part_limit(key) {
            Some(max) if n > max => (
                format!("已写 {n} 字，超过上限 {max} 字（多 {} 字）", n - max),
                true,
            ),
            Some(max) => (format!("已写 {n} 字（上限 {max} 字）"), false),
            None => (format!("已写 {n} 字"), false),
        }
    }

    /// When this report is due: by its 单位层级, or the county's 备案 date
    /// (设置) when earlier.
    pub fn deadline(&self) -> crate::deadline::Deadline {
        let m = &self.doc.meta;
        crate::deadline::deadline(m.level, &m.unit, m.year, self.settings.filing_by)
    }

    /// The countdown to this report's deadline for today (by the editor's clock).
    pub fn deadline_notice(&self) -> Option<String> {
        crate::deadline::notice(Date::of(self.now()), self.deadline())
    }
}
