//! Reading the n a person types into the Compute tab.
//!
//! Built on [`crate::lab::text::parse_integer_with`] with digit-group separators
//! allowed: "1,000,000", "1 000 000" and "1_000_000" are all a million, because that
//! is what the person typing (or pasting) meant, and old links with `?n=1,000` keep
//! working. A `.` is never a separator (see [`crate::lab::text::Grouping::Allowed`]):
//! "2.5" is refused with the reason, not read as 25.

use std::fmt;

use super::FIB_DECIMAL_MAX_N;
use crate::lab::fmt::grouped;
use crate::lab::text::{Grouping, IntegerInputError, parse_integer_with};

/// Why the typed text is not an n the tab can compute. Columns are 1-based, in
/// characters, as a person counts them ("12a": the `a` is at column 3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NInputError {
    /// Nothing, only spaces, or a sign alone.
    Empty,
    /// Below 0.
    Negative,
    /// A decimal point at `column`: n is a whole number.
    NotWhole {
        /// Column of the decimal point.
        column: usize,
    },
    /// A character that is neither a digit nor a separator.
    NotADigit {
        /// The character as typed.
        found: char,
        /// Column of that character.
        column: usize,
    },
    /// A separator that is not between two digits.
    MisplacedSeparator {
        /// The separator as typed.
        found: char,
        /// Column of that separator.
        column: usize,
    },
    /// Above [`FIB_DECIMAL_MAX_N`]; `n` when it fits a `u64` (to repeat it grouped).
    TooLarge {
        /// The typed n, when it fits a `u64`; `None` when it is larger still.
        n: Option<u64>,
    },
}

impl fmt::Display for NInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NInputError::Empty => write!(f, "Type a whole number n, for example 90."),
            NInputError::Negative => {
                write!(f, "n must be 0 or more: the sequence starts at F(0) = 0.")
            }
            NInputError::NotWhole { column } => write!(
                f,
                "“.” at position {column}: n must be a whole number (F(n) is only defined for n = 0, 1, 2, …)."
            ),
            NInputError::NotADigit { found, column } => write!(
                f,
                "“{found}” at position {column} is not a digit: type a whole number such as 90."
            ),
            NInputError::MisplacedSeparator { found, column } => write!(
                f,
                "“{found}” at position {column} is not between two digits: group digits as in 1,000,000."
            ),
            NInputError::TooLarge { n } => {
                match n {
                    Some(n) => write!(f, "n = {} is above ", grouped(*n))?,
                    None => write!(f, "This n is above ")?,
                }
                write!(
                    f,
                    "{}, the largest n computed exactly here (F(1,000,000) already has 208,988 digits).",
                    grouped(FIB_DECIMAL_MAX_N)
                )
            }
        }
    }
}

impl std::error::Error for NInputError {}

/// The n in `text`, from 0 to [`FIB_DECIMAL_MAX_N`], or what is wrong with it. Spaces
/// around it and a leading `+` are fine, as are separators between digits ("1,000").
pub fn parse_n(text: &str) -> Result<u32, NInputError> {
    match parse_integer_with(text, Grouping::Allowed) {
        Ok(n) if n < 0 => Err(NInputError::Negative),
        Ok(n) => match u32::try_from(n) {
            Ok(n) if n <= FIB_DECIMAL_MAX_N => Ok(n),
            _ => Err(NInputError::TooLarge {
                n: u64::try_from(n).ok(),
            }),
        },
        Err(IntegerInputError::Empty | IntegerInputError::SignOnly) => Err(NInputError::Empty),
        Err(IntegerInputError::NotADigit {
            found: '.',
            position,
        }) => Err(NInputError::NotWhole {
            column: position + 1,
        }),
        Err(IntegerInputError::NotADigit { found, position }) => Err(NInputError::NotADigit {
            found,
            column: position + 1,
        }),
        Err(IntegerInputError::MisplacedSeparator { found, position }) => {
            Err(NInputError::MisplacedSeparator {
                found,
                column: position + 1,
            })
        }
        Err(IntegerInputError::TooLarge) => Err(NInputError::TooLarge { n: None }),
        Err(IntegerInputError::TooSmall) => Err(NInputError::Negative),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_plain_and_grouped_n() {
        assert_eq!(parse_n("90"), Ok(90));
        assert_eq!(parse_n(" 0 "), Ok(0));
        assert_eq!(parse_n("+7"), Ok(7));
        assert_eq!(parse_n("1,000"), Ok(1000));
        assert_eq!(parse_n("1 000 000"), Ok(1_000_000));
        assert_eq!(parse_n("100_000"), Ok(100_000));
        assert_eq!(parse_n("0001000"), Ok(1000));
        assert_eq!(parse_n("-0"), Ok(0));
    }

    #[test]
    fn says_what_is_wrong_where_a_person_counts() {
        let message = |t: &str| parse_n(t).unwrap_err().to_string();
        assert_eq!(
            message("12a"),
            "“a” at position 3 is not a digit: type a whole number such as 90."
        );
        assert!(message("-5").starts_with("n must be 0 or more"));
        assert!(message("-99999999999999999999").starts_with("n must be 0 or more"));
        assert_eq!(message(""), "Type a whole number n, for example 90.");
        assert_eq!(message("   "), "Type a whole number n, for example 90.");
        assert_eq!(message("-"), "Type a whole number n, for example 90.");
        assert!(message("2.5").starts_with("“.” at position 2: n must be a whole number"));
        assert!(
            message("1.000").contains("whole number"),
            "a dot is not a separator"
        );
        assert!(message("2000000").starts_with("n = 2,000,000 is above 1,000,000"));
        assert!(message("99999999999999999999999").starts_with("This n is above 1,000,000"));
        assert!(
            message("18446744073709551615").starts_with("This n is above"),
            "past i64"
        );
        assert_eq!(
            parse_n("1000001"),
            Err(NInputError::TooLarge { n: Some(1_000_001) })
        );
        assert!(message("🦀").starts_with("“🦀” at position 1 is not a digit"));
        assert!(message("1,,0").starts_with("“,” at position 2 is not between two digits"));
        assert_eq!(
            parse_n("x1,000,000,000"),
            Err(NInputError::NotADigit {
                found: 'x',
                column: 1
            })
        );
    }

    proptest! {
        #[test]
        fn every_n_in_range_reads_back_plain_and_grouped(n in 0..=FIB_DECIMAL_MAX_N) {
            prop_assert_eq!(parse_n(&n.to_string()), Ok(n));
            prop_assert_eq!(parse_n(&grouped(n)), Ok(n));
        }

        #[test]
        fn never_panics_and_accepts_only_the_range(s in "\\PC{0,30}") {
            if let Ok(n) = parse_n(&s) {
                prop_assert!(n <= FIB_DECIMAL_MAX_N);
            }
        }
    }
}
