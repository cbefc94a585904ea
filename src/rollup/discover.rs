//! Which files to read, which units were expected, and who reported twice
//! or not at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Duplicate, Town, Unreadable};

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
/// starting with `#` are skipped, a UTF-8 BOM (Excel, WPS) is ignored.
pub fn parse_expected(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let unit = line.trim();
        if unit.is_empty() || unit.starts_with('#') {
            continue;
        }
        if !out.iter().any(|u| same_unit(u, unit)) {
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

/// Expected units with no report for `year`.
pub(super) fn missing(towns: &[Town], expected: &[String], year: Option<u16>) -> Vec<String> {
    expected
        .iter()
        .filter(|unit| {
            !towns
                .iter()
                .any(|t| Some(t.year) == year && same_unit(&t.unit, unit))
        })
        .cloned()
        .collect()
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
