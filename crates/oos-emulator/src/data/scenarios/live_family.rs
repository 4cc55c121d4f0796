//! A family that lives in time, for following children that appear while the parent runs:
//! `exec-live-parent` (Running for 4.5 s, then Success) runs `exec-live-parent-early`
//! (there from the start, Success at 2 s) and `exec-live-parent-late`, which does not exist
//! before 1.5 s (nor does the parent's task that starts it), then writes an entry every
//! 0.4 s and ends Success at 4 s. All three count from the parent's clock start (the catalog
//! gives the children the parent's clock), so naming a child first changes nothing.
//!
//! They must not read a clock: offsets only.

use serde_json::json;

use super::action;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;

/// The parent.
pub(crate) const PARENT: &str = "exec-live-parent";
/// The child there from the start.
pub(crate) const EARLY: &str = "exec-live-parent-early";
/// The child that appears while the parent runs.
pub(crate) const LATE: &str = "exec-live-parent-late";

/// When the parent ends, in ms.
pub(crate) const PARENT_END_MS: u64 = 4_500;
/// When the early child ends, in ms.
pub(crate) const EARLY_END_MS: u64 = 2_000;
/// When the late child (and the parent's task that starts it) appears, in ms.
pub(crate) const LATE_START_MS: u64 = 1_500;
/// When the late child ends, in ms.
pub(crate) const LATE_END_MS: u64 = 4_000;

const TEMPLATE: &str = "ACS-OOS-ChildRelease";

fn template_task(name: &str, child: &str, start: u64, end: u64) -> TaskPlan {
    TaskPlan::new(name, action::TEMPLATE, start, Some(end), Status::Success)
        .child(child)
        .properties(json!({"TemplateName": TEMPLATE, "Parameters": {"regionId": "cn-hangzhou"}}))
        .outputs(json!({"ChildExecutionId": child}))
}

/// `exec-live-parent`.
pub(crate) fn parent(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let early = b.task(1, template_task("deployEarly", EARLY, 0, 2_100));
    let quota = b.task(
        2,
        TaskPlan::new(
            "checkQuota",
            action::EXECUTE_API,
            800,
            Some(1_200),
            Status::Success,
        )
        .outputs(json!({"InstanceQuota": 200})),
    );
    let late = b.task(3, template_task("deployLate", LATE, LATE_START_MS, 4_100));
    b.log(0, "System", None, "Execution started.");
    b.log(
        0,
        "System",
        Some(early),
        &format!("The task deployEarly started: child execution {EARLY}."),
    );
    b.log(800, "System", Some(quota), "The task checkQuota started.");
    b.log(
        1_200,
        "Info",
        Some(quota),
        "api call: DescribeAccountAttributes response: {'InstanceQuota': 200}",
    );
    b.log(
        1_200,
        "System",
        Some(quota),
        "The task checkQuota completed.",
    );
    b.log(
        LATE_START_MS,
        "System",
        Some(late),
        &format!("The task deployLate started: child execution {LATE}."),
    );
    b.log(
        2_100,
        "System",
        Some(early),
        "The task deployEarly completed.",
    );
    b.log(
        4_100,
        "System",
        Some(late),
        "The task deployLate completed.",
    );
    b.log(PARENT_END_MS, "System", None, "Execution completed.");
    let record = Record::new("ACS-OOS-ReleaseTrain")
        .parameters(json!({"regionId": "cn-hangzhou", "release": "live"}))
        .description("Release train that starts a child while it runs");
    b.finish(record, Life::ended(0, PARENT_END_MS, Status::Success))
}

/// `exec-live-parent-early`: Running from 0 to 2 s, an entry every 0.4 s.
pub(crate) fn early(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let pull = b.task(
        1,
        TaskPlan::new(
            "pullImage",
            action::RUN_COMMAND,
            400,
            Some(1_200),
            Status::Success,
        ),
    );
    let warm = b.task(
        2,
        TaskPlan::new(
            "waitWarmup",
            action::SLEEP,
            1_600,
            Some(EARLY_END_MS),
            Status::Success,
        )
        .properties(json!({"Duration": "PT0.4S"})),
    );
    b.log(0, "System", None, "Execution started.");
    b.log(400, "System", Some(pull), "The task pullImage started.");
    b.log(
        800,
        "Info",
        Some(pull),
        "The task pullImage output: pulled registry.example/web:2.0.0",
    );
    b.log(1_200, "System", Some(pull), "The task pullImage completed.");
    b.log(1_600, "System", Some(warm), "The task waitWarmup started.");
    b.log(
        EARLY_END_MS,
        "System",
        Some(warm),
        "The task waitWarmup completed.",
    );
    b.log(EARLY_END_MS, "System", None, "Execution completed.");
    let record = Record::new(TEMPLATE)
        .parent(PARENT)
        .executed_by("oos-service")
        .outputs(json!({"Version": "2.0.0"}));
    b.finish(record, Life::ended(0, EARLY_END_MS, Status::Success))
}

/// `exec-live-parent-late`: does not exist before 1.5 s; then an entry every 0.4 s until it
/// ends at 4 s.
pub(crate) fn late(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let backup = b.task(
        1,
        TaskPlan::new(
            "backupDb",
            action::EXECUTE_API,
            1_900,
            Some(2_700),
            Status::Success,
        )
        .outputs(json!({"SnapshotId": "s-bp1live00000001"})),
    );
    let migrate = b.task(
        2,
        TaskPlan::new(
            "runMigration",
            action::RUN_COMMAND,
            3_100,
            Some(3_900),
            Status::Success,
        )
        .outputs(json!({"ExitCode": 0})),
    );
    b.log(LATE_START_MS, "System", None, "Execution started.");
    b.log(1_900, "System", Some(backup), "The task backupDb started.");
    b.log(
        2_300,
        "Info",
        Some(backup),
        "The task backupDb output: snapshot s-bp1live00000001 created",
    );
    b.log(
        2_700,
        "System",
        Some(backup),
        "The task backupDb completed.",
    );
    b.log(
        3_100,
        "System",
        Some(migrate),
        "The task runMigration started.",
    );
    b.log(
        3_500,
        "Info",
        Some(migrate),
        "The task runMigration output: applying 0043_live.sql",
    );
    b.log(
        3_900,
        "System",
        Some(migrate),
        "The task runMigration completed.",
    );
    b.log(LATE_END_MS, "System", None, "Execution completed.");
    let record = Record::new("ACS-OOS-DatabaseMigration")
        .parent(PARENT)
        .executed_by("oos-service");
    b.finish(
        record,
        Life::ended(LATE_START_MS, LATE_END_MS, Status::Success),
    )
}
