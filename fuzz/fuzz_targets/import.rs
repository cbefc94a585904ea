//! The importer takes any text in any of its formats without panicking, and what
//! it produces validates. (Exports of arbitrary documents have their own
//! property tests, `tests/export/hostile.rs`; rendering them here made every
//! execution pay for a full Markdown layout.)
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::import::{import_str, SourceFormat};
use nianbao::{template, validate};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let format = [SourceFormat::Html, SourceFormat::Markdown, SourceFormat::Text][(selector % 3) as usize];
    let imported = import_str(&text, format, None);
    if let Some(t) = template::get(&imported.document.template) {
        let _ = validate::validate(&imported.document, t);
    }
});
