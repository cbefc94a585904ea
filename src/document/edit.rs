//! Every editable field of a document, addressed the same way by the command
//! line (`nianbao cells/get/set`) and the editor: `meta.<field>`,
//! `prose.<part>` and `<table>.<row>.<column>`.

use super::{Address, CellRef, Document, MetaField, UnitLevel, SWITCH_NO, SWITCH_YES};
use crate::input::{self, InputError, InputErrorKind};
use crate::template::{CellKind, Template};

/// Years a report can be for: the regulation dates from 2008; the margin on
/// both sides is for imported history and far-ahead drafts.
pub const YEAR_RANGE: std::ops::RangeInclusive<u16> = 1990..=2100;

/// Where `nianbao cells` lists the metadata fields.
pub const META_HEADING: &str = "封面与署名";

/// What kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Meta,
    Prose,
    Cell(CellKind),
}

impl FieldKind {
    /// The machine name used by `nianbao cells`.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Meta => "meta",
            FieldKind::Prose => "prose",
            FieldKind::Cell(kind) => kind.name(),
        }
    }
}

/// One editable field with the official words that locate it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub address: Address,
    pub kind: FieldKind,
    /// Table heading (`Table::heading_path`), the part heading for prose, or
    /// 封面与署名 for metadata.
    pub table: String,
    /// Official row labels joined with ` / ` (the field's label for metadata).
    pub row_path: String,
    /// Official column labels joined with ` / `; empty where not applicable.
    pub col_path: String,
}

/// Every editable field in form order: metadata (sign-off fields only when the
/// template has them), then each part's prose and table cells. A prose-only
/// legacy report (“本报告无统计表”) lists no cells.
pub fn fields(doc: &Document, template: &Template) -> Vec<Field> {
    let with_tables = !(doc.no_statistics && template.statistics_optional);
    let mut out: Vec<Field> = meta_fields(template)
        .map(|f| Field {
            address: Address::Meta(f),
            kind: FieldKind::Meta,
            table: META_HEADING.to_string(),
            row_path: f.label().to_string(),
            col_path: String::new(),
        })
        .collect();
    for part in &template.parts {
        if part.prose {
            out.push(Field {
                address: Address::Prose(part.key.clone()),
                kind: FieldKind::Prose,
                table: part.heading.clone(),
                row_path: String::new(),
                col_path: String::new(),
            });
        }
        for table in part.tables.iter().filter(|_| with_tables) {
            let heading = table.heading_path(part);
            out.extend(table.cells().into_iter().map(|c| Field {
                address: Address::Cell(c.cell.clone()),
                kind: FieldKind::Cell(c.kind),
                table: heading.clone(),
                row_path: c.row_path_joined(),
                col_path: c.col_path_joined(),
            }));
        }
    }
    out
}

/// The metadata fields this template has, in form order: the sign-off block
/// only with `signoff`, the 本报告无统计表 switch only with `statistics_optional`.
pub fn meta_fields(template: &Template) -> impl Iterator<Item = MetaField> + '_ {
    MetaField::ALL
        .into_iter()
        .filter(|f| meta_applies(*f, template))
}

/// Whether `template` has the metadata field `field`.
pub fn meta_applies(field: MetaField, template: &Template) -> bool {
    match field {
        MetaField::NoStatistics => template.statistics_optional,
        f => template.signoff || !f.is_signoff(),
    }
}

