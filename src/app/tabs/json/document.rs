//! The document the tab works on: its text, and what parsing it gave. Small documents
//! are parsed as the person types (after a pause); large ones in steps, with the page
//! painted between them; very large ones only when asked.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_debounce;
use crate::lab::json::{self, JsonError, JsonStats, JsonValue};
use crate::web::bench::{now_ms, yield_now};

/// Above this size the text stays out of the text box: laying out a text box of
/// megabytes holds up the page for seconds (about 1 s per MiB in Firefox on a slow
/// machine), and again whenever it changes. The document is kept in memory instead.
pub const EDITOR_LIMIT: usize = 128 * 1024;
/// Above this size the parse runs in steps, with the page painted in between.
const STEPWISE_LIMIT: usize = 128 * 1024;
/// Above this size the editor does not parse as you type: a Parse button does it.
pub const AUTO_PARSE_LIMIT: usize = 5 * 1024 * 1024;
/// Above this size nothing is parsed or loaded: the page would hold several copies.
pub const MAX_SIZE: usize = 64 * 1024 * 1024;
const DEBOUNCE_MS: u32 = 250;
/// Above this size the indented text is not written: indentation grows with every
/// level of nesting, so 40 KB of arrays 500 deep indent to about 20 MB, and the page
/// would hold (and copy) all of it. The compact text is shown instead.
pub const PRETTY_LIMIT: u64 = 16 * 1024 * 1024;

/// The parse tree, compared by identity: two renders of the same document are equal
/// without walking 2 MB of values.
#[derive(Clone)]
pub struct Doc(pub Rc<JsonValue>);

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A document that parsed, with what the page shows of it.
pub struct Parsed {
    pub doc: Doc,
    pub stats: JsonStats,
    pub minified: Rc<str>,
    /// The indented text (2 spaces), or `None` when it would be over [`PRETTY_LIMIT`].
    pub pretty: Option<Rc<str>>,
    /// The length of the indented text, written or not.
    pub pretty_bytes: u64,
    /// How long the parse took, in milliseconds.
    pub ms: f64,
    pub bytes: usize,
}

