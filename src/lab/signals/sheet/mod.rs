//! A live spreadsheet built on the reactive [`Runtime`].
//!
//! Every cell is four nodes:
//!
//! - a [`Signal<String>`](super::Signal) with the text as typed,
//! - a memo with its parsed content (number, text, formula or parse error), so that
//!   re-typing a formula with different spacing parses to the same thing and stops
//!   there (memo equality cut-off),
//! - a `Memo<bool>`: whether the cell is on a reference cycle (see below),
//! - a [`Memo<CellValue>`](super::Memo) with its value. A formula's memo reads the
//!   value memos of the cells it refers to, so those reads *are* the dependency
//!   graph: editing a cell recomputes exactly the cells downstream of it, and only
//!   when someone looks. [`Sheet::recompute_count`] shows it.
//!
//! Plus one memo for the whole sheet: the set of cells on a reference cycle.
//!
//! # A range is read as a range
//!
//! A formula does not read the cells of `SUM(A1:CV50)` one by one: the grid is covered
//! by blocks (a segment tree over the rows times one over the columns), each block a memo
//! summarising its cells (count, sum, min, max, first error), and a range reads the few
//! blocks that tile it, at most `4·log₂(rows)·log₂(cols)` (about 180 on the largest
//! sheet). So a formula costs O(log² cells) reads whatever the size of its ranges, and
//! editing one cell re-runs the O(log² cells) blocks above it and the formulas whose
//! ranges hold it (the `ranges` module says why the dependencies stay exact).
//! Sums are added block by block with compensation (Neumaier), as LibreOffice does.
//!
//! # Cycles and which error a cell shows
//!
//! Cycles (`A1 = B1 + 1`, `B1 = A1`) are found from the *static* reference graph:
//! the parsed formulas and every cell they mention ([`Sheet::dependencies`], ranges
//! included), whether or not an evaluation would reach that reference. A cell is
//! on a cycle when it is in a strongly connected component of that graph with more
//! than one cell, or refers to itself. Ranges enter that graph as their blocks, not cell
//! by cell, so the graph stays O(cells + formulas · log² cells) in size. This is
//! computed by one memo over all the parsed contents (Tarjan's algorithm, iterative),
//! never from the order in which
//! the runtime happened to evaluate memos, so the answer does not depend on which
//! cells were read first or which memos were warm. The precedence is:
//!
//! 1. A cell on a cycle shows `#CYCLE` ("… is part of a reference cycle") and does
//!    not evaluate its formula at all, even if evaluating it would have hit another
//!    error first (`=B4 + A3` with `B4` showing `#ERR` and `A3` closing the loop is
//!    `#CYCLE`, not `#ERR`).
//! 2. Any other cell evaluates its formula left to right (operands of `+ - * /` left
//!    then right, function arguments in order, a range row by row, left to right in
//!    a row) and shows the first error it meets, as its own kind, with a reason
//!    saying which cell it read (`#CYCLE` if that cell is on a cycle).
//! 3. Otherwise errors of its own: `#DIV/0!`, `#VALUE!`, `#REF!`, `#NUM!` where they
//!    arise in that same order; `#ERR` when the formula does not parse.
//!
//! Cells off the cycles read only cells that are off them or on them (never back
//! to themselves), and cells on a cycle read nothing, so every value is a function
//! of the cell texts alone: a live sheet and one freshly loaded from
//! [`Sheet::to_compact`] show the same thing. The rest of the sheet works, and
//! fixing any cell of the loop heals it.
//!
//! Errors display like a spreadsheet: `#ERR` (formula does not parse), `#DIV/0!`,
//! `#REF!` (outside the grid), `#VALUE!` (text used as a number), `#NUM!` (result
//! too large), `#CYCLE`; [`Sheet::reason`] has the sentence for a hover.
//! Numbers display with at most 15 significant digits ([`format_number`]).
//!
//! [`Sheet::to_compact`] / [`Sheet::from_compact`] store the sheet in a short string
//! for the URL or localStorage; loading validates everything and never panics.

