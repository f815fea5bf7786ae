//! Helpers shared by the fuzz targets: turning fuzzer bytes into text (with a small
//! repetition language so that large, regular inputs are a few bytes away), and the
//! independent judges the targets check the lab against.

pub mod html;
pub mod json;
pub mod tree;
pub mod wasm;
/// lab::wasm against wasmparser and wasmprinter: the main crate's test judge, shared so
/// that the fuzz target and the tests hold the reader to the same agreement.
#[path = "../../tests/wasm_common/mod.rs"]
pub mod wasm_common;

/// Splits an input at its first `0xFF` byte. Text targets read the part before it as
/// text and the part after it as structured extras (sizes, edits, operations). `0xFF`
/// never occurs in UTF-8, so a plain-text seed is all text and has no extras.
pub fn split_extras(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

/// Byte that starts a repeated block: `0x01 HI LO body 0x02` writes `body`
/// `HI·256 + LO` times.
pub const REPEAT: u8 = 0x01;
/// Byte that ends a repeated block.
pub const END: u8 = 0x02;
/// Inside a block: the innermost repetition's number (1, 2, 3, …) in decimal.
pub const NUMBER: u8 = 0x03;
/// Inside a block: the innermost repetition's number as a column name (A, B, …, Z, AA).
pub const COLUMN: u8 = 0x04;
/// Inside a nested block: the enclosing repetition's number in decimal.
pub const OUTER_NUMBER: u8 = 0x05;

/// Blocks nest at most this deep; a deeper `0x01` is an ordinary byte.
const MAX_NESTING: usize = 3;

enum Piece {
    Bytes(Vec<u8>),
    Repeat(usize, Vec<Piece>),
    Number,
    Column,
    OuterNumber,
}

/// Expands the repetition language and reads the result as UTF-8 (invalid sequences
/// become U+FFFD), writing at most `cap` bytes.
///
/// `0x01 HI LO body 0x02` is `body` repeated `HI·256 + LO` times (an unclosed block runs
/// to the end); inside it `0x03` is the repetition's number, `0x04` the same as a
/// spreadsheet column name and `0x05` the enclosing block's number. So a 30,000-attribute
/// start tag is `<p 0x01 0x75 0x30 a0x03=x 0x02>` and a sheet of 50 × 100 formulas is two
/// nested blocks. Outside a block, `0x02`–`0x05` are ordinary bytes.
///
/// The cap bounds the work of the expansion itself (empty bodies repeated included), so
/// the cost of a run is the cost of the code under test, not of building its input.
pub fn expand(data: &[u8], cap: usize) -> String {
    let mut pos = 0;
    let pieces = parse_pieces(data, &mut pos, 0);
    let mut out = Vec::new();
    let mut budget = cap;
    let mut numbers = Vec::new();
    render(&pieces, &mut out, cap, &mut budget, &mut numbers);
    out.truncate(cap);
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_pieces(data: &[u8], pos: &mut usize, depth: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut bytes = Vec::new();
    let flush = |bytes: &mut Vec<u8>, pieces: &mut Vec<Piece>| {
        if !bytes.is_empty() {
            pieces.push(Piece::Bytes(std::mem::take(bytes)));
        }
    };
    while let Some(&b) = data.get(*pos) {
        *pos += 1;
        match b {
            REPEAT if depth < MAX_NESTING && *pos + 2 <= data.len() => {
                let count = usize::from(data[*pos]) << 8 | usize::from(data[*pos + 1]);
                *pos += 2;
                flush(&mut bytes, &mut pieces);
                let body = parse_pieces(data, pos, depth + 1);
                pieces.push(Piece::Repeat(count, body));
            }
            END if depth > 0 => break,
            NUMBER if depth > 0 => {
                flush(&mut bytes, &mut pieces);
                pieces.push(Piece::Number);
            }
            COLUMN if depth > 0 => {
                flush(&mut bytes, &mut pieces);
                pieces.push(Piece::Column);
            }
            OUTER_NUMBER if depth > 1 => {
                flush(&mut bytes, &mut pieces);
                pieces.push(Piece::OuterNumber);
            }
            other => bytes.push(other),
        }
    }
    flush(&mut bytes, &mut pieces);
    pieces
}

fn render(
    pieces: &[Piece],
    out: &mut Vec<u8>,
    cap: usize,
    budget: &mut usize,
    numbers: &mut Vec<usize>,
) {
    for piece in pieces {
        if out.len() >= cap || *budget == 0 {
            return;
        }
        match piece {
            Piece::Bytes(bytes) => out.extend_from_slice(bytes),
            Piece::Repeat(0, _) => {}
            Piece::Repeat(count, body) if is_constant(body) => {
                // The same bytes every time: write them once, then copy them in bulk.
                let start = out.len();
                render(body, out, cap, budget, numbers);
                let chunk = out.len() - start;
                if chunk > 0 {
                    // Doubling: log(count) copies, however small the chunk.
                    let total = (*count).min((cap.saturating_sub(start)).div_ceil(chunk));
                    let mut done = 1;
                    while done < total {
                        let n = done.min(total - done);
                        out.extend_from_within(start..start + n * chunk);
                        done += n;
                    }
                }
                *budget = budget.saturating_sub(*count);
            }
            Piece::Repeat(count, body) => {
                for i in 1..=*count {
                    // Every repetition costs budget, so empty bodies cannot spin.
                    *budget = budget.saturating_sub(1);
                    if out.len() >= cap || *budget == 0 {
                        break;
                    }
                    numbers.push(i);
                    render(body, out, cap, budget, numbers);
                    numbers.pop();
                }
            }
            Piece::Number => {
                let n = numbers.last().copied().unwrap_or(0);
                out.extend_from_slice(n.to_string().as_bytes());
            }
            Piece::Column => {
                let n = numbers.last().copied().unwrap_or(1);
                out.extend_from_slice(column_name(n).as_bytes());
            }
            Piece::OuterNumber => {
                let n = numbers.iter().rev().nth(1).copied().unwrap_or(0);
                out.extend_from_slice(n.to_string().as_bytes());
            }
        }
    }
}

/// Whether a block's body writes the same bytes on every repetition: no numbers of its
/// own, and its inner blocks only plain bytes (an inner block's `0x05` would name this
/// block's number).
fn is_constant(body: &[Piece]) -> bool {
    body.iter().all(|piece| match piece {
        Piece::Bytes(_) => true,
        Piece::Repeat(_, inner) => inner.iter().all(|p| matches!(p, Piece::Bytes(_))),
        Piece::Number | Piece::Column | Piece::OuterNumber => false,
    })
}

/// 1 → "A", 26 → "Z", 27 → "AA" (bijective base 26).
fn column_name(mut n: usize) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The longest increasing subsequence's length (strictly increasing), by patience
/// sorting: the reference the keyed-move count is checked against.
pub fn lis_len(seq: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &x in seq {
        let at = tails.partition_point(|&t| t < x);
        if at == tails.len() {
            tails.push(x);
        } else {
            tails[at] = x;
        }
    }
    tails.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(expand(b"<p>hi</p>", 100), "<p>hi</p>");
        assert_eq!(expand(b"a\x02b\x03", 100), "a\x02b\x03");
    }

    #[test]
    fn blocks_repeat_with_numbers_and_columns() {
        assert_eq!(
            expand(b"<p\x01\x00\x03 a\x03=x\x02>", 100),
            "<p a1=x a2=x a3=x>"
        );
        assert_eq!(
            expand(b"\x01\x00\x02\x01\x00\x03;\x04\x05\x02\x02", 100),
            ";A1;B1;C1;A2;B2;C2"
        );
        assert_eq!(column_name(26), "Z");
        assert_eq!(column_name(27), "AA");
        assert_eq!(column_name(100), "CV");
    }

    #[test]
    fn constant_blocks_are_copied_in_bulk_with_the_same_result() {
        assert_eq!(expand(b"[\x01\x00\x03ab\x02]", 100), "[ababab]");
        assert_eq!(expand(b"\x01\x00\x02x\x01\x00\x02y\x02\x02", 100), "xyyxyy");
        assert_eq!(expand(b"\x01\x00\x02\x01\x00\x02\x05\x02\x02", 100), "1122");
        assert_eq!(expand(b"\x01\xff\xffabc\x02", 7), "abcabca");
        assert_eq!(expand(b"a\x01\x00\x00b\x02c", 100), "ac");
    }

    #[test]
    fn the_cap_bounds_output_and_work() {
        assert_eq!(expand(b"\x01\xff\xffabc\x02", 10).len(), 10);
        // 65,535³ empty repetitions would never end without the budget.
        assert_eq!(
            expand(b"\x01\xff\xff\x01\xff\xff\x01\xff\xff\x02\x02\x02", 1000),
            ""
        );
    }

    #[test]
    fn extras_follow_the_first_ff() {
        assert_eq!(split_extras(b"ab\xffcd\xff"), (&b"ab"[..], &b"cd\xff"[..]));
        assert_eq!(split_extras(b"ab"), (&b"ab"[..], &b""[..]));
    }

    #[test]
    fn lis() {
        assert_eq!(lis_len(&[3, 1, 2, 5, 4]), 3);
        assert_eq!(lis_len(&[5, 4, 3]), 1);
        assert_eq!(lis_len(&[]), 0);
    }
}
