//! Credentials from the oos-logs TOML config and the aliyun CLI config, and the chain order.

use std::path::Path;

use oos_logs::emulator::{self, BackgroundEmulator};

use crate::support::{
    aliyun_config, bare_cmd, emulator, home, oos_config, parse_jsonl, text, write_file as write,
};

/// A command with the emulator's endpoint but no credentials and no region.
fn cmd(em: &BackgroundEmulator, home: &Path) -> assert_cmd::Command {
    let mut c = bare_cmd(home);
    c.env("OOS_LOGS_ENDPOINT", em.url());
    c
}

fn toml_ak(name: &str, secret: &str) -> String {
    format!(
        "[profiles.{name}]\nmode = \"ak\"\naccess_key_id = \"{}\"\naccess_key_secret = \"{secret}\"\nregion_id = \"cn-hangzhou\"\n",
        emulator::DEMO_ACCESS_KEY_ID
    )
}

const TOML_STS: &str = concat!(
    "[profiles.default]\nmode = \"StsToken\"\n",
    "access_key_id = \"STS.OosLogsDemoKey02\"\naccess_key_secret = \"oos-logs-demo-sts-secret\"\n",
    "sts_token = \"CAISdemo+oos/logs=token\"\nregion_id = \"cn-hangzhou\"\n"
);

fn aliyun_json(current: &str, profiles: &[(&str, &str, &str)]) -> String {
    let items: Vec<String> = profiles
        .iter()
        .map(|(name, mode, secret)| {
            let (id, token) = if *mode == "StsToken" {
                (emulator::DEMO_STS_ACCESS_KEY_ID, format!(", \"sts_token\": \"{}\"", emulator::DEMO_SECURITY_TOKEN))
            } else {
                (emulator::DEMO_ACCESS_KEY_ID, String::new())
            };
            format!(
                "{{\"name\": \"{name}\", \"mode\": \"{mode}\", \"access_key_id\": \"{id}\", \"access_key_secret\": \"{secret}\"{token}, \"region_id\": \"cn-hangzhou\", \"output_format\": \"json\", \"language\": \"en\"}}"
            )
        })
        .collect();
    format!(
        "{{\n\t\"current\": \"{current}\",\n\t\"profiles\": [{}],\n\t\"meta_path\": \"\"\n}}",
        items.join(",")
    )
}

fn lists_small(c: &mut assert_cmd::Command) -> String {
    let out = c
        .args(["list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(parse_jsonl(&out.get_output().stdout).len(), 7);
    text(&out.get_output().stderr)
}

#[test]
fn toml_ak_profile_with_region() {
    let (em, home) = (emulator(), home());
    oos_config(
        home.path(),
        &format!(
            "default_profile = \"prod\"\n{}",
            toml_ak("prod", emulator::DEMO_ACCESS_KEY_SECRET)
        ),
    );
    assert_eq!(lists_small(&mut cmd(&em, home.path())), "");
    assert_eq!(
        em.stats().recent_requests()[0].param("RegionId"),
        Some("cn-hangzhou")
    );
}

#[test]
fn toml_sts_profile_sends_its_token() {
    let (em, home) = (emulator(), home());
    oos_config(home.path(), TOML_STS);
    lists_small(&mut cmd(&em, home.path()));
    assert_eq!(
        em.stats().recent_requests()[0].param("SecurityToken"),
        Some(emulator::DEMO_SECURITY_TOKEN)
    );
}

#[test]
fn aliyun_ak_and_sts_profiles() {
    let (em, home) = (emulator(), home());
    aliyun_config(
        home.path(),
        &aliyun_json(
            "dev",
            &[
                ("default", "AK", emulator::DEMO_ACCESS_KEY_SECRET),
                ("dev", "StsToken", emulator::DEMO_STS_ACCESS_KEY_SECRET),
            ],
        ),
    );
    lists_small(&mut cmd(&em, home.path()));
    assert_eq!(
        em.stats().recent_requests()[0].param("SecurityToken"),
        Some(emulator::DEMO_SECURITY_TOKEN),
        "current = dev"
    );
    lists_small(cmd(&em, home.path()).args(["--profile", "default"]));
    assert_eq!(
        em.stats().recent_requests()[1].param("SecurityToken"),
        None,
        "--profile default is AK"
    );
    lists_small(cmd(&em, home.path()).env("ALIBABA_CLOUD_PROFILE", "default"));
    assert_eq!(
        em.stats().recent_requests()[2].param("SecurityToken"),
        None,
        "ALIBABA_CLOUD_PROFILE pins too"
    );
}

#[test]
fn environment_beats_the_config_files() {
    let (em, home) = (emulator(), home());
    oos_config(home.path(), &toml_ak("default", "wrong-secret"));
    aliyun_config(
        home.path(),
        &aliyun_json("a", &[("a", "AK", "wrong-secret")]),
    );
    lists_small(
        cmd(&em, home.path())
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator::DEMO_ACCESS_KEY_ID)
            .env(
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                emulator::DEMO_ACCESS_KEY_SECRET,
            )
            .env("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou"),
    );
}

#[test]
fn oos_config_beats_the_aliyun_config() {
    let (em, home) = (emulator(), home());
    oos_config(
        home.path(),
        &toml_ak("default", emulator::DEMO_ACCESS_KEY_SECRET),
    );
    aliyun_config(
        home.path(),
        &aliyun_json("a", &[("a", "AK", "wrong-secret")]),
    );
    lists_small(&mut cmd(&em, home.path()));
}

#[test]
fn profile_pins_even_over_the_environment() {
    let (em, home) = (emulator(), home());
    oos_config(
        home.path(),
        &toml_ak("ci", emulator::DEMO_ACCESS_KEY_SECRET),
    );
    lists_small(
        cmd(&em, home.path())
            .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIwrongwrongwrong")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong")
            .args(["-p", "ci"]),
    );
}

