//! `Check::Linear`: Σ lhs `op` Σ rhs, once per column (terms are rows) or
//! once per row (terms are columns) of one table.

use rust_decimal::Decimal;

use super::index::{Index, TableIndex};
use super::message;
use super::Finding;
use crate::document::CellRef;
use crate::template::{self, Along, Check, Op, Rule, Severity};

/// One term of a relation, resolved to a row (along columns) or a column (along rows).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term {
    /// Subtracted (`-repealed`).
    pub neg: bool,
    /// Last year's value of the same cell (`prev:carry_over`).
    pub prev: bool,
    /// Flat row index (along columns) or leaf column index (along rows).
    pub pos: usize,
}

/// A linear rule resolved against the per-call index.
pub(crate) struct Linear {
    pub table: usize,
    pub along: Along,
    /// Leaf columns (along columns) or flat rows (along rows) to check.
    pub instances: Vec<usize>,
    pub lhs: Vec<Term>,
    pub rhs: Vec<Term>,
    pub op: Op,
    pub total: bool,
}

impl Linear {
    /// Resolve a rule against the index; `None` when it is not linear. The
    /// loader has checked every key, so a compiled template always resolves;
    /// `None` rather than a panic all the same.
    pub fn resolve(check: &Check, index: &Index<'_, '_>) -> Option<Linear> {
        let Check::Linear {
            table,
            along,
            each,
            lhs,
            op,
            rhs,
            total,
        } = check
        else {
            return None;
        };
        let t = index.table(table)?;
        let ti = &index.tables[t];
        let resolve_terms = |terms: &[template::Term]| -> Option<Vec<Term>> {
            terms
                .iter()
                .map(|t| {
                    let pos = match along {
                        Along::Columns => ti.row(&t.key).filter(|&r| !ti.row_at(r).group)?,
                        Along::Rows => ti.col(&t.key)?,
                    };
                    Some(Term {
                        neg: t.negative,
                        prev: t.last_year,
                        pos,
                    })
                })
                .collect()
        };
        let mut linear = Linear {
            table: t,
            along: *along,
            instances: Vec::new(),
            lhs: resolve_terms(lhs)?,
            rhs: resolve_terms(rhs)?,
            op: *op,
            total: *total,
        };
        linear.instances = linear.find_instances(ti, each);
        Some(linear)
    }

    /// The columns or rows named by `each`, or all of them; only those where
    /// every term's cell is numeric.
    fn find_instances(&self, ti: &TableIndex<'_>, each: &[String]) -> Vec<usize> {
        let candidates: Vec<usize> = match (self.along, each.is_empty()) {
            (Along::Columns, true) => (0..ti.leaves.len()).collect(),
            (Along::Rows, true) => (0..ti.flat.len()).collect(),
            (Along::Columns, false) => each.iter().filter_map(|k| ti.col(k)).collect(),
            (Along::Rows, false) => each.iter().filter_map(|k| ti.row(k)).collect(),
        };
        candidates
            .into_iter()
            .filter(|&i| {
                self.terms().all(|(_, term)| {
                    let (r, c) = self.cell(i, term);
                    ti.is_cell(r, c) && ti.kind(r, c).is_numeric()
                })
            })
            .collect()
    }

    /// (is lhs, term) in order: lhs then rhs.
    pub fn terms(&self) -> impl Iterator<Item = (bool, &Term)> {
        self.lhs
            .iter()
            .map(|t| (true, t))
            .chain(self.rhs.iter().map(|t| (false, t)))
    }

    /// (flat row, leaf column) of a term in an instance.
    pub fn cell(&self, instance: usize, term: &Term) -> (usize, usize) {
        match self.along {
            Along::Columns => (term.pos, instance),
            Along::Rows => (instance, term.pos),
        }
    }

    pub fn has_prev(&self) -> bool {
        self.terms().any(|(_, t)| t.prev)
    }

    /// `lhs` is one plain cell computed as Σ rhs: a total with a formula.
    pub fn is_formula(&self) -> bool {
        self.total && self.lhs.len() == 1 && !self.lhs[0].prev && !self.lhs[0].neg
    }

    /// This year's cells of an instance in term order, without repeats.
    pub fn instance_cells(&self, ti: &TableIndex<'_>, instance: usize) -> Vec<CellRef> {
        let mut out: Vec<CellRef> = Vec::new();
        for (_, term) in self.terms().filter(|(_, t)| !t.prev) {
            let (r, c) = self.cell(instance, term);
            let cell = ti.cell_ref(r, c);
            if !out.contains(&cell) {
                out.push(cell);
            }
        }
        out
    }
}

