//! Tests of the sample data: consistency of every sample's entries, tasks and record, the
//! relations between executions, and how clocked samples evolve.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::*;

/// Samples of every family, with the fixed ones.
fn every_kind() -> Vec<String> {
    let mut ids: Vec<String> = FIXED_IDS
        .iter()
        .chain(&TIMED_IDS)
        .map(|s| (*s).to_owned())
        .collect();
    ids.extend(
        [
            "exec-large-0",
            "exec-large-1",
            "exec-large-2",
            "exec-large-2500",
            "exec-live-success-7x10",
            "exec-live-failed-5x10",
            "exec-live-failed-1x10",
            "exec-live-cancelled-3x0",
            "exec-vanish-1000",
            "exec-deep-0",
            "exec-deep-3",
            "exec-deep-50",
            "exec-fanout-3x5",
            "exec-fanout-3x5-c1",
            "exec-fanout-3x5-c3",
        ]
        .map(str::to_owned),
    );
    ids.extend(Sample::listed().map(|s| s.id));
    ids
}

fn view(id: &str) -> View {
    Sample::find(id).expect(id).view(None)
}

fn view_at(id: &str, elapsed_ms: u64) -> View {
    let moment = Moment {
        base_ms: time::utc_ms(2024, 7, 1, 0, 0),
        elapsed_ms,
    };
    Sample::find(id).expect(id).view(Some(moment))
}

fn task_ids(v: &View) -> HashSet<String> {
    v.tasks().map(|t| t.id().to_owned()).collect()
}

fn str_field<'a>(m: &'a Map<String, Value>, name: &str) -> &'a str {
    m.get(name).and_then(Value::as_str).unwrap_or("")
}

#[test]
fn every_entry_belongs_to_a_task_of_its_execution() {
    for id in every_kind() {
        let v = view(&id);
        let tasks = task_ids(&v);
        for entry in v.into_entries() {
            if let Some(task) = entry.get("TaskExecutionId") {
                let task = task.as_str().unwrap();
                assert!(tasks.contains(task), "{id}: {task} is not one of its tasks");
                assert!(task.starts_with(&format!("{id}.t")), "{id}: {task}");
            }
        }
    }
}

#[test]
fn tasks_and_records_are_consistent() {
    for id in every_kind() {
        let v = view(&id);
        let record = v.execution_json();
        let ids = task_ids(&v);
        for task in v.tasks() {
            let json = v.task_json(&task);
            assert_eq!(json["ExecutionId"], id.as_str());
            if let Some(parent) = task.parent_task() {
                assert!(ids.contains(parent), "{id}: loop parent {parent}");
                assert!(json["LoopItem"].is_string() && json["LoopBatchNumber"].is_u64());
                assert!(
                    task.id().starts_with(&format!("{parent}.i")),
                    "{}",
                    task.id()
                );
            }
            if task.status.is_final() {
                assert!(json.contains_key("EndDate"), "{id}: {}", task.id());
            }
            for encoded in ["Outputs", "Properties"] {
                let text = json[encoded].as_str().expect("a JSON string");
                assert!(serde_json::from_str::<Value>(text).unwrap().is_object());
            }
        }
        let counters = &record["Counters"];
        let top: Vec<_> = v.tasks().filter(|t| !t.is_loop_item()).collect();
        assert_eq!(counters["Total"], top.len(), "{id}");
        for status in ["Success", "Failed", "Running", "Waiting", "Cancelled"] {
            let n = top.iter().filter(|t| t.status.as_str() == status).count();
            assert_eq!(counters[status], n, "{id} {status}");
        }
        assert_eq!(record["IsParent"], !v.children().is_empty(), "{id}");
        assert!(serde_json::from_str::<Value>(record["Outputs"].as_str().unwrap()).is_ok());
        assert_eq!(record.contains_key("EndDate"), v.is_final(), "{id}");
        if v.is_final() {
            assert_eq!(record["CurrentTasks"], serde_json::json!([]));
        }
    }
}

