//! The emulator's sample executions: deterministic, the same on every run.
//!
//! - `exec-demo-failed`: a bulk run-command that fails on one instance (the demo's default);
//! - `exec-small`: 7 entries;
//! - `exec-large-<N>`: N generated entries, any N, built on demand (never held in memory);
//! - `exec-hostile`: terminal escapes, CR, BEL, C1, bidi overrides, a 10,000-character line,
//!   CJK and emoji, the doc's malformed timestamp, `" System"`, unknown extra fields;
//! - `exec-running`: still running; `exec-empty`: no logs.
//!
//! It must not know about HTTP, pages or tokens.

use serde_json::{Map, Value, json};

/// An execution the emulator knows.
#[derive(Debug, Clone)]
pub struct Sample {
    /// ExecutionId.
    pub id: String,
    /// Status: Running, Success, Failed...
    pub status: &'static str,
    /// TemplateName.
    pub template: &'static str,
    /// StatusMessage.
    pub status_message: &'static str,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Fixed(fn(&str) -> Vec<Map<String, Value>>),
    Generated(u64),
}

/// The ids of the fixed samples (exec-large-N comes in any size besides).
pub const FIXED_IDS: [&str; 5] = [
    "exec-demo-failed",
    "exec-small",
    "exec-hostile",
    "exec-running",
    "exec-empty",
];

/// The largest `exec-large-N`.
pub const MAX_GENERATED: u64 = 100_000_000;

impl Sample {
    /// The sample of that id.
    pub fn find(id: &str) -> Option<Self> {
        let (status, template, status_message, kind) = match id {
            "exec-demo-failed" => (
                "Failed",
                "ACS-ECS-BulkyRunCommand",
                "Task runCommand failed: exit code 127 on i-bp1demo00000000003",
                Kind::Fixed(demo_failed),
            ),
            "exec-small" => ("Success", "ACS-ECS-RebootInstance", "", Kind::Fixed(small)),
            "exec-hostile" => ("Success", "hostile-content", "", Kind::Fixed(hostile)),
            "exec-running" => (
                "Running",
                "ACS-ECS-BulkyRunCommand",
                "",
                Kind::Fixed(running),
            ),
            "exec-empty" => (
                "Success",
                "ACS-ECS-DescribeInstance",
                "",
                Kind::Fixed(|_| Vec::new()),
            ),
            _ => {
                let n: u64 = id.strip_prefix("exec-large-")?.parse().ok()?;
                if n > MAX_GENERATED || id != format!("exec-large-{n}") {
                    return None;
                }
                ("Success", "ACS-ECS-BulkyRunCommand", "", Kind::Generated(n))
            }
        };
        Some(Self {
            id: id.to_owned(),
            status,
            template,
            status_message,
            kind,
        })
    }

    /// The fixed samples, for ListExecutions without an id.
    pub fn fixed() -> Vec<Self> {
        FIXED_IDS.iter().filter_map(|id| Self::find(id)).collect()
    }

