//! What the validator must say about the real reports, worked out by hand
//! from each seed and its template's rules (see the comments per finding).
//!
//! Semantics relied on: a Linear rule compares Σlhs op Σrhs per instance; an
//! instance with some blank cells is a Warning under the same rule id listing
//! the blank cells; fully blank instances say nothing unless every instance of
//! the rule is fully blank (then one Warning listing all its cells); `prev:`
//! rules are skipped without `previous`; a broken instance lists all its
//! (this year's) cells, lhs then rhs; ZeroForLevels lists the non-zero cells;
//! `blanks` gives one Warning per table listing its blank numeric cells.

use std::collections::BTreeMap;
use std::path::Path;

use nianbao::document::{CellRef, CellValue, Document, PreviousYear};
use nianbao::template::{self, Severity};
use nianbao::validate::{validate, Finding, Report};

use Severity::{Error, Warning};

fn load(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.ron"));
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    ron::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn run(doc: &Document) -> Report {
    let t = template::get(&doc.template).expect("template");
    validate(doc, t)
}

/// (rule id, severity, cells) — what is asserted of a finding.
type Expected = (&'static str, Severity, Vec<String>);

/// The same, owned, for comparing expected and actual findings.
type Seen = (String, Severity, Vec<String>);

fn seen(f: &Finding) -> Seen {
    (
        f.rule.clone(),
        f.severity,
        f.cells.iter().map(CellRef::to_string).collect(),
    )
}

fn owned(e: Expected) -> Seen {
    (e.0.to_string(), e.1, e.2)
}

/// Cells of one table: `stat` rows of a legacy table, or full addresses.
fn stat(rows: &[&str]) -> Vec<String> {
    rows.iter().map(|r| format!("stat.{r}.value")).collect()
}

fn cells(addrs: &[&str]) -> Vec<String> {
    addrs.iter().map(std::string::ToString::to_string).collect()
}

fn sorted(mut v: Vec<Seen>) -> Vec<Seen> {
    v.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    v
}

/// The report holds exactly the expected errors, every expected warning,
/// and no other warning from a rule of the template.
fn assert_report(doc: &Document, report: &Report, expected: Vec<Expected>) {
    let t = template::get(&doc.template).unwrap();
    for f in report.errors.iter().chain(&report.warnings) {
        assert!(!f.message.is_empty(), "{}: empty message", f.rule);
    }
    assert!(report.errors.iter().all(|f| f.severity == Error));
    assert!(report.warnings.iter().all(|f| f.severity == Warning));
    let (exp_errors, exp_warnings): (Vec<_>, Vec<_>) =
        expected.into_iter().partition(|e| e.1 == Error);
    let errors = sorted(report.errors.iter().map(seen).collect());
    let exp_errors = sorted(exp_errors.into_iter().map(owned).collect());
    assert_eq!(errors, exp_errors, "errors of {}", doc.meta.unit);
    let from_rules = |f: &&Finding| t.rules.iter().any(|r| r.id == f.rule);
    let warnings = sorted(
        report
            .warnings
            .iter()
            .filter(from_rules)
            .map(seen)
            .collect(),
    );
    let exp_warnings = sorted(exp_warnings.into_iter().map(owned).collect());
    assert_eq!(warnings, exp_warnings, "warnings of {}", doc.meta.unit);
}

#[test]
fn seed000_has_no_findings() {
    // Every cell of 齐都镇's table is filled, every parent equals its children
    // (八 1 = 0 + 1, 十 1 = 0 + 1, 十一 1600 = 0 + 1600, 十二（二） 2 = 1 + 1, the rest 0),
    // each channel ≤ 390 and the channels together 1+281+0+122+0 = 404 ≥ 390
    // (legal: one item on several channels counts once), 其中 rows 0 ≤ parent.
    let doc = load("seed000");
    let report = run(&doc);
    assert_report(&doc, &report, vec![]);
}

#[test]
fn seed000_broken_variants() {
    let mut doc = load("seed000");
    // 从事人员数 3 while 专职 1 + 兼职 1 = 2: a broken identity, all its cells.
    doc.set_cell("stat.staff.value".parse().unwrap(), Some(CellValue::Int(3)));
    // 政府网站 200: channels 1+200+0+122+0 = 323 < 390.
    doc.set_cell(
        "stat.ch_website.value".parse().unwrap(),
        Some(CellValue::Int(200)),
    );
    // 主要负责同志参加新闻发布会次数 1 > 新闻发布会总次数 0.
    doc.set_cell(
        "stat.press_leader.value".parse().unwrap(),
        Some(CellValue::Int(1)),
    );
    let report = run(&doc);
    assert_report(
        &doc,
        &report,
        vec![
            (
                "stat.staff",
                Error,
                stat(&["staff", "staff_full_time", "staff_part_time"]),
            ),
            (
                "stat.channels_cover",
                Warning,
                stat(&[
                    "ch_gazette",
                    "ch_website",
                    "ch_weibo",
                    "ch_wechat",
                    "ch_other",
                    "active_info",
                ]),
            ),
            (
                "stat.press_leader_within",
                Warning,
                stat(&["press_leader", "press"]),
            ),
        ],
    );
}

/// Table 3's 总计 cells that seed 002 leaves blank (or lost to the PDF).
const T3_BLANK_TOTALS: [&str; 6] = [
    "t3.new.total",
    "t3.carried.total",
    "t3.open.total",
    "t3.partial.total",
    "t3.deny_secret.total",
    "t3.deny_law.total",
];

fn seed002_expected() -> Vec<Expected> {
    let mut v = vec![
        // A 乡镇 reporting 规章: 本年新公开数量 26 and 对外公开总数量 26 are non-zero
        // (本年新制作数量 is 0, so it is not listed).
        (
            "t2a.township_rules",
            Warning,
            cells(&["t2a.rules.published", "t2a.rules.public_total"]),
        ),
        // 一 + 二 = （七） + 四 in the 总计 column: 一 and 二 are blank, cannot be checked.
        // In the six other columns all four cells are 0: it holds.
        (
            "t3.balance",
            Warning,
            cells(&["t3.new.total", "t3.carried.total"]),
        ),
        // （七）总计 = Σ results in the 总计 column: （一）（二）（三）1（三）2 blank.
        (
            "t3.results",
            Warning,
            cells(&[
                "t3.open.total",
                "t3.partial.total",
                "t3.deny_secret.total",
                "t3.deny_law.total",
            ]),
        ),
        // The blanks rule: one warning for table 3 listing its six blank cells.
        ("blanks", Warning, cells(&T3_BLANK_TOTALS)),
    ];
    // 总计 = Σ applicants, per row: each of the six rows has a blank 总计.
    for total in T3_BLANK_TOTALS {
        v.push(("t3.applicants", Warning, cells(&[total])));
    }
    // 本年新公开数量 26 ≤ 对外公开总数量 26 holds; 表二 and 表四 are all filled and
    // 表四's totals are 0 = 0+0+0+0; t3.carried_from_last_year is skipped (no last year).
    v
}

#[test]
fn seed002_total_column_blank_and_township_rules() {
    let doc = load("seed002");
    let report = run(&doc);
    assert_report(&doc, &report, seed002_expected());
}

#[test]
fn seed002_with_last_year() {
    let mut doc = load("seed002");
    // Last year ended with 1 application from a 自然人 carried over; this year's
    // 二、上年结转 says 0: the cross-year identity breaks in the 自然人 column
    // (this year's cell listed); in the 总计 column this year's 二 is blank.
    let mut prev = BTreeMap::new();
    for col in [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "law_service",
        "other",
    ] {
        let n = i64::from(col == "natural");
        prev.insert(
            format!("t3.carry_over.{col}").parse().unwrap(),
            CellValue::Int(n),
        );
    }
    prev.insert("t3.carry_over.total".parse().unwrap(), CellValue::Int(1));
    doc.previous = Some(PreviousYear {
        prose: Default::default(),
        year: 2019,
        template: "gk2019".to_string(),
        source: None,
        cells: prev,
    });
    let mut expected = seed002_expected();
    expected.push((
        "t3.carried_from_last_year",
        Error,
        cells(&["t3.carried.natural"]),
    ));
    expected.push((
        "t3.carried_from_last_year",
        Warning,
        cells(&["t3.carried.total"]),
    ));
    let report = run(&doc);
    assert_report(&doc, &report, expected);
}

#[test]
fn seed004_blank_children_next_to_zero_parents() {
    let doc = load("seed004");
    let report = run(&doc);
    assert_report(
        &doc,
        &report,
        vec![
            // 收到申请数 0 with 1–4 blank: cannot be checked, the blank children listed.
            (
                "stat.received",
                Warning,
                stat(&[
                    "received_in_person",
                    "received_fax",
                    "received_online",
                    "received_letter",
                ]),
            ),
            // 申请办结数 0 with 按时 / 延期 blank.
            (
                "stat.concluded",
                Warning,
                stat(&["concluded_on_time", "concluded_extended"]),
            ),
            // 申请答复数 0 with 1–8 blank (4 is the parent of the reasons, itself blank).
            (
                "stat.answered",
                Warning,
                stat(&[
                    "ans_already_public",
                    "ans_agree",
                    "ans_partial",
                    "ans_refuse",
                    "ans_not_ours",
                    "ans_nonexistent",
                    "ans_amend",
                    "ans_other_channel",
                ]),
            ),
            // 行政复议数量 0 with （一）–（三） blank.
            (
                "stat.review",
                Warning,
                stat(&["review_upheld", "review_corrected", "review_other"]),
            ),
            // 行政诉讼数量 and its three children all blank: the rule's only instance
            // is fully blank, so one warning lists all its cells.
            (
                "stat.litigation",
                Warning,
                stat(&[
                    "litigation",
                    "litigation_upheld",
                    "litigation_corrected",
                    "litigation_other",
                ]),
            ),
            // 从事人员数 2 = 专职 (blank) + 兼职 2: cannot be checked.
            ("stat.staff", Warning, stat(&["staff_full_time"])),
            // 其中：主要负责同志… blank next to a parent of 0.
            ("stat.press_leader_within", Warning, stat(&["press_leader"])),
            (
                "stat.interviews_leader_within",
                Warning,
                stat(&["interviews_leader"]),
            ),
            // 不同意公开答复数 and its six reasons all blank: fully blank, sole instance.
            (
                "stat.refusal_reasons",
                Warning,
                stat(&[
                    "ans_refuse",
                    "refuse_state_secret",
                    "refuse_commercial_secret",
                    "refuse_privacy",
                    "refuse_security",
                    "refuse_not_gov_info",
                    "refuse_other",
                ]),
            ),
            // Every blank numeric cell of the table, in reading order (the text row
            // （四）申请公开的主要内容 is not numeric and is filled anyway).
            (
                "blanks",
                Warning,
                stat(&[
                    "press_leader",
                    "interviews_leader",
                    "received_in_person",
                    "received_fax",
                    "received_online",
                    "received_letter",
                    "concluded_on_time",
                    "concluded_extended",
                    "ans_already_public",
                    "ans_agree",
                    "ans_partial",
                    "ans_refuse",
                    "refuse_state_secret",
                    "refuse_commercial_secret",
                    "refuse_privacy",
                    "refuse_security",
                    "refuse_not_gov_info",
                    "refuse_other",
                    "ans_not_ours",
                    "ans_nonexistent",
                    "ans_amend",
                    "ans_other_channel",
                    "review_upheld",
                    "review_corrected",
                    "review_other",
                    "litigation",
                    "litigation_upheld",
                    "litigation_corrected",
                    "litigation_other",
                    "complaints",
                    "fees",
                    "staff_full_time",
                    "funds",
                ]),
            ),
            // Holding: 主动公开规范性文件数 12 ≤ 802; each channel 0/382/0/216/204 ≤ 802;
            // together 0+382+0+216+204 = 802 ≥ 802. No error at all.
        ],
    );
}