mod formula;
mod ranges;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::rc::{Rc, Weak};

use ranges::{Blocks, Summary, cells_on_cycles};

pub use formula::{
    Arg, BinOp, CellRef, Expr, Function, MAX_FORMULA_CHARS, MAX_NESTING, ParseError, format_number,
    parse_formula, parse_number,
};

use super::{Memo, Runtime, RuntimeHandle, Signal, SignalError};

/// Largest grid a sheet may have (columns × rows), to keep a page's memory bounded:
/// every cell costs four reactive nodes.
pub const MAX_CELLS: u32 = 10_000;

/// Longest text one cell may hold, in characters.
pub const MAX_CELL_CHARS: usize = 1_000;

/// Default size: 10 columns (A–J) × 20 rows.
pub const DEFAULT_COLS: u32 = 10;
/// Default number of rows.
pub const DEFAULT_ROWS: u32 = 20;

/// What kind of error a cell shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The formula does not parse. Shows `#ERR`.
    Parse,
    /// Division by zero (or AVG of no numbers). Shows `#DIV/0!`.
    DivZero,
    /// A reference outside the grid. Shows `#REF!`.
    Ref,
    /// Text where a number is needed. Shows `#VALUE!`.
    Value,
    /// A result too large for a number (overflow to infinity). Shows `#NUM!`.
    Num,
    /// The cell is in, or reads, a reference cycle. Shows `#CYCLE`.
    Cycle,
}

impl ErrorKind {
    /// The code a cell displays.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Parse => "#ERR",
            ErrorKind::DivZero => "#DIV/0!",
            ErrorKind::Ref => "#REF!",
            ErrorKind::Value => "#VALUE!",
            ErrorKind::Num => "#NUM!",
            ErrorKind::Cycle => "#CYCLE",
        }
    }
}

/// A cell's value.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum CellValue {
    /// A number (always finite).
    Number(f64),
    /// Text that is neither a number nor a formula.
    Text(String),
    /// Nothing typed (counts as 0 in arithmetic, is skipped by functions).
    #[default]
    Empty,
    /// An error, with the sentence that explains it.
    Error {
        /// Which error.
        kind: ErrorKind,
        /// Why, for a person (shown on hover).
        reason: String,
    },
}

impl CellValue {
    fn error(kind: ErrorKind, reason: impl Into<String>) -> CellValue {
        CellValue::Error {
            kind,
            reason: reason.into(),
        }
    }

    /// What the cell shows: the number formatted, the text, "" or the error code.
    pub fn display(&self) -> String {
        match self {
            CellValue::Number(n) => format_number(*n),
            CellValue::Text(t) => t.clone(),
            CellValue::Empty => String::new(),
            CellValue::Error { kind, .. } => kind.code().to_string(),
        }
    }

