//! OpenDocument text (.odt, the default of LibreOffice, 麒麟 and UOS) as
//! lines and table rows — the same blocks the Word reader makes, so
//! placement is shared.
//!
//! An .odt is a zip holding `content.xml`; `zip` opens it and `quick-xml`
//! streams the XML (no recursion). `text:p` / `text:h` are lines; `table:table`
//! goes through the shared grid model ([`super::grid`]) with
//! `number-columns-spanned` / `number-rows-spanned`; a
//! `table:covered-table-cell` is the hidden part of a merge and is skipped.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::docx::{DocxError, MAX_XML_BYTES};
use super::grid::{entity, Blocks, Cell, MAX_SPAN};
use super::text_tables::{self, Block, MAX_BLOCKS, MAX_CELLS};

/// Tables nested deeper than this are read as the text of their cell.
const MAX_TABLE_DEPTH: usize = 16;
/// Most spaces one `text:s` may stand for (a hostile file could ask for 2³²).
const MAX_SPACES: usize = 64;

/// True when a zip's `mimetype` entry says OpenDocument text.
pub fn is_odt(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = zip.by_name("mimetype") else {
        return false;
    };
    let mut kind = Vec::new();
    if entry.take(128).read_to_end(&mut kind).is_err() {
        return false;
    }
    kind.trim_ascii()
        .starts_with(b"application/vnd.oasis.opendocument.text")
}

/// The blocks of an .odt held in memory (errors share the Word reader's kinds).
pub fn blocks_from_odt(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::BadZip(e.to_string()))?;
    let entry = zip
        .by_name("content.xml")
        .map_err(|_| DocxError::NotWord("没有正文（content.xml）的 OpenDocument 文件"))?;
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
    blocks_from_content_xml(&xml)
}

/// One table being read: finished rows and the cell being read.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    cell: Option<Cell>,
}

struct Walker {
    out: Blocks,
    line: String,
    tables: Vec<TableBuilder>,
    /// `table:table` elements nested too deep to be read as tables.
    flattened: usize,
    /// Inside a paragraph or heading (text outside one is formatting noise).
    in_para: usize,
}

/// The blocks of `content.xml`.
pub fn blocks_from_content_xml(xml: &[u8]) -> Result<Vec<Block>, DocxError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut w = Walker {
        out: Blocks::default(),
        line: String::new(),
        tables: Vec::new(),
        flattened: 0,
        in_para: 0,
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
            Event::Text(t) if w.in_para > 0 => {
                if let Ok(s) = t.decode() {
                    w.push_text(&s);
                }
            }
            Event::GeneralRef(r) if w.in_para > 0 => {
                if let Some(c) = entity(&r) {
                    w.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::CData(t) if w.in_para > 0 => w.push_text(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        if w.out.full() {
            break;
        }
    }
    w.flush_line();
    Ok(w.out.out)
}

/// A numeric attribute by local name (`number-columns-spanned`, `c`).
fn num(e: &BytesStart<'_>, key: &[u8]) -> Option<usize> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == key)
            .then(|| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
            .flatten()
    })
}

impl Walker {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        match name.as_ref() {
            b"p" | b"h" if !empty => self.in_para += 1,
            b"p" | b"h" => self.end_paragraph(),
            b"s" if self.in_para > 0 => {
                let n = num(e, b"c").unwrap_or(1).clamp(1, MAX_SPACES);
                self.push_text(&" ".repeat(n));
            }
            b"tab" if self.in_para > 0 => self.push_text("\t"),
            b"line-break" if self.in_para > 0 => self.line_break(),
            b"table" if !empty => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.flattened += 1;
                } else {
                    self.flush_line();
                    self.tables.push(TableBuilder::default());
                }
            }
            b"table-row" if self.flattened == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.len() < MAX_BLOCKS {
                        t.rows.push(Vec::new());
                    }
                }
            }
            b"table-cell" if self.flattened == 0 => {
                let colspan = num(e, b"number-columns-spanned").unwrap_or(1);
                let rowspan = num(e, b"number-rows-spanned").unwrap_or(1);
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        text: String::new(),
                        rowspan: rowspan.clamp(1, MAX_SPAN),
                        colspan: colspan.clamp(1, MAX_SPAN),
                    });
                    if empty {
                        self.end_cell();
                    }
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"p" | b"h" => {
                self.in_para = self.in_para.saturating_sub(1);
                self.end_paragraph();
            }
            b"table-cell" if self.flattened == 0 => self.end_cell(),
            b"table" if self.flattened > 0 => self.flattened -= 1,
            b"table" => self.end_table(),
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        let target = match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => &mut cell.text,
            None => &mut self.line,
        };
        if target.len() < 4 * text_tables::MAX_LINE_CHARS {
            target.push_str(s);
        }
    }

    /// A new line outside tables, a space inside a cell.
    fn line_break(&mut self) {
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.text.push(' '),
            None => self.flush_line(),
        }
    }

    fn end_paragraph(&mut self) {
        self.line_break();
    }

    /// The current line as a block; a line with tabs is a row typed with tabs.
    fn flush_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.out.line(&line);
    }

    fn end_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(cell) = t.cell.take() else { return };
        if t.rows.is_empty() {
            t.rows.push(Vec::new());
        }
        if let Some(row) = t.rows.last_mut().filter(|r| r.len() < MAX_CELLS) {
            row.push(cell);
        }
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

    fn content(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
        .into_bytes()
    }

    #[test]
    fn paragraphs_headings_spaces_and_spans() {
        let xml = content(
            "<text:h>一、总体情况</text:h><text:p>主动<text:span>公开</text:span>&amp;<text:s text:c=\"2\"/>情况<text:line-break/>第二行</text:p>",
        );
        let b = blocks_from_content_xml(&xml).unwrap();
        assert_eq!(
            b,
            vec![
                Block::Line("一、总体情况".into()),
                Block::Line("主动公开& 情况".into()),
                Block::Line("第二行".into()),
            ]
        );
    }

    #[test]
    fn merged_cells_repeat_and_covered_cells_vanish() {
        let xml = content(concat!(
            "<table:table><table:table-row>",
            "<table:table-cell table:number-columns-spanned=\"2\"><text:p>信息内容</text:p></table:table-cell>",
            "<table:covered-table-cell/>",
            "<table:table-cell><text:p>新制定</text:p></table:table-cell>",
            "</table:table-row><table:table-row>",
            "<table:table-cell><text:p>规章</text:p></table:table-cell>",
            "<table:table-cell/>",
            "<table:table-cell><text:p>3</text:p></table:table-cell>",
            "</table:table-row></table:table>"
        ));
        let b = blocks_from_content_xml(&xml).unwrap();
        assert_eq!(
            b,
            vec![
                Block::Row {
                    cells: vec!["信息内容".into(), "信息内容".into(), "新制定".into()],
                    grid: 1
                },
                Block::Row {
                    cells: vec!["规章".into(), "".into(), "3".into()],
                    grid: 1
                },
            ]
        );
    }

    #[test]
    fn absurd_space_counts_are_bounded() {
        let xml = content("<text:p>a<text:s text:c=\"4294967295\"/>b</text:p>");
        assert_eq!(
            blocks_from_content_xml(&xml).unwrap(),
            vec![Block::Line("a b".into())]
        );
    }
}
