//! A real Word file with photos (20 MB and more) still imports: the photos
//! sit in their own zip entries and are never unpacked.

use std::io::{Read, Write};

use nianbao::import::{import_bytes, SourceFormat};

/// `word-2021.docx` with a 20 MB photo added under `word/media/`.
fn with_photo(docx: &[u8]) -> Vec<u8> {
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("fixture is a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).expect("entry");
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read entry");
        out.start_file(name, stored).expect("start");
        out.write_all(&bytes).expect("write");
    }
    // Incompressible, like a JPEG: a simple generator, not zeros.
    let mut x: u32 = 0x1234_5678;
    let photo: Vec<u8> = (0..20 * 1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    out.start_file("word/media/image1.jpeg", stored)
        .expect("start");
    out.write_all(&photo).expect("write photo");
    out.finish().expect("finish").into_inner()
}

#[test]
fn a_word_file_with_20_mb_of_photos_imports_every_number() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/published/corpus/word-2021.docx");
    let plain = std::fs::read(&path).expect("fixture");
    let big = with_photo(&plain);
    assert!(big.len() > 20 * 1024 * 1024);
    let small = import_bytes(&plain, SourceFormat::Text, None).expect("fixture imports");
    let large = import_bytes(&big, SourceFormat::Text, None).expect("the large file imports");
    assert_eq!(large.document.cells, small.document.cells);
    assert!(!large.document.cells.is_empty() && large.unplaced.is_empty());
}
