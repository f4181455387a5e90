//! A long read-only document (a session in review) and a place in it, so that scrolling and
//! drawing cost what is on screen, not what is in the document.
//!
//! The document is blocks of lines: a few styled lines (summary, scorecard), or a text in one
//! style (a step's notes) kept as one string and read line by line where it is needed. A
//! place is a line and how many of its wrapped rows are scrolled past. Moving a row wraps
//! the line it is in; drawing wraps the lines on screen. Nothing ever wraps the whole
//! document, which with 100 MB of notes took seconds a frame.
//!
//! A text line longer than [`PIECE`] bytes is shown as pieces of at most that size, each
//! wrapped on its own (broken after a space where there is one near the limit): a row may
//! end a little early once every 8 KB, and in exchange no line costs more than 8 KB of
//! wrapping to draw or to step through. Only the display is cut; the text is untouched.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

/// The most of a text line laid out as one line; also keeps a line's rows within `u16`
/// (ratatui's scroll offset) at any width.
pub const PIECE: usize = 8 * 1024;
/// How far back from [`PIECE`] a piece looks for a space to end after.
const PIECE_SLACK: usize = 512;

pub enum Block {
    Lines(Vec<Line<'static>>),
    /// Lines of `text` split at `\n` (as [`str::lines`] does, after control characters
    /// are gone), all in `style`.
    Text {
        text: String,
        style: Style,
    },
}

/// One line of the document: its block, and within that the line's index (styled lines)
/// or the byte its piece starts at (text).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineAt {
    pub block: usize,
    pub at: usize,
}

/// Where the view starts: a line, and how many of its rows are above the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub line: LineAt,
    pub row: usize,
}

