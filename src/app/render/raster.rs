//! A CPU rasteriser for egui's tessellated output (软件绘制).
//!
//! Why our own: the CPU renderers published for egui (`egui_software_backend`
//! 0.0.3, `dream-soft-render`'s egui adapter) target egui 0.34, and two eguis
//! in one tree are not an option; `dream-soft-render` also caps its surface at
//! 1280 × 720, smaller than an office screen. egui's output is small and
//! regular (coloured and textured triangles, premultiplied sRGB colours, one
//! clip rectangle per mesh), so this file draws it exactly as egui's GL
//! painter does: blending in gamma space, textures sampled bilinearly (or
//! nearest where the texture asks for it), pixel centres at `x + 0.5`, and a
//! fill rule under which two triangles sharing an edge never blend a pixel
//! twice.
//!
//! Each triangle is classified once (`Shade`): one colour (every panel,
//! frame and cell background), texels copied one to one (glyphs), a colour
//! gradient (the feathered edges egui draws for anti-aliasing), or, for
//! anything else, full interpolation. The per-pixel loops live in
//! `spans`.

use std::collections::HashMap;

use eframe::egui;

use super::spans::{self, Rgba};
use egui::epaint::{ImageDelta, Mesh, Primitive, Vertex};
use egui::{ClippedPrimitive, Color32, ImageData, TextureFilter, TextureId, TexturesDelta};

/// One uploaded texture: premultiplied RGBA texels, row by row.
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<Rgba>,
    nearest: bool,
}

impl Texture {
    /// The texel at (`u`, `v`) in 0..1, filtered as the texture asks.
    fn sample(&self, u: f32, v: f32) -> Rgba {
        let x = u * self.width as f32 - 0.5;
        let y = v * self.height as f32 - 0.5;
        if self.nearest {
            return self.texel(x.round() as isize, y.round() as isize);
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let top = lerp(self.texel(x0, y0), self.texel(x0 + 1, y0), fx);
        let bottom = lerp(self.texel(x0, y0 + 1), self.texel(x0 + 1, y0 + 1), fx);
        lerp(top, bottom, fy)
    }

    /// The texel at (`x`, `y`), clamped to the edge.
    fn texel(&self, x: isize, y: isize) -> Rgba {
        let x = x.clamp(0, self.width as isize - 1) as usize;
        self.row(y).get(x).copied().unwrap_or_default()
    }

    /// Row `y` of texels, clamped to the edge (empty for an empty texture).
    fn row(&self, y: isize) -> &[Rgba] {
        let y = y.clamp(0, self.height as isize - 1).max(0) as usize;
        self.texels
            .get(y * self.width..(y + 1) * self.width)
            .unwrap_or_default()
    }

    /// Write `image` at `pos` (a partial update) or replace the whole texture.
    fn apply(&mut self, pos: Option<[usize; 2]>, width: usize, height: usize, pixels: &[Color32]) {
        let Some([px, py]) = pos else {
            *self = Texture {
                width,
                height,
                texels: pixels.iter().map(|c| c.to_array()).collect(),
                nearest: self.nearest,
            };
            return;
        };
        for (row, line) in pixels.chunks(width.max(1)).enumerate().take(height) {
            let y = py + row;
            if y >= self.height || px >= self.width {
                continue;
            }
            let start = y * self.width + px;
            let n = line.len().min(self.width - px);
            if let (Some(dst), Some(src)) = (self.texels.get_mut(start..start + n), line.get(..n)) {
                for (d, c) in dst.iter_mut().zip(src) {
                    *d = c.to_array();
                }
            }
        }
    }
}

/// The textures egui uploaded, and the rasteriser drawing with them.
#[derive(Default)]
pub struct Raster {
    textures: HashMap<TextureId, Texture>,
}

/// A frame buffer of `width × height` opaque pixels, `0x00RRGGBB` (the
/// layout softbuffer presents on every platform).
pub struct Canvas {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u32>,
}

impl Canvas {
    pub fn new(width: usize, height: usize, clear: Color32) -> Canvas {
        let fill = pack(clear.to_array());
        Canvas {
            width,
            height,
            pixels: vec![fill; width * height],
        }
    }

