use super::*;
use proptest::prelude::*;

mod fixture {
    include!("../../../tests/fixtures/intl_number_format.rs");
}
use fixture::INTL_NUMBER_FORMAT_CASES;

// ---------------------------------------------------------------------------------------
// validate_email
// ---------------------------------------------------------------------------------------

fn err(kind: EmailErrorKind, position: Option<usize>) -> Result<(), EmailError> {
    Err(EmailError { kind, position })
}

#[test]
fn valid_addresses() {
    let long_label = "x".repeat(63);
    let long_local = "a".repeat(10_000);
    let cases = [
        "a@b".to_string(),
        "simple@example.com".to_string(),
        "very.common@example.com".to_string(),
        "user+tag@sub.example.co.uk".to_string(),
        "x@x-y.z".to_string(),
        "x@a--b.c".to_string(),
        "A@B.C".to_string(),
        "a@1".to_string(),
        "a@123.456".to_string(),
        // Dots before '@' are free in HTML: leading, trailing, doubled.
        ".a@b".to_string(),
        "a.@b".to_string(),
        "a..b@c".to_string(),
        "...@b".to_string(),
        "!#$%&'*+/=?^_`{|}~-@a".to_string(),
        format!("a@{long_label}"),
        format!("a@{long_label}.{long_label}.{long_label}.{long_label}.{long_label}"),
        format!("{long_local}@example.com"),
        "a@xn--bcher-kva.de".to_string(),
    ];
    for case in &cases {
        assert_eq!(validate_email(case), Ok(()), "{case:?} should be valid");
    }
}

#[test]
fn invalid_addresses_say_what_and_where() {
    use EmailErrorKind::*;
    let long = "x".repeat(64);
    let cases: Vec<(String, Result<(), EmailError>, &str)> = vec![
        ("".into(), err(Empty, None), "the address is empty"),
        ("john smith".into(), err(MissingAt, None), "'@' is missing"),
        (
            "@b.c".into(),
            err(EmptyLocalPart, Some(0)),
            "there is nothing before '@'",
        ),
        (
            "john smith@x.com".into(),
            err(LocalPartChar(' '), Some(4)),
            "character ' ' (space) at position 4 is not allowed in the part before '@'",
        ),
        (
            "jöhn@x.com".into(),
            err(LocalPartChar('ö'), Some(1)),
            "character 'ö' at position 1 is not allowed in the part before '@'",
        ),
        (
            "\"a\"@b".into(),
            err(LocalPartChar('"'), Some(0)),
            "character '\"' at position 0 is not allowed in the part before '@'",
        ),
        (
            "a\0b@c".into(),
            err(LocalPartChar('\0'), Some(1)),
            "character U+0000 (NUL) at position 1 is not allowed in the part before '@'",
        ),
        (
            "a\u{200B}@c".into(),
            err(LocalPartChar('\u{200B}'), Some(1)),
            "character U+200B (zero-width space) at position 1 is not allowed in the part before '@'",
        ),
        (
            "a@".into(),
            err(EmptyDomain, Some(2)),
            "there is nothing after '@'",
        ),
        (
            "a@b@c".into(),
            err(ExtraAt, Some(3)),
            "a second '@' at position 3 is not allowed: an address has exactly one '@'",
        ),
        (
            "a@b_c.d".into(),
            err(DomainChar('_'), Some(3)),
            "character '_' at position 3 is not allowed in the domain (only letters, digits, '-' and '.')",
        ),
        (
            "a@bücher.de".into(),
            err(DomainChar('ü'), Some(3)),
            "character 'ü' at position 3 is not allowed in the domain (only letters, digits, '-' and '.')",
        ),
        (
            "a@b.c ".into(),
            err(DomainChar(' '), Some(5)),
            "character ' ' (space) at position 5 is not allowed in the domain (only letters, digits, '-' and '.')",
        ),
        (
            "a@.b".into(),
            err(DomainStartsWithDot, Some(2)),
            "the domain starts with '.' (position 2)",
        ),
        (
            "a@b.".into(),
            err(DomainEndsWithDot, Some(3)),
            "the domain ends with '.' (position 3)",
        ),
        (
            "a@b..c".into(),
            err(ConsecutiveDots, Some(4)),
            "two dots in a row in the domain at position 4",
        ),
        (
            "a@-b.c".into(),
            err(LabelStartsWithHyphen("-b".into()), Some(2)),
            "label '-b' in the domain starts with '-' (position 2)",
        ),
        (
            "a@x.-b".into(),
            err(LabelStartsWithHyphen("-b".into()), Some(4)),
            "label '-b' in the domain starts with '-' (position 4)",
        ),
        (
            "a@ab-.c".into(),
            err(LabelEndsWithHyphen("ab-".into()), Some(4)),
            "label 'ab-' in the domain ends with '-' (position 4)",
        ),
        (
            "a@c.ab-".into(),
            err(LabelEndsWithHyphen("ab-".into()), Some(6)),
            "label 'ab-' in the domain ends with '-' (position 6)",
        ),
        (
            format!("a@{long}.com"),
            err(LabelTooLong { length: 64 }, Some(2)),
            "the domain label starting at position 2 is longer than 63 characters (it has 64)",
        ),
        (
            format!("abcdef@x.{long}x"),
            err(LabelTooLong { length: 65 }, Some(9)),
            "the domain label starting at position 9 is longer than 63 characters (it has 65)",
        ),
        (
            "😀@x".into(),
            err(LocalPartChar('😀'), Some(0)),
            "character '😀' at position 0 is not allowed in the part before '@'",
        ),
    ];
    for (input, expected, message) in cases {
        let got = validate_email(&input);
        assert_eq!(got, expected, "verdict for {input:?}");
        let error = got.expect_err("invalid");
        assert_eq!(error.to_string(), message, "message for {input:?}");
    }
}