#[test]
fn final_executions_show_all_their_entries_within_their_dates() {
    for id in every_kind() {
        let v = view(&id);
        if !v.is_final() {
            continue;
        }
        let record = v.execution_json();
        let (start, end) = (
            str_field(&record, "StartDate"),
            str_field(&record, "EndDate"),
        );
        for entry in v.clone().into_entries() {
            let t = str_field(&entry, "Timestamp");
            if t.len() == 20 {
                assert!(start <= t && t <= end, "{id}: {t} outside {start}..{end}");
            }
        }
        for task in v.tasks() {
            assert!(task.end_second.is_some(), "{id}: {} never ends", task.id());
            assert!(task.status.is_final(), "{id}: {}", task.id());
        }
    }
}

#[test]
fn parents_and_children_agree() {
    for id in every_kind() {
        let v = view(&id);
        for child in v.children() {
            let c = view(child);
            assert_eq!(c.parent_id(), id, "{child}'s parent");
        }
        if !v.parent_id().is_empty() {
            let p = view(v.parent_id());
            assert!(p.children().contains(&id), "{id} in its parent");
        }
    }
    assert_eq!(
        view("exec-parent").children(),
        ["exec-child-ok", "exec-child-failed"]
    );
    assert_eq!(view("exec-child-ok").children(), ["exec-grandchild"]);
    assert_eq!(view("exec-cycle-a").children(), ["exec-cycle-b"]);
    assert_eq!(view("exec-cycle-a").parent_id(), "exec-cycle-b");
    assert_eq!(view("exec-cycle-b").children(), ["exec-cycle-a"]);
    assert_eq!(view("exec-deep-3").children(), ["exec-deep-2"]);
    assert!(view("exec-deep-0").children().is_empty());
    assert_eq!(view("exec-deep-50").parent_id(), "");
    assert_eq!(view("exec-fanout-20x1000").children().len(), 20);
    assert_eq!(
        view("exec-fanout-20x1000-c7").parent_id(),
        "exec-fanout-20x1000"
    );
}

#[test]
fn the_family_interleaves_and_ties() {
    let stamps = |id: &str| -> Vec<String> {
        view(id)
            .into_entries()
            .map(|e| str_field(&e, "Timestamp").to_owned())
            .collect()
    };
    let parent = stamps("exec-parent");
    for child in ["exec-child-ok", "exec-child-failed"] {
        let c = stamps(child);
        assert!(c.iter().any(|t| parent.contains(t)), "a tie with {child}");
        assert!(
            c.first() < parent.last() && parent.first() < c.last(),
            "{child} interleaves"
        );
    }
    assert_eq!(view("exec-parent").status(), Status::Failed);
    assert_eq!(view("exec-child-ok").status(), Status::Success);
    assert_eq!(view("exec-child-failed").status(), Status::Failed);
    assert_eq!(view("exec-grandchild").status(), Status::Success);
}

#[test]
fn the_demo_fails_in_its_third_loop_item() {
    let v = view("exec-demo-failed");
    let by_id = |suffix: &str| {
        v.tasks()
            .find(|t| t.id() == format!("exec-demo-failed.{suffix}"))
            .unwrap()
            .status
    };
    assert_eq!(by_id("t0001"), Status::Success);
    assert_eq!(by_id("t0002"), Status::Failed);
    assert_eq!(by_id("t0002.i0001"), Status::Success);
    assert_eq!(by_id("t0002.i0002"), Status::Success);
    assert_eq!(by_id("t0002.i0003"), Status::Failed);
    let record = v.execution_json();
    assert_eq!(record["Counters"]["Failed"], 1);
    assert_eq!(record["Counters"]["Success"], 1);
    let loop_task = v.tasks().find(|t| t.id().ends_with("t0002")).unwrap();
    assert_eq!(v.task_json(&loop_task)["Loop"]["Items"], 3);
    let errors: Vec<_> = v
        .into_entries()
        .filter(|e| e["LogType"] == "Error")
        .map(|e| str_field(&e, "TaskExecutionId").to_owned())
        .collect();
    assert_eq!(
        errors,
        ["exec-demo-failed.t0002.i0003", "exec-demo-failed.t0002"]
    );
}

