//! The layout of one statistics table, computed from the template alone: the
//! block title, the unit note, the corner and caption, the header boxes with
//! their spans and units, and the body rows with their depth, group path and
//! cells. The editor's grid and every export read the table through this, so
//! a label, a span or a unit is decided here and nowhere else.

use super::clean::clean_line;
use crate::document::CellRef;
use crate::template::{CellKind, Column, Table};

/// Shown in the unit column of a legacy header row, as on the printed form
/// (seed 004): the row carries no number.
pub const NO_NUMBER: &str = "——";

/// One header box above the value columns.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBox {
    /// The words in the box, with the column's own unit when it differs
    /// from the table's (`采购总金额（万元）` under 单位：件).
    pub text: String,
    /// First leaf column and number of leaf columns covered.
    pub first: usize,
    pub span: usize,
    /// First header level and number of levels covered.
    pub level: usize,
    pub depth: usize,
}

/// One value column (a leaf of the column tree).
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub key: String,
    /// Header texts from the outermost group to the leaf (units included,
    /// without the spanning header title).
    pub path: Vec<String>,
}

/// One cell a body row holds under a leaf column.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub cell: CellRef,
    pub kind: CellKind,
}

/// One body row in display order.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyRow {
    pub key: String,
    pub label: String,
    /// Labels of the enclosing groups and the row, outermost first.
    pub path: Vec<String>,
    pub depth: usize,
    /// Index of the enclosing row in [`TableLayout::rows`].
    pub parent: Option<usize>,
    /// A pure group label (no numbers of its own).
    pub group: bool,
    /// What the legacy unit column shows (`条`, or `——` on a header row).
    pub unit: String,
    /// One slot per leaf column; empty for a group row.
    pub slots: Vec<Slot>,
}

/// Where the table's caption (表三's 勾稽关系 sentence) goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptionPlace {
    /// In the empty top-left header cell, as on the printed form.
    Corner,
    /// Under the grid (a table whose corner has its own label).
    Below,
}

/// A table's caption and where the printed form puts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub text: String,
    pub place: CaptionPlace,
}

/// Everything about a table's shape, independent of any document.
#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout {
    pub key: String,
    /// Short name used in findings and cell labels (表三).
    pub name: String,
    /// Block title above the grid (第二十条第（一）项).
    pub title: Option<String>,
    /// `单位：件` / `单位：万元`, from the table's default unit.
    pub unit_note: Option<String>,
    /// The corner's own label (信息内容), empty when it has none.
    pub corner: String,
    pub caption: Option<Caption>,
    /// Header of the legacy unit column, when the table has one.
    pub unit_header: Option<String>,
    /// Number of header lines above the value columns.
    pub header_levels: usize,
    /// Header boxes, outermost first (the spanning 申请人情况 box first).
    pub header: Vec<HeaderBox>,
    pub leaves: Vec<Leaf>,
    pub rows: Vec<BodyRow>,
}

impl TableLayout {
    /// The layout of a template table.
    pub fn of(table: &Table) -> TableLayout {
        let (header, header_levels) = header_boxes(table);
        let leaves = table.leaf_columns();
        let caption = table
            .caption
            .as_deref()
            .map(clean_line)
            .map(|text| Caption {
                place: if table.corner.trim().is_empty() {
                    CaptionPlace::Corner
                } else {
                    CaptionPlace::Below
                },
                text,
            });
        let table_unit = table.unit.as_deref();
        TableLayout {
            key: table.key.clone(),
            name: clean_line(&table.name),
            title: table.title.as_deref().map(clean_line),
            unit_note: table_unit.map(|u| format!("单位：{}", clean_line(u))),
            corner: clean_line(&table.corner),
            caption,
            unit_header: table.unit_column.as_deref().map(clean_line),
            header_levels,
            leaves: leaves
                .iter()
                .map(|leaf| Leaf {
                    key: leaf.column.key.clone(),
                    path: leaf
                        .ancestors
                        .iter()
                        .map(|c| clean_line(&c.label))
                        .chain(std::iter::once(leaf_text(leaf.column, table_unit)))
                        .collect(),
                })
                .collect(),
            header,
            rows: body_rows(table),
        }
    }

