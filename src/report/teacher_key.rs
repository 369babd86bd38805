//! The teacher's key: the whole pack as one printable document.
//!
//! [`Key::from_pack`] builds the model once: every question (numbered Q1.. in file order) with
//! its why-text, its excerpts (verbatim, cited with status) and its options lettered A, B, C…
//! with where each leads, its note and its authorities (with status); the conclusions; then each
//! fact pattern with the facts, the court's path question by question, where it ends and the
//! holding. [`markdown`] and [`html`] render it. Pack text is sanitised when the model is built
//! and escaped by each renderer for its format.

use std::fmt::Write as _;

use super::{
    CitedAuthority, PackInfo, ReportExcerpt, cite_all, cite_excerpt, clean, excerpt_badges,
    one_line, paragraphs,
};
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
                id: clean(&pack.question(q).id),
            },
            Node::Conclusion(c) => {
                let c = pack.conclusion(c);
                KeyTarget::Conclusion {
                    id: clean(&c.id),
                    title: clean(&c.title),
                    outcome_label: clean(pack.outcome_label(&c.outcome)),
                }
            }
        };
        let questions = pack
            .questions()
            .iter()
            .enumerate()
            .map(|(qi, q)| KeyQuestion {
                number: qi + 1,
                id: clean(&q.id),
                prompt: clean(&q.prompt),
                why: clean(&q.why),
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
                        id: clean(&o.id),
                        label: clean(&o.label),
                        leads_to: target(pack.target(qi, oi)),
                        note: o.note.as_deref().map(clean),
                        authorities: cite_all(pack, &o.authorities),
                    })
                    .collect(),
            })
            .collect();
        let conclusions = pack
            .conclusions()
            .iter()
            .map(|c| KeyConclusion {
                id: clean(&c.id),
                title: clean(&c.title),
                outcome_label: clean(pack.outcome_label(&c.outcome)),
                summary: clean(&c.summary),
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
                    id: clean(&case.id),
                    title: clean(&case.title),
                    citation: clean(&case.citation),
                    facts: clean(&case.facts),
                    path: walk
                        .steps
                        .iter()
                        .map(|s| {
                            let q = pack.question(s.question);
                            KeyCaseStep {
                                number: s.question + 1,
                                question: clean(&q.id),
                                prompt: clean(&q.prompt),
                                letter: letter(s.option),
                                label: clean(&q.options[s.option].label),
                            }
                        })
                        .collect(),
                    ends: target(walk.end),
                    holding: clean(&case.holding),
                }
            })
            .collect();
        Key {
            pack: PackInfo {
                id: clean(pack.id()),
                title: clean(pack.title()),
                version: clean(pack.version()),
                content_hash: clean(pack.content_hash()),
                law_checked: clean(pack.law_checked()),
            },
            disclaimer: clean(pack.disclaimer()),
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

/// A citation with its short status badge.
fn cited(a: &CitedAuthority) -> String {
    format!("{} [{}]", one_line(&a.citation), one_line(&a.status_label))
}

/// The key as Markdown (`CommonMark`).
pub fn markdown(key: &Key) -> String {
    use crate::document::escape::markdown as esc;
    let mut out = String::new();
    let _ = writeln!(out, "# Teacher's key: {}\n", esc(&key.pack.title));
    let _ = writeln!(
        out,
        "Pack {} version {}, content hash `{}`, law checked {}.\n",
        esc(&key.pack.id),
        esc(&key.pack.version),
        esc(&key.pack.content_hash),
        esc(&key.pack.law_checked)
    );
    for p in paragraphs(&key.disclaimer) {
        let _ = writeln!(out, "> {}", esc(&p));
    }
    out.push_str("\n## Questions\n");
    for q in &key.questions {
        let _ = writeln!(
            out,
            "\n### Q{}. {} (`{}`)\n",
            q.number,
            esc(&q.prompt),
            esc(&q.id)
        );
        for (i, p) in paragraphs(&q.why).iter().enumerate() {
            let lead = if i == 0 { "**Why it is asked.** " } else { "" };
            let _ = writeln!(out, "{lead}{}\n", esc(p));
        }
        for e in &q.excerpts {
            let _ = writeln!(out, "> \u{201c}{}\u{201d}", esc(&e.quote));
            let _ = writeln!(
                out,
                ">\n> \u{2014} {}\n",
                esc(&format!("{} [{}]", e.citation, excerpt_badges(e)))
            );
        }
        for o in &q.options {
            let _ = writeln!(
                out,
                "- **{}. {}** (`{}`) \u{2192} {}",
                o.letter,
                esc(&o.label),
                esc(&o.id),
                esc(&target_words(&o.leads_to))
            );
            if let Some(note) = &o.note {
                let _ = writeln!(out, "  - Note: {}", esc(&one_line(note)));
            }
            for a in &o.authorities {
                let _ = writeln!(out, "  - Authority: {}", esc(&cited(a)));
            }
        }
    }
    out.push_str("\n## Conclusions\n\n");
    for c in &key.conclusions {
        let _ = writeln!(
            out,
            "- **{}** ({}, `{}`): {}",
            esc(&c.title),
            esc(&c.outcome_label),
            esc(&c.id),
            esc(&one_line(&c.summary))
        );
    }
    if !key.cases.is_empty() {
        out.push_str("\n## Fact patterns: the court's path\n");
    }
    for case in &key.cases {
        let _ = writeln!(out, "\n### {} (`{}`)\n", esc(&case.title), esc(&case.id));
        let _ = writeln!(out, "*{}*\n", esc(&case.citation));
        for p in paragraphs(&case.facts) {
            let _ = writeln!(out, "{}\n", esc(&p));
        }
        for (i, s) in case.path.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. Q{} {} \u{2014} **{}. {}**",
                i + 1,
                s.number,
                esc(&s.prompt),
                s.letter,
                esc(&s.label)
            );
        }
        let _ = writeln!(out, "\n**Ends at:** {}\n", esc(&target_words(&case.ends)));
        for (i, p) in paragraphs(&case.holding).iter().enumerate() {
            let lead = if i == 0 { "**Holding.** " } else { "" };
            let _ = writeln!(out, "{lead}{}\n", esc(p));
        }
    }
    out
}

