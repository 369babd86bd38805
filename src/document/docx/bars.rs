//! A bar chart in Word: its caption in bold, then a table of the answers, their figures in
//! words and a text bar of '█' scaled to the whole (a marked answer in bold, its mark in words),
//! which Word and `LibreOffice` print as they show it.

use docx_rs::{Paragraph, Run, Table, TableLayoutType, TableRow, WidthType};

use crate::document::Bar;

/// A full bar, in cells.
const FULL: usize = 10;

/// The caption and the table.
pub(super) fn bars(caption: &str, whole: usize, bars: &[Bar]) -> (Paragraph, Table) {
    let caption = Paragraph::new().add_run(Run::new().add_text(caption).bold());
    // Twentieths of a point across the 6.5 inches between the margins: answer, figures, bar.
    let widths = [3240, 3600, 2520];
    let cell = |c: usize, text: &str, bold: bool| super::cell(widths[c], text, bold);
    let mut rows = vec![TableRow::new(vec![
        cell(0, "Answer", true),
        cell(1, "Count", true),
        cell(2, "Bar", true),
    ])];
    for bar in bars {
        let marked = bar.mark.is_some();
        let cells = bar.cells(whole, FULL);
        let text_bar = format!(
            "{}{}",
            "\u{2588}".repeat(cells),
            "\u{2591}".repeat(FULL - cells)
        );
        rows.push(TableRow::new(vec![
            cell(0, &bar.label, marked),
            cell(1, &bar.figures(whole), marked),
            cell(2, &text_bar, false),
        ]));
    }
    let table = Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa);
    (caption, table)
}
