//! Number text: the Strings tab's `parse_integer` and `format_number_in`, the sheet's
//! `parse_number` and `format_number`, and the Compute tab's Fibonacci functions.
//!
//! Input: the number text, then (after a `0xFF` byte) a locale tag, an `n` for
//! Fibonacci and an edge length for `summarize_digits`.
//!
//! Laws:
//! - `parse_integer` agrees with an independent reading (ASCII whitespace around, one
//!   optional sign, ASCII digits, range checked in `i128`), error kind and position
//!   included;
//! - a parsed integer formats the same with `format_number` and `format_number_naive`,
//!   and in every supported locale its text is the digits with the locale's grouping
//!   (three, or two left of the last three in India; none below the minimum grouping
//!   digits), one separator throughout, a minus sign exactly when negative;
//! - `format_number_in` accepts a tag exactly when it names a supported locale (any
//!   case) or a language that formats like one, and then formats like that locale;
//! - a sheet number's display reads back (`parse_number`) to within its 15 significant
//!   digits, and displays the same again;
//! - Fibonacci: the u64 paths agree, the decimal digits agree with them and follow
//!   F(n) = F(n−1) + F(n−2), and `summarize_digits` is the text's length and ends.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::compute::{
    FIB_DECIMAL_MAX_N, fib_fast_doubling, fib_iterative, fibonacci, fibonacci_decimal,
    fibonacci_decimal_checked, summarize_digits,
};
use wasm_playground::lab::signals::sheet::{format_number as sheet_format, parse_number};
use wasm_playground::lab::text::{
    IntegerInputError, SUPPORTED_LOCALES, format_number, format_number_in, format_number_naive,
    parse_integer,
};
use wasm_playground_fuzz::{expand, split_extras};

/// Number fields hold a few characters; 16 KB of digits still shows a cost per digit.
const MAX_TEXT: usize = 16 * 1024;

/// Bare languages that `Intl` formats exactly like one supported region.
const LANGUAGE_ALIASES: &[(&str, &str)] = &[
    ("en", "en-US"),
    ("de", "de-DE"),
    ("fr", "fr-FR"),
    ("es", "es-ES"),
    ("pl", "pl-PL"),
    ("ja", "ja-JP"),
    ("it", "it-IT"),
    ("pt", "pt-BR"),
    ("ru", "ru-RU"),
    ("sv", "sv-SE"),
    ("nl", "nl-NL"),
    ("zh", "zh-CN"),
    ("ko", "ko-KR"),
    ("hi", "hi-IN"),
];

fuzz_target!(|data: &[u8]| {
    let (text, extras) = split_extras(data);
    let text = expand(text, MAX_TEXT);
    let mut u = Unstructured::new(extras);

    let parsed = parse_integer(&text);
    assert_eq!(
        parsed,
        parse_integer_reference(&text),
        "parse_integer({text:?})"
    );
    if let Ok(n) = parsed {
        check_formats(n);
        let tag = u.arbitrary::<&str>().unwrap_or("");
        check_tag(n, tag);
    }

    if let Some(x) = parse_number(&text) {
        check_sheet_number(x);
    }

    let n: u32 = u.arbitrary().unwrap_or(0);
    check_fibonacci(n);
    let edge = usize::from(u.arbitrary::<u8>().unwrap_or(0));
    let summary = summarize_digits(&text, edge);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(summary.digits, chars.len());
    assert_eq!(summary.first, chars.iter().take(edge).collect::<String>());
    let last_start = chars.len().saturating_sub(edge);
    assert_eq!(summary.last, chars[last_start..].iter().collect::<String>());
});

fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

fn parse_integer_reference(s: &str) -> Result<i64, IntegerInputError> {
    let chars: Vec<char> = s.chars().collect();
    let start = chars.iter().take_while(|&&c| is_space(c)).count();
    let end = chars.len()
        - chars[start..]
            .iter()
            .rev()
            .take_while(|&&c| is_space(c))
            .count();
    let body = &chars[start..end];
    if body.is_empty() {
        return Err(IntegerInputError::Empty);
    }
    let (negative, digits_at) = match body[0] {
        '-' => (true, 1),
        '+' => (false, 1),
        _ => (false, 0),
    };
    let digits = &body[digits_at..];
    if digits.is_empty() {
        return Err(IntegerInputError::SignOnly);
    }
    if let Some(i) = digits.iter().position(|c| !c.is_ascii_digit()) {
        return Err(IntegerInputError::NotADigit {
            found: digits[i],
            position: start + digits_at + i,
        });
    }
    let out_of_range = if negative {
        IntegerInputError::TooSmall
    } else {
        IntegerInputError::TooLarge
    };
    let significant: String = digits.iter().skip_while(|&&c| c == '0').collect();
    if significant.len() > 20 {
        return Err(out_of_range);
    }
    let magnitude: i128 = significant.parse().unwrap_or(0);
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value).map_err(|_| out_of_range)
}

/// (secondary group size, minimum grouping digits) of a supported locale.
fn grouping(locale: &str) -> (usize, usize) {
    let secondary = if matches!(locale, "en-IN" | "hi-IN") {
        2
    } else {
        3
    };
    let min_grouping = if matches!(locale, "es-ES" | "it-IT" | "pl-PL" | "pt-PT") {
        2
    } else {
        1
    };
    (secondary, min_grouping)
}

