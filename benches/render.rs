//! In-process benchmarks: a full redraw of the practice screen, the work before the
//! launcher's first frame, listing 10,000 saved sessions and returning to the launcher
//! with them. Whole-process start-up
//! against a bare ratatui app is in benches/startup.rs.
//!
//! Run: `cargo bench --bench render`. Figures and machine: BENCHMARKS.md.

use divan::Bencher;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sdcoach::store::Store;
use sdcoach::store::problems::load_catalog;
use sdcoach::tui::action::{Action, Typed};
use sdcoach::tui::model::{Menu, Model, Screen};
use sdcoach::tui::runner::Runner;
use sdcoach::tui::theme::Theme;
use sdcoach::tui::view;

mod common;
use common::{FixedClock, now};

fn main() {
    divan::main();
}

/// A practice session with notes in two steps, as a user a few minutes in would have.
fn busy_model(dir: &std::path::Path) -> Model {
    let now = now();
    let mut model = Model::new(
        load_catalog(&[]),
        Theme::default(),
        Screen::Picker(Menu::default()),
        now,
        TimeZone::UTC,
    );
    let mut runner = Runner::new(Store::new(dir.to_path_buf()));
    let clock = FixedClock(now);
    runner.dispatch(
        &mut model,
        Action::Started {
            problem_id: "twitter".into(),
            session_id: "bench".into(),
            step: None,
            reserved: true,
        },
        &clock,
    );
    let notes = "Post, follow, home timeline, user timeline.\n- 100M DAU, 10 posts a day\n- p99 < 200 ms\n- 日本語 and emoji 🚀 in posts\n";
    runner.dispatch(
        &mut model,
        Action::Type(Typed::Paste(notes.repeat(6))),
        &clock,
    );
    model
}

#[divan::bench]
fn practice_full_redraw_200x50(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let model = busy_model(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        // Clearing forces every cell to be redrawn and flushed, not just a diff.
        let _ = terminal.clear();
        let _ = terminal.draw(|f| view::draw(&model, f));
    });
}

/// What sdcoach does before its first frame: load every built-in problem, build the
/// model, draw the launcher.
#[divan::bench]
fn launcher_first_frame_in_process() {
    // The launcher reads the problems after its first frame.
    let model = Model::new(
        Default::default(),
        Theme::default(),
        Screen::Launcher(Menu::default()),
        now(),
        TimeZone::UTC,
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    let _ = terminal.draw(|f| view::draw(&model, f));
    divan::black_box(terminal);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn list_10k_sessions(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::new(dir.path().to_path_buf());
    let model = busy_model(dir.path());
    let template = model
        .practice()
        .map(|p| p.snapshot(now()))
        .unwrap_or_else(|| panic!("no practice"));
    for i in 0..10_000 {
        let mut t = template.clone();
        t.header.id = format!("2026-01-01-{i:06}-twitter");
        let _ = store.save(&t);
    }
    bencher.bench_local(|| {
        let list = store.list().unwrap_or_default();
        assert_eq!(list.len(), 10_001);
        divan::black_box(list);
    });
}

/// `n` finished, scored sessions saved in `dir` (plus the busy one the template came
/// from), and the template.
fn scored_sessions(
    dir: &std::path::Path,
    n: usize,
) -> (Store, sdcoach::domain::transcript::Transcript) {
    let store = Store::new(dir.to_path_buf());
    let model = busy_model(dir);
    let problem = model
        .catalog
        .get("twitter")
        .cloned()
        .unwrap_or_else(|| panic!("no problem"));
    let mut template = model
        .practice()
        .map(|p| p.snapshot(now()))
        .unwrap_or_else(|| panic!("no practice"));
    template.header.status = sdcoach::domain::transcript::Status::Complete;
    let card = sdcoach::domain::scoring::score(&template, &problem, &Default::default());
    template.set_scorecard(Some(card));
    for i in 0..n {
        let mut t = template.clone();
        t.header.id = format!("2026-01-01-{i:06}-twitter");
        let _ = store.save(&t);
    }
    (store, template)
}

/// The stats as `sdcoach stats` and the app's first look read them: 1,000 finished,
/// scored sessions plus 300 drills, the stats cache warm after the first sample.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn history_1k_scored_sessions(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (store, _) = scored_sessions(dir.path(), 1_000);
    for i in 0..300 {
        let mut d =
            sdcoach::tui::cards::concepts_record(format!("2026-01-01-{i:06}-concepts"), now().wall);
        d.kind = sdcoach::domain::drill::DrillKind::Estimate;
        d.answers = sdcoach::domain::estimate_drill::round(i, 5)
            .into_iter()
            .map(|question| sdcoach::domain::drill::Answer {
                question,
                answer: Some("1K /s".into()),
                shown: "1K /s".into(),
                verdict: sdcoach::domain::scoring::Verdict::Good,
                secs: 20,
            })
            .collect();
        let _ = store.save_drill(&d);
    }
    bencher.bench_local(|| {
        let history = store.history();
        assert_eq!(history.points.len(), 1_000);
        let today = now().wall.to_zoned_datetime(TimeZone::UTC).date();
        let stats = sdcoach::domain::stats::compute(&history, today, &TimeZone::UTC);
        divan::black_box(stats);
    });
}

/// Returning to the launcher with 10,000 finished, scored sessions, one of them just
/// saved: the session list and the stats are looked at again, as on every return, and
/// the launcher is drawn. The app has looked once before (after its first frame), so
/// only what changed is read.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn launcher_return_10k_sessions(bencher: Bencher) {
    use sdcoach::tui::keymap::Cmd;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (store, template) = scored_sessions(dir.path(), 10_000);
    let clock = FixedClock(now());
    let mut model = Model::new(
        load_catalog(&[]),
        Theme::default(),
        Screen::Launcher(Menu::default()),
        now(),
        TimeZone::UTC,
    );
    let mut runner = Runner::new(store);
    runner.dispatch(&mut model, Action::FirstFrame, &clock);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"));
    // As after finishing a session: one file is new since the last look (saved before
    // each sample, untimed), so its summary and stats point are read.
    let mut n = 0;
    let writer = runner.store.clone();
    bencher
        .with_inputs(|| {
            n += 1;
            let mut t = template.clone();
            t.header.id = format!("2026-02-01-{n:06}-twitter");
            let _ = writer.save(&t);
        })
        .bench_local_values(|()| {
            model.stack.push(Screen::Review(Menu::default()));
            runner.dispatch(&mut model, Action::Cmd(Cmd::Back), &clock);
            let _ = terminal.draw(|f| view::draw(&model, f));
            assert!(model.sessions.len() > 10_001);
            assert!(model.stats.is_some());
        });
}
