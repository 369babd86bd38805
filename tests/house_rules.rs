//! House rules the code keeps, checked so that later work cannot undo them unseen.
//!
//! No source file passes 600 lines: a file that grows past it is split along its seams. Files
//! over the limit when the rule came in were listed with their size, to shrink and come off the
//! list once split; issue 17 paid that debt down and the list is empty. A file not listed that
//! passes 600 lines fails this test.
//!
//! A source file over 400 lines says why in its header (its leading `//!` lines), in a sentence
//! with the words "400 lines" on one line: length is allowed where it is a choice, not drift.
//!
//! Untrusted text is cleaned where it enters (it is `text::Clean` from then on), so sanitiser
//! calls stand in the few places text enters and hardly anywhere else.
//!
//! Only content tests (`tests/content_*.rs`) name the bundled legal pack, so a wording or id
//! change in the law reaches them and no behaviour test. Unit tests in `src` run on packs they
//! build (`src/pack/testing.rs`), but in the few files listed with the reason they may load a
//! bundled pack (the catalog, whose tests are about which packs are bundled, say).

use std::path::{Path, PathBuf};

/// The most lines a source file may have.
const LIMIT: usize = 600;

/// The most lines a source file may have without saying why in its header.
const QUIET_LIMIT: usize = 400;

/// Files over the limit, with the most lines each may have until it is split (none today: keep
/// it that way).
const OVER_TODAY: &[(&str, usize)] = &[];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_passes_600_lines_and_none_over_it_today_grows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut broken = Vec::new();
    for path in files {
        let lines = std::fs::read_to_string(&path)
            .expect("a source file")
            .lines()
            .count();
        let name = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let allowed = OVER_TODAY
            .iter()
            .find(|(listed, _)| *listed == name)
            .map_or(LIMIT, |&(_, most)| most);
        if lines > allowed {
            broken.push(format!("{name}: {lines} lines (at most {allowed})"));
        }
    }
    assert!(
        broken.is_empty(),
        "split these along their seams rather than let them grow:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_file_listed_over_the_limit_still_exists_and_is_still_over_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for &(name, _) in OVER_TODAY {
        let text = std::fs::read_to_string(root.join(name))
            .unwrap_or_else(|_| panic!("{name} is gone: take it off OVER_TODAY"));
        assert!(
            text.lines().count() > LIMIT,
            "{name} is within {LIMIT} lines now: take it off OVER_TODAY"
        );
    }
}

/// Where untrusted text may be cleaned: the module that defines the cleaning, the loaders that
/// read pack, matter, results and answer files, the command-line parser, and the terminal
/// edges (the full screen's key input, the line mode's reader, the live class's network
/// input). Everywhere else holds text that is already `text::Clean` and only displays it.
const SANITISING_PLACES: &[&str] = &[
    "src/text.rs",
    "src/pack/",
    "src/matter.rs",
    "src/results.rs",
    "src/answers.rs",
    "src/cli.rs",
    "src/cli/",
    "src/tui/form.rs",
    "src/tui/terminal.rs",
    "src/plain/input.rs",
    "src/live/room.rs",
];

/// How many sanitiser calls may stand anywhere else (five today: the command line's `say`, where
/// every message reaches the terminal; a path in an export error; two matter-loading errors on
/// the full screen; an id in a what-if error).
const SANITISING_ELSEWHERE: usize = 10;

#[test]
fn untrusted_text_is_cleaned_where_it_enters_and_hardly_anywhere_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let calls = [
        "sanitize(",
        "sanitize_line(",
        "escape_for_display(",
        "escape_every_invisible(",
    ];
    let mut elsewhere = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        if SANITISING_PLACES
            .iter()
            .any(|p| name == *p || (p.ends_with('/') && name.starts_with(p)))
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.trim_start().starts_with("use ") || code.contains("fn ") {
                continue;
            }
            for call in calls {
                // A call, not a longer name that ends the same way (`escape_sanitize(`).
                let mut rest = code;
                while let Some(at) = rest.find(call) {
                    let before = rest[..at].chars().next_back();
                    if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        elsewhere.push(format!("{name}:{}: {}", n + 1, line.trim()));
                    }
                    rest = &rest[at + call.len()..];
                }
            }
        }
    }
    assert!(
        elsewhere.len() <= SANITISING_ELSEWHERE,
        "{} sanitiser calls outside the places text enters (at most {SANITISING_ELSEWHERE}); \
         make the text text::Clean where it is read instead:\n{}",
        elsewhere.len(),
        elsewhere.join("\n")
    );
}

