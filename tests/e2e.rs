//! The real binary in a pseudo-terminal: type, switch steps, quit, export; kill -9 and
//! resume; SIGTERM saves. Screens are read back through a vt100 emulator.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use sdcoach::tui::keymap::{Cmd, Ctx};

#[path = "pty_keys/mod.rs"]
mod pty_keys;

const BIN: &str = env!("CARGO_BIN_EXE_sdcoach");
/// Generous: CI machines are slow and busy; waits end as soon as the condition holds.
const PATIENCE: Duration = Duration::from_secs(20);

struct App {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _pair: portable_pty::PtyPair,
}

impl App {
    fn spawn(data_dir: &Path, args: &[&str]) -> App {
        App::spawn_with(data_dir, args, &[])
    }

    /// [`App::spawn`] with extra environment variables.
    fn spawn_with(data_dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> App {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 110,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|e| panic!("openpty: {e}"));
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("SDCOACH_DATA_DIR", data_dir);
        // Keep the user's own config folder (problems, decks) out of the tests.
        cmd.env("XDG_CONFIG_HOME", data_dir.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("VISUAL");
        cmd.env_remove("SDCOACH_CONFIG");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        let mut reader = pair
            .master
            .try_clone_reader()
            .unwrap_or_else(|e| panic!("reader: {e}"));
        let writer = pair
            .master
            .take_writer()
            .unwrap_or_else(|e| panic!("writer: {e}"));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::MIN.saturating_add(29),
            NonZeroU16::MIN.saturating_add(109),
            0,
        )));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = sink.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        App {
            child,
            writer,
            screen,
            _pair: pair,
        }
    }

    fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {text:?}; screen:\n{}",
            self.contents()
        );
    }

    /// Send keys, then pause so an Esc is not read as the start of an Alt sequence.
    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .unwrap_or_else(|e| panic!("write: {e}"));
        let _ = self.writer.flush();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap_or_else(|| panic!("no pid"))
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("app did not exit; screen:\n{}", self.contents());
    }

    fn alternate_screen(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }
}

fn sdcoach(data_dir: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("SDCOACH_DATA_DIR", data_dir)
        .env("XDG_CONFIG_HOME", data_dir.join("config"))
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn session_text(data_dir: &Path) -> String {
    std::fs::read_dir(data_dir.join("sessions"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect()
}

fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting until {what}");
}

#[test]
fn type_in_two_steps_quit_then_export_finds_the_text() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "url-shortener"]);
    app.wait_for("1 · Requirements");
    app.send("Custom aliases, 日本語 too");
    app.send("\x1b");
    app.send("\t");
    app.wait_for("2 · Capacity estimates");
    app.send("i");
    app.send("40 writes per second");
    app.wait_for("40 writes per second");
    app.send("\x1b");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(
        !app.alternate_screen(),
        "terminal left in the alternate screen"
    );

    let md = sdcoach(
        dir.path(),
        &["sessions", "export", "latest", "--format", "md"],
    );
    let reqs = md.find("## 1. Requirements").unwrap_or(usize::MAX);
    let cap = md.find("## 2. Capacity estimates").unwrap_or(usize::MAX);
    let apis = md.find("## 3. APIs").unwrap_or(usize::MAX);
    assert!(reqs < cap && cap < apis, "{md}");
    assert!(md[reqs..cap].contains("Custom aliases, 日本語 too"), "{md}");
    assert!(md[cap..apis].contains("40 writes per second"), "{md}");
    let list = sdcoach(dir.path(), &["sessions", "list"]);
    assert!(
        list.contains("in progress") && list.contains("URL shortener"),
        "{list}"
    );
}

#[test]
fn kill_9_loses_at_most_the_last_seconds_and_resume_brings_the_rest_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "twitter"]);
    app.wait_for("1 · Requirements");
    app.send("durable words");
    // Autosave: on disk within two seconds of the last keystroke.
    let typed = Instant::now();
    wait_until("the notes reach disk", || {
        session_text(dir.path()).contains("durable words")
    });
    assert!(
        typed.elapsed() < Duration::from_secs(4),
        "autosave took {:?}",
        typed.elapsed()
    );
    app.send(" and more");
    let _ = Command::new("kill")
        .args(["-9", &app.pid().to_string()])
        .status();
    let _ = app.wait_exit();
    let text = session_text(dir.path());
    assert!(text.contains("durable words"), "{text}");

    let mut again = App::spawn(dir.path(), &["practice", "--resume"]);
    again.wait_for("durable words");
    again.send("\x1b");
    again.send("q");
    assert!(again.wait_exit().success());
}

