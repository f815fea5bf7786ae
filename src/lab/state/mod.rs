//! # State that lives in WebAssembly memory
//!
//! A WebAssembly module owns one block of bytes, its *linear memory*. Every Rust value the
//! module creates — this [`ModuleState`], the `Vec` behind its items, the bytes of each
//! `String` — lives somewhere in that block. JavaScript never holds a Rust value: it holds
//! the module instance, and it can only *call exported functions* (`wasm.increment()`),
//! which run Rust code that reads and changes the value, and hand back numbers or copies.
//! JavaScript *can* look at the raw bytes (`memory.buffer` is an `ArrayBuffer`), so with a
//! pointer and a length from Rust it can decode a string straight out of linear memory, as
//! the Rust and WebAssembly book's Game of Life does with its cells. That view is fragile:
//! when Rust grows the memory, the old `ArrayBuffer` is detached and every view of it
//! becomes empty, so JavaScript must re-read `memory.buffer` after any call that may
//! allocate. The app keeps one `ModuleState` in a `thread_local!` and exports functions
//! over it; this module is the pure-Rust value those functions wrap, testable natively.
//!
//! ## Persistence, as production crates do it
//! Linear memory is gone when the page reloads, so the state is written out as JSON with
//! `serde` ([`ModuleState::to_json`]) and read back with validation
//! ([`ModuleState::from_json`]). In a real Yew or Leptos app the same idea is
//! `gloo-storage`'s `LocalStorage::set(key, &value)` / `LocalStorage::get(key)`, which are
//! `serde_json` over `localStorage`. For large state, text JSON is slow and big, and
//! crates such as `bincode` or `postcard` (compact binary through serde) or `rkyv`
//! (zero-copy: the saved bytes *are* the in-memory layout, checked and used in place)
//! take over. What ours leaves out: migrations between format versions (we refuse a
//! version we do not know instead of converting it), compression, and anything
//! browser-side (quota errors, other tabs writing the same key) — that is the web layer's
//! job.
//!
//! ## Why "never panic" matters more in WASM
//! A Rust panic compiled to `wasm32-unknown-unknown` aborts: the module hits an
//! `unreachable` instruction, the JavaScript call throws, and the instance is left in an
//! undefined state — every later call may fail, so one bad input takes the whole app down.
//! The tutorial's version of this state sorted scores with
//! `b.1.partial_cmp(&a.1).unwrap()`, and `partial_cmp` returns `None` when either side is
//! NaN: one `set_score("x", NaN)` and the next `top_scores` killed the module. Here every input a caller can pass yields a value
//! or a [`StateError`]: the counter saturates, non-finite scores and blank names are
//! refused, out-of-range indexes give `None` or an error, and a refused call leaves the
//! state exactly as it was.
//!
//! ## Rules this module decides
//! - **Names are trimmed** (`str::trim`, Unicode white space) before anything else: a
//!   name is stored trimmed, and every method taking a name ([`ModuleState::set_score`],
//!   [`ModuleState::score`], [`ModuleState::remove_score`]) trims it first, so `" ann "`
//!   and `"ann"` are the same player. An empty name after trimming, or one longer than
//!   [`MAX_NAME_CHARS`] characters, is refused.
//! - **Scores** must be finite. `-0.0` is stored as `0.0`, so the two rank as equals and
//!   print the same. At most [`MAX_SCORES`] names.
//! - **Items**: the contract's [`ModuleState::add_item`] keeps any text as given (it has no
//!   way to say no). The input rule the tab uses is [`ModuleState::try_add_item`]: the
//!   text is trimmed, must not be empty, and has at most [`MAX_ITEM_CHARS`] characters.
//!   The list never holds more than [`MAX_ITEMS`] items: past that, `add_item` leaves the
//!   list as it is and returns the unchanged length — it *saturates*, like the counter.
//! - **Saved state** is read back under the same rules, so `from_json(to_json(s)) == s`
//!   for every state this type can reach. Two saved scores with the same (trimmed) name
//!   are an error, not "last one wins": a file we wrote never has them, so they mean the
//!   file was edited or damaged, and silently dropping a score would lose data.

mod persist;
mod scores;
#[cfg(test)]
mod tests;
pub mod view;

use std::fmt;
use std::fmt::Write as _;

pub use persist::FORMAT_VERSION;
use scores::ScoreTable;

/// Most items the list holds (add_item saturates here; loading refuses more).
pub const MAX_ITEMS: usize = 1_000_000;
/// Most characters (Unicode scalar values) in an item accepted by `try_add_item`.
pub const MAX_ITEM_CHARS: usize = 10_000;
/// Most characters in a score name, after trimming.
pub const MAX_NAME_CHARS: usize = 200;
/// Most distinct names in the score table.
pub const MAX_SCORES: usize = 100_000;

