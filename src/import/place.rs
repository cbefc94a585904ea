//! Placing table rows on the template's cells by their row and column labels.
//!
//! Everything comes from the template (titles, captions, column tree, row
//! tree): no row or column is known to this code by name. A row is matched by
//! its most specific label; several candidates are narrowed by the row's
//! other label cells (its groups) and then by reading order (the candidate
//! under the same group as the row before). What is still ambiguous, or
//! cannot be aligned with the columns, is reported, never guessed.

use std::collections::{BTreeMap, BTreeSet};

use crate::document::{CellRef, CellValue};
use crate::template::{FlatRow, LeafColumn, Table, Template};

use super::labels::{join_broken, Key, Quality};
use super::parts::PartRow;
use super::report::{excerpt, Placed, Unplaced};
use super::text_tables::is_value_like;
use super::values;

mod columns;

/// Header rows kept per table (real headers have three or four).
const MAX_HEADER_ROWS: usize = 12;
/// Most entries reported as not placed; beyond, they are only counted.
const MAX_UNPLACED: usize = 5_000;
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
        out: Placement::default(),
    };
    for row in rows {
        placer.row(row);
    }
    placer.flush_pending();
    placer.out
}

fn non_empty(cells: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if out.last() != Some(&c) {
            out.push(c); // spans repeat a label: keep it once
        }
    }
    out
}

impl<'t> Placer<'t> {
    fn row(&mut self, row: &PartRow) {
        if row.part != self.part {
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
        }
        self.flush_pending();
        self.header_open = false;
        self.data_row(cells);
    }

    fn switch(&mut self, t: usize) {
        if self.cur != Some(t) {
            self.cur = Some(t);
            self.header.clear();
            self.header_open = false;
        }
    }

