//! 汇总多个报告 in the editor: the county's window over many towns' reports.
//! The rollup itself is the library's ([`crate::rollup`]); this keeps the
//! result on screen, sorts its rows, opens a town's report (settling unsaved
//! changes first), exports the workbook and starts the county's own report
//! from the sum.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::document::{file, UnitLevel};
use crate::rollup::{self, Progress, Rollup, TownRow};

use super::chooser::Purpose;
use super::files::FileKind;
use super::{Command, EditorState, StatusMessage};

pub use crate::rollup::EXPECTED_FILE;

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

/// The county window: a roll-up being read, or its result on screen.
#[derive(Debug, Default)]
pub enum CountyWindow {
    #[default]
    Closed,
    /// Reading on its own thread; the window shows a progress bar.
    Reading(CountyJob),
    Shown(CountyPanel),
}

/// A roll-up running off the window's thread: a province's folder takes
/// seconds, and the window must keep drawing (and offer 取消) meanwhile.
#[derive(Debug)]
pub struct CountyJob {
    pub source: PathBuf,
    pub progress: Arc<Progress>,
    expected: usize,
    handle: JoinHandle<Rollup>,
}

impl CountyJob {
    /// `已读取 1200 / 30000 份报告`, or that the folder is being searched.
    pub fn label(&self) -> String {
        match self.progress.counts() {
            (_, 0) => "正在查找报告文件…".to_string(),
            (done, total) => format!("已读取 {done} / {total} 份报告"),
        }
    }

    /// Between 0 and 1, for the progress bar.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.progress.counts();
        if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        }
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
    /// The list as sorted, kept so a province's 30,000 rows are not
    /// rebuilt and sorted on every frame.
    rows: Vec<TownRow>,
}

impl CountyPanel {
    pub fn new(source: PathBuf, rollup: Rollup, expected: usize) -> CountyPanel {
        let mut panel = CountyPanel {
            rows: rollup.town_rows(),
            source,
            rollup,
            sort: CountySort::Unit,
            descending: false,
            expected,
        };
        panel.sort_rows();
        panel
    }

    /// The towns' list ([`Rollup::town_rows`]) sorted as chosen; missing
    /// units always last.
    pub fn rows(&self) -> &[TownRow] {
        &self.rows
    }

    fn sort_rows(&mut self) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.sort_by(|a, b| {
            let o = self.compare(a, b);
            let o = if self.descending { o.reverse() } else { o };
            // Missing units last, whichever way the rest is sorted.
            a.missing().cmp(&b.missing()).then(o)
        });
        self.rows = rows;
    }

    fn compare(&self, a: &TownRow, b: &TownRow) -> Ordering {
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
        self.sort_rows();
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
        match &self.county {
            CountyWindow::Shown(panel) => Some(panel),
            CountyWindow::Closed | CountyWindow::Reading(_) => None,
        }
    }

    /// The roll-up being read, while it runs.
    pub fn county_job(&self) -> Option<&CountyJob> {
        match &self.county {
            CountyWindow::Reading(job) => Some(job),
            CountyWindow::Closed | CountyWindow::Shown(_) => None,
        }
    }

    fn county_mut(&mut self) -> Option<&mut CountyPanel> {
        match &mut self.county {
            CountyWindow::Shown(panel) => Some(panel),
            CountyWindow::Closed | CountyWindow::Reading(_) => None,
        }
    }

    /// Show the roll-up once its thread is done (called every frame; a
    /// cancelled roll-up closes the window without showing a partial list).
    pub fn poll_county(&mut self) {
        let finished =
            matches!(&self.county, CountyWindow::Reading(job) if job.handle.is_finished());
        if !finished {
            return;
        }
        let CountyWindow::Reading(job) = std::mem::take(&mut self.county) else {
            return;
        };
        if job.progress.is_cancelled() {
            self.status = Some(StatusMessage::info("已取消汇总。"));
            return;
        }
        match job.handle.join() {
            Ok(result) => {
                let panel = CountyPanel::new(job.source, result, job.expected);
                self.status = Some(StatusMessage::info(panel.summary()));
                self.county = CountyWindow::Shown(panel);
            }
            Err(_) => self.show_error(
                "汇总时出错",
                format!("读取 {} 时程序出错，未能完成汇总。", job.source.display()),
                false,
            ),
        }
    }

    pub(super) fn apply_county_command(&mut self, cmd: Command) {
        match cmd {
            Command::RollupDialog => {
                self.ask_open("选择要汇总的文件夹", FileKind::Folder, Purpose::Rollup);
            }
            Command::Rollup(path) => self.roll_up(&path),
            Command::SortCounty(key) => {
                if let Some(panel) = self.county_mut() {
                    panel.sort_by(key);
                }
            }
            Command::CancelRollup => {
                if let Some(job) = self.county_job() {
                    job.progress.cancel();
                }
            }
            Command::CloseCounty => {
                if let Some(job) = self.county_job() {
                    job.progress.cancel();
                }
                self.county = CountyWindow::Closed;
            }
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

    /// Start reading `path` on its own thread; [`EditorState::poll_county`]
    /// shows the result.
    fn roll_up(&mut self, path: &Path) {
        if let Some(job) = self.county_job() {
            job.progress.cancel();
        }
        let paths = vec![path.to_path_buf()];
        let expected = match rollup::expected_units(&paths, None) {
            Ok(units) => units,
            Err(e) => {
                self.status = Some(StatusMessage::error(format!("{e}。本次汇总不列缺报单位。")));
                Vec::new()
            }
        };
        let progress = Arc::new(Progress::new());
        let shared = Arc::clone(&progress);
        let count = expected.len();
        let filing = self.settings.filing_by;
        let handle =
            std::thread::spawn(move || rollup::rollup_with(&paths, &expected, filing, &shared));
        self.county = CountyWindow::Reading(CountyJob {
            source: path.to_path_buf(),
            progress,
            expected: count,
            handle,
        });
    }

    /// Ask where one of the county window's files goes: in the rolled-up
    /// folder, named `2025年政府信息公开工作年度报告` + `ending`.
    fn ask_county_save(&mut self, title: &str, kind: FileKind, purpose: Purpose, ending: &str) {
        let Some(panel) = self.county() else { return };
        let dir = folder_of(&panel.source);
        let name = county_file_name(&panel.rollup, ending);
        self.ask_save_in(title, kind, purpose, name, dir);
    }

    fn export_rollup(&mut self, path: &Path) {
        let Some(panel) = self.county() else { return };
        let bytes = rollup::to_xlsx(&panel.rollup);
        self.write_county_file(path, bytes, "汇总工作簿");
    }

    fn write_send_back(&mut self, path: &Path) {
        let Some(panel) = self.county() else { return };
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
        let Some(sum) = self.county().and_then(|p| p.rollup.main_sum()) else {
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
