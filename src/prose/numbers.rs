//! Numbers as clerks write them in prose: `12件`, `１２件`, `1,234件`,
//! `1.26万元`, `十二件`, `两件`, `一百零三件`, `二〇二五年`.
//!
//! The scanner is one pass over the text (a 10,000-character part is
//! scanned in microseconds) and never guesses: a numeral it cannot read
//! whole (`十十`, `三万万`) is skipped, not approximated.

use rust_decimal::Decimal;

/// One number found in a text, with the unit written right after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Byte range of the number itself (without the unit).
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    /// The unit right after the number (`件`, `万元`, `元`, `年`, `%` …);
    /// empty when none of the known units follows.
    pub unit: &'static str,
    /// Byte offset just past the unit.
    pub unit_end: usize,
}

/// Units recognised after a number, longest first so `万元` wins over `万`.
const UNITS: &[&str] = &[
    "万元", "件次", "人次", "件", "元", "年", "%", "％", "个", "条", "次", "人", "项", "篇", "期",
    "份", "处", "月", "日",
];

/// Every number in `text`, in order.
pub fn scan(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        let found = if ascii_digit(c).is_some() {
            arabic(text, i)
        } else if chinese_digit(c).is_some() || c == '十' {
            chinese(text, i)
        } else {
            None
        };
        match found {
            Some((end, value)) => {
                let (unit, unit_end) = unit_after(text, end);
                out.push(Number {
                    start: i,
                    end,
                    value,
                    unit,
                    unit_end,
                });
                i = end;
            }
            // A numeral run that is no number is skipped whole, so that
            // its tail (`零三` of a bad `一百零三`) is not read on its own.
            None if chinese_digit(c).is_some() || c == '十' => {
                i += rest
                    .char_indices()
                    .find(|&(_, ch)| {
                        !(chinese_digit(ch).is_some() || chinese_unit(ch).is_some() || ch == '万')
                    })
                    .map_or(rest.len(), |(o, _)| o);
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// ASCII or full-width digit value.
fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// An Arabic number starting at `start`: digits, thousands separators
/// between groups of three, one decimal point. Spaces inside are not read
/// across (`2020 年` is the year 2020, then a space).
fn arabic(text: &str, start: usize) -> Option<(usize, Decimal)> {
    // A digit glued to a Latin letter or another digit run is a code, not a count.
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '．')
    {
        return None;
    }
    let mut digits = String::new();
    let mut end = start;
    let mut seen_point = false;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if let Some(d) = ascii_digit(c) {
            digits.push(char::from_digit(d, 10)?);
            end = start + off + c.len_utf8();
            continue;
        }
        let next_is_digit = chars.peek().is_some_and(|&(_, n)| ascii_digit(n).is_some());
        if (c == ',' || c == '，')
            && next_is_digit
            && !seen_point
            && thousands_follow(&text[start + off + c.len_utf8()..])
        {
            continue;
        }
        if (c == '.' || c == '．') && next_is_digit && !seen_point {
            seen_point = true;
            digits.push('.');
            continue;
        }
        break;
    }
    if digits.len() > 18 {
        return None;
    }
    digits.parse::<Decimal>().ok().map(|v| (end, v))
}

/// After a thousands separator: exactly three digits, then no further digit.
fn thousands_follow(rest: &str) -> bool {
    let mut n = 0;
    for c in rest.chars() {
        if ascii_digit(c).is_some() {
            n += 1;
        } else {
            break;
        }
    }
    n == 3
}

/// 零 〇 一 … 九 and 两; `None` for anything else.
fn chinese_digit(c: char) -> Option<i64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<i64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A Chinese numeral starting at `start`, read only when a counting unit
/// follows it (`十二件`, `两件`): words such as `一是`, `统一`, `十分`
/// contain numerals but are no numbers. `二〇二五年` reads digit by digit.
fn chinese(text: &str, start: usize) -> Option<(usize, Decimal)> {
    let run: Vec<(usize, char)> = text[start..]
        .char_indices()
        .take_while(|&(_, c)| chinese_digit(c).is_some() || chinese_unit(c).is_some() || c == '万')
        .collect();
    let &(last_off, last) = run.last()?;
    let end = start + last_off + last.len_utf8();
    let (unit, _) = unit_after(text, end);
    if unit.is_empty() || unit == "%" || unit == "％" {
        return None;
    }
    let chars: Vec<char> = run.iter().map(|&(_, c)| c).collect();
    // A numeral right after another numeral-like word (`统一`, `第一`) is
    // ordinal or part of a word; `第` and `之` make ordinals.
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|p| matches!(p, '第' | '之' | '统' | '唯' | '万' | '星'))
    {
        return None;
    }
    // Digit by digit only for years (二〇二五): four digits, or any with 〇.
    let value = if chars.iter().all(|&c| chinese_digit(c).is_some())
        && (chars.len() == 4 || chars.contains(&'〇'))
    {
        positional(&chars)?
    } else {
        counted(&chars)?
    };
    Some((end, Decimal::from(value)))
}

