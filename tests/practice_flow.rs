//! The practice session's behaviour, end to end through keymap → update → effects → disk,
//! with a fake clock: timers, autosave, step changes, pause, end, resume, save failures.

mod common;

use std::time::Duration;

use common::{Harness, coached, two_attempts};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use sdcoach::domain::drill::DrillKind;
use sdcoach::domain::framework::Step;
use sdcoach::domain::schedule::NEW_PER_DAY;
use sdcoach::domain::timer::{Countdown, countdown_text};
use sdcoach::domain::transcript::{self, Status};
use sdcoach::tui::action::{Action, Open, Typed};
use sdcoach::tui::clock::Clock;
use sdcoach::tui::model::{Overlay, Practice, Screen};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn practice(h: &Harness) -> &Practice {
    h.model
        .practice()
        .unwrap_or_else(|| panic!("not on the practice screen"))
}

fn saved(h: &Harness) -> transcript::Transcript {
    transcript::parse(&h.saved_text()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_new_session_opens_in_step_one_editor_and_is_on_disk_at_once() {
    let h = Harness::practice("url-shortener");
    let p = practice(&h);
    assert!(p.editing, "cursor starts in the editor");
    assert_eq!(p.current(), Step::Requirements);
    let t = saved(&h);
    assert_eq!(t.header.problem_id, "url-shortener");
    assert_eq!(t.header.status, Status::InProgress);
    assert_eq!(t.header.id, "2026-11-28-100000-url-shortener");
}

#[test]
fn notes_reach_disk_within_two_seconds_of_the_last_keystroke() {
    let mut h = Harness::practice("twitter");
    h.type_text("fan-out on write");
    h.advance(Duration::from_millis(300));
    assert!(!h.saved_text().contains("fan-out"), "saved too eagerly");
    h.advance(secs(2));
    assert!(h.saved_text().contains("fan-out on write"));
    assert!(!practice(&h).is_dirty());

    // Continuous typing still saves: never more than the delay behind.
    for i in 0..10 {
        h.type_text(&format!(" w{i}"));
        h.advance(Duration::from_millis(400));
    }
    let text = h.saved_text();
    assert!(
        text.contains(" w7"),
        "typing for 4 s left the file behind: {text}"
    );
}

#[test]
fn the_current_steps_clock_runs_and_overtime_shows_but_never_forces_a_move() {
    let mut h = Harness::practice("url-shortener");
    h.advance(secs(6 * 60 + 12));
    let p = practice(&h);
    assert_eq!(p.current(), Step::Requirements, "no forced jump at zero");
    let c = Countdown::new(
        secs(300),
        p.timers.spent(Step::Requirements, h.clock.0.get().mono),
    );
    assert_eq!(countdown_text(c), "+01:12 over");
}

#[test]
fn keys_move_between_steps_and_time_accumulates_on_return() {
    let mut h = Harness::practice("url-shortener");
    h.type_text("reqs");
    h.press(KeyCode::Char('\t')); // Tab in the editor types, it does not move
    assert_eq!(practice(&h).current(), Step::Requirements);
    h.press(KeyCode::Esc);
    h.advance(secs(60));
    h.press(KeyCode::Tab);
    assert_eq!(practice(&h).current(), Step::Capacity);
    h.advance(secs(30));
    h.key(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(practice(&h).current(), Step::Requirements);
    h.advance(secs(10));
    h.press(KeyCode::Char('5'));
    assert_eq!(practice(&h).current(), Step::Architecture);
    // Every step change is saved at once.
    let t = saved(&h);
    assert_eq!(t.header.current_step, Step::Architecture);
    assert_eq!(t.step(Step::Requirements).map(|r| r.spent_ms), Some(70_000));
    assert_eq!(t.step(Step::Capacity).map(|r| r.spent_ms), Some(30_000));
    assert_eq!(t.step(Step::Requirements).map(|r| r.visits), Some(2));
    assert!(
        t.step(Step::Requirements)
            .is_some_and(|r| r.last_left_at.is_some())
    );
    assert_eq!(
        t.step(Step::Requirements).map(|r| r.notes.as_str()),
        Some("reqs\t")
    );
    // i edits the new step.
    h.press(KeyCode::Char('i'));
    h.type_text("LB -> app");
    h.ctrl('s');
    assert!(h.saved_text().contains("LB -> app"));
}

#[test]
fn pause_stops_all_clocks_and_blocks_typing() {
    let mut h = Harness::practice("instagram");
    h.advance(secs(20));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char(' '));
    assert!(practice(&h).timers.is_paused());
    h.advance(secs(600));
    h.type_text("ignored");
    let now = h.clock.0.get().mono;
    assert_eq!(practice(&h).timers.total(now), secs(20));
    assert_eq!(
        h.model.next_deadline(h.clock.0.get()),
        None,
        "nothing ticks while paused"
    );
    h.press(KeyCode::Char(' '));
    h.advance(secs(5));
    let now = h.clock.0.get().mono;
    assert_eq!(practice(&h).timers.total(now), secs(25));
    assert!(!saved(&h).steps.iter().any(|r| r.notes.contains("ignored")));
}

#[test]
fn q_and_ctrl_c_save_and_quit() {
    let mut h = Harness::practice("twitter");
    h.type_text("timeline cache");
    h.ctrl('c');
    assert!(h.model.quit);
    assert!(h.saved_text().contains("timeline cache"));

    let mut h = Harness::practice("twitter");
    h.type_text("q is text in the editor");
    assert!(!h.model.quit);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('q'));
    assert!(
        h.model.quit,
        "launched straight into practice, q leaves the app"
    );
    assert!(h.saved_text().contains("q is text in the editor"));
}

#[test]
fn ending_the_interview_asks_first_then_marks_it_complete_and_shows_the_summary() {
    let mut h = Harness::practice("url-shortener");
    h.type_text("done");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    assert_eq!(h.model.overlay, Some(Overlay::ConfirmEnd));
    h.press(KeyCode::Char('n'));
    assert_eq!(h.model.overlay, None);
    assert!(!practice(&h).is_complete());
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    assert!(matches!(h.model.screen(), Some(Screen::Detail(_))));
    let t = saved(&h);
    assert_eq!(t.header.status, Status::Complete);
    assert!(t.header.ended_at.is_some());
    assert!(t.steps[0].notes.contains("done"));
}

#[test]
fn resume_reopens_the_saved_step_with_its_time_and_notes() {
    let mut h = Harness::practice("url-shortener");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Char('i'));
    h.type_text("POST /urls");
    h.advance(secs(90));
    h.ctrl('q');
    let t = saved(&h);

    let mut h2 = Harness::new(Screen::Launcher(Default::default()));
    h2.act(Action::Opened {
        id: t.header.id.clone(),
        purpose: Open::Resume,
        result: Ok(Box::new(t.clone())),
    });
    let p = practice(&h2);
    assert_eq!(p.current(), Step::Apis);
    assert_eq!(
        p.editor().map(|e| e.lines().join("\n")),
        Some("POST /urls".to_string())
    );
    assert_eq!(
        p.editor().map(|e| e.cursor()),
        Some(ratatui_textarea::DataCursor(0, "POST /urls".len())),
        "the cursor waits where the words end"
    );
    assert_eq!(p.timers.spent(Step::Apis, h2.clock.0.get().mono), secs(90));
    assert_eq!(p.transcript.header.id, t.header.id);
}

