//! Any bytes given as a Word 97 / WPS compound file are imported or refused
//! with a message, never a panic, in bounded memory (sector loops, short
//! streams, absurd piece tables). Seeds are LibreOffice-made .doc files.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::import::{import_bytes, SourceFormat};

fuzz_target!(|data: &[u8]| {
    let _ = import_bytes(data, SourceFormat::Text, None);
});
