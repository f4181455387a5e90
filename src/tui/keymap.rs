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
    /// Choosing a building block for a diagram.
    Palette,
    /// A yes/no question.
    Confirm,
}

impl Ctx {
    /// Whether keys the table does not bind (and pastes) are text for this context.
    pub fn typing(self) -> bool {
        matches!(
            self,
            Ctx::Editor | Ctx::Calc | Ctx::Sheet | Ctx::Ask | Ctx::Estimate
        )
    }

    /// The help sections that apply while this context has the keyboard, its own first.
    pub fn help(self) -> &'static [Ctx] {
        match self {
            Ctx::Editor => &[Ctx::Editor, Ctx::Practice, Ctx::Global],
            Ctx::Practice | Ctx::Paused => &[Ctx::Practice, Ctx::Paused, Ctx::Editor, Ctx::Global],
            Ctx::Ask => &[Ctx::Ask, Ctx::Global],
            Ctx::Calc => &[Ctx::Calc, Ctx::Global],
            Ctx::Sheet => &[Ctx::Sheet, Ctx::Global],
            Ctx::Cheats => &[Ctx::Cheats, Ctx::Global],
            Ctx::Detail => &[Ctx::Detail, Ctx::Global],
            Ctx::Summary => &[Ctx::Summary, Ctx::Global],
            Ctx::Cards => &[Ctx::Cards, Ctx::Global],
            Ctx::Estimate => &[Ctx::Estimate, Ctx::Global],
            Ctx::Palette => &[Ctx::Palette, Ctx::Global],
            Ctx::List | Ctx::Global | Ctx::Help | Ctx::Confirm => &[Ctx::List, Ctx::Global],
        }
    }

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
            Ctx::Palette => "Building blocks",
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
    /// Open entry N of a list (0-based).
    Pick(u8),
    /// Show or hide the drawing of the step's diagrams.
    ToggleDiagram,
    /// Pick a building block (client, cache, ...) to add to the step's diagram.
    Palette,
    ScrollLeft,
    ScrollRight,
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

const fn f(n: u8) -> Key {
    code(KeyCode::F(n))
}

const ESC: Key = code(KeyCode::Esc);
const ENTER: Key = code(KeyCode::Enter);
const TAB: Key = code(KeyCode::Tab);
const BACKTAB: Key = code(KeyCode::BackTab);
const UP: Key = code(KeyCode::Up);
const DOWN: Key = code(KeyCode::Down);
const PGUP: Key = code(KeyCode::PageUp);
const PGDN: Key = code(KeyCode::PageDown);
const HOME: Key = code(KeyCode::Home);
const END: Key = code(KeyCode::End);

/// The table, one block per context and one line per binding:
/// `[keys] => command, "help text"` then optionally `, hint "label"` (shown in the hint
/// bar) and `, label "1-6"` (how help names the keys). Empty help hides a row whose keys
/// another row already describes.
macro_rules! keymap {
    ($( $ctx:ident { $( [$($key:expr),+] => $cmd:expr, $help:literal
        $(, hint $hint:literal)? $(, label $label:literal)? ; )* } )*) => {
        &[ $( $( Binding {
            ctx: Ctx::$ctx,
            keys: &[$($key),+],
            cmd: $cmd,
            help: $help,
            hint: keymap!(@opt $($hint)?),
            label: keymap!(@opt $($label)?),
        }, )* )* ]
    };
    (@opt) => { None };
    (@opt $v:literal) => { Some($v) };
}

use Cmd::*;

