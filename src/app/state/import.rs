//! 导入已发布的报告: a published report (a file or pasted text) becomes a new,
//! unsaved document, and the import report (what was placed, what was not
//! and why) stays available until the clerk dismisses it.

use std::path::Path;
use std::time::SystemTime;

use crate::document::Address;
use crate::import::{self, Import, Placed, SourceFormat, Unplaced};

use super::files::FileKind;
use super::{Command, EditorState, StatusMessage};

/// The 模板 choice of the import dialog: recognize it, or force one.
pub type TemplateChoice = Option<String>;

/// What an import did, kept for the 导入报告 window.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// Where the report came from (file path or 粘贴的文本).
    pub source: String,
    /// Template id used.
    pub template: String,
    /// How the template, unit, year … were determined.
    pub notes: Vec<crate::import::ImportNote>,
    pub matched: Vec<Placed>,
    pub unplaced: Vec<Unplaced>,
    /// How many cells were blank in the source (kept 未填写).
    pub blanks: usize,
    /// The full text report, as `nianbao import` prints it.
    pub text: String,
    /// When it was imported (by the editor's clock): tells the window a new
    /// report arrived, so it opens by itself.
    pub imported_at: SystemTime,
}

impl ImportReport {
    fn of(import: &Import, source: String, imported_at: SystemTime) -> ImportReport {
        ImportReport {
            source,
            template: import.template.clone(),
            notes: import.notes.clone(),
            matched: import.matched.clone(),
            unplaced: import.unplaced.clone(),
            blanks: import.blanks.len(),
            text: import.report_text(),
            imported_at,
        }
    }

    /// One line for the window's head and the status bar.
    pub fn summary(&self) -> String {
        format!(
            "已放置 {} 个单元格，空白 {} 个（保持未填写），未能放置 {} 项。",
            self.matched.len(),
            self.blanks,
            self.unplaced.len()
        )
    }

    /// Placed values that need the clerk's attention (text where a number belongs).
    pub fn flagged(&self) -> impl Iterator<Item = &Placed> {
        self.matched.iter().filter(|p| p.note.is_some())
    }
}

/// The cell an unplaced item most likely belonged to, when the importer
/// named any (ambiguity): clicking the item focuses it.
pub fn unplaced_target(item: &Unplaced) -> Option<Address> {
    item.candidates.first().cloned().map(Address::Cell)
}

/// The cell a placed value went to.
pub fn placed_target(item: &Placed) -> Address {
    Address::Cell(item.cell.clone())
}

/// The template choices offered, `(id, name)`; `None` is 自动识别.
pub fn template_choices() -> Vec<(TemplateChoice, String)> {
    let mut out = vec![(None, "自动识别".to_string())];
    out.extend(
        crate::template::all()
            .iter()
            .map(|t| (Some(t.id.clone()), t.name.clone())),
    );
    out
}

impl EditorState {
    /// The last import's report, until dismissed or another document is opened.
    pub fn import_report(&self) -> Option<&ImportReport> {
        self.import_report.as_ref()
    }

    /// Import commands: unsaved changes are settled first (保存 / 不保存 / 取消).
    pub(super) fn apply_import_command(&mut self, cmd: Command) {
        if !matches!(cmd, Command::DismissImportReport) && !self.guard_discard(&cmd) {
            return;
        }
        match cmd {
            Command::ImportFile { path, template } => self.import_file(&path, template),
            Command::ImportFileDialog { template } => self.ask_open(
                "导入已发布的报告",
                FileKind::Published,
                super::chooser::Purpose::Import { template },
            ),
            Command::ImportText { text, template } => self.import_text(&text, template),
            Command::DismissImportReport => self.import_report = None,
            _ => {}
        }
    }

    fn import_file(&mut self, path: &Path, template: TemplateChoice) {
        match import::import_file_as(path, template.as_deref()) {
            Ok(result) => self.take_import(result, path.display().to_string()),
            Err(e) => self.show_error("无法导入", format!("{e}\n当前文档没有改动。"), false),
        }
    }

    fn import_text(&mut self, text: &str, template: TemplateChoice) {
        if text.trim().is_empty() {
            self.show_error(
                "无法导入",
                "没有可导入的内容：请先粘贴报告全文 (pasted text is empty)".to_string(),
                false,
            );
            return;
        }
        let result = import::import_str(text, SourceFormat::sniff(text), template.as_deref());
        self.take_import(result, "粘贴的文本".to_string());
    }

    /// Open the imported document as a new, unsaved one and keep its report.
    fn take_import(&mut self, result: Import, source: String) {
        let Some(t) = crate::template::get(&result.template) else {
            self.show_error(
                "无法导入",
                format!(
                    "导入结果使用了未知的模板 {} (unknown template)",
                    result.template
                ),
                false,
            );
            return;
        };
        let report = ImportReport::of(&result, source, self.now());
        self.replace_document(result.document, t, None, true);
        self.status = Some(StatusMessage::info(format!(
            "已导入，请核对后另存为年报文件。{}",
            report.summary()
        )));
        self.import_report = Some(report);
    }
}
