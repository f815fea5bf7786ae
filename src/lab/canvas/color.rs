//! CSS colour parsing: the subset of CSS Color 4 that a canvas `fillStyle` accepts and a
//! drawing tool needs.
//!
//! A canvas parses the string you assign to `fillStyle`/`strokeStyle` with the page's CSS
//! parser. If the string is not a colour, the assignment is *silently ignored* and the
//! previous style stays. The rasterizer mirrors that; [`parse_color`] is the strict form
//! that says why a string was refused, so a form can show the reason.
//!
//! Supported (all case-insensitive, surrounding whitespace ignored):
//!
//! | syntax | example | meaning |
//! |---|---|---|
//! | `#rgb` `#rgba` | `#f80`, `#f808` | each digit doubled: `f` → `ff` |
//! | `#rrggbb` `#rrggbbaa` | `#ff8800`, `#ff880080` | hex bytes, alpha last |
//! | `rgb()`/`rgba()` legacy | `rgb(255, 128, 0)`, `rgba(100%, 50%, 0%, 0.5)` | commas; all numbers or all percentages |
//! | `rgb()`/`rgba()` modern | `rgb(255 128 0 / 50%)` | spaces, optional `/ alpha`, `none` = 0 |
//! | `hsl()`/`hsla()` | `hsl(30deg 100% 50%)`, `hsla(30, 100%, 50%, .5)` | hue in deg (default), rad, grad, turn |
//! | named | `rebeccapurple`, `transparent` | the 148 CSS named colours + `transparent` |
//!
//! Channels are clamped to 0..=255 and rounded to the nearest integer (halves up), alpha
//! is clamped to 0..=1 and stored as `round(alpha × 255)`, the precision of the 8-bit
//! canvas backing store that `getImageData` reads. HSL uses the CSS formula
//! `f(n) = L − S·min(L, 1−L)·max(−1, min(k−3, 9−k, 1))`, `k = (n + H/30) mod 12`,
//! `(r, g, b) = (f(0), f(8), f(4))`.
//!
//! Not supported (browsers accept them, we refuse them with a message): `currentcolor`
//! (it depends on the page's CSS), system colours (`Canvas`, `ButtonText`, …), `hwb()`,
//! `lab()`, `lch()`, `oklab()`, `oklch()`, `color()`, `color-mix()`, relative colours and
//! CSS comments. The production crate for full CSS colour parsing is `cssparser` (used by
//! Servo and Firefox) with `cssparser-color`; `csscolorparser` is a lighter one.

use std::fmt;

/// A colour in straight (not premultiplied) alpha, 8 bits per channel: the layout of one
/// `ImageData` pixel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    /// Red, 0..=255.
    pub r: u8,
    /// Green, 0..=255.
    pub g: u8,
    /// Blue, 0..=255.
    pub b: u8,
    /// Alpha, 0 (transparent) ..= 255 (opaque).
    pub a: u8,
}

impl Rgba {
    /// Opaque black, the initial `fillStyle` and `strokeStyle` of a canvas.
    pub const BLACK: Rgba = Rgba::new(0, 0, 0, 255);
    /// Transparent black, what `clearRect` leaves and what a new canvas holds.
    pub const TRANSPARENT: Rgba = Rgba::new(0, 0, 0, 0);

    /// A colour from its four channels.
    pub const fn new(r: u8, g: u8, b: u8, a: u8) -> Rgba {
        Rgba { r, g, b, a }
    }

    /// The colour as CSS text that [`parse_color`] reads back to the same value:
    /// `#rrggbb` when opaque, `#rrggbbaa` otherwise.
    pub fn to_css(&self) -> String {
        if self.a == 255 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!("#{:02x}{:02x}{:02x}{:02x}", self.r, self.g, self.b, self.a)
        }
    }
}

/// Why a string is not a colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColorError {
    /// The text that was refused (shortened to 40 characters for display).
    pub input: String,
    /// What is wrong with it, in words.
    pub reason: String,
}

