use yew::prelude::*;

use crate::lab::source::{self, TokenKind};

#[derive(Properties, PartialEq)]
pub struct SourceViewProps {
    /// The whole file, from `include_str!`, so what is shown is what runs.
    pub code: &'static str,
    /// Path shown in the heading, e.g. `src/lab/compute.rs`.
    pub path: AttrValue,
    /// Show only the lines between `// region: NAME` and `// endregion`.
    #[prop_or_default]
    pub region: Option<&'static str>,
    #[prop_or_default]
    pub summary: Option<AttrValue>,
    #[prop_or(false)]
    pub open: bool,
}

/// "Show the Rust": the real source of a lab function, highlighted.
#[component]
pub fn SourceView(props: &SourceViewProps) -> Html {
    let (text, label) = match props.region {
        Some(name) => match source::region(props.code, name) {
            Some(body) => (body, format!("{} — {}", props.path, name)),
            None => (
                props.code,
                format!("{} (region “{}” not found; whole file)", props.path, name),
            ),
        },
        None => (props.code, props.path.to_string()),
    };
    let summary = props
        .summary
        .clone()
        .unwrap_or_else(|| "Show the Rust".into());
    html! {
        <details class="source-view" open={props.open}>
            <summary>{ summary }<span class="source-path">{ label }</span></summary>
            <pre><code class="rust">{
                for source::highlight(text).into_iter().map(|(kind, s)| match kind {
                    TokenKind::Plain => html! { { s } },
                    other => html! { <span class={other.css_class()}>{ s }</span> },
                })
            }</code></pre>
        </details>
    }
}
