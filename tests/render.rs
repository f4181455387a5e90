//! Rendering: snapshots of every screen at fixed sizes, no panic at any size, NO_COLOR.

mod common;

use std::time::Duration;

use common::{Harness, start_time, two_attempts};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use sdcoach::domain::framework::Step;
use sdcoach::domain::transcript::{Header, Status};
use sdcoach::store::Listed;
use sdcoach::tui::action::{Action, Open};
use sdcoach::tui::model::LauncherItem;
use sdcoach::tui::model::{Menu, Screen};
use sdcoach::tui::theme::Theme;
use sdcoach::tui::view;

fn render(h: &Harness, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| view::draw(&h.model, f))
        .unwrap_or_else(|e| panic!("draw at {width}x{height}: {e}"));
    terminal
}

fn screen_text(h: &Harness, width: u16, height: u16) -> String {
    render(h, width, height).backend().to_string()
}

fn header(id: &str, title: &str, status: Status, minutes: u64) -> Header {
    let now = start_time().wall;
    Header {
        format: 1,
        id: id.into(),
        problem_id: "twitter".into(),
        title: title.into(),
        step_drill: None,
        status,
        started_at: now,
        updated_at: now,
        ended_at: None,
        current_step: Step::Apis,
        elapsed_ms: minutes * 60_000,
        score: None,
    }
}

fn sample_sessions() -> Vec<Listed> {
    vec![
        Listed::Ok(header(
            "2026-11-28-100000-twitter",
            "Microblogging service (Twitter)",
            Status::InProgress,
            12,
        )),
        Listed::Unreadable {
            id: "2026-11-27-090000-broken".into(),
            error: "1:5: invalid string".into(),
        },
        Listed::Ok(header(
            "2026-11-26-080000-url-shortener",
            "URL shortener",
            Status::Complete,
            47,
        )),
    ]
}

/// A session a few minutes in: notes with wide characters, step 1 over budget, on step 2.
fn busy_practice() -> Harness {
    let mut h = Harness::practice("url-shortener");
    h.type_text(
        "Shorten links; custom aliases; 日本語 titles OK\n- expiry: optional\n- analytics: later",
    );
    h.advance(Duration::from_secs(372));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('i'));
    h.type_text("100M new links/month ≈ 40 writes/s");
    h.advance(Duration::from_secs(61));
    h
}

#[test]
fn launcher() {
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    h.act(Action::SessionsLoaded(sample_sessions().into()));
    insta::assert_snapshot!(screen_text(&h, 80, 20));
}

#[test]
fn picker() {
    let h = Harness::new(Screen::Picker(Menu::default()));
    insta::assert_snapshot!(screen_text(&h, 100, 28));
}

#[test]
fn practice_wide() {
    let h = busy_practice();
    insta::assert_snapshot!(screen_text(&h, 120, 34));
}

#[test]
fn practice_narrow() {
    let h = busy_practice();
    insta::assert_snapshot!(screen_text(&h, 60, 24));
}

#[test]
fn practice_paused_outside_editor() {
    let mut h = busy_practice();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char(' '));
    insta::assert_snapshot!(screen_text(&h, 100, 30));
}

#[test]
fn help_overlay() {
    let mut h = busy_practice();
    h.press(KeyCode::F(1));
    insta::assert_snapshot!(screen_text(&h, 100, 40));
}

#[test]
fn confirm_end() {
    let mut h = busy_practice();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    insta::assert_snapshot!(screen_text(&h, 100, 30));
}

#[test]
fn review_list() {
    let mut h = Harness::new(Screen::Review(Menu::default()));
    h.act(Action::SessionsLoaded(sample_sessions().into()));
    insta::assert_snapshot!(screen_text(&h, 90, 12));
}

#[test]
fn session_detail() {
    let mut b = busy_practice();
    let t = b.model.practice().map(|p| p.snapshot(b.clock.0.get()));
    b.ctrl('q');
    let mut h = Harness::new(Screen::Review(Menu::default()));
    h.act(Action::Opened {
        id: t.as_ref().map(|t| t.header.id.clone()).unwrap_or_default(),
        purpose: Open::Review,
        result: t.map(Box::new).ok_or_else(|| "no practice".to_string()),
    });
    insta::assert_snapshot!(screen_text(&h, 90, 36));
}

