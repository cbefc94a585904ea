//! Text and Markdown input as a stream of lines and table rows.
//!
//! Tables arrive as tab-separated rows (copied from Word or a browser), pipe
//! rows (Markdown, or box-drawing text tables), or one cell per line; the
//! last form is recognized later, when the part a line belongs to is known
//! (see [`cell_lines_to_rows`]). Broken PDF columns are just ragged rows: the
//! placer copes with them.

/// Longest line we look at; the rest of a longer line is dropped (bounds work).
pub const MAX_LINE_CHARS: usize = 20_000;
/// Most cells kept from one row.
pub const MAX_CELLS: usize = 200;
/// Most lines and rows read from one input: far beyond any real report, and
/// it keeps time and memory bounded on hostile input.
pub const MAX_BLOCKS: usize = 100_000;

/// One unit of the input: a line of text or a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Line(String),
    /// A table row; `grid` numbers the physical table it came from.
    Row {
        cells: Vec<String>,
        grid: usize,
    },
}

/// Cut an over-long line at a character boundary.
pub fn clip(line: &str) -> &str {
    match line.char_indices().nth(MAX_LINE_CHARS) {
        Some((b, _)) => &line[..b],
        None => line,
    }
}

fn starts_table_line(line: &str) -> bool {
    line.trim_start()
        .starts_with(['|', '│', '┃', '+', '┌', '├', '└', '┼'])
}

/// Split text (plain or Markdown) into blocks.
pub fn blocks_from_text(text: &str, markdown: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut grid = 0usize;
    let mut in_grid = false;
    let lines: Vec<&str> = text
        .lines()
        .take(4 * MAX_BLOCKS)
        .map(|l| clip(l.trim_end_matches('\r')))
        .collect();
    let mut i = 0;
    // End of a run of table lines already found not to be a bordered table.
    let mut plain_until = 0;
    while i < lines.len() && out.len() < MAX_BLOCKS {
        // A bordered (+---+) table is laid out as a whole.
        let run = match i < plain_until {
            true => 0,
            false => lines[i..]
                .iter()
                .take_while(|l| starts_table_line(l))
                .count(),
        };
        let boxed = run > 1 && super::box_tables::is_box_table(&lines[i..i + run]);
        if run > 1 && !boxed {
            plain_until = i + run;
        }
        if boxed {
            grid += 1;
            for cells in super::box_tables::box_rows(&lines[i..i + run]) {
                if cells.iter().any(|c| !c.is_empty()) && out.len() < MAX_BLOCKS {
                    out.push(Block::Row { cells, grid });
                }
            }
            in_grid = false;
            i += run;
            continue;
        }
        let line = lines[i];
        i += 1;
        push_line(&mut out, &mut grid, &mut in_grid, line, markdown);
    }
    out
}

/// One line of text as a block: skipped (blank, separator, rule), a row of
/// the current grid, a cell with its own border, or a line of prose (glued
/// to the one before when a page break cut the sentence).
fn push_line(
    out: &mut Vec<Block>,
    grid: &mut usize,
    in_grid: &mut bool,
    line: &str,
    markdown: bool,
) {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return; // blank lines separate nothing: PDF text is full of them
    }
    if is_separator_line(trimmed) {
        return; // a lone `|` (or `||`) between cells copied one per line
    }
    if let Some(cell) = lone_barred_cell(trimmed).filter(|_| !markdown) {
        // Never glued to the line before: it came with its own border.
        *in_grid = false;
        out.push(Block::Line(cell.to_string()));
        return;
    }
    if let Some(cells) = table_row(line, markdown) {
        if !*in_grid {
            *grid += 1;
            *in_grid = true;
        }
        if !cells.iter().all(|c| c.is_empty()) {
            out.push(Block::Row { cells, grid: *grid });
        }
        return;
    }
    if is_rule_line(trimmed) {
        return;
    }
    *in_grid = false;
    let text = if markdown {
        markdown_line(trimmed)
    } else {
        trimmed.to_string()
    };
    // Plain text: a sentence cut by a PDF page or column break goes on
    // in an unindented line (paragraphs of our own export are indented).
    let indented = line.starts_with(char::is_whitespace);
    if !markdown && !indented {
        if let Some(Block::Line(prev)) = out.last_mut() {
            if continues(prev, &text) {
                prev.push_str(&text);
                return;
            }
        }
    }
    if !text.is_empty() {
        out.push(Block::Line(text));
    }
}

/// Whether a line starts a new item (（一）, 1., 一是 …) rather than continuing.
pub fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    let mut cs = t.chars();
    match cs.next() {
        Some('（' | '(' | '【' | '[' | '#' | '-' | '*' | '>') => true,
        Some(c) if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) => cs
            .take(3)
            .any(|c| matches!(c, '.' | '．' | '、' | '是' | ')' | '）')),
        _ => false,
    }
}