    /// The explanation of an error, `None` for other values.
    pub fn reason(&self) -> Option<&str> {
        match self {
            CellValue::Error { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// What a cell's text means, before evaluation.
#[derive(Clone, Debug, PartialEq)]
enum Content {
    Empty,
    Number(f64),
    Text(String),
    Formula(Rc<Expr>),
    Invalid(ParseError),
    TooLarge,
}

fn classify(text: &str) -> Content {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Content::Empty;
    }
    if trimmed.starts_with('=') {
        return match parse_formula(text) {
            Ok(e) => Content::Formula(Rc::new(e)),
            Err(e) => Content::Invalid(e),
        };
    }
    match parse_number(trimmed) {
        Some(n) if n.is_finite() => Content::Number(n),
        Some(_) => Content::TooLarge,
        None => Content::Text(text.to_string()),
    }
}

/// Why a sheet operation was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    /// The grid size is 0 or larger than [`MAX_CELLS`].
    BadSize {
        /// Columns asked for.
        cols: u32,
        /// Rows asked for.
        rows: u32,
    },
    /// The cell is outside the grid.
    OutOfGrid(CellRef),
    /// Not a cell name like `A1`.
    NotACell(String),
    /// Text longer than [`MAX_CELL_CHARS`].
    TooLong(CellRef),
    /// A stored sheet that cannot be loaded: where (byte offset) and why.
    Corrupt {
        /// Byte offset in the stored string.
        offset: usize,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::BadSize { cols, rows } => write!(
                f,
                "a sheet of {cols} × {rows} cells is not possible (1 to {MAX_CELLS} cells)"
            ),
            SheetError::OutOfGrid(c) => write!(f, "cell {c} is outside the sheet"),
            SheetError::NotACell(name) => write!(f, "'{name}' is not a cell name like A1"),
            SheetError::TooLong(c) => {
                write!(
                    f,
                    "the text for {c} is longer than {MAX_CELL_CHARS} characters"
                )
            }
            SheetError::Corrupt { offset, message } => {
                write!(f, "the stored sheet is damaged at byte {offset}: {message}")
            }
        }
    }
}

impl std::error::Error for SheetError {}

struct CellNodes {
    text: Signal<String>,
    value: Memo<CellValue>,
}

/// A grid of cells whose formulas are memos on one [`Runtime`].
pub struct Sheet {
    cols: u32,
    rows: u32,
    cells: Vec<CellNodes>,
    contents: Vec<Memo<Content>>,
    // Dropped last: the handles above are only meaningful while it lives.
    rt: Runtime,
}

impl fmt::Debug for Sheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sheet({} × {})", self.cols, self.rows)
    }
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet::build(DEFAULT_COLS, DEFAULT_ROWS)
    }
}

/// Everything a formula needs to read other cells.
struct Grid {
    cols: u32,
    rows: u32,
    values: OnceCell<Vec<Memo<CellValue>>>,
    /// The parsed contents, for the static cycle check.
    contents: OnceCell<Vec<Memo<Content>>>,
    /// The shape of the range blocks (see [`ranges`]).
    blocks: Blocks,
    /// The memo of each block bigger than a cell, made the first time a range needs it.
    block_memos: RefCell<HashMap<(usize, usize), Memo<Summary>>>,
    runtime: OnceCell<RuntimeHandle>,
    /// This grid, for the block memos' closures.
    me: Weak<Grid>,
}

// region: cycles
impl Grid {
    /// For every cell (row by row), whether it is on a reference cycle of the static
    /// graph: the references of the parsed formulas (reads every content memo, so this
    /// reruns after any edit, and its readers only when the answer changes). Ranges are
    /// followed through the range blocks ([`ranges::cells_on_cycles`]), never expanded.
    fn cycle_members(&self) -> Vec<bool> {
        let Some(contents) = self.contents.get() else {
            return Vec::new();
        };
        let refs: Vec<Vec<(CellRef, CellRef)>> = contents
            .iter()
            .map(|content| {
                content
                    .with(|c| match c {
                        Content::Formula(e) => self.clip(e.reference_areas()),
                        _ => Vec::new(),
                    })
                    .unwrap_or_default()
            })
            .collect();
        cells_on_cycles(&self.blocks, self.cols, &refs)
    }

    /// The parts of `areas` inside the grid (areas wholly outside are dropped).
    fn clip(&self, areas: Vec<(CellRef, CellRef)>) -> Vec<(CellRef, CellRef)> {
        areas
            .into_iter()
            .filter(|(a, _)| a.col < self.cols && a.row < self.rows)
            .map(|(a, b)| {
                (
                    a,
                    CellRef::new(b.col.min(self.cols - 1), b.row.min(self.rows - 1)),
                )
            })
            .collect()
    }
}
// endregion

// region: eval
impl Grid {
    /// Reads a cell's value as a number for arithmetic.
    fn number(&self, c: CellRef) -> Result<f64, CellValue> {
        match self.value(c)? {
            CellValue::Number(n) => Ok(n),
            CellValue::Empty => Ok(0.0),
            CellValue::Text(_) => Err(CellValue::error(
                ErrorKind::Value,
                format!("{c} holds text, not a number"),
            )),
            // `value` turns errors into `Err` already; kept for completeness.
            e @ CellValue::Error { .. } => Err(e),
        }
    }

