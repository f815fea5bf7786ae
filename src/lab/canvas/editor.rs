//! The drawing tool's rules, apart from the page: which commands a gesture records, how a
//! command is written in the list, which keys undo and redo, and how a saved drawing is
//! read back.
//!
//! A gesture is a tool, a style and the points the pointer passed through (in drawing
//! units, 0..[`DRAWING_WIDTH`] × 0..[`DRAWING_HEIGHT`]). [`build_stroke`] turns it into one
//! self-contained [`Stroke`]: it sets its own colours and line width and begins its own
//! path, so undoing an earlier stroke never changes how a later one looks. A shape typed
//! into the tab's form goes through the same function ([`shape_stroke`]), so the mouse and
//! the keyboard record exactly the same commands.

use std::fmt;

use super::{Canvas, CanvasError, DrawCommand, Stroke, validate_commands};

/// The drawing's size in CSS pixels: its coordinate system.
pub const DRAWING_WIDTH: u32 = 640;
/// See [`DRAWING_WIDTH`].
pub const DRAWING_HEIGHT: u32 = 400;

/// What a gesture draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// A freehand line through every point.
    Pen,
    /// A straight line from the first point to the last.
    Line,
    /// A rectangle with the first and last points as opposite corners.
    Rect,
    /// A circle centred on the first point, through the last.
    Circle,
    /// Text whose baseline starts at the point.
    Text,
}

impl Tool {
    /// Every tool, in the order the toolbar shows them.
    pub const ALL: [Tool; 5] = [Tool::Pen, Tool::Line, Tool::Rect, Tool::Circle, Tool::Text];

    /// A stable name for ids and form values (`"rect"`).
    pub fn id(self) -> &'static str {
        match self {
            Tool::Pen => "pen",
            Tool::Line => "line",
            Tool::Rect => "rect",
            Tool::Circle => "circle",
            Tool::Text => "text",
        }
    }

    /// The tool named `id` (see [`Tool::id`]).
    pub fn from_id(id: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The name a person reads (`"Rectangle"`).
    pub fn label(self) -> &'static str {
        match self {
            Tool::Pen => "Pen",
            Tool::Line => "Line",
            Tool::Rect => "Rectangle",
            Tool::Circle => "Circle",
            Tool::Text => "Text",
        }
    }
}

/// How rectangles and circles are painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeMode {
    /// Filled in the fill colour, then outlined in the stroke colour.
    FillAndOutline,
    /// Filled only.
    Fill,
    /// Outlined only.
    Outline,
}

impl ShapeMode {
    /// Every mode, in menu order.
    pub const ALL: [ShapeMode; 3] = [
        ShapeMode::FillAndOutline,
        ShapeMode::Fill,
        ShapeMode::Outline,
    ];

    /// A stable name for form values (`"both"`).
    pub fn id(self) -> &'static str {
        match self {
            ShapeMode::FillAndOutline => "both",
            ShapeMode::Fill => "fill",
            ShapeMode::Outline => "outline",
        }
    }

    /// The mode named `id`; anything unknown is [`ShapeMode::FillAndOutline`].
    pub fn from_id(id: &str) -> ShapeMode {
        ShapeMode::ALL
            .into_iter()
            .find(|m| m.id() == id)
            .unwrap_or(ShapeMode::FillAndOutline)
    }

    /// The name a person reads (`"fill + outline"`).
    pub fn label(self) -> &'static str {
        match self {
            ShapeMode::FillAndOutline => "fill + outline",
            ShapeMode::Fill => "fill",
            ShapeMode::Outline => "outline",
        }
    }
}

/// The tool and the settings the next gesture uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// What the next gesture draws.
    pub tool: Tool,
    /// CSS colour of fills and text.
    pub fill: String,
    /// CSS colour of lines and outlines.
    pub stroke: String,
    /// Line width in drawing units.
    pub width: f64,
    /// How rectangles and circles are painted.
    pub shape: ShapeMode,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            tool: Tool::Pen,
            fill: "#ffcc00".into(),
            stroke: "#1d4ed8".into(),
            width: 4.0,
            shape: ShapeMode::FillAndOutline,
        }
    }
}

/// The smallest and largest line width the toolbar accepts.
pub const LINE_WIDTHS: std::ops::RangeInclusive<f64> = 0.5..=100.0;

