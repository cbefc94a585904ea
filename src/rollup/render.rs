//! The rollup as text (for the clerk's terminal), JSON (for scripts) and CSV
//! (the towns' list, for Excel / WPS).

use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::{Rollup, Sum};
use crate::export::display_width;
use crate::template::Severity;

/// A number as printed: no trailing zeros; blank stays empty.
fn num(v: Option<Decimal>) -> String {
    v.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// Lines padded to the widest cell of each column (CJK counts double).
fn aligned(rows: &[Vec<String>]) -> String {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..ncols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| display_width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - display_width(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Header and one row per town: the list every format shares.
fn town_table(rollup: &Rollup) -> Vec<Vec<String>> {
    let mut head: Vec<String> = [
        "文件", "单位", "层级", "年度", "模板", "状态", "错误", "提示", "报送",
    ]
    .map(String::from)
    .to_vec();
    head.extend(rollup.figure_labels());
    let mut rows = vec![head];
    for t in rollup.town_rows() {
        let missing = t.missing();
        let counts = |n: usize| {
            if missing {
                String::new()
            } else {
                n.to_string()
            }
        };
        let mut row = vec![
            t.file.map(|f| f.display().to_string()).unwrap_or_default(),
            t.unit.clone(),
            t.level.map(|l| l.label().to_string()).unwrap_or_default(),
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.template.clone().unwrap_or_default(),
            t.status.label().to_string(),
            counts(t.errors),
            counts(t.warnings),
            if t.late { "逾期" } else { "" }.to_string(),
        ];
        row.extend(t.figures.into_iter().map(num));
        rows.push(row);
    }
    rows
}

/// The rollup for a terminal: summary, towns, missing, duplicates,
/// unreadable files, then each sum's findings with the towns causing them.
pub fn to_text(rollup: &Rollup) -> String {
    let mut out = format!("汇总：{}\n", rollup.summary());
    out.push_str("\n各单位：\n");
    out.push_str(&aligned(&town_table(rollup)));
    if !rollup.missing.is_empty() {
        out.push_str(&format!("\n缺报单位：{}\n", rollup.missing.join("、")));
    }
    for d in &rollup.duplicates {
        let files: Vec<String> = d.files.iter().map(|f| f.display().to_string()).collect();
        out.push_str(&format!(
            "\n重复报送：{} {} 年有 {} 份报告（汇总中各计一次）：{}\n",
            d.unit,
            d.year,
            d.files.len(),
            files.join("、")
        ));
    }
    for u in &rollup.unreadable {
        out.push_str(&format!(
            "\n无法读取：{}：{}\n",
            u.file.display(),
            u.message
        ));
    }
    for sum in &rollup.sums {
        out.push_str(&sum_text(sum));
    }
    out
}

fn sum_text(sum: &Sum) -> String {
    let mut out = format!(
        "\n汇总表（{} 年，模板 {}，{} 份报告）：\n",
        sum.year, sum.template, sum.reports
    );
    let errors = sum
        .findings
        .iter()
        .filter(|f| f.finding.severity == Severity::Error)
        .count();
    if errors == 0 {
        out.push_str("  勾稽关系：汇总后全部相符。\n");
    }
    for f in &sum.findings {
        if f.finding.severity != Severity::Error {
            continue;
        }
        let towns = if f.towns.is_empty() {
            String::new()
        } else {
            format!(" —— 涉及：{}", f.towns.join("、"))
        };
        out.push_str(&format!(
            "  ✖ [{}] {}{towns}\n",
            f.finding.rule, f.finding.message
        ));
    }
    let incomplete = sum.incomplete();
    if !incomplete.is_empty() {
        let list: Vec<String> = incomplete
            .iter()
            .map(|(c, n)| {
                let label = crate::template::get(&sum.template)
                    .map_or_else(|| c.to_string(), |t| t.cell_label(c));
                format!("{label}（{n} 份）")
            })
            .collect();
        out.push_str(&format!(
            "  部分报告未填写（或不是数字）的单元格，合计只含已填写的：{}\n",
            list.join("、")
        ));
    }
    out
}

/// A number for JSON: integers stay exact, amounts as decimals.
fn json_number(v: Option<Decimal>) -> serde_json::Value {
    let Some(d) = v else {
        return serde_json::Value::Null;
    };
    if d.fract().is_zero() {
        if let Ok(i) = i64::try_from(d) {
            return i.into();
        }
    }
    d.normalize()
        .to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// A JSON object keeping the given key order (figures in template order).
struct Ordered(Vec<(String, serde_json::Value)>);

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonRollup {
    reports: Vec<JsonTown>,
    missing: Vec<String>,
    duplicates: Vec<JsonDuplicate>,
    unreadable: Vec<JsonUnreadable>,
    /// Every summed cell of the main sum (this year, most reports).
    totals: Ordered,
    sums: Vec<JsonSum>,
}

#[derive(Serialize)]
struct JsonTown {
    file: String,
    unit: String,
    level: &'static str,
    year: u16,
    template: String,
    errors: usize,
    warnings: usize,
    late: bool,
    figures: Ordered,
}

#[derive(Serialize)]
struct JsonDuplicate {
    unit: String,
    year: u16,
    files: Vec<String>,
}

#[derive(Serialize)]
struct JsonUnreadable {
    file: String,
    message: String,
}

#[derive(Serialize)]
struct JsonSum {
    year: u16,
    template: String,
    reports: usize,
    totals: Ordered,
    /// Cells some reports left blank: how many did.
    blank: Ordered,
    findings: Vec<JsonSumFinding>,
}

#[derive(Serialize)]
struct JsonSumFinding {
    rule: String,
    severity: &'static str,
    cells: Vec<String>,
    message: String,
    towns: Vec<String>,
}

fn totals(sum: Option<&Sum>) -> Ordered {
    Ordered(
        sum.map(|s| {
            s.cells
                .keys()
                .map(|c| (c.to_string(), json_number(s.value(c))))
                .collect()
        })
        .unwrap_or_default(),
    )
}

fn json_sum(sum: &Sum) -> JsonSum {
    JsonSum {
        year: sum.year,
        template: sum.template.clone(),
        reports: sum.reports,
        totals: totals(Some(sum)),
        blank: Ordered(
            sum.incomplete()
                .into_iter()
                .map(|(c, n)| (c.to_string(), n.into()))
                .collect(),
        ),
        findings: sum
            .findings
            .iter()
            .map(|f| JsonSumFinding {
                rule: f.finding.rule.clone(),
                severity: f.finding.severity.name(),
                cells: f.finding.cells.iter().map(|c| c.to_string()).collect(),
                message: f.finding.message.clone(),
                towns: f.towns.clone(),
            })
            .collect(),
    }
}

/// The rollup as the JSON promised to scripts (`reports`, `missing`,
/// `duplicates`, `unreadable`, `totals`, then every `sums` in detail).
pub fn to_json(rollup: &Rollup) -> String {
    let v = JsonRollup {
        reports: rollup
            .towns
            .iter()
            .map(|t| JsonTown {
                file: t.file.display().to_string(),
                unit: t.unit.clone(),
                level: t.level.label(),
                year: t.year,
                template: t.template.clone(),
                errors: t.errors,
                warnings: t.warnings,
                late: t.late,
                figures: Ordered(
                    t.figures
                        .iter()
                        .map(|f| (f.cell.clone(), json_number(f.value)))
                        .collect(),
                ),
            })
            .collect(),
        missing: rollup.missing.clone(),
        duplicates: rollup
            .duplicates
            .iter()
            .map(|d| JsonDuplicate {
                unit: d.unit.clone(),
                year: d.year,
                files: d.files.iter().map(|f| f.display().to_string()).collect(),
            })
            .collect(),
        unreadable: rollup
            .unreadable
            .iter()
            .map(|u| JsonUnreadable {
                file: u.file.display().to_string(),
                message: u.message.clone(),
            })
            .collect(),
        totals: totals(rollup.main_sum()),
        sums: rollup.sums.iter().map(json_sum).collect(),
    };
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

/// One CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The towns' list as CSV with a BOM (so Excel and WPS read it as UTF-8),
/// missing units as rows marked 缺报.
pub fn to_csv(rollup: &Rollup) -> String {
    let mut out = String::from("\u{feff}");
    for row in town_table(rollup) {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The towns' list (header first), shared with the workbook.
pub(super) fn towns_rows(rollup: &Rollup) -> Vec<Vec<String>> {
    town_table(rollup)
}
