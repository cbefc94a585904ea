//! Tables whose cell boundaries a CMS or a crawler dropped: the whole report
//! on one line, `规章000行政规范性文件77132470第二十条第（五）项…`.
//!
//! Structure first: the template fixes the parts, the tables and the order
//! of their rows, so the official labels are looked for in that order, each
//! after the one before, and the characters between one label and the next
//! are that row's cells. A run of digits becomes cells only when exactly one
//! cut satisfies the template's in-row identities (see [`split`]); otherwise
//! the row is listed with its run, never guessed. The line is rewritten as
//! headings, prose and tab-separated rows, which the text path reads as usual.

use super::notes::ImportNote;
use crate::template::{self, Part, Table, Template};

use super::labels::{fold, similarity};
use super::report::{excerpt, Unplaced};

mod columns;
mod split;

use split::Cut;

/// Rows with numbers a line must hold to be a run-together table (a normal
/// table has one row per line, so never more than one).
const MIN_ROWS: usize = 5;
/// Longest line looked at: a whole report page is some 10,000 characters;
/// beyond this bound the search (labels × characters) would not be bounded.
const MAX_GLUED_CHARS: usize = 100_000;
/// A renamed heading must be at least this similar to the official one.
const MIN_HEADING_SIMILARITY: f64 = 0.75;

/// The text rewritten, with what the rewriting found.
#[derive(Debug, Default)]
pub struct Unglued {
    pub text: String,
    pub notes: Vec<ImportNote>,
    pub unplaced: Vec<Unplaced>,
}

/// A line folded for searching: its characters folded, without whitespace,
/// each with its byte offset in the line.
struct Folded<'a> {
    line: &'a str,
    chars: Vec<char>,
    at: Vec<usize>,
}

impl<'a> Folded<'a> {
    fn new(line: &'a str) -> Folded<'a> {
        let (mut chars, mut at) = (Vec::new(), Vec::new());
        for (b, c) in line.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            chars.push(fold(c));
            at.push(b);
        }
        Folded { line, chars, at }
    }

    fn byte(&self, i: usize) -> usize {
        self.at.get(i).copied().unwrap_or(self.line.len())
    }

    /// The text of folded characters `s..e` as it stands in the line.
    fn text(&self, s: usize, e: usize) -> &'a str {
        &self.line[self.byte(s)..self.byte(e)]
    }

    fn find(&self, needle: &[char], from: usize, to: usize) -> Option<usize> {
        if needle.is_empty() || to > self.chars.len() || needle.len() > to.saturating_sub(from) {
            return None;
        }
        (from..=to - needle.len()).find(|&i| self.chars[i..i + needle.len()] == *needle)
    }
}

fn folded(s: &str) -> Vec<char> {
    s.chars().map(fold).filter(|c| !c.is_whitespace()).collect()
}

/// A label without its leading numbering (`(二)`, `1.`, `四.`).
fn core(label: &[char]) -> &[char] {
    let numeral = |c: &char| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c);
    if label.first() == Some(&'(') {
        if let Some(close) = label.iter().position(|c| *c == ')') {
            if close <= 4 && label[1..close].iter().all(numeral) {
                return &label[close + 1..];
            }
        }
    }
    let n = label.iter().take_while(|c| numeral(c)).count();
    match label.get(n) {
        Some('.') if n > 0 => &label[n + 1..],
        _ => label,
    }
}

/// Something found on the line, in folded positions `s..e`.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Heading,
    Title,
    /// A value row: table (index in `Template::tables`) and flat row index.
    Row(usize, usize),
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    kind: Kind,
    s: usize,
    e: usize,
}

/// Where a part's heading stands, official or renamed (same numeral, a
/// similar wording: 四、政府信息公开行政法复议、行政诉讼情况).
fn find_heading(f: &Folded<'_>, part: &Part, from: usize) -> Option<(usize, usize)> {
    let official = folded(&part.heading);
    if let Some(s) = f.find(&official, from, f.chars.len()) {
        return Some((s, s + official.len()));
    }
    let prefix = &official[..official.len() - core(&official).len()];
    if prefix.is_empty() {
        return None;
    }
    let official_text: String = official.iter().collect();
    let mut at = from;
    while let Some(s) = f.find(prefix, at, f.chars.len()) {
        let best = (official.len().saturating_sub(3)..=official.len() + 3)
            .filter(|&len| s + len <= f.chars.len())
            .map(|len| {
                let text: String = f.chars[s..s + len].iter().collect();
                (similarity(&text, &official_text), len)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, len)) = best.filter(|b| b.0 >= MIN_HEADING_SIMILARITY) {
            return Some((s, s + len));
        }
        at = s + 1;
    }
    None
}

