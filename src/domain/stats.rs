//! Practice statistics: streaks, practice a day, estimation accuracy over time, the weak
//! steps, and what to practise next. Pure functions of what was saved and today's date.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::drill::{DrillKind, DrillRecord};
use super::framework::Step;
use super::progress::{SessionPoint, Weakest, weakest_step};
use super::scoring::Verdict;

/// How many days the practice-a-day chart covers.
pub const DAYS: usize = 14;

/// Something practised, and when: every saved session or drill, finished or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Interview,
    StepDrill,
    Estimate,
    Concepts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub at: Timestamp,
    pub kind: Kind,
}

impl Activity {
    /// What a saved session counts as: an interview or a step drill, when it started.
    pub fn of(header: &crate::domain::transcript::Header) -> Activity {
        Activity {
            at: header.started_at,
            kind: match header.step_drill {
                Some(_) => Kind::StepDrill,
                None => Kind::Interview,
            },
        }
    }
}

/// Practice on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: Date,
    pub interviews: u32,
    pub drills: u32,
}

/// Estimation accuracy at one sitting: the share of answered estimates within 2× of the
/// reference (and within 10×). Unanswered ones are left out; drills count them in their
/// own score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accuracy {
    pub at: Timestamp,
    pub within_2x: f64,
    pub within_10x: f64,
    pub answered: usize,
    /// `estimate` for a drill, else the session's problem title.
    pub source: String,
}

/// Mean rubric coverage at one step, and how many sittings it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepStat {
    pub step: Step,
    pub coverage: Option<f64>,
    pub sessions: usize,
    pub drills: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub today: Date,
    /// Days in a row with some practice, up to today (or up to yesterday, when nothing is
    /// done yet today: the streak is still alive until midnight).
    pub streak: u32,
    pub best_streak: u32,
    pub practised_today: bool,
    /// The last [`DAYS`] days, oldest first.
    pub days: Vec<Day>,
    /// Oldest first.
    pub accuracy: Vec<Accuracy>,
    /// Finished mock interviews with a score, oldest first: (start, score, title).
    pub scores: Vec<(Timestamp, u8, String)>,
    pub steps: Vec<StepStat>,
    pub weakest: Option<Weakest>,
    /// Whole days since the latest mock interview started (0: today).
    pub days_since_interview: Option<i64>,
    /// Kinds practised today, for spreading suggestions across kinds.
    pub done_today: Vec<Kind>,
    pub total_sittings: usize,
}

/// How the latest estimation sittings went: the latest share within 2×, and the mean over
/// the last few.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recent {
    pub latest: f64,
    pub mean: f64,
    pub sittings: usize,
}

/// How many sittings "recent" estimation accuracy covers.
pub const RECENT: usize = 3;

impl Stats {
    /// Estimation accuracy over the last [`RECENT`] sittings, if there are any.
    pub fn recent_accuracy(&self) -> Option<Recent> {
        let recent: Vec<f64> = self
            .accuracy
            .iter()
            .rev()
            .take(RECENT)
            .map(|a| a.within_2x)
            .collect();
        Some(Recent {
            latest: *recent.first()?,
            mean: recent.iter().sum::<f64>() / recent.len() as f64,
            sittings: recent.len(),
        })
    }
}

/// Everything the statistics are worked out from, as read from the data dir.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Every readable session and step drill, finished or not.
    pub activity: Vec<Activity>,
    /// Finished sessions and step drills (shared: an app keeps them between looks).
    pub points: std::sync::Arc<[SessionPoint]>,
    /// Every readable drill record.
    pub drills: Vec<DrillRecord>,
}

