//! `parse_integer_with`: digit-group separators read as people mean them.

use super::*;
use proptest::prelude::*;

fn allowed(s: &str) -> Result<i64, IntegerInputError> {
    parse_integer_with(s, Grouping::Allowed)
}

#[test]
fn separators_between_digits_are_skipped() {
    assert_eq!(allowed("1,000"), Ok(1000));
    assert_eq!(allowed(" 1,000,000 "), Ok(1_000_000));
    assert_eq!(allowed("1 000 000"), Ok(1_000_000));
    assert_eq!(allowed("10,00,000"), Ok(1_000_000), "Indian grouping");
    assert_eq!(allowed("1_000"), Ok(1000));
    assert_eq!(allowed("1'000"), Ok(1000));
    assert_eq!(allowed("1\u{2019}000"), Ok(1000), "de-CH");
    assert_eq!(allowed("1\u{a0}000\u{202f}000"), Ok(1_000_000));
    assert_eq!(allowed("-9,223,372,036,854,775,808"), Ok(i64::MIN));
    assert_eq!(
        allowed("+1,0"),
        Ok(10),
        "the grouping itself is not checked"
    );
    assert_eq!(allowed("12"), Ok(12));
}

#[test]
fn a_separator_not_between_two_digits_says_where_it_is() {
    for (text, found, position) in [
        (",5", ',', 0),
        ("5,", ',', 1),
        ("1,,000", ',', 1),
        ("1, 000", ',', 1),
        ("-,1", ',', 1),
        ("  1_", '_', 3),
    ] {
        assert_eq!(
            allowed(text),
            Err(IntegerInputError::MisplacedSeparator { found, position }),
            "{text:?}"
        );
    }
    assert_eq!(
        allowed("5,").unwrap_err().to_string(),
        "separator ',' at position 1 is not between two digits"
    );
}

#[test]
fn a_dot_is_never_a_separator_and_other_errors_stay() {
    assert_eq!(
        allowed("1.000"),
        Err(IntegerInputError::NotADigit {
            found: '.',
            position: 1
        })
    );
    assert_eq!(allowed(""), Err(IntegerInputError::Empty));
    assert_eq!(allowed("-"), Err(IntegerInputError::SignOnly));
    assert_eq!(
        allowed("9,223,372,036,854,775,808"),
        Err(IntegerInputError::TooLarge)
    );
    assert_eq!(
        allowed("-9,223,372,036,854,775,809"),
        Err(IntegerInputError::TooSmall)
    );
    // A wrong character anywhere is reported before a value out of range.
    assert!(matches!(
        allowed("99999999999999999999x"),
        Err(IntegerInputError::NotADigit { found: 'x', .. })
    ));
    let huge = "9,999".repeat(200_000);
    assert!(allowed(&huge).is_err());
    // Refused stays refused.
    assert!(matches!(
        parse_integer("1,000"),
        Err(IntegerInputError::NotADigit {
            found: ',',
            position: 1
        })
    ));
}

proptest! {
    #[test]
    fn grouped_text_reads_back(n in any::<i64>()) {
        prop_assert_eq!(allowed(&format_number(n)), Ok(n));
        for locale in ["en-US", "fr-FR", "de-CH", "en-IN", "pl-PL", "ja-JP"] {
            let text = format_number_in(n, locale).unwrap();
            prop_assert_eq!(allowed(&text), Ok(n), "{} {}", locale, text);
        }
    }

    #[test]
    fn without_separators_both_modes_agree(s in "[ +-]?[0-9]{0,25} ?") {
        prop_assert_eq!(allowed(&s), parse_integer(&s));
    }

    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = allowed(&s);
    }
}
