//! Plain-text rendering: for pasting into e-mail, and what `immunity walk` prints by default.
//! The conclusion comes first, then the reasoning chain, the table of authorities (the one
//! place a status's history is given) and the provenance.
//!
//! Every line is at most [`WIDTH`] characters; a field that runs on wraps under its own start
//! (a hanging indent), so the text stays readable in any mail client and in a terminal. Pack
//! text is sanitised, so no control character or bidirectional override reaches the output.

use std::fmt::Write as _;

use super::{
    CitedAuthority, FactPatternComparison, Pending, Report, comparison_words, excerpt_badges,
    one_line, paragraphs, provenance_fields, status_words, subtitle,
};

/// The widest line written, in characters.
pub const WIDTH: usize = 80;

/// Renders the report as plain text: the conclusion first (outcome, title, summary, the
/// fact-pattern comparison, the reasoning), then the reasoning chain, the table of authorities
/// and the provenance.
pub fn render(report: &Report) -> String {
    let mut out = Out::default();
    let c = &report.conclusion;
    let title = one_line(&c.title);
    out.para("", "", &title);
    let _ = writeln!(out.0, "{}", "=".repeat(title.chars().count().min(WIDTH)));
    out.para("", "", &subtitle(report));
    out.blank();
    out.line(&format!(
        "OUTCOME: {}",
        one_line(&c.outcome_label).to_uppercase()
    ));
    out.blank();
    for p in paragraphs(&c.summary) {
        out.para("", "", &p);
    }
    if let Some(f) = &report.fact_pattern {
        fact_pattern(&mut out, f);
    }
    conclusion(&mut out, report);
    out.blank();
    for p in paragraphs(&report.disclaimer) {
        out.para("", "", &p);
    }
    chain(&mut out, report);
    table(&mut out, report);
    out.heading("PROVENANCE");
    let fields = provenance_fields(report);
    let width = fields
        .iter()
        .map(|(label, _)| label.len() + 2)
        .max()
        .unwrap_or(0);
    for (label, value) in &fields {
        out.field("", &format!("{:width$}", format!("{label}:")), value);
    }
    out.0
}

/// The fact-pattern comparison: verdict, where the path left the court's, the holding.
fn fact_pattern(out: &mut Out, f: &FactPatternComparison) {
    out.heading(&format!("FACT PATTERN: {}", one_line(&f.title)));
    let words = comparison_words(f);
    out.para("", "", &words.verdict);
    out.blank();
    out.para("", "", &words.path);
    out.blank();
    out.field("", "What the court held: ", &f.holding);
    let cite = match &f.authority {
        Some(a) => format!("{} [{}]", one_line(&f.citation), one_line(&a.status_label)),
        None => one_line(&f.citation),
    };
    out.para("  -- ", "     ", &cite);
    out.blank();
    out.field("", "The facts: ", &f.facts);
}

/// Renders a pending question as plain text: the question, why it is asked, how to answer it
/// with its options, what it decides (which conclusions each option keeps open), the answers
/// so far, and the pack. Option notes are not shown.
pub fn render_pending(pending: &Pending) -> String {
    let mut out = Out::default();
    let q = &pending.pending;
    let id = one_line(&q.question);
    out.field("", &format!("Pending question {id}: "), &q.prompt);
    if let Some(instructions) = &q.instructions {
        out.field("", "How to choose: ", instructions);
    }
    out.field("", "Why this is asked: ", &q.why);
    out.line(&format!(
        "Answer with --answer {id}=OPTION, where OPTION is one of:"
    ));
    let width = q
        .options
        .iter()
        .map(|o| one_line(&o.id).chars().count())
        .max()
        .unwrap_or(0);
    for option in &q.options {
        out.field(
            "  ",
            &format!("{:width$}  ", one_line(&option.id)),
            &option.label,
        );
    }
    // What the question decides: the summary, each option, its conclusions under it.
    for (level, text) in pending.decides.lines(false) {
        let indent = "  ".repeat(level);
        out.para(&indent, &format!("{indent}  "), &text);
    }
    if !pending.path.is_empty() {
        out.line("Answers so far:");
        for step in &pending.path {
            out.field(
                "  ",
                &format!("{}. ", step.number),
                &format!(
                    "{}={}  ({})",
                    one_line(&step.question),
                    one_line(&step.answer),
                    one_line(&step.label)
                ),
            );
        }
    }
    out.field(
        "",
        "Pack: ",
        &format!(
            "{} ({}), version {}",
            one_line(&pending.pack.title),
            one_line(&pending.pack.id),
            one_line(&pending.pack.version)
        ),
    );
    out.0
}

