//! The launcher (what to do) and the problem picker (what to practise).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::domain::diagnostic::Diagnostic;
use crate::domain::export::local_time;
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::stats::Next;
use crate::domain::timer::clock_text;
use crate::store::Listed;
use crate::tui::model::{LauncherItem, Menu, Model, StepPick, launcher_items, suggestion};

/// What the launcher's suggestion starts, in a few words.
pub fn next_label(next: Next) -> String {
    match next {
        Next::Interview => "a mock interview".into(),
        Next::StepDrill(step) => format!("a step drill on {}", step.title()),
        Next::Estimate => "an estimation drill".into(),
        Next::Cards => "concept cards".into(),
    }
}

/// How many problem files were skipped and for how many errors: a file reports all its
/// errors, so the two counts differ ("2 problem files have errors (5 errors) and were
/// skipped").
pub fn skipped_files(warnings: &[Diagnostic]) -> String {
    let files = warnings
        .iter()
        .map(|d| d.file.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let errors = warnings.len();
    match (files, errors) {
        (1, 1) => "1 problem file has an error and was skipped".to_string(),
        (1, n) => format!("1 problem file has {n} errors and was skipped"),
        (f, n) if f == n => format!("{f} problem files have an error each and were skipped"),
        (f, n) => format!("{f} problem files have errors ({n} errors) and were skipped"),
    }
}

/// The launcher's parts: heading, the list of entries, warnings, recent sessions. The
/// mouse finds entries by the same layout.
pub fn launcher_areas(model: &Model, area: Rect) -> [Rect; 4] {
    let shown = model.catalog.warnings.len()
        + model.config_problems.len()
        + usize::from(!model.config_problems.is_empty());
    let warn_rows = if shown == 0 {
        0
    } else {
        (shown as u16 + 3).min(area.height / 3)
    };
    let entries = launcher_items(model).len() as u16;
    let why = u16::from(suggestion(model).is_some());
    let ([heading, list, warnings], recent) =
        super::quick_layout::rows_then_rest(area, [3, entries + 2 + why, warn_rows], 0);
    [heading, list, warnings, recent]
}

/// The picker's parts: a warning line, the list of problems, the statement preview.
pub fn picker_areas(model: &Model, area: Rect) -> [Rect; 3] {
    let warn_rows = u16::from(!model.catalog.warnings.is_empty());
    Layout::vertical([
        Constraint::Length(warn_rows),
        Constraint::Percentage(50),
        Constraint::Min(3),
    ])
    .areas(area)
}

pub fn draw_launcher(model: &Model, menu: &Menu, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let warnings = &model.catalog.warnings;
    let config = &model.config_problems;
    let shown = warnings.len() + config.len() + usize::from(!config.is_empty());
    let entries = launcher_items(model);
    let why = suggestion(model).map(|s| s.why);
    let [head, list, warn, recent] = launcher_areas(model, area);

    let head_text = Text::from(vec![
        Line::from(vec![
            Span::styled(" sdcoach", theme.accent()),
            Span::raw("  system-design interview practice"),
        ]),
        Line::styled(
            " Six timed steps, 45 minutes, every word saved.",
            theme.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(head_text), head);

    // Numbered: a digit opens its entry.
    let number = |i: usize| {
        if i < 9 {
            format!("{} ", i + 1)
        } else {
            "  ".to_string()
        }
    };
    let items: Vec<ListItem> = entries
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let text = match item {
                LauncherItem::Next(next) => {
                    return ListItem::new(vec![
                        Line::styled(
                            format!("{}Next: {}", number(i), next_label(next)),
                            theme.accent(),
                        ),
                        Line::styled(
                            super::widgets::truncate(
                                &format!("  because {}", why.clone().unwrap_or_default()),
                                usize::from(list.width.saturating_sub(4)),
                            ),
                            theme.dim(),
                        ),
                    ]);
                }
                LauncherItem::Practise if !model.catalog_complete => {
                    "Practise a problem".to_string()
                }
                LauncherItem::Practise => {
                    format!("Practise a problem  ({} available)", model.catalog.len())
                }
                LauncherItem::Resume { title, id } => format!(
                    "Resume: {}  ({})",
                    sanitize(&title, true),
                    sanitize(&id, true)
                ),
                LauncherItem::Review => match &model.sessions_error {
                    Some(_) => "Review sessions  (folder unreadable)".to_string(),
                    None => format!("Review sessions  ({} saved)", model.sessions.len()),
                },
                LauncherItem::Cards => match model.cards_due {
                    Some(n) => format!("Concept cards  ({n} to review today)"),
                    None => "Concept cards  (spaced repetition)".to_string(),
                },
                LauncherItem::Estimate => {
                    let (count, secs) = model.defaults.estimate_drill();
                    format!("Estimation drill  ({count} questions, {secs} s each)")
                }
                LauncherItem::StepDrill => {
                    "Step drill  (one step of a problem, on its budget)".to_string()
                }
                LauncherItem::Progress => {
                    "Progress  (streak, accuracy, weak steps, scores)".to_string()
                }
                LauncherItem::Quit => "Quit".to_string(),
            };
            ListItem::new(format!("{}{text}", number(i)))
        })
        .collect();
    let list_widget = List::new(items)
        .block(
            Block::bordered()
                .title(" What next? ")
                .border_style(theme.dim()),
        )
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(menu.selected));
    frame.render_stateful_widget(list_widget, list, &mut state);

    if shown > 0 {
        let mut lines = Vec::new();
        if !config.is_empty() {
            lines.push(Line::styled(
                format!(
                    "The config file has {}; what they touch was ignored (defaults used; \
                     `sdcoach config check` says more):",
                    super::widgets::plural(config.len(), "error")
                ),
                theme.warn(),
            ));
            lines.extend(config.iter().map(|d| Line::raw(d.to_string())));
        }
        if !warnings.is_empty() {
            lines.push(Line::styled(
                format!("{}:", skipped_files(warnings)),
                theme.warn(),
            ));
            lines.extend(warnings.iter().map(|d| Line::raw(d.to_string())));
        }
        let block = Block::bordered()
            .title(" Warnings ")
            .border_style(theme.warn());
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            warn,
        );
    }
    draw_recent(model, frame, recent);
}

