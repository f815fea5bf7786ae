//! Reads a whole module, section by section, into a [`ModuleInfo`]; optionally
//! describes every byte range it reads for the hex view ([`Annotator`]).

use super::annotate::{Annotator, SpanKind};
use super::ops::{self, Imm, Instr};
use super::reader::{MAX_NAME_BYTES, Reader, Result, err};
use super::types::{RefType, TypeDef, ValType, read_rec_group, read_ref_type, read_val_type};
use super::{
    Body, ConstExpr, DataSegment, ElementSegment, Export, ExternKind, ExternType, Function, Global,
    GlobalType, Import, LocalName, MemoryType, ModuleInfo, ProducerField, Section, SegmentMode,
    Table, TableType, WasmError,
};

/// The section ids, and the names API.md gives them.
pub(crate) fn section_name(id: u8) -> Option<&'static str> {
    Some(match id {
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
        _ => return None,
    })
}

/// Where each non-custom section may appear: each must come after all those with
/// a lower rank, and at most once.
fn section_rank(id: u8) -> u8 {
    match id {
        1 => 1,   // type
        2 => 2,   // import
        3 => 3,   // function
        4 => 4,   // table
        5 => 5,   // memory
        13 => 6,  // tag
        6 => 7,   // global
        7 => 8,   // export
        8 => 9,   // start
        9 => 10,  // element
        12 => 11, // datacount
        10 => 12, // code
        11 => 13, // data
        _ => 0,
    }
}

struct Parser<'a, 'n> {
    data: &'a [u8],
    notes: Option<&'n mut Annotator>,
    info: ModuleInfo,
    /// Entries of the function section: the type index of each defined function.
    defined_types: Option<Vec<u32>>,
    code_seen: bool,
    data_seen: bool,
    /// Function names found in `name` sections, applied once every function is known.
    function_names: Vec<(u32, String)>,
    /// A `name` section could not be read: no names are shown rather than some.
    names_broken: bool,
    /// Decode every instruction of every body (else only the locals are read).
    decode_bodies: bool,
}

