//! The coaching parts of a problem: clarifying questions and answers, rubric points,
//! reference estimates and curveballs. Raw (as written) forms are validated here into
//! the forms the app uses.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::diagnostic::{Diagnostic, offset_of_column, reflow};
use super::framework::Step;
use super::judge::{self, Vocabulary, vocabulary::Expanded};
use super::sanitize::sanitize;
use crate::calc::Calculator;

/// A question a candidate should ask, and the interviewer's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clarification {
    pub question: String,
    pub answer: String,
    /// Words or phrases that recognise the question in what the user asks.
    pub keywords: Vec<String>,
    /// One of the questions a strong candidate must ask.
    pub key: bool,
}

/// Something a strong answer covers, detected in the notes by the judge
/// ([`crate::domain::judge`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricPoint {
    pub point: String,
    /// Groups that must all be met in one statement; each group lists alternatives.
    /// A phrase may start with `~` (any polarity counts) or `!` (must be negated).
    pub all: Vec<Vec<String>>,
    /// A figure (calculator syntax) the statement must state, within 2×.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    /// The statement must give a reason or a trade-off.
    pub reason: bool,
    pub weight: u8,
}

/// A figure the problem's own assumptions give, checked with the calculator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceEstimate {
    /// Also the variable name users' calculator results are matched by.
    pub name: String,
    pub label: String,
    pub expr: String,
    pub expected: String,
    pub tolerance: f64,
    /// Where `expr` and `expected` are written in the problem file (byte spans of the
    /// strings, quotes included), for messages that point into them.
    #[serde(skip)]
    pub expr_span: Range<usize>,
    #[serde(skip)]
    pub expected_span: Range<usize>,
}

