//! The Virtual DOM tab (`#/vdom`): type two trees, see the patch list that turns one into
//! the other, watch our patcher replay it on the real DOM (one step at a time if you
//! like) next to Yew rendering the same tree, and time diff+patch against vanilla JS.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use stylist::yew::use_style;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::app::widgets::{BenchPanel, ErrorText, SourceView};
use crate::lab::vdom::{
    Patch, Prng, VNode, check_safe, count_moves, describe, diff, parse_markup_root,
};
use crate::web::vdom::{self as dom_vdom, DomCounts, Mutations, Watch};

/// Longest markup an editor accepts: the live panes and the patch list are for reading.
const MAX_MARKUP_CHARS: usize = 50_000;
/// Most nodes a tree may have in the live panes.
const MAX_NODES: usize = 3_000;
/// Patches listed in words; the rest are summarised.
const MAX_LISTED: usize = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Preset {
    Page,
    Keyed,
    Attributes,
    Text,
}

impl Preset {
    const ALL: [Preset; 4] = [
        Preset::Page,
        Preset::Keyed,
        Preset::Attributes,
        Preset::Text,
    ];

    fn id(self) -> &'static str {
        match self {
            Preset::Page => "page",
            Preset::Keyed => "keyed",
            Preset::Attributes => "attributes",
            Preset::Text => "text",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Preset::Page => "The seed's page",
            Preset::Keyed => "Keyed list",
            Preset::Attributes => "Attributes only",
            Preset::Text => "Text only",
        }
    }

    fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    fn before(self) -> &'static str {
        match self {
            Preset::Page => {
                "<div class=\"page\">\n  <h1>Hello from Rust</h1>\n  <p>Counter: 0</p>\n  <ul>\n    <li>apples</li>\n    <li>pears</li>\n  </ul>\n  <button type=\"button\">Add one</button>\n</div>"
            }
            Preset::Keyed => {
                "<ul class=\"list\">\n  <li key=\"a\">Item A</li>\n  <li key=\"b\">Item B</li>\n  <li key=\"c\">Item C</li>\n  <li key=\"d\">Item D</li>\n  <li key=\"e\">Item E</li>\n  <li key=\"f\">Item F</li>\n  <li key=\"g\">Item G</li>\n  <li key=\"h\">Item H</li>\n</ul>"
            }
            Preset::Attributes => {
                "<div class=\"settings\" title=\"Settings\" data-state=\"closed\">\n  <label>Name <input type=\"text\" placeholder=\"Your name\" disabled></label>\n  <a href=\"#/vdom\" class=\"link\">Help</a>\n</div>"
            }
            Preset::Text => "<p>\n  <b>Status:</b> 3 items in the cart, total 12.50 &euro;\n</p>",
        }
    }

    fn after(self) -> &'static str {
        match self {
            Preset::Page => {
                "<div class=\"page\">\n  <h1>Hello from Rust &amp; Yew</h1>\n  <p class=\"count\">Counter: 1</p>\n  <ul>\n    <li>apples</li>\n    <li>pears</li>\n    <li>plums</li>\n  </ul>\n  <button type=\"button\">Add one</button>\n</div>"
            }
            Preset::Keyed => {
                "<ul class=\"list\">\n  <li key=\"a\">Item A</li>\n  <li key=\"c\">Item C</li>\n  <li key=\"d\">Item D</li>\n  <li key=\"b\">Item B</li>\n  <li key=\"e\">Item E</li>\n  <li key=\"x\">Item X</li>\n  <li key=\"h\">Item H</li>\n  <li key=\"g\">Item G</li>\n</ul>"
            }
            Preset::Attributes => {
                "<div class=\"settings open\" data-state=\"open\" aria-expanded=\"true\">\n  <label>Name <input type=\"text\" placeholder=\"Your full name\"></label>\n  <a href=\"#/vdom\" class=\"link visited\">Help</a>\n</div>"
            }
            Preset::Text => "<p>\n  <b>Status:</b> 4 items in the cart, total 15.75 &euro;\n</p>",
        }
    }
}

