//! Bounded input: the one reader of what oos-logs reads besides HTTP answers (`transport`
//! bounds those): config and cache files and the OIDC token file, a credentials command's
//! stdout and stderr, and a secret on stdin.
//!
//! Owns the rules every such read follows. A file is read only when it is a regular file
//! (links followed): a FIFO, a device, a socket or a directory is refused by kind, looked at
//! before it is opened, and opening never waits (non-blocking), with what was opened looked at
//! again. Every read has a size cap, past which nothing more is read. A file read has a
//! deadline and runs on a thread of its own, so an async caller's runtime (and with it SIGINT
//! and SIGTERM) goes on while it waits, and a read stuck in the kernel (a network file system
//! that stopped answering) never holds up the exit. A child process has a deadline and a cap
//! per stream, and once it has exited its pipes are read for a short grace only: a
//! background child it left holding them cannot make a finished command look hung. Stdin has
//! a cap and no deadline (a person may be typing).
//!
//! It must not parse what it reads, word messages for users or name files (callers turn
//! [`ReadError`] and [`ChildError`] into their own kinds), nor show what it read anywhere: it
//! may be a secret.

use std::io::{self, BufRead, Read};
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt as _};

/// How long reading a file may take, open to last byte: a local file takes microseconds.
pub(crate) const FILE_DEADLINE: Duration = Duration::from_secs(10);

/// How long a child's pipes are still read once it has exited: what a background child it
/// left holding them prints later is not waited for.
pub(crate) const EXIT_GRACE: Duration = Duration::from_millis(250);

/// Why a bounded read gave nothing usable. It never holds what was read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file (after links are followed), where one is expected.
    #[error("not a regular file (it is {0})")]
    NotRegular(&'static str),
    /// More than the cap, in bytes.
    #[error("more than {0} bytes")]
    TooLarge(u64),
    /// Not done within the deadline.
    #[error("reading took longer than {0:?}")]
    TimedOut(Duration),
    /// The system's error.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// A regular file's bytes, and the metadata of the file that was opened and read (not of
/// whatever is at the path now).
pub(crate) struct FileBytes {
    /// Its contents.
    pub bytes: Vec<u8>,
    /// Its metadata, from the open file.
    pub metadata: std::fs::Metadata,
}

/// Reads the regular file `path`, at most `cap` bytes, within [`FILE_DEADLINE`]; the caller
/// waits at most that long.
pub(crate) fn read_file(path: &Path, cap: u64) -> Result<FileBytes, ReadError> {
    let path = path.to_owned();
    within(FILE_DEADLINE, move || read_regular(&path, cap))
}

/// [`read_file`], awaited: the caller's runtime goes on while the file is read.
pub(crate) async fn read_file_async(path: &Path, cap: u64) -> Result<FileBytes, ReadError> {
    let path = path.to_owned();
    within_async(FILE_DEADLINE, move || read_regular(&path, cap)).await
}

/// What blocking `work` gives, done on a detached thread of its own (the process never waits
/// for it to end), waited for at most `deadline`.
fn within<T: Send + 'static>(
    deadline: Duration,
    work: impl FnOnce() -> Result<T, ReadError> + Send + 'static,
) -> Result<T, ReadError> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    spawn(move || {
        let _ = tx.send(work());
    })?;
    rx.recv_timeout(deadline).unwrap_or_else(|e| match e {
        std::sync::mpsc::RecvTimeoutError::Timeout => Err(ReadError::TimedOut(deadline)),
        std::sync::mpsc::RecvTimeoutError::Disconnected => Err(thread_ended()),
    })
}

/// [`within`], awaited: the runtime runs other tasks (the signal listener) meanwhile.
async fn within_async<T: Send + 'static>(
    deadline: Duration,
    work: impl FnOnce() -> Result<T, ReadError> + Send + 'static,
) -> Result<T, ReadError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    spawn(move || {
        let _ = tx.send(work());
    })?;
    match tokio::time::timeout(deadline, rx).await {
        Ok(Ok(done)) => done,
        Ok(Err(_)) => Err(thread_ended()),
        Err(_) => Err(ReadError::TimedOut(deadline)),
    }
}

