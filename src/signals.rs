//! The signals that stop a run: SIGINT (Ctrl-C, exit 130) and SIGTERM (a CI job's timeout,
//! exit 143), as an error the run ends with after closing its output.
//!
//! It must not print or exit: the command that awaits it closes its output and reports.

use crate::error::Error;

/// Resolves when SIGINT or SIGTERM arrives, to `Interrupted` or `Terminated`. A signal that
/// cannot be listened for never resolves (the default action stays).
pub async fn stopped() -> Error {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        match (int, term) {
            (Ok(mut int), Ok(mut term)) => tokio::select! {
                _ = int.recv() => Error::Interrupted,
                _ = term.recv() => Error::Terminated,
            },
            _ => std::future::pending().await,
        }
    }
    #[cfg(not(unix))]
    {
        match tokio::signal::ctrl_c().await {
            Ok(()) => Error::Interrupted,
            Err(_) => std::future::pending().await,
        }
    }
}