/// `二〇二五` — one digit per character (years).
fn positional(chars: &[char]) -> Option<i64> {
    chars.iter().try_fold(0i64, |acc, &c| {
        acc.checked_mul(10)?.checked_add(chinese_digit(c)?)
    })
}

/// `一百零三`, `十二`, `三千五百`, `两万` — digits with 十 百 千 万.
fn counted(chars: &[char]) -> Option<i64> {
    let mut total: i64 = 0; // completed 万 groups
    let mut section: i64 = 0; // below 万
    let mut digit: Option<i64> = None;
    let mut last_unit = i64::MAX;
    for &c in chars {
        if let Some(d) = chinese_digit(c) {
            if digit.is_some_and(|p| p != 0) {
                return None; // 三四 is not a number (零 before a digit is: 一百零三)
            }
            digit = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if u >= last_unit {
                return None; // 十十, 百千
            }
            let d = match digit.take() {
                Some(0) => return None,
                Some(d) => d,
                None if u == 10 && section == 0 => 1, // 十二 = 12
                None => return None,
            };
            section = section.checked_add(d.checked_mul(u)?)?;
            last_unit = u;
        } else if c == '万' {
            section = section.checked_add(digit.take().unwrap_or(0))?;
            if section == 0 || total != 0 {
                return None;
            }
            total = section.checked_mul(10_000)?;
            section = 0;
            last_unit = i64::MAX;
        }
    }
    section = section.checked_add(digit.unwrap_or(0))?;
    total.checked_add(section)
}

/// The unit right after a number, skipping one space (`12 件`).
fn unit_after(text: &str, end: usize) -> (&'static str, usize) {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
    let skipped = rest.len() - trimmed.len();
    if skipped > 3 {
        return ("", end);
    }
    UNITS
        .iter()
        .find(|u| trimmed.starts_with(**u))
        .map(|u| (*u, end + skipped + u.len()))
        .unwrap_or(("", end))
}

/// A count as written in prose, for messages: the digits of the text.
pub fn shown(text: &str, n: &Number) -> String {
    text[n.start..n.unit_end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, &'static str)> {
        scan(text)
            .into_iter()
            .map(|n| (n.value.normalize().to_string(), n.unit))
            .collect()
    }

    #[test]
    fn arabic_numbers_with_units() {
        assert_eq!(
            values("新收申请12件，收费1.26万元，１２件，1,234件，12 件"),
            vec![
                ("12".into(), "件"),
                ("1.26".into(), "万元"),
                ("12".into(), "件"),
                ("1234".into(), "件"),
                ("12".into(), "件")
            ]
        );
        assert_eq!(values("2020 年"), vec![("2020".into(), "年")]);
        assert_eq!(
            values("12,34件"),
            vec![("12".into(), ""), ("34".into(), "件")]
        );
    }

    #[test]
    fn chinese_numerals_need_a_unit() {
        assert_eq!(
            values("十二件、两件、一百零三件、三千五百元、二十一件、十件、两万元"),
            vec![
                ("12".into(), "件"),
                ("2".into(), "件"),
                ("103".into(), "件"),
                ("3500".into(), "元"),
                ("21".into(), "件"),
                ("10".into(), "件"),
                ("20000".into(), "元")
            ]
        );
        assert_eq!(values("二〇二五年"), vec![("2025".into(), "年")]);
        assert!(values("一是加强领导，统一部署，十分重视，第一件").is_empty());
        assert!(values("十十件 三四件").is_empty());
        assert_eq!(values("零件"), vec![("0".into(), "件")]);
    }
}
