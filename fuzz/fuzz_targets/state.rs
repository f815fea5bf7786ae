//! The State tab's import and its operations: `ModuleState::from_json` on any text (a
//! file a person opens, or what another tab left in localStorage), then any sequence of
//! the tab's operations, then saving and loading again.
//!
//! Input: the saved-state text, then (after a `0xFF` byte) the operations.
//!
//! Laws:
//! - a refused text gets an error with a sentence, and a line and column inside the text
//!   where it has them;
//! - whatever loads obeys the live rules (trimmed, unique, non-empty names of at most
//!   `MAX_NAME_CHARS`, finite scores, at most `MAX_ITEMS` items);
//! - every operation does what its documentation says, and a refused one changes nothing;
//! - `top_scores(n)` is the first `n` of all scores sorted highest first, then by name;
//! - `from_json(to_json(s)) == s` and `from_json(to_json_pretty(s)) == s` for every state
//!   reached, and saving is deterministic.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::state::{MAX_ITEMS, MAX_NAME_CHARS, ModuleState, StateError};
use wasm_playground_fuzz::{expand, split_extras};

/// Thousands of items and scores; the import reads files of any size, but what matters
/// here is how the cost grows, which 64 KB shows.
const MAX_TEXT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    let (text, extras) = split_extras(data);
    let text = expand(text, MAX_TEXT);
    let mut state = match ModuleState::from_json(&text) {
        Ok(state) => {
            check_rules(&state);
            state
        }
        Err(error) => {
            check_error(&text, &error);
            ModuleState::default()
        }
    };
    let mut u = Unstructured::new(extras);
    for _ in 0..32 {
        if u.is_empty() || operate(&mut u, &mut state).is_err() {
            break;
        }
    }
    check_rules(&state);
    round_trip(&state);
});

fn check_error(text: &str, error: &StateError) {
    assert!(!error.to_string().is_empty());
    if let StateError::InvalidJson { line, column, .. } | StateError::Damaged { line, column, .. } =
        error
    {
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(*line >= 1 && *column >= 1, "{error:?}");
        // serde_json reports the end of the text as one line past a final newline.
        if let Some(line_text) = lines.get(line - 1) {
            assert!(
                *column <= line_text.chars().count() + 1,
                "{error:?} is past the end of line {line_text:?}"
            );
        } else {
            panic!("{error:?} is past the last line");
        }
    }
}

fn check_rules(state: &ModuleState) {
    assert!(state.item_count() <= MAX_ITEMS);
    let mut previous: Option<&str> = None;
    for (name, score) in state.scores() {
        assert!(score.is_finite(), "{name:?} has score {score}");
        assert!(
            score != 0.0 || score.is_sign_positive(),
            "-0 stored for {name:?}"
        );
        assert_eq!(name, name.trim(), "name stored untrimmed");
        assert!(!name.is_empty() && name.chars().count() <= MAX_NAME_CHARS);
        assert!(
            previous.is_none_or(|p| p < name),
            "names not unique and in order"
        );
        previous = Some(name);
    }
}

fn check_top(state: &ModuleState, n: usize) {
    let mut all: Vec<(String, f64)> = state.scores().map(|(k, v)| (k.to_owned(), v)).collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(n);
    assert_eq!(state.top_scores(n), all, "top_scores({n})");
}

fn round_trip(state: &ModuleState) {
    let saved = state.to_json();
    match ModuleState::from_json(&saved) {
        Ok(loaded) => {
            assert!(
                loaded == *state,
                "saved state reads back different: {saved:?}"
            );
            assert_eq!(loaded.to_json(), saved, "saving is not deterministic");
        }
        Err(error) => panic!("our own save does not load ({error}): {saved:?}"),
    }
    let pretty = state.to_json_pretty();
    match ModuleState::from_json(&pretty) {
        Ok(loaded) => assert!(loaded == *state, "pretty save reads back different"),
        Err(error) => panic!("our own pretty save does not load ({error})"),
    }
}

fn name(u: &mut Unstructured) -> arbitrary::Result<String> {
    Ok(if u.ratio(1u8, 2)? {
        u.choose(&["ann", " ann ", "bob", "", "  ", "Ann", "\u{a0}zoë\u{2003}"])?
            .to_string()
    } else {
        u.arbitrary::<&str>()?.to_owned()
    })
}

