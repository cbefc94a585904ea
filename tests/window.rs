//! Every test of the editor (the `gui` feature), in one binary: the state
//! and its commands, the window through egui_kittest, a long day of edits.
//! One binary links eframe once instead of six times.

#[path = "app_import.rs"]
mod app_import;
#[path = "app_state.rs"]
mod app_state;
/// Generated reports for the county and comparison tests.
#[path = "rollup/gen.rs"]
mod gen;
#[path = "gui.rs"]
mod gui;
#[path = "gui_county.rs"]
mod gui_county;
#[path = "gui_desktop.rs"]
mod gui_desktop;
#[path = "gui_import.rs"]
mod gui_import;
#[path = "gui_prose.rs"]
mod gui_prose;
#[path = "gui_publish.rs"]
mod gui_publish;
#[path = "long_day.rs"]
mod long_day;
#[path = "window_harness.rs"]
mod window_harness;
