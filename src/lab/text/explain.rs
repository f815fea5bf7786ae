//! The Strings tab's findings in words: one address seen by the HTML rule, by the Rust
//! model of Firefox and by the browser the page runs in, the place an error points at,
//! and how a locale writes its numbers. Everything here is worked out without a
//! browser, so it is tested natively; the page only adds the browser's own answer.

use super::{
    EmailError, browser_accepts_email, browser_email_ascii_form, format_number_in,
    sanitize_email_value, validate_email,
};
use crate::lab::fmt::grouped;

/// The most characters the single-address field takes. An address that mail can
/// deliver has at most [`DELIVERABLE_EMAIL_MAX_CHARS`]; the HTML rule itself has no
/// limit, so the field leaves room to try longer ones. Anything longer (a pasted list,
/// a file) belongs in the batch box, which is built for megabytes.
pub const EMAIL_FIELD_MAX_CHARS: usize = 1_024;

/// The longest address SMTP can carry: a path is at most 256 octets (RFC 5321
/// §4.5.3.1.3), two of which are the angle brackets around the address.
pub const DELIVERABLE_EMAIL_MAX_CHARS: usize = 254;

/// The browser engine a page runs in, as far as its `<input type=email>` goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Firefox: the engine [`browser_accepts_email`] models.
    Gecko,
    /// Chrome, Edge, Opera and the other Chromium browsers.
    Blink,
    /// Safari and every browser on iOS.
    WebKit,
    /// Anything else.
    Unknown,
}

impl Engine {
    /// The engine named by a `navigator.userAgent` string. Firefox is recognised by
    /// `Firefox/` (Chromium and Safari say "like Gecko", so that word proves nothing),
    /// Chromium by `Chrome/` or `Chromium/` (Edge and Opera carry it too), Safari and
    /// every iOS browser by `AppleWebKit/` without either.
    pub fn from_user_agent(ua: &str) -> Engine {
        if ua.contains("Firefox/") {
            Engine::Gecko
        } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
            Engine::Blink
        } else if ua.contains("AppleWebKit/") {
            Engine::WebKit
        } else {
            Engine::Unknown
        }
    }

    /// How the page names it: "Firefox", "Chromium", "Safari", "this browser".
    pub fn name(self) -> &'static str {
        match self {
            Engine::Gecko => "Firefox",
            Engine::Blink => "Chromium",
            Engine::WebKit => "Safari",
            Engine::Unknown => "this browser",
        }
    }
}

/// One address as the three checks see it, before the browser is asked.
#[derive(Clone, Debug, PartialEq)]
pub struct EmailCheck {
    /// What every browser checks: CR and LF removed, ASCII whitespace trimmed.
    pub sanitized: String,
    /// Characters the sanitizer removed before the first kept one (to map a position
    /// in `sanitized` back to the field).
    pub removed_before: usize,
    /// The HTML rule on `sanitized`.
    pub rule: Result<(), EmailError>,
    /// The Rust model of Firefox, [`browser_accepts_email`].
    pub model: bool,
    /// The ASCII form Firefox checks, computed only when the domain is not ASCII or has
    /// an `xn--` label: `Some(None)` when the conversion fails.
    pub ascii_form: Option<Option<String>>,
}

impl EmailCheck {
    /// Runs the rule and the model on `raw`, as typed into the field.
    pub fn new(raw: &str) -> EmailCheck {
        let sanitized = sanitize_email_value(raw);
        let removed_before = if raw.contains(['\r', '\n']) {
            0
        } else {
            raw.chars()
                .take_while(|c| matches!(c, '\t' | '\x0C' | ' '))
                .count()
        };
        let rule = validate_email(&sanitized);
        let model = browser_accepts_email(raw);
        let domain = sanitized.rsplit_once('@').map_or("", |(_, d)| d);
        let ascii_form = (!domain.is_ascii() || domain.to_ascii_lowercase().contains("xn--"))
            .then(|| browser_email_ascii_form(raw));
        EmailCheck {
            sanitized,
            removed_before,
            rule,
            model,
            ascii_form,
        }
    }

    /// The verdict the page leads with: this browser's when it answered, else the model's.
    pub fn accepted(&self, browser: Option<bool>) -> bool {
        browser.unwrap_or(self.model)
    }

    /// The converted domain, shortened for a sentence, when the conversion changed it.
    fn converted_domain(&self) -> Option<String> {
        let ascii = self.ascii_form.as_ref()?.as_ref()?;
        if *ascii == self.sanitized {
            return None;
        }
        let domain = ascii.rsplit_once('@').map_or(ascii.as_str(), |(_, d)| d);
        Some(shorten(domain, 60))
    }

