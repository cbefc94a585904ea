//! `Check::Placeholders`: template text left in a field — `全年共公开政府信息
//! X万余条`, `XX件`, `××`, `某某镇`, `【】`, `（此处填写…）`, `（略）`. Any reader
//! of a published report finds these, so they are errors (not waivable).
//!
//! Each pattern is narrow on purpose: `X` counts only as a number (before a
//! unit), `某某` not after a name (`王某某` is how a case anonymises a
//! person) nor inside quotes, `【…】` only when it holds a fill-in word.

use super::prose::texts;
use super::{Finding, TextSpan};
use crate::document::{Address, Document, MetaField};
use crate::prose::text;
use crate::template::{Rule, Template};

/// What may follow an `X` standing for a number or a name: a count's unit,
/// a date part, a place (`XX镇`).
const UNITS: &str = "件条个次篇期人元万千百余家项份场批名户所年月日%％省市县区镇乡村";

/// What may precede `某某` when it stands for a whole name (start of a clause).
const CLAUSE_BEFORE: &str = "，,。；;：:、（(\n\t 　在对向由与和及为是的于至";

/// Words inside `【…】` or `（…）` that mark a fill-in instruction.
const FILL_IN: &[&str] = &[
    "此处",
    "填写",
    "请填",
    "填入",
    "请在",
    "根据实际",
    "单位名称",
];

/// Instructions left in the text, wherever they stand.
const PHRASES: &[&str] = &[
    "（略）",
    "(略)",
    "此处填写",
    "请填写",
    "请在此处",
    "此处省略",
];

/// The cover fields a clerk types into (the opening paragraph is in [`texts`]).
const COVER: [MetaField; 8] = [
    MetaField::Unit,
    MetaField::SignatureUnit,
    MetaField::SignatureDate,
    MetaField::Principal,
    MetaField::Reviewer,
    MetaField::Preparer,
    MetaField::Phone,
    MetaField::FillDate,
];

/// Byte ranges of the placeholders in `text`, in order, not overlapping.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    x_counts(text, &mut found);
    runs(text, '×', &mut found);
    anonymous(text, &mut found);
    bracketed(text, ('【', '】'), false, &mut found);
    bracketed(text, ('（', '）'), true, &mut found);
    bracketed(text, ('(', ')'), true, &mut found);
    for p in PHRASES {
        found.extend(text.match_indices(p).map(|(i, m)| (i, i + m.len())));
    }
    found.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for (s, e) in found {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// `X万余条`, `XX件`, `20XX年`: a run of X (no letters around it) before a unit.
fn x_counts(text: &str, out: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_x(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_x(chars[i].1) {
            i += 1;
        }
        let before = start.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i).map(|&(_, c)| c);
        if before.is_some_and(|c| c.is_ascii_alphabetic()) || i - start > 4 {
            continue;
        }
        if !after.is_some_and(|c| UNITS.contains(c)) {
            continue;
        }
        let mut from = start;
        while from > 0 && chars[from - 1].1.is_ascii_digit() {
            from -= 1;
        }
        // The unit and what follows it as one: `万余条`.
        let mut to = i;
        while to < chars.len() && to < i + 3 && UNITS.contains(chars[to].1) {
            to += 1;
        }
        let end = chars.get(to).map_or(text.len(), |&(b, _)| b);
        out.push((chars[from].0, end));
        i = to;
    }
}

/// Two or more of `c` in a row (`××`).
fn runs(text: &str, c: char, out: &mut Vec<(usize, usize)>) {
    let mut start = None;
    let mut count = 0;
    for (i, ch) in text.char_indices().chain([(text.len(), '\0')]) {
        if ch == c {
            start.get_or_insert(i);
            count += 1;
            continue;
        }
        if let Some(s) = start.take() {
            if count >= 2 {
                out.push((s, i));
            }
        }
        count = 0;
    }
}

/// `某某` standing for a whole name: at a clause start, not inside quotes.
fn anonymous(text: &str, out: &mut Vec<(usize, usize)>) {
    for (i, m) in text.match_indices("某某") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| !CLAUSE_BEFORE.contains(c)) || quoted(&text[..i]) {
            continue;
        }
        out.push((i, i + m.len()));
    }
}

/// Whether `before` leaves an open `“` or `《`.
fn quoted(before: &str) -> bool {
    let open = |o: char, c: char| before.rfind(o).is_some_and(|i| !before[i..].contains(c));
    open('“', '”') || open('《', '》')
}

/// A bracket pair holding a fill-in word (`fill_only`), or any short
/// `【…】`; the pair must close within 40 characters on the same line.
fn bracketed(
    text: &str,
    (open, close): (char, char),
    fill_only: bool,
    out: &mut Vec<(usize, usize)>,
) {
    for (i, _) in text.match_indices(open) {
        let rest = &text[i + open.len_utf8()..];
        let Some(end) = rest.find([close, '\n']) else {
            continue;
        };
        let inner = &rest[..end];
        if !rest[end..].starts_with(close) || inner.chars().count() > 40 {
            continue;
        }
        let fill = FILL_IN.iter().any(|w| inner.contains(w));
        let blank = inner
            .trim()
            .chars()
            .all(|c| matches!(c, '…' | '.' | '_' | '＿' | ' '));
        if fill || (!fill_only && blank) {
            out.push((i, i + open.len_utf8() + end + close.len_utf8()));
        }
    }
}

/// `Check::Placeholders` over the cover fields, the opening and every part.
pub(crate) fn check(rule: &Rule, doc: &Document, template: &Template, out: &mut Vec<Finding>) {
    let mut fields: Vec<(Address, String, String)> = COVER
        .iter()
        .filter(|f| template.signoff || !f.is_signoff())
        .map(|&f| (Address::Meta(f), f.label().to_string(), doc.meta_text(f)))
        .collect();
    if let Some(title) = &doc.meta.title {
        let f = MetaField::Title;
        fields.push((Address::Meta(f), f.label().to_string(), title.clone()));
    }
    let prose = texts(doc, template)
        .into_iter()
        .map(|(a, w, t)| (a, w, t.to_string()));
    for (address, where_, value) in fields.into_iter().chain(prose) {
        for (s, e) in find(&value) {
            let quoted = &value[s..e];
            out.push(Finding {
                rule: rule.id.clone(),
                severity: rule.severity,
                cells: Vec::new(),
                message: format!(
                    "{where_}中留有模板占位文字“{quoted}”，发布前请改为实际内容（或删去）。"
                ),
                span: Some(TextSpan {
                    address: address.clone(),
                    start: text::char_offset(&value, s),
                    end: text::char_offset(&value, e),
                }),
            });
        }
    }
}
