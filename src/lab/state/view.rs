//! What the State tab decides besides the state itself, kept here so that native tests
//! reach it: how a call is written in the call log, how memory growth is recorded, which
//! rows of the item list are on screen, what a typed position or score means, what a key
//! on a focused row does, the order of the score table, and the bulk add's chunks.
//!
//! Nothing here touches the browser; the tab (`src/app/tabs/state/`) feeds it what it
//! read through the exported functions and shows what comes back.

use super::{MAX_ITEMS, ModuleState};
use crate::lab::fmt::{count, duration_ms, group_digits, grouped};
use crate::lab::json::js_number_string;

// ----- a state in a sentence ----------------------------------------------------------

/// What a state holds, in numbers: enough to say what a restore, an import, another
/// tab's save or a reset is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The counter's value.
    pub counter: i32,
    /// How many items.
    pub items: usize,
    /// How many names have a score.
    pub scores: usize,
}

impl Summary {
    /// The numbers of `state`.
    pub fn of(state: &ModuleState) -> Summary {
        Summary {
            counter: state.counter(),
            items: state.item_count(),
            scores: state.score_count(),
        }
    }
}

impl std::fmt::Display for Summary {
    /// `counter 3, 2 items, 1 score`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "counter {}, {}, {}",
            self.counter,
            count(self.items, "item", "items"),
            count(self.scores, "score", "scores")
        )
    }
}

// ----- the call log -------------------------------------------------------------------

/// Characters of a string shown in the call log before it is cut with "…".
pub const SHOWN_CHARS: usize = 40;

/// `s` as a JavaScript string literal in the call log: double quotes, `"`, `\` and
/// line breaks escaped, cut after [`SHOWN_CHARS`] characters with "…".
pub fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(4 * SHOWN_CHARS) + 3);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as JavaScript writes it (`String(x)`): `9.5`, `1e+308`, `NaN`, `-Infinity`.
/// The score table uses it too, so 1e308 is not printed as 309 digits.
pub fn js_number(x: f64) -> String {
    js_number_string(x)
}

/// One call the tab made through an exported function, as JavaScript would write it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The call and what it returned (`wasm.state_increment() → 3`).
    pub text: String,
    /// False when the call threw (the log shows it in the error colour).
    pub ok: bool,
}

impl Call {
    /// A call that returned.
    pub fn ok(text: impl Into<String>) -> Call {
        Call {
            text: text.into(),
            ok: true,
        }
    }

    /// A call that threw.
    pub fn threw(text: impl Into<String>) -> Call {
        Call {
            text: text.into(),
            ok: false,
        }
    }

    /// `shown → value` when `result` is `Ok(value)`, `shown threw: message` when it is
    /// `Err(message)`: the two ways a call ends in the log.
    pub fn outcome<T, E>(shown: &str, result: Result<T, E>) -> Call
    where
        T: std::fmt::Display,
        E: std::fmt::Display,
    {
        match result {
            Ok(value) => Call::ok(format!("{shown} → {value}")),
            Err(message) => Call::threw(format!("{shown} threw: {message}")),
        }
    }
}

/// Memory grew from `from` to `to` bytes, first seen after `after`.
#[derive(Clone, Debug, PartialEq)]
pub struct Growth {
    /// `memory.buffer.byteLength` before.
    pub from: f64,
    /// `memory.buffer.byteLength` after.
    pub to: f64,
    /// The call after which it was seen, or the work between calls.
    pub after: String,
}

/// Lines the call log keeps, newest first.
pub const LOG_LINES: usize = 12;
/// Growth steps kept, newest first.
pub const GROWTH_LINES: usize = 6;
/// What growth that no call caused is put down to.
pub const BETWEEN_CALLS: &str = "work between calls (drawing the page, saving)";

