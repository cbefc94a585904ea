//! The editor's window without a graphics driver: winit for the window and
//! input, egui-winit for egui's input and platform output (clipboard, IME,
//! cursor), [`super::raster`] for the pixels and softbuffer to put them on
//! screen (X11 shared memory, Wayland shm, GDI on Windows).
//!
//! Why: eframe draws with OpenGL, and a remote desktop, an old driver
//! (GL 1.1, GLSL below what egui asks) or a broken Mesa leaves no GL at all;
//! a clerk must still get the editor. Every feature works here, the
//! screen reader's AccessKit tree included; only the window's remembered
//! panel widths (eframe's storage) are not kept. Frames cost some CPU, and
//! egui still draws only when something changed.

use std::num::NonZeroU32;
use std::rc::Rc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui::{ViewportCommand, ViewportEvent, ViewportId, ViewportInfo};
use winit::application::ApplicationHandler;
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop, EventLoopProxy};
use winit::window::{Window, WindowId};

use egui_winit::accesskit_winit;

use super::raster::{Canvas, Raster};
use crate::app::NianbaoApp;

/// The largest texture side we accept from egui: the font atlas grows
/// sideways up to this, and a CPU has no GPU limit to report.
const MAX_TEXTURE_SIDE: usize = 8 * 1024;

/// What wakes the event loop besides the window's own events.
#[derive(Debug)]
pub enum Wake {
    /// A repaint egui asked for (its repaint callback), after this delay.
    Repaint(Duration),
    /// A screen reader asked for the tree or for an action.
    AccessKit(accesskit_winit::Event),
}

impl From<accesskit_winit::Event> for Wake {
    fn from(event: accesskit_winit::Event) -> Wake {
        Wake::AccessKit(event)
    }
}

/// What one pass of the editor leaves to do.
struct Pass {
    shapes: Vec<egui::epaint::ClippedShape>,
    pixels_per_point: f32,
    repaint_delay: Duration,
    /// Textures to drop once the frame is drawn.
    freed: Vec<egui::TextureId>,
    /// The editor agreed to close (or asked to).
    closing: bool,
}

/// Split a frame's input so that each pass sees one action: one key (with
/// the text it typed), one paste, one click. Why: a software frame takes
/// longer than a keystroke, and the editor, like any egui program, reads
/// "was Down pressed" once per pass; two arrows and a digit arriving
/// together would otherwise move once and type in the wrong cell. Only the
/// last pass is drawn.
pub fn one_action_each(mut raw: egui::RawInput) -> Vec<egui::RawInput> {
    use egui::Event;
    let events = std::mem::take(&mut raw.events);
    let mut groups: Vec<Vec<Event>> = vec![Vec::new()];
    let mut group_has_action = false;
    let mut after_key = false;
    for event in events {
        let starts_action = match &event {
            Event::Key { pressed: true, .. }
            | Event::Paste(_)
            | Event::Copy
            | Event::Cut
            | Event::Ime(_)
            | Event::PointerButton { pressed: true, .. } => true,
            // The text a key typed goes with that key.
            Event::Text(_) => !after_key,
            _ => false,
        };
        after_key = matches!(event, Event::Key { pressed: true, .. })
            || (after_key && matches!(event, Event::Text(_)));
        if starts_action && group_has_action {
            groups.push(Vec::new());
            group_has_action = false;
        }
        group_has_action |= starts_action;
        if let Some(group) = groups.last_mut() {
            group.push(event);
        }
    }
    let mut later = raw.clone();
    later.dropped_files.clear();
    later.hovered_files.clear();
    for info in later.viewports.values_mut() {
        info.events.clear();
    }
    // Between two actions, a pass with no input: on a fast machine the frame
    // an action asks for (focus moved, a field laid out) comes before the
    // next key, and the editor relies on it.
    let mut passes = Vec::new();
    for (i, events) in groups.into_iter().enumerate() {
        if i > 0 {
            passes.push(later.clone());
        }
        let base = if i == 0 { raw.clone() } else { later.clone() };
        passes.push(egui::RawInput { events, ..base });
    }
    passes
}

