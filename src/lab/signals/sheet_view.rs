//! What the Signals tab's spreadsheet shows, worked out without a browser: where a key
//! moves the selection, which cells the last edit recomputed, the sentences around the
//! grid, and the layout of the dependency graph of the selected cell.
//!
//! The sheet itself is [`super::sheet`]; nothing here changes it.

use super::sheet::{CellRef, CellValue, Sheet};
use crate::lab::fmt::{count, grouped, plural};

/// How far a key moves the selection, as (columns, rows): the arrows by one, Home and
/// End to the first and last column (a move past the edge is clamped by [`moved`]).
/// `None` for any other key.
pub fn step_for_key(key: &str, cols: u32) -> Option<(i32, i32)> {
    let across = i32::try_from(cols).unwrap_or(i32::MAX);
    match key {
        "ArrowUp" => Some((0, -1)),
        "ArrowDown" => Some((0, 1)),
        "ArrowLeft" => Some((-1, 0)),
        "ArrowRight" => Some((1, 0)),
        "Home" => Some((-across, 0)),
        "End" => Some((across, 0)),
        _ => None,
    }
}

/// `from` moved by (`dc`, `dr`), clamped to a grid of `cols` × `rows` (at least 1 × 1).
pub fn moved(from: CellRef, dc: i32, dr: i32, cols: u32, rows: u32) -> CellRef {
    let clamp = |at: u32, by: i32, len: u32| {
        (i64::from(at) + i64::from(by)).clamp(0, i64::from(len.max(1)) - 1) as u32
    };
    CellRef::new(clamp(from.col, dc, cols), clamp(from.row, dr, rows))
}

/// The sentence under the formula bar: `"D8 = 75"`, `"A15 is empty"`, or the error
/// with its reason (`"G4 → #DIV/0!: division by zero"`).
pub fn status_line(cell: CellRef, value: &CellValue) -> String {
    match value {
        CellValue::Error { reason, .. } => format!("{cell} → {}: {reason}", value.display()),
        CellValue::Empty => format!("{cell} is empty"),
        v => format!("{cell} = {}", v.display()),
    }
}

/// Remembers the recompute counts of the last look at a sheet (one per cell, row by
/// row, as [`super::sheet::Sheet::recompute_counts`] gives them), so that the next look
/// can tell which cells were recomputed in between: what the page flashes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecomputeWatch {
    counts: Vec<u64>,
    changed: Vec<bool>,
    last: Vec<CellRef>,
}

impl RecomputeWatch {
    /// Looks at the counts now. When they differ from the last look, the cells whose
    /// count changed become [`RecomputeWatch::last`]; equal counts keep the previous
    /// answer (a re-render without an edit), and a sheet of another size starts over.
    pub fn observe(&mut self, counts: &[u64], cols: u32) {
        if self.counts.len() != counts.len() {
            self.changed = vec![false; counts.len()];
            self.last.clear();
        } else if self.counts != counts {
            self.changed = counts
                .iter()
                .zip(&self.counts)
                .map(|(a, b)| a != b)
                .collect();
            let cols = cols.max(1) as usize;
            self.last = self
                .changed
                .iter()
                .enumerate()
                .filter(|(_, on)| **on)
                .map(|(i, _)| CellRef::new((i % cols) as u32, (i / cols) as u32))
                .collect();
        }
        self.counts = counts.to_vec();
    }

    /// Whether the cell at this index (row by row) was recomputed by the last change.
    pub fn changed(&self, index: usize) -> bool {
        self.changed.get(index).copied().unwrap_or(false)
    }

    /// The cells the last change recomputed, row by row.
    pub fn last(&self) -> &[CellRef] {
        &self.last
    }

    /// `"The last change recomputed 2 cells: B2, D2"`, or an invitation to edit.
    pub fn sentence(&self) -> String {
        if self.last.is_empty() {
            return "Edit a cell to see which cells recompute.".to_string();
        }
        let names: Vec<String> = self.last.iter().map(CellRef::name).collect();
        format!(
            "The last change recomputed {}: {}",
            count(self.last.len(), "cell", "cells"),
            names.join(", ")
        )
    }
}

