//! The second-opinion pane: a finished session sent to the user's reviewer command, its
//! answer shown as it arrives, and what became of it (kept with the session, or why not).
//!
//! The answer is kept twice: as it came (what is saved) and made safe to draw. Making it
//! safe happens a finished line at a time, so what depends on its neighbours (a `\r\n`,
//! a joiner between two letters) is read whole even when it arrives split across two
//! pieces, and a long answer arriving in many small pieces is not sanitised again from
//! its start each time.

use std::time::{Duration, Instant};

use ratatui::style::Style;

use crate::domain::sanitize::sanitize;
use crate::reviewer::Reviewer;
use crate::tui::doc::{Block, Doc, Place};
use crate::tui::theme::Theme;

/// Where a request for a second opinion stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// No reviewer is set up: nothing was sent; the pane says how to set one up.
    Unset,
    /// The command is running.
    Running,
    /// Asked to stop; waiting for it to end.
    Stopping,
    /// Answered; being written into the session file.
    Saving,
    /// Kept with the session.
    Saved,
    /// No answer to keep, or it could not be kept: why.
    Failed(String),
}

pub struct Opinion {
    /// Tells this request's reports from an earlier one's.
    pub job: u64,
    pub session_id: String,
    pub reviewer: Reviewer,
    pub started: Instant,
    pub asked_at: jiff::Timestamp,
    /// When it ended, for the time it took.
    pub ended: Option<Instant>,
    pub state: State,
    /// The answer as it came.
    pub raw: String,
    /// How much of `raw` (whole lines) is in the answer's first block, made safe.
    clean_upto: usize,
    /// What the pane shows below its status line: template warnings, the answer (two
    /// blocks from `answer` on: whole lines, then the line still arriving), and why
    /// nothing was kept.
    pub doc: Doc,
    answer: usize,
    notes: Vec<String>,
    /// Said after the answer (that it was cut, that bytes were replaced).
    endnotes: Vec<String>,
    /// The first row on screen.
    pub top: Place,
    /// Keep the newest text on screen as it arrives (until the user scrolls up).
    pub follow: bool,
    theme: Theme,
}

impl Opinion {
    pub fn new(
        job: u64,
        session_id: String,
        reviewer: Reviewer,
        now: crate::tui::clock::Now,
        theme: Theme,
    ) -> Self {
        let mut o = Opinion {
            job,
            session_id,
            reviewer,
            started: now.mono,
            asked_at: now.wall,
            ended: None,
            state: State::Running,
            raw: String::new(),
            clean_upto: 0,
            doc: Doc::default(),
            answer: 0,
            notes: Vec::new(),
            endnotes: Vec::new(),
            top: Place::default(),
            follow: true,
            theme,
        };
        o.relayout();
        o
    }

    /// The pane for a user with no reviewer set up: how to set one up, and that nothing
    /// was sent.
    pub fn unset(session_id: String, now: crate::tui::clock::Now, theme: Theme) -> Self {
        let reviewer = Reviewer {
            command: String::new(),
            timeout: crate::reviewer::DEFAULT_TIMEOUT,
            max_bytes: crate::reviewer::MAX_OUTPUT,
        };
        let mut o = Opinion::new(0, session_id, reviewer, now, theme);
        o.state = State::Unset;
        o.ended = Some(now.mono);
        o.relayout();
        o
    }

    pub fn running(&self) -> bool {
        matches!(self.state, State::Running | State::Stopping)
    }

    /// How long it ran, or has been running.
    pub fn took(&self, now: Instant) -> Duration {
        self.ended
            .unwrap_or(now)
            .saturating_duration_since(self.started)
    }

    /// Some more of the answer.
    pub fn push(&mut self, piece: &str) {
        let first = self.raw.is_empty();
        self.raw.push_str(piece);
        if let Some(nl) = self.raw[self.clean_upto..].rfind('\n') {
            let end = self.clean_upto + nl + 1;
            let more = sanitize(&self.raw[self.clean_upto..end], false);
            self.clean_upto = end;
            if let Some(Block::Text { text, .. }) = self.doc.blocks.get_mut(self.answer) {
                text.push_str(&more);
            }
        }
        if first {
            self.relayout();
        } else if let Some(Block::Text { text, .. }) = self.doc.blocks.get_mut(self.answer + 1) {
            *text = sanitize(&self.raw[self.clean_upto..], false);
        }
    }

