//! The estimation drill: one question at a time against a clock; the answer goes through
//! the calculator, so `500M * 2 / day` works as well as `11.6K /s`.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use ratatui_textarea::TextArea;

use super::calc_pane::{line, line_editor, set_line};
pub use crate::domain::drill::{Answer, DrillKind, DrillRecord};
use crate::domain::estimate_drill::{Question, round};
use crate::domain::scoring::Verdict;

pub struct EstimateDrill {
    pub record: DrillRecord,
    pub questions: Vec<Question>,
    pub input: TextArea<'static>,
    pub asked_at: Instant,
    pub limit: Duration,
    /// Shown after an answer (or a timeout) until Enter moves on.
    pub feedback: bool,
    pub error: Option<String>,
}

impl EstimateDrill {
    pub fn new(
        id: String,
        seed: u64,
        count: usize,
        limit: Duration,
        wall: Timestamp,
        now: Instant,
    ) -> Self {
        EstimateDrill {
            record: DrillRecord {
                id,
                kind: DrillKind::Estimate,
                seed,
                started_at: wall,
                limit_secs: limit.as_secs(),
                score: 0,
                answers: Vec::new(),
                cards: Vec::new(),
            },
            questions: round(seed, count),
            input: line_editor("your estimate, e.g. 12K /s or 500M * 2 / day"),
            asked_at: now,
            limit,
            feedback: false,
            error: None,
        }
    }

    pub fn current(&self) -> Option<&Question> {
        self.questions
            .get(self.record.answers.len() - usize::from(self.feedback))
    }

    pub fn finished(&self) -> bool {
        !self.feedback && self.record.answers.len() >= self.questions.len()
    }

    pub fn remaining(&self, now: Instant) -> Duration {
        self.limit
            .saturating_sub(now.saturating_duration_since(self.asked_at))
    }

    /// Judge the typed answer. Returns whether it was recorded (a bad expression is not).
    pub fn submit(&mut self, now: Instant) -> bool {
        let Some(q) = self.current().cloned() else {
            return false;
        };
        let text = line(&self.input).trim().to_string();
        if text.is_empty() {
            return false;
        }
        match q.judge(&text) {
            Ok((verdict, shown)) => {
                self.record(q, Some(text), shown, verdict, now);
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// Time ran out on the current question.
    pub fn time_out(&mut self, now: Instant) {
        if let Some(q) = self.current().cloned() {
            self.record(q, None, String::new(), Verdict::Missing, now);
        }
    }

    fn record(
        &mut self,
        question: Question,
        answer: Option<String>,
        shown: String,
        verdict: Verdict,
        now: Instant,
    ) {
        let secs = now.saturating_duration_since(self.asked_at).as_secs();
        self.record.answers.push(Answer {
            question,
            answer,
            shown,
            verdict,
            secs,
        });
        let credit: f64 = self
            .record
            .answers
            .iter()
            .map(|a| match a.verdict {
                Verdict::Good => 1.0,
                Verdict::RightOrder => 0.5,
                Verdict::Off | Verdict::Missing => 0.0,
            })
            .sum();
        self.record.score = (credit / self.questions.len().max(1) as f64 * 100.0).round() as u8;
        self.feedback = true;
        self.error = None;
        set_line(&mut self.input, "");
    }

    /// Leave the feedback and ask the next question.
    pub fn next(&mut self, now: Instant) {
        self.feedback = false;
        self.asked_at = now;
    }
}