/// The tab's record of a visit: the last calls, and how linear memory grew. Every
/// `record` moves `rev`, so a component that shows anything read through the exported
/// functions re-renders after any change.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// Moves on every record (wrapping): what the panels re-render on.
    pub rev: u64,
    /// The last [`LOG_LINES`] calls, newest first, each with a key that never repeats.
    pub log: Vec<(u64, Call)>,
    /// Memory size when the tab opened, in bytes.
    pub memory_at_start: f64,
    /// The largest memory size seen so far.
    pub memory_last: f64,
    /// The last [`GROWTH_LINES`] growth steps, newest first.
    pub growth: Vec<Growth>,
    next_id: u64,
}

impl Session {
    /// A session that starts with linear memory at `memory_bytes`.
    pub fn new(memory_bytes: f64) -> Session {
        Session {
            rev: 0,
            log: Vec::new(),
            memory_at_start: memory_bytes,
            memory_last: memory_bytes,
            growth: Vec::new(),
            next_id: 0,
        }
    }

    /// Records `call` (or, with `None`, a change outside any call: a save finished,
    /// time passed) with the memory size read right after it. Growth is put down to the
    /// call, or to [`BETWEEN_CALLS`].
    pub fn record(&mut self, call: Option<Call>, memory_bytes: f64) {
        self.rev = self.rev.wrapping_add(1);
        if memory_bytes > self.memory_last {
            let after = call.as_ref().map_or(BETWEEN_CALLS, |c| c.text.as_str());
            self.growth.insert(
                0,
                Growth {
                    from: self.memory_last,
                    to: memory_bytes,
                    after: after.to_owned(),
                },
            );
            self.growth.truncate(GROWTH_LINES);
            self.memory_last = memory_bytes;
        }
        if let Some(call) = call {
            self.log.insert(0, (self.next_id, call));
            self.log.truncate(LOG_LINES);
            self.next_id += 1;
        }
    }

    /// How many calls were recorded since the session started.
    pub fn calls(&self) -> u64 {
        self.next_id
    }

    /// Bytes grown since the tab opened (0 when it has not grown).
    pub fn grown(&self) -> f64 {
        (self.memory_last - self.memory_at_start).max(0.0)
    }
}

// ----- the item list ------------------------------------------------------------------

/// Rows the item list shows at once.
pub const PAGE: usize = 12;

/// The first position of the page that holds `index`.
pub fn page_start(index: usize) -> usize {
    index / PAGE * PAGE
}

/// The first position of the last page of a list of `count` items (0 when empty).
pub fn last_page_start(count: usize) -> usize {
    page_start(count.saturating_sub(1))
}

/// The window of the list on screen: `start` clamped so that it shows at least one item
/// when there is any.
pub fn visible_start(start: usize, count: usize) -> usize {
    page_start(start).min(last_page_start(count))
}

/// Why a typed position was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PositionError {
    /// The list has no items.
    Empty,
    /// Not a whole number from 1 to `count`.
    OutOfRange {
        /// The list's length.
        count: usize,
    },
}

impl PositionError {
    /// The message next to the input, naming what is counted (`"row"`, `"item"`).
    pub fn message(&self, noun: &str) -> String {
        match self {
            PositionError::Empty => "The list is empty: add an item first.".to_owned(),
            PositionError::OutOfRange { count: 1 } => {
                format!("There is one {noun}: enter 1.")
            }
            PositionError::OutOfRange { count } => {
                format!("Enter a {noun} number from 1 to {}.", grouped(*count))
            }
        }
    }
}

/// A position typed by a person (1-based, white space around it allowed, and digit
/// grouping as the page writes it: "1,234") as a 0-based index into a list of `count`
/// items. Commas anywhere else ("2,9") make it unreadable rather than a guess.
pub fn parse_position(text: &str, count: usize) -> Result<usize, PositionError> {
    if count == 0 {
        return Err(PositionError::Empty);
    }
    let t = text.trim();
    let digits: String = t.chars().filter(|&c| c != ',').collect();
    let grouping_ok = digits.len() == t.len() || group_digits(&digits) == t;
    digits
        .parse::<usize>()
        .ok()
        .filter(|_| grouping_ok)
        .and_then(|n| n.checked_sub(1))
        .filter(|&i| i < count)
        .ok_or(PositionError::OutOfRange { count })
}

