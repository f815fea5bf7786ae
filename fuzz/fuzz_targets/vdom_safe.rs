//! `check_safe` and `render_html` on trees built by hand, mixing HTML, SVG and MathML,
//! raw-text and RCDATA elements, and elements that break out of foreign content.
//!
//! Law: when `check_safe` accepts a tree, the HTML `render_html` writes is inert when a
//! real HTML5 parser (html5ever) reads it — no script, iframe, object, embed or other
//! refused element, no `on*` attribute, no `javascript:` URL — however the tree was built.
//! (The builder and the markup parser cannot make every tree; `VNode`'s fields are
//! public, so any tree can reach the serializer.)
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::vdom::{VNode, check_safe};
use wasm_playground_fuzz::html::threats;
use wasm_playground_fuzz::tree::{Pools, tree};

/// Where the HTML parser changes modes: foreign roots and their integration points,
/// raw text and RCDATA elements, elements that break out of SVG/MathML, table parts that
/// get foster-parented, and a few ordinary ones.
const POOLS: Pools = Pools {
    tags: &[
        "div",
        "p",
        "span",
        "b",
        "a",
        "svg",
        "math",
        "foreignobject",
        "foreignObject",
        "desc",
        "title",
        "mi",
        "mo",
        "mn",
        "ms",
        "mtext",
        "annotation-xml",
        "mglyph",
        "malignmark",
        "xmp",
        "style",
        "noembed",
        "noframes",
        "noscript",
        "iframe",
        "plaintext",
        "textarea",
        "script",
        "template",
        "img",
        "br",
        "table",
        "tr",
        "td",
        "select",
        "option",
        "form",
        "font",
        "pre",
        "listing",
        "image",
        "use",
        "animate",
        "set",
        "g",
        "text",
        "path",
    ],
    attribute_names: &[
        "class",
        "title",
        "src",
        "href",
        "xlink:href",
        "onerror",
        "encoding",
        "color",
        "face",
        "size",
        "style",
        "data",
        "action",
        "formaction",
        "srcset",
        "is",
        "xmlns",
        "definitionURL",
    ],
    attribute_values: &[
        "",
        "x",
        "text/html",
        "application/xhtml+xml",
        "javascript:alert(1)",
        " jav\tascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "red",
    ],
    texts: &[
        "",
        "x",
        "<img src=x onerror=alert(1)>",
        "</xmp><img src=x onerror=alert(1)>",
        "</style><img src=x onerror=alert(1)>",
        "</noscript><img src=x onerror=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "<script>alert(1)</script>",
        "<svg><script>alert(1)</script></svg>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<![CDATA[<img src=x onerror=alert(1)>]]>",
        "<a href=javascript:alert(1)>x</a>",
        "<iframe srcdoc=x></iframe>",
        "</p><p>",
        "&lt;img src=x onerror=alert(1)&gt;",
        "<style>*{}</style>",
    ],
    keys: &["a", "b"],
    arbitrary_odds: 24,
    max_depth: 8,
};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut budget = 48;
    let Ok(node) = tree(&mut u, &POOLS, &mut budget) else {
        return;
    };
    check(&node);
});

fn check(node: &VNode) {
    let html = node.render_html();
    if check_safe(node).is_err() {
        return;
    }
    let found = threats(&html);
    assert!(
        found.is_empty(),
        "check_safe accepted {node:?}, whose HTML {html:?} parses into {found:?}"
    );
}
