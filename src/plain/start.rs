//! The line mode's start menu: the same choices as the full screen's start screen (walk the
//! tree freely, take the quiz, or walk one of the pack's fact patterns), numbered, one per
//! line. Shown when the line mode is used at a terminal without `--case`; a script (input that
//! is not a terminal) goes straight to the free walk, as before, so piped answers still answer
//! the first question.

use std::io::{BufRead, Write};

use super::PlainError;
use super::input::one_line;
use super::input::{Line, read_counted_line, say_line};
use crate::pack::Pack;

/// What the student chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// Walk: freely (`None`) or one fact pattern (its id).
    Walk(Option<String>),
    /// Take the quiz on every fact pattern.
    Quiz,
    /// `q`, or the end of the input.
    Leave,
}

/// Shows the menu and reads a choice: its number, a fact pattern's id, or `q`. Anything else
/// is refused and asked again.
pub fn start_menu<R: BufRead, W: Write>(
    pack: &Pack,
    input: &mut R,
    out: &mut W,
    echo: bool,
) -> Result<Start, PlainError> {
    say_line(
        out,
        &format!(
            "{}, version {}. Start: type a number and press Enter (q quits).",
            one_line(pack.title()),
            one_line(pack.version())
        ),
    )?;
    say_line(out, "1. Walk the tree freely")?;
    say_line(
        out,
        "2. Quiz: every fact pattern as a self-test, scored on your first answers and saved",
    )?;
    for (i, case) in pack.cases().iter().enumerate() {
        say_line(
            out,
            &format!(
                "{}. Fact pattern: {} ({})",
                i + 3,
                one_line(&case.title),
                one_line(&case.id)
            ),
        )?;
    }
    let count = pack.cases().len() + 2;
    let mut lines = 0;
    loop {
        say_line(out, &format!("Your choice (1 to {count}, or q):"))?;
        let Some(line) = read_counted_line(input, out, &mut lines, echo)? else {
            return Ok(Start::Leave);
        };
        let text = match line {
            Line::Text(text) => text.trim().to_owned(),
            Line::TooLong => String::new(),
        };
        if text.eq_ignore_ascii_case("q") {
            return Ok(Start::Leave);
        }
        match text.parse::<usize>() {
            Ok(1) => return Ok(Start::Walk(None)),
            Ok(2) => return Ok(Start::Quiz),
            Ok(n) if (3..=count).contains(&n) => {
                return Ok(Start::Walk(Some(pack.cases()[n - 3].id.to_string())));
            }
            _ => {}
        }
        if let Some(case) = pack.cases().iter().find(|c| c.id == text) {
            return Ok(Start::Walk(Some(case.id.to_string())));
        }
        say_line(
            out,
            &format!("Not understood: type a number from 1 to {count}, a fact pattern's id, or q."),
        )?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{FileSet, load};
    use std::path::Path;

    fn houseplant() -> Pack {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
        load(&FileSet::from_dir(&dir).unwrap()).unwrap().0
    }

    fn choose(pack: &Pack, typed: &str) -> (Start, String) {
        let mut out = Vec::new();
        let start = start_menu(pack, &mut typed.as_bytes(), &mut out, true).unwrap();
        (start, String::from_utf8(out).unwrap())
    }

    #[test]
    fn the_menu_offers_the_free_walk_the_quiz_and_each_fact_pattern() {
        let pack = houseplant();
        let (start, out) = choose(&pack, "1\n");
        assert_eq!(start, Start::Walk(None));
        assert!(out.contains("1. Walk the tree freely\n2. Quiz: "), "{out}");
        for (i, case) in pack.cases().iter().enumerate() {
            assert!(
                out.contains(&format!(
                    "{}. Fact pattern: {} ({})",
                    i + 3,
                    case.title,
                    case.id
                )),
                "{out}"
            );
        }
        assert!(!out.contains('\u{1b}'));
        assert_eq!(choose(&pack, "2\n").0, Start::Quiz);
        let first = pack.cases()[0].id.clone();
        assert_eq!(choose(&pack, "3\n").0, Start::Walk(Some(first.to_string())));
        assert_eq!(
            choose(&pack, &format!("{first}\n")).0,
            Start::Walk(Some(first.to_string()))
        );
        let (start, out) = choose(&pack, "9\nq\n");
        assert_eq!(start, Start::Leave);
        assert!(
            out.contains("Not understood: type a number from 1 to 5"),
            "{out}"
        );
        assert_eq!(choose(&pack, "").0, Start::Leave);
    }
}
