//! The config file: `sdcoach config path|default|check|keys`, and settings reaching the
//! app: rebound keys work (and the old ones stop), help and hints name them, budgets and
//! drills follow the defaults.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::Harness;
use ratatui::crossterm::event::KeyCode;
use sdcoach::config::Settings;
use sdcoach::domain::framework::Step;
use sdcoach::tui::keymap::{Cmd, Ctx};

const BIN: &str = env!("CARGO_BIN_EXE_sdcoach");

fn run(home: &Path, args: &[&str], config: Option<&Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("SDCOACH_DATA_DIR", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env_remove("SDCOACH_CONFIG")
        .env_remove("SDCOACH_PROBLEMS_DIR");
    if let Some(file) = config {
        cmd.env("SDCOACH_CONFIG", file);
    }
    cmd.output().unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn path_default_and_check_work_from_a_fresh_home() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let expected = home.path().join("config/sdcoach/config.toml");
    let out = run(home.path(), &["config", "path"], None);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).starts_with(&format!("{} (not there", expected.display())),
        "{}",
        text(&out.stdout)
    );
    let none = run(home.path(), &["config", "check"], None);
    assert!(none.status.success(), "no file is fine");

    // The printed default, saved where the app looks, checks clean.
    let default = run(home.path(), &["config", "default"], None);
    std::fs::create_dir_all(expected.parent().unwrap_or(home.path()))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&expected, &default.stdout).unwrap_or_else(|e| panic!("{e}"));
    let out = run(home.path(), &["config", "check"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("ok {}\n", expected.display()));
}

#[test]
fn check_reports_every_error_as_file_line_col_and_fails() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = home.path().join("mine.toml");
    std::fs::write(
        &file,
        "[theme]\nmode = \"sepia\"\n[keys.practice]\ntoggle_diagram = \"b\"\nfly = \"x\"\n\
         [defaults.sheet]\ndaily_active_users = \"50M + * 2\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = run(
        home.path(),
        &["config", "check", &file.display().to_string()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let f = file.display();
    assert!(
        err.contains(&format!("{f}:2:8: theme.mode is \"sepia\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{f}:4:18: keys.practice.toggle_diagram: `b` is already palette in practice"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{f}:5:1: unknown key `fly` in [keys.practice]")),
        "{err}"
    );
    // Inside a string, at the column of the fault: the `*`.
    assert!(
        err.contains(&format!("{f}:7:29: defaults.sheet.daily_active_users: ")),
        "{err}"
    );
    assert!(err.contains("4 error(s)"), "{err}");
}

#[test]
fn a_named_config_must_exist_and_the_keys_listing_follows_it() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = home.path().join("nope.toml");
    let out = run(home.path(), &["config", "check"], Some(&missing));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nope.toml:1:1: cannot read the config file"));

    let file = home.path().join("keys.toml");
    std::fs::write(&file, "[keys.practice]\ntoggle_diagram = [\"v\", \"f6\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(home.path(), &["config", "keys"], Some(&file));
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("toggle_diagram = [\"v\", \"f6\"]"),
        "{}",
        text(&out.stdout)
    );
}

/// A practice session in a model that has the settings of `config`.
fn practice_with(config: &str) -> Harness {
    let settings = Settings::from_text("config.toml", config);
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    let mut h = Harness::new(sdcoach::tui::model::Screen::Picker(Default::default()));
    h.model.keymap = settings.keymap;
    h.model.defaults = settings.config.defaults;
    h.start("url-shortener");
    h
}

#[test]
fn a_rebound_key_works_the_old_one_does_not_and_help_names_the_new_one() {
    let mut h = practice_with("[keys.practice]\ntoggle_diagram = \"v\"\n");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('5'));
    h.press(KeyCode::Enter);
    h.type_text("client -> lb -> api\n");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('d'));
    assert!(
        !h.screen(140, 40).contains("Diagram (1)"),
        "d no longer shows it"
    );
    h.press(KeyCode::Char('v'));
    let screen = h.screen(140, 40);
    assert!(screen.contains("Diagram (1)"), "v does:\n{screen}");
    assert!(
        screen.contains("v diagram"),
        "the hint bar names v:\n{screen}"
    );
    assert_eq!(
        h.model.keymap.keys_for(Ctx::Practice, Cmd::ToggleDiagram),
        "v"
    );
    h.press(KeyCode::Char('?'));
    let help = h.screen(140, 60);
    assert!(
        help.contains("show / hide the drawing of this step's diagrams")
            && help
                .lines()
                .any(|l| l.contains(" v ") && l.contains("show / hide the drawing")),
        "help names v:\n{help}"
    );
}

#[test]
fn budgets_and_the_sheet_start_from_the_defaults() {
    let h = practice_with(
        "[defaults]\nminutes = { capacity = 7, architecture = 20 }\n\
         [defaults.sheet]\nobject_size = \"2 KB\"\ndaily_active_users = \"50M\"\n",
    );
    let Some(p) = h.model.practice() else {
        panic!("no practice screen");
    };
    let budget = |step: Step| p.transcript.step(step).map(|r| r.budget_secs);
    assert_eq!(budget(Step::Capacity), Some(7 * 60));
    assert_eq!(budget(Step::Architecture), Some(20 * 60));
    assert_eq!(budget(Step::Apis), Some(5 * 60), "unset steps keep theirs");
    assert_eq!(
        p.calc
            .sheet
            .get(sdcoach::calc::sheet::Input::DailyActiveUsers),
        "50M",
        "the user's usual figure where the problem gives none"
    );
    // url-shortener gives its own object size; the problem's figure wins over the
    // user's usual one.
    assert_eq!(
        p.calc.sheet.get(sdcoach::calc::sheet::Input::ObjectSize),
        "500 bytes"
    );
}

/// docs/config.md: its complete example checks clean, and it documents every setting
/// the reader knows and every placeholder of the reviewer's template.
#[test]
fn the_config_guide_s_example_checks_clean_and_it_documents_every_setting() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/config.md"))
        .unwrap_or_default();
    let example = guide
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap_or_default();
    let settings = Settings::from_text("docs/config.md", example);
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    let reviewer = &settings.config.reviewer;
    assert_eq!(reviewer.command.as_deref(), Some("llm -m gpt-4o-mini"));
    assert_eq!(reviewer.timeout_seconds, Some(300));
    for key in [
        "mouse",
        "editor.command",
        "editor.pause_clocks",
        "reviewer.command",
        "reviewer.timeout_seconds",
        "theme.mode",
        "defaults.autosave_seconds",
        "defaults.ascii",
    ] {
        assert!(
            guide.contains(&format!("| `{key}` |")),
            "{key} is not documented"
        );
    }
    for (name, what) in sdcoach::domain::second_opinion::PLACEHOLDERS {
        let row = format!("| `{{{{{name}}}}}` | {what} |");
        assert!(guide.contains(&row), "docs/config.md lacks the row\n{row}");
    }
}
