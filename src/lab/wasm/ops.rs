//! Instructions: the opcode tables, a decoder that never recurses, and the text
//! wasmprinter prints for each instruction.
//!
//! Nested blocks are tracked on an explicit stack of frame kinds, one byte per
//! open `block`/`loop`/`if`, so a body of a million nested blocks costs a
//! megabyte of heap instead of a stack overflow.

use std::fmt::Write;

use super::reader::{Reader, Result, err};
use super::types::{HeapType, TypeDef, ValType, read_heap_type, read_val_type};

/// wasmparser's bounds, so that both readers accept the same bodies.
const MAX_BR_TABLE: u32 = 7_654_321;
const MAX_SELECT_TYPES: u32 = 10;

/// What follows an opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Imm {
    None,
    /// `block`, `loop`, `if`: a block type, and a new frame.
    Block,
    Else,
    End,
    /// A relative branch depth.
    Label,
    BrTable,
    Func,
    CallIndirect,
    Local,
    Global,
    /// A table index that wasmprinter always prints (`table.get 0`).
    Table,
    /// A memory argument; the number is log2 of the natural alignment.
    Mem(u8),
    /// A memory argument followed by a lane index.
    MemLane(u8),
    /// `memory.size`/`memory.grow`: a single reserved zero byte.
    ZeroByte,
    I32,
    I64,
    F32,
    F64,
    SelectT,
    RefNull,
    MemoryInit,
    DataDrop,
    MemoryCopy,
    MemoryFill,
    TableInit,
    ElemDrop,
    TableCopy,
    V128,
    Shuffle,
    Lane,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockType {
    Empty,
    Val(ValType),
    Func(u32),
}

/// The decoded immediates of one instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    None,
    Block(BlockType),
    Idx(u32),
    Two(u32, u32),
    /// Where the targets start, how many (the default follows them).
    BrTable {
        at: usize,
        count: u32,
        default: u32,
    },
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    Mem {
        align: u32,
        offset: u32,
        lane: Option<u8>,
    },
    Lane(u8),
    Bytes16([u8; 16]),
    /// Where the value types start and how many.
    Select {
        at: usize,
        count: u32,
    },
    Heap(HeapType),
}

/// One decoded instruction: its bytes in the file, its name and immediates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Instr {
    pub start: usize,
    pub end: usize,
    /// Where the immediates start (after the opcode and any prefix sub-opcode).
    pub imm_start: usize,
    pub name: &'static str,
    pub imm: Imm,
    pub val: Val,
}

/// Names of the numeric instructions 0x45..=0xC4, which have no immediates.
const NUMERIC: [&str; 128] = [
    "i32.eqz",
    "i32.eq",
    "i32.ne",
    "i32.lt_s",
    "i32.lt_u",
    "i32.gt_s",
    "i32.gt_u",
    "i32.le_s",
    "i32.le_u",
    "i32.ge_s",
    "i32.ge_u",
    "i64.eqz",
    "i64.eq",
    "i64.ne",
    "i64.lt_s",
    "i64.lt_u",
    "i64.gt_s",
    "i64.gt_u",
    "i64.le_s",
    "i64.le_u",
    "i64.ge_s",
    "i64.ge_u",
    "f32.eq",
    "f32.ne",
    "f32.lt",
    "f32.gt",
    "f32.le",
    "f32.ge",
    "f64.eq",
    "f64.ne",
    "f64.lt",
    "f64.gt",
    "f64.le",
    "f64.ge",
    "i32.clz",
    "i32.ctz",
    "i32.popcnt",
    "i32.add",
    "i32.sub",
    "i32.mul",
    "i32.div_s",
    "i32.div_u",
    "i32.rem_s",
    "i32.rem_u",
    "i32.and",
    "i32.or",
    "i32.xor",
    "i32.shl",
    "i32.shr_s",
    "i32.shr_u",
    "i32.rotl",
    "i32.rotr",
    "i64.clz",
    "i64.ctz",
    "i64.popcnt",
    "i64.add",
    "i64.sub",
    "i64.mul",
    "i64.div_s",
    "i64.div_u",
    "i64.rem_s",
    "i64.rem_u",
    "i64.and",
    "i64.or",
    "i64.xor",
    "i64.shl",
    "i64.shr_s",
    "i64.shr_u",
    "i64.rotl",
    "i64.rotr",
    "f32.abs",
    "f32.neg",
    "f32.ceil",
    "f32.floor",
    "f32.trunc",
    "f32.nearest",
    "f32.sqrt",
    "f32.add",
    "f32.sub",
    "f32.mul",
    "f32.div",
    "f32.min",
    "f32.max",
    "f32.copysign",
    "f64.abs",
    "f64.neg",
    "f64.ceil",
    "f64.floor",
    "f64.trunc",
    "f64.nearest",
    "f64.sqrt",
    "f64.add",
    "f64.sub",
    "f64.mul",
    "f64.div",
    "f64.min",
    "f64.max",
    "f64.copysign",
    "i32.wrap_i64",
    "i32.trunc_f32_s",
    "i32.trunc_f32_u",
    "i32.trunc_f64_s",
    "i32.trunc_f64_u",
    "i64.extend_i32_s",
    "i64.extend_i32_u",
    "i64.trunc_f32_s",
    "i64.trunc_f32_u",
    "i64.trunc_f64_s",
    "i64.trunc_f64_u",
    "f32.convert_i32_s",
    "f32.convert_i32_u",
    "f32.convert_i64_s",
    "f32.convert_i64_u",
    "f32.demote_f64",
    "f64.convert_i32_s",
    "f64.convert_i32_u",
    "f64.convert_i64_s",
    "f64.convert_i64_u",
    "f64.promote_f32",
    "i32.reinterpret_f32",
    "i64.reinterpret_f64",
    "f32.reinterpret_i32",
    "f64.reinterpret_i64",
    // Sign-extension operators.
    "i32.extend8_s",
    "i32.extend16_s",
    "i64.extend8_s",
    "i64.extend16_s",
    "i64.extend32_s",
];

