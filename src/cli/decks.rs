//! `sdcoach decks list|check`

use std::io::Write;
use std::process::ExitCode;

use super::Locations;
use super::args::DecksCommand;
use crate::domain::deck::{Deck, Decks};
use crate::domain::srs::is_due;
use crate::store::decks::{Schedule, add_file, load_decks};

pub fn run(command: DecksCommand, loc: &Locations) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match command {
        DecksCommand::List { json } => {
            let decks = load_decks(&loc.deck_dirs);
            for w in &decks.warnings {
                eprintln!("warning: {w} (file skipped)");
            }
            let schedule = loc.store.load_schedule().unwrap_or_else(|e| {
                eprintln!("warning: {e:#}");
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
                writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
            } else {
                for d in &decks.decks {
                    writeln!(
                        out,
                        "{:<22} {:>4} cards {:>4} due  {}",
                        d.id,
                        d.cards.len(),
                        due(d),
                        d.title
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        DecksCommand::Check { files } => {
            let mut decks = Decks::default();
            for f in &files {
                add_file(&mut decks, f);
            }
            for w in &decks.warnings {
                eprintln!("{w}");
            }
            for d in &decks.decks {
                writeln!(out, "ok {} ({}, {} cards)", d.file, d.id, d.cards.len())?;
            }
            Ok(if decks.warnings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
