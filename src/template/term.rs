//! One term of a linear rule (`valid`, `-repealed`, `prev:carry_over`),
//! parsed once when the template is loaded. Everything after the loader —
//! the validator, the totals, 从上年报告新建 — reads the typed fields and
//! never looks at the prefixes again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A row key (rule `along: Columns`) or a leaf column key (`along: Rows`),
/// with its sign and year. The loader has checked that the key exists in the
/// rule's table, so a compiled template's terms always resolve.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Term {
    /// The row or column key, without prefixes.
    pub key: String,
    /// Subtracted (`-repealed`).
    pub negative: bool,
    /// Last year's value of the cell (`prev:valid`): the rule is cross-year.
    pub last_year: bool,
}

impl Term {
    /// A this-year, added term: the only kind a total cell or a carried
    /// target may be.
    pub fn is_plain(&self) -> bool {
        !self.negative && !self.last_year
    }
}

impl FromStr for Term {
    type Err = String;

    /// `KEY`, optionally prefixed `-` and/or `prev:` in either order.
    fn from_str(raw: &str) -> Result<Term, String> {
        let (mut negative, mut last_year, mut rest) = (false, false, raw.trim());
        loop {
            if let (false, Some(r)) = (negative, rest.strip_prefix('-')) {
                negative = true;
                rest = r;
            } else if let (false, Some(r)) = (last_year, rest.strip_prefix("prev:")) {
                last_year = true;
                rest = r;
            } else {
                break;
            }
        }
        let key_like = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if rest.is_empty() || !rest.chars().all(key_like) {
            return Err(format!(
                "规则项“{raw}”无法识别：应为行或列的键，前面可加“-”（减去）和“prev:”（上年数） (malformed rule term {raw:?})"
            ));
        }
        Ok(Term {
            key: rest.to_string(),
            negative,
            last_year,
        })
    }
}

impl TryFrom<String> for Term {
    type Error = String;
    fn try_from(raw: String) -> Result<Term, String> {
        raw.parse()
    }
}

impl From<Term> for String {
    fn from(t: Term) -> String {
        t.to_string()
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.negative { "-" } else { "" };
        let year = if self.last_year { "prev:" } else { "" };
        write!(f, "{sign}{year}{}", self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::Term;

    fn t(raw: &str) -> (bool, bool, String) {
        let t: Term = raw.parse().unwrap();
        (t.negative, t.last_year, t.key)
    }

    #[test]
    fn prefixes_in_either_order() {
        assert_eq!(t("total"), (false, false, "total".into()));
        assert_eq!(t("-repealed"), (true, false, "repealed".into()));
        assert_eq!(t("prev:valid"), (false, true, "valid".into()));
        assert_eq!(t("-prev:valid"), (true, true, "valid".into()));
        assert_eq!(t("prev:-valid"), (true, true, "valid".into()));
    }

    #[test]
    fn malformed_terms_are_refused() {
        for raw in ["", "-", "prev:", "prv:valid", "--x", "a b", "prev:prev:x"] {
            let e = raw.parse::<Term>().unwrap_err();
            assert!(
                e.contains("无法识别") && e.contains("malformed"),
                "{raw}: {e}"
            );
        }
    }

    #[test]
    fn display_round_trips() {
        for raw in ["total", "-repealed", "prev:valid", "-prev:valid"] {
            assert_eq!(raw.parse::<Term>().unwrap().to_string(), raw);
        }
    }
}
