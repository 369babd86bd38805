//! STUB — being replaced by the report helper. Signatures are the contract.
use crate::engine::Session;
use serde::Serialize;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    Text,
}

/// Values that come from outside the session.
#[derive(Debug, Clone)]
pub struct ReportContext {
    pub tool_version: String,
    pub exported_at: String,
}

/// The report model.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub conclusion: String,
}

impl Report {
    /// None unless the session stands at a conclusion.
    pub fn from_session(session: &Session<'_>, _ctx: &ReportContext) -> Option<Report> {
        session.conclusion().map(|c| Report {
            conclusion: session.pack().conclusion(c).id.clone(),
        })
    }
}

/// Renders a report.
pub fn render(report: &Report, _format: Format) -> String {
    report.conclusion.clone()
}

/// JSON Schema of the JSON export.
pub fn schema() -> serde_json::Value {
    serde_json::Value::Null
}
