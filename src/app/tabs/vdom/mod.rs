//! The Virtual DOM tab (`#/vdom`): type two trees, see the patch list that turns one into
//! the other, watch our patcher replay it on the real DOM (one step at a time if you
//! like) next to Yew rendering the same tree, and time diff+patch against vanilla JS.
//!
//! | section | component |
//! |---|---|
//! | the two editors, presets, list buttons, what the preview allows | [`editors::Editors`] |
//! | the patch list and `render_html(after)` | [`patches::PatchList`] |
//! | our patcher's live pane, Step / Reset / Apply all | [`ours::OurPane`] |
//! | Yew's live pane | [`yew_pane::YewPane`] |
//! | the benchmark | [`measured::Measured`] |
//!
//! The markup work (presets, parsing for the panes, list rewrites) is in
//! `lab::vdom::editor`; the live DOM in `web::vdom`.

mod editors;
mod measured;
mod ours;
mod patches;
mod rules;
mod yew_pane;
pub mod yew_side;

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::app::widgets::SourceView;
use crate::lab::vdom::editor::{ListEdit, Preset, edit_list, is_keyed_list, parse_for_preview};
use crate::lab::vdom::{Patch, Prng, VNode, count_moves, diff};
use crate::web::bench::BenchCase;

/// Every case of the tab's benchmark: ours and Yew's, each against vanilla JS.
pub fn bench_cases() -> Vec<BenchCase> {
    crate::web::vdom::bench_cases_with(&[yew_side::CONTENDER])
}

/// Adds Yew's side to the Virtual DOM group of the Bench tab's suite, which `web`
/// assembles and so cannot name Yew's side itself. Called when the app mounts.
pub fn add_bench_contenders() {
    crate::web::vdom::add_contender(yew_side::CONTENDER);
}

#[derive(Serialize, Deserialize, Default, Clone, PartialEq)]
struct VdomQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preset: Option<String>,
}

/// Two valid trees and everything derived from them.
pub(super) struct Pair {
    before: Rc<VNode>,
    after: Rc<VNode>,
    patches: Vec<Patch>,
    after_html: AttrValue,
    moves: usize,
    /// Counts up with every new pair, so panes can be keyed to remount.
    generation: u64,
}

impl PartialEq for Pair {
    /// A pair is made once per generation and never changed.
    fn eq(&self, other: &Pair) -> bool {
        self.generation == other.generation
    }
}

/// How far our patcher is through the current pair's patches, for the patch list.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Progress {
    applied: usize,
    /// The patch the last Step applied.
    last_touched: Option<usize>,
}

