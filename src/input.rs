//! Cell input (单元格输入): how typed or pasted text becomes a cell value.
//! Shared by the editor, the command line and the importer, so that a value
//! accepted in one place is accepted everywhere, with the same words.
//!
//! Clerks type on Chinese keyboards and paste from Word, WPS and web pages:
//! full-width digits, `1，234`, `12件` and non-breaking spaces are ordinary
//! input and are accepted. Anything that could silently change a number
//! (exponents, hex, other scripts' digits, invisible marks) is refused.

use rust_decimal::Decimal;

use crate::document::CellValue;
use crate::template::CellKind;

/// A refused input: what was expected, in Chinese, then the technical cause
/// (message e.g. 此处应填写非负整数（件）).
pub type InputError = crate::error::Error<InputErrorKind>;

/// Why an input was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputErrorKind {
    /// Not a value of the cell's kind (text, a fraction in a count, …).
    NotAValue,
    /// A unit other than the cell's (元 typed into a 万元 cell).
    WrongUnit,
    /// Not 是 / 否.
    NotASwitch,
    /// Not a report year in range.
    NotAYear,
    /// Not a unit level's name.
    NotALevel,
    /// A field this document's template does not have.
    NoSuchField,
}

/// Most decimal places an amount may have (1 元 = 0.0001 万元).
pub const MAX_DECIMALS: u32 = 4;

/// What a cell of `kind` with `unit` expects, as told to the clerk.
pub fn expected(kind: CellKind, unit: Option<&str>) -> String {
    let unit = unit
        .filter(|u| !u.is_empty())
        .map(|u| format!("（{u}）"))
        .unwrap_or_default();
    match kind {
        CellKind::Count => format!("此处应填写非负整数{unit}"),
        CellKind::Signed => format!("此处应填写整数，可为负数{unit}"),
        CellKind::Amount => format!("此处应填写金额{unit}，最多 {MAX_DECIMALS} 位小数"),
        CellKind::Text => "此处应填写文字".to_string(),
    }
}

/// Parse raw input for a cell of `kind` with `unit`. `Ok(None)` clears the cell.
pub fn parse_cell_input(
    kind: CellKind,
    unit: Option<&str>,
    raw: &str,
) -> Result<Option<CellValue>, InputError> {
    let trimmed = trim_blanks(raw);
    if trimmed.is_empty() {
        return Ok(None);
    }
    if kind == CellKind::Text {
        return Ok(Some(CellValue::Text(trimmed.to_string())));
    }
    let refuse =
        |cause: String| InputError::new(InputErrorKind::NotAValue, expected(kind, unit), cause);
    let normalized = normalize(trimmed).map_err(refuse)?;
    let body = strip_unit(kind, unit, &normalized)?;
    let number = parse_number(body).map_err(refuse)?;
    to_value(kind, number).map(Some).map_err(refuse)
}

/// Blanks a clerk cannot see: ASCII and Unicode white space (full-width space,
/// NBSP, …). Zero-width and bidi marks are *not* blanks: they are refused.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
}

fn trim_blanks(raw: &str) -> &str {
    raw.trim_matches(is_blank)
}

/// Map full-width digits, signs, comma and point to ASCII; refuse every other
/// non-ASCII character except blanks and CJK unit letters (checked later).
fn normalize(s: &str) -> Result<String, String> {
    s.chars()
        .map(|c| match c {
            '０'..='９' => Ok(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '＋' => Ok('+'),
            '－' | '−' | '\u{FE63}' => Ok('-'),
            '，' => Ok(','),
            '．' => Ok('.'),
            c if is_blank(c) => Ok(' '),
            c if c.is_ascii() || is_cjk_letter(c) => Ok(c),
            c => Err(format!("unexpected character U+{:04X}", c as u32)),
        })
        .collect()
}

/// Han characters (units such as 件, 万元) pass normalization so that a wrong
/// unit is reported as such rather than as a strange character.
fn is_cjk_letter(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// Drop the cell's own unit from the end (with optional blanks before it).
/// A 元 typed into a 万元 cell is refused: dividing by 10 000 silently would
/// be a guess, and a wrong guess is off by four orders of magnitude.
fn strip_unit<'a>(kind: CellKind, unit: Option<&str>, s: &'a str) -> Result<&'a str, InputError> {
    if let Some(unit) = unit.filter(|u| !u.is_empty()) {
        if let Some(body) = s.strip_suffix(unit) {
            return Ok(body.trim_end());
        }
        if unit == "万元" && s.ends_with('元') {
            return Err(InputError::new(
                InputErrorKind::WrongUnit,
                format!(
                    "{}；请把“元”换算为“万元”再填写（1 元 = 0.0001 万元）",
                    expected(kind, Some(unit))
                ),
                "amount in 元 typed into a 万元 cell",
            ));
        }
    }
    match s.chars().find(|c| !c.is_ascii()) {
        Some(c) => Err(InputError::new(
            InputErrorKind::NotAValue,
            expected(kind, unit),
            format!("unexpected character '{c}' (not this cell's unit)"),
        )),
        None => Ok(s),
    }
}

