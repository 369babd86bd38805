//! The walk report as a document ([`crate::document`]): the blocks the Markdown, HTML and text
//! writers draw, built once from a [`Report`]. The conclusion comes first (outcome in words,
//! title, summary, the fact-pattern comparison, the reasoning), then the reasoning chain, the
//! table of authorities (the one place a status's history is given) and the provenance.
//!
//! A status is shown beside every citation as a short badge in brackets ("[REVERSED]"), so it
//! reads the same in every format and the terminal can colour it ([`super::paint`]). The text
//! arrives clean ([`super::render`] cleans a report where it enters); the writers escape it.

use crate::document::{Block, Document, Span, Writer};

use super::{
    CitedAuthority, FactPatternComparison, Report, comparison_words, excerpt_badges, line,
    one_line, paragraphs, provenance_fields, status_words, subtitle,
};

/// The report as a document for `writer`. Plain text has no bold, so its outcome line and its
/// section labels are in capitals ("OUTCOME: IMMUNE", "REASONING CHAIN"), where the other
/// formats write them in bold or as headings in their own case.
pub(super) fn document(report: &Report, writer: Writer) -> Document {
    let c = &report.conclusion;
    let mut b = Blocks {
        blocks: Vec::new(),
        capitals: writer == Writer::Text,
    };
    b.blocks.push(Block::Title(line(&c.title)));
    b.para(vec![Span::plain(subtitle(report))]);
    let outcome = if writer == Writer::Text {
        format!("OUTCOME: {}", one_line(&c.outcome_label).to_uppercase())
    } else {
        format!("Outcome: {}", one_line(&c.outcome_label))
    };
    b.para(vec![Span::bold(outcome)]);
    b.text(None, &c.summary);
    if let Some(f) = &report.fact_pattern {
        fact_pattern(&mut b, f);
    }
    let label = b.label("Why");
    b.heading(1, &label);
    b.text(None, &c.reasoning);
    if !c.caveats.is_empty() {
        b.heading(2, "Caveats");
        b.blocks.push(Block::plain_bullets(c.caveats.iter()));
    }
    if !c.authorities.is_empty() {
        b.heading(2, "Controlling authorities");
        b.authorities(&c.authorities);
    }
    b.text(Some("Disclaimer:"), &report.disclaimer);
    let label = b.label("Reasoning chain");
    b.heading(1, &label);
    for step in &report.path {
        b.para(vec![Span::bold(format!(
            "{}. {}",
            step.number,
            one_line(&step.prompt)
        ))]);
        b.para(vec![Span::bold("Answer: "), Span::plain(&step.label)]);
        if let Some(note) = &step.note {
            b.text(Some("Note:"), note);
        }
        if !step.authorities.is_empty() {
            b.para(vec![Span::bold("Authorities:")]);
            b.authorities(&step.authorities);
        }
        b.text(Some("Why this question is asked:"), &step.why);
        for e in &step.excerpts {
            b.blocks.push(Block::Quote {
                text: line(&e.quote),
                cite: line(&format!("{} [{}]", e.citation, excerpt_badges(e))),
            });
        }
    }
    let label = b.label("Table of authorities");
    b.heading(1, &label);
    b.blocks.push(Block::Table {
        header: vec![line("Authority"), line("Status")],
        rows: report
            .authorities
            .iter()
            .map(|t| {
                vec![
                    line(&t.citation),
                    line(&status_words(&t.status_label, t.history.as_deref())),
                ]
            })
            .collect(),
        widths: vec![55, 45],
        pages_of: Vec::new(),
    });
    b.blocks.push(Block::Footer(
        provenance_fields(report)
            .into_iter()
            .map(|(label, value)| line(&format!("{label}: {value}")))
            .collect(),
    ));
    Document {
        title: line(&format!("{} \u{2014} {}", c.title, report.pack.title)),
        author: None,
        date: line(report.exported_at.get(..10).unwrap_or_default()),
        creator: line(&format!("{} {}", report.tool.name, report.tool.version)),
        blocks: b.blocks,
    }
}

/// The fact-pattern comparison: verdict, where the path left the court's, the holding.
fn fact_pattern(b: &mut Blocks, f: &FactPatternComparison) {
    let label = b.label("Fact pattern");
    b.heading(1, &format!("{label}: {}", one_line(&f.title)));
    let words = comparison_words(f);
    b.para(vec![Span::bold(words.verdict)]);
    b.para(vec![Span::plain(words.path)]);
    b.text(Some("What the court held:"), &f.holding);
    let cite = match &f.authority {
        Some(a) => format!(
            "\u{2014} {} [{}]",
            one_line(&f.citation),
            one_line(&a.status_label)
        ),
        None => format!("\u{2014} {}", one_line(&f.citation)),
    };
    b.para(vec![Span::plain(cite)]);
    b.text(Some("The facts:"), &f.facts);
}

/// The blocks being built.
struct Blocks {
    blocks: Vec<Block>,
    /// Section labels in capitals (plain text).
    capitals: bool,
}

impl Blocks {
    /// A section's label, in capitals when the format has no other way to set it apart.
    fn label(&self, label: &str) -> String {
        if self.capitals {
            label.to_uppercase()
        } else {
            label.to_owned()
        }
    }

    fn para(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Para(spans));
    }

    fn heading(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: line(text),
        });
    }

    /// Text as paragraphs, the first led by a bold `lead`.
    fn text(&mut self, lead: Option<&str>, text: &str) {
        let paras = paragraphs(text);
        if paras.is_empty() {
            if let Some(lead) = lead {
                self.para(vec![Span::bold(lead)]);
            }
            return;
        }
        for (i, p) in paras.into_iter().enumerate() {
            match lead {
                Some(lead) if i == 0 => {
                    self.para(vec![Span::bold(format!("{lead} ")), Span::plain(p)]);
                }
                _ => self.para(vec![Span::plain(p)]),
            }
        }
    }

    /// A list of authorities, each with its status badge.
    fn authorities(&mut self, list: &[CitedAuthority]) {
        self.blocks.push(Block::plain_bullets(list.iter().map(|a| {
            format!("{} [{}]", one_line(&a.citation), one_line(&a.status_label))
        })));
    }
}
