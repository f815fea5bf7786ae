//! The readable scalar reference of every filter: one pixel (or one window) at a time,
//! written to be read, not to be fast.
//!
//! This file is the *definition* of each filter. The fast paths in [`super::fast`],
//! [`super::blur`] and (on `wasm32` with SIMD128) `super::simd` must give the very same
//! bytes; the tests compare them on random images. The fixed-point formulas below (luma
//! weights, [`ToneCurve`], [`ColorMatrix`], [`Reciprocal`]) are shared by every path, so
//! "the same bytes" is a real law, not "close enough".
//!
//! Why fixed point and not `f32`? Integer arithmetic is exact and identical on every
//! machine and in every lane of a SIMD register, so the reference, the word-at-a-time path
//! and the SIMD path can agree bit for bit. Each fixed-point formula is documented with how
//! far it can be from the real-valued formula (never more than 1).

use super::{ImageError, check_len};

// ---------------------------------------------------------------------------------------
// Luma (BT.601)
// ---------------------------------------------------------------------------------------

/// Weight of red in BT.601 luma, in 1/65536: round(0.299 × 65536).
pub const LUMA_R: u32 = 19_595;
/// Weight of green in BT.601 luma, in 1/65536: round(0.587 × 65536).
pub const LUMA_G: u32 = 38_470;
/// Weight of blue in BT.601 luma, in 1/65536: round(0.114 × 65536) − 1, so that the three
/// weights sum to exactly 65536 and a grey pixel (r = g = b = v) has luma exactly v.
pub const LUMA_B: u32 = 7_471;

// region: luma
/// BT.601 luma of one pixel, correctly rounded in fixed point:
/// `(19595·r + 38470·g + 7471·b + 32768) >> 16`.
///
/// Exact on greys (the weights sum to 65536) and within 1 of
/// `round(0.299·r + 0.587·g + 0.114·b)` for every colour (it differs only where the real
/// value lies within 0.003 of a half). The tutorial's version, `(…) as u8`, truncated instead of
/// rounding, which maps a quarter of the greys one step too dark.
#[inline]
pub const fn luma(r: u8, g: u8, b: u8) -> u8 {
    // Max value: 65536·255 + 32768 < 2^24, so u32 never overflows; >> 16 is ≤ 255.
    ((LUMA_R * r as u32 + LUMA_G * g as u32 + LUMA_B * b as u32 + 32_768) >> 16) as u8
}
// endregion

// ---------------------------------------------------------------------------------------
// Per-channel tone curves (brightness, contrast)
// ---------------------------------------------------------------------------------------

/// A per-channel straight line in fixed point: `out = clamp((c·mul + add) >> 13, 0, 255)`
/// (arithmetic shift, i.e. floor). Brightness and contrast are both such lines; the fast
/// paths turn it into a 256-entry lookup table or evaluate it 16 channels at a time with
/// SIMD — the same integer formula either way, so the bytes agree.
///
/// `mul` and `add` are kept in ±2^30 by the constructors, so `c·mul + add` fits `i32`.
/// The fields are public for teaching; a hand-built curve outside that range is not an
/// error, its arithmetic simply wraps (identically in every path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ToneCurve {
    /// Slope in 1/8192.
    pub mul: i32,
    /// Offset in 1/8192 (including the +4096 that makes the shift round to nearest).
    pub add: i32,
}

impl ToneCurve {
    /// The fixed-point shift: slope and offset are in units of 1/2^13.
    pub const SHIFT: u32 = 13;
    /// `out = c`.
    pub const IDENTITY: ToneCurve = ToneCurve {
        mul: 1 << 13,
        add: 1 << 12,
    };
    /// Largest factor we represent; every channel above 0 is 255 long before this.
    const MAX_FACTOR: f64 = 256.0;

