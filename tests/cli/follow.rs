//! `--follow`, `--exit-status` and `--wait-timeout` against executions that live in time:
//! every entry exactly once under both tail-token behaviours and with faults, exit codes by
//! outcome, Ctrl-C and resume, and the bad inputs.

use std::process::Stdio;
use std::time::Duration;

use oos_logs::emulator::{BackgroundEmulator, EmulatorConfig, Faults, TailToken};

use crate::support::{cmd, emulator, home, parse_jsonl, send_signal, spawn_piped, std_cmd, text};

fn emulator_tail(tail_token: TailToken, faults: Faults) -> BackgroundEmulator {
    BackgroundEmulator::start(EmulatorConfig {
        faults,
        tail_token,
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

/// The messages of a followed run, in order.
fn messages(stdout: &[u8]) -> Vec<String> {
    parse_jsonl(stdout)
        .iter()
        .map(|e| e["Message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// What the emulator serves for a finished live execution, read with a plain `--all`.
fn all_messages(em: &BackgroundEmulator, execution: &str) -> Vec<String> {
    let home = home();
    let out = cmd(em, home.path())
        .args(["list", execution, "--all", "-o", "jsonl"])
        .assert()
        .success();
    messages(&out.get_output().stdout)
}

fn follow_exactly_once(tail_token: TailToken, faults: Faults) {
    let em = emulator_tail(tail_token, faults);
    let home = home();
    let id = "exec-live-success-12x250";
    let out = cmd(&em, home.path())
        .args([
            "--retries",
            "6",
            "list",
            id,
            "-f",
            "--interval",
            "1s",
            "--page-size",
            "5",
            "-o",
            "jsonl",
        ])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
    let followed = messages(&out.get_output().stdout);
    assert_eq!(followed.len(), 12, "{followed:#?}");
    assert_eq!(followed, all_messages(&em, id), "each entry once, in order");
}

#[test]
fn follow_prints_every_entry_once_with_an_empty_tail_token() {
    follow_exactly_once(TailToken::Empty, Faults::default());
}

#[test]
fn follow_prints_every_entry_once_with_a_tail_token_that_returns_more() {
    follow_exactly_once(TailToken::Token, Faults::default());
}

#[test]
fn follow_prints_every_entry_once_through_faults() {
    for tail in [TailToken::Empty, TailToken::Token] {
        follow_exactly_once(
            tail,
            Faults {
                fail_every: Some(4),
                truncate_every: Some(7),
                ..Faults::default()
            },
        );
    }
}

#[test]
fn follow_exits_by_outcome() {
    let em = emulator();
    let home = home();
    for (id, code, says) in [
        ("exec-live-success-3x100", 0, None),
        ("exec-live-failed-3x100", 10, Some("ended Failed")),
        ("exec-live-cancelled-3x100", 11, Some("ended Cancelled")),
    ] {
        let out = cmd(&em, home.path())
            .args(["list", id, "-f", "-o", "plain"])
            .timeout(Duration::from_secs(30))
            .assert()
            .code(code);
        let out = out.get_output();
        assert_eq!(text(&out.stdout).lines().count(), 3, "{id}");
        if let Some(says) = says {
            assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
        }
    }
}

#[test]
fn json_follow_closes_its_document() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-live-failed-4x100", "-f", "-o", "json"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(10);
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["ExecutionLogs"].as_array().unwrap().len(), 4);
}

#[test]
fn wait_timeout_exits_12_and_waiting_is_noted_once() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-waiting",
            "-f",
            "--interval",
            "1s",
            "--wait-timeout",
            "2500ms",
            "-o",
            "plain",
        ])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(12);
    let stderr = text(&out.get_output().stderr);
    assert_eq!(stderr.matches("is Waiting").count(), 1, "{stderr}");
    assert!(stderr.contains("still Waiting after"), "{stderr}");
    assert!(
        !stderr.contains('\r'),
        "no status line on a pipe: {stderr:?}"
    );
}

#[test]
fn exit_status_without_follow() {
    let em = emulator();
    let home = home();
    for (id, code) in [
        ("exec-small", 0),
        ("exec-demo-failed", 10),
        ("exec-running", 12),
        ("exec-waiting", 12),
    ] {
        cmd(&em, home.path())
            .args(["list", id, "--all", "--exit-status", "-o", "plain"])
            .assert()
            .code(code);
    }
}

#[test]
fn an_unknown_status_is_named_once_and_not_final() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-odd-status", "-f", "-o", "plain"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(0);
    let stderr = text(&out.get_output().stderr);
    assert_eq!(stderr.matches("\"Suspending\"").count(), 1, "{stderr}");
}

