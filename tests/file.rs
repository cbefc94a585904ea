//! The report file: load errors, migration, atomic save with `.bak`.

use std::fs;
use std::path::{Path, PathBuf};

use nianbao::document::file::{self, FileError, FileErrorKind as Kind, MAX_FILE_BYTES};
use nianbao::document::{CellValue, Document, UnitLevel, FORMAT_VERSION};
use nianbao::template::{self, CellKind};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A gk2021 report with every cell, every prose part and the metadata filled.
fn full_document() -> Document {
    let t = template::get("gk2021").expect("gk2021");
    let mut doc = Document::new("gk2021", "某某镇人民政府", UnitLevel::Township, 2024);
    doc.meta.opening = "　　根据《中华人民共和国政府信息公开条例》……".into();
    doc.meta.signature_date = "2025年1月20日".into();
    for (i, info) in t.cells().into_iter().enumerate() {
        let value = match info.kind {
            CellKind::Amount => CellValue::Amount(Decimal::new(i as i64 * 25, 4)),
            CellKind::Text => CellValue::Text(format!("文字{i}")),
            _ => CellValue::Int(i as i64),
        };
        doc.set_cell(info.cell, Some(value));
    }
    for part in t.parts.iter().filter(|p| p.prose) {
        doc.prose.insert(
            part.key.clone(),
            format!("　　{}的正文。\n第二段。", part.heading),
        );
    }
    doc
}

/// Names of the entries of a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load_err(dir: &Path, name: &str, content: &[u8]) -> FileError {
    let path = dir.join(name);
    fs::write(&path, content).unwrap();
    let before = listing(dir);
    let err = file::load(&path).expect_err(name);
    assert_eq!(listing(dir), before, "load must not touch the disk");
    assert_eq!(fs::read(&path).unwrap(), content);
    err
}

#[test]
fn save_then_load_gives_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.ron");
    let doc = full_document();
    file::save(&doc, &path).unwrap();
    assert_eq!(file::load(&path).unwrap(), doc);
    assert_eq!(listing(dir.path()), ["报告.ron"], "no .bak on first save");
}

#[test]
fn to_ron_is_deterministic_and_readable() {
    let doc = full_document();
    let a = file::to_ron(&doc);
    assert_eq!(a, file::to_ron(&doc.clone()));
    assert!(a.contains("某某镇人民政府"), "Chinese stays readable");
    assert!(a.contains(&format!("format_version: {FORMAT_VERSION}")));
    assert!(!a.contains('\r'));
}

#[test]
fn second_save_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    let mut doc = full_document();
    file::save(&doc, &path).unwrap();
    let first = fs::read(&path).unwrap();
    doc.meta.unit = "另一个镇".into();
    file::save(&doc, &path).unwrap();
    assert_eq!(fs::read(dir.path().join("a.ron.bak")).unwrap(), first);
    assert_eq!(file::load(&path).unwrap().meta.unit, "另一个镇");
    assert_eq!(listing(dir.path()), ["a.ron", "a.ron.bak"], "no temp left");
}

#[test]
fn failed_rename_leaves_target_untouched_and_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a non-empty folder: nothing may be written over it.
    let target = dir.path().join("x.ron");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside"), "keep").unwrap();
    let err = file::save(&full_document(), &target).unwrap_err();
    assert!(err.message.contains("文件夹"), "{err}");
    assert_eq!(listing(dir.path()), ["x.ron"]);
    assert_eq!(fs::read_to_string(target.join("inside")).unwrap(), "keep");
}

#[test]
fn failed_backup_aborts_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    let mut doc = full_document();
    file::save(&doc, &path).unwrap();
    let before = fs::read(&path).unwrap();
    // NAME.bak is a non-empty folder: the backup cannot be renamed into place.
    let bak = dir.path().join("r.ron.bak");
    fs::create_dir(&bak).unwrap();
    fs::write(bak.join("f"), "x").unwrap();
    doc.meta.unit = "改过".into();
    let err = file::save(&doc, &path).unwrap_err();
    assert!(err.message.contains("备份"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "NAME untouched");
    assert_eq!(listing(dir.path()), ["r.ron", "r.ron.bak"], "temps removed");
}

