//! The portable fast path of the point filters: whole pixels, no bounds checks, tables.
//!
//! Three habits make the difference against the readable [`super::reference`](mod@super::reference):
//! 1. **Whole pixels.** `as_chunks_mut::<4>()` hands out `&mut [u8; 4]` arrays, so the loop
//!    body has no index to check, and each pixel is read and written as one `u32` word
//!    (`u32::from_le_bytes`): in ImageData's little-endian layout red is bits 0–7, green
//!    8–15, blue 16–23 and alpha 24–31. Keeping alpha is then one mask, `v & 0xFF00_0000`.
//! 2. **Straight-line integer code.** No branches and no floats in the loop, so LLVM can
//!    auto-vectorise it — with SSE2 natively, and with SIMD128 in WASM when enabled.
//! 3. **Lookup tables** where a channel maps through any function of itself (brightness,
//!    contrast): 256 bytes computed once, then one load per channel.
//!
//! Every function gives exactly the bytes of its reference (tested on random images).
//! On `wasm32` with SIMD128 the public filters use `super::simd` instead, which calls
//! back into this module for the last few pixels that do not fill a 16-byte vector.

use super::reference::{ColorMatrix, LUMA_B, LUMA_G, LUMA_R, ToneCurve};

/// Alpha's bits in a pixel read as a little-endian `u32`.
const ALPHA: u32 = 0xFF00_0000;

/// Luma of a pixel word (see [`super::reference::luma`]), as a `u32` in 0..=255.
#[inline(always)]
fn luma_of_word(v: u32) -> u32 {
    let (r, g, b) = (v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF);
    (LUMA_R * r + LUMA_G * g + LUMA_B * b + 32_768) >> 16
}

/// Grayscale, one `u32` word per pixel: the grey `y` is written to r, g and b at once as
/// `y · 0x01_01_01`.
pub fn grayscale(rgba: &mut [u8]) {
    let (pixels, _partial) = rgba.as_chunks_mut::<4>();
    for px in pixels {
        let v = u32::from_le_bytes(*px);
        *px = ((v & ALPHA) | (luma_of_word(v) * 0x01_01_01)).to_le_bytes();
    }
}

/// Invert, one `u32` word per pixel: `255 − c` is `c XOR 0xFF`, so one XOR with
/// `0x00FF_FFFF` inverts r, g, b and leaves alpha.
pub fn invert(rgba: &mut [u8]) {
    let (pixels, _partial) = rgba.as_chunks_mut::<4>();
    for px in pixels {
        *px = (u32::from_le_bytes(*px) ^ 0x00FF_FFFF).to_le_bytes();
    }
}

/// A tone curve through a 256-entry lookup table. Indexing a `[u8; 256]` with a `u8`
/// can never be out of bounds, so the compiler emits no check.
pub fn tone_curve(rgba: &mut [u8], curve: ToneCurve) {
    let lut = curve.lut();
    let (pixels, _partial) = rgba.as_chunks_mut::<4>();
    for px in pixels {
        let [r, g, b, a] = *px;
        *px = [
            lut[usize::from(r)],
            lut[usize::from(g)],
            lut[usize::from(b)],
            a,
        ];
    }
}

/// Brightness through its lookup table (see [`ToneCurve::brightness`]).
pub fn brightness(rgba: &mut [u8], factor: f32) {
    tone_curve(rgba, ToneCurve::brightness(factor));
}

/// Contrast through its lookup table (see [`ToneCurve::contrast`]).
pub fn contrast(rgba: &mut [u8], amount: f32) {
    tone_curve(rgba, ToneCurve::contrast(amount));
}

/// A colour matrix on pixel words with `i32` arithmetic (auto-vectorises: 9 multiplies per
/// pixel, no table, no branch; the clamps become min/max instructions).
pub fn color_matrix(rgba: &mut [u8], matrix: &ColorMatrix) {
    let [[m00, m01, m02], [m10, m11, m12], [m20, m21, m22]] = matrix.m;
    let (pixels, _partial) = rgba.as_chunks_mut::<4>();
    for px in pixels {
        let v = u32::from_le_bytes(*px);
        let (r, g, b) = (
            (v & 0xFF) as i32,
            ((v >> 8) & 0xFF) as i32,
            ((v >> 16) & 0xFF) as i32,
        );
        // Wrapping as in ColorMatrix::apply (no wrap happens for the constructors' range).
        let row = |a: i32, b_: i32, c: i32| {
            let v = a
                .wrapping_mul(r)
                .wrapping_add(b_.wrapping_mul(g))
                .wrapping_add(c.wrapping_mul(b))
                .wrapping_add(32_768);
            (v >> 16).clamp(0, 255) as u32
        };
        let (out_r, out_g, out_b) = (row(m00, m01, m02), row(m10, m11, m12), row(m20, m21, m22));
        *px = ((v & ALPHA) | out_r | (out_g << 8) | (out_b << 16)).to_le_bytes();
    }
}

/// Sepia on pixel words (see [`ColorMatrix::SEPIA`]).
pub fn sepia(rgba: &mut [u8]) {
    color_matrix(rgba, &ColorMatrix::SEPIA);
}

/// Saturation on pixel words (see [`ColorMatrix::saturation`]).
pub fn saturation(rgba: &mut [u8], amount: f32) {
    color_matrix(rgba, &ColorMatrix::saturation(amount));
}

/// Threshold on pixel words: a comparison gives 0 or 1, and `0x00FF_FFFF · bit` turns it
/// into black or white without a branch.
pub fn threshold(rgba: &mut [u8], level: u8) {
    let level = u32::from(level);
    let (pixels, _partial) = rgba.as_chunks_mut::<4>();
    for px in pixels {
        let v = u32::from_le_bytes(*px);
        let white = u32::from(luma_of_word(v) >= level);
        *px = ((v & ALPHA) | (white * 0x00FF_FFFF)).to_le_bytes();
    }
}
