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

/// Unplaced items that share one reason, reported as one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnplacedGroup {
    pub reason: String,
    pub count: usize,
    /// Indices into [`super::Import::unplaced`], in reading order.
    pub items: Vec<usize>,
    /// The values and where they were, condensed (`表四：“0” ×16`).
    pub summary: String,
}

/// Most places named in a group's summary; the rest are counted.
const MAX_SUMMARY_PLACES: usize = 8;

/// Group unplaced items by reason, in order of first appearance: seed 002
/// gives sixteen identical lines for 表四's extra numbers, which read as one.
pub fn group_unplaced(list: &[Unplaced]) -> Vec<UnplacedGroup> {
    let mut groups: Vec<UnplacedGroup> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, u) in list.iter().enumerate() {
        let g = *index.entry(u.reason.as_str()).or_insert_with(|| {
            groups.push(UnplacedGroup {
                reason: u.reason.clone(),
                count: 0,
                items: Vec::new(),
                summary: String::new(),
            });
            groups.len() - 1
        });
        groups[g].count += 1;
        groups[g].items.push(i);
    }
    for g in &mut groups {
        g.summary = summarize(list, &g.items);
    }
    groups
}

/// `context：“a”、“b” ×3；context2：…` for one group's items.
fn summarize(list: &[Unplaced], items: &[usize]) -> String {
    // (context, [(value, times)]) in reading order.
    let mut places: Vec<(&str, Vec<(&str, usize)>)> = Vec::new();
    for &i in items {
        let u = &list[i];
        let place = match places.last_mut() {
            Some(p) if p.0 == u.context => p,
            _ => {
                places.push((u.context.as_str(), Vec::new()));
                let last = places.len() - 1;
                &mut places[last]
            }
        };
        match place.1.last_mut() {
            Some(v) if v.0 == u.text => v.1 += 1,
            _ => place.1.push((u.text.as_str(), 1)),
        }
    }
    let shown: Vec<String> = places
        .iter()
        .take(MAX_SUMMARY_PLACES)
        .map(|(context, values)| {
            let vals: Vec<String> = values
                .iter()
                .map(|(v, n)| match n {
                    1 => format!("“{}”", excerpt(v)),
                    n => format!("“{}” ×{n}", excerpt(v)),
                })
                .collect();
            format!("{}：{}", excerpt(context), vals.join("、"))
        })
        .collect();
    let mut out = shown.join("；");
    if places.len() > MAX_SUMMARY_PLACES {
        out.push_str(&format!("；另有 {} 处", places.len() - MAX_SUMMARY_PLACES));
    }
    out
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
    for (group, notes) in super::notes::grouped(&import.notes) {
        out.push_str(&format!("说明（{}）：\n", group.label()));
        for note in notes {
            out.push_str(&format!("  {note}\n"));
        }
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
        out.push_str("\n未能放置（相同原因归为一行）：\n");
    }
    for g in &import.unplaced_groups {
        out.push_str(&format!(
            "  ✖ {}（{} 项）：{}",
            g.reason, g.count, g.summary
        ));
        let mut cands: Vec<String> = Vec::new();
        for c in g.items.iter().flat_map(|&i| &import.unplaced[i].candidates) {
            let c = c.to_string();
            if !cands.contains(&c) {
                cands.push(c);
            }
        }
        if !cands.is_empty() {
            out.push_str(&format!("；可能是 {}", cands.join("、")));
        }
        out.push('\n');
    }
    out
}
