//! The saved record of one practice session: the file format under `DATA/sessions/`.
//!
//! Scalar summary fields come first in the file so listing thousands of sessions only needs
//! to parse each file's first few lines (see [`parse_header`]).

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::framework::Step;
use super::problem::{Difficulty, Problem};

/// Bumped when the format changes in a way older versions cannot read. Version 2 added
/// step drills (one step only); interviews are still written as version 1 so older
/// versions keep reading them.
pub const FORMAT_VERSION: u32 = 2;
const INTERVIEW_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Still resumable.
    InProgress,
    /// The user ended the interview.
    Complete,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::InProgress => "in progress",
            Status::Complete => "complete",
        }
    }
}

/// The summary at the top of every transcript file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub id: String,
    pub problem_id: String,
    pub title: String,
    /// Set when this is a step drill: one step of the problem, on its own budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_drill: Option<Step>,
    pub status: Status,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Timestamp>,
    /// The step the user was on when last saved; resume reopens it.
    pub current_step: Step,
    /// Time practised so far (all steps, pauses excluded).
    #[serde(deserialize_with = "super::bounds::duration_ms")]
    pub elapsed_ms: u64,
    /// The scorecard's 0-100 score, copied here so lists need not read the whole file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
}

impl Header {
    /// What kind of practice this was, for lists: "interview" or "step drill: APIs".
    pub fn kind_label(&self) -> String {
        match self.step_drill {
            Some(step) => format!("step drill: {}", step.title()),
            None => "mock interview".to_string(),
        }
    }
}

/// The problem as it was practised, so later edits to the problem file don't rewrite history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemSnapshot {
    pub difficulty: Difficulty,
    pub statement: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    pub step: Step,
    #[serde(deserialize_with = "super::bounds::budget_secs")]
    pub budget_secs: u64,
    #[serde(deserialize_with = "super::bounds::duration_ms")]
    pub spent_ms: u64,
    /// How many times the user came to this step.
    #[serde(default, deserialize_with = "super::bounds::count")]
    pub visits: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_entered_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_left_at: Option<Timestamp>,
    #[serde(default)]
    pub notes: String,
    /// Hints revealed at this step.
    #[serde(default, deserialize_with = "super::bounds::count")]
    pub hints_used: u32,
}

impl StepRecord {
    pub fn budget(&self) -> Duration {
        Duration::from_secs(self.budget_secs)
    }

    pub fn spent(&self) -> Duration {
        Duration::from_millis(self.spent_ms)
    }
}

/// One calculator statement the user ran, in order. Replaying the inputs rebuilds the
/// variables on resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalcEntry {
    /// The step the user was on.
    pub step: Step,
    pub input: String,
    /// As shown: `≈ 11.6K /s`.
    pub display: String,
    /// The number in `unit`, unscaled by K/M/B suffixes.
    #[serde(deserialize_with = "super::bounds::finite")]
    pub value: f64,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
}

/// A question put to the interviewer and the answer given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRecord {
    pub step: Step,
    pub question: String,
    pub answer: String,
    /// The problem's clarification that answered it; `None` when nothing matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
}

/// A follow-up the interviewer threw, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurveballRecord {
    pub step: Step,
    pub minute: u32,
    pub text: String,
}

/// A second opinion: what the user's reviewer command said about the finished session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The command line it was asked with.
    pub command: String,
    /// When it was asked.
    pub at: Timestamp,
    /// How long it took to answer.
    #[serde(deserialize_with = "super::bounds::duration_ms")]
    pub duration_ms: u64,
    /// Its exit status; none when sdcoach ended it (its answer passed the size cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_status: Option<i32>,
    /// Its answer, as it gave it (decoded as UTF-8).
    #[serde(deserialize_with = "super::bounds::review_text")]
    pub text: String,
    /// The answer went on past the size cap and was cut there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
    /// Some of the answer was not UTF-8 and was replaced with U+FFFD.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lossy: bool,
}

impl ReviewRecord {
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// What to say beside the text: that it was cut, that bytes were replaced.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.cut {
            notes.push(format!(
                "The answer went on past {} MB and was cut there.",
                super::bounds::REVIEW_BYTES / (1024 * 1024)
            ));
        }
        if self.lossy {
            notes.push(
                "Some of the answer was not UTF-8 text; those bytes are shown as \u{FFFD}."
                    .to_string(),
            );
        }
        notes
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    #[serde(flatten)]
    pub header: Header,
    pub problem: ProblemSnapshot,
    /// Capacity sheet inputs as typed (key -> text); empty until the sheet is used.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub sheet: std::collections::BTreeMap<String, String>,
    pub steps: Vec<StepRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calc: Vec<CalcEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curveballs: Vec<CurveballRecord>,
    /// Worked out when the interview ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scorecard: Option<super::scoring::Scorecard>,
    /// Second opinions from the user's reviewer command, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ReviewRecord>,
    /// Steps whose notes were brought back from the user's editor when the session was
    /// read (the app stopped while the editor had them). Not saved.
    #[serde(skip)]
    pub recovered: Vec<super::framework::Step>,
}

