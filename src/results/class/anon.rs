//! The class report without names, for a projector: each student becomes "Student 1",
//! "Student 2" … in the order their files were scored, and each file "file 1", "file 2" … in
//! the order given (a file's name often holds the student's). What a skipped file's reason or a
//! note says is rewritten the same way. `immunity class --names` keeps the names.

use std::collections::HashMap;

use super::ClassReport;

/// Replaces every student's name and every file name in `r`.
pub fn anonymize(r: &mut ClassReport) {
    let mut students: HashMap<String, String> = HashMap::new();
    for s in &r.students {
        let n = students.len() + 1;
        students
            .entry(s.student.clone())
            .or_insert_with(|| format!("Student {n}"));
    }
    // Files in the order the report meets them: scored files first, then the rest.
    let mut files: HashMap<String, String> = HashMap::new();
    let names = r
        .students
        .iter()
        .map(|s| s.file.clone())
        .chain(r.skipped.iter().map(|s| s.file.clone()))
        .chain(r.notes.iter().map(|n| n.file.clone()))
        .collect::<Vec<_>>();
    for f in names {
        let n = files.len() + 1;
        files.entry(f).or_insert_with(|| format!("file {n}"));
    }
    // Longest first, so a name inside another ("Ann" in "Ann-results.json") never leaves half
    // of the longer one.
    let mut pairs: Vec<(String, String)> = files
        .iter()
        .chain(students.iter())
        .filter(|(real, _)| !real.is_empty())
        .map(|(a, b)| (a.clone(), b.clone()))
        .collect();
    pairs.sort_by_key(|(real, _)| std::cmp::Reverse(real.len()));
    let scrub = |text: &str| {
        let mut text = text.to_owned();
        for (real, pseudonym) in &pairs {
            text = text.replace(real.as_str(), pseudonym);
        }
        text
    };
    for s in &mut r.students {
        s.student = students.get(&s.student).cloned().unwrap_or_default();
        s.file = files.get(&s.file).cloned().unwrap_or_default();
    }
    for s in &mut r.skipped {
        s.file = files.get(&s.file).cloned().unwrap_or_default();
        s.reason = scrub(&s.reason);
    }
    for n in &mut r.notes {
        n.file = files.get(&n.file).cloned().unwrap_or_default();
        n.detail = scrub(&n.detail);
    }
    for e in &mut r.confident_errors {
        e.student = students.get(&e.student).cloned().unwrap_or_default();
    }
}
