//! The score table: a map by name plus a ranked index, so `top_scores(n)` never sorts.
//!
//! The tutorial's version collected every score into a `Vec` and sorted it on each call:
//! O(m log m) for m names, and a panic on NaN. Here a `BTreeSet` keeps the entries in ranking order all
//! the time, so the best n are the first n of an in-order walk: O(log m + n). The price is
//! one extra copy of each name and O(log m) more work per `set_score`. Measured natively
//! (`benches/state.rs`, 10,000 names): `top_scores(10)` about 0.3 µs, against about 75 µs
//! for a partial selection (`select_nth_unstable`) and 630 µs for the tutorial's full sort;
//! updating a score costs about the same as a bare `BTreeMap` insert of a fresh `String`
//! key, because the allocation dominates both.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::{MAX_SCORES, StateError};

/// A score and its name, ordered best first: higher score first, then name ascending.
///
/// Only finite scores with `-0.0` folded into `0.0` get here, so `f64::total_cmp` agrees
/// with numeric order and the order is total.
#[derive(Clone)]
struct Ranked {
    score: f64,
    name: String,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.name.cmp(&other.name))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// Names to scores, with a ranked index kept in step.
///
/// Invariant: `ranked` holds exactly one `Ranked { score, name }` for each entry of
/// `by_name`. Every name is trimmed and non-empty, every score finite and not `-0.0`;
/// the callers in `mod.rs` and `persist.rs` check that before calling `set`.
#[derive(Clone, Default)]
pub(super) struct ScoreTable {
    by_name: BTreeMap<String, f64>,
    ranked: BTreeSet<Ranked>,
}

impl ScoreTable {
    /// Sets a checked name's checked score.
    pub(super) fn set(&mut self, name: String, score: f64) -> Result<(), StateError> {
        match self.by_name.get_mut(&name) {
            Some(old) => {
                if *old == score {
                    return Ok(());
                }
                // Take the old index entry out and reuse its name for the new one.
                let stale = Ranked { score: *old, name };
                let name = self.ranked.take(&stale).map_or(stale.name, |r| r.name);
                *old = score;
                self.ranked.insert(Ranked { score, name });
            }
            None => {
                if self.by_name.len() >= MAX_SCORES {
                    return Err(StateError::TableFull);
                }
                self.by_name.insert(name.clone(), score);
                self.ranked.insert(Ranked { score, name });
            }
        }
        Ok(())
    }

    pub(super) fn get(&self, name: &str) -> Option<f64> {
        self.by_name.get(name).copied()
    }

    pub(super) fn remove(&mut self, name: &str) -> Option<f64> {
        let (name, score) = self.by_name.remove_entry(name)?;
        self.ranked.remove(&Ranked { score, name });
        Some(score)
    }

    pub(super) fn top(&self, n: usize) -> Vec<(String, f64)> {
        self.ranked
            .iter()
            .take(n)
            .map(|r| (r.name.clone(), r.score))
            .collect()
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = (&str, f64)> + '_ {
        self.by_name
            .iter()
            .map(|(name, score)| (name.as_str(), *score))
    }

    pub(super) fn len(&self) -> usize {
        self.by_name.len()
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Checks the invariant (tests only).
    #[cfg(test)]
    pub(super) fn index_matches(&self) -> bool {
        self.ranked.len() == self.by_name.len()
            && self
                .ranked
                .iter()
                .all(|r| self.by_name.get(&r.name) == Some(&r.score))
    }
}

// The ranked index is derived data: two tables are equal when their maps are, and the
// debug form shows only the map.
impl PartialEq for ScoreTable {
    fn eq(&self, other: &Self) -> bool {
        self.by_name == other.by_name
    }
}

impl fmt::Debug for ScoreTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.by_name.iter()).finish()
    }
}
