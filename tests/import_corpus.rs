//! The import corpus (tests/fixtures/published/corpus, written by
//! scripts/make-import-corpus.py from the shapes of real published reports):
//! per report, the share of readable numbers placed in the right cell
//! (≥ 95 %), none in a wrong cell, the right template, and every number not
//! placed listed with a reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use nianbao::document::{CellRef, CellValue};
use nianbao::import::{import_file, Import};
use rust_decimal::Decimal;
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/published/corpus")
}

/// Every report of the corpus: its file and what was put in it.
fn corpus() -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    names.sort();
    for exp in names {
        let stem = exp
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
            .expect("name")
            .to_string();
        let value: Value =
            serde_json::from_str(&std::fs::read_to_string(&exp).expect("read")).expect("json");
        let source = ["html", "txt", "docx", "pdf"]
            .iter()
            .map(|ext| corpus_dir().join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no source for {stem}"));
        out.push((source, value));
    }
    out
}

/// Shapes still below the 95 % target, with the share they must keep (known
/// gaps, reported in the import notes): blank cells in one-cell-per-line
/// text, and PDF labels split across lines. Their numbers are listed, never
/// placed wrong.
const BELOW_TARGET: &[(&str, f64)] = &[
    ("cell-per-line.txt", 0.85),
    ("cell-per-paragraph.txt", 0.85),
    ("pipe-lines.txt", 0.85),
    ("pdf-2019.pdf", 0.6),
    ("pdf-2021.pdf", 0.8),
];

/// The cells of an `.expected.json` file: address → the number as printed.
pub(crate) fn expected_cells(exp: &Value) -> BTreeMap<String, String> {
    exp["cells"]
        .as_object()
        .expect("cells")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("printed").to_string()))
        .collect()
}

fn printed_number(s: &str) -> Option<Decimal> {
    Decimal::from_str(&s.replace([',', ' '], "")).ok()
}

/// How one report came out.
#[derive(Debug, Default)]
struct Score {
    right: usize,
    total: usize,
    wrong: Vec<String>,
    unlisted: Vec<String>,
}

fn score(imp: &Import, expected: &BTreeMap<String, String>) -> Score {
    let mut s = Score {
        total: expected.len(),
        ..Score::default()
    };
    let doc = &imp.document;
    let mut missing: Vec<&String> = Vec::new();
    for (addr, printed) in expected {
        let cell: CellRef = addr.parse().expect("address");
        match doc.cells.get(&cell) {
            Some(v) if v.number().is_some() && v.number() == printed_number(printed) => {
                s.right += 1;
            }
            Some(v) => s.wrong.push(format!("{addr}: {printed} read as {v:?}")),
            None => missing.push(printed),
        }
    }
    for (cell, v) in &doc.cells {
        if !expected.contains_key(&cell.to_string()) && !matches!(v, CellValue::Text(_)) {
            s.wrong.push(format!(
                "{cell}: {v:?} placed where the source has no number"
            ));
        }
    }
    // Each number not placed must be listed (values are small: count them).
    let mut listed: BTreeMap<String, usize> = BTreeMap::new();
    for u in &imp.unplaced {
        *listed.entry(u.text.trim().replace(',', "")).or_default() += 1;
    }
    for printed in missing {
        let key = printed.trim().replace(',', "");
        match listed.get_mut(&key) {
            Some(n) if *n > 0 => *n -= 1,
            _ => s.unlisted.push(printed.clone()),
        }
    }
    s
}

#[test]
fn corpus_numbers_land_in_their_cells() {
    let mut failures = Vec::new();
    let mut table = String::from("\nshape | format | placed | template\n");
    for (path, exp) in corpus() {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let imp = match import_file(&path) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let cells = expected_cells(&exp);
        let s = score(&imp, &cells);
        let share = match s.total {
            0 => 1.0,
            n => s.right as f64 / n as f64,
        };
        table.push_str(&format!(
            "{} | {} | {}/{} = {:.1} % | {}\n",
            exp["shape"].as_str().unwrap_or("?"),
            exp["format"].as_str().unwrap_or("?"),
            s.right,
            s.total,
            share * 100.0,
            imp.template
        ));
        let want = exp["template"].as_str().expect("template");
        if imp.template != want {
            failures.push(format!(
                "{name}: template {} instead of {want}",
                imp.template
            ));
        }
        let target = BELOW_TARGET
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0.95, |(_, t)| *t);
        if share < target {
            failures.push(format!("{name}: only {}/{} placed", s.right, s.total));
        }
        if !s.wrong.is_empty() {
            failures.push(format!("{name}: wrong cells {:?}", s.wrong));
        }
        if !s.unlisted.is_empty() {
            failures.push(format!(
                "{name}: not placed and not listed {:?}",
                s.unlisted
            ));
        }
        if exp["format"] == "docx" && s.right != s.total {
            failures.push(format!("{name}: a Word file must place every number"));
        }
    }
    eprintln!("{table}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Word file of the official layout imports whole and its identities hold.
#[test]
fn word_file_places_every_number_and_checks_identities() {
    let path = corpus_dir().join("word-2021.docx");
    let imp = import_file(Path::new(&path)).expect("imports");
    let tpl = nianbao::template::get(&imp.template).expect("template");
    let report = nianbao::validate::validate(&imp.document, tpl);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(imp.unplaced.is_empty(), "{:?}", imp.unplaced);
    assert!(
        imp.notes.contains(&nianbao::import::ImportNote::ReadFrom(
            nianbao::import::notes::Document::Docx
        )),
        "{:?}",
        imp.notes
    );
}
