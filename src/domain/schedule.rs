//! The card schedule as a whole, and what a day offers from it: the cards that are due
//! (oldest first), then new ones up to a daily limit. The drill, the launcher's count,
//! `sdcoach decks list` and `sdcoach stats` all ask [`plan`], so they agree.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::deck::{Card, Deck, Decks};
use super::srs::{CardState, is_due};

/// Card schedules, keyed `deck/card`. A card with no entry has never been seen.
pub type Schedule = BTreeMap<String, CardState>;

/// New cards introduced per day unless the config says otherwise, so a first run is not
/// 148 cards long and reviews do not pile up. A limit per day, not per drill: the
/// schedule records the day each card was introduced, so quitting and starting again
/// does not bring ten more.
pub const NEW_PER_DAY: usize = 10;

/// How many cards had their first review on `day`.
pub fn introduced_on(schedule: &Schedule, day: Date) -> usize {
    schedule
        .values()
        .filter(|s| s.introduced == Some(day))
        .count()
}

/// How many new cards `today` may still bring, at `per_day` a day.
pub fn new_left(schedule: &Schedule, today: Date, per_day: usize) -> usize {
    per_day.saturating_sub(introduced_on(schedule, today))
}

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

/// The cards to review on `today`: every due card (oldest due first), then as many new
/// ones as [`new_left`] allows, taken from each deck in turn (in deck order within a
/// deck) so a round mixes topics. `only` limits the list to the deck with that id (the
/// daily limit is still shared by all decks).
pub fn plan<'a>(
    decks: &'a Decks,
    schedule: &Schedule,
    only: Option<&str>,
    today: Date,
    per_day: usize,
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
    let allowed = new_left(schedule, today, per_day);
    let mut fresh = Vec::new();
    while fresh.len() < allowed && fresh_by_deck.iter().any(|d| !d.is_empty()) {
        for deck in &mut fresh_by_deck {
            if fresh.len() < allowed
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
/// new ones still allowed.
pub fn due_today(decks: &Decks, schedule: &Schedule, today: Date, per_day: usize) -> usize {
    plan(decks, schedule, None, today, per_day).len()
}

/// Today's cards in one deck, out of the list for every deck.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeckToday {
    pub due: usize,
    /// The deck's share of today's new cards.
    pub new: usize,
}

/// [`plan`] for every deck, counted per deck (in `decks` order): the counts add up to
/// [`due_today`].
pub fn per_deck(decks: &Decks, schedule: &Schedule, today: Date, per_day: usize) -> Vec<DeckToday> {
    let mut counts = vec![DeckToday::default(); decks.decks.len()];
    for p in plan(decks, schedule, None, today, per_day) {
        if let Some(i) = decks.decks.iter().position(|d| std::ptr::eq(d, p.deck)) {
            if p.new {
                counts[i].new += 1;
            } else {
                counts[i].due += 1;
            }
        }
    }
    counts
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
        let list = plan(
            &decks,
            &Schedule::new(),
            None,
            date(2026, 11, 28),
            NEW_PER_DAY,
        );
        assert_eq!(
            keys(&list),
            [
                "a/a0", "b/b0", "c/c0", "a/a1", "b/b1", "c/c1", "a/a2", "b/b2", "c/c2", "a/a3"
            ]
        );
        assert!(list.iter().all(|p| p.new));
        let one = plan(
            &decks,
            &Schedule::new(),
            Some("c"),
            date(2026, 11, 28),
            NEW_PER_DAY,
        );
        assert_eq!(keys(&one), ["c/c0", "c/c1", "c/c2", "c/c3", "c/c4", "c/c5"]);
    }

    #[test]
    fn due_cards_come_first_oldest_first_and_seen_cards_wait_their_turn() {
        let decks = decks();
        let d0 = date(2026, 11, 20);
        let mut schedule = Schedule::new();
        // Due on the 21st, the 23rd and the 30th (all introduced before today).
        schedule.insert("c/c5".into(), review(None, Grade::Good, d0));
        schedule.insert("b/b2".into(), review(None, Grade::Good, date(2026, 11, 22)));
        schedule.insert("a/a0".into(), review(None, Grade::Easy, date(2026, 11, 26)));
        let list = plan(&decks, &schedule, None, date(2026, 11, 28), NEW_PER_DAY);
        assert_eq!(keys(&list)[..2], ["c/c5", "b/b2"]);
        assert!(!list[0].new && !list[1].new && list[2].new);
        assert!(!keys(&list).contains(&"a/a0".to_string()));
        assert_eq!(list.len(), 2 + NEW_PER_DAY);
        assert_eq!(
            due_today(&decks, &schedule, date(2026, 11, 28), NEW_PER_DAY),
            list.len()
        );
    }

    /// Grade the first `n` cards of today's list (all decks) Good on `day`.
    fn introduce(decks: &Decks, schedule: &mut Schedule, n: usize, day: Date) {
        let keys: Vec<String> = plan(decks, schedule, None, day, NEW_PER_DAY)
            .iter()
            .filter(|p| p.new)
            .take(n)
            .map(Planned::key)
            .collect();
        for key in keys {
            let next = review(schedule.get(&key), Grade::Good, day);
            schedule.insert(key, next);
        }
    }

    #[test]
    fn new_cards_are_a_daily_limit_that_comes_back_the_next_day() {
        let decks = decks();
        let d0 = date(2026, 11, 28);
        let mut schedule = Schedule::new();
        introduce(&decks, &mut schedule, 4, d0);
        assert_eq!(introduced_on(&schedule, d0), 4);
        assert_eq!(new_left(&schedule, d0, NEW_PER_DAY), NEW_PER_DAY - 4);
        // The same day: only the rest of the allowance, in every deck's list too.
        assert_eq!(
            due_today(&decks, &schedule, d0, NEW_PER_DAY),
            NEW_PER_DAY - 4
        );
        assert_eq!(
            plan(&decks, &schedule, Some("a"), d0, NEW_PER_DAY).len(),
            8 - 2
        );
        introduce(&decks, &mut schedule, NEW_PER_DAY, d0);
        assert_eq!(due_today(&decks, &schedule, d0, NEW_PER_DAY), 0);
        assert_eq!(new_left(&schedule, d0, NEW_PER_DAY), 0);
        // The next day the ten graded cards are due, and ten new ones are allowed again.
        let d1 = date(2026, 11, 29);
        assert_eq!(new_left(&schedule, d1, NEW_PER_DAY), NEW_PER_DAY);
        let list = plan(&decks, &schedule, None, d1, NEW_PER_DAY);
        assert_eq!(list.iter().filter(|p| !p.new).count(), NEW_PER_DAY);
        assert_eq!(list.iter().filter(|p| p.new).count(), 17 - NEW_PER_DAY);
    }

    #[test]
    fn cards_from_schedules_without_an_introduction_day_do_not_count_against_today() {
        let decks = decks();
        let d0 = date(2026, 11, 28);
        let mut schedule = Schedule::new();
        introduce(&decks, &mut schedule, 3, d0);
        for state in schedule.values_mut() {
            state.introduced = None;
        }
        assert_eq!(new_left(&schedule, d0, NEW_PER_DAY), NEW_PER_DAY);
    }

    #[test]
    fn per_deck_counts_add_up_to_the_days_total() {
        let decks = decks();
        let d0 = date(2026, 11, 20);
        let mut schedule = Schedule::new();
        introduce(&decks, &mut schedule, 5, d0);
        for day in [d0, date(2026, 11, 21), date(2026, 11, 30)] {
            let counts = per_deck(&decks, &schedule, day, NEW_PER_DAY);
            assert_eq!(counts.len(), decks.decks.len());
            let total: usize = counts.iter().map(|c| c.due + c.new).sum();
            assert_eq!(
                total,
                due_today(&decks, &schedule, day, NEW_PER_DAY),
                "{day}"
            );
        }
        // Five introduced on the 20th (a0 b0 c0 a1 b1), all due on the 21st.
        let counts = per_deck(&decks, &schedule, date(2026, 11, 21), NEW_PER_DAY);
        assert_eq!(counts.iter().map(|c| c.due).collect::<Vec<_>>(), [2, 2, 1]);
    }
}
