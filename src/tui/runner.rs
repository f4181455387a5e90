//! The event loop and the only place effects touch the outside world.
//!
//! Terminal input and signals arrive on one channel from two small threads; the loop
//! sleeps until the next event or the next deadline the model asks for (a clock's second
//! boundary, an autosave), so an idle session costs nothing.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};

use anyhow::Context;
use ratatui::Terminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind, MouseButton,
    MouseEventKind,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{execute, queue};

use super::action::{Action, Effect, Open, Typed};
use super::clock::{Clock, SystemClock};
use super::model::{Menu, Model, Screen};
use super::theme::Theme;
use super::update::update;
use super::view;
use crate::domain::problem::Catalog;
use crate::domain::transcript::Transcript;
use crate::output::warn;
use crate::store::{LockError, SessionLock, Store};

/// Which screen the app opens on.
#[derive(Debug, Clone)]
pub enum Start {
    Launcher,
    Picker,
    /// A new session of this problem.
    Practice(String),
    /// An existing unfinished session (already checked to load), and newer unfinished
    /// ones that did not read and were skipped (id, why).
    Resume {
        transcript: Box<Transcript>,
        skipped: Vec<(String, String)>,
    },
    Review,
    ReviewSession(Box<Transcript>),
    /// A concept-card drill, optionally of one deck.
    Cards(Option<String>),
    /// A step drill; a missing problem or step is picked at random from the seed.
    StepDrill {
        problem: Option<String>,
        step: Option<crate::domain::framework::Step>,
        seed: u64,
    },
    /// An estimation drill: seed, questions, seconds per question.
    Estimate {
        seed: u64,
        count: usize,
        secs: u64,
    },
}

enum Input {
    Terminal(Event),
    /// The signal's number.
    Signal(i32),
    /// A report from work on a thread of its own (a reviewer command's answer).
    Background(Action),
    /// The terminal's answer to [`super::background::QUERY`].
    BackgroundColour(super::background::Rgb),
}

/// How work on another thread reports back to the event loop.
pub type Post = std::sync::Arc<dyn Fn(Action) + Send + Sync>;

/// The reviewer command running on a thread of its own.
struct ReviewerJob {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

/// Where user problems and decks live, and whether the catalog handed to [`run`] is
/// already complete (else it is read after the first frame).
#[derive(Debug, Clone, Default)]
pub struct Dirs {
    pub problems: Vec<crate::store::problems::ProblemDir>,
    pub decks: Vec<crate::store::problems::ProblemDir>,
    pub catalog_complete: bool,
    /// The config folder, where the user's own reviewer template may be.
    pub config: Option<PathBuf>,
}

/// How things stand when the app exits, to print once the terminal is restored (nothing
/// written to stderr behind the alternate screen is ever seen).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Outcome {
    /// The session file last written, when it holds the newest notes.
    pub saved: Option<PathBuf>,
    /// What happened to the words, line by line, when something went wrong.
    pub report: Vec<String>,
    /// The newest notes are not in the session's own file.
    pub unsaved: bool,
    /// The signal that ended the app: the exit status is then 128 + n.
    pub signal: Option<i32>,
}