/// The keymap. Order matters only for display.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = keymap! {
    Global {
        [ctrl('c'), ctrl('q')] => Quit, "save and quit", hint "quit";
        [f(1)] => Help, "help", hint "help";
    }
    Editor {
        [ESC] => LeaveEditor, "stop editing (then Tab and 1-6 change step)", hint "leave editor";
        [ctrl('t')] => InsertTemplate, "insert this step's starter template", hint "template";
        [ctrl('s')] => SaveNow, "save now (autosave runs anyway)", hint "save";
        [ctrl('z'), ctrl('u')] => Undo, "undo";
        [ctrl('r')] => Redo, "redo";
        [ctrl('l')] => OpenCalc, "open the calculator", hint "calc";
        [ctrl('o')] => Ask, "ask the interviewer a question", hint "ask";
        [ctrl('g')] => Hint, "reveal the next hint for this step (hints are counted)", hint "hint";
        [ctrl('p')] => Palette, "add a building block (client, load balancer, cache, ...) to the diagram";
    }
    Practice {
        [plain('i'), ENTER] => EditNotes, "edit this step's notes", hint "edit";
        [TAB] => NextStep, "next step", hint "next";
        [BACKTAB] => PrevStep, "previous step", hint "prev";
        [plain('1')] => Jump(0), "jump to step 1-6", label "1-6";
        [plain('2')] => Jump(1), "";
        [plain('3')] => Jump(2), "";
        [plain('4')] => Jump(3), "";
        [plain('5')] => Jump(4), "";
        [plain('6')] => Jump(5), "";
        [plain(' ')] => TogglePause, "pause / resume all clocks", hint "pause";
        [plain('t')] => InsertTemplate, "insert this step's starter template";
        [plain('c')] => OpenCalc, "open the calculator, capacity sheet and cheat sheets", hint "calc";
        [plain('a')] => Ask, "ask the interviewer a question", hint "ask";
        [plain('h')] => Hint, "reveal the next hint for this step (hints are counted)", hint "hint";
        [plain('s')] => SaveNow, "save now";
        [plain('b')] => Palette, "add a building block (client, load balancer, cache, ...) to the diagram", hint "blocks";
        [plain('d')] => ToggleDiagram, "show / hide the drawing of this step's diagrams", hint "diagram";
        [PGDN, plain('j')] => PageDown, "scroll the guidance (or the diagram) down";
        [PGUP, plain('k')] => PageUp, "scroll the guidance (or the diagram) up";
        [code(KeyCode::Left)] => ScrollLeft, "scroll the diagram left";
        [code(KeyCode::Right)] => ScrollRight, "scroll the diagram right";
        [plain('e')] => EndInterview, "end the interview (marks it complete)", hint "end";
        [plain('?')] => Help, "help", hint "help";
        [plain('q')] => Back, "save and go back (quits from the first screen)", hint "back";
    }
    Paused {
        [plain(' ')] => TogglePause, "resume", hint "resume";
        [plain('?')] => Help, "help";
        [plain('q')] => Back, "save and go back (quits from the first screen)", hint "back";
    }
    Ask {
        [ENTER] => Select, "ask", hint "ask";
        [ESC] => Back, "close the box", hint "close";
    }
    Calc {
        [ENTER] => Select, "run the expression", hint "run";
        [ctrl('n')] => InsertResult, "insert the last result into the notes", hint "to notes";
        [UP] => Up, "recall an earlier expression";
        [DOWN] => Down, "recall a later expression";
        [TAB] => NextTab, "next tab (capacity sheet, cheat sheets)", hint "tab";
        [BACKTAB] => PrevTab, "previous tab";
        [ESC] => CloseCalc, "close the pane", hint "close";
    }
    Sheet {
        [UP] => Up, "previous input";
        [DOWN, ENTER] => Down, "next input", hint "next input";
        [ctrl('n')] => InsertResult, "insert every figure into the notes", hint "to notes";
        [TAB] => NextTab, "next tab", hint "tab";
        [BACKTAB] => PrevTab, "previous tab";
        [ESC] => CloseCalc, "close the pane", hint "close";
    }
    Cheats {
        [DOWN, plain('j')] => Down, "scroll down", hint "scroll";
        [UP, plain('k')] => Up, "scroll up";
        [PGDN, plain(' ')] => PageDown, "page down";
        [PGUP] => PageUp, "page up";
        [TAB] => NextTab, "next tab", hint "tab";
        [BACKTAB] => PrevTab, "previous tab";
        [ESC, plain('q')] => CloseCalc, "close the pane", hint "close";
    }
    List {
        [UP, plain('k')] => Up, "move up";
        [DOWN, plain('j')] => Down, "move down";
        [HOME, plain('g')] => Top, "first";
        [END, plain('G')] => Bottom, "last";
        [ENTER] => Select, "open / choose", hint "open";
        [plain('1')] => Pick(0), "open entry 1-9", label "1-9";
        [plain('2')] => Pick(1), "";
        [plain('3')] => Pick(2), "";
        [plain('4')] => Pick(3), "";
        [plain('5')] => Pick(4), "";
        [plain('6')] => Pick(5), "";
        [plain('7')] => Pick(6), "";
        [plain('8')] => Pick(7), "";
        [plain('9')] => Pick(8), "";
        [TAB] => NextTab, "review: switch between sessions and drills", hint "drills";
        [plain('c')] => Compare, "compare with the previous attempt at the same problem (sessions, step drills)", hint "compare";
        [plain('?')] => Help, "help", hint "help";
        [plain('q'), ESC] => Back, "back (quits from the first screen)", hint "back";
    }
    Detail {
        [DOWN, plain('j')] => Down, "scroll down", hint "scroll";
        [UP, plain('k')] => Up, "scroll up";
        [PGDN, plain(' ')] => PageDown, "page down";
        [PGUP] => PageUp, "page up";
        [HOME, plain('g')] => Top, "top";
        [END, plain('G')] => Bottom, "bottom";
        [TAB] => NextTab, "select the next rubric point on the scorecard", hint "next point";
        [BACKTAB] => PrevTab, "select the previous rubric point";
        [plain('x')] => TogglePoint, "mark the selected point covered / not covered", hint "toggle point";
        [plain('r')] => ResumeSession, "resume this session (if unfinished)", hint "resume";
        [plain('?')] => Help, "help", hint "help";
        [plain('q'), ESC] => Back, "back", hint "back";
    }
    Summary {
        [plain('?')] => Help, "help", hint "help";
        [plain('q'), ESC] => Back, "back", hint "back";
    }
    Cards {
        [plain(' '), ENTER] => Reveal, "show the answer", hint "answer";
        [plain('1')] => GradeCard(0), "grade: again (forgot it)", hint "again";
        [plain('2')] => GradeCard(1), "grade: hard", hint "hard";
        [plain('3')] => GradeCard(2), "grade: good", hint "good";
        [plain('4')] => GradeCard(3), "grade: easy", hint "easy";
        [plain('q'), ESC] => Back, "stop (grades so far are kept)", hint "stop";
    }
    Estimate {
        [ENTER] => Select, "answer (then again for the next question)", hint "answer";
        [ESC] => Back, "stop (answers so far are saved)", hint "stop";
    }
    Help {
        [ESC, plain('q'), plain('?'), f(1)] => Back, "close help", hint "close";
        [DOWN, plain('j')] => Down, "scroll down", hint "scroll";
        [UP, plain('k')] => Up, "scroll up";
    }
    Palette {
        [UP, plain('k')] => Up, "previous block";
        [DOWN, plain('j')] => Down, "next block", hint "next";
        [ENTER] => Select, "add it to the notes", hint "add";
        [ESC, plain('q')] => Back, "close", hint "close";
    }
    Confirm {
        [plain('y'), ENTER] => Yes, "yes", hint "yes";
        [plain('n'), ESC] => No, "no", hint "no";
    }
};

