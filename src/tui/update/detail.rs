//! Reading one saved session (review and the scorecard), and opening a saved session to
//! read or to resume.

use super::practice::save;
use super::{flash, pop, replace_or_push};
use crate::domain::transcript::Status;
use crate::store::Listed;
use crate::tui::action::{Effect, Open};
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::{AfterSave, Detail, Model, Overlay, Practice, Screen};

pub(super) fn detail_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let area = crate::tui::view::detail_text_area(model.size);
    let (width, height) = (area.width, area.height);
    let (theme, tz, keys) = (model.theme, model.tz.clone(), model.keymap.clone());
    let Some(Screen::Detail(d)) = model.stack.last_mut() else {
        return vec![];
    };
    // Scrolling stops at the last screenful; the view clamps again at the size it draws.
    let scroll = |d: &mut Detail, down: bool, rows: usize| {
        let moved = if down {
            d.doc.down(d.top, rows, width)
        } else {
            d.doc.up(d.top, rows, width)
        };
        d.top = d.doc.clamp(moved, width, height);
    };
    match cmd {
        Cmd::Down => scroll(d, true, 1),
        Cmd::Up => scroll(d, false, 1),
        Cmd::PageDown => scroll(d, true, 10),
        Cmd::PageUp => scroll(d, false, 10),
        Cmd::Top => d.top = d.doc.top(),
        Cmd::Bottom => d.top = d.doc.bottom(width, height),
        Cmd::ResumeSession if d.transcript.header.status == Status::InProgress => {
            return vec![Effect::Open {
                id: d.transcript.header.id.clone(),
                purpose: Open::Resume,
            }];
        }
        Cmd::NextTab | Cmd::PrevTab => {
            let count = d
                .transcript
                .scorecard
                .as_ref()
                .map_or(0, |c| c.points().count() + c.estimates.len());
            if count > 0 {
                d.point = if cmd == Cmd::NextTab {
                    (d.point + 1) % count
                } else {
                    (d.point + count - 1) % count
                };
                d.refresh_head(&theme, &keys, &tz);
            }
        }
        Cmd::TogglePoint => {
            let selected = d.point;
            let history = d.transcript.calc.clone();
            let toggled = d.transcript.scorecard.as_mut().is_some_and(|c| {
                let points = c.points().count();
                if selected < points {
                    c.toggle_point(selected)
                } else {
                    c.pick_estimate(selected - points, &history)
                }
            });
            if toggled {
                let card = d.transcript.scorecard.take();
                d.transcript.set_scorecard(card);
                d.refresh_head(&theme, &keys, &tz);
                return vec![Effect::Store(Box::new(d.transcript.clone()))];
            }
            flash(
                model,
                now,
                "This session has no scorecard to adjust.",
                false,
            );
        }
        Cmd::ResumeSession => flash(
            model,
            now,
            "This interview is complete; start a new one to practise again.",
            false,
        ),
        Cmd::Back => return pop(model),
        _ => {}
    }
    vec![]
}

/// Select scorecard choice `n` of the session in review (a click on its line).
pub(super) fn select_point(model: &mut Model, n: usize) {
    let (theme, tz, keys) = (model.theme, model.tz.clone(), model.keymap.clone());
    if let Some(Screen::Detail(d)) = model.stack.last_mut()
        && n < d.choices.len()
    {
        d.point = n;
        d.refresh_head(&theme, &keys, &tz);
    }
}

pub(super) fn opened(
    model: &mut Model,
    id: &str,
    purpose: Open,
    result: Result<Box<crate::domain::transcript::Transcript>, String>,
    now: Now,
) -> Vec<Effect> {
    let transcript = match result {
        Ok(t) => *t,
        Err(e) => {
            // Lists read only summaries; once the whole file has failed, show it as the
            // unreadable file it is, so Resume moves on to the next one.
            if let Some(entry) = std::sync::Arc::make_mut(&mut model.sessions)
                .iter_mut()
                .find(|l| l.id() == id)
            {
                *entry = Listed::Unreadable {
                    id: id.to_string(),
                    error: e.clone(),
                };
            }
            if matches!(model.overlay, Some(Overlay::HeldElsewhere { .. })) {
                model.overlay = None;
            }
            flash(model, now, e, true);
            return vec![];
        }
    };
    if matches!(model.overlay, Some(Overlay::HeldElsewhere { .. })) {
        model.overlay = None;
    }
    match purpose {
        Open::Review => {
            let detail = model.detail(transcript);
            model.stack.push(Screen::Detail(Box::new(detail)));
            vec![]
        }
        Open::Resume if transcript.header.status == Status::Complete => {
            flash(
                model,
                now,
                "That interview is complete and cannot be resumed.",
                true,
            );
            vec![]
        }
        Open::Resume => {
            let problem = model.catalog.shared(&transcript.header.problem_id);
            let practice = Practice::open(transcript, problem, now, &model.keymap, &model.defaults);
            replace_or_push(model, Screen::Practice(Box::new(practice)), |s| {
                matches!(s, Screen::Detail(_))
            });
            save(model, now, AfterSave::Stay).into_iter().collect()
        }
    }
}

/// The session is open for writing in another window: show it read-only here, and offer
/// to take it over once that window lets go. While waiting, a retry comes every second.
pub(super) fn held_elsewhere(
    model: &mut Model,
    transcript: crate::domain::transcript::Transcript,
    pid: Option<u32>,
    now: Now,
) -> Vec<Effect> {
    let waiting = match &model.overlay {
        Some(Overlay::HeldElsewhere { retry_at, .. }) => retry_at.is_some(),
        _ => false,
    };
    let id = transcript.header.id.clone();
    let detail = Screen::Detail(Box::new(model.detail(transcript)));
    replace_or_push(
        model,
        detail,
        |s| matches!(s, Screen::Detail(d) if d.transcript.header.id == id),
    );
    model.overlay = Some(Overlay::HeldElsewhere {
        id,
        pid,
        retry_at: waiting.then_some(now.mono + HELD_RETRY),
    });
    vec![]
}

/// How often a window waiting to take over a session checks whether it is free.
pub(super) const HELD_RETRY: std::time::Duration = std::time::Duration::from_secs(1);
