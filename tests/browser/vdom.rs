//! The Virtual DOM tab and its DOM patcher in a real browser: patches replayed on live
//! nodes give exactly `render_html(after)` and what Yew renders for `after`; hostile markup
//! never reaches the document; the tab lists patches and steps through them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::app::tabs::vdom::bench_cases;
use wasm_playground::app::tabs::vdom::yew_side::{run_yew_step, to_yew};
use wasm_playground::lab::vdom::rows::{self, Prng};
use wasm_playground::lab::vdom::{VNode, diff, parse_markup_root};
use wasm_playground::web::vdom::{
    DomCounts, Mutations, TOUCHED_ATTRIBUTE, Watch, apply_patches, apply_patches_one_by_one, mount,
    run_our_step, run_vanilla_step,
};
use web_sys::Element;
use yew::prelude::*;

use crate::support::*;

const TAGS: [&str; 6] = ["div", "span", "p", "ul", "li", "b"];
const WORDS: [&str; 8] = [
    "",
    "a",
    "b & c",
    "<tag>",
    "\"q\"",
    "x y",
    "é ✓",
    "\u{a0}nbsp",
];
const ATTRS: [&str; 4] = ["class", "title", "data-x", "id"];

fn random_attrs(rng: &mut Prng) -> Vec<(String, String)> {
    let mut attrs: Vec<(String, String)> = Vec::new();
    for _ in 0..rng.index(3) {
        let name = ATTRS[rng.index(ATTRS.len())];
        if attrs.iter().all(|(n, _)| n != name) {
            attrs.push((name.to_owned(), WORDS[rng.index(WORDS.len())].to_owned()));
        }
    }
    attrs
}

/// A small random tree: elements with random attributes, text (adjacent and empty text
/// included), and child lists that are either all keyed (keys from a small shared pool, so
/// two trees share keys and moves happen) or unkeyed.
fn random_tree(rng: &mut Prng, depth: usize) -> VNode {
    let tag = TAGS[rng.index(TAGS.len())].to_owned();
    let mut children = Vec::new();
    if depth < 3 {
        let count = rng.index(6);
        let keyed = rng.below(2) == 0;
        if keyed {
            let mut keys: Vec<usize> = (0..8).collect();
            rng.shuffle(&mut keys);
            for &k in keys.iter().take(count) {
                let mut child = random_tree(rng, depth + 1);
                if let VNode::Element { key, .. } = &mut child {
                    *key = Some(format!("k{k}"));
                    children.push(child);
                } else {
                    children.push(VNode::Element {
                        tag: "li".into(),
                        key: Some(format!("k{k}")),
                        attributes: Vec::new(),
                        children: vec![child],
                    });
                }
            }
        } else {
            for _ in 0..count {
                if rng.below(3) == 0 {
                    children.push(VNode::text(WORDS[rng.index(WORDS.len())]));
                } else {
                    children.push(random_tree(rng, depth + 1));
                }
            }
        }
    } else if rng.below(2) == 0 {
        children.push(VNode::text(WORDS[rng.index(WORDS.len())]));
    }
    VNode::Element {
        tag,
        key: None,
        attributes: random_attrs(rng),
        children,
    }
}

/// `after` made from `before` by small edits, so diffs are mostly attribute, text and move
/// patches instead of replacements.
fn mutate(tree: &VNode, rng: &mut Prng) -> VNode {
    let mut next = tree.clone();
    let mut stack = vec![&mut next];
    while let Some(node) = stack.pop() {
        match node {
            VNode::Text(text) => {
                if rng.below(3) == 0 {
                    *text = WORDS[rng.index(WORDS.len())].to_owned();
                }
            }
            VNode::Element {
                attributes,
                children,
                ..
            } => {
                if rng.below(3) == 0 {
                    *attributes = random_attrs(rng);
                }
                if children.iter().all(|c| c.key().is_some()) && rng.below(2) == 0 {
                    rng.shuffle(children);
                    if !children.is_empty() && rng.below(2) == 0 {
                        let at = rng.index(children.len());
                        children.remove(at);
                    }
                }
                stack.extend(children.iter_mut());
            }
        }
    }
    next
}

fn new_div() -> Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

#[derive(Properties, PartialEq)]
struct TreeProps {
    tree: Rc<VNode>,
}