impl<'a> Parser<'a, '_> {
    fn wants(&self, start: usize, end: usize) -> bool {
        self.notes.as_ref().is_some_and(|n| n.wants(start, end))
    }

    fn note(&mut self, start: usize, end: usize, kind: SpanKind, label: impl FnOnce() -> String) {
        if let Some(n) = self.notes.as_deref_mut()
            && n.wants(start, end)
        {
            n.push(start, end, kind, label());
        }
    }

    fn u32(&mut self, r: &mut Reader, what: &str) -> Result<u32> {
        let at = r.pos();
        let v = r.u32()?;
        self.note(at, r.pos(), SpanKind::Field, || {
            format!("{what}: LEB128 u32 = {v}")
        });
        Ok(v)
    }

    fn count(&mut self, r: &mut Reader, what: &str, min_item_bytes: usize) -> Result<u32> {
        let at = r.pos();
        let v = r.count(what, min_item_bytes)?;
        self.note(at, r.pos(), SpanKind::Field, || {
            format!("number of {what}: LEB128 u32 = {v}")
        });
        Ok(v)
    }

    fn name(&mut self, r: &mut Reader<'a>, what: &str, limit: Option<usize>) -> Result<&'a str> {
        let at = r.pos();
        let s = r.name(limit)?;
        if self.wants(at, r.pos()) {
            let len_end = r.pos() - s.len();
            self.note(at, len_end, SpanKind::Field, || {
                format!("length of the {what}: LEB128 u32 = {}", s.len())
            });
            self.note(at, r.pos(), SpanKind::Field, || format!("{what} {s:?}"));
        }
        Ok(s)
    }

    fn val_type(&mut self, r: &mut Reader, what: &str) -> Result<ValType> {
        let at = r.pos();
        let t = read_val_type(r)?;
        self.note(at, r.pos(), SpanKind::Field, || format!("{what}: {t}"));
        Ok(t)
    }

    fn ref_type(&mut self, r: &mut Reader, what: &str) -> Result<RefType> {
        let at = r.pos();
        let t = read_ref_type(r)?;
        self.note(at, r.pos(), SpanKind::Field, || format!("{what}: {t}"));
        Ok(t)
    }

    /// Reads a constant expression, keeping its text.
    fn const_expr(&mut self, r: &mut Reader, what: &str) -> Result<ConstExpr> {
        let start = r.pos();
        let mut text = Vec::new();
        let types = &self.info.types;
        let data = self.data;
        ops::decode_const_expr(r, |ins| {
            text.push(ops::instr_text(ins, data, types));
            Ok(())
        })?;
        let expr = ConstExpr {
            offset: start,
            size: r.pos() - start,
            instructions: text,
        };
        self.note(start, r.pos(), SpanKind::Item, || {
            format!("{what}: {} end", expr.instructions.join(" "))
        });
        Ok(expr)
    }

    fn table_type(&mut self, r: &mut Reader) -> Result<TableType> {
        let element = self.ref_type(r, "element type")?;
        let (initial, maximum) = self.limits(r, "table")?;
        Ok(TableType {
            element,
            initial,
            maximum,
        })
    }

    fn limits(&mut self, r: &mut Reader, what: &str) -> Result<(u32, Option<u32>)> {
        let at = r.pos();
        let flags = r.u8()?;
        let memory = what == "memory";
        let covered = if memory { 3 } else { 1 };
        if flags > covered {
            return if memory && flags < 16 {
                err(
                    at,
                    "64-bit memories and custom page sizes are not covered by this reader",
                )
            } else if !memory && flags < 8 {
                err(
                    at,
                    "shared and 64-bit tables are not covered by this reader",
                )
            } else {
                err(at, format!("invalid {what} limits flags 0x{flags:02x}"))
            };
        }
        self.note(at, at + 1, SpanKind::Field, || {
            format!(
                "{what} limits flags 0x{flags:02x}: {}{}",
                if flags & 1 == 1 {
                    "minimum and maximum"
                } else {
                    "minimum only"
                },
                if flags & 2 == 2 { ", shared" } else { "" }
            )
        });
        let (min, max) = if memory {
            ("memory minimum (pages)", "memory maximum (pages)")
        } else {
            ("table minimum size", "table maximum size")
        };
        let initial = self.u32(r, min)?;
        let maximum = if flags & 1 == 1 {
            Some(self.u32(r, max)?)
        } else {
            None
        };
        Ok((initial, maximum))
    }

    fn memory_type(&mut self, r: &mut Reader) -> Result<MemoryType> {
        let flags = r.peek()?;
        let (initial, maximum) = self.limits(r, "memory")?;
        Ok(MemoryType {
            initial,
            maximum,
            shared: flags & 2 == 2,
        })
    }

    fn global_type(&mut self, r: &mut Reader) -> Result<GlobalType> {
        let content = self.val_type(r, "global type")?;
        let at = r.pos();
        let mutable = match r.u8()? {
            0 => false,
            1 => true,
            2 | 3 => return err(at, "shared globals are not covered by this reader"),
            b => return err(at, format!("invalid global mutability 0x{b:02x} (0 or 1)")),
        };
        self.note(at, at + 1, SpanKind::Field, || {
            (if mutable { "mutable" } else { "immutable" }).to_string()
        });
        Ok(GlobalType { content, mutable })
    }

    fn tag_type(&mut self, r: &mut Reader) -> Result<u32> {
        let at = r.pos();
        if r.u8()? != 0 {
            return err(at, "invalid tag attribute (0 is an exception)");
        }
        self.u32(r, "tag type index")
    }

    fn section(&mut self, r: &mut Reader<'a>, id: u8, start: usize) -> Result<()> {
        match id {
            1 => self.type_section(r),
            2 => self.import_section(r),
            3 => self.function_section(r),
            4 => self.table_section(r),
            5 => self.memory_section(r),
            6 => self.global_section(r),
            7 => self.export_section(r),
            8 => {
                let f = self.u32(r, "start function index")?;
                self.info.start = Some(f);
                Ok(())
            }
            9 => self.element_section(r),
            10 => self.code_section(r),
            11 => self.data_section(r),
            12 => {
                let n = self.u32(r, "data segment count")?;
                self.info.data_count = Some(n);
                Ok(())
            }
            13 => self.tag_section(r),
            _ => err(start, format!("unknown section id {id}")),
        }
    }

    fn type_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "type entries", 2)?;
        let mut types = std::mem::take(&mut self.info.types);
        types.reserve(n as usize);
        for group in 0..n {
            let at = r.pos();
            let first = types.len();
            read_rec_group(r, group, &mut types)?;
            if self.wants(at, r.pos()) {
                let label = if types.len() == first + 1 && types[first].offset == at {
                    format!("type {first}: {}", types[first].composite)
                } else {
                    format!("rec group of {} types ({}..)", types.len() - first, first)
                };
                self.note(at, r.pos(), SpanKind::Item, || label);
            }
        }
        self.info.types = types;
        Ok(())
    }

    fn import_section(&mut self, r: &mut Reader<'a>) -> Result<()> {
        let n = self.count(r, "imports", 4)?;
        for i in 0..n {
            let at = r.pos();
            let module = self.name(r, "import module name", Some(MAX_NAME_BYTES))?;
            let name = self.name(r, "import name", Some(MAX_NAME_BYTES))?;
            let kind_at = r.pos();
            let kind_byte = r.u8()?;
            let (kind, ty) = match kind_byte {
                0 => {
                    let t = self.u32(r, "function type index")?;
                    self.info.func_types.push(t);
                    (ExternKind::Func, ExternType::Func(t))
                }
                1 => {
                    let t = self.table_type(r)?;
                    self.info.tables.push(Table { ty: t, init: None });
                    (ExternKind::Table, ExternType::Table(t))
                }
                2 => {
                    let t = self.memory_type(r)?;
                    self.info.memories.push(t);
                    (ExternKind::Memory, ExternType::Memory(t))
                }
                3 => {
                    let t = self.global_type(r)?;
                    self.info.globals.push(Global { ty: t, init: None });
                    (ExternKind::Global, ExternType::Global(t))
                }
                4 => {
                    let t = self.tag_type(r)?;
                    self.info.tags.push(t);
                    (ExternKind::Tag, ExternType::Tag(t))
                }
                0x20 => {
                    return err(
                        kind_at,
                        "exact function imports (custom descriptors) are not covered by this reader",
                    );
                }
                b => return err(kind_at, format!("invalid import kind 0x{b:02x}")),
            };
            self.note(kind_at, kind_at + 1, SpanKind::Field, || {
                format!("import kind 0x{kind_byte:02x} = {}", kind.as_str())
            });
            if self.wants(at, r.pos()) {
                let label = format!("import {i}: {module}.{name} {}", self.info.extern_text(&ty));
                self.note(at, r.pos(), SpanKind::Item, || label);
            }
            self.info.module.imports.push(Import {
                module: module.to_string(),
                name: name.to_string(),
                kind,
            });
            self.info.import_types.push(ty);
        }
        self.info.imported_functions = self.info.func_types.len() as u32;
        Ok(())
    }

    fn function_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "functions", 1)?;
        let mut types = Vec::with_capacity(n as usize);
        let first = self.info.func_types.len();
        for i in 0..n {
            let at = r.pos();
            let t = r.u32()?;
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("function {}: type {t} (LEB128 u32)", first + i as usize)
            });
            types.push(t);
        }
        self.info.func_types.extend_from_slice(&types);
        self.defined_types = Some(types);
        Ok(())
    }

    fn table_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "tables", 3)?;
        for _ in 0..n {
            let at = r.pos();
            let has_init = r.peek()? == 0x40;
            if has_init {
                r.u8()?;
                let b_at = r.pos();
                if r.u8()? != 0 {
                    return err(
                        b_at,
                        "invalid table encoding (0x40 must be followed by 0x00)",
                    );
                }
            }
            let ty = self.table_type(r)?;
            let init = if has_init {
                Some(self.const_expr(r, "table initial value")?)
            } else {
                None
            };
            let index = self.info.tables.len();
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("table {index}: {ty}")
            });
            self.info.tables.push(Table { ty, init });
        }
        Ok(())
    }

    fn memory_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "memories", 2)?;
        for _ in 0..n {
            let at = r.pos();
            let ty = self.memory_type(r)?;
            let index = self.info.memories.len();
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("memory {index}: {ty} (pages of 64 KiB)")
            });
            self.info.memories.push(ty);
        }
        Ok(())
    }

    fn global_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "globals", 3)?;
        for _ in 0..n {
            let at = r.pos();
            let ty = self.global_type(r)?;
            let init = self.const_expr(r, "initial value")?;
            let index = self.info.globals.len();
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("global {index}: {ty} = {}", init.instructions.join(" "))
            });
            self.info.globals.push(Global {
                ty,
                init: Some(init),
            });
        }
        Ok(())
    }

    fn export_section(&mut self, r: &mut Reader<'a>) -> Result<()> {
        let n = self.count(r, "exports", 3)?;
        for i in 0..n {
            let at = r.pos();
            let name = self.name(r, "export name", Some(MAX_NAME_BYTES))?;
            let kind_at = r.pos();
            let kind = match r.u8()? {
                0 => ExternKind::Func,
                1 => ExternKind::Table,
                2 => ExternKind::Memory,
                3 => ExternKind::Global,
                4 => ExternKind::Tag,
                b => return err(kind_at, format!("invalid export kind 0x{b:02x}")),
            };
            self.note(kind_at, kind_at + 1, SpanKind::Field, || {
                format!("export kind = {}", kind.as_str())
            });
            let index = self.u32(
                r,
                match kind {
                    ExternKind::Func => "function index",
                    ExternKind::Table => "table index",
                    ExternKind::Memory => "memory index",
                    ExternKind::Global => "global index",
                    ExternKind::Tag => "tag index",
                },
            )?;
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("export {i}: {name:?} = {} {index}", kind.as_str())
            });
            self.info.module.exports.push(Export {
                name: name.to_string(),
                kind,
                index,
            });
        }
        Ok(())
    }

    fn element_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "element segments", 2)?;
        for i in 0..n {
            let at = r.pos();
            let flags_at = r.pos();
            let flags = self.u32(r, "element segment flags")?;
            if flags > 7 {
                return err(flags_at, format!("invalid element segment flags {flags}"));
            }
            let mode = if flags & 1 == 0 {
                let table = if flags & 2 == 2 {
                    self.u32(r, "table index")?
                } else {
                    0
                };
                SegmentMode::Active {
                    index: table,
                    offset: self.const_expr(r, "offset")?,
                }
            } else if flags & 2 == 2 {
                SegmentMode::Declared
            } else {
                SegmentMode::Passive
            };
            let exprs = flags & 4 == 4;
            let element_type = if flags & 3 != 0 {
                if exprs {
                    self.ref_type(r, "element type")?
                } else {
                    let k_at = r.pos();
                    if r.u8()? != 0 {
                        return err(k_at, "only functions (element kind 0x00) are allowed here");
                    }
                    RefType::FUNCREF
                }
            } else {
                RefType::FUNCREF
            };
            let count = self.count(r, "elements", 1)?;
            for _ in 0..count {
                if exprs {
                    let at = r.pos();
                    ops::decode_const_expr(r, |_| Ok(()))?;
                    if self.wants(at, r.pos()) {
                        let mut text = Vec::new();
                        let mut rr = Reader::range(self.data, at, r.pos());
                        let types = &self.info.types;
                        let data = self.data;
                        ops::decode_const_expr(&mut rr, |ins| {
                            text.push(ops::instr_text(ins, data, types));
                            Ok(())
                        })?;
                        self.note(at, r.pos(), SpanKind::Field, || {
                            format!("element: {} end", text.join(" "))
                        });
                    }
                } else {
                    self.u32(r, "function index")?;
                }
            }
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("element segment {i}: {count} x {element_type}")
            });
            self.info.elements.push(ElementSegment {
                offset: at,
                size: r.pos() - at,
                mode,
                element_type,
                count,
            });
        }
        Ok(())
    }

    fn data_section(&mut self, r: &mut Reader) -> Result<()> {
        let at = r.pos();
        let n = self.count(r, "data segments", 2)?;
        if let Some(expected) = self.info.data_count
            && expected != n
        {
            return err(
                at,
                format!("the data count section says {expected} segments but there are {n}"),
            );
        }
        for i in 0..n {
            let seg_at = r.pos();
            let flags = self.u32(r, "data segment flags")?;
            let mode = match flags {
                0 => SegmentMode::Active {
                    index: 0,
                    offset: self.const_expr(r, "offset")?,
                },
                1 => SegmentMode::Passive,
                2 => {
                    let mem = self.u32(r, "memory index")?;
                    SegmentMode::Active {
                        index: mem,
                        offset: self.const_expr(r, "offset")?,
                    }
                }
                _ => return err(seg_at, format!("invalid data segment flags {flags}")),
            };
            let len = self.u32(r, "data length")? as usize;
            let data_offset = r.pos();
            r.bytes(len)?;
            self.note(data_offset, r.pos(), SpanKind::Field, || {
                format!("{len} bytes of data")
            });
            self.note(seg_at, r.pos(), SpanKind::Item, || {
                format!("data segment {i}: {len} bytes")
            });
            self.info.data.push(DataSegment {
                offset: seg_at,
                size: r.pos() - seg_at,
                mode,
                data_offset,
                data_size: len,
            });
        }
        Ok(())
    }

    fn tag_section(&mut self, r: &mut Reader) -> Result<()> {
        let n = self.count(r, "tags", 2)?;
        for _ in 0..n {
            let at = r.pos();
            let t = self.tag_type(r)?;
            let index = self.info.tags.len();
            self.note(at, r.pos(), SpanKind::Item, || {
                format!("tag {index}: type {t}")
            });
            self.info.tags.push(t);
        }
        Ok(())
    }

    fn code_section(&mut self, r: &mut Reader<'a>) -> Result<()> {
        let at = r.pos();
        let n = self.count(r, "function bodies", 3)?;
        let declared = self.defined_types.as_ref().map_or(0, Vec::len);
        if n as usize != declared {
            return err(
                at,
                format!(
                    "the function section declares {declared} functions but the code section has {n} bodies"
                ),
            );
        }
        self.code_seen = true;
        let first_index = self.info.imported_functions;
        for i in 0..n {
            let entry_at = r.pos();
            let size = self.u32(r, "body size")? as usize;
            let body_offset = r.pos();
            r.bytes(size)?;
            let mut body = Reader::range(self.data, body_offset, body_offset + size);
            let index = first_index.saturating_add(i);
            // Locals come in runs: "3 x i32" is one declaration.
            let runs = self.count(&mut body, "local declarations", 2)?;
            let mut locals = Vec::with_capacity(runs as usize);
            let mut local_count: u32 = 0;
            for _ in 0..runs {
                let run_at = body.pos();
                let c = body.u32()?;
                local_count = local_count
                    .checked_add(c)
                    .map_or_else(|| err(run_at, "too many locals (more than 2^32)"), Ok)?;
                let t = read_val_type(&mut body)?;
                self.note(run_at, body.pos(), SpanKind::Field, || {
                    format!("locals: {c} x {t}")
                });
                locals.push((c, t));
            }
            let code_offset = body.pos();
            let wants = self.wants(code_offset, body.end());
            let instruction_count = if wants {
                let mut notes = self.notes.as_deref_mut();
                let types = &self.info.types;
                let data = self.data;
                ops::decode_body(&mut body, |ins| {
                    if let Some(n) = notes.as_deref_mut() {
                        note_instr(n, ins, data, types);
                    }
                    Ok(())
                })?
            } else if self.decode_bodies {
                ops::decode_body(&mut body, |_| Ok(()))?
            } else {
                0
            };
            let end = body_offset + size;
            if self.wants(entry_at, end) {
                self.note(entry_at, end, SpanKind::Item, || {
                    format!("function {index} body: {size} bytes, {instruction_count} instructions")
                });
            }
            self.info.module.functions.push(Function {
                index,
                name: None,
                body_offset,
                body_size: size,
            });
            self.info.bodies.push(Body {
                locals,
                local_count,
                code_offset,
                instruction_count,
            });
        }
        Ok(())
    }

    fn custom_section(&mut self, name: &str, r: &mut Reader<'a>) {
        let start = r.pos();
        let result = match name {
            "name" => self.name_section(r),
            "producers" => self.producers_section(r),
            _ => Ok(()),
        };
        if let Err(e) = result {
            // Engines ignore a custom section they cannot read, and so do we; the
            // problem is kept for the page to show.
            self.info.custom_issues.push(WasmError {
                offset: e.offset,
                message: format!("custom section {name:?} ignored: {}", e.message),
            });
            if name == "name" {
                self.names_broken = true;
            } else if name == "producers" {
                self.info.producers.clear();
            }
        }
        self.note(start, r.end(), SpanKind::Field, || {
            format!("contents of custom section {name:?}")
        });
        r.skip_rest();
    }

    fn name_section(&mut self, r: &mut Reader<'a>) -> Result<()> {
        while !r.eof() {
            let at = r.pos();
            let id = r.u8()?;
            if id & 0x80 != 0 {
                return err(at, format!("invalid name subsection id 0x{id:02x}"));
            }
            let size = r.u32()? as usize;
            r.bytes(size)?;
            let mut sub = Reader::range(self.data, r.pos() - size, r.pos());
            match id {
                0 => {
                    let name = sub.name(Some(MAX_NAME_BYTES))?;
                    if !sub.eof() {
                        return err(sub.pos(), "trailing bytes after the module name");
                    }
                    self.info.module_name = Some(name.to_string());
                    self.note(at, r.pos(), SpanKind::Item, || {
                        format!("module name {name:?}")
                    });
                }
                1 => {
                    let n = sub.count("function names", 2)?;
                    let mut last = None;
                    for _ in 0..n {
                        let e_at = sub.pos();
                        let index = sub.u32()?;
                        increasing(&mut last, index, e_at)?;
                        let name = sub.name(None)?;
                        self.note(e_at, sub.pos(), SpanKind::Field, || {
                            format!("function {index} is named {name:?}")
                        });
                        self.function_names.push((index, name.to_string()));
                    }
                    if !sub.eof() {
                        return err(sub.pos(), "trailing bytes after the function names");
                    }
                    self.note(at, r.pos(), SpanKind::Item, || {
                        format!("function names subsection: {n} names")
                    });
                }
                2 => {
                    let n = sub.count("functions with local names", 2)?;
                    let mut last_function = None;
                    for _ in 0..n {
                        let f_at = sub.pos();
                        let function = sub.u32()?;
                        increasing(&mut last_function, function, f_at)?;
                        let m = sub.count("local names", 2)?;
                        let mut last_local = None;
                        for _ in 0..m {
                            let l_at = sub.pos();
                            let local = sub.u32()?;
                            increasing(&mut last_local, local, l_at)?;
                            let name = sub.name(Some(MAX_NAME_BYTES))?;
                            self.info.local_names.push(LocalName {
                                function,
                                local,
                                name: name.to_string(),
                            });
                        }
                    }
                    if !sub.eof() {
                        return err(sub.pos(), "trailing bytes after the local names");
                    }
                    self.note(at, r.pos(), SpanKind::Item, || {
                        "local names subsection".to_string()
                    });
                }
                _ => {
                    self.note(at, r.pos(), SpanKind::Item, || {
                        format!("name subsection {id} ({size} bytes, not read)")
                    });
                }
            }
        }
        Ok(())
    }

    fn producers_section(&mut self, r: &mut Reader<'a>) -> Result<()> {
        let n = r.count("producers fields", 2)?;
        let mut fields = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let at = r.pos();
            let name = r.name(None)?;
            if !matches!(name, "language" | "processed-by" | "sdk") {
                return err(at, format!("unknown producers field {name:?}"));
            }
            let m = r.count("producers values", 2)?;
            let mut values = Vec::with_capacity(m as usize);
            for _ in 0..m {
                let tool = r.name(Some(MAX_NAME_BYTES))?;
                let version = r.name(Some(MAX_NAME_BYTES))?;
                values.push((tool.to_string(), version.to_string()));
            }
            self.note(at, r.pos(), SpanKind::Item, || {
                let list: Vec<String> = values.iter().map(|(t, v)| format!("{t} {v}")).collect();
                format!("producers {name}: {}", list.join(", "))
            });
            fields.push(ProducerField {
                name: name.to_string(),
                values,
            });
        }
        if !r.eof() {
            return err(r.pos(), "trailing bytes after the producers fields");
        }
        self.info.producers = fields;
        Ok(())
    }

    fn finish(mut self, end: usize) -> Result<ModuleInfo> {
        if !self.code_seen && self.defined_types.as_ref().is_some_and(|t| !t.is_empty()) {
            return err(
                end,
                "the function section declares functions but there is no code section",
            );
        }
        if let Some(n) = self.info.data_count
            && n > 0
            && !self.data_seen
        {
            return err(
                end,
                format!("the data count section says {n} segments but there is no data section"),
            );
        }
        // Apply the names: the first name given to an index wins.
        let total = self.info.func_types.len();
        let mut names: Vec<Option<String>> = vec![None; total];
        if self.names_broken {
            self.function_names.clear();
            self.info.module_name = None;
            self.info.local_names.clear();
        }
        for (index, name) in self.function_names.drain(..) {
            if let Some(slot) = names.get_mut(index as usize)
                && slot.is_none()
            {
                *slot = Some(name);
            }
        }
        for f in &mut self.info.module.functions {
            f.name = names.get(f.index as usize).cloned().flatten();
        }
        self.info.function_names = names;
        Ok(self.info)
    }
}

