//! `nianbao compare` and the library comparison: last year, this year, the
//! change, the soft thresholds; the key figures over the years.

use crate::gen;
use crate::rollup::cli;

use nianbao::compare::{compare, compare_linked, history, SOFT_THRESHOLDS};
use nianbao::document::carry::link_previous;
use nianbao::document::{file, CellRef, CellValue, Document};
use nianbao::template;

fn cell(addr: &str) -> CellRef {
    addr.parse().expect("test address")
}

/// A small report whose few cells make a readable golden file.
fn small(year: u16, open: i64, new: Option<i64>) -> Document {
    let mut d = Document::new("gk2021", "某某镇", Default::default(), year);
    d.set_cell(cell("t3.open.natural"), Some(CellValue::Int(open)));
    if let Some(n) = new {
        d.set_cell(cell("t3.new.natural"), Some(CellValue::Int(n)));
    }
    d.set_cell(
        cell("t2d.fees.amount"),
        Some(CellValue::Amount("1.5".parse().expect("dec"))),
    );
    d
}

#[test]
fn lines_show_last_this_change_and_threshold() {
    let t = template::get("gk2021").expect("gk2021");
    let last = small(2024, 40, Some(3));
    let this = small(2025, 90, None);
    let c = compare(&this, &last.cells, 2024, t);
    let t3 = c.tables.iter().find(|t| t.key == "t3").expect("t3");
    let open = t3
        .lines
        .iter()
        .find(|l| l.cell == cell("t3.open.natural"))
        .expect("open");
    assert_eq!(open.change, Some(50.into()));
    assert!(open.beyond, "+50 from 40 passes {SOFT_THRESHOLDS:?}");
    let new = t3
        .lines
        .iter()
        .find(|l| l.cell == cell("t3.new.natural"))
        .expect("new");
    assert_eq!(new.this, None, "blank this year stays blank, not 0");
    assert_eq!(new.change, None);
    assert!(!new.beyond);
    // Cells blank in both years are left out.
    assert!(t3
        .lines
        .iter()
        .all(|l| l.last.is_some() || l.this.is_some()));
    assert_eq!(c.beyond(), 1);
}

#[test]
fn linked_last_year_is_compared_and_history_reads_the_folder() {
    let t = template::get("gk2021").expect("gk2021");
    let dir = tempfile::tempdir().expect("tempdir");
    for (year, seed) in [(2022, 1), (2023, 2), (2024, 3)] {
        let d = gen::report("gk2021", "某某镇人民政府", year, seed);
        file::save(&d, &dir.path().join(format!("{year}.ron"))).expect("save");
    }
    let other = gen::report("gk2021", "别的镇", 2021, 9);
    file::save(&other, &dir.path().join("别的镇.ron")).expect("save");
    let mut this = gen::report("gk2021", "某某镇", 2025, 4);
    let last = gen::report("gk2021", "某某镇", 2024, 5);
    link_previous(&mut this, &last);
    let c = compare_linked(&this, t).expect("linked");
    assert_eq!((c.this_year, c.last_year), (2025, 2024));
    let years = history(&this, t, Some(dir.path()));
    let got: Vec<u16> = years.iter().map(|y| y.year).collect();
    assert_eq!(got, vec![2022, 2023, 2024, 2025], "别的镇 is another unit");
    // The linked year wins over the file of the same year.
    let new_2024 = years[2]
        .values
        .iter()
        .find(|(label, _)| label == "新收申请")
        .and_then(|(_, v)| *v);
    assert_eq!(
        new_2024,
        last.cell(&cell("t3.new.total")).and_then(|v| v.number())
    );
    let chart = t.key_figures.iter().filter(|f| f.chart).count();
    assert!(years.iter().all(|y| y.values.len() == chart));
}

#[test]
fn golden_text_markdown_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    file::save(&small(2025, 90, None), &dir.path().join("2025.ron")).expect("save");
    file::save(&small(2024, 40, Some(3)), &dir.path().join("2024.ron")).expect("save");
    let run = |format: &str| {
        let (code, out) = cli(
            dir.path(),
            &["compare", "2025.ron", "2024.ron", "--format", format],
        );
        assert_eq!(code, 0);
        out
    };
    insta::assert_snapshot!("compare_text", run("text"));
    insta::assert_snapshot!("compare_md", run("md"));
    let json = run("json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["this_year"], 2025);
    insta::assert_snapshot!("compare_json", json);
    let (code, _) = cli(dir.path(), &["compare", "2025.ron", "nowhere.ron"]);
    assert_eq!(code, 2);
}
