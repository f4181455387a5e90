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
        "scores ~43: the wrong design also says several right things (aliases, 100:1, \
         base62 of an id with a reason), and a dismissal by consequence ('queues would lose \
         exactness') reads as a mention",
    ),
    (
        "post-search/strong-drawn",
        "scores ~72 (held out, first scoring 78): it goes from 500M posts a day straight \
         to the 3x peak (17K/s) and from 2B searches a day to 69K/s, never stating the \
         average rates two capacity points ask for; the reading before a daily figure \
         stopped counting as the per-second rate it equals credited those points to \
         the daily figures",
    ),
    (
        "twitter/wrong-drawn",
        "scores ~43 (held out, second drawn set): the sentence that refuses fan-out names \
         the staleness and the celebrity problem, and earns both the hybrid push/pull and \
         the eventual-consistency points; a 'Profile cache' box counts as the timeline \
         cache and app -> API -> profile cache as the timeline read",
    ),
    (
        "ticket-booking/wrong-drawn",
        "scores ~40 (held out, second drawn set): many right statements (a 10-minute hold, \
         5M fans for 50K seats, 12 tickets/s, seat states, seat maps from a cache) earn \
         points beside its wrong mechanism (Cassandra with last-write-wins, a hold timer \
         on the client, charging before reserving); 'Cassandra us-west' is not read as \
         the inventory database, so the client wired to it goes unseen",
    ),
];

