//! The glitch demo: the seed's eager `NaiveSignal` next to our runtime on the same
//! diamond, replaying the same writes, with the log of every run of `d`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::widgets::ErrorText;
use crate::lab::signals::seed::{DiamondRun, naive_diamond, reactive_diamond};

/// Writes kept for the replay; the log shows the last few.
const MAX_WRITES: usize = 200;
/// Writes whose runs the log shows.
const SHOWN_WRITES: usize = 4;

#[component]
pub fn DiamondDemo() -> Html {
    // One write to start with, so the glitch is on screen before anyone clicks.
    let writes = use_state(|| vec![2i64]);
    let text = use_state(|| "2".to_string());
    let error = use_state(|| None::<String>);

    let current = writes.last().copied().unwrap_or(1);

    let write = {
        let writes = writes.clone();
        move |v: i64| {
            let mut w = (*writes).clone();
            if w.len() >= MAX_WRITES {
                w.remove(0);
            }
            w.push(v);
            writes.set(w);
        }
    };

    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let write = write.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let raw = input.value();
            text.set(raw.clone());
            match raw.trim().parse::<i64>() {
                Ok(v) => {
                    error.set(None);
                    write(v);
                }
                Err(_) if raw.trim().is_empty() => {
                    error.set(Some("Type a whole number for a.".into()))
                }
                Err(_) => error.set(Some(format!(
                    "“{}” is not a whole number between {} and {}.",
                    raw.trim(),
                    i64::MIN,
                    i64::MAX
                ))),
            }
        })
    };

    let increment = {
        let text = text.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let v = current.wrapping_add(1);
            text.set(v.to_string());
            error.set(None);
            write(v);
        })
    };

    let reset = {
        let writes = writes.clone();
        let text = text.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            writes.set(Vec::new());
            text.set("1".into());
            error.set(None);
        })
    };

    let naive = naive_diamond(&writes);
    let ours = reactive_diamond(&writes);
    let n_writes = writes.len();

    html! {
        <section class="card sig-diamond" aria-labelledby="sig-diamond-h">
            <h3 id="sig-diamond-h">{ "1. The glitch: the seed’s signal vs ours on a diamond" }</h3>
            <p class="note">
                { "a → b = a × 2, c = a + 1 → d = b + c. The seed’s signal calls subscribers as soon as a value is stored, so d runs as soon as b changes, while c still holds the value from the old a. Ours marks first and computes after, so d runs once and sees b and c from the same a." }
            </p>
            <div class="sig-controls">
                <label for="sig-a">{ "a =" }</label>
                <input id="sig-a" type="number" inputmode="numeric" step="1"
                    value={(*text).clone()} {oninput}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby="sig-a-error" />
                <button id="sig-a-inc" class="button primary" type="button" onclick={increment}>
                    { "a + 1" }
                </button>
                <button class="button" type="button" onclick={reset}>{ "Reset" }</button>
            </div>
            <ErrorText id="sig-a-error" message={(*error).clone()} />
            <div class="split">
                <RunLog id="sig-naive" title="Seed: NaiveSignal (eager push)" runs={naive} writes={n_writes} />
                <RunLog id="sig-ours" title="Ours: push marks, pull values" runs={ours} writes={n_writes} />
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RunLogProps {
    id: AttrValue,
    title: AttrValue,
    runs: Vec<DiamondRun>,
    writes: usize,
}

#[component]
fn RunLog(props: &RunLogProps) -> Html {
    // The initial computation (write 0) is not a response to a write.
    let after_writes: Vec<&DiamondRun> = props.runs.iter().filter(|r| r.after_write > 0).collect();
    let glitches = after_writes.iter().filter(|r| !r.is_consistent()).count();
    let first_shown = props.writes.saturating_sub(SHOWN_WRITES - 1).max(1);
    let shown: Vec<&DiamondRun> = props
        .runs
        .iter()
        .filter(|r| r.after_write >= first_shown || (props.writes == 0 && r.after_write == 0))
        .collect();
    let summary = if props.writes == 0 {
        "Write a value for a to see how d runs.".to_string()
    } else {
        format!(
            "{} write{} of a: d ran {} time{}, {} with a half-updated graph.",
            props.writes,
            if props.writes == 1 { "" } else { "s" },
            after_writes.len(),
            if after_writes.len() == 1 { "" } else { "s" },
            glitches
        )
    };
    html! {
        <div class="sig-log" id={props.id.clone()}>
            <h4>{ props.title.clone() }</h4>
            <p id={format!("{}-summary", props.id)} class={classes!("sig-summary", (glitches > 0).then_some("bad"))}
                data-runs={after_writes.len().to_string()} data-glitches={glitches.to_string()}
                aria-live="polite">
                { summary }
            </p>
            <ol class="sig-runs">
                { for shown.iter().enumerate().map(|(i, r)| {
                    let ok = r.is_consistent();
                    // Which run of d this is for its write: the seed's d runs twice.
                    let nth = shown[..i].iter().filter(|p| p.after_write == r.after_write).count() + 1;
                    let label = if r.after_write == 0 {
                        "initial".to_string()
                    } else {
                        format!("write {} · run {nth}", r.after_write)
                    };
                    html! {
                        <li class={classes!("sig-run", (!ok).then_some("sig-glitch"))}>
                            <span class="sig-write">{ label }</span>
                            <code>{ format!("a={} b={} c={} → d={}", r.a, r.b, r.c, r.d) }</code>
                            <span class="sig-verdict">{
                                if ok {
                                    "consistent".to_string()
                                } else if r.c != r.a.wrapping_add(1) {
                                    format!("glitch: c={} is from the old a (should be {})", r.c, r.a.wrapping_add(1))
                                } else {
                                    format!("glitch: b={} is from the old a (should be {})", r.b, r.a.wrapping_mul(2))
                                }
                            }</span>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
