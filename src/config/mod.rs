//! The user's settings, `config.toml`: keys, theme and defaults. Every key is optional.
//!
//! Reading is pure (text in, settings and located diagnostics out) and forgiving: a bad
//! setting is reported at its `FILE:LINE:COL` and left at its default, so a broken config
//! never stops the app. The documented default is [`DEFAULT`], printed by
//! `sdcoach config default` and checked by a test to read back as the defaults.

pub mod keys;
mod read;

use std::collections::BTreeMap;

use crate::domain::diagnostic::Diagnostic;
use crate::tui::keymap::{Cmd, Ctx, Key};

pub use read::parse;

/// The commented default config, every setting at its default.
pub const DEFAULT: &str = include_str!("default.toml");

/// Everything a config file can set; [`Config::default`] is an empty file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Keys rebound (or unbound, with no keys), in file order.
    pub keys: Vec<Rebind>,
    pub theme: ThemeSettings,
    pub defaults: Defaults,
    /// Mouse clicks and the wheel; on unless turned off.
    pub mouse: Option<bool>,
    /// The editor for the notes, overriding `$VISUAL` and `$EDITOR`.
    pub editor: Option<String>,
}

/// One command's keys in one context, replacing the built-in ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Rebind {
    pub ctx: Ctx,
    pub cmd: Cmd,
    pub keys: Vec<Key>,
    /// Where it is written (byte offset), for messages about conflicts.
    pub at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeMode {
    /// Follow the terminal's background where it says (`COLORFGBG`), else dark.
    #[default]
    Auto,
    Dark,
    Light,
}

/// The parts of the screen a colour can be set for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Accent,
    Ok,
    Warn,
    Alert,
    Key,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Accent, Role::Ok, Role::Warn, Role::Alert, Role::Key];

    pub fn name(self) -> &'static str {
        match self {
            Role::Accent => "accent",
            Role::Ok => "ok",
            Role::Warn => "warn",
            Role::Alert => "alert",
            Role::Key => "key",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThemeSettings {
    pub mode: ThemeMode,
    pub colors: BTreeMap<Role, ratatui::style::Color>,
}

/// Starting values the app otherwise picks itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Defaults {
    /// Minutes per step, in framework order, replacing the built-in budgets (and a
    /// problem's own) for new sessions.
    pub minutes: [Option<u32>; 6],
    pub autosave_seconds: Option<f64>,
    pub new_cards_per_day: Option<usize>,
    pub estimate_questions: Option<usize>,
    pub estimate_seconds: Option<u64>,
    /// Capacity-sheet inputs new sessions start from (a problem's own figures win).
    pub sheet: BTreeMap<String, String>,
    /// Draw diagrams in ASCII.
    pub ascii: Option<bool>,
}

/// The settings in effect: the config with its keys applied, and everything that was
/// wrong with it (left at its default), in file order.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub config: Config,
    pub keymap: crate::tui::keymap::Keymap,
    pub problems: Vec<Diagnostic>,
}

impl Settings {
    /// Settings from the text of `file`: its own errors, then key conflicts.
    pub fn from_text(file: &str, text: &str) -> Settings {
        let (mut config, mut problems) = parse(file, text);
        let (keymap, conflicts) = crate::tui::keymap::Keymap::with(&config.keys);
        problems.extend(
            conflicts
                .into_iter()
                .map(|(at, message)| Diagnostic::at_offset(file, text, at, message)),
        );
        problems.sort_by_key(|d| (d.line, d.col));
        // Rebinds that were refused are not in effect.
        let kept: Vec<usize> = config
            .keys
            .iter()
            .filter(|r| keymap.rebound_at(r.at))
            .map(|r| r.at)
            .collect();
        config.keys.retain(|r| kept.contains(&r.at));
        Settings {
            config,
            keymap,
            problems,
        }
    }

    /// The settings from a config file read (or not) by the store: none is the defaults,
    /// an unreadable one is the defaults and why.
    pub fn load(read: Result<Option<(String, String)>, Diagnostic>) -> Settings {
        match read {
            Ok(Some((file, text))) => Settings::from_text(&file, &text),
            Ok(None) => Settings::default(),
            Err(why) => Settings {
                problems: vec![why],
                ..Settings::default()
            },
        }
    }
}
