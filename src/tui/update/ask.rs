//! The ask-the-interviewer box.

use crate::domain::coaching::NO_ANSWER;
use crate::domain::sanitize::sanitize;
use crate::domain::transcript::QuestionRecord;
use crate::tui::action::{Effect, Typed};
use crate::tui::calc_pane::{edit_line, line, paste_line, set_line, too_long};
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::Model;

use super::flash;

/// Keys while the ask box is open: Enter asks, Esc closes.
pub(super) fn ask_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    match cmd {
        Cmd::Back => {
            let back = p.ask.take().is_some_and(|a| a.return_to_editor) && !p.is_complete();
            p.set_editing(back);
        }
        Cmd::Select => {
            let question = p.ask.as_ref().map(|a| line(&a.input)).unwrap_or_default();
            let question = question.trim().to_string();
            if question.is_empty() {
                return vec![];
            }
            let matched = p
                .problem
                .as_ref()
                .and_then(|pr| pr.clarification_for(&question));
            let answer = matched.map_or(NO_ANSWER.to_string(), |c| c.answer.clone());
            let record = QuestionRecord {
                step: p.current(),
                question: question.clone(),
                answer: answer.clone(),
                matched: matched.map(|c| c.question.clone()),
            };
            p.transcript.questions.push(record);
            if let Some(ask) = p.ask.as_mut() {
                set_line(&mut ask.input, "");
                ask.last = Some((question, answer));
            }
            p.mark_dirty(now);
        }
        _ => {}
    }
    vec![]
}

/// Typed keys and pastes in the question line (one line: Enter asks).
pub(super) fn type_in(model: &mut Model, text: Typed, now: Now) -> Vec<Effect> {
    let Some(ask) = model.practice_mut().and_then(|p| p.ask.as_mut()) else {
        return vec![];
    };
    let result = match text {
        Typed::Key(input) if matches!(input.key, ratatui_textarea::Key::Enter) => Ok(false),
        Typed::Key(input) => edit_line(&mut ask.input, input),
        Typed::Paste(text) => paste_line(&mut ask.input, &sanitize(&text, true)),
    };
    if let Err(len) = result {
        flash(model, now, too_long("question", len), false);
    }
    vec![]
}
