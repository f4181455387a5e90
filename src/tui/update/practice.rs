//! The practice screen: steps and their clocks, the notes editor, saving, hints,
//! curveballs and ending the interview.

use super::{flash, pop};
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::scoring::{Overrides, score};
use crate::domain::templates::template;
use crate::domain::transcript::{CurveballRecord, Status};
use crate::tui::action::{Effect, Typed};
use crate::tui::calc_pane::{CalcTab, line_editor};
use crate::tui::clock::Now;
use crate::tui::keymap::{Cmd, Ctx};
use crate::tui::model::{
    AfterSave, AskBox, Model, Overlay, Practice, RETRY_AFTER, STEP_NOTES_MAX, Screen, fit_notes,
    size_text,
};

pub(super) fn practice_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let pause_for_editor = model.editor_pauses_clocks;
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    let complete = p.is_complete();
    match cmd {
        Cmd::Ask => {
            let return_to_editor = p.editing;
            p.set_editing(false);
            p.ask = Some(AskBox {
                input: line_editor("e.g. How many daily active users should I plan for?"),
                return_to_editor,
                last: None,
            });
        }
        Cmd::Hint => return reveal_hint(model, now),
        Cmd::OpenCalc => {
            p.calc.return_to_editor = p.editing;
            p.set_editing(false);
            p.calc.tab = Some(CalcTab::Calculator);
        }
        Cmd::EditNotes if complete => flash(
            model,
            now,
            "This interview has ended; its notes are read-only.",
            false,
        ),
        Cmd::EditNotes => {
            let on = !p.timers.is_paused();
            p.set_editing(on);
        }
        Cmd::LeaveEditor => p.set_editing(false),
        Cmd::NextStep | Cmd::PrevStep | Cmd::Jump(_)
            if let Some(step) = p.transcript.header.step_drill =>
        {
            let text = format!(
                "This drill is {} only; press {} to finish it and see its score.",
                step.title(),
                model.keymap.keys_for(Ctx::Practice, Cmd::EndInterview)
            );
            flash(model, now, text, false);
        }
        Cmd::NextStep | Cmd::PrevStep | Cmd::Jump(_) => {
            let cur = p.current();
            let to = match cmd {
                Cmd::NextStep => cur.next(),
                Cmd::PrevStep => cur.prev(),
                Cmd::Jump(n) => Step::from_index(usize::from(n)),
                _ => None,
            };
            if let Some(to) = to.filter(|&to| to != cur) {
                p.switch_to(to, now);
                return save(model, now, AfterSave::Stay).into_iter().collect();
            }
        }
        Cmd::TogglePause if complete => {}
        Cmd::TogglePause => {
            if p.timers.is_paused() {
                p.timers.resume(now.mono);
            } else {
                p.timers.pause(now.mono);
                p.set_editing(false);
            }
            p.mark_dirty(now);
            return save(model, now, AfterSave::Stay).into_iter().collect();
        }
        Cmd::InsertTemplate if !complete && !p.timers.is_paused() => {
            let text = template(p.current());
            if p.editor_mut().is_some_and(|e| e.insert_str(text)) {
                p.set_editing(true);
                p.mark_dirty(now);
            }
        }
        Cmd::Undo | Cmd::Redo if p.editing => {
            let changed = p
                .editor_mut()
                .is_some_and(|e| if cmd == Cmd::Undo { e.undo() } else { e.redo() });
            if changed {
                p.mark_dirty(now);
            }
        }
        Cmd::SaveNow => return save(model, now, AfterSave::Stay).into_iter().collect(),
        Cmd::EndInterview if complete => {
            flash(model, now, "This interview has already ended.", false)
        }
        Cmd::EndInterview => model.overlay = Some(Overlay::ConfirmEnd),
        Cmd::Palette if complete => flash(
            model,
            now,
            "This interview has ended; its notes are read-only.",
            false,
        ),
        Cmd::Palette => model.overlay = Some(Overlay::Palette { selected: 0 }),
        Cmd::ExternalEditor if complete => flash(
            model,
            now,
            "This interview has ended; its notes are read-only.",
            false,
        ),
        Cmd::ExternalEditor => {
            p.set_editing(false);
            let step = p.current();
            let text = p.notes();
            let id = p.transcript.header.id.clone();
            if pause_for_editor && !p.timers.is_paused() {
                p.timers.pause(now.mono);
                p.resume_after_editor = true;
            }
            return vec![Effect::EditExternally { id, step, text }];
        }
        Cmd::ToggleDiagram => {
            p.diagram = match p.diagram.take() {
                Some(_) => None,
                None => Some(Default::default()),
            };
        }
        Cmd::PageDown | Cmd::PageUp | Cmd::ScrollLeft | Cmd::ScrollRight
            if let Some(view) = &mut p.diagram =>
        {
            match cmd {
                Cmd::PageDown => view.top = view.top.saturating_add(3),
                Cmd::PageUp => view.top = view.top.saturating_sub(3),
                Cmd::ScrollRight => view.left = view.left.saturating_add(8),
                _ => view.left = view.left.saturating_sub(8),
            }
        }
        Cmd::PageDown => p.guidance_scroll = p.guidance_scroll.saturating_add(3),
        Cmd::PageUp => p.guidance_scroll = p.guidance_scroll.saturating_sub(3),
        Cmd::Back => {
            return match save(model, now, AfterSave::Back) {
                Some(e) => vec![e],
                None => pop(model),
            };
        }
        _ => {}
    }
    vec![]
}

