//! Long numbers split where a reader expects: in groups of three digits counted from
//! the end, so a page can wrap a 208,988-digit number only between groups.

/// `digits` split into the groups of three a person reads, counted from the end of the
/// whole number it belongs to. `total` is that whole number's digit count: for a
/// complete number pass `digits.len()`; for the first digits cut from a longer number
/// pass the longer number's count (the first 24 digits of a 209-digit number start
/// with a group of two). Concatenating the groups gives `digits` back. Text that is not
/// ASCII (so not a digit string) comes back as one group, never split inside a
/// character.
///
/// ```
/// use wasm_playground::lab::compute::digit_groups;
/// assert_eq!(digit_groups("1234567", 7), ["1", "234", "567"]);
/// // The first 8 digits of F(1000), which has 209 digits: 209 = 3 · 69 + 2.
/// assert_eq!(digit_groups("43466557", 209), ["43", "466", "557"]);
/// ```
pub fn digit_groups(digits: &str, total: usize) -> Vec<&str> {
    if !digits.is_ascii() || digits.is_empty() {
        return vec![digits];
    }
    let lead = match total % 3 {
        0 => 3,
        r => r,
    };
    let mut groups = Vec::with_capacity(digits.len() / 3 + 1);
    let mut start = 0;
    let mut end = lead.min(digits.len());
    while start < digits.len() {
        groups.push(&digits[start..end]);
        start = end;
        end = (end + 3).min(digits.len());
    }
    groups
}

/// `digits` with a thin space (U+2009) between its groups of three
/// ([`digit_groups`]): "1 234 567" as typeset numbers are, for a block of digits too
/// long for commas to help. A thin space is a line-break opportunity, so the block
/// wraps between groups and nowhere else.
pub fn thin_spaced(digits: &str) -> String {
    digit_groups(digits, digits.len()).join("\u{2009}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn groups_count_from_the_end_of_the_whole_number() {
        assert_eq!(digit_groups("1234567", 7), ["1", "234", "567"]);
        assert_eq!(digit_groups("123456", 6), ["123", "456"]);
        assert_eq!(digit_groups("12", 2), ["12"]);
        assert_eq!(digit_groups("0", 1), ["0"]);
        // The first 8 digits of a 209-digit number (209 = 3·69 + 2).
        assert_eq!(digit_groups("43466557", 209), ["43", "466", "557"]);
        assert_eq!(digit_groups("", 0), [""]);
        assert_eq!(digit_groups("١٢٣٤", 4), ["١٢٣٤"]);
        assert_eq!(thin_spaced("1234567"), "1\u{2009}234\u{2009}567");
    }

    proptest! {
        #[test]
        fn groups_rebuild_the_digits_and_all_but_the_first_have_three(
            digits in "[0-9]{1,200}",
            extra in 0usize..5,
        ) {
            let total = digits.len() + extra;
            let groups = digit_groups(&digits, total);
            prop_assert_eq!(groups.concat(), digits.clone());
            for g in groups.iter().skip(1).take(groups.len().saturating_sub(2)) {
                prop_assert_eq!(g.len(), 3);
            }
            if groups.len() > 1 {
                prop_assert_eq!((total - groups[0].len()) % 3, 0);
            }
            // The same breaks as comma grouping of the whole number.
            if extra == 0 {
                prop_assert_eq!(groups.join(","), crate::lab::fmt::group_digits(&digits));
            }
        }
    }
}
