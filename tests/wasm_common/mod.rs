//! Shared by the lab::wasm agreement tests: what wasmparser and wasmprinter say
//! about a byte string, in the shapes lab::wasm uses, and the comparison.
#![allow(dead_code)]

use std::collections::HashMap;

use wasm_playground::lab::wasm::{self, ExternKind, ModuleInfo};
use wasmparser::{
    BinaryReader, BlockType, Chunk, ElementItems, ElementKind, Encoding, HeapType, Operator,
    Parser, Payload, RefType, TypeRef, ValType, WasmFeatures,
};

/// Everything lab::wasm reports, as wasmparser reads it.
#[derive(Debug)]
pub struct Expected {
    pub sections: Vec<(u8, String, usize, usize)>,
    pub imports: Vec<(String, String, ExternKind)>,
    pub exports: Vec<(String, ExternKind, u32)>,
    /// (function index, body offset, body size, offset of the first instruction)
    pub functions: Vec<(u32, usize, usize, usize)>,
    /// Function names by the rules lab::wasm documents (first name wins; none at all
    /// if the name section cannot be read), or None without a readable section.
    pub names: HashMap<u32, String>,
    /// Err(reason) when the module uses something lab::wasm deliberately does not
    /// read (a later proposal); the module is then outside the agreement.
    pub scope: Result<(), String>,
}

fn kind(k: wasmparser::ExternalKind) -> ExternKind {
    match k {
        wasmparser::ExternalKind::Func | wasmparser::ExternalKind::FuncExact => ExternKind::Func,
        wasmparser::ExternalKind::Table => ExternKind::Table,
        wasmparser::ExternalKind::Memory => ExternKind::Memory,
        wasmparser::ExternalKind::Global => ExternKind::Global,
        wasmparser::ExternalKind::Tag => ExternKind::Tag,
    }
}

fn heap_in_scope(h: HeapType) -> Result<(), String> {
    match h {
        HeapType::Abstract { shared: true, .. } => Err("shared heap type".into()),
        HeapType::Exact(_) => Err("exact heap type".into()),
        _ => Ok(()),
    }
}

fn ref_in_scope(r: RefType) -> Result<(), String> {
    heap_in_scope(r.heap_type())
}

fn val_in_scope(v: ValType) -> Result<(), String> {
    match v {
        ValType::Ref(r) => ref_in_scope(r),
        _ => Ok(()),
    }
}

macro_rules! define_proposal_of {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        /// The proposal an operator belongs to, as wasmparser files it.
        pub fn proposal_of(op: &Operator) -> &'static str {
            match op {
                $( Operator::$op { .. } => stringify!($proposal), )*
                _ => "unknown",
            }
        }
    };
}
wasmparser::for_each_operator!(define_proposal_of);

/// The proposals whose instructions lab::wasm decodes.
pub const COVERED: [&str; 6] = [
    "mvp",
    "sign_extension",
    "saturating_float_to_int",
    "bulk_memory",
    "reference_types",
    "simd",
];

pub fn op_in_scope(op: &Operator) -> Result<(), String> {
    let p = proposal_of(op);
    if !COVERED.contains(&p) {
        return Err(format!("operator {op:?} of proposal {p}"));
    }
    // MemoryDiscard is filed under its own proposal; the rest of 0xFC is covered.
    match op {
        Operator::Block { blockty } | Operator::Loop { blockty } | Operator::If { blockty } => {
            if let BlockType::Type(v) = blockty {
                val_in_scope(*v)?;
            }
        }
        Operator::TypedSelect { ty } => val_in_scope(*ty)?,
        Operator::TypedSelectMulti { tys } => {
            for t in tys {
                val_in_scope(*t)?;
            }
        }
        Operator::RefNull { hty } => heap_in_scope(*hty)?,
        _ => {}
    }
    Ok(())
}

