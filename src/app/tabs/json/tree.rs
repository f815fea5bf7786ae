//! The parse tree, one `<details>` per array or object: children are rendered only when
//! it is open, and only [`PAGE`] at a time, so a 2 MB document costs a few DOM nodes.

use std::rc::Rc;

use yew::prelude::*;

use super::document::Doc;
use crate::lab::fmt::{count, grouped};
use crate::lab::json::JsonValue;

/// Children shown per array/object before "show more".
const PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct JsonNodeProps {
    pub doc: Doc,
    /// Child indexes from the root to this node.
    pub path: Rc<Vec<usize>>,
    pub label: Option<AttrValue>,
    #[prop_or(false)]
    pub start_open: bool,
}

fn resolve<'a>(root: &'a JsonValue, path: &[usize]) -> Option<&'a JsonValue> {
    let mut v = root;
    for &i in path {
        v = match v {
            JsonValue::Array(items) => items.get(i)?,
            JsonValue::Object(pairs) => &pairs.get(i)?.1,
            _ => return None,
        };
    }
    Some(v)
}

fn scalar_text(v: &JsonValue) -> String {
    let s = v.to_json_string();
    if s.chars().count() > 300 {
        let cut: String = s.chars().take(300).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// One array or object as a `<details>`, or one scalar.
#[component]
pub fn JsonNode(props: &JsonNodeProps) -> Html {
    let open = use_state(|| props.start_open);
    let shown = use_state(|| PAGE);
    let Some(value) = resolve(&props.doc.0, &props.path) else {
        return html! {};
    };
    let label = props.label.as_ref().map(|l| {
        html! { <><span class="key">{ l.clone() }</span>{ ": " }</> }
    });
    let (len, open_b, close_b) = match value {
        JsonValue::Array(items) => (items.len(), "[", "]"),
        JsonValue::Object(pairs) => (pairs.len(), "{", "}"),
        scalar => {
            return html! {
                <li>{ label }<span class={format!("t-{}", scalar.type_name())}>{ scalar_text(scalar) }</span></li>
            };
        }
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(!*open);
        })
    };
    let (one, many) = if matches!(value, JsonValue::Array(_)) {
        ("item", "items")
    } else {
        ("key", "keys")
    };
    let summary = format!("{open_b} {} {close_b}", count(len, one, many));
    let children = if *open {
        let limit = (*shown).min(len);
        let more = len - limit;
        let show_more = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
        };
        html! {
            <ul>
                { for (0..limit).map(|i| {
                    let child_label: AttrValue = match value {
                        JsonValue::Object(pairs) => {
                            JsonValue::Str(pairs[i].0.clone()).to_json_string().into()
                        }
                        _ => i.to_string().into(),
                    };
                    let mut path = (*props.path).clone();
                    path.push(i);
                    html! { <JsonNode key={i} doc={props.doc.clone()} path={Rc::new(path)} label={Some(child_label)} /> }
                }) }
                if more > 0 {
                    <li><button type="button" class="button" onclick={show_more}>
                        { format!("Show {} more ({} hidden)", PAGE.min(more), grouped(more)) }
                    </button></li>
                }
            </ul>
        }
    } else {
        html! {}
    };
    html! {
        <li>
            <details open={*open}>
                <summary onclick={toggle}>{ label }<span class="count">{ summary }</span></summary>
                { children }
            </details>
        </li>
    }
}