/// The window, once winit has made it, and what draws into it.
struct Open {
    window: Rc<Window>,
    surface: softbuffer::Surface<Rc<Window>, Rc<Window>>,
    input: egui_winit::State,
    /// Shown after its first frame is drawn, as eframe does: no empty
    /// window flashes, and AccessKit's adapter exists before it is visible.
    shown: bool,
}

/// The software window's event handler: one viewport, the editor in it.
struct Runner {
    ctx: egui::Context,
    app: NianbaoApp,
    viewport: egui::ViewportBuilder,
    open: Option<Open>,
    raster: Raster,
    info: ViewportInfo,
    repaint_at: Option<Instant>,
    failure: Option<String>,
    proxy: EventLoopProxy<Wake>,
}

/// Run the editor `app` on `ctx` in a software-drawn window until it closes.
/// Errors are the cause, in English, for the caller's Chinese message.
pub fn run(
    ctx: egui::Context,
    app: NianbaoApp,
    viewport: egui::ViewportBuilder,
) -> Result<(), String> {
    let event_loop = EventLoop::<Wake>::with_user_event()
        .build()
        .map_err(|e| e.to_string())?;
    // Dialogs and menus become egui windows inside the one native window.
    ctx.set_embed_viewports(true);
    wake_on_repaint(&ctx, event_loop.create_proxy());
    let proxy = event_loop.create_proxy();
    let mut runner = Runner {
        ctx,
        app,
        viewport,
        open: None,
        raster: Raster::default(),
        info: ViewportInfo::default(),
        repaint_at: None,
        failure: None,
        proxy,
    };
    event_loop.run_app(&mut runner).map_err(|e| e.to_string())?;
    runner.failure.map_or(Ok(()), Err)
}

/// A repaint requested outside a pass (an autosave tick, a background job)
/// wakes the event loop, which schedules it after its delay.
fn wake_on_repaint(ctx: &egui::Context, proxy: EventLoopProxy<Wake>) {
    ctx.set_request_repaint_callback(move |info| {
        if let Err(_closed) = proxy.send_event(Wake::Repaint(info.delay)) {
            // The loop is gone only when the window is closing.
        }
    });
}

impl Runner {
    fn open_window(&mut self, event_loop: &ActiveEventLoop) -> Result<Open, String> {
        let hidden = self.viewport.clone().with_visible(false);
        let window =
            egui_winit::create_window(&self.ctx, event_loop, &hidden).map_err(|e| e.to_string())?;
        let window = Rc::new(window);
        let context = softbuffer::Context::new(window.clone()).map_err(|e| e.to_string())?;
        let surface =
            softbuffer::Surface::new(&context, window.clone()).map_err(|e| e.to_string())?;
        let mut input = egui_winit::State::new(
            self.ctx.clone(),
            ViewportId::ROOT,
            event_loop,
            Some(window.scale_factor() as f32),
            window.theme(),
            Some(MAX_TEXTURE_SIDE),
        );
        input.init_accesskit(event_loop, &window, self.proxy.clone());
        egui_winit::update_viewport_info(&mut self.info, &self.ctx, &window, true);
        window.request_redraw();
        Ok(Open {
            window,
            surface,
            input,
            shown: false,
        })
    }

    fn fail(&mut self, event_loop: &ActiveEventLoop, cause: String) {
        self.failure = Some(cause);
        event_loop.exit();
    }

