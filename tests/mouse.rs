//! The mouse: a click on what the screen shows (a launcher entry, a problem, a step, a
//! calculator tab, a saved session or drill, a scorecard line, a building block) does what
//! choosing it with keys does, and the wheel scrolls. Clicks are crossterm's mouse events
//! aimed at where the text is drawn, so a layout the click does not follow fails here.

mod common;

use common::Harness;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use sdcoach::domain::framework::Step;
use sdcoach::store::Listed;
use sdcoach::tui::action::Action;
use sdcoach::tui::calc_pane::CalcTab;
use sdcoach::tui::model::{Menu, Screen, StepPick};
use sdcoach::tui::runner::to_action;

const W: u16 = 120;
const H: u16 = 40;

/// The cell where `text` is drawn for the `nth` time (from 0), at the model's size.
fn find_nth(h: &Harness, text: &str, nth: usize) -> (u16, u16) {
    let (width, height) = (h.model.size.width, h.model.size.height);
    let screen = h.screen(width, height);
    let found = screen.lines().enumerate().flat_map(|(row, line)| {
        line.match_indices(text).map(move |(at, _)| {
            let column = line[..at].chars().count();
            (
                u16::try_from(column).unwrap_or(0),
                u16::try_from(row).unwrap_or(0),
            )
        })
    });
    let mut found = found.skip(nth);
    match found.next() {
        Some(cell) => cell,
        None => panic!("{text:?} is not on the screen {} times:\n{screen}", nth + 1),
    }
}

fn find(h: &Harness, text: &str) -> (u16, u16) {
    find_nth(h, text, 0)
}

/// The left button pressed at a cell, as the terminal reports it.
fn click_at(h: &mut Harness, column: u16, row: u16) {
    let event = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    if let Some(action) = to_action(&h.model, event) {
        h.act(action);
    }
}

fn click_on(h: &mut Harness, text: &str) {
    let (column, row) = find(h, text);
    click_at(h, column, row);
}

fn resize(h: &mut Harness, width: u16, height: u16) {
    h.act(Action::Resize { width, height });
}

fn sized(first: Screen) -> Harness {
    let mut h = Harness::new(first);
    resize(&mut h, W, H);
    h
}

/// Review's session list holding `n` unreadable files, `broken-00` newest.
fn unreadable(n: usize) -> Vec<Listed> {
    (0..n)
        .map(|i| Listed::Unreadable {
            id: format!("broken-{i:02}"),
            error: "bad".into(),
        })
        .collect()
}

#[test]
fn a_click_on_a_launcher_entry_opens_it() {
    let mut h = sized(Screen::Launcher(Menu::default()));
    click_on(&mut h, "Practise a problem");
    assert!(
        matches!(h.model.screen(), Some(Screen::Picker(_))),
        "the picker is open"
    );
}

#[test]
fn a_click_on_a_problem_starts_it() {
    let mut h = sized(Screen::Picker(Menu::default()));
    click_on(&mut h, "Nearby places search");
    let started = h
        .model
        .practice()
        .map(|p| p.transcript.header.problem_id.clone());
    assert_eq!(started.as_deref(), Some("proximity-search"));
}

#[test]
fn a_click_on_a_step_goes_there_and_on_a_tab_shows_it() {
    let mut h = sized(Screen::Picker(Menu::default()));
    h.start("url-shortener");
    click_on(&mut h, "3 APIs");
    assert_eq!(h.model.practice().map(|p| p.current()), Some(Step::Apis));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('c'));
    click_on(&mut h, "Capacity sheet");
    assert_eq!(
        h.model.practice().and_then(|p| p.calc.tab),
        Some(CalcTab::Sheet)
    );
    // A click on nothing in particular does nothing.
    click_at(&mut h, W - 1, H - 1);
    assert_eq!(h.model.practice().map(|p| p.current()), Some(Step::Apis));
}

#[test]
fn the_wheel_moves_through_lists() {
    let mut h = sized(Screen::Picker(Menu::default()));
    h.act(Action::Wheel { down: true });
    h.act(Action::Wheel { down: true });
    match h.model.screen() {
        Some(Screen::Picker(menu)) => assert_eq!(menu.selected, 2),
        _ => panic!("not the picker"),
    }
    h.act(Action::Wheel { down: false });
    match h.model.screen() {
        Some(Screen::Picker(menu)) => assert_eq!(menu.selected, 1),
        _ => panic!("not the picker"),
    }
}

#[test]
fn a_click_on_a_saved_session_opens_that_one() {
    let mut h = common::two_attempts_review();
    resize(&mut h, W, H);
    let older = match h.model.interview_list().get(1) {
        Some(Listed::Ok(header)) => header.id.clone(),
        other => panic!("no second session: {other:?}"),
    };
    // Both attempts are at the same problem: the second row is the older one.
    let (column, row) = find_nth(&h, "Coached test problem", 1);
    click_at(&mut h, column, row);
    match h.model.screen() {
        Some(Screen::Detail(d)) => assert_eq!(d.transcript.header.id, older),
        _ => panic!("review did not open:\n{}", h.screen(W, H)),
    }
}

