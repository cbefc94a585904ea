//! Every character the editor can show has a glyph in the bundled fonts.
//!
//! The editor embeds `assets/fonts/NotoSansSC-subset.otf` (plus a tiny symbol
//! font) so Chinese renders on machines without a CJK font. This test reads
//! the font files directly, so it runs without the `gui` feature. When it
//! fails, run `python3 scripts/subset-font.py` (see `assets/fonts/README.md`):
//! the script rescans the templates and sources and adds the missing
//! characters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao::document::{MetaField, UnitLevel};
use nianbao::template::{self, Check, Column, Row, Template};
use skrifa::{FontRef, MetadataProvider};

const FONT_FILES: [&str; 2] = ["NotoSansSC-subset.otf", "NotoEmoji-symbols.ttf"];
/// The bundle is compiled into the binary: keep it small.
const MAX_BUNDLE_BYTES: usize = 5 * 1024 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn font_bytes() -> Vec<Vec<u8>> {
    FONT_FILES
        .iter()
        .map(|name| {
            let path = root().join("assets/fonts").join(name);
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

/// The characters with a glyph (not .notdef) in any of the bundled fonts.
struct Coverage {
    fonts: Vec<Vec<u8>>,
}

impl Coverage {
    fn load() -> Coverage {
        let fonts = font_bytes();
        for (bytes, name) in fonts.iter().zip(FONT_FILES) {
            assert!(FontRef::new(bytes).is_ok(), "{name} does not parse");
        }
        Coverage { fonts }
    }

    fn has(&self, c: char) -> bool {
        self.fonts.iter().any(|bytes| {
            FontRef::new(bytes)
                .ok()
                .and_then(|font| font.charmap().map(c))
                .is_some_and(|glyph| glyph.to_u32() != 0)
        })
    }
}

/// Characters that need no glyph of their own.
fn needs_glyph(c: char) -> bool {
    !c.is_whitespace() && !c.is_control()
}

/// Labelled text to check: (where it comes from, the text).
type Texts = Vec<(String, String)>;

/// Missing characters, each with the first place it appears.
fn missing(coverage: &Coverage, texts: &Texts) -> BTreeMap<char, String> {
    let mut out = BTreeMap::new();
    for (origin, text) in texts {
        for c in text.chars().filter(|&c| needs_glyph(c) && !coverage.has(c)) {
            out.entry(c).or_insert_with(|| origin.clone());
        }
    }
    out
}

fn assert_covered(what: &str, texts: &Texts) {
    assert!(!texts.is_empty(), "no {what} found to check");
    let missing = missing(&Coverage::load(), texts);
    let report: Vec<String> = missing
        .iter()
        .map(|(c, origin)| format!("{c} (U+{:04X}) in {origin}", *c as u32))
        .collect();
    assert!(
        missing.is_empty(),
        "{} {what} characters have no glyph in assets/fonts; \
         run `python3 scripts/subset-font.py`:\n{}",
        missing.len(),
        report.join("\n")
    );
}

// ---------------------------------------------------------------- templates

fn push(texts: &mut Texts, origin: &str, text: &str) {
    texts.push((origin.to_string(), text.to_string()));
}

fn push_opt(texts: &mut Texts, origin: &str, text: &Option<String>) {
    if let Some(text) = text {
        push(texts, origin, text);
    }
}

fn column_texts(texts: &mut Texts, origin: &str, column: &Column) {
    let origin = format!("{origin}.{}", column.key);
    push(texts, &origin, &column.label);
    push_opt(texts, &origin, &column.unit);
    for child in &column.children {
        column_texts(texts, &origin, child);
    }
}

fn row_texts(texts: &mut Texts, origin: &str, row: &Row) {
    let origin = format!("{origin}.{}", row.key);
    push(texts, &origin, &row.label);
    push_opt(texts, &origin, &row.short);
    push_opt(texts, &origin, &row.unit);
    for child in &row.children {
        row_texts(texts, &origin, child);
    }
}

/// Every user-visible string of a template.
fn template_texts(t: &Template) -> Texts {
    let mut texts = Texts::new();
    push(&mut texts, &t.id, &t.name);
    push(&mut texts, &t.id, &t.source);
    for part in &t.parts {
        let origin = format!("{}:{}", t.id, part.key);
        push(&mut texts, &origin, &part.heading);
        push(&mut texts, &origin, &part.guidance);
        for table in &part.tables {
            let origin = format!("{}:{}", t.id, table.key);
            for text in [&table.name, &table.corner] {
                push(&mut texts, &origin, text);
            }
            for text in [&table.title, &table.caption, &table.header_title] {
                push_opt(&mut texts, &origin, text);
            }
            push_opt(&mut texts, &origin, &table.unit_column);
            push_opt(&mut texts, &origin, &table.unit);
            for column in &table.columns {
                column_texts(&mut texts, &origin, column);
            }
            for row in &table.rows {
                row_texts(&mut texts, &origin, row);
            }
        }
    }
    for rule in &t.rules {
        if let Check::ZeroForLevels { reason, .. } = &rule.check {
            push(&mut texts, &format!("{}:{}", t.id, rule.id), reason);
        }
    }
    texts
}

#[test]
fn every_template_label_has_a_glyph() {
    let texts: Texts = template::all().iter().flat_map(template_texts).collect();
    assert!(texts.iter().any(|(_, text)| text.contains("总体情况")));
    assert_covered("template", &texts);
}

#[test]
fn every_metadata_and_level_label_has_a_glyph() {
    let mut texts = Texts::new();
    for field in MetaField::ALL {
        push(&mut texts, &format!("MetaField::{field:?}"), field.label());
    }
    for level in UnitLevel::ALL {
        push(&mut texts, &format!("UnitLevel::{level:?}"), level.label());
    }
    assert_covered("metadata", &texts);
}

// ---------------------------------------------------------------- sources

/// String and char literals of Rust source, skipping comments. Simple on
/// purpose: it knows escapes, raw strings, byte strings, char literals and
/// lifetimes, which is all our sources use.
fn string_literals(src: &str) -> Vec<String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        match rest {
            ['/', '/', ..] => i = skip_line(&chars, i),
            ['/', '*', ..] => i = skip_block_comment(&chars, i),
            ['r', '#' | '"', ..] if !is_ident_char(chars.get(i.wrapping_sub(1))) => {
                i = raw_string(&chars, i + 1, &mut out);
            }
            ['"', ..] => i = quoted(&chars, i + 1, '"', &mut out),
            ['\'', ..] => i = char_or_lifetime(&chars, i, &mut out),
            _ => i += 1,
        }
    }
    out
}

fn is_ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

fn skip_line(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |n| i + n + 1)
}

