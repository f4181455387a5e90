//! The diagram view of a practice step (`d`): the diagrams in the step's notes, drawn, and
//! redrawn as the notes change. State only; `view::diagram` draws it.

use crate::diagram::{Charset, draw, find_diagrams};
use crate::domain::framework::Step;

/// One diagram of the notes as last drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    /// Where its text starts in the notes (1-based line).
    pub first_line: usize,
    /// The drawing: the last one that parsed, kept while the text has an error.
    pub lines: Vec<String>,
    /// Why the text as it is now does not parse (`line:col: message`, in the notes).
    pub error: Option<String>,
    /// What the drawing could not do (too big, too wide).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiagramView {
    /// The first row and column on screen.
    pub top: u16,
    pub left: u16,
    pub drawn: Vec<Drawn>,
    /// The step and change count the drawings were made from: the notes are read again
    /// only when either moves.
    drawn_for: Option<(Step, u64)>,
}

impl DiagramView {
    /// Whether the drawings were made from step `step` at change `changes`.
    pub fn is_current(&self, step: Step, changes: u64) -> bool {
        self.drawn_for == Some((step, changes))
    }

    /// Draw the diagrams of `notes` (step `step`, at change `changes`) unless that was
    /// already done. A diagram whose text no longer parses keeps its last good drawing.
    pub fn refresh(&mut self, step: Step, changes: u64, notes: &str, charset: Charset) {
        if self.is_current(step, changes) {
            return;
        }
        let same_step = self.drawn_for.is_some_and(|(s, _)| s == step);
        if !same_step {
            self.top = 0;
            self.left = 0;
        }
        let before = std::mem::take(&mut self.drawn);
        self.drawn = find_diagrams(notes)
            .into_iter()
            .enumerate()
            .map(|(i, found)| match found.graph {
                Ok(graph) => {
                    let drawing = draw(&graph, charset, None);
                    Drawn {
                        first_line: found.first_line,
                        lines: drawing.lines,
                        error: None,
                        note: drawing.note,
                    }
                }
                Err(e) => Drawn {
                    first_line: found.first_line,
                    lines: before
                        .get(i)
                        .filter(|_| same_step)
                        .map(|d| d.lines.clone())
                        .unwrap_or_default(),
                    error: Some(e.to_string()),
                    note: None,
                },
            })
            .collect();
        self.drawn_for = Some((step, changes));
    }
}