#[component]
fn Tree(props: &TreeProps) -> Html {
    to_yew(&props.tree)
}

/// What Yew renders for `tree` in a fresh root.
async fn yew_html(tree: &VNode) -> String {
    let root = new_div();
    let handle = yew::Renderer::<Tree>::with_root_and_props(
        root.clone(),
        TreeProps {
            tree: Rc::new(tree.clone()),
        },
    )
    .render();
    settle().await;
    let html = root.inner_html();
    handle.destroy();
    root.remove();
    html
}

fn patch_live(before: &VNode, after: &VNode) -> (String, DomCounts) {
    let (html, counts) = patch_live_with(apply_patches, before, after);
    // The one-call-per-DOM-operation reference patcher gives the same page.
    let (reference, _) = patch_live_with(apply_patches_one_by_one, before, after);
    assert_eq!(
        html, reference,
        "batched vs one by one: {before:?} → {after:?}"
    );
    (html, counts)
}

type Patcher = fn(
    &web_sys::Node,
    &[wasm_playground::lab::vdom::Patch],
) -> Result<DomCounts, wasm_playground::web::vdom::DomError>;

fn patch_live_with(patcher: Patcher, before: &VNode, after: &VNode) -> (String, DomCounts) {
    let container = new_div();
    mount(&container, before).unwrap();
    assert_eq!(
        container.inner_html(),
        before.render_html(),
        "built DOM of {before:?}"
    );
    let counts = patcher(&container, &diff(before, after))
        .unwrap_or_else(|e| panic!("{e} for {before:?} → {after:?}"));
    let html = container.inner_html();
    container.remove();
    (html, counts)
}

#[wasm_bindgen_test]
async fn random_pairs_patch_to_render_html_and_to_what_yew_renders() {
    let mut rng = Prng::new(20_261_124);
    for round in 0..80 {
        let before = random_tree(&mut rng, 0);
        let after = if round % 2 == 0 {
            mutate(&before, &mut rng)
        } else {
            random_tree(&mut rng, 0)
        };
        let (html, _) = patch_live(&before, &after);
        let expected = after.render_html();
        assert_eq!(html, expected, "round {round}: {before:?} → {after:?}");
        if round % 4 == 0 {
            assert_eq!(yew_html(&after).await, expected, "Yew, round {round}");
        }
    }
}

#[wasm_bindgen_test]
async fn keyed_row_operations_patch_the_live_table() {
    let mut rng = Prng::new(7);
    let base = rows::create_rows(1, 60, &mut rng);
    let cases: Vec<(&str, VNode, VNode)> = vec![
        ("create", rows::table_body(&[]), base.clone()),
        (
            "replace all",
            base.clone(),
            rows::replace_all_rows(&base, 60, &mut rng),
        ),
        ("update", base.clone(), rows::update_every_10th(&base)),
        ("swap", base.clone(), rows::swap_rows(&base, 1, 58)),
        ("remove", base.clone(), rows::remove_row(&base, 5)),
        (
            "append",
            base.clone(),
            rows::append_rows(&base, 30, &mut rng),
        ),
        ("clear", base.clone(), rows::clear_rows(&base)),
        ("shuffle", base.clone(), rows::shuffle_rows(&base, &mut rng)),
    ];
    for (name, before, after) in cases {
        let (html, counts) = patch_live(&before, &after);
        assert_eq!(html, after.render_html(), "{name}");
        if name == "swap" {
            assert_eq!(counts.moves, 2, "swapping two rows moves two nodes");
            assert_eq!(counts.create_element, 0);
        }
        if name == "remove" {
            assert_eq!(counts.total(), 1, "one removeChild");
        }
        if name == "create" || name == "replace all" {
            // The first row is built node by node and kept as a template; every other row
            // is a copy of it with its two texts set.
            assert_eq!(counts.clone, 60, "{name}: {counts:?}");
            assert_eq!(
                counts.create_element, 8,
                "{name}: one row built (tr, 4 td, 2 a, span)"
            );
            assert_eq!(counts.create_text, 2, "{name}: and its two texts");
            assert_eq!(
                counts.set_text,
                59 * 2,
                "{name}: id and label per copied row"
            );
        }
    }
    // The benchmark's own steps leave the live table equal to the virtual one.
    for (op, _) in wasm_playground::web::vdom::OPERATIONS {
        for staged in [false, true] {
            let (calls, live, expected) = run_our_step(op, staged).unwrap();
            assert_eq!(live, expected, "bench step {op}, staged {staged}");
            assert!(calls > 0, "{op} made DOM calls");
            // Yew has rendered by the time its step returns: the benchmark times real work.
            let (live, expected) = run_yew_step(op, staged).unwrap();
            // Yew writes an element's literal attributes in name order.
            let live = live.replace(
                r#"<span aria-hidden="true" class="glyphicon glyphicon-remove">"#,
                r#"<span class="glyphicon glyphicon-remove" aria-hidden="true">"#,
            );
            assert!(live == expected, "Yew bench step {op}, staged {staged}");
        }
        let js = run_vanilla_step(op, 1000).unwrap();
        assert!(js.is_finite() && js > 0.0, "vanilla {op} returned {js}");
    }
    let names: Vec<String> = bench_cases().into_iter().map(|c| c.name).collect();
    assert!(names.contains(&"vdom/swap/1000".to_string()), "{names:?}");
}