#[test]
fn a_failing_disk_keeps_notes_in_memory_retries_and_never_writes_a_partial_file() {
    let mut h = Harness::practice("twitter");
    h.type_text("first");
    h.advance(secs(2));
    let good = h.saved_text();
    // Make the sessions folder unusable: replace it with a plain file.
    let sessions = h.data_dir().join("sessions");
    let files = h.session_files();
    let keep = std::fs::read(&files[0]).unwrap_or_default();
    std::fs::remove_dir_all(&sessions).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&sessions, b"not a folder").unwrap_or_else(|e| panic!("{e}"));
    h.type_text(" second");
    h.advance(secs(2));
    let p = practice(&h);
    assert!(p.save_error.is_some(), "error shown");
    assert!(p.is_dirty());
    assert!(
        p.editor()
            .is_some_and(|e| e.lines().join("").contains("first second"))
    );
    // Quitting now asks instead of losing the words.
    h.ctrl('q');
    assert!(matches!(
        h.model.overlay,
        Some(Overlay::ConfirmLeaveUnsaved { .. })
    ));
    assert!(!h.model.quit);
    h.press(KeyCode::Char('n'));
    // The disk comes back: the retry saves.
    std::fs::remove_file(&sessions).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(&sessions).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&files[0], keep).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.saved_text(), good);
    h.advance(secs(6));
    assert!(practice(&h).save_error.is_none());
    assert!(h.saved_text().contains("first second"));
}

#[test]
fn leaving_anyway_after_a_failed_save_writes_a_rescue_copy() {
    let mut h = Harness::practice("instagram");
    h.type_text("precious words");
    let sessions = h.data_dir().join("sessions");
    std::fs::remove_dir_all(&sessions).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&sessions, b"x").unwrap_or_else(|e| panic!("{e}"));
    h.ctrl('q');
    h.press(KeyCode::Char('y'));
    assert!(h.model.quit);
    let id = practice(&h).transcript.header.id.clone();
    let rescue = h
        .data_dir()
        .join("rescue")
        .join(format!("sdcoach-rescue-{id}.toml"));
    let text = std::fs::read_to_string(&rescue).unwrap_or_default();
    assert!(text.contains("precious words"), "{}", rescue.display());
    // The exit report says so, claims no save, and the process will exit non-zero.
    let out = h.runner.finish(&h.model, h.clock.now());
    assert!(out.unsaved);
    assert_eq!(out.saved, None);
    let report = out.report.join("\n");
    assert!(report.contains("Could not save session"), "{report}");
    assert!(report.contains(&rescue.display().to_string()), "{report}");
}

#[test]
fn with_nowhere_to_write_the_exit_report_holds_the_notes_themselves() {
    let mut h = Harness::practice("instagram");
    h.type_text("the only copy");
    h.advance(secs(2));
    // The disk fills: every place a file could go refuses it.
    let blocked = h.data_dir().join("full");
    std::fs::write(&blocked, b"x").unwrap_or_else(|e| panic!("{e}"));
    h.runner.rescue_places = vec![
        blocked.join("data"),
        blocked.join("home"),
        blocked.join("tmp"),
    ];
    let sessions = h.data_dir().join("sessions");
    std::fs::remove_dir_all(&sessions).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&sessions, b"x").unwrap_or_else(|e| panic!("{e}"));
    h.type_text(" and more");
    h.act(Action::Signal);
    assert!(h.model.quit);
    let out = h.runner.finish(&h.model, h.clock.now());
    assert!(out.unsaved);
    assert_eq!(out.saved, None, "no claim of a save that did not happen");
    let report = out.report.join("\n");
    assert_eq!(
        report.matches("Could not write a rescue copy").count(),
        3,
        "{report}"
    );
    assert!(report.contains("the only copy and more"), "{report}");
}

#[test]
fn a_clean_exit_reports_the_session_file_and_nothing_else() {
    let mut h = Harness::practice("twitter");
    h.type_text("fine");
    h.ctrl('q');
    let out = h.runner.finish(&h.model, h.clock.now());
    assert!(!out.unsaved);
    assert!(out.report.is_empty(), "{:?}", out.report);
    assert!(
        out.saved
            .is_some_and(|p| p.starts_with(h.data_dir().join("sessions")))
    );
}

#[test]
fn a_signal_saves_and_quits() {
    let mut h = Harness::practice("twitter");
    h.type_text("sigterm text");
    h.act(Action::Signal);
    assert!(h.model.quit);
    assert!(h.saved_text().contains("sigterm text"));
}

