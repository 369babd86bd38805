//! `immunity`: walks a question pack (by default, the law of absolute judicial immunity under
//! 42 U.S.C. § 1983) one question at a time, and reports the conclusion with its reasoning.
//!
//! Data flows one way: pack files → validated [`pack::Pack`] → [`engine::Session`] →
//! [`report`] → a front end (the TUI, `walk`) or an export file. `pack`, `engine` and `report`
//! never touch the terminal.

pub mod answers;
pub mod conventions;
pub mod document;
pub mod engine;
pub mod export;
pub mod live;
pub mod matter;
pub mod pack;
pub mod plain;
pub mod report;
pub mod results;
pub mod text;
pub mod tui;
pub mod words;
