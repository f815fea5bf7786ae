//! Our patcher's card: the live pane, Step / Reset / Apply all, the verdict, the DOM calls
//! made and what a `MutationObserver` saw change.

use std::rc::Rc;

use yew::prelude::*;

use super::{Pair, Progress};
use crate::lab::fmt::grouped;
use crate::web::vdom::{LivePane, Mutations};

#[derive(Properties, PartialEq)]
pub(super) struct OurPaneProps {
    pub pair: Option<Rc<Pair>>,
    /// Told after every change of how far the pane is.
    pub on_progress: Callback<Progress>,
}

/// The MutationObserver tally as a small table (the same one under both panes).
pub(super) fn mutations_table(m: &Mutations, id: &'static str) -> Html {
    html! {
        <table class="counts" aria-label="DOM changes seen by a MutationObserver">
            <tbody>
                <tr><td>{ "nodes added" }</td><td>{ m.added }</td></tr>
                <tr><td>{ "nodes removed" }</td><td>{ m.removed }</td></tr>
                <tr><td>{ "attribute changes" }</td><td>{ m.attributes }</td></tr>
                <tr><td>{ "text changes" }</td><td>{ m.texts }</td></tr>
                <tr><td><strong>{ "total changes observed" }</strong></td><td {id}><strong>{ m.total() }</strong></td></tr>
            </tbody>
        </table>
    }
}

/// What a button asks of the pane.
#[derive(Clone, Copy)]
enum Action {
    /// The next patch, highlighted; after the last one, from the start again.
    Step,
    Reset,
    ApplyAll,
    /// A new pair: build "before" and apply everything, so both panes are compared at once.
    Arrive,
}

#[component]
pub(super) fn OurPane(props: &OurPaneProps) -> Html {
    let host = use_node_ref();
    let pane = use_mut_ref(|| LivePane::new("vdom-ours", "Live DOM built by our patcher"));
    let force = use_force_update();
    {
        // The pane's element is ours, not Yew's: put it (back) into its host after every
        // render.
        let (host, pane) = (host.clone(), pane.clone());
        use_effect(move || {
            if let (Some(host), Some(pane)) = (host.get(), pane.borrow().as_ref()) {
                pane.attach_to(&host);
            }
        });
    }
    let act = {
        let (pane, pair, force, on_progress) = (
            pane.clone(),
            props.pair.clone(),
            force.clone(),
            props.on_progress.clone(),
        );
        move |action: Action| {
            let mut pane = pane.borrow_mut();
            let (Some(pair), Some(pane)) = (&pair, pane.as_mut()) else {
                return;
            };
            let done = pane.applied() >= pair.patches.len();
            match action {
                Action::Step => {
                    if done {
                        pane.reset(&pair.before);
                    }
                    pane.step(&pair.patches, true);
                }
                Action::Reset => pane.reset(&pair.before),
                Action::ApplyAll => pane.apply_all(&pair.patches),
                Action::Arrive => {
                    pane.reset(&pair.before);
                    pane.apply_all(&pair.patches);
                }
            }
            on_progress.emit(Progress {
                applied: pane.applied(),
                last_touched: pane.last_touched(),
            });
            force.force_update();
        }
    };
    {
        let act = act.clone();
        let generation = props.pair.as_ref().map(|p| p.generation);
        use_effect_with(generation, move |_| act(Action::Arrive));
    }
    let button = |action: Action| {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| act(action))
    };

    let pane = pane.borrow();
    let Some(pane) = pane.as_ref() else {
        return html! { <section class="card"><p class="notice">{ "This page has no document to build the live pane in." }</p></section> };
    };
    let total = props.pair.as_ref().map_or(0, |p| p.patches.len());
    let applied = pane.applied();
    let verdict = props.pair.as_ref().and_then(|pair| {
        if let Some(e) = pane.error() {
            return Some(html! { <p class="verdict bad" role="status">{ e.to_owned() }</p> });
        }
        (applied == total).then(|| {
            if pane.html() == pair.after_html.as_str() {
                html! { <p class="verdict ok" id="vdom-ours-verdict">{ "✓ innerHTML equals render_html(after)" }</p> }
            } else {
                html! { <p class="verdict bad" id="vdom-ours-verdict">{ "✗ innerHTML differs from render_html(after)" }</p> }
            }
        })
    });
    let counts = pane.counts();
    html! {
        <section class="card" aria-labelledby="vdom-ours-title">
            <h3 id="vdom-ours-title">{ "Our patcher" }</h3>
            <p class="note">
                { "Step applies one patch through web-sys: every DOM call is a crossing of the WASM ⇄ JavaScript boundary. Apply all sends the remaining patches to JavaScript in one call — numbers in a Uint32Array, strings in one string — and copies a subtree whose shape it already built with cloneNode instead of building it again (template cloning, as Solid, Leptos and Dioxus do)." }
            </p>
            <div class="row-buttons" role="group" aria-label="Step mode">
                <button type="button" class="button" id="vdom-reset" onclick={button(Action::Reset)}>{ "Reset" }</button>
                <button type="button" class="button primary" id="vdom-step" disabled={total == 0} onclick={button(Action::Step)}>{ "Step" }</button>
                <button type="button" class="button" id="vdom-apply-all" disabled={applied >= total} onclick={button(Action::ApplyAll)}>{ "Apply all" }</button>
                <span id="vdom-step-status" aria-live="polite">{ format!("{} of {} applied", grouped(applied), grouped(total)) }</span>
            </div>
            if total > 0 && applied >= total {
                <p class="note" id="vdom-step-hint">{ "Step starts again from Before, one patch at a time." }</p>
            }
            <div class="live-host" ref={host}></div>
            { for verdict }
            <h4>{ "DOM calls made" }</h4>
            <table class="counts" aria-label="DOM operations made by our patcher">
                <tbody>
                    { for counts.rows().into_iter().filter(|(_, n)| *n > 0).map(|(label, n)| html! {
                        <tr><td>{ label }</td><td>{ grouped(n) }</td></tr>
                    }) }
                    <tr><td><strong>{ "total DOM calls" }</strong></td><td id="vdom-ours-total"><strong>{ grouped(counts.total()) }</strong></td></tr>
                </tbody>
            </table>
            <h4>{ "Changes seen by a MutationObserver" }</h4>
            { mutations_table(&pane.observed(), "vdom-ours-observed") }
        </section>
    }
}
