//! Session files are user data anyone can edit. A file mangled any way (numbers at their
//! limits, cut short, bytes inserted) is refused with a message or opened whole: listed,
//! reviewed, resumed, drawn and exported without a panic, and a file that failed to load
//! is never written back. The same pipeline is a cargo-fuzz target
//! (`fuzz/fuzz_targets/transcript.rs`) for longer runs.

mod common;

use common::Harness;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sdcoach::tui::action::{Action, Open};
use sdcoach::tui::model::{Menu, Screen};
use sdcoach::tui::view;

/// A real session file: an interview with notes, a question and a calculator line.
fn valid_session() -> (String, String) {
    let mut h = Harness::practice("url-shortener");
    h.type_text("- 100M new links a month\n- p99 < 50 ms, 日本語 too");
    h.ctrl('l');
    h.type_text("100M / month\n");
    h.ctrl('q');
    let file = h.session_files().into_iter().next();
    let text = file
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    let id = h
        .model
        .practice()
        .map(|p| p.transcript.header.id.clone())
        .unwrap_or_default();
    (id, text)
}

/// The places in `text` where a number stands: (start, end) byte offsets.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let start = i + 2;
            let end = bytes[start.min(bytes.len())..]
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b'.'))
                .map_or(bytes.len(), |n| start + n);
            if end > start {
                out.push((start, end));
            }
        }
        i += 1;
    }
    out
}

const EXTREMES: &[&str] = &[
    "18446744073709551615",
    "10000000000000000000",
    "9223372036854775807",
    "-1",
    "0",
    "4294967295",
    "1e308",
    "nan",
    "inf",
    "-inf",
    "0.0000001",
];

fn draw_everywhere(h: &Harness) {
    for (w, ht) in [(1, 1), (20, 5), (80, 24), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(w, ht))
            .unwrap_or_else(|e| panic!("terminal {w}x{ht}: {e}"));
        terminal
            .draw(|f| view::draw(&h.model, f))
            .unwrap_or_else(|e| panic!("draw at {w}x{ht}: {e}"));
    }
}

/// Put `text` where session `id` lives, then list, review, resume, draw and export it.
fn exercise(id: &str, text: &[u8]) {
    let mut h = Harness::new(Screen::Review(Menu::default()));
    let sessions = h.data_dir().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap_or_else(|e| panic!("{e}"));
    let path = sessions.join(format!("{id}.toml"));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let list = h.runner.store.list().unwrap_or_default();
    h.act(Action::SessionsLoaded(list.into()));
    draw_everywhere(&h);
    let loaded = h.runner.store.load(id);
    let readable = loaded.is_ok();
    if let Ok(t) = &loaded {
        let _ = sdcoach::domain::export::markdown(t, &jiff::tz::TimeZone::UTC);
        let _ = sdcoach::domain::progress::SessionPoint::from_transcript(t);
    }
    for purpose in [Open::Review, Open::Resume] {
        h.act(Action::Opened {
            id: id.to_string(),
            purpose,
            result: h
                .runner
                .store
                .load(id)
                .map(Box::new)
                .map_err(|e| format!("{e:#}")),
        });
        draw_everywhere(&h);
    }
    h.act(Action::Tick);
    h.ctrl('q');
    if !readable {
        assert_eq!(
            std::fs::read(&path).unwrap_or_default(),
            text,
            "a file that failed to load was written back"
        );
    }
}

#[test]
fn every_number_at_its_extremes_is_refused_or_survives() {
    let (id, text) = valid_session();
    assert!(text.contains("[[steps]]"), "{text}");
    for (start, end) in numbers(&text) {
        for extreme in EXTREMES {
            let mut bad = text.clone();
            bad.replace_range(start..end, extreme);
            exercise(&id, bad.as_bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_file_cut_short_or_with_bytes_inserted_never_panics(
        cut in 0.0f64..1.0,
        at in 0.0f64..1.0,
        junk in proptest::collection::vec(any::<u8>(), 0..12),
    ) {
        let (id, text) = valid_session();
        let mut bytes = text.into_bytes();
        let at = ((bytes.len() as f64) * at) as usize;
        bytes.splice(at..at, junk);
        let cut = ((bytes.len() as f64) * (1.0 - cut * 0.5)) as usize;
        bytes.truncate(cut);
        exercise(&id, &bytes);
    }
}
