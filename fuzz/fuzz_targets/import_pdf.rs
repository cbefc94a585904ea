//! Any bytes given as a PDF are imported or refused with a message, never a
//! panic reaching the caller, in bounded memory.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao::import::{import_bytes, SourceFormat};

fuzz_target!(|data: &[u8]| {
    // The PDF path is chosen by the `%PDF-` mark, which mutations keep.
    let _ = import_bytes(data, SourceFormat::Text, None);
});
