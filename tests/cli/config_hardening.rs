//! Config files and `configure` under misuse (issue "Hardening", items 7-10): concurrent
//! writers, links, FIFOs and devices, values that must not be echoed, and the exit codes of
//! config problems.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use oos_logs::emulator;

use crate::support::{
    bare_cmd, demo_key_cmd, emulator, home, oos_config as write_config,
    oos_config_path as config_path, text,
};

/// `configure --non-interactive` of profile `name` with the demo key, the secret on stdin.
fn configure(home: &Path, name: &str) -> assert_cmd::Command {
    let mut c = bare_cmd(home);
    c.args(["configure", "--non-interactive", "--secret-stdin"])
        .args(["--profile", name, "--region", "cn-hangzhou"])
        .args(["--access-key-id", emulator::DEMO_ACCESS_KEY_ID])
        .write_stdin(format!("{}\n", emulator::DEMO_ACCESS_KEY_SECRET));
    c
}

/// Runs `list exec-small` with the profile config in `home`: exit code and stderr.
fn list_with_config(home: &Path, extra: &[&str]) -> (i32, String) {
    let out = bare_cmd(home)
        .args(extra)
        .args(["list", "exec-small"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), text(&out.stderr))
}

// ---- item 7: configure ----

#[test]
fn thirty_concurrent_configures_keep_thirty_profiles() {
    let home = home();
    let children: Vec<_> = (0..30)
        .map(|i| {
            let mut c = std::process::Command::new(crate::support::binary());
            c.env_clear()
                .env("HOME", home.path())
                .env("XDG_CONFIG_HOME", home.path().join(".config"))
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")
                .args(["configure", "--non-interactive", "--region", "cn-hangzhou"])
                .args(["--profile", &format!("p{i}")])
                .args(["--access-key-id", &format!("LTAIconcurrent{i:04}")])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let body = std::fs::read_to_string(config_path(home.path())).unwrap();
    for i in 0..30 {
        assert!(
            body.contains(&format!("[profiles.p{i}]")),
            "profile p{i} lost:\n{body}"
        );
    }
}

#[cfg(unix)]
#[test]
fn configure_writes_through_a_symbolic_link() {
    let home = home();
    let real = home.path().join("dotfiles/oos-logs.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "# mine\n").unwrap();
    let link = config_path(home.path());
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    configure(home.path(), "linked").assert().success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let body = std::fs::read_to_string(&real).unwrap();
    assert!(
        body.contains("# mine") && body.contains("[profiles.linked]"),
        "{body}"
    );
}

#[test]
fn configure_stores_endpoint_and_endpoint_type_and_refuses_a_bad_one() {
    let (em, home) = (emulator(), home());
    configure(home.path(), "local")
        .args(["--endpoint", &em.url(), "--endpoint-type", "vpc"])
        .assert()
        .success();
    let body = std::fs::read_to_string(config_path(home.path())).unwrap();
    assert!(
        body.contains(&format!("endpoint = \"{}\"", em.url()))
            && body.contains("endpoint_type = \"vpc\""),
        "{body}"
    );
    // The stored endpoint is used: no OOS_LOGS_ENDPOINT needed.
    let out = bare_cmd(home.path())
        .args(["list", "exec-small", "-o", "jsonl"])
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stdout).lines().count(), 7);
    let out = configure(home.path(), "bad")
        .args(["--endpoint", "http://example.com"])
        .assert()
        .code(2);
    assert!(text(&out.get_output().stderr).contains("loopback"));
    assert!(
        !std::fs::read_to_string(config_path(home.path()))
            .unwrap()
            .contains("[profiles.bad]")
    );
}

#[test]
fn profile_names_with_newlines_blanks_or_controls_are_refused() {
    let home = home();
    for name in ["two words", "new\nline", "bell\u{7}", " ", "tab\tx"] {
        let out = configure(home.path(), name).assert().code(2);
        assert!(
            text(&out.get_output().stderr).contains("profile name"),
            "{name:?}"
        );
    }
    assert!(!config_path(home.path()).exists());
}

#[cfg(unix)]
#[test]
fn ctrl_d_at_a_prompt_says_no_input() {
    let home = home();
    let screen =
        crate::support::configure_on_a_terminal(home.path(), &[], &[("AccessKey ID: ", "\u{4}")]);
    assert!(screen.contains("no input"), "{screen}");
    assert!(!screen.contains("cannot write output"), "{screen}");
    assert!(screen.contains("EXIT=2"), "{screen}");
    assert!(!config_path(home.path()).exists());
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_environment_s_keys_are_prompted_for_not_skipped() {
    let home = home();
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIfromtheenv0001"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"),
    ];
    let screen = crate::support::configure_on_a_terminal(
        home.path(),
        &env,
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID]: ", "LTAItyped00000001\n"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET]: ", "typed-secret\n"),
            ("Region [cn-hangzhou]: ", "cn-beijing\n"),
        ],
    );
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(!screen.contains("typed-secret"), "echoed:\n{screen}");
    let body = std::fs::read_to_string(config_path(home.path())).unwrap();
    assert!(
        body.contains("access_key_id = \"LTAItyped00000001\"")
            && body.contains("access_key_secret = \"typed-secret\"")
            && body.contains("region_id = \"cn-beijing\""),
        "{body}"
    );
}

