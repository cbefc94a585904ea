//! Total cells and their formulas: which cells are computed (`total: true`
//! rules), what a blank total would be, and the two 编辑 actions
//! (填入可计算的合计, 空白单元格填 0).

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::index::Index;
use super::linear::{side_sum, Linear, Term};
use crate::document::{CellRef, CellValue, Document};
use crate::template::{CellKind, Template};

/// One total cell and the cells its formula adds up.
struct Formula {
    /// (table, row, column) of the total.
    total: (usize, usize, usize),
    /// (row, column) of each term, with its sign and year.
    terms: Vec<(Term, (usize, usize))>,
}

fn formulas(index: &Index<'_, '_>, template: &Template) -> Vec<Formula> {
    let mut out = Vec::new();
    for rule in &template.rules {
        let Some(lin) = Linear::resolve(&rule.check, index) else {
            continue;
        };
        if !lin.is_formula() {
            continue;
        }
        for &i in &lin.instances {
            let (r, c) = lin.cell(i, &lin.lhs[0]);
            out.push(Formula {
                total: (lin.table, r, c),
                terms: lin.rhs.iter().map(|t| (*t, lin.cell(i, t))).collect(),
            });
        }
    }
    out
}

/// Cells that have a formula: the left side of every `total: true` rule.
pub fn total_cells(template: &Template) -> BTreeSet<CellRef> {
    let empty = Document::new(&template.id, "", Default::default(), 0);
    let index = Index::new(template, &empty);
    formulas(&index, template)
        .iter()
        .map(|f| {
            let (t, r, c) = f.total;
            index.tables[t].cell_ref(r, c)
        })
        .collect()
}

/// The value of every blank total whose formula can be evaluated (all terms
/// filled numbers), iterated to a fixpoint since a total may feed another.
pub fn computed_totals(doc: &Document, template: &Template) -> BTreeMap<CellRef, CellValue> {
    computed_in(&Index::new(template, doc), template)
}

/// [`computed_totals`] over an index already built (the editor builds one
/// per edit for both the findings and the totals).
pub(super) fn computed_in(
    index: &Index<'_, '_>,
    template: &Template,
) -> BTreeMap<CellRef, CellValue> {
    let formulas = formulas(index, template);
    let mut computed: BTreeMap<(usize, usize, usize), (Decimal, CellValue)> = BTreeMap::new();
    loop {
        let mut progress = false;
        for f in &formulas {
            let (t, r, c) = f.total;
            if index.value(t, r, c).is_some() || computed.contains_key(&f.total) {
                continue;
            }
            let Some(sum) = evaluate(f, index, &computed) else {
                continue;
            };
            if let Some(value) = as_cell_value(index.tables[t].kind(r, c), sum) {
                computed.insert(f.total, (sum, value));
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    computed
        .into_iter()
        .map(|((t, r, c), (_, v))| (index.tables[t].cell_ref(r, c), v))
        .collect()
}

/// Σ of a formula's terms, when every one is a number (filled or computed).
fn evaluate(
    f: &Formula,
    index: &Index<'_, '_>,
    computed: &BTreeMap<(usize, usize, usize), (Decimal, CellValue)>,
) -> Option<Decimal> {
    let t = f.total.0;
    let mut numbers = Vec::with_capacity(f.terms.len());
    for (term, (r, c)) in &f.terms {
        let n = if term.prev {
            index.previous_value(t, *r, *c)?.number()?
        } else {
            match index.value(t, *r, *c) {
                Some(v) => v.number()?,
                None => computed.get(&(t, *r, *c))?.0,
            }
        };
        numbers.push(n);
    }
    let terms: Vec<Term> = f.terms.iter().map(|(t, _)| *t).collect();
    side_sum(&terms, &numbers)
}

/// A computed total as the cell's kind holds it; `None` when it cannot be
/// (a fraction or a negative in a count, beyond the integer range).
fn as_cell_value(kind: CellKind, sum: Decimal) -> Option<CellValue> {
    match kind {
        CellKind::Count | CellKind::Signed => {
            if !sum.fract().is_zero()
                || (kind == CellKind::Count && sum.is_sign_negative() && !sum.is_zero())
            {
                return None;
            }
            i64::try_from(sum).ok().map(CellValue::Int)
        }
        CellKind::Amount => Some(CellValue::Amount(sum.normalize())),
        CellKind::Text => None,
    }
}

/// Write every computable blank total into the document; returns how many.
pub fn fill_totals(doc: &mut Document, template: &Template) -> usize {
    let totals = computed_totals(doc, template);
    let n = totals.len();
    doc.cells.extend(totals);
    n
}

/// Put 0 into every blank numeric cell (text cells stay as they are); returns how many.
pub fn fill_blanks_with_zero(doc: &mut Document, template: &Template) -> usize {
    let blanks: Vec<(CellRef, CellValue)> = {
        let index = Index::new(template, doc);
        let mut out = Vec::new();
        for (t, ti) in index.tables.iter().enumerate() {
            for (r, c) in ti.positions() {
                if index.value(t, r, c).is_some() {
                    continue;
                }
                let zero = match ti.kind(r, c) {
                    CellKind::Count | CellKind::Signed => CellValue::Int(0),
                    CellKind::Amount => CellValue::Amount(Decimal::ZERO),
                    CellKind::Text => continue,
                };
                out.push((ti.cell_ref(r, c), zero));
            }
        }
        out
    };
    let n = blanks.len();
    doc.cells.extend(blanks);
    n
}
