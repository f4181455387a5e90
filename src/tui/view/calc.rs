//! The calculator pane: calculator with live preview and history, the capacity sheet,
//! and the cheat sheets.

use crate::tui::keymap::{Cmd, Ctx, Keymap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::calc::sheet::Input;
use crate::domain::sanitize::sanitize;
use crate::tui::calc_pane::{CalcTab, HistoryRow, history_rows, line};
use crate::tui::model::Practice;
use crate::tui::theme::Theme;

pub fn draw(p: &Practice, theme: &Theme, keys: &Keymap, frame: &mut Frame, area: Rect) {
    let Some(tab) = p.calc.tab else { return };
    let mut tabs = vec![Span::raw(" ")];
    for t in CalcTab::ALL {
        let style = if t == tab {
            theme.selected().patch(theme.accent())
        } else {
            theme.dim()
        };
        tabs.push(Span::styled(format!(" {} ", t.title()), style));
        tabs.push(Span::raw(" "));
    }
    let block = Block::bordered()
        .title(Line::from(tabs))
        .title_bottom(
            Line::from(format!(
                " {} switches · {} closes ",
                keys.keys_for(Ctx::Calc, Cmd::NextTab),
                keys.keys_for(Ctx::Calc, Cmd::CloseCalc)
            ))
            .right_aligned(),
        )
        .border_style(theme.accent());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match tab {
        CalcTab::Calculator => calculator(p, theme, keys, frame, inner),
        CalcTab::Sheet => sheet(p, theme, keys, frame, inner),
        CalcTab::Cheats => cheats(p, theme, frame, inner),
    }
}

fn calculator(p: &Practice, theme: &Theme, keys: &Keymap, frame: &mut Frame, area: Rect) {
    let vars: Vec<String> = p
        .calc
        .engine
        .variables()
        .map(|(n, q)| format!("{n} = {}", q.display()))
        .collect();
    let [history, vars_area, input, preview] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(!vars.is_empty())),
        Constraint::Length(3),
        Constraint::Length(2),
    ])
    .areas(area);

    let width = usize::from(history.width);
    let lines: Vec<Line> = history_rows(&p.transcript.calc, usize::from(history.height))
        .into_iter()
        .map(|row| match row {
            HistoryRow::Step(step) => Line::styled(step.title(), theme.dim()),
            HistoryRow::Entry(e) => {
                // Resumed history comes from the transcript file.
                let (input, display) = (sanitize(&e.input, true), sanitize(&e.display, true));
                let gap = width.saturating_sub(input.width() + display.width()).max(2);
                Line::from(vec![
                    Span::raw(input),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(display, theme.accent()),
                ])
            }
        })
        .collect();
    if lines.is_empty() {
        let hint = vec![
            Line::styled("Work out estimates in interview units, e.g.", theme.dim()),
            Line::raw("  dau = 500M"),
            Line::raw("  dau * 2 / day to 1/s"),
            Line::raw("  1B * 200 bytes * 365 * 5"),
            Line::raw("  (1 - 99.9%) * 1 year to hours"),
            Line::styled(
                format!(
                    "{} puts the last result in your notes.",
                    keys.keys_for(Ctx::Calc, Cmd::InsertResult)
                ),
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(hint).wrap(Wrap { trim: false }), history);
    } else {
        frame.render_widget(Paragraph::new(lines), history);
    }
    if !vars.is_empty() {
        let text = format!("vars: {}", vars.join(" · "));
        frame.render_widget(Paragraph::new(text).style(theme.dim()), vars_area);
    }

    let input_block = Block::bordered()
        .title(" Expression ")
        .border_style(theme.accent());
    let inner = input_block.inner(input);
    frame.render_widget(input_block, input);
    frame.render_widget(&p.calc.input, inner);

    let text = line(&p.calc.input);
    let shown = if let Some(err) = &p.calc.error {
        Line::styled(err.clone(), theme.alert())
    } else if text.trim().is_empty() {
        Line::styled(
            format!(
                "{} runs · {}/{} recall · the shortcut answer shows beside the exact one",
                keys.keys_for(Ctx::Calc, Cmd::Select),
                keys.keys_for(Ctx::Calc, Cmd::Up),
                keys.keys_for(Ctx::Calc, Cmd::Down)
            ),
            theme.dim(),
        )
    } else {
        match p.calc.engine.estimate(&text) {
            Ok(e) => Line::styled(format!("= {}", e.summary()), theme.accent()),
            Err(e) => Line::styled(format!("… {e}"), theme.dim()),
        }
    };
    frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), preview);
}

