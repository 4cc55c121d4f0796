//! Typed OOS API models: the three list actions oos-logs calls (`ListExecutionLogs`,
//! `ListExecutions`, `ListTaskExecutions`), one page of any of them, the records they hold, and
//! the error body.
//!
//! A page keeps the response body and each record exactly as the service sent them (field
//! order and unknown fields included); typed views read from that text, so nothing is lost on
//! the way to `json`/`jsonl`, and no map is built for a record unless a renderer needs one.
//! It must not do HTTP or formatting.

pub mod executions;
pub mod logs;
pub mod scan;
pub mod tasks;
pub mod walk;

use std::ops::Range;

use bytes::Bytes;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::Error;

pub use executions::{Execution, ExecutionStatus, ListExecutions};
pub use logs::{EntryFields, ListExecutionLogs, LogEntry};
pub use tasks::{ListTaskExecutions, TaskExecution};

/// The OOS API version.
pub(crate) const API_VERSION: &str = "2019-06-01";

/// The deepest JSON nesting accepted in a response (arrays and objects; the top level is 1).
/// A page of the API nests four or five levels; anything near this is a server fault, and
/// re-laying it out for `-o json` would cost the square of its depth.
pub(crate) const MAX_JSON_DEPTH: usize = 128;

/// True when the JSON text `bytes` nests arrays and objects deeper than `max` levels. One
/// linear pass over the bytes, aware of strings and their escapes (a `[` inside a string does
/// not count); meant to run before any parser sees the text.
pub(crate) fn nesting_exceeds(bytes: &[u8], max: usize) -> bool {
    scan::body(bytes, max).too_deep
}

/// A paginated OOS list action: its name, the field holding its records, the page sizes it
/// accepts, and its own parameters (`NextToken` and `MaxResults` are the pager's).
pub trait ListAction: Clone + Send + Sync + 'static {
    /// The action name, e.g. `ListExecutions`.
    const ACTION: &'static str;
    /// Which array of the response holds the records.
    const ITEMS: Items;
    /// The page size asked for under `--limit` when none is given.
    const LIMIT_PAGE_SIZE: u32;
    /// The smallest page size the action accepts.
    const MIN_PAGE_SIZE: u32;
    /// Its response.
    type Wire: Wire;
    /// The action's own parameters.
    fn params(&self) -> Vec<(&'static str, String)>;
}

/// The record arrays of the list actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// `ExecutionLogs`.
    ExecutionLogs,
    /// `Executions`.
    Executions,
    /// `TaskExecutions`.
    TaskExecutions,
}

impl Items {
    /// The field name, as the API spells it.
    pub fn field(self) -> &'static str {
        match self {
            Self::ExecutionLogs => "ExecutionLogs",
            Self::Executions => "Executions",
            Self::TaskExecutions => "TaskExecutions",
        }
    }
}

/// The fields of a list response oos-logs reads: the record array (each record kept as the
/// JSON text the service sent), `NextToken`, `IsTruncated` and `RequestId`.
pub trait Wire: serde::de::DeserializeOwned + Send + std::fmt::Debug + 'static {
    /// The name of the records' array.
    const FIELD: &'static str;
    /// The records, the token, the truncation flag and the request id.
    fn into_parts(self) -> WireParts;
    /// The same response with these records (found in its body by [`walk`]).
    fn with_records(self, records: Records) -> Self;
}

/// Reads a page in one pass ([`walk::walk`]) instead of serde_json's: the records are found
/// (and checked) by the walk, serde_json reads the rest of the response with the records'
/// array left out, and the page's plainness comes with it. The response and its spans are
/// what serde_json would give. None when the walk does not take the body (not UTF-8, not JSON
/// serde_json takes, no records' array found) or serde_json refuses the rest: the caller then
/// parses it all with serde_json, which says why.
pub fn parse_walked<W: Wire>(body: &ResponseBody) -> Option<(W, bool)> {
    let ResponseBody::Text(text) = body else {
        return None;
    };
    let walked = walk::walk(text.as_bytes(), W::FIELD)?;
    let (array, records) = walked.items?;
    let mut envelope = String::with_capacity(text.len() - array.len() + 2);
    envelope.push_str(&text[..array.start]);
    envelope.push_str("[]");
    envelope.push_str(&text[array.end..]);
    let wire: W = serde_json::from_str(&envelope).ok()?;
    let base = text.as_ptr() as usize;
    let records = records
        .into_iter()
        .map(|r| (base + r.start, r.len()))
        .collect();
    Some((wire.with_records(Records(records)), walked.plain))
}

