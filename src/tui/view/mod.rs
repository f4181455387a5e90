//! Drawing. Every function here only reads the model; one file per screen.

mod calc;
mod cards;
mod compare;
pub mod detail;
mod diagram;
mod estimate;
pub mod hit;
mod launcher;
mod opinion;
mod overlay;
mod practice;
mod quick_layout;
mod review;
mod stats;
mod widgets;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::keymap;
use super::model::{Model, Screen};
use super::theme::Theme;
use crate::domain::sanitize::{is_invisible, sanitize};
use unicode_width::UnicodeWidthStr;

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
        // Printable ASCII, nearly every cell, is never invisible: only the rest is looked at.
        let symbol = cell.symbol();
        if symbol.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            continue;
        }
        if symbol.chars().any(is_invisible) {
            let clean = sanitize(cell.symbol(), true);
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw_screen(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(
            Paragraph::new(too_small(area.width)).style(model.theme.warn()),
            area,
        );
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
        Some(Screen::Opinion(o)) => opinion::draw(model, o, frame, body),
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

/// The "window too small" message, as long as fits in `width` columns, never cut mid-word.
fn too_small(width: u16) -> String {
    [
        format!("Enlarge the window to at least {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("Enlarge to {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("{MIN_WIDTH}×{MIN_HEIGHT} needed"),
        "Too small".to_string(),
        "Small".to_string(),
    ]
    .into_iter()
    .find(|m| m.width() <= usize::from(width))
    .unwrap_or_else(|| "…".to_string())
}

/// A screen's body, and the status bar under it.
fn split(area: Rect) -> [Rect; 2] {
    quick_layout::rest_then_rows(area, 1, 1)
}

/// Where review's text is drawn in a terminal of `size`, so scrolling can stop at the end.
pub fn detail_text_area(size: Size) -> Rect {
    let [body, _] = split(Rect::from((Position::ORIGIN, size)));
    detail::text_area(body)
}

/// Where a second opinion's text is drawn in a terminal of `size`, for scrolling.
pub fn opinion_text_area(size: Size) -> Rect {
    let [body, _] = split(Rect::from((Position::ORIGIN, size)));
    opinion::text_area(body)
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
    let entries: Vec<(String, &str, bool)> = model
        .keymap
        .hints(model.focus(), |cmd| model.offers(cmd))
        .into_iter()
        .map(|h| {
            // Leaving the first screen leaves the app: say so.
            let label =
                if h.cmd == keymap::Cmd::Back && model.on_first_screen() && h.label == "back" {
                    "quit"
                } else {
                    h.label
                };
            (keymap::key_name(&h.key), label, h.cmd == keymap::Cmd::Help)
        })
        .collect();
    frame.render_widget(Paragraph::new(hint_line(&entries, area.width, theme)), area);
}

/// The hint bar's entries in `width` columns. Help is always shown, last; the others go
/// in order while they fit, and an ellipsis stands for the rest.
fn hint_line<'a>(entries: &[(String, &'a str, bool)], width: u16, theme: &Theme) -> Line<'a> {
    let width = usize::from(width);
    let cols = |(key, what, _): &(String, &str, bool)| key.width() + 1 + what.width();
    let help_cols = entries
        .iter()
        .filter(|e| e.2)
        .map(|e| cols(e) + 2)
        .sum::<usize>();
    let mut spans = Vec::new();
    let mut used = 0;
    let mut cut = false;
    let push = |spans: &mut Vec<Span<'a>>, (key, what, _): &(String, &'a str, bool)| {
        if !spans.is_empty() {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    };
    for e in entries.iter().filter(|e| !e.2) {
        let need = cols(e) + if spans.is_empty() { 0 } else { 2 };
        // Room is kept for help and for the ellipsis.
        if used + need + help_cols + 3 > width {
            cut = true;
            break;
        }
        push(&mut spans, e);
        used += need;
    }
    if cut {
        spans.push(Span::styled(" …", theme.dim()));
    }
    for e in entries.iter().filter(|e| e.2) {
        push(&mut spans, e);
    }
    Line::from(spans)
}
