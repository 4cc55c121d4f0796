//! The committed completion scripts must match the CLI. `OOS_LOGS_BLESS=1 cargo test` rewrites
//! them.

use std::path::PathBuf;

use clap::CommandFactory as _;
use clap_complete::Shell;
use oos_logs::cli::Cli;

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
        let mut generated = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "oos-logs", &mut generated);
        let path = dir.join(file_name(shell));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&generated[..]) {
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
    let mut generated = Vec::new();
    clap_complete::generate(Shell::Bash, &mut Cli::command(), "oos-logs", &mut generated);
    assert_eq!(out.get_output().stdout, generated);
}