/// The parts of a list response, as sent (the token and flags not checked yet).
#[derive(Debug)]
pub struct WireParts {
    /// Where the records are in the body.
    pub items: Records,
    /// `NextToken`, whatever its type.
    pub next_token: Option<Value>,
    /// `IsTruncated`, whatever its type.
    pub is_truncated: Option<Value>,
    /// `RequestId`, whatever its type.
    pub request_id: Option<Value>,
}

/// Where the records of a list response lie in the body they were parsed from, found without
/// copying them: each one's address and length, as borrowed by the parser (a `&RawValue`
/// into the body). `Page::new` turns them into offsets in that body, and refuses addresses
/// outside it; so the body must be parsed in place (`serde_json::from_slice` of the very
/// bytes handed to `Page::new`), which is what the client does.
#[derive(Debug, Default)]
pub struct Records(Vec<(usize, usize)>);

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Records;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of records")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Records, A::Error> {
                let mut spans = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                    let text = raw.get();
                    spans.push((text.as_ptr() as usize, text.len()));
                }
                Ok(Records(spans))
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

/// A wire type per array name. The array is required: a 2xx body without it is not a page
/// (an error body from a proxy, say): it fails to parse, so the client retries it, and taking
/// it for an empty last page would lose every record after it.
macro_rules! list_wire {
    ($name:ident, $field:literal) => {
        #[doc = concat!("A response holding `", $field, "`.")]
        #[derive(Debug, Deserialize)]
        pub struct $name {
            #[serde(rename = $field)]
            items: Records,
            #[serde(rename = "NextToken", default)]
            next_token: Option<Value>,
            #[serde(rename = "IsTruncated", default)]
            is_truncated: Option<Value>,
            #[serde(rename = "RequestId", default)]
            request_id: Option<Value>,
        }

        impl Wire for $name {
            const FIELD: &'static str = $field;

            fn with_records(mut self, records: Records) -> Self {
                self.items = records;
                self
            }

            fn into_parts(self) -> WireParts {
                WireParts {
                    items: self.items,
                    next_token: self.next_token,
                    is_truncated: self.is_truncated,
                    request_id: self.request_id,
                }
            }
        }
    };
}

list_wire!(LogsWire, "ExecutionLogs");
list_wire!(ExecutionsWire, "Executions");
list_wire!(TasksWire, "TaskExecutions");

/// A response body as read: its text when it is UTF-8 (checked once, before any parser, so
/// that the parser and the page need not check it again), else its bytes.
#[derive(Debug, Clone)]
pub enum ResponseBody {
    /// A UTF-8 body.
    Text(String),
    /// A body that is not UTF-8.
    Bytes(Bytes),
}

impl ResponseBody {
    /// Checks `bytes` once; no copy (a body read whole is not shared).
    pub fn new(bytes: Bytes) -> Self {
        match String::from_utf8(Vec::from(bytes)) {
            Ok(text) => Self::Text(text),
            Err(e) => Self::Bytes(Bytes::from(e.into_bytes())),
        }
    }

    /// The bytes as sent.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Bytes(bytes) => bytes,
        }
    }

    /// Parses the body in place (records borrowed from it, see [`Records`]); a UTF-8 body is
    /// read as text, so its strings are not checked again.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match self {
            Self::Text(text) => serde_json::from_str(text),
            Self::Bytes(bytes) => serde_json::from_slice(bytes),
        }
    }
}

