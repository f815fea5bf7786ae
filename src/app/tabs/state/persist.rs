//! Export the state as a JSON file, import one (an invalid file is refused with the reason
//! and the current state kept), and Reset behind an in-page confirmation.

use yew::prelude::*;

use super::PanelProps;
use crate::app::hooks::{FileText, FileTextError, use_file_text};
use crate::app::widgets::ErrorText;
use crate::lab::fmt::{bytes, count};
use crate::lab::state::view::Call;
use crate::web::dom::focus_by_id;
use crate::web::state::{self as module, CallError};

/// Files bigger than this are refused before they are read (a full list of 1,000,000
/// long items is far smaller).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;
/// Files above this take the module long enough to check (about 60 ms per MiB) that the
/// page first says what it is doing.
const ANNOUNCE_IMPORT_BYTES: usize = 1024 * 1024;

/// Loads a picked file into the module: `Ok` with a sentence for the page, or `Err` with
/// the reason it was refused (the state is then untouched).
fn import(
    read: Result<FileText, FileTextError>,
    on_call: &Callback<Call>,
) -> Result<String, String> {
    let file = read.map_err(|why| format!("{why}. Your current state is kept."))?;
    let name = &file.name;
    let shown = format!(
        "wasm.state_load_json(<{} of “{name}”>)",
        bytes(file.text.len() as u64)
    );
    match module::state_load_json(&file.text) {
        Ok(()) => {
            on_call.emit(Call::ok(format!("{shown} → undefined")));
            Ok(format!("Imported “{name}”: {}.", module::summary()))
        }
        Err(e) => {
            let e = CallError::from_js(&e);
            on_call.emit(Call::threw(format!("{shown} threw: {}", e.message)));
            Err(format!(
                "“{name}” was refused: {}. Your current state is kept.",
                e.message
            ))
        }
    }
}

#[component]
pub fn PersistPanel(props: &PanelProps) -> Html {
    // The last import: a sentence on success, the reason on refusal.
    let imported = use_state(|| None::<Result<String, String>>);
    let export_error = use_state(|| None::<String>);

    let onexport = {
        let (on_call, export_error) = (props.on_call.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let json = module::state_to_json();
            on_call.emit(Call::ok(format!(
                "wasm.state_to_json() → {}",
                count(json.chars().count(), "character", "characters")
            )));
            match crate::web::dom::download(
                "wasm-playground-state.json",
                "application/json",
                json.as_bytes(),
            ) {
                Ok(()) => export_error.set(None),
                Err(why) => export_error.set(Some(format!("The download failed: {why}."))),
            }
        })
    };
    // The big file being checked, while the page waits for it.
    let checking = use_state(|| None::<String>);
    let onimport = use_file_text(MAX_IMPORT_BYTES, {
        let (on_call, imported, checking) =
            (props.on_call.clone(), imported.clone(), checking.clone());
        Callback::from(move |read: Result<FileText, FileTextError>| {
            let big = match &read {
                Ok(file) if file.text.len() > ANNOUNCE_IMPORT_BYTES => Some(format!(
                    "Checking “{}” ({})… the page pauses until it is loaded.",
                    file.name,
                    bytes(file.text.len() as u64)
                )),
                _ => None,
            };
            let Some(message) = big else {
                return imported.set(Some(import(read, &on_call)));
            };
            checking.set(Some(message));
            let (on_call, imported, checking) =
                (on_call.clone(), imported.clone(), checking.clone());
            yew::platform::spawn_local(async move {
                module::after_paint().await;
                imported.set(Some(import(read, &on_call)));
                checking.set(None);
            });
        })
    });
    let on_reset = {
        let imported = imported.clone();
        Callback::from(move |()| {
            // The import sentence describes a state that is gone.
            if matches!(*imported, Some(Ok(_))) {
                imported.set(None);
            }
        })
    };

    let import_error = match &*imported {
        Some(Err(why)) => Some(why.clone()),
        _ => None,
    };
    html! {
        <section class="card" aria-labelledby="state-persist-title">
            <h3 id="state-persist-title">{ "Save, export, import, reset" }</h3>
            <p class="note">
                { "Linear memory is gone when the page reloads, so every change is written to localStorage as JSON (serde). \
                   The same JSON is the export file; an import is checked by the same rules before it replaces anything." }
            </p>
            <div class="row-buttons">
                <button type="button" class="button" id="state-export" onclick={onexport}>{ "Export as JSON file" }</button>
            </div>
            <ErrorText id="state-export-error" message={(*export_error).clone()} />

            <div class="field import">
                <label for="state-import">{ "Import a JSON file" }</label>
                <input id="state-import" type="file" accept=".json,application/json,text/plain"
                    onchange={onimport} aria-invalid={import_error.is_some().to_string()}
                    aria-describedby="state-import-error" />
                <ErrorText id="state-import-error" message={import_error} />
                if let Some(message) = &*checking {
                    <p class="note" id="state-import-checking" role="status">{ message }</p>
                } else if let Some(Ok(ok)) = &*imported {
                    <p class="note" id="state-import-ok" aria-live="polite">{ ok }</p>
                }
            </div>
            <Reset rev={props.rev} on_call={props.on_call.clone()} on_reset={on_reset} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ResetProps {
    /// Moves on every change: the question counts what would be cleared.
    rev: u64,
    on_call: Callback<Call>,
    on_reset: Callback<()>,
}

/// Reset, behind a question in the page (Escape or Cancel keeps everything).
#[component]
fn Reset(props: &ResetProps) -> Html {
    let confirming = use_state(|| false);
    {
        // Focus follows the question: onto Cancel when it opens, back onto Reset… when
        // it closes (each exists only after the render that shows it).
        let was_open = use_mut_ref(|| false);
        use_effect_with(*confirming, move |&open| {
            if open {
                focus_by_id("state-reset-cancel");
            } else if *was_open.borrow() {
                focus_by_id("state-reset");
            }
            *was_open.borrow_mut() = open;
        });
    }
    let close = {
        let confirming = confirming.clone();
        move || confirming.set(false)
    };
    let open = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    let reset = {
        let close = close.clone();
        let (on_call, on_reset) = (props.on_call.clone(), props.on_reset.clone());
        Callback::from(move |_: MouseEvent| {
            module::state_reset();
            close();
            on_reset.emit(());
            on_call.emit(Call::ok("wasm.state_reset() → undefined"));
        })
    };
    let keys = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            close();
        }
    });

    let summary = module::summary();
    html! {
        <div class="reset">
            if *confirming {
                <div class="confirm notice problem" id="state-reset-confirm" role="alertdialog"
                    aria-labelledby="state-reset-question" onkeydown={keys}>
                    <p id="state-reset-question">{ format!(
                        "Reset everything? The counter, {} and {} are cleared, here and in localStorage. \
                         This cannot be undone — export first if you want to keep them.",
                        count(summary.items, "item", "items"),
                        count(summary.scores, "score", "scores"),
                    ) }</p>
                    <div class="row-buttons">
                        <button type="button" class="button danger" id="state-reset-yes" onclick={reset}>{ "Yes, reset everything" }</button>
                        <button type="button" class="button" id="state-reset-cancel" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                </div>
            } else {
                <button type="button" class="button" id="state-reset" onclick={open}>{ "Reset…" }</button>
            }
        </div>
    }
}
