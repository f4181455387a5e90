//! The second-opinion pane: on the scorecard of a finished interview, `o` sends it to the
//! user's reviewer command and shows the answer as it arrives. Driven through the real
//! model, update and runner (the reviewer's thread reporting through the runner's `post`,
//! as the event loop's does), against fake reviewers written by the tests: one that
//! answers, one that streams, one that fails, one that hangs, one that writes bytes that are
//! not UTF-8 or escape sequences, and one that writes 50 MB.

#![cfg(unix)]

mod common;

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::Harness;

/// Whether `pid` still runs 3 s from now: a killed process may take a moment to be
/// reaped on a busy machine.
fn alive(pid: &str) -> bool {
    let give_up = Instant::now() + Duration::from_secs(3);
    while common::alive(pid) {
        if Instant::now() > give_up {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}
use ratatui::crossterm::event::KeyCode;
use sdcoach::reviewer::Reviewer;
use sdcoach::tui::action::Action;
use sdcoach::tui::model::Screen;
use sdcoach::tui::opinion::State;

/// A finished url-shortener interview on its scorecard, with `script` as the reviewer
/// (none when `None`), and the channel the reviewer's thread reports on.
fn scorecard(script: Option<&str>, timeout: Duration) -> (Harness, Receiver<Action>) {
    let mut h = Harness::practice("url-shortener");
    h.type_text("Shorten a URL; redirect with 302; 100:1 reads to writes");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    assert!(
        matches!(h.model.screen(), Some(Screen::Detail(_))),
        "the interview ends on its scorecard"
    );
    if let Some(body) = script {
        let path = h.data_dir().join("reviewer.sh");
        std::fs::write(&path, body).unwrap_or_else(|e| panic!("{e}"));
        h.model.reviewer = Some(Reviewer {
            command: format!("sh '{}'", path.display()),
            timeout,
            max_bytes: sdcoach::reviewer::MAX_OUTPUT,
        });
    }
    let (tx, rx) = mpsc::channel();
    h.runner.post = Some(Arc::new(move |action| {
        let _ = tx.send(action);
    }));
    (h, rx)
}

fn state(h: &Harness) -> Option<State> {
    match h.model.screen() {
        Some(Screen::Opinion(o)) => Some(o.state.clone()),
        _ => None,
    }
}

/// Hand the reviewer's reports to the app until `done` holds (or 20 s pass).
fn pump_until(h: &mut Harness, rx: &Receiver<Action>, done: impl Fn(&Harness) -> bool) {
    let give_up = Instant::now() + Duration::from_secs(20);
    while !done(h) {
        let left = give_up.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "timed out; screen:\n{}", h.screen(100, 30));
        if let Ok(action) = rx.recv_timeout(left) {
            h.act(action);
        }
    }
}

fn finished(h: &Harness) -> bool {
    matches!(state(h), Some(State::Saved | State::Failed(_)))
}

fn saved_reviews(h: &Harness) -> Vec<sdcoach::domain::transcript::ReviewRecord> {
    let id = match h.model.stack.iter().find_map(|s| match s {
        Screen::Detail(d) => Some(d.transcript.header.id.clone()),
        _ => None,
    }) {
        Some(id) => id,
        None => panic!("no session on screen"),
    };
    h.runner
        .store
        .load(&id)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .reviews
}

#[test]
fn an_answer_is_shown_kept_with_the_session_and_shown_in_review() {
    let (mut h, rx) = scorecard(
        Some(
            "cat > \"$(dirname \"$0\")/prompt.txt\"\nprintf 'Lean hire.\\nRequirements were crisp.\\n'\n",
        ),
        Duration::from_secs(30),
    );
    assert!(
        h.screen(100, 30).contains("2nd opinion"),
        "the hint bar offers it on a finished session"
    );
    h.press(KeyCode::Char('o'));
    assert!(state(&h).is_some(), "o opens the pane");
    pump_until(&mut h, &rx, finished);
    assert_eq!(state(&h), Some(State::Saved), "{}", h.screen(100, 30));
    let screen = h.screen(100, 30);
    assert!(screen.contains("Lean hire."), "{screen}");
    assert!(screen.contains("kept with the session"), "{screen}");

    // What the reviewer got is the prompt `sessions prompt` prints: the notes are in it.
    let prompt = std::fs::read_to_string(h.data_dir().join("prompt.txt")).unwrap_or_default();
    assert!(prompt.contains("redirect with 302"), "{prompt}");

    let reviews = saved_reviews(&h);
    assert_eq!(reviews.len(), 1);
    assert!(reviews[0].text.contains("Requirements were crisp."));
    assert_eq!(reviews[0].exit_status, Some(0));

    // Back on the scorecard, the session shows it under its own heading.
    h.press(KeyCode::Esc);
    assert!(matches!(h.model.screen(), Some(Screen::Detail(_))));
    h.press(KeyCode::End);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Second opinions"), "{screen}");
    assert!(screen.contains("Requirements were crisp."), "{screen}");

    // A second one is kept beside the first.
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, finished);
    assert_eq!(saved_reviews(&h).len(), 2);
}

