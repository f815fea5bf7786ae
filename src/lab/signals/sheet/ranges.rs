//! Ranges read as ranges: block summaries on a 2-D segment tree.
//!
//! `=SUM(A1:CV50)` covers 5,000 cells. Reading them one by one through the reactive graph
//! costs 5,000 tracked reads per formula, and a sheet of 5,000 such formulas (a 94 KB
//! link) made 25 million of them: 9 seconds before anything showed. A spreadsheet reads a
//! range as a range.
//!
//! So the grid is covered by *blocks*: the rows are halved, and halved again, down to
//! single rows (a segment tree), and so are the columns; a block is one row interval
//! times one column interval. Each block bigger than a cell is a memo holding a
//! [`Summary`] of its cells (how many numbers, their sum, minimum and maximum, and the
//! first error in reading order), computed from its two halves. A range is cut into the
//! few blocks that tile it exactly — at most `2·log₂(rows)` row intervals times
//! `2·log₂(cols)` column intervals, about 180 for the largest sheet, however many cells
//! the range holds — and a formula reads those blocks.
//!
//! Dependencies stay exact: a block holds only cells inside the range that reads it, so
//! editing a cell re-runs the `log₂(rows) · log₂(cols)` blocks above it and then only the
//! formulas whose ranges contain it. Blocks are created the first time some range needs
//! them and belong to the runtime, not to the formula that happened to ask first.
//!
//! Sums are added block by block, with compensation (Neumaier's improvement of Kahan
//! summation, what LibreOffice Calc uses for SUM): the result is as close to the exact sum
//! as a sum over the cells in reading order, or closer.
//!
//! The static cycle check uses the same blocks: a formula points at the blocks of its
//! ranges, a block at its two halves, a single-cell block at its cell. A cycle through a
//! range in that graph is exactly a cycle through one of the range's cells, and the graph
//! has O(cells + formulas · log² cells) edges instead of one per cell of every range.

use std::cmp::Ordering;

use super::formula::CellRef;
use super::{CellValue, ErrorKind};

/// The shape of a segment tree over `0..n`: node 1 covers everything, node `k` is split
/// into nodes `2k` and `2k + 1` (first half, second half) until a node covers one index.
#[derive(Debug)]
pub(super) struct Tree {
    /// `span[k]` = the half-open interval node `k` covers; `(0, 0)` for unused slots.
    span: Vec<(u32, u32)>,
}

impl Tree {
    pub(super) fn new(n: u32) -> Tree {
        let mut span = vec![(0u32, 0u32); 2];
        if n == 0 {
            return Tree { span };
        }
        if let Some(root) = span.get_mut(1) {
            *root = (0, n);
        }
        let mut stack = vec![1usize];
        while let Some(k) = stack.pop() {
            let (lo, hi) = span.get(k).copied().unwrap_or((0, 0));
            if hi - lo <= 1 {
                continue;
            }
            let mid = lo + (hi - lo) / 2;
            if span.len() <= 2 * k + 1 {
                span.resize(2 * k + 2, (0, 0));
            }
            for (child, interval) in [(2 * k, (lo, mid)), (2 * k + 1, (mid, hi))] {
                if let Some(slot) = span.get_mut(child) {
                    *slot = interval;
                }
                stack.push(child);
            }
        }
        Tree { span }
    }

    /// How many node numbers there are (some unused): node ids are below this.
    pub(super) fn slots(&self) -> usize {
        self.span.len()
    }

    /// The half-open interval of node `k`.
    pub(super) fn span(&self, k: usize) -> (u32, u32) {
        self.span.get(k).copied().unwrap_or((0, 0))
    }

    pub(super) fn is_leaf(&self, k: usize) -> bool {
        let (lo, hi) = self.span(k);
        hi - lo <= 1
    }

    /// The nodes that tile `first..=last` exactly, first to last: at most two per level.
    pub(super) fn cover(&self, first: u32, last: u32, out: &mut Vec<usize>) {
        out.clear();
        let mut stack = vec![1usize];
        while let Some(k) = stack.pop() {
            let (lo, hi) = self.span(k);
            if hi <= first || lo > last || hi == lo {
                continue;
            }
            if first <= lo && hi - 1 <= last {
                out.push(k);
            } else {
                stack.push(2 * k + 1);
                stack.push(2 * k);
            }
        }
    }
}

