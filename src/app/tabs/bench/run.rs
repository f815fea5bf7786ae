//! Running the chosen groups of the suite: one case at a time, the page painted between
//! samples, progress with the time left, a Stop that takes effect at the next sample,
//! and each group's duration remembered for the next estimate.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lab::bench::remaining_ms;
use crate::web::bench::{self as harness, CaseProgress, STOPPED, Stage, now_ms};
use crate::web::suite::{self, Group};

/// Progress lines are redrawn at most this often (each redraw is work on the page the
/// benchmark shares).
const REDRAW_MS: f64 = 100.0;

/// One finished case.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub name: String,
    pub label: String,
    /// WASM median, JS median (ms) and the samples per side, or why it failed.
    pub outcome: Result<(f64, f64, u32), String>,
}

/// Where a run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Running(Progress),
    Finished { stopped: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Which group (0-based) of how many.
    pub group: usize,
    pub groups: usize,
    pub group_title: String,
    /// The case being measured, and its number in the run (1-based).
    pub case: Option<(usize, String)>,
    pub step: Option<CaseProgress>,
    /// 0 to 1, by the estimated time of each group.
    pub fraction: f64,
    pub remaining_ms: f64,
}

/// The run and its controls.
#[derive(Clone, PartialEq)]
pub struct BenchRun {
    pub rows: Rc<Vec<Row>>,
    pub phase: Phase,
    /// Runs the groups with these ids (ignored while a run is going).
    pub start: Callback<Vec<&'static str>>,
    /// Stops at the next sample; the cases finished so far stay.
    pub stop: Callback<()>,
}

#[hook]
pub fn use_bench_run() -> BenchRun {
    let rows = use_state(|| Rc::new(Vec::<Row>::new()));
    let phase = use_state(|| Phase::Idle);
    let stopping = use_memo((), |_| Cell::new(false));
    let start = {
        let (rows, phase, stopping) = (rows.clone(), phase.clone(), stopping.clone());
        Callback::from(move |chosen: Vec<&'static str>| {
            if matches!(*phase, Phase::Running(_)) {
                return;
            }
            stopping.set(false);
            let groups: Vec<Group> = suite::groups()
                .into_iter()
                .filter(|g| chosen.contains(&g.tab))
                .collect();
            yew::platform::spawn_local(run(groups, rows.clone(), phase.clone(), stopping.clone()));
        })
    };
    let stop = Callback::from(move |()| stopping.set(true));
    BenchRun {
        rows: (*rows).clone(),
        phase: (*phase).clone(),
        start,
        stop,
    }
}

async fn run(
    groups: Vec<Group>,
    rows: UseStateHandle<Rc<Vec<Row>>>,
    phase: UseStateHandle<Phase>,
    stopping: Rc<Cell<bool>>,
) {
    let mut durations = suite::load_durations();
    let estimates: Vec<f64> = groups
        .iter()
        .map(|g| durations.0.get(g.tab).copied().unwrap_or(g.typical_ms))
        .collect();
    let total_estimate: f64 = estimates.iter().sum::<f64>().max(1.0);
    let mut done_rows = Vec::new();
    rows.set(Rc::new(Vec::new()));
    let mut case_number = 0;
    let mut stopped = false;
    'groups: for (gi, group) in groups.iter().enumerate() {
        let group_start = now_ms();
        let progress = |case: Option<(usize, String)>, step: Option<CaseProgress>| {
            let elapsed = now_ms() - group_start;
            let before: f64 = estimates[..gi].iter().sum();
            Progress {
                group: gi,
                groups: groups.len(),
                group_title: group.title.to_string(),
                case,
                step,
                fraction: ((before + elapsed.min(estimates[gi])) / total_estimate).min(1.0),
                remaining_ms: remaining_ms(&estimates, gi, elapsed),
            }
        };
        for part in group.parts {
            phase.set(Phase::Running(progress(None, None)));
            harness::yield_now().await;
            let cases = part();
            for case in &cases {
                if stopping.get() {
                    stopped = true;
                    break 'groups;
                }
                case_number += 1;
                let current = Some((case_number, case.label.clone()));
                phase.set(Phase::Running(progress(current.clone(), None)));
                harness::yield_now().await;
                let last_redraw = Cell::new(now_ms());
                let observe = |step: CaseProgress| {
                    let now = now_ms();
                    if now - last_redraw.get() >= REDRAW_MS || step.stage == Stage::WarmingUp {
                        last_redraw.set(now);
                        phase.set(Phase::Running(progress(current.clone(), Some(step))));
                    }
                    !stopping.get()
                };
                let outcome = harness::run_case_observed(case, &observe).await;
                if outcome.as_ref().err().map(String::as_str) == Some(STOPPED) {
                    stopped = true;
                    break 'groups;
                }
                done_rows.push(Row {
                    name: case.name.clone(),
                    label: case.label.clone(),
                    outcome: outcome.map(|r| {
                        (
                            r.wasm.median_ms,
                            r.js.median_ms,
                            r.wasm.samples.min(r.js.samples),
                        )
                    }),
                });
                rows.set(Rc::new(done_rows.clone()));
            }
        }
        durations.record(group.tab, now_ms() - group_start);
    }
    suite::save_durations(&durations);
    phase.set(Phase::Finished { stopped });
}
