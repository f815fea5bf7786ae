//! An i64 written the way each locale writes it: `format_number_in` beside the browser's
//! `Intl.NumberFormat(locale).format(BigInt(n))`, row by row, with an agree mark.

use std::rc::Rc;

use yew::prelude::*;

use super::show::visible_spaces;
use crate::app::widgets::{ErrorText, SourceView};
use crate::lab::fmt::count;
use crate::lab::text::{self, IntegerInputError, SUPPORTED_LOCALES, separators_in_words};
use crate::web::dom::event_value;
use crate::web::strings as glue;

/// The most characters the number field takes: an i64 has at most 20, and room is
/// left for spaces, separators and signs a person may type.
const NUMBER_FIELD_MAX_CHARS: usize = 64;

const SAMPLES: &[(&str, &str)] = &[
    ("i64::MIN", "-9223372036854775808"),
    ("i64::MAX", "9223372036854775807"),
    ("1234", "1234"),
    ("12345", "12345"),
    ("1234567", "1234567"),
    ("-1000", "-1000"),
    ("0", "0"),
    ("2^63", "9223372036854775808"),
    ("1.5", "1.5"),
    ("1,000", "1,000"),
];

#[derive(Properties, PartialEq)]
pub struct NumberProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

#[derive(PartialEq)]
struct Row {
    locale: &'static str,
    rust: String,
    browser: Result<String, String>,
}

impl Row {
    fn agrees(&self) -> bool {
        self.browser.as_deref() == Ok(self.rust.as_str())
    }
}

fn rows(n: i64) -> Vec<Row> {
    SUPPORTED_LOCALES
        .iter()
        .map(|&locale| Row {
            locale,
            rust: text::format_number_in(n, locale).unwrap_or_else(|e| e.to_string()),
            browser: glue::intl_format(locale, n),
        })
        .collect()
}

#[component]
pub fn NumberSection(props: &NumberProps) -> Html {
    let parsed = use_memo(props.value.clone(), |v| text::parse_integer(v));
    let table = use_memo(parsed.clone(), |p: &Rc<Result<i64, IntegerInputError>>| {
        p.as_ref().as_ref().ok().map(|&n| rows(n))
    });
    let refused = use_state(|| None::<usize>);
    let oninput = {
        let (on_change, refused) = (props.on_change.clone(), refused.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(value) = event_value(&e) {
                refused.set(None);
                on_change.emit(value);
            }
        })
    };
    let onpaste = {
        let refused = refused.clone();
        Callback::from(move |e: Event| {
            if let Some(length) = glue::refuse_long_paste(&e, NUMBER_FIELD_MAX_CHARS) {
                refused.set(Some(length));
            }
        })
    };
    let message = match *refused {
        Some(length) => Some(format!(
            "Not put in the field: that text has {}, and an i64 has at most 20 digits.",
            count(length, "character", "characters")
        )),
        None => parsed
            .as_ref()
            .as_ref()
            .err()
            .map(|e| format!("Not an i64: {e}.")),
    };

    html! {
        <section class="card" aria-labelledby="numbers-title">
            <h3 id="numbers-title">{ "Numbers the way " }<code>{ "Intl.NumberFormat" }</code>{ " writes them" }</h3>
            <div class="split">
                <div>
                    <div class="field">
                        <label for="number-input">{ "A whole number (any i64)" }</label>
                        <input id="number-input" type="text" inputmode="numeric" spellcheck="false"
                               autocomplete="off" maxlength={NUMBER_FIELD_MAX_CHARS.to_string()}
                               value={props.value.clone()} {oninput} {onpaste}
                               aria-describedby="number-error"
                               aria-invalid={message.is_some().to_string()} />
                    </div>
                    <ErrorText id="number-error" message={message} />
                    <div class="chips" role="group" aria-label="Example numbers">
                        <span class="chips-label">{ "Try:" }</span>
                        { for SAMPLES.iter().map(|(name, value)| {
                            let (on_change, refused) = (props.on_change.clone(), refused.clone());
                            let onclick = Callback::from(move |_: MouseEvent| {
                                refused.set(None);
                                on_change.emit((*value).to_string());
                            });
                            html! { <button type="button" class="button" {onclick}>{ *name }</button> }
                        }) }
                    </div>
                    if let Ok(n) = parsed.as_ref() {
                        <p>{ "format_number (en-US): " }<code id="number-en">{ text::format_number(*n) }</code></p>
                    }
                </div>
                <p class="note">
                    { "An i64 goes down to −9,223,372,036,854,775,808, past JavaScript's safe integers (2^53): \
                       the browser side gets it as a BigInt, exactly. Grouping is not \"a comma every three \
                       digits\": German writes '.', French a narrow no-break space, Polish and Spanish leave \
                       four-digit numbers alone, Indian English groups by two after the first three, Swedish \
                       uses a real minus sign." }
                </p>
            </div>
            { match table.as_ref() {
                Some(rows) => locale_table(rows),
                None => html! { <p class="note">{ "Type a whole number to see it in every locale." }</p> },
            } }
            <SourceView path="src/lab/text.rs" region="format_number" />
        </section>
    }
}

fn locale_table(rows: &[Row]) -> Html {
    let agreeing = rows.iter().filter(|r| r.agrees()).count();
    html! {
        <>
            <p id="number-agreement" class={if agreeing == rows.len() { "counts good" } else { "counts bad" }}>
                { format!("{agreeing} of {} locales agree with this browser", rows.len()) }
            </p>
            // Scrolls sideways where it does not fit (on a phone each row becomes a card):
            // focusable and named, so a keyboard can scroll it.
            <div class="table-scroll locale-scroll" tabindex="0" role="region" aria-label="Every locale, Rust beside the browser">
                <table class="locale-table" id="locale-table">
                    <thead><tr>
                        <th scope="col">{ "Locale" }</th>
                        <th scope="col">{ "Rust format_number_in" }</th>
                        <th scope="col">{ "Browser Intl" }</th>
                        <th scope="col">{ "Same?" }</th>
                        <th scope="col">{ "Separators" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr data-locale={r.locale}>
                                <th scope="row"><code>{ r.locale }</code></th>
                                <td class="out" lang={r.locale} data-label="Rust">{ visible_spaces(&r.rust) }</td>
                                <td class="out" lang={r.locale} data-label="Browser">{ match &r.browser {
                                    Ok(s) => visible_spaces(s),
                                    Err(e) => html! { <span class="bad">{ format!("Intl threw: {e}") }</span> },
                                } }</td>
                                <td class="same" data-label="Match">{ if r.agrees() {
                                    html! { <span class="good">{ "✓ same" }</span> }
                                } else {
                                    html! { <span class="bad">{ "✗ differs" }</span> }
                                } }</td>
                                <td class="sep" data-label="Separators">{ separators_in_words(r.locale) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}
