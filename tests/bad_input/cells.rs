//! Cell input: what a clerk types or pastes from Word, WPS or a web page.

use nianbao::document::CellValue;
use nianbao::input::{expected, parse_cell_input};
use nianbao::template::CellKind::{self, Amount, Count, Signed, Text};
use rust_decimal::Decimal;

use super::assert_clear;

/// The outcome a case must have.
#[derive(Debug)]
enum Want {
    /// Exactly this integer.
    Int(i64),
    /// Exactly this amount (decimal text).
    Dec(&'static str),
    /// Exactly this text.
    Text(&'static str),
    /// The cell becomes blank (未填写), never zero.
    Blank,
    /// Refused; the message names what the cell expects.
    Refused,
}

const WAN: Option<&str> = Some("万元");
const JIAN: Option<&str> = Some("件");

/// The catalogue: kind, unit, raw input, outcome.
const CELL_CASES: &[(CellKind, Option<&str>, &str, Want)] = &[
    // Full-width digits and signs (Chinese input methods)
    (Count, JIAN, "４２", Want::Int(42)),
    (Count, JIAN, "＋５", Want::Int(5)),
    (Signed, JIAN, "－１２", Want::Int(-12)),
    (Amount, WAN, "３．５", Want::Dec("3.5")),
    (Count, JIAN, "１，２３４", Want::Int(1234)),
    // Signs
    (Signed, JIAN, "-0", Want::Int(0)),
    (Count, JIAN, "-0", Want::Refused),
    (Count, JIAN, "+5", Want::Int(5)),
    (Signed, JIAN, "+5", Want::Int(5)),
    (Count, JIAN, "-3", Want::Refused),
    (Amount, WAN, "-0.5", Want::Refused),
    (Signed, JIAN, "\u{2212}7", Want::Int(-7)),
    (Signed, JIAN, "5-", Want::Refused),
    // Exponents, hex, separators
    (Count, JIAN, "1e3", Want::Refused),
    (Amount, WAN, "1E3", Want::Refused),
    (Count, JIAN, "0x10", Want::Refused),
    (Count, JIAN, "1,234", Want::Int(1234)),
    (Count, JIAN, "1，234", Want::Int(1234)),
    (Count, JIAN, "12,34", Want::Refused),
    (Amount, WAN, "1,234.56", Want::Dec("1234.56")),
    (Count, JIAN, "1.234", Want::Refused),
    (Count, JIAN, "1_000", Want::Refused),
    // Units and blanks
    (Count, JIAN, "12件", Want::Int(12)),
    (Amount, WAN, "12 万元", Want::Dec("12")),
    (Amount, WAN, "12元", Want::Refused),
    (Count, JIAN, "12个", Want::Refused),
    (Count, JIAN, " 7 ", Want::Int(7)),
    (Count, JIAN, "\u{3000}7\u{a0}", Want::Int(7)),
    (Count, JIAN, "\t7\n", Want::Int(7)),
    (Count, JIAN, "", Want::Blank),
    (Count, JIAN, " \u{3000} ", Want::Blank),
    (Amount, WAN, "0", Want::Dec("0")),
    // Digits of other scripts, words, symbols
    (Count, JIAN, "٣", Want::Refused),
    (Count, JIAN, "۳", Want::Refused),
    (Count, JIAN, "३", Want::Refused),
    (Count, JIAN, "๓", Want::Refused),
    (Count, JIAN, "三", Want::Refused),
    (Count, JIAN, "Ⅲ", Want::Refused),
    (Count, JIAN, "③", Want::Refused),
    (Count, JIAN, "𝟑", Want::Refused),
    (Amount, WAN, "NaN", Want::Refused),
    (Amount, WAN, "∞", Want::Refused),
    (Amount, WAN, "-inf", Want::Refused),
    (Count, JIAN, "👍", Want::Refused),
    (Count, JIAN, "12😀", Want::Refused),
    (Count, JIAN, "——", Want::Refused),
    (Count, JIAN, "/", Want::Refused),
    (Count, JIAN, "无", Want::Refused),
    // Invisible marks pasted from web pages
    (Count, JIAN, "1\u{200b}2", Want::Refused),
    (Count, JIAN, "\u{feff}12", Want::Refused),
    (Count, JIAN, "\u{200d}12", Want::Refused),
    (Count, JIAN, "\u{200f}12", Want::Refused),
    (Count, JIAN, "12\u{202e}", Want::Refused),
    (Count, JIAN, "\u{2066}12\u{2069}", Want::Refused),
    (Count, JIAN, "1\u{0}2", Want::Refused),
    // Size and precision
    (Count, JIAN, "12345678901234567890", Want::Refused),
    (Signed, JIAN, "-12345678901234567890", Want::Refused),
    (Count, JIAN, "00000000000000000000012", Want::Int(12)),
    (Amount, WAN, "12345678901234567890", Want::Refused),
    (Amount, WAN, "1.23456", Want::Refused),
    (Amount, WAN, "1.2340000", Want::Dec("1.234")),
    (Amount, WAN, "0.0001", Want::Dec("0.0001")),
    (Count, JIAN, "3.5", Want::Refused),
    (Count, JIAN, "3.0", Want::Refused),
    (Count, JIAN, "3．", Want::Refused),
    // Text cells keep the text, trimmed
    (Text, None, " 1e3 ", Want::Text("1e3")),
    (
        Text,
        None,
        "<b>粗体</b> | 管道",
        Want::Text("<b>粗体</b> | 管道"),
    ),
];

#[test]
fn cell_catalogue_has_at_least_forty_cases() {
    assert!(CELL_CASES.len() >= 40, "{}", CELL_CASES.len());
}

#[test]
fn every_cell_case_is_normalized_or_refused_clearly() {
    for (kind, unit, raw, want) in CELL_CASES {
        let context = format!("{kind:?} {unit:?} {raw:?}");
        let got = parse_cell_input(*kind, *unit, raw);
        match (want, got) {
            (Want::Int(n), Ok(Some(CellValue::Int(v)))) => assert_eq!(v, *n, "{context}"),
            (Want::Dec(d), Ok(Some(CellValue::Amount(v)))) => {
                assert_eq!(v, d.parse::<Decimal>().unwrap(), "{context}");
                assert_eq!(v.to_string(), *d, "{context}: shown as typed, normalized");
            }
            (Want::Text(t), Ok(Some(CellValue::Text(v)))) => assert_eq!(v, *t, "{context}"),
            (Want::Blank, Ok(None)) => {}
            (Want::Refused, Err(e)) => {
                // The message names what the cell expects, with its unit.
                assert!(
                    e.message.starts_with(&expected(*kind, *unit)),
                    "{context}: {e}"
                );
                if let Some(u) = unit {
                    assert!(
                        e.message.contains(u),
                        "{context}: the unit is not named: {e}"
                    );
                }
                assert!(!e.cause.is_empty(), "{context}");
                assert_clear(&e.to_string(), &context);
            }
            (want, got) => panic!("{context}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn refusal_names_the_kind_expected() {
    let count = parse_cell_input(Count, JIAN, "1.5").unwrap_err();
    assert!(count.message.contains("非负整数"), "{count}");
    let signed = parse_cell_input(Signed, JIAN, "1.5").unwrap_err();
    assert!(
        signed.message.contains("整数") && signed.message.contains("负数"),
        "{signed}"
    );
    let amount = parse_cell_input(Amount, WAN, "1.23456").unwrap_err();
    assert!(amount.message.contains("4 位小数"), "{amount}");
    let yuan = parse_cell_input(Amount, WAN, "12元").unwrap_err();
    assert!(yuan.message.contains("换算"), "{yuan}");
}
