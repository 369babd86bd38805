//! The line mode's one command loop and its command tables.
//!
//! Each mode (the walkthrough, the matter's menu, a screening's walk) is a [`Mode`]: a table of
//! [`Command`]s (name, aliases, what it takes, one line of help, handler) and a few hooks. The
//! one loop, [`run`], reads a line, finds its command in the table and calls the handler; `?`
//! prints the help generated from the same table ([`help_lines`]), so a command cannot be
//! added without its help, nor its help left behind when it goes.

use super::PlainError;
use super::input::{Line, MAX_LINE};
use crate::text::Clean;

/// What a command takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Takes {
    /// Nothing: a word after it makes the line no command.
    Nothing,
    /// A number, which the help names (`g 2`, `rename 1`).
    Number(&'static str),
    /// A text, or nothing, when the handler asks for it (`note TEXT`).
    Text,
    /// A number, or nothing, when the handler asks for it; the handler reads the number, so
    /// that it can say which it did not find (`uncite 2`).
    MaybeNumber,
}

/// What was typed after a command's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Given {
    /// Nothing.
    Nothing,
    /// A number.
    Number(usize),
    /// A text; `None` when the command was typed alone.
    Text(Option<String>),
}

impl Given {
    /// The number given ([`Takes::Number`] commands are only called with one).
    pub(crate) fn number(self) -> usize {
        match self {
            Given::Number(n) => n,
            _ => 0,
        }
    }

    /// The text given, if any.
    pub(crate) fn text(self) -> Option<String> {
        match self {
            Given::Text(t) => t,
            _ => None,
        }
    }
}

/// How a command left the session: going on, or ending it with `E`.
#[derive(Debug)]
pub(crate) enum Flow<E> {
    Go,
    Stop(E),
}

/// What a handler returns: the flow, or a refusal in words (said, or in a script the end of
/// the session), or an error that ends the session.
pub(crate) type Outcome<S> = Result<Result<Flow<<S as Mode>::End>, String>, <S as Mode>::Error>;

/// One command of a mode's table. The name `""` is the line without a command word: with
/// [`Takes::Nothing`] an empty line, with [`Takes::Number`] a number alone.
pub(crate) struct Command<S: Mode> {
    /// The word typed, lower case.
    pub name: &'static str,
    /// Other words for it.
    pub aliases: &'static [&'static str],
    /// What follows the word.
    pub takes: Takes,
    /// What it does, in one sentence for the help.
    pub help: &'static str,
    /// What it does.
    pub run: fn(&mut S, Given) -> Outcome<S>,
}

impl<S: Mode> Command<S> {
    /// A row of a table.
    pub(crate) fn new(
        name: &'static str,
        aliases: &'static [&'static str],
        takes: Takes,
        help: &'static str,
        run: fn(&mut S, Given) -> Outcome<S>,
    ) -> Self {
        Command {
            name,
            aliases,
            takes,
            help,
            run,
        }
    }

    /// How the help names the command: "w", "g and a number", "A number", "An empty line".
    pub(crate) fn usage(&self) -> String {
        match (self.name, self.takes) {
            ("", Takes::Number(_)) => "A number".to_owned(),
            ("", _) => "An empty line".to_owned(),
            (name, Takes::Nothing) => name.to_owned(),
            (name, Takes::Number(_) | Takes::MaybeNumber) => format!("{name} and a number"),
            (name, Takes::Text) => format!("{name} and a text"),
        }
    }

    /// The command's line in the help.
    pub(crate) fn help_line(&self) -> String {
        format!("{}: {}", self.usage(), self.help)
    }

    fn answers_to(&self, word: &str) -> bool {
        self.name == word || self.aliases.contains(&word)
    }
}

/// A line mode with a command table.
pub(crate) trait Mode: Sized {
    /// How the session ends without an error.
    type End;
    /// Why it stops with one.
    type Error: From<PlainError>;
    /// The lines the help opens with, before the commands.
    const INTRO: &'static [&'static str];
    /// The commands, in the order the help lists them.
    fn commands() -> Vec<Command<Self>>;
    /// The lines the help ends with, after the commands.
    fn notes() -> Vec<String>;
    /// What the line that is no command is called in the refusal.
    fn unknown(text: &str) -> String;
    /// A word that names an option (the walkthrough's option ids): the number it stands for.
    fn option_number(&self, _word: &str) -> Option<usize> {
        None
    }
    /// The next command line (comments skipped), or `None` at the end of the input.
    fn read_command(&mut self) -> Result<Option<Line>, PlainError>;
    /// Writes one line.
    fn say(&mut self, line: &str) -> Result<(), PlainError>;
    /// The line of keys that apply where the session stands.
    fn keys(&mut self) -> Result<(), Self::Error>;
    /// Says why a command was refused (in a script, stops with the input line).
    fn refuse(&mut self, message: &str) -> Result<(), Self::Error>;
    /// The input ended.
    fn end_of_input(&mut self) -> Result<Self::End, Self::Error>;
}

/// The one loop: reads commands and does them until one stops the session or the input ends.
pub(crate) fn run<S: Mode>(s: &mut S) -> Result<S::End, S::Error> {
    let commands = S::commands();
    loop {
        let Some(line) = s.read_command()? else {
            return s.end_of_input();
        };
        let parsed = match line {
            Line::TooLong => Err(format!(
                "the line is longer than {MAX_LINE} bytes; type ? for the commands"
            )),
            Line::Text(text) => parse(&commands, &text, |w| s.option_number(w)),
        };
        let result = match parsed {
            Ok((i, given)) => (commands[i].run)(s, given)?,
            Err(message) => Err(message),
        };
        match result {
            Ok(Flow::Go) => {}
            Ok(Flow::Stop(end)) => return Ok(end),
            Err(message) => s.refuse(&message)?,
        }
    }
}

