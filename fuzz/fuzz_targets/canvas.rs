//! The Canvas tab's drawing import: `commands_from_json` on any text (an opened file or
//! localStorage), then `rasterize` of whatever it accepts.
//!
//! Input: the JSON text, then (after a `0xFF` byte) the canvas width and height, each
//! 0 to 255 pixels (64 × 64 without them), and an optional third byte that multiplies
//! both by 1 to 4. The canvas is small unless an input asks for more, so that a run
//! costs little; the drawing is anything the import accepts, and a page-sized canvas is
//! three bytes away, so a drawing whose cost grows faster than its size shows up as a
//! slow input.
//!
//! Laws:
//! - the import accepts only what `validate_commands` accepts, and
//!   `commands_to_json` → `commands_from_json` gives back the same commands, numbers
//!   bit for bit;
//! - every colour it accepts reads back from its `to_css` text to the same colour;
//! - `rasterize` draws every accepted drawing: `4·w·h` bytes, fully transparent pixels
//!   are transparent black (straight alpha as `getImageData` gives it), a `Clear` at the
//!   end leaves every pixel transparent and one at the start changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::canvas::{
    DrawCommand, commands_from_json, commands_to_json, parse_color, rasterize, validate_commands,
};
use wasm_playground_fuzz::{expand, split_extras};

/// A drawing of a few thousand path commands; the 400-segment zigzag is 20 KB.
const MAX_TEXT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    let (text, extras) = split_extras(data);
    let text = expand(text, MAX_TEXT);
    let (width, height) = match extras {
        [w, h, scale, ..] => {
            let scale = 1 + u32::from(*scale % 4);
            (u32::from(*w) * scale, u32::from(*h) * scale)
        }
        [w, h] => (u32::from(*w), u32::from(*h)),
        _ => (64, 64),
    };
    let commands = match commands_from_json(&text) {
        Ok(commands) => commands,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    assert!(validate_commands(&commands).is_ok());
    let json = commands_to_json(&commands)
        .unwrap_or_else(|e| panic!("an imported drawing does not export: {e}"));
    let again = commands_from_json(&json)
        .unwrap_or_else(|e| panic!("an exported drawing does not import: {e}\n{json}"));
    assert!(
        same_bits(&again, &commands),
        "export/import changed the drawing: {json}"
    );
    for command in &commands {
        if let DrawCommand::FillColor(css) | DrawCommand::StrokeColor(css) = command {
            let colour = parse_color(css).unwrap_or_else(|e| panic!("accepted, then: {e}"));
            assert_eq!(parse_color(&colour.to_css()), Ok(colour), "{css:?}");
        }
    }

    let pixels = rasterize(&commands, width, height)
        .unwrap_or_else(|e| panic!("an imported drawing does not rasterize: {e}"));
    assert_eq!(pixels.len(), 4 * width as usize * height as usize);
    for pixel in pixels.chunks_exact(4) {
        assert!(
            pixel[3] != 0 || pixel == [0, 0, 0, 0],
            "transparent pixel {pixel:?}"
        );
    }
    let mut cleared_first = vec![DrawCommand::Clear];
    cleared_first.extend(commands.iter().cloned());
    let same = rasterize(&cleared_first, width, height).unwrap_or_default();
    assert!(same == pixels, "a Clear before the drawing changed it");
    let mut cleared_last = commands;
    cleared_last.push(DrawCommand::Clear);
    let cleared = rasterize(&cleared_last, width, height).unwrap_or_default();
    assert!(cleared.iter().all(|&b| b == 0), "a final Clear left pixels");
});

/// Equal commands with every number equal bit for bit (`==` would let -0 pass for 0).
fn same_bits(a: &[DrawCommand], b: &[DrawCommand]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x == y
                && x.numbers()
                    .iter()
                    .zip(y.numbers())
                    .all(|((_, p), (_, q))| p.to_bits() == q.to_bits())
        })
}
