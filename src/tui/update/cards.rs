//! A concept-card drill.

use super::pop;
use crate::tui::action::Effect;
use crate::tui::keymap::Cmd;
use crate::tui::model::{Model, Screen};

/// Keys in a card drill: reveal, grade (saving the schedule at once), stop.
pub(super) fn cards_command(model: &mut Model, cmd: Cmd) -> Vec<Effect> {
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
