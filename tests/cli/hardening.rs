//! Hardening, round two (issue 13), through the real binary against the emulator: a tail
//! rewritten under a resumed follow, storms of pages that bring nothing, a diamond and layers
//! of children, a reader that goes away while a follow waits, a child that vanishes while it
//! is followed, and signals while children are walked.

use std::io::{BufRead as _, BufReader};
use std::time::{Duration, Instant};

use oos_logs::emulator::{Faults, PageStorm};

use crate::support::{cmd, emulator, emulator_with, home, send_signal, spawn_piped, text};

/// Runs `c` (bounded at 60 s, so a loop fails the test instead of hanging it); returns the
/// exit code, stdout and stderr.
fn run(c: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = c
        .timeout(Duration::from_secs(60))
        .output()
        .expect("the binary runs");
    (
        out.status
            .code()
            .expect("an exit code: not killed by the timeout"),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// The numbers of `entry N` messages in plain output, in order.
fn entry_numbers(stdout: &str) -> Vec<u32> {
    stdout
        .lines()
        .filter_map(|l| l.split("entry ").nth(1))
        .map(|rest| rest.split(' ').next().unwrap().parse().unwrap())
        .collect()
}

// ---- 1. a resumed follow whose tail is rewritten ----

#[test]
fn a_resumed_follow_whose_tail_is_rewritten_prints_every_entry_once() {
    let em = emulator();
    let home = home();
    // The first page, and the resume point it offers.
    let (code, stdout, stderr) = run(cmd(&em, home.path()).args([
        "list",
        "exec-rewrite-tail",
        "--page-size",
        "5",
        "-o",
        "plain",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(entry_numbers(&stdout), [1, 2, 3, 4, 5]);
    let token = stderr
        .split("--next-token ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a resume hint")
        .to_owned();
    // The flags a Ctrl-C note prints: page 2, two of its entries already read. The tail is
    // rewritten 2 s after the first request and grows by two entries; then Success.
    let (code, stdout, stderr) = run(cmd(&em, home.path()).args([
        "list",
        "exec-rewrite-tail",
        "-f",
        "--next-token",
        &token,
        "--skip",
        "2",
        "--page-size",
        "5",
        "-o",
        "plain",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        entry_numbers(&stdout),
        [8, 9, 10, 11, 12],
        "{stdout}\n{stderr}"
    );
    if stderr.contains("no longer starts with") {
        assert!(
            stderr.contains("skipping the 5 records already read"),
            "the page's 5 records, the 2 skipped included, once: {stderr}"
        );
    }
}

// ---- 2. storms of pages that bring nothing ----

fn storm(kind: PageStorm) -> oos_logs::emulator::BackgroundEmulator {
    emulator_with(Faults {
        page_storm: Some(kind),
        ..Faults::default()
    })
}

#[test]
fn a_storm_of_empty_pages_ends_every_paginated_read_as_a_server_fault() {
    let em = storm(PageStorm::Empty);
    let home = home();
    let runs: [&[&str]; 6] = [
        &["list", "exec-small", "--all", "-o", "plain"],
        &["executions", "--all", "-o", "plain"],
        &["status", "exec-parent", "-r"],
        &["list", "exec-parent", "-r", "-o", "plain"],
        &["list", "exec-demo-failed", "--failed", "-o", "plain"],
        &[
            "list",
            "exec-live-success-5x100",
            "-f",
            "--wait-timeout",
            "30s",
        ],
    ];
    for args in runs {
        let before = em.stats().requests();
        let (code, _, stderr) = run(cmd(&em, home.path()).args(args));
        assert_eq!(code, 6, "{args:?}: {stderr}");
        assert!(stderr.contains("brought nothing new"), "{args:?}: {stderr}");
        let requests = em.stats().requests() - before;
        assert!(requests < 300, "{args:?}: {requests} requests");
    }
}

#[test]
fn a_storm_of_repeated_pages_prints_nothing_twice() {
    let em = storm(PageStorm::Repeat);
    let home = home();
    let (code, stdout, stderr) =
        run(cmd(&em, home.path()).args(["list", "exec-small", "--all", "-o", "jsonl"]));
    assert_eq!(code, 6, "{stderr}");
    assert!(stderr.contains("brought nothing new"), "{stderr}");
    let expected = crate::support::expected_entries("exec-small");
    assert_eq!(crate::support::parse_jsonl(stdout.as_bytes()), expected);
    assert!(
        stderr.contains(&format!("{} entries were printed", expected.len())),
        "{stderr}"
    );
}

#[test]
fn a_follow_reads_the_status_on_schedule_however_many_pages_are_left() {
    // 300 pages at 20 ms each: at least 6 s of reading, so the status is read again midway.
    let em = emulator_with(Faults {
        latency: Duration::from_millis(20),
        ..Faults::default()
    });
    let home = home();
    let (code, stdout, stderr) = run(cmd(&em, home.path()).args([
        "list",
        "exec-large-3000",
        "-f",
        "--page-size",
        "10",
        "-o",
        "jsonl",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        crate::support::parse_jsonl(stdout.as_bytes()),
        crate::support::expected_entries("exec-large-3000"),
        "every entry once, in order"
    );
    assert!(
        em.stats().action_count("ListExecutions") >= 2,
        "the status was read once in {} pages",
        em.stats().action_count("ListExecutionLogs")
    );
}

// ---- 3. a diamond and layers of children ----

#[test]
fn a_child_listed_by_two_parents_is_read_and_shown_once() {
    let em = emulator();
    let home = home();
    let (code, stdout, stderr) =
        run(cmd(&em, home.path()).args(["list", "exec-diamond", "-r", "-o", "plain"]));
    assert_eq!(code, 0, "{stderr}");
    for (id, entries) in [
        ("exec-diamond", 4),
        ("exec-diamond-a", 3),
        ("exec-diamond-b", 3),
        ("exec-diamond-c", 2),
    ] {
        let lines = stdout
            .lines()
            .filter(|l| l.split('\t').next() == Some(id))
            .count();
        assert_eq!(lines, entries, "{id}:\n{stdout}");
    }
    let (code, stdout, stderr) = run(cmd(&em, home.path()).args(["status", "exec-diamond", "-r"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.matches("Execution  exec-diamond-c").count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("also listed by exec-diamond-"), "{stdout}");
}

#[test]
fn layers_of_children_cost_one_listing_per_execution() {
    let em = emulator();
    let home = home();
    // 5 layers of 4, each listing all of the next: 21 executions, 1 + 4^1 + ... paths.
    let (code, stdout, stderr) =
        run(cmd(&em, home.path()).args(["list", "exec-layers-5x4", "-r", "-o", "plain"]));
    assert_eq!(code, 0, "{stderr}");
    let labels: std::collections::HashSet<&str> = stdout
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(labels.len(), 21, "{stdout}");
    // Each runs its children: a start, a line per child, an end.
    assert_eq!(stdout.lines().count(), 6 + 16 * 6 + 4 * 2, "{stdout}");
    assert_eq!(em.stats().action_count("ListExecutions"), 21);
    let before = em.stats().action_count("ListExecutions");
    let (code, _, stderr) = run(cmd(&em, home.path()).args(["status", "exec-layers-5x4", "-r"]));
    assert_eq!(code, 0, "{stderr}");
    // The root's look-up, the walk (21), and one look-up of each of the 20 below it.
    assert_eq!(
        em.stats().action_count("ListExecutions") - before,
        1 + 21 + 20
    );
}

// ---- 7. a follow whose reader is gone ----

#[test]
fn a_follow_ends_soon_after_its_reader_is_gone() {
    let em = emulator();
    let home = home();
    // Waiting for ever: nothing new to write, so no write can notice the closed pipe.
    let mut child = spawn_piped(
        &em,
        home.path(),
        &["list", "exec-waiting", "-f", "-o", "plain"],
    );
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("Execution started."), "{first}");
    drop(stdout);
    let closed = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if closed.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("still following 20 s after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        status.code(),
        Some(0),
        "a reader that leaves is not a failure"
    );
}

// ---- 8. a child that vanishes while it is followed ----

#[test]
fn a_child_that_vanishes_is_a_warning_and_the_root_decides_the_outcome() {
    let em = emulator();
    let home = home();
    let (code, stdout, stderr) = run(cmd(&em, home.path()).args([
        "list",
        "exec-vanishing-parent",
        "-r",
        "-f",
        "-o",
        "plain",
    ]));
    assert_eq!(code, 0, "the root ended Success: {stderr}");
    assert!(
        stderr.contains("warning: exec-vanishing-parent-child: the service no longer knows"),
        "{stderr}"
    );
    assert!(stderr.contains("EntityNotExists.Execution"), "{stderr}");
    assert!(stdout.contains("child heartbeat"), "{stdout}");
    assert!(
        stdout.lines().last().is_some_and(
            |l| l.starts_with("exec-vanishing-parent\t") && l.ends_with("Execution completed.")
        ),
        "{stdout}"
    );
}

// ---- signals while children are walked ----

#[test]
fn sigterm_while_children_are_walked_says_so_and_exits_143() {
    let em = emulator_with(Faults {
        latency: Duration::from_millis(300),
        ..Faults::default()
    });
    let home = home();
    for args in [
        &["list", "exec-layers-5x4", "-r", "-o", "plain"][..],
        &["status", "exec-layers-5x4", "-r"][..],
    ] {
        let child = spawn_piped(&em, home.path(), args);
        // The walk takes 5 levels x 300 ms; the signal comes during it.
        std::thread::sleep(Duration::from_millis(900));
        send_signal(child.id(), "TERM");
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(143), "{args:?}: {stderr}");
        assert!(stderr.contains("terminated"), "{args:?}: {stderr}");
    }
}
