//! `nianbao import`: the document written, the JSON report, exit codes.

use super::{import_seed, seed_path};

fn nianbao() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("nianbao").expect("binary")
}

#[test]
fn cli_import_writes_document_and_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("崇岗镇2017.ron");
    let run = nianbao()
        .arg("import")
        .arg(seed_path("004"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("已放置 26 个单元格"), "{stdout}");
    let saved = nianbao::document::file::load(&out).expect("saved document loads");
    assert_eq!(saved.cells, import_seed("004").document.cells);
}

#[test]
fn cli_import_json_is_the_same_data() {
    let run = nianbao()
        .args(["import", "--format", "json"])
        .arg(seed_path("002"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let imp = import_seed("002");
    assert_eq!(v["template"], "gk2019");
    assert_eq!(
        v["matched"].as_array().map(Vec::len),
        Some(imp.matched.len())
    );
    assert_eq!(
        v["unplaced"].as_array().map(Vec::len),
        Some(imp.unplaced.len())
    );
    assert!(v["unplaced"][0]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("列")));
}

#[test]
fn cli_import_unreadable_input_exits_2() {
    let run = nianbao()
        .args(["import", "/nonexistent/报告.html"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("无法读取"));
    let run = nianbao()
        .args(["import", "--template", "gk1999"])
        .arg(seed_path("004"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn cli_import_forced_template() {
    let run = nianbao()
        .args(["import", "--template", "legacy-provincial"])
        .arg(seed_path("001"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&run.stdout).contains("模板：legacy-provincial"));
}