fn check_formats(n: i64) {
    let en = format_number(n);
    assert_eq!(en, format_number_naive(n), "en-US of {n}");
    assert_eq!(format_number_in(n, "en-US").as_ref(), Ok(&en));
    let digits = n.unsigned_abs().to_string();
    for &locale in SUPPORTED_LOCALES {
        let text = format_number_in(n, locale).unwrap_or_else(|e| panic!("{e}"));
        let body = match (
            n < 0,
            text.strip_prefix('-')
                .or_else(|| text.strip_prefix('\u{2212}')),
        ) {
            (true, Some(body)) => body,
            (false, None) => text.as_str(),
            _ => panic!("{locale}: sign of {n} written as {text:?}"),
        };
        // Split the body into digit groups and the separators between them.
        let mut groups: Vec<String> = vec![String::new()];
        let mut separators: Vec<String> = Vec::new();
        for c in body.chars() {
            if c.is_ascii_digit() {
                if separators.len() == groups.len() {
                    groups.push(String::new());
                }
                if let Some(group) = groups.last_mut() {
                    group.push(c);
                }
            } else {
                if separators.len() < groups.len() {
                    separators.push(String::new());
                }
                if let Some(separator) = separators.last_mut() {
                    separator.push(c);
                }
            }
        }
        assert_eq!(
            groups.concat(),
            digits,
            "{locale}: digits of {n} in {text:?}"
        );
        assert!(
            separators.windows(2).all(|w| w[0] == w[1]),
            "{locale}: {text:?}"
        );
        let (secondary, min_grouping) = grouping(locale);
        let expected_groups = if digits.len() < 3 + min_grouping {
            1
        } else {
            1 + (digits.len() - 3).div_ceil(secondary)
        };
        assert_eq!(
            groups.len(),
            expected_groups,
            "{locale}: groups of {text:?}"
        );
        if groups.len() > 1 {
            assert_eq!(groups[groups.len() - 1].len(), 3, "{locale}: {text:?}");
            for g in &groups[1..groups.len() - 1] {
                assert_eq!(g.len(), secondary, "{locale}: {text:?}");
            }
            assert!(
                (1..=secondary).contains(&groups[0].len()),
                "{locale}: {text:?}"
            );
        }
    }
}

fn check_tag(n: i64, tag: &str) {
    let target = SUPPORTED_LOCALES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(tag))
        .copied()
        .or_else(|| {
            LANGUAGE_ALIASES
                .iter()
                .find(|(language, _)| language.eq_ignore_ascii_case(tag))
                .map(|(_, locale)| *locale)
        });
    match (format_number_in(n, tag), target) {
        (Ok(text), Some(locale)) => assert_eq!(Ok(text), format_number_in(n, locale)),
        (Err(error), None) => {
            assert!(error.tag.chars().count() <= 41, "{error:?}");
            assert!(!error.to_string().is_empty());
        }
        (result, target) => {
            panic!("format_number_in({n}, {tag:?}) = {result:?}, expected like {target:?}")
        }
    }
}

fn check_sheet_number(x: f64) {
    let shown = sheet_format(x);
    if !x.is_finite() {
        assert_eq!(shown, "#NUM!");
        return;
    }
    let Some(back) = parse_number(&shown) else {
        panic!("the display {shown:?} of {x:e} does not read back");
    };
    assert!(
        back.is_finite(),
        "the display {shown:?} of {x:e} reads back as {back}"
    );
    // 15 significant digits: half a unit in the 15th digit (0.6 of one just below
    // f64::MAX, where the nearest 15 digits would overflow), at most 5e-15 of the number,
    // plus one step of the subnormal range where doubles are sparser than that.
    let tolerance = x.abs() * 5.000_000_1e-15 + 5e-324;
    assert!(
        (back - x).abs() <= tolerance,
        "{x:e} shows as {shown:?}, reads back {back:e}"
    );
    assert_eq!(sheet_format(back), shown, "display of {x:e} is not stable");
}

/// Decimal addition, the independent judge of big Fibonacci digits.
fn add_decimal(a: &str, b: &str) -> String {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut out = Vec::new();
    let mut carry = 0;
    for i in 0..a.len().max(b.len()) {
        let da = if i < a.len() {
            a[a.len() - 1 - i] - b'0'
        } else {
            0
        };
        let db = if i < b.len() {
            b[b.len() - 1 - i] - b'0'
        } else {
            0
        };
        let s = da + db + carry;
        out.push(b'0' + s % 10);
        carry = s / 10;
    }
    if carry > 0 {
        out.push(b'0' + carry);
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn check_fibonacci(n: u32) {
    let small = fibonacci(n);
    assert_eq!(small, fib_iterative(n), "F({n})");
    assert_eq!(small, fib_fast_doubling(n), "F({n})");
    assert_eq!(small.is_some(), n <= 93);
    if n > FIB_DECIMAL_MAX_N {
        assert!(fibonacci_decimal_checked(n).is_err());
        assert!(!fibonacci_decimal(n).bytes().all(|b| b.is_ascii_digit()));
        return;
    }
    // Big-integer paths on the cheap end only: the cost of F(1,000,000) is the
    // Compute tab's lesson, not a finding.
    let n = n % 3000;
    let digits = fibonacci_decimal(n);
    if let Some(value) = fibonacci(n) {
        assert_eq!(digits, value.to_string(), "F({n})");
    }
    if n >= 2 {
        let sum = add_decimal(&fibonacci_decimal(n - 1), &fibonacci_decimal(n - 2));
        assert_eq!(digits, sum, "F({n}) != F({}) + F({})", n - 1, n - 2);
    }
}