    /// `out = round(c · factor)` clamped to 0..=255, as CSS `brightness()`.
    ///
    /// The factor is rounded to 1/4096 (`F = round(factor·4096)`) and the curve is
    /// `(c·2F + 4096) >> 13`, which is within 1 of `round(c·factor)` (the error before
    /// rounding is at most 255/8192 ≈ 0.03). Edge cases, all without a panic:
    /// NaN leaves the image unchanged; a negative factor makes every channel 0 (the
    /// clamp of a negative product); factors above 256, +∞ included, act as 256 (every
    /// channel above 0 becomes 255, 0 stays 0).
    pub fn brightness(factor: f32) -> ToneCurve {
        if factor.is_nan() {
            return ToneCurve::IDENTITY;
        }
        let f = (f64::from(factor).clamp(0.0, Self::MAX_FACTOR) * 4096.0).round() as i32;
        ToneCurve {
            mul: 2 * f,
            add: 4096,
        }
    }

    /// `out = round((c − 127.5) · amount + 127.5)` clamped to 0..=255, as CSS `contrast()`:
    /// 1 is unchanged, 0 is flat mid grey (128), 2 doubles the distance from the middle.
    ///
    /// With `A = round(amount·4096)` the curve is `((2c − 255)·A + 255·4096 + 4096) >> 13`,
    /// within 1 of the real formula (error before rounding ≤ 255/8192). NaN leaves the
    /// image unchanged; amounts are clamped to −256..=256 (+∞ gives a hard threshold at
    /// the middle); a negative amount mirrors around the middle — −1 is exactly `invert`
    /// (CSS rejects negative amounts; here they are a small lesson instead of an error).
    pub fn contrast(amount: f32) -> ToneCurve {
        if amount.is_nan() {
            return ToneCurve::IDENTITY;
        }
        let a =
            (f64::from(amount).clamp(-Self::MAX_FACTOR, Self::MAX_FACTOR) * 4096.0).round() as i32;
        // (2c − 255)·A + 255·4096 + 4096  =  c·(2A) + (255·(4096 − A) + 4096)
        ToneCurve {
            mul: 2 * a,
            add: 255 * (4096 - a) + 4096,
        }
    }

    /// Evaluates the curve for one channel value.
    #[inline]
    pub fn apply(self, c: u8) -> u8 {
        // With the constructors' values |c·mul| ≤ 255·2^21 and |add| ≤ 2^29, so the sum
        // never wraps; wrapping arithmetic only makes hand-built absurd curves harmless
        // (every path wraps the same way, so they still agree byte for byte).
        let v = i32::from(c).wrapping_mul(self.mul).wrapping_add(self.add) >> Self::SHIFT;
        v.clamp(0, 255) as u8
    }

    /// The curve as a 256-entry lookup table: `lut[c] == self.apply(c)`.
    pub fn lut(self) -> [u8; 256] {
        let mut lut = [0u8; 256];
        for (c, out) in lut.iter_mut().enumerate() {
            *out = self.apply(c as u8);
        }
        lut
    }
}

// ---------------------------------------------------------------------------------------
// 3×3 colour matrices (sepia, saturation)
// ---------------------------------------------------------------------------------------

/// A 3×3 colour matrix in fixed point (like SVG's `feColorMatrix` without the offset
/// column): `out_i = clamp((m[i][0]·r + m[i][1]·g + m[i][2]·b + 32768) >> 16, 0, 255)`.
///
/// Entries are in 1/65536 and lie in ±2^21 (±32.0) when built by the constructors, so a
/// row's sum of `|m|·255 + 32768` stays below 2^31 and never overflows `i32`. The field is
/// public for teaching; larger hand-written entries are not an error, their arithmetic
/// wraps (identically in every path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColorMatrix {
    /// Rows for red, green, blue; columns multiply r, g, b.
    pub m: [[i32; 3]; 3],
}

impl ColorMatrix {
    /// The fixed-point shift: entries are in units of 1/2^16.
    pub const SHIFT: u32 = 16;
    /// Entries are clamped to ±`MAX_ENTRY` (32.0) so that no row can overflow `i32`.
    pub const MAX_ENTRY: i32 = 1 << 21;
    /// Largest saturation amount [`ColorMatrix::saturation`] accepts.
    pub const MAX_SATURATION: f32 = 32.0;