/// `v` rounded to a tenth: pointer positions are snapped to this, so the command list
/// and the saved JSON stay short (a tenth of a CSS pixel is below what a pointer
/// resolves).
pub fn snap(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn invalid(reason: impl fmt::Display) -> CanvasError {
    CanvasError::InvalidArgument {
        reason: reason.to_string(),
    }
}

// region: build_stroke
/// The commands one gesture records: empty when it draws nothing (a click with the pen,
/// a line or shape of zero size, the text tool, which places text with
/// [`text_stroke`]). An error only for a colour [`super::parse_color`] refuses or a line
/// width that is not a finite number above 0.
///
/// Rectangles take the first and last points as opposite corners (so dragging in any
/// direction works); circles are centred on the first point and pass through the last,
/// with the radius snapped to a tenth.
pub fn build_stroke(style: &Style, points: &[(f64, f64)]) -> Result<Stroke, CanvasError> {
    let mut c = Canvas::new(DRAWING_WIDTH, DRAWING_HEIGHT);
    let (Some(&(x0, y0)), Some(&(x1, y1))) = (points.first(), points.last()) else {
        return Ok(Vec::new());
    };
    let outline = |c: &mut Canvas| -> Result<(), CanvasError> {
        c.set_stroke_color(&style.stroke).map_err(invalid)?;
        c.set_line_width(style.width)
    };
    match style.tool {
        Tool::Pen => {
            if points.len() < 2 {
                return Ok(Vec::new());
            }
            outline(&mut c)?;
            c.polyline(points);
        }
        Tool::Line => {
            if (x0, y0) == (x1, y1) {
                return Ok(Vec::new());
            }
            outline(&mut c)?;
            c.line(x0, y0, x1, y1);
        }
        Tool::Rect | Tool::Circle => {
            if (x0, y0) == (x1, y1) {
                return Ok(Vec::new());
            }
            let fill = style.shape != ShapeMode::Outline;
            let stroke = style.shape != ShapeMode::Fill;
            if fill {
                c.set_fill_color(&style.fill).map_err(invalid)?;
            }
            if stroke {
                outline(&mut c)?;
            }
            if style.tool == Tool::Rect {
                let (x, y, w, h) = (x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
                if fill {
                    c.rect(x, y, w, h);
                }
                if stroke {
                    c.stroke_rect(x, y, w, h);
                }
            } else {
                let r = snap((x1 - x0).hypot(y1 - y0));
                if fill {
                    c.circle(x0, y0, r);
                }
                if stroke {
                    c.stroke_circle(x0, y0, r);
                }
            }
        }
        Tool::Text => {}
    }
    Ok(c.into_commands())
}
// endregion

/// The commands of a text placed with the text tool: its fill colour, then the text with
/// its baseline starting at (x, y).
pub fn text_stroke(fill: &str, text: &str, x: f64, y: f64) -> Result<Stroke, CanvasError> {
    let mut c = Canvas::new(DRAWING_WIDTH, DRAWING_HEIGHT);
    c.set_fill_color(fill).map_err(invalid)?;
    c.text(text, x, y);
    Ok(c.into_commands())
}

/// A shape typed in by its numbers rather than drawn with a pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Top-left corner, width and height.
    Rect {
        /// Left edge, in CSS pixels of the drawing.
        x: f64,
        /// Top edge, in CSS pixels of the drawing.
        y: f64,
        /// Width in CSS pixels.
        width: f64,
        /// Height in CSS pixels.
        height: f64,
    },
    /// Centre and radius.
    Circle {
        /// Horizontal position of the centre, in CSS pixels of the drawing.
        cx: f64,
        /// Vertical position of the centre, in CSS pixels of the drawing.
        cy: f64,
        /// Radius in CSS pixels.
        radius: f64,
    },
    /// From one point to another.
    Line {
        /// Horizontal position of the start point, in CSS pixels of the drawing.
        x0: f64,
        /// Vertical position of the start point, in CSS pixels of the drawing.
        y0: f64,
        /// Horizontal position of the end point, in CSS pixels of the drawing.
        x1: f64,
        /// Vertical position of the end point, in CSS pixels of the drawing.
        y1: f64,
    },
}

/// The commands for `shape` in `style`'s colours, width and shape mode: the same commands
/// [`build_stroke`] records for a pointer gesture that draws it (the tool is taken from
/// the shape, not from `style`).
pub fn shape_stroke(style: &Style, shape: Shape) -> Result<Stroke, CanvasError> {
    let (tool, points) = match shape {
        Shape::Rect {
            x,
            y,
            width,
            height,
        } => (Tool::Rect, [(x, y), (x + width, y + height)]),
        Shape::Circle { cx, cy, radius } => (Tool::Circle, [(cx, cy), (cx + radius, cy)]),
        Shape::Line { x0, y0, x1, y1 } => (Tool::Line, [(x0, y0), (x1, y1)]),
    };
    let style = Style {
        tool,
        ..style.clone()
    };
    build_stroke(&style, &points)
}

/// Reads one number of the shape form: a finite decimal between `min` and `max`.
/// The error says which field and what is allowed, for the message next to it.
pub fn parse_field(text: &str, name: &str, min: f64, max: f64) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(format!(
            "{name} is empty: type a number from {min} to {max}."
        ));
    }
    match trimmed.parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(v),
        Ok(_) => Err(format!("{name} must be from {min} to {max}.")),
        Err(_) => Err(format!(
            "{name} is not a number: type a number from {min} to {max}."
        )),
    }
}

