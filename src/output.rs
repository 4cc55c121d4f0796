//! Standard output, written apart from the run, with exact accounting: what was printed is
//! what was counted.
//!
//! Renderers write into an `OutputWriter` (a plain `io::Write` that collects bytes); the run
//! commits those bytes as a chunk that completes a number of records. An output no reader can
//! hold up (a regular file, `/dev/null`) is written as chunks are sent, in large writes; any
//! other (a pipe, a terminal, a pager) by a thread of its own. The writer thread writes
//! chunks to stdout, at most 4096 bytes a write (a pipe takes that all or nothing), and counts
//! the records whose bytes have all been written, so the count is exact even when a write is
//! blocked or fails halfway (a record longer than 4096 bytes may then be cut, and is not
//! counted). The run
//! never blocks on stdout: a reader that does not read (a pager, a busy pipe) only makes
//! `ready()` wait, and a signal can end that wait at once. Closing waits a bounded time for
//! the writer, then leaves it (a write blocked forever cannot hold the process).
//!
//! One record can be larger than anything worth holding (a table row of a message of
//! millions of lines): once a record still being written passes `CHUNK_BYTES`, its bytes go
//! to the writer as they come (uncounted until the record is committed), the renderer waits
//! while the writer is behind, and a signal that arrived (`signals::received`) fails the
//! renderer's next write, so drawing it ends within a moment. Memory is that of a chunk, not
//! of the record.
//!
//! It must not render or decide what a record is.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The largest write a pipe takes all at once or not at all (POSIX PIPE_BUF on Linux).
const ATOMIC_WRITE: usize = 4096;

/// The largest write to an output that never blocks for a reader (a regular file,
/// `/dev/null`): what a write returns is exactly what was written, whatever its size.
#[cfg(unix)]
const FILE_WRITE: usize = 256 * 1024;

/// How many bytes may wait for the writer thread before `ready()` waits.
const MAX_PENDING_BYTES: usize = 4 * 1024 * 1024;

/// How many committed bytes are gathered before they go to the writer thread.
const CHUNK_BYTES: usize = 64 * 1024;

/// One chunk for the writer: bytes, and where records end in them (offset, records ending
/// there).
struct Chunk {
    bytes: Vec<u8>,
    marks: Vec<(usize, u64)>,
}

/// What the writer thread shares with the run.
#[derive(Default)]
struct Shared {
    /// Records whose bytes were all written.
    written: AtomicU64,
    /// Bytes committed and not yet written.
    pending: AtomicU64,
    /// The writer stopped (an error, or closed).
    stopped: AtomicBool,
    /// The write error that stopped it.
    error: Mutex<Option<io::Error>>,
    /// Wakes `ready()` when bytes were written.
    progress: tokio::sync::Notify,
    /// Chunk buffers the writer is done with, for the run to fill again (no allocation and
    /// no regrowth per chunk).
    spare: Mutex<Vec<Vec<u8>>>,
}

/// How many emptied chunk buffers are kept for reuse.
const SPARE_BUFFERS: usize = 4;

impl Shared {
    /// An empty buffer for the next chunk: a spare one, or a new one.
    fn buffer(&self) -> Vec<u8> {
        self.spare
            .lock()
            .ok()
            .and_then(|mut spare| spare.pop())
            .unwrap_or_else(|| Vec::with_capacity(CHUNK_BYTES * 2))
    }

    /// The write error that stopped the writer, if any.
    fn check(&self) -> io::Result<()> {
        if self.stopped.load(Ordering::SeqCst) {
            let error = self
                .error
                .lock()
                .map_err(|_| io::Error::other("output error poisoned"))?;
            if let Some(e) = error.as_ref() {
                return Err(io::Error::new(e.kind(), e.to_string()));
            }
        }
        Ok(())
    }

