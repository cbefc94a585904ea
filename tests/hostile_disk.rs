//! Issue 5.2 — a hostile disk. Saving into a read-only directory, onto a full
//! disk, or into a directory that vanished fails with a clear Chinese message,
//! leaves the previous file untouched, and leaves nothing half-written behind.
//! Full and read-only file systems are real tmpfs mounts (CI runs as root);
//! without the right to mount, those two cases fall back to what an ordinary
//! user can arrange and say so.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::document::{file, Document, UnitLevel};

fn small() -> Document {
    Document::new("gk2021", "青石镇人民政府", UnitLevel::Township, 2025)
}

fn big() -> Document {
    let mut doc = small();
    doc.prose.insert("p1".into(), "正文".repeat(200_000));
    doc
}

/// A tmpfs of `size` mounted on a fresh directory, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(Tmpfs { dir })
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

fn assert_clear_message(err: &file::FileError) {
    let text = err.to_string();
    assert!(
        text.chars().next().is_some_and(|c| !c.is_ascii()),
        "message should start in Chinese: {text}"
    );
    assert!(
        text.contains('('),
        "message should carry the technical cause: {text}"
    );
}

#[test]
fn full_disk_keeps_the_old_file_and_leaves_no_temp() {
    let Some(fs) = Tmpfs::mount("256k") else {
        eprintln!("跳过：无权挂载 tmpfs (cannot mount tmpfs; not root)");
        return;
    };
    let path = fs.path().join("报告.ron");
    file::save(&small(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let listing = entries(fs.path());

    let err = file::save(&big(), &path).expect_err("a 1 MB document cannot fit in 256 KiB");
    assert_clear_message(&err);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file changed"
    );
    let after: Vec<PathBuf> = entries(fs.path())
        .into_iter()
        .filter(|p| !p.ends_with("报告.ron.bak"))
        .collect();
    let listing: Vec<PathBuf> = listing
        .into_iter()
        .filter(|p| !p.ends_with("报告.ron.bak"))
        .collect();
    assert_eq!(after, listing, "a temporary file was left behind");
    assert_eq!(file::load(&path).unwrap(), small());
}

#[test]
fn read_only_directory_refuses_and_changes_nothing() {
    let Some(fs) = Tmpfs::mount("1m") else {
        eprintln!("跳过：无权挂载 tmpfs (cannot mount tmpfs; not root)");
        return;
    };
    let path = fs.path().join("报告.ron");
    file::save(&small(), &path).unwrap();
    assert!(fs.remount_read_only(), "remount read-only");
    let before = std::fs::read(&path).unwrap();
    let listing = entries(fs.path());

    let mut changed = small();
    changed.meta.opening = "新的开头".into();
    let err = file::save(&changed, &path).expect_err("read-only file system");
    assert_clear_message(&err);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(entries(fs.path()), listing);
}

#[test]
fn vanished_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("已删除的文件夹");
    std::fs::create_dir(&gone).unwrap();
    let path = gone.join("报告.ron");
    file::save(&small(), &path).unwrap();
    std::fs::remove_dir_all(&gone).unwrap();

    let err = file::save(&small(), &path).expect_err("the folder is gone");
    assert_clear_message(&err);
    assert!(
        !gone.exists(),
        "save must not silently recreate a vanished folder"
    );
}

#[test]
fn file_that_vanished_is_saved_anew() {
    // The file was deleted behind the editor's back but its folder exists:
    // saving writes it again (nothing to back up) rather than failing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.ron");
    file::save(&small(), &path).unwrap();
    std::fs::remove_file(&path).unwrap();
    file::save(&small(), &path).unwrap();
    assert_eq!(file::load(&path).unwrap(), small());
}

/// The editor on a full disk: a clear error, 另存为 offered, and the
/// document stays in memory with its unsaved mark.
#[cfg(feature = "gui")]
#[test]
fn editor_on_a_full_disk_keeps_the_document_and_offers_save_as() {
    use nianbao::app::state::{Command, EditorState, Pending};
    let Some(fs) = Tmpfs::mount("256k") else {
        eprintln!("跳过：无权挂载 tmpfs (cannot mount tmpfs; not root)");
        return;
    };
    let template = nianbao::template::get("gk2021").expect("gk2021");
    let mut state = EditorState::new(small(), template);
    let prose = nianbao::document::Address::Prose("p1".into());
    state.apply(Command::SetField {
        address: prose,
        raw: "正文".repeat(200_000),
    });
    let in_memory = state.doc.clone();
    assert!(state.dirty);

    state.apply(Command::SaveAs(fs.path().join("报告.ron")));
    match state.pending() {
        Some(Pending::Error {
            message,
            offer_save_as,
            ..
        }) => {
            assert!(*offer_save_as, "另存为 must be offered");
            assert!(message.contains("磁盘空间不足"), "{message}");
        }
        other => panic!("no error shown: {other:?}"),
    }
    assert_eq!(state.doc, in_memory, "the document in memory changed");
    assert!(state.dirty, "the unsaved mark was lost");
    assert!(
        entries(fs.path()).is_empty(),
        "something was left on the full disk"
    );
}

/// A save killed earlier left its temporary files; the next save removes the
/// old ones and leaves a fresh one (it may be another save still running).
#[test]
fn leftovers_of_a_killed_save_are_removed_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.ron");
    file::save(&small(), &path).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let stale = [".报告.ron.4242.0.tmp", ".报告.ron.bak.4242.1.tmp"];
    for name in stale {
        let f = std::fs::File::create(dir.path().join(name)).unwrap();
        f.set_modified(hour_ago).unwrap();
    }
    let fresh = dir.path().join(".报告.ron.4343.0.tmp");
    std::fs::write(&fresh, "另一个正在进行的保存").unwrap();
    let unrelated = dir.path().join(".其他.ron.4242.0.tmp");
    std::fs::File::create(&unrelated)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();

    file::save(&small(), &path).unwrap();
    for name in stale {
        assert!(!dir.path().join(name).exists(), "{name} was left");
    }
    assert!(
        fresh.exists() && unrelated.exists(),
        "only this file's old leftovers go"
    );
}
