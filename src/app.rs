//! Orchestration only: settings → credentials → client → pages → renderer, for each command.
//!
//! It must not sign, parse API bodies, format entries or pick exit codes: it wires the modules
//! that do, prints warnings and notes on stderr, and stops cleanly on Ctrl-C.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use clap::CommandFactory as _;

use crate::api::ListExecutionLogs;
use crate::cli::{
    Cli, Command, ConfigureArgs, EmulatorArgs, GlobalArgs, ListOptions, OutputFormat,
};
use crate::client::{Client, ClientConfig};
use crate::configure::{ConfigureRequest, TerminalPrompter};
use crate::credentials::{self, Credentials, ProvideCredentials, StaticCredentials};
use crate::emulator::{self, Emulator, EmulatorConfig, Faults};
use crate::environment::Environment;
use crate::error::Error;
use crate::pagination::{Extent, LogPages};
use crate::render::{self, Palette, RenderOptions};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::settings::{self, Settings, Terminal};

/// The execution `demo` shows when none is named.
pub const DEMO_EXECUTION: &str = "exec-demo-failed";

/// Runs the command on a single-threaded runtime. Ctrl-C while logs are fetched ends the
/// run with `Error::Interrupted` after closing the output; before that, it ends the process.
pub fn run_blocking(cli: Cli, env: Environment, terminal: Terminal) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(run(cli, env, terminal))
}

/// Runs the command.
pub async fn run(cli: Cli, env: Environment, terminal: Terminal) -> Result<(), Error> {
    let global = settings::with_environment(cli.global, &env);
    match cli.command {
        Command::List(args) => {
            list(&global, &args.execution_id, &args.options, &env, terminal).await
        }
        Command::Demo(args) => {
            let execution = args.execution_id.as_deref().unwrap_or(DEMO_EXECUTION);
            demo(&global, execution, &args.options, &env, terminal).await
        }
        Command::Emulator(args) => run_emulator(&args).await,
        Command::Profiles => {
            let files = credentials::chain::Files::locate(&env, global.config.as_deref())?;
            let report = crate::profiles::report(&env, &files, global.profile.as_deref());
            let mut out = io::stdout().lock();
            out.write_all(report.as_bytes())?;
            out.flush()?;
            Ok(())
        }
        Command::Configure(args) => configure(&global, &args, &env),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics if a write fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "oos-logs", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(())
        }
    }
}

fn configure(global: &GlobalArgs, args: &ConfigureArgs, env: &Environment) -> Result<(), Error> {
    use std::io::IsTerminal as _;
    let path = global
        .config
        .clone()
        .or_else(|| credentials::chain::default_oos_config_path(env))
        .ok_or_else(|| {
            Error::Config("no config directory is known: pass --config PATH".to_owned())
        })?;
    let request = ConfigureRequest {
        profile: global
            .profile
            .clone()
            .unwrap_or_else(|| "default".to_owned()),
        mode: args.mode.clone(),
        access_key_id: args.access_key_id.clone(),
        region: global.region.clone(),
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

fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "oos-logs: warning: {message}");
}

fn note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "oos-logs: {message}");
}

async fn list(
    global: &GlobalArgs,
    execution_id: &str,
    options: &ListOptions,
    env: &Environment,
    terminal: Terminal,
) -> Result<(), Error> {
    // A bad --endpoint is a usage error, reported before any file is read.
    settings::endpoint_override(global)?;
    let found = credentials::resolve(
        env,
        global.config.as_deref(),
        global.profile.as_deref(),
        &credentials::BuildOptions {
            disk_cache: !global.no_credential_cache,
            connect_timeout: global.connect_timeout,
            read_timeout: global.read_timeout,
            retries: global.retries,
            verbose: global.verbose,
        },
    )?;
    for warning in &found.warnings {
        warn(warning);
    }
    let settings = settings::resolve(
        global,
        options.output,
        found.profile.as_ref(),
        env,
        terminal,
    )?;
    if settings.verbose >= 1 {
        note(&format!(
            "credentials from {}; region {}; endpoint {}",
            found.source, settings.region, settings.endpoint.url
        ));
    }
    let extent = options.limit.map_or(
        if options.all {
            Extent::All
        } else {
            Extent::OnePage
        },
        Extent::Limit,
    );
    print_logs(&settings, found.provider, execution_id, options, extent).await
}

/// Fetches the pages and renders them: the main job, shared by `list` and `demo`.
async fn print_logs(
    settings: &Settings,
    provider: Arc<dyn ProvideCredentials>,
    execution_id: &str,
    options: &ListOptions,
    extent: Extent,
) -> Result<(), Error> {
    let client = Client::new(
        ClientConfig {
            endpoint: settings.endpoint.clone(),
            region: settings.region.clone(),
            connect_timeout: settings.connect_timeout,
            read_timeout: settings.read_timeout,
            retry: RetryPolicy::new(settings.retries),
            verbose: settings.verbose,
        },
        provider,
    )?;
    let request = ListExecutionLogs {
        execution_id: execution_id.to_owned(),
        task_execution_id: options.task.clone(),
        log_type: options.log_type.clone(),
        max_results: options.max_results,
        next_token: options.next_token.clone(),
    };
    let stdout = io::stdout();
    let out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut renderer = render::renderer(
        settings.output,
        out,
        RenderOptions {
            palette: Palette {
                enabled: settings.color,
            },
            width: settings.width,
            gather: extent != Extent::OnePage,
        },
    );
    let mut pages = LogPages::new(client, request, extent);
    let mut next_page_token = None;
    let mut pages_rendered = 0u64;
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    loop {
        let next = tokio::select! {
            next = pages.next_page() => next,
            _ = &mut interrupt => Err(Error::Interrupted),
        };
        match next {
            Ok(Some(page)) => {
                renderer.page(&page)?;
                pages_rendered += 1;
                next_page_token = page.next_token().map(str::to_owned);
            }
            Ok(None) => break,
            Err(cause) => {
                // What was printed stays printed, and complete: the table shows the rows it
                // gathered, the JSON document is closed.
                if pages_rendered > 0 {
                    renderer.finish()?;
                }
                let printed = pages.entries_yielded();
                let resume_token = pages.resume_token().map(str::to_owned);
                // A note on resuming helps after entries were printed, or when trying again
                // may work; not for an error that will happen again from the start.
                let transient = matches!(cause.exit_code(), 6 | 7 | 130);
                if printed == 0
                    && (extent == Extent::OnePage || (!transient && resume_token.is_none()))
                {
                    return Err(cause);
                }
                return Err(Error::Incomplete {
                    cause: Box::new(cause),
                    printed,
                    resume_token,
                });
            }
        }
    }
    renderer.finish()?;
    drop(renderer);
    if extent == Extent::OnePage
        && matches!(settings.output, OutputFormat::Table | OutputFormat::Plain)
        && let Some(token) = next_page_token
    {
        let token = crate::sanitize::escape_controls(&token, crate::sanitize::Newlines::Escape);
        note(&format!(
            "more entries: add --next-token {token} (or --all for every page)"
        ));
    }
    Ok(())
}