    /// Keeps a chunk's buffer, emptied, for a later chunk (a small one is dropped).
    fn recycle(&self, mut bytes: Vec<u8>) {
        if bytes.capacity() < CHUNK_BYTES {
            return;
        }
        if let Ok(mut spare) = self.spare.lock()
            && spare.len() < SPARE_BUFFERS
        {
            bytes.clear();
            spare.push(bytes);
        }
    }
}

/// Resolves once nothing can read standard output any more (a pipe whose reader closed it, a
/// terminal that hung up), looking every 200 ms without writing to it: a follow that waits
/// for new entries notices `| head -1` within one look. Never resolves for outputs that have
/// no reader to lose (a file, `/dev/null`) or where this cannot be seen.
pub(crate) async fn reader_gone() {
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        if stdout_hung_up() {
            return;
        }
    }
}

#[cfg(unix)]
fn stdout_hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, poll};
    use std::os::fd::AsFd as _;
    let stdout = io::stdout();
    let fd = stdout.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::empty())];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
        && fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP)
}

#[cfg(not(unix))]
fn stdout_hung_up() -> bool {
    false
}

/// Standard output, written by a thread.
pub(crate) struct Output {
    shared: Arc<Shared>,
    /// What renderers wrote, and the way to stdout: shared with the `OutputWriter`s.
    outbox: Rc<RefCell<Outbox>>,
    thread: Option<std::thread::JoinHandle<()>>,
    committed: u64,
    /// The pager the writer feeds (`Output::paged`): waited for before the output ends.
    pager: Option<crate::pager::Handle>,
}

/// What renderers wrote and the run has not sent yet, and where it goes: shared by the
/// `Output` and its `OutputWriter`s, on the run's own thread only (no lock per write).
struct Outbox {
    shared: Arc<Shared>,
    sender: Option<std::sync::mpsc::Sender<Chunk>>,
    /// An output no reader can hold up, written here as chunks are sent (no thread to wake),
    /// at most this many bytes a write.
    direct: Option<(Box<dyn Write + Send>, usize)>,
    buffer: Vec<u8>,
    /// Where committed records end in `buffer`.
    marks: Vec<(usize, u64)>,
    /// The bytes feed a pager (`Output::paged`).
    paged: bool,
    /// SIGINT and SIGTERM are held (no longer kill the process) since bytes went to a pager.
    signals_held: bool,
    /// A signal has failed a write already: later writes (the end of a table after the
    /// interruption) go out unhindered.
    stop_reported: bool,
}

/// The `io::Write` given to a renderer: it collects bytes until the run commits them, and
/// sends on the bytes of a record that grows past `CHUNK_BYTES` (see the module's doc).
#[derive(Clone)]
pub(crate) struct OutputWriter {
    outbox: Rc<RefCell<Outbox>>,
}

impl Write for OutputWriter {
    /// Takes all of `buf`, or none of it: a renderer that writes a line at a time leaves
    /// whole lines when a signal fails a write.
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    /// One call, not the default loop: this is on every record's path.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut outbox = self.outbox.borrow_mut();
        if outbox.record_bytes() >= CHUNK_BYTES {
            outbox.spill_cold()?;
        }
        outbox.buffer.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("written", &self.written())
            .field("committed", &self.committed)
            .finish_non_exhaustive()
    }
}

