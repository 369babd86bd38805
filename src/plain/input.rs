//! The line mode's edge: one line read (at most [`MAX_LINE`] bytes) becomes [`Clean`] text
//! here, counted and echoed for a transcript; one line written and flushed.
//!
//! Pack, matter and results text is [`Clean`] from the moment it is loaded, so the line mode
//! never cleans it again: it only folds a paragraph to one line ([`one_line`]). Text that
//! reaches the line mode from elsewhere is made safe here and nowhere else in `src/plain*`: a
//! typed line ([`read_input_line`]); a path or a command-line argument, shown escaped so a
//! user sees what it holds ([`shown`], [`escaped`]); an error's message ([`outside_line`]).

use std::io::{BufRead, Write};
use std::path::Path;

use super::PlainError;
use crate::text::{Clean, escape_for_display, sanitize_line};

/// The longest command line read; longer lines are refused (a script cannot make the program
/// hold an unbounded line in memory).
pub const MAX_LINE: usize = 4096;

/// One line read: its text, or a line longer than [`MAX_LINE`].
pub(crate) enum Line {
    Text(Clean),
    TooLong,
}

/// Writes one line to `out` and flushes, so a reader on the other end of a pipe sees it at
/// once. Every line-mode program writes through this.
pub(crate) fn say_line(out: &mut impl Write, line: &str) -> Result<(), PlainError> {
    out.write_all(line.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(PlainError::Write)
}

/// One line of input (see [`read_input_line`]): `count` goes up by one for each line read, and
/// with `echo` the line is written back to `out` after "> ", so a transcript of a
/// script reads like a session.
pub(crate) fn read_counted_line(
    input: &mut impl BufRead,
    out: &mut impl Write,
    count: &mut usize,
    echo: bool,
) -> Result<Option<Line>, PlainError> {
    let line = read_input_line(input)?;
    if line.is_some() {
        *count += 1;
    }
    if let (Some(Line::Text(text)), true) = (&line, echo) {
        say_line(out, &format!("> {}", one_line(text)))?;
    }
    Ok(line)
}

/// One line of input, without its line ending, at most [`MAX_LINE`] bytes kept. Invalid UTF-8
/// is replaced, control characters are dropped. `None` at the end of the input.
pub(crate) fn read_input_line<R: BufRead>(input: &mut R) -> Result<Option<Line>, PlainError> {
    let mut bytes = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(PlainError::Read(e)),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if bytes.len() + chunk.len() > MAX_LINE {
            too_long = true;
        } else {
            bytes.extend_from_slice(chunk);
        }
        input.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(Line::TooLong));
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(Some(Line::Text(Clean::new(text.trim_end_matches('\r')))))
}

/// Folds clean text to one line: the one [`crate::text::one_line`].
pub(crate) use crate::text::one_line;

/// Text from outside the loaders and the reader (a command-line argument, an error of the
/// operating system or of a file), escaped for display.
pub(crate) fn escaped(text: &str) -> String {
    escape_for_display(text).into_owned()
}

/// A path for display, escaped: a path comes from the command line or the file system, not
/// from a loader, and a user should see a control character in it rather than have the
/// terminal act on it.
pub(crate) fn shown(path: &Path) -> String {
    escaped(&path.display().to_string())
}

/// Text from outside the loaders and the reader, cleaned to one line for a sentence: an
/// error's message (it may quote a path or a file's text), a path in a notice, a refusal that
/// quotes either.
pub(crate) fn outside_line(text: &str) -> String {
    sanitize_line(text)
}
