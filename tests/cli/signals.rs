//! What was printed is what was counted: SIGINT and SIGTERM during `--all`, in every format,
//! with the reader keeping up or not reading at all; the count and the resume point describe
//! exactly the entries that reached stdout, and resuming repeats and skips nothing.

use std::io::Read as _;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use oos_logs::emulator::Faults;

use crate::support::{cmd, emulator_with, expected_lines, home, std_cmd, stderr_of, text};

const EXECUTION: &str = "exec-large-20000";

fn signal(child: &Child, name: &str) {
    crate::support::send_signal(child.id(), name);
}

/// The entries (compact JSON lines) a run printed, for every format.
fn printed_lines(format: &str, stdout: &str) -> Vec<String> {
    match format {
        "jsonl" => stdout.lines().map(str::to_owned).collect(),
        "json" => {
            let doc: serde_json::Value = serde_json::from_str(stdout)
                .unwrap_or_else(|e| panic!("not a complete document ({e}): {stdout:.300}"));
            doc["ExecutionLogs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| serde_json::to_string(e).unwrap())
                .collect()
        }
        // plain and table: the message column is enough to know which entries came.
        "plain" => stdout
            .lines()
            .map(|l| l.rsplit('\t').next().unwrap().to_owned())
            .collect(),
        "table" => stdout
            .lines()
            .filter(|l| l.starts_with('│') && !l.contains("MESSAGE"))
            .map(|l| {
                l.trim_end_matches('│')
                    .rsplit('┆')
                    .next()
                    .unwrap()
                    .trim()
                    .to_owned()
            })
            .collect(),
        _ => unreachable!(),
    }
}

/// The same view of the entries the emulator serves.
fn expected(format: &str) -> Vec<String> {
    let lines = expected_lines(EXECUTION);
    match format {
        "jsonl" | "json" => lines,
        _ => lines
            .iter()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["Message"].as_str().unwrap().to_owned()
            })
            .collect(),
    }
}

/// The count and the flags of the resume note.
fn note(stderr: &str) -> (usize, Vec<String>) {
    let count = stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix("oos-logs: ")?
                .split(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .unwrap_or_else(|| panic!("no count in {stderr}"));
    let flags = stderr
        .split("resume with ")
        .nth(1)
        .map(|r| {
            r.lines()
                .next()
                .unwrap()
                .split_whitespace()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    (count, flags)
}

fn args(format: &str) -> Vec<String> {
    [
        "list",
        EXECUTION,
        "--all",
        "--page-size",
        "100",
        "-o",
        format,
    ]
    .map(String::from)
    .to_vec()
}

/// Interrupts a run, checks the count against stdout, resumes, and checks the whole.
fn interrupt_and_resume(format: &str, sig: &str, code: i32, reader_reads: bool) {
    let em = emulator_with(Faults {
        latency: Duration::from_millis(2),
        ..Faults::default()
    });
    let home = home();
    let mut child = std_cmd(&em, home.path())
        .env("COLUMNS", "250")
        .args(args(format))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        if reader_reads {
            stdout.read_to_end(&mut all).unwrap();
        } else {
            // A reader that does not read until the signal was handled (a busy pipe).
            std::thread::sleep(Duration::from_millis(2500));
            stdout.read_to_end(&mut all).unwrap();
        }
        all
    });
    std::thread::sleep(Duration::from_millis(600));
    let sent = Instant::now();
    signal(&child, sig);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(2),
            "{format}: no exit 2 s after {sig}, reader_reads {reader_reads}"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = sent.elapsed();
    let stderr = stderr_of(&mut child);
    let out = String::from_utf8(reader.join().unwrap()).unwrap();
    assert_eq!(status.code(), Some(code), "{format}: {stderr}");
    assert!(
        took < Duration::from_millis(1000),
        "{format}: exit took {took:?}"
    );

    let (count, flags) = note(&stderr);
    let all = expected(format);
    let printed = if reader_reads {
        printed_lines(format, &out)
    } else {
        // Only complete entries count: a line cut by the full pipe is not one of them.
        let complete = out
            .rsplit_once('\n')
            .map(|(a, _)| format!("{a}\n"))
            .unwrap_or_default();
        printed_lines(format, &complete)
    };
    assert_eq!(
        printed.len(),
        count,
        "{format} {sig}: the note says {count}, stdout has {}",
        printed.len()
    );
    let first_wrong = (0..count).find(|&i| printed[i] != all[i]);
    assert_eq!(first_wrong, None, "{format}: what was printed differs");
    assert!(count < all.len(), "{format}: it was stopped early");

    // Resuming gives exactly the rest.
    let mut again = args(format);
    again.extend(flags);
    let out = cmd(&em, home.path())
        .env("COLUMNS", "250")
        .args(&again)
        .timeout(Duration::from_secs(120))
        .assert()
        .success();
    let rest = printed_lines(format, &text(&out.get_output().stdout));
    assert_eq!(
        rest.len(),
        all.len() - count,
        "{format}: resuming with {again:?} after {count} ({stderr})"
    );
    let first_wrong = (0..rest.len()).find(|&i| rest[i] != all[count + i]);
    assert_eq!(first_wrong, None, "{format}: the rest, nothing twice");
}

#[test]
fn sigint_with_a_reader_counts_exactly_in_every_format() {
    for format in ["plain", "jsonl", "json", "table"] {
        interrupt_and_resume(format, "INT", 130, true);
    }
}

#[test]
fn sigterm_with_a_reader_that_does_not_read_exits_at_once_with_an_exact_count() {
    for format in ["jsonl", "plain"] {
        interrupt_and_resume(format, "TERM", 143, false);
    }
}

#[test]
fn sigint_with_a_reader_that_does_not_read_exits_at_once_with_an_exact_count() {
    interrupt_and_resume("jsonl", "INT", 130, false);
}

#[test]
fn sigint_with_stdout_a_file_counts_exactly_and_resumes() {
    // A regular file is written without the pipe's 4096-byte writes: the count must hold.
    for format in ["jsonl", "json"] {
        let em = emulator_with(Faults {
            latency: Duration::from_millis(2),
            ..Faults::default()
        });
        let home = home();
        let path = home.path().join("out");
        let mut child = std_cmd(&em, home.path())
            .args(args(format))
            .stdout(std::fs::File::create(&path).unwrap())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(600));
        signal(&child, "INT");
        let status = child.wait().unwrap();
        let stderr = stderr_of(&mut child);
        assert_eq!(status.code(), Some(130), "{format}: {stderr}");
        let (count, flags) = note(&stderr);
        let printed = printed_lines(format, &std::fs::read_to_string(&path).unwrap());
        let all = expected(format);
        assert_eq!(printed.len(), count, "{format}: the note says {count}");
        assert_eq!(printed[..], all[..count], "{format}");
        assert!(count < all.len(), "{format}: it was stopped early");
        let mut again = args(format);
        again.extend(flags);
        let out = cmd(&em, home.path())
            .args(&again)
            .timeout(Duration::from_secs(120))
            .assert()
            .success();
        let rest = printed_lines(format, &text(&out.get_output().stdout));
        assert_eq!(rest[..], all[count..], "{format}: the rest, nothing twice");
    }
}
