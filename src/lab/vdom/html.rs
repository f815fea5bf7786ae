//! HTML output: the standard's fragment serialization (`render_html`) and the editor's
//! markup form (`to_markup`).

use super::VNode;
use super::build::{
    is_raw_text_element, is_text_only_element, is_valid_attribute_name, is_valid_tag_name,
    is_void_element, raw_text_problem,
};
use super::namespace::{Namespace, Parent, namespace_of};

/// Escapes text for a text node: `&` `<` `>` and U+00A0, as the standard's "escaping a
/// string" does outside attribute mode.
fn escape_text(text: &str, out: &mut String) {
    escape(text, out, false);
}

/// Escapes an attribute value: `&` `"` `<` `>` and U+00A0. Escaping `<` and `>` in
/// attributes is the current standard (2025; html5ever 0.40 and browsers follow it), added
/// so that a serialized attribute can never look like a tag to a naive scanner.
fn escape_attribute(value: &str, out: &mut String) {
    escape(value, out, true);
}

fn escape(text: &str, out: &mut String, attribute_mode: bool) {
    let mut rest = text;
    // Copy untouched runs in one go; most text has nothing to escape.
    while let Some(at) =
        rest.find(|c| matches!(c, '&' | '<' | '>' | '\u{a0}') || (attribute_mode && c == '"'))
    {
        let (plain, tail) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = tail.chars();
        let replacement = match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('"') => "&quot;",
            _ => "&nbsp;",
        };
        out.push_str(replacement);
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// How [`write_tree`] writes: the standard's serialization, or the editor's markup.
#[derive(Clone, Copy)]
struct Style {
    /// Write `key="…"` as the first attribute (markup only).
    keys: bool,
    /// Put element-only children on their own indented lines (markup only).
    pretty: bool,
}

/// Deepest level that still gets more indentation in [`VNode::to_markup`].
const MAX_INDENT: usize = 32;

fn write_tree(root: &VNode, style: Style, out: &mut String) {
    enum Step<'a> {
        Node {
            node: &'a VNode,
            level: usize,
            own_line: bool,
            /// The element written around it (`None` at the top), which decides the
            /// namespace the parser gives it.
            parent: Option<Parent<'a>>,
        },
        End {
            tag: &'a str,
            level: usize,
            own_line: bool,
        },
    }
    let mut work = vec![Step::Node {
        node: root,
        level: 0,
        own_line: false,
        parent: None,
    }];
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        // Indentation stops growing at MAX_INDENT levels: past that it only makes the text
        // quadratic in the depth.
        for _ in 0..level.min(MAX_INDENT) {
            out.push_str("  ");
        }
    };
    while let Some(step) = work.pop() {
        let (node, level, own_line, parent) = match step {
            Step::End {
                tag,
                level,
                own_line,
            } => {
                if own_line {
                    newline(out, level);
                }
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
                continue;
            }
            Step::Node {
                node,
                level,
                own_line,
                parent,
            } => (node, level, own_line, parent),
        };
        if own_line {
            newline(out, level);
        }
        let (tag, key, attributes, children) = match node {
            VNode::Text(text) => {
                escape_text(text, out);
                continue;
            }
            VNode::Element {
                tag,
                key,
                attributes,
                children,
            } => (tag, key, attributes, children),
        };
        if !is_valid_tag_name(tag) {
            // A name that cannot be written (only possible in a tree built by hand) must
            // not leak into the markup: `<img src=x onerror=…>` as a "tag name" would become
            // a real element. Write the children in its place instead.
            work.extend(children.iter().rev().map(|child| Step::Node {
                node: child,
                level,
                own_line,
                parent,
            }));
            continue;
        }
        // Void and raw text are properties of HTML elements only: inside SVG and MathML a
        // `<source>` needs its end tag and the text of a `<style>` or `<xmp>` is parsed as
        // markup, so it must be escaped like any text.
        let namespace = namespace_of(parent, tag);
        let html = namespace == Namespace::Html;
        let me = Some(Parent {
            namespace,
            tag,
            attributes,
        });
        out.push('<');
        out.push_str(tag);
        if style.keys
            && let Some(key) = key
        {
            out.push_str(" key=\"");
            escape_attribute(key, out);
            out.push('"');
        }
        for (name, value) in attributes {
            if !is_valid_attribute_name(name) {
                continue;
            }
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_attribute(value, out);
            out.push('"');
        }
        out.push('>');
        if html && is_void_element(tag) {
            // The standard skips a void element's children (the parser could not put
            // them back inside it anyway).
            continue;
        }
        if html && is_raw_text_element(tag) {
            let all_text = children.iter().all(|c| c.as_text().is_some());
            let text: String = children.iter().filter_map(VNode::as_text).collect();
            if all_text && raw_text_problem(tag, &text).is_ok() {
                out.push_str(&text);
            } else {
                // A hand-built tree whose raw text would end the element early: written
                // literally, the rest would be parsed as markup. Escaped, it stays inert
                // text; element children cannot exist here and are left out.
                escape_text(&text, out);
            }
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
            continue;
        }
        let children_on_lines = style.pretty
            && !children.is_empty()
            && !(html && is_text_only_element(tag))
            && children.iter().all(|c| c.tag().is_some());
        work.push(Step::End {
            tag,
            level,
            own_line: children_on_lines,
        });
        work.extend(children.iter().rev().map(|child| Step::Node {
            node: child,
            level: level + 1,
            own_line: children_on_lines,
            parent: me,
        }));
    }
}

