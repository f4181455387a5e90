//! Architecture diagrams from text: typed in a step, drawn in the diagram view, carried
//! into review and every export, and drawn by `sdcoach diagram` from a file or stdin.

mod common;
mod diagram_samples;

use std::process::Command;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use sdcoach::domain::export::markdown;

const BIN: &str = env!("CARGO_BIN_EXE_sdcoach");

/// The architecture step (5) of a fresh session, in its editor.
fn architecture() -> Harness {
    let mut h = Harness::practice("url-shortener");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('5'));
    h.press(KeyCode::Enter);
    h
}

#[test]
fn a_diagram_typed_in_a_step_is_drawn_live_and_exported_as_mermaid() {
    let mut h = architecture();
    h.type_text("Read path:\nclient -> lb -> api\napi -> cache, db\n");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('d'));
    let screen = h.screen(140, 40);
    assert!(screen.contains("Diagram (1)"), "{screen}");
    assert!(screen.contains("cache") && screen.contains('┌'), "{screen}");
    // Typing goes on with the view open, and the drawing follows the notes.
    h.press(KeyCode::Enter);
    h.type_text("api -> queue\n");
    let screen = h.screen(140, 40);
    assert!(
        screen.contains("queue"),
        "not redrawn while typing:\n{screen}"
    );
    // A syntax error keeps the last good drawing and says where.
    h.type_text("```mermaid\nflowchart LR\n  a[unclosed --> b\n```\n");
    let screen = h.screen(140, 40);
    assert!(screen.contains("line 7:4: `[` is not closed"), "{screen}");
    let notes_before = h.model.practice().map(|p| p.notes()).unwrap_or_default();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('d'));
    assert!(!h.screen(140, 40).contains("Diagram ("), "d hides the view");
    assert_eq!(
        h.model.practice().map(|p| p.notes()).unwrap_or_default(),
        notes_before,
        "the view never changes the notes"
    );
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let t = sdcoach::domain::transcript::parse(&h.saved_text()).unwrap_or_else(|e| panic!("{e}"));
    let md = markdown(&t, &jiff::tz::TimeZone::UTC);
    assert!(md.contains("```mermaid\nflowchart LR\n"), "{md}");
    assert!(
        md.contains("client --> lb") || md.contains("client -->"),
        "{md}"
    );
    assert!(md.contains("```text\n"), "{md}");
}

#[test]
fn the_scorecard_judges_the_drawn_structure_and_shows_the_reference_beside_it() {
    let mut h = architecture();
    h.type_text(
        "```mermaid\nflowchart LR\n  u[Browser] --> n[nginx] --> r[Redirect service]\n  \
         r --> c[(Memcached)]\n  u --> m[(MySQL)]\n```\n",
    );
    // Review lays drawings out for the terminal's width when it opens.
    h.act(sdcoach::tui::action::Action::Resize {
        width: 160,
        height: 50,
    });
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let screen = h.screen(160, 300);
    for expected in [
        "✓ Diagram puts a load balancer in front of the app servers",
        "“nginx”",
        "✓ Redirects go from the client through the load balancer to the cache",
        "“Browser → nginx → Redirect service → Memcached”",
        "✗ Clients never talk straight to the database",
        "drawn: “Browser → MySQL”: clients reach the links only through the service",
        "✗ Click events leave the redirect path through a queue to a consumer",
    ] {
        assert!(screen.contains(expected), "{expected}\n{screen}");
    }
    let side_by_side = screen
        .lines()
        .any(|l| l.contains("Diagram 1 (notes line 2)") && l.contains("Reference architecture"));
    assert!(side_by_side, "{screen}");
    assert!(
        screen.contains("│ Key service: │"),
        "the reference is drawn:\n{screen}"
    );

    let t = sdcoach::domain::transcript::parse(&h.saved_text()).unwrap_or_else(|e| panic!("{e}"));
    let md = markdown(&t, &jiff::tz::TimeZone::UTC);
    assert!(
        md.contains("- [ ] Clients never talk straight to the database"),
        "{md}"
    );
    assert!(md.contains("  - drawn: “Browser → MySQL”"), "{md}");
    let reference = md
        .find("**Reference architecture**")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        md[reference..].contains("```mermaid\nflowchart LR\n  client[Browsers and apps]"),
        "{md}"
    );
}

