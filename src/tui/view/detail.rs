//! One saved session: summary, time against budget per step, and the notes.

use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::diagnostic::sanitize;
use crate::domain::export::local_time;
use crate::domain::timer::{Countdown, clock_text, countdown_text};
use crate::domain::transcript::Transcript;
use crate::tui::model::{Detail, Model};
use crate::tui::theme::Theme;

pub fn draw(model: &Model, d: &Detail, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let t = &d.transcript;
    let block = Block::bordered()
        .title(Line::styled(format!(" {} ", t.header.title), theme.title()))
        .title(Line::from(format!(" {} ", t.header.status.label())).right_aligned())
        .border_style(theme.dim());
    let para = Paragraph::new(body(t, theme, &model.tz)).wrap(Wrap { trim: false });
    let inner = block.inner(area);
    let total = para.line_count(inner.width) as u16;
    let max_scroll = total.saturating_sub(inner.height);
    frame.render_widget(block, area);
    frame.render_widget(para.scroll((d.scroll.min(max_scroll), 0)), inner);
}

fn body(t: &Transcript, theme: &Theme, tz: &TimeZone) -> Text<'static> {
    let h = &t.header;
    let mut lines = vec![
        Line::styled(
            format!(
                "Started {} · {} of {} · {}",
                local_time(h.started_at, tz),
                clock_text(t.elapsed()),
                clock_text(t.total_budget()),
                h.id
            ),
            theme.dim(),
        ),
        Line::raw(""),
    ];
    for (i, r) in t.steps.iter().enumerate() {
        let c = Countdown::new(r.budget(), r.spent());
        let verdict = match c {
            Countdown::Over(_) => Span::styled(countdown_text(c), theme.alert()),
            Countdown::Left(_) if r.spent_ms == 0 => Span::styled("not started", theme.dim()),
            Countdown::Left(_) => Span::styled("within budget", theme.ok()),
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{}. {:<26} {} / {}  ",
                i + 1,
                r.step.title(),
                clock_text(r.spent()),
                clock_text(r.budget())
            )),
            verdict,
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Problem", theme.title()));
    lines.extend(
        sanitize(&t.problem.statement, false)
            .lines()
            .map(|l| Line::raw(l.to_string())),
    );
    for (i, r) in t.steps.iter().enumerate() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("{}. {}", i + 1, r.step.title()),
            theme.accent(),
        ));
        let notes = sanitize(&r.notes, false);
        if notes.trim().is_empty() {
            lines.push(Line::styled("(no notes)", theme.dim()));
        } else {
            lines.extend(notes.lines().map(|l| Line::raw(l.to_string())));
        }
    }
    if !t.questions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Questions to the interviewer", theme.accent()));
        for q in &t.questions {
            lines.push(Line::styled(
                format!("Q: {}", sanitize(&q.question, true)),
                theme.dim(),
            ));
            lines.push(Line::raw(format!("A: {}", sanitize(&q.answer, true))));
        }
    }
    if !t.curveballs.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Follow-ups from the interviewer",
            theme.accent(),
        ));
        for c in &t.curveballs {
            lines.push(Line::raw(format!(
                "{}, minute {}: {}",
                c.step.title(),
                c.minute,
                sanitize(&c.text, true)
            )));
        }
    }
    if !t.calc.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Calculator", theme.accent()));
        for e in &t.calc {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", e.step.index() + 1), theme.dim()),
                Span::raw(format!("{}  ", sanitize(&e.input, true))),
                Span::styled(sanitize(&e.display, true), theme.accent()),
            ]));
        }
    }
    if !t.sheet.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Capacity sheet", theme.accent()));
        for (k, v) in &t.sheet {
            lines.push(Line::raw(format!(
                "{}: {}",
                sanitize(k, true),
                sanitize(v, true)
            )));
        }
    }
    Text::from(lines)
}
