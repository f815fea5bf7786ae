//! Value types, reference types and the entries of the type section, with the text
//! wasmprinter gives them (`i32`, `funcref`, `(ref null 3)`, `(param i32) (result i64)`).

use std::fmt;

use super::reader::{Reader, Result, err};

/// Engines pack type indices into 20 bits inside reference types; wasmparser
/// refuses larger ones while reading, and so do we.
const MAX_TYPE_INDEX_IN_REF: u32 = (1 << 20) - 1;
pub(crate) const MAX_PARAMS: u32 = 1000;
pub(crate) const MAX_RESULTS: u32 = 1000;
const MAX_STRUCT_FIELDS: u32 = 10_000;
const MAX_SUPERTYPES: u32 = 5;
const MAX_REC_GROUP: u32 = 1_000_000;

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeapType {
    /// Any function (`func`).
    Func,
    /// Any reference from the host (`extern`).
    Extern,
    /// Any internal GC value (`any`).
    Any,
    /// Bottom of the `any` hierarchy, only null (`none`).
    None,
    /// Bottom of the `extern` hierarchy, only null (`noextern`).
    NoExtern,
    /// Bottom of the `func` hierarchy, only null (`nofunc`).
    NoFunc,
    /// Values `ref.eq` can compare (`eq`).
    Eq,
    /// Any struct (`struct`).
    Struct,
    /// Any array (`array`).
    Array,
    /// A 31-bit integer packed into a reference (`i31`).
    I31,
    /// Any exception (`exn`, exception-handling proposal).
    Exn,
    /// Bottom of the `exn` hierarchy, only null (`noexn`).
    NoExn,
    /// Any continuation (`cont`, stack-switching proposal).
    Cont,
    /// Bottom of the `cont` hierarchy, only null (`nocont`).
    NoCont,
    /// A type defined in the type section, by index.
    Concrete(u32),
}

/// A reference type: `funcref` is `RefType { nullable: true, heap: HeapType::Func }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RefType {
    /// Whether null is a value of the type (`ref null …`).
    pub nullable: bool,
    /// What the reference points at.
    pub heap: HeapType,
}

impl RefType {
    /// `funcref`: a nullable reference to any function.
    pub const FUNCREF: RefType = RefType {
        nullable: true,
        heap: HeapType::Func,
    };
}

/// The type of a value on the stack, in a local or a global.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValType {
    /// 32-bit integer (sign is up to the instruction).
    I32,
    /// 64-bit integer (sign is up to the instruction).
    I64,
    /// 32-bit IEEE 754 float.
    F32,
    /// 64-bit IEEE 754 float.
    F64,
    /// 128-bit SIMD vector.
    V128,
    /// A reference of this type.
    Ref(RefType),
}

/// A function signature: `(param i32 i32) (result i32)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncType {
    /// Parameter types, in order.
    pub params: Vec<ValType>,
    /// Result types, in order.
    pub results: Vec<ValType>,
}

/// A struct field or array element type (GC proposal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageType {
    /// 8-bit packed integer (only in a struct or array).
    I8,
    /// 16-bit packed integer (only in a struct or array).
    I16,
    /// A full value type.
    Val(ValType),
}

/// A struct field or array element (GC proposal): what it stores and whether it may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldType {
    /// What the field stores.
    pub storage: StorageType,
    /// Whether `struct.set` or `array.set` may change it (`mut`).
    pub mutable: bool,
}

/// What a type section entry defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompositeType {
    /// A function signature.
    Func(FuncType),
    /// GC proposal: a struct with these fields.
    Struct(Vec<FieldType>),
    /// GC proposal: an array of this element.
    Array(FieldType),
}

/// One entry of the type index space. Almost every module has only function
/// types; the GC proposal's `rec`, `sub` and struct/array forms are read so that
/// the indices of the types after them stay right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    /// Offset of the entry in the file.
    pub offset: usize,
    /// What the entry defines: a function, struct or array type.
    pub composite: CompositeType,
    /// `false` only for a `(sub …)` that may be extended.
    pub is_final: bool,
    /// Type indices of the declared supertypes (`sub`); empty when there are none.
    pub supertypes: Vec<u32>,
    /// Which recursion group the type belongs to (its position in the type section).
    pub rec_group: u32,
}

impl TypeDef {
    /// The function signature, when the entry defines one.
    pub fn as_func(&self) -> Option<&FuncType> {
        match &self.composite {
            CompositeType::Func(f) => Some(f),
            _ => None,
        }
    }
}

impl fmt::Display for HeapType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            HeapType::Func => "func",
            HeapType::Extern => "extern",
            HeapType::Any => "any",
            HeapType::None => "none",
            HeapType::NoExtern => "noextern",
            HeapType::NoFunc => "nofunc",
            HeapType::Eq => "eq",
            HeapType::Struct => "struct",
            HeapType::Array => "array",
            HeapType::I31 => "i31",
            HeapType::Exn => "exn",
            HeapType::NoExn => "noexn",
            HeapType::Cont => "cont",
            HeapType::NoCont => "nocont",
            HeapType::Concrete(i) => return write!(f, "{i}"),
        };
        f.write_str(name)
    }
}

