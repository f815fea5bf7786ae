//! What the Virtual DOM tab does with the markup in its two editors, none of which needs
//! a browser: the presets, turning text into a tree that may go into the live panes
//! ([`parse_for_preview`]), and the keyed-list rewrites of its buttons ([`edit_list`]).

use super::{UnsafeMarkup, VNode, check_safe, parse_markup_root};
use crate::lab::fmt::grouped;
use crate::lab::rng::SplitMix64;

/// Longest markup an editor accepts: the live panes and the patch list are for reading.
pub const MAX_MARKUP_CHARS: usize = 50_000;
/// Most nodes a tree may have in the live panes.
pub const MAX_NODES: usize = 3_000;

/// Attributes refused on top of [`check_safe`], because no stylesheet can keep what they
/// do inside the preview pane: each one can put an element in the browser's top layer,
/// above the whole page (a popover, or a dialog opened as modal by a command button).
pub const TOP_LAYER_ATTRIBUTES: [&str; 5] = [
    "popover",
    "popovertarget",
    "popovertargetaction",
    "commandfor",
    "command",
];

/// The tree the tab shows for `text`, or the message for the editor: markup that parses
/// ([`parse_markup_root`]), stays within [`MAX_MARKUP_CHARS`] and [`MAX_NODES`], passes
/// [`check_safe`] and carries none of the [`TOP_LAYER_ATTRIBUTES`].
pub fn parse_for_preview(text: &str) -> Result<VNode, String> {
    let chars = text.chars().count();
    if chars > MAX_MARKUP_CHARS {
        return Err(format!(
            "Too long: {} characters (the limit is {}).",
            grouped(chars),
            grouped(MAX_MARKUP_CHARS)
        ));
    }
    let tree = parse_markup_root(text)
        .map_err(|e| format!("Line {}, column {}: {}", e.line, e.column, e.message))?;
    let nodes = tree.node_count();
    if nodes > MAX_NODES {
        return Err(format!(
            "Too big for the live panes: {} nodes (the limit is {}).",
            grouped(nodes),
            grouped(MAX_NODES)
        ));
    }
    check_safe(&tree).map_err(|e| format!("Not rendered, for safety: {e}."))?;
    check_stays_in_pane(&tree)
        .map_err(|e| format!("Not rendered, to keep the preview in its pane: {e}."))?;
    Ok(tree)
}

/// Refuses the first element (in document order) with one of the
/// [`TOP_LAYER_ATTRIBUTES`], ASCII case-insensitively. Iterative: any depth.
pub fn check_stays_in_pane(tree: &VNode) -> Result<(), UnsafeMarkup> {
    let mut work: Vec<(&VNode, Vec<usize>)> = vec![(tree, Vec::new())];
    while let Some((node, path)) = work.pop() {
        let VNode::Element {
            tag,
            attributes,
            children,
            ..
        } = node
        else {
            continue;
        };
        if let Some((name, _)) = attributes.iter().find(|(name, _)| {
            TOP_LAYER_ATTRIBUTES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name))
        }) {
            return Err(UnsafeMarkup {
                path,
                tag: tag.clone(),
                attribute: Some(name.clone()),
                reason: "it can open an element above the whole page, outside the preview"
                    .to_owned(),
            });
        }
        for (i, child) in children.iter().enumerate().rev() {
            let mut child_path = path.clone();
            child_path.push(i);
            work.push((child, child_path));
        }
    }
    Ok(())
}

/// A starting pair for the editors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The small page of the tutorial these lessons answer: a heading, a counter, a list
    /// and a button, one click later.
    Page,
    /// Eight keyed items, reordered with one removed and one added.
    Keyed,
    /// The same elements with attributes added, changed and removed.
    Attributes,
    /// The same elements with new text.
    Text,
}

impl Preset {
    /// Every preset, in the picker's order.
    pub const ALL: [Preset; 4] = [
        Preset::Page,
        Preset::Keyed,
        Preset::Attributes,
        Preset::Text,
    ];

