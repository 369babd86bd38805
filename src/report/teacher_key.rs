//! The teacher's key: the whole pack as one printable document.
//!
//! [`Key::from_pack`] builds the model once: every question (numbered Q1.. in file order) with
//! its why-text, its excerpts (verbatim, cited with status) and its options lettered A, B, C…
//! with where each leads, its note and its authorities (with status); the conclusions; then each
//! fact pattern with the facts, the court's path question by question, where it ends and the
//! holding. [`document`] builds it as blocks once; [`markdown`] and [`html`] are the document
//! writers' drawings of it. Pack text is clean since the pack was read; the writers escape it
//! for their format.
//!
//! Over 400 lines because the model's types, its one builder and its one document are read
//! together (a field added to the model is drawn a few lines below); the unit tests are the
//! rest.

use super::{
    CitedAuthority, PackInfo, ReportExcerpt, cite_all, cite_excerpt, cited_with_badge,
    excerpt_badges, line, one_line, owned, paragraphs,
};
use crate::document::{Block, Document, Span};
use crate::engine::{follow, resolve_answers};
use crate::pack::{Node, Pack};

/// The option letter for index `i`: A..Z, then AA, AB.. (a pack may have many options).
pub fn letter(i: usize) -> String {
    let mut n = i;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// The whole key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The pack.
    pub pack: PackInfo,
    /// The pack's disclaimer.
    pub disclaimer: String,
    /// Every question, in file order.
    pub questions: Vec<KeyQuestion>,
    /// Every conclusion, in file order.
    pub conclusions: Vec<KeyConclusion>,
    /// Every fact pattern, in file order.
    pub cases: Vec<KeyCase>,
}

/// One question with everything a teacher needs to discuss it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyQuestion {
    /// 1-based number (Q1, Q2, …).
    pub number: usize,
    /// Question id.
    pub id: String,
    /// The question as asked.
    pub prompt: String,
    /// Why it is asked.
    pub why: String,
    /// Its excerpts, cited with status.
    pub excerpts: Vec<ReportExcerpt>,
    /// Its options, lettered.
    pub options: Vec<KeyOption>,
}

/// One option of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOption {
    /// A, B, C, …
    pub letter: String,
    /// Option id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Where it leads.
    pub leads_to: KeyTarget,
    /// What it means in law, when the pack says.
    pub note: Option<String>,
    /// Its authorities, with status.
    pub authorities: Vec<CitedAuthority>,
}

/// Where an option or a walk leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyTarget {
    /// To a question.
    Question {
        /// Its number.
        number: usize,
        /// Its id.
        id: String,
    },
    /// To a conclusion.
    Conclusion {
        /// Its id.
        id: String,
        /// Its title.
        title: String,
        /// Its outcome in words.
        outcome_label: String,
    },
}

/// One conclusion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConclusion {
    /// Conclusion id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Outcome in words.
    pub outcome_label: String,
    /// The result in a sentence or two.
    pub summary: String,
}

/// One fact pattern and the court's path through the questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCase {
    /// Fact pattern id.
    pub id: String,
    /// Case name.
    pub title: String,
    /// Citation.
    pub citation: String,
    /// The facts.
    pub facts: String,
    /// The court's answers, in the order the walk asks them.
    pub path: Vec<KeyCaseStep>,
    /// Where the court's answers lead.
    pub ends: KeyTarget,
    /// The holding.
    pub holding: String,
}

/// One step of a court's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCaseStep {
    /// The question's number.
    pub number: usize,
    /// The question's id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The letter of the court's answer.
    pub letter: String,
    /// Its label.
    pub label: String,
}

