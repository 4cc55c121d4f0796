//! Pipes, colours and traces.

use std::io::{BufRead as _, BufReader};
use std::process::Stdio;

use oos_logs::emulator;

use crate::support::{cmd, emulator, home, std_cmd, text};

#[test]
fn a_closed_pipe_exits_0_silently() {
    let (em, home) = (emulator(), home());
    let mut child = std_cmd(&em, home.path())
        .args([
            "list",
            "exec-large-100000",
            "--all",
            "--page-size",
            "100",
            "-o",
            "plain",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("2024-06-01T00:00:00Z"));
    // The reader is gone (as with `| head -1`).
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
    assert!(
        em.stats().requests() < 1000,
        "it stopped early, after {} requests",
        em.stats().requests()
    );
}

#[test]
fn colour_always_colours_only_the_type() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "--color",
            "always",
            "list",
            "exec-demo-failed",
            "--all",
            "-o",
            "plain",
        ])
        .assert()
        .success();
    let stdout = text(&out.get_output().stdout);
    assert!(stdout.contains("\t\x1b[31mError\x1b[0m\t"), "{stdout:?}");
    assert!(stdout.contains("\t\x1b[36mSystem\x1b[0m\t"));
    assert!(stdout.contains("\t\x1b[33mWarning\x1b[0m\t"));
}

#[test]
fn colour_auto_follows_no_color_and_clicolor_force() {
    let (em, home) = (emulator(), home());
    let run = |envs: &[(&str, &str)]| {
        let mut c = cmd(&em, home.path());
        c.env_remove("NO_COLOR");
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c
            .args(["list", "exec-demo-failed", "-o", "table"])
            .assert()
            .success();
        out.get_output().stdout.contains(&0x1b)
    };
    assert!(!run(&[]), "not a terminal: no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")]));
    assert!(
        !run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR wins"
    );
    let never = cmd(&em, home.path())
        .env("CLICOLOR_FORCE", "1")
        .args([
            "--color",
            "never",
            "list",
            "exec-demo-failed",
            "-o",
            "table",
        ])
        .assert()
        .success();
    assert!(!never.get_output().stdout.contains(&0x1b));
}

#[test]
fn traces_never_contain_the_secret_or_the_token() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            emulator::DEMO_STS_ACCESS_KEY_ID,
        )
        .env(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            emulator::DEMO_STS_ACCESS_KEY_SECRET,
        )
        .env(
            "ALIBABA_CLOUD_SECURITY_TOKEN",
            emulator::DEMO_SECURITY_TOKEN,
        )
        .args([
            "-vv",
            "list",
            "exec-small",
            "--all",
            "--page-size",
            "3",
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    let stderr = text(&out.get_output().stderr);
    assert!(stderr.contains("> POST http://127.0.0.1:"), "{stderr}");
    assert!(stderr.contains("< HTTP 200"), "{stderr}");
    assert!(
        stderr.contains("\"ExecutionLogs\""),
        "-vv shows bodies: {stderr}"
    );
    for secret in [
        emulator::DEMO_STS_ACCESS_KEY_SECRET,
        emulator::DEMO_SECURITY_TOKEN,
    ] {
        assert!(!stderr.contains(secret), "{secret} leaked");
        assert!(
            !stderr.contains(&oos_api::signer::percent_encode(secret)),
            "{secret} leaked encoded"
        );
    }
    // The emulator saw the token: the STS request was real.
    assert!(
        em.stats()
            .recent_requests()
            .iter()
            .all(|r| r.param("SecurityToken") == Some(emulator::DEMO_SECURITY_TOKEN))
    );
}

#[test]
fn completions_into_a_closed_pipe_exit_0() {
    let mut child = std::process::Command::new(crate::support::binary())
        .env_clear()
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_130_with_complete_output_and_a_resume_token() {
    let home = home();
    let em = crate::support::emulator_with(oos_logs::emulator::Faults {
        latency: std::time::Duration::from_millis(200),
        ..Default::default()
    });
    let mut child = std_cmd(&em, home.path())
        .args([
            "list",
            "exec-large-1000",
            "--all",
            "--page-size",
            "10",
            "-o",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    // Wait until the first page is out (its first entry closes on a line of its own).
    while !printed.contains("    }") {
        stdout.read_line(&mut printed).unwrap();
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    std::io::Read::read_to_string(&mut stdout, &mut printed).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(
        stderr.contains("entries were printed before the interruption; resume with --next-token "),
        "{stderr}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&printed).expect("the JSON document is closed");
    assert!(!doc["ExecutionLogs"].as_array().unwrap().is_empty());
}
