//! The Strings tab and its glue in Firefox: the Rust model of `<input type=email>`
//! against the real element on a generated corpus, `format_number_in` against
//! `Intl.NumberFormat` for every supported locale, and the tab driven like a person.

use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::rng::SplitMix64 as Rng;
use wasm_playground::lab::text::{self, SUPPORTED_LOCALES};
use wasm_playground::web::bench::Side;
use wasm_playground::web::strings as glue;

use crate::support::*;

const LOCAL_PIECES: &[&str] = &[
    "a", "Z", "0", "9", "john", "x.y", ".", "..", "!", "#", "$", "%", "&", "'", "*", "+", "/", "=",
    "?", "^", "_", "`", "{", "|", "}", "~", "-", " ", "\"", "(", ")", ",", ":", ";", "<", ">", "[",
    "\\", "]", "ü", "é", "😀", "\u{0}", "\t", "\u{A0}", "\u{202E}", "ש",
];

const DOMAIN_PIECES: &[&str] = &[
    "a",
    "b",
    "example",
    "com",
    "x1",
    "9",
    "-",
    "--",
    ".",
    "..",
    "xn--bcher-kva",
    "xn--",
    "xn--zz",
    "bücher",
    "BÜCHER",
    "ß",
    "日本",
    "😀",
    "\u{3002}",
    "\u{FF0E}",
    "_",
    " ",
    "@",
    "ﬁ",
    "\u{200B}",
    "\u{AD}",
    "İ",
    "ש",
    "\u{0}",
    "%",
    "a-b",
    "-a",
    "a-",
];

fn long_label(rng: &mut Rng) -> String {
    let len = [1, 62, 63, 64, 65][rng.index(5)];
    let mut s = "a".repeat(len);
    if rng.index(3) == 0 {
        s.replace_range(0..1, "ü");
    }
    s
}

/// One string from a mix of shapes: mostly address-like with tricky pieces, some
/// whitespace and line breaks around, some pure noise.
fn tricky_address(rng: &mut Rng) -> String {
    let mut s = String::new();
    match rng.index(10) {
        0 => {
            // Noise over every piece.
            for _ in 0..rng.index(8) {
                let pieces = if rng.index(2) == 0 {
                    LOCAL_PIECES
                } else {
                    DOMAIN_PIECES
                };
                s.push_str(rng.pick(pieces).unwrap());
            }
            return s;
        }
        1 => s.push_str(rng.pick(&[" ", "\t", "\n", "\r\n", "\u{C}", "  "]).unwrap()),
        _ => {}
    }
    for _ in 0..1 + rng.index(3) {
        if rng.index(3) == 0 {
            s.push_str(rng.pick(LOCAL_PIECES).unwrap());
        } else {
            s.push_str(
                rng.pick(&["a", "john", "x.y", "a+b", "Z9", "o'neil"])
                    .unwrap(),
            );
        }
    }
    s.push('@');
    let labels = 1 + rng.index(3);
    for i in 0..labels {
        if i > 0 {
            s.push_str(if rng.index(12) == 0 {
                rng.pick(&["\u{3002}", "..", "-."]).unwrap()
            } else {
                "."
            });
        }
        match rng.index(6) {
            0 => s.push_str(&long_label(rng)),
            1 | 2 => s.push_str(rng.pick(DOMAIN_PIECES).unwrap()),
            _ => s.push_str(
                rng.pick(&[
                    "example",
                    "com",
                    "b",
                    "mail",
                    "bücher",
                    "de",
                    "xn--bcher-kva",
                ])
                .unwrap(),
            ),
        }
    }
    match rng.index(12) {
        0 => s.push_str(
            rng.pick(&[" ", "\n", "\r", "\t", ".", "-", "\u{3002}"])
                .unwrap(),
        ),
        1 => {
            let mut middle = s.len() / 2;
            while !s.is_char_boundary(middle) {
                middle -= 1;
            }
            let piece = rng.pick(&["\r\n", "\n", " "]).unwrap();
            s.insert_str(middle, piece);
        }
        _ => {}
    }
    s
}

