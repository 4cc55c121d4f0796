//! `oos-logs status`: an execution at a glance. Its template, status and message, times,
//! counters, outputs, and its tasks (loop items and the child executions they started
//! counted, failed ones first); `--recursive` nests the children; `-o json` is
//! `{"Execution": {...}, "Tasks": [...], "Children": [...]}` with the API's fields as sent.
//!
//! It must not fetch logs, and it formats tasks through the table renderer.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write as _};

use jiff::tz::TimeZone;

use super::{Connection, safe};
use crate::api::{Execution, ListExecutionLogs, ListTaskExecutions, TaskExecution};
use crate::cli::{StatusArgs, StatusFormat};
use crate::client::Client;
use crate::error::Error;
use crate::follow;
use crate::pagination::{Extent, Pages, Resume};
use crate::render::rows::{duration_between, task_row, time_text};
use crate::render::{self, JsonDocument, Paint, Palette, RenderOptions, TASK_SCHEMA};
use crate::report::{ERROR_LINES, Report};

/// Runs `status`.
pub(crate) async fn run(conn: &Connection, args: &StatusArgs) -> Result<(), Error> {
    if args.execution_id.trim().is_empty() {
        return Err(Error::Usage("the execution id is empty".to_owned()));
    }
    let client = &conn.client;
    let format = args.output.unwrap_or(StatusFormat::Table);
    // The CI formats show the failed tasks' last log lines.
    let with_lines = matches!(format, StatusFormat::Markdown | StatusFormat::Junit);
    let report = super::until_stopped(async {
        let root = oos_api::lookup::lookup(client, &args.execution_id).await?;
        if args.recursive {
            gather_tree(client, root, with_lines).await
        } else {
            gather_one(client, root, with_lines).await
        }
    })
    .await?;
    // The table on a terminal goes through the pager; the process waits for it to exit.
    if let Some(pager) = crate::pager::for_run(format == StatusFormat::Table, args.no_pager, false)
    {
        let zone = args.local.then(TimeZone::system);
        let mut text = Vec::with_capacity(64 * 1024);
        write_report(&mut text, &report, conn, zone.as_ref(), &[])?;
        let mut output = crate::output::Output::paged(pager);
        output.writer().write_all(&text)?;
        output.commit(1)?;
        output.close(std::time::Duration::from_secs(1))?;
        if args.exit_status {
            return follow::outcome(&report.execution, None);
        }
        return Ok(());
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    match format {
        StatusFormat::Markdown => render::markdown::status(&mut out, &report)?,
        StatusFormat::Junit => render::junit::status(&mut out, &report)?,
        StatusFormat::Json => {
            let mut text = String::new();
            json_document(&report, args.recursive, &mut text);
            out.write_all(render::pretty_json(&text).as_bytes())?;
            out.write_all(b"\n")?;
        }
        StatusFormat::Table => {
            let zone = args.local.then(TimeZone::system);
            write_report(&mut out, &report, conn, zone.as_ref(), &[])?;
        }
    }
    out.flush()?;
    drop(out);
    if args.exit_status {
        return follow::outcome(&report.execution, None);
    }
    Ok(())
}

/// Every task of an execution, loop items included, in the order they ran.
async fn tasks_of(client: &Client, execution_id: &str) -> Result<Vec<TaskExecution>, Error> {
    let query = ListTaskExecutions {
        execution_id: execution_id.to_owned(),
        status: None,
        include_loop_items: true,
    };
    Ok(crate::pagination::all_records(client, query)
        .await?
        .into_iter()
        .map(TaskExecution::new)
        .collect())
}

/// One execution's report: its tasks, and its failed tasks' last lines when asked.
async fn gather_one(
    client: &Client,
    execution: Execution,
    with_lines: bool,
) -> Result<Report, Error> {
    let id = execution.id();
    let tasks = tasks_of(client, &id).await?;
    let mut report = Report {
        execution,
        tasks,
        failed_lines: std::collections::HashMap::new(),
        children: Vec::new(),
        other_parents: Vec::new(),
    };
    if with_lines {
        let failed: Vec<String> = report.failed_tasks().map(TaskExecution::id).collect();
        for task in failed {
            let lines = last_lines(client, &id, &task).await?;
            report.failed_lines.insert(task, lines);
        }
    }
    Ok(report)
}

/// The last `ERROR_LINES` Error entries of a task as plain lines, or its last entries when
/// it has no Error entry.
async fn last_lines(
    client: &Client,
    execution_id: &str,
    task_id: &str,
) -> Result<Vec<String>, Error> {
    let query = ListExecutionLogs {
        execution_id: execution_id.to_owned(),
        task_execution_id: Some(task_id.to_owned()),
        log_type: None,
    };
    let mut pages = Pages::new(client.clone(), query, None, Extent::All, Resume::default());
    let mut errors = std::collections::VecDeque::with_capacity(ERROR_LINES);
    let mut any = std::collections::VecDeque::with_capacity(ERROR_LINES);
    while let Some(page) = pages.next_page().await? {
        for entry in page.entries() {
            let fields = entry.fields();
            let line = format!(
                "{} {} {}",
                fields.timestamp.as_deref().unwrap_or("-"),
                fields.log_type.as_deref().map_or("-", str::trim),
                fields.message.as_deref().unwrap_or("")
            );
            let is_error =
                render::Level::of_log_type(fields.log_type.as_deref()) == render::Level::Error;
            for (ring, keep) in [(&mut errors, is_error), (&mut any, true)] {
                if keep {
                    if ring.len() == ERROR_LINES {
                        ring.pop_front();
                    }
                    ring.push_back(line.clone());
                }
            }
        }
    }
    Ok(if errors.is_empty() { any } else { errors }.into())
}

/// The execution, its tasks, and every execution below it (depth cap and cycles refused).
async fn gather_tree(client: &Client, root: Execution, with_lines: bool) -> Result<Report, Error> {
    // Walk first (names cycles and depth), then read each execution's tasks.
    let nodes = crate::tree::walk(client, &root.id()).await?;
    // Each execution read concurrently (the client caps requests in flight).
    let reads = nodes.iter().map(|node| {
        let root = &root;
        async move {
            let execution = if node.depth == 0 {
                root.clone()
            } else {
                oos_api::lookup::lookup(client, &node.id).await?
            };
            let mut report = gather_one(client, execution, with_lines).await?;
            report.other_parents.clone_from(&node.other_parents);
            Ok::<_, Error>((node.depth, report))
        }
    });
    let reports = futures_util::future::join_all(reads)
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    // Nodes come parents first, depth first: a node closes every open one as deep or deeper,
    // each becoming a child of the one below it on the stack.
    let mut open: Vec<(usize, Report)> = Vec::new();
    for (depth, report) in reports {
        close_to(&mut open, depth);
        open.push((depth, report));
    }
    close_to(&mut open, 1);
    Ok(open.pop().expect("the root").1)
}

/// Pops the open reports at `depth` or deeper into their parents.
fn close_to(open: &mut Vec<(usize, Report)>, depth: usize) {
    while open.len() > 1 && open.last().is_some_and(|(d, _)| *d >= depth) {
        let (_, done) = open.pop().expect("checked");
        open.last_mut().expect("a parent").1.children.push(done);
    }
}

fn json_document(report: &Report, recursive: bool, out: &mut String) {
    out.push_str("{\"Execution\":");
    out.push_str(report.execution.json());
    out.push_str(",\"Tasks\":[");
    for (i, task) in report.tasks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(task.json());
    }
    out.push(']');
    if recursive {
        out.push_str(",\"Children\":[");
        for (i, child) in report.children.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_document(child, recursive, out);
        }
        out.push(']');
    }
    out.push('}');
}

