//! One address, checked as you type: the HTML rule (`validate_email`), the Rust model of
//! Firefox (`browser_accepts_email`), and this browser's own `<input type=email>`.

use yew::prelude::*;

use super::verdict::VerdictPanel;
use crate::app::widgets::{ErrorText, SourceView};
use crate::lab::fmt::{count, grouped};
use crate::lab::text::{self, DELIVERABLE_EMAIL_MAX_CHARS, EMAIL_FIELD_MAX_CHARS, EmailCheck};
use crate::web::strings as glue;

/// Example inputs, each showing one rule or one trap.
const SAMPLES: &[(&str, &str)] = &[
    ("a@b.c", "a@b.c"),
    ("spaces", "  ada@example.com  "),
    ("IDN", "jo@bücher.de"),
    ("emoji", "😀@example.com"),
    ("emoji domain", "a@😀.com"),
    ("RTL", "שלום@example.com"),
    ("RTL override", "ada@exa\u{202E}moc.elpm"),
    ("NUL", "ada\u{0}@example.com"),
    ("quoted", "\"ada lovelace\"@example.com"),
    ("-label", "ada@-example.com"),
    (
        "64-char label",
        "ada@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
    ),
    ("trailing dot", "ada@example.com."),
    ("two @", "ada@home@example.com"),
    ("empty", ""),
];

const FIELD_ID: &str = "email-input";

#[derive(Properties, PartialEq)]
pub struct EmailProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

#[component]
pub fn EmailSection(props: &EmailProps) -> Html {
    let check = use_memo(props.value.clone(), |raw| EmailCheck::new(raw));
    let browser = use_memo(props.value.clone(), |raw| glue::browser_email_valid(raw));
    let engine = use_memo((), |_| glue::engine());
    // The length of the last text the field refused, for the message.
    let refused = use_state(|| None::<usize>);

    let oninput = {
        let (on_change, refused, value) = (
            props.on_change.clone(),
            refused.clone(),
            props.value.clone(),
        );
        Callback::from(move |e: InputEvent| {
            match glue::field_value_up_to(&e, EMAIL_FIELD_MAX_CHARS) {
                Some(Ok(typed)) => {
                    refused.set(None);
                    on_change.emit(typed);
                }
                // Set by a script past `maxlength`: put back what the field held.
                Some(Err(length)) => {
                    glue::set_field_value(FIELD_ID, &value);
                    refused.set(Some(length));
                }
                None => {}
            }
        })
    };
    let onpaste = {
        let refused = refused.clone();
        Callback::from(move |e: Event| {
            if let Some(length) = glue::refuse_long_paste(&e, EMAIL_FIELD_MAX_CHARS) {
                refused.set(Some(length));
            }
        })
    };
    let select_culprit = {
        let (value, check) = (props.value.clone(), check.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(position) = check.rule.as_ref().err().and_then(|e| e.position) else {
                return;
            };
            let at = position + check.removed_before;
            // setSelectionRange counts UTF-16 code units, not chars.
            if let (Some(start), Some(end)) = (
                text::char_to_utf16_index(&value, at),
                text::char_to_utf16_index(&value, at + 1),
            ) {
                glue::select_in_field(FIELD_ID, start, end);
            }
        })
    };
    let chips = SAMPLES.iter().map(|(name, value)| {
        let (on_change, refused) = (props.on_change.clone(), refused.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            refused.set(None);
            on_change.emit((*value).to_string());
        });
        html! { <button type="button" class="button" {onclick}>{ *name }</button> }
    });

    // The message next to the field says why the browser would refuse the address.
    let field_message = match (&check.rule, check.accepted(*browser)) {
        (_, true) => None,
        (Err(e), false) => Some(format!("Not a valid e-mail address: {e}.")),
        (Ok(()), false) => Some(
            "Not a valid e-mail address: the browser cannot convert its domain to ASCII."
                .to_string(),
        ),
    };

    html! {
        <section class="card" aria-labelledby="email-title">
            <h3 id="email-title">{ "E-mail: the rule " }<code>{ "<input type=email>" }</code>{ " uses" }</h3>
            <div class="split">
                <div>
                    <div class="field">
                        <label for={FIELD_ID}>{ "E-mail address" }</label>
                        <input id={FIELD_ID} type="text" spellcheck="false"
                               autocomplete="off" autocapitalize="off" inputmode="email"
                               maxlength={EMAIL_FIELD_MAX_CHARS.to_string()}
                               value={props.value.clone()} {oninput} {onpaste}
                               aria-describedby="email-error email-refused"
                               aria-invalid={(!check.accepted(*browser)).to_string()} />
                    </div>
                    <ErrorText id="email-error" message={field_message} />
                    <p id="email-refused" class={refused.is_some().then_some("notice")} role="status">{
                        refused.map(|length| format!(
                            "Not put in the field: that text has {}. This field takes one address, up to {} (an \
                             address mail can deliver has at most {DELIVERABLE_EMAIL_MAX_CHARS}); a long list \
                             belongs in the batch box below, which checks megabytes.",
                            count(length, "character", "characters"),
                            count(EMAIL_FIELD_MAX_CHARS, "character", "characters"),
                        ))
                    }</p>
                    <div class="chips" role="group" aria-label="Example addresses">
                        <span class="chips-label">{ "Try:" }</span>
                        { for chips }
                    </div>
                    <p class="note">
                        { format!("The HTML standard's rule is not RFC 5322: no quoted names, no comments, no IP literals; \
                           any of . ! # $ % & ' * + / = ? ^ _ ` {{ | }} ~ - before the '@', and dot-separated labels \
                           of letters, digits and '-' (at most 63 each) after it, and no limit on the length \
                           (this field stops at {}). Before checking, the browser strips line breaks and \
                           surrounding spaces; Firefox also converts an international domain to ASCII.",
                           grouped(EMAIL_FIELD_MAX_CHARS)) }
                    </p>
                </div>
                <VerdictPanel check={check.clone()} browser={*browser} engine={*engine}
                              raw={props.value.clone()} on_select={select_culprit} />
            </div>
            <SourceView path="src/lab/text.rs" region="validate_email" />
            <SourceView path="src/lab/text.rs" region="browser_accepts_email"
                        summary="Show the Rust model of Firefox" />
        </section>
    }
}
