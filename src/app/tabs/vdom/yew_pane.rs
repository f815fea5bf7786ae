//! Yew's live pane: Yew renders "before", then re-renders with "after", so Yew's own diff
//! patches the same change our patcher does; a `MutationObserver` counts what changed.

use std::rc::Rc;

use yew::prelude::*;

use super::ours::mutations_table;
use super::yew_side::to_yew;
use crate::lab::vdom::VNode;
use crate::web::vdom::{Mutations, Watch, inner_html};

#[derive(Properties, PartialEq)]
pub(super) struct YewPaneProps {
    pub before: Rc<VNode>,
    pub after: Rc<VNode>,
    /// `render_html(after)`, which the pane's DOM is checked against.
    pub expected: AttrValue,
}

#[component]
pub(super) fn YewPane(props: &YewPaneProps) -> Html {
    let showing_after = use_state(|| false);
    let verdict = use_state(|| None::<bool>);
    let observed = use_state(|| None::<Mutations>);
    let watch = use_mut_ref(|| None::<Watch>);
    let node = use_node_ref();
    {
        // "before" is on the page: start watching, then let Yew render "after".
        let (showing_after, node, watch) = (showing_after.clone(), node.clone(), watch.clone());
        use_effect_with((), move |_| {
            if let Some(pane) = node.get() {
                *watch.borrow_mut() = Watch::start(&pane).ok();
            }
            showing_after.set(true);
        });
    }
    {
        let (node, verdict, expected, observed, watch) = (
            node.clone(),
            verdict.clone(),
            props.expected.clone(),
            observed.clone(),
            watch.clone(),
        );
        use_effect_with(*showing_after, move |after| {
            if *after && let Some(pane) = node.get() {
                verdict.set(Some(inner_html(&pane) == *expected));
                if let Some(watch) = watch.borrow_mut().take() {
                    observed.set(Some(watch.take()));
                }
            }
        });
    }
    let html = use_memo(
        (props.before.clone(), props.after.clone(), *showing_after),
        |(before, after, showing_after)| to_yew(if *showing_after { after } else { before }),
    );
    html! {
        <>
            <p class="note">{ if *showing_after { "Rendered before, then after: Yew patched its own DOM." } else { "Rendering before…" } }</p>
            <div class="live" id="vdom-yew" ref={node} role="group" aria-label="Live DOM rendered by Yew" tabindex="0">{ (*html).clone() }</div>
            { match *verdict {
                Some(true) => html! { <p class="verdict ok" id="vdom-yew-verdict">{ "✓ innerHTML equals render_html(after)" }</p> },
                Some(false) => html! { <p class="verdict bad" id="vdom-yew-verdict">{ "✗ innerHTML differs from render_html(after) (Yew keeps an attribute's old position when only its value changes)" }</p> },
                None => html! {},
            } }
            <h4>{ "DOM calls made" }</h4>
            <p class="note">{ "Yew's own calls cannot be counted from outside; what they changed can:" }</p>
            <h4>{ "Changes seen by a MutationObserver" }</h4>
            { match *observed {
                Some(m) => mutations_table(&m, "vdom-yew-observed"),
                None => html! { <p class="note">{ "–" }</p> },
            } }
        </>
    }
}