/// Run the TUI until the user quits.
pub fn run(
    store: Store,
    dirs: Dirs,
    catalog: Catalog,
    start: Start,
    settings: crate::config::Settings,
) -> anyhow::Result<Outcome> {
    let clock = SystemClock;
    let now = clock.now();
    let first = match &start {
        Start::Launcher => Screen::Launcher(Menu::default()),
        Start::Picker | Start::Practice(_) => Screen::Picker(Menu::default()),
        Start::Resume { .. } | Start::Review | Start::ReviewSession(_) => {
            Screen::Review(Menu::default())
        }
        Start::Cards(_) | Start::Estimate { .. } | Start::StepDrill { .. } => {
            Screen::Launcher(Menu::default())
        }
    };
    let mut model = Model::new(
        catalog,
        Theme::from_settings(&settings.config.theme),
        first,
        now,
        crate::store::local_time_zone(),
    );
    model.catalog_complete = dirs.catalog_complete;
    model.charset = match settings.config.defaults.ascii {
        Some(true) => crate::diagram::Charset::Ascii,
        _ => super::theme::charset_from_env(),
    };
    model.keymap = settings.keymap;
    model.editor_pauses_clocks = settings.config.editor.pause_clocks.unwrap_or(false);
    model.reviewer = settings.config.reviewer.effective(None).map(|(r, _)| r);
    let editor = settings.config.editor.command.clone();
    model.defaults = settings.config.defaults;
    model.config_problems = settings.problems;
    // The `auto` theme asks the terminal for its background once the first frame is up,
    // where the environment has not said; the answer may change the theme.
    let ask_background = super::background::should_ask(
        settings.config.theme.mode,
        |name| std::env::var(name).ok(),
        super::background::on_a_terminal(),
    );
    let mut runner = Runner::new(store);
    runner.theme = ask_background.then(|| settings.config.theme.clone());
    runner.deck_dirs = dirs.decks;
    runner.problem_dirs = dirs.problems;
    runner.config_dir = dirs.config;
    runner.rescue_places = crate::store::rescue::places(runner.store.data_dir());
    let (tx, rx) = mpsc::channel();
    // Handlers are on from the start; what they catch waits in their pipe until the thread
    // that forwards it starts, once the first frame is up.
    let signals = signal_handlers()?;
    let background = tx.clone();
    runner.post = Some(std::sync::Arc::new(move |action| {
        let _ = background.send(Input::Background(action));
    }));

    let mouse = settings.config.mouse.unwrap_or(true);
    let mut terminal =
        init_terminal(mouse).context("cannot start the terminal UI (is this a terminal?)")?;

    let mut opening_effect = None;
    // Opening actions go through `update` like everything else. Only the sessions list
    // shows the sessions on its first frame; the other screens list them right after it.
    let mut opening = Vec::new();
    if matches!(start, Start::Review) {
        opening.push(runner.sessions());
    }
    // Nothing is written before the first frame is up (a new session's lock and first save).
    runner.hold_until_first_frame();
    match start {
        Start::Practice(problem_id) => {
            opening.push(runner.start_session(problem_id, None, now.wall));
        }
        Start::Resume {
            transcript,
            skipped,
        } => {
            model.stack.clear();
            opening.push(runner.resume(transcript));
            if let Some(text) = skipped_notice(&skipped) {
                opening.push(Action::Notice { text, error: true });
            }
        }
        Start::ReviewSession(t) => opening.push(Action::Opened {
            id: t.header.id.clone(),
            purpose: Open::Review,
            result: Ok(t),
        }),
        Start::Estimate { seed, count, secs } => {
            model.stack.clear();
            opening.push(Action::StartEstimate { seed, count, secs });
        }
        Start::StepDrill {
            problem,
            step,
            seed,
        } => {
            model.stack.clear();
            opening.push(Action::StartStepDrill {
                problem,
                step,
                seed,
            });
        }
        Start::Cards(deck) => {
            model.stack.clear();
            opening_effect = Some(Effect::LoadCards { drill: Some(deck) });
        }
        Start::Launcher | Start::Picker | Start::Review => {}
    }

    let result = catch_unwind(AssertUnwindSafe(|| -> anyhow::Result<()> {
        for action in opening {
            runner.dispatch(&mut model, action, &clock);
        }
        if let Some(effect) = opening_effect.take()
            && let Some(action) = runner.perform(effect, &clock)
        {
            runner.dispatch(&mut model, action, &clock);
        }
        let gate = super::editor::InputGate::default();
        let command = super::editor::editor_command(editor.as_deref());
        let handover = gate.clone();
        runner.editor = Some(Box::new(move |path: &std::path::Path| {
            super::editor::run_editor(&handover, &command, path, mouse)
        }));
        runner.event_loop(&mut terminal, &mut model, &rx, &clock, || {
            spawn_signal_thread(signals, tx.clone());
            let replies = ask_background.then(super::background::Replies::default);
            spawn_input_thread(tx, gate, replies);
            if ask_background {
                // The answer is read by the input thread among the keys; nothing waits.
                let _ = super::background::ask();
            }
        })
    }));
    let _ = execute!(
        terminal.backend_mut(),
        DisableBracketedPaste,
        ratatui::crossterm::event::DisableMouseCapture
    );
    ratatui::restore();
    match result {
        Ok(r) => r.map(|()| runner.finish(&model, clock.now())),
        Err(panic) => {
            // The panic hook has restored the terminal and printed the message; keep the
            // notes. Only a session that loaded is ever open here, so nothing that failed
            // to load is written back.
            if let Some(p) = model.practice() {
                let t = p.snapshot(clock.now());
                match runner.store.save(&t) {
                    Ok(path) => warn(format_args!(
                        "sdcoach crashed, but your notes are saved in {}",
                        path.display()
                    )),
                    Err(e) => {
                        runner.save_failed(&t, &format!("{e:#}"));
                        for line in &runner.outcome.report {
                            warn(format_args!("{line}"));
                        }
                    }
                }
            }
            std::panic::resume_unwind(panic)
        }
    }
}

