//! All the app's state, as plain data. Views read it; only `update` changes it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use super::calc_pane::{CalcPane, CalcTab};
use super::clock::Now;
use super::doc::{Doc, Place};
use super::keymap::{Cmd, Ctx, Keymap};
use super::theme::Theme;
use crate::domain::framework::Step;
use crate::domain::problem::{Catalog, Problem};
use crate::domain::stats::{Next, Suggestion, suggest};
use crate::domain::timer::StepTimers;
use crate::domain::transcript::{Status, Transcript};
use crate::store::Listed;

/// Autosave waits this long after the first unsaved keystroke, so notes reach disk within
/// two seconds of the last one even while typing continuously.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);
/// After a failed save, try again this often.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);
/// While the clocks run, save at least this often so a crash loses little clock time.
pub const PERIODIC_SAVE: Duration = Duration::from_secs(15);
/// How long a passing message stays in the status line.
pub const FLASH_FOR: Duration = Duration::from_secs(4);

/// The most notes a paste fills a step up to, in bytes. A whole strong answer, all six
/// steps, is about 30 KB; 2 MB is several hundred times that, so only a paste gets here, and
/// a 1 MB paste always fits whole. What the cap bounds is the autosave: the whole session
/// is rewritten about once a second while typing, at about 17 ms a MB on the benchmark
/// machine, so a full step keeps the keystroke that lands on an autosave under 50 ms.
/// Pasting past it keeps what fits and says what was left out; typed keys are never
/// refused, and notes already longer (an older session) are kept whole.
pub const STEP_NOTES_MAX: usize = 2 * 1024 * 1024;

/// The part of `text` a step with `room` bytes left takes: all of it if it fits, else up to
/// the last line break before the limit (or the last space, if no line break is near it).
pub fn fit_notes(text: &str, room: usize) -> &str {
    if text.len() <= room {
        return text;
    }
    let mut cut = room;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let near = |window: usize| cut.saturating_sub(window);
    if let Some(i) = head.rfind('\n').filter(|&i| i >= near(64 * 1024)) {
        return &text[..=i];
    }
    if let Some(i) = head
        .rfind(char::is_whitespace)
        .filter(|&i| i >= near(4 * 1024))
    {
        return &text[..i];
    }
    head
}

/// A size for people: `640 KB`, `1.5 MB`.
pub fn size_text(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

pub struct Model {
    /// Screens, innermost last. Going back pops; an empty stack quits.
    pub stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub catalog: Catalog,
    /// Whether `catalog` holds every problem; start-up reads only what the first screen
    /// needs (of a session's problem, perhaps only what that frame shows of it) and the
    /// rest right after the first frame.
    pub catalog_complete: bool,
    /// The latest session list read from disk (launcher and review).
    pub sessions: std::sync::Arc<Vec<Listed>>,
    /// Whether `sessions` has been read yet (it is read after the first frame).
    pub sessions_listed: bool,
    /// Why the sessions folder could not be read, when it could not.
    pub sessions_error: Option<String>,
    /// The latest drill list read from disk (review).
    pub drills: Vec<Result<super::estimate::DrillRecord, (String, String)>>,
    pub theme: Theme,
    pub flash: Option<Flash>,
    pub quit: bool,
    /// The time of the latest update, which views draw clocks from.
    pub now: Now,
    /// For showing dates; fixed at start so views stay pure and tests deterministic.
    pub tz: jiff::tz::TimeZone,
    /// Concept cards a drill would show today; counted after the first frame.
    pub cards_due: Option<usize>,
    /// Streaks, accuracy, weak steps; worked out after the first frame and on return to
    /// the launcher.
    pub stats: Option<Box<crate::domain::stats::Stats>>,
    /// The terminal's size, as last reported, for scrolling that must know where the end
    /// of the screen is.
    pub size: ratatui::layout::Size,
    /// How diagrams are drawn: box-drawing characters, or ASCII.
    pub charset: crate::diagram::Charset,
    /// The keys, with the user's config applied.
    pub keymap: Keymap,
    /// Starting values from the config (budgets, autosave, drills, the sheet).
    pub defaults: crate::config::Defaults,
    /// What was wrong with the config file (those settings are at their defaults).
    pub config_problems: Vec<crate::domain::diagnostic::Diagnostic>,
    /// Pause the clocks while the user's editor has the notes (off: it is an interview).
    pub editor_pauses_clocks: bool,
    /// The reviewer command for second opinions, when the user has set one up.
    pub reviewer: Option<crate::reviewer::Reviewer>,
    /// The number of the latest second opinion asked for.
    pub opinion_jobs: u64,
}

pub enum Screen {
    Launcher(Menu),
    Picker(Menu),
    Practice(Box<Practice>),
    Review(Menu),
    Detail(Box<Detail>),
    /// Two attempts at one problem, side by side (older first).
    Compare(Box<[Transcript; 2]>),
    /// Progress and stats (drawn from [`Model::stats`]).
    Stats,
    /// Reviewing concept cards.
    Cards(Box<super::cards::CardDrill>),
    /// An estimation drill.
    Estimate(Box<super::estimate::EstimateDrill>),
    /// Saved drills, newest first (review's second list).
    Drills(Menu),
    /// One saved drill.
    DrillDetail(Box<super::estimate::DrillRecord>),
    /// A second opinion on the session beneath, arriving or arrived.
    Opinion(Box<super::opinion::Opinion>),
    /// Choosing a step drill: the step first, then the problem.
    StepPick(StepPick),
}

/// The step-drill chooser. With no step chosen the list is the six steps; once one is,
/// it is "any problem" followed by the catalogue.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StepPick {
    pub menu: Menu,
    pub step: Option<Step>,
}

