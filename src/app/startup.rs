//! Start-up (启动): the report is read and the window's first frame laid out
//! on a second thread while the main thread opens the window.
//!
//! Why: the first frame shapes and rasterises every glyph on screen, which
//! under software GL took about as long as opening the window, and reading
//! the report came before both. egui keeps its glyph atlas and laid-out text
//! in the [`egui::Context`], so one pass run on that same context before the
//! window exists does the work while the window is being made (eframe takes
//! the context from `run_native_ext`). The pass's font-texture upload is
//! queued again, so it reaches the GPU with the window's first frame.
//!
//! Everything here is a head start only: if a guess below does not hold
//! (another screen scale, another GPU limit), egui lays the frame out again
//! and the window is just as correct, only no faster.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use eframe::egui;
use egui::{Pos2, RawInput, Rect, ViewportId, ViewportInfo};

use super::state::{EditorState, Env};
use super::NianbaoApp;

/// The window's inner size asked of the system (and under Xvfb the size it gets).
pub const WINDOW_SIZE: [f32; 2] = [1366.0, 768.0];

/// The texture size most GL drivers allow (Mesa, Intel, AMD). The glyph
/// atlas is as wide as this; another value makes egui start a fresh atlas.
const LIKELY_MAX_TEXTURE_SIDE: usize = 16 * 1024;

/// Where eframe keeps its state (`app.ron`) and the key of egui's memory in
/// it: eframe loads that memory only into contexts it makes itself.
const EGUI_MEMORY_KEY: &str = "egui";

/// The editor being made ready on the second thread.
pub struct Preparing(JoinHandle<NianbaoApp>);

impl Preparing {
    /// Start reading `file` (or preparing the start offer) and laying out
    /// the first frame on `ctx`.
    pub fn start(ctx: &egui::Context, file: Option<PathBuf>) -> Preparing {
        let ctx = ctx.clone();
        Preparing(std::thread::spawn(move || {
            let offer_start = file.is_none();
            prepare(&ctx, EditorState::start(file, Env::platform()), offer_start)
        }))
    }

    /// The editor, once it is ready. A panic on the second thread is passed on.
    pub fn finish(self) -> NianbaoApp {
        match self.0.join() {
            Ok(app) => app,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

/// The editor for `state`, styled and with its first frame laid out on `ctx`.
pub fn prepare(ctx: &egui::Context, state: EditorState, offer_start: bool) -> NianbaoApp {
    let mut app = NianbaoApp::new(state);
    // Theme and zoom before the first frame: otherwise the first picture is
    // egui's dark default, redrawn once styled.
    app.view.apply_settings(ctx, &app.state);
    if offer_start {
        app.offer_start();
    }
    lay_out_first_frame(ctx, &mut app);
    app
}

/// The context eframe would make (desktop viewports, two passes, egui's
/// remembered memory such as panel widths) with the editor's fonts and the
/// system font fallback already in place, so the fonts the first pass builds
/// are the ones the window keeps.
pub fn context(app_id: &str) -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_embed_viewports(false);
    ctx.options_mut(|o| {
        if let Ok(passes) = 2.try_into() {
            o.max_passes = passes;
        }
    });
    if let Some(memory) = remembered_memory(app_id) {
        ctx.memory_mut(|m| *m = memory);
    }
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    NianbaoApp::setup(&ctx);
    ctx
}

/// egui's memory as eframe saved it on the last exit, if it can be read.
fn remembered_memory(app_id: &str) -> Option<egui::Memory> {
    let path = eframe::storage_dir(app_id)?.join("app.ron");
    let text = std::fs::read_to_string(path).ok()?;
    let values: std::collections::HashMap<String, String> = ron::from_str(&text).ok()?;
    ron::from_str(values.get(EGUI_MEMORY_KEY)?).ok()
}

/// One pass of the whole window at the size it asks for. Its shapes are
/// dropped; the glyph atlas it filled is queued for the first real frame.
fn lay_out_first_frame(ctx: &egui::Context, app: &mut NianbaoApp) {
    let mut output = ctx.run_ui(window_input(), |ui| app.show(ui));
    // The window-title command went out with the dropped output: send it again.
    app.view.title.clear();
    let textures = ctx.tex_manager();
    let mut textures = textures.write();
    for (id, deltas) in std::mem::take(&mut output.textures_delta.set) {
        for delta in deltas {
            textures.set(id, delta);
        }
    }
    // A texture freed in this pass never reached the GPU: nothing to free there.
    output.textures_delta.clear();
}

/// The input of a window of [`WINDOW_SIZE`] at scale 1 with no pointer yet.
fn window_input() -> RawInput {
    let size = egui::Vec2::from(WINDOW_SIZE);
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        max_texture_side: Some(LIKELY_MAX_TEXTURE_SIDE),
        ..Default::default()
    };
    input.viewports.insert(
        ViewportId::ROOT,
        ViewportInfo {
            native_pixels_per_point: Some(1.0),
            ..Default::default()
        },
    );
    input
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Env;
    use egui::{TextureId, ViewportCommand};

    fn sample() -> EditorState {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/sample-gk2021.ron"
        );
        EditorState::start(Some(path.into()), Env::headless())
    }

    /// The window's first frame finds its text laid out: it rasterises no
    /// glyph of its own, it uploads the whole atlas the head start filled,
    /// and it still sets the report's title.
    #[test]
    fn the_first_frame_reuses_the_head_start() {
        let ctx = egui::Context::default();
        NianbaoApp::setup(&ctx);
        let mut app = prepare(&ctx, sample(), false);
        let laid_out = ctx.fonts(|f| f.num_galleys_in_cache());
        let filled = ctx.fonts(|f| f.font_atlas_fill_ratio());
        assert!(
            laid_out > 100,
            "the form's text is laid out ({laid_out} texts)"
        );

        let mut output = ctx.run_ui(window_input(), |ui| app.show(ui));
        assert_eq!(ctx.fonts(|f| f.font_atlas_fill_ratio()), filled);

        let font = output
            .textures_delta
            .set
            .get(&TextureId::default())
            .expect("the font atlas is uploaded with the first frame");
        assert_eq!(font.len(), 1, "no glyph is rasterised a second time");
        assert!(font[0].pos.is_none(), "the whole atlas, not a part of it");
        let egui::ImageData::Color(atlas) = &font[0].image;
        let inked = atlas.pixels.iter().filter(|p| p.a() > 0).count();
        assert!(
            inked > 20_000,
            "the atlas holds the report's glyphs ({inked} px)"
        );
        output.textures_delta.clear();

        let commands = &output.viewport_output[&ViewportId::ROOT].commands;
        assert!(
            commands
                .iter()
                .any(|c| matches!(c, ViewportCommand::Title(t) if t.contains("云溪镇"))),
            "{commands:?}"
        );
    }
}
