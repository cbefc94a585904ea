//! 汇总多个报告 in the editor: the county's window over many towns' reports.
//! The rollup itself is the library's ([`crate::rollup`]); this keeps the
//! result on screen, sorts its rows, opens a town's report (settling unsaved
//! changes first), exports the workbook and starts the county's own report
//! from the sum.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::document::{file, UnitLevel};
use crate::rollup::{self, parse_expected, Rollup};

use super::chooser::Purpose;
use super::files::FileKind;
use super::{Command, EditorState, StatusMessage};

/// In a folder being rolled up, the list of units that must report (one a
/// line), when the county keeps one there.
pub const EXPECTED_FILE: &str = "应报单位.txt";

/// The level of a report started from the sum.
const COUNTY_LEVEL: UnitLevel = UnitLevel::County;

/// What the towns' list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountySort {
    Unit,
    Errors,
    Warnings,
    /// The n-th key figure.
    Figure(usize),
}

/// One line of the towns' list: a report, or a unit that did not report.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyRow {
    pub unit: String,
    /// The report's file; `None` for a missing unit (shown grey).
    pub file: Option<PathBuf>,
    pub year: Option<u16>,
    pub errors: usize,
    pub warnings: usize,
    /// Values under [`CountyPanel::figure_labels`]; `None` is blank.
    pub figures: Vec<Option<Decimal>>,
    pub duplicate: bool,
}

impl CountyRow {
    pub fn missing(&self) -> bool {
        self.file.is_none()
    }
}

/// The window's state: the rollup and how its list is sorted.
#[derive(Debug, Clone)]
pub struct CountyPanel {
    /// What was rolled up (a folder or files).
    pub source: PathBuf,
    pub rollup: Rollup,
    pub sort: CountySort,
    pub descending: bool,
    /// How many units the folder's [`EXPECTED_FILE`] lists (0: no list).
    pub expected: usize,
}

impl CountyPanel {
    pub fn new(source: PathBuf, rollup: Rollup, expected: usize) -> CountyPanel {
        CountyPanel {
            source,
            rollup,
            sort: CountySort::Unit,
            descending: false,
            expected,
        }
    }

    /// Figure headings, in order of first appearance over the towns.
    pub fn figure_labels(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in self.rollup.towns.iter().flat_map(|t| &t.figures) {
            if !out.contains(&f.label) {
                out.push(f.label.clone());
            }
        }
        out
    }

    /// The towns of the rollup's year (and other years after them), then
    /// the missing units, sorted as chosen; missing units always last.
    pub fn rows(&self) -> Vec<CountyRow> {
        let labels = self.figure_labels();
        let mut rows: Vec<CountyRow> = self
            .rollup
            .towns
            .iter()
            .map(|t| CountyRow {
                unit: t.unit.clone(),
                file: Some(t.file.clone()),
                year: Some(t.year),
                errors: t.errors,
                warnings: t.warnings,
                figures: labels
                    .iter()
                    .map(|l| {
                        t.figures
                            .iter()
                            .find(|f| &f.label == l)
                            .and_then(|f| f.value)
                    })
                    .collect(),
                duplicate: self
                    .rollup
                    .duplicates
                    .iter()
                    .any(|d| d.files.contains(&t.file)),
            })
            .collect();
        rows.sort_by(|a, b| {
            let o = self.compare(a, b);
            if self.descending {
                o.reverse()
            } else {
                o
            }
        });
        rows.extend(self.rollup.missing.iter().map(|unit| CountyRow {
            unit: unit.clone(),
            file: None,
            year: None,
            errors: 0,
            warnings: 0,
            figures: vec![None; labels.len()],
            duplicate: false,
        }));
        rows
    }

    fn compare(&self, a: &CountyRow, b: &CountyRow) -> Ordering {
        let by_unit = a.unit.cmp(&b.unit).then(a.file.cmp(&b.file));
        let key = match self.sort {
            CountySort::Unit => Ordering::Equal,
            CountySort::Errors => a.errors.cmp(&b.errors),
            CountySort::Warnings => a.warnings.cmp(&b.warnings),
            // Blank sorts before any number.
            CountySort::Figure(i) => a.figures.get(i).cmp(&b.figures.get(i)),
        };
        key.then(by_unit)
    }

    /// Sort by `key`; choosing the same key again reverses the order.
    pub fn sort_by(&mut self, key: CountySort) {
        if self.sort == key {
            self.descending ^= true;
        } else {
            self.sort = key;
            // Most errors first is what a county looks for.
            self.descending = !matches!(key, CountySort::Unit);
        }
    }

    /// The line above the list: how many reports, errors, missing.
    pub fn summary(&self) -> String {
        let year = self
            .rollup
            .year()
            .map(|y| format!("{y} 年："))
            .unwrap_or_default();
        format!("{year}{}", self.rollup.summary())
    }
}

impl EditorState {
    /// The county window's state, while it is open.
    pub fn county(&self) -> Option<&CountyPanel> {
        self.county.as_ref()
    }