    /// The colour at (`x`, `y`) as RGB.
    pub fn rgb(&self, x: usize, y: usize) -> [u8; 3] {
        let p = self.pixels.get(y * self.width + x).copied().unwrap_or(0);
        [(p >> 16) as u8, (p >> 8) as u8, p as u8]
    }
}

impl Raster {
    /// Take egui's texture uploads for this frame.
    pub fn set_textures(&mut self, delta: &TexturesDelta) {
        for (id, deltas) in &delta.set {
            for image_delta in deltas {
                self.set_texture(*id, image_delta);
            }
        }
    }

    /// Drop the textures egui freed (after the frame that last drew them).
    pub fn free_textures(&mut self, freed: &[TextureId]) {
        for id in freed {
            self.textures.remove(id);
        }
    }

    fn set_texture(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        let nearest = delta.options.magnification == TextureFilter::Nearest;
        let texture = self.textures.entry(id).or_insert_with(|| Texture {
            width: 0,
            height: 0,
            texels: Vec::new(),
            nearest,
        });
        texture.nearest = nearest;
        texture.apply(delta.pos, width, height, &image.pixels);
    }

    /// Draw `primitives` (in points) onto `canvas` at `pixels_per_point`.
    pub fn paint(
        &self,
        canvas: &mut Canvas,
        pixels_per_point: f32,
        primitives: &[ClippedPrimitive],
    ) {
        for primitive in primitives {
            let Primitive::Mesh(mesh) = &primitive.primitive else {
                // Paint callbacks draw with a GPU API; the editor uses none.
                continue;
            };
            let clip = primitive.clip_rect * pixels_per_point;
            let clip = Clip {
                min_x: (clip.min.x.round().max(0.0) as usize).min(canvas.width),
                min_y: (clip.min.y.round().max(0.0) as usize).min(canvas.height),
                max_x: (clip.max.x.round().max(0.0) as usize).min(canvas.width),
                max_y: (clip.max.y.round().max(0.0) as usize).min(canvas.height),
            };
            if clip.min_x < clip.max_x && clip.min_y < clip.max_y {
                self.paint_mesh(canvas, pixels_per_point, mesh, &clip);
            }
        }
    }

    fn paint_mesh(&self, canvas: &mut Canvas, ppp: f32, mesh: &Mesh, clip: &Clip) {
        let Some(texture) = self.textures.get(&mesh.texture_id) else {
            return;
        };
        for tri in mesh.indices.chunks_exact(3) {
            let corner = |i: u32| mesh.vertices.get(i as usize).map(|v| scaled(v, ppp));
            if let (Some(a), Some(b), Some(c)) = (corner(tri[0]), corner(tri[1]), corner(tri[2])) {
                fill_triangle(canvas, texture, clip, [a, b, c]);
            }
        }
    }
}

/// The pixel rectangle a mesh may touch (`max` exclusive).
struct Clip {
    min_x: usize,
    min_y: usize,
    max_x: usize,
    max_y: usize,
}

fn scaled(v: &Vertex, ppp: f32) -> Vertex {
    Vertex {
        pos: egui::pos2(v.pos.x * ppp, v.pos.y * ppp),
        ..*v
    }
}

/// An edge function `a·x + b·y + c`, positive inside the triangle.
#[derive(Clone, Copy)]
struct Edge {
    a: f32,
    b: f32,
    c: f32,
}

impl Edge {
    fn through(p: egui::Pos2, q: egui::Pos2) -> Edge {
        let a = -(q.y - p.y);
        let b = q.x - p.x;
        Edge {
            a,
            b,
            c: -(a * p.x + b * p.y),
        }
    }

    /// Narrow `[lo, hi)` (pixel-centre x) to where this edge holds on row
    /// centre `y`. Lower bounds are inclusive and upper bounds exclusive, so a
    /// pixel centre exactly on an edge two triangles share belongs to one.
    fn clamp_span(&self, y: f32, lo: &mut f32, hi: &mut f32) {
        let rest = self.b * y + self.c;
        if self.a > 0.0 {
            *lo = lo.max(-rest / self.a);
        } else if self.a < 0.0 {
            *hi = hi.min(-rest / self.a);
        } else if rest < 0.0 || (rest == 0.0 && self.b < 0.0) {
            *hi = *lo;
        }
    }