/// The last few sessions, so progress is visible from the first screen.
fn draw_recent(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let rows = usize::from(area.height.saturating_sub(2));
    if rows == 0 || model.sessions.is_empty() {
        return;
    }
    let lines: Vec<Line> = model
        .sessions
        .iter()
        .take(rows)
        .map(|item| match item {
            Listed::Ok(h) => Line::from(vec![
                Span::styled(
                    format!("{}  ", local_time(h.started_at, &model.tz)),
                    theme.dim(),
                ),
                Span::raw(format!(
                    "{:<8}",
                    clock_text(std::time::Duration::from_millis(h.elapsed_ms))
                )),
                Span::styled(format!("{:<12}", h.status.label()), theme.dim()),
                Span::raw(match h.step_drill {
                    Some(step) => format!(
                        "{} · {} drill",
                        sanitize(&h.title, true),
                        step.short_title()
                    ),
                    None => sanitize(&h.title, true),
                }),
            ]),
            Listed::Unreadable { id, .. } => Line::styled(
                format!("unreadable: {}.toml", sanitize(id, true)),
                theme.alert(),
            ),
        })
        .collect();
    let block = Block::bordered()
        .title(" Recent sessions ")
        .border_style(theme.dim());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The step-drill chooser: the six steps with their budgets, then the problems.
pub fn draw_step_pick(model: &Model, pick: &StepPick, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let (title, items): (String, Vec<ListItem>) = match pick.step {
        None => (
            " Step drill: which step? ".to_string(),
            Step::ALL
                .iter()
                .map(|s| {
                    ListItem::new(Line::from(vec![
                        Span::raw(format!("{}. {:<26}", s.index() + 1, s.title())),
                        Span::styled(clock_text(s.default_budget()), theme.dim()),
                    ]))
                })
                .collect(),
        ),
        Some(step) => {
            let mut items = vec![ListItem::new("Any problem (picked at random)")];
            items.extend(model.catalog.problems().iter().map(|p| {
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{}  ", p.title)),
                    Span::styled(p.difficulty.to_string(), theme.dim()),
                ]))
            }));
            (
                format!(" Step drill: {} · which problem? ", step.title()),
                items,
            )
        }
    };
    let list = List::new(items)
        .block(Block::bordered().title(title).border_style(theme.dim()))
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(pick.menu.selected));
    frame.render_stateful_widget(list, area, &mut state);
}

