//! File commands: open, new, save, export, link last year, autosave and
//! recovery. Failures become a modal error; the document in memory is never
//! touched by a failure.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::document::{carry, file, Document};
use crate::export;
use crate::template::Template;

use super::chooser::Purpose;
use super::files::FileKind;
use super::pending::Pending;
use super::{autosave, Command, EditorState, StatusMessage, AUTOSAVE_INTERVAL};

/// Shown under every save failure: the clerk must know nothing is lost.
const NOT_LOST: &str = "文档仍在编辑器中，修改没有丢失。可以用“另存为”保存到其他位置。";

impl EditorState {
    pub(super) fn apply_file_command(&mut self, cmd: Command) {
        match cmd {
            Command::New(_)
            | Command::Open(_)
            | Command::OpenDialog
            | Command::NewFromLastYear(_)
            | Command::NewFromLastYearDialog
                if !self.guard_discard(&cmd) => {}
            Command::New(spec) => match crate::template::get(&spec.template) {
                Some(t) => {
                    let doc = Document::new(&t.id, &spec.unit, spec.level, spec.year);
                    self.replace_document(doc, t, None, false);
                    self.status = Some(StatusMessage::info("已新建报告。"));
                }
                None => self.show_error(
                    "无法新建",
                    format!("没有这个模板 (unknown template): {}", spec.template),
                    false,
                ),
            },
            Command::Open(path) => self.open(&path),
            Command::OpenDialog => self.ask_open("打开年报文件", FileKind::Report, Purpose::Open),
            Command::NewFromLastYear(path) => self.new_from_last_year(&path),
            Command::NewFromLastYearDialog => self.ask_open(
                "选择上年的年报文件",
                FileKind::Report,
                Purpose::NewFromLastYear,
            ),
            Command::Save => self.save_current(),
            Command::SaveAs(path) => self.save_to(&path),
            Command::SaveAsDialog => self.save_as_dialog(),
            Command::Export(kind, path) => self.export(&path, kind),
            Command::ExportDialog(kind) => self.export_dialog(kind),
            Command::LinkLastYear(path) => self.link_last_year(&path),
            Command::LinkLastYearDialog => self.ask_open(
                "选择上年的年报文件",
                FileKind::Report,
                Purpose::LinkLastYear,
            ),
            Command::ChooseFile(path) => self.chosen(path),
            Command::CancelChooser => self.file_request = None,
            Command::RestoreRecovery => {
                if let Some(Pending::Recovery(copy)) = self.pending.take() {
                    self.restore_recovery(copy);
                }
            }
            Command::DiscardRecovery => {
                if let Some(Pending::Recovery(copy)) = self.pending.take() {
                    self.discard_recovery(copy);
                }
            }
            // `apply` routes only file commands here.
            _ => {}
        }
    }

    fn load_with_template(&mut self, path: &Path) -> Option<(Document, &'static Template)> {
        let doc = match file::load(path) {
            Ok(doc) => doc,
            Err(e) => {
                self.show_error("无法打开文件", e.to_string(), false);
                return None;
            }
        };
        match crate::template::get(&doc.template) {
            Some(t) => Some((doc, t)),
            None => {
                self.show_error(
                    "无法打开文件",
                    format!(
                        "文件使用了本程序不认识的模板 {} (unknown template)",
                        doc.template
                    ),
                    false,
                );
                None
            }
        }
    }

    fn open(&mut self, path: &Path) {
        let Some((doc, t)) = self.load_with_template(path) else {
            return;
        };
        self.replace_document(doc, t, Some(path.to_path_buf()), false);
        let note = self.disk.attach(path);
        self.remember(path);
        self.status = Some(match note {
            Some(note) => StatusMessage::error(format!("已打开 {}。{note}", path.display())),
            None => StatusMessage::info(format!("已打开 {}", path.display())),
        });
    }

    fn new_from_last_year(&mut self, path: &Path) {
        let Some((prev, _)) = self.load_with_template(path) else {
            return;
        };
        let mut doc = carry::carry_forward(&prev);
        set_source(&mut doc, path);
        let Some(t) = crate::template::get(&doc.template) else {
            return;
        };
        self.replace_document(doc, t, None, true);
        self.status = Some(StatusMessage::info(format!(
            "已从 {} 年报告新建 {} 年报告，请核对并改写正文。",
            prev.meta.year, self.doc.meta.year
        )));
    }