#[test]
fn a_session_that_drew_nothing_is_told_its_structure_was_not_judged() {
    let mut h = architecture();
    h.type_text("Stateless redirect servers behind a load balancer, Redis in front of the DB.");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Char('y'));
    let screen = h.screen(200, 300);
    assert!(screen.contains("No diagram drawn"), "{screen}");
    assert!(!screen.contains("Diagram puts a load balancer"), "{screen}");
    assert!(screen.contains("Reference architecture"), "{screen}");
}

fn diagram_cli(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .arg("diagram")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = std::io::Write::write_all(&mut input, stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_diagram_command_draws_from_stdin_or_a_file_and_points_at_errors() {
    let out = diagram_cli(&[], "client -> lb -> api\napi -> db\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(text.contains("client") && text.contains('┌'), "{text}");
    let ascii = diagram_cli(&["--ascii"], "client -> lb\n");
    let text = String::from_utf8_lossy(&ascii.stdout);
    assert!(text.is_ascii() && text.contains("client"), "{text}");
    let mermaid = diagram_cli(&["--mermaid"], "client -> lb\n");
    assert!(String::from_utf8_lossy(&mermaid.stdout).starts_with("flowchart LR\n"));

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("bad.mmd");
    std::fs::write(&file, "flowchart LR\n  a --> b\n  b[oops --> c\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let path = file.display().to_string();
    let bad = diagram_cli(&[&path], "");
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert!(err.starts_with(&format!("{path}:3:")), "{err}");
    let nothing = diagram_cli(&[], "just prose, no arrows\n");
    assert_eq!(nothing.status.code(), Some(2));
}

#[test]
fn the_palette_adds_a_building_block_in_the_syntax_at_the_cursor() {
    let mut h = architecture();
    h.type_text("client -> lb\n");
    h.ctrl('p');
    for _ in 0..3 {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    let notes = h.model.practice().map(|p| p.notes()).unwrap_or_default();
    assert!(
        notes.contains("lb2: Load balancer"),
        "lb is taken, so a second one: {notes}"
    );
    h.type_text("```mermaid\nflowchart LR\n");
    h.ctrl('p');
    h.press(KeyCode::Enter);
    let notes = h.model.practice().map(|p| p.notes()).unwrap_or_default();
    assert!(notes.contains("client2[\"Client\"]"), "{notes}");
    // Keys type again at once: the palette gives the keyboard back to the notes.
    h.type_text("x");
    assert!(
        h.model
            .practice()
            .map(|p| p.notes())
            .unwrap_or_default()
            .contains('x')
    );
}

/// Two finished attempts at url-shortener, each with a diagram, opened in compare from
/// the launcher's review list.
fn compare_two_drawn_attempts(h: &mut Harness) {
    use sdcoach::tui::model::{LauncherItem, Menu, Screen};
    for notes in ["client -> api -> db\n", "client -> lb -> api -> cache\n"] {
        h.start("url-shortener");
        h.type_text(notes);
        h.advance(std::time::Duration::from_secs(2));
        h.press(KeyCode::Esc);
        h.press(KeyCode::Char('e'));
        h.press(KeyCode::Char('y'));
        h.advance(std::time::Duration::from_secs(60));
    }
    h.model.stack = vec![Screen::Launcher(Menu::default())];
    let list = h.runner.store.list().unwrap_or_default();
    h.act(sdcoach::tui::action::Action::SessionsLoaded(list.into()));
    h.choose(|i| *i == LauncherItem::Review);
    h.press(KeyCode::Char('c'));
}

#[test]
fn comparing_two_attempts_shows_both_diagrams_side_by_side() {
    let mut h = Harness::practice("url-shortener");
    compare_two_drawn_attempts(&mut h);
    let screen = h.screen(160, 40);
    assert_eq!(screen.matches("Diagrams ·").count(), 2, "{screen}");
    assert!(
        screen.contains("│ db │") && screen.contains("│ cache │"),
        "{screen}"
    );
}

/// `n` boxes as a Mermaid flowchart: past the 200 the drawing lays out, or (at 501) past
/// the 500 a diagram may hold.
fn too_big(n: usize) -> String {
    sdcoach::diagram::to_mermaid(&diagram_samples::chain_of(n))
}

#[test]
fn the_diagram_command_says_when_a_diagram_is_too_big_to_draw_whole() {
    let started = std::time::Instant::now();
    let out = diagram_cli(&[], &too_big(250));
    let (text, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{err}");
    assert!(
        text.contains("Service 0") && text.contains("Service 249"),
        "{text}"
    );
    assert!(
        !text.contains('▶'),
        "no edges in a boxes-only drawing:\n{text}"
    );
    assert_eq!(
        err.trim_end(),
        "<stdin>: 250 nodes: drawing stops at 200, so only the boxes are drawn, without \
         edges; the Mermaid export still has them all"
    );
    // ... and it does.
    let mermaid = diagram_cli(&["--mermaid"], &too_big(250));
    let mermaid = String::from_utf8_lossy(&mermaid.stdout);
    assert!(mermaid.contains("n249[\"Service 249\"]"), "{mermaid}");
    assert_eq!(mermaid.matches("-->").count(), 249, "every edge");

    let out = diagram_cli(&[], &too_big(501));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    // The 501st node is defined on line 502, after the header.
    assert!(
        err.starts_with("<stdin>:502:")
            && err.contains("too many nodes: a diagram may have at most 500"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn the_diagram_view_says_first_when_a_diagram_is_too_big_to_draw_whole() {
    let mut h = architecture();
    let notes = format!("Every service we run:\n```mermaid\n{}```\n", too_big(250));
    h.paste(&notes);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('d'));
    let screen = h.screen(200, 50);
    // At the top of the view, before pages of boxes.
    let rows: Vec<&str> = screen.lines().collect();
    let title = rows
        .iter()
        .position(|r| r.contains("Diagram 1 · notes line 3"))
        .unwrap_or_else(|| panic!("{screen}"));
    let below = rows[title + 1..title + 3].join(" ");
    assert!(
        below.contains("250 nodes: drawing stops at 200, so only the boxes are drawn,"),
        "{screen}"
    );
    assert!(below.contains("the Mermaid export"), "{screen}");
    assert!(
        screen.contains("Service 0"),
        "the boxes are drawn:\n{screen}"
    );
    assert!(
        h.model.practice().map(|p| p.notes()) == Some(notes),
        "the notes are untouched"
    );
}

#[test]
fn review_and_compare_draw_diagrams_in_the_charset_the_app_chose() {
    use sdcoach::diagram::Charset;
    let mut h = Harness::practice("url-shortener");
    // As the runner sets it from SDCOACH_ASCII or a locale that is not UTF-8.
    h.model.charset = Charset::Ascii;
    compare_two_drawn_attempts(&mut h);
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("| db |") && screen.contains("| cache |"),
        "{screen}"
    );
    assert!(!screen.contains("│ db │"), "{screen}");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Enter);
    assert!(matches!(
        h.model.screen(),
        Some(sdcoach::tui::model::Screen::Detail(_))
    ));
    let screen = h.screen(160, 200);
    assert!(screen.contains("Diagram 1 (notes line 1)"), "{screen}");
    assert!(screen.contains("| cache |"), "{screen}");
    assert!(!screen.contains("│ cache │"), "{screen}");
}
