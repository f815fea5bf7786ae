//! Export the state as a JSON file, import one (an invalid file is refused with the reason
//! and the current state kept), and Reset behind an in-page confirmation.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Call, PanelProps};
use crate::app::widgets::ErrorText;
use crate::lab::fmt::{bytes_f64, grouped, plural};
use crate::web::state::{self as module, CallError};

/// Files bigger than this are refused before they are read (a full list of 1,000,000
/// long items is far smaller).
pub const MAX_IMPORT_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Reads `file` and loads it into the module: `Ok` with a sentence for the page, or `Err`
/// with the reason it was refused (the state is then untouched). Also the path the
/// browser tests drive with a constructed `File`.
pub async fn import_file(file: web_sys::File, on_call: Callback<Call>) -> Result<String, String> {
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES {
        return Err(format!(
            "“{name}” is {}; files over {} are refused. Your current state is kept.",
            bytes_f64(file.size()),
            bytes_f64(MAX_IMPORT_BYTES)
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| {
            format!("“{name}” could not be read as text. Your current state is kept.")
        })?;
    let shown = format!(
        "wasm.state_load_json(<{} of “{name}”>)",
        bytes_f64(text.len() as f64)
    );
    match module::state_load_json(&text) {
        Ok(()) => {
            on_call.emit(Call::ok(format!("{shown} → undefined")));
            let items = module::state_item_count();
            let scores = module::state_score_count();
            Ok(format!(
                "Imported “{name}”: counter {}, {} {}, {} {}.",
                module::state_counter(),
                grouped(items),
                plural(items, "item", "items"),
                grouped(scores),
                plural(scores, "score", "scores")
            ))
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
    let import_error = use_state(|| None::<String>);
    let import_ok = use_state(|| None::<String>);
    let export_error = use_state(|| None::<String>);
    let confirming = use_state(|| false);
    {
        let confirming = *confirming;
        use_effect_with(confirming, move |open| {
            if *open {
                crate::web::dom::focus_by_id("state-reset-cancel");
            }
        });
    }
    let on_call = props.on_call.clone();

    let onexport = {
        let on_call = on_call.clone();
        let export_error = export_error.clone();
        Callback::from(move |_: MouseEvent| {
            let json = module::state_to_json();
            on_call.emit(Call::ok(format!(
                "wasm.state_to_json() → {} characters",
                grouped(json.chars().count())
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
    let onimport = {
        let on_call = on_call.clone();
        let import_error = import_error.clone();
        let import_ok = import_ok.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Clear the pick, so choosing the same file again fires `change` again.
            input.set_value("");
            let on_call = on_call.clone();
            let import_error = import_error.clone();
            let import_ok = import_ok.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match import_file(file, on_call).await {
                    Ok(message) => {
                        import_error.set(None);
                        import_ok.set(Some(message));
                    }
                    Err(message) => {
                        import_ok.set(None);
                        import_error.set(Some(message));
                    }
                }
            });
        })
    };
    let open_confirm = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            crate::web::dom::focus_by_id("state-reset");
        })
    };
    let do_reset = {
        let confirming = confirming.clone();
        let on_call = on_call.clone();
        let import_ok = import_ok.clone();
        Callback::from(move |_: MouseEvent| {
            module::state_reset();
            confirming.set(false);
            import_ok.set(None);
            on_call.emit(Call::ok("wasm.state_reset() → undefined"));
            crate::web::dom::focus_by_id("state-reset");
        })
    };
    let confirm_keys = {
        let confirming = confirming.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                confirming.set(false);
                crate::web::dom::focus_by_id("state-reset");
            }
        })
    };

    let items = module::state_item_count();
    let scores = module::state_score_count();
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
                <ErrorText id="state-import-error" message={(*import_error).clone()} />
                if let Some(ok) = &*import_ok {
                    <p class="note" id="state-import-ok" aria-live="polite">{ ok }</p>
                }
            </div>

            <div class="reset">
                if *confirming {
                    <div class="confirm notice problem" id="state-reset-confirm" role="alertdialog"
                        aria-labelledby="state-reset-question" onkeydown={confirm_keys}>
                        <p id="state-reset-question">{ format!(
                            "Reset everything? The counter, {} {} and {} {} are cleared, here and in localStorage. \
                             This cannot be undone — export first if you want to keep them.",
                            grouped(items), plural(items, "item", "items"), grouped(scores), plural(scores, "score", "scores")
                        ) }</p>
                        <div class="row-buttons">
                            <button type="button" class="button danger" id="state-reset-yes" onclick={do_reset}>{ "Yes, reset everything" }</button>
                            <button type="button" class="button" id="state-reset-cancel" onclick={cancel}>{ "Cancel" }</button>
                        </div>
                    </div>
                } else {
                    <button type="button" class="button" id="state-reset" onclick={open_confirm}>{ "Reset…" }</button>
                }
            </div>
        </section>
    }
}