impl fmt::Display for RefType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nullable {
            let short = match self.heap {
                HeapType::Func => Some("funcref"),
                HeapType::Extern => Some("externref"),
                HeapType::I31 => Some("i31ref"),
                HeapType::Any => Some("anyref"),
                HeapType::None => Some("nullref"),
                HeapType::NoExtern => Some("nullexternref"),
                HeapType::NoFunc => Some("nullfuncref"),
                HeapType::Eq => Some("eqref"),
                HeapType::Struct => Some("structref"),
                HeapType::Array => Some("arrayref"),
                HeapType::Exn => Some("exnref"),
                HeapType::NoExn => Some("nullexnref"),
                _ => None,
            };
            match short {
                Some(s) => f.write_str(s),
                None => write!(f, "(ref null {})", self.heap),
            }
        } else {
            write!(f, "(ref {})", self.heap)
        }
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValType::I32 => f.write_str("i32"),
            ValType::I64 => f.write_str("i64"),
            ValType::F32 => f.write_str("f32"),
            ValType::F64 => f.write_str("f64"),
            ValType::V128 => f.write_str("v128"),
            ValType::Ref(r) => r.fmt(f),
        }
    }
}

impl fmt::Display for StorageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageType::I8 => f.write_str("i8"),
            StorageType::I16 => f.write_str("i16"),
            StorageType::Val(v) => v.fmt(f),
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mutable {
            write!(f, "(mut {})", self.storage)
        } else {
            self.storage.fmt(f)
        }
    }
}

impl FuncType {
    /// ` (param i32 i32) (result i32)`, each group only when it is not empty, each
    /// with a leading space: how wasmprinter follows a `(type N)` reference.
    pub fn signature_text(&self) -> String {
        let mut s = String::new();
        self.write_signature(&mut s);
        s
    }

    pub(crate) fn write_signature(&self, out: &mut String) {
        use std::fmt::Write;
        if !self.params.is_empty() {
            out.push_str(" (param");
            for p in &self.params {
                let _ = write!(out, " {p}");
            }
            out.push(')');
        }
        if !self.results.is_empty() {
            out.push_str(" (result");
            for r in &self.results {
                let _ = write!(out, " {r}");
            }
            out.push(')');
        }
    }
}

impl fmt::Display for FuncType {
    /// `(func (param i32) (result i32))`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(func{})", self.signature_text())
    }
}

impl fmt::Display for CompositeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompositeType::Func(t) => t.fmt(f),
            CompositeType::Struct(fields) => {
                f.write_str("(struct")?;
                for field in fields {
                    write!(f, " (field {field})")?;
                }
                f.write_str(")")
            }
            CompositeType::Array(field) => write!(f, "(array {field})"),
        }
    }
}

fn abstract_heap(byte: u8) -> Option<HeapType> {
    Some(match byte {
        0x70 => HeapType::Func,
        0x6F => HeapType::Extern,
        0x6E => HeapType::Any,
        0x71 => HeapType::None,
        0x72 => HeapType::NoExtern,
        0x73 => HeapType::NoFunc,
        0x6D => HeapType::Eq,
        0x6B => HeapType::Struct,
        0x6A => HeapType::Array,
        0x6C => HeapType::I31,
        0x69 => HeapType::Exn,
        0x74 => HeapType::NoExn,
        0x68 => HeapType::Cont,
        0x75 => HeapType::NoCont,
        _ => return None,
    })
}

fn not_covered<T>(at: usize, what: &str) -> Result<T> {
    err(at, format!("{what} are not covered by this reader"))
}

/// A heap type: a non-negative s33 is a type index, else one of the abstract
/// type bytes.
pub(crate) fn read_heap_type(r: &mut Reader) -> Result<HeapType> {
    let at = r.pos();
    let mut probe = r.clone();
    let value = probe.s33()?;
    if value >= 0 {
        *r = probe;
        let index = value as u32;
        if index > MAX_TYPE_INDEX_IN_REF {
            return err(at, format!("type index {index} is beyond the 2^20 limit"));
        }
        return Ok(HeapType::Concrete(index));
    }
    let byte = r.u8()?;
    match byte {
        0x65 => not_covered(at, "shared types (shared-everything threads)"),
        0x62 => not_covered(at, "exact reference types (custom descriptors)"),
        _ => abstract_heap(byte)
            .map_or_else(|| err(at, format!("invalid heap type 0x{byte:02x}")), Ok),
    }
}

