//! The WebAssembly reader, `lab::wasm`: `parse`, `inspect`, `annotate` and `disassemble`
//! on any bytes, on known valid modules with edits, and on large regular modules.
//!
//! Input: a first byte, whose low two bits choose how the rest becomes a module (as it
//! is; a known module and edits; a module grown from a repeated piece, up to 64 KB) and
//! whose top bits choose the byte window `annotate` describes
//! (`wasm_playground_fuzz::wasm::input` says how).
//!
//! Laws:
//! - never a panic, and work linear in the length (a slow input is a finding);
//! - an error's offset is inside the file or at its end (a file cut short), and it has
//!   a message; `parse`, `inspect` and `annotate` stop at the same error;
//! - a module that reads starts with `\0asm` version 1; its sections are in file order
//!   and tile the file from byte 8 to its end, the known ones in the format's order, at
//!   most once each and named by their id; its byte totals add up to the file; defined
//!   functions are numbered right after the imported ones, and their bodies lie in the
//!   code section, in order, without overlapping;
//! - every defined function disassembles: its instructions tile the body after the
//!   local declarations and the last one is `end`; `disassemble` (which reads the module
//!   again) gives the same text; an imported or missing function is an error;
//! - `annotate`: every span lies in the file, touches the window and nests in the ones
//!   around it (its depth counts them); the outermost spans tile a module that reads; a
//!   window's spans are the whole file's spans that touch it, with the same depths;
//! - against the production crates (the agreement the tests check on sampled input):
//!   what lab::wasm reads, wasmparser reads; what wasmparser reads as WebAssembly 2.0 in
//!   the covered proposals, lab::wasm reads the same (sections, imports, exports, bodies,
//!   names), with the instruction text wasmprinter prints.
#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::wasm::{
    Annotations, ExternKind, ModuleInfo, Span, WasmError, annotate, disassemble, inspect, parse,
};
use wasm_playground_fuzz::wasm::{HEADER, input};
use wasm_playground_fuzz::wasm_common;

/// The known sections in the order the format requires (the custom section, id 0, can be
/// anywhere).
const ORDER: [(u8, &str); 13] = [
    (1, "type"),
    (2, "import"),
    (3, "function"),
    (4, "table"),
    (5, "memory"),
    (13, "tag"),
    (6, "global"),
    (7, "export"),
    (8, "start"),
    (9, "element"),
    (12, "datacount"),
    (10, "code"),
    (11, "data"),
];

fuzz_target!(|data: &[u8]| {
    let input = input(data);
    let bytes = &input.bytes[..];
    let read = inspect(bytes);
    assert_eq!(parse(bytes), read.clone().map(|info| info.module));
    let whole = annotate(bytes, 0..bytes.len());
    check_spans(bytes, &whole, 0..bytes.len());
    let notes = if input.window == (0..bytes.len()) {
        whole.clone()
    } else {
        let notes = annotate(bytes, input.window.clone());
        check_spans(bytes, &notes, input.window.clone());
        let touching = whole.spans.iter().filter(|s| touches(s, &input.window));
        assert!(
            notes.spans.iter().eq(touching),
            "the spans of window {:?} are not the whole file's spans that touch it",
            input.window
        );
        notes
    };
    match &read {
        Ok(info) => {
            assert_eq!(whole.error, None, "annotate stops where inspect reads on");
            check_module(bytes, info);
            check_tiling(bytes, &whole);
        }
        Err(error) => {
            check_error(bytes, error);
            assert_eq!(
                whole.error.as_ref(),
                Some(error),
                "annotate and inspect differ"
            );
            assert_eq!(
                notes.error.as_ref(),
                Some(error),
                "annotate and inspect differ"
            );
        }
    }
    wasm_common::check(bytes, true);
});

fn check_error(bytes: &[u8], error: &WasmError) {
    assert!(
        error.offset <= bytes.len(),
        "error at {} in a file of {} bytes: {error}",
        error.offset,
        bytes.len()
    );
    assert!(!error.message.is_empty(), "an error without a message");
}

fn touches(span: &Span, window: &Range<usize>) -> bool {
    span.start < window.end && span.end > window.start
}

/// Spans lie in the file, touch the window, and nest: sorted outermost first, each one
/// ends inside the spans still open around it, and its depth is their number.
fn check_spans(bytes: &[u8], notes: &Annotations, window: Range<usize>) {
    let mut open: Vec<usize> = Vec::new();
    for s in &notes.spans {
        assert!(
            s.start < s.end && s.end <= bytes.len(),
            "{s:?} is not in the file"
        );
        assert!(
            touches(s, &window),
            "{s:?} is outside the window {window:?}"
        );
        assert!(!s.label.is_empty(), "{s:?} has no label");
        while open.last().is_some_and(|&end| end <= s.start) {
            open.pop();
        }
        if let Some(&end) = open.last() {
            assert!(s.end <= end, "{s:?} overlaps the span around it (to {end})");
        }
        assert_eq!(usize::from(s.depth), open.len(), "depth of {s:?}");
        open.push(s.end);
    }
    if let Some(error) = &notes.error {
        check_error(bytes, error);
    }
}