fn skip_block_comment(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        match &chars[i..] {
            ['/', '*', ..] => (depth, i) = (depth + 1, i + 2),
            ['*', '/', ..] => {
                (depth, i) = (depth - 1, i + 2);
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    i
}

/// A literal closed by `close`, with backslash escapes; returns the index after it.
fn quoted(chars: &[char], mut i: usize, close: char, out: &mut Vec<String>) -> usize {
    let mut text = String::new();
    while i < chars.len() && chars[i] != close {
        if chars[i] == '\\' {
            i += 1; // the escaped character is never drawn as itself
        } else {
            text.push(chars[i]);
        }
        i += 1;
    }
    out.push(text);
    i + 1
}

/// `r"…"` or `r#"…"#`; `i` is just after the `r`.
fn raw_string(chars: &[char], mut i: usize, out: &mut Vec<String>) -> usize {
    let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
    i += hashes;
    if chars.get(i) != Some(&'"') {
        return i; // `r#ident`, not a string
    }
    i += 1;
    let start = i;
    while i < chars.len() {
        let closes = chars[i] == '"'
            && chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes;
        if closes {
            out.push(chars[start..i].iter().collect());
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// `'x'`, `'\n'` or a lifetime `'a`.
fn char_or_lifetime(chars: &[char], i: usize, out: &mut Vec<String>) -> usize {
    match &chars[i..] {
        ['\'', '\\', ..] => quoted(chars, i + 1, '\'', out),
        ['\'', c, '\'', ..] => {
            out.push(c.to_string());
            i + 3
        }
        _ => i + 1,
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every literal of `src/**/*.rs` with a non-ASCII character: the interface strings.
fn source_texts() -> Texts {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    let mut texts = Texts::new();
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let origin = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        for literal in string_literals(&src) {
            if !literal.is_ascii() {
                texts.push((origin.clone(), literal));
            }
        }
    }
    texts
}

#[test]
fn every_chinese_string_in_the_sources_has_a_glyph() {
    let texts = source_texts();
    assert!(
        texts.iter().any(|(origin, _)| origin.ends_with("model.rs")),
        "the scan found no Chinese literal in the document model"
    );
    assert_covered("source string", &texts);
}

#[test]
fn literal_scan_reads_rust_syntax() {
    let src = r####"
        // 注释里的字 "不算"
        /* 块注释 /* 嵌套 */ "也不算" */
        fn f<'a>(x: &'a str) -> char {
            let s = "单位\"名称\"\n";
            let r = r#"原样 "引号""#;
            let b = b"bytes";
            let c = '年';
            let e = '\'';
            r#type
        }
    "####;
    // Escaped characters are dropped: they are never drawn as themselves.
    let literals = string_literals(src);
    assert_eq!(literals, ["单位名称", "原样 \"引号\"", "bytes", "年", ""]);
}

// ---------------------------------------------------------------- the font itself

#[test]
fn a_missing_character_is_reported_with_its_origin() {
    let texts: Texts = vec![
        ("ok".into(), "年报 表三\t".into()),
        ("rare".into(), "𠀀年".into()),
    ];
    let missing = missing(&Coverage::load(), &texts);
    assert_eq!(
        missing.into_iter().collect::<Vec<_>>(),
        [('𠀀', "rare".to_string())]
    );
}

#[test]
fn bundle_covers_common_chinese_and_stays_small() {
    let fonts = font_bytes();
    let total: usize = fonts.iter().map(Vec::len).sum();
    assert!(total < MAX_BUNDLE_BYTES, "bundled fonts are {total} bytes");
    let coverage = Coverage::load();
    // Frequent hanzi, full-width and CJK punctuation, and marks the interface uses.
    for c in "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总无正书表〇（），：；。、“”…—·【】《》〔〕✖✔⚠✓←→0123456789".chars() {
        assert!(coverage.has(c), "{c} (U+{:04X}) missing", c as u32);
    }
    // A character outside GB2312 that nothing here uses: the subset is a subset.
    assert!(!coverage.has('𠀀'), "the bundle is not subset");
}