    /// The classic sepia matrix (as in Microsoft's and many tutorials' sepia tone):
    /// ```text
    /// r' = 0.393 r + 0.769 g + 0.189 b
    /// g' = 0.349 r + 0.686 g + 0.168 b
    /// b' = 0.272 r + 0.534 g + 0.131 b
    /// ```
    /// each entry rounded to 1/65536; results above 255 are clamped (a white pixel turns
    /// (255, 255, 239)). Within 1 of the real-valued matrix for every colour.
    pub const SEPIA: ColorMatrix = ColorMatrix {
        m: [
            [25_756, 50_397, 12_386],
            [22_872, 44_958, 11_010],
            [17_826, 34_996, 8_585],
        ],
    };

    /// Builds a matrix from real-valued entries: each is rounded to 1/65536 and clamped to
    /// ±32; NaN entries count as 0.
    pub fn from_f32(rows: [[f32; 3]; 3]) -> ColorMatrix {
        let mut m = [[0i32; 3]; 3];
        for (out_row, row) in m.iter_mut().zip(rows) {
            for (out, v) in out_row.iter_mut().zip(row) {
                *out = if v.is_nan() {
                    0
                } else {
                    (f64::from(v) * 65_536.0)
                        .round()
                        .clamp(-f64::from(Self::MAX_ENTRY), f64::from(Self::MAX_ENTRY))
                        as i32
                };
            }
        }
        ColorMatrix { m }
    }

    /// Saturation as CSS `saturate()` defines it, but around BT.601 luma `Y` (the same
    /// luma as [`luma`]): `c' = Y + s·(c − Y)` for each of r, g, b. 1 is unchanged, 0 is
    /// grey, 2 doubles the distance of each channel from the grey.
    ///
    /// As a matrix: off-diagonal entries `(1 − s)·w_j` (w = the luma weights), rounded to
    /// 1/65536; each diagonal entry is 65536 minus the rest of its row, so every row sums
    /// to exactly 1 and greys stay exactly grey. Consequences: `saturation(0)` gives the
    /// very bytes of `grayscale`, `saturation(1)` changes nothing, and the result is within
    /// 1 of the real formula. NaN leaves the image unchanged; `s` is clamped to 0..=32
    /// (CSS rejects negative amounts; beyond 32 every colourful channel is already 0 or 255).
    pub fn saturation(amount: f32) -> ColorMatrix {
        if amount.is_nan() {
            return ColorMatrix::IDENTITY;
        }
        let s = f64::from(amount.clamp(0.0, Self::MAX_SATURATION));
        let weights = [LUMA_R, LUMA_G, LUMA_B].map(f64::from);
        let mut m = [[0i32; 3]; 3];
        for (i, row) in m.iter_mut().enumerate() {
            let mut off_sum = 0i32;
            for (j, entry) in row.iter_mut().enumerate() {
                if i != j {
                    // |(1 − s)·w| ≤ 31·38470 < 2^21: inside MAX_ENTRY.
                    *entry = ((1.0 - s) * weights[j]).round() as i32;
                    off_sum += *entry;
                }
            }
            row[i] = 65_536 - off_sum;
        }
        ColorMatrix { m }
    }

    /// `out = in`.
    pub const IDENTITY: ColorMatrix = ColorMatrix {
        m: [[65_536, 0, 0], [0, 65_536, 0], [0, 0, 65_536]],
    };

    /// Applies the matrix to one pixel's r, g, b.
    #[inline]
    pub fn apply(&self, r: u8, g: u8, b: u8) -> [u8; 3] {
        let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
        self.m.map(|row| {
            // No wrap for entries within ±MAX_ENTRY (the constructors' range); wrapping
            // arithmetic keeps hand-built absurd matrices panic-free, identically in
            // every path.
            let v = row[0]
                .wrapping_mul(r)
                .wrapping_add(row[1].wrapping_mul(g))
                .wrapping_add(row[2].wrapping_mul(b))
                .wrapping_add(32_768)
                >> Self::SHIFT;
            v.clamp(0, 255) as u8
        })
    }
}

