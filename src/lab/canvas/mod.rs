//! # Drawing commands, a recorder, and a software rasterizer
//!
//! A drawing is a list of [`DrawCommand`]s: the same small language as the browser's Canvas
//! 2D API (`moveTo`, `lineTo`, `rect`, `arc`, `fill`, `stroke`, …). The lesson is the
//! boundary: the same list can be drawn two ways,
//!
//! - **Renderer A** (in `src/web`): one `CanvasRenderingContext2d` call per command, each a
//!   trip from WASM through JavaScript glue into the browser's rasterizer (Skia in Chrome
//!   and Firefox);
//! - **Renderer B**: [`rasterize`] here, in pure Rust, into an RGBA buffer shaped like
//!   `ImageData`, handed to the page with a single `putImageData`.
//!
//! Both must draw the same picture (within ±16 per channel on 99 % of the pixels, text
//! excluded), so the semantics below are exactly the Canvas 2D ones.
//!
//! ## Command → Canvas 2D mapping (renderer A must follow this table)
//!
//! Before replaying, renderer A resets the context to the Canvas defaults that
//! [`rasterize`] starts from: identity transform (or only the devicePixelRatio scale),
//! `clearRect` of the whole canvas, `beginPath()`, fillStyle and strokeStyle `#000000`,
//! lineWidth 1, lineCap `butt`, lineJoin `miter`, miterLimit 10, globalAlpha 1,
//! globalCompositeOperation `source-over`, font [`TEXT_FONT`], textAlign `start`,
//! textBaseline `alphabetic`. (`ctx.reset()` does all of it where supported.)
//!
//! | command | web-sys call(s) | semantics both renderers share |
//! |---|---|---|
//! | `MoveTo(x, y)` | `move_to(x, y)` | starts a new subpath at (x, y) |
//! | `LineTo(x, y)` | `line_to(x, y)` | straight line from the last point; with no subpath yet it acts as `moveTo` |
//! | `Rect(x, y, w, h)` | `rect(x, y, w, h)` | adds a **closed** subpath (x,y)→(x+w,y)→(x+w,y+h)→(x,y+h), then a new subpath at (x, y); negative w or h are allowed and reverse the winding |
//! | `Circle(cx, cy, r)` | `move_to(cx + r, cy)` then `arc(cx, cy, r, 0.0, 2π)` (clockwise) | a new subpath that is **not closed** (its butt caps meet seamlessly at (cx + r, cy)); if r < 0 Canvas's `arc` throws `IndexSizeError`: renderer A skips the `arc` call (the `move_to` has happened), and so does [`rasterize`] |
//! | `FillColor(css)` | `set_fill_style_str(css)` | an invalid colour is ignored and the previous one stays ([`parse_color`] lists what is accepted) |
//! | `StrokeColor(css)` | `set_stroke_style_str(css)` | same rule |
//! | `LineWidth(w)` | `set_line_width(w)` | ignored if `w <= 0` (Canvas ignores it too) |
//! | `BeginPath` | `begin_path()` | forgets every subpath |
//! | `Fill` | `fill()` | fills every subpath (each implicitly closed) with the **non-zero** winding rule in the fill colour; the path is **kept** |
//! | `Stroke` | `stroke()` | strokes every subpath with the line width, butt caps and miter joins, in the stroke colour; the path is **kept** |
//! | `Text(s, x, y)` | `fill_text(s, x, y)` | fills text in the fill colour, left end of the baseline at (x, y); the path is untouched. The browser uses [`TEXT_FONT`]; [`rasterize`] uses its own bitmap font (see [`font`]) |
//! | `Clear` | `clear_rect(0, 0, width, height)` | every pixel transparent black; like `clearRect`, the path is **not** reset |
//!
//! Because `Fill` and `Stroke` keep the path, filling twice without `BeginPath` paints the
//! shapes twice (visible with translucent colours). The [`Canvas`] recorder's shape helpers
//! therefore always emit `BeginPath` first: `rect()` is `BeginPath, Rect, Fill`.
//!
//! Numbers: Canvas silently ignores a call with a NaN or infinite argument. [`rasterize`]
//! refuses such a list instead, naming the command ([`CanvasError::NonFinite`]), and JSON
//! import refuses it too, so renderer A never meets one. Colours: browsers accept CSS
//! syntaxes that [`parse_color`] does not (`oklch()`, `color()`, system colours); the
//! recorder and JSON import refuse those, so only a hand-built list can show the difference.
//!
//! HiDPI: [`rasterize`] has no transform. Renderer A on a backing store scaled by
//! `devicePixelRatio` (`ctx.scale(dpr, dpr)`) draws what
//! `rasterize(&scale_commands(commands, dpr), w·dpr, h·dpr)` draws (see [`scale_commands`];
//! only text keeps its pixel size). The agreement test compares both at 1:1.
//!
//! ## What the rasterizer does and leaves out
//!
//! [`rasterize`] is a scanline rasterizer with exact-area anti-aliasing (like Skia's
//! analytic AA) and the non-zero winding rule, circles flattened to within 0.1 px, strokes
//! built from butt-capped segment rectangles and miter/bevel joins (a stroked circle is an
//! exact ring; lines at most 1 px wide are Skia-style hairlines with the alpha scaled by the
//! width), source-over compositing on a premultiplied 8-bit store, and a 5×7 bitmap font
//! (details in the `raster` source). The production crate for this is **`tiny-skia`** (a
//! Rust port of Skia's CPU backend, the code that draws Canvas 2D in Chrome and Firefox);
//! the tests replay scenes on it and require agreement within ±16 per channel on 99 % of
//! pixels, and the benches time both.
//!
//! Left out: transforms, clipping, curves other than full circles, dashes, round/square
//! caps and round joins, gradients and patterns, shadows, global alpha and other blend
//! modes, real fonts and text shaping, and colour management (everything is sRGB bytes).
//! Simplifications: where two edges cross, coverage is exact only down to bands 1/64 px
//! high (and not at all refined in bands crossed by more than 128 edges, which only a
//! wide scribble reaches); line widths above [`MAX_LINE_WIDTH`] are clamped; geometry whose
//! coordinates overflow f64 when added up (`x + w`, `cx + r`) is skipped; where a circle
//! is part of a longer subpath (a `LineTo` after it), its stroke starts square to its
//! first chord rather than to the curve (a sliver narrower than 0.1 px for most sizes).
//!
//! ## Limits
//!
//! A canvas side is at most [`MAX_SIDE`] pixels and the area at most [`MAX_PIXELS`]
//! (64 MP, 256 MiB of RGBA); larger sizes are an error before anything is allocated.
//! Width or height 0 gives an empty buffer. Coordinates may be as large as f64 allows:
//! work is clipped to the canvas first, so `Rect(0, 0, 1e300, 1e300)` or a circle of radius
//! 1e300 costs no more than a canvas-sized one.

