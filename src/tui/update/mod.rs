//! The only place the model changes. `update` takes the time as an argument and returns
//! effects for the runner to carry out, so every behaviour here is testable without a
//! terminal, a clock or a disk.
//!
//! One file per screen or pane, mirroring `view/`. This one asks the model who has the
//! keyboard ([`Model::focus`]) once per key and hands the key, the typed text or the
//! paste to that screen's file; nothing else decides where input goes.

mod ask;
mod calc;
mod cards;
mod detail;
mod estimate;
pub(crate) mod launcher;
mod lists;
mod opinion;
mod overlay;
mod practice;

use super::action::{Action, Effect, Open, Typed};
use super::clock::Now;
use super::keymap::{Cmd, Ctx};
use super::model::{
    AfterSave, FLASH_FOR, Flash, Menu, Model, Overlay, Practice, Screen, launcher_items,
};
use crate::domain::transcript::Transcript;

pub fn update(model: &mut Model, action: Action, now: Now) -> Vec<Effect> {
    let effects = act(model, action, now);
    // The diagram view follows the notes whatever changed them.
    let charset = model.charset;
    if let Some(p) = model.practice_mut() {
        p.refresh_diagram(charset);
    }
    effects
}

fn act(model: &mut Model, action: Action, now: Now) -> Vec<Effect> {
    model.now = now;
    match action {
        Action::Cmd(cmd) => {
            // A message lasts until the next key, never hiding the hint bar across keys.
            model.flash = None;
            command(model, cmd, now)
        }
        Action::Type(text) => {
            model.flash = None;
            typed(model, text, now)
        }
        Action::Click { column, row } => {
            model.flash = None;
            click(model, column, row, now)
        }
        Action::Wheel { down } => wheel(model, down, now),
        Action::Tick => tick(model, now),
        Action::Theme(theme) => {
            if model.theme != theme {
                model.theme = theme;
                // Review and the second-opinion pane laid their text out in the old colours.
                let (keys, tz, charset, width) = (
                    model.keymap.clone(),
                    model.tz.clone(),
                    model.charset,
                    model.size.width,
                );
                for screen in &mut model.stack {
                    match screen {
                        Screen::Detail(d) => d.relayout(&theme, &keys, &tz, charset, width),
                        Screen::Opinion(o) => o.set_theme(theme),
                        _ => {}
                    }
                }
            }
            vec![]
        }
        Action::Resize { width, height } => {
            model.size = ratatui::layout::Size::new(width, height);
            vec![]
        }
        Action::Signal => {
            model.quit = true;
            practice::save(model, now, AfterSave::Quit)
                .into_iter()
                .collect()
        }
        Action::SessionsLoaded(list) => {
            model.sessions = list;
            model.sessions_listed = true;
            model.sessions_error = None;
            clamp_menus(model);
            vec![]
        }
        Action::SessionsUnreadable(e) => {
            model.sessions = Default::default();
            model.sessions_listed = true;
            model.sessions_error = Some(e.clone());
            clamp_menus(model);
            flash(model, now, e, true);
            vec![]
        }
        Action::Started {
            problem_id,
            session_id,
            step,
            reserved,
        } => {
            let Some(problem) = model.catalog.shared(&problem_id) else {
                flash(model, now, format!("no problem {problem_id:?}"), true);
                return vec![];
            };
            let mut transcript = match step {
                Some(step) => Transcript::start_drill(session_id, &problem, step, now.wall),
                None => Transcript::start(session_id, &problem, now.wall),
            };
            // The user's budgets, where the config sets them.
            for r in &mut transcript.steps {
                if let Some(Some(m)) = model.defaults.minutes.get(r.step.index()) {
                    r.budget_secs = u64::from(*m) * 60;
                }
            }
            let mut practice = Practice::open(
                transcript,
                Some(problem),
                now,
                &model.keymap,
                &model.defaults,
            );
            practice.unreserved = !reserved;
            replace_or_push(model, Screen::Practice(Box::new(practice)), |s| {
                matches!(s, Screen::Picker(_) | Screen::StepPick(_))
            });
            // Create the file at once so the session is resumable from its first second
            // (an unreserved one once it is reserved).
            practice::save(model, now, AfterSave::Stay)
                .into_iter()
                .collect()
        }
        Action::Reserved { asked, result } => practice::reserved(model, &asked, result, now),
        Action::Opened {
            id,
            purpose,
            result,
        } => detail::opened(model, &id, purpose, result, now),
        Action::HeldElsewhere { transcript, pid } => {
            detail::held_elsewhere(model, *transcript, pid, now)
        }
        Action::Notice { text, error } => {
            flash(model, now, text, error);
            vec![]
        }
        Action::EditedExternally { step, result } => {
            let Some(p) = model.practice_mut() else {
                return vec![];
            };
            if std::mem::take(&mut p.resume_after_editor) && p.timers.is_paused() {
                p.timers.resume(now.mono);
            }
            let text = match result {
                Ok(text) => crate::store::editing::as_notes(&text).to_string(),
                Err(e) => {
                    flash(model, now, format!("Your notes are unchanged: {e}"), true);
                    return vec![];
                }
            };
            if text.len() > crate::tui::model::STEP_NOTES_MAX {
                let text = format!(
                    "The editor's text is over {}: the notes are unchanged, and its file is \
                     kept in the data folder's editing/ folder.",
                    crate::tui::model::size_text(crate::tui::model::STEP_NOTES_MAX)
                );
                flash(model, now, text, true);
                return vec![];
            }
            if let Some(ta) = p.editors.get_mut(step.index())
                && ta.lines().join("\n") != text
            {
                // A replacement in the editor's history, so undo takes it back.
                ta.select_all();
                ta.insert_str(&text);
                p.mark_dirty(now);
            }
            practice::save(model, now, AfterSave::Stay)
                .into_iter()
                .collect()
        }
        Action::Saved {
            changes,
            result,
            then,
        } => practice::saved(model, changes, result, then, now),
        Action::Compared(Ok(pair)) => {
            model.stack.push(Screen::Compare(pair));
            vec![]
        }
        Action::Compared(Err(e)) => {
            flash(model, now, e, true);
            vec![]
        }
        Action::StartStepDrill {
            problem,
            step,
            seed,
        } => launcher::start_step_drill(model, problem, step, seed, now),
        Action::StartEstimate { seed, count, secs } => {
            let stamp = now.wall.to_zoned_datetime(jiff::tz::TimeZone::UTC);
            let id = format!("{}-estimate-{seed}", stamp.strftime("%Y-%m-%d-%H%M%S"));
            let limit = std::time::Duration::from_secs(secs);
            let drill = crate::tui::estimate::EstimateDrill::new(
                id, seed, count, limit, now.wall, now.mono,
            );
            model.stack.push(Screen::Estimate(Box::new(drill)));
            vec![]
        }
        Action::FirstFrame => {
            // The first screen was drawn from only what it needed; read the rest now.
            let mut effects = Vec::new();
            if !model.catalog_complete {
                effects.push(Effect::LoadCatalog);
            }
            if !model.sessions_listed {
                effects.push(Effect::LoadSessions);
            }
            if let Some(Screen::Launcher(_)) = model.screen() {
                effects.push(Effect::LoadCards { drill: None });
                effects.push(Effect::LoadHistory { open: false });
            }
            effects
        }
        Action::CatalogLoaded(catalog) => {
            model.catalog = *catalog;
            model.catalog_complete = true;
            // A session opened from the first screen's catalogue may hold only what that
            // frame showed of its problem: it takes the whole problem now, before any key.
            for screen in &mut model.stack {
                if let Screen::Practice(p) = screen
                    && let Some(whole) = model.catalog.shared(&p.transcript.header.problem_id)
                {
                    p.problem = Some(whole);
                }
            }
            clamp_menus(model);
            vec![]
        }
        Action::CardsLoaded { drill, result } => match result {
            Ok(loaded) => {
                let (decks, schedule) = *loaded;
                let today = now.wall.to_zoned_datetime(model.tz.clone()).date();
                let per_day = model.defaults.cards_per_day();
                model.cards_due = Some(crate::domain::schedule::due_today(
                    &decks, &schedule, today, per_day,
                ));
                if let Some(deck) = drill {
                    let stamp = now.wall.to_zoned_datetime(jiff::tz::TimeZone::UTC);
                    let id = format!("{}-concepts", stamp.strftime("%Y-%m-%d-%H%M%S"));
                    let record = crate::tui::cards::concepts_record(id, now.wall);
                    let drill = crate::tui::cards::CardDrill::new(
                        &decks,
                        schedule,
                        deck.as_deref(),
                        today,
                        per_day,
                        now.mono,
                        record,
                    );
                    model.stack.push(Screen::Cards(Box::new(drill)));
                }
                vec![]
            }
            Err(e) => {
                flash(model, now, e, true);
                vec![]
            }
        },
        Action::DrillsLoaded(list) => {
            model.drills = list;
            vec![]
        }
        Action::ScheduleSaved(Ok(())) => vec![],
        Action::ScheduleSaved(Err(e)) => {
            flash(
                model,
                now,
                format!("Could not save the card schedule: {e}"),
                true,
            );
            vec![]
        }
        Action::HistoryLoaded { history, open } => {
            let today = now.wall.to_zoned_datetime(model.tz.clone()).date();
            let stats = crate::domain::stats::compute(&history, today, &model.tz);
            model.stats = Some(Box::new(stats));
            clamp_menus(model);
            if open {
                model.stack.push(Screen::Stats);
            }
            vec![]
        }
        Action::OpinionText { job, text } => {
            opinion::text(model, job, &text);
            vec![]
        }
        Action::OpinionNotes { job, notes } => {
            opinion::notes(model, job, notes);
            vec![]
        }
        Action::OpinionEnded { job, result } => opinion::ended(model, job, result, now),
        Action::ReviewSaved { job, result } => {
            opinion::saved(model, job, result, now);
            vec![]
        }
        Action::Stored(Ok(_)) => vec![],
        Action::Stored(Err(e)) => {
            flash(model, now, format!("Could not save: {e}"), true);
            vec![]
        }
    }
}

