//! The conventions of a well-behaved command-line tool, decided in one place: whether to use
//! colour (`--color`, `NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`, `TERM=dumb`) and whether to run
//! the line-by-line walkthrough instead of the full screen (`--plain`, `ACCESSIBLE`, `TERM=dumb`,
//! standard input or output not a terminal).
//!
//! Both are pure functions of the flags, the environment (passed in as a lookup, so tests cover
//! every combination without touching the process's environment) and whether the streams are
//! terminals. `main` calls them once with the real values.

use std::ffi::OsString;

/// `--color`: what the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Colour on a terminal, unless the environment says otherwise.
    #[default]
    Auto,
    /// Colour even when the output is not a terminal.
    Always,
    /// No colour at all.
    Never,
}

/// A variable that is set and not empty.
fn set_not_empty(value: Option<&OsString>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// Whether to colour output written to a stream, following <https://no-color.org> and
/// <https://bixense.com/clicolors/> in the order `anstream` uses:
///
/// 1. `--color always` or `--color never` wins over the environment (the user typed it);
/// 2. `NO_COLOR` set and not empty: no colour;
/// 3. `CLICOLOR_FORCE` set and not `0`: colour, even into a pipe;
/// 4. `CLICOLOR=0`: no colour;
/// 5. otherwise colour only on a terminal that is not `TERM=dumb`.
///
/// `env` looks a variable up (`std::env::var_os` in the program).
pub fn color_enabled(
    choice: ColorChoice,
    env: &dyn Fn(&str) -> Option<OsString>,
    stream_is_terminal: bool,
) -> bool {
    match choice {
        ColorChoice::Always => return true,
        ColorChoice::Never => return false,
        ColorChoice::Auto => {}
    }
    if set_not_empty(env("NO_COLOR").as_ref()) {
        return false;
    }
    if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    if env("CLICOLOR").is_some_and(|v| v == "0") {
        return false;
    }
    stream_is_terminal && !term_is_dumb(env)
}

/// `TERM=dumb`: a terminal that understands no escape sequence at all (Emacs shell buffers,
/// some screen-reader set-ups).
fn term_is_dumb(env: &dyn Fn(&str) -> Option<OsString>) -> bool {
    env("TERM").is_some_and(|v| v == "dumb")
}

/// Why the line-by-line walkthrough was chosen, for the one line it prints at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainReason {
    /// `--plain` was given.
    Flag,
    /// `ACCESSIBLE` is set and not empty.
    Accessible,
    /// `TERM=dumb`.
    DumbTerminal,
    /// Standard input or output is not a terminal (a pipe, a file).
    NotATerminal,
}

impl PlainReason {
    /// The reason in words, for the start of the session.
    pub fn words(self) -> &'static str {
        match self {
            PlainReason::Flag => "--plain was given",
            PlainReason::Accessible => "ACCESSIBLE is set",
            PlainReason::DumbTerminal => "TERM is dumb",
            PlainReason::NotATerminal => "standard input or output is not a terminal",
        }
    }
}

/// [`plain_mode`] for this process: its environment and whether its standard input and output
/// are terminals.
pub fn plain_mode_here(flag: bool) -> Option<PlainReason> {
    use std::io::IsTerminal as _;
    plain_mode(
        flag,
        &|name| std::env::var_os(name),
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    )
}

/// Whether the interactive walkthrough runs line by line rather than full screen, and why:
/// `--plain`, `ACCESSIBLE` set and not empty, `TERM=dumb`, or either standard stream not a
/// terminal. `None`: the full-screen walkthrough.
pub fn plain_mode(
    flag: bool,
    env: &dyn Fn(&str) -> Option<OsString>,
    stdin_is_terminal: bool,
    stdout_is_terminal: bool,
) -> Option<PlainReason> {
    if flag {
        Some(PlainReason::Flag)
    } else if set_not_empty(env("ACCESSIBLE").as_ref()) {
        Some(PlainReason::Accessible)
    } else if term_is_dumb(env) {
        Some(PlainReason::DumbTerminal)
    } else if !stdin_is_terminal || !stdout_is_terminal {
        Some(PlainReason::NotATerminal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Variables of a test environment.
    type Vars = &'static [(&'static str, &'static str)];

    /// An environment holding exactly `vars`.
    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn colour_over_every_combination_of_flag_environment_and_stream() {
        use ColorChoice::{Always, Auto, Never};
        // (flag, environment, stream is a terminal, expected)
        let cases: &[(ColorChoice, Vars, bool, bool)] = &[
            (Auto, &[], true, true),
            (Auto, &[], false, false),
            (Auto, &[("NO_COLOR", "1")], true, false),
            // An empty NO_COLOR does not count.
            (Auto, &[("NO_COLOR", "")], true, true),
            (Auto, &[("CLICOLOR", "0")], true, false),
            (Auto, &[("CLICOLOR", "1")], true, true),
            (Auto, &[("CLICOLOR", "1")], false, false),
            (Auto, &[("CLICOLOR_FORCE", "1")], false, true),
            (Auto, &[("CLICOLOR_FORCE", "yes")], false, true),
            (Auto, &[("CLICOLOR_FORCE", "0")], false, false),
            (Auto, &[("CLICOLOR_FORCE", "")], false, false),
            // CLICOLOR_FORCE beats CLICOLOR=0 and TERM=dumb; NO_COLOR beats CLICOLOR_FORCE.
            (
                Auto,
                &[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0")],
                true,
                true,
            ),
            (
                Auto,
                &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")],
                true,
                true,
            ),
            (
                Auto,
                &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
                false,
                false,
            ),
            (Auto, &[("TERM", "dumb")], true, false),
            (Auto, &[("TERM", "xterm-256color")], true, true),
            // The flag beats every variable.
            (Always, &[("NO_COLOR", "1"), ("CLICOLOR", "0")], false, true),
            (Always, &[("TERM", "dumb")], false, true),
            (Never, &[("CLICOLOR_FORCE", "1")], true, false),
            (Never, &[], true, false),
        ];
        for (choice, vars, terminal, expected) in cases {
            assert_eq!(
                color_enabled(*choice, &env(vars), *terminal),
                *expected,
                "{choice:?} {vars:?} terminal={terminal}"
            );
        }
    }

    #[test]
    fn plain_mode_over_flag_environment_and_streams() {
        use PlainReason::{Accessible, DumbTerminal, Flag, NotATerminal};
        let cases: &[(bool, Vars, bool, bool, Option<PlainReason>)] = &[
            (false, &[], true, true, None),
            (true, &[], true, true, Some(Flag)),
            (false, &[("ACCESSIBLE", "1")], true, true, Some(Accessible)),
            (false, &[("ACCESSIBLE", "")], true, true, None),
            (false, &[("TERM", "dumb")], true, true, Some(DumbTerminal)),
            (false, &[("TERM", "xterm")], true, true, None),
            (false, &[], false, true, Some(NotATerminal)),
            (false, &[], true, false, Some(NotATerminal)),
            (false, &[], false, false, Some(NotATerminal)),
            (true, &[("ACCESSIBLE", "1")], false, false, Some(Flag)),
        ];
        for (flag, vars, stdin, stdout, expected) in cases {
            assert_eq!(
                plain_mode(*flag, &env(vars), *stdin, *stdout),
                *expected,
                "flag={flag} {vars:?} stdin={stdin} stdout={stdout}"
            );
        }
    }
}
