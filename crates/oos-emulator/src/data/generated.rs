//! Generated executions: N entries and their tasks, computed from an index, never held in
//! memory, so a page of `exec-large-100000000` costs what a page of `exec-small` does.
//!
//! Entry `i` appears at `first_ms + i * step_ms`. Entry 0 ("Execution ... started") and,
//! when the execution ends, entry N-1 (its last word) belong to no task; the entries between
//! belong to tasks of 1000 (`<id>.t0001` holds entries 1..=999, `.t0002` 1000..=1999...).
//! A failed execution's entry N-2 is the failing task's Error. Every task but the last ends
//! with its last entry; the last ends with the execution.
//!
//! It must not know about clocks, pages' tokens or HTTP.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::page::{Filter, Selected};
use super::script::TaskPlan;
use super::status::Status;
use super::time::{push_timestamp, second_of};

/// Entries per task.
const TASK_BLOCK: u64 = 1000;

/// How a generated execution ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// One step after its last entry, with this status.
    After(Status),
    /// Never: it runs for ever.
    Never,
}

/// A generated execution.
#[derive(Debug, Clone)]
pub(crate) struct Generated {
    /// ExecutionId (ASCII letters, digits and dashes: nothing in it needs escaping).
    pub(crate) id: String,
    /// How many entries.
    pub(crate) n: u64,
    /// Unix ms that offsets count from.
    pub(crate) base_ms: i64,
    /// When entry 0 appears.
    pub(crate) first_ms: u64,
    /// Between two entries.
    pub(crate) step_ms: u64,
    /// How it ends.
    pub(crate) ending: Ending,
}

/// What generated entry `i` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Start,
    Step,
    SlowStep,
    FailingStep,
    Last(Status),
}

impl Line {
    fn log_type(self) -> &'static str {
        match self {
            Line::Start | Line::Last(Status::Success | Status::Cancelled) => "System",
            Line::FailingStep | Line::Last(_) => "Error",
            Line::SlowStep => "Warning",
            Line::Step => "Info",
        }
    }
}

impl Generated {
    /// When entry `i` appears.
    pub(crate) fn at_ms(&self, i: u64) -> u64 {
        self.first_ms.saturating_add(i.saturating_mul(self.step_ms))
    }

    /// When the execution ends, if it does: one step after the last entry.
    pub(crate) fn end_ms(&self) -> Option<(u64, Status)> {
        match self.ending {
            Ending::After(status) => Some((self.at_ms(self.n), status)),
            Ending::Never => None,
        }
    }

    /// How many entries have appeared `elapsed_ms` after the base.
    pub(crate) fn visible(&self, elapsed_ms: u64) -> u64 {
        let Some(since_first) = elapsed_ms.checked_sub(self.first_ms) else {
            return 0;
        };
        match since_first.checked_div(self.step_ms) {
            Some(steps) => steps.saturating_add(1).min(self.n),
            None => self.n,
        }
    }

    fn outcome(&self) -> Option<Status> {
        match self.ending {
            Ending::After(status) => Some(status),
            Ending::Never => None,
        }
    }

    /// The index of the execution's last word, if it has one.
    fn last_word(&self) -> Option<u64> {
        let outcome = self.outcome()?;
        (self.n >= 2 || outcome != Status::Success).then(|| self.n - 1)
    }

    fn line(&self, i: u64) -> Line {
        if Some(i) == self.last_word() {
            Line::Last(self.outcome().expect("a last word comes with an ending"))
        } else if i == 0 {
            Line::Start
        } else if self.outcome() == Some(Status::Failed) && i + 2 == self.n {
            Line::FailingStep
        } else if i % 50 == 49 {
            Line::SlowStep
        } else {
            Line::Step
        }
    }

    /// The last entry that belongs to a task, if any entry does.
    fn last_task_entry(&self) -> Option<u64> {
        let last = match self.last_word() {
            Some(word) => word.checked_sub(1)?,
            None => self.n.checked_sub(1)?,
        };
        (last >= 1).then_some(last)
    }

    /// The task (1-based) entry `i` belongs to.
    fn task_of(&self, i: u64) -> Option<u64> {
        let last = self.last_task_entry()?;
        (1..=last).contains(&i).then(|| i / TASK_BLOCK + 1)
    }

    /// How many tasks the execution has in all (started or not).
    pub(crate) fn task_count(&self) -> u64 {
        self.last_task_entry()
            .map_or(0, |last| last / TASK_BLOCK + 1)
    }

    /// The entries of task `k` (1-based): first and last index.
    fn task_entries(&self, k: u64) -> (u64, u64) {
        let last = self.last_task_entry().unwrap_or(0);
        (
            ((k - 1) * TASK_BLOCK).max(1),
            (k * TASK_BLOCK - 1).min(last),
        )
    }

