//! `sdcoach decks list|check`

use std::process::ExitCode;

use super::Locations;
use super::args::DecksCommand;
use crate::domain::deck::Decks;
use crate::domain::sanitize::sanitize;
use crate::domain::schedule::{Schedule, new_left, per_deck};
use crate::output::{self, warn};
use crate::store::decks::{load_decks, sources};
use crate::store::problems::file_source;

pub fn run(command: DecksCommand, loc: &Locations) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    let code = match command {
        DecksCommand::List { json } => {
            let decks = load_decks(&loc.deck_dirs);
            for w in &decks.warnings {
                warn(format_args!("warning: {w} (file skipped)"));
            }
            let schedule = loc.store.load_schedule().unwrap_or_else(|e| {
                warn(format_args!("warning: {e:#}"));
                Schedule::new()
            });
            let today = jiff::Timestamp::now()
                .to_zoned_datetime(crate::store::local_time_zone())
                .date();
            // Today's list for every deck, as the drill and the launcher count it.
            let per_day = loc.settings().config.defaults.cards_per_day();
            let today_by_deck = per_deck(&decks, &schedule, today, per_day);
            let rows = decks.decks.iter().zip(&today_by_deck);
            if json {
                let list: Vec<serde_json::Value> = rows
                    .map(|(d, t)| {
                        serde_json::json!({
                            "id": d.id,
                            "title": d.title,
                            "cards": d.cards.len(),
                            "due": t.due,
                            "new": t.new,
                            "file": d.file,
                        })
                    })
                    .collect();
                out.json(&list)?;
            } else {
                for (d, t) in rows {
                    writeln!(
                        out,
                        "{:<22} {:>4} cards {:>4} due {:>3} new  {}",
                        d.id,
                        d.cards.len(),
                        t.due,
                        t.new,
                        sanitize(&d.title, true)
                    )?;
                }
                let due: usize = today_by_deck.iter().map(|t| t.due).sum();
                let new: usize = today_by_deck.iter().map(|t| t.new).sum();
                writeln!(
                    out,
                    "{} to review today: {due} due and {new} new \
                     (up to {per_day} new cards a day; {} left today)",
                    due + new,
                    new_left(&schedule, today, per_day),
                )?;
            }
            ExitCode::SUCCESS
        }
        DecksCommand::Check { files } => {
            let sources = if files.is_empty() {
                sources(&loc.deck_dirs)
            } else {
                files.iter().map(|f| file_source(f)).collect()
            };
            // As loading reads them, so a repeated id is reported where it repeats.
            let mut decks = Decks::default();
            let mut total = 0;
            for source in &sources {
                let before = decks.warnings.len();
                match &source.bytes {
                    Ok(bytes) => decks.add(&source.file, bytes),
                    Err(why) => decks.warnings.push(why.clone()),
                }
                let errors = &decks.warnings[before..];
                for w in errors {
                    warn(format_args!("{w}"));
                }
                total += errors.len();
                if errors.is_empty()
                    && let Some(d) = decks.decks.last()
                {
                    writeln!(
                        out,
                        "ok {} ({}, {} cards)",
                        sanitize(&d.file, true),
                        d.id,
                        d.cards.len()
                    )?;
                }
            }
            super::check_outcome(total, sources.len())
        }
    };
    out.flush()?;
    Ok(code)
}