impl Key {
    /// The key of a pack.
    pub fn from_pack(pack: &Pack) -> Key {
        let target = |node: Node| match node {
            Node::Question(q) => KeyTarget::Question {
                number: q + 1,
                id: owned(&pack.question(q).id),
            },
            Node::Conclusion(c) => {
                let c = pack.conclusion(c);
                KeyTarget::Conclusion {
                    id: owned(&c.id),
                    title: owned(&c.title),
                    outcome_label: owned(pack.outcome_label(&c.outcome)),
                }
            }
        };
        let questions = pack
            .questions()
            .iter()
            .enumerate()
            .map(|(qi, q)| KeyQuestion {
                number: qi + 1,
                id: owned(&q.id),
                prompt: owned(&q.prompt),
                why: owned(&q.why),
                excerpts: q
                    .excerpts
                    .iter()
                    .filter_map(|e| cite_excerpt(pack, e))
                    .collect(),
                options: q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(oi, o)| KeyOption {
                        letter: letter(oi),
                        id: owned(&o.id),
                        label: owned(&o.label),
                        leads_to: target(pack.target(qi, oi)),
                        note: o.note.as_deref().map(owned),
                        authorities: cite_all(pack, &o.authorities),
                    })
                    .collect(),
            })
            .collect();
        let conclusions = pack
            .conclusions()
            .iter()
            .map(|c| KeyConclusion {
                id: owned(&c.id),
                title: owned(&c.title),
                outcome_label: owned(pack.outcome_label(&c.outcome)),
                summary: owned(&c.summary),
            })
            .collect();
        let cases = pack
            .cases()
            .iter()
            .map(|case| {
                // A loaded pack's fact patterns name only real ids (the loader checks them).
                let answers = resolve_answers(pack, &case.answers).unwrap_or_default();
                let walk = follow(pack, &answers);
                KeyCase {
                    id: owned(&case.id),
                    title: owned(&case.title),
                    citation: owned(&case.citation),
                    facts: owned(&case.facts),
                    path: walk
                        .steps
                        .iter()
                        .map(|s| {
                            let q = pack.question(s.question);
                            KeyCaseStep {
                                number: s.question + 1,
                                question: owned(&q.id),
                                prompt: owned(&q.prompt),
                                letter: letter(s.option),
                                label: owned(&q.options[s.option].label),
                            }
                        })
                        .collect(),
                    ends: target(walk.end),
                    holding: owned(&case.holding),
                }
            })
            .collect();
        Key {
            pack: PackInfo::of(pack),
            disclaimer: owned(pack.disclaimer()),
            questions,
            conclusions,
            cases,
        }
    }
}

/// A target in words: "Q3 (judicial-act)" or "Absolute immunity (Immune)".
fn target_words(t: &KeyTarget) -> String {
    match t {
        KeyTarget::Question { number, id } => format!("Q{number} ({})", one_line(id)),
        KeyTarget::Conclusion {
            title,
            outcome_label,
            ..
        } => format!(
            "Conclusion: {} ({})",
            one_line(title),
            one_line(outcome_label)
        ),
    }
}

/// The key as Markdown (`CommonMark`).
pub fn markdown(key: &Key) -> String {
    crate::document::markdown::render(&document(key).blocks)
}

/// The key as one self-contained HTML5 page (no scripts, nothing external).
pub fn html(key: &Key) -> String {
    crate::document::html::render(&document(key))
}

/// The key as a document ([`crate::document`]): the pack and its disclaimer, every question
/// with its why-text, excerpts and lettered options (where each leads, its note and
/// authorities), the conclusions, then on a new page each fact pattern's path through the
/// questions, where it ends and the holding.
pub fn document(key: &Key) -> Document {
    let mut b = vec![
        Block::Title(line(&format!("Teacher's key: {}", key.pack.title))),
        para(format!(
            "Pack {} version {}, content hash {}, law checked {}.",
            one_line(&key.pack.id),
            one_line(&key.pack.version),
            one_line(&key.pack.content_hash),
            one_line(&key.pack.law_checked)
        )),
    ];
    led(&mut b, "Disclaimer: ", &key.disclaimer);
    b.push(heading(1, "Questions"));
    for q in &key.questions {
        question(&mut b, q);
    }
    b.push(heading(1, "Conclusions"));
    b.push(Block::Bullets(
        key.conclusions
            .iter()
            .map(|c| {
                vec![
                    Span::bold(one_line(&c.title)),
                    Span::plain(format!(
                        " ({}, {}): {}",
                        one_line(&c.outcome_label),
                        one_line(&c.id),
                        one_line(&c.summary)
                    )),
                ]
            })
            .collect(),
    ));
    if !key.cases.is_empty() {
        b.push(Block::PageBreak);
        b.push(heading(1, "Fact patterns: the court's path"));
    }
    for case in &key.cases {
        fact_pattern(&mut b, case);
    }
    Document {
        title: line(&format!("Teacher's key \u{2014} {}", key.pack.title)),
        author: None,
        date: line(&key.pack.law_checked),
        creator: line(concat!("immunity ", env!("CARGO_PKG_VERSION"))),
        blocks: b,
    }
}

