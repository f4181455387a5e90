//! The six-step interview framework: the steps, their order and default budgets.
//!
//! Everything that walks through an interview (timers, views, transcripts, export) indexes
//! steps through [`Step`], so the order and names live in exactly one place.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One step of a mock interview, in framework order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Requirements,
    Capacity,
    Apis,
    DataModel,
    Architecture,
    Bottlenecks,
}

impl Step {
    /// All steps in the order an interview takes them.
    pub const ALL: [Step; 6] = [
        Step::Requirements,
        Step::Capacity,
        Step::Apis,
        Step::DataModel,
        Step::Architecture,
        Step::Bottlenecks,
    ];

    /// Zero-based position in the framework.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The step at a zero-based position, if there is one.
    pub fn from_index(index: usize) -> Option<Step> {
        Step::ALL.get(index).copied()
    }

    /// The key used in problem files, transcripts and template file names.
    pub fn key(self) -> &'static str {
        match self {
            Step::Requirements => "requirements",
            Step::Capacity => "capacity",
            Step::Apis => "apis",
            Step::DataModel => "data_model",
            Step::Architecture => "architecture",
            Step::Bottlenecks => "bottlenecks",
        }
    }

    /// Full name, as shown in pane titles and exports.
    pub fn title(self) -> &'static str {
        match self {
            Step::Requirements => "Requirements",
            Step::Capacity => "Capacity estimates",
            Step::Apis => "APIs",
            Step::DataModel => "Data model",
            Step::Architecture => "High-level architecture",
            Step::Bottlenecks => "Bottlenecks & trade-offs",
        }
    }

    /// A short name for the step bar on narrow screens.
    pub fn short_title(self) -> &'static str {
        match self {
            Step::Requirements => "Reqs",
            Step::Capacity => "Capacity",
            Step::Apis => "APIs",
            Step::DataModel => "Data",
            Step::Architecture => "Arch",
            Step::Bottlenecks => "Trade-offs",
        }
    }

    /// Default time budget; problems may override it.
    pub fn default_budget(self) -> Duration {
        let minutes = match self {
            Step::Requirements | Step::Capacity | Step::Apis | Step::DataModel => 5,
            Step::Architecture => 15,
            Step::Bottlenecks => 10,
        };
        Duration::from_secs(minutes * 60)
    }

    /// Built-in coaching text: the questions a strong candidate works through here.
    pub fn guidance(self) -> &'static str {
        super::guidance::GUIDANCE[self.index()]
    }

    /// Read a step as users type it: its number (1-6), its key, or a short form such as
    /// `data-model`, `api` or `tradeoffs`.
    pub fn parse(text: &str) -> Option<Step> {
        let t = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        if let Ok(n) = t.parse::<usize>() {
            return n.checked_sub(1).and_then(Step::from_index);
        }
        Some(match t.as_str() {
            "requirements" | "reqs" | "req" => Step::Requirements,
            "capacity" | "estimates" | "capacity_estimates" => Step::Capacity,
            "apis" | "api" => Step::Apis,
            "data_model" | "data" | "datamodel" | "schema" => Step::DataModel,
            "architecture" | "arch" | "high_level_architecture" | "design" => Step::Architecture,
            "bottlenecks" | "trade_offs" | "tradeoffs" | "bottlenecks_&_trade_offs" => {
                Step::Bottlenecks
            }
            _ => return None,
        })
    }

    pub fn next(self) -> Option<Step> {
        Step::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Option<Step> {
        self.index().checked_sub(1).and_then(Step::from_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_parse_from_numbers_keys_and_titles() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.key()), Some(step));
            assert_eq!(Step::parse(step.title()), Some(step));
            assert_eq!(Step::parse(step.short_title()), Some(step));
            assert_eq!(Step::parse(&(step.index() + 1).to_string()), Some(step));
        }
        assert_eq!(Step::parse("Data-Model"), Some(Step::DataModel));
        assert_eq!(Step::parse("0"), None);
        assert_eq!(Step::parse("7"), None);
        assert_eq!(Step::parse("lunch"), None);
    }

    #[test]
    fn default_budgets_add_up_to_45_minutes() {
        let total: Duration = Step::ALL.iter().map(|s| s.default_budget()).sum();
        assert_eq!(total, Duration::from_secs(45 * 60));
    }

    #[test]
    fn index_round_trips_and_neighbours_stop_at_the_ends() {
        for step in Step::ALL {
            assert_eq!(Step::from_index(step.index()), Some(step));
        }
        assert_eq!(Step::Requirements.prev(), None);
        assert_eq!(Step::Bottlenecks.next(), None);
        assert_eq!(Step::Capacity.next(), Some(Step::Apis));
    }

    #[test]
    fn every_step_has_guidance() {
        for step in Step::ALL {
            assert!(step.guidance().lines().count() >= 3, "{step:?}");
        }
    }
}
