//! A document as a Word document (`docx-rs`): real heading styles (Title, Heading 1, Heading 2,
//! with outline levels, so Word's navigation pane and a table of contents find them), a Quote
//! style, the table of authorities as a Word table, page numbers in the footer, and each answer's
//! note and unsure or contested flag as a Word comment anchored on that answer, bar charts as
//! tables with a text bar (`bars`).

use docx_rs::{
    AlignmentType, BreakType, Comment, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph,
    Run, RunFonts, SpecialIndentType, Style, StyleType, Tab, TabValueType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::Document;
use super::escape::xml_attr;
use super::{Block, Span};
use crate::text::Clean;

mod bars;
mod deflate;

/// Half-points (Word's unit for font sizes).
const BODY: usize = 23;

/// Renders the blocks as the bytes of a .docx file.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    render_owned(document.clone())
}

/// Renders the blocks as the bytes of a .docx file, each block dropped once it is in the Word
/// document: docx-rs holds the whole document as a tree until it writes it, so the blocks need
/// not be held beside it (a memo of 1,000 screenings peaks a third lower).
pub fn render_owned(mut document: Document) -> Result<Vec<u8>, String> {
    let author = document
        .author
        .as_ref()
        .map_or_else(|| "immunity".to_owned(), ToString::to_string);
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Georgia")
                .hi_ansi("Georgia")
                .cs("Georgia"),
        )
        .default_size(BODY)
        // US Letter with one-inch margins (the PDF has three-quarter-inch ones, to keep the memo
        // before its table of authorities in four pages).
        .page_size(12240, 15840)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1440)
                .right(1440),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold()
                .align(AlignmentType::Center),
        )
        .add_style(heading_style(1, 28, (280, 100)))
        .add_style(heading_style(2, 25, (200, 80)).italic())
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .italic()
                .indent(Some(720), None, Some(720), None),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("Page "))
                    .add_page_num(PageNum::new()),
            ),
        );
    // docx-rs writes attribute values as given (it escapes only text), so the comment's author
    // and date are escaped here: a preparer named "Smith & Jones" must not break the file.
    let mut comments = Comments {
        next: 0,
        author: xml_attr(&author),
        date: xml_attr(&format!("{}T00:00:00Z", document.date)),
    };
    for block in std::mem::take(&mut document.blocks) {
        doc = add_block(doc, &block, &mut comments);
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut xml = doc.build();
    xml.document = repeat_header_rows(&xml.document);
    xml.pack(&mut bytes)
        .map_err(|e| format!("cannot build the Word document: {e}"))?;
    deflate::deflate(bytes.into_inner())
}

/// The paragraph style of a heading of `level` (1 or 2): `size` in half-points, `space`
/// before and after in twentieths of a point, and its outline level for Word's navigation pane.
fn heading_style(level: usize, size: usize, (before, after): (u32, u32)) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .line_spacing(LineSpacing::new().before(before).after(after))
        .outline_lvl(level - 1)
}

/// The document XML with each table's first row marked as a header row (`w:tblHeader`), which
/// Word and `LibreOffice` repeat at the top of every page the table runs onto. docx-rs 0.4 has no
/// setter for it: the first `<w:tr><w:trPr />` after each `<w:tbl>` gets it (text is escaped,
/// so neither string can come from a document's words).
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    const ROW: &str = "<w:tr><w:trPr />";
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at + "<w:tbl>".len());
        out.push_str(before);
        rest = table;
        if let Some(r) = rest.find(ROW) {
            out.push_str(&rest[..r]);
            out.push_str("<w:tr><w:trPr><w:tblHeader /></w:trPr>");
            rest = &rest[r + ROW.len()..];
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Where the value of a label line starts, in twentieths of a point (1.1 inch): past the
/// longest label ("Reviewed by:") in the body font.
const FIELD_TAB: usize = 1584;

/// A "Label: value" line: the value at one tab stop, its wrapped lines hanging under it.
fn label_line(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_tab(Tab::new().val(TabValueType::Left).pos(FIELD_TAB))
        .indent(
            Some(i32::try_from(FIELD_TAB).unwrap_or(0)),
            Some(SpecialIndentType::Hanging(
                i32::try_from(FIELD_TAB).unwrap_or(0),
            )),
            None,
            None,
        )
        .add_run(Run::new().add_text(format!("{label}:")).bold())
        .add_run(Run::new().add_tab().add_text(value))
}

/// Numbers, author and date of the Word comments.
struct Comments {
    next: usize,
    author: String,
    date: String,
}

/// Adds one block to the document.
fn add_block(mut doc: Docx, block: &Block, comments: &mut Comments) -> Docx {
    match block {
        Block::Title(t) => {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .style("Title")
                    .add_run(Run::new().add_text(t.as_str())),
            );
        }
        Block::Fields(fields) => {
            for (l, v) in fields {
                doc = doc.add_paragraph(label_line(l, v));
            }
            doc = doc.add_paragraph(Paragraph::new());
        }
        Block::Heading { level, text } => {
            let style = if *level == 1 { "Heading1" } else { "Heading2" };
            doc = doc.add_paragraph(
                Paragraph::new()
                    .style(style)
                    .add_run(Run::new().add_text(text.as_str())),
            );
        }
        Block::Para(spans) => {
            let p = Paragraph::new().line_spacing(LineSpacing::new().after(120));
            doc = doc.add_paragraph(runs(p, spans));
        }
        Block::Quote { text, cite } => {
            doc = doc
                .add_paragraph(
                    Paragraph::new()
                        .style("Quote")
                        .add_run(Run::new().add_text(format!("“{text}”"))),
                )
                .add_paragraph(
                    Paragraph::new()
                        .indent(Some(1080), None, Some(720), None)
                        .line_spacing(LineSpacing::new().after(120))
                        .add_run(Run::new().add_text(format!("— {cite}"))),
                );
        }
        Block::Bullets(items) => {
            for item in items {
                let p = Paragraph::new()
                    .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None)
                    .line_spacing(LineSpacing::new().after(60))
                    .add_run(Run::new().add_text("•").add_tab());
                doc = doc.add_paragraph(runs(p, item));
            }
        }
        Block::Noted { text, note, flag } => {
            doc = doc.add_paragraph(fact(text, note.as_deref(), flag.as_deref(), comments));
            // The mark and the note printed under the answer too: a comment is not printed.
            if let Some(marked) = marked_line(note.as_deref(), flag.as_deref()) {
                doc = doc.add_paragraph(marked);
            }
        }
        Block::PageBreak => {
            doc =
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        }
        Block::Table {
            header,
            rows,
            widths,
            ..
        } => {
            doc = doc
                .add_table(table(header, rows, widths))
                .add_paragraph(Paragraph::new());
        }
        Block::Signature(lines) => {
            for (l, v) in lines {
                let value = if v.is_empty() {
                    "______________________________"
                } else {
                    v
                };
                doc = doc.add_paragraph(label_line(l, value));
            }
        }
        Block::Footer(lines) => {
            doc = doc.add_paragraph(Paragraph::new());
            for l in lines {
                doc = doc.add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text(l.as_str()).size(18)),
                );
            }
        }
        Block::Bars {
            caption,
            whole,
            bars,
        } => {
            let (caption, table) = bars::bars(caption, *whole, bars);
            doc = doc
                .add_paragraph(caption)
                .add_table(table)
                .add_paragraph(Paragraph::new());
        }
    }
    doc
}