    /// A cell's value; errors of the cell read come back as this cell's error.
    fn value(&self, c: CellRef) -> Result<CellValue, CellValue> {
        if c.col >= self.cols || c.row >= self.rows {
            return Err(CellValue::error(
                ErrorKind::Ref,
                format!(
                    "{c} is outside the sheet (A1 to {})",
                    CellRef::new(self.cols - 1, self.rows - 1)
                ),
            ));
        }
        let idx = (c.row as usize) * (self.cols as usize) + c.col as usize;
        let Some(memo) = self.values.get().and_then(|v| v.get(idx)) else {
            return Err(CellValue::error(
                ErrorKind::Ref,
                format!("{c} is not available"),
            ));
        };
        match memo.try_get() {
            Ok(CellValue::Error { kind, .. }) => Err(read_error(c, kind)),
            Ok(v) => Ok(v),
            // Not expected: cells on a cycle read nothing (see the module doc), so the
            // runtime never sees one. Kept so a surprise still shows as a cycle.
            Err(SignalError::Cycle) => Err(read_error(c, ErrorKind::Cycle)),
            Err(e) => Err(CellValue::error(ErrorKind::Ref, format!("{c}: {e}"))),
        }
    }

    /// What a range contributes: the summaries of the blocks that tile it. The rectangle
    /// `a..=b` must lie inside the grid.
    fn range(&self, a: CellRef, b: CellRef) -> Summary {
        let mut total = Summary::EMPTY;
        for (row_node, col_node) in self.blocks.tile(a, b) {
            total.merge(&self.block(row_node, col_node));
        }
        total
    }

    /// The summary of one block: a single cell is read directly, a bigger block through
    /// its memo (made now if this is the first range to need it).
    fn block(&self, row_node: usize, col_node: usize) -> Summary {
        let corner = self.blocks.corner(row_node, col_node);
        if self.blocks.is_cell(row_node, col_node) {
            return match self.value(corner) {
                Ok(v) => Summary::of_value(corner, &v),
                Err(CellValue::Error { kind, .. }) => Summary::error(corner, kind),
                Err(_) => Summary::error(corner, ErrorKind::Ref),
            };
        }
        let existing = self
            .block_memos
            .try_borrow()
            .ok()
            .and_then(|m| m.get(&(row_node, col_node)).copied());
        let memo = match existing {
            Some(memo) => memo,
            None => {
                let Some((runtime, me)) = self.runtime.get().zip(self.me.upgrade()) else {
                    return Summary::error(corner, ErrorKind::Ref);
                };
                let memo = runtime.memo_unowned(move || me.compute_block(row_node, col_node));
                if let Ok(mut memos) = self.block_memos.try_borrow_mut() {
                    memos.insert((row_node, col_node), memo);
                }
                memo
            }
        };
        // A block only holds cells, and cells on a cycle read nothing, so a block is never
        // on a cycle of the runtime; an error here would be a surprise, shown as one.
        memo.try_get()
            .unwrap_or_else(|_| Summary::error(corner, ErrorKind::Cycle))
    }

    /// A block memo's value: its two halves combined.
    fn compute_block(&self, row_node: usize, col_node: usize) -> Summary {
        let [first, second] = self.blocks.halves(row_node, col_node);
        let mut summary = self.block(first.0, first.1);
        summary.merge(&self.block(second.0, second.1));
        summary
    }

    fn eval(&self, e: &Expr) -> Result<f64, CellValue> {
        // Recursion depth is bounded by the parser's MAX_NESTING (plus the length of
        // one chain of operators, which is iterative-left-nested but shallow in
        // practice; see `eval_binary_chain`).
        match e {
            Expr::Number(n) => Ok(*n),
            Expr::Cell(c) => self.number(*c),
            Expr::Neg(x) => Ok(-self.eval(x)?),
            Expr::Binary(..) => self.eval_binary_chain(e),
            Expr::Call(f, args) => self.call(*f, args),
        }
    }