/// A click on something the screen offers does what choosing it with keys does: a list
/// entry or a palette block is moved to and opened (as Enter), a step or a calculator tab
/// is gone to, a scorecard line is selected (marking it stays a key, as it changes the
/// score).
fn click(model: &mut Model, column: u16, row: u16, now: Now) -> Vec<Effect> {
    use crate::tui::view::hit::{Target, target};
    match target(model, column, row) {
        Some(Target::Step(step)) => {
            let n = u8::try_from(step.index()).unwrap_or(0);
            practice::practice_command(model, Cmd::Jump(n), now)
        }
        Some(Target::Entry(i)) => {
            let menu = match model.stack.last_mut() {
                Some(
                    Screen::Launcher(m) | Screen::Picker(m) | Screen::Review(m) | Screen::Drills(m),
                ) => m,
                Some(Screen::StepPick(pick)) => &mut pick.menu,
                _ => return vec![],
            };
            menu.selected = i;
            command(model, Cmd::Select, now)
        }
        Some(Target::Block(i)) => {
            model.overlay = Some(Overlay::Palette { selected: i });
            command(model, Cmd::Select, now)
        }
        Some(Target::Point(i)) => {
            detail::select_point(model, i);
            vec![]
        }
        Some(Target::CalcTab(tab)) => {
            if let Some(p) = model.practice_mut() {
                p.calc.tab = Some(tab);
            }
            vec![]
        }
        None => vec![],
    }
}

