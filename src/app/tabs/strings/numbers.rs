//! An i64 written the way each locale writes it: `format_number_in` beside the browser's
//! `Intl.NumberFormat(locale).format(BigInt(n))`, row by row, with an agree mark.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::visible;
use crate::app::widgets::{ErrorText, SourceView};
use crate::lab::text::{self, SUPPORTED_LOCALES};
use crate::web::strings as glue;

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

/// How a locale separates groups and writes the minus, in words: the characters that
/// look like a space or a hyphen are not the ones on the keyboard.
fn separators(locale: &str) -> String {
    let name = |c: char| match c {
        ',' => "comma ,".to_string(),
        '.' => "full stop .".to_string(),
        '\'' => "apostrophe '".to_string(),
        '\u{202F}' => "narrow no-break space U+202F".to_string(),
        '\u{A0}' => "no-break space U+00A0".to_string(),
        '\u{2212}' => "minus sign U+2212".to_string(),
        '-' => "hyphen-minus -".to_string(),
        other => format!("U+{:04X}", u32::from(other)),
    };
    let grouped = text::format_number_in(1_234_567, locale).unwrap_or_default();
    let separator = grouped.chars().find(|c| !c.is_ascii_digit());
    let negative = text::format_number_in(-1, locale).unwrap_or_default();
    let minus = negative.chars().next().filter(|c| !c.is_ascii_digit());
    let short = text::format_number_in(1234, locale).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(s) = separator {
        parts.push(name(s));
    }
    if minus.is_some_and(|m| m != '-') {
        parts.push(format!("minus {}", name(minus.unwrap_or('-'))));
    }
    if !short.chars().any(|c| !c.is_ascii_digit()) {
        parts.push("1234 not grouped".to_string());
    }
    if locale.ends_with("-IN") {
        parts.push("groups of 2".to_string());
    }
    parts.join(", ")
}

#[component]
pub fn NumberSection(props: &NumberProps) -> Html {
    let parsed = use_memo(props.value.clone(), |v| text::parse_integer(v));
    let table = use_memo(
        parsed.clone(),
        |p: &std::rc::Rc<Result<i64, text::IntegerInputError>>| match **p {
            Ok(n) => Some(rows(n)),
            Err(_) => None,
        },
    );
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(input.value());
        })
    };
    let message = parsed
        .as_ref()
        .as_ref()
        .err()
        .map(|e| format!("Not an i64: {e}."));

    html! {
        <section class="card" aria-labelledby="numbers-title">
            <h3 id="numbers-title">{ "Numbers the way " }<code>{ "Intl.NumberFormat" }</code>{ " writes them" }</h3>
            <div class="split">
                <div>
                    <div class="field">
                        <label for="number-input">{ "A whole number (any i64)" }</label>
                        <input id="number-input" type="text" inputmode="numeric" spellcheck="false"
                               autocomplete="off" value={props.value.clone()} {oninput}
                               aria-describedby="number-error"
                               aria-invalid={message.is_some().to_string()} />
                    </div>
                    <ErrorText id="number-error" message={message} />
                    <div class="chips" role="group" aria-label="Example numbers">
                        <span class="chips-label">{ "Try:" }</span>
                        { for SAMPLES.iter().map(|(name, value)| {
                            let on_change = props.on_change.clone();
                            let onclick = Callback::from(move |_: MouseEvent| on_change.emit((*value).to_string()));
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
            <div class="table-scroll">
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
                                <td class="out" lang={r.locale}>{ visible_spaces(&r.rust) }</td>
                                <td class="out" lang={r.locale}>{ match &r.browser {
                                    Ok(s) => visible_spaces(s),
                                    Err(e) => html! { <span class="bad">{ format!("Intl threw: {e}") }</span> },
                                } }</td>
                                <td>{ if r.agrees() {
                                    html! { <span class="good" aria-label="agree">{ "✓" }</span> }
                                } else {
                                    html! { <span class="bad">{ "✗ differs" }</span> }
                                } }</td>
                                <td class="sep">{ separators(r.locale) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

/// The formatted number as it is (the special spaces are part of the lesson and
/// render as spaces); `visible` would box them, which hides the look of the number.
fn visible_spaces(s: &str) -> Html {
    if s.chars()
        .all(|c| !super::is_hidden_char(c) || c == '\u{A0}' || c == '\u{202F}')
    {
        html! { { s.to_string() } }
    } else {
        visible(s)
    }
}
