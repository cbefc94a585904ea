//! The file chooser drawn inside the window, for desktops where the native
//! dialog cannot be shown (no XDG desktop portal and no zenity, as on many
//! office Linux installs). The state records what is being asked
//! ([`FileRequest`]); the window browses with a [`FileChooser`] and answers
//! with [`super::Command::ChooseFile`] or [`super::Command::CancelChooser`].

use std::path::{Path, PathBuf};

use super::files::FileKind;
use super::Command;

/// Whether the chooser picks an existing file or names a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooserMode {
    Open,
    Save,
    /// Pick a folder (汇总多个报告): 确定 with no name takes the folder shown.
    Folder,
}

/// What the chosen path is for: the command it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Open,
    NewFromLastYear,
    LinkLastYear,
    SaveAs,
    Export(FileKind),
    Import {
        template: Option<String>,
    },
    /// 汇总多个报告: the folder (or report) to roll up.
    Rollup,
    /// 导出 Excel 工作簿: where the county's workbook goes.
    ExportRollup,
    /// 导出退回修改清单: where the list of reports sent back goes.
    SendBack,
}

impl Purpose {
    /// The command that does the work once the path is known.
    pub fn command(&self, path: PathBuf) -> Command {
        match self {
            Purpose::Open => Command::Open(path),
            Purpose::NewFromLastYear => Command::NewFromLastYear(path),
            Purpose::LinkLastYear => Command::LinkLastYear(path),
            Purpose::SaveAs => Command::SaveAs(path),
            Purpose::Export(kind) => Command::Export(*kind, path),
            Purpose::Import { template } => Command::ImportFile {
                path,
                template: template.clone(),
            },
            Purpose::Rollup => Command::Rollup(path),
            Purpose::ExportRollup => Command::ExportRollup(path),
            Purpose::SendBack => Command::SendBack(path),
        }
    }
}

/// A question for a path that the native dialog could not ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRequest {
    pub title: String,
    pub mode: ChooserMode,
    pub kind: FileKind,
    pub purpose: Purpose,
    /// The folder shown first.
    pub directory: PathBuf,
    /// The proposed file name (save); empty when opening.
    pub default_name: String,
}

/// One line of the folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// The in-window chooser while the clerk browses: a folder, its listing and
/// the file-name field (which also accepts a full path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChooser {
    pub request: FileRequest,
    pub directory: PathBuf,
    pub name: String,
    pub entries: Vec<Entry>,
    /// Why the last 确定 did not go through (shown in red).
    pub problem: Option<String>,
    /// A save over this existing file was asked once; asking again confirms.
    overwrite: Option<PathBuf>,
    /// The file-name field should (again) take the keyboard focus: at the
    /// start, and after a 确定 that did not go through.
    pub wants_focus: bool,
}

impl FileChooser {
    pub fn new(request: FileRequest) -> FileChooser {
        let mut chooser = FileChooser {
            directory: request.directory.clone(),
            name: request.default_name.clone(),
            request,
            entries: Vec::new(),
            problem: None,
            overwrite: None,
            wants_focus: true,
        };
        chooser.enter(chooser.directory.clone());
        chooser
    }

    /// Show `dir`'s folders and the files of the request's kind; an
    /// unreadable folder keeps the listing and says why.
    pub fn enter(&mut self, dir: PathBuf) {
        match list(&dir, self.request.kind) {
            Ok(entries) => {
                self.entries = entries;
                self.directory = dir;
                self.problem = None;
            }
            Err(e) => self.problem = Some(format!("无法打开文件夹 {} ({e})", dir.display())),
        }
    }

    /// The parent folder.
    pub fn up(&mut self) {
        if let Some(parent) = self.directory.parent() {
            self.enter(parent.to_path_buf());
        }
    }

    /// A listing line was clicked: a folder opens, a file's name is taken.
    pub fn pick(&mut self, index: usize) {
        let Some(entry) = self.entries.get(index).cloned() else {
            return;
        };
        if entry.is_dir {
            self.name.clear();
            self.enter(self.directory.join(&entry.name));
        } else if self.request.mode != ChooserMode::Folder {
            self.name = entry.name;
            self.problem = None;
        }
    }

    /// 确定 / Enter: the chosen path, or `None` with the reason in
    /// [`FileChooser::problem`] (or a folder opened when one was named).
    pub fn confirm(&mut self) -> Option<PathBuf> {
        let typed = self.name.trim();
        if self.request.mode == ChooserMode::Folder {
            return self.confirm_folder();
        }
        if typed.is_empty() {
            self.problem = Some("请填写文件名。".to_string());
            return None;
        }
        let path = resolve(&self.directory, typed);
        if path.is_dir() {
            self.name.clear();
            self.enter(path);
            return None;
        }
        match self.request.mode {
            ChooserMode::Open | ChooserMode::Folder => self.confirm_open(path),
            ChooserMode::Save => self.confirm_save(path),
        }
    }

    /// A folder: the one typed (a full path or a sub-folder's name), else
    /// the one shown.
    fn confirm_folder(&mut self) -> Option<PathBuf> {
        let typed = self.name.trim();
        let path = if typed.is_empty() {
            self.directory.clone()
        } else {
            resolve(&self.directory, typed)
        };
        if path.is_dir() {
            return Some(path);
        }
        self.problem = Some(format!("找不到文件夹 {}", path.display()));
        None
    }