/// The stylesheet of the HTML key: screen, then print (a question never splits across pages).
const CSS: &str = r"
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.45; color: #111;
  background: #fff; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.25; }
h2 { border-bottom: 1px solid #888; margin-top: 2.5rem; }
.meta { color: #333; font-size: 0.9rem; overflow-wrap: anywhere; }
.disclaimer { border: 2px solid #555; padding: 0.3rem 1rem; }
section.question, section.case { margin-bottom: 2rem; }
blockquote { margin: 0.6rem 0 0 1rem; padding-left: 1rem; border-left: 4px solid #888; font-style: italic; }
figure { margin: 0.6rem 0; }
figcaption { font-size: 0.9rem; padding-left: 2rem; }
ol.options { list-style: none; padding-left: 0.5rem; }
ol.options > li { margin: 0.5rem 0; }
.letter { font-family: 'Helvetica Neue', Arial, sans-serif; font-weight: bold; display: inline-block; min-width: 1.6rem; }
.status { font-family: 'Helvetica Neue', Arial, sans-serif; font-size: 0.8rem; font-weight: bold;
  border: 1px solid currentColor; border-radius: 3px; padding: 0 0.3rem; white-space: nowrap; }
code { font-size: 0.85em; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  section.question, section.case, figure, li { break-inside: avoid; }
  h2.new-page { break-before: page; }
  h2, h3 { break-after: avoid; }
}
";

/// The key as one self-contained HTML5 page (no scripts, nothing external).
pub fn html(key: &Key) -> String {
    use crate::document::escape::html as esc;
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    let _ = writeln!(
        out,
        "<title>Teacher's key \u{2014} {}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        esc(&key.pack.title)
    );
    let _ = writeln!(
        out,
        "<header><h1>Teacher's key: {}</h1>\n<p class=\"meta\">Pack {} version {}, content hash <code>{}</code>, law checked {}.</p>",
        esc(&key.pack.title),
        esc(&key.pack.id),
        esc(&key.pack.version),
        esc(&key.pack.content_hash),
        esc(&key.pack.law_checked)
    );
    out.push_str("<aside class=\"disclaimer\">");
    for p in paragraphs(&key.disclaimer) {
        let _ = write!(out, "<p>{}</p>", esc(&p));
    }
    out.push_str("</aside></header>\n<main>\n<h2>Questions</h2>\n");
    for q in &key.questions {
        html_question(&mut out, q);
    }
    out.push_str("<h2>Conclusions</h2>\n<ul>\n");
    for c in &key.conclusions {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> ({}, <code>{}</code>): {}</li>",
            esc(&c.title),
            esc(&c.outcome_label),
            esc(&c.id),
            esc(&one_line(&c.summary))
        );
    }
    out.push_str("</ul>\n");
    if !key.cases.is_empty() {
        out.push_str("<h2 class=\"new-page\">Fact patterns: the court's path</h2>\n");
    }
    for case in &key.cases {
        html_case(&mut out, case);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// One question of the HTML key.
fn html_question(out: &mut String, q: &KeyQuestion) {
    use crate::document::escape::html as esc;
    let _ = writeln!(
        out,
        "<section class=\"question\" id=\"q{}\">\n<h3>Q{}. {} <code>{}</code></h3>",
        q.number,
        q.number,
        esc(&q.prompt),
        esc(&q.id)
    );
    for (i, p) in paragraphs(&q.why).iter().enumerate() {
        let lead = if i == 0 {
            "<strong>Why it is asked.</strong> "
        } else {
            ""
        };
        let _ = writeln!(out, "<p>{lead}{}</p>", esc(p));
    }
    for e in &q.excerpts {
        let _ = writeln!(
            out,
            "<figure><blockquote>\u{201c}{}\u{201d}</blockquote><figcaption>\u{2014} <cite>{}</cite> <strong class=\"status\">{}</strong></figcaption></figure>",
            esc(&e.quote),
            esc(&e.citation),
            esc(&excerpt_badges(e))
        );
    }
    out.push_str("<ol class=\"options\">\n");
    for o in &q.options {
        let _ = write!(
            out,
            "<li><span class=\"letter\">{}.</span> <strong>{}</strong> <code>{}</code> \u{2192} {}",
            o.letter,
            esc(&o.label),
            esc(&o.id),
            esc(&target_words(&o.leads_to))
        );
        if let Some(note) = &o.note {
            let _ = write!(out, "<br>Note: {}", esc(&one_line(note)));
        }
        for a in &o.authorities {
            let _ = write!(
                out,
                "<br>Authority: <cite>{}</cite> <strong class=\"status\">{}</strong>",
                esc(&a.citation),
                esc(&a.status_label)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// One fact pattern of the HTML key.
fn html_case(out: &mut String, case: &KeyCase) {
    use crate::document::escape::html as esc;
    let _ = writeln!(
        out,
        "<section class=\"case\" id=\"case-{}\">\n<h3>{} <code>{}</code></h3>\n<p><cite>{}</cite></p>",
        esc(&case.id),
        esc(&case.title),
        esc(&case.id),
        esc(&case.citation)
    );
    for p in paragraphs(&case.facts) {
        let _ = writeln!(out, "<p>{}</p>", esc(&p));
    }
    out.push_str("<ol>\n");
    for s in &case.path {
        let _ = writeln!(
            out,
            "<li>Q{} {} \u{2014} <strong>{}. {}</strong></li>",
            s.number,
            esc(&s.prompt),
            s.letter,
            esc(&s.label)
        );
    }
    let _ = writeln!(
        out,
        "</ol>\n<p><strong>Ends at:</strong> {}</p>",
        esc(&target_words(&case.ends))
    );
    for (i, p) in paragraphs(&case.holding).iter().enumerate() {
        let lead = if i == 0 {
            "<strong>Holding.</strong> "
        } else {
            ""
        };
        let _ = writeln!(out, "<p>{lead}{}</p>", esc(p));
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{FileSet, load};

    fn bundled() -> Pack {
        let files = FileSet::bundled("judicial-immunity").expect("embedded");
        load(&files).expect("valid").0
    }

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
        let pack = bundled();
        let key = Key::from_pack(&pack);
        assert_eq!(key.questions.len(), pack.questions().len());
        assert_eq!(key.cases.len(), pack.cases().len());
        let md = markdown(&key);
        let page = html(&key);
        for (q, kq) in pack.questions().iter().zip(&key.questions) {
            assert_eq!(kq.options.len(), q.options.len());
            assert_eq!(kq.excerpts.len(), q.excerpts.len());
            assert!(md.contains(&format!("(`{}`)", q.id)), "{}", q.id);
            assert!(page.contains(&format!("<code>{}</code>", q.id)), "{}", q.id);
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
            assert!(md.contains(&format!("### {} (`{}`)", esc(&case.title), esc(&case.id))));
            assert!(page.contains(&format!("id=\"case-{}\"", case.id)));
        }
        assert!(!page.contains("<script"));
    }
}
