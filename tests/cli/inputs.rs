//! Inputs without bounds (issue 13, items 5, 6 and 9 and the small ones): the OIDC token file,
//! the credentials command's output and lifetime, config files others can write, a secret on
//! stdin, and profile names in errors, JSON and completion.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use oos_logs::emulator::{self, BackgroundEmulator, sts};

use crate::support::{
    aliyun_config, bare_cmd, emulator, home, oos_config, parse_jsonl, text, write_file,
};

const AK: &str = emulator::DEMO_ACCESS_KEY_ID;
const SECRET: &str = emulator::DEMO_ACCESS_KEY_SECRET;

/// Generous: a run that hangs is stopped after this and fails its test.
const HANG: Duration = Duration::from_secs(30);

/// `bare_cmd` with OOS and STS at the emulator, a region, a PATH for the helper scripts, and
/// a bound on how long it may run.
fn run(em: &BackgroundEmulator, home: &Path) -> assert_cmd::Command {
    let mut c = bare_cmd(home);
    c.env("OOS_LOGS_ENDPOINT", em.url())
        .env("ALIBABA_CLOUD_STS_ENDPOINT", em.url())
        .env("ALIBABA_CLOUD_REGION_ID", emulator::DEMO_REGION)
        .env("PATH", "/usr/bin:/bin")
        .timeout(HANG);
    c
}

/// The exit code and stderr of `list exec-small` run by `c`.
fn list(c: &mut assert_cmd::Command) -> (Option<i32>, String) {
    let out = c
        .args(["list", "exec-small", "-o", "jsonl"])
        .output()
        .unwrap();
    (out.status.code(), text(&out.stderr))
}

/// An executable shell script in `home`.
fn script(home: &Path, name: &str, body: &str) -> PathBuf {
    let path = write_file(home.join(name), &format!("#!/bin/sh\n{body}\n"));
    set_mode(&path, 0o700);
    path
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A config whose default profile runs `command`.
fn external(command: &Path) -> String {
    format!(
        "[profiles.default]\nmode = \"external\"\nprocess_command = \"{}\"\n",
        command.display()
    )
}

/// The echo of good AccessKey credentials, for a helper script.
fn print_credentials() -> String {
    format!(
        "echo '{{\"mode\":\"AK\",\"access_key_id\":\"{AK}\",\"access_key_secret\":\"{SECRET}\"}}'"
    )
}

/// Makes a FIFO at `path` with the system's `mkfifo`; the test fails (never skips) without it.
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("this test needs mkfifo (coreutils)");
    assert!(made.success(), "mkfifo {}", path.display());
}

// ---- item 5: the OIDC token file ----

/// `run` with the three OIDC variables, the token read from `token_file`.
fn oidc(em: &BackgroundEmulator, home: &Path, token_file: &Path) -> assert_cmd::Command {
    let mut c = run(em, home);
    c.env("ALIBABA_CLOUD_ROLE_ARN", sts::DEMO_ROLE_ARN)
        .env(
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            sts::DEMO_OIDC_PROVIDER_ARN,
        )
        .env("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file)
        .arg("--no-credential-cache");
    c
}

#[test]
fn an_oidc_token_file_that_is_a_fifo_is_refused_not_waited_on() {
    let (em, home) = (emulator(), home());
    let fifo = home.path().join("token");
    mkfifo(&fifo);
    let (code, stderr) = list(&mut oidc(&em, home.path(), &fifo));
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the OIDC token file {} is not a regular file (it is a FIFO): refusing to read it",
            fifo.display()
        )),
        "{stderr}"
    );
    assert_eq!(em.stats().action_count("AssumeRoleWithOIDC"), 0);
}

