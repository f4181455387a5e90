//! A second opinion from the user's reviewer command (`sessions prompt`, `sessions
//! review-with`), run as a user would run it, against fake reviewers written by the tests:
//! one that answers, one that streams slowly, one that fails, one that hangs, one that
//! writes bytes that are not UTF-8 and one that writes 50 MB.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::alive;
use sdcoach::calc::Calculator;
use sdcoach::domain::framework::Step;
use sdcoach::domain::scoring::{Overrides, score};
use sdcoach::domain::transcript::{CalcEntry, QuestionRecord, Status, Transcript};
use sdcoach::store::Store;
use sdcoach::store::problems::load_catalog;

const BIN: &str = env!("CARGO_BIN_EXE_sdcoach");
const ID: &str = "2026-11-28-100000-url-shortener";

/// A home of its own: data, config and HOME in a temp dir, nothing from the user's
/// environment.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("{e}")),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    fn store(&self) -> Store {
        Store::new(self.data())
    }

    fn session_file(&self) -> PathBuf {
        self.store().path_of(ID)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env("SDCOACH_DATA_DIR", self.data())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("HOME", self.path())
            .env("TZ", "UTC")
            .env_remove("SDCOACH_CONFIG")
            .env_remove("SDCOACH_REVIEWER")
            .env_remove("SDCOACH_PROBLEMS_DIR")
            .env_remove("SDCOACH_DECKS_DIR");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .output()
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// A fake reviewer: `body` as a shell script; returns the command line that runs it.
    fn reviewer(&self, name: &str, body: &str) -> String {
        let path = self.path().join(format!("{name}.sh"));
        std::fs::write(&path, body).unwrap_or_else(|e| panic!("{e}"));
        format!("sh '{}'", path.display())
    }

    fn config(&self, text: &str) {
        let dir = self.path().join("config/sdcoach");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("config.toml"), text).unwrap_or_else(|e| panic!("{e}"));
    }

    fn saved(&self) -> Transcript {
        self.store().load(ID).unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn file_text(&self) -> String {
        std::fs::read_to_string(self.session_file()).unwrap_or_else(|e| panic!("{e}"))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A finished URL-shortener interview with something in every part of the prompt:
/// notes in each step (a diagram in the architecture), time over and under budget,
/// questions, calculator work, the capacity sheet, and the scorecard.
fn finished_session(home: &Home, status: Status) -> Transcript {
    let catalog = load_catalog(&[]);
    let problem = catalog
        .get("url-shortener")
        .unwrap_or_else(|| panic!("built-in missing"));
    let start = jiff::Timestamp::from_second(1_795_860_000).unwrap_or_else(|e| panic!("{e}"));
    let mut t = Transcript::start(ID.into(), problem, start);
    let notes = [
        (
            Step::Requirements,
            270_000,
            "Functional: shorten a long URL, redirect GET /{code}; custom alias optional, \
             expiry optional with a default of 5 years.\nRead-heavy: 100 redirects per create.",
        ),
        (
            Step::Capacity,
            420_000,
            "100M links a month = 39 creates/s; 3.9K redirects/s.\n6B links in 5 years, 3 TB.",
        ),
        (
            Step::Apis,
            200_000,
            "POST /api/v1/links {long_url, alias?} -> 201 {code}\nGET /{code} -> 302",
        ),
        (
            Step::DataModel,
            200_000,
            "links(code PK, long_url, created_at, expires_at) in a KV store",
        ),
        (
            Step::Architecture,
            800_000,
            "client -> lb -> api\napi -> cache\napi -> db\n\nRedis cache in front of the KV store",
        ),
        (
            Step::Bottlenecks,
            100_000,
            "Hot links: cache them at the edge.",
        ),
    ];
    for (step, spent, text) in notes {
        if let Some(r) = t.step_mut(step) {
            r.notes = text.into();
            r.spent_ms = spent;
            r.visits = 1;
        }
    }
    if let Some(r) = t.step_mut(Step::Capacity) {
        r.hints_used = 1;
    }
    t.header.elapsed_ms = notes.iter().map(|(_, spent, _)| spent).sum();
    let question = "How many redirects do we serve for each link created?";
    let matched = problem.clarification_for(question);
    t.questions.push(QuestionRecord {
        step: Step::Requirements,
        question: question.into(),
        answer: matched.map_or("no answer".into(), |c| c.answer.clone()),
        matched: matched.map(|c| c.question.clone()),
    });
    let mut calc = Calculator::new();
    for input in ["cr = 100M / month", "cr to /s"] {
        let o = calc.eval(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let (value, unit) = o.value_in_unit();
        t.calc.push(CalcEntry {
            step: Step::Capacity,
            input: input.into(),
            display: o.display.clone(),
            value,
            unit,
            variable: o.assigned.clone(),
        });
    }
    t.sheet.insert("daily_active_users".into(), "100M".into());
    if status == Status::Complete {
        t.header.status = Status::Complete;
        t.header.ended_at = Some(start);
        let card = score(&t, problem, &Overrides::new());
        t.set_scorecard(Some(card));
    }
    home.store().save(&t).unwrap_or_else(|e| panic!("{e:#}"));
    t
}

#[test]
fn the_prompt_has_every_part_and_is_what_the_reviewer_gets() {
    let home = Home::new();
    let t = finished_session(&home, Status::Complete);
    let out = home.run(&["sessions", "prompt", "latest"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let prompt = text(&out.stdout);
    std::fs::write("/tmp/sdcoach-prompt-preview.md", &prompt).ok();
    let card = t
        .scorecard
        .as_ref()
        .unwrap_or_else(|| panic!("no scorecard"));
    let covered = card
        .points()
        .find(|(_, p)| p.covered() && p.evidence.is_some())
        .unwrap_or_else(|| panic!("nothing covered"));
    let missed = card
        .points()
        .find(|(_, p)| !p.covered())
        .unwrap_or_else(|| panic!("nothing missed"));
    let parts = [
        // The problem.
        "A mock interview on \"URL shortener\" (easy), 33:10 of 45:00 used.",
        "> Let's design a URL shortening service",
        // Notes and diagrams, step by step, with time against budget.
        "### 1. Requirements (04:30 spent of 05:00: within budget)",
        "### 2. Capacity estimates (07:00 spent of 05:00: +02:00 over)",
        "Visited once; 1 hint taken.",
        "custom alias optional, expiry optional",
        "client -> lb -> api",
        "Diagram 1 (notes line 1) as Mermaid:\n\n```mermaid\nflowchart",
        // Questions and answers.
        "- During Requirements: \"How many redirects do we serve for each link created?\"",
        "Answer: About 100 redirects for every link created",
        // Calculator work and the sheet.
        "- In Capacity estimates: `cr = 100M / month` =",
        "- Daily active users: 100M",
        // sdcoach's scorecard: score, covered and missed points with evidence, estimates.
        &format!("## Scorecard: {}/100", card.score),
        &format!("- [x] {}", covered.1.point),
        &format!("- [ ] {}", missed.1.point),
        &covered.1.evidence_note(covered.0).unwrap_or_default(),
        "| New links per second | 38.6 /s |",
        // The rubric and the reference notes, per step.
        "- Scopes v1 to shorten and redirect, with optional custom aliases and link expiry (weight 2",
        "Reference notes:\n\n```text\n- Functional: create a short link for a long URL",
        "Reference architecture:\n\n```mermaid\n",
        // How to judge.
        "senior engineer",
        "**Strong:**",
        "**Missing:**",
        "**Next time:**",
        "**Hire**, **Lean hire** or **No hire**",
    ];
    for part in parts {
        assert!(prompt.contains(part), "missing {part:?} in\n{prompt}");
    }
    assert!(!prompt.contains("{{"), "{prompt}");

    // The command gets exactly those bytes on its stdin.
    let got = home.path().join("got");
    let reviewer = home.reviewer(
        "copy",
        &format!("cat > '{}'\necho 'Lean hire.'\n", got.display()),
    );
    let out = home
        .command(&["sessions", "review-with", ID])
        .env("SDCOACH_REVIEWER", &reviewer)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&got).unwrap_or_default(),
        prompt,
        "the reviewer got what `sessions prompt` printed"
    );
}

#[test]
fn a_normal_answer_is_printed_kept_and_exported_in_every_format() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    // The flag wins over the config's command (which would leave a mark).
    let wrong = home.path().join("wrong-reviewer-ran");
    let configured = home.reviewer("configured", &format!("touch '{}'\n", wrong.display()));
    home.config(&format!(
        "[reviewer]\ncommand = \"{}\"\n",
        configured.replace('\\', "\\\\").replace('"', "\\\"")
    ));
    let answer =
        "## Requirements\n**Strong:** asked about the read ratio.\n\n**Verdict:** Lean hire\n";
    let reviewer = home.reviewer(
        "normal",
        &format!("cat >/dev/null\nprintf '%s' '{answer}'\n"),
    );
    let out = home.run(&["sessions", "review-with", "latest", "--reviewer", &reviewer]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!wrong.exists(), "the configured reviewer ran");
    assert_eq!(text(&out.stdout), answer);
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("Kept with session {ID} (second opinion 1)")),
        "{err}"
    );

    let saved = home.saved();
    assert_eq!(saved.reviews.len(), 1);
    let r = &saved.reviews[0];
    assert_eq!(r.text, answer);
    assert_eq!(r.command, reviewer);
    assert_eq!(r.exit_status, Some(0));
    assert!(!r.cut && !r.lossy);

    let md = text(&home.run(&["sessions", "export", ID]).stdout);
    assert!(
        md.contains("## Second opinions\n\n### 1. From `sh '"),
        "{md}"
    );
    assert!(
        md.contains("> **Strong:** asked about the read ratio.\n>\n> **Verdict:** Lean hire\n"),
        "{md}"
    );
    let json = home.run(&["sessions", "export", ID, "--format", "json"]);
    let value: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["reviews"][0]["text"], answer);
    assert_eq!(value["reviews"][0]["exit_status"], 0);
    let toml_text = text(
        &home
            .run(&["sessions", "export", ID, "--format", "toml"])
            .stdout,
    );
    let back = sdcoach::domain::transcript::parse(&toml_text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.reviews, saved.reviews);

    // A second one is kept after the first.
    let out = home.run(&[
        "sessions",
        "review-with",
        ID,
        "--reviewer",
        "echo 'No hire.'",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let texts: Vec<String> = home.saved().reviews.into_iter().map(|r| r.text).collect();
    assert_eq!(texts, [answer, "No hire.\n"]);
}

#[test]
fn a_slow_answer_reaches_stdout_as_it_arrives() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let done = home.path().join("done");
    let reviewer = home.reviewer(
        "slow",
        &format!(
            "cat >/dev/null\necho 'first line'\nsleep 2\necho 'second line'\nsleep 1\n\
             touch '{}'\necho 'last line'\n",
            done.display()
        ),
    );
    let mut child = home
        .command(&["sessions", "review-with", ID])
        .env("SDCOACH_REVIEWER", &reviewer)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut lines = BufReader::new(stdout);
    let mut first = String::new();
    lines
        .read_line(&mut first)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, "first line\n");
    assert!(
        !done.exists(),
        "the first line came only after the reviewer finished"
    );
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut lines, &mut rest).unwrap_or_else(|e| panic!("{e}"));
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    assert_eq!(rest, "second line\nlast line\n");
    assert_eq!(
        home.saved().reviews[0].text,
        "first line\nsecond line\nlast line\n"
    );
}

