//! The judge tested like a model: a labelled corpus of answers (tests/corpus/PROBLEM/KIND.toml)
//! written by people who saw only the problem statement and the interviewer's answers,
//! never the rubric. Every answer is replayed as a session (notes, time per step,
//! questions through the ask box, calculator lines) and scored by the built-in problem.

// Developer output about built-in data, not text from users' files (see clippy.toml).
#![allow(clippy::disallowed_macros)]

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use sdcoach::calc::Calculator;
use sdcoach::domain::coaching::NO_ANSWER;
use sdcoach::domain::framework::Step;
use sdcoach::domain::problem::Problem;
use sdcoach::domain::scoring::{Overrides, Scorecard, score};
use sdcoach::domain::transcript::{CalcEntry, QuestionRecord, Transcript};
use sdcoach::store::problems::load_catalog;

#[derive(Deserialize)]
struct Answer {
    problem: String,
    kind: String,
    #[serde(default)]
    questions: Vec<String>,
    #[serde(default)]
    calc: Vec<String>,
    #[serde(default)]
    steps: BTreeMap<String, StepAnswer>,
}

#[derive(Deserialize)]
struct StepAnswer {
    minutes: f64,
    #[serde(default)]
    notes: String,
}

/// The answer as the app would have recorded it.
fn replay(answer: &Answer, problem: &Problem) -> Transcript {
    let mut t = Transcript::start("corpus".into(), problem, jiff::Timestamp::UNIX_EPOCH);
    for step in Step::ALL {
        let Some(given) = answer.steps.get(step.key()) else {
            continue;
        };
        if let Some(r) = t.step_mut(step) {
            r.notes = given.notes.clone();
            r.spent_ms = (given.minutes * 60_000.0) as u64;
            r.visits = 1;
        }
    }
    for q in &answer.questions {
        let matched = problem.clarification_for(q);
        t.questions.push(QuestionRecord {
            step: Step::Requirements,
            question: q.clone(),
            answer: matched.map_or(NO_ANSWER.to_string(), |c| c.answer.clone()),
            matched: matched.map(|c| c.question.clone()),
        });
    }
    let mut calc = Calculator::new();
    for input in &answer.calc {
        let o = calc
            .eval(input)
            .unwrap_or_else(|e| panic!("{}/{}: {input:?}: {e}", answer.problem, answer.kind));
        let (value, unit) = o.value_in_unit();
        t.calc.push(CalcEntry {
            step: Step::Capacity,
            input: input.clone(),
            display: o.display.clone(),
            value,
            unit,
            variable: o.assigned.clone(),
        });
    }
    t
}

fn corpus() -> Vec<(Answer, Scorecard)> {
    let catalog = load_catalog(&[]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let answer: Answer =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let problem = catalog
                .get(&answer.problem)
                .unwrap_or_else(|| panic!("{}: no problem {}", file.display(), answer.problem));
            let t = replay(&answer, problem);
            let card = score(&t, problem, &Overrides::new());
            out.push((answer, card));
        }
    }
    // A blank answer for each problem: nothing typed, nothing asked.
    let problems: Vec<String> = out.iter().map(|(a, _)| a.problem.clone()).collect();
    let mut seen = std::collections::BTreeSet::new();
    for id in problems {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(problem) = catalog.get(&id) else {
            continue;
        };
        let blank = Answer {
            problem: id.clone(),
            kind: "blank".into(),
            questions: Vec::new(),
            calc: Vec::new(),
            steps: BTreeMap::new(),
        };
        let t = replay(&blank, problem);
        let card = score(&t, problem, &Overrides::new());
        out.push((blank, card));
    }
    out
}

/// Answers the judge still scores outside their band, with why. The rubrics are never
/// tuned to corpus answers, so a miss stays listed until a general change (to the
/// judge, or to a rubric for reasons found without these answers) brings it into band;
/// then the test fails until it is taken off this list, so the list stays true.
const KNOWN_MISSES: &[(&str, &str)] = &[
    (
        "payment-system/partial",
        "scores ~30: its honest points are spread over terse one-line bullets the rubric \
         wants together, and 'reconciliaton' is misspelt",
    ),
    (
        "url-shortener/wrong",
        "scores ~40: the wrong design also says several right things (aliases, 100:1, \
         base62 of an id with a reason), and a dismissal by consequence ('queues would lose \
         exactness') reads as a mention",
    ),
];

