//! # What is inside a `.wasm` file: a reader of the WebAssembly binary format
//!
//! "WebAssembly is a binary format" sounds opaque, but the format is small and
//! regular enough to read by hand, and this module does exactly that, in plain
//! Rust, for the lab's Module tab: it takes the bytes a browser would download
//! and says what every one of them is.
//!
//! ## The layout
//!
//! ```text
//! 00 61 73 6D            magic number "\0asm"
//! 01 00 00 00            version 1 (a little-endian u32)
//! 01 07 …                section id 1 (type), size 7, then 7 bytes of content
//! 03 02 …                section id 3 (function), size 2, …
//! …
//! ```
//!
//! After the 8-byte header a module is nothing but a list of **sections**, each an
//! id byte, a size, and that many bytes. Because every section states its size, a
//! reader can skip what it does not understand, and a browser can start compiling
//! the code section while the rest is still downloading. The known sections must
//! appear in a fixed order, each at most once:
//!
//! | id | section | holds |
//! |----|---------|-------|
//! | 1  | type     | function signatures, `(param i32 i32) (result i32)` |
//! | 2  | import   | what the host (JavaScript) must provide: functions, memories, tables, globals |
//! | 3  | function | the signature (a type index) of each function defined here |
//! | 4  | table    | tables of references, e.g. for `call_indirect` (Rust's `dyn Trait`) |
//! | 5  | memory   | linear memory: its size in 64 KiB pages |
//! | 13 | tag      | exception tags |
//! | 6  | global   | global variables and their initial values (e.g. the stack pointer) |
//! | 7  | export   | what JavaScript can use: `add`, `memory`, … |
//! | 8  | start    | a function to run when the module is instantiated |
//! | 9  | element  | initial contents of tables |
//! | 12 | datacount| how many data segments follow (lets the code refer to them first) |
//! | 10 | code     | the bodies of the functions: locals, then instructions |
//! | 11 | data     | initial contents of memory: string literals, static tables |
//! | 0  | custom   | anything else, by name: `name` (debug names), `producers` (toolchain), DWARF… |
//!
//! Functions, tables, memories, globals and tags are referred to by **index**, in
//! one index space per kind where the imported ones come first: in a module that
//! imports `alert`, function 0 is `alert` and the first function of the code
//! section is function 1.
//!
//! Numbers are [LEB128](leb128): seven bits per byte, so small numbers (the vast
//! majority) take one byte.
//!
//! ## Instructions
//!
//! A function body is a list of local declarations ("3 locals of type i32"), then
//! instructions for a stack machine, each an opcode byte and its immediates:
//! `20 00` is `local.get 0`, `6A` is `i32.add`, `0B` is `end`. Blocks nest
//! (`block … end`, `if … else … end`), and a branch names its target by how many
//! blocks out it goes (`br 1`). Newer proposals that ran out of single-byte opcodes
//! use prefixes: `FC` (saturating conversions, bulk memory, table instructions) and
//! `FD` (SIMD, 128-bit vectors).
//!
//! [`disassemble`] prints the instructions in the text format, exactly as the
//! production tool `wasmprinter` (what `wasm-tools print` uses) prints them,
//! without its comments and indentation.
//!
//! ## What this reader covers
//!
//! Every section and the instruction set of WebAssembly 2.0: the MVP, sign
//! extension, saturating float-to-int conversions, bulk memory, reference types,
//! multi-value and SIMD. That is what current Rust toolchains emit. It also reads
//! the type forms of the GC proposal (`rec`, `sub`, structs, arrays) so that type
//! indices stay right. Instructions of later proposals (exceptions, tail calls,
//! GC, threads, relaxed SIMD, …) are refused with an error that names the
//! proposal, rather than misread.
//!
//! It checks what the binary format requires (section order and sizes, LEB128
//! lengths, UTF-8 names, block nesting, counts that agree) but not types:
//! validation — "does `i32.add` really find two i32s on the stack?" — is the next
//! step an engine takes, and a different lesson.
//!
//! Any byte string is safe to pass: truncated, random or hostile input gives a
//! [`WasmError`] with the offset of the problem, never a panic; the work is linear
//! in the input, and nothing is allocated from a count in the file before that
//! count is checked against the bytes that remain. Nested blocks are tracked on a
//! heap stack, not by recursion.
//!
//! ## The production crates
//!
//! Real tools use [`wasmparser`](https://docs.rs/wasmparser) (the reader inside
//! Wasmtime and most of the Rust ecosystem, with a full validator),
//! [`wasmprinter`](https://docs.rs/wasmprinter) (binary to text), and
//! [`walrus`](https://docs.rs/walrus) (a module you can transform and write back,
//! used by `wasm-bindgen`). This module's tests check it against wasmparser and
//! wasmprinter on every instruction family, on modules the project builds, and on
//! random and mutated input.