/// An opcode of a proposal this reader does not decode: which proposal it is.
fn uncovered(op: u8) -> Option<&'static str> {
    Some(match op {
        0x06..=0x0A | 0x18 | 0x19 | 0x1F => "exception handling",
        0x12 | 0x13 => "tail calls",
        0x14 | 0x15 | 0xD3..=0xD6 => "typed function references",
        0xE0..=0xE6 => "stack switching",
        0xFB => "garbage collection (GC)",
        0xFE => "threads (atomics)",
        _ => return None,
    })
}

/// Single-byte opcodes: MVP, sign extension, multi-value `select t*`, reference types.
fn single(op: u8) -> Option<(&'static str, Imm)> {
    use Imm::*;
    Some(match op {
        0x00 => ("unreachable", None),
        0x01 => ("nop", None),
        0x02 => ("block", Block),
        0x03 => ("loop", Block),
        0x04 => ("if", Block),
        0x05 => ("else", Else),
        0x0B => ("end", End),
        0x0C => ("br", Label),
        0x0D => ("br_if", Label),
        0x0E => ("br_table", BrTable),
        0x0F => ("return", None),
        0x10 => ("call", Func),
        0x11 => ("call_indirect", CallIndirect),
        0x1A => ("drop", None),
        0x1B => ("select", None),
        0x1C => ("select", SelectT),
        0x20 => ("local.get", Local),
        0x21 => ("local.set", Local),
        0x22 => ("local.tee", Local),
        0x23 => ("global.get", Global),
        0x24 => ("global.set", Global),
        0x25 => ("table.get", Table),
        0x26 => ("table.set", Table),
        0x28 => ("i32.load", Mem(2)),
        0x29 => ("i64.load", Mem(3)),
        0x2A => ("f32.load", Mem(2)),
        0x2B => ("f64.load", Mem(3)),
        0x2C => ("i32.load8_s", Mem(0)),
        0x2D => ("i32.load8_u", Mem(0)),
        0x2E => ("i32.load16_s", Mem(1)),
        0x2F => ("i32.load16_u", Mem(1)),
        0x30 => ("i64.load8_s", Mem(0)),
        0x31 => ("i64.load8_u", Mem(0)),
        0x32 => ("i64.load16_s", Mem(1)),
        0x33 => ("i64.load16_u", Mem(1)),
        0x34 => ("i64.load32_s", Mem(2)),
        0x35 => ("i64.load32_u", Mem(2)),
        0x36 => ("i32.store", Mem(2)),
        0x37 => ("i64.store", Mem(3)),
        0x38 => ("f32.store", Mem(2)),
        0x39 => ("f64.store", Mem(3)),
        0x3A => ("i32.store8", Mem(0)),
        0x3B => ("i32.store16", Mem(1)),
        0x3C => ("i64.store8", Mem(0)),
        0x3D => ("i64.store16", Mem(1)),
        0x3E => ("i64.store32", Mem(2)),
        0x3F => ("memory.size", ZeroByte),
        0x40 => ("memory.grow", ZeroByte),
        0x41 => ("i32.const", I32),
        0x42 => ("i64.const", I64),
        0x43 => ("f32.const", F32),
        0x44 => ("f64.const", F64),
        0x45..=0xC4 => (NUMERIC[usize::from(op - 0x45)], None),
        0xD0 => ("ref.null", RefNull),
        0xD1 => ("ref.is_null", None),
        0xD2 => ("ref.func", Func),
        _ => return Option::None,
    })
}