#[test]
fn a_slow_answer_is_shown_as_it_arrives() {
    let (mut h, rx) = scorecard(
        Some("cat >/dev/null\necho 'first thoughts'\nsleep 1\necho 'second thoughts'\n"),
        Duration::from_secs(30),
    );
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, |h| {
        h.screen(100, 30).contains("first thoughts")
    });
    let screen = h.screen(100, 30);
    assert_eq!(state(&h), Some(State::Running), "{screen}");
    assert!(!screen.contains("second thoughts"), "{screen}");
    assert!(
        screen.contains("Asking `sh"),
        "the status line says what runs: {screen}"
    );
    pump_until(&mut h, &rx, finished);
    assert!(h.screen(100, 30).contains("second thoughts"));
    assert_eq!(state(&h), Some(State::Saved));
}

#[test]
fn a_failing_reviewer_shows_its_stderr_and_nothing_is_kept() {
    let (mut h, rx) = scorecard(
        Some("cat >/dev/null\necho 'model not found: gpt-9' >&2\nexit 3\n"),
        Duration::from_secs(30),
    );
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, finished);
    let screen = h.screen(120, 30);
    assert!(matches!(state(&h), Some(State::Failed(_))), "{screen}");
    assert!(screen.contains("status 3"), "{screen}");
    assert!(screen.contains("model not found: gpt-9"), "{screen}");
    assert!(saved_reviews(&h).is_empty());
}

#[test]
fn esc_stops_a_hanging_reviewer_and_what_it_started() {
    let (mut h, rx) = scorecard(
        Some(
            "echo $$ > \"$(dirname \"$0\")/pid\"\nsleep 60 &\necho $! > \"$(dirname \"$0\")/child\"\necho 'thinking...'\nwait\n",
        ),
        Duration::from_secs(120),
    );
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, |h| h.screen(100, 30).contains("thinking..."));
    let started = Instant::now();
    h.press(KeyCode::Esc);
    assert_eq!(state(&h), Some(State::Stopping), "the first Esc stops it");
    pump_until(&mut h, &rx, finished);
    assert!(started.elapsed() < Duration::from_secs(5));
    let screen = h.screen(100, 30);
    assert!(screen.contains("Stopped. Nothing was kept."), "{screen}");
    for file in ["pid", "child"] {
        let pid = std::fs::read_to_string(h.data_dir().join(file)).unwrap_or_default();
        assert!(!pid.trim().is_empty());
        assert!(!alive(&pid), "{file} {pid} still runs");
    }
    assert!(saved_reviews(&h).is_empty());
    h.press(KeyCode::Esc);
    assert!(
        matches!(h.model.screen(), Some(Screen::Detail(_))),
        "the second Esc goes back"
    );
}

#[test]
fn a_reviewer_past_its_timeout_is_stopped_with_a_message() {
    let (mut h, rx) = scorecard(Some("sleep 60\n"), Duration::from_secs(1));
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, finished);
    let screen = h.screen(160, 30);
    assert!(screen.contains("took longer than 1s"), "{screen}");
    assert!(saved_reviews(&h).is_empty());
}

#[test]
fn leaving_the_app_while_a_reviewer_runs_ends_it() {
    let (mut h, rx) = scorecard(
        Some("echo $$ > \"$(dirname \"$0\")/pid\"\necho 'thinking...'\nexec sleep 60\n"),
        Duration::from_secs(120),
    );
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, |h| h.screen(100, 30).contains("thinking..."));
    h.ctrl('c');
    assert!(h.model.quit);
    let now = h.clock.0.get();
    h.runner.finish(&h.model, now);
    let pid = std::fs::read_to_string(h.data_dir().join("pid")).unwrap_or_default();
    assert!(!alive(&pid), "{pid} outlived the app");
}

