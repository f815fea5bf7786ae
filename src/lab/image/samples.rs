//! Generated sample images, so the tab works with no file at hand: a test card, a
//! gradient and noise. Deterministic (the same arguments give the same bytes on every
//! machine), integer arithmetic only, and guarded by [`check_dimensions`] before the
//! buffer is allocated.

use serde::{Deserialize, Serialize};

use super::{DEFAULT_MAX_MEGAPIXELS, ImageError, check_dimensions};
use crate::lab::rng::SplitMix64;

/// Which sample to generate (for the tab's picker).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "sample", rename_all = "snake_case")]
pub enum Sample {
    /// [`test_card`].
    TestCard,
    /// [`gradient`].
    Gradient,
    /// [`noise`] with this seed.
    Noise {
        /// Seed of the generator.
        seed: u64,
    },
}

impl Sample {
    /// Every kind of sample, in menu order.
    pub const ALL: [Sample; 3] = [
        Sample::TestCard,
        Sample::Gradient,
        Sample::Noise { seed: 1 },
    ];

    /// A short human name.
    pub fn label(self) -> &'static str {
        match self {
            Sample::TestCard => "Test card",
            Sample::Gradient => "Gradient",
            Sample::Noise { .. } => "Noise",
        }
    }

    /// Generates the sample at `width × height` (see each function).
    pub fn generate(self, width: u32, height: u32) -> Result<Vec<u8>, ImageError> {
        match self {
            Sample::TestCard => test_card(width, height),
            Sample::Gradient => gradient(width, height),
            Sample::Noise { seed } => noise(width, height, seed),
        }
    }
}

/// Allocates a `width × height` image after the size guard and fills each pixel with
/// `pixel(x, y)`.
fn generate(
    width: u32,
    height: u32,
    mut pixel: impl FnMut(u32, u32) -> [u8; 4],
) -> Result<Vec<u8>, ImageError> {
    let len = check_dimensions(width, height, DEFAULT_MAX_MEGAPIXELS)?;
    let mut rgba = vec![0u8; len];
    let (pixels, _) = rgba.as_chunks_mut::<4>();
    for (px, i) in pixels.iter_mut().zip(0u64..) {
        // i < width·height, so both casts are lossless.
        let (x, y) = ((i % u64::from(width)) as u32, (i / u64::from(width)) as u32);
        *px = pixel(x, y);
    }
    Ok(rgba)
}

/// `v · 255 / (n − 1)` rounded, for `v` in `0..n`: a ramp that reaches both 0 and 255
/// (0 when `n == 1`).
fn ramp(v: u32, n: u32) -> u8 {
    let span = u64::from(n.saturating_sub(1).max(1));
    ((u64::from(v) * 255 + span / 2) / span).min(255) as u8
}

/// A test card: the top 60 % are eight colour bars (white, yellow, cyan, green, magenta,
/// red, blue, black), then a grey ramp from black to white, then an alpha ramp (mid grey
/// going from transparent to opaque — it shows that filters keep alpha), with a white
/// ring in the middle and a one-pixel checkerboard patch in the top-left corner (edges and
/// blur show up on both). Errors as [`check_dimensions`] with the 50 MP default.
pub fn test_card(width: u32, height: u32) -> Result<Vec<u8>, ImageError> {
    const BARS: [[u8; 3]; 8] = [
        [255, 255, 255],
        [255, 255, 0],
        [0, 255, 255],
        [0, 255, 0],
        [255, 0, 255],
        [255, 0, 0],
        [0, 0, 255],
        [0, 0, 0],
    ];
    let (w, h) = (u64::from(width), u64::from(height));
    let (cx, cy) = (w as i64 / 2, h as i64 / 2);
    let ring_radius = (w.min(h) / 4) as i64;
    let ring_width = (ring_radius / 10).max(1);
    let checker = (w.min(h) / 8) as u32;
    generate(width, height, |x, y| {
        let (xl, yl) = (u64::from(x), u64::from(y));
        let (dx, dy) = (x as i64 - cx, y as i64 - cy);
        let d2 = dx * dx + dy * dy;
        let inner = (ring_radius - ring_width).max(0);
        let outer = ring_radius + ring_width;
        if ring_radius > 0 && d2 >= inner * inner && d2 <= outer * outer {
            return [255, 255, 255, 255];
        }
        if x < checker && y < checker {
            let v = if (x + y) % 2 == 0 { 255 } else { 0 };
            return [v, v, v, 255];
        }
        if yl * 10 < h * 6 {
            let [r, g, b] = BARS[(xl * 8 / w).min(7) as usize];
            [r, g, b, 255]
        } else if yl * 10 < h * 8 {
            let v = ramp(x, width);
            [v, v, v, 255]
        } else {
            [128, 128, 128, ramp(x, width)]
        }
    })
}