#[derive(Clone)]
pub enum Outcome {
    Empty,
    /// Too big to parse as you type: waiting for the Parse button.
    Waiting(usize),
    Parsing(usize),
    TooLarge(usize),
    Ok(Rc<Parsed>),
    Err {
        error: JsonError,
        excerpt: String,
        caret: usize,
    },
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Outcome::Ok(a), Outcome::Ok(b)) => Rc::ptr_eq(a, b),
            (Outcome::Empty, Outcome::Empty) => true,
            (Outcome::Waiting(a), Outcome::Waiting(b))
            | (Outcome::Parsing(a), Outcome::Parsing(b))
            | (Outcome::TooLarge(a), Outcome::TooLarge(b)) => a == b,
            (Outcome::Err { error: a, .. }, Outcome::Err { error: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// What new text gets before any parsing: nothing to do, a size it will not parse
/// (yet), or `None` when it should be parsed.
fn before_parse(text: &str) -> Option<Outcome> {
    if text.trim().is_empty() {
        Some(Outcome::Empty)
    } else if text.len() > MAX_SIZE {
        Some(Outcome::TooLarge(text.len()))
    } else if text.len() > AUTO_PARSE_LIMIT {
        Some(Outcome::Waiting(text.len()))
    } else {
        None
    }
}

fn failed(text: &str, error: JsonError) -> Outcome {
    let (excerpt, caret) = json::error_excerpt(text, &error, 72);
    Outcome::Err {
        error,
        excerpt,
        caret,
    }
}

fn parsed(value: JsonValue, ms: f64, bytes: usize) -> Outcome {
    let stats = json::stats(&value);
    let minified: Rc<str> = value.to_json_string().into();
    let pretty_bytes = value.pretty_len(2);
    let pretty = (pretty_bytes <= PRETTY_LIMIT).then(|| Rc::from(value.to_json_pretty(2)));
    Outcome::Ok(Rc::new(Parsed {
        doc: Doc(Rc::new(value)),
        stats,
        minified,
        pretty,
        pretty_bytes,
        ms,
        bytes,
    }))
}

/// Parses `text` at once (a small document: a few milliseconds).
fn parse_now(text: &str) -> Outcome {
    let t0 = now_ms();
    match json::parse(text) {
        Ok(value) => parsed(value, now_ms() - t0, text.len()),
        Err(error) => failed(text, error),
    }
}

/// The document and what can be done with it.
#[derive(Clone, PartialEq)]
pub struct Document {
    pub text: AttrValue,
    pub outcome: Outcome,
    /// Replaces the text and parses it at once (a sample, a file, a large paste).
    pub load: Callback<String>,
    /// Replaces the text as typing does: parsed once typing pauses.
    pub edit: Callback<String>,
    /// Parses a document too large to parse as you type (the Parse button).
    pub parse: Callback<()>,
}

/// The tab's document, starting with `initial`. Only the latest text's parse reports:
/// a slow parse of an older text never overwrites a newer one.
#[hook]
pub fn use_document(initial: String) -> Document {
    let text = use_state(|| AttrValue::from(initial));
    let outcome = use_state({
        let text = (*text).clone();
        move || match before_parse(&text) {
            Some(o) => o,
            None if text.len() <= STEPWISE_LIMIT => parse_now(&text),
            // A large sample named in the link: parsed in steps once the page is up.
            None => Outcome::Parsing(text.len()),
        }
    });
    let latest = use_memo((), |_| Cell::new(0u64));
    let parse_later = use_debounce(DEBOUNCE_MS);
    {
        let (text, outcome, latest) = (text.clone(), outcome.clone(), latest.clone());
        use_effect_with((), move |_| {
            if matches!(*outcome, Outcome::Parsing(_)) {
                parse_in_steps((*text).clone(), outcome, latest, 0);
            }
        });
    }

    // Parses `text` as the latest text: at once when small, else in steps.
    let start_parse = {
        let (outcome, latest) = (outcome.clone(), latest.clone());
        Rc::new(move |text: AttrValue| {
            let mine = latest.get() + 1;
            latest.set(mine);
            if let Some(o) = before_parse(&text) {
                outcome.set(o);
            } else if text.len() <= STEPWISE_LIMIT {
                outcome.set(parse_now(&text));
            } else {
                parse_in_steps(text, outcome.clone(), latest.clone(), mine);
            }
        })
    };
    let load = {
        let (text, parse_later, start_parse) =
            (text.clone(), parse_later.clone(), start_parse.clone());
        Callback::from(move |new: String| {
            parse_later.cancel();
            let new = AttrValue::from(new);
            text.set(new.clone());
            start_parse(new);
        })
    };
    let edit = {
        let (text, outcome, latest) = (text.clone(), outcome.clone(), latest.clone());
        let start_parse = start_parse.clone();
        Callback::from(move |new: String| {
            let new = AttrValue::from(new);
            text.set(new.clone());
            parse_later.cancel();
            // Whatever was being parsed is out of date now.
            latest.set(latest.get() + 1);
            if let Some(o) = before_parse(&new) {
                outcome.set(o);
                return;
            }
            let start_parse = start_parse.clone();
            parse_later.run(move || start_parse(new));
        })
    };
    let parse = {
        let (text, outcome, latest) = (text.clone(), outcome.clone(), latest.clone());
        Callback::from(move |()| {
            if matches!(*outcome, Outcome::Parsing(_)) || text.len() > MAX_SIZE {
                return;
            }
            let mine = latest.get() + 1;
            latest.set(mine);
            parse_in_steps((*text).clone(), outcome.clone(), latest.clone(), mine);
        })
    };
    Document {
        text: (*text).clone(),
        outcome: (*outcome).clone(),
        load,
        edit,
        parse,
    }
}

/// Shows "Parsing…", lets it paint, parses, lets the page breathe, then writes the
/// outputs: no step holds the page longer than one pass over the document.
fn parse_in_steps(
    text: AttrValue,
    outcome: UseStateHandle<Outcome>,
    latest: Rc<Cell<u64>>,
    mine: u64,
) {
    outcome.set(Outcome::Parsing(text.len()));
    yew::platform::spawn_local(async move {
        // Two turns of the event loop: one to render "Parsing…", one to paint it.
        yield_now().await;
        yield_now().await;
        if latest.get() != mine {
            return;
        }
        let t0 = now_ms();
        let value = json::parse(&text);
        let ms = now_ms() - t0;
        let value = match value {
            Ok(value) => value,
            Err(error) => {
                if latest.get() == mine {
                    outcome.set(failed(&text, error));
                }
                return;
            }
        };
        yield_now().await;
        if latest.get() == mine {
            outcome.set(parsed(value, ms, text.len()));
        }
    });
}
