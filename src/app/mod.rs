//! The desktop editor (编辑器), built on eframe / egui.
