//! # Exact numbers: Fibonacci three ways, and where machine numbers stop being exact
//!
//! The Fibonacci numbers are defined by F(0) = 0, F(1) = 1 and F(n) = F(n-1) + F(n-2).
//! They grow like φⁿ/√5 (φ = (1 + √5)/2 ≈ 1.618), so each one has about 0.209 more
//! decimal digits than the one before. That makes them a good teacher of two lessons:
//!
//! 1. **Complexity beats language speed.** The naive recursive definition makes
//!    2·F(n+1) − 1 calls, exponential in n; the iterative loop makes n additions; fast
//!    doubling makes about log₂(n) steps. No compiler, WASM or JIT turns an exponential
//!    algorithm into a fast one: [`fib_naive`] at n = 40 is slower in any language
//!    than [`fib_fast_doubling`] at n = 90 is in the slowest one.
//! 2. **Fixed-size numbers have edges.** F(93) is the largest Fibonacci number that fits
//!    in a `u64`; past it, a plain `u64` loop built in release mode silently wraps
//!    around and prints a wrong number. Ours returns `None` ([`fibonacci`]). JavaScript's `Number` is an `f64`, exact only up to 2⁵³, so the same
//!    loop in JS is first wrong at F(79) ([`first_f64_wrong_n`], [`fib_f64`]), with no
//!    error at all. Beyond that, exact answers need big integers: [`fibonacci_decimal`]
//!    gives every digit of F(n) for n up to [`FIB_DECIMAL_MAX_N`] = 1,000,000 (208,988
//!    digits).
//!
//! The four algorithms the Compute tab shows are each fenced by `// region: NAME` and
//! `// endregion` comments (names in [`SOURCE_REGIONS`]), so the tab can show exactly
//! the function that runs, read from this very file as the build serves it.
//!
//! ## In production
//! Big integers here come from [`num-bigint`](https://docs.rs/num-bigint), which is the
//! production crate for this in pure Rust (Karatsuba/Toom-3 multiplication,
//! divide-and-conquer decimal conversion). For huge numbers, GMP (via the `rug` crate)
//! is several times faster but is C and does not build for `wasm32-unknown-unknown`.
//! What we leave out: progress reporting and cancellation inside one computation (the
//! tab runs long work in a Web Worker and cancels by terminating it), and anything
//! above one million, where the digits alone would be a multi-megabyte string.
//!
//! ## Cost, measured natively (release, x86-64, one core)
//! F(1,000,000): fast doubling ≈ 15 ms, plus decimal conversion (`BigUint::to_string`,
//! already subquadratic in num-bigint 0.5) ≈ 20 ms: [`fibonacci_decimal`] ≈ 36 ms.
//! F(100,000): ≈ 1.1 ms. The plain addition loop over big integers takes ≈ 40 ms for
//! F(100,000), 35× slower than fast doubling. WASM uses 32-bit limbs and is several
//! times slower, so the tab runs large n in a Worker.

use std::fmt;

use num_bigint::BigUint;

mod digits;
mod input;

pub use digits::{digit_groups, thin_spaced};
pub use input::{NInputError, parse_n};

/// The largest n whose F(n) fits in a `u64`: F(93) = 12,200,160,415,121,876,738, while
/// F(94) = 19,740,274,219,868,223,167 > u64::MAX ≈ 1.8 · 10¹⁹.
pub const FIB_U64_MAX_N: u32 = 93;

/// The largest n for which the exact decimal digits are computed ([`fibonacci_decimal`],
/// [`fib_big`]). F(1,000,000) has 208,988 digits and takes tens of milliseconds; the
/// limit exists so that a caller cannot ask for F(u32::MAX), whose ~900 million digits
/// would need gigabytes and abort a WASM module with out-of-memory.
pub const FIB_DECIMAL_MAX_N: u32 = 1_000_000;

/// The largest n [`fib_naive`] accepts. F(40) already takes 331,160,281 calls
/// (about 1.8 s natively in release, longer in a browser); each step up multiplies the
/// work by φ ≈ 1.618.
pub const FIB_NAIVE_MAX_N: u32 = 40;

/// The names of the `// region: NAME` blocks in this file, in display order. The tab
/// shows one region at a time; a unit test checks each is present exactly once.
pub const SOURCE_REGIONS: &[&str] = &["naive", "iterative", "fast_doubling", "fast_doubling_big"];