fn spawn(work: impl FnOnce() + Send + 'static) -> Result<(), ReadError> {
    std::thread::Builder::new()
        .name("oos-logs-read".to_owned())
        .spawn(work)
        .map(drop)
        .map_err(ReadError::Io)
}

fn thread_ended() -> ReadError {
    ReadError::Io(io::Error::other(
        "the reading thread ended without an answer",
    ))
}

/// The blocking part of [`read_file`]: look, open without waiting, look again, read.
fn read_regular(path: &Path, cap: u64) -> Result<FileBytes, ReadError> {
    // Looked at first: a FIFO or a device is not even opened.
    regular(&std::fs::metadata(path)?)?;
    let file = open_nonblocking(path)?;
    // It may have been swapped between the look and the open: what was opened counts.
    let metadata = file.metadata()?;
    regular(&metadata)?;
    if metadata.len() > cap {
        return Err(ReadError::TooLarge(cap));
    }
    let bytes = read_capped(file, cap)?;
    Ok(FileBytes { bytes, metadata })
}

/// Opens `path` for reading without waiting: a FIFO swapped in after the look opens at once
/// (and is then refused) instead of waiting for a writer.
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

fn regular(metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(ReadError::NotRegular(kind_of(metadata)))
    }
}

/// What a file that is not a regular file is, for messages.
pub(crate) fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = metadata.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Everything `reader` gives, at most `cap` bytes: one byte more is an error, and no more
/// than that is ever read.
pub(crate) fn read_capped(reader: impl Read, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    within_cap(bytes.len(), cap)?;
    Ok(bytes)
}

/// One line of `reader` (its `\n` included, when there is one), at most `cap` bytes: a line
/// longer than that (`/dev/zero` has no end of line) is an error, and no more is read.
pub fn read_line(reader: &mut dyn BufRead, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut line = Vec::new();
    Read::take(reader, cap.saturating_add(1)).read_until(b'\n', &mut line)?;
    within_cap(line.len(), cap)?;
    Ok(line)
}

/// Appends what `reader` gives to `into` until its end, at most `cap` bytes in all. Stopped
/// at an `await`, `into` holds everything read so far.
pub(crate) async fn read_stream(
    reader: &mut (impl AsyncRead + Unpin),
    into: &mut Vec<u8>,
    cap: u64,
) -> Result<(), ReadError> {
    let mut chunk = [0u8; 8192];
    loop {
        let n = reader.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        within_cap(into.len() + n, cap)?;
        into.extend_from_slice(&chunk[..n]);
    }
}

fn within_cap(len: usize, cap: u64) -> Result<(), ReadError> {
    if len as u64 > cap {
        Err(ReadError::TooLarge(cap))
    } else {
        Ok(())
    }
}

/// How long a child process may run and how much it may print.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChildLimits {
    /// Start to exit (and its pipes read).
    pub deadline: Duration,
    /// The most bytes on stdout.
    pub stdout: u64,
    /// The most bytes on stderr.
    pub stderr: u64,
}

/// What a child process that exited left: its status and what it printed.
pub(crate) struct ChildOutput {
    /// How it exited.
    pub status: ExitStatus,
    /// Its stdout (at most the cap).
    pub stdout: Vec<u8>,
    /// Its stderr (at most the cap).
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "drained to be bounded, never shown: it may echo secrets"
        )
    )]
    pub stderr: Vec<u8>,
}

