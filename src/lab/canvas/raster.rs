//! The software rasterizer: paths, flattening, stroking, an exact-area anti-aliased
//! scanline filler and source-over compositing into an `ImageData`-shaped RGBA buffer.
//!
//! How a fill becomes pixels:
//!
//! 1. **Flatten.** Rects and lines are already straight; a circle becomes a polygon whose
//!    chords stay within [`FLATTEN_TOLERANCE`] of the curve (`sagitta = r·(1 − cos(Δ/2))`).
//!    Vertices sit at radius `r·√(Δ / sin Δ)` so the polygon has the circle's exact area.
//!    Pieces of the circle whose bounding box misses the canvas become a single chord, so
//!    a radius of 1e300 costs a handful of segments, not 1e150.
//! 2. **Edges.** Every polygon edge becomes an edge with a direction (+1 downwards, −1
//!    upwards). Horizontal edges carry no winding and are dropped.
//! 3. **Bands.** Each pixel row is cut into horizontal bands at every edge end inside it,
//!    so every edge crossing a band crosses all of it. The crossings are sorted by their x
//!    at the band's middle and walked left to right summing directions: where the sum is
//!    non-zero the point is inside (the *non-zero winding rule* of `fill()`), so an edge
//!    where the sum leaves or returns to zero bounds the inside. For each bounding edge
//!    the exact area to its right within the band is added (entering edges) or subtracted
//!    (leaving edges), pixel by pixel, into an accumulation row of coverage *differences*;
//!    a running sum then gives each pixel's exact covered area, the same quantity Skia's
//!    analytic anti-aliasing computes. If two edges swap places inside a band and that
//!    changes which edges bound the inside, the band is halved (down to [`MIN_BAND`]).
//!    A band costs a walk over every edge crossing the row, so a row where n pieces all
//!    begin or end (a scribble, a stroke folded onto itself) would cost n bands × n
//!    edges: such a row, one with more than 16 bands, is cut into 16 equal bands instead,
//!    each edge counted in a band if it crosses the band's middle (at most half a band,
//!    1/32 px, off per edge end; Skia's supersampling looks at 4 lines per pixel). The
//!    edges of a row are kept sorted by x from band to band (an insertion sort: they
//!    rarely swap), so a row costs O(min(edge ends, 16) · e + swaps) for the e edges
//!    crossing it, and a fill O(rows crossed · that): linear in the edges for a given
//!    canvas, where one band per edge end made it quadratic.
//! 4. **Composite.** The backing store is premultiplied RGBA8, as in the browser. Coverage
//!    is rounded to 8 bits `k`; with the paint `s` premultiplied, `s' = s·k/255` and
//!    `d' = s' + d·(1 − α(s')/255)` (source-over), in integers rounded to the nearest byte
//!    like Skia's 8-bit pipeline. Overlapping shapes are composited one after the other
//!    with coverage as alpha, exactly as a canvas does (the "conflation" at shared edges is
//!    the browser's too). At the end every pixel is un-premultiplied,
//!    `c = round(255·c' / α)`, which is what `getImageData` does; near-transparent pixels
//!    lose colour precision there in both.
//!
//! Strokes are filled too. A line wider than 1 px becomes, per segment, a rectangle of the
//! line width (butt caps) and, per vertex, a miter join (a bevel when the miter would be
//! longer than [`MITER_LIMIT`] half-widths); the pieces are all turned the same way and
//! filled together with the non-zero rule, which paints their union once, as the Canvas
//! spec asks. A stroked lone circle is exactly a ring (an outer circle and an inner one
//! wound the other way). Lines at most 1 px wide are drawn like Skia's hairlines: one
//! pixel's worth of coverage per column (or row) split between the two nearest pixels,
//! with the alpha scaled by the width; those boxes are added straight into a row of
//! coverage, not filled as polygons (see `Hairlines`), in time linear in the pixels
//! they cover.
//!
//! Huge coordinates never loop: only rows inside the canvas are visited, parts of edges
//! left of the canvas count as if on its left edge (which keeps their winding), stroke
//! centre lines are clipped (Liang–Barsky) to the canvas grown by the stroke's reach, and
//! every interpolation is written so that `±1e308` cannot overflow into infinity or NaN.

use super::color::{Rgba, parse_color};
use super::font;
use super::{CanvasError, DrawCommand};

/// The largest canvas side, in pixels (browsers allow 16384 or more; 16384 × 16384 RGBA
/// would already be 1 GiB, hence also [`MAX_PIXELS`]).
pub const MAX_SIDE: u32 = 16_384;
/// The largest canvas area, in pixels: 64 MP, that is 256 MiB of RGBA.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;
/// The shortest band a row is split into where edges cross (see `Filler::fill`): the
/// coverage near a crossing of two edges is exact to within a triangle this high.
pub const MIN_BAND: f64 = 1.0 / 64.0;
/// Bands crossed by more edges than this are not split (see [`MIN_BAND`]).
const MAX_SPLIT_CROSSINGS: usize = 128;
/// A row cut into more bands than this at edge ends is cut into [`SAMPLED_BANDS`] equal
/// bands instead, which bounds the work per row (see `Filler::fill`).
const MAX_EXACT_BANDS: usize = 16;
/// How many equal bands a row with very many edge ends gets.
const SAMPLED_BANDS: usize = 16;
/// Largest distance, in pixels, between a circle and the polygon that replaces it.
pub const FLATTEN_TOLERANCE: f64 = 0.1;
/// Canvas 2D's default `miterLimit`: the longest miter, in half line widths.
pub const MITER_LIMIT: f64 = 10.0;
/// Line widths above this are drawn at this width (a simplification: no canvas of at most
/// [`MAX_SIDE`] pixels can tell unless the line is more than a million pixels away).
pub const MAX_LINE_WIDTH: f64 = 1.0e6;
/// Segments shorter than this are treated as zero-length when stroking, as Skia does
/// (`SK_ScalarNearlyZero`), so a freehand jitter cannot turn into a miter spike.
const DEGENERATE_LENGTH: f64 = 1.0 / 4096.0;
/// The deepest halving of a quarter circle: 4·2⁴⁰ chords are enough up to r ≈ 4·10²³.
const MAX_ARC_DEPTH: u32 = 40;
/// A hard cap on the points one circle may add, whatever its size.
const MAX_ARC_POINTS: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

impl Point {
    const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
}

/// An axis-aligned box, `x0 <= x1`, `y0 <= y1`.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bounds {
    fn canvas(width: u32, height: u32, margin: f64) -> Bounds {
        Bounds {
            x0: -margin,
            y0: -margin,
            x1: f64::from(width) + margin,
            y1: f64::from(height) + margin,
        }
    }

    fn contains(&self, p: Point) -> bool {
        p.x >= self.x0 && p.x <= self.x1 && p.y >= self.y0 && p.y <= self.y1
    }

    fn around(points: &[Point]) -> Bounds {
        let mut b = Bounds {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        };
        for p in points {
            b.x0 = b.x0.min(p.x);
            b.y0 = b.y0.min(p.y);
            b.x1 = b.x1.max(p.x);
            b.y1 = b.y1.max(p.y);
        }
        b
    }

    fn intersects(&self, other: &Bounds) -> bool {
        self.x0 <= other.x1 && other.x0 <= self.x1 && self.y0 <= other.y1 && other.y0 <= self.y1
    }
}

/// One piece of a subpath after its start point.
#[derive(Clone, Debug)]
enum Segment {
    /// A straight line to the point.
    Line(Point),
    /// `arc(cx, cy, r, 0, 2π)` from the current point `(cx + r, cy)` back to it.
    FullCircle { center: Point, radius: f64 },
}

#[derive(Clone, Debug)]
struct SubPath {
    start: Point,
    segments: Vec<Segment>,
    /// Closed by `rect()` (Canvas `closePath`): fill and stroke join the end to the start.
    closed: bool,
}

impl SubPath {
    /// The circle, if the subpath is exactly one full circle. Canvas leaves such a subpath
    /// open with two butt caps meeting at `(cx + r, cy)`, which is seamless because the
    /// tangents agree: its stroke is exactly the ring between `r − w/2` and `r + w/2`.
    fn lone_circle(&self) -> Option<(Point, f64)> {
        match self.segments.as_slice() {
            [Segment::FullCircle { center, radius }] if *radius > 0.0 => Some((*center, *radius)),
            _ => None,
        }
    }
}

/// The current path of a canvas context: the subpaths since the last `beginPath()`.
#[derive(Clone, Debug, Default)]
struct Path {
    subpaths: Vec<SubPath>,
}

impl Path {
    fn begin(&mut self) {
        self.subpaths.clear();
    }

    fn move_to(&mut self, p: Point) {
        self.subpaths.push(SubPath {
            start: p,
            segments: Vec::new(),
            closed: false,
        });
    }

    fn line_to(&mut self, p: Point) {
        match self.subpaths.last_mut() {
            // Only rect() closes a subpath and it always opens a new one after, so the
            // last subpath is open.
            Some(sub) => sub.segments.push(Segment::Line(p)),
            // "If the path has no subpaths, ensure there is a subpath for (x, y)."
            None => self.move_to(p),
        }
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let (x1, y1) = (x + w, y + h);
        if !x1.is_finite() || !y1.is_finite() {
            return;
        }
        self.subpaths.push(SubPath {
            start: Point::new(x, y),
            segments: vec![
                Segment::Line(Point::new(x1, y)),
                Segment::Line(Point::new(x1, y1)),
                Segment::Line(Point::new(x, y1)),
            ],
            closed: true,
        });
        self.move_to(Point::new(x, y));
    }

    fn circle(&mut self, cx: f64, cy: f64, r: f64) {
        let start_x = cx + r;
        if !start_x.is_finite() {
            return;
        }
        self.move_to(Point::new(start_x, cy));
        // arc() with a negative radius throws IndexSizeError and adds nothing; the
        // moveTo before it has happened already.
        if r < 0.0 {
            return;
        }
        if let Some(sub) = self.subpaths.last_mut() {
            sub.segments.push(Segment::FullCircle {
                center: Point::new(cx, cy),
                radius: r,
            });
        }
    }
}

/// Appends the subpath's points, circles flattened; pieces of circles outside `roi` become
/// single chords. `reach` is how far outside the curve the result is drawn (half the line
/// width for a stroke): the flattening error is measured at that radius.
fn flatten(sub: &SubPath, roi: &Bounds, reach: f64, out: &mut Vec<Point>) {
    out.clear();
    out.push(sub.start);
    for segment in &sub.segments {
        match segment {
            Segment::Line(p) => out.push(*p),
            Segment::FullCircle { center, radius } => {
                flatten_circle(*center, *radius, *radius + reach, roi, out);
            }
        }
    }
}

