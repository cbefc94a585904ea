//! Who has a report open, and has the file changed since we read it.
//!
//! An open report is marked the way office suites do it (WPS `~$…`,
//! LibreOffice `.~lock.…#`): a small text file beside the report naming the
//! computer, the user, the time and the process. It is created with
//! `create_new` (O_EXCL), which network shares and USB sticks honour, rather
//! than relying on advisory `flock`. A lock whose process is gone on this
//! computer, or that is older than a day on another computer, is stale and may
//! be taken over. [`Fingerprint`] is what the editor remembers of the file it
//! loaded or last saved, so a change made elsewhere is noticed before a save.

use std::collections::hash_map::DefaultHasher;
use std::fs::{self, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A lock older than this on another computer is taken to be left by a crash.
pub const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The lock file beside `report`: `.~lock.<name>#`, hidden on Unix and
/// recognisable to anyone who has met LibreOffice's.
pub fn lock_path(report: &Path) -> PathBuf {
    let name = report
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    report.with_file_name(format!(".~lock.{name}#"))
}

/// Who holds a report: one line `computer,user,unix_seconds,pid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockOwner {
    pub computer: String,
    pub user: String,
    /// Seconds since 1970 when the report was opened.
    pub since: u64,
    pub pid: u32,
}

impl LockOwner {
    /// This process, now.
    pub fn current() -> LockOwner {
        LockOwner {
            computer: computer_name(),
            user: user_name(),
            since: unix_secs(SystemTime::now()),
            pid: std::process::id(),
        }
    }

    fn to_line(&self) -> String {
        // Commas in a name would break the line; they never occur in real
        // host or user names, so they are simply replaced.
        let clean = |s: &str| s.replace([',', '\n', '\r'], " ");
        format!(
            "{},{},{},{}\n",
            clean(&self.computer),
            clean(&self.user),
            self.since,
            self.pid
        )
    }

    fn parse(text: &str) -> Option<LockOwner> {
        let mut parts = text.trim().split(',');
        let computer = parts.next()?.to_string();
        let user = parts.next()?.to_string();
        let since = parts.next()?.trim().parse().ok()?;
        let pid = parts.next()?.trim().parse().ok()?;
        Some(LockOwner {
            computer,
            user,
            since,
            pid,
        })
    }

    /// `此报告已在 XX 电脑（张三，09:12 起）打开`, what a second editor or the
    /// command line tells the clerk.
    pub fn describe(&self) -> String {
        let at = crate::calendar::hhmm(SystemTime::UNIX_EPOCH + Duration::from_secs(self.since));
        format!(
            "此报告已在 {} 电脑（{}，{} 起）打开",
            self.computer, self.user, at
        )
    }

    /// Left by an editor that is gone: its process no longer runs on this
    /// computer, or (elsewhere, where we cannot look) it is over a day old.
    pub fn is_stale(&self, now: SystemTime) -> bool {
        if self.computer == computer_name() {
            if self.pid == std::process::id() {
                return false;
            }
            return !process_alive(self.pid);
        }
        unix_secs(now).saturating_sub(self.since) > STALE_AFTER.as_secs()
    }
}

/// What [`acquire`] found.
#[derive(Debug)]
pub enum LockState {
    /// We hold the lock now; drop or [`ReportLock::release`] removes it.
    Acquired(ReportLock),
    /// Someone else holds it and is (as far as we can tell) still there.
    Held(LockOwner),
    /// A lock left by a crashed editor was found and taken over; the clerk
    /// should be told whose it was.
    TookOverStale(ReportLock, LockOwner),
    /// The folder cannot be written: open read-only and say so.
    ReadOnlyFolder(io::Error),
}

/// Our mark on an open report; removed when dropped.
#[derive(Debug)]
pub struct ReportLock {
    path: PathBuf,
    owner: LockOwner,
}

impl ReportLock {
    pub fn owner(&self) -> &LockOwner {
        &self.owner
    }

    /// Remove the lock file, if it is still ours.
    pub fn release(self) {
        drop(self);
    }
}

