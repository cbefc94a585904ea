//! 汇总 (rollup): a county's 政务公开办 reads every township's and
//! department's report at once — who reported, who did not, who reported
//! twice, whose tables do not tie up — and adds the tables up cell by cell
//! into the county's own figures.
//!
//! Reading and validating runs on every core (rayon); each report is summed
//! as soon as it is read and then dropped, so memory stays flat however many
//! reports there are (a province's ~30,000 fit one machine). Only one small
//! [`Town`] row per report is kept.

mod discover;
mod figures;
mod progress;
mod render;
mod send_back;
mod sum;
mod towns;
mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::deadline::MonthDay;
use crate::document::{file, UnitLevel};
use crate::template;
use crate::validate::validate;

pub use discover::{discover, expected_units, parse_expected, same_unit, unit_key, EXPECTED_FILE};
pub use figures::{figure_value, key_figures, FigureValue};
pub use progress::Progress;
pub use render::{to_csv, to_json, to_text};
pub use send_back::to_send_back;
pub use sum::{CellTotal, Sum, SumFinding};
pub use towns::{TownRow, TownStatus};
pub use xlsx::to_xlsx;

/// One report read: the row of the towns' list.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    pub file: PathBuf,
    pub unit: String,
    pub level: UnitLevel,
    pub year: u16,
    pub template: String,
    pub errors: usize,
    pub warnings: usize,
    /// Handed in (the file last saved, China time) after its deadline: the
    /// county's 备案 date, or the law's by the unit's level
    /// ([`crate::deadline::late_for_filing`]).
    pub late: bool,
    /// The errors' sentences (official row and column names, the numbers),
    /// for the list of reports sent back ([`to_send_back`]).
    pub error_messages: Vec<String>,
    /// The template's key figures in its order: (cell address, label,
    /// value); `None` when the cell is blank or not a number.
    pub figures: Vec<FigureValue>,
    /// (rule, cells) of each finding, so a failure in the sum can name the
    /// towns that cause it without keeping their documents.
    findings: Vec<(String, Vec<crate::document::CellRef>)>,
}

/// A file that could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub file: PathBuf,
    /// Chinese explanation with the technical cause.
    pub message: String,
}

/// A unit with more than one report for the same year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub unit: String,
    pub year: u16,
    pub files: Vec<PathBuf>,
}

/// Everything a rollup found.
#[derive(Debug, Clone, Default)]
pub struct Rollup {
    /// One row per report read, ordered by file path.
    pub towns: Vec<Town>,
    /// Expected units without a report for [`Rollup::year`].
    pub missing: Vec<String>,
    pub duplicates: Vec<Duplicate>,
    pub unreadable: Vec<Unreadable>,
    /// The summed tables, one per (year, template), newest year first.
    pub sums: Vec<Sum>,
}

impl Rollup {
    /// The year the rollup is about: the newest among the reports read.
    pub fn year(&self) -> Option<u16> {
        self.towns.iter().map(|t| t.year).max()
    }

    /// The reports handed in after their deadline.
    pub fn late(&self) -> impl Iterator<Item = &Town> {
        self.towns.iter().filter(|t| t.late)
    }

    /// The reports with errors: the ones the county sends back.
    pub fn with_errors(&self) -> impl Iterator<Item = &Town> {
        self.towns.iter().filter(|t| t.errors > 0)
    }

    /// `读取 6 份报告，1 份有错误；缺报 2 个单位，重复报送 1 个，无法读取 1 个文件。`
    /// and, when some were handed in late, `逾期报送 3 份。`
    pub fn summary(&self) -> String {
        let with_errors = self.with_errors().count();
        let mut out = format!(
            "读取 {} 份报告，{with_errors} 份有错误；缺报 {} 个单位，重复报送 {} 个，无法读取 {} 个文件。",
            self.towns.len(),
            self.missing.len(),
            self.duplicates.len(),
            self.unreadable.len()
        );
        let late = self.late().count();
        if late > 0 {
            out.push_str(&format!("逾期报送 {late} 份。"));
        }
        out
    }

    /// The sum the county reads first: the one of [`Rollup::year`] over the
    /// most reports (a folder may also hold last year's files).
    pub fn main_sum(&self) -> Option<&Sum> {
        let year = self.year()?;
        self.sums
            .iter()
            .filter(|s| s.year == year)
            .max_by_key(|s| s.reports)
    }

