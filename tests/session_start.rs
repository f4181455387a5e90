//! A session opened before the app's first frame (`sdcoach practice ID`) is drawn under
//! the id it asks for and reserved right after that frame: nothing is written before,
//! a window that took the id meanwhile keeps it, and a reservation that fails closes the
//! session with the reason. Its problem may be only what that frame shows of it: the
//! frame is the same as with the whole problem, which the session holds right after.

mod common;

use common::Harness;
use sdcoach::domain::packed_problem::{pack, unpack_front};
use sdcoach::domain::problem::Catalog;
use sdcoach::store::Store;
use sdcoach::store::problems::{BUILTIN, load_catalog};
use sdcoach::tui::action::Action;
use sdcoach::tui::model::{Menu, Screen};

const PROBLEM: &str = "url-shortener";

/// A harness on the picker, as `sdcoach practice ID` starts, with writing held until the
/// first frame and the session opened.
fn opened_before_first_frame() -> (Harness, String) {
    let mut h = Harness::new(Screen::Picker(Menu::default()));
    h.runner.hold_until_first_frame();
    h.start(PROBLEM);
    let asked =
        Store::first_session_id(PROBLEM, h.clock.0.get().wall).unwrap_or_else(|e| panic!("{e:#}"));
    (h, asked)
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn open_id(h: &Harness) -> Option<String> {
    h.model.practice().map(|p| p.transcript.header.id.clone())
}

#[test]
fn nothing_is_written_before_the_first_frame_and_the_session_is_reserved_and_saved_after_it() {
    let (mut h, asked) = opened_before_first_frame();
    assert_eq!(open_id(&h).as_deref(), Some(asked.as_str()));
    assert!(
        h.screen(120, 40).contains("Requirements"),
        "the first frame shows the session"
    );
    let sessions = h.runner.store.sessions_dir();
    assert!(
        !sessions.exists(),
        "nothing written yet: {:?}",
        files_in(&sessions)
    );

    h.runner.first_frame_shown(&mut h.model, &h.clock);
    assert_eq!(open_id(&h).as_deref(), Some(asked.as_str()));
    assert!(sessions.join(format!("{asked}.toml")).exists());
    assert!(
        h.runner.store.held_by(&asked).is_some(),
        "this process holds its lock"
    );
    let p = h.model.practice().unwrap_or_else(|| panic!("no practice"));
    assert!(!p.unreserved);
}

#[test]
fn a_window_that_took_the_id_meanwhile_keeps_it_and_this_session_takes_the_next() {
    let (mut h, asked) = opened_before_first_frame();
    // Another window started the same problem in the same second and got there first.
    let other = Store::new(h.data_dir().to_path_buf());
    let (theirs, _their_lock) = other
        .reserve_session(PROBLEM, h.clock.0.get().wall)
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(theirs, asked);
    let mut their_session = sdcoach::domain::transcript::Transcript::start(
        theirs.clone(),
        h.model
            .catalog
            .get(PROBLEM)
            .unwrap_or_else(|| panic!("no {PROBLEM}")),
        h.clock.0.get().wall,
    );
    their_session.header.title = "theirs".into();
    let their_file = other
        .save(&their_session)
        .unwrap_or_else(|e| panic!("{e:#}"));
    let before = std::fs::read(&their_file).unwrap_or_else(|e| panic!("{e}"));

    h.runner.first_frame_shown(&mut h.model, &h.clock);
    let ours = format!("{asked}-2");
    assert_eq!(open_id(&h).as_deref(), Some(ours.as_str()));
    assert!(h.runner.store.path_of(&ours).exists());
    assert_eq!(
        std::fs::read(&their_file).unwrap_or_else(|e| panic!("{e}")),
        before,
        "the other window's session is untouched"
    );
    // What is typed now is saved to this session's own file.
    h.type_text("users shorten links");
    h.ctrl('s');
    let saved =
        std::fs::read_to_string(h.runner.store.path_of(&ours)).unwrap_or_else(|e| panic!("{e}"));
    assert!(saved.contains("users shorten links"), "{saved}");
    assert_eq!(
        std::fs::read(&their_file).unwrap_or_else(|e| panic!("{e}")),
        before
    );
}

#[test]
fn a_session_that_cannot_be_reserved_is_closed_with_the_reason_and_nothing_is_written() {
    let (mut h, _) = opened_before_first_frame();
    // The sessions folder cannot be made: a file is in its place.
    let sessions = h.runner.store.sessions_dir();
    std::fs::write(&sessions, "not a folder").unwrap_or_else(|e| panic!("{e}"));

    h.runner.first_frame_shown(&mut h.model, &h.clock);
    assert!(h.model.practice().is_none(), "the session is closed");
    let flash = h.model.flash.as_ref().map(|f| f.text.clone());
    assert!(
        flash
            .as_deref()
            .is_some_and(|t| t.starts_with("Could not start a session")),
        "{flash:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&sessions).unwrap_or_else(|e| panic!("{e}")),
        "not a folder"
    );
    assert!(
        h.screen(120, 40).contains("Could not start a session"),
        "{}",
        h.screen(120, 40)
    );
}

/// A harness on the picker whose catalogue holds only the front of built-in `name`, as
/// `sdcoach practice ID` reads it from the cache before the first frame.
fn from_the_front(name: &str, text: &str) -> Harness {
    let whole = sdcoach::domain::problem::parse_problem(
        &format!("problems/{name}"),
        text.as_bytes(),
        sdcoach::domain::problem::Origin::Builtin,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let front = pack(&whole)
        .ok()
        .and_then(|b| unpack_front(&b))
        .unwrap_or_else(|| panic!("{name}: no front"));
    let mut h = Harness::new(Screen::Picker(Menu::default()));
    let mut catalog = Catalog::default();
    catalog.add_parsed(front, text.as_bytes());
    h.model.catalog = catalog;
    h.model.catalog_complete = false;
    h
}

#[test]
fn the_first_frame_from_a_problem_s_front_is_the_whole_problem_s() {
    for (name, text) in BUILTIN {
        let id = name.trim_end_matches(".toml");
        let whole = Harness::practice(id);
        let mut front = from_the_front(name, text);
        front.start(id);
        for (width, height) in [(120, 40), (80, 24), (200, 50)] {
            assert_eq!(
                front.buffer(width, height),
                whole.buffer(width, height),
                "{id} at {width}x{height}"
            );
        }
    }
}

#[test]
fn right_after_the_first_frame_the_session_holds_the_whole_problem() {
    let (name, text) = BUILTIN[0];
    let id = name.trim_end_matches(".toml");
    let mut h = from_the_front(name, text);
    h.start(id);
    let held = |h: &Harness| h.model.practice().and_then(|p| p.problem.clone());
    assert!(
        held(&h).is_some_and(|p| p.clarifications.is_empty()),
        "the front"
    );
    h.act(Action::FirstFrame);
    let whole = load_catalog(&[]);
    assert_eq!(held(&h).as_deref(), whole.get(id));
    assert!(h.model.catalog_complete);
}