// ---------------------------------------------------------------------------------------
// Point filters
// ---------------------------------------------------------------------------------------

// region: grayscale-reference
/// Grayscale: r, g and b all become [`luma`]`(r, g, b)`; alpha is kept. A trailing partial
/// pixel (when `len % 4 != 0`) is left as it is.
pub fn grayscale(rgba: &mut [u8]) {
    for px in rgba.chunks_exact_mut(4) {
        let y = luma(px[0], px[1], px[2]);
        px[0] = y;
        px[1] = y;
        px[2] = y;
    }
}
// endregion

/// Invert: each of r, g, b becomes `255 − c`; alpha is kept.
pub fn invert(rgba: &mut [u8]) {
    for px in rgba.chunks_exact_mut(4) {
        px[0] = 255 - px[0];
        px[1] = 255 - px[1];
        px[2] = 255 - px[2];
    }
}

/// Applies a [`ToneCurve`] to r, g and b of every whole pixel; alpha is kept.
pub fn tone_curve(rgba: &mut [u8], curve: ToneCurve) {
    for px in rgba.chunks_exact_mut(4) {
        px[0] = curve.apply(px[0]);
        px[1] = curve.apply(px[1]);
        px[2] = curve.apply(px[2]);
    }
}

/// Brightness: `round(c · factor)` clamped; see [`ToneCurve::brightness`] for NaN,
/// negative and infinite factors.
pub fn brightness(rgba: &mut [u8], factor: f32) {
    tone_curve(rgba, ToneCurve::brightness(factor));
}

/// Contrast: `round((c − 127.5)·amount + 127.5)` clamped; see [`ToneCurve::contrast`].
pub fn contrast(rgba: &mut [u8], amount: f32) {
    tone_curve(rgba, ToneCurve::contrast(amount));
}

/// Applies a [`ColorMatrix`] to every whole pixel; alpha is kept.
pub fn color_matrix(rgba: &mut [u8], matrix: &ColorMatrix) {
    for px in rgba.chunks_exact_mut(4) {
        let [r, g, b] = matrix.apply(px[0], px[1], px[2]);
        px[0] = r;
        px[1] = g;
        px[2] = b;
    }
}

/// Sepia: the classic matrix [`ColorMatrix::SEPIA`], clamped to 255.
pub fn sepia(rgba: &mut [u8]) {
    color_matrix(rgba, &ColorMatrix::SEPIA);
}

/// Saturation: `c' = Y + s·(c − Y)` around BT.601 luma; see [`ColorMatrix::saturation`].
pub fn saturation(rgba: &mut [u8], amount: f32) {
    color_matrix(rgba, &ColorMatrix::saturation(amount));
}

/// Threshold: a pixel whose [`luma`] is at least `level` becomes white (255, 255, 255),
/// any other black; alpha is kept. Level 0 makes everything white.
pub fn threshold(rgba: &mut [u8], level: u8) {
    for px in rgba.chunks_exact_mut(4) {
        let v = if luma(px[0], px[1], px[2]) >= level {
            255
        } else {
            0
        };
        px[0] = v;
        px[1] = v;
        px[2] = v;
    }
}

// ---------------------------------------------------------------------------------------
// Neighbourhood filters
// ---------------------------------------------------------------------------------------

/// Largest box-blur radius; larger radii are treated as this one. A window of 4097
/// samples keeps every running sum and the fixed-point division inside `u32`
/// (see [`Reciprocal`]). Radius here means: the window is `2·radius + 1` wide.
pub const MAX_BLUR_RADIUS: u32 = 2048;

/// Division by a window size `d` (1..=4097) as a multiplication: for a sum `s ≤ 255·d`,
/// `(s·m + 2^23) >> 24` with `m = round(2^24 / d)`.
///
/// Within 1 of `round(s / d)` (the error before rounding is at most
/// `255·d/2^25 ≤ 0.032`), and `s·m + 2^23` stays below 2^32, so `u32` arithmetic is
/// enough — which is what lets the JavaScript baseline and SIMD lanes do the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reciprocal {
    /// round(2^24 / d).
    pub mul: u32,
}

