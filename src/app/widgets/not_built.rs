use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotBuiltProps {
    pub title: AttrValue,
    pub issue: u32,
    #[prop_or_default]
    pub children: Html,
}

/// A tab that is not built yet says so plainly, instead of pretending.
#[component]
pub fn NotBuilt(props: &NotBuiltProps) -> Html {
    html! {
        <section class="not-built" aria-labelledby="not-built-title">
            <h2 id="not-built-title">{ &props.title }</h2>
            <p>{ props.children.clone() }</p>
            <p class="notice" role="status">
                <strong>{ "Not built yet." }</strong>
                { format!(" This tab is planned (issue #{}) and has nothing to run so far; the other tabs are unaffected.", props.issue) }
            </p>
        </section>
    }
}
