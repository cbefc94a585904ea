//! A clerk's text — or an imported page's — cannot create a heading, a quote,
//! a list, a table break, emphasis, a link or an HTML tag in the Markdown, nor
//! break the drawn tables of the plain text; and no input makes export panic.

use nianbao::document::{CellRef, CellValue, Document};
use nianbao::export::{self, display_width};
use nianbao::template::{self, Template};
use proptest::prelude::*;

use super::behaviour::drawn_tables;
use super::sample;

const HOSTILE: &str = "# 标题\n> 引用\n- 列表\n+ 列表\n1. 列表\n2) 列表\n| a | b |\n|---|---|\n\
    *强调* **粗体** _斜体_ `代码` [链接](http://x) ![图](y) <script>alert(1)</script> &amp; \\ ~~删除~~ $x$\n\
    ===\n    缩进代码\n\t制表\n\u{202E}反向\u{200B}零宽\u{0007}响铃\r\n末行 ##";

fn gk2021() -> &'static Template {
    template::get("gk2021").expect("gk2021")
}

fn hostile_doc(text: &str) -> Document {
    let mut doc = sample();
    doc.meta.unit = text.to_string();
    doc.meta.title = Some(text.to_string());
    doc.meta.opening = text.to_string();
    doc.meta.signature_unit = text.to_string();
    doc.meta.signature_date = text.to_string();
    for part in ["p1", "p5", "p6"] {
        doc.prose.insert(part.into(), text.to_string());
    }
    doc.set_cell(
        CellRef::new("t2b", "license", "decisions"),
        Some(CellValue::Unparsed(text.into())),
    );
    doc.set_cell(
        CellRef::new("t3", "new", "natural"),
        Some(CellValue::Text(text.into())),
    );
    doc
}

/// Number of unescaped `|` in a line.
fn pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            n += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    n
}

/// Whether `c` at byte `i` of `line` is preceded by an odd run of backslashes.
fn is_escaped(line: &str, i: usize) -> bool {
    line[..i].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

/// Every structural promise of the Markdown export, for any clerk text.
fn assert_markdown_is_inert(md: &str, template: &Template) {
    let headings = md.lines().filter(|l| l.starts_with('#')).count();
    let titles = template.tables().filter(|(_, t)| t.title.is_some()).count();
    assert_eq!(headings, 1 + template.parts.len() + titles, "{md}");
    assert!(!md.contains('<'), "raw < in output");
    assert!(!md.contains('\u{202E}') && !md.contains('\u{200B}') && !md.contains('\u{7}'));
    let mut table_pipes = None;
    for line in md.lines() {
        let first = line.chars().next();
        assert!(
            !matches!(
                first,
                Some('>' | '-' | '+' | '=' | ' ' | '\t' | '*' | '_' | '`')
            ),
            "{line:?}"
        );
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        assert!(
            !matches!(line[digits..].chars().next(), Some('.' | ')')) || digits == 0,
            "{line:?}"
        );
        for (i, c) in line.char_indices() {
            if matches!(c, '*' | '_' | '`' | '[' | ']' | '~' | '$') {
                assert!(is_escaped(line, i), "unescaped {c} in {line:?}");
            }
        }
        // A table keeps its column count on every line.
        match (line.starts_with('|'), table_pipes) {
            (true, None) => table_pipes = Some(pipes(line)),
            (true, Some(n)) => assert_eq!(pipes(line), n, "{line:?}"),
            (false, _) => table_pipes = None,
        }
    }
}

fn assert_text_is_aligned(text: &str) {
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    assert!(
        !text.contains('\u{202E}')
            && !text.contains('\u{200B}')
            && !text.contains('\u{7}')
            && !text.contains('\r')
    );
    for table in drawn_tables(text) {
        let w = display_width(table[0]);
        assert!(table.iter().all(|l| display_width(l) == w), "{table:#?}");
    }
}

#[test]
fn hostile_text_cannot_create_markup() {
    let doc = hostile_doc(HOSTILE);
    let md = export::to_markdown(&doc, gk2021());
    assert_markdown_is_inert(&md, gk2021());
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;"));
    assert!(md.contains("\\# 标题"));
    assert!(md.contains("1\\. 列表"));
    assert!(md.contains("| 行政许可 | # 标题 &gt; 引用 - 列表"));
}

#[test]
fn hostile_text_cannot_break_drawn_tables() {
    let doc = hostile_doc(HOSTILE);
    let text = export::to_text(&doc, gk2021());
    assert_text_is_aligned(&text);
    assert_eq!(drawn_tables(&text).len(), 6);
    // Prose keeps its line structure (one paragraph per line), minus blank lines.
    assert!(text.contains("\u{3000}\u{3000}# 标题\n\u{3000}\u{3000}> 引用\n"));
}

fn clerk_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[#>|*_`\\[\\]<>&\\\\\n\r\t =+1.)~ 　a-z0-9一二三镇“”—\u{200B}\u{202E}\u{0}-\u{1F}]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_never_panics_and_stays_well_formed(
        prose in clerk_text(),
        unit in clerk_text(),
        cell in clerk_text(),
        number in any::<i64>(),
    ) {
        let mut doc = hostile_doc(&prose);
        doc.meta.unit = unit;
        doc.set_cell(CellRef::new("t3", "carried", "legal"), Some(CellValue::Unparsed(cell.clone())));
        doc.set_cell(CellRef::new("t4", "cases", "review_total"), Some(CellValue::Int(number)));
        doc.set_cell(CellRef::new("t2d", "fees", "amount"), Some(CellValue::Text(cell)));
        let md = export::to_markdown(&doc, gk2021());
        prop_assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
        assert_markdown_is_inert(&md, gk2021());
        assert_text_is_aligned(&export::to_text(&doc, gk2021()));
        let legacy = template::get("legacy-national").expect("legacy");
        doc.template = legacy.id.clone();
        assert_text_is_aligned(&export::to_text(&doc, legacy));
        assert_markdown_is_inert(&export::to_markdown(&doc, legacy), legacy);
    }
}
