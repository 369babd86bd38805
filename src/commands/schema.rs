//! `immunity schema`: the JSON Schemas of the files the program reads and writes.

use immunity::{pack, report};

use super::{Exit, Failure, print_stdout};

/// Prints the schema of `pack.json` (default), `cases.json` (`cases`), the JSON report
/// (`report`) or the pending question of `walk` (`pending`).
pub fn run(cases: bool, report: bool, pending: bool) -> Result<Exit, Failure> {
    let schema = if pending {
        report::pending_schema()
    } else if report {
        report::schema()
    } else if cases {
        serde_json::to_value(schemars::schema_for!(pack::CasesFile)).expect("schema serialises")
    } else {
        serde_json::to_value(schemars::schema_for!(pack::PackFile)).expect("schema serialises")
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
