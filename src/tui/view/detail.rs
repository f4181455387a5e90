//! One saved session: summary, time against budget per step, and the notes. The text was
//! laid out when the session opened ([`crate::tui::review`]); this draws the rows on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::tui::doc::{Doc, Place};
use crate::tui::model::{Detail, Model};

/// The frame around the text.
fn frame_block(model: &Model, d: &Detail) -> Block<'static> {
    let t = &d.transcript;
    Block::bordered()
        .title(Line::styled(
            format!(
                " {} ",
                crate::domain::sanitize::sanitize(&t.header.title, true)
            ),
            model.theme.title(),
        ))
        .title(Line::from(format!(" {} ", t.header.status.label())).right_aligned())
        .border_style(model.theme.dim())
}

/// Where the text goes when the screen's body is `body`.
pub fn text_area(body: Rect) -> Rect {
    Block::bordered().inner(body)
}

pub fn draw(model: &Model, d: &Detail, frame: &mut Frame, area: Rect) {
    let inner = text_area(area);
    frame.render_widget(frame_block(model, d), area);
    let top = d.doc.clamp(d.top, inner.width, inner.height);
    draw_doc(&d.doc, top, frame, inner);
}

/// The rows of `doc` from `top` on, wrapped to `area`: only the lines on screen are
/// laid out.
pub fn draw_doc(doc: &Doc, top: Place, frame: &mut Frame, area: Rect) {
    let (text, skip) = doc.visible(top, area.height);
    let skip = u16::try_from(skip).unwrap_or(u16::MAX);
    let para = Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((skip, 0));
    frame.render_widget(para, area);
}
