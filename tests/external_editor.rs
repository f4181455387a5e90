//! A step's notes in the user's own editor, driven through the runner with a scripted
//! editor in place of a terminal handover: the words come back as an edit undo can take back, the
//! clocks pause only when the config says so, and a failing editor changes nothing.

mod common;

use std::time::Duration;

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use sdcoach::domain::framework::Step;

/// A practice session whose "editor" replaces the file's text with `write(old)`.
fn with_editor(write: fn(&str) -> Result<String, String>) -> Harness {
    let mut h = Harness::practice("url-shortener");
    h.runner.editor = Some(Box::new(move |path: &std::path::Path| {
        let old = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let new = write(&old)?;
        std::fs::write(path, new).map_err(|e| e.to_string())
    }));
    h
}

fn notes(h: &Harness) -> String {
    h.model.practice().map(|p| p.notes()).unwrap_or_default()
}

#[test]
fn the_editors_words_replace_the_notes_undoably_and_are_saved() {
    let mut h = with_editor(|old| Ok(format!("{old}\nfrom the editor\n")));
    h.type_text("typed here");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('o'));
    assert_eq!(
        notes(&h),
        "typed here\nfrom the editor",
        "the file's last newline is dropped"
    );
    h.advance(Duration::from_secs(3));
    assert!(h.saved_text().contains("from the editor"), "saved");
    let file = h.runner.store.editing_path(
        &h.model
            .practice()
            .map(|p| p.transcript.header.id.clone())
            .unwrap_or_default(),
        Step::Requirements,
    );
    assert!(
        !file.exists(),
        "the editor's file goes once its words are saved"
    );
    h.press(KeyCode::Enter);
    // A replacement: undo takes back the editor's text, then brings back what it replaced.
    h.ctrl('z');
    assert_eq!(notes(&h), "");
    h.ctrl('z');
    assert_eq!(notes(&h), "typed here", "undo takes the editor's edit back");
}

#[test]
fn a_failing_editor_leaves_the_notes_alone_and_says_why() {
    let mut h = with_editor(|_| Err("exit status 1".into()));
    h.type_text("kept");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('o'));
    assert_eq!(notes(&h), "kept");
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Your notes are unchanged: exit status 1"),
        "{screen}"
    );
}

#[test]
fn the_clocks_run_on_unless_the_config_pauses_them() {
    let mut h = with_editor(|old| Ok(old.to_string()));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('o'));
    assert!(
        h.model.practice().is_some_and(|p| !p.timers.is_paused()),
        "an interview's clock does not stop"
    );
    let mut paused = with_editor(|old| Ok(old.to_string()));
    paused.model.editor_pauses_clocks = true;
    // The scripted editor returns at once, so the pause is seen on the way: the clocks
    // are running again afterwards, as after a real editor.
    paused.press(KeyCode::Esc);
    paused.press(KeyCode::Char('o'));
    assert!(
        paused
            .model
            .practice()
            .is_some_and(|p| !p.timers.is_paused())
    );
    assert!(
        paused
            .model
            .practice()
            .is_some_and(|p| !p.resume_after_editor)
    );
}