/// The first save of a new session waits for its first frame (start-up speed), but not
/// for the user: killed before a key is typed, it is still there to resume.
#[test]
fn a_new_session_is_on_disk_once_its_screen_is_up_even_if_killed_at_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "twitter"]);
    app.wait_for("1 · Requirements");
    wait_until("the new session is on disk", || {
        session_text(dir.path()).contains("problem_id = \"twitter\"")
    });
    let _ = Command::new("kill")
        .args(["-9", &app.pid().to_string()])
        .status();
    let _ = app.wait_exit();
    let mut again = App::spawn(dir.path(), &["practice", "--resume"]);
    again.wait_for("1 · Requirements");
    again.send("\x11"); // Ctrl-Q
    assert!(again.wait_exit().success());
}

#[test]
fn sigterm_saves_at_once_restores_the_terminal_and_exits() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "instagram"]);
    app.wait_for("1 · Requirements");
    app.send("fan-out on write");
    app.wait_for("fan-out on write");
    let _ = Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status();
    let status = app.wait_exit();
    assert!(session_text(dir.path()).contains("fan-out on write"));
    assert!(!app.alternate_screen(), "terminal not restored");
    assert_eq!(status.exit_code(), 128 + 15, "exit status as shells expect");
}

#[test]
fn a_second_window_reads_an_open_session_then_takes_it_over_when_the_first_quits() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut first = App::spawn(dir.path(), &["practice", "twitter"]);
    first.wait_for("1 · Requirements");
    first.send("words from the first window");
    wait_until("the first window saves", || {
        session_text(dir.path()).contains("words from the first window")
    });
    let mut second = App::spawn(dir.path(), &["practice", "--resume"]);
    second.wait_for("Open in another window");
    second.wait_for(&first.pid().to_string());
    // Wait and take over once the first window lets go.
    second.send("y");
    second.wait_for("Waiting for it to close");
    first.send(" and a last line");
    first.send("\x1b");
    first.send("q");
    assert!(first.wait_exit().success());
    second.wait_for("and a last line");
    // Typing goes on at the end of the notes.
    second.send(" plus the second window");
    second.send("\x1b");
    second.send("q");
    assert!(second.wait_exit().success());
    let text = session_text(dir.path());
    assert!(
        text.contains("words from the first window and a last line plus the second window"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("sessions"))
            .map(|d| d
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .count())
            .unwrap_or_default(),
        1,
        "one session, no stray files"
    );
}

#[test]
fn launcher_opens_review_and_a_saved_session() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "url-shortener"]);
    app.wait_for("1 · Requirements");
    app.send("review me");
    app.send("\x11"); // Ctrl-Q
    assert!(app.wait_exit().success());

    let mut app = App::spawn(dir.path(), &[]);
    app.wait_for("What next?");
    app.wait_for("Resume: URL shortener");
    // The suggestion arrives just after the first frame, at the top of the list.
    app.wait_for("Next: ");
    app.send("jjj");
    app.send("\r");
    app.wait_for("Sessions (1)");
    app.send("\r");
    app.wait_for("review me");
    app.send("q");
    app.wait_for("Sessions (1)");
    app.send("q");
    app.wait_for("What next?");
    app.send("q");
    assert!(app.wait_exit().success());
}