/// Appends the points of `arc(c, r, 0, 2π)` after its start point `(c.x + r, c.y)`, ending
/// exactly there. Chords are chosen so that a curve at radius `error_radius` stays within
/// [`FLATTEN_TOLERANCE`]; an explicit stack replaces recursion (its depth is at most
/// `MAX_ARC_DEPTH + 4`).
fn flatten_circle(c: Point, r: f64, error_radius: f64, roi: &Bounds, out: &mut Vec<Point>) {
    if r.is_nan() || r <= 0.0 {
        return;
    }
    let mut depth = 2;
    while depth < MAX_ARC_DEPTH {
        // A power of two, so powi is exact.
        let delta = std::f64::consts::FRAC_PI_2 / 2f64.powi(depth as i32);
        // r·(1 − cos(Δ/2)) = 2r·sin²(Δ/4), which stays accurate for tiny Δ.
        let sagitta = 2.0 * error_radius * (delta / 4.0).sin().powi(2);
        if sagitta <= FLATTEN_TOLERANCE {
            break;
        }
        depth += 1;
    }
    let n: u64 = 4u64 << depth;
    // n is at most 2^42, exactly representable.
    let delta = std::f64::consts::TAU / n as f64;
    let vertex_radius = r * (delta / delta.sin()).sqrt();
    let start = Point::new(c.x + r, c.y);
    let point = |k: u64| -> Point {
        if k == 0 || k >= n {
            start
        } else {
            let angle = k as f64 * delta;
            Point::new(
                c.x + vertex_radius * angle.cos(),
                c.y + vertex_radius * angle.sin(),
            )
        }
    };
    let quarter = n / 4;
    let mut stack: Vec<(u64, u64)> = (0..4)
        .rev()
        .map(|q| (q * quarter, (q + 1) * quarter))
        .collect();
    let mut added = 0usize;
    while let Some((k0, k1)) = stack.pop() {
        let visible = k1 - k0 > 1 && added < MAX_ARC_POINTS && {
            // The arc lies in the triangle of its end points and the meeting point of
            // their tangents (its span is at most 90°).
            let mid_angle = (k0 + k1) as f64 * 0.5 * delta;
            let half_span = (k1 - k0) as f64 * 0.5 * delta;
            let tip_radius = vertex_radius / half_span.cos();
            let tip = Point::new(
                c.x + tip_radius * mid_angle.cos(),
                c.y + tip_radius * mid_angle.sin(),
            );
            Bounds::around(&[point(k0), point(k1), tip]).intersects(roi)
        };
        if visible {
            let mid = k0 + (k1 - k0) / 2;
            stack.push((mid, k1));
            stack.push((k0, mid));
        } else {
            out.push(point(k1));
            added += 1;
        }
    }
}

/// `(v − a) / (b − a)` clamped to 0..=1, computed on halves so that `b − a` cannot
/// overflow to infinity for coordinates near ±f64::MAX.
fn param(v: f64, a: f64, b: f64) -> f64 {
    let t = (v * 0.5 - a * 0.5) / (b * 0.5 - a * 0.5);
    if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) }
}

/// `a + (b − a)·t` without overflow.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if d.is_finite() {
        a + d * t
    } else {
        a * (1.0 - t) + b * t
    }
}

/// An edge of the polygons being filled, top to bottom (`y0 < y1`).
#[derive(Clone, Copy, Debug)]
struct Edge {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    /// +1 if the original edge went down, −1 if up.
    winding: i64,
}

impl Edge {
    fn x_at(&self, y: f64) -> f64 {
        lerp(self.x0, self.x1, param(y, self.y0, self.y1))
    }
}

/// An edge reaching into the current row, with its x at the middle of the band being
/// filled (the sort key).
#[derive(Clone, Copy, Debug)]
struct ActiveEdge {
    x: f64,
    edge: Edge,
}

/// An edge crossing one band (the crossings are kept in the order of their x at the
/// band's middle): where it is at the band's top and bottom, when needed.
#[derive(Clone, Copy, Debug)]
struct Crossing {
    top: f64,
    bottom: f64,
    winding: i64,
    /// Its place in `Filler::active`.
    edge: usize,
}

/// Polygon filling with the non-zero rule and exact-area anti-aliasing, reused across fills.
struct Filler {
    width: u32,
    height: u32,
    edges: Vec<Edge>,
    /// Copies of the edges that reach into the current row (scanned once per band, so
    /// they sit side by side in memory), in the x order of the last band filled.
    active: Vec<ActiveEdge>,
    events: Vec<f64>,
    bands: Vec<(f64, f64)>,
    crossings: Vec<Crossing>,
    order: Vec<usize>,
    boundary_mid: Vec<(usize, bool)>,
    boundary_other: Vec<(usize, bool)>,
    /// Coverage differences of the current row; `width + 2` cells. Pixel `i`'s coverage
    /// is the sum of cells `0..=i`.
    accumulation: Vec<f32>,
    touched_min: usize,
    touched_max: usize,
}

impl Filler {
    fn new(width: u32, height: u32) -> Filler {
        Filler {
            width,
            height,
            edges: Vec::new(),
            active: Vec::new(),
            events: Vec::new(),
            bands: Vec::new(),
            crossings: Vec::new(),
            order: Vec::new(),
            boundary_mid: Vec::new(),
            boundary_other: Vec::new(),
            accumulation: vec![0.0; width as usize + 2],
            touched_min: usize::MAX,
            touched_max: 0,
        }
    }

    /// Adds a closed polygon (the last point connects back to the first).
    fn add_polygon(&mut self, points: &[Point]) {
        if points.len() < 3 {
            return;
        }
        for (i, &a) in points.iter().enumerate() {
            let b = points.get(i + 1).or(points.first()).copied().unwrap_or(a);
            self.add_edge(a, b);
        }
    }

    fn add_edge(&mut self, a: Point, b: Point) {
        // Horizontal edges carry no winding; edges entirely above or below the canvas
        // cannot change any pixel's winding number.
        if a.y == b.y {
            return;
        }
        let (top, bottom, winding) = if a.y < b.y { (a, b, 1) } else { (b, a, -1) };
        if bottom.y <= 0.0 || top.y >= f64::from(self.height) {
            return;
        }
        self.edges.push(Edge {
            x0: top.x,
            y0: top.y,
            x1: bottom.x,
            y1: bottom.y,
            winding,
        });
    }

    // region: fill
    /// Fills the polygons added since the last fill with `paint` into premultiplied
    /// `pixels`, then forgets them.
    ///
    /// Row by row, the row is cut into bands at every edge end inside it, so each band is
    /// crossed by whole edges only. If no two edges swap places inside a band, the order of
    /// the crossings (and so which edges bound the inside under the non-zero rule) is the
    /// same from its top to its bottom, and the covered area of each pixel in the band is
    /// exact: the trapezoids between boundary edges. Bands where edges do cross are halved
    /// until they are shorter than [`MIN_BAND`].
    fn fill(&mut self, pixels: &mut [u8], paint: Rgba) {
        if self.edges.is_empty() || paint.a == 0 {
            self.edges.clear();
            return;
        }
        let paint = Premultiplied::from(paint);
        self.edges.sort_unstable_by(|a, b| a.y0.total_cmp(&b.y0));
        let height = f64::from(self.height);
        let last_y = self
            .edges
            .iter()
            .map(|e| e.y1)
            .fold(0.0f64, f64::max)
            .min(height);
        let mut next = 0usize;
        self.active.clear();
        // The first row any edge touches; y0 < height was checked when the edge was added.
        let mut row = self.edges.first().map_or(0.0, |e| e.y0.max(0.0).floor());
        while row < last_y {
            let row_bottom = row + 1.0;
            while let Some(edge) = self.edges.get(next) {
                if edge.y0 >= row_bottom {
                    break;
                }
                self.active.push(ActiveEdge {
                    x: edge.x0,
                    edge: *edge,
                });
                next += 1;
            }
            self.active.retain(|a| a.edge.y1 > row);
            if self.active.is_empty() {
                // Jump to the next edge's row.
                row = match self.edges.get(next) {
                    Some(edge) => edge.y0.floor().max(row_bottom),
                    None => break,
                };
                continue;
            }
            self.events.clear();
            self.events.push(row);
            self.events.push(row_bottom);
            for ActiveEdge { edge: e, .. } in &self.active {
                for y in [e.y0, e.y1] {
                    if y > row && y < row_bottom {
                        self.events.push(y);
                    }
                }
            }
            self.events.sort_unstable_by(f64::total_cmp);
            self.events.dedup();
            // A row where many edges begin or end (a dense scribble, a stroke folded onto
            // itself) would get a band per edge end, each walking every edge of the row:
            // quadratic in the edges. Such a row is cut into a fixed number of equal bands
            // instead, each sampled at its middle.
            let sampled = self.events.len() > MAX_EXACT_BANDS + 1;
            if sampled {
                self.events.clear();
                self.events
                    .extend((0..=SAMPLED_BANDS).map(|k| row + k as f64 / SAMPLED_BANDS as f64));
            }
            for k in (1..self.events.len()).rev() {
                if let (Some(&top), Some(&bottom)) = (self.events.get(k - 1), self.events.get(k)) {
                    self.bands.push((top, bottom));
                }
            }
            while let Some((top, bottom)) = self.bands.pop() {
                self.fill_band(top, bottom, sampled);
            }
            // Rows are at most height (<= 16384), so the cast is exact.
            self.flush_row(row as u32, pixels, paint);
            row = row_bottom;
        }
        self.edges.clear();
    }

    /// Adds the coverage of the band `[top, bottom]` of the current row, or splits it in
    /// two (pushed on `self.bands`) if edges cross inside it.
    ///
    /// `sampled`: the band is one of a row's [`SAMPLED_BANDS`] equal bands, not cut at edge
    /// ends; an edge then counts as crossing the whole band if it crosses its middle (so
    /// the area near an edge end is off by at most half a band), and the band is not split.
    fn fill_band(&mut self, top: f64, bottom: f64, sampled: bool) {
        let height = bottom - top;
        if height <= 0.0 {
            return;
        }
        let middle = top + height * 0.5;
        let (from, to) = if sampled {
            (middle, middle)
        } else {
            (top, bottom)
        };
        // Every active edge gets its x at the band's middle (clamped to its ends if it
        // does not reach that far), and the list is kept sorted by it: from one band to
        // the next edges rarely swap places, so the sort is nearly free, and the edges
        // crossing the band come out in order.
        for a in &mut self.active {
            a.x = a.edge.x_at(middle);
        }
        sort_nearly_sorted(&mut self.active);
        self.crossings.clear();
        for (k, a) in self.active.iter().enumerate() {
            let e = &a.edge;
            if e.y0 <= from && e.y1 >= to && (!sampled || e.y1 > middle) {
                self.crossings.push(Crossing {
                    // Filled in below where needed.
                    top: f64::NAN,
                    bottom: f64::NAN,
                    winding: e.winding,
                    edge: k,
                });
            }
        }
        // With very many edges in one band (a long scribble of wide overlapping pieces)
        // the splitting would cost more than the sliver of accuracy it buys.
        let may_split =
            !sampled && height > MIN_BAND && self.crossings.len() <= MAX_SPLIT_CROSSINGS;
        if may_split {
            for c in &mut self.crossings {
                if let Some(a) = self.active.get(c.edge) {
                    c.top = a.edge.x_at(top);
                    c.bottom = a.edge.x_at(bottom);
                }
            }
            let swapped = self.crossings.windows(2).any(
                |pair| matches!(pair, [a, b] if a.top > b.top + 1e-9 || a.bottom > b.bottom + 1e-9),
            );
            // Edges that swap places inside the band matter only if they change which
            // edges bound the inside (overlapping stroke pieces swap all the time).
            if swapped && self.boundary_changes() {
                self.bands.push((middle, bottom));
                self.bands.push((top, middle));
                return;
            }
        }
        let mut winding = 0i64;
        for i in 0..self.crossings.len() {
            let Some(c) = self.crossings.get(i).copied() else {
                break;
            };
            let was = winding;
            winding = winding.saturating_add(c.winding);
            let sign = if was == 0 && winding != 0 {
                1.0
            } else if was != 0 && winding == 0 {
                -1.0
            } else {
                continue;
            };
            // Only the edges that bound the inside need their ends in the band.
            let (x_top, x_bottom) = match self.active.get(c.edge) {
                Some(a) if !may_split => (a.edge.x_at(top), a.edge.x_at(bottom)),
                _ => (c.top, c.bottom),
            };
            self.add_area_right_of(x_top, x_bottom, height, sign);
        }
    }
    // endregion

