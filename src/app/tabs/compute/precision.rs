//! "The same loop in JavaScript": the `Number` loop, the `BigInt` loop and ours for the
//! chosen n, run in this page, with where `Number` first goes wrong.

use std::rc::Rc;

use yew::prelude::*;

use super::MAIN_THREAD_MAX_N;
use super::digits::shortened;
use crate::lab::compute as lab;
use crate::lab::fmt::grouped;
use crate::web::compute as glue;

#[derive(Properties, PartialEq)]
pub struct PrecisionProps {
    pub n: u32,
    /// Our exact digits of F(n), once ready.
    pub exact: Option<Rc<String>>,
}

#[component]
pub fn Precision(props: &PrecisionProps) -> Html {
    let n = props.n;
    let first_wrong = use_memo((), |_| glue::js_first_number_wrong_n());
    let number = use_memo(n, |&n| glue::js_fib_number(n));
    let bigint = use_memo(n, |&n| {
        (n <= MAIN_THREAD_MAX_N).then(|| glue::js_fib_bigint_decimal(n))
    });
    let ours = props.exact.as_deref().map(String::as_str);
    let number_digits = glue::js_number_as_exact_digits(*number);
    let number_printed = glue::js_number_to_string(*number);
    let verdict = |candidate: &str| -> Html {
        match ours {
            Some(exact) if exact == candidate => html! { <span class="ok-text">{ "exact" }</span> },
            Some(_) => html! { <span class="bad-text">{ "wrong" }</span> },
            None => html! { <span class="note">{ "(waiting for the exact value)" }</span> },
        }
    };
    let difference = match (ours, number.is_finite()) {
        (Some(exact), true) if exact != number_digits => {
            match (exact.parse::<i128>(), number_digits.parse::<i128>()) {
                (Ok(e), Ok(j)) => Some(format!("off by {}", grouped((j - e).unsigned_abs()))),
                _ => Some("off in the low digits".into()),
            }
        }
        (Some(_), false) => Some("overflowed to Infinity (past F(1476))".into()),
        _ => None,
    };
    html! {
        <section class="block" aria-labelledby="fib-precision-title">
            <h3 id="fib-precision-title">{ "The same loop in JavaScript" }</h3>
            <p>
                { "JavaScript's " }<code>{ "Number" }</code>{ " is an f64: integers are exact only up to 2⁵³. The \
                   loop " }<code>{ "let a = 0, b = 1; for (…) [a, b] = [b, a + b]" }</code>{ " gives no error when it \
                   passes that — it just rounds. " }<code>{ "BigInt" }</code>{ " is exact, at a cost." }
            </p>
            <p class="lesson" id="js-first-wrong">
                { "First n where the JavaScript Number loop is wrong, found just now by running it against BigInt in this page: " }
                <strong>{ if *first_wrong >= 0 { first_wrong.to_string() } else { "none found".into() } }</strong>
                { format!(" (Rust's f64 check agrees: {}).", lab::first_f64_wrong_n()) }
            </p>
            <div class="table-scroll">
                <table class="precision" id="fib-precision">
                    <caption class="note">{ format!("F({}) three ways, for the n above", grouped(n)) }</caption>
                    <thead><tr><th scope="col">{ "Computed by" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Verdict" }</th></tr></thead>
                    <tbody>
                        <tr id="precision-number">
                            <th scope="row">{ "JavaScript Number loop" }</th>
                            <td>{ shortened(&number_digits) }
                                if number_printed != number_digits {
                                    <br/><small class="note">{ format!("JavaScript prints it as {number_printed}") }</small>
                                }
                            </td>
                            <td>{ verdict(&number_digits) }
                                if let Some(d) = difference { <br/><small>{ d }</small> }
                            </td>
                        </tr>
                        <tr id="precision-bigint">
                            <th scope="row">{ "JavaScript BigInt (fast doubling)" }</th>
                            { match bigint.as_ref() {
                                Some(digits) => html! { <><td>{ shortened(digits) }</td><td>{ verdict(digits) }</td></> },
                                None => html! {
                                    <td colspan="2" class="note">{ format!("not computed above n = {} (it would hold up the page)",
                                                                           grouped(MAIN_THREAD_MAX_N)) }</td>
                                },
                            } }
                        </tr>
                        <tr id="precision-rust">
                            <th scope="row">{ "Rust (WASM), fibonacci_decimal" }</th>
                            <td>{ ours.map(shortened).unwrap_or_else(|| html! { "…" }) }</td>
                            <td>{ if ours.is_some() { html! { <span class="ok-text">{ "exact (reference)" }</span> } } else { html! {} } }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
    }
}
