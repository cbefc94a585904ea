//! Which numbers in a text quote which figure: the template's phrases
//! (words right before a number) matched against every number found.
//!
//! A number counts as a quote only when the words end right before it
//! (filler words such as 为、共、计 allowed), its unit is one the phrase
//! accepts, and its clause is about this year: a clause naming 上年 or
//! another year quotes last year's figures, which are not this year's cells.

use super::numbers::{self, Number};
use crate::template::Phrase;

/// Words allowed between a phrase and its number (`新收申请共计12件`).
const FILLERS: &[&str] = &[
    "共计",
    "合计",
    "总计",
    "累计",
    "分别为",
    "为",
    "共",
    "计",
    "了",
    "达",
    "的",
    "：",
    ":",
    "是",
];

/// Words that put a clause in another year (`较上年新收申请10件`).
const OTHER_YEAR: &[&str] = &["上年", "去年", "上一年", "往年", "同期", "前年"];

/// Where one clause ends and the next begins.
const CLAUSE_BREAKS: &[char] = &['，', ',', '。', '；', ';', '！', '？', '\n', '：'];
const SENTENCE_BREAKS: &[char] = &['。', '；', ';', '！', '？', '\n'];

/// A number in the text quoting a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Index into the template's phrases.
    pub phrase: usize,
    /// Byte range of the whole phrase: words, fillers, number and unit.
    pub start: usize,
    pub end: usize,
    pub number: Number,
}

/// Every quote in `text` of part `part`, in order. `year` is the report year.
pub fn find(text: &str, phrases: &[Phrase], year: u16) -> Vec<Quote> {
    numbers::scan(text)
        .into_iter()
        .filter_map(|n| quote_for(text, phrases, year, n))
        .collect()
}

fn quote_for(text: &str, phrases: &[Phrase], year: u16, n: Number) -> Option<Quote> {
    let before = strip_fillers(&text[..n.start]);
    let mut best: Option<(usize, bool, usize, usize)> = None; // (len, context, phrase, start)
    for (i, phrase) in phrases.iter().enumerate() {
        if !accepts_unit(phrase, n.unit) {
            continue;
        }
        let Some(word) = phrase
            .words
            .iter()
            .filter(|w| before.ends_with(w.as_str()))
            .max_by_key(|w| w.len())
        else {
            continue;
        };
        let start = before.len() - word.len();
        let has_context = !phrase.context.is_empty();
        if has_context && !sentence_mentions(text, start, n.unit_end, &phrase.context) {
            continue;
        }
        let candidate = (word.chars().count(), has_context, i, start);
        if best.is_none_or(|b| (candidate.0, candidate.1) > (b.0, b.1)) {
            best = Some(candidate);
        }
    }
    let (_, _, phrase, start) = best?;
    if clause_in_other_year(text, start, year) {
        return None;
    }
    Some(Quote {
        phrase,
        start,
        end: n.unit_end,
        number: n,
    })
}

fn accepts_unit(phrase: &Phrase, unit: &str) -> bool {
    if phrase.units.is_empty() {
        unit == "件"
    } else {
        phrase.units.iter().any(|u| u == unit)
    }
}

/// The text before a number without the filler words right before it.
fn strip_fillers(before: &str) -> &str {
    let mut s = before.trim_end_matches([' ', '\u{3000}', '\u{a0}']);
    for _ in 0..3 {
        match FILLERS.iter().find(|f| s.ends_with(**f)) {
            Some(f) => s = &s[..s.len() - f.len()],
            None => break,
        }
    }
    s
}

/// The sentence around `[start, end)` mentions one of `words`.
fn sentence_mentions(text: &str, start: usize, end: usize, words: &[String]) -> bool {
    let from = text[..start]
        .rfind(SENTENCE_BREAKS)
        .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let to = text[end..]
        .find(SENTENCE_BREAKS)
        .map(|i| end + i)
        .unwrap_or(text.len());
    let sentence = &text[from..to];
    words.iter().any(|w| sentence.contains(w.as_str()))
}

/// The clause before `start` names last year or a year other than `year`.
fn clause_in_other_year(text: &str, start: usize, year: u16) -> bool {
    let from = text[..start]
        .rfind(CLAUSE_BREAKS)
        .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let clause = &text[from..start];
    if OTHER_YEAR.iter().any(|w| clause.contains(w)) {
        return true;
    }
    numbers::scan(clause)
        .iter()
        .any(|n| n.unit == "年" && n.value != rust_decimal::Decimal::from(year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template;

    fn figures(text: &str) -> Vec<(String, String)> {
        let t = template::get("gk2021").expect("gk2021");
        find(text, &t.phrases, 2025)
            .into_iter()
            .map(|q| {
                (
                    t.phrases[q.phrase].figure.clone(),
                    q.number.value.normalize().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn longest_phrase_wins() {
        assert_eq!(
            figures("予以公开及部分公开6件，部分公开1件"),
            vec![
                ("open_partial".into(), "6".into()),
                ("partial".into(), "1".into())
            ]
        );
    }

    #[test]
    fn other_years_are_not_quotes() {
        assert!(figures("较上年新收政府信息公开申请10件有所增加").is_empty());
        assert!(figures("2024年新收政府信息公开申请10件").is_empty());
        assert_eq!(figures("2025年新收政府信息公开申请10件").len(), 1);
    }

    #[test]
    fn context_words_anywhere_in_the_sentence() {
        assert_eq!(
            figures("制发行政规范性文件2件、废止1件。对现行有效的9件行政规范性文件进行梳理。"),
            vec![
                ("normative_issued".into(), "2".into()),
                ("normative_repealed".into(), "1".into()),
                ("normative_valid".into(), "9".into())
            ]
        );
        assert!(figures("废止1件。").is_empty());
    }
}