impl ColorError {
    fn new(input: &str, reason: impl Into<String>) -> ColorError {
        let shown: String = if input.chars().count() > 40 {
            let mut s: String = input.chars().take(40).collect();
            s.push('…');
            s
        } else {
            input.to_string()
        };
        ColorError {
            input: shown,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ColorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a colour: {}", self.input, self.reason)
    }
}

impl std::error::Error for ColorError {}

/// Parses a CSS colour as a canvas `fillStyle` setter does (see the module doc for the
/// supported syntax).
///
/// ```
/// use wasm_playground::lab::canvas::{parse_color, Rgba};
/// assert_eq!(parse_color("#f80"), Ok(Rgba::new(255, 136, 0, 255)));
/// assert_eq!(parse_color("rgb(0 0 255 / 50%)"), Ok(Rgba::new(0, 0, 255, 128)));
/// assert_eq!(parse_color("RebeccaPurple"), Ok(Rgba::new(102, 51, 153, 255)));
/// assert_eq!(
///     parse_color("#12").unwrap_err().to_string(),
///     "'#12' is not a colour: hex colours have 3, 4, 6 or 8 digits"
/// );
/// ```
pub fn parse_color(input: &str) -> Result<Rgba, ColorError> {
    let text = input.trim_matches(is_css_space);
    if text.is_empty() {
        return Err(ColorError::new(input, "it is empty"));
    }
    if let Some(hex) = text.strip_prefix('#') {
        return parse_hex(input, hex);
    }
    if let Some(open) = text.find('(') {
        let name = text.get(..open).unwrap_or("").to_ascii_lowercase();
        let Some(inner) = text.get(open + 1..).and_then(|rest| rest.strip_suffix(')')) else {
            return Err(ColorError::new(
                input,
                "a colour function must end with ')'",
            ));
        };
        return match name.as_str() {
            "rgb" | "rgba" => parse_rgb(input, inner),
            "hsl" | "hsla" => parse_hsl(input, inner),
            "hwb" | "lab" | "lch" | "oklab" | "oklch" | "color" | "color-mix" => {
                Err(ColorError::new(
                    input,
                    format!("{name}() is valid CSS but not supported here"),
                ))
            }
            _ => Err(ColorError::new(
                input,
                format!("unknown colour function '{name}()'; use rgb(), rgba(), hsl() or hsla()"),
            )),
        };
    }
    let lower = text.to_ascii_lowercase();
    if lower == "transparent" {
        return Ok(Rgba::TRANSPARENT);
    }
    if lower == "currentcolor" {
        return Err(ColorError::new(
            input,
            "currentcolor depends on the page's CSS and is not supported here",
        ));
    }
    match NAMED_COLORS.binary_search_by(|(name, _)| name.cmp(&lower.as_str())) {
        Ok(i) => match NAMED_COLORS.get(i) {
            Some((_, [r, g, b])) => Ok(Rgba::new(*r, *g, *b, 255)),
            None => Err(ColorError::new(input, "unknown colour name")),
        },
        Err(_) => Err(ColorError::new(
            input,
            "unknown colour name (expected one of the 148 CSS names, #hex, rgb() or hsl())",
        )),
    }
}

/// CSS whitespace: space, tab, line feed, carriage return, form feed.
fn is_css_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

fn parse_hex(input: &str, hex: &str) -> Result<Rgba, ColorError> {
    let mut digits = [0u8; 8];
    let mut count = 0usize;
    for c in hex.chars() {
        let Some(d) = c.to_digit(16) else {
            return Err(ColorError::new(
                input,
                format!("'{c}' is not a hex digit (0-9, a-f)"),
            ));
        };
        if let Some(slot) = digits.get_mut(count) {
            // to_digit(16) is below 16, so the cast keeps the value.
            *slot = d as u8;
        }
        count += 1;
    }
    let [d0, d1, d2, d3, d4, d5, d6, d7] = digits;
    let pair = |hi: u8, lo: u8| hi * 16 + lo;
    match count {
        3 => Ok(Rgba::new(d0 * 17, d1 * 17, d2 * 17, 255)),
        4 => Ok(Rgba::new(d0 * 17, d1 * 17, d2 * 17, d3 * 17)),
        6 => Ok(Rgba::new(pair(d0, d1), pair(d2, d3), pair(d4, d5), 255)),
        8 => Ok(Rgba::new(
            pair(d0, d1),
            pair(d2, d3),
            pair(d4, d5),
            pair(d6, d7),
        )),
        _ => Err(ColorError::new(
            input,
            "hex colours have 3, 4, 6 or 8 digits",
        )),
    }
}

/// One component inside a colour function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    /// A plain number.
    Number(f64),
    /// A number with `%`.
    Percent(f64),
    /// A number with an angle unit, already converted to degrees.
    Degrees(f64),
    /// The `none` keyword (modern syntax only): a missing component, treated as 0.
    None,
    Comma,
    Slash,
}

