//! What both exports promise: blanks stay blank, clerk text cannot inject
//! markup or break a table, drawn tables line up in CJK display width.

use nianbao::document::{CellRef, CellValue, Document};
use nianbao::export::{self, display_width, MAX_WIDTH};
use nianbao::template::{self, Template};

use super::legacy::legacy;
use super::sample;

fn gk2021() -> &'static Template {
    template::get("gk2021").expect("gk2021")
}

/// Consecutive lines that belong to a drawn table.
pub fn drawn_tables(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let table = line.starts_with('+') || line.starts_with('|');
        match (table, open) {
            (true, true) => out.last_mut().expect("open").push(line),
            (true, false) => out.push(vec![line]),
            _ => {}
        }
        open = table;
    }
    out
}

/// Cells of a Markdown pipe-table line, split on unescaped `|`.
fn pipe_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            c => cells.last_mut().expect("cell").push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    let inner = &cells[1..cells.len().saturating_sub(1)];
    inner.iter().map(|c| c.trim().to_string()).collect()
}

#[test]
fn every_line_of_a_drawn_table_has_the_same_display_width() {
    let seeds = [
        include_str!("../fixtures/seed000.ron"),
        include_str!("../fixtures/seed002.ron"),
        include_str!("../fixtures/seed004.ron"),
    ];
    let mut docs = vec![sample(), legacy()];
    docs.extend(
        seeds
            .iter()
            .map(|s| ron::from_str::<Document>(s).expect("seed parses")),
    );
    for doc in docs {
        let t = template::get(&doc.template).expect("template");
        let text = export::to_text(&doc, t);
        let tables = drawn_tables(&text);
        assert!(!tables.is_empty());
        for table in tables {
            let w = display_width(table[0]);
            for line in &table {
                assert_eq!(display_width(line), w, "{line}");
            }
        }
    }
}

#[test]
fn ambiguous_width_punctuation_counts_full_width() {
    // “ ” ‘ ’ … — · are drawn full width by every Chinese font.
    for c in ["“", "”", "‘", "’", "…", "—", "·"] {
        assert_eq!(display_width(c), 2, "{c}");
    }
    let text = export::to_text(&sample(), gk2021());
    let row = text
        .lines()
        .find(|l| l.contains("3.危及“三安全一稳定”"))
        .expect("row");
    let border = text
        .lines()
        .find(|l| l.starts_with("+---") && display_width(l) > 90)
        .expect("border");
    assert_eq!(display_width(row), display_width(border));
}

#[test]
fn long_labels_wrap_instead_of_widening_the_table() {
    let text = export::to_text(&sample(), gk2021());
    let tables = drawn_tables(&text);
    assert_eq!(tables.len(), 6, "four blocks of 表二, 表三, 表四");
    // 表三 (the fifth drawing) has labels of 70 columns but fits the page.
    assert!(display_width(tables[4][0]) <= MAX_WIDTH);
    assert!(text.contains("1.申请人无正当理由逾期不"));
    // 表四's fifteen columns are allowed to exceed the page only slightly.
    assert!(display_width(tables[5][0]) <= MAX_WIDTH + 10);
    for table in &tables[..4] {
        assert!(display_width(table[0]) <= MAX_WIDTH);
    }
}

#[test]
fn merged_headers_span_their_children() {
    let text = export::to_text(&sample(), gk2021());
    let t4 = &drawn_tables(&text)[5];
    let head = t4[1];
    // 行政复议 spans 5 columns, 行政诉讼 10: one header line has only two cells.
    assert_eq!(head.matches('|').count(), 3, "{head}");
    assert!(head.contains("行政复议") && head.contains("行政诉讼"));
    assert!(t4
        .iter()
        .any(|l| l.contains("未经复议直接起诉") && l.contains("复议后起诉")));
    let t3 = &drawn_tables(&text)[4];
    assert!(t3.iter().any(|l| l.contains("法人或其他组织")));
}

#[test]
fn blanks_export_empty_never_zero() {
    let mut doc = sample();
    doc.set_cell(CellRef::new("t3", "new", "natural"), None);
    doc.set_cell(CellRef::new("t2a", "normative", "valid"), None);
    let md = export::to_markdown(&doc, gk2021());
    let row = md
        .lines()
        .find(|l| l.starts_with("| 一、本年新收"))
        .expect("row 一");
    assert_eq!(pipe_cells(row)[1], "", "{row}");
    assert_eq!(pipe_cells(row)[2], "2");
    let row = md
        .lines()
        .find(|l| l.starts_with("| 行政规范性文件"))
        .expect("row");
    assert_eq!(pipe_cells(row), ["行政规范性文件", "2", "1", ""]);

    let text = export::to_text(&doc, gk2021());
    let line = text
        .lines()
        .find(|l| l.starts_with("| 行政规范性文件"))
        .expect("row");
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    assert_eq!(cells[1..5], ["行政规范性文件", "2", "1", ""]);
}

