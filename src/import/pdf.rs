//! The text layer of a PDF, for the text path (which already reads tables a
//! PDF has broken into pieces, as in seed 002).
//!
//! `pdf-extract` (on `lopdf`) does the reading. Two guards wrap it, because
//! a PDF from the web may be anything: every compressed stream that is not a
//! picture is first unpacked into nothing with a size bound (a “zip bomb” in
//! a content or object stream is refused before `lopdf` would unpack it into
//! memory), and a panic inside the crate on a malformed file is caught and
//! reported as a damaged file.

use std::cell::Cell;
use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::{ImportError, ImportErrorKind};

/// Largest size one non-picture stream may unpack to.
const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Largest size all of them together may unpack to.
const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// How far before `stream` its dictionary is looked for.
const DICT_WINDOW: usize = 2048;

/// The message for a PDF without text (a scan).
pub const SCANNED: &str = "这是扫描件，没有可识别的文字，请使用网页版或 Word 版导入";

fn err(kind: ImportErrorKind, message: &str, cause: impl Into<String>) -> ImportError {
    ImportError::new(kind, message, cause)
}

/// The text of every page, in reading order as the crate gives it.
pub fn text_layer(bytes: &[u8]) -> Result<String, ImportError> {
    check_streams(bytes)?;
    let damaged = "PDF 文件已损坏，无法读取；请使用网页版或 Word 版导入";
    let text = quietly(|| -> Result<String, ImportError> {
        let mut doc = pdf_extract::Document::load_mem(bytes)
            .map_err(|e| err(ImportErrorKind::Damaged, damaged, format!("pdf: {e}")))?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(err(
                ImportErrorKind::Encrypted,
                "这个 PDF 设置了打开密码，无法读取；请使用网页版或 Word 版导入",
                "encrypted PDF",
            ));
        }
        let mut s = String::new();
        let mut out = pdf_extract::PlainTextOutput::new(&mut s);
        pdf_extract::output_doc(&doc, &mut out)
            .map_err(|e| err(ImportErrorKind::Damaged, damaged, format!("pdf: {e}")))?;
        Ok(s)
    })
    .unwrap_or_else(|| {
        Err(err(
            ImportErrorKind::Damaged,
            damaged,
            "pdf reader panicked on malformed input",
        ))
    })?;
    let readable = text
        .chars()
        .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit())
        .count();
    if readable < 10 {
        return Err(err(ImportErrorKind::NoText, SCANNED, "no text layer"));
    }
    Ok(spaced_rows(&text))
}

/// A PDF table row comes out as one line with spaces between cells
/// (`（一）予以公开 1 0 0 0 1 0 2`): its trailing numbers become tab-separated
/// cells after the label, as the text path reads rows. Prose keeps its spaces.
fn spaced_rows(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let values = tokens
            .iter()
            .rev()
            .take_while(|t| super::text_tables::is_value_like(t))
            .count();
        let label = &tokens[..tokens.len() - values];
        let short_label = label.iter().map(|t| t.chars().count()).sum::<usize>() <= 60;
        // One number after a short label is a row too (行政许可 12).
        let label_chars: usize = label.iter().map(|t| t.chars().count()).sum();
        let row = values >= 2 || (values == 1 && (1..=12).contains(&label_chars));
        if row && short_label && !line.contains('\t') {
            let mut cells = vec![label.concat()];
            cells.extend(tokens[label.len()..].iter().map(|t| t.to_string()));
            if label.is_empty() {
                cells.remove(0);
                cells.insert(0, String::new());
            }
            out.push_str(&cells.join("\t"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Unpack every zlib stream that is not a picture into nothing, with a
/// bound; refuse the file when one (or all together) unpack too far.
fn check_streams(bytes: &[u8]) -> Result<(), ImportError> {
    let bomb = |cause: String| {
        err(
            ImportErrorKind::TooBig,
            "PDF 中有解压后异常巨大的数据，不像是一份年度报告，未导入",
            cause,
        )
    };
    let mut total = 0u64;
    let mut at = 0usize;
    while let Some(off) = find(&bytes[at..], b"stream") {
        let kw = at + off;
        at = kw + 6;
        let body = match &bytes[at..] {
            [b'\r', b'\n', ..] => at + 2,
            [b'\n', ..] | [b'\r', ..] => at + 1,
            _ => continue, // `endstream`, or the word inside other data
        };
        if kw >= 3 && &bytes[kw - 3..kw] == b"end" {
            continue;
        }
        let dict = &bytes[kw.saturating_sub(DICT_WINDOW)..kw];
        let dict = match rfind(dict, b"obj") {
            Some(i) => &dict[i..],
            None => dict,
        };
        if find(dict, b"/Image").is_some() || find(dict, b"FlateDecode").is_none() {
            continue;
        }
        let mut decoder = flate2::read::ZlibDecoder::new(&bytes[body..]).take(MAX_STREAM_BYTES + 1);
        let n = std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0);
        if n > MAX_STREAM_BYTES {
            return Err(bomb(format!(
                "a stream unpacks beyond {MAX_STREAM_BYTES} bytes"
            )));
        }
        total += n;
        if total > MAX_UNPACKED_BYTES {
            return Err(bomb(format!(
                "streams unpack beyond {MAX_UNPACKED_BYTES} bytes"
            )));
        }
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

thread_local! {
    /// Set while the PDF crate runs: its panics are expected and caught.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}
static HOOK: Once = Once::new();

/// Run `f`, catching a panic without printing it; other panics (other
/// threads, or outside `f`) still reach the hook that was installed before.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_damaged_not_a_panic() {
        let e = text_layer(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer").unwrap_err();
        assert!(e.message.contains("PDF"), "{e}");
    }

    #[test]
    fn spaced_cells_become_rows() {
        let t = spaced_rows("（一）予以公开 1 0 2\n2 0 1\n正文 2024 年的工作。\n");
        assert_eq!(
            t,
            "（一）予以公开\t1\t0\t2\n\t2\t0\t1\n正文 2024 年的工作。\n"
        );
    }

    #[test]
    fn a_flate_bomb_is_refused() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..70 {
            z.write_all(&zeros).unwrap();
        }
        let packed = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n4 0 obj << /Filter /FlateDecode /Length 9 >>\nstream\n".to_vec();
        pdf.extend(packed);
        pdf.extend(b"\nendstream endobj");
        let e = text_layer(&pdf).unwrap_err();
        assert!(e.message.contains("巨大"), "{e}");
    }
}
