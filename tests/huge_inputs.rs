//! Huge inputs (issue 10): megabytes of notes in review and in the editor, and inputs too
//! long to mean anything. Behaviour only; the speed is in benches/bigtext.rs.

mod common;

use common::Harness;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use sdcoach::tui::action::{Action, Open, Typed};
use sdcoach::tui::clock::Clock;
use sdcoach::tui::view;

/// The screen's rows as text, at `width`×`height` (what the model was told the size is).
fn screen_rows(h: &Harness, width: u16, height: u16) -> Vec<String> {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| view::draw(&h.model, f))
        .unwrap_or_else(|e| panic!("{e}"));
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// A session with `notes` in its last step, opened in review at 80×24.
fn review_with_last_step_notes(notes: String) -> Harness {
    let practice = Harness::practice("url-shortener");
    let mut t = practice
        .model
        .practice()
        .map(|p| p.snapshot(practice.clock.now()))
        .unwrap_or_else(|| panic!("no practice"));
    if let Some(step) = t.steps.last_mut() {
        step.notes = notes;
    }
    let mut h = Harness::new(sdcoach::tui::model::Screen::Review(Default::default()));
    h.act(Action::Resize {
        width: 80,
        height: 24,
    });
    h.act(Action::Opened {
        id: t.header.id.clone(),
        purpose: Open::Review,
        result: Ok(Box::new(t)),
    });
    h
}

/// Review's text rows (inside the frame, above the status bar) at 80×24.
fn review_text(h: &Harness) -> Vec<String> {
    let rows = screen_rows(h, 80, 24);
    rows[1..22]
        .iter()
        .map(|r| r.trim_matches(|c| c == '│' || c == ' ').to_string())
        .collect()
}

#[test]
fn review_of_huge_notes_scrolls_to_the_last_line_and_back() {
    // 70,000 lines: more rows than a u16 scroll offset can reach.
    let notes: String = (0..70_000).map(|i| format!("note line {i}\n")).collect();
    let mut h = review_with_last_step_notes(notes);
    let first = review_text(&h);
    assert!(first[0].starts_with("Started"), "{first:?}");

    h.press(KeyCode::End);
    let last = review_text(&h);
    let want: Vec<String> = (69_979..70_000).map(|i| format!("note line {i}")).collect();
    assert_eq!(last, want);

    // Down at the end stays; Page Up goes back ten rows.
    h.press(KeyCode::Down);
    assert_eq!(review_text(&h), want);
    h.press(KeyCode::PageUp);
    let want: Vec<String> = (69_969..69_990).map(|i| format!("note line {i}")).collect();
    assert_eq!(review_text(&h), want);

    h.press(KeyCode::Home);
    assert_eq!(review_text(&h), first);
}

#[test]
fn a_single_line_of_notes_longer_than_a_piece_shows_every_word_in_review() {
    // One 100 KB line without a break. Review lays it out in pieces of 8 KB, cut after a
    // space: reading it a row at a time shows every word, in order, none cut in two.
    let line: String = (0..20_000).map(|i| format!("{:04} ", i % 10_000)).collect();
    let mut h = review_with_last_step_notes(line);
    for _ in 0..300 {
        if review_text(&h)[0].starts_with("0000 0001") {
            break;
        }
        h.press(KeyCode::Down);
    }
    let mut rows: Vec<String> = Vec::new();
    // Past the first two cuts at 8 KB and 16 KB: about 210 rows of 78 characters.
    for _ in 0..300 {
        rows.push(review_text(&h)[0].clone());
        h.press(KeyCode::Down);
    }
    let words: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
    let expected: Vec<String> = (0..words.len())
        .map(|i| format!("{:04}", i % 10_000))
        .collect();
    assert!(words.len() > 16 * 1024 / 5, "{}", words.len());
    assert_eq!(words, expected);
}

/// About `bytes` of notes: numbered lines of words, figures and some non-ASCII.
fn big_notes(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 100);
    let mut n = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "- line {n}: 100M links/month ≈ 40 writes/s, cache the hot 20% (日本語)\n"
        ));
        n += 1;
    }
    out
}

fn saved(h: &Harness) -> sdcoach::domain::transcript::Transcript {
    sdcoach::domain::transcript::parse(&h.saved_text()).unwrap_or_else(|e| panic!("{e}"))
}

fn step_notes(h: &Harness) -> String {
    h.model
        .practice()
        .and_then(|p| p.editor())
        .map(|e| e.lines().join("\n"))
        .unwrap_or_default()
}

#[test]
fn a_1mb_paste_keeps_every_word_in_the_saved_transcript() {
    let mut h = Harness::practice("url-shortener");
    h.type_text("Before: ");
    let pasted = big_notes(1024 * 1024);
    h.act(Action::Type(Typed::Paste(pasted.clone())));
    // The editor goes on working at the end of the paste.
    h.type_text("after");
    h.advance(std::time::Duration::from_secs(2));
    let t = saved(&h);
    assert_eq!(t.steps[0].notes, format!("Before: {pasted}after"));
    assert!(h.model.flash.is_none(), "{:?}", h.model.flash);
}

