//! The only place the model changes. `update` takes the time as an argument and returns
//! effects for the runner to carry out, so every behaviour here is testable without a
//! terminal, a clock or a disk.

use super::action::{Action, Effect, Open};
use super::calc_pane::{
    CalcTab, edit_line, line, line_editor, note_line, paste_line, set_line, too_long,
};
use super::cards::CardDrill;
use super::clock::Now;
use super::estimate::EstimateDrill;
use super::keymap::Cmd;
use super::model::{
    AfterSave, AskBox, Detail, DrillRow, FLASH_FOR, Flash, Menu, Model, Overlay, Practice,
    RETRY_AFTER, STEP_NOTES_MAX, Screen, StepPick, fit_notes, size_text,
};
use crate::calc::sheet::Input;
use crate::domain::coaching::NO_ANSWER;
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::schedule::due_today;
use crate::domain::scoring::{Overrides, score};
use crate::domain::stats::{Next, Suggestion, suggest};
use crate::domain::templates::template;
use crate::domain::transcript::{CurveballRecord, Header, QuestionRecord, Status};
use crate::store::Listed;

/// An estimation drill from the launcher: five questions, 90 seconds each.
pub const ESTIMATE_QUESTIONS: usize = 5;
pub const ESTIMATE_SECONDS: u64 = 90;

/// Entries of the launcher menu, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LauncherItem {
    /// What the stats suggest practising next.
    Next(Next),
    Practise,
    Resume {
        id: String,
        title: String,
    },
    Review,
    Cards,
    Estimate,
    StepDrill,
    Progress,
    Quit,
}

pub fn launcher_items(model: &Model) -> Vec<LauncherItem> {
    let mut items = Vec::new();
    if let Some(s) = suggestion(model) {
        items.push(LauncherItem::Next(s.next));
    }
    items.push(LauncherItem::Practise);
    if let Some(h) = model.unfinished().next() {
        let title = match h.step_drill {
            Some(step) => format!("{} · {} drill", h.title, step.title()),
            None => h.title.clone(),
        };
        items.push(LauncherItem::Resume {
            id: h.id.clone(),
            title,
        });
    }
    items.push(LauncherItem::Review);
    items.push(LauncherItem::Cards);
    items.push(LauncherItem::Estimate);
    items.push(LauncherItem::StepDrill);
    items.push(LauncherItem::Progress);
    items.push(LauncherItem::Quit);
    items
}