    /// `1+2+3+…` parses as a left-leaning tree as deep as the formula is long; walk
    /// down its left spine iteratively so a long sum cannot overflow the stack.
    fn eval_binary_chain(&self, e: &Expr) -> Result<f64, CellValue> {
        let mut spine = Vec::new();
        let mut cur = e;
        while let Expr::Binary(op, l, r) = cur {
            spine.push((*op, r.as_ref()));
            cur = l;
        }
        let mut acc = self.eval(cur)?;
        for (op, r) in spine.into_iter().rev() {
            let rv = self.eval(r)?;
            acc = match op {
                BinOp::Add => acc + rv,
                BinOp::Sub => acc - rv,
                BinOp::Mul => acc * rv,
                BinOp::Div => {
                    if rv == 0.0 {
                        return Err(CellValue::error(ErrorKind::DivZero, "division by zero"));
                    }
                    acc / rv
                }
            };
        }
        Ok(acc)
    }

    /// A function over its arguments: expressions are evaluated in order, each range is
    /// read as a range ([`Grid::range`]), and the first error met wins (a range's first
    /// error in reading order, row by row).
    fn call(&self, f: Function, args: &[Arg]) -> Result<f64, CellValue> {
        let mut all = Summary::EMPTY;
        for a in args {
            match a {
                Arg::Expr(x) => all.merge(&Summary::number(self.eval(x)?)),
                Arg::Range(p, q) => {
                    let (c0, c1) = (p.col.min(q.col), p.col.max(q.col));
                    let (r0, r1) = (p.row.min(q.row), p.row.max(q.row));
                    if c1 >= self.cols || r1 >= self.rows {
                        return Err(CellValue::error(
                            ErrorKind::Ref,
                            format!("the range {p}:{q} goes outside the sheet"),
                        ));
                    }
                    let range = self.range(CellRef::new(c0, r0), CellRef::new(c1, r1));
                    if let Some((cell, kind)) = range.first_error {
                        return Err(read_error(cell, kind));
                    }
                    all.merge(&range);
                }
            }
        }
        Ok(match f {
            Function::Sum => all.total(),
            Function::Count => f64::from(all.count),
            Function::Avg => {
                if all.count == 0 {
                    return Err(CellValue::error(ErrorKind::DivZero, "AVG of no numbers"));
                }
                all.total() / f64::from(all.count)
            }
            Function::Min => all.min(),
            Function::Max => all.max(),
        })
    }

    fn evaluate(&self, content: &Content) -> CellValue {
        match content {
            Content::Empty => CellValue::Empty,
            Content::Number(n) => CellValue::Number(*n),
            Content::Text(t) => CellValue::Text(t.clone()),
            Content::TooLarge => CellValue::error(ErrorKind::Num, "this number is too large"),
            Content::Invalid(e) => CellValue::error(ErrorKind::Parse, e.to_string()),
            Content::Formula(expr) => match self.eval(expr) {
                Ok(v) if v.is_finite() => CellValue::Number(if v == 0.0 { 0.0 } else { v }),
                Ok(_) => CellValue::error(ErrorKind::Num, "the result is too large for a number"),
                Err(e) => e,
            },
        }
    }
}
// endregion

/// The error a formula shows when a cell it reads shows an error.
fn read_error(c: CellRef, kind: ErrorKind) -> CellValue {
    CellValue::error(
        kind,
        if kind == ErrorKind::Cycle {
            format!("refers to {c}, which is in a reference cycle")
        } else {
            format!("refers to {c}, which shows {}", kind.code())
        },
    )
}

impl Sheet {
    /// An empty sheet of `cols` × `rows` cells (at most [`MAX_CELLS`] in all).
    pub fn new(cols: u32, rows: u32) -> Result<Sheet, SheetError> {
        if cols == 0 || rows == 0 || cols.checked_mul(rows).is_none_or(|n| n > MAX_CELLS) {
            return Err(SheetError::BadSize { cols, rows });
        }
        Ok(Sheet::build(cols, rows))
    }

