//! Which template a published report follows.
//!
//! Each template's labels (table titles, column and row labels, corner, unit
//! column) that no other template has are its fingerprint: 本年新制作数量
//! only in one, 本年制发件数 only in another, 十三 legacy items only in the
//! provincial variant. The template with most fingerprint labels found wins;
//! with none found (a prose-only report), the report year decides.

use super::notes::ImportNote;
use std::collections::{BTreeMap, BTreeSet};

use crate::template::{self, Column, Row, Template};

use super::labels::norm;
use super::text_tables::Block;

fn labels_of(t: &Template) -> BTreeSet<String> {
    fn cols(cs: &[Column], out: &mut BTreeSet<String>) {
        for c in cs {
            out.insert(norm(&c.label));
            cols(&c.children, out);
        }
    }
    fn rows(rs: &[Row], out: &mut BTreeSet<String>) {
        for r in rs {
            out.insert(norm(&r.label));
            rows(&r.children, out);
        }
    }
    let mut out = BTreeSet::new();
    for (_, table) in t.tables() {
        cols(&table.columns, &mut out);
        rows(&table.rows, &mut out);
        for s in [
            table.title.as_ref(),
            table.unit_column.as_ref(),
            Some(&table.corner),
        ]
        .into_iter()
        .flatten()
        {
            out.insert(norm(s));
        }
    }
    out.remove("");
    out
}

/// Normalized texts of the input: every cell, and every short line.
fn found_texts(blocks: &[Block]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for b in blocks {
        match b {
            Block::Line(l) if l.chars().count() <= 80 => {
                out.insert(norm(l));
            }
            Block::Row { cells, .. } => {
                out.extend(cells.iter().map(|c| norm(c)));
            }
            Block::Line(_) => {}
        }
    }
    out
}

/// Per built-in template, the labels no other template has: what tells
/// the layouts apart. Computed once (the registry never changes).
fn distinctive_labels() -> &'static [BTreeSet<String>] {
    static SETS: std::sync::OnceLock<Vec<BTreeSet<String>>> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let sets: Vec<BTreeSet<String>> = template::all().iter().map(labels_of).collect();
        let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
        for set in &sets {
            for l in set {
                *owners.entry(l.as_str()).or_default() += 1;
            }
        }
        sets.iter()
            .map(|set| {
                set.iter()
                    .filter(|l| owners.get(l.as_str()) == Some(&1))
                    .cloned()
                    .collect()
            })
            .collect()
    })
}

/// The template, and a sentence saying why it was chosen.
pub fn detect(blocks: &[Block], year: Option<u16>) -> (&'static Template, ImportNote) {
    let all = template::all();
    let found = found_texts(blocks);
    let scores: Vec<usize> = distinctive_labels()
        .iter()
        .map(|set| set.iter().filter(|l| found.contains(*l)).count())
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let leaders: Vec<usize> = (0..all.len()).filter(|&i| scores[i] == best).collect();
    if best > 0 && leaders.len() == 1 {
        let t = &all[leaders[0]];
        let unusual_year = year.filter(|&y| t.first_year > y || t.last_year.is_some_and(|l| l < y));
        let why = ImportNote::TemplateByLabels {
            name: t.name.clone(),
            labels: best,
            unusual_year,
        };
        return (t, why);
    }
    match year {
        Some(y) => {
            let t = template::current_for_year(y);
            (
                t,
                ImportNote::TemplateByYear {
                    name: t.name.clone(),
                    year: y,
                },
            )
        }
        None => (
            &all[0],
            ImportNote::TemplateGuessed {
                name: all[0].name.clone(),
            },
        ),
    }
}
