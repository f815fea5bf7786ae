//! Tests of `lab::state`: the API laws, a corpus of saved texts good and bad, and property
//! tests against a plain model (Vec + HashMap + an i64 counter clamped to i32).

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;

fn state_with_scores(entries: &[(&str, f64)]) -> ModuleState {
    let mut state = ModuleState::new();
    for (name, score) in entries {
        state
            .set_score((*name).to_owned(), *score)
            .expect("test scores are valid");
    }
    state
}

/// A state with this counter, these items, and the scores `set_score` accepts (refusals,
/// such as blank names or non-finite scores, are left out).
fn built_state(counter: i32, items: Vec<String>, scores: Vec<(String, f64)>) -> ModuleState {
    let mut state = ModuleState::new();
    state.set_counter(counter);
    for item in items {
        state.add_item(item);
    }
    for (name, score) in scores {
        let _ = state.set_score(name, score);
    }
    state
}

fn owned(entries: &[(&str, f64)]) -> Vec<(String, f64)> {
    entries.iter().map(|(n, s)| ((*n).to_owned(), *s)).collect()
}

// ----- counter ---------------------------------------------------------------------------

#[test]
fn default_state_is_empty() {
    let state = ModuleState::default();
    assert_eq!(state.counter(), 0);
    assert!(state.items().is_empty());
    assert_eq!(state.item_count(), 0);
    assert_eq!(state.score_count(), 0);
    assert_eq!(state.top_scores(10), vec![]);
    assert_eq!(state, ModuleState::new());
}

#[test]
fn counter_counts_and_saturates_at_both_ends() {
    let mut state = ModuleState::new();
    assert_eq!(state.increment(), 1);
    assert_eq!(state.increment(), 2);
    assert_eq!(state.decrement(), 1);
    assert_eq!(state.counter(), 1);

    state.set_counter(i32::MAX - 1);
    assert_eq!(state.increment(), i32::MAX);
    assert_eq!(state.increment(), i32::MAX);
    assert_eq!(state.counter(), i32::MAX);
    assert_eq!(state.decrement(), i32::MAX - 1);

    state.set_counter(i32::MIN + 1);
    assert_eq!(state.decrement(), i32::MIN);
    assert_eq!(state.decrement(), i32::MIN);
    assert_eq!(state.increment(), i32::MIN + 1);
}

// ----- scores ----------------------------------------------------------------------------

#[test]
fn non_finite_scores_are_refused_with_a_message_and_nothing_changes() {
    let mut state = state_with_scores(&[("ann", 1.0)]);
    let before = state.clone();
    for (bad, shown) in [
        (f64::NAN, "NaN"),
        (-f64::NAN, "NaN"),
        (f64::INFINITY, "infinity"),
        (f64::NEG_INFINITY, "-infinity"),
    ] {
        for name in ["ann", "new"] {
            let error = state.set_score(name.to_owned(), bad).unwrap_err();
            assert!(matches!(error, StateError::NotFinite { .. }));
            assert_eq!(
                error.to_string(),
                format!("score must be a finite number, got {shown}")
            );
            assert_eq!(state, before);
        }
    }
    assert_eq!(state.score("ann"), Some(1.0));
    assert_eq!(state.score("new"), None);
}

#[test]
fn the_tutorials_nan_panic_cannot_happen() {
    // The tutorial's version: set_score("x", NaN), then top_scores panicked in
    // partial_cmp().unwrap().
    let mut state = state_with_scores(&[("a", 1.0), ("b", 2.0)]);
    assert!(state.set_score("x".to_owned(), f64::NAN).is_err());
    assert_eq!(state.top_scores(3), owned(&[("b", 2.0), ("a", 1.0)]));
}

#[test]
fn empty_and_white_space_names_are_refused() {
    let mut state = state_with_scores(&[("ann", 1.0)]);
    let before = state.clone();
    for name in ["", " ", "\t\n", "\u{3000}", "\u{00A0}\u{2003}"] {
        let error = state.set_score(name.to_owned(), 1.0).unwrap_err();
        assert_eq!(error, StateError::EmptyName, "{name:?}");
        assert_eq!(
            error.to_string(),
            "name must not be empty or only white space"
        );
        assert_eq!(state, before);
    }
    // A NaN with an empty name reports the score: either message is right, but one is
    // chosen and kept.
    assert!(matches!(
        state.set_score(" ".to_owned(), f64::NAN),
        Err(StateError::NotFinite { .. })
    ));
}

#[test]
fn names_are_trimmed_everywhere() {
    let mut state = ModuleState::new();
    state.set_score("  ann \n".to_owned(), 3.0).unwrap();
    assert_eq!(state.scores().collect::<Vec<_>>(), vec![("ann", 3.0)]);
    assert_eq!(state.score("ann"), Some(3.0));
    assert_eq!(state.score(" ann "), Some(3.0));
    // The same player: updating through another spacing replaces, not adds.
    state.set_score("ann ".to_owned(), 4.0).unwrap();
    assert_eq!(state.score_count(), 1);
    assert_eq!(state.top_scores(5), owned(&[("ann", 4.0)]));
    // Inner spaces are part of the name.
    state.set_score("ann b".to_owned(), 1.0).unwrap();
    assert_eq!(state.score_count(), 2);
    assert_eq!(state.remove_score("\tann"), Some(4.0));
    assert_eq!(state.score("ann"), None);
    assert_eq!(state.remove_score("ann"), None);
}