/// Stuffed answers that beat the same problem's honest vague answer by more than 5,
/// with why. Kept true the same way as [`KNOWN_MISSES`].
const KNOWN_STUFFING_WINS: &[(&str, &str)] = &[
    (
        "chat/stuffing-drawn",
        "scores ~16: its author worked the message rate out correctly (a real capacity \
         point and two good estimates), and a buzzword paragraph read two sentences at a \
         time names a WebSocket gateway",
    ),
    (
        "instagram/stuffing-drawn",
        "scores ~16: its diagram has every box a photo service needs (S3, a CDN, Redis, \
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
    (
        "ad-click-aggregation/stuffing",
        "scores ~23 against vague's 13 (held out, first scoring 25 and 14): it works the \
         click rate out right (11.6K/s), and its buzzwords include the right mechanisms \
         ('Flink ... windowing and watermarks', 'exactly-once with idempotent \
         producers'), named in passing; the judge cannot tell naming the right terms \
         from deciding on them",
    ),
    (
        "leaderboard/stuffing-drawn",
        "scores ~15 against vague's 7 (held out, first scoring): see \
         KNOWN_STRUCTURE_MISSES; its Redis, Cassandra and Kafka boxes earn component \
         points by being drawn",
    ),
    (
        "post-search/stuffing",
        "scores ~6 against vague's 0 (held out, first scoring 7): it works one figure out \
         right (2B searches a day is about 23K a second), a real point; the vague answer \
         earns nothing",
    ),
    (
        "rate-limiter/stuffing-drawn",
        "scores ~16 against vague's 0 (held out, second drawn set): it states the 1M/s \
         peak, names a check call and draws Redis, each a real point; the vague answer \
         earns nothing",
    ),
    (
        "ride-hailing/stuffing-drawn",
        "scores ~23 against vague's 0 (held out, second drawn set): it works the trip rate \
         out, draws Redis GEO and matching and trip services reached within four boxes \
         of the apps, and 'Double booking -> saga pattern + eventual consistency' meets \
         the strong-consistency point it argues against",
    ),
    (
        "twitter/stuffing-drawn",
        "scores ~19 against vague's 6 (held out, second drawn set): the tweet rate is right, \
         Redis, Neo4j and Kafka boxes meet components, and both paths hold within four \
         boxes ('GraphQL Gateway' is read as the timeline service)",
    ),
    (
        "typeahead/stuffing-drawn",
        "scores ~17 against vague's 2 (held out, second drawn set): 'Redis cluster for hot \
         keys' meets two caching points, and Flink and Kafka boxes meet the offline job and \
         the query log",
    ),
];

/// Answers that are not strong but come within 25 of the problem's weakest strong
/// answer, with why. Kept true the same way as [`KNOWN_MISSES`].
const KNOWN_CLOSE: &[(&str, &str)] = &[
    (
        "post-search/partial",
        "55 against strong-drawn's 73 (held out, first scoring 56 and 78): the strong \
         diagram's 'Search roots', 'Post event log' and weekly 'partitions' are not the \
         reference's query service, stream and shards, so both of its paths are missed, \
         and it never states the average rates (see KNOWN_MISSES)",
    ),
    (
        "proximity-search/partial",
        "61 against strong-drawn's 82 (held out, first scoring): the partial answer has \
         the core right (geohash cells and neighbours, replicas, a cache, the average \
         rate), and what it lacks (the peak, the index size, cells fitted to density) \
         is a few points",
    ),
    (
        "unique-id-generator/partial",
        "65 against strong-drawn's 75 and strong's 82 (held out, first scoring): it is \
         the textbook Snowflake answer, which covers most of the rubric; its mistakes \
         (1,024 worker ids for 2,000 instances, called 'unlikely'; one ZooKeeper across \
         data centres) are mentions the judge credits. The strong-drawn answer's \
         different sound design (a generator cluster per data centre, prefetching \
         clients) earns fewer of the rubric's points",
    ),
    (
        "metrics-monitoring/partial",
        "66 against strong-drawn's 87 (held out, second drawn set): see \
         KNOWN_STRUCTURE_MISSES; the strong design's samples live in 'Ingesters' and an \
         'Object store', which are not read as a time-series store",
    ),
    (
        "ad-click-aggregation/partial",
        "56 against strong-drawn's 80 (held out; 59 and 81 on first scoring): see \
         KNOWN_STRUCTURE_MISSES; the strong design's stages are not recognised, so its \
         structural points are few, and since its forbidden edges join nothing the \
         judge can see, they are not counted either",
    ),
];

/// Drawn answers whose structure is judged against the expectation (a strong design
/// meets three quarters of the structural weight; others fall a quarter below the
/// strong one), with why. Kept true the same way as [`KNOWN_MISSES`].
const KNOWN_STRUCTURE_MISSES: &[(&str, &str)] = &[
    (
        "ad-click-aggregation/strong-drawn",
        "0.31 (held out, first scoring 0.39): its nodes say what each stage does, and a \
         subgraph title ('Streaming job') does not name the nodes in it, so the stream \
         processor, the batch recount and the count store are not recognised, nor the \
         ends of its forbidden edges",
    ),
    (
        "ad-click-aggregation/stuffing-drawn",
        "0.64 against 0.31 (held out, first scoring 0.72): Kafka, Flink and Spark boxes \
         match components, and the chain User -> CDN -> GraphQL -> Istio -> Kubernetes -> \
         Kafka -> Flink -> MongoDB meets the click path, with four boxes between User and \
         Kafka, the most a path allows",
    ),
    (
        "leaderboard/stuffing-drawn",
        "0.71 against 0.82 (held out, first scoring): in its chain from the client to \
         Redis, 'Istio service mesh' is read as the leaderboard service, and Redis comes \
         four boxes later; Redis, Cassandra and Kafka boxes meet components",
    ),
    (
        "post-search/strong-drawn",
        "0.54 (held out, first scoring 0.60): 'Search roots' that scatter to weekly \
         'partitions', fed from a 'Post event log', are not the reference's query \
         service, shards and stream, so both paths are missed",
    ),
    (
        "post-search/stuffing-drawn",
        "0.55 against 0.54 (held out, first scoring 0.80): no path holds, since a path \
         allows at most four boxes between stops, but Elasticsearch, GraphQL Federation, \
         Kafka and Redis boxes meet components, against a strong design that is itself a \
         miss",
    ),
    (
        "metrics-monitoring/strong-drawn",
        "0.57 (held out, second drawn set): its samples live in 'Ingesters: WAL + in-memory \
         head' and an 'Object store'; no label says time series, so the store and both \
         paths into it are missed",
    ),
    (
        "metrics-monitoring/wrong-drawn",
        "0.43 (held out, second drawn set): within a quarter of a strong design that is \
         itself a miss",
    ),
    (
        "ride-hailing/stuffing-drawn",
        "0.69 against 0.85 (held out, second drawn set): Redis GEO, matching and trip \
         services are drawn, and the chain from the apps reaches matching within four \
         boxes",
    ),
    (
        "twitter/stuffing-drawn",
        "0.73 against 0.93 (held out, second drawn set; 0.80 before forbidden edges whose \
         ends are not drawn stopped counting): Redis, Neo4j and Kafka boxes meet \
         components, and 'GraphQL Gateway' is read as the timeline service, so both paths \
         hold within four boxes",
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
        results.len() >= 126,
        "21 problems × 6 kinds: {}",
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
        // The weakest strong answer: every strong answer must clear the others.
        let strong = kinds
            .iter()
            .filter(|(k, _)| *k == "strong")
            .map(|(_, s)| *s)
            .min();
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
            let close = strong < s.saturating_add(25);
            match (close, KNOWN_CLOSE.iter().any(|(k, _)| k == name)) {
                (true, false) => failures.push(format!(
                    "{problem}: strong {strong} is not 25 above {name} {s}"
                )),
                (false, true) => failures.push(format!(
                    "{name}: strong is 25 above it now: take it off KNOWN_CLOSE"
                )),
                _ => {}
            }
        }
    }
    // A listed exception names an answer that exists, or the list would say nothing.
    for (name, _) in KNOWN_MISSES
        .iter()
        .chain(KNOWN_STUFFING_WINS)
        .chain(KNOWN_CLOSE)
        .chain(KNOWN_STRUCTURE_MISSES)
    {
        if !scores.iter().any(|(n, _, _)| n == name) {
            failures.push(format!("{name} is listed but no such answer was scored"));
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
        // A rule the design could not have broken is not weighed, as in the score.
        for (_, p) in card
            .points()
            .filter(|(_, p)| p.structure.is_some() && p.counts())
        {
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
        let known = KNOWN_STRUCTURE_MISSES
            .iter()
            .any(|(k, _)| *k == answer.name);
        if answer.kind == "strong" {
            match (share < 0.75, known) {
                (true, false) => failures.push(format!(
                    "{}: strong design meets only {share:.2}",
                    answer.name
                )),
                (false, true) => failures.push(format!(
                    "{}: meets {share:.2} now: take it off KNOWN_STRUCTURE_MISSES",
                    answer.name
                )),
                _ => {}
            }
            continue;
        }
        let strong = results
            .iter()
            .find(|(a, _)| a.name == format!("{}/strong-drawn", answer.problem))
            .and_then(|(_, c)| structural(c));
        let Some(strong) = strong else { continue };
        match (share > strong - 0.25, known) {
            (true, false) => failures.push(format!(
                "{}: {share:.2} is within a quarter of the strong design's {strong:.2}",
                answer.name
            )),
            (false, true) => failures.push(format!(
                "{}: a quarter below the strong design now: take it off KNOWN_STRUCTURE_MISSES",
                answer.name
            )),
            _ => {}
        }
    }
    eprintln!("{table}");
    assert!(judged >= 3, "no drawn answers were judged:\n{table}");
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
}