#[test]
fn too_small_shows_one_line() {
    let h = busy_practice();
    let text = screen_text(&h, 30, 8);
    assert!(text.contains("Enlarge to 40×10"), "{text}");
    insta::assert_snapshot!(text);
    // At any width the message is whole, never cut mid-sentence.
    for width in 1..40 {
        let text = screen_text(&h, width, 3);
        let first = text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_matches(['"', ' ']);
        let whole = [
            "Enlarge the window to at least 40×10",
            "Enlarge to 40×10",
            "40×10 needed",
            "Too small",
            "Small",
            "…",
        ];
        assert!(whole.contains(&first), "{width} columns: {first:?}");
    }
}

/// Every size from 1×1 to 200×60 draws without panicking, on every screen.
#[test]
fn every_size_up_to_200x60_draws() {
    let mut screens = vec![
        busy_practice(),
        Harness::new(Screen::Picker(Menu::default())),
    ];
    let mut launcher = Harness::new(Screen::Launcher(Menu::default()));
    launcher.act(Action::SessionsLoaded(sample_sessions().into()));
    screens.push(launcher);
    let mut review = Harness::new(Screen::Review(Menu::default()));
    review.act(Action::SessionsLoaded(sample_sessions().into()));
    screens.push(review);
    let mut help = busy_practice();
    help.press(KeyCode::F(1));
    screens.push(help);
    for tab in 0..3 {
        screens.push(calc_pane(tab));
    }
    let mut estimate = Harness::new(Screen::Launcher(Menu::default()));
    estimate.act(sdcoach::tui::action::Action::StartEstimate {
        seed: 3,
        count: 2,
        secs: 90,
    });
    screens.push(estimate);
    let mut cards = Harness::new(Screen::Launcher(Menu::default()));
    cards.choose(|i| *i == LauncherItem::Cards);
    cards.press(KeyCode::Char(' '));
    screens.push(cards);
    screens.push(step_drill());
    screens.push(stats_screen());
    let mut pick = Harness::new(Screen::Launcher(Menu::default()));
    pick.choose(|i| *i == LauncherItem::StepDrill);
    screens.push(pick);
    // A session in review, scrolled to its end (each size clamps from there).
    let mut b = busy_practice();
    let t = b.model.practice().map(|p| p.snapshot(b.clock.0.get()));
    b.ctrl('q');
    let mut detail = Harness::new(Screen::Review(Menu::default()));
    detail.act(Action::Opened {
        id: t.as_ref().map(|t| t.header.id.clone()).unwrap_or_default(),
        purpose: Open::Review,
        result: t.map(Box::new).ok_or_else(|| "no practice".to_string()),
    });
    detail.press(KeyCode::End);
    screens.push(detail);

    let mut backend = Terminal::new(TestBackend::new(1, 1)).unwrap_or_else(|e| panic!("{e}"));
    for h in &screens {
        for width in 1..=200 {
            for height in 1..=60 {
                backend.backend_mut().resize(width, height);
                backend
                    .resize(ratatui::layout::Rect::new(0, 0, width, height))
                    .unwrap_or_else(|e| panic!("{e}"));
                backend
                    .draw(|f| view::draw(&h.model, f))
                    .unwrap_or_else(|e| panic!("draw at {width}x{height}: {e}"));
            }
        }
    }
}

#[test]
fn no_color_draws_no_colours_and_keeps_overtime_readable() {
    let mut h = Harness::with_theme(Screen::Picker(Menu::default()), Theme::no_color());
    h.start("url-shortener");
    h.advance(Duration::from_secs(400));
    let terminal = render(&h, 120, 34);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "colour at {:?}", cell.symbol());
        assert_eq!(cell.bg, Color::Reset);
    }
    assert!(terminal.backend().to_string().contains("+01:40 over"));
}

