//! The four output formats against the 7-entry sample, and the hostile sample.

use serde_json::{Map, Value};

use crate::support::{cmd, emulator, expected_entries, expected_lines, home, parse_jsonl, text};

#[test]
fn jsonl_gives_each_entry_exactly_as_sent() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    let out = out.get_output();
    assert_eq!(parse_jsonl(&out.stdout), expected_entries("exec-small"));
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        expected_lines("exec-small"),
        "byte for byte, field order included"
    );
    assert_eq!(text(&out.stderr), "", "no note for jsonl");
}

#[test]
fn json_of_one_page_is_the_response_object_field_for_field() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-hostile", "-o", "json"])
        .assert()
        .success();
    let printed: Map<String, Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let sent: Map<String, Value> =
        serde_json::from_str(&em.stats().last_success_body().unwrap()).unwrap();
    assert_eq!(printed, sent);
    let keys: Vec<&String> = printed.keys().collect();
    assert_eq!(keys, sent.keys().collect::<Vec<_>>(), "field order kept");
    assert!(
        printed["ExecutionLogs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.get("Extra").is_some()),
        "unknown fields kept"
    );
    assert!(
        text(&out.get_output().stdout).starts_with("{\n  \"RequestId\""),
        "2-space indented"
    );
}

#[test]
fn json_with_all_gathers_entries_in_one_document() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-small",
            "-o",
            "json",
            "--all",
            "--max-results",
            "3",
        ])
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let logs: Vec<Map<String, Value>> =
        serde_json::from_value(doc["ExecutionLogs"].clone()).unwrap();
    assert_eq!(logs, expected_entries("exec-small"));
    assert_eq!(doc.as_object().unwrap().len(), 1);
    assert_eq!(em.stats().action_count("ListExecutionLogs"), 3);
}

#[test]
fn plain_is_one_tab_separated_line_per_entry() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-small", "-o", "plain"])
        .assert()
        .success();
    let stdout = text(&out.get_output().stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(
        lines[0],
        "2024-06-01T00:00:00Z\tSystem\t-\tExecution started."
    );
    assert_eq!(
        lines[1],
        "2024-06-01T00:00:01Z\tSystem\texec-small.t0001\tThe task checkInstanceReady started."
    );
    assert!(lines.iter().all(|l| l.split('\t').count() == 4));
}

#[test]
fn table_has_the_columns_and_every_entry() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .env("COLUMNS", "100")
        .args(["list", "exec-small", "-o", "table"])
        .assert()
        .success();
    let stdout = text(&out.get_output().stdout);
    for header in ["TIME", "TYPE", "TASK", "MESSAGE"] {
        assert!(stdout.contains(header), "{header} missing:\n{stdout}");
    }
    for entry in expected_entries("exec-small") {
        assert!(stdout.contains(entry["Timestamp"].as_str().unwrap()));
    }
    assert!(
        stdout.lines().all(|l| l.chars().count() <= 100),
        "fits COLUMNS=100:\n{stdout}"
    );
}

#[test]
fn output_defaults_to_plain_when_piped() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-small"])
        .assert()
        .success();
    assert_eq!(
        text(&out.get_output().stdout).lines().next().unwrap(),
        "2024-06-01T00:00:00Z\tSystem\t-\tExecution started."
    );
}

#[test]
fn hostile_content_never_reaches_the_terminal_raw() {
    let (em, home) = (emulator(), home());
    for format in ["table", "plain"] {
        let out = cmd(&em, home.path())
            .args(["list", "exec-hostile", "-o", format])
            .assert()
            .success();
        let stdout = &out.get_output().stdout;
        for byte in [0x1b_u8, 0x07, 0x0d, 0x08, 0x7f] {
            assert!(
                !stdout.contains(&byte),
                "{format}: raw byte {byte:#04x} in output"
            );
        }
        let s = text(stdout);
        assert!(
            !s.contains('\u{9b}') && !s.contains('\u{202e}'),
            "{format}: C1 or bidi control in output"
        );
        assert!(
            s.contains("\\e[31mred text"),
            "{format}: escapes are visible"
        );
        assert!(
            s.contains("部署完成 ✅ 🚀"),
            "{format}: CJK and emoji intact"
        );
        assert!(
            s.contains("2019-05-24T:02:29:07Z"),
            "{format}: malformed timestamp printed raw"
        );
    }
}

