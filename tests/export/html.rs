//! The HTML export parsed back with a real HTML parser: the official grid's
//! spans, alignment, blanks, the signature, escaping of hostile prose, and
//! an import of our own page giving back the same document.

use nianbao::document::{CellValue, Document, UnitLevel};
use nianbao::import::{import_str, SourceFormat};
use nianbao::layout::clean::paragraphs;
use nianbao::{export, template};
use scraper::{ElementRef, Html, Selector};

use super::sample;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn html_of(doc: &Document) -> String {
    let t = template::get(&doc.template).expect("template");
    export::to_html(doc, t)
}

fn text(e: &ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn span(e: &ElementRef, attr: &str) -> usize {
    e.value()
        .attr(attr)
        .map_or(1, |v| v.parse().expect("span is a number"))
}

/// The cell (th or td) whose text is exactly `label`, anywhere in the page.
fn cell<'a>(page: &'a Html, label: &str) -> ElementRef<'a> {
    page.select(&sel("th, td"))
        .find(|c| text(c) == label)
        .unwrap_or_else(|| panic!("no cell {label}"))
}

#[test]
fn table3_and_table4_have_the_official_merged_cells() {
    let page = Html::parse_document(&html_of(&sample()));
    let applicants = cell(&page, "申请人情况");
    assert_eq!(span(&applicants, "colspan"), 7);
    let legal = cell(&page, "法人或其他组织");
    assert_eq!((span(&legal, "colspan"), span(&legal, "rowspan")), (5, 1));
    let natural = cell(&page, "自然人");
    assert_eq!(span(&natural, "rowspan"), 2);
    let results = cell(&page, "三、本年度办理结果");
    assert_eq!(span(&results, "rowspan"), 22);
    for (group, rows) in [
        ("（三）不予公开", 8),
        ("（四）无法提供", 3),
        ("（五）不予处理", 5),
        ("（六）其他处理", 3),
    ] {
        assert_eq!(span(&cell(&page, group), "rowspan"), rows, "{group}");
    }
    assert_eq!(span(&cell(&page, "（一）予以公开"), "colspan"), 2);
    assert_eq!(
        span(&cell(&page, "一、本年新收政府信息公开申请数量"), "colspan"),
        3
    );
    let corner = page
        .select(&sel("th"))
        .find(|c| text(c).starts_with("（本列数据的勾稽关系为"))
        .expect("表三's caption sits in its corner");
    assert_eq!((span(&corner, "rowspan"), span(&corner, "colspan")), (3, 3));
    let litigation = cell(&page, "行政诉讼");
    assert_eq!(span(&litigation, "colspan"), 10);
    assert_eq!(span(&cell(&page, "未经复议直接起诉"), "colspan"), 5);
    assert_eq!(span(&cell(&page, "复议后起诉"), "colspan"), 5);
}

#[test]
fn every_table_row_covers_the_whole_grid() {
    let page = Html::parse_document(&html_of(&sample()));
    for table in page.select(&sel("table")) {
        let rows: Vec<ElementRef> = table.select(&sel("tr")).collect();
        let mut pending: Vec<usize> = Vec::new();
        let mut width = None;
        for row in rows {
            let mut used = pending.iter().filter(|&&n| n > 0).count();
            let mut next: Vec<usize> = pending.iter().map(|n| n.saturating_sub(1)).collect();
            next.retain(|&n| n > 0);
            for c in row.select(&sel("th, td")) {
                let (rs, cs) = (span(&c, "rowspan"), span(&c, "colspan"));
                used += cs;
                next.extend(std::iter::repeat_n(rs - 1, cs).filter(|&n| n > 0));
            }
            assert_eq!(*width.get_or_insert(used), used, "{}", row.html());
            pending = next;
        }
    }
}

#[test]
fn numbers_right_aligned_blanks_empty_units_shown() {
    let page = Html::parse_document(&html_of(&sample()));
    let twelve = page
        .select(&sel("td"))
        .find(|c| text(c) == "12")
        .expect("12");
    assert!(twelve
        .value()
        .attr("style")
        .is_some_and(|s| s.contains("text-align:right")));
    let mut blank = Document::new("gk2019", "测试镇人民政府", UnitLevel::Township, 2020);
    blank.meta.signature_unit = "测试镇人民政府".into();
    let page = Html::parse_document(&html_of(&blank));
    let values: Vec<ElementRef> = page
        .select(&sel("td"))
        .filter(|c| {
            c.value()
                .attr("style")
                .is_some_and(|s| s.contains("text-align:right"))
        })
        .collect();
    assert!(!values.is_empty() && values.iter().all(|c| text(c).is_empty()));
    cell(&page, "采购总金额（万元）");
    assert!(page.select(&sel("p")).any(|p| text(&p) == "单位：件"));
}