fn sheet(p: &Practice, theme: &Theme, keys: &Keymap, frame: &mut Frame, area: Rect) {
    let label_width = Input::ALL
        .iter()
        .map(|i| i.label().width())
        .max()
        .unwrap_or(10)
        + 2;
    let inputs_height = Input::ALL.len() as u16 + 1;
    let [inputs, figures] =
        Layout::vertical([Constraint::Length(inputs_height), Constraint::Min(1)]).areas(area);
    let mut lines = vec![Line::styled(
        format!(
            "Inputs ({}/{} choose, type to change)",
            keys.keys_for(Ctx::Sheet, Cmd::Up),
            keys.keys_for(Ctx::Sheet, Cmd::Down)
        ),
        theme.title(),
    )];
    // An empty input shows an example, dimmed, as a hint.
    let hint = |input: Input| Span::styled(format!("e.g. {}", input.example()), theme.dim());
    for (i, input) in Input::ALL.iter().enumerate() {
        let selected = i == p.calc.sheet_field;
        let label = format!("{:<label_width$}", input.label());
        let text = p.calc.sheet.get(*input);
        let value = if selected {
            Span::raw("")
        } else if text.trim().is_empty() {
            hint(*input)
        } else {
            Span::raw(sanitize(text, true))
        };
        let style = if selected {
            theme.selected()
        } else {
            Default::default()
        };
        lines.push(Line::from(vec![Span::styled(label, style), value]));
    }
    frame.render_widget(Paragraph::new(lines), inputs);
    // The selected input is edited in place; while empty, its hint follows the cursor.
    let row = inputs.y + 1 + p.calc.sheet_field as u16;
    let x = inputs.x + label_width as u16;
    if row < inputs.bottom() && x < inputs.right() {
        let field = Rect::new(x, row, inputs.right() - x, 1);
        frame.render_widget(&p.calc.sheet_input, field);
        if line(&p.calc.sheet_input).is_empty() && field.width > 1 {
            let after = Rect::new(field.x + 1, row, field.width - 1, 1);
            frame.render_widget(Paragraph::new(hint(p.calc.sheet_input_kind())), after);
        }
    }

    let mut out = vec![Line::styled(
        format!(
            "Figures ({} puts them all in your notes)",
            keys.keys_for(Ctx::Sheet, Cmd::InsertResult)
        ),
        theme.title(),
    )];
    for f in p.calc.sheet.figures() {
        let result = match &f.result {
            Ok(r) => Span::styled(r.clone(), theme.accent()),
            Err(e) if f.waiting => Span::styled(e.clone(), theme.dim()),
            Err(e) => Span::styled(format!("? {e}"), theme.alert()),
        };
        out.push(Line::from(vec![Span::raw(format!("{}: ", f.name)), result]));
        out.push(Line::styled(format!("  {}", f.formula), theme.dim()));
    }
    frame.render_widget(Paragraph::new(out).wrap(Wrap { trim: false }), figures);
}

fn cheats(p: &Practice, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    for table in crate::calc::cheatsheet::tables() {
        lines.push(Line::styled(table.title, theme.title()));
        if !table.note.is_empty() {
            lines.push(Line::styled(table.note, theme.dim()));
        }
        let cols = table.header.len();
        let mut widths = vec![0usize; cols];
        for (i, h) in table.header.iter().enumerate() {
            widths[i] = h.width();
        }
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let fmt_row = |cells: Vec<&str>| -> String {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let w = widths.get(i).copied().unwrap_or(0);
                    format!("{c}{}", " ".repeat(w.saturating_sub(c.width())))
                })
                .collect::<Vec<_>>()
                .join("  ")
        };
        lines.push(Line::styled(fmt_row(table.header.to_vec()), theme.key()));
        for row in &table.rows {
            lines.push(Line::raw(fmt_row(row.iter().map(String::as_str).collect())));
        }
        lines.push(Line::raw(""));
    }
    let para = Paragraph::new(Text::from(lines));
    let total = para.line_count(area.width) as u16;
    let scroll = p.calc.cheat_scroll.min(total.saturating_sub(area.height));
    frame.render_widget(para.scroll((scroll, 0)), area);
}
