//! `exec-demo-failed`, the demo's default: a bulk run-command over 3 instances whose third
//! loop item fails (exit code 127), so the loop task and the execution fail; getInstance
//! succeeded. Loop items are tasks of their own and their entries carry their ids.
//!
//! It must not change over time (no clock).

use serde_json::json;

use super::action;
use super::s;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// When `exec-demo-failed` starts.
pub(crate) const DEMO_BASE: i64 = utc_ms(2024, 6, 2, 9, 30);

const INSTANCES: [&str; 3] = [
    "i-bp1demo00000000001",
    "i-bp1demo00000000002",
    "i-bp1demo00000000003",
];

/// The StatusMessage of the failed execution.
const FAILURE: &str = "Task runCommand failed: exit code 127 on i-bp1demo00000000003";

/// `exec-demo-failed`.
pub(crate) fn demo_failed(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let get = b.task(
        1,
        TaskPlan::new(
            "getInstance",
            action::SELECT_TARGETS,
            s(1),
            Some(s(2)),
            Status::Success,
        )
        .properties(json!({"ResourceType": "ALIYUN::ECS::Instance", "Tags": [{"Key": "app", "Value": "web"}]}))
        .outputs(json!({"instanceIds": INSTANCES})),
    );
    let run = b.task(
        2,
        TaskPlan::new(
            "runCommand",
            action::RUN_COMMAND,
            s(3),
            Some(s(16)),
            Status::Failed,
        )
        .looped(3, 10)
        .message("1 of 3 loop items failed: i-bp1demo00000000003")
        .properties(
            json!({"commandType": "RunShellScript", "commandContent": "./deploy.sh web 1.42.0"}),
        ),
    );
    let item_ends = [
        (s(4), s(10), Status::Success),
        (s(5), s(14), Status::Success),
        (s(6), s(15), Status::Failed),
    ];
    let items: Vec<_> = (1u64..)
        .zip(INSTANCES.iter().zip(item_ends))
        .map(|(number, (instance, (start, end, outcome)))| {
            let plan = TaskPlan::new("runCommand", action::RUN_COMMAND, start, Some(end), outcome)
                .properties(json!({"instanceId": instance, "commandType": "RunShellScript"}));
            let plan = if outcome == Status::Failed {
                plan.message("exit code 127: /bin/sh: deploy.sh: command not found")
                    .outputs(json!({"ExitCode": 127}))
            } else {
                plan.outputs(json!({"ExitCode": 0}))
            };
            b.item(run, number, instance, plan)
        })
        .collect();

    b.log(
        0,
        "System",
        None,
        "Execution started by template ACS-ECS-BulkyRunCommand with parameters {\"regionId\": \"cn-hangzhou\", \"commandType\": \"RunShellScript\"}.",
    );
    b.log(s(1), "System", Some(get), "The task getInstance started.");
    b.log(
        s(2),
        "Info",
        Some(get),
        "api call: DescribeInstances request:{'Status': 'Running', 'Tags': '[{\"Key\": \"app\", \"Value\": \"web\"}]'} response: {'TotalCount': 3}",
    );
    b.log(s(2), "System", Some(get), "The task getInstance completed.");
    b.log(
        s(3),
        "System",
        Some(run),
        "The task runCommand started (3 loop items, concurrency 10).",
    );
    for (n, (instance, item)) in INSTANCES.iter().zip(&items).enumerate() {
        b.log(
            s(4 + n as u64),
            "Info",
            Some(*item),
            &format!(
                "The task runCommand (loop item {instance}) started: invoking c-hz01demo000{n}"
            ),
        );
    }
    let [first, second, third] = [items[0], items[1], items[2]];
    b.log(s(9), "Info", Some(first), "The task runCommand (loop item i-bp1demo00000000001) output: deploy.sh: pulling web:1.42.0\ndeploy.sh: restarted web (pid 2214)");
    b.log(
        s(10),
        "System",
        Some(first),
        "The task runCommand (loop item i-bp1demo00000000001) completed.",
    );
    b.log(s(11), "Warning", Some(second), "The task runCommand (loop item i-bp1demo00000000002) is slow: the command has run for 60s (timeout 600s).");
    b.log(s(14), "Info", Some(second), "The task runCommand (loop item i-bp1demo00000000002) output: deploy.sh: restarted web (pid 3190)");
    b.log(
        s(14),
        "System",
        Some(second),
        "The task runCommand (loop item i-bp1demo00000000002) completed.",
    );
    b.log(s(15), "Error", Some(third), "The task runCommand (loop item i-bp1demo00000000003) failed: exit code 127: /bin/sh: deploy.sh: command not found");
    b.log(s(15), "Debug", Some(third), "InvocationResult: {\"ExitCode\": 127, \"ErrorCode\": \"NonZeroExitCode\", \"InvokeRecordStatus\": \"Finished\"}");
    b.log(
        s(16),
        "Error",
        Some(run),
        "The task runCommand failed: 1 of 3 loop items failed (i-bp1demo00000000003).",
    );
    b.log(
        s(17),
        "System",
        None,
        "Execution failed: Task runCommand failed: exit code 127 on i-bp1demo00000000003.",
    );
    let record = Record::new("ACS-ECS-BulkyRunCommand")
        .version("v4")
        .parameters(json!({
            "regionId": "cn-hangzhou",
            "commandType": "RunShellScript",
            "commandContent": "./deploy.sh web 1.42.0",
            "targets": {"Type": "Tags", "Tags": [{"Key": "app", "Value": "web"}]},
        }))
        .outputs(json!({"invocationOutputs": ["deploy.sh: restarted web (pid 2214)", "deploy.sh: restarted web (pid 3190)"]}))
        .description("Deploy web 1.42.0");
    let life = Life::ended(0, s(17), Status::Failed).final_message(FAILURE, "NonZeroExitCode");
    b.finish(record, life)
}
