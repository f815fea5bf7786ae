//! The Strings tab (`#/strings`): the WHATWG e-mail rule beside the browser's own
//! `<input type=email>`, a batch checker, Intl-exact number grouping beside
//! `Intl.NumberFormat`, and what a string costs at the JS ⇄ WASM boundary. The
//! algorithms and the words about them are in `lab::text`; the browser's verdicts and
//! the benchmark glue in `web::strings`.

mod batch;
mod boundary;
mod email;
mod numbers;
mod show;
mod verdict;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::lab::text::EMAIL_FIELD_MAX_CHARS;

/// The tab's state in the URL: `#/strings?email=a@b.c&n=1234567`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct StringsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<String>,
}

/// Longer inputs stay out of the URL: a link must stay a link.
const URL_VALUE_MAX: usize = 2000;

const DEFAULT_EMAIL: &str = "ada@example.com";
const DEFAULT_NUMBER: &str = "-9223372036854775808";

#[component]
pub fn StringsTab() -> Html {
    let query = use_query_state::<StringsQuery>(Route::Strings);
    // The URL is read once, when the tab opens; after that the inputs write it. An
    // address longer than the field takes (a hand-made link) is not loaded.
    let email = use_state(|| {
        let linked = query
            .email
            .clone()
            .filter(|e| e.chars().count() <= EMAIL_FIELD_MAX_CHARS);
        AttrValue::from(linked.unwrap_or_else(|| DEFAULT_EMAIL.to_string()))
    });
    let number = use_state(|| {
        AttrValue::from(
            query
                .n
                .clone()
                .unwrap_or_else(|| DEFAULT_NUMBER.to_string()),
        )
    });

    let write_url = {
        let query = query.clone();
        move |email: &str, n: &str| {
            let keep = |s: &str| (s.len() <= URL_VALUE_MAX).then(|| s.to_string());
            // A URL that cannot be written only loses the link, never the input.
            query.replace(StringsQuery {
                email: keep(email),
                n: keep(n),
            });
        }
    };
    let on_email = {
        let (email, number, write_url) = (email.clone(), number.clone(), write_url.clone());
        Callback::from(move |value: String| {
            write_url(&value, &number);
            email.set(value.into());
        })
    };
    let on_number = {
        let (email, number) = (email.clone(), number.clone());
        Callback::from(move |value: String| {
            write_url(&email, &value);
            number.set(value.into());
        })
    };

    html! {
        <div class="strings">
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
