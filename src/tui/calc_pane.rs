//! The calculator pane of a practice session: state and the changes `update` makes to it.
//! The engine itself is `crate::calc`; this file only wires it to the session.

use std::collections::BTreeMap;

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{Input, Key, TextArea};

use crate::tui::keymap::{Cmd, Ctx, Keymap};

use crate::calc::Calculator;
use crate::calc::sheet::{Input as SheetInput, Sheet};
use crate::domain::framework::Step;
use crate::domain::problem::Problem;
use crate::domain::transcript::CalcEntry;

/// The pane's tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalcTab {
    Calculator,
    Sheet,
    Cheats,
}

impl CalcTab {
    pub const ALL: [CalcTab; 3] = [CalcTab::Calculator, CalcTab::Sheet, CalcTab::Cheats];

    pub fn title(self) -> &'static str {
        match self {
            CalcTab::Calculator => "Calculator",
            CalcTab::Sheet => "Capacity sheet",
            CalcTab::Cheats => "Cheat sheets",
        }
    }

    fn index(self) -> usize {
        CalcTab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    pub fn next(self) -> CalcTab {
        CalcTab::ALL[(self.index() + 1) % CalcTab::ALL.len()]
    }

    pub fn prev(self) -> CalcTab {
        CalcTab::ALL[(self.index() + CalcTab::ALL.len() - 1) % CalcTab::ALL.len()]
    }
}

pub struct CalcPane {
    /// The open tab; `None` while the pane is closed.
    pub tab: Option<CalcTab>,
    /// Whether the notes editor had focus before the pane opened, to return there.
    pub return_to_editor: bool,
    pub input: TextArea<'static>,
    pub engine: Calculator,
    /// Position while browsing history with Up/Down (index into the session's entries).
    pub recall: Option<usize>,
    /// The last evaluation's error, shown until the input changes.
    pub error: Option<String>,
    pub cheat_scroll: u16,
    /// The capacity sheet's inputs; saved in the transcript as typed.
    pub sheet: Sheet,
    /// Which sheet input is selected, and its text being edited.
    pub sheet_field: usize,
    pub sheet_input: TextArea<'static>,
}

/// The most characters a one-line input (an expression, a sheet value, a question, an
/// answer) holds; [`crate::calc::MAX_INPUT`] says why.
pub const MAX_LINE: usize = crate::calc::MAX_INPUT;

/// What the user is told when a one-line input would grow past [`MAX_LINE`].
pub fn too_long(what: &str, chars: usize) -> String {
    format!(
        "Not added: the {what} would be {} characters long; it can be at most {}.",
        crate::calc::grouped(chars),
        crate::calc::grouped(MAX_LINE)
    )
}

fn chars(ta: &TextArea<'static>) -> usize {
    ta.lines().iter().map(|l| l.chars().count()).sum()
}

/// A key in a one-line editor, unless it would take the text past [`MAX_LINE`]: then it is
/// undone and the length it would have had comes back. `Ok` says whether the text changed.
pub fn edit_line(ta: &mut TextArea<'static>, input: Input) -> Result<bool, usize> {
    if !ta.input(input) {
        return Ok(false);
    }
    let len = chars(ta);
    if len > MAX_LINE {
        ta.undo();
        return Err(len);
    }
    Ok(true)
}

/// Paste `text` (already one line) into a one-line editor, unless the result would be past
/// [`MAX_LINE`]: then nothing is pasted and the length it would have had comes back.
pub fn paste_line(ta: &mut TextArea<'static>, text: &str) -> Result<bool, usize> {
    let len = chars(ta).saturating_add(text.chars().count());
    if len > MAX_LINE {
        return Err(len);
    }
    Ok(ta.insert_str(text))
}

/// A one-line editor: Enter is handled by the keymap, so it never inserts a newline.
pub fn line_editor(placeholder: &str) -> TextArea<'static> {
    let mut ta = TextArea::default();
    ta.set_placeholder_text(placeholder);
    ta.set_placeholder_style(Style::new().add_modifier(Modifier::DIM));
    ta.set_cursor_line_style(Style::new());
    ta
}

pub fn set_line(ta: &mut TextArea<'static>, text: &str) {
    ta.select_all();
    ta.cut();
    ta.insert_str(text);
}

pub fn line(ta: &TextArea<'static>) -> String {
    ta.lines().join(" ")
}

impl CalcPane {
    /// A closed pane whose variables come from replaying the session's history. The
    /// capacity sheet starts from the figures the problem gives, if any, with the
    /// session's saved values over them; inputs neither gives are empty.
    pub fn new(
        history: &[CalcEntry],
        saved_sheet: &BTreeMap<String, String>,
        problem: Option<&Problem>,
        configured: &BTreeMap<String, String>,
        keys: &Keymap,
    ) -> Self {
        let mut sheet = Sheet::default();
        // The user's usual figures, then the problem's own, then what this session set.
        sheet.apply(configured);
        sheet.apply(problem.into_iter().flat_map(|p| &p.sheet));
        sheet.apply(saved_sheet);
        let mut sheet_input = line_editor("");
        set_line(&mut sheet_input, sheet.get(SheetInput::DailyActiveUsers));
        let mut engine = Calculator::new();
        for entry in history {
            let _ = engine.eval(&entry.input);
        }
        CalcPane {
            tab: None,
            return_to_editor: false,
            input: line_editor(&format!(
                "e.g. 500M * 2 / day to 1/s   ({} runs, {} recalls)",
                keys.keys_for(Ctx::Calc, Cmd::Select),
                keys.keys_for(Ctx::Calc, Cmd::Up)
            )),
            engine,
            recall: None,
            error: None,
            cheat_scroll: 0,
            sheet_input,
            sheet,
            sheet_field: 0,
        }
    }

