//! Numbers with units read out of prose ("~11.6K writes/s", "about 12,000 per second",
//! "2 PB a day"), valued by the calculator engine so figures compare by value.

use crate::calc::{Calculator, Dim, Quantity};

/// A figure found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub quantity: Quantity,
    /// Byte range of the number in the text.
    pub start: usize,
    pub end: usize,
    /// Its value as the calculator shows it: `≈ 11.6K /s`.
    pub display: String,
    /// It had a unit, a magnitude (K, M, billion, %) or a label word: not a bare digit
    /// such as a list number or a replica count.
    pub meaningful: bool,
    /// The words that say what a count counts ("links" in "6B links"), lowercase.
    pub label: Vec<String>,
    /// For a rate, the time it was written per, in seconds: 86,400 for "500M a day",
    /// 1 for "5.8K/s" or "12K QPS"; `None` when no period was written.
    pub per: Option<f64>,
}

/// Words after a number that mean "per" before a time unit: "2 PB a day".
const PER_WORDS: &[&str] = &["a", "an", "each", "every", "per"];
/// How many label words ("new short links") may stand between a number and its unit.
const MAX_LABEL_WORDS: usize = 3;

/// Every figure in `text`.
pub fn figures(text: &str) -> Vec<Figure> {
    let calc = Calculator::new();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let (number, mut j, magnitude) = number_at(text, i);
        // Letters glued to the number: a unit ("100ms", "5TB/day") or no figure at all
        // ("10x", "2nd", "3am").
        let glued_end = text[j..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(text.len(), |k| j + k);
        let mut glued = None;
        if glued_end > j {
            let letters = &text[j..glued_end];
            if !is_unit(&calc, letters) {
                let mut k = glued_end;
                while k < bytes.len() && bytes[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                i = k;
                continue;
            }
            glued = Some(letters.to_string());
            j = glued_end;
        }
        // A compound with a hyphen: "5-year", "500-byte" and "10-minute" carry their unit;
        // "3-node" says what a count counts.
        let mut compound = None;
        if glued.is_none() && text[j..].starts_with('-') {
            let word_end = text[j + 1..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .map_or(text.len(), |k| j + 1 + k);
            if word_end > j + 1 {
                let word = &text[j + 1..word_end];
                if is_unit(&calc, word) {
                    glued = Some(word.to_string());
                } else {
                    compound = Some(word.to_lowercase());
                }
                j = word_end;
            }
        }
        let (mut units, mut label) = units_after(&calc, &text[j..]);
        label.splice(0..0, compound);
        if let Some(unit) = glued {
            units.insert(0, unit);
        }
        let expr = if units.is_empty() {
            number.clone()
        } else {
            format!("{number} {}", units.join(" "))
        };
        let read = calc.preview(&expr).or_else(|_| calc.preview(&number)).ok();
        if let Some(o) = read {
            let meaningful =
                magnitude || !label.is_empty() || !o.quantity.dim.is_none() || !units.is_empty();
            out.push(Figure {
                quantity: o.quantity,
                start: i,
                end: j,
                display: o.display,
                meaningful,
                label,
                per: period_written(&calc, &units),
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// Whether a figure written per `per` seconds is a load as given rather than a rate of
/// `want`'s kind worked out: a rate of requests is worked out per second, and "500M a
/// day" is the figure the interviewer gave, even though it equals 5.8K/s. Shared by
/// rubric points that need a figure and by estimates, so both read notes alike.
pub fn given_not_derived(per: Option<f64>, want: Dim) -> bool {
    want == Dim::RATE && per.is_some_and(|p| p != 1.0)
}

/// The time a rate's units say it is per, in seconds: `/ day`, `per hour`, `qps`.
fn period_written(calc: &Calculator, units: &[String]) -> Option<f64> {
    let seconds = |word: &str| {
        unit_of(calc, word)
            .filter(|(dim, _)| *dim == Dim::TIME)
            .map(|(_, secs)| secs)
    };
    units.iter().enumerate().find_map(|(k, u)| {
        if u == "qps" {
            Some(1.0)
        } else if let Some(time) = u.strip_prefix("/ ") {
            seconds(time)
        } else if k > 0 && units.get(k - 1).is_some_and(|p| p == "per") {
            seconds(u)
        } else {
            None
        }
    })
}

/// The number starting at `i`: digits with `,` thousands and a decimal point, and a
/// glued magnitude (`12K`, `3bn`, `99.9%`). Returns it, where it ends, and whether it had
/// a magnitude.
fn number_at(text: &str, i: usize) -> (String, usize, bool) {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut number = String::new();
    while j < bytes.len() {
        let b = bytes[j];
        let digit_follows = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() {
            number.push(b as char);
        } else if b == b'.' && digit_follows(j + 1) {
            number.push('.');
        } else if b == b',' && (1..=3).all(|k| digit_follows(j + k)) && !digit_follows(j + 4) {
            // thousands separator: dropped
        } else {
            break;
        }
        j += 1;
    }
    let rest = &text[j..];
    for suffix in ["bn", "%", "K", "k", "M", "B", "T"] {
        if let Some(after) = rest.strip_prefix(suffix)
            && !after.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            number.push_str(suffix);
            return (number, j + suffix.len(), true);
        }
    }
    (number, j, false)
}

/// The unit words after a number, as calculator input, and the label words that stood
/// there. Stops at the end of the clause, the next number, or too many label words.
fn units_after(calc: &Calculator, rest: &str) -> (Vec<String>, Vec<String>) {
    let clause_end = rest
        .find([',', ';', '(', ')', '\n', '=', ':', '|'])
        .unwrap_or(rest.len());
    let chunks: Vec<&str> = rest[..clause_end]
        .split_whitespace()
        .map(|c| c.trim_end_matches(['.', '!', '?', '"', '\'']))
        .collect();
    let mut units = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut k = 0;
    while let Some(&chunk) = chunks.get(k) {
        k += 1;
        if chunk.is_empty() || chunk.starts_with(|c: char| c.is_ascii_digit() || c == '~') {
            break;
        }
        let lower = chunk.to_lowercase();
        let next_is_time = chunks.get(k).is_some_and(|n| is_time_unit(calc, n));
        if PER_WORDS.contains(&lower.as_str()) && next_is_time {
            units.push("per".to_string());
            continue;
        }
        if let Some((left, right)) = chunk.split_once('/') {
            if is_unit(calc, left) {
                units.push(left.to_string());
            } else if !left.is_empty() {
                labels.push(left.to_lowercase());
            }
            if is_time_unit(calc, right) {
                units.push(format!("/ {right}"));
            }
            break;
        }
        if matches!(lower.as_str(), "qps" | "rps" | "tps" | "req/s") {
            units.push("qps".into());
            break;
        }
        // After a label, only "per <time>" or "/<time>" belong to the number: in
        // "17,000 machines running all day" the day is no unit of the 17,000.
        let after_per = units.last().is_some_and(|u| u == "per");
        if is_unit(calc, chunk) && (labels.is_empty() || after_per) {
            units.push(chunk.to_string());
            continue;
        }
        // Labels follow the number or its magnitude: "1 million requests a second".
        let only_magnitudes = units
            .iter()
            .all(|u| unit_of(calc, u).is_some_and(|(dim, _)| dim.is_none()));
        if only_magnitudes
            && chunk.chars().all(char::is_alphabetic)
            && labels.len() < MAX_LABEL_WORDS
        {
            labels.push(lower);
            continue;
        }
        break;
    }
    (units, labels)
}

/// A word the calculator reads as a unit or a magnitude (`GB`, `ms`, `million`), not a
/// label (`users`, which it reads as a plain 1).
fn is_unit(calc: &Calculator, word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_alphabetic() || c == 'µ')
        && unit_of(calc, word).is_some_and(|(dim, value)| !dim.is_none() || value != 1.0)
}

fn is_time_unit(calc: &Calculator, word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', ';', ')']);
    !word.is_empty()
        && word.chars().all(char::is_alphabetic)
        && unit_of(calc, word).is_some_and(|(dim, _)| dim == Dim::TIME)
}

/// What the calculator makes of `1 word`, remembered per thread: notes repeat words.
fn unit_of(calc: &Calculator, word: &str) -> Option<(Dim, f64)> {
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Option<(Dim, f64)>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(known) = seen.borrow().get(word) {
            return *known;
        }
        let read = calc
            .preview(&format!("1 {word}"))
            .ok()
            .map(|o| (o.quantity.dim, o.quantity.value));
        let mut seen = seen.borrow_mut();
        if seen.len() > 10_000 {
            seen.clear();
        }
        seen.insert(word.to_string(), read);
        read
    })
}

/// How far apart two values are, as a ratio ≥ 1; infinite when either is not positive.
pub fn ratio(a: f64, b: f64) -> f64 {
    if a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite() {
        (a / b).max(b / a)
    } else if a == b {
        1.0
    } else {
        f64::INFINITY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_says_what_time_it_was_written_per() {
        let per = |text: &str| figures(text).first().and_then(|f| f.per);
        assert_eq!(per("500M searches a day"), Some(86_400.0));
        assert_eq!(per("1B/day"), Some(86_400.0));
        assert_eq!(per("5TB/day of logs"), Some(86_400.0));
        assert_eq!(per("~5.8K/s"), Some(1.0));
        assert_eq!(per("12K req/s"), Some(1.0));
        assert_eq!(per("23K QPS"), Some(1.0));
        assert_eq!(per("40 writes per second"), Some(1.0));
        assert_eq!(per("3M per hour"), Some(3_600.0));
        assert_eq!(per("200 GB"), None);
        assert_eq!(per("100M users"), None);
    }

    fn read(text: &str) -> Vec<(f64, Dim)> {
        figures(text)
            .into_iter()
            .filter(|f| f.meaningful)
            .map(|f| (f.quantity.value, f.quantity.dim))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        ratio(a, b) < 1.01
    }

    #[test]
    fn figures_are_read_by_value_and_unit() {
        let cases: &[(&str, f64, Dim)] = &[
            ("~11.6K writes/s at peak", 11_600.0, Dim::RATE),
            ("about 12,000 per second", 12_000.0, Dim::RATE),
            ("2 PB a day", 2e15 / 86_400.0, Dim::BYTE_RATE),
            ("3.6 billion rows", 3.6e9, Dim::NONE),
            (
                "100M new short links a month",
                1e8 / (30.0 * 86_400.0),
                Dim::RATE,
            ),
            ("1.2k QPS", 1_200.0, Dim::RATE),
            ("5 TB/day", 5e12 / 86_400.0, Dim::BYTE_RATE),
            ("500 bytes each", 500.0, Dim::BYTES),
            ("p99 < 200 ms", 0.2, Dim::TIME),
            ("p99 under 100ms", 0.1, Dim::TIME),
            ("5TB/day of logs", 5e12 / 86_400.0, Dim::BYTE_RATE),
            ("17,000 machines running all day", 17_000.0, Dim::NONE),
            ("1 million requests a second", 1e6, Dim::RATE),
        ];
        for &(text, value, dim) in cases {
            let got = read(text);
            assert!(
                got.iter().any(|&(v, d)| d == dim && close(v, value)),
                "{text:?} read as {got:?}"
            );
        }
    }

    #[test]
    fn a_hyphenated_compound_carries_its_unit_or_labels_its_count() {
        for (compound, spaced) in [
            ("a 5-year horizon", "5 years"),
            ("a 500-byte row", "500 bytes"),
            ("10-minute windows", "10 minutes"),
        ] {
            assert_eq!(read(compound), read(spaced), "{compound}");
            assert!(!read(spaced).is_empty());
        }
        let count = figures("a 3-node cluster");
        assert_eq!(count.len(), 1);
        assert!(count[0].meaningful);
        assert_eq!(count[0].label.first().map(String::as_str), Some("node"));
        // Ranges and codes stay as they were.
        assert!(figures("24-7 on-call").iter().all(|f| f.label.is_empty()));
    }

    #[test]
    fn codes_counts_and_ratios_are_not_figures() {
        assert!(read("p99, base62, S3, 10x, 2nd").is_empty());
        assert!(read("1. step one").is_empty());
        let digits = figures("3 replicas");
        assert_eq!(digits.len(), 1);
        assert!(digits[0].meaningful, "a labelled count still counts");
        assert!(!figures("step 3").iter().any(|f| f.meaningful));
    }
}
