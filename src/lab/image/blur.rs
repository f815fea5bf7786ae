//! Neighbourhood filters, fast: box blur and Gaussian blur whose cost does not depend on
//! the radius, sharpen and Sobel edges — each in one streaming pass with a few row buffers.
//!
//! ## Box blur in one pass, any radius
//! A box blur is separable: blur each row, then each column of the result. The naive way
//! sums `2r + 1` samples per pixel per pass: at the largest radius that is 4,097 additions
//! per sample, 49 s for a 1000×1000 image. A *running sum* does it in constant work per
//! pixel: moving the window one step adds the sample that enters and subtracts the one
//! that leaves. The [`super::reference`](mod@super::reference) does exactly that, one
//! line and one channel at a time; this file does it in one streaming pass.
//!
//! This implementation streams top to bottom, writing each output row in place:
//! 1. each source row is blurred horizontally into a ring of `min(2r + 2, height)` row
//!    buffers, just before it could be overwritten. Along the row a *prefix sum* turns
//!    each window into one subtraction, `P[x + 2r + 2] − P[x + 1]`: the prefix is the
//!    only serial loop (one SIMD add per pixel in WASM), the subtraction is a flat loop;
//! 2. one `u32` sum per column and channel holds the vertical window; moving down a row
//!    adds the blurred row entering the window and subtracts the one leaving it (a flat
//!    loop across the row that auto-vectorises);
//! 3. the sums are divided by the window size with [`Reciprocal`] — a multiply and a
//!    shift, no division and no float in the loop — and written over the row's r, g, b.
//!
//! So the image is read once and written once, whatever the radius; the extra memory is
//! the ring (a few rows for small radii, at most a copy of the image) and a few rows of
//! sums.
//!
//! Clamp-to-edge is done by padding each row with copies of its edge pixels, so the inner
//! loops have no branch. The result is the same bytes as [`super::reference::box_blur`]
//! (within 1 of the exact mean over the square). Alpha is never changed and is not a
//! weight: colours of transparent pixels bleed into their neighbours (see the reference).

use super::reference::{MAX_BLUR_RADIUS, Reciprocal, gaussian_box_radii, luma, sharpen_fixed};
use super::{ImageError, check_len};

/// Reusable buffers for [`box_blur_with`] and [`gaussian_blur_with`], so a live preview
/// that blurs on every slider move does not allocate each time. Its contents between
/// calls are meaningless.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlurScratch {
    /// Horizontally blurred rows, `slots × 4·width` bytes.
    ring: Vec<u8>,
    /// Prefix sums of one padded source row, 4 lanes per pixel.
    prefix: Vec<u32>,
    /// The vertical window's sums, one per column and channel (`4·width`).
    sums: Vec<u32>,
    /// The current output row before alpha is put back (`4·width`).
    means: Vec<u8>,
}

/// Box blur: r, g, b ← the mean of the `(2·radius + 1)²` square around the pixel, with
/// clamp-to-edge — computed as a horizontal then a vertical running-sum pass, rounded to a
/// byte between them, so within 1 of the exact mean and byte-identical to
/// [`super::reference::box_blur`]. Cost per pixel does not depend on the radius.
///
/// Alpha is never changed and colours are averaged without alpha weighting, so a
/// transparent pixel's (invisible) colour bleeds into its visible neighbours. Radius 0 is
/// the identity; radii above [`MAX_BLUR_RADIUS`] (2048) act as 2048; a radius larger than
/// the image is fine (the edge pixels repeat). Returns an error when
/// `rgba.len() != 4·width·height`.
pub fn box_blur(rgba: &mut [u8], width: u32, height: u32, radius: u32) -> Result<(), ImageError> {
    box_blur_with(rgba, width, height, radius, &mut BlurScratch::default())
}

/// [`box_blur`] reusing the buffers in `scratch`.
pub fn box_blur_with(
    rgba: &mut [u8],
    width: u32,
    height: u32,
    radius: u32,
    scratch: &mut BlurScratch,
) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    let r = radius.min(MAX_BLUR_RADIUS) as usize;
    if r == 0 || rgba.is_empty() {
        return Ok(());
    }
    // check_len proved 4·w·h fits usize and is the slice's length.
    box_blur_rgba(rgba, width as usize, height as usize, r, scratch);
    Ok(())
}

