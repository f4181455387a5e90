//! Progress and stats: streak, practice a day, estimation accuracy over time, mock
//! interview scores, how each step is going, and what to practise next.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Wrap,
};

use super::widgets::plural;
use crate::domain::stats::Stats;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// From this width the charts sit side by side.
const WIDE: u16 = 100;

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let Some(stats) = model.stats.as_deref() else {
        frame.render_widget(
            Paragraph::new("Reading your history…").style(theme.dim()),
            area,
        );
        return;
    };
    let [summary, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    draw_summary(model, stats, frame, summary);
    if area.width >= WIDE {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Min(0)]).areas(rest);
        let [days, accuracy] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Min(0)]).areas(top);
        let [steps, scores] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Min(0)]).areas(bottom);
        draw_days(stats, theme, frame, days);
        draw_accuracy(model, stats, frame, accuracy);
        draw_steps(stats, theme, frame, steps);
        draw_scores(stats, theme, frame, scores);
    } else {
        let [steps, days, accuracy] = Layout::vertical([
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ])
        .areas(rest);
        draw_steps(stats, theme, frame, steps);
        draw_days(stats, theme, frame, days);
        draw_accuracy(model, stats, frame, accuracy);
    }
}

fn draw_summary(model: &Model, stats: &Stats, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let today = if stats.practised_today {
        Span::styled("practised today", theme.ok())
    } else if stats.streak > 0 {
        Span::styled("nothing yet today: keep the streak alive", theme.warn())
    } else {
        Span::styled("nothing yet today", theme.dim())
    };
    let days = |n: u32| if n == 1 { "day" } else { "days" };
    let mut lines = vec![Line::from(vec![
        Span::styled("Streak ", theme.title()),
        Span::raw(format!(
            "{} {} (best {}) · ",
            stats.streak,
            days(stats.streak),
            stats.best_streak
        )),
        today,
        Span::styled(
            format!(" · {} sittings in all", stats.total_sittings),
            theme.dim(),
        ),
    ])];
    if let Some(s) = crate::tui::model::suggestion(model) {
        lines.push(Line::from(vec![
            Span::styled("Next   ", theme.title()),
            Span::styled(super::launcher::next_label(s.next), theme.accent()),
            Span::raw(format!(": {}", s.why)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn titled<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(theme.dim())
}

/// Sittings a day over the last two weeks, one bar a day labelled with its date.
fn draw_days(stats: &Stats, theme: &Theme, frame: &mut Frame, area: Rect) {
    let total: u32 = stats.days.iter().map(|d| d.interviews + d.drills).sum();
    let block = titled(
        format!(" Practice a day, last {} days ({total}) ", stats.days.len()),
        theme,
    );
    let bars: Vec<Bar> = stats
        .days
        .iter()
        .map(|d| {
            let n = d.interviews + d.drills;
            Bar::default()
                .value(u64::from(n))
                .text_value(if n == 0 { String::new() } else { n.to_string() })
                .label(Line::from(format!("{:02}", d.date.day())))
                .style(if d.interviews > 0 {
                    theme.accent()
                } else {
                    theme.ok()
                })
        })
        .collect();
    let chart = BarChart::default()
        .block(block)
        .data(BarGroup::default().bars(&bars))
        .bar_width(2)
        .bar_gap(1);
    frame.render_widget(chart, area);
}

/// Share of estimates within 2× per sitting, oldest to newest.
fn draw_accuracy(model: &Model, stats: &Stats, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    let title = match stats.recent_accuracy() {
        None => " Estimation accuracy ".to_string(),
        Some(r) if r.sittings == 1 => format!(" Estimates within 2×: {} ", pct(r.latest)),
        Some(r) => format!(
            " Estimates within 2×: latest {}, last {} average {} ",
            pct(r.latest),
            r.sittings,
            pct(r.mean)
        ),
    };
    let block = titled(title, theme);
    if stats.accuracy.is_empty() {
        let text = "No estimates yet: an estimation drill (or the calculator in a capacity step) adds a point here.";
        return empty(text, block, theme, frame, area);
    }
    let points: Vec<(f64, f64)> = stats
        .accuracy
        .iter()
        .enumerate()
        .map(|(i, a)| (i as f64, a.within_2x * 100.0))
        .collect();
    let last = (points.len().saturating_sub(1)).max(1) as f64;
    let date = |i: usize| {
        stats
            .accuracy
            .get(i)
            .map(|a| {
                a.at.to_zoned_datetime(model.tz.clone())
                    .strftime("%m-%d")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let chart = Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent())
            .data(&points),
    ])
    .block(block)
    .x_axis(
        Axis::default()
            .bounds([0.0, last])
            .labels(vec![date(0), date(points.len().saturating_sub(1))])
            .style(theme.dim()),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, 100.0])
            .labels(vec!["0%", "50%", "100%"])
            .style(theme.dim()),
    );
    frame.render_widget(chart, area);
}

/// Each step's mean key-point coverage as a bar, with what it rests on.
fn draw_steps(stats: &Stats, theme: &Theme, frame: &mut Frame, area: Rect) {
    let weakest = stats.weakest.as_ref().map(|w| w.step);
    let lines: Vec<Line> = stats
        .steps
        .iter()
        .map(|s| {
            let mut spans = vec![Span::raw(format!(
                "{}. {:<11}",
                s.step.index() + 1,
                s.step.short_title()
            ))];
            match s.coverage {
                Some(c) => {
                    let filled = (c * 10.0).round() as usize;
                    let style = if c < 0.5 { theme.alert() } else { theme.ok() };
                    spans.push(Span::styled("█".repeat(filled), style));
                    spans.push(Span::styled("░".repeat(10 - filled.min(10)), theme.dim()));
                    spans.push(Span::raw(format!(" {:>3.0}%", c * 100.0)));
                    spans.push(Span::styled(
                        format!(
                            "  {} · {}",
                            plural(s.sessions, "interview"),
                            plural(s.drills, "drill")
                        ),
                        theme.dim(),
                    ));
                }
                None => spans.push(Span::styled("not scored yet", theme.dim())),
            }
            if weakest == Some(s.step) {
                spans.push(Span::styled("  ◀ weakest", theme.warn()));
            }
            Line::from(spans)
        })
        .collect();
    let block = titled(" Key points covered, by step ".to_string(), theme);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Mock interview scores, oldest to newest, as many as fit.
fn draw_scores(stats: &Stats, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = titled(
        format!(" Mock interview scores ({}) ", stats.scores.len()),
        theme,
    );
    if stats.scores.is_empty() {
        let text = "No scored interviews yet: finish one (e ends it) to get a scorecard.";
        return empty(text, block, theme, frame, area);
    }
    let fit = usize::from(area.width.saturating_sub(2) / 4).max(1);
    let bars: Vec<Bar> = stats
        .scores
        .iter()
        .skip(stats.scores.len().saturating_sub(fit))
        .map(|(_, score, _)| {
            Bar::default()
                .value(u64::from(*score))
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
    frame.render_widget(chart, area);
}

/// A chart's place while it has nothing to show: what would fill it.
fn empty(text: &str, block: Block, theme: &Theme, frame: &mut Frame, area: Rect) {
    let para = Paragraph::new(text.to_string())
        .style(theme.dim())
        .wrap(Wrap { trim: false })
        .block(block);
    frame.render_widget(para, area);
}
