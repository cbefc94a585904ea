//! Report files: everything a clerk might open by mistake, and every way a
//! real report file gets damaged.

use std::path::{Path, PathBuf};
use std::time::Instant;

use nianbao::document::file::{self, FileError, MAX_FILE_BYTES};

use super::assert_clear;

const SAMPLE: &str = include_str!("../fixtures/sample-gk2021.ron");

/// What loading must give.
enum Want {
    /// Loads, and equals the sample fixture.
    Sample,
    /// Refused with a message containing this Chinese phrase.
    Refused(&'static str),
}

fn sample_with(from: &str, to: &str) -> Vec<u8> {
    assert!(SAMPLE.contains(from), "fixture lacks {from:?}");
    SAMPLE.replacen(from, to, 1).into_bytes()
}

/// Byte-content cases: (name, content, outcome).
fn content_cases() -> Vec<(&'static str, Vec<u8>, Want)> {
    let nested = |open: &str, n: usize| open.repeat(n).into_bytes();
    vec![
        ("empty", vec![], Want::Refused("文件是空的")),
        (
            "blank lines",
            b"\n\n  \r\n".to_vec(),
            Want::Refused("文件是空的"),
        ),
        (
            "PNG image",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            Want::Refused("二进制"),
        ),
        (
            "docx (zip)",
            b"PK\x03\x04\x14\0\x06\0".to_vec(),
            Want::Refused("二进制"),
        ),
        (
            "UTF-16 with BOM",
            "(年报)".encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Want::Refused("二进制"),
        ),
        (
            "GBK text",
            b"(unit: \"\xd4\xc6\xcf\xaa\xd5\xf2\")".to_vec(),
            Want::Refused("UTF-8"),
        ),
        (
            "invalid UTF-8 in a string",
            sample_with("云溪镇人民政府\"", "\u{fffd}\"")
                .into_iter()
                .map(|b| if b == 0xef { 0xff } else { b })
                .collect(),
            Want::Refused("UTF-8"),
        ),
        (
            "truncated in half",
            SAMPLE.as_bytes()[..SAMPLE.len() / 2].to_vec(),
            Want::Refused("不完整"),
        ),
        (
            "newer format_version",
            sample_with("format_version: 2", "format_version: 99"),
            Want::Refused("较新版本"),
        ),
        (
            "huge format_version",
            sample_with("format_version: 2", "format_version: 99999999999999999999"),
            Want::Refused("不符"),
        ),
        (
            "unknown template",
            sample_with("\"gk2021\"", "\"gk2099\""),
            Want::Refused("未知的模板"),
        ),
        (
            "year as text",
            sample_with("year: 2025", "year: \"二〇二五\""),
            Want::Refused("不符"),
        ),
        (
            "negative year",
            sample_with("year: 2025", "year: -2025"),
            Want::Refused("不符"),
        ),
        (
            "year beyond u16",
            sample_with("year: 2025", "year: 70000"),
            Want::Refused("不符"),
        ),
        (
            "unknown level",
            sample_with("level: Township", "level: Village"),
            Want::Refused("不符"),
        ),
        (
            "duplicate field",
            sample_with(
                "    template: \"gk2021\",",
                "    template: \"gk2021\",\n    template: \"gk2021\",",
            ),
            Want::Refused("不符"),
        ),
        (
            "a list, not a report",
            b"[1, 2, 3]".to_vec(),
            Want::Refused("这不是年报文件"),
        ),
        (
            "JSON",
            br#"{"format_version": 1, "template": "gk2021"}"#.to_vec(),
            Want::Refused("不符"),
        ),
        (
            "Markdown export",
            "# 云溪镇2025年政府信息公开工作年度报告\n\n| a | b |"
                .as_bytes()
                .to_vec(),
            Want::Refused("已损坏"),
        ),
        (
            "only a comment",
            b"// nothing here\n".to_vec(),
            Want::Refused(""),
        ),
        (
            "unterminated string",
            b"(format_version: 1, template: \"gk2021".to_vec(),
            Want::Refused("不完整"),
        ),
        ("100k [", nested("[", 100_000), Want::Refused("")),
        ("100k (", nested("(", 100_000), Want::Refused("")),
        (
            "100k { in a field",
            [b"(format_version: 1, meta: ".to_vec(), nested("{", 100_000)].concat(),
            Want::Refused(""),
        ),
        (
            "trailing garbage",
            [SAMPLE.as_bytes(), b"\n(1)"].concat(),
            Want::Refused(""),
        ),
        (
            "BOM from Notepad",
            [b"\xef\xbb\xbf".as_slice(), SAMPLE.as_bytes()].concat(),
            Want::Sample,
        ),
        (
            "CRLF line endings",
            SAMPLE.replace('\n', "\r\n").into_bytes(),
            Want::Sample,
        ),
        (
            "unknown field (ignored)",
            sample_with(
                "    template: \"gk2021\",",
                "    template: \"gk2021\",\n    color: \"red\",",
            ),
            Want::Sample,
        ),
        (
            "no final newline",
            SAMPLE.trim_end().as_bytes().to_vec(),
            Want::Sample,
        ),
    ]
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(format!("{}.ron", name.replace(' ', "_")));
    std::fs::write(&path, content).unwrap();
    path
}

fn check(name: &str, got: Result<nianbao::document::Document, FileError>, want: &Want) {
    match (want, got) {
        (Want::Sample, Ok(doc)) => assert_eq!(doc, file::parse(SAMPLE).unwrap(), "{name}"),
        (Want::Refused(phrase), Err(e)) => {
            assert!(e.message.contains(phrase), "{name}: {e}");
            assert!(!e.cause.is_empty(), "{name}: {e}");
            assert_clear(&e.to_string(), name);
        }
        (Want::Sample, Err(e)) => panic!("{name}: should load, got {e}"),
        (Want::Refused(_), Ok(_)) => panic!("{name}: should be refused"),
    }
}

#[test]
fn file_catalogue_loads_or_refuses_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let cases = content_cases();
    assert!(cases.len() + 4 >= 20, "catalogue too small");
    for (name, content, want) in &cases {
        check(name, file::load(&write(dir.path(), name, content)), want);
    }
}

