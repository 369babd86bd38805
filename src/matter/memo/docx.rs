//! The memo as a Word document (`docx-rs`): real heading styles (Title, Heading 1, Heading 2,
//! with outline levels, so Word's navigation pane and a table of contents find them), a Quote
//! style, the table of authorities as a Word table, page numbers in the footer, and each answer's
//! note and unsure or contested flag as a Word comment anchored on that answer.

use docx_rs::{
    AlignmentType, Comment, Docx, Footer, LineSpacing, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Style, StyleType, Table, TableCell, TableRow,
};

use super::Memo;
use super::layout::{Block, Span};

/// Half-points (Word's unit for font sizes).
const BODY: usize = 23;

/// Renders the blocks as the bytes of a .docx file.
pub fn render(memo: &Memo, blocks: &[Block]) -> Result<Vec<u8>, String> {
    let author = memo
        .matter
        .prepared_by
        .clone()
        .unwrap_or_else(|| "immunity".to_owned());
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Georgia")
                .hi_ansi("Georgia")
                .cs("Georgia"),
        )
        .default_size(BODY)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold()
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(28)
                .bold()
                .line_spacing(LineSpacing::new().before(280).after(100))
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .size(25)
                .bold()
                .italic()
                .line_spacing(LineSpacing::new().before(200).after(80))
                .outline_lvl(1),
        )
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
    let mut comments = Comments {
        next: 0,
        author,
        date: format!("{}T00:00:00Z", memo.date),
    };
    for block in blocks {
        doc = add_block(doc, block, &mut comments);
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| format!("cannot build the Word document: {e}"))?;
    Ok(bytes.into_inner())
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
                    .add_run(Run::new().add_text(t)),
            );
        }
        Block::Fields(fields) => {
            for (l, v) in fields {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{l}:")).bold())
                        .add_run(Run::new().add_tab().add_text(v)),
                );
            }
            doc = doc.add_paragraph(Paragraph::new());
        }
        Block::Heading { level, text } => {
            let style = if *level == 1 { "Heading1" } else { "Heading2" };
            doc = doc.add_paragraph(
                Paragraph::new()
                    .style(style)
                    .add_run(Run::new().add_text(text)),
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
        Block::Fact { text, note, flag } => {
            doc = doc.add_paragraph(fact(text, note.as_deref(), flag.as_deref(), comments));
        }
        Block::Table { header, rows } => {
            doc = doc
                .add_table(table(header, rows))
                .add_paragraph(Paragraph::new());
        }
        Block::Signature(lines) => {
            for (l, v) in lines {
                let value = if v.is_empty() {
                    "______________________________"
                } else {
                    v
                };
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{l}:")).bold())
                        .add_run(Run::new().add_tab().add_text(value)),
                );
            }
        }
        Block::Footer(lines) => {
            doc = doc.add_paragraph(Paragraph::new());
            for l in lines {
                doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(l).size(18)));
            }
        }
    }
    doc
}

fn runs(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for s in spans {
        let mut run = Run::new().add_text(&s.text);
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
    note: Option<&[String]>,
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
    let mut comment = Comment::new(id)
        .author(comments.author.clone())
        .date(comments.date.clone());
    if let Some(flag) = flag {
        comment = comment.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(format!("{flag}.")).bold()),
        );
    }
    if let Some(note) = note {
        // The note's lines as separate paragraphs of the comment (an empty line stays one).
        for (i, line) in note.iter().enumerate() {
            let text = if i == 0 {
                format!("Note: {line}")
            } else {
                line.clone()
            };
            comment = comment.add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)));
        }
    }
    runs(p.add_comment_start(comment), text).add_comment_end(id)
}

/// The table of authorities, its header row in bold.
fn table(header: &[String], rows: &[Vec<String>]) -> Table {
    let cell = |text: &str, bold: bool| {
        let run = Run::new().add_text(text);
        TableCell::new().add_paragraph(Paragraph::new().add_run(if bold {
            run.bold()
        } else {
            run
        }))
    };
    let mut table_rows = vec![TableRow::new(
        header.iter().map(|h| cell(h, true)).collect(),
    )];
    table_rows.extend(
        rows.iter()
            .map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())),
    );
    Table::new(table_rows)
}
