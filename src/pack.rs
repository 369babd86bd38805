//! Question packs: the file format, loading, validation and quote verification.
//!
//! A pack is a folder (`pack.json`, `cases.json`, `sources/*.txt`) read into a [`FileSet`], either
//! from disk or from the copy embedded in the binary at build time. [`load`] parses and validates
//! it completely and returns either a [`Pack`] or every problem found, each a [`Diagnostic`] with
//! file, line and column. A `Pack` can only be built by the loader, so code downstream (engine,
//! report, front ends) never holds an unchecked tree: every `next` resolves, every source id
//! exists, every quote was verified.

pub mod catalog;
mod caveat_paths;
mod checks21;
mod citation;
pub mod diagnostic;
pub mod files;
pub mod format;
#[doc(hidden)]
pub mod generate;
pub mod graph;
mod load;
mod node_index;
pub(crate) mod position;
mod quote;
pub mod reach;
mod rows;
#[cfg(test)]
pub(crate) mod testing;
pub mod trusted;
mod validate;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use citation::pinned_citation;
pub(crate) use citation::year_parenthetical;
pub use diagnostic::{
    Diagnostic, Diagnostics, Hidden, Listing, SHOWN_BY_DEFAULT, Severity, listing,
};
pub use files::{DEFAULT_MAX_INPUT, FileSet, InputError, read_input};
pub use format::{
    AuthorityRef, Case, CasesFile, Choice, Conclusion, Excerpt, Historical, InnerQuote, Outcome,
    PackFile, Question, Source, Status,
};
pub use load::{CheckSummary, load};

/// Where an option leads: a question or a conclusion, by index into the pack's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// Index into [`Pack::questions`].
    Question(usize),
    /// Index into [`Pack::conclusions`].
    Conclusion(usize),
}

/// A validated question pack. Built only by [`load`] (or, for a bundled pack the tests
/// validated, by [`trusted`]).
///
/// What the start screen shows (the header and the fact patterns) is held from the start; the
/// tree itself (questions, conclusions, sources and the maps over them) is the `Body`. A pack
/// loaded from a folder is built whole. A bundled pack builds its body from the embedded bytes
/// the first time anything asks for it, so a launch that shows the start screen and quits never
/// parses the tree ([`trusted`]).
#[derive(Debug, Clone)]
pub struct Pack {
    head: Head,
    /// The title of each fact pattern, in order: all the start screen needs of `cases.json`.
    case_titles: Vec<crate::text::Clean>,
    /// The fact patterns, for a bundled pack parsed the first time they are asked for.
    cases: OnceLock<Vec<Case>>,
    content_hash: String,
    origin: String,
    /// Warnings found while loading (e.g. unused answers in a fact pattern).
    warnings: Vec<Diagnostic>,
    body: OnceLock<Body>,
    /// The bundled pack's files, from which `body` and `cases` are built on first use; `None`
    /// when they were built at load.
    deferred: Option<FileSet>,
}

/// The header of `pack.json`: what a pack is, shown before its tree is needed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(crate) struct Head {
    id: crate::text::Clean,
    title: crate::text::Clean,
    version: crate::text::Clean,
    law_checked: crate::text::Clean,
    description: crate::text::Clean,
    disclaimer: crate::text::Clean,
}

impl Head {
    fn of(file: &PackFile) -> Self {
        Self {
            id: file.id.clone(),
            title: file.title.clone(),
            version: file.version.clone(),
            law_checked: file.law_checked.clone(),
            description: file.description.clone(),
            disclaimer: file.disclaimer.clone(),
        }
    }
}

/// Where each id of a pack is declared, by index: the first declaration of each (a checked pack
/// declares none twice). The checked and the unchecked load build the same maps.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdMaps {
    /// Questions and conclusions, which share one namespace.
    pub(crate) nodes: node_index::NodeIndex,
    /// Sources.
    pub(crate) sources: HashMap<String, usize>,
    /// Outcomes.
    pub(crate) outcomes: HashMap<String, usize>,
}

