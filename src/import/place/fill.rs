//! Putting a matched row's values into cells, and reporting what cannot go.

use super::Placer;
use crate::document::{CellRef, CellValue};
use crate::import::report::{Placed, Unplaced};
use crate::import::text_tables::is_value_like;
use crate::import::values;
use crate::template::CellKind;

impl Placer<'_> {
    pub(super) fn fill(
        &mut self,
        t: usize,
        r: usize,
        labels: &[String],
        cells: &[String],
        width_ok: bool,
    ) {
        self.switch(t);
        self.last = Some((t, r));
        self.out.table_rows += 1;
        let tab = &self.tabs[t];
        let row = tab.flat[r].row;
        if !row.group {
            self.last_value = Some((t, r));
        }
        let source_label = match (labels.is_empty(), tab.row_label(r)) {
            (false, _) => labels.join(" "),
            (true, l) if l.is_empty() => tab.table.name.clone(),
            (true, l) => l,
        };
        let Some(slots) = self.row_slots(t, cells, width_ok, &source_label) else {
            return;
        };
        let width = self.tabs[t].leaves.len();
        for (leaf, raw) in slots.into_iter().enumerate().take(width) {
            if let Some(raw) = raw {
                self.place_value(t, r, leaf, &raw, &source_label);
            }
        }
    }

    /// The row's values, one per leaf column: by the header map when the
    /// row is as wide as the table's header, else the numbers in order when
    /// there is exactly one per column (otherwise each is listed).
    fn row_slots(
        &mut self,
        t: usize,
        cells: &[String],
        width_ok: bool,
        source_label: &str,
    ) -> Option<Vec<Option<String>>> {
        let tab = &self.tabs[t];
        let slots = match (&self.map, width_ok) {
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
                    return None;
                }
                if vals.len() != tab.leaves.len() {
                    let n = vals.iter().filter(|v| !v.trim().is_empty()).count();
                    for v in vals.iter().filter(|v| !v.trim().is_empty()) {
                        self.out.report(Unplaced::text(
                            v,
                            source_label,
                            &format!(
                                "该行有 {} 个数（共 {} 格），而表格有 {} 列，无法确定每个数属于哪一列",
                                n,
                                vals.len(),
                                tab.leaves.len()
                            ),
                        ));
                    }
                    return None;
                }
                vals.into_iter().map(|v| Some(v.clone())).collect()
            }
        };
        Some(slots)
    }

    /// One value into its cell: read as the cell's kind (元 converted under
    /// 万元), or listed when the row is a group heading or the cell is taken.
    fn place_value(&mut self, t: usize, r: usize, leaf: usize, raw: &str, source_label: &str) {
        let tab = &self.tabs[t];
        let row = tab.flat[r].row;
        let leaf = &tab.leaves[leaf];
        let raw = raw.to_string();
        let cell = CellRef::new(&tab.table.key, &row.key, &leaf.column.key);
        if row.group {
            if !raw.trim().is_empty()
                && is_value_like(&raw)
                && !matches!(raw.trim(), "—" | "——" | "-" | "--")
            {
                self.out.report(Unplaced::text(
                    &raw,
                    source_label,
                    "该行在模板中是分组标题，不填数",
                ));
            }
            return;
        }
        let kind = tab.table.cell_kind(row, leaf.column);
        // 元 under a 万元 column: converted, and said so.
        let wan = (kind == CellKind::Amount
            && tab.table.cell_unit(row, leaf.column) == Some("万元"))
        .then(|| values::yuan_as_wan(&raw))
        .flatten();
        let read = match wan {
            Some(w) => Some(CellValue::Amount(w)),
            None => values::read(kind, &raw),
        };
        let Some(value) = read else {
            self.out.blanks.push(cell);
            return;
        };
        if self.out.cells.contains_key(&cell) {
            self.out.report(Unplaced::text(
                &raw,
                source_label,
                &format!("单元格 {cell} 已由前面的行填写"),
            ));
            return;
        }
        let note = match (&value, wan) {
            (_, Some(w)) => Some(format!(
                "原文“{}”以元为单位，已按 1 元 = 0.0001 万元换算为 {w} 万元",
                raw.trim()
            )),
            (CellValue::Unparsed(_), _) => Some("此处应为数字，原文已保留，请核对".to_string()),
            _ => None,
        };
        self.out.cells.insert(cell.clone(), value.clone());
        self.out.matched.push(Placed {
            cell,
            value,
            original: raw.trim().to_string(),
            row_label: source_label.to_string(),
            column: leaf.path().join(" / "),
            note,
        });
    }

    pub(super) fn ambiguous(
        &mut self,
        t: usize,
        cands: Vec<usize>,
        labels: &[String],
        cells: &[String],
    ) {
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

    /// A fill-in text row (申请公开的主要内容) prints its answer on the line
    /// below its label: an unmatched line right after a blank text row is
    /// that row's answer.
    pub(super) fn text_answer(&mut self, labels: &[String]) -> bool {
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
}
