use crate::util::char_width;
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Specify how logical lines are soft-wrapped at render time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WrapMode {
    /// Disable soft wrapping and keep horizontal scrolling behavior.
    None,
    /// Wrap only at word boundaries. Words wider than viewport are not split.
    Word,
    /// Wrap at grapheme boundaries.
    Glyph,
    /// Wrap at word boundaries, and fall back to grapheme wrapping for long words.
    WordOrGlyph,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct WrappedLine {
    pub row: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_col: usize,
    pub end_col: usize,
    pub first_in_row: bool,
    pub last_in_row: bool,
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

pub(crate) fn effective_wrap_width(total_width: u16, line_number_len: Option<u8>) -> usize {
    let total_width = total_width as usize;
    let reserved = line_number_len.map(|len| len as usize + 2).unwrap_or(0);
    if total_width > reserved {
        total_width - reserved
    } else {
        1
    }
}

pub(crate) fn wrapped_rows(
    lines: &[String],
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<WrappedLine> {
    let mut rows = Vec::new();

    for (row, line) in lines.iter().enumerate() {
        let ranges = line_ranges(line, mode, width, tab_len, mask);
        let mut start_col = 0usize;
        for (i, (start_byte, end_byte)) in ranges.iter().copied().enumerate() {
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            rows.push(WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: i == 0,
                last_in_row: i + 1 == ranges.len(),
            });
            start_col = end_col;
        }
    }

    rows
}

pub(crate) fn line_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    if mode == WrapMode::None {
        return vec![(0, line.len())];
    }

    let width = width.max(1);
    let mut out = match mode {
        WrapMode::None => vec![(0, line.len())],
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(line, 0, line.len(), width, tab_len, mask, &mut chunks);
            chunks
        }
        WrapMode::Word => wrap_word_chunks(line, width, tab_len, mask, false),
        WrapMode::WordOrGlyph => wrap_word_chunks(line, width, tab_len, mask, true),
    };

    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

fn wrap_word_chunks(
    line: &str,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
) -> Vec<(usize, usize)> {
    let out: Vec<_> = WordRows::new(line, 0, width, tab_len, mask, fallback_to_glyph).collect();
    if out.is_empty() {
        return vec![(0, 0)];
    }
    out
}

/// The rows of `line` word-wrapped from byte `from`, one at a time, as byte ranges. `from`
/// must be where a row starts and segmenting `line[from..]` on its own must give the same
/// word boundaries as segmenting the whole line (see [`is_restart_point`]); from 0 it is the
/// whole line's wrap. Rows come lazily so a caller re-wrapping after an edit can stop once
/// the rows line up with the old ones again.
pub(crate) struct WordRows<'a> {
    line: &'a str,
    offset: usize,
    chunks: std::iter::Peekable<unicode_segmentation::UWordBoundIndices<'a>>,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
    seg_start: usize,
    seg_end: usize,
    seg_width: usize,
    pending: std::collections::VecDeque<(usize, usize)>,
}

impl<'a> WordRows<'a> {
    pub(crate) fn new(
        line: &'a str,
        from: usize,
        width: usize,
        tab_len: u8,
        mask: Option<char>,
        fallback_to_glyph: bool,
    ) -> Self {
        Self {
            line,
            offset: from,
            chunks: UnicodeSegmentation::split_word_bound_indices(&line[from..]).peekable(),
            width: width.max(1),
            tab_len,
            mask,
            fallback_to_glyph,
            seg_start: from,
            seg_end: from,
            seg_width: 0,
            pending: std::collections::VecDeque::new(),
        }
    }
}

