//! Numbers for people: one function for each small formatting job the app does in many
//! places, so that every tab writes a size, a time or a ratio the same way.
//!
//! | job | function | examples |
//! |---|---|---|
//! | digit grouping | [`grouped`], [`group_digits`] | `1,234,567`; the 208,988 digits of F(1,000,000) |
//! | a counted noun | [`count`], [`plural`] | `1 item`, `12,000 items` |
//! | a duration | [`duration_ms`] | `780 ns`, `45.6 µs`, `1.23 ms`, `2.10 s` |
//! | an estimate | [`about_duration`] | `about 1 second`, `about 3 minutes`, `about 1.2e7 years` |
//! | a size | [`bytes`], [`bytes_f64`] | `789 B`, `1.50 KiB`, `5 MiB` |
//! | a ratio | [`ratio`], [`speed_verdict`] | `3.2×`, `328,535.6×`, `JS 3.2× faster` |
//!
//! Conventions, fixed here once:
//! - Grouping is en-US (comma every three digits), through the very function the Strings
//!   tab teaches ([`crate::lab::text::format_number`]).
//! - Sizes use binary units (KiB = 1,024 bytes, MiB = 1,024 KiB, …): the limits in the
//!   code are powers of two, and a limit of `5 * 1024 * 1024` bytes reads "5 MiB", not
//!   "5.24 MB". A size that is a whole number of its unit has no decimals ("5 MiB");
//!   any other has three significant digits ("20.9 MiB"), so a rounded figure never
//!   looks exact.
//! - Durations and ratios carry three significant digits and one decimal respectively:
//!   what a browser timer (coarsened to about 1 ms in Firefox) can back up.
//! - Anything that is not a number to show (NaN, infinity, a negative size) is "–".

use crate::lab::text::format_number;

/// What the functions here write for a value they cannot show (NaN, ±∞, negative).
pub const MISSING: &str = "–";

/// `n` with en-US digit grouping: `1234567` → `"1,234,567"`, `-42` → `"-42"`. Takes any
/// primitive integer; values that fit an `i64` go through
/// [`crate::lab::text::format_number`], larger `u64`/`u128` values through
/// [`group_digits`].
pub fn grouped<N>(n: N) -> String
where
    N: TryInto<i64> + std::fmt::Display + Copy,
{
    match n.try_into() {
        Ok(small) => format_number(small),
        Err(_) => group_digits(&n.to_string()),
    }
}

