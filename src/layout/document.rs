//! The layout of a whole report: title, opening, the parts in official order
//! with their headings, prose paragraphs and filled tables, the legacy
//! sign-off line and the signature. Every export renders this one value, so
//! which blocks appear, in which order, is decided here once.

use super::clean::{clean_line, paragraphs};
use super::table::TableLayout;
use crate::document::{CellValue, Document, MetaField};
use crate::template::{CellKind, Template};

/// How a value is laid out: numbers right, words left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Number,
    Words,
}

/// One value as text (empty when not filled: blank is never 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub text: String,
    pub kind: ValueKind,
}

/// A template table with the document's values.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledTable {
    pub layout: TableLayout,
    /// `values[row][leaf]`, for every body row of the layout (group rows
    /// hold empty values).
    pub values: Vec<Vec<Value>>,
}

impl FilledTable {
    /// The value at body row `row`, leaf column `leaf` (empty if none).
    pub fn value(&self, row: usize, leaf: usize) -> Option<&Value> {
        self.values.get(row).and_then(|r| r.get(leaf))
    }
}

/// One paragraph of prose. `lead` is a run-in heading the clerk wrote at its
/// start (`（一）主动公开。`), set in 楷体 by the Word export; `text` is the
/// whole paragraph, lead included.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub lead: Option<String>,
}

impl Paragraph {
    /// The text after the run-in heading.
    pub fn rest(&self) -> &str {
        let n = self.lead.as_ref().map_or(0, String::len);
        &self.text[n..]
    }
}

/// One part of the report (一、总体情况 …).
#[derive(Debug, Clone, PartialEq)]
pub struct PartLayout {
    pub key: String,
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
    /// Empty when the report switched its statistics off.
    pub tables: Vec<FilledTable>,
}

/// Where the legacy sign-off line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignoffPlace {
    /// Under the last table, as on the printed statistics form.
    AfterTables,
    /// A report without tables: after the signature.
    AfterSignature,
}

/// 单位负责人：… 审核人：… …, with where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Signoff {
    /// (label, value) pairs in form order; values may be empty.
    pub fields: Vec<(String, String)>,
    pub place: SignoffPlace,
}

impl Signoff {
    /// The fields as one line, `label：value` joined by `sep`.
    pub fn line(&self, sep: &str) -> String {
        let parts: Vec<String> = self
            .fields
            .iter()
            .map(|(l, v)| format!("{l}：{v}"))
            .collect();
        parts.join(sep)
    }
}

/// The whole report, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLayout {
    pub title: String,
    pub opening: Vec<Paragraph>,
    pub parts: Vec<PartLayout>,
    pub signoff: Option<Signoff>,
    /// 署名单位 and 署名日期, the empty ones left out.
    pub signature: Vec<String>,
}

impl DocumentLayout {
    /// Lay out `doc` on `template`.
    pub fn of(doc: &Document, template: &Template) -> DocumentLayout {
        let tables = !(doc.no_statistics && template.statistics_optional);
        let parts: Vec<PartLayout> = template
            .parts
            .iter()
            .map(|part| PartLayout {
                key: part.key.clone(),
                heading: clean_line(&part.heading),
                paragraphs: prose(doc.prose(&part.key)),
                tables: if tables {
                    part.tables
                        .iter()
                        // Part 六's 信息处理费 fields are stated in the prose, not printed.
                        .filter(|t| t.printed)
                        .map(|t| fill(TableLayout::of(t), doc))
                        .collect()
                } else {
                    Vec::new()
                },
            })
            .collect();
        let after_tables = parts.iter().any(|p| !p.tables.is_empty());
        DocumentLayout {
            title: clean_line(&doc.meta.display_title()),
            opening: prose(&doc.meta.opening),
            signoff: signoff(doc, template, after_tables),
            signature: [&doc.meta.signature_unit, &doc.meta.signature_date]
                .into_iter()
                .map(|s| clean_line(s))
                .filter(|s| !s.trim().is_empty())
                .collect(),
            parts,
        }
    }

    /// Every filled table, in official order.
    pub fn tables(&self) -> impl Iterator<Item = &FilledTable> {
        self.parts.iter().flat_map(|p| &p.tables)
    }
}

