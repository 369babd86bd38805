//! The layout plan: what a frame drew, so that `update` scrolls and resolves clicks against
//! exactly the layout the user sees. [`crate::tui::view::plan`] computes it (the same code that
//! draws, without a buffer); this module only names what it holds, so that the state
//! ([`crate::tui::app`]) and the view need not import each other.

use ratatui::layout::{Position, Rect};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// True when `area` is below the smallest layout.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The scrollable panels, by index into [`crate::tui::App::scroll`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The list: a question and its answers, or the start screen's entries.
    List = 0,
    /// The highlighted answer's note and authorities (in a fact pattern: the last answer's).
    Answer = 1,
    /// Why the question is asked.
    Why = 2,
    /// The verbatim excerpts.
    Excerpt = 3,
    /// The fact pattern being worked.
    Facts = 4,
    /// The conclusion screen's body.
    Conclusion = 5,
    /// Whichever text overlay is open (help).
    Overlay = 6,
    /// The start screen's introduction.
    Intro = 7,
    /// What the current question decides: the conclusions each answer keeps open.
    Decides = 8,
}

/// Number of [`Panel`]s.
pub const PANELS: usize = 9;

/// Where a screen cell leads when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// An answer of the current question.
    Option(usize),
    /// An entry of the start screen.
    StartEntry(usize),
    /// A scrollable panel (the wheel scrolls it; a click focuses it).
    Panel(Panel),
    /// A tab of the narrow layout's detail area: shows that panel (and that excerpt).
    Tab(Panel, usize),
    /// A breadcrumb: the question answered at this step.
    Crumb(usize),
    /// A screening on the matter screen.
    Screening(usize),
}

/// What a frame drew: where clicks land and how far each panel can scroll.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Clickable areas, last drawn on top.
    pub hits: Vec<(Rect, Hit)>,
    /// Visible lines of each panel drawn.
    pub viewport: [u16; PANELS],
    /// Largest useful scroll offset of each panel drawn.
    pub max_scroll: [usize; PANELS],
    /// The scroll offset each drawn panel was drawn at (`None`: not drawn).
    pub offset: [Option<usize>; PANELS],
    /// The first item drawn by the map or review list.
    pub list_top: usize,
    /// Items of the map or review list that fit on one page.
    pub list_page: usize,
}

/// What was drawn at a cell, topmost first.
pub fn hit_at(plan: &Plan, column: u16, row: u16) -> Option<Hit> {
    plan.hits
        .iter()
        .rev()
        .find(|(rect, _)| rect.contains(Position::new(column, row)))
        .map(|(_, hit)| *hit)
}

/// `area` cut into its top and its bottom `rows` rows (the whole area at the bottom when it
/// has fewer). The start screen's splits are fixed heights, plain arithmetic: ratatui's
/// constraint solver, whose cache is empty on the first frame, cost a twentieth of the start.
pub fn split_bottom(area: Rect, rows: u16) -> (Rect, Rect) {
    let rows = rows.min(area.height);
    let top = Rect {
        height: area.height - rows,
        ..area
    };
    let bottom = Rect {
        y: area.y + top.height,
        height: rows,
        ..area
    };
    (top, bottom)
}