/// One row of review's drill list: a saved drill record, or a step drill (a transcript).
pub enum DrillRow<'a> {
    Record(&'a Result<super::estimate::DrillRecord, (String, String)>),
    Step(&'a crate::domain::transcript::Header),
}

impl DrillRow<'_> {
    fn id(&self) -> &str {
        match self {
            DrillRow::Record(Ok(r)) => &r.id,
            DrillRow::Record(Err((id, _))) => id,
            DrillRow::Step(h) => &h.id,
        }
    }
}

/// A list cursor.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Menu {
    pub selected: usize,
}

pub struct Detail {
    pub transcript: Transcript,
    /// The session as review shows it, laid out once (see [`super::review`]).
    pub doc: Doc,
    /// The first row on screen.
    pub top: Place,
    /// The selected rubric point on the scorecard (counted across steps).
    pub point: usize,
    /// The line of the summary block (the document's first) each scorecard choice is on,
    /// in selection order.
    pub choices: Vec<usize>,
}

impl Detail {
    /// `width` is the terminal's: drawings are laid out for it when review opens, in
    /// `charset`.
    pub fn new(
        transcript: Transcript,
        theme: &Theme,
        keys: &Keymap,
        tz: &jiff::tz::TimeZone,
        charset: crate::diagram::Charset,
        width: u16,
    ) -> Self {
        // The view's border takes a column on each side.
        let inner = usize::from(width.saturating_sub(2));
        let (doc, choices) =
            super::review::document(&transcript, theme, keys, tz, charset, 0, inner);
        let top = doc.top();
        Detail {
            transcript,
            doc,
            top,
            point: 0,
            choices,
        }
    }

    /// Lay the whole session out again (a second opinion was added, or the theme
    /// changed), keeping the place.
    pub fn relayout(
        &mut self,
        theme: &Theme,
        keys: &Keymap,
        tz: &jiff::tz::TimeZone,
        charset: crate::diagram::Charset,
        width: u16,
    ) {
        let inner = usize::from(width.saturating_sub(2));
        let (doc, choices) = super::review::document(
            &self.transcript,
            theme,
            keys,
            tz,
            charset,
            self.point,
            inner,
        );
        self.doc = doc;
        self.choices = choices;
    }

    /// The scorecard choice on line `line` of the document, if it is one.
    pub fn choice_at(&self, line: super::doc::LineAt) -> Option<usize> {
        if line.block != 0 {
            return None;
        }
        self.choices.iter().position(|&at| at == line.at)
    }