/// Every heading, table title and row label of `tpl` found in order.
fn locate(tpl: &Template, f: &Folded<'_>) -> Vec<Mark> {
    let mut heads: Vec<Option<(usize, usize)>> = Vec::new();
    let mut pos = 0;
    for part in &tpl.parts {
        let h = find_heading(f, part, pos);
        if let Some((_, e)) = h {
            pos = e;
        }
        heads.push(h);
    }
    let mut marks: Vec<Mark> = Vec::new();
    let mut table_index = 0;
    for (p, part) in tpl.parts.iter().enumerate() {
        // A part whose heading was not found starts where the last one ended.
        let before = marks.iter().map(|m| m.e).max().unwrap_or(0);
        let start = heads[p].map_or(before, |h| h.1);
        let end = heads[p + 1..]
            .iter()
            .flatten()
            .map(|h| h.0)
            .next()
            .unwrap_or(f.chars.len());
        if let Some((s, e)) = heads[p] {
            marks.push(Mark {
                kind: Kind::Heading,
                s,
                e,
            });
        }
        let mut pos = start;
        for table in &part.tables {
            // Unprinted tables (六's 信息处理费) are stated in prose, not as rows.
            if table.printed {
                locate_table(f, table, table_index, end, &mut pos, &mut marks);
            }
            table_index += 1;
        }
    }
    marks.sort_by_key(|m| (m.s, m.e));
    marks
}

fn locate_table(
    f: &Folded<'_>,
    table: &Table,
    index: usize,
    end: usize,
    pos: &mut usize,
    marks: &mut Vec<Mark>,
) {
    if let Some(title) = &table.title {
        let t = folded(title);
        if let Some(s) = f.find(&t, *pos, end) {
            marks.push(Mark {
                kind: Kind::Title,
                s,
                e: s + t.len(),
            });
            *pos = s + t.len();
        }
    }
    for (r, flat) in table.flat_rows().iter().enumerate() {
        if flat.row.group {
            continue;
        }
        let label = folded(&flat.row.label);
        let kind = Kind::Row(index, r);
        if label.is_empty() {
            // An unlabeled row (表四): its numbers are the first after the
            // header, past the numbers of the row before (when no heading
            // was found between them).
            let past = (*pos..end)
                .find(|&i| !(f.chars[i].is_ascii_digit() || f.chars[i] == '.'))
                .unwrap_or(end);
            let s = (past..end).find(|&i| f.chars[i].is_ascii_digit());
            if let Some(s) = s {
                marks.push(Mark { kind, s, e: s });
                *pos = s;
            }
            continue;
        }
        let c = core(&label);
        let hit = f
            .find(&label, *pos, end)
            .map(|s| (s, s + label.len()))
            .or_else(|| {
                (c.len() >= 4)
                    .then(|| f.find(c, *pos, end).map(|s| (s, s + c.len())))
                    .flatten()
            });
        if let Some((s, e)) = hit {
            marks.push(Mark { kind, s, e });
            *pos = e;
        }
    }
}

/// The numbers right after a label: digits, spaces, points and signs up to
/// the first other character; a digit followed by `.`/`、` there is the next
/// row's numbering (…国家秘密0000000|2.其他…), not a number.
fn value_run(gap: &str) -> &str {
    let t = gap.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | ',' | '\u{3000}')))
        .map_or(t.len(), |(b, _)| b);
    let run = &t[..end];
    let numbering = t[end..].starts_with(['、', '．']);
    let mut run = run.trim_end();
    if let Some(r) = run.strip_suffix('.') {
        // 1.本机关… after the numbers: the `1` is the next row's mark.
        run = r.trim_end();
        run = &run[..run.len() - run.chars().last().map_or(0, |c| c.len_utf8())];
    } else if numbering {
        run = &run[..run.len() - run.chars().last().map_or(0, |c| c.len_utf8())];
    }
    run.trim()
}

/// One row found with its run and what the cut gave.
struct Found<'a> {
    label: &'a str,
    run: &'a str,
    cut: Cut,
}

/// Cut the run of every row mark; `None` for a row with no numbers.
fn cut_rows<'a>(tpl: &Template, f: &Folded<'a>, marks: &[Mark]) -> Vec<Option<Found<'a>>> {
    let tables: Vec<&Table> = tpl.tables().map(|(_, t)| t).collect();
    let mut found: Vec<Option<Found<'a>>> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let Kind::Row(t, r) = m.kind else {
                return None;
            };
            let table = tables[t];
            let next = marks.get(i + 1).map_or(f.chars.len(), |n| n.s);
            let gap = f.text(m.e, next.max(m.e));
            let run = value_run(gap);
            if run.is_empty() {
                return None;
            }
            let flat = table.flat_rows();
            let n = table.leaf_columns().len();
            let cut = split::cut(tpl, table, &flat[r].row.key, run, n);
            Some(Found {
                label: f.text(m.s, m.e),
                run,
                cut,
            })
        })
        .collect();
    for (t, table) in tables.iter().enumerate() {
        let flat = table.flat_rows();
        let mut rows: Vec<(&str, &mut Cut)> = marks
            .iter()
            .zip(found.iter_mut())
            .filter_map(|(m, f)| match (m.kind, f) {
                (Kind::Row(mt, r), Some(f)) if mt == t => {
                    Some((flat[r].row.key.as_str(), &mut f.cut))
                }
                _ => None,
            })
            .collect();
        columns::settle(tpl, table, &mut rows);
    }
    found
}