pub mod color;
pub mod compare;
pub mod editor;
pub mod font;
pub mod history;
mod raster;

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::lab::rng::SplitMix64;

pub use color::{ColorError, NAMED_COLORS, Rgba, parse_color};
pub use history::{History, Stroke};
pub use raster::{FLATTEN_TOLERANCE, MAX_LINE_WIDTH, MAX_PIXELS, MAX_SIDE, MIN_BAND, MITER_LIMIT};

/// The CSS font renderer A sets before `fillText` (`ctx.set_font(TEXT_FONT)`).
pub const TEXT_FONT: &str = "16px monospace";

/// One drawing call, named after the Canvas 2D method it maps to (see the module doc's
/// table for the exact semantics).
///
/// Serialized with serde as externally tagged JSON: `{"MoveTo":[10.0,20.0]}`,
/// `{"FillColor":"#ff0000"}`, `"BeginPath"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DrawCommand {
    /// `moveTo(x, y)`: start a new subpath.
    MoveTo(f64, f64),
    /// `lineTo(x, y)`: a straight line from the last point.
    LineTo(f64, f64),
    /// `rect(x, y, width, height)`: a closed rectangle subpath.
    Rect(f64, f64, f64, f64),
    /// `moveTo(cx + r, cy); arc(cx, cy, r, 0, 2π)`: a full circle subpath.
    Circle(f64, f64, f64),
    /// `fillStyle = css`.
    FillColor(String),
    /// `strokeStyle = css`.
    StrokeColor(String),
    /// `lineWidth = w`.
    LineWidth(f64),
    /// `beginPath()`.
    BeginPath,
    /// `fill()` with the non-zero rule.
    Fill,
    /// `stroke()`.
    Stroke,
    /// `fillText(text, x, y)`.
    Text(String, f64, f64),
    /// `clearRect(0, 0, width, height)`.
    Clear,
}

impl DrawCommand {
    /// The variant's name, for messages (`"LineTo"`).
    pub fn name(&self) -> &'static str {
        match self {
            DrawCommand::MoveTo(..) => "MoveTo",
            DrawCommand::LineTo(..) => "LineTo",
            DrawCommand::Rect(..) => "Rect",
            DrawCommand::Circle(..) => "Circle",
            DrawCommand::FillColor(_) => "FillColor",
            DrawCommand::StrokeColor(_) => "StrokeColor",
            DrawCommand::LineWidth(_) => "LineWidth",
            DrawCommand::BeginPath => "BeginPath",
            DrawCommand::Fill => "Fill",
            DrawCommand::Stroke => "Stroke",
            DrawCommand::Text(..) => "Text",
            DrawCommand::Clear => "Clear",
        }
    }

    /// The command's numbers with their parameter names, in order.
    pub fn numbers(&self) -> Vec<(&'static str, f64)> {
        match self {
            DrawCommand::MoveTo(x, y) | DrawCommand::LineTo(x, y) | DrawCommand::Text(_, x, y) => {
                vec![("x", *x), ("y", *y)]
            }
            DrawCommand::Rect(x, y, w, h) => {
                vec![("x", *x), ("y", *y), ("width", *w), ("height", *h)]
            }
            DrawCommand::Circle(cx, cy, r) => vec![("cx", *cx), ("cy", *cy), ("radius", *r)],
            DrawCommand::LineWidth(w) => vec![("width", *w)],
            DrawCommand::FillColor(_)
            | DrawCommand::StrokeColor(_)
            | DrawCommand::BeginPath
            | DrawCommand::Fill
            | DrawCommand::Stroke
            | DrawCommand::Clear => Vec::new(),
        }
    }

    /// The first number that is NaN or infinite, with its parameter name.
    fn first_non_finite(&self) -> Option<(&'static str, f64)> {
        let check =
            |pairs: &[(&'static str, f64)]| pairs.iter().copied().find(|(_, v)| !v.is_finite());
        match self {
            DrawCommand::MoveTo(x, y) | DrawCommand::LineTo(x, y) | DrawCommand::Text(_, x, y) => {
                check(&[("x", *x), ("y", *y)])
            }
            DrawCommand::Rect(x, y, w, h) => {
                check(&[("x", *x), ("y", *y), ("width", *w), ("height", *h)])
            }
            DrawCommand::Circle(cx, cy, r) => check(&[("cx", *cx), ("cy", *cy), ("radius", *r)]),
            DrawCommand::LineWidth(w) => check(&[("width", *w)]),
            _ => None,
        }
    }
}

/// Why a drawing could not be rasterized, imported or recorded.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasError {
    /// The canvas is larger than [`MAX_SIDE`] per side or [`MAX_PIXELS`] in area.
    TooLarge {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
    },
    /// The pixel buffer could not be allocated.
    OutOfMemory {
        /// Bytes that were asked for.
        bytes: u64,
    },
    /// A command holds NaN or ±infinity.
    NonFinite {
        /// Index of the command in the list.
        index: usize,
        /// Its name (`"LineTo"`).
        command: &'static str,
        /// The parameter (`"y"`).
        parameter: &'static str,
        /// The value.
        value: f64,
    },
    /// A command breaks the import rules (see [`validate_commands`]).
    InvalidCommand {
        /// Index of the command in the list.
        index: usize,
        /// Its name.
        command: &'static str,
        /// What is wrong, in words.
        reason: String,
    },
    /// More commands than [`MAX_IMPORT_COMMANDS`].
    TooManyCommands {
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The JSON text is longer than [`MAX_JSON_BYTES`].
    JsonTooLong {
        /// Its length in bytes.
        bytes: usize,
    },
    /// The text is not JSON of a command list.
    Json {
        /// serde_json's explanation, with line and column.
        message: String,
    },
    /// A recorder argument was refused (for example a line width of 0).
    InvalidArgument {
        /// What is wrong, in words.
        reason: String,
    },
}

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CanvasError::TooLarge { width, height } => write!(
                f,
                "a {width}×{height} canvas is too large: at most {MAX_SIDE} pixels per side \
                 and {MAX_PIXELS} pixels (64 megapixels) in all"
            ),
            CanvasError::OutOfMemory { bytes } => {
                write!(f, "could not allocate {bytes} bytes for the pixels")
            }
            CanvasError::NonFinite {
                index,
                command,
                parameter,
                value,
            } => write!(
                f,
                "command {index} ({command}): {parameter} is {value}; every number must be finite"
            ),
            CanvasError::InvalidCommand {
                index,
                command,
                reason,
            } => write!(f, "command {index} ({command}): {reason}"),
            CanvasError::TooManyCommands { count, max } => {
                write!(
                    f,
                    "{count} commands is too many: a drawing has at most {max}"
                )
            }
            CanvasError::JsonTooLong { bytes } => write!(
                f,
                "the drawing is {bytes} bytes long: at most {MAX_JSON_BYTES} bytes are read"
            ),
            CanvasError::Json { message } => {
                write!(f, "not a drawing (a JSON list of commands): {message}")
            }
            CanvasError::InvalidArgument { reason } => f.write_str(reason),
        }
    }
}