/// Carries out effects against a store. The event loop uses it, and so do tests, which
/// drive it with a fake clock and a temp data dir.
pub struct Runner {
    pub store: Store,
    /// Where user decks live (built-ins are compiled in).
    pub deck_dirs: Vec<crate::store::problems::ProblemDir>,
    /// Where user problems live.
    pub problem_dirs: Vec<crate::store::problems::ProblemDir>,
    /// What to tell the user on exit.
    pub outcome: Outcome,
    /// Where rescue copies go when the session file cannot be written, in order.
    pub rescue_places: Vec<PathBuf>,
    /// The session this process has open for writing; no other process may write it.
    lock: Option<SessionLock>,
    /// Saves wait in `held` until the first frame is on the screen.
    hold_saves: bool,
    held: Vec<Effect>,
    /// The session opened before the first frame, whose id is reserved after it.
    unreserved: Option<Unreserved>,
    /// The sessions folder as last read, and whether it was read for the action being
    /// handled (the list and the stats then share one look).
    index: crate::store::SessionIndex,
    looked: bool,
    /// The stats cache, read from disk once.
    history_cache: Option<crate::store::HistoryCache>,
    /// Runs the user's editor on a file and waits for it (the terminal handed over and
    /// taken back); none where there is no terminal to hand over.
    pub editor: Option<Box<ExternalEditor>>,
    /// The screen was given away (to the editor): draw all of it again.
    pub repaint: bool,
    /// The config folder, for the user's own reviewer template.
    pub config_dir: Option<PathBuf>,
    /// Where work on other threads reports; none where nothing may run in the background.
    pub post: Option<Post>,
    reviewer: Option<ReviewerJob>,
    /// The theme settings to follow the terminal's background with, when it was asked.
    pub theme: Option<crate::config::ThemeSettings>,
}

/// A session started before the first frame under the id it asked for.
struct Unreserved {
    /// What its id is made of: the problem, and the step of a drill.
    name: String,
    at: jiff::Timestamp,
    asked: String,
}

/// How the user's editor is run: on a file, until it exits.
pub type ExternalEditor = dyn FnMut(&std::path::Path) -> Result<(), String>;

impl Runner {
    pub fn new(store: Store) -> Self {
        let rescue_places = vec![store.data_dir().join("rescue")];
        Runner {
            store,
            deck_dirs: Vec::new(),
            problem_dirs: Vec::new(),
            outcome: Outcome::default(),
            rescue_places,
            lock: None,
            hold_saves: false,
            held: Vec::new(),
            unreserved: None,
            index: Default::default(),
            looked: false,
            history_cache: None,
            editor: None,
            repaint: false,
            config_dir: None,
            post: None,
            reviewer: None,
            theme: None,
        }
    }

