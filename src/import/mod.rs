//! Import (导入) of a report published elsewhere: HTML, Markdown, text,
//! Word (.docx, .doc, .wps), OpenDocument (.odt) or PDF.
//!
//! The pipeline, stage by stage (the modules that hold each):
//!
//! 1. **bytes → source**: the format is sniffed from the first bytes, never
//!    the name, and the text decoded (`source`).
//! 2. **source → blocks**: each format becomes one stream of lines and table
//!    rows with the same bounds (`text_tables` holds `Block` and the
//!    limits; `html`, `docx`, `odt`, `doc`, `pdf` read the formats, `grid`
//!    lays out spanned cells; `spaced`, `box_tables` and `glued` read the
//!    row shapes of plain text; `hant` turns Traditional to Simplified).
//! 3. **layout detection**: the cover is read off the blocks (`meta`) and the
//!    template recognized from the labels or the year (`detect`).
//! 4. **parts**: lines are sorted into the template's parts by heading
//!    (`parts`).
//! 5. **table alignment and placement**: rows land on cells by their labels
//!    (`labels`, `place`, a mangled label by position), each cell value read
//!    strictly (`values`).
//! 6. **report**: what was placed and what was not, and why (`report`),
//!    with typed notes on what was inferred ([`notes::ImportNote`], worded
//!    and grouped in `notes`).
//!
//! Nothing is guessed silently: what could not be placed is listed with the
//! reason, text found where a number belongs is kept as
//! [`CellValue::Unparsed`], published totals are kept as printed.
//!
//! [`CellValue::Unparsed`]: crate::document::CellValue::Unparsed

// 1. bytes → source
pub mod source;
// 2. source → blocks
mod box_tables;
mod doc;
mod docx;
mod glued;
mod grid;
mod hant;
pub mod html;
mod odt;
mod pdf;
mod spaced;
pub mod text_tables;
// 3. layout detection
mod detect;
pub mod meta;
// 4. parts
pub mod parts;
// 5. table alignment and placement
pub mod labels;
mod place;
mod values;
// 6. report
pub mod notes;
pub mod report;

use std::path::Path;

use serde::Serialize;

use crate::document::{CellRef, Document, MetaField};
use crate::template::{self, Template};

pub use notes::{ImportNote, NoteGroup};
pub use report::{Placed, Unplaced};
pub use source::{decode, import_bytes, import_file, import_file_as};
use text_tables::Block;

/// The blocks of a Word document's `word/document.xml` (for fuzzing the
/// XML reader directly, which a mutated zip seldom reaches).
pub fn docx_xml_blocks(xml: &[u8]) -> usize {
    docx::blocks_from_document_xml(xml).map_or(0, |b| b.len())
}

/// The blocks of an OpenDocument `content.xml` (for fuzzing the XML reader
/// directly, as for Word).
pub fn odt_xml_blocks(xml: &[u8]) -> usize {
    odt::blocks_from_content_xml(xml).map_or(0, |b| b.len())
}

/// Paragraphs of prose are separated by an empty line, as in the editor.
const PARAGRAPH: &str = "\n\n";

/// Largest text input accepted (a web page or text file; Word and PDF files,
/// which carry photos, have their own bound in [`source`]).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The kind of source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SourceFormat {
    Html,
    Markdown,
    Text,
}

impl SourceFormat {
    /// From a file extension: `.html` / `.htm`, `.md`, anything else is text.
    pub fn from_path(path: &Path) -> SourceFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => SourceFormat::Html,
            "md" | "markdown" => SourceFormat::Markdown,
            _ => SourceFormat::Text,
        }
    }
}

impl SourceFormat {
    /// The format of pasted text: HTML when it is markup, Markdown when it has
    /// `#` headings or `|---|` table rules, plain text otherwise.
    pub fn sniff(text: &str) -> SourceFormat {
        let head: String = text
            .chars()
            .take(4096)
            .collect::<String>()
            .to_ascii_lowercase();
        let t = head.trim_start();
        if t.starts_with("<!doctype")
            || t.starts_with("<html")
            || ["<table", "<p>", "<div", "<body"]
                .iter()
                .any(|m| head.contains(m))
        {
            return SourceFormat::Html;
        }
        let markdown = text.lines().take(2000).any(|l| {
            let l = l.trim();
            l.starts_with("# ") || l.starts_with("## ") || (l.starts_with('|') && l.contains("---"))
        });
        match markdown {
            true => SourceFormat::Markdown,
            false => SourceFormat::Text,
        }
    }
}

