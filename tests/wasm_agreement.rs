#![cfg(not(target_arch = "wasm32"))]
//! lab::wasm against the production crates: wasmparser reads the same sections,
//! imports, exports and function bodies, and wasmprinter prints the same
//! instruction text, on modules assembled from WAT text (every instruction family),
//! on every opcode byte with assorted immediates, and on modules this project builds.

mod wasm_common;

use wasm_common::{check, wasmparser_read};
use wasm_playground::lab::wasm::{self, ExternKind};

/// MVP control flow, memory, numeric constants at their edges, multi-value
/// blocks, imports and exports of every kind, segments, start.
const MVP: &str = r#"
(module
  (type $v (func))
  (type $pair (func (param i32 i64) (result i32 i64)))
  (type $un (func (param i32) (result i32)))
  (import "env" "alert" (func $alert (param i32)))
  (import "env" "mem" (memory 1 2))
  (import "env" "tbl" (table 2 10 funcref))
  (import "env" "g" (global $g (mut i32)))
  (import "env" "h" (global $gh f64))
  (table $t1 1 externref)
  (global $h i64 (i64.const -5))
  (global (mut f32) (f32.const 1.5))
  (global i32 (global.get $g))
  (export "h" (global $h))
  (export "run" (func $run))
  (export "mem" (memory 0))
  (export "tbl" (table 0))
  (start $start)
  (elem (i32.const 0) $run $start)
  (elem $passive func $run)
  (elem declare func $start)
  (elem (table $t1) (i32.const 0) externref (ref.null extern))
  (data (i32.const 16) "hello")
  (data $p "passive\00bytes")
  (func $start)
  (func $run (param i32) (result i32) (local i64 i64) (local f64 v128 funcref externref)
    block $b (result i32)
      loop $l
        local.get 0
        br_if $l
        local.get 0
        br_table $l $b $l
        br $b
      end
      i32.const 0
    end
    block (type $pair)
      drop
      drop
      i32.const 1
      i64.const 2
    end
    block (param i32) (result i32 i32)
      i32.const 3
    end
    block (result f64) f64.const 0 end
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end
    if
      nop
    end
    unreachable
    return
    call $alert
    call $run
    call_indirect (type $un)
    call_indirect $t1 (type $pair)
    drop
    select
    select (result i32)
    select (result f64)
    local.set 1
    local.tee 2
    global.get $g
    global.set 0
    i32.load
    i32.load offset=4294967295 align=1
    i64.load align=4
    i64.load offset=8 align=8
    f32.load offset=1
    f64.load align=2
    i32.load8_s
    i32.load8_u offset=3
    i32.load16_s align=1
    i32.load16_u
    i64.load8_s
    i64.load8_u
    i64.load16_s
    i64.load16_u
    i64.load32_s
    i64.load32_u align=2
    i32.store
    i64.store offset=100
    f32.store
    f64.store
    i32.store8
    i32.store16
    i64.store8
    i64.store16
    i64.store32
    memory.size
    memory.grow
    i32.const 0
    i32.const -1
    i32.const 2147483647
    i32.const -2147483648
    i64.const 9223372036854775807
    i64.const -9223372036854775808
    i64.const 624485
    f32.const 0
    f32.const -0
    f32.const 1.5
    f32.const 0.1
    f32.const 0x1p-149
    f32.const 0x1.fffffep+127
    f32.const 0x1p-126
    f32.const 0x0.8p-126
    f32.const inf
    f32.const -inf
    f32.const nan
    f32.const -nan
    f32.const nan:0x1
    f32.const nan:0x200000
    f64.const 0
    f64.const -0.1
    f64.const 0x1p-1074
    f64.const 0x1.fffffffffffffp+1023
    f64.const 1e300
    f64.const inf
    f64.const nan:0x8000000000000
    f64.const -nan:0x1234
    i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
    i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
    f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
    i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
    i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
    i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
    i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
    f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul
    f32.div f32.min f32.max f32.copysign
    f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul
    f64.div f64.min f64.max f64.copysign
    i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u
    i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s
    i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u
    f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u
    f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32
    f64.reinterpret_i64
  )
)
"#;

