//! The report file (年报文件): RON through serde with a `format_version`.
//!
//! Loading is strict and never writes: every way a file can be wrong gets its
//! own Chinese explanation, because the clerk has to decide what to do about
//! it (pick another file, open the `.bak`, upgrade the program). Saving is
//! atomic and keeps the previous file as `NAME.bak`.

mod atomic;
mod migrate;

use std::fs::File;
use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};

use super::{Document, FORMAT_VERSION};
use crate::template;

/// A report file is a few hundred KiB at most; anything bigger is the wrong file.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be loaded or saved: Chinese for the clerk, then the
/// technical cause in English; the kind says what happened.
pub type FileError = crate::error::Error<FileErrorKind>;

/// What went wrong with a report file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileErrorKind {
    NotFound,
    /// The file or its folder cannot be read (permissions, I/O).
    Unreadable,
    IsDirectory,
    /// Bigger than [`MAX_FILE_BYTES`].
    TooBig,
    Empty,
    /// NUL bytes: Word, WPS, Excel, an archive.
    Binary,
    /// Not UTF-8 (GBK from old tools).
    NotUtf8,
    /// Saved by a newer program (`format_version` above ours).
    NewerVersion,
    /// Well-formed RON that is not a report at all.
    NotAReport,
    /// A report whose content does not fit the format.
    WrongShape,
    /// Not RON: damaged.
    Damaged,
    /// Cut short while saving or copying.
    Truncated,
    /// A template id this program does not have.
    UnknownTemplate,
    /// The document could not be turned into text.
    Serialize,
    /// The path names no file.
    BadPath,
    DiskFull,
    /// The folder to save in does not exist.
    NoFolder,
    NoPermission,
    /// Any other failure to write.
    WriteFailed,
    /// The previous file could not be kept as `.bak`.
    Backup,
}

impl FileErrorKind {
    /// A damaged file may have a good `.bak` beside it.
    pub fn is_damaged(self) -> bool {
        matches!(self, FileErrorKind::Damaged | FileErrorKind::Truncated)
    }
}

use FileErrorKind as Kind;

/// Read a report from disk. Nothing on disk is changed, whatever happens.
pub fn load(path: &Path) -> Result<Document, FileError> {
    let bytes = read_limited(path)?;
    let text = decode(&bytes)?;
    parse(text).map_err(|e| with_backup_hint(e, path))
}

/// Parse a report from RON text, migrating older versions forward.
pub fn parse(text: &str) -> Result<Document, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::new(
            Kind::Empty,
            "文件是空的，不是年报文件",
            "file is empty",
        ));
    }
    let options = ron::Options::default();
    let probe: migrate::Probe = options
        .from_str(text)
        .map_err(|e| classify(text, &options, e))?;
    let version = probe.format_version;
    if version > FORMAT_VERSION {
        return Err(FileError::new(
            Kind::NewerVersion,
            format!(
                "此文件由较新版本的年报程序保存（格式版本 {version}），本程序只能打开格式版本 {FORMAT_VERSION} 及以前的文件，请先升级本程序"
            ),
            format!("format_version {version} is newer than {FORMAT_VERSION}"),
        ));
    }
    let read = migrate::read(version, text, &options).map_err(|e| classify(text, &options, e))?;
    let doc = migrate::migrate(read);
    check_template(&doc)?;
    Ok(doc)
}

/// The document as pretty, deterministic RON (maps are ordered, `\n` line ends).
pub fn to_ron(doc: &Document) -> String {
    // Serializing a Document cannot fail: every map key is a string and no
    // value is a float. `save` still uses the fallible form.
    try_to_ron(doc).unwrap_or_default()
}

/// Save atomically, keeping the file being replaced as `NAME.bak`.
pub fn save(doc: &Document, path: &Path) -> Result<(), FileError> {
    let text = try_to_ron(doc)?;
    atomic::write_atomic(path, text.as_bytes(), true)
}

/// Atomically replace `path` with `bytes`, without a backup (exports).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    atomic::write_atomic(path, bytes, false)
}

fn try_to_ron(doc: &Document) -> Result<String, FileError> {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(doc, config).map_err(|e| {
        FileError::new(
            Kind::Serialize,
            "无法生成年报文件内容，未保存",
            format!("serialize: {e}"),
        )
    })?;
    text.push('\n');
    Ok(text)
}