    /// Lay out the summary and scorecard again after the selection or a mark changed.
    pub fn refresh_head(&mut self, theme: &Theme, keys: &Keymap, tz: &jiff::tz::TimeZone) {
        let (head, choices) = super::review::head(&self.transcript, theme, keys, tz, self.point);
        self.choices = choices;
        let rows = match &head {
            super::doc::Block::Lines(lines) => lines.len(),
            super::doc::Block::Text { .. } => 0,
        };
        if let Some(first) = self.doc.blocks.first_mut() {
            *first = head;
        }
        // A view starting in the summary stays where it was, within its new length.
        if self.top.line.block == 0 {
            self.top.line.at = self.top.line.at.min(rows.saturating_sub(1));
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    ConfirmEnd,
    /// Saving failed while leaving: leave anyway (notes go to a rescue file) or stay.
    ConfirmLeaveUnsaved {
        error: String,
    },
    /// Choosing a building block to add to the step's diagram.
    Palette {
        selected: usize,
    },
    /// The session to resume is open in another process; it is shown read-only. Yes waits
    /// and takes it over when that process lets go (retrying at `retry_at`).
    HeldElsewhere {
        id: String,
        pid: Option<u32>,
        retry_at: Option<Instant>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
    pub until: Instant,
}

/// What to do once a save has gone through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSave {
    Stay,
    Back,
    Quit,
    /// The interview was just ended: show its summary.
    Ended,
}

/// A mock interview in progress.
pub struct Practice {
    pub transcript: Transcript,
    /// Problem-specific guidance per step (when the problem is still in the catalogue).
    pub extra_guidance: [Option<String>; 6],
    pub editors: Vec<TextArea<'static>>,
    pub timers: StepTimers,
    pub editing: bool,
    /// Counts changes (edits, step moves); a save records the count it covered.
    pub changes: u64,
    pub saved_changes: u64,
    /// When the last successful save happened, for the periodic save of the clocks.
    pub last_save: Instant,
    /// When the oldest unsaved change was made.
    pub dirty_since: Option<Instant>,
    /// How long after the first unsaved change it is saved (the config's, or 1 s).
    pub autosave_after: Duration,
    /// The clocks were paused for the user's editor, to run again when it closes.
    pub resume_after_editor: bool,
    pub save_error: Option<String>,
    pub retry_at: Option<Instant>,
    pub last_saved: Option<Timestamp>,
    pub guidance_scroll: u16,
    pub calc: CalcPane,
    /// The problem as loaded now (hints, clarifications, curveballs); `None` when the
    /// session's problem is no longer in the catalogue.
    pub problem: Option<Arc<Problem>>,
    /// The ask-the-interviewer box, while open.
    pub ask: Option<AskBox>,
    /// A curveball thrown at this step, shown until the user moves on.
    pub banner: Option<String>,
    /// The diagram view of the current step's notes, while open.
    pub diagram: Option<super::diagram_view::DiagramView>,
    /// The session's id is the one it asked for, not yet this process's: it is reserved
    /// right after the first frame, and nothing is saved before.
    pub unreserved: bool,
}

/// The question being typed, and the last exchange.
pub struct AskBox {
    pub input: ratatui_textarea::TextArea<'static>,
    pub return_to_editor: bool,
    pub last: Option<(String, String)>,
}

impl Practice {
    /// Open `transcript` (new or resumed) with its clock running on its current step.
    pub fn open(
        transcript: Transcript,
        problem: Option<Arc<Problem>>,
        now: Now,
        keys: &Keymap,
        defaults: &crate::config::Defaults,
    ) -> Self {
        let editors = Step::ALL
            .iter()
            .map(|&step| {
                let notes = transcript
                    .step(step)
                    .map(|r| r.notes.as_str())
                    .unwrap_or("");
                let mut ta = TextArea::new(notes.lines().map(String::from).collect());
                if notes.is_empty() {
                    ta = TextArea::default();
                }
                ta.set_wrap_mode(WrapMode::WordOrGlyph);
                ta.set_placeholder_text(format!(
                    "Type your notes here. {} inserts a starter template.",
                    keys.keys_for(Ctx::Editor, Cmd::InsertTemplate)
                ));
                ta.set_max_histories(500);
                ta.set_placeholder_style(Style::new().add_modifier(Modifier::DIM));
                // Resume where the words end, not at the top: that is where typing goes on.
                ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
                ta.move_cursor(ratatui_textarea::CursorMove::End);
                ta
            })
            .collect();
        let banked = Step::ALL.map(|s| transcript.step(s).map_or(Duration::ZERO, |r| r.spent()));
        let current = transcript.header.current_step;
        let extra_guidance =
            Step::ALL.map(|s| problem.as_ref().and_then(|p| p.step(s).guidance.clone()));
        let calc = CalcPane::new(
            &transcript.calc,
            &transcript.sheet,
            problem.as_deref(),
            &defaults.sheet,
            keys,
        );
        let mut practice = Practice {
            transcript,
            extra_guidance,
            editors,
            timers: StepTimers::start(banked, current, now.mono),
            editing: true,
            changes: 0,
            saved_changes: 0,
            last_save: now.mono,
            dirty_since: None,
            autosave_after: defaults.autosave_after(),
            resume_after_editor: false,
            save_error: None,
            retry_at: None,
            last_saved: None,
            guidance_scroll: 0,
            calc,
            problem,
            ask: None,
            banner: None,
            diagram: None,
            unreserved: false,
        };
        practice.enter_step(current, now);
        let editing = !practice.is_complete();
        practice.set_editing(editing);
        practice
    }

    /// Focus the notes editor or leave it; only the focused editor shows a cursor.
    pub fn set_editing(&mut self, on: bool) {
        self.editing = on;
        let cursor = if on {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        for e in &mut self.editors {
            e.set_cursor_style(cursor);
            e.set_cursor_line_style(Style::new());
        }
    }

    pub fn current(&self) -> Step {
        self.timers.current()
    }

    pub fn editor(&self) -> Option<&TextArea<'static>> {
        self.editors.get(self.current().index())
    }

    pub fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        let i = self.current().index();
        self.editors.get_mut(i)
    }

    /// Put `text` on a line of its own in the current step's notes: at the cursor when it
    /// sits on an empty line, else after the cursor's line.
    pub fn insert_line(&mut self, text: &str) {
        if let Some(e) = self.editor_mut() {
            let ratatui_textarea::DataCursor(row, _) = e.cursor();
            let on_empty_line = e.lines().get(row).is_none_or(|l| l.is_empty());
            if !on_empty_line {
                e.move_cursor(ratatui_textarea::CursorMove::End);
                e.insert_newline();
            }
            e.insert_str(text);
            e.insert_newline();
        }
    }

    /// The current step's notes up to the cursor.
    pub fn notes_before_cursor(&self) -> String {
        let Some(e) = self.editor() else {
            return String::new();
        };
        let ratatui_textarea::DataCursor(row, col) = e.cursor();
        let mut before: Vec<&str> = e.lines().iter().take(row).map(String::as_str).collect();
        let current = e.lines().get(row).map_or("", |l| {
            let end = l.char_indices().nth(col).map_or(l.len(), |(i, _)| i);
            &l[..end]
        });
        before.push(current);
        before.join("\n")
    }

    /// The current step's notes as they stand in the editor.
    pub fn notes(&self) -> String {
        self.editor()
            .map(|e| e.lines().join("\n"))
            .unwrap_or_default()
    }

    /// Redraw the diagram view from the notes, if it is open and they changed.
    pub fn refresh_diagram(&mut self, charset: crate::diagram::Charset) {
        let (step, changes) = (self.current(), self.changes);
        // Every update comes here (clock ticks too): read the notes only when they moved.
        if self
            .diagram
            .as_ref()
            .is_none_or(|v| v.is_current(step, changes))
        {
            return;
        }
        let notes = self.notes();
        if let Some(view) = &mut self.diagram {
            view.refresh(step, changes, &notes, charset);
        }
    }

    /// Bytes of notes in the current step's editor.
    pub fn notes_len(&self) -> usize {
        self.editor().map_or(0, |e| {
            let lines = e.lines();
            lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
        })
    }

    pub fn is_dirty(&self) -> bool {
        self.changes != self.saved_changes
    }

    pub fn mark_dirty(&mut self, now: Now) {
        self.changes += 1;
        self.dirty_since.get_or_insert(now.mono);
    }

    /// Record that the user arrived at `step`.
    pub fn enter_step(&mut self, step: Step, now: Now) {
        if let Some(r) = self.transcript.step_mut(step) {
            r.visits += 1;
            r.first_entered_at.get_or_insert(now.wall);
        }
    }

    /// Move to `step`, keeping the clocks' paused state.
    pub fn switch_to(&mut self, step: Step, now: Now) {
        if step == self.current() {
            return;
        }
        let left = self.current();
        if let Some(r) = self.transcript.step_mut(left) {
            r.last_left_at = Some(now.wall);
        }
        self.timers.switch(step, now.mono);
        self.enter_step(step, now);
        self.guidance_scroll = 0;
        self.banner = None;
        self.mark_dirty(now);
    }

    /// The transcript as it stands now: notes from the editors, time from the clocks.
    pub fn snapshot(&self, now: Now) -> Transcript {
        let mut t = self.transcript.clone();
        for (i, step) in Step::ALL.iter().enumerate() {
            let spent = self.timers.spent(*step, now.mono);
            if let Some(r) = t.step_mut(*step) {
                r.spent_ms = spent.as_millis() as u64;
                r.notes = self
                    .editors
                    .get(i)
                    .map(|e| e.lines().join("\n"))
                    .unwrap_or_default();
            }
        }
        t.header.current_step = self.current();
        t.header.elapsed_ms = self.timers.total(now.mono).as_millis() as u64;
        t.header.updated_at = now.wall;
        t
    }

    /// When the next save should happen: shortly after the first unsaved change, every
    /// [`PERIODIC_SAVE`] while clocks run, never before a pending retry.
    pub fn save_due(&self) -> Option<Instant> {
        let after_change = self.dirty_since.map(|since| since + self.autosave_after);
        let periodic = (!self.timers.is_paused() && !self.is_complete())
            .then(|| self.last_save + PERIODIC_SAVE);
        let due = match (after_change, periodic) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }?;
        Some(self.retry_at.map_or(due, |r| r.max(due)))
    }

