//! Saving and loading: a versioned on-disk form through serde, read back with every rule
//! the live state enforces.
//!
//! The saved text looks like
//! `{"version":1,"counter":3,"items":["milk","eggs"],"scores":[{"name":"ann","score":9.5}]}`.
//! Scores are an array of objects rather than a `{"name": score}` map so that a repeated
//! name is visible to us (a JSON object with a repeated key silently keeps the last one in
//! `JSON.parse` and in serde maps) and can be refused.
//!
//! Scores must come back bit for bit. serde_json's default float parser is fast but may
//! be one unit in the last place off (the round-trip property test found
//! `-1.358522895511529e-64` coming back as `-1.3585228955115291e-64`); the crate's
//! `float_roundtrip` feature makes it exact, and this module relies on it.
//!
//! Reading is one serde pass straight into typed fields, with field-level deserializers
//! that explain a wrong value in words. Only when that pass fails do we look again, more
//! loosely, to tell "not our file" and "a newer version" apart from "damaged".

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::scores::ScoreTable;
use super::{MAX_ITEMS, MAX_SCORES, ModuleState, StateError, check_name, check_score, trimmed};

/// The `version` that [`ModuleState::to_json`] writes and [`ModuleState::from_json`] reads.
pub const FORMAT_VERSION: u64 = 1;

/// The saved form, version 1. Borrowed when saving (no copy of 100,000 items), owned
/// when loading.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedState<'a> {
    version: u64,
    #[serde(deserialize_with = "counter_field")]
    counter: i32,
    #[serde(deserialize_with = "items_field")]
    items: Cow<'a, [String]>,
    #[serde(deserialize_with = "scores_field")]
    scores: Vec<SavedScore<'a>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedScore<'a> {
    name: Cow<'a, str>,
    #[serde(deserialize_with = "score_field")]
    score: f64,
}

/// Only the `version`, for telling why a full read failed. Other fields are skipped.
#[derive(Deserialize)]
struct VersionProbe {
    // `default` makes a missing field None; `present` makes `"version": null` Some(Null)
    // rather than None, so a null version is reported as a wrong version, not a missing one.
    #[serde(default, deserialize_with = "present")]
    version: Option<serde_json::Value>,
}

fn present<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(deserializer).map(Some)
}

impl ModuleState {
    /// The state as compact JSON in the saved form (version [`FORMAT_VERSION`]); scores in
    /// name order, so equal states give equal text.
    pub fn to_json(&self) -> String {
        // serde_json fails only on maps with non-string keys or a Serialize impl that
        // reports an error; SavedState has neither (the round-trip property test parses
        // every output back). Should it ever fail, an empty string is refused loudly by
        // from_json, where a panic would kill the whole WASM module.
        serde_json::to_string(&self.saved()).unwrap_or_default()
    }

    /// A lower bound of `self.to_json().len()`, found without writing anything: the
    /// bytes of every item and name with their quotes and separators, one digit for the
    /// counter and three for a score (serde writes `1.0`, never fewer). Escapes and
    /// longer numbers only add, so the real text is never shorter.
    /// It lets a caller that knows some size is too big for its storage skip the work of
    /// writing a text that will be refused.
    pub fn json_len_at_least(&self) -> usize {
        // {"version":1,"counter":0,"items":[],"scores":[]}
        const FRAME: usize = 48;
        // "name" plus a comma before every one but the first.
        let items: usize = self.items.iter().map(|item| item.len() + 3).sum();
        // {"name":"","score":1.0} plus a comma.
        let scores: usize = self.scores.iter().map(|(name, _)| name.len() + 24).sum();
        FRAME + items.saturating_sub(1) + scores.saturating_sub(1)
    }

    /// The same as [`to_json`](Self::to_json), indented for a person (the export file).
    pub fn to_json_pretty(&self) -> String {
        // Same reasoning as to_json.
        serde_json::to_string_pretty(&self.saved()).unwrap_or_default()
    }