#[test]
fn pasted_text_is_inserted_without_control_characters() {
    let mut h = Harness::practice("twitter");
    h.act(Action::Type(Typed::Paste(
        "line one\r\nline \x1b[31mtwo".into(),
    )));
    let p = practice(&h);
    assert_eq!(
        p.editor().map(|e| e.lines().to_vec()),
        Some(vec!["line one".to_string(), "line [31mtwo".to_string()])
    );
}

#[test]
fn template_undo_and_redo_work_in_the_editor() {
    let mut h = Harness::practice("url-shortener");
    h.ctrl('t');
    let text = |h: &Harness| {
        practice(h)
            .editor()
            .map(|e| e.lines().join("\n"))
            .unwrap_or_default()
    };
    assert!(text(&h).starts_with("Functional"), "{}", text(&h));
    h.ctrl('z');
    assert_eq!(text(&h), "");
    h.ctrl('r');
    assert!(text(&h).starts_with("Functional"));
}

#[test]
fn help_opens_anywhere_and_closes_with_esc() {
    let mut h = Harness::practice("url-shortener");
    h.press(KeyCode::F(1));
    assert!(matches!(h.model.overlay, Some(Overlay::Help { .. })));
    h.type_text("x");
    assert!(
        practice(&h).editor().is_some_and(|e| e.is_empty()),
        "keys don't reach the editor under help"
    );
    h.press(KeyCode::Esc);
    assert_eq!(h.model.overlay, None);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('?'));
    assert!(matches!(h.model.overlay, Some(Overlay::Help { .. })));
}

/// Type an expression into the calculator pane and run it.
fn calc(h: &mut Harness, expr: &str) {
    h.type_text(expr);
    h.press(KeyCode::Enter);
}

#[test]
fn the_calculator_opens_from_the_editor_runs_keeps_history_and_inserts_into_notes() {
    let mut h = Harness::practice("instagram");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('i'));
    h.type_text("Estimates:");
    h.ctrl('l');
    assert!(practice(&h).calc.is_open());
    calc(&mut h, "dau = 500M");
    calc(&mut h, "uploads = dau * 2");
    calc(&mut h, "uploads / day to 1/s");
    calc(&mut h, "12 MB + 3 s");
    let p = practice(&h);
    assert_eq!(p.transcript.calc.len(), 3, "the bad expression is not kept");
    assert_eq!(
        p.calc.error.as_deref(),
        Some("column 7: cannot add MB and s")
    );
    assert_eq!(p.transcript.calc[2].display, "≈ 11.6K /s");
    assert_eq!(p.transcript.calc[2].step, Step::Capacity);
    // Up recalls the last good expression, Down goes back to an empty line.
    h.ctrl('u'); // clear the bad input (the line editor's own undo/clear keys)
    h.press(KeyCode::Up);
    assert_eq!(
        practice(&h).calc.input.lines().join(""),
        "uploads / day to 1/s"
    );
    h.press(KeyCode::Down);
    h.ctrl('n');
    h.press(KeyCode::Esc);
    let p = practice(&h);
    assert!(!p.calc.is_open());
    assert!(p.editing, "Esc returns to the editor it came from");
    let notes = p.editor().map(|e| e.lines().join("\n")).unwrap_or_default();
    assert_eq!(notes, "Estimates:\nuploads / day to 1/s = ≈ 11.6K /s\n");
    h.advance(secs(2));
    let t = saved(&h);
    assert_eq!(t.calc.len(), 3);
    assert_eq!(t.calc[0].variable.as_deref(), Some("dau"));
    assert!(t.steps[1].notes.contains("≈ 11.6K /s"));
}

#[test]
fn resuming_replays_the_calculator_so_variables_still_work() {
    let mut h = Harness::practice("twitter");
    h.ctrl('l');
    calc(&mut h, "tweets = 100M * 10");
    h.ctrl('q');
    let t = saved(&h);
    let mut h2 = Harness::new(Screen::Launcher(Default::default()));
    h2.act(Action::Opened {
        id: t.header.id.clone(),
        purpose: Open::Resume,
        result: Ok(Box::new(t)),
    });
    h2.press(KeyCode::Esc);
    h2.press(KeyCode::Char('c'));
    calc(&mut h2, "tweets / day");
    let p = practice(&h2);
    assert_eq!(
        p.transcript.calc.last().map(|e| e.display.as_str()),
        Some("≈ 11.6K /s")
    );
}

#[test]
fn the_capacity_sheet_starts_from_the_problem_s_figures_or_empty() {
    use sdcoach::calc::sheet::Input;
    let h = Harness::practice("instagram");
    let p = practice(&h);
    let values: Vec<&str> = Input::ALL.iter().map(|&i| p.calc.sheet.get(i)).collect();
    assert_eq!(values, ["500M", "0.2", "100", "3", "2 MB", "5", "", "", ""]);
    assert_eq!(sdcoach::tui::calc_pane::line(&p.calc.sheet_input), "500M");
    // Nothing is saved until the sheet is changed.
    assert!(saved(&h).sheet.is_empty());

    // A problem without a [sheet] table: every input empty, no example filled in.
    let h = coached();
    let p = practice(&h);
    assert!(Input::ALL.iter().all(|&i| p.calc.sheet.get(i).is_empty()));
    assert!(p.calc.sheet.figures().iter().all(|f| f.waiting));
}

#[test]
fn a_resumed_session_keeps_its_saved_sheet_over_the_problem_s_figures() {
    use sdcoach::calc::sheet::Input;
    let mut h = Harness::practice("twitter");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('c'));
    h.press(KeyCode::Tab);
    h.ctrl('a');
    h.ctrl('k');
    h.type_text("300M");
    h.ctrl('q');
    let mut t = saved(&h);
    assert_eq!(
        t.sheet.get("daily_active_users").map(String::as_str),
        Some("300M")
    );
    // As an older version saved it: every input, the examples where nothing was typed.
    t.sheet.insert("peak_factor".into(), "2".into());
    t.sheet.insert("replication_factor".into(), "3".into());
    let mut h2 = Harness::new(Screen::Launcher(Default::default()));
    h2.act(Action::Opened {
        id: t.header.id.clone(),
        purpose: Open::Resume,
        result: Ok(Box::new(t)),
    });
    let sheet = &practice(&h2).calc.sheet;
    assert_eq!(sheet.get(Input::DailyActiveUsers), "300M");
    assert_eq!(sheet.get(Input::PeakFactor), "2");
    assert_eq!(sheet.get(Input::ReplicationFactor), "3");
    assert_eq!(sheet.get(Input::ObjectSize), "200 bytes");
}

