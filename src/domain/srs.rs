//! Spaced repetition for concept cards: an SM-2 style schedule. Each review grades the
//! card, which sets when it is next due; cards answered well come back less often.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How well the user recalled a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Not recalled: see it again soon.
    Again,
    /// Recalled with effort.
    Hard,
    /// Recalled.
    Good,
    /// Recalled at once.
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }
}

/// A card's place in the schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// How fast intervals grow; starts at 2.5, never below 1.3.
    pub ease: f64,
    pub interval_days: u32,
    /// Successful reviews in a row.
    pub reps: u32,
    pub lapses: u32,
    pub due: Date,
    pub last_reviewed: Date,
    /// The day of the card's first review: new cards are limited per day, and this is
    /// how a restart knows how many today already brought. `None` in schedules written
    /// before it was kept (those cards were introduced on some earlier day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<Date>,
}

pub const START_EASE: f64 = 2.5;
pub const MIN_EASE: f64 = 1.3;

/// The card's state after a review on `today`. `state` is `None` for a new card.
pub fn review(state: Option<&CardState>, grade: Grade, today: Date) -> CardState {
    let (ease, interval, reps, lapses) = state.map_or((START_EASE, 0, 0, 0), |s| {
        (s.ease, s.interval_days, s.reps, s.lapses)
    });
    let (ease, interval, reps, lapses) = match grade {
        Grade::Again => ((ease - 0.2).max(MIN_EASE), 1, 0, lapses + 1),
        Grade::Hard => {
            let next = ((f64::from(interval) * 1.2).round() as u32).max(1);
            ((ease - 0.15).max(MIN_EASE), next, reps + 1, lapses)
        }
        Grade::Good => (ease, grown(interval, reps, ease), reps + 1, lapses),
        Grade::Easy => {
            let next = ((f64::from(grown(interval, reps, ease)) * 1.3).round() as u32).max(4);
            (ease + 0.15, next, reps + 1, lapses)
        }
    };
    let due = today
        .checked_add(i64::from(interval).days())
        .unwrap_or(today);
    CardState {
        ease,
        interval_days: interval,
        reps,
        lapses,
        due,
        last_reviewed: today,
        introduced: state.map_or(Some(today), |s| s.introduced),
    }
}

/// SM-2's intervals: 1 day, then 6, then the last interval times the ease.
fn grown(interval: u32, reps: u32, ease: f64) -> u32 {
    match reps {
        0 => 1,
        1 => 6,
        _ => ((f64::from(interval) * ease).round() as u32).max(interval + 1),
    }
}

/// Whether a reviewed card is due on `today`.
pub fn is_due(state: &CardState, today: Date) -> bool {
    state.due <= today
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn good_answers_space_out_one_six_then_by_ease() {
        let d0 = date(2026, 11, 28);
        let s1 = review(None, Grade::Good, d0);
        assert_eq!((s1.interval_days, s1.due), (1, date(2026, 11, 29)));
        let s2 = review(Some(&s1), Grade::Good, s1.due);
        assert_eq!(s2.interval_days, 6);
        let s3 = review(Some(&s2), Grade::Good, s2.due);
        assert_eq!(s3.interval_days, 15, "6 × 2.5");
        assert!(is_due(&s3, s3.due) && !is_due(&s3, s2.due));
    }

    #[test]
    fn again_resets_and_lowers_ease_but_not_below_the_floor() {
        let d0 = date(2026, 11, 28);
        let mut s = review(None, Grade::Good, d0);
        s = review(Some(&s), Grade::Good, d0);
        for _ in 0..10 {
            s = review(Some(&s), Grade::Again, d0);
        }
        assert_eq!((s.reps, s.interval_days, s.lapses), (0, 1, 10));
        assert!((s.ease - MIN_EASE).abs() < 1e-9);
    }

    #[test]
    fn a_card_remembers_the_day_it_was_introduced() {
        let d0 = date(2026, 11, 28);
        let first = review(None, Grade::Again, d0);
        assert_eq!(first.introduced, Some(d0));
        let later = review(Some(&first), Grade::Good, first.due);
        assert_eq!(later.introduced, Some(d0));
        let old = CardState {
            introduced: None,
            ..first
        };
        assert_eq!(review(Some(&old), Grade::Good, old.due).introduced, None);
    }

    #[test]
    fn easy_jumps_further_than_good_and_hard_less() {
        let d0 = date(2026, 11, 28);
        let base = review(Some(&review(None, Grade::Good, d0)), Grade::Good, d0);
        let good = review(Some(&base), Grade::Good, d0).interval_days;
        let easy = review(Some(&base), Grade::Easy, d0).interval_days;
        let hard = review(Some(&base), Grade::Hard, d0).interval_days;
        assert!(hard < good && good < easy, "{hard} {good} {easy}");
        assert!(review(None, Grade::Easy, d0).interval_days >= 4);
    }
}