#[test]
fn a_failing_reviewer_shows_its_stderr_and_nothing_is_saved() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let before = home.file_text();
    let reviewer = home.reviewer(
        "fails",
        "cat >/dev/null\necho 'half an answer'\necho 'model llama9 not found' >&2\nexit 3\n",
    );
    let out = home.run(&["sessions", "review-with", ID, "--reviewer", &reviewer]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "error: the reviewer exited with status 3; it said on stderr:\nmodel llama9 not found"
        ),
        "{err}"
    );
    assert!(err.contains("Nothing was saved."), "{err}");
    assert_eq!(home.file_text(), before);

    // Nothing at all is an error too.
    let silent = home.reviewer("silent", "cat >/dev/null\nprintf '\\n  \\n'\n");
    let out = home.run(&["sessions", "review-with", ID, "--reviewer", &silent]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("the reviewer said nothing"),
        "{}",
        text(&out.stderr)
    );
    // So is a command that is not there.
    let out = home.run(&[
        "sessions",
        "review-with",
        ID,
        "--reviewer",
        "no-such-reviewer-here",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("status 127"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(home.file_text(), before);
}

#[test]
fn a_hanging_reviewer_is_stopped_at_the_configured_timeout_with_what_it_started() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let before = home.file_text();
    let pid_file = home.path().join("pid");
    let reviewer = home.reviewer(
        "hangs",
        &format!(
            "cat >/dev/null\necho 'thinking...'\nsleep 60 &\necho $! > '{}'\nwait\n",
            pid_file.display()
        ),
    );
    home.config(&format!(
        "[reviewer]\ncommand = \"{}\"\ntimeout_seconds = 1\n",
        reviewer.replace('\\', "\\\\").replace('"', "\\\"")
    ));
    let started = Instant::now();
    let out = home.run(&["sessions", "review-with", ID]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("took longer than 1s and was stopped"), "{err}");
    assert_eq!(text(&out.stdout), "thinking...\n");
    assert_eq!(home.file_text(), before);
    let pid = std::fs::read_to_string(&pid_file).unwrap_or_default();
    let gone_by = Instant::now() + Duration::from_secs(5);
    while alive(&pid) && Instant::now() < gone_by {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !alive(&pid),
        "the reviewer's own child {pid} outlived the timeout"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_replaced_and_said() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let reviewer = home.reviewer("latin1", "cat >/dev/null\nprintf 'caf\\351 au lait\\n'\n");
    let out = home.run(&["sessions", "review-with", ID, "--reviewer", &reviewer]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "caf\u{FFFD} au lait\n");
    assert!(
        text(&out.stderr).contains("note: Some of the answer was not UTF-8"),
        "{}",
        text(&out.stderr)
    );
    let r = &home.saved().reviews[0];
    assert_eq!(r.text, "caf\u{FFFD} au lait\n");
    assert!(r.lossy);
}

#[test]
fn fifty_megabytes_are_cut_at_the_cap_without_blowing_up() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let reviewer = home.reviewer(
        "huge",
        "cat >/dev/null\nyes 'a long line of a very long review' | head -c 52428800\n",
    );
    let started = Instant::now();
    let out = home.run(&["sessions", "review-with", ID, "--reviewer", &reviewer]);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cap = sdcoach::reviewer::MAX_OUTPUT;
    // The cap, and a newline to end the cut line.
    assert_eq!(out.stdout.len(), cap + 1);
    assert!(
        text(&out.stderr).contains("note: The answer went on past 1 MB and was cut there."),
        "{}",
        text(&out.stderr)
    );
    let r = &home.saved().reviews[0];
    assert_eq!(r.text.len(), cap);
    assert!(r.cut);
    assert_eq!(r.exit_status, None);
    let size = std::fs::metadata(home.session_file())
        .map(|m| m.len())
        .unwrap_or(0);
    assert!(size < 2 * cap as u64, "{size}");
}

#[test]
fn without_a_reviewer_nothing_is_sent_and_the_way_to_set_one_is_said() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let before = home.file_text();
    let out = home.run(&["sessions", "review-with", ID]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for part in [
        "No reviewer is set up, so nothing was sent anywhere.",
        "[reviewer] command =",
        "SDCOACH_REVIEWER=",
        "--reviewer CMD",
    ] {
        assert!(err.contains(part), "{part:?} not in {err}");
    }
    // An empty variable names no reviewer either.
    let out = home
        .command(&["sessions", "review-with", ID])
        .env("SDCOACH_REVIEWER", "")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("No reviewer is set up"));
    assert_eq!(home.file_text(), before);
}