    fn at(&self, x: f32, y: f32) -> f32 {
        self.a * x + self.b * y + self.c
    }
}

fn fill_triangle(
    canvas: &mut Canvas,
    texture: &Texture,
    clip: &Clip,
    [v0, mut v1, mut v2]: [Vertex; 3],
) {
    let mut area = Edge::through(v0.pos, v1.pos).at(v2.pos.x, v2.pos.y);
    if area < 0.0 {
        std::mem::swap(&mut v1, &mut v2);
        area = -area;
    }
    if area <= f32::EPSILON || !area.is_finite() {
        return;
    }
    // Edge k is opposite vertex k: its value / area is vertex k's weight.
    let edges = [
        Edge::through(v1.pos, v2.pos),
        Edge::through(v2.pos, v0.pos),
        Edge::through(v0.pos, v1.pos),
    ];
    let shade = Shade::of([v0, v1, v2], &edges, area, texture);
    if matches!(shade, Shade::Constant([0, 0, 0, 0])) {
        return;
    }
    let ys = [v0.pos.y, v1.pos.y, v2.pos.y];
    let top = (ys.iter().copied().fold(f32::INFINITY, f32::min) - 0.5)
        .ceil()
        .max(clip.min_y as f32) as usize;
    let bottom = ((ys.iter().copied().fold(f32::NEG_INFINITY, f32::max) - 0.5).floor() + 1.0)
        .min(clip.max_y as f32);
    for y in top..bottom.max(0.0) as usize {
        let cy = y as f32 + 0.5;
        let (mut lo, mut hi) = (clip.min_x as f32 + 0.5, clip.max_x as f32 + 0.5);
        for edge in &edges {
            edge.clamp_span(cy, &mut lo, &mut hi);
        }
        // Pixel centres x + 0.5 in [lo, hi).
        let first = (lo - 0.5).ceil().max(clip.min_x as f32) as usize;
        let end = ((hi - 0.5).ceil()).min(clip.max_x as f32).max(0.0) as usize;
        let row = y * canvas.width;
        if first >= end {
            continue;
        }
        if let Some(span) = canvas.pixels.get_mut(row + first..row + end) {
            shade.fill(span, texture, first as f32 + 0.5, cy);
        }
    }
}

/// How a triangle's pixels get their colour, decided once per triangle so
/// the per-pixel loops stay short (they run unoptimised in debug builds).
enum Shade {
    /// One colour and one texel: every panel, frame and cell background.
    Constant(Rgba),
    /// One tint over texels that map one to one onto pixels, as glyphs do:
    /// `texel = pixel + (dx + fx, dy + fy)`, the fractions blended bilinearly.
    Copied {
        tint: Rgba,
        dx: isize,
        dy: isize,
        /// The fractions in 256ths.
        wx: u32,
        wy: u32,
    },
    /// One texel under a colour that varies: the feathered edge egui draws
    /// around every shape for anti-aliasing.
    Gradient {
        texel: Rgba,
        /// Red, green, blue, alpha as planes.
        channels: [[f32; 3]; 4],
    },
    /// Anything else: colour and texture coordinates interpolated.
    Interpolated(Box<Gradients>),
}

/// Colour and texture coordinates as planes `value = at0 + dx·x + dy·y`.
struct Gradients {
    channels: [[f32; 3]; 6],
}

impl Shade {
    fn of(v: [Vertex; 3], edges: &[Edge; 3], area: f32, texture: &Texture) -> Shade {
        let same_colour = v[0].color == v[1].color && v[1].color == v[2].color;
        if same_colour && v[0].uv == v[1].uv && v[1].uv == v[2].uv {
            return Shade::Constant(modulate(
                texture.sample(v[0].uv.x, v[0].uv.y),
                v[0].color.to_array(),
            ));
        }
        // A value interpolated over the triangle, as a plane in x and y.
        let plane = |f: &dyn Fn(&Vertex) -> f32| -> [f32; 3] {
            let mut p = [0.0; 3];
            for (vertex, edge) in v.iter().zip(edges) {
                let value = f(vertex) / area;
                p[0] += value * edge.c;
                p[1] += value * edge.a;
                p[2] += value * edge.b;
            }
            p
        };
        let (w, h) = (texture.width as f32, texture.height as f32);
        let u = plane(&|vx| vx.uv.x * w);
        let t = plane(&|vx| vx.uv.y * h);
        let one_to_one = (u[1] - 1.0).abs() < 1e-4
            && u[2].abs() < 1e-4
            && t[1].abs() < 1e-4
            && (t[2] - 1.0).abs() < 1e-4;
        if same_colour && !texture.nearest && one_to_one {
            let (dx, wx) = whole_and_fraction(u[0]);
            let (dy, wy) = whole_and_fraction(t[0]);
            return Shade::Copied {
                tint: v[0].color.to_array(),
                dx,
                dy,
                wx,
                wy,
            };
        }
        let channel = |i: usize| plane(&move |vx: &Vertex| f32::from(vx.color.to_array()[i]));
        if v[0].uv == v[1].uv && v[1].uv == v[2].uv {
            return Shade::Gradient {
                texel: texture.sample(v[0].uv.x, v[0].uv.y),
                channels: [channel(0), channel(1), channel(2), channel(3)],
            };
        }
        Shade::Interpolated(Box::new(Gradients {
            channels: [u, t, channel(0), channel(1), channel(2), channel(3)],
        }))
    }

