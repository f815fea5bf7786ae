//! A cursor over the bytes of a module. Every read is bounds-checked and every
//! error carries the absolute file offset where it happened.

use super::WasmError;
use super::leb128::{self, LebError};

/// The longest name accepted in imports, exports and custom section names.
/// Engines agree on no limit here; this is wasmparser's, so that the two readers
/// accept the same files.
pub(crate) const MAX_NAME_BYTES: usize = 100_000;

type LebReader<T> = fn(&[u8]) -> std::result::Result<(T, usize), LebError>;

#[derive(Clone)]
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    end: usize,
}

pub(crate) type Result<T> = std::result::Result<T, WasmError>;

pub(crate) fn err<T>(offset: usize, message: impl Into<String>) -> Result<T> {
    Err(WasmError {
        offset,
        message: message.into(),
    })
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader {
            data,
            pos: 0,
            end: data.len(),
        }
    }

    /// A reader over `start..end` of the same file (offsets stay absolute).
    /// `end` is clamped to the file, so a caller's arithmetic can never index past it.
    pub fn range(data: &'a [u8], start: usize, end: usize) -> Self {
        let end = end.min(data.len());
        Reader {
            data,
            pos: start.min(end),
            end,
        }
    }

    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn remaining(&self) -> usize {
        self.end - self.pos
    }

    pub fn eof(&self) -> bool {
        self.pos >= self.end
    }

    fn eof_error<T>(&self, what: &str) -> Result<T> {
        err(
            self.pos,
            format!("unexpected end of {what}: the bytes stop before it does"),
        )
    }

    pub fn peek(&self) -> Result<u8> {
        if self.pos < self.end {
            Ok(self.data[self.pos])
        } else {
            self.eof_error("input")
        }
    }

    pub fn u8(&mut self) -> Result<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Ok(b)
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return err(
                self.pos,
                format!(
                    "unexpected end: {n} bytes are needed here but only {} remain",
                    self.remaining()
                ),
            );
        }
        let start = self.pos;
        self.pos += n;
        Ok(&self.data[start..self.pos])
    }

    pub fn fixed<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    fn leb<T>(&mut self, what: &str, read: LebReader<T>) -> Result<T> {
        match read(&self.data[self.pos..self.end]) {
            Ok((value, used)) => {
                self.pos += used;
                Ok(value)
            }
            Err(LebError::UnexpectedEnd) => self.eof_error(what),
            Err(e) => err(self.pos, format!("invalid {what}: {e}")),
        }
    }

    pub fn u32(&mut self) -> Result<u32> {
        self.leb("LEB128 u32", leb128::read_u32)
    }

    pub fn i32(&mut self) -> Result<i32> {
        self.leb("LEB128 i32", leb128::read_i32)
    }

    pub fn i64(&mut self) -> Result<i64> {
        self.leb("LEB128 i64", leb128::read_i64)
    }

    pub fn s33(&mut self) -> Result<i64> {
        self.leb("LEB128 s33", leb128::read_s33)
    }

    /// A vector length: a u32 that must not promise more items than there are
    /// bytes left (every item takes at least `min_item_bytes`). Checking this first
    /// keeps a hostile count from driving an allocation or a long loop.
    pub fn count(&mut self, what: &str, min_item_bytes: usize) -> Result<u32> {
        let at = self.pos;
        let n = self.u32()?;
        if (n as usize).saturating_mul(min_item_bytes) > self.remaining() {
            return err(
                at,
                format!(
                    "{what}: the count says {n} but only {} bytes remain",
                    self.remaining()
                ),
            );
        }
        Ok(n)
    }

    /// A UTF-8 name: a u32 length, then that many bytes.
    pub fn name(&mut self, limit: Option<usize>) -> Result<&'a str> {
        let at = self.pos;
        let len = self.u32()? as usize;
        if let Some(limit) = limit
            && len > limit
        {
            return err(
                at,
                format!("a name of {len} bytes is longer than the {limit} allowed"),
            );
        }
        let bytes = self.bytes(len)?;
        std::str::from_utf8(bytes).or_else(|e| {
            err(
                at + (self.pos - at - len) + e.valid_up_to(),
                "a name is not valid UTF-8",
            )
        })
    }

    /// Skips to the end of this reader.
    pub fn skip_rest(&mut self) {
        self.pos = self.end;
    }
}
