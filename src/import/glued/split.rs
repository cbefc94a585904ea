//! Cutting a run of digits into a row's cells (`801000081` → 80 1 0 0 0 0 81)
//! by trying every cut and keeping those that satisfy the template's in-row
//! identities (总计 = 各项之和). Spaces in the run are cell boundaries a
//! person would keep; a number is never written with a leading zero.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::template::{Along, Check, Op, Table, Template};

/// Cuts looked at per row before giving up (a row with 7 cells and 12
/// digits has 462): bounds the work on hostile input.
const MAX_CUTS: usize = 50_000;
/// Longest run cut (15 cells of a few digits each fit many times over); a
/// longer one is no row's numbers, and trying its cuts would not be bounded.
const MAX_RUN: usize = 96;
/// Fitting cuts kept per row for the column identities to choose from.
const MAX_KEEP: usize = 64;

/// What the cut of one run came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cut {
    /// Exactly one cut fits; `forced` when the run left no choice at all
    /// (its spaces or length already gave one number per cell).
    One { cells: Vec<String>, forced: bool },
    /// No cut satisfies the identities (a published error, or not this row).
    None,
    /// More than one cut fits: the ones found (empty when there were too
    /// many to keep or to try); the table's column identities may decide.
    Several(Vec<Vec<String>>),
}

/// One in-row identity: Σ lhs `op` Σ rhs over column positions.
pub(super) struct Identity {
    pub(super) lhs: Vec<(usize, bool)>,
    pub(super) rhs: Vec<(usize, bool)>,
    pub(super) op: Op,
}

/// A current-year linear rule of one table, its terms as (index, negative).
pub(super) struct Resolved<'a> {
    /// The rows or columns it applies to (empty: all).
    pub each: &'a [String],
    pub lhs: Vec<(usize, bool)>,
    pub op: Op,
    pub rhs: Vec<(usize, bool)>,
}

/// The template's linear rules of `table` along `along` with every term
/// found by `pos`; rules on last year's values, or naming a key `pos` does
/// not know, are left out.
pub(super) fn resolve<'a>(
    tpl: &'a Template,
    table: &Table,
    along: Along,
    pos: impl Fn(&str) -> Option<usize>,
) -> Vec<Resolved<'a>> {
    let terms = |ts: &[crate::template::Term]| -> Option<Vec<(usize, bool)>> {
        ts.iter()
            .map(|t| Some((pos(&t.key)?, t.negative)))
            .collect()
    };
    tpl.rules
        .iter()
        .filter_map(|rule| match &rule.check {
            Check::Linear {
                table: t,
                along: a,
                each,
                lhs,
                op,
                rhs,
                ..
            } if *t == table.key
                && *a == along
                && !lhs.iter().chain(rhs).any(|term| term.last_year) =>
            {
                Some(Resolved {
                    each,
                    lhs: terms(lhs)?,
                    op: *op,
                    rhs: terms(rhs)?,
                })
            }
            _ => None,
        })
        .collect()
}

/// The identities the template states within a row of `table` (`row`'s key).
fn identities(tpl: &Template, table: &Table, row: &str) -> Vec<Identity> {
    let leaves: Vec<&str> = table
        .leaf_columns()
        .iter()
        .map(|l| l.column.key.as_str())
        .collect();
    resolve(tpl, table, Along::Rows, |key| {
        leaves.iter().position(|k| *k == key)
    })
    .into_iter()
    .filter(|r| r.each.is_empty() || r.each.iter().any(|e| e == row))
    .map(|r| Identity {
        lhs: r.lhs,
        rhs: r.rhs,
        op: r.op,
    })
    .collect()
}

pub(super) fn holds(ids: &[Identity], values: &[Decimal]) -> bool {
    let sum = |terms: &[(usize, bool)]| {
        terms.iter().fold(Decimal::ZERO, |acc, &(i, neg)| {
            let v = values.get(i).copied().unwrap_or_default();
            if neg {
                acc - v
            } else {
                acc + v
            }
        })
    };
    ids.iter().all(|id| {
        let (l, r) = (sum(&id.lhs), sum(&id.rhs));
        match id.op {
            Op::Eq => l == r,
            Op::Le => l <= r,
            Op::Ge => l >= r,
        }
    })
}

/// Whether `piece` is a number as a person writes one: no leading zero
/// (but `0` and `0.5`), at most one sign in front, digits around a point.
fn is_number(piece: &str) -> bool {
    let body = piece.strip_prefix('-').unwrap_or(piece);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(int) && frac.is_none_or(digits) && !(int.len() > 1 && int.starts_with('0'))
}