pub(crate) fn read_ref_type(r: &mut Reader) -> Result<RefType> {
    let at = r.pos();
    match r.peek()? {
        b @ (0x63 | 0x64) => {
            r.u8()?;
            Ok(RefType {
                nullable: b == 0x63,
                heap: read_heap_type(r)?,
            })
        }
        0x62 => not_covered(at, "exact reference types (custom descriptors)"),
        0x65 => not_covered(at, "shared types (shared-everything threads)"),
        b => {
            r.u8()?;
            match abstract_heap(b) {
                Some(heap) => Ok(RefType {
                    nullable: true,
                    heap,
                }),
                None => err(at, format!("invalid value type 0x{b:02x}")),
            }
        }
    }
}

pub(crate) fn read_val_type(r: &mut Reader) -> Result<ValType> {
    let t = match r.peek()? {
        0x7F => ValType::I32,
        0x7E => ValType::I64,
        0x7D => ValType::F32,
        0x7C => ValType::F64,
        0x7B => ValType::V128,
        _ => return read_ref_type(r).map(ValType::Ref),
    };
    r.u8()?;
    Ok(t)
}

fn read_field(r: &mut Reader) -> Result<FieldType> {
    let storage = match r.peek()? {
        0x78 => {
            r.u8()?;
            StorageType::I8
        }
        0x77 => {
            r.u8()?;
            StorageType::I16
        }
        _ => StorageType::Val(read_val_type(r)?),
    };
    let at = r.pos();
    let mutable = match r.u8()? {
        0 => false,
        1 => true,
        b => return err(at, format!("invalid mutability byte 0x{b:02x} (0 or 1)")),
    };
    Ok(FieldType { storage, mutable })
}

fn read_val_types(r: &mut Reader, what: &str, limit: u32) -> Result<Vec<ValType>> {
    let at = r.pos();
    let n = r.count(what, 1)?;
    if n > limit {
        return err(at, format!("{n} {what} is more than the {limit} allowed"));
    }
    let mut out = Vec::with_capacity(n as usize);
    for _ in 0..n {
        out.push(read_val_type(r)?);
    }
    Ok(out)
}

pub(crate) fn read_func_type(r: &mut Reader) -> Result<FuncType> {
    Ok(FuncType {
        params: read_val_types(r, "function params", MAX_PARAMS)?,
        results: read_val_types(r, "function results", MAX_RESULTS)?,
    })
}

fn read_composite(r: &mut Reader, form: u8, at: usize) -> Result<CompositeType> {
    match form {
        0x60 => Ok(CompositeType::Func(read_func_type(r)?)),
        0x5F => {
            let at = r.pos();
            let n = r.count("struct fields", 2)?;
            if n > MAX_STRUCT_FIELDS {
                return err(at, format!("{n} struct fields is more than allowed"));
            }
            let mut fields = Vec::with_capacity(n as usize);
            for _ in 0..n {
                fields.push(read_field(r)?);
            }
            Ok(CompositeType::Struct(fields))
        }
        0x5E => Ok(CompositeType::Array(read_field(r)?)),
        0x5D => not_covered(at, "continuation types (stack switching)"),
        0x65 => not_covered(at, "shared types (shared-everything threads)"),
        0x4C | 0x4D => not_covered(at, "type descriptors (custom descriptors)"),
        b => err(
            at,
            format!("invalid type form 0x{b:02x} (0x60 is a function type)"),
        ),
    }
}

fn read_sub_type(r: &mut Reader, rec_group: u32) -> Result<TypeDef> {
    let offset = r.pos();
    let form = r.u8()?;
    let (is_final, supertypes, form, form_at) = match form {
        0x50 | 0x4F => {
            let at = r.pos();
            let n = r.count("supertypes", 1)?;
            if n > MAX_SUPERTYPES {
                return err(at, format!("{n} supertypes is more than the 5 allowed"));
            }
            let mut supers = Vec::with_capacity(n as usize);
            for _ in 0..n {
                let at = r.pos();
                let i = r.u32()?;
                if i > MAX_TYPE_INDEX_IN_REF {
                    return err(at, format!("type index {i} is beyond the 2^20 limit"));
                }
                supers.push(i);
            }
            let form_at = r.pos();
            (form == 0x4F, supers, r.u8()?, form_at)
        }
        _ => (true, Vec::new(), form, offset),
    };
    Ok(TypeDef {
        offset,
        composite: read_composite(r, form, form_at)?,
        is_final,
        supertypes,
        rec_group,
    })
}

/// One entry of the type section: a recursion group (`0x4E`) of sub types, or a
/// single type. Appends the types to `out`.
pub(crate) fn read_rec_group(r: &mut Reader, group: u32, out: &mut Vec<TypeDef>) -> Result<()> {
    if r.peek()? == 0x4E {
        r.u8()?;
        let at = r.pos();
        let n = r.count("types in a rec group", 2)?;
        if n > MAX_REC_GROUP {
            return err(at, format!("{n} types in a rec group is more than allowed"));
        }
        for _ in 0..n {
            out.push(read_sub_type(r, group)?);
        }
        Ok(())
    } else {
        out.push(read_sub_type(r, group)?);
        Ok(())
    }
}
