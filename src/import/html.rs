//! HTML input (a page saved from a browser) as lines and table rows.
//!
//! Parsed with `scraper` (html5ever), walked iteratively (no recursion, so a
//! deeply nested page cannot overflow the stack). `rowspan` / `colspan` are
//! laid out on a grid: a spanned cell's text is repeated in every position it
//! covers, so a merged header (法人或其他组织) or row group (三、本年度办理结果)
//! labels each cell beneath or beside it.

use scraper::{ElementRef, Html, Node};

use super::text_tables::{clip, Block, MAX_BLOCKS, MAX_CELLS};

/// Largest span honoured; larger values are clamped (a hostile page could ask
/// for millions).
const MAX_SPAN: usize = 64;
/// Most grid positions laid out per table, and in all tables of a page.
const MAX_GRID_CELLS: usize = 200_000;
const MAX_PAGE_CELLS: usize = 1_000_000;
/// Deepest element nesting passed to the parser: html5ever's scope checks
/// walk the stack of open elements, so unbounded nesting costs quadratic time.
const MAX_DEPTH: usize = 256;

/// Elements whose start and end break a line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "hr"
            | "title"
            | "dd"
            | "dt"
            | "center"
            | "body"
            | "tr"
            | "table"
            | "caption"
    )
}

/// Elements whose text is never content.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "head" | "iframe" | "svg"
    )
}

struct Cell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    cell: Option<Cell>,
}

/// Split a page into blocks.
pub fn blocks_from_html(text: &str) -> Vec<Block> {
    let doc = Html::parse_document(&limit_depth(text));
    let mut page_budget = MAX_PAGE_CELLS;
    let mut out = Vec::new();
    let mut line = String::new();
    let mut tables: Vec<TableBuilder> = Vec::new();
    let mut hidden = 0usize;
    let mut grid = 0usize;
    let layout_tables: std::collections::HashSet<_> = doc
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "table" && is_layout_table(*e))
        .map(|e| e.id())
        .collect();
    // (node, closing): an explicit stack instead of recursion.
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        if !closing {
            stack.push((node, true));
            stack.extend(node.children().rev().map(|c| (c, false)));
        }
        match closing {
            false => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if is_hidden(name) {
                        hidden += 1;
                        continue;
                    }
                    if hidden > 0 {
                        continue;
                    }
                    match name {
                        "table" if layout_tables.contains(&node.id()) => {
                            flush_soft(&mut line, &mut out, &mut tables)
                        }
                        "table" => {
                            flush(&mut line, &mut out, &mut tables);
                            tables.push(TableBuilder::default());
                        }
                        "tr" => {
                            if let Some(t) = tables.last_mut().filter(|t| t.rows.len() < MAX_BLOCKS)
                            {
                                t.rows.push(Vec::new());
                            }
                        }
                        "td" | "th" if !tables.is_empty() => {
                            let span = |a: &str| {
                                el.attr(a)
                                    .and_then(|v| v.trim().parse::<usize>().ok())
                                    .unwrap_or(1)
                                    .clamp(1, MAX_SPAN)
                            };
                            if let Some(t) = tables.last_mut() {
                                t.cell = Some(Cell {
                                    text: String::new(),
                                    rowspan: span("rowspan"),
                                    colspan: span("colspan"),
                                });
                            }
                        }
                        _ if is_block(name) => flush_soft(&mut line, &mut out, &mut tables),
                        _ => {}
                    }
                }
                Node::Text(t) if hidden == 0 => push_text(&t.text, &mut line, &mut tables),
                _ => {}
            },
            true => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if is_hidden(name) {
                        hidden = hidden.saturating_sub(1);
                        continue;
                    }
                    if hidden > 0 {
                        continue;
                    }
                    match name {
                        "td" | "th" => {
                            if let Some(t) = tables.last_mut() {
                                if let Some(c) = t.cell.take() {
                                    if t.rows.is_empty() {
                                        t.rows.push(Vec::new());
                                    }
                                    if let Some(r) = t.rows.last_mut() {
                                        if r.len() < MAX_CELLS {
                                            r.push(c);
                                        }
                                    }
                                }
                            }
                        }
                        "table" if layout_tables.contains(&node.id()) => {
                            flush_soft(&mut line, &mut out, &mut tables)
                        }
                        "table" => {
                            if let Some(t) = tables.pop() {
                                grid += 1;
                                for cells in layout(t.rows, &mut page_budget) {
                                    if cells.iter().any(|c| !c.is_empty()) && out.len() < MAX_BLOCKS
                                    {
                                        out.push(Block::Row { cells, grid });
                                    }
                                }
                            }
                        }
                        _ if is_block(name) => flush_soft(&mut line, &mut out, &mut tables),
                        _ => {}
                    }
                }
            }
        }
    }
    flush(&mut line, &mut out, &mut tables);
    out
}

/// Longest text of a data table's cell; a longer one is a paragraph, so
/// its table only lays out the page.
const MAX_CELL_CHARS: usize = 200;
/// Nodes examined per table when telling layout from data.
const LAYOUT_SCAN: usize = 50_000;