    /// Whether the edges that bound the inside (non-zero winding on one side, zero on the
    /// other) differ between the band's top, middle and bottom orders. `crossings` is
    /// sorted by the middle.
    fn boundary_changes(&mut self) -> bool {
        fn boundaries(order: &[usize], crossings: &[Crossing], out: &mut Vec<(usize, bool)>) {
            out.clear();
            let mut winding = 0i64;
            for &i in order {
                let Some(c) = crossings.get(i) else { continue };
                let was = winding;
                winding = winding.saturating_add(c.winding);
                if (was == 0) != (winding == 0) {
                    out.push((i, was == 0));
                }
            }
            out.sort_unstable();
        }
        let count = self.crossings.len();
        self.order.clear();
        self.order.extend(0..count);
        boundaries(&self.order, &self.crossings, &mut self.boundary_mid);
        for use_top in [true, false] {
            let crossings = &self.crossings;
            self.order.sort_by(|&a, &b| {
                let key = |i: usize| {
                    crossings
                        .get(i)
                        .map_or(0.0, |c| if use_top { c.top } else { c.bottom })
                };
                key(a).total_cmp(&key(b))
            });
            boundaries(&self.order, &self.crossings, &mut self.boundary_other);
            if self.boundary_other != self.boundary_mid {
                return true;
            }
        }
        false
    }

    /// Adds `sign` × the area, in each pixel of the row, that lies right of the segment
    /// from `x_top` to `x_bottom` across a band of `height`. Parts left of the canvas count
    /// as if on its left edge (they cover everything to their right), parts right of it
    /// cover nothing.
    fn add_area_right_of(&mut self, x_top: f64, x_bottom: f64, height: f64, sign: f32) {
        let width = f64::from(self.width);
        // Cut the segment where it crosses x = 0 and x = width; t runs from top to bottom.
        let mut cuts = [0.0, 1.0, 1.0, 1.0];
        let mut count = 1;
        for boundary in [0.0, width] {
            if (x_top < boundary) != (x_bottom < boundary) {
                if let Some(slot) = cuts.get_mut(count) {
                    *slot = param(boundary, x_top, x_bottom);
                }
                count += 1;
            }
        }
        if let Some(slot) = cuts.get_mut(count) {
            *slot = 1.0;
        }
        let used = cuts.get_mut(..=count).unwrap_or(&mut []);
        used.sort_unstable_by(f64::total_cmp);
        for k in 0..count {
            let (Some(&t0), Some(&t1)) = (cuts.get(k), cuts.get(k + 1)) else {
                break;
            };
            if t1 <= t0 {
                continue;
            }
            let a = lerp(x_top, x_bottom, t0).clamp(0.0, width);
            let b = lerp(x_top, x_bottom, t1).clamp(0.0, width);
            self.add_piece_area(a, b, height * (t1 - t0), sign);
        }
    }

    /// The area right of a segment whose ends `a`, `b` are inside `0..=width`, over a band
    /// part of height `h`: the cells it crosses get the trapezoid right of it, every cell
    /// after them the full `h` (through the running sum).
    fn add_piece_area(&mut self, a: f64, b: f64, h: f64, sign: f32) {
        let (x0, x1) = if a <= b { (a, b) } else { (b, a) };
        let first = x0.floor();
        let last = x1.floor();
        // Both are in 0..=width, so the casts are exact.
        let first_cell = first as usize;
        let last_cell = last as usize;
        let mut previous = 0.0f64;
        if first_cell == last_cell {
            // Within one cell: the covered part is right of the segment's mean x.
            let covered = h * (first + 1.0 - (x0 + x1) * 0.5);
            self.add_cell(first_cell, sign * covered as f32);
            previous = covered;
        } else {
            // Band height per unit of x along the segment.
            let dy_dx = h / (x1 - x0);
            for cell in first_cell..=last_cell {
                let left = cell as f64;
                let right = left + 1.0;
                let from = x0.max(left);
                let to = x1.min(right);
                // The part of the segment inside this cell covers the cell right of it;
                // the part already left of the cell covers the whole cell.
                let inside = (to - from).max(0.0) * dy_dx * (right - (from + to) * 0.5);
                let before = (from - x0).max(0.0) * dy_dx;
                let covered = inside + before;
                self.add_cell(cell, sign * (covered - previous) as f32);
                previous = covered;
            }
        }
        self.add_cell(last_cell + 1, sign * (h - previous) as f32);
    }

    fn add_cell(&mut self, cell: usize, value: f32) {
        if let Some(a) = self.accumulation.get_mut(cell) {
            *a += value;
            self.touched_min = self.touched_min.min(cell);
            self.touched_max = self.touched_max.max(cell);
        }
    }

    /// Turns the accumulated row into coverage, composites it and resets the row.
    fn flush_row(&mut self, row: u32, pixels: &mut [u8], paint: Premultiplied) {
        if self.touched_min > self.touched_max {
            return;
        }
        let width = self.width as usize;
        let first = self.touched_min;
        let last = self
            .touched_max
            .min(self.accumulation.len().saturating_sub(1));
        self.touched_min = usize::MAX;
        self.touched_max = 0;
        let Some(cells) = self.accumulation.get_mut(first..=last) else {
            return;
        };
        let row_start = row as usize * width * 4;
        let pixel_end = (last + 1).min(width).max(first);
        let row_pixels = pixels
            .get_mut(row_start + first * 4..row_start + pixel_end * 4)
            .unwrap_or(&mut []);
        let mut targets = row_pixels.chunks_exact_mut(4);
        let mut sum = 0.0f32;
        for cell in cells.iter_mut() {
            sum += *cell;
            *cell = 0.0;
            // Cells past the last pixel only finish the running sum.
            let Some(pixel) = targets.next() else {
                continue;
            };
            // Coverage in 8 bits, as Skia's anti-aliasing hands it to the blitter.
            let coverage = (sum.clamp(0.0, 1.0) * 255.0 + 0.5) as u32;
            if coverage != 0
                && let Ok(pixel) = <&mut [u8; 4]>::try_from(pixel)
            {
                paint.blend_into(pixel, coverage);
            }
        }
    }
}

/// Sorts the active edges by `x`. They keep the order of the last band, and edges rarely
/// swap places from one band to the next, so they come nearly sorted: an insertion sort
/// then costs a pass plus one step per swap. Far from sorted (a new row's fresh edges),
/// a general sort takes over.
fn sort_nearly_sorted(edges: &mut [ActiveEdge]) {
    let budget = edges.len().saturating_mul(4);
    let mut steps = 0usize;
    for i in 1..edges.len() {
        let mut j = i;
        // NaN never occurs (coordinates are finite and interpolated without overflow);
        // if it did, `>` is false and the insertion stops, and the total order below
        // finishes the job.
        while j > 0
            && edges
                .get(j - 1)
                .zip(edges.get(j))
                .is_some_and(|(a, b)| a.x > b.x)
        {
            edges.swap(j - 1, j);
            j -= 1;
            steps += 1;
        }
        if steps > budget {
            break;
        }
    }
    if steps > budget || edges.iter().any(|a| a.x.is_nan()) {
        edges.sort_unstable_by(|a, b| a.x.total_cmp(&b.x));
    }
}

/// `round(x / 255)` for `x` in `0..=65535`, without a division.
fn div255(x: u32) -> u32 {
    let x = x + 128;
    (x + (x >> 8)) >> 8
}

// region: composite
/// A paint colour premultiplied by its alpha, as bytes.
#[derive(Clone, Copy, Debug)]
struct Premultiplied {
    rgba: [u32; 4],
    bytes: [u8; 4],
}

impl From<Rgba> for Premultiplied {
    fn from(c: Rgba) -> Premultiplied {
        let a = u32::from(c.a);
        let premultiply = |v: u8| div255(u32::from(v) * a);
        let rgba = [premultiply(c.r), premultiply(c.g), premultiply(c.b), a];
        // Each is at most 255 after div255 of at most 255·255.
        let bytes = rgba.map(|v| v.min(255) as u8);
        Premultiplied { rgba, bytes }
    }
}

impl Premultiplied {
    /// Source-over with coverage `k / 255` onto one premultiplied pixel, in integers as
    /// Skia's 8-bit pipeline does: `s' = s·k`, `d' = s' + d·(1 − α(s'))`, each product
    /// rounded to the nearest byte.
    ///
    /// `coverage` may exceed 255 up to `255·255 / α` (hairline shares piled up, see
    /// [`Hairlines`]): the source's alpha then stays at most 255.
    fn blend_into(&self, pixel: &mut [u8; 4], coverage: u32) {
        let [_, _, _, alpha] = self.rgba;
        let k = coverage.min((65_025 / alpha.max(1)).max(255));
        let [r, g, b, a] = self.rgba;
        let (sr, sg, sb, sa) = if k == 255 {
            if a == 255 {
                *pixel = self.bytes;
                return;
            }
            (r, g, b, a)
        } else {
            (div255(r * k), div255(g * k), div255(b * k), div255(a * k))
        };
        let keep = 255 - sa;
        let [dr, dg, db, da] = pixel.map(u32::from);
        let out_a = (sa + div255(da * keep)).min(255);
        // Premultiplied colour never exceeds alpha; rounding could leave it one above.
        let channel = |s: u32, d: u32| (s + div255(d * keep)).min(out_a) as u8;
        *pixel = [
            channel(sr, dr),
            channel(sg, dg),
            channel(sb, db),
            out_a as u8,
        ];
    }
}

/// Un-premultiplies in place: `c = round(255·c' / α)`, as `getImageData` does.
fn unpremultiply(pixels: &mut [u8]) {
    for pixel in pixels.chunks_exact_mut(4) {
        if let [r, g, b, a] = pixel {
            match *a {
                255 => {}
                0 => {
                    *r = 0;
                    *g = 0;
                    *b = 0;
                }
                alpha => {
                    let alpha = u32::from(alpha);
                    let un = |c: u8| ((u32::from(c) * 255 + alpha / 2) / alpha).min(255) as u8;
                    *r = un(*r);
                    *g = un(*g);
                    *b = un(*b);
                }
            }
        }
    }
}
// endregion