#[wasm_bindgen_test]
fn rust_email_verdict_equals_input_type_email_on_generated_corpus() {
    let mut rng = Rng::new(0x5EED_E4A1_1234_5678);
    let mut corpus: Vec<String> = (0..2_500).map(|_| tricky_address(&mut rng)).collect();
    // Hand-picked corners on top of the generated ones.
    for s in [
        "",
        " ",
        "a@b",
        "a@b.c",
        " a@b.c ",
        "a@b.c.",
        "a@b-.c",
        "a@-b.c",
        "a@b..c",
        ".a@b.c",
        "a.@b.c",
        "a@@b.c",
        "a@b@c",
        "jo@bücher.de",
        "a@😀.com",
        "😀@a.com",
        "a@b.c\u{3002}",
        "a\r\n@b.c",
        "a@xn--bcher-kva.de",
        "a@xn--zz.de",
        "\"a\"@b.c",
        "a b@c.d",
        "a\u{0}@b.c",
    ] {
        corpus.push(s.to_string());
    }
    let mut accepted = 0;
    let mut disagreements = Vec::new();
    for s in &corpus {
        let model = text::browser_accepts_email(s);
        let browser = glue::browser_email_valid(s).expect("a DOM to ask");
        accepted += usize::from(browser);
        if model != browser {
            disagreements.push(format!("{s:?}: rust {model}, browser {browser}"));
        }
    }
    assert!(corpus.len() >= 2_000);
    // The corpus must exercise both answers, or agreeing would prove little.
    assert!(
        accepted >= corpus.len() / 10 && accepted <= corpus.len() * 9 / 10,
        "accepted {accepted} of {}",
        corpus.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements of {}:\n{}",
        disagreements.len(),
        corpus.len(),
        disagreements.join("\n")
    );
}

fn interesting_i64s(rng: &mut Rng) -> Vec<i64> {
    let mut values = vec![i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1, 0, 1, -1];
    let mut p: i64 = 1;
    for _ in 0..19 {
        values.extend([p, -p, p - 1, -(p - 1), p + 1]);
        p = p.saturating_mul(10);
    }
    while values.len() < 520 {
        // Random magnitudes: uniform over the digit count, then over the digits.
        let digits = 1 + rng.index(19) as u32;
        let n = (rng.next_u64() % 10u64.pow(digits)) as i64;
        values.push(if rng.index(2) == 0 { n } else { -n });
        values.push(rng.next_u64() as i64);
    }
    values
}

#[wasm_bindgen_test]
fn format_number_in_equals_intl_number_format_for_every_locale() {
    let mut rng = Rng::new(0xC0FF_EE00_DEAD_BEEF);
    let values = interesting_i64s(&mut rng);
    assert!(values.len() >= 500);
    let mut differences = Vec::new();
    for &locale in SUPPORTED_LOCALES {
        for &n in &values {
            let ours = text::format_number_in(n, locale).unwrap();
            let intl = glue::intl_format(locale, n).unwrap();
            if ours != intl {
                differences.push(format!("{locale} {n}: rust {ours:?}, Intl {intl:?}"));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences
            .iter()
            .take(50)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        glue::intl_format("en-US", i64::MIN).unwrap(),
        "-9,223,372,036,854,775,808"
    );
}

#[wasm_bindgen_test]
fn batch_chunks_agree_with_validate_email_lines() {
    // Several chunks, with CRLF ends and blank lines to keep line numbers honest.
    let mut text = String::new();
    for i in 0..60_000 {
        match i % 9 {
            0 => text.push_str("bad address@example.com\r\n"),
            4 => text.push('\n'),
            7 => text.push_str("  \n"),
            _ => text.push_str(&format!("user{i}@example.org\n")),
        }
    }
    assert!(text.len() > 3 * glue::BATCH_CHUNK_BYTES);
    let expected = text::validate_email_lines(&text);
    let report = glue::check_batch_now(&text);
    let valid = expected.iter().filter(|(_, v)| v.is_ok()).count();
    assert_eq!(report.valid, valid);
    assert_eq!(report.invalid, expected.len() - valid);
    assert!(report.finished());
    let expected_rows: Vec<usize> = expected
        .iter()
        .take(glue::BATCH_ROWS)
        .map(|(l, _)| *l)
        .collect();
    let rows: Vec<usize> = report.rows.iter().map(|r| r.line).collect();
    assert_eq!(rows, expected_rows);
    let expected_invalid: Vec<usize> = expected
        .iter()
        .filter(|(_, v)| v.is_err())
        .take(glue::BATCH_ROWS)
        .map(|(l, _)| *l)
        .collect();
    let invalid: Vec<usize> = report.invalid_rows.iter().map(|r| r.line).collect();
    assert_eq!(invalid, expected_invalid);
    assert_eq!(report.invalid_rows[0].text, "bad address@example.com");
}

#[wasm_bindgen_test]
async fn batch_of_ten_megabytes_is_checked_in_chunks() {
    let text = glue::generated_list(10 * 1024 * 1024);
    let mut progress_calls = 0;
    let progress = std::cell::Cell::new(0);
    let report = glue::check_batch(&text, |_| progress.set(progress.get() + 1), || false)
        .await
        .expect("not cancelled");
    progress_calls += progress.get();
    assert!(progress_calls >= 30, "yielded {progress_calls} times");
    let expected = text::validate_email_lines(&text);
    assert_eq!(report.checked(), expected.len());
    assert_eq!(report.rows.len(), glue::BATCH_ROWS);
    // Cancelling stops it.
    let cancelled = glue::check_batch(&text, |_| {}, || true).await;
    assert!(cancelled.is_none());
}

#[wasm_bindgen_test]
fn crossing_cases_return_what_they_were_given() {
    let cases = glue::bench_cases();
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"strings/roundtrip-1MB/1MiB"));
    assert!(names.contains(&"strings/number/1"));
    for case in &cases {
        assert_eq!(case.name.split('/').count(), 3, "{}", case.name);
        for side in [&case.wasm, &case.js] {
            let Side::Js(f) = side else {
                panic!("{}: both sides are timed from JavaScript", case.name)
            };
            let out = f.call0(&wasm_bindgen::JsValue::NULL).unwrap();
            if case.name.contains("roundtrip") {
                let s = out.as_string().unwrap();
                let expected = if case.name.contains("mixed") {
                    glue::mixed_payload()
                } else {
                    glue::ascii_payload()
                };
                assert_eq!(s, expected, "{} came back changed", case.name);
            } else if case.name.contains("into") {
                assert_eq!(out.as_f64(), Some(glue::CROSSING_BYTES as f64));
            } else {
                assert_eq!(out.as_f64(), Some(2.0));
            }
        }
    }
}

