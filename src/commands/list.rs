//! `oos-logs list`: an execution's logs, one page or all, filtered, merged with its children's
//! (`--recursive`), only its failed tasks' (`--failed`), or followed to its outcome
//! (`--follow`).
//!
//! Owns the run: which streams to read, the sink that filters, keeps the `--tail` ring and
//! counts what reached the renderer, the follow loop with its stderr status line, and the
//! notes (resume point, more pages, nothing found). It must not fetch pages itself (the pager
//! and the merge do) or format records (the renderers do).

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, IsTerminal as _, Write as _};
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;

use super::{Connection, note, safe, until_stopped, warn};
use crate::api::{ExecutionStatus, ListExecutionLogs, ListTaskExecutions, LogEntry, TaskExecution};
use crate::cli::{ListOptions, OutputFormat};
use crate::client::Client;
use crate::error::{Error, resume_flags};
use crate::filter::EntryFilter;
use crate::follow::{self, Interval};
use crate::merge::{Keep, Merge, Sink, Stream};
use crate::output::Output;
use crate::pagination::{Extent, Pages, Resume};
use crate::progress::Progress;
use crate::render::rows::{LogRowOptions, log_row, log_text_row};
use crate::render::{
    self, JsonDocument, LOG_SCHEMA, Palette, Render, RenderOptions, TableRenderer,
};

/// Runs `list`.
pub(crate) async fn run(
    conn: &Connection,
    execution_id: &str,
    options: &ListOptions,
) -> Result<(), Error> {
    if execution_id.trim().is_empty() {
        return Err(Error::Usage("the execution id is empty".to_owned()));
    }
    let filter = EntryFilter::new(
        options.since,
        options.until,
        options.grep.as_deref(),
        options.ignore_case,
    )?;
    let plan = Plan::new(options, &filter);
    let settings = &conn.settings;
    let table = settings.output == OutputFormat::Table;
    // A table on a terminal goes through the pager (it starts with the first bytes).
    let output = match crate::pager::for_run(table, options.no_pager, options.follow) {
        Some(pager) => Output::paged(pager),
        None => Output::stdout(),
    };
    // Nowhere to print (stdout closed): say so before asking the service for anything.
    output.check()?;
    let render_options = RenderOptions {
        palette: Palette {
            enabled: settings.color,
        },
        width: settings.width,
        document: plan.document,
        labelled: options.recursive,
    };
    let renderer: Box<dyn Render> = if table && options.no_headers {
        Box::new(TableRenderer::new(output.writer(), LOG_SCHEMA, render_options).without_header())
    } else {
        render::renderer(settings.output, output.writer(), LOG_SCHEMA, render_options)
    };
    let progress = Progress::new(
        crate::progress::wanted(options.follow, settings.verbose),
        "entries",
    );
    let mut sink = ListSink {
        renderer,
        output,
        ledger: Ledger::default(),
        filter,
        rows: LogRowOptions {
            local: options.local.then(TimeZone::system),
        },
        printed: 0,
        ring: options.tail.map(Ring::new),
        limit: plan.sink_limit,
        status_line: StatusLine::new(options.follow && io::stderr().is_terminal()),
        seen_execution: false,
        progress: progress.clone(),
        received: 0,
    };
    // The client tells the progress line of pages and of waits before retries.
    let observed;
    let client = if progress.is_enabled() {
        observed = conn.client.clone().with_observer(progress.observer());
        &observed
    } else {
        &conn.client
    };

    if options.failed && options.follow {
        // Wait for the end, printing nothing, then show why it failed.
        wait_for_end(client, execution_id, options, &mut sink.status_line).await?;
    }
    let mut merge = Merge::new();
    let mut statuses = HashMap::new();
    if options.failed {
        add_failed_streams(client, execution_id, options, &plan, &mut merge).await?;
    } else if options.recursive {
        for node in until_stopped(crate::tree::walk(client, execution_id)).await? {
            let stream = log_stream(
                client,
                &node.id,
                Some(node.id.clone()),
                options,
                &plan,
                Resume::default(),
            );
            merge.push(if node.depth > 0 {
                stream.may_vanish()
            } else {
                stream
            });
        }
    } else {
        let start = Resume {
            token: options.next_token.clone(),
            skip: options.skip.unwrap_or(0),
        };
        merge.push(log_stream(
            client,
            execution_id,
            None,
            options,
            &plan,
            start,
        ));
    }

    let result = if options.follow && !options.failed {
        follow_loop(
            client,
            execution_id,
            options,
            &plan,
            &mut merge,
            &mut sink,
            &mut statuses,
        )
        .await
    } else {
        read_once(&mut merge, &mut sink).await.map(|()| None)
    };
    // Resume points are exact for one stream read in order (not a merge, not the --tail ring).
    let single = !options.recursive && !options.failed && options.tail.is_none();
    let start = Resume {
        token: options.next_token.clone(),
        skip: options.skip.unwrap_or(0),
    };
    let pager_resume = merge.streams().first().and_then(Stream::resume);
    let final_status = match result {
        Ok(status) => status,
        Err(cause) => return Err(sink.fail(cause, single, &start, pager_resume, &plan)),
    };
    // The rest: the --tail ring, the end of the document; then wait for the reader to take
    // it all (a signal still ends the wait with an exact count).
    let ended = async {
        sink.flush_ring()?;
        sink.renderer.finish()?;
        sink.commit()?;
        sink.output.drained().await.map_err(Error::Io)
    };
    let drained = tokio::select! {
        done = ended => done,
        stop = crate::signals::stopped() => Err(stop),
    };
    if let Err(cause) = drained {
        return Err(sink.fail(cause, single, &start, pager_resume, &plan));
    }
    sink.status_line.clear();
    sink.progress.clear();
    // The notes below are for after the pager: wait for the user to quit it.
    sink.output.end_pager();
    if sink.printed == 0 && matches!(settings.output, OutputFormat::Table | OutputFormat::Plain) {
        note("no log entries");
    }
    if plan.extent == Extent::OnePage
        && let Some(resume) = pager_resume
    {
        note(&format!(
            "more entries: add {} (or --all for every page)",
            resume_flags(&resume)
        ));
    }
    if options.failed {
        return failed_outcome(client, execution_id, options).await;
    }
    if let Some(execution) = final_status {
        return follow::outcome(&execution, None);
    }
    if options.exit_status {
        let execution = oos_api::lookup::lookup(client, execution_id).await?;
        return follow::outcome(&execution, None);
    }
    Ok(())
}

