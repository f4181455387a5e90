//! `sdcoach sessions prompt|review-with`: a finished session's prompt, and a second
//! opinion on it from the user's reviewer command, printed as it arrives and kept.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::bail;

use super::Locations;
use crate::domain::sanitize::sanitize;
use crate::domain::transcript::{Status, Transcript};
use crate::output::{self, warn};

/// A finished session, by id or `latest`; an unfinished one is refused (its scorecard and
/// the problem's reference notes, both part of the prompt, come at the end).
fn finished_session(loc: &Locations, session_id: &str) -> anyhow::Result<Transcript> {
    let id = loc.store.resolve(session_id, false)?;
    let t = loc.store.load(&id)?;
    if t.header.status != Status::Complete {
        bail!(
            "session {} is not finished: a second opinion is for a finished interview, whose \
             scorecard and reference notes are part of what is sent. Finish it first \
             (`sdcoach practice --resume {}`, then end the interview)",
            sanitize(&id, true),
            sanitize(&id, true)
        );
    }
    Ok(t)
}

/// The prompt for `t`, filled in with the problem as it loads now; what was wrong with
/// the user's own template goes to stderr.
pub fn prompt_for(t: &Transcript, loc: &Locations) -> String {
    let catalog = crate::store::problems::load_problem(
        &loc.problem_dirs,
        &t.header.problem_id,
        &loc.store.builtin_cache(),
    );
    let problem = catalog.get(&t.header.problem_id);
    let (text, warnings) =
        crate::store::config::reviewer_prompt(loc.config_dir.as_deref(), t, problem);
    for w in warnings {
        warn(format_args!("warning: {w}"));
    }
    text
}

/// `sessions prompt SESSION_ID`: exactly what the reviewer command would get.
pub fn print_prompt(session_id: &str, loc: &Locations) -> anyhow::Result<ExitCode> {
    let t = finished_session(loc, session_id)?;
    let text = prompt_for(&t, loc);
    let mut out = output::stdout_buffered();
    write!(out, "{text}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `sessions review-with SESSION_ID [--reviewer CMD]`.
pub fn review_with(
    session_id: &str,
    flag: Option<&str>,
    loc: &Locations,
) -> anyhow::Result<ExitCode> {
    let t = finished_session(loc, session_id)?;
    let id = t.header.id.clone();
    let settings = loc.settings();
    let Some((reviewer, _)) = settings.config.reviewer.effective(flag) else {
        bail!("{}", crate::config::NO_REVIEWER);
    };
    // Fail before asking, not after: the answer could not be kept.
    if let Some(pid) = loc.store.held_by(&id) {
        let held = crate::store::LockError::Held {
            id: id.clone(),
            pid,
        };
        bail!("{held}: close it there first; nothing was sent");
    }
    let prompt = prompt_for(&t, loc);

    // Ctrl-C, SIGTERM and SIGHUP stop the reviewer (and what it started) and nothing is
    // saved.
    let cancel = Arc::new(AtomicBool::new(false));
    let caught = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&cancel))?;
        signal_hook::flag::register_usize(
            signal,
            Arc::clone(&caught),
            usize::try_from(signal).unwrap_or(0),
        )?;
    }

    warn(format_args!(
        "Asking `{}` for a second opinion on {} ({} KB prompt; stopped after {} s)…",
        sanitize(&reviewer.command, true),
        sanitize(&id, true),
        prompt.len().div_ceil(1024),
        reviewer.timeout.as_secs()
    ));
    let asked_at = jiff::Timestamp::now();
    let mut out = output::stdout();
    let mut last = '\n';
    // A closed stdout (piped into `head`) must not stop the answer being kept.
    let outcome = crate::reviewer::run(&reviewer, &prompt, &cancel, |piece| {
        let _ = write!(out, "{piece}");
        let _ = out.flush();
        if let Some(c) = piece.chars().next_back() {
            last = c;
        }
    });
    if last != '\n' {
        let _ = writeln!(out);
    }
    let _ = out.flush();
    drop(out);
    let outcome = outcome.map_err(|e| {
        anyhow::anyhow!(
            "cannot start the reviewer `{}`: {e}; nothing was sent",
            sanitize(&reviewer.command, true)
        )
    })?;
    let record = match outcome.record(&reviewer, asked_at) {
        Ok(record) => record,
        Err(why) => {
            warn(format_args!("error: {why}"));
            warn(format_args!("Nothing was saved."));
            let signal = caught.load(Ordering::Relaxed);
            return Ok(match u8::try_from(128 + signal) {
                Ok(code) if signal > 0 => ExitCode::from(code),
                _ => ExitCode::FAILURE,
            });
        }
    };
    for note in record.notes() {
        warn(format_args!("note: {note}"));
    }
    if let Err(e) = loc.store.add_review(&id, record) {
        warn(format_args!("error: {e:#}"));
        warn(format_args!(
            "The answer above is not in the session; copy it from the terminal if you want it."
        ));
        return Ok(ExitCode::FAILURE);
    }
    let count = loc.store.load(&id).map(|t| t.reviews.len()).unwrap_or(0);
    warn(format_args!(
        "Kept with session {} (second opinion {count}); `sdcoach sessions export {}` shows it.",
        sanitize(&id, true),
        sanitize(&id, true)
    ));
    Ok(ExitCode::SUCCESS)
}