/// The legacy sign-off: under the tables when there are any; without
/// tables only when one of its fields is filled.
fn signoff(doc: &Document, template: &Template, after_tables: bool) -> Option<Signoff> {
    if !template.signoff {
        return None;
    }
    let fields: Vec<(String, String)> = MetaField::ALL
        .into_iter()
        .filter(|f| f.is_signoff())
        .map(|f| (f.label().to_string(), clean_line(&doc.meta_text(f))))
        .collect();
    let place = if after_tables {
        SignoffPlace::AfterTables
    } else if fields.iter().any(|(_, v)| !v.trim().is_empty()) {
        SignoffPlace::AfterSignature
    } else {
        return None;
    };
    Some(Signoff { fields, place })
}

fn prose(text: &str) -> Vec<Paragraph> {
    paragraphs(text)
        .into_iter()
        .map(|text| Paragraph {
            lead: run_in_heading(&text),
            text,
        })
        .collect()
}

/// Longest run-in heading taken from a paragraph's start.
const MAX_LEAD_CHARS: usize = 24;

/// `（一）主动公开。` at the start of a paragraph: a bracketed Chinese
/// numeral, then a short phrase closed by `。`. A paragraph that is only
/// the heading counts too.
fn run_in_heading(text: &str) -> Option<String> {
    let rest = text.strip_prefix('（')?;
    let close = rest.find('）')?;
    let numeral = &rest[..close];
    let is_numeral = !numeral.is_empty()
        && numeral.chars().count() <= 3
        && numeral.chars().all(|c| "一二三四五六七八九十".contains(c));
    if !is_numeral {
        return None;
    }
    let end = match text.find('。') {
        Some(i) => i + '。'.len_utf8(),
        None => text.len(),
    };
    (text[..end].chars().count() <= MAX_LEAD_CHARS).then(|| text[..end].to_string())
}

/// The layout filled with the document's values.
fn fill(layout: TableLayout, doc: &Document) -> FilledTable {
    let values = layout
        .rows
        .iter()
        .map(|row| {
            if row.group {
                let blank = Value {
                    text: String::new(),
                    kind: ValueKind::Number,
                };
                return vec![blank; layout.leaves.len()];
            }
            row.slots
                .iter()
                .map(|s| value(doc.cell(&s.cell), s.kind))
                .collect()
        })
        .collect();
    FilledTable { layout, values }
}

/// A cell's text: empty when not filled (never 0), the original text when unparsed.
fn value(v: Option<&CellValue>, kind: CellKind) -> Value {
    let text = v.map(|v| clean_line(&v.to_string())).unwrap_or_default();
    let kind = match (v, kind) {
        (Some(CellValue::Text(_)), _) | (None, CellKind::Text) => ValueKind::Words,
        _ => ValueKind::Number,
    };
    Value { text, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_in_headings_are_short_numbered_phrases() {
        let lead = |s: &str| run_in_heading(s);
        assert_eq!(
            lead("（一）主动公开。全年公开186条").as_deref(),
            Some("（一）主动公开。")
        );
        assert_eq!(lead("（十二）其他").as_deref(), Some("（十二）其他"));
        assert_eq!(lead("（本列）说明。"), None);
        assert_eq!(lead("全年（一）件。"), None);
        let long = format!("（一）{}。", "很".repeat(40));
        assert_eq!(lead(&long), None);
        let p = Paragraph {
            lead: lead("（二）依申请公开。畅通渠道"),
            text: "（二）依申请公开。畅通渠道".into(),
        };
        assert_eq!(p.rest(), "畅通渠道");
    }

    #[test]
    fn blank_cells_are_empty_and_numbers_are_numbers() {
        let doc = Document::new(
            "gk2021",
            "测试镇",
            crate::document::UnitLevel::Township,
            2025,
        );
        let template = crate::template::get("gk2021").expect("gk2021");
        let layout = DocumentLayout::of(&doc, template);
        assert_eq!(layout.parts.len(), 6);
        let t3 = layout.tables().find(|t| t.layout.key == "t3").expect("t3");
        assert!(t3.values.iter().flatten().all(|v| v.text.is_empty()));
        assert!(layout.signoff.is_none());
    }
}
