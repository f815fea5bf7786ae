//! Histograms: how many pixels have each value of red, green, blue and luma.

use super::reference::luma;

/// Counts per value 0..=255 of red, green, blue and BT.601 [`luma`] over the whole pixels
/// of an RGBA buffer. Alpha is not counted and not used as a weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Histogram {
    /// `r[v]` = number of pixels whose red is `v`.
    pub r: [u32; 256],
    /// `g[v]` = number of pixels whose green is `v`.
    pub g: [u32; 256],
    /// `b[v]` = number of pixels whose blue is `v`.
    pub b: [u32; 256],
    /// `luma[v]` = number of pixels whose luma is `v`.
    pub luma: [u32; 256],
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            r: [0; 256],
            g: [0; 256],
            b: [0; 256],
            luma: [0; 256],
        }
    }
}

impl Histogram {
    /// Number of pixels counted (the sum of any one channel's counts).
    pub fn pixel_count(&self) -> u64 {
        self.luma.iter().map(|&n| u64::from(n)).sum()
    }

    /// The largest count in any of the four channels: the height to scale a chart to.
    pub fn max_count(&self) -> u32 {
        [&self.r, &self.g, &self.b, &self.luma]
            .into_iter()
            .flat_map(|counts| counts.iter().copied())
            .max()
            .unwrap_or(0)
    }

    /// Mean luma (0.0 for an empty histogram).
    pub fn mean_luma(&self) -> f64 {
        let n = self.pixel_count();
        if n == 0 {
            return 0.0;
        }
        let total: u64 = self
            .luma
            .iter()
            .zip(0u64..)
            .map(|(&c, v)| u64::from(c) * v)
            .sum();
        total as f64 / n as f64
    }
}

/// The histogram of the whole pixels of `rgba` (a trailing partial pixel is ignored).
/// Counts saturate at `u32::MAX` (over four billion pixels, more than WASM can hold).
pub fn histogram(rgba: &[u8]) -> Histogram {
    let mut h = Histogram::default();
    let (pixels, _partial) = rgba.as_chunks::<4>();
    for &[r, g, b, _] in pixels {
        // Indexing a [u32; 256] with a u8 cannot go out of bounds: no check is emitted.
        let y = luma(r, g, b);
        h.r[usize::from(r)] = h.r[usize::from(r)].saturating_add(1);
        h.g[usize::from(g)] = h.g[usize::from(g)].saturating_add(1);
        h.b[usize::from(b)] = h.b[usize::from(b)].saturating_add(1);
        h.luma[usize::from(y)] = h.luma[usize::from(y)].saturating_add(1);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_channel_and_luma() {
        let rgba = [10, 20, 30, 0, 10, 200, 30, 255, 255, 255, 255, 9, 1, 2];
        let h = histogram(&rgba);
        assert_eq!(h.pixel_count(), 3);
        assert_eq!(h.r[10], 2);
        assert_eq!(h.r[255], 1);
        assert_eq!(h.g[20], 1);
        assert_eq!(h.g[200], 1);
        assert_eq!(h.b[30], 2);
        assert_eq!(h.luma[255], 1);
        assert_eq!(h.luma[usize::from(luma(10, 20, 30))], 1);
        assert_eq!(h.max_count(), 2);
    }

    #[test]
    fn empty_and_partial_buffers() {
        assert_eq!(histogram(&[]), Histogram::default());
        assert_eq!(histogram(&[1, 2, 3]).pixel_count(), 0);
        assert_eq!(Histogram::default().mean_luma(), 0.0);
        assert_eq!(Histogram::default().max_count(), 0);
    }

    #[test]
    fn mean_luma_of_two_greys() {
        let h = histogram(&[100, 100, 100, 255, 200, 200, 200, 0]);
        assert_eq!(h.mean_luma(), 150.0);
    }
}