#[derive(Serialize, Deserialize, Default, Clone, PartialEq)]
struct VdomQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preset: Option<String>,
}

/// Markup → a tree that is safe to put into the page, or the message for the editor.
fn parse(text: &str) -> Result<VNode, String> {
    let chars = text.chars().count();
    if chars > MAX_MARKUP_CHARS {
        return Err(format!(
            "Too long: {chars} characters (the limit is {MAX_MARKUP_CHARS})."
        ));
    }
    let tree = parse_markup_root(text)
        .map_err(|e| format!("Line {}, column {}: {}", e.line, e.column, e.message))?;
    let nodes = tree.node_count();
    if nodes > MAX_NODES {
        return Err(format!(
            "Too big for the live panes: {nodes} nodes (the limit is {MAX_NODES})."
        ));
    }
    check_safe(&tree).map_err(|e| format!("Not rendered, for safety: {e}."))?;
    Ok(tree)
}

/// Two valid trees and everything derived from them.
#[derive(PartialEq)]
struct Pair {
    before: Rc<VNode>,
    after: Rc<VNode>,
    patches: Vec<Patch>,
    after_html: String,
    moves: usize,
    /// Counts up with every new pair, so panes can be keyed to remount.
    generation: u64,
}

/// Our patcher's progress through the current pair's patches.
#[derive(Default)]
struct Session {
    applied: usize,
    counts: DomCounts,
    observed: Mutations,
    error: Option<String>,
    marked: Option<Element>,
    html: String,
    last_touched: Option<usize>,
}

impl Session {
    fn unmark(&mut self) {
        if let Some(element) = self.marked.take() {
            let _ = element.remove_attribute(dom_vdom::TOUCHED_ATTRIBUTE);
        }
    }

    fn reset(&mut self, container: &Element, pair: &Pair) {
        self.unmark();
        self.applied = 0;
        self.counts = DomCounts::default();
        self.observed = Mutations::default();
        self.last_touched = None;
        self.error = dom_vdom::mount(container, &pair.before)
            .err()
            .map(|e| e.to_string());
        self.html = container.inner_html();
    }

    /// Applies the next patch; `highlight` marks the node it touched.
    fn step(&mut self, container: &Element, pair: &Pair, highlight: bool) -> bool {
        self.unmark();
        let Some(patch) = pair.patches.get(self.applied) else {
            return false;
        };
        if self.error.is_some() {
            return false;
        }
        let watch = Watch::start(container).ok();
        let result = dom_vdom::apply_patch(container, patch, &mut self.counts);
        if let Some(watch) = watch {
            self.observed.add(&watch.take());
        }
        if let Err(e) = result {
            self.error = Some(format!("patch {} failed: {}", self.applied + 1, e.message));
            return false;
        }
        self.applied += 1;
        self.html = container.inner_html();
        self.last_touched = Some(self.applied - 1);
        if highlight {
            self.marked = dom_vdom::mark_touched(container, &patch.touched_path());
        }
        true
    }

    /// Applies every remaining patch with one call into JavaScript (the batched patcher).
    fn apply_all(&mut self, container: &Element, pair: &Pair) {
        self.unmark();
        self.last_touched = None;
        let rest = pair.patches.get(self.applied..).unwrap_or_default();
        if self.error.is_some() || rest.is_empty() {
            return;
        }
        let watch = Watch::start(container).ok();
        let result = dom_vdom::apply_patches_counted(container, rest, &mut self.counts);
        if let Some(watch) = watch {
            self.observed.add(&watch.take());
        }
        match result {
            Ok(()) => self.applied = pair.patches.len(),
            Err(e) => {
                let failed = self.applied + e.patch_index.unwrap_or(0);
                self.error = Some(format!("patch {} failed: {}", failed + 1, e.message));
                self.applied = failed;
            }
        }
        self.html = container.inner_html();
    }
}

/// Our pane's element, shared by the callbacks.
#[derive(Clone)]
struct LiveRef(std::rc::Rc<std::cell::RefCell<Option<Element>>>);

