//! `executions`, `status`, `list --recursive` and `list --failed` against the emulator's
//! parents, children, loops and failures; the client-side filters.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::support::{cmd, emulator, home, parse_jsonl, text};

fn jsonl(args: &[&str]) -> Vec<Map<String, Value>> {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path()).args(args).assert().success();
    parse_jsonl(&out.get_output().stdout)
}

fn all_entries(execution: &str) -> Vec<Map<String, Value>> {
    jsonl(&["list", execution, "--all", "-o", "jsonl"])
}

#[test]
fn recursive_merges_children_by_time_and_labels_them() {
    let merged = jsonl(&["list", "exec-parent", "-r", "-o", "jsonl"]);
    let ids: HashSet<&str> = merged
        .iter()
        .map(|e| e["ExecutionId"].as_str().unwrap())
        .collect();
    for id in [
        "exec-parent",
        "exec-child-ok",
        "exec-child-failed",
        "exec-grandchild",
    ] {
        assert!(ids.contains(id), "{id} missing from {ids:?}");
    }
    let expected: usize = ids.iter().map(|id| all_entries(id).len()).sum();
    assert_eq!(
        merged.len(),
        expected,
        "every entry of every execution, once"
    );
    let times: Vec<&str> = merged
        .iter()
        .map(|e| e["Timestamp"].as_str().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "merged by time: {times:#?}"
    );
    // On equal times the parent comes first.
    for pair in merged.windows(2) {
        if pair[0]["Timestamp"] == pair[1]["Timestamp"] && pair[1]["ExecutionId"] == "exec-parent" {
            assert_eq!(pair[0]["ExecutionId"], "exec-parent", "{pair:#?}");
        }
    }
    // Without the label field, each entry is exactly what its own execution served.
    let mut own: Vec<Map<String, Value>> = merged
        .iter()
        .filter(|e| e["ExecutionId"] == "exec-child-failed")
        .cloned()
        .collect();
    for e in &mut own {
        e.remove("ExecutionId");
    }
    assert_eq!(own, all_entries("exec-child-failed"));
}

#[test]
fn recursive_plain_and_table_show_the_execution() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-parent", "-r", "-o", "plain"])
        .assert()
        .success();
    let plain = text(&out.get_output().stdout);
    assert!(plain.lines().all(|l| l.starts_with("exec-")), "{plain}");
    let out = cmd(&em, home.path())
        .env("COLUMNS", "160")
        .args(["list", "exec-parent", "-r", "-o", "table"])
        .assert()
        .success();
    let table = text(&out.get_output().stdout);
    assert!(
        table.lines().nth(1).unwrap().contains("EXECUTION"),
        "{table}"
    );
    assert!(table.contains("exec-grandchild"));
}

#[test]
fn child_cycles_and_deep_nesting_are_errors_naming_the_executions() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-cycle-a", "-r"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(6);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("exec-cycle-a -> exec-cycle-b -> exec-cycle-a"),
        "{stderr}"
    );
    let out = cmd(&em, home.path())
        .args(["status", "exec-deep-12", "-r"])
        .assert()
        .code(6);
    assert!(text(&out.get_output().stderr).contains("deeper than 10"));
    cmd(&em, home.path())
        .args(["list", "exec-deep-10", "-r", "-o", "plain"])
        .assert()
        .success();
}

#[test]
fn failed_shows_only_failed_tasks_and_the_executions_own_errors() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-demo-failed", "--failed", "-o", "jsonl"])
        .assert()
        .success();
    let out = out.get_output();
    let failed = parse_jsonl(&out.stdout);
    assert!(!failed.is_empty());
    let all = all_entries("exec-demo-failed");
    assert!(failed.len() < all.len());
    // Every entry shown is one the execution served, in the same order.
    let mut rest = all.iter();
    for entry in &failed {
        assert!(
            rest.any(|e| e == entry),
            "{entry:?} out of order or unknown"
        );
    }
    // No entry of a successful task.
    assert!(
        failed
            .iter()
            .all(|e| !e["Message"].as_str().unwrap().contains("getInstance")),
        "{failed:#?}"
    );
    assert!(
        text(&out.stderr).contains("exit code 127"),
        "StatusMessage on stderr"
    );
    assert!(
        em.stats().action_count("ListTaskExecutions") >= 1,
        "failed tasks come from ListTaskExecutions"
    );

    let out = cmd(&em, home.path())
        .args(["list", "exec-small", "--failed", "-o", "jsonl"])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    assert!(text(&out.get_output().stderr).contains("no failed task"));
}

#[test]
fn failed_keeps_the_executions_own_error_entries() {
    let failed = jsonl(&["list", "exec-child-failed", "--failed", "-o", "jsonl"]);
    let own: Vec<_> = all_entries("exec-child-failed")
        .into_iter()
        .filter(|e| e.get("TaskExecutionId").is_none() && e["LogType"] == "Error")
        .collect();
    assert!(!own.is_empty());
    for entry in &own {
        assert!(failed.contains(entry), "{entry:?} missing");
    }
}