/// Why a child process gave no output. A child still running is killed (the process, not
/// what it left in the background).
#[derive(Debug, thiserror::Error)]
pub(crate) enum ChildError {
    /// It could not be started, or waited for.
    #[error("could not be run: {0}")]
    CannotRun(#[source] io::Error),
    /// It ran past the deadline.
    #[error("did not finish within {0:?}")]
    TimedOut(Duration),
    /// A stream could not be read, or said more than its cap.
    #[error("{stream}: {error}")]
    Output {
        /// `stdout` or `stderr`.
        stream: &'static str,
        /// What went wrong.
        #[source]
        error: ReadError,
    },
}

/// Runs `command` with stdin from `/dev/null` and stdout and stderr read within `limits`.
/// Once the process has exited, its pipes are read for [`EXIT_GRACE`] at most.
pub(crate) async fn run_child(
    command: &mut tokio::process::Command,
    limits: ChildLimits,
) -> Result<ChildOutput, ChildError> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().map_err(ChildError::CannotRun)?;
    let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let reads = async {
        let out = read_pipe(out.as_mut(), &mut stdout, limits.stdout, "stdout");
        let err = read_pipe(err.as_mut(), &mut stderr, limits.stderr, "stderr");
        tokio::try_join!(out, err).map(drop)
    };
    let status = tokio::time::timeout(limits.deadline, wait(&mut child, reads))
        .await
        .map_err(|_| ChildError::TimedOut(limits.deadline))??;
    Ok(ChildOutput {
        status,
        stdout,
        stderr,
    })
}

/// The child's status once it has exited and its pipes are read: to their end, or for
/// [`EXIT_GRACE`] after the exit, whichever comes first.
async fn wait(
    child: &mut tokio::process::Child,
    reads: impl std::future::Future<Output = Result<(), ChildError>>,
) -> Result<ExitStatus, ChildError> {
    tokio::pin!(reads);
    tokio::select! {
        read = &mut reads => {
            read?;
            child.wait().await.map_err(ChildError::CannotRun)
        }
        status = child.wait() => {
            let status = status.map_err(ChildError::CannotRun)?;
            if let Ok(read) = tokio::time::timeout(EXIT_GRACE, &mut reads).await {
                read?;
            }
            Ok(status)
        }
    }
}

