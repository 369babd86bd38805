//! A bar chart in HTML: a table (caption, then per bar the answer, its figures in words and the
//! bar), so the figures are text a screen reader reads and a browser can copy; each bar is a
//! small inline SVG hidden from assistive technology, drawn dark for a marked answer (whose
//! label is bold and whose mark is written in words too, never colour alone). No scripts and no
//! outside resources: it keeps the one Content-Security-Policy.

use std::fmt::Write as _;

use super::esc;
use crate::document::Bar;
use crate::text::Clean;

/// The width of a full bar, in CSS pixels.
const FULL: usize = 200;

/// Appends the chart.
pub(super) fn bars(out: &mut String, caption: &Clean, whole: usize, bars: &[Bar]) {
    let _ = writeln!(
        out,
        "<table class=\"bars\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Answer</th><th scope=\"col\">Count</th><th scope=\"col\"><span class=\"sr\">Bar</span></th></tr></thead>\n<tbody>",
        esc(caption)
    );
    for bar in bars {
        let w = bar.cells(whole, FULL);
        let (open, close, fill) = if bar.mark.is_some() {
            ("<strong>", "</strong>", "#1f4e79")
        } else {
            ("", "", "#b8c4d0")
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{open}{}{close}</th><td class=\"count\">{open}{}{close}</td><td class=\"bar\"><svg xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" focusable=\"false\" width=\"{FULL}\" height=\"14\" viewBox=\"0 0 {FULL} 14\"><rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"13\" fill=\"none\" stroke=\"#999\"/><rect x=\"0.5\" y=\"0.5\" width=\"{w}\" height=\"13\" fill=\"{fill}\" stroke=\"#111\"/></svg></td></tr>",
            esc(&bar.label),
            esc(&bar.figures(whole)),
            FULL - 1
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