impl Transcript {
    /// The capacity sheet as the session left it (inputs it never set are empty).
    pub fn capacity_sheet(&self) -> crate::calc::sheet::Sheet {
        let pairs: Vec<(String, String)> = self
            .sheet
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        crate::calc::sheet::Sheet::from_pairs(&pairs)
    }

    /// A fresh session of `problem`, started at `now`.
    pub fn start(id: String, problem: &Problem, now: Timestamp) -> Self {
        Self::begin(id, problem, None, now)
    }

    /// A fresh step drill: only `step` of `problem`, with that step's budget.
    pub fn start_drill(id: String, problem: &Problem, step: Step, now: Timestamp) -> Self {
        Self::begin(id, problem, Some(step), now)
    }

    fn begin(id: String, problem: &Problem, drill: Option<Step>, now: Timestamp) -> Self {
        let steps: Vec<Step> = match drill {
            Some(step) => vec![step],
            None => Step::ALL.to_vec(),
        };
        Transcript {
            header: Header {
                format: if drill.is_some() {
                    FORMAT_VERSION
                } else {
                    INTERVIEW_FORMAT
                },
                id,
                problem_id: problem.id.clone(),
                title: problem.title.clone(),
                step_drill: drill,
                status: Status::InProgress,
                started_at: now,
                updated_at: now,
                ended_at: None,
                current_step: steps.first().copied().unwrap_or(Step::Requirements),
                elapsed_ms: 0,
                score: None,
            },
            problem: ProblemSnapshot {
                difficulty: problem.difficulty,
                statement: problem.statement.clone(),
            },
            steps: steps
                .iter()
                .map(|&step| StepRecord {
                    step,
                    budget_secs: problem.step(step).budget.as_secs(),
                    spent_ms: 0,
                    visits: 0,
                    first_entered_at: None,
                    last_left_at: None,
                    notes: String::new(),
                    hints_used: 0,
                })
                .collect(),
            sheet: Default::default(),
            calc: Vec::new(),
            questions: Vec::new(),
            curveballs: Vec::new(),
            scorecard: None,
            reviews: Vec::new(),
            recovered: Vec::new(),
        }
    }

    /// The record of `step`. Files are validated on load so every step of the session is
    /// present (all six, or the drilled one).
    pub fn step(&self, step: Step) -> Option<&StepRecord> {
        self.steps.iter().find(|r| r.step == step)
    }

    pub fn step_mut(&mut self, step: Step) -> Option<&mut StepRecord> {
        self.steps.iter_mut().find(|r| r.step == step)
    }

    /// The problem's reference notes for the step at `index`, once the scorecard has
    /// revealed them.
    pub fn reference_notes(&self, index: usize) -> Option<&str> {
        self.scorecard
            .as_ref()
            .and_then(|c| c.steps.get(index))
            .and_then(|s| s.reference.as_deref())
    }

    /// Set (or replace) the scorecard, keeping the header's copy of the score in step.
    pub fn set_scorecard(&mut self, card: Option<super::scoring::Scorecard>) {
        self.header.score = card.as_ref().map(|c| c.score);
        self.scorecard = card;
    }

    pub fn elapsed(&self) -> Duration {
        Duration::from_millis(self.header.elapsed_ms)
    }

    pub fn total_budget(&self) -> Duration {
        self.steps
            .iter()
            .fold(Duration::ZERO, |sum, s| sum.saturating_add(s.budget()))
    }

    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }
}

/// Why a transcript file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    #[error("{0}")]
    Toml(String),
    #[error("written by a newer sdcoach (format {0}); this version reads format {FORMAT_VERSION}")]
    TooNew(u32),
    #[error("step {0:?} is missing or repeated")]
    Steps(String),
    #[error("a step drill of {0:?} must hold that one step and no other")]
    DrillSteps(String),
}

