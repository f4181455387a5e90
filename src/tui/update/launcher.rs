//! The launcher, the problem picker and the step-drill chooser: what to do next.

use super::{flash, list_key, pop, update};
use crate::domain::framework::Step;
use crate::domain::stats::Next;
use crate::tui::action::{Action, Effect, Open};
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::{LauncherItem, Menu, Model, Screen, StepPick, launcher_items};

/// An estimation drill from the launcher: five questions, 90 seconds each.
pub const ESTIMATE_QUESTIONS: usize = 5;

pub const ESTIMATE_SECONDS: u64 = 90;

pub(super) fn launcher_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let items = launcher_items(model);
    let Some(Screen::Launcher(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    let Some(cmd) = list_key(menu, cmd, items.len()) else {
        return vec![];
    };
    match cmd {
        Cmd::Select => match items.get(menu.selected) {
            Some(LauncherItem::Practise) => model.stack.push(Screen::Picker(Menu::default())),
            Some(LauncherItem::Resume { id, .. }) => {
                return vec![Effect::Open {
                    id: id.clone(),
                    purpose: Open::Resume,
                }];
            }
            Some(LauncherItem::Review) => {
                model.stack.push(Screen::Review(Menu::default()));
                return vec![Effect::LoadSessions, Effect::LoadDrills];
            }
            Some(LauncherItem::Progress) => return vec![Effect::LoadHistory { open: true }],
            Some(LauncherItem::Next(next)) => return start_next(model, *next, now),
            Some(LauncherItem::Cards) => return vec![Effect::LoadCards { drill: Some(None) }],
            Some(LauncherItem::StepDrill) => {
                model.stack.push(Screen::StepPick(StepPick::default()));
            }
            Some(LauncherItem::Estimate) => {
                let seed = now.wall.as_second().unsigned_abs();
                let (count, secs) = model.defaults.estimate_drill();
                return update(model, Action::StartEstimate { seed, count, secs }, now);
            }
            Some(LauncherItem::Quit) | None => model.quit = true,
        },
        Cmd::Back => model.quit = true,
        _ => {}
    }
    let _ = now;
    vec![]
}

/// The catalogue's problem ids, in the order the pickers list them.
fn problem_ids(model: &Model) -> Vec<String> {
    model
        .catalog
        .problems()
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

pub(super) fn picker_command(model: &mut Model, cmd: Cmd) -> Vec<Effect> {
    let ids = problem_ids(model);
    let Some(Screen::Picker(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    let Some(cmd) = list_key(menu, cmd, ids.len()) else {
        return vec![];
    };
    match cmd {
        Cmd::Select => ids
            .get(menu.selected)
            .map(|id| Effect::StartSession {
                problem_id: id.clone(),
                step: None,
            })
            .into_iter()
            .collect(),
        Cmd::Back => pop(model),
        _ => vec![],
    }
}

/// The step-drill chooser: Enter on a step lists problems (any, then each); Enter on a
/// problem starts the drill; Esc goes back a level.
pub(super) fn step_pick_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let problems = problem_ids(model);
    let Some(Screen::StepPick(pick)) = model.stack.last_mut() else {
        return vec![];
    };
    let len = match pick.step {
        None => Step::ALL.len(),
        Some(_) => problems.len() + 1,
    };
    let Some(cmd) = list_key(&mut pick.menu, cmd, len) else {
        return vec![];
    };
    match (cmd, pick.step) {
        (Cmd::Select, None) => {
            pick.step = Step::from_index(pick.menu.selected);
            pick.menu = Menu::default();
            vec![]
        }
        (Cmd::Select, Some(step)) => {
            let problem = pick
                .menu
                .selected
                .checked_sub(1)
                .and_then(|i| problems.get(i).cloned());
            let seed = now.wall.as_nanosecond().unsigned_abs() as u64;
            start_step_drill(model, problem, Some(step), seed, now)
        }
        (Cmd::Back, Some(step)) => {
            pick.step = None;
            pick.menu.selected = step.index();
            vec![]
        }
        (Cmd::Back, None) => pop(model),
        _ => vec![],
    }
}

/// Reserve a session for a step drill, choosing a missing problem or step from `seed`.
pub(super) fn start_step_drill(
    model: &mut Model,
    problem: Option<String>,
    step: Option<Step>,
    seed: u64,
    now: Now,
) -> Vec<Effect> {
    let mut rng = crate::domain::estimate_drill::Rng::new(seed);
    let step = step.or_else(|| rng.pick(&Step::ALL).copied());
    let problem_id = problem.or_else(|| rng.pick(&model.catalog.problems()).map(|p| p.id.clone()));
    match (problem_id, step) {
        (Some(problem_id), Some(step)) => vec![Effect::StartSession {
            problem_id,
            step: Some(step),
        }],
        _ => {
            flash(model, now, "No problems loaded to drill on.", true);
            vec![]
        }
    }
}

/// Start what the launcher suggested.
fn start_next(model: &mut Model, next: Next, now: Now) -> Vec<Effect> {
    match next {
        Next::Interview => model.stack.push(Screen::Picker(Menu::default())),
        Next::StepDrill(step) => model.stack.push(Screen::StepPick(StepPick {
            menu: Menu::default(),
            step: Some(step),
        })),
        Next::Estimate => {
            let seed = now.wall.as_second().unsigned_abs();
            let (count, secs) = model.defaults.estimate_drill();
            return update(model, Action::StartEstimate { seed, count, secs }, now);
        }
        Next::Cards => return vec![Effect::LoadCards { drill: Some(None) }],
    }
    vec![]
}
