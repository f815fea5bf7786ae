#![cfg(not(target_arch = "wasm32"))]
//! lab::wasm against the production crates: wasmparser reads the same sections,
//! imports, exports and function bodies, and wasmprinter prints the same
//! instruction text, on modules assembled from WAT text (every instruction family),
//! on every opcode byte with assorted immediates, and on modules this project builds.

mod wasm_common;

use wasm_common::{MVP, POST_MVP, SIMD, check, module_with_body, wasmparser_read};
use wasm_playground::lab::wasm::{self, ExternKind};

fn assemble(text: &str) -> Vec<u8> {
    wat::parse_str(text).expect("test WAT assembles")
}

#[test]
fn wat_modules_agree_with_wasmparser_and_wasmprinter() {
    for (name, text) in [("mvp", MVP), ("post-mvp", POST_MVP), ("simd", SIMD)] {
        let bytes = assemble(text);
        assert!(
            check(&bytes, true),
            "{name} must be inside the agreement domain"
        );
    }
}

#[test]
fn multi_value_block_prints_its_type_and_signature() {
    let bytes = assemble(MVP);
    let info = wasm::inspect(&bytes).unwrap();
    let run = info.module.functions[1].index;
    let text = info.disassemble(&bytes, run).unwrap();
    assert!(
        text.contains(&"block (type 1) (param i32 i64) (result i32 i64)".to_string()),
        "{text:?}"
    );
    assert_eq!(text.last().map(String::as_str), Some("end"));
    assert_eq!(wasm::disassemble(&bytes, run).unwrap(), text);
}

#[test]
fn imports_and_exports_have_their_types() {
    let bytes = assemble(MVP);
    let info = wasm::inspect(&bytes).unwrap();
    let imports: Vec<String> = info
        .module
        .imports
        .iter()
        .zip(&info.import_types)
        .map(|(i, t)| format!("{}.{} {}", i.module, i.name, info.extern_text(t)))
        .collect();
    assert_eq!(
        imports,
        [
            "env.alert (func (param i32))",
            "env.mem (memory 1 2)",
            "env.tbl (table 2 10 funcref)",
            "env.g (global (mut i32))",
            "env.h (global f64)",
        ]
    );
    let run = info
        .module
        .exports
        .iter()
        .position(|e| e.name == "run")
        .unwrap();
    assert_eq!(info.module.exports[run].kind, ExternKind::Func);
    let t = info.export_type(run).unwrap();
    assert_eq!(info.extern_text(&t), "(func (param i32) (result i32))");
    assert_eq!(info.start, Some(1));
    assert_eq!(
        info.globals[2].init.as_ref().unwrap().instructions,
        ["i64.const -5"]
    );
}

/// Bodies made of one opcode (every single byte, every 0xFC and 0xFD sub-opcode up
/// to past the last one) followed by immediates of several shapes: wherever
/// wasmparser with WebAssembly 2.0 reads the body, lab::wasm reads it with the same
/// text as wasmprinter, and lab::wasm never reads a body that wasmparser refuses.
#[test]
fn every_opcode_agrees() {
    let immediates: [&[u8]; 10] = [
        &[],
        &[0x40],
        &[0x7F],
        &[0x70],
        &[0x01, 0x01, 0x01, 0x01],
        &[0x03, 0xE5, 0x8E, 0x26],
        &[0x04, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x05],
        &[0x80, 0x80, 0x80, 0x80, 0x00, 0x02],
        &[0x00, 0x00, 0xC0, 0x7F, 0x00, 0x00, 0x00, 0x80],
        &[0x02, 0x01, 0x00, 0x1C, 0x01, 0x7F, 0x09, 0x41],
    ];
    let mut opcodes: Vec<Vec<u8>> = (0u8..=255).map(|b| vec![b]).collect();
    for sub in 0u32..0x20 {
        let mut op = vec![0xFC];
        op.extend(wasm::leb128::write_u64(u64::from(sub)));
        opcodes.push(op);
    }
    for sub in 0u32..0x120 {
        let mut op = vec![0xFD];
        op.extend(wasm::leb128::write_u64(u64::from(sub)));
        opcodes.push(op);
    }
    let mut covered = 0;
    let mut read_by_us = std::collections::HashSet::new();
    for op in &opcodes {
        for imm in immediates {
            for ends in 1..=3 {
                let mut code = vec![0x00]; // no locals
                code.extend_from_slice(op);
                code.extend_from_slice(imm);
                code.extend(std::iter::repeat_n(0x00, 20)); // `unreachable` padding
                code.extend(std::iter::repeat_n(0x0B, ends));
                let module = module_with_body(&code);
                if check(&module, true) {
                    covered += 1;
                    read_by_us.insert(op.clone());
                }
            }
        }
    }
    // 0x00..0xD2 less the gaps, 18 under 0xFC, 236 under 0xFD.
    assert!(
        covered > 1000,
        "only {covered} bodies were inside the domain"
    );
    let fc = read_by_us
        .iter()
        .filter(|o| o.len() > 1 && o[0] == 0xFC)
        .count();
    let fd = read_by_us
        .iter()
        .filter(|o| o.len() > 1 && o[0] == 0xFD)
        .count();
    assert_eq!(fc, 18, "0xFC sub-opcodes 0-17");
    assert_eq!(fd, 236, "every final SIMD opcode");
}

#[test]
fn the_committed_hello_module_agrees() {
    let bytes = include_bytes!("fixtures/wasm/hello_wasm_bg.wasm");
    assert!(check(bytes, true));
    let info = wasm::inspect(bytes).unwrap();
    let exports: Vec<&str> = info
        .module
        .exports
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    for name in ["add", "fibonacci", "greet", "memory"] {
        assert!(exports.contains(&name), "{name} in {exports:?}");
    }
    assert!(
        info.module
            .imports
            .iter()
            .all(|i| i.module == "./hello_wasm_bg.js")
    );
}

/// The modules of a real build: `WASM_MODULES_DIR=dist cargo test --test
/// wasm_agreement built_modules` reads every `.wasm` in that directory (the app,
/// its worker and the hello module of a release build). Without the variable the
/// test checks nothing and says so.
#[test]
fn built_modules_agree() {
    let Some(dir) = std::env::var_os("WASM_MODULES_DIR") else {
        eprintln!("WASM_MODULES_DIR is not set: no built modules checked");
        return;
    };
    let mut seen = 0;
    let mut stack = vec![std::path::PathBuf::from(&dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("WASM_MODULES_DIR is a directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "wasm") {
                let bytes = std::fs::read(&path).expect("readable .wasm");
                assert!(
                    wasmparser_read(&bytes, wasmparser::WasmFeatures::WASM2).is_ok(),
                    "{} is a WebAssembly 2.0 module",
                    path.display()
                );
                assert!(check(&bytes, true), "{} agrees", path.display());
                let info = wasm::inspect(&bytes).unwrap();
                let totals = info.byte_totals();
                assert_eq!(totals.total(), bytes.len());
                eprintln!(
                    "{}: {} bytes, {} functions, code {} data {} custom {}",
                    path.display(),
                    bytes.len(),
                    info.module.functions.len(),
                    totals.code,
                    totals.data,
                    totals.custom
                );
                seen += 1;
            }
        }
    }
    assert!(
        seen > 0,
        "no .wasm file under {}",
        std::path::Path::new(&dir).display()
    );
}
