//! The emulator's API actions: `ListExecutionLogs` and `ListExecutions`, with the service's
//! parameter checks, opaque page tokens and error codes.
//!
//! It must not authenticate (auth does) or inject faults (the server does).

use std::collections::HashMap;

use base64::Engine as _;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::ErrorReply;
use super::data::{Filter, Sample};

/// The page size when `MaxResults` is not given.
pub const DEFAULT_MAX_RESULTS: u64 = 50;

/// What an action answered.
#[derive(Debug)]
pub struct Reply {
    /// The response object as JSON text, `RequestId` first.
    pub body: String,
}

/// A `ListExecutionLogs` page, in the field order of the API doc's sample (after RequestId).
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct LogsPage<'a> {
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    is_truncated: bool,
    max_results: u64,
    execution_logs: Box<RawValue>,
}

/// Runs the action named in `params`.
pub fn dispatch(
    params: &HashMap<String, String>,
    repeat_token: bool,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    if params.get("Version").map(String::as_str) != Some(crate::api::API_VERSION) {
        return Err(ErrorReply::new(
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
        ));
    }
    match params.get("Action").map(String::as_str) {
        Some("ListExecutionLogs") => list_execution_logs(params, repeat_token, request_id),
        Some("ListExecutions") => list_executions(params, request_id),
        _ => Err(ErrorReply::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        )),
    }
}

fn max_results(
    params: &HashMap<String, String>,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, ErrorReply> {
    match params.get("MaxResults") {
        None => Ok(DEFAULT_MAX_RESULTS),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| ErrorReply::invalid_parameter("MaxResults")),
    }
}

fn encode_token(execution_id: &str, offset: u64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("v1|{offset}|{execution_id}"))
}

fn decode_token(token: &str, execution_id: &str) -> Option<u64> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let mut parts = text.splitn(3, '|');
    if parts.next()? != "v1" {
        return None;
    }
    let offset = parts.next()?.parse().ok()?;
    (parts.next()? == execution_id).then_some(offset)
}

pub(super) fn required<'a>(
    params: &'a HashMap<String, String>,
    name: &str,
) -> Result<&'a str, ErrorReply> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ErrorReply::missing_parameter(name))
}

fn list_execution_logs(
    params: &HashMap<String, String>,
    repeat_token: bool,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    let execution_id = required(params, "ExecutionId")?;
    let page_size = max_results(params, 1..=100)?;
    let sample = Sample::find(execution_id).ok_or_else(|| {
        ErrorReply::new(
            404,
            "EntityNotExists.Execution",
            &format!("The specified execution ({execution_id}) does not exist."),
        )
    })?;
    let given_token = params.get("NextToken").filter(|t| !t.is_empty());
    let start = match given_token {
        Some(token) => decode_token(token, execution_id)
            .ok_or_else(|| ErrorReply::invalid_parameter("NextToken"))?,
        None => 0,
    };
    let filter = Filter {
        task_execution_id: params
            .get("TaskExecutionId")
            .map(String::as_str)
            .filter(|v| !v.is_empty()),
        log_type: params
            .get("LogType")
            .map(String::as_str)
            .filter(|v| !v.is_empty()),
    };
    let selected = sample.select(start, page_size, &filter);
    let next_token = selected
        .next
        .map(|offset| match (repeat_token, given_token) {
            (true, Some(given)) => given.clone(),
            _ => encode_token(execution_id, offset),
        });
    let logs = RawValue::from_string(selected.json).expect("the selected entries are a JSON array");
    let page = LogsPage {
        request_id,
        is_truncated: next_token.is_some(),
        next_token,
        max_results: page_size,
        execution_logs: logs,
    };
    Ok(Reply {
        body: serde_json::to_string(&page).expect("a page serializes"),
    })
}