/// The issue's bar: a new user works every estimate of the reference article's Twitter and
/// Instagram examples in the session's calculator, gets its figures, and finds them in the
/// saved transcript.
#[test]
fn the_articles_twitter_and_instagram_estimates_in_the_session_calculator() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "twitter"]);
    app.wait_for("1 · Requirements");
    app.send("\x1b");
    app.send("\t");
    app.wait_for("2 · Capacity estimates");
    app.send("c");
    app.wait_for("Expression");
    let estimates = [
        ("tweets = 100M * 10", "1B"),
        ("tweets / day to 1/s", "≈ 11.6K /s"),
        ("tweets * 200 bytes * 365 * 5", "365 TB"),
        ("12K * 200 bytes / s", "2.4 MB/s"),
        ("ans * 10", "24 MB/s"),
        ("dau = 500M", "500M"),
        ("photos_per_day = dau * 2", "1B"),
        ("photos_per_day / day", "≈ 11.6K /s"),
        ("photos_per_day * 2 MB", "2 PB"),
        ("ans * 365 * 5 to EB", "3.65 EB"),
        ("photos_per_day * 10 / day", "≈ 116K /s"),
    ];
    for (expr, _) in estimates {
        app.send(expr);
        app.send("\r");
    }
    app.wait_for("≈ 116K /s");
    app.send("\x0e"); // Ctrl-N: the last result into the notes
    app.send("\x1b");
    app.send("q");
    assert!(app.wait_exit().success());

    let text = session_text(dir.path());
    let t = sdcoach::domain::transcript::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let got: Vec<(&str, &str)> = t
        .calc
        .iter()
        .map(|e| (e.input.as_str(), e.display.as_str()))
        .collect();
    assert_eq!(got, estimates);
    assert!(
        t.steps[1]
            .notes
            .contains("photos_per_day * 10 / day = ≈ 116K /s"),
        "{}",
        t.steps[1].notes
    );
    let md = sdcoach(dir.path(), &["sessions", "export", "latest"]);
    assert!(
        md.contains("| 2. Capacity estimates | `tweets * 200 bytes * 365 * 5` | 365 TB |"),
        "{md}"
    );
}

#[test]
fn calc_prompts_on_a_terminal_with_history() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["calc"]);
    app.wait_for("calc>");
    app.send("dau = 500M\r");
    app.wait_for("dau = 500M");
    app.send("dau * 2 / day\r");
    app.wait_for("≈ 11.6K /s");
    // Up recalls the previous line; edit it into a new statement.
    app.send("\x1b[A");
    app.send(" * 10\r");
    app.wait_for("≈ 116K /s");
    app.send("12 MB + 3 s\r");
    app.wait_for("cannot add MB and s");
    app.send("\x04"); // Ctrl-D
    assert!(app.wait_exit().success());
    let history = std::fs::read_to_string(dir.path().join("calc-history.txt")).unwrap_or_default();
    assert!(history.contains("dau * 2 / day * 10"), "{history}");
}

/// A step drill from the command line: one step, its budget, ended and scored; then it
/// shows up in the session list and the stats.
#[test]
fn a_step_drill_runs_on_its_own_budget_and_counts_in_the_stats() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(
        dir.path(),
        &["drill", "step", "data-model", "--problem", "url-shortener"],
    );
    app.wait_for("Step drill: URL shortener");
    app.wait_for("4 · Data model");
    app.wait_for("/ 05:00");
    app.send("urls: short_code primary key, long_url, owner, created_at, expires_at");
    app.send("\x1b");
    app.send("e");
    app.wait_for("End the drill?");
    app.send("y");
    app.wait_for("Scorecard");
    app.send("q");
    assert!(app.wait_exit().success());

    let list = sdcoach(dir.path(), &["sessions", "list"]);
    assert!(list.contains("(step drill: Data model)"), "{list}");
    let json = sdcoach(dir.path(), &["stats", "--json"]);
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let data_model = &v["stats"]["steps"][3];
    assert_eq!(data_model["step"], "data_model", "{json}");
    assert_eq!(data_model["drills"], 1, "{json}");
    assert!(
        data_model["coverage"].as_f64().is_some_and(|c| c > 0.0),
        "{json}"
    );
    assert_eq!(v["stats"]["streak"], 1, "{json}");
    let text = sdcoach(dir.path(), &["stats"]);
    assert!(text.contains("Streak          1 day(s)"), "{text}");
}

