// Test colours are pixel values, not the window's theme.
#![allow(clippy::disallowed_methods)]

use super::*;
use egui::epaint::{TessellationOptions, Tessellator};
use egui::{pos2, vec2, Pos2, Rect, Shape, Stroke};

const BACKGROUND: Color32 = Color32::from_rgb(250, 250, 250);

/// egui's own font atlas (its white texel draws untextured shapes).
fn raster_with_atlas(ctx: &egui::Context) -> Raster {
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label("年报");
    });
    let mut raster = Raster::default();
    raster.set_textures(&output.textures_delta);
    output.textures_delta.clear();
    raster
}

fn tessellate(ctx: &egui::Context, shapes: Vec<Shape>) -> Vec<ClippedPrimitive> {
    let atlas_size = ctx.fonts(|f| f.font_image_size());
    let mut tessellator = Tessellator::new(1.0, TessellationOptions::default(), atlas_size, vec![]);
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(100.0, 100.0));
    shapes
        .into_iter()
        .map(|shape| {
            let mut mesh = Mesh::default();
            tessellator.tessellate_shape(shape, &mut mesh);
            ClippedPrimitive {
                clip_rect: clip,
                primitive: Primitive::Mesh(mesh),
            }
        })
        .collect()
}

#[test]
fn a_filled_rectangle_is_exactly_its_colour_inside_and_untouched_outside() {
    let ctx = egui::Context::default();
    let raster = raster_with_atlas(&ctx);
    let red = Color32::from_rgb(200, 30, 40);
    let rect = Rect::from_min_max(pos2(10.0, 20.0), pos2(50.0, 60.0));
    let prims = tessellate(&ctx, vec![Shape::rect_filled(rect, 0.0, red)]);
    let mut canvas = Canvas::new(100, 100, BACKGROUND);
    raster.paint(&mut canvas, 1.0, &prims);
    assert_eq!(canvas.rgb(30, 40), [200, 30, 40]);
    assert_eq!(canvas.rgb(10, 20), [200, 30, 40], "the first pixel inside");
    assert_eq!(canvas.rgb(49, 59), [200, 30, 40], "the last pixel inside");
    assert_eq!(canvas.rgb(5, 5), [250, 250, 250]);
    assert_eq!(canvas.rgb(70, 40), [250, 250, 250]);
}

/// Two translucent triangles sharing a diagonal: the diagonal's pixels are
/// blended once, so the square is one even colour.
#[test]
fn a_shared_edge_is_blended_once() {
    let ctx = egui::Context::default();
    let raster = raster_with_atlas(&ctx);
    let half = Color32::from_rgba_premultiplied(0, 0, 100, 128);
    let mut mesh = Mesh::default();
    for p in [
        pos2(0.0, 0.0),
        pos2(40.0, 0.0),
        pos2(40.0, 40.0),
        pos2(0.0, 40.0),
    ] {
        mesh.colored_vertex(p, half);
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    let prims = vec![ClippedPrimitive {
        clip_rect: Rect::EVERYTHING,
        primitive: Primitive::Mesh(mesh),
    }];
    let mut canvas = Canvas::new(50, 50, Color32::WHITE);
    raster.paint(&mut canvas, 1.0, &prims);
    let expected = canvas.rgb(30, 5);
    for i in 0..40 {
        assert_eq!(canvas.rgb(i, i), expected, "diagonal pixel {i}");
    }
    assert_eq!(expected, [127, 127, 227]);
}

#[test]
fn the_clip_rectangle_bounds_every_mesh() {
    let ctx = egui::Context::default();
    let raster = raster_with_atlas(&ctx);
    let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
    let mut prims = tessellate(&ctx, vec![Shape::rect_filled(rect, 0.0, Color32::BLACK)]);
    prims[0].clip_rect = Rect::from_min_max(pos2(20.0, 20.0), pos2(30.0, 30.0));
    let mut canvas = Canvas::new(100, 100, BACKGROUND);
    raster.paint(&mut canvas, 1.0, &prims);
    assert_eq!(canvas.rgb(25, 25), [0, 0, 0]);
    assert_eq!(canvas.rgb(19, 25), [250, 250, 250]);
    assert_eq!(canvas.rgb(30, 25), [250, 250, 250]);
}

#[test]
fn a_line_and_text_leave_ink() {
    let ctx = egui::Context::default();
    let raster = raster_with_atlas(&ctx);
    let line = Shape::line_segment(
        [pos2(5.0, 90.0), pos2(95.0, 90.0)],
        Stroke::new(1.0, Color32::BLACK),
    );
    let prims = tessellate(&ctx, vec![line]);
    let mut canvas = Canvas::new(100, 100, BACKGROUND);
    raster.paint(&mut canvas, 1.0, &prims);
    let dark = (0..100).filter(|&x| canvas.rgb(x, 90)[0] < 128).count();
    assert!(dark > 80, "{dark} dark pixels on the line");
}

/// Pixel-scale 2 (a 200 % screen) doubles every coordinate.
#[test]
fn pixels_per_point_scales_positions() {
    let ctx = egui::Context::default();
    let raster = raster_with_atlas(&ctx);
    let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(20.0, 20.0));
    let prims = tessellate(&ctx, vec![Shape::rect_filled(rect, 0.0, Color32::BLACK)]);
    let mut canvas = Canvas::new(100, 100, BACKGROUND);
    raster.paint(&mut canvas, 2.0, &prims);
    assert_eq!(canvas.rgb(30, 30), [0, 0, 0]);
    assert_eq!(canvas.rgb(38, 38), [0, 0, 0]);
    assert_eq!(canvas.rgb(43, 43), [250, 250, 250]);
    assert_eq!(canvas.rgb(17, 17), [250, 250, 250]);
}