/// `0xFC` sub-opcodes: saturating float-to-int (0–7), bulk memory and table
/// instructions (8–17).
fn prefix_fc(sub: u32) -> Option<(&'static str, Imm)> {
    use Imm::*;
    Some(match sub {
        0 => ("i32.trunc_sat_f32_s", None),
        1 => ("i32.trunc_sat_f32_u", None),
        2 => ("i32.trunc_sat_f64_s", None),
        3 => ("i32.trunc_sat_f64_u", None),
        4 => ("i64.trunc_sat_f32_s", None),
        5 => ("i64.trunc_sat_f32_u", None),
        6 => ("i64.trunc_sat_f64_s", None),
        7 => ("i64.trunc_sat_f64_u", None),
        8 => ("memory.init", MemoryInit),
        9 => ("data.drop", DataDrop),
        10 => ("memory.copy", MemoryCopy),
        11 => ("memory.fill", MemoryFill),
        12 => ("table.init", TableInit),
        13 => ("elem.drop", ElemDrop),
        14 => ("table.copy", TableCopy),
        15 => ("table.grow", Table),
        16 => ("table.size", Table),
        17 => ("table.fill", Table),
        _ => return Option::None,
    })
}

/// `0xFD` sub-opcodes: the fixed-width SIMD proposal (128-bit vectors).
fn prefix_fd(sub: u32) -> Option<(&'static str, Imm)> {
    use Imm::*;
    Some(match sub {
        0x00 => ("v128.load", Mem(4)),
        0x01 => ("v128.load8x8_s", Mem(3)),
        0x02 => ("v128.load8x8_u", Mem(3)),
        0x03 => ("v128.load16x4_s", Mem(3)),
        0x04 => ("v128.load16x4_u", Mem(3)),
        0x05 => ("v128.load32x2_s", Mem(3)),
        0x06 => ("v128.load32x2_u", Mem(3)),
        0x07 => ("v128.load8_splat", Mem(0)),
        0x08 => ("v128.load16_splat", Mem(1)),
        0x09 => ("v128.load32_splat", Mem(2)),
        0x0A => ("v128.load64_splat", Mem(3)),
        0x0B => ("v128.store", Mem(4)),
        0x0C => ("v128.const", V128),
        0x0D => ("i8x16.shuffle", Shuffle),
        0x0E => ("i8x16.swizzle", None),
        0x0F => ("i8x16.splat", None),
        0x10 => ("i16x8.splat", None),
        0x11 => ("i32x4.splat", None),
        0x12 => ("i64x2.splat", None),
        0x13 => ("f32x4.splat", None),
        0x14 => ("f64x2.splat", None),
        0x15 => ("i8x16.extract_lane_s", Lane),
        0x16 => ("i8x16.extract_lane_u", Lane),
        0x17 => ("i8x16.replace_lane", Lane),
        0x18 => ("i16x8.extract_lane_s", Lane),
        0x19 => ("i16x8.extract_lane_u", Lane),
        0x1A => ("i16x8.replace_lane", Lane),
        0x1B => ("i32x4.extract_lane", Lane),
        0x1C => ("i32x4.replace_lane", Lane),
        0x1D => ("i64x2.extract_lane", Lane),
        0x1E => ("i64x2.replace_lane", Lane),
        0x1F => ("f32x4.extract_lane", Lane),
        0x20 => ("f32x4.replace_lane", Lane),
        0x21 => ("f64x2.extract_lane", Lane),
        0x22 => ("f64x2.replace_lane", Lane),
        0x23 => ("i8x16.eq", None),
        0x24 => ("i8x16.ne", None),
        0x25 => ("i8x16.lt_s", None),
        0x26 => ("i8x16.lt_u", None),
        0x27 => ("i8x16.gt_s", None),
        0x28 => ("i8x16.gt_u", None),
        0x29 => ("i8x16.le_s", None),
        0x2A => ("i8x16.le_u", None),
        0x2B => ("i8x16.ge_s", None),
        0x2C => ("i8x16.ge_u", None),
        0x2D => ("i16x8.eq", None),
        0x2E => ("i16x8.ne", None),
        0x2F => ("i16x8.lt_s", None),
        0x30 => ("i16x8.lt_u", None),
        0x31 => ("i16x8.gt_s", None),
        0x32 => ("i16x8.gt_u", None),
        0x33 => ("i16x8.le_s", None),
        0x34 => ("i16x8.le_u", None),
        0x35 => ("i16x8.ge_s", None),
        0x36 => ("i16x8.ge_u", None),
        0x37 => ("i32x4.eq", None),
        0x38 => ("i32x4.ne", None),
        0x39 => ("i32x4.lt_s", None),
        0x3A => ("i32x4.lt_u", None),
        0x3B => ("i32x4.gt_s", None),
        0x3C => ("i32x4.gt_u", None),
        0x3D => ("i32x4.le_s", None),
        0x3E => ("i32x4.le_u", None),
        0x3F => ("i32x4.ge_s", None),
        0x40 => ("i32x4.ge_u", None),
        0x41 => ("f32x4.eq", None),
        0x42 => ("f32x4.ne", None),
        0x43 => ("f32x4.lt", None),
        0x44 => ("f32x4.gt", None),
        0x45 => ("f32x4.le", None),
        0x46 => ("f32x4.ge", None),
        0x47 => ("f64x2.eq", None),
        0x48 => ("f64x2.ne", None),
        0x49 => ("f64x2.lt", None),
        0x4A => ("f64x2.gt", None),
        0x4B => ("f64x2.le", None),
        0x4C => ("f64x2.ge", None),
        0x4D => ("v128.not", None),
        0x4E => ("v128.and", None),
        0x4F => ("v128.andnot", None),
        0x50 => ("v128.or", None),
        0x51 => ("v128.xor", None),
        0x52 => ("v128.bitselect", None),
        0x53 => ("v128.any_true", None),
        0x54 => ("v128.load8_lane", MemLane(0)),
        0x55 => ("v128.load16_lane", MemLane(1)),
        0x56 => ("v128.load32_lane", MemLane(2)),
        0x57 => ("v128.load64_lane", MemLane(3)),
        0x58 => ("v128.store8_lane", MemLane(0)),
        0x59 => ("v128.store16_lane", MemLane(1)),
        0x5A => ("v128.store32_lane", MemLane(2)),
        0x5B => ("v128.store64_lane", MemLane(3)),
        0x5C => ("v128.load32_zero", Mem(2)),
        0x5D => ("v128.load64_zero", Mem(3)),
        0x5E => ("f32x4.demote_f64x2_zero", None),
        0x5F => ("f64x2.promote_low_f32x4", None),
        0x60 => ("i8x16.abs", None),
        0x61 => ("i8x16.neg", None),
        0x62 => ("i8x16.popcnt", None),
        0x63 => ("i8x16.all_true", None),
        0x64 => ("i8x16.bitmask", None),
        0x65 => ("i8x16.narrow_i16x8_s", None),
        0x66 => ("i8x16.narrow_i16x8_u", None),
        0x67 => ("f32x4.ceil", None),
        0x68 => ("f32x4.floor", None),
        0x69 => ("f32x4.trunc", None),
        0x6A => ("f32x4.nearest", None),
        0x6B => ("i8x16.shl", None),
        0x6C => ("i8x16.shr_s", None),
        0x6D => ("i8x16.shr_u", None),
        0x6E => ("i8x16.add", None),
        0x6F => ("i8x16.add_sat_s", None),
        0x70 => ("i8x16.add_sat_u", None),
        0x71 => ("i8x16.sub", None),
        0x72 => ("i8x16.sub_sat_s", None),
        0x73 => ("i8x16.sub_sat_u", None),
        0x74 => ("f64x2.ceil", None),
        0x75 => ("f64x2.floor", None),
        0x76 => ("i8x16.min_s", None),
        0x77 => ("i8x16.min_u", None),
        0x78 => ("i8x16.max_s", None),
        0x79 => ("i8x16.max_u", None),
        0x7A => ("f64x2.trunc", None),
        0x7B => ("i8x16.avgr_u", None),
        0x7C => ("i16x8.extadd_pairwise_i8x16_s", None),
        0x7D => ("i16x8.extadd_pairwise_i8x16_u", None),
        0x7E => ("i32x4.extadd_pairwise_i16x8_s", None),
        0x7F => ("i32x4.extadd_pairwise_i16x8_u", None),
        0x80 => ("i16x8.abs", None),
        0x81 => ("i16x8.neg", None),
        0x82 => ("i16x8.q15mulr_sat_s", None),
        0x83 => ("i16x8.all_true", None),
        0x84 => ("i16x8.bitmask", None),
        0x85 => ("i16x8.narrow_i32x4_s", None),
        0x86 => ("i16x8.narrow_i32x4_u", None),
        0x87 => ("i16x8.extend_low_i8x16_s", None),
        0x88 => ("i16x8.extend_high_i8x16_s", None),
        0x89 => ("i16x8.extend_low_i8x16_u", None),
        0x8A => ("i16x8.extend_high_i8x16_u", None),
        0x8B => ("i16x8.shl", None),
        0x8C => ("i16x8.shr_s", None),
        0x8D => ("i16x8.shr_u", None),
        0x8E => ("i16x8.add", None),
        0x8F => ("i16x8.add_sat_s", None),
        0x90 => ("i16x8.add_sat_u", None),
        0x91 => ("i16x8.sub", None),
        0x92 => ("i16x8.sub_sat_s", None),
        0x93 => ("i16x8.sub_sat_u", None),
        0x94 => ("f64x2.nearest", None),
        0x95 => ("i16x8.mul", None),
        0x96 => ("i16x8.min_s", None),
        0x97 => ("i16x8.min_u", None),
        0x98 => ("i16x8.max_s", None),
        0x99 => ("i16x8.max_u", None),
        0x9B => ("i16x8.avgr_u", None),
        0x9C => ("i16x8.extmul_low_i8x16_s", None),
        0x9D => ("i16x8.extmul_high_i8x16_s", None),
        0x9E => ("i16x8.extmul_low_i8x16_u", None),
        0x9F => ("i16x8.extmul_high_i8x16_u", None),
        0xA0 => ("i32x4.abs", None),
        0xA1 => ("i32x4.neg", None),
        0xA3 => ("i32x4.all_true", None),
        0xA4 => ("i32x4.bitmask", None),
        0xA7 => ("i32x4.extend_low_i16x8_s", None),
        0xA8 => ("i32x4.extend_high_i16x8_s", None),
        0xA9 => ("i32x4.extend_low_i16x8_u", None),
        0xAA => ("i32x4.extend_high_i16x8_u", None),
        0xAB => ("i32x4.shl", None),
        0xAC => ("i32x4.shr_s", None),
        0xAD => ("i32x4.shr_u", None),
        0xAE => ("i32x4.add", None),
        0xB1 => ("i32x4.sub", None),
        0xB5 => ("i32x4.mul", None),
        0xB6 => ("i32x4.min_s", None),
        0xB7 => ("i32x4.min_u", None),
        0xB8 => ("i32x4.max_s", None),
        0xB9 => ("i32x4.max_u", None),
        0xBA => ("i32x4.dot_i16x8_s", None),
        0xBC => ("i32x4.extmul_low_i16x8_s", None),
        0xBD => ("i32x4.extmul_high_i16x8_s", None),
        0xBE => ("i32x4.extmul_low_i16x8_u", None),
        0xBF => ("i32x4.extmul_high_i16x8_u", None),
        0xC0 => ("i64x2.abs", None),
        0xC1 => ("i64x2.neg", None),
        0xC3 => ("i64x2.all_true", None),
        0xC4 => ("i64x2.bitmask", None),
        0xC7 => ("i64x2.extend_low_i32x4_s", None),
        0xC8 => ("i64x2.extend_high_i32x4_s", None),
        0xC9 => ("i64x2.extend_low_i32x4_u", None),
        0xCA => ("i64x2.extend_high_i32x4_u", None),
        0xCB => ("i64x2.shl", None),
        0xCC => ("i64x2.shr_s", None),
        0xCD => ("i64x2.shr_u", None),
        0xCE => ("i64x2.add", None),
        0xD1 => ("i64x2.sub", None),
        0xD5 => ("i64x2.mul", None),
        0xD6 => ("i64x2.eq", None),
        0xD7 => ("i64x2.ne", None),
        0xD8 => ("i64x2.lt_s", None),
        0xD9 => ("i64x2.gt_s", None),
        0xDA => ("i64x2.le_s", None),
        0xDB => ("i64x2.ge_s", None),
        0xDC => ("i64x2.extmul_low_i32x4_s", None),
        0xDD => ("i64x2.extmul_high_i32x4_s", None),
        0xDE => ("i64x2.extmul_low_i32x4_u", None),
        0xDF => ("i64x2.extmul_high_i32x4_u", None),
        0xE0 => ("f32x4.abs", None),
        0xE1 => ("f32x4.neg", None),
        0xE3 => ("f32x4.sqrt", None),
        0xE4 => ("f32x4.add", None),
        0xE5 => ("f32x4.sub", None),
        0xE6 => ("f32x4.mul", None),
        0xE7 => ("f32x4.div", None),
        0xE8 => ("f32x4.min", None),
        0xE9 => ("f32x4.max", None),
        0xEA => ("f32x4.pmin", None),
        0xEB => ("f32x4.pmax", None),
        0xEC => ("f64x2.abs", None),
        0xED => ("f64x2.neg", None),
        0xEF => ("f64x2.sqrt", None),
        0xF0 => ("f64x2.add", None),
        0xF1 => ("f64x2.sub", None),
        0xF2 => ("f64x2.mul", None),
        0xF3 => ("f64x2.div", None),
        0xF4 => ("f64x2.min", None),
        0xF5 => ("f64x2.max", None),
        0xF6 => ("f64x2.pmin", None),
        0xF7 => ("f64x2.pmax", None),
        0xF8 => ("i32x4.trunc_sat_f32x4_s", None),
        0xF9 => ("i32x4.trunc_sat_f32x4_u", None),
        0xFA => ("f32x4.convert_i32x4_s", None),
        0xFB => ("f32x4.convert_i32x4_u", None),
        0xFC => ("i32x4.trunc_sat_f64x2_s_zero", None),
        0xFD => ("i32x4.trunc_sat_f64x2_u_zero", None),
        0xFE => ("f64x2.convert_low_i32x4_s", None),
        0xFF => ("f64x2.convert_low_i32x4_u", None),
        _ => return Option::None,
    })
}