    /// The entries; generated ones are produced lazily, in order.
    pub fn entries(&self) -> Box<dyn Iterator<Item = Map<String, Value>> + '_> {
        match &self.kind {
            Kind::Fixed(f) => Box::new(f(&self.id).into_iter()),
            Kind::Generated(n) => {
                let n = *n;
                Box::new((0..n).map(move |i| generated(&self.id, i, n)))
            }
        }
    }

    /// A page: up to `size` entries from index `start` on that pass `filter`, as the text
    /// of a JSON array, and the index of the next passing entry if there is one.
    pub fn select(&self, start: u64, size: u64, filter: &Filter<'_>) -> Selected {
        match &self.kind {
            Kind::Generated(n) => select_generated(&self.id, *n, start, size, filter),
            Kind::Fixed(f) => {
                let mut json = String::from("[");
                let mut count = 0;
                let mut next = None;
                let entries = f(&self.id);
                for (offset, entry) in (0..)
                    .zip(&entries)
                    .skip(usize::try_from(start).unwrap_or(usize::MAX))
                {
                    let field = |name: &str| entry.get(name).and_then(Value::as_str).map(str::trim);
                    if !filter.passes(field("TaskExecutionId"), field("LogType")) {
                        continue;
                    }
                    if count == size {
                        next = Some(offset);
                        break;
                    }
                    if count > 0 {
                        json.push(',');
                    }
                    json.push_str(&serde_json::to_string(entry).expect("a map serializes"));
                    count += 1;
                }
                json.push(']');
                Selected { json, next }
            }
        }
    }

    /// The number of entries.
    pub fn len(&self) -> u64 {
        match &self.kind {
            Kind::Fixed(f) => f(&self.id).len() as u64,
            Kind::Generated(n) => *n,
        }
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ListExecutions view of the execution.
    pub fn execution_json(&self) -> Value {
        let end = if self.status == "Running" {
            Value::Null
        } else {
            json!("2024-06-01T00:30:00Z")
        };
        json!({
            "ExecutionId": self.id,
            "TemplateName": self.template,
            "TemplateId": format!("t-{}", &self.id[5..].replace('-', "")),
            "TemplateVersion": "v1",
            "Mode": "Automatic",
            "Status": self.status,
            "StatusMessage": self.status_message,
            "StartDate": "2024-06-01T00:00:00Z",
            "EndDate": end,
            "CreateDate": "2024-06-01T00:00:00Z",
            "UpdateDate": "2024-06-01T00:30:00Z",
            "ExecutedBy": "emulator",
            "IsParent": false,
            "ParentExecutionId": "",
            "Outputs": "{}",
            "Parameters": {},
            "Counters": {},
            "Category": "Other",
            "Tags": {},
        })
    }
}

/// Which entries a `ListExecutionLogs` call asks for (values as given; compared trimmed).
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// `TaskExecutionId`.
    pub task_execution_id: Option<&'a str>,
    /// `LogType`.
    pub log_type: Option<&'a str>,
}

impl Filter<'_> {
    fn passes(&self, task: Option<&str>, log_type: Option<&str>) -> bool {
        self.task_execution_id
            .is_none_or(|t| task == Some(t.trim()))
            && self.log_type.is_none_or(|t| log_type == Some(t.trim()))
    }
}

/// A selected page of entries.
#[derive(Debug)]
pub struct Selected {
    /// The entries as a JSON array.
    pub json: String,
    /// The index of the next entry that passes the filter, if any.
    pub next: Option<u64>,
}

/// Appends `2024-06-01T00:00:00Z` plus `seconds`. The date is computed once per day of data
/// (the calendar is jiff's); the time of day is plain arithmetic, as every generated page
/// needs a hundred of these.
fn push_timestamp(out: &mut String, seconds: u64) {
    use std::cell::RefCell;
    thread_local! {
        static DAY: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
    }
    let (day, rem) = (seconds / 86_400, seconds % 86_400);
    DAY.with(|cached| {
        let mut cached = cached.borrow_mut();
        if cached.0 != day {
            let days = i32::try_from(day).expect("at most 100,000,000 seconds of data");
            let date = jiff::civil::date(2024, 6, 1)
                .checked_add(jiff::Span::new().days(days))
                .expect("in range");
            *cached = (day, date.to_string());
        }
        out.push_str(&cached.1);
    });
    for (sep, part) in [('T', rem / 3600), (':', rem / 60 % 60), (':', rem % 60)] {
        out.push(sep);
        push_digits(out, part, 2);
    }
    out.push('Z');
}

fn timestamp(seconds: u64) -> String {
    let mut t = String::with_capacity(20);
    push_timestamp(&mut t, seconds);
    t
}

/// Appends the last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u64, width: u32) {
    for power in (0..width).rev() {
        out.push(char::from(b'0' + (value / 10u64.pow(power) % 10) as u8));
    }
}

/// The task number and LogType of generated entry `i` of `n`.
fn generated_kind(i: u64, n: u64) -> (u64, &'static str) {
    let log_type = if i == 0 || i + 1 == n {
        "System"
    } else if i % 50 == 49 {
        "Warning"
    } else {
        "Info"
    };
    (i / 1000 + 1, log_type)
}

