//! A pasted list of addresses, checked a chunk at a time.
//!
//! [`validate_email_lines`](super::validate_email_lines) checks a whole paste in one
//! go. A page that must keep responding while it checks 10 MB cuts the work instead:
//! [`BatchCheck::step`] checks about [`BATCH_CHUNK_BYTES`] (ending at a line end) and
//! returns, so the caller can let the browser paint between chunks. The counts cover
//! every line; only the first [`BATCH_ROWS`] rows (and invalid rows) are kept to show.

use super::{EmailError, validate_email};

/// One checked line, as the batch table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchRow {
    /// Line number from 1, counting blank lines.
    pub line: usize,
    /// The line, shortened to [`ROW_TEXT_CHARS`] characters.
    pub text: String,
    /// Whether the line was shortened.
    pub shortened: bool,
    /// What [`validate_email`] says about the whole line.
    pub verdict: Result<(), EmailError>,
}

/// Counts over the whole paste, and the first rows of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchReport {
    /// Lines the rule accepts.
    pub valid: usize,
    /// Lines the rule rejects.
    pub invalid: usize,
    /// Bytes of the paste that have been checked so far.
    pub bytes_done: usize,
    /// Bytes of the whole paste.
    pub bytes_total: usize,
    /// The first [`BATCH_ROWS`] checked lines.
    pub rows: Vec<BatchRow>,
    /// The first [`BATCH_ROWS`] invalid lines.
    pub invalid_rows: Vec<BatchRow>,
    /// Wall-clock time of the check, in milliseconds, pauses included (the caller
    /// measures it; 0 when nobody did).
    pub elapsed_ms: f64,
}

impl BatchReport {
    /// Non-blank lines checked so far.
    pub fn checked(&self) -> usize {
        self.valid + self.invalid
    }

    /// Whether every byte has been checked.
    pub fn finished(&self) -> bool {
        self.bytes_done >= self.bytes_total
    }

    /// How much is checked, in per cent of the bytes (100 for an empty paste).
    pub fn percent_done(&self) -> f64 {
        if self.bytes_total == 0 {
            100.0
        } else {
            self.bytes_done as f64 * 100.0 / self.bytes_total as f64
        }
    }
}

/// Rows kept for display; the rest only count.
pub const BATCH_ROWS: usize = 200;
/// Characters of a line shown in a row.
pub const ROW_TEXT_CHARS: usize = 80;
/// About this many bytes are checked by one [`BatchCheck::step`] (a few milliseconds
/// of work, so typing and painting never wait long).
pub const BATCH_CHUNK_BYTES: usize = 256 * 1024;

fn shorten(line: &str) -> (String, bool) {
    match line.char_indices().nth(ROW_TEXT_CHARS) {
        Some((cut, _)) => (line[..cut].to_string(), true),
        None => (line.to_string(), false),
    }
}

/// A check of one text in steps. The text is passed to every [`BatchCheck::step`]
/// rather than kept, so the caller owns it (and can drop it on cancel).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchCheck {
    report: BatchReport,
    /// Where the next chunk starts (a byte index just after a '\n', or 0).
    start: usize,
    /// The number of the line at `start`.
    line: usize,
}

impl BatchCheck {
    /// A check of a text of `total_bytes` bytes, nothing checked yet.
    pub fn new(total_bytes: usize) -> BatchCheck {
        BatchCheck {
            report: BatchReport {
                bytes_total: total_bytes,
                ..BatchReport::default()
            },
            start: 0,
            line: 1,
        }
    }

    /// Checks the lines of `text` from where the last step stopped, up to about
    /// [`BATCH_CHUNK_BYTES`] and ending after a '\n' (or at the end). Returns whether
    /// anything is left. `text` must be the text given to every step, of the length
    /// given to [`BatchCheck::new`]; a different one ends the check early.
    pub fn step(&mut self, text: &str) -> bool {
        if text.len() != self.report.bytes_total || self.start >= text.len() {
            self.report.bytes_done = self.report.bytes_total;
            return false;
        }
        let rest = &text[self.start..];
        let end = if rest.len() <= BATCH_CHUNK_BYTES {
            rest.len()
        } else {
            // '\n' is ASCII, so the byte after it is always a char boundary.
            match rest.as_bytes()[BATCH_CHUNK_BYTES..]
                .iter()
                .position(|&b| b == b'\n')
            {
                Some(i) => BATCH_CHUNK_BYTES + i + 1,
                None => rest.len(),
            }
        };
        let chunk = &rest[..end];
        // The same walk as `validate_email_lines` (blank lines skipped but counted,
        // "\r\n" ends), done here so each kept row has its text without a second pass.
        for (index, raw) in chunk.lines().enumerate() {
            if raw
                .trim_matches(|c| matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' '))
                .is_empty()
            {
                continue;
            }
            self.add(self.line + index, raw);
        }
        self.line += chunk.bytes().filter(|&b| b == b'\n').count();
        self.start += end;
        self.report.bytes_done = self.start;
        self.start < text.len()
    }

    fn add(&mut self, line: usize, raw: &str) {
        let report = &mut self.report;
        let verdict = validate_email(raw);
        let ok = verdict.is_ok();
        if ok {
            report.valid += 1;
        } else {
            report.invalid += 1;
        }
        let want_row = report.rows.len() < BATCH_ROWS;
        let want_invalid = !ok && report.invalid_rows.len() < BATCH_ROWS;
        if want_row || want_invalid {
            let (text, shortened) = shorten(raw);
            let row = BatchRow {
                line,
                text,
                shortened,
                verdict,
            };
            if want_invalid {
                report.invalid_rows.push(row.clone());
            }
            if want_row {
                report.rows.push(row);
            }
        }
    }

    /// The report so far.
    pub fn report(&self) -> &BatchReport {
        &self.report
    }

    /// The report so far, to keep.
    pub fn into_report(self) -> BatchReport {
        self.report
    }
}

