//! Typed OOS API models: the `ListExecutionLogs` request, a page of its response, a log entry,
//! and the error body.
//!
//! A page keeps the response body and each log entry exactly as the service sent them (field
//! order and unknown fields included); typed accessors read from that text, so nothing is lost
//! on the way to `json`/`jsonl`, and no map is built for an entry unless a renderer needs one.
//! It must not do HTTP or formatting.

use std::borrow::Cow;

use bytes::Bytes;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::Error;

/// The OOS API version.
pub const API_VERSION: &str = "2019-06-01";

/// `ListExecutionLogs` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListExecutionLogs {
    /// `ExecutionId` (required).
    pub execution_id: String,
    /// `TaskExecutionId`.
    pub task_execution_id: Option<String>,
    /// `LogType`, passed through as given.
    pub log_type: Option<String>,
    /// `MaxResults`.
    pub max_results: Option<u32>,
    /// `NextToken`.
    pub next_token: Option<String>,
}

impl ListExecutionLogs {
    /// The action name.
    pub const ACTION: &'static str = "ListExecutionLogs";

    /// The API parameters (common parameters are the client's).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![("ExecutionId", self.execution_id.clone())];
        if let Some(t) = &self.task_execution_id {
            params.push(("TaskExecutionId", t.clone()));
        }
        if let Some(t) = &self.log_type {
            params.push(("LogType", t.clone()));
        }
        if let Some(n) = self.max_results {
            params.push(("MaxResults", n.to_string()));
        }
        if let Some(t) = &self.next_token {
            params.push(("NextToken", t.clone()));
        }
        params
    }
}

/// The fields of a `ListExecutionLogs` response oos-logs reads; each log entry is kept as the
/// JSON text the service sent (nothing is dropped or reordered).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogsWire {
    // Required: a 2xx body without it is not a page (an error body from a proxy, say), and
    // taking it for an empty last page would lose every entry after it.
    execution_logs: Vec<Box<RawValue>>,
    #[serde(default)]
    next_token: Option<Value>,
    #[serde(default)]
    request_id: Option<Value>,
}

/// One page of `ListExecutionLogs`.
#[derive(Debug, Clone)]
pub struct LogPage {
    raw: Bytes,
    logs: Vec<Box<RawValue>>,
    next_token: Option<String>,
    request_id: Option<String>,
}

impl LogPage {
    /// Builds the page from the parsed fields and the body as sent. `ExecutionLogs` must be an
    /// array of objects when present.
    pub fn new(wire: LogsWire, raw: Bytes) -> Result<Self, Error> {
        let as_string = |v: Option<Value>| match v {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let request_id = as_string(wire.request_id);
        let logs = wire.execution_logs;
        if !logs.iter().all(|entry| entry.get().starts_with('{')) {
            return Err(Error::Service {
                message: "the service sent ExecutionLogs that is not an array of objects"
                    .to_owned(),
                request_id,
            });
        }
        Ok(Self {
            raw,
            logs,
            next_token: as_string(wire.next_token).filter(|t| !t.is_empty()),
            request_id,
        })
    }

    /// Parses a whole response body (for tests and callers holding the text).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let wire: LogsWire = serde_json::from_str(text).map_err(|e| Error::Service {
            message: format!("the response is not a ListExecutionLogs page: {e}"),
            request_id: None,
        })?;
        Self::new(wire, Bytes::copy_from_slice(text.as_bytes()))
    }

    /// The response body as sent (before any `truncate`), for `-o json` of a single page.
    pub fn raw_body(&self) -> &str {
        // `from_json` and the client only build pages from bodies that parsed as JSON.
        std::str::from_utf8(&self.raw).unwrap_or("{}")
    }

    /// The response object as a map (field order and unknown fields included).
    pub fn body(&self) -> Result<Map<String, Value>, Error> {
        serde_json::from_slice(&self.raw).map_err(|e| Error::Service {
            message: format!("the response is not a JSON object: {e}"),
            request_id: self.request_id.clone(),
        })
    }

    /// The log entries, in API order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = LogEntry<'_>> {
        self.logs.iter().map(|raw| LogEntry { raw })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.logs.len()
    }

    /// True when the page has no entries.
    pub fn is_empty(&self) -> bool {
        self.logs.is_empty()
    }

    /// Keeps only the first `n` entries (a server that sent more than was asked).
    pub fn truncate(&mut self, n: usize) {
        self.logs.truncate(n);
    }

    /// `NextToken` when it is a non-empty string: there are more pages.
    pub fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }

    /// `RequestId`.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// A log entry: the JSON object the service sent, unparsed until a renderer asks.
#[derive(Debug, Clone, Copy)]
pub struct LogEntry<'a> {
    raw: &'a RawValue,
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

/// A field as text: a string as it is, null as None, any other value as its JSON.
fn text(raw: Option<&RawValue>) -> Option<Cow<'_, str>> {
    let raw = raw?.get();
    match raw.as_bytes().first() {
        // A string that does not decode (a lone surrogate `\ud800`) is shown as its escaped
        // JSON text rather than dropped.
        Some(b'"') => Some(
            serde_json::from_str::<Cow<'_, str>>(raw)
                .unwrap_or(Cow::Borrowed(&raw[1..raw.len() - 1])),
        ),
        _ if raw == "null" => None,
        _ => Some(Cow::Borrowed(raw)),
    }
}

