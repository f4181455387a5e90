//! The diagram view of a practice step: each diagram in the notes drawn, scrolled both
//! ways, with a syntax error under the last good drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthChar;

use crate::tui::diagram_view::DiagramView;
use crate::tui::keymap::{Cmd, Ctx, Keymap};
use crate::tui::theme::Theme;
use crate::tui::view::widgets::word_wrap;

pub fn draw(view: &DiagramView, theme: &Theme, keys: &Keymap, frame: &mut Frame, area: Rect) {
    let key = |cmd| keys.keys_for(Ctx::Practice, cmd);
    let block = Block::bordered()
        .title(format!(" Diagram ({}) ", view.drawn.len()))
        .title_bottom(
            Line::from(format!(
                " {}/{} {}/{} scroll · {} hides ",
                key(Cmd::PageUp),
                key(Cmd::PageDown),
                key(Cmd::ScrollLeft),
                key(Cmd::ScrollRight),
                key(Cmd::ToggleDiagram)
            ))
            .right_aligned(),
        )
        .border_style(theme.accent());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if view.drawn.is_empty() {
        lines.push(Line::raw(
            "No diagram in this step's notes yet. In the notes, write",
        ));
        lines.push(Line::styled("  client -> lb -> api", theme.accent()));
        lines.push(Line::styled("  api -> cache, db", theme.accent()));
        lines.push(Line::raw("or a ```mermaid block holding a flowchart."));
    }
    for (i, d) in view.drawn.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        let title = format!("Diagram {} · notes line {}", i + 1, d.first_line);
        lines.push(Line::styled(title, theme.dim()));
        // What the drawing leaves out comes first: a diagram too big to draw whole can
        // be pages of boxes.
        if let Some(note) = &d.note {
            let wrapped = word_wrap(note, width);
            lines.extend(wrapped.into_iter().map(|l| Line::styled(l, theme.dim())));
        }
        for l in &d.lines {
            lines.push(Line::raw(columns(l, usize::from(view.left), width)));
        }
        if let Some(e) = &d.error {
            let wrapped = word_wrap(&format!("line {e}"), width);
            lines.extend(wrapped.into_iter().map(|l| Line::styled(l, theme.alert())));
        }
    }
    let top = usize::from(view.top).min(lines.len().saturating_sub(1));
    let shown: Vec<Line> = lines.into_iter().skip(top).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The part of `line` from display column `skip`, `take` columns wide. A wide character
/// cut by either edge becomes spaces, so columns never shift.
fn columns(line: &str, skip: usize, take: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        let (start, end) = (col, col + w);
        col = end;
        if end <= skip || w == 0 {
            continue;
        }
        if start >= skip + take {
            break;
        }
        if start < skip || end > skip + take {
            let visible = end.min(skip + take) - start.max(skip);
            out.extend(std::iter::repeat_n(' ', visible));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn columns_cut_by_display_width() {
        assert_eq!(columns("abcdef", 2, 3), "cde");
        // "数" is two columns wide: cut in half at either edge it becomes a space.
        assert_eq!(columns("a数b", 2, 2), " b");
        assert_eq!(columns("a数b", 0, 2), "a ");
        assert_eq!(columns("a数b", 1, 2), "数");
        assert_eq!(columns("abc", 5, 3), "");
    }
}