/// A file's header: its leading `//!` lines, joined with spaces (so a phrase must stand on one
/// line to be found).
fn header(text: &str) -> String {
    text.lines()
        .take_while(|l| l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_source_file_over_400_lines_says_why_in_its_header() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut silent = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a source file");
        let lines = text.lines().count();
        if lines > QUIET_LIMIT && !header(&text).contains("400 lines") {
            let name = path.strip_prefix(root).expect("under the crate");
            silent.push(format!("{}: {lines} lines", name.display()));
        }
    }
    assert!(
        silent.is_empty(),
        "over {QUIET_LIMIT} lines without saying why in the //! header (a sentence such as \
         \"Over 400 lines because …\", the words \"400 lines\" on one line), or split them:\n{}",
        silent.join("\n")
    );
}

#[test]
fn the_header_rule_reads_only_the_leading_doc_lines_and_one_line_at_a_time() {
    let said = "//! A file.\n//!\n//! Over 400 lines because it is one table.\nuse x;\n";
    assert!(header(said).contains("400 lines"));
    let split = "//! A file. Over 400\n//! lines because it is one table.\n";
    assert!(!header(split).contains("400 lines"));
    let later = "//! A file.\n\n// Over 400 lines because it is one table.\n";
    assert!(!header(later).contains("400 lines"));
}

/// The ids by which a test leans on a bundled pack (every folder under `questions/` with a
/// `pack.json`): the pack's own id, its fact patterns' and questions' ids, and the ids of its
/// options and conclusions that hold a hyphen (`judicial-act`, `absolute-immunity`; a bare
/// `yes` or `judge` is any pack's word). Each id comes with whether it is a plain word.
fn bundled_ids(root: &Path) -> (Vec<String>, Vec<String>) {
    let read = |path: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).expect("a bundled pack file"))
            .expect("a bundled pack file is JSON")
    };
    let ids_of = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| item["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut packs = Vec::new();
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(root.join("questions")).expect("questions/ is readable") {
        let folder = entry.expect("a directory entry").path();
        if !folder.join("pack.json").is_file() {
            continue;
        }
        let pack = read(&folder.join("pack.json"));
        packs.extend(pack["id"].as_str().map(str::to_owned));
        ids.extend(ids_of(&pack["questions"]));
        let hyphened = |id: &String| id.contains('-');
        ids.extend(ids_of(&pack["conclusions"]).into_iter().filter(hyphened));
        for question in pack["questions"].as_array().into_iter().flatten() {
            ids.extend(ids_of(&question["options"]).into_iter().filter(hyphened));
        }
        if folder.join("cases.json").is_file() {
            ids.extend(ids_of(&read(&folder.join("cases.json"))["cases"]));
        }
    }
    (packs, ids)
}

/// A string literal found in a test: its text, and the characters just before its opening
/// quote and just after its closing one (white space skipped), which tell a key or an index.
type Literal = (String, char, char);

/// Where the string whose text starts at `from` ends: at its closing quote, escapes skipped
/// (or at the end of the line).
fn closing(chars: &[char], from: usize) -> usize {
    let mut end = from;
    while end < chars.len() && chars[end] != '"' {
        end += 1 + usize::from(chars[end] == '\\');
    }
    end.min(chars.len())
}

/// The literal whose text is `chars[from..end]`, with its neighbours in `chars`.
fn literal(chars: &[char], from: usize, end: usize) -> Literal {
    let before = chars[..from - 1].iter().rev().find(|c| !c.is_whitespace());
    let after = chars
        .get(end + 1..)
        .and_then(|t| t.iter().find(|c| !c.is_whitespace()));
    (
        chars[from..end].iter().collect(),
        before.copied().unwrap_or(' '),
        after.copied().unwrap_or(' '),
    )
}

