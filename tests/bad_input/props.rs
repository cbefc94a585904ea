//! Short property-test versions of the fuzz targets (fuzz/fuzz_targets/):
//! cell input on arbitrary text, the loader on mutated valid files. The
//! loader on arbitrary strings is in tests/file.rs and the importer on
//! arbitrary text in tests/import_props.rs.

use nianbao::document::{file, CellValue};
use nianbao::input::parse_cell_input;
use nianbao::template::CellKind;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../fixtures/sample-gk2021.ron");
const KINDS: [CellKind; 4] = [
    CellKind::Count,
    CellKind::Signed,
    CellKind::Amount,
    CellKind::Text,
];

/// One edit of a byte string: flip, delete, insert or duplicate a slice.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Repeat(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let structural = prop::sample::select(b"()[]{}:,\"\\0123456789-_ ".to_vec());
    prop_oneof![
        (any::<usize>(), prop_oneof![structural, any::<u8>()])
            .prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<usize>(), 1usize..256).prop_map(|(i, n)| Mutation::Repeat(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Set(i, b) => {
            let i = i % len;
            if i < bytes.len() {
                bytes[i] = *b;
            }
        }
        Mutation::Delete(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            bytes.drain(i.min(end)..end);
        }
        Mutation::Insert(i, v) => {
            let i = (i % len).min(bytes.len());
            bytes.splice(i..i, v.iter().copied());
        }
        Mutation::Repeat(i, n) => {
            let i = (i % len).min(bytes.len());
            let end = (i + n).min(bytes.len());
            let copy = bytes[i..end].to_vec();
            bytes.splice(i..i, copy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Whatever the loader accepts from a damaged file saves and reloads the same.
    #[test]
    fn loader_on_mutated_valid_files(muts in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for m in &muts {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("变异.ron");
        std::fs::write(&path, &bytes).unwrap();
        match file::load(&path) {
            Ok(doc) => prop_assert_eq!(file::parse(&file::to_ron(&doc)).unwrap(), doc),
            Err(e) => prop_assert!(!e.message.is_empty() && !e.cause.is_empty()),
        }
    }

    /// Any text in any kind of cell: a value of that kind, blank, or a refusal.
    #[test]
    fn cell_input_on_arbitrary_text(
        k in 0usize..4,
        unit in prop::sample::select(vec![None, Some("件"), Some("万元"), Some("人次")]),
        raw in prop_oneof![any::<String>(), "[-+0-9０-９,，.．件万元 e\u{3000}\u{200b}]{0,24}"],
    ) {
        let kind = KINDS[k];
        match parse_cell_input(kind, unit, &raw) {
            Ok(Some(CellValue::Int(i))) => {
                prop_assert!(matches!(kind, CellKind::Count | CellKind::Signed));
                prop_assert!(kind == CellKind::Signed || i >= 0);
            }
            Ok(Some(CellValue::Amount(d))) => {
                prop_assert_eq!(kind, CellKind::Amount);
                prop_assert!(d.scale() <= 4 && !d.is_sign_negative());
            }
            Ok(Some(CellValue::Text(t))) => prop_assert!(kind == CellKind::Text && !t.is_empty()),
            Ok(Some(CellValue::Unparsed(_))) => prop_assert!(false, "input never yields Unparsed"),
            Ok(None) => prop_assert!(raw.trim().is_empty()),
            Err(e) => prop_assert!(e.message.starts_with("此处应填写")),
        }
    }

    /// Every integer written the way clerks write it reads back exactly.
    #[test]
    fn integers_in_clerk_notation_read_back(n in any::<i64>(), full_width in any::<bool>(), grouped in any::<bool>()) {
        let digits = n.unsigned_abs().to_string();
        let mut body = String::new();
        for (i, c) in digits.chars().enumerate() {
            if grouped && i > 0 && (digits.len() - i) % 3 == 0 {
                body.push(if full_width { '，' } else { ',' });
            }
            body.push(if full_width { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap() } else { c });
        }
        let sign = if n < 0 { if full_width { "－" } else { "-" } } else { "" };
        let raw = format!("{sign}{body}件");
        prop_assert_eq!(parse_cell_input(CellKind::Signed, Some("件"), &raw), Ok(Some(CellValue::Int(n))));
    }
}
