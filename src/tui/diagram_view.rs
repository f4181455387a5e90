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
    /// The text and charset the drawing was made from: the same again draws the same.
    source: String,
    charset: Charset,
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
            .map(|(i, found)| {
                let error = found.graph.as_ref().err().map(ToString::to_string);
                // A diagram whose text did not change is not drawn again, so typing prose
                // around it (or in another diagram) costs no drawing.
                let unchanged = before
                    .iter()
                    .find(|d| d.source == found.source && d.charset == charset);
                let (lines, note) = match (unchanged, found.graph) {
                    (Some(d), _) => (d.lines.clone(), d.note.clone()),
                    (None, Ok(graph)) => {
                        let drawing = draw(&graph, charset, None);
                        (drawing.lines, drawing.note)
                    }
                    (None, Err(_)) => (
                        before
                            .get(i)
                            .filter(|_| same_step)
                            .map(|d| d.lines.clone())
                            .unwrap_or_default(),
                        None,
                    ),
                };
                Drawn {
                    first_line: found.first_line,
                    lines,
                    error,
                    note,
                    source: found.source,
                    charset,
                }
            })
            .collect();
        self.drawn_for = Some((step, changes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP: Step = Step::Architecture;

    fn notes(before: &str, diagram: &str, after: &str) -> String {
        format!("{before}\n```mermaid\nflowchart LR\n{diagram}\n```\n{after}")
    }

    #[test]
    fn a_diagram_is_drawn_again_only_when_its_text_or_charset_changed() {
        let mut v = DiagramView::default();
        v.refresh(
            STEP,
            1,
            &notes("intro", "  api --> db", ""),
            Charset::Unicode,
        );
        assert!(v.drawn[0].lines.iter().any(|l| l.contains("│ db │")));
        // A stand-in for the drawing: while it stays, the diagram was not drawn again.
        v.drawn[0].lines = vec!["kept".into()];
        let prose = notes("intro\nmore prose above", "  api --> db", "and below");
        v.refresh(STEP, 2, &prose, Charset::Unicode);
        assert_eq!(v.drawn[0].lines, ["kept"]);
        assert_eq!(
            v.drawn[0].first_line, 4,
            "where it starts follows the notes"
        );
        v.refresh(STEP, 3, &prose, Charset::Ascii);
        assert!(v.drawn[0].lines.iter().any(|l| l.contains("| db |")));
        v.drawn[0].lines = vec!["kept".into()];
        let edited = notes("intro\nmore prose above", "  api --> cache", "and below");
        v.refresh(STEP, 4, &edited, Charset::Ascii);
        assert!(v.drawn[0].lines.iter().any(|l| l.contains("| cache |")));
    }

    #[test]
    fn an_unchanged_diagram_with_an_error_gives_the_error_where_its_text_now_is() {
        let mut v = DiagramView::default();
        v.refresh(STEP, 1, &notes("", "  a --> b", ""), Charset::Unicode);
        v.refresh(STEP, 2, &notes("", "  a[x --> b", ""), Charset::Unicode);
        let error = |v: &DiagramView| v.drawn[0].error.clone().unwrap_or_default();
        assert!(
            error(&v).starts_with("4:4: `[` is not closed"),
            "{}",
            error(&v)
        );
        assert!(v.drawn[0].lines.iter().any(|l| l.contains("│ b │")));
        v.refresh(
            STEP,
            3,
            &notes("one\ntwo", "  a[x --> b", ""),
            Charset::Unicode,
        );
        assert!(
            error(&v).starts_with("5:4: `[` is not closed"),
            "{}",
            error(&v)
        );
        assert!(v.drawn[0].lines.iter().any(|l| l.contains("│ b │")));
    }
}
