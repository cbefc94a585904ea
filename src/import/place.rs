//! Placing table rows on the template's cells by their row and column labels.
//!
//! Everything comes from the template (titles, captions, column tree, row
//! tree): no row or column is known to this code by name. A row is matched by
//! its most specific label; several candidates are narrowed by the row's
//! other label cells (its groups) and then by reading order (the candidate
//! under the same group as the row before). What is still ambiguous, or
//! cannot be aligned with the columns, is reported, never guessed.

use std::collections::BTreeMap;

use crate::document::{CellRef, CellValue};
use crate::template::{FlatRow, LeafColumn, Table, Template};

use super::labels::{join_broken, Key};
use super::parts::PartRow;
use super::report::{excerpt, Placed, Unplaced};
use super::text_tables::is_value_like;

mod align;
mod columns;
mod fill;
mod matching;

/// Separator of a label path inside one cell (法人或其他组织 / 商业企业).
pub const PATH_SEP: &str = " / ";

/// Header rows kept per table (real headers have three or four).
const MAX_HEADER_ROWS: usize = 12;
/// Most entries reported as not placed; beyond, they are only counted.
const MAX_UNPLACED: usize = 5_000;
/// A row found for some labels: (table, row), or the table and the rows
/// they could equally be.
type Matched = Result<(usize, usize), (usize, Vec<usize>)>;
/// Labels rebuilt from broken pieces, with the row they match.
type Relabeled = Option<(Vec<String>, Matched)>;

/// Label-only lines kept as the possible start of a broken label.
const MAX_ORPHANS: usize = 4;
/// Texts of a row looked at as labels (a real row has at most four).
const MAX_LABEL_CELLS: usize = 24;
use columns::ColumnMap;

/// One template table with its label keys.
struct Tab<'t> {
    part: usize,
    table: &'t Table,
    flat: Vec<FlatRow<'t>>,
    leaves: Vec<LeafColumn<'t>>,
    row_keys: Vec<Key>,
    /// Title, name and caption: a row holding one of them opens the table.
    title_keys: Vec<Key>,
    header_keys: Vec<Key>,
}

impl<'t> Tab<'t> {
    fn new(part: usize, table: &'t Table) -> Tab<'t> {
        let flat = table.flat_rows();
        let row_keys = flat.iter().map(|f| Key::new(&f.row.label)).collect();
        let title_keys = [
            Some(&table.name),
            table.title.as_ref(),
            table.caption.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|s| Key::new(s))
        .filter(|k| !k.norm.is_empty())
        .collect();
        let header_keys = columns::header_keys(table);
        Tab {
            part,
            table,
            leaves: table.leaf_columns(),
            flat,
            row_keys,
            title_keys,
            header_keys,
        }
    }

    fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.flat.get(i).and_then(|f| f.parent);
        while let Some(p) = at {
            out.push(p);
            at = self.flat[p].parent;
        }
        out
    }

    fn row_label(&self, i: usize) -> String {
        Table::row_path(&self.flat, i).join(" / ")
    }
}

/// The outcome of placing all rows.
#[derive(Debug, Default)]
pub struct Placement {
    pub cells: BTreeMap<CellRef, CellValue>,
    pub matched: Vec<Placed>,
    pub unplaced: Vec<Unplaced>,
    pub blanks: Vec<CellRef>,
    /// Rows that carried at least one number or label of a table.
    pub table_rows: usize,
    /// Entries not listed in `unplaced` because the list was full.
    pub overflow: usize,
}

impl Placement {
    fn report(&mut self, u: Unplaced) {
        if self.unplaced.len() < MAX_UNPLACED {
            self.unplaced.push(u);
        } else {
            self.overflow += 1;
        }
    }
}

/// A row matched to (table, flat row), or the table and its candidates when ambiguous.
type RowMatch = Result<(usize, usize), (usize, Vec<usize>)>;

/// A data row whose label matched nothing yet: the next row may finish it.
struct Pending {
    labels: Vec<String>,
    cells: Vec<String>,
    width_ok: bool,
}