/// The state the app keeps in WASM memory: a counter, a list of items, a score table.
///
/// `Default` is the empty state: counter 0, no items, no scores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModuleState {
    counter: i32,
    items: Vec<String>,
    scores: ScoreTable,
}

/// Why a state operation, or reading a saved state, was refused.
///
/// Every refused operation leaves the state unchanged. `Display` gives one sentence a
/// person can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum StateError {
    /// A score was NaN, `inf` or `-inf`.
    NotFinite {
        /// The rejected value.
        value: f64,
    },
    /// A name was empty or only white space.
    EmptyName,
    /// A name (after trimming) had more than [`MAX_NAME_CHARS`] characters.
    NameTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// A new name would make the table hold more than [`MAX_SCORES`] names.
    TableFull,
    /// An item was empty or only white space (the `try_add_item` rule).
    EmptyItem,
    /// An item (after trimming) had more than [`MAX_ITEM_CHARS`] characters.
    ItemTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// Adding `requested` items would pass [`MAX_ITEMS`]; there is room for `room`.
    ListFull {
        /// How many items the call tried to add.
        requested: usize,
        /// How many more the list can take.
        room: usize,
    },
    /// An item position was past the end of the list.
    NoSuchItem {
        /// The position asked for (0-based).
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// The saved text was empty (or only white space).
    EmptyText,
    /// The saved text is not JSON (or is cut off).
    InvalidJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong, in words.
        reason: String,
    },
    /// The text is JSON, but not a saved state (an array, a number, an object of another
    /// shape without a `version`).
    NotAState {
        /// What was found instead, e.g. "a JSON array".
        found: &'static str,
    },
    /// The saved state has a `version` this code does not read.
    UnsupportedVersion {
        /// The version value as JSON text.
        found: String,
    },
    /// The saved state has the right version but a field of the wrong type or range, an
    /// unknown or missing field, or too many entries.
    Damaged {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong, in words.
        reason: String,
    },
    /// A saved score breaks the rules `set_score` enforces.
    BadSavedScore {
        /// Its 0-based position in the saved `scores` array.
        index: usize,
        /// The rule it breaks.
        problem: Box<StateError>,
    },
    /// Two saved scores have the same (trimmed) name.
    DuplicateName {
        /// The repeated name.
        name: String,
    },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite { value } => {
                let shown = if value.is_nan() {
                    "NaN"
                } else if *value > 0.0 {
                    "infinity"
                } else {
                    "-infinity"
                };
                write!(f, "score must be a finite number, got {shown}")
            }
            Self::EmptyName => f.write_str("name must not be empty or only white space"),
            Self::NameTooLong { chars } => write!(
                f,
                "name is {chars} characters long; at most {MAX_NAME_CHARS} are allowed"
            ),
            Self::TableFull => write!(
                f,
                "the score table is full ({MAX_SCORES} names); remove a name to add another"
            ),
            Self::EmptyItem => f.write_str("item must not be empty or only white space"),
            Self::ItemTooLong { chars } => write!(
                f,
                "item is {chars} characters long; at most {MAX_ITEM_CHARS} are allowed"
            ),
            Self::ListFull { requested, room } => {
                if *room == 0 {
                    write!(f, "the list is full: it holds at most {MAX_ITEMS} items")
                } else {
                    write!(
                        f,
                        "cannot add {requested} items: the list has room for {room} more \
                         (at most {MAX_ITEMS} in all)"
                    )
                }
            }
            Self::NoSuchItem { index, len } => match len {
                0 => write!(f, "there is no item at position {index}: the list is empty"),
                1 => write!(
                    f,
                    "there is no item at position {index}: the list has 1 item (position 0)"
                ),
                _ => write!(
                    f,
                    "there is no item at position {index}: the list has {len} items (positions 0 to {})",
                    len - 1
                ),
            },
            Self::EmptyText => f.write_str("the saved state is empty: there is no text to read"),
            Self::InvalidJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "the saved state is not valid JSON (line {line}, column {column}): {reason}"
            ),
            Self::NotAState { found } => write!(
                f,
                "this is not a saved state of this app: expected a JSON object with a \
                 \"version\" field, found {found}"
            ),
            Self::UnsupportedVersion { found } => write!(
                f,
                "this saved state has version {found}, but this app reads only version \
                 {FORMAT_VERSION}"
            ),
            Self::Damaged {
                line,
                column,
                reason,
            } => write!(
                f,
                "the saved state is damaged (line {line}, column {column}): {reason}"
            ),
            Self::BadSavedScore { index, problem } => {
                write!(
                    f,
                    "saved score number {} is not valid: {problem}",
                    index + 1
                )
            }
            Self::DuplicateName { name } => write!(
                f,
                "the saved scores name {name:?} twice; each name may appear once"
            ),
        }
    }
}