/// The issue's end-to-end bar for diagrams: a Mermaid flowchart typed into the
/// architecture step, drawn by the diagram key, and found in the Markdown export both as
/// the ```mermaid block and as its drawing.
#[test]
fn a_diagram_typed_in_the_architecture_step_is_drawn_and_exported() {
    let key = pty_keys::key;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &["practice", "url-shortener"]);
    app.wait_for("1 · Requirements");
    app.send(&key(Ctx::Editor, Cmd::LeaveEditor));
    app.send(&key(Ctx::Practice, Cmd::Jump(4)));
    app.wait_for("5 · High-level architecture");
    app.send(&key(Ctx::Practice, Cmd::EditNotes));
    let diagram = "```mermaid\rflowchart LR\r\
                   client[Client] --> lb[LB]\r\
                   lb --> api[API]\r\
                   api --> cache[(Redis)]\r\
                   api --> db[(Postgres)]\r\
                   ```\r";
    app.send(diagram);
    app.wait_for("api --> db[(Postgres)]");
    app.send(&key(Ctx::Editor, Cmd::LeaveEditor));
    app.send(&key(Ctx::Practice, Cmd::ToggleDiagram));
    app.wait_for("Diagram (1)");
    // Drawn: boxes joined by arrows, not the text.
    let chain = "│ Client ├──▶│ LB ├──▶│ API ├";
    app.wait_for(chain);
    app.wait_for("│ Postgres │");
    app.send(&key(Ctx::Practice, Cmd::EndInterview));
    app.wait_for("End the interview?");
    app.send(&key(Ctx::Confirm, Cmd::Yes));
    app.wait_for("Scorecard");
    app.send(&key(Ctx::Detail, Cmd::Back));
    assert!(app.wait_exit().success());

    let md = sdcoach(
        dir.path(),
        &["sessions", "export", "latest", "--format", "md"],
    );
    let step = md
        .find("## 5. High-level architecture")
        .unwrap_or_else(|| panic!("no architecture step:\n{md}"));
    let md = &md[step..];
    let mermaid = md
        .find("```mermaid\nflowchart LR\nclient[Client] --> lb[LB]\nlb --> api[API]\n")
        .unwrap_or_else(|| panic!("no mermaid block:\n{md}"));
    let drawing = md
        .find("**Diagram 1** (notes line 2)\n\n```text\n")
        .unwrap_or_else(|| panic!("no drawing:\n{md}"));
    assert!(mermaid < drawing, "{md}");
    let text = &md[drawing..];
    let end = text.find("\n```\n").unwrap_or(text.len());
    let text = &text[..end];
    for drawn in [chain, "│ Redis │", "│ Postgres │"] {
        assert!(text.contains(drawn), "{drawn} not in the drawing:\n{text}");
    }
}

/// A shell script for `$EDITOR` in `dir`, made executable.
fn editor_script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    path
}

/// A session with "typed first" in step 1, handed to `editor`.
fn type_then_open_the_editor(dir: &Path, editor: &Path) -> App {
    let mut app = App::spawn_with(dir, &["practice", "url-shortener"], &[("EDITOR", editor)]);
    app.wait_for("1 · Requirements");
    app.send("typed first");
    app.send("\x1b");
    app.send(&pty_keys::key(Ctx::Practice, Cmd::ExternalEditor));
    app
}

fn editing_files(data_dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(data_dir.join("editing"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect()
}

#[test]
fn the_users_editor_gets_the_notes_and_gives_them_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let editor = editor_script(
        dir.path(),
        "ed.sh",
        "printf '\\nwritten in the editor' >> \"$1\"",
    );
    let mut app = type_then_open_the_editor(dir.path(), &editor);
    app.wait_for("written in the editor");
    assert!(app.contents().contains("typed first"), "{}", app.contents());
    wait_until("the editor's words reach the session file", || {
        session_text(dir.path()).contains("written in the editor")
    });
    wait_until("the editor's file is gone once saved", || {
        editing_files(dir.path()).is_empty()
    });
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn a_kill_while_the_editor_is_open_loses_nothing_saved_in_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let marker = dir.path().join("saved-by-editor");
    let editor = editor_script(
        dir.path(),
        "slow.sh",
        &format!(
            "printf '\\nsaved in the editor' >> \"$1\"\ntouch '{}'\nsleep 20",
            marker.display()
        ),
    );
    let mut app = type_then_open_the_editor(dir.path(), &editor);
    wait_until("the editor has saved", || marker.exists());
    let _ = Command::new("kill")
        .args(["-9", &app.pid().to_string()])
        .status();
    let _ = app.wait_exit();
    assert!(
        !session_text(dir.path()).contains("saved in the editor"),
        "the session file itself never got them"
    );
    let md = sdcoach(
        dir.path(),
        &["sessions", "export", "latest", "--format", "md"],
    );
    assert!(
        md.contains("typed first") && md.contains("saved in the editor"),
        "{md}"
    );

    let mut again = App::spawn(dir.path(), &["practice", "--resume"]);
    again.wait_for("saved in the editor");
    again.send("\x1b");
    again.send("q");
    assert!(again.wait_exit().success());
    assert!(session_text(dir.path()).contains("saved in the editor"));
    assert!(
        editing_files(dir.path()).is_empty(),
        "kept until saved, then removed"
    );
}

#[test]
fn a_mouse_click_in_the_terminal_opens_what_it_lands_on() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &[]);
    app.wait_for("Practise a problem");
    let screen = app.contents();
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Practise a problem"))
        .unwrap_or_else(|| panic!("{screen}"));
    let column = line[..line.find("Practise").unwrap_or(0)].chars().count();
    // SGR mouse reports, 1-based: press then release of the left button.
    let (x, y) = (column + 1, row + 1);
    app.send(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
    app.wait_for("Choose a problem");
    app.send("q");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(!app.alternate_screen());
}