/// Whether `next` continues `prev`: a long line that does not end a
/// sentence (and is no title or sub-heading), then one that starts no item.
pub fn continues(prev: &str, next: &str) -> bool {
    const ENDS: &[char] = &[
        '。', '！', '？', '!', '?', '；', ';', '：', ':', '…', '”', '"', '」', '）', ')',
    ];
    let n = prev.chars().count();
    let subheading = n <= 40 && starts_item(prev);
    n >= 20
        && prev.len() < MAX_LINE_CHARS * 4
        && !subheading
        && !super::meta::is_title(prev)
        && !prev.trim_end().ends_with(ENDS)
        && !starts_item(next)
}

/// The cells of a table row, or `None` for a line of prose. A separator row
/// (`|---|:-:|`) yields an empty row, which the caller drops.
fn table_row(line: &str, markdown: bool) -> Option<Vec<String>> {
    let t = line.trim();
    if line.contains('\t') {
        let cells: Vec<String> = line
            .split('\t')
            .take(MAX_CELLS)
            .map(|c| c.trim().to_string())
            .collect();
        // A trailing tab alone does not make a table.
        if cells.iter().filter(|c| !c.is_empty()).count() >= 1 && cells.len() >= 2 {
            return Some(cells);
        }
    }
    if !markdown {
        if let Some(cells) = super::spaced::bare_pipe_cells(line) {
            return Some(cells);
        }
        if let Some(cells) = super::spaced::spaced_cells(line) {
            return Some(cells);
        }
    }
    for bar in ['|', '│', '┃'] {
        if t.starts_with(bar) && t.chars().count() >= 2 {
            let inner = t.trim_start_matches(bar);
            let inner = inner.strip_suffix(bar).unwrap_or(inner);
            let cells: Vec<String> = split_pipes(inner, bar, markdown)
                .into_iter()
                .take(MAX_CELLS)
                .map(|c| {
                    if is_separator_cell(&c) {
                        String::new()
                    } else {
                        c
                    }
                })
                .collect();
            return Some(cells);
        }
    }
    None
}

/// Split on `bar`, honouring `\|` escapes in Markdown.
fn split_pipes(inner: &str, bar: char, markdown: bool) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if markdown && c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    cur.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        if c == bar {
            cells.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

fn is_separator_cell(c: &str) -> bool {
    !c.is_empty()
        && c.chars()
            .all(|ch| matches!(ch, '-' | ':' | ' ' | '─' | '━' | '=' | '┼' | '+'))
        && c.contains(['-', '─', '━', '='])
}

/// A line of bars only (`|`, `||`, `| ||||`): what a site's editor leaves
/// between cells it flattened one per line.
fn is_separator_line(t: &str) -> bool {
    t.contains(['|', '｜', '│'])
        && t.chars()
            .all(|c| matches!(c, '|' | '｜' | '│' | ' ' | '\t' | '\u{3000}'))
}

/// A line `cell |`: one cell and the bar after it, as a site's editor leaves
/// a table flattened one cell per line with each cell's right border kept.
/// It is that cell, a line like any other of such a table (a row of the
/// `cell | cell |` kind has at least two cells on its line).
fn lone_barred_cell(t: &str) -> Option<&str> {
    let inner = t.strip_suffix(['|', '｜', '│'])?.trim_end();
    let bars = ['|', '｜', '│', '┃', '+', '┌', '├', '└', '┼'];
    (!inner.is_empty() && !inner.contains(bars) && !inner.contains('\t')).then_some(inner)
}

/// Lines drawn with box characters or dashes only (table borders).
fn is_rule_line(t: &str) -> bool {
    t.chars().count() >= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '='
                    | '+'
                    | '─'
                    | '━'
                    | '┌'
                    | '┐'
                    | '└'
                    | '┘'
                    | '├'
                    | '┤'
                    | '┬'
                    | '┴'
                    | '┼'
                    | ' '
                    | '\t'
            )
        })
}