#[test]
fn the_capacity_sheet_computes_figures_saves_inputs_and_pushes_figures_to_notes() {
    let mut h = Harness::practice("instagram");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('c'));
    h.press(KeyCode::Tab);
    assert_eq!(h.model.focus(), sdcoach::tui::keymap::Ctx::Sheet);
    // Daily active users: replace the problem's 500M with 100M.
    h.ctrl('a');
    h.ctrl('k');
    h.type_text("100M");
    // Instagram gives no replication factor, cache share or server capacity, so the
    // figures that need them wait for those; the others are computed.
    let figures = practice(&h).calc.sheet.figures();
    let waiting: Vec<&str> = figures
        .iter()
        .filter(|f| f.waiting)
        .map(|f| f.name)
        .collect();
    assert_eq!(waiting, ["Storage total", "Cache memory", "Servers needed"]);
    assert!(
        figures.iter().all(|f| f.waiting || f.result.is_ok()),
        "{:?}",
        figures.iter().map(|f| &f.result).collect::<Vec<_>>()
    );
    h.ctrl('n');
    h.advance(secs(2));
    let t = saved(&h);
    assert_eq!(
        t.sheet.get("daily_active_users").map(String::as_str),
        Some("100M")
    );
    assert!(
        t.steps[0].notes.contains("Write QPS"),
        "{}",
        t.steps[0].notes
    );
    let md = sdcoach::domain::export::markdown(&t, &jiff::tz::TimeZone::UTC);
    assert!(
        md.contains("## Capacity sheet") && md.contains("| Daily active users | 100M |"),
        "{md}"
    );
}

#[test]
fn asking_the_interviewer_answers_from_the_best_clarification_and_keeps_the_exchange() {
    let mut h = coached();
    h.ctrl('o');
    assert!(practice(&h).ask.is_some());
    h.type_text("How many users per day?");
    h.press(KeyCode::Enter);
    h.type_text("Which cloud do we use?");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    let p = practice(&h);
    assert!(p.ask.is_none());
    assert!(p.editing, "back to the editor it came from");
    let q = &p.transcript.questions;
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].answer, "Plan for 10 million a day.");
    assert_eq!(
        q[0].matched.as_deref(),
        Some("How many daily active users?")
    );
    assert_eq!(q[1].answer, sdcoach::domain::coaching::NO_ANSWER);
    assert_eq!(q[1].matched, None);
    h.advance(secs(2));
    assert_eq!(saved(&h).questions.len(), 2);
}

#[test]
fn hints_reveal_one_at_a_time_and_are_counted() {
    let mut h = coached();
    h.ctrl('g');
    h.ctrl('g');
    h.ctrl('g');
    let used = practice(&h)
        .transcript
        .step(Step::Requirements)
        .map(|r| r.hints_used);
    assert_eq!(used, Some(2), "only as many as there are");
    assert!(
        h.model
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("No more hints"))
    );
    h.advance(secs(2));
    assert_eq!(saved(&h).steps[0].hints_used, 2);
}

#[test]
fn curveballs_arrive_at_their_minute_once_and_are_kept() {
    let mut h = coached();
    h.advance(secs(119));
    assert!(practice(&h).banner.is_none());
    h.advance(secs(2));
    assert_eq!(
        practice(&h).banner.as_deref(),
        Some("Traffic just grew tenfold. What changes first?")
    );
    h.advance(secs(60));
    let p = practice(&h);
    assert_eq!(p.transcript.curveballs.len(), 1, "thrown once");
    assert_eq!(p.transcript.curveballs[0].minute, 2);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Tab);
    assert!(
        practice(&h).banner.is_none(),
        "the banner goes with the step"
    );
    h.advance(secs(2));
    assert_eq!(saved(&h).curveballs.len(), 1);
}

#[test]
fn ending_the_interview_scores_it_against_the_rubric_estimates_and_key_questions() {
    let mut h = coached();
    h.type_text("Plan for 10M DAU.\nMostly reads, about 100 for every write.\nLinks never expire.");
    h.ctrl('o');
    h.type_text("How many daily active users?");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    h.ctrl('l');
    calc(&mut h, "writes_per_s = 10M * 5 / day");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let t = saved(&h);
    let card = t.scorecard.unwrap_or_else(|| panic!("no scorecard saved"));
    assert!(
        card.steps[0].points[0].detected,
        "DAU in the notes covers the scale point"
    );
    assert_eq!(
        card.estimates[0].verdict,
        sdcoach::domain::scoring::Verdict::Good
    );
    assert_eq!(
        card.key_questions,
        vec![("How many daily active users?".to_string(), true)]
    );
    assert!(card.score > 50, "{}", card.score);
    assert!(
        matches!(h.model.screen(), Some(Screen::Detail(_))),
        "the summary is shown"
    );
    let text = sdcoach::domain::export::markdown(&saved(&h), &jiff::tz::TimeZone::UTC);
    assert!(
        text.contains(&format!("## Scorecard: {}/100", card.score)),
        "{text}"
    );
    assert!(text.contains("- [x] Scale"), "{text}");
    assert!(
        text.contains("  - “Plan for 10M DAU.”"),
        "the evidence: {text}"
    );
}