/// Appends generated entry `i` of `n` as JSON, in the API doc's field order. Written by hand
/// because a page needs a hundred: every piece is ASCII without quotes or backslashes (the id
/// is `exec-large-<digits>`), so nothing needs escaping.
fn push_generated(out: &mut String, id: &str, i: u64, n: u64) {
    use std::fmt::Write as _;
    let (task, log_type) = generated_kind(i, n);
    let step = i + 1;
    out.push_str("{\"TaskExecutionId\":\"");
    out.push_str(id);
    out.push_str(".t");
    push_digits(out, task, 4);
    out.push_str("\",\"Message\":\"");
    let _ = if i == 0 {
        write!(out, "Execution {id} started with {n} steps.")
    } else if step == n {
        write!(out, "Execution {id} completed: {n} log entries.")
    } else if log_type == "Warning" {
        write!(
            out,
            "step {step} of {n}: the instance answered slowly, retried once"
        )
    } else {
        write!(out, "step {step} of {n}: command output line {}", i % 1000)
    };
    out.push_str("\",\"LogType\":\"");
    out.push_str(log_type);
    out.push_str("\",\"Timestamp\":\"");
    push_timestamp(out, i);
    out.push_str("\"}");
}

fn generated(id: &str, i: u64, n: u64) -> Map<String, Value> {
    let mut json = String::with_capacity(160);
    push_generated(&mut json, id, i, n);
    serde_json::from_str(&json).expect("generated entries are valid JSON")
}

fn select_generated(id: &str, n: u64, start: u64, size: u64, filter: &Filter<'_>) -> Selected {
    // A task filter names one block of 1000 entries (`<id>.tNNNN`): jump to it.
    let (mut i, end) = match filter.task_execution_id.map(str::trim) {
        None => (start, n),
        Some(t) => match t
            .strip_prefix(id)
            .and_then(|r| r.strip_prefix(".t"))
            .filter(|d| d.len() == 4)
            .and_then(|d| d.parse::<u64>().ok())
        {
            Some(task) if task >= 1 => (start.max((task - 1) * 1000), n.min(task * 1000)),
            _ => (n, n),
        },
    };
    let wanted_type = filter.log_type.map(str::trim);
    let mut json = String::with_capacity(usize::try_from(size).unwrap_or(100) * 160 + 2);
    json.push('[');
    let mut count = 0;
    let mut next = None;
    while i < end {
        if wanted_type.is_none_or(|t| t == generated_kind(i, n).1) {
            if count == size {
                next = Some(i);
                break;
            }
            if count > 0 {
                json.push(',');
            }
            push_generated(&mut json, id, i, n);
            count += 1;
        }
        i += 1;
    }
    json.push(']');
    Selected { json, next }
}

fn entry(
    id: &str,
    seconds: u64,
    log_type: &str,
    task: Option<&str>,
    message: &str,
) -> Map<String, Value> {
    // Field order as in the API doc's sample.
    let mut m = Map::new();
    if let Some(task) = task {
        m.insert("TaskExecutionId".into(), json!(format!("{id}.{task}")));
    }
    m.insert("Message".into(), json!(message));
    m.insert("LogType".into(), json!(log_type));
    m.insert("Timestamp".into(), json!(timestamp(seconds)));
    m
}

fn small(id: &str) -> Vec<Map<String, Value>> {
    vec![
        entry(id, 0, "System", None, "Execution started."),
        entry(
            id,
            1,
            "System",
            Some("t0001"),
            "The task checkInstanceReady started.",
        ),
        entry(
            id,
            3,
            "Info",
            Some("t0001"),
            "api call: DescribeInstances request:{'InstanceIds': '[\"i-bp1small0000001\"]'} response: {'Status': 'Running'}",
        ),
        entry(
            id,
            4,
            "System",
            Some("t0001"),
            "The task checkInstanceReady completed.",
        ),
        entry(
            id,
            5,
            "System",
            Some("t0002"),
            "The task rebootInstance started.",
        ),
        entry(
            id,
            35,
            "System",
            Some("t0002"),
            "The task rebootInstance completed.",
        ),
        entry(id, 36, "System", None, "Execution completed."),
    ]
}

