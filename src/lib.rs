//! oos-logs: read Alibaba Cloud OOS execution logs from a terminal, a script or a CI job.
//!
//! The library holds everything; `main.rs` only parses the command line and maps the result
//! to an exit code. Modules, one concept each:
//! `cli` (flags), `settings` (flag > env > profile > default), `environment` (env snapshot),
//! `config` (config files and their profiles), `input` (the one bounded reader of files,
//! child processes and stdin),
//! `credentials` (the provider chain), `endpoint`, `signer` (pure RPC V1 signing), `client`
//! (HTTP, retries, requests in flight), `retry` (backoff), `pagination` (NextToken for any
//! list action, the resume point, re-reading a growing tail), `api` (typed models of the three
//! list actions), `merge` (several log streams as one, by time), `tree` (child executions),
//! `follow` (status, outcome, poll interval), `filter` (--since/--until/--grep), `timespec`
//! (time arguments), `output` (stdout on its own thread, exactly counted), `render` (one renderer per format over rows of any record), `sanitize`
//! (terminal safety), `secret` (redaction), `signals` (SIGINT and SIGTERM), `error` (the one error type and exit-code table),
//! `report` (what `status` shows), `emulator` (the local OOS stand-in, with the default `emulator` feature), `profiles` and `configure` (their logic), `commands`
//! (one file per command), `app` (dispatch).

// The tests start the emulator in-process and drive the `demo` and `emulator` subcommands.
#[cfg(all(test, not(feature = "emulator")))]
compile_error!(
    "the tests need the `emulator` feature (on by default): run them without --no-default-features"
);

// The library's modules, under the names the CLI has always used for them.
use oos_api::{
    api, client, config, credentials, endpoint, environment, input, pagination, retry, sanitize,
    secret, transport, tree,
};

pub mod app;
pub mod cli;
mod commands;
mod configure;
/// The local OOS stand-in (the `oos-emulator` crate), for the `emulator` and `demo` commands
/// and the tests.
#[cfg(feature = "emulator")]
pub use oos_emulator as emulator;
pub mod error;
mod filter;
mod follow;
mod merge;
mod output;
mod pager;
mod profiles;
mod progress;
mod render;
mod report;
mod settings;
mod signals;
mod timespec;

pub use commands::completions::script as completion_script;
pub use settings::Terminal;
