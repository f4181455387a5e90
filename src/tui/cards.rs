//! The concept-card drill: due cards first, then a few new ones; reveal, grade, repeat.
//! Which cards a day offers is the domain's ([`crate::domain::schedule::plan`]).

use std::time::Instant;

use jiff::civil::Date;

use crate::domain::deck::{Card, Decks};
use crate::domain::schedule::{Schedule, due_today, plan};
use crate::domain::srs::{CardState, Grade, review};

pub struct CardDrill {
    /// Saved after every grade like any drill, so the round shows in review.
    pub record: super::estimate::DrillRecord,
    /// (schedule key, deck title, card) in the order they are shown.
    pub queue: Vec<(String, String, Card)>,
    pub index: usize,
    pub revealed: bool,
    pub grades: Vec<Grade>,
    pub schedule: Schedule,
    /// Every deck, not only the drilled one, to count what is left for the day.
    decks: Decks,
    pub today: Date,
    /// New cards allowed a day.
    pub per_day: usize,
    /// When the round started, on the injected clock's monotonic reading.
    pub started: Instant,
}

impl CardDrill {
    /// Today's cards ([`plan`]); `deck` limits the drill to one deck. `now` is the
    /// caller's clock reading (`Now::mono`), never read here.
    pub fn new(
        decks: &Decks,
        schedule: Schedule,
        deck: Option<&str>,
        today: Date,
        per_day: usize,
        now: Instant,
        record: super::estimate::DrillRecord,
    ) -> Self {
        let queue = plan(decks, &schedule, deck, today, per_day)
            .into_iter()
            .map(|p| (p.key(), p.deck.title.clone(), p.card.clone()))
            .collect();
        CardDrill {
            record,
            queue,
            index: 0,
            revealed: false,
            grades: Vec::new(),
            schedule,
            decks: decks.clone(),
            today,
            per_day,
            started: now,
        }
    }

    /// Cards left to review today in every deck, after the grades so far: what the
    /// launcher shows. The same count as [`due_today`] on the saved schedule, so it agrees
    /// with `sdcoach decks list` also when this drill covers one deck.
    pub fn due_today(&self) -> usize {
        due_today(&self.decks, &self.schedule, self.today, self.per_day)
    }

    pub fn current(&self) -> Option<&(String, String, Card)> {
        self.queue.get(self.index)
    }

    pub fn finished(&self) -> bool {
        self.index >= self.queue.len()
    }

    /// The state the current card would get for each grade (shown as next intervals).
    pub fn preview(&self, grade: Grade) -> Option<CardState> {
        let (key, _, _) = self.current()?;
        Some(review(self.schedule.get(key), grade, self.today))
    }

    /// Grade the current card and move on. Returns false before the answer is shown.
    pub fn grade(&mut self, grade: Grade) -> bool {
        if !self.revealed {
            return false;
        }
        let Some((key, _, _)) = self.current().cloned() else {
            return false;
        };
        let next = review(self.schedule.get(&key), grade, self.today);
        self.schedule.insert(key.clone(), next);
        self.grades.push(grade);
        self.record.cards.push((key, grade));
        self.record.score = self.score();
        self.index += 1;
        self.revealed = false;
        true
    }

    /// Share of cards recalled (hard, good or easy), 0-100.
    pub fn score(&self) -> u8 {
        if self.grades.is_empty() {
            return 0;
        }
        let recalled = self.grades.iter().filter(|g| **g != Grade::Again).count();
        (recalled * 100 / self.grades.len()) as u8
    }
}

/// An empty record for a round of concept cards.
pub fn concepts_record(id: String, started_at: jiff::Timestamp) -> super::estimate::DrillRecord {
    super::estimate::DrillRecord {
        id,
        kind: super::estimate::DrillKind::Concepts,
        seed: 0,
        started_at,
        limit_secs: 0,
        score: 0,
        answers: Vec::new(),
        cards: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::NEW_PER_DAY;

    fn drill(deck: Option<&str>) -> CardDrill {
        use crate::tui::clock::Clock as _;
        let decks = crate::store::decks::load_decks(&[]);
        let today: Date = "2026-11-28".parse().unwrap_or_else(|e| panic!("{e}"));
        let record = concepts_record(String::new(), jiff::Timestamp::UNIX_EPOCH);
        let now = crate::tui::clock::SystemClock.now();
        CardDrill::new(
            &decks,
            Schedule::new(),
            deck,
            today,
            NEW_PER_DAY,
            now.mono,
            record,
        )
    }

    #[test]
    fn new_cards_come_from_each_deck_in_turn() {
        let d = drill(None);
        assert_eq!(d.queue.len(), NEW_PER_DAY);
        let decks: Vec<&str> = d.queue.iter().map(|(_, deck, _)| deck.as_str()).collect();
        let distinct: std::collections::BTreeSet<&str> = decks.iter().copied().collect();
        assert_eq!(distinct.len(), 5, "{decks:?}");
        assert_ne!(decks[0], decks[1]);
        // Within one deck the cards keep their order.
        let all = crate::store::decks::load_decks(&[]);
        let first = &all.decks[0];
        let keys: Vec<&String> = d
            .queue
            .iter()
            .filter(|(_, deck, _)| *deck == first.title)
            .map(|(k, _, _)| k)
            .collect();
        let expected: Vec<String> = first
            .cards
            .iter()
            .take(2)
            .map(|c| first.card_key(c))
            .collect();
        assert_eq!(keys, expected.iter().collect::<Vec<_>>());
    }

    #[test]
    fn one_deck_gives_that_decks_cards_in_order() {
        let all = crate::store::decks::load_decks(&[]);
        let deck = &all.decks[1];
        let d = drill(Some(&deck.id));
        let keys: Vec<String> = d.queue.iter().map(|(k, _, _)| k.clone()).collect();
        let expected: Vec<String> = deck
            .cards
            .iter()
            .take(NEW_PER_DAY)
            .map(|c| deck.card_key(c))
            .collect();
        assert_eq!(keys, expected);
    }

    #[test]
    fn a_one_deck_drill_counts_what_is_left_in_every_deck() {
        use crate::domain::srs::review;
        let decks = crate::store::decks::load_decks(&[]);
        let today: Date = "2026-11-28".parse().unwrap_or_else(|e| panic!("{e}"));
        let yesterday: Date = "2026-11-27".parse().unwrap_or_else(|e| panic!("{e}"));
        // One card of the first deck, seen yesterday, is due today.
        let mut schedule = Schedule::new();
        let seen = decks.decks[0].card_key(&decks.decks[0].cards[0]);
        schedule.insert(seen, review(None, Grade::Good, yesterday));
        let record = concepts_record(String::new(), jiff::Timestamp::UNIX_EPOCH);
        let now = {
            use crate::tui::clock::Clock as _;
            crate::tui::clock::SystemClock.now()
        };
        let mut d = CardDrill::new(
            &decks,
            schedule,
            Some(&decks.decks[1].id),
            today,
            NEW_PER_DAY,
            now.mono,
            record,
        );
        assert_eq!(d.queue.len(), NEW_PER_DAY);
        assert_eq!(d.due_today(), 1 + NEW_PER_DAY);
        d.revealed = true;
        assert!(d.grade(Grade::Good));
        // This deck's queue has 9 left; every deck has those and the other deck's due card.
        assert_eq!(d.queue.len() - d.index, NEW_PER_DAY - 1);
        assert_eq!(d.due_today(), NEW_PER_DAY);
        assert_eq!(
            d.due_today(),
            due_today(&decks, &d.schedule, today, NEW_PER_DAY)
        );
    }
}
