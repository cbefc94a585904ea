//! Which files to read, which units were expected, and who reported twice
//! or not at all.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Duplicate, Town, Unreadable};

/// In a folder being rolled up, the list of units that must report (one a
/// line), when the county keeps one there.
pub const EXPECTED_FILE: &str = "应报单位.txt";

/// The extension of a report file.
const REPORT_EXT: &str = "ron";

/// Suffixes a unit's name is written with or without: the list of expected
/// units says 某某镇, the report 某某镇人民政府.
const UNIT_SUFFIXES: [&str; 3] = ["人民政府", "办事处", "政府"];

/// Every report file under `paths`: files as given, folders searched
/// recursively for `.ron` (sorted, so the order never depends on the disk).
/// A path that does not exist or a folder that cannot be listed is returned
/// as unreadable; the rest are still read.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Unreadable>) {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut unreadable);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            unreadable.push(Unreadable {
                file: path.clone(),
                message: format!("找不到文件或文件夹 {} (not found)", path.display()),
            });
        }
    }
    files.sort();
    files.dedup();
    (files, unreadable)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, unreadable: &mut Vec<Unreadable>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            unreadable.push(Unreadable {
                file: dir.to_path_buf(),
                message: format!("无法读取文件夹 {} ({e})", dir.display()),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files, unreadable);
        } else if is_report_file(&path) {
            files.push(path);
        }
    }
}

/// `.ron` files only; `NAME.ron.bak` backups and editor temporaries are not reports.
fn is_report_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    !hidden
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case(REPORT_EXT))
}

/// The expected units from a text file: one per line; blank lines and lines
/// starting with `#` are skipped, a UTF-8 BOM (Excel, WPS) is ignored, and
/// a unit written twice (甲镇, 甲镇人民政府) is kept once.
pub fn parse_expected(text: &str) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let unit = line.trim_start_matches('\u{feff}').trim();
        if unit.is_empty() || unit.starts_with('#') {
            continue;
        }
        if seen.insert(unit_key(unit)) {
            out.push(unit.to_string());
        }
    }
    out
}

/// A unit's name as compared: spaces removed, without 人民政府 / 办事处.
pub fn unit_key(unit: &str) -> String {
    let mut key: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    // The longest suffix that matches decides: 人民政府 alone stays whole
    // rather than losing its 政府.
    let stem = UNIT_SUFFIXES
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty())
        .map(str::to_string);
    if let Some(stem) = stem {
        key = stem;
    }
    key
}

/// Whether two spellings name the same unit (某某镇 and 某某镇人民政府).
pub fn same_unit(a: &str, b: &str) -> bool {
    unit_key(a) == unit_key(b)
}

/// Units with more than one report for the same year.
pub(super) fn duplicates(towns: &[Town]) -> Vec<Duplicate> {
    let mut by_unit: BTreeMap<(String, u16), Vec<&Town>> = BTreeMap::new();
    for town in towns {
        by_unit
            .entry((unit_key(&town.unit), town.year))
            .or_default()
            .push(town);
    }
    by_unit
        .into_values()
        .filter(|ts| ts.len() > 1)
        .map(|ts| Duplicate {
            unit: ts[0].unit.clone(),
            year: ts[0].year,
            files: ts.iter().map(|t| t.file.clone()).collect(),
        })
        .collect()
}

/// Expected units with no report for `year`. One set of the reporting
/// units' keys, so a province's list of 30,000 is not compared pairwise.
pub(super) fn missing(towns: &[Town], expected: &[String], year: Option<u16>) -> Vec<String> {
    let reported: HashSet<String> = towns
        .iter()
        .filter(|t| Some(t.year) == year)
        .map(|t| unit_key(&t.unit))
        .collect();
    expected
        .iter()
        .filter(|unit| !reported.contains(&unit_key(unit)))
        .cloned()
        .collect()
}

/// The units that must report: the list file given (`nianbao rollup
/// --expect`), or else the [`EXPECTED_FILE`] kept in any folder rolled up.
/// The command line and the county window both ask this, so the same
/// folder lists the same missing units in both.
pub fn expected_units(paths: &[PathBuf], list: Option<&Path>) -> Result<Vec<String>, String> {
    let lists: Vec<PathBuf> = match list {
        Some(list) => vec![list.to_path_buf()],
        None => paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| p.join(EXPECTED_FILE))
            .filter(|p| p.is_file())
            .collect(),
    };
    let mut text = String::new();
    for path in lists {
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("无法读取应报单位名单 {}：{e}", path.display()))?;
        text.push_str(&String::from_utf8_lossy(&bytes));
        text.push('\n');
    }
    Ok(parse_expected(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_match_with_or_without_government() {
        assert!(same_unit("某某镇", "某某镇人民政府"));
        assert!(same_unit("某某街道", "某某街道办事处"));
        assert!(same_unit(" 某某 镇", "某某镇"));
        assert!(!same_unit("某某镇", "某某乡"));
        // A name that is only the suffix is kept whole.
        assert_eq!(unit_key("人民政府"), "人民政府");
    }

    #[test]
    fn expected_list_skips_blanks_comments_and_repeats() {
        let units = parse_expected("\u{feff}甲镇\n\n# 注释\n乙街道\r\n甲镇人民政府\n");
        assert_eq!(units, vec!["甲镇".to_string(), "乙街道".to_string()]);
    }

    #[test]
    fn only_ron_files_are_reports() {
        assert!(is_report_file(Path::new("a/甲镇.ron")));
        assert!(is_report_file(Path::new("a/甲镇.RON")));
        assert!(!is_report_file(Path::new("a/甲镇.ron.bak")));
        assert!(!is_report_file(Path::new("a/.甲镇.ron")));
        assert!(!is_report_file(Path::new("a/甲镇.txt")));
    }
}
