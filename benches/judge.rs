//! The judge's speed: scoring a whole 45-minute interview, as the scorecard does when a
//! session ends and review does on every toggle.
//!
//! Run: `cargo bench --bench judge`. Figures and machine: BENCHMARKS.md.

use divan::Bencher;
use sdcoach::calc::Calculator;
use sdcoach::domain::framework::Step;
use sdcoach::domain::judge::figures::figures;
use sdcoach::domain::judge::points::read_notes;
use sdcoach::domain::problem::Problem;
use sdcoach::domain::scoring::{Overrides, score};
use sdcoach::domain::transcript::{CalcEntry, Transcript};
use sdcoach::store::problems::load_catalog;

fn main() {
    divan::main();
}

#[derive(serde::Deserialize)]
struct Answer {
    #[serde(default)]
    calc: Vec<String>,
    steps: std::collections::BTreeMap<String, StepAnswer>,
}

#[derive(serde::Deserialize)]
struct StepAnswer {
    notes: String,
}

/// An interview with about `bytes` of notes: the corpus's strong answers, step by step,
/// until there is enough text (each is a different candidate, so nothing repeats).
fn transcript(problem: &Problem, bytes: usize) -> Transcript {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut t = Transcript::start("bench".into(), problem, jiff::Timestamp::UNIX_EPOCH);
    let mut calc = Calculator::new();
    let mut total = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        if total >= bytes {
            break;
        }
        let Ok(text) = std::fs::read_to_string(dir.join("strong.toml")) else {
            continue;
        };
        let Ok(answer) = toml::from_str::<Answer>(&text) else {
            continue;
        };
        for step in Step::ALL {
            let (Some(given), Some(r)) = (answer.steps.get(step.key()), t.step_mut(step)) else {
                continue;
            };
            r.notes.push_str(&given.notes);
            r.spent_ms = 300_000;
            total += given.notes.len();
        }
        for input in &answer.calc {
            if let Ok(o) = calc.eval(input) {
                let (value, unit) = o.value_in_unit();
                t.calc.push(CalcEntry {
                    step: Step::Capacity,
                    input: input.clone(),
                    display: o.display,
                    value,
                    unit,
                    variable: o.assigned,
                });
            }
        }
    }
    t
}

/// The problem every benchmark scores against, and an interview with `bytes` of notes.
fn setup(bytes: usize) -> (Problem, Transcript) {
    let catalog = load_catalog(&[]);
    let Some(problem) = catalog.get("url-shortener").cloned() else {
        panic!("url-shortener is built in");
    };
    let t = transcript(&problem, bytes);
    let notes: usize = t.steps.iter().map(|s| s.notes.len()).sum();
    assert!(notes >= bytes, "only {notes} bytes of notes");
    (problem, t)
}

/// The whole scorecard, as the end of an interview works it out.
#[divan::bench(args = [8_000, 30_000])]
fn score_interview(bencher: Bencher, bytes: usize) {
    let (problem, t) = setup(bytes);
    bencher.bench(|| score(&t, &problem, &Overrides::new()));
}

/// The part that reads the notes: statements, words, stems, lists and figures.
#[divan::bench]
fn read_notes_30k(bencher: Bencher) {
    let (_, t) = setup(30_000);
    bencher.bench(|| read_notes(t.steps.iter().map(|r| (r.step, r.notes.as_str()))));
}

/// The part of reading that values figures with the calculator.
#[divan::bench]
fn figures_30k(bencher: Bencher) {
    let (_, t) = setup(30_000);
    bencher.bench(|| {
        t.steps
            .iter()
            .map(|r| figures(&r.notes).len())
            .sum::<usize>()
    });
}

/// The fixed cost: compiling the rubric and the clarifications, with no notes.
#[divan::bench]
fn score_blank(bencher: Bencher) {
    let (problem, _) = setup(0);
    let t = Transcript::start("bench".into(), &problem, jiff::Timestamp::UNIX_EPOCH);
    bencher.bench(|| score(&t, &problem, &Overrides::new()));
}
