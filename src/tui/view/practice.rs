//! The practice screen: header with the interview clock, step bar, problem and guidance,
//! and the current step's notes with its countdown.

use crate::tui::keymap::{Cmd, Ctx, Keymap};
use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::quick_layout::{rows_then_rest, share_then_rest};
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::timer::{Countdown, clock_text, countdown_text};
use crate::tui::model::{Model, Practice};
use crate::tui::theme::Theme;

/// From this width the problem and guidance get their own column.
const WIDE: u16 = 90;

/// The practice screen's rows: the header, the step bar, and the panes.
pub fn rows(area: Rect) -> [Rect; 3] {
    let ([header, steps], panes) = rows_then_rest(area, [1, 1], 3);
    [header, steps, panes]
}

/// The problem-and-guidance column and the notes, side by side on a wide screen.
fn columns(p: &Practice, body: Rect) -> [Rect; 2] {
    share_then_rest(body, Direction::Horizontal, left_share(p), 20)
}

/// Where the calculator pane is drawn, when it is open.
pub fn calc_area(p: &Practice, area: Rect) -> Option<Rect> {
    p.calc.tab?;
    let [_, _, body] = rows(area);
    if p.calc.tab == Some(crate::tui::calc_pane::CalcTab::Cheats) {
        return Some(body);
    }
    if area.width >= WIDE {
        let [left, _] = columns(p, body);
        Some(left)
    } else {
        let [top, _] = share_then_rest(body, Direction::Vertical, 60, 4);
        Some(top)
    }
}

pub fn draw(model: &Model, p: &Practice, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let [header, steps, body] = rows(area);
    frame.render_widget(
        header_line(p, theme, model.now_mono(), header.width),
        header,
    );
    frame.render_widget(
        step_bar(p, theme, &model.keymap, model.now_mono(), steps.width),
        steps,
    );

    // The cheat sheets' tables need the whole width.
    if p.calc.tab == Some(crate::tui::calc_pane::CalcTab::Cheats) {
        super::calc::draw(p, theme, &model.keymap, frame, body);
        return;
    }
    if area.width >= WIDE {
        let [left, right] = columns(p, body);
        let statement = Paragraph::new(sanitize(&p.transcript.problem.statement, false))
            .wrap(Wrap { trim: false });
        let statement_rows =
            u16::try_from(statement.line_count(left.width.saturating_sub(2))).unwrap_or(u16::MAX);
        let cap = left.height.saturating_mul(3) / 5;
        let ([top], bottom) = rows_then_rest(left, [statement_rows.saturating_add(2).min(cap)], 3);
        if p.calc.is_open() {
            super::calc::draw(p, theme, &model.keymap, frame, left);
        } else if let Some(view) = &p.diagram {
            super::diagram::draw(view, theme, &model.keymap, frame, left);
        } else {
            draw_statement(p, theme, frame, top);
            draw_guidance(p, theme, &model.keymap, frame, bottom, None);
        }
        draw_editor(p, theme, &model.keymap, model.now_mono(), frame, right);
    } else {
        let share = if p.calc.is_open() { 60 } else { 40 };
        let [top, bottom] = share_then_rest(body, Direction::Vertical, share, 4);
        if p.calc.is_open() {
            super::calc::draw(p, theme, &model.keymap, frame, top);
        } else if let Some(view) = &p.diagram {
            super::diagram::draw(view, theme, &model.keymap, frame, top);
        } else {
            let statement = sanitize(&p.transcript.problem.statement, false);
            draw_guidance(p, theme, &model.keymap, frame, top, Some(&statement));
        }
        draw_editor(p, theme, &model.keymap, model.now_mono(), frame, bottom);
    }
}

/// The left column's share of the width: wider while the calculator is open.
fn left_share(p: &Practice) -> u16 {
    if p.calc.tab.is_some() || p.diagram.is_some() {
        50
    } else {
        38
    }
}

fn header_line(p: &Practice, theme: &Theme, now: std::time::Instant, width: u16) -> Line<'static> {
    let total = p.timers.total(now);
    let budget = p.transcript.total_budget();
    let clock_style = if total > budget {
        theme.alert()
    } else {
        theme.accent()
    };
    let mut right = vec![
        Span::raw("Total "),
        Span::styled(clock_text(total), clock_style),
        Span::raw(format!(" / {}", clock_text(budget))),
    ];
    if p.is_complete() {
        right.push(Span::styled("  ENDED", theme.warn()));
    } else if p.timers.is_paused() {
        right.push(Span::styled("  PAUSED", theme.warn()));
    }
    let save = match (&p.save_error, p.is_dirty()) {
        (Some(_), _) => Span::styled("  NOT SAVED", theme.alert()),
        (None, true) => Span::styled("  editing…", theme.dim()),
        (None, false) => Span::styled("  saved", theme.ok()),
    };
    right.push(save);
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let kind = match p.transcript.header.step_drill {
        Some(_) => "Step drill: ",
        None => "",
    };
    let title = format!(
        " {kind}{} · {}",
        sanitize(&p.transcript.header.title, true),
        p.transcript.problem.difficulty
    );
    let room = usize::from(width).saturating_sub(right_width + 1);
    let title = super::widgets::truncate(&title, room);
    let pad = usize::from(width).saturating_sub(title.width() + right_width);
    let mut spans = vec![
        Span::styled(title, theme.title()),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(right);
    Line::from(spans)
}