    pub fn is_complete(&self) -> bool {
        self.transcript.header.status == Status::Complete
    }
}

impl Model {
    /// `t` laid out for review with this model's theme, keys, time zone, charset and
    /// width.
    pub fn detail(&self, t: Transcript) -> Detail {
        Detail::new(
            t,
            &self.theme,
            &self.keymap,
            &self.tz,
            self.charset,
            self.size.width,
        )
    }

    pub fn new(
        catalog: Catalog,
        theme: Theme,
        first: Screen,
        now: Now,
        tz: jiff::tz::TimeZone,
    ) -> Self {
        Model {
            now,
            tz,
            cards_due: None,
            stats: None,
            size: ratatui::layout::Size::new(80, 24),
            charset: crate::diagram::Charset::Unicode,
            keymap: Keymap::default(),
            defaults: crate::config::Defaults::default(),
            config_problems: Vec::new(),
            editor_pauses_clocks: false,
            reviewer: None,
            opinion_jobs: 0,
            stack: vec![first],
            overlay: None,
            catalog,
            catalog_complete: true,
            sessions: Default::default(),
            sessions_listed: false,
            sessions_error: None,
            drills: Vec::new(),
            theme,
            flash: None,
            quit: false,
        }
    }

    pub fn now_mono(&self) -> Instant {
        self.now.mono
    }