/// The unit vector from `a` to `b`, or None for a zero-length or non-finite segment.
/// Computed on halves so that opposite coordinates near ±f64::MAX do not overflow.
fn direction(a: Point, b: Point) -> Option<Point> {
    let dx = b.x * 0.5 - a.x * 0.5;
    let dy = b.y * 0.5 - a.y * 0.5;
    let length = dx.hypot(dy);
    if length > 0.0 && length.is_finite() {
        Some(Point::new(dx / length, dy / length))
    } else {
        None
    }
}

fn is_degenerate(a: Point, b: Point) -> bool {
    let dx = b.x * 0.5 - a.x * 0.5;
    let dy = b.y * 0.5 - a.y * 0.5;
    dx.hypot(dy) * 2.0 <= DEGENERATE_LENGTH
}

/// Clips the segment to `roi` (Liang–Barsky). The part inside, or None.
fn clip_segment(a: Point, b: Point, roi: &Bounds) -> Option<(Point, Point)> {
    if roi.contains(a) && roi.contains(b) {
        return Some((a, b));
    }
    // Halves throughout: b − a may overflow, b/2 − a/2 cannot.
    let dx = b.x * 0.5 - a.x * 0.5;
    let dy = b.y * 0.5 - a.y * 0.5;
    let mut t0 = 0.0f64;
    let mut t1 = 1.0f64;
    let checks = [
        (-dx, a.x * 0.5 - roi.x0 * 0.5),
        (dx, roi.x1 * 0.5 - a.x * 0.5),
        (-dy, a.y * 0.5 - roi.y0 * 0.5),
        (dy, roi.y1 * 0.5 - a.y * 0.5),
    ];
    for (p, q) in checks {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                if r > t1 {
                    return None;
                }
                t0 = t0.max(r);
            } else {
                if r < t0 {
                    return None;
                }
                t1 = t1.min(r);
            }
        }
    }
    let at = |t: f64| {
        if t <= 0.0 {
            a
        } else if t >= 1.0 {
            b
        } else {
            Point::new(
                lerp(a.x, b.x, t).clamp(roi.x0, roi.x1),
                lerp(a.y, b.y, t).clamp(roi.y0, roi.y1),
            )
        }
    };
    Some((at(t0), at(t1)))
}

/// Twice the signed area (shoelace); positive for clockwise on screen (y down).
fn signed_area2(points: &[Point]) -> f64 {
    let mut sum = 0.0;
    for (i, a) in points.iter().enumerate() {
        let b = points.get(i + 1).or(points.first()).unwrap_or(a);
        sum += a.x * b.y - b.x * a.y;
    }
    sum
}

/// Adds a stroke piece, turned clockwise so that every piece has the same orientation and
/// the non-zero rule paints their union.
fn add_piece<const N: usize>(filler: &mut Filler, mut piece: [Point; N]) {
    if signed_area2(&piece) < 0.0 {
        piece.reverse();
    }
    filler.add_polygon(&piece);
}

/// The stroke of a lone circle: the ring between radii `r − w/2` and `r + w/2` (a disk
/// when the line is wider than the circle), as an outer circle wound like every stroke
/// piece and an inner one wound the other way, so the non-zero rule leaves the hole.
fn add_ring(
    filler: &mut Filler,
    center: Point,
    radius: f64,
    half_width: f64,
    roi: &Bounds,
    scratch: &mut Vec<Point>,
) {
    let outer = radius + half_width;
    scratch.clear();
    scratch.push(Point::new(center.x + outer, center.y));
    flatten_circle(center, outer, outer, roi, scratch);
    if signed_area2(scratch) < 0.0 {
        scratch.reverse();
    }
    filler.add_polygon(scratch);
    let inner = radius - half_width;
    if inner > 0.0 {
        scratch.clear();
        scratch.push(Point::new(center.x + inner, center.y));
        flatten_circle(center, inner, inner, roi, scratch);
        if signed_area2(scratch) > 0.0 {
            scratch.reverse();
        }
        filler.add_polygon(scratch);
    }
}

/// The vertices a stroke follows: Canvas drops zero-length segments before stroking, and
/// a closed subpath that ends on its start point does not repeat it.
fn stroke_vertices(points: &[Point], closed: bool) -> Vec<Point> {
    let mut kept: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        match kept.last() {
            Some(&last) if is_degenerate(last, p) => {}
            _ => kept.push(p),
        }
    }
    if closed
        && kept.len() >= 2
        && let (Some(&first), Some(&last)) = (kept.first(), kept.last())
        && is_degenerate(first, last)
    {
        kept.pop();
    }
    kept
}

/// Adds the segments of a hairline polyline to `hairlines`, which draws them the way
/// Skia's anti-aliased hairlines (Wu-style) cover pixels: see [`Hairlines`].
fn hairline_polyline(hairlines: &mut Hairlines, points: &[Point], closed: bool, roi: &Bounds) {
    let kept = stroke_vertices(points, closed);
    if kept.len() < 2 {
        return;
    }
    let count = if closed { kept.len() } else { kept.len() - 1 };
    for i in 0..count {
        let (Some(&a), Some(&b)) = (
            kept.get(i),
            kept.get(i + 1).or(if closed { kept.first() } else { None }),
        ) else {
            break;
        };
        let Some(d) = direction(a, b) else { continue };
        let Some((ca, cb)) = clip_segment(a, b, roi) else {
            continue;
        };
        hairlines.add(ca, cb, d.x.abs() >= d.y.abs());
    }
}

// region: hairlines
/// One hairline segment in (major, minor) coordinates, major increasing: for a mostly
/// horizontal segment major is x and minor is y, for a mostly vertical one the other way.
#[derive(Clone, Copy, Debug)]
struct HairSegment {
    x_major: bool,
    p: Point,
    q: Point,
    /// The canvas rows its boxes touch, clamped to the canvas.
    first_row: u32,
    last_row: u32,
}

impl HairSegment {
    /// The box of major cell `cell`: its extent along the major axis (a whole cell, or
    /// part of one at the ends) and its centre along the minor axis (the line's minor
    /// coordinate at the cell's centre, clamped to the segment). None if the segment does
    /// not reach into the cell.
    fn cell_box(&self, cell: f64) -> Option<(f64, f64, f64)> {
        let (p, q) = (self.p, self.q);
        let from = p.x.max(cell);
        let to = q.x.min(cell + 1.0);
        if to <= from {
            return None;
        }
        let centre = (cell + 0.5).clamp(p.x, q.x);
        Some((from, to, lerp(p.y, q.y, param(centre, p.x, q.x))))
    }
}

/// Hairlines (strokes at most 1 px wide) as Skia's anti-aliased hairlines cover pixels:
/// for a mostly horizontal segment, each pixel column it spans gets a box one pixel tall
/// centred on the line's height at the column's centre (partial columns at the ends);
/// mostly vertical segments the same with rows. So each column (row) gets exactly one
/// pixel's worth of coverage, split between the two pixels nearest the line.
///
/// A box is at most one pixel in each direction, so it touches at most four pixels and
/// its share of each is a product of two overlaps: no polygon filling is needed. The
/// segments of one stroke are swept row by row: each row asks every segment that reaches
/// it which of its boxes touch the row (a range of cells found from the line's equation),
/// and adds their shares into one row of coverage. Work is proportional to the number of
/// boxes plus rows × segments crossing them — linear, where filling the boxes as polygons
/// cut every row at every box edge and was quadratic in the boxes per row (a 400-segment
/// scribble on 1000×1000: 11 s).
///
/// Within one segment the boxes tile the line, so a pixel gets at most one share from
/// it. Where segments meet (a vertex, a crossing, a sharp turn) a pixel gets shares from
/// several, and they are combined as if each were blended on its own, `1 − Π(1 − α·share)`
/// of the paint: that is what Skia does (it draws every segment of a hairline path
/// separately), so a crossing is darker than either line, as in Chrome and Firefox.
struct Hairlines {
    width: u32,
    height: u32,
    segments: Vec<HairSegment>,
    order: Vec<usize>,
    active: Vec<usize>,
    /// Per pixel of the current row, the share of the background that shows through
    /// everything drawn into it so far: `Π (1 − α·share)` over the shares, 1 when untouched.
    row: Vec<f32>,
    /// The paint's alpha, 0..=1, during `fill`.
    alpha: f32,
    touched_min: usize,
    touched_max: usize,
}

impl Hairlines {
    fn new(width: u32, height: u32) -> Hairlines {
        Hairlines {
            width,
            height,
            segments: Vec::new(),
            order: Vec::new(),
            active: Vec::new(),
            row: vec![1.0; width as usize],
            alpha: 1.0,
            touched_min: usize::MAX,
            touched_max: 0,
        }
    }

    /// Adds the segment from `a` to `b` (clipped to the canvas and a margin).
    fn add(&mut self, a: Point, b: Point, x_major: bool) {
        let (mut p, mut q) = if x_major {
            (a, b)
        } else {
            (Point::new(a.y, a.x), Point::new(b.y, b.x))
        };
        if p.x > q.x {
            std::mem::swap(&mut p, &mut q);
        }
        // Canvas rows the boxes touch: a minor range widened by the half-pixel box for a
        // mostly horizontal segment, the major range for a mostly vertical one.
        let (top, bottom) = if x_major {
            (p.y.min(q.y) - 0.5, p.y.max(q.y) + 0.5)
        } else {
            (p.x, q.x)
        };
        let last = f64::from(self.height) - 1.0;
        if bottom <= 0.0 || top > last + 1.0 || last < 0.0 {
            return;
        }
        // Both are inside 0..height here, so the casts are exact.
        let first_row = top.floor().clamp(0.0, last) as u32;
        let last_row = (bottom.ceil() - 1.0).clamp(0.0, last) as u32;
        self.segments.push(HairSegment {
            x_major,
            p,
            q,
            first_row,
            last_row,
        });
    }

    /// Draws the segments added since the last call with `paint`, then forgets them.
    fn fill(&mut self, pixels: &mut [u8], paint: Rgba) {
        if self.segments.is_empty() || paint.a == 0 {
            self.segments.clear();
            return;
        }
        self.alpha = f32::from(paint.a) / 255.0;
        let paint = Premultiplied::from(paint);
        self.order.clear();
        self.order.extend(0..self.segments.len());
        let segments = &self.segments;
        self.order
            .sort_unstable_by_key(|&i| segments.get(i).map_or(0, |s| s.first_row));
        self.active.clear();
        let mut next = 0usize;
        let mut row = self
            .order
            .first()
            .and_then(|&i| self.segments.get(i))
            .map_or(0, |s| s.first_row);
        loop {
            while let Some(segment) = self.order.get(next).and_then(|&i| self.segments.get(i)) {
                if segment.first_row > row {
                    break;
                }
                self.active.push(self.order.get(next).copied().unwrap_or(0));
                next += 1;
            }
            let segments = &self.segments;
            self.active
                .retain(|&i| segments.get(i).is_some_and(|s| s.last_row >= row));
            if self.active.is_empty() {
                match self.order.get(next).and_then(|&i| self.segments.get(i)) {
                    Some(segment) => {
                        row = segment.first_row;
                        continue;
                    }
                    None => break,
                }
            }
            for k in 0..self.active.len() {
                if let Some(segment) = self.active.get(k).and_then(|&i| self.segments.get(i)) {
                    let segment = *segment;
                    self.add_row_of(&segment, row);
                }
            }
            self.flush_row(row, pixels, paint);
            row += 1;
        }
        self.segments.clear();
    }

