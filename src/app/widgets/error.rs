use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorTextProps {
    /// The id an input points at with `aria-describedby`.
    pub id: AttrValue,
    pub message: Option<String>,
}

/// The message slot next to an input. It is always in the DOM (empty when all is well)
/// so screen readers announce a message when it appears.
#[component]
pub fn ErrorText(props: &ErrorTextProps) -> Html {
    html! {
        <p id={props.id.clone()} class="field-error" aria-live="polite">
            { props.message.clone().unwrap_or_default() }
        </p>
    }
}
