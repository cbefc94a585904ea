//! The desktop editor (编辑器), built on eframe / egui. [`state`] holds the
//! report and every command; [`ui`] draws it and turns input into commands.

pub mod fonts;
pub mod render;
pub mod startup;
pub mod state;
pub mod system;
pub mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

use eframe::egui;
use egui::ViewportCommand;

use state::{Command, EditorState, FileKind, StatusMessage, AUTOSAVE_INTERVAL};
use system::{OsServices, SystemServices};
use ui::dialogs::{self, Dialog, NewForm, Outcome};
use ui::keys;
use ui::menu::{self, Action, Availability, MenuInfo};
use ui::View;

/// eframe's name for the editor (its storage folder).
const APP_ID: &str = "nianbao";

/// Smallest window that still shows the grid of 表三 without clipping.
const MIN_WINDOW: [f32; 2] = [960.0, 600.0];

/// How often the window looks at a running roll-up's progress.
const ROLLUP_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// The editor: its state and the window around it.
pub struct NianbaoApp {
    pub state: EditorState,
    pub view: View,
    /// `ViewportCommand::Close` was sent after the clerk agreed.
    closing: bool,
    /// The clipboard's HTML flavour and the browser.
    services: Box<dyn SystemServices>,
}

impl NianbaoApp {
    pub fn new(state: EditorState) -> NianbaoApp {
        NianbaoApp {
            state,
            view: View::default(),
            closing: false,
            services: Box::new(OsServices::default()),
        }
    }

    /// The editor with scripted system services (tests).
    pub fn with_services(state: EditorState, services: Box<dyn SystemServices>) -> NianbaoApp {
        NianbaoApp {
            services,
            ..NianbaoApp::new(state)
        }
    }

    /// Ask what the clerk came to do (the start offer), unless a question
    /// (a recovery copy to restore) is already waiting.
    pub fn offer_start(&mut self) {
        if self.state.pending().is_none() {
            let last = self.state.recent_files().first().cloned();
            self.view.dialog = Some(ui::dialogs::Dialog::Welcome { last });
        }
    }

    /// Prepare an egui context once: fonts with Chinese glyphs, and zoom
    /// through the settings (the menu's 放大 / 缩小) instead of egui's own keys.
    pub fn setup(ctx: &egui::Context) {
        fonts::install(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }

    /// One frame of the whole window. Tests call this through a harness.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.view.apply_settings(&ctx, &self.state);
        self.handle_close_request(&ctx);
        let ime_busy = keys::track_ime(&ctx, &mut self.view);
        let modal = self.view.dialog.is_some()
            || self.view.import.is_modal()
            || self.state.pending().is_some()
            || self.state.file_request().is_some();
        if !ime_busy && !modal {
            self.handle_keys(&ctx);
        }
        self.sync_focus(&ctx);
        self.view.update_selection(&self.state);

        let action = self.draw_panels(ui);
        if let Some(action) = action {
            self.perform(&ctx, action);
        }
        self.draw_dialogs(&ctx);
        self.apply_commands(&ctx);
        self.after_frame(&ctx);
    }

    fn draw_panels(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let frame = ui::Frame { state: &self.state };
        let view = &mut self.view;
        let info = MenuInfo {
            recent: frame.state.recent_files(),
            now: Availability::of(frame.state),
        };
        let action = egui::Panel::top("menu")
            .show(ui, |ui| menu::show(ui, &info))
            .inner;
        egui::Panel::bottom("status").show(ui, |ui| ui::status::show(ui, &frame));
        egui::Panel::left("outline")
            .default_size(190.0)
            .size_range(150.0..=320.0)
            .show(ui, |ui| ui::outline::show(ui, &frame, view));
        if frame.state.settings.show_problems {
            egui::Panel::right("problems")
                .default_size(300.0)
                .size_range(200.0..=520.0)
                .show(ui, |ui| ui::problems::show(ui, &frame, view));
        }
        egui::CentralPanel::default().show(ui, |ui| ui::form::show(ui, &frame, view));
        action
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        for action in ui::actions::pressed(ctx) {
            self.perform(ctx, action);
        }
        keys::grid(ctx, &mut self.view, &self.state);
    }

