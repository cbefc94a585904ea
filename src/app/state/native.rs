//! Can a native file dialog be shown here? On Windows and macOS always. On
//! Linux `rfd` asks the XDG desktop portal over D-Bus and falls back to
//! zenity; with neither (Xvfb, a bare X session, many office installs) it
//! returns "no file" at once, exactly like a cancel. Two signs tell the
//! cases apart: whether a portal with a file chooser (or zenity) is installed
//! at all, and whether the "cancel" came back faster than any person can
//! cancel a dialog. `NIANBAO_FILE_DIALOG=builtin` (or `native`) overrides.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::files::Choice;

/// An answer sooner than this was no person cancelling: no dialog appeared.
const FASTEST_CANCEL: Duration = Duration::from_millis(250);

/// Run a native dialog, or report that none can be shown.
pub fn ask(dialog: impl FnOnce() -> Option<PathBuf>) -> Choice {
    if !available() {
        return Choice::Unavailable;
    }
    let started = Instant::now();
    match dialog() {
        Some(path) => Choice::Chosen(path),
        None if cfg!(target_os = "linux") && started.elapsed() < FASTEST_CANCEL => {
            Choice::Unavailable
        }
        None => Choice::Cancelled,
    }
}

/// Whether native dialogs are worth trying (decided once per run).
pub fn available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| decide(std::env::var("NIANBAO_FILE_DIALOG").ok().as_deref()))
}

fn decide(choice: Option<&str>) -> bool {
    match choice {
        Some("builtin") => false,
        Some("native") => true,
        _ if !cfg!(target_os = "linux") => true,
        _ => (session_bus() && portal_file_chooser()) || on_path("zenity"),
    }
}

/// A D-Bus session bus to talk to: its address is set, or the standard
/// socket exists.
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|d| PathBuf::from(d).join("bus").exists())
}

/// The portal service can be started on the bus and some installed portal
/// backend implements the file chooser.
fn portal_file_chooser() -> bool {
    let dirs = data_dirs();
    let service = dirs.iter().any(|d| {
        d.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    service
        && dirs.iter().any(|d| {
            let Ok(entries) = std::fs::read_dir(d.join("xdg-desktop-portal/portals")) else {
                return false;
            };
            entries.filter_map(Result::ok).any(|e| {
                std::fs::read_to_string(e.path())
                    .is_ok_and(|t| t.contains("org.freedesktop.impl.portal.FileChooser"))
            })
        })
}

/// `$XDG_DATA_DIRS` (default `/usr/local/share:/usr/share`).
fn data_dirs() -> Vec<PathBuf> {
    let dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_string());
    dirs.split(':').map(PathBuf::from).collect()
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_override_wins() {
        assert!(!decide(Some("builtin")));
        assert!(decide(Some("native")));
    }

    #[test]
    fn a_program_is_found_on_the_path() {
        assert!(on_path("sh"));
        assert!(!on_path("no-such-program-nianbao"));
    }
}
