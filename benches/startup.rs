//! Start to first frame, as a whole process in a pseudo-terminal: sdcoach's launcher and
//! `sdcoach practice url-shortener` against a bare ratatui app drawing one frame.
//!
//! A frame counts when its text is on the terminal: the output is fed to a terminal
//! emulator (vt100) and the clock stops when the screen shows both a word near the top
//! and the text of the frame's last row, not when the first bytes arrive.
//!
//! Run: `cargo build --release --example bare_first_frame && cargo bench --bench startup`.
//! `STARTUP_RUNS=N` sets the number of rounds (40); `STARTUP_COMPARE=PATH[:PATH...]` also
//! times other sdcoach binaries (builds of earlier commits, say) in the same rounds,
//! named A, B, ... in the output. Every program is timed as a copy (see `installed`).
//!
//! Each round starts every program once, one after the other, so a ratio can be taken
//! within a round as well as between medians: on a machine whose speed drifts (other
//! builds on the same cores) the first is steadier. The order turns by one each round:
//! a start right after another kind measured up to 0.35 ms apart from the same program
//! elsewhere in the round, and turning gives every program every place.

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
    // Programs are timed as installed, copied (as `cargo install` and packages do): here a
    // file just written by the linker started 0.25-0.35 ms slower than a copy of it, the
    // larger binary more. STARTUP_IN_PLACE=1 times them where cargo built them.
    let in_place = std::env::var_os("STARTUP_IN_PLACE").is_some();
    let installed = |bin: &Path, name: &str| -> PathBuf {
        if in_place {
            return bin.to_path_buf();
        }
        let to = data.join("bin").join(name);
        let copied =
            std::fs::create_dir_all(data.join("bin")).and_then(|()| std::fs::copy(bin, &to));
        copied.unwrap_or_else(|e| panic!("copy {} to {}: {e}", bin.display(), to.display()));
        to
    };
    let bare = installed(&bare, "bare_first_frame");
    let sdcoach = installed(&sdcoach, "sdcoach");
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
    let compared = std::env::var_os("STARTUP_COMPARE").unwrap_or_default();
    let compared = std::env::split_paths(&compared).filter(|p| !p.as_os_str().is_empty());
    for (n, other) in compared.enumerate() {
        let name = |what: &str| format!("{}: {what}", char::from(b'A' + n as u8));
        let other = installed(&other, &format!("compared-{n}"));
        starts.push(start(&name("launcher"), &other, &[], LAUNCHER_SHOWS, false));
        starts.push(start(
            &name("practice"),
            &other,
            PRACTICE,
            PRACTICE_SHOWS,
            false,
        ));
    }
    // The first start of a binary parses the built-in problems and caches them for the
    // next (BENCHMARKS.md); every start after it is what is measured, and the first
    // start, with a data dir of its own each time, is measured apart.
    // Each binary has a data dir of its own: the cache is stamped with the binary that
    // wrote it, and two sharing one would each find the other's.
    let bins: Vec<&PathBuf> = starts.iter().map(|s| &s.bin).collect();
    let home = |bin: &Path| {
        let n = bins.iter().position(|b| b.as_path() == bin).unwrap_or(0);
        data.join(format!("binary-{n}"))
    };
    for bin in starts.iter().map(|s| &s.bin) {
        let warm = std::process::Command::new(bin)
            .args(["problems", "list"])
            .env("SDCOACH_DATA_DIR", home(bin))
            .env("XDG_CONFIG_HOME", home(bin).join("config"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(warm.status.success(), "{warm:?}");
    }
    let mut base = Vec::new();
    let mut times: Vec<Vec<f64>> = starts.iter().map(|_| Vec::new()).collect();
    let kinds = starts.len() + 1;
    for run in 0..runs {
        for turn in 0..kinds {
            // 0 is the bare app, then each of `starts`.
            let Some(i) = ((run + turn) % kinds).checked_sub(1) else {
                base.push(first_frame(&bare, &[], &data, &["bare-first-frame", "┘"]).as_secs_f64());
                continue;
            };
            let s = &starts[i];
            let dir = if s.fresh {
                data.join(format!("first-{run}-{i}"))
            } else {
                home(&s.bin)
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
