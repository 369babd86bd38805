//! The live classroom, `immunity --present --live`: a small web server on the room's network
//! that lets students answer the presenter's open question from their own browsers.
//!
//! The presenter's screen stays the authority: it *publishes* a [`Stage`] (which question is
//! shown, whether it is open, locked or revealed, where the room's walk stands) and the server
//! only reads it. Students' votes go the other way as [`Event`]s through a callback the TUI
//! turns into channel messages, so the TUI never waits on the network. [`room`] is the record
//! of devices and answers (pure), [`server`] the HTTP side, [`page`] the student's page and
//! [`net`] the join code, the room's addresses and the QR code.
//!
//! Nothing is sent anywhere: the server answers requests from the room and never makes one.

pub mod net;
pub mod page;
pub mod room;
pub mod server;

pub use room::{MAX_DEVICES, Room, Vote};
pub use server::{Config, Server};

/// Where the open question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Shown, not yet open for answers.
    #[default]
    Waiting,
    /// Open: students may answer and change their answer.
    Open,
    /// Locked: answers are final, the court's answer still hidden.
    Locked,
    /// Revealed: the court's answer is shown.
    Revealed,
}

/// What the presenter shows, as the students' pages need it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stage {
    /// Changes whenever anything here changes (the pages reload on it).
    pub seq: u64,
    /// The fact pattern shown (index into the pack's), if any.
    pub case: Option<usize>,
    /// The question shown (`None` at a conclusion).
    pub question: Option<usize>,
    /// 1-based step number of the question.
    pub step: usize,
    /// The current round: one opening of the question.
    pub round: u64,
    /// Where the question stands.
    pub phase: Phase,
    /// The conclusion reached, once the walk ends.
    pub conclusion: Option<usize>,
    /// The room's path so far: (question, option gone on with).
    pub path: Vec<(usize, usize)>,
}

/// What the server tells the presenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A device joined; the count now.
    Joined(usize),
    /// A vote was accepted.
    Vote(Vote),
}
