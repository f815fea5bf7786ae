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
    let digits = digits.get(..k).unwrap_or(&[]);
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

/// The general path alone, for the test that checks the fast path against it.
#[cfg(test)]
pub(super) fn write_shortest_for_tests(out: &mut String, x: f64) {
    write_shortest(out, x, &mut String::new());
}
