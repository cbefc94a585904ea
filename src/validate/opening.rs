//! `Check::Opening`: the 开头段落 every report since the 2021 format carries,
//! item by item — the legal basis, the statistics period of the report's own
//! year, where the report can be downloaded, whom to ask. Evaluators mark a
//! report down for each item left out; a period of another year is already
//! `Check::ReportYear`'s finding, so it is not repeated here.
//!
//! [`standard`] is the paragraph 生成文字 offers, which passes every item.

use super::{Finding, TextSpan};
use crate::document::{Address, Document, MetaField};
use crate::template::Rule;

/// One item of the opening: its name in findings, the words any of which
/// show it is there, and what to write when it is missing.
struct Item {
    name: &'static str,
    any_of: &'static [&'static str],
    hint: &'static str,
}

const LEGAL_BASIS: Item = Item {
    name: "编制依据",
    any_of: &["政府信息公开条例", "《条例》"],
    hint: "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》编制",
};

const DOWNLOAD: Item = Item {
    name: "报告电子版的下载或查阅地点",
    any_of: &["下载", "查阅", "网站", "网址", "门户", "http", "www"],
    hint: "本报告电子版可在本单位门户网站下载",
};

const CONTACT: Item = Item {
    name: "咨询联系方式",
    any_of: &["联系", "电话", "致电", "咨询", "地址", "邮编", "邮政编码"],
    hint: "如对本报告有疑问，请与本单位联系（地址、邮编、电话）",
};

/// The statistics period as the format words it.
fn period(year: u16) -> String {
    format!("本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止")
}

/// Whether `text` states a statistics period: its own year's, another year's, or none.
fn period_state(text: &str, year: u16) -> Option<bool> {
    let own = format!("{year}年1月1日");
    if text.contains(&own) && text.contains("12月31日") {
        return Some(true);
    }
    let other = text.match_indices("年1月1日").any(|(i, _)| {
        let digits = text[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        digits == 4
    });
    other.then_some(false)
}

/// The items missing from `text`, as (name, what to write).
pub fn missing(text: &str, year: u16) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let has = |item: &Item| item.any_of.iter().any(|w| text.contains(w));
    if !has(&LEGAL_BASIS) {
        out.push((LEGAL_BASIS.name, LEGAL_BASIS.hint.to_string()));
    }
    if period_state(text, year).is_none() && !text.contains("统计期限") {
        out.push(("统计期限", period(year)));
    }
    for item in [&DOWNLOAD, &CONTACT] {
        if !has(item) {
            out.push((item.name, item.hint.to_string()));
        }
    }
    out
}

/// `Check::Opening`: one warning per missing item, each selecting the paragraph.
pub(crate) fn check(rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
    let text = &doc.meta.opening;
    let field = MetaField::Opening.label();
    let span = TextSpan {
        address: Address::Meta(MetaField::Opening),
        start: 0,
        end: text.chars().count(),
    };
    if text.trim().is_empty() {
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells: Vec::new(),
            message: format!("{field}未填写。开头段落应写明编制依据、统计期限、报告下载地点和咨询联系方式；可用“生成文字”生成标准段落。"),
            span: Some(span),
        });
        return;
    }
    for (name, hint) in missing(text, doc.meta.year) {
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells: Vec::new(),
            message: format!("{field}未写明{name}，例如：“{hint}。”"),
            span: Some(span.clone()),
        });
    }
}

/// The standard opening paragraph from the cover: unit, year and the
/// contact telephone when there is one.
pub fn standard(doc: &Document) -> String {
    let m = &doc.meta;
    let unit = if m.unit.trim().is_empty() {
        "本单位"
    } else {
        m.unit.trim()
    };
    let phone = m.phone.trim();
    let contact = if phone.is_empty() {
        format!("如对本报告有疑问，请与{unit}联系。")
    } else {
        format!("如对本报告有疑问，请与{unit}联系（联系电话：{phone}）。")
    };
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。{}。本报告电子版可在{unit}门户网站查阅或下载。{contact}",
        period(m.year)
    )
}