/// What a function needs from a set of cells, combinable from two halves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Summary {
    /// How many numbers (text and empty cells are skipped, as spreadsheets do).
    pub(super) count: u32,
    sum: f64,
    /// The rounding error of `sum` so far (Neumaier): the sum is `sum + compensation`.
    compensation: f64,
    min: f64,
    max: f64,
    /// The first cell showing an error, in reading order (row by row, left to right).
    pub(super) first_error: Option<(CellRef, ErrorKind)>,
}

impl Summary {
    pub(super) const EMPTY: Summary = Summary {
        count: 0,
        sum: 0.0,
        compensation: 0.0,
        min: f64::INFINITY,
        max: f64::NEG_INFINITY,
        first_error: None,
    };

    pub(super) fn number(x: f64) -> Summary {
        Summary {
            count: 1,
            sum: x,
            compensation: 0.0,
            min: x,
            max: x,
            first_error: None,
        }
    }

    pub(super) fn error(cell: CellRef, kind: ErrorKind) -> Summary {
        Summary {
            first_error: Some((cell, kind)),
            ..Summary::EMPTY
        }
    }

    /// One cell's contribution.
    pub(super) fn of_value(cell: CellRef, value: &CellValue) -> Summary {
        match value {
            CellValue::Number(x) => Summary::number(*x),
            CellValue::Error { kind, .. } => Summary::error(cell, *kind),
            CellValue::Text(_) | CellValue::Empty => Summary::EMPTY,
        }
    }

    /// Adds the cells of `other` (the order of the two does not matter except for the
    /// last bits of the sum).
    pub(super) fn merge(&mut self, other: &Summary) {
        self.count = self.count.saturating_add(other.count);
        let total = self.sum + other.sum;
        if total.is_finite() {
            // The part of the smaller addend that the addition rounded away.
            let lost = if self.sum.abs() >= other.sum.abs() {
                (self.sum - total) + other.sum
            } else {
                (other.sum - total) + self.sum
            };
            self.compensation += lost + other.compensation;
        } else {
            // Overflow: the sum is ±infinity (or NaN) and shows #NUM!; no correction.
            self.compensation = 0.0;
        }
        self.sum = total;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        self.first_error = match (self.first_error, other.first_error) {
            (Some(a), Some(b)) => Some(if reading_order(&a.0, &b.0) == Ordering::Greater {
                b
            } else {
                a
            }),
            (a, b) => a.or(b),
        };
    }

    /// The compensated sum of the numbers (0 for none).
    pub(super) fn total(&self) -> f64 {
        if self.sum.is_finite() {
            self.sum + self.compensation
        } else {
            self.sum
        }
    }

    /// The smallest number, or 0 when there is none (as spreadsheets do).
    pub(super) fn min(&self) -> f64 {
        if self.count == 0 { 0.0 } else { self.min }
    }

    /// The largest number, or 0 when there is none.
    pub(super) fn max(&self) -> f64 {
        if self.count == 0 { 0.0 } else { self.max }
    }
}

fn reading_order(a: &CellRef, b: &CellRef) -> Ordering {
    (a.row, a.col).cmp(&(b.row, b.col))
}

/// The blocks of a grid: one segment tree over the rows, one over the columns.
#[derive(Debug)]
pub(super) struct Blocks {
    pub(super) rows: Tree,
    pub(super) cols: Tree,
}

impl Blocks {
    pub(super) fn new(cols: u32, rows: u32) -> Blocks {
        Blocks {
            rows: Tree::new(rows),
            cols: Tree::new(cols),
        }
    }

    /// The top-left cell of block `(row_node, col_node)`.
    pub(super) fn corner(&self, row_node: usize, col_node: usize) -> CellRef {
        CellRef::new(self.cols.span(col_node).0, self.rows.span(row_node).0)
    }

    /// Whether the block is a single cell (then it has no memo: its cell is read).
    pub(super) fn is_cell(&self, row_node: usize, col_node: usize) -> bool {
        self.rows.is_leaf(row_node) && self.cols.is_leaf(col_node)
    }

    /// The two halves of a block bigger than a cell: rows are split first.
    pub(super) fn halves(&self, row_node: usize, col_node: usize) -> [(usize, usize); 2] {
        if self.rows.is_leaf(row_node) {
            [(row_node, 2 * col_node), (row_node, 2 * col_node + 1)]
        } else {
            [(2 * row_node, col_node), (2 * row_node + 1, col_node)]
        }
    }