impl Iterator for WordRows<'_> {
    type Item = (usize, usize);

    // The greedy fill of upstream's `wrap_word_chunks`, one row at a time: a chunk that
    // fits joins the row; one that does not ends the row and starts the next; one wider
    // than a whole row stands alone (or is split by glyphs).
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if let Some(row) = self.pending.pop_front() {
                return Some(row);
            }
            let Some(&(start, text)) = self.chunks.peek() else {
                let row = (self.seg_start, self.seg_end);
                self.seg_start = self.seg_end;
                return (row.1 > row.0).then_some(row);
            };
            let chunk = Chunk {
                start: self.offset + start,
                end: self.offset + start + text.len(),
            };
            if self.seg_end == self.seg_start {
                self.seg_start = chunk.start;
            }

            let chunk_width = display_width_from(
                chunk_text(self.line, chunk),
                self.seg_width,
                self.tab_len,
                self.mask,
            );
            if self.seg_width + chunk_width <= self.width {
                self.seg_end = chunk.end;
                self.seg_width += chunk_width;
                self.chunks.next();
                continue;
            }

            if self.seg_end > self.seg_start {
                let row = (self.seg_start, self.seg_end);
                self.seg_start = self.seg_end;
                self.seg_width = 0;
                return Some(row);
            }

            let mut rows = Vec::new();
            if self.fallback_to_glyph {
                split_range_by_grapheme_width(
                    self.line,
                    chunk.start,
                    chunk.end,
                    self.width,
                    self.tab_len,
                    self.mask,
                    &mut rows,
                );
            } else {
                rows.push((chunk.start, chunk.end));
            }
            self.pending.extend(rows);

            self.chunks.next();
            self.seg_start = chunk.end;
            self.seg_end = chunk.end;
            self.seg_width = 0;
        }
    }
}

/// Whether word-wrapping may start afresh at byte `at` of `line`: a space before it and a
/// printable ASCII character other than a space at it. Word boundaries (UAX #29) never
/// join across a space followed by such a character, and no rule looks back past a space,
/// so segmenting `line[at..]` alone gives the same boundaries as the whole line; and a row
/// that starts at a word boundary starts with an empty fill, so the rows from `at` on
/// depend only on the text from `at` on.
pub(crate) fn is_restart_point(line: &str, at: usize) -> bool {
    let bytes = line.as_bytes();
    at > 0
        && bytes.get(at - 1) == Some(&b' ')
        && bytes.get(at).is_some_and(|b| (0x21..=0x7e).contains(b))
}

fn split_range_by_grapheme_width(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        out.push((segment_start, segment_end));
        segment_start = segment_end;
    }
}

#[inline]
fn chunk_text(line: &str, chunk: Chunk) -> &str {
    &line[chunk.start..chunk.end]
}

fn display_width_from(text: &str, start_width: usize, tab_len: u8, mask: Option<char>) -> usize {
    display_width_to(text, start_width, tab_len, mask).saturating_sub(start_width)
}

fn display_width_to(text: &str, mut width: usize, tab_len: u8, mask: Option<char>) -> usize {
    for c in text.chars() {
        // A masked line is drawn as one mask character per char,
        // so each char is as wide as the mask.
        if let Some(mask) = mask {
            width += char_width(mask);
        } else if c == '\t' {
            if tab_len > 0 {
                let tab = tab_len as usize;
                let pad = tab - (width % tab);
                width += pad;
            }
        } else {
            width += char_width(c);
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(line: &str, mode: WrapMode, width: usize) -> Vec<&str> {
        line_ranges(line, mode, width, 4, None)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    fn masked_segments(line: &str, mode: WrapMode, width: usize, mask: char) -> Vec<&str> {
        line_ranges(line, mode, width, 4, Some(mask))
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn word_wrap_keeps_long_word() {
        let have = segments("helloworld", WrapMode::Word, 4);
        assert_eq!(have, vec!["helloworld"]);
    }

    #[test]
    fn word_or_glyph_wrap_splits_long_word() {
        let have = segments("helloworld", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["hell", "owor", "ld"]);
    }

    #[test]
    fn glyph_wrap_handles_wide_chars() {
        let have = segments("ab犬猫", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["ab犬", "猫"]);
    }

    #[test]
    fn glyph_wrap_keeps_combining_grapheme_cluster() {
        let have = segments("e\u{301}x", WrapMode::Glyph, 1);
        assert_eq!(have, vec!["e\u{301}", "x"]);
    }

    #[test]
    fn tab_width_is_accounted_for_in_wrap() {
        let have = segments("\tX", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["\t", "X"]);
    }

    #[test]
    fn glyph_wrap_preserves_full_mixed_width_row_capacity() {
        let have = segments("a中bcde", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["a中b", "cde"]);
    }

    #[test]
    fn mask_wraps_by_the_mask_width() {
        let have = masked_segments("a中\tcde", WrapMode::Glyph, 4, '*');
        assert_eq!(have, vec!["a中\tc", "de"]);
        let have = masked_segments("abcd", WrapMode::WordOrGlyph, 4, '＊');
        assert_eq!(have, vec!["ab", "cd"]);
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        let have = segments("ｶﾞﾊﾟ", WrapMode::Glyph, 2);
        assert_eq!(have, vec!["ｶﾞ", "ﾊﾟ"]);
    }
}