impl std::error::Error for StateError {}

/// Trims `text`, reusing its allocation when there is nothing to trim.
fn trimmed(text: String) -> String {
    let trimmed = text.trim();
    if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_owned()
    }
}

/// Checks the name rule on an already trimmed name.
fn check_name(name: &str) -> Result<(), StateError> {
    if name.is_empty() {
        return Err(StateError::EmptyName);
    }
    // Byte length bounds the char count from above, so short names skip the count.
    if name.len() > MAX_NAME_CHARS {
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(StateError::NameTooLong { chars });
        }
    }
    Ok(())
}

/// Checks the score rule and folds `-0.0` into `0.0`.
fn check_score(score: f64) -> Result<f64, StateError> {
    if score.is_finite() {
        // Adding +0.0 turns -0.0 into +0.0 and leaves every other value as it is.
        Ok(score + 0.0)
    } else {
        Err(StateError::NotFinite { value: score })
    }
}

/// Checks the `try_add_item` rule on an already trimmed item.
fn check_item(item: &str) -> Result<(), StateError> {
    if item.is_empty() {
        return Err(StateError::EmptyItem);
    }
    if item.len() > MAX_ITEM_CHARS {
        let chars = item.chars().count();
        if chars > MAX_ITEM_CHARS {
            return Err(StateError::ItemTooLong { chars });
        }
    }
    Ok(())
}

impl ModuleState {
    /// The empty state (same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }

    // ----- counter -------------------------------------------------------------------

    // region: increment
    /// Adds one and returns the new value; stays at `i32::MAX` instead of overflowing.
    pub fn increment(&mut self) -> i32 {
        self.counter = self.counter.saturating_add(1);
        self.counter
    }

    /// Subtracts one and returns the new value; stays at `i32::MIN` instead of overflowing.
    pub fn decrement(&mut self) -> i32 {
        self.counter = self.counter.saturating_sub(1);
        self.counter
    }
    // endregion

    /// The counter's value.
    pub fn counter(&self) -> i32 {
        self.counter
    }

    /// Sets the counter (the tab uses it to jump next to `i32::MAX` and show saturation).
    pub fn set_counter(&mut self, value: i32) {
        self.counter = value;
    }

    // ----- items ---------------------------------------------------------------------

    /// Appends `item` exactly as given and returns the new length.
    ///
    /// Any text is kept, empty included: the contract gives this method no way to refuse.
    /// When the list already holds [`MAX_ITEMS`], nothing is added and the unchanged
    /// length comes back (the list saturates, like the counter). Input from a person should
    /// go through [`try_add_item`](Self::try_add_item) instead.
    pub fn add_item(&mut self, item: String) -> usize {
        if self.items.len() < MAX_ITEMS {
            self.items.push(item);
        }
        self.items.len()
    }

    /// Appends `item` trimmed, if it passes the input rule, and returns the new length.
    ///
    /// Refused: an empty or all-white-space item ([`StateError::EmptyItem`]), one longer
    /// than [`MAX_ITEM_CHARS`] characters after trimming ([`StateError::ItemTooLong`]),
    /// and any item once the list holds [`MAX_ITEMS`] ([`StateError::ListFull`]).
    pub fn try_add_item(&mut self, item: String) -> Result<usize, StateError> {
        let item = trimmed(item);
        check_item(&item)?;
        if self.items.len() >= MAX_ITEMS {
            return Err(StateError::ListFull {
                requested: 1,
                room: 0,
            });
        }
        self.items.push(item);
        Ok(self.items.len())
    }

    /// Appends `n` numbered items `"{prefix} {k}"` (or just `"{k}"` when the trimmed prefix
    /// is empty), numbering on from the current length, and returns the new length.
    ///
    /// This is the tab's "add 100,000 items" button: one reservation and one reused
    /// formatting buffer, so the cost is one allocation per item. All or nothing: if the
    /// items would not fit under [`MAX_ITEMS`] ([`StateError::ListFull`]) or would break
    /// the item rule ([`StateError::ItemTooLong`] for a huge prefix), nothing is added.
    pub fn add_many(&mut self, prefix: &str, n: usize) -> Result<usize, StateError> {
        let len = self.items.len();
        let room = MAX_ITEMS.saturating_sub(len);
        if n > room {
            return Err(StateError::ListFull { requested: n, room });
        }
        if n == 0 {
            return Ok(len);
        }
        let prefix = prefix.trim();
        let separator = if prefix.is_empty() { "" } else { " " };
        // The longest item carries the largest number; if it passes, all do.
        let last_number = len + n; // <= MAX_ITEMS, cannot overflow
        let digits = last_number.checked_ilog10().map_or(1, |d| d as usize + 1);
        let longest = prefix.chars().count() + separator.len() + digits;
        if longest > MAX_ITEM_CHARS {
            return Err(StateError::ItemTooLong { chars: longest });
        }
        self.items.reserve_exact(n);
        let mut buffer = String::with_capacity(prefix.len() + separator.len() + digits);
        for number in len + 1..=last_number {
            buffer.clear();
            buffer.push_str(prefix);
            buffer.push_str(separator);
            // Writing into a String cannot fail; the Result only exists for io-like sinks.
            let _ = write!(buffer, "{number}");
            self.items.push(buffer.as_str().to_owned());
        }
        Ok(self.items.len())
    }

