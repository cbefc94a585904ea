//! The hand-entered real reports (tests/fixtures/seed*.ron) parse, fit their
//! template, and hold the numbers printed in the seeds.

use std::path::Path;

use nianbao::document::{CellRef, CellValue, Document, UnitLevel, FORMAT_VERSION};
use nianbao::template::{self, CellKind};
use rust_decimal::Decimal;

const FIXTURES: [&str; 3] = ["seed000", "seed002", "seed004"];

fn load(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.ron"));
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    ron::from_str::<Document>(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cell(doc: &Document, addr: &str) -> Option<CellValue> {
    let r: CellRef = addr.parse().expect("address");
    doc.cell(&r).cloned()
}

fn int(doc: &Document, row: &str) -> Option<i64> {
    match cell(doc, &format!("stat.{row}.value")) {
        Some(CellValue::Int(i)) => Some(i),
        None => None,
        Some(other) => panic!("stat.{row}.value is {other:?}"),
    }
}

/// Whether a value is of the kind the template asks for.
fn fits(kind: CellKind, value: &CellValue) -> bool {
    match (kind, value) {
        (CellKind::Count, CellValue::Int(i)) => *i >= 0,
        (CellKind::Signed, CellValue::Int(_)) => true,
        (CellKind::Amount, CellValue::Amount(d)) => !d.is_sign_negative(),
        (CellKind::Text, CellValue::Text(_)) => true,
        _ => false,
    }
}

#[test]
fn every_fixture_fits_its_template() {
    for name in FIXTURES {
        let doc = load(name);
        assert_eq!(doc.format_version, FORMAT_VERSION, "{name}");
        let t = template::get(&doc.template).unwrap_or_else(|| panic!("{name}: template"));
        assert!(!doc.cells.is_empty(), "{name}");
        for (addr, value) in &doc.cells {
            let info = t
                .cell(addr)
                .unwrap_or_else(|| panic!("{name}: {addr} not in {}", t.id));
            assert!(fits(info.kind, value), "{name}: {addr} = {value:?}");
        }
        for key in doc.prose.keys() {
            assert!(t.part(key).is_some_and(|p| p.prose), "{name}: prose.{key}");
        }
        for text in doc.prose.values() {
            assert!(!text.trim().is_empty(), "{name}: empty prose");
            assert!(!text.contains("\n\n\n"), "{name}: paragraphs");
        }
        assert_eq!(doc.meta.level, UnitLevel::Township, "{name}");
        assert!(!doc.no_statistics && doc.previous.is_none(), "{name}");
    }
}

#[test]
fn seed000_qidu_2018() {
    let doc = load("seed000");
    assert_eq!(doc.template, "legacy-provincial");
    assert_eq!((doc.meta.unit.as_str(), doc.meta.year), ("齐都镇", 2018));
    assert!(doc.meta.opening.starts_with("2018年以来，在区委、区政府"));
    assert_eq!(doc.prose.len(), 9);
    assert!(doc
        .prose("p7")
        .contains("同时，做好信息发布日志，严格信息发布流程。"));
    assert!(doc
        .prose("p9")
        .ends_with("（二）2018年政府信息公开工作情况统计表"));
    assert_eq!(int(&doc, "active_info"), Some(390));
    let channels: Vec<_> = [
        "ch_gazette",
        "ch_website",
        "ch_weibo",
        "ch_wechat",
        "ch_other",
    ]
    .iter()
    .map(|r| int(&doc, r).unwrap())
    .collect();
    assert_eq!(channels, [1, 281, 0, 122, 0]);
    assert_eq!(int(&doc, "other_responses"), Some(11));
    assert_eq!(int(&doc, "received_other"), Some(0));
    assert_eq!(int(&doc, "websites_township"), Some(1));
    assert_eq!(int(&doc, "visitors"), Some(1600));
    assert_eq!(int(&doc, "visitors_township"), Some(1600));
    assert_eq!(int(&doc, "staff"), Some(2));
    assert_eq!(int(&doc, "trainees"), Some(10));
    assert_eq!(
        cell(&doc, "stat.funds.value"),
        Some(CellValue::Amount(Decimal::ONE))
    );
    // Every numeric cell of the provincial table is printed in the seed.
    let t = template::get("legacy-provincial").unwrap();
    let numeric = t.cells().into_iter().filter(|c| c.kind.is_numeric());
    for c in numeric {
        assert!(doc.cell(&c.cell).is_some(), "{} blank", c.cell);
    }
}

#[test]
fn seed002_yuelai_2020() {
    let doc = load("seed002");
    assert_eq!(doc.template, "gk2019");
    assert_eq!(doc.meta.year, 2020);
    assert_eq!(
        doc.meta.display_title(),
        "桦川县悦来镇2020年政府信息公开工作年度报告"
    );
    assert!(doc.prose("p1").contains("公开了涉及部门概况、法律法规"));
    assert!(doc
        .prose("p6")
        .starts_with("改进措施\n\n1. 进一步加强组织领导。"));
    assert_eq!(cell(&doc, "t2a.rules.made"), Some(CellValue::Int(0)));
    assert_eq!(cell(&doc, "t2a.rules.published"), Some(CellValue::Int(26)));
    assert_eq!(
        cell(&doc, "t2a.rules.public_total"),
        Some(CellValue::Int(26))
    );
    assert_eq!(
        cell(&doc, "t2b.other_services.decisions"),
        Some(CellValue::Int(0))
    );
    assert_eq!(
        cell(&doc, "t2e.procurement.amount"),
        Some(CellValue::Amount(Decimal::ZERO))
    );
    // The 总计 cell of the first six rows of table 3 is blank or lost in the seed.
    for row in [
        "new",
        "carried",
        "open",
        "partial",
        "deny_secret",
        "deny_law",
    ] {
        assert_eq!(cell(&doc, &format!("t3.{row}.total")), None, "{row}");
        assert_eq!(
            cell(&doc, &format!("t3.{row}.natural")),
            Some(CellValue::Int(0))
        );
        assert_eq!(
            cell(&doc, &format!("t3.{row}.other")),
            Some(CellValue::Int(0))
        );
    }
    assert_eq!(cell(&doc, "t3.deny_safety.total"), Some(CellValue::Int(0)));
    assert_eq!(cell(&doc, "t3.other.total"), Some(CellValue::Int(0)));
    assert_eq!(cell(&doc, "t3.carry_over.total"), Some(CellValue::Int(0)));
    let t = template::get("gk2019").unwrap();
    assert_eq!(doc.cells.len(), t.cells().len() - 6);
    assert_eq!(t.table("t4").unwrap().cells().len(), 15);
}

#[test]
fn seed004_chonggang_2017() {
    let doc = load("seed004");
    assert_eq!(doc.template, "legacy-national");
    assert_eq!(doc.meta.year, 2017);
    assert_eq!(
        doc.meta.display_title(),
        "平罗县崇岗镇人民政府2017年政府信息公开工作年度报告"
    );
    assert_eq!(doc.meta.signature_unit, "平罗县崇岗镇人民政府");
    assert_eq!(doc.meta.signature_date, "2018年1月3日");
    let signoff = [
        doc.meta.principal.as_str(),
        &doc.meta.reviewer,
        &doc.meta.preparer,
        &doc.meta.phone,
        &doc.meta.fill_date,
    ];
    assert_eq!(
        signoff,
        ["梁迈", "吕永红", "张玉玲", "0952-6680456", "2018年1月3日"]
    );
    assert!(doc
        .prose("p2")
        .starts_with("2017年以来，我镇主动公开政府信息802条"));
    assert!(doc
        .prose("p6")
        .contains("政务公开工作具体由镇党政办两名兼职人员管理"));
    assert!(!doc.prose("p6").contains("国务院办公厅"));
    assert_eq!(int(&doc, "active_info"), Some(802));
    assert_eq!(int(&doc, "active_normative"), Some(12));
    assert_eq!(int(&doc, "ch_website"), Some(382));
    assert_eq!(int(&doc, "ch_wechat"), Some(216));
    assert_eq!(int(&doc, "ch_other"), Some(204));
    assert_eq!(int(&doc, "microblog_responses"), Some(16));
    assert_eq!(int(&doc, "press"), Some(0));
    assert_eq!(int(&doc, "press_leader"), None);
    assert_eq!(int(&doc, "interviews_leader"), None);
    assert_eq!(int(&doc, "received"), Some(0));
    assert_eq!(int(&doc, "received_in_person"), None);
    assert_eq!(int(&doc, "review"), Some(0));
    assert_eq!(int(&doc, "litigation"), None);
    assert_eq!(int(&doc, "staff_full_time"), None);
    assert_eq!(int(&doc, "staff_part_time"), Some(2));
    assert_eq!(int(&doc, "meetings_held"), Some(3));
    assert_eq!(cell(&doc, "stat.fees.value"), None);
    assert_eq!(cell(&doc, "stat.funds.value"), None);
    match cell(&doc, "stat.main_content.value") {
        Some(CellValue::Text(t)) => {
            assert!(t.starts_with("主要侧重_____、") && t.ends_with("占比___%。"));
        }
        other => panic!("main_content: {other:?}"),
    }
    // 25 printed numbers and the text row.
    assert_eq!(doc.cells.len(), 26);
}
