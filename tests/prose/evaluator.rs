//! The evaluators' checks: the report's own year, the official headings,
//! an empty part 五, and (with last year linked) copied text, unchanged
//! numbers and implausible jumps.

use nianbao::document::carry::link_previous;
use nianbao::document::CellValue;

use super::{fixture, prose_findings, sample_with_p1};

fn rules_of(doc: &nianbao::document::Document, rule: &str) -> Vec<String> {
    prose_findings(doc)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message)
        .collect()
}

#[test]
fn a_year_named_as_the_reports_own_period() {
    let doc = sample_with_p1("2023年，我镇认真贯彻落实《条例》。");
    let f = rules_of(&doc, "prose.year");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("把 2023 年写作本报告的年度"), "{}", f[0]);
    assert!(f[0].contains("2025 年度"), "{}", f[0]);
    for ok in [
        "2025年，我镇认真贯彻落实《条例》。",
        "2025 年以来，我镇认真贯彻落实《条例》。",
        "新收申请较2024年有所增加。",
        "2024年新收政府信息公开申请8件。",
        "与2024年相比，申请数量增加。",
    ] {
        assert!(
            rules_of(&sample_with_p1(ok), "prose.year").is_empty(),
            "{ok}"
        );
    }
    let mut doc = sample_with_p1("正文。");
    doc.prose.insert(
        "p5".into(),
        "2026年，我镇将继续加强政务公开标准化建设，进一步完善制度。".into(),
    );
    assert!(rules_of(&doc, "prose.year").is_empty());
    doc.prose.insert(
        "p5".into(),
        "2024年，我镇存在的主要问题是公开不够及时，需要整改。".into(),
    );
    assert_eq!(rules_of(&doc, "prose.year").len(), 1);
    let mut doc = sample_with_p1("正文。");
    doc.meta.opening = "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。".into();
    let f = rules_of(&doc, "prose.year");
    assert!(!f.is_empty() && f[0].starts_with("开头段落"), "{f:?}");
    let mut doc = sample_with_p1("正文。");
    doc.meta.title = Some("云溪镇人民政府2024年政府信息公开工作年度报告".into());
    assert_eq!(rules_of(&doc, "prose.year").len(), 1);
}

#[test]
fn headings_renamed_misnumbered_or_in_the_wrong_part() {
    let doc = sample_with_p1("一、工作基本情况\n本年度我镇扎实推进政务公开。");
    let f = rules_of(&doc, "prose.headings");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("不是官方标题“一、总体情况”"), "{}", f[0]);

    let doc = sample_with_p1(
        "本年度我镇扎实推进政务公开。\n五、存在的主要问题及改进情况\n问题是更新不及时。",
    );
    let f = rules_of(&doc, "prose.headings");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("应写在第五部分"), "{}", f[0]);

    let mut doc = sample_with_p1("正文。");
    doc.prose.insert(
        "p5".into(),
        "三、存在的主要问题及改进情况\n本年度存在的主要问题是公开内容更新不够及时。".into(),
    );
    let f = rules_of(&doc, "prose.headings");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("编号有误"), "{}", f[0]);

    let doc =
        sample_with_p1("（一）主动公开。一是加强领导。\n一、加强组织领导\n（二）依申请公开。");
    assert!(rules_of(&doc, "prose.headings").is_empty());
}

#[test]
fn part_five_says_something() {
    for (text, what) in [
        ("", "没有填写"),
        ("无", "只写了“无”"),
        ("暂无。", "只写了“无”"),
        ("问题较少。", "不到一句话"),
    ] {
        let mut doc = sample_with_p1("正文。");
        doc.prose.insert("p5".into(), text.into());
        if text.is_empty() {
            doc.prose.remove("p5");
        }
        let f = rules_of(&doc, "prose.problems_empty");
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert!(
            f[0].starts_with("第五部分“五、存在的主要问题及改进情况”"),
            "{}",
            f[0]
        );
        assert!(f[0].contains(what), "{}", f[0]);
    }
}

fn with_last_year() -> (nianbao::document::Document, nianbao::document::Document) {
    let last = {
        let mut d = fixture("sample-gk2021");
        d.meta.year = 2024;
        d
    };
    let mut doc = fixture("sample-gk2021");
    link_previous(&mut doc, &last);
    (doc, last)
}

#[test]
fn copied_text_says_the_percentage() {
    let (doc, _) = with_last_year();
    let f = rules_of(&doc, "prev.same_text");
    // The sample's three prose parts are all last year's: 100 %. Parts 一 and
    // 五 are judged; part 六's one fee sentence (under 100 characters) is a
    // standard statement, not copied prose.
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(
        f[0].contains("有 100% 与上年（2024 年）报告相同"),
        "{}",
        f[0]
    );

    let (mut doc, _) = with_last_year();
    let p5 = doc.prose("p5").to_string();
    let first = p5.split('\n').next().unwrap().to_string();
    doc.prose.insert(
        "p5".into(),
        p5.replacen(
            &first,
            "本年度我镇已对上年度指出的栏目更新不及时问题全面整改，建立了信息发布台账并每月通报。",
            1,
        ),
    );
    let f = rules_of(&doc, "prev.same_text");
    assert!(
        f.iter()
            .all(|m| !m.starts_with("第五部分") || m.contains('%')),
        "{f:?}"
    );

    let (mut doc, _) = with_last_year();
    doc.prose.insert("p1".into(), "本年度我镇全面改版了信息公开专栏，新增政策解读栏目，群众满意度明显提升。全年新收政府信息公开申请12件。".into());
    assert!(!rules_of(&doc, "prev.same_text")
        .iter()
        .any(|m| m.starts_with("第一部分")));
}

#[test]
fn every_number_equal_to_last_years() {
    let (doc, _) = with_last_year();
    let f = rules_of(&doc, "prev.same_numbers");
    assert_eq!(f.len(), 1, "{f:?}");
    let (mut doc, _) = with_last_year();
    doc.set_cell(
        "t2b.license.decisions".parse().unwrap(),
        Some(CellValue::Int(40)),
    );
    assert!(rules_of(&doc, "prev.same_numbers").is_empty());
}

#[test]
fn a_key_total_that_jumped() {
    let (mut doc, mut last) = with_last_year();
    last.set_cell(
        "t2b.license.decisions".parse().unwrap(),
        Some(CellValue::Int(6)),
    );
    link_previous(&mut doc, &last);
    let f = rules_of(&doc, "prev.jump");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0],
        "表二第二十条第（五）项“行政许可”“本年处理决定数量”本年为 36，上年为 6，是上年的 6 倍。请核对是否填错；如确实如此，可标记为已核实。"
    );
    last.set_cell(
        "t2b.license.decisions".parse().unwrap(),
        Some(CellValue::Int(200)),
    );
    link_previous(&mut doc, &last);
    let f = rules_of(&doc, "prev.jump");
    assert!(f[0].contains("不到上年的 1/5"), "{f:?}");
    // Small numbers do not jump: 1 → 6 is noise, not an implausible report.
    last.set_cell(
        "t2b.license.decisions".parse().unwrap(),
        Some(CellValue::Int(30)),
    );
    last.set_cell(
        "t2c.coercion.decisions".parse().unwrap(),
        Some(CellValue::Int(9)),
    );
    link_previous(&mut doc, &last);
    assert!(rules_of(&doc, "prev.jump").is_empty());
}
