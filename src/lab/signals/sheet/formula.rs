//! Cell references, the formula language and its parser.
//!
//! ```text
//! formula  = "=" expr
//! expr     = term { ("+" | "-") term }
//! term     = unary { ("*" | "/") unary }
//! unary    = ("-" | "+") unary | primary
//! primary  = number | cell | function "(" [ arg { "," arg } ] ")" | "(" expr ")"
//! arg      = cell ":" cell | expr
//! function = SUM | AVG | AVERAGE | MIN | MAX | COUNT      (any case)
//! number   = digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ]   (or "." digits ...)
//! cell     = letters digits      (A1, b7, AA10; any case)
//! ```
//!
//! The parser is recursive descent with an explicit nesting limit
//! ([`MAX_NESTING`]): "((((…" or "----…" thousands deep is a parse error, not a
//! stack overflow. Errors carry the character position (0-based, counting the `=`).

use std::fmt;

/// Deepest nesting of parentheses, unary signs and function calls in one formula.
pub const MAX_NESTING: usize = 32;

/// Most letters in a column name ("ZZZ" = column 18,278).
const MAX_COLUMN_LETTERS: usize = 3;

/// A cell position, 0-based. Written `A1` (column letters, 1-based row).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// 0-based column (A = 0).
    pub col: u32,
    /// 0-based row (row "1" = 0).
    pub row: u32,
}

impl CellRef {
    /// The cell at 0-based `col`, `row`.
    pub fn new(col: u32, row: u32) -> CellRef {
        CellRef { col, row }
    }

    /// Parses `A1`-style names (any case, no spaces). `None` if it is not one.
    pub fn parse(name: &str) -> Option<CellRef> {
        let chars: Vec<char> = name.chars().collect();
        let (r, used) = scan_cell(&chars, 0)?;
        (used == chars.len()).then_some(r)
    }

    /// The spreadsheet name of a column: 0 → "A", 25 → "Z", 26 → "AA".
    pub fn column_name(col: u32) -> String {
        // Bijective base 26.
        let mut n = u64::from(col) + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = ((n - 1) % 26) as u8;
            out.push(char::from(b'A' + rem));
            n = (n - 1) / 26;
        }
        out.iter().rev().collect()
    }

    /// "A1"-style name.
    pub fn name(&self) -> String {
        format!(
            "{}{}",
            CellRef::column_name(self.col),
            u64::from(self.row) + 1
        )
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Reads a cell name at `pos`: letters then digits. Returns the cell and the position
/// after it. Rows and columns that overflow `u32` are not cells.
fn scan_cell(chars: &[char], pos: usize) -> Option<(CellRef, usize)> {
    let mut i = pos;
    let mut col: u64 = 0;
    while let Some(c) = chars.get(i).filter(|c| c.is_ascii_alphabetic()) {
        if i - pos >= MAX_COLUMN_LETTERS {
            return None;
        }
        col = col * 26 + u64::from(c.to_ascii_uppercase() as u8 - b'A' + 1);
        i += 1;
    }
    if i == pos {
        return None;
    }
    let digits_start = i;
    let mut row: u64 = 0;
    while let Some(c) = chars.get(i).filter(|c| c.is_ascii_digit()) {
        row = row
            .checked_mul(10)?
            .checked_add(u64::from(*c as u8 - b'0'))?;
        if row > u64::from(u32::MAX) {
            return None;
        }
        i += 1;
    }
    if i == digits_start || row == 0 {
        return None;
    }
    Some((
        CellRef {
            col: u32::try_from(col - 1).ok()?,
            row: u32::try_from(row - 1).ok()?,
        },
        i,
    ))
}

/// The aggregate functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// Sum of the numbers.
    Sum,
    /// Mean of the numbers (`#DIV/0!` if there are none).
    Avg,
    /// Smallest number (0 if there are none, as spreadsheets do).
    Min,
    /// Largest number (0 if there are none).
    Max,
    /// How many numbers.
    Count,
}

