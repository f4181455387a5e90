//! The user's settings, `config.toml`: keys, theme and defaults. Every key is optional.
//!
//! Reading is pure (text in, settings and located diagnostics out) and forgiving: a bad
//! setting is reported at its `FILE:LINE:COL` and left at its default, so a broken config
//! never stops the app. The documented default is [`DEFAULT`], printed by
//! `sdcoach config default` and checked by a test to read back as the defaults.

pub mod keys;
mod read;
mod summary;

use std::collections::BTreeMap;

use crate::domain::diagnostic::Diagnostic;
use crate::tui::keymap::{Cmd, Ctx, Key};

pub use read::parse;
pub use summary::{key_rows, keys_summary};

/// The commented default config, every setting at its default.
pub const DEFAULT: &str = include_str!("default.toml");

/// Everything a config file can set; [`Config::default`] is an empty file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Keys rebound (or unbound, with no keys), in file order.
    pub keys: Vec<Rebind>,
    pub theme: ThemeSettings,
    pub defaults: Defaults,
    pub editor: EditorSettings,
    /// Clicks and the wheel; on unless turned off.
    pub mouse: Option<bool>,
    pub reviewer: ReviewerSettings,
}

/// The command a finished session is sent to for a second opinion. None is set unless the
/// user sets one: without it nothing is ever sent anywhere.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewerSettings {
    /// The command line, run through the shell with the prompt on its stdin.
    pub command: Option<String>,
    /// How long it may take before it is ended (default [`crate::reviewer::DEFAULT_TIMEOUT`]).
    pub timeout_seconds: Option<u64>,
}

/// What to say when a second opinion is asked for and no reviewer is set up.
pub const NO_REVIEWER: &str = "No reviewer is set up, so nothing was sent anywhere. Name a \
command that reads a prompt on stdin and prints its answer: `[reviewer] command = \"llm -m \
gpt-4o-mini\"` in config.toml, SDCOACH_REVIEWER='ollama run llama3' in the environment, or \
--reviewer CMD. `sdcoach sessions prompt SESSION_ID` prints what it would be sent.";

/// Where the reviewer command in effect was named, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewerSource {
    /// `--reviewer CMD` or `SDCOACH_REVIEWER` (clap reads both into the flag).
    Flag,
    Config,
}

impl ReviewerSettings {
    /// The reviewer in effect: `flag` (the `--reviewer` option, which also takes
    /// `SDCOACH_REVIEWER`) over the config file's command; `None` when neither names one
    /// (an empty or blank value names none). The timeout is the config's either way.
    pub fn effective(
        &self,
        flag: Option<&str>,
    ) -> Option<(crate::reviewer::Reviewer, ReviewerSource)> {
        let named = |c: &str| {
            let c = c.trim();
            (!c.is_empty()).then(|| c.to_string())
        };
        let (command, source) = match flag.and_then(named) {
            Some(c) => (c, ReviewerSource::Flag),
            None => (
                self.command.as_deref().and_then(named)?,
                ReviewerSource::Config,
            ),
        };
        let timeout = self.timeout_seconds.map_or(
            crate::reviewer::DEFAULT_TIMEOUT,
            std::time::Duration::from_secs,
        );
        Some((
            crate::reviewer::Reviewer {
                command,
                timeout,
                max_bytes: crate::reviewer::MAX_OUTPUT,
            },
            source,
        ))
    }

    /// Replace the configured command with `flag` when it names one, so the settings
    /// handed to the app carry the reviewer in effect.
    pub fn override_with(&mut self, flag: Option<&str>) {
        if let Some(c) = flag.map(str::trim).filter(|c| !c.is_empty()) {
            self.command = Some(c.to_string());
        }
    }
}

