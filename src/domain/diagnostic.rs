//! Located error messages for user-written files (`FILE:LINE:COL: message`).

use std::fmt;

/// One problem found in a user-editable file, pointing at where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at a byte offset into `source` (clamped to the text's end).
    pub fn at_offset(file: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(source, offset);
        Diagnostic {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Text from files is shown in a terminal: drop control characters (escape sequences
/// included) so a problem file can never move the cursor or change colours. Tabs become
/// spaces; newlines stay unless `single_line` is set.
///
/// Control characters (Unicode `Cc`) are U+0000–U+001F, U+007F and U+0080–U+009F, which in
/// UTF-8 are a byte below 0x20, 0x7F, or 0xC2 followed by 0x80–0x9F; the text is scanned
/// byte by byte and copied in clean runs, so megabytes of notes take milliseconds.
pub fn sanitize(text: &str, single_line: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut clean = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (len, replacement) = match bytes[i] {
            b'\n' if !single_line => (0, None),
            b'\n' | b'\t' => (1, Some(' ')),
            0x00..=0x1f | 0x7f => (1, None),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => (2, None),
            _ => (0, None),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[clean..i]);
        out.extend(replacement);
        i += len;
        clean = i;
    }
    out.push_str(&text[clean..]);
    out
}

/// Join hard-wrapped lines into paragraphs so text re-wraps to any width. Blank lines,
/// bullets (`- `, `* `) and lines after a bullet-less short line keep their breaks.
pub fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_joinable = false;
    for line in text.lines() {
        let trimmed = line.trim_end();
        let starts_block = trimmed.is_empty() || is_bullet(trimmed);
        if prev_joinable && !starts_block {
            out.push(' ');
            out.push_str(trimmed.trim_start());
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(trimmed);
        }
        prev_joinable =
            !trimmed.is_empty() && !is_bullet(trimmed) || prev_joinable && !starts_block;
    }
    out
}

fn is_bullet(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("- ") || l.starts_with("* ") || l.starts_with("• ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a = 1\né = \"x\"\n";
        assert_eq!(line_col(src, 0), (1, 1));
        let x = src.find('"').unwrap_or(0);
        assert_eq!(line_col(src, x), (2, 5));
        assert_eq!(line_col(src, 10_000), (3, 1));
    }

    #[test]
    fn reflow_joins_paragraph_lines_and_keeps_bullets_and_blank_lines() {
        let text = "One line\ncontinues here.\n\nSecond para\n- bullet a\n- bullet b\nafter";
        assert_eq!(
            reflow(text),
            "One line continues here.\n\nSecond para\n- bullet a\n- bullet b\nafter"
        );
    }

    #[test]
    fn sanitize_drops_exactly_the_control_characters() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for single_line in [false, true] {
            let slow: String = all
                .chars()
                .filter_map(|c| match c {
                    '\n' if !single_line => Some('\n'),
                    '\n' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            assert_eq!(sanitize(&all, single_line), slow);
        }
    }

    #[test]
    fn sanitize_strips_escape_sequences() {
        assert_eq!(sanitize("red\x1b[31m text\x07", false), "red[31m text");
        assert_eq!(sanitize("a\tb\nc", true), "a b c");
        assert_eq!(sanitize("a\r\nb", false), "a\nb");
    }
}