/// What a key pressed on a focused row of the item list does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKey {
    /// Delete or Backspace: remove the row.
    Remove(usize),
    /// Alt+↑/↓: move the item from one position to another.
    Move {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// ↑/↓ (the neighbouring row), Home, End: focus the row at this position.
    Focus(usize),
    /// The key does nothing here (at an end of the list, or another key), and the
    /// browser keeps its own meaning for it.
    Ignore,
}

/// The action of `key` (a `KeyboardEvent.key`) with Alt held or not, on the row at
/// `index` of a list of `count` items. Arrow keys at an end of the list are taken
/// (not handed to the page, which would scroll) but do nothing.
pub fn row_key(key: &str, alt: bool, index: usize, count: usize) -> (RowKey, bool) {
    let last = count.saturating_sub(1);
    match (key, alt) {
        ("Delete" | "Backspace", _) => (RowKey::Remove(index), true),
        ("ArrowUp", true) if index > 0 => (
            RowKey::Move {
                from: index,
                to: index - 1,
            },
            true,
        ),
        ("ArrowDown", true) if index < last => (
            RowKey::Move {
                from: index,
                to: index + 1,
            },
            true,
        ),
        ("ArrowUp" | "ArrowDown", true) => (RowKey::Ignore, true),
        ("ArrowUp", false) if index > 0 => (RowKey::Focus(index - 1), true),
        ("ArrowDown", false) if index < last => (RowKey::Focus(index + 1), true),
        ("Home", false) if count > 0 => (RowKey::Focus(0), true),
        ("End", false) if count > 0 => (RowKey::Focus(last), true),
        _ => (RowKey::Ignore, false),
    }
}

/// The row to focus after the item at `index` was removed, leaving `left` items: the
/// one that took its place, or the new last one; `None` when the list is empty.
pub fn focus_after_removal(index: usize, left: usize) -> Option<usize> {
    (left > 0).then(|| index.min(left - 1))
}

// ----- adding many items --------------------------------------------------------------

/// A bulk add of `total` numbered items in calls of at most `chunk`, with the browser
/// free between calls so the page keeps painting and taking input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bulk {
    /// Items to add in all.
    pub total: usize,
    /// Most items per call.
    pub chunk: usize,
}

impl Bulk {
    /// How many items the next call adds, `added` being already in: 0 when done.
    pub fn next_chunk(&self, added: usize) -> usize {
        self.chunk.max(1).min(self.total.saturating_sub(added))
    }

    /// How many calls the whole add takes.
    pub fn calls(&self) -> usize {
        self.total.div_ceil(self.chunk.max(1))
    }

    /// What the page says before anything was added: how the add will go.
    pub fn plan(&self) -> String {
        format!(
            "Adds them {} at a time ({}), letting the browser paint between calls, so the page keeps responding.",
            grouped(self.chunk),
            count(self.calls(), "call", "calls")
        )
    }

    /// Why the add cannot start when the list has room for only `room` more items, or
    /// `None` when it fits.
    pub fn refusal(&self, room: usize) -> Option<String> {
        if room >= self.total {
            None
        } else if room == 0 {
            Some(format!(
                "The list is full: it holds at most {}.",
                count(MAX_ITEMS, "item", "items")
            ))
        } else {
            Some(format!(
                "Cannot add {}: the list has room for {} more (at most {} in all).",
                grouped(self.total),
                grouped(room),
                grouped(MAX_ITEMS)
            ))
        }
    }

    /// What the page says after an add ended: `added` items in `calls` calls over
    /// `ms` milliseconds, and whether it was cancelled.
    pub fn report(&self, added: usize, calls: usize, ms: f64, cancelled: bool) -> String {
        if cancelled {
            format!(
                "Cancelled after {}; those stay in the list.",
                count(added, "item", "items")
            )
        } else {
            format!(
                "Added {} in {} of up to {} ({}), with the browser free in between.",
                count(added, "item", "items"),
                count(calls, "call", "calls"),
                grouped(self.chunk),
                duration_ms(ms)
            )
        }
    }
}