// ---- item 8: exit codes of config problems ----

#[test]
fn timeouts_of_zero_are_usage_errors() {
    let home = home();
    for flag in ["--read-timeout", "--connect-timeout"] {
        let out = demo_key_cmd(home.path())
            .args([flag, "0", "list", "exec-small"])
            .assert()
            .code(2);
        assert!(text(&out.get_output().stderr).contains(flag));
        demo_key_cmd(home.path())
            .args([flag, "0s", "list", "exec-small"])
            .assert()
            .code(2);
    }
}

#[test]
fn an_invalid_endpoint_or_region_in_a_profile_exits_3() {
    let home = home();
    for profile in [
        "endpoint = \"http://example.com\"\nregion_id = \"cn-hangzhou\"",
        "endpoint = \"https://exa mple.com\"\nregion_id = \"cn-hangzhou\"",
        "region_id = \"cn/../x\"",
    ] {
        write_config(
            home.path(),
            &format!(
                "[profiles.default]\naccess_key_id = \"LTAIx00000000000\"\naccess_key_secret = \"s\"\n{profile}\n"
            ),
        );
        let (code, stderr) = list_with_config(home.path(), &[]);
        assert_eq!(code, 3, "{profile}: {stderr}");
    }
}

#[test]
fn profiles_exits_3_with_a_broken_config_or_a_missing_pinned_profile() {
    let home = home();
    write_config(home.path(), "[profiles.default\n");
    let out = bare_cmd(home.path()).arg("profiles").assert().code(3);
    let stdout = text(&out.get_output().stdout);
    assert!(
        stdout.contains("problem:") && stdout.contains("in use: none"),
        "{stdout}"
    );
    write_config(
        home.path(),
        "[profiles.prod]\naccess_key_id = \"LTAIprod00000001\"\naccess_key_secret = \"s\"\n",
    );
    let out = bare_cmd(home.path())
        .args(["--profile", "nope", "profiles"])
        .assert()
        .code(3);
    let stdout = text(&out.get_output().stdout);
    assert!(
        stdout.contains("prod") && stdout.contains("in use: none"),
        "it still lists what it can:\n{stdout}"
    );
    assert!(text(&out.get_output().stderr).contains("\"nope\""));
    bare_cmd(home.path())
        .args(["--profile", "prod", "profiles"])
        .assert()
        .success();
}

// ---- item 9: echoed values ----