/// The result of an import: the document and what went where.
#[derive(Debug, Clone, Serialize)]
pub struct Import {
    pub document: Document,
    /// Id of the template used.
    pub template: String,
    pub matched: Vec<Placed>,
    pub unplaced: Vec<Unplaced>,
    /// `unplaced` grouped by reason (one line each in the report).
    pub unplaced_groups: Vec<report::UnplacedGroup>,
    /// Cells found blank in the source (kept 未填写).
    pub blanks: Vec<CellRef>,
    /// How the template, unit, year … were determined ([`notes`]).
    pub notes: Vec<ImportNote>,
}

impl Import {
    /// The report as text (what `nianbao import` prints).
    pub fn report_text(&self) -> String {
        report::render(self)
    }
}

/// An input that cannot be read.
pub type ImportError = crate::error::Error<ImportErrorKind>;

/// Why an input cannot be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportErrorKind {
    /// Missing, a folder, or an I/O failure.
    Unreadable,
    /// Bigger than any report.
    TooBig,
    /// Not UTF-8 or UTF-16 (GBK).
    NotUtf8,
    /// Nothing in it (0 bytes).
    Empty,
    /// A format nianbao does not read (Word 97–2003 / WPS binary, RTF).
    Unsupported,
    /// A password keeps it closed (Office or PDF).
    Encrypted,
    /// A Word or PDF file whose inside is broken.
    Damaged,
    /// A zip package that is not a Word file (xlsx, pptx, a plain zip).
    NotWord,
    /// A PDF without a text layer (a scan).
    NoText,
}

/// Import text of a known format; `template` forces a template id (`None` or
/// an unknown id = recognize it).
pub fn import_str(text: &str, format: SourceFormat, template: Option<&str>) -> Import {
    let text = clip_input(text);
    // A table whose cell boundaries were lost is rewritten into rows first.
    let unglued = match format {
        SourceFormat::Html => None,
        _ => glued::unglue(text),
    };
    let (text, notes, unplaced) = match &unglued {
        Some(u) => (u.text.as_str(), u.notes.clone(), u.unplaced.clone()),
        None => (text, Vec::new(), Vec::new()),
    };
    let blocks = match format {
        SourceFormat::Html => html::blocks_from_html(text),
        SourceFormat::Markdown => text_tables::blocks_from_text(text, true),
        SourceFormat::Text => text_tables::blocks_from_text(text, false),
    };
    let mut imported = import_blocks(blocks, format == SourceFormat::Html, template, notes);
    if !unplaced.is_empty() {
        imported.unplaced.splice(0..0, unplaced);
        imported.unplaced_groups = report::group_unplaced(&imported.unplaced);
    }
    imported
}

/// Import blocks read from any source (`page`: a web page or Word file, whose
/// lines after the signature are footer, not prose); `notes` say how the
/// source was read.
fn import_blocks(
    mut blocks: Vec<Block>,
    page: bool,
    template: Option<&str>,
    mut notes: Vec<ImportNote>,
) -> Import {
    if hant::simplify_blocks(&mut blocks) {
        notes.push(ImportNote::Simplified);
    }
    let cover = meta::extract(&mut blocks, page);
    let forced = template.filter(|t| *t != "auto").and_then(|id| {
        let found = template::get(id);
        if found.is_none() {
            notes.push(ImportNote::TemplateUnknown { id: id.to_string() });
        }
        found
    });
    let tpl = match forced {
        Some(t) => {
            notes.push(ImportNote::TemplateForced {
                name: t.name.clone(),
            });
            t
        }
        None => {
            let (t, why) = detect::detect(&blocks, cover.year);
            notes.push(why);
            t
        }
    };
    build(tpl, blocks, cover, notes)
}

