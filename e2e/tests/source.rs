//! "Show the Rust" on the built site: every file a page shows is served under the
//! sub-path byte for byte as it is in the repository, and opening a viewer shows the
//! highlighted code.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::pages::{self, PAGES, WAIT};
use wasm_playground_e2e::shared_server as server;
use wasm_playground_e2e::webdriver::Browser;

/// Fetches `source/<path>` relative to the page, as the viewer does, and answers with
/// its status and its bytes in hex.
const FETCH_HEX: &str = r#"
const done = arguments[arguments.length - 1];
fetch('source/' + arguments[0]).then(async r => {
  const bytes = new Uint8Array(await r.arrayBuffer());
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  done({ status: r.status, url: r.url, hex });
}, e => done({ error: String(e) }));
"#;

fn repository_file(path: &str) -> Vec<u8> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path);
    std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn every_shown_file_is_served_byte_for_byte() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    let mut shown = BTreeSet::new();
    for id in PAGES {
        pages::open(&b, &server.url(&pages::hash_of(id)), id, "light", false).unwrap();
        let paths = b
            .exec(
                "return [...document.querySelectorAll('[data-source-path]')].map(e => e.dataset.sourcePath)",
                vec![],
            )
            .unwrap();
        let paths: Vec<String> = serde_json::from_value(paths).unwrap();
        shown.extend(paths);
    }
    assert!(shown.len() >= 15, "too few shown files found: {shown:?}");
    for path in &shown {
        let answer = b
            .exec_async(FETCH_HEX, vec![json!(path)], Duration::from_secs(20))
            .unwrap();
        assert_eq!(answer["status"], json!(200), "{path}: {}", answer["url"]);
        assert!(
            answer["url"]
                .as_str()
                .unwrap_or("")
                .starts_with(&server.url("source/")),
            "{path} is fetched from under the sub-path: {}",
            answer["url"]
        );
        assert!(
            answer["hex"].as_str() == Some(hex(&repository_file(path)).as_str()),
            "{path}: the served copy differs from the repository file"
        );
    }
}

#[test]
fn opening_show_the_rust_shows_the_highlighted_region() {
    let b = Browser::start(1280, 900).unwrap();
    pages::open(&b, &server().url("#/compute"), "compute", "light", false).unwrap();
    let selector = "details.source-view[data-source-region='naive']";
    assert_eq!(
        b.exec(
            "return !!document.querySelector(arguments[0] + ' pre')",
            vec![json!(selector)]
        )
        .unwrap(),
        json!(false),
        "nothing is fetched before the viewer opens"
    );
    b.click(&format!("{selector} > summary")).unwrap();
    b.wait_for(
        "the highlighted source",
        &format!("return !!document.querySelector(\"{selector} pre code .tok-kw\")"),
        WAIT,
    )
    .unwrap();
    let text = b
        .exec(
            "return document.querySelector(arguments[0] + ' pre').textContent",
            vec![json!(selector)],
        )
        .unwrap();
    let text = text.as_str().unwrap_or("");
    let file = String::from_utf8(repository_file("src/lab/compute.rs")).unwrap();
    assert!(text.contains("fn "), "{text}");
    assert!(
        file.contains(text),
        "the shown text is a piece of the repository file"
    );
    assert!(
        !text.contains("// region:") && !text.contains("// endregion"),
        "only the region, without its markers"
    );
    // The listing can be scrolled by keyboard: it takes focus and has a name.
    let focusable = b
        .exec(
            "const p = document.querySelector(arguments[0] + ' pre'); return p.tabIndex === 0 && p.getAttribute('aria-label');",
            vec![json!(selector)],
        )
        .unwrap();
    assert!(
        focusable
            .as_str()
            .unwrap_or("")
            .contains("src/lab/compute.rs"),
        "{focusable}"
    );
}
