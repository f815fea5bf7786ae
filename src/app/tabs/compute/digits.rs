//! Long numbers on a page: they wrap only between groups of three digits (a phone
//! screen must not split "208,988" into "208,9" and "88"), and the exact value can be
//! expanded, copied and downloaded.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::compute::{digit_groups, summarize_digits, thin_spaced};
use crate::lab::fmt::grouped;
use crate::web::dom;

/// Digits shown at each end of a long number.
pub const EDGE: usize = 24;

/// Plain digits with a line-break opportunity (`<wbr>`) between groups of three, the
/// groups counted as in the whole number of `total` digits. The text is still the
/// plain digits: copying it gives them back unchanged.
pub fn breakable_digits(digits: &str, total: usize) -> Html {
    html! {
        { for digit_groups(digits, total).into_iter().enumerate().map(|(i, group)| html! {
            <>{ if i > 0 { html! { <wbr/> } } else { html! {} } }{ group }</>
        }) }
    }
}

/// A number grouped with commas ("12,200,160") that may wrap after a comma and nowhere
/// else (a comma between digits is not a break opportunity by itself).
pub fn breakable_grouped(text: &str) -> Html {
    html! {
        { for text.split(',').enumerate().map(|(i, part)| html! {
            <>{ if i > 0 { html! { <>{ "," }<wbr/></> } } else { html! {} } }{ part }</>
        }) }
    }
}

/// A long number as "first…last (N digits)", each end breakable between its groups.
pub fn shortened(digits: &str) -> Html {
    let s = summarize_digits(digits, EDGE);
    if s.digits <= 2 * EDGE + 10 {
        return breakable_grouped(&crate::lab::fmt::group_digits(digits));
    }
    html! {
        <>
            { breakable_digits(&s.first, s.digits) }{ "…" }{ breakable_digits(&s.last, s.last.len()) }
            { format!(" ({} digits)", grouped(s.digits)) }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExactDigitsProps {
    pub n: u32,
    pub digits: Rc<String>,
    /// How long it took and where ("1.2 ms, on the main thread").
    pub computed: String,
    pub detail: Option<String>,
}

/// The exact value: its digit count, the value (or its two ends), and Expand, Copy and
/// Download. Keyed by n, so a new n starts collapsed with no stale status line.
#[component]
pub fn ExactDigits(props: &ExactDigitsProps) -> Html {
    let expanded = use_state(|| false);
    let status = use_state(|| None::<String>);
    let n = props.n;
    let summary = summarize_digits(&props.digits, EDGE);
    let short = summary.digits <= 2 * EDGE;
    let all_digits = use_memo((props.digits.clone(), *expanded), |(digits, expanded)| {
        expanded.then(|| AttrValue::from(thin_spaced(digits)))
    });

    let on_copy = {
        let (digits, status) = (props.digits.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (digits, status) = (digits.clone(), status.clone());
            yew::platform::spawn_local(async move {
                let ok = dom::copy_text(&digits).await;
                status.set(Some(if ok {
                    format!("Copied {} digits.", grouped(digits.len()))
                } else {
                    "The browser refused clipboard access; use Download instead.".into()
                }));
            });
        })
    };
    let on_download = {
        let (digits, status) = (props.digits.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let text = format!("{digits}\n");
            if let Err(message) = dom::download(
                &format!("fibonacci-{n}.txt"),
                "text/plain;charset=utf-8",
                text.as_bytes(),
            ) {
                status.set(Some(format!("Download failed: {message}.")));
            }
        })
    };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };

    html! {
        <div id="fib-exact">
            <dl class="facts">
                <dt>{ "digits" }</dt><dd id="fib-digit-count">{ grouped(summary.digits) }</dd>
                if short {
                    <dt>{ "value" }</dt>
                    <dd id="fib-value" class="digit-run">{ breakable_digits(&props.digits, summary.digits) }</dd>
                } else {
                    <dt>{ "first" }</dt>
                    <dd id="fib-first" class="digit-run">{ breakable_digits(&summary.first, summary.digits) }{ "…" }</dd>
                    <dt>{ "last" }</dt>
                    <dd id="fib-last" class="digit-run">{ "…" }{ breakable_digits(&summary.last, summary.last.len()) }</dd>
                }
                <dt>{ "computed" }</dt>
                <dd>{ props.computed.clone() }
                    if let Some(detail) = &props.detail { <br/><small class="note">{ detail }</small> }
                </dd>
            </dl>
            <div class="actions">
                if !short {
                    <button type="button" class="button" onclick={toggle} aria-expanded={expanded.to_string()}
                            aria-controls="fib-all-digits">
                        { if *expanded { "Collapse" } else { "Expand all digits" } }
                    </button>
                }
                <button type="button" class="button" onclick={on_copy}>{ "Copy" }</button>
                <button type="button" class="button" onclick={on_download}>{ "Download .txt" }</button>
                if let Some(text) = &*status {
                    <span class="note" role="status">{ text }</span>
                }
            </div>
            if let Some(all) = all_digits.as_ref() {
                <p class="note">{ "In groups of three; Copy and Download give the plain digits." }</p>
                <pre id="fib-all-digits" class="digits" tabindex="0"
                     aria-label={format!("All {} digits of F({n})", grouped(summary.digits))}>{ all.clone() }</pre>
            }
        </div>
    }
}
