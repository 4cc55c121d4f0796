//! Parametrised trees of executions: `exec-deep-<N>` (a chain: its child is
//! `exec-deep-<N-1>`, down to `exec-deep-0`; its parent is `exec-deep-<N+1>` up to the
//! root `exec-deep-<DEEP_MAX>`) and the parent `exec-fanout-<K>x<N>`, whose loop task runs
//! K child executions `exec-fanout-<K>x<N>-c<i>` (generated, N entries each, started a
//! second apart so their entries interleave).
//!
//! They must not parse ids (the catalog does) nor read a clock.

use serde_json::json;

use super::action;
use super::s;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// The timeline of the deep chain.
pub(crate) const DEEP_BASE: i64 = utc_ms(2024, 6, 9, 0, 0);
/// The timeline of the fan-outs.
pub(crate) const FANOUT_BASE: i64 = utc_ms(2024, 6, 10, 0, 0);
/// The deepest chain: `exec-deep-<DEEP_MAX>` is the root.
pub(crate) const DEEP_MAX: u64 = 50;

/// The id of level `n` of the chain.
pub(crate) fn deep_id(n: u64) -> String {
    format!("exec-deep-{n}")
}

/// When level `n` starts and ends, in seconds: each level starts 2 s after its parent and
/// ends 2 s after its child.
fn deep_span(n: u64) -> (u64, u64) {
    let start = (DEEP_MAX - n) * 2;
    let end = DEEP_MAX * 2 + 2 + 2 * n;
    (start, end)
}

/// `exec-deep-<n>`.
pub(crate) fn deep(id: &str, base_ms: i64, n: u64) -> Script {
    let (start, end) = deep_span(n);
    let mut b = Builder::new(id, base_ms);
    let (task, started, completed) = if n == 0 {
        let hello = TaskPlan::new(
            "sayHello",
            action::SLEEP,
            s(start + 1),
            Some(s(end - 1)),
            Status::Success,
        );
        (
            hello,
            "The task sayHello started.".to_owned(),
            "The task sayHello completed.",
        )
    } else {
        let child = deep_id(n - 1);
        let run = TaskPlan::new(
            "runChild",
            action::TEMPLATE,
            s(start + 1),
            Some(s(end - 1)),
            Status::Success,
        )
        .child(&child)
        .outputs(json!({"Depth": n}));
        let started = format!("The task runChild started: child execution {child}.");
        (run, started, "The task runChild completed.")
    };
    let task = b.task(1, task);
    b.log(s(start), "System", None, "Execution started.");
    b.log(s(start + 1), "System", Some(task), &started);
    b.log(s(end - 1), "System", Some(task), completed);
    b.log(s(end), "System", None, "Execution completed.");
    let mut record = Record::new("ACS-OOS-Nested").parameters(json!({"depth": n}));
    if n < DEEP_MAX {
        record = record.parent(&deep_id(n + 1)).executed_by("oos-service");
    }
    b.finish(record, Life::ended(s(start), s(end), Status::Success))
}

/// The id of child `i` (1-based) of `parent`.
pub(crate) fn fanout_child_id(parent: &str, i: u64) -> String {
    format!("{parent}-c{i}")
}

/// When child `i` (1-based) starts, in ms.
pub(crate) fn fanout_child_start_ms(i: u64) -> u64 {
    s(1 + i)
}

/// `exec-fanout-<k>x<n>`.
pub(crate) fn fanout(id: &str, base_ms: i64, k: u64, n: u64) -> Script {
    let task_end = s(2 + k + n);
    let end = task_end + s(1);
    let mut b = Builder::new(id, base_ms);
    let run = b.task(
        1,
        TaskPlan::new(
            "runChildren",
            action::TEMPLATE,
            s(1),
            Some(task_end),
            Status::Success,
        )
        .looped(k, k)
        .properties(json!({"TemplateName": "ACS-ECS-BulkyRunCommand"})),
    );
    for i in 1..=k {
        let child = fanout_child_id(id, i);
        let start = fanout_child_start_ms(i);
        let item = TaskPlan::new(
            "runChildren",
            action::TEMPLATE,
            start,
            Some(start + s(n)),
            Status::Success,
        )
        .child(&child)
        .outputs(json!({"ChildExecutionId": child}));
        b.item(run, i, &format!("shard-{i}"), item);
    }
    b.log(0, "System", None, "Execution started.");
    b.log(
        s(1),
        "System",
        Some(run),
        &format!("The task runChildren started ({k} loop items, concurrency {k})."),
    );
    b.log(
        task_end,
        "System",
        Some(run),
        &format!("The task runChildren completed: {k} of {k} child executions succeeded."),
    );
    b.log(end, "System", None, "Execution completed.");
    let record = Record::new("ACS-OOS-FanOut")
        .parameters(json!({"regionId": "cn-hangzhou", "shards": k, "stepsPerShard": n}))
        .outputs(json!({"Children": k}));
    b.finish(record, Life::ended(0, end, Status::Success))
}
