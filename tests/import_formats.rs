//! The file formats beside .docx: OpenDocument (.odt), Word 97–2003 (.doc)
//! and WPS (.wps), made from the corpus's Word reports by LibreOffice
//! (`soffice --headless --convert-to doc|odt`, committed so CI needs no
//! LibreOffice), must place the same cells as the .docx they came from; the
//! format is told by content, never by the name; hostile files are refused
//! with a Chinese message.

use std::io::Write;
use std::path::PathBuf;

use nianbao::import::{import_bytes, import_file, Import, SourceFormat};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/published")
        .join(name)
}

fn import(name: &str) -> Import {
    import_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Same template, same placed cells, none lost.
fn same_cells(docx: &str, other: &str) {
    let a = import(docx);
    let b = import(other);
    assert_eq!(a.template, b.template, "{other}");
    assert!(!a.document.cells.is_empty(), "{docx} places nothing");
    let missing: Vec<_> = a
        .document
        .cells
        .iter()
        .filter(|(k, v)| b.document.cells.get(*k) != Some(*v))
        .collect();
    let extra: Vec<_> = b
        .document
        .cells
        .keys()
        .filter(|k| !a.document.cells.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{other} vs {docx}: {} of {} differ {missing:?}; extra {extra:?}",
        missing.len(),
        a.document.cells.len()
    );
}

#[test]
fn odt_places_what_the_docx_places() {
    same_cells("corpus/word-2019.docx", "formats/word-2019.odt");
    same_cells("corpus/word-2021.docx", "formats/word-2021.odt");
}

#[test]
fn doc_places_what_the_docx_places() {
    same_cells("corpus/word-2019.docx", "formats/word-2019.doc");
    same_cells("corpus/word-2021.docx", "formats/word-2021.doc");
}

#[test]
fn wps_is_read_as_word_97() {
    same_cells("corpus/word-2021.docx", "formats/word-2021.wps");
}

#[test]
fn doc_shorter_than_its_last_sector_still_imports() {
    let len = std::fs::metadata(fixture("formats/word-2019-short-sector.doc"))
        .expect("fixture")
        .len();
    assert_ne!(len % 512, 0);
    same_cells(
        "corpus/word-2019.docx",
        "formats/word-2019-short-sector.doc",
    );
}

#[test]
fn content_decides_not_the_name() {
    // A .docx renamed .doc is still a .docx.
    same_cells("corpus/word-2021.docx", "formats/word-2021-renamed.doc");
    // A web page saved as .txt is HTML.
    let page = import("formats/page-saved-as.txt");
    let html = import("corpus/chrome-garbled-title.html");
    assert_eq!(page.document.cells, html.document.cells);
    assert!(!page.document.cells.is_empty());
    // Word 97 under any name (bytes with the text format's guess).
    let doc = std::fs::read(fixture("formats/word-2021.doc")).expect("fixture");
    let b = import_bytes(&doc, SourceFormat::Markdown, None).expect("doc as bytes");
    assert_eq!(
        b.document.cells,
        import("corpus/word-2021.docx").document.cells
    );
}

fn refused(bytes: &[u8]) -> String {
    match import_bytes(bytes, SourceFormat::Text, None) {
        Ok(_) => panic!("hostile input was imported"),
        Err(e) => e.to_string(),
    }
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        z.start_file(*name, opts).expect("zip");
        z.write_all(data).expect("zip");
    }
    z.finish().expect("zip");
    out.into_inner()
}

#[test]
fn odt_bomb_is_refused() {
    // 65 MiB of zeros inflates from a few tens of KB.
    let big = vec![b' '; 65 * 1024 * 1024];
    let odt = zip_with(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", &big),
    ]);
    assert!(odt.len() < 1024 * 1024);
    let e = refused(&odt);
    assert!(e.contains("超过 64 MiB"), "{e}");
}

#[test]
fn odt_without_content_or_with_broken_xml_is_refused() {
    let mime: (&str, &[u8]) = ("mimetype", b"application/vnd.oasis.opendocument.text");
    let e = refused(&zip_with(&[mime]));
    assert!(e.contains("content.xml"), "{e}");
    let e = refused(&zip_with(&[mime, ("content.xml", b"<a><b></a></c>\x00<")]));
    assert!(e.contains("损坏"), "{e}");
}

#[test]
fn truncated_and_mangled_doc_is_refused_or_read_never_panics() {
    let doc = std::fs::read(fixture("formats/word-2019.doc")).expect("fixture");
    // Cut anywhere: a clear refusal or a partial read, never a panic.
    for cut in (8..doc.len()).step_by(997) {
        let _ = import_bytes(&doc[..cut], SourceFormat::Text, None);
    }
    // Header only: refused, Chinese message with the technical cause.
    let e = refused(&doc[..600]);
    assert!(e.contains("损坏") && e.contains('('), "{e}");
}

#[test]
fn fat_loop_is_refused() {
    let mut doc = std::fs::read(fixture("formats/word-2019.doc")).expect("fixture");
    // Point every FAT entry of the first FAT sector at itself: chains loop.
    let fat_sector = u32::from_le_bytes(doc[0x4C..0x50].try_into().expect("difat")) as usize;
    let at = (fat_sector + 1) * 512;
    for i in 0..128 {
        doc[at + i * 4..at + i * 4 + 4].copy_from_slice(&(i as u32).to_le_bytes());
    }
    let e = refused(&doc);
    assert!(e.contains("损坏"), "{e}");
}

