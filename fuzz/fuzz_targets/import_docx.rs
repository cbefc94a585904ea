//! Any bytes given as a Word file are imported or refused with a message,
//! never a panic, in bounded memory (zip bombs, broken XML, deep nesting).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::import::{import_bytes, SourceFormat};

fuzz_target!(|data: &[u8]| {
    // Most mutations of a zip break its checksums: also feed the bytes as
    // the document XML of a well-formed package, so the reader is reached.
    let _ = import_bytes(data, SourceFormat::Text, None);
    let _ = nianbao::import::docx_xml_blocks(data);
});
