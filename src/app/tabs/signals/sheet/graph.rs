//! The dependency graph of the selected cell: what it reads, the cell, what reads it.
//! Side by side on a wide page; top to bottom on a phone, so its words stay readable.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::lab::signals::sheet::{CellRef, Sheet};
use crate::lab::signals::sheet_view::{GraphNode, GraphShape, Role, graph_layout, node_label};
use crate::web::signals::{media_matches, watch_media};

/// Below this width the three columns would draw their words under 11 px.
const NARROW: &str = "(max-width: 540px)";

/// The sheet for a prop: compared by identity and edit version, so the graph re-renders
/// after every edit.
#[derive(Clone)]
pub struct SheetRef(pub Rc<Sheet>, pub u64);

impl PartialEq for SheetRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

/// Whether the CSS media query matches, following it as the window changes.
#[hook]
fn use_media_query(query: &'static str) -> bool {
    let matches = use_state(|| media_matches(query));
    {
        let matches = matches.clone();
        use_effect_with(query, move |query| {
            let watch = watch_media(query, move |now| matches.set(now));
            move || drop(watch)
        });
    }
    *matches
}

#[derive(Properties, PartialEq)]
pub struct DepGraphProps {
    pub sheet: SheetRef,
    pub cell: CellRef,
}

#[component]
pub fn DepGraph(props: &DepGraphProps) -> Html {
    let narrow = use_media_query(NARROW);
    let sheet = &props.sheet.0;
    let cell = props.cell;
    let deps: Vec<CellRef> = sheet
        .dependencies(cell)
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shape = if narrow {
        GraphShape::Narrow
    } else {
        GraphShape::Wide
    };
    let layout = graph_layout(cell, &deps, &sheet.dependents(cell), shape);
    let (node_w, node_h) = (layout.node_width, layout.node_height);
    let num = |v: f64| v.to_string();
    let node = |n: &GraphNode| {
        let class = match n.role {
            Role::Dependency => "dep",
            Role::Selected => "self",
            Role::Dependent => "dependent",
        };
        html! {
            <g class={classes!("sig-gnode", class)}>
                <rect x={num(n.x)} y={num(n.y)} width={num(node_w)} height={num(node_h)} rx="5" />
                <text x={num(n.x + node_w / 2.0)} y={num(n.y + node_h / 2.0 + 4.5)} text-anchor="middle">
                    { node_label(n.cell, &sheet.value(n.cell).display()) }
                </text>
            </g>
        }
    };
    html! {
        <figure class={classes!("sig-graph", narrow.then_some("narrow"))}>
            <figcaption><strong>{ "Dependency graph of the selected cell. " }</strong><span id="sig-graph-summary">{ layout.summary.clone() }</span></figcaption>
            <svg viewBox={format!("0 0 {} {}", layout.width, layout.height)} role="img" aria-label={layout.summary.clone()} id="sig-graph-svg">
                <defs>
                    <marker id="sig-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="sig-arrowhead" />
                    </marker>
                </defs>
                { for layout.edges.iter().map(|e| html! {
                    <line class="sig-gedge" x1={num(e.from.0)} y1={num(e.from.1)} x2={num(e.to.0)} y2={num(e.to.1)}
                        marker-end={e.arrow.then_some("url(#sig-arrow)")} />
                }) }
                { for layout.nodes.iter().map(node) }
                { for layout.notes.iter().map(|t| html! {
                    <text class="sig-gmore" x={num(t.x)} y={num(t.y)} text-anchor="middle">{ t.text.clone() }</text>
                }) }
            </svg>
        </figure>
    }
}
