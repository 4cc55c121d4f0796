//! Rows from records: which fields of a log entry, an execution or a task make the table and
//! plain columns, and how times and durations read (`--local`).
//!
//! It must not escape, colour or write: the renderers do.

use std::borrow::Cow;

use jiff::tz::TimeZone;

use super::{Cell, Level, Paint, Row};
use crate::api::{Execution, ExecutionStatus, LogEntry, TaskExecution};
use crate::timespec;

/// How log rows show their time.
#[derive(Debug, Clone, Default)]
pub(crate) struct LogRowOptions {
    /// `--local`: times in this zone; None keeps the API's text.
    pub local: Option<TimeZone>,
}

/// A time as shown: the API's text, or converted to `zone` when it parses (kept raw when it
/// does not).
pub(crate) fn time_text<'a>(
    raw: Option<Cow<'a, str>>,
    zone: Option<&TimeZone>,
) -> Option<Cow<'a, str>> {
    let raw = raw?;
    let Some(zone) = zone else {
        return Some(raw);
    };
    match timespec::parse_api_time(&raw) {
        Some(t) => Some(Cow::Owned(
            t.to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M:%S%:z")
                .to_string(),
        )),
        None => Some(raw),
    }
}

/// The row of a log entry for the formats that print only its text (json, jsonl).
pub(crate) fn log_text_row<'a>(entry: LogEntry<'a>, label: Option<&'a str>) -> Row<'a> {
    Row {
        json: entry.json(),
        plain: entry.is_plain(),
        label,
        cells: Vec::new(),
        group: None,
        level: Level::Other,
    }
}

/// The row of a log entry: TIME, TYPE (trimmed), TASK, MESSAGE.
pub(crate) fn log_row<'a>(
    entry: LogEntry<'a>,
    label: Option<&'a str>,
    options: &LogRowOptions,
) -> Row<'a> {
    let fields = entry.fields();
    let level = Level::of_log_type(fields.log_type.as_deref());
    let group = fields.task_execution_id.clone();
    let log_type = fields.log_type.map(|t| match t {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
        Cow::Owned(o) => Cow::Owned(o.trim().to_owned()),
    });
    Row {
        json: entry.json(),
        plain: entry.is_plain(),
        label,
        cells: vec![
            Cell::new(time_text(fields.timestamp, options.local.as_ref())),
            Cell::new(log_type).painted(Paint::LogType),
            Cell::new(fields.task_execution_id),
            Cell::multiline(fields.message),
        ],
        group,
        level,
    }
}

/// `1h 2m`, `3m 4s`, `5s`.
pub(crate) fn format_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, m, sec) => format!("{m}m {sec}s"),
        (h, m, _) if h < 48 => format!("{h}h {m}m"),
        (h, _, _) => format!("{}d {}h", h / 24, h % 24),
    }
}

/// How long an execution or a task with this `Status` ran, as text: from `start` to `end`,
/// or to now while it is under way. A final one (Success, Failed, Cancelled) the service sent
/// without an end has no known duration: None, never the time since it started.
pub(crate) fn duration_between(
    start: Option<&str>,
    end: Option<&str>,
    status: &str,
) -> Option<String> {
    let start = timespec::parse_api_time(start?)?;
    let end = match end {
        Some(e) => timespec::parse_api_time(e)?,
        None if ExecutionStatus::parse(status.trim()).is_final() => return None,
        None => jiff::Timestamp::now(),
    };
    Some(format_duration(end.as_second() - start.as_second()))
}

/// The row of an execution: EXECUTION, TEMPLATE, STATUS, STARTED, DURATION, BY.
pub(crate) fn execution_row<'a>(execution: &'a Execution, zone: Option<&TimeZone>) -> Row<'a> {
    let owned = |name: &str| execution.text(name).map(Cow::Owned);
    let start = execution.text("StartDate");
    let end = execution.text("EndDate");
    let status = execution.status_text();
    Row {
        json: execution.json(),
        plain: false,
        label: None,
        cells: vec![
            Cell::new(owned("ExecutionId")),
            Cell::new(owned("TemplateName")),
            Cell::new(owned("Status")).painted(Paint::Status),
            Cell::new(time_text(start.clone().map(Cow::Owned), zone)),
            Cell::new(
                duration_between(start.as_deref(), end.as_deref(), &status)
                    .map(Cow::Owned)
                    .filter(|_| start.is_some()),
            ),
            Cell::new(owned("ExecutedBy")),
        ],
        group: None,
        level: Level::Other,
    }
}

/// The row of a task: TASK, ACTION, STATUS, STARTED, DURATION, DETAILS (given by the caller:
/// loop items, the child execution, the status message).
pub(crate) fn task_row<'a>(
    task: &'a TaskExecution,
    name: String,
    details: String,
    zone: Option<&TimeZone>,
) -> Row<'a> {
    let start = task.text("StartDate");
    let end = task.text("EndDate");
    Row {
        json: task.json(),
        plain: false,
        label: None,
        cells: vec![
            Cell::new(Some(Cow::Owned(name))),
            Cell::new(task.text("TaskAction").map(Cow::Owned)),
            Cell::new(task.text("Status").map(Cow::Owned)).painted(Paint::Status),
            Cell::new(time_text(start.clone().map(Cow::Owned), zone)),
            Cell::new(
                duration_between(start.as_deref(), end.as_deref(), &task.status()).map(Cow::Owned),
            ),
            Cell::multiline((!details.is_empty()).then_some(Cow::Owned(details))),
        ],
        group: None,
        level: Level::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(format_duration(5), "5s");
        assert_eq!(format_duration(65), "1m 5s");
        assert_eq!(format_duration(3 * 3600 + 120), "3h 2m");
        assert_eq!(format_duration(50 * 3600), "2d 2h");
        assert_eq!(format_duration(-3), "0s");
        let start = Some("2024-06-01T00:00:00Z");
        assert_eq!(
            duration_between(start, Some("2024-06-01T00:01:30Z"), "Success").as_deref(),
            Some("1m 30s")
        );
        assert_eq!(duration_between(Some("garbage"), None, "Running"), None);
        // Under way: the time so far. Final with no end: not known, never the age.
        assert!(duration_between(start, None, "Running").is_some_and(|d| d.ends_with('h')));
        for status in ["Success", "Failed", "Cancelled", " Success"] {
            assert_eq!(duration_between(start, None, status), None, "{status}");
        }
    }

    #[test]
    fn local_time_converts_what_parses_and_keeps_the_rest() {
        let zone = TimeZone::fixed(jiff::tz::offset(8));
        assert_eq!(
            time_text(Some(Cow::Borrowed("2024-06-01T00:00:00Z")), Some(&zone)).as_deref(),
            Some("2024-06-01 08:00:00+08:00")
        );
        assert_eq!(
            time_text(Some(Cow::Borrowed("2019-05-24T:02:29:07Z")), Some(&zone)).as_deref(),
            Some("2019-05-24T:02:29:07Z")
        );
        assert_eq!(
            time_text(Some(Cow::Borrowed("2024-06-01T00:00:00Z")), None).as_deref(),
            Some("2024-06-01T00:00:00Z")
        );
    }
}