impl std::error::Error for CanvasError {}

/// Draws `commands` on a transparent `width × height` canvas and returns its pixels: RGBA,
/// row-major, straight (not premultiplied) alpha, 4·width·height bytes — the layout of
/// `ImageData.data`, ready for `putImageData`.
///
/// Anti-aliased; the same picture the Canvas 2D API draws for the same calls (see the
/// module doc's mapping table), within a small tolerance. Errors, before any pixel memory
/// is allocated: a size over [`MAX_SIDE`] or [`MAX_PIXELS`] ([`CanvasError::TooLarge`]) and
/// any NaN or infinite number ([`CanvasError::NonFinite`], naming the command). Width or
/// height 0 gives an empty Vec. Invalid colours are ignored, as the Canvas setters do.
///
/// ```
/// use wasm_playground::lab::canvas::{rasterize, DrawCommand::*};
/// let pixels = rasterize(&[FillColor("red".into()), Rect(1.0, 1.0, 2.0, 2.0), Fill], 4, 4)?;
/// assert_eq!(pixels.len(), 4 * 4 * 4);
/// assert_eq!(&pixels[(1 * 4 + 1) * 4..][..4], &[255, 0, 0, 255]); // inside
/// assert_eq!(&pixels[..4], &[0, 0, 0, 0]); // outside: transparent black
/// # Ok::<(), wasm_playground::lab::canvas::CanvasError>(())
/// ```
pub fn rasterize(
    commands: &[DrawCommand],
    width: u32,
    height: u32,
) -> Result<Vec<u8>, CanvasError> {
    raster::rasterize(commands, width, height)
}

/// The commands with every coordinate, size, radius and line width multiplied by
/// `factor`: what `ctx.scale(factor, factor)` does to later calls, for drawing the same
/// picture on a backing store `factor` times larger (HiDPI screens). Text positions move;
/// the bitmap font keeps its size. A non-finite or non-positive factor gives the commands
/// unchanged.
pub fn scale_commands(commands: &[DrawCommand], factor: f64) -> Vec<DrawCommand> {
    if !(factor.is_finite() && factor > 0.0) {
        return commands.to_vec();
    }
    commands
        .iter()
        .map(|command| match command {
            DrawCommand::MoveTo(x, y) => DrawCommand::MoveTo(x * factor, y * factor),
            DrawCommand::LineTo(x, y) => DrawCommand::LineTo(x * factor, y * factor),
            DrawCommand::Rect(x, y, w, h) => {
                DrawCommand::Rect(x * factor, y * factor, w * factor, h * factor)
            }
            DrawCommand::Circle(cx, cy, r) => {
                DrawCommand::Circle(cx * factor, cy * factor, r * factor)
            }
            DrawCommand::LineWidth(w) => DrawCommand::LineWidth(w * factor),
            DrawCommand::Text(text, x, y) => {
                DrawCommand::Text(text.clone(), x * factor, y * factor)
            }
            other => other.clone(),
        })
        .collect()
}

/// The first NaN or infinite number in `commands`, as an error naming the command.
pub fn check_finite(commands: &[DrawCommand]) -> Result<(), CanvasError> {
    for (index, command) in commands.iter().enumerate() {
        if let Some((parameter, value)) = command.first_non_finite() {
            return Err(CanvasError::NonFinite {
                index,
                command: command.name(),
                parameter,
                value,
            });
        }
    }
    Ok(())
}

/// The most commands an imported (or exported) drawing may hold.
pub const MAX_IMPORT_COMMANDS: usize = 250_000;
/// The longest JSON text [`commands_from_json`] reads, in bytes.
pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;
/// The largest absolute coordinate, rect side or radius an imported drawing may use.
pub const MAX_IMPORT_COORDINATE: f64 = 1.0e6;
/// The widest line an imported drawing may use.
pub const MAX_IMPORT_LINE_WIDTH: f64 = 1.0e4;
/// The longest text (in characters) one imported `Text` command may hold.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// The most path commands an imported drawing may paint in all, counting each `Fill` or
/// `Stroke` as the path commands since the last `BeginPath`. `Fill` and `Stroke` keep the
/// path, so a drawing that never begins a new one repaints ever longer paths: quadratic
/// work that would freeze the page on load. Drawings made by [`Canvas`] stay far below.
pub const MAX_IMPORT_PATH_WORK: usize = 4_000_000;

