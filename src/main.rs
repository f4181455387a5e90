//! sdcoach: practise system-design interviews alone, in the terminal.

use std::process::ExitCode;

use anyhow::bail;

use sdcoach::cli::{self, Cli, Command, Locations};
use sdcoach::domain::problem::Catalog;
use sdcoach::output::warn;
use sdcoach::store::problems::{load_catalog_cached, load_first_screen};
use sdcoach::tui::{self, Start};

fn main() -> ExitCode {
    let args = Cli::parse_command_line();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            warn(format_args!("error: {e:#}"));
            ExitCode::FAILURE
        }
    }
}

fn run(args: Cli) -> anyhow::Result<ExitCode> {
    let loc = Locations::resolve(&args.dirs)?;
    // The reviewer the app's screens use: the subcommand's --reviewer, else the
    // top-level one (both also read SDCOACH_REVIEWER), else the config's.
    let reviewer = match &args.command {
        Some(Command::Practice { reviewer, .. } | Command::Review { reviewer, .. }) => {
            reviewer.command.clone()
        }
        _ => None,
    }
    .or(args.reviewer.command);
    let start = match args.command {
        None => Start::Launcher,
        Some(Command::Practice {
            problem_id, resume, ..
        }) => match (problem_id, resume) {
            (_, Some(session)) if session == "latest" => {
                // The newest unfinished session that reads in full; broken newer ones are
                // named, not allowed to block it.
                let (found, skipped) = loc.store.latest_resumable()?;
                for (id, why) in &skipped {
                    warn(format_args!("skipped unreadable session {id}: {why}"));
                }
                let Some(t) = found else {
                    bail!("no unfinished session to resume");
                };
                Start::Resume {
                    transcript: Box::new(t),
                    skipped,
                }
            }
            (_, Some(session)) => {
                let id = loc.store.resolve(&session, false)?;
                let t = loc.store.load(&id)?;
                if t.header.status != sdcoach::domain::transcript::Status::InProgress {
                    bail!("session {id} is complete; start a new one with `sdcoach practice`");
                }
                Start::Resume {
                    transcript: Box::new(t),
                    skipped: Vec::new(),
                }
            }
            (Some(problem), None) => Start::Practice(problem),
            (None, None) => Start::Picker,
        },
        Some(Command::Review {
            session_id: None, ..
        }) => Start::Review,
        Some(Command::Review {
            session_id: Some(id),
            ..
        }) => {
            let id = loc.store.resolve(&id, false)?;
            Start::ReviewSession(Box::new(loc.store.load(&id)?))
        }
        Some(Command::Sessions { command }) => return cli::sessions(command, &loc),
        Some(Command::Problems { command }) => return cli::problems(command, &loc),
        Some(Command::Calc(calc_args)) => return cli::calc(calc_args, &loc),
        Some(Command::Diagram(args)) => return cli::diagram(args),
        Some(Command::Decks { command }) => return cli::decks(command, &loc),
        Some(Command::Stats { json }) => return cli::stats(json, &loc),
        Some(Command::Drill {
            kind: cli::args::DrillKind::Concepts { deck },
        }) => Start::Cards(deck),
        Some(Command::Drill {
            kind:
                cli::args::DrillKind::Step {
                    step,
                    problem,
                    seed,
                },
        }) => Start::StepDrill {
            problem,
            step,
            seed: seed
                .unwrap_or_else(|| jiff::Timestamp::now().as_nanosecond().unsigned_abs() as u64),
        },
        Some(Command::Drill {
            kind:
                cli::args::DrillKind::Estimate {
                    seed,
                    count,
                    seconds,
                },
        }) => Start::Estimate {
            seed: seed.unwrap_or_else(|| jiff::Timestamp::now().as_second().unsigned_abs()),
            count: usize::from(count),
            secs: seconds,
        },
        Some(Command::Config { command }) => return cli::config(command, &loc),
        Some(Command::Man) => return cli::man(),
        Some(Command::Completions { shell }) => return cli::completions(shell),
    };

    // Start-up reads only the problems the first screen needs; the TUI reads the rest
    // right after its first frame.
    let wanted = match &start {
        Start::Practice(id)
        | Start::StepDrill {
            problem: Some(id), ..
        } => Some(id.as_str()),
        _ => None,
    };
    let dirs = &loc.problem_dirs;
    let cache = || loc.store.builtin_cache();
    let (catalog, catalog_complete) = match &start {
        Start::Practice(id)
        | Start::StepDrill {
            problem: Some(id), ..
        } => (load_first_screen(dirs, id, &cache()), false),
        Start::Resume { transcript, .. } => (
            load_first_screen(dirs, &transcript.header.problem_id, &cache()),
            false,
        ),
        Start::Picker | Start::StepDrill { problem: None, .. } => {
            (load_catalog_cached(dirs, &cache()), true)
        }
        _ => (Catalog::default(), false),
    };
    if let Some(id) = wanted
        && catalog.get(id).is_none()
    {
        for w in &catalog.warnings {
            warn(format_args!("warning: {w} (file skipped)"));
        }
        bail!("no problem {id:?}; `sdcoach problems list` shows the ids");
    }
    let tui_dirs = tui::Dirs {
        problems: loc.problem_dirs.clone(),
        decks: loc.deck_dirs.clone(),
        catalog_complete,
        config: loc.config_dir.clone(),
    };
    let mut settings = loc.settings();
    settings.config.reviewer.override_with(reviewer.as_deref());
    let outcome = tui::run(loc.store.clone(), tui_dirs, catalog, start, settings)?;
    // The terminal is restored: everything said now stays on screen.
    for line in &outcome.report {
        warn(format_args!("{line}"));
    }
    if let Some(path) = &outcome.saved {
        warn(format_args!("Session saved: {}", path.display()));
    }
    Ok(match (outcome.signal, outcome.unsaved) {
        // As shells expect of a process ended by a signal.
        (Some(n), _) => ExitCode::from(u8::try_from(128 + n).unwrap_or(1)),
        (None, true) => ExitCode::FAILURE,
        (None, false) => ExitCode::SUCCESS,
    })
}