impl Output {
    /// Standard output, written unbuffered through its own descriptor (Rust's `Stdout`
    /// would take a closed stdout for a sink and report success).
    pub(crate) fn stdout() -> Self {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd as _;
            match io::stdout().as_fd().try_clone_to_owned() {
                Ok(fd) => {
                    let file = std::fs::File::from(fd);
                    if never_blocks(&file) {
                        Self::direct(file, FILE_WRITE)
                    } else {
                        Self::new(file)
                    }
                }
                Err(e) => Self::failed(io::Error::new(e.kind(), format!("stdout is closed ({e})"))),
            }
        }
        #[cfg(not(unix))]
        {
            Self::new(io::stdout())
        }
    }

    /// A table for the pager `argv` (`pager::for_run`): the pager starts with the first bytes
    /// written (nothing printed, no pager), stdout when it cannot start. Closing or dropping
    /// the output waits for the pager to exit, so the terminal is never left to it.
    pub(crate) fn paged(argv: Vec<String>) -> Self {
        #[cfg(unix)]
        let fallback = {
            use std::os::fd::AsFd as _;
            match io::stdout().as_fd().try_clone_to_owned() {
                Ok(fd) => std::fs::File::from(fd),
                Err(_) => return Self::stdout(),
            }
        };
        #[cfg(not(unix))]
        let fallback = io::stdout();
        let writer = crate::pager::PagerWriter::new(argv, fallback);
        let handle = writer.handle();
        Self::new(writer).with_pager(handle)
    }

    /// An output that cannot be written: every commit reports `error`.
    fn failed(error: io::Error) -> Self {
        let output = Self::new(io::sink());
        *output.shared.error.lock().expect("fresh lock") = Some(error);
        output.shared.stopped.store(true, Ordering::SeqCst);
        output
    }

    /// Any writer (tests), written by a thread as a pipe is: at most 4096 bytes a write.
    pub(crate) fn new<W: Write + Send + 'static>(mut out: W) -> Self {
        let shared = Arc::new(Shared::default());
        let (sender, receiver) = std::sync::mpsc::channel::<Chunk>();
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("oos-logs-stdout".into())
            .spawn(move || write_chunks(&mut out, &receiver, &thread_shared, ATOMIC_WRITE))
            .ok();
        if thread.is_none() {
            *shared.error.lock().expect("fresh lock") =
                Some(io::Error::other("cannot start the output thread"));
            shared.stopped.store(true, Ordering::SeqCst);
        }
        let mut output = Self::unconnected(shared);
        output.outbox.borrow_mut().sender = Some(sender);
        output.thread = thread;
        output
    }

    /// An output no reader can hold up (a regular file, `/dev/null`), written as chunks are
    /// sent, at most `largest` bytes a write: no thread, and the same exact count.
    #[cfg(unix)]
    fn direct<W: Write + Send + 'static>(out: W, largest: usize) -> Self {
        let output = Self::unconnected(Arc::new(Shared::default()));
        output.outbox.borrow_mut().direct = Some((Box::new(out), largest));
        output
    }

    /// An output with nothing to write to yet: `new` gives it a writer thread, `direct` a
    /// file.
    fn unconnected(shared: Arc<Shared>) -> Self {
        let outbox = Outbox {
            shared: shared.clone(),
            sender: None,
            direct: None,
            buffer: Vec::with_capacity(CHUNK_BYTES * 2),
            marks: Vec::new(),
            paged: false,
            signals_held: false,
            stop_reported: false,
        };
        Self {
            shared,
            outbox: Rc::new(RefCell::new(outbox)),
            thread: None,
            committed: 0,
            pager: None,
        }
    }

    /// Feeds the pager `handle`: signals are held from the first byte sent.
    fn with_pager(mut self, handle: crate::pager::Handle) -> Self {
        self.outbox.borrow_mut().paged = true;
        self.pager = Some(handle);
        self
    }

    /// A writer for a renderer.
    pub(crate) fn writer(&self) -> OutputWriter {
        OutputWriter {
            outbox: self.outbox.clone(),
        }
    }

    /// Marks what the renderer wrote since the last commit as completing `records` records;
    /// it goes to the writer thread with the next `send` (or once enough has gathered).
    /// Fails when the writer stopped with an error.
    pub(crate) fn commit(&mut self, records: u64) -> io::Result<()> {
        self.check()?;
        let mut outbox = self.outbox.borrow_mut();
        let len = outbox.buffer.len();
        outbox.marks.push((len, records));
        self.committed += records;
        if len >= CHUNK_BYTES {
            outbox.send()?;
        }
        Ok(())
    }

    /// Hands everything committed to the writer thread.
    pub(crate) fn send(&mut self) -> io::Result<()> {
        self.outbox.borrow_mut().send()
    }

    /// Records committed so far.
    pub(crate) fn committed(&self) -> u64 {
        self.committed
    }

    /// Records whose bytes have all been written.
    pub(crate) fn written(&self) -> u64 {
        self.shared.written.load(Ordering::SeqCst)
    }

    /// The write error that stopped the writer, if any.
    pub(crate) fn check(&self) -> io::Result<()> {
        self.shared.check()
    }

    /// Waits until the bytes waiting for the writer are few enough to go on producing (or the
    /// writer stopped). Cancel-safe: a signal may end the wait at any time.
    pub(crate) async fn ready(&mut self) -> io::Result<()> {
        self.send()?;
        loop {
            let notified = self.shared.progress.notified();
            self.check()?;
            if self.shared.stopped.load(Ordering::SeqCst)
                || self.shared.pending.load(Ordering::SeqCst) <= MAX_PENDING_BYTES as u64
            {
                return Ok(());
            }
            notified.await;
        }
    }

    /// Waits until everything committed has been written (or the writer stopped with an
    /// error). Cancel-safe.
    pub(crate) async fn drained(&mut self) -> io::Result<()> {
        self.send()?;
        loop {
            let notified = self.shared.progress.notified();
            self.check()?;
            if self.shared.stopped.load(Ordering::SeqCst)
                || (self.shared.pending.load(Ordering::SeqCst) == 0
                    && self.written() == self.committed)
            {
                return Ok(());
            }
            notified.await;
        }
    }

    /// Commits what is left, then waits up to `patience` for the writer to write everything.
    /// Returns the records written; the writer is left behind if it is still blocked.
    /// With a pager, first waits for the pager to exit (the user quits it): the writer then
    /// stops, and the count is exact.
    pub(crate) fn close(mut self, patience: Duration) -> io::Result<u64> {
        let _ = self.commit(0);
        let _ = self.send();
        self.disconnect();
        self.wait_for_pager();
        let deadline = std::time::Instant::now() + patience;
        if let Some(thread) = self.thread.take() {
            while !thread.is_finished() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
            if thread.is_finished() {
                let _ = thread.join();
            }
        }
        self.check()?;
        Ok(self.written())
    }
}