/// Checks the rules a stored or imported drawing must follow, stricter than what
/// [`rasterize`] accepts: at most [`MAX_IMPORT_COMMANDS`] commands; every number finite;
/// coordinates, rect sides and radii within ±[`MAX_IMPORT_COORDINATE`]; radii not negative;
/// line widths above 0 and at most [`MAX_IMPORT_LINE_WIDTH`]; colours that
/// [`parse_color`] accepts; texts of at most [`MAX_TEXT_CHARS`] characters; at most
/// [`MAX_IMPORT_PATH_WORK`] path commands painted in all.
pub fn validate_commands(commands: &[DrawCommand]) -> Result<(), CanvasError> {
    if commands.len() > MAX_IMPORT_COMMANDS {
        return Err(CanvasError::TooManyCommands {
            count: commands.len(),
            max: MAX_IMPORT_COMMANDS,
        });
    }
    check_finite(commands)?;
    let mut path_length = 0usize;
    let mut painted = 0usize;
    for (index, command) in commands.iter().enumerate() {
        match command {
            DrawCommand::BeginPath => path_length = 0,
            DrawCommand::MoveTo(..)
            | DrawCommand::LineTo(..)
            | DrawCommand::Rect(..)
            | DrawCommand::Circle(..) => path_length += 1,
            DrawCommand::Fill | DrawCommand::Stroke => {
                painted = painted.saturating_add(path_length);
                if painted > MAX_IMPORT_PATH_WORK {
                    return Err(CanvasError::InvalidCommand {
                        index,
                        command: command.name(),
                        reason: format!(
                            "the drawing repaints more than {MAX_IMPORT_PATH_WORK} path commands \
                             in all (fill and stroke keep the path: begin a new path between shapes)"
                        ),
                    });
                }
            }
            _ => {}
        }
        let invalid = |reason: String| CanvasError::InvalidCommand {
            index,
            command: command.name(),
            reason,
        };
        for (parameter, value) in command.numbers() {
            if value.abs() > MAX_IMPORT_COORDINATE && !matches!(command, DrawCommand::LineWidth(_))
            {
                return Err(invalid(format!(
                    "{parameter} = {value} is outside ±{MAX_IMPORT_COORDINATE}"
                )));
            }
        }
        match command {
            DrawCommand::Circle(_, _, r) if *r < 0.0 => {
                return Err(invalid(format!("the radius {r} is negative")));
            }
            DrawCommand::LineWidth(w) if *w <= 0.0 || *w > MAX_IMPORT_LINE_WIDTH => {
                return Err(invalid(format!(
                    "the line width {w} is not above 0 and at most {MAX_IMPORT_LINE_WIDTH}"
                )));
            }
            DrawCommand::FillColor(css) | DrawCommand::StrokeColor(css) => {
                parse_color(css).map_err(|e| invalid(e.to_string()))?;
            }
            DrawCommand::Text(text, _, _) if text.chars().count() > MAX_TEXT_CHARS => {
                return Err(invalid(format!(
                    "the text is longer than {MAX_TEXT_CHARS} characters"
                )));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The drawing as JSON text (an array of commands, see [`DrawCommand`]) for export and
/// localStorage. Checks [`validate_commands`] first, so whatever is written can be read
/// back by [`commands_from_json`], to the same commands (numbers round-trip exactly).
pub fn commands_to_json(commands: &[DrawCommand]) -> Result<String, CanvasError> {
    validate_commands(commands)?;
    serde_json::to_string(commands).map_err(|e| CanvasError::Json {
        message: e.to_string(),
    })
}

/// Reads a drawing written by [`commands_to_json`] (or by hand), refusing anything that is
/// not a JSON array of commands or breaks [`validate_commands`]. Reading stops at the
/// first command past [`MAX_IMPORT_COMMANDS`], so a huge file cannot fill memory.
pub fn commands_from_json(text: &str) -> Result<Vec<DrawCommand>, CanvasError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(CanvasError::JsonTooLong { bytes: text.len() });
    }
    let CommandList(commands) = serde_json::from_str(text).map_err(|e| CanvasError::Json {
        message: e.to_string(),
    })?;
    validate_commands(&commands)?;
    Ok(commands)
}

/// A JSON array of commands, read with a cap on its length.
struct CommandList(Vec<DrawCommand>);

impl<'de> Deserialize<'de> for CommandList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CommandList, D::Error> {
        deserializer.deserialize_seq(CommandListVisitor)
    }
}

struct CommandListVisitor;

impl<'de> Visitor<'de> for CommandListVisitor {
    type Value = CommandList;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of drawing commands")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CommandList, A::Error> {
        let mut commands = Vec::new();
        while let Some(command) = seq.next_element::<DrawCommand>()? {
            if commands.len() >= MAX_IMPORT_COMMANDS {
                return Err(de::Error::custom(format_args!(
                    "a drawing has at most {MAX_IMPORT_COMMANDS} commands"
                )));
            }
            commands.push(command);
        }
        Ok(CommandList(commands))
    }
}

/// Records drawing commands: rectangles, circles, lines and text, plus stroke colour, line
/// width and path control.
///
/// The shape helpers are complete gestures: each begins a new path and fills or strokes it
/// (`rect()` records `BeginPath, Rect, Fill`), so a shape never re-paints an earlier one.
/// The path methods (`begin_path`, `move_to`, `line_to`, `fill`, `stroke`) record exactly
/// one command each, for building paths by hand. Numbers are recorded as given; NaN or
/// infinity are refused later by [`rasterize`] and [`commands_to_json`].
///
/// ```
/// use wasm_playground::lab::canvas::{Canvas, DrawCommand::*};
/// let mut canvas = Canvas::new(100, 50);
/// canvas.set_fill_color("teal")?;
/// canvas.rect(10.0, 10.0, 30.0, 20.0);
/// assert_eq!(
///     canvas.commands(),
///     &[FillColor("teal".into()), BeginPath, Rect(10.0, 10.0, 30.0, 20.0), Fill]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    width: u32,
    height: u32,
    commands: Vec<DrawCommand>,
}