impl Drop for ReportLock {
    fn drop(&mut self) {
        if read_owner(&self.path).as_ref() == Some(&self.owner) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The holder of `report`'s lock, if a readable lock file exists.
pub fn holder(report: &Path) -> Option<LockOwner> {
    read_owner(&lock_path(report))
}

/// The holder of `report`'s lock if it is live (not stale) and not us: what
/// the command line refuses to write over without `--force`.
pub fn live_holder(report: &Path) -> Option<LockOwner> {
    holder(report).filter(|o| !o.is_stale(SystemTime::now()) && o.pid != std::process::id())
}

fn read_owner(path: &Path) -> Option<LockOwner> {
    fs::read_to_string(path)
        .ok()
        .and_then(|t| LockOwner::parse(&t))
}

/// Mark `report` as open by this process. `force` takes a live lock over
/// (the clerk chose 仍然打开).
pub fn acquire(report: &Path, force: bool) -> LockState {
    let path = lock_path(report);
    let owner = LockOwner::current();
    match create_exclusive(&path, &owner) {
        Ok(()) => return LockState::Acquired(ReportLock { path, owner }),
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
            return LockState::ReadOnlyFolder(e);
        }
        Err(_) => {}
    }
    // An unreadable or garbled lock file counts as stale: nobody can be named.
    let previous = read_owner(&path);
    let stale = previous
        .as_ref()
        .is_none_or(|p| p.is_stale(SystemTime::now()));
    if let Some(p) = &previous {
        if !stale && !force {
            return LockState::Held(p.clone());
        }
    }
    if let Err(e) = fs::remove_file(&path) {
        if e.kind() != io::ErrorKind::NotFound {
            return LockState::ReadOnlyFolder(e);
        }
    }
    match create_exclusive(&path, &owner) {
        Ok(()) => {
            let lock = ReportLock { path, owner };
            match previous {
                Some(p) if stale => LockState::TookOverStale(lock, p),
                _ => LockState::Acquired(lock),
            }
        }
        // Another editor won the race between our remove and create.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read_owner(&path) {
            Some(p) => LockState::Held(p),
            None => LockState::ReadOnlyFolder(e),
        },
        Err(e) => LockState::ReadOnlyFolder(e),
    }
}

fn create_exclusive(path: &Path, owner: &LockOwner) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(owner.to_line().as_bytes())?;
    file.sync_all()
}

/// What the editor remembers of the file it loaded or last saved: a change
/// of any of the three means someone else wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of the file as it is on disk now.
    pub fn of_file(path: &Path) -> io::Result<Fingerprint> {
        let bytes = fs::read(path)?;
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        Ok(Fingerprint::of_bytes(&bytes, modified))
    }

    /// The fingerprint of bytes we just wrote (or read) with their mtime.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        let mut h = DefaultHasher::new();
        h.write(bytes);
        Fingerprint {
            size: bytes.len() as u64,
            modified,
            hash: h.finish(),
        }
    }

    /// Has the file changed since this fingerprint? The content hash decides
    /// (an mtime alone lies on FAT sticks and some shares); a missing file
    /// counts as changed.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        match fs::metadata(path) {
            Ok(m) if m.len() != self.size => true,
            Ok(_) => Fingerprint::of_file(path).map_or(true, |now| now.hash != self.hash),
            Err(_) => true,
        }
    }
}

/// What one editor window holds of its report file: our lock on it and its
/// fingerprint as loaded or last saved. Dropping it removes the lock.
#[derive(Debug, Default)]
pub struct OpenReport {
    fingerprint: Option<Fingerprint>,
    lock: Option<ReportLock>,
}

impl OpenReport {
    /// `path` was just opened or saved: remember its fingerprint and mark it
    /// ours. Returns what the clerk must be told about the mark, if anything.
    pub fn attach(&mut self, path: &Path) -> Option<String> {
        self.fingerprint = Fingerprint::of_file(path).ok();
        let ours = lock_path(path);
        if self.lock.as_ref().is_some_and(|l| l.path == ours) {
            return None;
        }
        self.lock = None;
        match acquire(path, false) {
            LockState::Acquired(lock) => {
                self.lock = Some(lock);
                None
            }
            LockState::TookOverStale(lock, was) => {
                self.lock = Some(lock);
                Some(format!(
                    "此报告曾在 {} 电脑（{}）打开，该编辑器已不在运行；已接管它留下的打开标记。",
                    was.computer, was.user
                ))
            }
            LockState::Held(owner) => Some(format!(
                "{}。保存前会核对文件，不会悄悄覆盖对方的修改。",
                owner.describe()
            )),
            LockState::ReadOnlyFolder(e) => Some(format!(
                "此报告所在的文件夹不能写入，无法标记为已打开；修改请另存到其他位置。({e})"
            )),
        }
    }

    /// Has `path` changed since it was attached? False when nothing was
    /// attached (a new report has no file to protect).
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        self.fingerprint
            .as_ref()
            .is_some_and(|fp| fp.changed_on_disk(path))
    }
}

fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// This computer's name, from std and the environment only (no crate):
/// `COMPUTERNAME` on Windows, `HOSTNAME` or `/etc/hostname` on Unix.
pub fn computer_name() -> String {
    let from_env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    from_env("COMPUTERNAME")
        .or_else(|| from_env("HOSTNAME"))
        .or_else(|| {
            fs::read_to_string("/etc/hostname")
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "本机".to_string())
}

/// The user's login name: `USERNAME` on Windows, `USER` on Unix.
pub fn user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "未知用户".to_string())
}

/// Is process `pid` running on this computer? Linux answers through
/// `/proc/<pid>`; elsewhere (Windows, where no safe std call exists) it is
/// taken to be alive, so only the one-day rule ends its lock.
fn process_alive(pid: u32) -> bool {
    let proc_root = Path::new("/proc/self");
    if proc_root.exists() {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_in(dir: &Path) -> PathBuf {
        let p = dir.join("年报.nianbao");
        fs::write(&p, "x").unwrap();
        p
    }

    #[test]
    fn second_acquire_sees_the_first_holder_and_release_frees_it() {
        let dir = tempfile::tempdir().unwrap();
        let report = report_in(dir.path());
        let LockState::Acquired(first) = acquire(&report, false) else {
            panic!("first acquire must succeed")
        };
        assert!(lock_path(&report).exists());
        // Our own pid is never stale, so a second window of this process is told.
        match acquire(&report, false) {
            LockState::Held(o) => {
                assert_eq!(o, *first.owner());
                assert!(o.describe().starts_with("此报告已在 "));
                assert!(o.describe().contains(&o.user));
            }
            other => panic!("expected Held, got {other:?}"),
        }
        first.release();
        assert!(!lock_path(&report).exists());
        assert!(matches!(acquire(&report, false), LockState::Acquired(_)));
        // Dropped at the end of the statement above: gone again.
        assert!(!lock_path(&report).exists());
    }

    #[test]
    fn a_dead_local_process_lock_is_taken_over_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let report = report_in(dir.path());
        let dead = LockOwner {
            pid: u32::MAX - 1,
            ..LockOwner::current()
        };
        fs::write(lock_path(&report), dead.to_line()).unwrap();
        match acquire(&report, false) {
            LockState::TookOverStale(lock, was) if cfg!(target_os = "linux") => {
                assert_eq!(was, dead);
                assert_eq!(lock.owner().pid, std::process::id());
            }
            LockState::Held(_) if !cfg!(target_os = "linux") => {}
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn another_computer_is_stale_only_after_a_day() {
        let now = SystemTime::now();
        let mut other = LockOwner {
            computer: "县局-PC".into(),
            user: "张三".into(),
            since: unix_secs(now) - 3600,
            pid: 1,
        };
        assert!(!other.is_stale(now));
        other.since = unix_secs(now) - STALE_AFTER.as_secs() - 1;
        assert!(other.is_stale(now));
    }

    #[test]
    fn force_takes_a_live_lock_and_parse_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let report = report_in(dir.path());
        let live = LockOwner {
            computer: "县局-PC".into(),
            user: "张三".into(),
            since: unix_secs(SystemTime::now()),
            pid: 42,
        };
        fs::write(lock_path(&report), live.to_line()).unwrap();
        assert_eq!(holder(&report), Some(live.clone()));
        assert_eq!(live_holder(&report), Some(live.clone()));
        assert!(matches!(acquire(&report, false), LockState::Held(o) if o == live));
        assert!(matches!(acquire(&report, true), LockState::Acquired(_)));
    }

    #[test]
    fn an_open_report_marks_the_file_and_its_drop_unmarks_it() {
        let dir = tempfile::tempdir().unwrap();
        let report = report_in(dir.path());
        let mut open = OpenReport::default();
        assert_eq!(open.attach(&report), None);
        assert!(lock_path(&report).exists());
        let mut second = OpenReport::default();
        let note = second.attach(&report).expect("told who has it");
        assert!(note.starts_with("此报告已在 "), "{note}");
        fs::write(&report, "changed").unwrap();
        assert!(open.changed_on_disk(&report));
        drop(second);
        assert!(lock_path(&report).exists(), "the second never held it");
        drop(open);
        assert!(!lock_path(&report).exists());
    }

    #[test]
    fn fingerprint_notices_a_same_size_change() {
        let dir = tempfile::tempdir().unwrap();
        let report = report_in(dir.path());
        let fp = Fingerprint::of_file(&report).unwrap();
        assert!(!fp.changed_on_disk(&report));
        fs::write(&report, "y").unwrap();
        assert!(fp.changed_on_disk(&report));
        fs::remove_file(&report).unwrap();
        assert!(fp.changed_on_disk(&report));
    }
}
