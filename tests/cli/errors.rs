//! Exit codes and error messages of DESIGN §7.

use crate::support::{bare_cmd, cmd, emulator, home, text};

#[test]
fn wrong_secret_is_exit_4_with_code_and_request_id() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-secret")
        .args(["list", "exec-small"])
        .assert()
        .code(4);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.starts_with("oos-logs: error: the API returned SignatureDoesNotMatch (HTTP 400)\n"),
        "{stderr}"
    );
    let request_id = em.stats().recent_requests()[0].status;
    assert_eq!(request_id, 400);
    let id_line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("RequestId:"))
        .expect("RequestId line");
    let id = id_line.split_whitespace().nth(1).unwrap();
    assert_eq!(id.len(), 36, "{id_line}");
    assert!(
        stderr.contains("hint: check the AccessKeySecret"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("not-the-secret"),
        "the secret is never printed"
    );
    assert_eq!(em.stats().requests(), 1, "a 4xx is never retried");
}

#[test]
fn unknown_access_key_is_exit_4() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAInobodyknowsthis")
        .args(["list", "exec-small"])
        .assert()
        .code(4);
    assert!(text(&out.get_output().stderr).contains("InvalidAccessKeyId.NotFound"));
}

#[test]
fn unknown_execution_is_exit_5() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-does-not-exist"])
        .assert()
        .code(5);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("EntityNotExists.Execution") && stderr.contains("--region"),
        "{stderr}"
    );
}

#[test]
fn no_credentials_anywhere_is_exit_3_listing_every_place() {
    let home = home();
    let out = bare_cmd(home.path())
        .env("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
        .args(["list", "exec-small"])
        .assert()
        .code(3);
    let stderr = text(&out.get_output().stderr);
    assert!(stderr.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}",
            home.path().join(".config/oos-logs/config.toml").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}",
            home.path().join(".aliyun/config.json").display()
        )),
        "{stderr}"
    );
}

#[test]
fn no_region_is_exit_3_saying_how_to_set_one() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .env_remove("ALIBABA_CLOUD_REGION_ID")
        .args(["list", "exec-small"])
        .assert()
        .code(3);
    assert!(text(&out.get_output().stderr).contains("--region"));
    assert_eq!(em.stats().requests(), 0);
}

#[test]
fn bad_flag_values_are_exit_2() {
    let (em, home) = (emulator(), home());
    for args in [
        &["list", "exec-small", "--max-results", "0"][..],
        &["list", "exec-small", "--max-results", "101"],
        &["list", "exec-small", "--limit", "0"],
        &["list", "exec-small", "-o", "yaml"],
        &["--color", "sometimes", "list", "exec-small"],
        &["--read-timeout", "soon", "list", "exec-small"],
        &["list"],
    ] {
        cmd(&em, home.path()).args(args).assert().code(2);
    }
    assert_eq!(em.stats().requests(), 0);
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["--endpoint", "http://example.com", "list", "exec-small"])
        .assert()
        .code(2);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("loopback") && stderr.contains("https"),
        "{stderr}"
    );
}

#[test]
fn invalid_parameter_from_the_api_is_exit_4() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args(["list", "exec-small", "--next-token", "not-a-token"])
        .assert()
        .code(4);
    assert!(text(&out.get_output().stderr).contains("InvalidParameter"));
}
