//! The few keys most used in a session, for `sdcoach --help` and the man page. Each is
//! asked of the built-in key table, so the summary cannot name a key that does something
//! else; the help overlay and `sdcoach config keys` list them all, the user's rebinds
//! applied.

use crate::tui::keymap::{Cmd, Ctx, Keymap};

/// Rows of (keys, what they do). Where a key differs while typing in the notes, that one
/// follows in brackets.
pub fn key_rows() -> Vec<(String, &'static str)> {
    let map = Keymap::default();
    let k = |ctx, cmd| map.keys_for(ctx, cmd);
    // Outside the editor, then (while typing) the editor's key when it is another.
    let both = |cmd| {
        let (outside, typing) = (k(Ctx::Practice, cmd), k(Ctx::Editor, cmd));
        if outside == typing {
            outside
        } else {
            format!("{outside} ({typing})")
        }
    };
    vec![
        (
            format!(
                "{}, {}",
                k(Ctx::Practice, Cmd::EditNotes),
                k(Ctx::Editor, Cmd::LeaveEditor)
            ),
            "edit the step's notes, stop editing",
        ),
        (
            format!(
                "{}, {}, {}-{}",
                k(Ctx::Practice, Cmd::NextStep),
                k(Ctx::Practice, Cmd::PrevStep),
                k(Ctx::Practice, Cmd::Jump(0)),
                k(Ctx::Practice, Cmd::Jump(5))
            ),
            "next step, previous step, jump to a step",
        ),
        (
            both(Cmd::OpenCalc),
            "calculator, capacity sheet and cheat sheets",
        ),
        (both(Cmd::Ask), "ask the interviewer a question"),
        (
            both(Cmd::Hint),
            "reveal the step's next hint (hints are counted)",
        ),
        (
            k(Ctx::Practice, Cmd::ToggleDiagram),
            "show or hide the step's diagrams, drawn",
        ),
        (
            k(Ctx::Practice, Cmd::ExternalEditor),
            "edit the step's notes in your own editor",
        ),
        (
            k(Ctx::Practice, Cmd::TogglePause),
            "pause or resume the clocks",
        ),
        (
            k(Ctx::Practice, Cmd::EndInterview),
            "end the interview and see the scorecard",
        ),
        (
            format!(
                "{} ({})",
                k(Ctx::Practice, Cmd::Back),
                k(Ctx::Global, Cmd::Quit)
            ),
            "save and go back; save and quit",
        ),
        (
            format!(
                "{}, {}",
                k(Ctx::Practice, Cmd::Help),
                k(Ctx::Global, Cmd::Help)
            ),
            "every key for the screen you are on",
        ),
    ]
}

/// [`key_rows`] as a few lines of text with a heading.
pub fn keys_summary() -> String {
    let rows = key_rows();
    let width = rows.iter().map(|(keys, _)| keys.len()).max().unwrap_or(0);
    let mut out = String::from("Keys in a session (in brackets: while typing in the notes):\n");
    for (keys, what) in rows {
        out.push_str(&format!("  {keys:<width$}  {what}\n"));
    }
    out.push_str(
        "Built-in keys shown; `sdcoach config keys` lists every key, your config applied.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_built_in_keys() {
        let text = keys_summary();
        for line in [
            "  i, Esc ",
            "  Tab, Shift-Tab, 1-6 ",
            "  c (Ctrl-L) ",
            "  a (Ctrl-O) ",
            "  h (Ctrl-G) ",
            "  d ",
            "  Space ",
            "  e ",
            "  q (Ctrl-C) ",
            "  ?, F1 ",
        ] {
            assert!(
                text.lines().any(|l| l.starts_with(line)),
                "{line:?} in\n{text}"
            );
        }
        assert!(!text.contains("(no key)"), "{text}");
        // A short summary: a heading, a line a row and a pointer to the rest, each
        // short enough not to wrap in an 80-column terminal.
        assert_eq!(text.lines().count(), key_rows().len() + 2);
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    }
}
