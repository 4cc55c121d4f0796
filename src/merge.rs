//! Reading the logs of several streams (executions, or the failed tasks of one) as one,
//! merged by timestamp: stable, the earlier stream first on ties, an entry whose timestamp
//! does not parse kept in its stream's place. Memory is one page per stream; the pages of
//! different streams are fetched concurrently (the client caps requests in flight).
//!
//! One stream is passed through page by page, with no timestamp read at all. While following,
//! a stream with nothing new counts as ended for this cycle; the next cycle asks again. A
//! cycle may be given a deadline: it then stops between pages once the deadline is past (the
//! caller's follow re-reads the status on schedule whatever the pages do) and says so.
//! A child's stream may vanish (the service no longer knows its execution): it ends with a
//! warning, and the others go on.
//! It must not render or print: entries go to the caller's `Sink`.

use std::collections::VecDeque;
use std::time::Instant;

use jiff::Timestamp;

use crate::api::{ListExecutionLogs, LogEntry, Page};
use crate::error::Error;
use crate::filter::is_execution_error;
use crate::pagination::{Pages, Resume};
use crate::timespec::parse_api_time;

/// Where merged entries go.
pub(crate) trait Sink {
    /// The response body of a page about to be passed through (a single stream only).
    fn response(&mut self, raw_body: &str) -> Result<(), Error>;
    /// One entry, with the label of its stream and, when one stream is read alone, where it
    /// stands: the position of its page's first record, and its index in that page.
    fn entry(
        &mut self,
        entry: LogEntry<'_>,
        label: Option<&str>,
        at: Option<(&Resume, usize)>,
    ) -> Result<(), Error>;
    /// The end of a batch: what was written should reach the reader now.
    fn batch_end(&mut self) -> Result<(), Error>;
    /// Sends what was written on its way to the reader, and waits until the sink can take
    /// more (the reader of the output keeps up). Called before any wait for the service.
    fn ready(
        &mut self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Error>> + '_>> {
        Box::pin(std::future::ready(Ok(())))
    }
    /// False once the sink wants nothing more (`--limit` reached): the reading stops.
    fn wants_more(&self) -> bool {
        true
    }
}

/// Which entries of a stream are wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Every entry.
    All,
    /// Only Error entries of no task (`--failed`: the execution's own errors).
    ExecutionErrors,
}

/// One stream of log entries.
#[derive(Debug)]
pub(crate) struct Stream {
    /// The execution it belongs to.
    pub execution_id: String,
    label: Option<String>,
    pages: Pages<ListExecutionLogs>,
    keep: Keep,
    /// The unconsumed entries of the current page (their JSON texts, as checked by the parser).
    buffer: VecDeque<Box<str>>,
    /// The last timestamp that parsed: where an unparseable one sorts.
    last_time: Option<Timestamp>,
    /// No more entries in this cycle.
    done: bool,
    /// The last page read was the tail: once the buffer is empty, the cycle is over for it.
    tail_reached: bool,
    /// Whether its execution may stop existing without ending the run (a child's).
    may_vanish: bool,
    /// The service no longer knows its execution: read no more.
    gone: bool,
    /// What the stream has to say (a vanished execution).
    warnings: Vec<String>,
}

impl Stream {
    /// A stream over `pages`, its entries labelled with `label`.
    pub(crate) fn new(
        execution_id: String,
        label: Option<String>,
        pages: Pages<ListExecutionLogs>,
        keep: Keep,
    ) -> Self {
        Self {
            execution_id,
            label,
            pages,
            keep,
            buffer: VecDeque::new(),
            last_time: None,
            done: false,
            tail_reached: false,
            may_vanish: false,
            gone: false,
            warnings: Vec::new(),
        }
    }

    /// A stream whose execution may vanish (a child's): its end is a warning, not the run's.
    pub(crate) fn may_vanish(mut self) -> Self {
        self.may_vanish = true;
        self
    }

    /// Where this stream can resume.
    pub(crate) fn resume(&self) -> Option<Resume> {
        self.pages.resume()
    }

    /// A warning from the pager (a tail that changed) or about the stream (it vanished).
    pub(crate) fn take_warning(&mut self) -> Option<String> {
        self.pages
            .take_warning()
            .or_else(|| (!self.warnings.is_empty()).then(|| self.warnings.remove(0)))
    }

    /// A failure of this stream's reads: a vanished child ends only its stream.
    fn failed(&mut self, error: Error) -> Result<(), Error> {
        if !(self.may_vanish && error.is_not_found()) {
            return Err(error);
        }
        let request = error
            .request_id()
            .map(|r| format!(", RequestId {r}"))
            .unwrap_or_default();
        self.warnings.push(format!(
            "the service no longer knows this execution ({error}{request}); its entries so far were printed, and the others are followed on"
        ));
        self.gone = true;
        self.done = true;
        self.buffer.clear();
        Ok(())
    }

    fn wanted(&self, json: &str) -> bool {
        self.keep == Keep::All || is_execution_error(&LogEntry::from_checked(json).fields())
    }

    /// Fetches pages until there are buffered entries or the stream is done for this cycle.
    async fn refill(&mut self) -> Result<(), Error> {
        while self.buffer.is_empty() && !self.done {
            if self.tail_reached {
                self.done = true;
                break;
            }
            let page = match self.pages.next_page().await {
                Ok(page) => page,
                Err(e) => return self.failed(e.into()),
            };
            match page {
                Some(page) => {
                    let keep_all = self.keep == Keep::All;
                    self.tail_reached = self.pages.at_tail() || self.pages.is_finished();
                    for json in page.texts() {
                        if keep_all || self.wanted(json) {
                            self.buffer.push_back(json.into());
                        }
                    }
                }
                None => self.done = true,
            }
        }
        Ok(())
    }

