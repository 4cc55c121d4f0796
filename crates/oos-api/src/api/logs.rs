//! `ListExecutionLogs`: its request, and a log entry read from the JSON text the service sent.
//!
//! It must not do HTTP or formatting.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Items, ListAction, text};

/// `ListExecutionLogs` parameters (the pager adds `MaxResults` and `NextToken`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListExecutionLogs {
    /// `ExecutionId` (required).
    pub execution_id: String,
    /// `TaskExecutionId`.
    pub task_execution_id: Option<String>,
    /// `LogType`, passed through as given.
    pub log_type: Option<String>,
}

impl ListAction for ListExecutionLogs {
    const ACTION: &'static str = "ListExecutionLogs";
    const ITEMS: Items = Items::ExecutionLogs;
    // The size the API documents in its example (its maximum is not published).
    const LIMIT_PAGE_SIZE: u32 = 50;
    type Wire = super::LogsWire;
    const MIN_PAGE_SIZE: u32 = 1;

    fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![("ExecutionId", self.execution_id.clone())];
        if let Some(t) = &self.task_execution_id {
            params.push(("TaskExecutionId", t.clone()));
        }
        if let Some(t) = &self.log_type {
            params.push(("LogType", t.clone()));
        }
        params
    }
}

/// A log entry: the JSON object the service sent, unparsed until a renderer asks.
#[derive(Debug, Clone, Copy)]
pub struct LogEntry<'a> {
    /// One JSON value, as checked by the parser.
    json: &'a str,
    /// `json` is compact and has no terminal-active character (see
    /// [`super::scan::BodyScan`]): printed on one line as it is.
    plain: bool,
}

/// The four documented fields of an entry, as text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EntryFields<'a> {
    /// `Timestamp`, raw: a malformed value (the doc's `2019-05-24T:02:29:07Z`) is kept as is.
    pub timestamp: Option<Cow<'a, str>>,
    /// `LogType`, e.g. `System`, possibly with stray spaces (the doc's `" System"`).
    pub log_type: Option<Cow<'a, str>>,
    /// `TaskExecutionId`.
    pub task_execution_id: Option<Cow<'a, str>>,
    /// `Message`.
    pub message: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawFields<'a> {
    #[serde(borrow, default)]
    timestamp: Option<&'a RawValue>,
    #[serde(borrow, default)]
    log_type: Option<&'a RawValue>,
    #[serde(borrow, default)]
    task_execution_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    message: Option<&'a RawValue>,
}

impl<'a> LogEntry<'a> {
    /// The entry held in `raw` (a JSON object).
    pub fn new(raw: &'a RawValue) -> Self {
        Self::from_checked(raw.get())
    }

    /// The entry whose text is `json`, which a JSON parser has already read as one value (a
    /// record of a page, or the text of a `RawValue`).
    pub fn from_checked(json: &'a str) -> Self {
        Self { json, plain: false }
    }

    /// The entry, known plain or not.
    pub(crate) fn with_plain(self, plain: bool) -> Self {
        Self { plain, ..self }
    }

    /// Whether the text is compact and free of terminal-active characters (false when not
    /// known): `jsonl` prints it as it is.
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// The entry's JSON text as sent.
    pub fn json(&self) -> &'a str {
        self.json
    }

    /// The entry as a map, unknown fields included, in the order sent.
    pub fn to_map(&self) -> Map<String, Value> {
        serde_json::from_str(self.json).unwrap_or_default()
    }

    /// The documented fields, read without building a map; strings without escapes are
    /// borrowed from the entry's text.
    pub fn fields(&self) -> EntryFields<'a> {
        let raw = match serde_json::from_str::<RawFields<'a>>(self.json) {
            Ok(raw) => raw,
            // A key given twice: read the entry as a map, where the last one wins (as in
            // JavaScript and serde_json).
            Err(_) => {
                let map: std::collections::HashMap<Cow<'a, str>, &'a RawValue> =
                    serde_json::from_str(self.json).unwrap_or_default();
                RawFields {
                    timestamp: map.get("Timestamp").copied(),
                    log_type: map.get("LogType").copied(),
                    task_execution_id: map.get("TaskExecutionId").copied(),
                    message: map.get("Message").copied(),
                }
            }
        };
        EntryFields {
            timestamp: text(raw.timestamp),
            log_type: text(raw.log_type),
            task_execution_id: text(raw.task_execution_id),
            message: text(raw.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Page;
    use serde_json::json;

    fn page(v: Value) -> Page {
        Page::from_json(&v.to_string(), Items::ExecutionLogs).unwrap()
    }

    #[test]
    fn non_string_fields_are_shown_as_json_and_null_as_missing() {
        let p = page(
            json!({"ExecutionLogs": [{"Message": 42, "LogType": null, "Timestamp": {"a": 1}}]}),
        );
        let f = p.entries().next().unwrap().fields();
        assert_eq!(f.message.as_deref(), Some("42"));
        assert_eq!(f.log_type, None);
        assert_eq!(f.timestamp.as_deref(), Some(r#"{"a":1}"#));
        assert_eq!(f.task_execution_id, None);
    }

    #[test]
    fn odd_entries_still_show_their_fields() {
        let p = Page::from_json(r#"{"ExecutionLogs":[{"Message":"first","Message":"second","LogType":"Info"},{"Message":"bad \ud800 half"}]}"#, Items::ExecutionLogs)
            .unwrap();
        let mut entries = p.entries();
        let dup = entries.next().unwrap().fields();
        assert_eq!(
            (dup.message.as_deref(), dup.log_type.as_deref()),
            (Some("second"), Some("Info"))
        );
        assert_eq!(
            entries.next().unwrap().fields().message.as_deref(),
            Some("bad \\ud800 half")
        );
    }

    #[test]
    fn request_params() {
        let r = ListExecutionLogs {
            execution_id: "exec-1".into(),
            log_type: Some("Error".into()),
            ..Default::default()
        };
        assert_eq!(
            r.params(),
            vec![
                ("ExecutionId", "exec-1".to_owned()),
                ("LogType", "Error".to_owned()),
            ]
        );
    }
}
