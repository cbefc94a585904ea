//! The shape of an official template (模板), deserialized from `assets/templates/*.ron`.
//!
//! A template is pure data: parts (部分), tables (统计表) with a column header
//! tree and a row tree, the kind of every numeric cell, and the rules (勾稽关系
//! and plausibility checks). A new official revision is a new RON file.

use serde::{Deserialize, Serialize};

pub use super::term::Term;

/// What a cell holds. Blank ("未填写") is never a kind: it is the absence of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum CellKind {
    /// 件数: a non-negative integer.
    #[default]
    Count,
    /// 本年增/减: an integer that may be negative.
    Signed,
    /// 金额: an exact decimal with at most four places (万元 unless the unit says 元).
    Amount,
    /// A short text answer (e.g. legacy “申请公开的主要内容”).
    Text,
}

impl CellKind {
    /// The machine name used by `nianbao cells`.
    pub fn name(self) -> &'static str {
        match self {
            CellKind::Count => "count",
            CellKind::Signed => "signed",
            CellKind::Amount => "amount",
            CellKind::Text => "text",
        }
    }

    pub fn is_numeric(self) -> bool {
        !matches!(self, CellKind::Text)
    }
}

/// How serious a finding is: a broken identity is an error, everything else a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// An official layout of the annual report.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable id: `gk2021`, `gk2019`, `legacy-national`, `legacy-provincial`.
    pub id: String,
    /// Human name shown in the 新建 dialog.
    pub name: String,
    /// The document that fixed the layout, e.g. 国办公开办函〔2021〕30号.
    pub source: String,
    /// First report year the layout applies to.
    pub first_year: u16,
    /// Last report year, `None` while it is current.
    #[serde(default)]
    pub last_year: Option<u16>,
    /// Legacy reports may have no statistics table at all (prose only):
    /// the document may then switch the tables off instead of drowning in warnings.
    #[serde(default)]
    pub statistics_optional: bool,
    /// A regional (e.g. provincial) variant of an official layout: offered
    /// when chosen by name or recognised by its table, never picked for a
    /// year on its own.
    #[serde(default)]
    pub regional: bool,
    /// Whether the form carries 单位负责人 · 审核人 · 填报人 · 联系电话 · 填报日期.
    #[serde(default)]
    pub signoff: bool,
    pub parts: Vec<Part>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Named figures of the tables (one cell or a sum), quoted by prose.
    #[serde(default)]
    pub figures: Vec<super::prose::Figure>,
    /// The phrasings that quote a figure in the prose (checked live).
    #[serde(default)]
    pub phrases: Vec<super::prose::Phrase>,
    /// Standard sentences built from the tables (生成文字).
    #[serde(default)]
    pub drafts: Vec<super::prose::Draft>,
    /// Breakdowns listed in brackets by draft sentences (结果维持1件 …).
    #[serde(default)]
    pub breakdowns: Vec<super::prose::Breakdown>,
    /// The key figures (主要指标) of the form, in the order a county's list of
    /// towns and the chart over the years show them. Data, not code: each
    /// names a cell of this template.
    #[serde(default)]
    pub key_figures: Vec<KeyFigure>,
}

/// One key figure: a cell a county reads first (表三 一、二、（七）总计、四 总计 …).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// The cell, `TABLE.ROW.COLUMN` (`t3.new.total`); also the figure's key
    /// in the rollup's JSON.
    pub cell: String,
    /// A short column heading (新收申请).
    pub label: String,
    /// Whether the chart over the years draws it (a few lines stay readable).
    #[serde(default)]
    pub chart: bool,
}

/// One numbered part of the report (一、总体情况 …).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Stable key, e.g. `p1`; prose is addressed as `prose.p1`.
    pub key: String,
    /// Official heading, character-exact.
    pub heading: String,
    /// The official guidance in a sentence or two, shown as the prose hint.
    #[serde(default)]
    pub guidance: String,
    /// Whether the part has free prose.
    #[serde(default)]
    pub prose: bool,
    #[serde(default)]
    pub tables: Vec<Table>,
}

/// One statistics table (or one block of table 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable key, e.g. `t3`; cells are addressed `t3.ROW.COL`.
    pub key: String,
    /// Short name used in findings: 表三, 表二（第二十条第（一）项）…
    pub name: String,
    /// Block heading or table title drawn above the grid (第二十条第（一）项).
    #[serde(default)]
    pub title: Option<String>,
    /// Caption inside the table (表三's 勾稽关系 sentence).
    #[serde(default)]
    pub caption: Option<String>,
    /// Top-left header cell: 信息内容, 统计指标, or empty.
    #[serde(default)]
    pub corner: String,
    /// A header spanning every value column, above the column tree
    /// (表三's 申请人情况); not part of any column path.
    #[serde(default)]
    pub header_title: Option<String>,
    /// Legacy tables show each row's unit in a column with this header (单位).
    #[serde(default)]
    pub unit_column: Option<String>,
    /// Default kind of this table's cells.
    #[serde(default)]
    pub kind: CellKind,
    /// Default unit of this table's cells (件).
    #[serde(default)]
    pub unit: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Whether exports print the table. Part 六's 信息处理费 fields are
    /// stored and checked but stated in the prose, not printed as a table.
    #[serde(default = "yes")]
    pub printed: bool,
}

