//! The non-interactive commands, run as a user would run them.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sdcoach");

fn run(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("SDCOACH_DATA_DIR", data_dir)
        .env_remove("SDCOACH_PROBLEMS_DIR")
        // Keep the user's own config folder (and its problems) out of the tests.
        .env("XDG_CONFIG_HOME", data_dir.join("config"))
        .env("HOME", data_dir)
        .output()
        .unwrap_or_else(|e| panic!("run {args:?}: {e}"))
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

/// Each broken problem file and the one message it must produce.
const BAD_PROBLEMS: &[(&str, &str)] = &[
    (
        "unknown-key.toml",
        "3:1: unknown field `dificulty`, expected one of `id`, `title`, `difficulty`, `tags`, `statement`, `steps`, `clarifications`, `estimates`, `curveballs`, `concepts`",
    ),
    ("missing-statement.toml", "1:1: missing field `statement`"),
    (
        "bad-figure.toml",
        "9:10: figure \"40 furlongs\" is not a value: column 4: unknown unit or variable 'furlongs'",
    ),
    (
        "empty-group.toml",
        "7:9: steps.apis.rubric point needs `all` (phrases separated by |) with no empty entry",
    ),
    (
        "wrong-type.toml",
        "3:14: invalid type: integer `3`, expected a string",
    ),
    (
        "bad-difficulty.toml",
        "3:14: unknown difficulty \"brutal\": use \"easy\", \"medium\" or \"hard\"",
    ),
    (
        "invalid-toml.toml",
        "2:11: invalid basic string, expected `\"`",
    ),
    (
        "empty.toml",
        "1:1: empty file: a problem needs at least id, title, difficulty and statement",
    ),
    (
        "invalid-utf8.toml",
        "2:13: invalid UTF-8: files must be UTF-8 text",
    ),
    (
        "bad-minutes.toml",
        "7:11: steps.capacity.minutes is 0: use a whole number of minutes from 1 to 120",
    ),
    (
        "unknown-step.toml",
        "6:8: unknown field `estimates`, expected one of `requirements`, `capacity`, `apis`, `data_model`, `architecture`, `bottlenecks`",
    ),
    (
        "bad-id.toml",
        "1:6: invalid id \"Not OK\": use lowercase letters, digits and '-'",
    ),
    (
        "builtin-id.toml",
        "1:6: id \"twitter\" is taken by the built-in problem problems/twitter.toml; choose another id",
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
    for (name, message) in BAD_PROBLEMS {
        let file = fixture(name);
        let out = run(dir.path(), &["problems", "check", &file]);
        assert!(!out.status.success(), "{name} passed the check");
        let first = stderr(&out).lines().next().unwrap_or_default().to_string();
        assert_eq!(first, format!("{file}:{message}"), "{name}");
    }
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
    let files: Vec<String> = ["url-shortener", "instagram", "twitter"]
        .iter()
        .map(|id| format!("{root}/problems/{id}.toml"))
        .collect();
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
        stderr(&out).contains("unreadable session"),
        "{}",
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
    use std::io::Write;
    let dir = tmp();
    let long = "1 + ".repeat(25_000) + "1";
    let refusal = "column 4097: this is 100,001 characters; an expression can be at most 4,096";
    let out = run(dir.path(), &["calc", &long]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("error: {refusal}\n"));
    assert_eq!(stdout(&out), "");

    // In a script that line is refused and the others still run.
    let mut child = Command::new(BIN)
        .arg("calc")
        .env("SDCOACH_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(format!("1 + 1\n{long}\n2 * 3\n").as_bytes());
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stdout(&out), "2\n6\n");
    assert_eq!(stderr(&out), format!("line 2: {refusal}\n"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn calc_reads_a_script_on_stdin_with_variables() {
    use std::io::Write;
    let dir = tmp();
    let mut child = Command::new(BIN)
        .arg("calc")
        .env("SDCOACH_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let script = "# Instagram\ndau = 500M\nuploads = dau * 2\n\nuploads / day\nuploads * 2 MB\nans * 365 * 5 to EB\nnonsense +\n";
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(script.as_bytes());
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
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
        stderr(&out).starts_with(&format!("{broken}:5:1: unknown field `frnt`")),
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
