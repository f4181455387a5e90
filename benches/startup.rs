//! Start to first frame, as a whole process in a pseudo-terminal: sdcoach's launcher and
//! `sdcoach practice url-shortener` against a bare ratatui app drawing one frame.
//!
//! A frame counts when its text is on the terminal: the output is fed to a terminal
//! emulator (vt100) and the clock stops when the screen shows both a word near the top
//! and the text of the frame's last row, not when the first bytes arrive.
//!
//! Run: `cargo build --release --example bare_first_frame && cargo bench --bench startup`.
//! `STARTUP_RUNS=N` sets the number of rounds (40); `STARTUP_COMPARE=PATH` also times
//! another sdcoach binary (a build of an earlier commit, say) in the same rounds.
//!
//! Each round starts every program once, one after the other, so a ratio can be taken
//! within a round as well as between medians: on a machine whose speed drifts (other
//! builds on the same cores) the first is steadier.

// Developer output about built-in data, not text from users' files (see clippy.toml).
#![allow(clippy::disallowed_macros)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The first and third quartiles.
fn quartiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |q: usize| v.get(v.len() * q / 4).copied().unwrap_or(f64::NAN);
    (at(1), at(3))
}

/// One kind of start to time: the program, its arguments, the text its first frame
/// shows, and whether each run gets a data dir of its own (nothing cached yet).
struct Start {
    name: String,
    bin: PathBuf,
    args: &'static [&'static str],
    markers: &'static [&'static str],
    fresh: bool,
}

const PRACTICE: &[&str] = &["practice", "url-shortener"];
const PRACTICE_SHOWS: &[&str] = &["Requirements", "F1 help"];
const LAUNCHER_SHOWS: &[&str] = &["sdcoach", "? help"];

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
    let runs: usize = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    let data = std::env::temp_dir().join(format!("sdcoach-startup-bench-{}", std::process::id()));
    let start = |name: &str, bin: &Path, args, markers, fresh| Start {
        name: name.to_string(),
        bin: bin.to_path_buf(),
        args,
        markers,
        fresh,
    };
    let mut starts = vec![
        start("launcher", &sdcoach, &[], LAUNCHER_SHOWS, false),
        start(
            "practice url-shortener",
            &sdcoach,
            PRACTICE,
            PRACTICE_SHOWS,
            false,
        ),
        start(
            "  the same, first start",
            &sdcoach,
            PRACTICE,
            PRACTICE_SHOWS,
            true,
        ),
    ];
    if let Some(other) = std::env::var_os("STARTUP_COMPARE").map(PathBuf::from) {
        starts.push(start(
            "compared: launcher",
            &other,
            &[],
            LAUNCHER_SHOWS,
            false,
        ));
        starts.push(start(
            "compared: practice",
            &other,
            PRACTICE,
            PRACTICE_SHOWS,
            false,
        ));
    }
    // The first start of a binary parses the built-in problems and caches them for the
    // next (BENCHMARKS.md); every start after it is what is measured, and the first
    // start, with a data dir of its own each time, is measured apart.
    for bin in starts.iter().map(|s| &s.bin) {
        let warm = std::process::Command::new(bin)
            .args(["problems", "list"])
            .env("SDCOACH_DATA_DIR", &data)
            .env("XDG_CONFIG_HOME", data.join("config"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(warm.status.success(), "{warm:?}");
    }
    let mut base = Vec::new();
    let mut times: Vec<Vec<f64>> = starts.iter().map(|_| Vec::new()).collect();
    for run in 0..runs {
        base.push(first_frame(&bare, &[], &data, &["bare-first-frame", "┘"]).as_secs_f64());
        for (i, s) in starts.iter().enumerate() {
            let dir = if s.fresh {
                data.join(format!("first-{run}-{i}"))
            } else {
                data.clone()
            };
            times[i].push(first_frame(&s.bin, s.args, &dir, s.markers).as_secs_f64());
        }
    }
    let _ = std::fs::remove_dir_all(&data);
    let ms = |t: f64| t * 1000.0;
    let bare_median = median(base.clone());
    println!(
        "bare ratatui first frame           median {:>6.2} ms over {runs} rounds",
        ms(bare_median)
    );
    println!(
        "(ratio: of the medians; in brackets, the median and quartiles of each round's ratio)"
    );
    for (s, t) in starts.iter().zip(times) {
        let per_round: Vec<f64> = t.iter().zip(&base).map(|(t, b)| t / b).collect();
        let (q1, q3) = quartiles(per_round.clone());
        let m = median(t);
        println!(
            "sdcoach {:<26} median {:>6.2} ms  ratio {:.2}x  [{:.2}x, {:.2}-{:.2}x]  (target: at most 1.5x)",
            s.name,
            ms(m),
            m / bare_median,
            median(per_round),
            q1,
            q3
        );
    }
}