#[test]
fn a_paste_past_what_a_step_holds_keeps_whole_lines_up_to_it_and_says_so() {
    use sdcoach::tui::model::STEP_NOTES_MAX;
    let mut h = Harness::practice("url-shortener");
    let pasted = big_notes(3 * 1024 * 1024);
    h.act(Action::Type(Typed::Paste(pasted.clone())));
    h.advance(std::time::Duration::from_secs(2));
    let notes = saved(&h).steps[0].notes.clone();
    assert!(pasted.starts_with(&notes));
    assert!(notes.ends_with('\n'), "cut at a line break");
    assert!(notes.len() <= STEP_NOTES_MAX && notes.len() > STEP_NOTES_MAX - 200);
    let flash = h.model.flash.as_ref().map(|f| f.text.clone());
    assert_eq!(
        flash.as_deref(),
        Some(
            "Pasted 2.0 MB of 3.0 MB: a step's notes take pastes up to 2.0 MB, so the rest was \
             not added."
        )
    );

    // A full step takes no more pastes, but typing still works.
    h.act(Action::Type(Typed::Paste("more".into())));
    let flash = h
        .model
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    assert!(
        flash.starts_with("Not pasted: this step's notes already hold"),
        "{flash}"
    );
    h.type_text("typed");
    assert_eq!(step_notes(&h), format!("{notes}typed"));
}

/// The calculator pane's input line, as typed.
fn calc_input(h: &Harness) -> String {
    h.model
        .practice()
        .map(|p| p.calc.input.lines().join(""))
        .unwrap_or_default()
}

fn calc_error(h: &Harness) -> Option<String> {
    h.model.practice().and_then(|p| p.calc.error.clone())
}

#[test]
fn an_expression_past_4096_characters_is_refused_with_a_message_in_the_pane() {
    let mut h = Harness::practice("url-shortener");
    h.ctrl('l');
    h.type_text("1 + ");
    h.act(Action::Type(Typed::Paste("2 ".repeat(512 * 1024))));
    assert_eq!(calc_input(&h), "1 + ", "nothing of the paste goes in");
    let message =
        "Not added: the expression would be 1,048,580 characters long; it can be at most 4,096.";
    assert_eq!(calc_error(&h).as_deref(), Some(message));
    let screen = screen_rows(&h, 120, 40).join("\n");
    assert!(
        screen.contains("Not added: the expression would be 1,048,580"),
        "{screen}"
    );

    // Up to the limit goes in; a key past it is refused the same way.
    let fill = "1".repeat(4096 - 4);
    h.act(Action::Type(Typed::Paste(fill.clone())));
    assert_eq!(calc_input(&h), format!("1 + {fill}"));
    assert_eq!(calc_error(&h), None);
    h.type_text("9");
    assert_eq!(calc_input(&h).chars().count(), 4096);
    assert_eq!(
        calc_error(&h).as_deref(),
        Some("Not added: the expression would be 4,097 characters long; it can be at most 4,096.")
    );
    // Deleting is always allowed.
    h.press(KeyCode::Backspace);
    assert_eq!(calc_input(&h).chars().count(), 4095);
}

#[test]
fn a_long_expression_shows_its_end_at_the_cursor() {
    let mut h = Harness::practice("url-shortener");
    h.ctrl('l');
    let expr: String = (0..600).map(|i| format!("{i} + ")).collect::<String>() + "42 MB";
    assert!(expr.chars().count() < 4096);
    h.act(Action::Type(Typed::Paste(expr)));
    let screen = screen_rows(&h, 120, 40);
    let input_row = screen
        .iter()
        .find(|r| r.contains("599 + 42 MB"))
        .unwrap_or_else(|| {
            panic!(
                "the end of the expression is not on screen:\n{}",
                screen.join("\n")
            )
        });
    assert!(!input_row.contains("0 + 1 + 2"), "{input_row}");
}

#[test]
fn a_question_to_the_interviewer_past_4096_characters_is_refused() {
    let mut h = Harness::practice("url-shortener");
    h.ctrl('o');
    h.type_text("How many users? ");
    h.act(Action::Type(Typed::Paste("a".repeat(10_000))));
    let asked = h
        .model
        .practice()
        .and_then(|p| p.ask.as_ref())
        .map(|a| a.input.lines().join(""))
        .unwrap_or_default();
    assert_eq!(asked, "How many users? ");
    let flash = h.model.flash.as_ref().map(|f| f.text.clone());
    assert_eq!(
        flash.as_deref(),
        Some("Not added: the question would be 10,016 characters long; it can be at most 4,096.")
    );
}