async fn read_pipe(
    pipe: Option<&mut (impl AsyncRead + Unpin)>,
    into: &mut Vec<u8>,
    cap: u64,
    stream: &'static str,
) -> Result<(), ChildError> {
    match pipe {
        Some(pipe) => read_stream(pipe, into, cap)
            .await
            .map_err(|error| ChildError::Output { stream, error }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn a_regular_file_is_read_whole_up_to_its_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_file(&path, 5).unwrap().bytes, b"12345");
        assert!(read_file(&path, 5).unwrap().metadata.is_file());
        assert!(matches!(read_file(&path, 4), Err(ReadError::TooLarge(4))));
        let read = block(read_file_async(&path, 5)).unwrap();
        assert_eq!(read.bytes, b"12345");
        let missing = read_file(&dir.path().join("missing"), 5);
        assert!(
            matches!(&missing, Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound),
            "{:?}",
            missing.err()
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_directories_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("this test needs mkfifo (coreutils)");
        assert!(made.success());
        // Opening it blocking would wait for a writer forever.
        let read = block(read_file_async(&fifo, 1024));
        assert!(
            matches!(read, Err(ReadError::NotRegular("a FIFO"))),
            "{:?}",
            read.err()
        );
        for (path, kind) in [
            (Path::new("/dev/zero"), "a device"),
            (dir.path(), "a directory"),
        ] {
            let read = read_file(path, 1024);
            assert!(
                matches!(read, Err(ReadError::NotRegular(k)) if k == kind),
                "{path:?}: {:?}",
                read.err()
            );
        }
        assert_eq!(
            ReadError::NotRegular("a FIFO").to_string(),
            "not a regular file (it is a FIFO)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_after_the_look_is_opened_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("this test needs mkfifo (coreutils)")
                .success()
        );
        let opened = open_nonblocking(&fifo).expect("opens at once");
        assert!(matches!(
            regular(&opened.metadata().unwrap()),
            Err(ReadError::NotRegular("a FIFO"))
        ));
    }

    /// A read that never ends (a FIFO opened blocking, a hung network file system).
    fn stuck() -> Result<(), ReadError> {
        std::thread::sleep(Duration::from_secs(3600));
        Ok(())
    }

    #[test]
    fn a_stuck_read_ends_at_its_deadline_and_never_holds_up_the_runtime() {
        let short = Duration::from_millis(100);
        assert!(matches!(within(short, stuck), Err(ReadError::TimedOut(d)) if d == short));
        assert!(matches!(
            block(within_async(short, stuck)),
            Err(ReadError::TimedOut(_))
        ));
        // While it waits, the runtime runs other tasks: a signal listener would end the run.
        let other_task_first = block(async {
            tokio::select! {
                _ = within_async(Duration::from_secs(3600), stuck) => false,
                () = tokio::time::sleep(Duration::from_millis(50)) => true,
            }
        });
        assert!(other_task_first);
        assert_eq!(
            ReadError::TimedOut(Duration::from_secs(10)).to_string(),
            "reading took longer than 10s"
        );
    }

    #[test]
    fn streams_and_lines_stop_one_byte_past_the_cap() {
        // An endless source: at most cap + 1 bytes of it are read.
        let endless = io::repeat(0);
        assert!(matches!(
            read_capped(endless, 1024),
            Err(ReadError::TooLarge(1024))
        ));
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), b"abc");
        let mut zeros = io::BufReader::new(io::repeat(0));
        assert!(matches!(
            read_line(&mut zeros, 64),
            Err(ReadError::TooLarge(64))
        ));
        let mut lines = io::Cursor::new("secret\ntoken\n");
        assert_eq!(read_line(&mut lines, 7).unwrap(), b"secret\n");
        assert_eq!(read_line(&mut lines, 6).unwrap(), b"token\n");
        assert_eq!(read_line(&mut lines, 6).unwrap(), b"");
        let mut into = Vec::new();
        let mut endless = tokio::io::repeat(b'x');
        let read = block(read_stream(&mut endless, &mut into, 10_000));
        assert!(matches!(read, Err(ReadError::TooLarge(10_000))));
        assert!(into.len() <= 10_000);
    }

    fn sh(script: &str) -> tokio::process::Command {
        let mut c = tokio::process::Command::new("/bin/sh");
        c.args(["-c", script]);
        c
    }

    const LIMITS: ChildLimits = ChildLimits {
        deadline: Duration::from_secs(20),
        stdout: 1024,
        stderr: 1024,
    };

    #[cfg(unix)]
    #[test]
    fn a_child_s_output_and_status() {
        let out = block(run_child(&mut sh("echo out; echo err >&2; exit 3"), LIMITS)).unwrap();
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(
            (&out.stdout[..], &out.stderr[..]),
            (&b"out\n"[..], &b"err\n"[..])
        );
        let missing = block(run_child(
            &mut tokio::process::Command::new("/nonexistent/helper"),
            LIMITS,
        ));
        assert!(matches!(missing, Err(ChildError::CannotRun(_))));
    }

    #[cfg(unix)]
    #[test]
    fn a_child_that_prints_too_much_is_stopped_naming_the_stream() {
        for (script, which) in [("yes", "stdout"), ("yes >&2", "stderr")] {
            let run = block(run_child(&mut sh(script), LIMITS));
            assert!(
                matches!(
                    &run,
                    Err(ChildError::Output { stream, error: ReadError::TooLarge(1024) })
                        if *stream == which
                ),
                "{script}: {:?}",
                run.err()
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_child_that_exited_is_not_waited_for_past_the_grace() {
        // The background `sleep` holds stdout and stderr open for 30 s.
        let started = std::time::Instant::now();
        let out = block(run_child(&mut sh("echo done; sleep 30 & exit 0"), LIMITS)).unwrap();
        assert!(out.status.success());
        assert_eq!(out.stdout, b"done\n");
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "it waited for the pipes"
        );
        let short = ChildLimits {
            deadline: Duration::from_millis(300),
            ..LIMITS
        };
        let hung = block(run_child(&mut sh("exec sleep 30"), short));
        assert!(
            matches!(hung, Err(ChildError::TimedOut(_))),
            "{:?}",
            hung.err()
        );
    }
}