/// What one instance's values are, term by term.
pub(crate) struct Values {
    /// The number of each term (lhs then rhs); `None` when blank or not a number.
    pub numbers: Vec<Option<Decimal>>,
    /// Whether each term's cell is absent (as opposed to holding a non-number).
    pub absent: Vec<bool>,
}

/// Read an instance's values into `values` (reused across instances).
fn read_values(lin: &Linear, index: &Index<'_, '_>, instance: usize, values: &mut Values) {
    values.numbers.clear();
    values.absent.clear();
    for (_, term) in lin.terms() {
        let (r, c) = lin.cell(instance, term);
        let value = if term.prev {
            index.previous_value(lin.table, r, c)
        } else {
            index.value(lin.table, r, c)
        };
        values.numbers.push(value.and_then(|v| v.number()));
        values.absent.push(value.is_none());
    }
}

/// Σ of one side with signs; `None` on overflow.
pub(crate) fn side_sum(terms: &[Term], numbers: &[Decimal]) -> Option<Decimal> {
    terms
        .iter()
        .zip(numbers)
        .try_fold(Decimal::ZERO, |acc, (t, n)| {
            if t.neg {
                acc.checked_sub(*n)
            } else {
                acc.checked_add(*n)
            }
        })
}

/// Check one linear rule; findings in instance order.
pub(crate) fn check(rule: &Rule, index: &Index<'_, '_>, out: &mut Vec<Finding>) {
    let Some(lin) = Linear::resolve(&rule.check, index) else {
        return;
    };
    if lin.has_prev() && !previous_known(&lin, index) {
        return;
    }
    let ti = &index.tables[lin.table];
    let mut all_blank = !lin.instances.is_empty();
    let mut values = Values {
        numbers: Vec::new(),
        absent: Vec::new(),
    };
    let mut numbers = Vec::new();
    for &instance in &lin.instances {
        read_values(&lin, index, instance, &mut values);
        if untouched(&lin, &values) {
            continue;
        }
        all_blank = false;
        if let Some(f) = check_instance(rule, &lin, ti, instance, &values, &mut numbers) {
            out.push(f);
        }
    }
    if all_blank {
        out.push(message::rule_blank(rule, &lin, ti));
    }
}

/// An instance nobody has started: every this-year cell blank and no last
/// year's value either (a known last-year value makes this year's blank
/// worth a “cannot be checked” warning: 上年结转 should be filled).
fn untouched(lin: &Linear, values: &Values) -> bool {
    let mut this_year = false;
    for ((_, term), &absent) in lin.terms().zip(&values.absent) {
        if !absent {
            return false;
        }
        this_year |= !term.prev;
    }
    this_year
}

/// A cross-year rule runs only when last year's report holds some of its cells
/// (a previous report of another layout may have none of them).
fn previous_known(lin: &Linear, index: &Index<'_, '_>) -> bool {
    lin.instances.iter().any(|&i| {
        lin.terms().filter(|(_, t)| t.prev).any(|(_, t)| {
            let (r, c) = lin.cell(i, t);
            index.previous_value(lin.table, r, c).is_some()
        })
    })
}

fn check_instance(
    rule: &Rule,
    lin: &Linear,
    ti: &TableIndex<'_>,
    instance: usize,
    values: &Values,
    numbers: &mut Vec<Decimal>,
) -> Option<Finding> {
    if values.numbers.iter().any(Option::is_none) {
        return Some(message::instance_blank(rule, lin, ti, instance, values));
    }
    numbers.clear();
    numbers.extend(values.numbers.iter().flatten());
    let (lhs_n, rhs_n) = numbers.split_at(lin.lhs.len());
    let sums = side_sum(&lin.lhs, lhs_n).zip(side_sum(&lin.rhs, rhs_n));
    let Some((l, r)) = sums else {
        return Some(message::overflow(rule, lin, ti, instance));
    };
    let holds = match lin.op {
        Op::Eq => l == r,
        Op::Le => l <= r,
        Op::Ge => l >= r,
    };
    if holds {
        return None;
    }
    let Some(diff) = l.checked_sub(r).map(|d| d.abs()) else {
        return Some(message::overflow(rule, lin, ti, instance));
    };
    Some(Finding {
        span: None,
        rule: rule.id.clone(),
        severity: rule.severity,
        cells: lin.instance_cells(ti, instance),
        message: message::failure(lin, ti, instance, numbers, (l, r, diff)),
    })
}

/// Severity of findings that say a relation cannot be checked.
pub(crate) const UNCHECKED: Severity = Severity::Warning;
