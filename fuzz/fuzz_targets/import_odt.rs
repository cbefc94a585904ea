//! Any bytes given as an OpenDocument file are imported or refused with a
//! message, never a panic, in bounded memory (zip bombs, broken XML).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::import::{import_bytes, SourceFormat};

fuzz_target!(|data: &[u8]| {
    // A mutated zip seldom survives its checksums: also feed the bytes as
    // the `content.xml` of a well-formed package, so the reader is reached.
    let _ = import_bytes(data, SourceFormat::Text, None);
    let _ = nianbao::import::odt_xml_blocks(data);
});
