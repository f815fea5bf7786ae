//! Comparing the two renderers: how many pixels agree, and how long a large scene will
//! take.
//!
//! Two RGBA buffers agree on a pixel when alpha and every colour channel are within a
//! tolerance, with the colours compared **premultiplied** (times alpha / 255). A pixel at
//! the very edge of a shape (alpha below 32) keeps only a handful of premultiplied steps of
//! colour, so two renderers that agree on its coverage can differ by 100 in straight
//! colour there; premultiplied, that difference is a few units, which is what a person
//! sees.

// region: agreement
/// How many pixels of two RGBA buffers of the same size agree within `tolerance` per
/// channel, as `(agreeing, total)`. Colours are compared premultiplied, alpha on its own
/// (see the module doc). Buffers of different lengths agree on nothing.
pub fn agreement(a: &[u8], b: &[u8], tolerance: u8) -> (usize, usize) {
    let total = a.len().min(b.len()) / 4;
    if a.len() != b.len() {
        return (0, total);
    }
    let tol = i32::from(tolerance);
    let premul = |c: u8, alpha: u8| (i32::from(c) * i32::from(alpha) + 127) / 255;
    let agreeing = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| {
            (i32::from(p[3]) - i32::from(q[3])).abs() <= tol
                && (0..3).all(|i| (premul(p[i], p[3]) - premul(q[i], q[3])).abs() <= tol)
        })
        .count();
    (agreeing, total)
}
// endregion

/// [`agreement`] as a percentage (100 for two empty buffers).
pub fn agreement_percent(a: &[u8], b: &[u8], tolerance: u8) -> f64 {
    let (ok, total) = agreement(a, b, tolerance);
    if total == 0 {
        100.0
    } else {
        100.0 * ok as f64 / total as f64
    }
}

/// How long `n` shapes will take, in milliseconds, from `measured_ms` for `measured_n`
/// of the same kind: the work grows with the number of shapes, so the estimate is linear.
/// `None` when the measurement cannot carry an estimate (no shapes, a time that is not
/// above 0, NaN).
pub fn estimate_ms(measured_ms: f64, measured_n: usize, n: usize) -> Option<f64> {
    if measured_n == 0 || !measured_ms.is_finite() || measured_ms <= 0.0 {
        return None;
    }
    Some(measured_ms * n as f64 / measured_n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_compares_premultiplied_colour() {
        // Same coverage, straight colours far apart at alpha 10: they agree.
        assert_eq!(agreement(&[255, 0, 0, 10], &[120, 90, 0, 10], 16), (1, 1));
        // Opaque and different: they do not.
        assert_eq!(agreement(&[255, 0, 0, 255], &[200, 0, 0, 255], 16), (0, 1));
        // Alpha far apart: they do not.
        assert_eq!(agreement(&[0, 0, 0, 0], &[0, 0, 0, 40], 16), (0, 1));
        // Different lengths agree on nothing.
        assert_eq!(agreement(&[0; 8], &[0; 4], 16), (0, 1));
        assert_eq!(agreement_percent(&[], &[], 16), 100.0);
        assert_eq!(
            agreement_percent(&[0; 8], &[0, 0, 0, 0, 9, 9, 9, 255], 16),
            50.0
        );
    }

    #[test]
    fn estimates_are_linear() {
        assert_eq!(estimate_ms(40.0, 1_000, 100_000), Some(4_000.0));
        assert_eq!(estimate_ms(0.0, 1_000, 100_000), None);
        assert_eq!(estimate_ms(f64::NAN, 1_000, 100_000), None);
        assert_eq!(estimate_ms(5.0, 0, 100_000), None);
    }

    proptest::proptest! {
        /// A buffer agrees with itself everywhere, at any tolerance.
        #[test]
        fn a_buffer_agrees_with_itself(bytes in proptest::collection::vec(0u8..=255, 0..400), tol in 0u8..=255) {
            let n = bytes.len() / 4 * 4;
            proptest::prop_assert_eq!(agreement_percent(&bytes[..n], &bytes[..n], tol), 100.0);
        }

        /// Agreement is symmetric.
        #[test]
        fn agreement_is_symmetric(a in proptest::collection::vec(0u8..=255, 40), b in proptest::collection::vec(0u8..=255, 40), tol in 0u8..=40) {
            proptest::prop_assert_eq!(agreement(&a, &b, tol), agreement(&b, &a, tol));
        }
    }
}
