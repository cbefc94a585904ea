//! The document loader must refuse any bytes with a message, never panic; whatever
//! it accepts must validate and export without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::{document::file, export, template, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = file::parse(text) {
        if let Some(t) = template::get(&doc.template) {
            let _ = validate::validate(&doc, t);
            let _ = export::to_text(&doc, t);
            let _ = export::to_markdown(&doc, t);
        }
        let again = file::parse(&file::to_ron(&doc)).expect("a saved document loads");
        assert_eq!(again, doc);
    }
});
