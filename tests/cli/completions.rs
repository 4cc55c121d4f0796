//! The committed completion scripts must match the CLI. `OOS_LOGS_BLESS=1 cargo test` rewrites
//! them. They offer listed values (regions, statuses, log types), ask
//! `oos-logs __complete-profiles` for profile names, and complete file names only for
//! `--config`.

use std::path::PathBuf;

use clap_complete::Shell;
use oos_logs::completion_script as script;

use crate::support::{bare_cmd, home, text};

fn file_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "oos-logs.bash",
        Shell::Zsh => "_oos-logs",
        Shell::Fish => "oos-logs.fish",
        Shell::PowerShell => "_oos-logs.ps1",
        Shell::Elvish => "oos-logs.elv",
        _ => unreachable!("not generated"),
    }
}

#[test]
fn committed_completions_match_the_cli() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("OOS_LOGS_BLESS").is_some();
    let mut stale = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let generated = script(shell);
        let path = dir.join(file_name(shell));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(generated.as_bytes()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions: {stale:?}; run `OOS_LOGS_BLESS=1 cargo test --test cli completions`"
    );
}

#[test]
fn the_completions_command_prints_the_same_script() {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_oos-logs"))
        .env_clear()
        .args(["completions", "bash"])
        .assert()
        .success();
    assert_eq!(out.get_output().stdout, script(Shell::Bash).as_bytes());
}

/// The lines of a bash `case "${prev}"` branch for `option`, one per subcommand that has it.
fn bash_cases<'a>(script: &'a str, option: &str) -> Vec<Vec<&'a str>> {
    let lines: Vec<&str> = script.lines().collect();
    let label = format!("{option})");
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == label)
        .map(|(i, _)| {
            lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .take_while(|l| *l != ";;")
                .collect()
        })
        .collect()
}

#[test]
fn bash_offers_the_regions_and_no_file_where_a_file_makes_no_sense() {
    let bash = script(Shell::Bash);
    let regions = bash_cases(&bash, "--region");
    // The top level, list, status, executions and configure.
    assert_eq!(regions.len(), 5, "{regions:?}");
    for case in &regions {
        let reply = case.join("\n");
        for region in oos_logs::cli::REGIONS {
            assert!(
                reply.contains(&format!(" {region} "))
                    || reply.contains(&format!("\"{region} "))
                    || reply.contains(&format!(" {region}\"")),
                "{region}: {reply}"
            );
        }
        assert!(!reply.contains("compgen -f"), "{reply}");
    }
    for option in [
        "--limit",
        "--max-results",
        "--tail",
        "--skip",
        "--interval",
        "--since",
        "--task",
        "--retries",
        "--connect-timeout",
        "--endpoint",
        "--port",
        "--template",
    ] {
        let cases = bash_cases(&bash, option);
        assert!(!cases.is_empty(), "{option} is in the script");
        for case in cases {
            assert_eq!(
                case.first(),
                Some(&r#"COMPREPLY=("${cur}")"#),
                "{option}: {case:?}"
            );
        }
    }
    let statuses = bash_cases(&bash, "--status");
    assert_eq!(statuses.len(), 1);
    assert!(statuses[0][0].contains("Running Started Queued Waiting Success Failed Cancelled"));
    for case in bash_cases(&bash, "-l") {
        assert!(
            case[0].contains("System Info Warning Error Debug"),
            "{case:?}"
        );
    }
    // Files only for --config.
    let file_cases = bash.matches("compgen -f").count();
    assert_eq!(file_cases, bash_cases(&bash, "--config").len(), "{bash}");
}

#[test]
fn bash_completes_after_every_subcommand() {
    let bash = script(Shell::Bash);
    let labels: Vec<&str> = bash
        .lines()
        .filter_map(|l| l.strip_prefix("        ")?.strip_suffix(')'))
        .collect();
    let targets: Vec<&str> = bash
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cmd=\"")?.strip_suffix('"'))
        .filter(|t| !t.is_empty())
        .collect();
    assert!(targets.contains(&"oos__logs__subcmd__list"), "{targets:?}");
    for target in targets {
        assert!(labels.contains(&target), "no case for {target}");
    }
}

