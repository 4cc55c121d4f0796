//! The clocks of executions that live in time: one per execution id, started by the first
//! request of any action that names it, kept for the emulator's life (per emulator
//! instance). A clock pairs a monotonic `Instant` (for elapsed time) with the wall clock at
//! its start (for timestamps).
//!
//! It must not know what an execution does over time (the data does), nor which ids are
//! clocked (the caller asks only for those).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Instant;

use super::data::{Moment, now_ms};

/// How many clocks an emulator keeps; past that, the oldest is forgotten (that execution
/// starts over if it is named again).
const MAX_CLOCKS: usize = 10_000;

/// One execution's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// When it started (monotonic).
    pub started: Instant,
    /// The wall clock when it started, Unix ms.
    pub wall_ms: i64,
}

impl Clock {
    /// A clock starting now.
    pub fn start_now() -> Self {
        Self {
            started: Instant::now(),
            wall_ms: now_ms(),
        }
    }

    /// The execution's moment now.
    pub fn now(&self) -> Moment {
        self.at(Instant::now())
    }

    /// The execution's moment at `instant`.
    pub fn at(&self, instant: Instant) -> Moment {
        let elapsed = instant.saturating_duration_since(self.started).as_millis();
        Moment {
            base_ms: self.wall_ms,
            elapsed_ms: u64::try_from(elapsed).unwrap_or(u64::MAX),
        }
    }
}

/// The clocks of one emulator: by execution id, and in the order they started.
#[derive(Debug, Default)]
pub struct Clocks {
    inner: Mutex<(HashMap<String, Clock>, VecDeque<String>)>,
}

impl Clocks {
    /// The clock of `id`, started now if it had none.
    pub fn start(&self, id: &str) -> Clock {
        let mut guard = self.inner.lock().expect("clocks lock");
        let (clocks, order) = &mut *guard;
        if let Some(clock) = clocks.get(id) {
            return *clock;
        }
        if order.len() == MAX_CLOCKS
            && let Some(oldest) = order.pop_front()
        {
            clocks.remove(&oldest);
        }
        let clock = Clock::start_now();
        clocks.insert(id.to_owned(), clock);
        order.push_back(id.to_owned());
        clock
    }

    /// The clock of `id`, if it has started.
    pub fn get(&self, id: &str) -> Option<Clock> {
        self.inner.lock().expect("clocks lock").0.get(id).copied()
    }

    /// Every started clock, oldest first.
    pub fn started(&self) -> Vec<(String, Clock)> {
        let guard = self.inner.lock().expect("clocks lock");
        let (clocks, order) = &*guard;
        order
            .iter()
            .filter_map(|id| clocks.get(id).map(|c| (id.clone(), *c)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_starts_once() {
        let clocks = Clocks::default();
        assert_eq!(clocks.get("exec-live"), None);
        let first = clocks.start("exec-live");
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(clocks.start("exec-live"), first);
        assert!(first.now().elapsed_ms >= 5);
        assert_eq!(first.at(first.started).elapsed_ms, 0);
        assert_eq!(clocks.started().len(), 1);
    }
}
