//! One address, checked as you type: the HTML rule (`validate_email`), the Rust model of
//! the browser (`browser_accepts_email`), and the browser's own `<input type=email>`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{code_point, is_hidden_char, visible};
use crate::app::widgets::{ErrorText, SourceView};
use crate::lab::fmt::bytes;
use crate::lab::text::{self, EmailError};
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

/// Characters of context shown each side of the character an error points at.
const CONTEXT_CHARS: usize = 32;

/// Above this many bytes only the HTML rule (one linear scan) runs as you type; the
/// browser's check, its Rust model and the IDN conversion each copy or convert the whole
/// text, which on a 10 MB paste would hold the page for a noticeable time per keystroke.
pub const LIVE_COMPARE_MAX_BYTES: usize = 256 * 1024;

#[derive(Properties, PartialEq)]
pub struct EmailProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

/// Everything the verdict panel shows, computed once per input value.
#[derive(PartialEq)]
struct Verdicts {
    sanitized: String,
    /// Leading characters the sanitizer removed (for mapping positions back).
    removed_before: usize,
    rule: Result<(), EmailError>,
    /// `None` when the text is over [`LIVE_COMPARE_MAX_BYTES`].
    model: Option<bool>,
    /// `None` when over the limit, or with no DOM to ask.
    browser: Option<bool>,
    too_long: bool,
    /// The ASCII form the browser checks, when it differs from the sanitized value.
    ascii_form: Option<Option<String>>,
}

fn compute(raw: &str) -> Verdicts {
    // Without CR/LF, sanitizing is only a trim: a slice copy instead of a char-by-char
    // filter, which matters for a 10 MB paste.
    let sanitized = if raw.contains(['\r', '\n']) {
        text::sanitize_email_value(raw)
    } else {
        raw.trim_matches(|c| matches!(c, '\t' | '\x0C' | ' '))
            .to_string()
    };
    let removed_before = if raw.contains(['\r', '\n']) {
        0
    } else {
        raw.chars()
            .take_while(|c| matches!(c, '\t' | '\x0C' | ' '))
            .count()
    };
    let rule = text::validate_email(&sanitized);
    let too_long = raw.len() > LIVE_COMPARE_MAX_BYTES;
    if too_long {
        return Verdicts {
            sanitized,
            removed_before,
            rule,
            model: None,
            browser: None,
            too_long,
            ascii_form: None,
        };
    }
    let model = text::browser_accepts_email(raw);
    let browser = glue::browser_email_valid(raw);
    // The IDN conversion only matters (and is only worth its cost) for a non-ASCII or
    // xn-- domain; everything else is checked as it is.
    let domain = sanitized.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
    let ascii_form = (!domain.is_ascii() || domain.to_ascii_lowercase().contains("xn--"))
        .then(|| text::browser_email_ascii_form(raw));
    Verdicts {
        sanitized,
        removed_before,
        rule,
        model: Some(model),
        browser,
        too_long,
        ascii_form,
    }
}

