//! Characters a reader cannot see, and text with them made visible.
//!
//! The Strings tab shows what a person typed or pasted, and some characters would
//! hide in it: a NUL, a zero-width space, a right-to-left override that reorders
//! everything after it. [`is_hidden_char`] decides which characters the tab shows as a
//! `U+XXXX` box instead of drawing them, and [`TextStats`](super::TextStats) counts
//! the same set, so the page never boxes a character its counts do not mention (or
//! the reverse).
//!
//! # Which characters, and why
//!
//! A character is hidden when a browser draws nothing (or only blank space) for it
//! while it is still part of the string and changes what the string means:
//!
//! 1. **Controls** (general category Cc: C0, DEL, C1): no glyph at all.
//! 2. **Whitespace other than the plain space** (the Unicode `White_Space`
//!    property: tab, line breaks, no-break spaces, the em/en/thin spaces, the
//!    ideographic space, …): they look like ' ' (or like nothing) and are not equal
//!    to it.
//! 3. **Default-ignorable code points** (the Unicode `Default_Ignorable_Code_Point`
//!    property, which says exactly "render as nothing when unsupported"): zero-width
//!    space and joiners, soft hyphen, word joiner, byte order mark, variation
//!    selectors, tag characters, the Hangul fillers. Every **bidi control** (LRM,
//!    RLM, ALM, embeddings, overrides, isolates: the "Trojan Source" characters) is
//!    in this set too.
//! 4. **A blank lookalike** outside both properties: U+2800 BRAILLE PATTERN BLANK,
//!    drawn as an empty cell and a favourite for "invisible" names.
//!
//! Left out on purpose: combining marks (they draw on their base letter, and the page
//! explains them separately), private-use and unassigned characters (fonts draw a
//! box or a placeholder for them already), and the plain space.

/// Whether `c` has the Unicode `Default_Ignorable_Code_Point` property (Unicode 16,
/// `DerivedCoreProperties.txt`): characters a renderer shows as nothing.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                      // soft hyphen
        | '\u{034F}'                    // combining grapheme joiner
        | '\u{061C}'                    // Arabic letter mark
        | '\u{115F}'..='\u{1160}'       // Hangul choseong and jungseong fillers
        | '\u{17B4}'..='\u{17B5}'       // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}'       // Mongolian variation selectors and vowel separator
        | '\u{200B}'..='\u{200F}'       // zero-width space, ZWNJ, ZWJ, LRM, RLM
        | '\u{202A}'..='\u{202E}'       // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, isolates, deprecated formats
        | '\u{3164}'                    // Hangul filler
        | '\u{FE00}'..='\u{FE0F}'       // variation selectors
        | '\u{FEFF}'                    // byte order mark, zero-width no-break space
        | '\u{FFA0}'                    // halfwidth Hangul filler
        | '\u{FFF0}'..='\u{FFF8}'       // reserved
        | '\u{1BCA0}'..='\u{1BCA3}'     // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}'     // musical symbol format controls
        | '\u{E0000}'..='\u{E0FFF}') // tags, variation selectors supplement, reserved
}

/// Whether `c` is a bidirectional formatting control: LRM, RLM, ALM, the embeddings
/// and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). They change the
/// order in which the text around them is displayed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` would be invisible, or would reorder the text around it, if shown as it
/// is: a control, whitespace other than ' ', a default-ignorable code point (bidi
/// controls included) or U+2800 BRAILLE PATTERN BLANK. The module documentation says
/// why this set.
pub fn is_hidden_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() || (c.is_ascii_whitespace() && c != ' ');
    }
    c.is_control() || c.is_whitespace() || is_default_ignorable(c) || c == '\u{2800}'
}

/// `c` as a code point: `U+202E`, `U+1F600` (at least four hex digits, upper case).
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// A piece of text on its way to the page: a run of visible characters, or one
/// hidden character to show as its code point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Characters that can be drawn as they are (never empty).
    Shown(&'a str),
    /// One character for which [`is_hidden_char`] is true.
    Hidden(char),
}

/// `s` cut into runs of visible text and single hidden characters, in stored order:
/// putting the pieces back together gives `s` again.
pub fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        if is_hidden_char(c) {
            if run_start < i {
                out.push(Piece::Shown(&s[run_start..i]));
            }
            out.push(Piece::Hidden(c));
            run_start = i + c.len_utf8();
        }
    }
    if run_start < s.len() {
        out.push(Piece::Shown(&s[run_start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_plain_space_and_letters_are_shown() {
        for c in [
            ' ', 'a', 'Z', '0', '~', 'é', 'ש', 'م', '😀', '日', '\u{301}', '\u{E000}',
        ] {
            assert!(!is_hidden_char(c), "{}", code_point(c));
        }
    }

    #[test]
    fn each_family_is_hidden() {
        let controls = [
            '\0', '\u{7}', '\t', '\n', '\r', '\u{7F}', '\u{85}', '\u{9F}',
        ];
        let spaces = [
            '\u{A0}', '\u{1680}', '\u{2003}', '\u{2009}', '\u{202F}', '\u{205F}', '\u{3000}',
            '\u{2028}',
        ];
        let ignorable = [
            '\u{AD}',
            '\u{34F}',
            '\u{115F}',
            '\u{180E}',
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{2064}',
            '\u{3164}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{FFA0}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E0100}',
        ];
        let bidi = [
            '\u{61C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
        ];
        for c in controls
            .into_iter()
            .chain(spaces)
            .chain(ignorable)
            .chain(bidi)
            .chain(['\u{2800}'])
        {
            assert!(is_hidden_char(c), "{}", code_point(c));
        }
        for c in bidi {
            assert!(
                is_bidi_control(c) && is_default_ignorable(c),
                "{}",
                code_point(c)
            );
        }
    }

    #[test]
    fn code_points_have_at_least_four_digits() {
        assert_eq!(code_point('\0'), "U+0000");
        assert_eq!(code_point('\u{202E}'), "U+202E");
        assert_eq!(code_point('😀'), "U+1F600");
    }

    #[test]
    fn pieces_box_each_hidden_character_once() {
        assert_eq!(pieces(""), vec![]);
        assert_eq!(pieces("abc"), vec![Piece::Shown("abc")]);
        assert_eq!(
            pieces("ada@exa\u{202E}moc\u{0}\u{0}"),
            vec![
                Piece::Shown("ada@exa"),
                Piece::Hidden('\u{202E}'),
                Piece::Shown("moc"),
                Piece::Hidden('\0'),
                Piece::Hidden('\0'),
            ]
        );
    }

    proptest! {
        #[test]
        fn pieces_put_back_together_are_the_text(s in any::<String>()) {
            let mut back = String::new();
            for piece in pieces(&s) {
                match piece {
                    Piece::Shown(run) => {
                        prop_assert!(!run.is_empty());
                        prop_assert!(!run.chars().any(is_hidden_char));
                        back.push_str(run);
                    }
                    Piece::Hidden(c) => {
                        prop_assert!(is_hidden_char(c));
                        back.push(c);
                    }
                }
            }
            prop_assert_eq!(back, s);
        }

        #[test]
        fn the_ascii_shortcut_matches_the_general_rule(b in 0u8..128) {
            let c = char::from(b);
            let general = c.is_control() || (c.is_whitespace() && c != ' ');
            prop_assert_eq!(is_hidden_char(c), general);
        }
    }
}
