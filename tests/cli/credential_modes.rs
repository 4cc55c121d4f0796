//! Every credential mode from every file format, through the emulator's STS, metadata service
//! and credentials URI; the chain's order; the credentials cache; and the bad inputs.

use std::path::PathBuf;

use oos_api::signer::percent_encode;
use oos_logs::emulator::{self, BackgroundEmulator, metadata, sts};

use crate::support::{self, bare_cmd, emulator, home, parse_jsonl, text};

struct Setup {
    em: BackgroundEmulator,
    home: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        Self {
            em: emulator(),
            home: home(),
        }
    }

    fn with_metadata_tokens(mode: metadata::TokenMode) -> Self {
        let config = emulator::EmulatorConfig {
            metadata_tokens: mode,
            ..emulator::EmulatorConfig::default()
        };
        Self {
            em: BackgroundEmulator::start(config).unwrap(),
            home: home(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.home.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        support::write_file(self.path(rel), text)
    }

    fn toml(&self, text: &str) {
        support::oos_config(self.home.path(), text);
    }

    fn aliyun(&self, text: &str) {
        support::aliyun_config(self.home.path(), text);
    }

    fn ini(&self, text: &str) {
        support::ini_credentials(self.home.path(), text);
    }

    /// An executable script printing `json` (process_command).
    fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.write(name, &format!("#!/bin/sh\n{body}\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        path
    }

    /// A command whose OOS, STS and metadata endpoints are the emulator's, with no credentials.
    fn cmd(&self) -> assert_cmd::Command {
        let mut c = bare_cmd(self.home.path());
        c.env("OOS_LOGS_ENDPOINT", self.em.url())
            .env("ALIBABA_CLOUD_STS_ENDPOINT", self.em.url())
            .env("OOS_LOGS_METADATA_ENDPOINT", self.em.url())
            .env("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou");
        c
    }

    /// Runs `list exec-small` and checks the 7 entries came.
    fn lists(&self, c: &mut assert_cmd::Command) -> String {
        let out = c
            .args(["list", "exec-small", "-o", "jsonl"])
            .assert()
            .success();
        assert_eq!(parse_jsonl(&out.get_output().stdout).len(), 7);
        text(&out.get_output().stderr)
    }

    /// The SecurityToken of the last OOS request.
    fn last_token(&self) -> Option<String> {
        self.em
            .stats()
            .recent_requests()
            .iter()
            .rev()
            .find(|r| r.param("Action") == Some("ListExecutionLogs"))
            .and_then(|r| r.param("SecurityToken").map(str::to_owned))
    }

    /// The last OOS request used the last credentials the emulator issued.
    fn used_issued_token(&self) {
        let issued = self.em.stats().issued_keys();
        let last = issued.last().expect("the emulator issued credentials");
        assert_eq!(
            self.last_token(),
            last.security_token,
            "the OOS call carried the issued token"
        );
    }

    fn count(&self, action: &str) -> u64 {
        self.em.stats().action_count(action)
    }
}

const AK: &str = emulator::DEMO_ACCESS_KEY_ID;
const SECRET: &str = emulator::DEMO_ACCESS_KEY_SECRET;

fn toml_role(extra: &str) -> String {
    format!(
        "[profiles.default]\nmode = \"ram_role_arn\"\naccess_key_id = \"{AK}\"\naccess_key_secret = \"{SECRET}\"\nram_role_arn = \"{}\"\nram_session_name = \"oos-logs-test\"\n{extra}",
        sts::DEMO_ROLE_ARN
    )
}

fn aliyun_profiles(current: &str, profiles: &[&str]) -> String {
    format!(
        "{{\"current\": \"{current}\", \"profiles\": [{}], \"meta_path\": \"\"}}",
        profiles.join(",")
    )
}

// ---- modes, from the oos-logs TOML config ----

#[test]
fn toml_ram_role_arn() {
    let s = Setup::new();
    s.toml(&toml_role(""));
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 1);
    s.used_issued_token();
}

#[test]
fn toml_chainable() {
    let s = Setup::new();
    s.toml(&format!(
        "default_profile = \"reader\"\n[profiles.base]\naccess_key_id = \"{AK}\"\naccess_key_secret = \"{SECRET}\"\n[profiles.reader]\nmode = \"chainable\"\nsource_profile = \"base\"\nram_role_arn = \"{}\"\n",
        sts::DEMO_ROLE_ARN
    ));
    s.lists(&mut s.cmd());
    s.used_issued_token();
}

#[test]
fn toml_chainable_over_a_role_profile_assumes_twice() {
    let s = Setup::new();
    s.toml(&format!(
        "{}\n[profiles.second]\nmode = \"chainable\"\nsource_profile = \"default\"\nram_role_arn = \"{}\"\n",
        toml_role(""),
        sts::DEMO_ROLE_ARN
    ));
    s.lists(s.cmd().args(["-p", "second"]));
    assert_eq!(s.count("AssumeRole"), 2, "the source role, then the role");
    s.used_issued_token();
    // The second AssumeRole was signed with the first one's temporary credentials.
    let first = &s.em.stats().issued_keys()[0];
    let second_call =
        s.em.stats()
            .recent_requests()
            .into_iter()
            .filter(|r| r.param("Action") == Some("AssumeRole"))
            .nth(1)
            .unwrap();
    assert_eq!(second_call.param("AccessKeyId"), Some(first.id.as_str()));
    assert_eq!(
        second_call.param("SecurityToken"),
        first.security_token.as_deref()
    );
}

#[test]
fn toml_ecs_ram_role_with_and_without_a_role_name() {
    for role_line in ["", "ram_role_name = \"EcsRamRoleDemo\"\n"] {
        let s = Setup::new();
        s.toml(&format!(
            "[profiles.default]\nmode = \"ecs_ram_role\"\n{role_line}"
        ));
        s.lists(&mut s.cmd());
        s.used_issued_token();
        assert_eq!(s.count("metadata:credentials"), 1);
        assert_eq!(
            s.count("metadata:token"),
            1,
            "the session token was asked for and used"
        );
    }
}

#[test]
fn ecs_without_session_tokens_unless_imdsv1_is_disabled() {
    let s = Setup::with_metadata_tokens(metadata::TokenMode::Unsupported);
    s.toml("[profiles.default]\nmode = \"ecs_ram_role\"\n");
    s.lists(&mut s.cmd());
    s.used_issued_token();
    let out = s
        .cmd()
        .env("ALIBABA_CLOUD_IMDSV1_DISABLED", "true")
        .arg("--no-credential-cache")
        .args(["list", "exec-small"])
        .assert()
        .code(3);
    assert!(
        text(&out.get_output().stderr).contains("no session token"),
        "{}",
        text(&out.get_output().stderr)
    );
}

#[test]
fn toml_oidc() {
    let s = Setup::new();
    let token = s.write("token", sts::DEMO_OIDC_TOKEN);
    s.toml(&format!(
        "[profiles.default]\nmode = \"oidc\"\nram_role_arn = \"{}\"\noidc_provider_arn = \"{}\"\noidc_token_file = \"{}\"\n",
        sts::DEMO_ROLE_ARN,
        sts::DEMO_OIDC_PROVIDER_ARN,
        token.display()
    ));
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRoleWithOIDC"), 1);
    s.used_issued_token();
}

#[test]
fn toml_external_ak_and_sts() {
    let s = Setup::new();
    let ak = s.script("ak.sh", &format!("echo '{{\"mode\":\"AK\",\"access_key_id\":\"{AK}\",\"access_key_secret\":\"{SECRET}\"}}'"));
    s.toml(&format!(
        "[profiles.default]\nmode = \"external\"\nprocess_command = \"{}\"\n",
        ak.display()
    ));
    s.lists(&mut s.cmd());
    assert_eq!(s.last_token(), None);
    let sts_script = s.script(
        "sts.sh",
        &format!(
            "echo '{{\"mode\":\"StsToken\",\"access_key_id\":\"{}\",\"access_key_secret\":\"{}\",\"sts_token\":\"{}\"}}'",
            emulator::DEMO_STS_ACCESS_KEY_ID,
            emulator::DEMO_STS_ACCESS_KEY_SECRET,
            emulator::DEMO_SECURITY_TOKEN
        ),
    );
    s.toml(&format!(
        "[profiles.default]\nmode = \"External\"\nprocess_command = \"{}\"\n",
        sts_script.display()
    ));
    s.lists(&mut s.cmd());
    assert_eq!(
        s.last_token().as_deref(),
        Some(emulator::DEMO_SECURITY_TOKEN)
    );
}

#[test]
fn toml_credentials_uri() {
    let s = Setup::new();
    s.toml(&format!(
        "[profiles.default]\nmode = \"credentials_uri\"\ncredentials_uri = \"{}{}\"\n",
        s.em.url(),
        emulator::CREDENTIALS_URI_PATH
    ));
    s.lists(&mut s.cmd());
    assert_eq!(s.count("CredentialsURI"), 1);
    s.used_issued_token();
}

// ---- modes, from the aliyun CLI config ----

#[test]
fn aliyun_role_modes() {
    let s = Setup::new();
    let token = s.write("token", sts::DEMO_OIDC_TOKEN);
    let role = sts::DEMO_ROLE_ARN;
    s.aliyun(&aliyun_profiles(
        "role",
        &[
            &format!(r#"{{"name":"base","mode":"AK","access_key_id":"{AK}","access_key_secret":"{SECRET}","region_id":"cn-hangzhou"}}"#),
            &format!(r#"{{"name":"role","mode":"RamRoleArn","access_key_id":"{AK}","access_key_secret":"{SECRET}","ram_role_arn":"{role}","ram_session_name":"s1","expired_seconds":900}}"#),
            &format!(r#"{{"name":"chain","mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"{role}","ram_session_name":"s2"}}"#),
            r#"{"name":"ecs","mode":"EcsRamRole","ram_role_name":""}"#,
            &format!(
                r#"{{"name":"oidc","mode":"OIDC","oidc_provider_arn":"{}","oidc_token_file":"{}","ram_role_arn":"{role}","ram_session_name":"s3"}}"#,
                sts::DEMO_OIDC_PROVIDER_ARN,
                token.display()
            ),
            &format!(r#"{{"name":"uri","mode":"CredentialsURI","credentials_uri":"{}{}"}}"#, s.em.url(), emulator::CREDENTIALS_URI_PATH),
        ],
    ));
    s.lists(&mut s.cmd());
    s.used_issued_token();
    for (profile, action) in [
        ("chain", "AssumeRole"),
        ("ecs", "metadata:credentials"),
        ("oidc", "AssumeRoleWithOIDC"),
        ("uri", "CredentialsURI"),
    ] {
        let before = s.count(action);
        s.lists(s.cmd().args(["--profile", profile]));
        assert_eq!(s.count(action), before + 1, "{profile}");
        s.used_issued_token();
    }
}

#[test]
fn aliyun_external() {
    let s = Setup::new();
    let script = s.script("ak.sh", &format!("echo '{{\"mode\":\"AK\",\"access_key_id\":\"{AK}\",\"access_key_secret\":\"{SECRET}\"}}'"));
    s.aliyun(&aliyun_profiles(
        "x",
        &[&format!(
            r#"{{"name":"x","mode":"External","process_command":"{}"}}"#,
            script.display()
        )],
    ));
    s.lists(&mut s.cmd());
}

// ---- the credentials INI file ----

#[test]
fn ini_types() {
    let s = Setup::new();
    let token = s.write("token", sts::DEMO_OIDC_TOKEN);
    s.ini(&format!(
        "[default]\ntype = access_key\naccess_key_id = {AK}\naccess_key_secret = {SECRET}\n\n[ecs]\ntype = ecs_ram_role\nrole_name = EcsRamRoleDemo\n\n[role]\ntype = ram_role_arn\naccess_key_id = {AK}\naccess_key_secret = {SECRET}\nrole_arn = {}\nrole_session_name = ini\n\n[oidc]\ntype = oidc_role_arn\noidc_provider_arn = {}\noidc_token_file_path = {}\nrole_arn = {}\nrole_session_name = ini-oidc\n",
        sts::DEMO_ROLE_ARN,
        sts::DEMO_OIDC_PROVIDER_ARN,
        token.display(),
        sts::DEMO_ROLE_ARN
    ));
    s.lists(&mut s.cmd());
    assert_eq!(s.last_token(), None, "[default] is an AccessKey");
    for (profile, action) in [
        ("ecs", "metadata:credentials"),
        ("role", "AssumeRole"),
        ("oidc", "AssumeRoleWithOIDC"),
    ] {
        s.lists(s.cmd().args(["-p", profile]));
        assert_eq!(s.count(action), 1, "{profile}");
        s.used_issued_token();
    }
    // ALIBABA_CLOUD_CREDENTIALS_FILE names another file.
    let other = s.write(
        "elsewhere.ini",
        &format!(
            "[default]\ntype = access_key\naccess_key_id = {AK}\naccess_key_secret = {SECRET}\n"
        ),
    );
    std::fs::remove_file(s.path(".alibabacloud/credentials")).unwrap();
    s.lists(s.cmd().env("ALIBABA_CLOUD_CREDENTIALS_FILE", &other));
}

// ---- the environment ----

#[test]
fn environment_aliases_oidc_ecs_and_uri() {
    let s = Setup::new();
    s.lists(
        s.cmd()
            .env("ALICLOUD_ACCESS_KEY_ID", AK)
            .env("ALICLOUD_ACCESS_KEY_SECRET", SECRET),
    );
    let token = s.write("token", sts::DEMO_OIDC_TOKEN);
    s.lists(oidc_env(&mut s.cmd(), &token));
    assert_eq!(s.count("AssumeRoleWithOIDC"), 1);
    s.used_issued_token();
    s.lists(
        s.cmd()
            .env("ALIBABA_CLOUD_ECS_METADATA", metadata::DEMO_ECS_ROLE),
    );
    assert_eq!(s.count("metadata:credentials"), 1);
    s.used_issued_token();
    s.lists(s.cmd().env(
        "ALIBABA_CLOUD_CREDENTIALS_URI",
        format!("{}{}", s.em.url(), emulator::CREDENTIALS_URI_PATH),
    ));
    assert_eq!(s.count("CredentialsURI"), 1);
}

// ---- the chain's order: each earlier source wins ----

/// The three OIDC variables, with the token read from `token_file`.
fn oidc_env(
    c: &mut assert_cmd::Command,
    token_file: impl AsRef<std::ffi::OsStr>,
) -> &mut assert_cmd::Command {
    c.env("ALIBABA_CLOUD_ROLE_ARN", sts::DEMO_ROLE_ARN)
        .env(
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            sts::DEMO_OIDC_PROVIDER_ARN,
        )
        .env("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file)
}

fn bad_oidc_env(c: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    oidc_env(c, "/nonexistent/token")
}

#[test]
fn order_environment_key_before_environment_oidc() {
    let s = Setup::new();
    s.lists(
        bad_oidc_env(&mut s.cmd())
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", AK)
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
    );
    assert_eq!(s.count("AssumeRoleWithOIDC"), 0);
}

#[test]
fn order_environment_oidc_before_the_oos_config() {
    let s = Setup::new();
    s.toml(&format!(
        "[profiles.default]\naccess_key_id = \"{AK}\"\naccess_key_secret = \"wrong\"\n"
    ));
    let token = s.write("token", sts::DEMO_OIDC_TOKEN);
    s.lists(oidc_env(&mut s.cmd(), &token));
    assert_eq!(s.count("AssumeRoleWithOIDC"), 1);
}

#[test]
fn order_aliyun_config_before_the_ini_file() {
    let s = Setup::new();
    s.aliyun(&aliyun_profiles(
        "a",
        &[&format!(
            r#"{{"name":"a","mode":"AK","access_key_id":"{AK}","access_key_secret":"{SECRET}"}}"#
        )],
    ));
    s.ini("[default]\ntype = access_key\naccess_key_id = LTAIwrongwrongwrong\naccess_key_secret = wrong\n");
    s.lists(&mut s.cmd());
}

#[test]
fn order_ini_file_before_ecs_metadata_before_credentials_uri() {
    let s = Setup::new();
    let uri = format!("{}{}", s.em.url(), emulator::CREDENTIALS_URI_PATH);
    s.lists(
        s.cmd()
            .env("ALIBABA_CLOUD_ECS_METADATA", metadata::DEMO_ECS_ROLE)
            .env("ALIBABA_CLOUD_CREDENTIALS_URI", &uri),
    );
    assert_eq!(
        (s.count("metadata:credentials"), s.count("CredentialsURI")),
        (1, 0),
        "ECS before the URI"
    );
    s.ini(&format!(
        "[default]\ntype = access_key\naccess_key_id = {AK}\naccess_key_secret = {SECRET}\n"
    ));
    s.lists(
        s.cmd()
            .env("ALIBABA_CLOUD_ECS_METADATA", metadata::DEMO_ECS_ROLE),
    );
    assert_eq!(
        s.count("metadata:credentials"),
        1,
        "the INI file before ECS"
    );
}

#[test]
fn no_metadata_probe_unless_asked() {
    let s = Setup::new();
    let out = s.cmd().args(["list", "exec-small"]).assert().code(3);
    assert_eq!(s.count("metadata") + s.count("metadata:credentials"), 0);
    let stderr = text(&out.get_output().stderr);
    for place in [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "OIDC",
        "config.toml",
        "config.json",
        ".alibabacloud/credentials",
        "ALIBABA_CLOUD_ECS_METADATA",
        "ALIBABA_CLOUD_CREDENTIALS_URI",
    ] {
        assert!(stderr.contains(place), "{place} missing from: {stderr}");
    }
}

#[test]
fn profile_pins_the_ini_file_over_everything() {
    let s = Setup::new();
    s.ini(&format!(
        "[pinned]\ntype = access_key\naccess_key_id = {AK}\naccess_key_secret = {SECRET}\n"
    ));
    s.toml("[profiles.default]\naccess_key_id = \"LTAIwrongwrongwrong\"\naccess_key_secret = \"wrong\"\n");
    s.lists(
        s.cmd()
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIwrongwrongwrong")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong")
            .env("ALIBABA_CLOUD_PROFILE", "pinned"),
    );
}

// ---- the cache ----

fn cache_files(s: &Setup) -> Vec<PathBuf> {
    std::fs::read_dir(s.path(".cache/oos-logs/credentials"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_second_run_reuses_the_role_and_an_expiring_entry_is_refreshed_once() {
    let s = Setup::new();
    s.toml(&toml_role(""));
    s.lists(&mut s.cmd());
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 1, "the second run used the cache");
    let files = cache_files(&s);
    assert_eq!(files.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Two minutes left: inside the three-minute margin, so one new AssumeRole.
    let mut cached: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    cached["Expiration"] = (jiff::Timestamp::now() + jiff::SignedDuration::from_mins(2))
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
        .into();
    std::fs::write(&files[0], cached.to_string()).unwrap();
    s.lists(&mut s.cmd());
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 2);
    // A corrupt entry is replaced.
    std::fs::write(&files[0], "{garbage").unwrap();
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 3);
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 3);
}

#[test]
fn a_cached_role_credential_the_service_refuses_is_dropped_and_fetched_afresh_once() {
    let s = Setup::new();
    s.toml(&toml_role(""));
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 1);
    let files = cache_files(&s);
    assert_eq!(files.len(), 1);
    // The cached key is revoked (the service no longer knows it), an hour before it expires.
    let mut cached: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    cached["AccessKeyId"] = "STS.RevokedKey0000000001".into();
    std::fs::write(&files[0], cached.to_string()).unwrap();
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 2, "one fresh AssumeRole");
    s.used_issued_token();
    let rewritten: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_ne!(
        rewritten["AccessKeyId"], "STS.RevokedKey0000000001",
        "the cache holds the new credentials"
    );
    // The next run uses them without asking STS again.
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 2);
    // A token the service refuses is dropped the same way.
    let mut cached = rewritten;
    cached["SecurityToken"] = "CAIS-refused-token".into();
    std::fs::write(&files[0], cached.to_string()).unwrap();
    let stderr = s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 3);
    assert!(!stderr.contains("CAIS-refused-token"), "{stderr}");
}

#[test]
fn no_credential_cache_skips_the_disk() {
    let s = Setup::new();
    s.toml(&toml_role(""));
    s.lists(s.cmd().arg("--no-credential-cache"));
    s.lists(s.cmd().arg("--no-credential-cache"));
    assert_eq!(s.count("AssumeRole"), 2);
    assert!(cache_files(&s).is_empty());
}

// ---- secrets ----

#[test]
fn traces_errors_and_output_never_hold_a_secret() {
    let s = Setup::new();
    let token_file = s.write("token", sts::DEMO_OIDC_TOKEN);
    s.toml(&format!(
        "{}\n[profiles.oidc]\nmode = \"oidc\"\nram_role_arn = \"{}\"\noidc_provider_arn = \"{}\"\noidc_token_file = \"{}\"\n",
        toml_role(""),
        sts::DEMO_ROLE_ARN,
        sts::DEMO_OIDC_PROVIDER_ARN,
        token_file.display()
    ));
    let mut seen = String::new();
    for args in [&["-vv"][..], &["-vv", "-p", "oidc"]] {
        let out = s
            .cmd()
            .args(args)
            .args(["list", "exec-small", "-o", "jsonl"])
            .assert()
            .success();
        seen.push_str(&text(&out.get_output().stderr));
        seen.push_str(&text(&out.get_output().stdout));
    }
    assert!(seen.contains("> POST"), "traced: {seen}");
    let mut secrets = vec![SECRET.to_owned(), sts::DEMO_OIDC_TOKEN.to_owned()];
    for key in s.em.stats().issued_keys() {
        secrets.push(key.secret.clone());
        secrets.push(key.security_token.clone().unwrap());
    }
    for secret in secrets {
        for form in [
            secret.clone(),
            percent_encode(&secret),
            percent_encode(&percent_encode(&secret)),
        ] {
            assert!(!seen.contains(&form), "{secret} leaked as {form}");
        }
    }
}

// ---- bad inputs: exit 3 with a clear message, never a panic ----

fn fails_with(s: &Setup, c: &mut assert_cmd::Command, needles: &[&str]) -> String {
    let out = c.args(["list", "exec-small"]).assert().code(3);
    let stderr = text(&out.get_output().stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} missing from: {stderr}");
    }
    assert_eq!(s.count("ListExecutionLogs"), 0);
    stderr
}