/// One question: its prompt and id, why it is asked, its excerpts, its lettered options.
fn question(b: &mut Vec<Block>, q: &KeyQuestion) {
    b.push(heading(
        2,
        &format!(
            "Q{}. {} ({})",
            q.number,
            one_line(&q.prompt),
            one_line(&q.id)
        ),
    ));
    led(b, "Why it is asked. ", &q.why);
    for e in &q.excerpts {
        b.push(Block::Quote {
            text: line(&e.quote),
            cite: line(&format!("{} [{}]", e.citation, excerpt_badges(e))),
        });
    }
    for o in &q.options {
        let mut text = vec![
            Span::bold(format!("{}. {}", o.letter, one_line(&o.label))),
            Span::plain(format!(
                " ({}) \u{2192} {}",
                one_line(&o.id),
                target_words(&o.leads_to)
            )),
        ];
        if !o.authorities.is_empty() {
            let cited: Vec<String> = o.authorities.iter().map(cited_with_badge).collect();
            text.push(Span::plain(format!("; authority: {}", cited.join("; "))));
        }
        b.push(Block::Noted {
            text,
            note: o.note.as_deref().map(|n| vec![line(n)]),
            flag: None,
        });
    }
}

/// One fact pattern: its facts, the court's answers in order, where they end, the holding.
fn fact_pattern(b: &mut Vec<Block>, case: &KeyCase) {
    b.push(heading(
        2,
        &format!("{} ({})", one_line(&case.title), one_line(&case.id)),
    ));
    b.push(para(one_line(&case.citation)));
    led(b, "", &case.facts);
    b.push(Block::Bullets(
        case.path
            .iter()
            .map(|s| {
                vec![
                    Span::plain(format!("Q{} {} \u{2014} ", s.number, one_line(&s.prompt))),
                    Span::bold(format!("{}. {}", s.letter, one_line(&s.label))),
                ]
            })
            .collect(),
    ));
    b.push(Block::Para(vec![
        Span::bold("Ends at: "),
        Span::plain(target_words(&case.ends)),
    ]));
    led(b, "Holding. ", &case.holding);
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: line(text),
    }
}

fn para(text: String) -> Block {
    Block::Para(vec![Span::plain(text)])
}

/// Text as paragraphs, the first led by a bold `lead` (none when empty).
fn led(b: &mut Vec<Block>, lead: &str, text: &str) {
    for (i, p) in paragraphs(text).into_iter().enumerate() {
        b.push(if i == 0 && !lead.is_empty() {
            Block::Para(vec![Span::bold(lead), Span::plain(p)])
        } else {
            para(p)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::testing::court;

    #[test]
    fn letters_run_past_z() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|&i| letter(i))
            .collect();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn the_key_holds_every_question_option_excerpt_and_court_path() {
        let pack = court();
        let key = Key::from_pack(&pack);
        assert_eq!(key.questions.len(), pack.questions().len());
        assert_eq!(key.cases.len(), pack.cases().len());
        let md = markdown(&key);
        let page = html(&key);
        for (q, kq) in pack.questions().iter().zip(&key.questions) {
            assert_eq!(kq.options.len(), q.options.len());
            assert_eq!(kq.excerpts.len(), q.excerpts.len());
            assert!(md.contains(&format!("({})\n", q.id)), "{}", q.id);
            assert!(page.contains(&format!("({})</h3>", q.id)), "{}", q.id);
            for e in &kq.excerpts {
                // Every excerpt carries its status beside its citation.
                let esc = crate::document::escape::markdown;
                assert!(md.contains(&esc(&format!("{} [{}]", e.citation, excerpt_badges(e)))));
            }
        }
        for (case, kc) in pack.cases().iter().zip(&key.cases) {
            // The court's path ends where the fact pattern says.
            match &kc.ends {
                KeyTarget::Conclusion { id, .. } => assert_eq!(id, &case.expected),
                KeyTarget::Question { id, .. } => panic!("{} stops at {id}", case.id),
            }
            for step in &kc.path {
                let q = pack.question_index(&step.question).unwrap();
                let o = pack.option_index(q, &case.answers[&step.question]).unwrap();
                assert_eq!(step.letter, letter(o), "{} at {}", case.id, step.question);
            }
            let esc = crate::document::escape::markdown;
            assert!(md.contains(&format!("### {} ({})", esc(&case.title), esc(&case.id))));
            assert!(page.contains(&format!("({})</h3>", case.id)));
        }
        assert!(!page.contains("<script"));
    }
}
