//! What 复制为网页格式 and 打印 hand to the operating system: the report as an
//! HTML fragment with its plain-text alternative, and a print copy of the
//! HTML page on disk. The state only makes them; `app::system` delivers them
//! (clipboard, browser), so this stays testable without a desktop.

use std::path::PathBuf;

use super::{EditorState, StatusMessage};
use crate::document::file;
use crate::export;

/// The folder of print copies, under the system's temporary folder: a print
/// copy is written again on every 打印 and is never the clerk's own file.
fn print_folder() -> PathBuf {
    std::env::temp_dir().join("nianbao-print")
}

impl EditorState {
    /// The report for the clipboard: (HTML with inline styles, plain text).
    pub fn clipboard_report(&self) -> (String, String) {
        (
            export::to_html_fragment(&self.doc, self.template),
            export::to_text(&self.doc, self.template),
        )
    }

    /// Write the print copy (the HTML page that opens the browser's print
    /// dialog); on failure the status says why and nothing is returned.
    pub fn write_print_copy(&mut self) -> Option<PathBuf> {
        let folder = print_folder();
        let path = folder.join(export::default_file_name(&self.doc, "html"));
        let page = export::to_print_html(&self.doc, self.template);
        let written = std::fs::create_dir_all(&folder)
            .map_err(|e| e.to_string())
            .and_then(|()| file::write_atomic(&path, page.as_bytes()).map_err(|e| e.to_string()));
        match written {
            Ok(()) => Some(path),
            Err(e) => {
                self.status = Some(StatusMessage::error(format!(
                    "无法写出打印版：{e}（{}）",
                    folder.display()
                )));
                None
            }
        }
    }

    /// Say in the status bar how a hand-over to the system went.
    pub fn tell(&mut self, message: StatusMessage) {
        self.status = Some(message);
    }
}
