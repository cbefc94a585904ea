//! Files: the file-dialog seam (native `rfd` dialogs, or a script in tests),
//! the per-user directories, and the settings kept between runs (最近打开,
//! view options).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

/// What a dialog is choosing, for its file-type filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// 年报文件 (*.ron)
    Report,
    /// 文本 (*.txt)
    Text,
    /// Markdown (*.md)
    Markdown,
    /// 网页 (*.html), the page a website's CMS takes.
    Html,
    /// Word (*.docx), for the county office.
    Word,
    /// A report published elsewhere (Word, PDF, web page, Markdown, text), for 导入.
    Published,
    /// A folder of reports (汇总多个报告): the dialog picks a folder; its
    /// listing shows the reports inside.
    Folder,
    /// Excel 工作簿 (*.xlsx), the county's summed workbook.
    Workbook,
}

impl FileKind {
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Report => "ron",
            FileKind::Text => "txt",
            FileKind::Markdown => "md",
            FileKind::Html | FileKind::Published => "html",
            FileKind::Word => "docx",
            FileKind::Folder => "",
            FileKind::Workbook => "xlsx",
        }
    }

    /// Extensions the open dialog's filter accepts.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            // Any of these is read by its content, whatever the name says.
            FileKind::Published => &[
                "docx", "doc", "wps", "odt", "pdf", "html", "htm", "md", "txt",
            ],
            FileKind::Report | FileKind::Folder => &["ron"],
            FileKind::Text => &["txt"],
            FileKind::Markdown => &["md"],
            FileKind::Html => &["html", "htm"],
            FileKind::Word => &["docx"],
            FileKind::Workbook => &["xlsx"],
        }
    }

    pub fn filter_name(self) -> &'static str {
        match self {
            FileKind::Report => "年报文件",
            FileKind::Text => "文本文件",
            FileKind::Markdown => "网页文本（Markdown）",
            FileKind::Html => "网页（HTML）",
            FileKind::Word => "Word 文档",
            FileKind::Published => "已发布的报告（Word、WPS、ODT、PDF、网页、Markdown、文本）",
            FileKind::Folder => "文件夹（其中的年报文件逐层查找）",
            FileKind::Workbook => "Excel 工作簿",
        }
    }
}

/// What a file dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown (no portal, no zenity): the window asks with
    /// its own chooser instead.
    Unavailable,
}

/// Native open/save dialogs, replaceable in tests.
pub trait FileDialogs: Send {
    /// Ask for a file to open, starting in `directory`.
    fn open(&mut self, title: &str, directory: Option<&Path>, kind: FileKind) -> Choice;
    /// Ask where to save, proposing `default_name` in `directory`.
    fn save(
        &mut self,
        title: &str,
        default_name: &str,
        directory: Option<&Path>,
        kind: FileKind,
    ) -> Choice;
}

/// The platform's native dialogs; on Linux they need an XDG desktop portal
/// (or zenity), and report [`Choice::Unavailable`] when neither answers.
#[derive(Debug, Default)]
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn open(&mut self, title: &str, directory: Option<&Path>, kind: FileKind) -> Choice {
        if kind == FileKind::Folder {
            let mut dialog = rfd::FileDialog::new().set_title(title);
            if let Some(dir) = directory {
                dialog = dialog.set_directory(dir);
            }
            return super::native::ask(|| dialog.pick_folder());
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind.filter_name(), kind.extensions())
            .add_filter("所有文件", &["*"]);
        if let Some(dir) = directory {
            dialog = dialog.set_directory(dir);
        }
        super::native::ask(|| dialog.pick_file())
    }

    fn save(
        &mut self,
        title: &str,
        default_name: &str,
        directory: Option<&Path>,
        kind: FileKind,
    ) -> Choice {
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(default_name)
            .add_filter(kind.filter_name(), &[kind.extension()]);
        if let Some(dir) = directory {
            dialog = dialog.set_directory(dir);
        }
        match super::native::ask(|| dialog.save_file()) {
            Choice::Chosen(p) => Choice::Chosen(with_extension(p, kind)),
            other => other,
        }
    }
}

/// Add the kind's extension when the clerk typed a bare name.
fn with_extension(path: PathBuf, kind: FileKind) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(kind.extension())
    }
}

/// Dialogs that answer from a script: for tests and for the UI harness.
/// Clones share the script, so a test keeps one handle and gives one away.
#[derive(Debug, Clone, Default)]
pub struct ScriptedDialogs {
    inner: Arc<Mutex<Script>>,
}

#[derive(Debug, Default)]
struct Script {
    answers: VecDeque<Choice>,
    asked: Vec<String>,
}

impl ScriptedDialogs {
    pub fn new() -> ScriptedDialogs {
        ScriptedDialogs::default()
    }

    /// Queue the next answer (`None` = the clerk cancels).
    pub fn push(&self, answer: Option<PathBuf>) {
        self.push_choice(answer.map_or(Choice::Cancelled, Choice::Chosen));
    }