#[test]
fn empty_document_exports_only_blanks() {
    let doc = Document::new("gk2021", "某镇", Default::default(), 2025);
    let md = export::to_markdown(&doc, gk2021());
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert!(rows.len() > 30);
    for row in rows.iter().filter(|r| !r.contains("---")) {
        assert!(
            pipe_cells(row)
                .iter()
                .all(|c| !c.chars().all(|c| c.is_ascii_digit()) || c.is_empty()),
            "{row}"
        );
    }
    let text = export::to_text(&doc, gk2021());
    for line in drawn_tables(&text).concat() {
        assert!(line.split('|').all(|c| c.trim() != "0"), "{line}");
    }
    assert!(text.contains("某镇2025年政府信息公开工作年度报告"));
}

#[test]
fn unparsed_and_text_cells_export_their_original_text() {
    let mut doc = sample();
    doc.set_cell(
        CellRef::new("t2b", "license", "decisions"),
        Some(CellValue::Unparsed("251000元".into())),
    );
    let md = export::to_markdown(&doc, gk2021());
    assert!(md.contains("| 行政许可 | 251000元 |"));
    let text = export::to_text(&doc, gk2021());
    assert!(text
        .lines()
        .any(|l| l.starts_with("| 行政许可") && l.contains("251000元")));
}

#[test]
fn no_statistics_omits_tables_only_where_the_template_allows() {
    let mut doc = legacy();
    doc.no_statistics = true;
    let t = template::get("legacy-national").expect("legacy");
    let text = export::to_text(&doc, t);
    assert!(drawn_tables(&text).is_empty());
    assert!(text.contains("七、需要说明的事项与附表"));
    assert!(!export::to_markdown(&doc, t).contains("| 统计指标"));
    // Sign-off still printed (filled), after the signature.
    assert!(text.contains("单位负责人：王某"));

    let mut doc = sample();
    doc.no_statistics = true;
    assert_eq!(drawn_tables(&export::to_text(&doc, gk2021())).len(), 6);
}

#[test]
fn legacy_signoff_block_follows_the_table() {
    let t = template::get("legacy-national").expect("legacy");
    let text = export::to_text(&legacy(), t);
    let table_end = text.rfind("+\n").expect("table");
    let signoff = text
        .find("单位负责人：王某  审核人：李某  填报人：赵某")
        .expect("signoff");
    assert!(signoff > table_end);
    assert!(!export::to_text(&sample(), gk2021()).contains("单位负责人"));
}

#[test]
fn signature_is_right_aligned_to_the_widest_table() {
    let text = export::to_text(&sample(), gk2021());
    let widest = drawn_tables(&text)
        .iter()
        .map(|t| display_width(t[0]))
        .max()
        .expect("tables");
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    assert_eq!(lines[n - 2].trim(), "云溪镇人民政府");
    assert_eq!(display_width(lines[n - 2]), widest);
    assert_eq!(display_width(lines[n - 1]), widest);
}

#[test]
fn output_is_deterministic_and_ends_with_one_newline() {
    let (doc, t) = (sample(), gk2021());
    for f in [export::to_text, export::to_markdown] {
        let a = f(&doc, t);
        assert_eq!(a, f(&doc.clone(), t));
        assert!(a.ends_with('\n') && !a.ends_with("\n\n"));
    }
}

#[test]
fn default_file_name_follows_the_official_title() {
    let doc = sample();
    assert_eq!(
        export::default_file_name(&doc, "md"),
        "云溪镇人民政府2025年政府信息公开工作年度报告.md"
    );
    assert_eq!(
        export::default_file_name(&doc, ".txt"),
        "云溪镇人民政府2025年政府信息公开工作年度报告.txt"
    );
    let mut doc = sample();
    doc.meta.unit = "a/b\\c:d*镇?\"<>|\u{202E}".into();
    assert_eq!(
        export::default_file_name(&doc, "md"),
        "abcd镇2025年政府信息公开工作年度报告.md"
    );
}

#[test]
fn legacy_header_rows_show_a_dash_in_the_unit_column_and_no_number() {
    let t = template::get("legacy-national").expect("legacy");
    let md = export::to_markdown(&legacy(), t);
    assert!(md.contains("| 统计指标 | 单位 | 统计数 |\n| --- | :---: | ---: |\n"));
    let row = md
        .lines()
        .find(|l| l.starts_with("| 一、主动公开情况"))
        .expect("header row");
    assert_eq!(pipe_cells(row), ["一、主动公开情况", "——", ""]);
    let row = md
        .lines()
        .find(|l| l.contains("其中：主动公开规范性文件数"))
        .expect("row");
    assert_eq!(pipe_cells(row)[1..], ["条", "3"]);
    let text = export::to_text(&legacy(), t);
    let line = text
        .lines()
        .find(|l| l.starts_with("| 一、主动公开情况"))
        .expect("row");
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    assert_eq!(cells[1..4], ["一、主动公开情况", "——", ""]);
}
