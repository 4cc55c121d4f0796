//! Executions with children, written out, on one shared timeline so their entries
//! interleave: `exec-parent` (Failed) runs `exec-child-ok` (Success, which runs
//! `exec-grandchild`) and `exec-child-failed` (Failed); several entries of different
//! executions share a timestamp exactly (second 3: the parent and exec-child-ok; second 4:
//! the parent, exec-child-ok and exec-child-failed). `exec-cycle-a` and `exec-cycle-b` are
//! each the other's child.
//!
//! They must not change over time (no clock).

use serde_json::json;

use super::action;
use super::s;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// The timeline of exec-parent and its descendants.
pub(crate) const PARENT_BASE: i64 = utc_ms(2024, 6, 7, 10, 0);
/// The timeline of the cycle.
pub(crate) const CYCLE_BASE: i64 = utc_ms(2024, 6, 8, 0, 0);

/// The parent.
pub(crate) const PARENT: &str = "exec-parent";
/// Its successful child.
pub(crate) const CHILD_OK: &str = "exec-child-ok";
/// Its failed child.
pub(crate) const CHILD_FAILED: &str = "exec-child-failed";
/// The successful child's child.
pub(crate) const GRANDCHILD: &str = "exec-grandchild";
/// One half of the cycle.
pub(crate) const CYCLE_A: &str = "exec-cycle-a";
/// The other half.
pub(crate) const CYCLE_B: &str = "exec-cycle-b";

const PARENT_FAILURE: &str = "Task migrateDb failed: child execution exec-child-failed failed.";
const CHILD_FAILURE: &str = "Task runMigration failed: exit code 2.";

fn template_task(name: &str, child: &str, start: u64, end: u64, outcome: Status) -> TaskPlan {
    let task = TaskPlan::new(name, action::TEMPLATE, s(start), Some(s(end)), outcome)
        .child(child)
        .properties(json!({"TemplateName": "ACS-OOS-ChildRelease", "Parameters": {"regionId": "cn-hangzhou"}}));
    if outcome == Status::Failed {
        task.message(&format!("child execution {child} failed"))
    } else {
        task.outputs(json!({"ChildExecutionId": child}))
    }
}

/// `exec-parent`.
pub(crate) fn parent(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let quota = b.task(
        1,
        TaskPlan::new(
            "checkQuota",
            action::EXECUTE_API,
            s(1),
            Some(s(2)),
            Status::Success,
        )
        .outputs(json!({"InstanceQuota": 200})),
    );
    let deploy = b.task(
        2,
        template_task("deployApp", CHILD_OK, 3, 20, Status::Success),
    );
    let migrate = b.task(
        3,
        template_task("migrateDb", CHILD_FAILED, 4, 18, Status::Failed),
    );
    b.log(
        0,
        "System",
        None,
        "Execution started by template ACS-OOS-ReleaseTrain with parameters {\"release\": \"2024.06.07\"}.",
    );
    b.log(s(1), "System", Some(quota), "The task checkQuota started.");
    b.log(
        s(2),
        "Info",
        Some(quota),
        "api call: DescribeAccountAttributes request:{'AttributeName': 'max-postpaid-instance-vcpu-count'} response: {'InstanceQuota': 200}",
    );
    b.log(
        s(2),
        "System",
        Some(quota),
        "The task checkQuota completed.",
    );
    b.log(
        s(3),
        "System",
        Some(deploy),
        "The task deployApp started: child execution exec-child-ok.",
    );
    b.log(
        s(4),
        "System",
        Some(migrate),
        "The task migrateDb started: child execution exec-child-failed.",
    );
    b.log(
        s(12),
        "Info",
        Some(deploy),
        "The task deployApp is waiting for child execution exec-child-ok (1 of 3 tasks done).",
    );
    b.log(
        s(18),
        "Error",
        Some(migrate),
        "The task migrateDb failed: child execution exec-child-failed failed: Task runMigration failed: exit code 2.",
    );
    b.log(
        s(20),
        "System",
        Some(deploy),
        "The task deployApp completed.",
    );
    b.log(
        s(21),
        "Error",
        None,
        "Execution failed: Task migrateDb failed: child execution exec-child-failed failed.",
    );
    let record = Record::new("ACS-OOS-ReleaseTrain")
        .parameters(json!({"regionId": "cn-hangzhou", "release": "2024.06.07"}))
        .description("Release train 2024.06.07");
    let life =
        Life::ended(0, s(21), Status::Failed).final_message(PARENT_FAILURE, "ChildExecutionFailed");
    b.finish(record, life)
}

