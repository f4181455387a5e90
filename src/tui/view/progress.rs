//! Progress: score per finished session over time, and the step that most needs work.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Wrap};

use crate::domain::export::local_time;
use crate::domain::progress::{SessionPoint, weakest_step};
use crate::tui::model::Model;

pub fn draw(model: &Model, points: &[SessionPoint], frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let [chart_area, text_area] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Min(3)]).areas(area);
    let scored: Vec<&SessionPoint> = points.iter().filter(|p| p.score.is_some()).collect();
    let block = Block::bordered()
        .title(" Score per session (oldest to newest) ")
        .border_style(theme.dim());
    if scored.is_empty() {
        let text =
            "No scored sessions yet: finish a mock interview (e ends it) to get a scorecard.";
        frame.render_widget(
            Paragraph::new(text).style(theme.dim()).block(block),
            chart_area,
        );
    } else {
        // As many of the latest sessions as fit, 3 columns each.
        let fit = usize::from(chart_area.width.saturating_sub(2) / 4).max(1);
        let bars: Vec<Bar> = scored
            .iter()
            .skip(scored.len().saturating_sub(fit))
            .map(|p| {
                let score = p.score.unwrap_or_default();
                Bar::default()
                    .value(u64::from(score))
                    .text_value(score.to_string())
                    .style(theme.accent())
            })
            .collect();
        let chart = BarChart::default()
            .block(block)
            .data(BarGroup::default().bars(&bars))
            .bar_width(3)
            .bar_gap(1)
            .max(100);
        frame.render_widget(chart, chart_area);
    }

    let mut lines = Vec::new();
    match weakest_step(points) {
        Some(w) => {
            let why = match w.coverage {
                Some(c) => format!("{:.0}% of its key points covered on average", c * 100.0),
                None => format!("{:.0}% of its budget used on average", w.time_ratio * 100.0),
            };
            lines.push(Line::styled(
                format!("Weakest step: {} ({why})", w.step.title()),
                theme.warn(),
            ));
            lines.push(Line::styled(
                "Practise it on its own, or give it extra care in your next mock interview.",
                theme.dim(),
            ));
        }
        None => lines.push(Line::styled(
            "Finish a session to see your weakest step.",
            theme.dim(),
        )),
    }
    lines.push(Line::raw(""));
    for p in points.iter().rev().take(usize::from(text_area.height)) {
        let score = p.score.map_or("  —".to_string(), |s| format!("{s:>3}"));
        lines.push(Line::raw(format!(
            "{score}  {}  {}",
            local_time(p.started_at, &model.tz),
            p.title
        )));
    }
    let block = Block::bordered()
        .title(format!(" {} finished session(s) ", points.len()))
        .border_style(theme.dim());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        text_area,
    );
}
