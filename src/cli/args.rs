//! The command line, as clap sees it.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

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
    #[command(flatten)]
    pub reviewer: ReviewerArg,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The process's command line, or exit with clap's message (or help) when it is not
    /// one; see [`Cli::parse_args`]. The launcher's and `practice ID` are read without
    /// clap, which is slow to start (`super::common_lines`).
    pub fn parse_command_line() -> Cli {
        let argv: Vec<OsString> = std::env::args_os().collect();
        if let Some(cli) = super::common_lines::read(&argv, |name| std::env::var_os(name)) {
            return cli;
        }
        Cli::parse_args(argv).unwrap_or_else(|e| e.exit())
    }

    /// Parse a command line (program name first). `calc` takes every word after its
    /// expression's first as part of it, so that `-` and negative numbers need no quotes;
    /// its own options (`--json`, `--data-dir DIR`, `-h`, ...) found among those words are
    /// taken out and the line is parsed again with them before the expression.
    pub fn parse_args(argv: Vec<OsString>) -> Result<Cli, clap::Error> {
        let cli = parse(&argv)?;
        match calc_options_moved(&cli, &argv)? {
            Some(moved) => parse(&moved),
            None => Ok(cli),
        }
    }
}

/// As `Cli::try_parse_from`, with the top-level help's closing text ([`after_help`])
/// made only when the line may ask for that help: it is worked out from the keymap,
/// which a start of the app would otherwise pay for before its first frame.
fn parse(argv: &[OsString]) -> Result<Cli, clap::Error> {
    let mut cmd = Cli::command();
    if may_ask_for_help(argv) {
        cmd = cmd.after_help(after_help());
    }
    let mut matches = cmd.try_get_matches_from_mut(argv)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))
}

/// Whether `argv` (program name first) may print the top-level help: it has `help`,
/// `--help` or a short option cluster with `h` in it. Erring towards yes only costs time.
fn may_ask_for_help(argv: &[OsString]) -> bool {
    argv.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        a == "help"
            || a == "--help"
            || (a.starts_with('-') && !a.starts_with("--") && a.contains('h'))
    })
}

/// How sdcoach exits, for `--help` and the man page: (status, when). Each line of
/// `--help` stays within 80 columns.
pub const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "an error, or a check (problems, decks, config) that failed",
    ),
    (
        "2",
        "a bad expression (calc) or diagram (diagram), or a bad command line",
    ),
    (
        "128+n",
        "ended by signal n (SIGINT, SIGTERM, SIGHUP: the app saves first)",
    ),
];

/// What `--help` says after the options: the most used keys and the exit statuses.
fn after_help() -> String {
    let mut text = crate::config::keys_summary();
    text.push_str("\nExit status:\n");
    for (status, when) in EXIT_STATUS {
        text.push_str(&format!("  {status:<6} {when}\n"));
    }
    text
}

/// The command line with the options written among `calc`'s expression words moved
/// before it (and a `--` between), or `None` when there are none to move. A `--word`
/// that is no option of `calc` is an error: no expression has one.
fn calc_options_moved(cli: &Cli, argv: &[OsString]) -> Result<Option<Vec<OsString>>, clap::Error> {
    let Some(Command::Calc(calc)) = &cli.command else {
        return Ok(None);
    };
    let words = &calc.expr;
    if !words.iter().any(|w| w.starts_with('-')) {
        return Ok(None);
    }
    // The expression takes the rest of the line, so it is the line's tail; a line that
    // is somehow not shaped so is left as clap read it.
    let Some(start) = argv.len().checked_sub(words.len()) else {
        return Ok(None);
    };
    let (head, tail) = argv.split_at(start);
    if tail
        .iter()
        .zip(words)
        .any(|(a, w)| a.to_str() != Some(w.as_str()))
    {
        return Ok(None);
    }
    // After `--` every word is the expression's, as usual.
    if head.last().is_some_and(|a| a == "--") {
        return Ok(None);
    }
    let mut cmd = Cli::command();
    cmd.build();
    let Some(calc_cmd) = cmd.find_subcommand("calc") else {
        return Ok(None);
    };
    let split = split_calc_options(calc_cmd, words);
    if let Some(unknown) = split.unknown {
        let known: Vec<String> = calc_cmd
            .get_arguments()
            .filter_map(|a| a.get_long())
            .map(|l| format!("--{l}"))
            .collect();
        let message = format!(
            "unexpected argument '{unknown}' found; the options of calc are {}",
            known.join(", ")
        );
        return Err(calc_cmd
            .clone()
            .error(clap::error::ErrorKind::UnknownArgument, message));
    }
    if split.options.is_empty() {
        return Ok(None);
    }
    let mut moved = head.to_vec();
    moved.extend(split.options.into_iter().map(OsString::from));
    moved.push("--".into());
    moved.extend(split.expr.into_iter().map(OsString::from));
    Ok(Some(moved))
}

/// Expression words sorted into `calc`'s options and the expression proper.
#[derive(Debug, Default)]
struct Split {
    /// Options, each followed by its value when it takes one.
    options: Vec<String>,
    expr: Vec<String>,
    /// The first `--word` that is no option of `calc`.
    unknown: Option<String>,
}