/// The wheel scrolls what has the keyboard: lists, review, help and the cheat sheets by
/// lines, the practice screen's guidance (or diagram) by pages.
fn wheel(model: &mut Model, down: bool, now: Now) -> Vec<Effect> {
    let cmd = match model.focus() {
        Ctx::Editor | Ctx::Practice | Ctx::Paused if down => Cmd::PageDown,
        Ctx::Editor | Ctx::Practice | Ctx::Paused => Cmd::PageUp,
        Ctx::List | Ctx::Detail | Ctx::Opinion | Ctx::Help | Ctx::Cheats | Ctx::Palette if down => {
            Cmd::Down
        }
        Ctx::List | Ctx::Detail | Ctx::Opinion | Ctx::Help | Ctx::Cheats | Ctx::Palette => Cmd::Up,
        _ => return vec![],
    };
    command(model, cmd, now)
}

/// A key bound in the keymap, for whoever has the focus.
fn command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    if cmd == Cmd::Quit {
        return quit(model, now);
    }
    let focus = model.focus();
    if cmd == Cmd::Help && !matches!(focus, Ctx::Help | Ctx::Confirm) {
        model.overlay = Some(Overlay::Help { scroll: 0 });
        return vec![];
    }
    match focus {
        Ctx::Help | Ctx::Confirm | Ctx::Palette => overlay::overlay_command(model, cmd, now),
        Ctx::Editor | Ctx::Practice | Ctx::Paused => practice::practice_command(model, cmd, now),
        Ctx::Ask => ask::ask_command(model, cmd, now),
        Ctx::Calc | Ctx::Sheet | Ctx::Cheats => calc::calc_command(model, cmd, now),
        Ctx::Detail if cmd == Cmd::SecondOpinion => opinion::ask(model, now),
        Ctx::Detail => detail::detail_command(model, cmd, now),
        Ctx::Opinion => opinion::opinion_command(model, cmd),
        Ctx::Cards => cards::cards_command(model, cmd),
        Ctx::Estimate => estimate::estimate_command(model, cmd, now),
        Ctx::Summary => match cmd {
            Cmd::Back => pop(model),
            _ => vec![],
        },
        Ctx::List | Ctx::Global => match model.screen() {
            Some(Screen::Launcher(_)) => launcher::launcher_command(model, cmd, now),
            Some(Screen::Picker(_)) => launcher::picker_command(model, cmd),
            Some(Screen::StepPick(_)) => launcher::step_pick_command(model, cmd, now),
            Some(Screen::Review(_)) => lists::review_command(model, cmd, now),
            Some(Screen::Drills(_)) => lists::drills_command(model, cmd, now),
            Some(_) => vec![],
            None => {
                model.quit = true;
                vec![]
            }
        },
    }
}