impl VNode {
    /// This node as HTML — its `outerHTML`: the HTML standard's fragment serialization
    /// algorithm applied to a parent that holds just this node.
    ///
    /// * Elements: `<tag name="value" …>`, children, `</tag>`. Every element gets an end
    ///   tag, even when empty: never `<div/>`, which a browser reads as an *open* `<div>`.
    /// * Void elements (`area base br col embed hr img input link meta source track wbr`,
    ///   and the legacy `basefont bgsound frame keygen param`): the start tag only; their
    ///   children, if a hand-built tree has any, are skipped as the standard says.
    /// * Text: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, U+00A0 → `&nbsp;`.
    /// * Attribute values, always in double quotes: `&` `"` `<` `>` U+00A0 →
    ///   `&amp;` `&quot;` `&lt;` `&gt;` `&nbsp;`.
    /// * Text inside `script style xmp iframe noembed noframes noscript plaintext` is
    ///   written literally (`noscript` because browsers parse with scripting enabled).
    /// * Void and raw-text elements are HTML elements only. Inside `<svg>` and `<math>`
    ///   (outside their HTML integration points: SVG `foreignObject`, `desc`, `title`;
    ///   MathML `mi mo mn ms mtext`, `annotation-xml` with an HTML `encoding`) every
    ///   element gets an end tag and text is escaped even inside `<style>` or `<xmp>`,
    ///   because the parser reads it there as markup. The namespace of each element is
    ///   worked out from its ancestors exactly as the HTML parser does.
    /// * The key is not an attribute and is not written.
    ///
    /// What the builder refuses cannot appear in its trees, but a tree assembled by hand
    /// can hold anything; so that such a tree never turns into markup that means something
    /// else, an invalid attribute name is left out, an element with an invalid tag name is
    /// replaced by its children, and raw text that would close its element early is
    /// escaped like ordinary text instead of written literally.
    ///
    /// Not checked: content-model fix-ups a parser applies (`<p>` inside `<p>`, table
    /// structure, `\r` → `\n`, U+0000 removal), so text and nesting round-trip through a
    /// real parser only when they are valid HTML to begin with.
    ///
    /// Iterative: any depth is fine.
    ///
    /// ```
    /// use wasm_playground::lab::vdom::VNode;
    /// let node = VNode::element("p")
    ///     .attr("title", "a \"quote\" <b>")
    ///     .child(VNode::text("1 < 2 & 3"))
    ///     .child(VNode::element("br").build())
    ///     .child(VNode::element("div").build())
    ///     .build();
    /// assert_eq!(
    ///     node.render_html(),
    ///     r#"<p title="a &quot;quote&quot; &lt;b&gt;">1 &lt; 2 &amp; 3<br><div></div></p>"#
    /// );
    /// ```
    pub fn render_html(&self) -> String {
        let mut out = String::new();
        write_tree(
            self,
            Style {
                keys: false,
                pretty: false,
            },
            &mut out,
        );
        out
    }

    /// This node as markup for the tab's editors: like [`VNode::render_html`], but keys are
    /// written as a `key="…"` attribute (first, before the others) and an element whose
    /// children are all elements puts each child on its own line, indented two spaces per
    /// level (up to 32 levels; deeper lines keep that indentation). [`super::parse_markup_root`] reads it back into the same tree, because it
    /// drops whitespace-only text that contains a line break.
    pub fn to_markup(&self) -> String {
        let mut out = String::new();
        write_tree(
            self,
            Style {
                keys: true,
                pretty: true,
            },
            &mut out,
        );
        out
    }
}