    /// One sentence on how the HTML rule, the Rust model (which follows Firefox) and
    /// this browser's answer `browser` relate, naming the engine; `None` when all three
    /// agree and there is nothing to explain. It says what this browser does, and only
    /// claims for an engine what was seen in it.
    pub fn explain(&self, browser: Option<bool>, engine: Engine) -> Option<String> {
        let rule = self.rule.is_ok();
        let model = self.model;
        let accepts = |yes: bool| if yes { "accepts" } else { "rejects" };
        let converted = match self.converted_domain() {
            Some(domain) => format!(" to ASCII ({domain})"),
            None => " to ASCII".to_string(),
        };
        let why_firefox_rejects = if self.sanitized.ends_with('.') || self.sanitized.ends_with('-')
        {
            "it refuses a value that ends in '.' or '-' before it converts the domain".to_string()
        } else if matches!(self.ascii_form, Some(None)) {
            "converting the domain to ASCII (UTS #46) fails".to_string()
        } else {
            "the domain converted to ASCII has a label longer than 63 characters, or the \
             conversion fails"
                .to_string()
        };
        let Some(browser) = browser else {
            // No browser to ask: only the rule and the model.
            return match (rule, model) {
                (false, true) => Some(format!(
                    "The HTML rule rejects the address as typed, but Firefox, and the Rust \
                     model with it, converts the domain{converted} first and accepts it."
                )),
                (true, false) => Some(format!(
                    "The HTML rule accepts the text, but Firefox, and the Rust model with it, \
                     rejects it: {why_firefox_rejects}."
                )),
                _ => None,
            };
        };
        let this = engine.name();
        if browser == model {
            return match (rule, model) {
                (false, true) => Some(format!(
                    "The HTML rule rejects the address as typed, but {this} converts the \
                     domain{converted} first and accepts it, and so does the Rust model."
                )),
                (true, false) if engine == Engine::Gecko => Some(format!(
                    "The HTML rule accepts the text, but Firefox rejects it, and so does the \
                     Rust model: {why_firefox_rejects}."
                )),
                (true, false) => Some(format!(
                    "The HTML rule accepts the text, but {this} rejects it, as the Rust model \
                     of Firefox does, where {why_firefox_rejects}."
                )),
                _ => None,
            };
        }
        Some(match engine {
            Engine::Gecko => format!(
                "This Firefox {} the address but the Rust model, written after Firefox, {} it: \
                 the model misses a corner of Firefox's check.",
                accepts(browser),
                accepts(model)
            ),
            Engine::Blink if browser == rule => format!(
                "Chromium checks a value set by a script as it is written (it converts the \
                 domain to ASCII only while you type into an e-mail field), so it {} the \
                 address as the HTML rule does; the Rust model follows Firefox, which converts \
                 the domain{converted} first and {} it.",
                accepts(browser),
                accepts(model)
            ),
            _ if browser == rule => format!(
                "{} checks the address as it is written and {} it, as the HTML rule does; the \
                 Rust model follows Firefox, which converts the domain{converted} first and {} it.",
                capitalised(this),
                accepts(browser),
                accepts(model)
            ),
            _ => format!(
                "{} {} the address, the HTML rule {} it and the Rust model, which follows \
                 Firefox, {} it: engines convert international domains with different code.",
                capitalised(this),
                accepts(browser),
                accepts(rule),
                accepts(model)
            ),
        })
    }

