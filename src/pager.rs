//! The pager for tables on a terminal: which one (`OOS_LOGS_PAGER`, then `PAGER`, else
//! `less -FRX`), when (a table, stdout a terminal, not following, no `--no-pager`), and the
//! writer that starts it on the first bytes of output and feeds its standard input.
//!
//! Like git, oos-logs starts the pager whenever a table goes to a terminal and lets
//! `less -F` quit by itself when the table fits on one screen (`LESS=FRX` is set for it when
//! `LESS` is unset). The command is split with shell-word rules and run directly, never through
//! a shell. A pager that cannot start is reported once, and the output goes to stdout instead.
//!
//! The output thread (`output`) owns the writer; the run waits for the pager to exit before
//! it ends, so the terminal is the pager's until the user quits it. It must not render, count
//! records or decide exit codes.

use std::io::{self, IsTerminal as _, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};

use crate::environment::Environment;

/// The pager used when neither `OOS_LOGS_PAGER` nor `PAGER` is set.
pub(crate) const DEFAULT_PAGER: &str = "less -FRX";

/// The pager command to run: `OOS_LOGS_PAGER`, then `PAGER`, else `less -FRX`, split into
/// words. None when the command is `cat` (no pager). A command that does not split (an
/// unbalanced quote) is an error naming it.
pub(crate) fn command(env: &Environment) -> Result<Option<Vec<String>>, String> {
    let text = env
        .first_var(&["OOS_LOGS_PAGER", "PAGER"])
        .unwrap_or(DEFAULT_PAGER);
    let words = shlex::split(text).ok_or_else(|| {
        format!(
            "cannot read the pager command {:?} (an unbalanced quote?)",
            crate::commands::safe(text)
        )
    })?;
    Ok(match words.first().map(String::as_str) {
        None | Some("cat") if words.len() <= 1 => None,
        _ => Some(words),
    })
}

/// Whether a table run pages: `table` output, no `--no-pager`, not following, and stdout a
/// terminal.
pub(crate) fn wanted(table: bool, no_pager: bool, following: bool) -> bool {
    table && !no_pager && !following && io::stdout().is_terminal()
}

/// The pager to start for this run, if any: `wanted` and a command (a command that cannot be
/// read is warned about, and the table printed directly).
pub(crate) fn for_run(table: bool, no_pager: bool, following: bool) -> Option<Vec<String>> {
    if !wanted(table, no_pager, following) {
        return None;
    }
    match command(&Environment::from_process()) {
        Ok(argv) => argv,
        Err(e) => {
            crate::commands::warn(&format!("{e}; printing directly"));
            None
        }
    }
}

/// Where the pager stands, shared by the writer (output thread) and the run.
#[derive(Debug, Default)]
pub(crate) enum State {
    /// Nothing written yet: not started.
    #[default]
    NotStarted,
    /// Running; the run waits for it to exit.
    Running(Child),
    /// It could not start (the output went to stdout), or it was waited for.
    Done,
}

/// The run's handle on the pager: waits for it to exit.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handle {
    state: Arc<Mutex<State>>,
}

impl Handle {
    /// Whether the writer has started the pager, or given up on it.
    pub(crate) fn settled(&self) -> bool {
        self.state
            .lock()
            .map_or(true, |s| !matches!(*s, State::NotStarted))
    }

    /// Waits until the pager exits (the user quits it); at once if it never started.
    pub(crate) fn wait(&self) {
        let child = match self.state.lock() {
            Ok(mut state) => match std::mem::replace(&mut *state, State::Done) {
                State::Running(child) => Some(child),
                _ => None,
            },
            Err(_) => None,
        };
        if let Some(mut child) = child {
            let _ = child.wait();
        }
    }
}

/// The writer the output thread writes a paged table into: starts the pager on the first
/// write, then writes into its standard input (a pipe); stdout when it cannot start.
#[derive(Debug)]
pub(crate) struct PagerWriter {
    argv: Vec<String>,
    fallback: Option<Box<dyn WriteDebug>>,
    stdin: Option<ChildStdin>,
    handle: Handle,
}

/// `Write + Send + Debug`, for the fallback.
pub(crate) trait WriteDebug: Write + Send + std::fmt::Debug {}
impl<T: Write + Send + std::fmt::Debug> WriteDebug for T {}

impl PagerWriter {
    /// A writer that runs `argv` on its first write, or writes to `fallback` when it cannot.
    pub(crate) fn new(
        argv: Vec<String>,
        fallback: impl Write + Send + std::fmt::Debug + 'static,
    ) -> Self {
        Self {
            argv,
            fallback: Some(Box::new(fallback)),
            stdin: None,
            handle: Handle::default(),
        }
    }

