//! 文件 › 汇总多个报告… and 视图 › 与上年对比… driven through the window
//! (egui_kittest): the towns' list, sorting, opening a town (asking about
//! unsaved changes first), the workbook, the county's report from the sum,
//! the folder chosen in the window's own chooser, and the comparison view
//! with and without a linked last year.
#![cfg(feature = "gui")]

use std::path::Path;

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use nianbao::app::state::{Choice, ChooserMode, Command, CountySort, Pending, ScriptedDialogs};
use nianbao::app::NianbaoApp;
use nianbao::document::carry::link_previous;
use nianbao::document::{file, CellRef, CellValue, Document, UnitLevel};

use crate::gen;
use crate::window_harness::{state_with, window};

fn cell(s: &str) -> CellRef {
    s.parse().expect("test address")
}

/// A county folder: three consistent towns, one with an error, and a list
/// of the units that must report naming one more.
fn county_folder(dir: &Path) {
    gen::folder(dir, 3, 2025);
    let mut broken = gen::report("gk2021", "错镇", 2025, 7);
    broken.set_cell(cell("t3.new.natural"), Some(CellValue::Int(999)));
    file::save(&broken, &dir.join("错镇.ron")).expect("save");
    std::fs::write(
        dir.join("应报单位.txt"),
        "第0镇\n第1镇\n第2镇\n错镇\n缺镇\n",
    )
    .expect("list");
}

fn harness(dialogs: &ScriptedDialogs) -> Harness<'static, NianbaoApp> {
    let doc = Document::new("gk2021", "县政府办", UnitLevel::County, 2025);
    window(NianbaoApp::new(state_with(doc, dialogs)))
}

fn choose(h: &mut Harness<'_, NianbaoApp>, menu: &str, entry: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label_contains(entry).click();
    h.run();
}

/// The roll-up reads on its own thread: step the window until it shows.
fn wait_for_rollup(h: &mut Harness<'_, NianbaoApp>) {
    for _ in 0..500 {
        if h.state().state.county_job().is_none() {
            // The progress window fades out and the list fades in.
            h.run_steps(8);
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("the roll-up did not finish within 5 s");
}

fn rolled_up(dir: &Path) -> (Harness<'static, NianbaoApp>, ScriptedDialogs) {
    county_folder(dir);
    let dialogs = ScriptedDialogs::new();
    let mut h = harness(&dialogs);
    dialogs.push(Some(dir.to_path_buf()));
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label_contains("汇总多个报告").click();
    wait_for_rollup(&mut h);
    (h, dialogs)
}

#[test]
fn the_county_window_lists_every_town_and_the_missing_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (h, dialogs) = rolled_up(dir.path());
    assert!(dialogs.asked().iter().any(|t| t.contains("汇总")));
    assert!(h
        .get_all_by_label_contains("2025 年：读取 4 份报告，1 份有错误；缺报 1 个单位")
        .next()
        .is_some());
    for town in [
        "第0镇（2025）",
        "第1镇（2025）",
        "第2镇（2025）",
        "错镇（2025）",
    ] {
        h.get_by_label(town);
    }
    h.get_by_label("缺镇（缺报）");
    h.get_by_label_contains("应报单位名单：应报单位.txt（5 个单位）");
    h.get_by_label_contains("处勾稽关系不符");
    assert!(h.get_all_by_label_contains("涉及：错镇").next().is_some());
}

#[test]
fn a_heading_sorts_and_again_reverses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = rolled_up(dir.path());
    h.get_by_label("✖ 错误").click();
    h.run();
    let panel = h.state().state.county().expect("open");
    assert_eq!(panel.sort, CountySort::Errors);
    assert!(panel.descending, "most errors first");
    assert_eq!(panel.rows()[0].unit, "错镇");
    assert!(
        panel.rows().last().expect("rows").missing(),
        "missing units stay last"
    );
    h.get_by_label("✖ 错误 ↓").click();
    h.run();
    assert!(!h.state().state.county().expect("open").descending);
}

#[test]
fn clicking_a_town_opens_it_after_asking_about_unsaved_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = rolled_up(dir.path());
    h.state_mut().state.apply(Command::SetField {
        address: "meta.unit".parse().expect("address"),
        raw: "县政府办公室".into(),
    });
    h.run();
    h.get_by_label("错镇（2025）").click();
    h.run();
    assert!(
        matches!(
            h.state().state.pending(),
            Some(Pending::ConfirmDiscard { .. })
        ),
        "unsaved changes are asked about first"
    );
    assert_eq!(h.state().state.doc.meta.unit, "县政府办公室");
    h.get_by_label("不保存").click();
    h.run();
    assert_eq!(h.state().state.doc.meta.unit, "错镇");
    assert!(h.state().state.county().is_some(), "the list stays open");
}

