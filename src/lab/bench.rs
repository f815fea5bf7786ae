//! The arithmetic of the in-page benchmark harness (`web::bench`), kept apart from the
//! timers so it is tested natively: summarizing samples, slicing long samples so the
//! page stays responsive, and estimating how long a run of the suite will take.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Per-iteration timings of one side, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Median per-iteration time, in milliseconds: the one to compare.
    pub median_ms: f64,
    /// Fastest per-iteration time, in milliseconds.
    pub min_ms: f64,
    /// Slowest per-iteration time, in milliseconds.
    pub max_ms: f64,
    /// Samples that counted (finite times).
    pub samples: u32,
    /// Iterations per sample.
    pub iterations: u32,
}

/// Median, min and max of per-iteration times; NaN and infinite times are left out.
/// `None` when no time is left. The median is what a comparison should use: it
/// ignores the odd sample hit by a garbage collection or a background tab.
pub fn summarize(per_iteration_ms: &[f64], iterations: u32) -> Option<Stats> {
    let mut sorted: Vec<f64> = per_iteration_ms
        .iter()
        .copied()
        .filter(|t| t.is_finite())
        .collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    Some(Stats {
        median_ms: median,
        min_ms: sorted[0],
        max_ms: sorted[n - 1],
        samples: u32::try_from(n).unwrap_or(u32::MAX),
        iterations,
    })
}

/// The longest the harness keeps the page's main thread between two yields to the
/// event loop, in milliseconds. Below ~100 ms a page still feels responsive (a click
/// is answered, the progress bar moves).
pub const SLICE_BUDGET_MS: f64 = 40.0;

/// How many iterations to run between two yields, when a sample of `iterations`
/// iterations took `sample_ms` before: all of them when that fits in `budget_ms`,
/// else as many as fit (at least 1: one iteration cannot be split). A sample run in
/// slices is the sum of its slices' times, so the yields are not measured.
pub fn slice_size(iterations: u32, sample_ms: f64, budget_ms: f64) -> u32 {
    let iterations = iterations.max(1);
    if !sample_ms.is_finite() || sample_ms <= budget_ms || sample_ms <= 0.0 {
        return iterations;
    }
    let per_iteration = sample_ms / f64::from(iterations);
    let fit = (budget_ms / per_iteration).floor();
    if fit >= f64::from(iterations) {
        iterations
    } else if fit >= 1.0 {
        fit as u32
    } else {
        1
    }
}

/// How long each group of the suite took the last time it ran in this browser, in
/// milliseconds, by group id (`compute`, `json`, …). Kept in storage by the Bench tab.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupDurations(pub BTreeMap<String, f64>);

impl GroupDurations {
    /// Reads what [`GroupDurations::to_json`] wrote; anything else (an older format,
    /// hand-edited storage) reads as no durations, never an error.
    pub fn from_json(text: &str) -> GroupDurations {
        let mut read: GroupDurations = serde_json::from_str(text).unwrap_or_default();
        read.0.retain(|_, ms| ms.is_finite() && *ms >= 0.0);
        read
    }

    /// The durations as JSON, for storage; [`GroupDurations::from_json`] reads it back.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Records one group's duration (a finite, non-negative one).
    pub fn record(&mut self, group: &str, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.0.insert(group.to_string(), ms);
        }
    }
}

/// How long a run of some groups should take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunEstimate {
    /// The whole run, in milliseconds.
    pub ms: f64,
    /// How many of the groups were timed in this browser before (the rest use their
    /// typical duration).
    pub measured_here: usize,
    /// How many groups the estimate covers.
    pub groups: usize,
}

impl RunEstimate {
    /// Where the figure comes from, in words: "from the last run in this browser",
    /// "partly from the last run in this browser", or "typical in Firefox on a
    /// two-core laptop" (how the typical durations were measured).
    pub fn source(&self) -> &'static str {
        if self.groups > 0 && self.measured_here == self.groups {
            "from the last run in this browser"
        } else if self.measured_here > 0 {
            "partly from the last run in this browser"
        } else {
            "typical for a recent laptop; this browser has not run them yet"
        }
    }
}

/// The estimate for running `groups`, each given as (id, typical duration in ms):
/// the duration measured here last time where there is one, else the typical one.
pub fn estimate_run(groups: &[(&str, f64)], previous: &GroupDurations) -> RunEstimate {
    let mut estimate = RunEstimate {
        ms: 0.0,
        measured_here: 0,
        groups: groups.len(),
    };
    for (id, typical) in groups {
        match previous.0.get(*id) {
            Some(ms) => {
                estimate.ms += ms;
                estimate.measured_here += 1;
            }
            None => estimate.ms += typical.max(0.0),
        }
    }
    estimate
}