#[test]
fn an_endpoint_s_password_is_never_printed() {
    let (em, home) = (emulator(), home());
    let with_password = em.url().replace("http://", "http://user:hunter2@");
    let out = demo_key_cmd(home.path())
        .env("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
        .args(["-vv", "--endpoint", &with_password, "list", "exec-small"])
        .assert()
        .code(2);
    let stderr = text(&out.get_output().stderr);
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(stderr.contains("***@"), "{stderr}");
    // In a profile: a config error, the password not shown either.
    write_config(
        home.path(),
        &format!(
            "[profiles.default]\naccess_key_id = \"LTAIx00000000000\"\naccess_key_secret = \"s\"\nregion_id = \"cn-hangzhou\"\nendpoint = \"{with_password}\"\n"
        ),
    );
    let (code, stderr) = list_with_config(home.path(), &["-vv"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn a_region_with_an_escape_never_reaches_stderr() {
    let (em, home) = (emulator(), home());
    write_config(
        home.path(),
        &format!(
            "[profiles.default]\naccess_key_id = \"{}\"\naccess_key_secret = \"{}\"\nregion_id = \"cn-hangzhou\\u001b]0;pwned\\u0007\"\nendpoint = \"{}\"\n",
            emulator::DEMO_ACCESS_KEY_ID,
            emulator::DEMO_ACCESS_KEY_SECRET,
            em.url()
        ),
    );
    let (code, stderr) = list_with_config(home.path(), &["-v"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("region_id"), "{stderr}");
}

#[test]
fn type_errors_name_the_key_and_the_type_never_the_value() {
    let home = home();
    write_config(
        home.path(),
        "[profiles.default]\naccess_key_id = \"LTAIx00000000000\"\naccess_key_secret = 12345678\n",
    );
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(!stderr.contains("12345678"), "{stderr}");
    assert!(
        stderr.contains("access_key_secret must be a string, not an integer")
            && stderr.contains("line 3"),
        "{stderr}"
    );
    // The aliyun CLI config alike.
    let other = crate::support::home();
    crate::support::aliyun_config(
        other.path(),
        r#"{"current": "a", "profiles": [{"name": "a", "mode": "AK", "access_key_id": "LTAIx00000000000", "access_key_secret": 87654321}]}"#,
    );
    let (code, stderr) = list_with_config(other.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(!stderr.contains("87654321"), "{stderr}");
    assert!(
        stderr.contains("access_key_secret must be a string, not a number"),
        "{stderr}"
    );
}

#[test]
fn a_profile_that_is_not_a_table_is_explained() {
    let home = home();
    write_config(home.path(), "[profiles]\ndefault = 5\n");
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(!stderr.contains("RawProfile"), "{stderr}");
    assert!(
        stderr.contains("profile \"default\" is an integer")
            && stderr.contains("[profiles.default]")
            && stderr.contains("line 2"),
        "{stderr}"
    );
}

// ---- item 10: files ----

#[cfg(unix)]
#[test]
fn a_config_linked_to_dev_zero_is_refused_without_reading_it() {
    let home = home();
    let path = config_path(home.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let started = Instant::now();
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // `configure` refuses it too, leaves the link alone and creates nothing beside the device.
    configure(home.path(), "x").assert().code(3);
    assert!(!Path::new("/dev/.zero.lock").exists());
    assert!(
        std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_config_larger_than_a_mebibyte_is_refused() {
    let home = home();
    let mut body = String::from("[profiles.default]\n");
    while body.len() <= 1024 * 1024 {
        body.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    write_config(home.path(), &body);
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("larger than"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_fifo_config_does_not_hang() {
    let home = home();
    let path = config_path(home.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // mkfifo is coreutils': a machine without it fails this test rather than skip it.
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(made.success(), "mkfifo {}", path.display());
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("a FIFO"), "{stderr}");
    let out = bare_cmd(home.path())
        .arg("profiles")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_reported_as_one() {
    let home = home();
    let path = config_path(home.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(home.path().join("gone.toml"), &path).unwrap();
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("symbolic link") && stderr.contains("gone.toml"),
        "{stderr}"
    );
    let explicit = home.path().join("explicit.toml");
    std::os::unix::fs::symlink(home.path().join("missing.toml"), &explicit).unwrap();
    let (code, stderr) = list_with_config(home.path(), &["--config", explicit.to_str().unwrap()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("symbolic link") && stderr.contains("missing.toml"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_key_suggests_the_right_one() {
    let home = home();
    for (typo, right) in [
        ("region", "region_id"),
        ("acces_key_id", "access_key_id"),
        ("access-key-secret", "access_key_secret"),
        ("endpoint_typ", "endpoint_type"),
    ] {
        write_config(
            home.path(),
            &format!("[profiles.default]\n{typo} = \"x\"\n"),
        );
        let (code, stderr) = list_with_config(home.path(), &[]);
        assert_eq!(code, 3, "{stderr}");
        assert!(
            stderr.contains(&format!("did you mean \"{right}\"?")),
            "{typo}: {stderr}"
        );
    }
    write_config(home.path(), "default-profile = \"a\"\n");
    let (code, stderr) = list_with_config(home.path(), &[]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("did you mean \"default_profile\"?"),
        "{stderr}"
    );
}