pub fn update(model: &mut Model, action: Action, now: Now) -> Vec<Effect> {
    model.now = now;
    match action {
        Action::Cmd(cmd) => command(model, cmd, now),
        Action::Edit(input) => {
            if let Some(Screen::Estimate(d)) = model.stack.last_mut() {
                let typing = !d.feedback && !matches!(input.key, ratatui_textarea::Key::Enter);
                if typing {
                    match edit_line(&mut d.input, input) {
                        Ok(true) => d.error = None,
                        Ok(false) => {}
                        Err(len) => d.error = Some(too_long("answer", len)),
                    }
                }
            } else if let Some(ask) = model.practice_mut().and_then(|p| p.ask.as_mut()) {
                if !matches!(input.key, ratatui_textarea::Key::Enter)
                    && let Err(len) = edit_line(&mut ask.input, input)
                {
                    flash(model, now, too_long("question", len), false);
                }
            } else if let Some(p) = calc_open(model) {
                if let Some(message) = calc_edit(p, input, now) {
                    flash(model, now, message, false);
                }
            } else if let Some(p) = editable(model) {
                let changed = p.editor_mut().is_some_and(|e| e.input(input));
                if changed {
                    p.mark_dirty(now);
                }
            }
            vec![]
        }
        Action::Paste(text) => {
            if let Some(ask) = model.practice_mut().and_then(|p| p.ask.as_mut()) {
                if let Err(len) = paste_line(&mut ask.input, &sanitize(&text, true)) {
                    flash(model, now, too_long("question", len), false);
                }
            } else if let Some(p) = calc_open(model) {
                let one_line = sanitize(&text, true);
                if let Some(message) = calc_paste(p, &one_line, now) {
                    flash(model, now, message, false);
                }
            } else if let Some(p) = editable(model) {
                let text = sanitize(&text.replace("\r\n", "\n").replace('\r', "\n"), false);
                let room = STEP_NOTES_MAX.saturating_sub(p.notes_len());
                let kept = fit_notes(&text, room);
                if !kept.is_empty() && p.editor_mut().is_some_and(|e| e.insert_str(kept)) {
                    p.mark_dirty(now);
                }
                if kept.is_empty() && !text.is_empty() {
                    let message = format!(
                        "Not pasted: this step's notes already hold {}, and pastes fill a step \
                         up to {}.",
                        size_text(STEP_NOTES_MAX - room),
                        size_text(STEP_NOTES_MAX)
                    );
                    flash(model, now, message, true);
                } else if kept.len() < text.len() {
                    let message = format!(
                        "Pasted {} of {}: a step's notes take pastes up to {}, so the rest was \
                         not added.",
                        size_text(kept.len()),
                        size_text(text.len()),
                        size_text(STEP_NOTES_MAX)
                    );
                    flash(model, now, message, true);
                }
            }
            vec![]
        }
        Action::Tick => tick(model, now),
        Action::Resize { width, height } => {
            model.size = ratatui::layout::Size::new(width, height);
            vec![]
        }
        Action::Signal => {
            model.quit = true;
            save(model, now, AfterSave::Quit).into_iter().collect()
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
        } => {
            let Some(problem) = model.catalog.get(&problem_id) else {
                flash(model, now, format!("no problem {problem_id:?}"), true);
                return vec![];
            };
            use crate::domain::transcript::Transcript;
            let transcript = match step {
                Some(step) => Transcript::start_drill(session_id, problem, step, now.wall),
                None => Transcript::start(session_id, problem, now.wall),
            };
            let practice = Practice::open(transcript, Some(problem), now);
            replace_or_push(model, Screen::Practice(Box::new(practice)), |s| {
                matches!(s, Screen::Picker(_) | Screen::StepPick(_))
            });
            // Create the file at once so the session is resumable from its first second.
            save(model, now, AfterSave::Stay).into_iter().collect()
        }
        Action::Opened {
            id,
            purpose,
            result,
        } => opened(model, &id, purpose, result, now),
        Action::HeldElsewhere { transcript, pid } => held_elsewhere(model, *transcript, pid, now),
        Action::Notice { text, error } => {
            flash(model, now, text, error);
            vec![]
        }
        Action::Saved {
            changes,
            result,
            then,
        } => saved(model, changes, result, then, now),
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
        } => start_step_drill(model, problem, step, seed, now),
        Action::StartEstimate { seed, count, secs } => {
            let stamp = now.wall.to_zoned_datetime(jiff::tz::TimeZone::UTC);
            let id = format!("{}-estimate-{seed}", stamp.strftime("%Y-%m-%d-%H%M%S"));
            let limit = std::time::Duration::from_secs(secs);
            let drill = EstimateDrill::new(id, seed, count, limit, now.wall, now.mono);
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
            clamp_menus(model);
            vec![]
        }
        Action::CardsLoaded { drill, result } => match result {
            Ok(loaded) => {
                let (decks, schedule) = *loaded;
                let today = now.wall.to_zoned_datetime(model.tz.clone()).date();
                model.cards_due = Some(due_today(&decks, &schedule, today));
                if let Some(deck) = drill {
                    let stamp = now.wall.to_zoned_datetime(jiff::tz::TimeZone::UTC);
                    let id = format!("{}-concepts", stamp.strftime("%Y-%m-%d-%H%M%S"));
                    let record = super::cards::concepts_record(id, now.wall);
                    let drill =
                        CardDrill::new(&decks, schedule, deck.as_deref(), today, now.mono, record);
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
        Action::Stored(Ok(_)) => vec![],
        Action::Stored(Err(e)) => {
            flash(model, now, format!("Could not save: {e}"), true);
            vec![]
        }
    }
}

/// The practice session if its calculator pane has the keyboard.
fn calc_open(model: &mut Model) -> Option<&mut Practice> {
    if model.overlay.is_some() {
        return None;
    }
    model
        .practice_mut()
        .filter(|p| p.calc.is_open() && !p.timers.is_paused())
}

/// The practice session if the user may type into it now.
fn editable(model: &mut Model) -> Option<&mut Practice> {
    if model.overlay.is_some() {
        return None;
    }
    model
        .practice_mut()
        .filter(|p| p.editing && !p.timers.is_paused() && !p.is_complete())
}

fn command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    if cmd == Cmd::Quit {
        return quit(model, now);
    }
    if let Some(overlay) = model.overlay.clone() {
        return overlay_command(model, overlay, cmd, now);
    }
    if cmd == Cmd::Help {
        model.overlay = Some(Overlay::Help { scroll: 0 });
        return vec![];
    }
    match model.stack.last() {
        Some(Screen::Practice(_)) => practice_command(model, cmd, now),
        Some(Screen::Detail(_)) => detail_command(model, cmd, now),
        Some(Screen::Cards(_)) => cards_command(model, cmd),
        Some(Screen::Estimate(_)) => estimate_command(model, cmd, now),
        Some(Screen::Drills(_)) => drills_command(model, cmd, now),
        Some(Screen::DrillDetail(_)) => match cmd {
            Cmd::Back => pop(model),
            _ => vec![],
        },
        Some(Screen::Compare(_) | Screen::Stats) => match cmd {
            Cmd::Back => pop(model),
            _ => vec![],
        },
        Some(Screen::Launcher(_)) => launcher_command(model, cmd, now),
        Some(Screen::Picker(_)) => picker_command(model, cmd),
        Some(Screen::StepPick(_)) => step_pick_command(model, cmd, now),
        Some(Screen::Review(_)) => review_command(model, cmd, now),
        None => {
            model.quit = true;
            vec![]
        }
    }
}

fn quit(model: &mut Model, now: Now) -> Vec<Effect> {
    match save(model, now, AfterSave::Quit) {
        Some(effect) => vec![effect],
        None => {
            model.quit = true;
            vec![]
        }
    }
}

fn overlay_command(model: &mut Model, overlay: Overlay, cmd: Cmd, now: Now) -> Vec<Effect> {
    match (overlay, cmd) {
        (Overlay::Help { .. }, Cmd::Back | Cmd::Help) => model.overlay = None,
        (Overlay::Help { scroll }, Cmd::Down) => {
            model.overlay = Some(Overlay::Help { scroll: scroll + 1 })
        }
        (Overlay::Help { scroll }, Cmd::Up) => {
            model.overlay = Some(Overlay::Help {
                scroll: scroll.saturating_sub(1),
            })
        }
        (Overlay::ConfirmEnd, Cmd::Yes) => {
            model.overlay = None;
            return end_interview(model, now);
        }
        (Overlay::ConfirmLeaveUnsaved { error }, Cmd::Yes) => {
            model.overlay = None;
            model.quit = true;
            return model
                .practice()
                .map(|p| Effect::Rescue {
                    transcript: Box::new(p.snapshot(now)),
                    error,
                })
                .into_iter()
                .collect();
        }
        (Overlay::ConfirmEnd | Overlay::ConfirmLeaveUnsaved { .. }, Cmd::No) => {
            model.overlay = None
        }
        (Overlay::HeldElsewhere { id, pid, .. }, Cmd::Yes) => {
            model.overlay = Some(Overlay::HeldElsewhere {
                id,
                pid,
                retry_at: Some(now.mono + HELD_RETRY),
            });
        }
        // Stay on the read-only copy.
        (Overlay::HeldElsewhere { .. }, Cmd::No) => model.overlay = None,
        _ => {}
    }
    vec![]
}

fn practice_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let Some(p) = model.practice_mut() else {
        return vec![];
    };
    let complete = p.is_complete();
    if p.ask.is_some() {
        return ask_command(model, cmd, now);
    }
    if p.calc.is_open() {
        return calc_command(model, cmd, now);
    }
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
                "This drill is {} only; press e to finish it and see its score.",
                step.title()
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

fn end_interview(model: &mut Model, now: Now) -> Vec<Effect> {
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

/// A save effect for the open practice session, if there is one.
fn save(model: &mut Model, now: Now, then: AfterSave) -> Option<Effect> {
    let p = model.practice_mut()?;
    Some(Effect::Save {
        transcript: Box::new(p.snapshot(now)),
        changes: p.changes,
        then,
    })
}

fn saved(
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
                    let detail = Detail::new(transcript, &model.theme, &model.tz);
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
        *at = now.mono + HELD_RETRY;
        return vec![Effect::Open {
            id: id.clone(),
            purpose: Open::Resume,
        }];
    }
    if let Some(p) = model.practice_mut() {
        throw_curveballs(p, now);
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
        return save(model, now, AfterSave::Stay).into_iter().collect();
    }
    vec![]
}

fn launcher_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let items = launcher_items(model);
    let Some(Screen::Launcher(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    if move_cursor(menu, cmd, items.len()) {
        return vec![];
    }
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
                let count = ESTIMATE_QUESTIONS;
                let secs = ESTIMATE_SECONDS;
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

fn picker_command(model: &mut Model, cmd: Cmd) -> Vec<Effect> {
    let ids: Vec<String> = model
        .catalog
        .problems()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let Some(Screen::Picker(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    if move_cursor(menu, cmd, ids.len()) {
        return vec![];
    }
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

fn review_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let count = model.interview_list().len();
    let Some(Screen::Review(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    if move_cursor(menu, cmd, count) {
        return vec![];
    }
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

fn detail_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let area = super::view::detail_text_area(model.size);
    let (width, height) = (area.width, area.height);
    let (theme, tz) = (model.theme, model.tz.clone());
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
                d.refresh_head(&theme, &tz);
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
                d.refresh_head(&theme, &tz);
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

fn opened(
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
            let detail = Detail::new(transcript, &model.theme, &model.tz);
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
            let problem = model.catalog.get(&transcript.header.problem_id);
            let practice = Practice::open(transcript, problem, now);
            replace_or_push(model, Screen::Practice(Box::new(practice)), |s| {
                matches!(s, Screen::Detail(_))
            });
            save(model, now, AfterSave::Stay).into_iter().collect()
        }
    }
}

/// The session is open for writing in another window: show it read-only here, and offer
/// to take it over once that window lets go. While waiting, a retry comes every second.
fn held_elsewhere(
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
    let detail = Screen::Detail(Box::new(Detail::new(transcript, &model.theme, &model.tz)));
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
const HELD_RETRY: std::time::Duration = std::time::Duration::from_secs(1);

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

/// Up/down/home/end on a list of `len` entries. Returns whether `cmd` was a move.
fn move_cursor(menu: &mut Menu, cmd: Cmd, len: usize) -> bool {
    let last = len.saturating_sub(1);
    menu.selected = match cmd {
        Cmd::Up => menu.selected.saturating_sub(1),
        Cmd::Down => (menu.selected + 1).min(last),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        _ => return false,
    };
    true
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

fn calc_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
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
                flash(model, now, "Run an expression first (Enter).", false);
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
            insert_line(p, &text);
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
                insert_line(p, &f.note_line());
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

/// Put `text` on a line of its own in the current step's notes: at the cursor when it
/// sits on an empty line, else after the cursor's line.
fn insert_line(p: &mut Practice, text: &str) {
    if let Some(e) = p.editor_mut() {
        let ratatui_textarea::DataCursor(row, _) = e.cursor();
        let on_empty_line = e.lines().get(row).is_none_or(|l| l.is_empty());
        if !on_empty_line {
            e.move_cursor(ratatui_textarea::CursorMove::End);
            e.insert_newline();
        }
        e.insert_str(text);
        e.insert_newline();
    }
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

/// Keys while the ask box is open: Enter asks, Esc closes.
fn ask_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
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
fn throw_curveballs(p: &mut Practice, now: Now) {
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

/// Keys in a card drill: reveal, grade (saving the schedule at once), stop.
fn cards_command(model: &mut Model, cmd: Cmd) -> Vec<Effect> {
    let Some(Screen::Cards(drill)) = model.stack.last_mut() else {
        return vec![];
    };
    match cmd {
        Cmd::Reveal if !drill.finished() => drill.revealed = true,
        Cmd::GradeCard(n) => {
            let grade = crate::domain::srs::Grade::ALL.get(usize::from(n)).copied();
            if grade.is_some_and(|g| drill.grade(g)) {
                let remaining = drill.due_today();
                let schedule = Box::new(drill.schedule.clone());
                let record = Box::new(drill.record.clone());
                model.cards_due = Some(remaining);
                return vec![Effect::SaveSchedule(schedule), Effect::SaveDrill(record)];
            }
        }
        Cmd::Back => return pop(model),
        _ => {}
    }
    vec![]
}

/// Keys in an estimation drill: Enter answers, then moves on; Esc stops.
fn estimate_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
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

/// The drills list: move, open one, compare step drills, Tab back to sessions.
fn drills_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let count = model.drill_list().len();
    let Some(Screen::Drills(menu)) = model.stack.last_mut() else {
        return vec![];
    };
    if move_cursor(menu, cmd, count) {
        return vec![];
    }
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

/// Reserve a session for a step drill, choosing a missing problem or step from `seed`.
fn start_step_drill(
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

/// The step-drill chooser: Enter on a step lists problems (any, then each); Enter on a
/// problem starts the drill; Esc goes back a level.
fn step_pick_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let problems: Vec<String> = model
        .catalog
        .problems()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let Some(Screen::StepPick(pick)) = model.stack.last_mut() else {
        return vec![];
    };
    let len = match pick.step {
        None => Step::ALL.len(),
        Some(_) => problems.len() + 1,
    };
    if move_cursor(&mut pick.menu, cmd, len) {
        return vec![];
    }
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

/// What to practise next, once the stats are in.
pub fn suggestion(model: &Model) -> Option<Suggestion> {
    model.stats.as_ref().map(|s| suggest(s, model.cards_due))
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
            let (count, secs) = (ESTIMATE_QUESTIONS, ESTIMATE_SECONDS);
            return update(model, Action::StartEstimate { seed, count, secs }, now);
        }
        Next::Cards => return vec![Effect::LoadCards { drill: Some(None) }],
    }
    vec![]
}
