//! Numbers written the way JavaScript writes them.
//!
//! `JSON.stringify` writes a finite number with `Number.prototype.toString`
//! (ECMA-262 §6.1.6.1.20, "Number::toString"). That algorithm takes the
//! shortest digit string `s` (k digits) that reads back as the same double,
//! and the exponent `n` with value = s × 10^(n−k), then picks a layout:
//!
//! | condition        | layout                         | example                 |
//! |------------------|--------------------------------|-------------------------|
//! | k ≤ n ≤ 21       | digits, then n−k zeros         | `123456789012345680000` |
//! | 0 < n ≤ 21       | point after n digits           | `3.14`                  |
//! | −6 < n ≤ 0       | `0.`, −n zeros, digits         | `0.000001`              |
//! | otherwise        | `d.ddde±x` with x = n−1        | `1e+21`, `1.5e-7`       |
//!
//! Rust's `{:e}` already gives the shortest round-trip digits (the same
//! digits: both pick the candidate closest to the exact value), so only the
//! layout has to be converted. `-0` prints as `0`, as in JavaScript.

use std::fmt::Write;

/// `String(x)` in JavaScript: the shortest round-trip digits in JavaScript's
/// layout, `"NaN"`, `"Infinity"`, `"-Infinity"`, and `"0"` for `-0`.
///
/// ```
/// use wasm_playground::lab::json::js_number_string;
/// assert_eq!(js_number_string(1e21), "1e+21");
/// assert_eq!(js_number_string(1.5e-7), "1.5e-7");
/// assert_eq!(js_number_string(123456789012345680000.0), "123456789012345680000");
/// assert_eq!(js_number_string(-0.0), "0");
/// assert_eq!(js_number_string(0.1 + 0.2), "0.30000000000000004");
/// ```
pub fn js_number_string(x: f64) -> String {
    let mut out = String::new();
    write_js_number(&mut out, x, &mut String::new());
    out
}

/// Appends `String(x)` to `out`. `scratch` is a reusable buffer (its
/// contents are overwritten), so a writer can format many numbers without
/// allocating for each one.
pub(super) fn write_js_number(out: &mut String, x: f64, scratch: &mut String) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x.is_infinite() {
        out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
        return;
    }
    if x == 0.0 {
        out.push('0'); // both +0 and -0
        return;
    }
    // Integers below 2^53 print as themselves; the common case, done directly.
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", x as i64);
        return;
    }
    if write_short_decimal(out, x) {
        return;
    }
    write_shortest(out, x, scratch);
}

/// Powers of ten that are exact doubles.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Fast path for "short decimals" such as `-65.613617` or `0.087`, the
/// common case in real documents: finds the fewest fractional digits `k` for
/// which an integer `m` gives `m / 10^k == x` exactly, and writes `m` with a
/// decimal point. Returns `false` (writing nothing) when there is none with
/// `m < 10^15`, or when `x` is outside `1e-6 ≤ |x| < 1e15` (where JavaScript
/// would switch to exponent form or the digits may need 16–17 places).
///
/// Why this is exact: `m < 2^53` and `10^k` are exact doubles, so `m / 10^k`
/// is the correctly rounded value of the decimal `m·10^-k`: that decimal
/// reads back as `x`. No decimal with fewer digits does (a smaller `k` was
/// tried first), and the product `x·10^k < 10^15 < 2^50` is within 1/8 of an
/// integer's distance, so `round` finds the one `m` that works (two could not:
/// doubles near `x·10^k` are much closer together than 1).
fn write_short_decimal(out: &mut String, x: f64) -> bool {
    let a = x.abs();
    if !(1e-6..1e15).contains(&a) {
        return false;
    }
    for (k, &p) in POW10.iter().enumerate().skip(1) {
        let y = a * p;
        if y >= 1e15 {
            return false;
        }
        let m = y.round();
        if m / p == a {
            let mut buf = [0u8; 20];
            let digits = decimal_digits(m as u64, &mut buf);
            if x < 0.0 {
                out.push('-');
            }
            match digits.len().checked_sub(k) {
                Some(int_len) if int_len > 0 => {
                    let (int, frac) = digits.split_at(int_len);
                    out.push_str(int);
                    out.push('.');
                    out.push_str(frac);
                }
                _ => {
                    out.push_str("0.");
                    out.extend(std::iter::repeat_n('0', k - digits.len()));
                    out.push_str(digits);
                }
            }
            return true;
        }
    }
    false
}

/// The decimal digits of `n`, written into the end of `buf`.
fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    loop {
        start -= 1;
        if let Some(slot) = buf.get_mut(start) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    std::str::from_utf8(buf.get(start..).unwrap_or(&[])).unwrap_or("0")
}