    /// Queue the next answer as a dialog would give it (also
    /// [`Choice::Unavailable`]: no native dialog could be shown).
    pub fn push_choice(&self, choice: Choice) {
        if let Ok(mut s) = self.inner.lock() {
            s.answers.push_back(choice);
        }
    }

    /// Titles (and proposed names) of the dialogs shown so far.
    pub fn asked(&self) -> Vec<String> {
        self.inner
            .lock()
            .map(|s| s.asked.clone())
            .unwrap_or_default()
    }

    fn next(&self, what: String) -> Choice {
        let Ok(mut s) = self.inner.lock() else {
            return Choice::Cancelled;
        };
        s.asked.push(what);
        s.answers.pop_front().unwrap_or(Choice::Cancelled)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self, title: &str, _directory: Option<&Path>, _kind: FileKind) -> Choice {
        self.next(title.to_string())
    }

    fn save(
        &mut self,
        title: &str,
        default_name: &str,
        _directory: Option<&Path>,
        _kind: FileKind,
    ) -> Choice {
        self.next(format!("{title} {default_name}"))
    }
}

/// Where settings and recovery copies live. Injectable so tests use a temp dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// Settings (最近打开, view options).
    pub config: PathBuf,
    /// Recovery copies (`recovery/`).
    pub data: PathBuf,
}

impl AppDirs {
    /// The platform's directories for nianbao, when the system has a home.
    pub fn platform() -> Option<AppDirs> {
        let dirs = directories::ProjectDirs::from("cn", "nianbao", "nianbao")?;
        Some(AppDirs {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
        })
    }

    /// Both under one base directory (tests).
    pub fn under(base: &Path) -> AppDirs {
        AppDirs {
            config: base.join("config"),
            data: base.join("data"),
        }
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.ron")
    }

    pub fn recovery_dir(&self) -> PathBuf {
        self.data.join("recovery")
    }
}

/// How many recent files 最近打开 keeps.
pub const RECENT_LIMIT: usize = 8;

pub const ZOOM_MIN: f32 = 0.8;
pub const ZOOM_MAX: f32 = 2.0;
pub const ZOOM_STEP: f32 = 0.1;

/// View options and recent files, kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub show_problems: bool,
    /// Show last year's value beside this year's (与上年对比).
    pub show_previous: bool,
    /// UI scale; only a view option, never near a value.
    pub zoom: f32,
    pub dark: bool,
    /// The outline entry shown (`cover`, `p1` …).
    pub current_part: String,
    /// The county's 备案 date, when it collects reports before the law's
    /// deadline (see [`crate::deadline`]).
    pub filing_by: Option<crate::deadline::MonthDay>,
    /// The county's caps on a part's length in characters (`p1` → 1000),
    /// shown under the part as the clerk types.
    pub part_limits: std::collections::BTreeMap<String, usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            show_problems: true,
            show_previous: true,
            zoom: 1.0,
            dark: false,
            current_part: super::navigation::COVER_PART.to_string(),
            filing_by: None,
            part_limits: std::collections::BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Read settings; anything unreadable gives the defaults (never fatal).
    pub fn load(dirs: &AppDirs) -> Settings {
        std::fs::read_to_string(dirs.settings_file())
            .ok()
            .and_then(|t| ron::from_str::<Settings>(&t).ok())
            .map(Settings::sanitized)
            .unwrap_or_default()
    }

    pub fn save(&self, dirs: &AppDirs) -> Result<(), String> {
        std::fs::create_dir_all(&dirs.config)
            .map_err(|e| format!("无法创建设置目录 {} ({e})", dirs.config.display()))?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| format!("无法保存设置 ({e})"))?;
        crate::document::file::write_atomic(&dirs.settings_file(), text.as_bytes())
            .map_err(|e| e.to_string())
    }

    /// Put a path at the front of 最近打开.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }

    fn sanitized(mut self) -> Settings {
        self.recent.truncate(RECENT_LIMIT);
        if !(ZOOM_MIN..=ZOOM_MAX).contains(&self.zoom) {
            self.zoom = 1.0;
        }
        self
    }

    /// Zoom one step in (`+1`) or out (`-1`), within bounds.
    pub fn zoom_by(&mut self, steps: i32) {
        let z = self.zoom + ZOOM_STEP * steps as f32;
        self.zoom = (z.clamp(ZOOM_MIN, ZOOM_MAX) * 10.0).round() / 10.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_is_bounded_and_deduplicated() {
        let mut s = Settings::default();
        for i in 0..12 {
            s.remember(Path::new(&format!("/tmp/{i}.ron")));
        }
        s.remember(Path::new("/tmp/5.ron"));
        assert_eq!(s.recent.len(), RECENT_LIMIT);
        assert_eq!(s.recent[0], PathBuf::from("/tmp/5.ron"));
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("5.ron")).count(), 1);
    }

    #[test]
    fn zoom_stays_in_bounds() {
        let mut s = Settings::default();
        for _ in 0..30 {
            s.zoom_by(1);
        }
        assert_eq!(s.zoom, ZOOM_MAX);
        for _ in 0..30 {
            s.zoom_by(-1);
        }
        assert_eq!(s.zoom, ZOOM_MIN);
    }
}