impl Function {
    fn from_name(name: &str) -> Option<Function> {
        match name.to_ascii_uppercase().as_str() {
            "SUM" => Some(Function::Sum),
            "AVG" | "AVERAGE" => Some(Function::Avg),
            "MIN" => Some(Function::Min),
            "MAX" => Some(Function::Max),
            "COUNT" => Some(Function::Count),
            _ => None,
        }
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Function::Sum => "SUM",
            Function::Avg => "AVG",
            Function::Min => "MIN",
            Function::Max => "MAX",
            Function::Count => "COUNT",
        }
    }
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A function argument: a rectangular range or a single expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// `A1:B3` (corners in any order).
    Range(CellRef, CellRef),
    /// Anything else.
    Expr(Expr),
}

/// A parsed formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A number literal.
    Number(f64),
    /// A reference to another cell.
    Cell(CellRef),
    /// `-x`.
    Neg(Box<Expr>),
    /// `x op y`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `SUM(...)` and friends.
    Call(Function, Vec<Arg>),
}

impl Expr {
    /// Every rectangle the formula reads, as `(top-left, bottom-right)` corners in the
    /// order they appear (a single cell is a 1×1 rectangle), not clipped to any grid and
    /// not expanded: a range is one entry however many cells it covers.
    pub fn reference_areas(&self) -> Vec<(CellRef, CellRef)> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match e {
                Expr::Number(_) => {}
                Expr::Cell(c) => out.push((*c, *c)),
                Expr::Neg(x) => stack.push(x),
                Expr::Binary(_, l, r) => {
                    // Right pushed first so that the left operand comes out first.
                    stack.push(r);
                    stack.push(l);
                }
                Expr::Call(_, args) => {
                    for a in args.iter().rev() {
                        match a {
                            Arg::Expr(x) => stack.push(x),
                            Arg::Range(p, q) => out.push((
                                CellRef::new(p.col.min(q.col), p.row.min(q.row)),
                                CellRef::new(p.col.max(q.col), p.row.max(q.row)),
                            )),
                        }
                    }
                }
            }
        }
        out
    }

    /// Every cell the formula reads (ranges expanded, clipped to `cols` × `rows`),
    /// sorted, without duplicates. References outside the grid are left out.
    ///
    /// The work is O(cells of the grid + rectangles) (the sheet passes its own size, at most
    /// [`super::MAX_CELLS`] cells): each rectangle marks its rows of a
    /// grid-sized map (a formula of 1,000 characters can name a few hundred ranges of up to
    /// 10,000 cells each; collecting and sorting every cell of each would be slower).
    pub fn references(&self, cols: u32, rows: u32) -> Vec<CellRef> {
        let clipped: Vec<(CellRef, CellRef)> = self
            .reference_areas()
            .into_iter()
            .filter(|(a, _)| a.col < cols && a.row < rows)
            .map(|(a, b)| (a, CellRef::new(b.col.min(cols - 1), b.row.min(rows - 1))))
            .collect();
        let (Some(top), Some(bottom)) = (
            clipped.iter().map(|(a, _)| a.row).min(),
            clipped.iter().map(|(_, b)| b.row).max(),
        ) else {
            return Vec::new();
        };
        // Only the rows the rectangles span are mapped.
        let width = cols as usize;
        let height = (bottom - top) as usize + 1;
        let mut read = vec![false; width.saturating_mul(height)];
        for (a, b) in &clipped {
            for row in a.row..=b.row {
                let start = (row - top) as usize * width;
                if let Some(cells) = read.get_mut(start + a.col as usize..=start + b.col as usize) {
                    cells.fill(true);
                }
            }
        }
        read.iter()
            .enumerate()
            .filter(|(_, r)| **r)
            .map(|(i, _)| CellRef::new((i % width) as u32, top + (i / width) as u32))
            .collect()
    }
}

