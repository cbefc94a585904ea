//! What the window tests share: an office-size window around the real
//! `NianbaoApp`, a state with no disk and scripted dialogs, and what a frame
//! put on the clipboard.

use eframe::egui::OutputCommand;
use egui_kittest::Harness;
use nianbao::app::state::{system_clock, EditorState, Env, ScriptedDialogs};
use nianbao::app::NianbaoApp;
use nianbao::document::Document;

/// `doc` in an editor with no settings on disk and `dialogs` answering the
/// file dialogs.
pub fn state_with(doc: Document, dialogs: &ScriptedDialogs) -> EditorState {
    let template = nianbao::template::get(&doc.template).expect("template of the document");
    let env = Env {
        dirs: None,
        dialogs: Box::new(dialogs.clone()),
        clock: system_clock(),
    };
    EditorState::with_env(doc, template, env)
}

/// The whole window, 1366 × 768 (an office screen), as the clerk sees it.
pub fn window(app: NianbaoApp) -> Harness<'static, NianbaoApp> {
    Harness::builder()
        .with_size([1366.0, 768.0])
        .with_context_setup(NianbaoApp::setup)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.show(ui), app)
}

/// What the frame just run put on the clipboard.
pub fn copied(h: &Harness<'_, NianbaoApp>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}