#[test]
fn a_rubric_point_can_be_marked_by_hand_in_review_and_the_change_is_saved() {
    let mut h = coached();
    h.type_text("We need to think about how big this gets.");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let before = saved(&h).scorecard.map(|c| c.score).unwrap_or_default();
    assert!(
        !saved(&h)
            .scorecard
            .is_some_and(|c| c.steps[0].points[0].covered())
    );
    h.press(KeyCode::Char('x'));
    let card = saved(&h)
        .scorecard
        .unwrap_or_else(|| panic!("no scorecard"));
    assert_eq!(card.steps[0].points[0].manual, Some(true));
    assert!(card.score > before, "{} -> {}", before, card.score);
    // x again puts it back to what detection said.
    h.press(KeyCode::Char('x'));
    assert_eq!(saved(&h).scorecard.map(|c| c.score), Some(before));
}

#[test]
fn review_compares_a_session_with_the_previous_attempt_at_its_problem() {
    let mut h = two_attempts();
    h.model.stack.push(Screen::Review(Default::default()));
    h.press(KeyCode::Char('c'));
    let Some(Screen::Compare(pair)) = h.model.screen() else {
        panic!("not comparing");
    };
    assert!(pair[0].steps[0].notes.contains("first try"));
    assert!(pair[1].steps[0].notes.contains("second try"));
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.model.screen(), Some(Screen::Review(_))));
    // The older one has nothing earlier to compare with.
    h.press(KeyCode::Down);
    h.press(KeyCode::Char('c'));
    assert!(matches!(h.model.screen(), Some(Screen::Review(_))));
    assert!(
        h.model
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("No earlier"))
    );
}

#[test]
fn progress_shows_every_finished_session_and_the_weakest_step() {
    let mut h = two_attempts();
    h.choose(|i| *i == sdcoach::tui::model::LauncherItem::Progress);
    assert!(matches!(h.model.screen(), Some(Screen::Stats)));
    let points = h.runner.store.history().points;
    let points = &points;
    assert_eq!(points.len(), 2);
    assert!(points[0].score.is_some() && points[1].score.is_some());
    assert!(points[0].started_at <= points[1].started_at, "oldest first");
    let weakest = sdcoach::domain::progress::weakest_step(points).map(|w| w.step);
    assert_eq!(
        weakest,
        Some(Step::Requirements),
        "the only step with a rubric"
    );
}

#[test]
fn an_estimate_can_be_matched_by_hand_in_review() {
    let mut h = coached();
    h.type_text("Writes come to about 600 per second.");
    h.ctrl('l');
    calc(&mut h, "10M * 500 / day");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let card = saved(&h)
        .scorecard
        .unwrap_or_else(|| panic!("no scorecard"));
    // Matched by value, without a name: the figure in the notes is the closest.
    assert_eq!(
        card.estimates[0].verdict,
        sdcoach::domain::scoring::Verdict::Good
    );
    assert_eq!(
        card.estimates[0].got.as_ref().map(|g| g.0.as_str()),
        Some("Writes come to about 600 per second.")
    );
    // Selection: the one rubric point, then the estimate. Picking by hand takes the
    // calculator result instead, and the verdict follows it.
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('x'));
    let card = saved(&h)
        .scorecard
        .unwrap_or_else(|| panic!("no scorecard"));
    assert_eq!(card.estimates[0].picked, Some(0));
    assert_eq!(
        card.estimates[0].verdict,
        sdcoach::domain::scoring::Verdict::Off
    );
    assert!(
        card.estimates[0]
            .ratio
            .is_some_and(|r| (r - 100.0).abs() < 0.5)
    );
    let md = sdcoach::domain::export::markdown(&saved(&h), &jiff::tz::TimeZone::UTC);
    assert!(
        md.contains("| Writes per second | 579 /s | `10M * 500 / day` = ≈ 57.9K /s |"),
        "{md}"
    );
}

#[test]
fn concept_cards_are_counted_on_the_launcher_reviewed_and_scheduled() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.act(Action::FirstFrame);
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY));
    h.choose(|i| *i == sdcoach::tui::model::LauncherItem::Cards);
    let Some(Screen::Cards(drill)) = h.model.screen() else {
        panic!("not drilling");
    };
    let first = drill.queue[0].0.clone();
    h.press(KeyCode::Char('3'));
    assert!(
        !h.data_dir().join("cards.toml").exists(),
        "no grade before the answer is shown"
    );
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('3'));
    let text = std::fs::read_to_string(h.data_dir().join("cards.toml")).unwrap_or_default();
    assert!(
        text.contains(&first) && text.contains("due = \"2026-11-29\""),
        "{text}"
    );
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY - 1));
    // The round itself is saved like any drill, so review lists it.
    let drills = h.runner.store.list_drills();
    assert_eq!(drills.len(), 1);
    assert!(
        drills[0]
            .as_ref()
            .is_ok_and(|r| r.kind == DrillKind::Concepts && r.cards.len() == 1 && r.score == 100)
    );
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.model.screen(), Some(Screen::Launcher(_))));
    // The graded card is not due again today.
    h.act(Action::FirstFrame);
    h.press(KeyCode::Enter);
    if let Some(Screen::Cards(drill)) = h.model.screen() {
        assert!(drill.queue.iter().all(|(k, _, _)| *k != first));
    }
}

/// The launcher's clock moved on by `d`, as after a quit and a later start.
fn later(h: &Harness, d: Duration) -> sdcoach::tui::clock::Now {
    let now = h.clock.now();
    sdcoach::tui::clock::Now {
        mono: now.mono + d,
        wall: now.wall + d,
    }
}

/// The count `sdcoach decks list` and `sdcoach stats` give on the schedule as saved.
fn cli_count(h: &Harness, day: jiff::civil::Date) -> usize {
    use sdcoach::domain::schedule::{due_today, per_deck};
    let decks = sdcoach::store::decks::load_decks(&[]);
    let schedule = h
        .runner
        .store
        .load_schedule()
        .unwrap_or_else(|e| panic!("{e:#}"));
    let listed: usize = per_deck(&decks, &schedule, day, NEW_PER_DAY)
        .iter()
        .map(|c| c.due + c.new)
        .sum();
    assert_eq!(listed, due_today(&decks, &schedule, day, NEW_PER_DAY));
    listed
}

