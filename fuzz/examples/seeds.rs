//! Writes the seed corpora: `cargo run --example seeds -- DIR` fills `DIR/<target>/`.
//!
//! Seeds come from the project itself, so they follow it as it changes: the JSON
//! fixtures and sample generators, the Virtual DOM tab's presets, the sheet sample, the
//! Strings tab's samples, saved states and drawings made by the lab's own code. Samples
//! that live in browser-only modules (`src/app`, `src/web`) are read from their source
//! text; a file that moved only costs its seeds, never the run.
//!
//! Text seeds are plain text (no `0xFF`, so no extras); the wasm seeds are the project's
//! modules and large regular ones in that target's input form. The structured targets
//! (json_value, vdom_safe, vdom_diff, image) start from nothing and need no seeds.

use std::fs;
use std::path::{Path, PathBuf};

use wasm_playground::lab::canvas::{Canvas, commands_to_json, stress_scene};
use wasm_playground::lab::json::{gen_canada, gen_citm, gen_twitter};
use wasm_playground::lab::signals::sheet::Sheet;
use wasm_playground::lab::state::ModuleState;
use wasm_playground::lab::vdom::{Prng, rows};
use wasm_playground_fuzz::wasm::{Growth, Shape, encode_grown, known_modules, mode};

/// Seeds much longer than this slow every mutation down; the fuzzer grows inputs itself.
/// (The committed hello module, 13 KB, fits: it is what a real Rust build writes.)
const MAX_SEED: usize = 16 * 1024;

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "seeds".into()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut total = 0;
    let text = |seeds: Vec<String>| seeds.into_iter().map(String::into_bytes).collect();
    for (target, seeds) in [
        ("json_text", text(json_seeds(&root))),
        ("markup", text(markup_seeds(&root))),
        ("sheet", text(sheet_seeds(&root))),
        ("email", text(email_seeds(&root))),
        ("numbers", text(number_seeds(&root))),
        ("state", text(state_seeds())),
        ("canvas", text(canvas_seeds())),
        ("wasm", wasm_seeds()),
    ] {
        let seeds: Vec<Vec<u8>> = seeds;
        let dir = out.join(target);
        let _ = fs::remove_dir_all(&dir);
        if let Err(e) = fs::create_dir_all(&dir) {
            eprintln!("seeds: cannot create {}: {e}", dir.display());
            std::process::exit(1);
        }
        let mut written = 0;
        for (i, seed) in seeds.iter().enumerate() {
            if seed.len() > MAX_SEED {
                continue;
            }
            if fs::write(dir.join(format!("seed-{i:04}")), seed).is_ok() {
                written += 1;
            }
        }
        total += written;
        println!("seeds: {written:5} for {target}");
    }
    println!("seeds: {total} in all, in {}", out.display());
}

fn read(root: &Path, path: &str) -> String {
    fs::read_to_string(root.join(path)).unwrap_or_else(|_| {
        eprintln!("seeds: {path} not found, its samples are skipped");
        String::new()
    })
}

/// The Rust string literals in `src` (plain `"…"` ones, escapes decoded), skipping
/// comments and character literals. Enough for sample tables; not a Rust lexer.
fn string_literals(src: &str) -> Vec<String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                        match chars.get(i) {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some('r') => s.push('\r'),
                            Some('0') => s.push('\0'),
                            Some('u') => {
                                let end = (i..chars.len()).find(|&j| chars[j] == '}').unwrap_or(i);
                                let hex: String = chars[i + 2..end].iter().collect();
                                if let Some(c) =
                                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                {
                                    s.push(c);
                                }
                                i = end;
                            }
                            // A line continuation: the break and the next line's indent go.
                            Some('\n') => {
                                while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                    i += 1;
                                }
                            }
                            Some(&c) => s.push(c),
                            None => {}
                        }
                    } else {
                        s.push(chars[i]);
                    }
                    i += 1;
                }
                out.push(s);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The literals between `start` and the next line that is only `end`.
fn literals_in_block(src: &str, start: &str, end: &str) -> Vec<String> {
    let Some(from) = src.find(start) else {
        return Vec::new();
    };
    let rest = &src[from..];
    let to = rest.find(&format!("\n{end}")).unwrap_or(rest.len());
    string_literals(&rest[..to])
}

