//! Laws of the image filters: exactness against the real-valued formulas, alpha kept,
//! odd sizes, blur laws, and fast == reference on random images.

use proptest::prelude::*;

use super::reference::{self, LUMA_B, LUMA_G, LUMA_R, Reciprocal, gaussian_box_radii};
use super::*;
use crate::lab::rng::SplitMix64;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// A random RGBA image with random alpha.
fn random_image(w: u32, h: u32, seed: u64) -> Vec<u8> {
    let mut rng = SplitMix64::new(seed);
    let mut v = Vec::with_capacity(4 * (w * h) as usize);
    while v.len() < 4 * (w * h) as usize {
        v.extend_from_slice(&rng.next_u64().to_le_bytes()[..4]);
    }
    v
}

/// Every 3rd value of the RGB cube (86³ ≈ 636k colours, 0 and 255 included) plus the
/// greys, with varying alpha.
fn strided_cube() -> Vec<u8> {
    let values: Vec<u8> = (0..=255u8).step_by(3).collect();
    let mut v = Vec::new();
    for &r in &values {
        for &g in &values {
            for &b in &values {
                v.extend_from_slice(&[r, g, b, r ^ g ^ b]);
            }
        }
    }
    for c in 0..=255u8 {
        v.extend_from_slice(&[c, c, c, 255 - c]);
    }
    v
}

fn pixel_at(rgba: &[u8], w: u32, x: u32, y: u32) -> [u8; 4] {
    let i = 4 * (y * w + x) as usize;
    [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
}

fn alphas(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4).map(|px| px[3]).collect()
}

/// round(x) for a value that is never exactly a half in these tests' uses (ties go up).
fn round_clamp(x: f64) -> i32 {
    (x + 0.5).floor().clamp(0.0, 255.0) as i32
}

/// Asserts |got − want| ≤ 1; `what` names the case (built only on failure).
fn assert_within_1(got: u8, want: i32, what: impl Fn() -> String) {
    assert!(
        (i32::from(got) - want).abs() <= 1,
        "{}: got {got}, want {want}±1",
        what()
    );
}

/// Every filter with the settings the tests sweep, point filters and neighbourhood ones.
fn all_filters() -> Vec<Filter> {
    let mut filters = Filter::catalogue();
    filters.extend([
        Filter::Brightness { factor: 0.0 },
        Filter::Brightness { factor: -1.0 },
        Filter::Brightness { factor: f32::NAN },
        Filter::Brightness {
            factor: f32::INFINITY,
        },
        Filter::Brightness { factor: 1e30 },
        Filter::Contrast { amount: -1.0 },
        Filter::Contrast { amount: 0.0 },
        Filter::Contrast {
            amount: f32::NEG_INFINITY,
        },
        Filter::Contrast { amount: f32::NAN },
        Filter::Saturation { amount: 0.0 },
        Filter::Saturation { amount: 40.0 },
        Filter::Saturation { amount: -3.0 },
        Filter::Saturation { amount: f32::NAN },
        Filter::Threshold { level: 0 },
        Filter::Threshold { level: 255 },
        Filter::BoxBlur { radius: 0 },
        Filter::BoxBlur { radius: 1 },
        Filter::BoxBlur { radius: 100 },
        Filter::BoxBlur { radius: u32::MAX },
        Filter::GaussianBlur { sigma: 0.5 },
        Filter::GaussianBlur { sigma: 1e9 },
        Filter::GaussianBlur { sigma: f32::NAN },
        Filter::GaussianBlur { sigma: -2.0 },
        Filter::Sharpen { amount: 16.0 },
        Filter::Sharpen {
            amount: f32::INFINITY,
        },
        Filter::Sharpen { amount: f32::NAN },
    ]);
    filters
}

// ---------------------------------------------------------------------------------------
// Luma and grayscale
// ---------------------------------------------------------------------------------------

#[test]
fn luma_weights_sum_to_one() {
    assert_eq!(LUMA_R + LUMA_G + LUMA_B, 65_536);
}

#[test]
fn luma_is_exact_on_greys_and_within_1_everywhere() {
    // All 2^24 colours: within 1 of round(0.299r + 0.587g + 0.114b), computed exactly as
    // (299r + 587g + 114b + 500) div 1000 (ties up; integer, so no float doubt).
    let mut off_by_one = 0u32;
    for r in 0..=255u32 {
        for g in 0..=255u32 {
            for b in 0..=255u32 {
                let got = u32::from(luma(r as u8, g as u8, b as u8));
                let want = (299 * r + 587 * g + 114 * b + 500) / 1000;
                assert!(
                    got.abs_diff(want) <= 1,
                    "luma({r},{g},{b}) = {got}, want {want}"
                );
                off_by_one += u32::from(got != want);
            }
        }
    }
    // Fixed point with correct rounding is rarely off at all (only near exact halves).
    assert!(off_by_one < 1 << 16, "{off_by_one} colours off by one");
    for v in 0..=255u8 {
        assert_eq!(luma(v, v, v), v);
    }
}

#[test]
fn grayscale_keeps_greys_exactly() {
    let mut greys: Vec<u8> = (0..=255u8).flat_map(|v| [v, v, v, v]).collect();
    let before = greys.clone();
    grayscale(&mut greys);
    assert_eq!(greys, before);
}