#[test]
fn name_length_is_counted_in_characters() {
    let mut state = ModuleState::new();
    let longest = "é".repeat(MAX_NAME_CHARS); // 400 bytes, 200 characters
    state.set_score(longest.clone(), 1.0).unwrap();
    assert_eq!(state.score(&longest), Some(1.0));
    let before = state.clone();
    let error = state
        .set_score("x".repeat(MAX_NAME_CHARS + 1), 1.0)
        .unwrap_err();
    assert_eq!(
        error,
        StateError::NameTooLong {
            chars: MAX_NAME_CHARS + 1
        }
    );
    assert_eq!(
        error.to_string(),
        "name is 201 characters long; at most 200 are allowed"
    );
    // Spaces around a name do not count against it.
    state
        .set_score(format!("  {}  ", "y".repeat(MAX_NAME_CHARS)), 2.0)
        .unwrap();
    assert_eq!(state.score_count(), before.score_count() + 1);
}

#[test]
fn ranking_is_highest_first_with_ties_by_name() {
    let state = state_with_scores(&[
        ("carol", 5.0),
        ("bob", 7.5),
        ("alice", 5.0),
        ("dave", -1.0),
        ("Zed", 5.0),
        ("émile", 5.0),
    ]);
    // Ties in code point order: "Zed" < "alice" < "carol" < "émile".
    assert_eq!(
        state.top_scores(10),
        owned(&[
            ("bob", 7.5),
            ("Zed", 5.0),
            ("alice", 5.0),
            ("carol", 5.0),
            ("émile", 5.0),
            ("dave", -1.0),
        ])
    );
    assert_eq!(state.top_scores(2), owned(&[("bob", 7.5), ("Zed", 5.0)]));
    assert_eq!(state.top_scores(0), vec![]);
    assert_eq!(state.top_scores(6).len(), 6);
    assert_eq!(state.top_scores(7).len(), 6);
    assert_eq!(state.top_scores(usize::MAX).len(), 6);
}

#[test]
fn negative_zero_ties_with_zero() {
    let mut state = state_with_scores(&[("b", -0.0), ("a", 0.0), ("c", -0.0)]);
    let top = state.top_scores(3);
    assert_eq!(top, owned(&[("a", 0.0), ("b", 0.0), ("c", 0.0)]));
    assert!(top.iter().all(|(_, s)| s.is_sign_positive()), "{top:?}");
    assert!(state.score("b").unwrap().is_sign_positive());
    // Setting -0.0 over 0.0 is no change at all.
    let before = state.clone();
    state.set_score("a".to_owned(), -0.0).unwrap();
    assert_eq!(state, before);
}

#[test]
fn extreme_finite_scores_rank_correctly() {
    let state = state_with_scores(&[
        ("max", f64::MAX),
        ("min", f64::MIN),
        ("tiny", f64::MIN_POSITIVE),
        ("sub", 5e-324),
        ("negsub", -5e-324),
        ("zero", 0.0),
    ]);
    let names: Vec<String> = state.top_scores(9).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["max", "tiny", "sub", "zero", "negsub", "min"]);
}

#[test]
fn updating_and_removing_scores_keep_the_ranking_in_step() {
    let mut state = state_with_scores(&[("a", 1.0), ("b", 2.0), ("c", 3.0)]);
    state.set_score("a".to_owned(), 10.0).unwrap();
    assert_eq!(
        state.top_scores(3),
        owned(&[("a", 10.0), ("c", 3.0), ("b", 2.0)])
    );
    assert_eq!(state.remove_score("c"), Some(3.0));
    assert_eq!(state.top_scores(3), owned(&[("a", 10.0), ("b", 2.0)]));
    assert!(state.scores.index_matches());
    state.clear_scores();
    assert_eq!(state.top_scores(3), vec![]);
    assert_eq!(state.score_count(), 0);
}

#[test]
fn scores_iterate_in_name_order() {
    let state = state_with_scores(&[("b", 1.0), ("a", 2.0), ("c", 0.5)]);
    let all: Vec<_> = state.scores().collect();
    assert_eq!(all, vec![("a", 2.0), ("b", 1.0), ("c", 0.5)]);
    assert_eq!(state.scores().len(), 3);
}

#[test]
fn the_table_refuses_new_names_when_full_but_updates_old_ones() {
    let mut state = ModuleState::new();
    for k in 0..MAX_SCORES {
        state.set_score(format!("p{k}"), k as f64).unwrap();
    }
    let before = state.clone();
    let error = state.set_score("newcomer".to_owned(), 1.0).unwrap_err();
    assert_eq!(error, StateError::TableFull);
    assert!(error.to_string().contains("full (100000 names)"));
    assert_eq!(state, before);
    state.set_score("p0".to_owned(), 1e9).unwrap();
    assert_eq!(state.top_scores(1), owned(&[("p0", 1e9)]));
    assert!(state.scores.index_matches());
}

// ----- items -----------------------------------------------------------------------------

#[test]
fn add_item_keeps_any_text_and_returns_the_length() {
    let mut state = ModuleState::new();
    assert_eq!(state.add_item("milk".to_owned()), 1);
    assert_eq!(state.add_item(String::new()), 2);
    assert_eq!(state.add_item("  spaced  ".to_owned()), 3);
    assert_eq!(state.items(), ["milk", "", "  spaced  "]);
}

#[test]
fn remove_item_out_of_range_is_none_and_changes_nothing() {
    let mut state = ModuleState::new();
    assert_eq!(state.remove_item(0), None);
    state.add_item("a".to_owned());
    state.add_item("b".to_owned());
    state.add_item("c".to_owned());
    let before = state.clone();
    for index in [3, 4, usize::MAX] {
        assert_eq!(state.remove_item(index), None);
        assert_eq!(state, before);
    }
    assert_eq!(state.remove_item(1), Some("b".to_owned()));
    assert_eq!(state.items(), ["a", "c"]);
    assert_eq!(state.remove_item(1), Some("c".to_owned()));
    assert_eq!(state.remove_item(0), Some("a".to_owned()));
    assert_eq!(state.remove_item(0), None);
}

