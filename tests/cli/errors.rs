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
    let sent = &em.stats().recent_requests()[0];
    assert_eq!(sent.status, 400);
    assert!(
        stderr.contains(&format!("\n  RequestId: {}\n", sent.request_id)),
        "the RequestId the service sent: {stderr}"
    );
    assert!(
        stderr.contains("AccessKeySecret does not belong to the AccessKeyId"),
        "the string to sign was compared: {stderr}"
    );
    assert!(
        !stderr.contains("POST&%2F"),
        "the string to sign is not printed: {stderr}"
    );
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

#[test]
fn a_signature_error_with_temporary_credentials_never_shows_the_token() {
    use oos_api::signer::percent_encode;
    use oos_logs::emulator;
    let (em, home) = (emulator(), home());
    for verbosity in ["-v", "-vv"] {
        let out = cmd(&em, home.path())
            .env(
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                emulator::DEMO_STS_ACCESS_KEY_ID,
            )
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong-sts-secret")
            .env(
                "ALIBABA_CLOUD_SECURITY_TOKEN",
                emulator::DEMO_SECURITY_TOKEN,
            )
            .args([verbosity, "list", "exec-small"])
            .assert()
            .code(4);
        let stderr = text(&out.get_output().stderr);
        assert!(stderr.contains("SignatureDoesNotMatch"), "{stderr}");
        let token = emulator::DEMO_SECURITY_TOKEN;
        for form in [
            token.to_owned(),
            percent_encode(token),
            percent_encode(&percent_encode(token)),
        ] {
            assert!(
                !stderr.contains(&form),
                "{verbosity}: the token leaked as {form}: {stderr}"
            );
        }
        assert!(!stderr.contains("wrong-sts-secret"));
    }
}

#[test]
fn blank_environment_variables_count_as_unset() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .env("ALIBABA_CLOUD_PROFILE", "")
        .env("OOS_LOGS_CONFIG", "")
        .env("ALIBABA_CLOUD_SECURITY_TOKEN", " ")
        .args(["list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stdout).lines().count(), 7);
    // A blank OOS_LOGS_ENDPOINT is not an (invalid, exit 2) endpoint. Without a region the
    // run stops at exit 3 before any request, so nothing leaves the machine.
    let out = cmd(&em, home.path())
        .env("OOS_LOGS_ENDPOINT", "")
        .env("ALIBABA_CLOUD_REGION_ID", "")
        .args(["list", "exec-small"])
        .assert()
        .code(3);
    assert!(text(&out.get_output().stderr).contains("no region"));
}

#[test]
fn an_explicit_config_that_does_not_exist_is_exit_3() {
    let (em, home) = (emulator(), home());
    let out = cmd(&em, home.path())
        .args([
            "--config",
            "/nonexistent/oos-logs.toml",
            "list",
            "exec-small",
        ])
        .assert()
        .code(3);
    assert!(text(&out.get_output().stderr).contains("/nonexistent/oos-logs.toml"));
    assert_eq!(em.stats().requests(), 0);
}
