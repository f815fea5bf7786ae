//! Many addresses at once: a line per address, each with its verdict, and the counts.
//! A 10 MB paste is checked a chunk at a time between paints, with progress and Cancel.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::visible;
use crate::lab::fmt::{bytes, duration_ms};
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

#[component]
pub fn BatchSection() -> Html {
    let area_ref = use_node_ref();
    let report = use_state(|| None::<BatchReport>);
    let running = use_state(|| false);
    let cancelled = use_state(|| false);
    let only_invalid = use_state(|| false);
    // Set while the generated 10 MB list (which is not put in the box) is what is shown.
    let generated = use_state(|| false);
    let generation: Rc<RefCell<u64>> = use_mut_ref(|| 0);

    let start = {
        let report = report.clone();
        let running = running.clone();
        let cancelled = cancelled.clone();
        let generation = generation.clone();
        Callback::from(move |text: String| {
            let this_run = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            cancelled.set(false);
            if text.trim().is_empty() {
                report.set(None);
                running.set(false);
                return;
            }
            running.set(true);
            let report = report.clone();
            let running = running.clone();
            let generation = generation.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let report = report.clone();
                    move |r: &BatchReport| report.set(Some(r.clone()))
                };
                let stale = {
                    let generation = generation.clone();
                    move || *generation.borrow() != this_run
                };
                if let Some(done) = glue::check_batch(&text, progress, stale).await {
                    report.set(Some(done));
                    running.set(false);
                }
            });
        })
    };

    let oninput = {
        let start = start.clone();
        let generated = generated.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            generated.set(false);
            start.emit(area.value());
        })
    };
    let fill = |text: Rc<dyn Fn() -> String>| {
        let area_ref = area_ref.clone();
        let start = start.clone();
        let generated = generated.clone();
        Callback::from(move |_: MouseEvent| {
            let text = text();
            if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                area.set_value(&text);
            }
            generated.set(false);
            start.emit(text);
        })
    };
    let on_tricky = fill(Rc::new(|| TRICKY.to_string()));
    let on_clear = fill(Rc::new(String::new));
    // The generated list is checked but not put in the box: laying out 10 MB of text in
    // a textarea is the browser's own work, and takes Firefox seconds (measured in the
    // e2e run); the point here is what the checker costs.
    let on_stress = {
        let start = start.clone();
        let generated = generated.clone();
        let generation = generation.clone();
        Callback::from(move |_: MouseEvent| {
            generated.set(true);
            let start = start.clone();
            let generation = generation.clone();
            let asked_at = *generation.borrow();
            wasm_bindgen_futures::spawn_local(async move {
                let text = glue::generated_list_async(STRESS_BYTES).await;
                // Typing or Cancel while the list was being made wins over it.
                if *generation.borrow() == asked_at {
                    start.emit(text);
                }
            });
        })
    };
    let on_cancel = {
        let generation = generation.clone();
        let running = running.clone();
        let cancelled = cancelled.clone();
        Callback::from(move |_: MouseEvent| {
            *generation.borrow_mut() += 1;
            running.set(false);
            cancelled.set(true);
        })
    };
    let on_toggle = {
        let only_invalid = only_invalid.clone();
        Callback::from(move |_: Event| only_invalid.set(!*only_invalid))
    };

    html! {
        <section class="card" aria-labelledby="batch-title">
            <h3 id="batch-title">{ "A list of addresses" }</h3>
            <div class="split">
                <div>
                    <div class="field">
                        <label for="batch-input">{ "One address per line (paste as much as you like)" }</label>
                        <textarea id="batch-input" ref={area_ref} rows="10" spellcheck="false"
                                  placeholder={"ada@example.com\njohn smith@example.com"}
                                  {oninput} aria-describedby="batch-help" />
                    </div>
                    <p id="batch-help" class="note">
                        { format!("Each non-blank line is checked as it is with the HTML rule (validate_email), spaces included. \
                                   Large pastes are checked {} at a time between paints, so the page keeps responding.",
                                  bytes(glue::BATCH_CHUNK_BYTES as u64)) }
                    </p>
                    <div class="row-buttons">
                        <button type="button" class="button" onclick={on_tricky}>{ "Tricky sample" }</button>
                        <button type="button" class="button" onclick={on_stress}>{ format!("Generate {}", bytes(STRESS_BYTES as u64)) }</button>
                        <button type="button" class="button" onclick={on_clear}>{ "Clear" }</button>
                        if *running {
                            <button type="button" class="button" onclick={on_cancel}>{ "Cancel" }</button>
                        }
                    </div>
                </div>
                <div aria-live="polite">
                    if *generated {
                        <p class="note" id="batch-generated">
                            { format!("Checking a generated list of {size} (every seventh line broken). It is not put in the \
                                       box: the browser alone needs seconds to lay out that much text in a textarea, \
                                       which is what a real {size} paste costs before any checking starts.",
                                      size = bytes(STRESS_BYTES as u64)) }
                        </p>
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
            r.bytes_done as f64 * 100.0 / r.bytes_total.max(1) as f64,
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
                <strong>{ r.checked() }</strong>{ if r.checked() == 1 { " line: " } else { " lines: " } }
                <strong class="good">{ r.valid }</strong>{ " valid, " }
                <strong class="bad">{ r.invalid }</strong>{ " invalid" }
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
            <div class="batch-scroll">
                <table class="batch-table" id="batch-table">
                    <thead><tr>
                        <th scope="col">{ "Line" }</th>
                        <th scope="col">{ "Address" }</th>
                        <th scope="col">{ "Verdict" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|row| html! {
                            <tr>
                                <td class="num">{ row.line }</td>
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
                    "The first {} are shown, and {} more{}.",
                    rows.len(), more, if only_invalid { " invalid lines" } else { " lines" }
                ) }</p>
            }
        </>
    }
}
