//! The Strings tab's e-mail and text lessons on any text: `validate_email`,
//! `validate_email_lines`, `sanitize_email_value`, `browser_accepts_email`,
//! `char_to_utf16_index` and `text_stats`.
//!
//! Laws:
//! - `validate_email` accepts exactly what the WHATWG rule accepts (checked against an
//!   independent, regex-shaped reading of it), and an error's position is inside the
//!   text (or at its end) with only ASCII before it, so it is also a byte and UTF-16 index;
//! - for ASCII text without an `xn--` label, the browser model equals the rule on the
//!   sanitized value (what its documentation promises); sanitizing is idempotent;
//! - the batch checker reports every non-blank line with its number and the verdict of
//!   `validate_email` on that line;
//! - `text_stats` counts chars, UTF-8 bytes, UTF-16 units and lines as the standard
//!   library does, and its categories never count more characters than there are.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::text::{
    browser_accepts_email, browser_email_ascii_form, char_to_utf16_index, sanitize_email_value,
    text_stats, validate_email, validate_email_lines,
};
use wasm_playground_fuzz::{expand, split_extras};

/// A pasted list of addresses can be megabytes; every line goes through the same code,
/// so 16 KB shows any cost that grows faster than the text, at a few milliseconds a run.
const MAX_TEXT: usize = 16 * 1024;

fuzz_target!(|data: &[u8]| {
    let (text, _) = split_extras(data);
    let text = expand(text, MAX_TEXT);

    let verdict = validate_email(&text);
    assert_eq!(
        verdict.is_ok(),
        whatwg_reference(&text),
        "validate_email({text:?}) = {verdict:?}"
    );
    if let Err(error) = &verdict {
        assert!(!error.to_string().is_empty());
        if let Some(position) = error.position {
            assert!(
                position <= text.chars().count(),
                "{error:?} is past the end"
            );
            // Everything before the reported character passed the rule, so it is ASCII and
            // the position is also the byte and UTF-16 index (the documented promise).
            assert_eq!(
                char_to_utf16_index(&text, position),
                Some(position),
                "{error:?}"
            );
            assert!(
                text.get(..position).is_some_and(|p| p.is_ascii()),
                "{error:?}"
            );
        }
        let _ = error.hint();
    }
    assert_eq!(
        char_to_utf16_index(&text, text.chars().count()),
        Some(text.encode_utf16().count())
    );

    let sanitized = sanitize_email_value(&text);
    assert_eq!(
        sanitize_email_value(&sanitized),
        sanitized,
        "sanitizing twice differs"
    );
    let accepted = browser_accepts_email(&text);
    if text.is_ascii() && !text.to_ascii_lowercase().contains("xn--") {
        assert_eq!(
            accepted,
            validate_email(&sanitized).is_ok(),
            "browser model and rule disagree on {text:?}"
        );
    }
    let _ = browser_email_ascii_form(&text);

    let lines = validate_email_lines(&text);
    let expected: Vec<(usize, bool)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_matches(['\t', '\n', '\x0c', '\r', ' ']).is_empty())
        .map(|(i, l)| (i + 1, validate_email(l).is_ok()))
        .collect();
    let got: Vec<(usize, bool)> = lines.iter().map(|(n, v)| (*n, v.is_ok())).collect();
    assert_eq!(got, expected);

    let stats = text_stats(&text);
    assert_eq!(stats.chars, text.chars().count());
    assert_eq!(stats.utf8_bytes, text.len());
    assert_eq!(stats.utf16_units, text.encode_utf16().count());
    assert_eq!(stats.lines, text.lines().count());
    assert_eq!(
        stats.non_ascii,
        text.chars().filter(|c| !c.is_ascii()).count()
    );
    assert_eq!(
        stats.astral,
        text.chars().filter(|c| c.len_utf16() == 2).count()
    );
    assert_eq!(stats.nul, text.matches('\0').count());
    let categorised = stats.nul
        + stats.controls
        + stats.non_ascii_spaces
        + stats.invisible
        + stats.rtl
        + stats.bidi_controls
        + stats.combining
        + stats.pictographs;
    assert!(categorised <= stats.chars, "{stats:?}");
    let _ = stats.describe();
});

/// The HTML standard's rule, read as its regular expression reads:
/// `^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@label(\.label)*$` with
/// `label = [a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`.
fn whatwg_reference(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c);
    let label_ok = |label: &str| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 63
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes[0] != b'-'
            && bytes[bytes.len() - 1] != b'-'
    };
    !local.is_empty() && local.chars().all(atext) && domain.split('.').all(label_ok)
}
