//! The estimation drill: the scenario, the question and its countdown, the answer line,
//! then the verdict and the worked solution; a score at the end.

use crate::tui::keymap::{Cmd, Ctx};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::sanitize::sanitize;
use crate::domain::scoring::Verdict;
use crate::domain::timer::clock_text;
use crate::tui::estimate::{DrillRecord, EstimateDrill};
use crate::tui::model::Model;

pub fn draw(model: &Model, d: &EstimateDrill, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let total = d.questions.len();
    if d.finished() {
        draw_record(model, &d.record, " Estimation drill: done ", frame, area);
        return;
    }
    let Some(q) = d.current() else { return };
    let number = d.record.answers.len() + usize::from(!d.feedback);
    let left = d.remaining(model.now_mono());
    let clock = Span::styled(
        format!(
            " {} left ",
            clock_text(left + std::time::Duration::from_millis(999))
        ),
        if left.as_secs() < 15 {
            theme.alert()
        } else {
            theme.accent()
        },
    );
    let [brief, input, feedback] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Length(3),
        Constraint::Min(3),
    ])
    .areas(area);
    let mut block = Block::bordered()
        .title(format!(" Question {number} of {total} "))
        .border_style(theme.accent());
    if !d.feedback {
        block = block.title(Line::from(clock).right_aligned());
    }
    let text = vec![
        Line::raw(q.brief()),
        Line::raw(""),
        Line::styled(format!("{}?", q.ask), theme.title()),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        brief,
    );
    let input_block = Block::bordered()
        .title(" Your estimate (calculator syntax) ")
        .border_style(theme.dim());
    let inner = input_block.inner(input);
    frame.render_widget(input_block, input);
    frame.render_widget(&d.input, inner);

    let lines = match (d.feedback, d.record.answers.last()) {
        (true, Some(a)) => vec![
            Line::styled(a.verdict.label(), verdict_style(model, a.verdict)),
            Line::raw(format!(
                "Yours: {}   Reference: {}",
                a.answer
                    .as_deref()
                    .map_or("(time ran out)".to_string(), |_| a.shown.clone()),
                a.question.expected
            )),
            Line::raw(format!("Worked out: {}", a.question.solution)),
            Line::styled(
                format!(
                    "{} for the next question.",
                    model.keymap.keys_for(Ctx::Estimate, Cmd::Select)
                ),
                theme.dim(),
            ),
        ],
        _ => match &d.error {
            Some(e) => vec![Line::styled(sanitize(e, true), theme.alert())],
            None => vec![Line::styled(
                "Type a number with its unit (12K /s, 3 TB) or the working (100M * 10 / day).",
                theme.dim(),
            )],
        },
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), feedback);
}

fn verdict_style(model: &Model, v: Verdict) -> ratatui::style::Style {
    match v {
        Verdict::Good => model.theme.ok(),
        Verdict::RightOrder => model.theme.warn(),
        Verdict::Off | Verdict::Missing => model.theme.alert(),
    }
}

/// A finished drill: score, then each question with both answers and the verdict.
pub fn draw_record(
    model: &Model,
    record: &DrillRecord,
    title: &str,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &model.theme;
    let mut lines = vec![
        Line::styled(format!("Score: {}/100", record.score), theme.accent()),
        Line::raw(""),
    ];
    for (i, a) in record.answers.iter().enumerate() {
        // A saved drill is a file: every field is shown sanitised.
        let yours = a
            .answer
            .as_deref()
            .map_or("(time ran out)".to_string(), |_| sanitize(&a.shown, true));
        lines.push(Line::raw(format!(
            "{}. {}: yours {yours}, reference {}",
            i + 1,
            sanitize(&a.question.ask, true),
            sanitize(&a.question.expected, true)
        )));
        lines.push(Line::styled(
            format!(
                "   {} · worked out: {}",
                a.verdict.label(),
                sanitize(&a.question.solution, true)
            ),
            verdict_style(model, a.verdict),
        ));
    }
    for (key, grade) in &record.cards {
        lines.push(Line::raw(format!(
            "{}: {}",
            sanitize(key, true),
            grade.label()
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Saved as {}. {} goes back.",
            sanitize(&record.id, true),
            model.keymap.keys_for(Ctx::Summary, Cmd::Back)
        ),
        theme.dim(),
    ));
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(theme.dim());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
