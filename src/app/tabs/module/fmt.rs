//! Sizes, counts and durations for this tab: `lab::fmt`'s conventions (binary units,
//! en-US grouping, three significant digits), plus the tab's own shares and offsets.

/// `789 B`, `15.5 KiB`, `2.44 MiB`: binary units, whole multiples without decimals.
pub fn bytes(n: usize) -> String {
    crate::lab::fmt::bytes(n as u64)
}

pub use crate::lab::fmt::{duration_ms, grouped};

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

/// `0x01a0`: an offset in the file.
pub fn offset(o: usize) -> String {
    format!("0x{o:04x}")
}
