//! A page of log entries: which entries a `ListExecutionLogs` call asks for (`Filter`), and
//! what a selection yields (`Selected`: the JSON array text and where the next page starts).
//! Entries are addressed by their index among the execution's entries, so a position stays
//! valid while an execution grows.
//!
//! It must not know about tokens or HTTP (the action does), nor generate entries.

use serde_json::Value;

use super::script::LogLine;

/// Which entries a `ListExecutionLogs` call asks for (values as given; compared trimmed).
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// `TaskExecutionId`.
    pub task_execution_id: Option<&'a str>,
    /// `LogType`.
    pub log_type: Option<&'a str>,
}

impl Filter<'_> {
    /// Whether an entry with this task and type passes (both compared trimmed).
    pub fn passes(&self, task: Option<&str>, log_type: Option<&str>) -> bool {
        self.task_execution_id
            .is_none_or(|t| task.map(str::trim) == Some(t.trim()))
            && self
                .log_type
                .is_none_or(|t| log_type.map(str::trim) == Some(t.trim()))
    }
}

/// A selected page of entries.
#[derive(Debug)]
pub struct Selected {
    /// The entries as a JSON array.
    pub json: String,
    /// The index of the next visible entry that passes the filter, if any.
    pub next: Option<u64>,
    /// How many entries are visible now (where a page that ran out stopped looking).
    pub end: u64,
}

/// Up to `size` of the first `visible` listed entries, from index `start` on, that pass
/// `filter`.
pub(crate) fn select_listed(
    entries: &[LogLine],
    elapsed_ms: u64,
    visible: u64,
    start: u64,
    size: u64,
    filter: &Filter<'_>,
) -> Selected {
    let mut json = String::from("[");
    let mut count = 0;
    let mut next = None;
    let visible_entries = entries
        .iter()
        .take(usize::try_from(visible).unwrap_or(usize::MAX));
    for (index, line) in (0u64..)
        .zip(visible_entries)
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
    {
        let fields = line.fields_at(elapsed_ms);
        let field = |name: &str| fields.get(name).and_then(Value::as_str);
        if !filter.passes(field("TaskExecutionId"), field("LogType")) {
            continue;
        }
        if count == size {
            next = Some(index);
            break;
        }
        if count > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(fields).expect("a map serializes"));
        count += 1;
    }
    json.push(']');
    Selected {
        json,
        next,
        end: visible,
    }
}