async fn demo(
    global: &GlobalArgs,
    execution_id: &str,
    options: &ListOptions,
    env: &Environment,
    terminal: Terminal,
) -> Result<(), Error> {
    let emulator = Emulator::bind(0, EmulatorConfig::default())
        .await
        .map_err(|e| Error::Internal(format!("cannot start the embedded emulator: {e}")))?;
    let url = emulator.url()?;
    tokio::spawn(emulator.serve());
    note(&format!(
        "demo: an embedded OOS emulator at {url}; showing {execution_id} (others: {}, exec-large-N)",
        emulator::data::FIXED_IDS
            .iter()
            .filter(|id| **id != execution_id)
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let settings = settings::resolve(
        &GlobalArgs {
            region: Some(emulator::DEMO_REGION.to_owned()),
            endpoint: Some(url),
            ..global.clone()
        },
        Some(options.output.unwrap_or(OutputFormat::Table)),
        None,
        env,
        terminal,
    )?;
    let provider = Arc::new(StaticCredentials(Credentials::new(
        emulator::DEMO_ACCESS_KEY_ID.to_owned(),
        Secret::new(emulator::DEMO_ACCESS_KEY_SECRET),
        None,
    )));
    let extent = options.limit.map_or(Extent::All, Extent::Limit);
    print_logs(&settings, provider, execution_id, options, extent).await
}

async fn run_emulator(args: &EmulatorArgs) -> Result<(), Error> {
    let f = &args.faults;
    let config = EmulatorConfig {
        faults: Faults {
            latency: std::time::Duration::from_millis(f.latency_ms),
            fail_every: f.fail_every,
            fail_after: f.fail_after,
            throttle_every: f.throttle_every,
            retry_after_ms: f.retry_after_ms,
            truncate_every: f.truncate_every,
            html_502_every: f.html_502_every,
            error_200_every: f.error_200_every,
            repeat_token: f.repeat_token,
        },
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::bind(args.port, config)
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let url = emulator.url()?;
    // The banner is best effort: a script that reads the URL line and closes the pipe
    // (`oos-logs emulator | head -1`) must not stop the server.
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "listening on {url}");
    let _ = writeln!(out, "demo credentials (they open only this emulator):");
    let _ = writeln!(
        out,
        "  ALIBABA_CLOUD_ACCESS_KEY_ID={}",
        emulator::DEMO_ACCESS_KEY_ID
    );
    let _ = writeln!(
        out,
        "  ALIBABA_CLOUD_ACCESS_KEY_SECRET={}",
        emulator::DEMO_ACCESS_KEY_SECRET
    );
    let _ = writeln!(
        out,
        "  temporary: AccessKeyId {} AccessKeySecret {} SecurityToken {}",
        emulator::DEMO_STS_ACCESS_KEY_ID,
        emulator::DEMO_STS_ACCESS_KEY_SECRET,
        emulator::DEMO_SECURITY_TOKEN
    );
    let _ = writeln!(
        out,
        "executions: {}, exec-large-N (N entries, up to {})",
        emulator::data::FIXED_IDS.join(", "),
        emulator::data::MAX_GENERATED
    );
    let _ = writeln!(
        out,
        "try: ALIBABA_CLOUD_ACCESS_KEY_ID={} ALIBABA_CLOUD_ACCESS_KEY_SECRET={} oos-logs --endpoint {url} --region {} list exec-demo-failed --all",
        emulator::DEMO_ACCESS_KEY_ID,
        emulator::DEMO_ACCESS_KEY_SECRET,
        emulator::DEMO_REGION
    );
    let _ = writeln!(
        out,
        "credential services: ALIBABA_CLOUD_STS_ENDPOINT={url} OOS_LOGS_METADATA_ENDPOINT={url}; role {}; OIDC provider {} with token {}; instance role {}; credentials URI {url}{}",
        emulator::sts::DEMO_ROLE_ARN,
        emulator::sts::DEMO_OIDC_PROVIDER_ARN,
        emulator::sts::DEMO_OIDC_TOKEN,
        emulator::metadata::DEMO_ECS_ROLE,
        emulator::CREDENTIALS_URI_PATH
    );
    let _ = out.flush();
    drop(out);
    // Ctrl-C is how the emulator is meant to stop: exit 0.
    emulator
        .serve_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Internal(format!("the emulator stopped: {e}")))
}
