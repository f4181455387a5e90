//! Shared test harness: the real model, update and effect runner, driven by a fake clock
//! against a temp data dir. Keys go through the real keymap.

#![allow(dead_code)]

use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sdcoach::store::Store;
use sdcoach::store::problems::load_catalog;
use sdcoach::tui::action::Action;
use sdcoach::tui::clock::{Clock, Now};
use sdcoach::tui::model::{Menu, Model, Screen};
use sdcoach::tui::runner::{Runner, to_action};
use sdcoach::tui::theme::Theme;

pub struct FakeClock(pub Cell<Now>);

impl Clock for FakeClock {
    fn now(&self) -> Now {
        self.0.get()
    }
}

pub struct Harness {
    pub model: Model,
    pub runner: Runner,
    pub clock: FakeClock,
    pub dir: tempfile::TempDir,
}

/// 2026-11-28 10:00:00 UTC, so ids and dates in snapshots never change.
pub fn start_time() -> Now {
    Now {
        mono: Instant::now(),
        wall: Timestamp::from_second(1_795_860_000).unwrap_or(Timestamp::UNIX_EPOCH),
    }
}

impl Harness {
    pub fn new(first: Screen) -> Self {
        Self::with_theme(first, Theme::default())
    }

    pub fn with_theme(first: Screen, theme: Theme) -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let now = start_time();
        let model = Model::new(load_catalog(&[]), theme, first, now, TimeZone::UTC);
        let runner = Runner::new(Store::new(dir.path().to_path_buf()));
        let mut h = Harness {
            model,
            runner,
            clock: FakeClock(Cell::new(now)),
            dir,
        };
        let list = h.runner.store.list().unwrap_or_default();
        h.act(Action::SessionsLoaded(list.into()));
        h
    }

    /// A practice session of `problem` opened the way `sdcoach practice ID` opens it.
    pub fn practice(problem: &str) -> Self {
        let mut h = Harness::new(Screen::Picker(Menu::default()));
        h.start(problem);
        h
    }

    pub fn start(&mut self, problem: &str) {
        let start = self
            .runner
            .start_session(problem.to_string(), None, self.clock.now().wall);
        self.act(start);
    }

    /// The app quit and started again at `now` on the same data dir: a new model and
    /// runner, the launcher first, and its first frame drawn.
    pub fn restart(self, now: Now) -> Self {
        let Harness {
            model,
            runner,
            clock,
            dir,
        } = self;
        let theme = model.theme;
        drop((model, runner));
        clock.0.set(now);
        let model = Model::new(
            load_catalog(&[]),
            theme,
            Screen::Launcher(Default::default()),
            now,
            TimeZone::UTC,
        );
        let runner = Runner::new(Store::new(dir.path().to_path_buf()));
        let mut h = Harness {
            model,
            runner,
            clock,
            dir,
        };
        let list = h.runner.store.list().unwrap_or_default();
        h.act(Action::SessionsLoaded(list.into()));
        h.act(Action::FirstFrame);
        h
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn act(&mut self, action: Action) {
        self.runner.dispatch(&mut self.model, action, &self.clock);
    }

    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        if let Some(action) = to_action(&self.model, Event::Key(KeyEvent::new(code, mods))) {
            self.act(action);
        }
    }

    /// Paste `text` the way a terminal with bracketed paste delivers it.
    pub fn paste(&mut self, text: &str) {
        if let Some(action) = to_action(&self.model, Event::Paste(text.to_string())) {
            self.act(action);
        }
    }

    /// The screen as drawn at `width`×`height`, cells with their styles.
    pub fn buffer(&self, width: u16, height: u16) -> ratatui::buffer::Buffer {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
                .unwrap_or_else(|e| panic!("{e}"));
        terminal
            .draw(|f| sdcoach::tui::view::draw(&self.model, f))
            .unwrap_or_else(|e| panic!("draw at {width}x{height}: {e}"));
        terminal.backend().buffer().clone()
    }

    /// The screen as drawn at `width`×`height`, as text.
    pub fn screen(&self, width: u16, height: u16) -> String {
        let buffer = self.buffer(width, height);
        let mut text = String::new();
        for row in buffer.content.chunks(usize::from(width.max(1))) {
            for cell in row {
                text.push_str(cell.symbol());
            }
            text.push('\n');
        }
        text
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }

    pub fn ctrl(&mut self, c: char) {
        self.key(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// Type text one key at a time (newlines as Enter).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.press(KeyCode::Enter),
                c => self.press(KeyCode::Char(c)),
            }
        }
    }

    /// Let time pass, delivering a tick at every deadline the model asks for on the way, the
    /// way the event loop sleeps until the next one.
    pub fn advance(&mut self, d: Duration) {
        let end = self.clock.now().mono + d;
        let wall_end = self.clock.now().wall + d;
        loop {
            let now = self.clock.now();
            let next = self.model.next_deadline(now).filter(|&at| at <= end);
            let Some(at) = next else { break };
            let at = at.max(now.mono + Duration::from_millis(1));
            let wall = now.wall + (at - now.mono);
            self.clock.0.set(Now { mono: at, wall });
            self.act(Action::Tick);
        }
        self.clock.0.set(Now {
            mono: end,
            wall: wall_end,
        });
        self.act(Action::Tick);
    }

    /// On the launcher: move to the entry `is` picks out and press Enter.
    pub fn choose(&mut self, is: impl Fn(&sdcoach::tui::model::LauncherItem) -> bool) {
        let items = sdcoach::tui::model::launcher_items(&self.model);
        let at = items
            .iter()
            .position(is)
            .unwrap_or_else(|| panic!("no such launcher entry in {items:?}"));
        self.press(KeyCode::Home);
        for _ in 0..at {
            self.press(KeyCode::Down);
        }
        self.press(KeyCode::Enter);
    }

    /// Every file in the sessions folder (temp files included; the locks folder not).
    pub fn session_files(&self) -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path().join("sessions"))
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    /// The text of the only session file.
    pub fn saved_text(&self) -> String {
        let files = self.session_files();
        assert_eq!(files.len(), 1, "{files:?}");
        std::fs::read_to_string(&files[0]).unwrap_or_default()
    }
}