#[test]
fn the_terminal_s_answer_re_themes_the_screen_review_s_laid_out_text_included() {
    let mut h = common::two_attempts_review();
    h.press(KeyCode::Enter);
    let colour_of = |h: &Harness, text: &str| {
        let terminal = render(h, 120, 40);
        let buffer = terminal.backend().buffer().clone();
        let screen = terminal.backend().to_string();
        let (row, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"));
        let at = line.trim_start_matches('"').find(text).unwrap_or(0);
        let column = line.trim_start_matches('"')[..at].chars().count();
        let cell = buffer.cell((column as u16, row as u16)).map(|c| c.fg);
        cell.unwrap_or(Color::Reset)
    };
    h.press(KeyCode::Tab);
    assert_eq!(colour_of(&h, "Scorecard:"), Color::Cyan);
    h.act(Action::Theme(Theme::light()));
    assert_eq!(colour_of(&h, "Scorecard:"), Color::Blue, "laid out again");
    // The selected scorecard line stays selected.
    assert!(matches!(h.model.screen(), Some(Screen::Detail(d)) if d.point == 1));
}

#[test]
fn bad_problem_files_are_shown_as_warnings_on_the_launcher_and_picker() {
    let warning = sdcoach::domain::diagnostic::Diagnostic {
        file: "mine/broken.toml".into(),
        line: 3,
        col: 7,
        message: "missing field `title`".into(),
    };
    let available = format!("{} available", sdcoach::store::problems::BUILTIN.len());
    for (first, good) in [
        (Screen::Launcher(Menu::default()), available.as_str()),
        (Screen::Picker(Menu::default()), "URL shortener"),
    ] {
        let mut h = Harness::new(first);
        h.model.catalog.warnings.push(warning.clone());
        let text = screen_text(&h, 100, 30);
        assert!(
            text.contains("mine/broken.toml:3:7: missing field `title`"),
            "{text}"
        );
        assert!(text.contains(good), "good problems still offered: {text}");
    }
}

fn calc_pane(tab_presses: usize) -> Harness {
    let mut h = Harness::practice("instagram");
    h.ctrl('l');
    for expr in [
        "dau = 500M",
        "uploads = dau * 2",
        "uploads / day to 1/s",
        "uploads * 2 MB",
        "ans * 365 * 5 to EB",
    ] {
        h.type_text(expr);
        h.press(KeyCode::Enter);
    }
    h.type_text("uploads * 2 MB / day");
    for _ in 0..tab_presses {
        h.press(KeyCode::Tab);
    }
    h
}

#[test]
fn calculator_tab() {
    insta::assert_snapshot!(screen_text(&calc_pane(0), 120, 34));
}

#[test]
fn capacity_sheet_tab() {
    insta::assert_snapshot!(screen_text(&calc_pane(1), 120, 40));
}

/// A problem with no `[sheet]` table: every input empty, examples only as dim hints (the
/// selected one after the cursor), and figures that say what they need.
#[test]
fn capacity_sheet_of_a_problem_without_figures() {
    let mut h = common::coached();
    h.ctrl('l');
    h.press(KeyCode::Tab);
    insta::assert_snapshot!(screen_text(&h, 120, 40));
}

#[test]
fn cheat_sheets_tab() {
    insta::assert_snapshot!(screen_text(&calc_pane(2), 120, 40));
}

#[test]
fn calculator_pane_on_a_narrow_screen() {
    insta::assert_snapshot!(screen_text(&calc_pane(0), 60, 30));
}

#[test]
fn ask_box_and_a_curveball_banner() {
    let mut h = common::coached();
    h.ctrl('g');
    h.advance(Duration::from_secs(125));
    h.ctrl('o');
    h.type_text("How many users per day?");
    h.press(KeyCode::Enter);
    insta::assert_snapshot!(screen_text(&h, 110, 32));
}

#[test]
fn compare_two_attempts() {
    let mut h = two_attempts();
    h.model.stack.push(Screen::Review(Menu::default()));
    h.press(KeyCode::Char('c'));
    insta::assert_snapshot!(screen_text(&h, 110, 16));
}

#[test]
fn progress_screen() {
    let mut h = two_attempts();
    h.choose(|i| *i == LauncherItem::Progress);
    insta::assert_snapshot!(screen_text(&h, 90, 26));
}

#[test]
fn scorecard_in_review() {
    let mut h = common::coached();
    h.type_text("Plan for 10M DAU.");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    insta::assert_snapshot!(screen_text(&h, 100, 30));
}

#[test]
fn concept_card_revealed() {
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    h.choose(|i| *i == LauncherItem::Cards);
    h.press(KeyCode::Char(' '));
    insta::assert_snapshot!(screen_text(&h, 100, 22));
}

#[test]
fn estimation_drill_feedback() {
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    h.act(sdcoach::tui::action::Action::StartEstimate {
        seed: 3,
        count: 2,
        secs: 90,
    });
    h.type_text("10K /s");
    h.press(KeyCode::Enter);
    insta::assert_snapshot!(screen_text(&h, 100, 20));
}

/// A data-model drill of the URL shortener, two minutes in, with notes.
fn step_drill() -> Harness {
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    h.act(Action::StartStepDrill {
        problem: Some("url-shortener".into()),
        step: Some(Step::DataModel),
        seed: 1,
    });
    h.type_text("urls: short (PK), long, owner, created_at\nclicks: short, at, referrer");
    h.advance(Duration::from_secs(125));
    h
}

#[test]
fn step_drill_practice() {
    insta::assert_snapshot!(screen_text(&step_drill(), 110, 24));
}

#[test]
fn step_drill_chooser_lists_steps_then_problems() {
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    h.choose(|i| *i == LauncherItem::StepDrill);
    let steps = screen_text(&h, 80, 14);
    assert!(
        steps.contains("4. Data model") && steps.contains("15:00"),
        "{steps}"
    );
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    let problems = screen_text(&h, 80, 20);
    assert!(
        problems.contains("Any problem") && problems.contains("URL shortener"),
        "{problems}"
    );
    insta::assert_snapshot!(problems);
}

/// Two scored interviews, an estimation drill and a step drill, then the stats screen.
fn stats_screen() -> Harness {
    let mut h = two_attempts();
    h.act(Action::StartEstimate {
        seed: 3,
        count: 2,
        secs: 90,
    });
    let solution = match h.model.screen() {
        Some(Screen::Estimate(d)) => d.questions[0].solution.clone(),
        _ => panic!("no drill"),
    };
    h.type_text(&solution);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.type_text("1");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    h.act(Action::StartStepDrill {
        problem: Some("coached".into()),
        step: Some(Step::Requirements),
        seed: 1,
    });
    h.type_text("nothing useful");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    h.model.stack = vec![Screen::Launcher(Menu::default())];
    h.choose(|i| *i == LauncherItem::Progress);
    h
}

#[test]
fn stats_wide() {
    insta::assert_snapshot!(screen_text(&stats_screen(), 120, 32));
}

#[test]
fn launcher_with_a_suggestion() {
    let mut h = stats_screen();
    h.press(KeyCode::Esc);
    let text = screen_text(&h, 100, 24);
    assert!(text.contains("Next: "), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_step_drill_hides_the_step_keys_from_the_hint_bar() {
    let mut drill = step_drill();
    drill.press(KeyCode::Esc);
    let text = screen_text(&drill, 110, 24);
    let bar = text.lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("e end") && !bar.contains("Tab next"), "{bar}");
    let mut interview = Harness::practice("url-shortener");
    interview.press(KeyCode::Esc);
    let text = screen_text(&interview, 110, 24);
    let bar = text.lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("Tab next"), "{bar}");
}

#[test]
fn comparing_two_step_drills_shows_only_their_step() {
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    for _ in 0..2 {
        h.act(Action::StartStepDrill {
            problem: Some("url-shortener".into()),
            step: Some(Step::Apis),
            seed: 1,
        });
        h.advance(Duration::from_secs(61));
        h.model.stack = vec![Screen::Launcher(Menu::default())];
    }
    h.choose(|i| *i == LauncherItem::Review);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('c'));
    let text = screen_text(&h, 110, 12);
    assert!(
        text.contains("URL shortener · APIs drill: two attempts"),
        "{text}"
    );
    assert!(
        text.contains("APIs") && !text.contains("Requirements"),
        "{text}"
    );
}