#[test]
fn grayscale_fast_equals_reference_over_the_cube() {
    let mut fast_out = strided_cube();
    let mut reference_out = fast_out.clone();
    grayscale(&mut fast_out);
    reference::grayscale(&mut reference_out);
    assert_eq!(fast_out, reference_out);
    // And grey: every pixel has r = g = b.
    assert!(
        fast_out
            .chunks_exact(4)
            .all(|px| px[0] == px[1] && px[1] == px[2])
    );
}

// ---------------------------------------------------------------------------------------
// Invert, brightness, contrast
// ---------------------------------------------------------------------------------------

#[test]
fn invert_is_255_minus_c_and_an_involution() {
    let original = strided_cube();
    let mut v = original.clone();
    invert(&mut v);
    for (a, b) in v.chunks_exact(4).zip(original.chunks_exact(4)) {
        assert_eq!(
            [a[0], a[1], a[2], a[3]],
            [255 - b[0], 255 - b[1], 255 - b[2], b[3]]
        );
    }
    invert(&mut v);
    assert_eq!(v, original);
}

#[test]
fn brightness_is_within_1_of_the_rounded_product() {
    let factors = [
        0.0f32, 0.1, 0.25, 0.5, 0.7, 0.999, 1.0, 1.001, 1.2, 1.5, 2.0, 3.3, 10.0, 255.0, 300.0,
    ];
    for factor in factors {
        let curve = ToneCurve::brightness(factor);
        let lut = curve.lut();
        for c in 0..=255u8 {
            let want = round_clamp(f64::from(c) * f64::from(factor));
            assert_within_1(curve.apply(c), want, || {
                format!("brightness({factor}) of {c}")
            });
            assert_eq!(lut[usize::from(c)], curve.apply(c));
        }
    }
    // Exactly the identity at 1, black at 0.
    assert_eq!(ToneCurve::brightness(1.0), ToneCurve::IDENTITY);
    assert!((0..=255u8).all(|c| ToneCurve::brightness(0.0).apply(c) == 0));
}

#[test]
fn brightness_edge_factors() {
    let original = strided_cube();
    let run = |factor: f32| {
        let mut v = original.clone();
        brightness(&mut v, factor);
        v
    };
    assert_eq!(run(f32::NAN), original, "NaN changes nothing");
    let black = run(-2.0);
    assert!(black.chunks_exact(4).all(|px| px[..3] == [0, 0, 0]));
    for factor in [f32::INFINITY, 1e30, 256.0, 1000.0] {
        let out = run(factor);
        for (a, b) in out.chunks_exact(4).zip(original.chunks_exact(4)) {
            for c in 0..3 {
                assert_eq!(a[c], if b[c] == 0 { 0 } else { 255 }, "factor {factor}");
            }
        }
    }
}

#[test]
fn contrast_is_within_1_of_the_css_formula() {
    for amount in [
        -2.0f32, -1.0, -0.3, 0.0, 0.2, 0.5, 1.0, 1.5, 2.0, 4.0, 100.0,
    ] {
        let curve = ToneCurve::contrast(amount);
        for c in 0..=255u8 {
            let want = round_clamp((f64::from(c) - 127.5) * f64::from(amount) + 127.5);
            assert_within_1(curve.apply(c), want, || {
                format!("contrast({amount}) of {c}")
            });
        }
    }
    assert_eq!(ToneCurve::contrast(1.0), ToneCurve::IDENTITY);
    assert!((0..=255u8).all(|c| ToneCurve::contrast(0.0).apply(c) == 128));
    let hard = ToneCurve::contrast(f32::INFINITY);
    assert!((0..=255u8).all(|c| hard.apply(c) == if c < 128 { 0 } else { 255 }));
}

#[test]
fn contrast_minus_one_is_invert() {
    let mut a = strided_cube();
    let mut b = a.clone();
    contrast(&mut a, -1.0);
    invert(&mut b);
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------------------
// Colour matrices: sepia and saturation
// ---------------------------------------------------------------------------------------

const SEPIA_REAL: [[f64; 3]; 3] = [
    [0.393, 0.769, 0.189],
    [0.349, 0.686, 0.168],
    [0.272, 0.534, 0.131],
];

#[test]
fn sepia_matrix_is_the_classic_one_rounded() {
    for (row, real_row) in ColorMatrix::SEPIA.m.iter().zip(SEPIA_REAL) {
        for (&entry, real) in row.iter().zip(real_row) {
            assert_eq!(entry, (real * 65_536.0).round() as i32);
        }
    }
    let from_f32 = ColorMatrix::from_f32(SEPIA_REAL.map(|row| row.map(|v| v as f32)));
    assert_eq!(from_f32, ColorMatrix::SEPIA);
}

#[test]
fn sepia_is_within_1_of_the_real_matrix() {
    let original = strided_cube();
    let mut v = original.clone();
    sepia(&mut v);
    for (out, px) in v.chunks_exact(4).zip(original.chunks_exact(4)) {
        let rgb = [f64::from(px[0]), f64::from(px[1]), f64::from(px[2])];
        for (i, row) in SEPIA_REAL.iter().enumerate() {
            let want = round_clamp(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]);
            assert_within_1(out[i], want, || format!("sepia of {px:?}"));
        }
        assert_eq!(out[3], px[3]);
    }
    let mut white = [255, 255, 255, 7];
    sepia(&mut white);
    assert_eq!(white, [255, 255, 239, 7]); // 0.937 × 255 = 238.9
}