#[test]
fn try_add_item_applies_the_input_rule() {
    let mut state = ModuleState::new();
    assert_eq!(state.try_add_item("  milk \n".to_owned()), Ok(1));
    assert_eq!(state.items(), ["milk"]);
    let before = state.clone();
    for blank in ["", "   ", "\t\r\n", "\u{2028}"] {
        let error = state.try_add_item(blank.to_owned()).unwrap_err();
        assert_eq!(error, StateError::EmptyItem);
        assert_eq!(
            error.to_string(),
            "item must not be empty or only white space"
        );
        assert_eq!(state, before);
    }
    let error = state
        .try_add_item("x".repeat(MAX_ITEM_CHARS + 1))
        .unwrap_err();
    assert_eq!(
        error,
        StateError::ItemTooLong {
            chars: MAX_ITEM_CHARS + 1
        }
    );
    assert_eq!(
        error.to_string(),
        "item is 10001 characters long; at most 10000 are allowed"
    );
    assert_eq!(state, before);
    // A 10 MB paste is refused quickly, with its length.
    let huge = "ab".repeat(5_000_000);
    assert_eq!(
        state.try_add_item(huge),
        Err(StateError::ItemTooLong { chars: 10_000_000 })
    );
    // Exactly the limit, in multi-byte characters, is fine.
    assert_eq!(state.try_add_item("😀".repeat(MAX_ITEM_CHARS)), Ok(2));
    // Emoji, right-to-left text and NUL are just text.
    assert_eq!(state.try_add_item("שלום \u{0} 👩‍👩‍👧".to_owned()), Ok(3));
}

#[test]
fn move_item_reorders_and_refuses_bad_positions() {
    let mut state = ModuleState::new();
    for item in ["a", "b", "c", "d", "e"] {
        state.add_item(item.to_owned());
    }
    state.move_item(0, 3).unwrap();
    assert_eq!(state.items(), ["b", "c", "d", "a", "e"]);
    state.move_item(4, 0).unwrap();
    assert_eq!(state.items(), ["e", "b", "c", "d", "a"]);
    state.move_item(2, 2).unwrap();
    assert_eq!(state.items(), ["e", "b", "c", "d", "a"]);
    state.move_item(1, 2).unwrap();
    assert_eq!(state.items(), ["e", "c", "b", "d", "a"]);

    let before = state.clone();
    for (from, to) in [(5, 0), (0, 5), (usize::MAX, 0), (2, usize::MAX)] {
        let error = state.move_item(from, to).unwrap_err();
        assert!(matches!(error, StateError::NoSuchItem { len: 5, .. }));
        assert_eq!(state, before);
    }
    assert_eq!(
        state.move_item(7, 0).unwrap_err().to_string(),
        "there is no item at position 7: the list has 5 items (positions 0 to 4)"
    );
    assert_eq!(
        ModuleState::new().move_item(0, 0).unwrap_err().to_string(),
        "there is no item at position 0: the list is empty"
    );
}

#[test]
fn add_many_numbers_on_and_is_all_or_nothing() {
    let mut state = ModuleState::new();
    state.add_item("first".to_owned());
    assert_eq!(state.add_many("  item ", 3), Ok(4));
    assert_eq!(state.items(), ["first", "item 2", "item 3", "item 4"]);
    assert_eq!(state.add_many("", 2), Ok(6));
    assert_eq!(state.items()[4..], ["5", "6"]);
    assert_eq!(state.add_many("x", 0), Ok(6));
    assert_eq!(state.add_many("   ", 1), Ok(7));
    assert_eq!(state.items()[6], "7");

    let before = state.clone();
    let error = state.add_many("x", usize::MAX).unwrap_err();
    assert_eq!(
        error,
        StateError::ListFull {
            requested: usize::MAX,
            room: MAX_ITEMS - 7
        }
    );
    assert!(error.to_string().contains("room for 999993 more"));
    assert_eq!(state, before);
    // A prefix so long that the numbered items break the item rule.
    let error = state.add_many(&"p".repeat(MAX_ITEM_CHARS), 3).unwrap_err();
    assert_eq!(
        error,
        StateError::ItemTooLong {
            chars: MAX_ITEM_CHARS + 3 // " 10"
        }
    );
    assert_eq!(state, before);
    // Every item add_many makes passes try_add_item's rule.
    let mut check = ModuleState::new();
    for item in state.items().iter().skip(1) {
        check.try_add_item(item.clone()).unwrap();
    }
}

#[test]
fn items_window_clamps() {
    let mut state = ModuleState::new();
    state.add_many("row", 10).unwrap();
    assert_eq!(state.items_window(0, 3), ["row 1", "row 2", "row 3"]);
    assert_eq!(state.items_window(8, 5), ["row 9", "row 10"]);
    assert!(state.items_window(10, 5).is_empty());
    assert!(state.items_window(usize::MAX, usize::MAX).is_empty());
    assert_eq!(state.items_window(9, usize::MAX), ["row 10"]);
    assert!(state.items_window(3, 0).is_empty());
}