/// Why an exact Fibonacci number was not computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FibError {
    /// `n` is above the limit `max` of the function that was called.
    TooLarge {
        /// The n that was asked for.
        n: u32,
        /// The largest n the function accepts.
        max: u32,
    },
}

impl fmt::Display for FibError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FibError::TooLarge { n, max } => write!(
                f,
                "n = {n} is too large: exact Fibonacci numbers are computed up to n = {max}"
            ),
        }
    }
}

impl std::error::Error for FibError {}

/// F(n) as a `u64`, or `None` when it does not fit (n > 93, see [`FIB_U64_MAX_N`]).
///
/// F(0) = 0, F(1) = 1. Computed by fast doubling with checked arithmetic
/// ([`fib_fast_doubling`]), so it costs O(log n) and never wraps.
pub fn fibonacci(n: u32) -> Option<u64> {
    fib_fast_doubling(n)
}

/// The exact decimal digits of F(n), for n up to [`FIB_DECIMAL_MAX_N`] (1,000,000).
///
/// Above the limit this returns the *message* of [`FibError::TooLarge`]
/// ("n = 1000001 is too large: ..."), never digits. That was chosen as the least
/// surprising option for a `String`-returning function that must not panic: an empty
/// string would look like a blank result in a page, and a truncated or saturated number
/// would be a wrong answer that looks right. The message cannot be mistaken for a
/// number (it is not all ASCII digits), and a caller that needs to branch should use
/// [`fibonacci_decimal_checked`].
pub fn fibonacci_decimal(n: u32) -> String {
    match fibonacci_decimal_checked(n) {
        Ok(digits) => digits,
        Err(error) => error.to_string(),
    }
}

/// The exact decimal digits of F(n), or [`FibError::TooLarge`] above
/// [`FIB_DECIMAL_MAX_N`]. The check happens before anything is allocated.
pub fn fibonacci_decimal_checked(n: u32) -> Result<String, FibError> {
    // num-bigint's to_string is divide-and-conquer (subquadratic) since 0.5, so a
    // hand-written conversion would not beat it; see the module docs for timings.
    Ok(fib_big(n)?.to_string())
}

// region: naive
/// F(n) by the textbook recursion, and the number of calls it made, for n up to
/// [`FIB_NAIVE_MAX_N`] (40); `None` above that.
///
/// The call count is 2·F(n+1) − 1 ([`naive_call_count`]): the recursion recomputes
/// the same values again and again, which is why its cost grows like φⁿ.
pub fn fib_naive(n: u32) -> Option<(u64, u64)> {
    if n > FIB_NAIVE_MAX_N {
        return None;
    }
    let mut calls = 0;
    let value = naive(n, &mut calls);
    Some((value, calls))
}

fn naive(n: u32, calls: &mut u64) -> u64 {
    *calls += 1;
    if n < 2 {
        u64::from(n)
    } else {
        naive(n - 1, calls) + naive(n - 2, calls)
    }
}
// endregion

// region: iterative
/// F(n) by adding up from F(0) and F(1), n − 1 additions; `None` when F(n) does not
/// fit in a `u64` (n > 93). `checked_add` is what turns a plain loop's silent
/// wrap-around into an honest `None`.
pub fn fib_iterative(n: u32) -> Option<u64> {
    if n == 0 {
        return Some(0);
    }
    let (mut previous, mut current) = (0u64, 1u64); // F(0), F(1)
    for _ in 1..n {
        let next = previous.checked_add(current)?;
        previous = current;
        current = next;
    }
    Some(current)
}
// endregion

// region: fast_doubling
/// F(n) by fast doubling in about log₂(n) steps; `None` when F(n) does not fit in a
/// `u64` (n > 93).
///
/// It walks the bits of n from the top, keeping the pair (F(k−1), F(k)), and uses
///
/// * F(2k−1) = F(k)² + F(k−1)²
/// * F(2k)   = F(k) · (F(k) + 2·F(k−1))
///
/// to double k, then adds one when the bit is set. Starting from k = 0 with
/// F(−1) = 1, every intermediate value is at most F(n), so a checked overflow means
/// exactly that F(n) itself does not fit.
pub fn fib_fast_doubling(n: u32) -> Option<u64> {
    let (mut prev, mut cur) = (1u64, 0u64); // F(-1), F(0)
    for bit in (0..u32::BITS - n.leading_zeros()).rev() {
        let prev2 = cur.checked_mul(cur)?.checked_add(prev.checked_mul(prev)?)?;
        let cur2 = cur.checked_mul(cur.checked_add(prev.checked_mul(2)?)?)?;
        (prev, cur) = (prev2, cur2); // k -> 2k
        if (n >> bit) & 1 == 1 {
            (prev, cur) = (cur, prev.checked_add(cur)?); // 2k -> 2k + 1
        }
    }
    Some(cur)
}
// endregion