/// How many of the template's distinct column labels the line holds.
fn column_labels(tpl: &Template, f: &Folded<'_>) -> usize {
    let mut labels: Vec<Vec<char>> = tpl
        .tables()
        .filter(|(_, t)| t.printed)
        .flat_map(|(_, t)| t.leaf_columns())
        .map(|l| folded(&l.column.label))
        .filter(|l| l.len() >= 3)
        .collect();
    labels.sort();
    labels.dedup();
    labels
        .iter()
        .filter(|l| f.find(l, 0, f.chars.len()).is_some())
        .count()
}

/// Rewrite the one run-together line of `text`, when there is one.
pub fn unglue(text: &str) -> Option<Unglued> {
    let (index, line) = text.lines().enumerate().max_by_key(|(_, l)| l.len())?;
    if !(200..=MAX_GLUED_CHARS).contains(&line.chars().count()) {
        return None;
    }
    let f = Folded::new(line);
    let best = template::all()
        .iter()
        .map(|tpl| {
            let marks = locate(tpl, &f);
            let rows = cut_rows(tpl, &f, &marks);
            let good = rows
                .iter()
                .flatten()
                .filter(|r| matches!(r.cut, Cut::One { .. }))
                .count();
            // The layout is the one whose labels the line holds (a 2019 page
            // cut by 2021's labels would read 3960181 as one number).
            let labels = marks.len() + column_labels(tpl, &f);
            (labels, good, tpl.first_year, tpl, marks, rows)
        })
        .max_by_key(|b| (b.0, b.1, b.2))?;
    let (_, good, _, _, marks, rows) = best;
    if good < MIN_ROWS {
        return None;
    }
    let mut out = Unglued::default();
    let rewritten = rewrite(&f, &marks, &rows, &mut out);
    let mut lines: Vec<&str> = text.lines().collect();
    let mut text_out = String::with_capacity(text.len() + 1024);
    for (i, l) in lines.drain(..).enumerate() {
        if i == index {
            text_out.push_str(&rewritten);
        } else {
            text_out.push_str(l);
            text_out.push('\n');
        }
    }
    out.text = text_out;
    Some(out)
}

/// The line as headings, prose and tab-separated rows.
fn rewrite(
    f: &Folded<'_>,
    marks: &[Mark],
    rows: &[Option<Found<'_>>],
    out: &mut Unglued,
) -> String {
    let mut s = String::new();
    let push_line = |s: &mut String, l: &str| {
        let l = l.trim();
        if !l.is_empty() {
            s.push_str(l);
            s.push('\n');
        }
    };
    push_line(
        &mut s,
        f.text(0, marks.first().map_or(f.chars.len(), |m| m.s)),
    );
    let (mut cut_rows, mut forced_rows) = (Vec::new(), 0usize);
    for (i, m) in marks.iter().enumerate() {
        let next = marks.get(i + 1).map_or(f.chars.len(), |n| n.s);
        match (m.kind, &rows[i]) {
            (Kind::Heading | Kind::Title, _) => {
                // Prose after a heading, or a table's header (信息内容本年制发件数…),
                // which also tells the layout apart.
                push_line(&mut s, f.text(m.s, m.e));
                push_line(&mut s, f.text(m.e, next.max(m.e)));
            }
            (Kind::Row(..), Some(found)) => match &found.cut {
                Cut::One { cells, forced } => {
                    s.push_str(found.label.trim());
                    for c in cells {
                        s.push('\t');
                        s.push_str(c);
                    }
                    s.push('\n');
                    match forced {
                        true => forced_rows += 1,
                        false => cut_rows.push(excerpt(found.label)),
                    }
                }
                other => out.unplaced.push(Unplaced::text(
                    found.run,
                    found.label,
                    match other {
                        Cut::Several(_) => "数字在原文中连在一起，有不止一种拆法，无法确定各单元格，未导入",
                        _ => "数字在原文中连在一起，没有一种拆法符合表内关系（总计 = 各项之和），未导入",
                    },
                )),
            },
            (Kind::Row(..), None) => {}
        }
    }
    if forced_rows + cut_rows.len() > 0 {
        out.notes
            .push(ImportNote::GluedForced { rows: forced_rows });
    }
    if !cut_rows.is_empty() {
        out.notes.push(ImportNote::GluedByIdentities {
            rows: cut_rows.len(),
            examples: cut_rows.iter().take(3).cloned().collect(),
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_before_the_next_rows_numbering_drops_it() {
        assert_eq!(value_run("00000002."), "0000000");
        assert_eq!(value_run(" 3700000372."), "370000037");
        assert_eq!(value_run("0000000（四）无法提供1."), "0000000");
        assert_eq!(value_run("18651.06三、收到"), "18651.06");
        assert_eq!(value_run("0 1 1 0 2 1 0 五、"), "0 1 1 0 2 1 0");
    }

    #[test]
    fn numbering_is_not_part_of_the_core() {
        let c = |s: &str| core(&folded(s)).iter().collect::<String>();
        assert_eq!(c("（二）部分公开"), "部分公开");
        assert_eq!(c("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(c("四、结转下年度继续办理"), "结转下年度继续办理");
        assert_eq!(c("规章"), "规章");
    }
}
