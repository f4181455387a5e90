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
    /// `problem/file-stem`, e.g. `url-shortener/strong-drawn`; set after reading.
    #[serde(skip)]
    name: String,
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
            let mut answer: Answer =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
            answer.name = format!("{}/{}", answer.problem, stem.unwrap_or_default());
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
            name: format!("{id}/blank"),
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
        "file-sync/partial",
        "scores ~78 (held out, first scoring): its main path is right with every estimate \
         good, and statements such as 'keep both versions' and 'dedup will help (30%)' state \
         the idea without the mechanism (a base-version check) its author says is missing",
    ),
    (
        "ticket-booking/partial",
        "scores ~74 (held out, first scoring): it states most core decisions correctly \
         (conditional update, 10-minute holds that expire, a waiting room, an idempotency \
         key) with good numbers; its gaps (the reload storm, unknown payment outcomes, \
         general admission) are only a few points",
    ),
    (
        "ticket-booking/wrong",
        "scores ~40 (held out, first scoring): its mistakes (a check-then-set race in \
         Redis, charging before reserving, last-write-wins across regions) sit beside many \
         right statements (TTL holds, 83 seats/s, rate limits) that earn points; the judge \
         cannot see that the parts do not fit together",
    ),
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

/// Stuffed answers that beat the same problem's honest vague answer by more than 5,
/// with why. Kept true the same way as [`KNOWN_MISSES`].
const KNOWN_STUFFING_WINS: &[(&str, &str)] = &[
    (
        "chat/stuffing-drawn",
        "scores ~14: its author worked the message rate out correctly (a real capacity \
         point and two good estimates), and a buzzword paragraph read two sentences at a \
         time names a WebSocket gateway",
    ),
    (
        "instagram/stuffing-drawn",
        "scores ~19: its diagram has every box a photo service needs (S3, a CDN, Redis, \
         Cassandra, Kafka), and components earn their points by being drawn; only the paths \
         and forbidden edges see that they are wired wrong (its client wired to Cassandra \
         is a box labelled just 'User', which the forbids leave out so as not to flag a \
         'User service')",
    ),
    (
        "url-shortener/stuffing-drawn",
        "scores ~21: a buzzword paragraph is read two sentences at a time, and the window \
         that opens with seven hyphenated service names goes on into 'X for Y' phrases, so \
         it is not seen as a list and earns three points",
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
    let mut scores: Vec<(&str, &str, u8)> = Vec::new();
    for (answer, card) in &results {
        let covered: usize = card.points().filter(|(_, p)| p.covered()).count();
        let points = card.points().count();
        table.push_str(&format!(
            "{:<36} {:>3}  points {covered:>2}/{points:<2} estimates {}\n",
            answer.name,
            card.score,
            card.estimates
                .iter()
                .map(|e| format!("{:?}", e.verdict).chars().next().unwrap_or('?'))
                .collect::<String>(),
        ));
        let (lo, hi) = band(&answer.kind);
        let which = &answer.name;
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
        scores.push((answer.name.as_str(), answer.kind.as_str(), card.score));
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
        if let Some(vague) = of("vague") {
            for (name, _, stuffing) in scores
                .iter()
                .filter(|(n, k, _)| *k == "stuffing" && n.starts_with(&format!("{problem}/")))
            {
                let beats = *stuffing > vague.saturating_add(5);
                match (beats, KNOWN_STUFFING_WINS.iter().any(|(k, _)| k == name)) {
                    (true, false) => failures.push(format!(
                        "{name}: stuffing {stuffing} beats vague {vague} by more than 5"
                    )),
                    (false, true) => failures.push(format!(
                        "{name}: no longer beats vague: take it off KNOWN_STUFFING_WINS"
                    )),
                    _ => {}
                }
            }
        }
        // An answer listed as a known miss scores too high already; that it also comes
        // within 25 of the strong one is the same miss.
        let others = scores.iter().filter(|(n, k, _)| {
            *k != "strong"
                && n.starts_with(&format!("{problem}/"))
                && !KNOWN_MISSES.iter().any(|(m, _)| m == n)
        });
        for (name, _, s) in others {
            if strong < s.saturating_add(25) {
                failures.push(format!(
                    "{problem}: strong {strong} is not 25 above {name} {s}"
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
        if answer.name != which {
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

/// Structural judgement on the answers that drew their design (`*-drawn.toml`): for every
/// problem with a reference architecture, the strong design meets at least three
/// quarters of the structural weight, and the wrong and stuffed designs (clients wired
/// to storage, no cache on the read path, boxes that form no path) fall at least a
/// quarter below it.
#[test]
fn drawn_designs_are_told_apart_by_their_structure() {
    let catalog = load_catalog(&[]);
    let structural = |card: &Scorecard| {
        let (mut met, mut all) = (0u32, 0u32);
        for (_, p) in card.points().filter(|(_, p)| p.structure.is_some()) {
            all += u32::from(p.weight);
            if p.covered() {
                met += u32::from(p.weight);
            }
        }
        (all > 0).then(|| f64::from(met) / f64::from(all))
    };
    let results = corpus();
    let mut table = String::new();
    let mut failures = Vec::new();
    let mut judged = 0;
    for (answer, card) in results.iter().filter(|(a, _)| a.name.ends_with("-drawn")) {
        let has_structure = catalog
            .get(&answer.problem)
            .is_some_and(|p| p.structure.is_some());
        if !has_structure {
            continue;
        }
        let Some(share) = structural(card) else {
            failures.push(format!(
                "{}: drew a design but none was judged",
                answer.name
            ));
            continue;
        };
        judged += 1;
        table.push_str(&format!("{:<36} {share:.2}\n", answer.name));
        if answer.kind == "strong" {
            if share < 0.75 {
                failures.push(format!(
                    "{}: strong design meets only {share:.2}",
                    answer.name
                ));
            }
            continue;
        }
        let strong = results
            .iter()
            .find(|(a, _)| a.name == format!("{}/strong-drawn", answer.problem))
            .and_then(|(_, c)| structural(c));
        if let Some(strong) = strong
            && share > strong - 0.25
        {
            failures.push(format!(
                "{}: {share:.2} is within a quarter of the strong design's {strong:.2}",
                answer.name
            ));
        }
    }
    eprintln!("{table}");
    assert!(judged >= 3, "no drawn answers were judged:\n{table}");
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
}
