//! Cell input rules (单元格输入), table-driven.

use nianbao::document::CellValue;
use nianbao::input::{expected, parse_cell_input};
use nianbao::template::CellKind;
use rust_decimal::Decimal;

use CellKind::{Amount, Count, Signed, Text};

/// What an input should become.
#[derive(Debug)]
enum Want {
    Int(i64),
    Dec(&'static str),
    Text(&'static str),
    Clear,
    Refused,
}

const CASES: &[(CellKind, Option<&str>, &str, Want)] = &[
    // plain and blank
    (Count, Some("件"), "12", Want::Int(12)),
    (Count, Some("件"), "0", Want::Int(0)),
    (Count, Some("件"), "007", Want::Int(7)),
    (Count, Some("件"), "", Want::Clear),
    (Count, Some("件"), "   ", Want::Clear),
    (Count, Some("件"), "\u{3000}\u{a0}\t", Want::Clear),
    (Count, Some("件"), " 12 ", Want::Int(12)),
    (Count, Some("件"), "\u{3000}12\u{a0}", Want::Int(12)),
    // full-width digits and signs
    (Count, Some("件"), "１２３", Want::Int(123)),
    (Count, Some("件"), "＋５", Want::Int(5)),
    (Count, Some("件"), "+5", Want::Int(5)),
    (Signed, Some("件"), "－３", Want::Int(-3)),
    (Signed, Some("件"), "\u{2212}3", Want::Int(-3)),
    (Signed, Some("件"), "\u{fe63}3", Want::Int(-3)),
    (Signed, Some("件"), "-0", Want::Int(0)),
    (Signed, Some("件"), "+7", Want::Int(7)),
    // thousands separators
    (Count, Some("件"), "1,234", Want::Int(1234)),
    (Count, Some("件"), "1，234", Want::Int(1234)),
    (Count, Some("件"), "1,234,567", Want::Int(1_234_567)),
    (Count, Some("件"), "12,34", Want::Refused),
    (Count, Some("件"), "1234,567", Want::Refused),
    (Count, Some("件"), ",123", Want::Refused),
    (Count, Some("件"), "1,", Want::Refused),
    (Count, Some("件"), "1 234", Want::Refused),
    // units
    (Count, Some("件"), "12件", Want::Int(12)),
    (Count, Some("件"), "12 件", Want::Int(12)),
    (Count, Some("件"), "１２　件", Want::Int(12)),
    (Count, Some("条"), "3条", Want::Int(3)),
    (Count, Some("人次"), "40人次", Want::Int(40)),
    (Count, Some("件"), "12条", Want::Refused),
    (Count, Some("件"), "件", Want::Refused),
    (Count, None, "12件", Want::Refused),
    (Amount, Some("万元"), "1.5万元", Want::Dec("1.5")),
    (Amount, Some("万元"), "251000元", Want::Refused),
    (Amount, Some("万元"), "25.1 元", Want::Refused),
    (Amount, Some("元"), "251000元", Want::Dec("251000")),
    // signs by kind
    (Count, Some("件"), "-3", Want::Refused),
    (Count, Some("件"), "-0", Want::Refused),
    (Amount, Some("万元"), "-1.5", Want::Refused),
    (Signed, Some("件"), "--3", Want::Refused),
    (Signed, Some("件"), "+-3", Want::Refused),
    (Signed, Some("件"), "-", Want::Refused),
    // decimals
    (Amount, Some("万元"), "0.0001", Want::Dec("0.0001")),
    (Amount, Some("万元"), "1.2345", Want::Dec("1.2345")),
    (Amount, Some("万元"), "1.23456", Want::Refused),
    (Amount, Some("万元"), "1.50000", Want::Dec("1.5")),
    (Amount, Some("万元"), ".5", Want::Dec("0.5")),
    (Amount, Some("万元"), "5.", Want::Dec("5")),
    (Amount, Some("万元"), "１２．５", Want::Dec("12.5")),
    (Amount, Some("万元"), "1,234.5", Want::Dec("1234.5")),
    (Amount, Some("万元"), ".", Want::Refused),
    (Amount, Some("万元"), "1.2.3", Want::Refused),
    (Amount, Some("万元"), "1.2,345", Want::Refused),
    (Count, Some("件"), "1.0", Want::Refused),
    (Count, Some("件"), "1.5", Want::Refused),
    (Count, Some("件"), "5.", Want::Refused),
    // range
    (
        Count,
        Some("件"),
        "9223372036854775807",
        Want::Int(i64::MAX),
    ),
    (Count, Some("件"), "9223372036854775808", Want::Refused),
    (
        Signed,
        Some("件"),
        "-9223372036854775808",
        Want::Int(i64::MIN),
    ),
    (Signed, Some("件"), "-9223372036854775809", Want::Refused),
    (
        Count,
        Some("件"),
        "99999999999999999999999999999999",
        Want::Refused,
    ),
    (Amount, Some("万元"), "9223372036854775808", Want::Refused),
    // things that look like numbers but are not
    (Count, Some("件"), "1e3", Want::Refused),
    (Amount, Some("万元"), "1e3", Want::Refused),
    (Count, Some("件"), "0x10", Want::Refused),
    (Amount, Some("万元"), "NaN", Want::Refused),
    (Amount, Some("万元"), "inf", Want::Refused),
    (Count, Some("件"), "∞", Want::Refused),
    (Count, Some("件"), "٣", Want::Refused),
    (Count, Some("件"), "३", Want::Refused),
    (Count, Some("件"), "十二", Want::Refused),
    (Count, Some("件"), "1\u{200b}2", Want::Refused),
    (Count, Some("件"), "\u{200b}12", Want::Refused),
    (Count, Some("件"), "1\u{202e}2", Want::Refused),
    (Count, Some("件"), "12\u{200f}", Want::Refused),
    (Count, Some("件"), "12😀", Want::Refused),
    (Count, Some("件"), "/", Want::Refused),
    (Count, Some("件"), "—", Want::Refused),
    (Count, Some("件"), "12abc", Want::Refused),
    // text cells keep any text
    (Text, None, "  政策咨询  ", Want::Text("政策咨询")),
    (Text, None, "1e3 / —", Want::Text("1e3 / —")),
    (Text, None, "\u{3000}", Want::Clear),
];

#[test]
fn table_of_inputs() {
    assert!(CASES.len() >= 40);
    let mut failures = Vec::new();
    for (kind, unit, raw, want) in CASES {
        let got = parse_cell_input(*kind, *unit, raw);
        let ok = match (want, &got) {
            (Want::Int(i), Ok(Some(CellValue::Int(g)))) => i == g,
            (Want::Dec(d), Ok(Some(CellValue::Amount(g)))) => d.parse::<Decimal>().ok() == Some(*g),
            (Want::Text(t), Ok(Some(CellValue::Text(g)))) => t == g,
            (Want::Clear, Ok(None)) => true,
            (Want::Refused, Err(e)) => e.message.starts_with(&expected(*kind, *unit)),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{kind:?} {unit:?} {raw:?}: want {want:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn refusals_say_what_was_expected() {
    let e = parse_cell_input(Count, Some("件"), "-3").unwrap_err();
    assert_eq!(e.message, "此处应填写非负整数（件）");
    assert!(!e.cause.is_empty() && e.cause.is_ascii(), "{}", e.cause);
    let e = parse_cell_input(Signed, Some("件"), "abc").unwrap_err();
    assert_eq!(e.message, "此处应填写整数，可为负数（件）");
    let e = parse_cell_input(Amount, Some("万元"), "1.23456").unwrap_err();
    assert_eq!(e.message, "此处应填写金额（万元），最多 4 位小数");
    assert!(e
        .to_string()
        .starts_with("此处应填写金额（万元），最多 4 位小数 ("));
}

#[test]
fn yuan_in_a_wan_yuan_cell_says_to_convert() {
    let e = parse_cell_input(Amount, Some("万元"), "251000元").unwrap_err();
    assert!(e.message.contains("换算为“万元”"), "{}", e.message);
}

#[test]
fn amounts_keep_exact_decimals() {
    let v = parse_cell_input(Amount, Some("万元"), "0.1")
        .unwrap()
        .unwrap();
    let w = parse_cell_input(Amount, Some("万元"), "0.2")
        .unwrap()
        .unwrap();
    let sum = v.number().unwrap() + w.number().unwrap();
    assert_eq!(sum, "0.3".parse::<Decimal>().unwrap());
    assert_eq!(v.to_string(), "0.1");
}