/// Cut `run` into `n` cells of row `row` of `table`.
pub fn cut(tpl: &Template, table: &Table, row: &str, run: &str, n: usize) -> Cut {
    let tokens: Vec<&str> = run.split_whitespace().collect();
    if n == 0 || tokens.is_empty() || tokens.len() > n || run.len() > MAX_RUN {
        return Cut::None;
    }
    let ids = identities(tpl, table, row);
    let mut search = Search {
        tokens: &tokens,
        n,
        ids: &ids,
        tried: 0,
        found: Vec::new(),
        cut_count: 0,
        first: None,
    };
    search.walk(0, 0, &mut Vec::new());
    let forced = search.cut_count == 1;
    let overflow = search.tried > MAX_CUTS || search.found.len() > MAX_KEEP;
    match (search.found.len(), overflow) {
        (_, true) => Cut::Several(Vec::new()),
        // The run allows one reading only (15 digits for 15 cells): that is
        // what was published, even when its total does not add up — the
        // validator says so; nothing is invented.
        (0, _) if forced => search.first.map_or(Cut::None, |cells| Cut::One {
            cells,
            forced: true,
        }),
        (0, _) => Cut::None,
        (1, _) => Cut::One {
            cells: search.found.remove(0),
            forced,
        },
        _ => Cut::Several(search.found),
    }
}

struct Search<'a> {
    tokens: &'a [&'a str],
    n: usize,
    ids: &'a [Identity],
    tried: usize,
    /// Cuts that satisfy the identities (at most `MAX_KEEP` + 1 are kept).
    found: Vec<Vec<String>>,
    /// Cuts made of valid numbers, whether or not they satisfy them.
    cut_count: usize,
    /// The first such cut: the row as published when it is the only one.
    first: Option<Vec<String>>,
}

impl Search<'_> {
    /// Cut token `t` from byte `at` on, `pieces` cut so far.
    fn walk(&mut self, t: usize, at: usize, pieces: &mut Vec<String>) {
        if self.tried > MAX_CUTS || self.found.len() > MAX_KEEP {
            return;
        }
        let Some(token) = self.tokens.get(t) else {
            if pieces.len() == self.n {
                self.tried += 1;
                self.cut_count += 1;
                if self.first.is_none() {
                    self.first = Some(pieces.clone());
                }
                let values: Vec<Decimal> = pieces
                    .iter()
                    .filter_map(|p| Decimal::from_str(p).ok())
                    .collect();
                if values.len() == self.n && holds(self.ids, &values) {
                    self.found.push(pieces.clone());
                }
            }
            return;
        };
        // Cells still to fill must leave one per remaining token.
        let later = self.tokens.len() - t - 1;
        if pieces.len() + 1 + later > self.n {
            return;
        }
        let rest = &token[at..];
        for end in (1..=rest.len()).filter(|&e| rest.is_char_boundary(e)) {
            let piece = &rest[..end];
            if !is_number(piece) {
                continue;
            }
            pieces.push(piece.to_string());
            if end == rest.len() {
                self.walk(t + 1, 0, pieces);
            } else if pieces.len() < self.n {
                self.walk(t, at + end, pieces);
            }
            pieces.pop();
            self.tried += 1;
            if self.tried > MAX_CUTS {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t3_row(run: &str) -> Cut {
        let tpl = crate::template::get("gk2021").expect("gk2021");
        let (_, t3) = tpl.tables().find(|(_, t)| t.key == "t3").expect("t3");
        cut(tpl, t3, "new", run, 7)
    }

    #[test]
    fn the_row_identity_picks_the_one_cut() {
        let want = |v: &[&str]| Cut::One {
            cells: v.iter().map(|s| s.to_string()).collect(),
            forced: false,
        };
        assert_eq!(
            t3_row("801000081"),
            want(&["80", "1", "0", "0", "0", "0", "81"])
        );
        assert_eq!(
            t3_row("21710000218"),
            want(&["217", "1", "0", "0", "0", "0", "218"])
        );
        // A space is a boundary a person keeps: 14 | 0 0 0 0 0 | 14.
        assert_eq!(
            t3_row("140 000014"),
            want(&["14", "0", "0", "0", "0", "0", "14"])
        );
    }

    #[test]
    fn a_run_with_no_fitting_cut_or_two_is_not_cut() {
        assert_eq!(t3_row("801000082"), Cut::None);
        assert_eq!(t3_row("1"), Cut::None);
        assert_eq!(t3_row(&"1".repeat(10_000)), Cut::None);
        let tpl = crate::template::get("gk2021").expect("gk2021");
        let (_, t2a) = tpl.tables().find(|(_, t)| t.key == "t2a").expect("t2a");
        // No identity in 表二: 77132470 could be 77|13|2470 or 77|132|470 …
        assert!(matches!(
            cut(tpl, t2a, "normative", "77132470", 3),
            Cut::Several(c) if c.len() > 1
        ));
        assert!(matches!(
            cut(tpl, t2a, "rules", "000", 3),
            Cut::One { forced: true, .. }
        ));
    }

    #[test]
    fn a_run_with_one_reading_is_placed_as_published_even_if_it_does_not_add_up() {
        // 平潭经发局 2025's 表四: 15 digits for 15 cells, 结果纠正 1 beside
        // a 总计 printed 0. The row lands as printed; the validator flags it.
        let tpl = crate::template::get("gk2021").expect("gk2021");
        let (_, t4) = tpl.tables().find(|(_, t)| t.key == "t4").expect("t4");
        let row = t4.rows.first().map(|r| r.key.clone()).expect("a row");
        let cells: Vec<String> = "010000000000000".chars().map(String::from).collect();
        assert_eq!(
            cut(tpl, t4, &row, "010000000000000", 15),
            Cut::One {
                cells,
                forced: true
            }
        );
    }
}
