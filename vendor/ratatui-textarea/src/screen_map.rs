use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{
    WordRows, WrapMode, WrappedLine, effective_wrap_width, is_restart_point, line_ranges,
    wrapped_rows,
};

#[derive(Debug, Clone, Copy)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

/// Where one edit changed the text: the first line it touched (`row`), the byte in that line
/// before which nothing changed (`start`), and the byte in the last line it left (in the
/// text after the edit) from which nothing changed (`end`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct EditSpan {
    pub row: usize,
    pub start: usize,
    pub end: usize,
}

impl EditSpan {
    /// The span of an edit that took the cursor from `from` to `to`: every edit inserts or
    /// deletes text between the two, and leaves the cursor at the end of what it inserted or
    /// where what it deleted was.
    pub(crate) fn between(from: &crate::util::Pos, to: &crate::util::Pos) -> Self {
        let start = match from.row.cmp(&to.row) {
            std::cmp::Ordering::Equal => from.offset.min(to.offset),
            std::cmp::Ordering::Less => from.offset,
            std::cmp::Ordering::Greater => to.offset,
        };
        EditSpan {
            row: from.row.min(to.row),
            start,
            end: to.offset,
        }
    }
}

/// The old rows of the last line an edit touched, for spotting where the new wrap meets
/// them again.
struct Resync<'a> {
    /// Bytes of the new line from here on are the old line's, `shift` bytes later.
    after: usize,
    shift: isize,
    old: &'a [ScreenLine],
}

impl Resync<'_> {
    /// The old row that starts where a new row starts at `start`, if from there on the rows
    /// must be the same: the text from there on is the old text, and wrapping may start
    /// afresh there (so the old wrap started afresh there too).
    fn old_row_at(&self, line: &str, start: usize) -> Option<usize> {
        if start <= self.after || !is_restart_point(line, start) {
            return None;
        }
        let old_start = start.checked_add_signed(-self.shift)?;
        let i = self
            .old
            .partition_point(|r| r.wrapped.start_byte < old_start);
        self.old
            .get(i)
            .filter(|r| r.wrapped.start_byte == old_start && !r.wrapped.first_in_row)
            .map(|_| i)
    }
}