    /// When the state moved the focus (Tab, Enter, a problem clicked, undo),
    /// move egui's keyboard focus to that field and scroll it into view.
    fn sync_focus(&mut self, ctx: &egui::Context) {
        if self.state.focus == self.view.synced_focus {
            return;
        }
        if let Some(address) = &self.state.focus {
            let id = ui::field_id(address);
            ctx.memory_mut(|m| m.request_focus(id));
            self.view.scroll_to_focus = true;
        }
        self.view.synced_focus = self.state.focus.clone();
    }

    fn perform(&mut self, ctx: &egui::Context, action: Action) {
        let view = &mut self.view;
        let file_cmd = |view: &mut View, cmd: Command| {
            view.leave_edit();
            view.send(cmd);
        };
        match action {
            Action::New => {
                view.leave_edit();
                let defaults = self.state.new_report_defaults();
                view.dialog = Some(Dialog::New(NewForm::new(&defaults)));
            }
            Action::NewFromLastYear => file_cmd(view, Command::NewFromLastYearDialog),
            Action::Open => file_cmd(view, Command::OpenDialog),
            Action::OpenRecent(path) => file_cmd(view, Command::Open(path)),
            Action::Save => file_cmd(view, Command::Save),
            Action::SaveAs => file_cmd(view, Command::SaveAsDialog),
            Action::ExportText => file_cmd(view, Command::ExportDialog(FileKind::Text)),
            Action::ExportMarkdown => file_cmd(view, Command::ExportDialog(FileKind::Markdown)),
            Action::ExportHtml => file_cmd(view, Command::ExportDialog(FileKind::Html)),
            Action::ExportWord => file_cmd(view, Command::ExportDialog(FileKind::Word)),
            Action::Print => {
                view.leave_edit();
                self.apply_commands(ctx);
                self.print();
            }
            Action::CopyAsHtml => {
                view.leave_edit();
                self.apply_commands(ctx);
                self.copy_as_html(ctx);
            }
            Action::LinkLastYear => file_cmd(view, Command::LinkLastYearDialog),
            Action::Import => {
                view.leave_edit();
                view.import.open_dialog();
            }
            Action::ShowImportReport => view.import.report_open = true,
            Action::Rollup => file_cmd(view, Command::RollupDialog),
            Action::CountyRules => {
                let form = ui::county_rules::CountyRulesForm::new(
                    &self.state.settings,
                    self.state.template,
                );
                view.dialog = Some(Dialog::CountyRules(form));
            }
            Action::ShowComparison => file_cmd(view, Command::ShowComparison),
            Action::Quit => {
                view.leave_edit();
                self.apply_commands(ctx);
                if self.state.request_close() {
                    self.close(ctx);
                }
            }
            Action::Undo => keys::undo(view),
            Action::Redo => {
                view.flush_edit();
                view.send(Command::Redo);
            }
            Action::FillBlanksWithZero => file_cmd(view, Command::FillBlanksWithZero),
            Action::FillTotals => file_cmd(view, Command::FillTotals),
            Action::ToggleProblems => view.send(Command::ToggleProblems),
            Action::TogglePrevious => view.send(Command::TogglePrevious),
            Action::ZoomIn => view.send(Command::ZoomIn),
            Action::ZoomOut => view.send(Command::ZoomOut),
            Action::ZoomReset => view.send(Command::ZoomReset),
            Action::ToggleTheme => view.send(Command::ToggleDark),
            Action::Help => view.dialog = Some(Dialog::Help),
            Action::FormatHelp => view.dialog = Some(Dialog::FormatHelp),
            Action::About => view.dialog = Some(Dialog::About),
        }
    }

