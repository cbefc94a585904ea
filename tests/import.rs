//! Import of published reports: the five seeds, HTML with spans, ambiguity,
//! text where numbers belong, and safety on arbitrary input.

use std::path::PathBuf;

use nianbao::document::{CellRef, CellValue, Document, UnitLevel};
use nianbao::import::{import_file, import_str, Import, SourceFormat};

/// `nianbao import` on the command line.
#[path = "import/cli.rs"]
mod cli;
/// Large Word files with photos.
#[path = "import/large.rs"]
mod large;

/// The five published seed reports, vendored byte for byte from the shared
/// seeds so the suite runs on any clone.
fn seed_path(prefix: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/published")
        .join(format!("seed{prefix}.txt"))
}

fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).expect("seed text")
}

fn import_seed(prefix: &str) -> Import {
    import_file(&seed_path(prefix)).expect("seed imports")
}

fn cell(doc: &Document, addr: &str) -> Option<CellValue> {
    doc.cells
        .get(&addr.parse::<CellRef>().expect("address"))
        .cloned()
}

fn fixture(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture present");
    ron::from_str(&text).expect("fixture parses")
}

/// `(label, number)` of every tab-separated seed row whose last cell is a number.
fn tab_numbers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| l.contains('\t'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let last = cells.last()?.trim();
            (!last.is_empty() && last.chars().all(|c| c.is_ascii_digit()))
                .then(|| (cells[0].trim().to_string(), last.to_string()))
        })
        .collect()
}

#[test]
fn seed000_every_table_number_as_printed() {
    let imp = import_seed("000");
    assert_eq!(imp.template, "legacy-provincial");
    let doc = &imp.document;
    assert_eq!(doc.meta.unit, "齐都镇");
    assert_eq!(doc.meta.year, 2018);
    assert_eq!(doc.meta.level, UnitLevel::Township);
    let expected = tab_numbers(&seed_text("000"));
    assert_eq!(expected.len(), 74, "numbers read off the seed");
    for (label, number) in &expected {
        assert!(
            imp.matched
                .iter()
                .any(|p| p.row_label == *label && p.original == *number),
            "seed row {label} = {number} not placed"
        );
    }
    assert_eq!(doc.cells.len(), expected.len());
    assert!(imp.unplaced.is_empty(), "{:?}", imp.unplaced);
    // Totals are kept as printed: 390 although the channels add up to 404.
    assert_eq!(
        cell(doc, "stat.active_info.value"),
        Some(CellValue::Int(390))
    );
    assert_eq!(
        cell(doc, "stat.ch_website.value"),
        Some(CellValue::Int(281))
    );
    assert_eq!(cell(doc, "stat.ch_wechat.value"), Some(CellValue::Int(122)));
    assert_eq!(
        cell(doc, "stat.received_other.value"),
        Some(CellValue::Int(0))
    );
    assert_eq!(cell(doc, "stat.visitors.value"), Some(CellValue::Int(1600)));
    assert_eq!(cell(doc, "stat.trainees.value"), Some(CellValue::Int(10)));
    // The same label under 四, 五 and 六 goes to the group it is printed under.
    assert!(doc.cells.keys().any(|c| c.row == "complaints_other"));
    assert!(doc.cells.keys().any(|c| c.row == "litigation_other"));
    // Parts of the legacy narrative.
    assert!(doc
        .prose
        .get("p1")
        .is_some_and(|p| p.starts_with("（一）制定政府信息公开工作计划")));
    assert!(doc
        .prose
        .get("p8")
        .is_some_and(|p| p.contains("公开内容需要进一步深化")));
    assert!(!doc.no_statistics);
}

#[test]
fn seed000_equals_hand_entered_fixture() {
    let imp = import_seed("000");
    assert_eq!(imp.document.cells, fixture("seed000.ron").cells);
}