    /// Stop the reviewer command if one runs, and wait for its thread (which ends it and
    /// whatever it started within a few tens of milliseconds).
    pub fn stop_reviewer(&mut self) {
        if let Some(job) = self.reviewer.take() {
            job.stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = job.thread.join();
        }
    }

    /// Send `transcript` to `reviewer` on a thread of its own, which posts its answer as it
    /// arrives and then how it ended. A session open in another window is not sent: its
    /// answer could not be kept.
    fn ask_reviewer(
        &mut self,
        job: u64,
        transcript: &Transcript,
        problem: Option<&crate::domain::problem::Problem>,
        reviewer: crate::reviewer::Reviewer,
    ) -> Option<Action> {
        self.stop_reviewer();
        let id = &transcript.header.id;
        let refuse = |why: String| {
            Some(Action::OpinionEnded {
                job,
                result: Err(why),
            })
        };
        let Some(post) = self.post.clone() else {
            return refuse("There is no event loop to hear the reviewer's answer".into());
        };
        if let Some(pid) = self.store.held_by(id)
            && self.lock.as_ref().is_none_or(|l| l.id() != id)
        {
            let held = LockError::Held {
                id: id.clone(),
                pid,
            };
            return refuse(format!("{held}: close it there first"));
        }
        let (prompt, notes) =
            crate::store::config::reviewer_prompt(self.config_dir.as_deref(), transcript, problem);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let spawned = std::thread::Builder::new()
            .name("reviewer".into())
            .spawn(move || {
                let outcome = crate::reviewer::run(&reviewer, &prompt, &flag, |piece| {
                    post(Action::OpinionText {
                        job,
                        text: piece.to_string(),
                    });
                });
                let result = outcome.map(Box::new).map_err(|e| {
                    format!(
                        "Could not start the reviewer `{}`: {e}",
                        crate::domain::sanitize::sanitize(&reviewer.command, true)
                    )
                });
                post(Action::OpinionEnded { job, result });
            });
        match spawned {
            Ok(thread) => {
                self.reviewer = Some(ReviewerJob { stop, thread });
                (!notes.is_empty()).then_some(Action::OpinionNotes { job, notes })
            }
            Err(e) => refuse(format!("Could not start a thread for the reviewer: {e}")),
        }
    }

    /// The session file could not take `t`: write a rescue copy wherever one can go and
    /// note every attempt; with none, keep the notes themselves for the report.
    pub fn save_failed(&mut self, t: &Transcript, error: &str) {
        let report = &mut self.outcome.report;
        report.push(format!(
            "Could not save session {} to {}: {error}",
            t.header.id,
            self.store.path_of(&t.header.id).display()
        ));
        let attempts = crate::store::rescue::write(t, &self.rescue_places);
        for a in &attempts {
            match &a.result {
                Ok(()) => report.push(format!(
                    "Your newest notes are in {}. Copy it over the session file to resume it.",
                    a.path.display()
                )),
                Err(e) => report.push(format!(
                    "Could not write a rescue copy to {}: {e}",
                    a.path.display()
                )),
            }
        }
        if !attempts.iter().any(|a| a.result.is_ok()) {
            report.push(
                "Nothing could be written anywhere. Your notes follow; copy them now.".into(),
            );
            report.push(crate::store::rescue::notes_as_text(t));
        }
        self.outcome.unsaved = true;
    }

    /// The outcome to print on exit. A session still holding unsaved words (a failed
    /// save on the way out, whatever the path) gets its rescue here if it has none yet.
    pub fn finish(&mut self, model: &Model, now: crate::tui::clock::Now) -> Outcome {
        // Nothing the app started outlives it.
        self.stop_reviewer();
        if let Some(cache) = &mut self.history_cache {
            self.store.save_history_cache(cache);
        }
        if let Some(p) = model.practice().filter(|p| p.is_dirty())
            && !self.outcome.unsaved
        {
            let error = p
                .save_error
                .clone()
                .unwrap_or_else(|| "the last changes were not saved".into());
            self.save_failed(&p.snapshot(now), &error);
        }
        if self.outcome.unsaved {
            self.outcome.saved = None;
        }
        self.outcome.clone()
    }