    fn task_id(&self, k: u64) -> String {
        format!("{}.t{k:04}", self.id)
    }

    fn task_name(k: u64) -> String {
        format!("runBatch{k}")
    }

    /// When task `k` (1-based) starts, and when and how it ends.
    pub(crate) fn task_timing(&self, k: u64) -> (u64, Option<(u64, Status)>) {
        let (first, last) = self.task_entries(k);
        let end = if k == self.task_count() {
            self.end_ms()
        } else {
            Some((self.at_ms(last), Status::Success))
        };
        (self.at_ms(first), end)
    }

    /// Task `k` (1-based) without its details (Properties, Outputs, StatusMessage): what
    /// filters and sorting need, cheap enough to make for each of 100,000 tasks.
    pub(crate) fn task_outline(&self, k: u64) -> TaskPlan {
        let (start, end) = self.task_timing(k);
        let mut plan = TaskPlan::new(
            &Self::task_name(k),
            "ACS::ECS::RunCommand",
            start,
            end.map(|(at, _)| at),
            end.map_or(Status::Success, |(_, status)| status),
        );
        plan.id = self.task_id(k);
        plan
    }

    /// Task `k` (1-based), in full.
    pub(crate) fn task(&self, k: u64) -> TaskPlan {
        let (first, last) = self.task_entries(k);
        let plan = self.task_outline(k).properties(json!({
            "commandType": "RunShellScript",
            "commandContent": format!("./step.sh --batch {k}"),
            "instanceId": format!("i-bp1gen{k:014}"),
        }));
        match plan.end.map(|(_, status)| status) {
            Some(Status::Success) => {
                plan.outputs(json!({"ExitCode": 0, "Entries": last - first + 1}))
            }
            Some(Status::Failed) => plan.message("exit code 1").outputs(json!({"ExitCode": 1})),
            Some(Status::Cancelled) => plan.message("cancelled by the user"),
            _ => plan,
        }
    }

    /// The task (1-based) a `TaskExecutionId` filter names, if it is one of this execution's.
    fn task_named(&self, task_execution_id: &str) -> Option<u64> {
        let digits = task_execution_id
            .trim()
            .strip_prefix(self.id.as_str())?
            .strip_prefix(".t")?;
        let k: u64 = digits.parse().ok()?;
        (k >= 1 && k <= self.task_count() && format!("{k:04}") == digits).then_some(k)
    }

    /// Appends entry `i` as JSON, in the API doc's field order. Written by hand because a
    /// page needs a hundred: every piece is ASCII without quotes or backslashes.
    pub(crate) fn push_entry(&self, out: &mut String, i: u64) {
        let line = self.line(i);
        let (id, n, step) = (&self.id, self.n, i + 1);
        out.push('{');
        if let Some(k) = self.task_of(i) {
            let _ = write!(out, "\"TaskExecutionId\":\"{id}.t{k:04}\",");
        }
        out.push_str("\"Message\":\"");
        let _ = match line {
            Line::Start => write!(out, "Execution {id} started with {n} steps."),
            Line::Last(Status::Failed) => write!(
                out,
                "Execution {id} failed: Task {} failed: exit code 1.",
                Self::task_name(self.task_count().max(1))
            ),
            Line::Last(Status::Cancelled) => write!(out, "Execution {id} cancelled by the user."),
            Line::Last(_) => write!(out, "Execution {id} completed: {n} log entries."),
            Line::FailingStep => write!(out, "step {step} of {n}: the command failed: exit code 1"),
            Line::SlowStep => write!(
                out,
                "step {step} of {n}: the instance answered slowly, retried once"
            ),
            Line::Step => write!(out, "step {step} of {n}: command output line {}", i % 1000),
        };
        out.push_str("\",\"LogType\":\"");
        out.push_str(line.log_type());
        out.push_str("\",\"Timestamp\":\"");
        push_timestamp(out, second_of(self.base_ms, self.at_ms(i)));
        out.push_str("\"}");
    }

    /// Entry `i` as a map.
    pub(crate) fn entry(&self, i: u64) -> Map<String, Value> {
        let mut json = String::with_capacity(160);
        self.push_entry(&mut json, i);
        serde_json::from_str(&json).expect("generated entries are valid JSON")
    }