/// The user's own editor for a step's notes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditorSettings {
    /// The command, run with the notes' file after it; else `$VISUAL`, `$EDITOR`, `vi`.
    pub command: Option<String>,
    /// Pause the interview's clocks while the editor is open (default: they run on).
    pub pause_clocks: Option<bool>,
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
    /// Follow the terminal's background: where the environment says (`COLORFGBG`), else
    /// as the terminal answers when asked after the first frame; dark until then.
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

impl Defaults {
    /// New concept cards a day.
    pub fn cards_per_day(&self) -> usize {
        self.new_cards_per_day
            .unwrap_or(crate::domain::schedule::NEW_PER_DAY)
    }

    /// Questions in an estimation drill started from the launcher, and seconds for each.
    pub fn estimate_drill(&self) -> (usize, u64) {
        use crate::tui::update::launcher::{ESTIMATE_QUESTIONS, ESTIMATE_SECONDS};
        (
            self.estimate_questions.unwrap_or(ESTIMATE_QUESTIONS),
            self.estimate_seconds.unwrap_or(ESTIMATE_SECONDS),
        )
    }

    /// How long after the last change the notes are saved.
    pub fn autosave_after(&self) -> std::time::Duration {
        self.autosave_seconds.map_or(
            crate::tui::model::AUTOSAVE_AFTER,
            std::time::Duration::from_secs_f64,
        )
    }
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

/// The commented default file with every setting made live (each `# key = value` line
/// under a table, and the example `[keys.…]` tables): a config that sets everything, which
/// the tests check reads clean and the config bench parses.
pub fn every_setting() -> String {
    DEFAULT
        .lines()
        .map(|l| {
            let t = l.trim_start_matches("# ");
            let is_setting = l.starts_with("# ")
                && t.split_once(" = ").is_some_and(|(k, _)| {
                    !k.contains(' ') && !k.starts_with('[') && !k.contains('.')
                });
            if is_setting || l.starts_with("# [keys.") {
                t
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::Step;

    #[test]
    fn the_default_file_is_clean_and_its_values_are_the_defaults() {
        let (config, problems) = parse("default.toml", DEFAULT);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config, Config::default(), "everything is commented out");

        let text = every_setting();
        let (set, problems) = parse("default.toml", &text);
        assert!(problems.is_empty(), "{problems:?}\n{text}");
        assert_eq!(set.mouse, Some(true));
        // No reviewer unless one is named: the example command stays a comment.
        assert_eq!(set.reviewer.command, None);
        assert_eq!(
            set.reviewer.timeout_seconds,
            Some(crate::reviewer::DEFAULT_TIMEOUT.as_secs())
        );
        assert_eq!(set.editor.command.as_deref(), Some("vi"));
        assert_eq!(set.editor.pause_clocks, Some(false));
        assert_eq!(set.theme.mode, ThemeMode::Auto);
        let budgets: Vec<Option<u32>> = Step::ALL
            .iter()
            .map(|s| u32::try_from(s.default_budget().as_secs() / 60).ok())
            .collect();
        assert_eq!(set.defaults.minutes.to_vec(), budgets);
        assert_eq!(
            set.defaults.autosave_seconds,
            Some(crate::tui::model::AUTOSAVE_AFTER.as_secs_f64())
        );
        assert_eq!(
            set.defaults.new_cards_per_day,
            Some(crate::domain::schedule::NEW_PER_DAY)
        );
        assert_eq!(
            set.defaults.estimate_questions,
            Some(crate::tui::update::launcher::ESTIMATE_QUESTIONS)
        );
        assert_eq!(
            set.defaults.estimate_seconds,
            Some(crate::tui::update::launcher::ESTIMATE_SECONDS)
        );
        assert_eq!(set.defaults.ascii, Some(false));
        let theme = crate::tui::theme::Theme::default();
        for role in Role::ALL {
            assert_eq!(
                set.theme.colors.get(&role).copied(),
                theme.default_color(role),
                "{}",
                role.name()
            );
        }
        // The example rebinds are the built-in keys, so the table is unchanged.
        let (keys, conflicts) = crate::tui::keymap::Keymap::with(&set.keys);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert!(!set.keys.is_empty());
        for r in &set.keys {
            assert_eq!(
                crate::tui::keymap::Keymap::default().keys_for(r.ctx, r.cmd),
                keys.keys_for(r.ctx, r.cmd)
            );
        }
    }

    #[test]
    fn every_kind_of_error_is_reported_where_it_is_and_the_rest_still_applies() {
        let text = "# mine\ncolour = 1\n[theme]\nmode = \"sepia\"\n[theme.colors]\n\
                    accent = \"pinkish\"\nok = \"#00ff00\"\n[defaults]\nminutes = { apis = 0 }\n\
                    new_cards_per_day = \"ten\"\nestimate_seconds = 30\n[keys.practice]\n\
                    toggle_diagram = \"b\"\nhint = \"alt-h\"\nend_interview = \"x\"\n\
                    [keys.editor]\nsave_now = \"s\"\n";
        let settings = Settings::from_text("c.toml", text);
        let found: Vec<String> = settings.problems.iter().map(|d| d.to_string()).collect();
        let expected = [
            "c.toml:2:1: unknown key `colour`, expected one of",
            "c.toml:4:8: theme.mode is \"sepia\": use \"auto\", \"dark\" or \"light\"",
            "c.toml:6:10: theme.colors.accent: \"pinkish\" is not a colour",
            "c.toml:9:20: `defaults.minutes.apis` is 0: use 1 to 120",
            "c.toml:10:21: `defaults.new_cards_per_day` must be a whole number from 0 to 1000, found string",
            "c.toml:13:18: keys.practice.toggle_diagram: `b` is already palette in practice",
            "c.toml:14:8: keys.practice.hint: `alt-h`: Alt and Meta keys",
            "c.toml:17:12: keys.editor.save_now: `s` would stop you typing it",
        ];
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        for (got, want) in found.iter().zip(expected) {
            assert!(got.starts_with(want), "{got}\n  wanted {want}");
        }
        // What was right still applies.
        let c = &settings.config;
        assert_eq!(
            c.theme.colors.get(&Role::Ok),
            Some(&ratatui::style::Color::Rgb(0, 255, 0))
        );
        assert_eq!(c.defaults.estimate_seconds, Some(30));
        assert_eq!(c.keys.len(), 1, "only end_interview = x took: {:?}", c.keys);
        use crate::tui::keymap::{Cmd, Ctx};
        assert_eq!(
            settings.keymap.keys_for(Ctx::Practice, Cmd::EndInterview),
            "x"
        );
        assert_eq!(
            settings.keymap.keys_for(Ctx::Practice, Cmd::ToggleDiagram),
            "d"
        );
    }

    #[test]
    fn a_sheet_figure_s_error_points_at_its_column_inside_the_string() {
        // The fault is the `*` after `+`: column 7 of the value as read, after the blank
        // the value starts with; an escape before it counts as the one character it is.
        let text = "[defaults.sheet]\nobject_size = \"2 KB\"\n\
                    daily_active_users = \" 50\\u004D + * 2\"\n\
                    peak_factor = \"5 s\"\n";
        let settings = Settings::from_text("c.toml", text);
        let found: Vec<String> = settings.problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2, "{found:#?}");
        let col = "daily_active_users = \" 50\\u004D + ".len() + 1;
        assert!(
            found[0].starts_with(&format!(
                "c.toml:3:{col}: defaults.sheet.daily_active_users: "
            )),
            "{found:#?}"
        );
        // A value of the wrong kind has no column: it points at the value.
        assert!(
            found[1].starts_with("c.toml:4:15: defaults.sheet.peak_factor: "),
            "{found:#?}"
        );
        assert_eq!(
            settings
                .config
                .defaults
                .sheet
                .get("object_size")
                .map(String::as_str),
            Some("2 KB")
        );
    }

    #[test]
    fn a_syntax_error_is_located_and_the_rest_of_the_file_still_read() {
        let settings = Settings::from_text(
            "c.toml",
            "[defaults]\nascii = true\n[theme\nmode = \"light\"\n",
        );
        let first = settings.problems.first().map(|d| (d.line, d.col));
        assert_eq!(first.map(|(l, _)| l), Some(3), "{:?}", settings.problems);
        assert_eq!(settings.config.defaults.ascii, Some(true));
    }

    #[test]
    fn a_reviewer_is_read_checked_and_overridden_by_the_flag() {
        let settings = Settings::from_text(
            "c.toml",
            "[reviewer]\ncommand = \"  llm -m x  \"\ntimeout_seconds = 20\n",
        );
        assert!(settings.problems.is_empty(), "{:?}", settings.problems);
        let r = &settings.config.reviewer;
        let (found, source) = r.effective(None).unwrap_or_else(|| panic!("none"));
        assert_eq!(found.command, "llm -m x");
        assert_eq!(found.timeout, std::time::Duration::from_secs(20));
        assert_eq!(found.max_bytes, crate::reviewer::MAX_OUTPUT);
        assert_eq!(source, ReviewerSource::Config);
        let (found, source) = r
            .effective(Some("ollama run llama3"))
            .unwrap_or_else(|| panic!());
        assert_eq!(found.command, "ollama run llama3");
        assert_eq!(source, ReviewerSource::Flag);
        // A blank flag names nothing; nothing configured is no reviewer at all.
        assert_eq!(
            r.effective(Some("  ")).map(|(f, _)| f.command),
            Some("llm -m x".into())
        );
        assert_eq!(ReviewerSettings::default().effective(None), None);
        assert_eq!(ReviewerSettings::default().effective(Some("")), None);
        let mut overridden = r.clone();
        overridden.override_with(Some("aichat"));
        assert_eq!(overridden.command.as_deref(), Some("aichat"));
        overridden.override_with(None);
        assert_eq!(overridden.command.as_deref(), Some("aichat"));

        let text = "[reviewer]\ncommand = \" \"\ntimeout_seconds = 0\nmodel = \"x\"\n\
                    [editor]\ncommand = \"nvim\"\n";
        let settings = Settings::from_text("c.toml", text);
        let found: Vec<String> = settings.problems.iter().map(|d| d.to_string()).collect();
        let expected = [
            "c.toml:2:11: `reviewer.command` is empty",
            "c.toml:3:19: `reviewer.timeout_seconds` is 0: use 1 to 3600",
            "c.toml:4:1: unknown key `model` in [reviewer], expected one of `command`, `timeout_seconds`",
        ];
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        for (got, want) in found.iter().zip(expected) {
            assert!(got.starts_with(want), "{got}\n  wanted {want}");
        }
        assert_eq!(settings.config.reviewer, ReviewerSettings::default());
        assert_eq!(settings.config.editor.command.as_deref(), Some("nvim"));
        let settings = Settings::from_text("c.toml", "reviewer = \"llm\"\n");
        assert!(
            settings.problems[0]
                .to_string()
                .starts_with("c.toml:1:12: `reviewer` must be a table"),
            "{:?}",
            settings.problems
        );
    }

    #[test]
    fn keys_can_be_swapped_and_unbound() {
        use crate::tui::keymap::{Cmd, Ctx};
        let settings = Settings::from_text(
            "c.toml",
            "[keys.practice]\ntoggle_diagram = \"b\"\npalette = \"d\"\nhint = []\n",
        );
        assert!(settings.problems.is_empty(), "{:?}", settings.problems);
        let k = &settings.keymap;
        assert_eq!(k.keys_for(Ctx::Practice, Cmd::ToggleDiagram), "b");
        assert_eq!(k.keys_for(Ctx::Practice, Cmd::Palette), "d");
        assert_eq!(k.keys_for(Ctx::Practice, Cmd::Hint), "(no key)");
    }
}