/// The value of a field as shown and edited; `None` when not filled.
pub fn get(
    doc: &Document,
    template: &Template,
    address: &Address,
) -> Result<Option<String>, InputError> {
    check_exists(template, address)?;
    let text = match address {
        Address::Meta(f) => doc.meta_text(*f),
        Address::Prose(key) => doc.prose(key).to_string(),
        Address::Cell(cell) => return Ok(doc.cell(cell).map(|v| v.to_string())),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// Set a field from raw text, parsed exactly as the editor parses typing.
/// Blank clears (cells back to 未填写, the title back to the default).
pub fn set(
    doc: &mut Document,
    template: &Template,
    address: &Address,
    raw: &str,
) -> Result<(), InputError> {
    check_exists(template, address)?;
    match address {
        Address::Meta(f) => set_meta(doc, *f, raw),
        Address::Prose(key) => {
            if raw.trim().is_empty() {
                doc.prose.remove(key);
            } else {
                doc.prose.insert(key.clone(), raw.to_string());
            }
            Ok(())
        }
        Address::Cell(cell) => set_cell(doc, template, cell, raw),
    }
}

fn set_cell(
    doc: &mut Document,
    template: &Template,
    cell: &CellRef,
    raw: &str,
) -> Result<(), InputError> {
    let info = template.cell(cell).ok_or_else(|| missing(template, cell))?;
    let value = input::parse_cell_input(info.kind, info.unit, raw)?;
    doc.set_cell(cell.clone(), value);
    Ok(())
}

fn set_meta(doc: &mut Document, field: MetaField, raw: &str) -> Result<(), InputError> {
    if field == MetaField::NoStatistics {
        doc.no_statistics = parse_switch(raw)?;
        return Ok(());
    }
    let text = raw.trim().to_string();
    let m = &mut doc.meta;
    match field {
        MetaField::Year => m.year = parse_year(raw)?,
        MetaField::Level => m.level = parse_level(raw)?,
        MetaField::Title => m.title = Some(text).filter(|t| !t.is_empty()),
        // A paragraph keeps its own leading indentation (全角空格).
        MetaField::Opening => m.opening = raw.trim_end().to_string(),
        MetaField::Unit => m.unit = text,
        MetaField::SignatureUnit => m.signature_unit = text,
        MetaField::SignatureDate => m.signature_date = text,
        MetaField::Principal => m.principal = text,
        MetaField::Reviewer => m.reviewer = text,
        MetaField::Preparer => m.preparer = text,
        MetaField::Phone => m.phone = text,
        MetaField::FillDate => m.fill_date = text,
        MetaField::NoStatistics => {}
    }
    Ok(())
}

/// A yes/no switch: 是 / 否 (also yes/no, true/false, 1/0); blank is 否.
pub fn parse_switch(raw: &str) -> Result<bool, InputError> {
    match raw.trim().to_lowercase().as_str() {
        "是" | "yes" | "true" | "1" | "y" => Ok(true),
        "否" | "no" | "false" | "0" | "n" | "" => Ok(false),
        other => Err(InputError::new(
            InputErrorKind::NotASwitch,
            format!("此处应填写“{SWITCH_YES}”或“{SWITCH_NO}”"),
            format!("not a yes/no value: {other:?}"),
        )),
    }
}

/// A report year: digits as a count cell accepts them (full-width, `2025年`).
pub fn parse_year(raw: &str) -> Result<u16, InputError> {
    let wording = format!(
        "报告年度应为 {}–{} 之间的年份，如 2025",
        YEAR_RANGE.start(),
        YEAR_RANGE.end()
    );
    let value = input::parse_cell_input(CellKind::Count, Some("年"), raw)
        .map_err(|e| InputError::new(InputErrorKind::NotAYear, wording.clone(), e.cause))?;
    match value {
        Some(super::CellValue::Int(y)) => u16::try_from(y)
            .ok()
            .filter(|y| YEAR_RANGE.contains(y))
            .ok_or_else(|| {
                InputError::new(
                    InputErrorKind::NotAYear,
                    wording,
                    format!("year {y} out of range"),
                )
            }),
        _ => Err(InputError::new(
            InputErrorKind::NotAYear,
            wording,
            "year is blank",
        )),
    }
}

/// A unit level by its Chinese name (乡镇, 街道, …).
pub fn parse_level(raw: &str) -> Result<UnitLevel, InputError> {
    UnitLevel::from_label(raw).ok_or_else(|| {
        let names: Vec<&str> = UnitLevel::ALL.iter().map(|l| l.label()).collect();
        InputError::new(
            InputErrorKind::NotALevel,
            format!("单位层级应为以下之一：{}", names.join("、")),
            format!("unknown unit level {:?}", raw.trim()),
        )
    })
}

/// An address is editable only if this document's template has it.
fn check_exists(template: &Template, address: &Address) -> Result<(), InputError> {
    if *address == Address::Meta(MetaField::NoStatistics) && !template.statistics_optional {
        return Err(InputError::new(
            InputErrorKind::NoSuchField,
            format!(
                "模板“{}”的统计表不可省略，不能设置“{}”",
                template.name,
                MetaField::NoStatistics.label(),
            ),
            format!("template {} requires its statistics tables", template.id),
        ));
    }
    let ok = match address {
        Address::Meta(f) => meta_applies(*f, template),
        Address::Prose(key) => template.part(key).is_some_and(|p| p.prose),
        Address::Cell(cell) => template.cell(cell).is_some(),
    };
    if ok {
        Ok(())
    } else {
        Err(missing(template, address))
    }
}

fn missing(template: &Template, address: &impl std::fmt::Display) -> InputError {
    InputError::new(
        InputErrorKind::NoSuchField,
        format!("模板“{}”中没有这个字段：{address}", template.name),
        format!("address {address} not in template {}", template.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::CellValue;
    use crate::template;

    fn setup() -> (Document, &'static Template) {
        let t = template::get("gk2021").unwrap();
        (Document::new(&t.id, "某某镇", UnitLevel::Township, 2024), t)
    }

    fn addr(s: &str) -> Address {
        s.parse().unwrap()
    }

    #[test]
    fn fields_in_form_order() {
        let (doc, t) = setup();
        let f = fields(&doc, t);
        let prose = t.parts.iter().filter(|p| p.prose).count();
        let meta = meta_fields(t).count();
        assert!(!f.iter().any(|x| x.address == addr("meta.no_statistics")));
        assert_eq!(f.len(), meta + prose + t.cells().len());
        assert_eq!(f[0].address, addr("meta.unit"));
        assert_eq!(f[0].kind.name(), "meta");
        assert_eq!(f[meta].address, addr("prose.p1"));
        assert_eq!(f[meta].table, "一、总体情况");
        let secret = f
            .iter()
            .find(|x| x.address == addr("t3.deny_secret.commercial"))
            .unwrap();
        assert_eq!(secret.kind.name(), "count");
        assert_eq!(
            secret.row_path,
            "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"
        );
        assert_eq!(secret.col_path, "法人或其他组织 / 商业企业");
        let fees = f
            .iter()
            .find(|x| x.address == addr("t2d.fees.amount"))
            .unwrap();
        assert_eq!(fees.kind.name(), "amount");
        assert_eq!(fees.table, "二、主动公开政府信息情况 / 第二十条第（八）项");
    }

    #[test]
    fn set_and_get_cells() {
        let (mut doc, t) = setup();
        let a = addr("t3.new.natural");
        assert_eq!(get(&doc, t, &a).unwrap(), None);
        set(&mut doc, t, &a, "１２件").unwrap();
        assert_eq!(get(&doc, t, &a).unwrap().as_deref(), Some("12"));
        let e = set(&mut doc, t, &a, "-1").unwrap_err();
        assert_eq!(e.message, "此处应填写非负整数（件）");
        assert_eq!(
            doc.cell(&"t3.new.natural".parse().unwrap()),
            Some(&CellValue::Int(12))
        );
        set(&mut doc, t, &a, " ").unwrap();
        assert_eq!(get(&doc, t, &a).unwrap(), None);
        set(&mut doc, t, &addr("t2d.fees.amount"), "0.50").unwrap();
        assert_eq!(
            get(&doc, t, &addr("t2d.fees.amount")).unwrap().as_deref(),
            Some("0.5")
        );
    }

    #[test]
    fn set_meta_fields() {
        let (mut doc, t) = setup();
        set(&mut doc, t, &addr("meta.year"), "２０２５年").unwrap();
        assert_eq!(doc.meta.year, 2025);
        assert!(set(&mut doc, t, &addr("meta.year"), "1989").is_err());
        assert!(set(&mut doc, t, &addr("meta.year"), "").is_err());
        assert!(set(&mut doc, t, &addr("meta.year"), "二〇二五").is_err());
        assert_eq!(doc.meta.year, 2025);
        set(&mut doc, t, &addr("meta.level"), "街道").unwrap();
        assert_eq!(doc.meta.level, UnitLevel::Subdistrict);
        let e = set(&mut doc, t, &addr("meta.level"), "村").unwrap_err();
        assert!(e.message.contains("乡镇、街道"), "{e}");
        set(&mut doc, t, &addr("meta.title"), "自定标题").unwrap();
        assert_eq!(
            get(&doc, t, &addr("meta.title")).unwrap().as_deref(),
            Some("自定标题")
        );
        set(&mut doc, t, &addr("meta.title"), "").unwrap();
        assert_eq!(doc.meta.title, None);
        assert_eq!(
            get(&doc, t, &addr("meta.title")).unwrap().as_deref(),
            Some("某某镇2025年政府信息公开工作年度报告")
        );
        assert_eq!(get(&doc, t, &addr("meta.signature_date")).unwrap(), None);
    }

    #[test]
    fn prose_and_unknown_addresses() {
        let (mut doc, t) = setup();
        set(&mut doc, t, &addr("prose.p5"), "　　问题\n改进").unwrap();
        assert_eq!(
            get(&doc, t, &addr("prose.p5")).unwrap().as_deref(),
            Some("　　问题\n改进")
        );
        set(&mut doc, t, &addr("prose.p5"), "").unwrap();
        assert!(doc.prose.is_empty());
        for bad in ["prose.p2", "prose.p9", "t3.new.nobody", "t9.a.b"] {
            let e = set(&mut doc, t, &addr(bad), "1").unwrap_err();
            assert!(e.message.contains("没有这个字段"), "{bad}: {e}");
            assert!(get(&doc, t, &addr(bad)).is_err());
        }
        if !t.signoff {
            assert!(set(&mut doc, t, &addr("meta.phone"), "123").is_err());
        }
    }

    #[test]
    fn no_statistics_switch_only_where_optional() {
        let (mut doc, t) = setup();
        let a = addr("meta.no_statistics");
        let e = set(&mut doc, t, &a, "是").unwrap_err();
        assert!(e.message.contains("统计表不可省略"), "{e:?}");
        assert!(get(&doc, t, &a).is_err());
        assert!(!doc.no_statistics);

        let legacy = template::get("legacy-national").unwrap();
        let mut doc = Document::new(&legacy.id, "某某镇", UnitLevel::Township, 2015);
        let listed = fields(&doc, legacy);
        let switch = listed.iter().find(|x| x.address == a).unwrap();
        assert_eq!(switch.row_path, "本报告无统计表");
        let with_tables = listed.len();
        assert_eq!(get(&doc, legacy, &a).unwrap().as_deref(), Some("否"));
        set(&mut doc, legacy, &a, " 是 ").unwrap();
        assert!(doc.no_statistics);
        assert_eq!(get(&doc, legacy, &a).unwrap().as_deref(), Some("是"));
        // The switch stays listed; the table cells go.
        let listed = fields(&doc, legacy);
        assert!(listed.iter().any(|x| x.address == a));
        assert_eq!(with_tables - listed.len(), legacy.cells().len());
        assert!(set(&mut doc, legacy, &a, "也许").is_err());
        assert!(doc.no_statistics);
        set(&mut doc, legacy, &a, "否").unwrap();
        assert!(!doc.no_statistics);
    }
}
