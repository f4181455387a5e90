//! An estimation drill.

use super::pop;
use crate::domain::sanitize::sanitize;
use crate::tui::action::{Effect, Typed};
use crate::tui::calc_pane::{edit_line, paste_line, too_long};
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::{Model, Screen};

/// Keys in an estimation drill: Enter answers, then moves on; Esc stops.
pub(super) fn estimate_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let Some(Screen::Estimate(d)) = model.stack.last_mut() else {
        return vec![];
    };
    match cmd {
        Cmd::Select if d.feedback => d.next(now.mono),
        Cmd::Select if !d.finished() && d.submit(now.mono) => {
            return vec![Effect::SaveDrill(Box::new(d.record.clone()))];
        }
        Cmd::Back => return pop(model),
        _ => {}
    }
    vec![]
}

/// Typed keys and pastes in the answer line, while a question is open.
pub(super) fn type_in(model: &mut Model, text: Typed) -> Vec<Effect> {
    let Some(Screen::Estimate(d)) = model.stack.last_mut() else {
        return vec![];
    };
    if d.feedback {
        return vec![];
    }
    let result = match text {
        Typed::Key(input) if matches!(input.key, ratatui_textarea::Key::Enter) => Ok(false),
        Typed::Key(input) => edit_line(&mut d.input, input),
        Typed::Paste(text) => paste_line(&mut d.input, &sanitize(&text, true)),
    };
    match result {
        Ok(true) => d.error = None,
        Ok(false) => {}
        Err(len) => d.error = Some(too_long("answer", len)),
    }
    vec![]
}