    /// Removes and returns the item at `index`, or `None` when there is none.
    pub fn remove_item(&mut self, index: usize) -> Option<String> {
        (index < self.items.len()).then(|| self.items.remove(index))
    }

    /// Moves the item at `from` so that it ends up at position `to`, shifting the items in
    /// between by one. Both are positions in the current list; on an error nothing moves.
    pub fn move_item(&mut self, from: usize, to: usize) -> Result<(), StateError> {
        let len = self.items.len();
        for index in [from, to] {
            if index >= len {
                return Err(StateError::NoSuchItem { index, len });
            }
        }
        // A rotation of the span between the two positions is the move, without the
        // remove-then-insert that would shift the tail of the list twice.
        if from < to {
            if let Some(span) = self.items.get_mut(from..=to) {
                span.rotate_left(1);
            }
        } else if let Some(span) = self.items.get_mut(to..=from) {
            span.rotate_right(1);
        }
        Ok(())
    }

    /// The items, in order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Up to `count` items starting at position `start` (empty past the end): the rows a
    /// windowed list shows, without copying the rest.
    pub fn items_window(&self, start: usize, count: usize) -> &[String] {
        let len = self.items.len();
        let start = start.min(len);
        let end = start.saturating_add(count).min(len);
        self.items.get(start..end).unwrap_or_default()
    }

    /// How many items the list holds.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// How many items the list's buffer has room for before it must reallocate (and, in
    /// WASM, possibly grow linear memory). The tab shows it beside the buffer's pointer.
    pub fn items_capacity(&self) -> usize {
        self.items.capacity()
    }

    /// Empties the item list (counter and scores stay).
    pub fn clear_items(&mut self) {
        self.items = Vec::new();
    }

    // ----- scores --------------------------------------------------------------------

    // region: set_score
    /// Sets `name`'s score, adding the name if it is new.
    ///
    /// The name is trimmed first. Refused, leaving the table as it was: a NaN or infinite
    /// score ([`StateError::NotFinite`]), an empty or white-space name
    /// ([`StateError::EmptyName`]), a name over [`MAX_NAME_CHARS`] characters
    /// ([`StateError::NameTooLong`]), and a new name once the table holds [`MAX_SCORES`]
    /// ([`StateError::TableFull`]). `-0.0` is stored as `0.0`.
    pub fn set_score(&mut self, name: String, score: f64) -> Result<(), StateError> {
        let score = check_score(score)?;
        let name = trimmed(name);
        check_name(&name)?;
        self.scores.set(name, score)
    }
    // endregion

    /// `name`'s score (the name is trimmed first), or `None` if it has none.
    pub fn score(&self, name: &str) -> Option<f64> {
        self.scores.get(name.trim())
    }

    /// Removes `name`'s score (trimmed first) and returns it, or `None` if it had none.
    pub fn remove_score(&mut self, name: &str) -> Option<f64> {
        self.scores.remove(name.trim())
    }

    // region: top_scores
    /// The `n` best scores, highest first; equal scores in ascending name order (byte
    /// order of the UTF-8 text, which is code point order). `n` past the count gives all.
    ///
    /// Cost: O(log m + n) for m names — the table keeps a ranked index beside the
    /// by-name map, so no call sorts.
    pub fn top_scores(&self, n: usize) -> Vec<(String, f64)> {
        self.scores.top(n)
    }
    // endregion

    /// Every `(name, score)` in ascending name order.
    pub fn scores(&self) -> impl ExactSizeIterator<Item = (&str, f64)> + '_ {
        self.scores.iter()
    }

    /// How many names have a score.
    pub fn score_count(&self) -> usize {
        self.scores.len()
    }

    /// Removes every score (counter and items stay).
    pub fn clear_scores(&mut self) {
        self.scores = ScoreTable::default();
    }

    // ----- whole state ---------------------------------------------------------------

    /// Resets everything — counter, items and scores — to the empty state (the tab's
    /// Reset button).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}
