//! "Show the Rust" shows repository files that the build copies next to the page and
//! the viewer fetches at run time. Nothing at compile time ties a `<SourceView>` to its
//! file any more, so this test does: every use in `src/app` names a file that exists,
//! that index.html copies into the build, and a region that exists in it, with region
//! markers that the viewer reads the way their author meant.

use std::path::{Path, PathBuf};

use wasm_playground::lab::source::region;

#[derive(Debug)]
struct Use {
    /// Where the `<SourceView` is, for messages: `src/app/tabs/compute.rs:612`.
    at: String,
    path: String,
    region: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The value of `name="…"` or `name={Some("…")}` in one element's attribute text;
/// `Err` for any other form, which this test cannot read and so refuses.
fn attribute(element: &str, name: &str) -> Result<Option<String>, String> {
    let key = format!("{name}=");
    let Some(start) = element
        .match_indices(&key)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || element[..i].ends_with(char::is_whitespace))
    else {
        return Ok(None);
    };
    let rest = &element[start + key.len()..];
    let literal = if let Some(r) = rest.strip_prefix('"') {
        r
    } else if let Some(r) = rest.strip_prefix("{Some(\"") {
        r
    } else {
        return Err(format!(
            "{name} must be a string literal (`{name}=\"…\"`) so that this test can check it"
        ));
    };
    let end = literal
        .find('"')
        .ok_or_else(|| format!("unterminated {name}"))?;
    Ok(Some(literal[..end].to_string()))
}

fn uses() -> Vec<Use> {
    let mut files = Vec::new();
    rust_files(&root().join("src/app"), &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let relative = file.strip_prefix(root()).unwrap().display().to_string();
        let mut offset = 0;
        while let Some(i) = text[offset..].find("<SourceView") {
            let start = offset + i;
            offset = start + 1;
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..start].trim_start().starts_with("//") {
                continue;
            }
            let after = &text[start + "<SourceView".len()..];
            // `<SourceViewProps` and friends are not uses.
            if !after.starts_with(char::is_whitespace) {
                continue;
            }
            let end = after
                .find("/>")
                .unwrap_or_else(|| panic!("{relative}: <SourceView without `/>`"));
            let element = &after[..end];
            let line = text[..start].matches('\n').count() + 1;
            let at = format!("{relative}:{line}");
            let path = attribute(element, "path")
                .unwrap_or_else(|e| panic!("{at}: {e}"))
                .unwrap_or_else(|| panic!("{at}: <SourceView> without a path"));
            let region = attribute(element, "region").unwrap_or_else(|e| panic!("{at}: {e}"));
            found.push(Use { at, path, region });
        }
    }
    found
}

/// `(href, data-target-path)` of every `copy-dir` link in index.html.
fn copied_dirs() -> Vec<(String, String)> {
    let html = std::fs::read_to_string(root().join("index.html")).unwrap();
    html.split("<link")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap_or(tag.len())])
        .filter(|tag| tag.contains("rel=\"copy-dir\""))
        .map(|tag| {
            let value = |name: &str| {
                attribute(tag.trim(), name)
                    .unwrap_or_else(|e| panic!("index.html copy-dir: {e}"))
                    .unwrap_or_else(|| panic!("index.html copy-dir without {name}: {tag}"))
            };
            (value("href"), value("data-target-path"))
        })
        .collect()
}

#[test]
fn the_finder_sees_every_use() {
    // A parser that silently found nothing would pass every other test here.
    let uses = uses();
    assert!(
        uses.len() >= 30,
        "only {} uses found: {uses:#?}",
        uses.len()
    );
    assert!(
        uses.iter()
            .any(|u| u.path == "src/lab/compute.rs" && u.region.as_deref() == Some("naive"))
    );
}

