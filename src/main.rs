//! The `immunity` binary: parse the command line, run the chosen command (`commands`), and turn
//! its outcome into an exit code (`commands::Exit`, listed in `cli::EXIT_CODES`). The work
//! itself lives in the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::FromArgMatches as _;

fn main() -> ExitCode {
    let matches = commands::command().get_matches();
    let cli = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let exit = match commands::run(cli) {
        Ok(exit) => exit,
        Err(failure) => failure.report(),
    };
    exit.into()
}
