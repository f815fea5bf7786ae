//! The layer rule, checked on the source text of `src/`.
//!
//! The crate has three layers and imports only point down:
//!
//! ```text
//! src/app   Yew components: view state and wiring. Reaches the browser only through
//!    |      `web` (functions, and hooks built on them in `app/hooks.rs`).
//!    v
//! src/web   Browser glue over web-sys, js-sys and gloo. No Yew view code: no `html!`,
//!    |      no components, no `Html`.
//!    v
//! src/lab   Pure Rust, tested natively. No browser crate, no Yew, nothing from `web`
//!           or `app`.
//! ```
//!
//! Code that does not touch the DOM belongs in `lab`, where `cargo test` reaches it;
//! this test cannot see that, but it sees the names each layer must not use:
//!
//! | files | must not name |
//! |---|---|
//! | `src/app/**` | `web_sys`, `js_sys`, `gloo`, `wasm_bindgen`, `wasm_bindgen_futures`, `serde_wasm_bindgen`, `console_error_panic_hook`, and the raw JS types `JsCast`, `JsValue`, `JsFuture`, `Closure` (the app has no use for them once `web` wraps what it needs) |
//! | `src/web/**` | `html!`, `html_nested!`, `Html`, `Properties`, `Component`, `Renderer`, `AppHandle`, `virtual_dom`, `yew_router`, `stylist`, `#[component]`, `#[function_component]`, `#[hook]`, and `crate::app` |
//! | `src/lab/**` | every browser or Yew crate above (`web_sys`, `js_sys`, `gloo`, `wasm_bindgen…`, `yew`, `yew_router`, `stylist`, …), and `crate::web` or `crate::app` |
//!
//! Comments and string literals are skipped, so prose and CSS may say anything.
//!
//! Files that broke the rule before it was checked are listed in
//! `tests/layers-allowlist.txt`, one path per line with the reason. The list only
//! shrinks: a file that breaks the rule and is not listed fails this test, and so does a
//! listed file that no longer breaks it (delete its line) or that no longer exists.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const ALLOWLIST: &str = "tests/layers-allowlist.txt";

/// Browser crates, and the raw JS types of wasm-bindgen.
const BROWSER_CRATES: &[&str] = &[
    "web_sys",
    "js_sys",
    "gloo",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "serde_wasm_bindgen",
    "console_error_panic_hook",
];
const RAW_JS_TYPES: &[&str] = &["JsCast", "JsValue", "JsFuture", "Closure"];
const YEW_CRATES: &[&str] = &["yew", "yew_router", "stylist"];
/// Yew's view vocabulary: what a component, and nothing below it, writes.
const VIEW_NAMES: &[&str] = &[
    "Html",
    "Properties",
    "Component",
    "Renderer",
    "AppHandle",
    "virtual_dom",
    "yew_router",
    "stylist",
];
const VIEW_MACROS: &[&str] = &["html", "html_nested"];
const VIEW_ATTRIBUTES: &[&str] = &["component", "function_component", "hook"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    App,
    Web,
    Lab,
}

impl Layer {
    fn of(path: &Path) -> Option<Layer> {
        let text = path.to_string_lossy().replace('\\', "/");
        if text.starts_with("src/app/") {
            Some(Layer::App)
        } else if text.starts_with("src/web/") {
            Some(Layer::Web)
        } else if text.starts_with("src/lab/") {
            Some(Layer::Lab)
        } else {
            None
        }
    }
}

/// A token of Rust source that matters here: an identifier or one punctuation character.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Ident(String),
    Punct(char),
}

/// Splits Rust source into identifiers and punctuation, dropping comments (line, block,
/// nested block, doc), string literals (plain, byte, raw with any number of `#`) and
/// character literals. Lifetimes (`'a`) are not character literals and are skipped.
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if (c == 'r' || (c == 'b' && at(i + 1) == 'r'))
            && matches!(at(i + usize::from(c == 'b') + 1), '"' | '#')
            && raw_string_start(&chars, i + usize::from(c == 'b') + 1).is_some()
        {
            let start = i + usize::from(c == 'b') + 1;
            let hashes = raw_string_start(&chars, start).unwrap_or(0);
            i = skip_raw_string(&chars, start + hashes + 1, hashes);
        } else if c == 'b' && at(i + 1) == '"' {
            i = skip_string(&chars, i + 2);
        } else if c == '\'' {
            // A character literal is 'x' or '\…'; anything else is a lifetime or label.
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// Index just past the closing quote of a string whose body starts at `i`.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// At `i`: `#…#"` opens a raw string; the number of `#`.
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
    (chars.get(i + hashes) == Some(&'"')).then_some(hashes)
}

