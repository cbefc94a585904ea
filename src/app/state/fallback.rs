//! TEMPORARY STAND-INS (临时替代) for core functions other helpers are still
//! writing: `document::edit::set`, `document::file::{load, save}`,
//! `document::carry::{carry_forward, link_previous}`, `export::default_file_name`,
//! `validate::{computed_totals, fill_totals, fill_blanks_with_zero}`.
//!
//! Every call from the editor state goes through this one file, so switching
//! to the real functions is a change here only. LEAD: replace each body with
//! the core call once it is on main.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::document::{Address, CellRef, CellValue, Document, MetaField, PreviousYear, UnitLevel};
use crate::input::InputError;
use crate::template::{CellKind, Template};

fn refuse(message: impl Into<String>, cause: impl Into<String>) -> InputError {
    InputError {
        message: message.into(),
        cause: cause.into(),
    }
}

/// Stand-in for `document::edit::set`.
pub fn edit_set(
    doc: &mut Document,
    template: &Template,
    address: &Address,
    raw: &str,
) -> Result<(), InputError> {
    match address {
        Address::Cell(cell) => {
            let info = template
                .cell(cell)
                .ok_or_else(|| refuse("模板中没有这个单元格", format!("unknown cell {cell}")))?;
            let value = parse_cell(info.kind, info.unit, raw)?;
            doc.set_cell(cell.clone(), value);
            Ok(())
        }
        Address::Prose(part) => {
            if !template.part(part).is_some_and(|p| p.prose) {
                return Err(refuse(
                    "模板中没有这一部分的正文",
                    format!("unknown prose {part}"),
                ));
            }
            if raw.is_empty() {
                doc.prose.remove(part);
            } else {
                doc.prose.insert(part.clone(), raw.to_string());
            }
            Ok(())
        }
        Address::Meta(field) => set_meta(doc, *field, raw),
    }
}

fn set_meta(doc: &mut Document, field: MetaField, raw: &str) -> Result<(), InputError> {
    let m = &mut doc.meta;
    let text = raw.to_string();
    match field {
        MetaField::Unit => m.unit = text,
        MetaField::Level => {
            m.level = UnitLevel::from_label(raw).ok_or_else(|| {
                refuse(
                    "单位层级应为 乡镇、街道、县级政府、县级部门、市级 或 省级",
                    format!("unknown level {raw}"),
                )
            })?
        }
        MetaField::Year => {
            m.year = raw
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or_else(|| refuse("此处应填写四位年份，如 2025", format!("bad year {raw}")))?
        }
        MetaField::Title => {
            let default = format!("{}{}年政府信息公开工作年度报告", m.unit, m.year);
            let t = raw.trim();
            m.title = (!t.is_empty() && t != default).then(|| t.to_string());
        }
        MetaField::Opening => m.opening = text,
        MetaField::SignatureUnit => m.signature_unit = text,
        MetaField::SignatureDate => m.signature_date = text,
        MetaField::Principal => m.principal = text,
        MetaField::Reviewer => m.reviewer = text,
        MetaField::Preparer => m.preparer = text,
        MetaField::Phone => m.phone = text,
        MetaField::FillDate => m.fill_date = text,
    }
    Ok(())
}

/// Minimal stand-in for `input::parse_cell_input` while the core's is a stub:
/// half/full-width digits, separators, a trailing unit; nothing clever.
fn parse_cell(
    kind: CellKind,
    unit: Option<&str>,
    raw: &str,
) -> Result<Option<CellValue>, InputError> {
    match crate::input::parse_cell_input(kind, unit, raw) {
        Err(e) if e.cause == "not implemented" => {}
        other => return other,
    }
    let mut s: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '．' => '.',
            c => c,
        })
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(u) = unit {
        if let Some(stripped) = s.strip_suffix(u) {
            s = stripped.trim().to_string();
        }
    }
    let unit_text = unit.unwrap_or("件");
    match kind {
        CellKind::Text => Ok(Some(CellValue::Text(raw.trim().to_string()))),
        CellKind::Count => s
            .parse::<i64>()
            .ok()
            .filter(|v| *v >= 0 && !s.starts_with('+'))
            .map(|v| Some(CellValue::Int(v)))
            .ok_or_else(|| {
                refuse(
                    format!("此处应填写非负整数（{unit_text}）"),
                    format!("not a non-negative integer: {raw}"),
                )
            }),
        CellKind::Signed => s
            .parse::<i64>()
            .map(|v| Some(CellValue::Int(v)))
            .map_err(|_| {
                refuse(
                    format!("此处应填写整数（{unit_text}），可为负数"),
                    format!("not an integer: {raw}"),
                )
            }),
        CellKind::Amount => s
            .parse::<rust_decimal::Decimal>()
            .ok()
            .filter(|d| d.scale() <= 4 && !d.is_sign_negative())
            .map(|d| Some(CellValue::Amount(d)))
            .ok_or_else(|| {
                refuse(
                    format!("此处应填写金额（{}），最多四位小数", unit.unwrap_or("万元")),
                    format!("not an amount: {raw}"),
                )
            }),
    }
}

