//! The one table of keys. Dispatch, the help overlay and the hint bar all read it, so what
//! the screen says a key does is what it does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key is pressed. Lookups try the active context, then [`Ctx::Global`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere, even while typing.
    Global,
    /// Typing in a step's notes; unbound keys edit the text.
    Editor,
    /// The practice screen outside the editor.
    Practice,
    /// The practice screen while paused.
    Paused,
    /// Launcher, problem picker and session list.
    List,
    /// Reading one saved session.
    Detail,
    /// The calculator tab of the practice screen; unbound keys edit its input line.
    Calc,
    /// The capacity sheet tab; unbound keys edit the selected input.
    Sheet,
    /// The cheat sheets tab.
    Cheats,
    /// The ask-the-interviewer box; unbound keys edit the question.
    Ask,
    /// Read-only summaries: comparing attempts, progress.
    Summary,
    /// Reviewing concept cards.
    Cards,
    /// Answering an estimation drill; unbound keys edit the answer.
    Estimate,
    /// The help overlay.
    Help,
    /// A yes/no question.
    Confirm,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Global => "Anywhere",
            Ctx::Editor => "Editing notes",
            Ctx::Practice => "Practice (outside the editor)",
            Ctx::Paused => "Paused",
            Ctx::List => "Lists",
            Ctx::Detail => "Reading a session",
            Ctx::Calc => "Calculator",
            Ctx::Sheet => "Capacity sheet",
            Ctx::Cheats => "Cheat sheets",
            Ctx::Ask => "Asking the interviewer",
            Ctx::Summary => "Comparison and progress",
            Ctx::Cards => "Concept cards",
            Ctx::Estimate => "Estimation drill",
            Ctx::Help => "Help",
            Ctx::Confirm => "Questions",
        }
    }
}

/// Everything a key can ask for. Data-free so the table can be a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    Help,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Select,
    EditNotes,
    LeaveEditor,
    NextStep,
    PrevStep,
    /// Jump to step N (0-based).
    Jump(u8),
    TogglePause,
    InsertTemplate,
    Undo,
    Redo,
    SaveNow,
    EndInterview,
    ResumeSession,
    OpenCalc,
    CloseCalc,
    NextTab,
    PrevTab,
    /// Put the latest calculator result (or the sheet's figures) into the notes.
    InsertResult,
    /// Open the box to ask the interviewer a clarifying question.
    Ask,
    /// Reveal the current step's next hint.
    Hint,
    /// Mark the selected rubric point covered or not, by hand.
    TogglePoint,
    /// Compare the selected session with the previous attempt at its problem.
    Compare,
    /// Show the answer of the current card.
    Reveal,
    /// Grade the current card: 0 again, 1 hard, 2 good, 3 easy.
    GradeCard(u8),
    Yes,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn plain(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub cmd: Cmd,
    /// What the help overlay says; empty hides the row (its keys are covered by another).
    pub help: &'static str,
    /// Shown in the one-line hint bar too, with this short label.
    pub hint: Option<&'static str>,
    /// Overrides the generated key names in help (e.g. "1-6").
    pub label: Option<&'static str>,
}

const fn b(ctx: Ctx, keys: &'static [Key], cmd: Cmd, help: &'static str) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        help,
        hint: None,
        label: None,
    }
}

const fn hinted(
    ctx: Ctx,
    keys: &'static [Key],
    cmd: Cmd,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        help,
        hint: Some(hint),
        label: None,
    }
}

const DIGITS: [[Key; 1]; 6] = [
    [plain('1')],
    [plain('2')],
    [plain('3')],
    [plain('4')],
    [plain('5')],
    [plain('6')],
];

const fn jump(n: u8) -> Binding {
    Binding {
        ctx: Ctx::Practice,
        keys: &DIGITS[n as usize],
        cmd: Cmd::Jump(n),
        help: if n == 0 { "jump to step 1-6" } else { "" },
        hint: None,
        label: if n == 0 { Some("1-6") } else { None },
    }
}

use Ctx::*;