#[test]
fn every_shown_file_and_region_exists() {
    let mut problems = Vec::new();
    for u in uses() {
        let file = root().join(&u.path);
        let Ok(text) = std::fs::read_to_string(&file) else {
            problems.push(format!("{}: {} does not exist", u.at, u.path));
            continue;
        };
        if let Some(name) = &u.region
            && region(&text, name).is_none()
        {
            problems.push(format!("{}: {} has no region “{name}”", u.at, u.path));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_shown_file_is_copied_into_the_build() {
    let dirs = copied_dirs();
    assert!(!dirs.is_empty(), "index.html copies no source directory");
    for (href, target) in &dirs {
        // The viewer asks for `source/<repository path>`.
        assert_eq!(
            target,
            &format!("source/{href}"),
            "index.html: the copy of {href} must be served at source/{href}"
        );
    }
    for u in uses() {
        assert!(
            dirs.iter()
                .any(|(href, _)| u.path.starts_with(&format!("{href}/"))),
            "{}: {} is not under a directory that index.html copies ({:?})",
            u.at,
            u.path,
            dirs.iter().map(|(h, _)| h).collect::<Vec<_>>()
        );
    }
}

/// The markers of one file: regions open with `// region: NAME` and close with the next
/// `// endregion` (what `lab::source::region` reads), so they cannot nest; each name
/// is used once and every region is closed.
fn marker_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut names = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("// region:") {
            let name = rest.trim().to_string();
            if name.is_empty() {
                problems.push(format!("line {n}: a region without a name"));
            }
            if let Some((at, outer)) = &open {
                problems.push(format!(
                    "line {n}: region “{name}” starts inside “{outer}” (line {at}); regions do not nest"
                ));
            }
            if names.contains(&name) {
                problems.push(format!("line {n}: a second region “{name}”"));
            }
            names.push(name.clone());
            open = Some((n, name));
        } else if trimmed.starts_with("// endregion") {
            if open.take().is_none() {
                problems.push(format!("line {n}: endregion without a region"));
            }
        } else if trimmed.starts_with("//region") || trimmed.starts_with("// region ") {
            problems.push(format!(
                "line {n}: looks like a region marker but is not `// region: NAME`"
            ));
        }
    }
    if let Some((at, name)) = open {
        problems.push(format!("line {at}: region “{name}” is never closed"));
    }
    problems
}

#[test]
fn region_markers_are_well_formed_in_every_shown_file() {
    let mut paths: Vec<String> = uses().into_iter().map(|u| u.path).collect();
    paths.sort();
    paths.dedup();
    let mut problems = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(root().join(&path)) else {
            continue; // reported by every_shown_file_and_region_exists
        };
        problems.extend(
            marker_problems(&text)
                .into_iter()
                .map(|p| format!("{path} {p}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_marker_check_catches_what_it_should() {
    assert!(marker_problems("// region: a\nx\n// endregion\n").is_empty());
    assert_eq!(
        marker_problems("// region: a\n// region: b\n// endregion\n").len(),
        1
    );
    assert_eq!(marker_problems("// region: a\n").len(), 1);
    assert_eq!(marker_problems("// endregion\n").len(), 1);
    assert_eq!(
        marker_problems("// region: a\n// endregion\n// region: a\n// endregion\n").len(),
        1
    );
    assert_eq!(
        marker_problems("//region: a\n// region:\n// endregion\n").len(),
        2
    );
}

#[test]
fn attributes_are_read_in_both_forms_and_others_refused() {
    assert_eq!(
        attribute(r#"path="src/a.rs" region="x""#, "region").unwrap(),
        Some("x".into())
    );
    assert_eq!(
        attribute(r#"path="src/a.rs" region={Some("x")}"#, "region").unwrap(),
        Some("x".into())
    );
    assert_eq!(attribute(r#"path="src/a.rs""#, "region").unwrap(), None);
    assert!(attribute("path={PATH}", "path").is_err());
    // `data-source-path=` is not `path=`.
    assert_eq!(attribute(r#"data-path="x""#, "path").unwrap(), None);
}