impl Output {
    /// Ends the output to a pager and waits for the pager to exit (at once without one):
    /// what was committed and sent goes to the pager first. Nothing can be written after.
    pub(crate) fn end_pager(&mut self) {
        if self.pager.is_some() {
            self.disconnect();
            self.wait_for_pager();
        }
    }

    /// Tells the writer thread that nothing more comes.
    fn disconnect(&mut self) {
        drop(self.outbox.borrow_mut().sender.take());
    }

    /// Waits for the pager (if any) once the writer has started it or finished without it;
    /// the sender must be dropped already.
    fn wait_for_pager(&mut self) {
        let Some(pager) = self.pager.take() else {
            return;
        };
        if let Some(thread) = &self.thread {
            while !thread.is_finished() && !pager.settled() {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        pager.wait();
        // The pager is gone: a write still under way fails at once (a closed pipe).
        if let Some(thread) = self.thread.take() {
            let deadline = std::time::Instant::now() + Duration::from_secs(1);
            while !thread.is_finished() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
            if thread.is_finished() {
                let _ = thread.join();
            } else {
                self.thread = Some(thread);
            }
        }
    }
}

impl Drop for Output {
    /// An output to a pager is never left behind: the pager gets the end of its input, and
    /// the process waits for it to exit.
    fn drop(&mut self) {
        if self.pager.is_some() {
            self.disconnect();
            self.wait_for_pager();
        }
    }
}

impl Outbox {
    /// Bytes written since the last commit: the record being written.
    #[inline]
    fn record_bytes(&self) -> usize {
        self.buffer.len() - self.marks.last().map_or(0, |m| m.0)
    }

    /// [`Outbox::spill`], off the hot path of writes.
    #[cold]
    #[inline(never)]
    fn spill_cold(&mut self) -> io::Result<()> {
        self.spill()
    }

    /// Hands everything committed to the writer thread (or writes it, to a direct output).
    fn send(&mut self) -> io::Result<()> {
        self.shared.check()?;
        if self.marks.is_empty() {
            return Ok(());
        }
        let end = self.marks.last().map_or(0, |m| m.0);
        // Bytes written after the last commit stay for the next chunk.
        let mut next = self.shared.buffer();
        next.extend_from_slice(&self.buffer[end..]);
        self.buffer.truncate(end);
        let bytes = std::mem::replace(&mut self.buffer, next);
        let capacity = self.marks.len();
        let marks = std::mem::replace(&mut self.marks, Vec::with_capacity(capacity));
        if self.paged && !self.signals_held && !bytes.is_empty() {
            // The pager starts with these bytes: from now on a Ctrl-C is the pager's too, and
            // must not end the process while the pager holds the terminal.
            crate::pager::hold_signals();
            self.signals_held = true;
        }
        self.shared
            .pending
            .fetch_add(bytes.len() as u64, Ordering::SeqCst);
        let closed = || {
            self.shared
                .check()
                .and(Err(io::Error::from(io::ErrorKind::BrokenPipe)))
        };
        if let Some((out, largest)) = &mut self.direct {
            let written = write_batch(out.as_mut(), &bytes, &marks, &self.shared, *largest);
            self.shared.recycle(bytes);
            return written.or_else(|()| closed());
        }
        if let Some(sender) = &self.sender
            && sender.send(Chunk { bytes, marks }).is_err()
        {
            return closed();
        }
        Ok(())
    }

    /// Sends on the bytes of the record being written, uncounted (it counts once committed
    /// whole), then waits while the writer is too far behind. Fails when a signal has
    /// arrived, once: the renderer stops, and what the run writes after goes out.
    fn spill(&mut self) -> io::Result<()> {
        self.stop_if_signalled()?;
        let len = self.buffer.len();
        self.marks.push((len, 0));
        self.send()?;
        while !self.stop_reported
            && self.shared.pending.load(Ordering::SeqCst) > MAX_PENDING_BYTES as u64
        {
            self.shared.check()?;
            if self.shared.stopped.load(Ordering::SeqCst) {
                break;
            }
            self.stop_if_signalled()?;
            std::thread::sleep(Duration::from_millis(2));
        }
        Ok(())
    }

    /// The error of a signal that arrived, the first time it is looked at.
    fn stop_if_signalled(&mut self) -> io::Result<()> {
        if self.stop_reported {
            return Ok(());
        }
        match crate::signals::received() {
            Some(stop) => {
                self.stop_reported = true;
                Err(crate::signals::io_error(stop))
            }
            None => Ok(()),
        }
    }
}

/// The writer thread: writes chunks as they come, in as few writes as it can, and counts the
/// records whose last byte was written.
fn write_chunks<W: Write>(
    out: &mut W,
    receiver: &std::sync::mpsc::Receiver<Chunk>,
    shared: &Shared,
    largest: usize,
) {
    let mut batch: Vec<u8> = Vec::new();
    // (end offset in `batch`, records completed there)
    let mut ends: Vec<(usize, u64)> = Vec::new();
    while let Ok(first) = receiver.recv() {
        ends.clear();
        // The first chunk's buffer becomes the batch (no copy); later ones are appended.
        shared.recycle(std::mem::replace(&mut batch, first.bytes));
        ends.extend_from_slice(&first.marks);
        let mut next = None;
        if batch.len() < 256 * 1024 {
            next = receiver.try_recv().ok();
        }
        while let Some(chunk) = next.take() {
            let base = batch.len();
            batch.extend_from_slice(&chunk.bytes);
            ends.extend(
                chunk
                    .marks
                    .iter()
                    .map(|&(end, records)| (base + end, records)),
            );
            shared.recycle(chunk.bytes);
            if batch.len() < 256 * 1024 {
                next = receiver.try_recv().ok();
            }
        }
        if write_batch(out, &batch, &ends, shared, largest).is_err() {
            return;
        }
    }
    shared.stopped.store(true, Ordering::SeqCst);
    shared.progress.notify_waiters();
}

/// Writes `batch` at most `largest` bytes a write, counting the records that end in it
/// (`ends`: offset, records) as their last byte is written. A failure stops the output.
fn write_batch<W: Write + ?Sized>(
    out: &mut W,
    batch: &[u8],
    ends: &[(usize, u64)],
    shared: &Shared,
    largest: usize,
) -> Result<(), ()> {
    let mut done = 0;
    let mut counted = 0;
    while done < batch.len() {
        // At most PIPE_BUF bytes a call to a pipe or a terminal: a write that small to a
        // pipe is all or nothing, so bytes that reached a reader are never left uncounted
        // when the process ends while a write is blocked. A file or /dev/null never blocks
        // for a reader: it takes larger writes.
        let end = (done + largest).min(batch.len());
        match out.write(&batch[done..end]) {
            Ok(0) => {
                stop(shared, io::Error::from(io::ErrorKind::WriteZero));
                return Err(());
            }
            Ok(n) => {
                done += n;
                shared.pending.fetch_sub(n as u64, Ordering::SeqCst);
                while counted < ends.len() && ends[counted].0 <= done {
                    shared.written.fetch_add(ends[counted].1, Ordering::SeqCst);
                    counted += 1;
                }
                shared.progress.notify_waiters();
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                stop(shared, e);
                return Err(());
            }
        }
    }
    // Chunks of no bytes (a commit of records whose rows were written earlier).
    while counted < ends.len() {
        shared.written.fetch_add(ends[counted].1, Ordering::SeqCst);
        counted += 1;
    }
    if let Err(e) = out.flush() {
        stop(shared, e);
        return Err(());
    }
    shared.progress.notify_waiters();
    Ok(())
}

/// True for an output no reader can hold up: a regular file, or `/dev/null`. A pipe, a
/// terminal (flow control) or a socket can block a write for as long as their reader likes.
#[cfg(unix)]
fn never_blocks(file: &std::fs::File) -> bool {
    use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _};
    /// `/dev/null`: character device 1, 3 on Linux.
    const DEV_NULL: u64 = (1 << 8) | 3;
    file.metadata().is_ok_and(|meta| {
        let kind = meta.file_type();
        kind.is_file()
            || (cfg!(target_os = "linux") && kind.is_char_device() && meta.rdev() == DEV_NULL)
    })
}

fn stop(shared: &Shared, error: io::Error) {
    if let Ok(mut slot) = shared.error.lock() {
        *slot = Some(error);
    }
    shared.stopped.store(true, Ordering::SeqCst);
    shared.progress.notify_waiters();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes at most `step` bytes a call and fails after `limit` bytes.
    struct Trickle {
        seen: Arc<Mutex<Vec<u8>>>,
        step: usize,
        limit: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let mut seen = self.seen.lock().unwrap();
            if seen.len() >= self.limit {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            let n = buf.len().min(self.step).min(self.limit - seen.len());
            seen.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn counts_only_records_written_whole() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut output = Output::new(Trickle {
            seen: seen.clone(),
            step: 3,
            limit: 25,
        });
        let mut w = output.writer();
        for i in 0..10 {
            writeln!(w, "line {i}").unwrap(); // 7 bytes each
            let _ = output.commit(1);
        }
        let result = output.close(Duration::from_secs(5));
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 25);
        // 25 bytes hold 3 whole lines of 7 bytes.
        assert_eq!(
            String::from_utf8_lossy(&seen[..21]),
            "line 0\nline 1\nline 2\n"
        );
    }

    #[test]
    fn everything_written_is_counted() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut output = Output::new(Trickle {
            seen: seen.clone(),
            step: 5,
            limit: usize::MAX,
        });
        let mut w = output.writer();
        writeln!(w, "header").unwrap();
        output.commit(0).unwrap();
        for i in 0..100 {
            writeln!(w, "{i}").unwrap();
            output.commit(1).unwrap();
        }
        assert_eq!(output.committed(), 100);
        assert_eq!(output.close(Duration::from_secs(5)).unwrap(), 100);
        assert!(seen.lock().unwrap().starts_with(b"header\n0\n1\n"));
    }