/// What one cell of the grid shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CellView {
    /// The value as the cell shows it (`"75"`, `"#DIV/0!"`, text, `""`).
    pub display: String,
    /// The hover text: an error's reason, else a formula's text; `None` for the rest.
    pub title: Option<String>,
    /// Whether the value is an error.
    pub error: bool,
    /// Whether the value is a number (shown right-aligned).
    pub number: bool,
    /// How many times the cell's value has been computed.
    pub count: u64,
    /// Whether the last change recomputed it (see [`RecomputeWatch`]).
    pub recomputed: bool,
}

/// Every cell of `sheet`, row by row, as the grid shows it. Reading every value pulls
/// whatever is stale, so only the cells downstream of an edit run; the counts read
/// afterwards then tell `watch` what this edit recomputed.
pub fn cell_views(sheet: &Sheet, watch: &mut RecomputeWatch) -> Vec<CellView> {
    let cols = sheet.cols();
    let mut views: Vec<CellView> = (0..sheet.rows())
        .flat_map(|r| (0..cols).map(move |c| CellRef::new(c, r)))
        .map(|cell| {
            let value = sheet.value(cell);
            let title = value.reason().map(str::to_string).or_else(|| {
                let text = sheet.text(cell);
                text.starts_with('=').then_some(text)
            });
            CellView {
                display: value.display(),
                title,
                error: matches!(value, CellValue::Error { .. }),
                number: matches!(value, CellValue::Number(_)),
                count: 0,
                recomputed: false,
            }
        })
        .collect();
    let counts = sheet.recompute_counts();
    watch.observe(&counts, cols);
    for (i, (view, count)) in views.iter_mut().zip(counts).enumerate() {
        view.count = count;
        view.recomputed = watch.changed(i);
    }
    views
}

/// `"58 reactive nodes alive in this sheet’s runtime; cell D8 computed 2 times."`
pub fn runtime_sentence(nodes: usize, cell: CellRef, computed: u64) -> String {
    format!(
        "{} alive in this sheet’s runtime; cell {cell} computed {}.",
        count(nodes, "reactive node", "reactive nodes"),
        count(
            usize::try_from(computed).unwrap_or(usize::MAX),
            "time",
            "times"
        )
    )
}

/// Which side of the drawing a node is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A cell the selected cell reads.
    Dependency,
    /// The selected cell.
    Selected,
    /// A cell that reads the selected cell.
    Dependent,
}

/// How the drawing is laid out: side by side for a wide page, top to bottom for a
/// phone, where three columns would shrink the text below what anyone can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphShape {
    /// What it reads | the cell | what reads it, in a 420-unit-wide picture.
    Wide,
    /// What it reads, above; the cell; what reads it, below; 300 units wide, so a
    /// phone shows it at about its natural size.
    Narrow,
}

/// One box of the drawing: its top-left corner, in the picture's units.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    /// The cell in the box.
    pub cell: CellRef,
    /// Which side it is on.
    pub role: Role,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
}

/// A line of the drawing, from a cell towards one that reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphEdge {
    /// Where the line starts.
    pub from: (f64, f64),
    /// Where it ends.
    pub to: (f64, f64),
    /// Whether it ends in an arrowhead (on the edge of the box that reads).
    pub arrow: bool,
}

/// A word in the drawing ("+ 3 more", "reads nothing"), centred on `x`, baseline `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNote {
    /// Horizontal centre.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// The words.
    pub text: String,
}

/// The dependency graph of one cell, ready to draw as SVG.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphLayout {
    /// The picture's width (its `viewBox`).
    pub width: f64,
    /// The picture's height.
    pub height: f64,
    /// Every box's width.
    pub node_width: f64,
    /// Every box's height.
    pub node_height: f64,
    /// The boxes, the selected cell's included.
    pub nodes: Vec<GraphNode>,
    /// One line per dependency and per dependent.
    pub edges: Vec<GraphEdge>,
    /// Words: "+ N more", "reads nothing", "nobody reads it".
    pub notes: Vec<GraphNote>,
    /// The drawing in one sentence, for its caption and accessible name.
    pub summary: String,
}

