//! Reading one published cell: a number of the cell's kind, blank, or text
//! kept verbatim (`251000元`, `/`, `—`) for the clerk to settle. Strict on
//! purpose: an import never turns text into a number by guessing a unit.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::document::CellValue;
use crate::template::CellKind;

/// Full-width digits and signs to ASCII, spaces removed.
fn fold(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | '．' | '－' | '＋' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn plain_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 18 && s.chars().all(|c| c.is_ascii_digit())
}

/// `1,600` → `1600` when the commas group thousands correctly; else as is.
fn ungroup(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let body = int.strip_prefix(['-', '+']).unwrap_or(int);
    let groups: Vec<&str> = body.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| plain_digits(g));
    if !grouped {
        return s.to_string();
    }
    let mut out = int.replace(',', "");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The value of a published cell; `None` when the cell is blank.
pub fn read(kind: CellKind, raw: &str) -> Option<CellValue> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let s = ungroup(&fold(trimmed).replace('，', ","));
    let unparsed = || Some(CellValue::Unparsed(trimmed.to_string()));
    match kind {
        CellKind::Text => Some(CellValue::Text(trimmed.to_string())),
        CellKind::Count => match plain_digits(&s) {
            true => s.parse().ok().map(CellValue::Int).or_else(unparsed),
            false => unparsed(),
        },
        CellKind::Signed => {
            let body = s.strip_prefix(['-', '+']).unwrap_or(&s);
            match plain_digits(body) {
                true => s.parse().ok().map(CellValue::Int).or_else(unparsed),
                false => unparsed(),
            }
        }
        CellKind::Amount => {
            let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
            let ok = plain_digits(int)
                && (frac.is_empty() && !s.ends_with('.') || plain_digits(frac) && frac.len() <= 4);
            match ok {
                true => Decimal::from_str(&s)
                    .ok()
                    .map(CellValue::Amount)
                    .or_else(unparsed),
                false => unparsed(),
            }
        }
    }
}

/// An amount printed in 元 under a 万元 column (`86000元`), in 万元, when it
/// fits the cell's four decimals (1 元 = 0.0001 万元); `None` otherwise
/// (the text is then kept for the clerk, never rounded).
pub fn yuan_as_wan(raw: &str) -> Option<Decimal> {
    let t = fold(raw.trim());
    let body = t.strip_suffix('元')?.trim_end();
    if body.ends_with('万') {
        return None;
    }
    let s = ungroup(&body.replace('，', ","));
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if !plain_digits(int) || !(frac.is_empty() || plain_digits(frac)) {
        return None;
    }
    let wan = (Decimal::from_str(&s).ok()? / Decimal::from(10_000)).normalize();
    (wan.scale() <= 4).then_some(wan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_become_wan_only_when_exact() {
        let d = |s: &str| Decimal::from_str(s).ok();
        assert_eq!(yuan_as_wan("251000元"), d("25.1"));
        assert_eq!(yuan_as_wan("86,000元"), d("8.6"));
        assert_eq!(yuan_as_wan("1234567元"), d("123.4567"));
        assert_eq!(yuan_as_wan("1234567.89元"), None);
        assert_eq!(yuan_as_wan("25.1万元"), None);
        assert_eq!(yuan_as_wan("251000"), None);
        assert_eq!(yuan_as_wan("约3元"), None);
    }

    #[test]
    fn strict_by_kind() {
        assert_eq!(read(CellKind::Count, " 26 "), Some(CellValue::Int(26)));
        assert_eq!(read(CellKind::Count, "２６"), Some(CellValue::Int(26)));
        assert_eq!(read(CellKind::Count, ""), None);
        assert_eq!(
            read(CellKind::Count, "-1"),
            Some(CellValue::Unparsed("-1".into()))
        );
        assert_eq!(
            read(CellKind::Count, "/"),
            Some(CellValue::Unparsed("/".into()))
        );
        assert_eq!(read(CellKind::Signed, "-3"), Some(CellValue::Int(-3)));
        assert_eq!(
            read(CellKind::Amount, "0.25"),
            Some(CellValue::Amount(Decimal::from_str("0.25").unwrap()))
        );
        assert_eq!(
            read(CellKind::Amount, "251000元"),
            Some(CellValue::Unparsed("251000元".into()))
        );
        assert_eq!(
            read(CellKind::Amount, "1.23456"),
            Some(CellValue::Unparsed("1.23456".into()))
        );
        assert_eq!(
            read(CellKind::Count, "99999999999999999999"),
            Some(CellValue::Unparsed("99999999999999999999".into()))
        );
    }
}