    fn link_last_year(&mut self, path: &Path) {
        let Some((prev, _)) = self.load_with_template(path) else {
            return;
        };
        carry::link_previous(&mut self.doc, &prev);
        set_source(&mut self.doc, path);
        let now = self.now();
        self.changed_outside_history(now);
        self.refresh();
        self.refresh_comparison();
        self.status = Some(StatusMessage::info(format!(
            "已关联 {} 年报告，跨年度核对已启用。",
            prev.meta.year
        )));
    }

    /// 保存: to the current path, or ask where (另存为).
    pub(super) fn save_current(&mut self) {
        match self.path.clone() {
            Some(p) => self.save_to(&p),
            None => self.save_as_dialog(),
        }
    }

    fn save_as_dialog(&mut self) {
        self.ask_save("另存为", FileKind::Report, Purpose::SaveAs);
    }

    fn save_to(&mut self, path: &Path) {
        if self.changed_elsewhere(path) {
            let message = format!(
                "{} 在本窗口打开后已被其他程序或其他人修改，未覆盖，以免丢失对方的修改。\n\
                 请先另存为，再打开该文件核对。\n{NOT_LOST}",
                path.display()
            );
            self.show_error("文件已在别处修改", message, true);
            return;
        }
        if let Err(e) = file::save(&self.doc, path) {
            let message = format!("无法保存到 {}。\n{e}\n{NOT_LOST}", path.display());
            self.show_error("保存失败", message, true);
            return;
        }
        // The copy is keyed by the old path: remove it before the path changes.
        self.remove_own_recovery();
        self.path = Some(path.to_path_buf());
        // A note about someone else's mark was shown when the file was opened.
        let _ = self.disk.attach(path);
        let now = self.now();
        self.mark_saved(now);
        self.remember(path);
        self.status = Some(StatusMessage::info(format!("已保存到 {}", path.display())));
    }

    /// Saving over our own report, which someone changed since we read it.
    fn changed_elsewhere(&self, path: &Path) -> bool {
        self.path.as_deref() == Some(path) && self.disk.changed_on_disk(path)
    }

    fn export_dialog(&mut self, kind: FileKind) {
        let title = match kind {
            FileKind::Markdown => "导出 Markdown",
            FileKind::Html => "导出网页",
            FileKind::Word => "导出 Word",
            _ => "导出文本",
        };
        self.ask_save(title, kind, Purpose::Export(kind));
    }

    /// The bytes of an export, or why Word could not be written.
    fn export_bytes(&self, kind: FileKind) -> Result<Vec<u8>, String> {
        let (doc, template) = (&self.doc, self.template);
        Ok(match kind {
            FileKind::Markdown => export::to_markdown(doc, template).into_bytes(),
            FileKind::Html => export::to_html(doc, template).into_bytes(),
            FileKind::Word => export::to_docx(doc, template).map_err(|e| e.to_string())?,
            _ => export::to_text(doc, template).into_bytes(),
        })
    }

    fn export(&mut self, path: &Path, kind: FileKind) {
        let bytes = match self.export_bytes(kind) {
            Ok(bytes) => bytes,
            Err(e) => return self.show_error("导出失败", e, false),
        };
        match file::write_atomic(path, &bytes) {
            Ok(()) => {
                self.status = Some(StatusMessage::info(format!("已导出到 {}", path.display())));
            }
            Err(e) => self.show_error("导出失败", e.to_string(), false),
        }
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.settings.remember(&path);
        self.save_settings();
    }

    /// Write settings (最近打开, view options); the UI calls this on exit too.
    pub fn save_settings(&mut self) {
        if let Some(dirs) = &self.dirs {
            if let Err(e) = self.settings.save(dirs) {
                self.status = Some(StatusMessage::error(format!("无法保存设置：{e}")));
            }
        }
    }

