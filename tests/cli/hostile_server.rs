//! A server written to misbehave (DESIGN §10): bodies that drip, bodies too large, JSON nested
//! absurdly deep, page tokens that are not tokens, and error texts that forge lines of
//! oos-logs' own output. Each through the real binary against the emulator, OOS and the
//! credential services alike: the exit code, the message, no forged line, a bounded run.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use oos_logs::emulator::{self, Faults, sts};

use crate::support::{
    bare_cmd, binary, cmd, demo_key_cmd, emulator, emulator_with, expected_lines, home, text,
};

/// A line of stderr that reads like one of oos-logs' own but came from the server.
fn forged_line(stderr: &str) -> Option<&str> {
    stderr.lines().find(|l| {
        let l = l.trim_start();
        l.starts_with("hint: forged") || l.starts_with("RequestId: FORGED")
    })
}

/// Runs `c`; returns the exit code, stdout, stderr and the wall time.
fn run(c: &mut assert_cmd::Command) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let out = c.output().expect("the binary runs");
    (
        out.status.code().expect("an exit code, not a signal"),
        text(&out.stdout),
        text(&out.stderr),
        started.elapsed(),
    )
}

/// A `ram_role_arn` profile for the emulator's STS, written to the oos-logs config in `home`.
fn role_profile(home: &Path) {
    let path = home.join(".config/oos-logs/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        format!(
            "[profiles.default]\nmode = \"ram_role_arn\"\naccess_key_id = \"{}\"\naccess_key_secret = \"{}\"\nram_role_arn = \"{}\"\nram_session_name = \"hostile\"\n",
            emulator::DEMO_ACCESS_KEY_ID,
            emulator::DEMO_ACCESS_KEY_SECRET,
            sts::DEMO_ROLE_ARN
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// `oos-logs` with the role profile, OOS and STS at the emulator.
fn role_cmd(em: &emulator::BackgroundEmulator, home: &Path) -> assert_cmd::Command {
    role_profile(home);
    let mut c = bare_cmd(home);
    c.env("OOS_LOGS_ENDPOINT", em.url())
        .env("ALIBABA_CLOUD_STS_ENDPOINT", em.url())
        .env("ALIBABA_CLOUD_REGION_ID", emulator::DEMO_REGION)
        .arg("--no-credential-cache");
    c
}

// ---- size cap ----

#[test]
fn a_body_over_the_default_cap_fails_with_its_size_and_is_read_once() {
    let em = emulator_with(Faults {
        huge_body_mib: Some(100),
        ..Faults::default()
    });
    let home = home();
    let (code, stdout, stderr, _) =
        run(cmd(&em, home.path()).args(["list", "exec-small", "-o", "jsonl"]));
    assert_eq!(code, 6, "{stderr}");
    assert!(
        stderr.contains("larger than the 64 MiB limit (--max-response-size)"),
        "{stderr}"
    );
    assert!(stdout.is_empty());
    assert_eq!(
        em.stats().requests(),
        1,
        "not retried: it would be read again"
    );
}

#[test]
fn max_response_size_sets_the_cap() {
    let em = emulator_with(Faults {
        huge_body_mib: Some(4),
        ..Faults::default()
    });
    let home = home();
    let (code, _, stderr, _) = run(cmd(&em, home.path()).args([
        "list",
        "exec-small",
        "-o",
        "jsonl",
        "--max-response-size",
        "1MiB",
    ]));
    assert_eq!(code, 6, "{stderr}");
    assert!(stderr.contains("larger than the 1 MiB limit"), "{stderr}");
    // Under a larger cap, the same 4 MiB page is a page like any other.
    let (code, stdout, stderr, _) = run(cmd(&em, home.path()).args([
        "list",
        "exec-small",
        "-o",
        "jsonl",
        "--max-response-size",
        "8MiB",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.lines().count() > 10_000);
}

#[test]
fn a_credentials_uri_answer_over_the_cap_fails_with_its_size() {
    let em = emulator_with(Faults {
        huge_body_mib: Some(80),
        ..Faults::default()
    });
    let home = home();
    let (code, _, stderr, _) = run(bare_cmd(home.path())
        .env("OOS_LOGS_ENDPOINT", em.url())
        .env("ALIBABA_CLOUD_REGION_ID", emulator::DEMO_REGION)
        .env(
            "ALIBABA_CLOUD_CREDENTIALS_URI",
            format!("{}{}", em.url(), emulator::CREDENTIALS_URI_PATH),
        )
        .args(["list", "exec-small"]));
    assert_eq!(code, 6, "{stderr}");
    assert!(
        stderr.contains("credentials URI") && stderr.contains("larger than the 64 MiB limit"),
        "{stderr}"
    );
    assert_eq!(em.stats().action_count("CredentialsURI"), 1, "not retried");
}

#[test]
fn size_and_deadline_options_refuse_zero_and_garbage() {
    let home = home();
    for args in [
        ["--max-response-size", "0"],
        ["--max-response-size", "lots"],
        ["--max-response-size", "10MB"],
        ["--request-timeout", "0"],
        ["--request-timeout", "soon"],
    ] {
        let (code, _, stderr, _) = run(demo_key_cmd(home.path())
            .args(["list", "exec-small"])
            .args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(args[0]), "{args:?}: {stderr}");
    }
}

// ---- total deadline ----

#[test]
fn a_dripping_answer_ends_at_the_request_timeout_and_is_retried() {
    let em = emulator_with(Faults {
        drip_ms: Some(200),
        ..Faults::default()
    });
    let home = home();
    let (code, _, stderr, took) = run(cmd(&em, home.path()).args([
        "list",
        "exec-small",
        "--request-timeout",
        "2s",
        "--retries",
        "1",
    ]));
    assert_eq!(code, 7, "{stderr}");
    assert!(
        stderr.contains("no complete answer within 2s (--request-timeout)"),
        "{stderr}"
    );
    assert_eq!(em.stats().requests(), 2, "a timeout is retried");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn a_dripping_sts_answer_ends_at_the_request_timeout() {
    let em = emulator_with(Faults {
        drip_ms: Some(200),
        ..Faults::default()
    });
    let home = home();
    let (code, _, stderr, took) = run(role_cmd(&em, home.path()).args([
        "list",
        "exec-small",
        "--request-timeout",
        "1s",
        "--retries",
        "1",
    ]));
    // A credential service that cannot be had in time is a credentials failure (exit 3).
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("STS at") && stderr.contains("did not answer within 1s"),
        "{stderr}"
    );
    assert_eq!(em.stats().requests(), 2, "a timeout is retried");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

// ---- nesting ----

#[test]
fn a_page_nested_too_deep_is_refused_before_any_renderer() {
    // 16 000 levels: a 32 KB body whose `-o json` re-layout used to be 512 MB.
    let em = emulator_with(Faults {
        deep_nesting: Some(16_000),
        ..Faults::default()
    });
    let home = home();
    for extra in [
        &["-o", "json"][..],
        &["-o", "json", "--all"],
        &["-o", "jsonl"],
    ] {
        let (code, stdout, stderr, _) = run(cmd(&em, home.path())
            .args(["list", "exec-small"])
            .args(extra));
        assert_eq!(code, 6, "{extra:?}: {stderr}");
        assert!(
            stderr.contains("JSON nested deeper than 128 levels"),
            "{extra:?}: {stderr}"
        );
        assert!(stdout.len() < 1024, "{extra:?}: {} bytes", stdout.len());
    }
    assert_eq!(em.stats().requests(), 3, "one request each: not retried");
}

#[test]
fn sts_credentials_nested_too_deep_are_refused() {
    let em = emulator_with(Faults {
        deep_nesting: Some(20_000),
        ..Faults::default()
    });
    let home = home();
    let (code, _, stderr, _) = run(role_cmd(&em, home.path()).args(["list", "exec-small"]));
    assert_eq!(code, 6, "{stderr}");
    assert!(
        stderr.contains("STS at") && stderr.contains("nested deeper than 128 levels"),
        "{stderr}"
    );
    assert_eq!(em.stats().action_count("AssumeRole"), 1, "not retried");
}

// ---- page tokens ----

/// `list exec-large-200 --all` in pages of 50 against `em`: the exit code, the lines printed
/// and stderr.
fn list_all(em: &emulator::BackgroundEmulator, home: &Path) -> (i32, Vec<String>, String) {
    let (code, stdout, stderr, _) = run(cmd(em, home).args([
        "list",
        "exec-large-200",
        "--all",
        "--page-size",
        "50",
        "-o",
        "jsonl",
    ]));
    (code, stdout.lines().map(str::to_owned).collect(), stderr)
}

/// The flags after `resume with` in a resume note.
fn resume_flags(stderr: &str) -> Vec<String> {
    let flags = stderr
        .lines()
        .find_map(|l| l.split_once("; resume with ").map(|(_, f)| f))
        .unwrap_or_else(|| panic!("a resume note: {stderr}"));
    shlex::split(flags).expect("shell words")
}

/// A bad token on the third page: the two pages before it stay printed, the run fails with
/// exit 6 and a resume point from which a sound server gives exactly the rest.
fn a_bad_token_ends_the_run_with_the_rest_resumable(faults: Faults, says: &str) {
    let em = emulator_with(faults);
    let home = home();
    let (code, printed, stderr) = list_all(&em, home.path());
    assert_eq!(code, 6, "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
    assert_eq!(printed.len(), 100, "{stderr}");
    assert!(
        stderr.contains("100 entries were printed before the failure; resume with --next-token"),
        "{stderr}"
    );
    let sound = emulator();
    let (code, stdout, stderr, _) = run(cmd(&sound, home.path())
        .args([
            "list",
            "exec-large-200",
            "--all",
            "--page-size",
            "50",
            "-o",
            "jsonl",
        ])
        .args(resume_flags(&stderr)));
    assert_eq!(code, 0, "{stderr}");
    let all: Vec<String> = printed
        .into_iter()
        .chain(stdout.lines().map(str::to_owned))
        .collect();
    assert_eq!(all, expected_lines("exec-large-200"));
}

#[test]
fn a_next_token_that_is_a_number_is_a_server_fault_not_the_end() {
    a_bad_token_ends_the_run_with_the_rest_resumable(
        Faults {
            token_not_string_every: Some(3),
            ..Faults::default()
        },
        "NextToken that is not a string (the number 1234567)",
    );
}

#[test]
fn is_truncated_without_a_next_token_is_a_server_fault_not_the_end() {
    a_bad_token_ends_the_run_with_the_rest_resumable(
        Faults {
            truncated_without_token_every: Some(3),
            ..Faults::default()
        },
        "IsTruncated true but no NextToken",
    );
}

#[test]
fn a_running_execution_without_a_token_still_ends_its_pages() {
    // The live sample's pages end with no token (and IsTruncated false) while it runs.
    let em = emulator();
    let home = home();
    let (code, _, stderr, _) =
        run(cmd(&em, home.path()).args(["list", "exec-live", "--all", "-o", "jsonl"]));
    assert_eq!(code, 0, "{stderr}");
}

// ---- forged lines ----

#[test]
fn an_oos_error_cannot_forge_lines() {
    let em = emulator_with(Faults {
        forged_error: true,
        ..Faults::default()
    });
    let home = home();
    for verbose in [&[][..], &["-vv"]] {
        let (code, _, stderr, _) = run(cmd(&em, home.path())
            .args(["list", "exec-small"])
            .args(verbose));
        assert_eq!(code, 4, "{stderr}");
        assert_eq!(forged_line(&stderr), None, "{stderr}");
        assert!(
            stderr.contains("InvalidParameter\\n  hint: forged\\n  RequestId: FORGED"),
            "{stderr}"
        );
        let own_hints = stderr.lines().filter(|l| l.starts_with("hint: ")).count();
        assert!(own_hints <= 1, "{stderr}");
    }
}

#[test]
fn an_sts_error_cannot_forge_lines() {
    let em = emulator_with(Faults {
        forged_error: true,
        ..Faults::default()
    });
    let home = home();
    let (code, _, stderr, _) = run(role_cmd(&em, home.path()).args(["list", "exec-small", "-v"]));
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("STS at"), "{stderr}");
    assert_eq!(forged_line(&stderr), None, "{stderr}");
    assert!(stderr.contains("\\n  hint: forged"), "{stderr}");
}

// ---- the emulator command's fault flags ----

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `oos-logs emulator ARGS`; returns it and its URL.
fn start_emulator(args: &[&str]) -> (KillOnDrop, String) {
    let mut child = std::process::Command::new(binary())
        .env_clear()
        .args(["emulator", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("listening on ")
        .expect("the first line names the URL")
        .to_owned();
    (KillOnDrop(child), url)
}

/// Each case: the emulator's flags, list's extra flags, the exit code and what stderr says.
type Case<'a> = (&'a [&'a str], &'a [&'a str], i32, &'a str);

/// `oos-logs emulator FLAGS` for each case, and `list exec-large-200 --all` against it.
fn emulator_command_cases(cases: &[Case<'_>]) {
    let home = home();
    let list = |url: &str, extra: &[&str]| {
        run(demo_key_cmd(home.path())
            .args(["--endpoint", url, "--region", emulator::DEMO_REGION])
            .args(["list", "exec-large-200", "--all", "--page-size", "50"])
            .args(extra))
    };
    for (flags, extra, want, says) in cases {
        let (_server, url) = start_emulator(flags);
        let (code, _, stderr, _) = list(&url, extra);
        assert_eq!(code, *want, "{flags:?}: {stderr}");
        assert!(stderr.contains(says), "{flags:?}: {stderr}");
        assert_eq!(forged_line(&stderr), None, "{flags:?}: {stderr}");
    }
}

#[test]
fn the_emulator_command_serves_the_hostile_faults() {
    emulator_command_cases(&[
        (
            &["--forged-error"],
            &[],
            4,
            "InvalidParameter\\n  hint: forged",
        ),
        (&["--token-not-string-every", "1"], &[], 6, "not a string"),
        (
            &["--truncated-without-token-every", "1"],
            &[],
            6,
            "IsTruncated true but no NextToken",
        ),
        (
            &["--deep-nesting", "1000"],
            &[],
            6,
            "nested deeper than 128",
        ),
        (
            &["--huge-body-mib", "70"],
            &[],
            6,
            "larger than the 64 MiB limit",
        ),
    ]);
}

#[test]
fn the_emulator_command_serves_huge_and_dripping_bodies() {
    emulator_command_cases(&[
        (
            &["--huge-body-mib", "2"],
            &["--max-response-size", "1MiB"],
            6,
            "larger than the 1 MiB limit",
        ),
        (
            &["--drip-ms", "100"],
            &["--request-timeout", "1s", "--retries", "0"],
            7,
            "within 1s",
        ),
    ]);
}
