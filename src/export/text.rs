//! The plain-text export (导出文本): for the paper copy and for pasting into
//! systems that take no markup.

use super::text_table::draw_table;
use super::wrap::{pad, width, Align};
use crate::layout::{DocumentLayout, FilledTable, Paragraph, SignoffPlace};

/// Paragraph indent: two ideographic spaces, as in printed Chinese documents.
const INDENT: &str = "\u{3000}\u{3000}";

/// Page width used for centring the title and right-aligning the signature
/// when no table is wider.
const PAGE_WIDTH: usize = 80;

/// One part of the output; blocks are separated by a blank line.
type Block = Vec<String>;

/// The report as plain text with aligned tables.
pub fn render(layout: &DocumentLayout) -> String {
    let mut body: Vec<Block> = vec![prose_block(&layout.opening)];
    let mut widest = PAGE_WIDTH;
    for part in &layout.parts {
        body.push(vec![part.heading.clone()]);
        body.push(prose_block(&part.paragraphs));
        for table in &part.tables {
            let block = table_block(table);
            widest = widest.max(block.iter().map(|l| width(l)).max().unwrap_or(0));
            body.push(block);
        }
    }
    let signoff = |place: SignoffPlace| {
        layout
            .signoff
            .as_ref()
            .filter(|s| s.place == place)
            .map(|s| vec![s.line("  ")])
    };
    body.extend(signoff(SignoffPlace::AfterTables));
    body.push(
        layout
            .signature
            .iter()
            .map(|s| pad(s, widest, Align::Right))
            .collect(),
    );
    body.extend(signoff(SignoffPlace::AfterSignature));
    let mut blocks = vec![vec![pad(&layout.title, widest, Align::Center)]];
    blocks.extend(body);
    join(blocks)
}

fn prose_block(paragraphs: &[Paragraph]) -> Block {
    paragraphs
        .iter()
        .map(|p| format!("{INDENT}{}", p.text))
        .collect()
}

/// Block title, the drawing, then the caption.
fn table_block(table: &FilledTable) -> Block {
    let layout = &table.layout;
    let mut block = Vec::new();
    if let Some(title) = layout.title.as_ref().filter(|t| !t.is_empty()) {
        block.push(title.clone());
    }
    block.extend(draw_table(table));
    if let Some(caption) = layout.caption.as_ref().filter(|c| !c.text.is_empty()) {
        block.push(caption.text.clone());
    }
    block
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