mod annotate;
pub mod boundary;
pub mod fit;
pub mod leb128;
mod module;
mod ops;
mod reader;
mod types;

#[cfg(test)]
mod tests;

use std::fmt;

pub use annotate::{Annotations, Span, SpanKind, annotate};
pub use types::{
    CompositeType, FieldType, FuncType, HeapType, RefType, StorageType, TypeDef, ValType,
};

use reader::Reader;

/// A module's sections, imports, exports and defined functions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    /// The binary format version from the header (1 for every module today).
    pub version: u32,
    /// In file order, custom sections included.
    pub sections: Vec<Section>,
    /// In file order.
    pub imports: Vec<Import>,
    /// In file order.
    pub exports: Vec<Export>,
    /// Defined functions (not imported ones), in index order.
    pub functions: Vec<Function>,
}

/// One section of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// 0 for a custom section, 1–13 for the known ones.
    pub id: u8,
    /// `"type"`, `"import"`, `"function"`, `"table"`, `"memory"`, `"global"`,
    /// `"export"`, `"start"`, `"element"`, `"code"`, `"data"`, `"datacount"`,
    /// `"tag"`, or a custom section's own name.
    pub name: String,
    /// Offset of the section's id byte.
    pub offset: usize,
    /// The whole section: id byte, size field and contents.
    pub size: usize,
}

/// Something the module needs from its host, e.g. `env.alert`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The module namespace the host looks the import up in, e.g. `env`.
    pub module: String,
    /// The item's name within that namespace, e.g. `alert`.
    pub name: String,
    /// What kind of item is imported.
    pub kind: ExternKind,
}

/// Something the module offers its host, e.g. the function `add`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// The name the host sees the item by, e.g. `add`.
    pub name: String,
    /// What kind of item is exported.
    pub kind: ExternKind,
    /// Index in the index space of `kind` (imports first).
    pub index: u32,
}

/// The kinds of things a module imports and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExternKind {
    /// A function the other side can call.
    Func,
    /// A table of references, e.g. the functions `call_indirect` may call.
    Table,
    /// A linear memory: the module's byte-addressed heap.
    Memory,
    /// A global variable holding one value.
    Global,
    /// An exception tag (exception-handling proposal).
    Tag,
}

impl ExternKind {
    /// The text format's keyword: `func`, `table`, `memory`, `global`, `tag`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExternKind::Func => "func",
            ExternKind::Table => "table",
            ExternKind::Memory => "memory",
            ExternKind::Global => "global",
            ExternKind::Tag => "tag",
        }
    }

    /// The `kind` that JavaScript's `WebAssembly.Module.imports()` and
    /// `.exports()` report: `function`, `table`, `memory`, `global`, `tag`.
    pub fn js_kind(self) -> &'static str {
        match self {
            ExternKind::Func => "function",
            other => other.as_str(),
        }
    }
}

/// A function defined in the module (it has a body in the code section).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Index in the function index space (imported functions first).
    pub index: u32,
    /// From the `name` custom section, when there is one.
    pub name: Option<String>,
    /// The body's bytes in the file, after its size field: local declarations,
    /// then instructions (the range wasmparser's `FunctionBody` reports).
    pub body_offset: usize,
    /// Length of the body in bytes, from `body_offset`.
    pub body_size: usize,
}

