//! The Markdown export (导出 Markdown, GitHub-flavoured) for the website.
//!
//! A pipe table has one header line and no spans, so the header is
//! flattened (`法人或其他组织 / 商业企业`) and the caption goes under the table.

use super::escape::{md_block_line, md_cell, md_heading};
use crate::layout::{BodyRow, DocumentLayout, FilledTable, Paragraph, SignoffPlace, TableLayout};

/// Indent per row level in legacy tables (an ideographic space).
const LEVEL_INDENT: &str = "\u{3000}";

/// The report as GitHub-flavoured Markdown.
pub fn render(layout: &DocumentLayout) -> String {
    let mut blocks: Vec<String> = vec![format!("# {}", md_heading(&layout.title))];
    blocks.extend(prose(&layout.opening));
    for part in &layout.parts {
        blocks.push(format!("## {}", md_heading(&part.heading)));
        blocks.extend(prose(&part.paragraphs));
        for table in &part.tables {
            blocks.extend(table_blocks(table));
        }
    }
    let signoff = |place: SignoffPlace| {
        layout
            .signoff
            .as_ref()
            .filter(|s| s.place == place)
            .map(|s| md_block_line(&s.line("\u{3000}")))
    };
    blocks.extend(signoff(SignoffPlace::AfterTables));
    blocks.extend(signature(&layout.signature));
    blocks.extend(signoff(SignoffPlace::AfterSignature));
    let mut out = blocks
        .into_iter()
        .filter(|b| !b.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}

/// Each paragraph as its own Markdown paragraph.
fn prose(paragraphs: &[Paragraph]) -> Vec<String> {
    paragraphs.iter().map(|p| md_block_line(&p.text)).collect()
}

/// `###` block title, the pipe table, then the caption.
fn table_blocks(table: &FilledTable) -> Vec<String> {
    let layout = &table.layout;
    let mut out = Vec::new();
    if let Some(title) = layout.title.as_ref().filter(|t| !t.is_empty()) {
        out.push(format!("### {}", md_heading(title)));
    }
    out.push(pipe_table(table));
    if let Some(caption) = layout.caption.as_ref().filter(|c| !c.text.is_empty()) {
        out.push(md_block_line(&caption.text));
    }
    out
}

/// A pipe table with a flattened header and row labels prefixed by their
/// group path; pure group rows are folded into their children's labels,
/// except on the legacy form where they are rows marked `——` in the unit
/// column.
fn pipe_table(table: &FilledTable) -> String {
    let layout = &table.layout;
    let labels = layout.has_labels();
    let mut head = Vec::new();
    let mut rule = Vec::new();
    if labels {
        head.push(md_cell(&layout.corner));
        rule.push("---");
    }
    if let Some(unit) = &layout.unit_header {
        head.push(md_cell(unit));
        rule.push(":---:");
    }
    for leaf in &layout.leaves {
        head.push(md_cell(&leaf.path.join(" / ")));
        rule.push("---:");
    }
    if head.is_empty() {
        return String::new();
    }
    let mut lines = vec![pipe_line(&head), pipe_line(&rule)];
    for (i, row) in layout.rows.iter().enumerate() {
        if row.group && !layout.legacy_style() {
            continue;
        }
        let mut cells = Vec::new();
        if labels {
            cells.push(row_label(layout, row));
        }
        if layout.unit_header.is_some() {
            cells.push(md_cell(&row.unit));
        }
        cells.extend(table.values[i].iter().map(|v| md_cell(&v.text)));
        lines.push(pipe_line(&cells));
    }
    lines.join("\n")
}

/// The label of a body row: its group path, or on the legacy form (whose
/// header rows are rows of their own) the label indented by its depth with
/// ideographic spaces, which Markdown keeps.
fn row_label(layout: &TableLayout, row: &BodyRow) -> String {
    if layout.legacy_style() {
        format!("{}{}", LEVEL_INDENT.repeat(row.depth), md_cell(&row.label))
    } else {
        md_cell(&row.path.join(" / "))
    }
}

fn pipe_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(c.as_ref());
        s.push_str(" |");
    }
    s
}

/// 署名单位 and 署名日期 as one paragraph with a hard line break.
fn signature(lines: &[String]) -> Option<String> {
    let lines: Vec<String> = lines.iter().map(|s| md_block_line(s)).collect();
    (!lines.is_empty()).then(|| lines.join("\\\n"))
}