    #[test]
    fn a_huge_record_streams_before_it_is_committed_and_counts_once_whole() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut output = Output::new(Trickle {
            seen: seen.clone(),
            step: 4096,
            limit: usize::MAX,
        });
        let mut w = output.writer();
        writeln!(w, "small").unwrap();
        output.commit(1).unwrap();
        // One record of 16 MiB, a line at a time: it goes out as it is written, and what
        // waits for the writer stays a chunk or so, never the record.
        let line = [b'x'; 1023];
        for _ in 0..16 * 1024 {
            w.write_all(&line).unwrap();
            w.write_all(b"\n").unwrap();
            assert!(output.outbox.borrow().buffer.len() <= CHUNK_BYTES + 1024);
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while seen.lock().unwrap().len() < 15 << 20 {
            assert!(std::time::Instant::now() < deadline, "not streamed");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(output.written(), 1, "the huge record is not counted yet");
        output.commit(1).unwrap();
        assert_eq!(output.close(Duration::from_secs(5)).unwrap(), 2);
        assert_eq!(seen.lock().unwrap().len(), 6 + (16 << 20));
    }

    #[cfg(unix)]
    #[test]
    fn files_and_dev_null_take_large_writes_and_pipes_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(dir.path().join("out")).unwrap();
        assert!(never_blocks(&file));
        let null = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/null")
            .unwrap();
        assert_eq!(never_blocks(&null), cfg!(target_os = "linux"));
        let (_reader, writer) = std::io::pipe().unwrap();
        let pipe = std::fs::File::from(std::os::fd::OwnedFd::from(writer));
        assert!(!never_blocks(&pipe));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_written_in_large_writes_is_counted_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut output = Output::direct(std::fs::File::create(&path).unwrap(), FILE_WRITE);
        let mut w = output.writer();
        let mut expected = String::new();
        for i in 0..50_000 {
            let line = format!("record {i} {}\n", "x".repeat(i % 97));
            w.write_all(line.as_bytes()).unwrap();
            expected.push_str(&line);
            output.commit(1).unwrap();
        }
        assert_eq!(output.close(Duration::from_secs(5)).unwrap(), 50_000);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_pager_that_quits_early_is_a_closed_pipe_and_is_waited_for() {
        let writer = crate::pager::PagerWriter::new(
            vec!["sh".into(), "-c".into(), "head -c 100 >/dev/null".into()],
            io::sink(),
        );
        let handle = writer.handle();
        let mut output = Output::new(writer).with_pager(handle.clone());
        let mut w = output.writer();
        for i in 0..100_000 {
            writeln!(w, "row {i}").unwrap();
            if output.commit(1).is_err() {
                break;
            }
        }
        let started = std::time::Instant::now();
        let result = output.close(Duration::from_secs(5));
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert!(handle.settled());
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_blocked_writer_does_not_hold_close() {
        struct Stuck;
        impl Write for Stuck {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                std::thread::sleep(Duration::from_secs(3600));
                Ok(0)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut output = Output::new(Stuck);
        writeln!(output.writer(), "x").unwrap();
        output.commit(1).unwrap();
        let started = std::time::Instant::now();
        assert_eq!(output.close(Duration::from_millis(100)).unwrap(), 0);
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
