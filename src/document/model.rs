//! The report document (年度报告): metadata, one prose text per part, and the
//! cells. A cell absent from `cells` is *not filled* (未填写) — never zero.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Current on-disk `format_version`. Older files migrate forward on load.
pub const FORMAT_VERSION: u32 = 2;

/// Administrative level of the reporting unit (单位层级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum UnitLevel {
    /// 乡镇
    #[default]
    Township,
    /// 街道
    Subdistrict,
    /// 县级政府
    County,
    /// 县级部门
    CountyDepartment,
    /// 市级
    City,
    /// 省级
    Province,
    /// 未知 (an import could not tell)
    Unknown,
}

impl UnitLevel {
    pub const ALL: [UnitLevel; 7] = [
        UnitLevel::Township,
        UnitLevel::Subdistrict,
        UnitLevel::County,
        UnitLevel::CountyDepartment,
        UnitLevel::City,
        UnitLevel::Province,
        UnitLevel::Unknown,
    ];

    /// The Chinese name, as typed on the command line and shown in the editor.
    pub fn label(self) -> &'static str {
        match self {
            UnitLevel::Township => "乡镇",
            UnitLevel::Subdistrict => "街道",
            UnitLevel::County => "县级政府",
            UnitLevel::CountyDepartment => "县级部门",
            UnitLevel::City => "市级",
            UnitLevel::Province => "省级",
            UnitLevel::Unknown => "未知",
        }
    }

    pub fn from_label(s: &str) -> Option<UnitLevel> {
        UnitLevel::ALL.into_iter().find(|l| l.label() == s.trim())
    }
}

/// A filled cell's value. Not-filled is the absence of a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellValue {
    /// A count or signed count.
    Int(i64),
    /// An exact amount (万元 unless the cell's unit says otherwise).
    Amount(Decimal),
    /// A short text answer in a text cell.
    Text(String),
    /// Text found where a number belongs (imported “251000元”, “/”, “—”):
    /// kept verbatim for the clerk to settle; the validator reports it.
    Unparsed(String),
}

impl CellValue {
    /// The value as an exact number, when it is one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            CellValue::Int(i) => Some(Decimal::from(*i)),
            CellValue::Amount(d) => Some(*d),
            CellValue::Text(_) | CellValue::Unparsed(_) => None,
        }
    }
}

impl fmt::Display for CellValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellValue::Int(i) => write!(f, "{i}"),
            CellValue::Amount(d) => write!(f, "{}", d.normalize()),
            CellValue::Text(s) | CellValue::Unparsed(s) => f.write_str(s),
        }
    }
}

/// Address of one table cell: `TABLE.ROW.COLUMN`, e.g. `t3.new.natural`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub table: String,
    pub row: String,
    pub col: String,
}

impl CellRef {
    pub fn new(table: &str, row: &str, col: &str) -> CellRef {
        CellRef {
            table: table.to_string(),
            row: row.to_string(),
            col: col.to_string(),
        }
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.table, self.row, self.col)
    }
}

impl FromStr for CellRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split('.');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(t), Some(r), Some(c), None)
                if !t.is_empty() && !r.is_empty() && !c.is_empty() =>
            {
                Ok(CellRef::new(t, r, c))
            }
            _ => Err(format!(
                "单元格地址应为“表.行.列”，如 t3.new.natural (bad cell address: {s})"
            )),
        }
    }
}

impl Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Metadata fields (封面与署名).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    Unit,
    Level,
    Year,
    Title,
    Opening,
    SignatureUnit,
    SignatureDate,
    Principal,
    Reviewer,
    Preparer,
    Phone,
    FillDate,
    /// “本报告无统计表” (`Document::no_statistics`), only on templates with
    /// `statistics_optional`.
    NoStatistics,
}

