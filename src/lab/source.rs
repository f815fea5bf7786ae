//! Support for "Show the Rust": cut a marked region out of a source file and split it
//! into tokens for highlighting. The tabs show the repository files themselves (the
//! build serves a copy next to the page and the viewer fetches it), so the code on
//! screen is the code that runs.
//!
//! In production, syntax highlighting is done by `syntect` or tree-sitter; this small
//! tokenizer knows just enough Rust (comments, strings, chars vs lifetimes, numbers,
//! keywords) for readable listings, and never fails on any input.

/// Lines between `// region: NAME` and the next `// endregion`, without the markers and
/// with their common indentation removed. `None` when the region is missing.
pub fn region<'a>(code: &'a str, name: &str) -> Option<&'a str> {
    let mut start = None;
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let trimmed = line.trim();
        match start {
            None => {
                if let Some(rest) = trimmed.strip_prefix("// region:")
                    && rest.trim() == name
                {
                    start = Some(offset + line.len());
                }
            }
            Some(begin) => {
                if trimmed.starts_with("// endregion") {
                    return code.get(begin..offset);
                }
            }
        }
        offset += line.len();
    }
    None
}

/// What a run of highlighted Rust source is, which picks its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Anything not highlighted: identifiers, punctuation, whitespace.
    Plain,
    /// A `//` line comment or a `/* */` block comment.
    Comment,
    /// A string or character literal.
    Str,
    /// A numeric literal, suffix included (`1_000u32`).
    Number,
    /// A Rust keyword such as `fn` or `let`.
    Keyword,
    /// An identifier starting with an uppercase letter, taken to be a type or variant.
    Type,
    /// A macro name with its `!`, e.g. `println!`.
    Macro,
}

impl TokenKind {
    /// The CSS class the page styles this kind with, e.g. `tok-kw`.
    pub fn css_class(self) -> &'static str {
        match self {
            TokenKind::Plain => "tok-plain",
            TokenKind::Comment => "tok-comment",
            TokenKind::Str => "tok-str",
            TokenKind::Number => "tok-num",
            TokenKind::Keyword => "tok-kw",
            TokenKind::Type => "tok-type",
            TokenKind::Macro => "tok-macro",
        }
    }
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "dyn", "async", "await",
];

/// Splits `code` into (kind, text) runs whose concatenation is exactly `code`.
pub fn highlight(code: &str) -> Vec<(TokenKind, &str)> {
    let bytes = code.as_bytes();
    let mut out: Vec<(TokenKind, &str)> = Vec::new();
    let mut i = 0;
    let mut plain_start = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let (kind, len) = if rest.starts_with("//") {
            (TokenKind::Comment, rest.find('\n').unwrap_or(rest.len()))
        } else if let Some(body) = rest.strip_prefix("/*") {
            (
                TokenKind::Comment,
                body.find("*/").map_or(rest.len(), |p| p + 4),
            )
        } else if bytes[i] == b'"' {
            (TokenKind::Str, string_len(rest))
        } else if bytes[i] == b'\'' {
            match char_literal_len(rest) {
                Some(n) => (TokenKind::Str, n),
                None => (TokenKind::Plain, 1),
            }
        } else if bytes[i].is_ascii_digit() && (i == 0 || !is_ident_byte(bytes[i - 1])) {
            (
                TokenKind::Number,
                rest.bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
                    .count(),
            )
        } else if is_ident_start(bytes[i]) && (i == 0 || !is_ident_byte(bytes[i - 1])) {
            let n = rest.bytes().take_while(|b| is_ident_byte(*b)).count();
            let word = &rest[..n];
            let kind = if rest[n..].starts_with('!') && !rest[n..].starts_with("!=") {
                TokenKind::Macro
            } else if KEYWORDS.contains(&word) {
                TokenKind::Keyword
            } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                TokenKind::Type
            } else {
                TokenKind::Plain
            };
            (kind, if kind == TokenKind::Macro { n + 1 } else { n })
        } else {
            (
                TokenKind::Plain,
                rest.chars().next().map_or(1, char::len_utf8),
            )
        };
        let len = len.max(1).min(rest.len());
        if kind == TokenKind::Plain {
            i += len;
            continue;
        }
        if plain_start < i {
            out.push((TokenKind::Plain, &code[plain_start..i]));
        }
        out.push((kind, &code[i..i + len]));
        i += len;
        plain_start = i;
    }
    if plain_start < code.len() {
        out.push((TokenKind::Plain, &code[plain_start..]));
    }
    out
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length of a string literal starting at `"`, escapes included; to the end if unclosed.
fn string_len(s: &str) -> usize {
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// `'a'`, `'\n'`, `'\u{1F600}'` are char literals; `'a` in `&'a str` is a lifetime.
fn char_literal_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().skip(1);
    let (_, c) = chars.next()?;
    if c == '\\' {
        let close = s[1..].find('\'')? + 1;
        return (close <= 12).then_some(close + 1);
    }
    let (j, next) = chars.next()?;
    (next == '\'').then_some(j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_cuts_between_markers() {
        let code = "a\n// region: two\nfn x() {}\n// endregion\nb\n";
        assert_eq!(region(code, "two"), Some("fn x() {}\n"));
        assert_eq!(region(code, "three"), None);
        assert_eq!(region("// region: open\nno end\n", "open"), None);
    }

    #[test]
    fn highlight_covers_every_byte_and_finds_kinds() {
        let code = "pub fn f<'a>(s: &'a str) -> u64 { let c = 'x'; println!(\"hi \\\" {}\", 42); // done\n 0 }";
        let tokens = highlight(code);
        assert_eq!(tokens.iter().map(|(_, s)| *s).collect::<String>(), code);
        assert!(tokens.contains(&(TokenKind::Keyword, "pub")));
        assert!(tokens.contains(&(TokenKind::Str, "'x'")));
        assert!(tokens.contains(&(TokenKind::Macro, "println!")));
        assert!(tokens.contains(&(TokenKind::Number, "42")));
        assert!(tokens.contains(&(TokenKind::Comment, "// done")));
        assert!(
            !tokens
                .iter()
                .any(|(k, s)| *k == TokenKind::Str && s.starts_with("'a"))
        );
    }

    proptest::proptest! {
        #[test]
        fn highlight_never_loses_text(code in "\\PC{0,200}") {
            let tokens = highlight(&code);
            proptest::prop_assert_eq!(tokens.iter().map(|(_, s)| *s).collect::<String>(), code);
        }
    }
}
