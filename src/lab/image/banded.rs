//! One filter, a band of rows at a time, giving exactly the bytes of the whole-image
//! filter.
//!
//! A Gaussian blur of a 3840×2160 image takes a few hundred milliseconds: done in one
//! go on the page's main thread, the page freezes for that long. [`BandedFilter`] does
//! the same work in bands of rows, so the caller can let the browser paint (and a newer
//! run take over) between bands.
//!
//! A point filter looks at one pixel, so a band is filtered on its own. A neighbourhood
//! filter looks [`halo`] rows up and down (a blur's radius, one row for sharpen and
//! Sobel), so each band is filtered together with that many rows above and below it,
//! from the image *before* this filter, and only the band's own rows are kept. Rows
//! near a cut see the same neighbours as in the whole image, and the image's real top
//! and bottom edges are clamped exactly as before, so every byte is the same as
//! [`apply_filter`] on the whole image. The rows above the next band are overwritten by
//! then; the few that are still needed are kept aside (`carry`) before they are.

use super::reference::{MAX_BLUR_RADIUS, gaussian_box_radii};
use super::{Filter, ImageError, apply_filter, check_len};

/// How many rows above and below a pixel `filter` reads (0 for point filters).
pub fn halo(filter: &Filter) -> u32 {
    match *filter {
        Filter::BoxBlur { radius } => radius.min(MAX_BLUR_RADIUS),
        Filter::GaussianBlur { sigma } => gaussian_box_radii(sigma)
            .iter()
            .map(|&r| r.min(MAX_BLUR_RADIUS))
            .sum(),
        Filter::Sharpen { .. } | Filter::Sobel => 1,
        _ => 0,
    }
}

/// A filter run band by band over one `width × height` image: call
/// [`BandedFilter::step`] with the same buffer until it returns `true`. See the module
/// doc for why the result is the same as [`apply_filter`].
#[derive(Clone, Debug)]
pub struct BandedFilter {
    filter: Filter,
    width: u32,
    height: u32,
    halo: u32,
    band_rows: u32,
    next_row: u32,
    /// Rows `next_row − halo .. next_row` of the image before this filter.
    carry: Vec<u8>,
    /// The band with its halo rows.
    scratch: Vec<u8>,
}