impl MetaField {
    pub const ALL: [MetaField; 13] = [
        MetaField::Unit,
        MetaField::Level,
        MetaField::Year,
        MetaField::Title,
        MetaField::Opening,
        MetaField::SignatureUnit,
        MetaField::SignatureDate,
        MetaField::Principal,
        MetaField::Reviewer,
        MetaField::Preparer,
        MetaField::Phone,
        MetaField::FillDate,
        MetaField::NoStatistics,
    ];

    /// Address key after `meta.`.
    pub fn key(self) -> &'static str {
        match self {
            MetaField::Unit => "unit",
            MetaField::Level => "level",
            MetaField::Year => "year",
            MetaField::Title => "title",
            MetaField::Opening => "opening",
            MetaField::SignatureUnit => "signature_unit",
            MetaField::SignatureDate => "signature_date",
            MetaField::Principal => "principal",
            MetaField::Reviewer => "reviewer",
            MetaField::Preparer => "preparer",
            MetaField::Phone => "phone",
            MetaField::FillDate => "fill_date",
            MetaField::NoStatistics => "no_statistics",
        }
    }

    /// The label shown in the form and in `nianbao cells`.
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Unit => "单位名称",
            MetaField::Level => "单位层级",
            MetaField::Year => "报告年度",
            MetaField::Title => "标题",
            MetaField::Opening => "开头段落",
            MetaField::SignatureUnit => "署名单位",
            MetaField::SignatureDate => "署名日期",
            MetaField::Principal => "单位负责人",
            MetaField::Reviewer => "审核人",
            MetaField::Preparer => "填报人",
            MetaField::Phone => "联系电话",
            MetaField::FillDate => "填报日期",
            MetaField::NoStatistics => "本报告无统计表",
        }
    }

    /// 单位负责人 … 填报日期 exist only on templates with a sign-off block.
    pub fn is_signoff(self) -> bool {
        matches!(
            self,
            MetaField::Principal
                | MetaField::Reviewer
                | MetaField::Preparer
                | MetaField::Phone
                | MetaField::FillDate
        )
    }

    /// Whether the field is a yes/no switch (是 / 否) rather than text.
    pub fn is_switch(self) -> bool {
        self == MetaField::NoStatistics
    }

    pub fn from_key(key: &str) -> Option<MetaField> {
        MetaField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// How a yes/no field reads: 是 / 否.
pub fn switch_text(on: bool) -> &'static str {
    if on {
        SWITCH_YES
    } else {
        SWITCH_NO
    }
}

pub const SWITCH_YES: &str = "是";
pub const SWITCH_NO: &str = "否";

/// Any editable field of a document, as addressed on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address {
    /// `meta.unit`, `meta.year`, …
    Meta(MetaField),
    /// `prose.p1`: the prose of a part.
    Prose(String),
    /// `t3.new.natural`
    Cell(CellRef),
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Meta(m) => write!(f, "meta.{}", m.key()),
            Address::Prose(p) => write!(f, "prose.{p}"),
            Address::Cell(c) => c.fmt(f),
        }
    }
}

impl FromStr for Address {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(key) = s.strip_prefix("meta.") {
            return MetaField::from_key(key)
                .map(Address::Meta)
                .ok_or_else(|| format!("没有这个封面字段 (unknown metadata field): {s}"));
        }
        if let Some(key) = s.strip_prefix("prose.") {
            if key.is_empty() || key.contains('.') {
                return Err(format!(
                    "正文地址应为 prose.部分，如 prose.p1 (bad prose address: {s})"
                ));
            }
            return Ok(Address::Prose(key.to_string()));
        }
        s.parse().map(Address::Cell)
    }
}

/// The cover, title and signature (封面与署名).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Meta {
    /// 单位名称, e.g. 某某镇人民政府 or 某某镇.
    pub unit: String,
    pub level: UnitLevel,
    /// 报告年度 (the statistics year, 1 January – 31 December).
    pub year: u16,
    /// Explicit title; `None` means the default `{单位}{年度}年政府信息公开工作年度报告`.
    pub title: Option<String>,
    /// 开头段落.
    pub opening: String,
    /// 署名单位 and 署名日期, right-aligned under the report.
    pub signature_unit: String,
    pub signature_date: String,
    /// 单位负责人 · 审核人 · 填报人 · 联系电话 · 填报日期 (legacy sign-off block).
    pub principal: String,
    pub reviewer: String,
    pub preparer: String,
    pub phone: String,
    pub fill_date: String,
}

