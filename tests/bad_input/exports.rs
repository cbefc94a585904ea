//! Issue 5.6 — exports cannot be turned against a reader. tests/export/hostile.rs
//! covers Markdown/HTML syntax, pipes and a few control characters; this adds
//! very long lines, every control character, the invisible and bidi marks
//! not listed there, and HTML/Markdown forms it does not try.

use nianbao::document::{file, CellRef, CellValue, Document};
use nianbao::export::{self, display_width};
use nianbao::template::{self, Template};

const SAMPLE: &str = include_str!("../fixtures/sample-gk2021.ron");

fn gk2021() -> &'static Template {
    template::get("gk2021").expect("gk2021")
}

/// The sample with `text` in every kind of clerk-typed place.
fn with_text(text: &str) -> Document {
    let mut doc = file::parse(SAMPLE).unwrap();
    doc.meta.unit = text.to_string();
    doc.meta.opening = text.to_string();
    doc.meta.phone = text.to_string();
    doc.prose.insert("p1".into(), text.to_string());
    doc.set_cell(
        CellRef::new("t3", "new", "natural"),
        Some(CellValue::Unparsed(text.into())),
    );
    doc
}

/// Consecutive lines of a drawn table.
fn drawn_tables(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let table = line.starts_with('+') || line.starts_with('|');
        if table && open {
            out.last_mut().unwrap().push(line);
        } else if table {
            out.push(vec![line]);
        }
        open = table;
    }
    out
}

/// Unescaped pipes in a Markdown line.
fn pipes(line: &str) -> usize {
    let (mut n, mut escaped) = (0, false);
    for c in line.chars() {
        n += usize::from(c == '|' && !escaped);
        escaped = c == '\\' && !escaped;
    }
    n
}

fn assert_tables_intact(text: &str, md: &str) {
    let tables = drawn_tables(text);
    assert_eq!(
        tables.len(),
        drawn_tables(&export::to_text(&file::parse(SAMPLE).unwrap(), gk2021())).len()
    );
    for table in tables {
        let w = display_width(table[0]);
        assert!(
            table.iter().all(|l| display_width(l) == w),
            "a drawn table lost its shape"
        );
    }
    let mut expect = None;
    for line in md.lines() {
        match (line.starts_with('|'), expect) {
            (true, None) => expect = Some(pipes(line)),
            (true, Some(n)) => assert_eq!(pipes(line), n, "{line:.200}"),
            (false, _) => expect = None,
        }
    }
}

#[test]
fn very_long_lines_are_kept_whole_and_tables_keep_their_shape() {
    let long = "长".repeat(100_000) + &"x|*".repeat(20_000);
    let doc = with_text(&long);
    let text = export::to_text(&doc, gk2021());
    let md = export::to_markdown(&doc, gk2021());
    assert_tables_intact(&text, &md);
    // The prose is exported in full, not cut.
    assert!(text.contains(&"长".repeat(100_000)));
    assert!(md.contains(&"x\\|\\*".repeat(20_000)));
}

#[test]
fn no_control_or_invisible_character_reaches_an_export() {
    let mut hostile: String = (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter_map(char::from_u32)
        .collect();
    // Invisible, direction-changing and look-alike-space characters.
    hostile.push_str(
        "a\u{061C}b\u{200E}c\u{202B}d\u{2067}e\u{2068}f\u{2069}g\u{FEFF}h\u{2060}i\u{200D}j",
    );
    hostile.push_str("\u{2028}k\u{2029}l\u{85}m");
    let doc = with_text(&hostile);
    let bidi_or_invisible = |c: char| matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2060}' | '\u{FEFF}');
    for out in [
        export::to_text(&doc, gk2021()),
        export::to_markdown(&doc, gk2021()),
    ] {
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || bidi_or_invisible(c))
            .collect();
        assert!(bad.is_empty(), "exported {bad:?}");
        assert!(out.contains('m'), "the visible text survives");
    }
    assert_tables_intact(
        &export::to_text(&doc, gk2021()),
        &export::to_markdown(&doc, gk2021()),
    );
}

#[test]
fn html_and_markdown_forms_stay_inert() {
    let hostile = "<!-- 注释 -->\n<iframe src=x></iframe>\n<img src=x onerror=alert(1)>\n\
        [点我](javascript:alert(1))\n<http://evil.example>\n[ref]: http://evil.example\n\
        ```\n代码\n```\n~~~\n---\n标题\n===\n[^1]\n&#x3C;script&#x3E;\n    缩进\n* 列表\n";
    let doc = with_text(hostile);
    let md = export::to_markdown(&doc, gk2021());
    let text = export::to_text(&doc, gk2021());
    assert!(!md.contains('<'), "raw < in Markdown");
    assert!(!md.contains("```") && !md.contains("~~~"));
    assert!(!md.contains("[点我]("), "a live link survived");
    assert!(
        md.contains("\\[点我\\](javascript"),
        "the link text is kept, escaped"
    );
    assert!(
        md.contains("&amp;#x3C;script"),
        "entities are escaped, not decoded"
    );
    let headings = md.lines().filter(|l| l.starts_with('#')).count();
    let clean = export::to_markdown(&file::parse(SAMPLE).unwrap(), gk2021());
    assert_eq!(
        headings,
        clean.lines().filter(|l| l.starts_with('#')).count(),
        "a heading was injected"
    );
    for line in md.lines() {
        assert!(
            !line.starts_with("[ref]:") && !line.starts_with("---") && !line.starts_with("==="),
            "{line}"
        );
        assert!(
            !line.starts_with("    ") && !line.starts_with("* "),
            "{line}"
        );
    }
    // The text export keeps the words themselves, as the clerk typed them.
    assert!(text.contains("<iframe src=x></iframe>"));
    assert_tables_intact(&text, &md);
}