#[test]
fn the_workbook_is_written_where_the_clerk_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, dialogs) = rolled_up(dir.path());
    let out = dir.path().join("汇总.xlsx");
    dialogs.push(Some(out.clone()));
    h.get_by_label("导出 Excel 工作簿…").click();
    h.run();
    let bytes = std::fs::read(&out).expect("workbook written");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    assert!(h
        .state()
        .state
        .status
        .as_ref()
        .expect("status")
        .text
        .contains("已导出汇总工作簿"));
}

#[test]
fn the_send_back_list_names_the_broken_town_and_the_missing_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, dialogs) = rolled_up(dir.path());
    let out = dir.path().join("退回.txt");
    dialogs.push(Some(out.clone()));
    h.get_by_label("导出退回修改清单…").click();
    h.run();
    let asked = dialogs.asked().join("\n");
    assert!(
        asked.contains("2025年政府信息公开工作年度报告退回修改清单.txt"),
        "{asked}"
    );
    let list = std::fs::read_to_string(&out).expect("list written");
    assert!(
        list.contains("一、需退回修改的报告（1 份）\n1. 错镇（文件："),
        "{list}"
    );
    assert!(list.contains("   （1）表三"), "{list}");
    assert!(list.contains("二、缺报的单位（1 个）\n缺镇"), "{list}");
    let status = h.state().state.status.clone().expect("status").text;
    assert!(status.contains("已导出退回修改清单"), "{status}");
}

#[test]
fn a_county_report_starts_from_the_sum() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = rolled_up(dir.path());
    let want = h
        .state()
        .state
        .county()
        .and_then(|p| p.rollup.main_sum())
        .and_then(|s| s.value(&cell("t3.open.total")))
        .expect("summed");
    h.get_by_label("按合计新建县级报告").click();
    h.run();
    let doc = &h.state().state.doc;
    assert_eq!(doc.meta.level, UnitLevel::County);
    assert_eq!(
        doc.cell(&cell("t3.open.total")).and_then(|v| v.number()),
        Some(want)
    );
    assert!(h.state().state.dirty, "a new report, not yet saved");
}

#[test]
fn without_a_native_dialog_the_folder_is_chosen_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    county_folder(dir.path());
    let dialogs = ScriptedDialogs::new();
    let mut h = harness(&dialogs);
    dialogs.push_choice(Choice::Unavailable);
    choose(&mut h, "文件", "汇总多个报告");
    let request = h
        .state()
        .state
        .file_request()
        .cloned()
        .expect("the chooser asks");
    assert_eq!(request.mode, ChooserMode::Folder);
    let field = h.get_by_label("文件夹");
    field.type_text(&dir.path().display().to_string());
    h.run();
    h.get_by_label("选择此文件夹").click();
    h.step();
    h.step();
    wait_for_rollup(&mut h);
    let panel = h.state().state.county().expect("rolled up");
    assert_eq!(panel.rollup.towns.len(), 4);
}

/// This year with last year linked and two earlier years beside it.
fn with_history(dir: &Path) -> Document {
    let mut years = Vec::new();
    for (year, seed) in [(2022, 1), (2023, 2), (2024, 3)] {
        let doc = gen::report("gk2021", "某某镇", year, seed);
        file::save(&doc, &dir.join(format!("某某镇{year}.ron"))).expect("save");
        years.push(doc);
    }
    let mut this = gen::report("gk2021", "某某镇", 2025, 4);
    let last = years.last().expect("2024");
    let open = last
        .cell(&cell("t3.open.natural"))
        .and_then(|v| v.number())
        .expect("n");
    let big = i64::try_from(open).expect("small") * 3 + 40;
    this.set_cell(cell("t3.open.natural"), Some(CellValue::Int(big)));
    link_previous(&mut this, last);
    this
}