/// A smooth gradient: red grows left to right, green top to bottom, blue falls left to
/// right; opaque. Errors as [`check_dimensions`] with the 50 MP default.
pub fn gradient(width: u32, height: u32) -> Result<Vec<u8>, ImageError> {
    generate(width, height, |x, y| {
        let r = ramp(x, width);
        [r, ramp(y, height), 255 - r, 255]
    })
}

/// Uniform random r, g, b (opaque) from the SplitMix64 generator seeded with `seed`:
/// the same seed always gives the same image. Errors as [`check_dimensions`] with the
/// 50 MP default.
pub fn noise(width: u32, height: u32, seed: u64) -> Result<Vec<u8>, ImageError> {
    let mut rng = SplitMix64::new(seed);
    generate(width, height, move |_, _| {
        let [r, g, b, ..] = rng.next_u64().to_le_bytes();
        [r, g, b, 255]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_guard() {
        for sample in Sample::ALL {
            assert_eq!(sample.generate(3, 5).map(|v| v.len()), Ok(60));
            assert_eq!(sample.generate(1, 1).map(|v| v.len()), Ok(4));
            assert_eq!(
                sample.generate(0, 0),
                Err(ImageError::Empty {
                    width: 0,
                    height: 0
                })
            );
            assert!(matches!(
                sample.generate(100_000, 100_000),
                Err(ImageError::TooManyPixels { .. })
            ));
            assert!(matches!(
                sample.generate(u32::MAX, u32::MAX),
                Err(ImageError::TooManyPixels { .. })
            ));
        }
    }

    #[test]
    fn deterministic() {
        for sample in Sample::ALL {
            assert_eq!(sample.generate(17, 9), sample.generate(17, 9));
        }
        assert_ne!(noise(8, 8, 1), noise(8, 8, 2));
    }

    #[test]
    fn gradient_reaches_both_ends() {
        let g = gradient(256, 2).unwrap_or_default();
        assert_eq!(&g[..4], &[0, 0, 255, 255]);
        assert_eq!(&g[4 * 255..4 * 256], &[255, 0, 0, 255]);
        assert_eq!(&g[4 * 256..4 * 257], &[0, 255, 255, 255]);
    }

    #[test]
    fn test_card_has_bars_ramp_and_alpha_ramp() {
        let (w, h) = (160u32, 100u32);
        let card = test_card(w, h).unwrap_or_default();
        let at = |x: u32, y: u32| {
            let i = 4 * (y * w + x) as usize;
            [card[i], card[i + 1], card[i + 2], card[i + 3]]
        };
        assert_eq!(at(w - 1, 30), [0, 0, 0, 255]); // black bar, far from the ring
        assert_eq!(at(25, 30), [255, 255, 0, 255]); // yellow bar
        assert_eq!(at(0, 70), [0, 0, 0, 255]); // grey ramp starts black
        assert_eq!(at(w - 1, 70), [255, 255, 255, 255]); // and ends white
        assert_eq!(at(0, 95), [128, 128, 128, 0]); // alpha ramp starts transparent
        assert_eq!(at(w - 1, 95), [128, 128, 128, 255]);
        assert_eq!(at(w / 2 + 25, h / 2), [255, 255, 255, 255]); // on the ring
        assert!(card.chunks_exact(4).any(|px| px[3] != 255 && px[3] != 0));
    }

    #[test]
    fn noise_looks_uniform() {
        let n = noise(64, 64, 42).unwrap_or_default();
        let mean = n.chunks_exact(4).map(|px| f64::from(px[0])).sum::<f64>() / 4096.0;
        assert!((mean - 127.5).abs() < 5.0, "mean {mean}");
        assert!(n.chunks_exact(4).all(|px| px[3] == 255));
    }
}
