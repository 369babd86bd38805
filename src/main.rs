//! The `immunity` binary: parse the command line, run the chosen command (`commands`), and turn
//! its outcome into an exit code (`commands::Exit`, listed in `cli::EXIT_CODES`). The work
//! itself lives in the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let exit = match commands::run(cli::Cli::parse()) {
        Ok(exit) => exit,
        Err(failure) => failure.report(),
    };
    exit.into()
}