/// Cut input beyond the size limit at a character boundary.
fn clip_input(text: &str) -> &str {
    let max = MAX_INPUT_BYTES as usize;
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn build(
    tpl: &Template,
    blocks: Vec<Block>,
    cover: meta::Cover,
    mut notes: Vec<ImportNote>,
) -> Import {
    notes.extend(cover.notes.iter().cloned());
    if !cover.dropped.is_empty() {
        notes.push(ImportNote::DroppedBeforeTitle {
            lines: cover.dropped.len(),
        });
    }
    if !cover.dropped_after.is_empty() {
        notes.push(ImportNote::DroppedAfterSignature {
            lines: cover.dropped_after.len(),
        });
    }
    let mut unplaced = Vec::new();
    let mut doc = document_from_cover(tpl, &cover, &mut unplaced);
    let split = parts::split(tpl, blocks);
    prose_from_parts(tpl, &split, &mut doc, &mut notes);
    unplaced.extend(split.unplaced);
    let placement = place::place(tpl, &split.rows);
    unplaced.extend(placement.unplaced);
    if placement.overflow > 0 {
        notes.push(ImportNote::Overflow {
            count: placement.overflow,
        });
    }
    doc.cells = placement.cells;
    if tpl.statistics_optional && placement.table_rows == 0 && doc.cells.is_empty() {
        doc.no_statistics = true;
        notes.push(ImportNote::NoStatistics);
    }
    Import {
        document: doc,
        template: tpl.id.clone(),
        matched: placement.matched,
        unplaced_groups: report::group_unplaced(&unplaced),
        unplaced,
        blanks: placement.blanks,
        notes,
    }
}

/// The document the cover gives: unit, level, year, title, signature and
/// sign-off (what the template has no place for is listed).
fn document_from_cover(
    tpl: &Template,
    cover: &meta::Cover,
    unplaced: &mut Vec<Unplaced>,
) -> Document {
    let unit = cover.unit.clone().unwrap_or_default();
    let level = meta::level_from_unit(&unit);
    let year = cover.year.unwrap_or(tpl.first_year);
    let mut doc = Document::new(&tpl.id, &unit, level, year);
    if let Some(title) = &cover.title {
        if *title != doc.meta.display_title() {
            doc.meta.title = Some(title.clone());
        }
    }
    if let Some(s) = &cover.signature_unit {
        doc.meta.signature_unit = s.clone();
    }
    if let Some(d) = &cover.signature_date {
        doc.meta.signature_date = d.clone();
    }
    for (field, value) in &cover.signoff {
        if tpl.signoff {
            set_signoff(&mut doc, *field, value);
        } else {
            unplaced.push(Unplaced::text(
                value,
                field.label(),
                "该模板没有署名栏（单位负责人等），未导入",
            ));
        }
    }
    doc
}

/// The opening and each part's prose, with a note for each heading read
/// by its numeral and meaning, or not matched at all.
fn prose_from_parts(
    tpl: &Template,
    split: &parts::Split,
    doc: &mut Document,
    notes: &mut Vec<ImportNote>,
) {
    doc.meta.opening = split.opening.join(PARAGRAPH);
    for (i, lines) in split.prose.iter().enumerate() {
        if !lines.is_empty() {
            doc.prose
                .insert(tpl.parts[i].key.clone(), lines.join(PARAGRAPH));
        }
    }
    for (heading, part) in &split.headings {
        if let Some(p) = part.and_then(|p| tpl.parts.get(p)) {
            let first = split.first_section.as_deref() == Some(heading.as_str());
            if !first && labels::norm(heading) != labels::norm(&p.heading) {
                notes.push(ImportNote::HeadingMatched {
                    heading: report::excerpt(heading),
                    part: p.heading.clone(),
                });
            }
        }
        if part.is_none() {
            notes.push(ImportNote::HeadingUnmatched {
                heading: report::excerpt(heading),
            });
        }
    }
    if let Some(h) = &split.first_section {
        if !tpl.parts.is_empty() {
            notes.push(ImportNote::FirstSection {
                heading: report::excerpt(h),
                part: tpl.parts[0].heading.clone(),
            });
        }
    }
}

fn set_signoff(doc: &mut Document, field: MetaField, value: &str) {
    let m = &mut doc.meta;
    let slot = match field {
        MetaField::Principal => &mut m.principal,
        MetaField::Reviewer => &mut m.reviewer,
        MetaField::Preparer => &mut m.preparer,
        MetaField::Phone => &mut m.phone,
        MetaField::FillDate => &mut m.fill_date,
        _ => return,
    };
    *slot = value.to_string();
}