/// Index just past `"` followed by `hashes` `#`, searching from `i`.
fn skip_raw_string(chars: &[char], mut i: usize, hashes: usize) -> usize {
    while i < chars.len() {
        if chars[i] == '"'
            && chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// The names in `source` that its layer must not use, sorted and without repeats.
fn violations(layer: Layer, source: &str) -> Vec<String> {
    let toks = tokens(source);
    let ident = |k: usize| match toks.get(k) {
        Some(Token::Ident(s)) => Some(s.as_str()),
        _ => None,
    };
    let punct = |k: usize, c: char| toks.get(k) == Some(&Token::Punct(c));
    let path_to = |k: usize, module: &str| {
        ident(k) == Some("crate")
            && punct(k + 1, ':')
            && punct(k + 2, ':')
            && ident(k + 3) == Some(module)
    };
    let mut found = std::collections::BTreeSet::new();
    for k in 0..toks.len() {
        let Some(name) = ident(k) else { continue };
        let bad = match layer {
            Layer::App => BROWSER_CRATES.contains(&name) || RAW_JS_TYPES.contains(&name),
            Layer::Web => {
                VIEW_NAMES.contains(&name)
                    || (VIEW_MACROS.contains(&name) && punct(k + 1, '!'))
                    || (VIEW_ATTRIBUTES.contains(&name)
                        && k >= 2
                        && punct(k - 1, '[')
                        && punct(k - 2, '#'))
                    || path_to(k, "app")
            }
            Layer::Lab => {
                BROWSER_CRATES.contains(&name)
                    || YEW_CRATES.contains(&name)
                    || path_to(k, "web")
                    || path_to(k, "app")
            }
        };
        if bad {
            let shown = if path_to(k, "web") || path_to(k, "app") {
                format!("crate::{}", ident(k + 3).unwrap_or_default())
            } else if VIEW_MACROS.contains(&name) && punct(k + 1, '!') {
                format!("{name}!")
            } else if layer == Layer::Web && VIEW_ATTRIBUTES.contains(&name) {
                format!("#[{name}]")
            } else {
                name.to_string()
            };
            found.insert(shown);
        }
    }
    found.into_iter().collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `path reason…` per line; blank lines and `#` comments are ignored.
fn allowlist(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| match line.split_once(char::is_whitespace) {
            Some((path, reason)) => (path.to_string(), reason.trim().to_string()),
            None => (line.to_string(), String::new()),
        })
        .collect()
}

#[test]
fn every_layer_uses_only_what_it_may() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let allowed = allowlist(&fs::read_to_string(root.join(ALLOWLIST)).unwrap_or_default());
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();

    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(root).unwrap_or(file).to_path_buf();
        let Some(layer) = Layer::of(&relative) else {
            continue;
        };
        let key = relative.to_string_lossy().replace('\\', "/");
        let source = fs::read_to_string(file).unwrap_or_default();
        let bad = violations(layer, &source);
        seen.insert(key.clone());
        match (bad.is_empty(), allowed.contains_key(&key)) {
            (false, false) => problems.push(format!(
                "{key} ({layer:?} layer) names {}: move that code to the layer that owns it \
                 (see the comment of tests/layers.rs)",
                bad.join(", ")
            )),
            (true, true) => problems.push(format!(
                "{key} keeps the rule now: delete its line from {ALLOWLIST}"
            )),
            _ => {}
        }
    }
    for key in allowed.keys() {
        if !seen.contains(key) {
            problems.push(format!(
                "{key} is in {ALLOWLIST} but is not a source file of app, web or lab: delete its line"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the layer rule:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_allowlisted_file_gives_a_reason() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join(ALLOWLIST)).unwrap_or_default();
    for (path, reason) in allowlist(&text) {
        assert!(!reason.is_empty(), "{path} in {ALLOWLIST} needs a reason");
    }
}

#[test]
fn comments_strings_and_lifetimes_are_not_code() {
    let source = r####"
        // web_sys in a comment
        /* gloo /* nested */ js_sys */
        /// doc: wasm_bindgen
        fn f<'a>(x: &'a str) -> char {
            let _ = "web_sys \" still a string";
            let _ = r#"gloo "quoted" "#;
            let _ = br"js_sys";
            let _ = b"wasm_bindgen";
            let _ = '"';
            let _ = '\'';
            'outer: loop { break 'outer; }
            'x'
        }
    "####;
    assert_eq!(violations(Layer::App, source), Vec::<String>::new());
    assert_eq!(violations(Layer::Lab, source), Vec::<String>::new());
}

#[test]
fn each_layer_catches_what_it_must_not_name() {
    let app = "use web_sys::HtmlInputElement; fn f(e: JsValue) { wasm_bindgen_futures::spawn_local(async {}); }";
    assert_eq!(
        violations(Layer::App, app),
        ["JsValue", "wasm_bindgen_futures", "web_sys"]
    );
    let web = "#[component] fn A() -> Html { html! { <p/> } } use crate::app::Route;";
    assert_eq!(
        violations(Layer::Web, web),
        ["#[component]", "Html", "crate::app", "html!"]
    );
    // Web glue may use Yew's runtime pieces that are not views, and its own HTML words.
    let web_ok =
        "yew::set_custom_panic_hook(h); let html = node.render_html(); el.set_inner_html(&html);";
    assert_eq!(violations(Layer::Web, web_ok), Vec::<String>::new());
    let lab = "use crate::web::bench; use yew::prelude::*; fn f() { gloo::console::log!(1); }";
    assert_eq!(violations(Layer::Lab, lab), ["crate::web", "gloo", "yew"]);
    let lab_ok = "use crate::lab::text; use super::web_like; fn web() {}";
    assert_eq!(violations(Layer::Lab, lab_ok), Vec::<String>::new());
}
