//! `immunity schema`: the JSON Schemas of the files the program reads and writes.

use immunity::{pack, report};

use super::{Exit, Failure, print_stdout};

/// Which file's schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// `pack.json`.
    Pack,
    /// `cases.json`.
    Cases,
    /// The JSON report.
    Report,
    /// The pending question of `walk`.
    Pending,
    /// A matter file.
    Matter,
    /// The JSON memo.
    Memo,
}

/// Prints the schema of `which`.
pub fn run(which: Which) -> Result<Exit, Failure> {
    let schema =
        match which {
            Which::Matter => immunity::matter::schema(),
            Which::Memo => immunity::matter::memo::schema(),
            Which::Pending => report::pending_schema(),
            Which::Report => report::schema(),
            Which::Cases => serde_json::to_value(schemars::schema_for!(pack::CasesFile))
                .expect("schema serialises"),
            Which::Pack => serde_json::to_value(schemars::schema_for!(pack::PackFile))
                .expect("schema serialises"),
        };
    let text = serde_json::to_string_pretty(&schema).expect("schema serialises");
    print_stdout(&format!("{text}\n"))?;
    Ok(Exit::Success)
}

/// Prints the schema of a quiz results file.
pub fn results() -> Result<Exit, Failure> {
    let text =
        serde_json::to_string_pretty(&immunity::results::schema()).expect("schema serialises");
    print_stdout(&format!("{text}\n"))?;
    Ok(Exit::Success)
}