#[test]
fn config_path_from_the_environment_and_output_from_the_profile() {
    let (em, home) = (emulator(), home());
    let path = write(
        home.path().join("elsewhere.toml"),
        &format!(
            "{}output = \"jsonl\"\n",
            toml_ak("default", emulator::DEMO_ACCESS_KEY_SECRET)
        ),
    );
    let out = cmd(&em, home.path())
        .env("OOS_LOGS_CONFIG", &path)
        .args(["list", "exec-small"])
        .assert()
        .success();
    assert_eq!(
        parse_jsonl(&out.get_output().stdout).len(),
        7,
        "the profile's output = jsonl"
    );
}

#[test]
fn broken_and_incomplete_configs_are_exit_3() {
    let (em, home) = (emulator(), home());
    let path = oos_config(
        home.path(),
        "[profiles.default]\naccess_key_id = \"x\"\naccess_key_secret = \n",
    );
    let out = cmd(&em, home.path())
        .args(["list", "exec-small"])
        .assert()
        .code(3);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains(&path.display().to_string()) && stderr.contains("line 3, column"),
        "{stderr}"
    );

    oos_config(
        home.path(),
        "[profiles.default]\naccess_key_id = \"LTAIxxxxxxxxxxxx\"\nregion_id = \"cn-hangzhou\"\n",
    );
    let out = cmd(&em, home.path())
        .args(["list", "exec-small"])
        .assert()
        .code(3);
    assert!(text(&out.get_output().stderr).contains("has no access_key_secret"));

    aliyun_config(home.path(), "{\"current\": \"a\", \"profiles\": [\n");
    let out = cmd(&em, home.path())
        .args(["-p", "zzz", "list", "exec-small"])
        .assert()
        .code(3);
    assert!(
        text(&out.get_output().stderr).contains("config.json is not valid JSON"),
        "{}",
        text(&out.get_output().stderr)
    );

    aliyun_config(home.path(), &aliyun_json("a", &[("a", "CloudSSO", "x")]));
    let out = cmd(&em, home.path())
        .args(["-p", "a", "list", "exec-small"])
        .assert()
        .code(3);
    assert!(text(&out.get_output().stderr).contains("CloudSSO"));
    assert_eq!(em.stats().requests(), 0);
}

#[test]
fn an_unknown_profile_lists_what_exists() {
    let (em, home) = (emulator(), home());
    oos_config(home.path(), &toml_ak("prod", "s"));
    let out = cmd(&em, home.path())
        .args(["-p", "staging", "list", "exec-small"])
        .assert()
        .code(3);
    let stderr = text(&out.get_output().stderr);
    assert!(
        stderr.contains("\"staging\"") && stderr.contains("it has: prod"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_config_readable_by_others_is_warned_about() {
    use std::os::unix::fs::PermissionsExt as _;
    let (em, home) = (emulator(), home());
    let path = oos_config(
        home.path(),
        &toml_ak("default", emulator::DEMO_ACCESS_KEY_SECRET),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let stderr = lists_small(&mut cmd(&em, home.path()));
    assert!(
        stderr.contains("warning") && stderr.contains("chmod 600"),
        "{stderr}"
    );
    assert!(!stderr.contains(emulator::DEMO_ACCESS_KEY_SECRET));
}