#[wasm_bindgen_test]
async fn a_patch_that_does_not_fit_is_an_error_not_a_panic() {
    let before = parse_markup_root("<ul><li>a</li></ul>").unwrap();
    let other = parse_markup_root("<ul><li>a</li><li>b</li><li>c</li></ul>").unwrap();
    let patches = diff(&other, &before); // removes children 2 and 1
    let container = new_div();
    mount(&container, &before).unwrap();
    let error = apply_patches(&container, &patches).unwrap_err();
    assert_eq!(error.patch_index, Some(0));
    assert!(error.message.contains("out of range"), "{error}");
    let reference = apply_patches_one_by_one(&container, &patches).unwrap_err();
    assert_eq!(reference, error, "both patchers report the same failure");
    container.remove();
}

fn count(selector: &str) -> u32 {
    document().query_selector_all(selector).unwrap().length()
}

fn handler_attributes(root: &Element) -> Vec<String> {
    let all = root.query_selector_all("*").unwrap();
    let mut found = Vec::new();
    for i in 0..all.length() {
        let element: Element = all.item(i).unwrap().dyn_into().unwrap();
        let names = element.get_attribute_names();
        for j in 0..names.length() {
            let name = names.get(j).as_string().unwrap_or_default();
            if name.starts_with("on") {
                found.push(format!("{} on <{}>", name, element.tag_name()));
            }
        }
    }
    found
}

#[wasm_bindgen_test]
async fn hostile_markup_never_reaches_the_document() {
    let app = Mounted::at("#/vdom?preset=text").await;
    let scripts = count("script");
    let hostile = [
        "<div><script>window.__pwned = 1</script></div>",
        "<div><img src=\"x\" onerror=\"window.__pwned = 1\"></div>",
        "<div><button onclick=\"window.__pwned = 1\">hi</button></div>",
        "<div><a href=\"javascript:window.__pwned=1\">x</a></div>",
        "<div><a href=\" JaVa&#x09;ScRiPt:alert(1)\">x</a></div>",
        "<div><iframe src=\"https://example.com\"></iframe></div>",
        "<div><object data=\"x.swf\"></object><embed src=\"x\"></div>",
    ];
    for markup in hostile {
        for editor in ["#vdom-after", "#vdom-before"] {
            type_into(&app, editor, markup);
            settle().await;
            let error = app.get(&format!("{editor}-error")).text_content().unwrap();
            assert!(
                error.contains("Not rendered, for safety"),
                "{markup} in {editor}: {error:?}"
            );
            assert_eq!(
                app.get(editor).get_attribute("aria-invalid").as_deref(),
                Some("true")
            );
            assert_eq!(count("script"), scripts, "{markup}: no new script element");
            assert_eq!(count("iframe, object, embed"), 0, "{markup}");
            assert_eq!(count("a[href^='javascript' i], a[href*='script:' i]"), 0);
            assert_eq!(
                handler_attributes(&app.root),
                Vec::<String>::new(),
                "{markup}"
            );
            // Put the editor back to valid markup for the next round.
            type_into(&app, editor, "<p>ok</p>");
            settle().await;
        }
    }
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "no hostile code ran");
}