#[test]
fn hostile_content_comes_back_exactly_in_json_and_jsonl() {
    let (em, home) = (emulator(), home());
    let expected = expected_entries("exec-hostile");
    let out = cmd(&em, home.path())
        .args(["list", "exec-hostile", "-o", "jsonl"])
        .assert()
        .success();
    let got = parse_jsonl(&out.get_output().stdout);
    assert_eq!(got, expected);
    let keys = |entries: &[Map<String, Value>]| -> Vec<Vec<String>> {
        entries
            .iter()
            .map(|e| e.keys().cloned().collect())
            .collect()
    };
    assert_eq!(keys(&got), keys(&expected), "field order kept");
    let jsonl = text(&out.get_output().stdout);
    for out_format in ["jsonl", "json"] {
        let out = cmd(&em, home.path())
            .args(["list", "exec-hostile", "-o", out_format, "--all"])
            .assert()
            .success();
        let printed = text(&out.get_output().stdout);
        for c in ['\u{7f}', '\u{9b}', '\u{85}', '\u{202e}'] {
            assert!(
                !printed.contains(c),
                "{out_format}: raw {c:?} (JSON carries it as \\u escapes)"
            );
        }
        if out_format == "json" {
            let doc: Value = serde_json::from_str(&printed).unwrap();
            let logs: Vec<Map<String, Value>> =
                serde_json::from_value(doc["ExecutionLogs"].clone()).unwrap();
            assert_eq!(logs, expected);
            assert_eq!(keys(&logs), keys(&expected), "field order kept");
        }
    }
    assert!(
        jsonl.contains("\\u202e"),
        "the bidi override is escaped, not dropped"
    );
}

#[test]
fn plain_trims_log_type_and_dashes_empty_fields() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-hostile", "-o", "plain"])
        .assert()
        .success();
    let stdout = text(&out.get_output().stdout);
    assert!(stdout.contains(
        "2019-05-24T:02:29:07Z\tSystem\texec-hostile.t0010\tThe task CheckDiskCategory completed.\n"
    ));
    let last = stdout.lines().last().unwrap();
    let served = expected_entries("exec-hostile");
    let last_time = served.last().unwrap()["Timestamp"].as_str().unwrap();
    assert_eq!(last, format!("{last_time}\t-\t-\t-"));
    assert!(stdout.contains("line one\\nline two\\n\\tindented"));
    assert_eq!(
        stdout.lines().count(),
        expected_entries("exec-hostile").len(),
        "one line per entry"
    );
}

#[test]
fn filters_are_passed_to_the_api() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-demo-failed",
            "-l",
            "Error",
            "-t",
            "exec-demo-failed.t0002",
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    let got = parse_jsonl(&out.get_output().stdout);
    let expected: Vec<_> = expected_entries("exec-demo-failed")
        .into_iter()
        .filter(|e| e["LogType"] == "Error" && e["TaskExecutionId"] == "exec-demo-failed.t0002")
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    let sent = em.stats().recent_requests();
    let last = sent.last().unwrap();
    assert_eq!(last.param("LogType"), Some("Error"));
    assert_eq!(
        last.param("TaskExecutionId"),
        Some("exec-demo-failed.t0002")
    );
    assert_eq!(last.method, "POST");
}

#[test]
fn demo_runs_the_real_client_path() {
    let home = home();
    let out = crate::support::bare_cmd(home.path())
        .args(["demo", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(
        parse_jsonl(&out.get_output().stdout),
        expected_entries("exec-demo-failed")
    );
    assert!(text(&out.get_output().stderr).contains("embedded OOS emulator"));
}
