//! `sdcoach decks list|check`

use std::process::ExitCode;

use super::Locations;
use super::args::DecksCommand;
use crate::domain::deck::{Deck, Decks};
use crate::domain::sanitize::sanitize;
use crate::domain::schedule::Schedule;
use crate::domain::srs::is_due;
use crate::output::{self, warn};
use crate::store::decks::{add_file, load_decks};

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
            let due = |d: &Deck| {
                d.cards
                    .iter()
                    .filter(|c| {
                        schedule
                            .get(&d.card_key(c))
                            .is_some_and(|s| is_due(s, today))
                    })
                    .count()
            };
            if json {
                let list: Vec<serde_json::Value> = decks
                    .decks
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "id": d.id,
                            "title": d.title,
                            "cards": d.cards.len(),
                            "due": due(d),
                            "file": d.file,
                        })
                    })
                    .collect();
                out.json(&list)?;
            } else {
                for d in &decks.decks {
                    writeln!(
                        out,
                        "{:<22} {:>4} cards {:>4} due  {}",
                        d.id,
                        d.cards.len(),
                        due(d),
                        sanitize(&d.title, true)
                    )?;
                }
            }
            ExitCode::SUCCESS
        }
        DecksCommand::Check { files } => {
            let mut decks = Decks::default();
            for f in &files {
                add_file(&mut decks, f);
            }
            for w in &decks.warnings {
                warn(format_args!("{w}"));
            }
            for d in &decks.decks {
                writeln!(
                    out,
                    "ok {} ({}, {} cards)",
                    sanitize(&d.file, true),
                    d.id,
                    d.cards.len()
                )?;
            }
            if decks.warnings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    };
    out.flush()?;
    Ok(code)
}
