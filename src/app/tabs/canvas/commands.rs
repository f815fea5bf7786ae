//! The drawing as its list of commands (the newest ones when it is long).

use yew::prelude::*;

use super::drawing::Drawing;
use crate::lab::canvas::editor::describe;
use crate::lab::fmt::count;

/// The most rows the command list renders (the newest ones).
const LIST_ROWS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct CommandListProps {
    pub drawing: Drawing,
}

#[component]
pub fn CommandList(props: &CommandListProps) -> Html {
    let m = props.drawing.model();
    let n = m.committed.len();
    let first_row = n.saturating_sub(LIST_ROWS);
    html! {
        <>
            <h3 id="canvas-commands-title">{ "Commands" }</h3>
            <p id="canvas-count" aria-live="polite">
                { format!("{} in {}", count(n, "command", "commands"), count(m.history.strokes().len(), "stroke", "strokes")) }
                if first_row > 0 { { format!(" (showing the last {LIST_ROWS})") } }
            </p>
            <ol class="commands" start={(first_row + 1).to_string()} id="canvas-commands"
                tabindex="0" aria-labelledby="canvas-commands-title">
                { for m.committed[first_row..].iter().map(|c| html! { <li>{ describe(c) }</li> }) }
            </ol>
        </>
    }
}
