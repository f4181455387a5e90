//! Second opinions: asking the user's reviewer command about the finished session on
//! screen, following its answer as it arrives, stopping it, and keeping it with the
//! session. Each request has a job number, so a report from one the user has already
//! left (stopped, then gone back) changes nothing.

use super::{flash, pop};
use crate::domain::transcript::Status;
use crate::reviewer::Ending;
use crate::tui::action::Effect;
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::{Model, Screen};
use crate::tui::opinion::{Opinion, State};

/// `o` on a session in review or on the scorecard.
pub(super) fn ask(model: &mut Model, now: Now) -> Vec<Effect> {
    let Some(Screen::Detail(d)) = model.screen() else {
        return vec![];
    };
    let t = &d.transcript;
    if t.header.status != Status::Complete {
        flash(
            model,
            now,
            "A second opinion is for a finished interview: end this one first.",
            false,
        );
        return vec![];
    }
    let id = t.header.id.clone();
    let Some(reviewer) = model.reviewer.clone() else {
        let pane = Opinion::unset(id, now, model.theme);
        model.stack.push(Screen::Opinion(Box::new(pane)));
        return vec![];
    };
    let problem = model
        .catalog
        .get(&t.header.problem_id)
        .cloned()
        .map(Box::new);
    let transcript = Box::new(t.clone());
    model.opinion_jobs += 1;
    let job = model.opinion_jobs;
    let pane = Opinion::new(job, id, reviewer.clone(), now, model.theme);
    model.stack.push(Screen::Opinion(Box::new(pane)));
    vec![Effect::AskReviewer {
        job,
        transcript,
        problem,
        reviewer,
    }]
}

pub(super) fn opinion_command(model: &mut Model, cmd: Cmd) -> Vec<Effect> {
    let area = crate::tui::view::opinion_text_area(model.size);
    let (width, height) = (area.width, area.height);
    let Some(Screen::Opinion(o)) = model.stack.last_mut() else {
        return vec![];
    };
    match cmd {
        Cmd::Down => o.scroll(true, 1, width, height),
        Cmd::Up => o.scroll(false, 1, width, height),
        Cmd::PageDown => o.scroll(true, usize::from(height.max(2) - 1), width, height),
        Cmd::PageUp => o.scroll(false, usize::from(height.max(2) - 1), width, height),
        Cmd::Top => {
            o.top = o.doc.top();
            o.follow = false;
        }
        Cmd::Bottom => {
            o.follow = true;
            o.keep_up(width, height);
        }
        Cmd::Back if o.state == State::Running => {
            o.state = State::Stopping;
            return vec![Effect::StopReviewer];
        }
        Cmd::Back => return pop(model),
        _ => {}
    }
    vec![]
}

/// The pane of request `job`, if the user is still on it.
fn pane(model: &mut Model, job: u64) -> Option<&mut Opinion> {
    model.stack.iter_mut().rev().find_map(|s| match s {
        Screen::Opinion(o) if o.job == job && o.state != State::Unset => Some(&mut **o),
        _ => None,
    })
}

pub(super) fn text(model: &mut Model, job: u64, text: &str) {
    let area = crate::tui::view::opinion_text_area(model.size);
    if let Some(o) = pane(model, job) {
        o.push(text);
        o.keep_up(area.width, area.height);
    }
}

pub(super) fn notes(model: &mut Model, job: u64, notes: Vec<String>) {
    if let Some(o) = pane(model, job) {
        o.note(notes);
    }
}

/// The command ended (or never started): keep its answer, or say why there is none.
pub(super) fn ended(
    model: &mut Model,
    job: u64,
    result: Result<Box<crate::reviewer::Outcome>, String>,
    now: Now,
) -> Vec<Effect> {
    let area = crate::tui::view::opinion_text_area(model.size);
    let Some(o) = pane(model, job) else {
        return vec![];
    };
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(why) => {
            o.end(State::Failed(format!("{why}. Nothing was sent.")), now.mono);
            return vec![];
        }
    };
    // The time the command itself took, for the status line as for the record.
    o.started = now.mono.checked_sub(outcome.duration).unwrap_or(o.started);
    if outcome.ending == Ending::Cancelled {
        o.end(State::Failed("Stopped. Nothing was kept.".into()), now.mono);
        return vec![];
    }
    let effects = match outcome.record(&o.reviewer, o.asked_at) {
        Ok(record) => {
            o.endnote(record.notes());
            o.end(State::Saving, now.mono);
            vec![Effect::SaveReview {
                job,
                id: o.session_id.clone(),
                record: Box::new(record),
            }]
        }
        Err(failure) => {
            o.end(
                State::Failed(format!("No answer to keep: {failure}.")),
                now.mono,
            );
            vec![]
        }
    };
    o.keep_up(area.width, area.height);
    effects
}

/// The answer was written into the session file (or not): the session beneath shows it
/// with its other second opinions.
pub(super) fn saved(
    model: &mut Model,
    job: u64,
    result: Result<Box<crate::domain::transcript::ReviewRecord>, String>,
    now: Now,
) {
    let (theme, keys, tz, charset, width) = (
        model.theme,
        model.keymap.clone(),
        model.tz.clone(),
        model.charset,
        model.size.width,
    );
    let Some(o) = pane(model, job) else {
        return;
    };
    let record = match result {
        Ok(record) => record,
        Err(why) => {
            o.end(
                State::Failed(format!(
                    "The answer is above, but it could not be kept with the session: {why}"
                )),
                now.mono,
            );
            return;
        }
    };
    o.end(State::Saved, now.mono);
    let id = o.session_id.clone();
    let detail = model.stack.iter_mut().rev().find_map(|s| match s {
        Screen::Detail(d) if d.transcript.header.id == id => Some(d),
        _ => None,
    });
    match detail {
        Some(d) => {
            d.transcript.reviews.push(*record);
            d.relayout(&theme, &keys, &tz, charset, width);
        }
        None => flash(model, now, "Second opinion kept with the session.", false),
    }
}
