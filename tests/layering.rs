//! The dependency rules in src/lib.rs, checked on the source: the domain knows nothing of
//! terminals, files or the app around it; the command line does not reach into the TUI;
//! and outside the clock nothing in the domain or the TUI reads the time itself (the
//! time is an argument, so tests can make it up).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>`, with its text up to its test module (tests may
/// read files and clocks).
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut files,
    );
    assert!(!files.is_empty(), "no sources under src/{dir}");
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let code = match text.find("\n#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            (path, code)
        })
        .collect()
}

fn offences(dir: &str, forbidden: &[&str], allowed: &[&str]) -> Vec<String> {
    sources(dir)
        .iter()
        .filter(|(path, _)| !allowed.iter().any(|a| path.ends_with(a)))
        .flat_map(|(path, code)| {
            code.lines()
                .enumerate()
                .filter(|(_, line)| !line.trim_start().starts_with("//"))
                .flat_map(move |(n, line)| {
                    forbidden
                        .iter()
                        .filter(|f| line.contains(**f))
                        .map(move |f| format!("{}:{}: {f}", path.display(), n + 1))
                })
        })
        .collect()
}

#[test]
fn the_domain_uses_neither_the_terminal_nor_the_disk_nor_the_app() {
    let found = offences(
        "domain",
        &[
            "crate::tui",
            "crate::store",
            "crate::cli",
            "ratatui",
            "crossterm",
            "std::fs",
        ],
        &[],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_command_line_goes_to_the_domain_not_the_tui() {
    let found = offences("cli", &["crate::tui"], &[]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_the_clock_reads_the_time_in_the_domain_and_the_tui() {
    let clocks = ["Instant::now()", "Timestamp::now()", "SystemTime::now()"];
    let mut found = offences("domain", &clocks, &[]);
    found.extend(offences("tui", &clocks, &["tui/clock.rs"]));
    assert!(found.is_empty(), "{found:#?}");
}