/// `exec-child-ok`.
pub(crate) fn child_ok(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let stop = b.task(
        1,
        TaskPlan::new(
            "stopTraffic",
            action::EXECUTE_API,
            s(4),
            Some(s(5)),
            Status::Success,
        ),
    );
    let upgrade = b.task(
        2,
        template_task("upgradeApp", GRANDCHILD, 6, 14, Status::Success),
    );
    let start = b.task(
        3,
        TaskPlan::new(
            "startTraffic",
            action::EXECUTE_API,
            s(15),
            Some(s(17)),
            Status::Success,
        ),
    );
    b.log(s(3), "System", None, "Execution started.");
    b.log(s(4), "System", Some(stop), "The task stopTraffic started.");
    b.log(
        s(5),
        "Info",
        Some(stop),
        "api call: SetBackendServers request:{'LoadBalancerId': 'lb-bp1release01', 'Weight': 0} response: {'RequestId': 'A1B2'}",
    );
    b.log(
        s(5),
        "System",
        Some(stop),
        "The task stopTraffic completed.",
    );
    b.log(
        s(6),
        "System",
        Some(upgrade),
        "The task upgradeApp started: child execution exec-grandchild.",
    );
    b.log(
        s(14),
        "System",
        Some(upgrade),
        "The task upgradeApp completed.",
    );
    b.log(
        s(15),
        "System",
        Some(start),
        "The task startTraffic started.",
    );
    b.log(
        s(17),
        "System",
        Some(start),
        "The task startTraffic completed.",
    );
    b.log(s(19), "System", None, "Execution completed.");
    let record = Record::new("ACS-OOS-ChildRelease")
        .parent(PARENT)
        .executed_by("oos-service")
        .outputs(json!({"Version": "1.42.0"}));
    b.finish(record, Life::ended(s(3), s(19), Status::Success))
}

/// `exec-grandchild`.
pub(crate) fn grandchild(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let pull = b.task(
        1,
        TaskPlan::new(
            "pullImage",
            action::RUN_COMMAND,
            s(7),
            Some(s(9)),
            Status::Success,
        ),
    );
    let warm = b.task(
        2,
        TaskPlan::new(
            "waitWarmup",
            action::SLEEP,
            s(10),
            Some(s(12)),
            Status::Success,
        )
        .properties(json!({"Duration": "PT2S"})),
    );
    b.log(s(6), "System", None, "Execution started.");
    b.log(s(7), "System", Some(pull), "The task pullImage started.");
    b.log(
        s(9),
        "Info",
        Some(pull),
        "The task pullImage output: pulled registry.example/web:1.42.0",
    );
    b.log(s(9), "System", Some(pull), "The task pullImage completed.");
    b.log(s(10), "System", Some(warm), "The task waitWarmup started.");
    b.log(
        s(12),
        "System",
        Some(warm),
        "The task waitWarmup completed.",
    );
    b.log(s(13), "System", None, "Execution completed.");
    let record = Record::new("ACS-ECS-UpgradeImage")
        .parent(CHILD_OK)
        .executed_by("oos-service");
    b.finish(record, Life::ended(s(6), s(13), Status::Success))
}

/// `exec-child-failed`.
pub(crate) fn child_failed(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let backup = b.task(
        1,
        TaskPlan::new(
            "backupDb",
            action::EXECUTE_API,
            s(5),
            Some(s(8)),
            Status::Success,
        )
        .outputs(json!({"SnapshotId": "s-bp1db0000000001"})),
    );
    let migrate = b.task(
        2,
        TaskPlan::new(
            "runMigration",
            action::RUN_COMMAND,
            s(9),
            Some(s(16)),
            Status::Failed,
        )
        .message("exit code 2: ERROR: relation \"orders\" does not exist")
        .outputs(json!({"ExitCode": 2})),
    );
    b.log(s(4), "System", None, "Execution started.");
    b.log(s(5), "System", Some(backup), "The task backupDb started.");
    b.log(
        s(8),
        "Info",
        Some(backup),
        "The task backupDb output: snapshot s-bp1db0000000001 created",
    );
    b.log(s(8), "System", Some(backup), "The task backupDb completed.");
    b.log(
        s(9),
        "System",
        Some(migrate),
        "The task runMigration started.",
    );
    b.log(
        s(11),
        "Info",
        Some(migrate),
        "The task runMigration output: applying 0042_add_index.sql",
    );
    b.log(
        s(16),
        "Error",
        Some(migrate),
        "The task runMigration failed: exit code 2: ERROR: relation \"orders\" does not exist",
    );
    b.log(
        s(17),
        "Error",
        None,
        "Execution failed: Task runMigration failed: exit code 2.",
    );
    let record = Record::new("ACS-OOS-DatabaseMigration")
        .parent(PARENT)
        .executed_by("oos-service");
    let life =
        Life::ended(s(4), s(17), Status::Failed).final_message(CHILD_FAILURE, "NonZeroExitCode");
    b.finish(record, life)
}

/// One half of the cycle: runs `peer` as its child, and is `peer`'s child.
fn cycle_half(id: &str, base_ms: i64, peer: &str, start: u64, end: u64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let run = b.task(
        1,
        template_task("runPeer", peer, start + 1, end - 1, Status::Success),
    );
    b.log(s(start), "System", None, "Execution started.");
    b.log(
        s(start + 1),
        "System",
        Some(run),
        &format!("The task runPeer started: child execution {peer}."),
    );
    b.log(
        s(end - 1),
        "System",
        Some(run),
        "The task runPeer completed.",
    );
    b.log(s(end), "System", None, "Execution completed.");
    let record = Record::new("ACS-OOS-PingPong").parent(peer);
    b.finish(record, Life::ended(s(start), s(end), Status::Success))
}

/// `exec-cycle-a`.
pub(crate) fn cycle_a(id: &str, base_ms: i64) -> Script {
    cycle_half(id, base_ms, CYCLE_B, 0, 10)
}

/// `exec-cycle-b`.
pub(crate) fn cycle_b(id: &str, base_ms: i64) -> Script {
    cycle_half(id, base_ms, CYCLE_A, 2, 8)
}