/// Gaussian blur (approximate): three successive box blurs with the radii of
/// [`gaussian_box_radii`]`(sigma)` — by the central limit theorem three boxes are already
/// close to a bell curve (Wells 1986, Kovesi 2010). Cost is independent of σ. Same edge and
/// alpha handling as [`box_blur`]; byte-identical to [`super::reference::gaussian_blur`].
/// NaN, zero or negative σ changes nothing; below σ ≈ 0.8 the boxes are one pixel wide and
/// nothing changes either. Returns an error when `rgba.len() != 4·width·height`.
pub fn gaussian_blur(
    rgba: &mut [u8],
    width: u32,
    height: u32,
    sigma: f32,
) -> Result<(), ImageError> {
    gaussian_blur_with(rgba, width, height, sigma, &mut BlurScratch::default())
}

/// [`gaussian_blur`] reusing the buffers in `scratch`.
pub fn gaussian_blur_with(
    rgba: &mut [u8],
    width: u32,
    height: u32,
    sigma: f32,
    scratch: &mut BlurScratch,
) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    for radius in gaussian_box_radii(sigma) {
        box_blur_with(rgba, width, height, radius, scratch)?;
    }
    Ok(())
}

/// The streaming box blur over a `w × h` RGBA image (`rgba.len() == 4·w·h`, `r ≥ 1`,
/// `w, h ≥ 1`).
///
/// Every inner loop is a flat loop over the bytes (or `u32` sums) of one row, with no
/// branch and no carried dependency except the prefix sum, so LLVM vectorises them
/// (SSE2 natively, SIMD128 in WASM). All four lanes of a pixel are summed and divided —
/// four equal lanes vectorise better than three — and alpha is put back at the end.
fn box_blur_rgba(rgba: &mut [u8], w: usize, h: usize, r: usize, scratch: &mut BlurScratch) {
    let stride = 4 * w;
    let reciprocal = Reciprocal::new(2 * r as u32 + 1);
    let slots = (2 * r + 2).min(h);
    let BlurScratch {
        ring,
        prefix,
        sums,
        means,
    } = scratch;
    ring.clear();
    ring.resize(slots * stride, 0);
    sums.clear();
    sums.resize(stride, 0);
    means.clear();
    means.resize(stride, 0);

    // Where row `k`'s horizontal blur lives in the ring. The rows in use at once span at
    // most 2r + 2 consecutive rows (or all of them), so they never share a slot.
    let ring_row = |k: usize| {
        let slot = k % slots;
        slot * stride..(slot + 1) * stride
    };
    // Blur row `k` of the (still original) image horizontally into its ring slot.
    let blur_into_ring = |k: usize, rgba: &[u8], ring: &mut [u8], prefix: &mut Vec<u32>| {
        let source = &rgba[k * stride..(k + 1) * stride];
        blur_row(source, &mut ring[ring_row(k)], r, reciprocal, prefix);
    };

    // The vertical window of row 0 covers rows −r..=r, clamped: row 0 counts r + 1 times,
    // rows 1..=r once each (the last row repeating if the image is shorter than that).
    let first = r.min(h - 1);
    for k in 0..=first {
        blur_into_ring(k, rgba, ring, prefix);
    }
    add_row_times(sums, &ring[ring_row(0)], (r + 1) as u32);
    for k in 1..=first {
        add_row_times(sums, &ring[ring_row(k)], 1);
    }
    if r > first {
        add_row_times(sums, &ring[ring_row(h - 1)], (r - first) as u32);
    }
    for (mean, &sum) in means.iter_mut().zip(sums.iter()) {
        *mean = reciprocal.divide(sum);
    }
    put_back_rgb(&mut rgba[..stride], means);

    let mut next_to_blur = first + 1;
    for y in 1..h {
        // Window of row y: rows y−r..=y+r (clamped). Entering: y+r; leaving: y−r−1.
        let entering = (y + r).min(h - 1);
        let leaving = y.saturating_sub(r + 1);
        if entering >= next_to_blur {
            // Row `entering` is below y, so it has not been overwritten yet.
            blur_into_ring(entering, rgba, ring, prefix);
            next_to_blur = entering + 1;
        }
        let (add, sub) = (&ring[ring_row(entering)], &ring[ring_row(leaving)]);
        for (((sum, mean), &a), &b) in sums.iter_mut().zip(means.iter_mut()).zip(add).zip(sub) {
            // The leaving sample is part of the sum, so the true result is never negative;
            // wrapping keeps the intermediate well-defined in debug builds too.
            *sum = sum.wrapping_add(u32::from(a)).wrapping_sub(u32::from(b));
            *mean = reciprocal.divide(*sum);
        }
        put_back_rgb(&mut rgba[y * stride..(y + 1) * stride], means);
    }
}