pub(super) fn end_interview(model: &mut Model, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    p.timers.pause(now.mono);
    p.set_editing(false);
    p.transcript.header.status = Status::Complete;
    p.transcript.header.ended_at = Some(now.wall);
    let current = p.current();
    if let Some(r) = p.transcript.step_mut(current) {
        r.last_left_at = Some(now.wall);
    }
    let finished = p.snapshot(now);
    let card = p
        .problem
        .as_ref()
        .map(|pr| score(&finished, pr, &Overrides::new()));
    p.transcript.set_scorecard(card);
    p.mark_dirty(now);
    save(model, now, AfterSave::Ended).into_iter().collect()
}

/// A save effect for the open practice session, if there is one (and its id is this
/// process's: another window may be writing a file of the id an unreserved session
/// asked for).
pub(super) fn save(model: &mut Model, now: Now, then: AfterSave) -> Option<Effect> {
    let p = model.practice_mut().filter(|p| !p.unreserved)?;
    Some(Effect::Save {
        transcript: Box::new(p.snapshot(now)),
        changes: p.changes,
        then,
    })
}

/// The session opened as `asked` before the first frame has an id of its own now
/// (`asked`, or the next free one if another window took it first) and is saved at once;
/// or it could not get one, and is closed with the reason, as a failed start is.
pub(super) fn reserved(
    model: &mut Model,
    asked: &str,
    result: Result<String, String>,
    now: Now,
) -> Vec<Effect> {
    let is_it = |s: &Screen| matches!(s, Screen::Practice(p) if p.unreserved && p.transcript.header.id == asked);
    if !model.stack.last().is_some_and(is_it) {
        return vec![];
    }
    match result {
        Ok(id) => {
            if let Some(p) = model.practice_mut() {
                p.transcript.header.id = id;
                p.unreserved = false;
            }
            save(model, now, AfterSave::Stay).into_iter().collect()
        }
        Err(e) => {
            model.stack.pop();
            if model.stack.is_empty() {
                model.stack.push(Screen::Launcher(Default::default()));
            }
            flash(model, now, format!("Could not start a session: {e}"), true);
            vec![]
        }
    }
}

