//! The rollup as an Excel workbook: one sheet per summed table in the form's
//! own layout (merged column headers, indented row groups), blanks noted on
//! the cell, then the towns' list and the sum's findings.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError};

use super::render::towns_rows;
use super::{Rollup, Sum};
use crate::document::CellRef;
use crate::layout::{LabelStyle, Role, TableLayout};
use crate::template::{self, Table};

/// Excel's limit on a sheet name, in characters.
const SHEET_NAME_MAX: usize = 31;

/// Characters Excel refuses in a sheet name.
const SHEET_NAME_BAD: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// The sheet of towns and the sheet of findings.
const TOWNS_SHEET: &str = "各单位";
const FINDINGS_SHEET: &str = "汇总校验";

/// Why the workbook could not be produced.
fn xlsx_error(e: XlsxError) -> String {
    format!("无法生成 Excel 工作簿 (xlsx: {e})")
}

struct Formats {
    title: Format,
    head: Format,
    label: Format,
    number: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        let boxed = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            head: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            label: boxed.clone().set_text_wrap(),
            number: boxed.clone().set_num_format("0.####"),
            text: boxed,
        }
    }
}

/// The workbook's bytes, or a Chinese explanation.
pub fn to_xlsx(rollup: &Rollup) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let mut names: Vec<String> = Vec::new();
    let several = rollup.sums.len() > 1;
    for sum in &rollup.sums {
        let Some(t) = template::get(&sum.template) else {
            continue;
        };
        for (_, table) in t.tables() {
            let prefix = if several {
                format!("{}{} ", sum.year, sum.template)
            } else {
                String::new()
            };
            let name = sheet_name(&format!("{prefix}{}", table.name), &names);
            names.push(name.clone());
            let sheet = book.add_worksheet();
            sheet.set_name(&name).map_err(xlsx_error)?;
            table_sheet(sheet, table, sum, &formats).map_err(xlsx_error)?;
        }
    }
    let sheet = book.add_worksheet();
    sheet.set_name(TOWNS_SHEET).map_err(xlsx_error)?;
    list_sheet(sheet, &towns_rows(rollup), &formats).map_err(xlsx_error)?;
    let sheet = book.add_worksheet();
    sheet.set_name(FINDINGS_SHEET).map_err(xlsx_error)?;
    list_sheet(sheet, &findings_rows(rollup), &formats).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// A valid, unused sheet name for `want`.