    /// Whether the table has a row-label column (表四 has none).
    pub fn has_labels(&self) -> bool {
        !self.corner.is_empty() || self.rows.iter().any(|r| !r.label.is_empty())
    }

    /// Whether group rows are rows of their own, marked `——` in the unit
    /// column (the legacy form), instead of merged label cells.
    pub fn legacy_style(&self) -> bool {
        self.unit_header.is_some()
    }

    /// What the top-left header cell shows: the caption where the printed
    /// form puts it there, otherwise the corner's own label.
    pub fn corner_text(&self) -> &str {
        match &self.caption {
            Some(c) if c.place == CaptionPlace::Corner => &c.text,
            _ => &self.corner,
        }
    }

    /// The caption when it goes under the grid.
    pub fn caption_below(&self) -> Option<&str> {
        self.caption
            .as_ref()
            .filter(|c| c.place == CaptionPlace::Below)
            .map(|c| c.text.as_str())
    }

    /// Whether any cell holds a written answer rather than a number.
    pub fn has_text_cells(&self) -> bool {
        self.rows
            .iter()
            .flat_map(|r| &r.slots)
            .any(|s| s.kind == CellKind::Text)
    }
}

/// A leaf column's header text: its label, plus its own unit where that
/// differs from the table's and the label does not already end with it
/// (`收费金额（元）` stays as it is).
fn leaf_text(col: &Column, table_unit: Option<&str>) -> String {
    let label = clean_line(&col.label);
    match col.unit.as_deref().filter(|u| Some(*u) != table_unit) {
        Some(unit) => {
            let suffix = format!("（{}）", clean_line(unit));
            if label.ends_with(&suffix) {
                label
            } else {
                label + &suffix
            }
        }
        None => label,
    }
}

/// Header boxes of a table above its value columns, outermost first, and the
/// number of header levels. `header_title` (申请人情况) adds a level spanning
/// every column.
fn header_boxes(table: &Table) -> (Vec<HeaderBox>, usize) {
    let top = usize::from(table.header_title.is_some());
    let levels = (top + table.header_depth()).max(1);
    let mut out = Vec::new();
    if let Some(title) = &table.header_title {
        out.push(HeaderBox {
            text: clean_line(title),
            first: 0,
            span: table.leaf_columns().len(),
            level: 0,
            depth: 1,
        });
    }
    let at = Placing {
        levels,
        table_unit: table.unit.as_deref(),
    };
    place(&table.columns, top, &at, &mut 0, &mut out);
    (out, levels)
}

/// What every level of the header placement needs to know.
struct Placing<'t> {
    levels: usize,
    table_unit: Option<&'t str>,
}

fn leaf_count(col: &Column) -> usize {
    if col.children.is_empty() {
        1
    } else {
        col.children.iter().map(leaf_count).sum()
    }
}

fn place(
    cols: &[Column],
    level: usize,
    at: &Placing<'_>,
    next: &mut usize,
    out: &mut Vec<HeaderBox>,
) {
    for col in cols {
        let leaf = col.children.is_empty();
        out.push(HeaderBox {
            text: if leaf {
                leaf_text(col, at.table_unit)
            } else {
                clean_line(&col.label)
            },
            first: *next,
            span: leaf_count(col),
            level,
            depth: if leaf { at.levels - level } else { 1 },
        });
        if leaf {
            *next += 1;
        } else {
            place(&col.children, level + 1, at, next, out);
        }
    }
}

