//! Pop-ups drawn over the screen: help (generated from the keymap), questions, pause.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::widgets::centered;
use crate::domain::sanitize::sanitize;
use crate::tui::keymap::{Cmd, Ctx};
use crate::tui::model::{Model, Overlay, Screen};

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    match &model.overlay {
        Some(Overlay::Help { scroll }) => {
            let focus = model.screen_focus();
            let ctxs = focus.help();
            let mut lines = Vec::new();
            for (title, rows) in model.keymap.help_sections(ctxs) {
                lines.push(Line::styled(title, theme.title()));
                for (keys, what) in rows {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {keys:<18}"), theme.key()),
                        Span::raw(what),
                    ]));
                }
                lines.push(Line::raw(""));
            }
            if ctxs.contains(&Ctx::Editor) {
                lines.push(Line::styled(
                    crate::tui::keymap::TEXT_KEYS,
                    theme.dim(),
                ));
            }
            let popup = centered(area, 72, area.height.saturating_sub(2));
            let block = Block::bordered()
                .title(" Keys ")
                .title_bottom(
                    Line::from(format!(
                        " {} closes · {}/{} scroll ",
                        model.keymap.keys_for(Ctx::Help, Cmd::Back),
                        model.keymap.keys_for(Ctx::Help, Cmd::Down),
                        model.keymap.keys_for(Ctx::Help, Cmd::Up)
                    ))
                    .right_aligned(),
                )
                .border_style(theme.accent());
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .scroll((*scroll, 0))
                    .block(block),
                popup,
            );
        }
        Some(Overlay::Palette { selected }) => palette(model, *selected, frame, area),
        Some(Overlay::ConfirmEnd) => {
            let drill = model
                .practice()
                .is_some_and(|p| p.transcript.header.step_drill.is_some());
            let (title, what) = if drill {
                (" End the drill? ", "drill")
            } else {
                (" End the interview? ", "session")
            };
            question(
                model,
                frame,
                area,
                title,
                &format!(
                    "The {what} is scored and marked complete; it can no longer be resumed. Your notes stay saved."
                ),
            )
        }
        Some(Overlay::ConfirmLeaveUnsaved { error }) => question(
            model,
            frame,
            area,
            " Could not save ",
            &format!(
                "{}

Leave anyway? Your notes will be written to a rescue file (in the data folder, the config folder, your home or the temp folder, whichever takes it) and you will be told where. Answer {} to stay; saving is retried every few seconds.",
                sanitize(error, true),
                model.keymap.keys_for(Ctx::Confirm, Cmd::No)
            ),
        ),
        Some(Overlay::HeldElsewhere { pid, retry_at, .. }) => {
            let who = pid.map_or("another sdcoach window".to_string(), |p| {
                format!("another sdcoach window (process {p})")
            });
            let no = model.keymap.keys_for(Ctx::Confirm, Cmd::No);
            let body = match retry_at {
                Some(_) => format!(
                    "This session is open in {who}.\n\nWaiting for it to close; it opens here for practice as soon as it does. Answer {no} to stop waiting and keep reading."
                ),
                None => format!(
                    "This session is open in {who}, so it is shown here read-only and nothing you do here can overwrite it.\n\nWait and take it over when that window closes? Answer {no} to keep reading."
                ),
            };
            question(model, frame, area, " Open in another window ", &body)
        }
        None if model.practice().is_some_and(|p| p.ask.is_some()) => ask_box(model, frame, area),
        None => {
            if let Some(Screen::Practice(p)) = model.screen()
                && p.timers.is_paused()
                && !p.is_complete()
            {
                let popup = centered(area, 36, 5);
                frame.render_widget(Clear, popup);
                let block = Block::bordered()
                    .title(" Paused ")
                    .border_style(theme.warn());
                let text = vec![
                    Line::raw("All clocks are stopped."),
                    Line::raw(format!(
                        "Press {} to resume.",
                        model.keymap.keys_for(Ctx::Paused, Cmd::TogglePause)
                    )),
                ];
                frame.render_widget(Paragraph::new(text).block(block), popup);
            }
        }
    }
}

fn question(model: &Model, frame: &mut Frame, area: Rect, title: &str, body: &str) {
    let theme = &model.theme;
    let height = super::widgets::wrapped_rows(body, 58).saturating_add(2);
    let popup = centered(area, 60, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::from(" y yes · n no ").right_aligned())
        .border_style(theme.warn());
    frame.render_widget(
        Paragraph::new(body).wrap(Wrap { trim: false }).block(block),
        popup,
    );
}

/// The ask-the-interviewer box: the question being typed and the last answer.
fn ask_box(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let Some(ask) = model.practice().and_then(|p| p.ask.as_ref()) else {
        return;
    };
    let width = area.width.saturating_sub(4).min(90);
    let last = ask
        .last
        .as_ref()
        .map(|(q, a)| (sanitize(q, true), sanitize(a, true)));
    let answer_rows = last.as_ref().map_or(1, |(q, a)| {
        super::widgets::wrapped_rows(&format!("Q: {q}\nA: {a}"), width.saturating_sub(2))
    });
    let popup = centered(area, width, answer_rows.saturating_add(5));
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Ask the interviewer ")
        .title_bottom(
            Line::from(format!(
                " {} asks · {} closes ",
                model.keymap.keys_for(Ctx::Ask, Cmd::Select),
                model.keymap.keys_for(Ctx::Ask, Cmd::Back)
            ))
            .right_aligned(),
        )
        .border_style(theme.accent());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [input, gap, answer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(&ask.input, input);
    let rule = "─".repeat(usize::from(gap.width));
    frame.render_widget(Paragraph::new(rule).style(theme.dim()), gap);
    let text = match &last {
        Some((q, a)) => vec![
            Line::styled(format!("Q: {q}"), theme.dim()),
            Line::raw(format!("A: {a}")),
        ],
        None => vec![Line::styled(
            "Ask what you would ask a real interviewer: scale, features, latency, consistency.",
            theme.dim(),
        )],
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), answer);
}

/// Where the palette pops up over `area`, and the first entry it shows with `selected`
/// kept in view. The mouse finds entries by the same layout.
pub fn palette_layout(area: Rect, selected: usize) -> (Rect, usize) {
    let rows = crate::diagram::PALETTE.len() as u16;
    let popup = centered(area, 44, rows.saturating_add(2));
    let top = selected.saturating_sub(usize::from(popup.height.saturating_sub(3)));
    (popup, top)
}

/// The building blocks to add to a diagram, the selected one highlighted.
fn palette(model: &Model, selected: usize, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let (popup, top) = palette_layout(area, selected);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Add a building block ")
        .title_bottom(
            Line::from(format!(
                " {} adds · {} closes ",
                model.keymap.keys_for(Ctx::Palette, Cmd::Select),
                model.keymap.keys_for(Ctx::Palette, Cmd::Back)
            ))
            .right_aligned(),
        )
        .border_style(theme.accent());
    let lines: Vec<Line> = crate::diagram::PALETTE
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let style = if i == selected {
                theme.selected()
            } else {
                Default::default()
            };
            Line::from(vec![
                Span::styled(format!(" {:<20}", c.label), style),
                Span::styled(c.id, theme.dim()),
            ])
        })
        .collect();
    let top = u16::try_from(top).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((top, 0)), popup);
}