#[test]
fn fixed_samples_have_their_shapes() {
    assert_eq!(Sample::find("exec-small").unwrap().entries().count(), 7);
    assert_eq!(Sample::find("exec-empty").unwrap().entries().count(), 0);
    assert!(Sample::find("exec-nope").is_none());
    let running = view("exec-running");
    assert_eq!(running.status(), Status::Running);
    assert_eq!(running.visible_len(), 3);
    let record = running.execution_json();
    assert!(!record.contains_key("EndDate"));
    assert_eq!(record["CurrentTasks"][0]["TaskName"], "runCommand");
    let waiting = view("exec-waiting");
    let record = waiting.execution_json();
    assert_eq!(record["Status"], "Waiting");
    assert_eq!(record["WaitingStatus"], "WaitingForApproval");
    assert!(str_field(&record, "StatusMessage").contains("approval"));
    let approve = waiting
        .tasks()
        .find(|t| t.action() == "ACS::Approve")
        .unwrap();
    assert_eq!(approve.status, Status::Waiting);
}

#[test]
fn listed_samples_start_at_distinct_dates() {
    let mut seen = HashSet::new();
    for sample in Sample::listed() {
        let start = sample.view(None).start_second();
        assert!(seen.insert(start), "{} shares its StartDate", sample.id);
    }
    assert!(seen.len() > 130);
    let hist: Vec<_> = (1..=120)
        .map(|k| view(&format!("exec-hist-{k:03}")).status())
        .collect();
    assert_eq!(hist.iter().filter(|s| **s == Status::Failed).count(), 12);
    assert_eq!(hist.iter().filter(|s| **s == Status::Cancelled).count(), 5);
}

#[test]
fn generated_entries_are_deterministic_and_lazy() {
    let s = Sample::find("exec-large-100000").unwrap();
    let v = s.view(None);
    assert_eq!(v.visible_len(), 100_000);
    let first: Vec<_> = s.entries().take(3).collect();
    assert_eq!(first, s.entries().take(3).collect::<Vec<_>>());
    let last = v.select(99_999, 10, &Filter::default());
    let parsed: Vec<Map<String, Value>> = serde_json::from_str(&last.json).unwrap();
    assert_eq!(
        parsed,
        vec![s.entries().last().unwrap()],
        "served and mapped entries agree"
    );
    assert_eq!(parsed[0]["LogType"], "System");
    assert_eq!(last.next, None);
    assert_eq!(
        s.entries().nth(1).unwrap()["Timestamp"],
        "2024-06-01T00:00:01Z"
    );
    assert_eq!(v.select(100_000, 10, &Filter::default()).json, "[]");
    let huge = Sample::find("exec-large-100000000").unwrap().view(None);
    let page = huge.select(99_999_990, 100, &Filter::default());
    assert_eq!(page.json.matches("\"Message\"").count(), 10);
    let error_filter = Filter {
        task_execution_id: None,
        log_type: Some("System"),
    };
    let systems = huge.select(1, 5, &error_filter);
    assert_eq!(
        systems.json.matches("\"Message\"").count(),
        1,
        "found without a scan"
    );
}