/// Why a byte string is not a module this reader can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WasmError {
    /// Offset in the file of the byte where the problem is.
    pub offset: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for WasmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at byte {} (0x{:x}): {}",
            self.offset, self.offset, self.message
        )
    }
}

impl std::error::Error for WasmError {}

/// A table's element type and size limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableType {
    /// Type of the references the table holds, e.g. `funcref`.
    pub element: RefType,
    /// Number of elements at instantiation.
    pub initial: u32,
    /// Most elements the table may grow to; `None` for no limit.
    pub maximum: Option<u32>,
}

/// A memory's size limits in 64 KiB pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryType {
    /// Size at instantiation, in 64 KiB pages.
    pub initial: u32,
    /// Most pages the memory may grow to; `None` for no limit.
    pub maximum: Option<u32>,
    /// Shared between threads (threads proposal).
    pub shared: bool,
}

/// A global's value type and mutability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalType {
    /// Type of the value the global holds.
    pub content: ValType,
    /// Whether `global.set` may change it (`mut`).
    pub mutable: bool,
}

/// The type of an import or export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternType {
    /// A function of this type index.
    Func(u32),
    /// A table of this element type and size limits.
    Table(TableType),
    /// A memory with these limits.
    Memory(MemoryType),
    /// A global of this value type and mutability.
    Global(GlobalType),
    /// An exception tag whose parameters are this function type index.
    Tag(u32),
}

/// A constant expression: an initial value or a segment offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstExpr {
    /// Offset of the expression's first byte in the file.
    pub offset: usize,
    /// Bytes, the final `end` included.
    pub size: usize,
    /// Instruction texts, without the final `end`; usually one, e.g. `i32.const 1048576`.
    pub instructions: Vec<String>,
}

/// A table (imported, or defined with its optional initial value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Element type and size limits.
    pub ty: TableType,
    /// Only for a defined table that gives one.
    pub init: Option<ConstExpr>,
}

/// A global (imported when `init` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Global {
    /// Value type and mutability.
    pub ty: GlobalType,
    /// The initial value of a defined global; `None` for an imported one.
    pub init: Option<ConstExpr>,
}

/// How an element or data segment is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentMode {
    /// Copied in only by `table.init`/`memory.init`.
    Passive,
    /// Copied into table or memory `index` at `offset` on instantiation.
    Active {
        /// Index of the table or memory the segment is copied into.
        index: u32,
        /// Where in it the copy starts: an element index or a byte address.
        offset: ConstExpr,
    },
    /// Only declares functions that `ref.func` may name.
    Declared,
}

/// An entry of the element section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementSegment {
    /// Offset of the segment's first byte (its flags) in the file.
    pub offset: usize,
    /// Length of the whole segment entry, in bytes.
    pub size: usize,
    /// Passive, active (and where to) or declared.
    pub mode: SegmentMode,
    /// Type of the references the segment holds, e.g. `funcref`.
    pub element_type: RefType,
    /// Number of elements in the segment.
    pub count: u32,
}

/// An entry of the data section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataSegment {
    /// Offset of the segment's first byte (its flags) in the file.
    pub offset: usize,
    /// Length of the whole segment entry in bytes, data included.
    pub size: usize,
    /// Passive, or active with the memory and address it is copied to.
    pub mode: SegmentMode,
    /// Where the data bytes themselves are in the file, and how many.
    pub data_offset: usize,
    /// Number of data bytes, from `data_offset`.
    pub data_size: usize,
}

/// What the code section says about one defined function besides its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// Local declarations as written: `(3, i32)` is three i32 locals.
    pub locals: Vec<(u32, ValType)>,
    /// All locals declared (parameters not included).
    pub local_count: u32,
    /// Offset of the first instruction, after the local declarations.
    pub code_offset: usize,
    /// Instructions in the body, the final `end` included.
    pub instruction_count: u32,
}

/// A local's name from the `name` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalName {
    /// Index of the function in the function index space (imports included).
    pub function: u32,
    /// Index of the local in that function (parameters first).
    pub local: u32,
    /// The local's name as the section gives it.
    pub name: String,
}

