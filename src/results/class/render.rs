//! The class report's renderings, one per [`ClassFormat`]: the document through the document
//! writers, the CSV gradebook (one row per student, no cell a spreadsheet runs as a formula)
//! and the JSON model.

use super::{ClassFormat, ClassReport, document};

/// A CSV gradebook: one row per student. Cells that a spreadsheet would read as a formula
/// (starting `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.
pub fn csv(r: &ClassReport) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "student",
        "file",
        "patterns",
        "steps_matched",
        "steps_scored",
        "percent",
        "outcomes_matched",
        "certainty",
        "confident_errors",
        "seconds",
        "court_steps",
        "certainty_max",
        "outcome_points",
        "outcome_max",
    ]);
    for s in &r.students {
        #[allow(clippy::cast_precision_loss)] // counts of quiz steps
        let percent = if s.scored == 0 {
            String::new()
        } else {
            format!("{:.1}", s.matched as f64 * 100.0 / s.scored as f64)
        };
        let _ = w.write_record([
            safe_cell(&s.student),
            safe_cell(&s.file),
            s.patterns.to_string(),
            s.matched.to_string(),
            s.scored.to_string(),
            percent,
            s.outcomes_matched.to_string(),
            s.certainty.to_string(),
            s.confident_errors.to_string(),
            format!("{:.1}", s.seconds),
            s.court_steps.to_string(),
            s.certainty_max.to_string(),
            s.outcome_points.to_string(),
            s.outcome_max.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell that no spreadsheet will run as a formula.
fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// The report in `format`: the bytes, and a warning when the PDF could not draw a character.
/// Text is wrapped to `width` columns; `date` (YYYY-MM-DD) dates the document.
pub fn render(
    r: &ClassReport,
    format: ClassFormat,
    width: usize,
    date: &str,
) -> Result<crate::document::Written, String> {
    let plain = |text: String| crate::document::Written {
        bytes: text.into_bytes(),
        warning: None,
    };
    match format.writer() {
        Some(crate::document::Writer::Text) => Ok(plain(crate::document::text::render_width(
            &document(r, date).blocks,
            width,
        ))),
        Some(writer) => document(r, date).into_written(writer),
        None if format == ClassFormat::Csv => Ok(plain(csv(r))),
        None => Ok(plain(json(r))),
    }
}

/// The model as pretty JSON.
pub fn json(r: &ClassReport) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(r).expect("the class report serialises")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(safe_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@cmd"), "'@cmd");
        assert_eq!(safe_cell("Ada"), "Ada");
    }
}