#[test]
fn task_filters_jump_to_their_block() {
    let v = view("exec-large-5000");
    let f = Filter {
        task_execution_id: Some("exec-large-5000.t0003"),
        log_type: None,
    };
    let page = v.select(0, 2, &f);
    let parsed: Vec<Map<String, Value>> = serde_json::from_str(&page.json).unwrap();
    assert_eq!(
        parsed[0]["Message"],
        "step 2001 of 5000: command output line 0"
    );
    assert_eq!(page.next, Some(2002));
    for missing in [
        "exec-large-5000.t0009",
        "exec-large-5000.t3",
        "exec-large-5.t0001",
    ] {
        let none = Filter {
            task_execution_id: Some(missing),
            log_type: None,
        };
        assert_eq!(v.select(0, 2, &none).json, "[]", "{missing}");
    }
    let warnings = Filter {
        task_execution_id: None,
        log_type: Some(" Warning "),
    };
    let parsed: Vec<Map<String, Value>> =
        serde_json::from_str(&v.select(0, 3, &warnings).json).unwrap();
    assert_eq!(parsed.len(), 3);
    assert!(parsed.iter().all(|e| e["LogType"] == "Warning"));
}

#[test]
fn hostile_sample_is_hostile() {
    let s = Sample::find("exec-hostile").unwrap();
    let all: String = s
        .entries()
        .map(|e| e["Message"].as_str().unwrap_or("").to_owned())
        .collect();
    for c in ['\x1b', '\x07', '\r', '\u{9b}', '\u{202e}'] {
        assert!(all.contains(c), "missing {c:?}");
    }
    assert!(s.entries().any(|e| e.get("Extra").is_some()));
    assert!(
        s.entries()
            .any(|e| e["Timestamp"] == "2019-05-24T:02:29:07Z")
    );
    assert!(str_field(&s.view(None).execution_json(), "Description").contains('\x1b'));
}

#[test]
fn live_executions_grow_then_end() {
    let id = "exec-live-failed-5x100";
    let at = |ms| view_at(id, ms);
    assert_eq!((at(0).visible_len(), at(0).status()), (1, Status::Running));
    assert_eq!(at(250).visible_len(), 3);
    assert_eq!(
        (at(499).visible_len(), at(499).status()),
        (5, Status::Running)
    );
    assert!(!at(499).execution_json().contains_key("EndDate"));
    let end = at(500);
    assert_eq!(end.status(), Status::Failed);
    let record = end.execution_json();
    assert_eq!(record["EndDate"], "2024-07-01T00:00:00Z");
    assert!(str_field(&record, "StatusMessage").contains("failed"));
    let last = end.into_entries().last().unwrap();
    assert_eq!(last["LogType"], "Error");
    let stamps: Vec<_> = view_at("exec-live-success-3x700", 5_000)
        .into_entries()
        .map(|e| str_field(&e, "Timestamp").to_owned())
        .collect();
    assert_eq!(
        stamps,
        [
            "2024-07-01T00:00:00Z",
            "2024-07-01T00:00:00Z",
            "2024-07-01T00:00:01Z"
        ]
    );
    assert_eq!(
        view_at("exec-live-cancelled-4x10", 40).status(),
        Status::Cancelled
    );
}

#[test]
fn clocked_written_samples_end_when_their_last_entry_is_out() {
    for (id, end) in [("exec-live", live_end()), ("exec-odd-status", 1_500)] {
        let before = view_at(id, end - 1);
        assert!(!before.is_final(), "{id}");
        let at_end = view_at(id, end);
        assert!(at_end.is_final(), "{id}");
        assert_eq!(
            at_end.visible_len(),
            view(id).visible_len(),
            "{id}: all out at the end"
        );
    }
    assert_eq!(
        view_at("exec-odd-status", 1_499).status(),
        Status::Suspending
    );
    assert_eq!(view_at("exec-odd-status", 1_500).status(), Status::Success);
    let live = view_at("exec-live", 3_000);
    assert_eq!(live.status(), Status::Running);
    let record = live.execution_json();
    assert_eq!(record["CurrentTasks"][0]["TaskName"], "restartApp");
    assert_eq!(record["Counters"]["Total"], 2);
}

fn live_end() -> u64 {
    scenarios::live::LIVE_DURATION_MS
}

#[test]
fn vanishing_executions_vanish() {
    assert!(view_at("exec-vanish-1000", 999).exists());
    assert_eq!(view_at("exec-vanish-1000", 999).visible_len(), 5);
    assert!(!view_at("exec-vanish-1000", 1000).exists());
    assert_eq!(view_at("exec-vanish-1000", 999).status(), Status::Running);
}