    pub fn sheet_input_kind(&self) -> SheetInput {
        SheetInput::ALL
            .get(self.sheet_field)
            .copied()
            .unwrap_or(SheetInput::DailyActiveUsers)
    }

    pub fn is_open(&self) -> bool {
        self.tab.is_some()
    }

    /// Edit the input line; an edit that would make it longer than [`MAX_LINE`] is refused
    /// with a message where the result would show.
    pub fn edit(&mut self, input: Input) {
        if matches!(input.key, Key::Enter) {
            return;
        }
        let result = edit_line(&mut self.input, input);
        self.changed(result);
    }

    /// Paste into the input line (joined into one line by the caller), or refuse it whole
    /// if the expression would be longer than [`MAX_LINE`].
    pub fn paste(&mut self, text: &str) {
        let result = paste_line(&mut self.input, text);
        self.changed(result);
    }

    fn changed(&mut self, result: Result<bool, usize>) {
        match result {
            Ok(true) => {
                self.recall = None;
                self.error = None;
            }
            Ok(false) => {}
            Err(len) => self.error = Some(too_long("expression", len)),
        }
    }

    /// Run the input line; on success it joins the history and the line clears.
    pub fn evaluate(&mut self, step: Step) -> Option<CalcEntry> {
        let text = line(&self.input).trim().to_string();
        if text.is_empty() {
            return None;
        }
        match self.engine.eval(&text) {
            Ok(outcome) => {
                let (value, unit) = outcome.value_in_unit();
                set_line(&mut self.input, "");
                self.recall = None;
                self.error = None;
                Some(CalcEntry {
                    step,
                    input: text,
                    display: outcome.display,
                    value,
                    unit,
                    variable: outcome.assigned,
                })
            }
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// Step through earlier inputs (Up = older).
    pub fn recall(&mut self, history: &[CalcEntry], older: bool) {
        if history.is_empty() {
            return;
        }
        let last = history.len() - 1;
        let next = match (self.recall, older) {
            (None, true) => Some(last),
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i < last => Some(i + 1),
            (Some(_), false) => None,
        };
        let text = next
            .and_then(|i| history.get(i))
            .map_or("", |e| e.input.as_str());
        set_line(&mut self.input, text);
        self.recall = next;
    }
}

/// One row of a calculator history list: the name of the step the results below it were
/// worked out in, or one result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HistoryRow<'a> {
    Step(Step),
    Entry(&'a CalcEntry),
}

/// The newest results that fit in `rows` rows, each run of results from one step under
/// that step's name, so the list says where each result came from. The top run keeps
/// its name even when older results of it are cut off.
pub fn history_rows(entries: &[CalcEntry], rows: usize) -> Vec<HistoryRow<'_>> {
    let mut out = Vec::new();
    let mut end = entries.len();
    while end > 0 && out.len() + 1 < rows {
        let Some(step) = entries.get(end - 1).map(|e| e.step) else {
            break;
        };
        let run = entries
            .get(..end)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|e| e.step == step)
            .count();
        let shown = run.min(rows - out.len() - 1);
        out.extend(
            entries
                .get(end - shown..end)
                .unwrap_or_default()
                .iter()
                .rev()
                .map(HistoryRow::Entry),
        );
        out.push(HistoryRow::Step(step));
        end -= run;
    }
    out.reverse();
    out
}

/// The line inserted into the notes for a calculator result.
pub fn note_line(entry: &CalcEntry) -> String {
    match &entry.variable {
        Some(_) => format!("{}  ({})", entry.input, entry.display),
        None => format!("{} = {}", entry.input, entry.display),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(step: Step, input: &str) -> CalcEntry {
        CalcEntry {
            step,
            input: input.into(),
            display: "1".into(),
            value: 1.0,
            unit: String::new(),
            variable: None,
        }
    }

    fn names(rows: &[HistoryRow]) -> Vec<String> {
        rows.iter()
            .map(|r| match r {
                HistoryRow::Step(s) => format!("[{}]", s.title()),
                HistoryRow::Entry(e) => e.input.clone(),
            })
            .collect()
    }

    #[test]
    fn history_rows_put_each_step_s_results_under_its_name() {
        let entries = [
            entry(Step::Requirements, "a"),
            entry(Step::Capacity, "b"),
            entry(Step::Capacity, "c"),
            entry(Step::Requirements, "d"),
        ];
        assert_eq!(
            names(&history_rows(&entries, 100)),
            [
                "[Requirements]",
                "a",
                "[Capacity estimates]",
                "b",
                "c",
                "[Requirements]",
                "d"
            ]
        );
        // Only the newest fit; the top run still has its name.
        assert_eq!(
            names(&history_rows(&entries, 4)),
            ["[Capacity estimates]", "c", "[Requirements]", "d"]
        );
        // A name with none of its results under it is left out.
        assert_eq!(names(&history_rows(&entries, 3)), ["[Requirements]", "d"]);
        assert_eq!(names(&history_rows(&entries, 2)), ["[Requirements]", "d"]);
        assert!(history_rows(&entries, 1).is_empty());
        assert!(history_rows(&[], 10).is_empty());
    }
}