#[test]
fn the_list_saturates_at_max_items() {
    let mut state = ModuleState::new();
    assert_eq!(state.add_many("i", MAX_ITEMS), Ok(MAX_ITEMS));
    assert_eq!(state.items().last().map(String::as_str), Some("i 1000000"));
    let before = state.clone();
    assert_eq!(state.add_item("one more".to_owned()), MAX_ITEMS);
    assert_eq!(
        state.try_add_item("one more".to_owned()),
        Err(StateError::ListFull {
            requested: 1,
            room: 0
        })
    );
    let error = state.add_many("i", 1).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the list is full: it holds at most 1000000 items"
    );
    assert_eq!(state.add_many("i", 0), Ok(MAX_ITEMS));
    assert_eq!(state, before);
    // A full list saves and loads.
    let text = state.to_json();
    assert_eq!(ModuleState::from_json(&text).as_ref(), Ok(&state));
}

#[test]
fn clear_resets_parts_or_everything() {
    let mut state = state_with_scores(&[("a", 1.0)]);
    state.increment();
    state.add_item("x".to_owned());
    let mut only_items = state.clone();
    only_items.clear_items();
    assert_eq!(only_items.item_count(), 0);
    assert_eq!(only_items.counter(), 1);
    assert_eq!(only_items.score_count(), 1);
    state.clear();
    assert_eq!(state, ModuleState::default());
}

// ----- errors ----------------------------------------------------------------------------

#[test]
fn state_error_is_a_std_error_with_sentences() {
    fn assert_error<E: std::error::Error + Clone + PartialEq>() {}
    assert_error::<StateError>();
    let boxed: Box<dyn std::error::Error> = Box::new(StateError::EmptyName);
    assert_eq!(
        boxed.to_string(),
        "name must not be empty or only white space"
    );
    let nested = StateError::BadSavedScore {
        index: 2,
        problem: Box::new(StateError::EmptyName),
    };
    assert_eq!(
        nested.to_string(),
        "saved score number 3 is not valid: name must not be empty or only white space"
    );
    assert_eq!(
        StateError::NoSuchItem { index: 1, len: 1 }.to_string(),
        "there is no item at position 1: the list has 1 item (position 0)"
    );
}

// ----- persistence -----------------------------------------------------------------------

fn sample_state() -> ModuleState {
    let mut state = state_with_scores(&[("ann", 9.5), ("bob", -2.0)]);
    state.set_counter(3);
    state.add_item("milk".to_owned());
    state.add_item("say \"hi\"\n\u{1F600}".to_owned());
    state
}

#[test]
fn to_json_writes_the_versioned_form() {
    let text = sample_state().to_json();
    assert_eq!(
        text,
        r#"{"version":1,"counter":3,"items":["milk","say \"hi\"\n😀"],"scores":[{"name":"ann","score":9.5},{"name":"bob","score":-2.0}]}"#
    );
    assert_eq!(
        ModuleState::default().to_json(),
        r#"{"version":1,"counter":0,"items":[],"scores":[]}"#
    );
    let pretty = sample_state().to_json_pretty();
    assert!(pretty.contains("\n  \"counter\": 3,"));
    assert_eq!(ModuleState::from_json(&pretty), Ok(sample_state()));
}

#[test]
fn from_json_reads_what_to_json_wrote() {
    let state = sample_state();
    assert_eq!(ModuleState::from_json(&state.to_json()), Ok(state.clone()));
    // With a byte order mark and surrounding white space, as an editor might save it.
    let text = format!("\u{FEFF} \n{}\n ", state.to_json());
    assert_eq!(ModuleState::from_json(&text), Ok(state));
}