#[test]
fn seed004_numbers_and_blanks_as_printed() {
    let imp = import_seed("004");
    assert_eq!(imp.template, "legacy-national");
    let doc = &imp.document;
    assert_eq!(doc.meta.unit, "平罗县崇岗镇人民政府");
    assert_eq!(doc.meta.year, 2017);
    assert_eq!(doc.meta.level, UnitLevel::Township);
    assert_eq!(doc.meta.signature_date, "2018年1月3日");
    assert_eq!(doc.meta.principal, "梁迈");
    assert_eq!(doc.meta.reviewer, "吕永红");
    assert_eq!(doc.meta.preparer, "张玉玲");
    assert_eq!(doc.meta.phone, "0952-6680456");
    // Read the pipe rows of the seed independently.
    let text = seed_text("004");
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.starts_with('|') && !l.contains("---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .filter(|c: &Vec<String>| c.len() == 3 && !c[0].is_empty() && c[0] != "统计指标")
        .collect();
    let numbers: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[2].parse::<i64>().is_ok())
        .collect();
    let blanks = rows
        .iter()
        .filter(|r| r[2].is_empty() && !r[1].is_empty() && r[1] != "——")
        .count();
    assert_eq!(numbers.len(), 25);
    for r in &numbers {
        let value = CellValue::Int(r[2].parse().expect("number"));
        assert!(
            imp.matched
                .iter()
                .any(|p| p.row_label == r[0] && p.value == value),
            "seed row {} = {} not placed",
            r[0],
            r[2]
        );
    }
    // Blank stays blank (not zero): the import lists them and leaves them out.
    assert_eq!(imp.blanks.len(), blanks);
    for b in &imp.blanks {
        assert!(!doc.cells.contains_key(b), "{b} should be 未填写");
    }
    assert_eq!(cell(doc, "stat.received.value"), Some(CellValue::Int(0)));
    assert_eq!(cell(doc, "stat.received_in_person.value"), None);
    assert_eq!(cell(doc, "stat.press_leader.value"), None);
    assert_eq!(
        cell(doc, "stat.active_info.value"),
        Some(CellValue::Int(802))
    );
    assert_eq!(cell(doc, "stat.ch_other.value"), Some(CellValue::Int(204)));
    assert!(
        matches!(cell(doc, "stat.main_content.value"), Some(CellValue::Text(t)) if t.starts_with("主要侧重"))
    );
    // 25 numbers and the fill-in text row.
    assert_eq!(doc.cells.len(), 26);
    assert!(imp.unplaced.is_empty(), "{:?}", imp.unplaced);
    assert!(doc
        .prose
        .get("p1")
        .is_some_and(|p| p.starts_with("一是成立政务公开工作领导小组")));
    assert!(doc
        .prose
        .get("p6")
        .is_some_and(|p| p.contains("政务公开硬件设备较落后")));
}

#[test]
fn seed004_equals_hand_entered_fixture() {
    let imp = import_seed("004");
    assert_eq!(imp.document.cells, fixture("seed004.ron").cells);
}

/// Numbers in the tab rows of seed 002 (all tables), counted independently.
fn numbers_in_002_tables(text: &str) -> usize {
    let start = text.find("二、主动公开政府信息情况").expect("part two");
    let end = text
        .find("五、存在的主要问题及改进情况")
        .expect("part five");
    text[start..end]
        .lines()
        .filter(|l| l.contains('\t'))
        .flat_map(|l| l.split('\t'))
        .filter(|c| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit()))
        .count()
}