#[component]
pub fn EmailSection(props: &EmailProps) -> Html {
    let input_ref = use_node_ref();
    let verdicts = use_memo(props.value.clone(), |raw| compute(raw));

    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(input.value());
        })
    };
    let select_culprit = {
        let input_ref = input_ref.clone();
        let value = props.value.clone();
        let verdicts = verdicts.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(position) = verdicts.rule.as_ref().err().and_then(|e| e.position) else {
                return;
            };
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let at = position + verdicts.removed_before;
            // setSelectionRange counts UTF-16 code units, not chars.
            if let (Some(start), Some(end)) = (
                text::char_to_utf16_index(&value, at),
                text::char_to_utf16_index(&value, at + 1),
            ) {
                let _ = input.focus();
                let _ = input.set_selection_range(start as u32, end as u32);
            }
        })
    };

    let v = &*verdicts;
    let agree = v.browser.zip(v.model).map(|(b, m)| b == m);
    let accepted = v.browser.or(v.model).unwrap_or(v.rule.is_ok());
    // The message next to the field says why the browser would refuse the address.
    let field_message = match (&v.rule, accepted) {
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
                        <label for="email-input">{ "E-mail address" }</label>
                        <input id="email-input" ref={input_ref} type="text" spellcheck="false"
                               autocomplete="off" autocapitalize="off" inputmode="email"
                               value={props.value.clone()} {oninput}
                               aria-describedby="email-error"
                               aria-invalid={(!accepted).to_string()} />
                    </div>
                    <ErrorText id="email-error" message={field_message} />
                    <div class="chips" role="group" aria-label="Example addresses">
                        <span class="chips-label">{ "Try:" }</span>
                        { for SAMPLES.iter().map(|(name, value)| {
                            let on_change = props.on_change.clone();
                            let onclick = Callback::from(move |_: MouseEvent| on_change.emit((*value).to_string()));
                            html! { <button type="button" class="button" {onclick}>{ *name }</button> }
                        }) }
                    </div>
                    <p class="note">
                        { "The HTML standard's rule is not RFC 5322: no quoted names, no comments, no IP literals; \
                           any of . ! # $ % & ' * + / = ? ^ _ ` { | } ~ - before the '@', and dot-separated labels \
                           of letters, digits and '-' (at most 63 each) after it. Before checking, the browser strips \
                           line breaks and surrounding spaces and converts an international domain to ASCII." }
                    </p>
                </div>
                <div aria-live="polite">
                    { verdict_headline(v) }
                    { caret_view(v, &select_culprit) }
                    <table class="checks">
                        <tbody>
                            <tr>
                                <th scope="row">{ "HTML rule on the sanitized value, " }<code>{ "validate_email" }</code></th>
                                <td id="email-rule">{ match &v.rule {
                                    Ok(()) => html! { <span class="good">{ "✓ valid" }</span> },
                                    Err(e) => html! { <span class="bad">{ format!("✗ {e}") }</span> },
                                } }</td>
                            </tr>
                            <tr>
                                <th scope="row">{ "Rust model of the browser, " }<code>{ "browser_accepts_email" }</code></th>
                                <td id="email-model">{ match v.model {
                                    Some(m) => yes_no(m),
                                    None => not_asked(),
                                } }</td>
                            </tr>
                            <tr>
                                <th scope="row">{ "This browser: hidden " }<code>{ "<input type=email required>" }</code>{ ", validity.valid" }</th>
                                <td id="email-browser">{ match v.browser {
                                    Some(b) => yes_no(b),
                                    None if v.too_long => not_asked(),
                                    None => html! { <span class="note">{ "no browser to ask" }</span> },
                                } }</td>
                            </tr>
                            <tr>
                                <th scope="row">{ "Rust and browser" }</th>
                                <td>{ match agree {
                                    Some(true) => html! { <span id="email-agree" class="badge agree">{ "✓ agree" }</span> },
                                    Some(false) => html! { <span id="email-agree" class="badge disagree">{ "✗ disagree" }</span> },
                                    None => html! {},
                                } }</td>
                            </tr>
                        </tbody>
                    </table>
                    { differences(v, &props.value) }
                </div>
            </div>
            <SourceView path="src/lab/text.rs" region="validate_email" />
            <SourceView path="src/lab/text.rs" region="browser_accepts_email"
                        summary="Show the Rust model of the browser" />
        </section>
    }
}

fn not_asked() -> Html {
    html! { <span class="note">{ format!("not asked: over {}", bytes(LIVE_COMPARE_MAX_BYTES as u64)) }</span> }
}

fn yes_no(valid: bool) -> Html {
    if valid {
        html! { <span class="good">{ "✓ valid" }</span> }
    } else {
        html! { <span class="bad">{ "✗ invalid" }</span> }
    }
}

fn verdict_headline(v: &Verdicts) -> Html {
    if v.too_long {
        let size = bytes(v.sanitized.len() as u64);
        let (class, text) = if v.rule.is_ok() {
            ("verdict good", format!("✓ Valid by the HTML rule ({size})"))
        } else {
            (
                "verdict bad",
                format!("✗ Not valid by the HTML rule ({size})"),
            )
        };
        return html! {
            <>
                <p id="email-verdict" class={class}>{ text }</p>
                <p class="notice" role="status">{ format!(
                    "This text is {size}. The HTML rule is one linear scan and stays live at any length; \
                     the comparison with the browser (which copies the whole text across the boundary and \
                     converts the domain) runs only up to {}, so typing stays responsive. \
                     Long lists belong in the batch box below.",
                    bytes(LIVE_COMPARE_MAX_BYTES as u64)
                ) }</p>
            </>
        };
    }
    let accepted = v.browser.or(v.model).unwrap_or(false);
    let (class, text) = if accepted {
        ("verdict good", "✓ The browser accepts this address")
    } else {
        ("verdict bad", "✗ The browser rejects this address")
    };
    html! { <p id="email-verdict" class={class}>{ text }</p> }
}

