//! Estimation drills: generated scenarios, one figure asked at a time, answers judged by
//! how far off they are. A seed makes a round repeatable.

use serde::{Deserialize, Serialize};

use super::scoring::Verdict;
use crate::calc::Calculator;

/// A small deterministic generator (SplitMix64): a seed always gives the same round, and
/// no dependency is needed for picking from short lists.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = items.len() as u64;
        (n > 0)
            .then(|| items.get((self.next_u64() % n) as usize))
            .flatten()
    }
}

/// The assumptions of one scenario, in calculator syntax.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub product: String,
    /// What users do that writes data: "photo uploads".
    pub action: String,
    pub dau: String,
    pub actions: String,
    pub object: String,
    pub ratio: String,
    pub peak: String,
    pub years: String,
}

/// One question: what to work out, and the reference expression built from the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub scenario: Scenario,
    pub ask: String,
    /// The worked solution in calculator syntax.
    pub solution: String,
    /// The solution's result as the calculator shows it.
    pub expected: String,
}

/// Product, what its users do (plural, then singular for a count of 1), and typical
/// sizes of one such write.
const PRODUCTS: &[(&str, &str, &str, &[&str])] = &[
    (
        "photo-sharing app",
        "photo uploads",
        "photo upload",
        &["500 KB", "2 MB", "3 MB"],
    ),
    (
        "chat service",
        "messages sent",
        "message sent",
        &["100 bytes", "200 bytes", "1 KB"],
    ),
    (
        "microblogging site",
        "posts",
        "post",
        &["200 bytes", "300 bytes", "1 KB"],
    ),
    (
        "video platform",
        "video uploads",
        "video upload",
        &["50 MB", "100 MB", "500 MB"],
    ),
    (
        "ride-hailing app",
        "trip updates",
        "trip update",
        &["100 bytes", "500 bytes", "1 KB"],
    ),
    (
        "document editor",
        "document saves",
        "document save",
        &["10 KB", "50 KB", "100 KB"],
    ),
];
const DAU: &[&str] = &["1M", "5M", "10M", "50M", "100M", "200M", "500M", "1B"];
const ACTIONS: &[&str] = &["1", "2", "5", "10", "20", "50"];
const RATIOS: &[&str] = &["1", "5", "10", "20", "100"];
const PEAKS: &[&str] = &["2", "3", "5"];
const YEARS: &[&str] = &["1", "3", "5", "10"];

/// `count` questions from `seed`: a new scenario for every question, cycling through the
/// kinds of figure (write QPS, peak read QPS, storage a year, ingress bandwidth, cache).
pub fn round(seed: u64, count: usize) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    let calc = Calculator::new();
    (0..count)
        .filter_map(|i| {
            let (product, action, _, sizes) = *rng.pick(PRODUCTS)?;
            let s = Scenario {
                product: product.to_string(),
                action: action.to_string(),
                dau: rng.pick(DAU)?.to_string(),
                actions: rng.pick(ACTIONS)?.to_string(),
                object: rng.pick(sizes)?.to_string(),
                ratio: rng.pick(RATIOS)?.to_string(),
                peak: rng.pick(PEAKS)?.to_string(),
                years: rng.pick(YEARS)?.to_string(),
            };
            let writes = format!("{} * {} / day", s.dau, s.actions);
            let (ask, solution) = match i % 5 {
                0 => (
                    format!("Average write QPS ({action})"),
                    format!("{writes} to 1/s"),
                ),
                1 => (
                    "Peak read QPS".to_string(),
                    format!("{writes} * {} * {} to 1/s", s.ratio, s.peak),
                ),
                2 => (
                    "Storage added per year".to_string(),
                    format!("{} * {} * {} * 365", s.dau, s.actions, s.object),
                ),
                3 => (
                    "Average ingress bandwidth".to_string(),
                    format!("{writes} * {} to MB/s", s.object),
                ),
                _ => (
                    "Cache for 20% of a day's reads".to_string(),
                    format!(
                        "{} * {} * {} * 20% * {}",
                        s.dau, s.actions, s.ratio, s.object
                    ),
                ),
            };
            let expected = calc.preview(&solution).ok()?.display;
            Some(Question {
                scenario: s,
                ask,
                solution,
                expected,
            })
        })
        .collect()
}

impl Question {
    /// The scenario as the drill states it.
    pub fn brief(&self) -> String {
        let s = &self.scenario;
        let years = if s.years == "1" {
            "1 year".to_string()
        } else {
            format!("{} years", s.years)
        };
        // Saved drills hold the plural; the singular comes from the product list.
        let action = match PRODUCTS.iter().find(|p| p.1 == s.action) {
            Some(&(_, _, one, _)) if s.actions == "1" => one,
            _ => s.action.as_str(),
        };
        format!(
            "A {} with {} daily active users, each making {} {action} a day of {} each. \
             {}, peak traffic is {}× the average, and data is kept {years}.",
            s.product,
            s.dau,
            s.actions,
            s.object,
            reads_and_writes(&s.ratio),
            s.peak
        )
    }