impl LiveRef {
    fn element(&self) -> Option<Element> {
        self.0.borrow().clone()
    }
}

/// A keyed-list edit for the buttons under the "after" editor.
#[derive(Clone, Copy, PartialEq)]
enum ListEdit {
    Shuffle,
    Reverse,
    SwapTwo,
    Insert,
    Remove,
}

/// Applies `edit` to the children of `tree` (which must be an element whose children all
/// have keys); `None` when the tree is not such a list.
fn edit_list(tree: &VNode, edit: ListEdit, rng: &mut Prng) -> Option<VNode> {
    let VNode::Element { children, .. } = tree else {
        return None;
    };
    if children.iter().any(|c| c.key().is_none()) {
        return None;
    }
    let mut next = tree.clone();
    let VNode::Element { children, .. } = &mut next else {
        return None;
    };
    let len = children.len();
    match edit {
        ListEdit::Shuffle => rng.shuffle(children),
        ListEdit::Reverse => children.reverse(),
        ListEdit::SwapTwo if len >= 2 => {
            let a = rng.index(len);
            let b = (a + 1 + rng.index(len - 1)) % len;
            children.swap(a, b);
        }
        ListEdit::SwapTwo => {}
        ListEdit::Insert => {
            let tag = children
                .first()
                .and_then(VNode::tag)
                .unwrap_or("li")
                .to_owned();
            let used: Vec<String> = children
                .iter()
                .filter_map(|c| c.key().map(str::to_owned))
                .collect();
            let key = (1..)
                .map(|n: u32| format!("n{n}"))
                .find(|k| !used.contains(k))
                .unwrap_or_else(|| "new".into());
            let node = VNode::element(tag)
                .key(key.clone())
                .child(VNode::text(format!("New {key}")))
                .try_build()
                .ok()?;
            let at = rng.index(len + 1);
            children.insert(at, node);
        }
        ListEdit::Remove if len > 0 => {
            children.remove(rng.index(len));
        }
        ListEdit::Remove => {}
    }
    Some(next)
}

fn textarea_value(e: &InputEvent) -> Option<String> {
    e.target_dyn_into::<HtmlTextAreaElement>()
        .map(|t| t.value())
}