fn score(u: &mut Unstructured) -> arbitrary::Result<f64> {
    Ok(if u.ratio(1u8, 2)? {
        *u.choose(&[
            0.0,
            -0.0,
            1.0,
            9.5,
            -3.0,
            f64::NAN,
            f64::INFINITY,
            1e308,
            5e-324,
        ])?
    } else {
        f64::from_bits(u.arbitrary()?)
    })
}

fn operate(u: &mut Unstructured, state: &mut ModuleState) -> arbitrary::Result<()> {
    let before = state.clone();
    let unchanged =
        |state: &ModuleState| assert!(*state == before, "a refused call changed the state");
    match u.int_in_range(0..=12u8)? {
        0 => {
            let expected = state.counter().saturating_add(1);
            assert_eq!(state.increment(), expected);
        }
        1 => {
            let expected = state.counter().saturating_sub(1);
            assert_eq!(state.decrement(), expected);
        }
        2 => {
            let v: i32 = u.arbitrary()?;
            state.set_counter(v);
            assert_eq!(state.counter(), v);
        }
        3 => {
            let item = u.arbitrary::<&str>()?.to_owned();
            let len = state.item_count();
            assert_eq!(state.add_item(item.clone()), len + 1);
            assert_eq!(state.items().last(), Some(&item));
        }
        4 => {
            let item = u.arbitrary::<&str>()?.to_owned();
            match state.try_add_item(item.clone()) {
                Ok(len) => {
                    assert_eq!(len, before.item_count() + 1);
                    assert_eq!(state.items().last().map(String::as_str), Some(item.trim()));
                }
                Err(_) => unchanged(state),
            }
        }
        5 => {
            let prefix = u.arbitrary::<&str>()?.to_owned();
            // Small batches: the harness clones the state around every call.
            let n = usize::from(u.int_in_range(0..=1024u16)?);
            match state.add_many(&prefix, n) {
                Ok(len) => assert_eq!(len, before.item_count() + n),
                Err(_) => unchanged(state),
            }
        }
        6 => {
            let len = state.item_count();
            let index = if len > 0 && u.arbitrary()? {
                u.choose_index(len)?
            } else {
                u.arbitrary()?
            };
            let expected = before.items().get(index).cloned();
            assert_eq!(state.remove_item(index), expected);
        }
        7 => {
            let len = state.item_count().max(1);
            let (from, to) = (u.choose_index(len + 1)?, u.choose_index(len + 1)?);
            match state.move_item(from, to) {
                Ok(()) => {
                    let mut expected = before.items().to_vec();
                    let item = expected.remove(from);
                    expected.insert(to, item);
                    assert_eq!(state.items(), &expected[..]);
                }
                Err(_) => {
                    assert!(from >= before.item_count() || to >= before.item_count());
                    unchanged(state);
                }
            }
        }
        8 => {
            let (name, score) = (name(u)?, score(u)?);
            match state.set_score(name.clone(), score) {
                Ok(()) => {
                    assert!(score.is_finite());
                    assert_eq!(
                        state.score(&name).map(f64::to_bits),
                        Some((score + 0.0).to_bits())
                    );
                }
                Err(_) => unchanged(state),
            }
        }
        9 => {
            let name = name(u)?;
            let expected = before.score(&name);
            assert_eq!(state.remove_score(&name), expected);
            assert_eq!(state.score(&name), None);
        }
        10 => check_top(state, usize::from(u.arbitrary::<u8>()?)),
        11 => {
            let (start, count) = (
                usize::from(u.arbitrary::<u16>()?),
                usize::from(u.arbitrary::<u16>()?),
            );
            let window = state.items_window(start, count);
            let all = state.items();
            let from = start.min(all.len());
            assert_eq!(window, &all[from..(from + count).min(all.len())]);
        }
        _ => match u.int_in_range(0..=2u8)? {
            0 => state.clear_items(),
            1 => state.clear_scores(),
            _ => state.clear(),
        },
    }
    Ok(())
}
