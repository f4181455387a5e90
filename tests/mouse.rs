//! The mouse: a click on what the screen shows (a launcher entry, a problem, a step, a
//! calculator tab) does what choosing it with keys does, and the wheel scrolls. Clicks are
//! aimed at where the text is drawn, so a layout the click does not follow fails here.

mod common;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use sdcoach::domain::framework::Step;
use sdcoach::tui::action::Action;
use sdcoach::tui::calc_pane::CalcTab;
use sdcoach::tui::model::{Menu, Screen};

const W: u16 = 120;
const H: u16 = 40;

/// The cell where `text` is first drawn, at the size the model knows.
fn find(h: &Harness, text: &str) -> (u16, u16) {
    let screen = h.screen(W, H);
    for (row, line) in screen.lines().enumerate() {
        let line = line.trim_start_matches('"');
        if let Some(at) = line.find(text) {
            let column = line[..at].chars().count();
            return (
                u16::try_from(column).unwrap_or(0),
                u16::try_from(row).unwrap_or(0),
            );
        }
    }
    panic!("{text:?} is not on the screen:\n{screen}");
}

fn click_on(h: &mut Harness, text: &str) {
    let (column, row) = find(h, text);
    h.act(Action::Click { column, row });
}

fn sized(first: Screen) -> Harness {
    let mut h = Harness::new(first);
    h.act(Action::Resize {
        width: W,
        height: H,
    });
    h
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
    h.act(Action::Click {
        column: W - 1,
        row: H - 1,
    });
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