pub(super) fn saved(
    model: &mut Model,
    changes: u64,
    result: Result<std::path::PathBuf, String>,
    then: AfterSave,
    now: Now,
) -> Vec<Effect> {
    let quitting = model.quit;
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    match result {
        Ok(_) => {
            p.saved_changes = p.saved_changes.max(changes);
            if changes == p.changes {
                p.dirty_since = None;
            }
            p.save_error = None;
            p.retry_at = None;
            p.last_saved = Some(now.wall);
            p.last_save = now.mono;
            match then {
                AfterSave::Stay => {}
                AfterSave::Quit => model.quit = true,
                AfterSave::Back => return pop(model),
                AfterSave::Ended => {
                    let transcript = p.snapshot(now);
                    let detail = model.detail(transcript);
                    if let Some(top) = model.stack.last_mut() {
                        *top = Screen::Detail(Box::new(detail));
                    }
                }
            }
            vec![]
        }
        Err(error) => {
            p.dirty_since.get_or_insert(now.mono);
            p.retry_at = Some(now.mono + RETRY_AFTER);
            p.save_error = Some(error.clone());
            if quitting {
                // A signal is ending the process: keep the words somewhere.
                return vec![Effect::Rescue {
                    transcript: Box::new(p.snapshot(now)),
                    error,
                }];
            }
            if matches!(then, AfterSave::Quit | AfterSave::Back) {
                model.overlay = Some(Overlay::ConfirmLeaveUnsaved { error });
            }
            vec![]
        }
    }
}

/// Reveal the current step's next hint; each one is counted in the transcript.
fn reveal_hint(model: &mut Model, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    let step = p.current();
    let total = p.problem.as_ref().map_or(0, |pr| pr.step(step).hints.len());
    let used = p.transcript.step(step).map_or(0, |r| r.hints_used as usize);
    let message = if total == 0 {
        "This problem has no hints for this step.".to_string()
    } else if used >= total {
        format!("No more hints for this step ({total} of {total} shown).")
    } else {
        if let Some(r) = p.transcript.step_mut(step) {
            r.hints_used += 1;
        }
        p.mark_dirty(now);
        format!("Hint {} of {total} is in the guidance pane.", used + 1)
    };
    flash(model, now, message, false);
    vec![]
}

/// Throw each curveball of the current step once its minute has come.
pub(super) fn throw_curveballs(p: &mut Practice, now: Now) {
    if p.is_complete() || p.timers.is_paused() {
        return;
    }
    let step = p.current();
    let spent = p.timers.spent(step, now.mono);
    let due: Vec<(u32, String)> = p
        .problem
        .as_ref()
        .map(|pr| {
            pr.curveballs
                .iter()
                .filter(|c| c.step == step && spent.as_secs() >= u64::from(c.minute) * 60)
                .map(|c| (c.minute, c.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    for (minute, text) in due {
        let thrown = p
            .transcript
            .curveballs
            .iter()
            .any(|r| r.step == step && r.text == text);
        if !thrown {
            p.transcript.curveballs.push(CurveballRecord {
                step,
                minute,
                text: text.clone(),
            });
            p.banner = Some(text);
            p.mark_dirty(now);
        }
    }
}

/// Typed keys and pastes in the notes editor. A paste fills a step up to
/// [`STEP_NOTES_MAX`] and says what did not fit.
pub(super) fn type_notes(model: &mut Model, text: Typed, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut().filter(|p| !p.is_complete()) else {
        return vec![];
    };
    let text = match text {
        Typed::Key(input) => {
            if p.editor_mut().is_some_and(|e| e.input(input)) {
                p.mark_dirty(now);
            }
            return vec![];
        }
        Typed::Paste(text) => text,
    };
    let text = sanitize(&text.replace("\r\n", "\n").replace('\r', "\n"), false);
    let room = STEP_NOTES_MAX.saturating_sub(p.notes_len());
    let kept = fit_notes(&text, room);
    if !kept.is_empty() && p.editor_mut().is_some_and(|e| e.insert_str(kept)) {
        p.mark_dirty(now);
    }
    if kept.is_empty() && !text.is_empty() {
        let message = format!(
            "Not pasted: this step's notes already hold {}, and pastes fill a step up to {}.",
            size_text(STEP_NOTES_MAX - room),
            size_text(STEP_NOTES_MAX)
        );
        flash(model, now, message, true);
    } else if kept.len() < text.len() {
        let message = format!(
            "Pasted {} of {}: a step's notes take pastes up to {}, so the rest was not added.",
            size_text(kept.len()),
            size_text(text.len()),
            size_text(STEP_NOTES_MAX)
        );
        flash(model, now, message, true);
    }
    vec![]
}
