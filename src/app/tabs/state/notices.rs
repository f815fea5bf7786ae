//! The lines above the panels: what happened to the saved state when the page started,
//! a save made by another browser tab, and how saving goes.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::fmt::bytes;
use crate::lab::state::view::{Call, capitalized};
use crate::web::state::{self as module, OtherTab, SaveStatus, StartupNotice};

#[derive(Properties, PartialEq)]
pub struct StartupBannerProps {
    pub notice: StartupNotice,
    pub on_discard: Callback<()>,
}

/// What happened to the saved state when the page started.
#[component]
pub fn StartupBanner(props: &StartupBannerProps) -> Html {
    match &props.notice {
        StartupNotice::Empty => html! {},
        StartupNotice::Restored(summary) => html! {
            <p class="notice" id="state-restored">
                { format!("Restored from localStorage: {summary}.") }
            </p>
        },
        StartupNotice::Unreadable {
            reason,
            bytes: size,
            kept,
        } => {
            let download = Callback::from(|_: MouseEvent| {
                if let Some(text) = module::unreadable_text() {
                    // A refused download leaves the text where it is; nothing to undo.
                    let _ = crate::web::dom::download(
                        "unreadable-state.txt",
                        "text/plain",
                        text.as_bytes(),
                    );
                }
            });
            let discard = props.on_discard.reform(|_: MouseEvent| ());
            let size = bytes(*size as u64);
            html! {
                <div class="notice problem" id="state-unreadable" role="alert">
                    <p><strong>{ "The saved state in localStorage could not be read. " }</strong>{ capitalized(reason) }{ "." }</p>
                    <p>{ "The tab started empty and works normally with what is in memory." }</p>
                    if *kept {
                        <p>{ format!(
                            "Nothing is lost: the unreadable text ({size}) was copied to the key “{}”, and your changes are saved again from now on.",
                            module::UNREADABLE_KEY,
                        ) }</p>
                    } else {
                        <p><strong>{ "Saving is paused" }</strong>{ format!(
                            " so the unreadable text ({size}) is not overwritten. Download it if you want it, then discard it to save again.",
                        ) }</p>
                    }
                    <div class="row-buttons">
                        <button type="button" class="button" id="state-unreadable-download" onclick={download}>
                            { "Download the unreadable text" }
                        </button>
                        <button type="button" class="button" id="state-unreadable-discard" onclick={discard}>
                            { if *kept { "Delete the copy" } else { "Discard it and resume saving" } }
                        </button>
                    </div>
                </div>
            }
        }
        StartupNotice::StorageFailed(why) => html! {
            <p class="notice problem" id="state-storage-failed" role="alert">
                { format!("The saved state could not be read: {why}. The tab works with what is in memory.") }
            </p>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct OtherTabBannerProps {
    /// Calls made on this page so far: a call saves this tab's state over the other
    /// tab's, so the question goes away.
    pub calls: u64,
    pub on_call: Callback<Call>,
    /// Asks the tab to re-read the save status.
    pub on_refresh: Callback<()>,
}

/// Another browser tab saving the same key: say so instead of overwriting silently.
#[component]
pub fn OtherTabBanner(props: &OtherTabBannerProps) -> Html {
    // The other tab's change, with the number of calls made here when it came.
    let seen = use_state(|| None::<(OtherTab, u64)>);
    let calls_now = use_mut_ref(|| props.calls);
    *calls_now.borrow_mut() = props.calls;
    {
        let seen = seen.clone();
        let calls_now = calls_now.clone();
        use_effect_with((), move |_| {
            let listener = module::watch_other_tabs(move |change| {
                seen.set(Some((change, *calls_now.borrow())))
            });
            move || drop(listener)
        });
    }
    let Some(change) = seen
        .as_ref()
        .filter(|(_, at)| *at == props.calls)
        .map(|(change, _)| change.clone())
    else {
        return html! {};
    };

    let choose = |load: bool| {
        let (seen, on_call, on_refresh) = (
            seen.clone(),
            props.on_call.clone(),
            props.on_refresh.clone(),
        );
        let change = change.clone();
        Callback::from(move |_: MouseEvent| {
            match (&change, load) {
                (OtherTab::Saved { text, .. }, true) => {
                    let shown = "wasm.state_load_json(<the other tab's save>)";
                    let result = module::state_load_json(text)
                        .map(|()| "undefined")
                        .map_err(|e| module::CallError::from_js(&e).message);
                    on_call.emit(Call::outcome(shown, result));
                }
                _ => {
                    module::save_now();
                    on_refresh.emit(());
                }
            }
            seen.set(None);
        })
    };
    let what = match &change {
        OtherTab::Saved { summary, .. } => {
            format!("Another tab of this site just saved a different state: {summary}.")
        }
        OtherTab::Cleared => "Another tab of this site just removed the saved state (or saved something this tab cannot read).".to_owned(),
    };
    html! {
        <div class="notice" id="state-other-tab" role="status">
            <p>{ what }{ " The next change here saves this tab's state over it." }</p>
            <div class="row-buttons">
                if matches!(change, OtherTab::Saved { .. }) {
                    <button type="button" class="button" id="state-other-load" onclick={choose(true)}>{ "Load theirs (replaces this tab's)" }</button>
                }
                <button type="button" class="button" id="state-other-keep" onclick={choose(false)}>{ "Keep this tab's and save it now" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SaveLineProps {
    pub status: SaveStatus,
}

/// How saving goes: idle, waiting for changes to stop, saved, paused, or refused.
#[component]
pub fn SaveLine(props: &SaveLineProps) -> Html {
    let (bad, text): (bool, Rc<str>) = match &props.status {
        SaveStatus::Idle => (false, "Every change is saved to localStorage.".into()),
        SaveStatus::Pending => (false, "Saving when the changes stop…".into()),
        SaveStatus::Saved(size) => (
            false,
            format!("Saved to localStorage ({} of JSON).", bytes(*size as u64)).into(),
        ),
        SaveStatus::Paused => (
            true,
            "Not saving: the stored text could not be read and is not overwritten until you decide (see above).".into(),
        ),
        SaveStatus::Failed(why) => return not_saved(capitalized(why)),
        SaveStatus::TooBig { bytes: size, exact } => {
            return not_saved(format!(
                "This state is {}{} of JSON, more than this browser lets the site keep in localStorage",
                if *exact { "" } else { "at least " },
                bytes(*size as u64)
            ));
        }
    };
    html! {
        <p class={classes!("note", "save-line", bad.then_some("bad"))} id="state-save-status">{ text }</p>
    }
}

/// The save line when saving failed: why, and that nothing is lost yet.
fn not_saved(why: String) -> Html {
    html! {
        <p class="notice problem save-line" id="state-save-status" role="alert">
            <strong>{ "Not saved. " }</strong>
            { format!("{why}. Everything is still here in memory; export it as a file to keep it.") }
        </p>
    }
}