/// A formula that does not parse: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 0-based character position in the cell text (the `=` is position 0).
    pub position: usize,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.position + 1, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Longest formula accepted, in characters (a cell holds at most this much anyway).
/// Bounding the length bounds the depth of the expression tree, whose `Drop`,
/// `Clone` and `PartialEq` recurse.
pub const MAX_FORMULA_CHARS: usize = 1_000;

/// Parses a formula. `text` must start with `=`.
pub fn parse_formula(text: &str) -> Result<Expr, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_FORMULA_CHARS {
        return Err(ParseError {
            position: MAX_FORMULA_CHARS,
            message: format!("the formula is longer than {MAX_FORMULA_CHARS} characters"),
        });
    }
    let mut p = Parser {
        chars: &chars,
        pos: 0,
        depth: 0,
    };
    p.skip_spaces();
    if !p.eat('=') {
        return Err(p.error("a formula starts with '='"));
    }
    p.skip_spaces();
    if p.at_end() {
        return Err(p.error("the formula is empty after '='"));
    }
    let e = p.expr()?;
    p.skip_spaces();
    match p.peek() {
        None => Ok(e),
        Some(')') => Err(p.error("this ')' has no matching '('")),
        Some(c) => Err(p.error(&format!("unexpected '{c}' after a complete expression"))),
    }
}