// ----- the score table ----------------------------------------------------------------

/// Reads a typed score the way Rust's `f64::from_str` does, so "NaN", "inf" and
/// "-infinity" are numbers too and the exported function gets to refuse them.
pub fn parse_score(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Enter a score, e.g. 9.5.".to_owned());
    }
    t.parse::<f64>().map_err(|_| {
        format!("“{t}” is not a number (try 42, -3.5, 1e3, or NaN to see it refused).")
    })
}

/// The column the score table is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// The rank `top_scores` gave (best first).
    Rank,
    /// The name, in code point order.
    Name,
    /// The score.
    Score,
}

/// The score table's order: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Smallest first when true.
    pub ascending: bool,
}

impl Default for Sort {
    /// By rank, best first.
    fn default() -> Sort {
        Sort {
            key: SortKey::Rank,
            ascending: true,
        }
    }
}

impl Sort {
    /// The URL form: `rank`, `name`, `score`, with `-desc` when descending.
    pub fn to_param(self) -> String {
        let key = match self.key {
            SortKey::Rank => "rank",
            SortKey::Name => "name",
            SortKey::Score => "score",
        };
        if self.ascending {
            key.to_owned()
        } else {
            format!("{key}-desc")
        }
    }

    /// Reads the URL form; anything else is `None` (the caller uses the default).
    pub fn from_param(text: &str) -> Option<Sort> {
        let (key, ascending) = match text.strip_suffix("-desc") {
            Some(key) => (key, false),
            None => (text, true),
        };
        let key = match key {
            "rank" => SortKey::Rank,
            "name" => SortKey::Name,
            "score" => SortKey::Score,
            _ => return None,
        };
        Some(Sort { key, ascending })
    }

    /// The order after a click on `key`'s header: the same column turns around; another
    /// column starts ascending, except Score, which starts with the highest.
    pub fn clicked(self, key: SortKey) -> Sort {
        Sort {
            key,
            ascending: if self.key == key {
                !self.ascending
            } else {
                key != SortKey::Score
            },
        }
    }

    /// `aria-sort` of `key`'s header: `none`, `ascending` or `descending`.
    pub fn aria(self, key: SortKey) -> &'static str {
        match (self.key == key, self.ascending) {
            (false, _) => "none",
            (true, true) => "ascending",
            (true, false) => "descending",
        }
    }

    /// `rows` (in rank order, as `top_scores` returns them) with their 0-based rank, in
    /// this order. Equal names or scores keep rank order (ascending) or its reverse.
    pub fn arrange(self, rows: Vec<(String, f64)>) -> Vec<(usize, String, f64)> {
        let mut ranked: Vec<(usize, String, f64)> = rows
            .into_iter()
            .enumerate()
            .map(|(rank, (name, score))| (rank, name, score))
            .collect();
        match self.key {
            SortKey::Rank => {}
            SortKey::Name => ranked.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0))),
            // Scores in the table are finite (set_score refuses the rest): total_cmp is
            // a plain numeric order here, and it never panics.
            SortKey::Score => ranked.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0))),
        }
        if !self.ascending {
            ranked.reverse();
        }
        ranked
    }
}

/// How many rows the top-N slider offers for a table of `count` names (at least 1, at
/// most `max`).
pub fn slider_max(count: usize, max: usize) -> usize {
    count.clamp(1, max.max(1))
}

