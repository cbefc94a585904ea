//! What the import report tells the clerk about how the source was read:
//! one typed note per thing inferred, converted or left out, worded in
//! Chinese here only, and grouped by what it concerns so the window and the
//! command line can list them under headings.

use std::fmt;

/// What a note is about, in the order the import report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteGroup {
    /// How the file was read (its format, scripts converted).
    Source,
    /// Which official layout (template) was chosen and why.
    Layout,
    /// Title, unit, year and what was dropped around them.
    Cover,
    /// Headings matched to the template's parts.
    Parts,
    /// Rows cut from run-together numbers, rows not listed.
    Tables,
}

impl NoteGroup {
    /// The heading the import report lists the group under.
    pub fn label(self) -> &'static str {
        match self {
            NoteGroup::Source => "读取",
            NoteGroup::Layout => "格式",
            NoteGroup::Cover => "封面",
            NoteGroup::Parts => "正文",
            NoteGroup::Tables => "统计表",
        }
    }
}

/// The source file's kind, when it is a document rather than text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Docx,
    Odt,
    /// Word 97–2003 or WPS (a compound file).
    Doc,
    Pdf,
}

/// One thing the import inferred, converted or left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportNote {
    ReadFrom(Document),
    /// Traditional characters or pinyin annotations, simplified first.
    Simplified,
    TemplateUnknown {
        id: String,
    },
    TemplateForced {
        name: String,
    },
    /// Recognised by the table's labels; `unusual_year` when that layout is
    /// not normally used for the report's year.
    TemplateByLabels {
        name: String,
        labels: usize,
        unusual_year: Option<u16>,
    },
    TemplateByYear {
        name: String,
        year: u16,
    },
    TemplateGuessed {
        name: String,
    },
    UnitFromSignature {
        unit: String,
    },
    UnitFromProse {
        unit: String,
    },
    UnitMissing,
    YearFromProse {
        year: u16,
    },
    YearMissing,
    TitleScrambled {
        title: String,
    },
    DroppedBeforeTitle {
        lines: usize,
    },
    DroppedAfterSignature {
        lines: usize,
    },
    HeadingMatched {
        heading: String,
        part: String,
    },
    HeadingUnmatched {
        heading: String,
    },
    FirstSection {
        heading: String,
        part: String,
    },
    NoStatistics,
    /// Rows whose run of numbers left one reading only.
    GluedForced {
        rows: usize,
    },
    /// Rows cut the one way the table's identities allow (a few shown).
    GluedByIdentities {
        rows: usize,
        examples: Vec<String>,
    },
    /// Items not placed beyond the ones listed one by one.
    Overflow {
        count: usize,
    },
}

