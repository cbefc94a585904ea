//! The comparison as text, Markdown and JSON.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Comparison, Line};
use crate::export::display_width;

/// A value as printed; blank is 未填写, never 0.
fn shown(v: &Option<crate::document::CellValue>) -> String {
    v.as_ref()
        .map(|v| v.to_string())
        .unwrap_or_else(|| "未填写".to_string())
}

/// `+3`, `−2`, `0`; empty when it cannot be computed.
pub fn change_text(change: Option<Decimal>) -> String {
    match change {
        Some(c) if c.is_sign_positive() && !c.is_zero() => format!("+{}", c.normalize()),
        Some(c) if c.is_zero() => "0".to_string(),
        Some(c) => format!("−{}", c.abs().normalize()),
        None => String::new(),
    }
}

/// `+50%`; empty when last year was 0 or blank.
pub fn ratio_text(ratio: Option<Decimal>) -> String {
    ratio
        .map(|r| {
            let pct = (r * Decimal::from(100)).round_dp(0);
            if pct.is_sign_negative() && !pct.is_zero() {
                format!("−{}%", pct.abs())
            } else {
                format!("+{pct}%")
            }
        })
        .unwrap_or_default()
}

/// What the mark column says.
fn mark(l: &Line) -> &'static str {
    if l.beyond {
        "变化较大"
    } else {
        ""
    }
}

fn label(l: &Line) -> String {
    if l.col.is_empty() {
        l.row.clone()
    } else if l.row.is_empty() {
        l.col.clone()
    } else {
        format!("{} · {}", l.row, l.col)
    }
}

fn heading(c: &Comparison) -> String {
    format!(
        "{}：{} 年与 {} 年对比（变化较大：相差至少 {} 且至少 {}%），{} 处变化较大。",
        c.unit,
        c.this_year,
        c.last_year,
        super::SOFT_THRESHOLDS.absolute,
        super::SOFT_THRESHOLDS.relative * Decimal::from(100),
        c.beyond()
    )
}

/// Aligned columns per table: 项目、上年、本年、增减、幅度、标记.
pub fn to_text(c: &Comparison) -> String {
    let mut out = heading(c);
    out.push('\n');
    for t in c.tables.iter().filter(|t| !t.lines.is_empty()) {
        out.push_str(&format!("\n{}\n", t.name));
        let mut rows = vec![["项目", "上年", "本年", "增减", "幅度", ""]
            .map(String::from)
            .to_vec()];
        for l in &t.lines {
            rows.push(vec![
                label(l),
                shown(&l.last),
                shown(&l.this),
                change_text(l.change),
                ratio_text(l.ratio),
                mark(l).to_string(),
            ]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|i| rows.iter().map(|r| display_width(&r[i])).max().unwrap_or(0))
            .collect();
        for r in &rows {
            let mut line = String::from("  ");
            for (i, cell) in r.iter().enumerate() {
                let pad = " ".repeat(widths[i] - display_width(cell));
                if i == 0 {
                    line.push_str(&format!("{cell}{pad}  "));
                } else {
                    line.push_str(&format!("{pad}{cell}  "));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// A Markdown table per table; big changes in bold.
pub fn to_markdown(c: &Comparison) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = format!("# {}\n", esc(&heading(c)));
    for t in c.tables.iter().filter(|t| !t.lines.is_empty()) {
        out.push_str(&format!("\n## {}\n\n", esc(&t.name)));
        out.push_str("| 项目 | 上年 | 本年 | 增减 | 幅度 | |\n|---|---:|---:|---:|---:|---|\n");
        for l in &t.lines {
            let bold = |s: String| if l.beyond { format!("**{s}**") } else { s };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                esc(&label(l)),
                esc(&shown(&l.last)),
                esc(&shown(&l.this)),
                bold(change_text(l.change)),
                bold(ratio_text(l.ratio)),
                mark(l)
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonComparison<'c> {
    unit: &'c str,
    this_year: u16,
    last_year: u16,
    thresholds: JsonThresholds,
    tables: Vec<JsonTable<'c>>,
}

#[derive(Serialize)]
struct JsonThresholds {
    absolute: String,
    relative: String,
}

#[derive(Serialize)]
struct JsonTable<'c> {
    key: &'c str,
    name: &'c str,
    lines: Vec<JsonLine>,
}

#[derive(Serialize)]
struct JsonLine {
    cell: String,
    row: String,
    col: String,
    last: Option<String>,
    this: Option<String>,
    change: Option<String>,
    ratio: Option<String>,
    beyond: bool,
}

/// JSON for scripts; numbers as exact decimal strings, blank as null.
pub fn to_json(c: &Comparison) -> String {
    let dec = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
    let v = JsonComparison {
        unit: &c.unit,
        this_year: c.this_year,
        last_year: c.last_year,
        thresholds: JsonThresholds {
            absolute: super::SOFT_THRESHOLDS.absolute.to_string(),
            relative: super::SOFT_THRESHOLDS.relative.to_string(),
        },
        tables: c
            .tables
            .iter()
            .map(|t| JsonTable {
                key: &t.key,
                name: &t.name,
                lines: t
                    .lines
                    .iter()
                    .map(|l| JsonLine {
                        cell: l.cell.to_string(),
                        row: l.row.clone(),
                        col: l.col.clone(),
                        last: l.last.as_ref().map(|v| v.to_string()),
                        this: l.this.as_ref().map(|v| v.to_string()),
                        change: dec(l.change),
                        ratio: dec(l.ratio.map(|r| r.round_dp(4))),
                        beyond: l.beyond,
                    })
                    .collect(),
            })
            .collect(),
    };
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}