#[test]
fn hints_explain_the_rule() {
    let quoted = validate_email("\"a\"@b").expect_err("invalid");
    assert!(quoted.hint().is_some_and(|h| h.contains("RFC 5322")));
    let idn = validate_email("a@bücher.de").expect_err("invalid");
    assert!(idn.hint().is_some_and(|h| h.contains("xn--")));
    let missing = validate_email("ab").expect_err("invalid");
    assert_eq!(missing.hint(), None);
}

#[test]
fn long_labels_are_quoted_short() {
    let label = format!("{}-", "y".repeat(62));
    let error = validate_email(&format!("a@{label}.c")).expect_err("invalid");
    assert_eq!(
        error.to_string(),
        "label 'yyyyyyyyyyyy…yyyyyyyyyy-' in the domain ends with '-' (position 64)"
    );
    let label = format!("-{}", "y".repeat(5_000_000));
    let error = validate_email(&format!("a@{label}.c")).expect_err("invalid");
    let message = error.to_string();
    assert!(message.len() < 100, "message stays short: {message}");
    assert!(message.starts_with("label '-yyyyyyyyyyy…yyyyyyyyyyy' in the domain starts with '-'"));
}

#[test]
fn error_type_is_a_std_error() {
    let error: Box<dyn std::error::Error> = Box::new(validate_email("x").expect_err("no '@'"));
    assert_eq!(error.to_string(), "'@' is missing");
}

#[test]
fn utf16_positions() {
    assert_eq!(char_to_utf16_index("a😀b", 0), Some(0));
    assert_eq!(char_to_utf16_index("a😀b", 2), Some(3));
    assert_eq!(char_to_utf16_index("a😀b", 3), Some(4));
    assert_eq!(char_to_utf16_index("a😀b", 4), None);
    assert_eq!(char_to_utf16_index("", 0), Some(0));
    assert_eq!(char_to_utf16_index("", usize::MAX), None);
}