/// An interviewer follow-up thrown at a minute into a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Curveball {
    pub step: Step,
    pub minute: u32,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClarification {
    question: Spanned<String>,
    answer: String,
    keywords: Vec<String>,
    #[serde(default)]
    key: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRubric {
    point: Spanned<String>,
    /// The first form: any one of these phrases. Still read for users' files.
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    all: Vec<String>,
    figure: Option<Spanned<String>>,
    #[serde(default)]
    reason: bool,
    weight: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEstimate {
    name: Spanned<String>,
    label: String,
    expr: Spanned<String>,
    expected: Spanned<String>,
    tolerance: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCurveball {
    step: Step,
    minute: Spanned<i64>,
    text: Spanned<String>,
}

pub const WEIGHTS: std::ops::RangeInclusive<i64> = 1..=3;
pub const DEFAULT_TOLERANCE: f64 = 0.05;

/// Reports a message at a byte span of the file being read.
pub(super) type At<'a> = dyn Fn(Range<usize>, String) -> Diagnostic + 'a;

fn keywords(raw: Vec<String>) -> Vec<String> {
    raw.iter()
        .map(|k| sanitize(k.trim(), true).to_lowercase())
        .filter(|k| !k.is_empty())
        .collect()
}

pub(super) fn clarifications(
    raw: Vec<RawClarification>,
    at: &At,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Clarification> {
    raw.into_iter()
        .map(|c| {
            let keywords = keywords(c.keywords);
            if keywords.is_empty() {
                errors.push(at(
                    c.question.span(),
                    "clarification has no keywords to recognise it by".into(),
                ));
            }
            Clarification {
                question: sanitize(c.question.get_ref().trim(), true),
                answer: reflow(&sanitize(c.answer.trim(), false)),
                keywords,
                key: c.key,
            }
        })
        .collect()
}

pub(super) fn rubric(
    step: Step,
    raw: Vec<RawRubric>,
    text: &str,
    at: &At,
    errors: &mut Vec<Diagnostic>,
) -> Vec<RubricPoint> {
    raw.into_iter()
        .map(|r| {
            let legacy = keywords(r.keywords);
            let mut all: Vec<Vec<String>> = r
                .all
                .iter()
                .map(|group| keywords(group.split('|').map(str::to_string).collect()))
                .collect();
            if !legacy.is_empty() {
                all.push(legacy);
            }
            if all.is_empty() || all.iter().any(Vec::is_empty) {
                errors.push(at(
                    r.point.span(),
                    format!(
                        "steps.{}.rubric point needs `all` (phrases separated by |) with no empty entry",
                        step.key()
                    ),
                ));
            }
            let figure = r.figure.and_then(|f| {
                let value = sanitize(f.get_ref().trim(), true);
                match Calculator::new().preview(&value) {
                    Ok(_) => Some(value),
                    Err(e) => {
                        // At the offending token in the file, not the string's start.
                        let offset = offset_of_column(text, f.span(), f.get_ref(), e.column);
                        errors.push(at(
                            offset..offset,
                            format!("figure {value:?} is not a value: {e}"),
                        ));
                        None
                    }
                }
            });
            let weight = match r.weight {
                None => 1,
                Some(w) if WEIGHTS.contains(w.get_ref()) => *w.get_ref() as u8,
                Some(w) => {
                    errors.push(at(
                        w.span(),
                        format!("weight is {}: use 1, 2 or 3", w.get_ref()),
                    ));
                    1
                }
            };
            RubricPoint {
                point: sanitize(r.point.get_ref().trim(), true),
                all,
                figure,
                reason: r.reason,
                weight,
            }
        })
        .collect()
}

pub(super) fn estimates(
    raw: Vec<RawEstimate>,
    at: &At,
    errors: &mut Vec<Diagnostic>,
) -> Vec<ReferenceEstimate> {
    let mut names: Vec<String> = Vec::new();
    raw.into_iter()
        .map(|e| {
            let name = e.name.get_ref().trim().to_string();
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                errors.push(at(
                    e.name.span(),
                    format!("estimate name {name:?}: use lowercase letters, digits and '_'"),
                ));
            } else if names.contains(&name) {
                errors.push(at(
                    e.name.span(),
                    format!("estimate name {name:?} is used twice"),
                ));
            }
            names.push(name.clone());
            let tolerance = match e.tolerance {
                None => DEFAULT_TOLERANCE,
                Some(t) if *t.get_ref() > 0.0 && *t.get_ref() < 1.0 => *t.get_ref(),
                Some(t) => {
                    errors.push(at(
                        t.span(),
                        format!("tolerance is {}: use a fraction such as 0.05", t.get_ref()),
                    ));
                    DEFAULT_TOLERANCE
                }
            };
            ReferenceEstimate {
                name,
                label: sanitize(e.label.trim(), true),
                expr: sanitize(e.expr.get_ref().trim(), true),
                expected: sanitize(e.expected.get_ref().trim(), true),
                tolerance,
                expr_span: e.expr.span(),
                expected_span: e.expected.span(),
            }
        })
        .collect()
}

pub(super) fn curveballs(
    raw: Vec<RawCurveball>,
    budgets: &[std::time::Duration; 6],
    at: &At,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Curveball> {
    raw.into_iter()
        .map(|c| {
            let budget = budgets.get(c.step.index()).map_or(0, |b| b.as_secs() / 60) as i64;
            let minute = *c.minute.get_ref();
            if !(0..=budget).contains(&minute) {
                errors.push(at(
                    c.minute.span(),
                    format!(
                        "minute is {minute}: the {} step lasts {budget} minutes",
                        c.step.key()
                    ),
                ));
            }
            Curveball {
                step: c.step,
                minute: minute.clamp(0, budget) as u32,
                text: reflow(&sanitize(c.text.get_ref().trim(), false)),
            }
        })
        .collect()
}

/// Recompute every reference estimate with the calculator, in order (later ones may use
/// earlier names), and report those that do not match their stated value. `text` is the
/// problem file the estimates were read from: an `expr` that does not evaluate is
/// reported at the offending token inside it, the rest at `expected`.
pub fn verify_estimates(
    file: &str,
    text: &str,
    estimates: &[ReferenceEstimate],
) -> Vec<Diagnostic> {
    let mut calc = Calculator::new();
    let mut out = Vec::new();
    let diag = |e: &ReferenceEstimate, offset: usize, message: String| {
        Diagnostic::at_offset(
            file,
            text,
            offset,
            format!("estimate `{}`: {message}", e.name),
        )
    };
    for e in estimates {
        let assignment = format!("{} = ", e.name);
        let got = match calc.eval(&format!("{assignment}{}", e.expr)) {
            Ok(o) => o,
            Err(err) => {
                // The calculator counts from the start of `name = expr`.
                let column = err.column.saturating_sub(assignment.chars().count()).max(1);
                let written = string_at(text, &e.expr_span).unwrap_or_else(|| e.expr.clone());
                let offset = offset_of_column(text, e.expr_span.clone(), &written, column);
                out.push(diag(
                    e,
                    offset,
                    format!(
                        "expr {:?} does not evaluate: column {column}: {}",
                        e.expr, err.message
                    ),
                ));
                continue;
            }
        };
        let at_expected = e.expected_span.start;
        // Written the way the calculator prints it, perhaps with its `≈`.
        let want = match calc.preview(e.expected.trim_start_matches('≈').trim()) {
            Ok(o) => o,
            Err(err) => {
                out.push(diag(
                    e,
                    at_expected,
                    format!("expected {:?} is not a value: {err}", e.expected),
                ));
                continue;
            }
        };
        if got.quantity.dim != want.quantity.dim {
            out.push(diag(
                e,
                at_expected,
                format!("expr gives {} but expected is {}", got.display, e.expected),
            ));
            continue;
        }
        let off = relative_difference(got.quantity.value, want.quantity.value);
        if off > e.tolerance {
            out.push(diag(
                e,
                at_expected,
                format!(
                    "expr gives {} but expected says {} ({:.1}% apart, tolerance {:.1}%)",
                    got.display,
                    e.expected,
                    off * 100.0,
                    e.tolerance * 100.0
                ),
            ));
        }
    }
    out
}

/// The string value written at `span` of `text`, as TOML reads it.
fn string_at(text: &str, span: &Range<usize>) -> Option<String> {
    let raw = text.get(span.clone())?;
    let value = toml::de::DeValue::parse(raw).ok()?;
    value.get_ref().as_str().map(str::to_string)
}

/// What the interviewer says when no clarification fits the question.
pub const NO_ANSWER: &str = "Good question, but that one is your call: state the assumption you will make in your notes and carry on.";

/// The clarification that best answers `question`: the one whose matched keywords cover
/// the most text (longer phrases are stronger evidence). Keywords are read like rubric
/// phrases: plurals, words in between and a concept's other names all count, so "How
/// many new short links a month?" finds the keyword "new links". `None` when nothing
/// matches.
pub fn best_clarification(clarifications: &[Clarification], question: &str) -> Option<usize> {
    Clarifier::new(clarifications, Vocabulary::builtin()).best(question)
}

/// Clarifications with their keywords ready to match, for asking many questions.
pub struct Clarifier {
    /// Per clarification: each keyword's length and the phrases that find it.
    keywords: Vec<Vec<(usize, Expanded)>>,
}

impl Clarifier {
    pub fn new(clarifications: &[Clarification], vocabulary: &Vocabulary) -> Clarifier {
        let keywords = clarifications
            .iter()
            .map(|c| {
                c.keywords
                    .iter()
                    .map(|k| (k.len(), vocabulary.expand(k)))
                    .collect()
            })
            .collect();
        Clarifier { keywords }
    }

    /// See [`best_clarification`].
    pub fn best(&self, question: &str) -> Option<usize> {
        let words = judge::text::words(question);
        self.keywords
            .iter()
            .enumerate()
            .map(|(i, keywords)| {
                let score: usize = keywords
                    .iter()
                    .filter(|(_, keyword)| keyword.is_in(&words))
                    .map(|(len, _)| len)
                    .sum();
                (i, score)
            })
            .filter(|&(_, score)| score > 0)
            .max_by_key(|&(i, score)| (score, std::cmp::Reverse(i)))
            .map(|(i, _)| i)
    }
}

/// |a - b| relative to the larger magnitude; 0 when both are 0.
pub fn relative_difference(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_find_the_clarification_with_the_strongest_match() {
        let c = |q: &str, k: &[&str]| Clarification {
            question: q.into(),
            answer: format!("answer to {q}"),
            keywords: k.iter().map(|s| s.to_string()).collect(),
            key: false,
        };
        let list = [
            c("scale", &["how many users", "users", "dau", "scale"]),
            c("ratio", &["read", "write", "ratio", "read:write"]),
            c("retention", &["how long", "retention", "keep"]),
        ];
        assert_eq!(
            best_clarification(&list, "How many users do we have per day?"),
            Some(0)
        );
        assert_eq!(
            best_clarification(&list, "What's the read:write ratio?"),
            Some(1)
        );
        assert_eq!(
            best_clarification(&list, "How long do we keep photos?"),
            Some(2)
        );
        assert_eq!(best_clarification(&list, "Which cloud provider?"), None);
        // Plurals and words in between count.
        let links = [c("volume", &["new links", "account"])];
        assert_eq!(
            best_clarification(&links, "How many new short links do we expect per month?"),
            Some(0)
        );
        assert_eq!(
            best_clarification(&links, "Do users need accounts?"),
            Some(0)
        );
    }

    /// Estimates as a problem file writes them (each `expr` as TOML text), and the file.
    fn estimates_in(rows: &[(&str, &str, &str)]) -> (String, Vec<ReferenceEstimate>) {
        use super::super::problem::{Origin, parse_problem};
        let mut text =
            "id = \"e\"\ntitle = \"E\"\ndifficulty = \"easy\"\nstatement = \"s\"\n".to_string();
        for (name, expr, expected) in rows {
            text += &format!(
                "\n[[estimates]]\nname = \"{name}\"\nlabel = \"{name}\"\nexpr = {expr}\nexpected = \"{expected}\"\n"
            );
        }
        let p = parse_problem("p.toml", text.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        (text, p.estimates)
    }

    #[test]
    fn estimates_are_recomputed_in_order_and_mismatches_reported_where_written() {
        let (text, good) = estimates_in(&[
            ("uploads_per_day", "\"500M * 2\"", "1B"),
            ("uploads_per_s", "\"uploads_per_day / day\"", "11.6K /s"),
            (
                "storage_5y",
                "\"uploads_per_day * 2 MB * 365 * 5\"",
                "3.65 EB",
            ),
        ]);
        assert_eq!(verify_estimates("p.toml", &text, &good), vec![]);
        let (text, bad) = estimates_in(&[
            ("a", "\"500M * 2 / day\"", "12.5K /s"),
            ("b", "\"1 GB\"", "1 s"),
            ("c", "\"2 * nonsense\"", "1"),
            // Blanks and an escape before the token still give its own column.
            ("d", "\"  \\u0031 + 2 furlongs\"", "3"),
            ("e", "'''\n10 *\n  (3 +'''", "1"),
        ]);
        let msgs: Vec<String> = verify_estimates("p.toml", &text, &bad)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(
            msgs[0].starts_with(
                "p.toml:10:12: estimate `a`: expr gives ≈ 11.6K /s but expected says 12.5K /s (7.4% apart"
            ),
            "{}",
            msgs[0]
        );
        assert!(
            msgs[1].starts_with("p.toml:16:12: estimate `b`: expr gives 1 GB but expected is 1 s"),
            "{}",
            msgs[1]
        );
        // `expr = "2 * nonsense"`: `nonsense` is at column 13 of line 21.
        assert_eq!(
            msgs[2],
            "p.toml:21:13: estimate `c`: expr \"2 * nonsense\" does not evaluate: column 5: unknown unit or variable 'nonsense'"
        );
        // `expr = "  \u0031 + 2 furlongs"`: `furlongs` is at column 22 of line 27.
        assert!(
            msgs[3].starts_with(
                "p.toml:27:22: estimate `d`: expr \"1 + 2 furlongs\" does not evaluate: column 7:"
            ),
            "{}",
            msgs[3]
        );
        // A multi-line expr: the error is on the string's last line, not where it opens.
        assert!(
            msgs[4].starts_with("p.toml:35:") && msgs[4].contains("does not evaluate"),
            "{}",
            msgs[4]
        );
    }
}
