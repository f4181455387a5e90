//! What a user sees: the time from a key to the frame showing it, for the real binary in a
//! 200×50 pseudo-terminal, after pasting 0, 100 KB and 1 MB of notes into step 1 with a
//! bracketed paste; and in the architecture step with a 25-node diagram in its notes and
//! the diagram view open, typing after the diagram and inside it. Keys come 120 ms apart,
//! so some land on an autosave, as in real typing.
//!
//! Run: `cargo bench --bench keystroke_pty`. Figures and machine: BENCHMARKS.md.

// Developer output of measurements, not text from users' files (see clippy.toml).
#![allow(clippy::disallowed_macros)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use sdcoach::tui::keymap::{Cmd, Ctx};

#[path = "../tests/diagram_samples/mod.rs"]
mod diagram_samples;
#[path = "../tests/pty_keys/mod.rs"]
mod pty_keys;

const KEYS: usize = 40;

/// Notes as in benches/bigtext.rs: numbered lines of prose, figures and some Japanese.
fn notes(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 128);
    let mut n = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            "- writes: 100M new links a month ≈ 40/s, peak 3× ≈ 120/s; cache the hot 20% ({n})\n"
        ));
        n += 1;
    }
    out
}

/// Read until nothing has arrived for `quiet`.
fn settle(rx: &Receiver<Vec<u8>>, quiet: Duration) {
    while rx.recv_timeout(quiet).is_ok() {}
}

fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

/// Milliseconds from each key to the output that draws it, after sending each of `setup`
/// (waiting for the screen to settle after each).
fn run(bin: &Path, data_dir: &Path, setup: &[String]) -> Vec<f64> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap_or_else(|e| panic!("openpty: {e}"));
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["practice", "url-shortener"]);
    cmd.env("SDCOACH_DATA_DIR", data_dir);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair
        .master
        .try_clone_reader()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut writer = pair.master.take_writer().unwrap_or_else(|e| panic!("{e}"));
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .unwrap_or_else(|e| panic!("spawn {}: {e}", bin.display()));
    settle(&rx, Duration::from_millis(1000));
    for input in setup {
        let _ = writer.write_all(input.as_bytes());
        let _ = writer.flush();
        // Long enough that an Esc is not read as the start of an Alt sequence.
        settle(&rx, Duration::from_millis(300));
    }
    let mut latencies = Vec::new();
    for _ in 0..KEYS {
        std::thread::sleep(Duration::from_millis(120));
        settle(&rx, Duration::from_millis(1));
        let sent = Instant::now();
        let _ = writer.write_all(b"z");
        let _ = writer.flush();
        let mut seen = Vec::new();
        while !seen.contains(&b'z') {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(chunk) => seen.extend(chunk),
                Err(_) => panic!("the key never reached the screen"),
            }
        }
        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
    }
    // Ctrl-Q saves and quits.
    let _ = writer.write_all(b"\x11");
    let _ = writer.flush();
    settle(&rx, Duration::from_millis(500));
    let _ = child.kill();
    let _ = child.wait();
    latencies
}

fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    let p90 = ms[ms.len() * 9 / 10];
    let max = ms[ms.len() - 1];
    println!(
        "key to screen {what}: median {median:.1} ms, p90 {p90:.1} ms, max {max:.1} ms \
         ({KEYS} keys)"
    );
}

fn main() {
    let bin = Path::new(env!("CARGO_BIN_EXE_sdcoach"));
    for paste in [0, 100 * 1024, 1024 * 1024] {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let setup: Vec<String> = (paste > 0)
            .then(|| bracketed(&notes(paste)))
            .into_iter()
            .collect();
        let ms = run(bin, data.path(), &setup);
        report(&format!("with {:>4} KB of notes", paste / 1024), ms);
    }
    // The architecture step, its notes pasted, the diagram view open, back in the editor.
    let key = pty_keys::key;
    let architecture = [
        key(Ctx::Editor, Cmd::LeaveEditor),
        key(Ctx::Practice, Cmd::Jump(4)),
        key(Ctx::Practice, Cmd::EditNotes),
        bracketed(&diagram_samples::architecture_notes()),
        key(Ctx::Editor, Cmd::LeaveEditor),
        key(Ctx::Practice, Cmd::ToggleDiagram),
        key(Ctx::Practice, Cmd::EditNotes),
    ];
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ms = run(bin, data.path(), &architecture);
    report("with the diagram view open, typing after the diagram", ms);
    // Up four lines and to the end of the last edge, `manifest --> ads`: each key there
    // renames a node, so the diagram is drawn again every time.
    let mut inside = architecture.to_vec();
    inside.extend(std::iter::repeat_n("\x1b[A".to_string(), 4));
    inside.push("\x1b[F".to_string());
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ms = run(bin, data.path(), &inside);
    report("with the diagram view open, typing inside the diagram", ms);
}
