//! Atomic replacement of a file: the old file stays intact until the new one
//! is completely on disk, so a power cut or a full disk never leaves a clerk
//! with half a report.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{FileError, FileErrorKind as Kind};

/// Write `bytes` to `path` atomically; with `backup`, the file being replaced
/// is first kept as `NAME.bak`. On failure `path` is untouched and no
/// temporary file is left behind.
pub(super) fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), FileError> {
    let (dir, name) = split(path)?;
    if path.is_dir() {
        return Err(FileError::new(
            Kind::IsDirectory,
            format!("无法保存：{} 是一个文件夹", path.display()),
            "target is a directory",
        ));
    }
    let tmp = write_temp(&dir, &name, bytes)?;
    let result = finish(path, &dir, &name, &tmp, backup);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Keep the old file as `.bak`, move the temporary file into place, and make
/// the rename itself durable.
fn finish(path: &Path, dir: &Path, name: &str, tmp: &Path, backup: bool) -> Result<(), FileError> {
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(tmp, meta.permissions());
        if backup && meta.is_file() {
            keep_backup(path, dir, name)?;
        }
    }
    fs::rename(tmp, path).map_err(|e| write_error(path, "rename", &e))?;
    sync_dir(dir);
    remove_stale_temps(dir, name);
    Ok(())
}

/// A save that was killed (power cut, task manager) leaves its temporary
/// file behind; the next successful save removes such leftovers. Only old
/// ones: a fresh one may belong to a save still running elsewhere.
fn remove_stale_temps(dir: &Path, name: &str) {
    const STALE: std::time::Duration = std::time::Duration::from_secs(600);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefixes = [format!(".{name}."), format!(".{name}.bak.")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        let ours = n.ends_with(".tmp") && prefixes.iter().any(|p| is_temp_name(n, p));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if ours && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `PREFIX<pid>.<n>.tmp`, as made by [`temp_path`].
fn is_temp_name(n: &str, prefix: &str) -> bool {
    n.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|mid| {
            let mut parts = mid.split('.');
            let digits = |p: Option<&str>| {
                p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            };
            digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
        })
}

/// Copy the current file to `NAME.bak`, itself through a temporary file.
fn keep_backup(path: &Path, dir: &Path, name: &str) -> Result<(), FileError> {
    let bak = dir.join(format!("{name}.bak"));
    let tmp = temp_path(dir, &format!("{name}.bak"));
    let result = (|| {
        let mut from = File::open(path)?;
        let mut to = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        io::copy(&mut from, &mut to)?;
        to.sync_all()?;
        fs::rename(&tmp, &bak)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        FileError::new(
            Kind::Backup,
            format!("无法保留备份文件 {}，未保存", bak.display()),
            format!("backup failed: {e}"),
        )
    })
}

/// Write the whole content to a new temporary file next to the target.
fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, FileError> {
    let tmp = temp_path(dir, name);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|e| write_error(dir, "create temporary file", &e))?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(&tmp);
        return Err(write_error(dir, "write temporary file", &e));
    }
    Ok(tmp)
}

/// A hidden name unique to this process and call, in the target's directory
/// (a rename is only atomic within one file system).
fn temp_path(dir: &Path, name: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

fn split(path: &Path) -> Result<(PathBuf, String), FileError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            FileError::new(
                Kind::BadPath,
                format!("无法保存：{} 不是有效的文件名", path.display()),
                "path has no file name",
            )
        })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name.to_string()))
}

/// Make the directory entry durable. Not every platform or file system
/// supports syncing a directory; the data itself is already synced.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn write_error(place: &Path, step: &str, e: &io::Error) -> FileError {
    let (kind, message) = match e.kind() {
        io::ErrorKind::StorageFull => (Kind::DiskFull, "磁盘空间不足，未保存".to_string()),
        io::ErrorKind::NotFound => (
            Kind::NoFolder,
            format!("文件夹 {} 不存在，未保存", place.display()),
        ),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => (
            Kind::NoPermission,
            format!("没有写入 {} 的权限，未保存", place.display()),
        ),
        _ => (
            Kind::WriteFailed,
            format!("写入 {} 失败，未保存", place.display()),
        ),
    };
    FileError::new(kind, message, format!("{step}: {e}"))
}
