//! Dispatch only: each command lives in `commands/`, with what several share in
//! `commands/mod.rs`.
//!
//! It must not sign, parse API bodies, format records or pick exit codes.

use crate::cli::{Cli, Command};
use crate::commands;
use crate::environment::Environment;
use crate::error::Error;
use crate::settings::{self, Terminal};

/// Runs the command on a single-threaded runtime.
pub fn run_blocking(cli: Cli, env: Environment, terminal: Terminal) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal("cannot start the async runtime", e))?;
    runtime.block_on(run(cli, env, terminal))
}

/// Runs the command.
pub async fn run(cli: Cli, env: Environment, terminal: Terminal) -> Result<(), Error> {
    let global = settings::with_environment(cli.global, &env);
    match cli.command {
        Command::List(args) => {
            let conn = commands::connect(&global, args.options.output, &env, terminal).await?;
            commands::list::run(&conn, &args.execution_id, &args.options).await
        }
        Command::Status(args) => {
            // status prints its own formats; the connection's output is unused.
            let conn = commands::connect(&global, None, &env, terminal).await?;
            commands::status::run(&conn, &args).await
        }
        Command::Executions(args) => {
            let conn = commands::connect(&global, args.output, &env, terminal).await?;
            commands::executions::run(&conn, &args).await
        }
        #[cfg(feature = "emulator")]
        Command::Demo(args) => {
            commands::demo::run(
                &global,
                args.execution_id.as_deref(),
                &args.options,
                &env,
                terminal,
            )
            .await
        }
        #[cfg(feature = "emulator")]
        Command::Emulator(args) => commands::emulator::run(&args).await,
        Command::Profiles(args) => commands::profiles::run(&global, &args, &env),
        Command::Cache(args) => commands::cache::run(&args, &env),
        Command::Configure(args) => commands::configure::run(&global, &args, &env),
        Command::Completions { shell } => commands::completions::run(shell),
        Command::CompleteProfiles => commands::completions::profiles(&global, &env),
    }
}
