//! The session list: newest first, unreadable files shown as such.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use crate::domain::export::local_time;
use crate::domain::timer::clock_text;
use crate::store::Listed;
use crate::tui::model::{Menu, Model};

pub fn draw(model: &Model, menu: &Menu, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let block = Block::bordered()
        .title(format!(
            " Sessions ({}) · Tab: drills ",
            model.sessions.len()
        ))
        .border_style(theme.dim());
    if model.sessions.is_empty() {
        let text = vec![
            Line::raw("No saved sessions yet."),
            Line::styled(
                "Practise a problem from the launcher; it is saved as you type.",
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let rows: Vec<Row> = model
        .sessions
        .iter()
        .map(|item| match item {
            Listed::Ok(h) => Row::new(vec![
                local_time(h.started_at, &model.tz),
                h.title.clone(),
                clock_text(std::time::Duration::from_millis(h.elapsed_ms)),
                h.status.label().to_string(),
            ]),
            Listed::Unreadable { id, .. } => Row::new(vec![
                "?".to_string(),
                format!("{id}.toml"),
                String::new(),
                "unreadable".into(),
            ])
            .style(theme.alert()),
        })
        .collect();
    let widths = [
        Constraint::Length(16),
        Constraint::Min(10),
        Constraint::Length(8),
        Constraint::Length(11),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(vec!["Started", "Problem", "Time", "Status"]).style(theme.title()))
        .row_highlight_style(theme.selected())
        .block(block);
    let mut state = TableState::default().with_selected(Some(menu.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Saved drills, newest first; unreadable files shown as such.
pub fn draw_drills(model: &Model, menu: &Menu, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let block = Block::bordered()
        .title(format!(" Drills ({}) · Tab: sessions ", model.drills.len()))
        .border_style(theme.dim());
    if model.drills.is_empty() {
        let text = vec![
            Line::raw("No saved drills yet."),
            Line::styled(
                "Try the estimation drill from the launcher or `sdcoach drill estimate`.",
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let rows: Vec<Row> = model
        .drills
        .iter()
        .map(|d| match d {
            Ok(r) => Row::new(vec![
                local_time(r.started_at, &model.tz),
                r.kind.clone(),
                r.answered().to_string(),
                format!("{}/100", r.score),
            ]),
            Err((id, _)) => Row::new(vec![
                "?".to_string(),
                format!("{id}.toml"),
                String::new(),
                "unreadable".into(),
            ])
            .style(theme.alert()),
        })
        .collect();
    let widths = [
        Constraint::Length(16),
        Constraint::Min(10),
        Constraint::Length(10),
        Constraint::Length(10),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(vec!["Started", "Drill", "Answered", "Score"]).style(theme.title()))
        .row_highlight_style(theme.selected())
        .block(block);
    let mut state = TableState::default().with_selected(Some(menu.selected));
    frame.render_stateful_widget(table, area, &mut state);
}
