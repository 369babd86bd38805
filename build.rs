//! Embeds every pack under `questions/` in the binary, so `immunity` works from any folder after
//! `cargo install --path .`. Generates `bundled_packs.rs`: a table of (pack name, [(relative
//! path, contents)]) built from `include_str!`, so the packs are rebuilt whenever a file changes.
//! Also generates `bundled_hashes.rs`: each pack's content hash, computed as
//! `FileSet::content_hash` computes it, so that the binary can skip validating at start a
//! bundled pack whose bytes are the ones the tests validated (`src/pack/trusted.rs`), and each
//! pack's header (id, title, version, law checked, description, disclaimer) taken out of its
//! `pack.json` as a small JSON object, which is all the start screen needs of that file. The bytes
//! embedded are those hashed, from one read: each file is copied into `OUT_DIR` and the copy is
//! what `include_str!` embeds, so an edit between this script and the compiler cannot make the
//! two disagree, and the binary need not hash its own bytes again at every start.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};
use std::path::Path;
use std::{env, fs};

fn main() {
    // Read at run time, not `env!`: a build script compiled for one checkout may be reused by a
    // copy of the target folder in another.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("questions");
    println!("cargo::rerun-if-changed={}", root.display());
    // Relative relocations packed (DT_RELR): the loader reads a table of a few kilobytes
    // instead of 15,000 entries before the first frame. GNU ld and lld on Linux take it, and
    // use it only where the C library supports it (glibc 2.36 and later).
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
    {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut out = String::from("pub static PACKS: &[(&str, &[(&str, &str)])] = &[\n");
    let mut hashes = String::from("pub static HASHES: &[(&str, &str)] = &[\n");
    let mut heads = String::from("pub static HEADS: &[(&str, &str)] = &[\n");
    let mut packs: Vec<_> = fs::read_dir(&root)
        .expect("questions/ folder")
        .map(|e| e.expect("questions/ entry").path())
        .filter(|p| p.join("pack.json").is_file())
        .collect();
    packs.sort();
    for pack in packs {
        let name = pack.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = vec!["pack.json".to_owned()];
        if pack.join("cases.json").is_file() {
            files.push("cases.json".to_owned());
        }
        let sources = pack.join("sources");
        println!("cargo::rerun-if-changed={}", sources.display());
        if sources.is_dir() {
            let mut names: Vec<_> = fs::read_dir(&sources)
                .expect("sources/ folder")
                .map(|e| e.expect("sources/ entry").path())
                .filter(|p| p.is_file())
                .map(|p| format!("sources/{}", p.file_name().unwrap().to_string_lossy()))
                .collect();
            names.sort();
            files.extend(names);
        }
        writeln!(out, "    ({name:?}, &[").unwrap();
        // The same bytes in the same (path) order as `FileSet::content_hash` hashes them.
        let mut contents = BTreeMap::new();
        for rel in &files {
            contents.insert(
                rel.clone(),
                fs::read(pack.join(rel)).expect("read a pack file"),
            );
        }
        let hex = hash(contents.iter());
        writeln!(hashes, "    ({name:?}, {hex:?}),").unwrap();
        if let Some(head) = head(&contents["pack.json"]) {
            let path = Path::new(&out_dir)
                .join("heads")
                .join(format!("{name}.json"));
            writeln!(heads, "    ({name:?}, {}),", embed(&path, head.as_bytes())).unwrap();
        }
        let copy = Path::new(&out_dir).join("packs").join(&name);
        for (rel, bytes) in &contents {
            println!("cargo::rerun-if-changed={}", pack.join(rel).display());
            writeln!(out, "        ({rel:?}, {}),", embed(&copy.join(rel), bytes)).unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    hashes.push_str("];\n");
    hashes.push_str(&heads);
    hashes.push_str("];\n");
    fs::write(Path::new(&out_dir).join("bundled_packs.rs"), out).expect("write bundled_packs.rs");
    fs::write(Path::new(&out_dir).join("bundled_hashes.rs"), hashes)
        .expect("write bundled_hashes.rs");
}

/// Writes `bytes` to `path` in `OUT_DIR` and returns the `include_str!` that embeds that copy.
fn embed(path: &Path, bytes: &[u8]) -> String {
    fs::create_dir_all(path.parent().unwrap()).expect("create a folder in OUT_DIR");
    fs::write(path, bytes).expect("write a file into OUT_DIR");
    format!("include_str!({:?})", path.display().to_string())
}

/// The header of a `pack.json` (the fields the start screen shows, `src/pack.rs`'s `Head`) as
/// a JSON object of its own, so that a start reads a few hundred bytes instead of skipping
/// through the whole tree to find them. `None` for a file that is not a JSON object: the
/// binary then reads the header from `pack.json` itself, and the checked load reports why.
fn head(pack_json: &[u8]) -> Option<String> {
    const FIELDS: [&str; 6] = [
        "id",
        "title",
        "version",
        "law_checked",
        "description",
        "disclaimer",
    ];
    let serde_json::Value::Object(mut file) = serde_json::from_slice(pack_json).ok()? else {
        return None;
    };
    let head: serde_json::Map<String, serde_json::Value> = FIELDS
        .iter()
        .filter_map(|&field| Some((field.to_owned(), file.remove(field)?)))
        .collect();
    serde_json::to_string(&head).ok()
}

/// SHA-256 over (path, bytes) pairs in path order, as `FileSet::content_hash` computes it.
fn hash<'a>(files: impl Iterator<Item = (&'a String, &'a Vec<u8>)>) -> String {
    let mut sha = Sha256::new();
    for (path, bytes) in files {
        sha.update((path.len() as u64).to_le_bytes());
        sha.update(path.as_bytes());
        sha.update((bytes.len() as u64).to_le_bytes());
        sha.update(bytes);
    }
    let mut hex = String::with_capacity(64);
    for byte in sha.finalize() {
        write!(hex, "{byte:02x}").unwrap();
    }
    hex
}
