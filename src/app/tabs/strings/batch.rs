//! Many addresses at once: a line per address, each with its verdict, and the counts.
//! A 10 MB paste is checked a chunk at a time between paints, with progress and Cancel.

use std::cell::Cell;

use yew::prelude::*;

use super::show::visible;
use crate::lab::fmt::{bytes, count, duration_ms, grouped};
use crate::web::dom::{event_checked, event_value};
use crate::web::strings::{self as glue, BatchReport, BatchRow};

const TRICKY: &str = concat!(
    "ada@example.com\n",
    "bob.smith+tag@mail.example.org\n",
    " spaced@example.com\n",
    "john smith@example.com\n",
    "jo@bücher.de\n",
    "\n",
    "😀@example.com\n",
    "a@b\n",
    ".leading.dot.is.fine@example.com\n",
    "x@example..com\n",
    "x@-bad.example\n",
    "x@example.com.\n",
    "ada@home@example.com\n",
    "\"quoted\"@example.com\r\n",
    "tab\tinside@example.com\n",
    "שלום@example.com\n",
    "nul\u{0}@example.com\n",
);

const STRESS_BYTES: usize = 10 * 1024 * 1024;

/// Pastes longer than this (UTF-16 code units) are checked without being put in the
/// box: laying out megabytes of text in a textarea holds Firefox for seconds, before
/// any checking starts.
const BOX_MAX_UNITS: usize = 1 << 20;

const BOX_ID: &str = "batch-input";

/// A list that is checked but not shown in the box.
#[derive(Clone, Copy, PartialEq)]
enum Outside {
    Generated,
    Pasted,
}

#[component]
pub fn BatchSection() -> Html {
    let report = use_state(|| None::<BatchReport>);
    let running = use_state(|| false);
    let cancelled = use_state(|| false);
    let only_invalid = use_state(|| false);
    let outside = use_state(|| None::<Outside>);
    // Counts starts and cancels, so a check that was replaced stops at its next chunk.
    let generation = use_memo((), |_| Cell::new(0u64));

    let start = {
        let (report, running, cancelled, generation) = (
            report.clone(),
            running.clone(),
            cancelled.clone(),
            generation.clone(),
        );
        Callback::from(move |text: String| {
            let this_run = generation.get() + 1;
            generation.set(this_run);
            cancelled.set(false);
            if text.trim().is_empty() {
                report.set(None);
                running.set(false);
                return;
            }
            running.set(true);
            let (report, running, generation) =
                (report.clone(), running.clone(), generation.clone());
            yew::platform::spawn_local(async move {
                let progress = {
                    let report = report.clone();
                    move |r: &BatchReport| report.set(Some(r.clone()))
                };
                let stale = move || generation.get() != this_run;
                if let Some(done) = glue::check_batch(&text, progress, stale).await {
                    report.set(Some(done));
                    running.set(false);
                }
            });
        })
    };

    let oninput = {
        let (start, outside) = (start.clone(), outside.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(text) = event_value(&e) {
                outside.set(None);
                start.emit(text);
            }
        })
    };
    let onpaste = {
        let (start, outside) = (start.clone(), outside.clone());
        Callback::from(move |e: Event| {
            if let Some(text) = glue::take_long_paste(&e, BOX_MAX_UNITS) {
                outside.set(Some(Outside::Pasted));
                start.emit(text);
            }
        })
    };
    let fill = |text: &'static str| {
        let (start, outside) = (start.clone(), outside.clone());
        Callback::from(move |_: MouseEvent| {
            glue::set_field_value(BOX_ID, text);
            outside.set(None);
            start.emit(text.to_string());
        })
    };
    let on_stress = {
        let (start, outside, generation) = (start.clone(), outside.clone(), generation.clone());
        Callback::from(move |_: MouseEvent| {
            outside.set(Some(Outside::Generated));
            let (start, generation) = (start.clone(), generation.clone());
            let asked_at = generation.get();
            yew::platform::spawn_local(async move {
                let text = glue::generated_list_async(STRESS_BYTES).await;
                // Typing or Cancel while the list was being made wins over it.
                if generation.get() == asked_at {
                    start.emit(text);
                }
            });
        })
    };
    let on_cancel = {
        let (generation, running, cancelled) =
            (generation.clone(), running.clone(), cancelled.clone());
        Callback::from(move |_: MouseEvent| {
            generation.set(generation.get() + 1);
            running.set(false);
            cancelled.set(true);
        })
    };
    let on_toggle = {
        let only_invalid = only_invalid.clone();
        Callback::from(move |e: Event| only_invalid.set(event_checked(&e).unwrap_or(false)))
    };
    let outside_note = outside.map(outside_note);

    html! {
        <section class="card" aria-labelledby="batch-title">
            <h3 id="batch-title">{ "A list of addresses" }</h3>
            <div class="split">
                <div>
                    <div class="field">
                        <label for={BOX_ID}>{ "One address per line (paste as much as you like)" }</label>
                        <textarea id={BOX_ID} rows="10" spellcheck="false"
                                  placeholder={"ada@example.com\njohn smith@example.com"}
                                  {oninput} {onpaste} aria-describedby="batch-help" />
                    </div>
                    <p id="batch-help" class="note">
                        { format!("Each non-blank line is checked as it is with the HTML rule (validate_email), spaces included. \
                                   Large pastes are checked {} at a time between paints, so the page keeps responding; \
                                   a paste over {} is checked without being put in the box.",
                                  bytes(glue::BATCH_CHUNK_BYTES as u64), count(BOX_MAX_UNITS, "character", "characters")) }
                    </p>
                    <div class="row-buttons">
                        <button type="button" class="button" onclick={fill(TRICKY)}>{ "Tricky sample" }</button>
                        <button type="button" class="button" onclick={on_stress}>{ format!("Generate {}", bytes(STRESS_BYTES as u64)) }</button>
                        <button type="button" class="button" onclick={fill("")}>{ "Clear" }</button>
                        if *running {
                            <button type="button" class="button" onclick={on_cancel}>{ "Cancel" }</button>
                        }
                    </div>
                </div>
                <div aria-live="polite">
                    if let Some(note) = outside_note {
                        <p class="note" id="batch-generated">{ note }</p>
                    }
                    { summary(report.as_ref(), *running, *cancelled) }
                    if let Some(r) = report.as_ref() {
                        <label class="toggle">
                            <input type="checkbox" checked={*only_invalid} onchange={on_toggle} />
                            { "Show only invalid lines" }
                        </label>
                        { rows_table(r, *only_invalid) }
                    }
                </div>
            </div>
        </section>
    }
}