#[test]
fn saturation_is_within_1_of_y_plus_s_times_c_minus_y() {
    let original = strided_cube();
    for s in [0.0f32, 0.3, 0.5, 1.0, 1.7, 2.0, 5.0, 32.0] {
        let mut v = original.clone();
        saturation(&mut v, s);
        for (out, px) in v.chunks_exact(4).zip(original.chunks_exact(4)) {
            let rgb = [f64::from(px[0]), f64::from(px[1]), f64::from(px[2])];
            let y = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
            for c in 0..3 {
                let want = round_clamp(y + f64::from(s) * (rgb[c] - y));
                assert_within_1(out[c], want, || format!("saturation({s}) of {px:?}"));
            }
        }
    }
}

#[test]
fn saturation_laws() {
    let original = strided_cube();
    // 0 is exactly grayscale.
    let (mut a, mut b) = (original.clone(), original.clone());
    saturation(&mut a, 0.0);
    grayscale(&mut b);
    assert_eq!(a, b);
    // 1 and NaN change nothing.
    for s in [1.0, f32::NAN] {
        let mut v = original.clone();
        saturation(&mut v, s);
        assert_eq!(v, original);
    }
    // Negative amounts act as 0, huge ones as 32.
    let (mut neg, mut zero) = (original.clone(), original.clone());
    saturation(&mut neg, -5.0);
    saturation(&mut zero, 0.0);
    assert_eq!(neg, zero);
    let (mut huge, mut max) = (original.clone(), original.clone());
    saturation(&mut huge, f32::INFINITY);
    saturation(&mut max, ColorMatrix::MAX_SATURATION);
    assert_eq!(huge, max);
    // Greys stay exactly grey for every amount (rows sum to exactly 65536).
    for s in [0.0, 0.5, 2.0, 7.3, 32.0] {
        let mut greys: Vec<u8> = (0..=255u8).flat_map(|v| [v, v, v, 255]).collect();
        let before = greys.clone();
        saturation(&mut greys, s);
        assert_eq!(greys, before, "saturation({s}) moved a grey");
        let m = ColorMatrix::saturation(s).m;
        assert!(m.iter().all(|row| row.iter().sum::<i32>() == 65_536));
    }
}

#[test]
fn color_matrix_entries_are_clamped_so_nothing_overflows() {
    let m = ColorMatrix::from_f32([
        [f32::INFINITY, f32::NAN, -1e9],
        [32.0, 32.0, 32.0],
        [-32.0; 3],
    ]);
    assert_eq!(m.m[0], [ColorMatrix::MAX_ENTRY, 0, -ColorMatrix::MAX_ENTRY]);
    let mut v = strided_cube();
    let mut r = v.clone();
    color_matrix(&mut v, &m);
    reference::color_matrix(&mut r, &m);
    assert_eq!(v, r);
    // Row 1 is 96 × the channel sum: white unless the pixel is black; row 2 the opposite.
    assert!(v.chunks_exact(4).all(|px| px[2] == 0));
}