#[wasm_bindgen_test]
async fn the_tab_lists_patches_for_a_preset_and_steps_through_them() {
    let app = Mounted::at("#/vdom?preset=page").await;
    settle().await;
    assert!(app.text().contains("Virtual DOM"));
    let list = app.get("#vdom-patches");
    let items = list.query_selector_all("li").unwrap().length();
    assert!(items >= 3, "several patches, got {items}");
    assert!(text_of(&app, "#vdom-patches").contains("set text"));
    assert!(text_of(&app, "#vdom-patches").contains("set class=\"count\""));
    assert!(text_of(&app, "#vdom-ours-verdict").contains('✓'));
    assert!(text_of(&app, "#vdom-yew-verdict").contains('✓'));
    let ours = app.get("#vdom-ours");
    let yew_pane = app.get("#vdom-yew");
    assert_eq!(ours.inner_html(), yew_pane.inner_html());

    // Step mode.
    app.get("#vdom-reset").click();
    settle().await;
    assert_eq!(
        text_of(&app, "#vdom-step-status"),
        format!("0 of {items} applied")
    );
    assert!(ours.inner_html().contains("Counter: 0"));
    app.get("#vdom-step").click();
    settle().await;
    assert_eq!(
        text_of(&app, "#vdom-step-status"),
        format!("1 of {items} applied")
    );
    assert_eq!(
        ours.query_selector_all(&format!("[{TOUCHED_ATTRIBUTE}]"))
            .unwrap()
            .length(),
        1,
        "the touched node is highlighted"
    );
    assert!(list.query_selector("li.current").unwrap().is_some());
    app.get("#vdom-apply-all").click();
    settle().await;
    assert_eq!(
        text_of(&app, "#vdom-step-status"),
        format!("{items} of {items} applied")
    );
    assert!(
        ours.query_selector(&format!("[{TOUCHED_ATTRIBUTE}]"))
            .unwrap()
            .is_none()
    );
    assert!(text_of(&app, "#vdom-ours-verdict").contains('✓'));
    assert_eq!(ours.inner_html(), yew_pane.inner_html());
}

#[wasm_bindgen_test]
async fn keyed_list_buttons_rewrite_after_and_moves_are_minimal() {
    let app = Mounted::at("#/vdom?preset=keyed").await;
    settle().await;
    // The preset: a c d b e x h g from a b c d e f g h: two moves (b, and h/g).
    assert!(text_of(&app, "#vdom-summary").contains("2 moves"));
    // Remove f, move two, insert x: a MutationObserver sees 3 nodes out and 3 in.
    assert_eq!(text_of(&app, "#vdom-ours-observed"), "6");
    let yew_changes: u32 = text_of(&app, "#vdom-yew-observed").parse().unwrap();
    assert!(
        yew_changes >= 4,
        "Yew removed f and inserted x at least: {yew_changes}"
    );
    app.get("#vdom-reverse").click();
    settle().await;
    let tree = parse_markup_root(&value_of(&app, "#vdom-after")).unwrap();
    let keys: Vec<&str> = tree.children().iter().filter_map(VNode::key).collect();
    assert_eq!(keys, ["g", "h", "x", "e", "b", "d", "c", "a"]);
    assert!(text_of(&app, "#vdom-ours-verdict").contains('✓'));
    assert!(text_of(&app, "#vdom-yew-verdict").contains('✓'));
    app.get("#vdom-insert").click();
    settle().await;
    app.get("#vdom-remove").click();
    settle().await;
    app.get("#vdom-shuffle").click();
    settle().await;
    app.get("#vdom-swap").click();
    settle().await;
    assert!(text_of(&app, "#vdom-ours-verdict").contains('✓'));
    assert_eq!(
        app.get("#vdom-ours").inner_html(),
        app.get("#vdom-yew").inner_html()
    );
}

#[wasm_bindgen_test]
async fn a_parse_error_names_line_and_column_and_keeps_the_panes() {
    let app = Mounted::at("#/vdom?preset=page").await;
    settle().await;
    let ours_before = app.get("#vdom-ours").inner_html();
    type_into(&app, "#vdom-after", "<div>\n  <span></div>");
    settle().await;
    assert_eq!(
        value_of(&app, "#vdom-preset"),
        "",
        "the picker says (edited)"
    );
    let error = text_of(&app, "#vdom-after-error");
    assert!(error.contains("Line 2, column 9"), "{error}");
    assert_eq!(app.get("#vdom-ours").inner_html(), ours_before);
    assert!(app.text().contains("last valid pair"));
}