    /// Adds the shares that `segment`'s boxes have in canvas row `row`.
    fn add_row_of(&mut self, segment: &HairSegment, row: u32) {
        let (p, q) = (segment.p, segment.q);
        let top = f64::from(row);
        let first_cell = p.x.floor();
        if !segment.x_major {
            // Major is y: the only box in this row is the one of cell `row`.
            let Some((from, to, minor)) = segment.cell_box(top) else {
                return;
            };
            let left = (minor - 0.5).floor();
            for column in [left, left + 1.0] {
                let overlap = (minor + 0.5).min(column + 1.0) - (minor - 0.5).max(column);
                self.add_share(column, overlap * (to - from));
            }
            return;
        }
        // Major is x: the boxes whose minor centre lies within (row − ½, row + 1½) touch
        // the row. The centre moves linearly with the cell, so they form a range of cells,
        // found from the line's equation and then checked box by box (one cell of slack
        // on each side absorbs rounding and the clamped end cells).
        let last_cell = (q.x.ceil() - 1.0).max(first_cell);
        let (mut from_cell, mut to_cell) = (first_cell, last_cell);
        if q.y != p.y {
            let at = |minor: f64| p.x + (minor - p.y) / (q.y - p.y) * (q.x - p.x) - 0.5;
            let (a, b) = (at(top - 0.5), at(top + 1.5));
            from_cell = from_cell.max(a.min(b).floor() - 1.0);
            to_cell = to_cell.min(a.max(b).ceil() + 1.0);
        }
        // The clip keeps cells within the canvas and a margin: at most ~16,400 of them.
        let mut cell = from_cell;
        while cell <= to_cell {
            if let Some((from, to, minor)) = segment.cell_box(cell) {
                let overlap = (minor + 0.5).min(top + 1.0) - (minor - 0.5).max(top);
                self.add_share(cell, overlap * (to - from));
            }
            cell += 1.0;
        }
    }

    /// Adds `share` (ignored unless positive) to the coverage of column `column`.
    fn add_share(&mut self, column: f64, share: f64) {
        if share <= 0.0 || column < 0.0 || column >= f64::from(self.width) {
            return;
        }
        // Inside 0..width, so the cast is exact.
        let index = column as usize;
        if let Some(cell) = self.row.get_mut(index) {
            *cell *= 1.0 - self.alpha * share.min(1.0) as f32;
            self.touched_min = self.touched_min.min(index);
            self.touched_max = self.touched_max.max(index);
        }
    }

    /// Composites the current row and clears it.
    fn flush_row(&mut self, row: u32, pixels: &mut [u8], paint: Premultiplied) {
        if self.touched_min > self.touched_max {
            return;
        }
        let (first, last) = (self.touched_min, self.touched_max);
        self.touched_min = usize::MAX;
        self.touched_max = 0;
        let row_start = row as usize * self.width as usize * 4;
        let Some(cells) = self.row.get_mut(first..=last) else {
            return;
        };
        let targets = pixels
            .get_mut(row_start + first * 4..row_start + (last + 1) * 4)
            .unwrap_or(&mut []);
        for (cell, pixel) in cells.iter_mut().zip(targets.chunks_exact_mut(4)) {
            // The coverage that, blended once, lets through what blending each share on
            // its own would: (1 − transparency) / α, in 8 bits (above 255 where shares
            // of a translucent paint pile up; `blend_into` allows that).
            let coverage = ((1.0 - cell.clamp(0.0, 1.0)) / self.alpha * 255.0 + 0.5) as u32;
            *cell = 1.0;
            if coverage != 0
                && let Ok(pixel) = <&mut [u8; 4]>::try_from(pixel)
            {
                paint.blend_into(pixel, coverage);
            }
        }
    }
}
// endregion

// region: stroke
/// Adds the outline pieces of a stroked polyline to the filler: one rectangle per segment
/// (butt caps) and one join per vertex between two segments.
fn stroke_polyline(
    filler: &mut Filler,
    points: &[Point],
    closed: bool,
    half_width: f64,
    roi: &Bounds,
) {
    let kept = stroke_vertices(points, closed);
    if kept.len() < 2 {
        return;
    }
    let segment_count = if closed { kept.len() } else { kept.len() - 1 };
    let segment = |i: usize| -> Option<(Point, Point)> {
        let a = *kept.get(i)?;
        let b = *kept
            .get(i + 1)
            .or(if closed { kept.first() } else { None })?;
        Some((a, b))
    };
    let mut previous_direction: Option<Point> = None;
    let mut first_direction: Option<Point> = None;
    for i in 0..segment_count {
        let Some((a, b)) = segment(i) else { break };
        let Some(d) = direction(a, b) else { continue };
        if let Some((ca, cb)) = clip_segment(a, b, roi) {
            let n = Point::new(-d.y * half_width, d.x * half_width);
            add_piece(
                filler,
                [
                    Point::new(ca.x + n.x, ca.y + n.y),
                    Point::new(cb.x + n.x, cb.y + n.y),
                    Point::new(cb.x - n.x, cb.y - n.y),
                    Point::new(ca.x - n.x, ca.y - n.y),
                ],
            );
        }
        if let Some(previous) = previous_direction
            && roi.contains(a)
        {
            add_join(filler, a, previous, d, half_width);
        }
        if first_direction.is_none() {
            first_direction = Some(d);
        }
        previous_direction = Some(d);
    }
    if closed
        && let (Some(last), Some(first), Some(&start)) =
            (previous_direction, first_direction, kept.first())
        && roi.contains(start)
    {
        add_join(filler, start, last, first, half_width);
    }
}

/// The join at `p` from a segment going `d1` to one going `d2`: a miter (the outer edges
/// extended until they meet) unless it would be longer than `MITER_LIMIT` half-widths,
/// then a bevel (the triangle between the outer corners).
fn add_join(filler: &mut Filler, p: Point, d1: Point, d2: Point, half_width: f64) {
    let cross = d1.x * d2.y - d1.y * d2.x;
    let dot = d1.x * d2.x + d1.y * d2.y;
    if cross.abs() < 1e-9 {
        // Straight on: nothing to fill. A U-turn: the bevel has no area.
        return;
    }
    // The outer side is to the left of the turn when turning right (cross > 0, y down).
    let side = if cross > 0.0 { -half_width } else { half_width };
    let n1 = Point::new(-d1.y * side, d1.x * side);
    let n2 = Point::new(-d2.y * side, d2.x * side);
    let o1 = Point::new(p.x + n1.x, p.y + n1.y);
    let o2 = Point::new(p.x + n2.x, p.y + n2.y);
    // φ is the turning angle; the miter is 1/cos(φ/2) half-widths long.
    let cos_half_squared = ((1.0 + dot) * 0.5).max(0.0);
    let cos_half = cos_half_squared.sqrt();
    if cos_half > 0.0 && 1.0 / cos_half <= MITER_LIMIT {
        let scale = 1.0 / (2.0 * cos_half_squared);
        let tip = Point::new(p.x + (n1.x + n2.x) * scale, p.y + (n1.y + n2.y) * scale);
        add_piece(filler, [p, o1, tip, o2]);
    } else {
        add_piece(filler, [p, o1, o2]);
    }
}
// endregion

/// The drawing state a context carries between calls.
#[derive(Clone, Debug)]
struct State {
    fill: Rgba,
    stroke: Rgba,
    line_width: f64,
}

/// Checks the canvas size against [`MAX_SIDE`] and [`MAX_PIXELS`].
pub(super) fn check_size(width: u32, height: u32) -> Result<(), CanvasError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(CanvasError::TooLarge { width, height });
    }
    Ok(())
}