const FRAME_BLOCK: u8 = 0;
const FRAME_IF: u8 = 1;
const FRAME_ELSE: u8 = 2;

/// Decodes instructions one at a time, keeping the stack of open blocks that the
/// binary format's nesting rules need (`else` only inside `if`, nothing after the
/// `end` that closes the function).
pub(crate) struct Decoder {
    frames: Vec<u8>,
}

impl Decoder {
    /// A decoder positioned inside a function body or constant expression, whose
    /// implicit outer block is already open.
    pub fn new() -> Self {
        Decoder {
            frames: vec![FRAME_BLOCK],
        }
    }

    /// Open blocks, the implicit outer one included.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    pub fn next(&mut self, r: &mut Reader) -> Result<Instr> {
        let start = r.pos();
        if self.frames.is_empty() {
            return err(
                start,
                "instructions continue after the end of the function body",
            );
        }
        let op = r.u8()?;
        let (name, imm) = match op {
            0xFC | 0xFD => {
                let sub = r.u32()?;
                let found = if op == 0xFC {
                    prefix_fc(sub)
                } else {
                    prefix_fd(sub)
                };
                match found {
                    Some(x) => x,
                    None => {
                        let what = match (op, sub) {
                            (0xFC, 0x12) => "memory control",
                            (0xFC, 0x13..=0x16) => "wide arithmetic",
                            (0xFD, 0x100..=0x113) => "relaxed SIMD",
                            _ => return err(start, format!("unknown opcode 0x{op:02x} {sub}")),
                        };
                        return err(
                            start,
                            format!(
                                "opcode 0x{op:02x} {sub} belongs to {what}, which this reader does not cover"
                            ),
                        );
                    }
                }
            }
            _ => match single(op) {
                Some(x) => x,
                None => {
                    return match uncovered(op) {
                        Some(what) => err(
                            start,
                            format!(
                                "opcode 0x{op:02x} belongs to {what}, which this reader does not cover"
                            ),
                        ),
                        None => err(start, format!("illegal opcode 0x{op:02x}")),
                    };
                }
            },
        };
        let imm_start = r.pos();
        let val = self.immediates(r, imm, start)?;
        Ok(Instr {
            start,
            end: r.pos(),
            imm_start,
            name,
            imm,
            val,
        })
    }

    fn immediates(&mut self, r: &mut Reader, imm: Imm, start: usize) -> Result<Val> {
        Ok(match imm {
            Imm::None => Val::None,
            Imm::Block => {
                let bt = read_block_type(r)?;
                let kind = if r.data().get(start) == Some(&0x04) {
                    FRAME_IF
                } else {
                    FRAME_BLOCK
                };
                self.frames.push(kind);
                Val::Block(bt)
            }
            Imm::Else => {
                if self.frames.last() != Some(&FRAME_IF) {
                    return err(start, "`else` outside an `if` block");
                }
                self.frames.pop();
                self.frames.push(FRAME_ELSE);
                Val::None
            }
            Imm::End => {
                self.frames.pop();
                Val::None
            }
            Imm::Label
            | Imm::Func
            | Imm::Local
            | Imm::Global
            | Imm::Table
            | Imm::DataDrop
            | Imm::ElemDrop
            | Imm::MemoryFill => Val::Idx(r.u32()?),
            Imm::CallIndirect
            | Imm::MemoryInit
            | Imm::MemoryCopy
            | Imm::TableInit
            | Imm::TableCopy => {
                let a = r.u32()?;
                Val::Two(a, r.u32()?)
            }
            Imm::BrTable => {
                let at = r.pos();
                let count = r.count("br_table targets", 1)?;
                if count > MAX_BR_TABLE {
                    return err(at, format!("a br_table of {count} targets is too large"));
                }
                let targets = r.pos();
                for _ in 0..count {
                    r.u32()?;
                }
                Val::BrTable {
                    at: targets,
                    count,
                    default: r.u32()?,
                }
            }
            Imm::Mem(_) | Imm::MemLane(_) => {
                let at = r.pos();
                let flags = r.u32()?;
                if flags & !0x3F != 0 {
                    // Bit 6 would name a memory (multi-memory), which this reader
                    // does not cover; higher bits are reserved.
                    return err(at, "memory argument sets reserved flag bits");
                }
                let offset = r.u32()?;
                let lane = match imm {
                    Imm::MemLane(_) => Some(r.u8()?),
                    _ => None,
                };
                Val::Mem {
                    align: flags,
                    offset,
                    lane,
                }
            }
            Imm::ZeroByte => {
                let at = r.pos();
                if r.u8()? != 0 {
                    return err(at, "a zero byte is expected here (one memory only)");
                }
                Val::None
            }
            Imm::I32 => Val::I32(r.i32()?),
            Imm::I64 => Val::I64(r.i64()?),
            Imm::F32 => Val::F32(u32::from_le_bytes(r.fixed()?)),
            Imm::F64 => Val::F64(u64::from_le_bytes(r.fixed()?)),
            Imm::SelectT => {
                let at = r.pos();
                let count = r.u32()?;
                if count > MAX_SELECT_TYPES {
                    return err(at, format!("select with {count} result types"));
                }
                let types = r.pos();
                for _ in 0..count {
                    read_val_type(r)?;
                }
                Val::Select { at: types, count }
            }
            Imm::RefNull => Val::Heap(read_heap_type(r)?),
            Imm::V128 | Imm::Shuffle => Val::Bytes16(r.fixed()?),
            Imm::Lane => Val::Lane(r.u8()?),
        })
    }
}