fn toml_error(text: &str, e: toml::de::Error) -> TranscriptError {
    let at = e
        .span()
        .map(|s| {
            let (l, c) = super::diagnostic::line_col(text, s.start);
            format!("{l}:{c}: ")
        })
        .unwrap_or_default();
    TranscriptError::Toml(format!("{at}{}", e.message().trim()))
}

impl TranscriptError {
    /// The error as `:LINE:COL: message` to follow a file name, when it has a place.
    pub fn located(&self) -> Option<String> {
        match self {
            TranscriptError::Toml(m) if m.starts_with(|c: char| c.is_ascii_digit()) => {
                Some(m.clone())
            }
            _ => None,
        }
    }
}

/// Parse a whole transcript, checking it is one this version understands.
pub fn parse(text: &str) -> Result<Transcript, TranscriptError> {
    let t: Transcript = toml::from_str(text).map_err(|e| {
        // The summary is flattened into the transcript, which costs its errors their
        // place; reading the summary alone finds it again.
        let cut = text.find("\n[").map_or(text.len(), |i| i + 1);
        match toml::from_str::<Header>(&text[..cut]) {
            Err(h) if h.span().is_some_and(|s| s.start > 0) => toml_error(text, h),
            _ => toml_error(text, e),
        }
    })?;
    if t.header.format > FORMAT_VERSION {
        return Err(TranscriptError::TooNew(t.header.format));
    }
    if let Some(step) = t.header.step_drill {
        if t.steps.len() != 1 || t.steps.iter().any(|r| r.step != step) {
            return Err(TranscriptError::DrillSteps(step.key().to_string()));
        }
        if t.header.current_step != step {
            return Err(TranscriptError::DrillSteps(step.key().to_string()));
        }
        return Ok(t);
    }
    for step in Step::ALL {
        if t.steps.iter().filter(|r| r.step == step).count() != 1 {
            return Err(TranscriptError::Steps(step.key().to_string()));
        }
    }
    Ok(t)
}

