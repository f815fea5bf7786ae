//! The JSON tab and its glue, in Firefox: the lab writer against JSON.stringify, the lab
//! parser against JSON.parse, the four bridge paths against each other, and the tab
//! showing an error position.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::json::{self, JsonValue};
use wasm_playground::lab::rng::SplitMix64 as Rng;
use wasm_playground::web::json as bridge;

use crate::support::*;

fn numbers() -> Vec<f64> {
    let mut rng = Rng::new(0x5EED_0000_0000_0001);
    let mut out = Vec::new();
    for _ in 0..3000 {
        out.push(f64::from_bits(rng.next_u64()));
    }
    for _ in 0..1000 {
        out.push((rng.next_u64() as i64 >> rng.below(64)) as f64);
    }
    for e in -330..=310 {
        out.push(format!("1e{e}").parse().unwrap());
        out.push(-format!("1e{e}").parse::<f64>().unwrap());
    }
    for _ in 0..1000 {
        let digits = rng.below(1_000_000_000);
        let exp = rng.below(60) as i32 - 30;
        out.push(format!("{digits}e{exp}").parse().unwrap());
    }
    out.extend([
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        f64::MAX,
        5e-324,
        0.1 + 0.2,
        1e21,
        1e-7,
        123456789012345680000.0,
    ]);
    out
}

#[wasm_bindgen_test]
fn to_json_string_writes_numbers_as_json_stringify_does() {
    let nums = numbers();
    assert!(nums.len() > 5000);
    for x in nums {
        let ours = JsonValue::Number(x).to_json_string();
        let js = bridge::js_stringify(&JsValue::from_f64(x)).unwrap();
        assert_eq!(ours, js, "bits {:#018x}", x.to_bits());
    }
}

fn random_string(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &[
        "a",
        "Z",
        " ",
        "\"",
        "\\",
        "/",
        "\u{7f}",
        "\u{80}",
        "é",
        "日本",
        "\u{2028}",
        "\u{2029}",
        "\u{feff}",
        "🦀",
        "👩‍👩‍👧",
        "\u{fffd}",
        "\u{ffff}",
        "\u{10ffff}",
    ];
    let len = rng.below(24);
    let mut s = String::new();
    for _ in 0..len {
        if rng.below(2) == 0 {
            // Every control character, U+0000..U+001F.
            s.push(char::from(rng.below(0x20) as u8));
        } else {
            s.push_str(PARTS[rng.below(PARTS.len() as u64) as usize]);
        }
    }
    s
}

#[wasm_bindgen_test]
fn to_json_string_escapes_strings_as_json_stringify_does() {
    let mut rng = Rng::new(0xC0FF_EE00_1234_5678);
    for i in 0..3000 {
        let s = random_string(&mut rng);
        let ours = JsonValue::Str(s.clone()).to_json_string();
        let js = bridge::js_stringify(&JsValue::from_str(&s)).unwrap();
        assert_eq!(ours, js, "string #{i}: {s:?}");
    }
}

fn random_value(rng: &mut Rng, depth: u32) -> JsonValue {
    let pick = if depth > 4 {
        rng.below(4)
    } else {
        rng.below(6)
    };
    match pick {
        0 => JsonValue::Null,
        1 => JsonValue::Bool(rng.below(2) == 0),
        2 => JsonValue::Number(match rng.below(3) {
            0 => rng.below(1000) as f64,
            1 => f64::from_bits(rng.next_u64()),
            _ => -(rng.below(1 << 20) as f64) / 1024.0,
        }),
        3 => JsonValue::Str(random_string(rng)),
        4 => JsonValue::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => JsonValue::Object(
            (0..rng.below(5))
                .map(|_| (random_string(rng), random_value(rng, depth + 1)))
                .collect(),
        ),
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    const INSERTS: &[&str] = &[
        ",", "]", "}", "[", "{", "\"", ":", "0", "-", ".", "e", "E", "+", " ", "\t", "\n", "\\",
        "\u{1}", "x", "u", "tru", "null", "\u{feff}", "\u{a0}", "01",
    ];
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() as u64 + 1) as usize;
    let mut out: String;
    match rng.below(3) {
        0 if !chars.is_empty() => {
            let at = at.min(chars.len() - 1);
            out = chars[..at].iter().collect();
            out.extend(&chars[at + 1..]);
        }
        1 if !chars.is_empty() => {
            let at = at.min(chars.len() - 1);
            out = chars.iter().collect();
            out.push(chars[at]);
        }
        _ => {
            out = chars[..at].iter().collect();
            out.push_str(INSERTS[rng.below(INSERTS.len() as u64) as usize]);
            out.extend(&chars[at..]);
        }
    }
    out
}