/// The outermost spans of a module that reads cover every byte once: magic, version,
/// then each section.
fn check_tiling(bytes: &[u8], notes: &Annotations) {
    let mut at = 0;
    for s in notes.spans.iter().filter(|s| s.depth == 0) {
        assert_eq!(
            s.start, at,
            "the outermost spans leave a gap or overlap at {at}"
        );
        at = s.end;
    }
    assert_eq!(at, bytes.len(), "the outermost spans stop at {at}");
}

fn check_module(bytes: &[u8], info: &ModuleInfo) {
    let module = &info.module;
    assert_eq!(bytes.get(..8), Some(&HEADER[..]), "read without the header");
    assert_eq!(module.version, 1);
    // Sections: in order, tiling the file after the header.
    let mut at = 8;
    let mut last_rank = None;
    for s in &module.sections {
        assert_eq!(
            s.offset, at,
            "section {s:?} does not start where the last one ended"
        );
        assert_eq!(
            bytes.get(s.offset),
            Some(&s.id),
            "{s:?} is not at its id byte"
        );
        at = s.offset + s.size;
        if s.id == 0 {
            continue;
        }
        let rank = ORDER.iter().position(|&(id, _)| id == s.id);
        let Some(rank) = rank else {
            panic!("unknown section {s:?} read");
        };
        assert_eq!(
            s.name, ORDER[rank].1,
            "section id {} is called {}",
            s.id, s.name
        );
        assert!(
            last_rank.is_none_or(|last| rank > last),
            "section {} is out of order or repeated",
            s.name
        );
        last_rank = Some(rank);
    }
    assert_eq!(at, bytes.len(), "the sections stop at {at}");
    assert_eq!(info.byte_totals().total(), bytes.len());
    // Functions: numbered after the imports, bodies in order inside the code section.
    let imported = module
        .imports
        .iter()
        .filter(|i| i.kind == ExternKind::Func)
        .count();
    assert_eq!(info.imported_functions as usize, imported);
    assert_eq!(info.bodies.len(), module.functions.len());
    let code = module.sections.iter().find(|s| s.id == 10);
    let mut end_of_last = code.map_or(0, |c| c.offset);
    for (k, f) in module.functions.iter().enumerate() {
        assert_eq!(
            f.index as usize,
            imported + k,
            "function {k} is numbered {}",
            f.index
        );
        let Some(code) = code else {
            panic!(
                "function {} has a body but there is no code section",
                f.index
            );
        };
        assert!(
            f.body_offset >= end_of_last && f.body_offset + f.body_size <= code.offset + code.size,
            "body of function {} at {}+{} overlaps or is outside the code section {code:?}",
            f.index,
            f.body_offset,
            f.body_size
        );
        end_of_last = f.body_offset + f.body_size;
        check_body(bytes, info, k);
    }
    // The free function reads the module again: the same text for the last function, an
    // error for an imported one and for one past the end.
    if let Some(last) = module.functions.last() {
        assert_eq!(
            disassemble(bytes, last.index),
            info.disassemble(bytes, last.index)
        );
    }
    if imported > 0 {
        let error = disassemble(bytes, 0).expect_err("an imported function disassembles");
        check_error(bytes, &error);
    }
    let past = u32::try_from(imported + module.functions.len()).unwrap_or(u32::MAX);
    let error = disassemble(bytes, past).expect_err("a missing function disassembles");
    check_error(bytes, &error);
    for export in 0..module.exports.len() {
        if let Some(ty) = info.export_type(export) {
            assert!(!info.extern_text(&ty).is_empty());
        }
    }
    let largest = info.largest_functions(3);
    assert!(largest.windows(2).all(|w| w[0].body_size >= w[1].body_size));
}

/// A body's instructions follow each other from the first after the locals to the body's
/// last byte, which is the final `end`.
fn check_body(bytes: &[u8], info: &ModuleInfo, k: usize) {
    let f = &info.module.functions[k];
    let body = &info.bodies[k];
    let instructions = match info.instructions(bytes, f.index) {
        Ok(list) => list,
        Err(error) => panic!("function {} of a module that reads: {error}", f.index),
    };
    assert!(
        body.code_offset >= f.body_offset,
        "function {}: code before its body",
        f.index
    );
    let mut at = body.code_offset;
    for ins in &instructions {
        assert_eq!(
            ins.offset, at,
            "function {}: instruction {ins:?} is not next",
            f.index
        );
        assert!(ins.size > 0 && !ins.text.is_empty(), "{ins:?}");
        at += ins.size;
    }
    assert_eq!(
        at,
        f.body_offset + f.body_size,
        "function {}: instructions stop at {at}",
        f.index
    );
    assert_eq!(instructions.len(), body.instruction_count as usize);
    assert_eq!(instructions.last().map(|i| i.text.as_str()), Some("end"));
}
