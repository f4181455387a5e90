//! Styles. Only the terminal's own foreground/background and its named colours are used,
//! so light and dark themes both read well; with NO_COLOR only bold/reverse/underline remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    accent: Color,
    ok: Color,
    warn: Color,
    alert: Color,
    key: Color,
}

/// Colour, on a dark background: the named colours every terminal has.
impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
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
    /// The named colours that read well on a dark background.
    pub fn dark() -> Self {
        Theme {
            color: true,
            accent: Color::Cyan,
            ok: Color::Green,
            warn: Color::Yellow,
            alert: Color::Red,
            key: Color::Cyan,
        }
    }

    /// Darker ones for a light background, where yellow and cyan wash out.
    pub fn light() -> Self {
        Theme {
            color: true,
            accent: Color::Blue,
            ok: Color::Green,
            warn: Color::Magenta,
            alert: Color::Red,
            key: Color::Blue,
        }
    }

    /// No colour at all: bold, dim and reverse only.
    pub fn no_color() -> Self {
        Theme {
            color: false,
            ..Theme::dark()
        }
    }

    /// Honour NO_COLOR (https://no-color.org): any non-empty value turns colour off.
    pub fn from_env() -> Self {
        Theme::from_settings(&crate::config::ThemeSettings::default())
    }

    /// The theme a config asks for. NO_COLOR still wins; `auto` reads the terminal's
    /// background from `COLORFGBG` ("15;0": light text on black) where the terminal sets
    /// it, and is dark otherwise (until the terminal answers, if it is asked).
    pub fn from_settings(settings: &crate::config::ThemeSettings) -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Theme::chosen(settings, var("NO_COLOR").is_some(), var("COLORFGBG"))
    }

    /// [`Theme::from_settings`] given what it reads from the environment.
    pub fn chosen(
        settings: &crate::config::ThemeSettings,
        no_color: bool,
        colorfgbg: Option<String>,
    ) -> Self {
        let light_background = colorfgbg
            .as_deref()
            .and_then(|v| v.rsplit(';').next())
            .and_then(|bg| bg.trim().parse::<u8>().ok())
            // 7 (white) and 9-15 (bright colours) are light backgrounds.
            .is_some_and(|bg| bg == 7 || (9..=15).contains(&bg));
        Theme::for_background(settings, no_color, light_background)
    }

    /// The theme a config asks for on a light background or a dark one (which matters
    /// only to `auto`): the terminal's answer when it is asked ([`super::background`]).
    pub fn for_background(
        settings: &crate::config::ThemeSettings,
        no_color: bool,
        light_background: bool,
    ) -> Self {
        use crate::config::{Role, ThemeMode};
        let mut theme = match settings.mode {
            ThemeMode::Dark => Theme::dark(),
            ThemeMode::Light => Theme::light(),
            ThemeMode::Auto if light_background => Theme::light(),
            ThemeMode::Auto => Theme::dark(),
        };
        for (role, color) in &settings.colors {
            match role {
                Role::Accent => theme.accent = *color,
                Role::Ok => theme.ok = *color,
                Role::Warn => theme.warn = *color,
                Role::Alert => theme.alert = *color,
                Role::Key => theme.key = *color,
            }
        }
        theme.color = !no_color;
        theme
    }

    /// The colour a role has in this theme, `None` without colour.
    pub fn default_color(&self, role: crate::config::Role) -> Option<Color> {
        use crate::config::Role;
        self.color.then_some(match role {
            Role::Accent => self.accent,
            Role::Ok => self.ok,
            Role::Warn => self.warn,
            Role::Alert => self.alert,
            Role::Key => self.key,
        })
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
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub fn ok(&self) -> Style {
        self.fg(self.ok)
    }

    pub fn warn(&self) -> Style {
        self.fg(self.warn).add_modifier(Modifier::BOLD)
    }

    /// Over budget or an error: red, and bold so it stands out without colour too.
    pub fn alert(&self) -> Style {
        self.fg(self.alert).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(&self) -> Style {
        self.fg(self.key).add_modifier(Modifier::BOLD)
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
    fn a_theme_follows_the_config_the_background_and_no_color_last() {
        use super::Theme;
        use crate::config::{Role, ThemeMode, ThemeSettings};
        use ratatui::style::Color;
        let auto = ThemeSettings::default();
        let accent = |t: Theme| t.default_color(Role::Accent);
        assert_eq!(accent(Theme::chosen(&auto, false, None)), Some(Color::Cyan));
        assert_eq!(
            accent(Theme::chosen(&auto, false, Some("0;15".into()))),
            Some(Color::Blue),
            "black text on white: light"
        );
        assert_eq!(
            accent(Theme::chosen(&auto, false, Some("15;0".into()))),
            Some(Color::Cyan)
        );
        let mut custom = ThemeSettings {
            mode: ThemeMode::Light,
            ..ThemeSettings::default()
        };
        custom.colors.insert(Role::Alert, Color::Rgb(200, 0, 0));
        let t = Theme::chosen(&custom, false, None);
        assert_eq!(t.default_color(Role::Alert), Some(Color::Rgb(200, 0, 0)));
        assert_eq!(t.alert().fg, Some(Color::Rgb(200, 0, 0)));
        assert_eq!(accent(t), Some(Color::Blue));
        let plain = Theme::chosen(&custom, true, None);
        assert_eq!(plain.alert().fg, None, "NO_COLOR wins over the config");
        assert_eq!(accent(plain), None);
        // The terminal's own answer: light or dark decides `auto` only.
        assert_eq!(
            accent(Theme::for_background(&auto, false, true)),
            Some(Color::Blue)
        );
        assert_eq!(
            accent(Theme::for_background(&auto, false, false)),
            Some(Color::Cyan)
        );
        let dark = ThemeSettings {
            mode: ThemeMode::Dark,
            ..ThemeSettings::default()
        };
        assert_eq!(
            accent(Theme::for_background(&dark, false, true)),
            Some(Color::Cyan)
        );
        assert_eq!(accent(Theme::for_background(&auto, true, true)), None);
    }

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