#[component]
pub fn VdomTab() -> Html {
    let query = use_query_state::<VdomQuery>(Route::Vdom);
    let url_preset = query.preset.as_deref().and_then(Preset::from_id);
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
    let before = use_memo((*before_text).clone(), |t| parse_for_preview(t));
    let after = use_memo((*after_text).clone(), |t| parse_for_preview(t));
    let pair = use_pair(&before, &after);
    let progress = use_state(Progress::default);

    let on_preset = {
        let (preset, before_text, after_text, query) = (
            preset.clone(),
            before_text.clone(),
            after_text.clone(),
            query.clone(),
        );
        Callback::from(move |chosen: Preset| {
            preset.set(Some(chosen));
            before_text.set(chosen.before().to_owned());
            after_text.set(chosen.after().to_owned());
            query.replace(VdomQuery {
                preset: Some(chosen.id().to_owned()),
            });
        })
    };
    // Typing makes the pair the person's own: the preset picker says "(edited)".
    let typed = |text: &UseStateHandle<String>| {
        let (text, preset) = (text.clone(), preset.clone());
        Callback::from(move |value: String| {
            text.set(value);
            preset.set(None);
        })
    };
    let on_list_edit = {
        let (after, after_text, rng) = (after.clone(), after_text.clone(), rng.clone());
        Callback::from(move |edit: ListEdit| {
            if let Ok(tree) = &*after
                && let Some(next) = edit_list(tree, edit, &mut rng.borrow_mut())
            {
                after_text.set(next.to_markup());
            }
        })
    };
    let on_after_to_before = {
        let (before_text, after_text) = (before_text.clone(), after_text.clone());
        Callback::from(move |()| before_text.set((*after_text).clone()))
    };
    let on_progress = {
        let progress = progress.clone();
        Callback::from(move |p: Progress| progress.set(p))
    };

    let before_error = before.as_ref().as_ref().err().cloned();
    let after_error = after.as_ref().as_ref().err().cloned();
    let after_is_list = after.as_ref().as_ref().is_ok_and(is_keyed_list);
    let stale = before_error.is_some() || after_error.is_some();
    html! {
        <section class="vdom">
            <h2>{ "Virtual DOM" }</h2>
            <p>
                { "A virtual DOM describes the page as plain data. When something changes, the framework builds a new description, " }
                { "compares it with the old one in Rust (" }<code>{ "diff" }</code>{ ") and sends the browser only the few operations that turn one into the other. " }
                { "In WebAssembly this matters twice: every DOM call crosses the WASM ⇄ JavaScript boundary, while comparing two trees happens in linear memory at full speed. " }
                { "Keyed children are moved the minimum number of times — the longest-increasing-subsequence trick of Vue 3 and Inferno — which is exactly what Yew and Leptos rely on for lists." }
            </p>
            <div class="split vdom-grid">
                <div class="vdom-col">
                    <editors::Editors
                        preset={*preset}
                        before_text={AttrValue::from((*before_text).clone())}
                        after_text={AttrValue::from((*after_text).clone())}
                        {before_error}
                        {after_error}
                        {after_is_list}
                        {on_preset}
                        on_before={typed(&before_text)}
                        on_after={typed(&after_text)}
                        {on_list_edit}
                        {on_after_to_before}
                    />
                </div>
                <div class="vdom-col">
                    <patches::PatchList pair={pair.clone()} progress={*progress} {stale} />
                </div>
            </div>
            <div class="split vdom-grid">
                <ours::OurPane pair={pair.clone()} {on_progress} />
                <section class="card" aria-labelledby="vdom-yew-title">
                    <h3 id="vdom-yew-title">{ "Yew (the same tree as yew::Html)" }</h3>
                    if let Some(pair) = &pair {
                        <yew_pane::YewPane key={pair.generation.to_string()} before={pair.before.clone()} after={pair.after.clone()} expected={pair.after_html.clone()} />
                    }
                </section>
            </div>
            <measured::Measured />
            <SourceView path="src/lab/vdom/diff.rs" region="keyed-diff" summary="Show the Rust: the keyed diff" />
            <SourceView path="src/lab/vdom/diff.rs" region="lis" summary="Show the Rust: longest increasing subsequence" />
            <SourceView path="src/lab/vdom/encode.rs" region="encoder" summary="Show the Rust: the batched patcher's encoder and its templates" />
            <SourceView path="src/web/vdom/patch.rs" summary="Show the Rust: the DOM side (web-sys, one call per patch list)" />
        </section>
    }
}

/// The last pair where both editors were valid: the panes keep showing it while the
/// person is in the middle of typing. A new pair gets a new generation.
#[hook]
fn use_pair(
    before: &Rc<Result<VNode, String>>,
    after: &Rc<Result<VNode, String>>,
) -> Option<Rc<Pair>> {
    let last_good = use_mut_ref(|| None::<Rc<Pair>>);
    let mut slot = last_good.borrow_mut();
    if let (Ok(b), Ok(a)) = (&**before, &**after) {
        let changed = slot
            .as_ref()
            .is_none_or(|p| *p.before != *b || *p.after != *a);
        if changed {
            let patches = diff(b, a);
            let generation = slot.as_ref().map_or(1, |p| p.generation + 1);
            *slot = Some(Rc::new(Pair {
                moves: count_moves(&patches),
                patches,
                after_html: AttrValue::from(a.render_html()),
                before: Rc::new(b.clone()),
                after: Rc::new(a.clone()),
                generation,
            }));
        }
    }
    slot.clone()
}