    /// Draw in `theme` from now on (the terminal said what its background is).
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        self.relayout();
    }

    /// Template warnings, shown above the answer.
    pub fn note(&mut self, notes: Vec<String>) {
        self.notes.extend(notes);
        self.relayout();
    }

    /// What to say after the answer.
    pub fn endnote(&mut self, notes: Vec<String>) {
        self.endnotes.extend(notes);
        self.relayout();
    }

    /// It ended: `state` says how.
    pub fn end(&mut self, state: State, now: Instant) {
        if self.ended.is_none() {
            self.ended = Some(now);
        }
        self.state = state;
        self.relayout();
    }

    /// Lay the pane out again around the answer (which stays where it is, not copied):
    /// notes, the set-up text or a waiting line, the answer's whole lines and its last,
    /// unfinished one, and why nothing was kept.
    fn relayout(&mut self) {
        let clean = match self.doc.blocks.get_mut(self.answer) {
            Some(Block::Text { text, .. }) => std::mem::take(text),
            _ => String::new(),
        };
        let theme = &self.theme;
        let mut blocks = Vec::new();
        for note in &self.notes {
            blocks.push(Block::Text {
                text: sanitize(note, false),
                style: theme.warn(),
            });
        }
        if self.state == State::Unset {
            blocks.push(Block::Text {
                text: sanitize(crate::config::NO_REVIEWER, false),
                style: Style::new(),
            });
        }
        if self.raw.is_empty() && self.state == State::Running {
            blocks.push(Block::Text {
                text: "Waiting for the reviewer's answer…".into(),
                style: theme.dim(),
            });
        }
        self.answer = blocks.len();
        blocks.push(Block::Text {
            text: clean,
            style: Style::new(),
        });
        blocks.push(Block::Text {
            text: sanitize(&self.raw[self.clean_upto..], false),
            style: Style::new(),
        });
        for note in &self.endnotes {
            blocks.push(Block::Text {
                text: sanitize(note, false),
                style: theme.dim(),
            });
        }
        if let State::Failed(why) = &self.state {
            blocks.push(Block::Lines(vec![ratatui::text::Line::raw("")]));
            blocks.push(Block::Text {
                text: sanitize(why, false),
                style: theme.alert(),
            });
        }
        self.doc = Doc::new(blocks);
    }

    /// Scroll by `rows` in a text area of `width`×`height`; moving up stops following.
    pub fn scroll(&mut self, down: bool, rows: usize, width: u16, height: u16) {
        let moved = if down {
            self.doc.down(self.top, rows, width)
        } else {
            self.doc.up(self.top, rows, width)
        };
        self.top = self.doc.clamp(moved, width, height);
        self.follow = down && self.top == self.doc.bottom(width, height);
    }

    /// Show the newest text, when following it.
    pub fn keep_up(&mut self, width: u16, height: u16) {
        if self.follow {
            self.top = self.doc.bottom(width, height);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_theme_redraws_the_pane_s_text_in_its_colours() {
        let now = crate::tui::clock::Now {
            mono: Instant::now(),
            wall: jiff::Timestamp::UNIX_EPOCH,
        };
        let mut o = Opinion::unset("s1".into(), now, Theme::dark());
        o.note(vec!["the template has no {{steps}}".into()]);
        let warn = |o: &Opinion| match o.doc.blocks.first() {
            Some(Block::Text { style, .. }) => style.fg,
            _ => None,
        };
        assert_eq!(warn(&o), Theme::dark().warn().fg);
        o.set_theme(Theme::light());
        assert_eq!(warn(&o), Theme::light().warn().fg);
        assert_ne!(Theme::dark().warn().fg, Theme::light().warn().fg);
    }
}
