//! What a mouse click lands on, found by the same layout the views draw with.

use ratatui::layout::{Margin, Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::{MIN_HEIGHT, MIN_WIDTH, detail, launcher, overlay, practice, review, split};
use crate::domain::framework::Step;
use crate::tui::calc_pane::CalcTab;
use crate::tui::model::{LauncherItem, Model, Overlay, Screen, launcher_items};

/// Something a click can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A step in the practice screen's step bar.
    Step(Step),
    /// Entry `n` of the screen's list: the launcher, the problem picker, the step-drill
    /// chooser, review's sessions or drills.
    Entry(usize),
    /// A tab of the calculator pane.
    CalcTab(CalcTab),
    /// Choice `n` of a reviewed session's scorecard (a rubric point, then an estimate).
    Point(usize),
    /// Building block `n` of the diagram palette.
    Block(usize),
}

/// What is at `column`, `row` of a terminal of the model's size, if anything clickable.
pub fn target(model: &Model, column: u16, row: u16) -> Option<Target> {
    let area = Rect::from((Position::ORIGIN, model.size));
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let at = Position::new(column, row);
    match &model.overlay {
        None => {}
        Some(Overlay::Palette { selected }) => {
            let (popup, top) = overlay::palette_layout(area, *selected);
            let list = inner(popup)?;
            if !list.contains(at) {
                return None;
            }
            let i = top + usize::from(row - list.y);
            return (i < crate::diagram::PALETTE.len()).then_some(Target::Block(i));
        }
        // Other pop-ups are answered with keys; what is under them is not clickable.
        Some(_) => return None,
    }
    let [body, _] = split(area);
    match model.screen()? {
        Screen::Launcher(_) => {
            let [_, list, _, _] = launcher::launcher_areas(model, body);
            launcher_entry(model, inner(list)?, at)
        }
        Screen::Picker(menu) => {
            let [_, list, _] = launcher::picker_areas(model, body);
            let count = model.catalog.problems().len();
            list_entry(inner(list)?, menu.selected, count, at)
        }
        Screen::StepPick(pick) => {
            let count = match pick.step {
                None => Step::ALL.len(),
                Some(_) => model.catalog.problems().len() + 1,
            };
            list_entry(inner(body)?, pick.menu.selected, count, at)
        }
        Screen::Review(menu) => {
            let [_, rows] = review::list_areas(body);
            list_entry(rows, menu.selected, model.interview_list().len(), at)
        }
        Screen::Drills(menu) => {
            let [_, rows] = review::list_areas(body);
            list_entry(rows, menu.selected, model.drill_list().len(), at)
        }
        Screen::Detail(d) => {
            let text = detail::text_area(body);
            if !text.contains(at) {
                return None;
            }
            let top = d.doc.clamp(d.top, text.width, text.height);
            let line = d.doc.line_at(top, usize::from(row - text.y), text.width)?;
            d.choice_at(line).map(Target::Point)
        }
        Screen::Practice(p) => {
            let [_, steps, _] = practice::rows(body);
            if steps.contains(at) {
                return practice::step_at(p, steps.width, column - steps.x).map(Target::Step);
            }
            let pane = practice::calc_area(p, body)?;
            (row == pane.y).then(|| calc_tab(pane, column)).flatten()
        }
        _ => None,
    }
}

/// The inside of a bordered block.
fn inner(r: Rect) -> Option<Rect> {
    let i = r.inner(Margin::new(1, 1));
    (i.width > 0 && i.height > 0).then_some(i)
}

/// The launcher's entries: "Next" takes two rows (its reason under it), the rest one.
fn launcher_entry(model: &Model, list: Rect, at: Position) -> Option<Target> {
    if !list.contains(at) {
        return None;
    }
    let mut y = list.y;
    for (i, item) in launcher_items(model).iter().enumerate() {
        let rows = if matches!(item, LauncherItem::Next(_)) {
            2
        } else {
            1
        };
        if (y..y + rows).contains(&at.y) {
            return Some(Target::Entry(i));
        }
        y += rows;
    }
    None
}

/// An entry of a one-row-per-entry list that keeps `selected` in view by scrolling as
/// little as it can from the top (as ratatui's list does with a fresh state).
fn list_entry(list: Rect, selected: usize, count: usize, at: Position) -> Option<Target> {
    if !list.contains(at) {
        return None;
    }
    let height = usize::from(list.height);
    let offset = (selected + 1).saturating_sub(height);
    let i = offset + usize::from(at.y - list.y);
    (i < count).then_some(Target::Entry(i))
}

/// The tab under `column` in the pane's top border: a space, then " Title " and a space
/// for each tab.
fn calc_tab(pane: Rect, column: u16) -> Option<Target> {
    let mut x = usize::from(pane.x) + 2;
    for tab in CalcTab::ALL {
        let end = x + tab.title().width() + 2;
        if (x..end).contains(&usize::from(column)) {
            return Some(Target::CalcTab(tab));
        }
        x = end + 1;
    }
    None
}