    /// Shade `span`, whose first pixel centre is (`x0`, `y`).
    fn fill(&self, span: &mut [u32], texture: &Texture, x0: f32, y: f32) {
        match self {
            Shade::Constant(colour) => spans::constant(span, *colour),
            Shade::Copied {
                tint,
                dx,
                dy,
                wx,
                wy,
            } => {
                let ty = (y - 0.5) as isize + dy;
                let tx0 = (x0 - 0.5) as isize + dx;
                spans::glyphs(
                    span,
                    texture.row(ty),
                    texture.row(ty + 1),
                    tx0,
                    *wx,
                    *wy,
                    *tint,
                );
            }
            Shade::Gradient { texel, channels } => {
                let start = channels.map(|p| p[0] + p[1] * x0 + p[2] * y);
                let step = channels.map(|p| p[1]);
                spans::gradient(span, start, step, *texel);
            }
            Shade::Interpolated(g) => {
                let at = |p: &[f32; 3], x: f32| p[0] + p[1] * x + p[2] * y;
                for (i, pixel) in span.iter_mut().enumerate() {
                    let x = x0 + i as f32;
                    let c = &g.channels;
                    let byte = |p: &[f32; 3]| at(p, x).round().clamp(0.0, 255.0) as u8;
                    let tint = [byte(&c[2]), byte(&c[3]), byte(&c[4]), byte(&c[5])];
                    let (u, v) = (
                        at(&c[0], x) / texture.width as f32,
                        at(&c[1], x) / texture.height as f32,
                    );
                    let [r, g, b, a] = modulate(texture.sample(u, v), tint);
                    *pixel = spans::over(*pixel, r.into(), g.into(), b.into(), a.into());
                }
            }
        }
    }
}

/// A texel offset split into whole texels and a fraction in 256ths; a
/// fraction within a thousandth of a whole texel counts as none.
fn whole_and_fraction(value: f32) -> (isize, u32) {
    let whole = value.floor();
    let fraction = value - whole;
    if fraction < 1e-3 {
        (whole as isize, 0)
    } else if fraction > 1.0 - 1e-3 {
        (whole as isize + 1, 0)
    } else {
        (whole as isize, (fraction * 256.0).round() as u32)
    }
}

/// A texel tinted by a vertex colour (both premultiplied).
fn modulate(texel: Rgba, tint: Rgba) -> Rgba {
    let m = |k: usize| spans::mul(u32::from(texel[k]), u32::from(tint[k])) as u8;
    [m(0), m(1), m(2), m(3)]
}

fn lerp(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let l = |k: usize| (f32::from(a[k]) + (f32::from(b[k]) - f32::from(a[k])) * t).round() as u8;
    [l(0), l(1), l(2), l(3)]
}

fn pack([r, g, b, _]: Rgba) -> u32 {
    (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b)
}

#[cfg(test)]
#[path = "raster_tests.rs"]
mod tests;