    /// The sort key of the head entry.
    fn head_time(&mut self) -> Option<Timestamp> {
        let json = self.buffer.front()?;
        let fields = LogEntry::from_checked(json).fields();
        if let Some(t) = fields.timestamp.as_deref().and_then(parse_api_time) {
            self.last_time = Some(t);
        }
        self.last_time
    }
}

/// Several streams read as one.
#[derive(Debug, Default)]
pub(crate) struct Merge {
    streams: Vec<Stream>,
    /// A cycle stops between pages after this instant.
    deadline: Option<Instant>,
    /// The last cycle stopped at its deadline, with pages still to read.
    cut_short: bool,
}

impl Merge {
    /// An empty merge.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a stream; earlier streams come first on equal timestamps.
    pub(crate) fn push(&mut self, stream: Stream) {
        self.streams.push(stream);
    }

    /// The streams.
    pub(crate) fn streams(&self) -> &[Stream] {
        &self.streams
    }

    /// The streams, to read their warnings.
    pub(crate) fn streams_mut(&mut self) -> &mut [Stream] {
        &mut self.streams
    }

    /// Whether an execution already has a stream.
    pub(crate) fn contains(&self, execution_id: &str) -> bool {
        self.streams.iter().any(|s| s.execution_id == execution_id)
    }

    /// Cycles stop between pages after `deadline` (None: they read to the end).
    pub(crate) fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.deadline = deadline;
    }

    /// Whether the last cycle stopped at its deadline with pages still to read.
    pub(crate) fn was_cut_short(&self) -> bool {
        self.cut_short
    }

    /// Reads every stream until each has nothing more (for now), writing entries to `sink`
    /// in merged order. Returns how many entries were written.
    pub(crate) async fn cycle(&mut self, sink: &mut dyn Sink) -> Result<u64, Error> {
        self.cut_short = false;
        for stream in &mut self.streams {
            stream.done = stream.gone;
            stream.tail_reached = false;
        }
        let deadline = self.deadline;
        if let [single] = self.streams.as_mut_slice() {
            let (written, cut) = pass_through(single, sink, deadline).await?;
            self.cut_short = cut;
            return Ok(written);
        }
        let mut written = 0;
        loop {
            // Every stream with nothing buffered fetches its next page, concurrently.
            let refills = self
                .streams
                .iter_mut()
                .filter(|s| s.buffer.is_empty() && !s.done)
                .map(Stream::refill);
            for result in futures_util::future::join_all(refills).await {
                result?;
            }
            // Emit the earliest heads until some stream's buffer runs dry.
            'emit: loop {
                let mut best: Option<(usize, Option<Timestamp>)> = None;
                for (i, stream) in self.streams.iter_mut().enumerate() {
                    if stream.buffer.is_empty() {
                        if stream.done {
                            continue;
                        }
                        // It needs a page before anything can be compared with it.
                        break 'emit;
                    }
                    let time = stream.head_time();
                    let earlier = match (&best, time) {
                        (None, _) => true,
                        (Some((_, Some(b))), Some(t)) => t < *b,
                        (Some((_, None)), Some(_)) => false,
                        (Some((_, Some(_))), None) => true,
                        (Some((_, None)), None) => false,
                    };
                    if earlier {
                        best = Some((i, time));
                    }
                }
                let Some((i, _)) = best else {
                    // Every stream is done: what was written goes out before the caller
                    // waits (the next poll of a follow).
                    sink.batch_end()?;
                    sink.ready().await?;
                    return Ok(written);
                };
                let stream = &mut self.streams[i];
                let json = stream.buffer.pop_front().expect("a head");
                sink.entry(LogEntry::from_checked(&json), stream.label.as_deref(), None)?;
                written += 1;
                if !sink.wants_more() {
                    sink.batch_end()?;
                    sink.ready().await?;
                    return Ok(written);
                }
            }
            sink.batch_end()?;
            sink.ready().await?;
            if past(self.deadline) {
                self.cut_short = true;
                return Ok(written);
            }
        }
    }
}

/// Whether `deadline` (if any) has passed.
fn past(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}

/// One stream: its pages go through as they come. Also says whether it stopped at the
/// deadline with pages still to read.
async fn pass_through(
    stream: &mut Stream,
    sink: &mut dyn Sink,
    deadline: Option<Instant>,
) -> Result<(u64, bool), Error> {
    let mut written = 0;
    while !stream.gone {
        let page = match stream.pages.next_page().await {
            Ok(Some(page)) => page,
            Ok(None) => break,
            Err(e) => {
                stream.failed(e.into())?;
                break;
            }
        };
        written += write_page(stream, &page, sink)?;
        // Every page reaches the reader before the next is waited for (DESIGN: flushed at
        // least once per page).
        sink.ready().await?;
        if stream.pages.at_tail() || !sink.wants_more() {
            break;
        }
        if past(deadline) {
            return Ok((written, true));
        }
    }
    Ok((written, false))
}

fn write_page(stream: &Stream, page: &Page, sink: &mut dyn Sink) -> Result<u64, Error> {
    sink.response(page.raw_body())?;
    let start = stream.pages.last_page_start();
    let mut written = 0;
    for (index, entry) in page.entries().enumerate() {
        if stream.keep == Keep::All || is_execution_error(&entry.fields()) {
            sink.entry(entry, stream.label.as_deref(), Some((start, index)))?;
            written += 1;
        }
    }
    sink.batch_end()?;
    Ok(written)
}