    /// The input gathered since the last frame, run through the editor and
    /// drawn once. Closes the loop when the editor agreed to close.
    fn redraw(&mut self, event_loop: &ActiveEventLoop) -> Result<(), String> {
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        egui_winit::update_viewport_info(&mut self.info, &self.ctx, &open.window, false);
        let mut raw = open.input.take_egui_input(&open.window);
        raw.viewports.insert(ViewportId::ROOT, self.info.clone());
        self.info.events.clear();

        let mut last = None;
        let mut freed = Vec::new();
        for input in one_action_each(raw) {
            let pass = self.pass(input);
            freed.extend(pass.freed.iter().copied());
            if pass.closing {
                event_loop.exit();
                return Ok(());
            }
            last = Some(pass);
        }
        let Some(pass) = last else {
            return Ok(());
        };
        let result = match self.open.as_mut() {
            Some(open) => {
                let primitives = self.ctx.tessellate(pass.shapes, pass.pixels_per_point);
                let clear = self.ctx.global_style().visuals.panel_fill;
                present(
                    open,
                    &self.raster,
                    &primitives,
                    pass.pixels_per_point,
                    clear,
                )
            }
            None => Ok(()),
        };
        self.raster.free_textures(&freed);
        self.schedule(pass.repaint_delay);
        result
    }

    /// One egui pass of the editor: its textures uploaded, its clipboard,
    /// cursor, IME and window commands carried out; its shapes kept.
    fn pass(&mut self, input: egui::RawInput) -> Pass {
        let close_requested = input
            .viewports
            .get(&ViewportId::ROOT)
            .is_some_and(ViewportInfo::close_requested);
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.show(ui));
        // Texture uploads are applied whatever happens next; egui insists.
        let mut textures = std::mem::take(&mut output.textures_delta);
        self.raster.set_textures(&textures);
        let freed = std::mem::take(&mut textures.free).into_iter().collect();
        textures.clear();
        let (commands, repaint_delay) = output
            .viewport_output
            .remove(&ViewportId::ROOT)
            .map_or((Vec::new(), Duration::MAX), |v| {
                (v.commands, v.repaint_delay)
            });
        let cancelled = commands.contains(&ViewportCommand::CancelClose);
        let closing = commands.contains(&ViewportCommand::Close) || (close_requested && !cancelled);
        if let Some(open) = self.open.as_mut() {
            open.input
                .handle_platform_output(&open.window, std::mem::take(&mut output.platform_output));
            if !closing {
                let commands = commands
                    .into_iter()
                    .filter(|c| *c != ViewportCommand::CancelClose);
                egui_winit::process_viewport_commands(
                    &self.ctx,
                    &mut self.info,
                    commands,
                    &open.window,
                    &mut Vec::new(),
                );
            }
        }
        Pass {
            shapes: output.shapes,
            pixels_per_point: output.pixels_per_point,
            repaint_delay,
            freed,
            closing,
        }
    }

    /// A screen reader's request, as eframe answers it: the tree (egui
    /// builds it from then on, sent with each frame's platform output), an
    /// action (input for the next pass), or that nobody listens any more.
    fn on_accesskit(&mut self, event: accesskit_winit::WindowEvent) {
        match event {
            accesskit_winit::WindowEvent::InitialTreeRequested => {
                self.ctx.enable_accesskit();
                self.schedule(Duration::ZERO);
            }
            accesskit_winit::WindowEvent::ActionRequested(request) => {
                if let Some(open) = self.open.as_mut() {
                    open.input.on_accesskit_action_request(request);
                }
                self.schedule(Duration::ZERO);
            }
            accesskit_winit::WindowEvent::AccessibilityDeactivated => self.ctx.disable_accesskit(),
        }
    }

    fn schedule(&mut self, delay: Duration) {
        if delay.is_zero() {
            if let Some(open) = &self.open {
                open.window.request_redraw();
            }
        } else if let Some(at) = Instant::now().checked_add(delay) {
            self.repaint_at = Some(self.repaint_at.map_or(at, |t| t.min(at)));
        }
    }
}