/// A number as the command list shows it: at most two decimals, no trailing zeros, no
/// minus sign on zero (`127.19999999999999` → `"127.2"`, `40.0` → `"40"`). The drawing
/// keeps the exact value; only the display rounds.
pub fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A command for the list: `LineTo(12.5, 40)`, `FillColor("#ff0000")`, `Fill`. Numbers
/// go through [`number_text`].
pub fn describe(command: &DrawCommand) -> String {
    let numbers: Vec<String> = command
        .numbers()
        .iter()
        .map(|&(_, v)| number_text(v))
        .collect();
    match command {
        DrawCommand::FillColor(s) | DrawCommand::StrokeColor(s) => {
            format!("{}({s:?})", command.name())
        }
        DrawCommand::Text(s, ..) => format!("Text({s:?}, {})", numbers.join(", ")),
        _ if numbers.is_empty() => command.name().to_string(),
        _ => format!("{}({})", command.name(), numbers.join(", ")),
    }
}

/// What a keyboard shortcut does to the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryKey {
    /// Ctrl/Cmd+Z.
    Undo,
    /// Shift+Ctrl/Cmd+Z or Ctrl/Cmd+Y.
    Redo,
}

/// The history step a key press asks for, from `KeyboardEvent.key` and its modifiers:
/// Ctrl or Cmd with Z undoes, with Shift+Z or Y redoes; Alt, or no Ctrl/Cmd, means it is
/// not a shortcut.
pub fn history_shortcut(
    key: &str,
    ctrl_or_meta: bool,
    alt: bool,
    shift: bool,
) -> Option<HistoryKey> {
    if !ctrl_or_meta || alt {
        return None;
    }
    match key.to_lowercase().as_str() {
        "z" if shift => Some(HistoryKey::Redo),
        "z" => Some(HistoryKey::Undo),
        "y" => Some(HistoryKey::Redo),
        _ => None,
    }
}

/// Why a saved drawing was not restored.
#[derive(Clone, Debug, PartialEq)]
pub enum SavedDrawingError {
    /// The text is not the JSON of a list of strokes.
    Unreadable(String),
    /// It is, but a command breaks [`validate_commands`].
    Refused(CanvasError),
}

impl fmt::Display for SavedDrawingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SavedDrawingError::Unreadable(why) => write!(
                f,
                "The saved drawing could not be read ({why}); starting with an empty one."
            ),
            SavedDrawingError::Refused(why) => write!(
                f,
                "The saved drawing was refused ({why}); starting with an empty one."
            ),
        }
    }
}

impl std::error::Error for SavedDrawingError {}

/// The strokes of a drawing saved with [`saved_text`], checked as an import is.
pub fn read_saved(text: &str) -> Result<Vec<Stroke>, SavedDrawingError> {
    let strokes: Vec<Stroke> =
        serde_json::from_str(text).map_err(|e| SavedDrawingError::Unreadable(e.to_string()))?;
    let all: Vec<DrawCommand> = strokes.iter().flatten().cloned().collect();
    validate_commands(&all).map_err(SavedDrawingError::Refused)?;
    Ok(strokes)
}

/// The strokes as the text kept in storage (JSON: a list of strokes, each a list of
/// commands), read back by [`read_saved`].
pub fn saved_text(strokes: &[Stroke]) -> Result<String, String> {
    serde_json::to_string(strokes).map_err(|e| e.to_string())
}

