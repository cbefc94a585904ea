//! `nianbao rollup` and the library rollup over generated folders: unreadable
//! files, duplicate and missing units, mixed templates and years, blanks
//! counted, the sum validated and pointing at the towns, the formats.

use crate::gen;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use nianbao::document::{file, CellRef, CellValue, Document};
use nianbao::rollup::{rollup, Rollup};
use nianbao::template;
use rust_decimal::Decimal;

fn cell(addr: &str) -> CellRef {
    addr.parse().expect("test address")
}

fn save(doc: &Document, path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    file::save(doc, path).expect("save");
}

/// The 2025 reports that are summed together in the county folder.
fn county_2025() -> Vec<Document> {
    let a = gen::report("gk2021", "甲镇", 2025, 1);
    let mut b = gen::report("gk2021", "乙镇", 2025, 2);
    b.set_cell(cell("t3.new.natural"), None);
    let mut c = gen::report("gk2021", "丙镇", 2025, 3);
    let broken = c.cell(&cell("t3.new.natural")).and_then(|v| v.number());
    let broken = broken.expect("filled") + Decimal::ONE;
    c.set_cell(
        cell("t3.new.natural"),
        Some(CellValue::Int(i64::try_from(broken).expect("small"))),
    );
    let c2 = gen::report("gk2021", "丙镇人民政府", 2025, 4);
    vec![a, b, c, c2]
}

/// A county's folder: four 2025 reports (one blank cell, one broken
/// identity, one unit twice), last year's report, an old-layout report of
/// another unit, a file that is not a report, and a list of five units.
fn county(dir: &Path) -> PathBuf {
    let towns = dir.join("towns");
    let [a, b, c, c2]: [Document; 4] = county_2025().try_into().expect("four");
    save(&a, &towns.join("甲镇.ron"));
    save(&b, &towns.join("乙镇.ron"));
    save(&c, &towns.join("sub/丙镇.ron"));
    save(&c2, &towns.join("丙镇-重复.ron"));
    save(
        &gen::report("gk2021", "甲镇", 2024, 5),
        &towns.join("上年/甲镇2024.ron"),
    );
    save(
        &gen::report("gk2019", "丁镇", 2020, 6),
        &towns.join("旧格式.ron"),
    );
    std::fs::write(towns.join("坏文件.ron"), "这不是年报").expect("write");
    std::fs::write(towns.join("说明.txt"), "not a report").expect("write");
    std::fs::write(dir.join("expect.txt"), "甲镇\n乙镇\n丙镇\n丁镇\n戊镇\n").expect("write");
    towns
}

fn run_rollup(dir: &Path) -> Rollup {
    let towns = county(dir);
    let expected = nianbao::rollup::parse_expected("甲镇\n乙镇\n丙镇\n丁镇\n戊镇\n");
    rollup(&[towns], &expected)
}

#[test]
fn lists_every_report_missing_duplicate_and_unreadable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = run_rollup(dir.path());
    assert_eq!(r.towns.len(), 6, "{:#?}", r.towns);
    assert_eq!(r.unreadable.len(), 1);
    assert!(r.unreadable[0].file.ends_with("坏文件.ron"));
    assert_eq!(r.duplicates.len(), 1);
    assert_eq!(r.duplicates[0].year, 2025);
    assert_eq!(r.duplicates[0].files.len(), 2);
    // 丁镇 reported only for 2020: missing for the rollup's year.
    assert_eq!(r.missing, vec!["丁镇".to_string(), "戊镇".to_string()]);
    assert_eq!(r.year(), Some(2025));
    assert_eq!(r.exit_code(), 2);
    let broken = r.towns.iter().find(|t| t.unit == "丙镇").expect("丙镇");
    assert!(broken.errors > 0);
    let figure = broken
        .figures
        .iter()
        .find(|f| f.cell == "t3.new.total")
        .expect("figure");
    assert_eq!(figure.label, "新收申请");
}