#[test]
fn failed_recursive_reaches_the_failed_child() {
    let failed = jsonl(&["list", "exec-parent", "--failed", "-r", "-o", "jsonl"]);
    assert!(
        failed
            .iter()
            .any(|e| e["ExecutionId"] == "exec-child-failed"),
        "{failed:#?}"
    );
    assert!(failed.iter().all(|e| e["ExecutionId"] != "exec-grandchild"));
}

#[test]
fn executions_lists_newest_first_with_filters_and_paging() {
    let default = jsonl(&["executions", "-o", "jsonl"]);
    assert_eq!(default.len(), 20, "--limit 20 by default");
    let starts: Vec<&str> = default
        .iter()
        .map(|e| e["StartDate"].as_str().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let all = jsonl(&["executions", "--all", "-o", "jsonl"]);
    assert!(all.len() > 100, "pages: {}", all.len());
    let unique: HashSet<&str> = all
        .iter()
        .map(|e| e["ExecutionId"].as_str().unwrap())
        .collect();
    assert_eq!(unique.len(), all.len(), "no execution twice");

    let failed = jsonl(&["executions", "--all", "--status", "Failed", "-o", "jsonl"]);
    assert!(!failed.is_empty() && failed.iter().all(|e| e["Status"] == "Failed"));

    let children = jsonl(&["executions", "--parent", "exec-parent", "-o", "jsonl"]);
    let ids: HashSet<&str> = children
        .iter()
        .map(|e| e["ExecutionId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, HashSet::from(["exec-child-ok", "exec-child-failed"]));

    let since = starts[5];
    let recent = jsonl(&["executions", "--all", "--since", since, "-o", "jsonl"]);
    assert!(
        recent
            .iter()
            .all(|e| e["StartDate"].as_str().unwrap() >= since)
    );
    assert!(recent.len() >= 6);

    let limited = jsonl(&["executions", "--limit", "3", "-o", "jsonl"]);
    assert_eq!(limited.len(), 3);
}

#[test]
fn status_json_and_exit_status() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["status", "exec-demo-failed", "-o", "json", "--exit-status"])
        .assert()
        .code(10);
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["Execution"]["ExecutionId"], "exec-demo-failed");
    assert_eq!(doc["Execution"]["Status"], "Failed");
    let tasks = doc["Tasks"].as_array().unwrap();
    assert!(tasks.iter().any(|t| t["Status"] == "Failed"));
    assert!(doc.get("Children").is_none());

    let out = cmd(&em, home.path())
        .args(["status", "exec-parent", "-r", "-o", "json"])
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let children: Vec<&str> = doc["Children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["Execution"]["ExecutionId"].as_str().unwrap())
        .collect();
    assert_eq!(children.len(), 2, "{children:?}");
    let ok = doc["Children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Execution"]["ExecutionId"] == "exec-child-ok")
        .unwrap();
    assert_eq!(
        ok["Children"][0]["Execution"]["ExecutionId"],
        "exec-grandchild"
    );
}

#[test]
fn status_table_puts_failed_tasks_first() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .env("COLUMNS", "120")
        .args(["status", "exec-demo-failed"])
        .assert()
        .success();
    let table = text(&out.get_output().stdout);
    assert!(
        table.contains("Status     Failed: Task runCommand failed"),
        "{table}"
    );
    let run = table.find("runCommand ").unwrap_or(usize::MAX);
    let get = table.find("getInstance").unwrap_or(0);
    assert!(run < get, "the failed task first:\n{table}");
    assert!(table.contains("loop: 3 items, 1 failed"), "{table}");
}

#[test]
fn since_until_grep_tail_and_local() {
    let all = all_entries("exec-small");
    let since = all[2]["Timestamp"].as_str().unwrap();
    let until = all[5]["Timestamp"].as_str().unwrap();
    let window = jsonl(&[
        "list",
        "exec-small",
        "--since",
        since,
        "--until",
        until,
        "-o",
        "jsonl",
    ]);
    assert_eq!(window, all[2..5].to_vec());

    let grep = jsonl(&[
        "list",
        "exec-small",
        "--grep",
        "REBOOT",
        "-i",
        "-o",
        "jsonl",
    ]);
    assert_eq!(grep.len(), 2, "{grep:#?}");
    let tail = jsonl(&["list", "exec-small", "--tail", "3", "-o", "jsonl"]);
    assert_eq!(tail, all[all.len() - 3..].to_vec());

    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        // A POSIX zone: eight hours east of UTC, no time zone database needed.
        .env("TZ", "XST-8")
        .args(["list", "exec-small", "--local", "-o", "plain"])
        .assert()
        .success();
    let plain = text(&out.get_output().stdout);
    let first_time = all[0]["Timestamp"].as_str().unwrap();
    let local = first_time
        .parse::<jiff::Timestamp>()
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
        .strftime("%Y-%m-%d %H:%M:%S+08:00")
        .to_string();
    assert!(plain.starts_with(&local), "{plain}");

    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-hostile",
            "--since",
            "2000-01-01",
            "-o",
            "plain",
        ])
        .assert()
        .success();
    let stderr = text(&out.get_output().stderr);
    assert_eq!(stderr.matches("does not parse").count(), 1, "{stderr}");
    assert!(text(&out.get_output().stdout).contains("2019-05-24T:02:29:07Z"));
}
