//! Located error messages for user-written files (`FILE:LINE:COL: message`).

use std::fmt;

use super::sanitize::sanitize;

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

/// One line, `FILE:LINE:COL: message`, sanitised: file names and messages quote what
/// users wrote.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            sanitize(&self.file, true),
            self.line,
            self.col,
            sanitize(&self.message, true)
        )
    }
}

/// Where each line of a text starts, so a file's many places (every point of a problem's
/// structure has one) each cost a binary search rather than a count from the file's
/// start: that count was a sixth of parsing all the built-ins.
pub struct Lines<'a> {
    source: &'a str,
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(source: &'a str) -> Self {
        // `match_indices` on a char searches with memchr, several times faster than a
        // filter over the bytes.
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { source, starts }
    }

    /// 1-based line and character column of a byte offset, as [`line_col`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = char_boundary(self.source, offset);
        // The last line starting at or before the offset.
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let col = self.source[start..offset].chars().count() + 1;
        (line.max(1), col)
    }

    /// A diagnostic at a byte offset (clamped to the text's end), as
    /// [`Diagnostic::at_offset`].
    pub fn diagnostic(&self, file: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }
}

/// `offset` clamped to the text and moved back to a character's start.
fn char_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = char_boundary(source, offset);
    let before = &source[..offset];
    // A byte count the compiler vectorises; `matches` searched char by char.
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The byte offset in `text` of character `index` (0-based) of the TOML string value
/// written at `span`, counting characters of the value as read: escapes decoded, a
/// multi-line string's first newline and its line-ending backslashes left out. One past
/// the last character is the closing quote; a span that is no string gives its start.
pub fn offset_in_string(text: &str, span: std::ops::Range<usize>, index: usize) -> usize {
    let Some(raw) = text.get(span.clone()) else {
        return span.start.min(text.len());
    };
    let (basic, multi) = if raw.starts_with("\"\"\"") {
        (true, true)
    } else if raw.starts_with("'''") {
        (false, true)
    } else if raw.starts_with('"') {
        (true, false)
    } else if raw.starts_with('\'') {
        (false, false)
    } else {
        return span.start;
    };
    let delimiter = if multi { 3 } else { 1 };
    let mut start = span.start + delimiter;
    let mut body = raw
        .get(delimiter..raw.len().saturating_sub(delimiter))
        .unwrap_or("");
    if multi {
        // A newline right after the opening delimiter is not part of the value.
        let skip = if body.starts_with("\r\n") {
            2
        } else {
            usize::from(body.starts_with('\n'))
        };
        body = body.get(skip..).unwrap_or("");
        start += skip;
    }
    let mut seen = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if basic && c == '\\' {
            match chars.next() {
                Some((_, 'u')) => {
                    chars.nth(3);
                }
                Some((_, 'U')) => {
                    chars.nth(7);
                }
                Some((_, 'x')) => {
                    chars.nth(1);
                }
                // A line-ending backslash: the line break and the blanks after it vanish.
                Some((_, w)) if multi && w.is_whitespace() => {
                    while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                    continue;
                }
                _ => {}
            }
        }
        if seen == index {
            return start + i;
        }
        seen += 1;
    }
    start + body.len()
}

/// Where 1-based `column` of `sanitize(value.trim(), true)` is in the file, `value` being
/// the string written at `span`: calculator errors count columns in that text. Sanitising
/// that dropped characters leaves the columns unknown: then the value's first character.
pub fn offset_of_column(
    text: &str,
    span: std::ops::Range<usize>,
    value: &str,
    column: usize,
) -> usize {
    let trimmed = value.trim();
    let lead = value[..value.len() - value.trim_start().len()]
        .chars()
        .count();
    let kept = sanitize(trimmed, true).chars().count() == trimmed.chars().count();
    let index = if kept {
        lead + column.saturating_sub(1)
    } else {
        lead
    };
    offset_in_string(text, span, index)
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
    fn lines_give_the_places_line_col_gives() {
        let texts = [
            "",
            "\n",
            "a\n\nb",
            "id = \"x\"\nt = \"é世界\"\r\nlast",
            "no newline at all",
            "\n\n\n",
        ];
        for text in texts {
            let lines = Lines::new(text);
            for offset in 0..text.len() + 3 {
                assert_eq!(
                    lines.line_col(offset),
                    line_col(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a = 1\né = \"x\"\n";
        assert_eq!(line_col(src, 0), (1, 1));
        let x = src.find('"').unwrap_or(0);
        assert_eq!(line_col(src, x), (2, 5));
        assert_eq!(line_col(src, 10_000), (3, 1));
    }

    #[test]
    fn offsets_in_strings_follow_escapes_and_multi_line_forms() {
        // The character at `index` of each value, found in the file by its offset.
        let char_at = |text: &str, index: usize| {
            let start = text.find('=').map_or(0, |i| i + 2);
            let end = text.trim_end().len();
            let at = offset_in_string(text, start..end, index);
            text[at..].chars().next()
        };
        assert_eq!(char_at("x = \"500M * 2\"\n", 5), Some('*'));
        assert_eq!(char_at("x = '500M * 2'\n", 5), Some('*'));
        // `\"` and `\u00e9` are one character each in the value.
        assert_eq!(char_at("x = \"a\\\"b \\u00e9 c\"\n", 4), Some('\\'));
        assert_eq!(char_at("x = \"a\\\"b \\u00e9 c\"\n", 6), Some('c'));
        // A multi-line string: the first newline is not counted; the others are.
        let text = "x = \"\"\"\nab\ncd\n\"\"\"\n";
        assert_eq!(char_at(text, 0), Some('a'));
        assert_eq!(char_at(text, 3), Some('c'));
        let text = "x = \"\"\"\nab \\\n   cd\"\"\"\n";
        assert_eq!(char_at(text, 3), Some('c'));
        // CRLF inside the value stays two characters, as toml reads it.
        let text = "x = '''\r\nab\r\ncd'''\n";
        assert_eq!(char_at(text, 4), Some('c'));
        // One past the end is the closing quote; a number is its own start.
        assert_eq!(char_at("x = \"ab\"\n", 2), Some('"'));
        assert_eq!(char_at("x = 42\n", 1), Some('4'));
    }

    #[test]
    fn a_diagnostic_is_one_sanitised_line() {
        let d = Diagnostic {
            file: "a\u{1b}]0;x\u{7}\u{202E}.toml".into(),
            line: 2,
            col: 3,
            message: "unknown field `\u{1b}[2J`\nmore".into(),
        };
        assert_eq!(d.to_string(), "a]0;x.toml:2:3: unknown field `[2J` more");
    }

    #[test]
    fn reflow_joins_paragraph_lines_and_keeps_bullets_and_blank_lines() {
        let text = "One line\ncontinues here.\n\nSecond para\n- bullet a\n- bullet b\nafter";
        assert_eq!(
            reflow(text),
            "One line continues here.\n\nSecond para\n- bullet a\n- bullet b\nafter"
        );
    }
}