fn demo_failed(id: &str) -> Vec<Map<String, Value>> {
    let instances = [
        "i-bp1demo00000000001",
        "i-bp1demo00000000002",
        "i-bp1demo00000000003",
    ];
    let mut v = vec![
        entry(
            id,
            0,
            "System",
            None,
            "Execution started by template ACS-ECS-BulkyRunCommand with parameters {\"regionId\": \"cn-hangzhou\", \"commandType\": \"RunShellScript\"}.",
        ),
        entry(
            id,
            1,
            "System",
            Some("t0001"),
            "The task getInstance started.",
        ),
        entry(
            id,
            2,
            "Info",
            Some("t0001"),
            "api call: DescribeInstances request:{'Status': 'Running', 'Tags': '[{\"Key\": \"app\", \"Value\": \"web\"}]'} response: {'TotalCount': 3}",
        ),
        entry(
            id,
            2,
            "System",
            Some("t0001"),
            "The task getInstance completed.",
        ),
        entry(
            id,
            3,
            "System",
            Some("t0002"),
            "The task runCommand started (3 loop items, concurrency 10).",
        ),
    ];
    for (n, inst) in instances.iter().enumerate() {
        let s = 4 + n as u64;
        v.push(entry(
            id,
            s,
            "Info",
            Some("t0002"),
            &format!("The task runCommand (loop item {inst}) started: invoking c-hz01demo000{n}"),
        ));
    }
    v.push(entry(id, 9, "Info", Some("t0002"), "The task runCommand (loop item i-bp1demo00000000001) output: deploy.sh: pulling web:1.42.0\ndeploy.sh: restarted web (pid 2214)"));
    v.push(entry(
        id,
        10,
        "System",
        Some("t0002"),
        "The task runCommand (loop item i-bp1demo00000000001) completed.",
    ));
    v.push(entry(id, 11, "Warning", Some("t0002"), "The task runCommand (loop item i-bp1demo00000000002) is slow: the command has run for 60s (timeout 600s)."));
    v.push(entry(id, 14, "Info", Some("t0002"), "The task runCommand (loop item i-bp1demo00000000002) output: deploy.sh: restarted web (pid 3190)"));
    v.push(entry(
        id,
        14,
        "System",
        Some("t0002"),
        "The task runCommand (loop item i-bp1demo00000000002) completed.",
    ));
    v.push(entry(id, 15, "Error", Some("t0002"), "The task runCommand (loop item i-bp1demo00000000003) failed: exit code 127: /bin/sh: deploy.sh: command not found"));
    v.push(entry(id, 15, "Debug", Some("t0002"), "InvocationResult: {\"ExitCode\": 127, \"ErrorCode\": \"NonZeroExitCode\", \"InvokeRecordStatus\": \"Finished\"}"));
    v.push(entry(
        id,
        16,
        "Error",
        Some("t0002"),
        "The task runCommand failed: 1 of 3 loop items failed (i-bp1demo00000000003).",
    ));
    v.push(entry(
        id,
        17,
        "System",
        None,
        "Execution failed: Task runCommand failed: exit code 127 on i-bp1demo00000000003.",
    ));
    v
}

fn running(id: &str) -> Vec<Map<String, Value>> {
    vec![
        entry(id, 0, "System", None, "Execution started."),
        entry(
            id,
            1,
            "System",
            Some("t0001"),
            "The task runCommand started.",
        ),
        entry(
            id,
            2,
            "Info",
            Some("t0001"),
            "The task runCommand (loop item i-bp1run000000000001) is waiting for the command to finish.",
        ),
    ]
}