/// The keymap. Order matters only for display.
pub static BINDINGS: &[Binding] = &[
    hinted(
        Global,
        &[ctrl('c'), ctrl('q')],
        Cmd::Quit,
        "save and quit",
        "quit",
    ),
    hinted(Global, &[code(KeyCode::F(1))], Cmd::Help, "help", "help"),
    // Editor
    hinted(
        Editor,
        &[code(KeyCode::Esc)],
        Cmd::LeaveEditor,
        "stop editing (then Tab/1-6 change step)",
        "leave editor",
    ),
    hinted(
        Editor,
        &[ctrl('t')],
        Cmd::InsertTemplate,
        "insert this step's starter template",
        "template",
    ),
    hinted(
        Editor,
        &[ctrl('s')],
        Cmd::SaveNow,
        "save now (autosave runs anyway)",
        "save",
    ),
    b(Editor, &[ctrl('z'), ctrl('u')], Cmd::Undo, "undo"),
    b(Editor, &[ctrl('r')], Cmd::Redo, "redo"),
    hinted(
        Editor,
        &[ctrl('l')],
        Cmd::OpenCalc,
        "open the calculator",
        "calc",
    ),
    // Practice, outside the editor
    hinted(
        Practice,
        &[plain('i'), code(KeyCode::Enter)],
        Cmd::EditNotes,
        "edit this step's notes",
        "edit",
    ),
    hinted(
        Practice,
        &[code(KeyCode::Tab)],
        Cmd::NextStep,
        "next step",
        "next",
    ),
    hinted(
        Practice,
        &[code(KeyCode::BackTab)],
        Cmd::PrevStep,
        "previous step",
        "prev",
    ),
    jump(0),
    jump(1),
    jump(2),
    jump(3),
    jump(4),
    jump(5),
    hinted(
        Practice,
        &[plain(' ')],
        Cmd::TogglePause,
        "pause / resume all clocks",
        "pause",
    ),
    b(
        Practice,
        &[plain('t')],
        Cmd::InsertTemplate,
        "insert this step's starter template",
    ),
    hinted(
        Practice,
        &[plain('c')],
        Cmd::OpenCalc,
        "open the calculator, capacity sheet and cheat sheets",
        "calc",
    ),
    b(Practice, &[plain('s')], Cmd::SaveNow, "save now"),
    b(
        Practice,
        &[code(KeyCode::PageDown), plain('j')],
        Cmd::PageDown,
        "scroll the guidance down",
    ),
    b(
        Practice,
        &[code(KeyCode::PageUp), plain('k')],
        Cmd::PageUp,
        "scroll the guidance up",
    ),
    hinted(
        Practice,
        &[plain('e')],
        Cmd::EndInterview,
        "end the interview (marks it complete)",
        "end",
    ),
    hinted(Practice, &[plain('?')], Cmd::Help, "help", "help"),
    hinted(Practice, &[plain('q')], Cmd::Back, "save and quit", "quit"),
    // Paused
    hinted(Paused, &[plain(' ')], Cmd::TogglePause, "resume", "resume"),
    b(Paused, &[plain('?')], Cmd::Help, "help"),
    hinted(Paused, &[plain('q')], Cmd::Back, "save and quit", "quit"),
    // Lists
    b(List, &[code(KeyCode::Up), plain('k')], Cmd::Up, "move up"),
    b(
        List,
        &[code(KeyCode::Down), plain('j')],
        Cmd::Down,
        "move down",
    ),
    b(List, &[code(KeyCode::Home), plain('g')], Cmd::Top, "first"),
    b(List, &[code(KeyCode::End), plain('G')], Cmd::Bottom, "last"),
    hinted(
        List,
        &[code(KeyCode::Enter)],
        Cmd::Select,
        "open / choose",
        "open",
    ),
    hinted(List, &[plain('?')], Cmd::Help, "help", "help"),
    hinted(
        List,
        &[plain('q'), code(KeyCode::Esc)],
        Cmd::Back,
        "back (quit from the launcher)",
        "back",
    ),
    // Detail
    hinted(
        Detail,
        &[code(KeyCode::Down), plain('j')],
        Cmd::Down,
        "scroll down",
        "scroll",
    ),
    b(
        Detail,
        &[code(KeyCode::Up), plain('k')],
        Cmd::Up,
        "scroll up",
    ),
    b(
        Detail,
        &[code(KeyCode::PageDown), plain(' ')],
        Cmd::PageDown,
        "page down",
    ),
    b(Detail, &[code(KeyCode::PageUp)], Cmd::PageUp, "page up"),
    b(Detail, &[code(KeyCode::Home), plain('g')], Cmd::Top, "top"),
    b(
        Detail,
        &[code(KeyCode::End), plain('G')],
        Cmd::Bottom,
        "bottom",
    ),
    hinted(
        Detail,
        &[plain('r')],
        Cmd::ResumeSession,
        "resume this session (if unfinished)",
        "resume",
    ),
    hinted(Detail, &[plain('?')], Cmd::Help, "help", "help"),
    hinted(
        Detail,
        &[plain('q'), code(KeyCode::Esc)],
        Cmd::Back,
        "back",
        "back",
    ),
    hinted(
        Editor,
        &[ctrl('o')],
        Cmd::Ask,
        "ask the interviewer a question",
        "ask",
    ),
    b(
        Editor,
        &[ctrl('g')],
        Cmd::Hint,
        "reveal the next hint for this step (hints are counted)",
    ),
    hinted(
        Practice,
        &[plain('a')],
        Cmd::Ask,
        "ask the interviewer a question",
        "ask",
    ),
    b(
        Practice,
        &[plain('h')],
        Cmd::Hint,
        "reveal the next hint for this step (hints are counted)",
    ),
    hinted(Ask, &[code(KeyCode::Enter)], Cmd::Select, "ask", "ask"),
    hinted(Ask, &[code(KeyCode::Esc)], Cmd::Back, "close", "close"),
    // Calculator pane
    hinted(
        Calc,
        &[code(KeyCode::Enter)],
        Cmd::Select,
        "run the expression",
        "run",
    ),
    hinted(
        Calc,
        &[ctrl('n')],
        Cmd::InsertResult,
        "insert the last result into the notes",
        "to notes",
    ),
    b(
        Calc,
        &[code(KeyCode::Up)],
        Cmd::Up,
        "recall an earlier expression",
    ),
    b(
        Calc,
        &[code(KeyCode::Down)],
        Cmd::Down,
        "recall a later expression",
    ),
    hinted(
        Calc,
        &[code(KeyCode::Tab)],
        Cmd::NextTab,
        "next tab (capacity sheet, cheat sheets)",
        "tab",
    ),
    b(
        Calc,
        &[code(KeyCode::BackTab)],
        Cmd::PrevTab,
        "previous tab",
    ),
    hinted(
        Calc,
        &[code(KeyCode::Esc)],
        Cmd::CloseCalc,
        "close the pane",
        "close",
    ),
    b(Sheet, &[code(KeyCode::Up)], Cmd::Up, "previous input"),
    b(
        Sheet,
        &[code(KeyCode::Down), code(KeyCode::Enter)],
        Cmd::Down,
        "next input",
    ),
    hinted(
        Sheet,
        &[ctrl('n')],
        Cmd::InsertResult,
        "insert every figure into the notes",
        "to notes",
    ),
    hinted(
        Sheet,
        &[code(KeyCode::Tab)],
        Cmd::NextTab,
        "next tab",
        "tab",
    ),
    b(
        Sheet,
        &[code(KeyCode::BackTab)],
        Cmd::PrevTab,
        "previous tab",
    ),
    hinted(
        Sheet,
        &[code(KeyCode::Esc)],
        Cmd::CloseCalc,
        "close the pane",
        "close",
    ),
    hinted(
        Cheats,
        &[code(KeyCode::Down), plain('j')],
        Cmd::Down,
        "scroll down",
        "scroll",
    ),
    b(
        Cheats,
        &[code(KeyCode::Up), plain('k')],
        Cmd::Up,
        "scroll up",
    ),
    b(
        Cheats,
        &[code(KeyCode::PageDown), plain(' ')],
        Cmd::PageDown,
        "page down",
    ),
    b(Cheats, &[code(KeyCode::PageUp)], Cmd::PageUp, "page up"),
    hinted(
        Cheats,
        &[code(KeyCode::Tab)],
        Cmd::NextTab,
        "next tab",
        "tab",
    ),
    b(
        Cheats,
        &[code(KeyCode::BackTab)],
        Cmd::PrevTab,
        "previous tab",
    ),
    hinted(
        Cheats,
        &[code(KeyCode::Esc), plain('q')],
        Cmd::CloseCalc,
        "close the pane",
        "close",
    ),
    b(
        Detail,
        &[code(KeyCode::Tab)],
        Cmd::NextTab,
        "select the next rubric point on the scorecard",
    ),
    b(
        Detail,
        &[code(KeyCode::BackTab)],
        Cmd::PrevTab,
        "select the previous rubric point",
    ),
    hinted(
        Detail,
        &[plain('x')],
        Cmd::TogglePoint,
        "mark the selected point covered / not covered",
        "toggle point",
    ),
    hinted(
        Cards,
        &[plain(' '), code(KeyCode::Enter)],
        Cmd::Reveal,
        "show the answer",
        "answer",
    ),
    hinted(
        Cards,
        &[plain('1')],
        Cmd::GradeCard(0),
        "grade: again (forgot it)",
        "again",
    ),
    hinted(
        Cards,
        &[plain('2')],
        Cmd::GradeCard(1),
        "grade: hard",
        "hard",
    ),
    hinted(
        Cards,
        &[plain('3')],
        Cmd::GradeCard(2),
        "grade: good",
        "good",
    ),
    hinted(
        Cards,
        &[plain('4')],
        Cmd::GradeCard(3),
        "grade: easy",
        "easy",
    ),
    hinted(
        Cards,
        &[plain('q'), code(KeyCode::Esc)],
        Cmd::Back,
        "stop (grades so far are kept)",
        "stop",
    ),
    hinted(
        Estimate,
        &[code(KeyCode::Enter)],
        Cmd::Select,
        "answer (then Enter again for the next question)",
        "answer",
    ),
    hinted(
        Estimate,
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "stop (answers so far are saved)",
        "stop",
    ),
    hinted(Summary, &[plain('?')], Cmd::Help, "help", "help"),
    hinted(
        Summary,
        &[plain('q'), code(KeyCode::Esc)],
        Cmd::Back,
        "back",
        "back",
    ),
    b(
        List,
        &[code(KeyCode::Tab)],
        Cmd::NextTab,
        "review: switch between sessions and drills",
    ),
    b(
        List,
        &[plain('c')],
        Cmd::Compare,
        "compare with the previous attempt at the same problem (sessions, step drills)",
    ),
    // Overlays
    hinted(
        Help,
        &[
            code(KeyCode::Esc),
            plain('q'),
            plain('?'),
            code(KeyCode::F(1)),
        ],
        Cmd::Back,
        "close help",
        "close",
    ),
    b(
        Help,
        &[code(KeyCode::Down), plain('j')],
        Cmd::Down,
        "scroll down",
    ),
    b(Help, &[code(KeyCode::Up), plain('k')], Cmd::Up, "scroll up"),
    hinted(
        Confirm,
        &[plain('y'), code(KeyCode::Enter)],
        Cmd::Yes,
        "yes",
        "yes",
    ),
    hinted(
        Confirm,
        &[plain('n'), code(KeyCode::Esc)],
        Cmd::No,
        "no",
        "no",
    ),
];