/// A decimal digit string of any length with en-US grouping: `"1234567"` →
/// `"1,234,567"`, `"-1234"` → `"-1,234"`. Text that is not a (possibly negative) run of
/// ASCII digits is returned unchanged, so a caller can pass "Infinity" or "…" safely.
pub fn group_digits(digits: &str) -> String {
    let (sign, body) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + body.len() / 3);
    out.push_str(sign);
    for (i, c) in body.chars().enumerate() {
        if i > 0 && (body.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `one` when `n` is 1, else `many`: `plural(n, "item", "items")`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `n` grouped, then the noun in the right number: `"1 item"`, `"12,000 items"`,
/// `"0 items"`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), plural(n, one, many))
}

/// `v` rounded to three significant digits (at most two decimals), as text.
fn three_significant(v: f64) -> String {
    let decimals = |x: f64| {
        if x < 10.0 {
            2
        } else if x < 100.0 {
            1
        } else {
            0
        }
    };
    let d = decimals(v);
    let text = format!("{v:.d$}");
    // 9.996 prints as "10.00": one digit too many; print it for the decade it reached.
    match text.parse::<f64>() {
        Ok(rounded) if decimals(rounded) < d => format!("{v:.prec$}", prec = decimals(rounded)),
        _ => text,
    }
}

/// A duration in milliseconds (what `performance.now()` differences are), for people:
/// `0.00078` → `"780 ns"`, `0.0456` → `"45.6 µs"`, `1.2345` → `"1.23 ms"`,
/// `2100.0` → `"2.10 s"`, `1_234_567.0` → `"1,235 s"`, `0.0` → `"0 ns"`. Three
/// significant digits, in the largest unit that keeps the number at 1 or more;
/// [`MISSING`] for NaN, infinity or a negative time.
pub fn duration_ms(ms: f64) -> String {
    if !ms.is_finite() || ms < 0.0 {
        return MISSING.to_string();
    }
    if ms == 0.0 {
        return "0 ns".into();
    }
    const UNITS: [(f64, &str); 4] = [(1e-6, "ns"), (1e-3, "µs"), (1.0, "ms"), (1e3, "s")];
    let mut unit = UNITS.iter().rposition(|&(size, _)| ms >= size).unwrap_or(0);
    loop {
        let (size, name) = UNITS[unit];
        let value = ms / size;
        if unit == UNITS.len() - 1 && value >= 999.5 {
            return format!("{} s", grouped(value.round() as u64));
        }
        let text = three_significant(value);
        // 999.7 µs rounds to "1000": that is "1.00 ms".
        if text.parse::<f64>().is_ok_and(|r| r >= 1000.0) && unit + 1 < UNITS.len() {
            unit += 1;
            continue;
        }
        return format!("{text} {name}");
    }
}

/// A rough estimate of how long something would take, with the right plural:
/// `"about 12.3 ms"`, `"about 1 second"`, `"about 45 seconds"`, `"about 3 minutes"`,
/// `"about 2 days"`, `"about 1.2e7 years"`. Below a second it is [`duration_ms`]; above,
/// whole seconds (under 2 minutes), minutes (under 2 hours), hours (under 2 days), days
/// (under 2 years), then years. NaN, infinity or a negative time: `"an unknown time"`.
pub fn about_duration(ms: f64) -> String {
    if !ms.is_finite() || ms < 0.0 {
        return "an unknown time".into();
    }
    let seconds = ms / 1000.0;
    let (value, one, many) = if seconds < 1.0 {
        return format!("about {}", duration_ms(ms));
    } else if seconds < 120.0 {
        (seconds, "second", "seconds")
    } else if seconds < 7_200.0 {
        (seconds / 60.0, "minute", "minutes")
    } else if seconds < 172_800.0 {
        (seconds / 3_600.0, "hour", "hours")
    } else if seconds < 63_072_000.0 {
        (seconds / 86_400.0, "day", "days")
    } else {
        (seconds / 31_557_600.0, "year", "years")
    };
    let whole = value.round();
    if whole < 1_000_000.0 {
        format!("about {}", count(whole as usize, one, many))
    } else {
        format!("about {value:.1e} {many}")
    }
}

/// A size in bytes with binary units: `789` → `"789 B"`, `1536` → `"1.50 KiB"`,
/// `5 * 1024 * 1024` → `"5 MiB"`, `21_990_000` → `"21.0 MiB"`. Whole multiples of the
/// unit have no decimals; other sizes have three significant digits.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut unit = (n.ilog2() / 10) as usize;
    loop {
        let size = 1u64 << (10 * unit);
        if n.is_multiple_of(size) {
            return format!("{} {}", n / size, UNITS[unit]);
        }
        let text = three_significant(n as f64 / size as f64);
        // 1023.9 KiB would round to "1024 KiB": that is "1.00 MiB".
        if text.parse::<f64>().is_ok_and(|r| r >= 1024.0) && unit + 1 < UNITS.len() {
            unit += 1;
            continue;
        }
        return format!("{text} {}", UNITS[unit]);
    }
}

/// [`bytes`] for sizes the browser reports as `f64` (`File.size`, resource timing):
/// rounded to whole bytes; [`MISSING`] for NaN, infinity or a negative size.
pub fn bytes_f64(n: f64) -> String {
    if !n.is_finite() || n < 0.0 {
        return MISSING.to_string();
    }
    // `as` saturates: anything past u64::MAX bytes reads as 16 EiB.
    bytes(n.round() as u64)
}

/// A ratio with one decimal and grouped digits: `3.21` → `"3.2×"`, `328535.64` →
/// `"328,535.6×"`. [`MISSING`] for NaN, infinity, zero or a negative ratio.
pub fn ratio(r: f64) -> String {
    if !r.is_finite() || r <= 0.0 {
        return MISSING.to_string();
    }
    let text = format!("{r:.1}");
    match text.split_once('.') {
        Some((whole, tenths)) => format!("{}.{tenths}×", group_digits(whole)),
        None => format!("{text}×"),
    }
}

