//! The session list: newest first, unreadable files shown as such.

use crate::tui::keymap::{Cmd, Ctx};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use crate::domain::drill::DrillKind;
use crate::domain::export::local_time;
use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::domain::transcript::Header;
use crate::store::Listed;
use crate::tui::model::{DrillRow, Menu, Model};

pub fn draw(model: &Model, menu: &Menu, frame: &mut Frame, area: Rect) {
    let rows: Vec<Row> = model
        .interview_list()
        .into_iter()
        .map(|item| match item {
            Listed::Ok(h) => Row::new(vec![
                local_time(h.started_at, &model.tz),
                sanitize(&h.title, true),
                clock_text(std::time::Duration::from_millis(h.elapsed_ms)),
                status(h),
            ]),
            Listed::Unreadable { id, .. } => unreadable_row(id, model),
        })
        .collect();
    let tab = model.keymap.keys_for(Ctx::List, Cmd::NextTab);
    let title = format!(" Sessions ({}) · {tab}: drills ", rows.len());
    let empty = [
        "No saved sessions yet.",
        "Practise a problem from the launcher; it is saved as you type.",
    ];
    saved_list(
        model,
        menu,
        frame,
        area,
        (&title, empty, ["Started", "Problem", "Time", "Result"]),
        rows,
    );
}

/// "complete · 72/100", "in progress" or "complete".
fn status(h: &Header) -> String {
    match h.score {
        Some(score) => format!("{score}/100"),
        None => h.status.label().to_string(),
    }
}

/// Saved drills (records and step drills), newest first; unreadable files shown as such.
pub fn draw_drills(model: &Model, menu: &Menu, frame: &mut Frame, area: Rect) {
    let rows: Vec<Row> = model
        .drill_list()
        .into_iter()
        .map(|d| match d {
            DrillRow::Record(Ok(r)) => Row::new(vec![
                local_time(r.started_at, &model.tz),
                r.kind.as_str().to_string(),
                match r.kind {
                    DrillKind::Concepts => format!("{} cards", r.answered()),
                    DrillKind::Estimate => format!("{} answers", r.answered()),
                },
                format!("{}/100", r.score),
            ]),
            DrillRow::Record(Err((id, _))) => unreadable_row(id, model),
            DrillRow::Step(h) => Row::new(vec![
                local_time(h.started_at, &model.tz),
                format!(
                    "{} · {}",
                    h.step_drill.map_or("step", |s| s.short_title()),
                    sanitize(&h.title, true)
                ),
                clock_text(std::time::Duration::from_millis(h.elapsed_ms)),
                status(h),
            ]),
        })
        .collect();
    let tab = model.keymap.keys_for(Ctx::List, Cmd::NextTab);
    let title = format!(" Drills ({}) · {tab}: sessions ", rows.len());
    let empty = [
        "No saved drills yet.",
        "Try a drill from the launcher, or `sdcoach drill estimate`.",
    ];
    saved_list(
        model,
        menu,
        frame,
        area,
        (&title, empty, ["Started", "Drill", "Done", "Score"]),
        rows,
    );
}

fn unreadable_row<'a>(id: &str, model: &Model) -> Row<'a> {
    Row::new(vec![
        "?".to_string(),
        format!("{}.toml", sanitize(id, true)),
        String::new(),
        "unreadable".into(),
    ])
    .style(model.theme.alert())
}

/// A saved list's parts inside its border: the header row, then the rows of saved
/// things. The mouse finds rows by the same layout.
pub fn list_areas(area: Rect) -> [Rect; 2] {
    let inner = Block::bordered().inner(area);
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner)
}

/// A titled table of saved things with a cursor, or a two-line hint when there are none.
fn saved_list(
    model: &Model,
    menu: &Menu,
    frame: &mut Frame,
    area: Rect,
    (title, empty, header): (&str, [&str; 2], [&str; 4]),
    rows: Vec<Row>,
) {
    let theme = &model.theme;
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(theme.dim());
    if rows.is_empty() {
        let text = vec![
            Line::raw(empty[0].to_string()),
            Line::styled(empty[1].to_string(), theme.dim()),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let widths = [
        Constraint::Length(16),
        Constraint::Min(10),
        Constraint::Length(10),
        Constraint::Length(11),
    ];
    // The header is a table of its own with the same columns, so the rows' table scrolls
    // in exactly the area the mouse is told about.
    let [head, list] = list_areas(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Table::new([Row::new(header.to_vec()).style(theme.title())], widths),
        head,
    );
    let table = Table::new(rows, widths).row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(menu.selected));
    frame.render_stateful_widget(table, list, &mut state);
}
