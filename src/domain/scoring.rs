//! The scorecard: how a finished session measures up against its problem's rubric,
//! reference estimates and key questions, and one overall score. The notes are read by
//! the judge ([`crate::domain::judge`]): by concept, negation-aware, figures by value.
//!
//! Overall score (0-100), documented in the README: a weighted mean of the parts the
//! problem has data for, so a problem without estimates is not marked down for them.
//!
//! | part | weight | measure |
//! |---|---|---|
//! | coverage | 50 | rubric weight covered ÷ rubric weight in all |
//! | estimates | 20 | mean over reference estimates: within 2× = 1, within 10× = ½, else 0 |
//! | questions | 15 | key clarifications asked ÷ key clarifications, × substance |
//! | time | 10 | mean over steps with substantive notes: within budget = 1, up to 1.5× = ½, × substance |
//! | independence | 5 | (1 − hints used ÷ 5, at least 0) × coverage |
//!
//! Structural points (a problem's `[structure]`) join the architecture step's rubric
//! points when the session drew at least one diagram, so they count in coverage; a design
//! told only in words is judged by the rubric alone.
//!
//! Substance is coverage ÷ ½, at most 1: process (asking, pacing) earns full credit only
//! beside a design that covers half the rubric. Notes of two statements or fewer score 15
//! at most.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::coaching::Clarifier;
use super::framework::Step;
use super::judge::Vocabulary;
use super::judge::figures::ratio;
use super::judge::points::{Compiled, Noted, place, read_notes};
use super::problem::Problem;
use super::structure::StructureKind;
use super::transcript::Transcript;

/// The most a blank or near-blank answer (two statements or fewer) can score.
pub const THIN_ANSWER_CAP: u8 = 15;
/// Coverage at which process credit (questions, time) is full.
const SUBSTANCE_AT: f64 = 0.5;
/// Words a step's own notes need before its time counts.
const SUBSTANTIVE_WORDS: usize = 15;
/// Quotes longer than this are cut with an ellipsis.
const QUOTE_CHARS: usize = 160;

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

/// The line of the notes a judgement rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub step: Step,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointScore {
    pub point: String,
    pub weight: u8,
    /// Found in the notes by the judge.
    pub detected: bool,
    /// Set by hand, overriding detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<bool>,
    /// The statement that earned the point (perhaps in another step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// A mention the judge read as negated or dismissed, so it earned nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negated: Option<Evidence>,
    /// Set for a structural point, judged on the diagrams rather than the words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<StructureKind>,
    /// For a forbidden edge the design has: that edge, and why it is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken: Option<(Evidence, Option<String>)>,
    /// A forbidden edge whose two ends the diagrams do not both draw: the design could
    /// not have broken it, so unless marked by hand it neither earns nor costs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

impl PointScore {
    pub fn covered(&self) -> bool {
        self.manual.unwrap_or(self.detected)
    }

    /// Whether the point is weighed at all: everything but a rule the design could not
    /// have broken, which counts again once marked by hand.
    pub fn counts(&self) -> bool {
        self.manual.is_some() || !self.not_applicable
    }

