//! LEB128: the variable-length integers of the WebAssembly binary format.
//!
//! Almost every number in a `.wasm` file — counts, sizes, indices, constants — is
//! written as LEB128 ("Little Endian Base 128"): seven bits of the number per byte,
//! lowest bits first, and the top bit of each byte says "another byte follows".
//! Small numbers, which are by far the most common, take one byte: `5` is `05`,
//! `624485` is `E5 8E 26`.
//!
//! Signed numbers use the same scheme on the two's-complement bits, and the
//! second-highest bit of the last byte is the sign: `-1` is `7F`, `63` is `3F`, but
//! `64` needs two bytes (`C0 00`) because `40` alone would read as `-64`.
//!
//! The WebAssembly specification adds two rules that make every number have a
//! bounded size, so a reader never loops over an endless run of `80` bytes:
//!
//! * **length**: an N-bit number takes at most ⌈N/7⌉ bytes (5 for 32 bits, 10 for
//!   64 bits); a continuation bit on the last allowed byte is an error
//!   ("representation too long");
//! * **unused bits**: the bits of that last byte beyond N must be zero for an
//!   unsigned number and copies of the sign bit for a signed one
//!   ("integer too large"). Redundant zero bytes *within* the limit are allowed:
//!   `80 80 80 80 00` is a valid (if wasteful) u32 zero.

use std::fmt;

/// Why a LEB128 number could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LebError {
    /// The bytes ended before the number did (the last byte read had its top bit set).
    UnexpectedEnd,
    /// The last byte the width allows still says "another byte follows".
    TooLong,
    /// The last byte sets bits beyond the width (unsigned), or bits that do not
    /// repeat the sign bit (signed).
    TooLarge,
}

impl fmt::Display for LebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LebError::UnexpectedEnd => "the bytes end in the middle of a LEB128 number",
            LebError::TooLong => "LEB128 number uses more bytes than its width allows",
            LebError::TooLarge => "LEB128 number does not fit its width (unused bits set)",
        })
    }
}

impl std::error::Error for LebError {}

// region: unsigned
/// Reads an unsigned number of `bits` bits (at most 64) from the start of `bytes`.
/// Returns the value and how many bytes it took.
fn unsigned(bytes: &[u8], bits: u32) -> Result<(u64, usize), LebError> {
    let max_bytes = bits.div_ceil(7) as usize;
    let mut result = 0u64;
    for i in 0..max_bytes {
        let byte = *bytes.get(i).ok_or(LebError::UnexpectedEnd)?;
        let payload = u64::from(byte & 0x7f);
        let shift = 7 * i as u32;
        if i + 1 == max_bytes {
            if byte & 0x80 != 0 {
                return Err(LebError::TooLong);
            }
            let used = bits - shift;
            if payload >> used != 0 {
                return Err(LebError::TooLarge);
            }
        }
        result |= payload << shift;
        if byte & 0x80 == 0 {
            return Ok((result, i + 1));
        }
    }
    // The last allowed byte either returned or failed above.
    Err(LebError::TooLong)
}
// endregion

/// Reads a signed number of `bits` bits (at most 64) from the start of `bytes`.
fn signed(bytes: &[u8], bits: u32) -> Result<(i64, usize), LebError> {
    let max_bytes = bits.div_ceil(7) as usize;
    let mut result = 0i64;
    for i in 0..max_bytes {
        let byte = *bytes.get(i).ok_or(LebError::UnexpectedEnd)?;
        let payload = i64::from(byte & 0x7f);
        let shift = 7 * i as u32;
        if i + 1 == max_bytes {
            if byte & 0x80 != 0 {
                return Err(LebError::TooLong);
            }
            // The sign bit and every bit above it must be equal: all 0 or all 1.
            let used = bits - shift;
            let rest = payload >> (used - 1);
            if rest != 0 && rest != (1 << (8 - used)) - 1 {
                return Err(LebError::TooLarge);
            }
        }
        if shift < 64 {
            result |= payload << shift;
        }
        if byte & 0x80 == 0 {
            let end = shift + 7;
            if end < 64 && payload & 0x40 != 0 {
                result |= -1i64 << end;
            }
            return Ok((result, i + 1));
        }
    }
    Err(LebError::TooLong)
}

/// Reads a `u32` (at most 5 bytes). Returns the value and the number of bytes used.
///
/// ```
/// use wasm_playground::lab::wasm::leb128;
/// assert_eq!(leb128::read_u32(&[0xE5, 0x8E, 0x26]), Ok((624_485, 3)));
/// assert!(leb128::read_u32(&[0xFF, 0xFF, 0xFF, 0xFF, 0x1F]).is_err()); // 2^35 - 1
/// ```
pub fn read_u32(bytes: &[u8]) -> Result<(u32, usize), LebError> {
    unsigned(bytes, 32).map(|(v, n)| (v as u32, n))
}

/// Reads a `u64` (at most 10 bytes).
pub fn read_u64(bytes: &[u8]) -> Result<(u64, usize), LebError> {
    unsigned(bytes, 64)
}

/// Reads an `i32` (at most 5 bytes).
///
/// ```
/// use wasm_playground::lab::wasm::leb128;
/// assert_eq!(leb128::read_i32(&[0x7F]), Ok((-1, 1)));
/// assert_eq!(leb128::read_i32(&[0xC0, 0x00]), Ok((64, 2)));
/// ```
pub fn read_i32(bytes: &[u8]) -> Result<(i32, usize), LebError> {
    signed(bytes, 32).map(|(v, n)| (v as i32, n))
}

/// Reads an `i64` (at most 10 bytes).
pub fn read_i64(bytes: &[u8]) -> Result<(i64, usize), LebError> {
    signed(bytes, 64)
}

/// Reads a signed 33-bit number (at most 5 bytes): the encoding of block types,
/// where a non-negative value is a type index and a negative one a value type.
pub fn read_s33(bytes: &[u8]) -> Result<(i64, usize), LebError> {
    signed(bytes, 33)
}

/// The shortest LEB128 bytes of an unsigned number.
///
/// ```
/// use wasm_playground::lab::wasm::leb128;
/// assert_eq!(leb128::write_u64(624_485), vec![0xE5, 0x8E, 0x26]);
/// ```
pub fn write_u64(mut value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

/// The shortest LEB128 bytes of a signed number.
///
/// ```
/// use wasm_playground::lab::wasm::leb128;
/// assert_eq!(leb128::write_i64(-1), vec![0x7F]);
/// assert_eq!(leb128::write_i64(64), vec![0xC0, 0x00]);
/// ```
pub fn write_i64(mut value: i64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        let sign_clear = byte & 0x40 == 0;
        if (value == 0 && sign_clear) || (value == -1 && !sign_clear) {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}