/// Who won a WASM-vs-JavaScript pair, from the two median times in milliseconds:
/// `"WASM 2.5× faster"`, `"JS 3.2× faster"`, `"about the same"` (within 5 %),
/// `"too fast to time"` (a side the clock did not see move, 0 ms), `"not measurable"`
/// (NaN, infinity or a negative time).
pub fn speed_verdict(wasm_ms: f64, js_ms: f64) -> String {
    if !wasm_ms.is_finite() || !js_ms.is_finite() || wasm_ms < 0.0 || js_ms < 0.0 {
        return "not measurable".into();
    }
    if wasm_ms == 0.0 || js_ms == 0.0 {
        return "too fast to time".into();
    }
    let speedup = js_ms / wasm_ms;
    if (0.95..=1.05).contains(&speedup) {
        "about the same".into()
    } else if speedup > 1.0 {
        format!("WASM {} faster", ratio(speedup))
    } else {
        format!("JS {} faster", ratio(1.0 / speedup))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn grouping_examples() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(-1_234_567_i64), "-1,234,567");
        assert_eq!(grouped(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(
            grouped(12_200_160_415_121_876_738_u64),
            "12,200,160,415,121,876,738"
        );
        assert_eq!(grouped(usize::MAX).replace(',', ""), usize::MAX.to_string());
        assert_eq!(group_digits("1234567"), "1,234,567");
        assert_eq!(group_digits("-1234"), "-1,234");
        assert_eq!(group_digits("0001234"), "0,001,234");
        for unchanged in ["", "-", "Infinity", "12.5", "1,234", "12a", "--1"] {
            assert_eq!(group_digits(unchanged), unchanged);
        }
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(count(0, "item", "items"), "0 items");
        assert_eq!(count(1, "item", "items"), "1 item");
        assert_eq!(count(12_000, "item", "items"), "12,000 items");
        assert_eq!(plural(1, "is", "are"), "is");
        assert_eq!(plural(2, "is", "are"), "are");
    }

    #[test]
    fn duration_examples() {
        let cases = [
            (0.0, "0 ns"),
            (0.00078, "780 ns"),
            (0.000_000_5, "0.50 ns"),
            (0.0456, "45.6 µs"),
            (0.9997, "1.00 ms"),
            (1.0, "1.00 ms"),
            (1.2345, "1.23 ms"),
            (9.996, "10.0 ms"),
            (12.345, "12.3 ms"),
            (123.45, "123 ms"),
            (999.7, "1.00 s"),
            (2100.0, "2.10 s"),
            (59_999.0, "60.0 s"),
            (999_000.0, "999 s"),
            (999_600.0, "1,000 s"),
            (1_234_567.0, "1,235 s"),
        ];
        for (ms, text) in cases {
            assert_eq!(duration_ms(ms), text, "{ms} ms");
        }
        for bad in [f64::NAN, f64::INFINITY, -1.0] {
            assert_eq!(duration_ms(bad), MISSING);
        }
    }

    #[test]
    fn estimates_say_about_and_count_their_unit() {
        let cases = [
            (12.3, "about 12.3 ms"),
            (1_000.0, "about 1 second"),
            (1_400.0, "about 1 second"),
            (1_600.0, "about 2 seconds"),
            (45_000.0, "about 45 seconds"),
            (60_000.0 * 3.0, "about 3 minutes"),
            (3_600_000.0 * 3.0, "about 3 hours"),
            (86_400_000.0 * 2.0, "about 2 days"),
            (31_557_600_000.0 * 2.0, "about 2 years"),
            (31_557_600_000.0 * 1.2e7, "about 1.2e7 years"),
        ];
        for (ms, text) in cases {
            assert_eq!(about_duration(ms), text, "{ms} ms");
        }
        assert_eq!(about_duration(f64::NAN), "an unknown time");
        assert_eq!(about_duration(f64::INFINITY), "an unknown time");
    }

    #[test]
    fn size_examples() {
        let cases = [
            (0, "0 B"),
            (789, "789 B"),
            (1023, "1023 B"),
            (1024, "1 KiB"),
            (1536, "1.50 KiB"),
            (256 * 1024, "256 KiB"),
            (1_048_575, "1.00 MiB"),
            (5 * 1024 * 1024, "5 MiB"),
            (20 * 1024 * 1024, "20 MiB"),
            (21_990_000, "21.0 MiB"),
            (64 * 1024 * 1024, "64 MiB"),
            (u64::MAX, "16.0 EiB"),
        ];
        for (n, text) in cases {
            assert_eq!(bytes(n), text, "{n} bytes");
        }
        assert_eq!(bytes_f64(1536.4), "1.50 KiB");
        assert_eq!(bytes_f64(f64::NAN), MISSING);
        assert_eq!(bytes_f64(-1.0), MISSING);
    }

    #[test]
    fn ratios_and_verdicts() {
        assert_eq!(ratio(3.21), "3.2×");
        assert_eq!(ratio(328_535.64), "328,535.6×");
        assert_eq!(ratio(0.0), MISSING);
        assert_eq!(ratio(f64::INFINITY), MISSING);
        assert_eq!(speed_verdict(4.0, 10.0), "WASM 2.5× faster");
        assert_eq!(speed_verdict(3.2, 1.0), "JS 3.2× faster");
        assert_eq!(speed_verdict(1.0, 1.04), "about the same");
        assert_eq!(speed_verdict(0.0, 1.0), "too fast to time");
        assert_eq!(speed_verdict(0.0, 0.0), "too fast to time");
        assert_eq!(speed_verdict(f64::NAN, 1.0), "not measurable");
        assert_eq!(
            speed_verdict(0.000_001, 328_535.6e-6),
            "WASM 328,535.6× faster"
        );
    }

    /// The number a formatted size or duration stands for, read back.
    fn read_back(text: &str, units: &[(&str, f64)]) -> f64 {
        let (number, unit) = text.split_once(' ').expect("number and unit");
        let factor = units
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, f)| *f)
            .expect("a known unit");
        number.replace(',', "").parse::<f64>().expect("a number") * factor
    }

    proptest! {
        #[test]
        fn grouping_is_the_strings_tab_function(n in any::<i64>()) {
            prop_assert_eq!(group_digits(&n.to_string()), format_number(n));
            prop_assert_eq!(grouped(n), format_number(n));
        }

        #[test]
        fn grouping_keeps_the_digits_in_groups_of_three(n in any::<u128>()) {
            let text = grouped(n);
            prop_assert_eq!(text.replace(',', ""), n.to_string());
            let groups: Vec<&str> = text.split(',').collect();
            prop_assert!((1..=3).contains(&groups[0].len()));
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
        }

        #[test]
        fn durations_read_back_within_rounding(ms in 0.0f64..1e7) {
            let text = duration_ms(ms);
            let units = [("ns", 1e-6), ("µs", 1e-3), ("ms", 1.0), ("s", 1e3)];
            let back = read_back(&text, &units);
            // Three significant digits: off by at most half a unit in the third digit.
            prop_assert!((back - ms).abs() <= ms * 0.005 + 1e-8, "{} -> {} -> {}", ms, text, back);
        }

        #[test]
        fn sizes_read_back_within_rounding(n in any::<u64>()) {
            let text = bytes(n);
            let units = [("B", 1.0), ("KiB", 1024.0), ("MiB", 1024f64.powi(2)), ("GiB", 1024f64.powi(3)),
                         ("TiB", 1024f64.powi(4)), ("PiB", 1024f64.powi(5)), ("EiB", 1024f64.powi(6))];
            let back = read_back(&text, &units);
            let n = n as f64;
            prop_assert!((back - n).abs() <= n * 0.005, "{} -> {} -> {}", n, text, back);
        }

        #[test]
        fn ratios_read_back_to_a_tenth(r in 0.001f64..1e12) {
            let text = ratio(r);
            let back: f64 = text.trim_end_matches('×').replace(',', "").parse().unwrap();
            prop_assert!((back - r).abs() <= 0.05 + r * 1e-12, "{} -> {}", r, text);
        }
    }
}