#[test]
fn loading_is_lenient_only_where_the_live_rules_are() {
    // Whole numbers in any JSON spelling are counters; names are trimmed; -0 is 0.
    let text = r#"{"version":1,"counter":-0,"items":[""],"scores":[{"name":" ann ","score":-0}]}"#;
    let state = ModuleState::from_json(text).unwrap();
    assert_eq!(state.counter(), 0);
    assert_eq!(state.items(), [""]);
    assert_eq!(state.score("ann"), Some(0.0));
    assert!(state.score("ann").unwrap().is_sign_positive());
    for (spelling, value) in [
        ("1e3", 1000),
        ("5.0", 5),
        ("2147483647", i32::MAX),
        ("-2147483648", i32::MIN),
        ("-2.147483648e9", i32::MIN),
    ] {
        let text = format!(r#"{{"version":1,"counter":{spelling},"items":[],"scores":[]}}"#);
        assert_eq!(
            ModuleState::from_json(&text).map(|s| s.counter()),
            Ok(value),
            "{spelling}"
        );
    }
    // serde's derive also reads a struct from an array of its fields in order. For a
    // score entry the meaning is unambiguous, so that stays accepted.
    let text = with_fields("0", "[]", r#"[["ann",2]]"#);
    assert_eq!(
        ModuleState::from_json(&text).map(|s| s.score("ann")),
        Ok(Some(2.0))
    );
    // Field order does not matter.
    let text = r#"{"scores":[],"items":["a"],"counter":2,"version":1}"#;
    assert_eq!(ModuleState::from_json(text).map(|s| s.counter()), Ok(2));
}

/// What a refused text must give: the variant (by a check) and words in the message.
struct Refusal {
    text: String,
    is_expected: fn(&StateError) -> bool,
    says: &'static str,
}

fn refusal(
    text: impl Into<String>,
    is_expected: fn(&StateError) -> bool,
    says: &'static str,
) -> Refusal {
    Refusal {
        text: text.into(),
        is_expected,
        says,
    }
}

fn with_fields(counter: &str, items: &str, scores: &str) -> String {
    format!(r#"{{"version":1,"counter":{counter},"items":{items},"scores":{scores}}}"#)
}

fn refusals() -> Vec<Refusal> {
    use StateError as E;
    let invalid = |e: &E| matches!(e, E::InvalidJson { .. });
    let not_state = |e: &E| matches!(e, E::NotAState { .. });
    let version = |e: &E| matches!(e, E::UnsupportedVersion { .. });
    let damaged = |e: &E| matches!(e, E::Damaged { .. });
    let bad_score = |e: &E| matches!(e, E::BadSavedScore { .. });
    vec![
        // Not JSON at all, or cut off.
        refusal("", |e| *e == E::EmptyText, "is empty"),
        refusal(" \n\t", |e| *e == E::EmptyText, "is empty"),
        refusal("\u{FEFF}", |e| *e == E::EmptyText, "is empty"),
        refusal("hello", invalid, "not valid JSON (line 1, column 1)"),
        refusal("{", invalid, "cut off"),
        refusal(
            r#"{"version":1,"counter":3,"items":["mi"#,
            invalid,
            "cut off",
        ),
        refusal("[1,", invalid, "cut off"),
        refusal("{'version':1}", invalid, "key must be a string"),
        refusal(
            r#"{"version":1,"counter":0,"items":[],"scores":[]} x"#,
            invalid,
            "trailing characters",
        ),
        refusal(
            r#"{"version":1,"counter":0,"items":[],"scores":[],}"#,
            invalid,
            "trailing comma",
        ),
        refusal(with_fields("0", r#"["\ud800"]"#, "[]"), invalid, "line 1"),
        refusal(
            with_fields("0", "[]", r#"[{"name":"a","score":1e400}]"#),
            invalid,
            "too large",
        ),
        refusal(with_fields("NaN", "[]", "[]"), invalid, "not valid JSON"),
        refusal(
            with_fields("0", "[]", r#"[{"name":"a","score":Infinity}]"#),
            invalid,
            "not valid JSON",
        ),
        // JSON, but not ours.
        refusal("[]", not_state, "found a JSON array"),
        refusal("[{\"version\":1}]", not_state, "found a JSON array"),
        refusal("42", not_state, "found a number"),
        refusal("\"state\"", not_state, "found a JSON string"),
        refusal("null", not_state, "found null"),
        refusal("true", not_state, "found true or false"),
        refusal("{}", not_state, "without one"),
        refusal(
            r#"{"foo":1}"#,
            not_state,
            "expected a JSON object with a \"version\" field",
        ),
        refusal(
            r#"{"counter":1,"items":[],"scores":[]}"#,
            not_state,
            "without one",
        ),
        // Another version.
        refusal(
            r#"{"version":2,"counter":0,"items":[],"scores":[]}"#,
            version,
            "has version 2, but this app reads only version 1",
        ),
        refusal(r#"{"version":2,"layout":"new"}"#, version, "version 2"),
        refusal(
            r#"{"version":"1","counter":0,"items":[],"scores":[]}"#,
            version,
            "version \"1\"",
        ),
        refusal(
            r#"{"version":null,"counter":0,"items":[],"scores":[]}"#,
            version,
            "version null",
        ),
        refusal(r#"{"version":1.5}"#, version, "version 1.5"),
        refusal(r#"{"version":-1}"#, version, "version -1"),
        refusal(
            r#"{"version":0,"counter":0,"items":[],"scores":[]}"#,
            version,
            "version 0",
        ),
        // Version 1, damaged.
        refusal(r#"{"version":1}"#, damaged, "missing field `counter`"),
        refusal(
            r#"{"version":1,"counter":0,"items":[]}"#,
            damaged,
            "missing field `scores`",
        ),
        refusal(
            r#"{"version":1,"counter":0,"items":[],"scores":[],"extra":true}"#,
            damaged,
            "unknown field `extra`",
        ),
        refusal(
            r#"{"version":1,"counter":0,"counter":1,"items":[],"scores":[]}"#,
            damaged,
            "duplicate field `counter`",
        ),
        refusal(
            with_fields("3000000000", "[]", "[]"),
            damaged,
            "the counter must be a whole number from -2147483648 to 2147483647, got 3000000000",
        ),
        refusal(
            with_fields("-2147483649", "[]", "[]"),
            damaged,
            "got -2147483649",
        ),
        refusal(
            with_fields("99999999999999999999999", "[]", "[]"),
            damaged,
            "got 100000000000000000000000",
        ),
        refusal(with_fields("1.5", "[]", "[]"), damaged, "got 1.5"),
        refusal(
            with_fields("\"3\"", "[]", "[]"),
            damaged,
            "invalid type: string \"3\", expected the counter as a whole number",
        ),
        refusal(
            with_fields("null", "[]", "[]"),
            damaged,
            "invalid type: null",
        ),
        refusal(
            with_fields("0", "[1]", "[]"),
            damaged,
            "invalid type: integer `1`, expected a string",
        ),
        refusal(
            with_fields("0", "[null]", "[]"),
            damaged,
            "expected a string",
        ),
        refusal(
            with_fields("0", "\"milk\"", "[]"),
            damaged,
            "expected a list of at most 1000000 items",
        ),
        refusal(with_fields("0", "{}", "[]"), damaged, "expected a list"),
        refusal(
            with_fields("0", "null", "[]"),
            damaged,
            "invalid type: null",
        ),
        refusal(
            with_fields("0", "[]", "{\"ann\":1}"),
            damaged,
            "expected a list of at most 100000 scores",
        ),
        refusal(
            with_fields("0", "[]", r#"[{"name":"a","score":null}]"#),
            damaged,
            "invalid type: null, expected a score as a finite number",
        ),
        refusal(
            with_fields("0", "[]", r#"[{"name":"a","score":"5"}]"#),
            damaged,
            "expected a score as a finite number",
        ),
        refusal(
            with_fields("0", "[]", r#"[{"name":"a"}]"#),
            damaged,
            "missing field `score`",
        ),
        refusal(
            with_fields("0", "[]", r#"[{"name":"a","score":1,"rank":2}]"#),
            damaged,
            "unknown field `rank`",
        ),
        refusal(
            with_fields("0", "[]", r#"[{"name":7,"score":1}]"#),
            damaged,
            "expected a string",
        ),
        // Version 1, well formed, breaking the live rules.
        refusal(
            with_fields("0", "[]", r#"[{"name":"","score":1}]"#),
            bad_score,
            "saved score number 1 is not valid: name must not be empty",
        ),
        refusal(
            with_fields(
                "0",
                "[]",
                r#"[{"name":"a","score":1},{"name":" \t ","score":1}]"#,
            ),
            bad_score,
            "saved score number 2",
        ),
        refusal(
            with_fields(
                "0",
                "[]",
                &format!(r#"[{{"name":"{}","score":1}}]"#, "n".repeat(201)),
            ),
            bad_score,
            "201 characters",
        ),
        refusal(
            with_fields(
                "0",
                "[]",
                r#"[{"name":"ann","score":1},{"name":" ann","score":2}]"#,
            ),
            |e| {
                *e == StateError::DuplicateName {
                    name: "ann".to_owned(),
                }
            },
            "name \"ann\" twice",
        ),
        // Deep nesting is an error, not a stack overflow.
        refusal("[".repeat(100_000), invalid, "recursion limit"),
        refusal(
            format!("{{\"version\":1,\"x\":{}", "[".repeat(100_000)),
            damaged,
            "unknown field `x`",
        ),
        refusal(
            format!("{{\"version\":{}", "[".repeat(100_000)),
            damaged,
            "invalid type: sequence",
        ),
        refusal(
            with_fields("0", &"[".repeat(100_000), "[]"),
            damaged,
            "expected a string",
        ),
    ]
}

#[test]
fn from_json_refuses_bad_text_with_a_reason() {
    for case in refusals() {
        let shown: String = case.text.chars().take(80).collect();
        let error = ModuleState::from_json(&case.text).expect_err(&shown);
        assert!((case.is_expected)(&error), "{shown}: wrong kind {error:?}");
        let message = error.to_string();
        assert!(
            message.contains(case.says),
            "{shown}: message {message:?} lacks {:?}",
            case.says
        );
    }
}

#[test]
fn too_many_saved_entries_stop_the_read() {
    let items = format!("[{}\"\"]", "\"\",".repeat(MAX_ITEMS));
    let error = ModuleState::from_json(&with_fields("0", &items, "[]")).unwrap_err();
    assert!(matches!(error, StateError::Damaged { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("there are more than 1000000 items, the most this app keeps")
    );

    let entry = r#"{"name":"a","score":1},"#;
    let scores = format!(
        "[{}{}]",
        entry.repeat(MAX_SCORES),
        r#"{"name":"b","score":1}"#
    );
    let error = ModuleState::from_json(&with_fields("0", "[]", &scores)).unwrap_err();
    assert!(
        error.to_string().contains("more than 100000 scores"),
        "{error}"
    );
}

#[test]
fn error_positions_count_characters_not_bytes() {
    // The 1 sits at character 41 of the line (byte 44: each é is two bytes).
    let text = with_fields("0", r#"["ééé",1]"#, "[]");
    let error = ModuleState::from_json(&text).unwrap_err();
    assert!(
        matches!(
            error,
            StateError::Damaged {
                line: 1,
                column: 41,
                ..
            }
        ),
        "{error:?}"
    );
    // On a later line, after a multi-byte line.
    let text = "{\"version\":1,\n\"counter\":0,\"items\":[\"😀\"],\n\"scores\":[] x";
    let error = ModuleState::from_json(text).unwrap_err();
    assert!(
        matches!(
            error,
            StateError::InvalidJson {
                line: 3,
                column: 13,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("(line 3, column 13)"));
}

#[test]
fn a_line_break_at_fault_is_reported_where_it_is_not_at_column_0() {
    // serde_json puts an error at a raw newline on the next line, column 0; the newline
    // ends line 1, right after its two characters (found by the fuzzer).
    for (text, line, column) in [("\"é\n", 1, 3), ("{\"items\":[\"a\n\"]}", 1, 13)] {
        let error = ModuleState::from_json(text).unwrap_err();
        assert!(
            matches!(error, StateError::InvalidJson { line: l, column: c, .. } if (l, c) == (line, column)),
            "{text:?}: {error:?}"
        );
    }
}

#[test]
fn every_cut_of_a_saved_state_is_refused() {
    let text = sample_state().to_json();
    for (end, _) in text.char_indices().skip(1) {
        let cut = &text[..end];
        let error = ModuleState::from_json(cut).expect_err(cut);
        assert!(
            matches!(error, StateError::InvalidJson { .. }),
            "{cut}: {error:?}"
        );
    }
}

// ----- property tests --------------------------------------------------------------------

/// One call a caller can make.
#[derive(Clone, Debug)]
enum Op {
    Increment,
    Decrement,
    SetCounter(i32),
    AddItem(String),
    TryAddItem(String),
    AddMany(String, usize),
    RemoveItem(usize),
    MoveItem(usize, usize),
    ClearItems,
    SetScore(String, f64),
    RemoveScore(String),
    ClearScores,
    Clear,
}

fn name_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["ann", "bob", " ann", "bob\t", "Zoë", "a b", "", "  ", "\u{3000}"])
            .prop_map(str::to_owned),
        1 => "[ a-c]{0,3}",
        1 => Just("x".repeat(MAX_NAME_CHARS + 1)),
    ]
}

fn score_strategy() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (-3i8..=3).prop_map(f64::from),
        1 => prop::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 0.0, f64::MAX, f64::MIN, 5e-324]),
        1 => any::<f64>(),
    ]
}

fn item_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[ a-z]{0,4}",
        1 => "(?s).{0,6}",
        1 => Just("y".repeat(MAX_ITEM_CHARS + 1)),
    ]
}

fn index_strategy() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0usize..8, 1 => Just(usize::MAX)]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Increment),
        3 => Just(Op::Decrement),
        1 => prop_oneof![
            Just(i32::MAX), Just(i32::MAX - 1), Just(i32::MIN), Just(i32::MIN + 1), any::<i32>()
        ].prop_map(Op::SetCounter),
        3 => item_strategy().prop_map(Op::AddItem),
        3 => item_strategy().prop_map(Op::TryAddItem),
        1 => ("[ a-z]{0,3}", 0usize..4).prop_map(|(p, n)| Op::AddMany(p, n)),
        2 => index_strategy().prop_map(Op::RemoveItem),
        2 => (index_strategy(), index_strategy()).prop_map(|(f, t)| Op::MoveItem(f, t)),
        1 => Just(Op::ClearItems),
        6 => (name_strategy(), score_strategy()).prop_map(|(n, s)| Op::SetScore(n, s)),
        2 => name_strategy().prop_map(Op::RemoveScore),
        1 => Just(Op::ClearScores),
        1 => Just(Op::Clear),
    ]
}

/// The plainest possible statement of the rules, written without looking at how
/// ModuleState stores anything.
#[derive(Clone, Debug, Default)]
struct Model {
    counter: i64,
    items: Vec<String>,
    scores: HashMap<String, f64>,
}

/// What an operation returned, in a form both sides can produce.
#[derive(Debug, PartialEq)]
enum Outcome {
    Counter(i32),
    Len(usize),
    Item(Option<String>),
    Score(Option<f64>),
    Refused,
    Done,
}

impl Model {
    fn clamp(&mut self) -> i32 {
        self.counter = self.counter.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        i32::try_from(self.counter).unwrap_or_default()
    }

    fn apply(&mut self, op: &Op) -> Outcome {
        match op {
            Op::Increment => {
                self.counter += 1;
                Outcome::Counter(self.clamp())
            }
            Op::Decrement => {
                self.counter -= 1;
                Outcome::Counter(self.clamp())
            }
            Op::SetCounter(v) => {
                self.counter = i64::from(*v);
                Outcome::Done
            }
            Op::AddItem(item) => {
                self.items.push(item.clone());
                Outcome::Len(self.items.len())
            }
            Op::TryAddItem(item) => {
                let item = item.trim();
                if item.is_empty() || item.chars().count() > MAX_ITEM_CHARS {
                    Outcome::Refused
                } else {
                    self.items.push(item.to_owned());
                    Outcome::Len(self.items.len())
                }
            }
            Op::AddMany(prefix, n) => {
                let prefix = prefix.trim();
                for _ in 0..*n {
                    let k = self.items.len() + 1;
                    self.items.push(if prefix.is_empty() {
                        k.to_string()
                    } else {
                        format!("{prefix} {k}")
                    });
                }
                Outcome::Len(self.items.len())
            }
            Op::RemoveItem(index) => Outcome::Item(if *index < self.items.len() {
                Some(self.items.remove(*index))
            } else {
                None
            }),
            Op::MoveItem(from, to) => {
                if *from < self.items.len() && *to < self.items.len() {
                    let item = self.items.remove(*from);
                    self.items.insert(*to, item);
                    Outcome::Done
                } else {
                    Outcome::Refused
                }
            }
            Op::ClearItems => {
                self.items.clear();
                Outcome::Done
            }
            Op::SetScore(name, score) => {
                let name = name.trim();
                if !score.is_finite() || name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                    Outcome::Refused
                } else {
                    self.scores.insert(name.to_owned(), *score);
                    Outcome::Done
                }
            }
            Op::RemoveScore(name) => Outcome::Score(self.scores.remove(name.trim())),
            Op::ClearScores => {
                self.scores.clear();
                Outcome::Done
            }
            Op::Clear => {
                *self = Model::default();
                Outcome::Done
            }
        }
    }

    /// The ranking by the tutorial's recipe, made total: sort everything, best first.
    fn top(&self, n: usize) -> Vec<(String, f64)> {
        let mut all: Vec<(String, f64)> =
            self.scores.iter().map(|(k, v)| (k.clone(), *v)).collect();
        all.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.0.cmp(&b.0))
        });
        all.truncate(n);
        all
    }
}

fn apply(state: &mut ModuleState, op: &Op) -> Outcome {
    fn refused_or<T>(result: Result<T, StateError>, ok: impl FnOnce(T) -> Outcome) -> Outcome {
        result.map_or(Outcome::Refused, ok)
    }
    match op {
        Op::Increment => Outcome::Counter(state.increment()),
        Op::Decrement => Outcome::Counter(state.decrement()),
        Op::SetCounter(v) => {
            state.set_counter(*v);
            Outcome::Done
        }
        Op::AddItem(item) => Outcome::Len(state.add_item(item.clone())),
        Op::TryAddItem(item) => refused_or(state.try_add_item(item.clone()), Outcome::Len),
        Op::AddMany(prefix, n) => refused_or(state.add_many(prefix, *n), Outcome::Len),
        Op::RemoveItem(index) => Outcome::Item(state.remove_item(*index)),
        Op::MoveItem(from, to) => refused_or(state.move_item(*from, *to), |()| Outcome::Done),
        Op::ClearItems => {
            state.clear_items();
            Outcome::Done
        }
        Op::SetScore(name, score) => {
            refused_or(state.set_score(name.clone(), *score), |()| Outcome::Done)
        }
        Op::RemoveScore(name) => Outcome::Score(state.remove_score(name)),
        Op::ClearScores => {
            state.clear_scores();
            Outcome::Done
        }
        Op::Clear => {
            state.clear();
            Outcome::Done
        }
    }
}

fn assert_matches_model(state: &ModuleState, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(i64::from(state.counter()), model.counter);
    prop_assert_eq!(state.items(), model.items.as_slice());
    prop_assert_eq!(state.item_count(), model.items.len());
    let mut expected: Vec<(&str, f64)> =
        model.scores.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    expected.sort_by(|a, b| a.0.cmp(b.0));
    // f64 == treats -0.0 and 0.0 as equal, which is the rule.
    prop_assert_eq!(state.scores().collect::<Vec<_>>(), expected);
    for n in [0, 1, 2, 3, model.scores.len(), usize::MAX] {
        prop_assert_eq!(state.top_scores(n), model.top(n));
    }
    for name in model.scores.keys() {
        prop_assert_eq!(state.score(name), model.scores.get(name).copied());
    }
    prop_assert!(state.scores.index_matches());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_agree_with_the_model(ops in prop::collection::vec(op_strategy(), 0..60)) {
        let mut state = ModuleState::new();
        let mut model = Model::default();
        for op in &ops {
            let before = state.clone();
            let got = apply(&mut state, op);
            let want = model.apply(op);
            prop_assert_eq!(&got, &want, "{:?}", op);
            if got == Outcome::Refused {
                prop_assert_eq!(&state, &before, "a refused {:?} changed the state", op);
            }
            assert_matches_model(&state, &model)?;
        }
        // And whatever state the sequence reached survives saving and loading.
        prop_assert_eq!(ModuleState::from_json(&state.to_json()), Ok(state));
    }

    #[test]
    fn round_trip_keeps_every_state(
        counter in any::<i32>(),
        items in prop::collection::vec("(?s).{0,12}", 0..12),
        scores in prop::collection::vec(("\\PC{1,8}", any::<f64>()), 0..12),
    ) {
        let state = built_state(counter, items, scores);
        let text = state.to_json();
        let back = ModuleState::from_json(&text);
        prop_assert_eq!(back.as_ref(), Ok(&state), "{}", text);
        // Scores come back bit for bit, not just ==.
        if let Ok(back) = back {
            for ((_, a), (_, b)) in back.scores().zip(state.scores()) {
                prop_assert_eq!(a.to_bits(), b.to_bits());
            }
        }
        prop_assert_eq!(ModuleState::from_json(&state.to_json_pretty()), Ok(state));
    }

    #[test]
    fn from_json_never_panics_on_any_text(text in "(?s).{0,64}") {
        let _ = ModuleState::from_json(&text);
    }

    #[test]
    fn from_json_never_panics_on_damaged_saves(
        cut in 0usize..200,
        at in 0usize..200,
        byte in prop::sample::select(b"{}[]\",:0-9e.+ntfalsu\\\x00".to_vec()),
    ) {
        // Mutate a real save: replace one ASCII character, then cut it.
        let mut text = sample_state().to_json().into_bytes();
        let at = at.min(text.len().saturating_sub(1));
        if text.get(at).is_some_and(u8::is_ascii) {
            text[at] = byte;
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        let end = text.char_indices().map(|(i, _)| i).find(|&i| i >= cut).unwrap_or(text.len());
        let result = ModuleState::from_json(&text[..end]);
        if let Ok(state) = result {
            // Anything accepted obeys the live rules.
            prop_assert!(state.scores.index_matches());
            prop_assert_eq!(ModuleState::from_json(&state.to_json()), Ok(state));
        }
    }
}

#[test]
fn items_capacity_covers_the_length() {
    let mut state = ModuleState::new();
    assert_eq!(state.items_capacity(), 0);
    assert_eq!(state.add_many("x", 5), Ok(5));
    assert!(state.items_capacity() >= state.item_count());
    state.clear_items();
    assert_eq!(state.items_capacity(), 0, "clearing frees the buffer");
}

#[test]
fn the_json_length_bound_is_exact_for_plain_text_and_never_above() {
    let mut state = ModuleState::new();
    assert_eq!(state.json_len_at_least(), state.to_json().len());
    state.add_many("Item", 3).unwrap();
    state.set_score("ann".into(), 1.0).unwrap();
    state.set_score("bo".into(), 2.0).unwrap();
    assert_eq!(state.json_len_at_least(), state.to_json().len());
    state.set_counter(-123);
    state.set_score("cy".into(), 0.25).unwrap();
    state.add_item("a \"quoted\" line\n".into());
    assert!(state.json_len_at_least() < state.to_json().len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn the_json_length_bound_holds(
        items in proptest::collection::vec(".{0,12}", 0..20),
        scores in proptest::collection::vec(("[a-z\\\"é ]{1,8}", -1e9f64..1e9), 0..10),
        counter in any::<i32>(),
    ) {
        let state = built_state(counter, items, scores);
        prop_assert!(state.json_len_at_least() <= state.to_json().len());
    }
}
