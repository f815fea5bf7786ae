use std::rc::Rc;

use yew::prelude::*;

use crate::lab::source::{self, TokenKind};
use crate::web::source::{self as served, LoadError};

#[derive(Properties, PartialEq)]
pub struct SourceViewProps {
    /// The file's path in the repository, e.g. `src/lab/compute.rs`. The build serves
    /// it next to the page (index.html copies `src/lab` and `src/web`), and the viewer
    /// fetches it when first opened, so what is shown is the file that was built.
    pub path: AttrValue,
    /// Show only the lines between `// region: NAME` and `// endregion`.
    #[prop_or_default]
    pub region: Option<AttrValue>,
    #[prop_or_default]
    pub summary: Option<AttrValue>,
    #[prop_or(false)]
    pub open: bool,
}

type Fetched = Option<(AttrValue, Result<Rc<str>, LoadError>)>;

/// "Show the Rust": the real source of a lab function, highlighted.
#[component]
pub fn SourceView(props: &SourceViewProps) -> Html {
    // Nothing is fetched until the person opens the viewer (or it starts open).
    let wanted = use_state_eq(|| props.open);
    let fetched = use_state(|| -> Fetched {
        served::cached(&props.path).map(|text| (props.path.clone(), Ok(text)))
    });
    let retries = use_state(|| 0u32);
    {
        let fetched = fetched.clone();
        use_effect_with(
            (props.path.clone(), *wanted, *retries),
            move |(path, wanted, _)| {
                let have = matches!(&*fetched, Some((p, Ok(_))) if p == path);
                if *wanted && !have {
                    let for_path = path.clone();
                    served::load(path, move |result| fetched.set(Some((for_path, result))));
                }
            },
        );
    }
    let ontoggle = {
        let wanted = wanted.clone();
        Callback::from(move |_: Event| wanted.set(true))
    };
    let retry = {
        let retries = retries.clone();
        let fetched = fetched.clone();
        Callback::from(move |_: MouseEvent| {
            fetched.set(None);
            retries.set(*retries + 1);
        })
    };

    let path = &props.path;
    let region = props.region.as_deref();
    let mut label = match region {
        Some(name) => format!("{path} — {name}"),
        None => path.to_string(),
    };
    let body = match &*fetched {
        Some((p, Ok(text))) if p == path => {
            let shown: &str = match region {
                Some(name) => source::region(text, name).unwrap_or_else(|| {
                    label = format!("{path} (region “{name}” not found; whole file)");
                    text
                }),
                None => text,
            };
            // The listing scrolls sideways: focusable and named, so a keyboard can scroll it.
            html! {
                <pre class="source-code" tabindex="0" role="region" aria-label={format!("Source: {label}")}>
                    { code(path, shown) }
                </pre>
            }
        }
        Some((p, Err(error))) if p == path => {
            let href = served::reading_link(path);
            let where_ = if served::links_to_repository() {
                "in the repository"
            } else {
                "as a plain file"
            };
            html! {
                <p class="source-error" role="alert">
                    { format!("Could not load {path}: {error}. ") }
                    <a href={href} target="_blank" rel="noopener">{ format!("Read {path} {where_}") }</a>
                    { " or " }
                    <button type="button" class="button subtle" onclick={retry}>{ "try again" }</button>
                    { "." }
                </p>
            }
        }
        _ if *wanted => html! {
            <p class="source-loading" role="status">{ format!("Loading {path}…") }</p>
        },
        _ => Html::default(),
    };
    let summary = props
        .summary
        .clone()
        .unwrap_or_else(|| "Show the Rust".into());
    html! {
        <details class="source-view" open={props.open} {ontoggle}
                 data-source-path={path.clone()} data-source-region={props.region.clone()}>
            <summary>{ summary }<span class="source-path">{ label }</span></summary>
            { body }
        </details>
    }
}

/// Rust is highlighted; anything else (the JavaScript baselines) is shown as it is.
fn code(path: &str, text: &str) -> Html {
    if !path.ends_with(".rs") {
        return html! { <code>{ text }</code> };
    }
    html! {
        <code class="rust">{
            for source::highlight(text).into_iter().map(|(kind, s)| match kind {
                TokenKind::Plain => html! { { s } },
                other => html! { <span class={other.css_class()}>{ s }</span> },
            })
        }</code>
    }
}