// region: rasterize
/// Draws the commands into a new RGBA buffer. See [`super::rasterize`].
pub(super) fn rasterize(
    commands: &[DrawCommand],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, CanvasError> {
    check_size(width, height)?;
    super::check_finite(commands)?;
    let bytes = u64::from(width) * u64::from(height) * 4;
    let len = usize::try_from(bytes).map_err(|_| CanvasError::OutOfMemory { bytes })?;
    let mut pixels: Vec<u8> = Vec::new();
    pixels
        .try_reserve_exact(len)
        .map_err(|_| CanvasError::OutOfMemory { bytes })?;
    pixels.resize(len, 0);
    if len == 0 {
        return Ok(pixels);
    }
    let mut state = State {
        fill: Rgba::BLACK,
        stroke: Rgba::BLACK,
        line_width: 1.0,
    };
    let mut path = Path::default();
    let mut filler = Filler::new(width, height);
    let mut hairlines = Hairlines::new(width, height);
    let mut scratch: Vec<Point> = Vec::new();
    for command in commands {
        match command {
            DrawCommand::MoveTo(x, y) => path.move_to(Point::new(*x, *y)),
            DrawCommand::LineTo(x, y) => path.line_to(Point::new(*x, *y)),
            DrawCommand::Rect(x, y, w, h) => path.rect(*x, *y, *w, *h),
            DrawCommand::Circle(cx, cy, r) => path.circle(*cx, *cy, *r),
            // An invalid colour leaves the previous one, as the fillStyle setter does.
            DrawCommand::FillColor(css) => {
                if let Ok(color) = parse_color(css) {
                    state.fill = color;
                }
            }
            DrawCommand::StrokeColor(css) => {
                if let Ok(color) = parse_color(css) {
                    state.stroke = color;
                }
            }
            DrawCommand::LineWidth(w) => {
                if w.is_finite() && *w > 0.0 {
                    state.line_width = *w;
                }
            }
            DrawCommand::BeginPath => path.begin(),
            DrawCommand::Fill => {
                let roi = Bounds::canvas(width, height, 2.0);
                for sub in &path.subpaths {
                    flatten(sub, &roi, 0.0, &mut scratch);
                    filler.add_polygon(&scratch);
                }
                filler.fill(&mut pixels, state.fill);
            }
            DrawCommand::Stroke => {
                let line_width = state.line_width.min(MAX_LINE_WIDTH);
                if line_width <= 1.0 {
                    // Skia (Chrome, Firefox) draws strokes at most one pixel wide as
                    // hairlines with the alpha scaled by the width.
                    let scale = (line_width * 256.0) as u32;
                    let alpha = (u32::from(state.stroke.a) * scale) >> 8;
                    let paint = Rgba {
                        a: u8::try_from(alpha).unwrap_or(u8::MAX),
                        ..state.stroke
                    };
                    let roi = Bounds::canvas(width, height, 2.0);
                    for sub in &path.subpaths {
                        flatten(sub, &roi, 0.5, &mut scratch);
                        let closed = sub.closed || sub.lone_circle().is_some();
                        hairline_polyline(&mut hairlines, &scratch, closed, &roi);
                    }
                    hairlines.fill(&mut pixels, paint);
                    continue;
                }
                let half_width = line_width * 0.5;
                // Everything a segment or join can paint is within MITER_LIMIT half-widths
                // of the centre line; circle chords turn by at most 90°, so their joins stay
                // within 1.5 half-widths.
                let roi = Bounds::canvas(width, height, half_width * MITER_LIMIT + 2.0);
                let circle_roi = Bounds::canvas(width, height, half_width * 1.5 + 2.0);
                let fill_roi = Bounds::canvas(width, height, 2.0);
                for sub in &path.subpaths {
                    if let Some((center, radius)) = sub.lone_circle() {
                        add_ring(
                            &mut filler,
                            center,
                            radius,
                            half_width,
                            &fill_roi,
                            &mut scratch,
                        );
                    } else {
                        flatten(sub, &circle_roi, half_width, &mut scratch);
                        stroke_polyline(&mut filler, &scratch, sub.closed, half_width, &roi);
                    }
                }
                filler.fill(&mut pixels, state.stroke);
            }
            DrawCommand::Text(text, x, y) => {
                add_text(&mut filler, text, *x, *y, width, height);
                filler.fill(&mut pixels, state.fill);
            }
            DrawCommand::Clear => pixels.fill(0),
        }
    }
    unpremultiply(&mut pixels);
    Ok(pixels)
}
// endregion

/// Adds the lit cells of `text` (see [`font`]) as rectangles, baseline at `y`, starting at
/// `x`. Characters that start right of the canvas end the loop; runs of lit cells in a
/// row become one rectangle.
fn add_text(filler: &mut Filler, text: &str, x: f64, y: f64, width: u32, height: u32) {
    let unit = font::GLYPH_UNIT;
    let top_limit = y - font::GLYPH_ROWS as f64 * unit;
    let bottom_limit = y + 2.0 * unit;
    if bottom_limit < 0.0 || top_limit > f64::from(height) {
        return;
    }
    let right = f64::from(width);
    let glyph_width = font::GLYPH_COLUMNS as f64 * unit;
    let mut pen = x;
    for c in text.chars() {
        if pen > right {
            break;
        }
        if pen + glyph_width >= 0.0 {
            let glyph = font::glyph_for(c);
            let top = y - (font::GLYPH_ROWS as f64 - f64::from(glyph.descent)) * unit;
            for row in 0..font::GLYPH_ROWS {
                let y0 = top + row as f64 * unit;
                let mut column = 0;
                while column < font::GLYPH_COLUMNS {
                    if !glyph.lit(row, column) {
                        column += 1;
                        continue;
                    }
                    let run_start = column;
                    while column < font::GLYPH_COLUMNS && glyph.lit(row, column) {
                        column += 1;
                    }
                    let x0 = pen + run_start as f64 * unit;
                    let x1 = pen + column as f64 * unit;
                    filler.add_polygon(&[
                        Point::new(x0, y0),
                        Point::new(x1, y0),
                        Point::new(x1, y0 + unit),
                        Point::new(x0, y0 + unit),
                    ]);
                }
            }
        }
        pen += font::GLYPH_ADVANCE;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CanvasError, DrawCommand::*, rasterize, stress_scene};
    use super::*;
    use proptest::prelude::*;

    fn draw(commands: &[DrawCommand], width: u32, height: u32) -> Vec<u8> {
        match rasterize(commands, width, height) {
            Ok(pixels) => pixels,
            Err(e) => panic!("rasterize failed: {e}"),
        }
    }

    fn pixel(pixels: &[u8], width: u32, x: u32, y: u32) -> [u8; 4] {
        let at = ((y * width + x) * 4) as usize;
        let mut p = [0; 4];
        p.copy_from_slice(&pixels[at..at + 4]);
        p
    }

    /// Σ alpha / 255: the painted area in pixels.
    fn coverage(pixels: &[u8]) -> f64 {
        pixels
            .chunks_exact(4)
            .map(|p| f64::from(p[3]) / 255.0)
            .sum()
    }

    fn fill_color(css: &str) -> DrawCommand {
        FillColor(css.to_string())
    }

    fn stroke_color(css: &str) -> DrawCommand {
        StrokeColor(css.to_string())
    }

    #[test]
    fn rect_on_integer_coordinates_is_exact() {
        let pixels = draw(
            &[fill_color("#3366cc"), Rect(2.0, 3.0, 5.0, 4.0), Fill],
            10,
            10,
        );
        for y in 0..10 {
            for x in 0..10 {
                let inside = (2..7).contains(&x) && (3..7).contains(&y);
                let expected = if inside {
                    [0x33, 0x66, 0xcc, 255]
                } else {
                    [0; 4]
                };
                assert_eq!(pixel(&pixels, 10, x, y), expected, "pixel ({x}, {y})");
            }
        }
    }

    #[test]
    fn rect_with_fractional_edges_has_partial_coverage() {
        // x from 1.5 to 3.25: pixel 1 half covered, 2 full, 3 a quarter.
        let pixels = draw(&[Rect(1.5, 0.0, 1.75, 1.0), Fill], 5, 1);
        let alphas: Vec<u8> = pixels.chunks_exact(4).map(|p| p[3]).collect();
        assert_eq!(alphas, vec![0, 128, 255, 64, 0]);
        // y from 0.5 to 1.5: exactly half of each row.
        let pixels = draw(&[Rect(0.0, 0.5, 1.0, 1.0), Fill], 1, 3);
        let alphas: Vec<u8> = pixels.chunks_exact(4).map(|p| p[3]).collect();
        assert_eq!(alphas, vec![128, 128, 0]);
    }

    #[test]
    fn slanted_edges_get_their_exact_area() {
        // The triangle x + y <= 4: pixels on the diagonal are cut exactly in half.
        let pixels = draw(
            &[MoveTo(0.0, 0.0), LineTo(4.0, 0.0), LineTo(0.0, 4.0), Fill],
            5,
            5,
        );
        for y in 0..5 {
            for x in 0..5 {
                let expected = match x + y {
                    0..=2 => 255,
                    3 => 128,
                    _ => 0,
                };
                assert_eq!(pixel(&pixels, 5, x, y)[3], expected, "pixel ({x}, {y})");
            }
        }
        // A shallow edge across many pixels in one row: y = 1 + x/10, filled below.
        let pixels = draw(
            &[
                MoveTo(0.0, 1.0),
                LineTo(10.0, 2.0),
                LineTo(10.0, 3.0),
                LineTo(0.0, 3.0),
                Fill,
            ],
            10,
            3,
        );
        for x in 0..10u32 {
            // Row 1 is covered below the line: 1 − (x + 0.5)/10.
            let exact = 1.0 - (f64::from(x) + 0.5) / 10.0;
            let alpha = f64::from(pixel(&pixels, 10, x, 1)[3]) / 255.0;
            assert!(
                (alpha - exact).abs() <= 0.5 / 255.0 + 1e-9,
                "x = {x}: {alpha} vs {exact}"
            );
        }
    }

    #[test]
    fn crossing_edges_keep_their_area() {
        // A bow tie whose edges cross inside pixel (2, 2): two triangles of area 4.
        let pixels = draw(
            &[
                MoveTo(0.3, 0.3),
                LineTo(4.3, 4.3),
                LineTo(4.3, 0.3),
                LineTo(0.3, 4.3),
                Fill,
            ],
            6,
            6,
        );
        let painted = coverage(&pixels);
        assert!((painted - 8.0).abs() < 0.05, "{painted}");
    }

    #[test]
    fn negative_sizes_draw_the_same_rect() {
        let a = draw(&[Rect(2.5, 2.5, 4.0, 3.0), Fill], 10, 10);
        let b = draw(&[Rect(6.5, 5.5, -4.0, -3.0), Fill], 10, 10);
        assert_eq!(a, b);
    }

    #[test]
    fn circle_area_within_one_percent() {
        for (cx, cy, r) in [
            (50.0, 50.0, 40.0),
            (30.3, 40.7, 20.0),
            (20.5, 20.25, 7.5),
            (10.0, 10.0, 3.0),
        ] {
            let pixels = draw(&[Circle(cx, cy, r), Fill], 100, 100);
            let area = std::f64::consts::PI * r * r;
            let painted = coverage(&pixels);
            assert!(
                (painted - area).abs() / area < 0.01,
                "r = {r}: painted {painted}, πr² = {area}"
            );
            // The centre is solid, a point just outside the radius is empty.
            assert_eq!(pixel(&pixels, 100, cx as u32, cy as u32), [0, 0, 0, 255]);
            let outside = (cx + r + 1.5) as u32;
            assert_eq!(pixel(&pixels, 100, outside, cy as u32)[3], 0);
        }
    }

    #[test]
    fn stroked_circle_covers_its_ring() {
        let (r, width) = (30.0, 6.0);
        let pixels = draw(&[LineWidth(width), Circle(50.0, 50.0, r), Stroke], 100, 100);
        let ring = std::f64::consts::PI * ((r + width / 2.0).powi(2) - (r - width / 2.0).powi(2));
        let painted = coverage(&pixels);
        assert!(
            (painted - ring).abs() / ring < 0.01,
            "painted {painted}, ring {ring}"
        );
        // The seam at (cx + r, cy) is closed: the pixel there is solid.
        assert_eq!(pixel(&pixels, 100, 80, 50)[3], 255);
        assert_eq!(pixel(&pixels, 100, 79, 49)[3], 255);
        assert_eq!(pixel(&pixels, 100, 50, 50)[3], 0);
    }

    #[test]
    fn horizontal_line_of_width_4_covers_4_rows() {
        let pixels = draw(
            &[
                LineWidth(4.0),
                MoveTo(5.0, 10.0),
                LineTo(45.0, 10.0),
                Stroke,
            ],
            50,
            20,
        );
        for y in 0..20 {
            for x in 0..50 {
                let inside = (8..12).contains(&y) && (5..45).contains(&x);
                let alpha = pixel(&pixels, 50, x, y)[3];
                assert_eq!(alpha, if inside { 255 } else { 0 }, "pixel ({x}, {y})");
            }
        }
    }

    #[test]
    fn vertical_line_of_odd_width_on_a_half_pixel() {
        let pixels = draw(
            &[
                LineWidth(3.0),
                MoveTo(10.5, 2.0),
                LineTo(10.5, 18.0),
                Stroke,
            ],
            20,
            20,
        );
        let row: Vec<u8> = (0..20).map(|x| pixel(&pixels, 20, x, 10)[3]).collect();
        let mut expected = vec![0u8; 20];
        expected[9..12].copy_from_slice(&[255, 255, 255]);
        assert_eq!(row, expected);
    }

    #[test]
    fn thin_lines_are_hairlines_with_scaled_alpha() {
        // Width 1 on a pixel boundary: half in each row, as Skia's hairline.
        let pixels = draw(&[MoveTo(2.0, 5.0), LineTo(18.0, 5.0), Stroke], 20, 10);
        assert_eq!(pixel(&pixels, 20, 10, 4)[3], 128);
        assert_eq!(pixel(&pixels, 20, 10, 5)[3], 128);
        // Width 0.5 in the middle of a row: one row at half alpha.
        let pixels = draw(
            &[LineWidth(0.5), MoveTo(2.0, 5.5), LineTo(18.0, 5.5), Stroke],
            20,
            10,
        );
        // Skia's modulation: alpha · ⌊0.5 · 256⌋ / 256 = 255 · 128 >> 8 = 127.
        assert_eq!(pixel(&pixels, 20, 10, 5)[3], 127);
        assert_eq!(pixel(&pixels, 20, 10, 4)[3], 0);
        // A 45° hairline has one pixel's worth of coverage per column.
        let pixels = draw(&[MoveTo(0.0, 0.0), LineTo(40.0, 40.0), Stroke], 40, 40);
        for x in 5..35 {
            let column: f64 = (0..40)
                .map(|y| f64::from(pixel(&pixels, 40, x, y)[3]) / 255.0)
                .sum();
            assert!((column - 1.0).abs() < 0.05, "column {x}: {column}");
        }
    }

    #[test]
    fn hairline_segments_over_the_same_pixels_blend_like_separate_strokes() {
        // A path that goes out and back along the same line, and the same line stroked
        // twice: Skia draws each hairline segment on its own, so both look the same.
        let paint = StrokeColor("rgba(0, 0, 0, 0.5)".to_string());
        let there_and_back = draw(
            &[
                paint.clone(),
                MoveTo(2.0, 5.0),
                LineTo(18.0, 5.0),
                LineTo(2.0, 5.3),
                Stroke,
            ],
            20,
            10,
        );
        let twice = draw(
            &[
                paint,
                MoveTo(2.0, 5.0),
                LineTo(18.0, 5.0),
                Stroke,
                BeginPath,
                MoveTo(18.0, 5.0),
                LineTo(2.0, 5.3),
                Stroke,
            ],
            20,
            10,
        );
        for y in 3..8 {
            for x in 3..17 {
                let (a, b) = (pixel(&there_and_back, 20, x, y), pixel(&twice, 20, x, y));
                assert!(
                    a.iter().zip(&b).all(|(p, q)| p.abs_diff(*q) <= 1),
                    "({x}, {y}): {a:?} vs {b:?}"
                );
            }
        }
        // Where both pass, darker than the first segment alone (half coverage of a
        // half-transparent paint: alpha 64).
        assert!(pixel(&there_and_back, 20, 10, 4)[3] > 64 + 20);
    }

    #[test]
    fn a_scribble_of_hairlines_covers_each_column_of_each_segment_once() {
        // Many segments, each the only one in its own band of rows: the per-row sweep
        // must find every box of every segment.
        let mut commands = vec![BeginPath];
        for i in 0..40 {
            let y = 2.5 + f64::from(i) * 5.0;
            commands.push(MoveTo(1.0, y));
            commands.push(LineTo(99.0, y + 0.37 * f64::from(i % 3)));
        }
        commands.push(Stroke);
        let pixels = draw(&commands, 100, 205);
        for i in 0..40u32 {
            let top = 1 + i * 5;
            for x in 5..95 {
                let column: f64 = (top..top + 4)
                    .map(|y| f64::from(pixel(&pixels, 100, x, y)[3]) / 255.0)
                    .sum();
                assert!(
                    (column - 1.0).abs() < 0.03,
                    "segment {i}, column {x}: {column}"
                );
            }
        }
    }

    #[test]
    fn a_row_with_many_edge_ends_is_sampled_within_half_a_band() {
        // 100 one-pixel-wide rects whose tops all fall inside row 10 at different
        // heights: far more edge ends than MAX_EXACT_BANDS, so the row is cut into
        // SAMPLED_BANDS equal bands; each pixel's coverage is off by at most half a band.
        let mut commands = vec![BeginPath];
        for i in 0..100 {
            let top = 10.0 + f64::from(i) / 100.0;
            commands.push(Rect(f64::from(i), top, 1.0, 5.0));
        }
        commands.push(Fill);
        let pixels = draw(&commands, 100, 20);
        let half_band = 0.5 / SAMPLED_BANDS as f64;
        for i in 0..100u32 {
            let exact = 1.0 - f64::from(i) / 100.0;
            let got = f64::from(pixel(&pixels, 100, i, 10)[3]) / 255.0;
            assert!(
                (got - exact).abs() <= half_band + 0.5 / 255.0,
                "pixel {i}: {got} vs {exact}"
            );
            assert_eq!(pixel(&pixels, 100, i, 11)[3], 255);
            assert_eq!(pixel(&pixels, 100, i, 9)[3], 0);
        }
    }

    #[test]
    fn stroked_rect_has_square_miter_corners() {
        let pixels = draw(
            &[LineWidth(4.0), Rect(10.0, 10.0, 20.0, 20.0), Stroke],
            40,
            40,
        );
        // Outer edge at 8..32, inner hole at 12..28.
        assert_eq!(pixel(&pixels, 40, 8, 8)[3], 255, "miter fills the corner");
        assert_eq!(pixel(&pixels, 40, 31, 31)[3], 255);
        assert_eq!(pixel(&pixels, 40, 7, 7)[3], 0);
        assert_eq!(pixel(&pixels, 40, 12, 12)[3], 0);
        assert_eq!(pixel(&pixels, 40, 20, 20)[3], 0);
        let painted = coverage(&pixels);
        assert!(
            (painted - (24.0 * 24.0 - 16.0 * 16.0)).abs() < 0.5,
            "{painted}"
        );
    }

    #[test]
    fn sharp_turns_get_a_bevel_not_a_spike() {
        // A 10° turn: the miter would be 1/sin(5°) ≈ 11.5 half-widths, over the limit.
        let angle: f64 = 5f64.to_radians();
        let commands = [
            LineWidth(4.0),
            MoveTo(10.0, 50.0),
            LineTo(90.0, 50.0),
            LineTo(
                90.0 - 80.0 * (2.0 * angle).cos(),
                50.0 - 80.0 * (2.0 * angle).sin(),
            ),
            Stroke,
        ];
        let pixels = draw(&commands, 120, 100);
        // A miter tip would reach x ≈ 90 + 2 / sin(5°) ≈ 113; the bevel ends before 90.4.
        assert!((91..120).all(|x| (0..100).all(|y| pixel(&pixels, 120, x, y)[3] == 0)));
        assert!(pixel(&pixels, 120, 90, 49)[3] > 0, "the bevel sliver");
        assert_eq!(pixel(&pixels, 120, 89, 50)[3], 255);
    }

    #[test]
    fn nonzero_winding_fills_the_star_centre() {
        let (cx, cy, r) = (50.0, 50.0, 40.0);
        let mut commands = vec![BeginPath];
        for i in 0..5 {
            // Every second point of a pentagon: a self-intersecting pentagram.
            let angle =
                -std::f64::consts::FRAC_PI_2 + f64::from(i * 2) * std::f64::consts::TAU / 5.0;
            let p = (cx + r * angle.cos(), cy + r * angle.sin());
            commands.push(if i == 0 {
                MoveTo(p.0, p.1)
            } else {
                LineTo(p.0, p.1)
            });
        }
        commands.push(Fill);
        let pixels = draw(&commands, 100, 100);
        assert_eq!(pixel(&pixels, 100, 50, 50)[3], 255, "winding 2 is inside");
        assert_eq!(pixel(&pixels, 100, 50, 20)[3], 255, "the top point");
        assert_eq!(pixel(&pixels, 100, 50, 5)[3], 0);
        // Even-odd would leave a pentagon hole; non-zero covers the star's whole area:
        // outer pentagram area = 1.1226 r² for the circumradius r.
        let star_area = 1.122_569_941_449_887_5 * r * r;
        let painted = coverage(&pixels);
        assert!(
            (painted - star_area).abs() / star_area < 0.01,
            "{painted} vs {star_area}"
        );
    }

    #[test]
    fn opposite_windings_cancel() {
        // A rect and a reversed rect inside it: the inner part has winding 0.
        let pixels = draw(
            &[Rect(0.0, 0.0, 10.0, 10.0), Rect(7.0, 3.0, -4.0, 4.0), Fill],
            10,
            10,
        );
        assert_eq!(pixel(&pixels, 10, 5, 5)[3], 0);
        assert_eq!(pixel(&pixels, 10, 1, 1)[3], 255);
        // Both in the same direction: winding 2, still inside.
        let pixels = draw(
            &[Rect(0.0, 0.0, 10.0, 10.0), Rect(3.0, 3.0, 4.0, 4.0), Fill],
            10,
            10,
        );
        assert_eq!(pixel(&pixels, 10, 5, 5)[3], 255);
    }

    #[test]
    fn blending_matches_hand_computed_values() {
        // 50 % red over opaque blue: alpha byte 128; d' = s·α + d·(1 − α).
        let pixels = draw(
            &[
                fill_color("blue"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
                BeginPath,
                fill_color("rgba(255, 0, 0, 0.5)"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
            ],
            1,
            1,
        );
        assert_eq!(pixels, vec![128, 0, 127, 255]);
        // 50 % red on transparent: straight alpha keeps the full red.
        let pixels = draw(
            &[fill_color("#ff000080"), Rect(0.0, 0.0, 1.0, 1.0), Fill],
            1,
            1,
        );
        assert_eq!(pixels, vec![255, 0, 0, 128]);
        // Twice 50 % red: α = 0.5 + 0.5·0.5 = 0.75.
        let pixels = draw(
            &[
                fill_color("#ff000080"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
                Fill,
            ],
            1,
            1,
        );
        assert_eq!(pixels, vec![255, 0, 0, 192]);
        // 50 % lime over 50 % red: α = 0.75, red = 0.25/0.75, green = 0.5/0.75.
        let pixels = draw(
            &[
                fill_color("#ff000080"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
                BeginPath,
                fill_color("#00ff0080"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
            ],
            1,
            1,
        );
        assert_eq!(pixels, vec![85, 170, 0, 192]);
        // Transparent paint changes nothing.
        let pixels = draw(
            &[
                fill_color("red"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
                fill_color("transparent"),
                Fill,
            ],
            1,
            1,
        );
        assert_eq!(pixels, vec![255, 0, 0, 255]);
    }

    #[test]
    fn fill_keeps_the_path() {
        // Without BeginPath the second fill repaints the first rect too.
        let pixels = draw(
            &[
                fill_color("#ff000080"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
                Rect(1.0, 0.0, 1.0, 1.0),
                Fill,
            ],
            2,
            1,
        );
        assert_eq!(pixels, vec![255, 0, 0, 192, 255, 0, 0, 128]);
    }

    #[test]
    fn clear_erases_pixels_but_keeps_the_path() {
        let base = [fill_color("red"), Rect(1.0, 1.0, 3.0, 3.0), Fill];
        let mut commands = base.to_vec();
        commands.push(Clear);
        assert!(draw(&commands, 5, 5).iter().all(|&b| b == 0));
        commands.push(Fill);
        assert_eq!(draw(&commands, 5, 5), draw(&base, 5, 5));
    }

    #[test]
    fn invalid_colours_and_widths_are_ignored() {
        let pixels = draw(
            &[
                fill_color("lime"),
                fill_color("not-a-colour"),
                Rect(0.0, 0.0, 1.0, 1.0),
                Fill,
            ],
            1,
            1,
        );
        assert_eq!(pixels, vec![0, 255, 0, 255]);
        let wide = [
            LineWidth(4.0),
            LineWidth(0.0),
            LineWidth(-3.0),
            stroke_color("#nope"),
            MoveTo(0.0, 5.0),
            LineTo(10.0, 5.0),
            Stroke,
        ];
        let pixels = draw(&wide, 10, 10);
        assert_eq!(pixel(&pixels, 10, 5, 3), [0, 0, 0, 255], "width 4, black");
        assert_eq!(pixel(&pixels, 10, 5, 2)[3], 0);
    }

    #[test]
    fn line_to_without_a_subpath_moves() {
        let a = draw(
            &[LineTo(1.0, 1.0), LineTo(9.0, 1.0), LineTo(9.0, 9.0), Fill],
            10,
            10,
        );
        let b = draw(
            &[MoveTo(1.0, 1.0), LineTo(9.0, 1.0), LineTo(9.0, 9.0), Fill],
            10,
            10,
        );
        assert_eq!(a, b);
        assert!(coverage(&a) > 30.0);
    }

    #[test]
    fn negative_radius_draws_nothing() {
        let pixels = draw(
            &[Circle(5.0, 5.0, -3.0), Fill, LineWidth(2.0), Stroke],
            10,
            10,
        );
        assert!(pixels.iter().all(|&b| b == 0));
        // The moveTo before the failed arc still happened: a LineTo continues from it.
        let pixels = draw(
            &[
                LineWidth(2.0),
                Circle(5.0, 5.0, -3.0),
                LineTo(8.0, 8.0),
                Stroke,
            ],
            10,
            10,
        );
        assert!(
            pixel(&pixels, 10, 4, 6)[3] > 0,
            "line from (2, 5) to (8, 8)"
        );
    }

    #[test]
    fn zero_sizes_give_empty_buffers() {
        assert_eq!(
            rasterize(&[Rect(0.0, 0.0, 5.0, 5.0), Fill], 0, 10),
            Ok(Vec::new())
        );
        assert_eq!(rasterize(&[], 10, 0), Ok(Vec::new()));
        assert_eq!(rasterize(&[], 0, 0), Ok(Vec::new()));
        assert_eq!(draw(&[], 3, 2), vec![0; 24]);
    }

    #[test]
    fn too_large_canvases_are_refused_before_allocating() {
        for (w, h) in [
            (16_385, 1),
            (1, 16_385),
            (16_384, 4_097),
            (u32::MAX, u32::MAX),
        ] {
            match rasterize(&[], w, h) {
                Err(CanvasError::TooLarge { width, height }) => {
                    assert_eq!((width, height), (w, h));
                }
                other => panic!("{w}×{h}: {other:?}"),
            }
        }
        assert!(
            check_size(16_384, 4_096).is_ok(),
            "exactly 64 MP is allowed"
        );
        let message = CanvasError::TooLarge {
            width: 20_000,
            height: 10,
        }
        .to_string();
        assert!(
            message.contains("20000×10") && message.contains("16384"),
            "{message}"
        );
    }

    #[test]
    fn non_finite_numbers_are_refused_naming_the_command() {
        let commands = [BeginPath, MoveTo(0.0, 0.0), LineTo(1.0, f64::NAN), Stroke];
        match rasterize(&commands, 10, 10) {
            Err(CanvasError::NonFinite {
                index: 2,
                command: "LineTo",
                parameter: "y",
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        let e = rasterize(&[Circle(0.0, 0.0, f64::INFINITY)], 1, 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "command 0 (Circle): radius is inf; every number must be finite"
        );
        assert!(rasterize(&[LineWidth(f64::NEG_INFINITY)], 1, 1).is_err());
        assert!(rasterize(&[Text("a".into(), f64::NAN, 0.0)], 1, 1).is_err());
        // Refused even on an empty canvas: the error does not depend on the size.
        assert!(rasterize(&[Rect(0.0, 0.0, f64::NAN, 1.0)], 0, 0).is_err());
    }

    #[test]
    fn huge_coordinates_are_clipped_not_looped() {
        let huge = 1e300;
        let full = draw(&[Rect(-huge, -huge, 2.0 * huge, 2.0 * huge), Fill], 20, 10);
        assert!(full.chunks_exact(4).all(|p| p == [0, 0, 0, 255]));
        let full = draw(&[Circle(5.0, 5.0, huge), Fill], 20, 10);
        assert!(full.chunks_exact(4).all(|p| p == [0, 0, 0, 255]));
        let full = draw(&[Circle(-huge, 5.0, 2.0 * huge), Fill], 20, 10);
        assert!(full.chunks_exact(4).all(|p| p == [0, 0, 0, 255]));
        let none = draw(&[Circle(huge, huge, 5.0), Fill, Stroke], 20, 10);
        assert!(none.iter().all(|&b| b == 0));
        // A line to a far point is straight where it crosses the canvas: slope 1/10.
        let pixels = draw(
            &[
                LineWidth(2.0),
                MoveTo(0.0, 0.5),
                LineTo(huge, 0.1 * huge + 0.5),
                Stroke,
            ],
            40,
            10,
        );
        assert_eq!(
            pixel(&pixels, 40, 30, 3)[3],
            255,
            "the line passes (30, 3.5)"
        );
        assert_eq!(pixel(&pixels, 40, 30, 7)[3], 0);
        // Extremes of f64 must not overflow into NaN anywhere.
        let max = f64::MAX;
        let commands = [
            LineWidth(max),
            MoveTo(-max, -max),
            LineTo(max, max),
            LineTo(max, -max),
            Rect(-max, -max, max, max),
            Circle(max, -max, max),
            Stroke,
            Fill,
            Text("far".into(), -max, max),
        ];
        let pixels = draw(&commands, 16, 16);
        assert_eq!(pixels.len(), 16 * 16 * 4);
        // Huge stroked circles end quickly too.
        let pixels = draw(&[LineWidth(3.0), Circle(0.0, 5.0e7, 5.0e7), Stroke], 50, 50);
        assert!(pixels.chunks_exact(4).any(|p| p[3] == 255));
    }

    #[test]
    fn text_draws_the_bitmap_font() {
        let pixels = draw(&[fill_color("red"), Text("Hi".into(), 2.0, 20.0)], 40, 30);
        // 'H' starts with a full column of 2×2 cells: x 2..4, y 6..20.
        for y in 6..20 {
            assert_eq!(pixel(&pixels, 40, 2, y), [255, 0, 0, 255], "y = {y}");
        }
        assert_eq!(
            pixel(&pixels, 40, 2, 20)[3],
            0,
            "nothing below the baseline"
        );
        assert_eq!(pixel(&pixels, 40, 2, 5)[3], 0);
        // 'H' has 6 + 5 + 6 = 17 lit cells, 'i' 1 + 2 + 3 + 3 = 9; each cell is 2×2 px
        // on whole pixels, so fully covered.
        let lit = coverage(&pixels) / 4.0;
        assert!((lit - 26.0).abs() < 1e-9, "{lit} cells");
        // Text does not touch the path.
        let with_text = draw(
            &[Rect(0.0, 0.0, 2.0, 2.0), Text("x".into(), 10.0, 20.0), Fill],
            40,
            30,
        );
        assert_eq!(pixel(&with_text, 40, 0, 0)[3], 255);
        // Very long and unusual text is fine.
        let long = "é😀\u{0}\t".repeat(10_000);
        let pixels = draw(&[Text(long, -5.0, 15.0)], 40, 30);
        assert!(coverage(&pixels) > 0.0);
    }

    #[test]
    fn stress_scene_is_deterministic_and_drawable() {
        let a = stress_scene(300, 200, 150, 7);
        assert_eq!(a, stress_scene(300, 200, 150, 7));
        assert_ne!(a, stress_scene(300, 200, 150, 8));
        let pixels = draw(&a, 200, 150);
        assert!(coverage(&pixels) > 200.0 * 150.0 * 0.2);
        assert!(stress_scene(0, 10, 10, 1).is_empty());
        assert!(
            !stress_scene(3, 0, 0, 1).is_empty(),
            "a zero-sized scene still has shapes"
        );
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            6 => -20.0f64..60.0,
            1 => Just(0.0),
            1 => prop_oneof![Just(1e300), Just(-1e300), Just(f64::MAX), Just(f64::MIN), Just(1e-300)],
            1 => any::<f64>(),
        ]
    }

    fn command() -> impl Strategy<Value = DrawCommand> {
        prop_oneof![
            (number(), number()).prop_map(|(x, y)| MoveTo(x, y)),
            (number(), number()).prop_map(|(x, y)| LineTo(x, y)),
            (number(), number(), number(), number()).prop_map(|(x, y, w, h)| Rect(x, y, w, h)),
            (number(), number(), number()).prop_map(|(x, y, r)| Circle(x, y, r)),
            "(red|#0f08|rgba\\(0, 0, 255, 0.5\\)|bogus)".prop_map(FillColor),
            "(lime|#123|transparent)".prop_map(StrokeColor),
            number().prop_map(LineWidth),
            Just(BeginPath),
            Just(Fill),
            Just(Stroke),
            ("[a-z é]{0,5}", number(), number()).prop_map(|(t, x, y)| Text(t, x, y)),
            Just(Clear),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn never_panics_and_sizes_match(
            commands in proptest::collection::vec(command(), 0..12),
            width in 0u32..24,
            height in 0u32..24,
        ) {
            match rasterize(&commands, width, height) {
                Ok(pixels) => {
                    prop_assert_eq!(pixels.len(), (width * height * 4) as usize);
                    for p in pixels.chunks_exact(4) {
                        if p[3] == 0 {
                            prop_assert_eq!(p, &[0, 0, 0, 0][..]);
                        }
                    }
                }
                Err(CanvasError::NonFinite { index, .. }) => {
                    prop_assert!(commands.get(index).is_some());
                }
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }

        #[test]
        fn rect_coverage_equals_its_area(
            x in 0.0f64..20.0, y in 0.0f64..20.0, w in 5.0f64..20.0, h in 5.0f64..20.0,
        ) {
            let pixels = draw(&[Rect(x, y, w, h), Fill], 40, 40);
            let painted = coverage(&pixels);
            // Vertical sampling is within 1/32 per pixel along the two horizontal edges,
            // 8-bit rounding within 1/510 per pixel.
            let tolerance = (w + 2.0) / 16.0 + 0.01 * w * h / 100.0 + 0.2;
            prop_assert!((painted - w * h).abs() <= tolerance, "{} vs {}", painted, w * h);
        }

        #[test]
        fn circle_coverage_equals_its_area(
            cx in 20.0f64..30.0, cy in 20.0f64..30.0, r in 4.0f64..19.0,
        ) {
            let pixels = draw(&[Circle(cx, cy, r), Fill], 50, 50);
            let area = std::f64::consts::PI * r * r;
            prop_assert!((coverage(&pixels) - area).abs() / area < 0.01);
        }
    }
}
