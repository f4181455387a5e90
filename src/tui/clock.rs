//! Time as the app sees it. `update` takes a [`Now`] argument instead of reading a clock,
//! so tests drive timers with made-up instants.

use std::time::Instant;

use jiff::Timestamp;

/// One reading of both clocks: monotonic for timers, wall for timestamps in transcripts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    pub mono: Instant,
    pub wall: Timestamp,
}

pub trait Clock {
    fn now(&self) -> Now;
}

/// The real clocks.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Now {
        Now {
            mono: Instant::now(),
            // Whole seconds: transcripts are read by people, and finer is noise.
            wall: Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_else(|_| Timestamp::now()),
        }
    }
}
