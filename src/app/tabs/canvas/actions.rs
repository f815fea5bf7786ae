//! Undo, redo (buttons and Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl/Cmd+Y), clear, and the
//! drawing in and out as JSON or PNG.

use yew::prelude::*;

use super::drawing::Drawing;
use crate::app::hooks::{FileText, FileTextError, use_file_text};
use crate::app::widgets::ErrorText;
use crate::lab::canvas::editor::HistoryKey;
use crate::lab::canvas::{MAX_JSON_BYTES, commands_from_json, commands_to_json};
use crate::lab::fmt::{bytes, count};
use crate::web::canvas::{download_png, listen_history_keys};
use crate::web::dom;

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub drawing: Drawing,
    pub canvas_ref: NodeRef,
    pub on_notice: Callback<Option<String>>,
}

#[component]
pub fn Actions(props: &ActionsProps) -> Html {
    let import_error = use_state(|| None::<String>);
    {
        let drawing = props.drawing.clone();
        // The listener keeps the first handle: every handle edits the same drawing.
        use_effect_with((), move |_| {
            let listener = listen_history_keys(move |key| {
                drawing.edit(|h| match key {
                    HistoryKey::Undo => h.undo(),
                    HistoryKey::Redo => h.redo(),
                });
            });
            move || drop(listener)
        });
    }
    let on_import = use_file_text(MAX_JSON_BYTES as u64, {
        let (drawing, import_error, on_notice) = (
            props.drawing.clone(),
            import_error.clone(),
            props.on_notice.clone(),
        );
        Callback::from(move |read: Result<FileText, FileTextError>| {
            let refused = |why: String| {
                import_error.set(Some(format!("Refused: {why}. Your drawing is unchanged.")))
            };
            let text = match read {
                Ok(file) => file.text,
                Err(FileTextError::TooLarge { size, max, .. }) => {
                    return refused(format!(
                        "the file is {}, more than the {} limit",
                        bytes(size),
                        bytes(max)
                    ));
                }
                Err(FileTextError::Unreadable { .. }) => {
                    return refused("the file could not be read".into());
                }
            };
            match commands_from_json(&text) {
                Ok(commands) => {
                    let n = commands.len();
                    import_error.set(None);
                    drawing.edit(|h| {
                        h.clear();
                        h.push(commands);
                        true
                    });
                    on_notice.emit(Some(format!(
                        "Imported {} (undo twice to get the previous drawing back).",
                        count(n, "command", "commands")
                    )));
                }
                Err(why) => refused(why.to_string()),
            }
        })
    });
    let history = |f: fn(&mut crate::lab::canvas::History) -> bool| {
        let drawing = props.drawing.clone();
        Callback::from(move |_: MouseEvent| {
            drawing.edit(f);
        })
    };
    let export_json = {
        let (drawing, on_notice) = (props.drawing.clone(), props.on_notice.clone());
        Callback::from(move |_: MouseEvent| {
            let result = commands_to_json(&drawing.model().committed)
                .map_err(|e| e.to_string())
                .and_then(|json| {
                    dom::download("drawing.json", "application/json", json.as_bytes())
                });
            on_notice.emit(result.err().map(|e| format!("Export failed: {e}")));
        })
    };
    let export_png = {
        let (canvas_ref, on_notice) = (props.canvas_ref.clone(), props.on_notice.clone());
        Callback::from(move |_: MouseEvent| {
            let result = download_png(&canvas_ref, "drawing.png");
            on_notice.emit(result.err().map(|e| format!("PNG export failed: {e}")));
        })
    };

    let m = props.drawing.model();
    html! {
        <>
            <div class="actions">
                <button class="button" id="canvas-undo" onclick={history(|h| h.undo())}
                    disabled={!m.history.can_undo()} title="Ctrl/Cmd+Z">{ "Undo" }</button>
                <button class="button" id="canvas-redo" onclick={history(|h| h.redo())}
                    disabled={!m.history.can_redo()} title="Shift+Ctrl/Cmd+Z or Ctrl+Y">{ "Redo" }</button>
                <button class="button" id="canvas-clear" onclick={history(|h| h.clear())}
                    disabled={m.history.strokes().is_empty()}>{ "Clear" }</button>
                <button class="button" id="canvas-export" onclick={export_json}>{ "Export JSON" }</button>
                // The input is hidden behind its label; its focus ring is drawn on the label.
                <input type="file" id="canvas-import" class="file-behind-label" accept=".json,application/json"
                    onchange={on_import} aria-describedby="canvas-import-error" />
                <label class="button" for="canvas-import">{ "Import JSON…" }</label>
                <button class="button" id="canvas-png" onclick={export_png}>{ "Export PNG" }</button>
            </div>
            <ErrorText id="canvas-import-error" message={(*import_error).clone()} />
        </>
    }
}
