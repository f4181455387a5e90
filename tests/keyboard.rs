//! Who owns the keyboard: keys, typed text and pastes go to the pane that has the focus,
//! help shows that pane's keys, and the hint bar only offers keys that do something.

mod common;

use common::{Harness, coached};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use sdcoach::tui::action::Action;
use sdcoach::tui::model::Screen;

fn estimate_answer(h: &Harness) -> String {
    match h.model.screen() {
        Some(Screen::Estimate(d)) => d.input.lines().join("\n"),
        _ => panic!("not in an estimation drill"),
    }
}

#[test]
fn a_paste_lands_in_the_estimation_drills_answer() {
    let mut h = Harness::new(Screen::Launcher(Default::default()));
    h.act(Action::StartEstimate {
        seed: 7,
        count: 2,
        secs: 90,
    });
    h.paste("12K /s");
    assert_eq!(estimate_answer(&h), "12K /s");
    h.type_text("0");
    assert_eq!(
        estimate_answer(&h),
        "12K /s0",
        "typing goes on after the paste"
    );
}

#[test]
fn a_paste_with_help_open_over_the_ask_box_goes_nowhere() {
    let mut h = coached();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('a'));
    h.key(KeyCode::F(1), KeyModifiers::NONE);
    h.paste("hidden words");
    h.press(KeyCode::Esc);
    let p = h
        .model
        .practice()
        .unwrap_or_else(|| panic!("left practice"));
    let ask = p.ask.as_ref().unwrap_or_else(|| panic!("ask box closed"));
    assert_eq!(
        ask.input.lines().join(""),
        "",
        "the paste reached the hidden ask box"
    );
    assert!(!h.screen(100, 30).contains("hidden words"));
}

/// Help opened over each pane of the practice screen lists that pane's own keys.
#[test]
fn help_shows_the_keys_of_the_pane_that_has_the_focus() {
    let cases: [(&str, &[KeyCode], &str); 4] = [
        ("calculator", &[], "run the expression"),
        ("capacity sheet", &[KeyCode::Tab], "next input"),
        (
            "cheat sheets",
            &[KeyCode::Tab, KeyCode::Tab],
            "close the pane",
        ),
        ("ask box", &[], "ask"),
    ];
    for (pane, tabs, expected) in cases {
        let mut h = coached();
        if pane == "ask box" {
            h.ctrl('o');
        } else {
            h.ctrl('l');
        }
        for &k in tabs {
            h.press(k);
        }
        h.key(KeyCode::F(1), KeyModifiers::NONE);
        let screen = h.screen(120, 60);
        let title = match pane {
            "calculator" => "Calculator",
            "capacity sheet" => "Capacity sheet",
            "cheat sheets" => "Cheat sheets",
            _ => "Asking the interviewer",
        };
        assert!(
            screen.contains(title),
            "help over the {pane} lacks its section:\n{screen}"
        );
        assert!(
            screen.contains(expected),
            "help over the {pane} lacks {expected:?}:\n{screen}"
        );
    }
}

/// What the user can see and what is on disk: a key that does something changes one.
fn observable(h: &Harness) -> (ratatui::buffer::Buffer, Vec<String>, bool, usize) {
    let files = h
        .session_files()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    let size = h.model.size;
    (
        h.buffer(size.width, size.height),
        files,
        h.model.quit,
        h.model.stack.len(),
    )
}