/// OSC 0, OSC 52, CSI (7-bit and 8-bit), bidi overrides and isolates, zero-width and
/// line-separator characters, and a joiner after an ASCII letter.
const HOSTILE: &str = "\u{1b}]0;owned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J\u{202E}gpj\u{2066}\u{200B}\u{FEFF}\u{2028}x\u{2029}y\u{200D}z\u{AD}";

/// What must never reach the terminal, listed here rather than taken from the sanitiser.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61C}'
                | '\u{AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Draw and check every cell; returns the screen text.
fn clean_screen(h: &Harness, width: u16, height: u16) -> String {
    let terminal = render(h, width, height);
    let buffer = terminal.backend().buffer();
    for (i, cell) in buffer.content.iter().enumerate() {
        let bad: Vec<String> = cell
            .symbol()
            .chars()
            .filter(|&c| forbidden(c))
            .map(|c| format!("U+{:04X}", u32::from(c)))
            .collect();
        assert!(
            bad.is_empty(),
            "cell ({}, {}) holds {bad:?}:\n{}",
            i % usize::from(width),
            i / usize::from(width),
            terminal.backend()
        );
    }
    terminal.backend().to_string()
}

#[test]
fn a_problem_with_escapes_and_bidi_in_its_title_draws_clean() {
    // TOML strings take control characters as escapes; the rest is written raw.
    let in_toml = common::toml_escaped(HOSTILE);
    let file = format!(
        "id = \"evil\"\ntitle = \"Evil {in_toml} title\"\ndifficulty = \"easy\"\ntags = [\"t{in_toml}\"]\nstatement = \"Design {in_toml} it.\"\n"
    );
    let mut h = Harness::new(Screen::Picker(Menu::default()));
    h.model.catalog.add(
        &format!("mine/evil{HOSTILE}.toml"),
        file.as_bytes(),
        sdcoach::domain::problem::Origin::User,
    );
    h.model.catalog.add(
        &format!("mine/bad{HOSTILE}.toml"),
        b"id = ",
        sdcoach::domain::problem::Origin::User,
    );
    let evil = h
        .model
        .catalog
        .problems()
        .iter()
        .position(|p| p.id == "evil")
        .unwrap_or_else(|| panic!("the problem did not load: {:?}", h.model.catalog.warnings));
    h.model.stack = vec![Screen::Picker(Menu { selected: evil })];
    let text = clean_screen(&h, 120, 40);
    assert!(
        text.contains("Evil ]0;owned]52;c;ZXZpbA==2Jgpj x yz title"),
        "{text}"
    );
    assert!(
        text.contains("Skipped a bad problem file: mine/bad]0;owned"),
        "{text}"
    );

    h.model.stack = vec![Screen::Launcher(Menu::default())];
    let text = clean_screen(&h, 120, 40);
    assert!(text.contains("mine/bad]0;owned"), "{text}");

    h.start("evil");
    let text = clean_screen(&h, 120, 40);
    assert!(text.contains("Evil ]0;owned"), "{text}");
}

