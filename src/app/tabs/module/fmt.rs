//! Sizes, counts and durations for this tab.
// TODO(fmt): replace with lab::fmt (bytes, grouped, duration_ms) when it lands on main;
// these follow the same convention (binary units, en-US grouping, three significant
// digits) so that the swap changes no text.

/// `1,234,567`.
pub fn grouped(n: usize) -> String {
    crate::lab::text::format_number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `789 B`, `15.5 KiB`, `2.44 MiB`: binary units, whole multiples without decimals.
pub fn bytes(n: usize) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut unit = 0;
    let mut size = 1usize;
    while unit + 1 < UNITS.len() && n >= size * 1024 {
        unit += 1;
        size *= 1024;
    }
    if unit == 0 {
        return format!("{n} B");
    }
    if n.is_multiple_of(size) {
        return format!("{} {}", n / size, UNITS[unit]);
    }
    format!(
        "{} {}",
        three_significant(n as f64 / size as f64),
        UNITS[unit]
    )
}

/// A share of a whole: `61.2 %` (a no-break space: a narrow column never strands the `%`).
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".into();
    }
    let p = part as f64 * 100.0 / whole as f64;
    if part > 0 && p < 0.05 {
        // 274 B of 2.38 MiB is not "0.0 %".
        return "under\u{a0}0.1\u{a0}%".into();
    }
    format!("{p:.1}\u{a0}%")
}

/// `780 ns`, `45.6 µs`, `1.23 ms`, `2.10 s`.
pub fn duration_ms(ms: f64) -> String {
    if !ms.is_finite() || ms < 0.0 {
        "–".into()
    } else if ms >= 1000.0 {
        format!("{} s", three_significant(ms / 1000.0))
    } else if ms >= 1.0 {
        format!("{} ms", three_significant(ms))
    } else if ms >= 0.001 {
        format!("{} µs", three_significant(ms * 1000.0))
    } else {
        format!("{:.0} ns", ms * 1e6)
    }
}

fn three_significant(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2}")
    } else if v < 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

/// `0x01a0`: an offset in the file.
pub fn offset(o: usize) -> String {
    format!("0x{o:04x}")
}
