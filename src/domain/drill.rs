//! Saved drills (estimation rounds and concept-card rounds): the file format under
//! `DATA/drills/`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::estimate_drill::Question;
use super::scoring::Verdict;

/// How one question went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question: Question,
    /// What the user typed; `None` when time ran out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The answer as the calculator read it.
    #[serde(default)]
    pub shown: String,
    pub verdict: Verdict,
    pub secs: u64,
}

/// A drill as saved under `DATA/drills/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillRecord {
    pub id: String,
    pub kind: String,
    pub seed: u64,
    pub started_at: Timestamp,
    pub limit_secs: u64,
    /// 0-100: within 2× scores fully, within 10× half (cards: share recalled).
    pub score: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// Concept cards graded in a card round: (deck/card key, grade).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<(String, crate::domain::srs::Grade)>,
}

impl DrillRecord {
    /// How many questions or cards were answered.
    pub fn answered(&self) -> usize {
        self.answers.len() + self.cards.len()
    }
}
