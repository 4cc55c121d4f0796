//! Typed OOS API models: the `ListExecutionLogs` request, a page of its response, a log entry,
//! and the error body.
//!
//! A page keeps the response object exactly as the service sent it (field order and unknown
//! fields included), and the typed accessors read from it, so nothing is lost on the way to
//! `json`/`jsonl`. It must not do HTTP or formatting.

use std::borrow::Cow;

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

/// One page of `ListExecutionLogs`: the response object as sent.
#[derive(Debug, Clone, PartialEq)]
pub struct LogPage {
    body: Map<String, Value>,
}

impl LogPage {
    /// Checks the shape: `ExecutionLogs` must be an array of objects when present.
    pub fn from_body(body: Map<String, Value>) -> Result<Self, Error> {
        match body.get("ExecutionLogs") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) if items.iter().all(Value::is_object) => {}
            Some(_) => {
                return Err(Error::Service {
                    message: "the service sent ExecutionLogs that is not an array of objects"
                        .to_owned(),
                    request_id: body
                        .get("RequestId")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                });
            }
        }
        Ok(Self { body })
    }

    /// The response object as sent.
    pub fn body(&self) -> &Map<String, Value> {
        &self.body
    }

    /// The log entries, in API order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = LogEntry<'_>> {
        let items: &[Value] = match self.body.get("ExecutionLogs") {
            Some(Value::Array(items)) => items,
            _ => &[],
        };
        // `from_body` checked that every item is an object.
        items.iter().map(|v| LogEntry {
            raw: v.as_object().expect("checked by LogPage::from_body"),
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// True when the page has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Keeps only the first `n` entries (a server that sent more than was asked).
    pub fn truncate(&mut self, n: usize) {
        if let Some(Value::Array(items)) = self.body.get_mut("ExecutionLogs") {
            items.truncate(n);
        }
    }

    /// `NextToken` when it is a non-empty string: there are more pages.
    pub fn next_token(&self) -> Option<&str> {
        self.body
            .get("NextToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
    }

    /// `RequestId`.
    pub fn request_id(&self) -> Option<&str> {
        self.body.get("RequestId").and_then(Value::as_str)
    }
}

/// A log entry: a view of one object of `ExecutionLogs`.
#[derive(Debug, Clone, Copy)]
pub struct LogEntry<'a> {
    raw: &'a Map<String, Value>,
}

impl<'a> LogEntry<'a> {
    /// The entry as sent, unknown fields included.
    pub fn raw(&self) -> &'a Map<String, Value> {
        self.raw
    }

    /// A field as text: strings as they are, other values as JSON, null and missing as None.
    pub fn field(&self, name: &str) -> Option<Cow<'a, str>> {
        match self.raw.get(name)? {
            Value::Null => None,
            Value::String(s) => Some(Cow::Borrowed(s)),
            other => Some(Cow::Owned(other.to_string())),
        }
    }

    /// `Timestamp`, raw: a malformed value (the doc's `2019-05-24T:02:29:07Z`) is kept as is.
    pub fn timestamp(&self) -> Option<Cow<'a, str>> {
        self.field("Timestamp")
    }

    /// `LogType`, e.g. `System`, possibly with stray spaces (the doc's `" System"`).
    pub fn log_type(&self) -> Option<Cow<'a, str>> {
        self.field("LogType")
    }

    /// `TaskExecutionId`.
    pub fn task_execution_id(&self) -> Option<Cow<'a, str>> {
        self.field("TaskExecutionId")
    }

    /// `Message`.
    pub fn message(&self) -> Option<Cow<'a, str>> {
        self.field("Message")
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
        LogPage::from_body(v.as_object().unwrap().clone()).unwrap()
    }

    #[test]
    fn the_docs_sample_page() {
        let p = page(json!({
            "NextToken": "gAAAAABdpsGW",
            "RequestId": "14A07460-EBE7-47CA-9757-12CC4761D47A",
            "IsTruncated": true,
            "MaxResults": 50,
            "ExecutionLogs": [{"TaskExecutionId": "exec-1.t0010", "Message": "done", "LogType": " System", "Timestamp": "2019-05-24T:02:29:07Z", "Extra": 1}]
        }));
        assert_eq!(p.next_token(), Some("gAAAAABdpsGW"));
        assert_eq!(p.request_id(), Some("14A07460-EBE7-47CA-9757-12CC4761D47A"));
        let e = p.entries().next().unwrap();
        assert_eq!(e.timestamp().as_deref(), Some("2019-05-24T:02:29:07Z"));
        assert_eq!(e.log_type().as_deref(), Some(" System"));
        assert_eq!(e.field("Extra").as_deref(), Some("1"));
        assert_eq!(e.raw().len(), 5);
    }

    #[test]
    fn empty_token_and_missing_logs_end_the_pages() {
        let p = page(json!({"NextToken": "", "RequestId": "r"}));
        assert_eq!(p.next_token(), None);
        assert!(p.is_empty());
    }

    #[test]
    fn logs_that_are_not_objects_are_a_service_error() {
        let err = LogPage::from_body(json!({"ExecutionLogs": [1]}).as_object().unwrap().clone())
            .unwrap_err();
        assert_eq!(err.exit_code(), 6);
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
