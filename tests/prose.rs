//! Prose against the tables (issue 11): the sentence corpus both ways, no
//! false alarms on the sample report and the seeds, the evaluators' checks,
//! 已核实 marks and the generated sentences.

#[path = "prose/corpus.rs"]
mod corpus;
#[path = "prose/drafts.rs"]
mod drafts;
#[path = "prose/evaluator.rs"]
mod evaluator;
#[path = "prose/review.rs"]
mod review;

use std::path::Path;

use nianbao::document::Document;
use nianbao::prose::quotes;
use nianbao::template::{self, Template};
use nianbao::validate::{validate, Finding};

pub fn fixture(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.ron"));
    nianbao::document::file::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn template_of(doc: &Document) -> &'static Template {
    template::get(&doc.template).expect("template")
}

/// The sample report with its prose replaced by `text` in part 一.
pub fn sample_with_p1(text: &str) -> Document {
    let mut doc = fixture("sample-gk2021");
    doc.prose.clear();
    doc.prose.insert("p1".into(), text.into());
    doc.prose.insert(
        "p5".into(),
        "本年度存在的主要问题是公开内容更新不够及时，下一步将明确专人负责。".into(),
    );
    doc
}

pub fn prose_findings(doc: &Document) -> Vec<Finding> {
    let report = validate(doc, template_of(doc));
    report
        .all()
        .filter(|f| f.rule.starts_with("prose.") || f.rule.starts_with("prev."))
        .cloned()
        .collect()
}

#[test]
fn corpus_both_ways() {
    let t = template::get("gk2021").expect("gk2021");
    assert!(
        corpus::CORPUS.len() >= 60,
        "corpus has {}",
        corpus::CORPUS.len()
    );
    let mut false_alarms = Vec::new();
    let mut missed = Vec::new();
    for (sentence, quoted, wrong) in corpus::CORPUS {
        let found = quotes::find(sentence, &t.phrases, 2025);
        assert_eq!(found.len(), *quoted, "quotes in {sentence}: {found:?}");
        let doc = sample_with_p1(sentence);
        let findings: Vec<Finding> = prose_findings(&doc)
            .into_iter()
            .filter(|f| f.rule == "prose.figures")
            .collect();
        for f in &findings {
            let named = wrong.iter().any(|key| {
                let fig = t.figures.iter().find(|x| x.key == *key).expect("figure");
                f.message.contains(&fig.name)
            });
            if !named {
                false_alarms.push(format!("{sentence}: {}", f.message));
            }
        }
        if findings.len() != wrong.len() {
            missed.push(format!("{sentence}: expected {wrong:?}, got {findings:?}"));
        }
    }
    assert!(false_alarms.is_empty(), "false alarms: {false_alarms:#?}");
    assert!(missed.is_empty(), "missed: {missed:#?}");
}

#[test]
fn mismatch_quotes_the_phrase_names_the_cell_and_selects_it() {
    let text = "本年度，我镇新收政府信息公开申请十五件，上年结转1件。";
    let doc = sample_with_p1(text);
    let f = prose_findings(&doc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        f[0].message,
        "第一部分“新收政府信息公开申请十五件”与表三“一、本年新收政府信息公开申请数量”总计（12）不一致：正文为 15，表格为 12。请核对正文或表格。"
    );
    let span = f[0].span.as_ref().expect("span");
    assert_eq!(span.address.to_string(), "prose.p1");
    let chars: Vec<char> = text.chars().collect();
    let selected: String = chars[span.start..span.end].iter().collect();
    assert_eq!(selected, "新收政府信息公开申请十五件");
    assert_eq!(
        f[0].cells
            .iter()
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>(),
        ["t3.new.total"]
    );
}

#[test]
fn a_blank_figure_says_so() {
    let mut doc = sample_with_p1("全年新收政府信息公开申请12件。");
    doc.set_cell("t3.new.total".parse().unwrap(), None);
    let f = prose_findings(&doc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("尚未填写"), "{}", f[0].message);
    assert!(f[0]
        .message
        .contains("表三“一、本年新收政府信息公开申请数量”总计"));
}

#[test]
fn no_false_alarms_on_the_sample_and_the_seeds() {
    for name in ["sample-gk2021", "seed000", "seed002", "seed004"] {
        let doc = fixture(name);
        let f = prose_findings(&doc);
        assert!(f.is_empty(), "{name}: {f:#?}");
    }
}

#[test]
fn ten_thousand_characters_are_scanned_whole() {
    let sentence = "全年新收政府信息公开申请12件，其中予以公开5件、部分公开1件。";
    let long = sentence.repeat(10_000 / sentence.chars().count() + 1);
    let t = template::get("gk2021").expect("gk2021");
    let found = quotes::find(&long, &t.phrases, 2025);
    assert_eq!(found.len(), 3 * (10_000 / sentence.chars().count() + 1));
}