/// Typed text or a paste, for whoever has the focus; where nothing takes text (a list,
/// help over the ask box) it goes nowhere.
fn typed(model: &mut Model, text: Typed, now: Now) -> Vec<Effect> {
    match model.focus() {
        Ctx::Editor => practice::type_notes(model, text, now),
        Ctx::Calc | Ctx::Sheet => calc::type_in(model, text, now),
        Ctx::Ask => ask::type_in(model, text, now),
        Ctx::Estimate => estimate::type_in(model, text),
        _ => vec![],
    }
}

fn quit(model: &mut Model, now: Now) -> Vec<Effect> {
    match practice::save(model, now, AfterSave::Quit) {
        Some(effect) => vec![effect],
        None => {
            model.quit = true;
            vec![]
        }
    }
}

fn tick(model: &mut Model, now: Now) -> Vec<Effect> {
    if model.flash.as_ref().is_some_and(|f| f.until <= now.mono) {
        model.flash = None;
    }
    if let Some(Overlay::HeldElsewhere {
        id,
        retry_at: Some(at),
        ..
    }) = &mut model.overlay
        && *at <= now.mono
    {
        *at = now.mono + detail::HELD_RETRY;
        return vec![Effect::Open {
            id: id.clone(),
            purpose: Open::Resume,
        }];
    }
    if let Some(p) = model.practice_mut() {
        practice::throw_curveballs(p, now);
    }
    if let Some(Screen::Estimate(d)) = model.stack.last_mut()
        && !d.feedback
        && !d.finished()
        && d.remaining(now.mono).is_zero()
    {
        d.time_out(now.mono);
        return vec![Effect::SaveDrill(Box::new(d.record.clone()))];
    }
    let due = model
        .practice()
        .and_then(|p| p.save_due())
        .is_some_and(|at| at <= now.mono);
    if due {
        return practice::save(model, now, AfterSave::Stay)
            .into_iter()
            .collect();
    }
    vec![]
}

/// Leave the current screen; an empty stack quits. Lists refresh on return.
fn pop(model: &mut Model) -> Vec<Effect> {
    model.stack.pop();
    match model.stack.last() {
        None => {
            model.quit = true;
            vec![]
        }
        Some(Screen::Launcher(_)) => {
            vec![Effect::LoadSessions, Effect::LoadHistory { open: false }]
        }
        Some(Screen::Review(_)) => vec![Effect::LoadSessions],
        Some(_) => vec![],
    }
}

fn replace_or_push(model: &mut Model, screen: Screen, replace: impl Fn(&Screen) -> bool) {
    match model.stack.last_mut() {
        Some(top) if replace(top) => *top = screen,
        _ => model.stack.push(screen),
    }
}

/// A list's own keys, on a list of `len` entries: a move is done here (`None`); a digit
/// selects its entry and comes back as `Select`; any other command comes back as it was.
fn list_key(menu: &mut Menu, cmd: Cmd, len: usize) -> Option<Cmd> {
    let last = len.saturating_sub(1);
    menu.selected = match cmd {
        Cmd::Up => menu.selected.saturating_sub(1),
        Cmd::Down => (menu.selected + 1).min(last),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        Cmd::Pick(n) if usize::from(n) < len => {
            menu.selected = usize::from(n);
            return Some(Cmd::Select);
        }
        Cmd::Pick(_) => return None,
        _ => return Some(cmd),
    };
    None
}

fn clamp_menus(model: &mut Model) {
    let launcher_len = launcher_items(model).len();
    let sessions_len = model.interview_list().len();
    let drills_len = model.drill_list().len();
    for screen in &mut model.stack {
        match screen {
            Screen::Launcher(m) => m.selected = m.selected.min(launcher_len.saturating_sub(1)),
            Screen::Review(m) => m.selected = m.selected.min(sessions_len.saturating_sub(1)),
            Screen::Drills(m) => m.selected = m.selected.min(drills_len.saturating_sub(1)),
            _ => {}
        }
    }
}

fn flash(model: &mut Model, now: Now, text: impl Into<String>, error: bool) {
    model.flash = Some(Flash {
        text: text.into(),
        error,
        until: now.mono + FLASH_FOR,
    });
}