impl Canvas {
    /// An empty recording for a `width × height` canvas.
    pub fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            commands: Vec::new(),
        }
    }

    /// A recording that starts with `commands` (for example imported ones).
    pub fn with_commands(width: u32, height: u32, commands: Vec<DrawCommand>) -> Canvas {
        Canvas {
            width,
            height,
            commands,
        }
    }

    /// `(width, height)` in pixels.
    pub fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The commands recorded so far.
    pub fn commands(&self) -> &[DrawCommand] {
        &self.commands
    }

    /// The commands, giving up the recorder.
    pub fn into_commands(self) -> Vec<DrawCommand> {
        self.commands
    }

    /// Records any command as it is.
    pub fn push(&mut self, command: DrawCommand) {
        self.commands.push(command);
    }

    /// Records `Clear`: the whole canvas becomes transparent (the path is kept, as
    /// `clearRect` keeps it).
    pub fn clear(&mut self) {
        self.commands.push(DrawCommand::Clear);
    }

    /// Sets the fill colour; an invalid colour is refused here (and nothing recorded)
    /// rather than silently ignored later.
    pub fn set_fill_color(&mut self, css: &str) -> Result<(), ColorError> {
        parse_color(css)?;
        self.commands.push(DrawCommand::FillColor(css.to_string()));
        Ok(())
    }

    /// Sets the stroke colour; an invalid colour is refused and nothing recorded.
    pub fn set_stroke_color(&mut self, css: &str) -> Result<(), ColorError> {
        parse_color(css)?;
        self.commands
            .push(DrawCommand::StrokeColor(css.to_string()));
        Ok(())
    }

    /// Sets the line width; a width that is not finite and above 0 (which Canvas would
    /// ignore) is refused and nothing recorded.
    pub fn set_line_width(&mut self, width: f64) -> Result<(), CanvasError> {
        if !(width.is_finite() && width > 0.0) {
            return Err(CanvasError::InvalidArgument {
                reason: format!("a line width must be a finite number above 0, not {width}"),
            });
        }
        self.commands.push(DrawCommand::LineWidth(width));
        Ok(())
    }

    /// Records `BeginPath`.
    pub fn begin_path(&mut self) {
        self.commands.push(DrawCommand::BeginPath);
    }

    /// Records `MoveTo(x, y)`.
    pub fn move_to(&mut self, x: f64, y: f64) {
        self.commands.push(DrawCommand::MoveTo(x, y));
    }

    /// Records `LineTo(x, y)`.
    pub fn line_to(&mut self, x: f64, y: f64) {
        self.commands.push(DrawCommand::LineTo(x, y));
    }

    /// Records `Fill`: fills the current path.
    pub fn fill(&mut self) {
        self.commands.push(DrawCommand::Fill);
    }

    /// Records `Stroke`: strokes the current path.
    pub fn stroke(&mut self) {
        self.commands.push(DrawCommand::Stroke);
    }

    /// A filled rectangle: `BeginPath, Rect(x, y, w, h), Fill`.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64) {
        self.commands.extend([
            DrawCommand::BeginPath,
            DrawCommand::Rect(x, y, width, height),
            DrawCommand::Fill,
        ]);
    }

    /// A rectangle outline: `BeginPath, Rect(x, y, w, h), Stroke`.
    pub fn stroke_rect(&mut self, x: f64, y: f64, width: f64, height: f64) {
        self.commands.extend([
            DrawCommand::BeginPath,
            DrawCommand::Rect(x, y, width, height),
            DrawCommand::Stroke,
        ]);
    }

    /// A filled circle: `BeginPath, Circle(cx, cy, r), Fill`.
    pub fn circle(&mut self, cx: f64, cy: f64, radius: f64) {
        self.commands.extend([
            DrawCommand::BeginPath,
            DrawCommand::Circle(cx, cy, radius),
            DrawCommand::Fill,
        ]);
    }

    /// A circle outline: `BeginPath, Circle(cx, cy, r), Stroke`.
    pub fn stroke_circle(&mut self, cx: f64, cy: f64, radius: f64) {
        self.commands.extend([
            DrawCommand::BeginPath,
            DrawCommand::Circle(cx, cy, radius),
            DrawCommand::Stroke,
        ]);
    }

    /// A straight line: `BeginPath, MoveTo(x0, y0), LineTo(x1, y1), Stroke`.
    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.commands.extend([
            DrawCommand::BeginPath,
            DrawCommand::MoveTo(x0, y0),
            DrawCommand::LineTo(x1, y1),
            DrawCommand::Stroke,
        ]);
    }

    /// A freehand line through the points: `BeginPath, MoveTo, LineTo…, Stroke`. Fewer
    /// than two points record nothing.
    pub fn polyline(&mut self, points: &[(f64, f64)]) {
        let [(x0, y0), rest @ ..] = points else {
            return;
        };
        if rest.is_empty() {
            return;
        }
        self.commands.reserve(points.len() + 2);
        self.commands.push(DrawCommand::BeginPath);
        self.commands.push(DrawCommand::MoveTo(*x0, *y0));
        for (x, y) in rest {
            self.commands.push(DrawCommand::LineTo(*x, *y));
        }
        self.commands.push(DrawCommand::Stroke);
    }

    /// Text in the fill colour, baseline starting at (x, y): `Text(text, x, y)`.
    pub fn text(&mut self, text: &str, x: f64, y: f64) {
        self.commands
            .push(DrawCommand::Text(text.to_string(), x, y));
    }

    /// Rasterizes the recording at its own size (see [`rasterize`]).
    pub fn rasterize(&self) -> Result<Vec<u8>, CanvasError> {
        rasterize(&self.commands, self.width, self.height)
    }
}

