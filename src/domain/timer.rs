//! Step timers: only the current step's clock runs, time accumulates across visits, and
//! pausing stops everything. Pure arithmetic over instants handed in by the caller, so
//! tests drive it with a fake clock.

use std::time::{Duration, Instant};

use super::framework::Step;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTimers {
    /// Time banked per step, not counting the running stretch.
    banked: [Duration; 6],
    current: Step,
    /// When the current stretch began; `None` while paused.
    running_since: Option<Instant>,
}

impl StepTimers {
    /// Timers that start running on `current` at `now`, with time already spent (on resume).
    pub fn start(banked: [Duration; 6], current: Step, now: Instant) -> Self {
        StepTimers {
            banked,
            current,
            running_since: Some(now),
        }
    }

    pub fn current(&self) -> Step {
        self.current
    }

    pub fn is_paused(&self) -> bool {
        self.running_since.is_none()
    }

    fn running(&self, now: Instant) -> Duration {
        self.running_since
            .map_or(Duration::ZERO, |since| now.saturating_duration_since(since))
    }

    /// Time spent on `step` up to `now`.
    pub fn spent(&self, step: Step, now: Instant) -> Duration {
        let banked = self.banked[step.index()];
        if step == self.current {
            banked + self.running(now)
        } else {
            banked
        }
    }

    /// Time spent on the whole interview up to `now`.
    pub fn total(&self, now: Instant) -> Duration {
        self.banked.iter().sum::<Duration>() + self.running(now)
    }

    fn bank(&mut self, now: Instant) {
        let running = self.running(now);
        self.banked[self.current.index()] += running;
        if self.running_since.is_some() {
            self.running_since = Some(now);
        }
    }

    /// Make `step` current; the clock keeps its paused/running state.
    pub fn switch(&mut self, step: Step, now: Instant) {
        self.bank(now);
        self.current = step;
    }

    pub fn pause(&mut self, now: Instant) {
        self.bank(now);
        self.running_since = None;
    }

    pub fn resume(&mut self, now: Instant) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// The next instant at which any displayed clock changes its whole-second value, so the
    /// app can sleep until then instead of polling.
    pub fn next_second_boundary(&self, now: Instant) -> Option<Instant> {
        let since = self.running_since?;
        let spent = self.spent(self.current, now);
        let into_second = spent.subsec_nanos();
        let wait = Duration::from_secs(1) - Duration::from_nanos(u64::from(into_second));
        // `since` keeps the result monotonic even if `now` is earlier than it.
        Some(now.max(since) + wait)
    }
}

/// Remaining time, or overtime when negative: what a countdown shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    Left(Duration),
    Over(Duration),
}

impl Countdown {
    pub fn new(budget: Duration, spent: Duration) -> Self {
        if spent <= budget {
            Countdown::Left(budget - spent)
        } else {
            Countdown::Over(spent - budget)
        }
    }

    pub fn is_over(self) -> bool {
        matches!(self, Countdown::Over(_))
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour. Remaining time rounds up so a countdown reads
/// 00:00 only when the budget is really gone.
pub fn clock_text(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Countdown text: "03:12 left" or "+01:12 over".
pub fn countdown_text(c: Countdown) -> String {
    match c {
        Countdown::Left(d) => {
            let up = if d.subsec_nanos() > 0 {
                Duration::from_secs(d.as_secs() + 1)
            } else {
                d
            };
            format!("{} left", clock_text(up))
        }
        Countdown::Over(d) => format!("+{} over", clock_text(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn only_the_current_step_runs_and_time_accumulates_on_return() {
        let t0 = Instant::now();
        let mut t = StepTimers::start([Duration::ZERO; 6], Step::Requirements, t0);
        t.switch(Step::Capacity, t0 + secs(60));
        t.switch(Step::Requirements, t0 + secs(90));
        assert_eq!(t.spent(Step::Requirements, t0 + secs(100)), secs(70));
        assert_eq!(t.spent(Step::Capacity, t0 + secs(100)), secs(30));
        assert_eq!(t.total(t0 + secs(100)), secs(100));
    }

    #[test]
    fn pause_stops_every_clock() {
        let t0 = Instant::now();
        let mut t = StepTimers::start([Duration::ZERO; 6], Step::Apis, t0);
        t.pause(t0 + secs(10));
        assert_eq!(t.total(t0 + secs(500)), secs(10));
        assert_eq!(t.next_second_boundary(t0 + secs(500)), None);
        t.switch(Step::DataModel, t0 + secs(600));
        t.resume(t0 + secs(700));
        assert_eq!(t.spent(Step::DataModel, t0 + secs(705)), secs(5));
        assert_eq!(t.spent(Step::Apis, t0 + secs(705)), secs(10));
    }

    #[test]
    fn overtime_reads_plus_and_remaining_rounds_up() {
        assert_eq!(
            countdown_text(Countdown::new(secs(300), secs(372))),
            "+01:12 over"
        );
        let c = Countdown::new(secs(300), Duration::from_millis(1500));
        assert_eq!(countdown_text(c), "04:59 left");
        assert_eq!(
            countdown_text(Countdown::new(secs(300), secs(300))),
            "00:00 left"
        );
        assert_eq!(clock_text(secs(3 * 3600 + 61)), "3:01:01");
    }

    #[test]
    fn wakes_at_the_next_whole_second_of_the_running_clock() {
        let t0 = Instant::now();
        let t = StepTimers::start([Duration::from_millis(250); 6], Step::Apis, t0);
        let now = t0 + Duration::from_millis(500);
        assert_eq!(
            t.next_second_boundary(now),
            Some(t0 + Duration::from_millis(750))
        );
    }
}
