//! `oos-logs executions`: finds executions with `ListExecutions` (newest first, as the
//! service sorts by default), `--limit` of them (20) or `--all`, in any list format.
//!
//! It must not fetch logs or format records itself.

use jiff::tz::TimeZone;

use super::{Connection, note};
use crate::api::{Execution, ListExecutions};
use crate::cli::{ExecutionsArgs, OutputFormat};
use crate::error::Error;
use crate::output::Output;
use crate::pagination::{Extent, Pages, Resume};
use crate::progress::Progress;
use crate::render::rows::execution_row;
use crate::render::{
    self, EXECUTION_SCHEMA, JsonDocument, Palette, Render, RenderOptions, TableRenderer,
};
use crate::timespec::api_format;

/// Runs `executions`.
pub(crate) async fn run(conn: &Connection, args: &ExecutionsArgs) -> Result<(), Error> {
    let blank = |flag: &str, value: &Option<String>| match value {
        Some(v) if v.trim().is_empty() => Err(Error::Usage(format!("{flag} is empty"))),
        _ => Ok(()),
    };
    blank("--status", &args.status)?;
    blank("--template", &args.template)?;
    blank("--parent", &args.parent)?;
    let query = ListExecutions {
        execution_id: None,
        status: args.status.clone(),
        template_name: args.template.clone(),
        parent_execution_id: args.parent.clone(),
        start_date_after: args.since.map(api_format),
        start_date_before: args.until.map(api_format),
    };
    let extent = if args.all {
        Extent::All
    } else {
        Extent::Limit(args.limit)
    };
    let page_size = if args.all { Some(100) } else { None };
    let progress = Progress::new(
        crate::progress::wanted(false, conn.settings.verbose),
        "executions",
    );
    let client = if progress.is_enabled() {
        conn.client.clone().with_observer(progress.observer())
    } else {
        conn.client.clone()
    };
    let mut pages = Pages::new(client, query, page_size, extent, Resume::default());
    let settings = &conn.settings;
    // The CI formats are for logs: asked for by name, a usage error; from OOS_LOGS_OUTPUT or
    // a profile (meant for `list`), plain lines.
    let format = match (settings.output, args.output) {
        (f, Some(_)) if f.is_ci() => {
            return Err(Error::Usage(
                "-o github and -o gitlab are for `list`; executions prints table, json, jsonl or plain"
                    .to_owned(),
            ));
        }
        (f, None) if f.is_ci() => OutputFormat::Plain,
        (f, _) => f,
    };
    let table = format == OutputFormat::Table;
    // A table on a terminal goes through the pager (it starts with the first bytes).
    let mut output = match crate::pager::for_run(table, args.no_pager, false) {
        Some(pager) => Output::paged(pager),
        None => Output::stdout(),
    };
    output.check()?;
    let render_options = RenderOptions {
        palette: Palette {
            enabled: settings.color,
        },
        width: settings.width,
        document: JsonDocument::Gathered,
        labelled: false,
    };
    let mut renderer: Box<dyn Render> = if table && args.no_headers {
        Box::new(
            TableRenderer::new(output.writer(), EXECUTION_SCHEMA, render_options).without_header(),
        )
    } else {
        render::renderer(format, output.writer(), EXECUTION_SCHEMA, render_options)
    };
    let zone = args.local.then(TimeZone::system);
    let mut printed = 0u64;
    let mut read = async || -> Result<(), Error> {
        while let Some(page) = pages.next_page().await? {
            for raw in page.into_items() {
                let execution = Execution::new(raw);
                renderer.row(&execution_row(&execution, zone.as_ref()))?;
                printed += 1;
            }
            progress.set_records(printed);
            renderer.flush()?;
            output.commit(printed - renderer.held() - output.committed())?;
            output.ready().await?;
        }
        renderer.finish()?;
        output.commit(printed - output.committed())?;
        output.drained().await?;
        Ok(())
    };
    let result = tokio::select! {
        done = read() => done,
        stop = crate::signals::stopped() => Err(stop),
    };
    progress.clear();
    if let Err(cause) = result {
        // What reached stdout, exactly; the output closed as far as the reader allows.
        if !cause.is_broken_pipe() {
            let _ = renderer.finish();
            let _ = output.commit(printed.saturating_sub(output.committed()));
        }
        let written = match output.close(super::SIGNAL_PATIENCE) {
            Ok(n) => n,
            Err(e) => return Err(Error::Io(e)),
        };
        return Err(if written == 0 {
            cause
        } else {
            Error::Incomplete {
                cause: Box::new(cause),
                printed: written,
                resume: None,
            }
        });
    }
    drop(renderer);
    // The notes below are for after the pager (dropping the output waits for it).
    drop(output);
    if printed == 0 && matches!(format, OutputFormat::Table | OutputFormat::Plain) {
        note("no executions");
    }
    if !args.all && pages.resume().is_some() && printed >= args.limit {
        note(&format!(
            "more executions: raise --limit (now {}) or use --all",
            args.limit
        ));
    }
    Ok(())
}
