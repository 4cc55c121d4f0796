//! One file per command; this file holds what several share: resolving the settings and
//! credentials into a client, and the notes and warnings printed on stderr.
//!
//! It must not sign, parse API bodies or format records.

pub(crate) mod cache;
pub(crate) mod completions;
pub(crate) mod configure;
#[cfg(feature = "emulator")]
pub(crate) mod demo;
#[cfg(feature = "emulator")]
pub(crate) mod emulator;
pub(crate) mod executions;
pub(crate) mod list;
pub(crate) mod profiles;
pub(crate) mod status;

use std::io::{self, Write as _};
use std::sync::Arc;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::client::{Client, ClientConfig};
use crate::credentials::{self, ProvideCredentials};
use crate::environment::Environment;
use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::settings::{self, Settings, Terminal};

/// What a command that calls the API starts from.
#[derive(Debug, Clone)]
pub(crate) struct Connection {
    /// The resolved settings.
    pub settings: Settings,
    /// The client.
    pub client: Client,
}

/// Resolves the profile, the credentials and the settings, and builds the client.
pub(crate) async fn connect(
    global: &GlobalArgs,
    output: Option<OutputFormat>,
    env: &Environment,
    terminal: Terminal,
) -> Result<Connection, Error> {
    // A bad --endpoint is a usage error, reported before any file is read.
    settings::endpoint_override(global)?;
    // Select the profile (or source), resolve the settings with it, then build credentials.
    let files = crate::config::Files::locate(env, global.config.as_deref())?;
    let selection = credentials::select(env, &files, global.profile.as_deref())?;
    for warning in &selection.warnings {
        warn(warning);
    }
    let settings = settings::resolve(global, output, selection.choice.profile(), env, terminal)?;
    let found = credentials::build(
        selection,
        env,
        &credentials::BuildOptions {
            disk_cache: !global.no_credential_cache,
            connect_timeout: global.connect_timeout,
            read_timeout: global.read_timeout,
            retries: global.retries,
            trace: stderr_trace(global.verbose),
            limits: crate::settings::limits(global),
        },
    )?;
    if settings.verbose >= 1 {
        note(&format!(
            "credentials from {}; region {}; endpoint {}",
            found.source, settings.region, settings.endpoint.url
        ));
    }
    let mut connection = connect_with(settings, found.provider)?;
    connection.client = connection
        .client
        .with_limits(crate::settings::limits(global));
    Ok(connection)
}

/// Builds the client for resolved settings and credentials.
pub(crate) fn connect_with(
    settings: Settings,
    provider: Arc<dyn ProvideCredentials>,
) -> Result<Connection, Error> {
    let client = Client::new(
        ClientConfig {
            endpoint: settings.endpoint.clone(),
            region: settings.region.clone(),
            connect_timeout: settings.connect_timeout,
            read_timeout: settings.read_timeout,
            retry: RetryPolicy::new(settings.retries),
            trace: stderr_trace(settings.verbose),
        },
        provider,
    )?;
    Ok(Connection { settings, client })
}

/// The library's `-v` lines, on stderr, one line each (a line can quote a server).
fn stderr_trace(level: u8) -> oos_api::trace::Trace {
    if level == 0 {
        return oos_api::trace::Trace::off();
    }
    oos_api::trace::Trace::new(level, |line| {
        let _ = writeln!(io::stderr().lock(), "{}", safe(line));
    })
}

/// `oos-logs: warning: ...` on stderr.
pub(crate) fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "oos-logs: warning: {message}");
}

/// `oos-logs: ...` on stderr.
pub(crate) fn note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "oos-logs: {message}");
}

/// Text from the service or the user, made safe for one line of stderr.
pub(crate) fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::escape_controls(text, crate::sanitize::Newlines::Escape)
}

/// How long a signalled or failed run waits for stdout to take what is on its way (every
/// command that streams).
pub(crate) const SIGNAL_PATIENCE: std::time::Duration = std::time::Duration::from_millis(150);

/// `work`, or `Interrupted`/`Terminated` on SIGINT or SIGTERM (listened for from the start of
/// `work`, so a signal during a long read is reported, not the default death).
pub(crate) async fn until_stopped<T, E: Into<Error>>(
    work: impl Future<Output = Result<T, E>>,
) -> Result<T, Error> {
    tokio::select! {
        done = work => done.map_err(Into::into),
        stop = crate::signals::stopped() => Err(stop),
    }
}
