//! The Markdown export (导出 Markdown, GitHub-flavoured) for the website.

use super::escape::{clean_line, md_block_line, md_cell, md_heading, paragraphs};
use super::grid::{self, Grid, GridRow};

/// Indent per row level in legacy tables (an ideographic space).
const LEVEL_INDENT: &str = "\u{3000}";
use super::{has_signoff_values, shows_tables, signoff_line};
use crate::document::Document;
use crate::template::Template;

/// The report as GitHub-flavoured Markdown.
pub fn render(doc: &Document, template: &Template) -> String {
    let mut blocks: Vec<String> = vec![format!("# {}", md_heading(&doc.meta.display_title()))];
    blocks.extend(prose(&doc.meta.opening));
    let mut after_tables = false;
    for part in &template.parts {
        blocks.push(format!("## {}", md_heading(&part.heading)));
        blocks.extend(prose(doc.prose(&part.key)));
        if !shows_tables(doc, template) {
            continue;
        }
        for table in part.tables.iter().filter(|t| t.printed) {
            blocks.extend(table_blocks(&grid::build(table, doc)));
            after_tables = true;
        }
    }
    let signoff = signoff_line(doc, template, "\u{3000}").map(|l| md_block_line(&l));
    if after_tables {
        blocks.extend(signoff.clone());
    }
    blocks.extend(signature(doc));
    if !after_tables {
        blocks.extend(signoff.filter(|_| has_signoff_values(doc)));
    }
    let mut out = blocks
        .into_iter()
        .filter(|b| !b.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}

/// Each paragraph of `text` as its own Markdown paragraph.
fn prose(text: &str) -> Vec<String> {
    paragraphs(text).iter().map(|p| md_block_line(p)).collect()
}

/// `###` block title, the pipe table, then the caption.
fn table_blocks(grid: &Grid) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(title) = grid.title.as_ref().filter(|t| !t.is_empty()) {
        out.push(format!("### {}", md_heading(title)));
    }
    out.push(pipe_table(grid));
    if let Some(caption) = grid.caption.as_ref().filter(|c| !c.is_empty()) {
        out.push(md_block_line(caption));
    }
    out
}

/// A pipe table with a flattened header (`法人或其他组织 / 商业企业`) and row
/// labels prefixed by their group path; pure group rows are folded into
/// their children's labels, except on the legacy form where they are rows
/// marked `——` in the unit column.
fn pipe_table(grid: &Grid) -> String {
    let labels = grid.has_labels();
    let mut head = Vec::new();
    let mut rule = Vec::new();
    if labels {
        head.push(md_cell(&grid.corner));
        rule.push("---");
    }
    if let Some(unit) = &grid.unit_header {
        head.push(md_cell(unit));
        rule.push(":---:");
    }
    for path in &grid.leaves {
        head.push(md_cell(&path.join(" / ")));
        rule.push("---:");
    }
    if head.is_empty() {
        return String::new();
    }
    let mut lines = vec![pipe_line(&head), pipe_line(&rule)];
    for row in &grid.rows {
        if row.group && !grid.legacy_style() {
            continue;
        }
        let mut cells = Vec::new();
        if labels {
            cells.push(row_label(grid, row));
        }
        if grid.unit_header.is_some() {
            cells.push(md_cell(&row.unit));
        }
        cells.extend(row.values.iter().map(|v| md_cell(&v.text)));
        lines.push(pipe_line(&cells));
    }
    lines.join("\n")
}

/// The label of a body row: its group path, or on the legacy form (whose
/// header rows are rows of their own) the label indented by its depth with
/// ideographic spaces, which Markdown keeps.
fn row_label(grid: &Grid, row: &GridRow) -> String {
    if grid.legacy_style() {
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
fn signature(doc: &Document) -> Option<String> {
    let lines: Vec<String> = [&doc.meta.signature_unit, &doc.meta.signature_date]
        .into_iter()
        .map(|s| md_block_line(&clean_line(s)))
        .filter(|s| !s.trim().is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join("\\\n"))
}