fn summary(report: Option<&BatchReport>, running: bool, cancelled: bool) -> Html {
    let Some(r) = report else {
        return html! { <p class="note" id="batch-summary">{ "Paste or type addresses, or pick a sample." }</p> };
    };
    let state = if running {
        format!(
            "checking… {:.0}% of {}",
            r.percent_done(),
            bytes(r.bytes_total as u64)
        )
    } else if cancelled {
        format!(
            "cancelled after {} of {}",
            bytes(r.bytes_done as u64),
            bytes(r.bytes_total as u64)
        )
    } else {
        let time = if r.elapsed_ms < 1.0 {
            "under a millisecond".to_string()
        } else {
            duration_ms(r.elapsed_ms)
        };
        format!("{} checked in {time}", bytes(r.bytes_total as u64))
    };
    html! {
        <>
            <p class="counts" id="batch-summary">
                <strong>{ grouped(r.checked()) }</strong>{ if r.checked() == 1 { " line: " } else { " lines: " } }
                <strong class="good">{ grouped(r.valid) }</strong>{ " valid, " }
                <strong class="bad">{ grouped(r.invalid) }</strong>{ " invalid" }
            </p>
            <p class="note">{ state }</p>
            if running {
                <progress max={r.bytes_total.to_string()} value={r.bytes_done.to_string()}
                          aria-label="Batch check progress"></progress>
            }
        </>
    }
}

fn rows_table(r: &BatchReport, only_invalid: bool) -> Html {
    let (rows, total): (&[BatchRow], usize) = if only_invalid {
        (&r.invalid_rows, r.invalid)
    } else {
        (&r.rows, r.checked())
    };
    let more = total.saturating_sub(rows.len());
    if rows.is_empty() {
        return html! { <p class="note">{ "Nothing to show." }</p> };
    }
    html! {
        <>
            // Scrolls when long: focusable and named, so a keyboard can scroll it.
            <div class="batch-scroll" tabindex="0" role="region" aria-label="Checked lines">
                <table class="batch-table" id="batch-table">
                    <thead><tr>
                        <th scope="col">{ "Line" }</th>
                        <th scope="col">{ "Address" }</th>
                        <th scope="col">{ "Verdict" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|row| html! {
                            <tr>
                                <td class="num">{ grouped(row.line) }</td>
                                <td class="addr">{ visible(&row.text) }{ if row.shortened { "…" } else { "" } }</td>
                                <td>{ match &row.verdict {
                                    Ok(()) => html! { <span class="good">{ "✓ valid" }</span> },
                                    Err(e) => html! { <span class="bad">{ format!("✗ {e}") }</span> },
                                } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if more > 0 {
                <p class="note" id="batch-more">{ format!(
                    "The first {} are shown, and {} more.",
                    grouped(rows.len()),
                    count(more, if only_invalid { "invalid line" } else { "line" }, if only_invalid { "invalid lines" } else { "lines" }),
                ) }</p>
            }
        </>
    }
}

/// Why the list being checked is not in the box.
fn outside_note(kind: Outside) -> String {
    let what = match kind {
        Outside::Generated => format!(
            "a generated list of {} (every seventh line broken)",
            bytes(STRESS_BYTES as u64)
        ),
        Outside::Pasted => "the pasted list".to_string(),
    };
    format!(
        "Checking {what}. It is not put in the box: the browser alone needs seconds to lay out \
         that much text in a textarea, before any checking could start. Type in the box to \
         check what it holds instead."
    )
}
