//! Asking for a path: the native dialog when one can be shown, else the
//! window's own chooser ([`FileRequest`]). Either way the answer becomes the
//! [`Purpose`]'s command, so a file action is never a silent no-op.

use std::path::{Path, PathBuf};

use crate::export;

use super::chooser::{documents_dir, ChooserMode, FileRequest, Purpose};
use super::files::{Choice, FileKind};
use super::EditorState;

impl EditorState {
    /// The question the in-window chooser must ask, if any.
    pub fn file_request(&self) -> Option<&FileRequest> {
        self.file_request.as_ref()
    }

    /// Ask for a file to open (打开, 从上年报告新建, 关联上年, 导入).
    pub(super) fn ask_open(&mut self, title: &str, kind: FileKind, purpose: Purpose) {
        let dir = self.start_dir();
        let choice = self.dialogs.open(title, Some(&dir), kind);
        let mode = if kind == FileKind::Folder {
            ChooserMode::Folder
        } else {
            ChooserMode::Open
        };
        self.answered(choice, title, mode, kind, purpose, String::new(), dir);
    }

    /// Ask where to write (另存为, 导出): the name the menu promises,
    /// `{单位}{年度}年政府信息公开工作年度报告.ext`, next to the document.
    pub(super) fn ask_save(&mut self, title: &str, kind: FileKind, purpose: Purpose) {
        let name = export::default_file_name(&self.doc, kind.extension());
        self.ask_save_in(title, kind, purpose, name, self.start_dir());
    }

    /// Ask where to write, proposing `name` in `dir`.
    pub(super) fn ask_save_in(
        &mut self,
        title: &str,
        kind: FileKind,
        purpose: Purpose,
        name: String,
        dir: PathBuf,
    ) {
        let choice = self.dialogs.save(title, &name, Some(&dir), kind);
        self.answered(choice, title, ChooserMode::Save, kind, purpose, name, dir);
    }

    #[allow(clippy::too_many_arguments)]
    fn answered(
        &mut self,
        choice: Choice,
        title: &str,
        mode: ChooserMode,
        kind: FileKind,
        purpose: Purpose,
        default_name: String,
        directory: PathBuf,
    ) {
        match choice {
            Choice::Chosen(path) => self.apply_chosen(&purpose, path),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                self.file_request = Some(FileRequest {
                    title: title.to_string(),
                    mode,
                    kind,
                    purpose,
                    directory,
                    default_name,
                });
            }
        }
    }

    /// The in-window chooser's answer.
    pub(super) fn chosen(&mut self, path: PathBuf) {
        if let Some(request) = self.file_request.take() {
            self.apply_chosen(&request.purpose, path);
        }
    }

    /// Run the purpose's command. Unsaved changes were settled before the
    /// dialog was shown, so they are not asked about again.
    fn apply_chosen(&mut self, purpose: &Purpose, path: PathBuf) {
        let confirmed = std::mem::replace(&mut self.discard_confirmed, true);
        self.apply(purpose.command(path));
        self.discard_confirmed = confirmed;
    }

    /// The folder a dialog starts in: the document's, else the last file's,
    /// else the documents folder.
    pub(super) fn start_dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .or_else(|| self.settings.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(documents_dir)
    }
}