struct Placer<'t> {
    tabs: Vec<Tab<'t>>,
    cur: Option<usize>,
    last: Option<(usize, usize)>,
    part: Option<usize>,
    grid: Option<usize>,
    header: Vec<Vec<String>>,
    header_open: bool,
    map: Option<(usize, ColumnMap)>,
    pending: Option<Pending>,
    /// The unmatched row just before the data row being resolved: its
    /// neighbours may place it by position (see [`align`]).
    waiting: Option<Pending>,
    /// The last row filled that holds numbers (a group label matched in
    /// between is no neighbour).
    last_value: Option<(usize, usize)>,
    /// Label-only lines that matched nothing, newest last: the first pieces
    /// of a label a PDF broke over lines, whose last piece comes with the
    /// numbers.
    orphans: Vec<String>,
    out: Placement,
}

/// Place every row; `rows` are in reading order.
pub fn place(template: &Template, rows: &[PartRow]) -> Placement {
    let tabs = template
        .parts
        .iter()
        .enumerate()
        .flat_map(|(p, part)| part.tables.iter().map(move |t| Tab::new(p, t)))
        .collect();
    let mut placer = Placer {
        tabs,
        cur: None,
        last: None,
        part: None,
        grid: None,
        header: Vec::new(),
        header_open: false,
        map: None,
        pending: None,
        waiting: None,
        last_value: None,
        orphans: Vec::new(),
        out: Placement::default(),
    };
    for row in rows {
        placer.row(row);
    }
    placer.by_position_at_end();
    placer.flush_pending();
    placer.out
}

/// The texts of cells in order, a ` / ` path (Markdown export) split into its
/// labels, repeats from spans kept once.
fn non_empty(cells: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in cells
        .iter()
        .flat_map(|c| c.split(PATH_SEP))
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        if out.last() != Some(&c) {
            out.push(c); // spans repeat a label: keep it once
        }
    }
    out
}

impl<'t> Placer<'t> {
    fn row(&mut self, row: &PartRow) {
        if row.part != self.part {
            self.by_position_at_end();
            self.flush_pending();
            self.part = row.part;
            if let Some(p) = row.part {
                if let Some(i) = self.tabs.iter().position(|t| t.part == p) {
                    self.switch(i);
                }
            }
        }
        if self.grid != Some(row.grid) {
            self.grid = Some(row.grid);
            self.header.clear();
            self.header_open = false;
        }
        let cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
        let mut texts = non_empty(&cells);
        texts.truncate(MAX_LABEL_CELLS);
        if texts.is_empty() {
            return;
        }
        let has_values = cells.iter().any(|c| is_value_like(c));
        if !has_values {
            if let Some(t) = self.title_match(&texts) {
                self.by_position_at_end();
                self.flush_pending();
                self.switch(t);
                self.out.table_rows += 1;
                if texts.len() > 1 {
                    self.push_header(cells); // 表三's caption row also holds 申请人情况
                }
                return;
            }
            if self.try_finish_pending(&texts) {
                return;
            }
            if self.is_header(&texts) {
                self.flush_pending();
                self.push_header(cells);
                self.out.table_rows += 1;
                return;
            }
            self.keep_orphan(&texts);
        }
        self.waiting = self.pending.take();
        self.header_open = false;
        self.data_row(cells);
        if has_values {
            // The numbers closed any broken label (join_orphan took it).
            self.orphans.clear();
        }
    }

    /// Remember a short label-only line that is no header (a group row, or
    /// the first piece of a broken label); any other text ends the run.
    fn keep_orphan(&mut self, texts: &[&str]) {
        match texts {
            [one] if one.chars().count() <= 40 => {
                if self.orphans.len() == MAX_ORPHANS {
                    self.orphans.remove(0);
                }
                self.orphans.push((*one).to_string());
            }
            _ => self.orphans.clear(),
        }
    }

    fn switch(&mut self, t: usize) {
        if self.cur != Some(t) {
            self.cur = Some(t);
            self.header.clear();
            self.header_open = false;
        }
    }

