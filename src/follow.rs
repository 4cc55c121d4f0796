//! What following an execution needs besides its logs (its status is `oos_api::lookup`'s):
//! the outcome it ends with, the poll interval
//! (1 s after new entries, doubling to 5 s while idle, or fixed). Which failures are worth
//! waiting out is `Error::is_transient`'s.
//!
//! It must not print or render.

use std::time::Duration;

use oos_api::api::{Execution, ExecutionStatus};

use crate::error::Error;

/// The shortest poll interval.
pub(crate) const MIN_INTERVAL: Duration = Duration::from_secs(1);
/// The longest adaptive poll interval.
pub(crate) const MAX_INTERVAL: Duration = Duration::from_secs(5);

/// How an execution's status ends a run: Ok for Success, `Ended` for Failed or Cancelled,
/// `NotEnded` otherwise (`waited`: how long it was followed).
pub(crate) fn outcome(execution: &Execution, waited: Option<Duration>) -> Result<(), Error> {
    match execution.status() {
        ExecutionStatus::Success => Ok(()),
        ExecutionStatus::Failed | ExecutionStatus::Cancelled => Err(Error::Ended {
            execution: execution.id(),
            status: execution.status_text(),
            message: execution.status_message(),
        }),
        _ => Err(Error::NotEnded {
            execution: execution.id(),
            status: execution.status_text(),
            waited,
        }),
    }
}

/// The poll interval.
#[derive(Debug, Clone)]
pub(crate) struct Interval {
    fixed: Option<Duration>,
    current: Duration,
}

impl Interval {
    /// `--interval`, or adaptive when None.
    pub(crate) fn new(fixed: Option<Duration>) -> Self {
        Self {
            fixed: fixed.map(|d| d.max(MIN_INTERVAL)),
            current: MIN_INTERVAL,
        }
    }

    /// The wait before the next poll, after a poll that did or did not find new entries.
    pub(crate) fn next(&mut self, found_new: bool) -> Duration {
        if let Some(fixed) = self.fixed {
            return fixed;
        }
        let wait = if found_new {
            MIN_INTERVAL
        } else {
            self.current
        };
        self.current = if found_new {
            MIN_INTERVAL * 2
        } else {
            (self.current * 2).min(MAX_INTERVAL)
        };
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    #[test]
    fn adaptive_interval_doubles_while_idle_and_resets_on_news() {
        let mut i = Interval::new(None);
        let waits: Vec<u64> = [false, false, false, false, true, false]
            .into_iter()
            .map(|new| i.next(new).as_secs())
            .collect();
        assert_eq!(waits, [1, 2, 4, 5, 1, 2]);
        let mut fixed = Interval::new(Some(Duration::from_secs(3)));
        assert_eq!(fixed.next(false), Duration::from_secs(3));
        assert_eq!(fixed.next(true), Duration::from_secs(3));
    }

    #[test]
    fn outcomes() {
        let exec = |status: &str| {
            Execution::new(
                RawValue::from_string(format!(
                    r#"{{"ExecutionId":"e","Status":"{status}","StatusMessage":"why"}}"#
                ))
                .unwrap(),
            )
        };
        assert!(outcome(&exec("Success"), None).is_ok());
        assert_eq!(outcome(&exec("Failed"), None).unwrap_err().exit_code(), 10);
        assert_eq!(
            outcome(&exec("Cancelled"), None).unwrap_err().exit_code(),
            11
        );
        assert_eq!(outcome(&exec("Running"), None).unwrap_err().exit_code(), 12);
        assert_eq!(outcome(&exec("Waiting"), None).unwrap_err().exit_code(), 12);
        assert!(
            outcome(&exec("Failed"), None)
                .unwrap_err()
                .to_string()
                .contains("ended Failed: why")
        );
    }
}