// region: fast_doubling_big
/// F(n) exactly as a big integer, by the same fast doubling as [`fib_fast_doubling`],
/// for n up to [`FIB_DECIMAL_MAX_N`]; [`FibError::TooLarge`] above it.
///
/// With big integers the step count stays log₂(n) but each multiplication costs more
/// as the numbers grow, so the last step (numbers of n/2 · 0.694 bits) dominates.
pub fn fib_big(n: u32) -> Result<BigUint, FibError> {
    if n > FIB_DECIMAL_MAX_N {
        return Err(FibError::TooLarge {
            n,
            max: FIB_DECIMAL_MAX_N,
        });
    }
    let (mut prev, mut cur) = (BigUint::from(1u32), BigUint::from(0u32)); // F(-1), F(0)
    for bit in (0..u32::BITS - n.leading_zeros()).rev() {
        let prev2 = &cur * &cur + &prev * &prev;
        let cur2 = &cur * (&cur + (&prev << 1u32));
        (prev, cur) = (prev2, cur2); // k -> 2k
        if (n >> bit) & 1 == 1 {
            let next = &prev + &cur;
            (prev, cur) = (cur, next); // 2k -> 2k + 1
        }
    }
    Ok(cur)
}
// endregion

/// How many calls [`fib_naive`] makes for `n`: 2·F(n+1) − 1 (one call for n = 0 and
/// n = 1; for larger n, one plus the calls of n−1 and n−2). `None` when the count
/// does not fit in a `u64` (n > 91). Lets the tab say how long a forbidden n *would*
/// take without running it.
pub fn naive_call_count(n: u32) -> Option<u64> {
    let next = fibonacci(n.checked_add(1)?)?;
    next.checked_mul(2)?.checked_sub(1)
}

/// The naive recursion for `n` unrolled from the top until every open subproblem is at
/// most `n - depth` (or below 2): the calls made on the way (`internal_calls`) and the
/// subproblems left (`leaves`), in the order the recursion would reach them.
///
/// Running [`fib_naive`] on every leaf and adding up is the *same* naive computation,
/// call for call: Σ values = F(n) and `internal_calls` + Σ calls = 2·F(n+1) − 1. Nothing
/// is memoized; the split only gives the Web Worker points at which to report progress.
pub fn naive_split(n: u32, depth: u32) -> (u64, Vec<u32>) {
    let floor = n.saturating_sub(depth);
    let mut internal_calls = 0u64;
    let mut leaves = Vec::new();
    let mut stack = vec![n];
    while let Some(m) = stack.pop() {
        if m > floor && m >= 2 {
            internal_calls += 1;
            // Pushed in reverse so m - 1 is expanded first, as the recursion does.
            stack.push(m - 2);
            stack.push(m - 1);
        } else {
            leaves.push(m);
        }
    }
    (internal_calls, leaves)
}

/// F(n) by the iterative loop in `f64`, which is exactly what JavaScript computes with
/// `Number`: `let a = 0, b = 1; for (let i = 0; i < n; i++) [a, b] = [b, a + b];`.
///
/// Exact up to F(78) = 8,944,394,323,791,464 (< 2⁵³); from F(79) on the sums are
/// rounded to the nearest representable `f64`, and from F(1477) on the result is
/// `f64::INFINITY` (the loop stops there, so even `u32::MAX` returns at once).
pub fn fib_f64(n: u32) -> f64 {
    let (mut a, mut b) = (0.0f64, 1.0f64);
    for _ in 0..n {
        if a.is_infinite() {
            break;
        }
        (a, b) = (b, a + b);
    }
    a
}

