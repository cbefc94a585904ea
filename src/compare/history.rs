//! The key figures of one unit over the years: this report, the year linked
//! to it, and every other report of the same unit in the same folder.

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::document::{file, CellRef, CellValue, Document};
use crate::rollup::same_unit;
use crate::template::Template;

/// A folder holding more report files than this is a county's collection,
/// not one town's years: only this many are looked at.
const MAX_FOLDER_FILES: usize = 200;

/// One year's key figures, in the order of the template's `figures`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub year: u16,
    /// (label, value); `None` where the year left it blank.
    pub values: Vec<(String, Option<Decimal>)>,
}

/// The chart figures of `template` for each known year, oldest first: this
/// report, its linked last year, and reports of the same unit in `folder`
/// (one per year; this report and the link win over files).
pub fn history(doc: &Document, template: &Template, folder: Option<&Path>) -> Vec<YearFigures> {
    let mut years: BTreeMap<u16, YearFigures> = BTreeMap::new();
    if let Some(dir) = folder {
        for other in same_unit_reports(doc, dir) {
            years.insert(
                other.meta.year,
                figures(&other.cells, other.meta.year, template),
            );
        }
    }
    if let Some(prev) = &doc.previous {
        years.insert(prev.year, figures(&prev.cells, prev.year, template));
    }
    years.insert(doc.meta.year, figures(&doc.cells, doc.meta.year, template));
    years.into_values().collect()
}

fn figures(cells: &BTreeMap<CellRef, CellValue>, year: u16, template: &Template) -> YearFigures {
    let values = template
        .key_figures
        .iter()
        .filter(|f| f.chart)
        .map(|f| {
            let value = f
                .cell
                .parse::<CellRef>()
                .ok()
                .and_then(|c| cells.get(&c)?.number());
            (f.label.clone(), value)
        })
        .collect();
    YearFigures { year, values }
}

/// Readable reports in `dir` of the same unit and another year.
fn same_unit_reports(doc: &Document, dir: &Path) -> Vec<Document> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .take(MAX_FOLDER_FILES)
        .filter_map(|p| file::load(&p).ok())
        .filter(|d| d.meta.year != doc.meta.year && same_unit(&d.meta.unit, &doc.meta.unit))
        .collect()
}