impl Reciprocal {
    /// The reciprocal of a window of `size` samples (`size` is clamped to 1..=4097).
    pub fn new(size: u32) -> Reciprocal {
        let d = size.clamp(1, 2 * MAX_BLUR_RADIUS + 1);
        // round(2^24 / d) with integers: (2^24 + d/2) / d.
        Reciprocal {
            mul: ((1u32 << 24) + d / 2) / d,
        }
    }

    /// `round(sum / d)` for a sum of at most `255·d` (larger sums saturate at 255).
    #[inline]
    pub fn divide(self, sum: u32) -> u8 {
        // For sum ≤ 255·d the product stays below 2^32 (see the type's doc); wrapping
        // arithmetic only matters for out-of-contract sums, which then saturate below.
        let q = sum.wrapping_mul(self.mul).wrapping_add(1 << 23) >> 24;
        q.min(255) as u8
    }
}

/// Index `i` moved inside `0..len` (clamp-to-edge); `len` must be at least 1.
#[inline]
fn clamp_index(i: i64, len: usize) -> usize {
    i.clamp(0, len as i64 - 1) as usize
}

/// One line of samples (a row or a column of one channel) blurred by a window of
/// `2·r + 1` samples with clamp-to-edge, divided with `reciprocal`.
///
/// A *running sum*: the window around sample 0 is summed once; then each step right adds
/// the sample entering the window and subtracts the one leaving it, so the work is the same
/// for every radius. (Summing the whole window again at each sample, the obvious way, costs
/// `2r + 1` additions per sample: 49 s for a 1000×1000 image at the largest radius.)
fn blur_line(line: &[u8], r: usize, reciprocal: Reciprocal) -> Vec<u8> {
    let len = line.len();
    let at = |i: i64| u32::from(line[clamp_index(i, len)]);
    let r = r as i64;
    // The window around sample 0: r copies of sample 0 on the left (clamped), sample 0
    // itself, and r samples on the right — past the end they are all the last sample, so
    // only the first `len − 1` need reading one by one.
    let inside = r.min(len as i64 - 1);
    let mut sum = (r as u32 + 1) * at(0)
        + (1..=inside).map(at).sum::<u32>()
        + (r - inside) as u32 * at(len as i64 - 1);
    let mut out = Vec::with_capacity(len);
    for x in 0..len as i64 {
        out.push(reciprocal.divide(sum));
        // Slide right: sample x − r leaves, sample x + r + 1 enters.
        sum = sum + at(x + r + 1) - at(x - r);
    }
    out
}

/// Box blur, the definition: a horizontal pass then a vertical pass; each replaces r, g
/// and b by the mean of the `2·radius + 1` samples centred on it along that axis, with
/// clamp-to-edge (samples outside the image repeat the nearest edge pixel), divided with
/// [`Reciprocal`] and rounded to a byte between the passes. The result is within 1 of the
/// exact mean over the `(2r+1)×(2r+1)` square.
///
/// Each pass runs a running sum along its lines ([`blur_line`]), so the cost is
/// O(width × height) whatever the radius (plus O(min(radius, side)) per line to start
/// each window).
///
/// Alpha is never changed, and it is not used as a weight: colour is averaged as if every
/// pixel were opaque, so the colour of fully transparent pixels bleeds into their
/// neighbours (a premultiplied-alpha blur would avoid that, but it would have to change
/// alpha-dependent bytes, and this module never changes alpha).
///
/// Radius 0 leaves the image unchanged; radii above [`MAX_BLUR_RADIUS`] act as it.
/// Returns an error when `rgba.len() != 4·width·height`.
pub fn box_blur(rgba: &mut [u8], width: u32, height: u32, radius: u32) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    let r = radius.min(MAX_BLUR_RADIUS);
    if r == 0 || rgba.is_empty() {
        return Ok(());
    }
    let (w, h) = (width as usize, height as usize);
    let reciprocal = Reciprocal::new(2 * r + 1);
    let r = r as usize;

    // Horizontal pass: each row, one channel at a time.
    for y in 0..h {
        for c in 0..3 {
            let line: Vec<u8> = (0..w).map(|x| rgba[4 * (y * w + x) + c]).collect();
            for (x, value) in blur_line(&line, r, reciprocal).into_iter().enumerate() {
                rgba[4 * (y * w + x) + c] = value;
            }
        }
    }

    // Vertical pass over the horizontally blurred image: each column, one channel at a time.
    for x in 0..w {
        for c in 0..3 {
            let line: Vec<u8> = (0..h).map(|y| rgba[4 * (y * w + x) + c]).collect();
            for (y, value) in blur_line(&line, r, reciprocal).into_iter().enumerate() {
                rgba[4 * (y * w + x) + c] = value;
            }
        }
    }
    Ok(())
}

