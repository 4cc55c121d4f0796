//! The signals that stop a run: SIGINT (Ctrl-C, exit 130) and SIGTERM (a CI job's timeout,
//! exit 143), as an error the run ends with after closing its output; and, for work that
//! runs without awaiting (drawing one huge table row), whether one has arrived, and the
//! `io::Error` that carries it out of an `io::Write`.
//!
//! It must not print or exit: the command that awaits it closes its output and reports.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::Error;

/// No signal yet.
const NONE: u8 = 0;
/// SIGINT arrived.
const INTERRUPT: u8 = 1;
/// SIGTERM arrived.
const TERMINATE: u8 = 2;

/// The first signal that arrived since the run first waited for one.
static RECEIVED: AtomicU8 = AtomicU8::new(NONE);

/// Resolves when SIGINT or SIGTERM arrives, to `Interrupted` or `Terminated`. A signal that
/// cannot be listened for never resolves (the default action stays).
pub(crate) async fn stopped() -> Error {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        match (int, term) {
            (Ok(mut int), Ok(mut term)) => {
                // The default actions are gone now: noting arrivals changes nothing more.
                note_arrivals();
                tokio::select! {
                    _ = int.recv() => Error::Interrupted,
                    _ = term.recv() => Error::Terminated,
                }
            }
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

/// The signal that arrived since the run first awaited [`stopped`], if any: for work that
/// cannot await it (a renderer drawing one huge row checks between lines).
pub(crate) fn received() -> Option<Error> {
    match RECEIVED.load(Ordering::SeqCst) {
        INTERRUPT => Some(Error::Interrupted),
        TERMINATE => Some(Error::Terminated),
        _ => None,
    }
}

/// Records each SIGINT and SIGTERM in [`RECEIVED`] as it arrives, from the signal handler
/// itself (the run's one thread may be busy drawing). Once a process; only once the tokio
/// handlers are in, so the default actions are never removed by this alone.
#[cfg(unix)]
fn note_arrivals() {
    use tokio::signal::unix::SignalKind;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for (kind, code) in [
            (SignalKind::interrupt(), INTERRUPT),
            (SignalKind::terminate(), TERMINATE),
        ] {
            let note = move || {
                let _ = RECEIVED.compare_exchange(NONE, code, Ordering::SeqCst, Ordering::SeqCst);
            };
            // SAFETY: the action only does an atomic compare-and-swap, which is
            // async-signal-safe (no allocation, no lock, no I/O).
            let _ = unsafe { signal_hook_registry::register(kind.as_raw_value(), note) };
        }
    });
}

/// A signal as the `io::Error` of a write it stopped; `Error::from` turns it back.
pub(crate) fn io_error(stop: Error) -> std::io::Error {
    std::io::Error::other(Signalled(matches!(stop, Error::Terminated)))
}

/// The signal an `io::Error` carries, if it is one made by [`io_error`].
pub(crate) fn from_io_error(e: &std::io::Error) -> Option<Error> {
    let Signalled(terminated) = e.get_ref()?.downcast_ref::<Signalled>()?;
    Some(if *terminated {
        Error::Terminated
    } else {
        Error::Interrupted
    })
}

/// The payload of [`io_error`]: SIGTERM (true) or SIGINT.
#[derive(Debug)]
struct Signalled(bool);

impl std::fmt::Display for Signalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0 { "terminated" } else { "interrupted" })
    }
}

impl std::error::Error for Signalled {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_survives_the_trip_through_io() {
        assert!(matches!(
            from_io_error(&io_error(Error::Terminated)),
            Some(Error::Terminated)
        ));
        assert!(matches!(
            Error::from(io_error(Error::Interrupted)),
            Error::Interrupted
        ));
        assert!(from_io_error(&std::io::Error::other("disk full")).is_none());
        assert!(matches!(
            Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe)),
            Error::Io(_)
        ));
    }
}
