//! Text as the Strings tab shows it: hidden characters boxed, code in sentences marked.

use yew::prelude::*;

use crate::lab::text::{self, Piece};

/// One hidden character as a small `U+XXXX` box.
pub fn hidden_box(c: char) -> Html {
    html! { <span class="esc" title="an invisible or control character">{ text::code_point(c) }</span> }
}

/// Text with every hidden character ([`text::is_hidden_char`]) shown as a box, in stored
/// order (`bdo dir=ltr`), so an RTL override or a NUL cannot hide or reorder anything.
pub fn visible(s: &str) -> Html {
    let parts = text::pieces(s).into_iter().map(|piece| match piece {
        Piece::Shown(run) => html! { { run.to_string() } },
        Piece::Hidden(c) => hidden_box(c),
    });
    html! { <bdo dir="ltr">{ for parts }</bdo> }
}

/// A formatted number as it is: the no-break spaces are part of the lesson and render
/// as spaces (boxing them would hide the look of the number); anything else hidden is
/// boxed.
pub fn visible_spaces(s: &str) -> Html {
    if s.chars()
        .all(|c| !text::is_hidden_char(c) || c == '\u{A0}' || c == '\u{202F}')
    {
        html! { { s.to_string() } }
    } else {
        visible(s)
    }
}

/// A sentence whose words between backticks are code ([`text::code_spans`]).
pub fn with_code(sentence: &str) -> Html {
    html! {
        { for text::code_spans(sentence).into_iter().map(|(code, piece)| if code {
            html! { <code>{ piece.to_string() }</code> }
        } else {
            html! { { piece.to_string() } }
        }) }
    }
}