/// Parses a plain number the way cells accept it: optional sign, digits with an
/// optional fraction and exponent, surrounding spaces allowed. (Rust's own `parse`
/// also takes "inf" and "NaN", which a cell should keep as text.)
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let chars: Vec<char> = body.chars().collect();
    let end = scan_number(&chars, 0)?;
    if end != chars.len() {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Length of the number literal at `pos` (digits, fraction, exponent), or None.
fn scan_number(chars: &[char], pos: usize) -> Option<usize> {
    let mut i = pos;
    let digits = |i: &mut usize| {
        let s = *i;
        while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
            *i += 1;
        }
        *i - s
    };
    let int = digits(&mut i);
    let mut frac = 0;
    if chars.get(i) == Some(&'.') {
        i += 1;
        frac = digits(&mut i);
    }
    if int == 0 && frac == 0 {
        return None;
    }
    if matches!(chars.get(i), Some('e' | 'E')) {
        let mut j = i + 1;
        if matches!(chars.get(j), Some('+' | '-')) {
            j += 1;
        }
        let mut k = j;
        if digits(&mut k) == 0 {
            return None;
        }
        i = k;
    }
    Some(i)
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn error(&self, message: &str) -> ParseError {
        ParseError {
            position: self.pos,
            message: message.to_string(),
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            Err(self.error(&format!(
                "the formula nests more than {MAX_NESTING} levels deep"
            )))
        } else {
            Ok(())
        }
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.term()?;
        loop {
            self.skip_spaces();
            let op = match self.peek() {
                Some('+') => BinOp::Add,
                Some('-') => BinOp::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.term()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn term(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        loop {
            self.skip_spaces();
            let op = match self.peek() {
                Some('*') => BinOp::Mul,
                Some('/') => BinOp::Div,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        self.skip_spaces();
        match self.peek() {
            Some('-') => {
                self.pos += 1;
                self.enter()?;
                let inner = self.unary()?;
                self.leave();
                Ok(match inner {
                    Expr::Number(n) => Expr::Number(-n),
                    other => Expr::Neg(Box::new(other)),
                })
            }
            Some('+') => {
                self.pos += 1;
                self.enter()?;
                let inner = self.unary()?;
                self.leave();
                Ok(inner)
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        self.skip_spaces();
        let start = self.pos;
        match self.peek() {
            None => Err(self.error("the formula ends where a value was expected")),
            Some('(') => {
                self.pos += 1;
                self.enter()?;
                let e = self.expr()?;
                self.skip_spaces();
                if !self.eat(')') {
                    return Err(if self.at_end() {
                        ParseError {
                            position: start,
                            message: "this '(' is never closed".into(),
                        }
                    } else {
                        self.error("expected ')' here")
                    });
                }
                self.leave();
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let end = scan_number(self.chars, self.pos)
                    .ok_or_else(|| self.error("this is not a valid number"))?;
                let text: String = self.chars[self.pos..end].iter().collect();
                let value: f64 = text
                    .parse()
                    .map_err(|_| self.error("this is not a valid number"))?;
                if !value.is_finite() {
                    return Err(self.error("this number is too large"));
                }
                self.pos = end;
                Ok(Expr::Number(value))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                // A function name or a cell reference.
                let mut end = self.pos;
                while self
                    .chars
                    .get(end)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    end += 1;
                }
                let word: String = self.chars[self.pos..end].iter().collect();
                let after = {
                    let mut k = end;
                    while self.chars.get(k).is_some_and(|c| c.is_whitespace()) {
                        k += 1;
                    }
                    k
                };
                if self.chars.get(after) == Some(&'(') {
                    let Some(f) = Function::from_name(&word) else {
                        return Err(self.error(&format!(
                            "unknown function '{word}' (known: SUM, AVG, MIN, MAX, COUNT)"
                        )));
                    };
                    self.pos = after + 1;
                    self.enter()?;
                    let args = self.args(start)?;
                    self.leave();
                    return Ok(Expr::Call(f, args));
                }
                match scan_cell(self.chars, self.pos) {
                    Some((cell, e)) if e == end => {
                        self.pos = end;
                        self.skip_spaces();
                        if self.peek() == Some(':') {
                            return Err(self.error("a range like A1:A5 can only be used inside SUM, AVG, MIN, MAX or COUNT"));
                        }
                        Ok(Expr::Cell(cell))
                    }
                    _ => Err(self.error(&format!(
                        "'{word}' is not a cell (like A1) or a function (like SUM(...))"
                    ))),
                }
            }
            Some(c) => Err(self.error(&format!(
                "unexpected '{c}': expected a number, a cell like A1, a function or '('"
            ))),
        }
    }

    /// Arguments after the `(`; consumes the `)`.
    fn args(&mut self, call_start: usize) -> Result<Vec<Arg>, ParseError> {
        let mut args = Vec::new();
        self.skip_spaces();
        if self.eat(')') {
            return Ok(args);
        }
        loop {
            self.skip_spaces();
            args.push(self.arg()?);
            self.skip_spaces();
            if self.eat(',') {
                continue;
            }
            if self.eat(')') {
                return Ok(args);
            }
            return Err(if self.at_end() {
                ParseError {
                    position: call_start,
                    message: "this function call is never closed with ')'".into(),
                }
            } else {
                self.error("expected ',' or ')' in the function's arguments")
            });
        }
    }

    fn arg(&mut self) -> Result<Arg, ParseError> {
        // A range is cell ':' cell; try that first without consuming on failure.
        if let Some((from, e)) = scan_cell(self.chars, self.pos) {
            let mut k = e;
            while self.chars.get(k).is_some_and(|c| c.is_whitespace()) {
                k += 1;
            }
            if self.chars.get(k) == Some(&':') {
                k += 1;
                while self.chars.get(k).is_some_and(|c| c.is_whitespace()) {
                    k += 1;
                }
                return match scan_cell(self.chars, k) {
                    Some((to, e2))
                        if !self
                            .chars
                            .get(e2)
                            .is_some_and(|c| c.is_ascii_alphanumeric()) =>
                    {
                        self.pos = e2;
                        Ok(Arg::Range(from, to))
                    }
                    _ => {
                        self.pos = k;
                        Err(self.error("expected a cell after ':' (like A1:A5)"))
                    }
                };
            }
        }
        Ok(Arg::Expr(self.expr()?))
    }
}

/// The largest number of 15 significant digits below `f64::MAX`, as `{:.14e}` writes it.
const LARGEST_15_DIGITS: &str = "1.79769313486231e308";

/// Formats a number for display: at most 15 significant digits (what spreadsheets
/// show, and what an `f64` holds reliably), so `0.1 + 0.2` shows `0.3`, not
/// `0.30000000000000004`; trailing zeros dropped; plain notation for
/// `1e-9 <= |x| < 1e15` (after rounding), `1.5E+20` style outside that; `-0` shows `0`.
///
/// What it shows reads back ([`parse_number`]) as a finite number within half a unit of
/// the 15th digit, and shows the same again. The one exception to rounding to nearest is
/// at the top of the range: above 1.797693134862315e308, up to `f64::MAX`, the nearest 15
/// digits, 1.79769313486232E+308, are past the largest double and would read back as
/// infinity, so those numbers show 1.79769313486231E+308, the largest 15-digit number
/// that reads back (at most 0.6 of a unit in the 15th digit below them).
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return String::from("#NUM!");
    }
    if x == 0.0 {
        return String::from("0");
    }
    // Rust rounds correctly to 15 significant digits here.
    let mut sci = format!("{:.14e}", x.abs());
    if sci.parse::<f64>().is_ok_and(f64::is_infinite) {
        sci = String::from(LARGEST_15_DIGITS);
    }
    let Some((mantissa, exp)) = sci.split_once('e') else {
        return sci;
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let sign = if x < 0.0 { "-" } else { "" };
    if !(-9..15).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{mant}E{esign}{:02}", exp.unsigned_abs());
    }
    let n = digits.len() as i32;
    let body = if exp >= 0 {
        let int_len = exp + 1;
        if n <= int_len {
            format!("{digits}{}", "0".repeat((int_len - n) as usize))
        } else {
            let (a, b) = digits.split_at(int_len as usize);
            format!("{a}.{b}")
        }
    } else {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> Expr {
        Expr::Number(x)
    }
    fn cell(s: &str) -> Expr {
        Expr::Cell(CellRef::parse(s).unwrap())
    }
    fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
        Expr::Binary(op, Box::new(l), Box::new(r))
    }

    #[test]
    fn cell_names_round_trip() {
        assert_eq!(CellRef::parse("A1"), Some(CellRef::new(0, 0)));
        assert_eq!(CellRef::parse("b7"), Some(CellRef::new(1, 6)));
        assert_eq!(CellRef::parse("Z1"), Some(CellRef::new(25, 0)));
        assert_eq!(CellRef::parse("AA10"), Some(CellRef::new(26, 9)));
        assert_eq!(CellRef::parse("ZZZ1"), Some(CellRef::new(18_277, 0)));
        for bad in [
            "",
            "A",
            "1",
            "A0",
            "1A",
            "A1B",
            "AAAA1",
            "A99999999999",
            "É1",
            "A-1",
        ] {
            assert_eq!(CellRef::parse(bad), None, "{bad}");
        }
        for col in [0, 1, 25, 26, 27, 51, 52, 701, 702, 18_277] {
            let c = CellRef::new(col, 41);
            assert_eq!(CellRef::parse(&c.name()), Some(c));
        }
        assert_eq!(CellRef::new(27, 0).to_string(), "AB1");
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(
            parse_formula("=A1+B2*2"),
            Ok(bin(
                BinOp::Add,
                cell("A1"),
                bin(BinOp::Mul, cell("B2"), num(2.0))
            ))
        );
        assert_eq!(
            parse_formula("=1-2-3"),
            Ok(bin(
                BinOp::Sub,
                bin(BinOp::Sub, num(1.0), num(2.0)),
                num(3.0)
            ))
        );
        assert_eq!(
            parse_formula("= ( 1 + 2 ) * -a1"),
            Ok(bin(
                BinOp::Mul,
                bin(BinOp::Add, num(1.0), num(2.0)),
                Expr::Neg(Box::new(cell("A1")))
            ))
        );
        assert_eq!(parse_formula("=--2"), Ok(num(2.0)));
        assert_eq!(parse_formula("=1.5e3"), Ok(num(1500.0)));
        assert_eq!(parse_formula("=.5"), Ok(num(0.5)));
        assert_eq!(parse_formula("=2E-2"), Ok(num(0.02)));
    }

    #[test]
    fn functions_and_ranges() {
        assert_eq!(
            parse_formula("=sum(A1:A5)"),
            Ok(Expr::Call(
                Function::Sum,
                vec![Arg::Range(CellRef::new(0, 0), CellRef::new(0, 4))]
            ))
        );
        assert_eq!(
            parse_formula("=AVERAGE(A1 : B2, 3, C1*2)"),
            Ok(Expr::Call(
                Function::Avg,
                vec![
                    Arg::Range(CellRef::new(0, 0), CellRef::new(1, 1)),
                    Arg::Expr(num(3.0)),
                    Arg::Expr(bin(BinOp::Mul, cell("C1"), num(2.0)))
                ]
            ))
        );
        assert_eq!(
            parse_formula("=COUNT()"),
            Ok(Expr::Call(Function::Count, vec![]))
        );
        assert!(parse_formula("=Min(1)+max(2)").is_ok());
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases: &[(&str, usize, &str)] = &[
            ("A1", 0, "starts with '='"),
            ("=", 1, "empty"),
            ("=1+", 3, "ends where a value"),
            ("=1+*2", 3, "unexpected '*'"),
            ("=(1+2", 1, "never closed"),
            ("=1+2)", 4, "no matching '('"),
            ("=1 2", 3, "unexpected '2'"),
            ("=FOO(1)", 1, "unknown function 'FOO'"),
            ("=SUM(1", 1, "never closed"),
            ("=SUM(1;2)", 6, "expected ',' or ')'"),
            ("=SUM(A1:)", 8, "expected a cell after ':'"),
            ("=A1:A5", 3, "only be used inside"),
            ("=hello", 1, "not a cell"),
            ("=1e999", 1, "too large"),
            ("=1e", 1, "not a valid number"),
            ("=#", 1, "unexpected '#'"),
            ("=A0", 1, "not a cell"),
        ];
        for &(text, pos, msg) in cases {
            match parse_formula(text) {
                Err(e) => {
                    assert_eq!(e.position, pos, "{text}: {e}");
                    assert!(e.message.contains(msg), "{text}: {e}");
                }
                Ok(x) => panic!("{text} parsed as {x:?}"),
            }
        }
    }

    #[test]
    fn nesting_is_bounded_not_a_stack_overflow() {
        let deep = format!("={}1{}", "(".repeat(400), ")".repeat(400));
        let e = parse_formula(&deep).unwrap_err();
        assert!(e.message.contains("nests"), "{e}");
        let minus = format!("={}1", "-".repeat(900));
        assert!(parse_formula(&minus).is_err());
        let long = format!("={}1", "1+".repeat(100_000));
        assert!(
            parse_formula(&long)
                .unwrap_err()
                .message
                .contains("longer than")
        );
        let ok = format!("={}1{}", "(".repeat(20), ")".repeat(20));
        assert_eq!(parse_formula(&ok), Ok(num(1.0)));
    }

    #[test]
    fn references_expand_and_clip() {
        let e = parse_formula("=SUM(B2:A1, C3) + A1 + Z99").unwrap();
        let refs: Vec<String> = e.references(3, 3).iter().map(|c| c.name()).collect();
        assert_eq!(refs, ["A1", "B1", "A2", "B2", "C3"]);
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(parse_number(" 42 "), Some(42.0));
        assert_eq!(parse_number("-1.5e2"), Some(-150.0));
        assert_eq!(parse_number("+.5"), Some(0.5));
        for t in ["", "inf", "NaN", "1,5", "1e", "--1", "0x10", "1 2", "."] {
            assert_eq!(parse_number(t), None, "{t}");
        }
    }

    #[test]
    fn number_display() {
        let cases: &[(f64, &str)] = &[
            (0.1 + 0.2, "0.3"),
            (1.0 / 3.0, "0.333333333333333"),
            (2.0 / 3.0, "0.666666666666667"),
            (100.0, "100"),
            (-2.5, "-2.5"),
            (-0.0, "0"),
            (123456789.0, "123456789"),
            (999_999_999_999_999.0, "999999999999999"),
            (1e15, "1E+15"),
            (1.5e20, "1.5E+20"),
            (123456789012345678.0, "1.23456789012346E+17"),
            (0.000_000_001, "0.000000001"),
            (1.234e-10, "1.234E-10"),
            (9.999_999_999_999_999e14, "1E+15"),
            (f64::MAX, "1.79769313486231E+308"),
            (-f64::MAX, "-1.79769313486231E+308"),
            // The largest double that rounds down to nearest, and the next one up, the
            // smallest whose nearest 15 digits would read back as infinity.
            (1.797_693_134_862_315e308, "1.79769313486231E+308"),
            (
                f64::from_bits(1.797_693_134_862_315e308_f64.to_bits() + 1),
                "1.79769313486231E+308",
            ),
            (1.797_693_134_862_3e308, "1.7976931348623E+308"),
            (5e-324, "4.94065645841247E-324"),
            (f64::INFINITY, "#NUM!"),
        ];
        for &(x, want) in cases {
            assert_eq!(format_number(x), want, "{x:e}");
        }
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn parser_never_panics(s in "=[A-Za-z0-9+*/(),:. eE-]{0,40}") {
                let _ = parse_formula(&s);
            }

            #[test]
            fn arbitrary_text_never_panics(s in "\\PC{0,60}") {
                let _ = parse_formula(&s);
                let _ = parse_number(&s);
                let _ = CellRef::parse(&s);
            }

            #[test]
            fn display_round_trips_within_15_digits(x in proptest::num::f64::NORMAL) {
                let shown = format_number(x);
                let back: f64 = shown.parse().unwrap();
                let rel = ((back - x) / x).abs();
                prop_assert!(rel <= 5e-15, "{} shown as {} ({})", x, shown, rel);
            }

            /// Every finite double, subnormals and the top of the range included: the
            /// display reads back as a finite number within half a unit of its 15th digit
            /// (0.6 at the very top, where the nearest 15 digits would overflow), and shows
            /// the same again.
            #[test]
            fn display_reads_back_for_every_finite_double(
                x in prop_oneof![
                    any::<u64>().prop_map(f64::from_bits),
                    // The top 64 doubles: the top 4 would round up to infinity.
                    (0u64..64).prop_map(|k| f64::from_bits(f64::MAX.to_bits() - k)),
                    (0u64..64).prop_map(|k| -f64::from_bits(f64::MAX.to_bits() - k)),
                ].prop_filter("finite", |x| x.is_finite())
            ) {
                let shown = format_number(x);
                let back = parse_number(&shown);
                prop_assert!(back.is_some_and(f64::is_finite), "{:e} shown as {}", x, shown);
                let back = back.unwrap_or_default();
                // Half a unit of the 15th digit is at most 5e-15 of the number (0.6 of a
                // unit at the top is 3.2e-15 of it); 5e-324 is one step of the subnormal
                // range, where doubles are sparser than 15 digits.
                let tolerance = x.abs() * 5.000_000_1e-15 + 5e-324;
                prop_assert!((back - x).abs() <= tolerance, "{:e} shown as {}, reads {:e}", x, shown, back);
                prop_assert_eq!(format_number(back), shown);
            }

            #[test]
            fn integers_show_exactly(n in -999_999_999_999_999i64..=999_999_999_999_999) {
                prop_assert_eq!(format_number(n as f64), n.to_string());
            }
        }
    }
}