/// The general case: Rust's `{:e}` (shortest round-trip digits, the closest
/// to `x` when there is a choice, as JavaScript requires) re-laid out.
fn write_shortest(out: &mut String, x: f64, scratch: &mut String) {
    scratch.clear();
    let _ = write!(scratch, "{:e}", x.abs());
    // `scratch` is "d[.ddd]e[-]x": split it into digits and exponent.
    let (mantissa, exp) = scratch.split_once('e').unwrap_or((scratch.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits = [0u8; 24];
    let mut k = 0usize;
    for b in mantissa.bytes().filter(u8::is_ascii_digit) {
        if let Some(slot) = digits.get_mut(k) {
            *slot = b;
            k += 1;
        }
    }
    let digits = digits.get_mut(..k).unwrap_or(&mut []);
    break_tie_to_even(digits, exp, x.abs());
    let digit_str = std::str::from_utf8(digits).unwrap_or("0");
    let n = exp + 1; // value = 0.digits × 10^n
    let k_i = k as i32;
    if x < 0.0 {
        out.push('-');
    }
    if k_i <= n && n <= 21 {
        out.push_str(digit_str);
        out.extend(std::iter::repeat_n('0', (n - k_i) as usize));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digit_str.split_at((n as usize).min(digit_str.len()));
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(digit_str);
    } else {
        let (first, rest) = digit_str.split_at(1.min(digit_str.len()));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let e = n - 1;
        let _ = write!(
            out,
            "e{}{}",
            if e >= 0 { '+' } else { '-' },
            e.unsigned_abs()
        );
    }
}

/// ECMAScript's Number::toString picks, among equally close shortest digit
/// strings, the one whose last digit is even; Rust's `{:e}` may pick the
/// other. A tie means `x` is exactly halfway between the two candidates, e.g.
/// `1445821676718397.25` between `…397.2` and `…397.3` (JavaScript: `.2`).
/// `digits` are ASCII digits `d1 d2 … dk` with value `d1.d2…dk × 10^exp`.
fn break_tie_to_even(digits: &mut [u8], exp: i32, x: f64) {
    let k = digits.len();
    // Only strings of 16+ digits can tie: shorter ones never have a neighbour
    // that also reads back as `x`.
    let Some(&last) = digits.last() else { return };
    if k < 16 || (last - b'0').is_multiple_of(2) {
        return;
    }
    let mut d: u128 = 0;
    for &c in digits.iter() {
        d = d * 10 + u128::from(c - b'0');
    }
    // Value of the last digit's place, then of the half place below it.
    let s = exp - (k as i32 - 1) - 1;
    let (m, e) = decompose(x);
    let original = last;
    if last != b'0'
        && exact_eq(m, e, d * 10 - 5, s)
        && let Some(slot) = digits.last_mut()
    {
        *slot -= 1;
    } else if last != b'9'
        && exact_eq(m, e, d * 10 + 5, s)
        && let Some(slot) = digits.last_mut()
    {
        *slot += 1;
    }
    // The even neighbour must still read back as `x`. Just below a power of two the
    // spacing of doubles halves, so one side of the tie can belong to the next double
    // (2^-24 = 5.9604644775390625e-8 prints as …063, as JavaScript does).
    if digits.last() != Some(&original)
        && !reads_back(digits, exp, x)
        && let Some(slot) = digits.last_mut()
    {
        *slot = original;
    }
}

/// Whether `d1.d2…dk × 10^exp` parses back to exactly `x`.
fn reads_back(digits: &[u8], exp: i32, x: f64) -> bool {
    let mut text = String::with_capacity(digits.len() + 8);
    for (i, &c) in digits.iter().enumerate() {
        if i == 1 {
            text.push('.');
        }
        text.push(char::from(c));
    }
    text.push('e');
    text.push_str(&exp.to_string());
    text.parse::<f64>().is_ok_and(|y| y == x)
}

/// `x = m · 2^e` exactly, for a finite positive `x`.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let frac = bits & ((1u64 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    }
}

/// Whether `m · 2^e == big · 10^s`, in exact integer arithmetic (false when
/// the numbers would not fit in 128 bits, which cannot happen for a tie).
fn exact_eq(m: u64, e: i32, big: u128, s: i32) -> bool {
    fn pow5(n: u32) -> Option<u128> {
        5u128.checked_pow(n)
    }
    // Both sides as A · 2^a.
    let (a_val, a_exp, b_val, b_exp) = if s >= 0 {
        let Some(rhs) = pow5(s as u32).and_then(|p| big.checked_mul(p)) else {
            return false;
        };
        (u128::from(m), e, rhs, s)
    } else {
        let t = s.unsigned_abs();
        let Some(lhs) = pow5(t).and_then(|p| u128::from(m).checked_mul(p)) else {
            return false;
        };
        (lhs, e + t as i32, big, 0)
    };
    let shifted = |v: u128, by: i32| -> Option<u128> {
        let by = u32::try_from(by).ok()?;
        if by >= 128 || v.leading_zeros() < by {
            None
        } else {
            Some(v << by)
        }
    };
    if a_exp >= b_exp {
        shifted(a_val, a_exp - b_exp) == Some(b_val)
    } else {
        shifted(b_val, b_exp - a_exp) == Some(a_val)
    }
}

/// The general path alone, for the test that checks the fast path against it.
#[cfg(test)]
pub(super) fn write_shortest_for_tests(out: &mut String, x: f64) {
    write_shortest(out, x, &mut String::new());
}
