//! Two attempts at the same problem side by side: time and key-point coverage per step.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, Table};

use crate::domain::export::local_time;
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::domain::transcript::Transcript;
use crate::tui::model::Model;

pub fn draw(model: &Model, pair: &[Transcript; 2], frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let [a, b] = pair;
    let when = |t: &Transcript| local_time(t.header.started_at, &model.tz);
    let coverage = |t: &Transcript, step: Step| {
        t.scorecard
            .as_ref()
            .and_then(|c| c.coverage(step))
            .map_or("—".to_string(), |c| format!("{:.0}%", c * 100.0))
    };
    let time = |t: &Transcript, step: Step| {
        t.step(step).map_or("—".to_string(), |r| {
            format!("{} / {}", clock_text(r.spent()), clock_text(r.budget()))
        })
    };
    // A step drill holds one step: show the steps either attempt has.
    let mut rows: Vec<Row> = Step::ALL
        .iter()
        .filter(|&&s| a.step(s).is_some() || b.step(s).is_some())
        .map(|&s| {
            Row::new(vec![
                s.title().to_string(),
                time(a, s),
                time(b, s),
                coverage(a, s),
                coverage(b, s),
            ])
        })
        .collect();
    let score = |t: &Transcript| {
        t.scorecard
            .as_ref()
            .map_or("—".to_string(), |c| format!("{}/100", c.score))
    };
    rows.push(
        Row::new(vec![
            "Overall".to_string(),
            clock_text(a.elapsed()),
            clock_text(b.elapsed()),
            score(a),
            score(b),
        ])
        .style(theme.title()),
    );
    let header = Row::new(vec![
        "Step".to_string(),
        format!("Time {}", when(a)),
        format!("Time {}", when(b)),
        "Covered (A)".to_string(),
        "Covered (B)".to_string(),
    ])
    .style(theme.title());
    let widths = [
        Constraint::Length(26),
        Constraint::Length(22),
        Constraint::Length(22),
        Constraint::Length(12),
        Constraint::Length(12),
    ];
    let block = Block::bordered()
        .title(Line::styled(
            match a.header.step_drill {
                Some(step) => format!(
                    " {} · {} drill: two attempts ",
                    sanitize(&a.header.title, true),
                    step.title()
                ),
                None => format!(" {}: two attempts ", sanitize(&a.header.title, true)),
            },
            theme.title(),
        ))
        .border_style(theme.dim());
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}