    /// What the judgement rests on, in one line for the scorecard and the export: the
    /// quoted statement that earned the point (and its step when not `own`), or the
    /// mention that was read as negated. Sanitised: it quotes the user's notes.
    pub fn evidence_note(&self, own: Step) -> Option<String> {
        let place = |e: &Evidence| {
            if e.step == own {
                String::new()
            } else {
                format!(" (in {})", e.step.title())
            }
        };
        let quoted = |e: &Evidence| super::sanitize::sanitize(&e.quote, true);
        if let Some((e, why)) = &self.broken {
            let why = why.as_deref().map_or(String::new(), |w| {
                format!(": {}", super::sanitize::sanitize(w, true))
            });
            return Some(format!("drawn: “{}”{}{why}", quoted(e), place(e)));
        }
        if let Some(e) = &self.evidence {
            return Some(format!("“{}”{}", quoted(e), place(e)));
        }
        if let Some(e) = &self.negated {
            return Some(format!("read as negated: “{}”{}", quoted(e), place(e)));
        }
        (self.not_applicable && self.manual.is_none())
            .then(|| "not counted: the diagram does not draw both ends of this edge".to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepScore {
    pub step: Step,
    pub points: Vec<PointScore>,
    #[serde(deserialize_with = "super::bounds::count")]
    pub hints_used: u32,
    #[serde(deserialize_with = "super::bounds::count")]
    pub hints_total: u32,
    #[serde(deserialize_with = "super::bounds::duration_secs")]
    pub spent_secs: u64,
    #[serde(deserialize_with = "super::bounds::budget_secs")]
    pub budget_secs: u64,
    /// The step's own notes were substantive enough for its time to count. Scorecards
    /// saved before this existed counted every step's time, so they read as true.
    #[serde(default = "counted")]
    pub substantive: bool,
    /// The problem's reference notes for the step, revealed with the scorecard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl StepScore {
    /// How many of the points that count are covered, and how many count (a rule the
    /// design could not have broken does not): "3 of 5 key points".
    pub fn counted_points(&self) -> (usize, usize) {
        let counted = self.points.iter().filter(|p| p.counts());
        let covered = counted.clone().filter(|p| p.covered()).count();
        (covered, counted.count())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateScore {
    pub name: String,
    pub label: String,
    pub expected: String,
    /// What the user wrote that was matched to it (a calculator input or a line of the
    /// notes) and its value as shown.
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
    /// Distinct statements in the notes; two or fewer cap the score.
    #[serde(default = "many_statements")]
    pub statements: usize,
    /// Set when the problem has a reference architecture and the architecture step was
    /// practised, whether or not the session drew anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<StructureSeen>,
    pub score: u8,
}

/// What a scorecard keeps of the structural judgement beyond its points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructureSeen {
    /// The problem's reference architecture, Mermaid, shown beside the user's diagrams.
    pub reference: String,
    /// Diagrams that parsed in the session's notes. With none, the structural points
    /// are not judged (and not listed): a design told only in words is judged by the
    /// rubric alone.
    pub diagrams: usize,
}

fn many_statements() -> usize {
    usize::MAX
}

fn counted() -> bool {
    true
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
        self.rescore();
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
        self.rescore();
        true
    }

    fn rescore(&mut self) {
        self.score = overall(
            &self.steps,
            &self.estimates,
            &self.key_questions,
            self.statements,
        );
    }

    /// What to say about the drawn structure when it was not judged: the problem has a
    /// reference architecture but the session drew nothing.
    pub fn structure_note(&self) -> Option<&'static str> {
        (self.structure.as_ref()?.diagrams == 0).then_some(
            "No diagram drawn, so the design's structure was not judged: sketch it next \
             time (a ```mermaid block, or lines like `client -> lb -> api`) and the \
             scorecard checks its components, paths and edges against the reference.",
        )
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
        let counted = || s.points.iter().filter(|p| p.counts());
        let total: u32 = counted().map(|p| u32::from(p.weight)).sum();
        let covered: u32 = counted()
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

/// Score `t` against `problem`.
///
/// Rubric points are found anywhere in the interview (their own step first); estimates
/// are matched by value to every calculator result and every figure in the notes.
///
/// A step drill is scored on its own step: the reference estimates count only in a
/// capacity drill and the key clarifications only in a requirements drill, because those
/// are the steps where an interviewer expects them.
pub fn score(t: &Transcript, problem: &Problem, overrides: &Overrides) -> Scorecard {
    let practised = |step: Step| t.header.step_drill.is_none_or(|d| d == step);
    let vocabulary = problem.vocabulary();
    let vocabulary: &Vocabulary = &vocabulary;
    // Diagrams are judged by their structure (below), not read as sentences.
    let prose: Vec<(Step, std::borrow::Cow<str>)> = Step::ALL
        .iter()
        .filter_map(|&step| {
            t.step(step)
                .map(|r| (step, crate::diagram::prose(&r.notes)))
        })
        .collect();
    let notes = read_notes(prose.iter().map(|(step, text)| (*step, text.as_ref())));

    let compiled: Vec<(Step, u8, Compiled)> = Step::ALL
        .iter()
        .filter(|&&step| practised(step))
        .flat_map(|&step| {
            problem
                .step(step)
                .rubric
                .iter()
                .map(move |p| (step, p.weight, Compiled::new(p, vocabulary)))
        })
        .collect();
    let mut found = place(&compiled, &notes).into_iter();
    let evidence = |i: usize| {
        notes.get(i).map(|n: &Noted| Evidence {
            step: n.step,
            quote: quote(&n.statement.text),
        })
    };

    let (structure, structural) = if practised(Step::Architecture) {
        structure_points(t, problem, vocabulary)
    } else {
        (None, Vec::new())
    };

    let steps: Vec<StepScore> = Step::ALL
        .iter()
        .filter(|&&step| practised(step))
        .map(|&step| {
            let record = t.step(step);
            let spec = problem.step(step);
            let points = spec
                .rubric
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let f = found.next().flatten();
                    let detected = f.as_ref().is_some_and(|f| !f.negated);
                    PointScore {
                        point: p.point.clone(),
                        weight: p.weight,
                        detected,
                        manual: overrides.get(&override_key(step, i)).copied(),
                        evidence: f
                            .as_ref()
                            .filter(|f| !f.negated)
                            .and_then(|f| evidence(f.index)),
                        negated: f
                            .as_ref()
                            .filter(|f| f.negated)
                            .and_then(|f| evidence(f.index)),
                        structure: None,
                        broken: None,
                        not_applicable: false,
                    }
                })
                .chain(
                    (step == Step::Architecture)
                        .then(|| structural.iter().cloned())
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(j, mut p)| {
                            let key = override_key(step, spec.rubric.len() + j);
                            p.manual = overrides.get(&key).copied();
                            p
                        }),
                )
                .collect();
            let own_words: usize = notes
                .iter()
                .filter(|n| n.step == step && n.list.is_none())
                .map(|n| n.statement.words.len())
                .sum();
            StepScore {
                step,
                points,
                hints_used: record.map_or(0, |r| r.hints_used),
                hints_total: spec.hints.len() as u32,
                spent_secs: record.map_or(0, |r| r.spent_ms / 1000),
                budget_secs: record.map_or(spec.budget.as_secs(), |r| r.budget_secs),
                substantive: own_words >= SUBSTANTIVE_WORDS,
                reference: spec.reference.clone(),
            }
        })
        .collect();

    let estimates = if practised(Step::Capacity) {
        match_estimates(t, problem, &notes)
    } else {
        Vec::new()
    };

    // Questions are matched again with today's matcher, so older sessions gain from it.
    let clarifier = Clarifier::new(&problem.clarifications, vocabulary);
    let answered: Vec<Option<usize>> = t
        .questions
        .iter()
        .map(|q| clarifier.best(&q.question))
        .collect();
    let key_questions: Vec<(String, bool)> = problem
        .clarifications
        .iter()
        .enumerate()
        .filter(|(_, c)| c.key && practised(Step::Requirements))
        .map(|(i, c)| {
            let asked =
                t.questions.iter().zip(&answered).any(|(q, a)| {
                    q.matched.as_deref() == Some(c.question.as_str()) || *a == Some(i)
                });
            (c.question.clone(), asked)
        })
        .collect();

    let mut card = Scorecard {
        steps,
        estimates,
        key_questions,
        questions_asked: t.questions.len(),
        statements: notes.len(),
        structure,
        score: 0,
    };
    card.rescore();
    card
}

/// The problem's structural points judged on every diagram in the session's notes, as
/// rubric points of the architecture step; none when nothing was drawn.
fn structure_points(
    t: &Transcript,
    problem: &Problem,
    vocabulary: &Vocabulary,
) -> (Option<StructureSeen>, Vec<PointScore>) {
    let Some(structure) = &problem.structure else {
        return (None, Vec::new());
    };
    let mut graphs = Vec::new();
    let mut steps = Vec::new();
    for r in &t.steps {
        for found in crate::diagram::find_diagrams(&r.notes) {
            if let Ok(graph) = found.graph
                && !graph.nodes.is_empty()
            {
                graphs.push(graph);
                steps.push(r.step);
            }
        }
    }
    let seen = StructureSeen {
        reference: structure.reference.clone(),
        diagrams: graphs.len(),
    };
    if graphs.is_empty() {
        return (Some(seen), Vec::new());
    }
    let verdicts = super::judge::structure::judge(&structure.points, &graphs, vocabulary);
    let points = structure
        .points
        .iter()
        .zip(verdicts)
        .map(|(p, v)| {
            let drawn = v.drawn.map(|(i, text)| Evidence {
                step: steps.get(i).copied().unwrap_or(Step::Architecture),
                quote: quote(&text),
            });
            let (evidence, broken) = match p.kind {
                StructureKind::Forbidden => (None, drawn.map(|e| (e, p.why.clone()))),
                _ => (drawn, None),
            };
            PointScore {
                point: p.point.clone(),
                weight: p.weight,
                detected: v.met,
                manual: None,
                evidence,
                negated: None,
                structure: Some(p.kind),
                broken,
                not_applicable: !v.applies,
            }
        })
        .collect();
    (Some(seen), points)
}

fn quote(text: &str) -> String {
    let text = text.trim_start_matches(['-', '*', '•', '+', ' ']).trim();
    if text.chars().count() <= QUOTE_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(QUOTE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A value the user produced that an estimate may be matched to.
struct Candidate {
    value: f64,
    dim: crate::calc::Dim,
    /// What was written, and its value as shown.
    got: (String, String),
    /// The calculator variable it was assigned to, if any.
    name: Option<String>,
    /// For a count in the notes, the stems of what it counts ("6B links": link).
    counts: Vec<super::judge::text::Sym>,
    /// For a rate in the notes, the time it was written per, in seconds.
    per: Option<f64>,
}

/// Every calculator result and every figure in the notes is a candidate; each reference
/// estimate takes the candidate of the same kind closest to it (a matching variable name
/// only breaks ties), closest pairs first, each candidate once.
fn match_estimates(t: &Transcript, problem: &Problem, notes: &[Noted]) -> Vec<EstimateScore> {
    let mut mine = crate::calc::Calculator::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for entry in &t.calc {
        if let Ok(o) = mine.eval(&entry.input) {
            candidates.push(Candidate {
                value: o.quantity.value,
                dim: o.quantity.dim,
                got: (entry.input.clone(), o.display.clone()),
                name: o.assigned.clone(),
                counts: Vec::new(),
                per: None,
            });
        }
    }
    for n in notes.iter().filter(|n| n.list.is_none()) {
        for f in n.figures.iter().filter(|f| f.meaningful) {
            candidates.push(Candidate {
                value: f.quantity.value,
                dim: f.quantity.dim,
                got: (quote(&n.statement.text), f.display.clone()),
                name: None,
                counts: f
                    .label
                    .iter()
                    .map(|w| super::judge::text::stem(w))
                    .collect(),
                per: f.per,
            });
        }
    }

    let mut reference = crate::calc::Calculator::new();
    let expected: Vec<Option<crate::calc::Quantity>> = problem
        .estimates
        .iter()
        .map(|e| {
            reference
                .eval(&format!("{} = {}", e.name, e.expr))
                .ok()
                .map(|o| o.quantity)
        })
        .collect();

    // All (estimate, candidate) pairs of the same kind, closest first.
    let mut pairs: Vec<(f64, usize, usize, f64)> = Vec::new();
    for (ei, want) in expected.iter().enumerate() {
        let Some(want) = want else { continue };
        let name = problem.estimates.get(ei).map(|e| e.name.as_str());
        // A count is of something: "10B clicks" is no answer to "links stored".
        let about: Vec<super::judge::text::Sym> = problem
            .estimates
            .get(ei)
            .map(|e| format!("{} {}", e.label, e.name.replace('_', " ")))
            .map(|t| {
                super::judge::text::words(&t)
                    .iter()
                    .map(|w| w.stem)
                    .collect()
            })
            .unwrap_or_default();
        // "Searches per day" written as a rate ("1B searches/day") is the same figure.
        let period = period_of(&about);
        for (ci, c) in candidates.iter().enumerate() {
            let value = match period {
                Some(secs) if want.dim.is_none() && c.dim == crate::calc::Dim::RATE => {
                    c.value * secs
                }
                _ if c.dim == want.dim => c.value,
                _ => continue,
            };
            let counts_else = want.dim.is_none()
                && !c.counts.is_empty()
                && !c.counts.iter().any(|s| about.contains(s));
            if counts_else {
                continue;
            }
            // "500M a day" in the notes is the load as given, not the rate worked out from
            // it (the calculator's "500M / day" shows the rate, so it counts).
            if super::judge::figures::given_not_derived(c.per, want.dim) {
                continue;
            }
            let distance = ratio(value, want.value).ln();
            if !distance.is_finite() {
                continue;
            }
            let tie = if c.name.as_deref() == name {
                -1e-6
            } else {
                0.0
            };
            pairs.push((distance + tie, ei, ci, value));
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut taken_estimate = vec![None; expected.len()];
    let mut taken_candidate = vec![false; candidates.len()];
    for (_, ei, ci, value) in pairs {
        let free = taken_estimate.get(ei).is_some_and(Option::is_none)
            && taken_candidate.get(ci).is_some_and(|t| !t);
        if free {
            if let Some(slot) = taken_estimate.get_mut(ei) {
                *slot = Some((ci, value));
            }
            if let Some(slot) = taken_candidate.get_mut(ci) {
                *slot = true;
            }
        }
    }

    problem
        .estimates
        .iter()
        .zip(expected.iter().zip(taken_estimate))
        .map(|(e, (want, taken))| {
            let chosen = taken.and_then(|(ci, value)| Some((candidates.get(ci)?, value)));
            let (ratio, verdict) = match (chosen, want) {
                (Some((_, value)), Some(w)) => (
                    (w.value != 0.0).then(|| value / w.value),
                    Verdict::judge(value, w.value),
                ),
                _ => (None, Verdict::Missing),
            };
            EstimateScore {
                name: e.name.clone(),
                label: e.label.clone(),
                expected: e.expected.clone(),
                got: chosen.map(|(c, _)| c.got.clone()),
                ratio,
                verdict,
                picked: None,
            }
        })
        .collect()
}

/// The period a count is taken over, from the words of its label: "per day" is a day.
fn period_of(about: &[super::judge::text::Sym]) -> Option<f64> {
    const DAY: f64 = 86_400.0;
    [
        ("day", DAY),
        ("daili", DAY),
        ("month", 30.0 * DAY),
        ("year", 365.0 * DAY),
        ("annual", 365.0 * DAY),
    ]
    .into_iter()
    .find(|(word, _)| about.contains(&super::judge::text::stem(word)))
    .map(|(_, secs)| secs)
}

fn overall(
    steps: &[StepScore],
    estimates: &[EstimateScore],
    key_questions: &[(String, bool)],
    statements: usize,
) -> u8 {
    let mut parts: Vec<(f64, f64)> = Vec::new();
    let counted = || steps.iter().flat_map(|s| &s.points).filter(|p| p.counts());
    let total_weight: u32 = counted().map(|p| u32::from(p.weight)).sum();
    let coverage = if total_weight > 0 {
        let covered: u32 = counted()
            .filter(|p| p.covered())
            .map(|p| u32::from(p.weight))
            .sum();
        let c = f64::from(covered) / f64::from(total_weight);
        parts.push((50.0, c));
        c
    } else {
        // Without a rubric there is nothing to weigh process against.
        1.0
    };
    let substance = (coverage / SUBSTANCE_AT).min(1.0);
    if !estimates.is_empty() {
        let credit: f64 = estimates.iter().map(|e| e.verdict.credit()).sum();
        parts.push((20.0, credit / estimates.len() as f64));
    }
    if !key_questions.is_empty() {
        let asked = key_questions.iter().filter(|(_, a)| *a).count();
        parts.push((15.0, substance * asked as f64 / key_questions.len() as f64));
    }
    let time: f64 = steps
        .iter()
        .filter(|s| s.substantive)
        .map(|s| time_credit(s.spent_secs, s.budget_secs))
        .sum();
    parts.push((10.0, substance * time / steps.len().max(1) as f64));
    let hints: u32 = steps.iter().map(|s| s.hints_used).sum();
    parts.push((5.0, coverage * (1.0 - f64::from(hints) / 5.0).max(0.0)));
    let weight: f64 = parts.iter().map(|(w, _)| w).sum();
    let value: f64 = parts.iter().map(|(w, v)| w * v).sum();
    let score = (value / weight * 100.0).round().clamp(0.0, 100.0) as u8;
    if statements <= 2 {
        score.min(THIN_ANSWER_CAP)
    } else {
        score
    }
}

fn time_credit(spent: u64, budget: u64) -> f64 {
    if spent == 0 {
        0.0
    } else if spent <= budget {
        1.0
    } else if Duration::from_secs(spent) <= Duration::from_secs(budget).saturating_mul(3) / 2 {
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

[steps.architecture]

[[steps.architecture.rubric]]
point = "Caches redirects because reads dominate"
all = ["cache", "redirect|read"]
reason = true
weight = 2

[[steps.architecture.rubric]]
point = "Paginates by cursor, not page numbers"
all = ["cursor", "!page number"]
weight = 1

[[steps.architecture.rubric]]
point = "Moves click counting to a queue"
all = ["queue|kafka", "click"]
weight = 1

[[steps.architecture.rubric]]
point = "Writes about 1.16K a second"
all = ["write"]
figure = "1.16K /s"
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

    /// A problem read from `text` and a fresh session of it.
    /// A session of a small problem: its id, title, difficulty and statement, then `rest`.
    fn session(rest: &str) -> (Problem, Transcript) {
        session_of(&format!(
            "id = \"c\"\ntitle = \"C\"\ndifficulty = \"easy\"\nstatement = \"s\"\n{rest}"
        ))
    }

    /// A session of the problem file `text`.
    fn session_of(text: &str) -> (Problem, Transcript) {
        let p = parse_problem("c.toml", text.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = Transcript::start("s".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        (p, t)
    }

    fn setup() -> (Problem, Transcript) {
        let p = parse_problem("t.toml", PROBLEM.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = Transcript::start("s".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        (p, t)
    }

    fn notes(t: &mut Transcript, step: Step, text: &str) {
        if let Some(r) = t.step_mut(step) {
            r.notes = text.into();
        }
    }

    fn entry(input: &str, display: &str, value: f64, unit: &str) -> CalcEntry {
        CalcEntry {
            step: Step::Capacity,
            input: input.into(),
            display: display.into(),
            value,
            unit: unit.into(),
            variable: None,
        }
    }

    /// Questions asked in the requirements step, each with the clarification it matched.
    fn ask(t: &mut Transcript, asked: &[(&str, &str)]) {
        for (q, matched) in asked {
            t.questions.push(QuestionRecord {
                step: Step::Requirements,
                question: (*q).into(),
                answer: String::new(),
                matched: Some((*matched).into()),
            });
        }
    }

    fn point<'a>(card: &'a Scorecard, name: &str) -> &'a PointScore {
        card.points()
            .map(|(_, p)| p)
            .find(|p| p.point.starts_with(name))
            .unwrap_or_else(|| panic!("no point {name}"))
    }

    #[test]
    fn a_problem_s_own_concepts_reach_its_rubric_and_its_ask_box() {
        // A concept no shared vocabulary has: the problem brings it.
        let text = r#"

[[concepts]]
name = "ticket stub"
terms = ["counterfoil"]

[[clarifications]]
question = "What is on a ticket stub?"
answer = "The seat and the date."
keywords = ["ticket stub"]

[[steps.data_model.rubric]]
point = "Keys tickets by their stub"
all = ["ticket stub", "key|primary key|partition"]
"#;
        let (p, mut t) = session(text);
        notes(
            &mut t,
            Step::DataModel,
            "tickets keyed by counterfoil (partition key)",
        );
        let card = score(&t, &p, &Overrides::new());
        assert!(card.steps[3].points[0].detected, "{:?}", card.steps[3]);
        let q = "what does a counterfoil show?";
        assert!(p.clarification_for(q).is_some());
        assert_eq!(
            crate::domain::coaching::best_clarification(&p.clarifications, q),
            None,
            "the shared vocabulary alone does not know it"
        );
    }

    #[test]
    fn a_scorecard_saved_before_the_judge_keeps_its_score_when_a_point_is_toggled() {
        let (p, mut t) = setup();
        notes(
            &mut t,
            Step::Requirements,
            "100M DAU\nmostly reads\nlow latency",
        );
        for r in &mut t.steps {
            r.spent_ms = 60_000;
        }
        let card = score(&t, &p, &Overrides::new());
        // An old file has neither `substantive` nor `statements`.
        let mut old = serde_json::to_value(&card).unwrap_or_default();
        if let Some(steps) = old.get_mut("steps").and_then(|s| s.as_array_mut()) {
            for s in steps {
                if let Some(o) = s.as_object_mut() {
                    o.remove("substantive");
                }
            }
        }
        if let Some(o) = old.as_object_mut() {
            o.remove("statements");
        }
        let mut old: Scorecard = serde_json::from_value(old).unwrap_or_else(|e| panic!("{e}"));
        assert!(old.steps.iter().all(|s| s.substantive));
        assert!(old.toggle_point(1) && old.toggle_point(1));
        let fresh = overall(
            &old.steps,
            &old.estimates,
            &old.key_questions,
            old.statements,
        );
        assert_eq!(old.score, fresh);
        assert!(old.score >= card.score, "old files kept their time credit");
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
    fn a_full_session_scores_100_and_a_blank_one_nothing() {
        let (p, mut t) = setup();
        let empty = score(&t, &p, &Overrides::new());
        assert_eq!(empty.score, 0, "no free points for a blank answer");
        notes(
            &mut t,
            Step::Requirements,
            "- 100M DAU who each shorten a few links a day\n- p99 under 200ms for a redirect",
        );
        notes(
            &mut t,
            Step::Architecture,
            "- Redis cache in front of the DB for redirects, because reads dominate by 100:1\n\
             - List endpoints page by cursor, not page numbers, so pages stay stable\n\
             - Click events go to Kafka and are counted off the redirect path\n\
             - Writes come to about 1.2K/s, one primary handles that easily",
        );
        for r in &mut t.steps {
            r.spent_ms = 60_000;
        }
        t.calc.push(entry("10M * 10 * 1 KB", "100 GB", 100.0, "GB"));
        ask(
            &mut t,
            &[
                ("how many users?", "How many users?"),
                ("latency?", "Latency?"),
            ],
        );
        let card = score(&t, &p, &Overrides::new());
        let missed: Vec<&str> = card
            .points()
            .filter(|(_, p)| !p.detected)
            .map(|(_, p)| p.point.as_str())
            .collect();
        assert!(missed.is_empty(), "{missed:?}");
        // The write rate was never computed by name: it is matched from the notes by value.
        assert_eq!(card.estimates[0].verdict, Verdict::Good);
        assert_eq!(card.estimates[1].verdict, Verdict::Good);
        assert!(card.key_questions.iter().all(|(_, asked)| *asked));
        // Time counts only where the notes are substantive: two of six steps here.
        assert!(card.score >= 90 && card.score < 100, "{}", card.score);

        // A manual "not covered" on the weight-3 point costs 3/9 of the coverage half.
        let mut overrides = Overrides::new();
        overrides.insert(override_key(Step::Requirements, 0), false);
        let less = score(&t, &p, &overrides);
        assert!(
            less.score + 10 < card.score,
            "{} vs {}",
            less.score,
            card.score
        );
    }

    #[test]
    fn evidence_quotes_the_line_and_says_where_it_was_found() {
        let (p, mut t) = setup();
        notes(&mut t, Step::Requirements, "We expect 100M DAU.");
        notes(
            &mut t,
            Step::Bottlenecks,
            "- p99 matters most on redirects\n- we cache redirects in Redis because reads dominate",
        );
        let card = score(&t, &p, &Overrides::new());
        let scale = point(&card, "Scale");
        assert_eq!(
            scale.evidence,
            Some(Evidence {
                step: Step::Requirements,
                quote: "We expect 100M DAU.".into()
            })
        );
        let cache = point(&card, "Caches");
        assert!(cache.detected, "found in another step");
        assert_eq!(
            cache.evidence.as_ref().map(|e| e.step),
            Some(Step::Bottlenecks)
        );
    }

    #[test]
    fn negated_mentions_earn_nothing_and_are_shown() {
        let (p, mut t) = setup();
        notes(
            &mut t,
            Step::Architecture,
            "- no cache: the DB serves redirects fine, so it stays simple\n\
             - we paginate with page numbers and a cursor is not needed\n\
             - skip kafka for clicks, write them inline",
        );
        let card = score(&t, &p, &Overrides::new());
        for name in ["Caches", "Paginates", "Moves click"] {
            let pt = point(&card, name);
            assert!(!pt.detected, "{name}");
        }
        let cache = point(&card, "Caches");
        assert!(
            cache
                .negated
                .as_ref()
                .is_some_and(|e| e.quote.starts_with("no cache")),
            "{cache:?}"
        );
    }

    #[test]
    fn a_pasted_list_earns_one_point_and_repeats_count_once() {
        let (p, mut t) = setup();
        let stuffing = "dau, daily active, p99, cache, redis, kafka, queue, click, cursor, write";
        for step in Step::ALL {
            notes(&mut t, step, stuffing);
            if let Some(r) = t.step_mut(step) {
                r.spent_ms = 60_000;
            }
        }
        let card = score(&t, &p, &Overrides::new());
        let covered = card.points().filter(|(_, p)| p.covered()).count();
        assert_eq!(covered, 1, "one list, one point");
        let earned: Vec<u8> = card
            .points()
            .filter(|(_, p)| p.covered())
            .map(|(_, p)| p.weight)
            .collect();
        assert_eq!(
            earned,
            [1],
            "the lightest point it shows, not the DAU point (weight 3)"
        );
        assert_eq!(card.statements, 1);
        assert!(card.score <= THIN_ANSWER_CAP, "{}", card.score);
    }

    #[test]
    fn figures_count_by_value_not_by_digits() {
        let (p, mut t) = setup();
        notes(&mut t, Step::Architecture, "writes are about 6 per second");
        let card = score(&t, &p, &Overrides::new());
        assert!(!point(&card, "Writes about").detected, "6/s is not 1.16K/s");
        notes(&mut t, Step::Architecture, "writes are about 100M a day");
        let card = score(&t, &p, &Overrides::new());
        assert!(
            !point(&card, "Writes about").detected,
            "the daily load is not the rate worked out from it"
        );
        notes(
            &mut t,
            Step::Architecture,
            "about 1,000 writes per second at peak",
        );
        let card = score(&t, &p, &Overrides::new());
        assert!(point(&card, "Writes about").detected);
    }

    #[test]
    fn estimates_take_the_closest_value_of_the_same_kind_names_only_break_ties() {
        let (p, mut t) = setup();
        t.calc
            .push(entry("x = 10M * 10 / hour", "≈ 27.8K /s", 27_777.0, "/s"));
        t.calc
            .push(entry("y = 10M * 10 * 1 KB", "100 GB", 100.0, "GB"));
        t.calc.push(entry("z = 1200 / s", "1.2K /s", 1200.0, "/s"));
        let card = score(&t, &p, &Overrides::new());
        assert_eq!(card.estimates[0].verdict, Verdict::Good);
        assert_eq!(
            card.estimates[0].got.as_ref().map(|g| g.0.as_str()),
            Some("z = 1200 / s")
        );
        assert_eq!(card.estimates[1].verdict, Verdict::Good);

        let (p, mut t) = setup();
        t.calc.push(entry(
            "writes = 10M * 10 / hour",
            "≈ 27.8K /s",
            27_777.0,
            "/s",
        ));
        let card = score(&t, &p, &Overrides::new());
        assert_eq!(card.estimates[0].verdict, Verdict::Off);
        assert!(
            card.estimates[0]
                .ratio
                .is_some_and(|r| (r - 24.0).abs() < 0.1)
        );
        assert_eq!(
            card.estimates[1].verdict,
            Verdict::Missing,
            "no figure in bytes"
        );
    }

    #[test]
    fn a_count_in_the_notes_answers_only_an_estimate_of_the_same_thing() {
        let text = r#"

[[estimates]]
name = "total_links"
label = "Links stored after 5 years"
expr = "100M * 12 * 5"
expected = "6B"
"#;
        let (p, mut t) = session(text);
        notes(
            &mut t,
            Step::Capacity,
            "each link gets ~100 clicks, so 10B clicks a year",
        );
        let card = score(&t, &p, &Overrides::new());
        assert_eq!(
            card.estimates[0].verdict,
            Verdict::Missing,
            "clicks are not links"
        );
        notes(
            &mut t,
            Step::Capacity,
            "about 6 billion links after five years",
        );
        let card = score(&t, &p, &Overrides::new());
        assert_eq!(card.estimates[0].verdict, Verdict::Good);
    }

    #[test]
    fn a_daily_load_as_given_is_not_the_rate_worked_out_from_it() {
        let text = r#"

[[estimates]]
name = "searches_per_second"
label = "Searches per second"
expr = "500M / day"
expected = "5.79K /s"

[[estimates]]
name = "ingest"
label = "Log bandwidth"
expr = "200 GB / day"
expected = "2.31 MB/s"
"#;
        let (p, mut t) = session(text);
        let verdicts = |t: &Transcript| {
            score(t, &p, &Overrides::new())
                .estimates
                .iter()
                .map(|e| e.verdict)
                .collect::<Vec<_>>()
        };
        notes(
            &mut t,
            Step::Capacity,
            "500M searches a day, so about 139K searches/s\nlogs: 200 GB a day",
        );
        assert_eq!(
            verdicts(&t),
            [Verdict::Off, Verdict::Good],
            "the wrong rate is judged, not the load it came from; a bandwidth keeps its day"
        );
        notes(&mut t, Step::Capacity, "500M searches a day is ~5.8K/s");
        assert_eq!(verdicts(&t)[0], Verdict::Good);
        notes(&mut t, Step::Capacity, "500M searches a day");
        t.calc.push(entry("500M / day", "≈ 5.79K /s", 5787.0, "/s"));
        assert_eq!(
            verdicts(&t)[0],
            Verdict::Good,
            "the calculator shows the rate"
        );
    }

    #[test]
    fn process_credit_follows_the_design_and_thin_answers_are_capped() {
        let (p, mut t) = setup();
        notes(&mut t, Step::Requirements, "make it scalable\nmake it fast");
        for r in &mut t.steps {
            r.spent_ms = 60_000;
        }
        ask(
            &mut t,
            &[("users?", "How many users?"), ("latency?", "Latency?")],
        );
        let card = score(&t, &p, &Overrides::new());
        assert!(card.score <= THIN_ANSWER_CAP, "{}", card.score);
        assert!(
            card.steps.iter().all(|s| !s.substantive),
            "two short lines are not substantive"
        );
    }

    #[test]
    fn a_step_drill_is_scored_on_its_own_step_only() {
        let (p, _) = setup();
        let at = jiff::Timestamp::UNIX_EPOCH;
        let mut reqs = Transcript::start_drill("d".into(), &p, Step::Requirements, at);
        if let Some(r) = reqs.step_mut(Step::Requirements) {
            r.notes = "- 100M DAU, most of them reading\n- p99 under 200 ms for reads\n\
                       - writes are rare compared with reads, so we optimise the read path"
                .into();
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
        notes(
            &mut t,
            Step::Requirements,
            "we expect heavy traffic\nmostly reads\nsome writes\nglobal users",
        );
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
        t.calc.push(entry("10M * 10 * 1 KB", "100 GB", 100.0, "GB"));
        t.calc.push(entry("10M / day", "≈ 116 /s", 115.7, "/s"));
        let mut card = score(&t, &p, &Overrides::new());
        assert_eq!(
            card.estimates[0].verdict,
            Verdict::RightOrder,
            "10× off is the closest"
        );
        // Picking by hand walks the results of the right kind (rates): the second entry.
        assert!(card.pick_estimate(0, &t.calc));
        assert_eq!(card.estimates[0].picked, Some(1));
        assert!(card.pick_estimate(1, &t.calc));
        assert_eq!(card.estimates[1].picked, Some(0));
        assert_eq!(card.estimates[1].verdict, Verdict::Good);
        assert!(!card.pick_estimate(5, &t.calc));
    }

    /// PROBLEM with a reference architecture and three structural points.
    fn structured() -> (Problem, Transcript) {
        session_of(&format!(
            "{PROBLEM}\n[structure]\nreference = \'\'\'\nflowchart LR\n  c[Client] --> lb[LB] --> api[API]\n  \
             api --> r[(Redis)]\n  api --> db[(Postgres)]\n\'\'\'\n\
             [[structure.component]]\nname = \"cache\"\n\
             [[structure.path]]\nthrough = [\"client|browser\", \"load balancer\", \"cache\"]\n\
             [[structure.forbid]]\nfrom = \"client|browser\"\nto = \"relational database\"\nwhy = \"only the API reads it\"\n"
        ))
    }

    #[test]
    fn a_session_without_a_diagram_is_judged_by_its_words_alone() {
        let (p, mut t) = structured();
        notes(
            &mut t,
            Step::Architecture,
            "Cache the redirects in Redis because reads dominate.",
        );
        let card = score(&t, &p, &Overrides::new());
        assert!(card.points().all(|(_, p)| p.structure.is_none()));
        assert_eq!(card.structure.as_ref().map(|s| s.diagrams), Some(0));
        assert!(card.structure_note().is_some(), "the scorecard says why");
    }

    #[test]
    fn a_drawn_design_is_judged_on_its_structure_with_what_was_drawn() {
        let (p, mut t) = structured();
        notes(
            &mut t,
            Step::Architecture,
            "The read path:\n\nbrowser -> nginx -> api -> memcached\nbrowser -> postgres\n",
        );
        let card = score(&t, &p, &Overrides::new());
        let structural: Vec<&PointScore> = card
            .points()
            .filter(|(s, p)| *s == Step::Architecture && p.structure.is_some())
            .map(|(_, p)| p)
            .collect();
        assert_eq!(structural.len(), 3);
        let quoted = |p: &PointScore| p.evidence.as_ref().map(|e| e.quote.clone());
        assert_eq!(quoted(structural[0]).as_deref(), Some("memcached"));
        assert_eq!(
            quoted(structural[1]).as_deref(),
            Some("browser → nginx → api → memcached")
        );
        let forbidden = structural[2];
        assert!(!forbidden.covered());
        assert_eq!(
            forbidden.evidence_note(Step::Architecture).as_deref(),
            Some("drawn: “browser → postgres”: only the API reads it")
        );
        assert_eq!(card.structure.as_ref().map(|s| s.diagrams), Some(1));
        assert!(card.structure_note().is_none());
    }

    #[test]
    fn a_rule_the_design_could_not_break_is_not_weighed() {
        let (problem, mut t) = structured();
        let forbid = |card: &Scorecard| -> PointScore {
            card.points()
                .find(|(_, p)| p.structure == Some(StructureKind::Forbidden))
                .map(|(_, p)| p.clone())
                .unwrap_or_else(|| panic!("no forbidden edge"))
        };
        // A client and a cache but no database: the client-to-database rule says nothing.
        notes(
            &mut t,
            Step::Architecture,
            "browser -> nginx -> api -> memcached",
        );
        let card = score(&t, &problem, &Overrides::new());
        let rule = forbid(&card);
        assert!(rule.not_applicable && !rule.counts() && !rule.covered());
        assert_eq!(
            rule.evidence_note(Step::Architecture).as_deref(),
            Some("not counted: the diagram does not draw both ends of this edge")
        );
        let arch = card
            .steps
            .iter()
            .find(|s| s.step == Step::Architecture)
            .unwrap_or_else(|| panic!("no architecture step"));
        let (covered, counted) = arch.counted_points();
        assert_eq!(counted, arch.points.len() - 1);
        assert!(covered <= counted);
        // Weighed, it would be a missed point: the coverage is higher without it.
        let mut weighed = card.clone();
        for s in &mut weighed.steps {
            for p in &mut s.points {
                p.not_applicable = false;
            }
        }
        assert!(
            card.coverage(Step::Architecture) > weighed.coverage(Step::Architecture),
            "{:?} vs {:?}",
            card.coverage(Step::Architecture),
            weighed.coverage(Step::Architecture)
        );
        // Marked by hand, it counts again.
        let index = card
            .points()
            .position(|(_, p)| p.not_applicable)
            .unwrap_or_else(|| panic!("no point"));
        let mut marked = card.clone();
        assert!(marked.toggle_point(index));
        assert!(forbid(&marked).counts() && forbid(&marked).covered());
        // Once a database is drawn (and not wired to the client), the rule is kept.
        notes(
            &mut t,
            Step::Architecture,
            "browser -> nginx -> api -> memcached\napi -> postgres",
        );
        let rule = forbid(&score(&t, &problem, &Overrides::new()));
        assert!(!rule.not_applicable && rule.covered());
    }

    #[test]
    fn structural_points_are_marked_by_hand_like_any_other() {
        let (p, mut t) = structured();
        notes(&mut t, Step::Architecture, "browser -> postgres");
        let card = score(&t, &p, &Overrides::new());
        let rubric = p.step(Step::Architecture).rubric.len();
        let mut overrides = Overrides::new();
        overrides.insert(override_key(Step::Architecture, rubric + 2), true);
        let marked = score(&t, &p, &overrides);
        let forbid = |c: &Scorecard| {
            c.points()
                .filter(|(_, p)| p.structure == Some(StructureKind::Forbidden))
                .map(|(_, p)| p.covered())
                .collect::<Vec<_>>()
        };
        assert_eq!(forbid(&card), [false]);
        assert_eq!(forbid(&marked), [true]);
        assert!(marked.score > card.score);
    }

    #[test]
    fn a_diagram_is_not_read_as_prose() {
        let (p, mut t) = structured();
        // Every word of the prose point is in the diagram's labels, none in a sentence.
        notes(
            &mut t,
            Step::Architecture,
            "```mermaid\nflowchart LR\n  a[Redirect reads] --> b[(Cache because reads dominate)]\n```\n",
        );
        let card = score(&t, &p, &Overrides::new());
        assert!(!point(&card, "Caches redirects").covered());
        assert!(point(&card, "Diagram includes cache").covered());
    }

    #[test]
    fn a_step_drill_judges_structure_only_on_the_architecture_step() {
        let (p, mut t) = structured();
        notes(&mut t, Step::Architecture, "client -> lb -> api -> redis");
        t.header.step_drill = Some(Step::Architecture);
        let drill = score(&t, &p, &Overrides::new());
        assert_eq!(
            drill
                .points()
                .filter(|(_, p)| p.structure.is_some())
                .count(),
            3
        );
        t.header.step_drill = Some(Step::Requirements);
        let other = score(&t, &p, &Overrides::new());
        assert_eq!(
            other
                .points()
                .filter(|(_, p)| p.structure.is_some())
                .count(),
            0
        );
        assert!(other.structure.is_none());
    }
}
