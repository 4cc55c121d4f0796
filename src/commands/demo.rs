//! `oos-logs demo`: starts the emulator in-process and runs `list` against it through the
//! real client path, so a newcomer sees the tool work with no account.

use std::sync::Arc;

use super::{connect_with, note};
use crate::cli::{GlobalArgs, ListOptions, OutputFormat};
use crate::credentials::{Credentials, StaticCredentials};
use crate::emulator::{self, Emulator, EmulatorConfig};
use crate::environment::Environment;
use crate::error::Error;
use crate::secret::Secret;
use crate::settings::{self, Terminal};

/// The execution `demo` shows when none is named.
pub(crate) const DEMO_EXECUTION: &str = "exec-demo-failed";

/// Runs `list` on the embedded emulator. Without `--limit` or `--next-token`, every page.
pub(crate) async fn run(
    global: &GlobalArgs,
    execution_id: Option<&str>,
    options: &ListOptions,
    env: &Environment,
    terminal: Terminal,
) -> Result<(), Error> {
    let execution_id = execution_id.unwrap_or(DEMO_EXECUTION);
    let emulator = Emulator::bind(0, EmulatorConfig::default())
        .await
        .map_err(|e| Error::internal("cannot start the embedded emulator", e))?;
    let url = emulator.url()?;
    tokio::spawn(emulator.serve());
    note(&format!(
        "demo: an embedded OOS emulator at {url}; showing {execution_id} (try also: exec-live -f, exec-parent -r, exec-parent --failed -r; `oos-logs demo --help` lists every sample)"
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
    let conn = connect_with(settings, provider)?;
    let mut options = options.clone();
    if options.limit.is_none() && options.next_token.is_none() {
        options.all = true;
    }
    super::list::run(&conn, execution_id, &options).await
}