#[test]
fn every_shell_asks_for_the_profile_names() {
    let bash = script(Shell::Bash);
    let cases: Vec<_> = bash_cases(&bash, "--profile")
        .into_iter()
        .chain(bash_cases(&bash, "-p"))
        .collect();
    // --profile and -p at the top level, list, status, executions, configure and profiles.
    assert_eq!(cases.len(), 12, "{cases:?}");
    for case in cases {
        assert_eq!(
            case,
            [
                r#"COMPREPLY=($(compgen -W "$(oos-logs __complete-profiles 2>/dev/null)" -- "${cur}"))"#,
                "return 0"
            ]
        );
    }
    for (shell, expected) in [(Shell::Zsh, 12), (Shell::Fish, 6)] {
        let script = script(shell);
        assert_eq!(
            script.matches("oos-logs __complete-profiles").count(),
            expected,
            "{shell}"
        );
    }
    // The helper is no subcommand a user is offered: the calls are its only mentions.
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let script = script(shell).replace("oos-logs __complete-profiles 2>/dev/null", "");
        assert!(
            !script.contains("__complete-profiles"),
            "{shell} lists the helper"
        );
    }
}

#[test]
fn the_helper_prints_the_profiles_of_every_config_file() {
    let home = home();
    let config = home.path().join(".config/oos-logs");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "default_profile = \"prod\"\n\n[profiles.prod]\nmode = \"ak\"\naccess_key_id = \"LTAIprod00000000\"\naccess_key_secret = \"s\"\nregion_id = \"cn-hangzhou\"\n\n[profiles.staging]\nmode = \"ak\"\naccess_key_id = \"LTAIstag00000000\"\naccess_key_secret = \"s\"\n",
    )
    .unwrap();
    let aliyun = home.path().join(".aliyun");
    std::fs::create_dir_all(&aliyun).unwrap();
    std::fs::write(
        aliyun.join("config.json"),
        r#"{"current": "cli", "profiles": [{"name": "cli", "mode": "AK", "access_key_id": "LTAIcli000000000", "access_key_secret": "s"}]}"#,
    )
    .unwrap();
    let creds = home.path().join(".alibabacloud");
    std::fs::create_dir_all(&creds).unwrap();
    std::fs::write(
        creds.join("credentials.ini"),
        "[default]\ntype = access_key\naccess_key_id = LTAIini000000000\naccess_key_secret = s\n",
    )
    .unwrap();
    #[cfg(unix)]
    for file in [
        config.join("config.toml"),
        aliyun.join("config.json"),
        creds.join("credentials.ini"),
    ] {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let out = bare_cmd(home.path())
        .arg("__complete-profiles")
        .assert()
        .success();
    assert_eq!(
        text(&out.get_output().stdout),
        "cli\ndefault\nprod\nstaging\n"
    );
    assert!(out.get_output().stderr.is_empty());

    // --config and OOS_LOGS_CONFIG name the oos-logs config.
    let other = home.path().join("other.toml");
    std::fs::write(
        &other,
        "[profiles.elsewhere]\nmode = \"ak\"\naccess_key_id = \"LTAIelse00000000\"\naccess_key_secret = \"s\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let out = bare_cmd(home.path())
        .env("OOS_LOGS_CONFIG", &other)
        .arg("__complete-profiles")
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stdout), "cli\ndefault\nelsewhere\n");
    let out = bare_cmd(home.path())
        .arg("--config")
        .arg(&other)
        .arg("__complete-profiles")
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stdout), "cli\ndefault\nelsewhere\n");
}

#[test]
fn the_helper_is_silent_without_files_or_with_broken_ones() {
    let home = home();
    let out = bare_cmd(home.path())
        .arg("__complete-profiles")
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty() && out.get_output().stderr.is_empty());
    let config = home.path().join(".config/oos-logs");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "this is [not toml").unwrap();
    let out = bare_cmd(home.path())
        .arg("__complete-profiles")
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty() && out.get_output().stderr.is_empty());
    let out = bare_cmd(home.path())
        .args([
            "--config",
            "/nonexistent/oos-logs.toml",
            "__complete-profiles",
        ])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty() && out.get_output().stderr.is_empty());
}
