//! The Word export opened as a package: its parts, GB/T 9704's page and
//! fonts, real merged cells, repeated header rows, determinism.

use std::io::{Cursor, Read};

use nianbao::document::Document;
use nianbao::{export, template};
use quick_xml::events::Event;
use quick_xml::Reader;

use super::sample;

pub fn docx_of(doc: &Document) -> Vec<u8> {
    let t = template::get(&doc.template).expect("template");
    export::to_docx(doc, t).expect("docx")
}

/// The text of one part of the package.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8 part");
    s
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Per table: grid column count, and per row the columns its cells span
/// and whether the row repeats as a header.
fn tables(xml: &str) -> Vec<(usize, Vec<(usize, bool)>)> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<(usize, Vec<(usize, bool)>)> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:tbl" => out.push((0, Vec::new())),
                b"w:gridCol" => out.last_mut().expect("table").0 += 1,
                b"w:tr" => out.last_mut().expect("table").1.push((0, false)),
                b"w:tc" => out.last_mut().and_then(|t| t.1.last_mut()).expect("row").0 += 1,
                b"w:gridSpan" => {
                    let n: usize = attr(&e, "w:val")
                        .and_then(|v| v.parse().ok())
                        .expect("span");
                    out.last_mut().and_then(|t| t.1.last_mut()).expect("row").0 += n - 1;
                }
                b"w:tblHeader" => {
                    out.last_mut().and_then(|t| t.1.last_mut()).expect("row").1 = true;
                }
                _ => {}
            },
            _ => {}
        }
    }
    out
}

#[test]
fn package_has_the_parts_word_needs() {
    let bytes = docx_of(&sample());
    let zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let names: Vec<&str> = zip.file_names().collect();
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(names.contains(&name), "{name} missing: {names:?}");
    }
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));
}

#[test]
fn page_follows_gb_t_9704() {
    let xml = part(&docx_of(&sample()), "word/document.xml");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(
        xml.contains(r#"w:top="2098""#) && xml.contains(r#"w:left="1587""#),
        "37 mm / 28 mm"
    );
    assert!(
        xml.contains(r#"w:right="1474""#) && xml.contains(r#"w:bottom="1984""#),
        "版心 156 × 225 mm"
    );
    assert!(
        xml.contains("方正小标宋简体") && xml.contains(r#"<w:sz w:val="44" />"#),
        "2号小标宋 title"
    );
    assert!(xml.contains("黑体") && xml.contains("楷体_GB2312") && xml.contains("仿宋_GB2312"));
    assert!(
        xml.contains(r#"<w:jc w:val="right" />"#),
        "signature right-aligned"
    );
    let styles = part(&docx_of(&sample()), "word/styles.xml");
    assert!(styles.contains(r#"<w:sz w:val="32" />"#), "3号 body");
}

#[test]
fn page_numbers_are_dashed_fields_in_4hao_songti() {
    let bytes = docx_of(&sample());
    for name in ["word/footer1.xml", "word/footer2.xml"] {
        let footer = part(&bytes, name);
        assert!(footer.contains("PAGE"), "{name}: {footer}");
        assert!(footer.contains("— ") && footer.contains(" —"));
        assert!(footer.contains("宋体") && footer.contains(r#"<w:sz w:val="28" />"#));
    }
    let settings = part(&bytes, "word/settings.xml");
    assert!(
        settings.contains("evenAndOddHeaders"),
        "odd pages right, even pages left"
    );
}

#[test]
fn tables_have_real_merged_cells_and_repeated_headers() {
    let xml = part(&docx_of(&sample()), "word/document.xml");
    let tables = tables(&xml);
    assert_eq!(tables.len(), 6);
    for (cols, rows) in &tables {
        for (k, (covered, _)) in rows.iter().enumerate() {
            assert_eq!(covered, cols, "row {k} of a {cols}-column table");
        }
    }
    let t3 = &tables[4];
    assert_eq!(t3.0, 10);
    assert_eq!(t3.1.len(), 28);
    let header: Vec<bool> = t3.1.iter().map(|r| r.1).collect();
    assert_eq!(header.iter().filter(|&&h| h).count(), 3);
    assert!(header[..3].iter().all(|&h| h));
    assert!(
        xml.contains(r#"<w:gridSpan w:val="7" />"#),
        "申请人情况 over seven"
    );
    assert!(
        xml.contains(r#"<w:gridSpan w:val="5" />"#),
        "法人或其他组织 over five"
    );
    assert!(xml.contains(r#"<w:vMerge w:val="restart" />"#));
    assert!(xml.contains(r#"<w:vMerge w:val="continue" />"#));
}

#[test]
fn export_is_deterministic() {
    let doc = sample();
    let a = docx_of(&doc);
    let b = docx_of(&doc);
    assert_eq!(a, b);
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
}

/// `document.xml` broken at paragraph, row and table starts, for golden files.
pub fn readable(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 4096);
    for (i, piece) in xml.split('<').enumerate() {
        if i > 0 {
            let tag = piece.split([' ', '>', '/']).next().unwrap_or("");
            if matches!(tag, "w:p" | "w:tr" | "w:tbl" | "w:tc" | "w:sectPr") {
                out.push('\n');
            }
            out.push('<');
        }
        out.push_str(piece);
    }
    out.push('\n');
    out
}
