//! `Check::FeeNotices`: 信息处理费 notices. A report with 表三（六）2 above 0
//! (申请人逾期未按收费通知要求缴纳费用) issued that many fee notices at least;
//! part 六 must report them (件数, 金额, 实际收取), in its figures and in its
//! text — not only `本年度未收取信息处理费`. The numbers the text quotes are
//! compared with the figures by `Check::ProseFigures`; this check covers
//! what that one cannot: notices evidently issued but not reported.

use rust_decimal::Decimal;

use super::index::Index;
use super::message::num;
use super::{Finding, TextSpan};
use crate::document::{Address, CellRef, Document};
use crate::prose::text;
use crate::template::{Rule, Template};

/// Words that make a sentence about fees say there were none.
const NONE_WORDS: &[&str] = &["未", "无", "没有", "不涉及"];

/// The first sentence of `prose` saying no fee business happened
/// (`本年度未收取信息处理费`, `无收取信息处理费情况`), as a byte range.
fn none_said(prose: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    for piece in prose.split_inclusive(['。', '；', ';', '\n']) {
        let end = start + piece.len();
        let about_fees = piece.contains("处理费") || piece.contains("收费");
        // `逾期未按收费通知要求缴纳` speaks of the applicant, not of none issued.
        let denies = || {
            let plain = piece.replace("未按", "").replace("无正当理由", "");
            NONE_WORDS.iter().any(|w| plain.contains(w))
        };
        if about_fees && denies() {
            let trimmed = piece.trim_end_matches(['。', '；', ';', '\n']);
            let lead = trimmed.len() - trimmed.trim_start().len();
            return Some((start + lead, start + trimmed.len()));
        }
        start = end;
    }
    None
}

/// A cell's number and its name in official words (`表三“（六）2”行“总计”列`).
fn cell(index: &Index<'_, '_>, address: &str) -> Option<(CellRef, Option<Decimal>, String)> {
    let cell: CellRef = address.parse().ok()?;
    let t = index.table(&cell.table)?;
    let ti = &index.tables[t];
    let (r, c) = (ti.row(&cell.row)?, ti.col(&cell.col)?);
    let value = index.value(t, r, c).and_then(|v| v.number());
    Some((cell, value, ti.cell_name(r, c)))
}

fn finding(rule: &Rule, cells: Vec<CellRef>, message: String, span: Option<TextSpan>) -> Finding {
    Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        cells,
        message,
        span,
    }
}

/// `Check::FeeNotices`.
pub(crate) fn check(
    rule: &Rule,
    (part, notices, refused): (&str, &str, &str),
    (index, doc, template): (&Index<'_, '_>, &Document, &Template),
    out: &mut Vec<Finding>,
) {
    let (Some(notices), Some(refused)) = (cell(index, notices), cell(index, refused)) else {
        return;
    };
    let issued = notices.1.unwrap_or_default();
    let evident = refused.1.unwrap_or_default().max(issued);
    if evident <= Decimal::ZERO {
        return;
    }
    let cells = vec![refused.0.clone(), notices.0.clone()];
    if refused.1.is_some_and(|r| r > issued) {
        let said = notices
            .1
            .map_or("未填写".to_string(), |n| format!("只有 {} 件", num(n)));
        out.push(finding(
            rule,
            cells.clone(),
            format!(
                "{}为 {} 件（申请人逾期未按收费通知要求缴纳费用），说明本年度至少发出了 {} 件收费通知，而{}{said}。请在第六部分填写发出收费通知的件数、收费金额和实际收取金额。",
                refused.2, num(refused.1.unwrap_or_default()), num(refused.1.unwrap_or_default()), notices.2
            ),
            None,
        ));
    }
    let Some(p) = template.part(part) else { return };
    let prose = doc.prose(part);
    let address = Address::Prose(part.to_string());
    let where_ = text::part_name(p);
    let example = "本年度发出收费通知N件，收费金额X元，实际收取金额Y元。";
    if let Some((s, e)) = none_said(prose) {
        let said = &prose[s..e];
        // A denial of notices, or a denial of fees that says nothing of notices.
        if said.contains("收费通知") || !prose.contains("收费通知") {
            out.push(finding(
                rule,
                cells,
                format!(
                    "{where_}写“{said}”，但本年度发出过收费通知（至少 {} 件，见{}）。按《政府信息公开信息处理费管理办法》，应写明发出收费通知的件数、收费金额和实际收取金额，例如“{example}”",
                    num(evident),
                    notices.2
                ),
                Some(TextSpan {
                    address,
                    start: text::char_offset(prose, s),
                    end: text::char_offset(prose, e),
                }),
            ));
        }
        return;
    }
    if !prose.contains("收费通知") {
        out.push(finding(
            rule,
            cells,
            format!(
                "{where_}未写明信息处理费的情况，而本年度发出过收费通知（至少 {} 件）。请写明发出收费通知的件数、收费金额和实际收取金额，例如“{example}”",
                num(evident)
            ),
            Some(TextSpan {
                address,
                start: 0,
                end: 0,
            }),
        ));
    }
}
