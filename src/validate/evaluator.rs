//! The checks evaluators make of the prose itself: the report's own year,
//! the six official headings, and a part 五 that says something.

use rust_decimal::Decimal;

use super::prose::texts;
use super::{Finding, TextSpan};
use crate::document::{Address, Document, MetaField};
use crate::import::labels::similarity;
use crate::prose::{numbers, text};
use crate::template::{Rule, Template};

/// Words that put a sentence in the coming year (plans in part 五).
const FUTURE: &[&str] = &["将", "计划", "继续", "下一步", "力争", "拟", "进一步"];

/// What may follow `2025年` when the year is the subject of the sentence.
const OWN_PERIOD_AFTER: &[&str] = &[
    "，",
    ",",
    "我",
    "全",
    "本",
    "以来",
    "度，",
    "度,",
    "度我",
    "度全",
    "度本",
    "度以来",
];

/// Least similarity for a heading line to be read as an official heading.
const HEADING_SIMILARITY: f64 = 0.5;

fn finding(rule: &Rule, message: String, span: TextSpan) -> Finding {
    Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        cells: Vec::new(),
        message,
        span: Some(span),
    }
}

fn span_of(address: &Address, prose: &str, start: usize, end: usize) -> TextSpan {
    TextSpan {
        address: address.clone(),
        start: text::char_offset(prose, start),
        end: text::char_offset(prose, end),
    }
}

/// `Check::ReportYear`: `2023年，我镇…` in a 2025 report, a statistics period
/// of another year, or a title naming another year. Years inside a sentence
/// (`较2024年增加`) quote other years and are left alone.
pub(crate) fn check_year(rule: &Rule, doc: &Document, template: &Template, out: &mut Vec<Finding>) {
    let year = doc.meta.year;
    if let Some(title) = doc.meta.title.as_deref() {
        for n in numbers::scan(title).iter().filter(|n| is_year(n)) {
            if n.value != Decimal::from(year) {
                out.push(finding(
                    rule,
                    format!(
                        "标题中的“{}”与报告年度 {year} 年不一致。请核对标题或“报告年度”。",
                        &title[n.start..n.unit_end]
                    ),
                    span_of(&Address::Meta(MetaField::Title), title, n.start, n.unit_end),
                ));
            }
        }
    }
    for (address, where_, prose) in texts(doc, template) {
        for n in numbers::scan(prose).iter().filter(|n| is_year(n)) {
            let Some(end) = own_period(prose, n) else {
                continue;
            };
            let y = n.value;
            if y == Decimal::from(year)
                || (y == Decimal::from(year) + Decimal::ONE && future(prose, n.start))
            {
                continue;
            }
            let quoted = &prose[n.start..end];
            out.push(finding(
                rule,
                format!(
                    "{where_}“{quoted}”把 {y} 年写作本报告的年度，而本报告是 {year} 年度的报告。请核对是否沿用了往年报告的文字（引用往年数字时请写明“上年”）。"
                ),
                span_of(&address, prose, n.start, end),
            ));
        }
    }
}

fn is_year(n: &numbers::Number) -> bool {
    n.unit == "年"
        && n.value >= Decimal::from(1990)
        && n.value <= Decimal::from(2100)
        && n.value.scale() == 0
}

