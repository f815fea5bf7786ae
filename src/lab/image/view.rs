//! The Image tab's small rules, apart from the page: the pipeline as it travels in the
//! link and how it is edited, the sample sizes, the histogram's polylines, the
//! before/after divider's keys, and which image the benchmark times.

use super::Filter;
use super::histogram::Histogram;

/// The most filters a pipeline holds (a longer one in a link is ignored).
pub const MAX_PIPELINE: usize = 32;

/// The sizes a generated sample can have, in menu order.
pub const SAMPLE_SIZES: [(u32, u32); 5] = [
    (640, 360),
    (960, 540),
    (1280, 720),
    (1920, 1080),
    (3840, 2160),
];

/// The sample size the tab opens with (960×540).
pub const DEFAULT_SAMPLE_SIZE: usize = 1;

/// The pipeline a link carries (serde JSON of [`Filter`]s), or `None` when the text is
/// not such a list or holds more than [`MAX_PIPELINE`] filters.
pub fn parse_pipeline(json: &str) -> Option<Vec<Filter>> {
    serde_json::from_str::<Vec<Filter>>(json)
        .ok()
        .filter(|filters| filters.len() <= MAX_PIPELINE)
}

/// The pipeline as the link writes it.
pub fn pipeline_json(filters: &[Filter]) -> String {
    // A list of plain enums: serde_json cannot fail on it.
    serde_json::to_string(filters).unwrap_or_else(|_| "[]".into())
}

/// One change to the pipeline from its list's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PipelineEdit {
    /// Swap filter `i` with the one before it.
    Up(usize),
    /// Swap filter `i` with the one after it.
    Down(usize),
    /// Take filter `i` out.
    Remove(usize),
}

/// Applies `edit`; returns whether anything changed (moving the first filter up, the last
/// down, or an index past the end changes nothing).
pub fn edit_pipeline(filters: &mut Vec<Filter>, edit: PipelineEdit) -> bool {
    match edit {
        PipelineEdit::Up(i) if i > 0 && i < filters.len() => filters.swap(i - 1, i),
        PipelineEdit::Down(i) if i + 1 < filters.len() => filters.swap(i, i + 1),
        PipelineEdit::Remove(i) if i < filters.len() => {
            filters.remove(i);
        }
        _ => return false,
    }
    true
}

/// The SVG `points` of one histogram channel on a 255 × 100 box: x is the value, y is
/// 100 at zero and 0 at `max`, with heights ∝ √count so small populations stay visible
/// next to a spike.
pub fn histogram_points(counts: &[u32; 256], max: u32) -> String {
    let top = f64::from(max.max(1)).sqrt();
    let mut s = String::with_capacity(256 * 10);
    for (i, &c) in counts.iter().enumerate() {
        let y = 100.0 - f64::from(c).sqrt() / top * 100.0;
        s.push_str(&format!("{i},{y:.1} "));
    }
    s
}

/// The four polylines of a histogram (red, green, blue, luma), sharing one scale.
pub fn histogram_lines(h: &Histogram) -> [String; 4] {
    let max = h.max_count();
    [&h.r, &h.g, &h.b, &h.luma].map(|counts| histogram_points(counts, max))
}

/// Where a key moves the before/after divider from `percent`: arrows by 5, Page Up/Down
/// by 25, Home and End to the ends. `None` for other keys.
pub fn divider_key(key: &str, percent: f64) -> Option<f64> {
    let next = match key {
        "ArrowLeft" | "ArrowDown" => percent - 5.0,
        "ArrowRight" | "ArrowUp" => percent + 5.0,
        "PageDown" => percent - 25.0,
        "PageUp" => percent + 25.0,
        "Home" => 0.0,
        "End" => 100.0,
        _ => return None,
    };
    Some(next.clamp(0.0, 100.0))
}

/// An image smaller than this many pixels runs every filter faster than the browser's
/// clock can see (about 1 ms in Firefox), so the benchmark times a sample instead.
pub const MIN_BENCH_PIXELS: u64 = 640 * 360;

/// What the benchmark times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchImage {
    /// The image on the page.
    Current {
        /// Width of the image on the page, in pixels.
        width: u32,
        /// Height of the image on the page, in pixels.
        height: u32,
    },
    /// A generated test card of this size, because the image on the page is too small
    /// to time (or there is none).
    TestCard {
        /// Width of the test card to generate, in pixels.
        width: u32,
        /// Height of the test card to generate, in pixels.
        height: u32,
    },
}

/// The image the benchmark times: the one on the page when it has at least
/// [`MIN_BENCH_PIXELS`], else a test card of the size chosen in the sample menu.
pub fn bench_image(current: Option<(u32, u32)>, chosen: (u32, u32)) -> BenchImage {
    match current {
        Some((width, height)) if u64::from(width) * u64::from(height) >= MIN_BENCH_PIXELS => {
            BenchImage::Current { width, height }
        }
        _ => BenchImage::TestCard {
            width: chosen.0,
            height: chosen.1,
        },
    }
}