/// The reasoning chain, one numbered entry per step.
fn chain(out: &mut Out, report: &Report) {
    out.heading("REASONING CHAIN");
    for (i, step) in report.path.iter().enumerate() {
        if i > 0 {
            out.blank();
        }
        let number = format!("{}. ", step.number);
        let indent = " ".repeat(number.chars().count());
        out.field("", &number, &step.prompt);
        out.field(&indent, "Answer: ", &step.label);
        if let Some(note) = &step.note {
            out.field(&indent, "Note: ", note);
        }
        for a in &step.authorities {
            out.authority(&indent, a);
        }
        out.field(&indent, "Why asked: ", &step.why);
        for e in &step.excerpts {
            let label = "Excerpt: ";
            let hang = format!("{indent}{}", " ".repeat(label.chars().count()));
            out.field(
                &indent,
                label,
                &format!("\u{201c}{}\u{201d}", one_line(&e.quote)),
            );
            out.para(
                &format!("{hang}-- "),
                &format!("{hang}   "),
                &format!("{} [{}]", one_line(&e.citation), excerpt_badges(e)),
            );
        }
    }
}

/// Why the law reaches the conclusion: its reasoning, caveats and controlling authorities.
fn conclusion(out: &mut Out, report: &Report) {
    let c = &report.conclusion;
    out.heading("WHY");
    for (i, p) in paragraphs(&c.reasoning).iter().enumerate() {
        if i > 0 {
            out.blank();
        }
        out.para("", "", p);
    }
    if !c.caveats.is_empty() {
        out.blank();
        out.line("Caveats:");
        for caveat in &c.caveats {
            out.para("  - ", "    ", &one_line(caveat));
        }
    }
    if !c.authorities.is_empty() {
        out.blank();
        out.line("Controlling authorities:");
        for a in &c.authorities {
            out.para("  - ", "    ", &cited(a));
        }
    }
}

/// The table of authorities: each citation with its status and history below it (the one
/// place a status's history is given).
fn table(out: &mut Out, report: &Report) {
    out.heading("TABLE OF AUTHORITIES");
    for t in &report.authorities {
        out.para("- ", "  ", &one_line(&t.citation));
        out.para(
            "  ",
            "  ",
            &status_words(&t.status_label, t.history.as_deref()),
        );
    }
}

/// A citation with its status badge beside it: "... (1991) [REVERSED]".
fn cited(a: &CitedAuthority) -> String {
    format!("{} [{}]", one_line(&a.citation), one_line(&a.status_label))
}

/// The text being built, with wrapping helpers.
#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, s: &str) {
        self.para("", "", s);
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }

    fn heading(&mut self, title: &str) {
        self.blank();
        self.para("", "", title);
        let width = title.chars().count().min(WIDTH);
        let _ = writeln!(self.0, "{}", "=".repeat(width));
        self.blank();
    }

    /// `label` then `text`, each paragraph of `text` wrapped under the text's start.
    fn field(&mut self, indent: &str, label: &str, text: &str) {
        let hang = format!("{indent}{}", " ".repeat(label.chars().count()));
        let first = format!("{indent}{label}");
        let paras = paragraphs(text);
        if paras.is_empty() {
            self.para(&first, &hang, "");
        }
        for (i, p) in paras.iter().enumerate() {
            self.para(if i == 0 { &first } else { &hang }, &hang, p);
        }
    }

    /// An authority with its status beside it.
    fn authority(&mut self, indent: &str, a: &CitedAuthority) {
        let label = "Authority: ";
        self.field(indent, label, &cited(a));
    }

    /// One paragraph, word-wrapped: the first line starts with `first`, the rest with `rest`.
    /// A word too long for a line is broken, so no line exceeds [`WIDTH`] columns. `textwrap`
    /// with first-fit wrapping, which is linear in the text (a word of megabytes included).
    fn para(&mut self, first: &str, rest: &str, text: &str) {
        let text = one_line(text);
        if text.is_empty() {
            self.finish(first);
            return;
        }
        let options = textwrap::Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
        for line in textwrap::wrap(&text, options) {
            self.finish(&line);
        }
    }

    fn finish(&mut self, line: &str) {
        self.0.push_str(line.trim_end());
        self.0.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indent_and_breaks_long_words() {
        let mut out = Out::default();
        let words = "word ".repeat(40);
        out.para("1. ", "   ", &words);
        for line in out.0.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        let lines: Vec<&str> = out.0.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines[0].starts_with("1. word"));
        assert!(lines[1].starts_with("   word"));

        let mut out = Out::default();
        out.para("- ", "  ", &"x".repeat(200));
        let lines: Vec<&str> = out.0.lines().collect();
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert_eq!(
            lines
                .iter()
                .map(|l| l.trim_start_matches(['-', ' ']).len())
                .sum::<usize>(),
            200
        );
    }
}