/// Draw `primitives` at the window's size and put them on screen.
fn present(
    open: &mut Open,
    raster: &Raster,
    primitives: &[egui::ClippedPrimitive],
    pixels_per_point: f32,
    clear: egui::Color32,
) -> Result<(), String> {
    let size = open.window.inner_size();
    let (Some(width), Some(height)) = (NonZeroU32::new(size.width), NonZeroU32::new(size.height))
    else {
        // Minimised: nothing to show.
        return Ok(());
    };
    let mut canvas = Canvas::new(size.width as usize, size.height as usize, clear);
    raster.paint(&mut canvas, pixels_per_point, primitives);
    open.surface
        .resize(width, height)
        .map_err(|e| e.to_string())?;
    let mut buffer = open.surface.buffer_mut().map_err(|e| e.to_string())?;
    let n = buffer.len().min(canvas.pixels.len());
    buffer[..n].copy_from_slice(&canvas.pixels[..n]);
    buffer.present().map_err(|e| e.to_string())?;
    if !open.shown {
        open.window.set_visible(true);
        open.shown = true;
    }
    Ok(())
}

impl ApplicationHandler<Wake> for Runner {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.open.is_some() {
            return;
        }
        match self.open_window(event_loop) {
            Ok(open) => self.open = Some(open),
            Err(cause) => return self.fail(event_loop, cause),
        }
        // The first frame now, not on a redraw request: Windows sends no
        // WM_PAINT to a hidden window, and the window shows itself only
        // once this frame is drawn.
        if let Err(cause) = self.redraw(event_loop) {
            self.fail(event_loop, cause);
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::RedrawRequested => {
                if let Err(cause) = self.redraw(event_loop) {
                    self.fail(event_loop, cause);
                }
                return;
            }
            WindowEvent::CloseRequested => self.info.events.push(ViewportEvent::Close),
            _ => {}
        }
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let response = open.input.on_window_event(&open.window, &event);
        if response.repaint || matches!(event, WindowEvent::CloseRequested) {
            open.window.request_redraw();
        }
    }

    fn user_event(&mut self, _event_loop: &ActiveEventLoop, wake: Wake) {
        match wake {
            Wake::Repaint(delay) => self.schedule(delay),
            Wake::AccessKit(event) => self.on_accesskit(event.window_event),
        }
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        match self.repaint_at {
            Some(at) if at <= Instant::now() => {
                self.repaint_at = None;
                if let Some(open) = &self.open {
                    open.window.request_redraw();
                }
                event_loop.set_control_flow(ControlFlow::Wait);
            }
            Some(at) => event_loop.set_control_flow(ControlFlow::WaitUntil(at)),
            None => event_loop.set_control_flow(ControlFlow::Wait),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Event, Key, Modifiers};

    fn key(key: Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    }

    /// Two arrows, a digit with its text, a paste: one action a pass, an
    /// empty pass between two actions, the digit's text with its key.
    #[test]
    fn each_action_gets_its_own_pass() {
        let raw = egui::RawInput {
            events: vec![
                key(Key::ArrowDown),
                Event::PointerMoved(egui::pos2(1.0, 1.0)),
                key(Key::ArrowDown),
                key(Key::Num5),
                Event::Text("5".into()),
                Event::Paste("1\t2".into()),
            ],
            ..Default::default()
        };
        let passes = one_action_each(raw);
        let events: Vec<usize> = passes.iter().map(|p| p.events.len()).collect();
        assert_eq!(events, [2, 0, 1, 0, 2, 0, 1]);
        assert!(matches!(passes[4].events[1], Event::Text(ref t) if t == "5"));
    }

    #[test]
    fn a_quiet_frame_is_one_pass_and_a_close_request_goes_with_the_first() {
        let mut raw = egui::RawInput::default();
        let mut info = ViewportInfo::default();
        info.events.push(ViewportEvent::Close);
        raw.viewports.insert(ViewportId::ROOT, info);
        assert_eq!(one_action_each(raw.clone()).len(), 1);
        raw.events = vec![key(Key::Tab), key(Key::Tab)];
        let passes = one_action_each(raw);
        assert_eq!(passes.len(), 3);
        assert!(passes[0].viewports[&ViewportId::ROOT].close_requested());
        assert!(!passes[2].viewports[&ViewportId::ROOT].close_requested());
    }
}