/// An independent statement of the WHATWG rule, written differently from the scanner:
/// split into pieces and check each piece (it gives no positions, only the verdict).
fn reference_is_valid(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c);
    !local.is_empty()
        && local.chars().all(atext)
        && domain.split('.').all(|label| {
            (1..=63).contains(&label.chars().count())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// Strings over an alphabet rich in the characters the rule cares about.
fn tricky_string() -> impl Strategy<Value = String> {
    let alphabet = prop::sample::select(vec![
        "a", "Z", "0", "9", ".", "-", "@", "_", "+", "!", "~", " ", "\t", "\n", "\"", "é", "😀",
        "\u{A0}", "\0", "xn--", "。",
    ]);
    prop::collection::vec(alphabet, 0..40).prop_map(|parts| parts.concat())
}

fn tricky_ascii_string() -> impl Strategy<Value = String> {
    let alphabet = prop::sample::select(vec![
        "a", "Z", "0", ".", "-", "@", "_", "+", " ", "\t", "\n", "\r", "\x0C", "\"", "\0", "b.c",
    ]);
    prop::collection::vec(alphabet, 0..30).prop_map(|parts| parts.concat())
}

/// Addresses built from the grammar, so they are valid by construction.
fn grammar_address() -> impl Strategy<Value = String> {
    let local = "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,20}";
    let label = "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
    (local, prop::collection::vec(label, 1..5))
        .prop_map(|(local, labels)| format!("{local}@{}", labels.join(".")))
}

proptest! {
    #[test]
    fn scanner_agrees_with_reference(s in tricky_string()) {
        prop_assert_eq!(validate_email(&s).is_ok(), reference_is_valid(&s), "{:?}", s);
    }

    #[test]
    fn grammar_addresses_are_valid(s in grammar_address()) {
        prop_assert_eq!(validate_email(&s), Ok(()));
    }

    #[test]
    fn one_mutation_is_judged_like_the_reference(
        s in grammar_address(),
        index in any::<prop::sample::Index>(),
        c in prop::sample::select(vec!['@', '.', '-', ' ', '_', 'é', '"', 'a']),
    ) {
        let mut chars: Vec<char> = s.chars().collect();
        let i = index.index(chars.len());
        chars[i] = c;
        let mutated: String = chars.into_iter().collect();
        prop_assert_eq!(validate_email(&mutated).is_ok(), reference_is_valid(&mutated));
    }

    /// The position always points at the character the message is about.
    #[test]
    fn positions_point_at_the_culprit(s in tricky_string()) {
        if let Err(error) = validate_email(&s) {
            let at = |p: Option<usize>| p.and_then(|p| s.chars().nth(p));
            match &error.kind {
                EmailErrorKind::LocalPartChar(c) | EmailErrorKind::DomainChar(c) => {
                    prop_assert_eq!(at(error.position), Some(*c));
                }
                EmailErrorKind::ExtraAt => prop_assert_eq!(at(error.position), Some('@')),
                EmailErrorKind::DomainStartsWithDot
                | EmailErrorKind::DomainEndsWithDot
                | EmailErrorKind::ConsecutiveDots => prop_assert_eq!(at(error.position), Some('.')),
                EmailErrorKind::LabelStartsWithHyphen(_) | EmailErrorKind::LabelEndsWithHyphen(_) => {
                    prop_assert_eq!(at(error.position), Some('-'));
                }
                EmailErrorKind::EmptyLocalPart => prop_assert_eq!(at(error.position), Some('@')),
                EmailErrorKind::EmptyDomain => {
                    prop_assert_eq!(error.position, Some(s.chars().count()));
                }
                EmailErrorKind::LabelTooLong { length } => prop_assert!(*length > 63),
                EmailErrorKind::Empty | EmailErrorKind::MissingAt => {
                    prop_assert_eq!(error.position, None);
                }
            }
            // Everything before an error is ASCII, so the position is also the byte
            // index and the UTF-16 index: the tab can use it directly in JavaScript.
            if let Some(p) = error.position {
                prop_assert_eq!(char_to_utf16_index(&s, p), Some(p));
            }
        }
    }

    #[test]
    fn sanitize_is_idempotent_and_clean(s in tricky_string()) {
        let once = sanitize_email_value(&s);
        prop_assert_eq!(sanitize_email_value(&once), once.clone());
        prop_assert!(!once.contains('\n') && !once.contains('\r'));
        prop_assert!(!once.starts_with([' ', '\t', '\x0C']) && !once.ends_with([' ', '\t', '\x0C']));
    }

    /// For ASCII input without Punycode labels, Firefox's way of checking (sanitize,
    /// convert, then its loop) equals the spec rule on the sanitized value.
    #[test]
    fn browser_equals_rule_on_plain_ascii(s in tricky_ascii_string()) {
        prop_assume!(!s.to_ascii_lowercase().contains("xn--"));
        let expected = validate_email(&sanitize_email_value(&s)).is_ok();
        prop_assert_eq!(browser_accepts_email(&s), expected, "{:?}", s);
    }

    #[test]
    fn lines_equal_one_by_one(lines in prop::collection::vec(tricky_string(), 0..12)) {
        let text = lines.join("\n");
        let expected: Vec<_> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim_matches(|c: char| c.is_ascii_whitespace()).is_empty())
            .map(|(i, l)| (i + 1, validate_email(l)))
            .collect();
        prop_assert_eq!(validate_email_lines(&text), expected);
    }
}

// ---------------------------------------------------------------------------------------
// The browser's view
// ---------------------------------------------------------------------------------------

#[test]
fn sanitization_as_html_specifies() {
    assert_eq!(sanitize_email_value("  a@b.c \t"), "a@b.c");
    assert_eq!(sanitize_email_value("a@\r\nb.c"), "a@b.c");
    assert_eq!(sanitize_email_value("\x0C a @b"), "a @b");
    // Only ASCII whitespace is stripped: a no-break space stays and makes it invalid.
    assert_eq!(sanitize_email_value("\u{A0}a@b"), "\u{A0}a@b");
    assert_eq!(sanitize_email_value(" \n "), "");
}

#[test]
fn browser_verdicts() {
    let accepted = [
        "a@b.c",
        "  a@b.c \n",
        "a@b\r\n.c",
        "a@bücher.de",
        "Jo@Bücher.de",
        "a@ＥＸＡＭＰＬＥ.com", // fullwidth letters map to ASCII
        "a@b。c",               // ideographic full stop maps to '.'
        "a@b\u{AD}c.d",         // soft hyphen maps to nothing
        "a@xn--bcher-kva.de",
        "a@😀.com", // UTS #46 lets emoji through: xn--e28h.com
    ];
    for s in accepted {
        assert!(browser_accepts_email(s), "browser accepts {s:?}");
    }
    let rejected = [
        "",
        "   ",
        "\n",
        "a",
        "a@",
        "@b",
        "a@b.",
        "a@b-",
        "ü@b.c",
        "a@b\u{0}",
        "a @b.c",
        "a@\u{A0}b.c",
        "a@b..c",
        "a@-b.c",
        "a@b-.c",
        "a@\u{AD}", // the domain maps to nothing
    ];
    for s in rejected {
        assert!(!browser_accepts_email(s), "browser rejects {s:?}");
    }
    let long = format!("a@{}.com", "x".repeat(64));
    assert!(!browser_accepts_email(&long));
    // A label that becomes longer than 63 only after conversion is refused too.
    let idn_long = format!("a@{}.com", "ü".repeat(60));
    assert!(!browser_accepts_email(&idn_long));
}

/// Where Firefox's implementation and the letter of the rule part ways, or where the
/// conversion decides; each confirmed in Firefox 153.
#[test]
fn firefox_corners() {
    // The "ends with '.'" check runs on the value before conversion.
    assert!(validate_email("a@b.c.").is_err());
    assert!(browser_accepts_email("a@b.c。"));
    // Every domain is converted, so xn-- labels must be valid Punycode...
    assert!(browser_accepts_email("a@xn--bcher-kva.de"));
    assert!(validate_email("a@xn--zz").is_ok());
    assert!(!browser_accepts_email("a@xn--zz"));
    assert!(!browser_accepts_email("a@XN--ZZ"));
    // ...and within 63 characters.
    assert!(!browser_accepts_email(&format!("a@xn--{}", "a".repeat(70))));
}

#[test]
fn ascii_form_shows_the_conversion() {
    assert_eq!(
        browser_email_ascii_form("  Jo@Bücher.de ").as_deref(),
        Some("Jo@xn--bcher-kva.de")
    );
    assert_eq!(browser_email_ascii_form("a@b.c").as_deref(), Some("a@b.c"));
    assert_eq!(
        browser_email_ascii_form("no at sign").as_deref(),
        Some("no at sign")
    );
    assert_eq!(
        browser_email_ascii_form("a@😀.com").as_deref(),
        Some("a@xn--e28h.com")
    );
    // Disallowed code points make the conversion fail (the browser's "bad input").
    assert_eq!(browser_email_ascii_form("a@b\u{FFFF}.c"), None);
    assert!(!browser_accepts_email("a@b\u{FFFF}.c"));
}

#[test]
fn batch_lines() {
    let text = "a@b\r\n\n  \nbad\nx@y\n";
    let got = validate_email_lines(text);
    assert_eq!(
        got,
        vec![
            (1, Ok(())),
            (4, err(EmailErrorKind::MissingAt, None)),
            (5, Ok(()))
        ]
    );
    assert!(validate_email_lines("").is_empty());
}

#[test]
fn ten_megabyte_paste() {
    // 10 MB of lines: one pass, one result per line.
    let line = "someone.with.a.long.name+tag@mail.example.com\n";
    let count = 10_000_000 / line.len();
    let text = line.repeat(count);
    let results = validate_email_lines(&text);
    assert_eq!(results.len(), count);
    assert!(results.iter().all(|(_, r)| r.is_ok()));
    // One 10 MB line: still linear, and the message stays small.
    let huge = format!("a@{}", "b".repeat(10_000_000));
    let results = validate_email_lines(&huge);
    assert_eq!(results.len(), 1);
    let message = results[0]
        .1
        .clone()
        .expect_err("label too long")
        .to_string();
    assert!(message.contains("it has 10000000"), "{message}");
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

#[test]
fn format_number_examples() {
    assert_eq!(format_number(0), "0");
    assert_eq!(format_number(999), "999");
    assert_eq!(format_number(-999), "-999");
    assert_eq!(format_number(1_000), "1,000");
    assert_eq!(format_number(-1_000), "-1,000");
    assert_eq!(format_number(1_234_567), "1,234,567");
    assert_eq!(format_number(i64::MAX), "9,223,372,036,854,775,807");
    assert_eq!(format_number(i64::MIN), "-9,223,372,036,854,775,808");
}

#[test]
fn matches_intl_number_format_fixture() {
    let mut failures = Vec::new();
    for &(locale, n, expected) in INTL_NUMBER_FORMAT_CASES {
        let got = format_number_in(n, locale);
        if got.as_deref() != Ok(expected) {
            failures.push(format!("{locale} {n}: got {got:?}, Intl says {expected:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixture_covers_every_locale_with_edges() {
    for locale in SUPPORTED_LOCALES {
        let values: Vec<i64> = INTL_NUMBER_FORMAT_CASES
            .iter()
            .filter(|(l, _, _)| l == locale)
            .map(|&(_, n, _)| n)
            .collect();
        assert!(values.len() >= 300, "{locale} has {} cases", values.len());
        for edge in [
            0,
            999,
            -999,
            1_000,
            -1_000,
            9_999,
            -9_999,
            10_000,
            -10_000,
            i64::MIN,
            i64::MAX,
        ] {
            assert!(values.contains(&edge), "{locale} lacks {edge}");
        }
    }
    let tags: Vec<&str> = RULES.iter().map(|r| r.tag).collect();
    assert_eq!(tags, SUPPORTED_LOCALES);
}

#[test]
fn required_locales_edges_spelled_out() {
    let cases: &[(&str, i64, &str)] = &[
        ("de-DE", -1_234_567, "-1.234.567"),
        ("fr-FR", 1_234, "1\u{202F}234"),
        ("de-CH", 1_234_567, "1'234'567"),
        ("en-IN", 123_456_789, "12,34,56,789"),
        ("en-IN", i64::MIN, "-92,23,37,20,36,85,47,75,808"),
        ("es-ES", 1_234, "1234"),
        ("es-ES", 12_345, "12.345"),
        ("pl-PL", -9_999, "-9999"),
        ("pl-PL", 10_000, "10\u{A0}000"),
        ("ja-JP", 1_000, "1,000"),
        ("sv-SE", -1_000, "\u{2212}1\u{A0}000"),
    ];
    for &(locale, n, expected) in cases {
        assert_eq!(
            format_number_in(n, locale).as_deref(),
            Ok(expected),
            "{locale} {n}"
        );
    }
}

#[test]
fn locale_matching() {
    assert_eq!(format_number_in(1_000, "EN-us").as_deref(), Ok("1,000"));
    assert_eq!(format_number_in(1_000, "de-de").as_deref(), Ok("1.000"));
    // Bare languages that Intl formats exactly like the listed region.
    for &(language, region) in &[
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
    ] {
        for &(_, n, _) in INTL_NUMBER_FORMAT_CASES
            .iter()
            .filter(|(l, _, _)| *l == region)
        {
            assert_eq!(format_number_in(n, language), format_number_in(n, region));
        }
    }
    for tag in [
        "xx-YY",
        "en_US",
        "",
        "de-DE-u-nu-arab",
        "de-CH ",
        "und",
        "de-DE-x-foo",
    ] {
        assert_eq!(
            format_number_in(1, tag),
            Err(UnknownLocale {
                tag: tag.to_string()
            }),
            "{tag:?}"
        );
    }
    let error = format_number_in(1, &"q".repeat(1_000)).expect_err("unknown");
    assert_eq!(error.tag.chars().count(), 41);
    assert!(error.to_string().starts_with("unknown locale 'qqq"));
    assert!(error.to_string().ends_with("ko-KR, hi-IN"));
}

proptest! {
    #[test]
    fn en_us_three_ways_agree(n in any::<i64>()) {
        let fast = format_number(n);
        prop_assert_eq!(&fast, &format_number_naive(n));
        prop_assert_eq!(Ok(fast), format_number_in(n, "en-US"));
    }

    /// Whatever the locale, dropping the separators and the minus sign gives the digits.
    #[test]
    fn grouping_keeps_the_digits(n in any::<i64>(), index in any::<prop::sample::Index>()) {
        let locale = SUPPORTED_LOCALES[index.index(SUPPORTED_LOCALES.len())];
        let text = format_number_in(n, locale).unwrap_or_default();
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        prop_assert_eq!(digits, n.unsigned_abs().to_string());
        prop_assert_eq!(n < 0, text.starts_with('-') || text.starts_with('\u{2212}'));
    }
}

// ---------------------------------------------------------------------------------------
// text_stats
// ---------------------------------------------------------------------------------------

#[test]
fn stats_for_lesson_examples() {
    let empty = text_stats("");
    assert_eq!(empty, TextStats::default());
    assert_eq!(empty.describe(), vec!["The text is empty.".to_string()]);

    let ascii = text_stats("abc");
    assert_eq!(
        (
            ascii.chars,
            ascii.utf8_bytes,
            ascii.utf16_units,
            ascii.lines
        ),
        (3, 3, 3, 1)
    );
    assert!(ascii.describe().is_empty());

    let e_acute = text_stats("é");
    assert_eq!(
        (e_acute.chars, e_acute.utf8_bytes, e_acute.utf16_units),
        (1, 2, 1)
    );

    let grin = text_stats("😀");
    assert_eq!((grin.chars, grin.utf8_bytes, grin.utf16_units), (1, 4, 2));
    assert_eq!((grin.astral, grin.pictographs), (1, 1));

    let thumbs = text_stats("👍🏽");
    assert_eq!(
        (thumbs.chars, thumbs.utf8_bytes, thumbs.utf16_units),
        (2, 8, 4)
    );
    assert_eq!(thumbs.pictographs, 2);

    let decomposed = text_stats("e\u{301}");
    assert_eq!((decomposed.chars, decomposed.combining), (2, 1));

    let nul = text_stats("a\0b");
    assert_eq!(nul.nul, 1);
    assert!(nul.describe().iter().any(|n| n.contains("NUL")));

    let hebrew = text_stats("שלום");
    assert_eq!(
        (hebrew.rtl, hebrew.utf8_bytes, hebrew.utf16_units),
        (4, 8, 4)
    );

    let trojan = text_stats("a\u{202E}cba\u{202C}");
    assert_eq!(trojan.bidi_controls, 2);
    assert!(
        trojan
            .describe()
            .iter()
            .any(|n| n.contains("bidirectional"))
    );

    let spaces = text_stats("a\u{A0}b\u{202F}c\u{3000}");
    assert_eq!(spaces.non_ascii_spaces, 3);

    let invisible = text_stats("a\u{200B}b\u{FEFF}\u{AD}");
    assert_eq!(invisible.invisible, 3);

    let controls = text_stats("\u{7}\u{1B}\t\n\r\u{85}");
    // U+0085 (next line) is a control character, but not a line end for `str::lines`.
    assert_eq!((controls.controls, controls.lines), (3, 2));
}

#[test]
fn describe_reads_well() {
    let notes = text_stats("hi 😀").describe();
    assert_eq!(
        notes[0],
        "4 characters take 7 UTF-8 bytes in Rust and 5 UTF-16 code units in JavaScript."
    );
    assert!(notes[1].starts_with("1 character is outside the Basic Multilingual Plane"));
}

#[test]
fn describe_agrees_in_number_and_groups_digits() {
    assert_eq!(
        text_stats("é").describe()[0],
        "1 character takes 2 UTF-8 bytes in Rust and 1 UTF-16 code unit in JavaScript."
    );
    let many = "é".repeat(1_500);
    assert_eq!(
        text_stats(&many).describe()[0],
        "1,500 characters take 3,000 UTF-8 bytes in Rust and 1,500 UTF-16 code units in JavaScript."
    );
    let one_emoji = text_stats("😀").describe();
    assert!(
        one_emoji[1].starts_with("1 character is outside"),
        "{one_emoji:?}"
    );
    assert!(
        one_emoji[2].starts_with("1 emoji or pictograph character;"),
        "{one_emoji:?}"
    );
}

#[test]
fn code_in_notes_is_marked_and_cut_out() {
    let astral = text_stats("😀").describe();
    let spans = code_spans(&astral[1]);
    assert!(spans.contains(&(true, "length")), "{spans:?}");
    assert!(
        spans
            .iter()
            .all(|(code, text)| *code || !text.contains('`'))
    );
    assert_eq!(code_spans("plain"), vec![(false, "plain")]);
    assert_eq!(code_spans("`a` b"), vec![(true, "a"), (false, " b")]);
    assert_eq!(code_spans("x `open"), vec![(false, "x "), (true, "open")]);
    assert_eq!(code_spans(""), vec![]);
}

#[test]
fn stats_count_the_characters_the_page_boxes() {
    let stats = text_stats("a\u{2800}b\u{3164}\u{E0041}\u{180E}\u{2069}");
    assert_eq!((stats.invisible, stats.bidi_controls), (4, 1));
}

proptest! {
    #[test]
    fn stats_counts_are_exact(s in any::<String>()) {
        let stats = text_stats(&s);
        prop_assert_eq!(stats.chars, s.chars().count());
        prop_assert_eq!(stats.utf8_bytes, s.len());
        prop_assert_eq!(stats.utf16_units, s.encode_utf16().count());
        prop_assert_eq!(stats.non_ascii, s.chars().filter(|c| !c.is_ascii()).count());
        prop_assert_eq!(stats.astral, stats.utf16_units - stats.chars);
    }

    #[test]
    fn every_boxed_character_is_counted_once(s in any::<String>()) {
        let stats = text_stats(&s);
        // Tab and line ends are hidden on the page but counted as lines, not controls.
        let line_chars = s.chars().filter(|c| matches!(c, '\t' | '\n' | '\r')).count();
        let hidden = s.chars().filter(|&c| is_hidden_char(c)).count();
        prop_assert_eq!(
            hidden,
            stats.nul + stats.controls + stats.non_ascii_spaces + stats.bidi_controls
                + stats.invisible + line_chars
        );
    }
}

#[test]
fn parse_integer_accepts_exactly_the_i64_range() {
    assert_eq!(parse_integer("0"), Ok(0));
    assert_eq!(parse_integer("-0"), Ok(0));
    assert_eq!(parse_integer("+42"), Ok(42));
    assert_eq!(parse_integer("  1234567 "), Ok(1_234_567));
    assert_eq!(parse_integer("0009"), Ok(9));
    assert_eq!(parse_integer("9223372036854775807"), Ok(i64::MAX));
    assert_eq!(parse_integer("-9223372036854775808"), Ok(i64::MIN));
    assert_eq!(
        parse_integer("9223372036854775808"),
        Err(IntegerInputError::TooLarge)
    );
    assert_eq!(
        parse_integer("-9223372036854775809"),
        Err(IntegerInputError::TooSmall)
    );
    assert_eq!(
        parse_integer("99999999999999999999999"),
        Err(IntegerInputError::TooLarge)
    );
    let huge = format!("{}1", "0".repeat(1_000_000));
    assert_eq!(parse_integer(&huge), Ok(1));
    let huge = "9".repeat(1_000_000);
    assert_eq!(parse_integer(&huge), Err(IntegerInputError::TooLarge));
}

#[test]
fn parse_integer_says_why_not() {
    assert_eq!(parse_integer(""), Err(IntegerInputError::Empty));
    assert_eq!(parse_integer(" \t\n"), Err(IntegerInputError::Empty));
    assert_eq!(parse_integer("-"), Err(IntegerInputError::SignOnly));
    assert_eq!(
        parse_integer(" 1.5"),
        Err(IntegerInputError::NotADigit {
            found: '.',
            position: 2
        })
    );
    assert_eq!(
        parse_integer("1,000").unwrap_err().to_string(),
        "character ',' at position 1 is not a digit (type the digits without grouping separators)"
    );
    assert_eq!(
        parse_integer("1e3").unwrap_err().to_string(),
        "character 'e' at position 1 is not a digit (no exponent: write the number out)"
    );
    assert!(matches!(
        parse_integer("--1"),
        Err(IntegerInputError::NotADigit {
            found: '-',
            position: 1
        })
    ));
    // Arabic-Indic three, emoji, NUL: not ASCII digits.
    assert!(parse_integer("\u{663}").is_err());
    assert!(parse_integer("1😀").is_err());
    assert_eq!(
        parse_integer("1\0").unwrap_err().to_string(),
        "character U+0000 (NUL) at position 1 is not a digit"
    );
    assert!(
        IntegerInputError::TooLarge
            .to_string()
            .contains("9223372036854775807")
    );
}

proptest! {
    #[test]
    fn parse_integer_round_trips_every_i64(n in any::<i64>()) {
        prop_assert_eq!(parse_integer(&n.to_string()), Ok(n));
    }

    #[test]
    fn parse_integer_agrees_with_std_on_digit_strings(s in "[+-]?[0-9]{0,25}") {
        prop_assert_eq!(parse_integer(&s).ok(), s.parse::<i64>().ok());
    }
}