#[test]
fn a_role_that_sts_refuses() {
    let s = Setup::new();
    s.toml(&toml_role("").replace(sts::DEMO_ROLE_ARN, sts::DENIED_ROLE_ARN));
    let stderr = fails_with(
        &s,
        &mut s.cmd(),
        &["NoPermission", "RequestId: ", sts::DENIED_ROLE_ARN, "hint:"],
    );
    assert!(!stderr.contains(SECRET));
    s.toml(&toml_role("").replace(sts::DEMO_ROLE_ARN, "acs:ram::1234567890123456:role/missing"));
    fails_with(&s, &mut s.cmd(), &["EntityNotExist.Role"]);
    s.toml(
        &toml_role("ram_session_name = \"has space\"\n")
            .replace("ram_session_name = \"oos-logs-test\"\n", ""),
    );
    fails_with(&s, &mut s.cmd(), &["session name"]);
}

#[test]
fn an_oidc_token_file_that_does_not_exist_or_is_refused() {
    let s = Setup::new();
    fails_with(&s, bad_oidc_env(&mut s.cmd()), &["/nonexistent/token"]);
    let forged = s.write("forged", "eyJforged");
    fails_with(
        &s,
        oidc_env(&mut s.cmd(), &forged),
        &["AuthenticationFail.OIDCToken.Invalid"],
    );
}

