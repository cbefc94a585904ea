//! Every embedded template is well-formed data, and its labels match the
//! official wording in `official-formats.md` character for character.

use std::collections::HashSet;

use nianbao::template::{self, Check, Row, Table, Template};

/// Labels of the numeric (non-group) rows, in display order.
fn leaf_row_labels(table: &Table) -> Vec<&str> {
    table
        .flat_rows()
        .iter()
        .filter(|f| !f.row.group)
        .map(|f| f.row.label.as_str())
        .collect()
}

fn find_row<'t>(t: &'t Template, table: &str, row: &str) -> &'t Row {
    t.table(table)
        .and_then(|tb| tb.find_row(row))
        .unwrap_or_else(|| panic!("{} has no row {table}.{row}", t.id))
}

#[test]
fn four_templates_with_unique_ids() {
    let ids: Vec<&str> = template::all().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["gk2021", "gk2019", "legacy-national", "legacy-provincial"]
    );
}

#[test]
fn year_ranges() {
    let gk2019 = template::get("gk2019").unwrap();
    assert_eq!((gk2019.first_year, gk2019.last_year), (2019, Some(2020)));
    for id in ["legacy-national", "legacy-provincial"] {
        let t = template::get(id).unwrap();
        assert_eq!((t.first_year, t.last_year), (2008, Some(2018)), "{id}");
        assert!(t.statistics_optional && t.signoff, "{id}");
    }
    assert_eq!(template::current_for_year(2020).id, "gk2019");
    assert_eq!(template::current_for_year(2019).id, "gk2019");
    assert_eq!(template::current_for_year(2017).id, "legacy-national");
    assert_eq!(template::current_for_year(2021).id, "gk2021");
}

/// The embedded templates are exactly the files of `assets/templates/`,
/// and the loader (which runs every structural check) accepts each.
#[test]
fn every_file_in_the_folder_compiles_and_is_registered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates");
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let t = template::parse_template(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            ids.push(t.id);
        }
    }
    let mut registered: Vec<String> = template::all().iter().map(|t| t.id.clone()).collect();
    ids.sort();
    registered.sort();
    assert_eq!(ids, registered);
}

#[test]
fn every_template_has_cells_and_the_blanks_rule() {
    for t in template::all() {
        assert!(!t.cells().is_empty(), "{}", t.id);
        assert!(t.rules.iter().any(|r| r.id == "blanks"), "{}", t.id);
        assert!(
            t.rules.iter().any(|r| matches!(r.check, Check::Blanks)),
            "{}",
            t.id
        );
    }
}

#[test]
fn only_the_provincial_variant_is_regional() {
    let regional: Vec<&str> = template::all()
        .iter()
        .filter(|t| t.regional)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(regional, ["legacy-provincial"]);
    for year in 2008..=2018 {
        assert_eq!(template::current_for_year(year).id, "legacy-national");
    }
}

/// Figures name cells the template has; phrases, breakdowns and drafts name
/// figures it defines; every placeholder of a draft resolves.
#[test]
fn prose_data_refers_to_existing_cells_and_figures() {
    for t in template::all() {
        let figure = |k: &str| t.figures.iter().any(|f| f.key == k);
        let mut keys = HashSet::new();
        for f in &t.figures {
            assert!(keys.insert(&f.key), "{}: duplicate figure {}", t.id, f.key);
            assert!(
                !f.cells.is_empty() && !f.name.is_empty(),
                "{}: {}",
                t.id,
                f.key
            );
            for c in &f.cells {
                let cell = c.parse().unwrap_or_else(|e| panic!("{}: {c}: {e}", t.id));
                assert!(
                    t.cell(&cell).is_some_and(|i| i.kind.is_numeric()),
                    "{}: {} {c}",
                    t.id,
                    f.key
                );
            }
        }
        for p in &t.phrases {
            assert!(figure(&p.figure), "{}: phrase for {}", t.id, p.figure);
            assert!(
                p.words.iter().all(|w| !w.is_empty()),
                "{}: {}",
                t.id,
                p.figure
            );
        }
        for b in &t.breakdowns {
            for (label, f) in &b.items {
                assert!(!label.is_empty() && figure(f), "{}: {} {f}", t.id, b.key);
            }
        }
        for d in &t.drafts {
            assert!(t.part(&d.part).is_some(), "{}: draft {}", t.id, d.part);
            for s in &d.sentences {
                for k in &s.none_when {
                    assert!(figure(k), "{}: {k}", t.id);
                }
                for inner in s.text.split('{').skip(1) {
                    let inner = inner.split('}').next().unwrap_or_default();
                    let names: Vec<&str> = if let Some(list) = inner.strip_prefix("list:") {
                        assert!(
                            t.breakdowns.iter().any(|b| b.key == list),
                            "{}: {inner}",
                            t.id
                        );
                        vec![]
                    } else if let Some(expr) = inner.strip_prefix("share:") {
                        expr.split(['+', '/']).collect()
                    } else {
                        vec![inner]
                    };
                    for n in names {
                        assert!(figure(n.trim()), "{}: placeholder {inner}", t.id);
                    }
                }
            }
        }
    }
}

