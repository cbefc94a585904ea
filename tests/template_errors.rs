//! Every problem a template can have is refused by the loader with a message
//! naming it and its line: each test breaks a shipped template in one place.
//! Also `nianbao template check` and `nianbao template list`.

use assert_cmd::Command;
use nianbao::template::{parse_template, TemplateError, TemplateErrorKind as Kind};

fn source(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/templates")
        .join(file);
    std::fs::read_to_string(path).unwrap()
}

/// `file` with its first `from` replaced by `to`; the loader's verdict.
fn broken(file: &str, from: &str, to: &str) -> (String, TemplateError) {
    let text = source(file);
    assert!(text.contains(from), "{file} lacks {from:?}");
    let text = text.replacen(from, to, 1);
    let err = parse_template(file, &text).expect_err("broken template compiled");
    (text, err)
}

/// 1-based line of the `n`th (0-based) line containing `needle`.
fn line_of(text: &str, needle: &str, n: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(n)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no {needle:?}"))
}

/// The problem of `kind`, whose message holds `words`, on `line`.
fn assert_problem(err: &TemplateError, kind: Kind, words: &str, line: usize) {
    let p = err
        .problems
        .iter()
        .find(|p| p.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {err}"));
    assert!(p.message.contains(words), "{kind:?}: {}", p.message);
    assert_eq!(p.line, Some(line), "{kind:?}: {p}");
    assert!(!p.cause.is_empty() && p.cause.is_ascii(), "{p}");
    let shown = err.to_string();
    assert!(
        shown.contains(&format!("第 {line} 行：{}", p.message)),
        "{shown}"
    );
    assert!(shown.contains(&format!("({})", p.cause)), "{shown}");
}

#[test]
fn a_misspelt_field_is_refused_with_its_line() {
    let (text, err) = broken("gk2021.ron", "header_title:", "heder_title:");
    let line = line_of(&text, "heder_title", 0);
    assert_problem(&err, Kind::UnknownField, "未知字段“heder_title”", line);
    assert!(err.to_string().contains("header_title"), "lists the fields");
    let (text, err) = broken("gk2021.ron", "total: true", "totl: true");
    assert_problem(
        &err,
        Kind::UnknownField,
        "“totl”",
        line_of(&text, "totl", 0),
    );
}

#[test]
fn missing_and_repeated_fields() {
    let (_, err) = broken("gk2021.ron", "name: \"表三\",", "");
    let p = &err.problems[0];
    assert_eq!(p.kind, Kind::MissingField);
    assert!(
        p.message.contains("缺少字段“name”") && p.line.is_some(),
        "{p}"
    );
    let (text, err) = broken(
        "gk2021.ron",
        "name: \"表三\",",
        "name: \"表三\", name: \"表三\",",
    );
    assert_problem(
        &err,
        Kind::DuplicateField,
        "“name”",
        line_of(&text, "name: \"表三\"", 0),
    );
}

#[test]
fn an_unknown_value_of_an_enum() {
    let (text, err) = broken("gk2021.ron", "severity: Warning", "severity: Warn");
    let line = line_of(&text, "severity: Warn,", 0);
    assert_problem(&err, Kind::UnknownVariant, "未知的取值“Warn”", line);
}

#[test]
fn a_malformed_rule_term() {
    let (text, err) = broken("gk2021.ron", "\"-repealed\"", "\"prv:repealed\"");
    let line = line_of(&text, "prv:repealed", 0);
    assert_problem(&err, Kind::BadTerm, "规则项“prv:repealed”无法识别", line);
}

#[test]
fn text_that_is_not_ron() {
    let (text, err) = broken("gk2019.ron", "first_year: 2019,", "first_year: 2019 2020,");
    assert_problem(
        &err,
        Kind::Syntax,
        "不是有效的 RON",
        line_of(&text, "2019 2020", 0),
    );
}

#[test]
fn a_rule_naming_a_row_the_table_lacks_does_not_load() {
    // The bug of issue 9: `carry_ovr` made t3.balance silently never run.
    let (text, err) = broken("gk2021.ron", "\"carry_over\"]", "\"carry_ovr\"]");
    let line = line_of(&text, "carry_ovr", 0);
    let words = "规则“t3.balance”中的“carry_ovr”不是表格 t3 的数字行";
    assert_problem(&err, Kind::UnknownKey, words, line);
    // A group row holds no numbers, so it is no term either.
    let (text, err) = broken("gk2021.ron", "\"carry_over\"]", "\"deny\"]");
    let line = line_of(&text, "[\"total\", \"deny\"]", 0);
    assert_problem(&err, Kind::UnknownKey, "“deny”", line);
}

#[test]
fn unknown_each_and_level_rows() {
    let (text, err) = broken(
        "gk2021.ron",
        "lhs: [\"new\", \"carried\"]",
        "each: [\"nobody\"], lhs: [\"new\", \"carried\"]",
    );
    let line = line_of(&text, "nobody", 0);
    assert_problem(&err, Kind::UnknownKey, "“nobody”不是表格 t3 的列", line);
    let (text, err) = broken("gk2021.ron", "rows: [\"rules\"]", "rows: [\"rulez\"]");
    let line = line_of(&text, "rulez", 0);
    assert_problem(&err, Kind::UnknownKey, "“rulez”不是表格 t2a 的行", line);
}

#[test]
fn a_rule_naming_a_table_the_template_lacks() {
    let (text, err) = broken(
        "gk2021.ron",
        "table: \"t4\", along: Rows, lhs: [\"review_total\"]",
        "table: \"t9\", along: Rows, lhs: [\"review_total\"]",
    );
    let line = line_of(&text, "\"t9\"", 0);
    assert_problem(&err, Kind::UnknownTable, "引用的表格“t9”不存在", line);
}

#[test]
fn a_total_must_be_one_plain_cell() {
    let (text, err) = broken(
        "gk2021.ron",
        "lhs: [\"review_total\"]",
        "lhs: [\"-review_total\"]",
    );
    let line = line_of(&text, "id: \"t4.review_total\"", 0);
    assert_problem(&err, Kind::BadTotal, "规则“t4.review_total”标为合计", line);
}

#[test]
fn a_rule_over_text_cells_only_would_never_run() {
    let (text, err) = broken(
        "legacy-national.ron",
        "lhs: [\"active_normative\"]",
        "lhs: [\"main_content\"]",
    );
    let rule_line = line_of(&text, "lhs: [\"main_content\"]", 0) - 2;
    assert_problem(&err, Kind::NoCells, "没有可校验的单元格", rule_line);
}

#[test]
fn empty_labels_names_and_reasons() {
    let (text, err) = broken("gk2021.ron", "label: \"自然人\"", "label: \"\"");
    let line = line_of(&text, "key: \"natural\"", 0);
    assert_problem(
        &err,
        Kind::EmptyText,
        "表格 t3 的列 natural 的标签（label）不能为空",
        line,
    );
    let (text, err) = broken("gk2021.ron", "name: \"表四\"", "name: \" \"");
    let line = line_of(&text, "key: \"t4\"", 0);
    assert_problem(
        &err,
        Kind::EmptyText,
        "表格 t4 的名称（name）不能为空",
        line,
    );
    let (text, err) = broken(
        "gk2021.ron",
        "reason: \"乡镇、街道无权制定规章，请核对是否误将行政规范性文件填入“规章”行\"",
        "reason: \"\"",
    );
    let line = line_of(&text, "id: \"t2a.township_rules\"", 0);
    assert_problem(&err, Kind::EmptyText, "的说明（reason）不能为空", line);
}

#[test]
fn empty_lists() {
    let (text, err) = broken(
        "gk2021.ron",
        "rows: [Row(key: \"license\", label: \"行政许可\")]",
        "rows: []",
    );
    let line = line_of(&text, "key: \"t2b\"", 0);
    assert_problem(
        &err,
        Kind::EmptyList,
        "表格 t2b 没有列（columns）或没有行（rows）",
        line,
    );
    let (text, err) = broken("gk2021.ron", "rhs: [\"prev:carry_over\"]", "rhs: []");
    let line = line_of(&text, "id: \"t3.carried_from_last_year\"", 0);
    assert_problem(&err, Kind::EmptyList, "左边（lhs）或右边（rhs）为空", line);
}

#[test]
fn duplicate_keys_point_at_the_second() {
    let (text, err) = broken("gk2021.ron", "Row(key: \"carried\"", "Row(key: \"new\"");
    let line = line_of(&text, "key: \"new\"", 1);
    assert_problem(&err, Kind::DuplicateKey, "表格 t3 中的行键“new”重复", line);
    let (text, err) = broken(
        "gk2021.ron",
        "id: \"t4.direct_total\"",
        "id: \"t4.review_total\"",
    );
    let line = line_of(&text, "id: \"t4.review_total\"", 1);
    assert_problem(
        &err,
        Kind::DuplicateKey,
        "规则编号“t4.review_total”重复",
        line,
    );
    let (text, err) = broken("gk2021.ron", "key: \"t2c\"", "key: \"t2b\"");
    let line = line_of(&text, "key: \"t2b\"", 1);
    assert_problem(&err, Kind::DuplicateKey, "表格的键“t2b”重复", line);
}

#[test]
fn keys_must_fit_an_address() {
    let (text, err) = broken(
        "gk2021.ron",
        "Column(key: \"natural\"",
        "Column(key: \"nat.ural\"",
    );
    let line = line_of(&text, "nat.ural", 0);
    assert_problem(&err, Kind::BadKey, "表格 t3 的列键“nat.ural”无效", line);
}

#[test]
fn a_group_row_needs_rows_under_it() {
    let (text, err) = broken(
        "gk2021.ron",
        "Row(key: \"cases\", label: \"\")",
        "Row(key: \"cases\", label: \"\", group: true)",
    );
    let line = line_of(&text, "key: \"cases\"", 0);
    assert_problem(
        &err,
        Kind::EmptyGroup,
        "表格 t4 的分组行 cases 下面没有行",
        line,
    );
}

#[test]
fn years_in_order() {
    let (text, err) = broken("gk2019.ron", "last_year: 2020,", "last_year: 2018,");
    let line = line_of(&text, "last_year: 2018", 0);
    assert_problem(
        &err,
        Kind::YearRange,
        "起始年度 2019 晚于截止年度 2018",
        line,
    );
}

#[test]
fn every_structural_problem_is_listed_at_once() {
    let text = source("gk2021.ron")
        .replacen("label: \"自然人\"", "label: \"\"", 1)
        .replacen("\"carry_over\"]", "\"carry_ovr\"]", 1);
    let err = parse_template("gk2021.ron", &text).unwrap_err();
    assert_eq!(err.problems.len(), 2, "{err}");
    let shown = err.to_string();
    assert!(shown.starts_with("模板 gk2021.ron 有 2 处问题"), "{shown}");
    assert_eq!(shown.lines().count(), 3, "{shown}");
    // File order.
    assert!(err.problems[0].line < err.problems[1].line);
}

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

#[test]
fn template_check_summarises_a_good_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates/gk2021.ron");
    let out = nianbao()
        .args(["template", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("模板 gk2021（现行格式（2021 年起））检查通过："),
        "{stdout}"
    );
}

#[test]
fn template_check_lists_every_problem_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("next.ron");
    let text = source("gk2021.ron")
        .replacen("label: \"自然人\"", "label: \"\"", 1)
        .replacen("\"carry_over\"]", "\"carry_ovr\"]", 1);
    std::fs::write(&path, &text).unwrap();
    let out = nianbao()
        .args(["template", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let natural = line_of(&text, "key: \"natural\"", 0);
    let balance = line_of(&text, "carry_ovr", 0);
    assert!(stderr.contains(&format!("第 {natural} 行：")), "{stderr}");
    assert!(stderr.contains(&format!("第 {balance} 行：")), "{stderr}");
    assert!(out.stdout.is_empty());
    let out = nianbao()
        .args(["template", "check"])
        .arg(dir.path().join("none.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn template_list_names_the_built_in_ones() {
    let out = nianbao().args(["template", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(
        ids,
        ["gk2021", "gk2019", "legacy-national", "legacy-provincial"]
    );
    assert!(
        stdout.lines().last().unwrap().ends_with("地方格式"),
        "{stdout}"
    );
}

#[test]
fn round_two_checks_name_parts_cells_and_rules_that_exist() {
    let cases = [
        (
            r#"Misplaced(rule: "t3.results")"#,
            r#"Misplaced(rule: "t3.applicants")"#,
            "Misplaced(",
            "不是按列的勾稽关系",
        ),
        (
            r#"notices: "t6.fees.notices""#,
            r#"notices: "t6.fees.notice""#,
            "t6.fees.notice",
            "单元格“t6.fees.notice”不存在",
        ),
        (
            r#"FeeNotices(part: "p6""#,
            r#"FeeNotices(part: "p9""#,
            "p9",
            "部分“p9”不存在",
        ),
        (
            r#"parts: ["p1", "p5", "p6"]"#,
            r#"parts: ["p1", "p2x"]"#,
            "p2x",
            "部分“p2x”不存在",
        ),
    ];
    for (from, to, needle, words) in cases {
        let (text, err) = broken("gk2021.ron", from, to);
        assert_problem(&err, Kind::UnknownKey, words, line_of(&text, needle, 0));
    }
}
