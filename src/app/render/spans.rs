//! The per-pixel loops of [`super::raster`], written to be fast without an
//! optimiser: plain `while` loops, native indexing, integer maths, no
//! closures or iterator adaptors. Debug builds (CI's real-window check)
//! run them unoptimised; a clerk's release build runs them faster still.
//!
//! Colours are premultiplied `[r, g, b, a]`; pixels are opaque `0x00RRGGBB`.

/// A premultiplied colour or texel.
pub type Rgba = [u8; 4];

/// Premultiplied `(r, g, b, a)` over the opaque pixel `dst`, in gamma space.
#[inline(always)]
pub fn over(dst: u32, r: u32, g: u32, b: u32, a: u32) -> u32 {
    let keep = 255 - a;
    let kr = ((((dst >> 16) & 0xff) * keep + 128) * 257) >> 16;
    let kg = ((((dst >> 8) & 0xff) * keep + 128) * 257) >> 16;
    let kb = (((dst & 0xff) * keep + 128) * 257) >> 16;
    ((r + kr).min(255) << 16) | ((g + kg).min(255) << 8) | (b + kb).min(255)
}

/// `x · y / 255`, rounded, for bytes.
#[inline(always)]
pub fn mul(x: u32, y: u32) -> u32 {
    let p = x * y + 128;
    (p + (p >> 8)) >> 8
}

/// One colour over a run of pixels.
pub fn constant(span: &mut [u32], c: Rgba) {
    let (r, g, b, a) = (
        u32::from(c[0]),
        u32::from(c[1]),
        u32::from(c[2]),
        u32::from(c[3]),
    );
    let n = span.len();
    let mut i = 0;
    if a == 255 {
        let packed = (r << 16) | (g << 8) | b;
        while i < n {
            span[i] = packed;
            i += 1;
        }
        return;
    }
    while i < n {
        span[i] = over(span[i], r, g, b, a);
        i += 1;
    }
}

/// Texels copied one to one onto a run of pixels (glyphs): pixel `i` shows
/// texel `x0 + i` of the rows `top` / `bottom`, blended by the fixed weights
/// `wx`, `wy` (0–256, the texel grid's fractional offset), tinted.
pub fn glyphs(
    span: &mut [u32],
    top: &[Rgba],
    bottom: &[Rgba],
    x0: isize,
    wx: u32,
    wy: u32,
    tint: Rgba,
) {
    let last = top.len().min(bottom.len()) as isize - 1;
    if last < 0 {
        return;
    }
    let white = tint == [255, 255, 255, 255];
    let (lx, ly) = (256 - wx, 256 - wy);
    let n = span.len();
    let mut i = 0;
    while i < n {
        let x = x0 + i as isize;
        let a = x.clamp(0, last) as usize;
        let b = (x + 1).clamp(0, last) as usize;
        let (ta, tb, ba, bb) = (top[a], top[b], bottom[a], bottom[b]);
        let mut c = [0u32; 4];
        let mut k = 0;
        while k < 4 {
            let upper = u32::from(ta[k]) * lx + u32::from(tb[k]) * wx;
            let lower = u32::from(ba[k]) * lx + u32::from(bb[k]) * wx;
            let v = (upper * ly + lower * wy + (1 << 15)) >> 16;
            c[k] = if white { v } else { mul(v, u32::from(tint[k])) };
            k += 1;
        }
        if c != [0, 0, 0, 0] {
            span[i] = over(span[i], c[0], c[1], c[2], c[3]);
        }
        i += 1;
    }
}

/// A colour changing linearly along a run (egui's feathered edges) over
/// one texel: `start` at the first pixel, `step` per pixel, per channel.
pub fn gradient(span: &mut [u32], start: [f32; 4], step: [f32; 4], texel: Rgba) {
    let white = texel == [255, 255, 255, 255];
    let mut v = start;
    let n = span.len();
    let mut i = 0;
    while i < n {
        let mut c = [0u32; 4];
        let mut k = 0;
        while k < 4 {
            let byte = (v[k] + 0.5).clamp(0.0, 255.0) as u32;
            c[k] = if white {
                byte
            } else {
                mul(byte, u32::from(texel[k]))
            };
            v[k] += step[k];
            k += 1;
        }
        span[i] = over(span[i], c[0], c[1], c[2], c[3]);
        i += 1;
    }
}