    /// The first index in `from..end` whose LogType is `wanted` (any when `None`), found by
    /// arithmetic where the type is rare, so a filter never walks millions of entries.
    fn next_of_type(&self, from: u64, end: u64, wanted: Option<&str>) -> Option<u64> {
        let is = |i: u64| wanted.is_none_or(|t| self.line(i).log_type() == t);
        match wanted {
            None | Some("Info") => (from..end).find(|&i| is(i)),
            Some("Warning") => {
                let mut i = from + (49 + 50 - from % 50) % 50;
                while i < end && !is(i) {
                    i += 50;
                }
                (i < end).then_some(i)
            }
            Some(_) => {
                let specials = [Some(0), self.n.checked_sub(2), self.n.checked_sub(1)];
                specials
                    .into_iter()
                    .flatten()
                    .filter(|&i| i >= from && i < end)
                    .find(|&i| is(i))
            }
        }
    }

    /// Up to `size` of the first `visible` entries, from `start` on, that pass `filter`.
    pub(crate) fn select(
        &self,
        visible: u64,
        start: u64,
        size: u64,
        filter: &Filter<'_>,
    ) -> Selected {
        let end = visible.min(self.n);
        // A task filter names one block of entries: jump to it.
        let (mut i, stop) = match filter.task_execution_id {
            None => (start, end),
            Some(t) => match self.task_named(t) {
                Some(k) => {
                    let (first, last) = self.task_entries(k);
                    (start.max(first), end.min(last + 1))
                }
                None => (end, end),
            },
        };
        let wanted = filter.log_type.map(str::trim);
        let capacity = usize::try_from(size.min(100)).unwrap_or(100) * 160 + 2;
        let mut json = String::with_capacity(capacity);
        json.push('[');
        let mut count = 0;
        let mut next = None;
        while let Some(found) = self.next_of_type(i, stop, wanted) {
            if count == size {
                next = Some(found);
                break;
            }
            if count > 0 {
                json.push(',');
            }
            self.push_entry(&mut json, found);
            count += 1;
            i = found + 1;
        }
        json.push(']');
        Selected { json, next, end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(n: u64, ending: Ending) -> Generated {
        Generated {
            id: format!("exec-test-{n}"),
            n,
            base_ms: super::super::time::utc_ms(2024, 6, 1, 0, 0),
            first_ms: 0,
            step_ms: 1000,
            ending,
        }
    }

    #[test]
    fn tasks_cover_the_entries_between_the_first_and_the_last_word() {
        let g = generated(2500, Ending::After(Status::Success));
        assert_eq!(g.task_count(), 3);
        assert_eq!(g.task_of(0), None);
        assert_eq!(g.task_of(1), Some(1));
        assert_eq!(g.task_of(999), Some(1));
        assert_eq!(g.task_of(1000), Some(2));
        assert_eq!(g.task_of(2498), Some(3));
        assert_eq!(g.task_of(2499), None);
        let last = g.task(3);
        assert_eq!(last.end, Some((2_500_000, Status::Success)));
        assert_eq!(g.task(1).end, Some((999_000, Status::Success)));
        assert_eq!(generated(2, Ending::After(Status::Success)).task_count(), 0);
        assert_eq!(generated(3, Ending::After(Status::Success)).task_count(), 1);
        let running = generated(5, Ending::Never);
        assert_eq!(running.task_of(4), Some(1));
        assert_eq!(running.task(1).end, None);
    }

    #[test]
    fn a_failed_execution_ends_with_errors() {
        let g = generated(10, Ending::After(Status::Failed));
        assert_eq!(g.entry(8)["LogType"], "Error");
        assert_eq!(g.entry(8)["TaskExecutionId"], "exec-test-10.t0001");
        assert_eq!(g.entry(9)["LogType"], "Error");
        assert!(g.entry(9).get("TaskExecutionId").is_none());
        assert_eq!(g.task(1).end, Some((10_000, Status::Failed)));
        let one = generated(1, Ending::After(Status::Failed));
        assert_eq!(one.entry(0)["LogType"], "Error");
        let one = generated(1, Ending::After(Status::Success));
        assert_eq!(one.entry(0)["LogType"], "System");
    }

    #[test]
    fn type_search_agrees_with_a_plain_scan() {
        for ending in [
            Ending::After(Status::Success),
            Ending::After(Status::Failed),
            Ending::After(Status::Cancelled),
            Ending::Never,
        ] {
            let g = generated(260, ending);
            for t in ["Info", "Warning", "System", "Error", "Debug"] {
                let scan: Vec<u64> = (0..260).filter(|&i| g.line(i).log_type() == t).collect();
                let mut found = Vec::new();
                let mut i = 0;
                while let Some(f) = g.next_of_type(i, 260, Some(t)) {
                    found.push(f);
                    i = f + 1;
                }
                assert_eq!(found, scan, "{t} {ending:?}");
            }
        }
    }
}