    /// Reserve a fresh session id (created exclusively and locked) and start it. Before
    /// the first frame the session starts under the id it asks for, and is reserved right
    /// after that frame ([`Runner::first_frame_shown`]): creating its lock is file-system
    /// work the first frame need not wait for.
    pub fn start_session(
        &mut self,
        problem_id: String,
        step: Option<crate::domain::framework::Step>,
        now: jiff::Timestamp,
    ) -> Action {
        let name = match step {
            Some(step) => format!("step-{}-{problem_id}", step.key().replace('_', "-")),
            None => problem_id.clone(),
        };
        let started = if self.hold_saves {
            Store::first_session_id(&name, now).map(|id| {
                self.unreserved = Some(Unreserved {
                    name,
                    at: now,
                    asked: id.clone(),
                });
                (id, false)
            })
        } else {
            self.store.reserve_session(&name, now).map(|(id, lock)| {
                self.lock = Some(lock);
                (id, true)
            })
        };
        match started {
            Ok((session_id, reserved)) => Action::Started {
                problem_id,
                session_id,
                step,
                reserved,
            },
            Err(e) => Action::Notice {
                text: format!("Could not start a session: {e:#}"),
                error: true,
            },
        }
    }

    /// Until [`Runner::first_frame_shown`], nothing is written: saves wait, and a new
    /// session's id is only asked for.
    pub fn hold_until_first_frame(&mut self) {
        self.hold_saves = true;
    }

    /// The first frame is on the screen: reserve the session it opened, then do what
    /// that frame did not need (housekeeping, held saves).
    pub fn first_frame_shown(&mut self, model: &mut Model, clock: &impl Clock) {
        if let Some(Unreserved { name, at, asked }) = self.unreserved.take() {
            let result = match self.store.reserve_session(&name, at) {
                Ok((id, lock)) => {
                    self.lock = Some(lock);
                    Ok(id)
                }
                Err(e) => Err(format!("{e:#}")),
            };
            self.dispatch(model, Action::Reserved { asked, result }, clock);
        }
        self.store.sweep_stale_temp_files();
        self.hold_saves = false;
        for effect in std::mem::take(&mut self.held) {
            if let Some(action) = self.perform(effect, clock) {
                self.dispatch(model, action, clock);
            }
        }
        self.dispatch(model, Action::FirstFrame, clock);
    }

    /// The session list, or why the sessions folder cannot be read.
    pub fn sessions(&mut self) -> Action {
        match self.look() {
            Ok(()) => Action::SessionsLoaded(self.index.listed()),
            Err(e) => Action::SessionsUnreadable(e),
        }
    }

    /// Look at the sessions folder, once per action handled.
    fn look(&mut self) -> Result<(), String> {
        if !self.looked {
            self.store
                .refresh(&mut self.index)
                .map_err(|e| format!("{e:#}"))?;
            self.looked = true;
        }
        Ok(())
    }

    fn history(&mut self) -> crate::domain::stats::History {
        // An unreadable folder has no history; the sessions list says why.
        if self.look().is_err() {
            self.index = Default::default();
        }
        let store = &self.store;
        let cache = self
            .history_cache
            .get_or_insert_with(|| store.history_cache());
        store.history_of(&self.index, cache)
    }

    /// Take an unfinished session for this process, or report who has it open.
    pub fn resume(&mut self, t: Box<Transcript>) -> Action {
        let id = t.header.id.clone();
        match self.take_lock(&id) {
            Ok(()) => Action::Opened {
                id,
                purpose: Open::Resume,
                result: Ok(t),
            },
            Err(LockError::Held { pid, .. }) => Action::HeldElsewhere { transcript: t, pid },
            Err(e) => Action::Opened {
                id,
                purpose: Open::Resume,
                result: Err(e.to_string()),
            },
        }
    }

