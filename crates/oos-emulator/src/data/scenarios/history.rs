//! `exec-hist-001` .. `exec-hist-120`: finished root executions of the weeks before the other
//! samples, for listings (`executions --all` pages; filters and sorting have something to
//! bite on). Mostly Success, every tenth (7, 17...) Failed, five Cancelled; five templates;
//! start dates a few hours apart, all distinct. Each has two tasks and a few entries, written
//! from its number on demand.
//!
//! It must not change over time (no clock).

use serde_json::json;

use super::action;
use super::s;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// How many historical executions there are.
pub(crate) const HISTORY_COUNT: u64 = 120;
/// When the first one starts.
pub(crate) const HISTORY_BASE: i64 = utc_ms(2024, 4, 1, 0, 0);
/// Between two starts, in seconds (7 h 13 min 20 s).
const HISTORY_SPACING_S: u64 = 26_000;

/// The id of number `k` (1-based).
pub(crate) fn history_id(k: u64) -> String {
    format!("exec-hist-{k:03}")
}

/// How number `k` ends.
pub(crate) fn history_outcome(k: u64) -> Status {
    if k % 25 == 13 {
        Status::Cancelled
    } else if k % 10 == 7 {
        Status::Failed
    } else {
        Status::Success
    }
}

/// (template, main task name, its action) of number `k`.
fn history_template(k: u64) -> (&'static str, &'static str, &'static str) {
    const TEMPLATES: [(&str, &str, &str); 5] = [
        ("ACS-ECS-BulkyRunCommand", "runCommand", action::RUN_COMMAND),
        (
            "ACS-ECS-RebootInstance",
            "rebootInstance",
            action::REBOOT_INSTANCE,
        ),
        (
            "ACS-ECS-BulkyStartInstances",
            "startInstance",
            action::START_INSTANCE,
        ),
        (
            "ACS-ECS-ApplyPatchBaseline",
            "applyPatch",
            action::RUN_COMMAND,
        ),
        ("ACS-ECS-CleanUpDisk", "cleanDisk", action::RUN_COMMAND),
    ];
    TEMPLATES[usize::try_from(k % 5).expect("small")]
}

/// `exec-hist-<k>`: offsets count from `base_ms`, the history's first day.
pub(crate) fn history(id: &str, base_ms: i64, k: u64) -> Script {
    let start = (k - 1) * HISTORY_SPACING_S;
    let main_duration = 20 + k * 37 % 300;
    let main_end = start + 4 + main_duration;
    let end = main_end + 1;
    let outcome = history_outcome(k);
    let (template, main_name, main_action) = history_template(k);
    let instance = format!("i-bp1hist{k:011}");
    let mut b = Builder::new(id, base_ms);
    let describe = b.task(
        1,
        TaskPlan::new(
            "describeInstances",
            action::EXECUTE_API,
            s(start + 1),
            Some(s(start + 3)),
            Status::Success,
        )
        .outputs(json!({"InstanceIds": [instance]})),
    );
    let mut main = TaskPlan::new(
        main_name,
        main_action,
        s(start + 4),
        Some(s(main_end)),
        outcome,
    )
    .properties(json!({"instanceId": instance}));
    main = match outcome {
        Status::Failed => main.message("exit code 1: disk quota exceeded"),
        Status::Cancelled => main.message("cancelled by the user"),
        _ => main.outputs(json!({"ExitCode": 0})),
    };
    let main = b.task(2, main);
    b.log(s(start), "System", None, "Execution started.");
    b.log(
        s(start + 1),
        "System",
        Some(describe),
        "The task describeInstances started.",
    );
    b.log(
        s(start + 3),
        "System",
        Some(describe),
        "The task describeInstances completed.",
    );
    b.log(
        s(start + 4),
        "System",
        Some(main),
        &format!("The task {main_name} started."),
    );
    b.log(
        s(start + 4 + main_duration / 2),
        "Info",
        Some(main),
        &format!("The task {main_name} output: working on {instance}"),
    );
    let (last_task_line, last_line, message) = match outcome {
        Status::Failed => (
            (
                "Error",
                format!("The task {main_name} failed: exit code 1: disk quota exceeded"),
            ),
            (
                "Error",
                format!("Execution failed: Task {main_name} failed: exit code 1."),
            ),
            format!("Task {main_name} failed: exit code 1."),
        ),
        Status::Cancelled => (
            ("Warning", format!("The task {main_name} was cancelled.")),
            ("System", "Execution cancelled by the user.".to_owned()),
            "Execution cancelled by the user.".to_owned(),
        ),
        _ => (
            ("System", format!("The task {main_name} completed.")),
            ("System", "Execution completed.".to_owned()),
            String::new(),
        ),
    };
    b.log(s(main_end), last_task_line.0, Some(main), &last_task_line.1);
    b.log(s(end), last_line.0, None, &last_line.1);
    let users = ["ops-alice", "ops-bob", "ci-pipeline"];
    let record = Record::new(template)
        .version(["v1", "v2", "v3"][usize::try_from(k % 3).expect("small")])
        .parameters(json!({"regionId": "cn-hangzhou", "instanceId": instance}))
        .executed_by(users[usize::try_from(k % 3).expect("small")])
        .tags(json!({"team": if k.is_multiple_of(2) { "web" } else { "data" }}));
    let record = if outcome == Status::Success {
        record.outputs(json!({"InstanceId": instance}))
    } else {
        record
    };
    let life = Life::ended(s(start), s(end), outcome).final_message(&message, "");
    b.finish(record, life)
}