    /// The blocks that tile the rectangle `a..=b` (which must lie inside the grid).
    pub(super) fn tile(&self, a: CellRef, b: CellRef) -> Vec<(usize, usize)> {
        let (mut row_nodes, mut col_nodes) = (Vec::new(), Vec::new());
        self.rows.cover(a.row, b.row, &mut row_nodes);
        self.cols.cover(a.col, b.col, &mut col_nodes);
        row_nodes
            .iter()
            .flat_map(|&r| col_nodes.iter().map(move |&c| (r, c)))
            .collect()
    }
}

/// For every cell (row by row), whether it lies on a reference cycle, given each cell's
/// references as rectangles already clipped to the grid (`refs[i]` for cell `i`).
///
/// The graph: cells, plus every block bigger than a cell; a cell points at the blocks
/// tiling each of its rectangles (a single-cell block is its cell), a block at its two
/// halves. A cell is on a cycle when its strongly connected component holds more than one
/// node (a block can only be in one with cells) or when it names itself. Tarjan's
/// algorithm with an explicit stack: a 10,000-cell chain must not overflow a 1 MB stack.
pub(super) fn cells_on_cycles(
    blocks: &Blocks,
    cols: u32,
    refs: &[Vec<(CellRef, CellRef)>],
) -> Vec<bool> {
    let cells = refs.len();
    let col_slots = blocks.cols.slots();
    let cell_id = |c: CellRef| (c.row as usize) * (cols as usize) + c.col as usize;
    let node_id = |(r, c): (usize, usize)| {
        if blocks.is_cell(r, c) {
            cell_id(blocks.corner(r, c))
        } else {
            cells + r * col_slots + c
        }
    };
    // Each cell's successors, computed once (blocks' are two halves, computed on demand).
    let cell_edges: Vec<Vec<usize>> = refs
        .iter()
        .map(|rects| {
            rects
                .iter()
                .flat_map(|&(a, b)| blocks.tile(a, b))
                .map(node_id)
                .collect()
        })
        .collect();
    let successor = |v: usize, k: usize| -> Option<usize> {
        if let Some(edges) = cell_edges.get(v) {
            return edges.get(k).copied();
        }
        let block = v - cells;
        let (r, c) = (block / col_slots, block % col_slots);
        blocks.halves(r, c).get(k).copied().map(node_id)
    };
    let total = cells + blocks.rows.slots() * col_slots;
    let mut search = Search {
        index: vec![UNSEEN; total],
        low: vec![0; total],
        on_stack: vec![false; total],
        stack: Vec::new(),
        walk: Vec::new(),
        next: 0,
    };
    let mut out = vec![false; cells];
    for root in 0..cells {
        if search.index[root] != UNSEEN {
            continue;
        }
        search.enter(root);
        while let Some(top) = search.walk.last_mut() {
            let v = top.0;
            if let Some(w) = successor(v, top.1) {
                top.1 += 1;
                if w >= total {
                    continue;
                }
                if search.index[w] == UNSEEN {
                    search.enter(w);
                } else if search.on_stack[w] {
                    search.low[v] = search.low[v].min(search.index[w]);
                }
                continue;
            }
            search.walk.pop();
            if let Some(&(parent, _)) = search.walk.last() {
                search.low[parent] = search.low[parent].min(search.low[v]);
            }
            if search.low[v] == search.index[v] {
                let mut members = Vec::new();
                while let Some(w) = search.stack.pop() {
                    search.on_stack[w] = false;
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                let names_itself = cell_edges.get(v).is_some_and(|e| e.contains(&v));
                if members.len() > 1 || names_itself {
                    for w in members {
                        if let Some(flag) = out.get_mut(w) {
                            *flag = true;
                        }
                    }
                }
            }
        }
    }
    out
}

const UNSEEN: u32 = u32::MAX;

/// Tarjan's bookkeeping: discovery index and low link per node, the component stack, and
/// the explicit walk `(node, edges followed)` that replaces recursion.
struct Search {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    walk: Vec<(usize, usize)>,
    next: u32,
}

impl Search {
    fn enter(&mut self, v: usize) {
        self.index[v] = self.next;
        self.low[v] = self.next;
        self.on_stack[v] = true;
        self.next += 1;
        self.stack.push(v);
        self.walk.push((v, 0));
    }
}