/// A session of the test problem with clarifications, hints, a rubric and a curveball.
pub fn coached() -> Harness {
    let mut h = Harness::new(Screen::Picker(Menu::default()));
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/coached-problem.toml"
    ))
    .unwrap_or_default();
    h.model.catalog.add(
        "coached-problem.toml",
        &text,
        sdcoach::domain::problem::Origin::User,
    );
    assert!(
        h.model.catalog.warnings.is_empty(),
        "{:?}",
        h.model.catalog.warnings
    );
    h.start("coached");
    h
}

/// Two finished attempts at the coached problem in one data dir, then the launcher.
pub fn two_attempts() -> Harness {
    let mut h = coached();
    h.type_text("first try");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    h.advance(Duration::from_secs(60));
    h.start("coached");
    h.type_text("second try: 10M DAU");
    h.advance(Duration::from_secs(30));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    h.model.stack = vec![Screen::Launcher(Menu::default())];
    let list = h.runner.store.list().unwrap_or_default();
    h.act(Action::SessionsLoaded(list.into()));
    h
}

/// [`two_attempts`], on review's session list.
pub fn two_attempts_review() -> Harness {
    let mut h = two_attempts();
    h.choose(|i| *i == sdcoach::tui::model::LauncherItem::Review);
    h
}

/// `text` as it is written inside a TOML basic string: control characters as `\uXXXX`
/// escapes (TOML allows none raw), everything else as it is.
pub fn toml_escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether process `pid` is still running (Linux's /proc; elsewhere assumed gone). A
/// zombie is gone in all but name: where nothing reaps orphans it stays listed.
pub fn alive(pid: &str) -> bool {
    let proc = Path::new("/proc").join(pid.trim());
    if !proc.exists() {
        return false;
    }
    std::fs::read_to_string(proc.join("stat"))
        .map(|s| !s.contains(") Z "))
        .unwrap_or(false)
}