/// Where the year is the report's own period, the end of what to quote:
/// at a sentence start followed by `，`/`我镇`/`以来`, or a statistics
/// period `2025年1月1日…12月31日`.
fn own_period(prose: &str, n: &numbers::Number) -> Option<usize> {
    let rest = &prose[n.unit_end..];
    let head: String = rest.chars().take(24).collect();
    if head.starts_with("1月1日") && head.contains("12月31日") {
        let to = head.find("12月31日").map_or(0, |i| i + "12月31日".len());
        return Some(n.unit_end + to);
    }
    let before = prose[..n.start].trim_end_matches([' ', '\u{3000}', '\t']);
    let at_start = before.is_empty()
        || before.ends_with(['。', '；', '！', '？', '\n'])
        || before.ends_with('）');
    if !at_start || !OWN_PERIOD_AFTER.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    // Quote the year and the words after it, up to the clause's end (at most 10 characters).
    let stop = rest
        .char_indices()
        .take(10)
        .find(|&(i, c)| i > 0 && matches!(c, '，' | ',' | '。'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or_else(|| rest.char_indices().nth(10).map_or(rest.len(), |(i, _)| i));
    Some(n.unit_end + stop)
}

/// The sentence around `at` speaks of plans (the coming year).
fn future(prose: &str, at: usize) -> bool {
    let end = prose[at..]
        .find(['。', '\n'])
        .map_or(prose.len(), |i| at + i);
    FUTURE.iter().any(|w| prose[at..end].contains(w))
}

/// `Check::Headings`: heading lines inside the prose (pasted from a Word
/// file) that rename an official heading, misnumber it, or put another
/// part's heading — and so its text — in this part.
pub(crate) fn check_headings(
    rule: &Rule,
    doc: &Document,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    for (k, part) in template.parts.iter().enumerate().filter(|(_, p)| p.prose) {
        let prose = doc.prose(&part.key);
        let address = Address::Prose(part.key.clone());
        let where_ = text::part_name(part);
        let mut offset = 0;
        for line in prose.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            let Some((numeral, rest)) = text::top_heading(line) else {
                continue;
            };
            // A first line numbered like this part's heading is its heading,
            // however worded (一、工作基本情况); further down it is a sub-heading.
            let first_line = prose[..start].trim().is_empty();
            let renamed_own = first_line && text::heading_numeral(&part.heading) == Some(numeral);
            let Some(j) = official_part(template, rest).or(renamed_own.then_some(k)) else {
                continue;
            };
            let official = &template.parts[j].heading;
            let trimmed = line.trim();
            let own = text::heading_numeral(official);
            let message = if j != k {
                format!(
                    "{where_}正文中有{}的标题“{trimmed}”：这段文字应写在{}（官方标题“{official}”），各部分的顺序以官方格式为准。",
                    text::part_name(&template.parts[j]),
                    text::part_name(&template.parts[j]),
                )
            } else if own != Some(numeral) {
                format!("{where_}正文中的标题“{trimmed}”编号有误，官方标题为“{official}”。导出时使用官方标题，请删去或改正这一行。")
            } else if trimmed != official {
                format!("{where_}正文中的标题“{trimmed}”不是官方标题“{official}”。导出时使用官方标题，请删去这一行。")
            } else {
                format!(
                    "{where_}正文重复了本部分标题“{official}”，导出时会出现两次，请删去这一行。"
                )
            };
            out.push(finding(
                rule,
                message,
                span_of(&address, prose, start, start + line.len()),
            ));
        }
    }
}

/// The part whose heading this heading text means, when one clearly wins.
fn official_part(template: &Template, rest: &str) -> Option<usize> {
    let mut scored: Vec<(f64, usize)> = template
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let official = p
                .heading
                .split_once('、')
                .map_or(p.heading.as_str(), |(_, r)| r);
            (similarity(rest, official), i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first()?;
    let second = scored.get(1).map_or(0.0, |s| s.0);
    (best.0 >= HEADING_SIMILARITY && best.0 - second >= 0.1).then_some(best.1)
}

/// Answers that say nothing: `无`, `暂无`, `没有`.
const NOTHING: &[&str] = &[
    "无",
    "暂无",
    "没有",
    "无。",
    "暂无。",
    "没有。",
    "/",
    "—",
    "——",
];

/// `Check::PartNotEmpty`: the part (五、存在的主要问题及改进情况) is empty,
/// `无`, or shorter than one sentence.
pub(crate) fn check_part_not_empty(
    rule: &Rule,
    (key, min_chars): (&str, usize),
    doc: &Document,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    let Some(part) = template.part(key) else {
        return;
    };
    let prose = doc.prose(key);
    let trimmed = prose.trim();
    let what = if trimmed.is_empty() {
        "没有填写"
    } else if NOTHING.contains(&trimmed) {
        "只写了“无”"
    } else if text::meaningful_chars(trimmed) < min_chars {
        "不到一句话"
    } else {
        return;
    };
    out.push(finding(
        rule,
        format!(
            "{}“{}”{what}。评议时这一部分空白或只写“无”会被扣分：{}",
            text::part_name(part),
            part.heading,
            part.guidance
        ),
        TextSpan {
            address: Address::Prose(key.to_string()),
            start: 0,
            end: prose.chars().count(),
        },
    ));
}