/// Dependencies or dependents drawn before "+ N more".
pub const GRAPH_MAX: usize = 10;

/// Lays out `cell` with the cells it reads (`deps`) and the cells that read it
/// (`dependents`), at most [`GRAPH_MAX`] of each drawn.
pub fn graph_layout(
    cell: CellRef,
    deps: &[CellRef],
    dependents: &[CellRef],
    shape: GraphShape,
) -> GraphLayout {
    let left = &deps[..deps.len().min(GRAPH_MAX)];
    let right = &dependents[..dependents.len().min(GRAPH_MAX)];
    let more_left = deps.len() - left.len();
    let more_right = dependents.len() - right.len();
    let summary = format!(
        "{cell} reads {}; {} {} it.",
        count(deps.len(), "cell", "cells"),
        count(dependents.len(), "cell", "cells"),
        plural(dependents.len(), "reads", "read"),
    );
    let mut layout = match shape {
        GraphShape::Wide => wide(cell, left, right, more_left, more_right),
        GraphShape::Narrow => narrow(cell, left, right, more_left, more_right),
    };
    layout.summary = summary;
    layout
}

fn more(n: usize) -> String {
    format!("+ {} more", grouped(n))
}

fn wide(
    cell: CellRef,
    left: &[CellRef],
    right: &[CellRef],
    more_left: usize,
    more_right: usize,
) -> GraphLayout {
    let (width, node_w, node_h, row_h) = (420.0, 110.0, 24.0, 30.0);
    let lanes = left.len().max(right.len()).max(1) + usize::from(more_left > 0 || more_right > 0);
    let height = lanes as f64 * row_h + 20.0;
    let xs = [10.0, (width - node_w) / 2.0, width - node_w - 10.0];
    let y_of = |i: usize, n: usize| {
        (height - n.max(1) as f64 * row_h) / 2.0 + i as f64 * row_h + (row_h - node_h) / 2.0
    };
    let center_y = (height - node_h) / 2.0;
    let mid = node_h / 2.0;
    let mut layout = GraphLayout {
        width,
        height,
        node_width: node_w,
        node_height: node_h,
        nodes: Vec::new(),
        edges: Vec::new(),
        notes: Vec::new(),
        summary: String::new(),
    };
    for (i, &c) in left.iter().enumerate() {
        let y = y_of(i, left.len());
        layout.edges.push(GraphEdge {
            from: (xs[0] + node_w, y + mid),
            to: (xs[1], center_y + mid),
            arrow: true,
        });
        layout.nodes.push(GraphNode {
            cell: c,
            role: Role::Dependency,
            x: xs[0],
            y,
        });
    }
    for (i, &c) in right.iter().enumerate() {
        let y = y_of(i, right.len());
        layout.edges.push(GraphEdge {
            from: (xs[1] + node_w, center_y + mid),
            to: (xs[2], y + mid),
            arrow: true,
        });
        layout.nodes.push(GraphNode {
            cell: c,
            role: Role::Dependent,
            x: xs[2],
            y,
        });
    }
    layout.nodes.push(GraphNode {
        cell,
        role: Role::Selected,
        x: xs[1],
        y: center_y,
    });
    let note = |x: f64, y: f64, text: String| GraphNote {
        x: x + node_w / 2.0,
        y,
        text,
    };
    if more_left > 0 {
        layout
            .notes
            .push(note(xs[0], height - 6.0, more(more_left)));
    }
    if more_right > 0 {
        layout
            .notes
            .push(note(xs[2], height - 6.0, more(more_right)));
    }
    if left.is_empty() {
        layout
            .notes
            .push(note(xs[0], center_y + mid + 4.0, "reads nothing".into()));
    }
    if right.is_empty() {
        layout
            .notes
            .push(note(xs[2], center_y + mid + 4.0, "nobody reads it".into()));
    }
    layout
}