fn tokenize(input: &str, inner: &str) -> Result<Vec<Token>, ColorError> {
    let bytes = inner.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c => i += 1,
            b',' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            b'/' => {
                tokens.push(Token::Slash);
                i += 1;
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let start = i;
                i = scan_number(bytes, i).ok_or_else(|| {
                    ColorError::new(
                        input,
                        format!("malformed number at '{}'", rest(inner, start)),
                    )
                })?;
                let value: f64 = inner
                    .get(start..i)
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| ColorError::new(input, "malformed number"))?;
                if !value.is_finite() {
                    return Err(ColorError::new(input, "a number is too large"));
                }
                let unit_start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'%')
                {
                    i += 1;
                }
                let unit = inner.get(unit_start..i).unwrap_or("").to_ascii_lowercase();
                let token = match unit.as_str() {
                    "" => Token::Number(value),
                    "%" => Token::Percent(value),
                    "deg" => Token::Degrees(value),
                    "rad" => Token::Degrees(value.to_degrees()),
                    "grad" => Token::Degrees(value * 0.9),
                    "turn" => Token::Degrees(value * 360.0),
                    other => {
                        return Err(ColorError::new(input, format!("unknown unit '{other}'")));
                    }
                };
                tokens.push(token);
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
                {
                    i += 1;
                }
                let word = inner.get(start..i).unwrap_or("");
                if word.eq_ignore_ascii_case("none") {
                    tokens.push(Token::None);
                } else {
                    return Err(ColorError::new(
                        input,
                        format!("unexpected '{word}' inside the colour function"),
                    ));
                }
            }
            _ => {
                return Err(ColorError::new(
                    input,
                    format!("unexpected '{}' inside the colour function", rest(inner, i)),
                ));
            }
        }
    }
    Ok(tokens)
}

/// The text from byte `at` for an error message: up to the next character boundary so a
/// multi-byte character is shown whole.
fn rest(s: &str, at: usize) -> String {
    let mut start = at.min(s.len());
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    s.get(start..).unwrap_or("").chars().take(8).collect()
}

/// Scans a CSS `<number>`: `[+-]? (digits ('.' digits)? | '.' digits) ([eE] [+-]? digits)?`.
/// Returns the end index, or None when no number starts at `i`.
fn scan_number(bytes: &[u8], mut i: usize) -> Option<usize> {
    if matches!(bytes.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut has_digits = i > int_start;
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        has_digits = true;
    }
    if !has_digits {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            i = j;
        }
    }
    Some(i)
}

/// The arguments of a colour function, split into three components and an alpha.
struct Arguments {
    components: [Token; 3],
    alpha: Option<Token>,
    legacy: bool,
}

/// Splits `a, b, c[, d]` (legacy) or `a b c [/ d]` (modern).
fn split_arguments(input: &str, tokens: &[Token]) -> Result<Arguments, ColorError> {
    let legacy = tokens.contains(&Token::Comma);
    let values: Vec<Token> = if legacy {
        if tokens.contains(&Token::Slash) {
            return Err(ColorError::new(
                input,
                "use either commas (rgb(1, 2, 3, 0.5)) or spaces and '/' (rgb(1 2 3 / 0.5)), not both",
            ));
        }
        // Commas must separate single values: v , v , v [, v]
        let mut values = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let is_comma = *t == Token::Comma;
            if (i % 2 == 1) != is_comma {
                return Err(ColorError::new(
                    input,
                    "with commas, write exactly one value between commas",
                ));
            }
            if *t == Token::None {
                return Err(ColorError::new(
                    input,
                    "'none' is only allowed in the space-separated syntax",
                ));
            }
            if !is_comma {
                values.push(*t);
            }
        }
        if tokens.len().is_multiple_of(2) {
            return Err(ColorError::new(input, "a comma is not followed by a value"));
        }
        values
    } else {
        let mut values = Vec::new();
        let mut slash_at = None;
        for t in tokens {
            if *t == Token::Slash {
                if slash_at.is_some() {
                    return Err(ColorError::new(input, "more than one '/'"));
                }
                if values.len() != 3 {
                    return Err(ColorError::new(
                        input,
                        "'/' must come after exactly three values",
                    ));
                }
                slash_at = Some(values.len());
            } else {
                values.push(*t);
            }
        }
        match slash_at {
            Some(_) if values.len() != 4 => {
                return Err(ColorError::new(
                    input,
                    "'/' must be followed by one alpha value",
                ));
            }
            None if values.len() != 3 => {
                return Err(ColorError::new(
                    input,
                    format!(
                        "expected three space-separated values (and an optional '/ alpha'), found {}",
                        values.len()
                    ),
                ));
            }
            _ => {}
        }
        values
    };
    match values.as_slice() {
        [a, b, c] => Ok(Arguments {
            components: [*a, *b, *c],
            alpha: None,
            legacy,
        }),
        [a, b, c, d] => Ok(Arguments {
            components: [*a, *b, *c],
            alpha: Some(*d),
            legacy,
        }),
        _ => Err(ColorError::new(
            input,
            format!("expected 3 or 4 values, found {}", values.len()),
        )),
    }
}

