//! The `immunity` binary: parse the command line, run the chosen command (`commands`), and turn
//! its outcome into an exit code (`commands::Exit`, listed in `cli::EXIT_CODES`). The work
//! itself lives in the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::FromArgMatches as _;

fn main() -> ExitCode {
    let cli = if std::env::args_os().len() == 1 {
        cli::Cli::bare()
    } else {
        let matches = commands::command().get_matches();
        cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    };
    let exit = match commands::run(cli) {
        Ok(exit) => exit,
        Err(failure) => failure.report(),
    };
    // A terminating signal that arrived as the command finished: its thread may not have run
    // yet, so the temporary files are removed here and the exit code says the signal.
    if let Some(number) = immunity::export::caught_signal() {
        immunity::export::remove_live_temp_files();
        return commands::Exit::Signal(number).into();
    }
    exit.into()
}
