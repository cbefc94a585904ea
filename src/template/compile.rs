//! The template loader: RON text → a checked [`Template`], or every problem
//! with its line. Unknown fields are refused by the model itself
//! (`deny_unknown_fields`), rule terms are parsed into [`Term`]s while
//! deserializing, and the structure (keys, labels, what each rule refers to)
//! is checked here, once, so the rest of the program may rely on it.

use std::collections::HashSet;

use ron::error::{Error as RonError, SpannedError};

use super::error::{TemplateError, TemplateErrorKind as Kind, TemplateProblem};
use super::model::{Along, Check, Column, Row, Rule, Table, Template, Term};

mod refs;

/// Parse and check one template; `file` names it in the messages.
pub fn parse_template(file: &str, text: &str) -> Result<Template, TemplateError> {
    let fail = |problems| TemplateError {
        file: file.to_string(),
        problems,
    };
    let template: Template = ron::Options::default()
        .from_str(text)
        .map_err(|e| fail(vec![syntax_problem(&e)]))?;
    let mut checker = Checker {
        lines: text.lines().collect(),
        problems: Vec::new(),
    };
    checker.template(&template);
    if checker.problems.is_empty() {
        Ok(template)
    } else {
        checker.problems.sort_by_key(|p| p.line);
        Err(fail(checker.problems))
    }
}

/// The parser's complaint in Chinese, at its line.
fn syntax_problem(e: &SpannedError) -> TemplateProblem {
    let (kind, message) = match &e.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            Kind::UnknownField,
            format!(
                "未知字段“{found}”（{} 可用的字段：{}）",
                outer.as_deref().unwrap_or("此处"),
                expected.join("、")
            ),
        ),
        RonError::MissingStructField { field, outer } => (
            Kind::MissingField,
            format!("{} 缺少字段“{field}”", outer.as_deref().unwrap_or("此处")),
        ),
        RonError::DuplicateStructField { field, .. } => {
            (Kind::DuplicateField, format!("字段“{field}”写了两次"))
        }
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => (
            Kind::UnknownVariant,
            format!("未知的取值“{found}”（可用：{}）", expected.join("、")),
        ),
        // A rule term refused by `Term::from_str` carries its own sentence.
        RonError::Message(m) if m.contains("malformed rule term") => {
            return TemplateProblem {
                kind: Kind::BadTerm,
                line: Some(e.span.start.line),
                message: m.split(" (").next().unwrap_or(m).to_string(),
                cause: "malformed rule term".to_string(),
            };
        }
        _ => (Kind::Syntax, "模板格式有误，不是有效的 RON".to_string()),
    };
    TemplateProblem {
        kind,
        line: Some(e.span.start.line),
        message,
        cause: format!("column {}: {}", e.span.start.col, e.code),
    }
}

/// Collects the structural problems of a deserialized template.
struct Checker<'a> {
    lines: Vec<&'a str>,
    problems: Vec<TemplateProblem>,
}

