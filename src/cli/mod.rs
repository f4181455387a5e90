//! Non-interactive subcommands. Each prints to stdout/stderr and returns an exit code.

pub mod args;
mod calc;
mod common_lines;
mod config;
mod decks;
mod diagram;
mod man;
mod problems;
mod second_opinion;
mod sessions;
mod stats;

use anyhow::Context;

pub use args::{Cli, Command};

use crate::store::Store;
use crate::store::problems::ProblemDir;

/// Where things live, resolved once from flags, environment and platform defaults.
#[derive(Debug, Clone)]
pub struct Locations {
    pub store: Store,
    pub problem_dirs: Vec<ProblemDir>,
    pub deck_dirs: Vec<ProblemDir>,
    /// The config file, and whether it was named (`--config`, `SDCOACH_CONFIG`) rather
    /// than the default place, where it need not exist.
    pub config: Option<(std::path::PathBuf, bool)>,
    /// The config folder (`~/.config/sdcoach`), where the user's own `problems/`,
    /// `decks/` and reviewer template live.
    pub config_dir: Option<std::path::PathBuf>,
}

impl Locations {
    pub fn resolve(dirs: &args::Dirs) -> anyhow::Result<Self> {
        let project = directories::ProjectDirs::from("", "", "sdcoach");
        let data_dir = match (&dirs.data_dir, &project) {
            (Some(dir), _) => dir.clone(),
            (None, Some(p)) => p.data_dir().to_path_buf(),
            (None, None) => {
                None.context("cannot find a home folder for saved sessions; pass --data-dir DIR")?
            }
        };
        let mut problem_dirs = Vec::new();
        if let Some(dir) = &dirs.problems_dir {
            problem_dirs.push(ProblemDir {
                path: dir.clone(),
                optional: false,
            });
        }
        if let Some(p) = &project {
            problem_dirs.push(ProblemDir {
                path: p.config_dir().join("problems"),
                optional: true,
            });
        }
        let mut deck_dirs = Vec::new();
        if let Some(dir) = &dirs.decks_dir {
            deck_dirs.push(ProblemDir {
                path: dir.clone(),
                optional: false,
            });
        }
        if let Some(p) = &project {
            deck_dirs.push(ProblemDir {
                path: p.config_dir().join("decks"),
                optional: true,
            });
        }
        let config = match (&dirs.config, &project) {
            (Some(file), _) => Some((file.clone(), true)),
            (None, Some(p)) => Some((p.config_dir().join("config.toml"), false)),
            (None, None) => None,
        };
        Ok(Locations {
            store: Store::new(data_dir),
            problem_dirs,
            deck_dirs,
            config,
            config_dir: project.as_ref().map(|p| p.config_dir().to_path_buf()),
        })
    }
}

impl Locations {
    /// The settings from the config file; what is wrong with it is said on stderr.
    pub fn settings(&self) -> crate::config::Settings {
        let Some((path, named)) = &self.config else {
            return crate::config::Settings::default();
        };
        let read = crate::store::config::read_config(path, *named)
            .map(|t| t.map(|t| (path.display().to_string(), t)));
        let settings = crate::config::Settings::load(read);
        for d in &settings.problems {
            crate::output::warn(format_args!("warning: {d} (ignored)"));
        }
        settings
    }
}

/// How a check of `files` files with `errors` errors ends: success, or a count on stderr
/// and failure.
fn check_outcome(errors: usize, files: usize) -> std::process::ExitCode {
    if errors == 0 {
        return std::process::ExitCode::SUCCESS;
    }
    crate::output::warn(format_args!("{errors} error(s) in {files} file(s) checked"));
    std::process::ExitCode::FAILURE
}

pub use calc::run as calc;
pub use config::run as config;
pub use decks::run as decks;
pub use diagram::run as diagram;
pub use problems::run as problems;
pub use sessions::run as sessions;
pub use stats::run as stats;

/// `sdcoach completions SHELL`. The script is made from the argument definitions alone
/// (no file text), and sanitising it would turn its tabs into spaces. It is made in
/// memory first: clap_complete panics when its writer fails, as stdout does when the
/// reader has gone (`sdcoach completions bash | head`); this way that is an error.
#[allow(clippy::disallowed_methods)]
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<std::process::ExitCode> {
    use clap::CommandFactory;
    use std::io::Write;
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "sdcoach", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// `sdcoach man`: the manual page in roff, for `man -l -` or a `man1` folder.
pub fn man() -> anyhow::Result<std::process::ExitCode> {
    let page = man::page()?;
    let mut out = crate::output::stdout_buffered();
    write!(out, "{page}")?;
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}
