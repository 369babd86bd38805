//! `immunity man`: the manual page, in roff, generated from the clap definitions so it cannot
//! drift from `--help`.
//!
//! `clap_mangen` renders the top-level command; every subcommand is then written into the same
//! page (one `.SS` per command, with its options), followed by the exit statuses and the
//! environment variables the program reads. One page, because `immunity` is installed with
//! `cargo install` and has no place to put one page per subcommand.

use clap::Command;
use roff::{Roff, bold, italic, roman};

use super::{Exit, Failure, print_stdout};
use crate::cli::EXIT_CODES;

/// Prints the manual page.
pub fn run() -> Result<Exit, Failure> {
    let page = render(super::command().version(super::version())).map_err(Failure::Manual)?;
    print_stdout(&String::from_utf8_lossy(&page))?;
    Ok(Exit::Success)
}

/// The whole manual page.
fn render(cmd: Command) -> std::io::Result<Vec<u8>> {
    // The exit codes get their own section below, laid out as a list; clap's after-help text
    // would be filled into one paragraph.
    let cmd = cmd.after_help(None::<&str>).after_long_help(None::<&str>);
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;

    let mut roff = Roff::default();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command_section(&mut roff, sub);
    }
    exit_status(&mut roff);
    environment(&mut roff);
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// One subcommand: its synopsis, description and options.
fn command_section(roff: &mut Roff, sub: &Command) {
    let name = format!("immunity {}", sub.get_name());
    roff.control("SS", [name.as_str()]);
    let about = sub
        .get_long_about()
        .or_else(|| sub.get_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    for paragraph in about.split("\n\n") {
        roff.control("PP", []);
        roff.text([roman(paragraph.replace('\n', " "))]);
    }
    for arg in sub.get_arguments() {
        if arg.is_hide_set() || arg.get_id() == "help" || arg.is_global_set() {
            continue;
        }
        let mut head = Vec::new();
        if let Some(short) = arg.get_short() {
            head.push(bold(format!("-{short}")));
            head.push(roman(", "));
        }
        if let Some(long) = arg.get_long() {
            head.push(bold(format!("--{long}")));
        }
        let takes_value = arg.get_action().takes_values();
        if takes_value && let Some(names) = arg.get_value_names() {
            if !head.is_empty() {
                head.push(roman(" "));
            }
            let names: Vec<String> = names.iter().map(|n| format!("<{n}>")).collect();
            head.push(italic(names.join(" ")));
        }
        if head.is_empty() {
            head.push(italic(format!(
                "<{}>",
                arg.get_id().as_str().to_uppercase()
            )));
        }
        roff.control("TP", []);
        roff.text(head);
        let help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut text = help.replace("\n\n", " ").replace('\n', " ");
        let possible = arg.get_possible_values();
        let values: Vec<&str> = possible
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(clap::builder::PossibleValue::get_name)
            .collect();
        if takes_value && !values.is_empty() {
            if !text.ends_with('.') {
                text.push('.');
            }
            text.push_str(" One of: ");
            text.push_str(&values.join(", "));
            text.push('.');
        }
        roff.text([roman(text)]);
    }
}

/// The exit statuses, from the same table `--help` prints.
fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in EXIT_CODES.lines().skip(1) {
        let trimmed = line.trim();
        match trimmed.split_once("  ") {
            // A code is a number, or a form such as `128+N`.
            Some((code, text)) if code.starts_with(|c: char| c.is_ascii_digit()) => {
                entries.push((code.to_owned(), text.trim().to_owned()));
            }
            _ => {
                if let Some(last) = entries.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(trimmed);
                }
            }
        }
    }
    for (code, text) in entries {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(text)]);
    }
}

/// The environment variables the program reads.
fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, text) in [
        (
            "NO_COLOR",
            "Set and not empty: no colour (unless --color always).",
        ),
        ("CLICOLOR", "0: no colour."),
        (
            "CLICOLOR_FORCE",
            "Set and not 0: colour even when the output is not a terminal.",
        ),
        (
            "ACCESSIBLE",
            "Set and not empty: the walkthrough runs line by line (as with --plain).",
        ),
        (
            "TERM",
            "dumb: the walkthrough runs line by line, without colour.",
        ),
    ] {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(text)]);
    }
}