/// Name maps list their indices in increasing order, each once.
fn increasing(last: &mut Option<u32>, index: u32, at: usize) -> Result<()> {
    if last.is_some_and(|l| index <= l) {
        return err(at, format!("name map index {index} is out of order"));
    }
    *last = Some(index);
    Ok(())
}

/// Spans for one instruction: the whole instruction, its opcode, its immediates.
fn note_instr(n: &mut Annotator, ins: &Instr, data: &[u8], types: &[TypeDef]) {
    if !n.wants(ins.start, ins.end) {
        return;
    }
    let text = ops::instr_text(ins, data, types);
    let opcode: Vec<String> = data
        .get(ins.start..ins.imm_start)
        .unwrap_or(&[])
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    n.push(
        ins.imm_start.min(ins.end),
        ins.end,
        SpanKind::Field,
        format!("immediates of {}", ins.name),
    );
    n.push(
        ins.start,
        ins.imm_start,
        SpanKind::Field,
        format!("opcode {} = {}", opcode.join(" "), ins.name),
    );
    let kind = if matches!(ins.imm, Imm::Block | Imm::Else | Imm::End) {
        SpanKind::Control
    } else {
        SpanKind::Instruction
    };
    n.push(ins.start, ins.end, kind, text);
}

/// Reads the whole module. With `notes`, also describes the byte ranges that
/// intersect the annotator's window. Without `decode_bodies` (and outside the
/// window), function bodies are read up to their instructions only.
pub(crate) fn read_module(
    data: &[u8],
    notes: Option<&mut Annotator>,
    decode_bodies: bool,
) -> Result<ModuleInfo> {
    let mut p = Parser {
        data,
        notes,
        info: ModuleInfo::default(),
        defined_types: None,
        code_seen: false,
        data_seen: false,
        function_names: Vec::new(),
        names_broken: false,
        decode_bodies,
    };
    let mut r = Reader::new(data);
    if data.len() < 4 || &data[..4] != b"\0asm" {
        let shown: Vec<String> = data.iter().take(4).map(|b| format!("{b:02X}")).collect();
        return err(
            0,
            format!(
                "not a WebAssembly module: it must start with the 4 bytes 00 61 73 6D (\"\\0asm\"), not {}",
                if shown.is_empty() {
                    "nothing".to_string()
                } else {
                    shown.join(" ")
                }
            ),
        );
    }
    r.bytes(4)?;
    p.note(0, 4, SpanKind::Header, || {
        "magic number \"\\0asm\": every .wasm file starts with these 4 bytes".to_string()
    });
    let version = u32::from_le_bytes(r.fixed().map_err(|_| WasmError {
        offset: 4,
        message: "unexpected end: the 4-byte version number is missing".to_string(),
    })?);
    match version {
        1 => {}
        0x0001_000D => {
            return err(
                4,
                "this is a WebAssembly component (component model), not a core module",
            );
        }
        v => {
            return err(
                4,
                format!("unknown binary version {v} (core modules are version 1)"),
            );
        }
    }
    p.note(4, 8, SpanKind::Header, || {
        "version 1 (a little-endian u32, not LEB128)".to_string()
    });
    p.info.module.version = version;
    // region: sections
    let mut last_rank = 0u8;
    let mut last_name = "";
    while !r.eof() {
        let start = r.pos();
        let id = r.u8()?;
        let size_at = r.pos();
        let size = r.u32()? as usize;
        let body_start = r.pos();
        if size > r.remaining() {
            return err(
                size_at,
                format!(
                    "section size {size} goes past the end of the file ({} bytes remain)",
                    r.remaining()
                ),
            );
        }
        let body_end = body_start + size;
        let name: String = if id == 0 {
            let mut nr = Reader::range(data, body_start, body_end);
            let name = nr.name(Some(MAX_NAME_BYTES))?;
            name.to_string()
        } else {
            match section_name(id) {
                Some(n) => n.to_string(),
                None => return err(start, format!("unknown section id {id}")),
            }
        };
        if id != 0 {
            let rank = section_rank(id);
            if rank <= last_rank {
                return err(
                    start,
                    if rank == last_rank {
                        format!("a second {name} section")
                    } else {
                        format!("the {name} section must come before the {last_name} section")
                    },
                );
            }
            last_rank = rank;
            last_name = section_name(id).unwrap_or("");
        }
        if p.wants(start, body_end) {
            p.note(start, start + 1, SpanKind::Field, || {
                format!(
                    "section id {id} = {}",
                    if id == 0 { "custom" } else { name.as_str() }
                )
            });
            p.note(size_at, body_start, SpanKind::Field, || {
                format!("section size: LEB128 u32 = {size}")
            });
            p.note(start, body_start, SpanKind::SectionHeader, || {
                format!("section header: {name}, size {size}")
            });
        }
        let mut sr = Reader::range(data, body_start, body_end);
        if id == 0 {
            sr.name(Some(MAX_NAME_BYTES))?;
            p.note(body_start, sr.pos(), SpanKind::Field, || {
                format!("custom section name {name:?}")
            });
            p.custom_section(&name, &mut sr);
        } else {
            p.section(&mut sr, id, start)?;
            if id == 11 {
                p.data_seen = true;
            }
            if !sr.eof() {
                return err(
                    sr.pos(),
                    format!(
                        "the {name} section has {} bytes left over after its contents",
                        sr.remaining()
                    ),
                );
            }
        }
        r.bytes(size)?;
        p.note(start, body_end, SpanKind::Section, || {
            format!("{name} section: {} bytes", body_end - start)
        });
        p.info.module.sections.push(Section {
            id,
            name,
            offset: start,
            size: body_end - start,
        });
    }
    // endregion
    p.finish(data.len())
}