/// Table 3's 23 or 25 numeric rows, as the spec lists them.
const T3_HEAD: [&str; 12] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
];
const T3_MIDDLE: [&str; 8] = [
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
];

fn t3_expected(other: &[&'static str]) -> Vec<&'static str> {
    let mut v: Vec<&str> = T3_HEAD.to_vec();
    v.extend(T3_MIDDLE);
    v.extend(other);
    v.extend(["（七）总计", "四、结转下年度继续办理"]);
    v
}

#[test]
fn gk2021_table3_rows_are_official() {
    let t = template::get("gk2021").unwrap();
    let expected = t3_expected(&[
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]);
    assert_eq!(leaf_row_labels(t.table("t3").unwrap()), expected);
    assert_eq!(expected.len(), 25);
}

#[test]
fn gk2019_table3_rows_are_official() {
    let t = template::get("gk2019").unwrap();
    let t3 = t.table("t3").unwrap();
    let expected = t3_expected(&["（六）其他处理"]);
    assert_eq!(leaf_row_labels(t3), expected);
    assert_eq!(expected.len(), 23);
    assert_eq!(t3.cells().len(), 23 * 7);
    let other = t3.find_row("other").unwrap();
    assert!(!other.group && other.children.is_empty());
    // Same keys as gk2021 where the meaning is the same.
    let gk2021 = template::get("gk2021").unwrap();
    for c in gk2021.table("t4").unwrap().cells() {
        assert!(t.cell(&c.cell).is_some(), "gk2019 lacks {}", c.cell);
    }
    for c in t3.cells() {
        if c.cell.row != "other" {
            assert!(gk2021.cell(&c.cell).is_some(), "gk2021 lacks {}", c.cell);
        }
    }
}

#[test]
fn gk2019_table2_blocks_are_official() {
    let t = template::get("gk2019").unwrap();
    let part = t.part("p2").unwrap();
    assert_eq!(part.heading, "二、主动公开政府信息情况");
    let blocks: Vec<(&str, Vec<&str>, Vec<&str>)> = part
        .tables
        .iter()
        .map(|tb| {
            let cols = tb
                .leaf_columns()
                .iter()
                .map(|c| c.column.label.as_str())
                .collect();
            (tb.title.as_deref().unwrap_or(""), cols, leaf_row_labels(tb))
        })
        .collect();
    let decided = vec!["上一年项目数量", "本年增/减", "处理决定数量"];
    assert_eq!(
        blocks,
        vec![
            (
                "第二十条第（一）项",
                vec!["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                vec!["规章", "规范性文件"]
            ),
            (
                "第二十条第（五）项",
                decided.clone(),
                vec!["行政许可", "其他对外管理服务事项"]
            ),
            ("第二十条第（六）项", decided, vec!["行政处罚", "行政强制"]),
            (
                "第二十条第（八）项",
                vec!["上一年项目数量", "本年增/减"],
                vec!["行政事业性收费"]
            ),
            (
                "第二十条第（九）项",
                vec!["采购项目数量", "采购总金额"],
                vec!["政府集中采购"]
            ),
        ]
    );
    let change = t.cell(&"t2b.license.change".parse().unwrap()).unwrap();
    assert_eq!(change.kind, template::CellKind::Signed);
    let amount = t.cell(&"t2e.procurement.amount".parse().unwrap()).unwrap();
    assert_eq!(
        (amount.kind, amount.unit),
        (template::CellKind::Amount, Some("万元"))
    );
    let headings: Vec<&str> = t.parts.iter().map(|p| p.heading.as_str()).collect();
    let gk2021 = template::get("gk2021").unwrap();
    let headings21: Vec<&str> = gk2021.parts.iter().map(|p| p.heading.as_str()).collect();
    assert_eq!(headings, headings21);
}

/// (row key, label, unit) of the legacy table, a sample in official order.
const LEGACY_COMMON: [(&str, &str, &str); 10] = [
    (
        "active_info",
        "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
        "条",
    ),
    ("active_normative", "其中：主动公开规范性文件数", "条"),
    ("normative_issued", "制发规范性文件总数", "件"),
    ("ch_wechat", "4.政务微信公开政府信息数", "条"),
    (
        "hotspots",
        "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
        "次",
    ),
    ("interpretations", "3.政策解读稿件发布数", "篇"),
    ("received_letter", "4.信函申请数", "件"),
    (
        "refuse_security",
        "危及国家安全、公共安全、经济安全和社会稳定",
        "件",
    ),
    ("ans_other_channel", "8.告知通过其他途径办理数", "件"),
    (
        "litigation_upheld",
        "（一）维持具体行政行为或者驳回原告诉讼请求数",
        "件",
    ),
];

fn assert_rows(t: &Template, rows: &[(&str, &str, &str)]) {
    let stat = t.table("stat").unwrap();
    for (key, label, unit) in rows {
        let row = find_row(t, "stat", key);
        assert_eq!(row.label, *label, "{}: {key}", t.id);
        let cell = format!("stat.{key}.value");
        let info = t.cell(&cell.parse().unwrap()).unwrap();
        assert_eq!(info.unit, Some(*unit), "{}: {key}", t.id);
    }
    assert_eq!(stat.corner, "统计指标");
    assert_eq!(stat.unit_column.as_deref(), Some("单位"));
    assert_eq!(stat.title.as_deref(), Some("政府信息公开情况统计表"));
    let cols: Vec<_> = stat
        .leaf_columns()
        .iter()
        .map(|c| c.column.label.clone())
        .collect();
    assert_eq!(cols, ["统计数"]);
    // The table hangs under the last part; every part is prose.
    assert!(t.parts.iter().all(|p| p.prose));
    assert_eq!(t.parts.last().unwrap().tables.len(), 1);
}

fn top_level_labels(t: &Template) -> Vec<(&str, bool)> {
    t.table("stat")
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.group))
        .collect()
}

#[test]
fn legacy_national_rows_are_official() {
    let t = template::get("legacy-national").unwrap();
    assert_rows(t, &LEGACY_COMMON);
    assert_rows(
        t,
        &[
            ("complaints", "六、举报投诉数量", "件"),
            ("fees", "七、依申请公开信息收取的费用", "万元"),
            ("reading_points", "（二）设置政府信息公开查阅点数", "个"),
            (
                "funds",
                "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
                "万元",
            ),
            (
                "meetings_held",
                "（一）召开政府信息与政务公开工作会议或专题会议数",
                "次",
            ),
            ("trainees", "（三）接受培训人员数", "人次"),
        ],
    );
    assert_eq!(
        top_level_labels(t),
        [
            ("一、主动公开情况", true),
            ("二、回应解读情况", true),
            ("三、依申请公开情况", true),
            ("四、行政复议数量", false),
            ("五、行政诉讼数量", false),
            ("六、举报投诉数量", false),
            ("七、依申请公开信息收取的费用", false),
            ("八、机构建设和保障经费情况", true),
            ("九、政府信息公开会议和培训情况", true),
        ]
    );
    let content = find_row(t, "stat", "main_content");
    assert_eq!(content.label, "（四）申请公开的主要内容");
    assert_eq!(content.kind, Some(template::CellKind::Text));
    let fees = t.cell(&"stat.fees.value".parse().unwrap()).unwrap();
    assert_eq!(fees.kind, template::CellKind::Amount);
    let received = find_row(t, "stat", "received");
    assert!(!received.group);
    assert_eq!(received.children.len(), 4);
    let headings: Vec<&str> = t.parts.iter().map(|p| p.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、概述",
            "二、主动公开",
            "三、依申请公开",
            "四、收费及减免",
            "五、行政复议、行政诉讼",
            "六、存在的主要问题及改进情况",
            "七、需要说明的事项与附表",
        ]
    );
}