/// The most shapes [`stress_scene`] generates, whatever is asked.
pub const MAX_STRESS_SHAPES: usize = 200_000;

/// A deterministic scene of `n` random shapes on a `width × height` canvas, for benchmarks:
/// filled rects, filled circles and stroked lines in equal shares, each with its own random
/// colour (`#rrggbbaa`, alpha from 25 % to 100 %), partly hanging over the edges. Each shape
/// is one self-contained gesture (colour, `BeginPath`, geometry, `Fill` or `Stroke`).
/// The same seed gives the same scene on every platform (SplitMix64, coordinates rounded to
/// 1/8 px so the JSON stays short). `n` is capped at [`MAX_STRESS_SHAPES`].
pub fn stress_scene(n: usize, width: u32, height: u32, seed: u64) -> Vec<DrawCommand> {
    let n = n.min(MAX_STRESS_SHAPES);
    let mut rng = SplitMix64::new(seed);
    let w = f64::from(width.max(1));
    let h = f64::from(height.max(1));
    let small_side = w.min(h);
    // About 4.7 commands per shape on average.
    let mut commands = Vec::with_capacity(n * 5);
    for _ in 0..n {
        let color = Rgba::new(
            rng.below_by_modulo(256) as u8,
            rng.below_by_modulo(256) as u8,
            rng.below_by_modulo(256) as u8,
            64 + rng.below_by_modulo(192) as u8,
        )
        .to_css();
        let x = coordinate(&mut rng, -0.05 * w, 1.05 * w);
        let y = coordinate(&mut rng, -0.05 * h, 1.05 * h);
        match rng.below_by_modulo(3) {
            0 => {
                let rw = coordinate(&mut rng, 2.0, w / 8.0 + 2.0);
                let rh = coordinate(&mut rng, 2.0, h / 8.0 + 2.0);
                commands.extend([
                    DrawCommand::FillColor(color),
                    DrawCommand::BeginPath,
                    DrawCommand::Rect(x, y, rw, rh),
                    DrawCommand::Fill,
                ]);
            }
            1 => {
                let r = coordinate(&mut rng, 1.0, small_side / 16.0 + 1.0);
                commands.extend([
                    DrawCommand::FillColor(color),
                    DrawCommand::BeginPath,
                    DrawCommand::Circle(x, y, r),
                    DrawCommand::Fill,
                ]);
            }
            _ => {
                let x1 = x + coordinate(&mut rng, -w / 6.0, w / 6.0);
                let y1 = y + coordinate(&mut rng, -h / 6.0, h / 6.0);
                let line_width = coordinate(&mut rng, 0.5, 8.0);
                commands.extend([
                    DrawCommand::StrokeColor(color),
                    DrawCommand::LineWidth(line_width),
                    DrawCommand::BeginPath,
                    DrawCommand::MoveTo(x, y),
                    DrawCommand::LineTo(x1, y1),
                    DrawCommand::Stroke,
                ]);
            }
        }
    }
    commands
}

/// A uniform coordinate in `[lo, hi)`, rounded to 1/8 px so the JSON stays short.
fn coordinate(rng: &mut SplitMix64, lo: f64, hi: f64) -> f64 {
    ((lo + (hi - lo) * rng.next_f64()) * 8.0).round() / 8.0
}