    pub fn screen(&self) -> Option<&Screen> {
        self.stack.last()
    }

    pub fn screen_mut(&mut self) -> Option<&mut Screen> {
        self.stack.last_mut()
    }

    pub fn practice(&self) -> Option<&Practice> {
        match self.screen() {
            Some(Screen::Practice(p)) => Some(p),
            _ => None,
        }
    }

    pub fn practice_mut(&mut self) -> Option<&mut Practice> {
        match self.screen_mut() {
            Some(Screen::Practice(p)) => Some(p),
            _ => None,
        }
    }

    /// Who has the keyboard: an overlay if one is up, else the screen's focused pane. The
    /// only place this is decided; keys, typed text, pastes, help and the hint bar all
    /// follow it.
    pub fn focus(&self) -> Ctx {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Ctx::Help,
            Some(Overlay::Palette { .. }) => Ctx::Palette,
            Some(
                Overlay::ConfirmEnd
                | Overlay::ConfirmLeaveUnsaved { .. }
                | Overlay::HeldElsewhere { .. },
            ) => Ctx::Confirm,
            None => self.screen_focus(),
        }
    }

    /// The focus beneath any overlay (what help describes).
    pub fn screen_focus(&self) -> Ctx {
        match self.screen() {
            Some(Screen::Practice(p)) if p.timers.is_paused() => Ctx::Paused,
            Some(Screen::Practice(p)) if p.ask.is_some() => Ctx::Ask,
            Some(Screen::Practice(p)) if p.calc.is_open() => match p.calc.tab {
                Some(CalcTab::Sheet) => Ctx::Sheet,
                Some(CalcTab::Cheats) => Ctx::Cheats,
                _ => Ctx::Calc,
            },
            Some(Screen::Practice(p)) if p.editing => Ctx::Editor,
            Some(Screen::Practice(_)) => Ctx::Practice,
            Some(Screen::Detail(_)) => Ctx::Detail,
            Some(Screen::Opinion(_)) => Ctx::Opinion,
            Some(Screen::Compare(_) | Screen::Stats | Screen::DrillDetail(_)) => Ctx::Summary,
            Some(Screen::Cards(_)) => Ctx::Cards,
            Some(Screen::Estimate(_)) => Ctx::Estimate,
            _ => Ctx::List,
        }
    }

    /// Whether `cmd` does something here now, so the hint bar offers only keys that work
    /// (no grades before a card's answer shows, no resume for a finished session).
    pub fn offers(&self, cmd: Cmd) -> bool {
        match (self.screen(), cmd) {
            (Some(Screen::Practice(p)), Cmd::NextStep) => {
                p.transcript.header.step_drill.is_none() && p.current().next().is_some()
            }
            (Some(Screen::Practice(p)), Cmd::PrevStep) => {
                p.transcript.header.step_drill.is_none() && p.current().prev().is_some()
            }
            (Some(Screen::Practice(p)), Cmd::Hint) => {
                let step = p.current();
                let total = p.problem.as_ref().map_or(0, |pr| pr.step(step).hints.len());
                let used = p.transcript.step(step).map_or(0, |r| r.hints_used as usize);
                used < total
            }
            (
                Some(Screen::Practice(p)),
                Cmd::EditNotes | Cmd::TogglePause | Cmd::EndInterview | Cmd::InsertTemplate,
            ) => !p.is_complete(),
            (Some(Screen::Practice(p)), Cmd::ScrollLeft | Cmd::ScrollRight) => p.diagram.is_some(),
            (Some(Screen::Detail(d)), Cmd::ResumeSession) => {
                d.transcript.header.status == Status::InProgress
            }
            (Some(Screen::Detail(d)), Cmd::SecondOpinion) => {
                d.transcript.header.status == Status::Complete
            }
            (Some(Screen::Detail(d)), Cmd::NextTab | Cmd::PrevTab | Cmd::TogglePoint) => d
                .transcript
                .scorecard
                .as_ref()
                .is_some_and(|c| c.points().count() + c.estimates.len() > 0),
            (Some(Screen::Cards(c)), Cmd::Reveal) => !c.finished() && !c.revealed,
            (Some(Screen::Cards(c)), Cmd::GradeCard(_)) => !c.finished() && c.revealed,
            (Some(Screen::Review(_) | Screen::Drills(_)), Cmd::NextTab | Cmd::Compare) => true,
            (Some(_), Cmd::NextTab | Cmd::Compare) => self.focus() != Ctx::List,
            (Some(Screen::Review(_)), Cmd::Select) => !self.interview_list().is_empty(),
            (Some(Screen::Drills(_)), Cmd::Select) => !self.drill_list().is_empty(),
            _ => true,
        }
    }

    /// Whether leaving this screen leaves the app (nothing beneath it).
    pub fn on_first_screen(&self) -> bool {
        self.stack.len() <= 1
    }

    /// Review's session list: mock interviews, and files too broken to tell.
    pub fn interview_list(&self) -> Vec<&Listed> {
        self.sessions
            .iter()
            .filter(|l| !matches!(l, Listed::Ok(h) if h.step_drill.is_some()))
            .collect()
    }

    /// Review's drill list: drill records and step drills, newest first (ids start with
    /// the start time).
    pub fn drill_list(&self) -> Vec<DrillRow<'_>> {
        let steps = self.sessions.iter().filter_map(|l| match l {
            Listed::Ok(h) if h.step_drill.is_some() => Some(DrillRow::Step(h)),
            _ => None,
        });
        let mut rows: Vec<DrillRow> = self
            .drills
            .iter()
            .map(DrillRow::Record)
            .chain(steps)
            .collect();
        rows.sort_by(|a, b| b.id().cmp(a.id()));
        rows
    }

    /// Unfinished sessions, newest first (for the launcher's resume entry).
    pub fn unfinished(&self) -> impl Iterator<Item = &crate::domain::transcript::Header> {
        self.sessions.iter().filter_map(|l| match l {
            Listed::Ok(h) if h.status == Status::InProgress => Some(h),
            _ => None,
        })
    }

    /// The next moment something on screen or on disk is due, so the loop can sleep until
    /// then rather than poll.
    pub fn next_deadline(&self, now: Now) -> Option<Instant> {
        let mut due: Vec<Instant> = Vec::new();
        if let Some(f) = &self.flash {
            due.push(f.until);
        }
        if let Some(Overlay::HeldElsewhere {
            retry_at: Some(at), ..
        }) = &self.overlay
        {
            due.push(*at);
        }
        if let Some(Screen::Estimate(d)) = self.screen()
            && !d.feedback
            && !d.finished()
        {
            // Redraw the countdown each second; time out exactly at the limit.
            let left = d.remaining(now.mono);
            let into = Duration::from_nanos(u64::from(left.subsec_nanos()));
            due.push(
                now.mono
                    + if into.is_zero() {
                        left.min(Duration::from_secs(1))
                    } else {
                        into
                    },
            );
        }
        if let Some(Screen::Opinion(o)) = self.screen()
            && o.running()
        {
            // The time it has taken, shown to the second.
            let into = o.took(now.mono).subsec_nanos();
            due.push(now.mono + Duration::from_nanos(u64::from(1_000_000_000 - into)));
        }
        if let Some(p) = self.practice() {
            due.extend(p.timers.next_second_boundary(now.mono));
            if let Some(at) = p.save_due() {
                due.push(at);
            }
        }
        due.into_iter().min()
    }
}

