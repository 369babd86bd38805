//! The student's page: plain HTML that works with scripts off (a form and a refresh link) and,
//! with scripts on, reloads its main part when the presenter moves on (server-sent events, by
//! the tool's own `app.js`). Every piece of pack and student text is escaped here; nothing is
//! loaded from anywhere but the tool.

use std::fmt::Write as _;

use super::room::Device;
use super::{Phase, Stage};
use crate::engine::Answers;
use crate::pack::Pack;
use crate::report::html_escape as esc;
use crate::report::teacher_key::letter;
use crate::report::{cite_excerpt, excerpt_badges};
use crate::results::{Confidence, score};

/// The style sheet, served as `app.css`.
pub const CSS: &str = include_str!("assets/app.css");
/// The script, served as `app.js`: reloads the main part on each server-sent event.
pub const JS: &str = include_str!("assets/app.js");

/// What a page is drawn from.
pub struct View<'a> {
    /// The pack.
    pub pack: &'a Pack,
    /// The fact pattern, if any.
    pub case: Option<usize>,
    /// The court's answers on it.
    pub court: &'a Answers,
    /// The join code (every link carries it).
    pub code: &'a str,
    /// True when students may type a name.
    pub names: bool,
    /// The presenter's stage.
    pub stage: &'a Stage,
    /// This device.
    pub device: &'a Device,
    /// Its results as a fact pattern, at a conclusion.
    pub pattern: Option<crate::results::PatternResult>,
}

/// The whole page.
pub fn page(v: &View<'_>, notice: Option<&str>) -> String {
    let code = esc(v.code);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Live class</title><link rel=\"stylesheet\" href=\"/j/{code}/app.css\">\
         <script src=\"/j/{code}/app.js\" defer></script></head>\n<body>\
         <header><h1>Live class</h1><p>You are {}. <a href=\"/j/{code}\">Refresh</a></p></header>\n",
        esc(&v.device.label())
    );
    if let Some(n) = notice {
        let _ = write!(out, "<p class=\"notice\" role=\"alert\">{}</p>", esc(n));
    }
    let _ = write!(
        out,
        "<main id=\"live\" data-part=\"/j/{code}/part\" data-events=\"/j/{code}/events\" data-seq=\"{}\">{}</main>\n</body></html>\n",
        v.stage.seq,
        part(v)
    );
    out
}

/// The part that changes as the presenter goes on.
pub fn part(v: &View<'_>) -> String {
    let mut out = String::new();
    if v.names && v.device.name.is_none() {
        let _ = write!(
            out,
            "<form method=\"post\" class=\"name\"><label for=\"name\">Your name (optional, for \
             the teacher's report)</label><input id=\"name\" name=\"name\" maxlength=\"40\" \
             autocomplete=\"name\"><button type=\"submit\">Save name</button></form>"
        );
    }
    if let Some(case) = v.case {
        let _ = write!(
            out,
            "<section><h2>The facts</h2><p>{}</p></section>",
            esc(&v.pack.cases()[case].facts)
        );
    }
    match (v.stage.question, v.stage.conclusion) {
        (Some(q), _) => question(&mut out, v, q),
        (None, Some(c)) => conclusion(&mut out, v, c),
        (None, None) => out.push_str("<p>Waiting for the teacher to begin.</p>"),
    }
    out
}