/// An option is a long name (`--json`, `--data-dir=DIR`) or short flag (`-h`) that `calc`
/// accepts; any other `--word` is unknown.
fn split_calc_options(calc: &clap::Command, words: &[String]) -> Split {
    let long = |name: &str| {
        calc.get_arguments().find(|a| {
            a.get_long_and_visible_aliases()
                .is_some_and(|names| names.contains(&name))
        })
    };
    let is_short = |text: &str| {
        let mut chars = text.chars();
        chars.next() == Some('-')
            && chars.next().is_some_and(|c| {
                calc.get_arguments().any(|a| {
                    a.get_short_and_visible_aliases()
                        .is_some_and(|s| s.contains(&c))
                })
            })
            && chars.next().is_none()
    };
    let mut split = Split::default();
    let mut words = words.iter();
    while let Some(word) = words.next() {
        if let Some(name) = word.strip_prefix("--")
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            let (name, has_value) = name
                .split_once('=')
                .map_or((name, false), |(n, _)| (n, true));
            match long(name) {
                None => {
                    split.unknown.get_or_insert_with(|| word.clone());
                }
                Some(arg) if has_value || !arg.get_action().takes_values() => {
                    split.options.push(word.clone());
                }
                Some(_) => match words.next() {
                    Some(value) => {
                        split.options.push(word.clone());
                        split.options.push(value.clone());
                    }
                    // Last word with no value: an empty one, which clap refuses as
                    // missing (a bare `--data-dir` would take the `--` after it).
                    None => split.options.push(format!("{word}=")),
                },
            }
        } else if is_short(word) {
            split.options.push(word.clone());
        } else {
            split.expr.push(word.clone());
        }
    }
    split
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
    /// The config file [default: config.toml in the config dir, e.g. ~/.config/sdcoach]
    #[arg(long, global = true, env = "SDCOACH_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The reviewer command for a second opinion, over the config file's.
#[derive(Debug, Args, Clone, Default)]
pub struct ReviewerArg {
    /// The command a finished session is sent to for a second opinion (the prompt on its
    /// stdin, run through the shell), over the config's [reviewer] command. Nothing is sent
    /// anywhere unless one is set
    #[arg(long = "reviewer", env = "SDCOACH_REVIEWER", value_name = "CMD")]
    pub command: Option<String>,
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
        #[command(flatten)]
        reviewer: ReviewerArg,
    },
    /// Browse saved sessions (opens SESSION_ID directly when given; `latest` works)
    Review {
        session_id: Option<String>,
        #[command(flatten)]
        reviewer: ReviewerArg,
    },
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
    /// Draw an architecture diagram (a Mermaid flowchart, a ```mermaid block, or the short
    /// form `client -> lb -> api`) from FILE or stdin
    Diagram(DiagramArgs),
    /// Your settings: where the config file is, a commented default, checking it, the keys
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a shell completion script, e.g. `sdcoach completions bash > ~/.local/share/bash-completion/completions/sdcoach`
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `sdcoach man > ~/.local/share/man/man1/sdcoach.1`
    Man,
}

#[derive(Debug, clap::Args)]
pub struct DiagramArgs {
    /// The diagram's text; `-` (the default) reads stdin
    #[arg(default_value = "-")]
    pub file: std::path::PathBuf,
    /// Draw with plain ASCII instead of box-drawing characters
    #[arg(long)]
    pub ascii: bool,
    /// Fit the drawing in N columns where it can
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Print the diagram as Mermaid text (the short form converted) instead of drawing it
    #[arg(long)]
    pub mermaid: bool,
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
        /// What to print it as
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
    /// Delete a saved session
    Delete {
        /// Session id, or `latest`
        session_id: String,
    },
    /// Print the prompt a finished session is sent to a reviewer command with
    /// (`templates/reviewer.md`, or reviewer.md in the config folder)
    Prompt {
        /// Session id, or `latest`
        session_id: String,
    },
    /// Send a finished session to your reviewer command for a second opinion: its answer
    /// is printed as it arrives and kept with the session
    #[command(long_about = REVIEW_WITH_HELP)]
    ReviewWith {
        /// Session id, or `latest`
        session_id: String,
        #[command(flatten)]
        reviewer: ReviewerArg,
    },
}

