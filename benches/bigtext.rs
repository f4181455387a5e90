//! Huge notes: what one keystroke costs with 100 KB and 1 MB of notes in a step, from the
//! key to the frame (to a buffer, and to the bytes a terminal would be sent); what a paste
//! of 1 MB and an autosave of it cost; and what opening a session with 10 MB of notes in
//! review costs, to its first frame, and each key there after.
//!
//! Run: `cargo bench --bench bigtext`. Figures and machine: BENCHMARKS.md.

use std::cell::Cell;
use std::rc::Rc;

use divan::Bencher;
use jiff::tz::TimeZone;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use ratatui_textarea::Key;
use sdcoach::store::Store;
use sdcoach::store::problems::load_catalog;
use sdcoach::tui::action::{Action, Effect, Open, Typed};
use sdcoach::tui::keymap::Cmd;
use sdcoach::tui::model::{Menu, Model, Screen};
use sdcoach::tui::runner::Runner;
use sdcoach::tui::theme::Theme;
use sdcoach::tui::view;

mod common;
use common::{FixedClock, backspace, input, key, keystroke, now, practice};

fn main() {
    divan::main();
}

const KB100: usize = 100_000;
const MB1: usize = 1_000_000;

/// About `bytes` of notes the way a long answer reads: bullets and prose lines of 20 to 90
/// characters, some figures, some non-ASCII, numbered so no two blocks are the same.
fn notes(bytes: usize) -> String {
    let block = [
        "- writes: 100M new links a month ≈ 40/s, peak 3× ≈ 120/s",
        "- reads 100:1, so 4K/s average and about 12K/s at peak; cache the hot 20%",
        "The redirect path is the one that matters: a key-value lookup by short code, served from a cache in front of the store, with a 301 or 302 depending on whether we want analytics.",
        "  * short code: base62 of a 64-bit id from a Snowflake-style generator",
        "Storage: 500 bytes a link × 1.2B links a year ≈ 600 GB/year, replicated 3×",
        "日本語のメモ: キャッシュは LRU、TTL は 24 時間",
        "",
    ];
    let mut out = String::with_capacity(bytes + 256);
    let mut n = 0usize;
    while out.len() < bytes {
        for line in block {
            out.push_str(line);
            if !line.is_empty() {
                out.push_str(&format!(" ({n})"));
            }
            out.push('\n');
        }
        n += 1;
    }
    out
}

/// A practice session with `bytes` of notes pasted into step 1, the cursor at their end.
fn practice_with(dir: &std::path::Path, bytes: usize) -> (Model, Runner, FixedClock) {
    let (mut model, mut runner, clock) = practice(dir);
    if bytes > 0 {
        runner.dispatch(&mut model, Action::Type(Typed::Paste(notes(bytes))), &clock);
    }
    (model, runner, clock)
}

/// Keystroke latency to a 200×50 buffer with `bytes` of notes in the step.
#[divan::bench(args = [0, KB100, MB1], sample_count = 30)]
fn keystroke_200x50(bencher: Bencher, bytes: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut model, mut runner, clock) = practice_with(dir.path(), bytes);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    let _ = terminal.draw(|f| view::draw(&model, f));
    let mut typed = false;
    bencher.bench_local(|| {
        let action = if typed { backspace() } else { key('x') };
        typed = !typed;
        keystroke(&mut model, &mut runner, &clock, &mut terminal, action);
    });
}

/// The same, through crossterm to the bytes a terminal would be sent.
#[divan::bench(args = [KB100, MB1], sample_count = 30)]
fn keystroke_to_terminal_bytes(bencher: Bencher, bytes: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut model, mut runner, clock) = practice_with(dir.path(), bytes);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, 200, 50)),
    };
    let sent = Rc::new(Cell::new(0usize));
    let backend = CrosstermBackend::new(Counted(Rc::clone(&sent)));
    let mut terminal = Terminal::with_options(backend, options).unwrap_or_else(|e| panic!("{e}"));
    let _ = terminal.draw(|f| view::draw(&model, f));
    let mut typed = false;
    bencher.bench_local(|| {
        sent.set(0);
        let action = if typed { backspace() } else { key('x') };
        typed = !typed;
        keystroke(&mut model, &mut runner, &clock, &mut terminal, action);
        assert!(sent.get() > 0);
    });
}

/// A terminal that counts the bytes it is sent.
struct Counted(Rc<Cell<usize>>);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Moving the cursor up a line (no edit) with 1 MB of notes.
#[divan::bench(args = [MB1], sample_count = 30)]
fn cursor_move_200x50(bencher: Bencher, bytes: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut model, mut runner, clock) = practice_with(dir.path(), bytes);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    let _ = terminal.draw(|f| view::draw(&model, f));
    let mut up = true;
    bencher.bench_local(|| {
        let k = if up { Key::Up } else { Key::Down };
        up = !up;
        keystroke(&mut model, &mut runner, &clock, &mut terminal, input(k));
    });
}

/// Pasting 1 MB into an empty step, and the frame after it.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn paste_1mb(bencher: Bencher) {
    let text = notes(MB1);
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let (model, runner, clock) = practice_with(dir.path(), 0);
            let terminal =
                Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
            (dir, model, runner, clock, terminal, text.clone())
        })
        .bench_local_values(|(dir, mut model, mut runner, clock, mut terminal, text)| {
            keystroke(
                &mut model,
                &mut runner,
                &clock,
                &mut terminal,
                Action::Type(Typed::Paste(text)),
            );
            (dir, model, runner, terminal)
        });
}

