//! What can happen to the app (actions in) and what it asks the outside world to do
//! (effects out).

use std::path::PathBuf;

use ratatui_textarea::Input;

use super::keymap::Cmd;
use super::model::AfterSave;
use crate::domain::framework::Step;
use crate::domain::transcript::Transcript;
use crate::store::Listed;

/// Text coming in: one key at a time, or a whole paste (bracketed paste).
#[derive(Debug, Clone)]
pub enum Typed {
    Key(Input),
    Paste(String),
}

#[derive(Debug, Clone)]
pub enum Action {
    /// A key bound in the keymap.
    Cmd(Cmd),
    /// Text for whichever pane has the focus: a key the table does not bind, or a paste.
    Type(Typed),
    /// The left button pressed at a cell of the screen.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel turned, down or up.
    Wheel {
        down: bool,
    },
    /// The clock reached a deadline the model asked for.
    Tick,
    /// The terminal said what its background is, and this is the theme for it.
    Theme(super::theme::Theme),
    /// The terminal's size: at start, and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    /// SIGTERM, SIGHUP or SIGINT: save and leave now.
    Signal,
    SessionsLoaded(std::sync::Arc<Vec<Listed>>),
    /// The sessions folder exists but cannot be read.
    SessionsUnreadable(String),
    /// A new session of the problem, with the id it was given.
    Started {
        problem_id: String,
        session_id: String,
        /// Only this step, on its own budget: a step drill.
        step: Option<Step>,
        /// Whether the id is already this process's. A session opened before the first
        /// frame is drawn with the id it asks for, reserved right after that frame (see
        /// [`Action::Reserved`]); nothing is saved until then.
        reserved: bool,
    },
    /// The session opened as `asked` was reserved, under that id or the next free one
    /// when another window took it first; or it could not be.
    Reserved {
        asked: String,
        result: Result<String, String>,
    },
    /// Begin a step drill; a missing problem or step is picked at random from `seed`.
    StartStepDrill {
        problem: Option<String>,
        step: Option<Step>,
        seed: u64,
    },
    /// A saved session was read (or failed to), to resume or to review.
    Opened {
        id: String,
        purpose: Open,
        result: Result<Box<Transcript>, String>,
    },
    /// The session to resume is open in another sdcoach process (`pid` when known); it
    /// can be read here but not written.
    HeldElsewhere {
        transcript: Box<Transcript>,
        pid: Option<u32>,
    },
    /// Something to tell the user; `error` marks it as a problem.
    Notice {
        text: String,
        error: bool,
    },
    Saved {
        changes: u64,
        result: Result<PathBuf, String>,
        then: AfterSave,
    },
    /// The user's editor is closed: what it left for `step`, or why there is nothing.
    EditedExternally {
        step: Step,
        result: Result<String, String>,
    },
    /// A finished session was rewritten (after a scorecard change).
    Stored(Result<PathBuf, String>),
    Compared(Result<Box<[Transcript; 2]>, String>),
    /// The first frame is on screen: time for work that should not delay it.
    FirstFrame,
    /// Every problem was read (built-ins and the user's folders).
    CatalogLoaded(Box<crate::domain::problem::Catalog>),
    /// Decks and the schedule were read, to count due cards or to start a drill.
    CardsLoaded {
        drill: Option<Option<String>>,
        result: Result<
            Box<(
                crate::domain::deck::Decks,
                crate::domain::schedule::Schedule,
            )>,
            String,
        >,
    },
    ScheduleSaved(Result<(), String>),
    DrillsLoaded(Vec<Result<super::estimate::DrillRecord, (String, String)>>),
    /// Begin an estimation drill.
    StartEstimate {
        seed: u64,
        count: usize,
        secs: u64,
    },
    /// What the stats are worked out from was read; `open` shows the stats screen.
    HistoryLoaded {
        history: Box<crate::domain::stats::History>,
        open: bool,
    },
    /// More of second opinion `job`'s answer, as it arrived (not yet made safe to draw).
    OpinionText {
        job: u64,
        text: String,
    },
    /// What the user should know about their reviewer template (the prompt was still sent).
    OpinionNotes {
        job: u64,
        notes: Vec<String>,
    },
    /// The reviewer command of `job` ended, or (`Err`) could not be started.
    OpinionEnded {
        job: u64,
        result: Result<Box<crate::reviewer::Outcome>, String>,
    },
    /// Second opinion `job` was written into its session file (the record kept), or why
    /// not.
    ReviewSaved {
        job: u64,
        result: Result<Box<crate::domain::transcript::ReviewRecord>, String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    Resume,
    Review,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the transcript; reply with [`Action::Saved`].
    Save {
        transcript: Box<Transcript>,
        changes: u64,
        then: AfterSave,
    },
    /// Saving failed (`error`) and the user leaves anyway: write wherever still works.
    Rescue {
        transcript: Box<Transcript>,
        error: String,
    },
    LoadSessions,
    /// Reserve an id for a new session of this problem; reply with [`Action::Started`].
    StartSession {
        problem_id: String,
        step: Option<Step>,
    },
    Open {
        id: String,
        purpose: Open,
    },
    /// Hand `text` (step `step` of session `id`) to the user's editor and wait for it;
    /// reply with [`Action::EditedExternally`].
    EditExternally {
        id: String,
        step: Step,
        text: String,
    },
    /// Rewrite a finished session; reply with [`Action::Stored`].
    Store(Box<Transcript>),
    /// Load two sessions to compare; reply with [`Action::Compared`].
    Compare {
        older: String,
        newer: String,
    },
    /// Read every session and drill for the stats; reply with [`Action::HistoryLoaded`].
    /// Read every problem; reply with [`Action::CatalogLoaded`].
    LoadCatalog,
    LoadHistory {
        open: bool,
    },
    /// Read decks and schedule; `drill: Some(deck filter)` starts a drill, `None` only
    /// counts what is due. Reply with [`Action::CardsLoaded`].
    LoadCards {
        drill: Option<Option<String>>,
    },
    SaveSchedule(Box<crate::domain::schedule::Schedule>),
    /// List saved drills; reply with [`Action::DrillsLoaded`].
    LoadDrills,
    /// Write a drill record; reply with [`Action::Stored`].
    SaveDrill(Box<super::estimate::DrillRecord>),
    /// Send a finished session to the reviewer command on a thread of its own; it reports
    /// with [`Action::OpinionText`] as the answer arrives and [`Action::OpinionEnded`].
    AskReviewer {
        job: u64,
        transcript: Box<Transcript>,
        problem: Option<Box<crate::domain::problem::Problem>>,
        reviewer: crate::reviewer::Reviewer,
    },
    /// Stop the reviewer command that is running (and whatever it started).
    StopReviewer,
    /// Keep a second opinion with its session; reply with [`Action::ReviewSaved`].
    SaveReview {
        job: u64,
        id: String,
        record: Box<crate::domain::transcript::ReviewRecord>,
    },
}
