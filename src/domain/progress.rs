//! Progress across sessions: scores over time and the step that most needs work.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::framework::Step;
use super::transcript::Transcript;

/// What one finished session contributes to the progress view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionPoint {
    pub id: String,
    pub title: String,
    pub started_at: Timestamp,
    /// The step practised, when this was a step drill rather than a mock interview.
    pub step_drill: Option<Step>,
    pub score: Option<u8>,
    /// Rubric coverage per step (0..=1), where the step was opened and had a rubric: a
    /// step the user never reached says nothing about how well they do it.
    pub coverage: [Option<f64>; 6],
    /// Time spent ÷ budget per step, where the step was practised.
    pub time_ratio: [Option<f64>; 6],
    /// The verdict on each of the problem's reference estimates.
    pub estimates: Vec<super::scoring::Verdict>,
}

impl SessionPoint {
    pub fn from_transcript(t: &Transcript) -> Self {
        let opened = |s: Step| {
            t.step(s)
                .is_some_and(|r| r.visits > 0 || r.spent_ms > 0 || !r.notes.trim().is_empty())
        };
        let coverage = Step::ALL.map(|s| {
            t.scorecard
                .as_ref()
                .filter(|_| opened(s))
                .and_then(|c| c.coverage(s))
        });
        let time_ratio = Step::ALL.map(|s| {
            t.step(s)
                .filter(|r| r.budget_secs > 0)
                .map(|r| r.spent_ms as f64 / 1000.0 / r.budget_secs as f64)
        });
        SessionPoint {
            id: t.header.id.clone(),
            title: t.header.title.clone(),
            started_at: t.header.started_at,
            step_drill: t.header.step_drill,
            score: t.scorecard.as_ref().map(|c| c.score),
            estimates: t
                .scorecard
                .as_ref()
                .map(|c| c.estimates.iter().map(|e| e.verdict).collect())
                .unwrap_or_default(),
            coverage,
            time_ratio,
        }
    }
}

/// Why a step is the weakest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weakest {
    pub step: Step,
    /// Mean rubric coverage at this step, when any session was scored.
    pub coverage: Option<f64>,
    /// Mean time spent ÷ budget at this step.
    pub time_ratio: f64,
}

/// The step with the lowest mean rubric coverage, over interviews and step drills alike;
/// without scored sessions, the step that runs furthest over its budget. `None` with no
/// sessions.
pub fn weakest_step(points: &[SessionPoint]) -> Option<Weakest> {
    if points.is_empty() {
        return None;
    }
    let mean = |values: Vec<f64>| {
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    };
    let per_step: Vec<Weakest> = Step::ALL
        .iter()
        .map(|&step| Weakest {
            step,
            coverage: mean(
                points
                    .iter()
                    .filter_map(|p| p.coverage[step.index()])
                    .collect(),
            ),
            time_ratio: mean(
                points
                    .iter()
                    .filter_map(|p| p.time_ratio[step.index()])
                    .collect(),
            )
            .unwrap_or(0.0),
        })
        .collect();
    let scored = per_step.iter().filter(|w| w.coverage.is_some());
    let by_coverage = scored.min_by(|a, b| {
        a.coverage
            .partial_cmp(&b.coverage)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(
                b.time_ratio
                    .partial_cmp(&a.time_ratio)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
    });
    by_coverage
        .or_else(|| {
            per_step.iter().max_by(|a, b| {
                a.time_ratio
                    .partial_cmp(&b.time_ratio)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(score: Option<u8>, coverage: [Option<f64>; 6], time_ratio: [f64; 6]) -> SessionPoint {
        SessionPoint {
            id: "s".into(),
            title: "t".into(),
            started_at: Timestamp::UNIX_EPOCH,
            step_drill: None,
            score,
            coverage,
            time_ratio: time_ratio.map(Some),
            estimates: Vec::new(),
        }
    }

    #[test]
    fn weakest_is_lowest_mean_coverage() {
        let a = point(
            Some(60),
            [
                Some(1.0),
                Some(0.2),
                Some(1.0),
                Some(1.0),
                Some(0.5),
                Some(0.9),
            ],
            [1.0; 6],
        );
        let b = point(
            Some(70),
            [
                Some(1.0),
                Some(0.4),
                Some(1.0),
                Some(1.0),
                Some(0.2),
                Some(0.9),
            ],
            [1.0; 6],
        );
        let w = weakest_step(&[a, b]);
        assert_eq!(w.as_ref().map(|w| w.step), Some(Step::Capacity));
        assert!(
            w.and_then(|w| w.coverage)
                .is_some_and(|c| (c - 0.3).abs() < 1e-9)
        );
    }

    #[test]
    fn step_drills_count_only_for_their_step() {
        let interview = point(Some(80), [Some(0.9); 6], [1.0; 6]);
        // Two drills of the data model went badly; they say nothing about other steps.
        let mut drill = point(Some(20), [None; 6], [1.0; 6]);
        drill.step_drill = Some(Step::DataModel);
        drill.coverage[Step::DataModel.index()] = Some(0.1);
        drill.time_ratio = [None; 6];
        drill.time_ratio[Step::DataModel.index()] = Some(3.0);
        let w = weakest_step(&[interview, drill.clone(), drill]);
        assert_eq!(w.as_ref().map(|w| w.step), Some(Step::DataModel));
        let expected = (0.9 + 0.1 + 0.1) / 3.0;
        assert!(
            w.as_ref()
                .and_then(|w| w.coverage)
                .is_some_and(|c| (c - expected).abs() < 1e-9)
        );
        assert!(w.is_some_and(|w| (w.time_ratio - 7.0 / 3.0).abs() < 1e-9));
    }

    #[test]
    fn without_scores_the_step_furthest_over_budget_is_weakest() {
        let a = point(None, [None; 6], [1.0, 0.5, 0.8, 2.5, 1.1, 0.9]);
        assert_eq!(weakest_step(&[a]).map(|w| w.step), Some(Step::DataModel));
        assert_eq!(weakest_step(&[]), None);
    }

    #[test]
    fn steps_never_opened_have_no_coverage_so_they_cannot_be_weakest() {
        use crate::domain::problem::{Origin, parse_problem};
        use crate::domain::scoring::{Overrides, score};
        let problem = parse_problem(
            "p.toml",
            b"id = \"p\"\ntitle = \"P\"\ndifficulty = \"easy\"\nstatement = \"s\"\n\
              [[steps.requirements.rubric]]\npoint = \"a\"\nall = [\"users\"]\n\
              [[steps.apis.rubric]]\npoint = \"b\"\nall = [\"endpoint\"]\n",
            Origin::User,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s".into(), &problem, Timestamp::UNIX_EPOCH);
        if let Some(r) = t.step_mut(Step::Requirements) {
            r.notes = "users sign in and post".into();
            r.visits = 1;
        }
        t.scorecard = Some(score(&t, &problem, &Overrides::new()));
        let p = SessionPoint::from_transcript(&t);
        assert_eq!(p.coverage[Step::Requirements.index()], Some(1.0));
        assert_eq!(p.coverage[Step::Apis.index()], None, "never opened");
        let w = weakest_step(&[p]);
        assert_eq!(w.map(|w| w.step), Some(Step::Requirements));
    }
}
