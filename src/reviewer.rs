//! Running the user's reviewer command: the prompt on its stdin, its answer read as it
//! arrives. Neither domain (it starts processes) nor store (it keeps nothing) nor TUI: the
//! command line and the TUI both call [`run`], each with its own way of showing the text.
//!
//! The command line runs through `sh -c` on Unix (so `ollama run llama3` and
//! `llm -m gpt-4o-mini` work as written) in a process group of its own, so ending it on a
//! timeout, a cancel or an answer past the cap ends whatever it started too. Its stdout is
//! decoded as UTF-8 as it arrives (anything else replaced, and said so) and kept up to a
//! cap; its stderr is kept (up to a smaller cap) to explain a failure. Nothing here
//! panics on anything the command does.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// How long a reviewer may take unless the config says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// The most of an answer that is kept: a long review is a few kilobytes.
pub const MAX_OUTPUT: usize = crate::domain::bounds::REVIEW_BYTES;
/// The most of the command's stderr that is kept to explain a failure.
const MAX_STDERR: usize = 16 * 1024;
/// How often the flag and the clock are looked at while nothing arrives.
const POLL: Duration = Duration::from_millis(25);

/// A reviewer command and its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    /// The command line, as the user wrote it.
    pub command: String,
    /// Ended after this long.
    pub timeout: Duration,
    /// Bytes of stdout kept; past them the answer is cut and the command ended.
    pub max_bytes: usize,
}

/// How the command came to an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It exited by itself with this status.
    Exited(i32),
    /// A signal it did not get from us ended it.
    Signalled(i32),
    /// Its answer passed the cap, so it was ended (the answer kept is cut there).
    Cut,
    TimedOut,
    /// The cancel flag was set.
    Cancelled,
}

/// What came of running a reviewer.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Its stdout, decoded, at most `max_bytes` long.
    pub text: String,
    /// The start of its stderr, decoded.
    pub stderr: String,
    pub ending: Ending,
    pub duration: Duration,
    /// Some of stdout was not UTF-8 and was replaced with U+FFFD.
    pub lossy: bool,
}

/// Why a run gave no answer to keep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("the reviewer said nothing")]
    Silent,
    #[error("the reviewer exited with status {code}{}", stderr_text(.stderr))]
    Exited { code: i32, stderr: String },
    #[error("the reviewer was ended by signal {signal}{}", stderr_text(.stderr))]
    Signalled { signal: i32, stderr: String },
    #[error("the reviewer took longer than {}s and was stopped (reviewer.timeout_seconds sets how long it may take){}", .secs, stderr_text(.stderr))]
    TimedOut { secs: u64, stderr: String },
    #[error("cancelled: the reviewer was stopped")]
    Cancelled,
}

fn stderr_text(stderr: &str) -> String {
    let s = stderr.trim_end();
    if s.is_empty() {
        String::new()
    } else {
        format!("; it said on stderr:\n{s}")
    }
}

impl Outcome {
    /// The answer, or why there is none: only a command that exited with 0 (or was cut
    /// at the cap after saying plenty) and said something gives one.
    pub fn answer(&self, timeout: Duration) -> Result<&str, Failure> {
        let stderr = self.stderr.clone();
        match self.ending {
            Ending::Exited(0) | Ending::Cut if self.text.trim().is_empty() => Err(Failure::Silent),
            Ending::Exited(0) | Ending::Cut => Ok(&self.text),
            Ending::Exited(code) => Err(Failure::Exited { code, stderr }),
            Ending::Signalled(signal) => Err(Failure::Signalled { signal, stderr }),
            Ending::TimedOut => Err(Failure::TimedOut {
                secs: timeout.as_secs(),
                stderr,
            }),
            Ending::Cancelled => Err(Failure::Cancelled),
        }
    }

    /// The exit status to record: `None` when it did not exit by itself.
    pub fn exit_code(&self) -> Option<i32> {
        match self.ending {
            Ending::Exited(code) => Some(code),
            _ => None,
        }
    }