fn narrow(
    cell: CellRef,
    left: &[CellRef],
    right: &[CellRef],
    more_left: usize,
    more_right: usize,
) -> GraphLayout {
    // Two columns of boxes with a lane between them: each box has a short line into the
    // lane, and one line runs down the lane to (or from) the selected cell, so no line
    // crosses a box.
    let (width, node_w, node_h, pitch, gap) = (300.0, 128.0, 26.0, 34.0, 32.0);
    let pad = 10.0;
    let lane = width / 2.0;
    let mut layout = GraphLayout {
        width,
        height: 0.0,
        node_width: node_w,
        node_height: node_h,
        nodes: Vec::new(),
        edges: Vec::new(),
        notes: Vec::new(),
        summary: String::new(),
    };
    let place = |i: usize, top: f64| {
        let x = if i.is_multiple_of(2) {
            pad
        } else {
            width - pad - node_w
        };
        (x, top + (i / 2) as f64 * pitch)
    };
    // The lane end of a box's short line.
    let inner = |x: f64| if x < lane { x + node_w } else { x };
    // A block of boxes, or one line of words when there are none; then "+ N more".
    let block_height = |n: usize, more: usize| {
        let rows = n.div_ceil(2).max(1) as f64;
        rows * pitch - (pitch - node_h) + if more > 0 { 22.0 } else { 0.0 }
    };
    let top = pad;
    let cell_y = top + block_height(left.len(), more_left) + gap;
    let below = cell_y + node_h + gap;
    let mid = node_h / 2.0;
    let line = |from: (f64, f64), to: (f64, f64), arrow: bool| GraphEdge { from, to, arrow };
    for (i, &c) in left.iter().enumerate() {
        let (x, y) = place(i, top);
        layout
            .edges
            .push(line((inner(x), y + mid), (lane, y + mid), false));
        layout.nodes.push(GraphNode {
            cell: c,
            role: Role::Dependency,
            x,
            y,
        });
    }
    if !left.is_empty() {
        layout
            .edges
            .push(line((lane, top + mid), (lane, cell_y), true));
    }
    layout.nodes.push(GraphNode {
        cell,
        role: Role::Selected,
        x: (width - node_w) / 2.0,
        y: cell_y,
    });
    if let Some(last) = right.len().checked_sub(1) {
        let (_, last_y) = place(last - last % 2, below);
        layout
            .edges
            .push(line((lane, cell_y + node_h), (lane, last_y + mid), false));
    }
    for (i, &c) in right.iter().enumerate() {
        let (x, y) = place(i, below);
        layout
            .edges
            .push(line((lane, y + mid), (inner(x), y + mid), true));
        layout.nodes.push(GraphNode {
            cell: c,
            role: Role::Dependent,
            x,
            y,
        });
    }
    let center = lane;
    let text_at = |block_top: f64, n: usize, text: String| {
        let rows = n.div_ceil(2) as f64;
        GraphNote {
            x: center,
            y: block_top + rows * pitch + 12.0,
            text,
        }
    };
    if left.is_empty() {
        layout.notes.push(GraphNote {
            x: center,
            y: top + node_h / 2.0 + 4.0,
            text: "reads nothing".into(),
        });
    } else if more_left > 0 {
        layout.notes.push(text_at(top, left.len(), more(more_left)));
    }
    if right.is_empty() {
        layout.notes.push(GraphNote {
            x: center,
            y: below + node_h / 2.0 + 4.0,
            text: "nobody reads it".into(),
        });
    } else if more_right > 0 {
        layout
            .notes
            .push(text_at(below, right.len(), more(more_right)));
    }
    layout.height = below + block_height(right.len(), more_right) + pad;
    layout
}

