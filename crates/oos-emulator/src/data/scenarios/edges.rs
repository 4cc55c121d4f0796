//! Edge cases of what a client draws and sends back: `exec-edge-newlines` (one message of
//! 8 MiB of newlines), `exec-edge-lines` (a message of 3 MB of `ab\n`, a million lines,
//! between two short ones), `exec-edge-emoji` (emoji ZWJ sequences, variation selectors, skin tones,
//! flags, keycaps, combining marks), `exec-edge-no-end` (Success with no `EndDate`, a task
//! likewise) and `exec-edge-huge-task` (Failed, its failed task's `TaskExecutionId` 5 MiB
//! long: too long to go back in a request).
//!
//! They must not change over time (no clock).

use super::action;
use super::s;
use crate::data::script::{Body, Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// When these executions start.
pub(crate) const EDGE_BASE: i64 = utc_ms(2024, 6, 7, 9, 0);

/// The newlines of `exec-edge-newlines`.
pub(crate) const NEWLINES: usize = 8 * 1024 * 1024;
/// The `ab\n` lines of `exec-edge-lines` (3 MB: 10 GB of table 10,000 columns wide).
pub(crate) const LINES: usize = 1_000_000;
/// The length of `exec-edge-huge-task`'s failed task id.
pub(crate) const HUGE_TASK_ID_LEN: usize = 5 * 1024 * 1024;

/// An execution of one task whose entries' messages are `messages`, a second apart.
fn messages(id: &str, base_ms: i64, messages: &[&str]) -> Script {
    let mut b = Builder::new(id, base_ms);
    let task = b.task(
        1,
        TaskPlan::new(
            "printOutput",
            action::RUN_COMMAND,
            0,
            Some(s(4)),
            Status::Success,
        ),
    );
    for (i, message) in (1..).zip(messages) {
        b.log(s(i), "Info", Some(task), message);
    }
    b.finish(
        Record::new("edge-output"),
        Life::ended(0, s(5), Status::Success),
    )
}

/// `exec-edge-newlines`.
pub(crate) fn newlines(id: &str, base_ms: i64) -> Script {
    messages(id, base_ms, &[&"\n".repeat(NEWLINES)])
}

/// `exec-edge-lines`.
pub(crate) fn lines(id: &str, base_ms: i64) -> Script {
    let flood = "ab\n".repeat(LINES);
    messages(
        id,
        base_ms,
        &["before the flood", &flood, "after the flood"],
    )
}

/// The messages of `exec-edge-emoji`, in order.
pub(crate) const EMOJI_MESSAGES: [&str; 6] = [
    "👩\u{200d}💻 deploys: ok",
    "☁\u{fe0f} cloud ready",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦 a family of four",
    "🏳\u{fe0f}\u{200d}🌈 flag 👍🏽 tone 🇯🇵 japan 1\u{fe0f}\u{20e3} keycap",
    "cafe\u{301} and e\u{301}te\u{301}",
    // No spaces: wrapping must break between sequences, never inside one.
    "👩\u{200d}💻☁\u{fe0f}👨\u{200d}👩\u{200d}👧\u{200d}👦👍🏽🇯🇵1\u{fe0f}\u{20e3}\
     👩\u{200d}💻☁\u{fe0f}👨\u{200d}👩\u{200d}👧\u{200d}👦👍🏽🇯🇵1\u{fe0f}\u{20e3}\
     👩\u{200d}💻☁\u{fe0f}👨\u{200d}👩\u{200d}👧\u{200d}👦👍🏽🇯🇵1\u{fe0f}\u{20e3}",
];

/// `exec-edge-emoji`.
pub(crate) fn emoji(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let task = b.task(
        1,
        TaskPlan::new(
            "printEmoji",
            action::RUN_COMMAND,
            0,
            Some(s(7)),
            Status::Success,
        ),
    );
    for (i, message) in (1..).zip(EMOJI_MESSAGES) {
        b.log(s(i), "Info", Some(task), message);
    }
    b.finish(
        Record::new("edge-emoji"),
        Life::ended(0, s(8), Status::Success),
    )
}

/// `exec-edge-no-end`: Success, and neither it nor its second task has an `EndDate`.
pub(crate) fn no_end(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let first = b.task(
        1,
        TaskPlan::new(
            "checkFirst",
            action::EXECUTE_API,
            0,
            Some(s(5)),
            Status::Success,
        ),
    );
    let mut endless = TaskPlan::new(
        "checkSecond",
        action::EXECUTE_API,
        s(6),
        None,
        Status::Success,
    );
    endless.pending = Status::Success;
    let second = b.task(2, endless);
    b.log(s(1), "Info", Some(first), "first check done");
    b.log(s(7), "Info", Some(second), "second check done");
    b.finish(
        Record::new("edge-no-end"),
        Life::forever(0, Status::Success),
    )
}

/// `exec-edge-huge-task`: Failed in a task whose id is [`HUGE_TASK_ID_LEN`] bytes.
pub(crate) fn huge_task(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let task = b.task(
        1,
        TaskPlan::new("runBig", action::RUN_COMMAND, 0, Some(s(2)), Status::Failed)
            .message("exit code 1"),
    );
    b.log(s(1), "Error", Some(task), "the big task failed");
    let mut script = b.finish(
        Record::new("edge-huge-task"),
        Life::ended(0, s(3), Status::Failed).final_message("task runBig failed", "Failed"),
    );
    let long_id = format!("{id}.t0001-{}", "x".repeat(HUGE_TASK_ID_LEN));
    if let Body::Listed { tasks, entries } = &mut script.body {
        tasks[0].id.clone_from(&long_id);
        for entry in entries {
            entry
                .fields
                .insert("TaskExecutionId".into(), long_id.clone().into());
        }
    }
    script
}
