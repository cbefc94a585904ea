//! The desktop editor (编辑器), built on eframe / egui.

pub mod fonts;
pub mod state;

use std::path::PathBuf;
use std::process::ExitCode;

/// Open the editor, optionally with a file.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let _ = file;
    ExitCode::SUCCESS
}