#[test]
fn bytes_that_are_not_text_and_escape_sequences_never_reach_the_screen() {
    let (mut h, rx) = scorecard(
        Some("cat >/dev/null\nprintf 'ok \\377\\376 bytes\\n\\033]0;pwned\\007\\033[31mred\\n'\n"),
        Duration::from_secs(30),
    );
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, finished);
    let screen = h.screen(120, 30);
    assert_eq!(state(&h), Some(State::Saved), "{screen}");
    assert!(screen.contains("ok \u{FFFD}\u{FFFD} bytes"), "{screen}");
    assert!(
        screen.contains("not UTF-8"),
        "the replacement is said: {screen}"
    );
    assert!(screen.contains("red"));
    let buffer = h.buffer(120, 30);
    assert!(
        buffer
            .content
            .iter()
            .all(|c| !c.symbol().chars().any(char::is_control)),
        "{screen}"
    );
    let reviews = saved_reviews(&h);
    assert!(
        reviews[0].text.contains("\u{1b}]0;pwned"),
        "kept as it came"
    );
}

#[test]
fn fifty_megabytes_are_cut_at_the_cap_and_the_pane_still_scrolls() {
    let (mut h, rx) = scorecard(
        Some("cat >/dev/null\nhead -c 50000000 /dev/zero | tr '\\0' 'a'\n"),
        Duration::from_secs(60),
    );
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, finished);
    let screen = h.screen(100, 30);
    assert_eq!(state(&h), Some(State::Saved), "{screen}");
    assert!(screen.contains("was cut there"), "{screen}");
    let reviews = saved_reviews(&h);
    assert_eq!(reviews.len(), 1);
    assert!(reviews[0].cut);
    assert_eq!(reviews[0].text.len(), sdcoach::reviewer::MAX_OUTPUT);
    h.press(KeyCode::Home);
    h.press(KeyCode::PageDown);
    assert!(h.screen(100, 30).contains("aaaa"));
}

#[test]
fn without_a_reviewer_the_pane_says_how_to_set_one_up_and_nothing_runs() {
    let (mut h, rx) = scorecard(None, Duration::from_secs(1));
    h.press(KeyCode::Char('o'));
    let screen = h.screen(100, 30);
    assert_eq!(state(&h), Some(State::Unset), "{screen}");
    assert!(screen.contains("No reviewer is set up"), "{screen}");
    assert!(screen.contains("[reviewer]"), "{screen}");
    assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    h.press(KeyCode::Esc);
    assert!(matches!(h.model.screen(), Some(Screen::Detail(_))));
}

#[test]
fn an_unfinished_session_is_not_sent() {
    let (mut h, rx) = scorecard(Some("echo should not run\n"), Duration::from_secs(5));
    if let Some(Screen::Detail(d)) = h.model.stack.last_mut() {
        d.transcript.header.status = sdcoach::domain::transcript::Status::InProgress;
    }
    h.press(KeyCode::Char('o'));
    assert!(matches!(h.model.screen(), Some(Screen::Detail(_))));
    assert!(h.screen(100, 30).contains("finished interview"));
    assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
}

#[test]
fn the_pane_draws_at_every_size_while_the_answer_arrives() {
    let (mut h, rx) = scorecard(
        Some("cat >/dev/null\nprintf '全角の文字 and a long line %.0s' $(seq 1 200)\n"),
        Duration::from_secs(30),
    );
    h.press(KeyCode::Char('o'));
    for (w, h_) in [(1, 1), (2, 3), (39, 9), (40, 10), (80, 24), (200, 60)] {
        h.buffer(w, h_);
    }
    pump_until(&mut h, &rx, finished);
    for (w, h_) in [(1, 1), (2, 3), (39, 9), (40, 10), (80, 24), (200, 60)] {
        h.act(Action::Resize {
            width: w,
            height: h_,
        });
        h.press(KeyCode::PageDown);
        h.buffer(w, h_);
    }
}

#[test]
fn a_reviewer_that_says_nothing_is_told_apart_from_one_that_answers() {
    let (mut h, rx) = scorecard(Some("cat >/dev/null\n"), Duration::from_secs(30));
    h.press(KeyCode::Char('o'));
    pump_until(&mut h, &rx, finished);
    let screen = h.screen(100, 30);
    assert!(screen.contains("said nothing"), "{screen}");
    assert!(saved_reviews(&h).is_empty());
}