#[test]
fn an_oidc_token_file_that_is_a_device_or_too_large_is_refused_unread() {
    let (em, home) = (emulator(), home());
    let (code, stderr) = list(&mut oidc(&em, home.path(), Path::new("/dev/zero")));
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("(it is a device)"), "{stderr}");
    let big = write_file(home.path().join("big-token"), &"e".repeat(65 * 1024));
    let (code, stderr) = list(&mut oidc(&em, home.path(), &big));
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("is larger than 64 KiB: refusing to read it"),
        "{stderr}"
    );
    assert_eq!(em.stats().action_count("AssumeRoleWithOIDC"), 0);
    // A token within the cap still works.
    let token = write_file(home.path().join("token"), sts::DEMO_OIDC_TOKEN);
    let out = oidc(&em, home.path(), &token)
        .args(["list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(parse_jsonl(&out.get_output().stdout).len(), 7);
}

// ---- item 6: the credentials command ----

#[test]
fn a_credentials_command_flooding_stderr_is_stopped_at_the_cap() {
    let (em, home) = (emulator(), home());
    let helper = script(
        home.path(),
        "flood.sh",
        "while :; do echo 'error: cannot reach the vault, retrying' >&2; done",
    );
    oos_config(home.path(), &external(&helper));
    let (code, stderr) = list(run(&em, home.path()).args(["--read-timeout", "20s"]));
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("printed more than 1024 KiB on stderr; it was stopped"),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot reach the vault"), "{stderr}");
}

#[test]
fn a_credentials_command_flooding_stdout_is_stopped_at_the_cap() {
    let (em, home) = (emulator(), home());
    let helper = script(home.path(), "yes.sh", "exec yes '{\"mode\":\"AK\"}'");
    oos_config(home.path(), &external(&helper));
    let (code, stderr) = list(run(&em, home.path()).args(["--read-timeout", "20s"]));
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("printed more than 64 KiB on stdout; it was stopped"),
        "{stderr}"
    );
}

#[test]
fn a_credentials_command_that_exits_leaving_a_child_on_its_stdout_succeeds() {
    let (em, home) = (emulator(), home());
    // The helper prints good credentials and exits 0; the `sleep` it leaves behind holds its
    // stdout and stderr for 60 s, longer than --read-timeout.
    let helper = script(
        home.path(),
        "leaves-a-child.sh",
        &format!("{}\nsleep 60 &\nexit 0", print_credentials()),
    );
    oos_config(home.path(), &external(&helper));
    let out = run(&em, home.path())
        .args(["--read-timeout", "10s", "list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(parse_jsonl(&out.get_output().stdout).len(), 7);
}

// ---- item 9: a config file others can write ----

#[test]
fn a_config_others_can_write_is_refused_before_its_command_runs() {
    let (em, home) = (emulator(), home());
    let ran = home.path().join("ran");
    let helper = script(
        home.path(),
        "helper.sh",
        &format!("touch '{}'\n{}", ran.display(), print_credentials()),
    );
    let config = oos_config(home.path(), &external(&helper));
    for (mode, who, fix) in [
        (0o666, "group and others", "chmod go-w"),
        (0o602, "others", "chmod go-w"),
        (0o620, "group", "chmod go-w"),
    ] {
        set_mode(&config, mode);
        let (code, stderr) = list(&mut run(&em, home.path()));
        assert_eq!(code, Some(3), "{mode:o}: {stderr}");
        let expected = format!(
            "the oos-logs config {} is writable by {who} (mode {mode:03o}): refusing to use its profiles",
            config.display()
        );
        assert!(stderr.contains(&expected), "{mode:o}: {stderr}");
        assert!(
            stderr.contains(&format!("{fix} {}", config.display())),
            "{stderr}"
        );
        assert!(!ran.exists(), "{mode:o}: the command ran");
    }
    // Pinned with --profile, and from the aliyun CLI config, the same.
    std::fs::remove_file(&config).unwrap();
    let aliyun = aliyun_config(
        home.path(),
        &format!(
            r#"{{"current":"x","profiles":[{{"name":"x","mode":"External","process_command":"{}"}}]}}"#,
            helper.display()
        ),
    );
    set_mode(&aliyun, 0o646);
    for args in [&[][..], &["--profile", "x"][..]] {
        let (code, stderr) = list(run(&em, home.path()).args(args));
        assert_eq!(code, Some(3), "{stderr}");
        assert!(
            stderr.contains("aliyun CLI config") && stderr.contains("writable by others"),
            "{stderr}"
        );
        assert!(!ran.exists(), "the command ran");
    }
    set_mode(&aliyun, 0o600);
    let (code, stderr) = list(&mut run(&em, home.path()));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(ran.exists(), "a private config's command runs");
}

#[test]
fn a_config_with_a_secret_says_whether_group_or_others_can_read_it() {
    let (em, home) = (emulator(), home());
    let config = oos_config(
        home.path(),
        &format!(
            "[profiles.default]\naccess_key_id = \"{AK}\"\naccess_key_secret = \"{SECRET}\"\n"
        ),
    );
    for (mode, who) in [
        (0o640, "group"),
        (0o604, "others"),
        (0o644, "group and others"),
    ] {
        set_mode(&config, mode);
        let (code, stderr) = list(&mut run(&em, home.path()));
        assert_eq!(code, Some(0), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "{} holds a secret and is readable by {who} (mode {mode:03o}); run: chmod 600 {}",
                config.display(),
                config.display()
            )),
            "{mode:o}: {stderr}"
        );
    }
    // Execute bits alone let nobody read it.
    set_mode(&config, 0o611);
    let (code, stderr) = list(&mut run(&em, home.path()));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("readable"), "{stderr}");
}