/// A number as typed: sign, integer digits, fraction digits (ASCII only).
struct Number {
    negative: bool,
    int_digits: String,
    frac_digits: String,
    has_point: bool,
}

fn parse_number(s: &str) -> Result<Number, String> {
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int_part, frac_part) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let int_digits = ungroup(int_part)?;
    let frac_digits = frac_part.unwrap_or("");
    if !frac_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("bad fraction '{frac_digits}'"));
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err("no digits".to_string());
    }
    Ok(Number {
        negative,
        int_digits,
        frac_digits: frac_digits.to_string(),
        has_point: frac_part.is_some(),
    })
}

/// Digits of the integer part with thousands separators removed; separators
/// are accepted only in well-formed groups of three (`1,234,567`).
fn ungroup(s: &str) -> Result<String, String> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(s.to_string());
    }
    let groups: Vec<&str> = s.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if groups.len() > 1 && first_ok && rest_ok && digits_ok {
        Ok(groups.concat())
    } else {
        Err(format!("not a number: '{s}'"))
    }
}

/// Check the number against the kind and build the value.
fn to_value(kind: CellKind, n: Number) -> Result<CellValue, String> {
    if n.negative && kind != CellKind::Signed {
        return Err("minus sign in a cell that cannot be negative".to_string());
    }
    let frac = n.frac_digits.trim_end_matches('0');
    if kind != CellKind::Amount && n.has_point {
        return Err("decimal point in an integer cell".to_string());
    }
    if frac.len() > MAX_DECIMALS as usize {
        return Err(format!("more than {MAX_DECIMALS} decimal places"));
    }
    let int_digits = n.int_digits.trim_start_matches('0');
    // i64 has 19 digits; anything longer is out of range before parsing.
    if int_digits.len() > 19 {
        return Err("value out of range".to_string());
    }
    let magnitude: i128 = if int_digits.is_empty() {
        0
    } else {
        int_digits
            .parse()
            .map_err(|_| "value out of range".to_string())?
    };
    let signed = if n.negative { -magnitude } else { magnitude };
    let int = i64::try_from(signed).map_err(|_| "value out of range".to_string())?;
    if kind != CellKind::Amount {
        return Ok(CellValue::Int(int));
    }
    let scale = frac.len() as u32;
    let frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| "bad fraction".to_string())?
    };
    let mantissa = i128::from(int) * 10i128.pow(scale) + frac_value;
    Decimal::try_from_i128_with_scale(mantissa, scale)
        .map(|d| CellValue::Amount(d.normalize()))
        .map_err(|_| "value out of range".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_wording() {
        assert_eq!(
            expected(CellKind::Count, Some("件")),
            "此处应填写非负整数（件）"
        );
        assert_eq!(
            expected(CellKind::Signed, Some("件")),
            "此处应填写整数，可为负数（件）"
        );
        assert_eq!(
            expected(CellKind::Amount, Some("万元")),
            "此处应填写金额（万元），最多 4 位小数"
        );
        assert_eq!(expected(CellKind::Count, None), "此处应填写非负整数");
    }

    #[test]
    fn ungroup_requires_groups_of_three() {
        assert_eq!(ungroup("1,234").unwrap(), "1234");
        assert!(ungroup("12,34").is_err());
        assert!(ungroup(",123").is_err());
        assert!(ungroup("1234,567").is_err());
    }
}