#[test]
fn sums_by_year_and_template_and_counts_blanks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = run_rollup(dir.path());
    let groups: Vec<(u16, &str, usize)> = r
        .sums
        .iter()
        .map(|s| (s.year, s.template.as_str(), s.reports))
        .collect();
    assert_eq!(
        groups,
        vec![
            (2025, "gk2021", 4),
            (2024, "gk2021", 1),
            (2020, "gk2019", 1)
        ]
    );
    let sum = r.main_sum().expect("main sum");
    let docs = county_2025();
    let t = template::get("gk2021").expect("gk2021");
    for info in t.cells().iter().filter(|c| c.kind.is_numeric()) {
        let filled: Vec<Decimal> = docs
            .iter()
            .filter_map(|d| d.cell(&info.cell).and_then(|v| v.number()))
            .collect();
        let expected = (!filled.is_empty()).then(|| filled.iter().sum::<Decimal>());
        assert_eq!(sum.value(&info.cell), expected, "{}", info.cell);
        assert_eq!(sum.blank(&info.cell), docs.len() - filled.len());
    }
    assert_eq!(sum.blank(&cell("t3.new.natural")), 1);
    assert_eq!(sum.incomplete(), vec![(&cell("t3.new.natural"), 1)]);
}

#[test]
fn a_failing_identity_in_the_sum_names_the_towns_causing_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = run_rollup(dir.path());
    let sum = r.main_sum().expect("main sum");
    let balance = sum
        .findings
        .iter()
        .find(|f| {
            f.finding.rule == "t3.balance" && f.finding.cells.contains(&cell("t3.new.natural"))
        })
        .expect("the natural-person column does not balance in the sum");
    assert!(balance.towns.contains(&"丙镇".to_string()), "{balance:#?}");
    assert!(balance.towns.contains(&"乙镇".to_string()), "{balance:#?}");
    assert!(!balance.towns.contains(&"甲镇".to_string()));
    assert!(!balance.towns.contains(&"丙镇人民政府".to_string()));
    // The county's own report is pre-filled from the sum, blank where no town filled.
    let county = sum.to_document("某某县人民政府", nianbao::document::UnitLevel::County);
    assert_eq!(county.meta.level.label(), "县级政府");
    assert_eq!(
        county.cell(&cell("t3.open.total")).and_then(|v| v.number()),
        sum.value(&cell("t3.open.total"))
    );
}

#[test]
fn exit_codes_follow_the_worst_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    gen::folder(&dir.path().join("ok"), 3, 2025);
    let ok = rollup(&[dir.path().join("ok")], &[]);
    assert_eq!(ok.exit_code(), 0);
    assert!(ok
        .main_sum()
        .expect("sum")
        .findings
        .iter()
        .all(|f| f.finding.severity != nianbao::template::Severity::Error));
    let missing = rollup(&[dir.path().join("ok")], &["别的镇".to_string()]);
    assert_eq!(missing.exit_code(), 1);
    let mut broken = gen::report("gk2021", "坏镇", 2025, 9);
    broken.set_cell(cell("t3.new.total"), Some(CellValue::Int(999)));
    save(&broken, &dir.path().join("bad/坏镇.ron"));
    let errors = rollup(&[dir.path().join("ok"), dir.path().join("bad")], &[]);
    assert_eq!(errors.exit_code(), 1);
    let gone = rollup(&[dir.path().join("nowhere")], &[]);
    assert_eq!(gone.exit_code(), 2);
    assert_eq!(gone.unreadable.len(), 1);
}