#[test]
fn the_comparison_view_highlights_big_changes_and_charts_the_years() {
    let dir = tempfile::tempdir().expect("tempdir");
    let this = with_history(dir.path());
    let path = dir.path().join("某某镇2025.ron");
    file::save(&this, &path).expect("save");
    let dialogs = ScriptedDialogs::new();
    let mut h = harness(&dialogs);
    h.state_mut().state.apply(Command::Open(path));
    h.run();
    choose(&mut h, "视图", "与上年对比…");
    h.get_by_label_contains("2025 年与 2024 年对比");
    assert!(h.get_all_by_label_contains("处变化较大").next().is_some());
    let panel = h.state().state.comparison_panel().expect("open");
    let years: Vec<u16> = panel.years.iter().map(|y| y.year).collect();
    assert_eq!(
        years,
        [2022, 2023, 2024, 2025],
        "the unit's years in the folder"
    );
    let c = h.state().state.comparison().expect("linked");
    assert!(c
        .tables
        .iter()
        .flat_map(|t| &t.lines)
        .any(|l| l.beyond && l.cell == cell("t3.open.natural")));
}

#[test]
fn the_comparison_follows_typing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let this = with_history(dir.path());
    let dialogs = ScriptedDialogs::new();
    let mut h = window(NianbaoApp::new(state_with(this, &dialogs)));
    choose(&mut h, "视图", "与上年对比…");
    let before = h.state().state.comparison().expect("linked").beyond();
    let last = h
        .state()
        .state
        .doc
        .previous
        .as_ref()
        .expect("linked")
        .cells
        .get(&cell("t3.new.other"))
        .and_then(|v| v.number())
        .expect("n");
    h.state_mut().state.apply(Command::SetField {
        address: "t3.new.other".parse().expect("address"),
        raw: (last + rust_decimal::Decimal::from(500)).to_string(),
    });
    h.run();
    assert_eq!(
        h.state().state.comparison().expect("linked").beyond(),
        before + 1
    );
}

#[test]
fn without_last_year_the_view_offers_to_choose_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let last = gen::report("gk2021", "某某镇", 2024, 3);
    let last_path = dir.path().join("上年.ron");
    file::save(&last, &last_path).expect("save");
    let dialogs = ScriptedDialogs::new();
    let doc = gen::report("gk2021", "某某镇", 2025, 4);
    let mut h = window(NianbaoApp::new(state_with(doc, &dialogs)));
    choose(&mut h, "视图", "与上年对比…");
    h.get_by_label_contains("尚未关联上年的报告");
    dialogs.push(Some(last_path));
    h.get_by_label("选择上年报告…").click();
    h.run();
    h.run();
    h.get_by_label_contains("2025 年与 2024 年对比");
}

#[test]
fn the_command_line_lists_the_same_missing_units_as_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (h, _) = rolled_up(dir.path());
    let window = h
        .state()
        .state
        .county()
        .expect("rolled up")
        .rollup
        .missing
        .clone();
    assert_eq!(window, vec!["缺镇".to_string()]);
    let out = assert_cmd::Command::cargo_bin("nianbao")
        .expect("binary")
        .arg("rollup")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let cli: Vec<String> = json["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    assert_eq!(cli, window);
}

#[test]
fn a_rollup_can_be_cancelled_and_shows_nothing_partial() {
    let dir = tempfile::tempdir().expect("tempdir");
    county_folder(dir.path());
    let dialogs = ScriptedDialogs::new();
    let mut h = harness(&dialogs);
    h.state_mut()
        .state
        .apply(Command::Rollup(dir.path().to_path_buf()));
    assert!(
        h.state().state.county_job().is_some(),
        "read off the window's thread"
    );
    h.state_mut().state.apply(Command::CancelRollup);
    wait_for_rollup(&mut h);
    assert!(h.state().state.county().is_none());
    h.get_by_label_contains("已取消汇总");
}

/// Click the field named `label`, then type into it.
fn type_into(h: &mut Harness<'_, NianbaoApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn the_countys_filing_date_and_caps_are_set_in_a_dialog() {
    let dialogs = ScriptedDialogs::new();
    let mut h = harness(&dialogs);
    choose(&mut h, "文件", "报送要求");
    type_into(&mut h, "月", "13");
    type_into(&mut h, "日", "15");
    h.get_by_label("确定").click();
    h.run();
    h.get_by_label_contains("不是日期");
    assert_eq!(h.state().state.settings.filing_by, None, "nothing saved");
    h.get_by_label("月").click();
    h.run();
    h.key_press(eframe::egui::Key::Backspace);
    h.run();
    type_into(&mut h, "一、总体情况：", "1000");
    h.get_by_label("确定").click();
    h.run();
    let settings = &h.state().state.settings;
    assert_eq!(settings.filing_by, nianbao::deadline::MonthDay::new(1, 15));
    assert_eq!(settings.part_limits.get("p1"), Some(&1000));
    h.get_by_label_contains("已保存报送要求");
}
