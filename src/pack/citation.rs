//! A source's citation with a pin cite put where the Bluebook puts it, before the parenthetical
//! that holds the year ("Bradley v. Fisher, 80 U.S. (13 Wall.) 335, 351 (1872)"); the validator
//! uses the same search to refuse a citation without its year in parentheses.

use super::Source;

/// Inserts `, PIN` before the first parenthetical that holds the source's year, so that
/// "Bradley v. Fisher, 80 U.S. (13 Wall.) 335 (1872)" becomes "... 335, 351 (1872)".
pub fn pinned_citation(source: &Source, pin: Option<&str>) -> String {
    let Some(pin) = pin else {
        return source.citation.to_string();
    };
    match year_parenthetical(&source.citation, source.year) {
        Some(at) => format!(
            "{}, {}{}",
            &source.citation[..at],
            pin,
            &source.citation[at..]
        ),
        None => format!("{}, {}", source.citation, pin),
    }
}

/// Byte offset of the space before the first `(...)` that contains `year`.
pub(crate) fn year_parenthetical(citation: &str, year: u16) -> Option<usize> {
    let year = year.to_string();
    let mut from = 0;
    while let Some(rel) = citation[from..].find(" (") {
        let open = from + rel;
        let close = citation[open..].find(')').map(|c| open + c)?;
        if citation[open..close].contains(&year) {
            return Some(open);
        }
        from = close;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Status;

    fn source(citation: &str, year: u16) -> Source {
        Source {
            id: "x".into(),
            name: "X v. Y".into(),
            citation: citation.into(),
            court: "U.S. Supreme Court".into(),
            year,
            status: Status::GoodLaw,
            history: None,
            text: None,
            quotable_from: None,
        }
    }

    #[test]
    fn pin_goes_before_the_year_parenthetical() {
        let mireles = source("Mireles v. Waco, 502 U.S. 9 (1991) (per curiam)", 1991);
        assert_eq!(
            pinned_citation(&mireles, Some("12-13")),
            "Mireles v. Waco, 502 U.S. 9, 12-13 (1991) (per curiam)"
        );
        let bradley = source("Bradley v. Fisher, 80 U.S. (13 Wall.) 335 (1872)", 1872);
        assert_eq!(
            pinned_citation(&bradley, Some("351")),
            "Bradley v. Fisher, 80 U.S. (13 Wall.) 335, 351 (1872)"
        );
        let waco = source("Waco v. Baltad, 934 F.2d 214 (9th Cir. 1991)", 1991);
        assert_eq!(
            pinned_citation(&waco, Some("216")),
            "Waco v. Baltad, 934 F.2d 214, 216 (9th Cir. 1991)"
        );
        assert_eq!(pinned_citation(&waco, None), waco.citation);
    }
}