fn read_block_type(r: &mut Reader) -> Result<BlockType> {
    let b = r.peek()?;
    // One byte with the sign bit set and no continuation: 0x40 (empty) or a value
    // type. Anything else is a type index as a non-negative s33.
    if b & 0x80 == 0 && b & 0x40 != 0 {
        if b == 0x40 {
            r.u8()?;
            return Ok(BlockType::Empty);
        }
        return Ok(BlockType::Val(read_val_type(r)?));
    }
    let at = r.pos();
    let index = r.s33()?;
    if index < 0 {
        return err(at, "invalid block type");
    }
    Ok(BlockType::Func(index as u32))
}

/// Decodes a whole function body (after its locals) to the `end` that closes it,
/// which must be the body's last byte. Calls `each` for every instruction and
/// returns how many there were.
pub(crate) fn decode_body(
    r: &mut Reader,
    mut each: impl FnMut(&Instr) -> Result<()>,
) -> Result<u32> {
    let mut decoder = Decoder::new();
    let mut count = 0u32;
    while decoder.depth() > 0 {
        if r.eof() {
            return err(
                r.pos(),
                format!(
                    "the function body ends with {} block(s) still open (a final `end` is missing)",
                    decoder.depth()
                ),
            );
        }
        let ins = decoder.next(r)?;
        each(&ins)?;
        count = count.saturating_add(1);
    }
    if !r.eof() {
        return err(
            r.pos(),
            "instructions continue after the end of the function body",
        );
    }
    Ok(count)
}

