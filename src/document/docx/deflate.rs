//! The Word document deflated: docx-rs writes every part of the archive stored (uncompressed),
//! so a memo's DOCX was several times the size of its XML's deflated form. Each part is copied
//! into a new archive with deflate, in the same order, names and permissions, so Word and
//! `LibreOffice` read the same document.

use std::io::{Cursor, Read as _, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The archive `stored` with every file deflated.
pub(super) fn deflate(stored: Vec<u8>) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot compress the Word document: {e}");
    let mut archive = ZipArchive::new(Cursor::new(stored)).map_err(|e| fail(&e))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let mut part = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| fail(&e))?;
        let mut options = SimpleFileOptions::default().compression_method(if file.is_dir() {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        });
        if let Some(mode) = file.unix_mode() {
            options = options.unix_permissions(mode);
        }
        let name = file.name().to_owned();
        if file.is_dir() {
            out.add_directory(name, options).map_err(|e| fail(&e))?;
            continue;
        }
        part.clear();
        file.read_to_end(&mut part).map_err(|e| fail(&e))?;
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(&part).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}