#[cfg(test)]
mod tests {
    use super::DrawCommand::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn recorder_helpers_emit_complete_gestures() {
        let mut canvas = Canvas::new(320, 200);
        assert_eq!(canvas.dimensions(), (320, 200));
        assert!(canvas.commands().is_empty());
        assert!(canvas.set_fill_color("#abc").is_ok());
        assert!(canvas.set_stroke_color("rgb(1 2 3 / 50%)").is_ok());
        assert!(canvas.set_line_width(3.0).is_ok());
        canvas.rect(1.0, 2.0, 3.0, 4.0);
        canvas.circle(5.0, 6.0, 7.0);
        canvas.line(0.0, 0.0, 10.0, 10.0);
        canvas.stroke_rect(1.0, 1.0, 2.0, 2.0);
        canvas.stroke_circle(9.0, 9.0, 1.0);
        canvas.polyline(&[(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]);
        canvas.polyline(&[(5.0, 5.0)]);
        canvas.text("hi", 4.0, 20.0);
        canvas.begin_path();
        canvas.move_to(1.0, 1.0);
        canvas.line_to(2.0, 2.0);
        canvas.fill();
        canvas.stroke();
        canvas.clear();
        canvas.push(BeginPath);
        assert_eq!(
            canvas.commands(),
            &[
                FillColor("#abc".into()),
                StrokeColor("rgb(1 2 3 / 50%)".into()),
                LineWidth(3.0),
                BeginPath,
                Rect(1.0, 2.0, 3.0, 4.0),
                Fill,
                BeginPath,
                Circle(5.0, 6.0, 7.0),
                Fill,
                BeginPath,
                MoveTo(0.0, 0.0),
                LineTo(10.0, 10.0),
                Stroke,
                BeginPath,
                Rect(1.0, 1.0, 2.0, 2.0),
                Stroke,
                BeginPath,
                Circle(9.0, 9.0, 1.0),
                Stroke,
                BeginPath,
                MoveTo(0.0, 0.0),
                LineTo(1.0, 1.0),
                LineTo(2.0, 0.0),
                Stroke,
                Text("hi".into(), 4.0, 20.0),
                BeginPath,
                MoveTo(1.0, 1.0),
                LineTo(2.0, 2.0),
                Fill,
                Stroke,
                Clear,
                BeginPath,
            ]
        );
        let pixels = canvas.rasterize();
        assert_eq!(pixels.map(|p| p.len()), Ok(320 * 200 * 4));
        let commands = canvas.clone().into_commands();
        assert_eq!(Canvas::with_commands(320, 200, commands), canvas);
    }

    #[test]
    fn recorder_refuses_bad_styles_and_records_nothing() {
        let mut canvas = Canvas::new(10, 10);
        let e = canvas.set_fill_color("#12").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'#12' is not a colour: hex colours have 3, 4, 6 or 8 digits"
        );
        assert!(canvas.set_stroke_color("nope").is_err());
        for width in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let e = canvas.set_line_width(width).unwrap_err();
            assert!(e.to_string().contains("line width"), "{e}");
        }
        assert!(canvas.commands().is_empty());
    }

    #[test]
    fn names_and_numbers() {
        assert_eq!(Rect(1.0, 2.0, 3.0, 4.0).name(), "Rect");
        assert_eq!(
            Circle(1.0, 2.0, 3.0).numbers(),
            vec![("cx", 1.0), ("cy", 2.0), ("radius", 3.0)]
        );
        assert!(Fill.numbers().is_empty());
        assert_eq!(
            Text("t".into(), 1.0, 2.0).numbers(),
            vec![("x", 1.0), ("y", 2.0)]
        );
        let all = [
            MoveTo(0.0, 0.0),
            LineTo(0.0, 0.0),
            Rect(0.0, 0.0, 0.0, 0.0),
            Circle(0.0, 0.0, 0.0),
            FillColor(String::new()),
            StrokeColor(String::new()),
            LineWidth(1.0),
            BeginPath,
            Fill,
            Stroke,
            Text(String::new(), 0.0, 0.0),
            Clear,
        ];
        let names: Vec<&str> = all.iter().map(DrawCommand::name).collect();
        assert_eq!(
            names,
            [
                "MoveTo",
                "LineTo",
                "Rect",
                "Circle",
                "FillColor",
                "StrokeColor",
                "LineWidth",
                "BeginPath",
                "Fill",
                "Stroke",
                "Text",
                "Clear"
            ]
        );
    }

    #[test]
    fn json_format_is_externally_tagged() {
        let commands = vec![
            FillColor("red".into()),
            BeginPath,
            MoveTo(1.5, -2.0),
            Text("a\"b".into(), 0.1, 1e-7),
        ];
        let json = commands_to_json(&commands);
        assert_eq!(
            json.as_deref(),
            Ok(
                r#"[{"FillColor":"red"},"BeginPath",{"MoveTo":[1.5,-2.0]},{"Text":["a\"b",0.1,1e-7]}]"#
            )
        );
        assert_eq!(commands_from_json(&json.unwrap_or_default()), Ok(commands));
        assert_eq!(commands_from_json(" [ ] "), Ok(Vec::new()));
    }

    fn refused(text: &str) -> String {
        match commands_from_json(text) {
            Ok(c) => panic!("{text:?} should be refused, got {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn bad_json_is_refused_with_a_reason() {
        assert!(refused("").contains("not a drawing"));
        assert!(refused("{}").contains("a JSON array of drawing commands"));
        assert!(refused("[1]").contains("not a drawing"));
        assert!(refused(r#"["Jump"]"#).contains("unknown variant `Jump`"));
        assert!(refused(r#"[{"MoveTo":[1]}]"#).contains("not a drawing"));
        assert!(refused(r#"[{"MoveTo":[1,null]}]"#).contains("not a drawing"));
        assert!(refused(r#"[{"MoveTo":[1,1e999]}]"#).contains("not a drawing"));
        assert!(refused("[\"Fill\",]").contains("line 1 column"));
        assert!(refused("[\"Fill\"] x").contains("trailing"));
        assert_eq!(
            refused(r#"["BeginPath",{"LineTo":[5,2000000]}]"#),
            "command 1 (LineTo): y = 2000000 is outside ±1000000"
        );
        assert_eq!(
            refused(r#"[{"Circle":[5,5,-1]}]"#),
            "command 0 (Circle): the radius -1 is negative"
        );
        assert!(refused(r#"[{"LineWidth":0}]"#).contains("line width 0"));
        assert!(refused(r#"[{"LineWidth":20000}]"#).contains("line width"));
        assert_eq!(
            refused(r##"[{"FillColor":"#12"}]"##),
            "command 0 (FillColor): '#12' is not a colour: hex colours have 3, 4, 6 or 8 digits"
        );
        let long_text = format!(r#"[{{"Text":["{}",0,0]}}]"#, "x".repeat(MAX_TEXT_CHARS + 1));
        assert!(refused(&long_text).contains("longer than 1000"));
        let deep = "[".repeat(10_000);
        assert!(refused(&deep).contains("not a drawing"));
    }

    #[test]
    fn size_limits() {
        let too_many = format!("[{}\"Fill\"]", "\"Fill\",".repeat(MAX_IMPORT_COMMANDS));
        assert!(refused(&too_many).contains("at most 250000 commands"));
        let just_enough = format!("[{}\"Fill\"]", "\"Fill\",".repeat(MAX_IMPORT_COMMANDS - 1));
        assert_eq!(
            commands_from_json(&just_enough).map(|c| c.len()),
            Ok(MAX_IMPORT_COMMANDS)
        );
        let huge = " ".repeat(MAX_JSON_BYTES + 1);
        assert!(matches!(
            commands_from_json(&huge),
            Err(CanvasError::JsonTooLong { .. })
        ));
        let commands = vec![Fill; MAX_IMPORT_COMMANDS + 1];
        assert!(matches!(
            validate_commands(&commands),
            Err(CanvasError::TooManyCommands { count, max: MAX_IMPORT_COMMANDS })
                if count == MAX_IMPORT_COMMANDS + 1
        ));
    }

    #[test]
    fn scaling_for_hidpi() {
        let commands = [
            LineWidth(1.5),
            Rect(1.0, 2.0, 3.0, 4.0),
            Circle(5.0, 6.0, 7.0),
            MoveTo(1.0, 1.0),
            LineTo(2.0, 3.0),
            Text("t".into(), 4.0, 5.0),
            Fill,
        ];
        assert_eq!(
            scale_commands(&commands, 2.0),
            [
                LineWidth(3.0),
                Rect(2.0, 4.0, 6.0, 8.0),
                Circle(10.0, 12.0, 14.0),
                MoveTo(2.0, 2.0),
                LineTo(4.0, 6.0),
                Text("t".into(), 8.0, 10.0),
                Fill,
            ]
        );
        assert_eq!(scale_commands(&commands, f64::NAN), commands);
        assert_eq!(scale_commands(&commands, 0.0), commands);
        // A 2× picture of a 2× scaled rect covers four times the pixels.
        let small = rasterize(&[Rect(1.0, 1.0, 2.0, 2.0), Fill], 4, 4).unwrap_or_default();
        let scaled = scale_commands(&[Rect(1.0, 1.0, 2.0, 2.0), Fill], 2.0);
        let big = rasterize(&scaled, 8, 8).unwrap_or_default();
        let count = |p: &[u8]| p.chunks_exact(4).filter(|p| p[3] == 255).count();
        assert_eq!(count(&big), 4 * count(&small));
    }

    #[test]
    fn quadratic_repainting_is_refused() {
        // 3000 fills of a path that keeps growing: 4.5 million path commands painted.
        let mut commands = Vec::new();
        for i in 0..3_000 {
            commands.push(LineTo(f64::from(i % 100), f64::from(i % 7)));
            commands.push(Fill);
        }
        let e = validate_commands(&commands).unwrap_err();
        assert!(e.to_string().contains("begin a new path"), "{e}");
        // The same shapes each with its own path are fine.
        let mut fine = Vec::new();
        for i in 0..3_000 {
            fine.extend([BeginPath, LineTo(f64::from(i % 100), 1.0), Fill]);
        }
        assert_eq!(validate_commands(&fine), Ok(()));
    }

    #[test]
    fn export_refuses_what_import_would() {
        assert!(matches!(
            commands_to_json(&[MoveTo(f64::NAN, 0.0)]),
            Err(CanvasError::NonFinite { index: 0, .. })
        ));
        assert!(commands_to_json(&[FillColor("bogus".into())]).is_err());
        assert!(commands_to_json(&[Rect(0.0, 0.0, 1e7, 1.0)]).is_err());
    }

    #[test]
    fn stress_scenes_are_valid_drawings() {
        let scene = stress_scene(2_000, 800, 600, 99);
        assert_eq!(validate_commands(&scene), Ok(()));
        let rects = scene.iter().filter(|c| matches!(c, Rect(..))).count();
        let circles = scene.iter().filter(|c| matches!(c, Circle(..))).count();
        let lines = scene.iter().filter(|c| matches!(c, LineTo(..))).count();
        assert_eq!(rects + circles + lines, 2_000);
        assert!(rects > 500 && circles > 500 && lines > 500);
        assert!(
            scene
                .iter()
                .all(|c| c.numbers().iter().all(|(_, v)| (v * 8.0).fract() == 0.0))
        );
        // Same seed, same scene, whatever the platform: pin the first shape.
        assert_eq!(
            stress_scene(1, 800, 600, 0),
            [
                StrokeColor("#aff44fec".into()),
                LineWidth(7.625),
                BeginPath,
                MoveTo(53.625, 186.0),
                LineTo(126.0, 135.125),
                Stroke,
            ]
        );
    }

    fn coordinate() -> impl Strategy<Value = f64> {
        prop_oneof![
            -1.0e6f64..1.0e6,
            any::<i16>().prop_map(f64::from),
            (any::<u64>(), -1.0e6f64..1.0e6).prop_map(|(bits, v)| {
                // Arbitrary mantissa bits: numbers whose shortest decimal form is long.
                let x = f64::from_bits((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
                (v * x / 2.0).clamp(-1.0e6, 1.0e6)
            }),
        ]
    }

    fn valid_command() -> impl Strategy<Value = DrawCommand> {
        prop_oneof![
            (coordinate(), coordinate()).prop_map(|(x, y)| MoveTo(x, y)),
            (coordinate(), coordinate()).prop_map(|(x, y)| LineTo(x, y)),
            (coordinate(), coordinate(), coordinate(), coordinate())
                .prop_map(|(x, y, w, h)| Rect(x, y, w, h)),
            (coordinate(), coordinate(), 0.0f64..1.0e6).prop_map(|(x, y, r)| Circle(x, y, r)),
            any::<[u8; 4]>().prop_map(|[r, g, b, a]| FillColor(Rgba::new(r, g, b, a).to_css())),
            "(red|RebeccaPurple|rgb\\(1 2 3 / 50%\\)|hsl\\(120, 50%, 50%\\))".prop_map(StrokeColor),
            (0.001f64..1.0e4).prop_map(LineWidth),
            Just(BeginPath),
            Just(Fill),
            Just(Stroke),
            ("\\PC{0,20}", coordinate(), coordinate()).prop_map(|(t, x, y)| Text(t, x, y)),
            Just(Clear),
        ]
    }

    proptest! {
        #[test]
        fn json_round_trips_exactly(commands in proptest::collection::vec(valid_command(), 0..40)) {
            let json = commands_to_json(&commands);
            prop_assert!(json.is_ok(), "{:?}", json);
            let back = commands_from_json(&json.unwrap_or_default());
            prop_assert_eq!(back, Ok(commands));
        }

        #[test]
        fn import_never_panics(text in "\\PC{0,60}") {
            let _ = commands_from_json(&text);
        }

        #[test]
        fn import_never_panics_on_near_misses(
            commands in proptest::collection::vec(valid_command(), 1..6),
            cut in any::<usize>(),
            byte in any::<u8>(),
        ) {
            let json = commands_to_json(&commands).unwrap_or_default();
            let mut bytes = json.into_bytes();
            if !bytes.is_empty() {
                let at = cut % bytes.len();
                bytes[at] = byte;
            }
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = commands_from_json(&text);
            }
        }
    }
}
