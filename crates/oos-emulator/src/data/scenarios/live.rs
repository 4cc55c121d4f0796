//! Written-out executions that live in time (their base is the clock start):
//! `exec-live`, the demo of following (10 s, an entry every 0.4-0.8 s, a health check, a
//! rolling restart looping over 2 instances, a verification; ends Success), and
//! `exec-odd-status`, which is `Suspending` (a status clients do not know) for 1.5 s, then
//! Success.
//!
//! They must not read a clock: offsets only.

use serde_json::json;

use super::action;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;

const INSTANCES: [&str; 2] = ["i-bp1live0000000001", "i-bp1live0000000002"];

/// How long `exec-live` runs, in ms.
pub(crate) const LIVE_DURATION_MS: u64 = 10_000;
/// How long `exec-odd-status` is Suspending, in ms.
pub(crate) const ODD_STATUS_MS: u64 = 1_500;

/// `exec-live`.
pub(crate) fn live(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let check = b.task(
        1,
        TaskPlan::new(
            "checkHealth",
            action::EXECUTE_API,
            400,
            Some(1_600),
            Status::Success,
        )
        .outputs(json!({"HealthyInstances": 2})),
    );
    let restart = b.task(
        2,
        TaskPlan::new(
            "restartApp",
            action::RUN_COMMAND,
            2_200,
            Some(7_700),
            Status::Success,
        )
        .looped(2, 1)
        .properties(
            json!({"commandType": "RunShellScript", "commandContent": "systemctl restart web"}),
        ),
    );
    let first = b.item(
        restart,
        1,
        INSTANCES[0],
        TaskPlan::new(
            "restartApp",
            action::RUN_COMMAND,
            2_700,
            Some(4_600),
            Status::Success,
        )
        .outputs(json!({"ExitCode": 0})),
    );
    let second = b.item(
        restart,
        2,
        INSTANCES[1],
        TaskPlan::new(
            "restartApp",
            action::RUN_COMMAND,
            5_200,
            Some(7_100),
            Status::Success,
        )
        .outputs(json!({"ExitCode": 0})),
    );
    let verify = b.task(
        3,
        TaskPlan::new(
            "verify",
            action::WAIT_FOR,
            8_300,
            Some(9_500),
            Status::Success,
        )
        .outputs(json!({"HealthyBackends": 2})),
    );
    b.log(
        0,
        "System",
        None,
        "Execution started by template ACS-ECS-RollingRestart with parameters {\"regionId\": \"cn-hangzhou\", \"service\": \"web\"}.",
    );
    b.log(400, "System", Some(check), "The task checkHealth started.");
    b.log(
        1_000,
        "Info",
        Some(check),
        "api call: DescribeInstanceStatus request:{'InstanceIds': '[\"i-bp1live0000000001\", \"i-bp1live0000000002\"]'} response: {'Running': 2}",
    );
    b.log(
        1_600,
        "System",
        Some(check),
        "The task checkHealth completed.",
    );
    b.log(
        2_200,
        "System",
        Some(restart),
        "The task restartApp started (2 loop items, concurrency 1).",
    );
    let item_lines = [
        (first, INSTANCES[0], [2_700, 3_300, 4_000, 4_600], "4388"),
        (second, INSTANCES[1], [5_200, 5_800, 6_500, 7_100], "4519"),
    ];
    for (n, (item, instance, [started, stopping, started_web, done], pid)) in
        item_lines.into_iter().enumerate()
    {
        let prefix = format!("The task restartApp (loop item {instance})");
        b.log(
            started,
            "Info",
            Some(item),
            &format!("{prefix} started: invoking c-hz01live000{n}"),
        );
        if n == 0 {
            b.log(
                stopping,
                "Info",
                Some(item),
                &format!("{prefix} output: stopping web"),
            );
        } else {
            b.log(
                stopping,
                "Warning",
                Some(item),
                &format!("{prefix} is slow: web took 3 attempts to stop"),
            );
        }
        b.log(
            started_web,
            "Info",
            Some(item),
            &format!("{prefix} output: web started (pid {pid})"),
        );
        b.log(done, "System", Some(item), &format!("{prefix} completed."));
    }
    b.log(
        7_700,
        "System",
        Some(restart),
        "The task restartApp completed: 2 of 2 loop items succeeded.",
    );
    b.log(8_300, "System", Some(verify), "The task verify started.");
    b.log(
        8_900,
        "Info",
        Some(verify),
        "api call: DescribeHealthStatus response: {'BackendServers': [{'ServerId': 'i-bp1live0000000001', 'ServerHealthStatus': 'normal'}, {'ServerId': 'i-bp1live0000000002', 'ServerHealthStatus': 'normal'}]}",
    );
    b.log(9_500, "System", Some(verify), "The task verify completed.");
    b.log(LIVE_DURATION_MS, "System", None, "Execution completed.");
    let record = Record::new("ACS-ECS-RollingRestart")
        .parameters(json!({"regionId": "cn-hangzhou", "service": "web", "instanceIds": INSTANCES}))
        .outputs(json!({"RestartedInstances": INSTANCES}));
    b.finish(record, Life::ended(0, LIVE_DURATION_MS, Status::Success))
}

/// `exec-odd-status`.
pub(crate) fn odd_status(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let drain = b.task(
        1,
        TaskPlan::new(
            "drainConnections",
            action::EXECUTE_API,
            200,
            Some(1_200),
            Status::Success,
        ),
    );
    b.log(0, "System", None, "Execution started.");
    b.log(
        200,
        "System",
        Some(drain),
        "The task drainConnections started.",
    );
    b.log(
        700,
        "Info",
        Some(drain),
        "The execution is being suspended: waiting for 12 open connections to close.",
    );
    b.log(
        1_200,
        "System",
        Some(drain),
        "The task drainConnections completed.",
    );
    b.log(ODD_STATUS_MS, "System", None, "Execution completed.");
    let record = Record::new("ACS-SLB-DrainBackend");
    let life = Life::ended(0, ODD_STATUS_MS, Status::Success).pending_as(Status::Suspending);
    b.finish(record, life)
}
