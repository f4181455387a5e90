//! Everything sdcoach prints on stdout and stderr goes through here, so text from problem
//! files, transcripts, drill records and file names is always sanitised
//! ([`crate::domain::sanitize`]). The TUI's boundary is the screen buffer instead
//! (`tui::view::draw`).
//!
//! An [`Out`] takes `write!`/`writeln!` like a writer, but has no `write_all`: formatted
//! text is sanitised as a whole before it is written, and documents go through
//! [`Out::json`] and [`Out::toml`], which escape instead of dropping so tools read back
//! every character. `clippy.toml` forbids `println!`, `eprintln!` and
//! `std::io::stdout`/`stderr` elsewhere, so no path can go around it.

#![allow(clippy::disallowed_methods)]

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufWriter, Write};

use crate::domain::sanitize::{escape_json, escape_toml, sanitize};

/// A sanitising printer over stdout or stderr.
pub struct Out<W: Write> {
    inner: W,
}

/// Stdout, line-buffered like `println!`.
pub fn stdout() -> Out<io::StdoutLock<'static>> {
    Out {
        inner: io::stdout().lock(),
    }
}

/// Stdout in blocks, for long listings and exports; call [`Out::flush`] at the end.
pub fn stdout_buffered() -> Out<BufWriter<io::StdoutLock<'static>>> {
    Out {
        inner: BufWriter::new(io::stdout().lock()),
    }
}

/// Stdout for the TUI's terminal backend, in blocks of `capacity` bytes (see
/// `tui::runner`). What it is sent is sanitised before it gets here: every cell of the
/// screen buffer is scrubbed (`tui::view::draw`).
pub fn screen(capacity: usize) -> BufWriter<io::Stdout> {
    BufWriter::with_capacity(capacity, io::stdout())
}

pub fn stderr() -> Out<io::StderrLock<'static>> {
    Out {
        inner: io::stderr().lock(),
    }
}

/// A line on stderr (warnings, errors, notices), sanitised; a failure to write to stderr
/// has nowhere to be reported, so it is ignored.
pub fn warn(args: fmt::Arguments<'_>) {
    let _ = writeln!(stderr(), "{args}");
}

/// A line on stdout, sanitised, for the interactive prompt (which has no error path
/// for a closed stdout either).
pub fn say(args: fmt::Arguments<'_>) {
    let _ = writeln!(stdout(), "{args}");
}

impl<W: Write> Out<W> {
    /// The target of `write!` and `writeln!`: the text is sanitised, newlines kept.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> io::Result<()> {
        let text = match args.as_str() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(args.to_string()),
        };
        self.inner.write_all(sanitize(&text, false).as_bytes())
    }

    /// A value as pretty JSON and a newline; invisible characters in strings are
    /// escaped (`\u202E`), not dropped.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = escape_json(&serde_json::to_string_pretty(value)?);
        self.inner.write_all(text.as_bytes())?;
        self.inner.write_all(b"\n")?;
        Ok(())
    }

    /// A value as TOML; invisible characters in strings are escaped, not dropped.
    pub fn toml<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = escape_toml(&toml::to_string(value)?);
        self.inner.write_all(text.as_bytes())?;
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(f: impl FnOnce(&mut Out<Vec<u8>>) -> anyhow::Result<()>) -> String {
        let mut out = Out { inner: Vec::new() };
        if let Err(e) = f(&mut out) {
            panic!("{e}");
        }
        String::from_utf8_lossy(&out.inner).into_owned()
    }

    #[test]
    fn text_is_sanitised_and_documents_are_escaped() {
        let hostile = "t\u{1b}]0;x\u{7}\u{202E}\u{9b}2J";
        let n = 2;
        let text = printed(|o| Ok(writeln!(o, "{hostile} ({n})")?));
        assert_eq!(text, "t]0;x2J (2)\n");
        let json = printed(|o| o.json(&[hostile]));
        assert!(
            json.contains("\\u001b]0;x\\u0007\\u202E\\u009B2J"),
            "{json}"
        );
        let toml = printed(|o| o.toml(&std::collections::BTreeMap::from([("k", hostile)])));
        assert_eq!(toml, "k = \"t\\u001B]0;x\\u0007\\u202E\\u009B2J\"\n");
    }
}