const HAND_PICKED: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "01",
    "1.",
    ".5",
    "+1",
    "-",
    "1e",
    "1e+",
    "1E-2",
    "0x10",
    "NaN",
    "Infinity",
    "-Infinity",
    "true",
    "tru",
    "nul",
    "null ",
    "'a'",
    "\"\t\"",
    "\"\\t\"",
    "\"\\x\"",
    "\"\\u12\"",
    "\"\\u12ab\"",
    "\"\\ud800\"",
    "\"\\ud83e\\udd80\"",
    "[1,]",
    "[,1]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{a:1}",
    "{\"a\":1 \"b\":2}",
    "[] []",
    "1 2",
    "\u{feff}1",
    "\u{a0}1",
    "[1]\u{0}",
    "\"a\nb\"",
    "[\n1\r\n,\t2 ]",
    "1e400",
    "-1e400",
    "{\"a\":1,\"a\":2}",
    "[[[[[[[[]]]]]]]]",
    "\"\u{2028}\"",
    "/* c */ 1",
    "[1 // c\n]",
];

#[wasm_bindgen_test]
fn parse_accepts_and_rejects_as_json_parse_does() {
    let mut corpus: Vec<String> = HAND_PICKED.iter().map(|s| s.to_string()).collect();
    let mut rng = Rng::new(0xFEED_FACE_CAFE_BEEF);
    for i in 0..400 {
        let v = random_value(&mut rng, 0);
        let text = if i % 2 == 0 {
            v.to_json_string()
        } else {
            v.to_json_pretty(2)
        };
        for _ in 0..4 {
            corpus.push(mutate(&mut rng, &text));
        }
        corpus.push(text);
    }
    for name in ["canada", "citm", "twitter"] {
        let doc = match name {
            "canada" => json::gen_canada(0.01),
            "citm" => json::gen_citm(0.01),
            _ => json::gen_twitter(0.05),
        };
        for _ in 0..20 {
            corpus.push(mutate(&mut rng, &doc));
        }
        corpus.push(doc);
    }
    let (mut accepted, mut rejected) = (0, 0);
    for text in &corpus {
        let ours = json::parse(text);
        let js = bridge::js_rejects(text);
        assert_eq!(
            ours.is_ok(),
            js.is_none(),
            "{text:?}: lab says {:?}, JSON.parse says {:?}",
            ours.as_ref().err(),
            js
        );
        if ours.is_ok() {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    assert!(
        accepted > 400 && rejected > 400,
        "{accepted} accepted, {rejected} rejected"
    );
}

#[wasm_bindgen_test]
fn parsed_values_equal_json_parse_values() {
    let mut rng = Rng::new(0x0DD_BA11);
    for _ in 0..300 {
        let text = random_value(&mut rng, 0).to_json_string();
        let ours = json::parse(&text).unwrap();
        let js = bridge::js_canonical_of_text(&text).unwrap();
        assert_eq!(json::canonical(&ours), js, "{text}");
    }
}

#[wasm_bindgen_test]
fn all_four_bridge_paths_agree_on_the_generated_documents() {
    for (name, doc) in [
        ("canada", json::gen_canada(0.02)),
        ("citm", json::gen_citm(0.02)),
        ("twitter", json::gen_twitter(0.1)),
    ] {
        let reports = bridge::run_bridge(&doc).unwrap();
        let ids: Vec<&str> = reports.iter().map(|r| r.id).collect();
        for id in ["lab", "serde", "swb", "js"] {
            assert!(ids.contains(&id), "{name}: path {id} ran ({ids:?})");
        }
        if name == "twitter" {
            assert!(ids.contains(&"typed"), "twitter: typed path ran");
        }
        for r in &reports {
            assert_eq!(r.agrees, Ok(()), "{name}: {} agrees", r.name);
            assert_eq!(r.round_trip, Ok(()), "{name}: {} round trip", r.name);
        }
    }
}

#[wasm_bindgen_test]
fn the_bridge_reports_a_real_difference() {
    // serde_json rejects a lone surrogate; the others turn it into U+FFFD.
    let reports = bridge::run_bridge(r#"["\ud800", 1]"#).unwrap();
    let serde = reports.iter().find(|r| r.id == "serde").unwrap();
    assert!(serde.agrees.is_err());
    let lab = reports.iter().find(|r| r.id == "lab").unwrap();
    assert_eq!(lab.agrees, Ok(()));
}

/// Types into the editor, then waits past the parse debounce.
async fn type_json(app: &Mounted, text: &str) {
    type_into(app, "#json-input", text);
    sleep_ms(400).await;
    settle().await;
}

#[wasm_bindgen_test]
async fn an_error_shows_its_line_and_column_with_a_caret() {
    let app = Mounted::at("#/json").await;
    assert!(app.get("h2").text_content().unwrap().contains("JSON"));
    type_json(&app, "{\n  \"a\": 1,\n  \"b\": [1, 2,]\n}").await;
    let message = app.get("#json-error").text_content().unwrap();
    assert!(message.contains("Line 3, column 14"), "{message}");
    assert!(message.contains("trailing comma"), "{message}");
    let excerpt = app.get("#json-error-excerpt").text_content().unwrap();
    let lines: Vec<&str> = excerpt.lines().collect();
    assert_eq!(lines[0], "  \"b\": [1, 2,]");
    assert_eq!(lines[1], format!("{}^", " ".repeat(13)));
    assert_eq!(
        app.get("#json-input")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );

    // Fixing it clears the message and shows the tree and stats.
    type_json(&app, "{\"a\": 1, \"b\": [1, 2]}").await;
    assert_eq!(app.get("#json-error").text_content().unwrap(), "");
    assert!(app.query("#json-error-excerpt").is_none());
    let stats = app.get("#json-stats").text_content().unwrap();
    assert!(stats.contains("depth2"), "{stats}");
    assert!(
        app.get("#json-output")
            .text_content()
            .unwrap()
            .contains("\"b\": [")
    );
}

#[wasm_bindgen_test]
async fn a_sample_loads_with_stats_and_a_capped_tree() {
    let app = Mounted::at("#/json").await;
    app.get("#json-sample-canada").click();
    // A large sample is parsed in steps, after the page has said so.
    wait_for_text(&app, "#json-status", |s| s.contains("Valid JSON: 2.")).await;
    let stats = app.get("#json-stats").text_content().unwrap();
    assert!(stats.contains("MiB"), "{stats}");
    // The root is open; its children are closed, so the tree stays small.
    let nodes = app
        .root
        .query_selector_all("#json-tree li")
        .unwrap()
        .length();
    assert!(nodes < 50, "{nodes} tree nodes rendered");
    assert!(hash().contains("doc=canada"), "{}", hash());
}

#[wasm_bindgen_test]
async fn the_bridge_runs_from_the_tab() {
    let app = Mounted::at("#/json").await;
    app.get("#json-bridge-run").click();
    for _ in 0..50 {
        settle().await;
        if app.query("#json-bridge-summary").is_some() {
            break;
        }
    }
    let summary = app.get("#json-bridge-summary").text_content().unwrap();
    assert!(summary.contains("✓"), "{summary}");
}

#[wasm_bindgen_test]
async fn a_large_document_waits_for_the_parse_button() {
    let app = Mounted::at("#/json").await;
    let big = json::gen_canada(3.0);
    assert!(big.len() > 5 * 1024 * 1024, "{} bytes", big.len());
    type_json(&app, &big).await;
    let status = app.get("#json-status").text_content().unwrap();
    assert!(status.contains("parsing as you type is off"), "{status}");
    assert!(app.query("#json-stats").is_none());
    app.get("#json-parse").click();
    for _ in 0..100 {
        settle().await;
        if app.query("#json-stats").is_some() {
            break;
        }
    }
    let status = app.get("#json-status").text_content().unwrap();
    assert!(status.contains("Valid JSON"), "{status}");
}

#[wasm_bindgen_test]
async fn benchmark_cases_are_named_per_path_and_document_and_run() {
    let names: Vec<String> = bridge::bench_cases().into_iter().map(|c| c.name).collect();
    for doc in ["canada", "citm", "twitter"] {
        for path in ["lab", "serde_json", "serde_wasm_bindgen", "lab_stringify"] {
            let name = format!("json/{path}/{doc}");
            assert!(names.contains(&name), "{name} in {names:?}");
        }
    }
    assert!(names.contains(&"json/serde_typed/twitter".to_string()));
    // Every side of every case runs without throwing (one iteration each).
    let once = wasm_playground::web::bench::BenchConfig {
        warmup_ms: 0.0,
        min_sample_ms: 0.0,
        samples: 1,
        max_iterations: 1,
    };
    for mut case in bridge::doc_cases("twitter", &json::gen_twitter(0.05)) {
        case.config = once;
        wasm_playground::web::bench::run_case(&case)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    }
}

#[wasm_bindgen_test]
async fn a_large_sample_stays_out_of_the_text_box_and_parses_in_steps() {
    let app = Mounted::at("#/json").await;
    let log = TextLog::watch(&app.get("#json-status"));
    app.get("#json-sample-citm").click();
    wait_until("the parse", || {
        text_of(&app, "#json-status").contains("Valid JSON: 1.76 MiB")
    })
    .await;
    // Not parsed in the click's own task: the page said it was parsing first.
    let seen = log.seen();
    assert!(
        seen.iter().any(|s| s.contains("Parsing 1.76 MiB")),
        "{seen:?}"
    );
    assert!(text_of(&app, "#json-stats").contains("MiB"));
    // The text box would hold up the page for seconds: the first lines show instead.
    assert!(
        app.query("#json-input").is_none(),
        "no text box for 1.8 MiB"
    );
    let notice = text_of(&app, "#json-large");
    assert!(notice.contains("too large for the text box"), "{notice}");
    let citm = json::gen_citm(1.0);
    let first_line = citm.lines().next().unwrap();
    assert!(text_of(&app, "#json-head").starts_with(first_line));
    // The choice is the person's: with a warning, the text box gets it all.
    let anyway = text_of(&app, "#json-edit-anyway");
    assert!(anyway.contains("the page waits"), "{anyway}");
    app.get("#json-edit-anyway").click();
    wait_until("the text box", || app.query("#json-input").is_some()).await;
    assert_eq!(value_of(&app, "#json-input").len(), citm.len());
    // Clear (after loading another large one) empties it back into a text box.
    app.get("#json-sample-twitter").click();
    settle().await;
    assert!(app.query("#json-input").is_none());
    app.get("#json-clear").click();
    settle().await;
    assert_eq!(value_of(&app, "#json-input"), "");
    assert!(text_of(&app, "#json-status").contains("Type or paste JSON"));
}

#[wasm_bindgen_test]
async fn a_large_paste_is_kept_in_memory_not_put_into_the_text_box() {
    let app = Mounted::at("#/json").await;
    // Pasted in the middle of the small sample, replacing nothing.
    let big = json::gen_twitter(0.5);
    assert!(big.len() > 128 * 1024);
    type_json(&app, "[0]").await;
    let area: web_sys::HtmlTextAreaElement =
        wasm_bindgen::JsCast::unchecked_into(app.get("#json-input"));
    area.set_selection_range(1, 2).unwrap();
    paste_into(&app, "#json-input", &big);
    settle().await;
    assert!(
        app.query("#json-input").is_none(),
        "the paste left the text box"
    );
    wait_until("the parse", || {
        text_of(&app, "#json-status").contains("KiB parsed")
    })
    .await;
    // The document is the text box's text with the paste in place of the selection.
    let stats = text_of(&app, "#json-stats");
    assert!(stats.contains("depth"), "{stats}");
    assert!(
        text_of(&app, "#json-head").starts_with("[{"),
        "{}",
        text_of(&app, "#json-head")
    );

    // An ordinary paste is left to the browser (a synthetic event inserts nothing).
    app.get("#json-sample-small").click();
    settle().await;
    paste_into(&app, "#json-input", "[1, 2]");
    settle().await;
    assert!(app.query("#json-input").is_some());
    assert!(app.query("#json-large").is_none());
}

#[wasm_bindgen_test]
async fn a_deep_document_too_large_to_indent_shows_the_compact_json_and_says_why() {
    let app = Mounted::at("#/json").await;
    // 40 KB compact, but 20,000 numbers 500 arrays deep indent to about 20 MB (parse
    // accepts up to 512 levels, so the depth is as deep as a document can be).
    let depth = 500;
    let doc = format!(
        "{}{}{}",
        "[".repeat(depth),
        vec!["0"; 20_000].join(","),
        "]".repeat(depth)
    );
    let value = json::parse(&doc).unwrap();
    let indented = value.pretty_len(2);
    assert!(indented > 16 * 1024 * 1024, "{indented}");
    type_json(&app, &doc).await;
    assert!(text_of(&app, "#json-status").contains("Valid JSON"));
    let pretty: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(app.get("#json-out-pretty"));
    assert!(pretty.checked(), "the indented view is chosen");
    let note = text_of(&app, "#json-pretty-too-large");
    assert_eq!(
        note,
        format!(
            "The indented view would be {}, too large to show here (indentation grows with \
             every level of nesting); this is the compact JSON.",
            wasm_playground::lab::fmt::bytes(indented)
        )
    );
    let output = text_of(&app, "#json-output");
    assert!(output.starts_with(&"[".repeat(depth)), "{}", &output[..600]);
    assert!(!output.contains('\n'), "the compact JSON, on one line");

    // The minified view is the same text, without the sentence; a shallow document
    // is indented as before.
    app.get("#json-out-min").click();
    settle().await;
    assert!(app.query("#json-pretty-too-large").is_none());
    assert_eq!(text_of(&app, "#json-output"), output);
    app.get("#json-out-pretty").click();
    type_json(&app, "[[1, 2]]").await;
    assert!(app.query("#json-pretty-too-large").is_none());
    assert_eq!(
        text_of(&app, "#json-output"),
        "[\n  [\n    1,\n    2\n  ]\n]"
    );
}
