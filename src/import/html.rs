//! HTML input (a page saved from a browser) as lines and table rows.
//!
//! Parsed with `scraper` (html5ever), walked iteratively (no recursion, so a
//! deeply nested page cannot overflow the stack). `rowspan` / `colspan` are
//! laid out on a grid: a spanned cell's text is repeated in every position it
//! covers, so a merged header (法人或其他组织) or row group (三、本年度办理结果)
//! labels each cell beneath or beside it.

use scraper::{ElementRef, Html, Node};

use super::grid::{collapse, layout, Cell, MAX_PAGE_CELLS, MAX_SPAN};
use super::text_tables::{clip, Block, MAX_BLOCKS, MAX_CELLS};

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

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    cell: Option<Cell>,
}

/// Split a page into blocks.
pub fn blocks_from_html(text: &str) -> Vec<Block> {
    let text = unescape_script(text);
    let doc = Html::parse_document(&limit_depth(&text));
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
                            flush_soft(&mut line, &mut out, &mut tables);
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
                            flush_soft(&mut line, &mut out, &mut tables);
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

/// A page that embeds the report in a script string (`\u003ctd\u003e`,
/// `align=\"center\"`) shows nothing until the string is read: undo the
/// JavaScript escapes and drop the script tags, so the markup is parsed.
/// The script's own code becomes a few lines of chrome around the title.
fn unescape_script(text: &str) -> std::borrow::Cow<'_, str> {
    let marks = text.matches("\\u003c").count()
        + text.matches("\\u003C").count()
        + text.matches("\\\"").count();
    if marks < 3 {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push(char::REPLACEMENT_CHARACTER), // half a surrogate pair
                }
            }
            Some('n') | Some('r') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    // Drop `<script …>` and `</script>` tags in one pass.
    let mut kept = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find('<') {
        let tail = &rest[start + 1..];
        let tail = tail.strip_prefix('/').unwrap_or(tail);
        let is_script = tail
            .get(..6)
            .is_some_and(|t| t.eq_ignore_ascii_case("script"));
        kept.push_str(&rest[..start]);
        match is_script {
            true => {
                let end = rest[start..]
                    .find('>')
                    .map_or(rest.len(), |e| start + e + 1);
                kept.push(' ');
                rest = &rest[end..];
            }
            false => {
                kept.push('<');
                rest = &rest[start + 1..];
            }
        }
    }
    kept.push_str(rest);
    let out = kept;
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
    fn script_escaped_markup_is_read() {
        let page = r#"<html><body><script>var c = "\u003cp\u003e正文\u003c/p\u003e\u003ctable align=\"center\"\u003e\u003ctr\u003e\u003ctd\u003e规章\u003c/td\u003e\u003ctd\u003e3\u003c/td\u003e\u003c/tr\u003e\u003c/table\u003e";</script></body></html>"#;
        let b = blocks_from_html(page);
        assert!(b.contains(&Block::Line("正文".into())), "{b:?}");
        assert!(rows(&b).contains(&vec!["规章".to_string(), "3".to_string()]));
    }

    #[test]
    fn huge_spans_are_clamped() {
        let b = blocks_from_html(
            r#"<table><tr><td colspan="99999999" rowspan="99999999">x</td></tr></table>"#,
        );
        assert!(rows(&b).len() <= MAX_SPAN);
    }
}
