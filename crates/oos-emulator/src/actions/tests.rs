//! Tests of the actions, called directly. Time is simulated: a context's `now` is set to a
//! chosen offset from an execution's clock start, so nothing here sleeps except the one
//! test that checks the clock starts with the first request.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::{Map, Value};

use super::*;
use crate::clock::Clock;

fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    let mut p: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    p.entry("Version".into())
        .or_insert_with(|| "2019-06-01".into());
    p
}

/// A context with its own clocks, at the current instant.
struct Harness {
    clocks: Clocks,
    tail_token: TailToken,
    repeat_token: bool,
}

impl Harness {
    fn new() -> Self {
        Self {
            clocks: Clocks::default(),
            tail_token: TailToken::Empty,
            repeat_token: false,
        }
    }

    fn with_tail_token() -> Self {
        Self {
            tail_token: TailToken::Token,
            ..Self::new()
        }
    }

    /// Starts the clock of `id` now.
    fn start(&self, id: &str) -> Clock {
        self.clocks.start(id)
    }

    fn context_at(&self, now: std::time::Instant) -> Context<'_> {
        Context {
            repeat_token: self.repeat_token,
            tail_token: self.tail_token,
            page_storm: None,
            clocks: &self.clocks,
            now,
        }
    }

    fn call_at(
        &self,
        now: std::time::Instant,
        action: &str,
        pairs: &[(&str, &str)],
    ) -> Result<Map<String, Value>, ErrorReply> {
        let mut p = params(pairs);
        p.insert("Action".into(), action.into());
        dispatch(&p, &self.context_at(now), "R").map(|r| serde_json::from_str(&r.body).unwrap())
    }

    fn call(&self, action: &str, pairs: &[(&str, &str)]) -> Map<String, Value> {
        self.call_at(std::time::Instant::now(), action, pairs)
            .unwrap_or_else(|e| panic!("{action} {pairs:?}: {e:?}"))
    }

    fn error(&self, action: &str, pairs: &[(&str, &str)]) -> ErrorReply {
        self.call_at(std::time::Instant::now(), action, pairs)
            .expect_err("an error")
    }

    /// `action` at `ms` after the clock of `clock` started.
    fn call_after(
        &self,
        clock: Clock,
        ms: u64,
        action: &str,
        pairs: &[(&str, &str)],
    ) -> Result<Map<String, Value>, ErrorReply> {
        self.call_at(clock.started + Duration::from_millis(ms), action, pairs)
    }

    /// Every page of a listing action, following NextToken.
    fn all_pages(&self, action: &str, list: &str, pairs: &[(&str, &str)]) -> (Vec<Value>, usize) {
        let mut token: Option<String> = None;
        let mut items = Vec::new();
        let mut pages = 0;
        loop {
            let mut p = pairs.to_vec();
            if let Some(t) = &token {
                p.push(("NextToken", t));
            }
            let body = self.call(action, &p);
            items.extend(body[list].as_array().unwrap().iter().cloned());
            pages += 1;
            match body.get("NextToken") {
                Some(t) => token = Some(t.as_str().unwrap().to_owned()),
                None => return (items, pages),
            }
        }
    }
}

fn ids(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|e| e[field].as_str().unwrap().to_owned())
        .collect()
}

fn array_len(body: &Map<String, Value>, name: &str) -> usize {
    body[name].as_array().unwrap().len()
}

// ListExecutionLogs

#[test]
fn pages_through_a_large_execution_without_gaps() {
    let h = Harness::new();
    let (entries, pages) = h.all_pages(
        "ListExecutionLogs",
        "ExecutionLogs",
        &[("ExecutionId", "exec-large-250"), ("MaxResults", "100")],
    );
    assert_eq!((entries.len(), pages), (250, 3));
    for (i, e) in entries.iter().enumerate().skip(1).take(248) {
        let msg = e["Message"].as_str().unwrap();
        assert!(msg.starts_with(&format!("step {} of 250", i + 1)), "{msg}");
    }
}

