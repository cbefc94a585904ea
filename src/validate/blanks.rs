//! `Check::Blanks` (blank is not zero) and `Check::ZeroForLevels`
//! (cells a unit of this level should not report).

use super::index::{Index, TableIndex};
use super::message::num;
use super::Finding;
use crate::document::{CellRef, UnitLevel};
use crate::template::Rule;

/// One warning per table that has blank numeric cells, listing them.
pub(crate) fn check_blanks(rule: &Rule, index: &Index<'_, '_>, out: &mut Vec<Finding>) {
    for (t, ti) in index.tables.iter().enumerate() {
        let cells: Vec<CellRef> = ti
            .positions()
            .filter(|&(r, c)| ti.kind(r, c).is_numeric() && index.value(t, r, c).is_none())
            .map(|(r, c)| ti.cell_ref(r, c))
            .collect();
        if cells.is_empty() {
            continue;
        }
        out.push(Finding {
            span: None,
            rule: rule.id.clone(),
            severity: rule.severity,
            message: format!(
                "{}有 {} 个单元格未填写（空白不等于 0）。如确为 0，请填写 0，或使用“编辑 › 空白单元格填 0”。",
                ti.table.name,
                cells.len()
            ),
            cells,
        });
    }
}

/// Non-zero cells in `rows` of `table` when the unit's level is one of `levels`.
pub(crate) fn check_zero_for_levels(
    rule: &Rule,
    (table, rows, levels, reason): (&str, &[String], &[UnitLevel], &str),
    level: UnitLevel,
    index: &Index<'_, '_>,
    out: &mut Vec<Finding>,
) {
    if !levels.contains(&level) {
        return;
    }
    let Some(t) = index.table(table) else {
        return;
    };
    let ti = &index.tables[t];
    let mut cells = Vec::new();
    let mut parts = Vec::new();
    for r in rows.iter().filter_map(|k| ti.row(k)) {
        let found = non_zero(ti, index, t, r);
        if found.is_empty() {
            continue;
        }
        let values: Vec<String> = found
            .iter()
            .map(|&(c, ref v)| format!("{}为 {}", ti.col_name(c), v))
            .collect();
        parts.push(format!("“{}”行{}", ti.row_label(r), values.join("、")));
        cells.extend(found.iter().map(|&(c, _)| ti.cell_ref(r, c)));
    }
    if cells.is_empty() {
        return;
    }
    let reason = reason.trim();
    let end = if reason.ends_with(['。', '！', '？']) || reason.is_empty() {
        ""
    } else {
        "。"
    };
    out.push(Finding {
        span: None,
        rule: rule.id.clone(),
        severity: rule.severity,
        cells,
        message: format!("{}：{}。{reason}{end}", ti.table.name, parts.join("；")),
    });
}

/// (column, value) of the row's cells holding a non-zero number.
fn non_zero(
    ti: &TableIndex<'_>,
    index: &Index<'_, '_>,
    t: usize,
    r: usize,
) -> Vec<(usize, String)> {
    (0..ti.leaves.len())
        .filter(|&c| ti.is_cell(r, c) && ti.kind(r, c).is_numeric())
        .filter_map(|c| {
            let n = index.value(t, r, c)?.number()?;
            (!n.is_zero()).then(|| (c, num(n)))
        })
        .collect()
}