#[test]
fn new_cards_are_a_daily_limit_that_a_restart_does_not_reset() {
    use sdcoach::tui::model::LauncherItem;
    let today = jiff::civil::date(2026, 11, 28);
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.act(Action::FirstFrame);
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY));
    h.choose(|i| *i == LauncherItem::Cards);
    for _ in 0..3 {
        h.press(KeyCode::Char(' '));
        h.press(KeyCode::Char('3'));
    }
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY - 3));
    h.press(KeyCode::Char('q'));

    // Quit and start again an hour later: today already brought three new cards.
    let at = later(&h, secs(3600));
    let mut h = h.restart(at);
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY - 3));
    assert_eq!(cli_count(&h, today), NEW_PER_DAY - 3);
    h.choose(|i| *i == LauncherItem::Cards);
    let Some(Screen::Cards(drill)) = h.model.screen() else {
        panic!("not drilling");
    };
    assert_eq!(drill.queue.len(), NEW_PER_DAY - 3);
    assert!(
        drill
            .queue
            .iter()
            .all(|(k, _, _)| !drill.schedule.contains_key(k))
    );
    // Use up the day's allowance: nothing more today, however often the app restarts.
    for _ in 0..NEW_PER_DAY - 3 {
        h.press(KeyCode::Char(' '));
        h.press(KeyCode::Char('1'));
    }
    assert_eq!(h.model.cards_due, Some(0));
    h.press(KeyCode::Char('q'));
    let at = later(&h, secs(60));
    let h = h.restart(at);
    assert_eq!(h.model.cards_due, Some(0));
    assert_eq!(cli_count(&h, today), 0);

    // The next day the ten seen cards are due, and ten new ones are allowed again.
    let at = later(&h, secs(24 * 3600));
    let h = h.restart(at);
    assert_eq!(h.model.cards_due, Some(2 * NEW_PER_DAY));
    assert_eq!(
        cli_count(&h, jiff::civil::date(2026, 11, 29)),
        2 * NEW_PER_DAY
    );
}

#[test]
fn after_grading_in_a_one_deck_drill_the_launcher_counts_every_deck() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    let today = jiff::civil::date(2026, 11, 28);
    let decks = sdcoach::store::decks::load_decks(&[]);
    // A card of the first deck, seen yesterday, is due today.
    let first = &decks.decks[0];
    let mut schedule = sdcoach::domain::schedule::Schedule::new();
    schedule.insert(
        first.card_key(&first.cards[0]),
        sdcoach::domain::srs::review(
            None,
            sdcoach::domain::srs::Grade::Good,
            jiff::civil::date(2026, 11, 27),
        ),
    );
    let other = decks.decks[1].id.clone();
    h.act(Action::CardsLoaded {
        drill: Some(Some(other)),
        result: Ok(Box::new((decks, schedule))),
    });
    assert_eq!(h.model.cards_due, Some(1 + NEW_PER_DAY));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('3'));
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY));
    assert_eq!(cli_count(&h, today), NEW_PER_DAY);
}

#[test]
fn an_estimation_drill_judges_answers_times_out_and_saves_each_step() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.act(Action::StartEstimate {
        seed: 3,
        count: 2,
        secs: 90,
    });
    let Some(Screen::Estimate(d)) = h.model.screen() else {
        panic!("no drill");
    };
    let solution = d.questions[0].solution.clone();
    // Answer the first with the working itself: the calculator reads it.
    h.type_text(&solution);
    h.press(KeyCode::Enter);
    let drills = h.data_dir().join("drills");
    let files: Vec<_> = std::fs::read_dir(&drills)
        .map(|r| r.filter_map(|e| e.ok()).collect())
        .unwrap_or_default();
    assert_eq!(files.len(), 1, "saved after the first answer");
    let text = std::fs::read_to_string(files[0].path()).unwrap_or_default();
    assert!(text.contains("verdict = \"good\""), "{text}");
    h.press(KeyCode::Enter);
    // Let the second question's clock run out.
    h.advance(secs(91));
    let Some(Screen::Estimate(d)) = h.model.screen() else {
        panic!("no drill");
    };
    assert_eq!(d.record.answers.len(), 2);
    assert_eq!(
        d.record.answers[1].verdict,
        sdcoach::domain::scoring::Verdict::Missing
    );
    assert_eq!(d.record.score, 50);
    h.press(KeyCode::Enter);
    assert!(matches!(h.model.screen(), Some(Screen::Estimate(d)) if d.finished()));
    let text = std::fs::read_to_string(files[0].path()).unwrap_or_default();
    assert!(text.contains("score = 50"), "{text}");
}

#[test]
fn saved_drills_are_listed_in_review_and_open() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.act(Action::StartEstimate {
        seed: 5,
        count: 1,
        secs: 90,
    });
    h.type_text("1K /s");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    assert!(matches!(h.model.screen(), Some(Screen::Launcher(_))));
    // Open review, then Tab to the drills.
    h.choose(|i| *i == sdcoach::tui::model::LauncherItem::Review);
    assert!(matches!(h.model.screen(), Some(Screen::Review(_))));
    h.press(KeyCode::Tab);
    assert!(matches!(h.model.screen(), Some(Screen::Drills(_))));
    assert_eq!(h.model.drills.len(), 1);
    assert!(
        h.model.drills[0]
            .as_ref()
            .is_ok_and(|r| r.kind == DrillKind::Estimate && r.answers.len() == 1)
    );
    h.press(KeyCode::Enter);
    assert!(matches!(h.model.screen(), Some(Screen::DrillDetail(_))));
    h.press(KeyCode::Char('q'));
    h.press(KeyCode::Tab);
    assert!(matches!(h.model.screen(), Some(Screen::Review(_))));
}

