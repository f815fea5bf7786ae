//! The glitch demo: a naive eager signal next to our runtime on the same diamond,
//! replaying the same writes, with the log of every run of `d`.

use yew::prelude::*;

use crate::app::widgets::ErrorText;
use crate::lab::fmt::grouped;
use crate::lab::signals::naive::{DiamondLog, naive_diamond, reactive_diamond};
use crate::web::dom::event_value;

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
            let Some(raw) = event_value(&e) else {
                return;
            };
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
                    grouped(i64::MIN),
                    grouped(i64::MAX)
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

    let naive = DiamondLog::new(&naive_diamond(&writes), writes.len(), SHOWN_WRITES);
    let ours = DiamondLog::new(&reactive_diamond(&writes), writes.len(), SHOWN_WRITES);

    html! {
        <section class="card sig-diamond" aria-labelledby="sig-diamond-h">
            <h3 id="sig-diamond-h">{ "1. The glitch: a naive signal vs ours on a diamond" }</h3>
            <p class="note">
                { "a → b = a × 2, c = a + 1 → d = b + c. A naive signal, the kind a first tutorial writes, calls its subscribers as soon as a value is stored, so d runs as soon as b changes, while c still holds the value from the old a. Ours marks first and computes after, so d runs once and sees b and c from the same a." }
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
                <RunLog id="sig-naive" title="A naive signal: eager push" log={naive} />
                <RunLog id="sig-ours" title="Ours: push marks, pull values" log={ours} />
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RunLogProps {
    id: AttrValue,
    title: AttrValue,
    log: DiamondLog,
}

#[component]
fn RunLog(props: &RunLogProps) -> Html {
    let log = &props.log;
    html! {
        <div class="sig-log" id={props.id.clone()}>
            <h4>{ props.title.clone() }</h4>
            <p id={format!("{}-summary", props.id)} class={classes!("sig-summary", (log.glitches > 0).then_some("bad"))}
                data-runs={log.runs.to_string()} data-glitches={log.glitches.to_string()}
                aria-live="polite">
                { log.summary.clone() }
            </p>
            <ol class="sig-runs">
                { for log.lines.iter().map(|line| {
                    let r = &line.run;
                    html! {
                        <li class={classes!("sig-run", (!r.is_consistent()).then_some("sig-glitch"))}>
                            <span class="sig-write">{ line.label.clone() }</span>
                            <code>{ format!("a={} b={} c={} → d={}", r.a, r.b, r.c, r.d) }</code>
                            <span class="sig-verdict">{ r.verdict() }</span>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
