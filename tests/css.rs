//! The static CSS convention (docs/CSS.md), checked: every CSS file under `src/app` is
//! inlined into index.html, a page's file styles only that page (every rule under the
//! class the shell puts on its panel), a converted page has no runtime styles left, and
//! the runtime styling crate goes once no page uses it.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_with(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_with(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().display().to_string()
}

/// The `href`s of index.html's `<link data-trunk rel="inline">` elements, in order.
fn inlined() -> Vec<String> {
    let html = std::fs::read_to_string(root().join("index.html")).unwrap();
    html.split("<link")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap_or(tag.len())])
        .filter(|tag| tag.contains("rel=\"inline\""))
        .filter_map(|tag| {
            let start = tag.find("href=\"")? + 6;
            let end = start + tag[start..].find('"')?;
            Some(tag[start..end].to_string())
        })
        .collect()
}

#[test]
fn every_css_file_of_the_app_is_inlined_after_the_global_one() {
    let inlined = inlined();
    assert_eq!(
        inlined.first().map(String::as_str),
        Some("assets/style.css"),
        "the global styles (theme variables) come first"
    );
    let mut css = Vec::new();
    files_with(&root().join("src/app"), "css", &mut css);
    assert!(!css.is_empty());
    for file in css {
        let name = relative(&file);
        assert!(
            inlined.contains(&name),
            "{name} is not inlined: add <link data-trunk rel=\"inline\" href=\"{name}\"> to index.html"
        );
    }
    for href in &inlined {
        assert!(
            root().join(href).exists(),
            "index.html inlines {href}, which does not exist"
        );
    }
}

/// The selectors (or at-rule preludes) of the rules at the top level of `css`, and of
/// the rules directly inside a top-level `@media`/`@supports`/`@container`/`@layer`.
fn top_level_preludes(css: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    text.push_str(rest);

    let mut preludes = Vec::new();
    // (depth at which the current block's rules are "top level")
    let mut groups: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '{' => {
                let prelude = current.trim().to_string();
                let top = depth == 0 || groups.last() == Some(&depth);
                if top {
                    let grouping = ["@media", "@supports", "@container", "@layer"]
                        .iter()
                        .any(|at| prelude.starts_with(at));
                    if grouping {
                        groups.push(depth + 1);
                    } else {
                        preludes.push(prelude);
                    }
                }
                depth += 1;
                current.clear();
            }
            '}' => {
                if groups.last() == Some(&depth) {
                    groups.pop();
                }
                depth = depth.saturating_sub(1);
                current.clear();
            }
            ';' => current.clear(),
            _ => current.push(c),
        }
    }
    preludes
}

fn scoping_problems(css: &str, id: &str) -> Vec<String> {
    let class = format!(".tab-{id}");
    let mut problems = Vec::new();
    for prelude in top_level_preludes(css) {
        if let Some(name) = prelude.strip_prefix("@keyframes") {
            // Animation names are global: a page prefixes its own.
            if !name.trim().starts_with(&format!("{id}-")) {
                problems.push(format!("@keyframes{name} must be named {id}-…"));
            }
            continue;
        }
        if prelude.starts_with("@font-face") {
            continue;
        }
        for selector in prelude.split(',') {
            let selector = selector.trim();
            let scoped = selector.strip_prefix(&class).is_some_and(|after| {
                !after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
            });
            if !scoped {
                problems.push(format!("`{selector}` is not under {class}"));
            }
        }
    }
    problems
}

#[test]
fn a_pages_styles_apply_only_on_that_page() {
    let mut css = Vec::new();
    files_with(&root().join("src/app/tabs"), "css", &mut css);
    let mut problems = Vec::new();
    for file in css {
        let name = relative(&file);
        let id = file
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            file.file_name().and_then(|n| n.to_str()),
            Some("style.css"),
            "{name}: a page's styles are in src/app/tabs/<page>/style.css"
        );
        let text = std::fs::read_to_string(&file).unwrap();
        problems.extend(
            scoping_problems(&text, &id)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scoping_check_catches_what_it_should() {
    let good = ".tab-x { & .a { color: red; } @media (max-width: 1px) { & .b { x: y; } } }\n\
                @media print { .tab-x .c { x: y; } }\n@keyframes x-pulse { from { x: y; } }";
    assert_eq!(scoping_problems(good, "x"), Vec::<String>::new());
    assert_eq!(scoping_problems(".tab-x, .a { }", "x").len(), 1);
    assert_eq!(scoping_problems(".tab-xy { }", "x").len(), 1);
    assert_eq!(scoping_problems("@media print { .a { } }", "x").len(), 1);
    assert_eq!(scoping_problems("@keyframes pulse { }", "x").len(), 1);
    assert_eq!(
        scoping_problems("/* .a { } */ .tab-x:hover { }", "x").len(),
        0
    );
}

#[test]
fn a_page_with_static_styles_has_no_runtime_styles_left() {
    let mut css = Vec::new();
    files_with(&root().join("src/app/tabs"), "css", &mut css);
    for file in css {
        let dir = file.parent().unwrap();
        let mut sources = Vec::new();
        files_with(dir, "rs", &mut sources);
        for source in sources {
            let text = std::fs::read_to_string(&source).unwrap();
            assert!(
                !text.contains("use_style!") && !text.contains("stylist"),
                "{} still uses stylist beside {}",
                relative(&source),
                relative(&file)
            );
        }
    }
}

#[test]
fn stylist_is_a_dependency_only_while_some_page_uses_it() {
    let mut sources = Vec::new();
    files_with(&root().join("src"), "rs", &mut sources);
    let used = sources
        .iter()
        .any(|s| std::fs::read_to_string(s).unwrap().contains("stylist"));
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let listed = manifest
        .lines()
        .any(|l| l.trim_start().starts_with("stylist"));
    assert!(
        used || !listed,
        "no page uses stylist any more: remove it from Cargo.toml (and Cargo.lock)"
    );
}