#[test]
fn save_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    let err = file::save(&full_document(), &gone.join("r.ron")).unwrap_err();
    assert!(err.message.contains("不存在"), "{err}");
    assert!(!gone.exists());
    // A regular file where the folder should be.
    let not_dir = dir.path().join("file");
    fs::write(&not_dir, "x").unwrap();
    assert!(file::save(&full_document(), &not_dir.join("r.ron")).is_err());
    assert_eq!(listing(dir.path()), ["file"]);
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    file::save(&full_document(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; there is nothing to test then.
    let probe = dir.path().join("probe");
    let writable = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(&probe);
    let mut doc = full_document();
    doc.meta.unit = "改过".into();
    let result = file::save(&doc, &path);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if !writable {
        let err = result.unwrap_err();
        assert!(err.message.contains("权限"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(listing(dir.path()), ["r.ron"]);
    }
}

#[test]
fn every_kind_of_bad_file_has_its_own_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = file::to_ron(&full_document());
    let newer = good.replace(
        &format!("format_version: {FORMAT_VERSION}"),
        &format!("format_version: {}", FORMAT_VERSION + 1),
    );
    let cases: Vec<(&str, Vec<u8>, &str, Kind)> = vec![
        ("empty.ron", b"".to_vec(), "文件是空的", Kind::Empty),
        ("blank.ron", b"  \n\t".to_vec(), "文件是空的", Kind::Empty),
        (
            "binary.ron",
            b"PK\x03\x04\x00\x00".to_vec(),
            "二进制",
            Kind::Binary,
        ),
        (
            "gbk.ron",
            b"(unit: \"\xc4\xb3\xd5\xf2\")".to_vec(),
            "UTF-8",
            Kind::NotUtf8,
        ),
        (
            "cut.ron",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "不完整",
            Kind::Truncated,
        ),
        (
            "junk.ron",
            b"# \xe5\xb9\xb4\xe6\x8a\xa5\n| a | b |".to_vec(),
            "已损坏",
            Kind::Damaged,
        ),
        (
            "types.ron",
            b"(format_version: \"1\")".to_vec(),
            "不符",
            Kind::WrongShape,
        ),
        (
            "text.ron",
            "这不是年报".as_bytes().to_vec(),
            "这不是年报文件",
            Kind::NotAReport,
        ),
        (
            "number.ron",
            b"42".to_vec(),
            "这不是年报文件",
            Kind::NotAReport,
        ),
        (
            "types2.ron",
            good.replace("year: 2024", "year: \"2024\"").into(),
            "不符",
            Kind::WrongShape,
        ),
        ("newer.ron", newer.into(), "较新版本", Kind::NewerVersion),
        (
            "tpl.ron",
            good.replace("\"gk2021\"", "\"gk2099\"").into(),
            "未知的模板",
            Kind::UnknownTemplate,
        ),
    ];
    let mut messages = Vec::new();
    for (name, content, expect, kind) in cases {
        let err = load_err(d, name, &content);
        assert!(err.message.contains(expect), "{name}: {err}");
        assert_eq!(err.kind, kind, "{name}: {err}");
        assert!(!err.cause.is_empty(), "{name}: {err}");
        assert_eq!(err.to_string(), format!("{} ({})", err.message, err.cause));
        messages.push(err.message);
    }
    assert!(messages.iter().all(|m| !m.is_empty()));
}

#[test]
fn damaged_file_points_to_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    let good = file::to_ron(&full_document());
    fs::write(dir.path().join("r.ron.bak"), &good).unwrap();
    let err = load_err(dir.path(), "r.ron", &good.as_bytes()[..100]);
    assert!(err.kind.is_damaged(), "{err}");
    assert!(err.message.contains("r.ron.bak"), "{err}");
    assert!(path.exists());
    // Decided by the kind: a file that is fine but newer gets no such hint.
    let newer = good.replace(
        &format!("format_version: {FORMAT_VERSION}"),
        &format!("format_version: {}", FORMAT_VERSION + 1),
    );
    let err = load_err(dir.path(), "r.ron", newer.as_bytes());
    assert_eq!(err.kind, Kind::NewerVersion);
    assert!(!err.message.contains("r.ron.bak"), "{err}");
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let f = fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: cheap to create
    let err = file::load(&path).unwrap_err();
    assert!(err.message.contains("文件过大"), "{err}");
    assert_eq!(fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1);
}

#[test]
fn missing_file_and_folder() {
    let dir = tempfile::tempdir().unwrap();
    let err = file::load(&dir.path().join("nope.ron")).unwrap_err();
    assert!(err.message.contains("找不到文件"), "{err}");
    let err = file::load(dir.path()).unwrap_err();
    assert!(err.message.contains("文件夹"), "{err}");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    for text in [
        "[".repeat(100_000),
        "(a:".repeat(100_000),
        "Some(".repeat(50_000),
    ] {
        let err = file::parse(&text).unwrap_err();
        assert!(err.message.starts_with("文件"), "{err}");
    }
}

#[test]
fn a_bom_from_notepad_is_accepted() {
    let doc = full_document();
    let text = format!("\u{feff}{}", file::to_ron(&doc));
    assert_eq!(file::parse(&text).unwrap(), doc);
}

/// A pre-release (version 0) file: no `format_version`, `title` a plain string.
const V0_FILE: &str = r#"(
    template: "gk2021",
    meta: (
        unit: "某某镇",
        level: Subdistrict,
        year: 2022,
        title: "",
        opening: "开头",
    ),
    prose: { "p1": "正文" },
    cells: { "t3.new.natural": Int(3), "t2d.fees.amount": Amount("0.5") },
)"#;