#[test]
fn log_filters_apply() {
    let h = Harness::new();
    let body = h.call(
        "ListExecutionLogs",
        &[("ExecutionId", "exec-demo-failed"), ("LogType", "Error")],
    );
    assert_eq!(array_len(&body, "ExecutionLogs"), 2);
    let body = h.call(
        "ListExecutionLogs",
        &[
            ("ExecutionId", "exec-small"),
            ("TaskExecutionId", "exec-small.t0002"),
        ],
    );
    assert_eq!(array_len(&body, "ExecutionLogs"), 2);
    assert_eq!(body["IsTruncated"], false);
    assert!(body.get("NextToken").is_none(), "no token on the last page");
    let item = h.call(
        "ListExecutionLogs",
        &[
            ("ExecutionId", "exec-demo-failed"),
            ("TaskExecutionId", "exec-demo-failed.t0002.i0003"),
        ],
    );
    assert_eq!(array_len(&item, "ExecutionLogs"), 3);
}

#[test]
fn log_parameter_errors() {
    let h = Harness::new();
    let code = |pairs: &[(&str, &str)]| h.error("ListExecutionLogs", pairs).code;
    assert_eq!(code(&[]), "MissingParameter");
    for bad in ["0", "101", "x"] {
        assert_eq!(
            code(&[("ExecutionId", "exec-small"), ("MaxResults", bad)]),
            "InvalidParameter"
        );
    }
    assert_eq!(
        code(&[("ExecutionId", "exec-small"), ("NextToken", "garbage")]),
        "InvalidParameter"
    );
    let err = h.error("ListExecutionLogs", &[("ExecutionId", "exec-nope")]);
    assert_eq!(
        (err.status, err.code.as_str()),
        (404, "EntityNotExists.Execution")
    );
    assert_eq!(h.error("Nope", &[]).code, "InvalidAction.NotFound");
}

#[test]
fn repeat_token_fault_sends_the_same_token_back() {
    let mut h = Harness::new();
    let first = h.call(
        "ListExecutionLogs",
        &[("ExecutionId", "exec-large-30"), ("MaxResults", "10")],
    );
    let t = first["NextToken"].as_str().unwrap().to_owned();
    h.repeat_token = true;
    let second = h.call(
        "ListExecutionLogs",
        &[
            ("ExecutionId", "exec-large-30"),
            ("MaxResults", "10"),
            ("NextToken", &t),
        ],
    );
    assert_eq!(second["NextToken"], t.as_str());
}

// ListExecutions

#[test]
fn list_executions_by_id_and_status() {
    let h = Harness::new();
    let body = h.call("ListExecutions", &[("ExecutionId", "exec-demo-failed")]);
    assert_eq!(body["Executions"][0]["Status"], "Failed");
    assert_eq!(body["TotalCount"], 1);
    let record = &body["Executions"][0];
    assert!(record["Outputs"].is_string() && record["Parameters"].is_object());
    assert_eq!(record["EndDate"], "2024-06-02T09:30:17Z");
    let body = h.call("ListExecutions", &[("ExecutionId", "exec-nope")]);
    assert_eq!(array_len(&body, "Executions"), 0);
    assert!(body.get("NextToken").is_none());
    let running = h.call("ListExecutions", &[("Status", "Running")]);
    assert_eq!(
        ids(running["Executions"].as_array().unwrap(), "ExecutionId"),
        ["exec-running"]
    );
    let record = &running["Executions"][0];
    assert!(record.get("EndDate").is_none(), "no EndDate while running");
}