impl BandedFilter {
    /// A run of `filter` over a `width × height` image in bands of about `band_rows`
    /// rows (at least 1, and at least twice the halo, so the halo never costs more than
    /// the band).
    pub fn new(filter: Filter, width: u32, height: u32, band_rows: u32) -> BandedFilter {
        let halo = halo(&filter);
        BandedFilter {
            filter,
            width,
            height,
            halo,
            band_rows: band_rows.max(1).max(halo.saturating_mul(2)),
            next_row: 0,
            carry: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Rows finished so far.
    pub fn rows_done(&self) -> u32 {
        self.next_row
    }

    /// The image's height: [`BandedFilter::rows_done`] reaches it at the end.
    pub fn rows(&self) -> u32 {
        self.height
    }

    /// Whether every row is done.
    pub fn is_done(&self) -> bool {
        self.next_row >= self.height
    }

    /// Filters the next band of `rgba` in place; returns whether the image is finished.
    /// `rgba` must be the same buffer at every step (rows above the band already
    /// filtered, rows from the band down not yet). A wrong length is an error and
    /// changes nothing.
    pub fn step(&mut self, rgba: &mut [u8]) -> Result<bool, ImageError> {
        check_len(rgba.len(), self.width, self.height)?;
        if self.is_done() {
            return Ok(true);
        }
        // check_len proved that 4·width·height fits usize.
        let stride = 4 * self.width as usize;
        let (y0, y1) = (
            self.next_row,
            self.next_row
                .saturating_add(self.band_rows)
                .min(self.height),
        );
        let rows = |a: u32, b: u32| a as usize * stride..b as usize * stride;
        if self.halo == 0 {
            apply_filter(&mut rgba[rows(y0, y1)], self.width, y1 - y0, &self.filter)?;
        } else {
            let top = y0.saturating_sub(self.halo);
            let bottom = y1.saturating_add(self.halo).min(self.height);
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.carry);
            self.scratch.extend_from_slice(&rgba[rows(y0, bottom)]);
            // The next band's halo above it, before anything is filtered.
            let keep_from = y1.saturating_sub(self.halo).max(top);
            self.carry.clear();
            self.carry
                .extend_from_slice(&self.scratch[rows(keep_from - top, y1 - top)]);
            apply_filter(&mut self.scratch, self.width, bottom - top, &self.filter)?;
            rgba[rows(y0, y1)].copy_from_slice(&self.scratch[rows(y0 - top, y1 - top)]);
        }
        self.next_row = y1;
        if self.is_done() {
            self.carry = Vec::new();
            self.scratch = Vec::new();
        }
        Ok(self.is_done())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::image::samples::noise;
    use proptest::prelude::*;

    fn banded(src: &[u8], w: u32, h: u32, filter: Filter, band: u32) -> Vec<u8> {
        let mut out = src.to_vec();
        let mut run = BandedFilter::new(filter, w, h, band);
        let mut steps = 0;
        while !run.step(&mut out).unwrap() {
            steps += 1;
            assert!(steps <= h, "a run ends within one step per row");
        }
        assert_eq!(run.rows_done(), h);
        out
    }

    fn whole(src: &[u8], w: u32, h: u32, filter: Filter) -> Vec<u8> {
        let mut out = src.to_vec();
        apply_filter(&mut out, w, h, &filter).unwrap();
        out
    }

    #[test]
    fn halos() {
        assert_eq!(halo(&Filter::Invert), 0);
        assert_eq!(halo(&Filter::BoxBlur { radius: 4 }), 4);
        assert_eq!(halo(&Filter::BoxBlur { radius: 1 << 30 }), MAX_BLUR_RADIUS);
        assert_eq!(halo(&Filter::Sobel), 1);
        let radii = gaussian_box_radii(3.0);
        assert_eq!(
            halo(&Filter::GaussianBlur { sigma: 3.0 }),
            radii.iter().sum::<u32>()
        );
        assert_eq!(halo(&Filter::GaussianBlur { sigma: f32::NAN }), {
            gaussian_box_radii(f32::NAN).iter().sum::<u32>()
        });
    }

    #[test]
    fn every_catalogue_filter_gives_the_same_bytes_in_bands() {
        let (w, h) = (37, 61);
        let src = noise(w, h, 11).unwrap();
        let mut filters = Filter::catalogue();
        filters.extend([
            Filter::BoxBlur { radius: 50 },
            Filter::GaussianBlur { sigma: 17.5 },
            Filter::Sharpen { amount: 4.0 },
        ]);
        for filter in filters {
            let expected = whole(&src, w, h, filter);
            for band in [1, 2, 7, 16, 61, 100] {
                assert!(
                    banded(&src, w, h, filter, band) == expected,
                    "{filter:?} in bands of {band} rows"
                );
            }
        }
    }

    #[test]
    fn wrong_lengths_and_empty_images() {
        let mut run = BandedFilter::new(Filter::Sobel, 4, 4, 2);
        assert!(run.step(&mut [0; 10]).is_err());
        assert_eq!(run.rows_done(), 0);
        let mut empty = BandedFilter::new(Filter::Sobel, 0, 0, 2);
        assert_eq!(empty.step(&mut []), Ok(true));
    }

    fn any_filter() -> impl Strategy<Value = Filter> {
        prop_oneof![
            Just(Filter::Grayscale),
            (0.0f32..3.0).prop_map(|amount| Filter::Contrast { amount }),
            (0u32..20).prop_map(|radius| Filter::BoxBlur { radius }),
            (0.0f32..12.0).prop_map(|sigma| Filter::GaussianBlur { sigma }),
            (0.0f32..4.0).prop_map(|amount| Filter::Sharpen { amount }),
            Just(Filter::Sobel),
        ]
    }

    proptest! {
        /// Banded and whole give the same bytes, for any size, filter and band height.
        #[test]
        fn banded_equals_whole(
            w in 1u32..24, h in 1u32..40, seed in 0u64..1000,
            filter in any_filter(), band in 1u32..50,
        ) {
            let src = noise(w, h, seed).unwrap();
            prop_assert!(banded(&src, w, h, filter, band) == whole(&src, w, h, filter));
        }
    }
}
