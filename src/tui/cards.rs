//! The concept-card drill: due cards first, then a few new ones; reveal, grade, repeat.

use std::time::Instant;

use jiff::civil::Date;

use crate::domain::deck::{Card, Decks};
use crate::domain::srs::{CardState, Grade, is_due, review};
use crate::store::decks::Schedule;

/// New cards introduced per drill, so a first run is not 95 cards long.
pub const NEW_PER_DRILL: usize = 10;

pub struct CardDrill {
    /// Saved after every grade like any drill, so the round shows in review.
    pub record: super::estimate::DrillRecord,
    /// (schedule key, deck title, card) in the order they are shown.
    pub queue: Vec<(String, String, Card)>,
    pub index: usize,
    pub revealed: bool,
    pub grades: Vec<Grade>,
    pub schedule: Schedule,
    pub today: Date,
    pub started: Instant,
}

impl CardDrill {
    /// Cards due on `today` (oldest due first), then up to [`NEW_PER_DRILL`] new ones,
    /// taken from each deck in turn (in deck order within a deck) so a round mixes topics.
    /// `deck` limits the drill to one deck.
    pub fn new(
        decks: &Decks,
        schedule: Schedule,
        deck: Option<&str>,
        today: Date,
        now: Instant,
        record: super::estimate::DrillRecord,
    ) -> Self {
        let mut due: Vec<(Date, String, String, Card)> = Vec::new();
        let mut fresh_by_deck: Vec<Vec<(String, String, Card)>> = Vec::new();
        for d in decks
            .decks
            .iter()
            .filter(|d| deck.is_none_or(|id| d.id == id))
        {
            let mut fresh = Vec::new();
            for c in &d.cards {
                let key = d.card_key(c);
                match schedule.get(&key) {
                    Some(s) if is_due(s, today) => {
                        due.push((s.due, key, d.title.clone(), c.clone()))
                    }
                    Some(_) => {}
                    None => fresh.push((key, d.title.clone(), c.clone())),
                }
            }
            fresh.reverse();
            fresh_by_deck.push(fresh);
        }
        let mut fresh = Vec::new();
        while fresh.len() < NEW_PER_DRILL && fresh_by_deck.iter().any(|d| !d.is_empty()) {
            for deck in &mut fresh_by_deck {
                if fresh.len() < NEW_PER_DRILL
                    && let Some(card) = deck.pop()
                {
                    fresh.push(card);
                }
            }
        }
        due.sort_by_key(|a| a.0);
        let queue = due
            .into_iter()
            .map(|(_, k, t, c)| (k, t, c))
            .chain(fresh)
            .collect();
        CardDrill {
            record,
            queue,
            index: 0,
            revealed: false,
            grades: Vec::new(),
            schedule,
            today,
            started: now,
        }
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

/// How many cards a drill would show today: due ones plus the new-card allowance.
pub fn due_today(decks: &Decks, schedule: &Schedule, today: Date) -> usize {
    let record = concepts_record(String::new(), jiff::Timestamp::UNIX_EPOCH);
    CardDrill::new(decks, schedule.clone(), None, today, Instant::now(), record)
        .queue
        .len()
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

    fn drill(deck: Option<&str>) -> CardDrill {
        let decks = crate::store::decks::load_decks(&[]);
        let today: Date = "2026-11-28".parse().unwrap_or_else(|e| panic!("{e}"));
        let record = concepts_record(String::new(), jiff::Timestamp::UNIX_EPOCH);
        CardDrill::new(&decks, Schedule::new(), deck, today, Instant::now(), record)
    }

    #[test]
    fn new_cards_come_from_each_deck_in_turn() {
        let d = drill(None);
        assert_eq!(d.queue.len(), NEW_PER_DRILL);
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
            .take(NEW_PER_DRILL)
            .map(|c| deck.card_key(c))
            .collect();
        assert_eq!(keys, expected);
    }
}
