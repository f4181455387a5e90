//! The scorecard: how a finished session measures up against its problem's rubric,
//! reference estimates and key questions, and one overall score.
//!
//! Overall score (0-100), documented in problems/README.md: a weighted mean of the parts
//! the problem has data for, so a problem without estimates is not marked down for them.
//!
//! | part | weight | measure |
//! |---|---|---|
//! | coverage | 50 | rubric weight covered ÷ rubric weight in all |
//! | estimates | 20 | mean over reference estimates: within 2× = 1, within 10× = ½, else 0 |
//! | questions | 15 | key clarifications asked ÷ key clarifications |
//! | time | 10 | mean over steps: within budget = 1, up to 1.5× = ½, else 0 (unstarted = 0) |
//! | independence | 5 | 1 − hints used ÷ 5, at least 0 |

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::coaching::mentions;
use super::framework::Step;
use super::problem::Problem;
use super::transcript::Transcript;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Within 2× of the reference.
    Good,
    /// Within 10×: the right order of magnitude.
    RightOrder,
    /// Further off than 10×.
    Off,
    /// The user never computed it.
    Missing,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Good => "good (within 2×)",
            Verdict::RightOrder => "right order of magnitude (within 10×)",
            Verdict::Off => "off (more than 10× away)",
            Verdict::Missing => "not worked out",
        }
    }

    fn credit(self) -> f64 {
        match self {
            Verdict::Good => 1.0,
            Verdict::RightOrder => 0.5,
            Verdict::Off | Verdict::Missing => 0.0,
        }
    }

    /// The verdict for a user's value against the reference.
    pub fn judge(got: f64, expected: f64) -> Verdict {
        if got <= 0.0 || expected <= 0.0 || !got.is_finite() || !expected.is_finite() {
            return if got == expected {
                Verdict::Good
            } else {
                Verdict::Off
            };
        }
        let ratio = (got / expected).max(expected / got);
        if ratio <= 2.0 {
            Verdict::Good
        } else if ratio <= 10.0 {
            Verdict::RightOrder
        } else {
            Verdict::Off
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointScore {
    pub point: String,
    pub weight: u8,
    /// Found in the notes by its keywords.
    pub detected: bool,
    /// Set by hand, overriding detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<bool>,
}

impl PointScore {
    pub fn covered(&self) -> bool {
        self.manual.unwrap_or(self.detected)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepScore {
    pub step: Step,
    pub points: Vec<PointScore>,
    pub hints_used: u32,
    pub hints_total: u32,
    pub spent_secs: u64,
    pub budget_secs: u64,
    /// The problem's reference notes for the step, revealed with the scorecard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateScore {
    pub name: String,
    pub label: String,
    pub expected: String,
    /// The user's calculator input and result matched to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub got: Option<(String, String)>,
    /// The user's value ÷ the reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    pub verdict: Verdict,
    /// The calculator entry chosen by hand (an index into the session's history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picked: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub steps: Vec<StepScore>,
    pub estimates: Vec<EstimateScore>,
    /// Key clarifications, and whether the user asked each.
    pub key_questions: Vec<(String, bool)>,
    pub questions_asked: usize,
    pub score: u8,
}

impl Scorecard {
    /// Flip a rubric point by hand (detection can miss what the notes say in other words)
    /// and recompute the score. `index` counts points across all steps in order.
    pub fn toggle_point(&mut self, index: usize) -> bool {
        let Some(point) = self
            .steps
            .iter_mut()
            .flat_map(|s| s.points.iter_mut())
            .nth(index)
        else {
            return false;
        };
        let now = !point.covered();
        point.manual = (now != point.detected).then_some(now);
        self.score = overall(&self.steps, &self.estimates, &self.key_questions);
        true
    }

    /// Match reference estimate `index` by hand to the next of the user's calculator
    /// results (after the one picked now) that has the same kind of unit, and rescore.
    /// Returns false when there is no such estimate or no result fits.
    pub fn pick_estimate(
        &mut self,
        index: usize,
        history: &[crate::domain::transcript::CalcEntry],
    ) -> bool {
        let Some(e) = self.estimates.get_mut(index) else {
            return false;
        };
        let calc = crate::calc::Calculator::new();
        let Ok(reference) = calc.preview(e.expected.trim_start_matches('≈').trim()) else {
            return false;
        };
        let value_of = |c: &crate::domain::transcript::CalcEntry| {
            calc.preview(&format!("{} {}", c.value, c.unit))
                .ok()
                .map(|o| o.quantity)
        };
        let start = e.picked.map_or(0, |p| p + 1);
        let candidates = (start..history.len()).chain(0..start.min(history.len()));
        let found = candidates.into_iter().find_map(|i| {
            let q = value_of(history.get(i)?)?;
            (q.dim == reference.quantity.dim).then_some((i, q.value))
        });
        let Some((i, value)) = found else {
            return false;
        };
        let Some(entry) = history.get(i) else {
            return false;
        };
        e.picked = Some(i);
        e.got = Some((entry.input.clone(), entry.display.clone()));
        e.ratio = (reference.quantity.value != 0.0).then(|| value / reference.quantity.value);
        e.verdict = Verdict::judge(value, reference.quantity.value);
        self.score = overall(&self.steps, &self.estimates, &self.key_questions);
        true
    }

    /// Rubric points across all steps, in order, with their step.
    pub fn points(&self) -> impl Iterator<Item = (Step, &PointScore)> {
        self.steps
            .iter()
            .flat_map(|s| s.points.iter().map(move |p| (s.step, p)))
    }

    /// Covered rubric weight ÷ total for one step, if it has a rubric.
    pub fn coverage(&self, step: Step) -> Option<f64> {
        let s = self.steps.iter().find(|s| s.step == step)?;
        let total: u32 = s.points.iter().map(|p| u32::from(p.weight)).sum();
        let covered: u32 = s
            .points
            .iter()
            .filter(|p| p.covered())
            .map(|p| u32::from(p.weight))
            .sum();
        (total > 0).then(|| f64::from(covered) / f64::from(total))
    }
}

/// Manual rubric decisions, keyed `step_key:index`.
pub type Overrides = BTreeMap<String, bool>;

pub fn override_key(step: Step, index: usize) -> String {
    format!("{}:{index}", step.key())
}

/// Score `t` against `problem`. Estimates are matched to the user's calculator results
/// by variable name (the latest assignment of the estimate's name wins).
///
/// A step drill is scored on its own step: the reference estimates count only in a
/// capacity drill and the key clarifications only in a requirements drill, because those
/// are the steps where an interviewer expects them.
pub fn score(t: &Transcript, problem: &Problem, overrides: &Overrides) -> Scorecard {
    let practised = |step: Step| t.header.step_drill.is_none_or(|d| d == step);
    let steps: Vec<StepScore> = Step::ALL
        .iter()
        .filter(|&&step| practised(step))
        .map(|&step| {
            let record = t.step(step);
            let notes = record.map_or("", |r| r.notes.as_str());
            let spec = problem.step(step);
            StepScore {
                step,
                points: spec
                    .rubric
                    .iter()
                    .enumerate()
                    .map(|(i, p)| PointScore {
                        point: p.point.clone(),
                        weight: p.weight,
                        detected: p.keywords.iter().any(|k| mentions(notes, k)),
                        manual: overrides.get(&override_key(step, i)).copied(),
                    })
                    .collect(),
                hints_used: record.map_or(0, |r| r.hints_used),
                hints_total: spec.hints.len() as u32,
                spent_secs: record.map_or(0, |r| r.spent_ms / 1000),
                budget_secs: record.map_or(spec.budget.as_secs(), |r| r.budget_secs),
                reference: spec.reference.clone(),
            }
        })
        .collect();

    // The user's variables as they stood at the end: replay their calculator history.
    let mut mine = crate::calc::Calculator::new();
    for entry in &t.calc {
        let _ = mine.eval(&entry.input);
    }
    let mut reference = crate::calc::Calculator::new();
    let estimates: Vec<EstimateScore> = problem
        .estimates
        .iter()
        .filter(|_| practised(Step::Capacity))
        .map(|e| {
            let expected = reference.eval(&format!("{} = {}", e.name, e.expr)).ok();
            let user = mine
                .variables()
                .find(|(n, _)| *n == e.name)
                .map(|(_, q)| q.clone());
            let shown = t
                .calc
                .iter()
                .rev()
                .find(|c| c.variable.as_deref() == Some(e.name.as_str()));
            let (ratio, verdict) = match (&user, &expected) {
                (Some(u), Some(r)) if u.dim == r.quantity.dim => (
                    (r.quantity.value != 0.0).then(|| u.value / r.quantity.value),
                    Verdict::judge(u.value, r.quantity.value),
                ),
                (Some(_), Some(_)) => (None, Verdict::Off),
                _ => (None, Verdict::Missing),
            };
            EstimateScore {
                name: e.name.clone(),
                label: e.label.clone(),
                expected: e.expected.clone(),
                got: shown.map(|c| (c.input.clone(), c.display.clone())),
                ratio,
                verdict,
                picked: None,
            }
        })
        .collect();

    let key_questions: Vec<(String, bool)> = problem
        .clarifications
        .iter()
        .filter(|c| c.key && practised(Step::Requirements))
        .map(|c| {
            (
                c.question.clone(),
                t.questions
                    .iter()
                    .any(|q| q.matched.as_deref() == Some(c.question.as_str())),
            )
        })
        .collect();

    let score = overall(&steps, &estimates, &key_questions);
    Scorecard {
        steps,
        estimates,
        key_questions,
        questions_asked: t.questions.len(),
        score,
    }
}

fn overall(
    steps: &[StepScore],
    estimates: &[EstimateScore],
    key_questions: &[(String, bool)],
) -> u8 {
    let mut parts: Vec<(f64, f64)> = Vec::new();
    let total_weight: u32 = steps
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| u32::from(p.weight))
        .sum();
    if total_weight > 0 {
        let covered: u32 = steps
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| p.covered())
            .map(|p| u32::from(p.weight))
            .sum();
        parts.push((50.0, f64::from(covered) / f64::from(total_weight)));
    }
    if !estimates.is_empty() {
        let credit: f64 = estimates.iter().map(|e| e.verdict.credit()).sum();
        parts.push((20.0, credit / estimates.len() as f64));
    }
    if !key_questions.is_empty() {
        let asked = key_questions.iter().filter(|(_, a)| *a).count();
        parts.push((15.0, asked as f64 / key_questions.len() as f64));
    }
    let time: f64 = steps
        .iter()
        .map(|s| time_credit(s.spent_secs, s.budget_secs))
        .sum();
    parts.push((10.0, time / steps.len().max(1) as f64));
    let hints: u32 = steps.iter().map(|s| s.hints_used).sum();
    parts.push((5.0, (1.0 - f64::from(hints) / 5.0).max(0.0)));
    let weight: f64 = parts.iter().map(|(w, _)| w).sum();
    let value: f64 = parts.iter().map(|(w, v)| w * v).sum();
    (value / weight * 100.0).round().clamp(0.0, 100.0) as u8
}

fn time_credit(spent: u64, budget: u64) -> f64 {
    if spent == 0 {
        0.0
    } else if spent <= budget {
        1.0
    } else if Duration::from_secs(spent) <= Duration::from_secs(budget) * 3 / 2 {
        0.5
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{Origin, parse_problem};
    use crate::domain::transcript::{CalcEntry, QuestionRecord};

    const PROBLEM: &str = r#"
id = "t"
title = "T"
difficulty = "easy"
statement = "s"

[[clarifications]]
question = "How many users?"
answer = "10M"
keywords = ["users"]
key = true

[[clarifications]]
question = "Latency?"
answer = "100 ms"
keywords = ["latency"]
key = true

[steps.requirements]
hints = ["a", "b"]

[[steps.requirements.rubric]]
point = "Scale"
keywords = ["dau", "daily active"]
weight = 3

[[steps.requirements.rubric]]
point = "Latency"
keywords = ["p99"]
weight = 1

[[estimates]]
name = "writes"
label = "Writes/s"
expr = "10M * 10 / day"
expected = "1.16K /s"

[[estimates]]
name = "storage"
label = "Storage a day"
expr = "10M * 10 * 1 KB"
expected = "100 GB"
"#;

    fn setup() -> (Problem, Transcript) {
        let p = parse_problem("t.toml", PROBLEM.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = Transcript::start("s".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        (p, t)
    }

    #[test]
    fn verdicts_follow_the_ratio_either_way() {
        assert_eq!(Verdict::judge(150.0, 100.0), Verdict::Good);
        assert_eq!(Verdict::judge(50.0, 100.0), Verdict::Good);
        assert_eq!(Verdict::judge(30.0, 100.0), Verdict::RightOrder);
        assert_eq!(Verdict::judge(1000.0, 100.0), Verdict::RightOrder);
        assert_eq!(Verdict::judge(1001.0, 100.0), Verdict::Off);
    }

    #[test]
    fn a_perfect_session_scores_100_and_an_empty_one_scores_low() {
        let (p, mut t) = setup();
        let empty = score(&t, &p, &Overrides::new());
        assert_eq!(empty.score, 5, "only independence: no hints used");
        if let Some(r) = t.step_mut(Step::Requirements) {
            r.notes = "100M DAU; p99 under 200ms".into();
        }
        for r in &mut t.steps {
            r.spent_ms = 60_000;
        }
        t.calc.push(CalcEntry {
            step: Step::Capacity,
            input: "writes = 10M * 10 / day".into(),
            display: "≈ 1.16K /s".into(),
            value: 1157.4,
            unit: "/s".into(),
            variable: Some("writes".into()),
        });
        t.calc.push(CalcEntry {
            step: Step::Capacity,
            input: "storage = 10M * 10 * 1 KB".into(),
            display: "100 GB".into(),
            value: 100.0,
            unit: "GB".into(),
            variable: Some("storage".into()),
        });
        for (q, matched) in [
            ("how many users?", "How many users?"),
            ("latency?", "Latency?"),
        ] {
            t.questions.push(QuestionRecord {
                step: Step::Requirements,
                question: q.into(),
                answer: String::new(),
                matched: Some(matched.into()),
            });
        }
        let card = score(&t, &p, &Overrides::new());
        assert!(card.steps[0].points.iter().all(|p| p.detected));
        assert_eq!(card.estimates[0].verdict, Verdict::Good);
        assert_eq!(card.estimates[1].verdict, Verdict::Good);
        assert!(card.key_questions.iter().all(|(_, asked)| *asked));
        assert_eq!(card.score, 100);

        // A manual "not covered" on the weight-3 point costs 3/4 of the coverage half.
        let mut overrides = Overrides::new();
        overrides.insert(override_key(Step::Requirements, 0), false);
        let card = score(&t, &p, &overrides);
        assert_eq!(card.score, 63);
    }

    #[test]
    fn a_step_drill_is_scored_on_its_own_step_only() {
        let (p, _) = setup();
        let at = jiff::Timestamp::UNIX_EPOCH;
        let mut reqs = Transcript::start_drill("d".into(), &p, Step::Requirements, at);
        if let Some(r) = reqs.step_mut(Step::Requirements) {
            r.notes = "100M DAU, p99 under 200 ms".into();
            r.spent_ms = 60_000;
        }
        let card = score(&reqs, &p, &Overrides::new());
        assert_eq!(card.steps.len(), 1);
        assert_eq!(card.coverage(Step::Requirements), Some(1.0));
        assert!(card.estimates.is_empty(), "estimates belong to capacity");
        assert_eq!(card.key_questions.len(), 2, "clarifying is the point here");
        // Coverage, time and independence are full; no key question was asked.
        assert!(card.score < 100 && card.score > 50, "{}", card.score);

        let capacity = Transcript::start_drill("d".into(), &p, Step::Capacity, at);
        let card = score(&capacity, &p, &Overrides::new());
        assert_eq!(card.estimates.len(), 2);
        assert!(card.key_questions.is_empty());
        assert_eq!(card.coverage(Step::Requirements), None);
    }

    #[test]
    fn toggling_a_point_by_hand_changes_coverage_and_score_and_toggles_back() {
        let (p, mut t) = setup();
        if let Some(r) = t.step_mut(Step::Requirements) {
            r.notes = "we expect heavy traffic".into();
        }
        let mut card = score(&t, &p, &Overrides::new());
        let before = card.score;
        assert_eq!(card.coverage(Step::Requirements), Some(0.0));
        assert!(card.toggle_point(0));
        assert_eq!(card.coverage(Step::Requirements), Some(0.75));
        assert_eq!(card.steps[0].points[0].manual, Some(true));
        assert!(card.score > before);
        assert!(card.toggle_point(0));
        assert_eq!(
            card.steps[0].points[0].manual, None,
            "back to what detection said"
        );
        assert_eq!(card.score, before);
        assert!(!card.toggle_point(99));
    }

    #[test]
    fn an_estimate_can_be_matched_by_hand_to_a_result_of_the_same_kind() {
        let (p, mut t) = setup();
        let entry = |input: &str, display: &str, value: f64, unit: &str| CalcEntry {
            step: Step::Capacity,
            input: input.into(),
            display: display.into(),
            value,
            unit: unit.into(),
            variable: None,
        };
        t.calc.push(entry("10M * 10 * 1 KB", "100 GB", 100.0, "GB"));
        t.calc
            .push(entry("10M * 10 / day", "≈ 1.16K /s", 1157.4, "/s"));
        let mut card = score(&t, &p, &Overrides::new());
        assert_eq!(
            card.estimates[0].verdict,
            Verdict::Missing,
            "no variable named writes"
        );
        let before = card.score;
        // The first result of the right kind (a rate) is the second entry.
        assert!(card.pick_estimate(0, &t.calc));
        assert_eq!(card.estimates[0].picked, Some(1));
        assert_eq!(card.estimates[0].verdict, Verdict::Good);
        assert!(card.score > before);
        assert!(card.pick_estimate(1, &t.calc));
        assert_eq!(card.estimates[1].picked, Some(0));
        assert!(!card.pick_estimate(5, &t.calc));
    }

    #[test]
    fn estimates_far_off_or_missing_are_marked() {
        let (p, mut t) = setup();
        t.calc.push(CalcEntry {
            step: Step::Capacity,
            input: "writes = 10M * 10 / hour".into(),
            display: "≈ 27.8K /s".into(),
            value: 27777.0,
            unit: "/s".into(),
            variable: Some("writes".into()),
        });
        let card = score(&t, &p, &Overrides::new());
        assert_eq!(card.estimates[0].verdict, Verdict::Off);
        assert!(
            card.estimates[0]
                .ratio
                .is_some_and(|r| (r - 24.0).abs() < 0.1)
        );
        assert_eq!(card.estimates[1].verdict, Verdict::Missing);
    }
}