    fn build(cols: u32, rows: u32) -> Sheet {
        let rt = Runtime::new();
        let grid = Rc::new_cyclic(|me| Grid {
            cols,
            rows,
            values: OnceCell::new(),
            contents: OnceCell::new(),
            blocks: Blocks::new(cols, rows),
            block_memos: RefCell::new(HashMap::new()),
            runtime: OnceCell::new(),
            me: me.clone(),
        });
        let _ = grid.runtime.set(rt.handle());
        let g = Rc::clone(&grid);
        let cycles = rt.memo(move || g.cycle_members());
        let count = (cols as usize) * (rows as usize);
        let mut cells = Vec::with_capacity(count);
        let mut contents = Vec::with_capacity(count);
        let mut values = Vec::with_capacity(count);
        for i in 0..count {
            let text = rt.signal(String::new());
            let content = rt.memo(move || text.with(|t| classify(t)).unwrap_or(Content::Empty));
            // Its own memo, so a change of the cycle set reruns only the cells whose
            // membership changed.
            let in_cycle = rt.memo(move || {
                cycles
                    .with(|v| v.get(i).copied().unwrap_or(false))
                    .unwrap_or(false)
            });
            let g = Rc::clone(&grid);
            let me = CellRef::new((i % cols as usize) as u32, (i / cols as usize) as u32);
            let value = rt.memo(move || {
                // Precedence rule 1 (module doc): on a cycle, nothing else is looked at.
                if in_cycle.get() {
                    return CellValue::error(
                        ErrorKind::Cycle,
                        format!("{me} is part of a reference cycle"),
                    );
                }
                // `with` lends the parsed content without cloning the expression tree.
                content.with(|c| g.evaluate(c)).unwrap_or_default()
            });
            cells.push(CellNodes { text, value });
            contents.push(content);
            values.push(value);
        }
        // Memos are lazy: none has run yet, so filling the tables now is in time.
        let _ = grid.values.set(values);
        let _ = grid.contents.set(contents.clone());
        Sheet {
            cols,
            rows,
            cells,
            contents,
            rt,
        }
    }

    /// Number of columns.
    pub fn cols(&self) -> u32 {
        self.cols
    }

