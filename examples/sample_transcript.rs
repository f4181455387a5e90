//! Prints a realistic transcript (notes in two steps) for benchmark scripts to copy;
//! with `--complete`, a finished session with its scorecard.

// Developer output about built-in data, not text from users' files (see clippy.toml).
#![allow(clippy::disallowed_macros)]

use sdcoach::domain::framework::Step;
use sdcoach::domain::transcript::Transcript;
use sdcoach::store::problems::load_catalog;

fn main() -> anyhow::Result<()> {
    let catalog = load_catalog(&[]);
    let problem = catalog
        .get("twitter")
        .ok_or_else(|| anyhow::anyhow!("twitter is built in"))?;
    let mut t = Transcript::start("sample".into(), problem, jiff::Timestamp::UNIX_EPOCH);
    let notes =
        "Post, follow, home timeline, user timeline.\n- 100M DAU, 10 posts a day\n- p99 < 200 ms\n";
    for step in [Step::Requirements, Step::Capacity] {
        if let Some(r) = t.step_mut(step) {
            r.notes = notes.repeat(8);
            r.spent_ms = 250_000;
        }
    }
    t.header.elapsed_ms = 500_000;
    if std::env::args().any(|a| a == "--complete") {
        t.header.status = sdcoach::domain::transcript::Status::Complete;
        let card = sdcoach::domain::scoring::score(&t, problem, &Default::default());
        t.set_scorecard(Some(card));
    }
    print!("{}", t.to_toml()?);
    Ok(())
}