#[test]
fn unknown_and_vanishing_executions_exit_5() {
    let em = emulator();
    let home = home();
    for args in [
        vec!["list", "exec-nope", "-f"],
        vec!["list", "exec-nope", "--failed"],
        vec!["status", "exec-nope"],
    ] {
        let out = cmd(&em, home.path()).args(&args).assert().code(5);
        let stderr = text(&out.get_output().stderr);
        assert!(stderr.contains("exec-nope"), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("printed before"),
            "nothing to resume: {stderr}"
        );
    }
    let out = cmd(&em, home.path())
        .args(["list", "exec-vanish-1500", "-f", "-o", "plain"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(5);
    let out = out.get_output();
    assert!(
        !out.stdout.is_empty(),
        "what was printed before it vanished is kept"
    );
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no longer exists"), "{stderr}");
    assert!(stderr.contains("printed before the failure"), "{stderr}");
}

#[test]
fn tail_then_follow() {
    let em = emulator();
    let home = home();
    let id = "exec-live-success-10x200";
    // Start the execution's clock, and let a few entries appear.
    cmd(&em, home.path())
        .args(["status", id])
        .assert()
        .success();
    std::thread::sleep(Duration::from_millis(900));
    let out = cmd(&em, home.path())
        .args(["list", id, "-f", "--tail", "2", "-o", "jsonl"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(0);
    let followed = messages(&out.get_output().stdout);
    let all = all_messages(&em, id);
    // The last two of what existed at the start, then everything after it, each once.
    let first = all
        .iter()
        .position(|m| *m == followed[0])
        .expect("a served entry");
    assert_eq!(followed, all[first..].to_vec());
    assert!(followed.len() < all.len(), "older entries were left out");
}

#[test]
fn ctrl_c_mid_follow_gives_a_resume_point_that_repeats_nothing() {
    let em = emulator();
    let home = home();
    let id = "exec-live-success-16x250";
    let child = spawn_piped(
        &em,
        home.path(),
        &["list", id, "-f", "--interval", "1s", "-o", "jsonl"],
    );
    std::thread::sleep(Duration::from_millis(1800));
    send_signal(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    let first = messages(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{} entries were printed", first.len()))
            || (first.len() == 1 && stderr.contains("1 entry was printed")),
        "{stderr}"
    );
    let resume: Vec<String> = stderr
        .split("resume with ")
        .nth(1)
        .unwrap_or_else(|| panic!("no resume point in {stderr}"))
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut args: Vec<String> = ["list", id, "-f", "-o", "jsonl"].map(String::from).to_vec();
    args.extend(resume);
    let out = cmd(&em, home.path())
        .args(&args)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(0);
    let mut both = first;
    both.extend(messages(&out.get_output().stdout));
    assert_eq!(both, all_messages(&em, id), "nothing lost, nothing twice");
}

#[test]
fn bad_follow_options_are_usage_errors_naming_the_flag() {
    let em = emulator();
    let home = home();
    for (args, flag) in [
        (
            vec!["list", "exec-small", "-f", "--interval", "0"],
            "--interval",
        ),
        (
            vec!["list", "exec-small", "-f", "--interval", "500ms"],
            "--interval",
        ),
        (
            vec!["list", "exec-small", "-f", "--wait-timeout", "0"],
            "--wait-timeout",
        ),
        (vec!["list", "exec-small", "-f", "--limit", "3"], "--limit"),
        (
            vec!["list", "exec-small", "--tail", "3", "--next-token", "x"],
            "--tail",
        ),
        (
            vec!["list", "exec-small", "--failed", "--task", "t"],
            "--failed",
        ),
        (
            vec!["list", "exec-small", "--since", "yesterday-ish"],
            "--since",
        ),
        (vec!["list", "exec-small", "--grep", "(unclosed"], "--grep"),
    ] {
        let out = cmd(&em, home.path()).args(&args).assert().code(2);
        let stderr = text(&out.get_output().stderr);
        assert!(stderr.contains(flag), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn the_status_line_is_drawn_on_a_terminal_and_cleared_before_entries() {
    let script = crate::support::script();
    let em = emulator();
    let home = home();
    let out_file = home.path().join("entries.txt");
    // stdout to a file, stderr on the terminal `script` provides.
    let command = format!(
        "{} list exec-live-success-6x400 -f --interval 1s -o plain > {}",
        crate::support::binary().display(),
        out_file.display()
    );
    // The hermetic environment of the other tests, given to `script` and so to oos-logs.
    let hermetic = std_cmd(&em, home.path());
    let env: Vec<_> = hermetic
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned())))
        .collect();
    let child = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .envs(env)
        .stdin(Stdio::piped())
        .output()
        .unwrap();
    let screen = text(&child.stdout);
    assert!(child.status.success(), "{screen}");
    assert!(
        screen.contains("\r\x1b[2K"),
        "no status line drawn: {screen:?}"
    );
    assert!(
        screen.contains("exec-live-success-6x400 Running"),
        "{screen:?}"
    );
    let entries = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(entries.lines().count(), 6, "{entries}");
    assert!(!entries.contains('\x1b'), "stdout carries entries only");
}

#[test]
fn recursive_follow_picks_up_children_that_appear_later() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args([
            "list",
            "exec-live-parent",
            "-r",
            "-f",
            "--interval",
            "1s",
            "-o",
            "jsonl",
        ])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
    let followed = parse_jsonl(&out.get_output().stdout);
    for id in [
        "exec-live-parent",
        "exec-live-parent-early",
        "exec-live-parent-late",
    ] {
        // Each execution's entries, exactly once and in its own order.
        let mine: Vec<String> = followed
            .iter()
            .filter(|e| e["ExecutionId"] == id)
            .map(|e| e["Message"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(mine, all_messages(&em, id), "{id}");
    }
    assert!(
        followed
            .iter()
            .any(|e| e["ExecutionId"] == "exec-live-parent-late"),
        "the child that appeared after the start was followed"
    );
}

#[test]
fn sigterm_closes_the_output_and_gives_the_resume_point() {
    let em = emulator();
    let home = home();
    let child = spawn_piped(
        &em,
        home.path(),
        &[
            "list",
            "exec-live-success-30x200",
            "-f",
            "--interval",
            "1s",
            "-o",
            "json",
        ],
    );
    std::thread::sleep(Duration::from_millis(1500));
    send_signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(143), "{}", text(&out.stderr));
    // The JSON document is closed: a complete, parseable document of what was printed.
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let printed = doc["ExecutionLogs"].as_array().unwrap().len();
    assert!(printed > 0);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("printed before the termination; resume with"),
        "{stderr}"
    );
}

#[test]
fn a_merged_follow_prints_each_poll_before_it_sleeps() {
    // Two streams from the start (the parent and its early child): the merged path. What
    // a poll wrote must reach stdout before the 5 s sleep, not with the next poll.
    let em = emulator();
    let home = home();
    let mut child = spawn_piped(
        &em,
        home.path(),
        &[
            "list",
            "exec-live-parent",
            "-r",
            "-f",
            "--interval",
            "5s",
            "-o",
            "jsonl",
        ],
    );
    let stdout = child.stdout.take().unwrap();
    let (lines, arrived) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead as _;
        for line in std::io::BufReader::new(stdout).lines() {
            let _ = lines.send(line.unwrap());
        }
    });
    // The first poll is done well within 3 s, and the next comes at 5 s.
    std::thread::sleep(Duration::from_secs(3));
    let before: Vec<String> = arrived.try_iter().collect();
    send_signal(child.id(), "TERM");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    let after: Vec<String> = arrived.iter().collect();
    assert!(!before.is_empty(), "the first poll printed entries");
    assert!(
        after.is_empty(),
        "{} entries of the first poll were held until the end: {after:?}",
        after.len()
    );
}