#[test]
fn seed002_places_what_is_sure_and_reports_the_rest() {
    let imp = import_seed("002");
    assert_eq!(imp.template, "gk2019");
    let doc = &imp.document;
    assert_eq!(doc.meta.unit, "桦川县悦来镇");
    assert_eq!(doc.meta.year, 2020);
    assert_eq!(doc.meta.level, UnitLevel::Township);
    for part in ["p1", "p5", "p6"] {
        assert!(doc.prose.get(part).is_some_and(|p| !p.is_empty()), "{part}");
    }
    assert!(doc.prose["p1"].starts_with("2020 年，我镇政府信息公开工作严格按照"));
    // Every number of the tables is either placed or reported.
    let reported = imp
        .unplaced
        .iter()
        .filter(|u| u.text.trim().chars().all(|c| c.is_ascii_digit()))
        .count();
    assert_eq!(
        imp.matched.len() + reported,
        numbers_in_002_tables(&seed_text("002"))
    );
    // 表二: block headings pick the table; labels cut by the PDF still match.
    assert_eq!(cell(doc, "t2a.rules.published"), Some(CellValue::Int(26)));
    assert_eq!(
        cell(doc, "t2a.rules.public_total"),
        Some(CellValue::Int(26))
    );
    assert_eq!(
        cell(doc, "t2b.other_services.decisions"),
        Some(CellValue::Int(0))
    );
    assert_eq!(cell(doc, "t2d.fees.change"), Some(CellValue::Int(0)));
    assert_eq!(
        cell(doc, "t2e.procurement.amount"),
        Some(CellValue::Amount(0.into()))
    );
    // 表三: a label split over two lines (7. / 属于行政执法案卷) is rejoined.
    assert_eq!(cell(doc, "t3.deny_case.total"), Some(CellValue::Int(0)));
    assert_eq!(
        cell(doc, "t3.reject_massive.natural"),
        Some(CellValue::Int(0))
    );
    assert_eq!(cell(doc, "t3.carry_over.total"), Some(CellValue::Int(0)));
    // Rows that lost a cell are not guessed: six numbers for seven columns.
    assert_eq!(cell(doc, "t3.new.natural"), None);
    let new_row: Vec<_> = imp
        .unplaced
        .iter()
        .filter(|u| u.context.contains("本年新收"))
        .collect();
    assert_eq!(new_row.len(), 6);
    assert!(new_row[0].reason.contains("7 列"));
    // 表四 printed 16 numbers for 15 columns.
    assert!(!doc.cells.keys().any(|c| c.table == "t4"));
    assert_eq!(
        imp.unplaced.iter().filter(|u| u.context == "表四").count(),
        16
    );
}

#[test]
fn seeds_001_003_prose_only_legacy() {
    for (prefix, unit, parts) in [
        ("001", "观水镇", vec!["p1", "p4", "p5", "p6"]),
        ("003", "新合镇", vec!["p1", "p2", "p3"]),
    ] {
        let imp = import_seed(prefix);
        let doc = &imp.document;
        assert_eq!(imp.template, "legacy-national", "{prefix}");
        assert_eq!(doc.meta.unit, unit);
        assert_eq!(doc.meta.year, 2017);
        assert!(doc.no_statistics, "{prefix}: prose-only report");
        assert!(doc.cells.is_empty());
        for p in parts {
            assert!(
                doc.prose.get(p).is_some_and(|t| !t.is_empty()),
                "{prefix} {p}"
            );
        }
    }
    let doc = import_seed("001").document;
    assert!(doc.prose["p1"].contains("观水镇认真贯彻落实"));
    assert!(doc.prose["p4"].contains("收费和减免"));
    assert!(doc.prose["p5"].contains("行政复议"));
    assert_eq!(doc.meta.signature_unit, "观水镇人民政府");
    assert_eq!(doc.meta.signature_date, "2018年1月9日");
    let doc = import_seed("003").document;
    assert!(doc.prose["p2"].contains("主动公开"));
}

const HTML_2021: &str = r#"<html><head><title>站点</title><script>var a = "<td>9</td>";</script></head><body>
<div class="nav">首页 &gt; 政务公开</div>
<h1>某某街道办事处2023年政府信息公开工作年度报告</h1>
<p>根据条例编制本报告。</p>
<h2>一、总体情况</h2><p>第一段。</p><p>第二段。</p>
<h2>二、主动公开政府信息情况</h2>
<table>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>/</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td></td><td>12</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">251000元</td></tr>
</table>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td rowspan="3">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td rowspan="2">（四）无法提供</td><td>3．补正后申请内容仍不明确</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>3.其他</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table>
<h2>五、存在的主要问题及改进情况</h2><p>问题。</p>
<p>某某街道办事处</p><p>2024年1月20日</p>
<div class="footer"><p>网站地图 | 联系我们</p><p>版权所有：某某区人民政府</p></div>
</body></html>"#;

