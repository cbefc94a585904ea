//! The command line, end to end (`assert_cmd`).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use nianbao::document::file;
use nianbao::template;

fn nianbao() -> Command {
    Command::cargo_bin("nianbao").unwrap()
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A new gk2021 report in a fresh folder.
fn new_report(dir: &Path) -> PathBuf {
    let path = dir.join("2024.ron");
    nianbao()
        .args(["new", "--template", "gk2021", "--year", "2024"])
        .args(["--unit", "某某镇", "--level", "乡镇", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

fn set(path: &Path, address: &str, value: &str) -> std::process::Output {
    nianbao()
        .arg("set")
        .arg(path)
        .args([address, value])
        .output()
        .unwrap()
}

fn get(path: &Path, address: &str) -> String {
    stdout(nianbao().arg("get").arg(path).arg(address))
}

#[test]
fn new_creates_a_loadable_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    let doc = file::load(&path).unwrap();
    assert_eq!(doc.template, "gk2021");
    assert_eq!(doc.meta.year, 2024);
    assert_eq!(doc.meta.unit, "某某镇");
    assert!(doc.cells.is_empty(), "a new report has nothing filled");
    // Never overwrites an existing file by accident.
    let before = fs::read(&path).unwrap();
    let out = nianbao()
        .args(["new", "--unit", "别的镇", "--level", "乡镇", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("已存在"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn new_defaults_and_bad_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.ron");
    nianbao()
        .args(["new", "--unit", "某某街道", "--level", "街道", "-o"])
        .arg(&path)
        .assert()
        .success();
    let doc = file::load(&path).unwrap();
    assert_eq!(doc.template, template::current_for_year(doc.meta.year).id);
    assert!(doc.meta.year >= 2025, "last calendar year");
    for bad in [
        vec!["--level", "村"],
        vec!["--level", "乡镇", "--year", "1800"],
        vec!["--level", "乡镇", "--template", "gk1999"],
    ] {
        let out = nianbao()
            .args(["new", "--unit", "某某镇"])
            .args(&bad)
            .arg("-o")
            .arg(dir.path().join("x.ron"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(stderr_of(&out).starts_with("错误："), "{}", stderr_of(&out));
        assert!(!dir.path().join("x.ron").exists());
    }
}

#[test]
fn cells_get_set_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    let listing = stdout(nianbao().arg("cells").arg(&path));
    let t = template::get("gk2021").unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert!(lines.len() > t.cells().len());
    assert!(
        lines.iter().all(|l| l.split('\t').count() == 5),
        "5 columns"
    );
    assert!(lines.contains(
        &"t3.deny_secret.commercial\tcount\t三、收到和处理政府信息公开申请情况\t三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密\t法人或其他组织 / 商业企业"
    ));
    assert!(lines.contains(&"prose.p1\tprose\t一、总体情况\t\t"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("meta.unit\tmeta\t封面与署名\t")));

    // Every listed address can be read.
    for line in lines.iter().step_by(17) {
        let address = line.split('\t').next().unwrap();
        nianbao()
            .arg("get")
            .arg(&path)
            .arg(address)
            .assert()
            .success();
    }

    assert_eq!(
        get(&path, "t3.new.natural"),
        "",
        "not filled prints nothing"
    );
    assert!(set(&path, "t3.new.natural", "１２件").status.success());
    assert_eq!(get(&path, "t3.new.natural"), "12\n");
    assert!(set(&path, "t2d.fees.amount", "0.5万元").status.success());
    assert_eq!(get(&path, "t2d.fees.amount"), "0.5\n");
    assert!(set(&path, "meta.unit", "某某镇人民政府").status.success());
    assert_eq!(get(&path, "meta.unit"), "某某镇人民政府\n");
    assert!(set(&path, "prose.p1", "　　总体情况。").status.success());
    assert_eq!(get(&path, "prose.p1"), "　　总体情况。\n");

    assert!(set(&path, "t3.new.natural", "").status.success());
    assert_eq!(get(&path, "t3.new.natural"), "", "\"\" clears");
    assert!(file::load(&path).unwrap().cells.len() == 1);
}

#[test]
fn refused_set_leaves_the_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    assert!(set(&path, "t3.new.natural", "3").status.success());
    let before = fs::read(&path).unwrap();
    let bak_before = fs::read(dir.path().join("2024.ron.bak")).unwrap();
    for (address, value, expect) in [
        ("t3.new.natural", "-1", "此处应填写非负整数（件）"),
        ("t3.new.natural", "1.5", "此处应填写非负整数（件）"),
        ("t3.new.natural", "1e3", "此处应填写非负整数（件）"),
        ("t2d.fees.amount", "251000元", "万元"),
        ("meta.year", "明年", "报告年度"),
        ("t3.nothing.natural", "1", "没有这个字段"),
        ("no-such-address", "1", "单元格地址"),
    ] {
        let out = set(&path, address, value);
        assert_eq!(out.status.code(), Some(1), "{address} {value}");
        let err = stderr_of(&out);
        assert!(err.contains(expect), "{address} {value}: {err}");
        assert_eq!(fs::read(&path).unwrap(), before, "{address} {value}");
    }
    assert_eq!(
        fs::read(dir.path().join("2024.ron.bak")).unwrap(),
        bak_before
    );
}

#[test]
fn unreadable_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.ron");
    fs::write(&junk, "这不是年报").unwrap();
    for sub in [
        vec!["cells"],
        vec!["get"],
        vec!["validate"],
        vec!["export", "--to", "md"],
    ] {
        let mut cmd = nianbao();
        cmd.args(&sub).arg(&junk);
        if sub == ["get"] {
            cmd.arg("t3.new.natural");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{sub:?}");
        assert!(
            stderr_of(&out).contains("不是年报文件"),
            "{}",
            stderr_of(&out)
        );
    }
    let out = set(&dir.path().join("missing.ron"), "t3.new.natural", "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("找不到文件"));
}

#[test]
fn validate_exit_codes_and_json_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    let prev_dir = tempfile::tempdir().unwrap();
    let prev = new_report(prev_dir.path());
    for args in [vec![], vec!["--format", "text"], vec!["--format", "json"]] {
        let out = nianbao()
            .arg("validate")
            .arg(&path)
            .args(&args)
            .output()
            .unwrap();
        let code = out.status.code().unwrap();
        assert!(code == 0 || code == 1, "{args:?}: {code}");
        if args.contains(&"json") {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let errors = v["errors"].as_array().unwrap();
            assert!(v["warnings"].is_array());
            assert_eq!(code == 1, !errors.is_empty());
            for f in errors.iter().chain(v["warnings"].as_array().unwrap()) {
                assert!(f["rule"].is_string() && f["message"].is_string());
                assert!(f["cells"].is_array());
                assert!(["error", "warning"].contains(&f["severity"].as_str().unwrap()));
            }
        } else {
            assert!(String::from_utf8(out.stdout).unwrap().contains("校验"));
        }
    }
    let out = nianbao()
        .arg("validate")
        .arg(&path)
        .arg("--prev")
        .arg(&prev)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
    let out = nianbao()
        .arg("validate")
        .arg(&path)
        .args(["--prev", "/no/such/file.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_to_stdout_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    assert!(set(&path, "t3.new.natural", "7").status.success());
    for to in ["txt", "md", "html"] {
        let printed = stdout(nianbao().arg("export").arg(&path).args(["--to", to]));
        let out = dir.path().join(format!("out.{to}"));
        nianbao()
            .arg("export")
            .arg(&path)
            .args(["--to", to, "-o"])
            .arg(&out)
            .assert()
            .success()
            .stdout("");
        assert_eq!(fs::read_to_string(&out).unwrap(), printed, "{to}");
    }
    let out = nianbao()
        .arg("export")
        .arg(&path)
        .args(["--to", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("参数值无效"));
}

#[test]
fn docx_export_goes_beside_the_report_or_to_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    let said = stdout(nianbao().arg("export").arg(&path).args(["--to", "docx"]));
    let beside = dir.path().join("某某镇2024年政府信息公开工作年度报告.docx");
    assert!(said.contains("已导出"), "{said}");
    let bytes = fs::read(&beside).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip package");
    let out = dir.path().join("给县里.docx");
    nianbao()
        .arg("export")
        .arg(&path)
        .args(["--to", "docx", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read(&out).unwrap(), bytes, "deterministic");
}

#[test]
fn new_from_last_year_carries_forward() {
    let dir = tempfile::tempdir().unwrap();
    let last = new_report(dir.path());
    assert!(set(&last, "t3.carry_over.natural", "4").status.success());
    assert!(set(&last, "t3.new.natural", "9").status.success());
    assert!(set(&last, "prose.p1", "去年的正文").status.success());
    let this = dir.path().join("2025.ron");
    nianbao()
        .args(["new", "--from"])
        .arg(&last)
        .arg("-o")
        .arg(&this)
        .assert()
        .success();
    let doc = file::load(&this).unwrap();
    assert_eq!(doc.meta.year, 2025);
    assert_eq!(doc.meta.unit, "某某镇");
    assert_eq!(get(&this, "prose.p1"), "去年的正文\n");
    // Carried cells come from the template's `prev:` rules; compare with them.
    let t = template::get(&doc.template).unwrap();
    let pairs = nianbao::document::carry::carried_cells(t);
    assert!(!pairs.is_empty());
    let last_doc = file::load(&last).unwrap();
    for (to, from) in pairs {
        assert_eq!(doc.cell(&to), last_doc.cell(&from), "{to}");
    }
    assert_eq!(doc.cells.len(), 1, "only the one filled carried cell");
    assert_eq!(doc.previous.unwrap().cells, last_doc.cells);
}

#[test]
fn help_and_usage_errors_are_chinese() {
    let help = stdout(nianbao().arg("--help"));
    assert!(help.contains("用法：") && help.contains("命令"), "{help}");
    for sub in ["new", "cells", "get", "set", "validate", "export", "import"] {
        let help = stdout(nianbao().args([sub, "--help"]));
        assert!(help.contains("用法：nianbao"), "{sub}: {help}");
        assert!(
            !help.contains("Usage") && !help.contains("Options"),
            "{sub}: {help}"
        );
    }
    let out = nianbao().args(["get", "only-one-arg"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("缺少必需的参数"));
    let out = nianbao().args(["import", "x.html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(not(feature = "gui"))]
#[test]
fn without_gui_the_editor_is_refused() {
    for args in [vec![], vec!["report.ron"]] {
        let out = nianbao().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr_of(&out).contains("编辑窗口"));
    }
}

fn sample_copy(dir: &Path, name: &str) -> PathBuf {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-gk2021.ron");
    let path = dir.join(name);
    fs::copy(sample, &path).unwrap();
    path
}

fn validate_json(args: &[&std::ffi::OsStr]) -> (i32, serde_json::Value) {
    let out = nianbao()
        .arg("validate")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v)
}

fn rules(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn validate_finds_a_broken_identity_and_last_years_carry() {
    let dir = tempfile::tempdir().unwrap();
    let this = sample_copy(dir.path(), "2025.ron");
    let (code, v) = validate_json(&[this.as_os_str()]);
    assert_eq!((code, rules(&v, "errors").len()), (0, 0), "{v}");

    // Last year's 结转下年度继续办理 differs from this year's 上年结转.
    let last = sample_copy(dir.path(), "2024.ron");
    assert!(set(&last, "meta.year", "2024").status.success());
    let carried = get(&this, "t3.carried.natural");
    let other = (carried.trim().parse::<i64>().unwrap() + 3).to_string();
    assert!(set(&last, "t3.carry_over.natural", &other).status.success());
    let (code, v) = validate_json(&[this.as_os_str(), "--prev".as_ref(), last.as_os_str()]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(rules(&v, "errors"), ["t3.carried_from_last_year"], "{v}");
    let cells = &v["errors"][0]["cells"];
    assert!(cells
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "t3.carried.natural"));

    // A number that breaks 表三's balance.
    assert!(set(&this, "t3.new.natural", "999").status.success());
    let (code, v) = validate_json(&[this.as_os_str()]);
    assert_eq!(code, 1);
    assert!(
        rules(&v, "errors").contains(&"t3.balance".to_string()),
        "{v}"
    );
    let text = stdout_code(nianbao().arg("validate").arg(&this), 1);
    assert!(
        text.contains("t3.balance") && text.contains("自然人"),
        "{text}"
    );
}

/// Standard output of a command expected to exit with `code`.
fn stdout_code(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn export_has_the_reports_title_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "s.ron");
    let doc = file::load(&path).unwrap();
    let title = doc.meta.display_title();
    let md = stdout(nianbao().arg("export").arg(&path).args(["--to", "md"]));
    assert!(md.starts_with(&format!("# {title}")), "{md}");
    let txt = stdout(nianbao().arg("export").arg(&path).args(["--to", "txt"]));
    assert!(txt.contains(&title));
    assert!(set(&path, "t2b.license.decisions", "4321").status.success());
    let md = stdout(nianbao().arg("export").arg(&path).args(["--to", "md"]));
    assert!(md.contains("| 4321 |"), "{md}");
}

#[test]
fn no_statistics_switch_only_on_legacy_templates() {
    let dir = tempfile::tempdir().unwrap();
    let modern = new_report(dir.path());
    let out = set(&modern, "meta.no_statistics", "是");
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("统计表不可省略"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stdout(nianbao().arg("cells").arg(&modern)).contains("meta.no_statistics"));

    let legacy = dir.path().join("2015.ron");
    nianbao()
        .args(["new", "--template", "legacy-national", "--year", "2015"])
        .args(["--unit", "某某镇", "--level", "乡镇", "-o"])
        .arg(&legacy)
        .assert()
        .success();
    let listing = stdout(nianbao().arg("cells").arg(&legacy));
    assert!(listing.contains("meta.no_statistics\tmeta\t封面与署名\t本报告无统计表\t"));
    assert_eq!(get(&legacy, "meta.no_statistics"), "否\n");
    assert!(set(&legacy, "meta.no_statistics", "是").status.success());
    assert_eq!(get(&legacy, "meta.no_statistics"), "是\n");
    assert!(file::load(&legacy).unwrap().no_statistics);
    let listing = stdout(nianbao().arg("cells").arg(&legacy));
    assert!(listing
        .lines()
        .all(|l| l.starts_with("meta.") || l.starts_with("prose.")));
}

#[test]
fn writers_refuse_a_report_an_editor_has_open_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_report(dir.path());
    // A live editor on another computer (pid 1 there; a day has not passed).
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let lock = nianbao::document::lock::lock_path(&path);
    std::fs::write(&lock, format!("县局-PC,张三,{since},1\n")).unwrap();
    let before = std::fs::read(&path).unwrap();

    let out = set(&path, "meta.unit", "某某镇人民政府");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("此报告已在 县局-PC 电脑（张三，"), "{err}");
    assert!(err.contains("--force"), "{err}");
    let review = nianbao()
        .arg("review")
        .arg(&path)
        .arg("x")
        .output()
        .unwrap();
    assert_eq!(review.status.code(), Some(2));
    let new = nianbao()
        .args(["new", "--force", "--template", "gk2021", "--year", "2024"])
        .args(["--unit", "某某镇", "--level", "乡镇", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(new.status.code(), Some(2));
    assert!(stderr_of(&new).contains("张三"), "{}", stderr_of(&new));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");

    let forced = nianbao()
        .args(["set", "--force"])
        .arg(&path)
        .args(["meta.unit", "某某镇人民政府"])
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", stderr_of(&forced));
    assert_eq!(get(&path, "meta.unit").trim(), "某某镇人民政府");
    assert!(lock.exists(), "the CLI never removes someone else's lock");
}