    /// Its name in the URL (`#/vdom?preset=keyed`).
    pub fn id(self) -> &'static str {
        match self {
            Preset::Page => "page",
            Preset::Keyed => "keyed",
            Preset::Attributes => "attributes",
            Preset::Text => "text",
        }
    }

    /// Its name in the picker.
    pub fn title(self) -> &'static str {
        match self {
            Preset::Page => "The tutorial's page",
            Preset::Keyed => "Keyed list",
            Preset::Attributes => "Attributes only",
            Preset::Text => "Text only",
        }
    }

    /// The preset called `id`, if any.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The "before" markup.
    pub fn before(self) -> &'static str {
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

    /// The "after" markup.
    pub fn after(self) -> &'static str {
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

/// A rewrite of a keyed list, for the buttons under the "after" editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListEdit {
    /// Every order equally likely.
    Shuffle,
    /// Last first.
    Reverse,
    /// Two different items trade places (a list of one stays as it is).
    SwapTwo,
    /// A new item with a key not used yet (`n1`, `n2`, …) at a random place.
    Insert,
    /// One item taken out at random (an empty list stays empty).
    Remove,
}

/// Whether the buttons can rewrite `tree`: an element with children that all have a key.
pub fn is_keyed_list(tree: &VNode) -> bool {
    matches!(tree, VNode::Element { .. })
        && !tree.children().is_empty()
        && tree.children().iter().all(|c| c.key().is_some())
}

