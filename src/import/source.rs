//! What kind of file the clerk picked, told by its first bytes rather than
//! its name (a `.doc` saved by “另存为网页” is HTML; a `.docx` renamed to
//! `.txt` is still Word), and the clear refusal of what cannot be read.

use std::io::Read;
use std::path::Path;

use super::doc::{self, DocError};
use super::docx::{self, DocxError};
use super::odt;
use super::{
    import_blocks, import_str, notes, notes::ImportNote, Import, ImportError, ImportErrorKind,
    SourceFormat, MAX_INPUT_BYTES,
};

/// Largest Word or PDF file accepted: real ones with photos reach 20–30 MB;
/// a 200 MB “report” is something else. Only the text is ever unpacked.
pub const MAX_BINARY_BYTES: u64 = 64 * 1024 * 1024;

/// The refusal of an old binary Word or WPS file (the wording the clerk sees).
pub const OLD_WORD: &str =
    "这是无法读取的旧版 Word 或早期 WPS 文件，请在 WPS 或 Word 中另存为 .docx 后再导入";

/// The container a file's first bytes announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    /// OLE compound file: old Word / WPS, or an encrypted Office file.
    Ole,
    Zip,
    Pdf,
    Rtf,
    Text,
}

fn sniff(head: &[u8]) -> Kind {
    let t = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.is_empty() {
        Kind::Empty
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Ole
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        Kind::Pdf
    } else if t.starts_with(b"{\\rtf") {
        Kind::Rtf
    } else {
        Kind::Text
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn err(kind: ImportErrorKind, message: impl Into<String>, cause: impl Into<String>) -> ImportError {
    ImportError::new(kind, message, cause)
}

/// Import a file; the format follows its content (then its extension).
pub fn import_file(path: &Path) -> Result<Import, ImportError> {
    import_file_as(path, None)
}

/// Import a file with a template forced (`None` = recognize it).
pub fn import_file_as(path: &Path, template: Option<&str>) -> Result<Import, ImportError> {
    let shown = path.display();
    let unreadable = |e: std::io::Error| {
        err(
            ImportErrorKind::Unreadable,
            format!("无法读取文件 {shown}"),
            e.to_string(),
        )
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    let mut head = Vec::new();
    (&mut file)
        .take(1024)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    let binary = !matches!(sniff(&head), Kind::Text | Kind::Rtf);
    let limit = if binary {
        MAX_BINARY_BYTES
    } else {
        MAX_INPUT_BYTES
    };
    if len > limit {
        return Err(err(
            ImportErrorKind::TooBig,
            format!("文件 {shown} 超过 {} MiB，不像是一份年度报告", limit >> 20),
            format!("input is {len} bytes, limit {limit}"),
        ));
    }
    let mut bytes = head;
    file.take(limit + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    import_bytes(&bytes, SourceFormat::from_path(path), template).map_err(|e| {
        let message = match e.message.starts_with("这是") || e.message.starts_with("文件") {
            true => e.message,
            false => format!("{shown}：{}", e.message),
        };
        ImportError { message, ..e }
    })
}

/// Import a file's bytes: Word and PDF by their content, text in the format
/// given (from the file's extension).
pub fn import_bytes(
    bytes: &[u8],
    text_format: SourceFormat,
    template: Option<&str>,
) -> Result<Import, ImportError> {
    match sniff(&bytes[..bytes.len().min(1024)]) {
        Kind::Empty => Err(err(
            ImportErrorKind::Empty,
            "文件是空的（0 字节），没有可导入的内容",
            "empty file",
        )),
        Kind::Ole => import_doc(bytes, template),
        Kind::Rtf => Err(err(
            ImportErrorKind::Unsupported,
            "这是 RTF 文件，请在 WPS 或 Word 中另存为 .docx 后再导入",
            "RTF is not read",
        )),
        Kind::Zip if odt::is_odt(bytes) => import_odt(bytes, template),
        Kind::Zip => import_docx(bytes, template),
        Kind::Pdf => {
            let text = super::pdf::text_layer(bytes)?;
            let mut imported = import_str(&text, SourceFormat::Text, template);
            imported
                .notes
                .insert(0, ImportNote::ReadFrom(notes::Document::Pdf));
            Ok(imported)
        }
        Kind::Text => {
            let text = decode(bytes).map_err(|cause| {
                err(
                    ImportErrorKind::NotUtf8,
                    "文件不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后再导入",
                    cause,
                )
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            // Markup decides, not the name: a page saved as `.txt` is HTML.
            let format = match SourceFormat::sniff(text) {
                SourceFormat::Html => SourceFormat::Html,
                _ => text_format,
            };
            Ok(import_str(text, format, template))
        }
    }
}

fn import_docx(bytes: &[u8], template: Option<&str>) -> Result<Import, ImportError> {
    let blocks = docx::blocks_from_docx(bytes).map_err(zip_error)?;
    Ok(import_blocks(
        blocks,
        true,
        template,
        vec![ImportNote::ReadFrom(notes::Document::Docx)],
    ))
}

fn import_odt(bytes: &[u8], template: Option<&str>) -> Result<Import, ImportError> {
    let blocks = odt::blocks_from_odt(bytes).map_err(zip_error)?;
    Ok(import_blocks(
        blocks,
        true,
        template,
        vec![ImportNote::ReadFrom(notes::Document::Odt)],
    ))
}

/// The clerk's wording for a zip-based document (docx or odt) that failed.
fn zip_error(e: DocxError) -> ImportError {
    match e {
        DocxError::BadZip(cause) => err(
            ImportErrorKind::Damaged,
            "文件已损坏，无法作为 Word（.docx）文件打开；请在 WPS 或 Word 中打开后重新另存",
            format!("zip: {cause}"),
        ),
        DocxError::NotWord(what) => err(
            ImportErrorKind::NotWord,
            format!("这是{what}，不是 Word 文件；请导入 .docx、.pdf、网页或文本"),
            "zip without word/document.xml",
        ),
        DocxError::TooLarge => err(
            ImportErrorKind::TooBig,
            "这个文件的正文解压后超过 64 MiB，不像是一份年度报告",
            format!("document XML over {} bytes", docx::MAX_XML_BYTES),
        ),
        DocxError::BadXml(cause) => err(
            ImportErrorKind::Damaged,
            "Word 文件的正文已损坏；请在 WPS 或 Word 中打开后重新另存",
            format!("document.xml: {cause}"),
        ),
    }
}

fn import_doc(bytes: &[u8], template: Option<&str>) -> Result<Import, ImportError> {
    let blocks = doc::blocks_from_doc(bytes).map_err(|e| match e {
        DocError::Encrypted => encrypted(),
        DocError::BadContainer(cause) => err(
            ImportErrorKind::Damaged,
            "文件已损坏，无法作为旧版 Word（.doc）或 WPS 文件打开；请在 WPS 或 Word 中打开后另存为 .docx",
            format!("compound file: {cause}"),
        ),
        DocError::NotWord => err(
            ImportErrorKind::Unsupported,
            OLD_WORD,
            "compound file without a Word 97 WordDocument stream (old WPS format?)",
        ),
        DocError::Damaged(cause) => err(
            ImportErrorKind::Damaged,
            "旧版 Word（.doc）文件的正文已损坏；请在 WPS 或 Word 中打开后另存为 .docx",
            format!("WordDocument: {cause}"),
        ),
    })?;
    Ok(import_blocks(
        blocks,
        true,
        template,
        vec![ImportNote::ReadFrom(notes::Document::Doc)],
    ))
}

/// A password-protected Office file (its package is encrypted).
fn encrypted() -> ImportError {
    err(
        ImportErrorKind::Encrypted,
        "这个 Word 文件设置了打开密码，无法读取；请在 WPS 或 Word 中取消密码后另存为 .docx 再导入",
        "password-protected (encrypted OLE package)",
    )
}

/// Text of a file: UTF-8, or UTF-16 with its byte-order mark (Windows
/// Notepad's “Unicode”). Other encodings (GBK) are refused rather than read
/// as garbage; a few stray bytes in otherwise good UTF-8 are replaced.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |le: bool| -> Result<String, String> {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        Ok(String::from_utf16_lossy(&units))
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16(true),
        [0xFE, 0xFF, ..] => return utf16(false),
        _ => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy
                .chars()
                .filter(|&c| c == char::REPLACEMENT_CHARACTER)
                .count();
            // One bad byte in a thousand characters is damage; more is another encoding.
            match bad * 1000 <= lossy.chars().count() {
                true => Ok(lossy.into_owned()),
                false => Err(format!("invalid UTF-8: {bad} undecodable sequences")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Kind::Ole);
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Kind::Rtf);
        assert_eq!(sniff("<html>年报".as_bytes()), Kind::Text);
    }
}