/// One page of a list action.
#[derive(Debug, Clone)]
pub struct Page {
    /// The body as sent; when it is not UTF-8 (outside its records: they were checked), the
    /// records' texts one after another instead.
    text: String,
    /// `text` is the whole body.
    whole: bool,
    /// Where each record is in `text`, in API order.
    items: Vec<Range<usize>>,
    /// The body is plain (see [`scan::BodyScan`]): its records print as they are.
    plain: bool,
    next_token: Option<String>,
    request_id: Option<String>,
}

impl Page {
    /// Builds the page from the parsed fields and the body as sent. The `items` array must be
    /// present and hold objects only. `NextToken` must be a string when present (an empty one,
    /// or none, ends the pages), and `IsTruncated: true` needs a non-empty one: a page that
    /// says more follow without saying where is a server fault, never the end of the list.
    /// `wire` must have been parsed in place from `body` (see [`ResponseBody::parse`]).
    pub fn new(wire: impl Wire, body: ResponseBody, items: Items) -> Result<Self, Error> {
        let as_string = |v: Option<Value>| match v {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let WireParts {
            items: records,
            next_token,
            is_truncated,
            request_id,
        } = wire.into_parts();
        let request_id = as_string(request_id);
        let next_token = match next_token {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s).filter(|t| !t.is_empty()),
            Some(other) => {
                let kind = match &other {
                    Value::Number(n) => format!("the number {n}"),
                    Value::Bool(b) => format!("the boolean {b}"),
                    Value::Array(_) => "an array".to_owned(),
                    _ => "an object".to_owned(),
                };
                return Err(Error::Service {
                    message: format!(
                        "the service sent a NextToken that is not a string ({kind}) with {}: where the next page starts is unknown (a server fault)",
                        items.field()
                    ),
                    request_id,
                });
            }
        };
        if next_token.is_none() && matches!(is_truncated, Some(Value::Bool(true))) {
            return Err(Error::Service {
                message: format!(
                    "the service sent {} with IsTruncated true but no NextToken: more pages exist and where they start is unknown (a server fault)",
                    items.field()
                ),
                request_id,
            });
        }
        // Offsets in the body (the records were borrowed from it by the parser).
        let raw = body.as_bytes();
        let base = raw.as_ptr() as usize;
        let mut spans = Vec::with_capacity(records.0.len());
        for &(address, len) in &records.0 {
            let start = address.wrapping_sub(base);
            match start.checked_add(len) {
                Some(end) if start <= raw.len() && end <= raw.len() => spans.push(start..end),
                _ => {
                    return Err(Error::impossible(format!(
                        "the records of a {} page were not read from its body",
                        items.field()
                    )));
                }
            }
        }
        if !spans.iter().all(|r| raw[r.start..].starts_with(b"{")) {
            return Err(Error::Service {
                message: format!(
                    "the service sent {} that is not an array of objects",
                    items.field()
                ),
                request_id,
            });
        }
        let (text, whole, spans) = match body {
            ResponseBody::Text(text) => (text, true, spans),
            ResponseBody::Bytes(raw) => {
                // Bytes outside the records are not UTF-8: keep the records alone (the
                // parser checked each of them).
                let mut text = String::new();
                let mut moved = Vec::with_capacity(spans.len());
                for r in spans {
                    let record = std::str::from_utf8(&raw[r])
                        .map_err(|e| Error::internal("a record of a page is not UTF-8", e))?;
                    moved.push(text.len()..text.len() + record.len());
                    text.push_str(record);
                }
                (text, false, moved)
            }
        };
        Ok(Self {
            text,
            whole,
            items: spans,
            plain: false,
            next_token,
            request_id,
        })
    }

    /// Parses a whole response body (for tests and callers holding the text).
    pub fn from_json(text: &str, items: Items) -> Result<Self, Error> {
        let fail = |e: serde_json::Error| Error::Service {
            message: format!("the response is not a {} page: {e}", items.field()),
            request_id: None,
        };
        let scan = scan::body(text.as_bytes(), MAX_JSON_DEPTH);
        if scan.too_deep {
            return Err(Error::Service {
                message: format!(
                    "the response is not a {} page: JSON nested deeper than {MAX_JSON_DEPTH} levels",
                    items.field()
                ),
                request_id: None,
            });
        }
        // Parsed in place from the text the page keeps (the records are borrowed from it).
        let body = ResponseBody::Text(text.to_owned());
        let page = match items {
            Items::ExecutionLogs => Self::new(body.parse::<LogsWire>().map_err(fail)?, body, items),
            Items::Executions => {
                Self::new(body.parse::<ExecutionsWire>().map_err(fail)?, body, items)
            }
            Items::TaskExecutions => {
                Self::new(body.parse::<TasksWire>().map_err(fail)?, body, items)
            }
        };
        Ok(page?.with_plain(scan.plain))
    }