/// `tree` with `edit` applied to its children; `None` when the tree is not an element
/// whose children all have keys (an element with no children is an empty list).
pub fn edit_list(tree: &VNode, edit: ListEdit, rng: &mut SplitMix64) -> Option<VNode> {
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
            let used: Vec<&str> = children.iter().filter_map(VNode::key).collect();
            let key = (1..)
                .map(|n: u32| format!("n{n}"))
                .find(|k| !used.contains(&k.as_str()))
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{count_moves, diff, keyed_list};
    use super::*;

    fn keys(tree: &VNode) -> Vec<String> {
        tree.children()
            .iter()
            .filter_map(VNode::key)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_preset_is_a_valid_pair_that_changes_something() {
        for preset in Preset::ALL {
            let before = parse_for_preview(preset.before()).unwrap();
            let after = parse_for_preview(preset.after()).unwrap();
            assert_ne!(before, after, "{preset:?}");
            assert_eq!(Preset::from_id(preset.id()), Some(preset));
            assert!(!preset.title().to_lowercase().contains("seed"));
        }
        assert_eq!(Preset::from_id("nope"), None);
        let keyed_before = parse_for_preview(Preset::Keyed.before()).unwrap();
        let keyed_after = parse_for_preview(Preset::Keyed.after()).unwrap();
        assert_eq!(count_moves(&diff(&keyed_before, &keyed_after)), 2);
        assert!(is_keyed_list(&keyed_after));
    }

    #[test]
    fn the_preview_gets_only_markup_it_can_show() {
        let long = "x".repeat(MAX_MARKUP_CHARS + 1);
        assert_eq!(
            parse_for_preview(&long).unwrap_err(),
            "Too long: 50,001 characters (the limit is 50,000)."
        );
        let big = format!("<ul>{}</ul>", "<li></li>".repeat(MAX_NODES));
        assert_eq!(
            parse_for_preview(&big).unwrap_err(),
            "Too big for the live panes: 3,001 nodes (the limit is 3,000)."
        );
        let error = parse_for_preview("<div>\n  <span></div>").unwrap_err();
        assert!(error.starts_with("Line 2, column 9: "), "{error}");
        let error = parse_for_preview("<div><script>x()</script></div>").unwrap_err();
        assert!(error.starts_with("Not rendered, for safety: "), "{error}");
        // Position, size and stacking are the pane's job (CSS containment); these are not.
        assert!(
            parse_for_preview("<div style=\"position:fixed;inset:0;z-index:99999\">x</div>")
                .is_ok()
        );
        for markup in [
            "<div><div popover=\"manual\" id=\"p\">x</div></div>",
            "<div><button popovertarget=\"p\">open</button></div>",
            "<div><button commandfor=\"d\" command=\"show-modal\">open</button><dialog id=\"d\">x</dialog></div>",
        ] {
            let error = parse_for_preview(markup).unwrap_err();
            assert!(
                error.starts_with("Not rendered, to keep the preview in its pane: refused"),
                "{markup}: {error}"
            );
        }
        let error = check_stays_in_pane(
            &parse_markup_root("<div><p>a</p><p><b popover>x</b></p></div>").unwrap(),
        )
        .unwrap_err();
        assert_eq!(error.path, [1, 0]);
        assert_eq!(error.tag, "b");
        assert_eq!(error.attribute.as_deref(), Some("popover"));
        let shouting = VNode::Element {
            tag: "div".into(),
            key: None,
            attributes: vec![("PopoverTarget".into(), "p".into())],
            children: vec![],
        };
        assert!(
            check_stays_in_pane(&shouting).is_err(),
            "names compared without case"
        );
    }

    #[test]
    fn list_edits_need_a_keyed_list() {
        let mut rng = SplitMix64::new(1);
        let text = VNode::text("x");
        assert_eq!(edit_list(&text, ListEdit::Reverse, &mut rng), None);
        let unkeyed = parse_markup_root("<ul><li>a</li></ul>").unwrap();
        assert_eq!(edit_list(&unkeyed, ListEdit::Reverse, &mut rng), None);
        assert!(!is_keyed_list(&unkeyed));
        let list = keyed_list(["a", "b", "c"]);
        let reversed = edit_list(&list, ListEdit::Reverse, &mut rng).unwrap();
        assert_eq!(keys(&reversed), ["c", "b", "a"]);
        let one = keyed_list(["a"]);
        assert_eq!(
            edit_list(&one, ListEdit::SwapTwo, &mut rng),
            Some(one.clone())
        );
        let empty = keyed_list(Vec::<String>::new());
        assert_eq!(
            edit_list(&empty, ListEdit::Remove, &mut rng),
            Some(empty.clone())
        );
        assert!(!is_keyed_list(&empty));
        let inserted = edit_list(&keyed_list(["n1", "a"]), ListEdit::Insert, &mut rng).unwrap();
        let mut got = keys(&inserted);
        got.sort();
        assert_eq!(got, ["a", "n1", "n2"], "the first unused key");
        assert!(inserted.render_html().contains("<li>New n2</li>"));
    }

    proptest! {
        #[test]
        fn list_edits_keep_keys_unique_and_change_what_they_say(
            count in 0usize..12,
            seed in any::<u64>(),
            which in 0usize..5,
        ) {
            let edit = [ListEdit::Shuffle, ListEdit::Reverse, ListEdit::SwapTwo, ListEdit::Insert, ListEdit::Remove][which];
            let list = keyed_list((0..count).map(|i| format!("k{i}")));
            let mut rng = SplitMix64::new(seed);
            let next = edit_list(&list, edit, &mut rng).unwrap();
            let (old, new) = (keys(&list), keys(&next));
            let mut unique = new.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), new.len(), "keys stay unique");
            let mut sorted_old = old.clone();
            sorted_old.sort();
            match edit {
                ListEdit::Insert => {
                    prop_assert_eq!(new.len(), old.len() + 1);
                    prop_assert!(old.iter().all(|k| new.contains(k)));
                }
                ListEdit::Remove => {
                    prop_assert_eq!(new.len(), old.len().saturating_sub(1));
                    prop_assert!(new.iter().all(|k| old.contains(k)));
                }
                _ => {
                    let mut sorted_new = new.clone();
                    sorted_new.sort();
                    prop_assert_eq!(sorted_new, sorted_old, "the same keys, reordered");
                }
            }
            if edit == ListEdit::SwapTwo && count >= 2 {
                let moved = old.iter().zip(&new).filter(|(a, b)| a != b).count();
                prop_assert_eq!(moved, 2);
            }
            if edit == ListEdit::Reverse {
                let mut reversed = old.clone();
                reversed.reverse();
                prop_assert_eq!(new, reversed);
            }
        }
    }
}
