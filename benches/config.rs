//! What reading the config file adds to start-up: the file read from disk and parsed into
//! settings and a keymap, as `Locations::settings` does before the first frame. Two
//! files: `sdcoach config default` as printed (every setting a comment, what most users
//! keep), and the same file with every setting written out.
//!
//! Run: `cargo bench --bench config`. Figures and machine: BENCHMARKS.md.

use divan::Bencher;
use sdcoach::config::{DEFAULT, Settings};
use sdcoach::store::config::read_config;

fn main() {
    divan::main();
}

/// Read and parse `text` from a file, as start-up does.
fn bench_file(bencher: Bencher, text: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write: {e}"));
    let settings = Settings::load(Ok(Some(("config.toml".into(), text.to_string()))));
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    bencher.bench(|| {
        let read = read_config(&path, false).map(|t| t.map(|t| ("config.toml".to_string(), t)));
        Settings::load(read)
    });
}

#[divan::bench]
fn config_default_as_printed(bencher: Bencher) {
    bench_file(bencher, DEFAULT);
}

#[divan::bench]
fn config_every_setting(bencher: Bencher) {
    let text = sdcoach::config::every_setting();
    assert!(text.contains("\nmouse = true"), "settings were uncommented");
    bench_file(bencher, &text);
}