    /// Marks the page's body plain (as [`scan::body`] found it, before parsing): its records
    /// can be printed on one line as they are.
    pub(crate) fn with_plain(mut self, plain: bool) -> Self {
        self.plain = plain && self.whole;
        self
    }

    /// The response body as sent (before any `truncate` or `skip`), for `-o json` of a single page.
    pub fn raw_body(&self) -> &str {
        // `from_json` and the client only build pages from bodies that parsed as JSON.
        if self.whole { &self.text } else { "{}" }
    }

    /// The response object as a map (field order and unknown fields included).
    pub fn body(&self) -> Result<Map<String, Value>, Error> {
        let parsed = if self.whole {
            serde_json::from_str(&self.text).map_err(|e| e.to_string())
        } else {
            Err("it is not UTF-8".to_owned())
        };
        parsed.map_err(|e| Error::Service {
            message: format!("the response is not a JSON object: {e}"),
            request_id: self.request_id.clone(),
        })
    }

    /// The records, in API order, as the JSON text sent.
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        self.items.iter().map(|r| &self.text[r.clone()])
    }

    /// Takes the records out.
    pub fn into_items(self) -> Vec<Box<RawValue>> {
        self.texts()
            .map(|text| {
                // Each record parsed as one JSON value already.
                RawValue::from_string(text.to_owned()).expect("a record is one JSON value")
            })
            .collect()
    }

    /// The log entries of a `ListExecutionLogs` page.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = LogEntry<'_>> + DoubleEndedIterator {
        let plain = self.plain;
        self.texts()
            .map(move |json| LogEntry::from_checked(json).with_plain(plain))
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when the page has no records.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Keeps only the first `n` records (a server that sent more than was asked).
    pub fn truncate(&mut self, n: usize) {
        self.items.truncate(n);
    }

    /// Drops the first `n` records (already consumed from an earlier read of this page).
    pub fn skip(&mut self, n: usize) {
        self.items.drain(..n.min(self.items.len()));
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

/// A field of a record as text: a string as it is, null as None, any other value as its JSON.
pub(crate) fn text(raw: Option<&RawValue>) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let raw = raw?.get();
    match raw.as_bytes().first() {
        // A string without escapes is its text between the quotes: borrowed, not decoded.
        Some(b'"') if !raw.as_bytes().contains(&b'\\') => {
            Some(Cow::Borrowed(&raw[1..raw.len() - 1]))
        }
        // A string that does not decode (a lone surrogate `\ud800`) is shown as its escaped
        // JSON text rather than dropped.
        Some(b'"') => Some(
            serde_json::from_str::<String>(raw)
                .map_or(Cow::Borrowed(&raw[1..raw.len() - 1]), Cow::Owned),
        ),
        _ if raw == "null" => None,
        _ => Some(Cow::Borrowed(raw)),
    }
}