#[test]
fn an_unfinished_session_or_one_open_elsewhere_is_never_sent_or_written() {
    let home = Home::new();
    finished_session(&home, Status::InProgress);
    let ran = home.path().join("ran");
    let reviewer = home.reviewer("marks", &format!("touch '{}'\necho hi\n", ran.display()));
    let before = home.file_text();
    for args in [
        vec!["sessions", "review-with", ID, "--reviewer", &reviewer],
        vec!["sessions", "prompt", ID],
    ] {
        let out = home.run(&args);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!("session {ID} is not finished")),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    assert!(!ran.exists());
    assert_eq!(home.file_text(), before);

    finished_session(&home, Status::Complete);
    let before = home.file_text();
    let lock = home.store().lock(ID).unwrap_or_else(|e| panic!("{e}"));
    let out = home.run(&["sessions", "review-with", ID, "--reviewer", &reviewer]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("is open in another sdcoach window"), "{err}");
    assert!(err.contains("nothing was sent"), "{err}");
    assert!(!ran.exists());
    assert_eq!(home.file_text(), before);
    drop(lock);
}

#[test]
fn a_saved_review_survives_a_kill_9_of_the_next_one() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let out = home.run(&[
        "sessions",
        "review-with",
        ID,
        "--reviewer",
        "echo 'Hire: kept.'",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The next one is killed, hard, while its reviewer is still thinking.
    let pid_file = home.path().join("pgid");
    // Written out, not in a script, so `$$` is the shell sdcoach started: the leader of
    // the reviewer's process group.
    let reviewer = format!(
        "echo $$ > '{}'; echo 'partial'; sleep 30",
        pid_file.display()
    );
    let mut child = home
        .command(&["sessions", "review-with", ID, "--reviewer", &reviewer])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    while !pid_file.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    // SIGKILL, as `kill -9` sends.
    let _ = child.kill();
    let _ = child.wait();
    // Its reviewer, now an orphan, leads its own process group: end that group.
    let pgid = std::fs::read_to_string(&pid_file).unwrap_or_default();
    if !pgid.trim().is_empty() {
        let ended = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", pgid.trim())])
            .status();
        assert!(ended.is_ok_and(|s| s.success()), "no reviewer group {pgid}");
    }

    let saved = home.saved();
    assert_eq!(saved.reviews.len(), 1);
    assert_eq!(saved.reviews[0].text, "Hire: kept.\n");
    let md = text(&home.run(&["sessions", "export", ID]).stdout);
    assert!(
        md.contains("## Second opinions") && md.contains("> Hire: kept."),
        "{md}"
    );
    let json = text(
        &home
            .run(&["sessions", "export", ID, "--format", "json"])
            .stdout,
    );
    assert!(json.contains("\"text\": \"Hire: kept.\\n\""), "{json}");
    let toml_text = text(
        &home
            .run(&["sessions", "export", ID, "--format", "toml"])
            .stdout,
    );
    assert!(
        toml_text.contains("[[reviews]]") && toml_text.contains("Hire: kept."),
        "{toml_text}"
    );

    // The kill left no lock behind: the next one is kept beside the first.
    let out = home.run(&[
        "sessions",
        "review-with",
        ID,
        "--reviewer",
        "echo 'Lean hire.'",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(home.saved().reviews.len(), 2);
}

#[test]
fn the_users_own_template_is_used_and_unknown_placeholders_are_named() {
    let home = Home::new();
    finished_session(&home, Status::Complete);
    let dir = home.path().join("config/sdcoach");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("reviewer.md"),
        "Judge {{title}} ({{difficulty}}) as a bar raiser. {{bogus}}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = home.run(&["sessions", "prompt", ID]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "Judge URL shortener (easy) as a bar raiser. {{bogus}}\n"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("reviewer.md has {{bogus}} that sdcoach does not fill in"),
        "{err}"
    );

    // One that does not read: the built-in template, and why.
    std::fs::write(dir.join("reviewer.md"), b"\xff\xfe").unwrap_or_else(|e| panic!("{e}"));
    let out = home.run(&["sessions", "prompt", ID]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("senior engineer"));
    assert!(
        text(&out.stderr).contains("the built-in template is used"),
        "{}",
        text(&out.stderr)
    );
}
