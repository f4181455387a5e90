//! Two attempts at the same problem side by side: time and key-point coverage per step,
//! then each attempt's diagrams.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table};

use crate::domain::export::local_time;
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::domain::transcript::Transcript;
use crate::tui::model::Model;
use crate::tui::view::widgets::word_wrap;

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
    let table_rows = u16::try_from(rows.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(table_rows), Constraint::Min(0)]).areas(area);
    frame.render_widget(Table::new(rows, widths).header(header).block(block), top);
    if bottom.height >= 3 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        diagrams(model, a, &format!(" Diagrams · {} ", when(a)), frame, left);
        diagrams(model, b, &format!(" Diagrams · {} ", when(b)), frame, right);
    }
}

/// Every diagram of an attempt, drawn to fit the pane where it can (cut at its edge
/// where it cannot).
fn diagrams(model: &Model, t: &Transcript, title: &str, frame: &mut Frame, area: Rect) {
    use crate::diagram::{draw, find_diagrams};
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(model.theme.dim());
    let width = usize::from(block.inner(area).width);
    let mut lines: Vec<Line> = Vec::new();
    let dim = model.theme.dim();
    for r in &t.steps {
        for found in find_diagrams(&r.notes) {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(r.step.title(), dim));
            let (note, drawn) = match found.graph {
                Ok(graph) => {
                    let drawing = draw(&graph, model.charset, Some(width));
                    (drawing.note, drawing.lines)
                }
                Err(e) => (Some(format!("not drawn: line {e}")), Vec::new()),
            };
            let note = note.map(|n| word_wrap(&n, width)).unwrap_or_default();
            lines.extend(note.into_iter().map(|l| Line::styled(l, dim)));
            lines.extend(drawn.into_iter().map(Line::raw));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "No diagram in this attempt.",
            model.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
