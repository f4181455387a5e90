//! What a user sees: the time from a key to the frame showing it, for the real binary in a
//! 200×50 pseudo-terminal, after pasting 0, 100 KB and 1 MB of notes into step 1 with a
//! bracketed paste. Keys come 120 ms apart, so some land on an autosave, as in real typing.
//!
//! Run: `cargo bench --bench keystroke_pty`. Figures and machine: BENCHMARKS.md.

// Developer output of measurements, not text from users' files (see clippy.toml).
#![allow(clippy::disallowed_macros)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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

/// Milliseconds from each key to the output that draws it.
fn run(bin: &Path, data_dir: &Path, paste: usize) -> Vec<f64> {
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
    if paste > 0 {
        let text = format!("\x1b[200~{}\x1b[201~", notes(paste));
        let _ = writer.write_all(text.as_bytes());
        let _ = writer.flush();
        settle(&rx, Duration::from_millis(1000));
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

fn main() {
    let bin = Path::new(env!("CARGO_BIN_EXE_sdcoach"));
    for paste in [0, 100 * 1024, 1024 * 1024] {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ms = run(bin, data.path(), paste);
        ms.sort_by(f64::total_cmp);
        let median = ms[ms.len() / 2];
        let p90 = ms[ms.len() * 9 / 10];
        let max = ms[ms.len() - 1];
        println!(
            "key to screen with {:>4} KB of notes: median {median:.1} ms, p90 {p90:.1} ms, \
             max {max:.1} ms ({KEYS} keys)",
            paste / 1024
        );
    }
}