    /// Hold the lock of session `id`, letting go of any other session's.
    fn take_lock(&mut self, id: &str) -> Result<(), LockError> {
        if self.lock.as_ref().is_some_and(|l| l.id() == id) {
            return Ok(());
        }
        self.lock = None;
        self.lock = Some(self.store.lock(id)?);
        Ok(())
    }

    /// Keep the lock only while its session is open for practice here, so another window
    /// can take it over as soon as this one has moved on.
    fn sync_lock(&mut self, model: &Model) {
        let open = model.practice().map(|p| p.transcript.header.id.as_str());
        if self.lock.as_ref().is_some_and(|l| Some(l.id()) != open) {
            self.lock = None;
        }
    }

    fn event_loop(
        &mut self,
        terminal: &mut Term,
        model: &mut Model,
        rx: &Receiver<Input>,
        clock: &impl Clock,
        after_first_frame: impl FnOnce(),
    ) -> anyhow::Result<()> {
        if let Ok(size) = terminal.size() {
            let (width, height) = (size.width, size.height);
            self.dispatch(model, Action::Resize { width, height }, clock);
        }
        let mut after_first_frame = Some(after_first_frame);
        while !model.quit {
            if std::mem::take(&mut self.repaint) {
                // Another program had the screen: blank it and forget the last frame, so
                // the next one is drawn whole. (`Terminal::clear` would ask the terminal
                // where its cursor is, and not every terminal answers.)
                execute!(
                    terminal.backend_mut(),
                    ratatui::crossterm::terminal::Clear(
                        ratatui::crossterm::terminal::ClearType::All
                    )
                )?;
                terminal.swap_buffers();
            }
            terminal.draw(|frame| view::draw(model, frame))?;
            if let Some(start) = after_first_frame.take() {
                // What the first frame did not need: input, reserving its session,
                // housekeeping, held saves.
                start();
                self.first_frame_shown(model, clock);
                continue;
            }
            let now = clock.now();
            let wait = model
                .next_deadline(now)
                .map(|at| at.saturating_duration_since(now.mono));
            let input = match wait {
                Some(wait) => rx.recv_timeout(wait),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let action = match input {
                Ok(Input::Signal(n)) => {
                    self.outcome.signal = Some(n);
                    Some(Action::Signal)
                }
                Ok(Input::Terminal(ev)) => to_action(model, ev),
                Ok(Input::Background(action)) => Some(action),
                Ok(Input::BackgroundColour(colour)) => self.theme.as_ref().map(|settings| {
                    let light = super::background::is_light(colour);
                    Action::Theme(Theme::for_background(settings, !model.theme.color, light))
                }),
                Err(RecvTimeoutError::Timeout) => Some(Action::Tick),
                // Both input threads gone: nothing can reach us any more.
                Err(RecvTimeoutError::Disconnected) => Some(Action::Signal),
            };
            if let Some(action) = action {
                self.dispatch(model, action, clock);
            }
            // Deadlines may have passed while handling input.
            self.dispatch(model, Action::Tick, clock);
        }
        Ok(())
    }

    /// Apply an action and carry out its effects; effects that report back feed new actions.
    pub fn dispatch(&mut self, model: &mut Model, action: Action, clock: &impl Clock) {
        // A new action may follow changes on disk: the folder is looked at afresh.
        self.looked = false;
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in update(model, action, clock.now()) {
                queue.extend(self.perform(effect, clock));
            }
        }
        self.sync_lock(model);
    }

