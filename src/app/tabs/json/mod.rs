//! The JSON tab (`#/json`): an editor with a strict parser's verdict (tree, stats, exact
//! error position), JSON.stringify-exact output, and the bridge: the same document taken
//! from JavaScript into Rust four ways, timed and checked against each other.
//! `?doc=small|canada|citm|twitter` loads a sample, so a link reproduces the view.
//!
//! | file | section |
//! |---|---|
//! | `document.rs` | the document and its parse (`use_document`) |
//! | `editor.rs` | samples, file, the text box or a large document's first lines, errors |
//! | `result.rs`, `tree.rs` | stats, the tree, the output |
//! | `bridge.rs` | the four ways into Rust and back |

mod bridge;
mod document;
mod editor;
mod result;
mod tree;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::app::widgets::{BenchPanel, SourceView};
use crate::lab::json;
use crate::web::json as glue;

const SMALL: &str = r#"{
  "name": "wasm-playground",
  "version": 1.5e3,
  "tags": ["rust", "wasm", "json"],
  "nested": {"depth": [[[1, 2], [3]], []], "empty": {}},
  "escapes": "tab\t, quote \", newline\n, snowman \u2603, emoji \ud83e\udd80",
  "unicode": "日本語 · Ελληνικά · عربى",
  "numbers": [0, -0, 1e21, 1.5e-7, 0.1, 123456789012345678901234567890],
  "ok": true,
  "nothing": null
}"#;

/// The text of the sample named `name` (`?doc=` and the sample buttons).
fn sample(name: &str) -> Option<String> {
    match name {
        "small" => Some(SMALL.to_string()),
        "canada" => Some(json::gen_canada(1.0)),
        "citm" => Some(json::gen_citm(1.0)),
        "twitter" => Some(json::gen_twitter(1.0)),
        _ => None,
    }
}

/// The tab's state in the URL: `#/json?doc=citm`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct JsonQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    doc: Option<String>,
}

#[component]
pub fn JsonTab() -> Html {
    let query = use_query_state::<JsonQuery>(Route::Json);
    let document = document::use_document(
        query
            .doc
            .as_deref()
            .and_then(sample)
            .unwrap_or_else(|| SMALL.to_string()),
    );
    let on_sample = {
        let load = document.load.clone();
        Callback::from(move |name: &'static str| {
            if let Some(text) = sample(name) {
                load.emit(text);
                query.replace(JsonQuery {
                    doc: Some(name.to_string()),
                });
            }
        })
    };

    html! {
        <div class="json-tab">
            <h2>{ "JSON" }</h2>
            <p>
                { "Most data reaches a WebAssembly module as JSON. Here a strict parser written in Rust (" }
                <code>{ "lab::json" }</code>
                { ") reads your document, says exactly where it breaks (line, column and the rule), and writes it back byte for byte as JSON.stringify would. Below, the same document crosses from JavaScript into Rust four ways. Each way pays differently at the boundary: copying the text into WASM memory once, or one call per value walking a JavaScript object. They are timed against JSON.parse and checked to give the same value." }
            </p>
            <div class="split">
                <editor::Editor document={document.clone()} {on_sample} />
                <div class="card"><result::ResultView outcome={document.outcome.clone()} /></div>
            </div>

            <bridge::BridgeSection text={document.text.clone()} />

            <section class="card" aria-labelledby="json-bench-title">
                <h3 id="json-bench-title">{ "Measured: each path against JSON.parse" }</h3>
                <BenchPanel make_cases={Callback::from(|_| glue::bench_cases())} button="Run the JSON benchmark"
                    description="The three generated documents at full size (canada 2.2 MiB, citm 1.8 MiB, twitter 615 KiB). The JavaScript side is JSON.parse (JSON.stringify for the way back). Every WASM side starts from the same JS string and pays its crossing each iteration: the text copy into WASM memory for paths 1 and 2, JSON.parse plus one call per value for path 3." />
            </section>

            <SourceView path="src/lab/json/parse.rs" region="main-loop" summary="Show the Rust: the parser's main loop (no recursion)" />
            <SourceView path="src/lab/json/parse.rs" region="strings" summary="Show the Rust: reading a string" />
            <SourceView path="src/lab/json/parse.rs" region="scan-plain" summary="Show the Rust: scanning eight bytes at a time" />
        </div>
    }
}