/// A small drawing to start from (a house under a sun): five strokes, every one a
/// gesture the tools could have made, so undo takes it apart one shape at a time.
pub fn sample_drawing() -> Vec<Stroke> {
    let style = |fill: &str, stroke: &str, width: f64, shape: ShapeMode| Style {
        tool: Tool::Rect,
        fill: fill.into(),
        stroke: stroke.into(),
        width,
        shape,
    };
    let shapes = [
        (
            style("#ffcc00", "#d97706", 4.0, ShapeMode::FillAndOutline),
            Shape::Circle {
                cx: 520.0,
                cy: 90.0,
                radius: 50.0,
            },
        ),
        (
            style("#93c5fd", "#1d4ed8", 4.0, ShapeMode::FillAndOutline),
            Shape::Rect {
                x: 150.0,
                y: 190.0,
                width: 200.0,
                height: 150.0,
            },
        ),
        (
            style("#ffffff", "#7f1d1d", 6.0, ShapeMode::Outline),
            Shape::Line {
                x0: 130.0,
                y0: 200.0,
                x1: 250.0,
                y1: 100.0,
            },
        ),
        (
            style("#ffffff", "#7f1d1d", 6.0, ShapeMode::Outline),
            Shape::Line {
                x0: 250.0,
                y0: 100.0,
                x1: 370.0,
                y1: 200.0,
            },
        ),
        (
            style("#7c2d12", "#7c2d12", 2.0, ShapeMode::Fill),
            Shape::Rect {
                x: 225.0,
                y: 260.0,
                width: 50.0,
                height: 80.0,
            },
        ),
    ];
    shapes
        .iter()
        .filter_map(|(style, shape)| shape_stroke(style, *shape).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::DrawCommand::*;
    use super::*;
    use proptest::prelude::*;

    fn style(tool: Tool) -> Style {
        Style {
            tool,
            ..Style::default()
        }
    }

    #[test]
    fn a_pen_gesture_is_one_self_contained_path() {
        let stroke = build_stroke(&style(Tool::Pen), &[(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]);
        assert_eq!(
            stroke.unwrap(),
            [
                StrokeColor("#1d4ed8".into()),
                LineWidth(4.0),
                BeginPath,
                MoveTo(1.0, 2.0),
                LineTo(3.0, 4.0),
                LineTo(5.0, 6.0),
                Stroke,
            ]
        );
        // A click draws nothing.
        assert_eq!(build_stroke(&style(Tool::Pen), &[(1.0, 2.0)]), Ok(vec![]));
        assert_eq!(build_stroke(&style(Tool::Pen), &[]), Ok(vec![]));
    }

    #[test]
    fn rectangles_take_opposite_corners_in_any_direction() {
        let s = Style {
            shape: ShapeMode::Fill,
            ..style(Tool::Rect)
        };
        let stroke = build_stroke(&s, &[(50.0, 40.0), (10.0, 60.0)]).unwrap();
        assert_eq!(
            stroke,
            [
                FillColor("#ffcc00".into()),
                BeginPath,
                Rect(10.0, 40.0, 40.0, 20.0),
                Fill
            ]
        );
    }

    #[test]
    fn circles_are_centred_on_the_first_point_with_a_snapped_radius() {
        let s = Style {
            shape: ShapeMode::Outline,
            ..style(Tool::Circle)
        };
        let stroke = build_stroke(&s, &[(0.0, 0.0), (1.0, 1.0)]).unwrap();
        assert!(stroke.contains(&Circle(0.0, 0.0, 1.4)), "{stroke:?}");
        assert!(stroke.ends_with(&[Stroke]));
        assert!(!stroke.iter().any(|c| matches!(c, FillColor(_))));
    }

    #[test]
    fn a_bad_colour_or_width_is_an_error_not_a_stroke() {
        let s = Style {
            stroke: "not a colour".into(),
            ..style(Tool::Line)
        };
        assert!(build_stroke(&s, &[(0.0, 0.0), (5.0, 5.0)]).is_err());
        let s = Style {
            width: 0.0,
            ..style(Tool::Line)
        };
        assert!(build_stroke(&s, &[(0.0, 0.0), (5.0, 5.0)]).is_err());
        assert!(text_stroke("nope", "hi", 1.0, 2.0).is_err());
        assert_eq!(
            text_stroke("red", "hi", 1.0, 2.0).unwrap(),
            [FillColor("red".into()), Text("hi".into(), 1.0, 2.0)]
        );
    }

    #[test]
    fn typed_shapes_record_what_the_pointer_would() {
        let s = Style::default();
        assert_eq!(
            shape_stroke(
                &s,
                Shape::Rect {
                    x: 10.0,
                    y: 20.0,
                    width: 30.0,
                    height: 40.0
                }
            ),
            build_stroke(&style(Tool::Rect), &[(10.0, 20.0), (40.0, 60.0)])
        );
        assert_eq!(
            shape_stroke(
                &s,
                Shape::Circle {
                    cx: 100.0,
                    cy: 100.0,
                    radius: 25.5
                }
            ),
            build_stroke(&style(Tool::Circle), &[(100.0, 100.0), (125.5, 100.0)])
        );
        let line = shape_stroke(
            &s,
            Shape::Line {
                x0: 1.0,
                y0: 2.0,
                x1: 3.0,
                y1: 4.0,
            },
        )
        .unwrap();
        assert!(line.contains(&LineTo(3.0, 4.0)));
    }

    #[test]
    fn numbers_in_the_list_have_no_float_noise() {
        assert_eq!(number_text(127.19999999999999), "127.2");
        assert_eq!(number_text(40.0), "40");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(number_text(1.236), "1.24");
        assert_eq!(number_text(-0.001), "0");
        assert_eq!(number_text(-3.25), "-3.25");
        assert_eq!(
            describe(&LineTo(127.19999999999999, 40.0)),
            "LineTo(127.2, 40)"
        );
        assert_eq!(
            describe(&FillColor("#ff0000".into())),
            "FillColor(\"#ff0000\")"
        );
        assert_eq!(
            describe(&Text("hi".into(), 1.0, 2.5)),
            "Text(\"hi\", 1, 2.5)"
        );
        assert_eq!(describe(&BeginPath), "BeginPath");
    }

    #[test]
    fn form_fields_say_what_is_wrong() {
        assert_eq!(parse_field(" 12.5 ", "x", 0.0, 640.0), Ok(12.5));
        assert!(
            parse_field("", "x", 0.0, 640.0)
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            parse_field("abc", "x", 0.0, 640.0)
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            parse_field("700", "x", 0.0, 640.0)
                .unwrap_err()
                .contains("from 0 to 640")
        );
        assert!(parse_field("NaN", "x", 0.0, 640.0).is_err());
        assert!(parse_field("inf", "x", 0.0, 640.0).is_err());
    }

    #[test]
    fn shortcuts() {
        assert_eq!(
            history_shortcut("z", true, false, false),
            Some(HistoryKey::Undo)
        );
        assert_eq!(
            history_shortcut("Z", true, false, true),
            Some(HistoryKey::Redo)
        );
        assert_eq!(
            history_shortcut("y", true, false, false),
            Some(HistoryKey::Redo)
        );
        assert_eq!(history_shortcut("z", false, false, false), None);
        assert_eq!(history_shortcut("z", true, true, false), None);
        assert_eq!(history_shortcut("x", true, false, false), None);
    }

    #[test]
    fn saved_drawings_round_trip_and_bad_ones_say_why() {
        let strokes = sample_drawing();
        assert_eq!(strokes.len(), 5);
        let text = saved_text(&strokes).unwrap();
        assert_eq!(read_saved(&text).unwrap(), strokes);
        let unreadable = read_saved("{not json").unwrap_err();
        assert!(
            unreadable.to_string().contains("could not be read"),
            "{unreadable}"
        );
        let refused = read_saved(r#"[[{"LineWidth":-1.0}]]"#).unwrap_err();
        assert!(refused.to_string().contains("was refused"), "{refused}");
    }

    #[test]
    fn ids_round_trip() {
        for tool in Tool::ALL {
            assert_eq!(Tool::from_id(tool.id()), Some(tool));
        }
        for mode in ShapeMode::ALL {
            assert_eq!(ShapeMode::from_id(mode.id()), mode);
        }
        assert_eq!(Tool::from_id("brush"), None);
    }

    fn any_tool() -> impl Strategy<Value = Tool> {
        prop::sample::select(Tool::ALL.to_vec())
    }

    fn any_mode() -> impl Strategy<Value = ShapeMode> {
        prop::sample::select(ShapeMode::ALL.to_vec())
    }

    proptest! {
        /// Whatever the gesture, a stroke is either empty or a drawing that passes the
        /// import rules and begins its own path (self-contained, so undo is safe).
        #[test]
        fn every_stroke_is_valid_and_self_contained(
            tool in any_tool(),
            shape in any_mode(),
            width in 0.5f64..=100.0,
            points in prop::collection::vec((-100.0f64..800.0, -100.0f64..600.0), 0..20),
        ) {
            let style = Style { tool, shape, width, ..Style::default() };
            let stroke = build_stroke(&style, &points).unwrap();
            if !stroke.is_empty() {
                prop_assert!(validate_commands(&stroke).is_ok());
                prop_assert!(stroke.contains(&BeginPath));
                prop_assert!(matches!(stroke.last(), Some(Fill | Stroke)));
            }
        }

        /// The displayed number is within 0.005 of the exact one.
        #[test]
        fn displayed_numbers_are_close(v in -1.0e6f64..1.0e6) {
            let shown: f64 = number_text(v).parse().unwrap();
            prop_assert!((shown - v).abs() <= 0.005 + 1e-9);
        }
    }
}