/// A field of the `producers` section: `language`, `processed-by` or `sdk`, and
/// the (tool, version) pairs under it, e.g. `processed-by: rustc 1.95.0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerField {
    /// `language`, `processed-by` or `sdk`.
    pub name: String,
    /// (tool, version) pairs, e.g. `("rustc", "1.95.0")`.
    pub values: Vec<(String, String)>,
}

/// Everything [`inspect`] reads: the [`Module`] of the public contract, and the
/// details a page about the module shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleInfo {
    /// The sections, imports, exports and defined functions that [`parse`] returns.
    pub module: Module,
    /// The type index space.
    pub types: Vec<TypeDef>,
    /// The type of each import, in the order of `module.imports`.
    pub import_types: Vec<ExternType>,
    /// How many of the functions are imported (they come first in the index space).
    pub imported_functions: u32,
    /// The type index of every function, imported ones first.
    pub func_types: Vec<u32>,
    /// Tables, memories, globals and tags, imported ones first.
    pub tables: Vec<Table>,
    /// Memories, imported ones first.
    pub memories: Vec<MemoryType>,
    /// Globals, imported ones first.
    pub globals: Vec<Global>,
    /// The type index of each tag.
    pub tags: Vec<u32>,
    /// Function index of the start function, run on instantiation, if there is one.
    pub start: Option<u32>,
    /// Entries of the element section, in file order.
    pub elements: Vec<ElementSegment>,
    /// Entries of the data section, in file order.
    pub data: Vec<DataSegment>,
    /// Segment count from the data count section, when the module has one.
    pub data_count: Option<u32>,
    /// Per defined function, in the order of `module.functions`.
    pub bodies: Vec<Body>,
    /// From the `name` section: the module's name, every function's name
    /// (indexed by function index, imports included), local names.
    pub module_name: Option<String>,
    /// Name per function index, imports included; `None` where the section gives none.
    pub function_names: Vec<Option<String>>,
    /// Names of locals, as the section lists them.
    pub local_names: Vec<LocalName>,
    /// Fields of the `producers` section, in file order.
    pub producers: Vec<ProducerField>,
    /// Custom sections whose contents could not be read. Engines ignore those,
    /// and so does this reader, but it says so.
    pub custom_issues: Vec<WasmError>,
}

/// One instruction of a function body, where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Offset of the instruction's first byte in the file.
    pub offset: usize,
    /// Length of the instruction in bytes, immediates included.
    pub size: usize,
    /// The instruction in the text format, e.g. `i32.const 1`.
    pub text: String,
}

/// Bytes of a module by what they are for: the answer to "why is this file big?".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteTotals {
    /// The 8-byte magic number and version.
    pub header: usize,
    /// The code section: the function bodies.
    pub code: usize,
    /// The data section: initial memory contents (string literals, tables).
    pub data: usize,
    /// Custom sections: names, producers, debug information.
    pub custom: usize,
    /// Everything else: types, imports, exports, globals, tables, elements…
    pub other: usize,
}

impl ByteTotals {
    /// All bytes of the module: the header plus every category.
    pub fn total(&self) -> usize {
        [self.code, self.data, self.custom, self.other]
            .iter()
            .fold(self.header, |sum, n| sum.saturating_add(*n))
    }
}

// region: byte-totals
/// Section byte totals by category.
pub fn byte_totals(module: &Module) -> ByteTotals {
    let mut t = ByteTotals {
        header: 8,
        ..ByteTotals::default()
    };
    for s in &module.sections {
        // Saturating: a Module can also be built by hand, with any sizes.
        let total = match s.id {
            0 => &mut t.custom,
            10 => &mut t.code,
            11 => &mut t.data,
            _ => &mut t.other,
        };
        *total = total.saturating_add(s.size);
    }
    t
}

/// The `n` defined functions with the largest bodies, largest first (ties by index).
pub fn largest_functions(module: &Module, n: usize) -> Vec<&Function> {
    let mut all: Vec<&Function> = module.functions.iter().collect();
    all.sort_by(|a, b| b.body_size.cmp(&a.body_size).then(a.index.cmp(&b.index)));
    all.truncate(n);
    all
}
// endregion