impl Checker<'_> {
    fn push(&mut self, kind: Kind, line: Option<usize>, message: String, cause: &str) {
        self.problems.push(TemplateProblem {
            kind,
            line,
            message,
            cause: cause.to_string(),
        });
    }

    /// 1-based line of the first line from `from` on holding `"value"`
    /// (after `field:` when a field is given).
    fn find(&self, from: Option<usize>, field: Option<&str>, value: &str) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        let start = from.unwrap_or(1).max(1);
        self.lines
            .iter()
            .enumerate()
            .skip(start - 1)
            .find(|(_, line)| match field {
                Some(f) => line
                    .find(&format!("{f}:"))
                    .is_some_and(|at| line[at..].contains(&quoted)),
                None => line.contains(&quoted),
            })
            .map(|(i, _)| i + 1)
    }

    /// The line after `line`, for finding a second occurrence.
    fn next(line: Option<usize>) -> Option<usize> {
        line.map(|l| l + 1)
    }

    fn template(&mut self, t: &Template) {
        let top = self.find(None, Some("id"), &t.id);
        self.key(top, "模板编号（id）", &t.id);
        for (what, text) in [("模板名称（name）", &t.name), ("依据（source）", &t.source)]
        {
            self.not_empty(top, what, text);
        }
        if let Some(last) = t.last_year.filter(|&l| l < t.first_year) {
            let line = self
                .lines
                .iter()
                .position(|l| l.trim_start().starts_with("last_year"))
                .map(|i| i + 1)
                .or(top);
            self.push(
                Kind::YearRange,
                line,
                format!(
                    "适用年度有误：起始年度 {} 晚于截止年度 {last}",
                    t.first_year
                ),
                "first_year after last_year",
            );
        }
        if t.parts.is_empty() {
            self.push(
                Kind::EmptyList,
                top,
                "模板没有任何部分（parts）".into(),
                "no parts",
            );
        }
        let mut parts = HashSet::new();
        let mut tables = HashSet::new();
        for p in &t.parts {
            let line = self.find(None, Some("key"), &p.key);
            self.key(line, "部分的键", &p.key);
            self.unique(&mut parts, &p.key, line, "部分的键", "duplicate part key");
            self.not_empty(
                line,
                &format!("部分 {} 的标题（heading）", p.key),
                &p.heading,
            );
            for tb in &p.tables {
                let line = self.find(None, Some("key"), &tb.key);
                self.unique(
                    &mut tables,
                    &tb.key,
                    line,
                    "表格的键",
                    "duplicate table key",
                );
                self.table(tb, line);
            }
        }
        let mut ids = HashSet::new();
        for rule in &t.rules {
            let line = self.find(None, Some("id"), &rule.id);
            self.not_empty(line, "规则编号（id）", &rule.id);
            self.unique(&mut ids, &rule.id, line, "规则编号", "duplicate rule id");
            self.rule(t, rule, line);
        }
        for kf in &t.key_figures {
            let line = self.find(None, Some("cell"), &kf.cell);
            self.not_empty(line, "主要指标的名称（label）", &kf.label);
            if !numeric_cell(t, &kf.cell) {
                self.push(
                    Kind::UnknownKey,
                    line,
                    format!(
                        "主要指标“{}”的单元格“{}”不存在或不是数字",
                        kf.label, kf.cell
                    ),
                    "key figure names no numeric cell",
                );
            }
        }
    }

    fn not_empty(&mut self, line: Option<usize>, what: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(
                Kind::EmptyText,
                line,
                format!("{what}不能为空"),
                "empty text",
            );
        }
    }

    /// Keys become addresses (`t3.new.natural`): letters, digits and `_` only.
    fn key(&mut self, line: Option<usize>, what: &str, key: &str) {
        let ok = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            self.push(
                Kind::BadKey,
                line,
                format!("{what}“{key}”无效：键只能由英文字母、数字、“_”和“-”组成，不能为空"),
                "malformed key",
            );
        }
    }

    fn unique<'k>(
        &mut self,
        seen: &mut HashSet<&'k str>,
        key: &'k str,
        line: Option<usize>,
        what: &str,
        cause: &str,
    ) {
        if !seen.insert(key) {
            let again = self.find(Self::next(line), None, key).or(line);
            self.push(
                Kind::DuplicateKey,
                again,
                format!("{what}“{key}”重复"),
                cause,
            );
        }
    }

    fn table(&mut self, tb: &Table, at: Option<usize>) {
        self.key(at, "表格的键", &tb.key);
        self.not_empty(at, &format!("表格 {} 的名称（name）", tb.key), &tb.name);
        if tb.columns.is_empty() || tb.rows.is_empty() {
            self.push(
                Kind::EmptyList,
                at,
                format!("表格 {} 没有列（columns）或没有行（rows）", tb.key),
                "table without columns or rows",
            );
        }
        let flat = tb.flat_rows();
        let sole = flat.len() == 1;
        let mut keys = HashSet::new();
        for fr in &flat {
            self.row(tb, fr.row, at, sole, &mut keys);
        }
        let mut keys = HashSet::new();
        let mut columns = Vec::new();
        all_columns(&tb.columns, &mut columns);
        for c in columns {
            let line = self.find(at, Some("key"), &c.key);
            self.key(line, &format!("表格 {} 的列键", tb.key), &c.key);
            let what = format!("表格 {} 中的列键", tb.key);
            self.unique(&mut keys, &c.key, line, &what, "duplicate column key");
            let what = format!("表格 {} 的列 {} 的标签（label）", tb.key, c.key);
            self.not_empty(line, &what, &c.label);
        }
    }

    fn row<'t>(
        &mut self,
        tb: &Table,
        row: &'t Row,
        at: Option<usize>,
        sole: bool,
        keys: &mut HashSet<&'t str>,
    ) {
        let line = self.find(at, Some("key"), &row.key);
        self.key(line, &format!("表格 {} 的行键", tb.key), &row.key);
        let what = format!("表格 {} 中的行键", tb.key);
        self.unique(keys, &row.key, line, &what, "duplicate row key");
        // A table's sole row may go unlabelled (表四's single line of numbers).
        if !sole {
            let what = format!("表格 {} 的行 {} 的标签（label）", tb.key, row.key);
            self.not_empty(line, &what, &row.label);
        }
        if row.group && row.children.is_empty() {
            self.push(
                Kind::EmptyGroup,
                line,
                format!("表格 {} 的分组行 {} 下面没有行", tb.key, row.key),
                "group row without children",
            );
        }
    }

    fn rule(&mut self, t: &Template, rule: &Rule, line: Option<usize>) {
        match &rule.check {
            Check::Linear {
                table,
                along,
                each,
                lhs,
                rhs,
                total,
                ..
            } => {
                let Some(tb) = self.rule_table(t, rule, table, line) else {
                    return;
                };
                let linear = LinearRule {
                    rule,
                    table: tb,
                    along: *along,
                    each,
                    lhs,
                    rhs,
                    total: *total,
                };
                self.linear(&linear, line);
            }
            Check::ZeroForLevels {
                table,
                rows,
                levels,
                reason,
            } => {
                let Some(tb) = self.rule_table(t, rule, table, line) else {
                    return;
                };
                if rows.is_empty() || levels.is_empty() {
                    let message =
                        format!("规则“{}”没有列出行（rows）或单位层级（levels）", rule.id);
                    self.push(Kind::EmptyList, line, message, "empty rows or levels");
                }
                for r in rows {
                    if tb.find_row(r).is_none() {
                        self.unknown_key(rule, tb, r, "行", line);
                    }
                }
                self.not_empty(line, &format!("规则“{}”的说明（reason）", rule.id), reason);
            }
            Check::PartNotEmpty { part, .. } => {
                if !t.part(part).is_some_and(|p| p.prose) {
                    let at = self.find(line, Some("part"), part).or(line);
                    let message = format!("规则“{}”引用的部分“{part}”不存在或没有文字", rule.id);
                    self.push(Kind::UnknownKey, at, message, "unknown prose part");
                }
            }
            Check::Jump { figures, .. } => {
                for f in figures {
                    if !t.figures.iter().any(|x| &x.key == f) {
                        let at = self.find(line, None, f).or(line);
                        let message = format!("规则“{}”引用的数字“{f}”不在 figures 中", rule.id);
                        self.push(Kind::UnknownKey, at, message, "unknown figure");
                    }
                }
            }
            Check::SameAsLastYear { .. }
            | Check::Misplaced { .. }
            | Check::FeeNotices { .. }
            | Check::PartLength { .. } => self.references(t, rule, line),
            Check::Blanks
            | Check::ProseFigures
            | Check::ReportYear
            | Check::Headings
            | Check::NumbersUnchanged { .. }
            | Check::Placeholders
            | Check::Opening => {}
        }
    }

    fn rule_table<'t>(
        &mut self,
        t: &'t Template,
        rule: &Rule,
        table: &str,
        line: Option<usize>,
    ) -> Option<&'t Table> {
        let found = t.table(table);
        if found.is_none() {
            let at = self.find(line, Some("table"), table).or(line);
            self.push(
                Kind::UnknownTable,
                at,
                format!("规则“{}”引用的表格“{table}”不存在", rule.id),
                "unknown table",
            );
        }
        found
    }

    fn unknown_key(&mut self, rule: &Rule, tb: &Table, key: &str, what: &str, line: Option<usize>) {
        let at = self.find(line, None, key).or(line);
        self.push(
            Kind::UnknownKey,
            at,
            format!("规则“{}”中的“{key}”不是表格 {} 的{what}", rule.id, tb.key),
            "unknown key",
        );
    }

    fn linear(&mut self, lin: &LinearRule<'_>, line: Option<usize>) {
        let (rule, tb) = (lin.rule, lin.table);
        if lin.lhs.is_empty() || lin.rhs.is_empty() {
            let message = format!("规则“{}”的左边（lhs）或右边（rhs）为空", rule.id);
            self.push(Kind::EmptyList, line, message, "empty side");
        }
        let (term_what, each_what) = match lin.along {
            Along::Columns => ("数字行", "列"),
            Along::Rows => ("列", "行"),
        };
        let mut resolved = true;
        for term in lin.lhs.iter().chain(lin.rhs) {
            if !lin.term_exists(term) {
                resolved = false;
                self.unknown_key(rule, tb, &term.to_string(), term_what, line);
            }
        }
        for e in lin.each {
            if !lin.each_exists(e) {
                resolved = false;
                self.unknown_key(rule, tb, e, each_what, line);
            }
        }
        if lin.total && !matches!(lin.lhs, [t] if t.is_plain()) {
            let message = format!(
                "规则“{}”标为合计（total: true），左边应只有一个本年的单元格（不带“-”或“prev:”）",
                rule.id
            );
            self.push(
                Kind::BadTotal,
                line,
                message,
                "total rule needs one plain lhs term",
            );
        }
        if resolved && !lin.lhs.is_empty() && !lin.has_numeric_instance() {
            let message = format!(
                "规则“{}”没有可校验的单元格：涉及的单元格都不是数字",
                rule.id
            );
            self.push(Kind::NoCells, line, message, "rule has no numeric instance");
        }
    }
}

