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

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    // A byte count the compiler vectorises; `matches` searched char by char.
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
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