    pub fn perform(&mut self, effect: Effect, clock: &impl Clock) -> Option<Action> {
        if matches!(effect, Effect::Save { .. } | Effect::Store(_)) {
            // What this writes is seen by the next look.
            self.looked = false;
        }
        match effect {
            Effect::Save { .. } if self.hold_saves => {
                self.held.push(effect);
                None
            }
            Effect::Save {
                transcript,
                changes,
                then,
            } => {
                let result = self
                    .take_lock(&transcript.header.id)
                    .map_err(|e| format!("{e}; your notes are kept in this window"))
                    .and_then(|()| self.store.save(&transcript).map_err(|e| format!("{e:#}")));
                if let Ok(path) = &result {
                    self.outcome.saved = Some(path.clone());
                    self.outcome.unsaved = false;
                }
                Some(Action::Saved {
                    changes,
                    result,
                    then,
                })
            }
            Effect::EditExternally { id, step, text } => {
                let path = self.store.editing_path(&id, step);
                let result = match self.store.write_editing(&path, &text) {
                    Err(e) => Err(format!("{e:#}")),
                    Ok(()) => match self.editor.as_mut() {
                        None => Err("there is no terminal to hand to an editor".into()),
                        Some(run) => {
                            let ran = run(&path);
                            self.repaint = true;
                            ran.and_then(|()| {
                                self.store.read_editing(&path).map_err(|e| format!("{e:#}"))
                            })
                        }
                    },
                };
                Some(Action::EditedExternally { step, result })
            }
            Effect::Rescue { transcript, error } => {
                self.save_failed(&transcript, &error);
                None
            }
            Effect::Store(t) => Some(Action::Stored(match self.store.held_by(&t.header.id) {
                Some(pid) if self.lock.as_ref().is_none_or(|l| l.id() != t.header.id) => {
                    Err(LockError::Held {
                        id: t.header.id.clone(),
                        pid,
                    }
                    .to_string())
                }
                // Reviews saved from a shell since review opened it are kept.
                _ => self
                    .store
                    .save_keeping_reviews(&t)
                    .map_err(|e| format!("{e:#}")),
            })),
            Effect::Compare { older, newer } => {
                let load = |id: &str| self.store.load(id).map_err(|e| format!("{e:#}"));
                Some(Action::Compared(
                    load(&older).and_then(|a| load(&newer).map(|b| Box::new([a, b]))),
                ))
            }
            Effect::LoadCards { drill } => {
                let decks = crate::store::decks::load_decks(&self.deck_dirs);
                let result = self
                    .store
                    .load_schedule()
                    .map(|schedule| Box::new((decks, schedule)))
                    .map_err(|e| format!("{e:#}"));
                Some(Action::CardsLoaded { drill, result })
            }
            Effect::SaveSchedule(schedule) => Some(Action::ScheduleSaved(
                self.store
                    .save_schedule(&schedule)
                    .map_err(|e| format!("{e:#}")),
            )),
            Effect::LoadCatalog => Some(Action::CatalogLoaded(Box::new(
                crate::store::problems::load_catalog_cached(
                    &self.problem_dirs,
                    &self.store.builtin_cache(),
                ),
            ))),
            Effect::LoadDrills => Some(Action::DrillsLoaded(self.store.list_drills())),
            Effect::SaveDrill(record) => Some(Action::Stored(
                self.store.save_drill(&record).map_err(|e| format!("{e:#}")),
            )),
            Effect::LoadHistory { open } => Some(Action::HistoryLoaded {
                history: Box::new(self.history()),
                open,
            }),
            Effect::LoadSessions => Some(self.sessions()),
            Effect::AskReviewer {
                job,
                transcript,
                problem,
                reviewer,
            } => self.ask_reviewer(job, &transcript, problem.as_deref(), reviewer),
            Effect::StopReviewer => {
                // The thread ends it and reports; waiting for that here would stall keys.
                if let Some(job) = &self.reviewer {
                    job.stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                None
            }
            Effect::SaveReview { job, id, record } => {
                let saved = match &self.lock {
                    Some(lock) if lock.id() == id => {
                        self.store.add_review_holding(lock, (*record).clone())
                    }
                    _ => self.store.add_review(&id, (*record).clone()),
                };
                Some(Action::ReviewSaved {
                    job,
                    result: saved.map(|_| record).map_err(|e| format!("{e:#}")),
                })
            }
            Effect::StartSession { problem_id, step } => {
                Some(self.start_session(problem_id, step, clock.now().wall))
            }
            Effect::Open { id, purpose } => match (self.store.load(&id), purpose) {
                (Ok(t), Open::Resume) => Some(self.resume(Box::new(t))),
                (result, purpose) => Some(Action::Opened {
                    id,
                    purpose,
                    result: result.map(Box::new).map_err(|e| format!("{e:#}")),
                }),
            },
        }
    }
}

/// What `practice --resume` skipped to reach the session it opened, in one line.
pub fn skipped_notice(skipped: &[(String, String)]) -> Option<String> {
    let (first, _) = skipped.first()?;
    Some(match skipped.len() {
        1 => format!("Skipped unreadable session {first}; `sdcoach sessions list` shows why."),
        n => format!(
            "Skipped {n} unreadable sessions ({first}, ...); `sdcoach sessions list` shows why."
        ),
    })
}

/// What a terminal event means in the model's current context.
pub fn to_action(model: &Model, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let focus = model.focus();
            match model.keymap.lookup(focus, &key) {
                Some(cmd) => Some(Action::Cmd(cmd)),
                None if focus.typing() => Some(Action::Type(Typed::Key(key.into()))),
                None => None,
            }
        }
        Event::Paste(text) => Some(Action::Type(Typed::Paste(text))),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel { down: true }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { down: false }),
            _ => None,
        },
        _ => None,
    }
}