/// Run `nianbao ARGS` in `dir`: the exit code and what it printed.
pub(crate) fn cli(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("nianbao")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

/// Reports are named by their native path (`towns\乙镇.ron` on Windows, as
/// the clerk sees it there); the golden files hold the `/` form.
fn slashes(out: &str) -> String {
    if cfg!(windows) {
        out.replace("\\\\", "/").replace('\\', "/")
    } else {
        out.to_string()
    }
}

#[test]
fn golden_text_json_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    county(dir.path());
    let args = ["rollup", "towns", "--expect", "expect.txt", "--format"];
    let (code, text) = cli(dir.path(), &[&args[..], &["text"]].concat());
    assert_eq!(code, 2);
    insta::assert_snapshot!("rollup_text", slashes(&text));
    let (code, json) = cli(dir.path(), &[&args[..], &["json"]].concat());
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    for key in ["reports", "missing", "duplicates", "unreadable", "totals"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert!(v["reports"][0]["figures"].get("t3.new.total").is_some());
    insta::assert_snapshot!("rollup_json", slashes(&json));
    let (code, csv) = cli(dir.path(), &[&args[..], &["csv"]].concat());
    assert_eq!(code, 2);
    assert!(csv.starts_with('\u{feff}'));
    insta::assert_snapshot!("rollup_csv", slashes(&csv));
}

/// 退回修改清单: the report with a broken identity and its sentence, the
/// unit that did not report, the unit that reported twice, the bad file.
#[test]
fn send_back_list_names_every_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    county(dir.path());
    let args = [
        "rollup",
        "towns",
        "--expect",
        "expect.txt",
        "--format",
        "send-back",
    ];
    let (code, list) = cli(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(
        list.starts_with("2025年度政府信息公开工作年度报告退回修改清单\n"),
        "{list}"
    );
    let section = |title: &str| {
        let start = list
            .find(title)
            .unwrap_or_else(|| panic!("{title} in {list}"));
        let rest = &list[start..];
        let end = rest.find("\n\n").unwrap_or(rest.len());
        rest[..end].to_string()
    };
    let sent_back = section("一、需退回修改的报告（1 份）");
    assert!(sent_back.contains("1. 丙镇（文件："), "{sent_back}");
    assert!(sent_back.contains("丙镇.ron）：错误 2 处"), "{sent_back}");
    assert!(
        sent_back.contains("   （1）表三“自然人”列："),
        "{sent_back}"
    );
    assert!(sent_back.contains("   （2）表三"), "{sent_back}");
    assert_eq!(
        section("二、缺报的单位（2 个）"),
        "二、缺报的单位（2 个）\n丁镇、戊镇"
    );
    let twice = section("三、重复报送（1 个单位）");
    assert!(
        twice.contains("丙镇 2025年度：") && twice.contains("丙镇-重复.ron"),
        "{twice}"
    );
    let bad = section("四、无法读取的文件（1 个）");
    assert!(bad.contains("坏文件.ron："), "{bad}");
    // Nothing but the broken report is sent back for its tables.
    for fine in ["甲镇（文件", "乙镇（文件"] {
        assert!(!list.contains(fine), "{fine} in {list}");
    }
}

#[test]
fn xlsx_reads_back_with_sums_and_merged_headers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    gen::folder(&dir.path().join("towns"), 4, 2025);
    let (code, _) = cli(
        dir.path(),
        &["rollup", "towns", "--format", "xlsx", "-o", "county.xlsx"],
    );
    assert_eq!(code, 0);
    let r = rollup(&[dir.path().join("towns")], &[]);
    let sum = r.main_sum().expect("sum");
    let mut book: Xlsx<_> = open_workbook(dir.path().join("county.xlsx")).expect("open");
    let names = book.sheet_names();
    for want in ["表三", "表四", "各单位", "汇总校验"] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    let range = book.worksheet_range("表三").expect("表三");
    let find_row = |label: &str| {
        (0..range.height())
            .find(|&r| matches!(range.get((r, 0)), Some(Data::String(s)) if s.trim() == label))
            .unwrap_or_else(|| panic!("row {label}"))
    };
    let last_col = range.width() - 1;
    let new_row = find_row("一、本年新收政府信息公开申请数量");
    let got = match range.get((new_row, last_col)) {
        Some(Data::Float(f)) => *f,
        other => panic!("not a number: {other:?}"),
    };
    let want: f64 = sum
        .value(&cell("t3.new.total"))
        .expect("filled")
        .to_string()
        .parse()
        .expect("number");
    assert_eq!(got, want);
    let merged = book.merge_cells_by_sheet_name("表三").expect("merged");
    let legal = (0..range.width())
        .find(|&c| {
            (0..new_row).any(
                |r| matches!(range.get((r, c)), Some(Data::String(s)) if s == "法人或其他组织"),
            )
        })
        .expect("法人或其他组织 header");
    assert!(
        merged
            .iter()
            .any(|d| d.start.1 as usize == legal && d.end.1 as usize == legal + 4),
        "法人或其他组织 spans its five columns: {merged:?}"
    );
    let results = find_row("三、本年度办理结果");
    assert!(
        merged
            .iter()
            .any(|d| d.start == (results as u32, 0) && d.end.0 > results as u32 + 10),
        "三、本年度办理结果 is merged down beside its results, as on the form: {merged:?}"
    );
    let towns = book.worksheet_range("各单位").expect("各单位");
    assert_eq!(towns.height(), 5, "header and four towns");
}