pub fn draw_picker(model: &Model, menu: &Menu, frame: &mut Frame, area: Rect) {
    let theme = &model.theme;
    let problems = model.catalog.problems();
    let [warn, list_area, preview] = picker_areas(model, area);
    if let Some(first) = model.catalog.warnings.first() {
        let text = match model.catalog.warnings.len() {
            1 => format!("Skipped a bad problem file: {first}"),
            _ => format!(
                "{}; the first: {first}",
                skipped_files(&model.catalog.warnings)
            ),
        };
        frame.render_widget(Paragraph::new(text).style(theme.warn()), warn);
    }
    let title_width = problems
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(p.title.as_str()))
        .max()
        .unwrap_or(10)
        .min(40);
    let items: Vec<ListItem> = problems
        .iter()
        .map(|p| {
            // A longer title is cut so the columns stay lined up; the statement pane
            // below shows it whole.
            let title = super::widgets::truncate(&p.title, title_width);
            let pad =
                title_width.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            ListItem::new(Line::from(vec![
                Span::raw(format!("{title}{}  ", " ".repeat(pad))),
                Span::styled(format!("{:<6}", p.difficulty.to_string()), theme.dim()),
                Span::styled(format!("  {}", clock_text(p.total_budget())), theme.dim()),
            ]))
        })
        .collect();
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(" Choose a problem ")
                .border_style(theme.dim()),
        )
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(menu.selected));
    frame.render_stateful_widget(list, list_area, &mut state);

    if let Some(p) = problems.get(menu.selected) {
        let mut text = vec![Line::styled(
            format!("{} ({})", p.title, p.id),
            theme.title(),
        )];
        if !p.tags.is_empty() {
            text.push(Line::styled(p.tags.join(" · "), theme.dim()));
        }
        text.push(Line::raw(""));
        text.extend(p.statement.lines().map(|l| Line::raw(l.to_string())));
        let block = Block::bordered()
            .title(" Statement ")
            .border_style(theme.dim());
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
            preview,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::skipped_files;
    use crate::domain::diagnostic::Diagnostic;

    fn errors(files: &[&str]) -> Vec<Diagnostic> {
        files
            .iter()
            .map(|f| Diagnostic {
                file: f.to_string(),
                line: 1,
                col: 1,
                message: "bad".into(),
            })
            .collect()
    }

    #[test]
    fn skipped_files_are_counted_apart_from_their_errors() {
        assert_eq!(
            skipped_files(&errors(&["a.toml"])),
            "1 problem file has an error and was skipped"
        );
        assert_eq!(
            skipped_files(&errors(&["a.toml", "a.toml", "a.toml"])),
            "1 problem file has 3 errors and was skipped"
        );
        assert_eq!(
            skipped_files(&errors(&["a.toml", "b.toml"])),
            "2 problem files have an error each and were skipped"
        );
        assert_eq!(
            skipped_files(&errors(&["a.toml", "b.toml", "a.toml", "a.toml", "b.toml"])),
            "2 problem files have errors (5 errors) and were skipped"
        );
    }
}