#[test]
fn a_listing_pages_through_every_root_once_newest_first() {
    let h = Harness::new();
    let (items, pages) = h.all_pages("ListExecutions", "Executions", &[("MaxResults", "10")]);
    let listed = ids(&items, "ExecutionId");
    let unique: HashSet<_> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "no repeats");
    assert_eq!(
        listed.len(),
        127,
        "7 fixed roots and 120 historical executions"
    );
    assert_eq!(pages, 13);
    assert!(items.iter().all(|e| e["ParentExecutionId"] == ""));
    let starts = ids(&items, "StartDate");
    assert!(
        starts.windows(2).all(|w| w[0] > w[1]),
        "strictly newest first"
    );
    assert_eq!(listed[0], "exec-parent");
    let first = h.call("ListExecutions", &[("MaxResults", "10")]);
    assert_eq!(first["TotalCount"], 127);
    let (ascending, _) = h.all_pages(
        "ListExecutions",
        "Executions",
        &[("MaxResults", "100"), ("SortOrder", "Ascending")],
    );
    let mut reversed = ids(&ascending, "ExecutionId");
    reversed.reverse();
    assert_eq!(reversed, listed);
}

#[test]
fn listings_sort_by_end_date_and_status() {
    let h = Harness::new();
    for (field, key) in [("EndDate", "EndDate"), ("Status", "Status")] {
        for order in ["Ascending", "Descending"] {
            let (items, _) = h.all_pages(
                "ListExecutions",
                "Executions",
                &[
                    ("MaxResults", "17"),
                    ("SortField", field),
                    ("SortOrder", order),
                ],
            );
            assert_eq!(items.len(), 127, "{field} {order}");
            let values: Vec<(String, String)> = items
                .iter()
                .map(|e| {
                    let v = e.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
                    (v, e["ExecutionId"].as_str().unwrap().to_owned())
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort();
            if order == "Descending" {
                sorted.reverse();
            }
            assert_eq!(values, sorted, "{field} {order}");
        }
    }
}

#[test]
fn listing_filters() {
    let h = Harness::new();
    let count = |pairs: &[(&str, &str)]| {
        let (items, _) = h.all_pages("ListExecutions", "Executions", pairs);
        items
    };
    let failed = count(&[("Status", "Failed")]);
    assert_eq!(
        failed.len(),
        12 + 2,
        "history, exec-demo-failed, exec-parent"
    );
    let reboots = count(&[("TemplateName", "rebootinst")]);
    assert!(!reboots.is_empty());
    assert!(reboots.iter().all(|e| {
        e["TemplateName"]
            .as_str()
            .unwrap()
            .contains("RebootInstance")
    }));
    let june = count(&[
        ("StartDateAfter", "2024-06-01T00:00:00Z"),
        ("StartDateBefore", "2024-06-07T10:00:00Z"),
    ]);
    assert_eq!(
        ids(&june, "ExecutionId"),
        [
            "exec-parent",
            "exec-waiting",
            "exec-empty",
            "exec-running",
            "exec-hostile",
            "exec-demo-failed",
            "exec-small"
        ]
    );
    let with_children = count(&[
        ("IncludeChildExecution", "true"),
        ("StartDateAfter", "2024-06-07T00:00:00Z"),
    ]);
    assert_eq!(
        ids(&with_children, "ExecutionId"),
        [
            "exec-cycle-b",
            "exec-cycle-a",
            "exec-grandchild",
            "exec-child-failed",
            "exec-child-ok",
            "exec-parent"
        ]
    );
}

#[test]
fn listing_parameter_errors() {
    let h = Harness::new();
    let code = |pairs: &[(&str, &str)]| h.error("ListExecutions", pairs).code;
    for bad in [
        ("MaxResults", "9"),
        ("MaxResults", "101"),
        ("StartDateAfter", "yesterday"),
        ("StartDateBefore", "2024-13-01T00:00:00Z"),
        ("IncludeChildExecution", "yes"),
        ("SortField", "Name"),
        ("SortOrder", "Up"),
        ("NextToken", "garbage"),
    ] {
        assert_eq!(code(&[bad]), "InvalidParameter", "{bad:?}");
    }
    let first = h.call("ListExecutions", &[("MaxResults", "10")]);
    let token = first["NextToken"].as_str().unwrap();
    assert_eq!(
        code(&[
            ("MaxResults", "10"),
            ("Status", "Success"),
            ("NextToken", token)
        ]),
        "InvalidParameter",
        "a token belongs to its query"
    );
}

#[test]
fn children_cycles_and_chains() {
    let h = Harness::new();
    let children = |parent: &str| {
        let (items, _) = h.all_pages(
            "ListExecutions",
            "Executions",
            &[("ParentExecutionId", parent)],
        );
        let mut found = ids(&items, "ExecutionId");
        found.sort();
        found
    };
    assert_eq!(
        children("exec-parent"),
        ["exec-child-failed", "exec-child-ok"]
    );
    assert_eq!(children("exec-child-ok"), ["exec-grandchild"]);
    assert!(children("exec-grandchild").is_empty());
    assert_eq!(children("exec-cycle-a"), ["exec-cycle-b"]);
    assert_eq!(children("exec-cycle-b"), ["exec-cycle-a"]);
    assert_eq!(children("exec-deep-3"), ["exec-deep-2"]);
    assert!(children("exec-deep-0").is_empty());
    assert_eq!(children("exec-fanout-20x1000").len(), 20);
    assert!(children("exec-nope").is_empty());
    let parent = h.call("ListExecutions", &[("ExecutionId", "exec-parent")]);
    assert_eq!(parent["Executions"][0]["IsParent"], true);
    let child = h.call("ListExecutions", &[("ExecutionId", "exec-child-ok")]);
    assert_eq!(child["Executions"][0]["ParentExecutionId"], "exec-parent");
    let tasks = h.call("ListTaskExecutions", &[("ExecutionId", "exec-cycle-a")]);
    assert_eq!(
        tasks["TaskExecutions"][0]["ChildExecutionId"],
        "exec-cycle-b"
    );
}

#[test]
fn timed_executions_join_listings_once_named() {
    let h = Harness::new();
    let before = h.call("ListExecutions", &[("MaxResults", "100")]);
    assert_eq!(before["TotalCount"], 127);
    h.call("ListExecutions", &[("ExecutionId", "exec-live")]);
    let after = h.call("ListExecutions", &[("MaxResults", "10")]);
    assert_eq!(after["TotalCount"], 128);
    assert_eq!(
        after["Executions"][0]["ExecutionId"], "exec-live",
        "the newest"
    );
    assert_eq!(after["Executions"][0]["Status"], "Running");
}

// ListTaskExecutions

#[test]
fn tasks_of_the_demo() {
    let h = Harness::new();
    let list = |pairs: &[(&str, &str)]| {
        let mut p = vec![("ExecutionId", "exec-demo-failed")];
        p.extend_from_slice(pairs);
        let (items, _) = h.all_pages("ListTaskExecutions", "TaskExecutions", &p);
        ids(&items, "TaskExecutionId")
    };
    let t = |suffix: &str| format!("exec-demo-failed.{suffix}");
    assert_eq!(
        list(&[]),
        [t("t0002"), t("t0001")],
        "loop items left out, newest first"
    );
    assert_eq!(
        list(&[
            ("SortOrder", "Ascending"),
            ("IncludeChildTaskExecution", "true")
        ]),
        [
            t("t0001"),
            t("t0002"),
            t("t0002.i0001"),
            t("t0002.i0002"),
            t("t0002.i0003")
        ]
    );
    let items = list(&[
        ("ParentTaskExecutionId", &t("t0002")),
        ("SortOrder", "Ascending"),
    ]);
    assert_eq!(
        items,
        [t("t0002.i0001"), t("t0002.i0002"), t("t0002.i0003")]
    );
    assert_eq!(list(&[("Status", "Failed")]), [t("t0002")]);
    assert_eq!(
        list(&[("Status", "Failed"), ("IncludeChildTaskExecution", "true")]),
        [t("t0002.i0003"), t("t0002")]
    );
    assert_eq!(list(&[("TaskName", "getInstance")]), [t("t0001")]);
    assert_eq!(list(&[("TaskAction", "ACS::SelectTargets")]), [t("t0001")]);
    assert_eq!(
        list(&[("TaskExecutionId", &t("t0002.i0002"))]),
        [t("t0002.i0002")]
    );
    let body = h.call(
        "ListTaskExecutions",
        &[
            ("ExecutionId", "exec-demo-failed"),
            ("ParentTaskExecutionId", &t("t0002")),
        ],
    );
    let third = &body["TaskExecutions"][0];
    assert_eq!(third["LoopItem"], "i-bp1demo00000000003");
    assert_eq!(third["ParentTaskExecutionId"], t("t0002").as_str());
    assert_eq!(third["Status"], "Failed");
    let loop_task = h.call(
        "ListTaskExecutions",
        &[
            ("ExecutionId", "exec-demo-failed"),
            ("TaskName", "runCommand"),
        ],
    );
    assert_eq!(loop_task["TaskExecutions"][0]["Loop"]["Items"], 3);
}

#[test]
fn task_listing_pages_and_errors() {
    let h = Harness::new();
    let (tasks, pages) = h.all_pages(
        "ListTaskExecutions",
        "TaskExecutions",
        &[
            ("ExecutionId", "exec-large-100000"),
            ("MaxResults", "20"),
            ("SortOrder", "Ascending"),
        ],
    );
    assert_eq!((tasks.len(), pages), (100, 5));
    let expected: Vec<String> = (1..=100)
        .map(|k| format!("exec-large-100000.t{k:04}"))
        .collect();
    assert_eq!(ids(&tasks, "TaskExecutionId"), expected);
    let code = |pairs: &[(&str, &str)]| h.error("ListTaskExecutions", pairs).code;
    assert_eq!(code(&[]), "MissingParameter");
    assert_eq!(
        code(&[("ExecutionId", "exec-small"), ("MaxResults", "19")]),
        "InvalidParameter"
    );
    assert_eq!(
        code(&[("ExecutionId", "exec-small"), ("NextToken", "x")]),
        "InvalidParameter"
    );
    let none = h.call("ListTaskExecutions", &[("ExecutionId", "exec-nope")]);
    assert_eq!(array_len(&none, "TaskExecutions"), 0);
    let parent = h.call("ListTaskExecutions", &[("ExecutionId", "exec-parent")]);
    let children: Vec<_> = parent["TaskExecutions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.get("ChildExecutionId"))
        .collect();
    assert_eq!(children, ["exec-child-failed", "exec-child-ok"]);
}

// Time

#[test]
fn live_executions_appear_and_end_over_time() {
    let h = Harness::new();
    let id = "exec-live-failed-4x100";
    let clock = h.start(id);
    let at = |ms: u64| {
        let logs = h
            .call_after(clock, ms, "ListExecutionLogs", &[("ExecutionId", id)])
            .unwrap();
        let record = h
            .call_after(clock, ms, "ListExecutions", &[("ExecutionId", id)])
            .unwrap();
        let record = record["Executions"][0].as_object().unwrap().clone();
        (array_len(&logs, "ExecutionLogs"), record)
    };
    let (n, record) = at(0);
    assert_eq!((n, record["Status"].as_str()), (1, Some("Running")));
    assert_eq!(at(150).0, 2);
    let (n, record) = at(399);
    assert_eq!((n, record["Status"].as_str()), (4, Some("Running")));
    assert!(record.get("EndDate").is_none());
    let (n, record) = at(400);
    assert_eq!((n, record["Status"].as_str()), (4, Some("Failed")));
    assert!(record["EndDate"].is_string());
    assert!(record["StatusMessage"].as_str().unwrap().contains("failed"));
    let tasks = h
        .call_after(
            clock,
            400,
            "ListTaskExecutions",
            &[("ExecutionId", id), ("Status", "Failed")],
        )
        .unwrap();
    assert_eq!(array_len(&tasks, "TaskExecutions"), 1);
}

#[test]
fn the_clock_starts_at_the_first_request_naming_the_execution() {
    let h = Harness::new();
    let id = "exec-live-success-3x40";
    assert!(h.clocks.get(id).is_none());
    let before = std::time::Instant::now();
    let first = h.call("ListTaskExecutions", &[("ExecutionId", id)]);
    let clock = h.clocks.get(id).expect("started by the first request");
    assert!(clock.started >= before);
    assert_eq!(array_len(&first, "TaskExecutions"), 0);
    std::thread::sleep(Duration::from_millis(130));
    let logs = h.call("ListExecutionLogs", &[("ExecutionId", id)]);
    assert_eq!(array_len(&logs, "ExecutionLogs"), 3);
    let record = h.call("ListExecutions", &[("ExecutionId", id)]);
    assert_eq!(record["Executions"][0]["Status"], "Success");
    let expected: Vec<Value> = crate::data::Sample::find(id)
        .unwrap()
        .entries_at(clock.now())
        .map(Value::Object)
        .collect();
    assert_eq!(logs["ExecutionLogs"].as_array().unwrap(), &expected);
}

#[test]
fn the_tail_token_modes() {
    let id = "exec-live-success-3x100";
    let logs = |h: &Harness, clock, ms, extra: &[(&str, &str)]| {
        let mut p = vec![("ExecutionId", id)];
        p.extend_from_slice(extra);
        h.call_after(clock, ms, "ListExecutionLogs", &p).unwrap()
    };
    // Empty: the last page of a running execution has no token.
    let h = Harness::new();
    let clock = h.start(id);
    assert!(logs(&h, clock, 50, &[]).get("NextToken").is_none());

    // Token: the tail page carries one; it answers [] and itself until entries appear.
    let h = Harness::with_tail_token();
    let clock = h.start(id);
    let first = logs(&h, clock, 50, &[]);
    assert_eq!(array_len(&first, "ExecutionLogs"), 1);
    assert_eq!(first["IsTruncated"], false);
    let tail = first["NextToken"].as_str().unwrap().to_owned();
    let idle = logs(&h, clock, 60, &[("NextToken", &tail)]);
    assert_eq!(array_len(&idle, "ExecutionLogs"), 0);
    assert_eq!(idle["NextToken"], tail.as_str());
    let grown = logs(&h, clock, 250, &[("NextToken", &tail)]);
    assert_eq!(array_len(&grown, "ExecutionLogs"), 2);
    let new_tail = grown["NextToken"].as_str().unwrap().to_owned();
    assert_ne!(new_tail, tail);
    let done = logs(&h, clock, 300, &[("NextToken", &new_tail)]);
    assert_eq!(array_len(&done, "ExecutionLogs"), 0);
    assert!(done.get("NextToken").is_none(), "final: no token");
    let from_start = logs(&h, clock, 300, &[]);
    assert_eq!(array_len(&from_start, "ExecutionLogs"), 3);
    assert!(from_start.get("NextToken").is_none());
}

#[test]
fn the_tail_token_holds_with_filters() {
    let id = "exec-live-failed-5x100";
    let h = Harness::with_tail_token();
    let clock = h.start(id);
    let logs = |ms, extra: &[(&str, &str)]| {
        let mut p = vec![("ExecutionId", id)];
        p.extend_from_slice(extra);
        h.call_after(clock, ms, "ListExecutionLogs", &p).unwrap()
    };
    let errors = logs(10, &[("LogType", "Error")]);
    assert_eq!(array_len(&errors, "ExecutionLogs"), 0);
    let t = errors["NextToken"].as_str().unwrap().to_owned();
    let same = logs(20, &[("LogType", "Error"), ("NextToken", &t)]);
    assert_eq!(same["NextToken"], t.as_str());
    let later = logs(450, &[("LogType", "Error"), ("NextToken", &t)]);
    assert_eq!(
        array_len(&later, "ExecutionLogs"),
        2,
        "the failing step and the last word"
    );
    let t2 = later["NextToken"].as_str().unwrap().to_owned();
    let last = logs(500, &[("LogType", "Error"), ("NextToken", &t2)]);
    assert!(last.get("NextToken").is_none(), "final");
    let task = format!("{id}.t0001");
    let by_task = logs(150, &[("TaskExecutionId", &task)]);
    assert_eq!(array_len(&by_task, "ExecutionLogs"), 1);
    let t = by_task["NextToken"].as_str().unwrap().to_owned();
    let more = logs(350, &[("TaskExecutionId", &task), ("NextToken", &t)]);
    assert_eq!(array_len(&more, "ExecutionLogs"), 2);
    assert!(more.get("NextToken").is_some(), "still running");
}

#[test]
fn vanishing_executions_vanish_everywhere() {
    let h = Harness::new();
    let id = "exec-vanish-500";
    let clock = h.start(id);
    let logs = h
        .call_after(clock, 450, "ListExecutionLogs", &[("ExecutionId", id)])
        .unwrap();
    assert_eq!(array_len(&logs, "ExecutionLogs"), 3);
    let gone = h
        .call_after(clock, 500, "ListExecutionLogs", &[("ExecutionId", id)])
        .unwrap_err();
    assert_eq!(
        (gone.status, gone.code.as_str()),
        (404, "EntityNotExists.Execution")
    );
    let listed = h
        .call_after(clock, 500, "ListExecutions", &[("ExecutionId", id)])
        .unwrap();
    assert_eq!(array_len(&listed, "Executions"), 0);
    let tasks = h
        .call_after(clock, 500, "ListTaskExecutions", &[("ExecutionId", id)])
        .unwrap();
    assert_eq!(array_len(&tasks, "TaskExecutions"), 0);
    let all = h
        .call_after(clock, 500, "ListExecutions", &[("MaxResults", "100")])
        .unwrap();
    assert_eq!(all["TotalCount"], 127, "gone from listings too");
}

#[test]
fn waiting_and_odd_statuses() {
    let h = Harness::new();
    let waiting = h.call("ListExecutions", &[("ExecutionId", "exec-waiting")]);
    let record = &waiting["Executions"][0];
    assert_eq!(record["Status"], "Waiting");
    assert_eq!(record["CurrentTasks"][0]["TaskAction"], "ACS::Approve");
    let clock = h.start("exec-odd-status");
    let status = |ms| {
        h.call_after(
            clock,
            ms,
            "ListExecutions",
            &[("ExecutionId", "exec-odd-status")],
        )
        .unwrap()["Executions"][0]["Status"]
            .clone()
    };
    assert_eq!(status(1_499), "Suspending");
    assert_eq!(status(1_500), "Success");
}

#[test]
fn a_child_appears_while_its_parent_runs() {
    let (parent, early, late) = (
        "exec-live-parent",
        "exec-live-parent-early",
        "exec-live-parent-late",
    );
    let h = Harness::new();
    // Naming the late child first starts the parent's clock (the only one).
    let first = h.call("ListExecutions", &[("ExecutionId", late)]);
    assert_eq!(array_len(&first, "Executions"), 0, "not yet");
    let clock = h.clocks.get(parent).expect("the parent's clock runs");
    assert!(h.clocks.get(late).is_none() && h.clocks.get(early).is_none());
    let children = |ms| {
        let body = h
            .call_after(
                clock,
                ms,
                "ListExecutions",
                &[("ParentExecutionId", parent)],
            )
            .unwrap();
        ids(body["Executions"].as_array().unwrap(), "ExecutionId")
    };
    let logs = |ms| h.call_after(clock, ms, "ListExecutionLogs", &[("ExecutionId", late)]);
    let status = |id, ms| {
        let body = h
            .call_after(clock, ms, "ListExecutions", &[("ExecutionId", id)])
            .unwrap();
        body["Executions"][0]["Status"].as_str().unwrap().to_owned()
    };
    // Before 1.5 s: not listed, not found, its task not started.
    assert_eq!(children(1_499), [early]);
    let one = h
        .call_after(clock, 1_499, "ListExecutions", &[("ExecutionId", late)])
        .unwrap();
    assert_eq!(array_len(&one, "Executions"), 0);
    let gone = logs(1_499).unwrap_err();
    assert_eq!(
        (gone.status, gone.code.as_str()),
        (404, "EntityNotExists.Execution")
    );
    let tasks = h
        .call_after(
            clock,
            1_499,
            "ListTaskExecutions",
            &[("ExecutionId", parent)],
        )
        .unwrap();
    let started: Vec<_> = tasks["TaskExecutions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.get("ChildExecutionId"))
        .collect();
    assert_eq!(started, [early]);
    let everything = |ms| {
        let body = h
            .call_after(
                clock,
                ms,
                "ListExecutions",
                &[("IncludeChildExecution", "true"), ("MaxResults", "100")],
            )
            .unwrap();
        ids(body["Executions"].as_array().unwrap(), "ExecutionId")
    };
    assert!(!everything(1_499).contains(&late.to_owned()));
    assert!(everything(1_499).contains(&early.to_owned()));
    // From 1.5 s: listed, its entries appear over time.
    let mut both = children(1_500);
    both.sort();
    assert_eq!(both, [early, late]);
    assert!(everything(1_500).contains(&late.to_owned()));
    let count = |ms| array_len(&logs(ms).unwrap(), "ExecutionLogs");
    assert_eq!([count(1_500), count(2_000), count(3_000)], [1, 2, 4]);
    let record = h
        .call_after(clock, 1_500, "ListExecutions", &[("ExecutionId", late)])
        .unwrap();
    assert_eq!(record["Executions"][0]["ParentExecutionId"], parent);
    assert_eq!(status(late, 1_500), "Running");
    // The parent ends Success after both children.
    assert_eq!(status(early, 1_999), "Running");
    assert_eq!(status(early, 2_000), "Success");
    assert_eq!(status(late, 3_999), "Running");
    assert_eq!(status(late, 4_000), "Success");
    assert_eq!(status(parent, 4_499), "Running");
    assert_eq!(status(parent, 4_500), "Success");
    assert_eq!(count(4_500), 8);
    let record = h
        .call_after(clock, 4_500, "ListExecutions", &[("ExecutionId", parent)])
        .unwrap();
    assert_eq!(record["Executions"][0]["IsParent"], true);
    assert_eq!(record["Executions"][0]["Counters"]["Success"], 3);
}

#[test]
fn the_late_child_follows_in_both_tail_token_modes() {
    let late = "exec-live-parent-late";
    let logs = |h: &Harness, clock, ms, extra: &[(&str, &str)]| {
        let mut p = vec![("ExecutionId", late)];
        p.extend_from_slice(extra);
        h.call_after(clock, ms, "ListExecutionLogs", &p).unwrap()
    };
    // Empty: no token on the tail page while it runs.
    let h = Harness::new();
    let clock = h.start("exec-live-parent");
    assert!(logs(&h, clock, 1_600, &[]).get("NextToken").is_none());

    // Token: a tail token that answers [] and itself, then what appeared, then no token.
    let h = Harness::with_tail_token();
    let clock = h.start("exec-live-parent");
    let first = logs(&h, clock, 1_600, &[]);
    assert_eq!(array_len(&first, "ExecutionLogs"), 1);
    let tail = first["NextToken"].as_str().unwrap().to_owned();
    let idle = logs(&h, clock, 1_700, &[("NextToken", &tail)]);
    assert_eq!(array_len(&idle, "ExecutionLogs"), 0);
    assert_eq!(idle["NextToken"], tail.as_str());
    let grown = logs(&h, clock, 2_400, &[("NextToken", &tail)]);
    assert_eq!(array_len(&grown, "ExecutionLogs"), 2);
    let tail = grown["NextToken"].as_str().unwrap().to_owned();
    let done = logs(&h, clock, 4_000, &[("NextToken", &tail)]);
    assert_eq!(array_len(&done, "ExecutionLogs"), 5);
    assert!(done.get("NextToken").is_none(), "final: no token");
}