    fn saved(&self) -> SavedState<'_> {
        SavedState {
            version: FORMAT_VERSION,
            counter: self.counter,
            items: Cow::Borrowed(&self.items),
            scores: self
                .scores
                .iter()
                .map(|(name, score)| SavedScore {
                    name: Cow::Borrowed(name),
                    score,
                })
                .collect(),
        }
    }

    /// Reads a state written by [`to_json`](Self::to_json), checking every rule.
    ///
    /// Refused with a reason: empty text ([`StateError::EmptyText`]); text that is not
    /// JSON or is cut off ([`StateError::InvalidJson`]); JSON that is not a saved state,
    /// such as `[]` or `{"foo":1}` ([`StateError::NotAState`]); another `version`
    /// ([`StateError::UnsupportedVersion`]); a wrong, missing or unknown field, a counter
    /// outside `i32`, a null or text score, more than [`MAX_ITEMS`] items or
    /// [`MAX_SCORES`] scores ([`StateError::Damaged`]); a score that `set_score` would
    /// refuse ([`StateError::BadSavedScore`]); a name given twice
    /// ([`StateError::DuplicateName`]). A leading byte order mark is skipped (editors on
    /// Windows add one). Nesting is bounded by serde_json's depth limit of 128, so deeply
    /// nested input is an error, not a stack overflow. One leniency comes from serde's
    /// derive and is kept because its meaning is plain: a score entry may be written as
    /// `["ann", 9.5]` (its fields in order) instead of an object. Never panics.
    pub fn from_json(text: &str) -> Result<ModuleState, StateError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let body = text.trim_start_matches([' ', '\t', '\n', '\r']);
        if body.is_empty() {
            return Err(StateError::EmptyText);
        }
        if !body.starts_with('{') {
            return Err(not_an_object(text));
        }
        let saved: SavedState<'static> =
            serde_json::from_str(text).map_err(|error| explain(error, text))?;
        if saved.version != FORMAT_VERSION {
            return Err(StateError::UnsupportedVersion {
                found: saved.version.to_string(),
            });
        }
        saved.into_state()
    }
}

impl SavedState<'_> {
    fn into_state(self) -> Result<ModuleState, StateError> {
        let mut scores = ScoreTable::default();
        for (index, saved) in self.scores.into_iter().enumerate() {
            let bad = |problem| StateError::BadSavedScore {
                index,
                problem: Box::new(problem),
            };
            let score = check_score(saved.score).map_err(bad)?;
            let name = trimmed(saved.name.into_owned());
            check_name(&name).map_err(bad)?;
            if scores.contains(&name) {
                return Err(StateError::DuplicateName { name });
            }
            // Cannot be TableFull: scores_field stopped at MAX_SCORES entries.
            scores.set(name, score)?;
        }
        Ok(ModuleState {
            counter: self.counter,
            items: self.items.into_owned(),
            scores,
        })
    }
}

/// The error for text that does not start with `{`: bad JSON, or JSON of another kind.
fn not_an_object(text: &str) -> StateError {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => StateError::NotAState {
            found: match value {
                serde_json::Value::Array(_) => "a JSON array",
                serde_json::Value::String(_) => "a JSON string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "true or false",
                serde_json::Value::Null => "null",
                serde_json::Value::Object(_) => "an object",
            },
        },
        Err(error) => syntax_error(&error, text),
    }
}

/// Turns a failed typed read into the most useful error.
fn explain(error: serde_json::Error, text: &str) -> StateError {
    if !error.is_data() {
        return syntax_error(&error, text);
    }
    // The text is JSON, but not of our shape. Look at the version on its own: a missing
    // one means someone else's JSON, another one means another format.
    match serde_json::from_str::<VersionProbe>(text) {
        Ok(VersionProbe { version: None }) => StateError::NotAState {
            found: "an object without one",
        },
        Ok(VersionProbe {
            version: Some(version),
        }) if version.as_u64() != Some(FORMAT_VERSION) => StateError::UnsupportedVersion {
            found: version.to_string(),
        },
        _ => {
            let (line, column) = char_position(text, error.line(), error.column());
            StateError::Damaged {
                line,
                column,
                reason: message_without_position(&error),
            }
        }
    }
}