fn body_rows(table: &Table) -> Vec<BodyRow> {
    let flat = table.flat_rows();
    let leaves = table.leaf_columns();
    flat.iter()
        .enumerate()
        .map(|(i, fr)| {
            let row = fr.row;
            let slots = if row.group {
                Vec::new()
            } else {
                leaves
                    .iter()
                    .map(|leaf| Slot {
                        cell: CellRef::new(&table.key, &row.key, &leaf.column.key),
                        kind: table.cell_kind(row, leaf.column),
                    })
                    .collect()
            };
            let unit = match (row.group, leaves.first()) {
                (false, Some(leaf)) => table.cell_unit(row, leaf.column).unwrap_or(""),
                (true, _) if table.unit_column.is_some() => NO_NUMBER,
                _ => "",
            };
            BodyRow {
                key: row.key.clone(),
                label: clean_line(&row.label),
                path: Table::row_path(&flat, i)
                    .into_iter()
                    .map(clean_line)
                    .collect(),
                depth: fr.depth,
                parent: fr.parent,
                group: row.group,
                unit: clean_line(unit),
                slots,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(key: &str) -> TableLayout {
        let table = crate::template::get("gk2021")
            .and_then(|t| t.table(key))
            .expect("gk2021 table");
        TableLayout::of(table)
    }

    fn find<'a>(l: &'a TableLayout, text: &str) -> &'a HeaderBox {
        l.header.iter().find(|b| b.text == text).expect(text)
    }

    /// A label that already names its unit gets it once (part 六's fees).
    #[test]
    fn a_unit_in_the_label_is_not_repeated() {
        let l = t("t6");
        let texts: Vec<&str> = l.header.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"收费金额（元）"), "{texts:?}");
        assert!(texts.contains(&"实际收取金额（元）"), "{texts:?}");
        assert!(
            texts.iter().all(|t| !t.contains("（元）（元）")),
            "{texts:?}"
        );
    }

    #[test]
    fn table3_header_merges_applicant_groups() {
        let l = t("t3");
        assert_eq!(l.header_levels, 3);
        let title = &l.header[0];
        assert_eq!(
            (title.text.as_str(), title.span, title.depth),
            ("申请人情况", 7, 1)
        );
        let natural = find(&l, "自然人");
        assert_eq!((natural.first, natural.level, natural.depth), (0, 1, 2));
        let legal = find(&l, "法人或其他组织");
        assert_eq!((legal.first, legal.span, legal.depth), (1, 5, 1));
        let total = find(&l, "总计");
        assert_eq!((total.first, total.level, total.depth), (6, 1, 2));
        assert_eq!(
            l.caption.as_ref().map(|c| c.place),
            Some(CaptionPlace::Corner)
        );
        assert!(l.corner_text().starts_with("（本列数据的勾稽关系为"));
    }

    #[test]
    fn table4_header_nests_litigation() {
        let l = t("t4");
        assert_eq!(l.header_levels, 3);
        assert!(!l.has_labels());
        let review = find(&l, "行政复议");
        assert_eq!((review.span, review.depth), (5, 1));
        let direct = find(&l, "未经复议直接起诉");
        assert_eq!((direct.first, direct.span, direct.level), (5, 5, 1));
        let spans: usize = l
            .header
            .iter()
            .filter(|b| b.level == 0)
            .map(|b| b.span)
            .sum();
        assert_eq!(spans, 15);
    }

    #[test]
    fn a_column_with_its_own_unit_says_so_everywhere() {
        let t2019 = crate::template::get("gk2019").expect("gk2019");
        let buying = t2019
            .tables()
            .map(|(_, t)| TableLayout::of(t))
            .find(|l| l.leaves.iter().any(|c| c.key == "amount"))
            .expect("a table with 采购总金额");
        let texts: Vec<&str> = buying.header.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"采购总金额（万元）"), "{texts:?}");
        assert!(texts.contains(&"采购项目数量"), "{texts:?}");
        assert_eq!(
            buying.leaves[1].path,
            vec!["采购总金额（万元）".to_string()]
        );
        assert_eq!(buying.unit_note.as_deref(), Some("单位：件"));
    }

    #[test]
    fn rows_know_their_group_path_and_slots() {
        let l = t("t3");
        let secret = l
            .rows
            .iter()
            .find(|r| r.label == "1.属于国家秘密")
            .expect("row");
        assert_eq!(secret.path.len(), 3);
        assert_eq!(secret.depth, 2);
        assert_eq!(secret.slots.len(), 7);
        let group = l
            .rows
            .iter()
            .find(|r| r.label == "（三）不予公开")
            .expect("group");
        assert!(group.group && group.slots.is_empty());
    }
}