/// Which of a line's old rows re-wrapping can start from when the text changed at byte
/// `changed` and not before. Rows before it keep their place only if the first word of the
/// row re-wrapping starts at is untouched (else it might now fit on the row before), so the
/// row must lie before the one holding `changed`, start at a restart point and have a space
/// after its first word.
fn restart_row(line: &str, old: &[ScreenLine], changed: usize) -> usize {
    let holding = old
        .partition_point(|r| r.wrapped.start_byte <= changed)
        .saturating_sub(1);
    (1..holding)
        .rev()
        .take(64)
        .find(|&i| {
            let w = &old[i].wrapped;
            w.end_byte <= changed
                && is_restart_point(line, w.start_byte)
                && line[w.start_byte..w.end_byte].contains(' ')
        })
        .unwrap_or(0)
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

impl TextArea<'_> {
    fn fallback_rows(&self) -> Vec<WrappedLine> {
        self.lines
            .iter()
            .enumerate()
            .map(|(row, line)| WrappedLine {
                row,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
            })
            .collect()
    }

    /// The width text wraps at, or `None` when it does not wrap (or has not been drawn yet).
    fn wrap_width(&self) -> Option<usize> {
        if self.wrap_mode() == WrapMode::None {
            return None;
        }
        let width = self.area.get().width;
        (width > 0).then(|| {
            let line_number_len = self
                .line_number_style()
                .map(|_| num_digits(self.lines.len()));
            effective_wrap_width(width, line_number_len)
        })
    }

    fn make_screen_line(&self, wrapped: WrappedLine) -> ScreenLine {
        let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
        let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
        let cursor_max_col = if wrapped.last_in_row {
            display_width(fragment, self.tab_length(), self.mask_char())
        } else {
            screen_col_for_char_offset(
                fragment,
                char_count.saturating_sub(1),
                self.tab_length(),
                self.mask_char(),
            )
        };
        ScreenLine {
            wrapped,
            screen_width: display_width(fragment, self.tab_length(), self.mask_char()),
            cursor_max_col,
        }
    }

    pub(crate) fn screen_map_load(&self) {
        let rows = match self.wrap_width() {
            Some(width) => wrapped_rows(
                &self.lines,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
            ),
            None => self.fallback_rows(),
        };

        let mut screen_lines = Vec::with_capacity(rows.len());
        let mut data_pointers = vec![DataLine::default(); self.lines.len()];

        for (screen_idx, wrapped) in rows.into_iter().enumerate() {
            if data_pointers[wrapped.row].screen_line_count == 0 {
                data_pointers[wrapped.row].first_screen_line = screen_idx;
                data_pointers[wrapped.row].pure_ascii = is_pure_ascii(&self.lines[wrapped.row]);
            }
            data_pointers[wrapped.row].screen_line_count += 1;
            screen_lines.push(self.make_screen_line(wrapped));
        }

        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    /// Bring the screen map up to date after one edit, re-wrapping only what the edit can
    /// have changed: the rows of the lines it touched, from a little before where it starts
    /// until the rows line up with the old ones again. Rows after that are moved, not
    /// re-wrapped. Falls back to [`Self::screen_map_load`] when the map does not describe
    /// the text before the edit.
    pub(crate) fn screen_map_edit(&self, span: EditSpan) {
        if !self.screen_map_splice(span) {
            self.screen_map_load();
        }
    }

    fn screen_map_splice(&self, span: EditSpan) -> bool {
        let mut screen = self.screen_lines.borrow_mut();
        let mut data = self.data_pointers.borrow_mut();
        let (old_len, new_len) = (data.len(), self.lines.len());
        // Line numbers take as many columns as the line count has digits.
        if self.line_number_style().is_some() && num_digits(old_len) != num_digits(new_len) {
            return false;
        }
        let lo = span.row;
        let new_n = 1 + new_len.saturating_sub(old_len);
        let old_n = 1 + old_len.saturating_sub(new_len);
        if lo + new_n > new_len || lo + old_n > old_len {
            return false;
        }
        let first = &data[lo];
        let last = &data[lo + old_n - 1];
        let (a, a1) = (
            first.first_screen_line,
            first.first_screen_line + first.screen_line_count,
        );
        let (bl, b) = (
            last.first_screen_line,
            last.first_screen_line + last.screen_line_count,
        );
        if a >= a1 || bl >= b || b > screen.len() || a1 > b {
            return false;
        }
        let old_last_len = screen[b - 1].wrapped.end_byte;
        let new_last = lo + new_n - 1;
        if span.start > self.lines[lo].len()
            || span.start > screen[a1 - 1].wrapped.end_byte
            || span.end > self.lines[new_last].len()
        {
            return false;
        }

        let width = self.wrap_width();
        let word_wrap = match self.wrap_mode() {
            WrapMode::Word => Some(false),
            WrapMode::WordOrGlyph => Some(true),
            WrapMode::None | WrapMode::Glyph => None,
        };
        let incremental = width.and(word_wrap);

        // Where to start re-wrapping the first line: rows before `keep` stay as they are.
        let keep = match incremental {
            Some(_) => restart_row(&self.lines[lo], &screen[a..a1], span.start),
            None => 0,
        };
        let (from_byte, from_col) = screen
            .get(a + keep)
            .map_or((0, 0), |r| (r.wrapped.start_byte, r.wrapped.start_col));

        // Rows of the last line after `span.end` may be taken over from the old map.
        let resync = incremental.map(|_| Resync {
            after: span.end,
            shift: self.lines[new_last].len() as isize - old_last_len as isize,
            old: &screen[bl..b],
        });

        let mut rows: Vec<WrappedLine> = Vec::new();
        let mut matched = None;
        for row in lo..lo + new_n {
            let (from, col) = if row == lo {
                (from_byte, from_col)
            } else {
                (0, 0)
            };
            let sync = if row == new_last {
                resync.as_ref()
            } else {
                None
            };
            let start = rows.len();
            matched = self.wrap_line(row, from, col, width, word_wrap, sync, &mut rows);
            if rows.len() == start {
                rows.push(WrappedLine {
                    row,
                    start_byte: 0,
                    end_byte: 0,
                    start_col: 0,
                    end_col: 0,
                    first_in_row: true,
                    last_in_row: true,
                });
            }
        }

        // Old rows of the last line taken over, moved to where their text now is.
        let mut tail: Vec<ScreenLine> = Vec::new();
        if let Some((m, shift_cols)) = matched {
            let shift = resync.as_ref().map_or(0, |r| r.shift);
            tail.reserve(b - (bl + m));
            for old in &screen[bl + m..b] {
                let mut line = *old;
                let w = &mut line.wrapped;
                w.row = new_last;
                w.start_byte = w.start_byte.wrapping_add_signed(shift);
                w.end_byte = w.end_byte.wrapping_add_signed(shift);
                w.start_col = w.start_col.wrapping_add_signed(shift_cols);
                w.end_col = w.end_col.wrapping_add_signed(shift_cols);
                w.first_in_row = false;
                tail.push(line);
            }
        }
        drop(resync);

        let mut fresh: Vec<ScreenLine> =
            rows.into_iter().map(|w| self.make_screen_line(w)).collect();
        fresh.extend(tail);
        let replaced = b - (a + keep);
        let added = fresh.len();
        screen.splice(a + keep..b, fresh);

        // Rows of the lines after the edit: their line numbers moved by the lines added.
        let line_shift = new_len as isize - old_len as isize;
        let after = a + keep + added;
        if line_shift != 0 {
            for line in &mut screen[after..] {
                line.wrapped.row = line.wrapped.row.wrapping_add_signed(line_shift);
            }
        }

        // Each line's first row and count.
        let mut pointers = Vec::with_capacity(new_n);
        let mut next = a;
        for row in lo..lo + new_n {
            let count = screen[next..]
                .iter()
                .take_while(|l| l.wrapped.row == row)
                .count();
            pointers.push(DataLine {
                first_screen_line: next,
                screen_line_count: count,
                pure_ascii: is_pure_ascii(&self.lines[row]),
            });
            next += count;
        }
        let row_shift = added as isize - replaced as isize;
        data.splice(lo..lo + old_n, pointers);
        if row_shift != 0 {
            for d in &mut data[lo + new_n..] {
                d.first_screen_line = d.first_screen_line.wrapping_add_signed(row_shift);
            }
        }
        true
    }

    /// Wrap line `row` from byte `from` (char `col`), appending its rows to `out`. With
    /// `sync`, stop as soon as a row starts where an old row started in the text the edit
    /// left alone, and return that old row's index in `sync.old` and how far its columns
    /// moved.
    #[allow(clippy::too_many_arguments)]
    fn wrap_line(
        &self,
        row: usize,
        from: usize,
        col: usize,
        width: Option<usize>,
        word_wrap: Option<bool>,
        sync: Option<&Resync<'_>>,
        out: &mut Vec<WrappedLine>,
    ) -> Option<(usize, isize)> {
        let line = &self.lines[row];
        let ranges: Box<dyn Iterator<Item = (usize, usize)>> = match (width, word_wrap) {
            (Some(width), Some(glyph)) => Box::new(WordRows::new(
                line,
                from,
                width,
                self.tab_length(),
                self.mask_char(),
                glyph,
            )),
            (Some(width), None) => Box::new(
                line_ranges(
                    line,
                    self.wrap_mode(),
                    width,
                    self.tab_length(),
                    self.mask_char(),
                )
                .into_iter(),
            ),
            (None, _) => Box::new(std::iter::once((0, line.len()))),
        };
        let first = out.len();
        let mut start_col = col;
        let mut matched = None;
        for (start_byte, end_byte) in ranges {
            if let Some(sync) = sync
                && let Some(m) = sync.old_row_at(line, start_byte)
            {
                let old_col = sync.old[m].wrapped.start_col;
                matched = Some((m, start_col as isize - old_col as isize));
                break;
            }
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            out.push(WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: start_byte == 0,
                last_in_row: false,
            });
            start_col = end_col;
        }
        if matched.is_none()
            && let Some(last) = out[first..].last_mut()
        {
            last.last_in_row = true;
        }
        matched
    }
    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