/// One cell per step of the session (one in a step drill): ▶ current, ✓ visited,
/// ! over budget.
/// The step bar's labels for a bar `width` columns wide: "1 Reqs" where they fit, else
/// the numbers alone.
fn step_labels(p: &Practice, width: u16) -> Vec<(String, Step)> {
    let labels = |full: bool| -> Vec<(String, Step)> {
        p.transcript
            .steps
            .iter()
            .map(|r| r.step)
            .map(|s| {
                let name = if full { s.short_title() } else { "" };
                (
                    format!(
                        "{}{}",
                        s.index() + 1,
                        if full {
                            format!(" {name}")
                        } else {
                            String::new()
                        }
                    ),
                    s,
                )
            })
            .collect()
    };
    let full_width: usize = labels(true)
        .iter()
        .map(|(l, _)| l.width() + 4)
        .sum::<usize>()
        + 1;
    labels(full_width <= usize::from(width))
}

/// The step whose cell of the step bar covers `column` (0 at the bar's left edge): each
/// cell is a mark, the label and a space, with a space between cells.
pub fn step_at(p: &Practice, width: u16, column: u16) -> Option<Step> {
    let mut x = 1usize;
    for (label, step) in step_labels(p, width) {
        let end = x + label.width() + 2;
        if (x..end).contains(&usize::from(column)) {
            return Some(step);
        }
        x = end + 1;
    }
    None
}