    /// A header row labels columns: it names leaf or group columns (or the
    /// corner / unit column), or continues the header rows just above.
    fn is_header(&mut self, texts: &[&str]) -> bool {
        if self.header_open && !texts.iter().any(|t| self.row_candidates(t).is_some()) {
            return true;
        }
        let row_hits = texts
            .iter()
            .filter(|t| self.row_candidates(t).is_some())
            .count();
        let keys: Vec<Key> = texts.iter().map(|t| Key::new(t)).collect();
        let hits = |t: usize| columns::header_hits(&self.tabs[t].header_keys, &keys);
        // A row naming rows as often as columns (（七）总计 vs the 总计 column) is data.
        let enough = |h: usize| h > 0 && (row_hits == 0 || h > row_hits);
        if let Some(cur) = self.cur {
            let h = hits(cur);
            if h > 0 {
                return enough(h);
            }
        }
        // No table open yet (or the header is another table's): the table
        // whose headers these are, when one clearly is.
        let scores: Vec<usize> = (0..self.tabs.len()).map(hits).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let leaders: Vec<usize> = (0..scores.len()).filter(|&t| scores[t] == best).collect();
        match leaders.as_slice() {
            [t] if enough(best) => {
                self.switch(*t);
                true
            }
            _ => false,
        }
    }

    fn push_header(&mut self, cells: Vec<String>) {
        if self.header.len() >= MAX_HEADER_ROWS {
            return;
        }
        self.header.push(cells);
        self.header_open = true;
        if let Some(cur) = self.cur {
            // Keep the last good map when a further header row spoils it.
            if let Some(m) = ColumnMap::build(self.tabs[cur].table, &self.header) {
                self.map = Some((cur, m));
            }
        }
    }

    fn data_row(&mut self, cells: Vec<String>) {
        let same_width = self
            .map
            .as_ref()
            .filter(|(t, m)| Some(*t) == self.cur && m.width() == cells.len());
        // Text where a number goes means the columns are off — unless the row
        // is a text row (申请公开的主要内容), whose answer is text.
        let mapped = same_width
            .filter(|(t, m)| m.fits(&cells) || self.is_text_row(*t, &m.label_cells(&cells)));
        let labels: Vec<String> = match mapped {
            Some((_, m)) => m.label_cells(&cells),
            None => {
                let first_value = cells
                    .iter()
                    .position(|c| is_value_like(c))
                    .unwrap_or(cells.len());
                let mut l: Vec<String> = non_empty(&cells[..first_value])
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                // Legacy tables print each row's unit (条, 件, 万元) before the number.
                let unit_column = self
                    .cur
                    .is_some_and(|t| self.tabs[t].table.unit_column.is_some());
                if unit_column && l.len() > 1 && l.last().is_some_and(|u| u.chars().count() <= 3) {
                    l.pop();
                }
                l
            }
        };
        let width_ok = mapped.is_some();
        let labels = self.without_header_label(labels, &cells);
        self.resolve(labels, cells, width_ok);
    }

    /// One cell per line, a table whose only row has no label (表四): the
    /// last header line (总计) runs straight into that row's numbers. A
    /// column label followed by exactly one number per column is that row.
    fn without_header_label(&self, labels: Vec<String>, cells: &[String]) -> Vec<String> {
        let Some(tab) = self.cur.map(|t| &self.tabs[t]) else {
            return labels;
        };
        let values = cells.iter().filter(|c| is_value_like(c)).count();
        let value_rows: Vec<&FlatRow<'_>> = tab.flat.iter().filter(|f| !f.row.group).collect();
        let unlabeled = matches!(value_rows.as_slice(), [only] if only.row.label.trim().is_empty());
        let names_a_column = match labels.as_slice() {
            [label] => {
                let key = Key::new(label);
                tab.header_keys.iter().any(|k| k.norm == key.norm)
            }
            _ => false,
        };
        if unlabeled && names_a_column && values == tab.leaves.len() {
            Vec::new()
        } else {
            labels
        }
    }

    fn resolve(&mut self, labels: Vec<String>, cells: Vec<String>, width_ok: bool) {
        let has_values = cells.iter().any(|c| is_value_like(c));
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let mut found = self.match_labels(&refs);
        let mut labels = labels;
        if found.is_none() && has_values {
            if let Some((joined, hit)) = self
                .join_orphan(&labels)
                .or_else(|| self.numbered_tail(&labels))
            {
                labels = joined;
                found = Some(hit);
            }
        }
        if let Some(w) = self.waiting.take() {
            let placed = match found {
                Some(Ok((t, r))) => self.by_position(t, r, &w),
                _ => false,
            };
            if !placed {
                self.pending = Some(w);
                self.flush_pending();
            }
        }
        match found {
            Some(Ok((t, r))) => self.fill(t, r, &labels, &cells, width_ok),
            Some(Err((t, cands))) => self.ambiguous(t, cands, &labels, &cells),
            None if self.text_answer(&labels) => {}
            None if has_values || !labels.is_empty() => {
                self.pending = Some(Pending {
                    labels,
                    cells,
                    width_ok,
                });
            }
            None => {}
        }
    }