/// The header block and the task table of one execution, then its children's.
fn write_report(
    out: &mut impl io::Write,
    report: &Report,
    conn: &Connection,
    zone: Option<&TimeZone>,
    parents: &[String],
) -> Result<(), Error> {
    let palette = Palette {
        enabled: conn.settings.color,
    };
    let e = &report.execution;
    let text = |name: &str| e.text(name).unwrap_or_else(|| "-".to_owned());
    let mut head = String::new();
    if let Some(parent) = parents.last() {
        let _ = write!(head, "\n── child of {}", safe(parent));
        if !report.other_parents.is_empty() {
            let others: Vec<_> = report.other_parents.iter().map(|p| safe(p)).collect();
            let _ = write!(head, " (also listed by {}; shown once)", others.join(", "));
        }
        head.push('\n');
    }
    let field = |head: &mut String, name: &str, value: &str| {
        let _ = writeln!(head, "{name:<10} {value}");
    };
    field(&mut head, "Execution", &safe(&e.id()));
    let template = match e.text("TemplateVersion") {
        Some(v) => format!("{} ({v})", text("TemplateName")),
        None => text("TemplateName"),
    };
    field(&mut head, "Template", &safe(&template));
    let status = e.status_text();
    let painted = palette
        .paint(Paint::Status, &status, &safe(&status))
        .into_owned();
    let status_line = match e.status_message() {
        Some(m) => format!("{painted}: {}", safe(&m)),
        None => painted,
    };
    field(&mut head, "Status", &status_line);
    let start = e.text("StartDate");
    let end = e.text("EndDate");
    let shown = |t: Option<String>| {
        time_text(t.map(std::borrow::Cow::Owned), zone)
            .map(|c| safe(&c).into_owned())
            .unwrap_or_else(|| "-".to_owned())
    };
    field(&mut head, "Started", &shown(start.clone()));
    let duration =
        duration_between(start.as_deref(), end.as_deref(), &status).unwrap_or_else(|| "-".into());
    match &end {
        Some(_) => field(
            &mut head,
            "Ended",
            &format!("{} ({duration})", shown(end.clone())),
        ),
        None if e.status().is_final() => field(&mut head, "Ended", "unknown (no EndDate)"),
        None => field(&mut head, "Running", &format!("for {duration}")),
    }
    field(
        &mut head,
        "By",
        &safe(&format!("{} · mode {}", text("ExecutedBy"), text("Mode"))),
    );
    if let Some(counters) = e.fields().get("Counters").and_then(|c| c.as_object())
        && !counters.is_empty()
    {
        let list: Vec<String> = counters.iter().map(|(k, v)| format!("{k} {v}")).collect();
        field(&mut head, "Counters", &safe(&list.join(" · ")));
    }
    write_outputs(&mut head, e);
    let _ = writeln!(
        head,
        "Tasks      {}",
        report.tasks.iter().filter(|t| !t.is_loop_item()).count()
    );
    out.write_all(head.as_bytes())?;
    write_tasks(out, report, conn, zone)?;
    let mut path = parents.to_vec();
    path.push(e.id());
    for child in &report.children {
        write_report(out, child, conn, zone, &path)?;
    }
    Ok(())
}