/// The tree of a pack and the maps over it, built together from `pack.json`.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    file: PackFile,
    /// `next` of every option, resolved: `targets[q][o]`.
    targets: rows::Rows<Node>,
    ids: IdMaps,
    start: usize,
    /// The conclusions each question can reach, when the pack has few enough conclusions.
    reach: Option<reach::Reach>,
}

impl Body {
    /// The body of `file` whose options resolve to `targets`; computes what each question can
    /// reach.
    fn new(file: PackFile, targets: rows::Rows<Node>, ids: IdMaps, start: usize) -> Self {
        let reach = reach::Reach::build(&file, &targets);
        Self {
            file,
            targets,
            ids,
            start,
            reach,
        }
    }
}

impl Pack {
    /// A pack whose body is built now, with no fact patterns, hash or origin yet (the loader
    /// fills them in).
    pub(crate) fn whole(body: Body) -> Self {
        Self {
            head: Head::of(&body.file),
            case_titles: Vec::new(),
            cases: OnceLock::from(Vec::new()),
            content_hash: String::new(),
            origin: String::new(),
            warnings: Vec::new(),
            body: OnceLock::from(body),
            deferred: None,
        }
    }
    /// Gives a whole pack its fact patterns.
    pub(crate) fn set_cases(&mut self, cases: Vec<Case>) {
        self.case_titles = cases.iter().map(|c| c.title.clone()).collect();
        self.cases = OnceLock::from(cases);
    }
    /// A bundled pack of `files` whose fact patterns are titled `case_titles`, its body and
    /// fact patterns built from `files` on first use.
    pub(crate) fn deferred(
        head: Head,
        case_titles: Vec<crate::text::Clean>,
        files: FileSet,
        hash: String,
    ) -> Self {
        Self {
            head,
            case_titles,
            cases: OnceLock::new(),
            content_hash: hash,
            origin: files.display_root().to_owned(),
            warnings: Vec::new(),
            body: OnceLock::new(),
            deferred: Some(files),
        }
    }
    /// Whether the tree has been built (for the tests that check a start leaves it alone).
    #[cfg(test)]
    pub(crate) fn tree_is_built(&self) -> bool {
        self.body.get().is_some()
    }
    /// Whether the fact patterns have been built (as [`Pack::tree_is_built`]).
    #[cfg(test)]
    pub(crate) fn cases_are_built(&self) -> bool {
        self.cases.get().is_some()
    }
    /// The tree, built from the deferred files the first time it is asked for.
    fn body(&self) -> &Body {
        self.body
            .get_or_init(|| trusted::body(self.deferred_files()))
    }
    /// The files of a bundled pack whose body and fact patterns wait for first use: a pack
    /// built whole has both, so nothing asks for its files.
    fn deferred_files(&self) -> &FileSet {
        self.deferred
            .as_ref()
            .expect("a pack built without its body or fact patterns defers them")
    }
    /// Stable id of the pack.
    pub fn id(&self) -> &str {
        &self.head.id
    }
    /// Title of the pack.
    pub fn title(&self) -> &str {
        &self.head.title
    }
    /// Version of the pack's content.
    pub fn version(&self) -> &str {
        &self.head.version
    }
    /// Date (YYYY-MM-DD) the law was last checked.
    pub fn law_checked(&self) -> &str {
        &self.head.law_checked
    }
    /// What the pack covers.
    pub fn description(&self) -> &str {
        &self.head.description
    }
    /// The educational-aid disclaimer shown with every conclusion.
    pub fn disclaimer(&self) -> &str {
        &self.head.disclaimer
    }
    /// The raw pack file (validated).
    pub fn file(&self) -> &PackFile {
        &self.body().file
    }
    /// SHA-256 over the pack's files (path and content, in path order), hex.
    pub fn content_hash(&self) -> &str {
        &self.content_hash
    }
    /// Where the pack came from: a folder path, or `<bundled>/id`.
    pub fn origin(&self) -> &str {
        &self.origin
    }
    /// Warnings found while loading a pack that is otherwise sound, in file and position
    /// order (e.g. a fact pattern answering a question its path never reaches).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
    /// The conclusions each question can still reach, computed once at load; `None` for a pack
    /// with more conclusions than [`reach::MAX_WORDS`] × 64 (then callers search).
    pub fn reach(&self) -> Option<&reach::Reach> {
        self.body().reach.as_ref()
    }
    /// Index of the first question.
    pub fn start(&self) -> usize {
        self.body().start
    }
    /// All questions, in file order.
    pub fn questions(&self) -> &[Question] {
        &self.body().file.questions
    }
    /// All conclusions, in file order.
    pub fn conclusions(&self) -> &[Conclusion] {
        &self.body().file.conclusions
    }
    /// All sources, in file order.
    pub fn sources(&self) -> &[Source] {
        &self.body().file.sources
    }
    /// All outcomes, in file order.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.body().file.outcomes
    }
    /// The fact patterns of `cases.json` (empty when the pack has none).
    pub fn cases(&self) -> &[Case] {
        self.cases
            .get_or_init(|| trusted::cases(self.deferred_files()))
    }
    /// The title of each fact pattern, in order (what the start screen lists), without
    /// building the fact patterns themselves.
    pub fn case_titles(&self) -> &[crate::text::Clean] {
        &self.case_titles
    }
    /// Question by index.
    pub fn question(&self, index: usize) -> &Question {
        &self.body().file.questions[index]
    }
    /// Conclusion by index.
    pub fn conclusion(&self, index: usize) -> &Conclusion {
        &self.body().file.conclusions[index]
    }
    /// The caveats of conclusion `index` that a walk along `steps` reaches
    /// ([`Conclusion::caveats_on_path`]): the one list the memo's other bars, the walk report
    /// and every screen built on the report show.
    pub fn caveats_on(&self, index: usize, steps: &[graph::Step]) -> Vec<&crate::text::Clean> {
        let path: Vec<(&str, &str)> = steps
            .iter()
            .map(|st| {
                let q = self.question(st.question);
                (q.id.as_str(), q.options[st.option].id.as_str())
            })
            .collect();
        self.conclusion(index).caveats_on_path(&path)
    }
    /// Where option `option` of question `question` leads.
    pub fn target(&self, question: usize, option: usize) -> Node {
        self.body().targets[question][option]
    }
    /// A question or conclusion by id.
    pub fn node(&self, id: &str) -> Option<Node> {
        let body = self.body();
        body.ids.nodes.over(&body.file).get(id)
    }
    /// Index of a question by id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        match self.node(id) {
            Some(Node::Question(q)) => Some(q),
            _ => None,
        }
    }
    /// Index of an option of a question by the option's id.
    pub fn option_index(&self, question: usize, id: &str) -> Option<usize> {
        self.question(question)
            .options
            .iter()
            .position(|o| o.id == id)
    }
    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.body()
            .ids
            .sources
            .get(id)
            .map(|&i| &self.body().file.sources[i])
    }
    /// A fact pattern by id.
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases().iter().find(|c| c.id == id)
    }
    /// The label of an outcome id ("Immune"); the id itself if undeclared (cannot happen in a
    /// validated pack).
    pub fn outcome_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.body()
            .ids
            .outcomes
            .get(id)
            .map_or(id, |&i| self.body().file.outcomes[i].label.as_str())
    }
    /// The citation of `source` with a pin cite inserted, in Bluebook order:
    /// "Mireles v. Waco, 502 U.S. 9, 12 (1991) (per curiam)".
    pub fn cite(&self, authority: &AuthorityRef) -> String {
        match self.source(&authority.source) {
            Some(source) => pinned_citation(source, authority.pin.as_deref()),
            None => authority.source.to_string(),
        }
    }
}
