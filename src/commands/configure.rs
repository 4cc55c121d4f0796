//! `oos-logs configure`: collects the request from the flags, the environment and (on a
//! terminal) prompts, and hands it to `crate::configure`, which writes the file.

use std::io;

use super::note;
use crate::cli::{ConfigureArgs, GlobalArgs};
use crate::config::error::ConfigError;
use crate::configure::{ConfigureRequest, TerminalPrompter};
use crate::environment::Environment;
use crate::error::Error;

/// Writes the profile.
pub(crate) fn run(
    global: &GlobalArgs,
    args: &ConfigureArgs,
    env: &Environment,
) -> Result<(), Error> {
    use std::io::IsTerminal as _;
    let path = global
        .config
        .clone()
        .or_else(|| crate::config::default_oos_config_path(env))
        .ok_or(ConfigError::NoConfigDirectory)?;
    let request = ConfigureRequest {
        profile: global
            .profile
            .clone()
            .unwrap_or_else(|| "default".to_owned()),
        mode: args.mode,
        access_key_id: args.access_key_id.clone(),
        region: global.region.clone(),
        // --endpoint and --endpoint-type are stored in the profile. OOS_LOGS_ENDPOINT (merged
        // into the same option) is a per-run override, never stored.
        endpoint: global
            .endpoint
            .clone()
            .filter(|e| env.var("OOS_LOGS_ENDPOINT").map(str::trim) != Some(e.as_str())),
        endpoint_type: global
            .endpoint_type
            .and_then(|t| clap::ValueEnum::to_possible_value(&t))
            .map(|v| v.get_name().to_owned()),
        output: args
            .output
            .and_then(|o| clap::ValueEnum::to_possible_value(&o))
            .map(|v| v.get_name().to_owned()),
        secret_stdin: args.secret_stdin,
        non_interactive: args.non_interactive,
        set_default: args.set_default,
    };
    let interactive = !args.non_interactive && !args.secret_stdin && io::stdin().is_terminal();
    let mut prompter = TerminalPrompter;
    let prompter: Option<&mut dyn crate::configure::Prompter> = if interactive {
        Some(&mut prompter)
    } else {
        None
    };
    // stdin is locked only when the secret comes from it: the prompter reads it line by line.
    let message = if args.secret_stdin {
        crate::configure::configure(&path, &request, env, prompter, &mut io::stdin().lock())?
    } else {
        crate::configure::configure(&path, &request, env, prompter, &mut io::empty())?
    };
    note(&message);
    Ok(())
}