#[test]
fn the_deep_chain_nests_its_dates() {
    for n in 1..=50u64 {
        let parent = view(&format!("exec-deep-{n}"));
        let child = view(&format!("exec-deep-{}", n - 1));
        assert!(parent.start_second() < child.start_second());
        assert!(parent.end_second() > child.end_second());
    }
}

#[test]
fn the_live_family_lives_by_the_parent_clock() {
    use scenarios::live_family::{EARLY, LATE, PARENT};
    for id in [PARENT, EARLY, LATE] {
        let sample = Sample::find(id).unwrap();
        assert!(sample.is_timed(), "{id}");
        assert_eq!(sample.clock_id(), PARENT, "{id}");
    }
    let on_clock: Vec<_> = Sample::on_clock(PARENT).map(|s| s.id).collect();
    assert_eq!(on_clock, [PARENT, EARLY, LATE]);
    assert_eq!(Sample::on_clock(LATE).count(), 0, "no clock of its own");
    assert_eq!(Sample::on_clock("exec-live").count(), 1);
    assert_eq!(Sample::on_clock("exec-small").count(), 0);
    assert_eq!(view(PARENT).children(), [EARLY, LATE]);
}

#[test]
fn the_late_child_appears_while_the_parent_runs() {
    use scenarios::live_family::{EARLY, LATE, PARENT};
    // Before 1.5 s: no late child, and the parent's task that starts it has not started.
    let late = view_at(LATE, 1_499);
    assert!(!late.exists());
    let parent = view_at(PARENT, 1_499);
    assert_eq!(parent.execution_json()["Counters"]["Total"], 2);
    assert!(parent.tasks().all(|t| t.child_execution() != Some(LATE)));
    assert!(view_at(EARLY, 0).exists());
    assert_eq!(view_at(EARLY, 0).visible_len(), 1);
    // From 1.5 s: it exists, an entry every 0.4 s, Success at 4 s.
    let counts: Vec<_> = [
        1_500, 1_899, 1_900, 2_300, 2_700, 3_100, 3_500, 3_900, 3_999,
    ]
    .into_iter()
    .map(|ms| view_at(LATE, ms).visible_len())
    .collect();
    assert_eq!(counts, [1, 1, 2, 3, 4, 5, 6, 7, 7]);
    let at_start = view_at(LATE, 1_500);
    assert!(at_start.exists());
    assert_eq!(at_start.status(), Status::Running);
    assert_eq!(
        at_start.start_second(),
        view_at(PARENT, 1_500).start_second() + 1,
        "1.5 s after the parent's start"
    );
    let parent = view_at(PARENT, 1_500);
    let deploy = parent.tasks().find(|t| t.child_execution() == Some(LATE));
    assert_eq!(deploy.map(|t| t.status), Some(Status::Running));
    assert_eq!(view_at(LATE, 3_999).status(), Status::Running);
    assert_eq!(view_at(LATE, 4_000).status(), Status::Success);
    assert_eq!(view_at(LATE, 4_000).visible_len(), 8);
    // The early child ends at 2 s; the parent after both, at 4.5 s.
    assert_eq!(view_at(EARLY, 1_999).status(), Status::Running);
    assert_eq!(view_at(EARLY, 2_000).status(), Status::Success);
    assert_eq!(view_at(PARENT, 4_499).status(), Status::Running);
    let done = view_at(PARENT, 4_500);
    assert_eq!(done.status(), Status::Success);
    let end = done.end_second().unwrap();
    for child in [EARLY, LATE] {
        let c = view_at(child, 4_500);
        assert_eq!(c.status(), Status::Success, "{child}");
        assert!(c.end_second().unwrap() <= end, "{child} ends first");
    }
    assert_eq!(done.visible_len(), view(PARENT).visible_len());
    assert!(done.tasks().all(|t| t.status == Status::Success));
}