/// Rows per band for [`super::banded::BandedFilter`] so that one band is about
/// `pixels_per_band` pixels (at least one row).
pub fn band_rows(width: u32, pixels_per_band: u32) -> u32 {
    (pixels_per_band / width.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::image::histogram;
    use proptest::prelude::*;

    #[test]
    fn pipelines_in_links() {
        let filters = vec![Filter::Contrast { amount: 1.3 }, Filter::Invert];
        let json = pipeline_json(&filters);
        assert_eq!(parse_pipeline(&json), Some(filters));
        assert_eq!(parse_pipeline("not json"), None);
        assert_eq!(parse_pipeline(r#"[{"filter":"nope"}]"#), None);
        let long = pipeline_json(&vec![Filter::Invert; MAX_PIPELINE + 1]);
        assert_eq!(parse_pipeline(&long), None);
        assert_eq!(parse_pipeline("[]"), Some(vec![]));
    }

    #[test]
    fn editing_the_pipeline() {
        let mut p = vec![Filter::Grayscale, Filter::Invert, Filter::Sepia];
        assert!(edit_pipeline(&mut p, PipelineEdit::Up(2)));
        assert_eq!(p, [Filter::Grayscale, Filter::Sepia, Filter::Invert]);
        assert!(edit_pipeline(&mut p, PipelineEdit::Down(0)));
        assert_eq!(p, [Filter::Sepia, Filter::Grayscale, Filter::Invert]);
        assert!(!edit_pipeline(&mut p, PipelineEdit::Up(0)));
        assert!(!edit_pipeline(&mut p, PipelineEdit::Down(2)));
        assert!(!edit_pipeline(&mut p, PipelineEdit::Remove(3)));
        assert!(edit_pipeline(&mut p, PipelineEdit::Remove(1)));
        assert_eq!(p, [Filter::Sepia, Filter::Invert]);
    }

    #[test]
    fn histogram_polylines() {
        let mut counts = [0u32; 256];
        counts[0] = 4;
        counts[255] = 1;
        let points = histogram_points(&counts, 4);
        assert!(points.starts_with("0,0.0 1,100.0 "), "{points}");
        assert!(points.ends_with("255,50.0 "), "{points}");
        let h = histogram(&[0, 0, 0, 255, 255, 255, 255, 255]);
        let lines = histogram_lines(&h);
        assert!(lines.iter().all(|l| l.split(' ').count() == 257));
        // Nothing counted: a flat line at the bottom, no division by zero.
        assert!(histogram_points(&[0; 256], 0).starts_with("0,100.0 "));
    }

    #[test]
    fn divider_keys() {
        assert_eq!(divider_key("End", 50.0), Some(100.0));
        assert_eq!(divider_key("ArrowLeft", 100.0), Some(95.0));
        assert_eq!(divider_key("ArrowLeft", 2.0), Some(0.0));
        assert_eq!(divider_key("PageUp", 90.0), Some(100.0));
        assert_eq!(divider_key("Home", 50.0), Some(0.0));
        assert_eq!(divider_key("a", 50.0), None);
    }

    #[test]
    fn tiny_images_are_not_timed() {
        assert_eq!(
            bench_image(Some((2, 2)), (960, 540)),
            BenchImage::TestCard {
                width: 960,
                height: 540
            }
        );
        assert_eq!(
            bench_image(None, (640, 360)),
            BenchImage::TestCard {
                width: 640,
                height: 360
            }
        );
        assert_eq!(
            bench_image(Some((640, 360)), (3840, 2160)),
            BenchImage::Current {
                width: 640,
                height: 360
            }
        );
    }

    #[test]
    fn bands() {
        assert_eq!(band_rows(3840, 1 << 20), 273);
        assert_eq!(band_rows(0, 100), 100);
        assert_eq!(band_rows(1 << 30, 100), 1);
    }

    proptest! {
        /// The divider stays within 0..=100 whatever key is pressed.
        #[test]
        fn the_divider_stays_in_range(
            start in 0.0f64..=100.0,
            key in prop::sample::select(vec!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]),
        ) {
            let next = divider_key(key, start).unwrap();
            prop_assert!((0.0..=100.0).contains(&next));
        }

        /// An edit never loses or invents a filter.
        #[test]
        fn edits_keep_the_filters(n in 0usize..6, i in 0usize..8, which in 0u8..3) {
            let mut p: Vec<Filter> = Filter::catalogue().into_iter().take(n).collect();
            let before = p.clone();
            let edit = match which { 0 => PipelineEdit::Up(i), 1 => PipelineEdit::Down(i), _ => PipelineEdit::Remove(i) };
            let changed = edit_pipeline(&mut p, edit);
            if let PipelineEdit::Remove(_) = edit {
                prop_assert_eq!(p.len() + usize::from(changed), before.len());
            } else {
                let mut a = format!("{p:?}").into_bytes();
                let mut b = format!("{before:?}").into_bytes();
                a.sort_unstable();
                b.sort_unstable();
                prop_assert_eq!(a, b);
                prop_assert_eq!(changed, p != before);
            }
        }
    }
}
