//! `oos-logs configure` and `oos-logs profiles`.

use oos_logs::emulator;

use crate::support::{bare_cmd, emulator, home, parse_jsonl, text};

#[test]
fn configure_for_scripts_then_list_with_the_profile() {
    let (em, home) = (emulator(), home());
    let out = bare_cmd(home.path())
        .args([
            "configure",
            "--profile",
            "ci",
            "--region",
            "cn-hangzhou",
            "--non-interactive",
            "--secret-stdin",
        ])
        .args(["--access-key-id", emulator::DEMO_ACCESS_KEY_ID])
        .write_stdin(format!("{}\n", emulator::DEMO_ACCESS_KEY_SECRET))
        .assert()
        .success();
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("saved profile \"ci\"")
            && !stderr.contains(emulator::DEMO_ACCESS_KEY_SECRET),
        "{stderr}"
    );
    let path = home.path().join(".config/oos-logs/config.toml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let out = bare_cmd(home.path())
        .env("OOS_LOGS_ENDPOINT", em.url())
        .args(["list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(
        parse_jsonl(&out.get_output().stdout).len(),
        7,
        "the new default profile works"
    );
}

#[test]
fn configure_takes_no_secret_flag_and_needs_a_secret() {
    let home = home();
    bare_cmd(home.path())
        .args(["configure", "--access-key-secret", "x"])
        .assert()
        .code(2);
    let out = bare_cmd(home.path())
        .args([
            "configure",
            "--non-interactive",
            "--access-key-id",
            "LTAIabc000000000",
        ])
        .assert()
        .code(2);
    assert!(text(&out.get_output().stderr).contains("--secret-stdin"));
    assert!(!home.path().join(".config/oos-logs/config.toml").exists());
}

#[cfg(unix)]
#[test]
fn configure_prompts_on_a_terminal_without_echoing_the_secret() {
    let home = home();
    // Each prompt is answered once it is on the screen, as a person would: the secret is
    // typed only after echo is off.
    let screen = crate::support::configure_on_a_terminal(
        home.path(),
        &[],
        &[
            ("AccessKey ID: ", "LTAIinteractive01\n"),
            ("AccessKey Secret: ", "hidden-secret\n"),
            ("Region [cn-hangzhou]: ", "cn-beijing\n"),
        ],
    );
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(
        screen.contains("LTAIinteractive01"),
        "the ID is echoed: {screen}"
    );
    assert!(
        !screen.contains("hidden-secret"),
        "the secret must not be echoed: {screen}"
    );
    let written =
        std::fs::read_to_string(home.path().join(".config/oos-logs/config.toml")).unwrap();
    assert!(
        written.contains("access_key_secret = \"hidden-secret\"")
            && written.contains("region_id = \"cn-beijing\""),
        "{written}"
    );
}

#[test]
fn profiles_lists_every_source_and_the_one_in_use() {
    let home = home();
    let write = |rel: &str, body: &str| {
        crate::support::write_file(home.path().join(rel), body);
    };
    write(
        ".config/oos-logs/config.toml",
        "[profiles.default]\naccess_key_id = \"LTAI5tTomlKey000abcd\"\naccess_key_secret = \"toml-secret\"\nregion_id = \"cn-hangzhou\"\n",
    );
    write(
        ".aliyun/config.json",
        r#"{"current":"cli","profiles":[{"name":"cli","mode":"StsToken","access_key_id":"STS.CliKey0000wxyz","access_key_secret":"cli-secret","sts_token":"cli-token"}]}"#,
    );
    write(
        ".alibabacloud/credentials",
        "[default]\ntype = ram_role_arn\naccess_key_id = LTAI5tIniKey0000mnop\naccess_key_secret = ini-secret\nrole_arn = acs:ram::1:role/r\n",
    );
    let out = bare_cmd(home.path()).arg("profiles").assert().success();
    let stdout = text(&out.get_output().stdout);
    for needle in [
        "default (default)",
        "cli (current)",
        "ram_role_arn",
        "LTAI****abcd",
        "STS.****wxyz",
        "LTAI****mnop",
        "in use: profile \"default\"",
        "because:",
    ] {
        assert!(stdout.contains(needle), "{needle:?} missing:\n{stdout}");
    }
    for secret in [
        "toml-secret",
        "cli-secret",
        "cli-token",
        "ini-secret",
        "LTAI5tTomlKey000abcd",
    ] {
        assert!(!stdout.contains(secret), "{secret} shown:\n{stdout}");
    }
    let pinned = bare_cmd(home.path())
        .args(["-p", "cli", "profiles"])
        .assert()
        .success();
    assert!(text(&pinned.get_output().stdout).contains("in use: profile \"cli\""));
    let env = bare_cmd(home.path())
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tEnvKey0000efgh")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
        .arg("profiles")
        .assert()
        .success();
    let env_out = text(&env.get_output().stdout);
    assert!(
        env_out.contains("in use: the AccessKey in the environment")
            && env_out.contains("LTAI****efgh"),
        "{env_out}"
    );
    assert!(!env_out.contains("env-secret"));
}

/// `profiles` walks the chain's own list of sources: an OIDC role needs all three variables
/// (two are not listed, as the chain does not take them), and the credentials URI is listed
/// and marked in use when the chain would use it.
#[test]
fn profiles_lists_the_sources_the_chain_uses() {
    let home = home();
    let partial_oidc = [
        ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/two-of-three"),
        (
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "acs:ram::1:oidc-provider/p",
        ),
    ];
    let out = bare_cmd(home.path())
        .arg("profiles")
        .envs(partial_oidc)
        .env("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:9/creds")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(!stdout.contains("two-of-three"), "{stdout}");
    assert!(
        stdout.contains("credentials_uri")
            && stdout.contains("ALIBABA_CLOUD_CREDENTIALS_URI = http://127.0.0.1:9/creds"),
        "{stdout}"
    );
    assert!(
        stdout.contains("in use: the credentials URI in ALIBABA_CLOUD_CREDENTIALS_URI"),
        "{stdout}"
    );
    let json = bare_cmd(home.path())
        .args(["profiles", "-o", "json"])
        .env("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:9/creds")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["Profiles"][0]["Mode"], "credentials_uri");
    assert_eq!(doc["Profiles"][0]["InUse"], true);

    // All three OIDC variables: listed, as the chain takes it.
    let out = bare_cmd(home.path())
        .arg("profiles")
        .envs(partial_oidc)
        .env("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/nonexistent/token")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("ALIBABA_CLOUD_ROLE_ARN = acs:ram::1:role/two-of-three")
            && stdout.contains("in use: the OIDC role in the environment"),
        "{stdout}"
    );
}
