//! Loading concept-card decks (built-ins, then user folders), and reading and writing the
//! card schedule (what it holds and means is [`crate::domain::schedule`]).

use std::borrow::Cow;
use std::fs;

use anyhow::Context;

use super::problems::{ProblemDir, Source, folder_sources};
use super::{Store, write_atomic};
use crate::domain::deck::Decks;
use crate::domain::problem::Origin;
use crate::domain::schedule::Schedule;

/// Built-in decks, compiled in like the problems.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "fundamentals.toml",
        include_str!("../../decks/fundamentals.toml"),
    ),
    (
        "cap-and-consistency.toml",
        include_str!("../../decks/cap-and-consistency.toml"),
    ),
    (
        "interview-framework.toml",
        include_str!("../../decks/interview-framework.toml"),
    ),
    ("patterns.toml", include_str!("../../decks/patterns.toml")),
    (
        "operations.toml",
        include_str!("../../decks/operations.toml"),
    ),
];

/// Every deck file sdcoach loads, in order: the built-ins, then each folder's `*.toml`.
pub fn sources(dirs: &[ProblemDir]) -> Vec<Source> {
    let mut out: Vec<Source> = BUILTIN
        .iter()
        .map(|(name, text)| Source {
            file: format!("decks/{name}"),
            bytes: Ok(Cow::Borrowed(text.as_bytes())),
            origin: Origin::Builtin,
        })
        .collect();
    out.extend(folder_sources(dirs));
    out
}

/// Built-ins first, then every `*.toml` in each folder, in name order.
pub fn load_decks(dirs: &[ProblemDir]) -> Decks {
    let mut decks = Decks::default();
    for source in sources(dirs) {
        match source.bytes {
            Ok(bytes) => decks.add(&source.file, &bytes),
            Err(why) => decks.warnings.push(why),
        }
    }
    decks
}

impl Store {
    fn schedule_path(&self) -> std::path::PathBuf {
        self.data_dir().join("cards.toml")
    }

    /// The saved schedule; a missing file is an empty one. A file that does not parse is
    /// an error (and is never overwritten by a save, which refuses while it is broken).
    pub fn load_schedule(&self) -> anyhow::Result<Schedule> {
        let path = self.schedule_path();
        match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("{}: unreadable card schedule", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Schedule::new()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn save_schedule(&self, schedule: &Schedule) -> anyhow::Result<()> {
        // Keep a broken file for the user to look at rather than replace it.
        self.load_schedule()?;
        super::create_private_dir(self.data_dir())?;
        let text = toml::to_string(schedule)?;
        write_atomic(&self.schedule_path(), text.as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::domain::srs::{Grade, review};

    #[test]
    fn built_in_decks_load_cleanly_and_cover_the_article() {
        let decks = load_decks(&[]);
        assert!(decks.warnings.is_empty(), "{:?}", decks.warnings);
        assert!(decks.card_count() >= 80, "{} cards", decks.card_count());
        // Short enough to grade yourself honestly against (issue 13), and thirty or more
        // that ask the learner to apply an idea.
        for deck in &decks.decks {
            for card in &deck.cards {
                assert!(
                    card.back.chars().count() <= 480,
                    "{}/{}: a {}-character answer",
                    deck.id,
                    card.id,
                    card.back.chars().count()
                );
            }
        }
        let scenarios = decks
            .decks
            .iter()
            .flat_map(|d| &d.cards)
            .filter(|c| c.tags.iter().any(|t| t == "scenario"))
            .count();
        assert!(scenarios >= 30, "{scenarios} scenario cards");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
        let on_disk = super::super::problems::toml_files(&dir)
            .map(|f| f.len())
            .unwrap_or(0);
        assert_eq!(on_disk, BUILTIN.len(), "every file in decks/ is embedded");
    }

    #[test]
    fn schedule_round_trips_and_a_broken_file_is_kept() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        assert!(store.load_schedule()?.is_empty());
        let today = jiff::civil::date(2026, 11, 28);
        let mut s = Schedule::new();
        s.insert(
            "caching/cache-aside".into(),
            review(None, Grade::Good, today),
        );
        store.save_schedule(&s)?;
        assert_eq!(store.load_schedule()?, s);
        fs::write(dir.path().join("cards.toml"), "garbage = [")?;
        assert!(store.load_schedule().is_err());
        assert!(store.save_schedule(&s).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("cards.toml"))?,
            "garbage = ["
        );
        Ok(())
    }

    #[test]
    fn a_schedule_from_before_the_daily_limit_reads_and_keeps_every_card() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        // As older versions wrote it: no `introduced`.
        let old = "[\"caching/cache-aside\"]\nease = 2.5\ninterval_days = 6\nreps = 2\n\
                   lapses = 0\ndue = \"2026-12-03\"\nlast_reviewed = \"2026-11-27\"\n";
        fs::write(dir.path().join("cards.toml"), old)?;
        let mut s = store.load_schedule()?;
        let kept = s.get("caching/cache-aside").cloned();
        assert_eq!(
            kept.as_ref().map(|c| (c.reps, c.introduced)),
            Some((2, None))
        );
        // A new card today: saved with its day, the old one unchanged.
        let today = jiff::civil::date(2026, 11, 28);
        s.insert("cap/pick-two".into(), review(None, Grade::Good, today));
        store.save_schedule(&s)?;
        let back = store.load_schedule()?;
        assert_eq!(back, s);
        assert_eq!(back.get("caching/cache-aside").cloned(), kept);
        assert_eq!(
            back.get("cap/pick-two").and_then(|c| c.introduced),
            Some(today)
        );
        assert_eq!(crate::domain::schedule::introduced_on(&back, today), 1);
        let text = fs::read_to_string(dir.path().join("cards.toml"))?;
        assert!(text.contains("introduced = \"2026-11-28\""), "{text}");
        Ok(())
    }
}