fn runs(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for s in spans {
        let mut run = Run::new().add_text(s.text.as_str());
        if s.bold {
            run = run.bold();
        }
        if s.italic {
            run = run.italic();
        }
        p = p.add_run(run);
    }
    p
}

/// An answer as a bulleted paragraph; its unsure or contested flag and its note go in a Word
/// comment anchored on the answer.
fn fact(
    text: &[Span],
    note: Option<&[Clean]>,
    flag: Option<&str>,
    comments: &mut Comments,
) -> Paragraph {
    let p = Paragraph::new()
        .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None)
        .line_spacing(LineSpacing::new().after(80))
        .add_run(Run::new().add_text("•").add_tab());
    if note.is_none() && flag.is_none() {
        return runs(p, text);
    }
    comments.next += 1;
    let id = comments.next;
    // One paragraph per comment, its lines joined by line breaks: docx-rs 0.4 writes a comment
    // once per paragraph it holds, all with the same id, which Word calls damage.
    let comment = Comment::new(id)
        .author(comments.author.clone())
        .date(comments.date.clone())
        .add_paragraph(mark_and_note(Paragraph::new(), note, flag));
    runs(p.add_comment_start(comment), text).add_comment_end(id)
}

/// The flag in bold, then "Note:" and the note's lines, one line break between lines.
fn mark_and_note(mut p: Paragraph, note: Option<&[Clean]>, flag: Option<&str>) -> Paragraph {
    let mut first = true;
    if let Some(flag) = flag {
        p = p.add_run(Run::new().add_text(format!("{flag}.")).bold());
        first = false;
    }
    for (i, line) in note.unwrap_or_default().iter().enumerate() {
        let mut run = Run::new();
        if !first {
            run = run.add_break(BreakType::TextWrapping);
        }
        first = false;
        if i == 0 {
            p = p.add_run(run.add_text("Note: ").italic());
            run = Run::new();
        }
        p = p.add_run(run.add_text(line.as_str()));
    }
    p
}

/// The line printed under a marked or noted answer: the flag, then the note.
fn marked_line(note: Option<&[Clean]>, flag: Option<&str>) -> Option<Paragraph> {
    if note.is_none() && flag.is_none() {
        return None;
    }
    let p = Paragraph::new()
        .indent(Some(720), None, None, None)
        .line_spacing(LineSpacing::new().after(80));
    Some(mark_and_note(p, note, flag))
}

/// A table cell `width` twentieths of a point wide holding `text`, bold or not, in ten-point
/// type: a six-column summary fits the page width.
fn cell(width: usize, text: &str, bold: bool) -> TableCell {
    let run = Run::new().add_text(text).size(20);
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(Paragraph::new().add_run(if bold { run.bold() } else { run }))
}

/// The table of authorities, its header row in bold, its columns sized to what they hold (a
/// long citation and a status note wide, the court and the year narrow).
fn table(header: &[Clean], rows: &[Vec<Clean>], shares: &[u16]) -> Table {
    // Twentieths of a point across the 6.5 inches between the margins.
    let total = 9360;
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            let share = shares
                .get(c)
                .map_or(100 / header.len().max(1), |s| usize::from(*s));
            total * share / 100
        })
        .collect();
    let cell = |c: usize, text: &str, bold: bool| cell(widths[c], text, bold);
    let mut table_rows = vec![TableRow::new(
        header
            .iter()
            .enumerate()
            .map(|(c, h)| cell(c, h, true))
            .collect(),
    )];
    table_rows.extend(rows.iter().map(|r| {
        TableRow::new(
            r.iter()
                .enumerate()
                .map(|(c, t)| cell(c, t, false))
                .collect(),
        )
    }));
    Table::new(table_rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(total, WidthType::Dxa)
}
