//! Colour for the plain-text report that `immunity walk` prints on a terminal.
//!
//! Colour only repeats what the words already say, so the text reads the same without it (and
//! `--color never`, `NO_COLOR` or a pipe leave it out, see [`crate::conventions`]): the
//! headings (a line underlined with `=` or `-`) and the outcome line are bold; each authority's status word keeps its word and gains
//! a colour: `GOOD LAW` green, `REVERSED` bold red, the other statuses bold yellow. Only the 16
//! ANSI colours (SGR 30–37), which follow the user's palette, and no background.
//!
//! The input is a report already rendered by [`crate::report::render`], whose text is clean,
//! so the only escape sequences in the output are the ones added here.

use crate::pack::Status;

const RESET: &str = "\u{1b}[0m";
const BOLD: &str = "\u{1b}[1m";

/// The SGR sequence for a status word.
fn status_style(status: Status) -> &'static str {
    match status {
        Status::GoodLaw => "\u{1b}[32m",
        Status::Reversed => "\u{1b}[1;31m",
        Status::OverruledInPart | Status::SupersededInPart | Status::Caution => "\u{1b}[1;33m",
    }
}

/// Colours a plain-text report. Linear in the length of the text.
pub fn report_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_end_matches('\n');
        let newline = &line[body.len()..];
        let underlined = lines
            .get(i + 1)
            .map(|next| next.trim_end())
            .is_some_and(|next| {
                !next.is_empty()
                    && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-'))
            });
        let outcome = body
            .get(..8)
            .is_some_and(|start| start.eq_ignore_ascii_case("outcome:"));
        if !body.is_empty() && (underlined || outcome) {
            out.push_str(BOLD);
            out.push_str(body);
            out.push_str(RESET);
        } else {
            badges(&mut out, body);
        }
        out.push_str(newline);
    }
    out
}

/// Copies `line`, colouring each status word that follows a `[`, or that starts the line's
/// text (after "Status: ", as the table of authorities has it) followed by `:` or nothing.
fn badges(out: &mut String, line: &str) {
    let trimmed = line.trim_start();
    let text = trimmed.strip_prefix("Status: ").unwrap_or(trimmed);
    let indent = &line[..line.len() - text.len()];
    if let Some(status) = Status::ALL.iter().find(|s| {
        text.strip_prefix(s.label())
            .is_some_and(|after| after.is_empty() || after.starts_with(':'))
    }) {
        out.push_str(indent);
        out.push_str(status_style(*status));
        out.push_str(status.label());
        out.push_str(RESET);
        return badges_in(out, &text[status.label().len()..]);
    }
    badges_in(out, line);
}

/// Copies `line`, colouring each status word that follows a `[`.
fn badges_in(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(at) = rest.find('[') {
        let (before, from) = rest.split_at(at + 1);
        out.push_str(before);
        rest = from;
        if let Some(status) = Status::ALL.iter().find(|s| rest.starts_with(s.label())) {
            let label = status.label();
            out.push_str(status_style(*status));
            out.push_str(label);
            out.push_str(RESET);
            rest = &rest[label.len()..];
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drops every SGR sequence: what a reader without colour sees.
    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn colour_only_adds_to_the_words() {
        let text = "REASONING CHAIN\n===============\n\nOutcome: Immune (immune)\n\
                    - Waco v. Baltad [REVERSED: rev'd sub nom. Mireles]\n\
                    - Stump [GOOD LAW] and Pierson [CAUTION: partly old]\n[not a status]\n\
                    - Waco v. Baltad, 934 F.2d 214 (9th Cir. 1991)\n  REVERSED: rev'd\n  GOOD LAW\n\
                    GOOD LAWYERS\n    Status: CAUTION: partly\nCaveats\n-------\n";
        let painted = report_text(text);
        assert_eq!(strip(&painted), text, "the words are unchanged");
        assert!(painted.contains("\u{1b}[1mREASONING CHAIN\u{1b}[0m\n"));
        assert!(painted.contains("\u{1b}[1mOutcome: Immune (immune)\u{1b}[0m"));
        assert!(painted.contains("[\u{1b}[1;31mREVERSED\u{1b}[0m: rev'd"));
        assert!(painted.contains("[\u{1b}[32mGOOD LAW\u{1b}[0m]"));
        assert!(painted.contains("[\u{1b}[1;33mCAUTION\u{1b}[0m: partly"));
        assert!(painted.contains("\n[not a status]\n"));
        assert!(painted.contains("\n  \u{1b}[1;31mREVERSED\u{1b}[0m: rev'd\n"));
        assert!(painted.contains("\n  \u{1b}[32mGOOD LAW\u{1b}[0m\n"));
        assert!(painted.contains("\n    Status: \u{1b}[1;33mCAUTION\u{1b}[0m: partly\n"));
        assert!(painted.contains("\u{1b}[1mCaveats\u{1b}[0m\n"));
        assert!(
            painted.contains("\nGOOD LAWYERS\n"),
            "a word that only begins like a status"
        );
    }

    #[test]
    fn only_the_sixteen_ansi_colours() {
        for status in Status::ALL {
            let style = status_style(status);
            let codes = style
                .trim_start_matches("\u{1b}[")
                .trim_end_matches('m')
                .split(';')
                .map(|c| c.parse::<u8>().unwrap())
                .collect::<Vec<_>>();
            assert!(
                codes.iter().all(|&c| c == 1 || (30..=37).contains(&c)),
                "{status:?}: {style:?}"
            );
        }
    }
}