/// An error message of the exported functions (`score must be a finite number, got
/// NaN`) as a sentence next to an input: capital first letter, full stop at the end.
pub fn sentence(message: &str) -> String {
    let mut out = capitalized(message.trim_end());
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The first letter of `text` in upper case: a lower-case reason at the start of a
/// sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_summary_in_words() {
        let mut state = ModuleState::new();
        assert_eq!(
            Summary::of(&state).to_string(),
            "counter 0, 0 items, 0 scores"
        );
        state.increment();
        state.add_many("x", 12_000).unwrap();
        state.set_score("ann".into(), 1.0).unwrap();
        assert_eq!(
            Summary::of(&state).to_string(),
            "counter 1, 12,000 items, 1 score"
        );
    }

    #[test]
    fn js_strings_escape_and_cut() {
        assert_eq!(js_string("milk"), "\"milk\"");
        assert_eq!(js_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(js_string(""), "\"\"");
        let long = "é".repeat(50);
        assert_eq!(js_string(&long), format!("\"{}…\"", "é".repeat(40)));
        assert_eq!(
            js_string(&"x".repeat(40)),
            format!("\"{}\"", "x".repeat(40))
        );
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        assert_eq!(js_number(9.5), "9.5");
        assert_eq!(js_number(1e308), "1e+308");
        assert_eq!(js_number(-3.0), "-3");
        assert_eq!(js_number(f64::NAN), "NaN");
        assert_eq!(js_number(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(js_number(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn a_call_ends_in_a_value_or_a_throw() {
        assert_eq!(
            Call::outcome("wasm.f()", Ok::<_, &str>(3)),
            Call::ok("wasm.f() → 3")
        );
        assert_eq!(
            Call::outcome::<u8, _>("wasm.f()", Err("no")),
            Call::threw("wasm.f() threw: no")
        );
    }

    #[test]
    fn the_session_keeps_the_newest_calls_first_with_fresh_keys() {
        let mut s = Session::new(100.0);
        for i in 0..20 {
            s.record(Some(Call::ok(format!("call {i}"))), 100.0);
        }
        assert_eq!(s.rev, 20);
        assert_eq!(s.calls(), 20);
        assert_eq!(s.log.len(), LOG_LINES);
        assert_eq!(s.log[0].1.text, "call 19");
        assert_eq!(s.log[0].0, 19);
        assert_eq!(s.log[LOG_LINES - 1].1.text, "call 8");
        assert!(s.growth.is_empty());
        assert_eq!(s.grown(), 0.0);
    }

    #[test]
    fn growth_is_put_down_to_the_call_or_to_work_between_calls() {
        let mut s = Session::new(1000.0);
        s.record(Some(Call::ok("wasm.add()")), 2000.0);
        s.record(None, 3000.0);
        // Smaller readings (there are none in a real memory) are not growth.
        s.record(None, 2500.0);
        assert_eq!(s.log.len(), 1, "a refresh is not a call");
        assert_eq!(s.rev, 3, "but it moves the revision");
        assert_eq!(
            s.growth,
            vec![
                Growth {
                    from: 2000.0,
                    to: 3000.0,
                    after: BETWEEN_CALLS.to_owned()
                },
                Growth {
                    from: 1000.0,
                    to: 2000.0,
                    after: "wasm.add()".to_owned()
                },
            ]
        );
        assert_eq!(s.grown(), 2000.0);
        for i in 0..10 {
            s.record(None, 4000.0 + f64::from(i));
        }
        assert_eq!(s.growth.len(), GROWTH_LINES);
    }

    #[test]
    fn pages_start_at_multiples_of_the_page() {
        assert_eq!(last_page_start(0), 0);
        assert_eq!(last_page_start(1), 0);
        assert_eq!(last_page_start(PAGE), 0);
        assert_eq!(last_page_start(PAGE + 1), PAGE);
        assert_eq!(page_start(PAGE * 3 + 5), PAGE * 3);
        assert_eq!(visible_start(PAGE * 5, PAGE * 2), PAGE);
        assert_eq!(visible_start(7, 100), 0);
    }

    #[test]
    fn positions_are_one_based_and_checked() {
        assert_eq!(parse_position(" 1 ", 3), Ok(0));
        assert_eq!(parse_position("3", 3), Ok(2));
        assert_eq!(parse_position("1,234", 2000), Ok(1233));
        assert_eq!(parse_position("1234", 2000), Ok(1233));
        for (text, count) in [
            ("2,9", 2000),
            ("12,34", 2000),
            ("0", 3),
            ("4", 3),
            ("-1", 3),
            ("two", 3),
        ] {
            assert_eq!(
                parse_position(text, count),
                Err(PositionError::OutOfRange { count }),
                "{text}"
            );
        }
        assert_eq!(parse_position("1", 0), Err(PositionError::Empty));
        assert_eq!(
            PositionError::OutOfRange { count: 12_345 }.message("row"),
            "Enter a row number from 1 to 12,345."
        );
        assert_eq!(
            PositionError::OutOfRange { count: 1 }.message("item"),
            "There is one item: enter 1."
        );
    }

    #[test]
    fn keys_on_a_row() {
        assert_eq!(row_key("Delete", false, 2, 5), (RowKey::Remove(2), true));
        assert_eq!(row_key("Backspace", false, 0, 1), (RowKey::Remove(0), true));
        assert_eq!(
            row_key("ArrowUp", true, 2, 5),
            (RowKey::Move { from: 2, to: 1 }, true)
        );
        assert_eq!(
            row_key("ArrowDown", true, 2, 5),
            (RowKey::Move { from: 2, to: 3 }, true)
        );
        assert_eq!(row_key("ArrowUp", true, 0, 5), (RowKey::Ignore, true));
        assert_eq!(row_key("ArrowDown", true, 4, 5), (RowKey::Ignore, true));
        assert_eq!(row_key("ArrowUp", false, 2, 5), (RowKey::Focus(1), true));
        assert_eq!(row_key("ArrowDown", false, 2, 5), (RowKey::Focus(3), true));
        assert_eq!(row_key("ArrowDown", false, 4, 5), (RowKey::Ignore, false));
        assert_eq!(row_key("Home", false, 3, 5), (RowKey::Focus(0), true));
        assert_eq!(row_key("End", false, 3, 5), (RowKey::Focus(4), true));
        assert_eq!(row_key("a", false, 3, 5), (RowKey::Ignore, false));
        assert_eq!(focus_after_removal(4, 4), Some(3));
        assert_eq!(focus_after_removal(1, 4), Some(1));
        assert_eq!(focus_after_removal(0, 0), None);
    }

    #[test]
    fn a_bulk_add_in_chunks() {
        let bulk = Bulk {
            total: 100_000,
            chunk: 10_000,
        };
        assert_eq!(bulk.calls(), 10);
        assert_eq!(bulk.next_chunk(0), 10_000);
        assert_eq!(bulk.next_chunk(95_000), 5_000);
        assert_eq!(bulk.next_chunk(100_000), 0);
        assert_eq!(
            bulk.plan(),
            "Adds them 10,000 at a time (10 calls), letting the browser paint between calls, so the page keeps responding."
        );
        assert_eq!(bulk.refusal(100_000), None);
        assert_eq!(
            bulk.refusal(5),
            Some(
                "Cannot add 100,000: the list has room for 5 more (at most 1,000,000 in all)."
                    .to_owned()
            )
        );
        assert_eq!(
            bulk.refusal(0),
            Some("The list is full: it holds at most 1,000,000 items.".to_owned())
        );
        assert_eq!(
            bulk.report(100_000, 10, 212.4, false),
            "Added 100,000 items in 10 calls of up to 10,000 (212 ms), with the browser free in between."
        );
        assert_eq!(
            bulk.report(1, 1, 3.0, true),
            "Cancelled after 1 item; those stay in the list."
        );
        let odd = Bulk {
            total: 25,
            chunk: 0,
        };
        assert_eq!(odd.calls(), 25, "a zero chunk still makes progress");
        assert_eq!(odd.next_chunk(3), 1);
    }

    #[test]
    fn scores_are_read_as_rust_reads_them() {
        assert_eq!(parse_score(" 9.5 "), Ok(9.5));
        assert!(parse_score("NaN").is_ok_and(f64::is_nan));
        assert_eq!(parse_score("-inf"), Ok(f64::NEG_INFINITY));
        assert_eq!(parse_score("1e3"), Ok(1000.0));
        assert!(parse_score("").unwrap_err().contains("Enter a score"));
        assert!(
            parse_score("abc")
                .unwrap_err()
                .contains("“abc” is not a number")
        );
    }

    #[test]
    fn sort_params_and_header_clicks() {
        for key in [SortKey::Rank, SortKey::Name, SortKey::Score] {
            for ascending in [true, false] {
                let sort = Sort { key, ascending };
                assert_eq!(Sort::from_param(&sort.to_param()), Some(sort));
            }
        }
        assert_eq!(Sort::from_param("sideways"), None);
        assert_eq!(Sort::from_param("-desc"), None);
        let start = Sort::default();
        assert_eq!(start.to_param(), "rank");
        assert_eq!(start.clicked(SortKey::Rank).to_param(), "rank-desc");
        assert_eq!(start.clicked(SortKey::Name).to_param(), "name");
        assert_eq!(start.clicked(SortKey::Score).to_param(), "score-desc");
        assert_eq!(start.aria(SortKey::Rank), "ascending");
        assert_eq!(start.aria(SortKey::Name), "none");
        assert_eq!(
            start.clicked(SortKey::Rank).aria(SortKey::Rank),
            "descending"
        );
    }

    #[test]
    fn the_table_is_arranged_keeping_ranks() {
        let rows = vec![
            ("cy".to_owned(), 9.0),
            ("ann".to_owned(), 5.0),
            ("bo".to_owned(), 5.0),
        ];
        let names = |sort: Sort| -> Vec<(usize, String)> {
            sort.arrange(rows.clone())
                .into_iter()
                .map(|(rank, name, _)| (rank, name))
                .collect()
        };
        let by = |key, ascending| Sort { key, ascending };
        assert_eq!(
            names(Sort::default()),
            [(0, "cy".into()), (1, "ann".into()), (2, "bo".into())]
        );
        assert_eq!(
            names(by(SortKey::Name, false)),
            [(0, "cy".into()), (2, "bo".into()), (1, "ann".into())]
        );
        assert_eq!(
            names(by(SortKey::Score, true)),
            [(1, "ann".into()), (2, "bo".into()), (0, "cy".into())]
        );
        assert_eq!(slider_max(0, 100), 1);
        assert_eq!(slider_max(500, 100), 100);
        assert_eq!(capitalized("the storage"), "The storage");
        assert_eq!(capitalized(""), "");
        assert_eq!(
            sentence("score must be a finite number, got NaN"),
            "Score must be a finite number, got NaN."
        );
        assert_eq!(sentence("Done."), "Done.");
    }

    proptest! {
        #[test]
        fn arranging_is_a_permutation_and_descending_reverses(
            scores in proptest::collection::vec(-1e3f64..1e3, 0..30),
            key in 0usize..3,
        ) {
            let rows: Vec<(String, f64)> = scores
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("n{}", i % 7), *s))
                .collect();
            let key = [SortKey::Rank, SortKey::Name, SortKey::Score][key];
            let up = Sort { key, ascending: true }.arrange(rows.clone());
            let mut down = Sort { key, ascending: false }.arrange(rows.clone());
            down.reverse();
            prop_assert_eq!(&up, &down);
            let mut ranks: Vec<usize> = up.iter().map(|r| r.0).collect();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (0..rows.len()).collect::<Vec<_>>());
        }

        #[test]
        fn a_bulk_add_adds_exactly_its_total(total in 0usize..100_000, chunk in 0usize..5_000) {
            let bulk = Bulk { total, chunk };
            let (mut added, mut calls) = (0, 0);
            loop {
                let n = bulk.next_chunk(added);
                if n == 0 { break; }
                added += n;
                calls += 1;
            }
            prop_assert_eq!(added, total);
            prop_assert_eq!(calls, bulk.calls());
        }

        #[test]
        fn every_position_on_the_page_parses_back(count in 1usize..5_000_000, pick in any::<prop::sample::Index>()) {
            let index = pick.index(count);
            prop_assert_eq!(parse_position(&grouped(index + 1), count), Ok(index));
            prop_assert!(visible_start(page_start(index), count) <= index);
            prop_assert!(index < visible_start(page_start(index), count) + PAGE);
        }
    }
}