#[test]
fn a_step_drill_covers_one_step_on_its_budget_and_is_scored_and_listed_as_a_drill() {
    use sdcoach::tui::model::LauncherItem;
    let mut h = coached();
    h.model.stack = vec![Screen::Launcher(Default::default())];
    h.choose(|i| *i == LauncherItem::StepDrill);
    // Steps first: Requirements is the first row; then the problem ("any" is row 0).
    assert!(matches!(h.model.screen(), Some(Screen::StepPick(p)) if p.step.is_none()));
    h.press(KeyCode::Enter);
    assert!(
        matches!(h.model.screen(), Some(Screen::StepPick(p)) if p.step == Some(Step::Requirements))
    );
    let row = h
        .model
        .catalog
        .problems()
        .iter()
        .position(|p| p.id == "coached")
        .unwrap_or_default();
    for _ in 0..=row {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    let p = practice(&h);
    assert_eq!(p.transcript.header.step_drill, Some(Step::Requirements));
    assert_eq!(p.transcript.total_budget(), secs(5 * 60));
    assert!(
        h.session_files()
            .iter()
            .any(|f| f.to_string_lossy().contains("step-requirements-coached"))
    );

    h.type_text("Plan for 10M DAU");
    h.press(KeyCode::Esc);
    // Other steps are out of reach: the drill stays where it is.
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('3'));
    assert_eq!(practice(&h).current(), Step::Requirements);
    assert!(
        h.model
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("press e"))
    );
    h.advance(secs(6 * 60));
    assert!(
        practice(&h)
            .timers
            .spent(Step::Requirements, h.clock.now().mono)
            >= secs(360)
    );

    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let Some(Screen::Detail(d)) = h.model.screen() else {
        panic!("no summary after the drill");
    };
    let card = d
        .transcript
        .scorecard
        .clone()
        .unwrap_or_else(|| panic!("no scorecard"));
    assert_eq!(card.steps.len(), 1);
    assert_eq!(card.coverage(Step::Requirements), Some(1.0));
    assert!(card.estimates.is_empty());
    let t = h
        .runner
        .store
        .load(&d.transcript.header.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.steps.len(), 1);
    assert_eq!(t.header.score, Some(card.score));

    // Review lists it under drills, not under mock interviews, and opens it.
    h.model.stack = vec![Screen::Launcher(Default::default())];
    h.choose(|i| *i == LauncherItem::Review);
    assert_eq!(
        h.model.interview_list().len(),
        1,
        "only the coached interview"
    );
    h.press(KeyCode::Tab);
    assert_eq!(h.model.drill_list().len(), 1);
    h.press(KeyCode::Enter);
    assert!(
        matches!(h.model.screen(), Some(Screen::Detail(d)) if d.transcript.header.step_drill.is_some())
    );
}

#[test]
fn a_step_drill_resumes_after_a_crash_on_its_one_step() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.act(Action::StartStepDrill {
        problem: Some("url-shortener".into()),
        step: Some(Step::DataModel),
        seed: 1,
    });
    h.type_text("urls(short PK, long, owner, created)");
    h.advance(secs(40));
    let id = practice(&h).transcript.header.id.clone();
    // The process dies (the kernel lets go of its lock) and a new one resumes the file.
    let Harness {
        runner, dir: _dir, ..
    } = h;
    let store = runner.store.clone();
    drop(runner);
    let mut again = Harness::new(Screen::Launcher(Default::default()));
    again.runner.store = store.clone();
    again.act(Action::Opened {
        id: id.clone(),
        purpose: Open::Resume,
        result: store.load(&id).map(Box::new).map_err(|e| e.to_string()),
    });
    let p = practice(&again);
    assert_eq!(p.current(), Step::DataModel);
    assert!(
        p.editor()
            .is_some_and(|e| e.lines()[0].starts_with("urls(short PK"))
    );
    // The clock is saved every 15 s while it runs, so a crash costs at most that much.
    assert!(p.timers.spent(Step::DataModel, again.clock.now().mono) >= secs(30));
}

#[test]
fn a_random_step_drill_is_repeatable_from_its_seed() {
    let pick = |seed| {
        let mut h = Harness::new(Screen::Launcher(Default::default()));
        h.act(Action::StartStepDrill {
            problem: None,
            step: None,
            seed,
        });
        let p = practice(&h);
        (p.transcript.header.problem_id.clone(), p.current())
    };
    assert_eq!(pick(7), pick(7));
    let picks: std::collections::BTreeSet<_> = (0..20).map(pick).collect();
    assert!(
        picks.len() > 5,
        "seeds should spread over problems and steps: {picks:?}"
    );
}

#[test]
fn the_launcher_suggests_what_needs_practice_and_starts_it() {
    use sdcoach::domain::stats::Next;
    use sdcoach::tui::model::{LauncherItem, launcher_items};
    let mut h = two_attempts();
    h.act(Action::FirstFrame);
    // Requirements is half covered, but estimation has never been tried: that comes first.
    assert_eq!(
        launcher_items(&h.model).first(),
        Some(&LauncherItem::Next(Next::Estimate))
    );
    h.choose(|i| matches!(i, LauncherItem::Next(_)));
    let questions = match h.model.screen() {
        Some(Screen::Estimate(d)) => d.questions.clone(),
        _ => panic!("the suggestion did not start an estimation drill"),
    };
    for q in &questions {
        h.type_text(&q.solution);
        h.press(KeyCode::Enter);
        h.press(KeyCode::Enter);
    }
    h.press(KeyCode::Esc);
    // Back on the launcher the stats are read again: estimates are fine now, so the weak step leads.
    assert!(matches!(h.model.screen(), Some(Screen::Launcher(_))));
    let stats = h
        .model
        .stats
        .as_deref()
        .unwrap_or_else(|| panic!("no stats"));
    assert_eq!(stats.accuracy.last().map(|a| a.within_2x), Some(1.0));
    assert_eq!(
        launcher_items(&h.model).first(),
        Some(&LauncherItem::Next(Next::StepDrill(Step::Requirements)))
    );
    h.choose(|i| matches!(i, LauncherItem::Next(_)));
    assert!(
        matches!(h.model.screen(), Some(Screen::StepPick(p)) if p.step == Some(Step::Requirements))
    );
}