/// `sums += times · row`, per byte.
fn add_row_times(sums: &mut [u32], row: &[u8], times: u32) {
    for (sum, &c) in sums.iter_mut().zip(row) {
        // times ≤ 2049 and the sums end ≤ 255·4097: far inside u32.
        *sum = sum.wrapping_add(u32::from(c) * times);
    }
}

/// Copies r, g, b of each pixel of `means` into `row`, keeping `row`'s alpha (one mask
/// per pixel word).
fn put_back_rgb(row: &mut [u8], means: &[u8]) {
    for (px, mean) in row
        .as_chunks_mut::<4>()
        .0
        .iter_mut()
        .zip(means.as_chunks::<4>().0)
    {
        let keep = u32::from_le_bytes(*px) & 0xFF00_0000;
        *px = (keep | (u32::from_le_bytes(*mean) & 0x00FF_FFFF)).to_le_bytes();
    }
}

/// `cells[i] = start + pixels[0] + … + pixels[i]`, lane-wise and wrapping; returns the last
/// sum. The one serial loop of the blur: SIMD128 does a pixel per instruction.
fn prefix_sums(cells: &mut [[u32; 4]], pixels: &[[u8; 4]], start: [u32; 4]) -> [u32; 4] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        super::simd::prefix_sums(cells, pixels, start)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        let mut acc = start;
        for (cell, px) in cells.iter_mut().zip(pixels) {
            for (a, &c) in acc.iter_mut().zip(px) {
                *a = a.wrapping_add(u32::from(c));
            }
            *cell = acc;
        }
        acc
    }
}

/// [`prefix_sums`] of the same pixel repeated (the edge padding).
fn repeated_sums(cells: &mut [[u32; 4]], px: [u8; 4], start: [u32; 4]) -> [u32; 4] {
    let mut acc = start;
    for cell in cells {
        for (a, &c) in acc.iter_mut().zip(&px) {
            *a = a.wrapping_add(u32::from(c));
        }
        *cell = acc;
    }
    acc
}

/// Horizontal box blur of one row with clamp-to-edge (`src.len() == dst.len() == 4w`).
///
/// A prefix sum turns every window into one subtraction: with the row padded by `r + 1`
/// copies of its first pixel and `r` of its last, and `P[i]` the sum of the first `i`
/// padded pixels, the window of pixel x is `P[x + 2r + 2] − P[x + 1]`. Building `P` is the
/// only serial loop (one vector add per pixel); the subtract-and-divide loop is flat over
/// the bytes and vectorises. Sums may wrap around `u32` on absurdly long rows; the
/// differences are still exact, because each window's true sum fits.
fn blur_row(src: &[u8], dst: &mut [u8], r: usize, reciprocal: Reciprocal, prefix: &mut Vec<u32>) {
    let pixels = src.as_chunks::<4>().0;
    let (Some(&first), Some(&last)) = (pixels.first(), pixels.last()) else {
        return;
    };
    let padded_len = r + 1 + pixels.len() + r;
    prefix.clear();
    prefix.resize(4 * (padded_len + 1), 0);
    let cells = prefix.as_chunks_mut::<4>().0;
    let (left, rest) = cells.split_at_mut(r + 2);
    let (middle, right) = rest.split_at_mut(pixels.len());
    // left[0] stays 0 (the empty prefix); then r + 1 copies of the first pixel, the row,
    // and r copies of the last pixel.
    let acc = repeated_sums(left.get_mut(1..).unwrap_or_default(), first, [0; 4]);
    let acc = prefix_sums(middle, pixels, acc);
    repeated_sums(right, last, acc);
    let window = 4 * (2 * r + 1);
    let starts = prefix.get(4..).unwrap_or_default();
    let ends = prefix.get(4 + window..).unwrap_or_default();
    for ((out, &end), &start) in dst.iter_mut().zip(ends).zip(starts) {
        *out = reciprocal.divide(end.wrapping_sub(start));
    }
}

// ---------------------------------------------------------------------------------------
// Sharpen
// ---------------------------------------------------------------------------------------

