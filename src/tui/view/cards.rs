//! A concept-card drill: the question, then the answer and the grade keys with the
//! interval each grade would give; a summary when the queue is done.

use crate::tui::keymap::{Cmd, Ctx};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::schedule::NEW_PER_DAY;
use crate::domain::srs::Grade;
use crate::domain::timer::clock_text;
use crate::tui::cards::CardDrill;
use crate::tui::model::Model;

pub fn draw(model: &Model, drill: &CardDrill, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let Some((_, deck, card)) = drill.current() else {
        let elapsed = model.now_mono().saturating_duration_since(drill.started);
        let text = if drill.queue.is_empty() {
            vec![
                Line::raw("Nothing to review today."),
                Line::styled(
                    format!(
                        "Cards you have seen come back when they are due; new ones come \
                         {NEW_PER_DAY} a day."
                    ),
                    theme.dim(),
                ),
            ]
        } else {
            let count = |g: Grade| drill.grades.iter().filter(|x| **x == g).count();
            vec![
                Line::styled(
                    format!(
                        "Done: {} cards in {}",
                        drill.grades.len(),
                        clock_text(elapsed)
                    ),
                    theme.title(),
                ),
                Line::raw(format!(
                    "again {} · hard {} · good {} · easy {}",
                    count(Grade::Again),
                    count(Grade::Hard),
                    count(Grade::Good),
                    count(Grade::Easy)
                )),
                Line::styled(format!("Recalled: {}%", drill.score()), theme.accent()),
                Line::styled(
                    format!(
                        "The schedule is saved; {} goes back.",
                        model.keymap.keys_for(Ctx::Cards, Cmd::Back)
                    ),
                    theme.dim(),
                ),
            ]
        };
        let block = Block::bordered()
            .title(" Concept cards ")
            .border_style(theme.dim());
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let title = format!(
        " {deck} · card {} of {} ",
        drill.index + 1,
        drill.queue.len()
    );
    let [front, back] =
        Layout::vertical([Constraint::Percentage(40), Constraint::Min(3)]).areas(area);
    let block = Block::bordered().title(title).border_style(theme.accent());
    frame.render_widget(
        Paragraph::new(card.front.as_str())
            .wrap(Wrap { trim: false })
            .block(block),
        front,
    );
    let block = Block::bordered()
        .title(" Answer ")
        .border_style(theme.dim());
    if drill.revealed {
        let mut lines: Vec<Line> = card
            .back
            .lines()
            .map(|l| Line::raw(l.to_string()))
            .collect();
        lines.push(Line::raw(""));
        let mut grades = vec![Span::styled("How well did you recall it?  ", theme.dim())];
        for (i, g) in Grade::ALL.iter().enumerate() {
            let days = drill.preview(*g).map_or(0, |s| s.interval_days);
            grades.push(Span::styled(format!("{} ", i + 1), theme.key()));
            grades.push(Span::raw(format!("{} ({days}d)   ", g.label())));
        }
        lines.push(Line::from(grades));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            back,
        );
    } else {
        let hint = Line::styled(
            format!(
                "Answer in your head (or out loud), then press {}.",
                model.keymap.keys_for(Ctx::Cards, Cmd::Reveal)
            ),
            theme.dim(),
        );
        frame.render_widget(Paragraph::new(hint).block(block), back);
    }
}