/// Read at most `MAX_FILE_BYTES`, checking the size before reading anything.
fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => FileError::new(
            Kind::NotFound,
            format!("找不到文件 {shown}"),
            format!("{e}"),
        ),
        _ => FileError::new(
            Kind::Unreadable,
            format!("无法读取文件 {shown}"),
            format!("{e}"),
        ),
    })?;
    if meta.is_dir() {
        return Err(FileError::new(
            Kind::IsDirectory,
            format!("{shown} 是一个文件夹，不是年报文件"),
            "path is a directory",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            FileError::new(
                Kind::Unreadable,
                format!("无法读取文件 {shown}"),
                format!("{e}"),
            )
        })?;
    // The file may have grown between the size check and the read.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(len: u64) -> FileError {
    FileError::new(
        Kind::TooBig,
        format!(
            "文件过大（{} MiB），年报文件不会超过 16 MiB，可能选错了文件",
            len.div_ceil(1_048_576)
        ),
        format!("file is {len} bytes, limit is {MAX_FILE_BYTES}"),
    )
}

/// Text files only: binary content and other encodings (GBK from old tools)
/// are told apart from damaged RON.
fn decode(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::new(
            Kind::Empty,
            "文件是空的，不是年报文件",
            "file is empty",
        ));
    }
    if bytes.contains(&0) {
        return Err(FileError::new(
            Kind::Binary,
            "这不是年报文件：文件含有二进制内容（可能是 Word、WPS、Excel 或压缩文件）",
            "file contains NUL bytes",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        FileError::new(
            Kind::NotUtf8,
            "这不是年报文件：文件不是 UTF-8 编码的文本（可能是 GBK 编码或其他格式的文件）",
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })
}

/// Tell a damaged file (not RON at all, or cut short) from a well-formed file
/// whose content does not fit a report.
fn classify(text: &str, options: &ron::Options, e: SpannedError) -> FileError {
    let at = format!("line {}, column {}", e.span.start.line, e.span.start.col);
    // The parser's message can quote the offending text, which may be huge.
    let cause = shorten(&format!("{at}: {}", e.code), 300);
    let as_value = options.from_str::<ron::Value>(text);
    match as_value {
        Ok(ron::Value::Map(_)) => FileError::new(
            Kind::WrongShape,
            format!(
                "文件内容与年报格式不符（第 {} 行第 {} 列附近）",
                e.span.start.line, e.span.start.col
            ),
            cause,
        ),
        Ok(_) => FileError::new(
            Kind::NotAReport,
            "这不是年报文件：内容不是年报文件的格式",
            cause,
        ),
        Err(v) if v.code == RonError::ExceededRecursionLimit => FileError::new(
            Kind::Damaged,
            "文件已损坏：嵌套层次过深，不是年报文件",
            cause,
        ),
        Err(_) if e.code == RonError::Eof || looks_truncated(text) => FileError::new(
            Kind::Truncated,
            "文件不完整，可能在保存或复制时被截断",
            cause,
        ),
        Err(_) => FileError::new(
            Kind::Damaged,
            "文件已损坏：不是有效的年报文件格式（RON）",
            cause,
        ),
    }
}

/// A file cut short ends inside a string or with brackets still open.
fn looks_truncated(text: &str) -> bool {
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    in_string || depth > 0
}

fn check_template(doc: &Document) -> Result<(), FileError> {
    if template::get(&doc.template).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = template::all().iter().map(|t| t.id.as_str()).collect();
    let shown = shorten(&doc.template, 40);
    Err(FileError::new(
        Kind::UnknownTemplate,
        format!(
            "此文件使用未知的模板“{shown}”，本程序无法识别（可用模板：{}）",
            known.join("、")
        ),
        format!("unknown template id {shown:?}"),
    ))
}

/// A damaged file can hold huge text; a message quotes only its beginning.
fn shorten(s: &str, shown: usize) -> String {
    match s.char_indices().nth(shown) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A damaged file may still have a good `.bak` beside it: say so.
fn with_backup_hint(mut e: FileError, path: &Path) -> FileError {
    let damaged = e.kind.is_damaged();
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return e;
    };
    let bak = path.with_file_name(format!("{name}.bak"));
    if damaged && bak.is_file() {
        e.message.push_str(&format!(
            "；同一文件夹中有上次保存前的备份 {name}.bak，可打开它"
        ));
    }
    e
}
