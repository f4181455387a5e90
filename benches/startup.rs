//! Start to first frame, as a whole process in a pseudo-terminal: sdcoach's launcher and
//! `sdcoach practice url-shortener` against a bare ratatui app drawing one frame.
//!
//! A frame counts when its text is on the terminal: the output is fed to a terminal
//! emulator (vt100) and the clock stops when the screen shows both a word near the top
//! and the text of the frame's last row, not when the first bytes arrive.
//!
//! Run: `cargo build --release --example bare_first_frame && cargo bench --bench startup`.

// Developer output about built-in data, not text from users' files (see clippy.toml).
#![allow(clippy::disallowed_macros)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 40;

/// Time from spawn until the emulated screen shows every one of `markers`.
fn first_frame(bin: &Path, args: &[&str], data_dir: &Path, markers: &[&str]) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap_or_else(|e| panic!("openpty: {e}"));
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("SDCOACH_DATA_DIR", data_dir);
    cmd.env("XDG_CONFIG_HOME", data_dir.join("config"));
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair
        .master
        .try_clone_reader()
        .unwrap_or_else(|e| panic!("{e}"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let start = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .unwrap_or_else(|e| panic!("spawn {}: {e}", bin.display()));
    let mut screen = vt100::Parser::new(
        std::num::NonZeroU16::MIN.saturating_add(39),
        std::num::NonZeroU16::MIN.saturating_add(119),
        0,
    );
    let elapsed = loop {
        let Ok((at, chunk)) = rx.recv_timeout(Duration::from_secs(10)) else {
            let _ = child.kill();
            panic!(
                "{} never drew {markers:?}; screen:\n{}",
                bin.display(),
                screen.screen().contents()
            );
        };
        screen.process(&chunk);
        let text = screen.screen().contents();
        if markers.iter().all(|m| text.contains(m)) {
            break at - start;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let sdcoach = PathBuf::from(env!("CARGO_BIN_EXE_sdcoach"));
    let bare = sdcoach
        .parent()
        .map(|d| d.join("examples/bare_first_frame"))
        .unwrap_or_default();
    if !bare.exists() {
        eprintln!("build the baseline first: cargo build --release --example bare_first_frame");
        std::process::exit(2);
    }
    let data = std::env::temp_dir().join(format!("sdcoach-startup-bench-{}", std::process::id()));
    // The first start of a binary parses the built-in problems and caches them for the
    // next (BENCHMARKS.md); every start after it is what is measured, and the first
    // start, with a data dir of its own each time, is measured apart.
    let warm = std::process::Command::new(&sdcoach)
        .args(["problems", "list"])
        .env("SDCOACH_DATA_DIR", &data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(warm.status.success(), "{warm:?}");
    let mut launcher = Vec::new();
    let mut practice = Vec::new();
    let mut practice_first = Vec::new();
    let mut base = Vec::new();
    let practice_args = ["practice", "url-shortener"];
    let practice_markers = ["Requirements", "F1 help"];
    for run in 0..RUNS {
        base.push(first_frame(&bare, &[], &data, &["bare-first-frame", "┘"]));
        launcher.push(first_frame(&sdcoach, &[], &data, &["sdcoach", "? help"]));
        practice.push(first_frame(
            &sdcoach,
            &practice_args,
            &data,
            &practice_markers,
        ));
        let fresh = data.join(format!("first-{run}"));
        practice_first.push(first_frame(
            &sdcoach,
            &practice_args,
            &fresh,
            &practice_markers,
        ));
    }
    let _ = std::fs::remove_dir_all(&data);
    let base = median(base);
    println!("bare ratatui first frame          median {base:>8.2?} over {RUNS} runs");
    for (name, times) in [
        ("launcher", launcher),
        ("practice url-shortener", practice),
        ("  the same, first start", practice_first),
    ] {
        let t = median(times);
        println!(
            "sdcoach {name:<24} median {t:>8.2?}  ratio {:.2}x (target: at most 1.5x)",
            t.as_secs_f64() / base.as_secs_f64()
        );
    }
}
