//! Interview domain: nothing here knows about terminals or files.

pub mod bounds;
pub mod coaching;
pub mod deck;
pub mod diagnostic;
pub mod drill;
pub mod estimate_drill;
pub mod export;
pub mod framework;
pub mod guidance;
pub mod judge;
pub mod packed_problem;
pub mod problem;
pub mod progress;
pub mod recover;
pub mod sanitize;
pub mod schedule;
pub mod scoring;
pub mod second_opinion;
pub mod srs;
pub mod stats;
pub mod structure;
pub mod templates;
pub mod timer;
pub mod transcript;