    fn confirm_open(&mut self, path: PathBuf) -> Option<PathBuf> {
        if path.is_file() {
            return Some(path);
        }
        self.problem = Some(format!("找不到文件 {}", path.display()));
        None
    }

    fn confirm_save(&mut self, path: PathBuf) -> Option<PathBuf> {
        let path = if path.extension().is_some() {
            path
        } else {
            path.with_extension(self.request.kind.extension())
        };
        let folder_ok = path
            .parent()
            .is_none_or(|p| p.as_os_str().is_empty() || p.is_dir());
        if !folder_ok {
            self.problem = Some(format!(
                "文件夹不存在：{}",
                path.parent()
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ));
            return None;
        }
        if path.exists() && self.overwrite.as_ref() != Some(&path) {
            self.problem = Some(format!(
                "{} 已存在。再按一次“确定”将覆盖它。",
                path.display()
            ));
            self.overwrite = Some(path);
            return None;
        }
        Some(path)
    }
}

/// The typed name as a path: absolute as typed, `~/…` under the home folder,
/// anything else inside the folder shown.
pub fn resolve(directory: &Path, typed: &str) -> PathBuf {
    if let Some(rest) = typed.strip_prefix("~/") {
        if let Some(home) = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()) {
            return home.join(rest);
        }
    }
    let path = Path::new(typed);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        directory.join(path)
    }
}

/// Folders first, then files of `kind`, each by name; hidden entries left out.
fn list(dir: &Path, kind: FileKind) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.path().is_dir();
            let wanted = is_dir || has_extension(&name, kind.extensions());
            (!name.starts_with('.') && wanted).then_some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
    Ok(entries)
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The folder a chooser starts in when the document has none: the documents
/// folder, else the home folder, else the working directory.
pub fn documents_dir() -> PathBuf {
    let user = directories::UserDirs::new();
    user.as_ref()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .filter(|d| d.is_dir())
        .or_else(|| user.as_ref().map(|u| u.home_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(dir: &Path, mode: ChooserMode) -> FileRequest {
        FileRequest {
            title: "另存为".into(),
            mode,
            kind: FileKind::Report,
            purpose: Purpose::SaveAs,
            directory: dir.to_path_buf(),
            default_name: "某某镇2025年政府信息公开工作年度报告.ron".into(),
        }
    }

    #[test]
    fn lists_folders_first_and_only_the_kind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("子目录")).unwrap();
        std::fs::write(dir.path().join("b.ron"), "").unwrap();
        std::fs::write(dir.path().join("a.txt"), "").unwrap();
        std::fs::write(dir.path().join(".hidden.ron"), "").unwrap();
        let c = FileChooser::new(request(dir.path(), ChooserMode::Open));
        let names: Vec<_> = c.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["子目录", "b.ron"]);
    }

    #[test]
    fn save_takes_a_full_path_adds_the_extension_and_asks_before_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = FileChooser::new(request(dir.path(), ChooserMode::Save));
        let target = dir.path().join("新报告");
        c.name = target.display().to_string();
        assert_eq!(c.confirm(), Some(dir.path().join("新报告.ron")));
        std::fs::write(dir.path().join("新报告.ron"), "").unwrap();
        assert_eq!(c.confirm(), None);
        assert!(c.problem.as_deref().unwrap().contains("已存在"));
        assert_eq!(c.confirm(), Some(dir.path().join("新报告.ron")));
        c.name = dir.path().join("无此目录/x.ron").display().to_string();
        assert_eq!(c.confirm(), None);
        assert!(c.problem.as_deref().unwrap().contains("文件夹不存在"));
    }

    #[test]
    fn folder_mode_takes_the_folder_shown_or_the_one_typed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("各乡镇")).unwrap();
        std::fs::write(dir.path().join("甲镇.ron"), "").unwrap();
        let mut c = FileChooser::new(request(dir.path(), ChooserMode::Folder));
        c.name.clear();
        let names: Vec<_> = c.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["各乡镇", "甲镇.ron"],
            "the reports inside are shown"
        );
        c.pick(1);
        assert_eq!(c.name, "", "a file is not a folder");
        assert_eq!(c.confirm(), Some(dir.path().to_path_buf()));
        c.name = "各乡镇".into();
        assert_eq!(c.confirm(), Some(dir.path().join("各乡镇")));
        c.name = "无此文件夹".into();
        assert_eq!(c.confirm(), None);
        assert!(c.problem.as_deref().unwrap().contains("找不到文件夹"));
    }

    #[test]
    fn open_needs_an_existing_file_and_a_folder_name_enters_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/x.ron"), "").unwrap();
        let mut c = FileChooser::new(request(dir.path(), ChooserMode::Open));
        c.name = "sub".into();
        assert_eq!(c.confirm(), None);
        assert_eq!(c.directory, dir.path().join("sub"));
        c.pick(0);
        assert_eq!(c.name, "x.ron");
        assert_eq!(c.confirm(), Some(dir.path().join("sub/x.ron")));
        c.name = "missing.ron".into();
        assert_eq!(c.confirm(), None);
        assert!(c.problem.as_deref().unwrap().contains("找不到文件"));
    }
}