/// serde_json's line and column turned into the 1-based line and character column a
/// person (and an editor) counts.
///
/// serde_json counts columns in bytes: the byte column is the 1-based position of the
/// last byte read, so the characters that start before it are the character column.
/// Column 0 means the last byte read was a line break (a raw newline inside a string,
/// say); that break is the character at fault, at the end of the line before.
fn char_position(text: &str, line: usize, byte_column: usize) -> (usize, usize) {
    if byte_column == 0 && line > 1 {
        let previous = text.split('\n').nth(line - 2).unwrap_or_default();
        return (line - 1, previous.chars().count() + 1);
    }
    let column = match text.split('\n').nth(line.saturating_sub(1)) {
        Some(line_text) => line_text
            .char_indices()
            .take_while(|(start, _)| *start < byte_column)
            .count(),
        None => byte_column,
    };
    (line, column.max(1))
}

fn syntax_error(error: &serde_json::Error, text: &str) -> StateError {
    let message = message_without_position(error);
    let reason = if error.is_eof() {
        format!("the text ends too early, it may have been cut off ({message})")
    } else if message.starts_with("number out of range") {
        "a number is too large to store (beyond about ±1.8e308)".to_owned()
    } else {
        message
    };
    let (line, column) = char_position(text, error.line(), error.column());
    StateError::InvalidJson {
        line,
        column,
        reason,
    }
}

/// serde_json's message ends in " at line L column C"; we report those as fields.
fn message_without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&suffix) {
        Some(bare) => bare.to_owned(),
        None => message,
    }
}

// ----- field readers with messages a person understands -------------------------------

fn counter_field<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i32, D::Error> {
    struct CounterVisitor;

    fn out_of_range<E: de::Error>(shown: impl fmt::Display) -> E {
        E::custom(format_args!(
            "the counter must be a whole number from {} to {}, got {shown}",
            i32::MIN,
            i32::MAX
        ))
    }

    impl Visitor<'_> for CounterVisitor {
        type Value = i32;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "the counter as a whole number from {} to {}",
                i32::MIN,
                i32::MAX
            )
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i32, E> {
            i32::try_from(v).map_err(|_| out_of_range(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i32, E> {
            i32::try_from(v).map_err(|_| out_of_range(v))
        }

        // JSON has one number type: `-0`, `5.0` and `1e3` are whole numbers too.
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<i32, E> {
            let in_range = v >= f64::from(i32::MIN) && v <= f64::from(i32::MAX);
            if v.fract() == 0.0 && in_range {
                // Whole and within i32, so the conversion is exact.
                Ok(v as i32)
            } else {
                Err(out_of_range(v))
            }
        }
    }

    deserializer.deserialize_any(CounterVisitor)
}

fn score_field<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    struct ScoreVisitor;

    impl Visitor<'_> for ScoreVisitor {
        type Value = f64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a score as a finite number")
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }
    }

    deserializer.deserialize_any(ScoreVisitor)
}

/// Reads a JSON array, stopping with an error at entry `max + 1` rather than reading on.
struct CappedSeq<T> {
    max: usize,
    what: &'static str,
    element: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for CappedSeq<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} {}", self.max, self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // The hint comes from the input; cap it so a lying hint cannot reserve gigabytes.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(element) = seq.next_element()? {
            if out.len() == self.max {
                return Err(de::Error::custom(format_args!(
                    "there are more than {} {}, the most this app keeps",
                    self.max, self.what
                )));
            }
            out.push(element);
        }
        Ok(out)
    }
}

fn items_field<'de, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'a, [String]>, D::Error> {
    deserializer
        .deserialize_seq(CappedSeq {
            max: MAX_ITEMS,
            what: "items",
            element: std::marker::PhantomData,
        })
        .map(Cow::Owned)
}

fn scores_field<'de, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<SavedScore<'a>>, D::Error> {
    deserializer.deserialize_seq(CappedSeq {
        max: MAX_SCORES,
        what: "scores",
        element: std::marker::PhantomData,
    })
}