#[test]
fn sessions_and_notes_from_files_draw_clean() {
    let hostile = |s: &str| format!("{s} {HOSTILE}");
    let mut h = Harness::new(Screen::Launcher(Menu::default()));
    let mut listed = sample_sessions();
    listed.push(Listed::Ok(header(
        &hostile("2026-11-25-000000-id"),
        &hostile("Title"),
        Status::InProgress,
        3,
    )));
    listed.push(Listed::Unreadable {
        id: hostile("2026-11-24-000000-broken"),
        error: hostile("error"),
    });
    h.act(Action::SessionsLoaded(listed.into()));
    let text = clean_screen(&h, 120, 30);
    assert!(text.contains("Title ]0;owned"), "{text}");
    h.model.stack = vec![Screen::Review(Menu::default())];
    let text = clean_screen(&h, 120, 30);
    assert!(text.contains("Title ]0;owned"), "{text}");

    // A saved session opened for review: its title, notes and questions are file text.
    let mut b = busy_practice();
    let Some(mut t) = b.model.practice().map(|p| p.snapshot(b.clock.0.get())) else {
        panic!("no practice");
    };
    b.ctrl('q');
    t.header.title = hostile("Review");
    t.steps[0].notes = hostile("Notes");
    t.questions
        .push(sdcoach::domain::transcript::QuestionRecord {
            step: Step::Requirements,
            question: hostile("Q"),
            answer: hostile("A"),
            matched: None,
        });
    let mut h = Harness::new(Screen::Review(Menu::default()));
    h.act(Action::Opened {
        id: t.header.id.clone(),
        purpose: Open::Review,
        result: Ok(Box::new(t)),
    });
    let text = clean_screen(&h, 120, 60);
    assert!(text.contains("Review ]0;owned"), "{text}");
    assert!(text.contains("Notes ]0;owned"), "{text}");

    // Notes in the editor are drawn by the text area as they are: the screen is checked
    // cell by cell before it reaches the terminal.
    let mut h = Harness::practice("url-shortener");
    h.type_text(&hostile("typed"));
    let text = clean_screen(&h, 120, 34);
    assert!(text.contains("typed ]0;owned"), "{text}");
}