    /// The run's handle on the pager.
    pub(crate) fn handle(&self) -> Handle {
        self.handle.clone()
    }

    fn start(&mut self) {
        let Ok(mut state) = self.handle.state.lock() else {
            return;
        };
        if !matches!(*state, State::NotStarted) {
            return;
        }
        match spawn(&self.argv) {
            Ok(mut child) => {
                self.stdin = child.stdin.take();
                self.fallback = None;
                *state = State::Running(child);
            }
            Err(e) => {
                crate::commands::warn(&format!(
                    "cannot start the pager {:?}: {e}; printing directly (--no-pager, or set OOS_LOGS_PAGER)",
                    crate::commands::safe(&self.argv.join(" "))
                ));
                *state = State::Done;
            }
        }
    }
}

/// Runs the pager with its stdin a pipe, stdout and stderr the terminal's; `LESS=FRX` and
/// `LV=-c` when unset (as git does).
fn spawn(argv: &[String]) -> io::Result<Child> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| io::Error::other("the pager command is empty"))?;
    let mut command = Command::new(program);
    command.args(args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        command.env("LV", "-c");
    }
    command.spawn()
}

impl Write for PagerWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.stdin.is_none() && self.fallback.is_some() {
            self.start();
        }
        match (&mut self.stdin, &mut self.fallback) {
            (Some(stdin), _) => stdin.write(buf),
            (None, Some(out)) => out.write(buf),
            (None, None) => Err(io::Error::from(io::ErrorKind::BrokenPipe)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match (&mut self.stdin, &mut self.fallback) {
            (Some(stdin), _) => stdin.flush(),
            (None, Some(out)) => out.flush(),
            (None, None) => Ok(()),
        }
    }
}

/// Makes SIGINT and SIGTERM no longer end the process by themselves while a pager runs (the
/// run still sees them through `signals::stopped`): a Ctrl-C meant for the pager must not
/// leave it alone with the terminal. Needs the async runtime; does nothing outside one.
pub(crate) fn hold_signals() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if tokio::runtime::Handle::try_current().is_ok() {
            // Registering a handler replaces the default action for the rest of the process.
            let _ = signal(SignalKind::interrupt());
            let _ = signal(SignalKind::terminate());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(vars: &[(&str, &str)]) -> Result<Option<Vec<String>>, String> {
        command(&Environment::from_vars(vars.iter().copied()))
    }

    #[test]
    fn oos_logs_pager_then_pager_then_less() {
        assert_eq!(cmd(&[]).unwrap().unwrap(), ["less", "-FRX"]);
        assert_eq!(cmd(&[("PAGER", "more")]).unwrap().unwrap(), ["more"]);
        assert_eq!(
            cmd(&[("PAGER", "more"), ("OOS_LOGS_PAGER", "less -S")])
                .unwrap()
                .unwrap(),
            ["less", "-S"]
        );
        // Blank counts as unset, as for every variable.
        assert_eq!(
            cmd(&[("OOS_LOGS_PAGER", " "), ("PAGER", "most")])
                .unwrap()
                .unwrap(),
            ["most"]
        );
    }

    #[test]
    fn shell_words_no_shell() {
        assert_eq!(
            cmd(&[("OOS_LOGS_PAGER", "sh -c 'head -c 100 >/dev/null'")])
                .unwrap()
                .unwrap(),
            ["sh", "-c", "head -c 100 >/dev/null"]
        );
        assert_eq!(
            cmd(&[("PAGER", "\"/opt/my pager/bin/p\" --x")])
                .unwrap()
                .unwrap(),
            ["/opt/my pager/bin/p", "--x"]
        );
        assert!(cmd(&[("PAGER", "less 'unbalanced")]).is_err());
    }

    #[test]
    fn cat_means_no_pager() {
        assert_eq!(cmd(&[("PAGER", "cat")]).unwrap(), None);
        assert_eq!(
            cmd(&[("OOS_LOGS_PAGER", "cat"), ("PAGER", "less")]).unwrap(),
            None
        );
        assert!(cmd(&[("PAGER", "cat -v")]).unwrap().is_some());
    }

    #[test]
    fn a_pager_that_cannot_start_falls_back() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        #[derive(Debug)]
        struct Sink(Arc<Mutex<Vec<u8>>>);
        impl Write for Sink {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = PagerWriter::new(
            vec!["/nonexistent/oos-logs-pager".into()],
            Sink(seen.clone()),
        );
        let handle = w.handle();
        assert!(!handle.settled());
        w.write_all(b"table\n").unwrap();
        assert!(handle.settled());
        handle.wait();
        assert_eq!(&*seen.lock().unwrap(), b"table\n");
    }
}