fn question(out: &mut String, v: &View<'_>, q: usize) {
    let question = v.pack.question(q);
    let _ = write!(
        out,
        "<section><h2>Question {}</h2><p class=\"prompt\">{}</p>",
        v.stage.step,
        esc(&question.prompt)
    );
    // Which option wins where two could seem to fit, as the walkthrough says it.
    if let Some(instructions) = &question.instructions {
        let _ = write!(
            out,
            "<p class=\"how\"><b>How to choose:</b> {}</p>",
            esc(instructions)
        );
    }
    let mine = v
        .device
        .answer(v.case, q)
        .filter(|a| a.round == v.stage.round && v.stage.round > 0);
    match v.stage.phase {
        Phase::Waiting => {
            list_options(out, v, q);
            out.push_str(
                "<p class=\"status\">Not open yet: the teacher will open it for answers.</p>",
            );
        }
        Phase::Open => {
            let _ = write!(
                out,
                "<form method=\"post\"><fieldset><legend>Your answer</legend>"
            );
            for (i, o) in question.options.iter().enumerate() {
                let checked = if mine.is_some_and(|a| a.option == i) {
                    " checked"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<div class=\"choice\"><input type=\"radio\" name=\"option\" id=\"o{i}\" \
                     value=\"{l}\" required{checked}><label for=\"o{i}\"><b>{l}.</b> {}</label></div>",
                    esc(&o.label),
                    l = letter(i)
                );
            }
            out.push_str("</fieldset><fieldset><legend>How sure are you?</legend>");
            for level in 1..=3u8 {
                let words = Confidence::from_level(level).map_or("", Confidence::words);
                let checked = if mine.map_or(level == 2, |a| a.confidence == level) {
                    " checked"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<div class=\"choice\"><input type=\"radio\" name=\"confidence\" \
                     id=\"c{level}\" value=\"{level}\"{checked}><label for=\"c{level}\">{level} \
                     {words}</label></div>"
                );
            }
            out.push_str("</fieldset><button type=\"submit\">Send answer</button></form>");
            if let Some(a) = mine {
                let _ = write!(
                    out,
                    "<p class=\"status\" role=\"status\">Answer received: {}, {}. You can change \
                     it until the teacher locks the question.</p>",
                    letter(a.option),
                    Confidence::from_level(a.confidence).map_or("", Confidence::words)
                );
            }
        }
        Phase::Locked | Phase::Revealed => {
            list_options(out, v, q);
            match mine {
                Some(a) => {
                    let _ = write!(
                        out,
                        "<p class=\"status\">Locked. Your answer: {}, {}.</p>",
                        letter(a.option),
                        Confidence::from_level(a.confidence).map_or("", Confidence::words)
                    );
                }
                None => out.push_str("<p class=\"status\">Locked. You did not answer.</p>"),
            }
            if v.stage.phase == Phase::Revealed {
                reveal(out, v, q);
            }
        }
    }
    out.push_str("</section>");
}

fn list_options(out: &mut String, v: &View<'_>, q: usize) {
    out.push_str("<ol class=\"options\">");
    for (i, o) in v.pack.question(q).options.iter().enumerate() {
        let _ = write!(out, "<li><b>{}.</b> {}</li>", letter(i), esc(&o.label));
    }
    out.push_str("</ol>");
}

fn reveal(out: &mut String, v: &View<'_>, q: usize) {
    let question = v.pack.question(q);
    out.push_str("<section class=\"reveal\"><h3>The court</h3>");
    match (v.case, v.court.get(&q)) {
        (Some(_), Some(&c)) => {
            let _ = write!(
                out,
                "<p>The court's answer: <b>{}.</b> {}</p>",
                letter(c),
                esc(&question.options[c].label)
            );
        }
        (Some(_), None) => out.push_str(
            "<p>The court never reached this question: the room has left the court's path.</p>",
        ),
        (None, _) => {
            out.push_str("<p>No fact pattern is chosen, so there is no court's answer.</p>");
        }
    }
    if let Some(e) = question
        .excerpts
        .iter()
        .find_map(|e| cite_excerpt(v.pack, e))
    {
        let _ = write!(
            out,
            "<blockquote><p>\u{201c}{}\u{201d}</p></blockquote><p class=\"cite\">{} \
             <span class=\"badge\">[{}]</span></p>",
            esc(&e.quote),
            esc(&e.citation),
            esc(&excerpt_badges(&e))
        );
    }
    out.push_str("</section>");
}

fn conclusion(out: &mut String, v: &View<'_>, c: usize) {
    let c = v.pack.conclusion(c);
    let _ = write!(
        out,
        "<section><h2>Where the room ended: {}</h2><p><b>{}</b></p><p>{}</p>",
        esc(v.pack.outcome_label(&c.outcome)),
        esc(&c.title),
        esc(&c.summary)
    );
    if let (Some(case), Phase::Revealed) = (v.case, v.stage.phase) {
        let case = &v.pack.cases()[case];
        let _ = write!(
            out,
            "<p>The court: {}</p><p>{}</p>",
            esc(&case.citation),
            esc(&case.holding)
        );
    }
    if v.pattern.as_ref().is_some_and(|p| p.steps.is_empty()) {
        out.push_str("<h3>Your score</h3><p>You answered no question, so there is no score.</p>");
    } else if let Some(p) = &v.pattern {
        let s = score(v.pack, p);
        let _ = write!(
            out,
            "<h3>Your score</h3><p>{} of {} of your answers matched the court's; certainty \
             marks {}.</p><p><a href=\"/j/{}/results.json\" download>Download your results \
             file</a></p>",
            s.matched,
            s.scored,
            s.certainty,
            esc(v.code)
        );
    }
    out.push_str("</section>");
}

/// A short page for a refused request, with the way back.
pub fn refused(code: Option<&str>, message: &str) -> String {
    let back = code.map_or(String::new(), |c| {
        format!("<p><a href=\"/j/{}\">Back to the question</a></p>", esc(c))
    });
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Live class</title></head><body><p role=\"alert\">{}</p>{back}</body></html>\n",
        esc(message)
    )
}
