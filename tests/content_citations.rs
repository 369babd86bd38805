//! How the bundled pack's quotations are cited in a walk's every format: a court's own sentence
//! that quotes others in fragments leads, and those it quotes follow "(quoting …)" (legal audit 3,
//! L3: Antoine's sentences quoting Imbler and Justice Scalia's opinion in Burns). Names the
//! bundled pack, so it is a content test.

use assert_cmd::Command;

/// The walk of the Cleavinger fact pattern (its adjudicator step quotes Antoine at 435-436 and
/// 436) in `format`, with runs of white space folded so that wrapped text reads as one line.
fn walk(format: &str) -> String {
    let out = Command::cargo_bin("immunity")
        .expect("the binary is built")
        .args(["walk", "--case", "cleavinger", "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const IMBLER: &str = "Antoine v. Byers &amp; Anderson, Inc., 508 U.S. 429, 436 (1993) (alteration in original) (quoting Imbler v. Pachtman, 424 U.S. 409, 423 n.20 (1976))";
const BURNS: &str = "Antoine v. Byers &amp; Anderson, Inc., 508 U.S. 429, 435-436 (1993) (quoting Burns v. Reed, 500 U.S. 478, 500 (1991) (Scalia, J., concurring in the judgment in part and dissenting in part))";

#[test]
fn antoines_fragments_of_imbler_and_burns_are_cited_quoting_them_in_every_format() {
    // Each writer escapes the ampersand for its own format.
    for (format, ampersand) in [("text", "&"), ("markdown", "\\&"), ("json", "&")] {
        let out = walk(format);
        for citation in [IMBLER, BURNS] {
            let plain = citation.replace("&amp;", ampersand);
            assert!(out.contains(&plain), "{format}: no {plain:?} in\n{out}");
        }
        assert!(
            !out.contains("Imbler v. Pachtman, 424 U.S. 409, 423 n.20 (1976) (quoted in"),
            "{format}: Antoine's words are not Imbler's"
        );
    }
    let html = walk("html");
    for citation in [IMBLER, BURNS] {
        assert!(html.contains(citation), "html: no {citation:?}");
    }
}
