//! Walking a config file's TOML by hand, so every error is found in one pass (serde stops
//! at the first) and each points at its own line and column.

use std::ops::Range;

use ratatui::style::Color;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::parse_key;
use super::{
    Config, Defaults, EditorSettings, Rebind, ReviewerSettings, Role, ThemeMode, ThemeSettings,
};
use crate::calc::sheet::{self, Input as SheetInput};
use crate::domain::diagnostic::{Diagnostic, offset_of_column};
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::tui::keymap::{BINDINGS, Ctx};

/// Settings read from `text`, and what was wrong (each wrong setting left at default).
pub fn parse(file: &str, text: &str) -> (Config, Vec<Diagnostic>) {
    let mut r = Reader {
        file,
        text,
        errors: Vec::new(),
    };
    let mut config = Config::default();
    let (root, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let at = e.span().map_or(0, |s| s.start);
        r.error(at..at, e.message().trim().replace('\n', "; "));
    }
    for (key, value) in root.get_ref() {
        let span = key.span();
        match key.get_ref().as_ref() {
            "keys" => {
                if let Some(t) = r.table(value, "keys") {
                    config.keys = r.keys(t);
                }
            }
            "theme" => {
                if let Some(t) = r.table(value, "theme") {
                    config.theme = r.theme(t);
                }
            }
            "defaults" => {
                if let Some(t) = r.table(value, "defaults") {
                    config.defaults = r.defaults(t);
                }
            }
            "mouse" => config.mouse = r.boolean(value, "mouse"),
            "editor" => {
                if let Some(t) = r.table(value, "editor") {
                    config.editor = r.editor(t);
                }
            }
            "reviewer" => {
                if let Some(t) = r.table(value, "reviewer") {
                    config.reviewer = r.reviewer(t);
                }
            }
            other => r.unknown(
                span,
                other,
                "",
                &["keys", "theme", "defaults", "editor", "reviewer", "mouse"],
            ),
        }
    }
    (config, r.errors)
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<Diagnostic>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(Diagnostic::at_offset(
            self.file, self.text, span.start, message,
        ));
    }

    fn unknown(&mut self, span: Range<usize>, key: &str, table: &str, expected: &[&str]) {
        let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
        let place = if table.is_empty() {
            String::new()
        } else {
            format!(" in [{table}]")
        };
        self.error(
            span,
            format!(
                "unknown key `{}`{place}, expected one of {}",
                sanitize(key, true),
                list.join(", ")
            ),
        );
    }

    fn wrong(&mut self, value: &Value, name: &str, wanted: &str) {
        let found = value.get_ref().type_str();
        self.error(
            value.span(),
            format!("`{name}` must be {wanted}, found {found}"),
        );
    }

    fn table<'v, 'i>(&mut self, value: &'v Value<'i>, name: &str) -> Option<&'v DeTable<'i>> {
        let t = value.get_ref().as_table();
        if t.is_none() {
            self.wrong(value, name, "a table");
        }
        t
    }

    fn boolean(&mut self, value: &Value, name: &str) -> Option<bool> {
        let b = value.get_ref().as_bool();
        if b.is_none() {
            self.wrong(value, name, "true or false");
        }
        b
    }

    fn string<'v>(&mut self, value: &'v Value, name: &str) -> Option<&'v str> {
        let s = value.get_ref().as_str();
        if s.is_none() {
            self.wrong(value, name, "a string");
        }
        s
    }

    /// A whole number in `range`.
    fn number(&mut self, value: &Value, name: &str, range: Range<i64>) -> Option<i64> {
        let n = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        let last = range.end - 1;
        match n {
            Some(n) if range.contains(&n) => Some(n),
            Some(n) => {
                self.error(
                    value.span(),
                    format!("`{name}` is {n}: use {} to {last}", range.start),
                );
                None
            }
            None => {
                self.wrong(
                    value,
                    name,
                    &format!("a whole number from {} to {last}", range.start),
                );
                None
            }
        }
    }

    /// `[keys.<context>]` tables of `command = "key"` or `["key", ...]` (`[]` unbinds).
    fn keys(&mut self, table: &DeTable) -> Vec<Rebind> {
        let mut out = Vec::new();
        let names: Vec<&str> = Ctx::ALL.iter().map(|c| c.name()).collect();
        for (ctx_key, value) in table {
            let Some(ctx) = Ctx::ALL.into_iter().find(|c| c.name() == ctx_key.get_ref()) else {
                self.unknown(ctx_key.span(), ctx_key.get_ref(), "keys", &names);
                continue;
            };
            let Some(commands) = self.table(value, &format!("keys.{}", ctx.name())) else {
                continue;
            };
            let known: Vec<String> = BINDINGS
                .iter()
                .filter(|b| b.ctx == ctx)
                .map(|b| b.cmd.name())
                .collect();
            for (cmd_key, keys) in commands {
                let name = format!("keys.{}.{}", ctx.name(), cmd_key.get_ref());
                let Some(cmd) = BINDINGS
                    .iter()
                    .find(|b| b.ctx == ctx && b.cmd.name() == cmd_key.get_ref().as_ref())
                    .map(|b| b.cmd)
                else {
                    let known: Vec<&str> = known.iter().map(String::as_str).collect();
                    self.unknown(
                        cmd_key.span(),
                        cmd_key.get_ref(),
                        &format!("keys.{}", ctx.name()),
                        &known,
                    );
                    continue;
                };
                let texts: Vec<(&str, Range<usize>)> = match keys.get_ref() {
                    DeValue::String(s) => vec![(s.as_ref(), keys.span())],
                    DeValue::Array(items) => {
                        let mut texts = Vec::new();
                        for item in items {
                            match item.get_ref().as_str() {
                                Some(s) => texts.push((s, item.span())),
                                None => self.wrong(item, &name, "a key name in quotes"),
                            }
                        }
                        texts
                    }
                    _ => {
                        self.wrong(
                            keys,
                            &name,
                            "a key (\"ctrl-s\") or a list of keys ([] unbinds)",
                        );
                        continue;
                    }
                };
                let mut parsed = Vec::new();
                let mut ok = true;
                for (text, span) in texts {
                    match parse_key(text) {
                        Ok(k) => parsed.push(k),
                        Err(why) => {
                            ok = false;
                            self.error(span, format!("{name}: {}", sanitize(&why, true)));
                        }
                    }
                }
                if ok {
                    out.push(Rebind {
                        ctx,
                        cmd,
                        keys: parsed,
                        at: keys.span().start,
                    });
                }
            }
        }
        out
    }

    fn editor(&mut self, table: &DeTable) -> EditorSettings {
        let mut e = EditorSettings::default();
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "command" => {
                    e.command = self
                        .string(value, "editor.command")
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_string);
                }
                "pause_clocks" => e.pause_clocks = self.boolean(value, "editor.pause_clocks"),
                other => self.unknown(key.span(), other, "editor", &["command", "pause_clocks"]),
            }
        }
        e
    }

    fn reviewer(&mut self, table: &DeTable) -> ReviewerSettings {
        let mut r = ReviewerSettings::default();
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "command" => {
                    let Some(text) = self.string(value, "reviewer.command") else {
                        continue;
                    };
                    let text = text.trim();
                    if text.is_empty() {
                        self.error(
                            value.span(),
                            "`reviewer.command` is empty: name a command, or leave the key out \
                             for no reviewer",
                        );
                    } else {
                        r.command = Some(text.to_string());
                    }
                }
                "timeout_seconds" => {
                    r.timeout_seconds = self
                        .number(value, "reviewer.timeout_seconds", 1..3601)
                        .and_then(|n| u64::try_from(n).ok());
                }
                other => self.unknown(
                    key.span(),
                    other,
                    "reviewer",
                    &["command", "timeout_seconds"],
                ),
            }
        }
        r
    }

    fn theme(&mut self, table: &DeTable) -> ThemeSettings {
        let mut theme = ThemeSettings::default();
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "mode" => match self.string(value, "theme.mode") {
                    Some("auto") => theme.mode = ThemeMode::Auto,
                    Some("dark") => theme.mode = ThemeMode::Dark,
                    Some("light") => theme.mode = ThemeMode::Light,
                    Some(other) => self.error(
                        value.span(),
                        format!(
                            "theme.mode is {:?}: use \"auto\", \"dark\" or \"light\"",
                            sanitize(other, true)
                        ),
                    ),
                    None => {}
                },
                "colors" => {
                    let Some(colors) = self.table(value, "theme.colors") else {
                        continue;
                    };
                    let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                    for (role_key, color) in colors {
                        let Some(role) = Role::ALL
                            .into_iter()
                            .find(|r| r.name() == role_key.get_ref())
                        else {
                            self.unknown(
                                role_key.span(),
                                role_key.get_ref(),
                                "theme.colors",
                                &names,
                            );
                            continue;
                        };
                        let name = format!("theme.colors.{}", role.name());
                        let Some(text) = self.string(color, &name) else {
                            continue;
                        };
                        match parse_color(text) {
                            Some(c) => {
                                theme.colors.insert(role, c);
                            }
                            None => self.error(
                                color.span(),
                                format!(
                                    "{name}: {:?} is not a colour: use a name (red, light-blue, \
                                     dark-gray, ...), \"#rrggbb\" or a number 0-255",
                                    sanitize(text, true)
                                ),
                            ),
                        }
                    }
                }
                other => self.unknown(key.span(), other, "theme", &["mode", "colors"]),
            }
        }
        theme
    }

    fn defaults(&mut self, table: &DeTable) -> Defaults {
        let mut d = Defaults::default();
        let known = [
            "minutes",
            "autosave_seconds",
            "new_cards_per_day",
            "estimate_questions",
            "estimate_seconds",
            "sheet",
            "ascii",
        ];
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "minutes" => {
                    let Some(steps) = self.table(value, "defaults.minutes") else {
                        continue;
                    };
                    let names: Vec<&str> = Step::ALL.iter().map(|s| s.key()).collect();
                    for (step_key, minutes) in steps {
                        let Some(step) = Step::ALL
                            .into_iter()
                            .find(|s| s.key() == step_key.get_ref())
                        else {
                            self.unknown(
                                step_key.span(),
                                step_key.get_ref(),
                                "defaults.minutes",
                                &names,
                            );
                            continue;
                        };
                        let name = format!("defaults.minutes.{}", step.key());
                        if let Some(m) = self.number(minutes, &name, 1..121)
                            && let Some(slot) = d.minutes.get_mut(step.index())
                        {
                            *slot = u32::try_from(m).ok();
                        }
                    }
                }
                "autosave_seconds" => {
                    let v = value.get_ref();
                    let secs = v
                        .as_float()
                        .and_then(|f| f.as_str().parse::<f64>().ok())
                        .or_else(|| {
                            v.as_integer()
                                .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
                                .map(|i| i as f64)
                        });
                    match secs {
                        Some(s) if (0.2..=60.0).contains(&s) => d.autosave_seconds = Some(s),
                        Some(s) => self.error(
                            value.span(),
                            format!("`defaults.autosave_seconds` is {s}: use 0.2 to 60"),
                        ),
                        None => {
                            self.wrong(value, "defaults.autosave_seconds", "a number of seconds")
                        }
                    }
                }
                "new_cards_per_day" => {
                    d.new_cards_per_day = self
                        .number(value, "defaults.new_cards_per_day", 0..1001)
                        .and_then(|n| usize::try_from(n).ok());
                }
                "estimate_questions" => {
                    d.estimate_questions = self
                        .number(value, "defaults.estimate_questions", 1..51)
                        .and_then(|n| usize::try_from(n).ok());
                }
                "estimate_seconds" => {
                    d.estimate_seconds = self
                        .number(value, "defaults.estimate_seconds", 10..3601)
                        .and_then(|n| u64::try_from(n).ok());
                }
                "ascii" => d.ascii = self.boolean(value, "defaults.ascii"),
                "sheet" => {
                    let Some(inputs) = self.table(value, "defaults.sheet") else {
                        continue;
                    };
                    let names: Vec<&str> = SheetInput::ALL.iter().map(|i| i.key()).collect();
                    for (input_key, v) in inputs {
                        let Some(input) = SheetInput::from_key(input_key.get_ref()) else {
                            self.unknown(
                                input_key.span(),
                                input_key.get_ref(),
                                "defaults.sheet",
                                &names,
                            );
                            continue;
                        };
                        let name = format!("defaults.sheet.{}", input.key());
                        let Some(text) = self.string(v, &name) else {
                            continue;
                        };
                        let checked = sanitize(text.trim(), true);
                        match sheet::check_at(input, &checked) {
                            Ok(()) => {
                                d.sheet.insert(input.key().to_string(), checked);
                            }
                            Err((why, column)) => {
                                // At the offending token when the calculator says where it
                                // is, as `problems check` does for a problem's sheet.
                                let at = column.map_or(v.span().start, |c| {
                                    offset_of_column(self.text, v.span(), text, c)
                                });
                                self.error(at..at, format!("{name}: {why}"));
                            }
                        }
                    }
                }
                other => self.unknown(key.span(), other, "defaults", &known),
            }
        }
        d
    }
}

/// A colour as a config writes it: a name (`red`, `light-blue`, `dark-gray`), `#rrggbb`,
/// or an index into the 256-colour palette.
pub fn parse_color(text: &str) -> Option<Color> {
    let t = text.trim().to_lowercase().replace(['_', ' '], "-");
    if let Some(hex) = t.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    if let Ok(n) = t.parse::<u8>() {
        return Some(Color::Indexed(n));
    }
    Some(match t.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}