/// What is left of a run, in milliseconds: the estimates of the groups not started
/// yet, plus what is left of the current one (never below zero: a group that runs
/// over its estimate is taken to end soon).
pub fn remaining_ms(estimates: &[f64], current: usize, elapsed_in_current_ms: f64) -> f64 {
    let later: f64 = estimates.iter().skip(current + 1).sum();
    let now = estimates
        .get(current)
        .map_or(0.0, |e| (e - elapsed_in_current_ms.max(0.0)).max(0.0));
    later + now
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn summarize_takes_the_median_and_ignores_non_finite_times() {
        let s = summarize(&[3.0, 1.0, 2.0], 8).unwrap();
        assert_eq!(
            (s.median_ms, s.min_ms, s.max_ms, s.samples, s.iterations),
            (2.0, 1.0, 3.0, 3, 8)
        );
        let s = summarize(&[4.0, 1.0, 2.0, 3.0], 1).unwrap();
        assert_eq!(s.median_ms, 2.5);
        let s = summarize(&[f64::NAN, 5.0, f64::INFINITY], 1).unwrap();
        assert_eq!((s.median_ms, s.samples), (5.0, 1));
        assert_eq!(summarize(&[], 1), None);
        assert_eq!(summarize(&[f64::NAN], 1), None);
    }

    #[test]
    fn long_samples_are_sliced_to_fit_the_budget() {
        assert_eq!(slice_size(1000, 20.0, 40.0), 1000, "fits");
        assert_eq!(slice_size(1000, 100.0, 40.0), 400);
        assert_eq!(
            slice_size(1, 300.0, 40.0),
            1,
            "one iteration cannot be split"
        );
        assert_eq!(slice_size(4, 300.0, 40.0), 1);
        assert_eq!(slice_size(0, 300.0, 40.0), 1);
        assert_eq!(slice_size(64, f64::NAN, 40.0), 64);
        assert_eq!(slice_size(64, 0.0, 40.0), 64);
    }

    #[test]
    fn the_estimate_prefers_what_was_measured_here() {
        let mut previous = GroupDurations::default();
        previous.record("json", 30_000.0);
        previous.record("bad", f64::NAN);
        let e = estimate_run(&[("compute", 10_000.0), ("json", 20_000.0)], &previous);
        assert_eq!(
            e,
            RunEstimate {
                ms: 40_000.0,
                measured_here: 1,
                groups: 2
            }
        );
        assert_eq!(e.source(), "partly from the last run in this browser");
        let e = estimate_run(&[("json", 20_000.0)], &previous);
        assert_eq!(e.source(), "from the last run in this browser");
        let e = estimate_run(&[("compute", 10_000.0)], &GroupDurations::default());
        assert!(e.source().starts_with("typical"));
        assert_eq!(estimate_run(&[], &previous).ms, 0.0);
    }

    #[test]
    fn durations_survive_storage_and_bad_storage_reads_as_none() {
        let mut d = GroupDurations::default();
        d.record("compute", 1234.5);
        assert_eq!(GroupDurations::from_json(&d.to_json()), d);
        assert_eq!(
            GroupDurations::from_json("not json"),
            GroupDurations::default()
        );
        assert_eq!(
            GroupDurations::from_json("[1,2]"),
            GroupDurations::default()
        );
        let read = GroupDurations::from_json(r#"{"a": -5, "b": 7}"#);
        assert_eq!(read.0.len(), 1);
    }

    #[test]
    fn remaining_counts_later_groups_and_the_rest_of_this_one() {
        let e = [10.0, 20.0, 30.0];
        assert_eq!(remaining_ms(&e, 0, 0.0), 60.0);
        assert_eq!(remaining_ms(&e, 1, 5.0), 45.0);
        assert_eq!(remaining_ms(&e, 1, 50.0), 30.0, "over its estimate");
        assert_eq!(remaining_ms(&e, 2, 30.0), 0.0);
        assert_eq!(remaining_ms(&e, 5, 0.0), 0.0);
    }

    proptest! {
        #[test]
        fn the_median_lies_between_min_and_max(times in prop::collection::vec(0.0f64..1e6, 1..50)) {
            let s = summarize(&times, 1).unwrap();
            prop_assert!(s.min_ms <= s.median_ms && s.median_ms <= s.max_ms);
            prop_assert_eq!(s.samples as usize, times.len());
        }

        #[test]
        fn a_slice_never_exceeds_the_sample_and_fits_the_budget(
            iterations in 1u32..1_000_000, sample_ms in 0.0f64..10_000.0,
        ) {
            let k = slice_size(iterations, sample_ms, SLICE_BUDGET_MS);
            prop_assert!(k >= 1 && k <= iterations);
            let per = sample_ms / f64::from(iterations);
            prop_assert!(k == 1 || f64::from(k) * per <= SLICE_BUDGET_MS + 1e-9);
        }
    }
}