#[test]
fn an_external_command_that_fails_or_prints_junk() {
    let s = Setup::new();
    let failing = s.script("fail.sh", "echo 'secret-ish noise' >&2; exit 1");
    s.toml(&format!(
        "[profiles.default]\nmode = \"external\"\nprocess_command = \"{}\"\n",
        failing.display()
    ));
    let stderr = fails_with(&s, &mut s.cmd(), &["fail.sh", "exit status: 1"]);
    assert!(!stderr.contains("secret-ish noise"));
    let junk = s.script("junk.sh", "echo 'password=hunter2'");
    s.toml(&format!(
        "[profiles.default]\nmode = \"external\"\nprocess_command = \"{}\"\n",
        junk.display()
    ));
    let stderr = fails_with(&s, &mut s.cmd(), &["junk.sh", "not the expected JSON"]);
    assert!(!stderr.contains("hunter2"));
}

#[test]
fn a_metadata_service_that_is_down_or_answers_404() {
    let s = Setup::new();
    let refused = crate::support::refused_port();
    let port = refused.port();
    s.toml("[profiles.default]\nmode = \"ecs_ram_role\"\n");
    fails_with(
        &s,
        s.cmd().env(
            "OOS_LOGS_METADATA_ENDPOINT",
            format!("http://127.0.0.1:{port}"),
        ),
        &["ECS metadata service"],
    );
    s.toml("[profiles.default]\nmode = \"ecs_ram_role\"\nram_role_name = \"NoSuchRole\"\n");
    fails_with(&s, &mut s.cmd(), &["HTTP 404", "NoSuchRole"]);
}