#[test]
fn version_0_migrates_forward() {
    let doc = file::parse(V0_FILE).unwrap();
    assert_eq!(doc.format_version, FORMAT_VERSION);
    assert_eq!(doc.meta.title, None, "\"\" meant the default title");
    assert_eq!(
        doc.meta.display_title(),
        "某某镇2022年政府信息公开工作年度报告"
    );
    assert_eq!(doc.meta.level, UnitLevel::Subdistrict);
    assert_eq!(doc.prose("p1"), "正文");
    assert_eq!(
        doc.cell(&"t3.new.natural".parse().unwrap()),
        Some(&CellValue::Int(3))
    );
    let titled = V0_FILE.replace("title: \"\"", "title: \"自定标题\"");
    let doc = file::parse(&titled).unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("自定标题"));
    // Once saved, the file is current and reads back identically.
    assert_eq!(file::parse(&file::to_ron(&doc)).unwrap(), doc);
}

#[test]
fn write_atomic_replaces_without_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("out.md");
    file::write_atomic(&path, b"one").unwrap();
    file::write_atomic(&path, b"two").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    assert_eq!(listing(dir.path()), ["out.md"]);
}

fn cell_value() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        any::<i64>().prop_map(CellValue::Int),
        (any::<i64>(), 0u32..=4).prop_map(|(m, s)| CellValue::Amount(Decimal::new(m, s))),
        any::<String>().prop_map(CellValue::Text),
        any::<String>().prop_map(CellValue::Unparsed),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    let t = template::get("gk2021").unwrap();
    let cells: Vec<_> = t.cells().into_iter().map(|c| c.cell).collect();
    let level = prop::sample::select(UnitLevel::ALL.to_vec());
    (
        (
            any::<String>(),
            level,
            1990u16..=2100,
            any::<Option<String>>(),
        ),
        (any::<String>(), any::<String>(), any::<String>()),
        prop::collection::btree_map("p[1-6]", any::<String>(), 0..6),
        prop::collection::vec((prop::sample::select(cells), cell_value()), 0..40),
    )
        .prop_map(
            |((unit, level, year, title), (opening, sig, phone), prose, cells)| {
                let mut doc = Document::new("gk2021", &unit, level, year);
                doc.meta.title = title;
                doc.meta.opening = opening;
                doc.meta.signature_date = sig;
                doc.meta.phone = phone;
                doc.prose = prose;
                doc.cells = cells.into_iter().collect();
                doc
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_load_round_trip(doc in document()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        file::save(&doc, &path).unwrap();
        prop_assert_eq!(file::load(&path).unwrap(), doc);
    }

    #[test]
    fn parse_never_panics(text in any::<String>()) {
        let _ = file::parse(&text);
    }

    #[test]
    fn parse_never_panics_on_ron_like_text(text in "[()\\[\\]{}:,\"a-z0-9 _-]{0,200}") {
        let _ = file::parse(&text);
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    out.sort();
    out
}

#[test]
fn fixtures_load_save_and_reenter() {
    use nianbao::document::edit;
    let paths = fixtures();
    assert!(!paths.is_empty(), "tests/fixtures has the seed documents");
    for path in paths {
        let doc = file::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(file::parse(&file::to_ron(&doc)).unwrap(), doc);
        let t = template::get(&doc.template).unwrap();
        // What `get` shows, `set` accepts and gives back the same value.
        let mut again = doc.clone();
        for field in edit::fields(&doc, t) {
            if let nianbao::document::Address::Cell(c) = &field.address {
                if matches!(doc.cell(c), Some(CellValue::Unparsed(_))) {
                    continue;
                }
            }
            if let Some(shown) = edit::get(&doc, t, &field.address).unwrap() {
                edit::set(&mut again, t, &field.address, &shown).unwrap_or_else(|e| {
                    panic!("{}: {} {shown:?}: {e}", path.display(), field.address)
                });
            }
        }
        let mut expected = doc.clone();
        // Re-entering the shown title makes the default title explicit.
        expected.meta.title = Some(doc.meta.display_title());
        assert_eq!(again, expected, "{}", path.display());
    }
}