fn json_seeds(root: &Path) -> Vec<String> {
    let mut seeds = Vec::new();
    // The Node-checked corpus: "<%-escaped JSON text> TAB <verdict>".
    for line in read(root, "tests/fixtures/json/corpus.tsv").lines() {
        if let Some((text, _)) = line.split_once('\t') {
            seeds.push(unpercent(text));
        }
    }
    for line in read(root, "tests/fixtures/json/numparse.tsv").lines() {
        if let Some((number, _)) = line.split_once('\t') {
            seeds.push(number.to_owned());
        }
    }
    for line in read(root, "tests/fixtures/json/strings.tsv").lines() {
        if let Some((_, quoted)) = line.split_once('\t') {
            seeds.push(quoted.to_owned());
        }
    }
    for scale in [0.0005, 0.002] {
        seeds.push(gen_canada(scale));
        seeds.push(gen_citm(scale));
        seeds.push(gen_twitter(scale));
    }
    seeds
}

fn unpercent(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = text
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn markup_seeds(root: &Path) -> Vec<String> {
    // The tab's presets are the literals of its source that are markup.
    let mut seeds: Vec<String> = string_literals(&read(root, "src/app/tabs/vdom.rs"))
        .into_iter()
        .filter(|s| s.starts_with('<') && s.ends_with('>') && s.len() > 10)
        .collect();
    let mut rng = Prng::new(7);
    seeds.push(rows::create_rows(1, 5, &mut rng).to_markup());
    seeds.push(rows::create_rows(1, 5, &mut rng).render_html());
    seeds.extend(
        [
            "<ul>\n  <li key=\"a\">A &amp; B</li>\n  <li key=\"b\">x &#x2713; &copy;</li>\n</ul>",
            "<div><textarea>&lt;b&gt;</textarea><title>a &amp; b</title></div>",
            "<div><xmp><i>&amp;</i></xmp><noscript><p>x</p></noscript></div>",
            "<p>a<!-- note -->b<br/>c</p>",
            "<svg viewBox=\"0 0 10 10\"><circle cx=5 cy=5 r=4 fill='red'></circle></svg>",
            "<math><mi>x</mi><mo>=</mo><mn>1</mn></math>",
            "<a href=\"https://example.com\" title=x>link</a>",
            "<div data-x=1 aria-label='y' hidden>z</div>",
        ]
        .map(str::to_owned),
    );
    seeds
}

fn sheet_seeds(root: &Path) -> Vec<String> {
    let mut seeds = Vec::new();
    // The tab's sample sheet, as a link.
    let literals = literals_in_block(&read(root, "src/web/signals.rs"), "pub const SAMPLE", "];");
    let sheet = Sheet::default();
    let edits: Vec<_> = literals
        .chunks_exact(2)
        .filter_map(|pair| sheet.cell(&pair[0]).ok().map(|c| (c, pair[1].as_str())))
        .collect();
    if sheet.set_many(&edits).is_ok() {
        seeds.push(sheet.to_compact());
    }
    seeds.extend(
        [
            "s1;10x20;A1=1;B1==A1*2;C3=semi\\scolon",
            "s1;3x4",
            "s1;4x4;A1=1;A2=2;A3==SUM(A1:A2);B1==A3/0;B2==B3+1;B3==B2;C1==AVG(A1:B3, 2)",
            "s1;5x5;A1=a\\nb\\tc\\\\d;B1= 7 ;C1==MIN(A1:E5);D1==MAX(A1:C1);E1==COUNT(A1:D1)",
            "s1;2x2;A1==-(-(1+2)*3)/4e2;B2==1e308*10",
        ]
        .map(str::to_owned),
    );
    seeds
}

fn email_seeds(root: &Path) -> Vec<String> {
    let mut seeds: Vec<String> = literals_in_block(
        &read(root, "src/app/tabs/strings/email.rs"),
        "const SAMPLES",
        "];",
    )
    .into_iter()
    .skip(1)
    .step_by(2)
    .collect();
    // The batch checker's "tricky" list, one paste.
    let tricky = literals_in_block(
        &read(root, "src/app/tabs/strings/batch.rs"),
        "const TRICKY",
        ");",
    );
    seeds.push(tricky.concat());
    seeds
}

fn number_seeds(root: &Path) -> Vec<String> {
    let mut seeds: Vec<String> = literals_in_block(
        &read(root, "src/app/tabs/strings/numbers.rs"),
        "const SAMPLES",
        "];",
    )
    .into_iter()
    .skip(1)
    .step_by(2)
    .collect();
    seeds.extend([" +0042 ", "-0", "1e3", "12 345", "٣"].map(str::to_owned));
    seeds
}

fn state_seeds() -> Vec<String> {
    let mut state = ModuleState::new();
    state.set_counter(3);
    state.add_item("milk".to_owned());
    state.add_item("say \"hi\"\n\u{1F600}".to_owned());
    let _ = state.set_score("ann".to_owned(), 9.5);
    let _ = state.set_score("bob".to_owned(), -2.0);
    let _ = state.set_score("zoë".to_owned(), 1.358522895511529e-64);
    let mut seeds = vec![
        state.to_json(),
        state.to_json_pretty(),
        ModuleState::new().to_json(),
        "{\"version\":1,\"counter\":0,\"items\":[],\"scores\":[[\"ann\",9.5]]}".to_owned(),
        "{\"version\":2}".to_owned(),
    ];
    let _ = state.add_many("Item", 20);
    seeds.push(state.to_json());
    seeds
}

fn canvas_seeds() -> Vec<String> {
    let mut drawings = vec![stress_scene(4, 64, 64, 1), stress_scene(20, 64, 64, 2)];
    let mut canvas = Canvas::new(64, 64);
    let _ = canvas.set_fill_color("teal");
    canvas.rect(4.0, 4.0, 20.0, 10.0);
    let _ = canvas.set_stroke_color("rgb(255 0 0 / 50%)");
    let _ = canvas.set_line_width(3.0);
    canvas.line(0.0, 0.0, 60.0, 50.0);
    canvas.stroke_circle(32.0, 32.0, 12.0);
    canvas.polyline(&[(5.0, 60.0), (20.0, 40.0), (35.0, 60.0), (50.0, 40.0)]);
    canvas.text("Hi!", 8.0, 40.0);
    drawings.push(canvas.into_commands());
    drawings
        .iter()
        .filter_map(|commands| commands_to_json(commands).ok())
        .collect()
}

fn wasm_seeds() -> Vec<Vec<u8>> {
    let raw = |window: u8, module: &[u8]| {
        let mut seed = vec![mode(Shape::Raw) | window << 2];
        seed.extend_from_slice(module);
        seed
    };
    // The hello module, the test suite's WAT modules, and a window into the middle of
    // the hello module.
    let known = known_modules();
    let mut seeds: Vec<Vec<u8>> = known.iter().map(|m| raw(0, m)).collect();
    if let Some(hello) = known.first() {
        seeds.push(raw(40, hello));
    }
    // A known module with one edit: module 0 (hello), edit 5 (write a LEB128 number) at
    // byte 9 (the first section's size), 2³¹ − 1.
    let mut edited = vec![mode(Shape::Edited), 0, 5];
    edited.extend(9u16.to_le_bytes());
    edited.extend(0x7FFF_FFFFu32.to_le_bytes());
    seeds.push(edited);
    // Large regular modules: deep nesting, long straight code, many sections, many
    // entries of the sections that hold lists.
    let type_section = [1, 4, 1, 0x60, 0, 0];
    let memory_section = [5, 3, 1, 0, 1];
    let n = u16::MAX;
    seeds.extend([
        // 65,535 nested blocks (as many as fit), then loops with if/else inside.
        encode_grown(Growth::Body, n, &[0], &[0x02, 0x40], &[0x0B]),
        encode_grown(
            Growth::Body,
            n,
            &[0],
            &[0x03, 0x40, 0x04, 0x40],
            &[0x05, 0x0B, 0x0B],
        ),
        // Straight-line code on three i32 locals.
        encode_grown(
            Growth::Body,
            n,
            &[1, 3, 0x7F],
            &[0x41, 0x01, 0x21, 0x00],
            &[],
        ),
        // Custom sections called "x".
        encode_grown(Growth::Sections, n, &[], &[0, 1, b'x'], &[]),
        // Types, imports, exports, data segments, function bodies.
        encode_grown(Growth::Entries, n, &[], &[1, 0x60, 1, 0x7F, 1, 0x7E], &[]),
        encode_grown(
            Growth::Entries,
            n,
            &type_section,
            &[2, 1, b'm', 1, b'f', 0, 0],
            &[],
        ),
        encode_grown(
            Growth::Entries,
            n,
            &memory_section,
            &[7, 1, b'a', 2, 0],
            &[],
        ),
        encode_grown(
            Growth::Entries,
            n,
            &memory_section,
            &[11, 0, 0x41, 0, 0x0B, 1, 0xAA],
            &[],
        ),
        encode_grown(Growth::Entries, n, &type_section, &[10, 2, 0, 0x0B], &[]),
    ]);
    seeds
}
