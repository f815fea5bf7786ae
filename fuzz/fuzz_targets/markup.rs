//! The Virtual DOM tab's editors: `parse_markup` / `parse_markup_root` on any text, then
//! `check_safe`, `render_html` and `to_markup` on every tree they accept.
//!
//! Laws:
//! - an error's line and column point into the text (or one past a line's end);
//! - `to_markup` reads back (`parse_markup_root`) into the very same tree, keys included;
//! - for a tree `check_safe` accepts, the HTML `render_html` writes
//!   - is inert when a real HTML5 parser (html5ever) reads it: no script, iframe, object,
//!     embed or other refused element, no `on*` attribute, no `javascript:` URL;
//!   - reads back with our own parser into the same tree (keys dropped, adjacent texts
//!     merged: HTML cannot write those apart), which `check_safe` accepts again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::vdom::{MarkupError, VNode, check_safe, parse_markup, parse_markup_root};
use wasm_playground_fuzz::html::{as_rendered, threats};
use wasm_playground_fuzz::{expand, split_extras};

/// What the editors hold when a page is pasted in. 64 KB squared is 4·10⁹: a quadratic
/// step shows (a start tag of 9,000 attributes takes seconds), and runs stay fast enough
/// to explore; the whole text goes through two parsers several times per run.
const MAX_TEXT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    let (text, _) = split_extras(data);
    let text = expand(text, MAX_TEXT);
    match parse_markup(&text) {
        Ok(nodes) => nodes.iter().for_each(check_tree),
        Err(error) => check_position(&text, &error),
    }
    match parse_markup_root(&text) {
        Ok(root) => check_tree(&root),
        Err(error) => check_position(&text, &error),
    }
});

fn check_position(text: &str, error: &MarkupError) {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = normalised.split('\n').collect();
    assert!(error.line >= 1 && error.column >= 1, "{error:?}");
    let line = lines
        .get(error.line - 1)
        .unwrap_or_else(|| panic!("error {error:?} is past the last line of {text:?}"));
    assert!(
        error.column <= line.chars().count() + 1,
        "error {error:?} is past the end of line {line:?}"
    );
    assert!(!error.message.is_empty());
}

fn check_tree(node: &VNode) {
    // Blank text between top-level nodes is kept by parse_markup but skipped around the
    // one root of parse_markup_root, so on its own it has no root to read back.
    if node
        .as_text()
        .is_some_and(|t| t.trim_matches([' ', '\t', '\n', '\x0c']).is_empty())
    {
        return;
    }
    let markup = node.to_markup();
    match parse_markup_root(&markup) {
        Ok(again) => assert!(
            again == *node,
            "to_markup wrote {markup:?}, which reads back as another tree: {again:?}"
        ),
        Err(error) => panic!("to_markup wrote {markup:?}, which does not parse: {error}"),
    }
    if check_safe(node).is_err() {
        return;
    }
    let html = node.render_html();
    let found = threats(&html);
    assert!(
        found.is_empty(),
        "check_safe accepted a tree whose HTML {html:?} parses into {found:?}"
    );
    match parse_markup_root(&html) {
        Ok(again) => {
            assert!(
                again == as_rendered(node),
                "render_html wrote {html:?}, which reads back as another tree: {again:?}"
            );
            assert!(
                check_safe(&again).is_ok(),
                "the re-read tree of {html:?} is refused"
            );
        }
        Err(error) => panic!("render_html wrote {html:?}, which does not parse: {error}"),
    }
}
