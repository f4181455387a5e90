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
    /// Reading a second opinion from the user's reviewer command, as it arrives.
    Opinion,
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
    pub const ALL: [Ctx; 17] = [
        Ctx::Global,
        Ctx::Editor,
        Ctx::Practice,
        Ctx::Paused,
        Ctx::List,
        Ctx::Detail,
        Ctx::Opinion,
        Ctx::Calc,
        Ctx::Sheet,
        Ctx::Cheats,
        Ctx::Ask,
        Ctx::Summary,
        Ctx::Cards,
        Ctx::Estimate,
        Ctx::Help,
        Ctx::Palette,
        Ctx::Confirm,
    ];

    /// The context's name in the config file's `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            Ctx::Global => "global",
            Ctx::Editor => "editor",
            Ctx::Practice => "practice",
            Ctx::Paused => "paused",
            Ctx::List => "list",
            Ctx::Detail => "detail",
            Ctx::Opinion => "opinion",
            Ctx::Calc => "calc",
            Ctx::Sheet => "sheet",
            Ctx::Cheats => "cheats",
            Ctx::Ask => "ask",
            Ctx::Summary => "summary",
            Ctx::Cards => "cards",
            Ctx::Estimate => "estimate",
            Ctx::Help => "help",
            Ctx::Palette => "palette",
            Ctx::Confirm => "confirm",
        }
    }

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
            Ctx::Opinion => &[Ctx::Opinion, Ctx::Global],
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
            Ctx::Opinion => "Second opinion",
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
    /// Edit the step's notes in the user's own editor.
    ExternalEditor,
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
    /// Send a finished session to the user's reviewer command for a second opinion.
    SecondOpinion,
    /// Show the answer of the current card.
    Reveal,
    /// Grade the current card: 0 again, 1 hard, 2 good, 3 easy.
    GradeCard(u8),
    Yes,
    No,
}

impl Cmd {
    /// The command's name in the config file: `toggle_diagram`, `jump_3`, `grade_good`.
    pub fn name(self) -> String {
        let fixed = match self {
            Quit => "quit",
            Help => "help",
            Back => "back",
            Up => "up",
            Down => "down",
            PageUp => "page_up",
            PageDown => "page_down",
            Top => "top",
            Bottom => "bottom",
            Select => "select",
            EditNotes => "edit_notes",
            LeaveEditor => "leave_editor",
            NextStep => "next_step",
            PrevStep => "prev_step",
            Jump(n) => return format!("jump_{}", u32::from(n) + 1),
            Pick(n) => return format!("pick_{}", u32::from(n) + 1),
            ToggleDiagram => "toggle_diagram",
            ExternalEditor => "external_editor",
            Palette => "palette",
            ScrollLeft => "scroll_left",
            ScrollRight => "scroll_right",
            TogglePause => "toggle_pause",
            InsertTemplate => "insert_template",
            Undo => "undo",
            Redo => "redo",
            SaveNow => "save_now",
            EndInterview => "end_interview",
            ResumeSession => "resume_session",
            OpenCalc => "open_calc",
            CloseCalc => "close_calc",
            NextTab => "next_tab",
            PrevTab => "prev_tab",
            InsertResult => "insert_result",
            Ask => "ask",
            Hint => "hint",
            TogglePoint => "toggle_point",
            Compare => "compare",
            SecondOpinion => "second_opinion",
            Reveal => "reveal",
            GradeCard(0) => "grade_again",
            GradeCard(1) => "grade_hard",
            GradeCard(2) => "grade_good",
            GradeCard(_) => "grade_easy",
            Yes => "yes",
            No => "no",
        };
        fixed.to_string()
    }
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
        [plain('o')] => ExternalEditor, "edit this step's notes in your own editor ($EDITOR)";
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
        [plain('o')] => SecondOpinion, "ask your reviewer command for a second opinion (finished sessions; see [reviewer] in the config)", hint "2nd opinion";
        [plain('?')] => Help, "help", hint "help";
        [plain('q'), ESC] => Back, "back", hint "back";
    }
    Opinion {
        [DOWN, plain('j')] => Down, "scroll down", hint "scroll";
        [UP, plain('k')] => Up, "scroll up";
        [PGDN, plain(' ')] => PageDown, "page down";
        [PGUP] => PageUp, "page up";
        [HOME, plain('g')] => Top, "top";
        [END, plain('G')] => Bottom, "bottom (and follow the answer as it arrives)";
        [plain('?')] => Help, "help", hint "help";
        [ESC, plain('q')] => Back, "stop the reviewer while it runs (nothing is kept); else back to the session", hint "stop / back";
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

/// The key table as this user has it: the built-in [`BINDINGS`] with their config's
/// rebinds. Dispatch, help, the hint bar and every text that names a key read it, so
/// they all follow the user's keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
struct Row {
    ctx: Ctx,
    keys: Vec<Key>,
    cmd: Cmd,
    help: std::borrow::Cow<'static, str>,
    hint: Option<&'static str>,
    label: Option<&'static str>,
    /// Changed by the user's config (its offset in the file).
    rebound: Option<usize>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            rows: BINDINGS
                .iter()
                .map(|b| Row {
                    ctx: b.ctx,
                    keys: b.keys.to_vec(),
                    cmd: b.cmd,
                    help: b.help.into(),
                    hint: b.hint,
                    label: b.label,
                    rebound: None,
                })
                .collect(),
        }
    }
}