    /// 打印: the print copy opens in the browser, whose print dialog the
    /// clerk already knows (printer, copies, double-sided).
    fn print(&mut self) {
        let Some(path) = self.state.write_print_copy() else {
            return;
        };
        let message = match self.services.open_in_browser(&path) {
            Ok(()) => StatusMessage::info(format!(
                "打印版已在浏览器中打开，请在浏览器的打印对话框中打印（{}）",
                path.display()
            )),
            Err(e) => StatusMessage::error(format!(
                "未能打开浏览器：请用浏览器打开 {} 后打印（{e}）",
                path.display()
            )),
        };
        self.state.tell(message);
    }

    /// 复制为网页格式: the report as HTML with a plain-text alternative;
    /// where the clipboard takes no HTML, the plain text at least.
    fn copy_as_html(&mut self, ctx: &egui::Context) {
        let (html, text) = self.state.clipboard_report();
        let message = match self.services.copy_html(&html, &text) {
            Ok(()) => StatusMessage::info(
                "已复制为网页格式：可粘贴到网站编辑器或 WPS，表格保持合并单元格",
            ),
            Err(e) => {
                ctx.copy_text(text);
                StatusMessage::error(format!("剪贴板不接受网页格式，已复制为纯文本（{e}）"))
            }
        };
        self.state.tell(message);
    }

    fn draw_dialogs(&mut self, ctx: &egui::Context) {
        ui::import_dialog::draw(ctx, &self.state, &mut self.view);
        ui::county::draw(ctx, &self.state, &mut self.view);
        ui::compare_view::draw(ctx, &self.state, &mut self.view);
        ui::chooser::draw(ctx, &self.state, &mut self.view);
        if let Some(answer) = ui::questions::show(ctx, &self.state) {
            self.view.leave_edit();
            self.apply_commands(ctx);
            self.state.answer(answer);
            if self.state.close_approved() {
                self.close(ctx);
            }
            ctx.request_repaint();
        }
        if let Some(dialog) = self.view.dialog.as_mut() {
            match dialogs::show(ctx, dialog, self.state.template) {
                Outcome::Open => {}
                Outcome::Closed => self.view.dialog = None,
                Outcome::Create(spec) => {
                    self.view.dialog = None;
                    self.view.send(Command::New(spec));
                }
                Outcome::Act(action) => {
                    self.view.dialog = None;
                    self.perform(ctx, action);
                }
                Outcome::Send(cmd) => {
                    self.view.dialog = None;
                    self.view.send(cmd);
                }
            }
        }
    }

    /// Apply this frame's commands, then draw once more so the window shows
    /// their result (egui only redraws on input).
    fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.view.commands.is_empty() {
            return;
        }
        for cmd in std::mem::take(&mut self.view.commands) {
            self.state.apply(cmd);
        }
        if let (Some(caret), Some(address)) =
            (self.state.take_draft_caret(), self.state.focus.clone())
        {
            self.view.place_caret = Some((address, caret, caret));
            // Back into the field, even if the state's focus did not change.
            self.view.synced_focus = None;
        }
        ctx.request_repaint();
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.closing {
            return;
        }
        self.view.leave_edit();
        self.apply_commands(ctx);
        if self.state.request_close() {
            self.state.save_settings();
        } else {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
    }