#[wasm_bindgen_test]
async fn typed_address_gets_a_verdict_pointing_at_the_character() {
    let app = Mounted::at("#/strings").await;
    assert!(app.get("h2").text_content().unwrap().contains("Strings"));

    type_into(&app, "#email-input", "jo smith@example.com");
    settle().await;
    assert!(text_of(&app, "#email-verdict").contains("rejects"));
    let message = text_of(&app, "#email-error");
    assert!(message.contains("' ' (space) at position 2"), "{message}");
    assert!(
        app.get("#email-caret")
            .text_content()
            .unwrap()
            .contains('^')
    );
    assert_eq!(
        app.get("#email-input")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(text_of(&app, "#email-agree").contains("agree"));
    assert!(hash().contains("email=jo"), "state in the URL: {}", hash());

    type_into(&app, "#email-input", "ada@example.com");
    settle().await;
    assert!(text_of(&app, "#email-verdict").contains("accepts"));
    assert!(text_of(&app, "#email-browser").contains("valid"));
    assert_eq!(text_of(&app, "#email-error"), "");
    assert!(app.query("#email-caret").is_none());

    // An international domain: the rule alone says no, the browser converts and says yes.
    type_into(&app, "#email-input", "jo@bücher.de");
    settle().await;
    assert!(text_of(&app, "#email-rule").contains("not allowed"));
    assert!(text_of(&app, "#email-browser").contains("✓ valid"));
    assert!(app.text().contains("xn--bcher-kva.de"));
    assert!(text_of(&app, "#email-agree").contains("✓ agree"));

    // Bad input never breaks the tab: each gets a verdict and the two sides agree.
    for bad in [
        "",
        "   ",
        "ada\u{0}@example.com",
        "שלום@example.com",
        "a@exa\u{202E}moc",
        "😀😀😀",
    ] {
        type_into(&app, "#email-input", bad);
        settle().await;
        assert!(
            text_of(&app, "#email-verdict").contains("rejects"),
            "{bad:?}"
        );
        assert!(text_of(&app, "#email-agree").contains("✓ agree"), "{bad:?}");
        assert!(!text_of(&app, "#email-error").is_empty(), "{bad:?}");
    }
}

#[wasm_bindgen_test]
async fn deep_link_fills_the_inputs() {
    let app = Mounted::at("#/strings?email=a%40b.c&n=1234").await;
    assert_eq!(value_of(&app, "#email-input"), "a@b.c");
    assert!(text_of(&app, "#email-verdict").contains("accepts"));
    assert_eq!(text_of(&app, "#number-en"), "1,234");
    assert_eq!(
        text_of(&app, "#number-agreement"),
        format!(
            "{0} of {0} locales agree with this browser",
            SUPPORTED_LOCALES.len()
        )
    );
}

#[wasm_bindgen_test]
async fn number_field_takes_exactly_i64() {
    let app = Mounted::at("#/strings").await;
    type_into(&app, "#number-input", "-9223372036854775808");
    settle().await;
    assert_eq!(text_of(&app, "#number-en"), "-9,223,372,036,854,775,808");
    assert!(
        text_of(&app, "#number-agreement")
            .starts_with(&format!("{0} of {0}", SUPPORTED_LOCALES.len()))
    );
    let de = text_of(&app, "#locale-table tr[data-locale=de-DE]");
    assert!(de.contains("-9.223.372.036.854.775.808"), "{de}");

    type_into(&app, "#number-input", "9223372036854775808");
    settle().await;
    assert!(text_of(&app, "#number-error").contains("too large"));
    assert!(app.query("#locale-table").is_none());

    type_into(&app, "#number-input", "1.5");
    settle().await;
    assert!(text_of(&app, "#number-error").contains("not a digit"));
    type_into(&app, "#number-input", "");
    settle().await;
    assert!(text_of(&app, "#number-error").contains("whole number"));
}

#[wasm_bindgen_test]
async fn batch_box_counts_and_lists_verdicts() {
    let app = Mounted::at("#/strings").await;
    type_into(
        &app,
        "#batch-input",
        "a@b.c\njohn smith@example.com\n\nx@y.z\r\n",
    );
    settle().await;
    let summary = text_of(&app, "#batch-summary");
    assert_eq!(summary, "3 lines: 2 valid, 1 invalid");
    let table = text_of(&app, "#batch-table");
    assert!(table.contains("position 4"), "{table}");
}

#[wasm_bindgen_test]
async fn boundary_counts_chars_bytes_and_units() {
    let app = Mounted::at("#/strings").await;
    type_into(&app, "#boundary-input", "a😀");
    settle().await;
    assert!(text_of(&app, "#stat-chars").starts_with('2'));
    assert!(text_of(&app, "#stat-bytes").starts_with('5'));
    assert!(text_of(&app, "#stat-units").starts_with('3'));
    assert!(text_of(&app, "#stat-units").contains("s.length = 3 ✓"));
    assert!(text_of(&app, "#boundary-notes").contains("surrogate pair"));
}

#[wasm_bindgen_test]
async fn generated_list_is_the_same_built_in_steps() {
    let quick = glue::generated_list(3 * 1024 * 1024 + 17);
    let stepped = glue::generated_list_async(3 * 1024 * 1024 + 17).await;
    assert_eq!(quick, stepped);
    let report = glue::check_batch_now(&quick);
    assert!(report.invalid > 0 && report.valid > 6 * report.invalid - 10);
}

#[wasm_bindgen_test]
async fn an_international_domain_gets_one_account_of_what_this_browser_does() {
    let app = Mounted::at("#/strings").await;
    type_into(&app, "#email-input", "jo@bücher.de");
    settle().await;
    // Firefox converts the domain, and the Rust model with it: one sentence says so.
    let explain = text_of(&app, "#email-explain");
    assert!(
        explain.starts_with("The HTML rule rejects the address as typed, but Firefox converts the domain to ASCII (xn--bcher-kva.de)"),
        "{explain}"
    );
    assert!(text_of(&app, "#email-verdict").contains("This browser accepts"));
    let section = app
        .get("#email-explain")
        .closest("section")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(!section.contains("passes"), "no second story: {section}");
    assert!(!section.contains("The model follows Firefox"), "{section}");
}

#[wasm_bindgen_test]
async fn the_address_field_refuses_megabytes_with_a_message() {
    let app = Mounted::at("#/strings?email=a%40b.c").await;
    let big = "x".repeat(10 * 1024 * 1024) + "@example.com";
    // A paste is cancelled before the browser puts it in the field.
    assert!(
        !paste_into(&app, "#email-input", &big),
        "the paste went through"
    );
    settle().await;
    let message = text_of(&app, "#email-refused");
    assert!(message.contains("10,485,772 characters"), "{message}");
    assert!(message.contains("batch box"), "{message}");
    // A script can set any value: the field puts back what it held.
    type_into(&app, "#email-input", &big);
    settle().await;
    assert_eq!(value_of(&app, "#email-input"), "a@b.c");
    assert!(text_of(&app, "#email-verdict").contains("accepts"));
    assert!(hash().len() < 100, "{}", hash().len());
    // An ordinary paste goes through, and typing clears the message.
    assert!(paste_into(&app, "#email-input", "ada@example.com"));
    type_into(&app, "#email-input", "ada@example.com");
    settle().await;
    assert_eq!(text_of(&app, "#email-refused"), "");
    assert_eq!(
        app.get("#email-input")
            .get_attribute("maxlength")
            .as_deref(),
        Some("1024")
    );
}

#[wasm_bindgen_test]
async fn a_long_paste_into_the_batch_box_is_checked_without_filling_the_box() {
    let app = Mounted::at("#/strings").await;
    let list = glue::generated_list(2 * 1024 * 1024);
    assert!(!paste_into(&app, "#batch-input", &list));
    wait_for_text(&app, "#batch-summary", |t| t.contains("invalid")).await;
    wait_until("the pasted list is checked", || {
        app.text().contains("checked in")
    })
    .await;
    assert_eq!(value_of(&app, "#batch-input"), "");
    assert!(text_of(&app, "#batch-generated").contains("pasted list"));
    let expected = text::validate_email_lines(&list).len();
    assert!(
        text_of(&app, "#batch-summary").starts_with(&format!(
            "{} lines",
            wasm_playground::lab::fmt::grouped(expected)
        )),
        "{}",
        text_of(&app, "#batch-summary")
    );
    // Short pastes go into the box as usual.
    assert!(paste_into(&app, "#batch-input", "a@b.c\n"));
}

#[wasm_bindgen_test]
async fn the_number_field_and_the_text_box_refuse_megabytes_too() {
    let app = Mounted::at("#/strings?n=1234").await;
    assert!(!paste_into(&app, "#number-input", &"1".repeat(1000)));
    settle().await;
    assert!(text_of(&app, "#number-error").contains("1,000 characters"));
    assert_eq!(value_of(&app, "#number-input"), "1234");
    let big = "é".repeat(200_000);
    assert!(!paste_into(&app, "#boundary-input", &big));
    type_into(&app, "#boundary-input", &big);
    settle().await;
    assert!(text_of(&app, "#boundary-error").contains("200,000 characters"));
    assert_ne!(value_of(&app, "#boundary-input"), big);
}

#[wasm_bindgen_test]
async fn boundary_notes_agree_in_number_and_show_code_as_code() {
    let app = Mounted::at("#/strings").await;
    type_into(&app, "#boundary-input", "é");
    settle().await;
    let notes = text_of(&app, "#boundary-notes");
    assert!(
        notes.contains(
            "1 character takes 2 UTF-8 bytes in Rust and 1 UTF-16 code unit in JavaScript."
        ),
        "{notes}"
    );
    type_into(&app, "#boundary-input", "😀");
    settle().await;
    assert!(!text_of(&app, "#boundary-notes").contains('`'));
    assert_eq!(text_of(&app, "#boundary-notes code"), "length");
    type_into(&app, "#boundary-input", &"ab\n".repeat(1500));
    settle().await;
    assert_eq!(text_of(&app, "#stat-chars"), "4,500Rust s.chars().count()");
}

#[wasm_bindgen_test]
async fn scroll_regions_can_be_reached_by_keyboard_and_are_named() {
    let app = Mounted::at("#/strings?n=1234").await;
    type_into(&app, "#batch-input", "a@b.c\nx y@z\n");
    settle().await;
    for table in ["#locale-table", "#batch-table"] {
        let region = app.get(table).parent_element().unwrap();
        assert_eq!(
            region.get_attribute("tabindex").as_deref(),
            Some("0"),
            "{table}"
        );
        assert_eq!(
            region.get_attribute("role").as_deref(),
            Some("region"),
            "{table}"
        );
        assert!(
            region
                .get_attribute("aria-label")
                .is_some_and(|l| !l.is_empty()),
            "{table}"
        );
    }
}