pub fn compute(inputs: &History, today: Date, tz: &TimeZone) -> Stats {
    // Each sitting's local date, worked out once.
    let drills = inputs.drills.iter().map(|d| Activity {
        at: d.started_at,
        kind: match d.kind {
            DrillKind::Concepts => Kind::Concepts,
            DrillKind::Estimate => Kind::Estimate,
        },
    });
    let activity: Vec<(Date, Kind)> = inputs
        .activity
        .iter()
        .copied()
        .chain(drills)
        .map(|a| (a.at.to_zoned_datetime(tz.clone()).date(), a.kind))
        .collect();

    let mut dates: Vec<Date> = activity.iter().map(|a| a.0).collect();
    dates.sort_unstable();
    dates.dedup();
    let practised_today = dates.last() == Some(&today);
    let (streak, best_streak) = streaks(&dates, today);

    let days = (0..DAYS)
        .rev()
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back as i64)).ok())
        .map(|date| {
            let on = activity.iter().filter(|a| a.0 == date);
            let (interviews, drills) = on.fold((0, 0), |(i, d), a| match a.1 {
                Kind::Interview => (i + 1, d),
                _ => (i, d + 1),
            });
            Day {
                date,
                interviews,
                drills,
            }
        })
        .collect();

    let mut accuracy: Vec<Accuracy> = inputs
        .drills
        .iter()
        .filter(|d| d.kind == DrillKind::Estimate)
        .filter_map(|d| {
            let verdicts: Vec<Verdict> = d.answers.iter().map(|a| a.verdict).collect();
            sitting(d.started_at, &verdicts, "estimation drill".into())
        })
        .chain(
            inputs
                .points
                .iter()
                .filter_map(|p| sitting(p.started_at, &p.estimates, p.title.clone())),
        )
        .collect();
    accuracy.sort_by_key(|a| a.at);

    let steps = Step::ALL
        .iter()
        .map(|&step| {
            let scored: Vec<&SessionPoint> = inputs
                .points
                .iter()
                .filter(|p| p.coverage[step.index()].is_some())
                .collect();
            let sum: f64 = scored.iter().filter_map(|p| p.coverage[step.index()]).sum();
            StepStat {
                step,
                coverage: (!scored.is_empty()).then(|| sum / scored.len() as f64),
                sessions: scored.iter().filter(|p| p.step_drill.is_none()).count(),
                drills: scored.iter().filter(|p| p.step_drill.is_some()).count(),
            }
        })
        .collect();

    let mut scores: Vec<(Timestamp, u8, String)> = inputs
        .points
        .iter()
        .filter(|p| p.step_drill.is_none())
        .filter_map(|p| p.score.map(|s| (p.started_at, s, p.title.clone())))
        .collect();
    scores.sort_by_key(|s| s.0);

    let mut done_today: Vec<Kind> = activity
        .iter()
        .filter(|a| a.0 == today)
        .map(|a| a.1)
        .collect();
    done_today.sort_by_key(|k| *k as u8);
    done_today.dedup();

    Stats {
        today,
        streak,
        best_streak,
        practised_today,
        days,
        accuracy,
        scores,
        steps,
        weakest: weakest_step(&inputs.points),
        days_since_interview: activity
            .iter()
            .filter(|a| a.1 == Kind::Interview)
            .map(|a| a.0)
            .max()
            .and_then(|last| last.until(today).ok())
            .map(|span| i64::from(span.get_days())),
        done_today,
        total_sittings: activity.len(),
    }
}

/// The accuracy of one sitting's estimates, if any were answered.
fn sitting(at: Timestamp, verdicts: &[Verdict], source: String) -> Option<Accuracy> {
    let answered: Vec<Verdict> = verdicts
        .iter()
        .copied()
        .filter(|v| *v != Verdict::Missing)
        .collect();
    if answered.is_empty() {
        return None;
    }
    let share = |ok: fn(Verdict) -> bool| {
        answered.iter().filter(|v| ok(**v)).count() as f64 / answered.len() as f64
    };
    Some(Accuracy {
        at,
        within_2x: share(|v| v == Verdict::Good),
        within_10x: share(|v| matches!(v, Verdict::Good | Verdict::RightOrder)),
        answered: answered.len(),
        source,
    })
}

