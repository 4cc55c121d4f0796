//! Retries and server faults: output must not change, failures must say how to resume.

use std::time::Duration;

use oos_logs::emulator::Faults;

use crate::support::{cmd, emulator, emulator_with, expected_entries, home, parse_jsonl, text};

fn all_pages(
    em: &oos_logs::emulator::BackgroundEmulator,
    home: &std::path::Path,
    format: &str,
) -> Vec<u8> {
    let out = cmd(em, home)
        .args([
            "list",
            "exec-large-1000",
            "--all",
            "--page-size",
            "50",
            "-o",
            format,
        ])
        .assert()
        .success();
    out.get_output().stdout.clone()
}

#[test]
fn output_is_byte_identical_through_503s_and_throttling() {
    let home = home();
    let clean = emulator();
    let faulty = emulator_with(Faults {
        fail_every: Some(3),
        throttle_every: Some(5),
        retry_after_ms: 20,
        ..Faults::default()
    });
    for format in ["jsonl", "plain"] {
        assert_eq!(
            all_pages(&faulty, home.path(), format),
            all_pages(&clean, home.path(), format),
            "{format}"
        );
    }
    assert!(
        faulty.stats().requests() > clean.stats().requests(),
        "faults were injected and retried"
    );
    // Every retry was signed afresh: no nonce was ever reused.
    let nonces: Vec<String> = faulty
        .stats()
        .recent_requests()
        .iter()
        .filter_map(|r| r.param("SignatureNonce").map(str::to_owned))
        .collect();
    let distinct: std::collections::HashSet<&String> = nonces.iter().collect();
    assert_eq!(distinct.len(), nonces.len());
}

#[test]
fn output_is_identical_through_html_502s_truncated_bodies_and_errors_in_200s() {
    let home = home();
    let clean = emulator();
    let faulty = emulator_with(Faults {
        html_502_every: Some(4),
        truncate_every: Some(3),
        error_200_every: Some(5),
        ..Faults::default()
    });
    assert_eq!(
        all_pages(&faulty, home.path(), "jsonl"),
        all_pages(&clean, home.path(), "jsonl")
    );
}

#[test]
fn throttling_honours_retry_after() {
    let home = home();
    let em = emulator_with(Faults {
        throttle_every: Some(2),
        retry_after_ms: 300,
        ..Faults::default()
    });
    let started = std::time::Instant::now();
    cmd(&em, home.path())
        .args([
            "list",
            "exec-small",
            "--all",
            "--page-size",
            "4",
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    // Two pages: request 2 is throttled, so one wait of the server's 300 ms at least.
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(em.stats().requests(), 3);
}

#[test]
fn an_outage_mid_run_keeps_what_was_printed_and_says_how_to_resume() {
    let home = home();
    let em = emulator_with(Faults {
        fail_after: Some(3),
        ..Faults::default()
    });
    let out = cmd(&em, home.path())
        .args([
            "--retries",
            "2",
            "list",
            "exec-large-1000",
            "--all",
            "--page-size",
            "100",
            "-o",
            "jsonl",
        ])
        .assert()
        .code(6);
    let out = out.get_output();
    let printed = parse_jsonl(&out.stdout);
    assert_eq!(printed, expected_entries("exec-large-1000")[..300].to_vec());
    assert_eq!(
        em.stats().requests(),
        3 + 3,
        "three pages, then one attempt and two retries"
    );
    let stderr = text(&out.stderr);
    assert!(stderr.contains("ServiceUnavailable"), "{stderr}");
    assert!(stderr.contains("300 entries were printed"), "{stderr}");
    let token = stderr
        .split("--next-token ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no resume token in {stderr}"));

    // Resuming with that token on a healthy service gives exactly the rest.
    let healthy = emulator();
    let out = cmd(&healthy, home.path())
        .args([
            "list",
            "exec-large-1000",
            "--all",
            "--page-size",
            "100",
            "--next-token",
            token,
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    assert_eq!(
        parse_jsonl(&out.get_output().stdout),
        expected_entries("exec-large-1000")[300..].to_vec()
    );
}

#[test]
fn every_request_failing_gives_up_after_the_retries() {
    let home = home();
    let em = emulator_with(Faults {
        fail_every: Some(1),
        ..Faults::default()
    });
    let out = cmd(&em, home.path())
        .args(["--retries", "2", "list", "exec-small", "--all"])
        .assert()
        .code(6);
    assert_eq!(em.stats().requests(), 3);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("ServiceUnavailable") && stderr.contains("RequestId: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("0 entries were printed before the failure; there is no page token"),
        "{stderr}"
    );
}

#[test]
fn a_repeated_next_token_stops_instead_of_looping() {
    let home = home();
    let em = emulator_with(Faults {
        repeat_token: true,
        ..Faults::default()
    });
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-large-1000",
            "--all",
            "--page-size",
            "10",
            "-o",
            "jsonl",
        ])
        .assert()
        .code(6);
    assert_eq!(em.stats().requests(), 2);
    let out = out.get_output();
    // The page that came back with a repeated token is not printed: it may repeat entries.
    assert_eq!(
        parse_jsonl(&out.stdout),
        expected_entries("exec-large-1000")[..10].to_vec(),
        "no entry printed twice"
    );
    let stderr = text(&out.stderr);
    assert!(stderr.contains("a second time"), "{stderr}");
    let token = em.stats().recent_requests()[1]
        .param("NextToken")
        .unwrap()
        .to_owned();
    assert!(
        stderr.contains(&format!(
            "10 entries were printed before the failure; resume with --next-token {token}"
        )),
        "{stderr}"
    );
}

#[test]
fn an_unreachable_endpoint_is_a_network_error() {
    let home = home();
    // A port that was free a moment ago: connecting is refused.
    let refused = crate::support::refused_port();
    let port = refused.port();
    let em = emulator();
    let out = cmd(&em, home.path())
        .env("OOS_LOGS_ENDPOINT", format!("http://127.0.0.1:{port}"))
        .args(["--retries", "1", "list", "exec-small"])
        .assert()
        .code(7);
    let stderr = text(&out.get_output().stderr);
    assert!(stderr.contains("could not connect"), "{stderr}");
}

#[test]
fn a_slow_server_times_out() {
    let home = home();
    // The server answers after 400 ms; the read timeout is 200 ms (exit 0 had it waited).
    let em = emulator_with(Faults {
        latency: Duration::from_millis(400),
        ..Faults::default()
    });
    let out = cmd(&em, home.path())
        .args([
            "--retries",
            "0",
            "--read-timeout",
            "200ms",
            "list",
            "exec-small",
        ])
        .assert()
        .code(7);
    assert!(
        text(&out.get_output().stderr).contains("timed out"),
        "{}",
        text(&out.get_output().stderr)
    );
}

#[test]
fn a_failed_json_run_still_prints_a_complete_document() {
    let home = home();
    let em = emulator_with(Faults {
        fail_after: Some(2),
        ..Faults::default()
    });
    let out = cmd(&em, home.path())
        .args([
            "--retries",
            "0",
            "list",
            "exec-large-300",
            "--all",
            "--page-size",
            "100",
            "-o",
            "json",
        ])
        .assert()
        .code(6);
    let doc: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("valid JSON");
    let logs: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_value(doc["ExecutionLogs"].clone()).unwrap();
    assert_eq!(logs, expected_entries("exec-large-300")[..200].to_vec());
    assert!(text(&out.get_output().stderr).contains("200 entries were printed"));
}