#[derive(Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn new(blocks: Vec<Block>) -> Self {
        Doc { blocks }
    }

    fn first_in(&self, block: usize) -> Option<LineAt> {
        match self.blocks.get(block)? {
            Block::Lines(lines) if lines.is_empty() => None,
            Block::Text { text, .. } if text.is_empty() => None,
            _ => Some(LineAt { block, at: 0 }),
        }
    }

    fn last_in(&self, block: usize) -> Option<LineAt> {
        let at = match self.blocks.get(block)? {
            Block::Lines(lines) => lines.len().checked_sub(1)?,
            Block::Text { text, .. } => {
                let body = text.strip_suffix('\n').unwrap_or(text);
                if text.is_empty() {
                    return None;
                }
                let start = body.rfind('\n').map_or(0, |i| i + 1);
                last_piece(text, start)
            }
        };
        Some(LineAt { block, at })
    }

    pub fn first(&self) -> Option<LineAt> {
        (0..self.blocks.len()).find_map(|b| self.first_in(b))
    }

    pub fn last(&self) -> Option<LineAt> {
        (0..self.blocks.len()).rev().find_map(|b| self.last_in(b))
    }

    pub fn next(&self, l: LineAt) -> Option<LineAt> {
        let within = match self.blocks.get(l.block)? {
            Block::Lines(lines) => (l.at + 1 < lines.len()).then_some(l.at + 1),
            Block::Text { text, .. } => {
                let (_, next) = piece(text, l.at);
                (next < text.len()).then_some(next)
            }
        };
        match within {
            Some(at) => Some(LineAt { block: l.block, at }),
            None => (l.block + 1..self.blocks.len()).find_map(|b| self.first_in(b)),
        }
    }

    pub fn prev(&self, l: LineAt) -> Option<LineAt> {
        let within = match self.blocks.get(l.block)? {
            Block::Lines(_) => l.at.checked_sub(1),
            Block::Text { .. } if l.at == 0 => None,
            Block::Text { text, .. } => {
                let before = text.get(..l.at)?;
                // The piece before ends where this one starts: either a line break right
                // before `at`, or a cut inside the same line.
                let line_start = match before.strip_suffix('\n') {
                    Some(rest) => rest.rfind('\n').map_or(0, |i| i + 1),
                    None => before.rfind('\n').map_or(0, |i| i + 1),
                };
                let mut at = line_start;
                loop {
                    let (_, next) = piece(text, at);
                    if next >= l.at || next <= at {
                        break Some(at);
                    }
                    at = next;
                }
            }
        };
        match within {
            Some(at) => Some(LineAt { block: l.block, at }),
            None => (0..l.block).rev().find_map(|b| self.last_in(b)),
        }
    }

    /// The line at `l`, borrowed from the document.
    pub fn line(&self, l: LineAt) -> Option<Line<'_>> {
        match self.blocks.get(l.block)? {
            Block::Lines(lines) => lines.get(l.at).map(|line| {
                let spans = line
                    .spans
                    .iter()
                    .map(|s| Span::styled(s.content.as_ref(), s.style));
                Line {
                    spans: spans.collect(),
                    style: line.style,
                    alignment: line.alignment,
                }
            }),
            Block::Text { text, style } => {
                let (end, _) = piece(text, l.at);
                text.get(l.at..end).map(|s| Line::styled(s, *style))
            }
        }
    }

    /// How many rows line `l` wraps to at `width`.
    pub fn rows(&self, l: LineAt, width: u16) -> usize {
        self.line(l).map_or(0, |line| {
            Paragraph::new(line)
                .wrap(Wrap { trim: false })
                .line_count(width)
                .max(1)
        })
    }

    /// `p` with its row within its line, or the top if its line is not in the document
    /// (places come from this document's own moves, so a text line is always a piece); and
    /// how many rows that line has.
    fn normal(&self, p: Place, width: u16) -> Option<(Place, usize)> {
        let p = match self.line(p.line) {
            Some(_) => p,
            None => Place {
                line: self.first()?,
                row: 0,
            },
        };
        let rows = self.rows(p.line, width);
        let row = p.row.min(rows.saturating_sub(1));
        Some((Place { line: p.line, row }, rows))
    }

    /// `n` rows further down from `p`, stopping at the document's last row.
    pub fn down(&self, p: Place, n: usize, width: u16) -> Place {
        let Some((mut p, mut rows)) = self.normal(p, width) else {
            return p;
        };
        let mut left = n;
        loop {
            if p.row + left < rows {
                p.row += left;
                return p;
            }
            match self.next(p.line) {
                Some(line) => {
                    left -= rows - p.row;
                    p = Place { line, row: 0 };
                    rows = self.rows(line, width);
                }
                None => {
                    p.row = rows.saturating_sub(1);
                    return p;
                }
            }
        }
    }

    /// `n` rows further up from `p`, stopping at the first row.
    pub fn up(&self, p: Place, n: usize, width: u16) -> Place {
        let Some((mut p, _)) = self.normal(p, width) else {
            return p;
        };
        let mut left = n;
        loop {
            if left <= p.row {
                p.row -= left;
                return p;
            }
            match self.prev(p.line) {
                Some(line) => {
                    left -= p.row + 1;
                    let rows = self.rows(line, width);
                    p = Place {
                        line,
                        row: rows.saturating_sub(1),
                    };
                }
                None => {
                    p.row = 0;
                    return p;
                }
            }
        }
    }

    pub fn top(&self) -> Place {
        self.first()
            .map(|line| Place { line, row: 0 })
            .unwrap_or_default()
    }

    /// The place that shows the last `height` rows.
    pub fn bottom(&self, width: u16, height: u16) -> Place {
        let Some(line) = self.last() else {
            return Place::default();
        };
        let end = Place {
            line,
            row: self.rows(line, width).saturating_sub(1),
        };
        self.up(end, usize::from(height).saturating_sub(1), width)
    }

    /// `p` made valid, and moved up if the view would otherwise run past the end.
    pub fn clamp(&self, p: Place, width: u16, height: u16) -> Place {
        let Some((p, rows)) = self.normal(p, width) else {
            return p;
        };
        let want = usize::from(height);
        let mut seen = rows - p.row;
        let mut line = p.line;
        while seen < want {
            match self.next(line) {
                Some(next) => {
                    seen += self.rows(next, width);
                    line = next;
                }
                None => return self.bottom(width, height),
            }
        }
        p
    }

    /// The line drawn `row` rows below the top of a view starting at `p` (as
    /// [`Doc::visible`] lays it out), if the document reaches that far.
    pub fn line_at(&self, p: Place, row: usize, width: u16) -> Option<LineAt> {
        let (p, mut rows) = self.normal(p, width)?;
        let mut line = p.line;
        let mut left = p.row + row;
        while left >= rows {
            left -= rows;
            line = self.next(line)?;
            rows = self.rows(line, width);
        }
        Some(line)
    }

    /// What a view of `height` rows starting at `p` shows: the lines, and how many rows of
    /// the first to skip.
    pub fn visible(&self, p: Place, height: u16) -> (Text<'_>, usize) {
        let mut lines = Vec::new();
        let mut at = Some(p.line);
        while let Some(l) = at {
            if lines.len() > usize::from(height) {
                break;
            }
            lines.extend(self.line(l));
            at = self.next(l);
        }
        (Text::from(lines), p.row)
    }
}