/// What the options make of the run.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// How far each stream's pager goes.
    extent: Extent,
    /// `--limit` counted by the sink (when filters or several streams make the pager's count
    /// differ from what is printed).
    sink_limit: Option<u64>,
    /// `json`: the response object of one page, or a gathered document.
    document: JsonDocument,
}

impl Plan {
    fn new(options: &ListOptions, filter: &EntryFilter) -> Self {
        let several = options.recursive || options.failed;
        let pager_limit = options.limit.filter(|_| filter.is_empty() && !several);
        let extent = if options.follow && !options.failed {
            Extent::Follow
        } else if let Some(n) = pager_limit {
            Extent::Limit(n)
        } else if options.all || options.tail.is_some() || several || options.limit.is_some() {
            Extent::All
        } else {
            Extent::OnePage
        };
        let document =
            if extent == Extent::OnePage && filter.is_empty() && options.skip.unwrap_or(0) == 0 {
                JsonDocument::Response
            } else {
                JsonDocument::Gathered
            };
        Self {
            extent,
            sink_limit: options.limit.filter(|_| pager_limit.is_none()),
            document,
        }
    }
}

fn log_stream(
    client: &Client,
    execution_id: &str,
    label: Option<String>,
    options: &ListOptions,
    plan: &Plan,
    start: Resume,
) -> Stream {
    let query = ListExecutionLogs {
        execution_id: execution_id.to_owned(),
        task_execution_id: options.task.clone(),
        log_type: options.log_type.clone(),
    };
    let pages = Pages::new(
        client.clone(),
        query,
        options.max_results,
        plan.extent,
        start,
    );
    Stream::new(execution_id.to_owned(), label, pages, Keep::All)
}