    pub(super) fn apply_county_command(&mut self, cmd: Command) {
        match cmd {
            Command::RollupDialog => {
                self.ask_open("选择要汇总的文件夹", FileKind::Folder, Purpose::Rollup);
            }
            Command::Rollup(path) => self.roll_up(&path),
            Command::SortCounty(key) => {
                if let Some(panel) = self.county.as_mut() {
                    panel.sort_by(key);
                }
            }
            Command::CloseCounty => self.county = None,
            Command::ExportRollupDialog => self.ask_county_save(
                "导出汇总工作簿",
                FileKind::Workbook,
                Purpose::ExportRollup,
                "汇总.xlsx",
            ),
            Command::ExportRollup(path) => self.export_rollup(&path),
            Command::SendBackDialog => self.ask_county_save(
                "导出退回修改清单",
                FileKind::Text,
                Purpose::SendBack,
                "退回修改清单.txt",
            ),
            Command::SendBack(path) => self.write_send_back(&path),
            Command::NewCountyReport if self.guard_discard(&cmd) => self.new_county_report(),
            // `apply` routes only the county's commands here.
            _ => {}
        }
    }

    fn roll_up(&mut self, path: &Path) {
        let expected = read_expected(path);
        let result = rollup::rollup(&[path.to_path_buf()], &expected);
        let panel = CountyPanel::new(path.to_path_buf(), result, expected.len());
        self.status = Some(StatusMessage::info(panel.summary()));
        self.county = Some(panel);
    }

    /// Ask where one of the county window's files goes: in the rolled-up
    /// folder, named `2025年政府信息公开工作年度报告` + `ending`.
    fn ask_county_save(&mut self, title: &str, kind: FileKind, purpose: Purpose, ending: &str) {
        let Some(panel) = &self.county else { return };
        let dir = folder_of(&panel.source);
        let name = county_file_name(&panel.rollup, ending);
        self.ask_save_in(title, kind, purpose, name, dir);
    }

    fn export_rollup(&mut self, path: &Path) {
        let Some(panel) = &self.county else { return };
        let bytes = rollup::to_xlsx(&panel.rollup);
        self.write_county_file(path, bytes, "汇总工作簿");
    }

    fn write_send_back(&mut self, path: &Path) {
        let Some(panel) = &self.county else { return };
        let text = rollup::to_send_back(&panel.rollup);
        self.write_county_file(path, Ok(text.into_bytes()), "退回修改清单");
    }

    /// Write one of the county window's files (`what`: 汇总工作簿 …) and say so.
    fn write_county_file(&mut self, path: &Path, bytes: Result<Vec<u8>, String>, what: &str) {
        let written =
            bytes.and_then(|bytes| file::write_atomic(path, &bytes).map_err(|e| e.to_string()));
        match written {
            Ok(()) => {
                self.status = Some(StatusMessage::info(format!(
                    "已导出{what} {}",
                    path.display()
                )));
            }
            Err(e) => self.show_error(
                &format!("无法导出{what}"),
                format!("无法写入 {}。\n{e}", path.display()),
                false,
            ),
        }
    }

    /// A new, unsaved 县级政府 report holding the sum of this year's towns.
    fn new_county_report(&mut self) {
        let Some(sum) = self.county.as_ref().and_then(|p| p.rollup.main_sum()) else {
            self.status = Some(StatusMessage::error(
                "没有可用的合计：文件夹中没有可读取的报告。",
            ));
            return;
        };
        let Some(t) = crate::template::get(&sum.template) else {
            return;
        };
        let reports = sum.reports;
        let doc = sum.to_document("", COUNTY_LEVEL);
        self.replace_document(doc, t, None, true);
        self.status = Some(StatusMessage::info(format!(
            "已按 {reports} 份报告的合计新建{}报告：请填写单位名称，核对后保存。",
            COUNTY_LEVEL.label()
        )));
    }
}

/// The expected units kept beside the reports ([`EXPECTED_FILE`]), if any.
fn read_expected(path: &Path) -> Vec<String> {
    let list = if path.is_dir() {
        path.join(EXPECTED_FILE)
    } else {
        return Vec::new();
    };
    std::fs::read(&list)
        .map(|b| parse_expected(&String::from_utf8_lossy(&b)))
        .unwrap_or_default()
}

/// The folder the workbook is proposed in: the rolled-up folder, or the
/// folder of the one file rolled up.
fn folder_of(source: &Path) -> PathBuf {
    if source.is_dir() {
        source.to_path_buf()
    } else {
        source
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(super::chooser::documents_dir)
    }
}

/// `2025年政府信息公开工作年度报告` + `ending` (`汇总.xlsx`, `退回修改清单.txt`).
fn county_file_name(rollup: &Rollup, ending: &str) -> String {
    let year = rollup.year().map(|y| format!("{y}年")).unwrap_or_default();
    format!("{year}政府信息公开工作年度报告{ending}")
}