    /// 最近打开, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.settings.recent
    }

    /// Called by the UI every frame or on a timer: writes the recovery copy
    /// when due.
    pub fn tick(&mut self, now: SystemTime) {
        self.poll_county();
        if self.needs_autosave(now) {
            self.autosave_now(now);
        }
    }

    /// Whether a recovery copy is due: unsaved changes not yet copied, and
    /// 30 s since they began or since the last copy.
    pub fn needs_autosave(&self, now: SystemTime) -> bool {
        self.autosave_due_in(now).is_some_and(|wait| wait.is_zero())
    }

    /// How long until the recovery copy is due (zero once it is), while
    /// changes wait for one. The window wakes up then, however long ago it
    /// last drew: a slow frame or a tooltip must not postpone the copy.
    pub fn autosave_due_in(&self, now: SystemTime) -> Option<std::time::Duration> {
        if self.dirs.is_none() || !self.dirty || self.generation == self.autosaved_generation {
            return None;
        }
        let elapsed = now.duration_since(self.autosave_base?).ok()?;
        Some(AUTOSAVE_INTERVAL.saturating_sub(elapsed))
    }

    /// Write the recovery copy now.
    pub fn autosave_now(&mut self, now: SystemTime) {
        let Some(dirs) = &self.dirs else {
            return;
        };
        self.autosave_base = Some(now);
        match autosave::write(&dirs.recovery_dir(), &self.doc, self.path.as_deref(), now) {
            Ok(()) => {
                self.autosaved_generation = self.generation;
                self.last_autosave = Some(now);
                self.recovery_written = true;
            }
            Err(e) => {
                self.status = Some(StatusMessage::error(format!("自动保存失败：{e}")));
            }
        }
    }

    /// Remove this document's recovery copy (saved or discarded).
    pub(super) fn remove_own_recovery(&mut self) {
        if !std::mem::take(&mut self.recovery_written) {
            return;
        }
        if let Some(dirs) = &self.dirs {
            autosave::remove(&dirs.recovery_dir(), self.path.as_deref());
        }
    }

    /// When the next recovery copy falls due (for the UI's repaint timer, so
    /// an idle editor needs no frames until then).
    pub fn autosave_due_at(&self) -> Option<SystemTime> {
        let pending_changes = self.dirty && self.generation != self.autosaved_generation;
        match (&self.dirs, pending_changes) {
            (Some(_), true) => self.autosave_base.map(|b| b + AUTOSAVE_INTERVAL),
            _ => None,
        }
    }

    /// Show the next recovery copy found at start-up, if any.
    pub(super) fn offer_next_recovery(&mut self) {
        if let Some(copy) = self.recovery_queue.pop() {
            self.pending = Some(Pending::Recovery(copy));
        }
    }

    /// The recovery copy being offered.
    pub fn recovery_offer(&self) -> Option<&super::RecoveryCopy> {
        match &self.pending {
            Some(Pending::Recovery(copy)) => Some(copy),
            _ => None,
        }
    }

    pub(super) fn restore_recovery(&mut self, copy: super::RecoveryCopy) {
        let doc = match copy.load() {
            Ok(doc) => doc,
            Err(e) => {
                self.show_error("无法恢复", format!("自动保存的副本无法读取。{e}"), false);
                return;
            }
        };
        let Some(t) = crate::template::get(&doc.template) else {
            self.show_error(
                "无法恢复",
                "副本使用了未知的模板 (unknown template)".into(),
                false,
            );
            return;
        };
        self.replace_document(doc, t, copy.info.original.clone(), true);
        // The copy on disk is this very state: no autosave due until the next edit.
        self.autosaved_generation = self.generation;
        self.last_autosave = Some(copy.written());
        self.recovery_written = true;
        self.status = Some(StatusMessage::info("已恢复自动保存的副本，请检查后保存。"));
    }

    pub(super) fn discard_recovery(&mut self, copy: super::RecoveryCopy) {
        copy.remove();
        self.offer_next_recovery();
    }
}

/// Remember where last year's report was read from (shown in the hover).
fn set_source(doc: &mut Document, path: &Path) {
    if let Some(prev) = doc.previous.as_mut() {
        prev.source = Some(path.display().to_string());
    }
}
