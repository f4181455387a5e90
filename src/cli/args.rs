//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::framework::Step;

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
    /// A folder of extra concept-card decks (*.toml), added to the built-in ones
    #[arg(long, global = true, env = "SDCOACH_DECKS_DIR", value_name = "DIR")]
    pub decks_dir: Option<PathBuf>,
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
    /// Short, repeatable practice: `sdcoach drill concepts` reviews the cards due today
    Drill {
        #[command(subcommand)]
        kind: DrillKind,
    },
    /// Streak, practice a day, estimation accuracy, weak steps and what to practise next
    Stats {
        /// Print JSON: {stats, cards_due, next}
        #[arg(long)]
        json: bool,
    },
    /// List or validate concept-card decks
    Decks {
        #[command(subcommand)]
        command: DecksCommand,
    },
    /// Work out an estimate in interview units, e.g. `sdcoach calc 500M * 2 / day to 1/s`
    #[command(long_about = CALC_HELP)]
    Calc(CalcArgs),
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

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// The expression; words are joined with spaces, so quotes are optional. Without one,
    /// statements are read from stdin (one a line), or prompted for on a terminal
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "EXPR"
    )]
    pub expr: Vec<String>,
    /// Print the full-precision value instead of three significant figures
    #[arg(long)]
    pub exact: bool,
    /// Print JSON: {"value": number in `unit`, "unit": "...", "display": "..."}
    #[arg(long)]
    pub json: bool,
    /// Also work the answer with interview shortcuts (a day ≈ 10^5 s) and show how far off they are
    #[arg(long)]
    pub estimate: bool,
}

const CALC_HELP: &str = "\
Work out back-of-the-envelope estimates with the units and shorthand of system-design
interviews. Results have three significant figures with the best unit (≈ 11.6K /s, 365 TB).

Examples:
  sdcoach calc 500M * 2 / day to 1/s          ≈ 11.6K /s
  sdcoach calc 1B * 200 bytes * 365 * 5       365 TB
  sdcoach calc '(1 - 99.9%) * 1 year to hours'   8.76 hours
  printf 'dau = 500M\\ndau * 2 / day\\n' | sdcoach calc

Numbers: 1e9, 10^9, 2^30, 1,000 or 1_000, 99.9%, suffixes K M B bn T and the words thousand,
million, billion, trillion.
The B rule: B glued to a number (1B, 2.5B) is a billion; B as its own word or inside a unit
(200 B, MB, B/s) is bytes; bn is always a billion, byte/bytes always bytes.
Units: B KB MB GB TB PB EB (powers of 1000), KiB..EiB (powers of 1024), bit Kbit..Tbit,
bps Kbps..Tbps (8 bits a byte), ms s min h day week month (30 days) year (365 days), /s /day
per day, qps rps. Words such as users, req, photos are labels and change nothing.
Operators + - * / ^ ( ); conversions: to, in, ->; variables (dau = 500M), ans; functions
ceil floor round log2 log10 sqrt min max.
Exit status 2 on a bad expression, with the column of the problem.";

#[derive(Debug, Subcommand)]
pub enum DecksCommand {
    /// List every deck that loaded, with its card count and today's cards: due, and new
    /// (up to 10 new a day, shared by all decks)
    List {
        /// Print a JSON array of {id, title, cards, due, new, file}
        #[arg(long)]
        json: bool,
    },
    /// Validate deck files; prints FILE:LINE:COL: message for each error
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DrillKind {
    /// Back-of-the-envelope questions on generated scenarios, each against the clock
    Estimate {
        /// Make the round repeatable (default: from the clock)
        #[arg(long)]
        seed: Option<u64>,
        /// How many questions
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=50))]
        count: u16,
        /// Seconds for each question
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u64).range(10..=3600))]
        seconds: u64,
    },
    /// One step of a problem on that step's budget, scored with its rubric
    #[command(long_about = STEP_HELP)]
    Step {
        /// The step: 1-6 or a name (requirements, capacity, apis, data-model, architecture,
        /// bottlenecks) [default: picked at random]
        #[arg(value_parser = parse_step)]
        step: Option<Step>,
        /// Problem id (see `sdcoach problems list`) [default: picked at random]
        #[arg(long, value_name = "ID")]
        problem: Option<String>,
        /// Make the random choices repeatable (default: from the clock)
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Concept flashcards with spaced repetition: the cards due today, then new ones (up to
    /// 10 a day)
    Concepts {
        /// Only this deck (see `sdcoach decks list`)
        #[arg(long)]
        deck: Option<String>,
    },
}

const STEP_HELP: &str = "\
Practise one step of the framework on its own: the step's notes pane, guidance, hints,
calculator and interviewer, against that step's budget (5 minutes for most, 15 for the
architecture, 10 for trade-offs). Press e to finish; the drill is scored with the
problem's rubric for that step and saved like a session, so it shows in review (Tab to the
drills list) and counts towards the weakest step in the stats.

Examples:
  sdcoach drill step data-model --problem url-shortener
  sdcoach drill step 2            capacity estimates of a random problem
  sdcoach drill step              a random step of a random problem";

fn parse_step(text: &str) -> Result<Step, String> {
    Step::parse(text).ok_or_else(|| {
        format!(
            "no step {text:?}; use 1-6 or one of: {}",
            Step::ALL.map(|s| s.key().replace('_', "-")).join(", ")
        )
    })
}
