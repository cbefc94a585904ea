//! Issue 5.1 — killed while saving. `nianbao set` is started on a large document
//! and killed with SIGKILL at random moments of its save; afterwards the file
//! must always load and be either the old or the new document, never a
//! mixture, and the `.bak` beside it must be a complete earlier version.
//!
//! The kills are aimed: the test waits until the child's temporary file
//! appears (the save has begun) and then kills it after a random delay within
//! one measured save, so nearly every kill lands between "started writing"
//! and "renamed into place".
//!
//! Issue 25: the report is held open by an editor (this test holds its lock
//! file), so each `set` runs with `--force`; the mark must survive every kill.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nianbao::document::{file, lock, CellRef, CellValue, Document, UnitLevel};

/// Kills that must land while the save is under way.
const KILLS: u64 = 110;
const CELL: &str = "t3.new.natural";

/// A document of about 2 MB of prose, so that a save takes a while.
fn big_document() -> Document {
    let mut doc = Document::new("gk2021", "青石镇人民政府", UnitLevel::Township, 2025);
    let line = "（一）主动公开。本年度通过政府网站主动公开政府信息。\n";
    doc.prose
        .insert("p1".into(), line.repeat(2_000_000 / line.len()));
    doc
}

fn set_value(path: &Path, value: u64) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("nianbao"))
        .args([
            "set",
            "--force",
            path.to_str().unwrap(),
            CELL,
            &value.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A tiny deterministic generator: the test must be reproducible.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

/// The hidden temporary files a save writes next to the report.
fn temps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect()
}

/// Poll until the child has begun writing (a temporary file exists) or has
/// exited; returns whether the save was seen starting.
fn wait_for_save_start(child: &mut Child, dir: &Path) -> bool {
    loop {
        if !temps(dir).is_empty() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::yield_now();
    }
}

/// RAM-backed scratch space when there is some: a SIGKILL does not depend on
/// fsync, and this keeps the test well under a minute on a slow disk.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(d) = tempfile::tempdir_in(shm) {
            return d;
        }
    }
    tempfile::tempdir().unwrap()
}

fn digest(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[test]
fn sigkill_during_save_leaves_old_or_new_document() {
    let dir = scratch();
    let path = dir.path().join("报告.ron");
    let bak = dir.path().join("报告.ron.bak");
    let cell: CellRef = CELL.parse().unwrap();
    let mut current = big_document();
    file::save(&current, &path).unwrap();
    let lock::LockState::Acquired(held) = lock::acquire(&path, false) else {
        panic!("the fresh report could not be marked open")
    };
    // Every file content that was ever complete on disk, for the .bak check.
    let mut saved: HashSet<u64> = HashSet::from([digest(&std::fs::read_to_string(&path).unwrap())]);

    // How long the write phase of one uninterrupted `set` takes. On a busy
    // machine the poll can miss the temporary file of a fast save: then the
    // whole run is the window (the kill loop below only counts kills that
    // landed after the temporary file appeared).
    let spawned = Instant::now();
    let mut child = set_value(&path, 0);
    let seen = wait_for_save_start(&mut child, dir.path());
    let started = if seen { Instant::now() } else { spawned };
    assert!(child.wait().unwrap().success(), "`nianbao set` failed");
    let mut window = started.elapsed().as_micros().max(100) as u64;
    current.set_cell(cell.clone(), Some(CellValue::Int(0)));
    let mut on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(file::parse(&on_disk).unwrap(), current);
    saved.insert(digest(&on_disk));

    let (mut runs, mut mid_save, mut completed, mut temps_left) = (0u64, 0u64, 0u64, 0u64);
    let (mut killed_old, mut killed_new) = (0u64, 0u64);
    let mut seed = 0x5eed;
    while mid_save < KILLS && runs < 8 * KILLS {
        runs += 1;
        let mut new_doc = current.clone();
        new_doc.set_cell(cell.clone(), Some(CellValue::Int(runs as i64)));

        let mut child = set_value(&path, runs);
        let began = wait_for_save_start(&mut child, dir.path());
        // The first half of the window: the second half is mostly process exit.
        std::thread::sleep(Duration::from_micros(next(&mut seed) % (window / 2).max(1)));
        let killed = match child.try_wait().unwrap() {
            Some(_) => {
                completed += 1;
                // Finished before the kill: aim earlier next time (the
                // machine may be faster or less busy than at calibration).
                window = (window * 4 / 5).max(100);
                false
            }
            None => {
                child.kill().unwrap(); // SIGKILL on Unix
                mid_save += u64::from(began);
                if !began {
                    window = window * 5 / 4; // killed before it saved: later
                }
                began
            }
        };
        child.wait().unwrap();

        let now = std::fs::read_to_string(&path).unwrap();
        if killed {
            // Killed before the rename: old file; after it: the new one.
            if now == on_disk {
                killed_old += 1;
            } else {
                killed_new += 1;
            }
        }
        if now != on_disk {
            let loaded = file::parse(&now)
                .unwrap_or_else(|e| panic!("run {runs}: the file does not load: {e}"));
            assert!(
                loaded == new_doc,
                "run {runs}: the file is neither the old nor the new document"
            );
            current = new_doc;
            saved.insert(digest(&now));
            on_disk = now;
        }
        if bak.exists() {
            let b = std::fs::read_to_string(&bak).unwrap();
            assert!(
                saved.contains(&digest(&b)),
                "run {runs}: .bak is not a complete earlier version"
            );
        }
        // A killed save leaves its hidden temporary file; the report is intact.
        for t in temps(dir.path()) {
            temps_left += 1;
            std::fs::remove_file(t).unwrap();
        }
    }
    assert_eq!(file::load(&path).unwrap(), current);
    file::load(&bak).expect(".bak loads");
    eprintln!(
        "kill test: {runs} runs of `nianbao set` on a {} KB file; {mid_save} SIGKILLs landed mid-save \
         (after the temporary file appeared, before the process finished: {killed_old} left the old \
         file, {killed_new} the new one; {temps_left} temporary files left behind), {completed} saves \
         completed; the file was always old-or-new and .bak always a \
         complete earlier version",
        on_disk.len() / 1000
    );
    assert!(mid_save >= 100, "only {mid_save} kills landed while saving");
    assert_eq!(
        lock::holder(&path).as_ref(),
        Some(held.owner()),
        "the editor's mark survives"
    );
}
