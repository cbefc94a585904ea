//! Import (导入) of a report published elsewhere: HTML, Markdown or text.
//!
//! The input becomes a stream of lines and table rows; the cover (title,
//! signature, sign-off) is read off it; the template is recognized from the
//! table labels (or the year); lines are sorted into parts by heading; rows
//! are placed on cells by their labels. Nothing is guessed silently: what
//! could not be placed is listed with the reason, text found where a number
//! belongs is kept as [`CellValue::Unparsed`], published totals are kept as
//! printed.
//!
//! [`CellValue::Unparsed`]: crate::document::CellValue::Unparsed

pub mod html;
pub mod labels;
pub mod meta;
pub mod parts;
pub mod report;
pub mod text_tables;

mod box_tables;
mod detect;
mod place;
mod values;

use std::path::Path;

use serde::Serialize;

use crate::document::{CellRef, Document, MetaField};
use crate::template::{self, Template};

pub use report::{Placed, Unplaced};
use text_tables::Block;

/// Paragraphs of prose are separated by an empty line, as in the editor.
const PARAGRAPH: &str = "\n\n";

/// Largest input accepted (the same bound as a document file).
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
    /// Cells found blank in the source (kept 未填写).
    pub blanks: Vec<CellRef>,
    /// How the template, unit, year … were determined, in Chinese.
    pub notes: Vec<String>,
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
}

/// Import a file; the format follows its extension.
pub fn import_file(path: &Path) -> Result<Import, ImportError> {
    import_file_as(path, None)
}

/// Import a file with a template forced (`None` = recognize it).
pub fn import_file_as(path: &Path, template: Option<&str>) -> Result<Import, ImportError> {
    let shown = path.display();
    let unreadable = |e: std::io::Error| {
        ImportError::new(
            ImportErrorKind::Unreadable,
            format!("无法读取文件 {shown}"),
            e.to_string(),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ImportError::new(
            ImportErrorKind::TooBig,
            format!("文件 {shown} 超过 16 MiB，不像是一份年度报告"),
            format!("input is {} bytes, limit {MAX_INPUT_BYTES}", meta.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = decode(&bytes).map_err(|cause| {
        ImportError::new(
            ImportErrorKind::NotUtf8,
            format!("文件 {shown} 不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后再导入"),
            cause,
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(import_str(text, SourceFormat::from_path(path), template))
}

/// Text of a file: UTF-8, or UTF-16 with its byte-order mark (Windows
/// Notepad's “Unicode”). Other encodings (GBK) are refused rather than read
/// as garbage; a few stray bytes in otherwise good UTF-8 are replaced.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |le: bool| -> Result<String, String> {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        Ok(String::from_utf16_lossy(&units))
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16(true),
        [0xFE, 0xFF, ..] => return utf16(false),
        _ => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy
                .chars()
                .filter(|&c| c == char::REPLACEMENT_CHARACTER)
                .count();
            // One bad byte in a thousand characters is damage; more is another encoding.
            match bad * 1000 <= lossy.chars().count() {
                true => Ok(lossy.into_owned()),
                false => Err(format!("invalid UTF-8: {bad} undecodable sequences")),
            }
        }
    }
}

/// Import text of a known format; `template` forces a template id (`None` or
/// an unknown id = recognize it).
pub fn import_str(text: &str, format: SourceFormat, template: Option<&str>) -> Import {
    let text = clip_input(text);
    let mut blocks = match format {
        SourceFormat::Html => html::blocks_from_html(text),
        SourceFormat::Markdown => text_tables::blocks_from_text(text, true),
        SourceFormat::Text => text_tables::blocks_from_text(text, false),
    };
    let mut notes = Vec::new();
    let cover = meta::extract(&mut blocks, format == SourceFormat::Html);
    let forced = template.filter(|t| *t != "auto").and_then(|id| {
        let found = template::get(id);
        if found.is_none() {
            notes.push(format!("没有模板 {id}，改为自动识别"));
        }
        found
    });
    let tpl = match forced {
        Some(t) => {
            notes.push(format!("按指定使用模板“{}”", t.name));
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

fn build(tpl: &Template, blocks: Vec<Block>, cover: meta::Cover, mut notes: Vec<String>) -> Import {
    notes.extend(cover.notes.iter().cloned());
    if !cover.dropped.is_empty() {
        notes.push(format!(
            "标题之前的 {} 行（如网页导航）未导入",
            cover.dropped.len()
        ));
    }
    if !cover.dropped_after.is_empty() {
        notes.push(format!(
            "署名之后的 {} 行（如网页页脚）未导入",
            cover.dropped_after.len()
        ));
    }
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
    let mut unplaced = Vec::new();
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
    let split = parts::split(tpl, blocks);
    doc.meta.opening = split.opening.join(PARAGRAPH);
    for (i, lines) in split.prose.iter().enumerate() {
        if !lines.is_empty() {
            doc.prose
                .insert(tpl.parts[i].key.clone(), lines.join(PARAGRAPH));
        }
    }
    for (heading, part) in &split.headings {
        if part.is_none() {
            notes.push(format!(
                "标题“{}”与模板的部分对不上，其内容并入上一部分",
                report::excerpt(heading)
            ));
        }
    }
    if let Some(h) = &split.first_section {
        if !tpl.parts.is_empty() {
            notes.push(format!(
                "第一节“{}”作为“{}”导入",
                report::excerpt(h),
                tpl.parts[0].heading
            ));
        }
    }
    unplaced.extend(split.unplaced);
    let placement = place::place(tpl, &split.rows);
    unplaced.extend(placement.unplaced);
    if placement.overflow > 0 {
        notes.push(format!(
            "另有 {} 项未能放置，未逐一列出",
            placement.overflow
        ));
    }
    doc.cells = placement.cells;
    if tpl.statistics_optional && placement.table_rows == 0 && doc.cells.is_empty() {
        doc.no_statistics = true;
        notes.push("没有找到统计表：按“本报告无统计表”导入".to_string());
    }
    Import {
        document: doc,
        template: tpl.id.clone(),
        matched: placement.matched,
        unplaced,
        blanks: placement.blanks,
        notes,
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
