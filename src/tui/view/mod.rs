//! Drawing. Every function here only reads the model; one file per screen.

mod calc;
mod cards;
mod compare;
pub mod detail;
mod estimate;
mod launcher;
mod overlay;
mod practice;
mod review;
mod stats;
mod widgets;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::keymap;
use super::model::{Model, Screen};
use crate::domain::sanitize::{is_invisible, sanitize};

/// Below this the screens cannot be laid out; a one-line message is drawn instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Draw the model. Screens sanitise the text they take from files (titles, notes, file
/// names) so it lays out as shown; then every cell is checked once more, so nothing a
/// screen missed (a transcript's notes in the editor, say) can reach the terminal.
pub fn draw(model: &Model, frame: &mut Frame) {
    draw_screen(model, frame);
    scrub(frame.buffer_mut());
}

/// The TUI's print boundary: no cell keeps a control, bidi or invisible character
/// (ratatui drops most of them, but draws U+2028 and keeps joiners on the letter before).
fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_invisible) {
            let clean = sanitize(cell.symbol(), true);
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw_screen(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("Enlarge the window to at least {MIN_WIDTH}×{MIN_HEIGHT}");
        frame.render_widget(Paragraph::new(msg).style(model.theme.warn()), area);
        return;
    }
    let [body, bar] = split(area);
    match model.screen() {
        Some(Screen::Launcher(menu)) => launcher::draw_launcher(model, menu, frame, body),
        Some(Screen::Picker(menu)) => launcher::draw_picker(model, menu, frame, body),
        Some(Screen::StepPick(pick)) => launcher::draw_step_pick(model, pick, frame, body),
        Some(Screen::Practice(p)) => practice::draw(model, p, frame, body),
        Some(Screen::Review(menu)) => review::draw(model, menu, frame, body),
        Some(Screen::Detail(d)) => detail::draw(model, d, frame, body),
        Some(Screen::Compare(pair)) => compare::draw(model, pair, frame, body),
        Some(Screen::Stats) => stats::draw(model, frame, body),
        Some(Screen::Cards(drill)) => cards::draw(model, drill, frame, body),
        Some(Screen::Estimate(drill)) => estimate::draw(model, drill, frame, body),
        Some(Screen::Drills(menu)) => review::draw_drills(model, menu, frame, body),
        Some(Screen::DrillDetail(record)) => {
            let title = if record.kind == crate::domain::drill::DrillKind::Concepts {
                " Concept cards "
            } else {
                " Estimation drill "
            };
            estimate::draw_record(model, record, title, frame, body)
        }
        None => {}
    }
    status_bar(model, frame, bar);
    overlay::draw(model, frame, area);
}

/// A screen's body, and the status bar under it.
fn split(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area)
}

/// Where review's text is drawn in a terminal of `size`, so scrolling can stop at the end.
pub fn detail_text_area(size: Size) -> Rect {
    let [body, _] = split(Rect::from((Position::ORIGIN, size)));
    detail::text_area(body)
}

/// The bottom line: a passing message if there is one, else the keys that work here.
fn status_bar(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    if let Some(flash) = &model.flash {
        let style = if flash.error {
            theme.alert()
        } else {
            theme.ok()
        };
        frame.render_widget(
            Paragraph::new(sanitize(&flash.text, true)).style(style),
            area,
        );
        return;
    }
    let mut spans = Vec::new();
    // A step drill has one step: moving between steps does nothing there.
    let hide: &[keymap::Cmd] = match model.practice() {
        Some(p) if p.transcript.header.step_drill.is_some() => {
            &[keymap::Cmd::NextStep, keymap::Cmd::PrevStep]
        }
        _ => &[],
    };
    for (i, (key, what)) in keymap::hints(model.key_context(), hide)
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