/// The first n where [`fib_f64`] (JavaScript's `Number` loop) differs from the exact
/// F(n). It is 79: F(79) = 14,472,334,024,676,221 is odd and above 2⁵³, where `f64`
/// can only hold even integers, so the exact sum of two exact neighbours is rounded.
///
/// Computed, not hard-coded: both loops run side by side and the values are compared
/// exactly (an `f64` holding an integer below 2⁶⁴ converts to `u64` without loss).
pub fn first_f64_wrong_n() -> u32 {
    let (mut approx_a, mut approx_b) = (0.0f64, 1.0f64);
    let (mut exact_a, mut exact_b) = (0u64, 1u64);
    for n in 0..=FIB_U64_MAX_N {
        // `as` saturates, so a huge f64 can never compare equal by accident below u64::MAX.
        if approx_a as u64 != exact_a || approx_a.fract() != 0.0 {
            return n;
        }
        (approx_a, approx_b) = (approx_b, approx_a + approx_b);
        let Some(exact_next) = exact_a.checked_add(exact_b) else {
            // Past F(93) the exact side no longer fits; unreachable in practice since
            // f64 goes wrong at 79, but the function must still return something true.
            return n + 1;
        };
        (exact_a, exact_b) = (exact_b, exact_next);
    }
    FIB_U64_MAX_N + 1
}

/// A short view of a long run of decimal digits, for showing F(1,000,000) without
/// putting 208,988 characters on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigitSummary {
    /// Number of digits (characters) in the input.
    pub digits: usize,
    /// Up to `edge` leading characters.
    pub first: String,
    /// Up to `edge` trailing characters (overlaps `first` when the input is short).
    pub last: String,
}

