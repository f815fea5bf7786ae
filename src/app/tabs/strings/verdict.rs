//! The verdict panel beside the e-mail field: what this browser says, where the rule
//! breaks, the three checks side by side, and one sentence on how they relate.

use std::rc::Rc;

use yew::prelude::*;

use super::show::{hidden_box, visible};
use crate::lab::text::{EmailCheck, Engine, caret_window, is_hidden_char};

/// Characters of context shown each side of the character an error points at.
const CONTEXT_CHARS: usize = 32;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub check: Rc<EmailCheck>,
    /// This browser's answer; `None` with no DOM to ask.
    pub browser: Option<bool>,
    pub engine: Engine,
    /// The field's value, as typed.
    pub raw: AttrValue,
    /// Selects the character the error points at, in the field.
    pub on_select: Callback<MouseEvent>,
}

#[component]
pub fn VerdictPanel(props: &VerdictProps) -> Html {
    let check = &*props.check;
    let engine = props.engine;
    let (class, headline) = match (check.accepted(props.browser), props.browser.is_some()) {
        (true, true) => (
            "verdict good",
            "✓ This browser accepts this address".to_string(),
        ),
        (false, true) => (
            "verdict bad",
            "✗ This browser rejects this address".to_string(),
        ),
        (yes, false) => (
            if yes { "verdict good" } else { "verdict bad" },
            format!(
                "{} Firefox, as modelled, {} this address",
                if yes { "✓" } else { "✗" },
                if yes { "accepts" } else { "rejects" }
            ),
        ),
    };
    let agree = props.browser.map(|b| b == check.model);
    let sanitized_note = (check.sanitized != *props.raw).then(|| html! {
        <p class="explain">
            { "Every browser first removes line breaks and leading and trailing spaces, so it checks " }
            { shortened(&check.sanitized) }{ "." }
        </p>
    });
    let explanation = check.explain(props.browser, engine);
    let caution = check.too_long_to_deliver();

    html! {
        <div aria-live="polite">
            <p id="email-verdict" class={class}>{ headline }</p>
            { caret_view(check, &props.on_select) }
            <table class="checks">
                <tbody>
                    <tr>
                        <th scope="row">{ "HTML rule on the sanitized value, " }<code>{ "validate_email" }</code></th>
                        <td id="email-rule">{ match &check.rule {
                            Ok(()) => html! { <span class="good">{ "✓ valid" }</span> },
                            Err(e) => html! { <span class="bad">{ format!("✗ {e}") }</span> },
                        } }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ "Rust model of Firefox, " }<code>{ "browser_accepts_email" }</code></th>
                        <td id="email-model">{ yes_no(check.model) }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ format!("This browser ({}): hidden ", engine.name()) }<code>{ "<input type=email required>" }</code>{ ", validity.valid" }</th>
                        <td id="email-browser">{ match props.browser {
                            Some(b) => yes_no(b),
                            None => html! { <span class="note">{ "no browser to ask" }</span> },
                        } }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ "Rust model and this browser" }</th>
                        <td>{ match agree {
                            Some(true) => html! { <span id="email-agree" class="badge agree">{ "✓ agree" }</span> },
                            Some(false) => html! { <span id="email-agree" class="badge disagree">{ "✗ disagree" }</span> },
                            None => html! {},
                        } }</td>
                    </tr>
                </tbody>
            </table>
            { sanitized_note }
            if let Some(sentence) = explanation {
                <p class="explain" id="email-explain">{ sentence }</p>
            }
            if let Some(caution) = caution {
                <p class="explain" id="email-caution">{ caution }</p>
            }
        </div>
    }
}

fn yes_no(valid: bool) -> Html {
    if valid {
        html! { <span class="good">{ "✓ valid" }</span> }
    } else {
        html! { <span class="bad">{ "✗ invalid" }</span> }
    }
}

/// At most 120 characters of `s`, hidden characters boxed.
fn shortened(s: &str) -> Html {
    let short: String = s.chars().take(120).collect();
    let more = if s.chars().nth(120).is_some() {
        "…"
    } else {
        ""
    };
    html! { <code class="mono">{ visible(&short) }{ more }</code> }
}

/// The sanitized value around the character the error points at, that character
/// marked and a caret under it. Everything before the culprit passed the rule, so it
/// is printable ASCII and the caret lines up in a monospace font.
fn caret_view(check: &EmailCheck, select: &Callback<MouseEvent>) -> Html {
    let Err(error) = &check.rule else {
        return html! {};
    };
    let Some(position) = error.position else {
        return match error.hint() {
            Some(hint) => html! { <p class="hint">{ hint }</p> },
            None => html! {},
        };
    };
    let window = caret_window(&check.sanitized, position, CONTEXT_CHARS);
    let caret_pad = " ".repeat(window.caret_column());
    let culprit = match window.culprit {
        Some(' ') => html! { <span class="esc" title="a space">{ "␠" }</span> },
        Some(c) if is_hidden_char(c) => hidden_box(c),
        Some(c) => html! { { c.to_string() } },
        // The error is about the end of the text (e.g. a trailing '.' was the last char).
        None => html! { { " " } },
    };
    html! {
        <>
            // Scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it.
            <div class="caret-view" id="email-caret" role="img" tabindex="0"
                 aria-label={format!("the address with character {position} marked")}>
                <bdo dir="ltr">{ if window.clipped_before { "…" } else { "" } }{ window.before.clone() }<mark>{ culprit }</mark></bdo>
                { visible(&window.after) }{ if window.clipped_after { "…" } else { "" } }{ "\n" }
                <span class="caret-line" aria-hidden="true">{ caret_pad }{ "^" }</span>
            </div>
            if let Some(hint) = error.hint() {
                <p class="hint">{ hint }</p>
            }
            <button type="button" class="button" onclick={select.clone()}>
                { "Select that character in the field" }
            </button>
        </>
    }
}
