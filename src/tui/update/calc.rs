//! The calculator pane: the calculator, the capacity sheet and the cheat sheets.

use super::flash;
use crate::calc::sheet::Input;
use crate::domain::sanitize::sanitize;
use crate::tui::action::{Effect, Typed};
use crate::tui::calc_pane::{CalcTab, edit_line, line, note_line, paste_line, set_line, too_long};
use crate::tui::clock::Now;
use crate::tui::keymap::{Cmd, Ctx};
use crate::tui::model::{Model, Practice};

pub(super) fn calc_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    let tab = p.calc.tab.unwrap_or(CalcTab::Calculator);
    match (tab, cmd) {
        (_, Cmd::CloseCalc) => {
            p.calc.tab = None;
            let back = p.calc.return_to_editor && !p.is_complete();
            p.set_editing(back);
        }
        (_, Cmd::NextTab) => p.calc.tab = Some(tab.next()),
        (_, Cmd::PrevTab) => p.calc.tab = Some(tab.prev()),
        (CalcTab::Calculator, Cmd::Select) => {
            let step = p.current();
            if let Some(entry) = p.calc.evaluate(step) {
                p.transcript.calc.push(entry);
                p.mark_dirty(now);
            }
        }
        (CalcTab::Calculator, Cmd::Up | Cmd::Down) => {
            let history = p.transcript.calc.clone();
            p.calc.recall(&history, cmd == Cmd::Up);
        }
        (CalcTab::Calculator, Cmd::InsertResult) => {
            let Some(entry) = p.transcript.calc.last() else {
                let key = model.keymap.keys_for(Ctx::Calc, Cmd::Select);
                flash(
                    model,
                    now,
                    format!("Run an expression first ({key})."),
                    false,
                );
                return vec![];
            };
            let text = note_line(entry);
            if p.is_complete() {
                flash(
                    model,
                    now,
                    "This interview has ended; its notes are read-only.",
                    false,
                );
                return vec![];
            }
            p.insert_line(&text);
            p.mark_dirty(now);
            flash(model, now, format!("Added to the notes: {text}"), false);
        }
        (CalcTab::Sheet, cmd) => return sheet_command(model, cmd, now),
        (CalcTab::Cheats, Cmd::Down) => p.calc.cheat_scroll = p.calc.cheat_scroll.saturating_add(1),
        (CalcTab::Cheats, Cmd::Up) => p.calc.cheat_scroll = p.calc.cheat_scroll.saturating_sub(1),
        (CalcTab::Cheats, Cmd::PageDown) => {
            p.calc.cheat_scroll = p.calc.cheat_scroll.saturating_add(10)
        }
        (CalcTab::Cheats, Cmd::PageUp) => {
            p.calc.cheat_scroll = p.calc.cheat_scroll.saturating_sub(10)
        }
        _ => {}
    }
    vec![]
}

/// Keys on the capacity sheet: move between inputs, push the figures into the notes.
fn sheet_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    let last = Input::ALL.len() - 1;
    match cmd {
        Cmd::Up | Cmd::Down => {
            let next = if cmd == Cmd::Up {
                p.calc.sheet_field.saturating_sub(1)
            } else {
                (p.calc.sheet_field + 1).min(last)
            };
            p.calc.sheet_field = next;
            let text = p.calc.sheet.get(p.calc.sheet_input_kind()).to_string();
            set_line(&mut p.calc.sheet_input, &text);
        }
        Cmd::InsertResult if p.is_complete() => {
            flash(
                model,
                now,
                "This interview has ended; its notes are read-only.",
                false,
            );
        }
        Cmd::InsertResult => {
            let figures = p.calc.sheet.figures();
            for f in &figures {
                p.insert_line(&f.note_line());
            }
            p.mark_dirty(now);
            flash(
                model,
                now,
                format!("Added {} figures to the notes.", figures.len()),
                false,
            );
        }
        _ => {}
    }
    vec![]
}

/// A key in a sheet field; `Some` message if it was refused as too long.
fn sheet_edit(p: &mut Practice, input: ratatui_textarea::Input, now: Now) -> Option<String> {
    if matches!(input.key, ratatui_textarea::Key::Enter) {
        return None;
    }
    match edit_line(&mut p.calc.sheet_input, input) {
        Ok(true) => commit_sheet_field(p, now),
        Ok(false) => {}
        Err(len) => return Some(too_long("value", len)),
    }
    None
}

/// Copy the edited text into the sheet (and so into the transcript on the next save).
fn commit_sheet_field(p: &mut Practice, now: Now) {
    let kind = p.calc.sheet_input_kind();
    let text = line(&p.calc.sheet_input);
    p.calc.sheet.set(kind, text);
    p.transcript.sheet = p.calc.sheet.to_pairs().into_iter().collect();
    p.mark_dirty(now);
}

/// A key in the calculator pane; `Some` message for the status line if it was refused
/// (the calculator shows its own in the pane).
fn calc_edit(p: &mut Practice, input: ratatui_textarea::Input, now: Now) -> Option<String> {
    match p.calc.tab {
        Some(CalcTab::Calculator) => p.calc.edit(input),
        Some(CalcTab::Sheet) => return sheet_edit(p, input, now),
        _ => {}
    }
    None
}

/// A paste into the calculator pane, as for [`calc_edit`].
fn calc_paste(p: &mut Practice, text: &str, now: Now) -> Option<String> {
    match p.calc.tab {
        Some(CalcTab::Calculator) => p.calc.paste(text),
        Some(CalcTab::Sheet) => match paste_line(&mut p.calc.sheet_input, text) {
            Ok(true) => commit_sheet_field(p, now),
            Ok(false) => {}
            Err(len) => return Some(too_long("value", len)),
        },
        _ => {}
    }
    None
}

/// Typed keys and pastes in the calculator's input line or the sheet's selected input;
/// a refusal (too long) goes to the status line, the calculator's own errors to the pane.
pub(super) fn type_in(model: &mut Model, text: Typed, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    let refused = match text {
        Typed::Key(input) => calc_edit(p, input, now),
        Typed::Paste(text) => calc_paste(p, &sanitize(&text, true), now),
    };
    if let Some(message) = refused {
        flash(model, now, message, false);
    }
    vec![]
}