/// A constant expression (a global's initial value, a segment's offset): the
/// instructions up to the first `end`, which must close the expression itself.
pub(crate) fn decode_const_expr(
    r: &mut Reader,
    mut each: impl FnMut(&Instr) -> Result<()>,
) -> Result<()> {
    let mut decoder = Decoder::new();
    loop {
        let ins = decoder.next(r)?;
        if ins.imm == Imm::End {
            if decoder.depth() > 0 {
                return err(
                    ins.start,
                    "a block is still open at the end of the expression",
                );
            }
            return Ok(());
        }
        each(&ins)?;
    }
}

/// Writes a float constant as wasmprinter does: hexadecimal significand and
/// binary exponent (`0x1.8p+0`), `inf`, `nan`, `nan:0x…` for other payloads.
fn write_float(out: &mut String, bits: u64, width: u32, exp_bits: u32) {
    let mant_bits = width - 1 - exp_bits;
    let sign = (bits >> (width - 1)) & 1 == 1;
    let magnitude = bits & !(1u64 << (width - 1));
    if sign {
        out.push('-');
    }
    let exp_field = magnitude >> mant_bits;
    let fraction = magnitude & ((1u64 << mant_bits) - 1);
    let exp_all_ones = (1u64 << exp_bits) - 1;
    if exp_field == exp_all_ones {
        if fraction == 0 {
            out.push_str("inf");
        } else if fraction == 1u64 << (mant_bits - 1) {
            out.push_str("nan");
        } else {
            let _ = write!(out, "nan:{fraction:#x}");
        }
        return;
    }
    if magnitude == 0 {
        out.push_str("0x0p+0");
        return;
    }
    let bias = (1i64 << (exp_bits - 1)) - 1;
    let min_exp = -bias;
    let mut exponent = exp_field as i64 - bias;
    out.push_str("0x1");
    if fraction > 0 {
        // Line the fraction up with the top of a u64 and print it 4 bits at a time.
        let mut frac = fraction << (64 - mant_bits);
        if exponent == min_exp {
            // Subnormal: normalise so the leading 1 becomes the "1." printed above.
            let leading = frac.leading_zeros();
            frac = frac.checked_shl(leading + 1).unwrap_or(0);
            exponent -= i64::from(leading);
        }
        out.push('.');
        while frac > 0 {
            let _ = write!(out, "{:x}", frac >> 60);
            frac <<= 4;
        }
    }
    let _ = write!(out, "p{exponent:+}");
}