/// Sharpen: r, g, b ← `c + amount·(4c − up − down − left − right)`, rounded and clamped
/// (amount 1 is the classic kernel `[0 −1 0; −1 5 −1; 0 −1 0]`), clamp-to-edge, alpha
/// kept. The amount is clamped to 0..=16; NaN or 0 changes nothing. Byte-identical to
/// [`super::reference::sharpen`] (see it for the fixed-point formula), but in one pass with two
/// saved rows instead of a copy of the image. Returns an error when
/// `rgba.len() != 4·width·height`.
pub fn sharpen(rgba: &mut [u8], width: u32, height: u32, amount: f32) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    let a = sharpen_fixed(amount);
    if a == 0 || rgba.is_empty() {
        return Ok(());
    }
    let (w, h) = (width as usize, height as usize);
    let pixels = rgba.as_chunks_mut::<4>().0;
    // Original rows y−1 and y, saved before row y is overwritten; row y+1 is still intact.
    let mut above: Vec<[u8; 4]> = pixels[..w].to_vec();
    let mut centre: Vec<[u8; 4]> = above.clone();
    for y in 0..h {
        let (head, tail) = pixels.split_at_mut((y + 1) * w);
        let row = &mut head[y * w..];
        centre.copy_from_slice(row);
        let below: &[[u8; 4]] = if y + 1 < h { &tail[..w] } else { &centre };
        for (x, out) in row.iter_mut().enumerate() {
            let left = centre[x.saturating_sub(1)];
            let right = centre[(x + 1).min(w - 1)];
            let (c, up, down) = (centre[x], above[x], below[x]);
            for ch in 0..3 {
                let v = i32::from(c[ch]);
                let lap = 4 * v
                    - i32::from(up[ch])
                    - i32::from(down[ch])
                    - i32::from(left[ch])
                    - i32::from(right[ch]);
                out[ch] = (v + ((a * lap + 2048) >> 12)).clamp(0, 255) as u8;
            }
        }
        std::mem::swap(&mut above, &mut centre);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Sobel
// ---------------------------------------------------------------------------------------

/// `min(255, round(sqrt(n)))` with one `f32` square root: for `n < 65281` the float is
/// never close enough to a half for rounding to go the other way (a test checks every
/// `n` against the integer [`super::reference::rounded_sqrt_255`]).
#[inline]
fn fast_sqrt_255(n: u32) -> u8 {
    if n >= 65_281 {
        255
    } else {
        ((n as f32).sqrt() + 0.5) as u8
    }
}

/// Lumas of one row, padded with the edge value on both sides (`w + 2` entries).
fn luma_row(row: &[[u8; 4]], out: &mut Vec<i32>) {
    let edge = |px: Option<&[u8; 4]>| px.map_or(0, |&[r, g, b, _]| i32::from(luma(r, g, b)));
    out.clear();
    out.push(edge(row.first()));
    out.extend(row.iter().map(|&[r, g, b, _]| i32::from(luma(r, g, b))));
    out.push(edge(row.last()));
}

/// Sobel edges: r, g, b ← `min(255, round(sqrt(gx² + gy²)))` over the BT.601 luma with the
/// 3×3 Sobel kernels and clamp-to-edge (formula in [`super::reference::sobel`]); alpha kept; a
/// flat image turns black. Byte-identical to the reference, in one pass with three rows
/// of lumas. Returns an error when `rgba.len() != 4·width·height`.
pub fn sobel(rgba: &mut [u8], width: u32, height: u32) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    if rgba.is_empty() {
        return Ok(());
    }
    let (w, h) = (width as usize, height as usize);
    let pixels = rgba.as_chunks_mut::<4>().0;
    let (mut above, mut centre, mut below) = (Vec::new(), Vec::new(), Vec::new());
    luma_row(&pixels[..w], &mut centre);
    above.clone_from(&centre);
    for y in 0..h {
        // Row y+1 (or the last row again) is still original: compute its lumas now.
        let next = (y + 1).min(h - 1);
        luma_row(&pixels[next * w..(next + 1) * w], &mut below);
        let row = &mut pixels[y * w..(y + 1) * w];
        for (x, out) in row.iter_mut().enumerate() {
            // Padded index of column x is x + 1; its neighbours are x and x + 2.
            let (l, c, r) = (x, x + 1, x + 2);
            let gx = (above[r] + 2 * centre[r] + below[r]) - (above[l] + 2 * centre[l] + below[l]);
            let gy = (below[l] + 2 * below[c] + below[r]) - (above[l] + 2 * above[c] + above[r]);
            let m = fast_sqrt_255((gx * gx + gy * gy) as u32);
            *out = [m, m, m, out[3]];
        }
        // Shift the three-row window down: above ← centre ← below.
        std::mem::swap(&mut above, &mut centre);
        std::mem::swap(&mut centre, &mut below);
    }
    Ok(())
}

#[cfg(test)]
pub(super) fn fast_sqrt_for_tests(n: u32) -> u8 {
    fast_sqrt_255(n)
}

#[cfg(test)]
pub(super) fn reference_sqrt_for_tests(n: u32) -> u8 {
    super::reference::rounded_sqrt_255(n)
}