    fn close(&mut self, ctx: &egui::Context) {
        self.state.save_settings();
        self.closing = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// Title, autosave, and the only timers: the 30 s autosave tick while
    /// there are unsaved changes, and the roll-up's progress while one is
    /// read. Otherwise nothing repaints while idle.
    fn after_frame(&mut self, ctx: &egui::Context) {
        let title = self.state.window_title();
        if title != self.view.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.view.title = title;
        }
        let now = self.state.now();
        let reading = self.state.county_job().is_some();
        self.state.tick(now);
        if reading {
            // The roll-up's thread reports through atomics: look again soon
            // for the progress bar, and draw once more when it is done.
            ctx.request_repaint_after(ROLLUP_POLL);
        }
        if let Some(wait) = self.state.autosave_due_in(now) {
            // Not sooner than a tenth of a second: a clock that stands still
            // (or went back) must not spin the window.
            ctx.request_repaint_after(wait.max(std::time::Duration::from_millis(100)));
        } else if self.state.dirty {
            ctx.request_repaint_after(AUTOSAVE_INTERVAL);
        }
    }
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.save_settings();
    }
}

/// Open the editor, optionally with a file, drawn with OpenGL or, where
/// OpenGL cannot open the window, on the CPU ([`render`]).
pub fn run(file: Option<PathBuf>) -> ExitCode {
    match render::Choice::from_env() {
        render::Choice::Software => run_software(file),
        render::Choice::Gl => run_gl(file, false),
        render::Choice::Auto => run_gl(file, true),
    }
}

/// The window as the head start prepares it, for both renderers.
fn window_builder() -> egui::ViewportBuilder {
    egui::ViewportBuilder::default()
        // The report's own title follows with the first frame.
        .with_title("年报")
        .with_inner_size(startup::WINDOW_SIZE)
        .with_maximized(true)
        .with_min_inner_size(MIN_WINDOW)
}

/// eframe's OpenGL window. The report is read and the first frame laid out
/// while the window opens ([`startup`]). If OpenGL fails before the editor
/// exists and `may_fall_back`, the CPU renderer takes over.
fn run_gl(file: Option<PathBuf>, may_fall_back: bool) -> ExitCode {
    let ctx = startup::context(APP_ID);
    let preparing = startup::Preparing::start(&ctx, file);
    let options = eframe::NativeOptions {
        viewport: window_builder(),
        // Added by `startup::context`, before the first pass builds the fonts.
        system_font_fallback: false,
        ..Default::default()
    };
    let created = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor_made = created.clone();
    let result = eframe::run_native_ext(
        APP_ID,
        options,
        Some(ctx),
        Box::new(move |_cc| {
            editor_made.store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(Box::new(preparing.finish()))
        }),
    );
    let e = match result {
        Ok(()) => return ExitCode::SUCCESS,
        Err(e) => e,
    };
    if !may_fall_back || created.load(std::sync::atomic::Ordering::SeqCst) {
        cannot_open(&format!("无法打开编辑器窗口 ({e})"));
        return ExitCode::FAILURE;
    }
    match render::rerun_in_software(&e.to_string()) {
        Ok(code) => code,
        Err(spawn) => {
            cannot_open(&format!(
                "无法打开编辑器窗口：显卡绘制不可用，软件绘制也未能启动 ({e}; {spawn})"
            ));
            ExitCode::FAILURE
        }
    }
}

/// The CPU-drawn window ([`render::software`]), saying once why.
fn run_software(file: Option<PathBuf>) -> ExitCode {
    let ctx = startup::context(APP_ID);
    let offer_start = file.is_none();
    let state = EditorState::start(file, state::Env::platform());
    let mut app = startup::prepare(&ctx, state, offer_start);
    app.state.status = Some(StatusMessage::info(render::notice()));
    match render::software::run(ctx, app, window_builder()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cause) => {
            cannot_open(&format!(
                "无法打开编辑器窗口：显卡绘制与软件绘制都不可用 ({cause})"
            ));
            ExitCode::FAILURE
        }
    }
}

/// Say that no window could be opened: on the terminal, and in a system
/// message box, because a double-clicked editor on Windows has no terminal.
fn cannot_open(message: &str) {
    eprintln!("{message}");
    let advice = "可设置环境变量 NIANBAO_RENDERER=software 后重试；命令行功能（nianbao validate、export 等）不受影响。";
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("年报")
        .set_description(format!("{message}\n\n{advice}"))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}
