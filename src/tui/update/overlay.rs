//! Pop-ups over the screen: help and the yes/no questions.

use super::detail::HELD_RETRY;
use super::practice::end_interview;
use crate::diagram::{PALETTE, insertion};
use crate::tui::action::Effect;
use crate::tui::clock::Now;
use crate::tui::keymap::Cmd;
use crate::tui::model::{Model, Overlay};

pub(super) fn overlay_command(model: &mut Model, cmd: Cmd, now: Now) -> Vec<Effect> {
    let Some(overlay) = model.overlay.clone() else {
        return vec![];
    };
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
        (Overlay::Palette { selected }, Cmd::Up | Cmd::Down) => {
            let last = PALETTE.len().saturating_sub(1);
            let selected = if cmd == Cmd::Up {
                selected.saturating_sub(1)
            } else {
                (selected + 1).min(last)
            };
            model.overlay = Some(Overlay::Palette { selected });
        }
        (Overlay::Palette { selected }, Cmd::Select) => {
            model.overlay = None;
            let Some(p) = model.practice_mut() else {
                return vec![];
            };
            let Some(component) = PALETTE.get(selected) else {
                return vec![];
            };
            let line = insertion(component, &p.notes(), &p.notes_before_cursor());
            p.insert_line(&line);
            p.set_editing(true);
            p.mark_dirty(now);
        }
        (Overlay::Palette { .. }, Cmd::Back) => model.overlay = None,
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
