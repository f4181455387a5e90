//! Handing the terminal to the user's editor and taking it back. The input thread stops
//! reading first (else it would steal the editor's keys), the terminal leaves raw mode and
//! the alternate screen, the editor runs on the file, and everything is put back.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

/// Lets the input thread be stopped while another program has the terminal.
#[derive(Debug, Clone, Default)]
pub struct InputGate {
    /// Asked for by the app: stop reading.
    paused: Arc<AtomicBool>,
    /// Told by the input thread: it is not reading, and will not until let go.
    idle: Arc<AtomicBool>,
}

/// How long the input thread waits for a key before looking at the gate again.
pub const POLL: Duration = Duration::from_millis(40);

impl InputGate {
    /// Called by the input thread before each read: whether it may read now. While
    /// paused it says so and sleeps instead.
    pub fn may_read(&self) -> bool {
        self.idle.store(false, Ordering::SeqCst);
        if self.paused.load(Ordering::SeqCst) {
            self.idle.store(true, Ordering::SeqCst);
            std::thread::sleep(POLL / 2);
            return false;
        }
        true
    }

    /// Stop the input thread reading, and wait until it has (at most one poll).
    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        for _ in 0..100 {
            if self.idle.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// The editor to run: the config's, else `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command(configured: Option<&str>) -> String {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    configured
        .map(str::to_string)
        .filter(|c| !c.trim().is_empty())
        .or_else(|| var("VISUAL"))
        .or_else(|| var("EDITOR"))
        .unwrap_or_else(|| "vi".to_string())
}

/// Run `command` on `path` with the terminal handed over, and take it back. Only
/// terminal modes are written to stdout here, never text, so it needs no sanitiser.
#[allow(clippy::disallowed_methods)]
pub fn run_editor(gate: &InputGate, command: &str, path: &Path, mouse: bool) -> Result<(), String> {
    gate.pause();
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    let status = spawn(command, path);
    let back = enable_raw_mode()
        .and_then(|()| execute!(out, EnterAlternateScreen, EnableBracketedPaste))
        .and_then(|()| {
            if mouse {
                execute!(out, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
    gate.resume();
    back.map_err(|e| format!("cannot take the terminal back: {e}"))?;
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("the editor `{command}` ended with {s}")),
        Err(e) => Err(format!("cannot start the editor `{command}`: {e}")),
    }
}

/// The command through the shell, so `code --wait` and `emacs -nw` work as written.
#[cfg(unix)]
fn spawn(command: &str, path: &Path) -> std::io::Result<std::process::ExitStatus> {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
}

#[cfg(not(unix))]
fn spawn(command: &str, path: &Path) -> std::io::Result<std::process::ExitStatus> {
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or("notepad");
    std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
}
