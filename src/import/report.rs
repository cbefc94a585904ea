//! What an import matched and what it could not place, and why — shown by
//! `nianbao import` and the editor, and given as JSON with `--format json`.

use serde::Serialize;

use crate::document::{CellRef, CellValue};

/// A cell value placed in the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    pub cell: CellRef,
    pub value: CellValue,
    /// The text as it stood in the source.
    pub original: String,
    /// Row label as found in the source.
    pub row_label: String,
    /// Official column path.
    pub column: String,
    /// Set when the value needs the clerk's attention (text where a number belongs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Something found in the source that did not go into the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unplaced {
    /// The value or text itself.
    pub text: String,
    /// Where it was: the row label or the part heading.
    pub context: String,
    /// Why it was not placed, in Chinese.
    pub reason: String,
    /// Cells it could have gone to, when the trouble was ambiguity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<CellRef>,
}

impl Unplaced {
    pub fn text(text: &str, context: &str, reason: &str) -> Unplaced {
        Unplaced {
            text: text.to_string(),
            context: context.to_string(),
            reason: reason.to_string(),
            candidates: Vec::new(),
        }
    }
}

/// Shorten long text for a one-line report entry.
pub fn excerpt(s: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// The report as text, in Chinese.
pub fn render(import: &super::Import) -> String {
    let doc = &import.document;
    let mut out = String::new();
    out.push_str(&format!(
        "模板：{}\n单位：{}（{}）\n年度：{}\n",
        import.template,
        if doc.meta.unit.is_empty() {
            "（未识别）"
        } else {
            &doc.meta.unit
        },
        doc.meta.level.label(),
        doc.meta.year,
    ));
    for note in &import.notes {
        out.push_str(&format!("说明：{note}\n"));
    }
    if doc.no_statistics {
        out.push_str("本报告无统计表（仅有正文）。\n");
    }
    let prose: Vec<&String> = doc.prose.keys().collect();
    out.push_str(&format!(
        "正文：{} 个部分{}\n",
        prose.len(),
        if prose.is_empty() {
            String::new()
        } else {
            format!(
                "（{}）",
                prose
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )
        }
    ));
    out.push_str(&format!(
        "\n已放置 {} 个单元格，空白 {} 个（保持未填写），未能放置 {} 项。\n",
        import.matched.len(),
        import.blanks.len(),
        import.unplaced.len()
    ));
    for p in &import.matched {
        out.push_str(&format!(
            "  ✓ {}  {} / {} = {}",
            p.cell,
            excerpt(&p.row_label),
            p.column,
            p.original
        ));
        if let Some(n) = &p.note {
            out.push_str(&format!("  ⚠ {n}"));
        }
        out.push('\n');
    }
    if !import.unplaced.is_empty() {
        out.push_str("\n未能放置：\n");
    }
    for u in &import.unplaced {
        out.push_str(&format!(
            "  ✖ “{}”（{}）：{}",
            excerpt(&u.text),
            excerpt(&u.context),
            u.reason
        ));
        if !u.candidates.is_empty() {
            let c: Vec<String> = u.candidates.iter().map(|c| c.to_string()).collect();
            out.push_str(&format!("；可能是 {}", c.join("、")));
        }
        out.push('\n');
    }
    out
}
