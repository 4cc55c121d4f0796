//! Daily use: the pager for tables on a terminal, progress on stderr for long runs into a
//! file, `profiles -o json`, `cache path` / `cache clear`, `--no-headers`, and the hint for
//! an https endpoint that speaks plain HTTP.
//!
//! The terminal tests run oos-logs under `script` (a pty), with a fake pager that writes what
//! it reads to a file.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use oos_logs::emulator::Faults;
use predicates::prelude::*;

use crate::support::{bare_cmd, cmd, emulator, emulator_with, home, std_cmd, text};

const SCRIPT: &str = "/usr/bin/script";

/// Runs `command` (a shell command line) under `script`, so that oos-logs has a terminal, in
/// the hermetic environment of `std_cmd` plus `extra`. Returns the exit code and what the
/// terminal showed; None when there is no `script` (the test says it is skipped).
fn on_terminal(
    em: &oos_logs::emulator::BackgroundEmulator,
    home: &Path,
    command: &str,
    extra: &[(&str, &str)],
) -> Option<(i32, String)> {
    if !Path::new(SCRIPT).exists() {
        eprintln!("skipped: no {SCRIPT} to give oos-logs a terminal");
        return None;
    }
    let hermetic = std_cmd(em, home);
    let mut env: Vec<_> = hermetic
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned())))
        .collect();
    env.push(("PATH".into(), std::env::var_os("PATH").unwrap_or_default()));
    env.push(("COLUMNS".into(), "120".into()));
    let child = std::process::Command::new(SCRIPT)
        .args(["-qec", command, "/dev/null"])
        .env_clear()
        .envs(env)
        .envs(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .stdin(Stdio::piped())
        .output()
        .unwrap();
    Some((child.status.code().unwrap_or(-1), text(&child.stdout)))
}

fn bin() -> String {
    crate::support::binary().display().to_string()
}

/// A pager that keeps what it reads in `file`.
fn recording_pager(file: &Path) -> String {
    format!("sh -c 'cat > {}'", file.display())
}

#[test]
fn a_table_on_a_terminal_goes_through_the_pager() {
    let em = emulator();
    let home = home();
    let paged = home.path().join("paged");
    let pager = recording_pager(&paged);
    let Some((code, screen)) = on_terminal(
        &em,
        home.path(),
        &format!("{} list exec-small", bin()),
        &[("OOS_LOGS_PAGER", &pager)],
    ) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    let table = std::fs::read_to_string(&paged).expect("the pager ran");
    assert!(
        table.starts_with('┌') && table.contains("MESSAGE"),
        "{table}"
    );
    assert!(table.trim_end().ends_with('┘'), "the whole table: {table}");
    assert!(
        !screen.contains("MESSAGE"),
        "the table went to the pager only"
    );
    // status and executions page their tables too; PAGER is used without OOS_LOGS_PAGER.
    for (i, command) in ["status exec-demo-failed", "executions"].iter().enumerate() {
        let file = home.path().join(format!("paged-{i}"));
        let (code, screen) = on_terminal(
            &em,
            home.path(),
            &format!("{} {command}", bin()),
            &[("PAGER", &recording_pager(&file))],
        )
        .unwrap();
        assert_eq!(code, 0, "{screen}");
        assert!(
            std::fs::read_to_string(&file).is_ok_and(|t| t.contains('┌')),
            "{command}: no table in the pager"
        );
    }
}

#[test]
fn no_pager_with_the_flag_while_following_on_a_pipe_or_for_other_formats() {
    let em = emulator();
    let home = home();
    let paged = home.path().join("paged");
    let pager = recording_pager(&paged);
    let b = bin();
    for command in [
        format!("{b} list exec-small --no-pager"),
        format!("{b} list exec-small -f --interval 1s"),
        format!("{b} list exec-small -o table | cat"),
        format!("{b} list exec-small -o plain"),
        format!("{b} status exec-small --no-pager"),
        format!("{b} executions --no-pager"),
        format!("OOS_LOGS_PAGER=cat {b} list exec-small"),
    ] {
        let Some((code, screen)) =
            on_terminal(&em, home.path(), &command, &[("OOS_LOGS_PAGER", &pager)])
        else {
            return;
        };
        assert_eq!(code, 0, "{command}: {screen}");
        assert!(!paged.exists(), "{command}: the pager ran");
        assert!(screen.contains("exec-small"), "{command}: {screen}");
    }
}

#[test]
fn a_pager_quit_early_ends_the_run_like_a_closed_pipe() {
    let em = emulator();
    let home = home();
    let Some((code, screen)) = on_terminal(
        &em,
        home.path(),
        &format!("{} list exec-large-50000 --all", bin()),
        &[("OOS_LOGS_PAGER", "sh -c 'head -c 100 >/dev/null'")],
    ) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains("oos-logs"), "silently: {screen}");
    assert!(
        em.stats().requests() < 1000,
        "stopped early: {} requests",
        em.stats().requests()
    );
}