/// `--failed`: for the execution (and with `--recursive` each one below it), one stream per
/// failed task (loop items included) and one of the Error entries of no task.
async fn add_failed_streams(
    client: &Client,
    execution_id: &str,
    options: &ListOptions,
    plan: &Plan,
    merge: &mut Merge,
) -> Result<(), Error> {
    let execution = oos_api::lookup::lookup(client, execution_id).await?;
    if let Some(message) = execution.status_message() {
        note(&format!(
            "{} {}: {}",
            safe(execution_id),
            safe(&execution.status_text()),
            safe(&message)
        ));
    }
    let executions: Vec<String> = if options.recursive {
        until_stopped(crate::tree::walk(client, execution_id))
            .await?
            .into_iter()
            .map(|n| n.id)
            .collect()
    } else {
        vec![execution_id.to_owned()]
    };
    let mut failed_tasks = 0;
    for id in &executions {
        let label = options.recursive.then(|| id.clone());
        let tasks = failed_tasks_of(client, id).await?;
        failed_tasks += tasks.len();
        for task in tasks {
            let query = ListExecutionLogs {
                execution_id: id.clone(),
                task_execution_id: Some(task.id()),
                log_type: options.log_type.clone(),
            };
            let pages = Pages::new(
                client.clone(),
                query,
                options.max_results,
                plan.extent,
                Resume::default(),
            );
            merge.push(Stream::new(id.clone(), label.clone(), pages, Keep::All));
        }
        let errors = ListExecutionLogs {
            execution_id: id.clone(),
            task_execution_id: None,
            log_type: Some("Error".to_owned()),
        };
        let pages = Pages::new(
            client.clone(),
            errors,
            options.max_results,
            plan.extent,
            Resume::default(),
        );
        merge.push(Stream::new(id.clone(), label, pages, Keep::ExecutionErrors));
    }
    if failed_tasks == 0 {
        note(&format!(
            "no failed task in {} (status {}){}",
            safe(execution_id),
            safe(&execution.status_text()),
            if options.recursive {
                " or below it"
            } else {
                ""
            }
        ));
    }
    Ok(())
}

/// The failed tasks of one execution, loop items included; a loop task whose failed items
/// are listed is kept too (its own entries say how many items failed).
async fn failed_tasks_of(client: &Client, execution_id: &str) -> Result<Vec<TaskExecution>, Error> {
    let query = ListTaskExecutions {
        execution_id: execution_id.to_owned(),
        status: Some("Failed".to_owned()),
        include_loop_items: true,
    };
    let mut seen = HashSet::new();
    Ok(crate::pagination::all_records(client, query)
        .await?
        .into_iter()
        .map(TaskExecution::new)
        .filter(|task| !task.id().is_empty() && seen.insert(task.id()))
        .collect())
}

/// After `--failed`: the execution's outcome is the exit code with `--follow` or
/// `--exit-status`; else success.
async fn failed_outcome(
    client: &Client,
    execution_id: &str,
    options: &ListOptions,
) -> Result<(), Error> {
    if options.follow || options.exit_status {
        let execution = oos_api::lookup::lookup(client, execution_id).await?;
        return follow::outcome(&execution, None);
    }
    Ok(())
}

/// Reads every stream once, or until Ctrl-C.
async fn read_once(merge: &mut Merge, sink: &mut ListSink<'_>) -> Result<(), Error> {
    tokio::select! {
        done = merge.cycle(sink) => done.map(|_| ()),
        stop = crate::signals::stopped() => Err(stop),
    }?;
    show_warnings(merge, sink);
    Ok(())
}

fn show_warnings(merge: &mut Merge, sink: &mut ListSink<'_>) {
    if let Some(w) = sink.filter.take_warning() {
        sink.status_line.clear();
        warn(&w);
    }
    for stream in merge.streams_mut() {
        while let Some(w) = stream.take_warning() {
            sink.status_line.clear();
            warn(&format!("{}: {w}", safe(&stream.execution_id)));
        }
    }
}

