//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Practise system-design interviews alone, in the terminal.
///
/// Run with no command for the launcher: practise a problem, resume an unfinished
/// session, or review past ones.
#[derive(Debug, Parser)]
#[command(name = "sdcoach", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub dirs: Dirs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct Dirs {
    /// Where sessions are saved [default: the platform's data dir, e.g. ~/.local/share/sdcoach]
    #[arg(long, global = true, env = "SDCOACH_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A folder of extra problem files (*.toml), added to the built-in ones
    #[arg(long, global = true, env = "SDCOACH_PROBLEMS_DIR", value_name = "DIR")]
    pub problems_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a 45-minute mock interview (no id: pick from a list)
    Practice {
        /// Problem id, e.g. url-shortener (see `sdcoach problems list`)
        #[arg(conflicts_with = "resume")]
        problem_id: Option<String>,
        /// Reopen the latest unfinished session, or the one given
        #[arg(long, value_name = "SESSION_ID", num_args = 0..=1, default_missing_value = "latest")]
        resume: Option<String>,
    },
    /// Browse saved sessions (opens SESSION_ID directly when given; `latest` works)
    Review { session_id: Option<String> },
    /// List, export or delete saved sessions
    Sessions {
        #[command(subcommand)]
        command: SessionsCommand,
    },
    /// List, show or validate problems
    Problems {
        #[command(subcommand)]
        command: ProblemsCommand,
    },
    /// Print a shell completion script, e.g. `sdcoach completions bash > ~/.local/share/bash-completion/completions/sdcoach`
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List sessions, newest first
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print a session to stdout
    Export {
        /// Session id, or `latest`
        session_id: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
    /// Delete a saved session
    Delete {
        /// Session id, or `latest`
        session_id: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Markdown: a heading per step and a time table
    Md,
    /// The full transcript as JSON
    Json,
    /// The full transcript as TOML (the saved format)
    Toml,
}

#[derive(Debug, Subcommand)]
pub enum ProblemsCommand {
    /// List every problem that loaded
    List {
        /// Print a JSON array of {id, title, difficulty, tags, minutes, origin, file}
        #[arg(long)]
        json: bool,
    },
    /// Show one problem: statement, budgets and guidance
    Show {
        problem_id: String,
        /// Print the whole problem as JSON
        #[arg(long)]
        json: bool,
    },
    /// Validate problem files; prints FILE:LINE:COL: message for each error
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}