/// Every entry of the hint bar in the state `make` builds: its key reaches its command,
/// and pressing it does what the label says (or at least something visible).
fn walk(name: &str, make: &dyn Fn() -> Harness) {
    use sdcoach::tui::keymap::{Cmd, key_name};
    let h = make();
    let entries = h.model.keymap.hints(h.model.focus(), |c| h.model.offers(c));
    assert!(!entries.is_empty(), "{name}: no hints");
    for hint in entries {
        let mut h = make();
        h.advance(std::time::Duration::from_secs(3));
        let before = observable(&h);
        let ev = ratatui::crossterm::event::KeyEvent::new(hint.key.code, hint.key.mods);
        let action =
            sdcoach::tui::runner::to_action(&h.model, ratatui::crossterm::event::Event::Key(ev));
        let what = format!("{name}: {} {}", key_name(&hint.key), hint.label);
        assert!(
            matches!(action, Some(Action::Cmd(c)) if c == hint.cmd),
            "{what}: the key does not reach its command ({action:?})"
        );
        let focus = h.model.focus();
        let overlay = h.model.overlay.is_some();
        let first = h.model.on_first_screen();
        if let Some(a) = action {
            h.act(a);
        }
        let after = observable(&h);
        // The bar says "quit" for a back that leaves the app (see the status bar).
        let label = if hint.cmd == Cmd::Back && first && hint.label == "back" {
            "quit"
        } else {
            hint.label
        };
        match label {
            "quit" => assert!(h.model.quit, "{what}: did not quit"),
            "help" => assert!(h.model.overlay.is_some(), "{what}: no help"),
            "close" if overlay => assert!(h.model.overlay.is_none(), "{what}: still open"),
            "close" => assert!(h.model.focus() != focus, "{what}: still open"),
            "back" => assert!(after.3 < before.3, "{what}: did not go back"),
            _ => assert!(after != before, "{what}: nothing happened"),
        }
    }
}

fn with(
    setup: impl Fn(&mut Harness) + 'static,
    base: impl Fn() -> Harness + 'static,
) -> impl Fn() -> Harness {
    move || {
        let mut h = base();
        setup(&mut h);
        h
    }
}

#[test]
fn every_hint_on_every_screen_does_what_it_says() {
    use sdcoach::tui::model::{LauncherItem, Menu};
    let launcher = || Harness::new(Screen::Launcher(Menu::default()));
    walk("launcher", &launcher);
    walk("picker", &|| Harness::new(Screen::Picker(Menu::default())));
    walk(
        "step picker",
        &with(|h| h.choose(|i| *i == LauncherItem::StepDrill), launcher),
    );
    walk("editor", &coached);
    walk("building blocks", &with(|h| h.ctrl('p'), coached));
    walk(
        "diagram view",
        &with(
            |h| {
                h.type_text("client -> lb -> api\n");
                h.press(KeyCode::Esc);
                h.press(KeyCode::Char('d'));
            },
            coached,
        ),
    );
    walk("practice", &with(|h| h.press(KeyCode::Esc), coached));
    walk(
        "paused",
        &with(
            |h| {
                h.press(KeyCode::Esc);
                h.press(KeyCode::Char(' '));
            },
            coached,
        ),
    );
    walk(
        "ask box",
        &with(
            |h| {
                h.ctrl('o');
                h.type_text("how many users?");
            },
            coached,
        ),
    );
    walk(
        "calculator",
        &with(
            |h| {
                h.ctrl('l');
                h.type_text("2 + 2\n3");
            },
            coached,
        ),
    );
    walk(
        "capacity sheet",
        &with(
            |h| {
                h.ctrl('l');
                h.press(KeyCode::Tab);
            },
            coached,
        ),
    );
    walk(
        "cheat sheets",
        &with(
            |h| {
                h.ctrl('l');
                h.press(KeyCode::Tab);
                h.press(KeyCode::Tab);
            },
            coached,
        ),
    );
    walk(
        "confirm end",
        &with(
            |h| {
                h.press(KeyCode::Esc);
                h.press(KeyCode::Char('e'));
            },
            coached,
        ),
    );
    walk(
        "help",
        &with(|h| h.key(KeyCode::F(1), KeyModifiers::NONE), coached),
    );
    let review = with(
        |h| h.choose(|i| *i == LauncherItem::Review),
        common::two_attempts,
    );
    walk("review", &review);
    walk(
        "drills",
        &with(|h| h.press(KeyCode::Tab), common::two_attempts_review),
    );
    // In a short window, so that there is something to scroll.
    walk(
        "scorecard",
        &with(
            |h| {
                h.press(KeyCode::Enter);
                h.act(Action::Resize {
                    width: 80,
                    height: 20,
                });
            },
            common::two_attempts_review,
        ),
    );
    walk(
        "compare",
        &with(|h| h.press(KeyCode::Char('c')), common::two_attempts_review),
    );
    walk(
        "progress",
        &with(
            |h| h.choose(|i| *i == LauncherItem::Progress),
            common::two_attempts,
        ),
    );
    let cards = with(|h| h.choose(|i| *i == LauncherItem::Cards), launcher);
    walk("cards", &cards);
    walk("card answer", &with(|h| h.press(KeyCode::Char(' ')), cards));
    let estimate = || {
        let mut h = Harness::new(Screen::Launcher(Menu::default()));
        h.act(Action::StartEstimate {
            seed: 7,
            count: 2,
            secs: 90,
        });
        h.type_text("12K /s");
        h
    };
    walk("estimate", &estimate);
    walk(
        "estimate feedback",
        &with(|h| h.press(KeyCode::Enter), estimate),
    );
}