// ---- the small ones ----

#[test]
fn a_secret_on_stdin_without_an_end_of_line_is_refused_at_the_cap() {
    let home = home();
    // assert_cmd would read all of /dev/zero into memory first: the binary reads it itself.
    let mut child = std::process::Command::new(crate::support::binary())
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .args(["configure", "--non-interactive", "--secret-stdin"])
        .args(["--region", "cn-hangzhou", "--access-key-id", AK])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() && started.elapsed() < HANG {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the secret on stdin is longer than 64 KiB"),
        "{stderr}"
    );
    assert!(!crate::support::oos_config_path(home.path()).exists());
}

#[test]
fn an_unknown_profile_among_fifty_thousand_names_a_few_and_the_closest() {
    let home = home();
    let mut body = String::from("[profiles.production]\n");
    for i in 0..50_000 {
        body.push_str(&format!("[profiles.p{i:05}]\n"));
    }
    oos_config(home.path(), &body);
    let out = bare_cmd(home.path())
        .args(["--profile", "prodution", "list", "exec-small"])
        .timeout(HANG)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr:.2000}");
    assert!(
        stderr.len() < 4096,
        "{} bytes: {stderr:.2000}",
        stderr.len()
    );
    assert!(
        stderr.contains("did you mean \"production\"?") && stderr.contains(" and 49991 more"),
        "{stderr}"
    );
}

#[test]
fn profiles_json_carries_the_real_names() {
    let home = home();
    oos_config(
        home.path(),
        &format!(
            "[profiles.\"rtl\\u202Eevil\"]\naccess_key_id = \"{AK}\"\naccess_key_secret = \"{SECRET}\"\n[profiles.\"tab\\tname\"]\nmode = \"ecs_ram_role\"\n"
        ),
    );
    let out = bare_cmd(home.path())
        .args(["profiles", "-o", "json"])
        .timeout(HANG)
        .assert()
        .code(3);
    let stdout = text(&out.get_output().stdout);
    assert!(
        !stdout.contains('\u{202e}'),
        "raw on the terminal: {stdout}"
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let names: Vec<&str> = doc["Profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["rtl\u{202e}evil", "tab\tname"], "{stdout}");
    // The table shows them escaped.
    let out = bare_cmd(home.path()).arg("profiles").assert().code(3);
    let table = text(&out.get_output().stdout);
    assert!(
        table.contains("rtl\\u{202e}evil") && table.contains("tab\\tname"),
        "{table}"
    );
}

#[test]
fn completion_offers_only_names_that_can_be_typed_safely() {
    let home = home();
    let mut body = String::new();
    for name in [
        "prod",
        "ci-eu_1.x@corp",
        "rtl\\u202Eevil",
        "zero\\u200Bwidth",
        "semi;colon",
        "glob*",
        "paren(s)",
        "tab\\tname",
    ] {
        body.push_str(&format!("[profiles.\"{name}\"]\nmode = \"ecs_ram_role\"\n"));
    }
    oos_config(home.path(), &body);
    let out = bare_cmd(home.path())
        .arg("__complete-profiles")
        .timeout(HANG)
        .assert()
        .success();
    assert_eq!(
        text(&out.get_output().stdout),
        "ci-eu_1.x@corp\nprod\n",
        "only names a shell takes as one plain word"
    );
}