/// The three box radii whose successive box blurs approximate a Gaussian of standard
/// deviation `sigma` (W. Wells 1986; P. Kovesi, "Fast almost-Gaussian filtering", 2010):
/// by the central limit theorem three boxes are already close to a bell curve, and the
/// box widths `wl` and `wl + 2` (odd) are mixed so that the total variance
/// `Σ (width² − 1)/12` comes as close to σ² as odd widths allow.
///
/// NaN, zero or negative σ gives `[0, 0, 0]` (no blur); σ is capped so that no radius
/// exceeds [`MAX_BLUR_RADIUS`]. Below σ ≈ 0.8 every radius is 0: a box of one pixel.
pub fn gaussian_box_radii(sigma: f32) -> [u32; 3] {
    const PASSES: f64 = 3.0;
    if sigma.is_nan() || sigma <= 0.0 {
        return [0; 3];
    }
    // σ of three boxes of width 4097 is sqrt(3·(4097² − 1)/12) ≈ 2048.5.
    let sigma = f64::from(sigma).min(2048.0);
    let variance12 = 12.0 * sigma * sigma;
    let ideal_width = (variance12 / PASSES + 1.0).sqrt();
    let mut wl = ideal_width.floor();
    if wl % 2.0 == 0.0 {
        wl -= 1.0;
    }
    let wl = wl.max(1.0);
    let wu = wl + 2.0;
    // How many of the passes use the smaller width so that the variance matches best.
    let m = ((variance12 - PASSES * wl * wl - 4.0 * PASSES * wl - 3.0 * PASSES)
        / (-4.0 * wl - 4.0))
        .round()
        .clamp(0.0, PASSES);
    let mut radii = [0u32; 3];
    for (i, radius) in radii.iter_mut().enumerate() {
        let width = if (i as f64) < m { wl } else { wu };
        *radius = (((width - 1.0) / 2.0) as u32).min(MAX_BLUR_RADIUS);
    }
    radii
}

/// Gaussian blur (approximate), the definition: three successive [`box_blur`]s with the
/// radii of [`gaussian_box_radii`]`(sigma)`. Same edge and alpha handling as `box_blur`;
/// each pass rounds to bytes, so the result is within a few levels of a true Gaussian
/// with the same σ. Returns an error when `rgba.len() != 4·width·height`.
pub fn gaussian_blur(
    rgba: &mut [u8],
    width: u32,
    height: u32,
    sigma: f32,
) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    for radius in gaussian_box_radii(sigma) {
        box_blur(rgba, width, height, radius)?;
    }
    Ok(())
}

/// The sharpening amount in 1/4096, clamped to 0..=16; NaN counts as 0 (no change).
pub fn sharpen_fixed(amount: f32) -> i32 {
    if amount.is_nan() {
        return 0;
    }
    (f64::from(amount).clamp(0.0, 16.0) * 4096.0).round() as i32
}