/// The autosave that follows typing with 1 MB of notes: snapshot, TOML, atomic write.
#[divan::bench(args = [MB1], sample_count = 10, sample_size = 1)]
fn autosave(bencher: Bencher, bytes: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut model, mut runner, clock) = practice_with(dir.path(), bytes);
    bencher.bench_local(|| {
        runner.dispatch(&mut model, Action::Cmd(Cmd::SaveNow), &clock);
    });
}

/// Ending the interview with 1 MB of notes in step 1: the judge scores them, the session
/// is saved, and the summary is drawn.
#[divan::bench(args = [MB1], sample_count = 5, sample_size = 1)]
fn end_interview(bencher: Bencher, bytes: usize) {
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let (model, runner, clock) = practice_with(dir.path(), bytes);
            let terminal =
                Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
            (dir, model, runner, clock, terminal)
        })
        .bench_local_values(|(dir, mut model, mut runner, clock, mut terminal)| {
            runner.dispatch(&mut model, Action::Cmd(Cmd::EndInterview), &clock);
            keystroke(
                &mut model,
                &mut runner,
                &clock,
                &mut terminal,
                Action::Cmd(Cmd::Yes),
            );
            assert!(matches!(model.screen(), Some(Screen::Detail(_))));
            (dir, model, terminal)
        });
}

/// A finished session with `bytes` of notes in step 1, saved in `dir`; returns its id.
fn saved_session(dir: &std::path::Path, bytes: usize) -> String {
    saved_session_with(dir, notes(bytes))
}

/// A finished session with `text` as step 1's notes, saved in `dir`; returns its id.
fn saved_session_with(dir: &std::path::Path, text: String) -> String {
    let (mut model, mut runner, clock) = practice_with(dir, 0);
    let mut t = model
        .practice()
        .map(|p| p.snapshot(clock.0))
        .unwrap_or_else(|| panic!("no practice"));
    if let Some(r) = t.steps.first_mut() {
        r.notes = text;
    }
    t.header.status = sdcoach::domain::transcript::Status::Complete;
    let _ = runner.store.save(&t);
    model.stack.clear();
    let _ = &mut runner;
    t.header.id
}

const MB10: usize = 10_000_000;

/// Opening a session with 10 MB of notes from review: read, parse, first frame.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn review_open_10mb(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let id = saved_session(dir.path(), MB10);
    let clock = FixedClock(now());
    bencher
        .with_inputs(|| {
            let model = Model::new(
                load_catalog(&[]),
                Theme::default(),
                Screen::Review(Menu::default()),
                clock.0,
                TimeZone::UTC,
            );
            let mut model = model;
            let mut runner = Runner::new(Store::new(dir.path().to_path_buf()));
            let (width, height) = (200, 50);
            runner.dispatch(&mut model, Action::Resize { width, height }, &clock);
            let terminal =
                Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
            (model, runner, terminal)
        })
        .bench_local_values(|(mut model, mut runner, mut terminal)| {
            let effect = Effect::Open {
                id: id.clone(),
                purpose: Open::Review,
            };
            if let Some(action) = runner.perform(effect, &clock) {
                runner.dispatch(&mut model, action, &clock);
            }
            assert!(matches!(model.screen(), Some(Screen::Detail(_))));
            let _ = terminal.draw(|f| view::draw(&model, f));
            (model, terminal)
        });
}

/// A model on review's list at 200×50, and the session `id` opened from it.
fn review_open(dir: &std::path::Path, id: String, clock: &FixedClock) -> (Model, Runner) {
    let mut model = Model::new(
        load_catalog(&[]),
        Theme::default(),
        Screen::Review(Menu::default()),
        clock.0,
        TimeZone::UTC,
    );
    let mut runner = Runner::new(Store::new(dir.to_path_buf()));
    runner.dispatch(
        &mut model,
        Action::Resize {
            width: 200,
            height: 50,
        },
        clock,
    );
    if let Some(action) = runner.perform(
        Effect::Open {
            id,
            purpose: Open::Review,
        },
        clock,
    ) {
        runner.dispatch(&mut model, action, clock);
    }
    (model, runner)
}

/// A key in review with 10 MB of notes open: down a line, or to the end and back to the top.
#[divan::bench(args = ["down", "end"], sample_count = 10, sample_size = 1)]
fn review_key_10mb(bencher: Bencher, which: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let id = saved_session(dir.path(), MB10);
    review_keys(bencher, dir.path(), id, which);
}

/// The same with one line of 1 MB (no line breaks) as the notes.
#[divan::bench(args = ["down", "end"], sample_count = 10, sample_size = 1)]
fn review_key_1mb_one_line(bencher: Bencher, which: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let id = saved_session_with(dir.path(), notes(MB1).replace('\n', " "));
    review_keys(bencher, dir.path(), id, which);
}

fn review_keys(bencher: Bencher, dir: &std::path::Path, id: String, which: &str) {
    let clock = FixedClock(now());
    let (mut model, mut runner) = review_open(dir, id, &clock);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    let _ = terminal.draw(|f| view::draw(&model, f));
    if which == "down" {
        // From the middle of the notes.
        for _ in 0..20 {
            runner.dispatch(&mut model, Action::Cmd(Cmd::PageDown), &clock);
        }
    }
    let mut flip = false;
    bencher.bench_local(|| {
        let cmd = match (which, flip) {
            ("down", _) => Cmd::Down,
            (_, false) => Cmd::Bottom,
            (_, true) => Cmd::Top,
        };
        flip = !flip;
        keystroke(
            &mut model,
            &mut runner,
            &clock,
            &mut terminal,
            Action::Cmd(cmd),
        );
    });
}