/// The keys the text editor widget handles itself (not in the table: they edit text).
pub const TEXT_KEYS: &str = "In the editor, other keys edit text: arrows, Home/End, Ctrl-A/E line start/end, Ctrl-K delete to end, Ctrl-W delete word, Ctrl-X cut, Ctrl-Y paste.";

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
    find(ctx).or_else(|| find(Ctx::Global))
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
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
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

/// How to press `cmd` in `ctx` (or anywhere), as help writes it: the first of its keys.
/// Every text that names a key asks here, so it names the key that works.
pub fn keys_for(ctx: Ctx, cmd: Cmd) -> String {
    let find = |c: Ctx| BINDINGS.iter().find(|b| b.ctx == c && b.cmd == cmd);
    find(ctx)
        .or_else(|| find(Ctx::Global))
        .and_then(|b| b.keys.first())
        .map_or_else(|| "(no key)".to_string(), key_name)
}

/// The hint bar for a context: its hinted bindings that `offered` says do something now,
/// then the global ones not shadowed.
pub fn hints(ctx: Ctx, offered: impl Fn(Cmd) -> bool) -> Vec<Hint> {
    let own: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.ctx == ctx && b.hint.is_some() && offered(b.cmd))
        .collect();
    // Where a plain key already saves and leaves, Ctrl-C needs no hint of its own.
    let has_back = own.iter().any(|o| o.cmd == Cmd::Back);
    let global: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.ctx == Ctx::Global && b.hint.is_some())
        .filter(|g| !own.iter().any(|o| o.cmd == g.cmd))
        // A global key this context binds to something else does that instead.
        .filter(|g| {
            !g.keys
                .iter()
                .any(|k| BINDINGS.iter().any(|b| b.ctx == ctx && b.keys.contains(k)))
        })
        .filter(|g| !(has_back && g.cmd == Cmd::Quit))
        .collect();
    own.into_iter()
        .chain(global)
        .filter_map(|b| {
            Some(Hint {
                key: *b.keys.first()?,
                cmd: b.cmd,
                label: b.hint?,
            })
        })
        .collect()
}

/// One entry of the hint bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// The key shown (the binding's first).
    pub key: Key,
    pub cmd: Cmd,
    pub label: &'static str,
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
        Ctx::Palette,
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
        let hints = hints(Ctx::Editor, |_| true);
        let first = hints.first().map(|h| (key_name(&h.key), h.label));
        assert_eq!(first, Some(("Esc".to_string(), "leave editor")));
        assert!(hints.iter().any(|h| key_name(&h.key) == "F1"));
        assert_eq!(keys_for(Ctx::Practice, Cmd::EndInterview), "e");
        assert_eq!(
            keys_for(Ctx::Editor, Cmd::Help),
            "F1",
            "falls back to global keys"
        );
    }
}