    pub fn cut(&self) -> bool {
        self.ending == Ending::Cut
    }

    /// The review to keep with the session (asked at `at`), or why there is none.
    pub fn record(
        &self,
        reviewer: &Reviewer,
        at: jiff::Timestamp,
    ) -> Result<crate::domain::transcript::ReviewRecord, Failure> {
        let text = self.answer(reviewer.timeout)?;
        Ok(crate::domain::transcript::ReviewRecord {
            command: reviewer.command.clone(),
            at,
            duration_ms: u64::try_from(self.duration.as_millis())
                .unwrap_or(u64::MAX)
                .min(crate::domain::bounds::MAX_DURATION_MS),
            exit_status: self.exit_code(),
            text: text.to_string(),
            cut: self.cut(),
            lossy: self.lossy,
        })
    }
}

/// Run `reviewer` with `prompt` on its stdin. Each piece of its answer is handed to
/// `on_text` as it arrives (decoded, not sanitised: the caller shows it through its own
/// sanitiser). Setting `cancel` ends it within a few tens of milliseconds. Only failing to
/// start the command is an error; everything the command does is in the [`Outcome`].
pub fn run(
    reviewer: &Reviewer,
    prompt: &str,
    cancel: &AtomicBool,
    mut on_text: impl FnMut(&str),
) -> std::io::Result<Outcome> {
    let started = Instant::now();
    let mut child = spawn(&reviewer.command)?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());

    // The prompt is written on its own thread: a command that reads none of it, or
    // answers before reading it all, must not block us. Its failures (a closed pipe) are
    // the command's business.
    if let Some(mut stdin) = stdin {
        let prompt = prompt.to_string();
        thread::spawn(move || {
            let _ = stdin.write_all(prompt.as_bytes());
        });
    }
    // A bounded channel: a command that writes faster than we read waits for us.
    let (out_tx, out_rx) = mpsc::sync_channel::<Vec<u8>>(16);
    if let Some(mut stdout) = stdout {
        thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match stdout.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if out_tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
    } else {
        drop(out_tx);
    }
    let (err_tx, err_rx) = mpsc::channel::<Vec<u8>>();
    if let Some(mut stderr) = stderr {
        thread::spawn(move || {
            let mut kept = Vec::new();
            let mut buf = [0u8; 8192];
            // Read on to the end, past what is kept, so a chatty command never blocks on a
            // full pipe or dies writing to a closed one.
            loop {
                match stderr.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let room = MAX_STDERR.saturating_sub(kept.len());
                        kept.extend_from_slice(buf.get(..n.min(room)).unwrap_or_default());
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            let _ = err_tx.send(kept);
        });
    }

    let deadline = started.checked_add(reviewer.timeout);
    let mut text = Decoder::default();
    let mut received = 0usize;
    let mut ending = None;
    // Read stdout until it closes, or until we end the command.
    while ending.is_none() {
        if cancel.load(Ordering::Relaxed) {
            ending = Some(Ending::Cancelled);
            break;
        }
        let wait = match deadline.map(|d| d.saturating_duration_since(Instant::now())) {
            Some(left) if left.is_zero() => {
                ending = Some(Ending::TimedOut);
                break;
            }
            Some(left) => left.min(POLL),
            None => POLL,
        };
        match out_rx.recv_timeout(wait) {
            Ok(bytes) => {
                let room = reviewer.max_bytes.saturating_sub(received);
                received = received.saturating_add(bytes.len());
                let over = bytes.len() > room;
                let piece = text.push(bytes.get(..room.min(bytes.len())).unwrap_or(&[]), over);
                if !piece.is_empty() {
                    on_text(&piece);
                }
                if over {
                    ending = Some(Ending::Cut);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    // Stdout is closed, or we are ending it: wait for the command to exit.
    let ending = match ending {
        Some(ending) => {
            end(&mut child);
            ending
        }
        None => wait_for_exit(&mut child, deadline, cancel),
    };
    let tail = text.finish();
    if !tail.is_empty() {
        on_text(&tail);
    }
    let stderr = err_rx
        .recv_timeout(Duration::from_millis(500))
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    Ok(Outcome {
        lossy: text.lossy,
        text: text.text,
        stderr,
        ending,
        duration: started.elapsed(),
    })
}

/// The command's exit, once its stdout has closed; ended at the deadline or on cancel.
fn wait_for_exit(child: &mut Child, deadline: Option<Instant>, cancel: &AtomicBool) -> Ending {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return ending_of(status),
            Ok(None) => {}
            Err(_) => {
                end(child);
                return Ending::Signalled(0);
            }
        }
        if cancel.load(Ordering::Relaxed) {
            end(child);
            return Ending::Cancelled;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            end(child);
            return Ending::TimedOut;
        }
        thread::sleep(POLL);
    }
}

#[cfg(unix)]
fn ending_of(status: std::process::ExitStatus) -> Ending {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Ending::Exited(code),
        (None, Some(signal)) => Ending::Signalled(signal),
        (None, None) => Ending::Signalled(0),
    }
}

#[cfg(not(unix))]
fn ending_of(status: std::process::ExitStatus) -> Ending {
    Ending::Exited(status.code().unwrap_or(1))
}

/// The command through the shell, in a process group of its own, with colour turned off
/// (its output is text for a file, not a terminal).
#[cfg(unix)]
fn spawn(command: &str) -> std::io::Result<Child> {
    use std::os::unix::process::CommandExt;
    Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
}

#[cfg(not(unix))]
fn spawn(command: &str) -> std::io::Result<Child> {
    Command::new("cmd")
        .arg("/C")
        .arg(command)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
}

/// End the command and everything it started, and reap it.
fn end(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) takes plain integers; a negative pid names the process group
        // the command leads (spawned with process_group(0)), so only its processes are hit.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// UTF-8 decoding of a stream that arrives in pieces, which may split a character.
#[derive(Debug, Default)]
struct Decoder {
    /// The start of a character whose rest has not arrived yet.
    pending: Vec<u8>,
    text: String,
    lossy: bool,
}

impl Decoder {
    /// Decode `bytes` after what is pending; returns the new text. With `cut`, these are
    /// the last bytes taken, and a character they end in the middle of is dropped.
    fn push(&mut self, bytes: &[u8], cut: bool) -> String {
        self.pending.extend_from_slice(bytes);
        let mut out = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    out.push_str(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            self.lossy = true;
                            rest = bad.get(n..).unwrap_or(&[]);
                        }
                        // An incomplete character at the end: wait for the rest.
                        None => {
                            rest = bad;
                            break;
                        }
                    }
                }
            }
        }
        self.pending = if cut { Vec::new() } else { rest.to_vec() };
        self.text.push_str(&out);
        out
    }

    /// The end of the stream: an incomplete character left is replaced.
    fn finish(&mut self) -> String {
        if self.pending.is_empty() {
            return String::new();
        }
        self.pending.clear();
        self.lossy = true;
        let out = char::REPLACEMENT_CHARACTER.to_string();
        self.text.push_str(&out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_split_between_pieces_are_joined_and_bad_bytes_replaced() {
        let mut d = Decoder::default();
        let e_acute = "é".as_bytes();
        assert_eq!(d.push(b"caf", false), "caf");
        assert_eq!(d.push(&e_acute[..1], false), "");
        assert_eq!(d.push(&e_acute[1..], false), "é");
        assert!(!d.lossy);
        assert_eq!(d.push(b" \xff ok", false), " \u{FFFD} ok");
        assert!(d.lossy);
        assert_eq!(d.text, "café \u{FFFD} ok");

        let mut d = Decoder::default();
        d.push(&e_acute[..1], false);
        assert_eq!(d.finish(), "\u{FFFD}");
        assert!(d.lossy);

        // Cut in the middle of a character: the half is dropped, not replaced.
        let mut d = Decoder::default();
        assert_eq!(d.push(&[b'a', e_acute[0]], true), "a");
        assert_eq!(d.finish(), "");
        assert!(!d.lossy);
    }

    fn reviewer(command: &str, timeout: Duration, max_bytes: usize) -> Reviewer {
        Reviewer {
            command: command.into(),
            timeout,
            max_bytes,
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_answer_streams_and_a_failure_keeps_its_stderr() -> std::io::Result<()> {
        let never = AtomicBool::new(false);
        let mut pieces = Vec::new();
        let r = reviewer("cat; echo; echo done", Duration::from_secs(20), MAX_OUTPUT);
        let out = run(&r, "the prompt", &never, |s| pieces.push(s.to_string()))?;
        assert_eq!(out.text, "the prompt\ndone\n");
        assert_eq!(pieces.concat(), out.text);
        assert_eq!(out.answer(r.timeout), Ok("the prompt\ndone\n"));
        assert_eq!(out.exit_code(), Some(0));

        let r = reviewer(
            "echo half; echo no model >&2; exit 3",
            Duration::from_secs(20),
            100,
        );
        let out = run(&r, "", &never, |_| {})?;
        let why = out.answer(r.timeout).err().map(|e| e.to_string());
        assert_eq!(
            why.as_deref(),
            Some("the reviewer exited with status 3; it said on stderr:\nno model")
        );

        let r = reviewer("cat >/dev/null", Duration::from_secs(20), 100);
        let out = run(&r, "ignored", &never, |_| {})?;
        assert_eq!(out.answer(r.timeout), Err(Failure::Silent));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_cancel_or_a_timeout_ends_the_command_and_what_it_started() -> std::io::Result<()> {
        let cancel = AtomicBool::new(true);
        let r = reviewer("sleep 30", Duration::from_secs(20), 100);
        let t = Instant::now();
        let out = run(&r, "", &cancel, |_| {})?;
        assert_eq!(out.ending, Ending::Cancelled);
        assert!(t.elapsed() < Duration::from_secs(5));

        // A child that keeps stdout open after the shell is gone is ended with it.
        let never = AtomicBool::new(false);
        let r = reviewer("echo hi; sleep 30 & wait", Duration::from_millis(300), 100);
        let t = Instant::now();
        let out = run(&r, "", &never, |_| {})?;
        assert_eq!(out.ending, Ending::TimedOut);
        assert_eq!(out.text, "hi\n");
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        assert!(matches!(
            out.answer(r.timeout),
            Err(Failure::TimedOut { .. })
        ));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_command_chatty_on_stderr_is_read_to_the_end() -> std::io::Result<()> {
        let never = AtomicBool::new(false);
        // 200 KB of progress on stderr, past what is kept, then the answer.
        let r = reviewer(
            "head -c 200000 /dev/zero | tr '\\0' . >&2; echo answer",
            Duration::from_secs(20),
            100,
        );
        let out = run(&r, "", &never, |_| {})?;
        assert_eq!(out.ending, Ending::Exited(0));
        assert_eq!(out.text, "answer\n");
        assert_eq!(out.stderr.len(), MAX_STDERR);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_answer_is_cut_at_the_cap() -> std::io::Result<()> {
        let never = AtomicBool::new(false);
        let r = reviewer("yes", Duration::from_secs(20), 10_000);
        let out = run(&r, "", &never, |_| {})?;
        assert_eq!(out.ending, Ending::Cut);
        assert_eq!(out.text.len(), 10_000);
        assert!(out.answer(r.timeout).is_ok());
        Ok(())
    }

    #[test]
    fn a_command_that_cannot_start_is_an_error_not_a_panic() {
        let never = AtomicBool::new(false);
        let r = reviewer("nul\0byte", Duration::from_secs(1), 100);
        assert!(run(&r, "", &never, |_| {}).is_err());
    }
}
