//! Styles. Only the terminal's own foreground/background and its named colours are used,
//! so light and dark themes both read well; with NO_COLOR only bold/reverse/underline remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

/// How to draw diagrams: ASCII when `SDCOACH_ASCII` is set (to anything but empty) or
/// the locale names a character set other than UTF-8, box-drawing characters otherwise.
pub fn charset_from_env() -> crate::diagram::Charset {
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    charset_for(
        set("SDCOACH_ASCII").is_some(),
        set("LC_ALL")
            .or_else(|| set("LC_CTYPE"))
            .or_else(|| set("LANG")),
    )
}

/// [`charset_from_env`] given what it reads.
pub fn charset_for(ascii: bool, locale: Option<String>) -> crate::diagram::Charset {
    // "C" and "POSIX" name no character set: the terminal decides, and the rest of the
    // screen (borders) assumes Unicode already.
    let other_codeset = locale.is_some_and(|l| {
        let codeset = l
            .split('@')
            .next()
            .unwrap_or_default()
            .split_once('.')
            .map(|(_, c)| c.to_ascii_lowercase());
        codeset.is_some_and(|c| c != "utf-8" && c != "utf8")
    });
    if ascii || other_codeset {
        crate::diagram::Charset::Ascii
    } else {
        crate::diagram::Charset::Unicode
    }
}

impl Theme {
    /// Honour NO_COLOR (https://no-color.org): any non-empty value turns colour off.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Over budget or an error: red, and bold so it stands out without colour too.
    pub fn alert(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }
}

#[cfg(test)]
mod tests {
    use super::charset_for;
    use crate::diagram::Charset;

    #[test]
    fn ascii_on_request_or_for_a_non_utf8_locale() {
        assert_eq!(charset_for(false, None), Charset::Unicode);
        assert_eq!(
            charset_for(false, Some("en_GB.UTF-8".into())),
            Charset::Unicode
        );
        assert_eq!(charset_for(false, Some("C".into())), Charset::Unicode);
        assert_eq!(
            charset_for(false, Some("de_DE.ISO-8859-1@euro".into())),
            Charset::Ascii
        );
        assert_eq!(charset_for(true, Some("en_GB.utf8".into())), Charset::Ascii);
    }
}
