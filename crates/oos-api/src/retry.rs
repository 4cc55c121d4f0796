//! The retry policy: how many times, and how long to wait before each retry.
//!
//! Capped exponential backoff with full jitter (a random delay between zero and
//! `min(cap, base * 2^attempt)`), or exactly the server's `x-acs-retry-after` when it sent one.
//! Pure: the random draw is a parameter. It must not sleep or classify errors itself.

use std::time::Duration;

/// The longest `x-acs-retry-after` oos-logs will honour in one wait.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Retry settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff ceiling.
    pub base: Duration,
    /// The largest backoff ceiling.
    pub cap: Duration,
}

impl RetryPolicy {
    /// The default backoff (100 ms doubling to 5 s) with `max_retries` retries.
    pub fn new(max_retries: u32) -> Self {
        Self {
            max_retries,
            base: Duration::from_millis(100),
            cap: Duration::from_secs(5),
        }
    }

    /// The wait before retry number `retry` (0-based), given the server's `x-acs-retry-after`
    /// and a uniform random number `unit` in [0, 1).
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        if let Some(after) = retry_after {
            return after.min(MAX_RETRY_AFTER);
        }
        let ceiling = self
            .base
            .saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX))
            .min(self.cap);
        ceiling.mul_f64(unit.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_jitter_under_a_doubling_cap() {
        let p = RetryPolicy::new(4);
        assert_eq!(p.delay(0, None, 0.0), Duration::ZERO);
        assert_eq!(p.delay(0, None, 0.5), Duration::from_millis(50));
        assert_eq!(p.delay(1, None, 0.5), Duration::from_millis(100));
        assert_eq!(
            p.delay(3, None, 0.999_999),
            Duration::from_millis(800).mul_f64(0.999_999)
        );
        assert_eq!(p.delay(10, None, 1.0), Duration::from_secs(5));
        assert_eq!(p.delay(200, None, 1.0), Duration::from_secs(5));
    }

    #[test]
    fn retry_after_wins_but_is_capped() {
        let p = RetryPolicy::new(4);
        assert_eq!(
            p.delay(0, Some(Duration::from_millis(1500)), 0.1),
            Duration::from_millis(1500)
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(3600)), 0.1),
            MAX_RETRY_AFTER
        );
    }
}