fn write_block_type(out: &mut String, bt: BlockType, types: &[TypeDef]) {
    match bt {
        BlockType::Empty => {}
        BlockType::Val(t) => {
            let _ = write!(out, " (result {t})");
        }
        BlockType::Func(i) => {
            let _ = write!(out, " (type {i})");
            if let Some(f) = types.get(i as usize).and_then(TypeDef::as_func) {
                f.write_signature(out);
            }
        }
    }
}

/// Appends the instruction's text as wasmprinter prints it (without comments,
/// names or indentation).
pub(crate) fn write_instr(out: &mut String, ins: &Instr, data: &[u8], types: &[TypeDef]) {
    out.push_str(ins.name);
    match (ins.imm, ins.val) {
        (_, Val::Block(bt)) => write_block_type(out, bt, types),
        (Imm::CallIndirect, Val::Two(ty, table)) => {
            if table != 0 {
                let _ = write!(out, " {table}");
            }
            let _ = write!(out, " (type {ty})");
        }
        (Imm::MemoryInit | Imm::TableInit, Val::Two(segment, index)) => {
            if index != 0 {
                let _ = write!(out, " {index}");
            }
            let _ = write!(out, " {segment}");
        }
        (Imm::MemoryCopy | Imm::TableCopy, Val::Two(dst, src)) if dst != 0 || src != 0 => {
            let _ = write!(out, " {dst} {src}");
        }
        (Imm::MemoryFill, Val::Idx(mem)) if mem != 0 => {
            let _ = write!(out, " {mem}");
        }
        // Memory and table 0 are implied.
        (Imm::MemoryCopy | Imm::TableCopy | Imm::MemoryFill, _) => {}
        (_, Val::Idx(i)) => {
            let _ = write!(out, " {i}");
        }
        (_, Val::BrTable { at, count, default }) => {
            let mut r = Reader::range(data, at, data.len());
            for _ in 0..count {
                match r.u32() {
                    Ok(t) => {
                        let _ = write!(out, " {t}");
                    }
                    Err(_) => break,
                }
            }
            let _ = write!(out, " {default}");
        }
        (_, Val::I32(v)) => {
            let _ = write!(out, " {v}");
        }
        (_, Val::I64(v)) => {
            let _ = write!(out, " {v}");
        }
        (_, Val::F32(bits)) => {
            out.push(' ');
            write_float(out, u64::from(bits), 32, 8);
        }
        (_, Val::F64(bits)) => {
            out.push(' ');
            write_float(out, bits, 64, 11);
        }
        (
            Imm::Mem(natural) | Imm::MemLane(natural),
            Val::Mem {
                align,
                offset,
                lane,
            },
        ) => {
            if offset != 0 {
                let _ = write!(out, " offset={offset}");
            }
            if align != u32::from(natural) {
                let _ = write!(out, " align={}", 1u64 << (align & 63));
            }
            if let Some(lane) = lane {
                let _ = write!(out, " {lane}");
            }
        }
        (_, Val::Lane(l)) => {
            let _ = write!(out, " {l}");
        }
        (Imm::V128, Val::Bytes16(b)) => {
            out.push_str(" i32x4");
            for c in b.chunks_exact(4) {
                let _ = write!(
                    out,
                    " 0x{:08x}",
                    u32::from_le_bytes([c[0], c[1], c[2], c[3]])
                );
            }
        }
        (_, Val::Bytes16(lanes)) => {
            for l in lanes {
                let _ = write!(out, " {l}");
            }
        }
        (_, Val::Select { at, count }) => {
            out.push_str(" (result");
            let mut r = Reader::range(data, at, data.len());
            for _ in 0..count {
                match read_val_type(&mut r) {
                    Ok(t) => {
                        let _ = write!(out, " {t}");
                    }
                    Err(_) => break,
                }
            }
            out.push(')');
        }
        (_, Val::Heap(h)) => {
            let _ = write!(out, " {h}");
        }
        _ => {}
    }
}

/// The instruction's text.
pub(crate) fn instr_text(ins: &Instr, data: &[u8], types: &[TypeDef]) -> String {
    let mut s = String::new();
    write_instr(&mut s, ins, data, types);
    s
}
