//! Where a module's bytes go, read with the lab's own WebAssembly reader (`lab::wasm`):
//! `cargo run --release --example wasm_size -- FILE.wasm [TOP]`.
//!
//! `./dev size` runs it on a name-keeping twin of the release module (same code, plus
//! the `name` section), so every function is named: it prints the file's sections by
//! kind, the code bytes per crate or app module, and the largest functions. (In
//! production, `twiggy top` / `twiggy dominators` answer the same question with more
//! detail; this is the lesson's reader doing a real job.)

use std::collections::HashMap;
use std::process::ExitCode;

use wasm_playground::lab::fmt::{bytes, grouped};
use wasm_playground::lab::wasm;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: wasm_size FILE.wasm [TOP]");
        return ExitCode::from(2);
    };
    let top: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(15);
    let file = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let module = match wasm::parse(&file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{path}: not a module this reader can read: {e:?}");
            return ExitCode::FAILURE;
        }
    };
    let t = wasm::byte_totals(&module);
    let total = t.total().max(1);
    let line = |what: &str, n: usize| {
        println!(
            "  {what:<28} {:>12} bytes {:>10} {:>5.1} %",
            grouped(n as u64),
            bytes(n as u64),
            100.0 * n as f64 / total as f64
        )
    };
    println!(
        "{path}: {} functions",
        grouped(module.functions.len() as u64)
    );
    line("code (function bodies)", t.code);
    line("data (strings, tables)", t.data);
    line("custom (names, producers)", t.custom);
    line("other sections", t.other + t.header);

    // Code bytes by owner: the crate, or for this app the module under app/web/lab.
    let mut owners: HashMap<String, (usize, usize)> = HashMap::new();
    for f in &module.functions {
        let owner = f
            .name
            .as_deref()
            .map_or_else(|| "(no name)".to_string(), |n| owner_of(&demangled(n)));
        let entry = owners.entry(owner).or_default();
        entry.0 += f.body_size;
        entry.1 += 1;
    }
    let mut owners: Vec<_> = owners.into_iter().collect();
    owners.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    println!("  code by owner (top {top}):");
    for (owner, (size, count)) in owners.iter().take(top) {
        println!(
            "    {owner:<44} {:>10} {:>5.1} %  {} functions",
            bytes(*size as u64),
            100.0 * *size as f64 / total as f64,
            grouped(*count as u64)
        );
    }
    println!("  largest functions (top {top}):");
    for f in wasm::largest_functions(&module, top) {
        let name = f
            .name
            .as_deref()
            .map_or_else(|| "(no name)".to_string(), demangled);
        let short: String = name.chars().take(110).collect();
        println!("    {:>10}  {short}", bytes(f.body_size as u64));
    }
    ExitCode::SUCCESS
}

/// A symbol as Rust spells it, without the hash (`yew::…::view`, not `_ZN…17h…E`).
/// wasm-bindgen already demangles most names; the rest (v0 symbols) are done here.
fn demangled(name: &str) -> String {
    let name = format!("{:#}", rustc_demangle::demangle(name));
    match name.rsplit_once("::h") {
        Some((path, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            path.to_string()
        }
        _ => name,
    }
}

/// The crate a function belongs to, or `wasm_playground::<layer>::<module>` for the app's
/// own code. Generic instances are owned by the outermost path of their name:
/// `core::ptr::drop_in_place<yew::…>` counts as `core`, which is where the copy lives.
fn owner_of(name: &str) -> String {
    // Each `#[component]`'s body (its hooks and `html!`) is inlined into Yew's generic
    // `view` for that component: app code, though the symbol is Yew's.
    if name.contains("CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view") {
        return "app components (html! views, in Yew's view<COMP>)".to_string();
    }
    let name = name.trim_start_matches(['<', '&', '*', ' ']);
    let name = name.strip_prefix("mut ").unwrap_or(name);
    let path: Vec<&str> = name
        .split("::")
        .take(4)
        .map(|part| part.split(['<', ' ', '(', '{', '[']).next().unwrap_or(""))
        .collect();
    match path.as_slice() {
        ["wasm_playground", layer, module, ..] => format!("wasm_playground::{layer}::{module}"),
        // Methods of primitive and generic types (`<f64 as Display>`, `<T as Into>`).
        [first, ..] if PRIMITIVES.contains(first) => "core".to_string(),
        [first, ..] if !first.is_empty() => (*first).to_string(),
        _ => "(other)".to_string(),
    }
}

const PRIMITIVES: [&str; 19] = [
    "T", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    "f32", "f64", "bool", "char", "str", "",
];