/// Parse only the summary at the top of a file: the text before the first table header.
/// Falls back to a full parse when the file was laid out differently (e.g. edited by hand).
pub fn parse_header(text: &str) -> Result<Header, TranscriptError> {
    let cut = text.find("\n[").map_or(text.len(), |i| i + 1);
    match toml::from_str::<Header>(&text[..cut]) {
        Ok(h) if h.format <= FORMAT_VERSION => Ok(h),
        Ok(h) => Err(TranscriptError::TooNew(h.format)),
        Err(_) => parse(text).map(|t| t.header),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{Origin, parse_problem};

    fn sample() -> Transcript {
        let src =
            "id = \"kv\"\ntitle = \"KV store\"\ndifficulty = \"hard\"\nstatement = \"Build it.\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s1".into(), &p, Timestamp::UNIX_EPOCH);
        if let Some(r) = t.step_mut(Step::Apis) {
            r.notes = "GET /kv/{key}\n\"quoted\" [brackets]\n[not a table]".into();
            r.spent_ms = 61_500;
        }
        t.calc.push(CalcEntry {
            step: Step::Capacity,
            input: "dau = 500M".into(),
            display: "500M".into(),
            value: 500e6,
            unit: String::new(),
            variable: Some("dau".into()),
        });
        t.sheet.insert("daily_active_users".into(), "500M".into());
        t
    }

    #[test]
    fn round_trips_through_toml() {
        let t = sample();
        let text = t.to_toml().unwrap_or_default();
        let back = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back, t);
    }

    #[test]
    fn header_is_read_from_the_top_of_the_file_alone() {
        let t = sample();
        let text = t.to_toml().unwrap_or_default();
        let cut = text.find("\n[").unwrap_or(0);
        // The summary really is first, so listing never parses the notes.
        assert!(text[..cut].contains("problem_id = \"kv\""), "{text}");
        let h = parse_header(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(h, t.header);
    }

    #[test]
    fn absurd_numbers_are_refused_with_their_line_and_column() {
        let text = sample().to_toml().unwrap_or_default();
        let cases = [
            ("budget_secs = 300", "budget_secs = 10000000000000000000"),
            ("spent_ms = 61500", "spent_ms = 18446744073709551615"),
            ("elapsed_ms = 0", "elapsed_ms = 18446744073709551615"),
            ("value = 500000000.0", "value = inf"),
        ];
        for (from, to) in cases {
            assert!(text.contains(from), "{from} not in {text}");
            let bad = text.replacen(from, to, 1);
            let err = parse(&bad)
                .err()
                .unwrap_or_else(|| panic!("{to} was accepted"));
            let at = err
                .located()
                .unwrap_or_else(|| panic!("{to}: no place in {err}"));
            let line = bad
                .lines()
                .position(|l| l.contains(to))
                .map_or(0, |i| i + 1);
            assert!(at.starts_with(&format!("{line}:")), "{to}: {at}");
            assert!(parse_header(&bad).is_err() || !from.starts_with("elapsed"));
        }
    }

    #[test]
    fn missing_step_and_newer_format_are_errors() {
        let mut t = sample();
        t.steps.pop();
        let text = t.to_toml().unwrap_or_default();
        assert!(matches!(parse(&text), Err(TranscriptError::Steps(_))));
        let mut t = sample();
        t.header.format = 99;
        let text = t.to_toml().unwrap_or_default();
        assert!(matches!(parse(&text), Err(TranscriptError::TooNew(99))));
        assert!(matches!(
            parse_header(&text),
            Err(TranscriptError::TooNew(99))
        ));
    }

    #[test]
    fn a_step_drill_holds_one_step_and_round_trips() {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = Transcript::start_drill("d".into(), &p, Step::DataModel, Timestamp::UNIX_EPOCH);
        assert_eq!(t.steps.len(), 1);
        assert_eq!(t.header.current_step, Step::DataModel);
        assert_eq!(t.total_budget(), Step::DataModel.default_budget());
        assert_eq!(t.header.kind_label(), "step drill: Data model");
        let text = t.to_toml().unwrap_or_default();
        assert!(text.contains("step_drill = \"data_model\""), "{text}");
        assert_eq!(parse(&text).ok(), Some(t.clone()));
        assert_eq!(parse_header(&text).ok(), Some(t.header.clone()));
        // A drill file claiming a second step is refused rather than half-read.
        let mut two = t.clone();
        two.steps.push(two.steps[0].clone());
        two.steps[1].step = Step::Apis;
        let text = two.to_toml().unwrap_or_default();
        assert!(matches!(parse(&text), Err(TranscriptError::DrillSteps(_))));
        // Interviews stay readable by versions before step drills.
        assert_eq!(sample().header.format, 1);
        assert_eq!(t.header.format, 2);
    }

    fn review(text: &str) -> ReviewRecord {
        ReviewRecord {
            command: "llm -m \"x\"".into(),
            at: Timestamp::from_second(1_795_860_000).unwrap_or(Timestamp::UNIX_EPOCH),
            duration_ms: 42_000,
            exit_status: Some(0),
            text: text.into(),
            cut: false,
            lossy: false,
        }
    }

    #[test]
    fn reviews_round_trip_and_a_file_without_them_is_unchanged() {
        let plain = sample().to_toml().unwrap_or_default();
        assert!(!plain.contains("reviews"), "{plain}");
        let mut t = sample();
        t.reviews.push(review(
            "## Requirements\n**Strong:** \"quoted\"\n[not a table]",
        ));
        let mut second = review("Lean hire.");
        second.cut = true;
        second.lossy = true;
        second.exit_status = None;
        t.reviews.push(second);
        let text = t.to_toml().unwrap_or_default();
        let back = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back, t);
        assert_eq!(parse_header(&text).ok(), Some(t.header.clone()));
        assert_eq!(t.reviews[1].notes().len(), 2);
        assert!(t.reviews[0].notes().is_empty());
    }

    #[test]
    fn absurd_reviews_are_refused_with_their_line_and_column() {
        let mut t = sample();
        t.reviews.push(review("ok"));
        let text = t.to_toml().unwrap_or_default();
        let bad = text.replacen(
            "duration_ms = 42000",
            "duration_ms = 18446744073709551615",
            1,
        );
        assert_ne!(bad, text);
        let err = parse(&bad).err().map(|e| e.to_string()).unwrap_or_default();
        let line = bad
            .lines()
            .position(|l| l.starts_with("duration_ms = 1844"))
            .map_or(0, |i| i + 1);
        assert!(err.starts_with(&format!("{line}:")), "{err}");
        let huge = "x".repeat(crate::domain::bounds::MAX_REVIEW_TEXT + 1);
        let bad = text.replacen("text = \"ok\"", &format!("text = \"{huge}\""), 1);
        let err = parse(&bad).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.contains("out of range"),
            "{}",
            &err[..err.len().min(200)]
        );
        let bad = text.replacen("exit_status = 0", "exit_status = 99999999999", 1);
        assert!(parse(&bad).is_err());
    }

    #[test]
    fn garbage_is_an_error_with_a_location() {
        let e = parse("id = \n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("1:6: "), "{e}");
    }
}