fn step_bar(
    p: &Practice,
    theme: &Theme,
    keys: &Keymap,
    now: std::time::Instant,
    width: u16,
) -> Line<'static> {
    let end = keys.keys_for(Ctx::Practice, Cmd::EndInterview);
    let cells = step_labels(p, width);
    let mut spans = vec![Span::raw(" ")];
    for (label, step) in cells {
        let record = p.transcript.step(step);
        let budget = record.map_or(step.default_budget(), |r| r.budget());
        let spent = p.timers.spent(step, now);
        let over = Countdown::new(budget, spent).is_over();
        let current = step == p.current();
        let visited = record.is_some_and(|r| r.visits > 0) || !spent.is_zero();
        let mark = match (current, over, visited) {
            (true, _, _) => "▶",
            (_, true, _) => "!",
            (_, _, true) => "✓",
            _ => " ",
        };
        let mut style = match (over, visited) {
            (true, _) => theme.alert(),
            (false, true) => theme.ok(),
            (false, false) => theme.dim(),
        };
        if current {
            style = style.patch(theme.selected());
        }
        spans.push(Span::styled(format!("{mark}{label} "), style));
        spans.push(Span::raw(" "));
    }
    if p.transcript.header.step_drill.is_some() && !p.is_complete() {
        spans.push(Span::styled(
            format!("one-step drill: {end} ends it and shows the score"),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

fn draw_statement(p: &Practice, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .title(" Problem ")
        .border_style(theme.dim());
    let para = Paragraph::new(sanitize(&p.transcript.problem.statement, false))
        .wrap(Wrap { trim: false })
        .block(block);
    frame.render_widget(para, area);
}

/// Guidance for the current step: built-in questions, then the problem's own pointers.
/// On narrow screens the problem statement comes first in the same pane.
fn draw_guidance(
    p: &Practice,
    theme: &Theme,
    keys: &Keymap,
    frame: &mut Frame,
    area: Rect,
    statement: Option<&str>,
) {
    let step = p.current();
    let mut lines: Vec<Line> = Vec::new();
    if let Some(s) = statement {
        lines.push(Line::styled("Problem", theme.title()));
        lines.extend(s.lines().map(|l| Line::raw(l.to_string())));
        lines.push(Line::raw(""));
    }
    coaching_lines(p, theme, &mut lines);
    lines.push(Line::styled(
        format!("{}: what to cover", step.title()),
        theme.title(),
    ));
    lines.extend(step.guidance().lines().map(|l| Line::raw(l.to_string())));
    if let Some(extra) = p
        .extra_guidance
        .get(step.index())
        .and_then(|g| g.as_deref())
    {
        lines.push(Line::raw(""));
        lines.push(Line::styled("For this problem", theme.title()));
        lines.extend(extra.lines().map(|l| Line::raw(l.to_string())));
    }
    let title = if statement.is_some() {
        " Problem & guidance "
    } else {
        " Guidance "
    };
    let block = Block::bordered()
        .title(title)
        .title_bottom(
            Line::from(format!(
                " {}/{} scroll ",
                keys.keys_for(Ctx::Practice, Cmd::PageUp),
                keys.keys_for(Ctx::Practice, Cmd::PageDown)
            ))
            .right_aligned(),
        )
        .border_style(theme.dim());
    let para = Paragraph::new(Text::from(lines))
        .wrap(Wrap { trim: false })
        .scroll((p.guidance_scroll, 0))
        .block(block);
    frame.render_widget(para, area);
}

/// What the interviewer has added at this step: follow-ups, hints the user asked for,
/// and the latest questions asked. Shown above the guidance so it is seen first.
fn coaching_lines(p: &Practice, theme: &Theme, lines: &mut Vec<Line<'static>>) {
    let step = p.current();
    let thrown: Vec<String> = p
        .transcript
        .curveballs
        .iter()
        .filter(|c| c.step == step)
        .map(|c| sanitize(&c.text, true))
        .collect();
    if !thrown.is_empty() {
        lines.push(Line::styled("The interviewer asks", theme.warn()));
        lines.extend(thrown.iter().map(|t| Line::raw(format!("- {t}"))));
        lines.push(Line::raw(""));
    }
    let hints = p
        .problem
        .as_ref()
        .map(|pr| pr.step(step).hints.as_slice())
        .unwrap_or(&[]);
    let used = p.transcript.step(step).map_or(0, |r| r.hints_used as usize);
    if used > 0 {
        lines.push(Line::styled(
            format!("Hints ({used} of {})", hints.len()),
            theme.title(),
        ));
        lines.extend(hints.iter().take(used).map(|h| Line::raw(format!("- {h}"))));
        lines.push(Line::raw(""));
    }
    let asked = &p.transcript.questions;
    if !asked.is_empty() {
        lines.push(Line::styled(
            format!("Questions asked ({})", asked.len()),
            theme.title(),
        ));
        for q in asked.iter().rev().take(3) {
            lines.push(Line::styled(
                format!("Q: {}", sanitize(&q.question, true)),
                theme.dim(),
            ));
            lines.push(Line::raw(format!("A: {}", sanitize(&q.answer, true))));
        }
        lines.push(Line::raw(""));
    }
}

fn draw_editor(
    p: &Practice,
    theme: &Theme,
    keys: &Keymap,
    now: std::time::Instant,
    frame: &mut Frame,
    area: Rect,
) {
    let step = p.current();
    let budget = p
        .transcript
        .step(step)
        .map_or(step.default_budget(), |r| r.budget());
    let countdown = Countdown::new(budget, p.timers.spent(step, now));
    let clock_style = if countdown.is_over() {
        theme.alert()
    } else {
        theme.accent()
    };
    let mut block = Block::bordered()
        .title(Line::styled(
            format!(" {} · {} ", step.index() + 1, step.title()),
            theme.title(),
        ))
        .title(
            Line::styled(format!(" {} ", countdown_text(countdown)), clock_style).right_aligned(),
        )
        .border_style(theme.border(p.editing));
    let (leave, next) = (
        keys.keys_for(Ctx::Editor, Cmd::LeaveEditor),
        keys.keys_for(Ctx::Practice, Cmd::NextStep),
    );
    if countdown.is_over() && !p.is_complete() {
        let nudge = if step.next().is_some() && p.transcript.header.step_drill.is_none() {
            format!(" Over budget: wrap up and move on ({leave}, then {next}) ")
        } else {
            let end = keys.keys_for(Ctx::Practice, Cmd::EndInterview);
            format!(" Over budget: wrap up and end ({leave}, then {end}) ")
        };
        block = block.title_bottom(Line::styled(nudge, theme.alert()));
    } else if p.editing {
        // Whether keys type is always on screen, in words as well as in the border's
        // colour (which NO_COLOR takes away).
        let typing = format!(" typing · {leave} to stop ");
        block = block.title_bottom(Line::styled(typing, theme.accent()));
    } else if !p.is_complete() {
        let edit = keys.keys_for(Ctx::Practice, Cmd::EditNotes);
        block = block.title_bottom(Line::styled(format!(" {edit} to type "), theme.dim()));
    }
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(text) = &p.banner {
        let banner = Paragraph::new(Line::from(vec![
            Span::styled(" Interviewer: ", theme.warn().patch(theme.selected())),
            Span::styled(format!(" {}", sanitize(text, true)), theme.warn()),
        ]))
        .wrap(Wrap { trim: false });
        let rows = u16::try_from(banner.line_count(inner.width))
            .unwrap_or(1)
            .min(inner.height / 2);
        let ([top], rest) = rows_then_rest(inner, [rows], 0);
        frame.render_widget(banner, top);
        inner = rest;
    }
    if let Some(editor) = p.editor() {
        frame.render_widget(editor, inner);
    }
}