/// Alpha as a byte: a number 0..1 or a percentage, clamped, `round(a × 255)`.
fn alpha_byte(input: &str, alpha: Option<Token>) -> Result<u8, ColorError> {
    let unit = match alpha {
        None => 1.0,
        Some(Token::Number(v)) => v,
        Some(Token::Percent(p)) => p / 100.0,
        Some(Token::None) => 0.0,
        Some(_) => {
            return Err(ColorError::new(
                input,
                "alpha must be a number (0 to 1) or a percentage",
            ));
        }
    };
    Ok(unit_to_byte(unit))
}

/// `round(clamp(v, 0, 1) × 255)`.
fn unit_to_byte(v: f64) -> u8 {
    // The clamp keeps the product in 0..=255, so the cast is exact after rounding.
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn parse_rgb(input: &str, inner: &str) -> Result<Rgba, ColorError> {
    let tokens = tokenize(input, inner)?;
    let args = split_arguments(input, &tokens)?;
    let is_percent = |t: &Token| matches!(t, Token::Percent(_));
    if args.legacy {
        let percents = args.components.iter().filter(|t| is_percent(t)).count();
        if percents != 0 && percents != 3 {
            return Err(ColorError::new(
                input,
                "with commas, rgb() takes three numbers or three percentages, not a mix",
            ));
        }
    }
    let mut channels = [0u8; 3];
    for (slot, token) in channels.iter_mut().zip(args.components) {
        let value = match token {
            Token::Number(v) => v,
            Token::Percent(p) => p / 100.0 * 255.0,
            Token::None => 0.0,
            _ => {
                return Err(ColorError::new(
                    input,
                    "rgb() channels are numbers (0-255) or percentages",
                ));
            }
        };
        // Clamped to 0..=255 first, so the cast is exact.
        *slot = value.clamp(0.0, 255.0).round() as u8;
    }
    let [r, g, b] = channels;
    Ok(Rgba::new(r, g, b, alpha_byte(input, args.alpha)?))
}

fn parse_hsl(input: &str, inner: &str) -> Result<Rgba, ColorError> {
    let tokens = tokenize(input, inner)?;
    let args = split_arguments(input, &tokens)?;
    let [h, s, l] = args.components;
    let hue = match h {
        Token::Number(v) | Token::Degrees(v) => v,
        Token::None => 0.0,
        _ => {
            return Err(ColorError::new(
                input,
                "the hue is a number or an angle (deg, rad, grad, turn)",
            ));
        }
    };
    let fraction = |t: Token, what: &str| -> Result<f64, ColorError> {
        match t {
            Token::Percent(p) => Ok(p / 100.0),
            // The modern syntax allows plain numbers, meaning percent.
            Token::Number(v) if !args.legacy => Ok(v / 100.0),
            Token::None if !args.legacy => Ok(0.0),
            _ => Err(ColorError::new(
                input,
                format!("the {what} of hsl() must be a percentage"),
            )),
        }
    };
    let saturation = fraction(s, "saturation")?.clamp(0.0, 1.0);
    let lightness = fraction(l, "lightness")?.clamp(0.0, 1.0);
    let hue = hue.rem_euclid(360.0);
    let f = |n: f64| {
        let k = (n + hue / 30.0).rem_euclid(12.0);
        let a = saturation * lightness.min(1.0 - lightness);
        lightness - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)
    };
    Ok(Rgba::new(
        unit_to_byte(f(0.0)),
        unit_to_byte(f(8.0)),
        unit_to_byte(f(4.0)),
        alpha_byte(input, args.alpha)?,
    ))
}