    /// A caution for an address the rule accepts but mail could not carry.
    pub fn too_long_to_deliver(&self) -> Option<String> {
        let chars = self.sanitized.chars().count();
        (self.rule.is_ok() && chars > DELIVERABLE_EMAIL_MAX_CHARS).then(|| {
            format!(
                "The HTML rule has no length limit, but mail does: this address has {} \
                 characters, and SMTP carries at most {DELIVERABLE_EMAIL_MAX_CHARS} (RFC 5321).",
                grouped(chars)
            )
        })
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `s` cut to at most `max` characters, with "…" when something was cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The part of a text around the character an error points at, for a one-line view
/// with a caret under that character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaretWindow {
    /// Whether text before `before` was left out (the view starts with "…").
    pub clipped_before: bool,
    /// Up to `context` characters before the culprit.
    pub before: String,
    /// The character pointed at; `None` when the error is about the end of the text.
    pub culprit: Option<char>,
    /// Up to `context` characters after it.
    pub after: String,
    /// Whether text after `after` was left out.
    pub clipped_after: bool,
}

impl CaretWindow {
    /// The column of the caret: characters before the culprit on the line, "…" included.
    pub fn caret_column(&self) -> usize {
        usize::from(self.clipped_before) + self.before.chars().count()
    }
}

/// The window of `context` characters each side of character `position` of `s`
/// (counted in chars). Linear in `position + context`, whatever the length of `s`.
pub fn caret_window(s: &str, position: usize, context: usize) -> CaretWindow {
    let start = position.saturating_sub(context);
    let mut chars = s.chars().skip(start);
    let before: String = chars.by_ref().take(position - start).collect();
    let culprit = chars.next();
    let after: String = chars.by_ref().take(context).collect();
    CaretWindow {
        clipped_before: start > 0,
        before,
        culprit,
        after,
        clipped_after: chars.next().is_some(),
    }
}

/// How `locale` separates groups and writes the minus, in words, for the locales of
/// [`super::SUPPORTED_LOCALES`]: `"full stop (.)"`, `"no-break space (U+00A0), 1234 not
/// grouped"`, `"comma (,), groups of 2"`. The characters that look like a space or a
/// hyphen are not the ones on the keyboard, so they are named. Empty for an unknown
/// locale.
pub fn separators_in_words(locale: &str) -> String {
    let name = |c: char| match c {
        ',' => "comma (,)".to_string(),
        '.' => "full stop (.)".to_string(),
        '\'' => "apostrophe (')".to_string(),
        '\u{202F}' => "narrow no-break space (U+202F)".to_string(),
        '\u{A0}' => "no-break space (U+00A0)".to_string(),
        '\u{2212}' => "minus sign (U+2212)".to_string(),
        '-' => "hyphen-minus (-)".to_string(),
        other => format!("({})", super::code_point(other)),
    };
    let (Ok(grouped), Ok(negative), Ok(short)) = (
        format_number_in(1_234_567, locale),
        format_number_in(-1, locale),
        format_number_in(1234, locale),
    ) else {
        return String::new();
    };
    let mut parts = Vec::new();
    let separator = grouped.chars().find(|c| !c.is_ascii_digit());
    if let Some(separator) = separator {
        parts.push(name(separator));
    }
    if let Some(minus) = negative
        .chars()
        .next()
        .filter(|&c| c != '-' && !c.is_ascii_digit())
    {
        parts.push(format!("negatives with a {}", name(minus)));
    }
    if short.chars().all(|c| c.is_ascii_digit()) {
        parts.push("1234 not grouped".to_string());
    }
    // 1,234,567 has a middle group of three; Indian grouping writes 12,34,567.
    let groups: Vec<&str> = separator.map_or(vec![], |sep| grouped.split(sep).collect());
    if groups.len() >= 3 && groups[groups.len() - 2].chars().count() == 2 {
        parts.push("groups of 2".to_string());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::text::SUPPORTED_LOCALES;
    use proptest::prelude::*;

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    const CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                          HeadlessChrome/156.0.0.0 Safari/537.36";
    const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like \
                        Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
    const SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 \
                          (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    #[test]
    fn engines_from_user_agents() {
        assert_eq!(Engine::from_user_agent(FIREFOX), Engine::Gecko);
        assert_eq!(Engine::from_user_agent(CHROME), Engine::Blink);
        assert_eq!(Engine::from_user_agent(EDGE), Engine::Blink);
        assert_eq!(Engine::from_user_agent(SAFARI), Engine::WebKit);
        assert_eq!(Engine::from_user_agent(""), Engine::Unknown);
        assert_eq!(Engine::Unknown.name(), "this browser");
    }

    #[test]
    fn an_international_domain_in_firefox_is_one_story() {
        let check = EmailCheck::new("jo@bücher.de");
        assert!(check.rule.is_err() && check.model);
        let text = check.explain(Some(true), Engine::Gecko).unwrap();
        assert!(
            text.contains("Firefox converts the domain to ASCII (xn--bcher-kva.de)"),
            "{text}"
        );
        assert!(text.contains("so does the Rust model"), "{text}");
    }

    #[test]
    fn an_international_domain_in_chromium_says_what_chromium_does() {
        // Seen in Chromium 156: a value set by script is checked as written.
        let check = EmailCheck::new("jo@bücher.de");
        let text = check.explain(Some(false), Engine::Blink).unwrap();
        assert!(
            text.starts_with("Chromium checks a value set by a script as it is written"),
            "{text}"
        );
        assert!(
            text.contains("rejects the address as the HTML rule does"),
            "{text}"
        );
        assert!(text.contains("Rust model follows Firefox"), "{text}");
        assert!(!text.contains("passes"), "{text}");
        // One sentence: one full stop, at the end.
        assert_eq!(text.matches(". ").count(), 0, "{text}");
        assert!(text.ends_with('.'));
    }

    #[test]
    fn nothing_to_explain_when_all_agree() {
        for (address, valid) in [("ada@example.com", true), ("jo smith@example.com", false)] {
            let check = EmailCheck::new(address);
            for engine in [
                Engine::Gecko,
                Engine::Blink,
                Engine::WebKit,
                Engine::Unknown,
            ] {
                assert_eq!(
                    check.explain(Some(valid), engine),
                    None,
                    "{address} {engine:?}"
                );
            }
            assert_eq!(check.explain(None, Engine::Unknown), None);
        }
    }

    #[test]
    fn firefox_only_refusals_say_why() {
        let check = EmailCheck::new("a@xn--zz.de");
        assert!(check.rule.is_ok() && !check.model);
        let text = check.explain(Some(false), Engine::Gecko).unwrap();
        assert!(text.contains("fails"), "{text}");
        let text = check.explain(Some(true), Engine::Blink).unwrap();
        assert!(
            text.contains("accepts the address as the HTML rule does"),
            "{text}"
        );
        assert!(
            text.contains("converts the domain to ASCII first and rejects it"),
            "{text}"
        );
        let text = check.explain(Some(true), Engine::WebKit).unwrap();
        assert!(
            text.starts_with("Safari checks the address as it is written"),
            "{text}"
        );
        let text = check.explain(Some(true), Engine::Gecko).unwrap();
        assert!(text.starts_with("This Firefox accepts"), "{text}");
    }

    #[test]
    fn sanitizing_is_measured_from_the_field() {
        let check = EmailCheck::new("  ada@example.com\t");
        assert_eq!(check.sanitized, "ada@example.com");
        assert_eq!(check.removed_before, 2);
        assert!(check.rule.is_ok() && check.model);
        assert_eq!(check.ascii_form, None);
        assert_eq!(EmailCheck::new("a@b\n.c").removed_before, 0);
        assert_eq!(
            EmailCheck::new("a@😀.com").ascii_form,
            Some(Some("a@xn--e28h.com".into()))
        );
    }

    #[test]
    fn long_but_valid_addresses_get_a_caution() {
        let long = format!("{}@example.com", "a".repeat(300));
        let caution = EmailCheck::new(&long).too_long_to_deliver().unwrap();
        assert!(caution.contains("312 characters"), "{caution}");
        assert!(caution.contains("at most 254"), "{caution}");
        assert_eq!(
            EmailCheck::new("ada@example.com").too_long_to_deliver(),
            None
        );
        assert_eq!(
            EmailCheck::new(&format!("{long} x")).too_long_to_deliver(),
            None
        );
    }

    #[test]
    fn caret_windows() {
        let w = caret_window("jo smith@example.com", 2, 32);
        assert_eq!(
            (w.clipped_before, w.before.as_str(), w.culprit),
            (false, "jo", Some(' '))
        );
        assert_eq!(
            (w.after.as_str(), w.clipped_after),
            ("smith@example.com", false)
        );
        assert_eq!(w.caret_column(), 2);
        let long = "x".repeat(100);
        let w = caret_window(&long, 50, 10);
        assert!(w.clipped_before && w.clipped_after);
        assert_eq!(
            (w.before.len(), w.after.len(), w.caret_column()),
            (10, 10, 11)
        );
        let w = caret_window("ab.", 3, 32);
        assert_eq!((w.before.as_str(), w.culprit), ("ab.", None));
    }

    #[test]
    fn separators_for_every_locale() {
        assert_eq!(separators_in_words("en-US"), "comma (,)");
        assert_eq!(separators_in_words("de-DE"), "full stop (.)");
        assert_eq!(separators_in_words("en-IN"), "comma (,), groups of 2");
        assert_eq!(
            separators_in_words("pl-PL"),
            "no-break space (U+00A0), 1234 not grouped"
        );
        assert_eq!(
            separators_in_words("sv-SE"),
            "no-break space (U+00A0), negatives with a minus sign (U+2212)"
        );
        assert_eq!(separators_in_words("xx-XX"), "");
        for locale in SUPPORTED_LOCALES {
            assert!(!separators_in_words(locale).is_empty(), "{locale}");
        }
    }

    proptest! {
        #[test]
        fn the_caret_sits_under_the_culprit(s in ".{0,80}", position in 0usize..90, context in 0usize..40) {
            let chars: Vec<char> = s.chars().collect();
            let w = caret_window(&s, position, context);
            prop_assert_eq!(w.culprit, chars.get(position).copied());
            let start = position.saturating_sub(context).min(chars.len());
            let end = position.min(chars.len());
            prop_assert_eq!(w.before, chars[start..end].iter().collect::<String>());
        }

        #[test]
        fn every_address_gets_at_most_one_sentence(s in "[a-z@.ü -]{0,20}", browser in any::<Option<bool>>()) {
            let check = EmailCheck::new(&s);
            for engine in [Engine::Gecko, Engine::Blink, Engine::WebKit, Engine::Unknown] {
                if let Some(text) = check.explain(browser, engine) {
                    prop_assert!(text.ends_with('.'));
                    prop_assert!(!text.contains(". "), "{}", text);
                }
            }
        }
    }
}
