//! Autosave and recovery (自动保存与恢复): while there are unsaved changes a
//! copy is written every 30 s to the data directory; after a crash the next
//! start finds it and offers to restore it.
//!
//! Layout: `recovery/<key>.ron` (the document) and `recovery/<key>.info.ron`
//! (where it came from and when), `<key>` a stable hash of the document's
//! path or `untitled`.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::document::Document;

use crate::document::file;

/// How often a recovery copy is written while dirty.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

/// The sidecar written next to a recovery copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    /// The file the clerk was editing, `None` for a never-saved report.
    pub original: Option<PathBuf>,
    /// Seconds since the Unix epoch when the copy was written.
    pub written_unix: u64,
    /// The report's title, to show in the offer.
    pub title: String,
}

/// A recovery copy found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCopy {
    pub file: PathBuf,
    pub info_file: PathBuf,
    pub info: RecoveryInfo,
}

impl RecoveryCopy {
    pub fn written(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(self.info.written_unix)
    }

    /// The question shown at start-up.
    pub fn offer_text(&self) -> String {
        let from = match &self.info.original {
            Some(p) => format!("（{}）", p.display()),
            None => "（尚未保存过的新报告）".to_string(),
        };
        format!(
            "上次未正常退出，找到“{}”{from}在 {} 自动保存的副本。是否恢复？",
            self.info.title,
            super::clock::hhmm(self.written())
        )
    }

    /// Read the document of this copy.
    pub fn load(&self) -> Result<Document, String> {
        file::load(&self.file).map_err(|e| e.to_string())
    }

    /// Delete the copy and its sidecar (and a `.bak` the atomic save may leave).
    pub fn remove(&self) {
        remove_files(&self.file, &self.info_file);
    }
}

/// Stable 64-bit FNV-1a: the key must not change between program versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The recovery key of a document path.
pub fn key_for(path: Option<&Path>) -> String {
    match path {
        Some(p) => format!("{:016x}", fnv1a(p.to_string_lossy().as_bytes())),
        None => "untitled".to_string(),
    }
}

fn paths(dir: &Path, key: &str) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{key}.ron")),
        dir.join(format!("{key}.info.ron")),
    )
}

fn remove_files(file: &Path, info: &Path) {
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(info);
    let mut bak = file.as_os_str().to_owned();
    bak.push(".bak");
    let _ = std::fs::remove_file(PathBuf::from(bak));
}

/// Write the recovery copy for a document (atomic, through the core's save).
pub fn write(
    recovery_dir: &Path,
    doc: &Document,
    original: Option<&Path>,
    now: SystemTime,
) -> Result<(), String> {
    std::fs::create_dir_all(recovery_dir)
        .map_err(|e| format!("无法创建自动保存目录 {} ({e})", recovery_dir.display()))?;
    let (file, info_file) = paths(recovery_dir, &key_for(original));
    file::save(doc, &file).map_err(|e| e.to_string())?;
    let info = RecoveryInfo {
        original: original.map(Path::to_path_buf),
        written_unix: now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        title: doc.meta.display_title(),
    };
    let text = ron::ser::to_string_pretty(&info, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("无法生成自动保存信息 ({e})"))?;
    file::write_atomic(&info_file, text.as_bytes()).map_err(|e| e.to_string())
}

/// Remove the recovery copy for a document (after saving or discarding).
pub fn remove(recovery_dir: &Path, original: Option<&Path>) {
    let (file, info_file) = paths(recovery_dir, &key_for(original));
    remove_files(&file, &info_file);
}

/// Looking for recovery copies at start-up.
pub struct Recovery;

impl Recovery {
    /// Every readable recovery copy under `recovery_dir`, newest first.
    pub fn find(recovery_dir: &Path) -> Vec<RecoveryCopy> {
        let Ok(entries) = std::fs::read_dir(recovery_dir) else {
            return Vec::new();
        };
        let mut found: Vec<RecoveryCopy> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let key = name.strip_suffix(".info.ron")?;
                let (file, info_file) = paths(recovery_dir, key);
                let info = std::fs::read_to_string(&info_file).ok()?;
                let info: RecoveryInfo = ron::from_str(&info).ok()?;
                file.is_file().then_some(RecoveryCopy {
                    file,
                    info_file,
                    info,
                })
            })
            .collect();
        found.sort_by_key(|c| std::cmp::Reverse(c.info.written_unix));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_distinct() {
        assert_eq!(key_for(None), "untitled");
        let a = key_for(Some(Path::new("/a/2025.ron")));
        assert_eq!(a, key_for(Some(Path::new("/a/2025.ron"))));
        assert_ne!(a, key_for(Some(Path::new("/a/2024.ron"))));
        assert_eq!(a.len(), 16);
    }
}