impl fmt::Display for TableType {
    /// `1 10 funcref`: minimum, maximum if any, element type.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.initial)?;
        if let Some(m) = self.maximum {
            write!(f, " {m}")?;
        }
        write!(f, " {}", self.element)
    }
}

impl fmt::Display for MemoryType {
    /// `17`, `1 2`, `1 2 shared`: minimum and maximum in 64 KiB pages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.initial)?;
        if let Some(m) = self.maximum {
            write!(f, " {m}")?;
        }
        if self.shared {
            f.write_str(" shared")?;
        }
        Ok(())
    }
}

impl fmt::Display for GlobalType {
    /// `i32` or `(mut i32)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mutable {
            write!(f, "(mut {})", self.content)
        } else {
            self.content.fmt(f)
        }
    }
}

impl ModuleInfo {
    /// The signature of a type index, when it is a function type.
    pub fn signature(&self, type_index: u32) -> Option<&FuncType> {
        self.types.get(type_index as usize)?.as_func()
    }

    /// The signature of a function (imported or defined) by function index.
    pub fn func_type(&self, function_index: u32) -> Option<&FuncType> {
        self.signature(*self.func_types.get(function_index as usize)?)
    }

    /// A function's name from the `name` section, imported functions included.
    pub fn function_name(&self, function_index: u32) -> Option<&str> {
        self.function_names.get(function_index as usize)?.as_deref()
    }

    /// The type of the export at `export_index` (None if its index is out of range).
    pub fn export_type(&self, export_index: usize) -> Option<ExternType> {
        let e = self.module.exports.get(export_index)?;
        let i = e.index as usize;
        Some(match e.kind {
            ExternKind::Func => ExternType::Func(*self.func_types.get(i)?),
            ExternKind::Table => ExternType::Table(self.tables.get(i)?.ty),
            ExternKind::Memory => ExternType::Memory(*self.memories.get(i)?),
            ExternKind::Global => ExternType::Global(self.globals.get(i)?.ty),
            ExternKind::Tag => ExternType::Tag(*self.tags.get(i)?),
        })
    }

    /// An import or export type in the text format, with a function's signature
    /// spelled out: `(func (param i32 i32) (result i32))`, `(memory 17)`,
    /// `(global (mut i32))`, `(table 1 1 funcref)`.
    pub fn extern_text(&self, ty: &ExternType) -> String {
        match ty {
            ExternType::Func(t) => match self.signature(*t) {
                Some(sig) => sig.to_string(),
                None => format!("(func (type {t}))"),
            },
            ExternType::Table(t) => format!("(table {t})"),
            ExternType::Memory(m) => format!("(memory {m})"),
            ExternType::Global(g) => format!("(global {g})"),
            ExternType::Tag(t) => format!("(tag (type {t}))"),
        }
    }

    /// Section byte totals by category.
    pub fn byte_totals(&self) -> ByteTotals {
        byte_totals(&self.module)
    }

    /// The `n` largest defined functions, largest first.
    pub fn largest_functions(&self, n: usize) -> Vec<&Function> {
        largest_functions(&self.module, n)
    }

    /// The instructions of function `function_index`, with their offsets.
    /// `bytes` must be the module this `ModuleInfo` was read from. Costs time
    /// linear in that one body, so a page can list every function's
    /// instructions without reading the module again each time.
    pub fn instructions(
        &self,
        bytes: &[u8],
        function_index: u32,
    ) -> Result<Vec<Instruction>, WasmError> {
        let imported = self.imported_functions;
        if function_index < imported {
            let import = self
                .module
                .imports
                .iter()
                .filter(|i| i.kind == ExternKind::Func)
                .nth(function_index as usize);
            let what = import.map_or(String::new(), |i| format!(" ({}.{})", i.module, i.name));
            return Err(WasmError {
                offset: 0,
                message: format!(
                    "function {function_index}{what} is imported: its body is in the host, not in this file"
                ),
            });
        }
        let k = (function_index - imported) as usize;
        let (Some(f), Some(body)) = (self.module.functions.get(k), self.bodies.get(k)) else {
            return Err(WasmError {
                offset: 0,
                message: format!(
                    "there is no function {function_index}: the module has {} functions",
                    self.func_types.len()
                ),
            });
        };
        let end = f.body_offset.saturating_add(f.body_size);
        let mut r = Reader::range(bytes, body.code_offset, end);
        // Every instruction takes at least a byte; the bound also holds for a
        // ModuleInfo that was edited by hand.
        let mut out = Vec::with_capacity((body.instruction_count as usize).min(r.remaining()));
        ops::decode_body(&mut r, |ins| {
            out.push(Instruction {
                offset: ins.start,
                size: ins.end - ins.start,
                text: ops::instr_text(ins, bytes, &self.types),
            });
            Ok(())
        })?;
        Ok(out)
    }