impl<'a> LogEntry<'a> {
    /// The entry's JSON text as sent.
    pub fn json(&self) -> &'a str {
        self.raw.get()
    }

    /// The entry as a map, unknown fields included, in the order sent.
    pub fn to_map(&self) -> Map<String, Value> {
        serde_json::from_str(self.raw.get()).unwrap_or_default()
    }

    /// The documented fields, read without building a map.
    pub fn fields(&self) -> EntryFields<'a> {
        let raw = match serde_json::from_str::<RawFields<'a>>(self.raw.get()) {
            Ok(raw) => raw,
            // A key given twice: read the entry as a map, where the last one wins (as in
            // JavaScript and serde_json).
            Err(_) => {
                let map: std::collections::HashMap<Cow<'a, str>, &'a RawValue> =
                    serde_json::from_str(self.raw.get()).unwrap_or_default();
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

/// Reads an Alibaba error body (`Code`, `Message`, `RequestId`, `Recommend`; lower-case
/// spellings too). None when the body has no code.
pub fn parse_error_body(status: u16, body: &Map<String, Value>) -> Option<crate::error::ApiError> {
    let get = |a: &str, b: &str| {
        body.get(a)
            .or_else(|| body.get(b))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    Some(crate::error::ApiError {
        status,
        code: get("Code", "code")?,
        message: get("Message", "message").unwrap_or_default(),
        request_id: get("RequestId", "requestId"),
        recommend: get("Recommend", "recommend"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn page(v: Value) -> LogPage {
        LogPage::from_json(&v.to_string()).unwrap()
    }

    #[test]
    fn the_docs_sample_page() {
        let p = page(json!({
            "NextToken": "gAAAAABdpsGW",
            "RequestId": "14A07460-EBE7-47CA-9757-12CC4761D47A",
            "IsTruncated": true,
            "MaxResults": 50,
            "ExecutionLogs": [{"TaskExecutionId": "exec-1.t0010", "Message": "done \"quoted\"", "LogType": " System", "Timestamp": "2019-05-24T:02:29:07Z", "Extra": 1}]
        }));
        assert_eq!(p.next_token(), Some("gAAAAABdpsGW"));
        assert_eq!(p.request_id(), Some("14A07460-EBE7-47CA-9757-12CC4761D47A"));
        let e = p.entries().next().unwrap();
        let f = e.fields();
        assert_eq!(f.timestamp.as_deref(), Some("2019-05-24T:02:29:07Z"));
        assert_eq!(f.log_type.as_deref(), Some(" System"));
        assert_eq!(f.message.as_deref(), Some("done \"quoted\""));
        assert_eq!(e.to_map().len(), 5);
        assert_eq!(e.to_map()["Extra"], 1);
        let body = p.body().unwrap();
        assert_eq!(
            body.keys().collect::<Vec<_>>(),
            [
                "NextToken",
                "RequestId",
                "IsTruncated",
                "MaxResults",
                "ExecutionLogs"
            ]
        );
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
    fn empty_token_ends_the_pages_and_missing_logs_are_not_a_page() {
        let p = page(json!({"NextToken": "", "RequestId": "r", "ExecutionLogs": []}));
        assert_eq!(p.next_token(), None);
        assert!(p.is_empty());
        assert_eq!(
            page(json!({"NextToken": 5, "ExecutionLogs": []})).next_token(),
            None
        );
        for not_a_page in [
            r#"{"RequestId":"r","Code":"ServiceUnavailable"}"#,
            r#"{"ExecutionLogs":null}"#,
            "[]",
        ] {
            assert!(LogPage::from_json(not_a_page).is_err(), "{not_a_page}");
        }
    }

    #[test]
    fn logs_that_are_not_objects_are_a_service_error() {
        let err = LogPage::from_json(r#"{"ExecutionLogs": [1]}"#).unwrap_err();
        assert_eq!(err.exit_code(), 6);
    }

    #[test]
    fn odd_entries_still_show_their_fields() {
        let p = LogPage::from_json(r#"{"ExecutionLogs":[{"Message":"first","Message":"second","LogType":"Info"},{"Message":"bad \ud800 half"}]}"#)
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
    fn truncate_keeps_the_first_entries() {
        let mut p =
            page(json!({"ExecutionLogs": [{"Message": "a"}, {"Message": "b"}, {"Message": "c"}]}));
        p.truncate(2);
        assert_eq!(p.len(), 2);
        assert_eq!(p.entries().last().unwrap().json(), r#"{"Message":"b"}"#);
    }

    #[test]
    fn request_params() {
        let r = ListExecutionLogs {
            execution_id: "exec-1".into(),
            log_type: Some("Error".into()),
            max_results: Some(10),
            ..Default::default()
        };
        assert_eq!(
            r.params(),
            vec![
                ("ExecutionId", "exec-1".to_owned()),
                ("LogType", "Error".to_owned()),
                ("MaxResults", "10".to_owned())
            ]
        );
    }

    #[test]
    fn error_bodies() {
        let body = json!({"RequestId": "R", "HostId": "h", "Code": "InvalidParameter", "Message": "bad", "Recommend": "https://x"});
        let e = parse_error_body(400, body.as_object().unwrap()).unwrap();
        assert_eq!(
            (e.code.as_str(), e.request_id.as_deref(), e.status),
            ("InvalidParameter", Some("R"), 400)
        );
        let lower = json!({"requestId": "R2", "code": "X", "message": "m"});
        assert_eq!(
            parse_error_body(500, lower.as_object().unwrap())
                .unwrap()
                .request_id
                .as_deref(),
            Some("R2")
        );
        assert!(parse_error_body(500, json!({"a": 1}).as_object().unwrap()).is_none());
    }
}