/// Stand-in for `document::file::load`: the error text is Chinese then cause.
pub fn load(path: &Path) -> Result<Document, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("无法读取文件 {} ({e})", path.display()))?;
    if bytes.len() > 16 * 1024 * 1024 {
        return Err(format!(
            "文件过大，不是年报文件 {} (file too large)",
            path.display()
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("文件不是文本格式 {} ({e})", path.display()))?;
    ron::from_str(&text).map_err(|e| format!("文件内容无法识别 {} ({e})", path.display()))
}

/// Stand-in for `document::file::save`: temporary file, fsync, rename.
pub fn save(doc: &Document, path: &Path) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(doc, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("无法生成文件内容 ({e})"))?;
    write_atomic(path, text.as_bytes())
}

/// Write a file atomically (used for exports and recovery sidecars too).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("无法写入文件 {} ({e})", path.display());
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{}.tmp", name.unwrap_or_default()));
    let mut f = std::fs::File::create(&tmp).map_err(fail)?;
    f.write_all(bytes).map_err(fail)?;
    f.sync_all().map_err(fail)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

/// Stand-in for `document::carry::carry_forward`: next year's report with
/// last year remembered. (The real one also pre-fills 上年结转.)
pub fn carry_forward(prev: &Document, source: &Path) -> Document {
    let year = prev.meta.year.saturating_add(1);
    let template = crate::template::current_for_year(year);
    let mut doc = Document::new(&template.id, &prev.meta.unit, prev.meta.level, year);
    doc.meta.signature_unit = prev.meta.signature_unit.clone();
    doc.prose = prev.prose.clone();
    link_previous(&mut doc, prev, source);
    doc
}

/// Stand-in for `document::carry::link_previous`.
pub fn link_previous(doc: &mut Document, prev: &Document, source: &Path) {
    doc.previous = Some(PreviousYear {
        year: prev.meta.year,
        template: prev.template.clone(),
        source: Some(source.display().to_string()),
        cells: prev.cells.clone(),
    });
}

/// Stand-in for `export::default_file_name`.
pub fn default_file_name(doc: &Document, ext: &str) -> String {
    let title = doc.meta.display_title();
    let safe: String = title
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("{safe}.{ext}")
}

/// Stand-in for `validate::computed_totals`: nothing computed yet.
pub fn computed_totals(doc: &Document, template: &Template) -> BTreeMap<CellRef, CellValue> {
    let _ = (doc, template);
    BTreeMap::new()
}

/// Stand-in for `validate::fill_totals`: blank totals take their computed value.
pub fn fill_totals(doc: &mut Document, template: &Template) {
    for (cell, value) in computed_totals(doc, template) {
        doc.cells.entry(cell).or_insert(value);
    }
}

/// Stand-in for `validate::fill_blanks_with_zero`.
pub fn fill_blanks_with_zero(doc: &mut Document, template: &Template) {
    for info in template.cells() {
        let zero = match info.kind {
            CellKind::Count | CellKind::Signed => CellValue::Int(0),
            CellKind::Amount => CellValue::Amount(rust_decimal::Decimal::ZERO),
            CellKind::Text => continue,
        };
        doc.cells.entry(info.cell).or_insert(zero);
    }
}
