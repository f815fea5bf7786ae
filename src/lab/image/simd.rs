//! WebAssembly SIMD128 kernels for the point filters: 4 pixels (16 bytes) per instruction.
//!
//! Compiled only for `wasm32` with `-C target-feature=+simd128` (every current browser
//! runs it). A `v128` register holds 16 bytes = 4 RGBA pixels; read as four `u32` lanes,
//! each lane is one pixel with red in bits 0–7 and alpha in bits 24–31 (WASM is
//! little-endian), so the word tricks of [`super::fast`] work lane-wise:
//! - invert is one `v128.xor` with `0x00FFFFFF` in every lane;
//! - grayscale and threshold split each pixel into its red+blue pair (the two `u16`
//!   halves of the lane) and green, and get `19595·r + 7471·b` from one
//!   `i32x4.dot_i16x8_s` (pairwise multiply-add, x86's `pmaddwd`) plus one `i32x4.mul`;
//! - the colour matrices (sepia, saturation) and the tone curves (brightness, contrast)
//!   take r, g and b apart into three `i32x4`, do the integer formula, clamp with
//!   `i32x4.min/max`, and shift and OR the bytes back together with the original alpha;
//! - [`prefix_sums`] is the one serial loop of the box blur, one `i32x4.add` per pixel.
//!
//! Each kernel computes the same integer formula as [`super::reference`](mod@super::reference), so the bytes
//! are identical — checked by running these kernels in Node (V8 has SIMD128) against the
//! reference on random images of random sizes (`wasm-check/` in the scratch crate).
//! Pixels left over after the last full vector go through [`super::fast`], and a
//! trailing partial pixel is left as it is.
//!
//! What measuring taught (Node 20 / V8, CPU time on a 3840×2160 image): explicit SIMD
//! beats LLVM's auto-vectorisation of [`super::fast`] where it uses an instruction LLVM
//! does not pick (the dot product: grayscale 1.9 ms vs 2.4 ms) and where the portable code
//! is a table lookup (brightness 4.2 ms vs 9.8 ms); for the 3×3 colour matrices the
//! auto-vectorised portable loop is as fast or slightly faster (5.9 vs 6.9 ms: both are
//! bound by the nine 32-bit multiplies). Widening all 16 bytes and using the saturating
//! narrows to clamp and pack looked cheaper on paper but measured twice as slow: LLVM
//! rewrites the narrows into min/max plus two-input shuffles.

use core::arch::wasm32::*;

use super::fast;
use super::reference::{ColorMatrix, LUMA_B, LUMA_G, LUMA_R, ToneCurve};

// region: grayscale-simd
/// Runs `kernel` over every full 16-byte block and returns the rest (fewer than 4
/// pixels, plus any partial pixel) for the scalar path.
#[inline(always)]
fn for_each_block(rgba: &mut [u8], mut kernel: impl FnMut(v128) -> v128) -> &mut [u8] {
    let (blocks, rest) = rgba.as_chunks_mut::<16>();
    for block in blocks {
        let ptr = block.as_mut_ptr().cast::<v128>();
        // SAFETY: `block` is a `&mut [u8; 16]`, valid for reading and writing 16 bytes, and
        // v128_load / v128_store are 1-byte-aligned accesses, so any address is fine.
        unsafe { v128_store(ptr, kernel(v128_load(ptr))) };
    }
    rest
}

/// Alpha bits of each lane.
#[inline(always)]
fn alpha_mask() -> v128 {
    u32x4_splat(0xFF00_0000)
}

/// BT.601 luma of 4 pixels (one per `u32` lane), 0..=255 per lane; the same integer
/// formula as [`super::reference::luma`].
#[inline(always)]
fn luma4(v: v128) -> v128 {
    // (r, b) as the two u16 halves of each lane; weights (LUMA_R, LUMA_B) likewise.
    let rb = v128_and(v, u32x4_splat(0x00FF_00FF));
    let g = v128_and(u32x4_shr(v, 8), u32x4_splat(0xFF));
    let weights_rb = u32x4_splat((LUMA_B << 16) | LUMA_R);
    // Every product fits: r, b ≤ 255 and both weights < 32768 as signed 16-bit.
    let y = i32x4_add(
        i32x4_dot_i16x8(rb, weights_rb),
        i32x4_mul(g, u32x4_splat(LUMA_G)),
    );
    u32x4_shr(i32x4_add(y, u32x4_splat(32_768)), 16)
}

/// Grayscale, 4 pixels per step: `grey · 0x010101` puts the grey in r, g and b.
pub fn grayscale(rgba: &mut [u8]) {
    let rest = for_each_block(rgba, |v| {
        let grey = i32x4_mul(luma4(v), u32x4_splat(0x01_01_01));
        v128_or(grey, v128_and(v, alpha_mask()))
    });
    fast::grayscale(rest);
}
// endregion

/// Invert, 16 bytes per step: XOR with 0xFF on r, g, b, 0x00 on alpha.
pub fn invert(rgba: &mut [u8]) {
    let rest = for_each_block(rgba, |v| v128_xor(v, u32x4_splat(0x00FF_FFFF)));
    fast::invert(rest);
}

/// Threshold, 4 pixels per step: `u32x4.ge` gives all-ones lanes where luma ≥ level.
pub fn threshold(rgba: &mut [u8], level: u8) {
    let level_v = u32x4_splat(u32::from(level));
    let rest = for_each_block(rgba, |v| {
        let white = v128_and(u32x4_ge(luma4(v), level_v), u32x4_splat(0x00FF_FFFF));
        v128_or(white, v128_and(v, alpha_mask()))
    });
    fast::threshold(rest, level);
}