/// The sanitized value around the character the error points at, that character
/// marked and a caret under it. Everything before the culprit passed the rule, so it
/// is printable ASCII and the caret lines up in a monospace font.
fn caret_view(v: &Verdicts, select: &Callback<MouseEvent>) -> Html {
    let Err(error) = &v.rule else {
        return html! {};
    };
    let Some(position) = error.position else {
        if let Some(hint) = error.hint() {
            return html! { <p class="hint">{ hint }</p> };
        }
        return html! {};
    };
    let start = position.saturating_sub(CONTEXT_CHARS);
    let mut chars = v.sanitized.chars().skip(start);
    let before: String = chars.by_ref().take(position - start).collect();
    let culprit = chars.next();
    let after: String = chars.by_ref().take(CONTEXT_CHARS).collect();
    let more_after = chars.next().is_some();
    let lead = if start > 0 { "…" } else { "" };
    let caret_pad = " ".repeat(lead.chars().count() + before.chars().count());
    let culprit_html = match culprit {
        Some(' ') => html! { <span class="esc" title="a space">{ "␠" }</span> },
        Some(c) if is_hidden_char(c) => html! { <span class="esc">{ code_point(c) }</span> },
        Some(c) => html! { { c.to_string() } },
        // The error is about the end of the text (e.g. a trailing '.' was the last char).
        None => html! { { " " } },
    };
    html! {
        <>
            <div class="caret-view" id="email-caret" role="img"
                 aria-label={format!("the address with character {position} marked")}>
                <bdo dir="ltr">{ lead }{ before }<mark>{ culprit_html }</mark></bdo>
                { visible(&after) }{ if more_after { "…" } else { "" } }{ "\n" }
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

/// What the browser does beyond the rule, when it changes something.
fn differences(v: &Verdicts, raw: &str) -> Html {
    let shown = |s: &str| -> Html {
        let short: String = s.chars().take(120).collect();
        let more = if s.chars().nth(120).is_some() {
            "…"
        } else {
            ""
        };
        html! { <code class="mono">{ visible(&short) }{ more }</code> }
    };
    let sanitized_note = (v.sanitized != raw).then(|| {
        html! {
            <p class="explain">
                { "The browser first removes line breaks and leading and trailing spaces, so it checks " }
                { shown(&v.sanitized) }{ "." }
            </p>
        }
    });
    let ascii_note = match &v.ascii_form {
        Some(Some(ascii)) if *ascii != v.sanitized => Some(html! {
            <p class="explain">
                { "The domain is not ASCII: the browser converts it (UTS #46 ToASCII, Punycode) and checks " }
                { shown(ascii) }{ " instead." }
            </p>
        }),
        Some(None) => Some(html! {
            <p class="explain">
                { "The domain cannot be converted to ASCII (UTS #46 ToASCII refuses it), so the browser reports the input as invalid." }
            </p>
        }),
        _ => None,
    };
    let rule_ok = v.rule.is_ok();
    let split_note = v.model.filter(|&m| m != rule_ok).map(|model| {
        let text = if model {
            "The HTML rule alone rejects the typed form, but the browser checks the converted form, which passes: both results are right, they answer different questions."
        } else if v.sanitized.ends_with('.') || v.sanitized.ends_with('-') {
            "Firefox rejects a value that ends in '.' or '-' before converting the domain."
        } else {
            "The HTML rule accepts the text, but the browser's conversion of the domain fails or produces a label longer than 63 characters."
        };
        html! { <p class="explain"><strong>{ "Rule and browser differ. " }</strong>{ text }</p> }
    });
    let disagree_note = v.browser.zip(v.model).filter(|(b, m)| b != m).map(|(b, model)| {
        html! {
            <p class="notice" role="alert">
                { format!(
                    "This browser says {} but the Rust model says {}. The model follows Firefox; other browsers convert international domains with different code and may differ on such corners.",
                    if b { "valid" } else { "invalid" },
                    if model { "valid" } else { "invalid" }
                ) }
            </p>
        }
    });
    html! { <>{ sanitized_note }{ ascii_note }{ split_note }{ disagree_note }</> }
}
