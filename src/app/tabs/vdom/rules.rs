//! What the live panes allow, in words: the rules of `lab::vdom::check_safe` and
//! `lab::vdom::editor::check_stays_in_pane`, one item each, and what the panes' CSS
//! contains. A new rule of either gate gets its sentence here.

use yew::prelude::*;

#[component]
pub(super) fn PreviewRules() -> Html {
    html! {
        <div class="preview-rules" id="vdom-preview-rules">
            <h4>{ "What the live panes allow" }</h4>
            <p class="note">
                { "Your markup becomes real DOM in the two panes below, so it passes a gate first (" }
                <code>{ "check_safe" }</code>{ " in " }<code>{ "lab::vdom" }</code>{ "). Refused, with the reason next to the editor:" }
            </p>
            <ul class="note">
                <li>{ "anything that runs code: script elements, on… attributes (onclick, onerror…), javascript: URLs, SVG animation that could rewrite a link;" }</li>
                <li>{ "anything that loads another document: iframe, frame, object, embed, and data: URLs other than images;" }</li>
                <li>{ "anything that acts on the whole page: base, meta, link and style elements, and the popover and command attributes, which open an element above the page." }</li>
            </ul>
            <p class="note" id="vdom-mxss">
                { "Before rendering, we also check that the HTML we write would be read back by a browser as exactly this tree — an " }
                <code>{ "<img>" }</code>{ " inside " }<code>{ "<svg>" }</code>{ ", a " }<code>{ "<div>" }</code>{ " inside " }<code>{ "<p>" }</code>
                { " or text inside an SVG " }<code>{ "<style>" }</code>
                { " would be rebuilt differently — so no markup can turn into live script when it is parsed again (mutation XSS)." }
            </p>
            <p class="note">
                { "Everything else is allowed, style attributes included. Each pane is a box the markup cannot leave: fixed and sticky positioning are relative to the pane, anything drawn outside it (a huge size, an outline, a shadow) is cut off or scrolls inside it, and a z-index only orders elements within it." }
            </p>
        </div>
    }
}