/// A colour matrix, 4 pixels per step: nine `i32x4.mul`s, `i32x4.min/max` as the clamp,
/// shifts and ORs to put the bytes back.
///
/// (Saturating narrows — `i16x8.narrow_i32x4_s` then `u8x16.narrow_i16x8_u` — look like a
/// cheaper clamp-and-pack, but LLVM rewrites them into min/max plus two-input byte
/// shuffles, which measured twice as slow in V8. Staying in `u32` lanes avoids shuffles.)
#[inline(always)]
pub fn color_matrix(rgba: &mut [u8], matrix: &ColorMatrix) {
    let m = matrix.m.map(|row| row.map(|entry| i32x4_splat(entry)));
    let round = i32x4_splat(32_768);
    let rest = for_each_block(rgba, |v| {
        let [r, g, b] = channels(v);
        let channel = |row: &[v128; 3]| {
            let sum = i32x4_add(
                i32x4_add(i32x4_mul(row[0], r), i32x4_mul(row[1], g)),
                i32x4_add(i32x4_mul(row[2], b), round),
            );
            // Arithmetic shift = floor, as `>>` on i32 in the reference; then clamp.
            clamp_byte(i32x4_shr(sum, ColorMatrix::SHIFT))
        };
        pack(channel(&m[0]), channel(&m[1]), channel(&m[2]), v)
    });
    fast::color_matrix(rest, matrix);
}

/// r, g and b of 4 pixels, each as an `i32x4` of values 0..=255.
#[inline(always)]
fn channels(v: v128) -> [v128; 3] {
    let byte = u32x4_splat(0xFF);
    [
        v128_and(v, byte),
        v128_and(u32x4_shr(v, 8), byte),
        v128_and(u32x4_shr(v, 16), byte),
    ]
}

/// Clamps each `i32` lane to 0..=255.
#[inline(always)]
fn clamp_byte(x: v128) -> v128 {
    i32x4_min(i32x4_max(x, i32x4_splat(0)), i32x4_splat(255))
}

/// Packs r, g, b lanes (0..=255) and the alpha of `original` back into 4 pixel words.
#[inline(always)]
fn pack(r: v128, g: v128, b: v128, original: v128) -> v128 {
    let rgb = v128_or(v128_or(r, i32x4_shl(g, 8)), i32x4_shl(b, 16));
    v128_or(rgb, v128_and(original, alpha_mask()))
}

/// Sepia, 4 pixels per step.
pub fn sepia(rgba: &mut [u8]) {
    color_matrix(rgba, &ColorMatrix::SEPIA);
}

/// Saturation, 4 pixels per step.
pub fn saturation(rgba: &mut [u8], amount: f32) {
    color_matrix(rgba, &ColorMatrix::saturation(amount));
}

/// A tone curve, 4 pixels per step, no table: each of r, g, b in its own `i32x4`, then
/// `(c·mul + add) >> 13`, clamp, pack (the same lane layout as [`color_matrix`]; widening
/// all 16 bytes and narrowing them back costs more, see there).
pub fn tone_curve(rgba: &mut [u8], curve: ToneCurve) {
    let (mul, add) = (i32x4_splat(curve.mul), i32x4_splat(curve.add));
    let line = move |c: v128| {
        clamp_byte(i32x4_shr(
            i32x4_add(i32x4_mul(c, mul), add),
            ToneCurve::SHIFT,
        ))
    };
    let rest = for_each_block(rgba, |v| {
        let [r, g, b] = channels(v);
        pack(line(r), line(g), line(b), v)
    });
    fast::tone_curve(rest, curve);
}

/// Brightness, 4 pixels per step.
pub fn brightness(rgba: &mut [u8], factor: f32) {
    tone_curve(rgba, ToneCurve::brightness(factor));
}

/// Contrast, 4 pixels per step.
pub fn contrast(rgba: &mut [u8], amount: f32) {
    tone_curve(rgba, ToneCurve::contrast(amount));
}

/// Running sums along a row for the box blur's horizontal pass, one pixel (4 channels)
/// per step: `cells[i] = start + pixels[0] + … + pixels[i]`, lane-wise, wrapping.
/// Returns the last sum. (LLVM keeps this serial loop scalar — four separate adds — when
/// left to itself; one `i32x4.add` per pixel does all four.)
pub fn prefix_sums(cells: &mut [[u32; 4]], pixels: &[[u8; 4]], start: [u32; 4]) -> [u32; 4] {
    let mut sum = u32x4(start[0], start[1], start[2], start[3]);
    for (cell, px) in cells.iter_mut().zip(pixels) {
        // Four bytes → four u32 lanes: splat the word, widen its low bytes twice.
        let bytes = u32x4_splat(u32::from_le_bytes(*px));
        sum = i32x4_add(sum, u32x4_extend_low_u16x8(u16x8_extend_low_u8x16(bytes)));
        // SAFETY: `cell` is a `&mut [u32; 4]`, valid for writing 16 bytes; v128_store is
        // a 1-byte-aligned store.
        unsafe { v128_store(cell.as_mut_ptr().cast::<v128>(), sum) };
    }
    [
        u32x4_extract_lane::<0>(sum),
        u32x4_extract_lane::<1>(sum),
        u32x4_extract_lane::<2>(sum),
        u32x4_extract_lane::<3>(sum),
    ]
}
