//! The event loop and the only place effects touch the outside world.
//!
//! Terminal input and signals arrive on one channel from two small threads; the loop
//! sleeps until the next event or the next deadline the model asks for (a clock's second
//! boundary, an autosave), so an idle session costs nothing.

use std::io::stdout;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use super::action::{Action, Effect, Open};
use super::clock::{Clock, SystemClock};
use super::keymap::{self, Ctx};
use super::model::{Menu, Model, Screen};
use super::theme::Theme;
use super::update::update;
use super::view;
use crate::domain::problem::Catalog;
use crate::domain::transcript::Transcript;
use crate::store::Store;

/// Which screen the app opens on.
#[derive(Debug, Clone)]
pub enum Start {
    Launcher,
    Picker,
    /// A new session of this problem.
    Practice(String),
    /// An existing unfinished session (already checked to load).
    Resume(Box<Transcript>),
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
    Signal,
}

/// Run the TUI until the user quits. Returns the path of the last session saved, if any.
pub fn run(
    store: Store,
    deck_dirs: Vec<crate::store::problems::ProblemDir>,
    catalog: Catalog,
    start: Start,
) -> anyhow::Result<Option<PathBuf>> {
    let clock = SystemClock;
    let now = clock.now();
    let first = match &start {
        Start::Launcher => Screen::Launcher(Menu::default()),
        Start::Picker | Start::Practice(_) => Screen::Picker(Menu::default()),
        Start::Resume(_) | Start::Review | Start::ReviewSession(_) => {
            Screen::Review(Menu::default())
        }
        Start::Cards(_) | Start::Estimate { .. } | Start::StepDrill { .. } => {
            Screen::Launcher(Menu::default())
        }
    };
    let mut model = Model::new(
        catalog,
        Theme::from_env(),
        first,
        now,
        crate::store::local_time_zone(),
    );
    let mut runner = Runner::new(store);
    runner.deck_dirs = deck_dirs;
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;

    let mut terminal =
        ratatui::try_init().context("cannot start the terminal UI (is this a terminal?)")?;
    let _ = execute!(stdout(), EnableBracketedPaste);
    spawn_input_thread(tx);

    let mut opening_effect = None;
    // Opening actions go through `update` like everything else.
    let mut opening = vec![Action::SessionsLoaded(
        runner.store.list().unwrap_or_default(),
    )];
    match start {
        Start::Practice(problem_id) => {
            let session_id = runner.store.new_session_id(&problem_id, now.wall);
            opening.push(Action::Started {
                problem_id,
                session_id,
                step: None,
            });
        }
        Start::Resume(t) => {
            model.stack.clear();
            opening.push(Action::Opened {
                purpose: Open::Resume,
                result: Ok(t),
            });
        }
        Start::ReviewSession(t) => opening.push(Action::Opened {
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
        runner.event_loop(&mut terminal, &mut model, &rx, &clock)
    }));
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(r) => r.map(|()| runner.last_saved),
        Err(panic) => {
            // The panic hook has restored the terminal and printed the message; keep the notes.
            if let Some(p) = model.practice() {
                let t = p.snapshot(clock.now());
                match runner.store.save(&t).or_else(|_| rescue(&t)) {
                    Ok(path) => eprintln!(
                        "sdcoach crashed, but your notes are saved in {}",
                        path.display()
                    ),
                    Err(e) => eprintln!("sdcoach crashed and could not save your notes: {e:#}"),
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
    /// The last place a session was written (shown on exit).
    pub last_saved: Option<PathBuf>,
}

impl Runner {
    pub fn new(store: Store) -> Self {
        Runner {
            store,
            deck_dirs: Vec::new(),
            last_saved: None,
        }
    }

    fn event_loop(
        &mut self,
        terminal: &mut DefaultTerminal,
        model: &mut Model,
        rx: &Receiver<Input>,
        clock: &impl Clock,
    ) -> anyhow::Result<()> {
        if let Ok(size) = terminal.size() {
            let (width, height) = (size.width, size.height);
            self.dispatch(model, Action::Resize { width, height }, clock);
        }
        let mut first = true;
        while !model.quit {
            terminal.draw(|frame| view::draw(model, frame))?;
            if std::mem::take(&mut first) {
                self.dispatch(model, Action::FirstFrame, clock);
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
                Ok(Input::Signal) => Some(Action::Signal),
                Ok(Input::Terminal(ev)) => to_action(model, ev),
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
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in update(model, action, clock.now()) {
                queue.extend(self.perform(effect, clock));
            }
        }
    }

    pub fn perform(&mut self, effect: Effect, clock: &impl Clock) -> Option<Action> {
        match effect {
            Effect::Save {
                transcript,
                changes,
                then,
            } => {
                let result = self.store.save(&transcript).map_err(|e| format!("{e:#}"));
                if let Ok(path) = &result {
                    self.last_saved = Some(path.clone());
                }
                Some(Action::Saved {
                    changes,
                    result,
                    then,
                })
            }
            Effect::Rescue(t) => {
                match rescue(&t) {
                    Ok(path) => self.last_saved = Some(path),
                    Err(e) => eprintln!("could not write a rescue copy: {e:#}"),
                }
                None
            }
            Effect::Store(t) => Some(Action::Stored(
                self.store.save(&t).map_err(|e| format!("{e:#}")),
            )),
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
            Effect::LoadDrills => Some(Action::DrillsLoaded(self.store.list_drills())),
            Effect::SaveDrill(record) => Some(Action::Stored(
                self.store.save_drill(&record).map_err(|e| format!("{e:#}")),
            )),
            Effect::LoadHistory { open } => Some(Action::HistoryLoaded {
                history: Box::new(self.store.history()),
                open,
            }),
            Effect::LoadSessions => Some(Action::SessionsLoaded(
                self.store.list().unwrap_or_default(),
            )),
            Effect::StartSession { problem_id, step } => {
                let name = match step {
                    Some(step) => format!("step-{}-{problem_id}", step.key().replace('_', "-")),
                    None => problem_id.clone(),
                };
                let session_id = self.store.new_session_id(&name, clock.now().wall);
                Some(Action::Started {
                    problem_id,
                    session_id,
                    step,
                })
            }
            Effect::Open { id, purpose } => Some(Action::Opened {
                purpose,
                result: self
                    .store
                    .load(&id)
                    .map(Box::new)
                    .map_err(|e| format!("{e:#}")),
            }),
        }
    }
}

/// Last resort when the data dir cannot be written: the temp folder.
fn rescue(t: &Transcript) -> anyhow::Result<PathBuf> {
    let path = std::env::temp_dir().join(format!("sdcoach-rescue-{}.toml", t.header.id));
    crate::store::write_atomic(&path, t.to_toml()?.as_bytes())?;
    Ok(path)
}

/// What a terminal event means in the model's current context.
pub fn to_action(model: &Model, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let ctx = model.key_context();
            match keymap::lookup(ctx, &key) {
                Some(cmd) => Some(Action::Cmd(cmd)),
                None if matches!(
                    ctx,
                    Ctx::Editor | Ctx::Calc | Ctx::Sheet | Ctx::Ask | Ctx::Estimate
                ) =>
                {
                    Some(Action::Edit(key.into()))
                }
                None => None,
            }
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

fn spawn_input_thread(tx: Sender<Input>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Input::Terminal(ev)).is_err() {
                break;
            }
        }
    });
}

fn spawn_signal_thread(tx: Sender<Input>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .context("cannot install signal handlers")?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Input::Signal).is_err() {
                break;
            }
        }
    });
    Ok(())
}