/// The piece of `text` starting at `at`: where it ends, and where the next piece starts
/// (past a line break, or right at a cut inside a long line). Looks no further than a
/// piece ahead.
fn piece(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let limit = at.saturating_add(PIECE + 1).min(bytes.len());
    let window = bytes.get(at..limit).unwrap_or(&[]);
    if let Some(i) = window.iter().position(|&b| b == b'\n') {
        return (at + i, at + i + 1);
    }
    if limit == bytes.len() {
        return (limit, limit + 1);
    }
    let mut cut = at + PIECE;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let from = cut.saturating_sub(PIECE_SLACK).max(at + 1);
    if let Some(space) = bytes
        .get(from..cut)
        .and_then(|w| w.iter().rposition(|&b| b == b' '))
    {
        cut = from + space + 1;
    }
    (cut, cut)
}

/// Where the last piece of the line starting at `start` starts.
fn last_piece(text: &str, start: usize) -> usize {
    let mut at = start;
    loop {
        match piece(text, at) {
            (end, next) if end == next && next > at => at = next,
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(texts: &[&str]) -> Doc {
        Doc::new(
            texts
                .iter()
                .map(|t| Block::Text {
                    text: t.to_string(),
                    style: Style::new(),
                })
                .collect(),
        )
    }

    fn all_lines(d: &Doc) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = d.first();
        while let Some(l) = at {
            out.push(d.line(l).map(|l| l.to_string()).unwrap_or_default());
            at = d.next(l);
        }
        out
    }

    fn all_lines_backwards(d: &Doc) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = d.last();
        while let Some(l) = at {
            out.push(d.line(l).map(|l| l.to_string()).unwrap_or_default());
            at = d.prev(l);
        }
        out.reverse();
        out
    }

    #[test]
    fn text_lines_are_read_as_str_lines_forwards_and_backwards() {
        let texts = ["a\nbb\n\nccc\n", "", "one", "x\n\ny"];
        let d = doc(&texts);
        let want: Vec<String> = texts
            .iter()
            .flat_map(|t| t.lines().map(String::from))
            .collect();
        assert_eq!(all_lines(&d), want);
        assert_eq!(all_lines_backwards(&d), want);
    }

    #[test]
    fn long_lines_are_shown_in_pieces_that_put_back_every_byte() {
        let long = "word ".repeat(20_000) + &"x".repeat(70_000);
        let text = format!("short\n{long}\nend");
        let d = doc(&[&text]);
        let lines = all_lines(&d);
        assert!(lines.iter().all(|l| l.len() <= PIECE));
        assert_eq!(lines.concat(), text.replace('\n', ""));
        assert_eq!(all_lines_backwards(&d), lines);
        // Cut after a space where there is one near the limit.
        assert!(
            lines[1].ends_with(' '),
            "{:?}",
            &lines[1][lines[1].len() - 10..]
        );
    }

    #[test]
    fn scrolling_moves_by_rows_and_stops_at_both_ends() {
        // 10 lines of 25 characters: three rows each at width 10.
        let text = (0..10)
            .map(|i| format!("{i:02} {}", "abcd ".repeat(4)))
            .collect::<Vec<_>>();
        let d = doc(&[&text.join("\n")]);
        let top = d.top();
        let p = d.down(top, 4, 10);
        assert_eq!((p.line.at, p.row), (text[0].len() + 1, 1));
        assert_eq!(d.up(p, 4, 10), top);
        assert_eq!(d.up(p, 100, 10), top);
        let bottom = d.bottom(10, 5);
        let (shown, skip) = d.visible(bottom, 5);
        assert_eq!(shown.lines.len(), 2);
        assert_eq!(skip, 1);
        assert_eq!(d.clamp(d.down(top, 1000, 10), 10, 5), bottom);
        assert_eq!(d.clamp(top, 10, 5), top);
    }

    #[test]
    fn the_line_under_a_row_counts_the_rows_each_line_wraps_to() {
        // Three rows per line at width 10; the view starts on the first line's second row.
        let text = (0..4)
            .map(|i| format!("{i:02} {}", "abcd ".repeat(4)))
            .collect::<Vec<_>>();
        let d = doc(&[&text.join("\n"), "tail"]);
        let start = d.down(d.top(), 1, 10);
        let line = |row| {
            d.line_at(start, row, 10)
                .and_then(|l| d.line(l))
                .map(|l| l.to_string())
        };
        assert_eq!(line(0).as_deref(), Some(text[0].as_str()));
        assert_eq!(line(1).as_deref(), Some(text[0].as_str()));
        assert_eq!(line(2).as_deref(), Some(text[1].as_str()));
        assert_eq!(line(10).as_deref(), Some(text[3].as_str()));
        assert_eq!(line(11).as_deref(), Some("tail"));
        assert_eq!(line(12), None, "below the document's end");
    }
}
