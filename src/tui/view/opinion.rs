//! The second-opinion pane: a status line (what is running, for how long, how to stop
//! it, or what became of the answer) over the answer as it arrives.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::tui::keymap::{Cmd, Ctx};
use crate::tui::model::Model;
use crate::tui::opinion::{Opinion, State};

/// The status line and the text under it, inside the pane's border.
fn areas(body: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(2), Constraint::Min(0)])
        .areas(Block::bordered().inner(body))
}

/// Where the answer goes when the screen's body is `body`.
pub fn text_area(body: Rect) -> Rect {
    areas(body)[1]
}

fn status(model: &Model, o: &Opinion) -> Line<'static> {
    let theme = &model.theme;
    let command = sanitize(&o.reviewer.command, true);
    let took = clock_text(o.took(model.now.mono));
    match &o.state {
        State::Unset => Line::styled("No reviewer is set up: nothing was sent.", theme.warn()),
        State::Running => Line::styled(
            format!(
                "Asking `{command}` · {took} (stopped at {}) · {} stops it",
                clock_text(o.reviewer.timeout),
                model.keymap.keys_for(Ctx::Opinion, Cmd::Back)
            ),
            theme.accent(),
        ),
        State::Stopping => Line::styled(format!("Stopping `{command}`…"), theme.warn()),
        State::Saving => Line::styled(
            format!("`{command}` answered in {took} · keeping it with the session…"),
            theme.dim(),
        ),
        State::Saved => Line::styled(
            format!(
                "`{command}` answered in {took} · kept with the session (review shows it at \
                 the end)"
            ),
            theme.ok(),
        ),
        State::Failed(_) => Line::styled(
            format!("`{command}` · {took} · nothing kept (why is below)"),
            theme.alert(),
        ),
    }
}

pub fn draw(model: &Model, o: &Opinion, frame: &mut Frame, area: Rect) {
    let frame_block = Block::bordered()
        .title(Line::styled(" Second opinion ", model.theme.title()))
        .border_style(model.theme.dim());
    frame.render_widget(frame_block, area);
    let [head, text] = areas(area);
    frame.render_widget(Paragraph::new(status(model, o)), head);
    let top = if o.follow {
        o.doc.bottom(text.width, text.height)
    } else {
        o.doc.clamp(o.top, text.width, text.height)
    };
    super::detail::draw_doc(&o.doc, top, frame, text);
}