    /// Decodes the instructions of the `k`-th defined function (0 is the first
    /// function of the code section) and returns how many there are: the work
    /// [`inspect`] does for every body and [`inspect_outline`] leaves out.
    /// `bytes` must be the module this `ModuleInfo` was read from.
    pub fn decode_body(&self, bytes: &[u8], k: usize) -> Result<u32, WasmError> {
        let (Some(f), Some(body)) = (self.module.functions.get(k), self.bodies.get(k)) else {
            return Err(WasmError {
                offset: 0,
                message: format!(
                    "there is no defined function {k}: the module defines {}",
                    self.module.functions.len()
                ),
            });
        };
        let end = f.body_offset.saturating_add(f.body_size);
        let mut r = Reader::range(bytes, body.code_offset, end);
        ops::decode_body(&mut r, |_| Ok(()))
    }

    /// The instruction texts of function `function_index`, as [`disassemble`].
    pub fn disassemble(&self, bytes: &[u8], function_index: u32) -> Result<Vec<String>, WasmError> {
        Ok(self
            .instructions(bytes, function_index)?
            .into_iter()
            .map(|i| i.text)
            .collect())
    }
}

/// Reads a module: its sections, imports, exports and defined functions.
///
/// ```
/// use wasm_playground::lab::wasm::parse;
/// // (module (func (export "answer") (result i32) i32.const 42))
/// let wasm = [
///     0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, // header
///     0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, // type: () -> i32
///     0x03, 0x02, 0x01, 0x00, // function 0 has type 0
///     0x07, 0x0A, 0x01, 0x06, b'a', b'n', b's', b'w', b'e', b'r', 0x00, 0x00, // export
///     0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2A, 0x0B, // code: i32.const 42, end
/// ];
/// let module = parse(&wasm).unwrap();
/// assert_eq!(module.exports[0].name, "answer");
/// assert_eq!(module.functions[0].body_size, 4);
/// ```
pub fn parse(bytes: &[u8]) -> Result<Module, WasmError> {
    inspect(bytes).map(|info| info.module)
}

/// Reads a module with everything the Module tab shows: types, import and
/// export types, tables, memories, globals, segments, locals, names, producers.
pub fn inspect(bytes: &[u8]) -> Result<ModuleInfo, WasmError> {
    module::read_module(bytes, None, true)
}

/// [`inspect`] without decoding the instructions inside function bodies: every
/// section, every function's size, locals and names, but each [`Body`]'s
/// `instruction_count` is 0 and the instructions are unchecked. On a module of
/// megabytes the instructions are nearly all the work (97 % of it on this lab's
/// own module), so a page can read the outline at once and then decode the bodies
/// a few at a time with [`ModuleInfo::decode_body`], staying responsive.
pub fn inspect_outline(bytes: &[u8]) -> Result<ModuleInfo, WasmError> {
    module::read_module(bytes, None, false)
}

/// The instructions of function `function_index` (imported functions count), one
/// text per instruction as wasmprinter prints it, ending with the final `end`.
///
/// Each call reads the whole module; to list many functions, [`inspect`] once
/// and call [`ModuleInfo::disassemble`].
pub fn disassemble(bytes: &[u8], function_index: u32) -> Result<Vec<String>, WasmError> {
    inspect(bytes)?.disassemble(bytes, function_index)
}