const REVIEW_WITH_HELP: &str = "\
Send a finished session to your reviewer command for a second opinion. The command gets the
prompt that `sdcoach sessions prompt SESSION_ID` prints on its stdin (the problem, your notes
and diagrams with the time per step, your questions, calculator work, sdcoach's scorecard,
and the problem's rubric and reference notes) and its answer is printed as it arrives, then
kept with the session (`sessions export` and review show it).

The command runs through the shell, so it can be written as you would type it:
  sdcoach sessions review-with latest --reviewer 'llm -m gpt-4o-mini'
  SDCOACH_REVIEWER='ollama run llama3' sdcoach sessions review-with latest
or set once in config.toml:
  [reviewer]
  command = \"llm -m gpt-4o-mini\"
  timeout_seconds = 300

Nothing is sent anywhere unless a reviewer is set. It is stopped after timeout_seconds (5
minutes by default) or on Ctrl-C; an answer over 1 MB is cut there. Exit status 1 when it
fails, says nothing or is stopped (nothing is saved then).";

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
    /// Validate problem files (default: every problem sdcoach loads, the built-ins and
    /// your folders); prints FILE:LINE:COL: message for every error in each
    Check {
        /// Problem files to check
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// The expression; words are joined with spaces, so quotes are optional, and options may
    /// come before or after it. Without one, statements are read from stdin (one a line),
    /// or prompted for on a terminal
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
    /// Validate deck files (default: every deck sdcoach loads, the built-ins and your
    /// folders); prints FILE:LINE:COL: message for every error in each
    Check {
        /// Deck files to check
        #[arg(value_name = "FILE")]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::parse_args(line.split(' ').map(OsString::from).collect())
    }

    fn calc(line: &str) -> CalcArgs {
        match parse(line) {
            Ok(Cli {
                command: Some(Command::Calc(args)),
                ..
            }) => args,
            other => panic!("{line}: {other:?}"),
        }
    }

    /// The closing text is made only when help may be asked for: every way of asking
    /// for the top-level help still shows it, and a command's help does not.
    #[test]
    fn the_top_level_help_ends_with_the_keys_and_exit_statuses_however_it_is_asked() {
        let help = |line: &str| match parse(line) {
            Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => e.to_string(),
            other => panic!("{line}: {other:?}"),
        };
        for line in ["sdcoach --help", "sdcoach -h", "sdcoach help"] {
            let text = help(line);
            assert!(
                text.contains("Keys in a session") && text.contains("Exit status:"),
                "{line}: {text}"
            );
        }
        assert!(!help("sdcoach practice --help").contains("Exit status:"));
        assert!(!may_ask_for_help(
            &["sdcoach", "practice", "url-shortener"].map(OsString::from)
        ));
        assert!(!may_ask_for_help(&[OsString::from("sdcoach")]));
    }

    #[test]
    fn calc_options_work_after_the_expression() {
        let args = calc("sdcoach calc 500M * 2 / day to 1/s --json");
        assert!(args.json);
        assert_eq!(args.expr.join(" "), "500M * 2 / day to 1/s");
        let args = calc("sdcoach calc 1B * 200 bytes --exact * 365 --estimate");
        assert!(args.exact && args.estimate && !args.json);
        assert_eq!(args.expr.join(" "), "1B * 200 bytes * 365");
    }

    #[test]
    fn calc_expressions_keep_their_minus_signs() {
        let args = calc("sdcoach calc 10 - 3 --json");
        assert!(args.json);
        assert_eq!(args.expr, ["10", "-", "3"]);
        let args = calc("sdcoach calc -5 * 2");
        assert_eq!(args.expr, ["-5", "*", "2"]);
        let args = calc("sdcoach calc --exact -5 * -2 --json");
        assert!(args.exact && args.json);
        assert_eq!(args.expr, ["-5", "*", "-2"]);
        let args = calc("sdcoach calc -(1 - 99.9%) * 1 year to hours");
        assert_eq!(args.expr.join(" "), "-(1 - 99.9%) * 1 year to hours");
    }

    #[test]
    fn global_options_after_the_expression_take_their_values() {
        let cli = parse("sdcoach calc 10 - 3 --data-dir /tmp/d --problems-dir=/tmp/p")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cli.dirs.data_dir, Some(PathBuf::from("/tmp/d")));
        assert_eq!(cli.dirs.problems_dir, Some(PathBuf::from("/tmp/p")));
        match cli.command {
            Some(Command::Calc(args)) => assert_eq!(args.expr, ["10", "-", "3"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn help_and_unknown_options_after_the_expression_are_clap_s() {
        for line in ["sdcoach calc 1 + 2 --help", "sdcoach calc 1 + 2 -h"] {
            let kind = parse(line).err().map(|e| e.kind());
            assert_eq!(kind, Some(clap::error::ErrorKind::DisplayHelp), "{line}");
        }
        let err = parse("sdcoach calc 1 + 2 --jsn").err();
        assert_eq!(
            err.as_ref().map(|e| e.kind()),
            Some(clap::error::ErrorKind::UnknownArgument)
        );
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains("'--jsn'") && text.contains("--json"),
            "{text}"
        );
        let err = parse("sdcoach calc 1 + 2 --data-dir")
            .err()
            .map(|e| e.kind());
        assert_eq!(err, Some(clap::error::ErrorKind::InvalidValue));
    }

    #[test]
    fn after_a_double_dash_every_word_is_the_expression_s() {
        let args = calc("sdcoach calc -- 1 --json");
        assert!(!args.json);
        assert_eq!(args.expr, ["1", "--json"]);
    }
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is read from, and whether it exists
    Path,
    /// Print a commented config file with every setting at its default
    Default,
    /// Check a config file (default: the one in use) and report every error as FILE:LINE:COL
    Check {
        /// The file to check
        file: Option<PathBuf>,
    },
    /// List every context and command with its keys, your config applied
    Keys,
}