/// Issue 15's bar for the TUI: on the scorecard of a finished interview, `o` sends it to
/// the reviewer named by SDCOACH_REVIEWER; the answer streams into a pane, is kept with
/// the session, and is in its export.
#[test]
fn a_second_opinion_streams_into_a_pane_and_is_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let script = dir.path().join("reviewer.sh");
    std::fs::write(
        &script,
        "cat >/dev/null\necho 'Verdict: lean hire'\nsleep 1\necho 'Next time: size the cache.'\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let command = format!("sh {}", script.display());
    let mut app = App::spawn_with(
        dir.path(),
        &[
            "drill",
            "step",
            "requirements",
            "--problem",
            "url-shortener",
        ],
        &[("SDCOACH_REVIEWER", Path::new(&command))],
    );
    app.wait_for("Step drill: URL shortener");
    app.send("shorten links, redirect fast, custom aliases");
    app.send("\x1b");
    app.send("e");
    app.wait_for("End the drill?");
    app.send("y");
    app.wait_for("Scorecard");
    app.wait_for("2nd opinion");
    app.send("o");
    app.wait_for("Verdict: lean hire");
    app.wait_for("Next time: size the cache.");
    app.wait_for("kept with the session");
    app.send("\x1b");
    app.send("G");
    app.wait_for("Second opinions");
    app.send("q");
    app.send("q");
    assert!(app.wait_exit().success(), "{}", app.contents());
    let md = sdcoach(
        dir.path(),
        &["sessions", "export", "latest", "--format", "md"],
    );
    assert!(md.contains("Next time: size the cache."), "{md}");
}

/// How many cells of the screen are drawn in ANSI colour `index`.
fn cells_in_colour(app: &App, index: u8) -> usize {
    let Ok(parser) = app.screen.lock() else {
        return 0;
    };
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter(|&(r, c)| {
            screen
                .cell(r, c)
                .is_some_and(|cell| cell.fgcolor() == vt100::Color::Idx(index))
        })
        .count()
}

/// Theme `auto` with nothing in the environment: once the first frame is up the app asks
/// the terminal for its background; a white answer turns the dark theme's cyan into the
/// light theme's blue, and keys typed after the answer still work.
#[test]
fn a_terminal_that_answers_light_gets_the_light_theme() {
    const CYAN: u8 = 6;
    const BLUE: u8 = 4;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::spawn(dir.path(), &[]);
    app.wait_for("Practise a problem");
    wait_until("the dark theme's cyan is drawn", || {
        cells_in_colour(&app, CYAN) > 0
    });
    app.send("\x1b]11;rgb:ffff/ffff/ffff\x07");
    wait_until("the light theme replaces cyan with blue", || {
        cells_in_colour(&app, CYAN) == 0 && cells_in_colour(&app, BLUE) > 0
    });
    app.send("?");
    app.wait_for("Anywhere");
    app.send("\x1b");
    app.send("q");
    assert!(app.wait_exit().success(), "{}", app.contents());
}