/// The string literals of a line of Rust: ordinary strings and raw strings, and within a raw
/// string (a JSON document, say) its own quoted parts. Comments and character literals are
/// skipped; a string that runs on past the line is taken to the line's end.
fn literals(line: &str) -> Vec<Literal> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => break,
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') => i += 4,
            'r' if matches!(chars.get(i + 1), Some('#' | '"'))
                && !chars[..i]
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_') =>
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let open = i + 1 + hashes;
                if chars.get(open) != Some(&'"') {
                    i += 1;
                    continue;
                }
                // The body runs to a quote followed by as many hashes.
                let mut end = open + 1;
                while end < chars.len()
                    && !(chars[end] == '"'
                        && chars[end + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&c| c == '#')
                            .count()
                            == hashes)
                {
                    end += 1;
                }
                out.push(literal(&chars, open + 1, end));
                let body = &chars[open + 1..end];
                let mut j = 0;
                while j < body.len() {
                    if body[j] == '"' {
                        let inner = closing(body, j + 1);
                        out.push(literal(body, j + 1, inner));
                        j = inner;
                    }
                    j += 1;
                }
                i = end + 1 + hashes;
            }
            '"' => {
                let end = closing(&chars, i + 1);
                out.push(literal(&chars, i + 1, end));
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The Rust files of the tests that are not content tests: `tests/*.rs` not named
/// `content_*.rs` (nor this file), and every file under `tests/support` and `tests/*_support`.
fn non_content_tests(root: &Path) -> Vec<PathBuf> {
    let tests = root.join("tests");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&tests).expect("tests/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if path.is_dir() && (name == "support" || name.ends_with("_support")) {
            sources(&path, &mut files);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !name.starts_with("content_")
            && name != "house_rules.rs"
        {
            // This file names what it looks for.
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Whether a string literal names a bundled pack: its id, a path into `questions/` other than
/// a schema, one of `ids` (a plain word only where it stands alone, not as a key or an index,
/// where it is a field of the program's own files), or a `question=option` answer.
fn names_the_pack((literal, before, after): &Literal, packs: &[String], ids: &[String]) -> bool {
    let word = |id: &String| !id.contains('-');
    packs.iter().any(|p| literal.contains(p.as_str()))
        || (literal.contains("questions/") && !literal.contains(".schema.json"))
        || ids.iter().any(|id| {
            (literal == id && !(word(id) && ((*before == '[' && *after == ']') || *after == ':')))
                || literal
                    .strip_prefix(id.as_str())
                    .is_some_and(|rest| rest.starts_with('='))
        })
}

/// There are at most eight content test files. A test outside `tests/content_*.rs` that names
/// the bundled pack (its id, a fact pattern's,
/// question's, option's or conclusion's id as a string literal, a `question=option` answer, or
/// a path into `questions/` other than a schema) fails here, listing each place. An id that is
/// a plain word (`defendant`, `relief`) counts only where it stands alone, not as a key or an
/// index (`"defendant": ...`, `v["defendant"]`), where it is a field of the program's own files.
#[test]
fn only_content_tests_name_the_bundled_pack() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (packs, ids) = bundled_ids(root);
    assert!(
        !packs.is_empty() && ids.len() > 20,
        "the bundled pack's ids are read"
    );
    let mut named = Vec::new();
    for path in non_content_tests(root) {
        let name = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("a test file");
        for (n, line) in text.lines().enumerate() {
            for literal in literals(line) {
                if names_the_pack(&literal, &packs, &ids) {
                    named.push(format!("{name}:{}: \"{}\"", n + 1, literal.0));
                }
            }
        }
    }
    let content = std::fs::read_dir(root.join("tests"))
        .expect("tests/ is readable")
        .filter_map(Result::ok)
        .filter(|e| {
            let path = e.path();
            path.extension().is_some_and(|x| x == "rs")
                && e.file_name().to_string_lossy().starts_with("content_")
        })
        .count();
    assert!(
        content <= 8,
        "{content} content test files: at most eight (issue 17); fold the new one into one whose theme fits"
    );
    assert!(
        named.is_empty(),
        "only tests/content_*.rs may name the bundled pack; give these tests a pack of their own \
         (tests/support/pack.rs, tests/fixtures/packs/) or move them to a content file:\n{}",
        named.join("\n")
    );
}

/// The files of `src` whose unit tests may load a bundled pack, each with why. Every other unit
/// test runs on a pack it builds (`src/pack/testing.rs`), so a change to the law's wording or
/// ids reaches only these and `tests/content_*.rs`.
const UNIT_TESTS_ON_THE_BUNDLED_PACK: &[(&str, &str)] = &[
    (
        "src/pack/catalog.rs",
        "the catalog is the list of bundled packs and the reading of `--pack NAME`: its tests are \
         about which packs are bundled, which is the default and what its name opens",
    ),
    (
        "src/pack/trusted.rs",
        "the unchecked load exists only for bundled packs, whose hashes build.rs embeds: its test \
         loads every bundled pack both ways",
    ),
    (
        "src/engine/whatif/tests.rs",
        "the brute-force what-if oracle runs on every shipped pack too, naming nothing in it: no \
         change to the law's wording or ids reaches it, only a wrong answer on a shipped pack",
    ),
];

/// A line of Rust with its string literals emptied and its comment dropped: the code alone.
fn code(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    for (literal, _, _) in literals(line) {
        // Each literal's text stands in the line after its opening quote and the code before.
        let Some(at) = rest.find(&format!("\"{literal}")) else {
            break;
        };
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1 + literal.len()..];
    }
    out.push_str(rest);
    out.find("//")
        .map_or(out.clone(), |at| out[..at].to_owned())
}

/// Whether a line of unit-test code reaches for a bundled pack: the name `bundled`,
/// `bundled_names` or `bundled_packs` (the catalog's, `FileSet`'s, the start screen's; the PDF
/// writer's `fonts::bundled` is no pack), the catalog's `DEFAULT` or its `open`/`files` with no
/// argument (the default pack), or a string literal that names the pack ([`names_the_pack`]).
fn reaches_for_the_pack(line: &str, packs: &[String], ids: &[String]) -> bool {
    let code = code(line);
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    // Where `name` stands as a whole identifier, with the code after it.
    let uses = |name: &str| -> Vec<(usize, &str)> {
        code.match_indices(name)
            .filter(|(at, _)| {
                !code[..*at].chars().next_back().is_some_and(ident)
                    && !code[at + name.len()..].chars().next().is_some_and(ident)
            })
            .map(|(at, _)| (at, &code[at + name.len()..]))
            .collect()
    };
    let named = ["bundled", "bundled_names", "bundled_packs"]
        .into_iter()
        .any(|name| {
            uses(name)
                .iter()
                .any(|(at, _)| !code[..*at].ends_with("fonts::"))
        });
    let default = code.contains("catalog") && !uses("DEFAULT").is_empty();
    let no_pack_named = ["open", "files"].into_iter().any(|name| {
        uses(name)
            .iter()
            .any(|(_, after)| after.starts_with("(None"))
    });
    named
        || default
        || no_pack_named
        || literals(line)
            .iter()
            .any(|literal| names_the_pack(literal, packs, ids))
}

/// The unit-test code of `src`, by file: the whole of a file that is a test module (declared
/// `#[cfg(test)] mod NAME;`), and in any other file its `#[cfg(test)]` module (from the
/// attribute to the `}` that closes the module at the line's start), each line with its number.
fn unit_test_code(root: &Path) -> Vec<(String, Vec<(usize, String)>)> {
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a source file");
            (path, text)
        })
        .collect();
    // The files declared as test modules, where their parent's module says they are.
    let mut test_files = Vec::new();
    for (path, text) in &texts {
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let declared = pair[1].trim().trim_start_matches("pub(crate) ");
            if pair[0].trim() == "#[cfg(test)]"
                && let Some(name) = declared
                    .strip_prefix("mod ")
                    .and_then(|d| d.strip_suffix(';'))
            {
                let stem = path.file_stem().unwrap_or_default();
                let dir = if ["lib", "main", "mod"].iter().any(|s| stem == *s) {
                    path.parent().expect("a folder").to_owned()
                } else {
                    path.with_extension("")
                };
                test_files.push(dir.join(format!("{name}.rs")));
                test_files.push(dir.join(name).join("mod.rs"));
            }
        }
    }
    let mut out = Vec::new();
    for (path, text) in &texts {
        let whole = test_files.contains(path);
        let mut inside = false;
        let mut lines = Vec::new();
        let all: Vec<&str> = text.lines().collect();
        for (n, line) in all.iter().enumerate() {
            let opens = line.trim() == "#[cfg(test)]"
                && all[n + 1..]
                    .iter()
                    .find(|l| !l.trim().starts_with("#["))
                    .is_some_and(|l| l.contains("mod ") && l.trim_end().ends_with('{'));
            inside |= opens;
            if whole || inside {
                lines.push((n + 1, (*line).to_owned()));
            }
            if inside && !whole && *line == "}" {
                inside = false;
            }
        }
        let name = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        out.push((name, lines));
    }
    out.sort();
    out
}