    /// The label of a data row that matches nothing, joined to the label-only
    /// line just before it (its first half), when the whole matches a row.
    fn join_orphan(&mut self, labels: &[String]) -> Relabeled {
        let orphans = std::mem::take(&mut self.orphans);
        // A line of numbers alone: its label is the lines above it (a PDF's
        // narrow label column wrapped it over two or three lines).
        let none = String::new();
        let first = labels.first().unwrap_or(&none);
        // The nearest pieces first: 理 + the last line, then two lines back …
        let candidates = (1..=orphans.len()).flat_map(|k| {
            let head = orphans[orphans.len() - k..]
                .iter()
                .fold(String::new(), |acc, piece| {
                    join_broken(&acc, piece).pop().unwrap_or_default()
                });
            join_broken(&head, first)
        });
        self.first_match(labels, candidates)
    }

    /// A PDF line holding the end of a group label and a row's own label
    /// (三、本年度 / 办理结果（一）予以公开): the row is the part from a
    /// numbering mark on, when that matches.
    fn numbered_tail(&mut self, labels: &[String]) -> Relabeled {
        let first = labels.first()?;
        let chars: Vec<(usize, char)> = first.char_indices().collect();
        let marks = chars
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(i, &(at, c))| {
                let next = chars.get(i + 1).map(|&(_, n)| n);
                let mark = matches!(c, '（' | '(')
                    || (c.is_ascii_digit() && matches!(next, Some('.' | '．' | '、')));
                mark.then(|| first[at..].to_string())
            });
        let candidates: Vec<String> = marks.collect();
        self.first_match(labels, candidates)
    }

    /// The first `candidates` first label that, with the other labels,
    /// matches exactly one row.
    fn first_match(
        &mut self,
        labels: &[String],
        candidates: impl IntoIterator<Item = String>,
    ) -> Relabeled {
        for candidate in candidates {
            let mut whole = labels.to_vec();
            match whole.first_mut() {
                Some(first) => *first = candidate,
                None => whole.push(candidate),
            }
            let refs: Vec<&str> = whole.iter().map(String::as_str).collect();
            if let Some(hit @ Ok(_)) = self.match_labels(&refs) {
                return Some((whole, hit));
            }
        }
        None
    }

    /// A label-only row right after an unmatched data row may be the rest of its label.
    fn try_finish_pending(&mut self, texts: &[&str]) -> bool {
        let Some(p) = self.pending.as_ref() else {
            return false;
        };
        if texts.len() != 1 {
            return false;
        }
        let head = p.labels.last().cloned().unwrap_or_default();
        for joined in join_broken(&head, texts[0]) {
            let mut labels = p.labels.clone();
            labels.pop();
            labels.push(joined);
            let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
            if let Some(Ok((t, r))) = self.match_labels(&refs) {
                if let Some(p) = self.pending.take() {
                    self.fill(t, r, &labels, &p.cells, p.width_ok);
                }
                return true;
            }
        }
        false
    }

    fn flush_pending(&mut self) {
        let Some(p) = self.pending.take() else { return };
        let label = match p.labels.is_empty() {
            true => "（无行标签）".to_string(),
            false => p.labels.join(" "),
        };
        let values: Vec<&String> = p.cells.iter().filter(|c| is_value_like(c)).collect();
        if values.is_empty() {
            let long = label.chars().count() > 20 || label.ends_with('。');
            if long {
                self.out.report(Unplaced::text(
                    &label,
                    "表格",
                    "这行文字不是模板中的任何一行，未导入",
                ));
            }
            return;
        }
        for v in values {
            self.out.report(Unplaced::text(
                v,
                &label,
                &format!("行标签“{}”与模板中的任何一行都对不上", excerpt(&label)),
            ));
        }
    }
}
