//! The start of a document too large to edit in a text box: its first lines, each cut
//! to a width a page can show, and how many lines there are in all.

/// The first lines of a text, from [`head`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The lines shown, joined by `\n`; a line longer than the width ends in `…`.
    pub text: String,
    /// How many lines `text` holds.
    pub shown: usize,
    /// How many lines the whole text has (as `str::lines` counts them).
    pub total: usize,
}

/// The first `max_lines` lines of `text`, each cut to `max_chars` characters (a
/// minified document is one line of megabytes). Counting the lines reads the whole
/// text once, at memory speed; nothing else is copied beyond what is shown.
///
/// ```
/// use wasm_playground::lab::json::head;
/// let h = head("[\n  1,\n  2\n]\n", 2, 80);
/// assert_eq!((h.text.as_str(), h.shown, h.total), ("[\n  1,", 2, 4));
/// ```
pub fn head(text: &str, max_lines: usize, max_chars: usize) -> Head {
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    let total = if text.is_empty() || text.ends_with('\n') {
        newlines
    } else {
        newlines + 1
    };
    let mut out = String::new();
    let mut shown = 0;
    for line in text.lines().take(max_lines) {
        if shown > 0 {
            out.push('\n');
        }
        match line.char_indices().nth(max_chars) {
            Some((cut, _)) => {
                out.push_str(&line[..cut]);
                out.push('…');
            }
            None => out.push_str(line),
        }
        shown += 1;
    }
    Head {
        text: out,
        shown,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_lines_as_lines_does_and_cuts_long_ones() {
        assert_eq!(
            head("", 5, 10),
            Head {
                text: String::new(),
                shown: 0,
                total: 0
            }
        );
        assert_eq!(head("abc", 5, 10).total, 1);
        assert_eq!(head("a\r\nb", 5, 10).text, "a\nb");
        let h = head(&"x".repeat(100), 5, 10);
        assert_eq!(h.text, format!("{}…", "x".repeat(10)));
        let h = head("ééééé\n", 1, 3);
        assert_eq!(h.text, "ééé…");
        assert_eq!(head("a\nb\nc", 0, 10).shown, 0);
    }

    proptest! {
        #[test]
        fn total_matches_lines_and_shown_is_bounded(text in "[a-c\\n\\r]{0,60}", n in 0usize..5) {
            let h = head(&text, n, 4);
            prop_assert_eq!(h.total, text.lines().count());
            prop_assert_eq!(h.shown, n.min(h.total));
        }
    }
}
