//! English wording every floor shares, so that one rule reads the same in the terminal, the
//! line mode and every export: a count agrees with its noun ("1 quote", "2 quotes").

/// `one` when `n` is exactly one, `many` otherwise (zero takes the plural: "0 quotes").
pub fn noun<'w, N: PartialEq + From<u8> + Copy>(n: N, one: &'w str, many: &'w str) -> &'w str {
    if n == N::from(1) { one } else { many }
}

/// `n` and its noun: "1 quote", "2 quotes", "0 quotes".
pub fn count<N: PartialEq + From<u8> + std::fmt::Display + Copy>(
    n: N,
    one: &str,
    many: &str,
) -> String {
    format!("{n} {}", noun(n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_agrees_with_its_noun() {
        assert_eq!(count(1usize, "quote", "quotes"), "1 quote");
        assert_eq!(count(0usize, "quote", "quotes"), "0 quotes");
        assert_eq!(
            count(2u32, "fact pattern", "fact patterns"),
            "2 fact patterns"
        );
        assert_eq!(count(1i64, "point", "points"), "1 point");
        assert_eq!(noun(-1i64, "point", "points"), "points");
        assert_eq!(noun(21usize, "answer", "answers"), "answers");
    }
}