/// The screen: stdout behind a buffer that holds a whole frame, so each frame reaches the
/// terminal in one write (std's stdout is line-buffered and went out in 1 KB pieces).
type Term = Terminal<super::backend::Screen<std::io::BufWriter<std::io::Stdout>>>;

/// The practice screen's first frame at 120×40 is about 7 KB; a frame bigger than this
/// goes out in more than one write.
const FRAME_BYTES: usize = 64 * 1024;

/// As `ratatui::try_init` (a panic hook that restores the terminal, raw mode, the
/// alternate screen), with bracketed paste and, when `mouse`, mouse capture, writing
/// through a frame-sized buffer.
fn init_terminal(mouse: bool) -> std::io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    enable_raw_mode()?;
    let mut out = crate::output::screen(FRAME_BYTES);
    // Flushed now: a panic before the first frame must not leave this in the buffer to be
    // written after the hook has restored the terminal.
    queue!(out, EnterAlternateScreen)?;
    let _ = queue!(out, EnableBracketedPaste);
    if mouse {
        let _ = queue!(out, ratatui::crossterm::event::EnableMouseCapture);
    }
    std::io::Write::flush(&mut out)?;
    Terminal::new(super::backend::Screen::new(out))
}

/// Reads the terminal's events for the loop; stops reading while `gate` is paused (the
/// user's editor has the terminal). With `replies`, the terminal's answer about its
/// background is picked out of the events.
fn spawn_input_thread(
    tx: Sender<Input>,
    gate: super::editor::InputGate,
    mut replies: Option<super::background::Replies>,
) {
    use super::background::Seen;
    std::thread::spawn(move || {
        loop {
            if !gate.may_read() {
                continue;
            }
            let read = match event::poll(super::editor::POLL) {
                Ok(true) => match event::read() {
                    Ok(ev) => Some(ev),
                    Err(_) => break,
                },
                Ok(false) => None,
                Err(_) => break,
            };
            let now = SystemClock.now().mono;
            let seen = match (&mut replies, read) {
                (None, Some(ev)) => vec![Seen::Event(ev)],
                (None, None) => continue,
                (Some(r), Some(ev)) => r.feed(ev, now),
                (Some(r), None) => r.expire(now),
            };
            let sent = seen.into_iter().try_for_each(|s| {
                tx.send(match s {
                    Seen::Event(ev) => Input::Terminal(ev),
                    Seen::Background(colour) => Input::BackgroundColour(colour),
                })
            });
            if sent.is_err() {
                break;
            }
        }
    });
}

fn signal_handlers() -> anyhow::Result<signal_hook::iterator::Signals> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("cannot install signal handlers")
}

fn spawn_signal_thread(mut signals: signal_hook::iterator::Signals, tx: Sender<Input>) {
    std::thread::spawn(move || {
        for n in signals.forever() {
            if tx.send(Input::Signal(n)).is_err() {
                break;
            }
        }
    });
}
