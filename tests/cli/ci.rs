//! The CI formats through the real binary: chosen only by `-o`, `OOS_LOGS_OUTPUT` or a
//! profile, never by the CI's own variables; log content that tries to break them.

use crate::support::{cmd, emulator, home, text};

#[test]
fn nothing_switches_to_a_ci_format_by_itself() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITLAB_CI", "true")
        .env("CI", "true")
        .args(["list", "exec-small"])
        .assert()
        .success();
    let plain = text(&out.get_output().stdout);
    assert!(!plain.contains("::group::") && !plain.contains("section_start"));
    assert_eq!(plain.lines().count(), 7);

    let out = cmd(&em, home.path())
        .env("OOS_LOGS_OUTPUT", "github")
        .args(["list", "exec-small"])
        .assert()
        .success();
    assert!(text(&out.get_output().stdout).starts_with("::group::"));

    // For `executions` a CI format from the environment means plain; by name, an error.
    let out = cmd(&em, home.path())
        .env("OOS_LOGS_OUTPUT", "gitlab")
        .args(["executions", "--limit", "3"])
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stdout).lines().count(), 3);
    cmd(&em, home.path())
        .args(["executions", "-o", "github"])
        .assert()
        .code(2);
}

#[test]
fn hostile_log_content_is_inert_in_github_output() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-hostile", "--all", "-o", "github"])
        .assert()
        .success();
    let github = text(&out.get_output().stdout);
    let token = github
        .lines()
        .find_map(|l| l.strip_prefix("::stop-commands::"))
        .expect("content is fenced")
        .to_owned();
    let mut fenced = false;
    for line in github.lines() {
        if line == format!("::stop-commands::{token}") {
            fenced = true;
        } else if line == format!("::{token}::") {
            fenced = false;
        } else if !fenced {
            assert!(
                line.starts_with("::group::")
                    || line == "::endgroup::"
                    || line.starts_with("::error title=")
                    || line.starts_with("::warning title="),
                "outside a fence: {line:?}"
            );
        }
    }
    assert!(!github.contains('\x1b') && !github.contains('\r'));
}

#[test]
fn failed_and_recursive_work_in_gitlab_output() {
    let em = emulator();
    let home = home();
    let out = cmd(&em, home.path())
        .args(["list", "exec-parent", "--failed", "-r", "-o", "gitlab"])
        .assert()
        .success();
    let gitlab = text(&out.get_output().stdout);
    let starts = gitlab.matches("\x1b[0Ksection_start:").count();
    let ends = gitlab.matches("\x1b[0Ksection_end:").count();
    assert!(starts > 0 && starts == ends, "{gitlab}");
    assert!(
        gitlab.contains("exec-child-failed · "),
        "titles name the child: {gitlab}"
    );
}

/// JUnit as the consumer reads it: every `status -o junit` document validates against the
/// schema Jenkins xUnit uses (`tests/schema/junit-10.xsd`), checked by libxml2's `xmllint`
/// (a test that fails, not skips, where it is missing: `.ci/run` installs it).
#[test]
fn junit_validates_against_the_schema_jenkins_uses() {
    let em = crate::support::emulator();
    let home = crate::support::home();
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/junit-10.xsd");
    for args in [
        &["status", "exec-demo-failed"][..],
        &["status", "exec-parent", "-r"],
        &["status", "exec-diamond", "-r"],
        &["status", "exec-small"],
        &["status", "exec-edge-no-end"],
    ] {
        let out = crate::support::cmd(&em, home.path())
            .args(args)
            .args(["-o", "junit"])
            .output()
            .unwrap();
        let file = home.path().join("report.xml");
        std::fs::write(&file, &out.stdout).unwrap();
        let lint = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .arg(&file)
            .output()
            .expect("xmllint (Debian's libxml2-utils) runs");
        assert!(
            lint.status.success(),
            "{args:?}: {}\n{}",
            String::from_utf8_lossy(&lint.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