/// Sharpen: `c' = c + amount · (4c − up − down − left − right)` for r, g and b, rounded
/// and clamped to 0..=255; with amount 1 this is the classic kernel
/// `[0 −1 0; −1 5 −1; 0 −1 0]`. Neighbours outside the image repeat the edge pixel
/// (clamp-to-edge), so a flat image and a 1×1 image are unchanged. Alpha is kept.
///
/// In fixed point: `A = round(amount·4096)`, `c' = c + ((A·lap + 2048) >> 12)`, within 1
/// of the real formula. The amount is clamped to 0..=16; NaN or 0 changes nothing.
/// Returns an error when `rgba.len() != 4·width·height`.
pub fn sharpen(rgba: &mut [u8], width: u32, height: u32, amount: f32) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    let a = sharpen_fixed(amount);
    if a == 0 || rgba.is_empty() {
        return Ok(());
    }
    let (w, h) = (width as usize, height as usize);
    let source = rgba.to_vec();
    let at = |x: i64, y: i64, c: usize| -> i32 {
        i32::from(source[4 * (clamp_index(y, h) * w + clamp_index(x, w)) + c])
    };
    for y in 0..h as i64 {
        for x in 0..w as i64 {
            for c in 0..3 {
                let centre = at(x, y, c);
                let lap = 4 * centre
                    - at(x, y - 1, c)
                    - at(x, y + 1, c)
                    - at(x - 1, y, c)
                    - at(x + 1, y, c);
                let v = centre + ((a * lap + 2048) >> 12);
                rgba[4 * (y as usize * w + x as usize) + c] = v.clamp(0, 255) as u8;
            }
        }
    }
    Ok(())
}

/// `min(255, round(sqrt(n)))` with integers only: `isqrt` rounds down, and `sqrt(n)`
/// rounds up exactly when `n > k² + k` (because `(k + ½)² = k² + k + ¼`).
pub fn rounded_sqrt_255(n: u32) -> u8 {
    let k = n.isqrt();
    let rounded = if n > k * k + k { k + 1 } else { k };
    rounded.min(255) as u8
}

/// Sobel edges: with `L` the [`luma`] of each pixel and clamp-to-edge,
/// ```text
/// gx = (L[x+1,y−1] + 2·L[x+1,y] + L[x+1,y+1]) − (L[x−1,y−1] + 2·L[x−1,y] + L[x−1,y+1])
/// gy = (L[x−1,y+1] + 2·L[x,y+1] + L[x+1,y+1]) − (L[x−1,y−1] + 2·L[x,y−1] + L[x+1,y−1])
/// ```
/// r, g and b all become `min(255, round(sqrt(gx² + gy²)))`: white edges on black. Alpha
/// is kept. A flat image becomes black. Returns an error when
/// `rgba.len() != 4·width·height`.
pub fn sobel(rgba: &mut [u8], width: u32, height: u32) -> Result<(), ImageError> {
    check_len(rgba.len(), width, height)?;
    if rgba.is_empty() {
        return Ok(());
    }
    let (w, h) = (width as usize, height as usize);
    let lumas: Vec<i32> = rgba
        .chunks_exact(4)
        .map(|px| i32::from(luma(px[0], px[1], px[2])))
        .collect();
    let l = |x: i64, y: i64| lumas[clamp_index(y, h) * w + clamp_index(x, w)];
    for y in 0..h as i64 {
        for x in 0..w as i64 {
            let gx = (l(x + 1, y - 1) + 2 * l(x + 1, y) + l(x + 1, y + 1))
                - (l(x - 1, y - 1) + 2 * l(x - 1, y) + l(x - 1, y + 1));
            let gy = (l(x - 1, y + 1) + 2 * l(x, y + 1) + l(x + 1, y + 1))
                - (l(x - 1, y - 1) + 2 * l(x, y - 1) + l(x + 1, y - 1));
            // |gx|, |gy| ≤ 1020, so gx² + gy² ≤ 2_080_800: no overflow.
            let m = rounded_sqrt_255((gx * gx + gy * gy) as u32);
            let i = 4 * (y as usize * w + x as usize);
            rgba[i] = m;
            rgba[i + 1] = m;
            rgba[i + 2] = m;
        }
    }
    Ok(())
}