/// Summarizes `digits` (any text; counted in characters) as its length and its first
/// and last `edge` characters.
pub fn summarize_digits(digits: &str, edge: usize) -> DigitSummary {
    let count = digits.chars().count();
    let first: String = digits.chars().take(edge).collect();
    let last: String = digits.chars().skip(count.saturating_sub(edge)).collect();
    DigitSummary {
        digits: count,
        first,
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Independent reference: F(0..=max) by plain big-integer addition.
    fn reference_table(max: usize) -> Vec<BigUint> {
        let mut table = vec![BigUint::from(0u32), BigUint::from(1u32)];
        while table.len() <= max {
            let next = &table[table.len() - 1] + &table[table.len() - 2];
            table.push(next);
        }
        table.truncate(max + 1);
        table
    }

    #[test]
    fn every_u64_fibonacci_matches_big_integers() {
        let table = reference_table(93);
        for n in 0..=93u32 {
            let expected = u64::try_from(&table[n as usize]).expect("F(n<=93) fits in u64");
            assert_eq!(fibonacci(n), Some(expected), "fibonacci({n})");
            assert_eq!(fib_iterative(n), Some(expected), "fib_iterative({n})");
            assert_eq!(
                fib_fast_doubling(n),
                Some(expected),
                "fib_fast_doubling({n})"
            );
        }
    }

    #[test]
    fn known_u64_edges() {
        assert_eq!(fibonacci(0), Some(0));
        assert_eq!(fibonacci(1), Some(1));
        assert_eq!(fibonacci(2), Some(1));
        assert_eq!(fibonacci(93), Some(12_200_160_415_121_876_738));
        assert_eq!(fibonacci(FIB_U64_MAX_N + 1), None);
    }

    #[test]
    fn overflow_is_none() {
        for n in (94..=200u32).chain([1_000, 1 << 20, u32::MAX - 1, u32::MAX]) {
            assert_eq!(fibonacci(n), None, "fibonacci({n})");
            assert_eq!(fib_iterative(n), None, "fib_iterative({n})");
            assert_eq!(fib_fast_doubling(n), None, "fib_fast_doubling({n})");
        }
    }

    #[test]
    fn naive_values_and_call_counts() {
        for n in 0..=22u32 {
            let (value, calls) = fib_naive(n).expect("within the guard");
            assert_eq!(Some(value), fib_iterative(n), "value of fib_naive({n})");
            assert_eq!(Some(calls), naive_call_count(n), "calls of fib_naive({n})");
        }
        assert_eq!(fib_naive(10), Some((55, 177)));
        assert_eq!(naive_call_count(40), Some(331_160_281));
        assert_eq!(naive_call_count(91).map(|c| c > 0), Some(true));
        assert_eq!(naive_call_count(92), None);
        assert_eq!(naive_call_count(u32::MAX), None);
    }

    #[test]
    fn naive_split_is_the_same_computation() {
        for n in [0u32, 1, 2, 5, 20, 30] {
            for depth in [0u32, 1, 3, 8] {
                let (internal, leaves) = naive_split(n, depth);
                let (mut value, mut calls) = (0u64, internal);
                for leaf in &leaves {
                    let (v, c) = fib_naive(*leaf).expect("leaves are small");
                    value += v;
                    calls += c;
                }
                assert_eq!(Some(value), fibonacci(n), "value, n={n} depth={depth}");
                assert_eq!(
                    Some(calls),
                    naive_call_count(n),
                    "calls, n={n} depth={depth}"
                );
            }
        }
        assert_eq!(naive_split(40, 0), (0, vec![40]));
        assert!(naive_split(40, 8).1.len() > 20);
    }

    #[test]
    fn naive_is_guarded() {
        assert_eq!(fib_naive(FIB_NAIVE_MAX_N + 1), None);
        assert_eq!(fib_naive(u32::MAX), None);
    }

    #[test]
    fn decimal_matches_plain_big_integer_iteration() {
        let table = reference_table(10_000);
        for n in [0u32, 1, 2, 3, 10, 93, 94, 100, 1_000, 4_096, 9_999, 10_000] {
            assert_eq!(
                fibonacci_decimal(n),
                table[n as usize].to_string(),
                "fibonacci_decimal({n})"
            );
        }
    }

    #[test]
    fn decimal_known_literals() {
        assert_eq!(fibonacci_decimal(0), "0");
        assert_eq!(fibonacci_decimal(1), "1");
        assert_eq!(fibonacci_decimal(2), "1");
        assert_eq!(fibonacci_decimal(93), "12200160415121876738");
        assert_eq!(fibonacci_decimal(94), "19740274219868223167");
        assert_eq!(fibonacci_decimal(100), "354224848179261915075");
        assert_eq!(fibonacci_decimal(1_000).len(), 209);
        assert!(fibonacci_decimal(1_000).starts_with("43466557686937456435688527675040625802564"));
        assert_eq!(fibonacci_decimal(10_000).len(), 2_090);
    }

    /// F(n) mod 10^12 by iterating in u64: independent of big integers.
    fn last_twelve_digits(n: u32) -> u64 {
        const MODULUS: u64 = 1_000_000_000_000;
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            (a, b) = (b, (a + b) % MODULUS);
        }
        a
    }

    /// The leading digits of F(n) from Binet's formula in logarithms:
    /// log10 F(n) ≈ n·log10(φ) − log10(√5) (the ψⁿ term is negligible for large n).
    fn leading_digits_by_binet(n: u32, count: i32) -> u64 {
        let phi = (1.0 + 5f64.sqrt()) / 2.0;
        let log10 = f64::from(n) * phi.log10() - 5f64.sqrt().log10();
        let mantissa = 10f64.powf(log10.fract());
        (mantissa * 10f64.powi(count - 1)) as u64
    }

    #[test]
    fn one_million_digits_count_last_and_first_digits() {
        let digits = fibonacci_decimal(FIB_DECIMAL_MAX_N);
        assert_eq!(digits.len(), 208_988);
        assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        let last: u64 = digits[digits.len() - 12..].parse().expect("digits");
        assert_eq!(last, last_twelve_digits(FIB_DECIMAL_MAX_N));
        // Eight leading digits: f64's ~16 significant digits minus the ~6 lost to the
        // integer part of n·log10(φ) ≈ 208,987 leave ample margin.
        let first: u64 = digits[..8].parse().expect("digits");
        assert_eq!(first, leading_digits_by_binet(FIB_DECIMAL_MAX_N, 8));
    }

    #[test]
    fn digit_counts_match_binet_for_big_n() {
        for n in [50_000u32, 123_457] {
            let digits = fibonacci_decimal(n);
            let phi = (1.0 + 5f64.sqrt()) / 2.0;
            let log10 = f64::from(n) * phi.log10() - 5f64.sqrt().log10();
            assert_eq!(
                digits.len(),
                log10.floor() as usize + 1,
                "digit count of F({n})"
            );
            let last: u64 = digits[digits.len() - 12..].parse().expect("digits");
            assert_eq!(last, last_twelve_digits(n), "last digits of F({n})");
        }
    }

    #[test]
    fn above_the_limit_is_an_error_not_an_allocation() {
        let error = FibError::TooLarge {
            n: FIB_DECIMAL_MAX_N + 1,
            max: FIB_DECIMAL_MAX_N,
        };
        assert_eq!(
            fibonacci_decimal_checked(FIB_DECIMAL_MAX_N + 1),
            Err(error.clone())
        );
        assert_eq!(
            fib_big(u32::MAX).map(|_| ()),
            Err(FibError::TooLarge {
                n: u32::MAX,
                max: FIB_DECIMAL_MAX_N
            })
        );
        let text = fibonacci_decimal(FIB_DECIMAL_MAX_N + 1);
        assert_eq!(text, error.to_string());
        assert_eq!(
            text,
            "n = 1000001 is too large: exact Fibonacci numbers are computed up to n = 1000000"
        );
        assert!(
            !fibonacci_decimal(u32::MAX)
                .bytes()
                .all(|b| b.is_ascii_digit())
        );
    }

    #[test]
    fn javascript_number_goes_wrong_at_79() {
        assert_eq!(first_f64_wrong_n(), 79);
        assert_eq!(fib_f64(78), 8_944_394_323_791_464.0);
        assert_eq!(fib_f64(78) as u64, fibonacci(78).unwrap_or(0));
        assert_ne!(fib_f64(79) as u64, fibonacci(79).unwrap_or(0));
        // What JavaScript prints for the loop at 79: 14472334024676220 (exact: ...221).
        assert_eq!(fib_f64(79) as u64, 14_472_334_024_676_220);
        assert_eq!(fib_f64(0), 0.0);
        assert_eq!(fib_f64(1476), 1.3069892237633987e308);
        assert_eq!(fib_f64(1477), f64::INFINITY);
        assert_eq!(fib_f64(u32::MAX), f64::INFINITY);
    }

    #[test]
    fn digit_summary() {
        let summary = summarize_digits("354224848179261915075", 5);
        assert_eq!(
            summary,
            DigitSummary {
                digits: 21,
                first: "35422".into(),
                last: "15075".into()
            }
        );
        let short = summarize_digits("55", 5);
        assert_eq!(
            (short.digits, short.first.as_str(), short.last.as_str()),
            (2, "55", "55")
        );
        assert_eq!(summarize_digits("", 3).digits, 0);
    }

    #[test]
    fn source_regions_are_well_formed() {
        let lines: Vec<&str> = include_str!("compute.rs").lines().collect();
        let mut open: Option<&str> = None;
        let mut seen = Vec::new();
        for line in &lines {
            if let Some(name) = line.strip_prefix("// region: ") {
                assert_eq!(open, None, "regions do not nest");
                open = Some(name);
                seen.push(name);
            } else if *line == "// endregion" {
                assert!(open.take().is_some(), "an endregion closes a region");
            }
        }
        assert_eq!(open, None, "the last region is closed");
        assert_eq!(seen, SOURCE_REGIONS);
    }

    #[test]
    fn error_display_and_traits() {
        let error: Box<dyn std::error::Error> = Box::new(FibError::TooLarge { n: 5, max: 4 });
        assert_eq!(
            error.to_string(),
            "n = 5 is too large: exact Fibonacci numbers are computed up to n = 4"
        );
    }

    proptest! {
        #[test]
        fn fast_doubling_equals_iterative(n in 0u32..=200) {
            prop_assert_eq!(fib_fast_doubling(n), fib_iterative(n));
            prop_assert_eq!(fib_fast_doubling(n).is_some(), n <= FIB_U64_MAX_N);
        }

        #[test]
        fn u64_and_big_agree(n in 0u32..=93) {
            let big = fib_big(n).map(|v| v.to_string());
            prop_assert_eq!(big, Ok(fibonacci(n).unwrap_or(0).to_string()));
        }

        /// F(m + n) = F(m)·F(n+1) + F(m−1)·F(n), checked on big integers.
        #[test]
        fn addition_identity(m in 1u32..3_000, n in 0u32..3_000) {
            let f = |k: u32| fib_big(k).unwrap_or_default();
            prop_assert_eq!(f(m + n), f(m) * f(n + 1) + f(m - 1) * f(n));
        }
    }
}