    /// 0: every report validates; 1: a report has errors, or a unit is
    /// missing or reported twice; 2: a file could not be read.
    pub fn exit_code(&self) -> u8 {
        if !self.unreadable.is_empty() {
            2
        } else if self.with_errors().next().is_some()
            || !self.missing.is_empty()
            || !self.duplicates.is_empty()
        {
            1
        } else {
            0
        }
    }
}

/// What one file gave: a town and its cells to add up, or why not.
enum Read {
    Report(Town, Box<crate::document::Document>),
    Failed(Unreadable),
}

/// Read one file, validate it and note its key figures.
fn read(path: &Path, filing: Option<MonthDay>) -> Read {
    let doc = match file::load(path) {
        Ok(doc) => doc,
        Err(e) => {
            return Read::Failed(Unreadable {
                file: path.to_path_buf(),
                message: e.to_string(),
            })
        }
    };
    let Some(template) = template::get(&doc.template) else {
        return Read::Failed(Unreadable {
            file: path.to_path_buf(),
            message: format!("未知的模板“{}” (unknown template)", doc.template),
        });
    };
    let report = validate(&doc, template);
    let findings = report
        .all()
        .map(|f| (f.rule.clone(), f.cells.clone()))
        .collect();
    let late = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|saved| crate::deadline::late_for_filing(&doc.meta, filing, saved));
    let town = Town {
        file: path.to_path_buf(),
        unit: doc.meta.unit.trim().to_string(),
        level: doc.meta.level,
        year: doc.meta.year,
        template: doc.template.clone(),
        errors: report.errors.len(),
        warnings: report.warnings.len(),
        late,
        error_messages: report.errors.iter().map(|f| f.message.clone()).collect(),
        figures: key_figures(&doc, template),
        findings,
    };
    Read::Report(town, Box::new(doc))
}

/// What each worker gathers before the results are merged.
#[derive(Default)]
struct Gathered {
    towns: Vec<Town>,
    unreadable: Vec<Unreadable>,
    sums: BTreeMap<(u16, String), Sum>,
}

impl Gathered {
    /// Add one file's result; its document is summed and dropped here.
    fn add(mut self, read: Read) -> Gathered {
        match read {
            Read::Failed(u) => self.unreadable.push(u),
            Read::Report(town, doc) => {
                self.sums
                    .entry((doc.meta.year, doc.template.clone()))
                    .or_insert_with(|| Sum::new(doc.meta.year, &doc.template))
                    .add(&doc);
                self.towns.push(town);
            }
        }
        self
    }

    fn merge(mut self, other: Gathered) -> Gathered {
        self.towns.extend(other.towns);
        self.unreadable.extend(other.unreadable);
        for (key, sum) in other.sums {
            match self.sums.remove(&key) {
                Some(mine) => self.sums.insert(key, mine.merge(sum)),
                None => self.sums.insert(key, sum),
            };
        }
        self
    }
}

/// Roll up every report under `paths` (files, or folders searched
/// recursively for `.ron`); `expected` lists the units that must report.
pub fn rollup(paths: &[PathBuf], expected: &[String]) -> Rollup {
    rollup_with(paths, expected, None, &Progress::new())
}

/// [`rollup`], with the county's 备案 date (`filing`: reports saved after it
/// are late; `None`: the law's date by level), counting each report read
/// into `progress` and skipping the rest once [`Progress::cancel`] is called
/// (the result is then partial: the caller knows, since it cancelled).
pub fn rollup_with(
    paths: &[PathBuf],
    expected: &[String],
    filing: Option<MonthDay>,
    progress: &Progress,
) -> Rollup {
    let (files, mut unreadable) = discover(paths);
    progress.found(files.len());
    let gathered = files
        .par_iter()
        .filter(|_| !progress.is_cancelled())
        .map(|p| {
            let one = read(p, filing);
            progress.read_one();
            one
        })
        .fold(Gathered::default, Gathered::add)
        .reduce(Gathered::default, Gathered::merge);
    unreadable.extend(gathered.unreadable);
    unreadable.sort_by(|a, b| a.file.cmp(&b.file));
    let mut towns = gathered.towns;
    towns.sort_by(|a, b| a.file.cmp(&b.file));
    let mut sums: Vec<Sum> = gathered.sums.into_values().collect();
    sums.sort_by(|a, b| b.year.cmp(&a.year).then(b.reports.cmp(&a.reports)));
    for s in &mut sums {
        s.check(&towns);
    }
    let mut out = Rollup {
        towns,
        missing: Vec::new(),
        duplicates: Vec::new(),
        unreadable,
        sums,
    };
    out.duplicates = discover::duplicates(&out.towns);
    out.missing = discover::missing(&out.towns, expected, out.year());
    out
}