    /// Judge an answer written in calculator syntax (`12K /s`, `3 TB`).
    pub fn judge(&self, answer: &str) -> Result<(Verdict, String), String> {
        let calc = Calculator::new();
        let want = calc.preview(&self.solution).map_err(|e| e.to_string())?;
        let got = calc.preview(answer).map_err(|e| format!("{e}"))?;
        if got.quantity.dim != want.quantity.dim {
            return Ok((Verdict::Off, got.display));
        }
        Ok((
            Verdict::judge(got.quantity.value, want.quantity.value),
            got.display,
        ))
    }
}

/// How reads compare with writes, given reads per write: "Reads outnumber writes 10:1".
fn reads_and_writes(ratio: &str) -> String {
    let r = ratio.trim().parse::<f64>().unwrap_or(f64::NAN);
    let writes_per_read = 1.0 / r;
    if r > 1.0 {
        format!("Reads outnumber writes {ratio}:1")
    } else if r == 1.0 {
        "There are as many reads as writes".to_string()
    } else if r > 0.0 && (writes_per_read - writes_per_read.round()).abs() < 1e-9 {
        format!("Writes outnumber reads {}:1", writes_per_read.round())
    } else {
        format!("There are {ratio} reads for every write")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_round_and_different_seeds_differ() {
        assert_eq!(round(7, 5), round(7, 5));
        assert_ne!(round(7, 5), round(8, 5));
        assert_eq!(round(7, 12).len(), 12);
    }

    #[test]
    fn every_question_has_a_solution_the_calculator_works_out() {
        for seed in 0..50 {
            for q in round(seed, 5) {
                assert!(!q.expected.is_empty(), "{q:?}");
                assert_eq!(
                    q.judge(&q.solution).map(|(v, _)| v),
                    Ok(Verdict::Good),
                    "{q:?}"
                );
            }
        }
    }

    #[test]
    fn answers_are_judged_by_ratio_and_kind() {
        let q = Question {
            scenario: round(1, 1).remove(0).scenario,
            ask: "writes".into(),
            solution: "100M * 10 / day to 1/s".into(),
            expected: "≈ 11.6K /s".into(),
        };
        assert_eq!(q.judge("10K /s").map(|r| r.0), Ok(Verdict::Good));
        assert_eq!(q.judge("50K qps").map(|r| r.0), Ok(Verdict::RightOrder));
        assert_eq!(q.judge("1M /s").map(|r| r.0), Ok(Verdict::Off));
        assert_eq!(
            q.judge("11.6 TB").map(|r| r.0),
            Ok(Verdict::Off),
            "wrong kind of unit"
        );
        assert!(q.judge("12 +").is_err());
    }

    fn question(actions: &str, ratio: &str) -> Question {
        Question {
            scenario: Scenario {
                product: "microblogging site".into(),
                action: "posts".into(),
                dau: "100M".into(),
                actions: actions.into(),
                object: "200 bytes".into(),
                ratio: ratio.into(),
                peak: "3".into(),
                years: "5".into(),
            },
            ask: "Peak read QPS".into(),
            solution: "1".into(),
            expected: "1".into(),
        }
    }

    #[test]
    fn the_brief_reads_well_for_one_action_and_any_ratio() {
        assert_eq!(
            question("10", "100").brief(),
            "A microblogging site with 100M daily active users, each making 10 posts a day of \
             200 bytes each. Reads outnumber writes 100:1, peak traffic is 3× the average, and \
             data is kept 5 years."
        );
        let one = question("1", "1").brief();
        assert!(one.contains("each making 1 post a day of"), "{one}");
        assert!(
            one.contains(" There are as many reads as writes, peak"),
            "{one}"
        );
        let brief = question("2", "0.5").brief();
        assert!(brief.contains("Writes outnumber reads 2:1,"), "{brief}");
        let brief = question("2", "0.3").brief();
        assert!(
            brief.contains("There are 0.3 reads for every write,"),
            "{brief}"
        );
    }

    #[test]
    fn every_product_has_a_singular_action_used_for_one() {
        for &(_, plural, one, _) in PRODUCTS {
            let mut q = question("1", "10");
            q.scenario.action = plural.into();
            assert!(q.brief().contains(&format!(" 1 {one} a day")), "{plural}");
            q.scenario.actions = "5".into();
            assert!(
                q.brief().contains(&format!(" 5 {plural} a day")),
                "{plural}"
            );
        }
    }
}
