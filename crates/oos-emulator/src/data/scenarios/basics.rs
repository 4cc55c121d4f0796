//! Small static samples: `exec-small` (7 entries, Success), `exec-running` (Running for
//! ever, 3 entries), `exec-empty` (no entries, no tasks) and `exec-waiting` (Waiting for ever
//! on an approval).
//!
//! They must not change over time (no clock), except by being for ever unfinished.

use serde_json::json;

use super::action;
use super::s;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// When `exec-small` starts (the samples' first day).
pub(crate) const SMALL_BASE: i64 = utc_ms(2024, 6, 1, 0, 0);
/// When `exec-running` starts.
pub(crate) const RUNNING_BASE: i64 = utc_ms(2024, 6, 4, 8, 0);
/// When `exec-empty` starts.
pub(crate) const EMPTY_BASE: i64 = utc_ms(2024, 6, 5, 0, 0);
/// When `exec-waiting` starts.
pub(crate) const WAITING_BASE: i64 = utc_ms(2024, 6, 6, 6, 0);

/// `exec-small`: reboot one instance.
pub(crate) fn small(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let ready = b.task(
        1,
        TaskPlan::new(
            "checkInstanceReady",
            action::WAIT_FOR,
            s(1),
            Some(s(4)),
            Status::Success,
        )
        .outputs(json!({"Status": "Running"})),
    );
    let reboot = b.task(
        2,
        TaskPlan::new(
            "rebootInstance",
            action::REBOOT_INSTANCE,
            s(5),
            Some(s(35)),
            Status::Success,
        )
        .properties(json!({"instanceId": "i-bp1small0000001", "forceStop": false})),
    );
    b.log(0, "System", None, "Execution started.");
    b.log(
        s(1),
        "System",
        Some(ready),
        "The task checkInstanceReady started.",
    );
    b.log(
        s(3),
        "Info",
        Some(ready),
        "api call: DescribeInstances request:{'InstanceIds': '[\"i-bp1small0000001\"]'} response: {'Status': 'Running'}",
    );
    b.log(
        s(4),
        "System",
        Some(ready),
        "The task checkInstanceReady completed.",
    );
    b.log(
        s(5),
        "System",
        Some(reboot),
        "The task rebootInstance started.",
    );
    b.log(
        s(35),
        "System",
        Some(reboot),
        "The task rebootInstance completed.",
    );
    b.log(s(36), "System", None, "Execution completed.");
    let record = Record::new("ACS-ECS-RebootInstance")
        .parameters(json!({"regionId": "cn-hangzhou", "instanceId": "i-bp1small0000001"}))
        .outputs(json!({"InstanceId": "i-bp1small0000001", "Status": "Running"}));
    b.finish(record, Life::ended(0, s(36), Status::Success))
}

/// `exec-running`: a command that never finishes.
pub(crate) fn running(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let run = b.task(
        1,
        TaskPlan::new(
            "runCommand",
            action::RUN_COMMAND,
            s(1),
            None,
            Status::Running,
        )
        .looped(1, 10),
    );
    let item = b.item(
        run,
        1,
        "i-bp1run000000000001",
        TaskPlan::new(
            "runCommand",
            action::RUN_COMMAND,
            s(2),
            None,
            Status::Running,
        ),
    );
    b.log(0, "System", None, "Execution started.");
    b.log(s(1), "System", Some(run), "The task runCommand started.");
    b.log(
        s(2),
        "Info",
        Some(item),
        "The task runCommand (loop item i-bp1run000000000001) is waiting for the command to finish.",
    );
    let record = Record::new("ACS-ECS-BulkyRunCommand").parameters(json!({
        "regionId": "cn-hangzhou",
        "commandType": "RunShellScript",
        "commandContent": "./long-job.sh",
    }));
    b.finish(record, Life::forever(0, Status::Running))
}

/// `exec-empty`: finished without a word.
pub(crate) fn empty(id: &str, base_ms: i64) -> Script {
    let record = Record::new("ACS-ECS-DescribeInstance");
    Builder::new(id, base_ms).finish(record, Life::ended(0, s(2), Status::Success))
}

/// `exec-waiting`: stopped at an approval nobody gives.
pub(crate) fn waiting(id: &str, base_ms: i64) -> Script {
    const WAITING_MESSAGE: &str = "Waiting for approval: task approveStop (ACS::Approve) waits for ops-oncall to approve stopping 2 instances.";
    let mut b = Builder::new(id, base_ms);
    let describe = b.task(
        1,
        TaskPlan::new(
            "describeInstances",
            action::EXECUTE_API,
            s(1),
            Some(s(2)),
            Status::Success,
        )
        .outputs(json!({"InstanceIds": ["i-bp1wait00000000001", "i-bp1wait00000000002"]})),
    );
    let approve = b.task(
        2,
        TaskPlan::new("approveStop", action::APPROVE, s(3), None, Status::Waiting)
            .waiting("Waiting for approval from ops-oncall.")
            .properties(json!({"Approvers": ["ops-oncall"], "MinRequiredApprovals": 1}))
            .extra(json!({"NotifyNote": "Stop 2 web instances for maintenance?"})),
    );
    b.log(0, "System", None, "Execution started.");
    b.log(
        s(1),
        "System",
        Some(describe),
        "The task describeInstances started.",
    );
    b.log(
        s(2),
        "System",
        Some(describe),
        "The task describeInstances completed.",
    );
    b.log(
        s(3),
        "System",
        Some(approve),
        "The task approveStop started: waiting for approval from ops-oncall.",
    );
    b.log(
        s(3),
        "Info",
        Some(approve),
        "An approval request was sent to the DingTalk webhook; approve or reject it in the OOS console.",
    );
    let record = Record::new("ACS-ECS-StopInstancesWithApproval")
        .parameters(json!({"regionId": "cn-hangzhou", "approvers": ["ops-oncall"]}));
    let life = Life::forever(0, Status::Waiting).waiting_for(WAITING_MESSAGE, "WaitingForApproval");
    b.finish(record, life)
}
