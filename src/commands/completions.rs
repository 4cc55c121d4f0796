//! `oos-logs completions SHELL`: prints clap_complete's script for the shell, taught to offer
//! profile names for `--profile`; and the hidden `oos-logs __complete-profiles` those scripts
//! call for the names.
//!
//! clap_complete's scripts are static: they know the options, the value lists (regions,
//! statuses, log types, formats) and which values are files, but not what is in the config
//! files at the time of completion. For `--profile` the bash, zsh and fish scripts ask
//! `oos-logs __complete-profiles` instead ([`script`] patches that call in); PowerShell and
//! elvish complete it as free text. Only names made of letters, digits and `-_.@%+=:,/` are
//! offered: no name reaches a shell's command line with a character it would act on.

use std::collections::BTreeSet;
use std::io::{self, Write as _};

use clap_complete::Shell;

use crate::cli::{Cli, GlobalArgs};
use crate::environment::Environment;
use crate::error::Error;

/// Prints the completion script.
pub(crate) fn run(shell: Shell) -> Result<(), Error> {
    let script = script(shell);
    let mut out = io::stdout().lock();
    out.write_all(script.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The completion script for a shell: clap_complete's, with profile names for `--profile`
/// where the shell allows it.
pub fn script(shell: Shell) -> String {
    // Generated into memory first: clap_complete panics if a write fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut Cli::documented_command(),
        "oos-logs",
        &mut script,
    );
    let script = String::from_utf8(script).expect("clap_complete writes UTF-8");
    match shell {
        Shell::Bash => patch_bash(&script),
        Shell::Zsh => patch_zsh(&script),
        Shell::Fish => patch_fish(&script),
        _ => script,
    }
}

/// The shell command that prints the profile names; silent when `oos-logs` is not on PATH or
/// a file is broken.
const NAMES: &str = "oos-logs __complete-profiles 2>/dev/null";

/// bash: the `--profile` and `-p` cases offer the names instead of the word typed (and end
/// the word with a space, as for any listed value).
///
/// It also mends clap_complete's labels of the subcommands (4.6.11): for a name with a `-`
/// it tracks `oos__logs__subcmd__list` but labels the case `oos__subcmd__logs__subcmd__list`,
/// so nothing after a subcommand's name would complete.
fn patch_bash(script: &str) -> String {
    const WRONG: &str = "        oos__subcmd__logs__subcmd__";
    const RIGHT: &str = "        oos__logs__subcmd__";
    let mut out = String::with_capacity(script.len());
    let mut lines = script.lines().peekable();
    while let Some(line) = lines.next() {
        match line.strip_prefix(WRONG) {
            Some(rest) if rest.ends_with(')') => {
                out.push_str(RIGHT);
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
        let label = line.trim();
        if (label == "--profile)" || label == "-p)")
            && lines
                .peek()
                .is_some_and(|next| next.trim() == r#"COMPREPLY=("${cur}")"#)
        {
            let next = lines.peek().copied().unwrap_or_default();
            let indent = &next[..next.len() - next.trim_start().len()];
            out.push_str(&format!(
                "{indent}COMPREPLY=($(compgen -W \"$({NAMES})\" -- \"${{cur}}\"))\n"
            ));
            // clap_complete's free-text case: the COMPREPLY, a `compopt -o nospace`, `return 0`.
            for skipped in lines.by_ref() {
                if skipped.trim() == "return 0" {
                    out.push_str(skipped);
                    out.push('\n');
                    break;
                }
            }
        }
    }
    out
}

/// zsh: the `--profile` and `-p` specs call the names.
fn patch_zsh(script: &str) -> String {
    patch_lines(script, |line| {
        if line.starts_with("'-p+[") || line.starts_with("'--profile=[") {
            line.replace(
                ":NAME:' \\",
                &format!(":NAME:{{compadd -- ${{(f)\"$({NAMES})\"}}}}' \\"),
            )
        } else {
            line.to_owned()
        }
    })
}

/// Applies `f` to every line.
fn patch_lines(script: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(script.len());
    for line in script.lines() {
        out.push_str(&f(line));
        out.push('\n');
    }
    out
}

/// fish: the `-s p -l profile` lines take their arguments from the names.
fn patch_fish(script: &str) -> String {
    patch_lines(script, |line| {
        if line.contains(" -s p -l profile ") && line.ends_with(" -r -f") {
            format!("{line} -a \"({NAMES})\"")
        } else {
            line.to_owned()
        }
    })
}

/// `oos-logs __complete-profiles`: the profile names of the oos-logs config (`--config`,
/// `OOS_LOGS_CONFIG` or the default), the aliyun CLI config and the credentials file, sorted,
/// one a line, the names a shell cannot take as they are left out ([`typed_safely`]). A
/// missing or broken file adds nothing: completion must not print errors.
pub(crate) fn profiles(global: &GlobalArgs, env: &Environment) -> Result<(), Error> {
    let names = profile_names(global, env);
    let mut out = io::stdout().lock();
    for name in names {
        writeln!(out, "{name}")?;
    }
    out.flush()?;
    Ok(())
}

/// The names [`profiles`] prints: only those a shell can offer as one word.
fn profile_names(global: &GlobalArgs, env: &Environment) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let Ok(files) = crate::config::Files::locate(env, global.config.as_deref()) else {
        return names;
    };
    if let Ok(Some(cfg)) = files.oos_config() {
        names.extend(cfg.profiles.into_keys());
    }
    if let Ok(Some(cfg)) = files.aliyun_config() {
        names.extend(cfg.profiles.into_iter().map(|p| p.name));
    }
    if let Ok(Some(cfg)) = files.ini_config() {
        names.extend(cfg.profiles.into_iter().map(|p| p.name));
    }
    names.retain(|n| typed_safely(n));
    names
}

/// Whether a shell can be offered `name` as it is: one word of letters, digits and
/// `-_.@%+=:,/` only. Any other name is left out, never escaped: a blank, quote or shell
/// character (`;`, `|`, `*`, `(`, `$`...) would change the command line the completion
/// writes (bash inserts the word raw), and a control, bidirectional or invisible character
/// (U+202E, U+200B) would hide what is typed. Such a profile is typed by hand, quoted.
fn typed_safely(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.@%+=:,/".contains(c))
}
