//! Exit codes and messages at the edges: a panic, a full disk, a closed stdout, help to a full
//! disk, empty and negative values.

use std::process::Stdio;

use crate::support::{bare_cmd, cmd, emulator, home, std_cmd, text};

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the panic hook for tests is in debug builds only"
)]
fn a_panic_is_a_short_report_with_the_version_and_exit_1() {
    let home = home();
    let out = bare_cmd(home.path())
        .env("OOS_LOGS_TEST_PANIC", "1")
        .args(["list", "exec-small"])
        .assert()
        .code(1);
    let stderr = text(&out.get_output().stderr);
    assert!(stderr.contains(env!("CARGO_PKG_VERSION")), "{stderr}");
    assert!(stderr.contains("internal error (a bug)"), "{stderr}");
    assert!(
        !stderr.contains("LTAIsecretvalue"),
        "the panic's message is never shown"
    );
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
    let out = bare_cmd(home.path())
        .env("OOS_LOGS_TEST_PANIC", "1")
        .env("RUST_BACKTRACE", "1")
        .args(["list", "exec-small"])
        .assert()
        .code(1);
    assert!(
        text(&out.get_output().stderr).lines().count() > 2,
        "a backtrace when asked"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_naming_the_cause() {
    let em = emulator();
    let home = home();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std_cmd(&em, home.path())
        .args(["list", "exec-large-5000", "--all", "-o", "plain"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot write output"),
        "{}",
        text(&out.stderr)
    );

    // Help to a full disk is no success either.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std_cmd(&em, home.path())
        .arg("--help")
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn empty_and_negative_values_are_usage_errors_naming_the_flag() {
    let em = emulator();
    let home = home();
    for (args, flag) in [
        (vec!["list", "", "-o", "plain"], "execution id"),
        (vec!["list", "exec-small", "-t", ""], "--task"),
        (vec!["list", "exec-small", "-l", " "], "--log-type"),
        (
            vec!["list", "exec-small", "--next-token", ""],
            "--next-token",
        ),
        (vec!["list", "exec-small", "--limit", "-1"], "--limit"),
        (
            vec!["list", "exec-small", "--max-results", "-5"],
            "--max-results",
        ),
        (vec!["--retries", "-1", "list", "exec-small"], "--retries"),
    ] {
        let out = cmd(&em, home.path()).args(&args).assert().code(2);
        let stderr = text(&out.get_output().stderr);
        assert!(stderr.contains(flag), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("unexpected argument"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_bad_token_the_service_refuses_is_not_offered_back() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-small", "--all", "--next-token", "garbage"])
        .assert()
        .code(4);
    let stderr = text(&out.get_output().stderr);
    assert!(stderr.contains("InvalidParameter"), "{stderr}");
    assert!(!stderr.contains("resume with"), "{stderr}");
}