#[test]
fn absurd_piece_table_is_refused() {
    let mut doc = std::fs::read(fixture("formats/word-2021.doc")).expect("fixture");
    // The CLX offset in the FIB (FibRgFcLcb97 index 33) moved past the stream.
    let word = find_word_stream_fib(&doc);
    let csw = u16::from_le_bytes([doc[word + 32], doc[word + 33]]) as usize;
    let lw = word + 34 + csw * 2;
    let cslw = u16::from_le_bytes([doc[lw], doc[lw + 1]]) as usize;
    let clx = lw + 2 + cslw * 4 + 2 + 33 * 8;
    doc[clx..clx + 4].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    let e = refused(&doc);
    assert!(e.contains("损坏") && e.contains("CLX"), "{e}");
}

/// The FIB starts the WordDocument stream; LibreOffice writes it at the
/// first sector after the header whose bytes begin with 0xA5EC.
fn find_word_stream_fib(doc: &[u8]) -> usize {
    (512..doc.len())
        .step_by(512)
        .find(|&at| doc[at..at + 2] == [0xEC, 0xA5])
        .expect("FIB")
}

#[test]
fn compound_file_without_word_is_refused() {
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    cf.create_stream("/Other")
        .expect("stream")
        .write_all(b"x")
        .expect("write");
    cf.flush().expect("flush");
    let bytes = cf.into_inner().into_inner();
    let e = refused(&bytes);
    assert!(e.contains("WPS") && e.contains("WordDocument"), "{e}");
}

#[test]
fn every_format_under_a_wrong_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("corpus/word-2021.docx", "报告.txt"),
        ("formats/word-2021.odt", "报告.docx"),
        ("formats/word-2021.odt", "报告.md"),
        ("formats/word-2021.doc", "报告.html"),
        ("formats/word-2021.doc", "报告.odt"),
        ("formats/word-2021.wps", "报告"),
        ("corpus/pdf-2021.pdf", "报告.doc"),
        ("corpus/official-html-2021.html", "报告.md"),
    ];
    for (source, name) in cases {
        let right = import(source);
        let renamed = dir.path().join(name);
        std::fs::copy(fixture(source), &renamed).expect("copy");
        let read = import_file(&renamed).unwrap_or_else(|e| panic!("{source} as {name}: {e}"));
        assert_eq!(
            right.document.cells, read.document.cells,
            "{source} as {name}"
        );
        assert!(!read.document.cells.is_empty(), "{source} as {name}");
    }
}

#[test]
fn html_report_saved_by_libreoffice_as_odt_and_doc() {
    same_cells(
        "corpus/official-html-2021.html",
        "formats/official-html-2021.odt",
    );
    same_cells(
        "corpus/official-html-2021.html",
        "formats/official-html-2021.doc",
    );
}

/// 65 MiB of spaces as `word/document.xml`: a few tens of KB zipped.
fn docx_bomb() -> Vec<u8> {
    let big = vec![b' '; 65 * 1024 * 1024];
    let docx = zip_with(&[("word/document.xml", &big)]);
    assert!(docx.len() < 1024 * 1024);
    docx
}

#[test]
fn docx_bomb_is_refused() {
    let e = refused(&docx_bomb());
    assert!(e.contains("超过 64 MiB"), "{e}");
}

#[test]
fn zip_entry_lying_about_its_size_is_refused() {
    // Local header and central directory both claim 100 bytes unpacked; the
    // deflate stream still expands to 65 MiB. Read to the claim or to the
    // bound, it never becomes a report.
    let mut docx = docx_bomb();
    let patch = |docx: &mut Vec<u8>, sig: [u8; 4], field: usize| {
        let at = docx.windows(4).position(|w| w == sig).expect("zip record");
        docx[at + field..at + field + 4].copy_from_slice(&100u32.to_le_bytes());
    };
    patch(&mut docx, [0x50, 0x4B, 0x03, 0x04], 22);
    patch(&mut docx, [0x50, 0x4B, 0x01, 0x02], 24);
    let e = refused(&docx);
    assert!(e.contains("超过 64 MiB") || e.contains("损坏"), "{e}");
}

#[test]
fn compound_file_with_absurd_header_fields_is_bounded() {
    let doc = std::fs::read(fixture("formats/word-2019.doc")).expect("fixture");
    let cells = import("formats/word-2019.doc").document.cells;
    let with = |field: usize| {
        let mut bad = doc.clone();
        bad[field..field + 4].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        import_bytes(&bad, SourceFormat::Text, None)
    };
    // Counts (directory, FAT, mini-FAT, DIFAT sectors) of 2^31 - 1: `cfb`
    // bounds them by the file's real sector count, so nothing is allocated
    // for them and the text reads as before.
    for field in [0x28, 0x2C, 0x40, 0x48] {
        let i = with(field).unwrap_or_else(|e| panic!("{field:#x}: {e}"));
        assert_eq!(i.document.cells, cells, "{field:#x}");
    }
    // Sector numbers past the end (directory, mini-FAT, DIFAT start, first
    // FAT sector): refused in Chinese, with the technical cause.
    for field in [0x30, 0x3C, 0x44, 0x4C] {
        let e = with(field).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            e.contains("文件已损坏") && e.contains("2147483647"),
            "{field:#x}: {e}"
        );
    }
}