/// Entries of the launcher menu, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LauncherItem {
    /// What the stats suggest practising next.
    Next(Next),
    Practise,
    Resume {
        id: String,
        title: String,
    },
    Review,
    Cards,
    Estimate,
    StepDrill,
    Progress,
    Quit,
}

pub fn launcher_items(model: &Model) -> Vec<LauncherItem> {
    let mut items = Vec::new();
    if let Some(s) = suggestion(model) {
        items.push(LauncherItem::Next(s.next));
    }
    items.push(LauncherItem::Practise);
    if let Some(h) = model.unfinished().next() {
        let title = match h.step_drill {
            Some(step) => format!("{} · {} drill", h.title, step.title()),
            None => h.title.clone(),
        };
        items.push(LauncherItem::Resume {
            id: h.id.clone(),
            title,
        });
    }
    items.push(LauncherItem::Review);
    items.push(LauncherItem::Cards);
    items.push(LauncherItem::Estimate);
    items.push(LauncherItem::StepDrill);
    items.push(LauncherItem::Progress);
    items.push(LauncherItem::Quit);
    items
}

/// What to practise next, once the stats are in.
pub fn suggestion(model: &Model) -> Option<Suggestion> {
    model.stats.as_ref().map(|s| suggest(s, model.cards_due))
}

#[cfg(test)]
mod tests {
    use super::fit_notes;

    #[test]
    fn a_paste_is_cut_at_a_line_break_else_a_space_else_a_character() {
        assert_eq!(fit_notes("all of it", 100), "all of it");
        assert_eq!(fit_notes("one\ntwo\nthree", 10), "one\ntwo\n");
        assert_eq!(fit_notes("one two three", 10), "one two");
        // 'é' is two bytes: never cut inside it.
        assert_eq!(fit_notes("ééééé", 5), "éé");
        assert_eq!(fit_notes("anything", 0), "");
    }
}