/// Shift is part of the character for letters and implied by BackTab; ignore it there so
/// `G` and Shift-Tab match however the terminal reports them.
fn normalize(ev: &KeyEvent) -> Key {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    let code = match ev.code {
        // Ctrl+letter may arrive upper-case when Shift or Caps Lock is on.
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    Key { code, mods }
}

/// The command for a key in `ctx`, falling back to global keys.
pub fn lookup(ctx: Ctx, ev: &KeyEvent) -> Option<Cmd> {
    let key = normalize(ev);
    let find = |c: Ctx| {
        BINDINGS
            .iter()
            .find(|b| b.ctx == c && b.keys.contains(&key))
            .map(|b| b.cmd)
    };
    find(ctx).or_else(|| find(Global))
}

/// How a key is written in help: `Ctrl-C`, `Shift-Tab`, `Space`, `F1`.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

pub fn keys_label(binding: &Binding) -> String {
    binding.label.map_or_else(
        || {
            binding
                .keys
                .iter()
                .map(key_name)
                .collect::<Vec<_>>()
                .join(" / ")
        },
        String::from,
    )
}

/// Help rows for the given contexts: (context title, [(keys, what)]).
pub fn help_sections(ctxs: &[Ctx]) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    ctxs.iter()
        .map(|&ctx| {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.ctx == ctx && !b.help.is_empty())
                .map(|b| (keys_label(b), b.help))
                .collect();
            (ctx.title(), rows)
        })
        .collect()
}