fn sheet_name(want: &str, used: &[String]) -> String {
    let clean: String = want
        .chars()
        .map(|c| if SHEET_NAME_BAD.contains(&c) { '_' } else { c })
        .take(SHEET_NAME_MAX)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.contains(&name) {
        let tail = format!("（{n}）");
        let keep = SHEET_NAME_MAX - tail.chars().count();
        name = format!("{}{tail}", clean.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

/// One summed table drawn as on the form: the placed cells of the one
/// layout ([`crate::layout`]), merged where the printed form merges them.
fn table_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    sum: &Sum,
    f: &Formats,
) -> Result<(), XlsxError> {
    let layout = TableLayout::of(table);
    let form = layout.form(LabelStyle::Official);
    let heading = layout.title.clone().unwrap_or_else(|| layout.name.clone());
    let unit = layout
        .unit_note
        .as_deref()
        .map(|u| format!("，{u}"))
        .unwrap_or_default();
    let title = format!(
        "{heading}（{} 年汇总，{} 份报告{unit}）",
        sum.year, sum.reports
    );
    sheet.write_string_with_format(0, 0, &title, &f.title)?;
    let top = 1u32;
    for p in &form.cells {
        let at = (top + p.row as u32, p.col as u16);
        match p.role {
            Role::Value { row, leaf } => {
                let slot = layout.rows[row].slots.get(leaf);
                value_cell(sheet, at, sum, slot.map(|s| &s.cell), f)?;
            }
            Role::Label { .. } | Role::Unit => {
                let end = (at.0 + p.rows as u32 - 1, at.1 + p.cols as u16 - 1);
                span(sheet, at, end, &p.text, &f.label)?;
            }
            Role::Corner | Role::Head | Role::UnitHead => {
                let end = (at.0 + p.rows as u32 - 1, at.1 + p.cols as u16 - 1);
                span(sheet, at, end, &p.text, &f.head)?;
            }
        }
    }
    let lead = form.lead_cols as u16;
    for c in 0..lead {
        let last_label = c + 1 == lead;
        sheet.set_column_width(c, if last_label { 40.0 } else { 14.0 })?;
    }
    if form.ncols as u16 > lead {
        sheet.set_column_range_width(lead, form.ncols as u16 - 1, 11.0)?;
    }
    sheet.set_freeze_panes(top + form.header_rows as u32, lead)?;
    Ok(())
}

/// One placed cell, merged when it covers more than one position.
fn span(
    sheet: &mut Worksheet,
    (r0, c0): (u32, u16),
    (r1, c1): (u32, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if r0 == r1 && c0 == c1 {
        sheet.write_string_with_format(r0, c0, text, format)?;
    } else {
        sheet.merge_range(r0, c0, r1, c1, text, format)?;
    }
    Ok(())
}

/// A summed value; a note says how many reports left it blank.
fn value_cell(
    sheet: &mut Worksheet,
    (r, c): (u32, u16),
    sum: &Sum,
    cell: Option<&CellRef>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let Some(cell) = cell else {
        sheet.write_blank(r, c, &f.text)?;
        return Ok(());
    };
    match sum.value(cell).and_then(|v| v.to_f64()) {
        Some(v) => sheet.write_number_with_format(r, c, v, &f.number)?,
        None => sheet.write_blank(r, c, &f.text)?,
    };
    let blank = sum.blank(cell);
    let text = sum.cells.get(cell).map_or(0, |t| t.not_number);
    if blank + text > 0 && sum.reports > 0 {
        let mut words = Vec::new();
        if blank > 0 {
            words.push(format!("{blank} 份报告未填写"));
        }
        if text > 0 {
            words.push(format!("{text} 份报告填的不是数字"));
        }
        let note = Note::new(format!("共 {} 份报告：{}", sum.reports, words.join("，")));
        sheet.insert_note(r, c, &note)?;
    }
    Ok(())
}

/// A plain list with a bold header row; numbers written as numbers.
fn list_sheet(sheet: &mut Worksheet, rows: &[Vec<String>], f: &Formats) -> Result<(), XlsxError> {
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r == 0 {
                sheet.write_string_with_format(r, c, text, &f.head)?;
            } else if let Ok(n) = text.parse::<f64>() {
                sheet.write_number_with_format(r, c, n, &f.number)?;
            } else {
                sheet.write_string_with_format(r, c, text, &f.text)?;
            }
        }
    }
    let ncols = rows.first().map_or(0, Vec::len) as u16;
    for c in 0..ncols {
        sheet.set_column_width(c, if c == 0 { 36.0 } else { 12.0 })?;
    }
    Ok(())
}

/// Every finding of every sum with the towns causing it.
fn findings_rows(rollup: &Rollup) -> Vec<Vec<String>> {
    let mut rows = vec![["年度", "模板", "类别", "规则", "说明", "涉及单位"]
        .map(String::from)
        .to_vec()];
    for sum in &rollup.sums {
        for sf in &sum.findings {
            let kind = match sf.finding.severity {
                crate::template::Severity::Error => "错误",
                crate::template::Severity::Warning => "提示",
            };
            rows.push(vec![
                sum.year.to_string(),
                sum.template.clone(),
                kind.to_string(),
                sf.finding.rule.clone(),
                sf.finding.message.clone(),
                sf.towns.join("、"),
            ]);
        }
    }
    rows
}
