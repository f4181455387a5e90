//! The card schedule as a whole, and what a day offers from it: the cards that are due
//! (oldest first), then a few new ones. The drill, the launcher's count,
//! `sdcoach decks list` and `sdcoach stats` all ask [`plan`], so they agree.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::deck::{Card, Deck, Decks};
use super::srs::{CardState, is_due};

/// Card schedules, keyed `deck/card`. A card with no entry has never been seen.
pub type Schedule = BTreeMap<String, CardState>;

/// New cards introduced per drill, so a first run is not 95 cards long.
pub const NEW_PER_DRILL: usize = 10;

/// One card on today's list.
#[derive(Debug, Clone, Copy)]
pub struct Planned<'a> {
    pub deck: &'a Deck,
    pub card: &'a Card,
    /// Never reviewed: it counts against the day's new cards.
    pub new: bool,
}

impl Planned<'_> {
    /// The key its schedule is saved under.
    pub fn key(&self) -> String {
        self.deck.card_key(self.card)
    }
}

/// The cards to review on `today`: every due card (oldest due first), then up to
/// [`NEW_PER_DRILL`] new ones, taken from each deck in turn (in deck order within a
/// deck) so a round mixes topics. `only` limits the list to the deck with that id.
pub fn plan<'a>(
    decks: &'a Decks,
    schedule: &Schedule,
    only: Option<&str>,
    today: Date,
) -> Vec<Planned<'a>> {
    let mut due: Vec<(Date, Planned<'a>)> = Vec::new();
    let mut fresh_by_deck: Vec<Vec<Planned<'a>>> = Vec::new();
    for deck in decks
        .decks
        .iter()
        .filter(|d| only.is_none_or(|id| d.id == id))
    {
        let mut fresh = Vec::new();
        for card in &deck.cards {
            let planned = |new| Planned { deck, card, new };
            match schedule.get(&deck.card_key(card)) {
                Some(s) if is_due(s, today) => due.push((s.due, planned(false))),
                Some(_) => {}
                None => fresh.push(planned(true)),
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
    // Stable: cards due the same day keep deck order.
    due.sort_by_key(|(date, _)| *date);
    due.into_iter().map(|(_, p)| p).chain(fresh).collect()
}

/// How many cards a drill of every deck would show on `today`: the due ones plus the
/// new ones on offer.
pub fn due_today(decks: &Decks, schedule: &Schedule, today: Date) -> usize {
    plan(decks, schedule, None, today).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::srs::{Grade, review};
    use jiff::civil::date;

    fn decks() -> Decks {
        let mut decks = Decks::default();
        for (id, n) in [("a", 8), ("b", 3), ("c", 6)] {
            let mut text = format!("id = \"{id}\"\ntitle = \"Deck {id}\"\n");
            for i in 0..n {
                text.push_str(&format!(
                    "[[cards]]\nid = \"{id}{i}\"\nfront = \"q\"\nback = \"b\"\n"
                ));
            }
            decks.add(&format!("{id}.toml"), text.as_bytes());
        }
        assert!(decks.warnings.is_empty(), "{:?}", decks.warnings);
        decks
    }

    fn keys(list: &[Planned]) -> Vec<String> {
        list.iter().map(Planned::key).collect()
    }

    #[test]
    fn new_cards_come_from_each_deck_in_turn_in_deck_order() {
        let decks = decks();
        let list = plan(&decks, &Schedule::new(), None, date(2026, 11, 28));
        assert_eq!(
            keys(&list),
            [
                "a/a0", "b/b0", "c/c0", "a/a1", "b/b1", "c/c1", "a/a2", "b/b2", "c/c2", "a/a3"
            ]
        );
        assert!(list.iter().all(|p| p.new));
        let one = plan(&decks, &Schedule::new(), Some("c"), date(2026, 11, 28));
        assert_eq!(keys(&one), ["c/c0", "c/c1", "c/c2", "c/c3", "c/c4", "c/c5"]);
    }

    #[test]
    fn due_cards_come_first_oldest_first_and_seen_cards_wait_their_turn() {
        let decks = decks();
        let d0 = date(2026, 11, 20);
        let mut schedule = Schedule::new();
        // Due on the 21st, the 23rd and the 29th.
        schedule.insert("c/c5".into(), review(None, Grade::Good, d0));
        schedule.insert("b/b2".into(), review(None, Grade::Good, date(2026, 11, 22)));
        schedule.insert("a/a0".into(), review(None, Grade::Good, date(2026, 11, 28)));
        let list = plan(&decks, &schedule, None, date(2026, 11, 28));
        assert_eq!(keys(&list)[..2], ["c/c5", "b/b2"]);
        assert!(!list[0].new && !list[1].new && list[2].new);
        assert!(!keys(&list).contains(&"a/a0".to_string()));
        assert_eq!(list.len(), 2 + NEW_PER_DRILL);
        assert_eq!(due_today(&decks, &schedule, date(2026, 11, 28)), list.len());
    }
}