/// Whether a table only lays out a page (a whole article in one cell,
/// tables inside): its cells are then read as text, not as a grid.
fn is_layout_table(table: ElementRef<'_>) -> bool {
    for d in table.descendants().skip(1).take(LAYOUT_SCAN) {
        let Some(e) = ElementRef::wrap(d) else {
            continue;
        };
        match e.value().name() {
            "table" => return true,
            "td" | "th" => {
                let n: usize = e
                    .text()
                    .take(LAYOUT_SCAN)
                    .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
                    .sum();
                if n > MAX_CELL_CHARS {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Elements whose end tag may be left out or that have none: they do not
/// nest without limit, so they are not counted as depth.
fn is_flat(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "td"
            | "th"
            | "tr"
            | "dd"
            | "dt"
            | "option"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "br"
            | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "col"
            | "area"
            | "base"
            | "wbr"
            | "source"
            | "embed"
            | "param"
            | "track"
            | "html"
            | "head"
            | "body"
    )
}

/// Drop start tags (and their end tags) nested deeper than [`MAX_DEPTH`];
/// their text stays. A plain scan of `<…>`: cheap, and only the tags move.
fn limit_depth(text: &str) -> std::borrow::Cow<'_, str> {
    let mut depth = 0usize;
    let mut dropped: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out = String::new();
    let mut last = 0usize;
    let mut changed = false;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while let Some(off) = text[i..].find('<') {
        let start = i + off;
        let Some(len) = text[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        let tag = &text[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.ends_with('/');
        let mut drop = false;
        if !name.is_empty() && !is_flat(&name) && !self_closing {
            if closing {
                match dropped.get_mut(&name) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        drop = true;
                    }
                    _ => depth = depth.saturating_sub(1),
                }
            } else if depth >= MAX_DEPTH {
                *dropped.entry(name).or_default() += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            out.push_str(&text[last..start]);
            last = end;
            changed = true;
        }
        i = end;
        if i >= bytes.len() {
            break;
        }
    }
    if !changed {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// Text goes to the open cell, else to the current line.
fn push_text(text: &str, line: &mut String, tables: &mut [TableBuilder]) {
    let target = match tables.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(c) => &mut c.text,
        None => line,
    };
    if target.len() < 4 * super::text_tables::MAX_LINE_CHARS {
        target.push_str(text);
    }
}

/// A line break inside a cell becomes a space; outside, it ends the line.
fn flush_soft(line: &mut String, out: &mut Vec<Block>, tables: &mut [TableBuilder]) {
    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(c) => c.text.push(' '),
        None => flush(line, out, tables),
    }
}

fn flush(line: &mut String, out: &mut Vec<Block>, _tables: &mut [TableBuilder]) {
    let collapsed = collapse(line);
    if !collapsed.is_empty() && out.len() < MAX_BLOCKS {
        out.push(Block::Line(clip(&collapsed).to_string()));
    }
    line.clear();
}

/// Collapse HTML whitespace runs (including &nbsp;) to one space.
fn collapse(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Lay the rows out on a grid honouring spans.
fn layout(rows: Vec<Vec<Cell>>, page_budget: &mut usize) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    let mut budget = MAX_GRID_CELLS.min(*page_budget);
    for (r, cells) in rows.into_iter().enumerate() {
        if grid.len() <= r {
            grid.resize_with(r + 1, Vec::new);
        }
        let mut c = 0usize;
        for cell in cells {
            while grid[r].get(c).is_some_and(|x| x.is_some()) {
                c += 1;
            }
            let text = collapse(&cell.text);
            for dr in 0..cell.rowspan {
                let row = r + dr;
                if grid.len() <= row {
                    grid.resize_with(row + 1, Vec::new);
                }
                for dc in 0..cell.colspan {
                    if budget == 0 || c + dc >= MAX_CELLS {
                        break;
                    }
                    budget -= 1;
                    let cols = &mut grid[row];
                    if cols.len() <= c + dc {
                        cols.resize(c + dc + 1, None);
                    }
                    cols[c + dc] = Some(text.clone());
                }
            }
            c += cell.colspan;
        }
    }
    *page_budget -= MAX_GRID_CELLS.min(*page_budget) - budget;
    // Rows as wide as the widest: a regular grid lets the header map columns.
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    grid.into_iter()
        .map(|r| {
            let mut cells: Vec<String> = r.into_iter().map(Option::unwrap_or_default).collect();
            cells.resize(width, String::new());
            cells
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row { cells, .. } => Some(cells.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn spans_repeat_text() {
        let html = r#"<p>标题</p><table>
            <tr><td rowspan="2">信息内容</td><td colspan="2">法人</td></tr>
            <tr><td>商业</td><td>科研</td></tr>
            <tr><td>规章</td><td>1</td><td>2</td></tr></table><p>尾</p>"#;
        let b = blocks_from_html(html);
        assert_eq!(b.first(), Some(&Block::Line("标题".into())));
        assert_eq!(b.last(), Some(&Block::Line("尾".into())));
        let r = rows(&b);
        assert_eq!(r[0], ["信息内容", "法人", "法人"]);
        assert_eq!(r[1], ["信息内容", "商业", "科研"]);
        assert_eq!(r[2], ["规章", "1", "2"]);
    }

    #[test]
    fn scripts_hidden_and_breaks_split_lines() {
        let b = blocks_from_html("<script>var x=1;</script><p>一<br>二&nbsp;三</p>");
        assert_eq!(
            b,
            vec![Block::Line("一".into()), Block::Line("二 三".into())]
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = format!("{}深处{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let limited = limit_depth(&html);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(blocks_from_html(&html), vec![Block::Line("深处".into())]);
    }

    #[test]
    fn huge_spans_are_clamped() {
        let b = blocks_from_html(
            r#"<table><tr><td colspan="99999999" rowspan="99999999">x</td></tr></table>"#,
        );
        assert!(rows(&b).len() <= MAX_SPAN);
    }
}