#[wasm_bindgen_test]
async fn a_preset_link_followed_while_the_tab_is_open_loads_that_preset() {
    let app = Mounted::at("#/vdom?preset=page").await;
    settle().await;
    assert!(text_of(&app, "#vdom-summary").contains("0 moves"));
    set_hash("#/vdom?preset=keyed");
    settle().await;
    settle().await;
    assert!(text_of(&app, "#vdom-summary").contains("2 moves"));
    let select: web_sys::HtmlSelectElement = app.get("#vdom-preset").dyn_into().unwrap();
    assert_eq!(select.value(), "keyed");
    // Choosing a preset puts it in the URL.
    select.set_value("attributes");
    fire(&select, "change");
    settle().await;
    assert!(hash().contains("preset=attributes"), "{}", hash());
    assert!(text_of(&app, "#vdom-patches").contains("remove attribute title"));
}

#[wasm_bindgen_test]
async fn every_benchmark_case_runs_on_both_sides() {
    let cases = bench_cases();
    assert_eq!(
        cases.len(),
        28,
        "seven operations, ours and Yew's, script only and with layout"
    );
    for mut case in cases {
        let name = case.name.trim_end_matches("/yew");
        assert!(
            name.starts_with("vdom/")
                && (name.ends_with("/1000") || name.ends_with("/1000+layout")),
            "{}",
            case.name
        );
        case.config = wasm_playground::web::bench::BenchConfig {
            warmup_ms: 0.0,
            min_sample_ms: 0.0,
            samples: 2,
            max_iterations: 1,
        };
        let result = wasm_playground::web::bench::run_case(&case).await;
        assert!(result.is_ok(), "{}: {result:?}", case.name);
    }
    // Dropping the cases takes their staged tables out of the document again.
    assert_eq!(count("[data-bench-stage]"), 0);
}

#[wasm_bindgen_test]
async fn batched_patches_copy_only_subtrees_of_the_same_shape_and_keep_every_text() {
    let before = parse_markup_root("<ul></ul>").unwrap();
    // Same shape as the first item except where noted; texts with accents, an emoji
    // (two UTF-16 units) and markup characters check the string offsets.
    let after = parse_markup_root(concat!(
        "<ul>",
        "<li class=\"a\"><b>x</b> one</li>",
        "<li class=\"b\"><b>y</b> two</li>", // another attribute value: built
        "<li class=\"a\"><b>x</b> one</li>", // the template itself: no text set
        "<li class=\"a\"><b>é ✓ 😀</b> &lt;3&gt;</li>", // copied, both texts set
        "<li class=\"a\"><b></b> one</li>",  // no text in <b>: another shape
        "<li class=\"a\"><b>😀😀</b> z</li>",
        "</ul>"
    ))
    .unwrap();
    let (html, counts) = patch_live(&before, &after);
    assert_eq!(html, after.render_html());
    // Kept as templates: the first item, the class="b" one and the empty-<b> one; copied:
    // items 3, 4 and 6.
    assert_eq!(counts.clone, 3 + 3, "{counts:?}");
    assert_eq!(counts.set_text, 4, "{counts:?}");
}

#[wasm_bindgen_test]
async fn a_watch_counts_changes_handed_to_the_observer_before_it_is_read() {
    let div = new_div();
    let watch = Watch::start(&div).unwrap();
    div.set_attribute("title", "x").unwrap();
    div.append_child(&document().create_text_node("t")).unwrap();
    // The browser hands these records to the observer's callback at the next microtask
    // checkpoint, as it does while Yew renders; they must still be counted.
    settle().await;
    div.set_attribute("title", "y").unwrap();
    assert_eq!(
        watch.take(),
        Mutations {
            added: 1,
            removed: 0,
            attributes: 2,
            texts: 0
        }
    );
    assert_eq!(
        watch.take(),
        Mutations::default(),
        "each change is read once"
    );
    div.remove();
}