#[test]
fn html_with_spans_places_cells_and_keeps_text_for_numbers() {
    let imp = import_str(HTML_2021, SourceFormat::Html, None);
    let doc = &imp.document;
    assert_eq!(imp.template, "gk2021");
    assert_eq!(doc.meta.unit, "某某街道办事处");
    assert_eq!(doc.meta.level, UnitLevel::Subdistrict);
    assert_eq!(doc.meta.year, 2023);
    assert_eq!(doc.meta.opening, "根据条例编制本报告。");
    assert_eq!(doc.prose["p1"], "第一段。\n\n第二段。");
    assert_eq!(doc.prose["p5"], "问题。");
    assert_eq!(doc.meta.signature_date, "2024年1月20日");
    assert!(
        imp.notes
            .iter()
            .any(|n| matches!(n, nianbao::import::ImportNote::DroppedAfterSignature { .. })),
        "site footer left out"
    );
    assert_eq!(cell(doc, "t2a.normative.issued"), Some(CellValue::Int(3)));
    assert_eq!(
        cell(doc, "t2a.normative.repealed"),
        None,
        "blank stays blank"
    );
    assert_eq!(cell(doc, "t2a.normative.valid"), Some(CellValue::Int(12)));
    assert_eq!(
        cell(doc, "t2a.rules.valid"),
        Some(CellValue::Unparsed("/".into()))
    );
    // 元 under the 万元 column is converted, and the import says so (issue 19).
    assert_eq!(
        cell(doc, "t2d.fees.amount"),
        Some(CellValue::Amount("25.1".parse().expect("decimal")))
    );
    assert!(imp
        .matched
        .iter()
        .any(|p| p.cell.to_string() == "t2d.fees.amount" && p.note.is_some()));
    assert_eq!(cell(doc, "t3.new.natural"), Some(CellValue::Int(5)));
    assert_eq!(cell(doc, "t3.new.commercial"), Some(CellValue::Int(1)));
    assert_eq!(cell(doc, "t3.new.total"), Some(CellValue::Int(6)));
    assert_eq!(cell(doc, "t3.open.total"), Some(CellValue::Int(5)));
    assert_eq!(
        cell(doc, "t3.unable_unclear.natural"),
        Some(CellValue::Int(1))
    );
    // “3.其他” printed under （四） is not （六）3.其他: the group cell says so,
    // so the row is not silently put under （六）.
    assert_eq!(cell(doc, "t3.other_other.natural"), None);
    assert!(imp.unplaced.iter().any(|u| u.context.contains("其他")));
    assert!(!imp.report_text().is_empty());
}

#[test]
fn ambiguous_label_is_reported_not_guessed() {
    let text = "统计指标\t单位\t统计数\n（三）其他情形数\t件\t5\n";
    let imp = import_str(text, SourceFormat::Text, Some("legacy-provincial"));
    assert!(imp.document.cells.is_empty());
    let u = imp
        .unplaced
        .iter()
        .find(|u| u.text == "5")
        .expect("reported");
    assert_eq!(u.candidates.len(), 3, "{u:?}");
    assert!(u.reason.contains("多行"));
}

#[test]
fn one_cell_per_line_tables() {
    let text = "某某镇2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n行政规范性文件\n2\n1\n7\n";
    let imp = import_str(text, SourceFormat::Text, None);
    assert_eq!(imp.template, "gk2021");
    assert_eq!(
        cell(&imp.document, "t2a.normative.issued"),
        Some(CellValue::Int(2))
    );
    assert_eq!(
        cell(&imp.document, "t2a.normative.valid"),
        Some(CellValue::Int(7))
    );
    assert_eq!(
        cell(&imp.document, "t2a.rules.valid"),
        Some(CellValue::Int(0))
    );
}

#[test]
fn unreadable_and_oversized_inputs_are_errors() {
    let err = import_file(std::path::Path::new("/nonexistent/报告.txt")).expect_err("missing");
    assert!(err.message.contains("无法读取"));
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(nianbao::import::MAX_INPUT_BYTES + 1)
        .expect("grow");
    let err = import_file(&big).expect_err("too big");
    assert!(err.message.contains("16 MiB"));
}

#[test]
fn encodings_utf16_read_gbk_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "某某镇2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let p = dir.path().join("utf16.txt");
    std::fs::write(&p, utf16).expect("write");
    let imp = import_file(&p).expect("UTF-16 reads");
    assert_eq!(imp.document.meta.unit, "某某镇");
    assert_eq!(imp.document.prose["p1"], "正文。");
    // 某某镇 in GBK: not UTF-8, refused with a hint instead of garbage.
    let gbk: Vec<u8> = [0xC4, 0xB3, 0xC4, 0xB3, 0xD5, 0xF2].repeat(20);
    let p = dir.path().join("gbk.txt");
    std::fs::write(&p, gbk).expect("write");
    let err = import_file(&p).expect_err("GBK refused");
    assert!(err.message.contains("UTF-8"), "{err}");
}