/// The 148 CSS named colours (CSS Color 4 §6.1), sorted by name for binary search.
pub const NAMED_COLORS: [(&str, [u8; 3]); 148] = [
    ("aliceblue", [240, 248, 255]),
    ("antiquewhite", [250, 235, 215]),
    ("aqua", [0, 255, 255]),
    ("aquamarine", [127, 255, 212]),
    ("azure", [240, 255, 255]),
    ("beige", [245, 245, 220]),
    ("bisque", [255, 228, 196]),
    ("black", [0, 0, 0]),
    ("blanchedalmond", [255, 235, 205]),
    ("blue", [0, 0, 255]),
    ("blueviolet", [138, 43, 226]),
    ("brown", [165, 42, 42]),
    ("burlywood", [222, 184, 135]),
    ("cadetblue", [95, 158, 160]),
    ("chartreuse", [127, 255, 0]),
    ("chocolate", [210, 105, 30]),
    ("coral", [255, 127, 80]),
    ("cornflowerblue", [100, 149, 237]),
    ("cornsilk", [255, 248, 220]),
    ("crimson", [220, 20, 60]),
    ("cyan", [0, 255, 255]),
    ("darkblue", [0, 0, 139]),
    ("darkcyan", [0, 139, 139]),
    ("darkgoldenrod", [184, 134, 11]),
    ("darkgray", [169, 169, 169]),
    ("darkgreen", [0, 100, 0]),
    ("darkgrey", [169, 169, 169]),
    ("darkkhaki", [189, 183, 107]),
    ("darkmagenta", [139, 0, 139]),
    ("darkolivegreen", [85, 107, 47]),
    ("darkorange", [255, 140, 0]),
    ("darkorchid", [153, 50, 204]),
    ("darkred", [139, 0, 0]),
    ("darksalmon", [233, 150, 122]),
    ("darkseagreen", [143, 188, 143]),
    ("darkslateblue", [72, 61, 139]),
    ("darkslategray", [47, 79, 79]),
    ("darkslategrey", [47, 79, 79]),
    ("darkturquoise", [0, 206, 209]),
    ("darkviolet", [148, 0, 211]),
    ("deeppink", [255, 20, 147]),
    ("deepskyblue", [0, 191, 255]),
    ("dimgray", [105, 105, 105]),
    ("dimgrey", [105, 105, 105]),
    ("dodgerblue", [30, 144, 255]),
    ("firebrick", [178, 34, 34]),
    ("floralwhite", [255, 250, 240]),
    ("forestgreen", [34, 139, 34]),
    ("fuchsia", [255, 0, 255]),
    ("gainsboro", [220, 220, 220]),
    ("ghostwhite", [248, 248, 255]),
    ("gold", [255, 215, 0]),
    ("goldenrod", [218, 165, 32]),
    ("gray", [128, 128, 128]),
    ("green", [0, 128, 0]),
    ("greenyellow", [173, 255, 47]),
    ("grey", [128, 128, 128]),
    ("honeydew", [240, 255, 240]),
    ("hotpink", [255, 105, 180]),
    ("indianred", [205, 92, 92]),
    ("indigo", [75, 0, 130]),
    ("ivory", [255, 255, 240]),
    ("khaki", [240, 230, 140]),
    ("lavender", [230, 230, 250]),
    ("lavenderblush", [255, 240, 245]),
    ("lawngreen", [124, 252, 0]),
    ("lemonchiffon", [255, 250, 205]),
    ("lightblue", [173, 216, 230]),
    ("lightcoral", [240, 128, 128]),
    ("lightcyan", [224, 255, 255]),
    ("lightgoldenrodyellow", [250, 250, 210]),
    ("lightgray", [211, 211, 211]),
    ("lightgreen", [144, 238, 144]),
    ("lightgrey", [211, 211, 211]),
    ("lightpink", [255, 182, 193]),
    ("lightsalmon", [255, 160, 122]),
    ("lightseagreen", [32, 178, 170]),
    ("lightskyblue", [135, 206, 250]),
    ("lightslategray", [119, 136, 153]),
    ("lightslategrey", [119, 136, 153]),
    ("lightsteelblue", [176, 196, 222]),
    ("lightyellow", [255, 255, 224]),
    ("lime", [0, 255, 0]),
    ("limegreen", [50, 205, 50]),
    ("linen", [250, 240, 230]),
    ("magenta", [255, 0, 255]),
    ("maroon", [128, 0, 0]),
    ("mediumaquamarine", [102, 205, 170]),
    ("mediumblue", [0, 0, 205]),
    ("mediumorchid", [186, 85, 211]),
    ("mediumpurple", [147, 112, 219]),
    ("mediumseagreen", [60, 179, 113]),
    ("mediumslateblue", [123, 104, 238]),
    ("mediumspringgreen", [0, 250, 154]),
    ("mediumturquoise", [72, 209, 204]),
    ("mediumvioletred", [199, 21, 133]),
    ("midnightblue", [25, 25, 112]),
    ("mintcream", [245, 255, 250]),
    ("mistyrose", [255, 228, 225]),
    ("moccasin", [255, 228, 181]),
    ("navajowhite", [255, 222, 173]),
    ("navy", [0, 0, 128]),
    ("oldlace", [253, 245, 230]),
    ("olive", [128, 128, 0]),
    ("olivedrab", [107, 142, 35]),
    ("orange", [255, 165, 0]),
    ("orangered", [255, 69, 0]),
    ("orchid", [218, 112, 214]),
    ("palegoldenrod", [238, 232, 170]),
    ("palegreen", [152, 251, 152]),
    ("paleturquoise", [175, 238, 238]),
    ("palevioletred", [219, 112, 147]),
    ("papayawhip", [255, 239, 213]),
    ("peachpuff", [255, 218, 185]),
    ("peru", [205, 133, 63]),
    ("pink", [255, 192, 203]),
    ("plum", [221, 160, 221]),
    ("powderblue", [176, 224, 230]),
    ("purple", [128, 0, 128]),
    ("rebeccapurple", [102, 51, 153]),
    ("red", [255, 0, 0]),
    ("rosybrown", [188, 143, 143]),
    ("royalblue", [65, 105, 225]),
    ("saddlebrown", [139, 69, 19]),
    ("salmon", [250, 128, 114]),
    ("sandybrown", [244, 164, 96]),
    ("seagreen", [46, 139, 87]),
    ("seashell", [255, 245, 238]),
    ("sienna", [160, 82, 45]),
    ("silver", [192, 192, 192]),
    ("skyblue", [135, 206, 235]),
    ("slateblue", [106, 90, 205]),
    ("slategray", [112, 128, 144]),
    ("slategrey", [112, 128, 144]),
    ("snow", [255, 250, 250]),
    ("springgreen", [0, 255, 127]),
    ("steelblue", [70, 130, 180]),
    ("tan", [210, 180, 140]),
    ("teal", [0, 128, 128]),
    ("thistle", [216, 191, 216]),
    ("tomato", [255, 99, 71]),
    ("turquoise", [64, 224, 208]),
    ("violet", [238, 130, 238]),
    ("wheat", [245, 222, 179]),
    ("white", [255, 255, 255]),
    ("whitesmoke", [245, 245, 245]),
    ("yellow", [255, 255, 0]),
    ("yellowgreen", [154, 205, 50]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(s: &str) -> Rgba {
        match parse_color(s) {
            Ok(c) => c,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn reason(s: &str) -> String {
        match parse_color(s) {
            Ok(c) => panic!("{s:?} should be refused, got {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn hex_forms() {
        assert_eq!(ok("#f80"), Rgba::new(255, 136, 0, 255));
        assert_eq!(ok("#F80"), Rgba::new(255, 136, 0, 255));
        assert_eq!(ok("#f808"), Rgba::new(255, 136, 0, 136));
        assert_eq!(ok("#12ab9F"), Rgba::new(0x12, 0xab, 0x9f, 255));
        assert_eq!(ok("#12ab9f80"), Rgba::new(0x12, 0xab, 0x9f, 0x80));
        assert_eq!(ok("  #000\n"), Rgba::BLACK);
        assert_eq!(
            reason("#12"),
            "'#12' is not a colour: hex colours have 3, 4, 6 or 8 digits"
        );
        assert_eq!(
            reason("#12345"),
            "'#12345' is not a colour: hex colours have 3, 4, 6 or 8 digits"
        );
        assert_eq!(
            reason("#"),
            "'#' is not a colour: hex colours have 3, 4, 6 or 8 digits"
        );
        assert!(reason("#123456789").contains("3, 4, 6 or 8"));
        assert!(reason("#12g").contains("'g' is not a hex digit"));
        assert!(reason("#ééé").contains("not a hex digit"));
    }

    #[test]
    fn rgb_legacy_and_modern() {
        assert_eq!(ok("rgb(255, 0, 0)"), Rgba::new(255, 0, 0, 255));
        assert_eq!(ok("RGB(255,0,0)"), Rgba::new(255, 0, 0, 255));
        assert_eq!(ok("rgba(0, 0, 255, 0.5)"), Rgba::new(0, 0, 255, 128));
        assert_eq!(ok("rgb(0, 0, 255, 0.5)"), Rgba::new(0, 0, 255, 128));
        assert_eq!(ok("rgba(0, 0, 255)"), Rgba::new(0, 0, 255, 255));
        assert_eq!(ok("rgb(100%, 50%, 0%)"), Rgba::new(255, 128, 0, 255));
        assert_eq!(ok("rgba(100%, 50%, 0%, 25%)"), Rgba::new(255, 128, 0, 64));
        assert_eq!(ok("rgb(0 128 255)"), Rgba::new(0, 128, 255, 255));
        assert_eq!(ok("rgb(0 128 255 / 50%)"), Rgba::new(0, 128, 255, 128));
        assert_eq!(ok("rgb(0 50% 255 / .25)"), Rgba::new(0, 128, 255, 64));
        assert_eq!(ok("rgb(none 10 20 / none)"), Rgba::new(0, 10, 20, 0));
        assert_eq!(ok("rgb( 1e2 , +20 , 3.6 )"), Rgba::new(100, 20, 4, 255));
        assert_eq!(ok("rgb(127.5, 0, 0)"), Rgba::new(128, 0, 0, 255));
        // Out-of-range values are clamped, not refused.
        assert_eq!(ok("rgb(300, -20, 0, 2)"), Rgba::new(255, 0, 0, 255));
        assert_eq!(ok("rgba(0,0,0,-1)"), Rgba::TRANSPARENT);
        assert!(reason("rgb(255, 50%, 0)").contains("not a mix"));
        assert!(reason("rgb(1, 2)").contains("3 or 4"));
        assert!(reason("rgb(1 2)").contains("three"));
        assert!(reason("rgb(1, 2, 3, 4, 5)").contains("3 or 4"));
        assert!(reason("rgb(1, 2 3)").contains("between commas"));
        assert!(reason("rgb(1, 2, 3,)").contains("comma"));
        assert!(reason("rgb(1 2 3 / )").contains("alpha"));
        assert!(reason("rgb(1 2 / 3)").contains("three"));
        assert!(reason("rgb(1, 2, 3 / 1)").contains("not both"));
        assert!(reason("rgb(1 2 3 / 1 / 2)").contains("more than one"));
        assert!(reason("rgb(1, none, 3)").contains("none"));
        assert!(reason("rgb(1 2 3").contains("end with ')'"));
        assert!(reason("rgb(1px 2 3)").contains("unit 'px'"));
        assert!(reason("rgb(1 2 3 / 10deg)").contains("alpha"));
        assert!(reason("rgb(1. 2 3)").contains("malformed number"));
        assert!(reason("rgb(red 2 3)").contains("'red'"));
        assert!(reason("rgb(1e999 2 3)").contains("too large"));
        assert!(reason("rgb(1 2 3 ; )").contains("';"));
    }

    #[test]
    fn hsl() {
        assert_eq!(ok("hsl(0, 100%, 50%)"), Rgba::new(255, 0, 0, 255));
        assert_eq!(ok("hsl(120, 100%, 25%)"), Rgba::new(0, 128, 0, 255));
        assert_eq!(ok("hsl(240deg 100% 50%)"), Rgba::new(0, 0, 255, 255));
        assert_eq!(
            ok("hsl(0.5turn 100% 50% / 0.5)"),
            Rgba::new(0, 255, 255, 128)
        );
        assert_eq!(ok("hsla(-120, 100%, 50%, 1)"), Rgba::new(0, 0, 255, 255));
        assert_eq!(ok("hsl(3.14159265rad 100 50)"), Rgba::new(0, 255, 255, 255));
        assert_eq!(ok("hsl(400grad 0% 100%)"), Rgba::new(255, 255, 255, 255));
        assert_eq!(ok("hsl(30 100% 50%)"), Rgba::new(255, 128, 0, 255));
        assert_eq!(ok("hsl(none 0% 50%)"), Rgba::new(128, 128, 128, 255));
        assert!(reason("hsl(0, 100, 50)").contains("percentage"));
        assert!(reason("hsl(10%, 100%, 50%)").contains("hue"));
    }

    #[test]
    fn names() {
        assert_eq!(NAMED_COLORS.len(), 148);
        assert!(
            NAMED_COLORS
                .windows(2)
                .all(|w| matches!(w, [a, b] if a.0 < b.0)),
            "sorted and unique, for binary search"
        );
        for (name, [r, g, b]) in NAMED_COLORS {
            assert_eq!(ok(name), Rgba::new(r, g, b, 255));
            assert_eq!(ok(&name.to_ascii_uppercase()), Rgba::new(r, g, b, 255));
        }
        assert_eq!(ok("RebeccaPurple"), Rgba::new(102, 51, 153, 255));
        assert_eq!(ok("grey"), ok("gray"));
        assert_eq!(ok("Transparent"), Rgba::TRANSPARENT);
        assert_eq!(
            reason("blurple"),
            "'blurple' is not a colour: unknown colour name (expected one of the 148 CSS names, #hex, rgb() or hsl())"
        );
        assert!(reason("currentColor").contains("page's CSS"));
        assert!(reason("oklch(0.5 0.1 30)").contains("not supported"));
        assert!(reason("foo(1, 2, 3)").contains("unknown colour function"));
        assert!(reason("").contains("empty"));
        assert!(reason("   ").contains("empty"));
        assert!(reason("red blue").contains("unknown colour name"));
    }

    #[test]
    fn long_input_is_shortened_in_the_message() {
        let long = "x".repeat(1000);
        let message = reason(&long);
        assert!(message.len() < 200, "{message}");
        assert!(message.contains('…'));
    }

    #[test]
    fn to_css() {
        assert_eq!(Rgba::new(255, 136, 0, 255).to_css(), "#ff8800");
        assert_eq!(Rgba::new(1, 2, 3, 4).to_css(), "#01020304");
    }

    proptest! {
        #[test]
        fn to_css_round_trips(r: u8, g: u8, b: u8, a: u8) {
            let c = Rgba::new(r, g, b, a);
            prop_assert_eq!(parse_color(&c.to_css()), Ok(c));
        }

        #[test]
        fn legacy_and_modern_rgb_agree(r: u8, g: u8, b: u8, a in 0.0f64..=1.0) {
            let legacy = parse_color(&format!("rgba({r}, {g}, {b}, {a})"));
            let modern = parse_color(&format!("rgb({r} {g} {b} / {a})"));
            prop_assert_eq!(&legacy, &modern);
            prop_assert_eq!(legacy, Ok(Rgba::new(r, g, b, (a * 255.0).round() as u8)));
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_color(&s);
        }

        #[test]
        fn never_panics_on_function_shapes(
            name in "(rgb|rgba|hsl|hsla)",
            body in "[0-9a-z.,/%+ e\\-]{0,30}",
        ) {
            let _ = parse_color(&format!("{name}({body})"));
        }

        #[test]
        fn hsl_greys_are_exact(v in 0u32..=100) {
            let c = parse_color(&format!("hsl(0, 0%, {v}%)"));
            let byte = (f64::from(v) / 100.0 * 255.0).round() as u8;
            prop_assert_eq!(c, Ok(Rgba::new(byte, byte, byte, 255)));
        }
    }
}