#[test]
fn a_partial_texture_update_patches_in_place() {
    let mut raster = Raster::default();
    let id = TextureId::Managed(7);
    let full = egui::ColorImage::new([4, 4], vec![Color32::RED; 16]);
    let patch = egui::ColorImage::new([2, 1], vec![Color32::BLUE; 2]);
    let mut delta = TexturesDelta::default();
    let deltas = delta.set.entry(id).or_default();
    deltas.push(ImageDelta::full(full, egui::TextureOptions::NEAREST));
    deltas.push(ImageDelta::partial(
        [1, 2],
        patch,
        egui::TextureOptions::NEAREST,
    ));
    raster.set_textures(&delta);
    let texture = &raster.textures[&id];
    assert_eq!(texture.texel(1, 2), Color32::BLUE.to_array());
    assert_eq!(texture.texel(2, 2), Color32::BLUE.to_array());
    assert_eq!(texture.texel(3, 2), Color32::RED.to_array());
    assert_eq!(texture.texel(0, 0), Color32::RED.to_array());
    raster.free_textures(&[id]);
    delta.clear();
    assert!(raster.textures.is_empty());
}

/// The whole editor, as the software window draws its first frame: the
/// panels in the theme's colours and the report's text in ink.
#[test]
fn the_editor_frame_is_drawn_with_its_text() {
    use crate::app::state::{EditorState, Env};
    let ctx = egui::Context::default();
    crate::app::NianbaoApp::setup(&ctx);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sample-gk2021.ron"
    );
    let state = EditorState::start(Some(path.into()), Env::headless());
    let mut app = crate::app::startup::prepare(&ctx, state, false);
    let input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1366.0, 768.0))),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    let mut raster = Raster::default();
    raster.set_textures(&output.textures_delta);
    output.textures_delta.clear();
    let prims = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    let background = ctx.global_style().visuals.panel_fill;
    let mut canvas = Canvas::new(1366, 768, background);
    raster.paint(&mut canvas, output.pixels_per_point, &prims);

    let luma = |p: &u32| ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
    let ink = canvas.pixels.iter().filter(|p| luma(p) < 200).count();
    assert!(ink > 5_000, "only {ink} dark pixels: the text is missing");
    // The menu's 文件 in the top-left corner is drawn in ink on the bar.
    let menu_ink = (0..60)
        .flat_map(|x| (4..26).map(move |y| (x, y)))
        .filter(|&(x, y)| canvas.rgb(x, y).iter().map(|&c| u32::from(c)).sum::<u32>() < 300)
        .count();
    assert!(menu_ink > 30, "the menu bar shows no text ({menu_ink} px)");
}
