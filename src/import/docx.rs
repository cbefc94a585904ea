//! Word (.docx, also as saved by WPS) as lines and table rows.
//!
//! A .docx is a zip holding `word/document.xml`; `zip` opens it and
//! `quick-xml` streams the XML (no recursion, so deep nesting costs no
//! stack). Paragraphs become lines in order (a heading is a paragraph like any
//! other: the parts are found by its text, as for every source); `w:tbl`
//! tables go through the same grid model as HTML tables ([`super::grid`]):
//! `w:gridSpan` is a colspan, a `w:vMerge` run is a rowspan, and a cell's text
//! is joined across its runs and paragraphs.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::grid::{entity, Blocks, Cell, MAX_SPAN};
use super::text_tables::{self, Block, MAX_BLOCKS, MAX_CELLS};

/// Largest `word/document.xml` unpacked: a report's text is a few hundred
/// KB; photos live in other zip entries and are never unpacked. A zip bomb
/// stops here.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Tables nested deeper than this are read as the text of their cell.
const MAX_TABLE_DEPTH: usize = 16;

/// Why a zip could not be read as a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive at all, or a damaged one.
    BadZip(String),
    /// A zip, but with no `word/document.xml`; the text names what it is.
    NotWord(&'static str),
    /// `word/document.xml` unpacks beyond [`MAX_XML_BYTES`].
    TooLarge,
    /// The XML inside is broken.
    BadXml(String),
}

/// The blocks of a .docx held in memory.
pub fn blocks_from_docx(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    let xml = document_xml(bytes)?;
    blocks_from_document_xml(&xml)
}

/// `word/document.xml`, unpacked with a size bound.
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::BadZip(e.to_string()))?;
    let what = what_zip_is(&zip.file_names().collect::<Vec<_>>());
    if let Some(other) = what {
        return Err(DocxError::NotWord(other));
    }
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|e| DocxError::BadZip(e.to_string()))?;
    if entry.size() > MAX_XML_BYTES {
        return Err(DocxError::TooLarge);
    }
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| DocxError::BadZip(e.to_string()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(DocxError::TooLarge);
    }
    Ok(xml)
}

/// `None` for a Word document, else what the zip holds instead.
fn what_zip_is(names: &[&str]) -> Option<&'static str> {
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let starts = |p: &str| names.iter().any(|x| x.starts_with(p));
    if has("word/document.xml") {
        None
    } else if starts("xl/") {
        Some("Excel 表格（.xlsx）")
    } else if starts("ppt/") {
        Some("PowerPoint 演示文稿（.pptx）")
    } else if has("content.xml") && has("mimetype") {
        Some("OpenDocument 文件（.odt 等）")
    } else {
        Some("普通压缩包")
    }
}

/// One table being read: finished rows, and the origin of each open
/// vertical merge by grid column (row index, cell index).
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    /// Grid column → (row, cell) where a vertical merge started.
    merges: Vec<Option<(usize, usize)>>,
    /// The cell being read: text, span, merge state.
    cell: Option<(String, usize, Merge)>,
    /// Grid column where the next cell of the current row starts.
    col: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// Reading state across events.
struct Walker {
    out: Blocks,
    line: String,
    tables: Vec<TableBuilder>,
    /// `w:tbl` elements nested too deep to be read as tables.
    flattened: usize,
    /// Inside `w:t` (text is taken only there: field codes and deleted text are not).
    in_text: bool,
    /// Inside `mc:Fallback` (a copy of what `mc:Choice` already holds).
    skip: usize,
}

