//! The export writer: files appear whole or not at all, an existing file is never replaced
//! without `force`, and failures carry the OS error in words and leave no temporary file.

use std::fs;
use std::path::Path;

use immunity::export::{ExportError, write_atomic};

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_a_new_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.md");
    write_atomic(&path, "# Memo\n\nline two\n", false).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "# Memo\n\nline two\n");
    assert_eq!(names(dir.path()), ["memo.md"]);
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_ordinary_permissions_not_the_temp_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.txt");
    write_atomic(&path, "x", false).unwrap();
    let plain = dir.path().join("plain.txt");
    fs::write(&plain, "x").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&path),
        mode(&plain),
        "the same mode as a file written directly"
    );
}

#[test]
fn never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.html");
    let original = b"original \x00\xff bytes, not UTF-8\n";
    fs::write(&path, original).unwrap();
    let err = write_atomic(&path, "replacement", false).unwrap_err();
    assert!(
        matches!(&err, ExportError::Exists(p) if p == &path),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("already exists") && message.contains("--force"),
        "{message}"
    );
    assert!(message.contains("memo.html"), "{message}");
    assert_eq!(
        fs::read(&path).unwrap(),
        original,
        "the file is untouched, byte for byte"
    );
    assert_eq!(names(dir.path()), ["memo.html"], "no temporary file left");
}

#[cfg(unix)]
#[test]
fn never_overwrites_through_a_dangling_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.md");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &path).unwrap();
    let err = write_atomic(&path, "x", false).unwrap_err();
    // A symbolic link is refused for what it is, not as "exists; pass --force", which --force
    // would then refuse as well.
    assert!(
        matches!(
            err,
            ExportError::NotRegular {
                kind: "a symbolic link",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn replaces_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.json");
    fs::write(&path, "old contents that are longer than the new ones").unwrap();
    write_atomic(&path, "{}\n", true).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "{}\n");
    assert_eq!(names(dir.path()), ["memo.json"]);
}

#[test]
fn force_on_a_new_path_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.txt");
    write_atomic(&path, "text", true).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "text");
}

#[test]
fn a_missing_folder_is_an_io_error_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("memo.md");
    let err = write_atomic(&path, "x", false).unwrap_err();
    let ExportError::Io { path: p, source } = &err else {
        panic!("expected an I/O error, got {err:?}");
    };
    assert_eq!(p, &path);
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    let message = err.to_string();
    assert!(message.starts_with("cannot write "), "{message}");
    assert!(
        message.contains("No such file or directory"),
        "the OS error in words: {message}"
    );
    assert!(
        !message.contains(".immunity-export") && !message.contains(" at path "),
        "the message names the destination, never the temporary file: {message}"
    );
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn an_unwritable_folder_is_an_io_error_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores folder permissions: then the refusal cannot be provoked this way.
    if fs::write(locked.join("probe"), "x").is_ok() {
        fs::remove_file(locked.join("probe")).unwrap();
        eprintln!("running as root: checking a read-only file system path instead");
        let err = write_atomic(Path::new("/proc/immunity-export-test.md"), "x", false).unwrap_err();
        assert!(matches!(err, ExportError::Io { .. }), "{err:?}");
        return;
    }
    let err = write_atomic(&locked.join("memo.md"), "x", false).unwrap_err();
    let ExportError::Io { source, .. } = &err else {
        panic!("expected an I/O error, got {err:?}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::PermissionDenied);
    assert!(err.to_string().contains("Permission denied"), "{err}");
    assert_eq!(names(&locked), Vec::<String>::new());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_folder_in_the_way_is_an_error_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.md");
    fs::create_dir(&path).unwrap();
    assert!(matches!(
        write_atomic(&path, "x", false),
        Err(ExportError::NotRegular {
            kind: "a folder",
            ..
        })
    ));
    let err = write_atomic(&path, "x", true).unwrap_err();
    assert!(
        matches!(
            err,
            ExportError::NotRegular {
                kind: "a folder",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(path.is_dir());
    assert_eq!(names(dir.path()), ["memo.md"], "no temporary file left");
}

#[test]
fn long_contents_are_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let contents = "a line of an export that is written whole\n".repeat(200_000);
    write_atomic(&path, &contents, false).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), contents);
}
