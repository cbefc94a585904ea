//! How long the editor takes for one full frame of the gk2021 form (every part
//! drawn, 1366 × 768), and from an edit to the updated findings.
//!
//! `cargo bench --bench frame` (small samples: the machine is shared).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use eframe::egui;

use nianbao::app::render::raster::{Canvas, Raster};
use nianbao::app::state::{Command, EditorState};
use nianbao::app::NianbaoApp;
use nianbao::document::{Address, CellRef, CellValue, Document, UnitLevel};

const SAMPLE: &str = "tests/fixtures/sample-gk2021.ron";

/// The filled sample report, or (until it exists) every cell filled in code.
fn filled_document() -> Document {
    if let Some(doc) = std::fs::read_to_string(SAMPLE)
        .ok()
        .and_then(|text| ron::from_str::<Document>(&text).ok())
    {
        return doc;
    }
    let template = nianbao::template::get("gk2021").expect("gk2021 template");
    let mut doc = Document::new("gk2021", "某某镇人民政府", UnitLevel::Township, 2025);
    for (i, info) in template.cells().into_iter().enumerate() {
        doc.set_cell(info.cell, Some(CellValue::Int((i % 7) as i64)));
    }
    for part in template.parts.iter().filter(|p| p.prose) {
        doc.prose.insert(
            part.key.clone(),
            "本年度，我镇认真贯彻落实政府信息公开条例。".repeat(12),
        );
    }
    doc
}

fn app() -> (egui::Context, NianbaoApp, egui::RawInput) {
    let doc = filled_document();
    let template = nianbao::template::get(&doc.template).expect("template of the sample");
    let ctx = egui::Context::default();
    NianbaoApp::setup(&ctx);
    let app = NianbaoApp::new(EditorState::new(doc, template));
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1366.0, 768.0),
        )),
        ..Default::default()
    };
    (ctx, app, input)
}

fn frame(ctx: &egui::Context, app: &mut NianbaoApp, input: &egui::RawInput) {
    let mut out = ctx.run_ui(input.clone(), |ui| app.show(ui));
    out.textures_delta.clear();
    black_box(out.shapes.len());
}

/// A fresh editor's first frame: its shapes, and the textures they draw
/// with (a fresh context uploads its whole font atlas then).
fn software_frame() -> (egui::Context, Raster, Vec<egui::epaint::ClippedShape>, f32) {
    let (ctx, mut app, input) = app();
    let mut raster = Raster::default();
    let mut out = ctx.run_ui(input, |ui| app.show(ui));
    raster.set_textures(&out.textures_delta);
    out.textures_delta.clear();
    (ctx, raster, out.shapes, out.pixels_per_point)
}

fn benches(c: &mut Criterion) {
    let (ctx, mut app, input) = app();
    for _ in 0..3 {
        frame(&ctx, &mut app, &input);
    }
    c.bench_function("full frame gk2021 (1366x768)", |b| {
        b.iter(|| frame(&ctx, &mut app, &input));
    });

    // Issue 20.3: the same frame drawn by the CPU renderer (no OpenGL):
    // tessellation and rasterisation into a 1366 × 768 frame buffer.
    let (soft_ctx, raster, shapes, ppp) = software_frame();
    let background = soft_ctx.global_style().visuals.panel_fill;
    c.bench_function("software paint gk2021 (1366x768)", |b| {
        b.iter(|| {
            let primitives = soft_ctx.tessellate(shapes.clone(), ppp);
            let mut canvas = Canvas::new(1366, 768, background);
            raster.paint(&mut canvas, ppp, &primitives);
            black_box(canvas.pixels.len())
        });
    });

    // Issue 11.5: an edit to updated findings against one full validation
    // of the same report, in the same run.
    let template = app.state.template;
    let mut doc = app.state.doc.clone();
    // As the edit benchmark leaves it: a value that breaks 表三's totals.
    doc.set_cell(
        CellRef::new("t3", "new", "natural"),
        Some(CellValue::Int(7)),
    );
    c.bench_function("validate the same report", |b| {
        b.iter(|| black_box(nianbao::validate::validate(black_box(&doc), template)));
    });
    c.bench_function("computed_totals the same report", |b| {
        b.iter(|| {
            black_box(nianbao::validate::computed_totals(
                black_box(&doc),
                template,
            ))
        });
    });

    let address = Address::Cell(CellRef::new("t3", "new", "natural"));
    let mut n = 0u32;
    c.bench_function("edit to updated findings", |b| {
        b.iter(|| {
            n += 1;
            app.state.apply(Command::SetField {
                address: address.clone(),
                raw: (n % 50).to_string(),
            });
            black_box(app.state.report.errors.len())
        });
    });
    c.bench_function("edit then full frame", |b| {
        b.iter(|| {
            n += 1;
            app.state.apply(Command::SetField {
                address: address.clone(),
                raw: (n % 50).to_string(),
            });
            frame(&ctx, &mut app, &input);
        });
    });
}

criterion_group! {
    name = frame_benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(frame_benches);