/// Finds a line's command in `commands` (its index) and what was given to it, or says why the
/// line is none. A number alone and an empty line go to the commands named `""`; a word no
/// command answers to may name an option (`option_number`).
pub(crate) fn parse<S: Mode>(
    commands: &[Command<S>],
    text: &Clean,
    option_number: impl Fn(&str) -> Option<usize>,
) -> Result<(usize, Given), String> {
    let text = text.trim();
    let bare = |takes: fn(&Takes) -> bool| {
        commands
            .iter()
            .position(|c| c.name.is_empty() && takes(&c.takes))
    };
    if text.is_empty()
        && let Some(i) = bare(|t| *t == Takes::Nothing)
    {
        return Ok((i, Given::Nothing));
    }
    if let Ok(n) = text.parse::<usize>()
        && let Some(i) = bare(|t| matches!(t, Takes::Number(_)))
    {
        return Ok((i, Given::Number(n)));
    }
    let (word, rest) = match text.split_once(char::is_whitespace) {
        Some((w, r)) => (w.to_ascii_lowercase(), r.trim()),
        None => (text.to_ascii_lowercase(), ""),
    };
    if let Some(i) = commands
        .iter()
        .position(|c| !c.name.is_empty() && c.answers_to(&word))
    {
        let c = &commands[i];
        match c.takes {
            Takes::Nothing if rest.is_empty() => return Ok((i, Given::Nothing)),
            Takes::Nothing => {}
            Takes::Text | Takes::MaybeNumber => {
                return Ok((
                    i,
                    Given::Text(Some(rest.to_owned()).filter(|r| !r.is_empty())),
                ));
            }
            Takes::Number(what) => {
                return match rest.parse::<usize>() {
                    Ok(n) => Ok((i, Given::Number(n))),
                    Err(_) => Err(format!(
                        "{word} needs {what}, for example {word} {}",
                        if c.name.len() == 1 { 2 } else { 1 }
                    )),
                };
            }
        }
    }
    // A one-letter command and its number written together: "g2".
    if let Some(i) = commands.iter().position(|c| {
        c.name.len() == 1
            && matches!(c.takes, Takes::Number(_))
            && word
                .strip_prefix(c.name)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }) && let Ok(n) = word[1..].parse::<usize>()
    {
        return Ok((i, Given::Number(n)));
    }
    if let Some(n) = option_number(text)
        && let Some(i) = bare(|t| matches!(t, Takes::Number(_)))
    {
        return Ok((i, Given::Number(n)));
    }
    Err(S::unknown(text))
}

/// The help: the mode's opening lines, one line a command, its closing lines.
pub(crate) fn help_lines<S: Mode>() -> Vec<String> {
    S::INTRO
        .iter()
        .map(|s| (*s).to_owned())
        .chain(S::commands().iter().map(Command::help_line))
        .chain(S::notes())
        .collect()
}

/// `?`: the help, then the keys.
pub(crate) fn help<S: Mode>(s: &mut S, _: Given) -> Outcome<S> {
    for line in help_lines::<S>() {
        s.say(&line)?;
    }
    s.keys()?;
    Ok(Ok(Flow::Go))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Whether each key of a keys line ("w why; b back; rename N; ? help") is a command of
    /// `commands`, typed as the line names it (its first word, or "rename 1" for "rename N");
    /// the keys that name a number range ("1–3 to choose") are the bare number's.
    pub(crate) fn keys_are_commands<S: Mode>(commands: &[Command<S>], line: &str) -> bool {
        line.split("; ")
            .filter(|key| !key.starts_with(|c: char| c.is_ascii_digit()))
            .all(|key| {
                let typed = key.strip_suffix(" N").map_or_else(
                    || key.split(' ').next().unwrap_or_default().to_owned(),
                    |name| format!("{name} 1"),
                );
                parse(commands, &Clean::line(&typed), |_| None).is_ok()
            })
    }

    /// Every command of `S`'s table has its line in the help, and every line of the help
    /// between the opening and closing lines is a command: typing it as the help names it
    /// (a number where it takes one) finds that command.
    pub(crate) fn help_and_table_agree<S: Mode>() {
        let commands = S::commands();
        let lines = help_lines::<S>();
        let body = &lines[S::INTRO.len()..lines.len() - S::notes().len()];
        assert_eq!(body.len(), commands.len());
        for c in &commands {
            assert!(
                lines.contains(&c.help_line()),
                "{} is missing from the help",
                c.usage()
            );
        }
        for (line, c) in body.iter().zip(&commands) {
            let (usage, said) = line.split_once(": ").expect("usage: help");
            assert!(!said.is_empty(), "{line}");
            let typed = match (usage, c.takes) {
                ("A number", _) => "1".to_owned(),
                ("An empty line", _) => String::new(),
                (u, Takes::Number(_) | Takes::MaybeNumber) => {
                    format!("{} 1", u.trim_end_matches(" and a number"))
                }
                (u, Takes::Text) => format!("{} words", u.trim_end_matches(" and a text")),
                (u, Takes::Nothing) => u.to_owned(),
            };
            let found = parse(&commands, &Clean::line(&typed), |_| None);
            assert!(
                matches!(found, Ok((i, _)) if commands[i].name == c.name),
                "the help line {line:?} is not the command it names"
            );
            for alias in c.aliases {
                let typed = typed.replacen(c.name, alias, 1);
                let found = parse(&commands, &Clean::line(&typed), |_| None);
                assert!(matches!(found, Ok((i, _)) if commands[i].name == c.name));
            }
        }
        let mut names: Vec<&str> = commands
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .filter(|n| !n.is_empty())
            .collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a word names two commands");
    }
}
