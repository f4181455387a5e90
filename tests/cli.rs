//! The non-interactive commands, run as a user would run them.

mod common;

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sdcoach");

fn run(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("SDCOACH_DATA_DIR", data_dir)
        .env_remove("SDCOACH_PROBLEMS_DIR")
        .env_remove("SDCOACH_DECKS_DIR")
        .env_remove("SDCOACH_CONFIG")
        // Keep the user's own config folder (and its problems) out of the tests.
        .env("XDG_CONFIG_HOME", data_dir.join("config"))
        .env("HOME", data_dir)
        .output()
        .unwrap_or_else(|e| panic!("run {args:?}: {e}"))
}

/// `sdcoach calc` reading a script on stdin.
fn calc_script(data_dir: &Path, script: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("calc")
        .env("SDCOACH_DATA_DIR", data_dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = std::io::Write::write_all(&mut stdin, script.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Each broken problem file and every message it must produce, in order.
const BAD_PROBLEMS: &[(&str, &[&str])] = &[
    (
        "unknown-key.toml",
        &[
            // The typo, and the key it should have been, missing from the top table.
            "1:1: missing field `difficulty`",
            "3:1: unknown field `dificulty`, expected one of `id`, `title`, `difficulty`, `tags`, `statement`, `steps`, `clarifications`, `estimates`, `curveballs`, `concepts`, `sheet`, `structure`",
        ],
    ),
    (
        "missing-statement.toml",
        &["1:1: missing field `statement`"],
    ),
    (
        "bad-figure.toml",
        // At `furlongs` inside the string, not at the string's start.
        &[
            "9:14: figure \"40 furlongs\" is not a value: column 4: unknown unit or variable 'furlongs'",
        ],
    ),
    (
        "empty-group.toml",
        &["7:9: steps.apis.rubric point needs `all` (phrases separated by |) with no empty entry"],
    ),
    (
        "wrong-type.toml",
        &["3:14: invalid type: integer `3`, expected a string"],
    ),
    (
        "bad-difficulty.toml",
        &["3:14: unknown difficulty \"brutal\": use \"easy\", \"medium\" or \"hard\""],
    ),
    (
        "invalid-toml.toml",
        &["2:11: invalid basic string, expected `\"`"],
    ),
    (
        "empty.toml",
        &["1:1: empty file: a problem needs at least id, title, difficulty and statement"],
    ),
    (
        "invalid-utf8.toml",
        &["2:13: invalid UTF-8: files must be UTF-8 text"],
    ),
    (
        "bad-minutes.toml",
        &["7:11: steps.capacity.minutes is 0: use a whole number of minutes from 1 to 120"],
    ),
    (
        "unknown-step.toml",
        &[
            "6:8: unknown field `estimates`, expected one of `requirements`, `capacity`, `apis`, `data_model`, `architecture`, `bottlenecks`",
        ],
    ),
    (
        "bad-id.toml",
        &["1:6: invalid id \"Not OK\": use lowercase letters, digits and '-'"],
    ),
    (
        "structure-syntax.toml",
        &["9:16: structure.reference: `[` is not closed: expected `]`"],
    ),
    (
        "builtin-id.toml",
        &[
            "1:6: id \"twitter\" is taken by the built-in problem problems/twitter.toml; choose another id",
        ],
    ),
];

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/bad-problems/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn problems_check_reports_each_bad_file_as_file_line_col_and_fails() {
    let dir = tmp();
    for (name, messages) in BAD_PROBLEMS {
        let file = fixture(name);
        let out = run(dir.path(), &["problems", "check", &file]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        let want: Vec<String> = messages
            .iter()
            .map(|m| format!("{file}:{m}"))
            .chain([format!("{} error(s) in 1 file(s) checked", messages.len())])
            .collect();
        assert_eq!(err.lines().collect::<Vec<_>>(), want, "{name}");
    }
}

#[test]
fn problems_check_judges_structural_points_on_their_own_reference_diagram() {
    let dir = tmp();
    let file = fixture("structure-point.toml");
    let out = run(dir.path(), &["problems", "check", &file]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for expected in [
        "17:8: structure.component `search index` matches no node of the reference diagram",
        "20:11: structure.path browser → api → load balancer does not hold in the reference diagram",
        "23:8: structure.forbid api – relational database: the reference diagram has that edge itself (API → Postgres)",
    ] {
        assert!(
            err.contains(&format!("{file}:{expected}")),
            "{expected}\n{err}"
        );
    }
    assert!(!err.contains("`load balancer` matches no node"), "{err}");
}

#[test]
fn problems_check_reports_duplicate_ids_across_files() {
    let dir = tmp();
    let (a, b) = (fixture("dup-a.toml"), fixture("dup-b.toml"));
    let out = run(dir.path(), &["problems", "check", &a, &b]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "{b}:1:6: duplicate id \"dup\": already defined in {a}"
        )),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains(&format!("ok {a} (dup)")));
}

#[test]
fn the_built_in_problems_pass_the_check() {
    let dir = tmp();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<String> = std::fs::read_dir(format!("{root}/problems"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    let mut args = vec!["problems", "check"];
    args.extend(files.iter().map(String::as_str));
    let out = run(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn problems_list_json_has_id_title_difficulty_and_a_bad_user_file_only_warns() {
    let dir = tmp();
    let user = dir.path().join("mine");
    std::fs::create_dir_all(&user).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(user.join("broken.toml"), "id = ").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        user.join("pastebin.toml"),
        "id = \"pastebin\"\ntitle = \"Pastebin\"\ndifficulty = \"easy\"\nstatement = \"Paste \\u001b[2Jtext.\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let user_dir = user.display().to_string();
    let out = run(
        dir.path(),
        &["--problems-dir", &user_dir, "problems", "list", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = list
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["id"].as_str()).collect())
        .unwrap_or_default();
    for id in ["url-shortener", "instagram", "twitter", "pastebin"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for p in list.as_array().into_iter().flatten() {
        assert!(p["title"].is_string() && p["difficulty"].is_string(), "{p}");
    }
    assert!(
        stderr(&out).contains("broken.toml:1:6:"),
        "{}",
        stderr(&out)
    );

    // Text from files never carries escape sequences to the terminal.
    let out = run(
        dir.path(),
        &["--problems-dir", &user_dir, "problems", "show", "pastebin"],
    );
    assert!(stdout(&out).contains("Paste [2Jtext."));
    assert!(!stdout(&out).contains('\x1b'));
}

#[test]
fn problems_show_prints_statement_and_budgets_and_json() {
    let dir = tmp();
    let out = run(dir.path(), &["problems", "show", "twitter"]);
    let text = stdout(&out);
    assert!(text.contains("Microblogging service"), "{text}");
    let arch = text
        .lines()
        .find(|l| l.contains("5. High-level architecture"))
        .unwrap_or_default();
    assert!(
        arch.ends_with("14:00"),
        "budget override not shown: {arch:?}"
    );
    let out = run(dir.path(), &["problems", "show", "twitter", "--json"]);
    let p: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p["id"], "twitter");
    let out = run(dir.path(), &["problems", "show", "nope"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no problem \"nope\""));
}

fn save_session(data_dir: &Path, id: &str, notes: &str) {
    use sdcoach::domain::framework::Step;
    use sdcoach::store::problems::load_catalog;
    let catalog = load_catalog(&[]);
    let problem = catalog
        .get("url-shortener")
        .unwrap_or_else(|| panic!("built-in missing"));
    let mut t = sdcoach::domain::transcript::Transcript::start(
        id.into(),
        problem,
        jiff::Timestamp::UNIX_EPOCH,
    );
    if let Some(r) = t.step_mut(Step::Apis) {
        r.notes = notes.into();
        r.spent_ms = 65_000;
    }
    t.header.elapsed_ms = 65_000;
    sdcoach::store::Store::new(data_dir.to_path_buf())
        .save(&t)
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn sessions_list_export_and_delete() {
    let dir = tmp();
    let out = run(dir.path(), &["sessions", "list"]);
    assert!(stdout(&out).contains("No sessions yet"));
    save_session(dir.path(), "2026-01-01-000000-url-shortener", "POST /urls");
    save_session(dir.path(), "2026-01-02-000000-url-shortener", "GET /{code}");
    std::fs::write(
        dir.path().join("sessions/2026-01-03-000000-bad.toml"),
        "garbage = [",
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let out = run(dir.path(), &["sessions", "list", "--json"]);
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = list
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        [
            "2026-01-03-000000-bad",
            "2026-01-02-000000-url-shortener",
            "2026-01-01-000000-url-shortener"
        ]
    );
    assert_eq!(list[0]["status"], "unreadable");
    assert_eq!(list[1]["elapsed_secs"], 65);

    let md = stdout(&run(
        dir.path(),
        &["sessions", "export", "2026-01-01-000000-url-shortener"],
    ));
    assert!(md.contains("## 3. APIs\n\nPOST /urls"), "{md}");
    assert!(
        md.contains("| 3. APIs | 01:05 | 05:00 | within budget |"),
        "{md}"
    );
    let json = run(
        dir.path(),
        &[
            "sessions",
            "export",
            "2026-01-02-000000-url-shortener",
            "--format",
            "json",
        ],
    );
    let t: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t["steps"][2]["notes"], "GET /{code}");
    let toml_text = stdout(&run(
        dir.path(),
        &["sessions", "export", "latest", "--format", "toml"],
    ));
    assert!(
        sdcoach::domain::transcript::parse(&toml_text).is_ok(),
        "latest skips the unreadable file"
    );

    let out = run(dir.path(), &["sessions", "export", "2026-01-03-000000-bad"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("2026-01-03-000000-bad.toml:1:12: "),
        "file:line:col: {}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sessions/2026-01-03-000000-bad.toml"))
            .unwrap_or_default(),
        "garbage = [",
        "a corrupt file is never touched"
    );

    let out = run(
        dir.path(),
        &["sessions", "delete", "2026-01-01-000000-url-shortener"],
    );
    assert!(out.status.success());
    assert!(
        !dir.path()
            .join("sessions/2026-01-01-000000-url-shortener.toml")
            .exists()
    );
    let out = run(dir.path(), &["sessions", "delete", "../../etc/passwd"]);
    assert!(!out.status.success());
}

#[test]
fn completions_print_a_script() {
    let dir = tmp();
    let out = run(dir.path(), &["completions", "bash"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("sdcoach"));
}

#[test]
fn resume_with_nothing_to_resume_says_so_without_starting_the_tui() {
    let dir = tmp();
    let out = run(dir.path(), &["practice", "--resume"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no unfinished session to resume"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["practice", "no-such-problem"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no problem \"no-such-problem\""));
    // A step drill checks its problem and step before the terminal is touched.
    let out = run(
        dir.path(),
        &["drill", "step", "2", "--problem", "no-such-problem"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no problem \"no-such-problem\""));
    let out = run(dir.path(), &["drill", "step", "lunch"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("use 1-6 or one of: requirements, capacity"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("sessions").exists(), "nothing was started");
}

#[test]
fn calc_prints_interview_figures_json_and_exact() {
    let dir = tmp();
    let out = run(
        dir.path(),
        &["calc", "500M", "*", "2", "/", "day", "to", "1/s"],
    );
    assert_eq!(stdout(&out), "≈ 11.6K /s\n");
    let out = run(dir.path(), &["calc", "--json", "500M * 2 / day to 1/s"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["unit"], "/s");
    assert_eq!(v["display"], "≈ 11.6K /s");
    let value = v["value"].as_f64().unwrap_or_default();
    assert!((value - 11574.074).abs() < 0.01, "{value}");
    let out = run(dir.path(), &["calc", "--exact", "1B * 200 bytes * 365 * 5"]);
    assert_eq!(stdout(&out), "365 TB\n");
    let out = run(dir.path(), &["calc", "--estimate", "500M * 2 / day"]);
    assert_eq!(stdout(&out), "≈ 11.6K /s (shortcut 10K /s, 13.6% low)\n");
}

#[test]
fn calc_options_may_follow_the_expression_which_keeps_its_minus_signs() {
    let dir = tmp();
    let expr = ["500M", "*", "2", "/", "day", "to", "1/s"];
    let out = run(dir.path(), &[&["calc"][..], &expr, &["--json"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    assert_eq!(v["display"], "≈ 11.6K /s");
    // Subtraction and negative numbers, with options on either side.
    let out = run(dir.path(), &["calc", "10", "-", "3", "--exact"]);
    assert_eq!(stdout(&out), "7\n", "{}", stderr(&out));
    let out = run(dir.path(), &["calc", "-5", "*", "2", "--json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    assert_eq!(v["value"], -10.0);
    let out = run(dir.path(), &["calc", "--estimate", "-5", "*", "-2"]);
    assert_eq!(stdout(&out), "10\n", "{}", stderr(&out));
    // A global option and its value after the expression.
    let other = tmp();
    let path = other.path().to_string_lossy().into_owned();
    let out = run(dir.path(), &["calc", "1", "+", "1", "--data-dir", &path]);
    assert_eq!(stdout(&out), "2\n", "{}", stderr(&out));
    // Help after the expression is help; a misspelt option is named, not computed.
    let out = run(dir.path(), &["calc", "1", "+", "1", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("Usage: sdcoach calc"),
        "{}",
        stdout(&out)
    );
    let out = run(dir.path(), &["calc", "1", "+", "1", "--jsn"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unexpected argument '--jsn'"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn calc_reports_a_bad_expression_with_its_column_and_exit_2() {
    let dir = tmp();
    let out = run(dir.path(), &["calc", "12 MB + 3 s"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: column 7: cannot add MB and s\n  12 MB + 3 s\n        ^\n"
    );
    let out = run(dir.path(), &["calc", "1 / 0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn calc_refuses_an_expression_too_long_to_be_one_without_echoing_it() {
    let dir = tmp();
    let long = "1 + ".repeat(25_000) + "1";
    let refusal = "column 4097: this is 100,001 characters; an expression can be at most 4,096";
    let out = run(dir.path(), &["calc", &long]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("error: {refusal}\n"));
    assert_eq!(stdout(&out), "");

    // In a script that line is refused and the others still run.
    let out = calc_script(dir.path(), &format!("1 + 1\n{long}\n2 * 3\n"));
    assert_eq!(stdout(&out), "2\n6\n");
    assert_eq!(stderr(&out), format!("line 2: {refusal}\n"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn calc_reads_a_script_on_stdin_with_variables() {
    let dir = tmp();
    let script = "# Instagram\ndau = 500M\nuploads = dau * 2\n\nuploads / day\nuploads * 2 MB\nans * 365 * 5 to EB\nnonsense +\n";
    let out = calc_script(dir.path(), script);
    assert_eq!(
        stdout(&out),
        "dau = 500M\nuploads = 1B\n≈ 11.6K /s\n2 PB\n3.65 EB\n"
    );
    assert!(
        stderr(&out).starts_with("line 8: column 1: unknown unit or variable 'nonsense'"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn decks_list_stats_and_the_launcher_count_the_same_cards_after_a_restart() {
    use common::Harness;
    use sdcoach::domain::schedule::NEW_PER_DAY;
    use sdcoach::tui::clock::{Clock, Now};
    use sdcoach::tui::model::Screen;
    use std::time::Duration;

    // The commands read the real clock, so the app does too (in UTC, like the commands here).
    let date = || {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
    };
    let today = date();
    let h = Harness::new(Screen::Launcher(Default::default()));
    let mono = h.clock.now().mono;
    let mut h = h.restart(Now {
        mono,
        wall: jiff::Timestamp::now(),
    });
    assert_eq!(h.model.cards_due, Some(NEW_PER_DAY));
    h.choose(|i| *i == sdcoach::tui::model::LauncherItem::Cards);
    for _ in 0..4 {
        h.press(ratatui::crossterm::event::KeyCode::Char(' '));
        h.press(ratatui::crossterm::event::KeyCode::Char('3'));
    }
    h.press(ratatui::crossterm::event::KeyCode::Char('q'));
    let h = h.restart(Now {
        mono: mono + Duration::from_secs(60),
        wall: jiff::Timestamp::now(),
    });
    let launcher = h.model.cards_due;
    assert_eq!(launcher, Some(NEW_PER_DAY - 4));

    let command = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("SDCOACH_DATA_DIR", h.data_dir())
            .env_remove("SDCOACH_DECKS_DIR")
            .env("XDG_CONFIG_HOME", h.data_dir().join("config"))
            .env("HOME", h.data_dir())
            .env("TZ", "UTC")
            .output()
            .unwrap_or_else(|e| panic!("run {args:?}: {e}"))
    };
    let out = command(&["decks", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let decks = list.as_array().cloned().unwrap_or_default();
    let sum = |field: &str| -> u64 { decks.iter().filter_map(|d| d[field].as_u64()).sum() };
    let out = command(&["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let text = stdout(&command(&["decks", "list"]));
    if date() != today {
        // Midnight passed during the test: the counts are for different days.
        return;
    }
    assert_eq!((sum("due"), sum("new")), (0, NEW_PER_DAY as u64 - 4));
    assert_eq!(stats["cards_due"].as_u64(), launcher.map(|n| n as u64));
    assert!(
        text.contains(
            "6 to review today: 0 due and 6 new (up to 10 new cards a day; 6 left today)"
        ),
        "{text}"
    );
}

#[test]
fn decks_list_counts_cards_and_a_bad_user_deck_only_warns() {
    let dir = tmp();
    let user = dir.path().join("mydecks");
    std::fs::create_dir_all(&user).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        user.join("broken.toml"),
        "id = \"x\"\ntitle = \"X\"\n[[cards]]\nid = \"a\"\nfrnt = \"q\"\nback = \"b\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        user.join("mine.toml"),
        "id = \"mine\"\ntitle = \"Mine\"\n[[cards]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let user_dir = user.display().to_string();
    let out = run(
        dir.path(),
        &["--decks-dir", &user_dir, "decks", "list", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let decks = list.as_array().cloned().unwrap_or_default();
    let total: u64 = decks.iter().filter_map(|d| d["cards"].as_u64()).sum();
    assert!(total >= 81, "{total} cards");
    assert!(
        decks
            .iter()
            .any(|d| d["id"] == "mine" && d["cards"] == 1 && d["title"] == "Mine")
    );
    assert!(
        stderr(&out).contains("broken.toml:5:1: unknown field `frnt`"),
        "{}",
        stderr(&out)
    );

    let broken = user.join("broken.toml").display().to_string();
    let out = run(dir.path(), &["decks", "check", &broken]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("\n{broken}:5:1: unknown field `frnt`")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stats_work_from_an_empty_or_partly_broken_data_dir() {
    let dir = tmp();
    let out = run(dir.path(), &["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("sdcoach practice"),
        "{}",
        stdout(&out)
    );
    // Broken files are left out of the figures, never fatal and never rewritten.
    std::fs::create_dir_all(dir.path().join("drills")).unwrap_or_default();
    std::fs::create_dir_all(dir.path().join("sessions")).unwrap_or_default();
    let bad_drill = dir.path().join("drills/2026-11-01-000000-estimate-1.toml");
    let bad_session = dir.path().join("sessions/2026-11-01-000000-kv.toml");
    std::fs::write(&bad_drill, "score = [").unwrap_or_default();
    std::fs::write(&bad_session, "format = 1\nid = [").unwrap_or_default();
    let out = run(dir.path(), &["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert_eq!(v["stats"]["total_sittings"], 0);
    assert_eq!(v["next"]["kind"], "interview");
    assert_eq!(
        std::fs::read_to_string(&bad_drill).unwrap_or_default(),
        "score = ["
    );
}

/// Escape sequences a file can carry: OSC 0 (window title), OSC 52 (clipboard), CSI (7-bit
/// and the 8-bit 0x9b), and bidi and zero-width characters.
const HOSTILE: &str = "\u{1b}]0;owned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{202E}gpj.exe\u{2066}\u{200B}\u{FEFF}";

/// What must never reach a terminal (listed here, not taken from the sanitiser).
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| {
            matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{7f}' | '\u{61C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{FEFF}')
        })
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

/// `HOSTILE` as it is written inside a TOML string.
fn hostile_toml() -> String {
    common::toml_escaped(HOSTILE)
}

fn assert_output_clean(what: &str, out: &Output) {
    assert_clean(&format!("{what} (stdout)"), &stdout(out));
    assert_clean(&format!("{what} (stderr)"), &stderr(out));
}

/// A problem folder with a good and a broken problem, both with hostile file names; the
/// good one has hostile text in its title, statement, tags and guidance.
fn hostile_problems(root: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = root.join("problems");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let good = dir.join(format!("evil{HOSTILE}.toml"));
    let h = hostile_toml();
    let toml_text = format!(
        "id = \"evil\"\ntitle = \"Evil {h} title\"\ndifficulty = \"easy\"\ntags = [\"t{h}\"]\nstatement = \"Design {h}it.\"\n[steps.apis]\nguidance = \"g{h}\"\n"
    );
    std::fs::write(&good, toml_text).unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.join(format!("bad{HOSTILE}.toml"));
    std::fs::write(&bad, "id = \"bad\"\ntitle = 3\n").unwrap_or_else(|e| panic!("{e}"));
    (good, bad)
}

#[test]
fn problem_files_with_escape_sequences_print_clean_everywhere() {
    let dir = tmp();
    let (good, bad) = hostile_problems(dir.path());
    let problems_dir = dir.path().join("problems").display().to_string();
    let with_dir = |args: &[&str]| {
        let mut all = vec!["--problems-dir", problems_dir.as_str()];
        all.extend_from_slice(args);
        run(dir.path(), &all)
    };

    let out = with_dir(&["problems", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_output_clean("problems list", &out);
    let line = stdout(&out)
        .lines()
        .find(|l| l.starts_with("evil "))
        .unwrap_or_default()
        .to_string();
    // The escapes lose their ESC and BEL; what is left is visible and harmless.
    assert!(
        line.ends_with("Evil ]0;owned]52;c;ZXZpbA==[2J31mgpj.exe title"),
        "{line}"
    );
    assert!(stderr(&out).contains("(file skipped)"), "{}", stderr(&out));

    let out = with_dir(&["problems", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_output_clean("problems list --json", &out);
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let evil = list
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "evil"))
        .cloned()
        .unwrap_or_default();
    // JSON escapes rather than drops: a tool reads back the real file name.
    assert_eq!(evil["file"], good.display().to_string(), "{evil}");

    let out = with_dir(&["problems", "show", "evil"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_output_clean("problems show", &out);
    assert!(stdout(&out).contains("Design ]0;owned"), "{}", stdout(&out));
    let out = with_dir(&["problems", "show", "evil", "--json"]);
    assert_output_clean("problems show --json", &out);
    let shown: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shown["file"], good.display().to_string());

    let (good_arg, bad_arg) = (good.display().to_string(), bad.display().to_string());
    let out = run(dir.path(), &["problems", "check", &good_arg, &bad_arg]);
    assert!(!out.status.success());
    assert_output_clean("problems check", &out);
    assert!(stdout(&out).starts_with("ok "), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("bad]0;owned]52;c;ZXZpbA==[2J31mgpj.exe.toml:2:9: "),
        "{}",
        stderr(&out)
    );
}

/// A saved session whose id (its file name), title and notes carry escape sequences, and
/// an unreadable session file with such a name.
fn hostile_session(data_dir: &Path) -> String {
    use sdcoach::domain::framework::Step;
    let id = format!("2026-01-01-000000-x{HOSTILE}");
    let catalog = sdcoach::store::problems::load_catalog(&[]);
    let problem = catalog
        .get("url-shortener")
        .unwrap_or_else(|| panic!("built-in missing"));
    let mut t = sdcoach::domain::transcript::Transcript::start(
        id.clone(),
        problem,
        jiff::Timestamp::UNIX_EPOCH,
    );
    t.header.title = format!("Title {HOSTILE}");
    t.header.problem_id = format!("p{HOSTILE}");
    t.problem.statement = format!("Statement {HOSTILE}");
    if let Some(r) = t.step_mut(Step::Apis) {
        r.notes = format!("POST /urls {HOSTILE}\nline two");
    }
    t.questions
        .push(sdcoach::domain::transcript::QuestionRecord {
            step: Step::Requirements,
            question: format!("q{HOSTILE}"),
            answer: format!("a{HOSTILE}"),
            matched: None,
        });
    sdcoach::store::Store::new(data_dir.to_path_buf())
        .save(&t)
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        data_dir.join(format!("sessions/2026-01-02-000000-y{HOSTILE}.toml")),
        format!("garbage = [ # {HOSTILE}"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    id
}

#[test]
fn sessions_with_escape_sequences_list_and_export_clean() {
    let dir = tmp();
    let id = hostile_session(dir.path());

    let out = run(dir.path(), &["sessions", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_output_clean("sessions list", &out);
    assert!(
        stdout(&out).contains("Title ]0;owned]52;c;ZXZpbA==[2J31mgpj.exe"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("unreadable"), "{}", stdout(&out));

    let out = run(dir.path(), &["sessions", "list", "--json"]);
    assert_output_clean("sessions list --json", &out);
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list[1]["id"], id.as_str(), "ids are escaped, not changed");
    assert_eq!(list[1]["title"], format!("Title {HOSTILE}"));

    let out = run(dir.path(), &["sessions", "export", &id, "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_output_clean("sessions export --format md", &out);
    let md = stdout(&out);
    assert!(
        md.starts_with("# Title ]0;owned]52;c;ZXZpbA==[2J31mgpj.exe: practice session\n"),
        "{md}"
    );
    assert!(md.contains("POST /urls ]0;owned"), "{md}");
    assert!(md.contains("\nline two"), "{md}");

    let out = run(dir.path(), &["sessions", "export", &id, "--format", "json"]);
    assert_output_clean("sessions export --format json", &out);
    let t: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t["title"], format!("Title {HOSTILE}"));

    let out = run(dir.path(), &["sessions", "export", &id, "--format", "toml"]);
    assert_output_clean("sessions export --format toml", &out);
    let t = sdcoach::domain::transcript::parse(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}\n{}", stdout(&out)));
    assert_eq!(t.header.title, format!("Title {HOSTILE}"), "exported whole");
    assert_eq!(t.questions[0].answer, format!("a{HOSTILE}"));

    // Errors name the file: they are sanitised too.
    let broken = format!("2026-01-02-000000-y{HOSTILE}");
    let out = run(dir.path(), &["sessions", "export", &broken]);
    assert!(!out.status.success());
    assert_output_clean("sessions export (unreadable)", &out);
    assert!(
        stderr(&out).contains("y]0;owned]52;c;ZXZpbA==[2J31mgpj.exe.toml:1:15: "),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["sessions", "delete", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_output_clean("sessions delete", &out);
}

#[test]
fn decks_and_calc_scripts_with_escape_sequences_print_clean() {
    let dir = tmp();
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        decks.join(format!("d{HOSTILE}.toml")),
        format!("id = \"mine\"\ntitle = \"Mine {}\"\n[[cards]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n",
            hostile_toml()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(decks.join(format!("e{HOSTILE}.toml")), "id = [")
        .unwrap_or_else(|e| panic!("{e}"));
    let decks_dir = decks.display().to_string();
    for args in [
        vec!["--decks-dir", &decks_dir, "decks", "list"],
        vec!["--decks-dir", &decks_dir, "decks", "list", "--json"],
    ] {
        let out = run(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_output_clean("decks list", &out);
        assert!(stdout(&out).contains("Mine ]0;owned"), "{}", stdout(&out));
    }
    let files: Vec<String> = ["d", "e"]
        .iter()
        .map(|n| {
            decks
                .join(format!("{n}{HOSTILE}.toml"))
                .display()
                .to_string()
        })
        .collect();
    let out = run(dir.path(), &["decks", "check", &files[0], &files[1]]);
    assert_output_clean("decks check", &out);
    assert!(stdout(&out).starts_with("ok "), "{}", stdout(&out));

    let out = calc_script(dir.path(), &format!("2 + x{HOSTILE}\n"));
    assert_eq!(out.status.code(), Some(2));
    assert_output_clean("calc script", &out);
    let out = run(dir.path(), &["calc", &format!("2 + x{HOSTILE}")]);
    assert_output_clean("calc", &out);
    assert!(
        stderr(&out).contains("\n  2 + x]0;owned"),
        "{}",
        stderr(&out)
    );
}

/// `sdcoach problems check` with no file checks what sdcoach would load: the built-ins,
/// `--problems-dir` and the config dir's `problems/`, each file with all its errors.
#[test]
fn problems_check_with_no_file_checks_every_problem_sdcoach_loads() {
    let dir = tmp();
    // Nothing of the user's: every built-in passes.
    let out = run(dir.path(), &["problems", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ok = stdout(&out);
    for id in ["url-shortener", "twitter", "leaderboard"] {
        assert!(
            ok.contains(&format!("ok problems/{id}.toml ({id})")),
            "{id}\n{ok}"
        );
    }
    assert_eq!(
        ok.lines().count(),
        sdcoach::store::problems::BUILTIN.len(),
        "{ok}"
    );

    // The config dir's problems/ and --problems-dir are both checked.
    let config_problems = dir.path().join("config/sdcoach/problems");
    let named = dir.path().join("named");
    for d in [&config_problems, &named] {
        std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("{e}"));
    }
    let good = "id = \"mine\"\ntitle = \"Mine\"\ndifficulty = \"easy\"\nstatement = \"s\"\n";
    std::fs::write(config_problems.join("mine.toml"), good).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        config_problems.join("typo.toml"),
        "id = \"typo\"\ntitle = \"T\"\ndifficulty = \"hard\"\nstatment = \"s\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Reusing a built-in id: loading would skip it, so the check says so.
    std::fs::write(
        named.join("twitter.toml"),
        good.replace("\"mine\"", "\"twitter\""),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let named_dir = named.display().to_string();
    let out = run(
        dir.path(),
        &["--problems-dir", &named_dir, "problems", "check"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let typo = config_problems.join("typo.toml").display().to_string();
    let twin = named.join("twitter.toml").display().to_string();
    for line in [
        format!("{typo}:1:1: missing field `statement`"),
        format!("{typo}:4:1: unknown field `statment`, expected one of"),
        format!("{twin}:1:6: duplicate id \"twitter\": already defined in problems/twitter.toml"),
        format!(
            "3 error(s) in {} file(s) checked",
            sdcoach::store::problems::BUILTIN.len() + 3
        ),
    ] {
        assert!(err.lines().any(|l| l.starts_with(&line)), "{line}\n{err}");
    }
    let mine = config_problems.join("mine.toml").display().to_string();
    assert!(
        stdout(&out).contains(&format!("ok {mine} (mine)")),
        "{}",
        stdout(&out)
    );

    // A named folder that is not there is an error too, as it is when loading.
    let out = run(
        dir.path(),
        &["--problems-dir", "/no/such/folder", "problems", "check"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/folder:1:1: cannot read"),
        "{}",
        stderr(&out)
    );
}

/// One run reports every error of a file, each where it is: an unknown key, a bad
/// difficulty, a wrong type, and an estimate whose expression does not evaluate, at the
/// offending word inside the `expr` string.
#[test]
fn problems_check_reports_every_error_in_a_file_each_where_it_is() {
    let dir = tmp();
    let file = fixture("many-errors.toml");
    let out = run(dir.path(), &["problems", "check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    let expected = [
        "3:1: unknown field `colour`, expected one of `id`, `title`, `difficulty`, `tags`, `statement`, `steps`, `clarifications`, `estimates`, `curveballs`, `concepts`, `sheet`, `structure`",
        "4:14: unknown difficulty \"brutal\": use \"easy\", \"medium\" or \"hard\"",
        "6:8: invalid type: string \"caching\", expected a sequence",
        "9:11: invalid type: string \"ten\", expected i64",
        "14:22: estimate `writes`: expr \"100M / day * furlongs\" does not evaluate: column 14: unknown unit or variable 'furlongs'",
    ];
    assert_eq!(lines.len(), expected.len() + 1, "{err}");
    for (line, want) in lines.iter().zip(expected) {
        assert_eq!(*line, format!("{file}:{want}"));
    }
    assert_eq!(lines.last(), Some(&"5 error(s) in 1 file(s) checked"));
}

fn deck_fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/bad-decks/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn decks_check_reports_every_error_in_a_file_and_with_no_file_checks_every_deck() {
    let dir = tmp();
    let file = deck_fixture("many-errors.toml");
    let out = run(dir.path(), &["decks", "check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for want in [
        "1:6: invalid deck id \"Bad Deck\": use lowercase letters, digits and '-'",
        "3:1: unknown field `colour`, expected one of `id`, `title`, `description`, `cards`",
        "8:1: unknown field `bak`, expected one of `id`, `front`, `back`, `tags`",
        "13:8: invalid type: integer `3`, expected a string",
    ] {
        assert!(
            err.lines().any(|l| l == format!("{file}:{want}")),
            "{want}\n{err}"
        );
    }
    // The cards that did not read are not also "no cards at all".
    assert!(!err.contains("at least one [[cards]]"), "{err}");

    // No file: the built-in decks pass, and the user's folders are checked.
    let out = run(dir.path(), &["decks", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        sdcoach::store::decks::BUILTIN.len(),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("ok decks/fundamentals.toml (fundamentals, "),
        "{}",
        stdout(&out)
    );
    let config_decks = dir.path().join("config/sdcoach/decks");
    std::fs::create_dir_all(&config_decks).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(&file, config_decks.join("bad.toml")).unwrap_or_else(|e| panic!("{e}"));
    let out = run(dir.path(), &["decks", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let bad = config_decks.join("bad.toml").display().to_string();
    assert!(
        stderr(&out).contains(&format!("{bad}:3:1: unknown field `colour`")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn man_prints_a_roff_page_with_the_commands_and_options() {
    let dir = tmp();
    let out = run(dir.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains("\n.TH sdcoach 1"), "{page}");
    for word in [
        ".SH COMMANDS",
        "sdcoach practice",
        "sdcoach config check",
        "sdcoach problems check",
        "\\-\\-problems\\-dir",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(word), "{word}\n{page}");
    }
    // Printing did not change it (the output is sanitised; roff is plain text).
    assert!(!page.contains('\u{1b}'));
}

#[test]
fn help_shows_the_most_used_keys_and_the_exit_statuses() {
    let dir = tmp();
    let out = run(dir.path(), &["--help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let help = stdout(&out);
    for line in [
        "Keys in a session",
        "  c (Ctrl-L)",
        "  e ",
        "Exit status:",
        "  128+n ",
    ] {
        assert!(help.contains(line), "{line:?}\n{help}");
    }
    // The keys named are the table's: the summary is made from it.
    let map = sdcoach::tui::keymap::Keymap::default();
    use sdcoach::tui::keymap::{Cmd, Ctx};
    let end = map.keys_for(Ctx::Practice, Cmd::EndInterview);
    assert!(
        help.lines()
            .any(|l| l.starts_with(&format!("  {end} ")) && l.contains("end the interview")),
        "{help}"
    );
    // Only the top level: a command's help stays its own.
    let out = run(dir.path(), &["problems", "--help"]);
    assert!(!stdout(&out).contains("Exit status:"), "{}", stdout(&out));
}

/// The install lines in the README work: each shell's script comes out whole, and a
/// reader that goes away early (`| head`) is an error, not a panic.
#[test]
fn completions_print_each_shell_s_script_and_survive_a_closed_pipe() {
    let dir = tmp();
    for (shell, start) in [
        ("bash", "_sdcoach() {"),
        ("zsh", "#compdef sdcoach"),
        ("fish", "# Print an optspec"),
    ] {
        let out = run(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        assert!(stdout(&out).starts_with(start), "{shell}");
        assert!(stdout(&out).contains("problems"), "{shell}");
    }
    // The bash script is larger than a pipe holds, so with the reader gone the write
    // fails for certain.
    let mut child = Command::new(BIN)
        .args(["completions", "bash"])
        .env("SDCOACH_DATA_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("HOME", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