/// `--failed --follow`: polls the status until it is final (or the wait times out).
async fn wait_for_end(
    client: &Client,
    execution_id: &str,
    options: &ListOptions,
    status_line: &mut StatusLine,
) -> Result<(), Error> {
    let started = Instant::now();
    let mut interval = Interval::new(options.interval);
    let mut notes = StatusNotes::default();
    loop {
        let execution = match oos_api::lookup::lookup(client, execution_id).await {
            Ok(e) => e,
            Err(e) if e.is_transient() => {
                warn(&format!("{e}; trying again"));
                sleep_or_interrupt(interval.next(false), started, options.wait_timeout).await?;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        notes.observe(&execution, status_line);
        status_line.show(&execution, started);
        if execution.status().is_final() {
            status_line.clear();
            return Ok(());
        }
        if let Err(e) =
            sleep_or_interrupt(interval.next(false), started, options.wait_timeout).await
        {
            status_line.clear();
            return Err(match e {
                Error::NotEnded { waited, .. } => Error::NotEnded {
                    execution: execution.id(),
                    status: execution.status_text(),
                    waited,
                },
                other => other,
            });
        }
    }
}

/// Sleeps `wait` (cut short by `--wait-timeout`); `NotEnded` once the wait is over, and
/// `Interrupted` or `Terminated` on SIGINT or SIGTERM.
async fn sleep_or_interrupt(
    wait: Duration,
    started: Instant,
    wait_timeout: Option<Duration>,
) -> Result<(), Error> {
    let wait = match wait_timeout {
        Some(limit) => {
            let left = limit.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(Error::NotEnded {
                    execution: String::new(),
                    status: String::new(),
                    waited: Some(limit),
                });
            }
            wait.min(left)
        }
        None => wait,
    };
    tokio::select! {
        () = tokio::time::sleep(wait) => Ok(()),
        stop = crate::signals::stopped() => Err(stop),
        // Nobody reads the output any more (`| head -1`): stop as a write would have.
        () = crate::output::reader_gone() => Err(Error::Io(io::ErrorKind::BrokenPipe.into())),
    }
}

/// Notes said once per run: Waiting (and what for), a status this client does not know.
#[derive(Debug, Default)]
struct StatusNotes {
    waiting_noted: bool,
    unknown_warned: HashSet<String>,
}

impl StatusNotes {
    fn observe(&mut self, execution: &crate::api::Execution, status_line: &mut StatusLine) {
        match execution.status() {
            ExecutionStatus::Waiting if !self.waiting_noted => {
                self.waiting_noted = true;
                status_line.clear();
                note(&format!(
                    "{} is Waiting: {}",
                    safe(&execution.id()),
                    safe(
                        &execution
                            .text("WaitingStatus")
                            .or_else(|| execution.status_message())
                            .unwrap_or_else(|| "an approval or a timer".to_owned())
                    )
                ));
            }
            ExecutionStatus::Unknown(status) if self.unknown_warned.insert(status.clone()) => {
                status_line.clear();
                warn(&format!(
                    "{} has the status {:?}, which oos-logs does not know: taken as not ended",
                    safe(&execution.id()),
                    safe(&status)
                ));
            }
            _ => {}
        }
    }
}

/// `--follow`: prints what exists, then polls until the execution ends; returns the final
/// execution.
async fn follow_loop(
    client: &Client,
    execution_id: &str,
    options: &ListOptions,
    plan: &Plan,
    merge: &mut Merge,
    sink: &mut ListSink<'_>,
    statuses: &mut HashMap<String, bool>,
) -> Result<Option<crate::api::Execution>, Error> {
    let started = Instant::now();
    let mut interval = Interval::new(options.interval);
    let mut notes = StatusNotes::default();
    let mut failing = false;
    let mut last_seen: Option<crate::api::Execution> = None;
    loop {
        let polled = poll_once(client, execution_id, options, plan, merge, sink, statuses).await;
        let (execution, written) = match polled {
            Ok(found) => {
                if failing {
                    failing = false;
                    sink.status_line.clear();
                    note("the service answers again; following on");
                }
                found
            }
            Err(e) if e.is_transient() => {
                if !failing {
                    failing = true;
                    sink.status_line.clear();
                    warn(&format!(
                        "{}; retrying while following (Ctrl-C to stop)",
                        safe(&e.to_string())
                    ));
                }
                if let Err(stop) =
                    sleep_or_interrupt(interval.next(false), started, options.wait_timeout).await
                {
                    return Err(not_ended(stop, last_seen.as_ref(), execution_id));
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        sink.flush_ring()?;
        show_warnings(merge, sink);
        notes.observe(&execution, &mut sink.status_line);
        let read_all = !merge.was_cut_short();
        if execution.status().is_final() && read_all {
            // The status was read before the last drain: every entry is printed.
            return Ok(Some(execution));
        }
        sink.status_line.show(&execution, started);
        // Pages still to read: the next poll comes at once (its status read on schedule).
        let wait = if read_all {
            interval.next(written > 0)
        } else {
            Duration::ZERO
        };
        last_seen = Some(execution);
        if let Err(stop) = sleep_or_interrupt(wait, started, options.wait_timeout).await {
            return Err(not_ended(stop, last_seen.as_ref(), execution_id));
        }
    }
}

fn not_ended(stop: Error, last: Option<&crate::api::Execution>, execution_id: &str) -> Error {
    match stop {
        Error::NotEnded { waited, .. } => Error::NotEnded {
            execution: execution_id.to_owned(),
            status: last.map_or_else(
                || "not ended".to_owned(),
                crate::api::Execution::status_text,
            ),
            waited,
        },
        other => other,
    }
}

/// One poll: the status first, then new children (`--recursive`), then every stream's new
/// entries. Ctrl-C ends it.
async fn poll_once(
    client: &Client,
    execution_id: &str,
    options: &ListOptions,
    plan: &Plan,
    merge: &mut Merge,
    sink: &mut ListSink<'_>,
    statuses: &mut HashMap<String, bool>,
) -> Result<(crate::api::Execution, u64), Error> {
    let work = async {
        let execution = match oos_api::lookup::lookup(client, execution_id).await {
            // It was there at the start (the first poll found it, or printing began).
            Err(oos_api::Error::ExecutionNotFound(id)) if sink.seen_execution => {
                return Err(oos_api::Error::ExecutionGone(id).into());
            }
            other => other?,
        };
        sink.seen_execution = true;
        if options.recursive {
            add_new_children(client, execution_id, options, plan, merge, statuses).await?;
        }
        // The status is read again on schedule, however many pages there are to read.
        merge.set_deadline(Some(Instant::now() + STATUS_EVERY));
        let written = merge.cycle(sink).await?;
        Ok::<_, Error>((execution, written))
    };
    tokio::select! {
        done = work => done,
        stop = crate::signals::stopped() => Err(stop),
    }
}

/// The longest a follow reads pages before it reads the status again.
const STATUS_EVERY: Duration = follow::MAX_INTERVAL;

/// `--recursive --follow`: children that appeared since the last poll get a stream (one that
/// may vanish). The graph is walked as `tree` walks it; executions known to have ended are not
/// asked for their children again.
async fn add_new_children(
    client: &Client,
    root: &str,
    options: &ListOptions,
    plan: &Plan,
    merge: &mut Merge,
    ended: &mut HashMap<String, bool>,
) -> Result<(), Error> {
    let known_ended = |node: &crate::tree::Node| {
        ended.get(&node.id).copied().unwrap_or(false) && merge.contains(&node.id)
    };
    let nodes = crate::tree::walk_where(client, root, |node| !known_ended(node)).await?;
    for node in nodes.into_iter().filter(|n| n.depth > 0) {
        ended.insert(node.id.clone(), node.ended);
        if !merge.contains(&node.id) {
            let stream = log_stream(
                client,
                &node.id,
                Some(node.id.clone()),
                options,
                plan,
                Resume::default(),
            );
            merge.push(stream.may_vanish());
        }
    }
    Ok(())
}

/// `--tail N`: the last N entries kept, printed when the read is over.
#[derive(Debug)]
struct Ring {
    capacity: usize,
    /// The entries' JSON texts (as checked by the parser), and their labels.
    entries: VecDeque<(Box<str>, Option<String>)>,
    /// False once printed (while following, later entries print straight away).
    collecting: bool,
}

impl Ring {
    fn new(capacity: u64) -> Self {
        let capacity = usize::try_from(capacity).unwrap_or(usize::MAX);
        Self {
            capacity,
            entries: VecDeque::with_capacity(capacity.min(1024)),
            collecting: true,
        }
    }

    fn push(&mut self, entry: LogEntry<'_>, label: Option<&str>) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries
            .push_back((entry.json().into(), label.map(str::to_owned)));
    }
}

/// Where `list` writes entries: filters, the `--tail` ring, `--limit` over merged streams,
/// the count of what reached the renderer.
struct ListSink<'w> {
    renderer: Box<dyn Render + 'w>,
    /// Standard output, and what reached it.
    output: Output,
    /// Where each printed entry stands, until it is known to be written.
    ledger: Ledger,
    filter: EntryFilter,
    rows: LogRowOptions,
    printed: u64,
    ring: Option<Ring>,
    limit: Option<u64>,
    status_line: StatusLine,
    /// Following: the execution was found once (so not finding it later means it is gone).
    seen_execution: bool,
    /// The progress line on stderr (stdout not a terminal).
    progress: Progress,
    /// Entries received from the streams (before filters, the ring and --limit).
    received: u64,
}

impl ListSink<'_> {
    fn write(&mut self, entry: LogEntry<'_>, label: Option<&str>) -> Result<(), Error> {
        self.status_line.clear();
        if self.renderer.needs_cells() {
            self.renderer.row(&log_row(entry, label, &self.rows))?;
        } else {
            self.renderer.row(&log_text_row(entry, label))?;
        }
        self.printed += 1;
        self.commit()
    }

    /// Hands the rows the renderer has written to the output thread.
    fn commit(&mut self) -> Result<(), Error> {
        let emitted = self.printed - self.renderer.held();
        let new = emitted.saturating_sub(self.output.committed());
        self.output.commit(new)?;
        Ok(())
    }

    /// Ends a failed or interrupted run: closes the output as far as the reader allows (the
    /// JSON document, the table's last line), waits a moment for what is on its way, and
    /// reports exactly what reached stdout and where to resume.
    fn fail(
        &mut self,
        cause: Error,
        single: bool,
        start: &Resume,
        pager: Option<Resume>,
        plan: &Plan,
    ) -> Error {
        self.status_line.clear();
        self.progress.clear();
        if !cause.is_broken_pipe() {
            let _ = self.renderer.finish();
            let _ = self.commit();
        }
        let output = std::mem::replace(&mut self.output, Output::new(io::sink()));
        let written = match output.close(super::SIGNAL_PATIENCE) {
            Ok(n) => n,
            // The reader went away: exit 0 silently, as for a broken pipe anywhere.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Error::Io(e),
            Err(e) if cause.is_broken_pipe() => return Error::Io(e),
            Err(e) => return Error::Io(e),
        };
        if matches!(cause, Error::Ended { .. } | Error::NotEnded { .. }) {
            return cause;
        }
        // Everything counted reached stdout: resume where the pager stands (a page token,
        // entries filtered out after the last printed one are skipped again anyway); else
        // just after the last entry written.
        let resume = if !single {
            None
        } else if written == self.printed && pager.is_some() {
            pager
        } else {
            self.ledger.resume_after(written, start)
        };
        // A resume note helps after entries were printed, or when trying again may work from
        // a point already reached; not for an error that would happen again from the start
        // (an unknown execution, a refused request).
        let moved = resume.as_ref().is_some_and(|r| r != start);
        if written == 0 && (plan.extent == Extent::OnePage || !(cause.is_transient() || moved)) {
            return cause;
        }
        Error::Incomplete {
            cause: Box::new(cause),
            printed: written,
            resume,
        }
    }

    /// Prints the `--tail` ring (once).
    fn flush_ring(&mut self) -> Result<(), Error> {
        let Some(ring) = self.ring.as_mut() else {
            return Ok(());
        };
        if !ring.collecting {
            return Ok(());
        }
        ring.collecting = false;
        let entries = std::mem::take(&mut ring.entries);
        for (json, label) in &entries {
            self.write(LogEntry::from_checked(json), label.as_deref())?;
        }
        self.renderer.flush()?;
        self.commit()
    }
}

/// Where printed entries stand in their stream, by page, so that the count of entries
/// written maps to an exact resume point.
#[derive(Debug, Default)]
struct Ledger {
    /// Pages: the position of the page's first record, the index of the first printed entry
    /// of the page in the run, and each printed entry's index in the page.
    pages: VecDeque<(Resume, u64, Vec<u32>)>,
}

impl Ledger {
    /// Printed entry number `printed` (0-based) is record `index` of the page at `page`.
    fn record(&mut self, printed: u64, page: &Resume, index: usize) {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        match self.pages.back_mut() {
            Some((start, _, indexes)) if start == page => indexes.push(index),
            _ => {
                // A page's indexes in one allocation (a page rarely holds more).
                let mut indexes = Vec::with_capacity(128);
                indexes.push(index);
                self.pages.push_back((page.clone(), printed, indexes));
            }
        }
    }

    /// Drops pages whose entries were all written, keeping the last one (it may be where
    /// the run resumes).
    fn forget_before(&mut self, written: u64) {
        // Entry `written - 1` must stay findable: pop a page only when the next one starts
        // at or before it.
        while self.pages.len() > 1 && self.pages[1].1 < written {
            self.pages.pop_front();
        }
    }

    /// Where to resume after `written` entries reached the output: just after the last of
    /// them (`start` when none did); None if that entry's page is not known (no resume note
    /// rather than a wrong one).
    fn resume_after(&self, written: u64, start: &Resume) -> Option<Resume> {
        if written == 0 {
            return Some(start.clone());
        }
        let last = written - 1;
        for (page, first, indexes) in self.pages.iter().rev() {
            if *first <= last {
                let k = usize::try_from(last - first).unwrap_or(usize::MAX);
                return indexes.get(k).map(|&index| Resume {
                    token: page.token.clone(),
                    skip: page.skip + u64::from(index) + 1,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(token: &str, skip: u64) -> Resume {
        Resume {
            token: Some(token.to_owned()),
            skip,
        }
    }

    #[test]
    fn the_ledger_maps_entries_written_to_resume_points() {
        let mut ledger = Ledger::default();
        let start = Resume::default();
        // Three pages of 100; on the second, only every other entry is printed (a filter).
        for i in 0..100 {
            ledger.record(i, &page("a", 0), i as usize);
        }
        for k in 0..50 {
            ledger.record(100 + k, &page("b", 0), 2 * k as usize);
        }
        for i in 0..100 {
            ledger.record(150 + i, &page("c", 5), i as usize);
        }
        assert_eq!(ledger.resume_after(0, &start), Some(start.clone()));
        assert_eq!(ledger.resume_after(1, &start), Some(page("a", 1)));
        assert_eq!(ledger.resume_after(100, &start), Some(page("a", 100)));
        assert_eq!(ledger.resume_after(101, &start), Some(page("b", 1)));
        assert_eq!(ledger.resume_after(150, &start), Some(page("b", 99)));
        assert_eq!(ledger.resume_after(151, &start), Some(page("c", 6)));
        // Forgetting written pages keeps the one holding the last entry written.
        ledger.forget_before(100);
        assert_eq!(ledger.resume_after(100, &start), Some(page("a", 100)));
        ledger.forget_before(150);
        assert_eq!(ledger.resume_after(150, &start), Some(page("b", 99)));
        assert_eq!(ledger.resume_after(250, &start), Some(page("c", 105)));
        assert_eq!(ledger.resume_after(1, &start), None, "forgotten: no guess");
    }
}

impl Sink for ListSink<'_> {
    fn response(&mut self, raw_body: &str) -> Result<(), Error> {
        self.renderer.response(raw_body)?;
        Ok(())
    }

    fn entry(
        &mut self,
        entry: LogEntry<'_>,
        label: Option<&str>,
        at: Option<(&Resume, usize)>,
    ) -> Result<(), Error> {
        self.received += 1;
        if self.limit.is_some_and(|n| self.printed >= n) {
            return Ok(());
        }
        if !self.filter.is_empty() && !self.filter.keep(&entry.fields()) {
            return Ok(());
        }
        if let Some(ring) = self.ring.as_mut()
            && ring.collecting
        {
            ring.push(entry, label);
            return Ok(());
        }
        if let Some((page, index)) = at {
            self.ledger.record(self.printed, page, index);
        }
        self.write(entry, label)
    }

    fn batch_end(&mut self) -> Result<(), Error> {
        self.progress.set_records(self.received);
        self.renderer.flush()?;
        self.commit()?;
        // Forget positions of entries already written.
        self.ledger.forget_before(self.output.written());
        Ok(())
    }

    fn ready(
        &mut self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Error>> + '_>> {
        Box::pin(async { self.output.ready().await.map_err(Error::Io) })
    }

    fn wants_more(&self) -> bool {
        self.limit.is_none_or(|n| self.printed < n)
    }
}

/// The one-line status on stderr while following on a terminal: status, current task,
/// elapsed. Cleared before anything else is written; never drawn on a pipe.
#[derive(Debug)]
struct StatusLine {
    enabled: bool,
    shown: bool,
}

impl StatusLine {
    fn new(enabled: bool) -> Self {
        Self {
            enabled,
            shown: false,
        }
    }

    fn show(&mut self, execution: &crate::api::Execution, started: Instant) {
        if !self.enabled {
            return;
        }
        let tasks = execution.current_tasks();
        let task = if tasks.is_empty() {
            String::new()
        } else {
            format!(" · {}", tasks.join(", "))
        };
        let elapsed = crate::render::rows::format_duration(
            i64::try_from(started.elapsed().as_secs()).unwrap_or(i64::MAX),
        );
        let text = format!(
            "{} {}{task} · following for {elapsed}",
            execution.id(),
            execution.status_text()
        );
        let text = safe(&text);
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{text}");
        let _ = err.flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}