/// A linear rule's parts, borrowed for checking.
struct LinearRule<'t> {
    rule: &'t Rule,
    table: &'t Table,
    along: Along,
    each: &'t [String],
    lhs: &'t [Term],
    rhs: &'t [Term],
    total: bool,
}

impl LinearRule<'_> {
    /// A term is a numeric row (along columns) or a leaf column (along rows).
    fn term_exists(&self, term: &Term) -> bool {
        match self.along {
            Along::Columns => self.table.find_row(&term.key).is_some_and(|r| !r.group),
            Along::Rows => self.table.find_leaf_column(&term.key).is_some(),
        }
    }

    fn each_exists(&self, key: &str) -> bool {
        match self.along {
            Along::Columns => self.table.find_leaf_column(key).is_some(),
            Along::Rows => self.table.find_row(key).is_some_and(|r| !r.group),
        }
    }

    /// Some column (or row) where every term's cell holds a number.
    fn has_numeric_instance(&self) -> bool {
        let tb = self.table;
        let leaves = tb.leaf_columns();
        let flat = tb.flat_rows();
        let picked = |key: &str| self.each.is_empty() || self.each.iter().any(|e| e == key);
        let terms = || self.lhs.iter().chain(self.rhs);
        match self.along {
            Along::Columns => leaves.iter().filter(|c| picked(&c.column.key)).any(|c| {
                terms().all(|t| {
                    tb.find_row(&t.key)
                        .is_some_and(|r| !r.group && tb.cell_kind(r, c.column).is_numeric())
                })
            }),
            Along::Rows => flat
                .iter()
                .filter(|r| !r.row.group && picked(&r.row.key))
                .any(|r| {
                    terms().all(|t| {
                        tb.find_leaf_column(&t.key)
                            .is_some_and(|c| tb.cell_kind(r.row, c.column).is_numeric())
                    })
                }),
        }
    }
}

/// Whether `address` (`TABLE.ROW.COLUMN`) names a numeric cell of `t`.
fn numeric_cell(t: &Template, address: &str) -> bool {
    let mut parts = address.split('.');
    let (Some(tk), Some(rk), Some(ck), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Some(tb) = t.table(tk) else { return false };
    match (tb.find_row(rk), tb.find_leaf_column(ck)) {
        (Some(row), Some(col)) => !row.group && tb.cell_kind(row, col.column).is_numeric(),
        _ => false,
    }
}

/// Every column of a column tree, pre-order.
fn all_columns<'t>(cols: &'t [Column], out: &mut Vec<&'t Column>) {
    for c in cols {
        out.push(c);
        all_columns(&c.children, out);
    }
}
