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

/// What kind of round a drill record is. Saved as the strings older versions wrote
/// (`"estimate"`, `"concepts"`), so their files read unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DrillKind {
    /// An estimation round: questions answered through the calculator.
    Estimate,
    /// A round of concept cards.
    Concepts,
}

impl DrillKind {
    /// The name in files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            DrillKind::Estimate => "estimate",
            DrillKind::Concepts => "concepts",
        }
    }
}

/// A drill as saved under `DATA/drills/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillRecord {
    pub id: String,
    pub kind: DrillKind,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_and_write_the_strings_older_files_hold() -> Result<(), toml::de::Error> {
        for (kind, name) in [
            (DrillKind::Estimate, "estimate"),
            (DrillKind::Concepts, "concepts"),
        ] {
            // As older versions wrote a record, kind a plain string.
            let text = format!(
                "id = \"2026-11-28-100000-{name}\"\nkind = \"{name}\"\nseed = 0\n\
                 started_at = \"2026-11-28T10:00:00Z\"\nlimit_secs = 0\nscore = 0\n"
            );
            let record: DrillRecord = toml::from_str(&text)?;
            assert_eq!(record.kind, kind);
            assert_eq!(kind.as_str(), name);
            let written = toml::to_string(&record).unwrap_or_default();
            assert!(written.contains(&format!("kind = \"{name}\"")), "{written}");
        }
        Ok(())
    }
}
