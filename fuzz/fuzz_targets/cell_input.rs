//! Cell input: any text for any kind is either a value of that kind or a refusal.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::document::CellValue;
use nianbao::input::parse_cell_input;
use nianbao::template::CellKind;

const UNITS: [Option<&str>; 4] = [Some("件"), Some("万元"), Some("人次"), None];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(raw) = std::str::from_utf8(rest) else { return };
    let kind = [CellKind::Count, CellKind::Signed, CellKind::Amount, CellKind::Text][(selector & 3) as usize];
    let unit = UNITS[((selector >> 2) & 3) as usize];
    match parse_cell_input(kind, unit, raw) {
        Ok(Some(CellValue::Int(i))) => {
            assert!(matches!(kind, CellKind::Count | CellKind::Signed));
            assert!(kind == CellKind::Signed || i >= 0, "negative count accepted");
        }
        Ok(Some(CellValue::Amount(d))) => {
            assert_eq!(kind, CellKind::Amount);
            assert!(d.scale() <= 4, "more than four decimals accepted");
        }
        Ok(Some(CellValue::Text(_))) => assert_eq!(kind, CellKind::Text),
        Ok(Some(CellValue::Unparsed(_))) => panic!("input never yields Unparsed"),
        Ok(None) | Err(_) => {}
    }
});