#[test]
fn a_pager_that_cannot_start_is_named_and_the_table_printed() {
    let em = emulator();
    let home = home();
    let Some((code, screen)) = on_terminal(
        &em,
        home.path(),
        &format!("{} list exec-small", bin()),
        &[("OOS_LOGS_PAGER", "/nonexistent/pager -x")],
    ) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("cannot start the pager"), "{screen}");
    assert!(screen.contains("MESSAGE"), "printed directly: {screen}");
}

#[test]
fn ctrl_c_while_the_pager_does_not_read_waits_for_it_and_counts_exactly() {
    let em = emulator();
    let home = home();
    let dir = home.path();
    let paged = dir.join("paged");
    let done = dir.join("pager-done");
    let pid = dir.join("pid");
    let pager = dir.join("pager.sh");
    // A pager that reads nothing for 3 s (the user looks at the first screen), then all.
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\nsleep 3\ncat > {}\ntouch {}\n",
            paged.display(),
            done.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    if !Path::new(SCRIPT).exists() {
        eprintln!("skipped: no {SCRIPT}");
        return;
    }
    let pid_file = pid.clone();
    let interrupter = std::thread::spawn(move || {
        for _ in 0..200 {
            if let Ok(p) = std::fs::read_to_string(&pid_file)
                && !p.trim().is_empty()
            {
                std::thread::sleep(Duration::from_millis(1500));
                let _ = std::process::Command::new("kill")
                    .args(["-INT", p.trim()])
                    .status();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    let command = format!(
        "sh -c '{} list exec-large-100000 --all & echo $! > {}; wait $!'",
        bin(),
        pid.display()
    );
    let pager_text = pager.display().to_string();
    let (code, screen) = on_terminal(
        &em,
        dir,
        &command,
        &[("OOS_LOGS_PAGER", pager_text.as_str())],
    )
    .unwrap();
    interrupter.join().unwrap();
    assert_eq!(code, 130, "{screen}");
    assert!(done.exists(), "oos-logs exited before its pager");
    let table = std::fs::read_to_string(&paged).unwrap();
    let rows = table.lines().filter(|l| l.starts_with("│ 20")).count();
    let reported: u64 = screen
        .split("oos-logs: ")
        .find_map(|s| s.strip_suffix_before(" entries were printed"))
        .expect("a count")
        .parse()
        .unwrap();
    assert_eq!(
        rows as u64, reported,
        "what was counted is what the pager got"
    );
    assert!(table.trim_end().ends_with('┘'), "the table was closed");
    assert!(screen.contains("resume with --next-token"), "{screen}");
}

/// `"19850 entries were printed ..."` → `"19850"`.
trait Before {
    fn strip_suffix_before(&self, marker: &str) -> Option<&str>;
}

impl Before for str {
    fn strip_suffix_before(&self, marker: &str) -> Option<&str> {
        self.find(marker).map(|i| &self[..i])
    }
}

#[test]
fn progress_on_the_terminal_while_stdout_goes_to_a_file() {
    // Throttled now and then, with a wait the service asks for.
    let em = emulator_with(Faults {
        throttle_every: Some(25),
        retry_after_ms: 400,
        ..Faults::default()
    });
    let home = home();
    let file = home.path().join("entries.jsonl");
    let Some((code, screen)) = on_terminal(
        &em,
        home.path(),
        &format!(
            "{} list exec-large-5000 --all -o jsonl > {}",
            bin(),
            file.display()
        ),
        // indicatif draws on a terminal it knows (TERM unset or dumb: nothing).
        &[("TERM", "xterm")],
    ) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains(" entries · "), "{screen:?}");
    assert!(screen.contains(" pages"), "{screen:?}");
    assert!(
        screen.contains("retry 1/4 in 0.4 s: the service asked to wait (x-acs-retry-after)"),
        "{screen:?}"
    );
    assert!(screen.ends_with("\x1b[2K"), "gone when done: {screen:?}");
    let entries = std::fs::read_to_string(&file).unwrap();
    assert_eq!(entries.lines().count(), 5000);
    assert!(entries.lines().all(|l| l.starts_with('{')), "entries only");
}

#[test]
fn no_progress_without_a_terminal_or_while_following() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-large-2000", "--all", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stderr), "");
    let file = home.path().join("entries.txt");
    let Some((code, screen)) = on_terminal(
        &em,
        home.path(),
        &format!(
            "{} list exec-small -f --interval 1s -o plain > {}",
            bin(),
            file.display()
        ),
        &[("TERM", "xterm")],
    ) else {
        return;
    };
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains(" entries · "), "{screen:?}");
}

#[test]
fn profiles_as_json_without_a_secret() {
    let home = home();
    let config = home.path().join(".config/oos-logs/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "default_profile = \"prod\"\n[profiles.prod]\naccess_key_id = \"LTAI5tProdKey0000abcd\"\naccess_key_secret = \"prod-secret-value\"\nregion_id = \"cn-hangzhou\"\n\n[profiles.dev]\naccess_key_id = \"LTAI5tDevKey00000wxyz\"\naccess_key_secret = \"dev-secret-value\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let out = bare_cmd(home.path())
        .args(["profiles", "-o", "json"])
        .assert()
        .success();
    let stdout = text(&out.get_output().stdout);
    for secret in [
        "prod-secret-value",
        "dev-secret-value",
        "LTAI5tProdKey0000abcd",
    ] {
        assert!(!stdout.contains(secret), "{secret} shown: {stdout}");
    }
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    let profiles = doc["Profiles"].as_array().unwrap();
    let prod = profiles.iter().find(|p| p["Name"] == "prod").unwrap();
    assert_eq!(prod["Default"], true);
    assert_eq!(prod["InUse"], true);
    assert_eq!(prod["Mode"], "ak");
    assert_eq!(prod["RegionId"], "cn-hangzhou");
    assert_eq!(prod["AccessKeyId"], "LTAI****abcd");
    assert!(prod["Source"].as_str().unwrap().ends_with("config.toml"));
    let dev = profiles.iter().find(|p| p["Name"] == "dev").unwrap();
    assert_eq!(dev["InUse"], false);
    assert_eq!(dev["RegionId"], serde_json::Value::Null);
    assert!(
        doc["InUse"]["Source"]
            .as_str()
            .unwrap()
            .contains("profile \"prod\""),
        "{doc}"
    );
    assert!(!doc["Reason"].as_str().unwrap().is_empty());
    // Pinned to dev: the same document says so; no credentials at all: InUse null, exit 3.
    let pinned = bare_cmd(home.path())
        .args(["profiles", "-o", "json", "--profile", "dev"])
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&pinned.get_output().stdout).unwrap();
    assert!(
        doc["Profiles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["Name"] == "dev" && p["InUse"] == true)
    );
    let empty = crate::support::home();
    let none = bare_cmd(empty.path())
        .args(["profiles", "-o", "json"])
        .assert()
        .code(3);
    let doc: serde_json::Value = serde_json::from_slice(&none.get_output().stdout).unwrap();
    assert_eq!(doc["InUse"], serde_json::Value::Null);
    assert_eq!(doc["Profiles"], serde_json::json!([]));
}

#[test]
fn cache_path_and_clear() {
    let home = home();
    let cache = home.path().join("cache");
    let dir = cache.join("oos-logs").join("credentials");
    let shown = bare_cmd(home.path())
        .env("XDG_CACHE_HOME", &cache)
        .arg("cache")
        .assert()
        .success();
    assert_eq!(
        text(&shown.get_output().stdout),
        format!("{}\n", dir.display())
    );
    bare_cmd(home.path())
        .env("XDG_CACHE_HOME", &cache)
        .args(["cache", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", dir.display()));
    bare_cmd(home.path())
        .env("XDG_CACHE_HOME", &cache)
        .args(["cache", "clear"])
        .assert()
        .success()
        .stdout(predicate::str::contains("removed 0 files"));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a", "b"] {
        let file = oos_api::credentials::cache::cache_file(&cache, name);
        std::fs::write(file, "{}").unwrap();
    }
    std::fs::write(dir.join("keep.txt"), "not ours").unwrap();
    bare_cmd(home.path())
        .env("XDG_CACHE_HOME", &cache)
        .args(["cache", "clear"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "removed 2 files from the credentials cache",
        ));
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "only oos-logs' own files go");
}

#[test]
fn no_headers_for_table_and_plain() {
    let em = emulator();
    let home = home();
    let with = cmd(&em, home.path())
        .args(["list", "exec-small", "-o", "table"])
        .assert()
        .success();
    assert!(text(&with.get_output().stdout).contains("MESSAGE"));
    let without = cmd(&em, home.path())
        .args(["list", "exec-small", "-o", "table", "--no-headers"])
        .assert()
        .success();
    let table = text(&without.get_output().stdout);
    assert!(
        !table.contains("MESSAGE") && !table.contains('╞'),
        "{table}"
    );
    assert!(
        table.starts_with('┌') && table.contains("exec-small"),
        "{table}"
    );
    // plain has no header row: the flag changes nothing.
    let plain = |extra: &[&str]| {
        let out = cmd(&em, home.path())
            .args(["list", "exec-small", "-o", "plain"])
            .args(extra)
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    assert_eq!(plain(&[]), plain(&["--no-headers"]));
    let executions = cmd(&em, home.path())
        .args(["executions", "-o", "table", "--no-headers"])
        .assert()
        .success();
    let table = text(&executions.get_output().stdout);
    assert!(
        !table.contains("TEMPLATE") && table.contains("exec-small"),
        "{table}"
    );
}

#[test]
fn a_bare_endpoint_speaking_plain_http_gets_a_hint() {
    let em = emulator();
    let home = home();
    let bare = em
        .url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let out = cmd(&em, home.path())
        .env("OOS_LOGS_ENDPOINT", &bare)
        .args(["list", "exec-small", "--retries", "0"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(7);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains(&format!(
            "the server at {bare} answered without TLS: it may speak plain HTTP"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: an --endpoint without a scheme means https")
            && stderr.contains("--endpoint http://host:port"),
        "{stderr}"
    );
    // The same with the flag.
    cmd(&em, home.path())
        .args(["--endpoint", &bare, "list", "exec-small", "--retries", "0"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(7)
        .stderr(predicate::str::contains("may speak plain HTTP"));
}
