//! The plain-text export (导出文本): for the paper copy and for pasting into
//! systems that take no markup.

use super::escape::{clean_line, paragraphs};
use super::grid::{self, Grid};
use super::text_table::draw_grid;
use super::wrap::{pad, width, Align};
use super::{has_signoff_values, shows_tables, signoff_line};
use crate::document::Document;
use crate::template::Template;

/// Paragraph indent: two ideographic spaces, as in printed Chinese documents.
const INDENT: &str = "\u{3000}\u{3000}";

/// Page width used for centring the title and right-aligning the signature
/// when no table is wider.
const PAGE_WIDTH: usize = 80;

/// One part of the output; blocks are separated by a blank line.
type Block = Vec<String>;

/// The report as plain text with aligned tables.
pub fn render(doc: &Document, template: &Template) -> String {
    let mut body: Vec<Block> = Vec::new();
    body.push(prose_block(&doc.meta.opening));
    let mut widest = PAGE_WIDTH;
    let mut after_tables = false;
    for part in &template.parts {
        body.push(vec![clean_line(&part.heading)]);
        body.push(prose_block(doc.prose(&part.key)));
        if !shows_tables(doc, template) {
            continue;
        }
        for table in part.tables.iter().filter(|t| t.printed) {
            let block = table_block(&grid::build(table, doc));
            widest = widest.max(block.iter().map(|l| width(l)).max().unwrap_or(0));
            body.push(block);
            after_tables = true;
        }
    }
    let signoff = signoff_line(doc, template, "  ");
    if after_tables {
        if let Some(line) = &signoff {
            body.push(vec![line.clone()]);
        }
    }
    body.push(signature(doc, widest));
    if !after_tables {
        if let Some(line) = signoff.filter(|_| has_signoff_values(doc)) {
            body.push(vec![line]);
        }
    }
    let title = clean_line(&doc.meta.display_title());
    let mut blocks = vec![vec![pad(&title, widest, Align::Center)]];
    blocks.extend(body);
    join(blocks)
}

fn prose_block(text: &str) -> Block {
    paragraphs(text)
        .into_iter()
        .map(|p| format!("{INDENT}{p}"))
        .collect()
}

/// Block title, the drawing, then the caption.
fn table_block(grid: &Grid) -> Block {
    let mut block = Vec::new();
    if let Some(title) = grid.title.as_ref().filter(|t| !t.is_empty()) {
        block.push(title.clone());
    }
    block.extend(draw_grid(grid));
    if let Some(caption) = grid.caption.as_ref().filter(|c| !c.is_empty()) {
        block.push(caption.clone());
    }
    block
}

/// 署名单位 and 署名日期, each right-aligned to `width` columns.
fn signature(doc: &Document, width: usize) -> Block {
    [&doc.meta.signature_unit, &doc.meta.signature_date]
        .into_iter()
        .map(|s| clean_line(s))
        .filter(|s| !s.trim().is_empty())
        .map(|s| pad(&s, width, Align::Right))
        .collect()
}

/// Blocks joined by blank lines; blocks with nothing visible dropped (a
/// whitespace-only field must not leave stray blank lines), trailing spaces
/// trimmed, exactly one final newline.
fn join(blocks: Vec<Block>) -> String {
    let mut out = String::new();
    for block in blocks
        .into_iter()
        .filter(|b| b.iter().any(|l| !l.trim().is_empty()))
    {
        if !out.is_empty() {
            out.push('\n');
        }
        for line in block {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}
