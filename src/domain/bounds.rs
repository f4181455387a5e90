//! Limits on the numbers a saved file may hold, checked while it is read.
//!
//! Files are user data that anyone can edit: a budget of 10^19 seconds must be refused
//! with its line and column, not overflow a sum three screens later. The limits are far
//! beyond any real session, so nothing a user did in sdcoach is ever refused.

use serde::{Deserialize, Deserializer, de::Error};

/// Longest step budget: a day.
pub const MAX_BUDGET_SECS: u64 = 24 * 60 * 60;
/// Longest time practised in a session or a step: a year.
pub const MAX_DURATION_MS: u64 = 365 * 24 * 60 * 60 * 1000;
/// Most hints, visits or similar counts in one step.
pub const MAX_COUNT: u32 = 100_000;

fn at_most<'de, D: Deserializer<'de>>(d: D, max: u64, what: &str) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if v > max {
        return Err(D::Error::custom(format!(
            "{what} of {v} is out of range (at most {max})"
        )));
    }
    Ok(v)
}

/// The most of a reviewer's answer that is kept (`crate::reviewer` cuts it there).
pub const REVIEW_BYTES: usize = 1024 * 1024;
/// The longest review text a file may hold: far more than sdcoach ever keeps.
pub const MAX_REVIEW_TEXT: usize = 16 * REVIEW_BYTES;

/// A review's text, refused past [`MAX_REVIEW_TEXT`] bytes.
pub fn review_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    if text.len() > MAX_REVIEW_TEXT {
        return Err(D::Error::custom(format!(
            "a review of {} bytes is out of range (at most {MAX_REVIEW_TEXT})",
            text.len()
        )));
    }
    Ok(text)
}

pub fn budget_secs<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    at_most(d, MAX_BUDGET_SECS, "a step budget in seconds")
}

pub fn duration_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    at_most(d, MAX_DURATION_MS, "a time in milliseconds")
}

pub fn duration_secs<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    at_most(d, MAX_DURATION_MS / 1000, "a time in seconds")
}

pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = at_most(d, u64::from(MAX_COUNT), "a count")?;
    u32::try_from(v).map_err(D::Error::custom)
}

pub fn finite<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if !v.is_finite() {
        return Err(D::Error::custom(format!("{v} is not a finite number")));
    }
    Ok(v)
}
