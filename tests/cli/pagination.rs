//! `--all`, `--limit`, `--next-token`, page sizes, one connection.

use std::collections::HashSet;

use crate::support::{cmd, emulator, expected_entries, expected_lines, home, parse_jsonl, text};

#[test]
fn all_over_ten_thousand_entries_loses_and_duplicates_nothing() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-large-10000",
            "--all",
            "--page-size",
            "100",
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    let got = parse_jsonl(&out.get_output().stdout);
    assert_eq!(got.len(), 10_000);
    assert_eq!(got, expected_entries("exec-large-10000"), "API order");
    let lines: Vec<String> = text(&out.get_output().stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines, expected_lines("exec-large-10000"), "byte for byte");
    let distinct: HashSet<String> = got
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert_eq!(distinct.len(), 10_000, "no duplicates");
    assert_eq!(em.stats().action_count("ListExecutionLogs"), 100);
    assert_eq!(
        em.stats().connections(),
        1,
        "one kept-alive connection for the whole run"
    );
}

#[test]
fn limit_fetches_only_the_pages_needed() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-large-1000",
            "--limit",
            "250",
            "--max-results",
            "100",
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    let got = parse_jsonl(&out.get_output().stdout);
    assert_eq!(got, expected_entries("exec-large-1000")[..250].to_vec());
    assert_eq!(em.stats().requests(), 3);
    let sizes: Vec<Option<String>> = em
        .stats()
        .recent_requests()
        .iter()
        .map(|r| r.param("MaxResults").map(str::to_owned))
        .collect();
    assert_eq!(
        sizes,
        [Some("100".into()), Some("100".into()), Some("50".into())],
        "the last page asks only for what is left"
    );
}

#[test]
fn limit_smaller_than_one_page() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-large-1000", "--limit", "5", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(parse_jsonl(&out.get_output().stdout).len(), 5);
    assert_eq!(em.stats().requests(), 1);
}

#[test]
fn one_page_by_default_with_a_note_to_continue() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-large-1000",
            "--max-results",
            "10",
            "-o",
            "plain",
        ])
        .assert()
        .success();
    let out = out.get_output();
    assert_eq!(text(&out.stdout).lines().count(), 10);
    assert_eq!(em.stats().requests(), 1);
    let stderr = text(&out.stderr);
    let token = stderr
        .split("--next-token ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no token in {stderr:?}"))
        .to_owned();

    // Continuing from the printed token gives the next page, nothing skipped or repeated.
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-large-1000",
            "--max-results",
            "10",
            "--next-token",
            &token,
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    assert_eq!(
        parse_jsonl(&out.get_output().stdout),
        expected_entries("exec-large-1000")[10..20].to_vec()
    );
}

#[test]
fn no_note_on_the_last_page() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-small", "-o", "plain"])
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stderr), "");
}

#[test]
fn empty_execution_prints_nothing_and_succeeds() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-empty", "--all", "-o", "jsonl"])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    let out = cmd(&em, home.path())
        .args(["list", "exec-empty", "--all", "-o", "json"])
        .assert()
        .success();
    assert_eq!(
        text(&out.get_output().stdout),
        "{\n  \"ExecutionLogs\": []\n}\n"
    );
}