/// The bands each kind of answer must land in, from issue 9.
fn band(kind: &str) -> (u8, u8) {
    match kind {
        "strong" => (75, 100),
        "partial" => (40, 70),
        "vague" => (0, 30),
        "wrong" => (0, 35),
        "stuffing" => (0, 25),
        "blank" => (0, 5),
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn every_answer_scores_in_its_band_but_the_known_misses_and_strong_wins_by_25() {
    let results = corpus();
    assert!(
        results.len() >= 72,
        "12 problems × 6 kinds: {}",
        results.len()
    );
    let mut table = String::new();
    let mut failures = Vec::new();
    let mut by_problem: BTreeMap<&str, Vec<(&str, u8)>> = BTreeMap::new();
    for (answer, card) in &results {
        let covered: usize = card.points().filter(|(_, p)| p.covered()).count();
        let points = card.points().count();
        table.push_str(&format!(
            "{:<20} {:<9} {:>3}  points {covered:>2}/{points:<2} estimates {}\n",
            answer.problem,
            answer.kind,
            card.score,
            card.estimates
                .iter()
                .map(|e| format!("{:?}", e.verdict).chars().next().unwrap_or('?'))
                .collect::<String>(),
        ));
        let (lo, hi) = band(&answer.kind);
        let which = format!("{}/{}", answer.problem, answer.kind);
        let known = KNOWN_MISSES.iter().any(|(k, _)| *k == which);
        match ((lo..=hi).contains(&card.score), known) {
            (false, false) => {
                failures.push(format!("{which}: {} outside {lo}..={hi}", card.score));
            }
            (true, true) => failures.push(format!(
                "{which}: {} is in band now: take it off KNOWN_MISSES",
                card.score
            )),
            _ => {}
        }
        by_problem
            .entry(&answer.problem)
            .or_default()
            .push((&answer.kind, card.score));
    }
    for (problem, kinds) in &by_problem {
        let strong = kinds.iter().find(|(k, _)| *k == "strong").map(|(_, s)| *s);
        let Some(strong) = strong else {
            failures.push(format!("{problem}: no strong answer"));
            continue;
        };
        // Pasted buzzwords must not beat an honest vague answer by more than a point or
        // two of luck: a list earns at most one point, and pasting it again earns nothing.
        let of = |kind: &str| kinds.iter().find(|(k, _)| *k == kind).map(|(_, s)| *s);
        if let (Some(stuffing), Some(vague)) = (of("stuffing"), of("vague"))
            && stuffing > vague.saturating_add(5)
        {
            failures.push(format!(
                "{problem}: stuffing {stuffing} beats vague {vague} by more than 5"
            ));
        }
        for (kind, s) in kinds.iter().filter(|(k, _)| *k != "strong") {
            if strong < s.saturating_add(25) {
                failures.push(format!(
                    "{problem}: strong {strong} is not 25 above {kind} {s}"
                ));
            }
        }
    }
    eprintln!("{table}");
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
}

/// Prints one answer's scorecard with its evidence: `SDCOACH_EXPLAIN=problem/kind cargo
/// test --test judgement explain -- --nocapture`. Asserts nothing beyond the answer
/// being found; it is for reading.
#[test]
fn explain() {
    let Ok(which) = std::env::var("SDCOACH_EXPLAIN") else {
        return;
    };
    for (answer, card) in corpus() {
        if format!("{}/{}", answer.problem, answer.kind) != which {
            continue;
        }
        eprintln!("{which}: {}", card.score);
        for (step, p) in card.points() {
            let mark = if p.covered() { "✓" } else { "✗" };
            eprintln!("{mark} [{}] {} (w{})", step.key(), p.point, p.weight);
            if let Some(note) = p.evidence_note(step) {
                eprintln!("      {note}");
            }
        }
        for e in &card.estimates {
            eprintln!(
                "estimate {}: {:?} {:?} {:?}",
                e.label, e.verdict, e.got, e.ratio
            );
        }
        for (q, asked) in &card.key_questions {
            eprintln!("question {asked}: {q}");
        }
        return;
    }
    panic!("no answer {which}");
}
