//! Review's two lists: saved sessions and drills.

use super::{flash, list_key, pop};
use crate::domain::transcript::Header;
use crate::store::Listed;
use crate::tui::action::{Effect, Open};
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::{DrillRow, Menu, Model, Screen};

pub(super) fn review_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let count = model.interview_list().len();
    let Some(Screen::Review(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    let Some(cmd) = list_key(menu, cmd, count) else {
        return vec![];
    };
    let selected = menu.selected;
    match cmd {
        Cmd::Select => match model.interview_list().get(selected).map(|l| (*l).clone()) {
            Some(Listed::Ok(h)) => vec![Effect::Open {
                id: h.id,
                purpose: Open::Review,
            }],
            Some(Listed::Unreadable { id, error }) => {
                let text = format!("{id} is unreadable: {error}");
                flash(model, now, text, true);
                vec![]
            }
            None => vec![],
        },
        Cmd::NextTab => {
            if let Some(top) = model.stack.last_mut() {
                *top = Screen::Drills(Menu::default());
            }
            vec![Effect::LoadDrills]
        }
        Cmd::Compare => {
            let list = model.interview_list();
            let newer = match list.get(selected) {
                Some(Listed::Ok(h)) => Some(h),
                _ => None,
            };
            let headers = list.iter().filter_map(|l| match l {
                Listed::Ok(h) => Some(h),
                Listed::Unreadable { .. } => None,
            });
            match newer.and_then(|h| previous_attempt(h, headers)) {
                Some((older, newer)) => vec![Effect::Compare { older, newer }],
                None => {
                    flash(
                        model,
                        now,
                        "No earlier readable attempt at this problem to compare with.",
                        false,
                    );
                    vec![]
                }
            }
        }
        Cmd::Back => pop(model),
        _ => vec![],
    }
}

/// The drills list: move, open one, compare step drills, Tab back to sessions.
pub(super) fn drills_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let count = model.drill_list().len();
    let Some(Screen::Drills(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    let Some(cmd) = list_key(menu, cmd, count) else {
        return vec![];
    };
    let selected = menu.selected;
    let rows = model.drill_list();
    match (cmd, rows.get(selected)) {
        (Cmd::Select, Some(DrillRow::Record(Ok(r)))) => {
            let record = Box::new(r.clone());
            model.stack.push(Screen::DrillDetail(record));
            vec![]
        }
        (Cmd::Select, Some(DrillRow::Step(h))) => vec![Effect::Open {
            id: h.id.clone(),
            purpose: Open::Review,
        }],
        (Cmd::Select, Some(DrillRow::Record(Err((id, e))))) => {
            let text = format!("{id} is unreadable: {e}");
            flash(model, now, text, true);
            vec![]
        }
        (Cmd::Compare, Some(DrillRow::Step(h))) => {
            let steps = rows.iter().filter_map(|r| match r {
                DrillRow::Step(h) => Some(*h),
                DrillRow::Record(_) => None,
            });
            match previous_attempt(h, steps) {
                Some((older, newer)) => vec![Effect::Compare { older, newer }],
                None => {
                    let text = "No earlier drill of this step on this problem to compare with.";
                    flash(model, now, text, false);
                    vec![]
                }
            }
        }
        (Cmd::Compare, _) => {
            let text = "Compare works on mock interviews and step drills.";
            flash(model, now, text, false);
            vec![]
        }
        (Cmd::NextTab, _) => {
            if let Some(top) = model.stack.last_mut() {
                *top = Screen::Review(Menu::default());
            }
            vec![Effect::LoadSessions]
        }
        (Cmd::Back, _) => pop(model),
        _ => vec![],
    }
}

/// `newer` and the next older attempt at the same thing (same problem, and the same step
/// for a step drill) among `listed`, which runs newest first, as (older, newer) ids.
fn previous_attempt<'a>(
    newer: &Header,
    listed: impl Iterator<Item = &'a Header>,
) -> Option<(String, String)> {
    listed
        .skip_while(|h| h.id != newer.id)
        .skip(1)
        .find(|h| h.problem_id == newer.problem_id && h.step_drill == newer.step_drill)
        .map(|h| (h.id.clone(), newer.id.clone()))
}
