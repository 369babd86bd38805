//! Words about a screening that every front end says the same way: for now, a label or prompt
//! shortened for a confirmation or a status line (the line mode's confirmations and the full
//! screen's matter status lines both use it).

/// A label or prompt shortened for a confirmation: at most about 60 characters, cut at a word
/// with an ellipsis (a screen reader reads every word of every confirmation). Callers pass
/// clean text (pack labels and prompts, a matter's saved option ids); it is folded to one line
/// here, not cleaned again.
pub fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches('.');
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}\u{2026}",
        cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
    )
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn a_long_label_is_cut_at_a_word_and_a_short_one_kept() {
        assert_eq!(short("Yes, a state judge."), "Yes, a state judge");
        let long = "Deciding or managing a case: ruling, ordering, sentencing, setting bail or a trial date";
        assert_eq!(
            short(long),
            "Deciding or managing a case: ruling, ordering, sentencing\u{2026}"
        );
        assert_eq!(short("two\nlines"), "two lines");
    }
}