/// (current, best) runs of consecutive days in `dates` (sorted, unique).
fn streaks(dates: &[Date], today: Date) -> (u32, u32) {
    let mut best = 0;
    let mut run = 0;
    let mut prev: Option<Date> = None;
    for &d in dates {
        run = match prev {
            Some(p) if p.tomorrow().ok() == Some(d) => run + 1,
            _ => 1,
        };
        best = best.max(run);
        prev = Some(d);
    }
    let alive = prev.is_some_and(|last| last == today || last.tomorrow().ok() == Some(today));
    (if alive { run } else { 0 }, best)
}

/// What to practise next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "step")]
pub enum Next {
    Interview,
    StepDrill(Step),
    Estimate,
    Cards,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    #[serde(flatten)]
    pub next: Next,
    /// One line saying why, for the launcher.
    pub why: String,
}

/// Pick what most needs practice. Each kind gets a need between 0 and 1:
/// - the weakest step: 1 − its mean rubric coverage;
/// - estimation: 1 − the share within 2× over the last three sittings (0.6 if never tried);
/// - concept cards: the number due, up to 20, scaled to 0.9;
/// - a mock interview: 0.8 a week after the last one, growing from 0 (0.9 if never).
///
/// A kind already practised today counts half, so a day's suggestions move around.
/// With nothing saved yet, the answer is a mock interview, to find where one stands.
pub fn suggest(stats: &Stats, cards_due: Option<usize>) -> Suggestion {
    if stats.total_sittings == 0 {
        return Suggestion {
            next: Next::Interview,
            why: "it shows where you stand on every step".into(),
        };
    }
    let today = |kind: Kind, need: f64| {
        if stats.done_today.contains(&kind) {
            need / 2.0
        } else {
            need
        }
    };
    let mut options: Vec<(f64, Suggestion)> = Vec::new();

    let (need, why) = match stats.days_since_interview {
        Some(0) => (0.0, "you did a mock interview today".to_string()),
        Some(n) => (
            (n as f64 / 7.0).min(1.0) * 0.8,
            format!("your last mock interview was {n} day(s) ago"),
        ),
        None => (0.9, "you have not done a full mock interview yet".into()),
    };
    options.push((
        today(Kind::Interview, need),
        Suggestion {
            next: Next::Interview,
            why,
        },
    ));

    if let Some(w) = &stats.weakest
        && let Some(c) = w.coverage
    {
        options.push((
            today(Kind::StepDrill, 1.0 - c),
            Suggestion {
                next: Next::StepDrill(w.step),
                why: format!(
                    "{} is your weakest step ({:.0}% of key points covered)",
                    w.step.title(),
                    c * 100.0
                ),
            },
        ));
    }

    let (need, why) = match stats.recent_accuracy() {
        None => (
            0.6,
            "you have not tried an estimation drill yet".to_string(),
        ),
        Some(r) => (
            1.0 - r.mean,
            format!(
                "{:.0}% of your recent estimates were within 2×",
                r.mean * 100.0
            ),
        ),
    };
    options.push((
        today(Kind::Estimate, need),
        Suggestion {
            next: Next::Estimate,
            why,
        },
    ));

    if let Some(due) = cards_due.filter(|&n| n > 0) {
        options.push((
            today(Kind::Concepts, due.min(20) as f64 / 20.0 * 0.9),
            Suggestion {
                next: Next::Cards,
                why: format!("{due} concept card(s) to review today"),
            },
        ));
    }

    options
        .into_iter()
        .fold(None::<(f64, Suggestion)>, |best, (need, s)| match best {
            Some((b, _)) if b >= need => best,
            _ => Some((need, s)),
        })
        .map(|(_, s)| s)
        .unwrap_or(Suggestion {
            next: Next::Interview,
            why: "a full mock interview keeps every step in practice".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::drill::Answer;
    use crate::domain::estimate_drill::round;

    const TZ: TimeZone = TimeZone::UTC;

    fn day(d: &str) -> Date {
        d.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn at(d: &str) -> Timestamp {
        format!("{d}T12:00:00Z")
            .parse()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn act(d: &str, kind: Kind) -> Activity {
        Activity { at: at(d), kind }
    }

    fn estimate_drill(d: &str, verdicts: &[Verdict]) -> DrillRecord {
        let questions = round(1, verdicts.len());
        DrillRecord {
            id: format!("{d}-estimate"),
            kind: DrillKind::Estimate,
            seed: 1,
            started_at: at(d),
            limit_secs: 90,
            score: 0,
            answers: questions
                .into_iter()
                .zip(verdicts)
                .map(|(question, &verdict)| Answer {
                    question,
                    answer: None,
                    shown: String::new(),
                    verdict,
                    secs: 10,
                })
                .collect(),
            cards: Vec::new(),
        }
    }

    fn point(d: &str, drill: Option<Step>, coverage: [Option<f64>; 6]) -> SessionPoint {
        SessionPoint {
            id: d.into(),
            title: "URL shortener".into(),
            started_at: at(d),
            step_drill: drill,
            score: Some(50),
            coverage,
            time_ratio: coverage.map(|c| c.map(|_| 1.0)),
            estimates: Vec::new(),
        }
    }

    fn stats(activity: Vec<Activity>, points: &[SessionPoint], drills: &[DrillRecord]) -> Stats {
        let inputs = History {
            activity,
            points: points.into(),
            drills: drills.to_vec(),
        };
        compute(&inputs, day("2026-11-28"), &TZ)
    }

    #[test]
    fn a_streak_counts_days_in_a_row_and_survives_until_midnight() {
        let run = |dates: &[&str]| {
            let s = stats(
                dates.iter().map(|d| act(d, Kind::StepDrill)).collect(),
                &[],
                &[],
            );
            (s.streak, s.best_streak, s.practised_today)
        };
        assert_eq!(run(&[]), (0, 0, false));
        assert_eq!(
            run(&["2026-11-26", "2026-11-27", "2026-11-28"]),
            (3, 3, true)
        );
        // Nothing yet today: yesterday's streak still counts.
        assert_eq!(run(&["2026-11-26", "2026-11-27"]), (2, 2, false));
        // A gap breaks it; the best run is remembered.
        assert_eq!(
            run(&["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-26"]),
            (0, 3, false)
        );
        // Two sittings on one day are one day.
        assert_eq!(run(&["2026-11-28", "2026-11-28"]), (1, 1, true));
    }

    #[test]
    fn days_count_interviews_and_drills_of_the_last_two_weeks() {
        let drills = [estimate_drill("2026-11-27", &[Verdict::Good])];
        let s = stats(
            vec![
                act("2026-11-28", Kind::Interview),
                act("2026-11-28", Kind::StepDrill),
                act("2026-11-01", Kind::Interview),
            ],
            &[],
            &drills,
        );
        assert_eq!(s.days.len(), DAYS);
        assert_eq!(s.days.first().map(|d| d.date), Some(day("2026-11-15")));
        let last = s.days.last().cloned();
        assert_eq!(
            last,
            Some(Day {
                date: day("2026-11-28"),
                interviews: 1,
                drills: 1
            })
        );
        assert_eq!(s.days[DAYS - 2].drills, 1, "the estimation drill");
        assert_eq!(s.total_sittings, 4);
        assert_eq!(s.days_since_interview, Some(0));
    }

    #[test]
    fn accuracy_comes_from_drills_and_scored_sessions_leaving_out_unanswered() {
        use Verdict::*;
        let drills = [
            estimate_drill("2026-11-20", &[Good, Off, RightOrder, Missing]),
            estimate_drill("2026-11-27", &[Good, Good]),
        ];
        let mut session = point("2026-11-25", None, [None; 6]);
        session.estimates = vec![Good, Missing, Missing, Off];
        let unanswered = {
            let mut p = point("2026-11-26", None, [None; 6]);
            p.estimates = vec![Missing];
            p
        };
        let s = stats(vec![], &[session, unanswered], &drills);
        let got: Vec<(f64, f64, usize)> = s
            .accuracy
            .iter()
            .map(|a| (a.within_2x, a.within_10x, a.answered))
            .collect();
        assert_eq!(
            got,
            [(1.0 / 3.0, 2.0 / 3.0, 3), (0.5, 0.5, 2), (1.0, 1.0, 2)],
            "oldest first; a session with nothing answered adds no point"
        );
        assert_eq!(s.accuracy[1].source, "URL shortener");
    }

    #[test]
    fn step_coverage_mixes_sessions_and_step_drills() {
        let mut cov = [Some(0.8); 6];
        cov[Step::Apis.index()] = Some(0.6);
        let interview = point("2026-11-20", None, cov);
        let mut drill_cov = [None; 6];
        drill_cov[Step::Apis.index()] = Some(0.2);
        let drill = point("2026-11-21", Some(Step::Apis), drill_cov);
        let s = stats(vec![], &[interview, drill], &[]);
        let apis = &s.steps[Step::Apis.index()];
        assert!(apis.coverage.is_some_and(|c| (c - 0.4).abs() < 1e-9));
        assert_eq!((apis.sessions, apis.drills), (1, 1));
        assert_eq!(s.steps[0].drills, 0);
        assert_eq!(s.weakest.map(|w| w.step), Some(Step::Apis));
        assert_eq!(s.scores.len(), 1, "drills stay out of the interview scores");
    }

    #[test]
    fn the_suggestion_follows_the_greatest_need() {
        // Nothing saved: a mock interview first.
        let empty = stats(vec![], &[], &[]);
        assert_eq!(suggest(&empty, Some(10)).next, Next::Interview);

        // A weak step (20% covered) beats everything else.
        let mut cov = [Some(0.9); 6];
        cov[Step::DataModel.index()] = Some(0.2);
        let points = [point("2026-11-27", None, cov)];
        let drills = [estimate_drill("2026-11-27", &[Verdict::Good])];
        let activity = vec![act("2026-11-27", Kind::Interview)];
        let s = stats(activity.clone(), &points, &drills);
        let next = suggest(&s, Some(3));
        assert_eq!(next.next, Next::StepDrill(Step::DataModel));
        assert!(
            next.why.contains("Data model") && next.why.contains("20%"),
            "{}",
            next.why
        );

        // Once drilled today, its need halves (0.4) and many due cards (0.9) come first.
        let mut activity = activity;
        activity.push(act("2026-11-28", Kind::StepDrill));
        let s = stats(activity.clone(), &points, &drills);
        let next = suggest(&s, Some(25));
        assert_eq!(next.next, Next::Cards);
        // The count is due and new cards together (schedule::due_today), not only due ones.
        assert_eq!(next.why, "25 concept card(s) to review today");
        // Poor estimates lead when nothing else presses.
        let drills = [estimate_drill("2026-11-27", &[Verdict::Off, Verdict::Off])];
        let s = stats(activity, &points, &drills);
        let next = suggest(&s, Some(0));
        assert_eq!(next.next, Next::Estimate);
        assert!(next.why.contains("0%"), "{}", next.why);
    }

    #[test]
    fn a_mock_interview_is_suggested_again_after_a_week_away() {
        let points = [point("2026-11-10", None, [Some(0.9); 6])];
        let drills = [estimate_drill("2026-11-27", &[Verdict::Good])];
        let activity = vec![act("2026-11-10", Kind::Interview)];
        let s = stats(activity, &points, &drills);
        assert_eq!(s.days_since_interview, Some(18));
        let next = suggest(&s, None);
        assert_eq!(next.next, Next::Interview);
        assert!(next.why.contains("18 day"), "{}", next.why);
    }
}