#[test]
fn progress_counts_every_report_and_a_cancelled_rollup_reads_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    gen::folder(dir.path(), 5, 2025);
    let paths = vec![dir.path().to_path_buf()];
    let progress = nianbao::rollup::Progress::new();
    let r = nianbao::rollup::rollup_with(&paths, &[], None, &progress);
    assert_eq!(r.towns.len(), 5);
    assert_eq!(progress.counts(), (5, 5));
    let cancelled = nianbao::rollup::Progress::new();
    cancelled.cancel();
    let r = nianbao::rollup::rollup_with(&paths, &[], None, &cancelled);
    assert!(r.towns.is_empty(), "nothing is read once cancelled");
    assert_eq!(cancelled.counts(), (0, 5));
}

#[test]
fn the_folders_own_list_names_the_missing_units_without_expect() {
    let dir = tempfile::tempdir().expect("tempdir");
    gen::folder(dir.path(), 2, 2025);
    std::fs::write(
        dir.path().join(nianbao::rollup::EXPECTED_FILE),
        "\u{feff}第0镇\n第1镇人民政府\n缺镇\n",
    )
    .expect("list");
    let paths = vec![dir.path().to_path_buf()];
    let expected = nianbao::rollup::expected_units(&paths, None).expect("list read");
    assert_eq!(rollup(&paths, &expected).missing, vec!["缺镇".to_string()]);
    // An explicit list wins over the folder's.
    let other = dir.path().join("其他名单.txt");
    std::fs::write(&other, "别镇\n").expect("list");
    let explicit = nianbao::rollup::expected_units(&paths, Some(&other)).expect("list read");
    assert_eq!(explicit, vec!["别镇".to_string()]);
    let absent = dir.path().join("没有.txt");
    let err = nianbao::rollup::expected_units(&paths, Some(&absent)).unwrap_err();
    assert!(err.starts_with("无法读取应报单位名单"), "{err}");
}

#[test]
fn a_provinces_list_of_units_keeps_each_unit_once() {
    let list: String = (0..30_000).map(|i| format!("第{i}镇\n")).collect();
    let units = nianbao::rollup::parse_expected(&list);
    assert_eq!(units.len(), 30_000);
    let again = nianbao::rollup::parse_expected(&format!("{list}{list}"));
    assert_eq!(again.len(), 30_000, "repeats are kept once");
    assert_eq!(again[29_999], "第29999镇");
}

#[test]
fn a_report_saved_after_the_filing_date_is_late() {
    let dir = tempfile::tempdir().expect("tempdir");
    gen::folder(dir.path(), 2, 2025);
    // 2026-01-10 and 2026-01-20, noon China time.
    let at = |secs| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    let set = |name: &str, secs| {
        let f = std::fs::File::options()
            .write(true)
            .open(dir.path().join(name))
            .expect("open");
        f.set_modified(at(secs)).expect("mtime");
    };
    set("town0000.ron", 1_768_017_600);
    set("town0001.ron", 1_768_881_600);
    let paths = vec![dir.path().to_path_buf()];
    let late = |filing| {
        let r =
            nianbao::rollup::rollup_with(&paths, &[], filing, &nianbao::rollup::Progress::new());
        r.late().map(|t| t.unit.clone()).collect::<Vec<_>>()
    };
    // By the law's date (31 January) both are on time.
    assert!(late(None).is_empty());
    let jan_15 = nianbao::deadline::MonthDay::new(1, 15);
    assert_eq!(late(jan_15), vec!["第1镇".to_string()]);
    let out = Command::cargo_bin("nianbao")
        .expect("binary")
        .arg("rollup")
        .arg(dir.path())
        .args(["--filing-by", "1-15"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("逾期报送 1 份"), "{text}");
    let bad = Command::cargo_bin("nianbao")
        .expect("binary")
        .arg("rollup")
        .arg(dir.path())
        .args(["--filing-by", "13-40"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不是日期"));
}