/// Sign extension, saturating conversions, bulk memory, reference types.
const POST_MVP: &str = r#"
(module
  (type $v (func))
  (memory 1)
  (table $a 2 funcref)
  (table $b 2 funcref)
  (table $c 1 externref)
  (elem $e0 func 0)
  (elem $e1 func 0 0)
  (data $d0 "x")
  (data $d1 "yz")
  (func (local funcref externref)
    i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s
    i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u
    i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u
    memory.init $d1
    memory.init $d0
    data.drop $d1
    memory.copy
    memory.fill
    table.init $e1
    table.init $b $e0
    table.init $c $e1
    elem.drop $e1
    table.copy
    table.copy $b $a
    table.copy $a $b
    table.grow $a
    table.grow $c
    table.size $b
    table.fill $c
    table.get $a
    table.set $c
    ref.null func
    ref.null extern
    ref.is_null
    ref.func 0
    select (result funcref)
    select (result externref)
    block (result externref) ref.null extern end
  )
)
"#;

/// SIMD: every immediate shape (memory arguments, lanes, constants, shuffles).
const SIMD: &str = r#"
(module
  (memory 1)
  (func (param v128) (result v128) (local v128)
    v128.load
    v128.load offset=16 align=1
    v128.load8x8_s v128.load8x8_u align=2 v128.load16x4_s v128.load16x4_u
    v128.load32x2_s v128.load32x2_u offset=7
    v128.load8_splat v128.load16_splat v128.load32_splat align=1 v128.load64_splat
    v128.store offset=3 align=4
    v128.const i32x4 1 2 3 4
    v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 127
    v128.const f32x4 1.5 -0 nan inf
    v128.const f64x2 0.1 -2
    v128.const i64x2 -1 9223372036854775807
    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
    i8x16.swizzle
    i8x16.extract_lane_s 15 i8x16.extract_lane_u 0 i8x16.replace_lane 7
    i16x8.extract_lane_s 7 i16x8.extract_lane_u 1 i16x8.replace_lane 2
    i32x4.extract_lane 3 i32x4.replace_lane 0
    i64x2.extract_lane 1 i64x2.replace_lane 0
    f32x4.extract_lane 2 f32x4.replace_lane 3
    f64x2.extract_lane 0 f64x2.replace_lane 1
    v128.load8_lane 0
    v128.load16_lane offset=2 align=1 7
    v128.load32_lane align=4 3
    v128.load64_lane offset=8 1
    v128.store8_lane offset=1 15
    v128.store16_lane 0
    v128.store32_lane align=1 2
    v128.store64_lane 0
    v128.load32_zero offset=4
    v128.load64_zero align=4
    i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat
    i8x16.eq i16x8.lt_u i32x4.ge_s i64x2.le_s f32x4.gt f64x2.ne
    v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true
    i8x16.popcnt i16x8.q15mulr_sat_s i32x4.dot_i16x8_s i64x2.extmul_high_i32x4_u
    f32x4.demote_f64x2_zero f64x2.promote_low_f32x4 f32x4.pmin f64x2.pmax
    i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s
  )
)
"#;

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

/// A module with two types, a memory, two tables, a data count of 2 and one
/// function with the given body (locals and code).
fn module_with_body(body: &[u8]) -> Vec<u8> {
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    let section = |m: &mut Vec<u8>, id: u8, content: &[u8]| {
        m.push(id);
        m.extend(wasm::leb128::write_u64(content.len() as u64));
        m.extend_from_slice(content);
    };
    // (func) and (func (param i32 i64) (result f32))
    section(&mut m, 1, &[2, 0x60, 0, 0, 0x60, 2, 0x7F, 0x7E, 1, 0x7D]);
    section(&mut m, 3, &[1, 0]);
    section(&mut m, 4, &[2, 0x70, 0, 1, 0x6F, 0, 1]);
    section(&mut m, 5, &[1, 0, 1]);
    section(&mut m, 12, &[2]);
    let mut code = vec![1];
    code.extend(wasm::leb128::write_u64(body.len() as u64));
    code.extend_from_slice(body);
    section(&mut m, 10, &code);
    section(&mut m, 11, &[2, 1, 0, 1, 1, 0xAA]);
    m
}

#[cfg(any())]
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
