//! One table of the Word export: the layout's official grid as a fixed-width
//! Word table. A merged cell is one `w:tc` with `w:gridSpan` on its first
//! line and `w:vMerge` continuations on the lines below it, exactly as Word
//! itself writes merged cells.

use docx_rs::{
    AlignmentType, LineSpacing, Paragraph, Table, TableCell, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

use super::{mm, run, Face, Ids, SIZE_TABLE, TEXT_W_MM};
use crate::layout::{FilledTable, Form, LabelStyle, Placed, Role, ValueKind};

/// Paragraphs around a table: block title and unit note above, a caption
/// that goes below.
pub struct Around {
    pub before: Vec<Paragraph>,
    pub after: Vec<Paragraph>,
}

/// Share of the width given to the row labels when a table has them.
const LABEL_SHARE: f64 = 0.42;
/// Share of the label width for each merged group column (三、本年度办理结果,
/// （三）不予公开), which holds a few characters a line.
const GROUP_SHARE: f64 = 0.22;
/// Width of the legacy unit column.
const UNIT_MM: f64 = 14.0;

/// The table, its surrounding paragraphs, and its number of header rows.
pub fn build(ids: &mut Ids, table: &FilledTable) -> (Around, Table, usize) {
    let layout = &table.layout;
    let form = layout.form(LabelStyle::Official);
    let mut before = Vec::new();
    if let Some(title) = layout.title.as_ref().filter(|t| !t.is_empty()) {
        before.push(
            ids.paragraph()
                .align(AlignmentType::Center)
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(120))
                .add_run(run(title, Face::HeiTi, SIZE_TABLE + 3)),
        );
    }
    if let Some(unit) = &layout.unit_note {
        before.push(
            ids.paragraph()
                .align(AlignmentType::Right)
                .keep_next(true)
                .add_run(run(unit, Face::FangSong, SIZE_TABLE)),
        );
    }
    let mut after = Vec::new();
    if let Some(caption) = layout.caption_below() {
        after.push(
            ids.paragraph()
                .add_run(run(caption, Face::FangSong, SIZE_TABLE)),
        );
    }
    // A table directly followed by another needs a paragraph between them,
    // or Word joins the two grids.
    after.push(ids.paragraph().add_run(run("", Face::FangSong, SIZE_TABLE)));
    let widths = column_widths(table, &form);
    let rows = (0..form.nrows)
        .map(|r| grid_row(ids, table, &form, &widths, r))
        .collect();
    let total: usize = widths.iter().sum();
    let grid = Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(total, WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Center);
    (Around { before, after }, grid, form.header_rows)
}

/// Grid column widths in twips over the 156 mm text width.
fn column_widths(table: &FilledTable, form: &Form) -> Vec<usize> {
    let layout = &table.layout;
    let total = f64::from(mm(TEXT_W_MM));
    let unit_cols = usize::from(layout.unit_header.is_some());
    let label_cols = form.lead_cols - unit_cols;
    let values = form.ncols - form.lead_cols;
    let unit_w = if unit_cols > 0 {
        f64::from(mm(UNIT_MM))
    } else {
        0.0
    };
    let label_w = if label_cols > 0 {
        let share = if layout.has_text_cells() {
            0.5
        } else {
            LABEL_SHARE
        };
        if values == 0 {
            total - unit_w
        } else {
            total * share
        }
    } else {
        0.0
    };
    let value_w = (total - label_w - unit_w) / values.max(1) as f64;
    let group_w = label_w * GROUP_SHARE;
    let last_label = label_w - group_w * label_cols.saturating_sub(1) as f64;
    (0..form.ncols)
        .map(|k| {
            let w = match k {
                k if k + 1 < label_cols => group_w,
                k if k + 1 == label_cols => last_label,
                k if k < form.lead_cols => unit_w,
                _ => value_w,
            };
            w.round() as usize
        })
        .collect()
}

/// One grid line: a cell for every position, in column order. A position
/// covered by a cell that starts above becomes a `vMerge` continuation.
fn grid_row(
    ids: &mut Ids,
    table: &FilledTable,
    form: &Form,
    widths: &[usize],
    r: usize,
) -> TableRow {
    let mut cells = Vec::new();
    let mut k = 0;
    while k < form.ncols {
        let Some(owner) = form
            .cells
            .iter()
            .find(|c| c.col == k && c.row <= r && r < c.row + c.rows)
        else {
            k += 1;
            continue;
        };
        let width: usize = widths[k..k + owner.cols].iter().sum();
        let mut cell = TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center);
        if owner.cols > 1 {
            cell = cell.grid_span(owner.cols);
        }
        if owner.row == r {
            if owner.rows > 1 {
                cell = cell.vertical_merge(VMergeType::Restart);
            }
            cell = cell.add_paragraph(content(ids, table, owner));
        } else {
            cell = cell
                .vertical_merge(VMergeType::Continue)
                .add_paragraph(ids.paragraph());
        }
        cells.push(cell);
        k += owner.cols;
    }
    // Header lines are marked `w:tblHeader` when packed (see `package`).
    TableRow::new(cells).cant_split()
}

/// The paragraph inside a cell: header words centred, labels left, numbers
/// right, a blank value empty.
fn content(ids: &mut Ids, table: &FilledTable, cell: &Placed) -> Paragraph {
    let (align, text) = match cell.role {
        Role::Corner => (AlignmentType::Left, cell.text.as_str()),
        Role::Head | Role::UnitHead | Role::Unit => (AlignmentType::Center, cell.text.as_str()),
        Role::Label { .. } => (AlignmentType::Left, cell.text.as_str()),
        Role::Value { row, leaf } => match table.value(row, leaf) {
            Some(v) if v.kind == ValueKind::Words => (AlignmentType::Left, v.text.as_str()),
            Some(v) => (AlignmentType::Right, v.text.as_str()),
            None => (AlignmentType::Right, ""),
        },
    };
    let indent = match cell.role {
        Role::Label { depth, .. } if table.layout.legacy_style() => Some(depth as i32 * 210),
        _ => None,
    };
    let p = ids
        .paragraph()
        .align(align)
        .indent(indent, None, None, None);
    if text.is_empty() {
        p
    } else {
        p.add_run(run(text, Face::FangSong, SIZE_TABLE))
    }
}