    fn title_match(&self, texts: &[&str]) -> Option<usize> {
        let key = Key::new(texts[0]);
        // Best quality only: 第二十条第（八）项 and 第二十条第（一）项 differ only in
        // their brackets, so a loose match must not compete with an exact one.
        let scored: Vec<(Quality, usize)> = (0..self.tabs.len())
            .filter_map(|i| {
                let q = self.tabs[i]
                    .title_keys
                    .iter()
                    .filter_map(|k| k.quality(&key))
                    .max()?;
                (q >= Quality::Loose).then_some((q, i))
            })
            .collect();
        let top = scored.iter().map(|s| s.0).max()?;
        let hits: Vec<usize> = scored.iter().filter(|s| s.0 == top).map(|s| s.1).collect();
        match hits.as_slice() {
            [one] => Some(*one),
            many => {
                let here: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&i| Some(self.tabs[i].part) == self.part)
                    .collect();
                (here.len() == 1).then(|| here[0])
            }
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
        if let Some(cur) = self.cur {
            let h = hits(cur);
            if h > 0 {
                return h >= row_hits;
            }
        }
        // No table open yet (or the header is another table's): the table
        // whose headers these are, when one clearly is.
        let scores: Vec<usize> = (0..self.tabs.len()).map(hits).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let leaders: Vec<usize> = (0..scores.len()).filter(|&t| scores[t] == best).collect();
        match leaders.as_slice() {
            [t] if best > 0 && best >= row_hits => {
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
            self.map = ColumnMap::build(self.tabs[cur].table, &self.header).map(|m| (cur, m));
        }
    }

    /// Rows of the current table (else of any table) matching a label, best quality only.
    fn row_candidates(&self, label: &str) -> Option<(usize, Vec<usize>)> {
        let key = Key::new(label);
        let scan = |t: usize| -> Option<(Quality, Vec<usize>)> {
            let tab = &self.tabs[t];
            let mut best: Option<(Quality, Vec<usize>)> = None;
            for (i, k) in tab.row_keys.iter().enumerate() {
                if let Some(q) = k.quality(&key) {
                    match &mut best {
                        Some((bq, v)) if *bq == q => v.push(i),
                        Some((bq, _)) if *bq > q => {}
                        _ => best = Some((q, vec![i])),
                    }
                }
            }
            best
        };
        if let Some(cur) = self.cur {
            if let Some((_, v)) = scan(cur) {
                return Some((cur, v));
            }
        }
        let mut found: Vec<(usize, Quality, Vec<usize>)> = (0..self.tabs.len())
            .filter(|&t| Some(t) != self.cur)
            .filter_map(|t| scan(t).map(|(q, v)| (t, q, v)))
            .collect();
        let top = found.iter().map(|f| f.1).max()?;
        found.retain(|f| f.1 == top);
        if found.len() > 1 {
            found.retain(|f| Some(self.tabs[f.0].part) == self.part);
        }
        match found.as_slice() {
            [(t, _, v)] => Some((*t, v.clone())),
            _ => None,
        }
    }

    /// Narrow candidates by the row's other labels (the groups printed beside
    /// it), then by reading order. A single candidate must agree with the
    /// groups too: “3.其他” printed under （四） is not （六）3.其他.
    fn choose(
        &self,
        t: usize,
        cands: Vec<usize>,
        other_labels: &[&str],
    ) -> Result<usize, Vec<usize>> {
        let tab = &self.tabs[t];
        let mut narrowed = cands.clone();
        for label in other_labels {
            let key = Key::new(label);
            let groups: BTreeSet<usize> = (0..tab.flat.len())
                .filter(|&i| tab.row_keys[i].quality(&key) >= Some(Quality::Loose))
                .collect();
            if !groups.is_empty() {
                narrowed.retain(|&c| tab.ancestors(c).iter().any(|a| groups.contains(a)));
            }
        }
        if narrowed.len() == 1 {
            return Ok(narrowed[0]);
        }
        if narrowed.is_empty() {
            return Err(cands);
        }
        if let Some((_, li)) = self.last.filter(|l| l.0 == t) {
            let mut chain = tab.ancestors(li);
            chain.insert(0, li);
            // How many groups the candidate shares with the row read before it.
            let affinity = |c: usize| -> usize {
                tab.ancestors(c)
                    .iter()
                    .filter(|a| chain.contains(a))
                    .count()
            };
            let after: Vec<usize> = narrowed.iter().copied().filter(|&c| c > li).collect();
            let best = after.iter().map(|&c| affinity(c)).max().unwrap_or(0);
            let top: Vec<usize> = after.into_iter().filter(|&c| affinity(c) == best).collect();
            if top.len() == 1 && best > 0 {
                return Ok(top[0]);
            }
        }
        Err(narrowed)
    }

    fn data_row(&mut self, cells: Vec<String>) {
        let mapped = self
            .map
            .as_ref()
            .filter(|(t, m)| Some(*t) == self.cur && m.fits(&cells));
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
        self.resolve(labels, cells, width_ok);
    }

    fn resolve(&mut self, labels: Vec<String>, cells: Vec<String>, width_ok: bool) {
        let has_values = cells.iter().any(|c| is_value_like(c));
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let found = self.match_labels(&refs);
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

    /// A fill-in text row (申请公开的主要内容) prints its answer on the line
    /// below its label: an unmatched line right after a blank text row is
    /// that row's answer.
    fn text_answer(&mut self, labels: &[String]) -> bool {
        let Some((t, r)) = self.last else {
            return false;
        };
        let tab = &self.tabs[t];
        let row = tab.flat[r].row;
        let [leaf] = tab.leaves.as_slice() else {
            return false;
        };
        if labels.len() != 1
            || tab.table.cell_kind(row, leaf.column) != crate::template::CellKind::Text
        {
            return false;
        }
        let cell = CellRef::new(&tab.table.key, &row.key, &leaf.column.key);
        if self.out.cells.contains_key(&cell) {
            return false;
        }
        let value = CellValue::Text(labels[0].clone());
        self.out.blanks.retain(|b| *b != cell);
        self.out.cells.insert(cell.clone(), value.clone());
        self.out.matched.push(Placed {
            cell,
            value,
            original: labels[0].clone(),
            row_label: tab.row_label(r),
            column: leaf.path().join(" / "),
            note: Some("文字取自该行下方的一行".to_string()),
        });
        self.last = None;
        true
    }

    /// Match a row by its labels: the last (most specific) first, then all joined.
    fn match_labels(&self, labels: &[&str]) -> Option<Result<(usize, usize), (usize, Vec<usize>)>> {
        if labels.is_empty() {
            return self.unlabelled_row().map(Ok);
        }
        let last = labels[labels.len() - 1];
        let others = &labels[..labels.len() - 1];
        let attempt = self.row_candidates(last).map(|c| (c, others)).or_else(|| {
            let joined = labels.concat();
            self.row_candidates(&joined).map(|c| (c, &[][..]))
        });
        let ((t, cands), others) = attempt?;
        Some(
            self.choose(t, cands, others)
                .map(|r| (t, r))
                .map_err(|c| (t, c)),
        )
    }

    /// A table whose only row has no label (表四): values without a label go there.
    fn unlabelled_row(&self) -> Option<(usize, usize)> {
        let t = self.cur?;
        let tab = &self.tabs[t];
        let rows: Vec<usize> = (0..tab.flat.len())
            .filter(|&i| !tab.flat[i].row.group)
            .collect();
        match rows.as_slice() {
            [one] if tab.flat[*one].row.label.trim().is_empty() => Some((t, *one)),
            _ => None,
        }
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

    fn ambiguous(&mut self, t: usize, cands: Vec<usize>, labels: &[String], cells: &[String]) {
        let tab = &self.tabs[t];
        let refs: Vec<CellRef> = cands
            .iter()
            .filter_map(|&r| {
                tab.leaves
                    .first()
                    .map(|l| CellRef::new(&tab.table.key, &tab.flat[r].row.key, &l.column.key))
            })
            .collect();
        let label = labels.join(" ");
        let names: Vec<String> = cands.iter().map(|&r| tab.row_label(r)).collect();
        let reason = match names.as_slice() {
            [one] => format!("行标签像是“{one}”，但所在分组与模板不符，无法确定"),
            _ => format!(
                "行标签同时符合模板中的多行（{}），无法确定",
                names.join("；")
            ),
        };
        for v in cells.iter().filter(|c| is_value_like(c)) {
            self.out.report(Unplaced {
                text: v.clone(),
                context: label.clone(),
                reason: reason.clone(),
                candidates: refs.clone(),
            });
        }
    }

    fn fill(&mut self, t: usize, r: usize, labels: &[String], cells: &[String], width_ok: bool) {
        self.switch(t);
        self.last = Some((t, r));
        self.out.table_rows += 1;
        let tab = &self.tabs[t];
        let row = tab.flat[r].row;
        let source_label = match (labels.is_empty(), tab.row_label(r)) {
            (false, _) => labels.join(" "),
            (true, l) if l.is_empty() => tab.table.name.clone(),
            (true, l) => l,
        };
        let slots: Vec<Option<String>> = match (&self.map, width_ok) {
            (Some((mt, m)), true) if *mt == t => m.values(cells, tab.leaves.len()),
            _ => {
                let first = cells
                    .iter()
                    .position(|c| is_value_like(c))
                    .unwrap_or(cells.len());
                let mut vals: Vec<&String> = cells[first..].iter().collect();
                while vals.last().is_some_and(|v| v.trim().is_empty()) {
                    vals.pop();
                }
                if vals.is_empty() {
                    return;
                }
                if vals.len() != tab.leaves.len() {
                    let n = vals.iter().filter(|v| !v.trim().is_empty()).count();
                    for v in vals.iter().filter(|v| !v.trim().is_empty()) {
                        self.out.report(Unplaced::text(
                            v,
                            &source_label,
                            &format!(
                                "该行有 {} 个数（共 {} 格），而表格有 {} 列，无法确定每个数属于哪一列",
                                n,
                                vals.len(),
                                tab.leaves.len()
                            ),
                        ));
                    }
                    return;
                }
                vals.into_iter().map(|v| Some(v.clone())).collect()
            }
        };
        for (leaf, raw) in tab.leaves.iter().zip(slots) {
            let Some(raw) = raw else { continue };
            let cell = CellRef::new(&tab.table.key, &row.key, &leaf.column.key);
            if row.group {
                if !raw.trim().is_empty()
                    && is_value_like(&raw)
                    && !matches!(raw.trim(), "—" | "——" | "-" | "--")
                {
                    self.out.report(Unplaced::text(
                        &raw,
                        &source_label,
                        "该行在模板中是分组标题，不填数",
                    ));
                }
                continue;
            }
            let kind = tab.table.cell_kind(row, leaf.column);
            let Some(value) = values::read(kind, &raw) else {
                self.out.blanks.push(cell);
                continue;
            };
            if self.out.cells.contains_key(&cell) {
                self.out.report(Unplaced::text(
                    &raw,
                    &source_label,
                    &format!("单元格 {cell} 已由前面的行填写"),
                ));
                continue;
            }
            let note = matches!(value, CellValue::Unparsed(_))
                .then(|| "此处应为数字，原文已保留，请核对".to_string());
            self.out.cells.insert(cell.clone(), value.clone());
            self.out.matched.push(Placed {
                cell,
                value,
                original: raw.trim().to_string(),
                row_label: source_label.clone(),
                column: leaf.path().join(" / "),
                note,
            });
        }
    }
}