/// Commands bound one per key of a family (`1`-`6`, `1`-`9`, grades): rebinding one
/// shows each on its own row in help.
fn family(cmd: Cmd) -> Option<u8> {
    match cmd {
        Cmd::Jump(_) => Some(0),
        Cmd::Pick(_) => Some(1),
        _ => None,
    }
}

fn family_help(cmd: Cmd) -> Option<String> {
    match cmd {
        Cmd::Jump(n) => Some(format!("jump to step {}", u32::from(n) + 1)),
        Cmd::Pick(n) => Some(format!("open entry {}", u32::from(n) + 1)),
        _ => None,
    }
}

impl Keymap {
    /// The built-in table with `rebinds` applied. A rebind that would give one key two
    /// meanings where both apply, or take a character away from typing, is left out
    /// (the built-in keys stay) and reported at its offset with why.
    pub fn with(rebinds: &[crate::config::Rebind]) -> (Keymap, Vec<(usize, String)>) {
        let mut errors = Vec::new();
        let mut kept: Vec<&crate::config::Rebind> = Vec::new();
        for r in rebinds {
            if let Some(k) = r.keys.iter().find(|k| types_a_character(k))
                && (r.ctx.typing() || r.ctx == Ctx::Global)
            {
                let place = if r.ctx == Ctx::Global {
                    "everywhere, including while typing"
                } else {
                    "where keys type text"
                };
                errors.push((
                    r.at,
                    format!(
                        "keys.{}.{}: `{}` would stop you typing it ({place}); use a Ctrl key or F1-F12",
                        r.ctx.name(),
                        r.cmd.name(),
                        key_name(k)
                    ),
                ));
                continue;
            }
            kept.push(r);
        }
        loop {
            let map = Keymap::applied(&kept);
            let clash = map.clash();
            let Some((row, key, other)) = clash else {
                return (map, errors);
            };
            // Undo the rebind behind the clash (a built-in row never clashes with another).
            let (blame, with) = match (map.rows[row].rebound, map.rows[other].rebound) {
                (Some(at), _) => (at, other),
                (None, Some(at)) => (at, row),
                (None, None) => return (map, errors),
            };
            let (mine, theirs) = if with == other {
                (row, other)
            } else {
                (other, row)
            };
            errors.push((
                blame,
                format!(
                    "keys.{}.{}: `{}` is already {} in {}; rebind that too, or choose another key",
                    map.rows[mine].ctx.name(),
                    map.rows[mine].cmd.name(),
                    key_name(&key),
                    map.rows[theirs].cmd.name(),
                    map.rows[theirs].ctx.name(),
                ),
            ));
            kept.retain(|r| r.at != blame);
        }
    }