/// The hint bar for a context: its hinted bindings, then the global ones not shadowed.
pub fn hints(ctx: Ctx, hide: &[Cmd]) -> Vec<(String, &'static str)> {
    let own: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.ctx == ctx && b.hint.is_some() && !hide.contains(&b.cmd))
        .collect();
    // Where a plain key already saves and quits, Ctrl-C needs no hint of its own.
    let has_back = own.iter().any(|o| o.cmd == Cmd::Back);
    let global: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.ctx == Global && b.hint.is_some())
        .filter(|g| !own.iter().any(|o| o.cmd == g.cmd))
        .filter(|g| !(has_back && g.cmd == Cmd::Quit))
        .collect();
    own.into_iter()
        .chain(global)
        .map(|b| {
            let first = b.keys.first().map(key_name).unwrap_or_default();
            (first, b.hint.unwrap_or_default())
        })
        .collect()
}

/// The keys table for the README, generated so docs and dispatch cannot drift apart
/// (a test checks the README contains it).
pub fn markdown_table() -> String {
    let mut out = String::new();
    for (title, rows) in help_sections(&[
        Ctx::Global,
        Ctx::Editor,
        Ctx::Practice,
        Ctx::Paused,
        Ctx::Ask,
        Ctx::Calc,
        Ctx::Sheet,
        Ctx::Cheats,
        Ctx::List,
        Ctx::Detail,
        Ctx::Summary,
        Ctx::Cards,
        Ctx::Estimate,
    ]) {
        out.push_str(&format!("**{title}**\n\n| Keys | Action |\n|---|---|\n"));
        for (keys, what) in rows {
            out.push_str(&format!("| `{keys}` | {what} |\n"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || a.ctx != b.ctx {
                    continue;
                }
                for k in a.keys {
                    assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.ctx);
                }
            }
        }
    }

    #[test]
    fn the_keys_the_issue_names_do_what_it_says() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            lookup(Ctx::Editor, &ev(KeyCode::Esc, none)),
            Some(Cmd::LeaveEditor)
        );
        assert_eq!(
            lookup(Ctx::Editor, &ev(KeyCode::Char('q'), none)),
            None,
            "q types in the editor"
        );
        assert_eq!(
            lookup(Ctx::Editor, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Cmd::Quit)
        );
        assert_eq!(
            lookup(
                Ctx::Editor,
                &ev(
                    KeyCode::Char('Q'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT
                )
            ),
            Some(Cmd::Quit)
        );
        assert_eq!(
            lookup(Ctx::Editor, &ev(KeyCode::F(1), none)),
            Some(Cmd::Help)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Char('i'), none)),
            Some(Cmd::EditNotes)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Enter, none)),
            Some(Cmd::EditNotes)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Tab, none)),
            Some(Cmd::NextStep)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Cmd::PrevStep)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Char('4'), none)),
            Some(Cmd::Jump(3))
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Char(' '), none)),
            Some(Cmd::TogglePause)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Char('?'), none)),
            Some(Cmd::Help)
        );
        assert_eq!(
            lookup(Ctx::Practice, &ev(KeyCode::Char('q'), none)),
            Some(Cmd::Back)
        );
        assert_eq!(
            lookup(Ctx::List, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Cmd::Bottom)
        );
    }

    #[test]
    fn help_lists_every_bound_context_with_readable_names() {
        let sections = help_sections(&[Ctx::Practice, Ctx::Global]);
        let practice = &sections[0].1;
        assert!(practice.contains(&("i / Enter".to_string(), "edit this step's notes")));
        assert!(practice.contains(&("1-6".to_string(), "jump to step 1-6")));
        assert!(practice.contains(&("Shift-Tab".to_string(), "previous step")));
        assert!(
            sections[1]
                .1
                .contains(&("Ctrl-C / Ctrl-Q".to_string(), "save and quit"))
        );
        let hints = hints(Ctx::Editor, &[]);
        assert_eq!(hints.first(), Some(&("Esc".to_string(), "leave editor")));
        assert!(hints.iter().any(|(k, _)| k == "F1"));
    }
}