/// A box's text: the cell's name and its value, the value cut to eight characters and
/// "…" when longer than nine (`"D13: 1.352112…"`), the name alone for an empty cell.
pub fn node_label(cell: CellRef, display: &str) -> String {
    if display.chars().count() > 9 {
        format!("{cell}: {}…", display.chars().take(8).collect::<String>())
    } else if display.is_empty() {
        cell.name()
    } else {
        format!("{cell}: {display}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cells(names: &[&str]) -> Vec<CellRef> {
        names
            .iter()
            .map(|n| CellRef::parse(n).expect("a cell name"))
            .collect()
    }

    #[test]
    fn keys_move_and_stop_at_the_edges() {
        let a1 = CellRef::new(0, 0);
        assert_eq!(step_for_key("ArrowRight", 10), Some((1, 0)));
        assert_eq!(step_for_key("End", 10), Some((10, 0)));
        assert_eq!(step_for_key("x", 10), None);
        assert_eq!(moved(a1, -1, -1, 10, 20), a1);
        assert_eq!(moved(a1, 10, 0, 10, 20), CellRef::new(9, 0));
        assert_eq!(
            moved(CellRef::new(3, 5), -10, 100, 10, 20),
            CellRef::new(0, 19)
        );
        assert_eq!(
            moved(a1, i32::MAX, i32::MAX, u32::MAX, u32::MAX),
            CellRef::new(i32::MAX as u32, i32::MAX as u32)
        );
        assert_eq!(moved(a1, 5, 5, 0, 0), a1);
    }

    #[test]
    fn the_watch_reports_what_changed_since_the_last_look() {
        let mut watch = RecomputeWatch::default();
        watch.observe(&[1, 1, 1, 1], 2);
        assert!(watch.last().is_empty());
        assert_eq!(
            watch.sentence(),
            "Edit a cell to see which cells recompute."
        );
        watch.observe(&[1, 2, 1, 2], 2);
        assert_eq!(watch.last(), &cells(&["B1", "B2"])[..]);
        assert!(watch.changed(1) && !watch.changed(0) && !watch.changed(99));
        assert_eq!(
            watch.sentence(),
            "The last change recomputed 2 cells: B1, B2"
        );
        // A look without an edit keeps the answer.
        watch.observe(&[1, 2, 1, 2], 2);
        assert_eq!(watch.last().len(), 2);
        watch.observe(&[2, 2, 1, 2], 2);
        assert_eq!(watch.sentence(), "The last change recomputed 1 cell: A1");
        // Another sheet starts over.
        watch.observe(&[0; 6], 3);
        assert!(watch.last().is_empty());
    }

    #[test]
    fn cell_views_follow_an_edit() {
        let sheet = Sheet::new(3, 2).unwrap();
        let (a1, b1, c2) = (CellRef::new(0, 0), CellRef::new(1, 0), CellRef::new(2, 1));
        sheet.set(a1, "2").unwrap();
        sheet.set(b1, "=A1*3").unwrap();
        sheet.set(c2, "=1/0").unwrap();
        let mut watch = RecomputeWatch::default();
        let views = cell_views(&sheet, &mut watch);
        assert_eq!(views.len(), 6);
        assert_eq!((views[1].display.as_str(), views[1].number), ("6", true));
        assert_eq!(views[1].title.as_deref(), Some("=A1*3"));
        assert!(
            views[5].error
                && views[5]
                    .title
                    .as_deref()
                    .is_some_and(|t| t.contains("zero"))
        );
        assert!(views.iter().all(|v| !v.recomputed));
        sheet.set(a1, "5").unwrap();
        let views = cell_views(&sheet, &mut watch);
        assert_eq!(views[1].display, "15");
        let recomputed: Vec<usize> = (0..6).filter(|&i| views[i].recomputed).collect();
        assert_eq!(recomputed, vec![0, 1]);
        assert_eq!(
            watch.sentence(),
            "The last change recomputed 2 cells: A1, B1"
        );
    }

    #[test]
    fn sentences() {
        let d8 = CellRef::new(3, 7);
        assert_eq!(status_line(d8, &CellValue::Number(75.0)), "D8 = 75");
        assert_eq!(status_line(d8, &CellValue::Empty), "D8 is empty");
        assert_eq!(
            runtime_sentence(1, d8, 1),
            "1 reactive node alive in this sheet’s runtime; cell D8 computed 1 time."
        );
        assert_eq!(
            runtime_sentence(2_400, d8, 0),
            "2,400 reactive nodes alive in this sheet’s runtime; cell D8 computed 0 times."
        );
        assert_eq!(node_label(d8, ""), "D8");
        assert_eq!(node_label(d8, "75"), "D8: 75");
        assert_eq!(node_label(d8, "1.35211267"), "D8: 1.352112…");
    }

    #[test]
    fn summaries_count_both_sides() {
        let d8 = CellRef::new(3, 7);
        let layout = graph_layout(d8, &cells(&["D2", "D3"]), &cells(&["D9"]), GraphShape::Wide);
        assert_eq!(layout.summary, "D8 reads 2 cells; 1 cell reads it.");
        let layout = graph_layout(d8, &[], &cells(&["D9", "D13"]), GraphShape::Narrow);
        assert_eq!(layout.summary, "D8 reads 0 cells; 2 cells read it.");
        assert!(layout.notes.iter().any(|n| n.text == "reads nothing"));
    }

    #[test]
    fn the_narrow_shape_keeps_its_width_and_stacks() {
        let many: Vec<CellRef> = (0..15).map(|r| CellRef::new(0, r)).collect();
        let layout = graph_layout(CellRef::new(3, 7), &many, &many[..3], GraphShape::Narrow);
        assert_eq!(layout.width, 300.0);
        let selected = layout
            .nodes
            .iter()
            .find(|n| n.role == Role::Selected)
            .unwrap();
        for n in &layout.nodes {
            match n.role {
                Role::Dependency => assert!(n.y + layout.node_height < selected.y),
                Role::Dependent => assert!(n.y > selected.y + layout.node_height),
                Role::Selected => {}
            }
        }
        assert_eq!(layout.nodes.len(), GRAPH_MAX + 1 + 3);
        assert!(layout.notes.iter().any(|n| n.text == "+ 5 more"));
    }

    #[test]
    fn narrow_lines_stay_in_the_lane_between_the_boxes() {
        let many: Vec<CellRef> = (0..7).map(|r| CellRef::new(0, r)).collect();
        let layout = graph_layout(CellRef::new(3, 7), &many, &many[..5], GraphShape::Narrow);
        for e in layout.edges.iter().filter(|e| e.from.0 == e.to.0) {
            // A vertical line: it runs down the lane, clear of every box.
            for n in &layout.nodes {
                let across = n.x < e.from.0 && e.from.0 < n.x + layout.node_width;
                let (top, bottom) = (e.from.1.min(e.to.1), e.from.1.max(e.to.1));
                let overlaps = top < n.y + layout.node_height && n.y < bottom;
                assert!(
                    !(across && overlaps && n.role != Role::Selected),
                    "{e:?} crosses {n:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn every_box_and_word_is_inside_the_picture(
            deps in 0usize..25, dependents in 0usize..25, narrow in any::<bool>()
        ) {
            let shape = if narrow { GraphShape::Narrow } else { GraphShape::Wide };
            let of = |n: usize| (0..n as u32).map(|r| CellRef::new(1, r)).collect::<Vec<_>>();
            let layout = graph_layout(CellRef::new(0, 0), &of(deps), &of(dependents), shape);
            prop_assert_eq!(layout.nodes.len(), deps.min(GRAPH_MAX) + dependents.min(GRAPH_MAX) + 1);
            // One arrow into every box that reads, and one into the cell if it reads anything.
            let arrows = layout.edges.iter().filter(|e| e.arrow).count();
            prop_assert_eq!(arrows, if narrow { usize::from(deps > 0) } else { deps.min(GRAPH_MAX) } + dependents.min(GRAPH_MAX));
            for e in &layout.edges {
                for (x, y) in [e.from, e.to] {
                    prop_assert!((0.0..=layout.width).contains(&x) && (0.0..=layout.height).contains(&y));
                }
            }
            for n in &layout.nodes {
                prop_assert!(n.x >= 0.0 && n.x + layout.node_width <= layout.width);
                prop_assert!(n.y >= 0.0 && n.y + layout.node_height <= layout.height);
            }
            for note in &layout.notes {
                prop_assert!(note.y > 0.0 && note.y <= layout.height);
            }
            // No two boxes overlap.
            for (i, a) in layout.nodes.iter().enumerate() {
                for b in &layout.nodes[i + 1..] {
                    let apart = a.x + layout.node_width <= b.x || b.x + layout.node_width <= a.x
                        || a.y + layout.node_height <= b.y || b.y + layout.node_height <= a.y;
                    prop_assert!(apart, "{:?} overlaps {:?}", a, b);
                }
            }
        }
    }
}