#[test]
fn a_source_profile_cycle_is_named() {
    let s = Setup::new();
    s.toml(&format!(
        "default_profile = \"a\"\n[profiles.a]\nmode = \"chainable\"\nsource_profile = \"b\"\nram_role_arn = \"{0}\"\n[profiles.b]\nmode = \"chainable\"\nsource_profile = \"a\"\nram_role_arn = \"{0}\"\n",
        sts::DEMO_ROLE_ARN
    ));
    fails_with(&s, &mut s.cmd(), &["cycle", "a -> b -> a"]);
}

#[test]
fn unsupported_modes_are_named() {
    let s = Setup::new();
    s.aliyun(&aliyun_profiles(
        "sso",
        &[r#"{"name":"sso","mode":"CloudSSO"}"#],
    ));
    fails_with(&s, &mut s.cmd(), &["CloudSSO", "\"sso\""]);
    s.ini("[default]\ntype = rsa_key_pair\n");
    std::fs::remove_file(s.path(".aliyun/config.json")).unwrap();
    fails_with(&s, &mut s.cmd(), &["rsa_key_pair"]);
}

/// A chainable profile over temporary (`sts`) source credentials: AssumeRole then carries the
/// source's SecurityToken in its query.
fn chained_over_sts(s: &Setup, source_secret: &str) {
    s.toml(&format!(
        "default_profile = \"chained\"\n[profiles.src]\nmode = \"sts\"\naccess_key_id = \"{}\"\naccess_key_secret = \"{source_secret}\"\nsts_token = \"{}\"\n[profiles.chained]\nmode = \"chainable\"\nsource_profile = \"src\"\nram_role_arn = \"{}\"\n",
        emulator::DEMO_STS_ACCESS_KEY_ID,
        emulator::DEMO_SECURITY_TOKEN,
        sts::DEMO_ROLE_ARN
    ));
}

fn assert_no_token(stderr: &str) {
    let token = emulator::DEMO_SECURITY_TOKEN;
    for form in [
        token.to_owned(),
        percent_encode(token),
        percent_encode(&percent_encode(token)),
    ] {
        assert!(
            !stderr.contains(&form),
            "the token leaked as {form}: {stderr}"
        );
    }
}

#[test]
fn sts_failures_never_show_the_source_token() {
    let s = Setup::new();
    chained_over_sts(&s, emulator::DEMO_STS_ACCESS_KEY_SECRET);
    s.lists(&mut s.cmd());
    s.used_issued_token();
    // STS unreachable: the transport error must not quote the request URL.
    let refused = crate::support::refused_port();
    let port = refused.port();
    let out = s
        .cmd()
        .arg("--no-credential-cache")
        .env(
            "ALIBABA_CLOUD_STS_ENDPOINT",
            format!("http://127.0.0.1:{port}"),
        )
        .args(["-vv", "list", "exec-small"])
        .assert()
        .code(3);
    assert_no_token(&text(&out.get_output().stderr));
    // STS refuses the signature and quotes its string to sign.
    chained_over_sts(&s, "wrong-secret");
    let out = s
        .cmd()
        .arg("--no-credential-cache")
        .args(["-vv", "list", "exec-small"])
        .assert()
        .code(3);
    let stderr = text(&out.get_output().stderr);
    assert!(stderr.contains("SignatureDoesNotMatch"), "{stderr}");
    assert_no_token(&stderr);
    assert!(!stderr.contains("wrong-secret"));
    let out = bare_cmd(s.home.path()).arg("profiles").assert().success();
    assert_no_token(&text(&out.get_output().stdout));
}

#[test]
fn a_changed_source_key_does_not_reuse_cached_role_credentials() {
    let s = Setup::new();
    let write = |id: &str, secret: &str| {
        s.toml(&format!(
            "default_profile = \"chained\"\n[profiles.base]\naccess_key_id = \"{id}\"\naccess_key_secret = \"{secret}\"\n[profiles.chained]\nmode = \"chainable\"\nsource_profile = \"base\"\nram_role_arn = \"{}\"\n",
            sts::DEMO_ROLE_ARN
        ));
    };
    write(AK, SECRET);
    s.lists(&mut s.cmd());
    s.lists(&mut s.cmd());
    assert_eq!(s.count("AssumeRole"), 1);
    write("LTAI5tOtherAccount999", "other-secret");
    let out = s.cmd().args(["list", "exec-small"]).assert().code(3);
    assert!(
        text(&out.get_output().stderr).contains("InvalidAccessKeyId.NotFound"),
        "a new key means a new STS call"
    );
    // The STS endpoint is part of the identity too.
    write(AK, SECRET);
    let other = emulator();
    s.lists(
        s.cmd()
            .env("ALIBABA_CLOUD_STS_ENDPOINT", other.url())
            .env("OOS_LOGS_ENDPOINT", other.url()),
    );
    assert_eq!(other.stats().action_count("AssumeRole"), 1);
}

#[cfg(unix)]
#[test]
fn a_readable_file_is_warned_about_when_the_secret_is_in_a_source_profile() {
    use std::os::unix::fs::PermissionsExt as _;
    let s = Setup::new();
    s.toml(&format!(
        "default_profile = \"chained\"\n[profiles.base]\naccess_key_id = \"{AK}\"\naccess_key_secret = \"{SECRET}\"\n[profiles.chained]\nmode = \"chainable\"\nsource_profile = \"base\"\nram_role_arn = \"{}\"\n",
        sts::DEMO_ROLE_ARN
    ));
    std::fs::set_permissions(
        s.path(".config/oos-logs/config.toml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let stderr = s.lists(&mut s.cmd());
    assert!(stderr.contains("chmod 600"), "{stderr}");
}

#[test]
fn sts_failures_that_pass_are_retried_and_lasting_ones_exit_6() {
    let s = Setup::new();
    s.toml(&toml_role(""));
    // The first AssumeRole is answered 503 (the schedule counts AssumeRole requests only),
    // then retried.
    let flaky = crate::support::emulator_with(emulator::Faults {
        fail_first: Some(1),
        only_action: Some("AssumeRole".to_owned()),
        ..emulator::Faults::default()
    });
    s.lists(
        s.cmd()
            .arg("--no-credential-cache")
            .env("ALIBABA_CLOUD_STS_ENDPOINT", flaky.url())
            .env("OOS_LOGS_ENDPOINT", flaky.url()),
    );
    let sts_statuses: Vec<u16> = flaky
        .stats()
        .recent_requests()
        .iter()
        .filter(|r| r.param("Action") == Some("AssumeRole"))
        .map(|r| r.status)
        .collect();
    assert_eq!(
        sts_statuses,
        [503, 200],
        "the 503 was retried with a fresh signature"
    );
    let down = crate::support::emulator_with(emulator::Faults {
        fail_every: Some(1),
        ..emulator::Faults::default()
    });
    let out = s
        .cmd()
        .args(["--no-credential-cache", "--retries", "1"])
        .env("ALIBABA_CLOUD_STS_ENDPOINT", down.url())
        .args(["list", "exec-small"])
        .assert()
        .code(6);
    assert_eq!(down.stats().requests(), 2, "one attempt and one retry");
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("ServiceUnavailable") && stderr.contains("RequestId: "),
        "{stderr}"
    );
}

#[test]
fn a_hung_external_command_is_stopped() {
    let s = Setup::new();
    let hang = s.script("hang.sh", "exec sleep 30");
    s.toml(&format!(
        "[profiles.default]\nmode = \"external\"\nprocess_command = \"{}\"\n",
        hang.display()
    ));
    let started = std::time::Instant::now();
    let out = s
        .cmd()
        .args(["--read-timeout", "1s", "list", "exec-small"])
        .env("PATH", "/usr/bin:/bin")
        .assert()
        .code(3);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(
        text(&out.get_output().stderr).contains("did not finish within"),
        "{}",
        text(&out.get_output().stderr)
    );
}
