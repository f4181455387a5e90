//! What the in-process benches share: a clock that stands still.

use std::time::Instant;

use jiff::Timestamp;
use sdcoach::tui::clock::{Clock, Now};

pub struct FixedClock(pub Now);

impl Clock for FixedClock {
    fn now(&self) -> Now {
        self.0
    }
}

/// Now on the monotonic clock, at the epoch on the wall clock (runs compare equal).
pub fn now() -> Now {
    Now {
        mono: Instant::now(),
        wall: Timestamp::UNIX_EPOCH,
    }
}
