//! The Strings tab: the WHATWG e-mail rule beside the browser's own `<input type=email>`,
//! a batch checker, Intl-exact number grouping beside `Intl.NumberFormat`, and what a
//! string costs at the JS ⇄ WASM boundary. The algorithms are in `lab::text`; the
//! browser's verdicts and the benchmark glue in `web::strings`.

mod batch;
mod boundary;
mod email;
mod numbers;

use serde::{Deserialize, Serialize};
use stylist::yew::use_style;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// The tab's state in the URL: `#/strings?email=a@b.c&n=1234567`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct StringsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<String>,
}

/// Longer inputs stay out of the URL: a link must stay a link, not a 10 MB paste.
const URL_VALUE_MAX: usize = 2000;

const DEFAULT_EMAIL: &str = "ada@example.com";
const DEFAULT_NUMBER: &str = "-9223372036854775808";

#[component]
pub fn StringsTab() -> Html {
    let location = use_location();
    let navigator = use_navigator();
    // The URL is read once, when the tab opens; after that the inputs write it.
    let initial = use_memo((), |_| {
        location
            .and_then(|l| l.query::<StringsQuery>().ok())
            .unwrap_or_default()
    });
    let email = use_state(|| {
        AttrValue::from(
            initial
                .email
                .clone()
                .unwrap_or_else(|| DEFAULT_EMAIL.to_string()),
        )
    });
    let number = use_state(|| {
        AttrValue::from(
            initial
                .n
                .clone()
                .unwrap_or_else(|| DEFAULT_NUMBER.to_string()),
        )
    });

    let write_url = {
        let navigator = navigator.clone();
        move |email: &str, n: &str| {
            let keep = |s: &str| (s.len() <= URL_VALUE_MAX).then(|| s.to_string());
            let query = StringsQuery {
                email: keep(email),
                n: keep(n),
            };
            if let Some(nav) = &navigator {
                // A URL that cannot be written only loses the link, never the input.
                let _ = nav.replace_with_query(&Route::Strings, &query);
            }
        }
    };
    let on_email = {
        let email = email.clone();
        let number = number.clone();
        let write_url = write_url.clone();
        Callback::from(move |value: String| {
            write_url(&value, &number);
            email.set(value.into());
        })
    };
    let on_number = {
        let email = email.clone();
        let number = number.clone();
        Callback::from(move |value: String| {
            write_url(&email, &value);
            number.set(value.into());
        })
    };

    let style = use_style!(
        r#"
        h3 { margin: 0 0 0.5rem; font-size: 1.15rem; }
        h4 { margin: 0.9rem 0 0.4rem; font-size: 1rem; }
        > section { margin-top: 1.25rem; }
        .split { align-items: start; }
        .field { display: flex; flex-direction: column; gap: 0.3rem; }
        .field input, .field textarea { width: 100%; box-sizing: border-box; }
        .chips { display: flex; flex-wrap: wrap; gap: 0.35rem; margin-top: 0.5rem; align-items: center; }
        .chips .button { padding: 0.15rem 0.55rem; font-size: 0.85rem; font-family: var(--mono); }
        .chips-label { color: var(--muted); font-size: 0.85rem; }
        .verdict { font-size: 1.15rem; font-weight: 700; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
        .verdict.good, .good { color: var(--ok); }
        .verdict.bad, .bad { color: var(--bad); }
        .badge {
            display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px;
            font-size: 0.85rem; font-weight: 700; border: 1px solid currentColor;
        }
        .badge.agree { color: var(--ok); }
        .badge.disagree { color: var(--bad); background: var(--bad-soft); }
        .checks { border-collapse: collapse; width: 100%; }
        .checks th, .checks td {
            text-align: left; vertical-align: top; padding: 0.35rem 0.5rem 0.35rem 0;
            border-bottom: 1px solid var(--border); overflow-wrap: anywhere;
        }
        .checks th { font-weight: 500; color: var(--muted); width: 42%; }
        .checks code { font-size: 0.85rem; }
        .caret-view {
            margin: 0.5rem 0; padding: 0.5rem 0.6rem; background: var(--code-bg);
            border: 1px solid var(--border); border-radius: 8px; overflow-x: auto;
            font-family: var(--mono); font-size: 0.95rem; line-height: 1.35; white-space: pre;
        }
        .caret-view mark {
            background: var(--bad-soft); color: var(--bad); font-weight: 700;
            outline: 2px solid var(--bad); border-radius: 2px;
        }
        .caret-line { color: var(--bad); font-weight: 700; }
        .esc {
            display: inline-block; font-family: var(--mono); font-size: 0.75em; padding: 0 0.2em;
            border: 1px dashed var(--muted); border-radius: 3px; color: var(--muted); line-height: 1.2;
        }
        mark .esc { color: var(--bad); border-color: var(--bad); }
        .mono { font-family: var(--mono); overflow-wrap: anywhere; }
        .hint { color: var(--muted); margin: 0.4rem 0; }
        .explain { margin: 0.4rem 0; }
        .row-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.5rem; }
        .row-buttons progress { flex: 1 1 8rem; min-width: 6rem; accent-color: var(--accent); }
        .counts { font-size: 1.05rem; margin: 0 0 0.5rem; }
        .counts strong { font-size: 1.25rem; }
        .batch-table, .locale-table { border-collapse: collapse; width: 100%; }
        .batch-table th, .batch-table td, .locale-table th, .locale-table td {
            text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
            border-bottom: 1px solid var(--border);
        }
        .batch-table thead th, .locale-table thead th { color: var(--muted); font-weight: 500; font-size: 0.88rem; }
        .batch-table td.addr { font-family: var(--mono); font-size: 0.88rem; overflow-wrap: anywhere; min-width: 8rem; }
        .batch-table td.num { color: var(--muted); text-align: right; }
        .batch-scroll { max-height: 26rem; overflow: auto; margin-top: 0.5rem; }
        .locale-table td.out { font-family: var(--mono); white-space: nowrap; }
        .locale-table td.sep { font-size: 0.85rem; color: var(--muted); white-space: nowrap; }
        .stats { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.5rem; margin: 0 0 0.75rem; }
        .stats > div { border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem 0.6rem; background: var(--surface-2); }
        .stats dt { color: var(--muted); font-size: 0.85rem; }
        .stats dd { margin: 0.1rem 0 0; font-size: 1.4rem; font-weight: 700; }
        .stats small { display: block; font-size: 0.78rem; color: var(--muted); font-weight: 400; }
        .notes { margin: 0; padding-left: 1.2rem; }
        .notes li { margin: 0.2rem 0; }
        .toggle { display: flex; gap: 0.4rem; align-items: center; font-weight: 400; margin-top: 0.5rem; }
        @media (max-width: 720px) {
            .stats { grid-template-columns: minmax(0, 1fr); }
            .checks th { width: auto; }
        }
        "#
    );

    html! {
        <div class={classes!(style, "strings-tab")}>
            <h2>{ "Strings" }</h2>
            <p class="lede">
                { "A Rust " }<code>{ "String" }</code>{ " is UTF-8 bytes; a JavaScript string is UTF-16 code units. \
                   Every string that crosses between them is copied and re-encoded, so text is where WebAssembly's \
                   boundary costs something. This tab re-does two things the browser already knows in Rust — the \
                   HTML rule for e-mail addresses that " }<code>{ "<input type=email>" }</code>
                { " applies, and digit grouping as " }<code>{ "Intl.NumberFormat" }</code>
                { " writes it — and puts the browser's own answer next to ours, live: they must agree. \
                   Then it measures what moving a megabyte of text into WASM and back costs, next to passing a number." }
            </p>
            <email::EmailSection value={(*email).clone()} on_change={on_email} />
            <batch::BatchSection />
            <numbers::NumberSection value={(*number).clone()} on_change={on_number} />
            <boundary::BoundarySection />
        </div>
    }
}

/// Characters that would be invisible, or would reorder the text around them, if shown
/// as they are: controls, bidi controls, zero-width and other format characters, and
/// whitespace other than the plain space.
pub(crate) fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
            | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

/// `U+202E` for a hidden character.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Text with every hidden character shown as a small `U+XXXX` box, in stored order
/// (`bdo dir=ltr`), so an RTL override or a NUL cannot hide or reorder anything.
pub(crate) fn visible(s: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut run = String::new();
    for c in s.chars() {
        if is_hidden_char(c) {
            if !run.is_empty() {
                parts.push(html! { { std::mem::take(&mut run) } });
            }
            parts.push(html! { <span class="esc" title="an invisible or control character">{ code_point(c) }</span> });
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        parts.push(html! { { run } });
    }
    html! { <bdo dir="ltr">{ for parts }</bdo> }
}