/// No unit test in `src` loads or names the bundled legal pack but in the files
/// [`UNIT_TESTS_ON_THE_BUNDLED_PACK`] lists with their reasons (issue 17: behaviour tests run on
/// purpose-made packs). A listed file that no longer reaches for the pack must come off the list.
#[test]
fn src_unit_tests_leave_the_bundled_pack_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (packs, ids) = bundled_ids(root);
    let code = unit_test_code(root);
    assert!(
        code.iter()
            .any(|(name, lines)| name == "src/pack/testing.rs" && lines.len() > 50),
        "the unit-test code is found"
    );
    let mut reaching = Vec::new();
    let mut listed_reaching = std::collections::BTreeSet::new();
    for (name, lines) in &code {
        let listed = UNIT_TESTS_ON_THE_BUNDLED_PACK
            .iter()
            .any(|(file, _)| file == name);
        for (n, line) in lines {
            if reaches_for_the_pack(line, &packs, &ids) {
                if listed {
                    listed_reaching.insert(name.as_str());
                } else {
                    reaching.push(format!("{name}:{n}: {}", line.trim()));
                }
            }
        }
    }
    assert!(
        reaching.is_empty(),
        "unit tests in src run on packs they build (src/pack/testing.rs); move a test of the \
         law's content to tests/content_*.rs, or, if a file's tests are about the bundled pack \
         as a bundled artefact, list it in UNIT_TESTS_ON_THE_BUNDLED_PACK with why:\n{}",
        reaching.join("\n")
    );
    for (file, _) in UNIT_TESTS_ON_THE_BUNDLED_PACK {
        assert!(
            listed_reaching.contains(file),
            "{file}'s unit tests no longer reach for the bundled pack: take it off \
             UNIT_TESTS_ON_THE_BUNDLED_PACK"
        );
    }
}