impl ImportNote {
    pub fn group(&self) -> NoteGroup {
        use ImportNote::*;
        match self {
            ReadFrom(_) | Simplified => NoteGroup::Source,
            TemplateUnknown { .. }
            | TemplateForced { .. }
            | TemplateByLabels { .. }
            | TemplateByYear { .. }
            | TemplateGuessed { .. } => NoteGroup::Layout,
            UnitFromSignature { .. }
            | UnitFromProse { .. }
            | UnitMissing
            | YearFromProse { .. }
            | YearMissing
            | TitleScrambled { .. }
            | DroppedBeforeTitle { .. }
            | DroppedAfterSignature { .. } => NoteGroup::Cover,
            HeadingMatched { .. } | HeadingUnmatched { .. } | FirstSection { .. } => {
                NoteGroup::Parts
            }
            NoStatistics | GluedForced { .. } | GluedByIdentities { .. } | Overflow { .. } => {
                NoteGroup::Tables
            }
        }
    }
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ImportNote::*;
        match self {
            ReadFrom(Document::Docx) => f.write_str("从 Word（.docx）文件读取"),
            ReadFrom(Document::Odt) => f.write_str("从 OpenDocument（.odt）文件读取"),
            ReadFrom(Document::Doc) => f.write_str("从旧版 Word（.doc / .wps）文件读取"),
            ReadFrom(Document::Pdf) => {
                f.write_str("从 PDF 的文字层读取；表格在 PDF 中常被拆散，请核对")
            }
            Simplified => f.write_str("原文含繁体字或拼音注音，已转换为简体后再识别"),
            TemplateUnknown { id } => write!(f, "没有模板 {id}，改为自动识别"),
            TemplateForced { name } => write!(f, "按指定使用模板“{name}”"),
            TemplateByLabels {
                name,
                labels,
                unusual_year,
            } => {
                write!(f, "按表格的行列标签识别为“{name}”（{labels} 个特有标签）")?;
                match unusual_year {
                    Some(y) => write!(f, "；注意：该格式通常不用于 {y} 年度"),
                    None => Ok(()),
                }
            }
            TemplateByYear { name, year } => {
                write!(f, "表格不足以区分格式，按报告年度 {year} 选用“{name}”")
            }
            TemplateGuessed { name } => {
                write!(f, "未能识别格式，也没有年度，选用“{name}”，请核对")
            }
            UnitFromSignature { unit } => {
                write!(f, "未找到标题，单位名称取自填报单位或署名：{unit}")
            }
            UnitFromProse { unit } => {
                write!(f, "未找到标题，单位名称从正文推断为“{unit}”，请核对")
            }
            UnitMissing => f.write_str("未找到标题，单位名称未能确定，请填写"),
            YearFromProse { year } => {
                write!(f, "标题中没有年度，报告年度从正文推断为 {year} 年，请核对")
            }
            YearMissing => f.write_str("未找到报告年度，请填写"),
            TitleScrambled { title } => write!(f, "标题“{title}”文字顺序错乱，改用标准标题"),
            DroppedBeforeTitle { lines } => {
                write!(f, "标题之前的 {lines} 行（如网页导航）未导入")
            }
            DroppedAfterSignature { lines } => {
                write!(f, "署名之后的 {lines} 行（如网页页脚）未导入")
            }
            HeadingMatched { heading, part } => {
                write!(f, "标题“{heading}”按序号和含义作为“{part}”导入")
            }
            HeadingUnmatched { heading } => {
                write!(f, "标题“{heading}”与模板的部分对不上，其内容并入上一部分")
            }
            FirstSection { heading, part } => write!(f, "第一节“{heading}”作为“{part}”导入"),
            NoStatistics => f.write_str("没有找到统计表：按“本报告无统计表”导入"),
            GluedForced { rows } => write!(
                f,
                "原文表格的单元格边界丢失，数字连在一起：{rows} 行按数字个数或空格直接分开"
            ),
            GluedByIdentities { rows, examples } => write!(
                f,
                "{rows} 行（如“{}”）按表内关系（总计 = 各项之和）唯一拆分后导入，请核对",
                examples.join("”“")
            ),
            Overflow { count } => write!(f, "另有 {count} 项未能放置，未逐一列出"),
        }
    }
}

/// Scripts read a note as the sentence the clerk reads (`nianbao import
/// --format json` keeps its shape).
impl serde::Serialize for ImportNote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The notes under their groups' headings, groups in report order and
/// notes in the order they were made.
pub fn grouped(notes: &[ImportNote]) -> Vec<(NoteGroup, Vec<&ImportNote>)> {
    let mut out: Vec<(NoteGroup, Vec<&ImportNote>)> = Vec::new();
    let mut groups: Vec<NoteGroup> = notes.iter().map(ImportNote::group).collect();
    groups.sort();
    groups.dedup();
    for g in groups {
        out.push((g, notes.iter().filter(|n| n.group() == g).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_grouped_in_report_order() {
        let notes = vec![
            ImportNote::Overflow { count: 3 },
            ImportNote::ReadFrom(Document::Pdf),
            ImportNote::YearMissing,
            ImportNote::Simplified,
        ];
        let groups = grouped(&notes);
        let order: Vec<NoteGroup> = groups.iter().map(|(g, _)| *g).collect();
        assert_eq!(
            order,
            vec![NoteGroup::Source, NoteGroup::Cover, NoteGroup::Tables]
        );
        assert_eq!(groups[0].1.len(), 2);
        assert_eq!(
            ImportNote::TemplateByLabels {
                name: "2021 年新版格式".into(),
                labels: 12,
                unusual_year: Some(2019),
            }
            .to_string(),
            "按表格的行列标签识别为“2021 年新版格式”（12 个特有标签）；注意：该格式通常不用于 2019 年度"
        );
    }
}