/// The blocks of `word/document.xml`.
pub fn blocks_from_document_xml(xml: &[u8]) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut w = Walker {
        out: Blocks::default(),
        line: String::new(),
        tables: Vec::new(),
        flattened: 0,
        in_text: false,
        skip: 0,
    };
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| DocxError::BadXml(e.to_string()))?;
        match event {
            Event::Start(e) => w.start(&e, false),
            Event::Empty(e) => w.start(&e, true),
            Event::End(e) => w.end(e.local_name().as_ref()),
            Event::Text(t) if w.in_text && w.skip == 0 => {
                if let Ok(s) = t.decode() {
                    w.push_text(&s);
                }
            }
            Event::GeneralRef(r) if w.in_text && w.skip == 0 => {
                if let Some(c) = entity(&r) {
                    w.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::CData(t) if w.in_text && w.skip == 0 => {
                w.push_text(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        if w.out.full() {
            break;
        }
    }
    w.end_paragraph();
    Ok(w.out.out)
}

/// The `w:val` attribute of an element.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == b"val")
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

impl Walker {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if name == b"Fallback" && !empty {
            self.skip += 1;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = !empty,
            // A tab stop (`w:tabs/w:tab w:val=…`) is no character; a run's `w:tab` is.
            b"tab" if val(e).is_none() => self.push_text("\t"),
            b"br" | b"cr" => self.line_break(),
            b"tbl" if !empty => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.flattened += 1;
                } else {
                    self.end_paragraph();
                    self.tables.push(TableBuilder::default());
                }
            }
            b"tr" if !empty && self.flattened == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.len() < MAX_BLOCKS {
                        t.rows.push(Vec::new());
                    }
                    t.col = 0;
                }
            }
            b"tc" if !empty && self.flattened == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some((String::new(), 1, Merge::None));
                }
            }
            b"gridSpan" if self.flattened == 0 => {
                let span = val(e).and_then(|v| v.trim().parse::<usize>().ok());
                if let Some((_, s, _)) = self.open_cell() {
                    *s = span.unwrap_or(1).clamp(1, MAX_SPAN);
                }
            }
            b"vMerge" if self.flattened == 0 => {
                let merge = match val(e).as_deref() {
                    Some("restart") => Merge::Restart,
                    _ => Merge::Continue,
                };
                if let Some((_, _, m)) = self.open_cell() {
                    *m = merge;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if name == b"Fallback" {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"p" => self.end_paragraph(),
            b"tc" if self.flattened == 0 => self.end_cell(),
            b"tbl" if self.flattened > 0 => self.flattened -= 1,
            b"tbl" => self.end_table(),
            _ => {}
        }
    }

    fn open_cell(&mut self) -> Option<&mut (String, usize, Merge)> {
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    fn push_text(&mut self, s: &str) {
        let target = match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some((text, _, _)) => text,
            None => &mut self.line,
        };
        if target.len() < 4 * text_tables::MAX_LINE_CHARS {
            target.push_str(s);
        }
    }

    /// A paragraph or line break: a new line outside tables, a space inside a cell.
    fn line_break(&mut self) {
        match self.open_cell() {
            Some((text, _, _)) => text.push(' '),
            None => self.flush_line(),
        }
    }

    fn end_paragraph(&mut self) {
        self.line_break();
    }

    /// The current line as a block: a line with tabs between words is a row
    /// typed with tabs, as in pasted text.
    fn flush_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.out.line(&line);
    }

    /// A finished cell joins its row; a vertical-merge continuation instead
    /// widens the rowspan of the cell where the merge started.
    fn end_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some((text, span, merge)) = t.cell.take() else {
            return;
        };
        if t.rows.is_empty() {
            t.rows.push(Vec::new());
        }
        let r = t.rows.len() - 1;
        let col = t.col;
        t.col += span;
        if t.merges.len() < col + span {
            t.merges.resize(col + span, None);
        }
        if merge == Merge::Continue {
            if let Some((or, oc)) = t.merges[col] {
                if let Some(origin) = t.rows.get_mut(or).and_then(|row| row.get_mut(oc)) {
                    origin.rowspan = (origin.rowspan + 1).min(MAX_SPAN);
                    return;
                }
            }
        }
        let row = &mut t.rows[r];
        if row.len() >= MAX_CELLS {
            return;
        }
        let origin = (merge == Merge::Restart).then_some((r, row.len()));
        for m in &mut t.merges[col..col + span] {
            *m = origin;
        }
        row.push(Cell {
            text,
            rowspan: 1,
            colspan: span,
        });
    }

    fn end_table(&mut self) {
        if let Some(t) = self.tables.pop() {
            self.out.table(t.rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes()
    }

    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
    }

    fn tc(s: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(s))
    }

    #[test]
    fn paragraphs_and_runs() {
        let xml = doc(&format!(
            "{}<w:p><w:r><w:t>二、主动</w:t></w:r><w:r><w:t xml:space=\"preserve\">公开&amp;情况</w:t></w:r></w:p>",
            p("标题")
        ));
        let b = blocks_from_document_xml(&xml).unwrap();
        assert_eq!(
            b,
            vec![
                Block::Line("标题".into()),
                Block::Line("二、主动公开&情况".into())
            ]
        );
    }

    #[test]
    fn grid_span_and_vertical_merge_are_spans() {
        let xml = doc(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("信息内容", "<w:vMerge w:val=\"restart\"/>"),
            tc("法人", "<w:gridSpan w:val=\"2\"/>"),
            tc("", "<w:vMerge/>"),
            tc("商业", ""),
            tc("科研", ""),
            tc("规章", ""),
            tc("1", ""),
            tc("2", ""),
        ));
        let b = blocks_from_document_xml(&xml).unwrap();
        let rows: Vec<Vec<String>> = b
            .iter()
            .filter_map(|b| match b {
                Block::Row { cells, .. } => Some(cells.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(rows[0], ["信息内容", "法人", "法人"]);
        assert_eq!(rows[1], ["信息内容", "商业", "科研"]);
        assert_eq!(rows[2], ["规章", "1", "2"]);
    }

    #[test]
    fn cell_paragraphs_join_and_fallback_is_skipped() {
        let xml = doc(&format!(
            "<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl><mc:AlternateContent><mc:Choice>{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>",
            p("本年新"),
            p("制作数量"),
            p("3"),
            p("框中文字"),
            p("框中文字")
        ));
        let b = blocks_from_document_xml(&xml).unwrap();
        assert_eq!(
            b[0],
            Block::Row {
                cells: vec!["本年新 制作数量".into(), "3".into()],
                grid: 1
            }
        );
        assert_eq!(b[1..], [Block::Line("框中文字".into())]);
    }

    #[test]
    fn deep_tables_and_broken_xml_do_not_panic() {
        let deep = doc(&format!(
            "{}x{}",
            "<w:tbl><w:tr><w:tc>".repeat(500),
            "</w:tc></w:tr></w:tbl>".repeat(500)
        ));
        assert!(blocks_from_document_xml(&deep).is_ok());
        let _ = blocks_from_document_xml(b"<w:p><w:t>a</w:p");
        let _ = blocks_from_document_xml(b"<w:p a=\"");
    }

    #[test]
    fn other_zips_are_named() {
        assert_eq!(what_zip_is(&["word/document.xml"]), None);
        assert!(what_zip_is(&["xl/workbook.xml"]).unwrap().contains("Excel"));
        assert!(what_zip_is(&["a.txt"]).unwrap().contains("压缩包"));
    }
}