fn yes() -> bool {
    true
}

/// A column header; groups (法人或其他组织) have children, leaves hold cells.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub kind: Option<CellKind>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub children: Vec<Column>,
}

/// A row; a row with children may itself hold cells (legacy parents) or be a
/// pure group label (`group: true`, e.g. （三）不予公开).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub key: String,
    pub label: String,
    /// Short label used in findings (一, （七）总计); defaults to `label`.
    #[serde(default)]
    pub short: Option<String>,
    /// A group label carries no numbers (header rows shown as “——”).
    #[serde(default)]
    pub group: bool,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub kind: Option<CellKind>,
    #[serde(default)]
    pub children: Vec<Row>,
}

/// A rule of the template. The validator interprets it; no rule is hard-coded.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id, reported with every finding (e.g. `t3.balance`).
    pub id: String,
    pub severity: Severity,
    pub check: Check,
}

/// Along which axis a linear relation's terms run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Along {
    /// Terms are row keys; the relation holds in each column of `each`.
    Columns,
    /// Terms are column keys; the relation holds in each row of `each`.
    Rows,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Eq,
    Le,
    Ge,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Le => "≤",
            Op::Ge => "≥",
        }
    }
}

/// What a rule checks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Check {
    /// Σ lhs `op` Σ rhs within one table. A term is a row or column key,
    /// optionally prefixed `-` (subtract) and/or `prev:` (last year's value of
    /// that cell; the rule is cross-year and runs only when last year is known),
    /// parsed into a [`Term`] when the template is loaded.
    Linear {
        table: String,
        along: Along,
        /// Columns (for `Columns`) or rows (for `Rows`) to check; empty = every
        /// numeric one of the table.
        #[serde(default)]
        each: Vec<String>,
        lhs: Vec<Term>,
        op: Op,
        rhs: Vec<Term>,
        /// `lhs` is a single total cell whose formula is Σ rhs: the editor may
        /// compute it and shows the computed value when it is blank.
        #[serde(default)]
        total: bool,
    },
    /// Cells that should be zero or blank for units of these levels
    /// (a 乡镇 has no power to make 规章).
    ZeroForLevels {
        table: String,
        rows: Vec<String>,
        levels: Vec<crate::document::UnitLevel>,
        /// Why, in Chinese, appended to the finding.
        reason: String,
    },
    /// Every numeric cell should be filled: blank is not zero.
    Blanks,
    /// Numbers quoted in the prose (the template's `phrases`) equal their figures.
    ProseFigures,
    /// Years named as the report's own period are the report year.
    ReportYear,
    /// Heading lines in the prose are the official headings, in order.
    Headings,
    /// A part's prose says something: not empty, not `无`, at least a sentence.
    PartNotEmpty { part: String, min_chars: usize },
    /// With last year linked: no part's prose repeats more than `percent` % of
    /// last year's (measured by `validate::similarity`).
    SameAsLastYear {
        percent: u32,
        min_chars: usize,
        /// The parts judged (free prose; not a part of standard sentences
        /// or table text); empty = every prose part.
        #[serde(default)]
        parts: Vec<String>,
    },
    /// With last year linked: not every table number equal to last year's
    /// (checked when at least `min_nonzero` of them are non-zero).
    NumbersUnchanged { min_nonzero: usize },
    /// With last year linked: these figures did not grow more than `factor`-fold
    /// or fall below 1/`factor` (when the larger of the two is at least `floor`).
    Jump {
        figures: Vec<String>,
        factor: u32,
        floor: u32,
    },
    /// Template text left in a text field (`XX件`, `××`, `【…】`, `（此处填写…）`).
    Placeholders,
    /// The 开头段落 names the legal basis, the report's own statistics
    /// period, where to download the report and whom to ask.
    Opening,
    /// Under the column-wise linear rule `rule` (its rhs the detail rows), two
    /// columns off by +n and −n: n applications counted in the wrong column.
    Misplaced { rule: String },
    /// Fee notices: `notices` (part 六) against `refused` (表三（六）2) and
    /// what part `part`'s prose says of fees.
    FeeNotices {
        part: String,
        notices: String,
        refused: String,
    },
    /// Parts capped at a number of characters (`[("p1", 1000)]`), as some
    /// provinces require; the shipped templates set none.
    PartLength { limits: Vec<(String, usize)> },
}