#[component]
pub fn VdomTab() -> Html {
    let location = use_location();
    let navigator = use_navigator();
    let url_preset = location
        .and_then(|l| l.query::<VdomQuery>().ok())
        .and_then(|q| q.preset)
        .and_then(|id| Preset::from_id(&id));
    let initial = url_preset.unwrap_or(Preset::Keyed);
    let preset = use_state(|| Some(initial));
    let before_text = use_state(|| initial.before().to_owned());
    let after_text = use_state(|| initial.after().to_owned());
    // A link to another preset followed while the tab is open (the tab is not remounted).
    {
        let (preset, before_text, after_text) =
            (preset.clone(), before_text.clone(), after_text.clone());
        use_effect_with(url_preset, move |wanted| {
            if let Some(wanted) = *wanted
                && *preset != Some(wanted)
            {
                preset.set(Some(wanted));
                before_text.set(wanted.before().to_owned());
                after_text.set(wanted.after().to_owned());
            }
        });
    }
    let rng = use_mut_ref(|| Prng::new(0x5eed));

    // The picker shows the preset, or "(edited)": set as a property after each render,
    // because an option's `selected` attribute stops counting once a person has picked.
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        let id = preset.map_or("", Preset::id);
        use_effect_with(id, move |id| {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                select.set_value(id);
            }
        });
    }
    let before = use_memo((*before_text).clone(), |t| parse(t));
    let after = use_memo((*after_text).clone(), |t| parse(t));

    // The last pair where both editors were valid: the panes keep showing it while the
    // person is in the middle of typing.
    let last_good = use_mut_ref(|| None::<Rc<Pair>>);
    let generation = use_mut_ref(|| 0u64);
    {
        let mut slot = last_good.borrow_mut();
        if let (Ok(b), Ok(a)) = (&*before, &*after) {
            let changed = slot
                .as_ref()
                .is_none_or(|p| *p.before != *b || *p.after != *a);
            if changed {
                let patches = diff(b, a);
                let mut g = generation.borrow_mut();
                *g += 1;
                *slot = Some(Rc::new(Pair {
                    moves: count_moves(&patches),
                    patches,
                    after_html: a.render_html(),
                    before: Rc::new(b.clone()),
                    after: Rc::new(a.clone()),
                    generation: *g,
                }));
            }
        }
    }
    let pair = last_good.borrow().clone();

    // Our pane's live tree sits in an element this tab creates and owns: Yew renders only
    // an empty host for it, and the element is (re)attached to that host after every
    // render, so Yew's reconciliation never holds a stale reference to it.
    let host = use_node_ref();
    let live = use_mut_ref(|| {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("div").ok());
        if let Some(element) = &element {
            element.set_id("vdom-ours");
            element.set_class_name("live");
            let _ = element.set_attribute("aria-label", "Live DOM built by our patcher");
        }
        element
    });
    {
        let (host, live) = (host.clone(), live.clone());
        use_effect(move || {
            if let (Some(host), Some(live)) = (host.cast::<Element>(), live.borrow().as_ref())
                && live.parent_element().as_ref() != Some(&host)
            {
                let _ = host.append_child(live);
            }
        });
    }
    let container = LiveRef(live);
    let session = use_mut_ref(Session::default);
    let force = use_force_update();

    // A new pair: rebuild "before" in our pane and apply every patch.
    {
        let container = container.clone();
        let session = session.clone();
        let force = force.clone();
        let generation = pair.as_ref().map(|p| p.generation);
        let pair = pair.clone();
        use_effect_with(generation, move |_| {
            if let (Some(pair), Some(el)) = (pair, container.element()) {
                let mut s = session.borrow_mut();
                s.reset(&el, &pair);
                s.apply_all(&el, &pair);
                drop(s);
                force.force_update();
            }
        });
    }

    // Step, Reset and Apply all differ only in what they ask of the session.
    let session_action = |act: fn(&mut Session, &Element, &Pair)| {
        let (container, session, force, pair) = (
            container.clone(),
            session.clone(),
            force.clone(),
            pair.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let (Some(pair), Some(el)) = (&pair, container.element()) {
                act(&mut session.borrow_mut(), &el, pair);
                force.force_update();
            }
        })
    };
    let on_step = session_action(|s, el, pair| {
        s.step(el, pair, true);
    });
    let on_reset = session_action(Session::reset);
    let on_apply_all = session_action(Session::apply_all);

    let choose_preset = {
        let (preset, before_text, after_text, navigator) = (
            preset.clone(),
            before_text.clone(),
            after_text.clone(),
            navigator.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let Some(chosen) = Preset::from_id(&select.value()) else {
                return;
            };
            preset.set(Some(chosen));
            before_text.set(chosen.before().to_owned());
            after_text.set(chosen.after().to_owned());
            if let Some(nav) = &navigator {
                let query = VdomQuery {
                    preset: Some(chosen.id().to_owned()),
                };
                let _ = nav.replace_with_query(&Route::Vdom, &query);
            }
        })
    };
    // Typing makes the pair the person's own: the preset picker says "(edited)".
    let on_before = {
        let (before_text, preset) = (before_text.clone(), preset.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(v) = textarea_value(&e) {
                before_text.set(v);
                preset.set(None);
            }
        })
    };
    let on_after = {
        let (after_text, preset) = (after_text.clone(), preset.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(v) = textarea_value(&e) {
                after_text.set(v);
                preset.set(None);
            }
        })
    };
    let list_edit = |edit: ListEdit| {
        let (after, after_text, rng) = (after.clone(), after_text.clone(), rng.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(tree) = &*after
                && let Some(next) = edit_list(tree, edit, &mut rng.borrow_mut())
            {
                after_text.set(next.to_markup());
            }
        })
    };
    let use_after_as_before = {
        let (before_text, after_text) = (before_text.clone(), after_text.clone());
        Callback::from(move |_: MouseEvent| before_text.set((*after_text).clone()))
    };

    let style = use_style!(
        r#"
        .vdom-grid { align-items: start; margin: 1rem 0; }
        .vdom-grid > section + section { margin-top: 0; }
        .vdom-tab > .card { margin: 1rem 0; }
        .vdom-col { display: flex; flex-direction: column; gap: 1rem; min-width: 0; }
        .card h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
        .card h3 + .html-out, .patch-list + h3, .note + h3 { margin-top: 1rem; }
        .card h4 { margin: 0.9rem 0 0.2rem; font-size: 0.95rem; }
        .editor label { display: block; font-weight: 600; margin: 0.5rem 0 0.25rem; }
        .editor textarea {
            width: 100%; box-sizing: border-box; min-height: 14rem; white-space: pre; overflow-x: auto;
            font-family: var(--mono); font-size: 0.88rem; line-height: 1.4;
            background: var(--surface); color: inherit;
            border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem;
            resize: vertical;
        }
        .editor textarea[aria-invalid="true"] { border-color: var(--bad); }
        .row-buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.4rem 0; }
        .preset-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .summary { margin: 0 0 0.5rem; }
        .patch-list {
            font-family: var(--mono); font-size: 0.85rem; margin: 0; padding: 0.3rem 0.25rem 0.3rem 2.6rem;
            max-height: 18rem; overflow-y: auto; border: 1px solid var(--border); border-radius: 6px;
        }
        .patch-list li { padding: 0.1rem 0.25rem; overflow-wrap: anywhere; }
        .patch-list li.done { color: var(--muted); }
        .patch-list li.current { background: var(--accent); color: var(--surface); font-weight: 600; color: #fff; }
        .html-out {
            font-family: var(--mono); font-size: 0.82rem; white-space: pre-wrap; overflow-wrap: anywhere;
            max-height: 12rem; overflow-y: auto; margin: 0; padding: 0.5rem;
            border: 1px solid var(--border); border-radius: 6px;
        }
        .live {
            border: 1px dashed var(--border); border-radius: 6px; padding: 0.5rem;
            min-height: 4rem; overflow: auto; max-height: 22rem;
        }
        .live h1 { font-size: 1.5rem; margin: 0.3rem 0; }
        .live [data-vdom-touched] { outline: 3px solid var(--accent); outline-offset: 2px; }
        .counts { width: 100%; border-collapse: collapse; font-size: 0.88rem; margin-top: 0.5rem; }
        .counts td { padding: 0.1rem 0.3rem; border-bottom: 1px solid var(--border); }
        .counts td:last-child { text-align: right; font-family: var(--mono); }
        .verdict { margin: 0.4rem 0 0; font-weight: 600; }
        .verdict.ok { color: var(--ok); }
        .verdict.bad { color: var(--bad); }
        "#
    );

    let before_error = before.as_ref().as_ref().err().cloned();
    let after_error = after.as_ref().as_ref().err().cloned();
    let after_is_list = after
        .as_ref()
        .as_ref()
        .is_ok_and(|t| !t.children().is_empty() && t.children().iter().all(|c| c.key().is_some()));
    let current = *preset;

    let s = session.borrow();
    let output = match &pair {
        None => {
            html! { <p class="notice">{ "Fix the markup on the left to see the patches." }</p> }
        }
        Some(pair) => {
            let total = pair.patches.len();
            let listed = pair
                .patches
                .iter()
                .take(MAX_LISTED)
                .enumerate()
                .map(|(i, p)| {
                    let class = if s.last_touched == Some(i) {
                        "current"
                    } else if i < s.applied {
                        "done"
                    } else {
                        ""
                    };
                    html! { <li class={class}>{ describe(p) }</li> }
                });
            html! {
                <>
                    if before_error.is_some() || after_error.is_some() {
                        <p class="notice">{ "Showing the last valid pair while the markup has an error." }</p>
                    }
                    <p class="summary" id="vdom-summary">
                        <strong>{ format!("{total} patch{}", if total == 1 { "" } else { "es" }) }</strong>
                        { format!(", {} move{} of keyed children (kept − LIS: the minimum)", pair.moves, if pair.moves == 1 { "" } else { "s" }) }
                    </p>
                    if total == 0 {
                        <p class="note">{ "The trees are equal: nothing to do." }</p>
                    } else {
                        <ol class="patch-list" id="vdom-patches" aria-label="Patches in order">{ for listed }</ol>
                    }
                    if total > MAX_LISTED {
                        <p class="note">{ format!("…and {} more.", total - MAX_LISTED) }</p>
                    }
                    <h3>{ "render_html(after)" }</h3>
                    <pre class="html-out" id="vdom-html">{ pair.after_html.clone() }</pre>
                </>
            }
        }
    };

    let ours_verdict = pair.as_ref().and_then(|pair| {
        if let Some(e) = &s.error {
            return Some(html! { <p class="verdict bad" role="status">{ e.clone() }</p> });
        }
        (s.applied == pair.patches.len()).then(|| {
            if s.html == pair.after_html {
                html! { <p class="verdict ok" id="vdom-ours-verdict">{ "✓ innerHTML equals render_html(after)" }</p> }
            } else {
                html! { <p class="verdict bad" id="vdom-ours-verdict">{ "✗ innerHTML differs from render_html(after)" }</p> }
            }
        })
    });
    let step_total = pair.as_ref().map_or(0, |p| p.patches.len());
    let counts_table = html! {
        <table class="counts" aria-label="DOM operations made by our patcher">
            <tbody>
                { for s.counts.rows().into_iter().filter(|(_, n)| *n > 0).map(|(label, n)| html! {
                    <tr><td>{ label }</td><td>{ n }</td></tr>
                }) }
                <tr><td><strong>{ "total DOM calls" }</strong></td><td id="vdom-ours-total"><strong>{ s.counts.total() }</strong></td></tr>
            </tbody>
        </table>
    };

    html! {
        <section class={classes!("vdom-tab", style)}>
            <h2>{ "Virtual DOM" }</h2>
            <p>
                { "A virtual DOM describes the page as plain data. When something changes, the framework builds a new description, " }
                { "compares it with the old one in Rust (" }<code>{ "diff" }</code>{ ") and sends the browser only the few operations that turn one into the other. " }
                { "In WebAssembly this matters twice: every DOM call crosses the WASM ⇄ JavaScript boundary, while comparing two trees happens in linear memory at full speed. " }
                { "Keyed children are moved the minimum number of times — the longest-increasing-subsequence trick of Vue 3 and Inferno — which is exactly what Yew and Leptos rely on for lists." }
            </p>
            <div class="split vdom-grid">
                <div class="vdom-col">
                    <section class="card editor" aria-labelledby="vdom-input-title">
                        <h3 id="vdom-input-title">{ "Input" }</h3>
                        <div class="preset-row">
                            <label for="vdom-preset">{ "Preset" }</label>
                            <select id="vdom-preset" ref={select_ref} onchange={choose_preset}>
                                if current.is_none() {
                                    <option value="" selected=true>{ "(edited)" }</option>
                                }
                                { for Preset::ALL.into_iter().map(|p| html! {
                                    <option value={p.id()} selected={current == Some(p)}>{ p.title() }</option>
                                }) }
                            </select>
                        </div>
                        <label for="vdom-before">{ "Before" }</label>
                        <textarea id="vdom-before" spellcheck="false" wrap="off" value={(*before_text).clone()} oninput={on_before}
                            aria-invalid={before_error.is_some().to_string()} aria-describedby="vdom-before-error" />
                        <ErrorText id="vdom-before-error" message={before_error.clone()} />
                        <label for="vdom-after">{ "After" }</label>
                        <textarea id="vdom-after" spellcheck="false" wrap="off" value={(*after_text).clone()} oninput={on_after}
                            aria-invalid={after_error.is_some().to_string()} aria-describedby="vdom-after-error" />
                        <ErrorText id="vdom-after-error" message={after_error.clone()} />
                        <div class="row-buttons" role="group" aria-label="Rewrite the keyed list in After">
                            <button type="button" class="button" id="vdom-shuffle" disabled={!after_is_list} onclick={list_edit(ListEdit::Shuffle)}>{ "Shuffle" }</button>
                            <button type="button" class="button" id="vdom-reverse" disabled={!after_is_list} onclick={list_edit(ListEdit::Reverse)}>{ "Reverse" }</button>
                            <button type="button" class="button" id="vdom-swap" disabled={!after_is_list} onclick={list_edit(ListEdit::SwapTwo)}>{ "Swap two" }</button>
                            <button type="button" class="button" id="vdom-insert" disabled={!after_is_list} onclick={list_edit(ListEdit::Insert)}>{ "Insert" }</button>
                            <button type="button" class="button" id="vdom-remove" disabled={!after_is_list} onclick={list_edit(ListEdit::Remove)}>{ "Remove" }</button>
                            <button type="button" class="button" id="vdom-after-to-before" onclick={use_after_as_before}>{ "After → Before" }</button>
                        </div>
                        <p class="note">
                            { "The list buttons rewrite After when its root's children all have a " }<code>{ "key" }</code>
                            { ". Markup with script, iframe, object or embed elements, on* attributes or javascript: URLs is refused before it reaches the page." }
                        </p>
                    </section>
                </div>
                <div class="vdom-col">
                    <section class="card" aria-labelledby="vdom-output-title">
                        <h3 id="vdom-output-title">{ "Patches: diff(before, after)" }</h3>
                        { output }
                    </section>
                </div>
            </div>
            <div class="split vdom-grid">
                <section class="card" aria-labelledby="vdom-ours-title">
                    <h3 id="vdom-ours-title">{ "Our patcher" }</h3>
                    <p class="note">
                        { "Step applies one patch through web-sys: every DOM call is a crossing of the WASM ⇄ JavaScript boundary. Apply all sends the remaining patches to JavaScript in one call — numbers in a Uint32Array, strings in one string — and copies a subtree whose shape it already built with cloneNode instead of building it again (template cloning, as Solid, Leptos and Dioxus do)." }
                    </p>
                    <div class="row-buttons" role="group" aria-label="Step mode">
                        <button type="button" class="button" id="vdom-reset" onclick={on_reset}>{ "Reset" }</button>
                        <button type="button" class="button primary" id="vdom-step" disabled={s.applied >= step_total} onclick={on_step}>{ "Step" }</button>
                        <button type="button" class="button" id="vdom-apply-all" disabled={s.applied >= step_total} onclick={on_apply_all}>{ "Apply all" }</button>
                        <span id="vdom-step-status" aria-live="polite">{ format!("{} of {step_total} applied", s.applied) }</span>
                    </div>
                    <div class="live-host" ref={host}></div>
                    { for ours_verdict }
                    <h4>{ "DOM calls made" }</h4>
                    { counts_table }
                    <h4>{ "Changes seen by a MutationObserver" }</h4>
                    { mutations_table(&s.observed, "vdom-ours-observed") }
                </section>
                <section class="card" aria-labelledby="vdom-yew-title">
                    <h3 id="vdom-yew-title">{ "Yew (the same tree as yew::Html)" }</h3>
                    if let Some(pair) = &pair {
                        <YewPane key={pair.generation.to_string()} before={pair.before.clone()} after={pair.after.clone()} expected={AttrValue::from(pair.after_html.clone())} />
                    }
                </section>
            </div>
            <section class="card" aria-labelledby="vdom-bench-title">
                <h3 id="vdom-bench-title">{ "Measured: js-framework-benchmark operations on 1,000 keyed rows" }</h3>
                <p class="note">
                    { "Each operation is done three ways. Ours (WASM): diff the current virtual table against the next one and replay the patches with the batched patcher; create and replace-all build the next table from fresh rows, the other operations flip between two tables built before timing, so their time is exactly diff + patch. " }
                    { "Yew (WASM, rows ending in /yew): a keyed Yew component given the new rows as props, rendered at once with yew::scheduler::flush. " }
                    { "JS: the same operation as js-framework-benchmark's vanilla-js entry writes it (cloneNode of a row template, direct insertBefore/removeChild). Operations that would change the table size undo themselves in the same step, on every side." }
                </p>
                <p class="note">
                    { "Rows named …/1000 time the script alone, on tables outside the page. Rows named …/1000+layout put every table in the page and make the browser recompute style and layout after each update (by reading offsetHeight): what js-framework-benchmark counts, except paint, and what a person waits for. " }
                    { "Script alone shows the price of a virtual DOM on small updates: the vanilla code touches two rows, a diff compares all 1,000. Counted with the browser's own work, that price becomes a small part of the whole. Whichever wins, the numbers are what this browser measured." }
                </p>
                <BenchPanel make_cases={Callback::from(|_| dom_vdom::bench_cases())} />
            </section>
            <SourceView path="src/lab/vdom/diff.rs" region="keyed-diff" summary="Show the Rust: the keyed diff" />
            <SourceView path="src/lab/vdom/diff.rs" region="lis" summary="Show the Rust: longest increasing subsequence" />
            <SourceView path="src/web/vdom.rs" region="batched" summary="Show the Rust: the batched patcher and its templates" />
            <SourceView path="src/web/vdom.rs" summary="Show the Rust: the whole DOM side (web-sys, Yew, benchmarks)" />
        </section>
    }
}

