//! TEMPORARY entry point for the `tui` branch: parses `--pack DIR`, `--no-color` and
//! `--case ID` by hand and runs the walkthrough. The lead replaces it with the clap CLI.

use std::process::ExitCode;

use immunity::pack::{FileSet, load};
use immunity::tui::{self, TuiOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut options = TuiOptions::default();
    let mut dir = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pack" => dir = args.next(),
            "--case" => options.case = args.next(),
            "--no-color" => options.no_color = true,
            other => {
                eprintln!(
                    "immunity: unknown argument {}",
                    immunity::text::escape_for_display(other)
                );
                return ExitCode::from(2);
            }
        }
    }
    if !tui::is_interactive() {
        eprintln!("{}", tui::NOT_A_TERMINAL);
        return ExitCode::from(2);
    }
    let files = match dir {
        Some(dir) => FileSet::from_dir(std::path::Path::new(&dir)),
        None => FileSet::bundled("judicial-immunity")
            .ok_or_else(|| std::io::Error::other("no bundled pack")),
    };
    let pack = match files.map(|f| load(&f)) {
        Ok(Ok((pack, _))) => pack,
        Ok(Err(diagnostics)) => {
            eprintln!("immunity: the pack is invalid: {diagnostics:?}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("immunity: {e}");
            return ExitCode::from(2);
        }
    };
    match tui::run(&pack, &options) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::from(2)
        }
    }
}