#[test]
fn a_click_on_a_scrolled_list_lands_on_the_row_drawn_there() {
    let mut h = sized(Screen::Review(Menu::default()));
    h.act(Action::SessionsLoaded(unreadable(30).into()));
    resize(&mut h, 60, 14);
    h.press(KeyCode::End);
    // The list scrolled to keep the last row in view: the first row shown is the 21st.
    let (column, row) = find(&h, "broken-");
    let (_, first) = find(&h, "broken-20");
    assert_eq!(row, first, "{}", h.screen(60, 14));
    click_at(&mut h, column, row);
    match h.model.screen() {
        Some(Screen::Review(menu)) => assert_eq!(menu.selected, 20),
        _ => panic!("not the list"),
    }
    let flash = h.model.flash.as_ref().map(|f| f.text.clone());
    assert_eq!(flash.as_deref(), Some("broken-20 is unreadable: bad"));
    // The header and the border are no rows.
    let (column, header) = find(&h, "Started");
    click_at(&mut h, column, header);
    click_at(&mut h, column, header - 1);
    match h.model.screen() {
        Some(Screen::Review(menu)) => assert_eq!(menu.selected, 20),
        _ => panic!("not the list"),
    }
}

#[test]
fn a_click_on_a_drill_opens_it() {
    let mut h = sized(Screen::Drills(Menu::default()));
    let drills = (0..3)
        .map(|i| Err((format!("drill-{i}"), "unreadable".to_string())))
        .collect();
    h.act(Action::DrillsLoaded(drills));
    click_on(&mut h, "drill-1");
    let flash = h.model.flash.as_ref().map(|f| f.text.clone());
    assert_eq!(flash.as_deref(), Some("drill-1 is unreadable: unreadable"));
    match h.model.screen() {
        Some(Screen::Drills(menu)) => assert_eq!(menu.selected, 1, "newest first"),
        _ => panic!("not the drills list"),
    }
}

#[test]
fn a_step_drill_is_chosen_with_two_clicks() {
    let mut h = sized(Screen::StepPick(StepPick::default()));
    click_on(&mut h, "3. APIs");
    match h.model.screen() {
        Some(Screen::StepPick(pick)) => assert_eq!(pick.step, Some(Step::Apis)),
        _ => panic!("not the chooser"),
    }
    click_on(&mut h, "Nearby places search");
    let p = h.model.practice().map(|p| {
        (
            p.transcript.header.problem_id.clone(),
            p.transcript.header.step_drill,
        )
    });
    assert_eq!(
        p,
        Some(("proximity-search".to_string(), Some(Step::Apis))),
        "{}",
        h.screen(W, H)
    );
}

#[test]
fn a_click_on_a_scorecard_line_selects_it_and_marks_nothing() {
    let mut h = common::two_attempts_review();
    // Short enough that the session does not fit, so the view can scroll.
    resize(&mut h, W, 20);
    h.press(KeyCode::Enter);
    let detail = |h: &Harness| match h.model.screen() {
        Some(Screen::Detail(d)) => (d.point, d.transcript.scorecard.clone()),
        _ => panic!("not in review:\n{}", h.screen(W, 20)),
    };
    // The coached problem's scorecard: one rubric point ("Scale"), then one estimate.
    let (_, card) = detail(&h);
    let score = card.map(|c| c.score);
    click_on(&mut h, "Writes per second: reference");
    assert_eq!(detail(&h).0, 1);
    // Scrolled down, the lines move up and the click follows them.
    let (_, before) = find(&h, "Scale");
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    let (column, row) = find(&h, "Scale");
    assert_eq!(row + 2, before, "the view scrolled");
    click_at(&mut h, column, row);
    assert_eq!(detail(&h).0, 0);
    // The selection is drawn where the keys draw it, and the score is untouched.
    let buffer = h.buffer(W, 20);
    let style = buffer.cell((column, row)).map(|c| c.modifier);
    assert!(
        style.is_some_and(|m| m.contains(ratatui::style::Modifier::REVERSED)),
        "{style:?}"
    );
    assert_eq!(detail(&h).1.map(|c| c.score), score);
    // A line that is no choice (the estimate's heading line above it) selects nothing.
    let (column, row) = find(&h, "Scorecard:");
    click_at(&mut h, column, row);
    assert_eq!(detail(&h).0, 0);
}

#[test]
fn a_click_on_a_building_block_adds_it() {
    let mut h = sized(Screen::Picker(Menu::default()));
    h.start("url-shortener");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('b'));
    click_on(&mut h, "Rate limiter");
    assert!(h.model.overlay.is_none(), "the palette closed");
    let notes = h.model.practice().map(|p| p.notes()).unwrap_or_default();
    assert!(notes.contains("limiter"), "{notes:?}");
}