#[wasm_bindgen_test]
async fn on_arrival_both_panes_show_their_changes_and_step_is_ready() {
    for preset in ["page", "keyed", "attributes", "text"] {
        let app = Mounted::at(&format!("#/vdom?preset={preset}")).await;
        let yew: u32 = wait_for_text(&app, "#vdom-yew-observed", |t| !t.is_empty())
            .await
            .parse()
            .unwrap();
        let ours: u32 = text_of(&app, "#vdom-ours-observed").parse().unwrap();
        assert!(ours > 0 && yew > 0, "{preset}: ours {ours}, Yew {yew}");
        if preset == "page" {
            // Two texts, one attribute, one new item: four changes that any renderer makes
            // (Yew makes a few more: it fills a new element after inserting it).
            assert_eq!(ours, 4);
            assert!(yew >= 4, "Yew: {yew}");
        }
        // Both panes show "after", and Step starts again from "before".
        let total = app
            .root
            .query_selector_all("#vdom-patches li")
            .unwrap()
            .length();
        assert_eq!(
            text_of(&app, "#vdom-step-status"),
            format!("{total} of {total} applied")
        );
        assert!(
            text_of(&app, "#vdom-step-hint").contains("starts again from Before"),
            "{preset}"
        );
        let step = app.get("#vdom-step");
        assert!(!step.has_attribute("disabled"), "{preset}: Step is ready");
        step.click();
        settle().await;
        assert_eq!(
            text_of(&app, "#vdom-step-status"),
            format!("1 of {total} applied"),
            "{preset}"
        );
        assert!(
            app.get("#vdom-patches")
                .query_selector("li.current")
                .unwrap()
                .is_some()
        );
    }
}

#[wasm_bindgen_test]
async fn markup_that_could_leave_its_pane_is_refused_and_the_rules_are_on_the_page() {
    let app = Mounted::at("#/vdom?preset=text").await;
    settle().await;
    let top_layer = [
        "<div><div popover=\"manual\" id=\"p\">x</div></div>",
        "<div><button popovertarget=\"p\">open</button></div>",
        "<div><button commandfor=\"d\" command=\"show-modal\">open</button><dialog id=\"d\">x</dialog></div>",
    ];
    for markup in top_layer {
        type_into(&app, "#vdom-after", markup);
        settle().await;
        let error = text_of(&app, "#vdom-after-error");
        assert!(
            error.contains("keep the preview in its pane"),
            "{markup}: {error:?}"
        );
        assert_eq!(
            count("[popover], [popovertarget], [commandfor], dialog"),
            0,
            "{markup}"
        );
    }
    // Positioning is the panes' CSS's to contain, not a reason to refuse.
    type_into(
        &app,
        "#vdom-after",
        "<div style=\"position:fixed;inset:0;z-index:99999\">x</div>",
    );
    settle().await;
    assert_eq!(text_of(&app, "#vdom-after-error"), "");
    assert!(
        app.get("#vdom-ours")
            .inner_html()
            .contains("position:fixed")
    );
    let rules = text_of(&app, "#vdom-preview-rules");
    for said in [
        "script",
        "style attributes included",
        "popover",
        "cannot leave",
    ] {
        assert!(rules.contains(said), "the rules say {said:?}: {rules}");
    }
}

#[wasm_bindgen_test]
async fn the_page_names_the_tutorial_not_the_seed_and_explains_the_parse_back_check() {
    let app = Mounted::at("#/vdom?preset=page").await;
    settle().await;
    let options = app
        .get("#vdom-preset")
        .query_selector_all("option")
        .unwrap();
    let titles: Vec<String> = (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|o| o.text_content())
        .collect();
    assert!(
        titles.iter().any(|t| t == "The tutorial's page"),
        "{titles:?}"
    );
    assert!(
        !app.text().to_lowercase().contains("seed"),
        "{}",
        app.text()
    );
    assert_eq!(
        text_of(&app, "#vdom-mxss"),
        "Before rendering, we also check that the HTML we write would be read back by a browser as exactly this tree — an <img> inside <svg>, a <div> inside <p> or text inside an SVG <style> would be rebuilt differently — so no markup can turn into live script when it is parsed again (mutation XSS)."
    );
    assert_eq!(
        app.get("#vdom-mxss")
            .query_selector_all("code")
            .unwrap()
            .length(),
        5
    );
}