/// The MutationObserver tally as a small table (the same one under both panes).
fn mutations_table(m: &Mutations, id: &'static str) -> Html {
    html! {
        <table class="counts" aria-label="DOM changes seen by a MutationObserver">
            <tbody>
                <tr><td>{ "nodes added" }</td><td>{ m.added }</td></tr>
                <tr><td>{ "nodes removed" }</td><td>{ m.removed }</td></tr>
                <tr><td>{ "attribute changes" }</td><td>{ m.attributes }</td></tr>
                <tr><td>{ "text changes" }</td><td>{ m.texts }</td></tr>
                <tr><td><strong>{ "total changes observed" }</strong></td><td id={id}><strong>{ m.total() }</strong></td></tr>
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct YewPaneProps {
    before: Rc<VNode>,
    after: Rc<VNode>,
    expected: AttrValue,
}

/// Yew renders "before", then re-renders with "after", so Yew's own diff patches the same
/// change our patcher does; afterwards the pane checks its DOM against `render_html(after)`.
#[component]
fn YewPane(props: &YewPaneProps) -> Html {
    let showing_after = use_state(|| false);
    let verdict = use_state(|| None::<bool>);
    let observed = use_state(|| None::<Mutations>);
    let watch = use_mut_ref(|| None::<Watch>);
    let node = use_node_ref();
    {
        // "before" is on the page: start watching, then let Yew render "after".
        let (showing_after, node, watch) = (showing_after.clone(), node.clone(), watch.clone());
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<Element>() {
                *watch.borrow_mut() = Watch::start(&el).ok();
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
            if *after && let Some(el) = node.cast::<Element>() {
                verdict.set(Some(el.inner_html() == *expected));
                if let Some(watch) = watch.borrow_mut().take() {
                    observed.set(Some(watch.take()));
                }
            }
        });
    }
    let html = use_memo(
        (props.before.clone(), props.after.clone(), *showing_after),
        |(before, after, showing_after)| {
            dom_vdom::to_yew(if *showing_after { after } else { before })
        },
    );
    html! {
        <>
            <p class="note">{ if *showing_after { "Rendered before, then after: Yew patched its own DOM." } else { "Rendering before…" } }</p>
            <div class="live" id="vdom-yew" ref={node}>{ (*html).clone() }</div>
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