/// `Outputs` is a JSON-encoded string: shown parsed, one key a line.
fn write_outputs(head: &mut String, e: &Execution) {
    let Some(raw) = e.text("Outputs") else {
        return;
    };
    let parsed: Option<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&raw).ok();
    match parsed {
        Some(map) if map.is_empty() => {}
        Some(map) => {
            for (i, (k, v)) in map.iter().enumerate() {
                let value = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                let label = if i == 0 { "Outputs" } else { "" };
                let _ = writeln!(head, "{label:<10} {}: {}", safe(k), safe(&value));
            }
        }
        None => {
            let _ = writeln!(head, "{:<10} {}", "Outputs", safe(&raw));
        }
    }
}

/// The task table: tasks (not loop items) with their loop counts and child execution,
/// failed ones first; a failed loop item under its task.
fn write_tasks(
    out: &mut impl io::Write,
    report: &Report,
    conn: &Connection,
    zone: Option<&TimeZone>,
) -> Result<(), Error> {
    if report.tasks.is_empty() {
        return Ok(());
    }
    let mut renderer = render::renderer(
        crate::cli::OutputFormat::Table,
        &mut *out,
        TASK_SCHEMA,
        RenderOptions {
            palette: Palette {
                enabled: conn.settings.color,
            },
            width: conn.settings.width,
            document: JsonDocument::Gathered,
            labelled: false,
        },
    );
    let mut shown = HashSet::new();
    for task in report.top_tasks_failed_first() {
        if !shown.insert(task.id()) {
            continue;
        }
        let items = report.loop_items(task);
        let mut details = Vec::new();
        if !items.is_empty() {
            let failed = items.iter().filter(|t| t.status() == "Failed").count();
            details.push(format!("loop: {} items, {failed} failed", items.len()));
        }
        let child = task.child_execution_id();
        if let Some(child) = &child {
            details.push(format!("child execution {child}"));
        }
        // A message that only repeats the child's id adds nothing.
        if let Some(message) = task.text("StatusMessage")
            && child.as_ref().is_none_or(|c| !message.contains(c.as_str()))
        {
            details.push(message);
        }
        renderer.row(&task_row(task, task.name(), details.join("\n"), zone))?;
        for item in items.iter().filter(|t| t.status() == "Failed") {
            let name = format!("↳ {}", item.text("LoopItem").unwrap_or_else(|| item.id()));
            let details = item.text("StatusMessage").unwrap_or_default();
            renderer.row(&task_row(item, name, details, zone))?;
        }
    }
    renderer.finish()?;
    Ok(())
}