fn paragraphs(prose: &std::collections::BTreeMap<String, String>) -> Vec<(String, Vec<String>)> {
    prose
        .iter()
        .map(|(k, v)| {
            let ps = v
                .split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from);
            (k.clone(), ps.collect())
        })
        .collect()
}

/// Hand-entered documents (seeds and a sample) exported and imported back.
#[test]
fn sample_document_round_trips_through_its_exports() {
    for name in [
        "sample-gk2021.ron",
        "seed000.ron",
        "seed002.ron",
        "seed004.ron",
    ] {
        let doc = fixture(name);
        let tpl = nianbao::template::get(&doc.template).expect("template");
        let docx = nianbao::export::to_docx(&doc, tpl).expect("docx export");
        let imports = [
            (
                "Markdown",
                import_str(
                    &nianbao::export::to_markdown(&doc, tpl),
                    SourceFormat::Markdown,
                    None,
                ),
            ),
            (
                "text",
                import_str(
                    &nianbao::export::to_text(&doc, tpl),
                    SourceFormat::Text,
                    None,
                ),
            ),
            (
                "HTML",
                import_str(
                    &nianbao::export::to_html(&doc, tpl),
                    SourceFormat::Html,
                    None,
                ),
            ),
            (
                "Word",
                nianbao::import::import_bytes(&docx, SourceFormat::Text, None)
                    .expect("our own .docx imports"),
            ),
        ];
        for (format, imp) in imports {
            assert_same_report(&imp, &doc, &format!("{name} {format}"));
        }
    }
}

/// An import of one of our exports gives back the report it was made from.
fn assert_same_report(imp: &Import, doc: &Document, what: &str) {
    let tpl = nianbao::template::get(&doc.template).expect("template");
    assert_eq!(imp.template, doc.template, "{what}");
    // Tables that exports do not print (part 六's 信息处理费 fields,
    // stated in the prose) cannot come back from an export.
    let printed: std::collections::BTreeMap<_, _> = doc
        .cells
        .iter()
        .filter(|(c, _)| tpl.table(&c.table).is_some_and(|t| t.printed))
        .map(|(c, v)| (c.clone(), v.clone()))
        .collect();
    assert_eq!(imp.document.cells, printed, "{what}");
    assert_eq!(imp.document.meta.unit, doc.meta.unit, "{what}");
    assert_eq!(imp.document.meta.year, doc.meta.year, "{what}");
    // Exports print prose one paragraph per line, so “\n” and “\n\n”
    // between paragraphs are the same text once published.
    assert_eq!(
        paragraphs(&imp.document.prose),
        paragraphs(&doc.prose),
        "{what}"
    );
}

#[test]
fn pasted_text_format_is_sniffed() {
    assert_eq!(SourceFormat::sniff(HTML_2021), SourceFormat::Html);
    assert_eq!(
        SourceFormat::sniff("# 标题\n\n## 一、总体情况\n正文"),
        SourceFormat::Markdown
    );
    assert_eq!(
        SourceFormat::sniff(&seed_text("004")),
        SourceFormat::Markdown
    );
    assert_eq!(SourceFormat::sniff(&seed_text("000")), SourceFormat::Text);
    assert_eq!(SourceFormat::sniff(&seed_text("002")), SourceFormat::Text);
    // Read either way, seed 004's table is the same.
    let as_markdown = import_str(&seed_text("004"), SourceFormat::Markdown, None);
    assert_eq!(
        as_markdown.document.cells,
        import_seed("004").document.cells
    );
}

#[test]
fn layout_tables_wrapping_the_page_are_read_as_text() {
    let body_start = HTML_2021.find("<body>").expect("body") + "<body>".len();
    let body_end = HTML_2021.find("</body>").expect("end");
    let wrapped = format!(
        "<html><body><table width=\"100%\"><tr><td>导航</td></tr><tr><td>{}</td></tr></table></body></html>",
        &HTML_2021[body_start..body_end]
    );
    let plain = import_str(HTML_2021, SourceFormat::Html, None);
    let laid_out = import_str(&wrapped, SourceFormat::Html, None);
    assert_eq!(laid_out.document.cells, plain.document.cells);
    assert_eq!(laid_out.document.prose, plain.document.prose);
    assert_eq!(laid_out.document.meta.unit, "某某街道办事处");
}