/// The unit-test rule sees each way to the bundled pack, and not a font or a word of its own.
#[test]
fn the_unit_test_rule_sees_each_way_to_the_bundled_pack() {
    let packs = vec!["judicial-immunity".to_owned()];
    let ids = vec!["absolute-immunity".to_owned(), "defendant".to_owned()];
    let reaches = |line: &str| reaches_for_the_pack(line, &packs, &ids);
    for line in [
        "        let pack = bundled();",
        "    use crate::pack::testing::bundled;",
        "        let files = FileSet::bundled(name).unwrap();",
        "        for name in FileSet::bundled_names() {",
        "        let others = crate::tui::bundled_packs(&pack);",
        "        let files = FileSet::bundled(catalog::DEFAULT);",
        "        open(None, u64::MAX).unwrap();",
        r#"        let files = FileSet::bundled("judicial-immunity");"#,
        r#"        assert_eq!(conclusion.id, "absolute-immunity");"#,
        r#"        let answers = answer_ids(&[("defendant", "judge")]);"#,
        r#"        let files = bundled("bundled");"#,
    ] {
        assert!(reaches(line), "missed: {line}");
    }
    for line in [
        "        let pack = court();",
        r#"        let pack = named("bundled()");"#,
        "        let face = unbundled(face);",
        "        let font = fonts::bundled(Face::Bold);",
        "        room.set_open(None);",
        "    // the bundled pack is not called here: bundled()",
        r#"        assert!(message.contains("the bundled pack"));"#,
        r#"        let who = v["defendant"].as_str();"#,
        "        let shown = SHOWN_BY_DEFAULT;",
    ] {
        assert!(!reaches(line), "wrongly flagged: {line}");
    }
}