#[test]
fn legacy_provincial_rows_are_official() {
    let t = template::get("legacy-provincial").unwrap();
    assert_rows(t, &LEGACY_COMMON);
    assert_rows(
        t,
        &[
            ("received_other", "5.其他形式", "件"),
            ("complaints", "六、被举报投诉数量", "件"),
            ("complaints_corrected", "（二）被纠错数", "件"),
            ("archives", "七、向图书馆、档案馆等查阅场所报送信息数", "条"),
            (
                "websites",
                "八、开通政府信息公开网站（或设立门户网站信息公开专栏）数",
                "个",
            ),
            ("gazette_issues", "（一）公报发行期数", "期"),
            ("gazette_copies", "（二）公报发行总份数", "份"),
            ("visitors", "十一、查阅点接待人数", "次"),
            ("visitors_township", "（二）乡镇政府（街道办事处）", "次"),
            (
                "funds",
                "（三）政府信息公开专项经费（不包括政府公报编辑管理及政府网站建设维护等方面的经费）",
                "万元",
            ),
            (
                "meetings_held",
                "（一）召开政府信息公开工作会议或专题会议数",
                "次",
            ),
        ],
    );
    assert!(t.table("stat").unwrap().find_row("main_content").is_none());
    assert_eq!(top_level_labels(t).len(), 13);
    assert_eq!(top_level_labels(t)[8], ("九、政府公报发行量", true));
    assert_eq!(t.parts.len(), 9);
    assert_eq!(t.parts[8].heading, "九、需要说明的事项与附表");
    assert_eq!(
        t.parts[1].heading,
        "二、政府信息公开的组织领导和制度建设情况"
    );
}

#[test]
fn gk2021_parses_and_has_cells() {
    let t = nianbao::template::get("gk2021").expect("gk2021");
    let cells = t.cells();
    // t2: 6 + 1 + 2 + 1, t3: 25 rows x 7, t4: 15, t6 (信息处理费): 3
    assert_eq!(cells.len(), 10 + 25 * 7 + 15 + 3);
    let c = t
        .cell(&"t3.deny_secret.commercial".parse().unwrap())
        .unwrap();
    assert_eq!(
        c.row_path_joined(),
        "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"
    );
    assert_eq!(c.col_path_joined(), "法人或其他组织 / 商业企业");
}
