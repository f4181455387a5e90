//! `sdcoach stats`: the progress screen's figures on stdout.

use std::process::ExitCode;

use super::Locations;
use crate::domain::sanitize::sanitize;
use crate::domain::schedule::due_today;
use crate::domain::stats::{Next, Stats, compute, suggest};
use crate::output;
use crate::store::decks::load_decks;

pub fn run(json: bool, loc: &Locations) -> anyhow::Result<ExitCode> {
    let tz = crate::store::local_time_zone();
    let today = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
    let stats = compute(&loc.store.history(), today, &tz);
    let per_day = loc.settings().config.defaults.cards_per_day();
    let cards_due = loc
        .store
        .load_schedule()
        .ok()
        .map(|schedule| due_today(&load_decks(&loc.deck_dirs), &schedule, today, per_day));
    let next = suggest(&stats, cards_due);
    let mut out = output::stdout();
    if json {
        let value = serde_json::json!({
            "stats": stats,
            "cards_due": cards_due,
            "next": next,
        });
        out.json(&value)?;
    } else {
        write!(out, "{}", text(&stats))?;
        writeln!(out, "Next            {}", next.why)?;
        writeln!(out, "                {}", command(next.next))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The command that starts a suggestion.
fn command(next: Next) -> String {
    match next {
        Next::Interview => "sdcoach practice".into(),
        Next::StepDrill(step) => format!("sdcoach drill step {}", step.key().replace('_', "-")),
        Next::Estimate => "sdcoach drill estimate".into(),
        Next::Cards => "sdcoach drill concepts".into(),
    }
}

fn text(s: &Stats) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let today = if s.practised_today {
        "practised today"
    } else {
        "nothing yet today"
    };
    let _ = writeln!(
        out,
        "Streak          {} day(s), best {}; {today}",
        s.streak, s.best_streak
    );
    let per_day: Vec<String> = s
        .days
        .iter()
        .map(|d| (d.interviews + d.drills).to_string())
        .collect();
    let _ = writeln!(
        out,
        "Last {} days    {} (oldest to today); {} sittings in all",
        s.days.len(),
        per_day.join(" "),
        s.total_sittings
    );
    match (s.accuracy.last(), s.recent_accuracy()) {
        (Some(a), Some(r)) => {
            let _ = writeln!(
                out,
                "Estimates       {:.0}% within 2x last time ({}); {:.0}% over the last {}",
                r.latest * 100.0,
                sanitize(&a.source, true),
                r.mean * 100.0,
                r.sittings
            );
        }
        _ => {
            let _ = writeln!(out, "Estimates       none yet");
        }
    }
    let _ = writeln!(
        out,
        "Key points covered, by step (interviews and step drills):"
    );
    for st in &s.steps {
        let weakest = s.weakest.as_ref().is_some_and(|w| w.step == st.step);
        let _ = writeln!(
            out,
            "  {}. {:<26} {:>5}  {} interview(s), {} drill(s){}",
            st.step.index() + 1,
            st.step.title(),
            st.coverage
                .map_or("-".to_string(), |c| format!("{:.0}%", c * 100.0)),
            st.sessions,
            st.drills,
            if weakest { "  <- weakest" } else { "" }
        );
    }
    out
}