fn list_executions(
    params: &HashMap<String, String>,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    let page_size = max_results(params, 10..=100)?;
    let samples = match params.get("ExecutionId").filter(|v| !v.is_empty()) {
        Some(id) => Sample::find(id).into_iter().collect(),
        None => Sample::fixed(),
    };
    let status = params.get("Status").filter(|v| !v.is_empty());
    let executions: Vec<Value> = samples
        .iter()
        .filter(|s| status.is_none_or(|st| s.status == st))
        .take(usize::try_from(page_size).unwrap_or(usize::MAX))
        .map(Sample::execution_json)
        .collect();
    let mut body = Map::new();
    body.insert("RequestId".into(), json!(request_id));
    body.insert("TotalCount".into(), json!(executions.len()));
    body.insert("MaxResults".into(), json!(page_size));
    body.insert("Executions".into(), Value::Array(executions));
    Ok(Reply {
        body: Value::Object(body).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(reply: Reply) -> Map<String, Value> {
        serde_json::from_str(&reply.body).unwrap()
    }

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        let mut p: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        p.entry("Version".into())
            .or_insert_with(|| "2019-06-01".into());
        p
    }

    fn logs(pairs: &[(&str, &str)]) -> Map<String, Value> {
        let mut p = params(pairs);
        p.insert("Action".into(), "ListExecutionLogs".into());
        parsed(dispatch(&p, false, "R").unwrap())
    }

    #[test]
    fn pages_through_a_large_execution_without_gaps() {
        let mut token: Option<String> = None;
        let mut seen = 0u64;
        let mut pages = 0;
        loop {
            let mut pairs = vec![("ExecutionId", "exec-large-250"), ("MaxResults", "100")];
            if let Some(t) = &token {
                pairs.push(("NextToken", t));
            }
            let body = logs(&pairs);
            for e in body["ExecutionLogs"].as_array().unwrap() {
                let msg = e["Message"].as_str().unwrap();
                if (1..249).contains(&seen) {
                    assert!(
                        msg.starts_with(&format!("step {} of 250", seen + 1)),
                        "{msg}"
                    );
                }
                seen += 1;
            }
            pages += 1;
            match body.get("NextToken") {
                Some(t) => token = Some(t.as_str().unwrap().to_owned()),
                None => break,
            }
        }
        assert_eq!((seen, pages), (250, 3));
    }

    #[test]
    fn filters_apply() {
        let body = logs(&[("ExecutionId", "exec-demo-failed"), ("LogType", "Error")]);
        let items = body["ExecutionLogs"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        let body = logs(&[
            ("ExecutionId", "exec-small"),
            ("TaskExecutionId", "exec-small.t0002"),
        ]);
        assert_eq!(body["ExecutionLogs"].as_array().unwrap().len(), 2);
        assert_eq!(body["IsTruncated"], false);
        assert!(body.get("NextToken").is_none(), "no token on the last page");
    }

    #[test]
    fn parameter_errors() {
        let mut p = params(&[("Action", "ListExecutionLogs")]);
        assert_eq!(
            dispatch(&p, false, "R").unwrap_err().code,
            "MissingParameter"
        );
        p.insert("ExecutionId".into(), "exec-small".into());
        for bad in ["0", "101", "x"] {
            p.insert("MaxResults".into(), bad.into());
            assert_eq!(
                dispatch(&p, false, "R").unwrap_err().code,
                "InvalidParameter"
            );
        }
        p.insert("MaxResults".into(), "5".into());
        p.insert("NextToken".into(), "garbage".into());
        assert_eq!(
            dispatch(&p, false, "R").unwrap_err().code,
            "InvalidParameter"
        );
        p.insert("ExecutionId".into(), "exec-nope".into());
        p.remove("NextToken");
        let err = dispatch(&p, false, "R").unwrap_err();
        assert_eq!(
            (err.status, err.code.as_str()),
            (404, "EntityNotExists.Execution")
        );
        p.insert("Action".into(), "Nope".into());
        assert_eq!(
            dispatch(&p, false, "R").unwrap_err().code,
            "InvalidAction.NotFound"
        );
    }

    #[test]
    fn tokens_belong_to_their_execution() {
        let t = encode_token("exec-a", 5);
        assert_eq!(decode_token(&t, "exec-a"), Some(5));
        assert_eq!(decode_token(&t, "exec-b"), None);
    }

    #[test]
    fn repeat_token_fault_sends_the_same_token_back() {
        let first = logs(&[("ExecutionId", "exec-large-30"), ("MaxResults", "10")]);
        let t = first["NextToken"].as_str().unwrap().to_owned();
        let mut p = params(&[
            ("Action", "ListExecutionLogs"),
            ("ExecutionId", "exec-large-30"),
            ("MaxResults", "10"),
        ]);
        p.insert("NextToken".into(), t.clone());
        assert_eq!(
            parsed(dispatch(&p, true, "R").unwrap())["NextToken"],
            t.as_str()
        );
    }

    #[test]
    fn list_executions_by_id_and_status() {
        let mut p = params(&[
            ("Action", "ListExecutions"),
            ("ExecutionId", "exec-demo-failed"),
        ]);
        let body = parsed(dispatch(&p, false, "R").unwrap());
        assert_eq!(body["Executions"][0]["Status"], "Failed");
        p.insert("ExecutionId".into(), "exec-nope".into());
        assert_eq!(
            parsed(dispatch(&p, false, "R").unwrap())["Executions"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
        let p = params(&[("Action", "ListExecutions"), ("Status", "Running")]);
        let body = parsed(dispatch(&p, false, "R").unwrap());
        assert_eq!(body["Executions"].as_array().unwrap().len(), 1);
    }
}