/// The whole batch check in one go, without pauses (for tests and small pastes).
pub fn check_batch_now(text: &str) -> BatchReport {
    let mut check = BatchCheck::new(text.len());
    while check.step(text) {}
    check.into_report()
}

/// Adds line `i` of the generated list: mostly valid, every seventh broken in a
/// different way.
pub fn push_generated_line(out: &mut String, i: usize) {
    const BROKEN: &[&str] = &[
        "john smith@example.com",
        "no-at-sign.example.com",
        "a@b@c.example",
        "dot.at.end@example.com.",
        "émile@example.fr",
        "x@-hyphen.example",
        "\"quoted\"@example.com",
    ];
    if i % 7 == 3 {
        out.push_str(BROKEN[(i / 7) % BROKEN.len()]);
    } else {
        use std::fmt::Write;
        // Writing into a String cannot fail.
        let _ = write!(out, "user{i}@mail{}.example.org", i % 97);
    }
    out.push('\n');
}

/// A deterministic list of about `bytes` bytes of addresses, one per line: the
/// "10 MB paste" test.
pub fn generated_list(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0usize;
    while out.len() < bytes {
        push_generated_line(&mut out, i);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::text::validate_email_lines;
    use proptest::prelude::*;

    #[test]
    fn chunks_agree_with_validate_email_lines() {
        // Several chunks, with CRLF ends and blank lines to keep line numbers honest.
        let mut text = String::new();
        for i in 0..60_000 {
            match i % 9 {
                0 => text.push_str("bad address@example.com\r\n"),
                4 => text.push('\n'),
                7 => text.push_str("  \n"),
                _ => text.push_str(&format!("user{i}@example.org\n")),
            }
        }
        assert!(text.len() > 3 * BATCH_CHUNK_BYTES);
        let expected = validate_email_lines(&text);
        let mut check = BatchCheck::new(text.len());
        let mut steps = 1;
        while check.step(&text) {
            steps += 1;
            assert!(!check.report().finished());
        }
        assert!(steps >= 4, "{steps} steps");
        let report = check.into_report();
        assert!(report.finished());
        let valid = expected.iter().filter(|(_, v)| v.is_ok()).count();
        assert_eq!(
            (report.valid, report.invalid),
            (valid, expected.len() - valid)
        );
        let lines: Vec<usize> = report.rows.iter().map(|r| r.line).collect();
        let want: Vec<usize> = expected.iter().take(BATCH_ROWS).map(|(l, _)| *l).collect();
        assert_eq!(lines, want);
        assert_eq!(report.invalid_rows[0].text, "bad address@example.com");
    }

    #[test]
    fn long_lines_are_shortened_for_the_table() {
        let line = format!("{}@example.com", "é".repeat(100));
        let report = check_batch_now(&line);
        assert_eq!(report.rows[0].text.chars().count(), ROW_TEXT_CHARS);
        assert!(report.rows[0].shortened);
        assert_eq!(report.percent_done(), 100.0);
        assert_eq!(check_batch_now("").checked(), 0);
        assert!(check_batch_now("").finished());
    }

    #[test]
    fn a_different_text_ends_the_check() {
        let mut check = BatchCheck::new(10);
        assert!(!check.step("short"));
        assert!(check.report().finished());
    }

    #[test]
    fn the_generated_list_has_every_seventh_line_broken() {
        let list = generated_list(64 * 1024);
        assert!(list.len() >= 64 * 1024 && list.len() < 64 * 1024 + 64);
        let report = check_batch_now(&list);
        let lines = list.lines().count();
        assert_eq!(report.checked(), lines);
        // Lines 3, 10, 17, … (from 0) are the broken ones.
        assert_eq!(report.invalid, (lines + 3) / 7);
    }

    proptest! {
        #[test]
        fn chunked_counts_equal_the_one_pass_counts(lines in prop::collection::vec("[a-z@. ]{0,12}", 0..50)) {
            let text = lines.join("\n");
            let report = check_batch_now(&text);
            let expected = validate_email_lines(&text);
            prop_assert_eq!(report.checked(), expected.len());
            prop_assert_eq!(report.valid, expected.iter().filter(|(_, v)| v.is_ok()).count());
        }
    }
}