fn ops_in_scope(mut ops: wasmparser::OperatorsReader) -> Result<Result<(), String>, String> {
    let mut scope = Ok(());
    while !ops.eof() {
        let op = ops.read().map_err(|e| e.to_string())?;
        if scope.is_ok() {
            scope = op_in_scope(&op);
        }
    }
    ops.finish().map_err(|e| e.to_string())?;
    Ok(scope)
}

fn merge(scope: &mut Result<(), String>, other: Result<(), String>) {
    if scope.is_ok() {
        *scope = other;
    }
}

/// Reads every section, entry, local and operator with wasmparser (no validation),
/// with the given features. Err if wasmparser rejects any of it.
pub fn wasmparser_read(bytes: &[u8], features: WasmFeatures) -> Result<Expected, String> {
    let e = |e: wasmparser::BinaryReaderError| e.to_string();
    let mut out = Expected {
        sections: Vec::new(),
        imports: Vec::new(),
        exports: Vec::new(),
        functions: Vec::new(),
        names: HashMap::new(),
        scope: Ok(()),
    };
    let mut parser = Parser::new(0);
    parser.set_features(features);
    let mut offset = 0usize;
    let mut imported_funcs = 0u32;
    let mut defined = 0u32;
    let mut name_pairs: Vec<(u32, String)> = Vec::new();
    let mut names_ok = true;
    loop {
        let start = offset;
        let payload = match parser.parse(&bytes[offset..], true).map_err(e)? {
            Chunk::Parsed { consumed, payload } => {
                offset += consumed;
                payload
            }
            Chunk::NeedMoreData(_) => return Err("need more data at eof".into()),
        };
        if let Some((id, range)) = payload.as_section() {
            let name = match &payload {
                Payload::CustomSection(c) => c.name().to_string(),
                _ => match id {
                    1 => "type",
                    2 => "import",
                    3 => "function",
                    4 => "table",
                    5 => "memory",
                    6 => "global",
                    7 => "export",
                    8 => "start",
                    9 => "element",
                    10 => "code",
                    11 => "data",
                    12 => "datacount",
                    13 => "tag",
                    _ => "unknown",
                }
                .to_string(),
            };
            out.sections
                .push((id, name, start, range.end as usize - start));
        }
        match payload {
            Payload::Version { encoding, .. } if encoding != Encoding::Module => {
                out.scope = Err("component".into());
            }
            Payload::TypeSection(s) => {
                for rg in s {
                    let rg = rg.map_err(e)?;
                    for sub in rg.into_types() {
                        let ct = &sub.composite_type;
                        if ct.shared || ct.descriptor_idx.is_some() || ct.describes_idx.is_some() {
                            merge(&mut out.scope, Err("shared or descriptor type".into()));
                        }
                        match &ct.inner {
                            wasmparser::CompositeInnerType::Func(f) => {
                                for v in f.params().iter().chain(f.results()) {
                                    merge(&mut out.scope, val_in_scope(*v));
                                }
                            }
                            wasmparser::CompositeInnerType::Struct(s) => {
                                for f in s.fields.iter() {
                                    if let wasmparser::StorageType::Val(v) = f.element_type {
                                        merge(&mut out.scope, val_in_scope(v));
                                    }
                                }
                            }
                            wasmparser::CompositeInnerType::Array(a) => {
                                if let wasmparser::StorageType::Val(v) = a.0.element_type {
                                    merge(&mut out.scope, val_in_scope(v));
                                }
                            }
                            wasmparser::CompositeInnerType::Cont(_) => {
                                merge(&mut out.scope, Err("continuation type".into()))
                            }
                        }
                    }
                }
            }
            Payload::ImportSection(s) => {
                for imp in s.into_imports() {
                    let imp = imp.map_err(e)?;
                    let k = match imp.ty {
                        TypeRef::Func(_) => {
                            imported_funcs += 1;
                            ExternKind::Func
                        }
                        TypeRef::FuncExact(_) => {
                            imported_funcs += 1;
                            merge(&mut out.scope, Err("exact import".into()));
                            ExternKind::Func
                        }
                        TypeRef::Table(t) => {
                            if t.table64 || t.shared {
                                merge(&mut out.scope, Err("table64/shared".into()));
                            }
                            merge(&mut out.scope, ref_in_scope(t.element_type));
                            ExternKind::Table
                        }
                        TypeRef::Memory(m) => {
                            if m.memory64 || m.page_size_log2.is_some() {
                                merge(&mut out.scope, Err("memory64/page size".into()));
                            }
                            ExternKind::Memory
                        }
                        TypeRef::Global(g) => {
                            if g.shared {
                                merge(&mut out.scope, Err("shared global".into()));
                            }
                            merge(&mut out.scope, val_in_scope(g.content_type));
                            ExternKind::Global
                        }
                        TypeRef::Tag(_) => ExternKind::Tag,
                    };
                    out.imports
                        .push((imp.module.to_string(), imp.name.to_string(), k));
                }
            }
            Payload::FunctionSection(s) => {
                for f in s {
                    f.map_err(e)?;
                }
            }
            Payload::TableSection(s) => {
                for t in s {
                    let t = t.map_err(e)?;
                    if t.ty.table64 || t.ty.shared {
                        merge(&mut out.scope, Err("table64/shared".into()));
                    }
                    merge(&mut out.scope, ref_in_scope(t.ty.element_type));
                    if let wasmparser::TableInit::Expr(x) = t.init {
                        let s = ops_in_scope(x.get_operators_reader())?;
                        merge(&mut out.scope, s);
                    }
                }
            }
            Payload::MemorySection(s) => {
                for m in s {
                    let m = m.map_err(e)?;
                    if m.memory64 || m.page_size_log2.is_some() {
                        merge(&mut out.scope, Err("memory64/page size".into()));
                    }
                }
            }
            Payload::TagSection(s) => {
                for t in s {
                    t.map_err(e)?;
                }
            }
            Payload::GlobalSection(s) => {
                for g in s {
                    let g = g.map_err(e)?;
                    if g.ty.shared {
                        merge(&mut out.scope, Err("shared global".into()));
                    }
                    merge(&mut out.scope, val_in_scope(g.ty.content_type));
                    let s = ops_in_scope(g.init_expr.get_operators_reader())?;
                    merge(&mut out.scope, s);
                }
            }
            Payload::ExportSection(s) => {
                for x in s {
                    let x = x.map_err(e)?;
                    out.exports
                        .push((x.name.to_string(), kind(x.kind), x.index));
                }
            }
            Payload::ElementSection(s) => {
                for el in s {
                    let el = el.map_err(e)?;
                    if let ElementKind::Active { offset_expr, .. } = &el.kind {
                        let s = ops_in_scope(offset_expr.get_operators_reader())?;
                        merge(&mut out.scope, s);
                    }
                    match el.items {
                        ElementItems::Functions(r) => {
                            for f in r {
                                f.map_err(e)?;
                            }
                        }
                        ElementItems::Expressions(rt, r) => {
                            merge(&mut out.scope, ref_in_scope(rt));
                            for x in r {
                                let x = x.map_err(e)?;
                                let s = ops_in_scope(x.get_operators_reader())?;
                                merge(&mut out.scope, s);
                            }
                        }
                    }
                }
            }
            Payload::DataSection(s) => {
                for d in s {
                    let d = d.map_err(e)?;
                    if let wasmparser::DataKind::Active { offset_expr, .. } = &d.kind {
                        let s = ops_in_scope(offset_expr.get_operators_reader())?;
                        merge(&mut out.scope, s);
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                let mut locals = body.get_locals_reader().map_err(e)?;
                for _ in 0..locals.get_count() {
                    let (_, t) = locals.read().map_err(e)?;
                    merge(&mut out.scope, val_in_scope(t));
                }
                let code_at = locals.original_position() as usize;
                let s = ops_in_scope(wasmparser::OperatorsReader::new(locals.get_binary_reader()))?;
                merge(&mut out.scope, s);
                out.functions.push((
                    imported_funcs + defined,
                    range.start as usize,
                    (range.end - range.start) as usize,
                    code_at,
                ));
                defined += 1;
            }
            Payload::CustomSection(c) if c.name() == "name" => {
                if let Err(()) = read_names(c.data(), c.data_offset() as usize, &mut name_pairs) {
                    names_ok = false;
                }
            }
            Payload::UnknownSection { id, .. } => {
                merge(&mut out.scope, Err(format!("unknown section {id}")));
            }
            Payload::End(_) => break,
            _ => {}
        }
    }
    if names_ok {
        for (i, n) in name_pairs {
            out.names.entry(i).or_insert(n);
        }
    }
    Ok(out)
}

/// The `name` section by the rules lab::wasm documents, with wasmparser's readers.
fn read_names(data: &[u8], offset: usize, pairs: &mut Vec<(u32, String)>) -> Result<(), ()> {
    let mut r = BinaryReader::new(data, offset as u64);
    while !r.eof() {
        let id = r.read_u8().map_err(|_| ())?;
        if id & 0x80 != 0 {
            return Err(());
        }
        let size = r.read_var_u32().map_err(|_| ())? as usize;
        let pos = r.original_position() as usize;
        let content = r.read_bytes(size).map_err(|_| ())?;
        let sub = BinaryReader::new(content, pos as u64);
        match id {
            0 => {
                let mut s = sub;
                s.read_string().map_err(|_| ())?;
                if !s.eof() {
                    return Err(());
                }
            }
            1 => {
                for n in wasmparser::NameMap::new(sub).map_err(|_| ())? {
                    let n = n.map_err(|_| ())?;
                    pairs.push((n.index, n.name.to_string()));
                }
            }
            2 => {
                for f in wasmparser::IndirectNameMap::new(sub).map_err(|_| ())? {
                    for n in f.map_err(|_| ())?.names {
                        n.map_err(|_| ())?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Removes custom sections called "name", so that wasmprinter prints indices.
pub fn strip_names(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes[..8].to_vec();
    let mut r = BinaryReader::new(bytes, 0);
    r.read_bytes(8).expect("header");
    while !r.eof() {
        let start = r.original_position() as usize;
        let id = r.read_u8().expect("id");
        let size = r.read_var_u32().expect("size") as usize;
        let content_at = r.original_position() as usize;
        r.read_bytes(size).expect("content");
        let mut name = BinaryReader::new(&bytes[content_at..content_at + size], content_at as u64);
        if id == 0 && name.read_string().ok() == Some("name") {
            continue;
        }
        out.extend_from_slice(&bytes[start..content_at + size]);
    }
    out
}

/// Normalises a line of wasmprinter output as lab::wasm documents: comments
/// dropped, spaces collapsed.
pub fn normalise(line: &str) -> String {
    let mut s = line.to_string();
    while let Some(a) = s.find("(;") {
        match s[a..].find(";)") {
            Some(b) => s.replace_range(a..a + b + 2, ""),
            None => break,
        }
    }
    if let Some(a) = s.find(";;") {
        s.truncate(a);
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// wasmprinter's instruction lines for each defined function (by the order of
/// `functions`), normalised, with the final `end` that it leaves implicit.
pub fn printer_bodies(
    bytes: &[u8],
    functions: &[(u32, usize, usize, usize)],
) -> Result<Vec<Vec<String>>, String> {
    let stripped = strip_names(bytes);
    // Offsets move when the name section goes: map them through the removed bytes.
    let ours = wasmparser_read(&stripped, WasmFeatures::default())?;
    let mut storage = String::new();
    let mut config = wasmprinter::Config::new();
    config.features(WasmFeatures::WASM2);
    let mut lines: Vec<(usize, String)> = config
        .offsets_and_lines(&stripped, &mut storage)
        .map_err(|e| e.to_string())?
        .filter_map(|(o, l)| o.map(|o| (o as usize, normalise(l))))
        .collect();
    // Stable: lines at one offset keep their printed order.
    lines.sort_by_key(|(o, _)| *o);
    assert_eq!(ours.functions.len(), functions.len());
    let mut out = Vec::new();
    for &(_, body_at, size, code_at) in &ours.functions {
        let final_end = body_at + size - 1;
        let from = lines.partition_point(|(o, _)| *o < code_at);
        let to = lines.partition_point(|(o, _)| *o < final_end);
        let mut body: Vec<String> = lines[from..to.max(from)]
            .iter()
            .map(|(_, l)| l.clone())
            .collect();
        body.push("end".to_string());
        out.push(body);
    }
    Ok(out)
}

/// Checks lab::wasm against wasmparser (and wasmprinter) on one byte string:
/// * whatever lab::wasm accepts, wasmparser (all features, no validation) accepts;
/// * whatever wasmparser restricted to WebAssembly 2.0 accepts, and which stays in
///   the covered proposals, lab::wasm accepts, with the same sections, imports,
///   exports, functions and names, and (with `texts`) the instruction text
///   wasmprinter prints.
///
/// Returns whether the module was inside the agreement domain.
pub fn check(bytes: &[u8], texts: bool) -> bool {
    let ours = wasm::inspect(bytes);
    let lenient = wasmparser_read(bytes, WasmFeatures::default());
    if let (Ok(_), Err(why)) = (&ours, &lenient) {
        panic!("lab::wasm accepts what wasmparser rejects ({why}): {bytes:02x?}");
    }
    let strict = match wasmparser_read(bytes, WasmFeatures::WASM2) {
        Ok(x) if x.scope.is_ok() => x,
        _ => return false,
    };
    let info = match ours {
        Ok(i) => i,
        Err(e) => panic!("wasmparser accepts, lab::wasm rejects: {e}: {bytes:02x?}"),
    };
    compare(&info, &strict, bytes);
    if texts {
        compare_texts(&info, &strict, bytes);
    }
    true
}

pub fn compare(info: &ModuleInfo, exp: &Expected, bytes: &[u8]) {
    let m = &info.module;
    let sections: Vec<_> = m
        .sections
        .iter()
        .map(|s| (s.id, s.name.clone(), s.offset, s.size))
        .collect();
    assert_eq!(sections, exp.sections, "sections of {bytes:02x?}");
    let imports: Vec<_> = m
        .imports
        .iter()
        .map(|i| (i.module.clone(), i.name.clone(), i.kind))
        .collect();
    assert_eq!(imports, exp.imports, "imports");
    let exports: Vec<_> = m
        .exports
        .iter()
        .map(|x| (x.name.clone(), x.kind, x.index))
        .collect();
    assert_eq!(exports, exp.exports, "exports");
    let functions: Vec<_> = m
        .functions
        .iter()
        .zip(&info.bodies)
        .map(|(f, b)| (f.index, f.body_offset, f.body_size, b.code_offset))
        .collect();
    assert_eq!(functions, exp.functions, "functions");
    for f in &m.functions {
        assert_eq!(
            f.name.as_deref(),
            exp.names.get(&f.index).map(String::as_str),
            "name of function {}",
            f.index
        );
    }
}

pub fn compare_texts(info: &ModuleInfo, exp: &Expected, bytes: &[u8]) {
    let printed = match printer_bodies(bytes, &exp.functions) {
        Ok(p) => p,
        Err(e) => panic!("wasmprinter cannot print a module both readers accept: {e}"),
    };
    for (f, want) in info.module.functions.iter().zip(printed) {
        let got = info.disassemble(bytes, f.index).expect("disassemble");
        assert_eq!(got, want, "instructions of function {}", f.index);
    }
}

/// MVP control flow, memory, numeric constants at their edges, multi-value
/// blocks, imports and exports of every kind, segments, start.
pub const MVP: &str = r#"
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
pub const POST_MVP: &str = r#"
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
pub const SIMD: &str = r#"
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

/// A module with two types, a memory, two tables, a data count of 2 and one
/// function with the given body (locals and code).
pub fn module_with_body(body: &[u8]) -> Vec<u8> {
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