#[test]
fn two_drills_of_the_same_step_compare_side_by_side() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    for notes in ["first: POST /urls", "second: POST /urls, GET /{code} 301"] {
        h.act(Action::StartStepDrill {
            problem: Some("url-shortener".into()),
            step: Some(Step::Apis),
            seed: 1,
        });
        h.type_text(notes);
        h.advance(secs(61));
        h.press(KeyCode::Esc);
        h.press(KeyCode::Char('e'));
        h.press(KeyCode::Char('y'));
        h.model.stack = vec![Screen::Launcher(Default::default())];
    }
    // Another step of the same problem is not an earlier attempt at this one.
    h.act(Action::StartStepDrill {
        problem: Some("url-shortener".into()),
        step: Some(Step::DataModel),
        seed: 1,
    });
    h.advance(secs(61));
    h.model.stack = vec![Screen::Launcher(Default::default())];
    h.choose(|i| *i == sdcoach::tui::model::LauncherItem::Review);
    h.press(KeyCode::Tab);
    assert_eq!(h.model.drill_list().len(), 3);
    h.press(KeyCode::Char('c'));
    assert!(
        h.model
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("No earlier drill")),
        "the newest is the data-model drill"
    );
    h.press(KeyCode::Down);
    h.press(KeyCode::Char('c'));
    let Some(Screen::Compare(pair)) = h.model.screen() else {
        panic!("not comparing");
    };
    assert_eq!(pair[0].steps.len(), 1);
    assert!(pair[0].steps[0].notes.starts_with("first"));
    assert!(pair[1].steps[0].notes.starts_with("second"));
}

#[test]
fn an_unreadable_sessions_folder_is_said_not_shown_as_empty() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    // A file where the folder should be: reading it fails for any user.
    std::fs::write(h.data_dir().join("sessions"), b"x").unwrap_or_else(|e| panic!("{e}"));
    let action = h.runner.sessions();
    h.act(action);
    assert!(h.model.sessions_error.is_some());
    assert!(h.model.flash.as_ref().is_some_and(|f| f.error));
}

#[test]
fn a_session_open_elsewhere_is_shown_read_only_and_taken_over_when_freed() {
    let mut first = Harness::practice("twitter");
    first.type_text("first window");
    first.advance(secs(2));
    let id = practice(&first).transcript.header.id.clone();
    let mut second = Harness::new(Screen::Launcher(Default::default()));
    second.runner.store = first.runner.store.clone();
    let list = second.runner.store.list().unwrap_or_default();
    second.act(Action::SessionsLoaded(list.into()));
    second.choose(|i| matches!(i, sdcoach::tui::model::LauncherItem::Resume { .. }));
    assert!(matches!(
        second.model.overlay,
        Some(Overlay::HeldElsewhere { retry_at: None, .. })
    ));
    assert!(matches!(second.model.screen(), Some(Screen::Detail(_))));
    // Wait to take it over: retries find it still held.
    second.press(KeyCode::Char('y'));
    second.advance(secs(3));
    assert!(second.model.practice().is_none());
    // The first window ends (its process would exit and drop the lock).
    first.ctrl('q');
    let Harness {
        runner, dir: _dir, ..
    } = first;
    drop(runner);
    second.advance(secs(2));
    let p = practice(&second);
    assert_eq!(p.transcript.header.id, id);
    assert!(second.model.overlay.is_none());
    assert!(
        p.editor()
            .is_some_and(|e| e.lines().join("").contains("first window"))
    );
}

#[test]
fn resume_from_the_launcher_moves_past_a_file_that_fails_to_load() {
    let mut h = Harness::practice("twitter");
    h.type_text("older but fine");
    h.ctrl('q');
    let older = practice(&h).transcript.header.id.clone();
    let Harness { runner, dir, .. } = h;
    let store = runner.store.clone();
    drop(runner);
    // A newer unfinished session whose summary reads but whose body is cut short.
    let text = std::fs::read_to_string(store.path_of(&older)).unwrap_or_default();
    let cut = text.find("[[steps]]").unwrap_or(text.len());
    let newer = "2099-01-01-000000-twitter";
    std::fs::write(store.path_of(newer), &text[..cut]).unwrap_or_else(|e| panic!("{e}"));
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.runner.store = store.clone();
    let list = store.list().unwrap_or_default();
    h.act(Action::SessionsLoaded(list.into()));
    let resume = |h: &Harness| {
        sdcoach::tui::model::launcher_items(&h.model)
            .into_iter()
            .find_map(|i| match i {
                sdcoach::tui::model::LauncherItem::Resume { id, .. } => Some(id),
                _ => None,
            })
    };
    assert_eq!(resume(&h).as_deref(), Some(newer));
    h.choose(|i| matches!(i, sdcoach::tui::model::LauncherItem::Resume { .. }));
    assert!(h.model.flash.as_ref().is_some_and(|f| f.error));
    assert!(h.model.practice().is_none());
    assert_eq!(
        resume(&h).as_deref(),
        Some(older.as_str()),
        "Resume moves on"
    );
    assert_eq!(
        std::fs::read_to_string(store.path_of(newer)).unwrap_or_default(),
        &text[..cut],
        "the broken file is never written back"
    );
    drop(dir);
}

#[test]
fn the_launcher_draws_first_and_reads_every_problem_right_after() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.model.catalog = Default::default();
    h.model.catalog_complete = false;
    let items = |h: &Harness| sdcoach::tui::model::launcher_items(&h.model).len();
    assert!(items(&h) > 0, "the first screen needs no problem");
    h.act(Action::FirstFrame);
    assert!(h.model.catalog_complete);
    assert_eq!(
        h.model.catalog.len(),
        sdcoach::store::problems::load_catalog(&[]).len()
    );
}