    fn applied(rebinds: &[&crate::config::Rebind]) -> Keymap {
        let mut map = Keymap::default();
        for r in rebinds {
            let Some(i) = map
                .rows
                .iter()
                .position(|row| row.ctx == r.ctx && row.cmd == r.cmd)
            else {
                continue;
            };
            if let Some(f) = family(r.cmd) {
                for row in map.rows.iter_mut() {
                    if row.ctx == r.ctx && family(row.cmd) == Some(f) {
                        row.label = None;
                        if let Some(help) = family_help(row.cmd) {
                            row.help = help.into();
                        }
                    }
                }
            }
            if let Some(row) = map.rows.get_mut(i) {
                row.keys = r.keys.clone();
                row.label = None;
                row.rebound = Some(r.at);
            }
        }
        map
    }

    /// Two rows one key reaches at once: the same context, or a context and the global
    /// keys it does not shadow... which it always does, so only the same context.
    fn clash(&self) -> Option<(usize, Key, usize)> {
        for (i, a) in self.rows.iter().enumerate() {
            for (j, b) in self.rows.iter().enumerate().skip(i + 1) {
                if a.ctx != b.ctx {
                    continue;
                }
                if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    return Some((i, *k, j));
                }
            }
        }
        None
    }

    /// Whether the rebind written at byte `at` of the config is in effect.
    pub fn rebound_at(&self, at: usize) -> bool {
        self.rows.iter().any(|r| r.rebound == Some(at))
    }

    /// The command for a key in `ctx`, falling back to global keys.
    pub fn lookup(&self, ctx: Ctx, ev: &KeyEvent) -> Option<Cmd> {
        let key = normalize(ev);
        let find = |c: Ctx| {
            self.rows
                .iter()
                .find(|b| b.ctx == c && b.keys.contains(&key))
                .map(|b| b.cmd)
        };
        find(ctx).or_else(|| find(Ctx::Global))
    }

    /// How to press `cmd` in `ctx` (or anywhere), as help writes it: the first of its
    /// keys. Every text that names a key asks here, so it names the key that works.
    pub fn keys_for(&self, ctx: Ctx, cmd: Cmd) -> String {
        let find = |c: Ctx| self.rows.iter().find(|b| b.ctx == c && b.cmd == cmd);
        find(ctx)
            .or_else(|| find(Ctx::Global))
            .and_then(|b| b.keys.first())
            .map_or_else(|| "(no key)".to_string(), key_name)
    }

    /// Help rows for the given contexts: (context title, [(keys, what)]).
    pub fn help_sections(&self, ctxs: &[Ctx]) -> Vec<(&'static str, Vec<(String, String)>)> {
        ctxs.iter()
            .map(|&ctx| {
                let rows = self
                    .rows
                    .iter()
                    .filter(|b| b.ctx == ctx && !b.help.is_empty())
                    .map(|b| (row_keys(b), b.help.to_string()))
                    .collect();
                (ctx.title(), rows)
            })
            .collect()
    }

    /// The hint bar for a context: its hinted bindings that `offered` says do something
    /// now, then the global ones not shadowed.
    pub fn hints(&self, ctx: Ctx, offered: impl Fn(Cmd) -> bool) -> Vec<Hint> {
        let own: Vec<&Row> = self
            .rows
            .iter()
            .filter(|b| b.ctx == ctx && b.hint.is_some() && offered(b.cmd))
            .collect();
        // Where a plain key already saves and leaves, Ctrl-C needs no hint of its own.
        let has_back = own.iter().any(|o| o.cmd == Cmd::Back);
        let global: Vec<&Row> = self
            .rows
            .iter()
            .filter(|b| b.ctx == Ctx::Global && b.hint.is_some())
            .filter(|g| !own.iter().any(|o| o.cmd == g.cmd))
            // A global key this context binds to something else does that instead.
            .filter(|g| {
                !g.keys
                    .iter()
                    .any(|k| self.rows.iter().any(|b| b.ctx == ctx && b.keys.contains(k)))
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

    /// Every context and command as the config file names them, with their keys in the
    /// config's spelling, for `sdcoach config keys`.
    pub fn config_table(&self) -> String {
        let mut out = String::new();
        for ctx in Ctx::ALL {
            out.push_str(&format!("[keys.{}]  # {}\n", ctx.name(), ctx.title()));
            for row in self.rows.iter().filter(|r| r.ctx == ctx) {
                let keys: Vec<String> = row
                    .keys
                    .iter()
                    .map(|k| format!("{:?}", config_key_name(k)))
                    .collect();
                let what = if row.help.is_empty() {
                    family_help(row.cmd).unwrap_or_default()
                } else {
                    row.help.to_string()
                };
                out.push_str(&format!(
                    "{} = [{}]  # {what}\n",
                    row.cmd.name(),
                    keys.join(", ")
                ));
            }
            out.push('\n');
        }
        out
    }

    /// The keys table for the README, generated so docs and dispatch cannot drift apart
    /// (a test checks the README contains the built-in one).
    pub fn markdown_table(&self) -> String {
        let mut out = String::new();
        for (title, rows) in self.help_sections(&[
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
            Ctx::Opinion,
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
}

/// A key that would type a character in a text field.
fn types_a_character(k: &Key) -> bool {
    matches!(k.code, KeyCode::Char(_)) && !k.mods.contains(KeyModifiers::CONTROL)
}

fn row_keys(row: &Row) -> String {
    if let Some(label) = row.label {
        return label.to_string();
    }
    if row.keys.is_empty() {
        return "(unbound)".to_string();
    }
    row.keys
        .iter()
        .map(key_name)
        .collect::<Vec<_>>()
        .join(" / ")
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

/// How the config file writes a key: `ctrl-s`, `shift-tab`, `pgdn`, `up`, `x`.
pub fn config_key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        KeyCode::BackTab => "shift-tab".to_string(),
        KeyCode::PageUp => "pgup".to_string(),
        KeyCode::PageDown => "pgdn".to_string(),
        other => format!("{other:?}").to_lowercase(),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("ctrl-{base}")
    } else {
        base
    }
}

/// One entry of the hint bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// The key shown (the binding's first).
    pub key: Key,
    pub cmd: Cmd,
    pub label: &'static str,
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
            Keymap::default().lookup(Ctx::Editor, &ev(KeyCode::Esc, none)),
            Some(Cmd::LeaveEditor)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Editor, &ev(KeyCode::Char('q'), none)),
            None,
            "q types in the editor"
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Editor, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Cmd::Quit)
        );
        assert_eq!(
            Keymap::default().lookup(
                Ctx::Editor,
                &ev(
                    KeyCode::Char('Q'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT
                )
            ),
            Some(Cmd::Quit)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Editor, &ev(KeyCode::F(1), none)),
            Some(Cmd::Help)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Char('i'), none)),
            Some(Cmd::EditNotes)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Enter, none)),
            Some(Cmd::EditNotes)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Tab, none)),
            Some(Cmd::NextStep)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Cmd::PrevStep)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Char('4'), none)),
            Some(Cmd::Jump(3))
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Char(' '), none)),
            Some(Cmd::TogglePause)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Char('?'), none)),
            Some(Cmd::Help)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::Practice, &ev(KeyCode::Char('q'), none)),
            Some(Cmd::Back)
        );
        assert_eq!(
            Keymap::default().lookup(Ctx::List, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Cmd::Bottom)
        );
    }

    #[test]
    fn help_lists_every_bound_context_with_readable_names() {
        let map = Keymap::default();
        let sections = map.help_sections(&[Ctx::Practice, Ctx::Global]);
        let practice = &sections[0].1;
        assert!(practice.contains(&(
            "i / Enter".to_string(),
            "edit this step's notes".to_string()
        )));
        assert!(practice.contains(&("1-6".to_string(), "jump to step 1-6".to_string())));
        assert!(practice.contains(&("Shift-Tab".to_string(), "previous step".to_string())));
        assert!(
            sections[1]
                .1
                .contains(&("Ctrl-C / Ctrl-Q".to_string(), "save and quit".to_string()))
        );
        let hints = map.hints(Ctx::Editor, |_| true);
        let first = hints.first().map(|h| (key_name(&h.key), h.label));
        assert_eq!(first, Some(("Esc".to_string(), "leave editor")));
        assert!(hints.iter().any(|h| key_name(&h.key) == "F1"));
        assert_eq!(map.keys_for(Ctx::Practice, Cmd::EndInterview), "e");
        assert_eq!(
            map.keys_for(Ctx::Editor, Cmd::Help),
            "F1",
            "falls back to global keys"
        );
    }
}