#[test]
fn hand_built_absurd_curves_and_matrices_do_not_panic_and_paths_agree() {
    let original = strided_cube();
    let curves = [
        ToneCurve {
            mul: i32::MAX,
            add: i32::MAX,
        },
        ToneCurve {
            mul: i32::MIN,
            add: 0,
        },
        ToneCurve {
            mul: -1,
            add: i32::MIN,
        },
    ];
    for curve in curves {
        let (mut a, mut b) = (original.clone(), original.clone());
        tone_curve(&mut a, curve);
        reference::tone_curve(&mut b, curve);
        assert_eq!(a, b, "{curve:?}");
        assert_eq!(alphas(&a), alphas(&original));
    }
    let m = ColorMatrix {
        m: [[i32::MAX; 3], [i32::MIN, 1, -1], [0, i32::MAX, i32::MIN]],
    };
    let (mut a, mut b) = (original.clone(), original.clone());
    color_matrix(&mut a, &m);
    reference::color_matrix(&mut b, &m);
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------------------
// Threshold
// ---------------------------------------------------------------------------------------

#[test]
fn threshold_splits_on_luma() {
    let original = strided_cube();
    for level in [0u8, 1, 100, 128, 254, 255] {
        let mut v = original.clone();
        threshold(&mut v, level);
        for (out, px) in v.chunks_exact(4).zip(original.chunks_exact(4)) {
            let want = if luma(px[0], px[1], px[2]) >= level {
                255
            } else {
                0
            };
            assert_eq!(out, [want, want, want, px[3]]);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Every filter: alpha kept, odd sizes, wrong lengths
// ---------------------------------------------------------------------------------------

#[test]
fn no_filter_changes_alpha() {
    for (w, h) in [(1, 1), (3, 5), (17, 11), (64, 3)] {
        let original = random_image(w, h, u64::from(w * 31 + h));
        for filter in all_filters() {
            let mut v = original.clone();
            assert_eq!(apply_filter(&mut v, w, h, &filter), Ok(()));
            assert_eq!(alphas(&v), alphas(&original), "{filter:?} on {w}×{h}");
            let mut r = original.clone();
            assert_eq!(apply_filter_reference(&mut r, w, h, &filter), Ok(()));
            assert_eq!(v, r, "fast != reference for {filter:?} on {w}×{h}");
        }
    }
}

#[test]
fn every_filter_accepts_empty_and_degenerate_sizes() {
    for (w, h) in [(0, 0), (0, 7), (7, 0), (u32::MAX, 0), (0, u32::MAX)] {
        for filter in all_filters() {
            let mut empty: [u8; 0] = [];
            assert_eq!(
                apply_filter(&mut empty, w, h, &filter),
                Ok(()),
                "{filter:?} {w}×{h}"
            );
            assert_eq!(apply_filter_reference(&mut empty, w, h, &filter), Ok(()));
        }
    }
    for (w, h) in [(1, 1), (1, 9), (9, 1), (2, 2), (3, 5)] {
        let original = random_image(w, h, 7);
        for filter in all_filters() {
            let mut v = original.clone();
            assert_eq!(
                apply_filter(&mut v, w, h, &filter),
                Ok(()),
                "{filter:?} {w}×{h}"
            );
        }
    }
}

#[test]
fn point_filters_leave_a_trailing_partial_pixel_alone() {
    type PointFilter = fn(&mut [u8]);
    let filters: [(&str, PointFilter); 9] = [
        ("grayscale", grayscale),
        ("invert", invert),
        ("brightness", |v| brightness(v, 1.7)),
        ("contrast", |v| contrast(v, 2.5)),
        ("saturation", |v| saturation(v, 2.0)),
        ("sepia", sepia),
        ("threshold", |v| threshold(v, 77)),
        ("reference grayscale", reference::grayscale),
        ("reference sepia", reference::sepia),
    ];
    for len in 0..=70usize {
        let original: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
        for (name, filter) in filters {
            let mut v = original.clone();
            filter(&mut v);
            let whole = len / 4 * 4;
            assert_eq!(
                v[whole..],
                original[whole..],
                "{name} touched the partial pixel, len {len}"
            );
            assert_eq!(
                alphas(&v),
                alphas(&original),
                "{name} changed alpha, len {len}"
            );
        }
    }
}

#[test]
fn wrong_lengths_are_errors() {
    let mut v = vec![0u8; 60];
    for filter in all_filters() {
        for (w, h) in [
            (3, 4),
            (4, 5),
            (15, 2),
            (60, 1),
            (u32::MAX, u32::MAX),
            (1 << 31, 4),
        ] {
            let before = v.clone();
            let err = apply_filter(&mut v, w, h, &filter);
            assert_eq!(
                err,
                Err(ImageError::WrongLength {
                    len: 60,
                    width: w,
                    height: h
                })
            );
            assert_eq!(v, before, "{filter:?} changed pixels before failing");
        }
        assert!(apply_filter(&mut v[..59], 3, 5, &filter).is_err());
        assert!(apply_filter_reference(&mut v, 5, 5, &filter).is_err());
        assert_eq!(apply_filter(&mut v, 3, 5, &filter), Ok(()));
    }
    assert!(box_blur(&mut v, 5, 3, 2).is_ok());
    assert!(box_blur(&mut v, 5, 4, 2).is_err());
    assert!(gaussian_blur(&mut v, 4, 4, 2.0).is_err());
    assert!(sharpen(&mut v, 1, 1, 2.0).is_err());
    assert!(sobel(&mut v, 15, 2).is_err());
    assert!(apply_pipeline(&mut v, 2, 2, &[Filter::Invert]).is_err());
}

#[test]
fn error_messages_read_well() {
    let e = ImageError::WrongLength {
        len: 10,
        width: 3,
        height: 5,
    };
    assert_eq!(
        e.to_string(),
        "the pixel buffer has 10 bytes, but a 3×5 RGBA image needs 4 × 3 × 5 = 60 bytes"
    );
    let e = ImageError::WrongLength {
        len: 1,
        width: u32::MAX,
        height: u32::MAX,
    };
    assert!(
        e.to_string()
            .contains("more bytes than a 64-bit number can count")
    );
    let e = check_dimensions(10_000, 6_000, DEFAULT_MAX_MEGAPIXELS);
    assert_eq!(
        e.map_err(|e| e.to_string()),
        Err("the image is 10000×6000 (about 60 megapixels); the limit is 50 megapixels".into())
    );
    assert_eq!(
        ImageError::Empty {
            width: 0,
            height: 0
        }
        .to_string(),
        "the image is 0×0: it has no pixels"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(ImageError::TooLargeToAddress {
        width: 1,
        height: 2,
    });
    assert!(
        boxed
            .to_string()
            .contains("more than this machine can address")
    );
}

#[test]
fn check_dimensions_guards_before_allocation() {
    assert_eq!(check_dimensions(3840, 2160, 50), Ok(3840 * 2160 * 4));
    assert_eq!(
        check_dimensions(1, 1, 0),
        Err(ImageError::TooManyPixels {
            width: 1,
            height: 1,
            max_megapixels: 0
        })
    );
    assert_eq!(
        check_dimensions(0, 5, 50),
        Err(ImageError::Empty {
            width: 0,
            height: 5
        })
    );
    assert_eq!(
        check_dimensions(5, 0, 50),
        Err(ImageError::Empty {
            width: 5,
            height: 0
        })
    );
    assert_eq!(check_dimensions(10_000, 5_000, 50), Ok(200_000_000));
    assert!(matches!(
        check_dimensions(10_001, 5_000, 50),
        Err(ImageError::TooManyPixels { .. })
    ));
    assert!(matches!(
        check_dimensions(u32::MAX, u32::MAX, 50),
        Err(ImageError::TooManyPixels { .. })
    ));
    // With no limit that matters, 4·w·h must still fit usize (32 bits in WASM).
    let huge = check_dimensions(65_536, 65_536, u32::MAX);
    if cfg!(target_pointer_width = "64") {
        assert_eq!(huge, Ok(1 << 34));
    } else {
        assert_eq!(
            huge,
            Err(ImageError::TooLargeToAddress {
                width: 65_536,
                height: 65_536
            })
        );
    }
    assert_eq!(check_len(0, 0, 0), Ok(()));
    assert_eq!(check_len(4, 1, 1), Ok(()));
}

// ---------------------------------------------------------------------------------------
// Blur laws
// ---------------------------------------------------------------------------------------

#[test]
fn reciprocal_division_is_within_1_and_mostly_exact() {
    for d in (1..=301u32).step_by(2) {
        let recip = Reciprocal::new(d);
        for sum in 0..=255 * d {
            let got = f64::from(recip.divide(sum));
            let exact = f64::from(sum) / f64::from(d);
            assert!(
                (got - exact).abs() <= 0.5 + 0.032,
                "d {d} sum {sum}: {got} vs {exact}"
            );
        }
    }
    for d in [4095u32, 4097] {
        let recip = Reciprocal::new(d);
        for sum in (0..=255 * d).step_by(97).chain([255 * d]) {
            let got = f64::from(recip.divide(sum));
            assert!(
                (got - f64::from(sum) / f64::from(d)).abs() <= 0.532,
                "d {d} sum {sum}"
            );
        }
        assert_eq!(recip.divide(255 * d), 255);
    }
}

#[test]
fn flat_images_are_unchanged_by_blur_and_sharpen_and_black_under_sobel() {
    for (w, h) in [(1, 1), (5, 3), (13, 17)] {
        let flat: Vec<u8> = (0..w * h)
            .flat_map(|i| [200, 31, 7, (i % 256) as u8])
            .collect();
        for filter in [
            Filter::BoxBlur { radius: 1 },
            Filter::BoxBlur { radius: 50 },
            Filter::GaussianBlur { sigma: 4.0 },
            Filter::Sharpen { amount: 3.0 },
        ] {
            let mut v = flat.clone();
            assert_eq!(apply_filter(&mut v, w, h, &filter), Ok(()));
            assert_eq!(v, flat, "{filter:?} changed a flat {w}×{h} image");
        }
        let mut v = flat.clone();
        assert_eq!(sobel(&mut v, w, h), Ok(()));
        assert!(v.chunks_exact(4).all(|px| px[..3] == [0, 0, 0]));
    }
}

#[test]
fn radius_zero_and_tiny_sigma_are_the_identity() {
    let original = random_image(9, 7, 3);
    for filter in [
        Filter::BoxBlur { radius: 0 },
        Filter::GaussianBlur { sigma: 0.0 },
        Filter::GaussianBlur { sigma: 0.5 },
        Filter::Sharpen { amount: 0.0 },
    ] {
        let mut v = original.clone();
        assert_eq!(apply_filter(&mut v, 9, 7, &filter), Ok(()));
        assert_eq!(v, original, "{filter:?}");
    }
}

/// The exact mean over the clamped (2r+1)² square, for one channel.
fn exact_box_mean(rgba: &[u8], w: u32, h: u32, x: u32, y: u32, c: usize, r: i64) -> f64 {
    let mut sum = 0u64;
    for dy in -r..=r {
        for dx in -r..=r {
            let xx = (i64::from(x) + dx).clamp(0, i64::from(w) - 1) as u32;
            let yy = (i64::from(y) + dy).clamp(0, i64::from(h) - 1) as u32;
            sum += u64::from(pixel_at(rgba, w, xx, yy)[c]);
        }
    }
    sum as f64 / ((2 * r + 1) * (2 * r + 1)) as f64
}

#[test]
fn box_blur_is_within_1_of_the_exact_mean() {
    for (w, h, r) in [
        (7u32, 5u32, 1u32),
        (12, 9, 2),
        (5, 4, 6),
        (1, 6, 3),
        (30, 2, 4),
    ] {
        let original = random_image(w, h, u64::from(w + 100 * h + r));
        let mut v = original.clone();
        assert_eq!(box_blur(&mut v, w, h, r), Ok(()));
        for y in 0..h {
            for x in 0..w {
                let got = pixel_at(&v, w, x, y);
                for (c, &value) in got.iter().enumerate().take(3) {
                    let mean = exact_box_mean(&original, w, h, x, y, c, i64::from(r));
                    assert!(
                        (f64::from(value) - mean).abs() <= 1.0 + 1e-9,
                        "{w}×{h} r{r} at ({x},{y}) ch {c}: {value} vs {mean}"
                    );
                }
            }
        }
    }
}

/// The box blur as first written: every window summed from scratch, `2r + 1` samples per
/// pixel per pass. Too slow to ship (O(radius) per pixel), kept as the definition the
/// running-sum reference must match byte for byte.
fn box_blur_by_whole_windows(rgba: &mut [u8], w: usize, h: usize, radius: u32) {
    let r = i64::from(radius.min(MAX_BLUR_RADIUS));
    if r == 0 || rgba.is_empty() {
        return;
    }
    let reciprocal = Reciprocal::new(2 * r as u32 + 1);
    let clamp = |i: i64, len: usize| i.clamp(0, len as i64 - 1) as usize;
    let source = rgba.to_vec();
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let sum: u32 = (-r..=r)
                    .map(|k| u32::from(source[4 * (y * w + clamp(x as i64 + k, w)) + c]))
                    .sum();
                rgba[4 * (y * w + x) + c] = reciprocal.divide(sum);
            }
        }
    }
    let source = rgba.to_vec();
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let sum: u32 = (-r..=r)
                    .map(|k| u32::from(source[4 * (clamp(y as i64 + k, h) * w + x) + c]))
                    .sum();
                rgba[4 * (y * w + x) + c] = reciprocal.divide(sum);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn running_sum_reference_equals_whole_window_sums(
        w in 1u32..20,
        h in 1u32..20,
        // Up to twice the side: windows that reach past both edges at once.
        radius in 0u32..40,
        seed in any::<u64>(),
    ) {
        let original = random_image(w, h, seed);
        let mut expected = original.clone();
        box_blur_by_whole_windows(&mut expected, w as usize, h as usize, radius);
        let mut got = original;
        prop_assert_eq!(reference::box_blur(&mut got, w, h, radius), Ok(()));
        prop_assert_eq!(got, expected);
    }
}

#[test]
fn radius_larger_than_the_image_is_fine() {
    for (w, h) in [(1, 1), (3, 2), (2, 9)] {
        let original = random_image(w, h, 11);
        for r in [5, 64, MAX_BLUR_RADIUS, MAX_BLUR_RADIUS + 1, u32::MAX] {
            let (mut fast_out, mut ref_out) = (original.clone(), original.clone());
            assert_eq!(box_blur(&mut fast_out, w, h, r), Ok(()));
            assert_eq!(reference::box_blur(&mut ref_out, w, h, r), Ok(()));
            assert_eq!(fast_out, ref_out, "{w}×{h} r{r}");
        }
        // Radii beyond the cap act as the cap.
        let (mut a, mut b) = (original.clone(), original.clone());
        assert_eq!(box_blur(&mut a, w, h, u32::MAX), Ok(()));
        assert_eq!(box_blur(&mut b, w, h, MAX_BLUR_RADIUS), Ok(()));
        assert_eq!(a, b);
    }
    // A 1-pixel image blurred by anything is itself.
    let mut one = vec![9, 8, 7, 6];
    assert_eq!(box_blur(&mut one, 1, 1, 1000), Ok(()));
    assert_eq!(one, [9, 8, 7, 6]);
}

fn mirror_x(rgba: &[u8], w: u32, h: u32) -> Vec<u8> {
    (0..h)
        .flat_map(|y| (0..w).rev().flat_map(move |x| pixel_at(rgba, w, x, y)))
        .collect()
}

fn mirror_y(rgba: &[u8], w: u32, h: u32) -> Vec<u8> {
    (0..h)
        .rev()
        .flat_map(|y| (0..w).flat_map(move |x| pixel_at(rgba, w, x, y)))
        .collect()
}

#[test]
fn blurs_are_symmetric_under_mirroring() {
    let (w, h) = (23u32, 14u32);
    let original = random_image(w, h, 5);
    for filter in [
        Filter::BoxBlur { radius: 3 },
        Filter::BoxBlur { radius: 30 },
        Filter::GaussianBlur { sigma: 2.5 },
        Filter::Sharpen { amount: 1.5 },
        Filter::Sobel,
    ] {
        let mut direct = original.clone();
        assert_eq!(apply_filter(&mut direct, w, h, &filter), Ok(()));
        let mut mx = mirror_x(&original, w, h);
        assert_eq!(apply_filter(&mut mx, w, h, &filter), Ok(()));
        assert_eq!(
            mirror_x(&mx, w, h),
            direct,
            "{filter:?} not symmetric left-right"
        );
        let mut my = mirror_y(&original, w, h);
        assert_eq!(apply_filter(&mut my, w, h, &filter), Ok(()));
        assert_eq!(
            mirror_y(&my, w, h),
            direct,
            "{filter:?} not symmetric top-bottom"
        );
    }
}

#[test]
fn a_single_bright_pixel_spreads_into_a_square() {
    let (w, h) = (9u32, 9u32);
    let mut v = vec![0u8; 4 * 81];
    v[4 * 40] = 255; // red of the centre pixel
    assert_eq!(box_blur(&mut v, w, h, 1), Ok(()));
    for y in 0..h {
        for x in 0..w {
            let inside = x.abs_diff(4) <= 1 && y.abs_diff(4) <= 1;
            // 255/9 = 28.33, rounded per pass: 255/3 = 85, 85/3 = 28.33 → 28.
            assert_eq!(
                pixel_at(&v, w, x, y)[0],
                if inside { 28 } else { 0 },
                "({x},{y})"
            );
        }
    }
}

#[test]
fn gaussian_box_radii_match_the_variance() {
    for sigma in [1.0f32, 1.5, 2.0, 3.0, 5.0, 10.0, 25.0, 100.0] {
        let radii = gaussian_box_radii(sigma);
        let variance: f64 = radii
            .iter()
            .map(|&r| ((2.0 * f64::from(r) + 1.0).powi(2) - 1.0) / 12.0)
            .sum();
        let want = f64::from(sigma).powi(2);
        assert!(
            (variance - want).abs() <= 1.0 + 0.1 * want,
            "σ {sigma}: radii {radii:?} variance {variance}"
        );
        assert!(radii.windows(2).all(|p| p[0] <= p[1]));
    }
    assert_eq!(gaussian_box_radii(f32::NAN), [0; 3]);
    assert_eq!(gaussian_box_radii(-1.0), [0; 3]);
    assert_eq!(
        gaussian_box_radii(f32::INFINITY).iter().max().copied(),
        Some(MAX_BLUR_RADIUS.min(2048))
    );
    assert!(
        gaussian_box_radii(f32::MAX)
            .iter()
            .all(|&r| r <= MAX_BLUR_RADIUS)
    );
}

#[test]
fn sharpen_amount_one_is_the_classic_kernel() {
    let (w, h) = (6u32, 5u32);
    let original = random_image(w, h, 99);
    let mut v = original.clone();
    assert_eq!(sharpen(&mut v, w, h, 1.0), Ok(()));
    let at = |x: i64, y: i64, c: usize| -> i32 {
        let x = x.clamp(0, i64::from(w) - 1) as u32;
        let y = y.clamp(0, i64::from(h) - 1) as u32;
        i32::from(pixel_at(&original, w, x, y)[c])
    };
    for y in 0..i64::from(h) {
        for x in 0..i64::from(w) {
            for c in 0..3 {
                let want = (5 * at(x, y, c)
                    - at(x - 1, y, c)
                    - at(x + 1, y, c)
                    - at(x, y - 1, c)
                    - at(x, y + 1, c))
                .clamp(0, 255);
                assert_eq!(i32::from(pixel_at(&v, w, x as u32, y as u32)[c]), want);
            }
        }
    }
}

#[test]
fn sobel_finds_a_vertical_edge() {
    // Left half black, right half white: the two columns at the boundary light up.
    let (w, h) = (8u32, 4u32);
    let mut v: Vec<u8> = (0..w * h)
        .flat_map(|i| {
            if i % w < 4 {
                [0, 0, 0, 255]
            } else {
                [255, 255, 255, 255]
            }
        })
        .collect();
    assert_eq!(sobel(&mut v, w, h), Ok(()));
    for y in 0..h {
        for x in 0..w {
            let want = if x == 3 || x == 4 { 255 } else { 0 };
            assert_eq!(pixel_at(&v, w, x, y), [want, want, want, 255], "({x},{y})");
        }
    }
}

#[test]
fn fast_sqrt_agrees_with_the_integer_one_everywhere() {
    for n in 0..=2 * 1020 * 1020u32 {
        assert_eq!(
            blur::fast_sqrt_for_tests(n),
            blur::reference_sqrt_for_tests(n),
            "n = {n}"
        );
    }
    assert_eq!(reference::rounded_sqrt_255(65_280), 255); // sqrt = 255.499…
    assert_eq!(reference::rounded_sqrt_255(65_024), 255); // 255²-1 → 254.998
    assert_eq!(reference::rounded_sqrt_255(64_770), 254); // 254.5² = 64770.25
    assert_eq!(reference::rounded_sqrt_255(64_771), 255);
}

#[test]
fn blur_scratch_can_be_reused_across_sizes() {
    let mut scratch = blur::BlurScratch::default();
    for (w, h, r) in [
        (40u32, 30u32, 5u32),
        (3, 2, 9),
        (17, 1, 2),
        (1, 17, 2),
        (40, 30, 1),
    ] {
        let original = random_image(w, h, u64::from(r));
        let (mut a, mut b) = (original.clone(), original.clone());
        assert_eq!(blur::box_blur_with(&mut a, w, h, r, &mut scratch), Ok(()));
        assert_eq!(reference::box_blur(&mut b, w, h, r), Ok(()));
        assert_eq!(a, b);
        let (mut a, mut b) = (original.clone(), original.clone());
        assert_eq!(
            blur::gaussian_blur_with(&mut a, w, h, 2.0, &mut scratch),
            Ok(())
        );
        assert_eq!(reference::gaussian_blur(&mut b, w, h, 2.0), Ok(()));
        assert_eq!(a, b);
    }
}

// ---------------------------------------------------------------------------------------
// Filter enum, pipeline, serde
// ---------------------------------------------------------------------------------------

#[test]
fn filters_round_trip_through_json() {
    let pipeline = all_filters()
        .into_iter()
        .filter(|f| f.parameter().is_none_or(|p| p.value.is_finite()))
        .collect::<Vec<_>>();
    let json = serde_json::to_string(&pipeline).unwrap_or_default();
    let back: Vec<Filter> = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, pipeline);
    assert_eq!(
        serde_json::to_string(&Filter::Brightness { factor: 1.5 }).unwrap_or_default(),
        r#"{"filter":"brightness","factor":1.5}"#
    );
    assert_eq!(
        serde_json::to_string(&Filter::BoxBlur { radius: 3 }).unwrap_or_default(),
        r#"{"filter":"box_blur","radius":3}"#
    );
    assert!(serde_json::from_str::<Filter>(r#"{"filter":"threshold","level":300}"#).is_err());
    assert!(serde_json::from_str::<Filter>(r#"{"filter":"melt"}"#).is_err());
}

#[test]
fn parameters_and_labels() {
    for filter in Filter::catalogue() {
        assert!(!filter.label().is_empty());
        if let Some(p) = filter.parameter() {
            assert!(p.min <= p.value && p.value <= p.max, "{filter:?}");
            let moved = filter.with_parameter(p.max);
            assert_eq!(moved.parameter().map(|q| q.value), Some(p.max));
        } else {
            assert_eq!(filter.with_parameter(3.0), filter);
        }
    }
    assert_eq!(
        Filter::Threshold { level: 1 }.with_parameter(1e9),
        Filter::Threshold { level: 255 }
    );
    assert_eq!(
        Filter::BoxBlur { radius: 1 }.with_parameter(f32::NAN),
        Filter::BoxBlur { radius: 0 }
    );
    assert_eq!(
        Filter::BoxBlur { radius: 1 }.with_parameter(-4.0),
        Filter::BoxBlur { radius: 0 }
    );
    assert!(Filter::Sepia.is_point_filter());
    assert!(!Filter::Sobel.is_point_filter());
}

#[test]
fn pipeline_applies_in_order() {
    let (w, h) = (10u32, 6u32);
    let original = random_image(w, h, 8);
    let pipeline = [
        Filter::Invert,
        Filter::BoxBlur { radius: 2 },
        Filter::Invert,
        Filter::Grayscale,
    ];
    let mut v = original.clone();
    assert_eq!(apply_pipeline(&mut v, w, h, &pipeline), Ok(()));
    let mut by_hand = original.clone();
    invert(&mut by_hand);
    assert_eq!(box_blur(&mut by_hand, w, h, 2), Ok(()));
    invert(&mut by_hand);
    grayscale(&mut by_hand);
    assert_eq!(v, by_hand);
}

// ---------------------------------------------------------------------------------------
// Property tests: fast == reference on random images and settings
// ---------------------------------------------------------------------------------------

/// A point filter through its own function (any length, no size), fast or reference.
fn apply_point_filter(v: &mut [u8], filter: &Filter, reference_path: bool) {
    match (*filter, reference_path) {
        (Filter::Grayscale, false) => grayscale(v),
        (Filter::Grayscale, true) => reference::grayscale(v),
        (Filter::Invert, false) => invert(v),
        (Filter::Invert, true) => reference::invert(v),
        (Filter::Brightness { factor }, false) => brightness(v, factor),
        (Filter::Brightness { factor }, true) => reference::brightness(v, factor),
        (Filter::Contrast { amount }, false) => contrast(v, amount),
        (Filter::Contrast { amount }, true) => reference::contrast(v, amount),
        (Filter::Saturation { amount }, false) => saturation(v, amount),
        (Filter::Saturation { amount }, true) => reference::saturation(v, amount),
        (Filter::Sepia, false) => sepia(v),
        (Filter::Sepia, true) => reference::sepia(v),
        (Filter::Threshold { level }, false) => threshold(v, level),
        (Filter::Threshold { level }, true) => reference::threshold(v, level),
        _ => {}
    }
}

fn any_filter() -> impl Strategy<Value = Filter> {
    let float = prop_oneof![
        4 => -1.0f32..4.0,
        1 => prop::num::f32::ANY,
    ];
    prop_oneof![
        Just(Filter::Grayscale),
        Just(Filter::Invert),
        float
            .clone()
            .prop_map(|factor| Filter::Brightness { factor }),
        float.clone().prop_map(|amount| Filter::Contrast { amount }),
        float
            .clone()
            .prop_map(|amount| Filter::Saturation { amount }),
        Just(Filter::Sepia),
        any::<u8>().prop_map(|level| Filter::Threshold { level }),
        prop_oneof![4 => 0u32..12, 1 => any::<u32>()].prop_map(|radius| Filter::BoxBlur { radius }),
        prop_oneof![4 => 0.0f32..8.0, 1 => prop::num::f32::ANY]
            .prop_map(|sigma| Filter::GaussianBlur { sigma }),
        float.prop_map(|amount| Filter::Sharpen { amount }),
        Just(Filter::Sobel),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fast_equals_reference(
        w in 1u32..20,
        h in 1u32..20,
        seed in any::<u64>(),
        filter in any_filter(),
    ) {
        let original = random_image(w, h, seed);
        let (mut fast_out, mut ref_out) = (original.clone(), original.clone());
        prop_assert_eq!(apply_filter(&mut fast_out, w, h, &filter), Ok(()));
        prop_assert_eq!(apply_filter_reference(&mut ref_out, w, h, &filter), Ok(()));
        prop_assert_eq!(alphas(&fast_out), alphas(&original));
        prop_assert_eq!(fast_out, ref_out);
    }

    #[test]
    fn point_filters_on_any_length(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        filter in any_filter(),
    ) {
        prop_assume!(filter.is_point_filter());
        let len = bytes.len();
        let (mut fast_out, mut ref_out) = (bytes.clone(), bytes.clone());
        apply_point_filter(&mut fast_out, &filter, false);
        apply_point_filter(&mut ref_out, &filter, true);
        prop_assert_eq!(&fast_out, &ref_out);
        prop_assert_eq!(&fast_out[len / 4 * 4..], &bytes[len / 4 * 4..]);
        prop_assert_eq!(alphas(&fast_out), alphas(&bytes));
    }

    #[test]
    fn luma_matches_the_formula_within_1(r in any::<u8>(), g in any::<u8>(), b in any::<u8>(), a in any::<u8>()) {
        let mut px = [r, g, b, a];
        grayscale(&mut px);
        let want = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000;
        prop_assert!(u32::from(px[0]).abs_diff(want) <= 1);
        prop_assert_eq!(px, [px[0], px[0], px[0], a]);
    }
}
