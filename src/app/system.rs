//! The operating system's services beyond the window: the clipboard's HTML
//! flavour (复制为网页格式 — egui's clipboard carries plain text only) and the
//! browser's print path (打印). Behind a trait so the window tests can
//! script them; [`OsServices`] is the real one.

use std::path::Path;
use std::sync::{Arc, Mutex};

/// What the editor asks of the operating system.
pub trait SystemServices: Send {
    /// Put `html` on the clipboard with `text` as its plain-text alternative
    /// (a CMS editor or WPS takes the HTML, a plain editor the text).
    fn copy_html(&mut self, html: &str, text: &str) -> Result<(), String>;
    /// Open `path` in the system's web browser.
    fn open_in_browser(&mut self, path: &Path) -> Result<(), String>;
}

/// The real clipboard (`arboard`) and browser (`webbrowser`).
#[derive(Default)]
pub struct OsServices {
    /// Kept for the life of the window: on X11 the copied HTML is served by
    /// this clipboard's owner, so dropping it would empty the clipboard.
    clipboard: Option<arboard::Clipboard>,
}

impl SystemServices for OsServices {
    fn copy_html(&mut self, html: &str, text: &str) -> Result<(), String> {
        if self.clipboard.is_none() {
            self.clipboard = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        let clipboard = self.clipboard.as_mut().ok_or("no clipboard")?;
        clipboard
            .set_html(html, Some(text))
            .map_err(|e| e.to_string())
    }

    fn open_in_browser(&mut self, path: &Path) -> Result<(), String> {
        webbrowser::open(&path.to_string_lossy()).map_err(|e| e.to_string())
    }
}

/// What a scripted run was asked to do, for the window tests.
#[derive(Debug, Default, Clone)]
pub struct ServiceLog {
    /// (HTML, text) pairs put on the clipboard.
    pub copied: Vec<(String, String)>,
    pub opened: Vec<std::path::PathBuf>,
}

/// Services that record what they were asked and succeed, or fail with
/// `failure` when it is set (a desktop with no clipboard or no browser).
#[derive(Default, Clone)]
pub struct ScriptedServices {
    pub log: Arc<Mutex<ServiceLog>>,
    pub failure: Option<String>,
}

impl ScriptedServices {
    fn outcome(&self) -> Result<(), String> {
        self.failure.clone().map_or(Ok(()), Err)
    }
}

impl SystemServices for ScriptedServices {
    fn copy_html(&mut self, html: &str, text: &str) -> Result<(), String> {
        self.outcome()?;
        if let Ok(mut log) = self.log.lock() {
            log.copied.push((html.to_string(), text.to_string()));
        }
        Ok(())
    }

    fn open_in_browser(&mut self, path: &Path) -> Result<(), String> {
        self.outcome()?;
        if let Ok(mut log) = self.log.lock() {
            log.opened.push(path.to_path_buf());
        }
        Ok(())
    }
}
