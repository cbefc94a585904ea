//! Why a template does not compile: every problem, each with its kind (for
//! code and tests to match on) and the line of the `.ron` file it is on
//! (for whoever writes the next official revision).

use std::fmt;

/// What is wrong with a template, one kind per check the loader makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateErrorKind {
    /// Not well-formed RON, or a value of the wrong type.
    Syntax,
    /// A field the model does not have (`heder_title`, `totl`).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A field given twice.
    DuplicateField,
    /// An enum value the model does not have (`Warn`, `Column`).
    UnknownVariant,
    /// A rule term that is not `KEY`, `-KEY`, `prev:KEY` (`prv:valid`).
    BadTerm,
    /// A key that is empty or holds other characters than `A-Z a-z 0-9 _`.
    BadKey,
    /// A name, heading or label that must not be empty.
    EmptyText,
    /// A list that must not be empty (parts, columns, a rule's side, levels).
    EmptyList,
    /// Two parts, tables, rows, columns or rules with the same key.
    DuplicateKey,
    /// A group row (`group: true`) without rows under it.
    EmptyGroup,
    /// `first_year` after `last_year`.
    YearRange,
    /// A rule names a table the template lacks.
    UnknownTable,
    /// A rule names a row or column its table lacks (or a group row).
    UnknownKey,
    /// A `total: true` rule whose left side is not one plain cell.
    BadTotal,
    /// A rule none of whose instances has numeric cells: it would never run.
    NoCells,
}

/// One problem of a template, at a line of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    pub kind: TemplateErrorKind,
    /// 1-based line in the `.ron` file; `None` when it cannot be located.
    pub line: Option<usize>,
    /// Chinese, for the person editing the template.
    pub message: String,
    /// The technical cause, in English.
    pub cause: String,
}

impl fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "第 {line} 行：")?,
            None => write!(f, "位置不详：")?,
        }
        write!(f, "{} ({})", self.message, self.cause)
    }
}

/// A template file that does not compile, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub file: String,
    /// Never empty; in file order where lines are known.
    pub problems: Vec<TemplateProblem>,
}

impl TemplateError {
    /// Whether some problem is of this kind.
    pub fn has(&self, kind: TemplateErrorKind) -> bool {
        self.problems.iter().any(|p| p.kind == kind)
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "模板 {} {one}", self.file),
            all => {
                write!(
                    f,
                    "模板 {} 有 {} 处问题 (template does not compile):",
                    self.file,
                    all.len()
                )?;
                for p in all {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for TemplateError {}