/// Leaving the ask box puts the keyboard back where it was, and says so on screen.
#[test]
fn after_the_ask_box_the_screen_shows_whether_keys_type() {
    let mut h = coached();
    h.ctrl('o');
    h.press(KeyCode::Esc);
    assert!(
        h.screen(100, 30).contains("typing"),
        "{}",
        h.screen(100, 30)
    );
    h.type_text("h");
    let notes = h
        .model
        .practice()
        .and_then(|p| p.editor())
        .map(|e| e.lines().join(""));
    assert_eq!(notes.as_deref(), Some("h"));
    let mut h = coached();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Esc);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("i to type") && !screen.contains("typing ·"),
        "{screen}"
    );
}

/// A message does not stay over the hint bar once the next key is pressed.
#[test]
fn a_message_gives_the_hint_bar_back_at_the_next_key() {
    let mut h = coached();
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('h'));
    assert!(
        h.model.flash.is_some(),
        "the hint press says where the hint is"
    );
    h.press(KeyCode::Char('j'));
    assert!(h.model.flash.is_none());
    assert!(h.screen(120, 30).contains("? help"));
}

/// The string literals of a Rust source, outside comments and test modules.
fn literals(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            // A char literal ('"', '\n') or a lifetime ('a): never a string's start.
            '\'' => {
                let ahead: Vec<char> = chars.clone().take(3).collect();
                if ahead.first() == Some(&'\\') {
                    chars.next();
                    chars.next();
                } else if ahead.get(1) == Some(&'\'') {
                    chars.next();
                }
            }
            '"' => {
                let mut lit = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => lit.push(c),
                    }
                }
                out.push(lit);
            }
            _ => {}
        }
    }
    out
}

/// What in `text` names a key, if anything.
fn names_a_key(text: &str) -> Option<String> {
    const KEYS: [&str; 11] = [
        "Ctrl", "Esc", "Enter", "Tab", "Shift", "F1", "Space", "PgUp", "PgDn", "↑", "↓",
    ];
    // Units (`/s`) and format placeholders (`{n}`) are not words.
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_start_matches(['(', '[']))
        .filter(|t| !t.starts_with('/') && !t.starts_with('{'))
        .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || matches!(c, '?' | '↑' | '↓'))))
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(k) = words.iter().find(|w| KEYS.contains(w)) {
        return Some((*k).to_string());
    }
    // "press e", "q goes back", "i or Enter".
    words.windows(2).find_map(|w| {
        let single = |s: &str| s.chars().count() == 1 && s != "a" && s != "I";
        let key_like = (w[0] == "press" && single(w[1]))
            || (single(w[0]) && matches!(w[1], "goes" | "closes" | "to" | "or" | "quits"));
        key_like.then(|| w.join(" "))
    })
}

/// Every text the interface shows that names a key asks the key table, so it names the
/// key that works; only the table itself spells keys out.
#[test]
fn no_screen_text_names_a_key_by_hand() {
    assert_eq!(names_a_key("Esc closes").as_deref(), Some("Esc"));
    assert_eq!(
        names_a_key("then press e to end").as_deref(),
        Some("press e")
    );
    assert_eq!(
        names_a_key("The schedule is saved; q goes back.").as_deref(),
        Some("q goes")
    );
    assert_eq!(names_a_key("{} goes back"), None);
    let mut found = Vec::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/tui");
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("keymap.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            for lit in literals(&source) {
                if let Some(key) = names_a_key(&lit) {
                    found.push(format!("{}: {lit:?} names {key}", path.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "ask Keymap::keys_for instead:\n{}",
        found.join("\n")
    );
}