/// Reads an Alibaba error body (`Code`, `Message`, `RequestId`, `Recommend`; lower-case
/// spellings too). None when the body has no code.
pub(crate) fn parse_error_body(
    status: u16,
    body: &Map<String, Value>,
) -> Option<crate::error::ApiError> {
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

    fn page(v: Value) -> Page {
        Page::from_json(&v.to_string(), Items::ExecutionLogs).unwrap()
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
    fn empty_token_ends_the_pages_and_missing_records_are_not_a_page() {
        let p = page(json!({"NextToken": "", "RequestId": "r", "ExecutionLogs": []}));
        assert_eq!(p.next_token(), None);
        assert!(p.is_empty());
        assert_eq!(
            page(json!({"NextToken": "", "IsTruncated": false, "ExecutionLogs": []})).next_token(),
            None
        );
        assert_eq!(
            page(json!({"NextToken": null, "ExecutionLogs": []})).next_token(),
            None
        );
        for not_a_page in [
            r#"{"RequestId":"r","Code":"ServiceUnavailable"}"#,
            r#"{"ExecutionLogs":null}"#,
            r#"{"Executions":[]}"#,
            "[]",
        ] {
            assert!(
                Page::from_json(not_a_page, Items::ExecutionLogs).is_err(),
                "{not_a_page}"
            );
        }
        let executions =
            Page::from_json(r#"{"Executions":[{"ExecutionId":"e"}]}"#, Items::Executions).unwrap();
        assert_eq!(executions.len(), 1);
    }

    #[test]
    fn a_token_that_is_not_a_string_or_is_missing_under_is_truncated_is_a_server_fault() {
        let fails = |v: Value| {
            let err = Page::from_json(&v.to_string(), Items::ExecutionLogs).unwrap_err();
            assert!(matches!(err, Error::Service { .. }), "{v}");
            err.to_string()
        };
        assert!(fails(json!({"NextToken": 5, "ExecutionLogs": []})).contains("the number 5"));
        assert!(fails(json!({"NextToken": {"a": 1}, "ExecutionLogs": [{}]})).contains("an object"));
        assert!(fails(json!({"NextToken": ["t"], "ExecutionLogs": []})).contains("an array"));
        assert!(
            fails(json!({"IsTruncated": true, "ExecutionLogs": [{}]}))
                .contains("IsTruncated true but no NextToken")
        );
        assert!(
            fails(json!({"IsTruncated": true, "NextToken": "", "ExecutionLogs": []}))
                .contains("IsTruncated true but no NextToken")
        );
        // A live execution's last page: no token, not truncated. The normal end.
        assert_eq!(
            page(json!({"IsTruncated": false, "ExecutionLogs": [{}]})).next_token(),
            None
        );
        assert_eq!(
            page(json!({"IsTruncated": true, "NextToken": "t", "ExecutionLogs": []})).next_token(),
            Some("t")
        );
    }

    #[test]
    fn nesting_is_measured_in_one_pass_outside_strings() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(!nesting_exceeds(deep(128).as_bytes(), 128));
        assert!(nesting_exceeds(deep(129).as_bytes(), 128));
        assert!(!nesting_exceeds(br#"{"a":[{"b":1}]}"#, 3));
        assert!(nesting_exceeds(br#"{"a":[{"b":{"c":1}}]}"#, 3));
        // Brackets in strings, escaped quotes and escaped backslashes do not count.
        let text = format!(r#"{{"m":"{}\"[[\\","n":[1]}}"#, "[".repeat(500));
        assert!(!nesting_exceeds(text.as_bytes(), 2));
        assert!(nesting_exceeds(text.as_bytes(), 1));
        assert!(!nesting_exceeds(b"", 0));
        let body = format!(
            r#"{{"ExecutionLogs":[{{"Message":"m","Deep":{}}}]}}"#,
            deep(200)
        );
        let err = Page::from_json(&body, Items::ExecutionLogs).unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
        assert!(err.to_string().contains("nested deeper than 128"), "{err}");
    }

    #[test]
    fn records_that_are_not_objects_are_a_service_error() {
        let err = Page::from_json(r#"{"ExecutionLogs": [1]}"#, Items::ExecutionLogs).unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
    }

    #[test]
    fn truncate_and_skip() {
        let mut p =
            page(json!({"ExecutionLogs": [{"Message": "a"}, {"Message": "b"}, {"Message": "c"}]}));
        p.truncate(2);
        assert_eq!(p.len(), 2);
        assert_eq!(p.entries().last().unwrap().json(), r#"{"Message":"b"}"#);
        p.skip(1);
        assert_eq!(p.entries().next().unwrap().json(), r#"{"Message":"b"}"#);
        p.skip(5);
        assert!(p.is_empty());
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
