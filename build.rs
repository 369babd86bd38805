//! Embeds every pack under `questions/` in the binary, so `immunity` works from any folder after
//! `cargo install --path .`. Generates `bundled_packs.rs`: a table of (pack name, [(relative
//! path, contents)]) built from `include_str!`, so the packs are rebuilt whenever a file changes.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut out = String::from("pub static PACKS: &[(&str, &[(&str, &str)])] = &[\n");
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
        for rel in files {
            let abs = pack.join(&rel);
            println!("cargo::rerun-if-changed={}", abs.display());
            writeln!(
                out,
                "        ({rel:?}, include_str!({:?})),",
                abs.display().to_string()
            )
            .unwrap();
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("bundled_packs.rs");
    fs::write(dest, out).expect("write bundled_packs.rs");
}