impl Meta {
    /// The title as printed: explicit, or the official default.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => format!("{}{}年政府信息公开工作年度报告", self.unit, self.year),
        }
    }
}

/// What is remembered of last year's report: enough for cross-year checks
/// (上年结转 = 上年结转下年度继续办理; 现行有效件数 continuity) and for showing
/// last year's value beside this year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PreviousYear {
    pub year: u16,
    pub template: String,
    /// Where last year's document was read from, if known.
    pub source: Option<String>,
    pub cells: BTreeMap<CellRef, CellValue>,
    /// Last year's prose by part (for “copied from last year”); empty in
    /// files saved before format version 2.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub prose: BTreeMap<String, String>,
}

/// One annual report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub format_version: u32,
    /// Template id (`gk2021` …).
    pub template: String,
    pub meta: Meta,
    /// Part key → prose text.
    #[serde(default)]
    pub prose: BTreeMap<String, String>,
    /// Filled cells only; a missing key is 未填写.
    #[serde(default)]
    pub cells: BTreeMap<CellRef, CellValue>,
    /// “本报告无统计表”: a legacy prose-only report (only where the template allows it).
    #[serde(default)]
    pub no_statistics: bool,
    /// Last year's values, when this report was started from or linked to last year's.
    #[serde(default)]
    pub previous: Option<PreviousYear>,
    /// Warnings marked 已核实 (checked and right anyway): finding id → note.
    /// A mark applies while its finding is unchanged (same id).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviewed: BTreeMap<String, String>,
}

impl Document {
    /// An empty report for `template`.
    pub fn new(template: &str, unit: &str, level: UnitLevel, year: u16) -> Document {
        Document {
            format_version: FORMAT_VERSION,
            template: template.to_string(),
            meta: Meta {
                unit: unit.to_string(),
                level,
                year,
                signature_unit: unit.to_string(),
                ..Meta::default()
            },
            prose: BTreeMap::new(),
            cells: BTreeMap::new(),
            no_statistics: false,
            previous: None,
            reviewed: BTreeMap::new(),
        }
    }

    pub fn cell(&self, cell: &CellRef) -> Option<&CellValue> {
        self.cells.get(cell)
    }

    /// Set or clear (`None`) a cell.
    pub fn set_cell(&mut self, cell: CellRef, value: Option<CellValue>) {
        match value {
            Some(v) => {
                self.cells.insert(cell, v);
            }
            None => {
                self.cells.remove(&cell);
            }
        }
    }

    pub fn prose(&self, part: &str) -> &str {
        self.prose.get(part).map(String::as_str).unwrap_or("")
    }

    /// Last year's value of a cell, when known.
    pub fn previous_cell(&self, cell: &CellRef) -> Option<&CellValue> {
        self.previous.as_ref()?.cells.get(cell)
    }

    /// The text of a metadata field as shown and edited.
    pub fn meta_text(&self, field: MetaField) -> String {
        let m = &self.meta;
        match field {
            MetaField::Unit => m.unit.clone(),
            MetaField::Level => m.level.label().to_string(),
            MetaField::Year => m.year.to_string(),
            MetaField::Title => m.display_title(),
            MetaField::Opening => m.opening.clone(),
            MetaField::SignatureUnit => m.signature_unit.clone(),
            MetaField::SignatureDate => m.signature_date.clone(),
            MetaField::Principal => m.principal.clone(),
            MetaField::Reviewer => m.reviewer.clone(),
            MetaField::Preparer => m.preparer.clone(),
            MetaField::Phone => m.phone.clone(),
            MetaField::FillDate => m.fill_date.clone(),
            MetaField::NoStatistics => switch_text(self.no_statistics).to_string(),
        }
    }
}