    /// Number of rows.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    fn index(&self, c: CellRef) -> Option<usize> {
        (c.col < self.cols && c.row < self.rows)
            .then(|| (c.row as usize) * (self.cols as usize) + c.col as usize)
    }

    /// Parses a cell name and checks it is inside this sheet.
    pub fn cell(&self, name: &str) -> Result<CellRef, SheetError> {
        let c = CellRef::parse(name.trim()).ok_or_else(|| SheetError::NotACell(truncate(name)))?;
        self.index(c).map(|_| c).ok_or(SheetError::OutOfGrid(c))
    }

    /// Types `text` into a cell. Unchanged text changes nothing.
    pub fn set(&self, cell: CellRef, text: &str) -> Result<(), SheetError> {
        let i = self.index(cell).ok_or(SheetError::OutOfGrid(cell))?;
        if text.chars().count() > MAX_CELL_CHARS {
            return Err(SheetError::TooLong(cell));
        }
        self.cells[i].text.set_if_changed(text.to_string());
        Ok(())
    }

    /// Several edits as one batch: anything watching the sheet updates once.
    pub fn set_many(&self, edits: &[(CellRef, &str)]) -> Result<(), SheetError> {
        for &(cell, text) in edits {
            self.index(cell).ok_or(SheetError::OutOfGrid(cell))?;
            if text.chars().count() > MAX_CELL_CHARS {
                return Err(SheetError::TooLong(cell));
            }
        }
        self.rt.batch(|| {
            for &(cell, text) in edits {
                if let Some(i) = self.index(cell) {
                    self.cells[i].text.set_if_changed(text.to_string());
                }
            }
        });
        Ok(())
    }

    /// The text as typed ("" outside the grid).
    pub fn text(&self, cell: CellRef) -> String {
        self.index(cell)
            .map(|i| self.cells[i].text.get())
            .unwrap_or_default()
    }

    /// The cell's value, computing what is needed.
    pub fn value(&self, cell: CellRef) -> CellValue {
        let Some(i) = self.index(cell) else {
            return CellValue::error(ErrorKind::Ref, format!("{cell} is outside the sheet"));
        };
        match self.cells[i].value.try_get() {
            Ok(v) => v,
            Err(SignalError::Cycle) => CellValue::error(
                ErrorKind::Cycle,
                format!("{cell} is part of a reference cycle"),
            ),
            Err(e) => CellValue::error(ErrorKind::Ref, e.to_string()),
        }
    }

    /// What the cell shows: formatted number, text, "" or an error code
    /// (`#ERR`, `#DIV/0!`, `#REF!`, `#VALUE!`, `#NUM!`, `#CYCLE`).
    pub fn display(&self, cell: CellRef) -> String {
        self.value(cell).display()
    }

    /// The explanation of the cell's error, for a hover; `None` if it has none.
    pub fn reason(&self, cell: CellRef) -> Option<String> {
        self.value(cell).reason().map(str::to_string)
    }

    /// How many times the cell's value was computed (runs thrown away by cycle or
    /// depth handling are not counted). Editing a cell and reading the sheet again
    /// raises this only for the edited cell and the cells that depend on it.
    pub fn recompute_count(&self, cell: CellRef) -> u64 {
        self.index(cell).map_or(0, |i| self.cells[i].value.runs())
    }

    /// [`Sheet::recompute_count`] of every cell, row by row.
    pub fn recompute_counts(&self) -> Vec<u64> {
        self.cells.iter().map(|c| c.value.runs()).collect()
    }

    /// The cells this cell's formula reads (ranges expanded; references outside the
    /// grid left out), row by row.
    pub fn dependencies(&self, cell: CellRef) -> Vec<CellRef> {
        let Some(i) = self.index(cell) else {
            return Vec::new();
        };
        self.contents[i]
            .with_untracked(|c| match c {
                Content::Formula(e) => e.references(self.cols, self.rows),
                _ => Vec::new(),
            })
            .unwrap_or_default()
    }

    /// The cells whose formulas read this cell directly, row by row.
    pub fn dependents(&self, cell: CellRef) -> Vec<CellRef> {
        if self.index(cell).is_none() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let inside = |(a, b): &(CellRef, CellRef)| {
            (a.col..=b.col).contains(&cell.col) && (a.row..=b.row).contains(&cell.row)
        };
        for (i, content) in self.contents.iter().enumerate() {
            // Ranges are tested as rectangles, not expanded cell by cell.
            let reads = content
                .with_untracked(|c| match c {
                    Content::Formula(e) => e.reference_areas().iter().any(inside),
                    _ => false,
                })
                .unwrap_or(false);
            if reads {
                out.push(self.cell_at(i));
            }
        }
        out
    }

    fn cell_at(&self, i: usize) -> CellRef {
        let cols = self.cols as usize;
        CellRef::new((i % cols) as u32, (i / cols) as u32)
    }

    /// The value memo of a cell, for binding one DOM node to it with an effect.
    pub fn value_memo(&self, cell: CellRef) -> Option<Memo<CellValue>> {
        self.index(cell).map(|i| self.cells[i].value)
    }

    /// The runtime the sheet lives on (create effects on it to watch cells).
    pub fn runtime(&self) -> &Runtime {
        &self.rt
    }

    /// The non-empty cells as `(cell, text)`, row by row.
    pub fn filled(&self) -> Vec<(CellRef, String)> {
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let t = c.text.get_untracked();
                (!t.is_empty()).then(|| (self.cell_at(i), t))
            })
            .collect()
    }

    /// A compact, URL-friendly text form: `s1;COLSxROWS;A1=text;B2==A1*2;…`.
    /// In the text, `\` is written `\\`, `;` as `\s`, newlines as `\n`, carriage
    /// returns as `\r` and tabs as `\t`, so the string is one line with no bare `;`
    /// inside a cell.
    pub fn to_compact(&self) -> String {
        let mut out = format!("s1;{}x{}", self.cols, self.rows);
        for (cell, text) in self.filled() {
            out.push(';');
            out.push_str(&cell.name());
            out.push('=');
            for ch in text.chars() {
                match ch {
                    '\\' => out.push_str("\\\\"),
                    ';' => out.push_str("\\s"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c => out.push(c),
                }
            }
        }
        out
    }

    /// Loads a string made by [`Sheet::to_compact`], checking everything: the
    /// version, the size, every cell name (inside the grid, not repeated), the
    /// escapes and the text lengths. The error says where and what.
    pub fn from_compact(s: &str) -> Result<Sheet, SheetError> {
        let corrupt = |offset: usize, message: String| SheetError::Corrupt { offset, message };
        let mut parts = split_fields(s);
        let (off, version) = parts
            .next()
            .ok_or_else(|| corrupt(0, "it is empty".into()))?;
        if version != "s1" {
            return Err(corrupt(
                off,
                "it does not start with the sheet format marker 's1'".into(),
            ));
        }
        let (off, size) = parts
            .next()
            .ok_or_else(|| corrupt(s.len(), "the sheet size is missing".into()))?;
        let (c, r) = size
            .split_once('x')
            .ok_or_else(|| corrupt(off, format!("'{size}' is not a size like 10x20")))?;
        let cols: u32 = c
            .parse()
            .map_err(|_| corrupt(off, format!("'{c}' is not a number of columns")))?;
        let rows: u32 = r
            .parse()
            .map_err(|_| corrupt(off, format!("'{r}' is not a number of rows")))?;
        let sheet = Sheet::new(cols, rows).map_err(|e| corrupt(off, e.to_string()))?;
        let mut seen = vec![false; sheet.cells.len()];
        let mut edits: Vec<(usize, String)> = Vec::new();
        for (off, field) in parts {
            let (name, raw) = field
                .split_once('=')
                .ok_or_else(|| corrupt(off, format!("'{}' has no '='", truncate(field))))?;
            let cell = CellRef::parse(name)
                .ok_or_else(|| corrupt(off, format!("'{}' is not a cell name", truncate(name))))?;
            let i = sheet.index(cell).ok_or_else(|| {
                corrupt(off, format!("{cell} is outside the {cols}x{rows} sheet"))
            })?;
            if seen[i] {
                return Err(corrupt(off, format!("{cell} appears twice")));
            }
            seen[i] = true;
            let text = unescape(raw).map_err(|(k, m)| corrupt(off + name.len() + 1 + k, m))?;
            if text.chars().count() > MAX_CELL_CHARS {
                return Err(corrupt(
                    off,
                    format!("the text of {cell} is longer than {MAX_CELL_CHARS} characters"),
                ));
            }
            edits.push((i, text));
        }
        sheet.rt.batch(|| {
            for (i, text) in edits {
                sheet.cells[i].text.set(text);
            }
        });
        Ok(sheet)
    }
}

/// Splits at unescaped `;`, giving each field with its byte offset.
fn split_fields(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0usize;
    let mut escaped = false;
    let mut cuts = Vec::new();
    for (i, b) in s.bytes().enumerate() {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b';' {
            cuts.push((start, &s[start..i]));
            start = i + 1;
        }
    }
    cuts.push((start, &s[start..]));
    cuts.into_iter()
}

fn unescape(raw: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '\\')) => out.push('\\'),
            Some((_, 's')) => out.push(';'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 'r')) => out.push('\r'),
            Some((_, 't')) => out.push('\t'),
            Some((_, other)) => return Err((i, format!("unknown escape '\\{other}'"))),
            None => return Err((i, "a '\\' at the end of a cell".into())),
        }
    }
    Ok(out)
}

fn truncate(s: &str) -> String {
    let t: String = s.chars().take(20).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests;