#[test]
fn page_is_self_contained_with_chinese_fonts_and_print_css() {
    let html = html_of(&sample());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    let page = Html::parse_document(&html);
    assert_eq!(page.select(&sel("style")).count(), 1);
    assert_eq!(page.select(&sel("script, link, img, iframe")).count(), 0);
    let style = page
        .select(&sel("style"))
        .next()
        .map(|s| text(&s))
        .unwrap_or_default();
    assert!(style.contains("size: A4") && style.contains("@media print"));
    let body = page.select(&sel("body")).next().expect("body");
    let font = body.value().attr("style").unwrap_or("");
    assert!(
        font.contains("'FangSong','仿宋','仿宋_GB2312','SimSun','宋体',serif"),
        "{font}"
    );
    let signature = page.select(&sel("p")).next_back().expect("signature");
    assert!(signature
        .value()
        .attr("style")
        .is_some_and(|s| s.contains("text-align:right")));
    assert!(text(&signature).starts_with("云溪镇人民政府"));
    let h1 = page.select(&sel("h1")).next().expect("title");
    assert_eq!(text(&h1), "云溪镇人民政府2025年政府信息公开工作年度报告");
    assert_eq!(page.select(&sel("h2")).count(), 6);
}

const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "\" onmouseover=\"alert(1)",
    "</p><img src=x onerror=alert(1)><p>",
    "<style>body{display:none}</style>&amp;",
    "'><iframe src=javascript:alert(1)>",
];

#[test]
fn hostile_text_stays_text() {
    let mut doc = sample();
    let all = HOSTILE.join("\n");
    doc.meta.unit = HOSTILE[0].into();
    doc.meta.opening = all.clone();
    doc.meta.signature_unit = HOSTILE[2].into();
    doc.prose.insert("p1".into(), all.clone());
    doc.set_cell(
        nianbao::document::CellRef::new("t3", "new", "natural"),
        Some(CellValue::Unparsed(HOSTILE[1].into())),
    );
    let page = Html::parse_document(&html_of(&doc));
    assert_eq!(page.select(&sel("script, img, iframe")).count(), 0);
    assert_eq!(page.select(&sel("style")).count(), 1);
    for e in page.select(&sel("*")) {
        assert!(
            e.value()
                .attrs()
                .all(|(name, _)| !name.starts_with("on") && name != "src"),
            "{}",
            e.html()
        );
    }
    let paragraphs: Vec<String> = page.select(&sel("p")).map(|p| text(&p)).collect();
    for h in HOSTILE {
        assert!(paragraphs.iter().any(|p| p.contains(h.trim())), "{h} lost");
    }
    assert!(page.select(&sel("td")).any(|c| text(&c) == HOSTILE[1]));
    let title = page
        .select(&sel("title"))
        .next()
        .map(|t| text(&t))
        .unwrap_or_default();
    assert!(title.starts_with(HOSTILE[0]));
}

/// Importing our own page gives back every cell and every paragraph.
fn assert_round_trip(doc: &Document) {
    let imported = import_str(&html_of(doc), SourceFormat::Html, None);
    let back = &imported.document;
    assert_eq!(imported.template, doc.template);
    let t = template::get(&doc.template).expect("template");
    // Part 六's 信息处理费 fields are stated in the prose, not as a table.
    let mut printed = doc.cells.clone();
    printed.retain(|k, _| t.table(&k.table).is_some_and(|tb| tb.printed));
    assert_eq!(back.cells, printed, "{}", imported.report_text());
    for part in &t.parts {
        // The same paragraphs (the importer separates them by a blank line).
        let same = paragraphs(back.prose(&part.key)) == paragraphs(doc.prose(&part.key));
        assert!(same, "{}: {:?}", part.key, back.prose(&part.key));
    }
    assert_eq!(back.meta.unit, doc.meta.unit);
    assert_eq!(back.meta.year, doc.meta.year);
}

#[test]
fn our_own_html_imports_back_to_the_same_document() {
    assert_round_trip(&sample());
}

#[test]
fn a_2019_report_imports_back_too() {
    let doc: Document =
        ron::from_str(include_str!("../fixtures/seed002.ron")).expect("seed002 parses");
    assert_round_trip(&doc);
}
