//! The Image tab's filters with any parameters on any image: `apply_filter` (the fast
//! path) against `apply_filter_reference` (the readable definition).
//!
//! Laws:
//! - both paths give the same result and the very same bytes, for every filter and
//!   parameter (NaN, infinities, negative, huge radii included) and every size;
//! - alpha is never changed; a buffer of the wrong length is refused by both and left
//!   as it was;
//! - a one-filter pipeline is that filter;
//! - a filter's JSON form reads back to the same filter when its parameter is finite,
//!   and is refused otherwise;
//! - the histogram counts every pixel once.
//!
//! Most images are at most 64 × 64 so that a run costs little; one in sixteen is up to
//! 255 × 255, large enough that a filter whose cost grows with its radius times the
//! image shows up as a slow input.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::image::{
    Filter, apply_filter, apply_filter_reference, apply_pipeline, histogram,
};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((width, height, filter, wrong_by)) = setup(&mut u) else {
        return;
    };
    let len = (4 * width * height) as usize;
    let len = if wrong_by == 0 {
        len
    } else {
        len.saturating_add_signed(wrong_by)
    };
    let source = pixels(u, len);

    let mut fast = source.clone();
    let mut reference = source.clone();
    let fast_result = apply_filter(&mut fast, width, height, &filter);
    let reference_result = apply_filter_reference(&mut reference, width, height, &filter);
    assert_eq!(
        fast_result, reference_result,
        "{filter:?} on {width}×{height}"
    );
    if fast_result.is_err() {
        assert_ne!(
            source.len(),
            (4 * width * height) as usize,
            "refused a right-sized image"
        );
        assert!(
            fast == source && reference == source,
            "a refused filter changed pixels"
        );
        return;
    }
    assert_eq!(
        source.len(),
        (4 * width * height) as usize,
        "accepted a wrong length"
    );
    if let Some(i) = (0..fast.len()).find(|&i| fast[i] != reference[i]) {
        panic!(
            "{filter:?} on {width}×{height}: byte {i} (pixel {}, channel {}) is {} fast, {} reference",
            i / 4,
            i % 4,
            fast[i],
            reference[i]
        );
    }
    for (after, before) in fast.chunks_exact(4).zip(source.chunks_exact(4)) {
        assert_eq!(after[3], before[3], "{filter:?} changed alpha");
    }

    let mut piped = source.clone();
    assert!(apply_pipeline(&mut piped, width, height, &[filter]).is_ok());
    assert!(
        piped == fast,
        "a one-filter pipeline differs from the filter"
    );

    let json = serde_json::to_string(&filter).unwrap_or_default();
    let back = serde_json::from_str::<Filter>(&json);
    if finite(&filter) {
        assert_eq!(back.ok(), Some(filter), "{json}");
    } else {
        assert!(
            back.is_err(),
            "a non-finite parameter read back from {json}"
        );
    }

    assert_eq!(histogram(&fast).pixel_count(), u64::from(width * height));
});

/// Width, height, filter, and how far from `4·w·h` the buffer is (0 nearly always).
fn setup(u: &mut Unstructured) -> Result<(u32, u32, Filter, isize)> {
    // `ratio` is true when the input is used up, so the rare branch is the false one.
    let large = !u.ratio(15u8, 16)?;
    let side = |u: &mut Unstructured| -> Result<u32> {
        Ok(if large {
            u32::from(u.arbitrary::<u8>()?)
        } else {
            u32::from(u.int_in_range(0..=64u8)?)
        })
    };
    let (width, height) = (side(u)?, side(u)?);
    let filter = filter(u)?;
    let wrong_by = if u.ratio(1u8, 16)? {
        isize::from(u.int_in_range(-8i8..=8)?)
    } else {
        0
    };
    Ok((width, height, filter, wrong_by))
}

fn float(u: &mut Unstructured) -> Result<f32> {
    if u.ratio(1u8, 3)? {
        return Ok(f32::from_bits(u.arbitrary()?));
    }
    Ok(*u.choose(&[
        0.0,
        -0.0,
        1.0,
        0.5,
        1.3,
        2.0,
        3.0,
        -1.0,
        0.8,
        30.0,
        256.0,
        300.0,
        2048.0,
        1e9,
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::MIN_POSITIVE,
    ])?)
}

fn filter(u: &mut Unstructured) -> Result<Filter> {
    Ok(match u.int_in_range(0..=10u8)? {
        0 => Filter::Grayscale,
        1 => Filter::Invert,
        2 => Filter::Brightness { factor: float(u)? },
        3 => Filter::Contrast { amount: float(u)? },
        4 => Filter::Saturation { amount: float(u)? },
        5 => Filter::Sepia,
        6 => Filter::Threshold {
            level: u.arbitrary()?,
        },
        7 => Filter::BoxBlur {
            radius: if u.ratio(1u8, 3)? {
                u.arbitrary()?
            } else {
                *u.choose(&[0, 1, 2, 3, 7, 50, 2047, 2048, 2049, u32::MAX])?
            },
        },
        8 => Filter::GaussianBlur { sigma: float(u)? },
        9 => Filter::Sharpen { amount: float(u)? },
        _ => Filter::Sobel,
    })
}

fn finite(filter: &Filter) -> bool {
    match *filter {
        Filter::Brightness { factor: x }
        | Filter::Contrast { amount: x }
        | Filter::Saturation { amount: x }
        | Filter::GaussianBlur { sigma: x }
        | Filter::Sharpen { amount: x } => x.is_finite(),
        _ => true,
    }
}

/// `len` bytes: the input's own bytes where it has enough, else a SplitMix64 stream
/// seeded from it (photos are noisy; flat areas come from the input's repeats).
fn pixels(mut u: Unstructured, len: usize) -> Vec<u8> {
    let mut seed: u64 = u.arbitrary().unwrap_or(0);
    let given = u.take_rest();
    let mut out = Vec::with_capacity(len);
    if given.len() >= 16 {
        while out.len() < len {
            let room = len - out.len();
            out.extend_from_slice(&given[..room.min(given.len())]);
        }
        return out;
    }
    while out.len() < len {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let room = len - out.len();
        out.extend_from_slice(&z.to_le_bytes()[..room.min(8)]);
    }
    out
}
