//! What the in-process benches share: a clock that stands still, and a keystroke as the
//! event loop handles it in a practice session.

// Each bench uses the part it needs.
#![allow(dead_code)]

use std::time::Instant;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui_textarea::{Input, Key};
use sdcoach::store::Store;
use sdcoach::store::problems::load_catalog;
use sdcoach::tui::action::{Action, Typed};
use sdcoach::tui::clock::{Clock, Now};
use sdcoach::tui::model::{Menu, Model, Screen};
use sdcoach::tui::runner::Runner;
use sdcoach::tui::theme::Theme;
use sdcoach::tui::view;

pub struct FixedClock(pub Now);

impl Clock for FixedClock {
    fn now(&self) -> Now {
        self.0
    }
}

/// Now on the monotonic clock, at the epoch on the wall clock (runs compare equal).
pub fn now() -> Now {
    Now {
        mono: Instant::now(),
        wall: Timestamp::UNIX_EPOCH,
    }
}

/// A new url-shortener practice session saving in `dir`, in step 1's editor.
pub fn practice(dir: &std::path::Path) -> (Model, Runner, FixedClock) {
    let clock = FixedClock(now());
    let mut model = Model::new(
        load_catalog(&[]),
        Theme::default(),
        Screen::Picker(Menu::default()),
        clock.0,
        TimeZone::UTC,
    );
    let mut runner = Runner::new(Store::new(dir.to_path_buf()));
    runner.dispatch(
        &mut model,
        Action::Started {
            problem_id: "url-shortener".into(),
            session_id: "bench".into(),
            step: None,
            reserved: true,
        },
        &clock,
    );
    (model, runner, clock)
}

/// A key the editor handles itself.
pub fn input(key: Key) -> Action {
    Action::Type(Typed::Key(Input {
        key,
        ..Input::default()
    }))
}

pub fn key(c: char) -> Action {
    input(Key::Char(c))
}

pub fn backspace() -> Action {
    input(Key::Backspace)
}

/// One keystroke as the event loop handles it: the action, the tick after it, a frame
/// drawn. Typing a letter and deleting it keep the notes the same size from run to run.
pub fn keystroke<B: ratatui::backend::Backend>(
    model: &mut Model,
    runner: &mut Runner,
    clock: &FixedClock,
    terminal: &mut Terminal<B>,
    action: Action,
) {
    runner.dispatch(model, action, clock);
    runner.dispatch(model, Action::Tick, clock);
    let _ = terminal.draw(|f| view::draw(model, f));
}