fn hostile(id: &str) -> Vec<Map<String, Value>> {
    let long_line = "0123456789abcdef".repeat(625); // 10,000 characters, no spaces
    let mut v = vec![
        entry(
            id,
            0,
            "Info",
            Some("t0001"),
            "\x1b[31mred text\x1b[0m then \x1b[2J\x1b[H a screen clear",
        ),
        entry(
            id,
            1,
            "Info",
            Some("t0001"),
            "\x1b]0;pwned title\x07 and a link \x1b]8;;http://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
        ),
        entry(
            id,
            2,
            "Warning",
            Some("t0001"),
            "all good\rFAILED: overwritten by a carriage return",
        ),
        entry(
            id,
            3,
            "Info",
            Some("t0001"),
            "bells\x07\x07 and backspaces abc\x08\x08\x08xyz and DEL\x7f",
        ),
        entry(
            id,
            4,
            "Info",
            Some("t0001"),
            "a C1 CSI \u{9b}31m and NEL\u{85} in the middle",
        ),
        entry(
            id,
            5,
            "Info",
            Some("t0001"),
            "report\u{202e}fdp.exe (a bidi override)",
        ),
        entry(id, 6, "Info", Some("t0002"), &long_line),
        entry(
            id,
            7,
            "Info",
            Some("t0002"),
            "line one\nline two\n\tindented with a tab\r\nwindows line end",
        ),
        entry(
            id,
            8,
            "Info",
            Some("t0002"),
            "部署完成 ✅ 🚀 デプロイ 배포 — naïve café",
        ),
    ];
    // The API doc's own sample: malformed timestamp and a leading space in LogType.
    let mut doc = Map::new();
    doc.insert("TaskExecutionId".into(), json!(format!("{id}.t0010")));
    doc.insert(
        "Message".into(),
        json!("The task CheckDiskCategory completed."),
    );
    doc.insert("LogType".into(), json!(" System"));
    doc.insert("Timestamp".into(), json!("2019-05-24T:02:29:07Z"));
    v.push(doc);
    let mut extra = entry(
        id,
        10,
        "Debug",
        Some("t0003"),
        "an entry with fields the client does not know",
    );
    extra.insert(
        "Extra".into(),
        json!({"Nested": [1, 2, {"k": "v"}], "Flag": true}),
    );
    extra.insert("Sequence".into(), json!(11));
    v.push(extra);
    let mut sparse = Map::new();
    sparse.insert("Message".into(), json!(""));
    sparse.insert("LogType".into(), Value::Null);
    sparse.insert("Timestamp".into(), json!(timestamp(11)));
    v.push(sparse);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_samples_have_their_sizes() {
        assert_eq!(Sample::find("exec-small").unwrap().len(), 7);
        assert!(Sample::find("exec-empty").unwrap().is_empty());
        assert_eq!(Sample::find("exec-demo-failed").unwrap().status, "Failed");
        assert!(Sample::find("exec-nope").is_none());
        assert!(
            Sample::find("exec-large-007").is_none(),
            "one spelling per size"
        );
    }

    #[test]
    fn generated_entries_are_deterministic_and_lazy() {
        let s = Sample::find("exec-large-100000").unwrap();
        assert_eq!(s.len(), 100_000);
        let first: Vec<_> = s.entries().take(3).collect();
        assert_eq!(first, s.entries().take(3).collect::<Vec<_>>());
        let last = s.select(99_999, 10, &Filter::default());
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
        assert_eq!(s.select(100_000, 10, &Filter::default()).json, "[]");
        assert_eq!(timestamp(86_400 * 31 + 3661), "2024-07-02T01:01:01Z");
        assert_eq!(timestamp(99_999_999), "2027-08-02T09:46:39Z");
    }

    #[test]
    fn task_filters_jump_to_their_block() {
        let s = Sample::find("exec-large-5000").unwrap();
        let f = Filter {
            task_execution_id: Some("exec-large-5000.t0003"),
            log_type: None,
        };
        let page = s.select(0, 2, &f);
        let parsed: Vec<Map<String, Value>> = serde_json::from_str(&page.json).unwrap();
        assert_eq!(
            parsed[0]["Message"],
            "step 2001 of 5000: command output line 0"
        );
        assert_eq!(page.next, Some(2002));
        let none = Filter {
            task_execution_id: Some("exec-large-5000.t0009"),
            log_type: None,
        };
        assert_eq!(s.select(0, 2, &none).json, "[]");
        let warnings = Filter {
            task_execution_id: None,
            log_type: Some(" Warning "),
        };
        let parsed: Vec<Map<String, Value>> =
            serde_json::from_str(&s.select(0, 3, &warnings).json).unwrap();
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
    }
}