/// A Markdown line as plain text: heading marks, emphasis and escapes removed.
pub fn markdown_line(t: &str) -> String {
    let t = t.trim_start_matches('#').trim_start();
    // A trailing backslash is a hard line break, not text.
    let t = match t.strip_suffix('\\') {
        Some(rest) if !rest.ends_with('\\') => rest.trim_end(),
        _ => t,
    };
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    chars.next();
                }
                _ => out.push(c),
            },
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Whether a cell holds a value (or a stand-in for one) rather than a label:
/// a number, a number with its unit (`251000元`), or a blank mark (`/`, `—`).
pub fn is_value_like(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 24 {
        return false;
    }
    if matches!(
        t,
        "/" | "／" | "\\" | "-" | "--" | "—" | "——" | "－" | "―" | "无" | "空" | "×"
    ) {
        return true;
    }
    let body = t.trim_end_matches(|c: char| "元万件条个次人篇期份%％".contains(c));
    let body = body.strip_prefix(['-', '+', '－', '＋']).unwrap_or(body);
    let mut digits = 0;
    let mut dot = false;
    for c in body.chars() {
        match c {
            '0'..='9' | '０'..='９' => digits += 1,
            ',' | '，' if digits > 0 => {}
            '.' | '．' if !dot && digits > 0 => dot = true,
            _ => return false,
        }
    }
    digits > 0 && !body.ends_with(['.', '．'])
}

/// Text lines of a table part as rows, one cell per line (as some browsers
/// copy a table): a label line starts a row, value lines fill it.
pub fn cell_lines_to_rows(lines: &[String], grid: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for line in lines {
        if is_value_like(line) {
            if let Some(Block::Row { cells, .. }) = out.last_mut() {
                if cells.len() < MAX_CELLS {
                    cells.push(line.clone());
                }
                continue;
            }
        }
        out.push(Block::Row {
            cells: vec![line.clone()],
            grid,
        });
    }
    out
}

/// Whether a run of short lines looks like a table copied one cell per line.
pub fn looks_like_cell_lines(lines: &[String]) -> bool {
    let values = lines.iter().filter(|l| is_value_like(l)).count();
    values >= 3 && values * 10 >= lines.len() * 3 && lines.iter().all(|l| l.chars().count() <= 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_rows_share_a_grid_across_blank_lines() {
        let b = blocks_from_text(
            "标题\n\n统计指标\t单位\t统计数\n\n一、主动公开情况\t\t\n正文",
            false,
        );
        assert_eq!(b[0], Block::Line("标题".into()));
        assert_eq!(
            b[1],
            Block::Row {
                cells: vec!["统计指标".into(), "单位".into(), "统计数".into()],
                grid: 1
            }
        );
        assert_eq!(
            b[2],
            Block::Row {
                cells: vec!["一、主动公开情况".into(), "".into(), "".into()],
                grid: 1
            }
        );
        assert_eq!(b[3], Block::Line("正文".into()));
    }

    #[test]
    fn broken_sentences_rejoin() {
        let text = "公开了涉及部门概况的信息和其他各类信息的内容，涉及部门概\n\n况、法律法规。\n（一）下一项。\n　　缩进的段落不接上一行，它自成一段，而且足够长可以续行\n另起。";
        let b = blocks_from_text(text, false);
        assert_eq!(
            b[0],
            Block::Line(
                "公开了涉及部门概况的信息和其他各类信息的内容，涉及部门概况、法律法规。".into()
            )
        );
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(matches!(&b[2], Block::Line(l) if l.ends_with("可以续行另起。")));
    }

    #[test]
    fn pipe_rows_drop_separators() {
        let b = blocks_from_text("| a | b |\n|---|:-:|\n| 1. x | 2 |\n| | |", true);
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[1],
            Block::Row {
                cells: vec!["1. x".into(), "2".into()],
                grid: 1
            }
        );
    }

    #[test]
    fn values_and_labels() {
        for v in [
            "0",
            "26",
            "1,600",
            "251000元",
            "/",
            "—",
            "-3",
            "0.5",
            "12件",
        ] {
            assert!(is_value_like(v), "{v}");
        }
        for l in ["7.", "1. 属于国家秘密", "规章", "2018年1月3日", ""] {
            assert!(!is_value_like(l), "{l}");
        }
    }

    #[test]
    fn a_cell_with_its_bar_is_a_cell_line() {
        let text = "规章 |\n0 |\n||\n规范性文件 |\n1 |\n行政许可 | 0 | 0 |";
        let blocks = blocks_from_text(text, false);
        let lines: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(lines, ["规章", "0", "规范性文件", "1"]);
        assert!(matches!(blocks.last(), Some(Block::Row { cells, .. }) if cells.len() == 3));
    }

    #[test]
    fn one_cell_per_line() {
        let lines: Vec<String> = ["规章", "0", "1", "2", "行政规范性文件", "3", "4", "5"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(looks_like_cell_lines(&lines));
        let rows = cell_lines_to_rows(&lines, 9);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            Block::Row {
                cells: vec!["行政规范性文件".into(), "3".into(), "4".into(), "5".into()],
                grid: 9
            }
        );
    }
}