#[test]
fn directory_missing_file_and_special_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("文件夹.ron");
    std::fs::create_dir(&folder).unwrap();
    check("directory", file::load(&folder), &Want::Refused("文件夹"));
    check(
        "missing",
        file::load(&dir.path().join("没有.ron")),
        &Want::Refused("找不到文件"),
    );
    // The null device: refused, never a panic. Unix reads it as empty; Windows'
    // NUL (no file dialog offers it) may refuse the read itself (Wine: error 87).
    if cfg!(windows) {
        assert!(file::load(Path::new("NUL")).is_err());
    } else {
        check(
            "/dev/null",
            file::load(Path::new("/dev/null")),
            &Want::Refused("文件是空的"),
        );
    }
}

/// A 100 MB file is refused from its size alone: it is sparse, so reading it
/// would take visible time, and the refusal must be immediate.
#[test]
fn a_hundred_megabyte_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("大文件.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let started = Instant::now();
    let err = file::load(&path).unwrap_err();
    assert!(
        started.elapsed().as_millis() < 500,
        "took {:?}",
        started.elapsed()
    );
    assert!(
        err.message.contains("文件过大") && err.message.contains("16 MiB"),
        "{err}"
    );
    assert_clear(&err.to_string(), "100 MB");
    // Just over the limit is refused too; just under is read (and is not RON).
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    assert!(file::load(&path).unwrap_err().message.contains("文件过大"));
}

/// A 100 MB string inside otherwise valid RON, handed straight to the parser
/// (the size limit lives in `load`): refused for its content, no panic.
#[test]
fn a_hundred_megabyte_string_in_memory_is_refused() {
    let text = SAMPLE.replacen("\"gk2021\"", &format!("\"{}\"", "年".repeat(33_000_000)), 1);
    let err = file::parse(&text).unwrap_err();
    assert_clear(&err.to_string(), "100 MB string");
    assert!(
        err.to_string().len() < 4096,
        "the message quotes the whole string: {} bytes",
        err.to_string().len()
    );
}

/// Huge identifiers and strings where the format expects something else are
/// refused with a message of readable length, not an echo of the content.
#[test]
fn huge_wrong_content_is_not_echoed_in_the_message() {
    let huge = "X".repeat(1_000_000);
    let cases = [
        SAMPLE.replacen("level: Township", &format!("level: {huge}"), 1),
        SAMPLE.replacen("year: 2025", &format!("year: \"{huge}\""), 1),
        format!("{huge}("),
    ];
    for (i, text) in cases.iter().enumerate() {
        let err = file::parse(text).unwrap_err();
        assert!(
            err.to_string().len() < 4096,
            "case {i}: a {} byte message",
            err.to_string().len()
        );
    }
}

/// Truncated at every byte offset: a prefix either loads (only once the
/// closing parenthesis is in) or is refused with a message; never a panic.
#[test]
fn truncated_at_every_byte_offset() {
    let bytes = SAMPLE.as_bytes();
    let end = SAMPLE.rfind(')').unwrap() + 1;
    let (mut refused, mut loaded, mut not_utf8) = (0, 0, 0);
    for n in 0..=bytes.len() {
        let Ok(text) = std::str::from_utf8(&bytes[..n]) else {
            not_utf8 += 1; // `load` refuses these as not UTF-8 (see the catalogue)
            continue;
        };
        match file::parse(text) {
            Ok(_) => {
                assert!(
                    n >= end,
                    "a file cut at byte {n} inside the structure loaded"
                );
                loaded += 1;
            }
            Err(e) => {
                assert!(n < end, "the complete file cut at {n} was refused: {e}");
                assert!(!e.message.is_empty() && !e.cause.is_empty(), "cut at {n}");
                refused += 1;
            }
        }
    }
    eprintln!("truncation: {refused} prefixes refused, {loaded} loaded, {not_utf8} cut inside a character");
    assert_eq!(refused + loaded + not_utf8, bytes.len() + 1);
}
