//! `oos-logs emulator`: a real server a user can point their own scripts at.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Stdio};

use oos_logs::emulator;

use crate::support::{binary, home, parse_jsonl, text};

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `oos-logs emulator ARGS` and returns it with the URL from its first line.
fn start(args: &[&str]) -> (KillOnDrop, String, Vec<String>) {
    let mut child = std::process::Command::new(binary())
        .env_clear()
        .arg("emulator")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..7 {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        lines.push(line.trim_end().to_owned());
    }
    let url = lines[0]
        .strip_prefix("listening on ")
        .expect("first line names the URL")
        .to_owned();
    (KillOnDrop(child), url, lines)
}

#[test]
fn the_emulator_command_serves_the_demo_credentials() {
    let (_server, url, banner) = start(&["--port", "0"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let banner = banner.join("\n");
    assert!(
        banner.contains(emulator::DEMO_ACCESS_KEY_ID)
            && banner.contains(emulator::DEMO_ACCESS_KEY_SECRET),
        "{banner}"
    );
    let home = home();
    let out = crate::support::demo_key_cmd(home.path())
        .args([
            "--endpoint",
            &url,
            "--region",
            "cn-hangzhou",
            "list",
            "exec-small",
            "-o",
            "jsonl",
        ])
        .assert()
        .success();
    assert_eq!(parse_jsonl(&out.get_output().stdout).len(), 7);
}

#[test]
fn the_emulator_command_injects_faults_from_flags() {
    let (_server, url, _) = start(&["--fail-every", "1"]);
    let home = home();
    let out = crate::support::demo_key_cmd(home.path())
        .args([
            "--endpoint",
            &url,
            "--region",
            "cn-hangzhou",
            "--retries",
            "0",
            "list",
            "exec-small",
        ])
        .assert()
        .code(6);
    assert!(text(&out.get_output().stderr).contains("ServiceUnavailable"));
}
