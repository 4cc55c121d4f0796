//! `ListExecutionLogs`: pages of an execution's entries, filtered by `TaskExecutionId` and
//! `LogType`, with opaque tokens that hold the index of the next entry (bound to the
//! execution). At the tail of an execution that is not final, the last page carries no token
//! (`TailToken::Empty`, the default) or a token of the current end (`TailToken::Token`),
//! which answers `[]` and itself until entries appear; the real service's behaviour there is
//! unconfirmed, so a client must be right with both.
//!
//! It must not authenticate or inject faults, nor know how entries are made.

use base64::Engine as _;
#[cfg(test)]
use serde_json::value::RawValue;

use super::params::{Params, max_results, optional, required};
use super::{Context, Reply};
use crate::ErrorReply;
use crate::data::Filter;

/// What the last page of a not-yet-final execution's logs carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TailToken {
    /// No `NextToken`, as on a finished execution's last page.
    #[default]
    Empty,
    /// A `NextToken` of the current end: asked with it, the service answers the entries that
    /// appeared since, or `[]` and the same token when none did.
    Token,
}

/// A `ListExecutionLogs` page, in the field order of the API doc's sample (after RequestId):
/// what [`page_body`] writes, kept as the reference its test compares with.
#[cfg(test)]
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

fn not_found(execution_id: &str) -> ErrorReply {
    ErrorReply::new(
        404,
        "EntityNotExists.Execution",
        &format!("The specified execution ({execution_id}) does not exist."),
    )
}

pub(super) fn list_execution_logs(
    params: &Params,
    context: &Context<'_>,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    let execution_id = required(params, "ExecutionId")?;
    let page_size = max_results(params, 1..=100, 50)?;
    let view = context
        .resolve(execution_id)
        .ok_or_else(|| not_found(execution_id))?;
    let given_token = optional(params, "NextToken");
    let start = match given_token {
        Some(token) => decode_token(token, execution_id)
            .ok_or_else(|| ErrorReply::invalid_parameter("NextToken"))?,
        None => 0,
    };
    let filter = Filter {
        task_execution_id: optional(params, "TaskExecutionId"),
        log_type: optional(params, "LogType"),
    };
    let selected = view.select(start, page_size, &filter);
    let more = selected.next.is_some();
    let resume_at = match (selected.next, context.tail_token) {
        (Some(next), _) => Some(next),
        (None, TailToken::Token) if !view.is_final() => Some(selected.end.max(start)),
        (None, _) => None,
    };
    let next_token = resume_at.map(|offset| match (context.repeat_token, given_token) {
        (true, Some(given)) => given.to_owned(),
        _ => encode_token(execution_id, offset),
    });
    Ok(Reply {
        body: page_body(
            request_id,
            next_token.as_deref(),
            more,
            page_size,
            &selected.json,
        ),
    })
}

/// The page as `serde_json` writes a [`LogsPage`], with the entries (the emulator's own JSON
/// text) spliced in as they are: not parsed again for every page served.
fn page_body(
    request_id: &str,
    next_token: Option<&str>,
    is_truncated: bool,
    max_results: u64,
    entries_json: &str,
) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a string serializes");
    let mut body = String::with_capacity(entries_json.len() + 160);
    body.push_str("{\"RequestId\":");
    body.push_str(&quoted(request_id));
    if let Some(token) = next_token {
        body.push_str(",\"NextToken\":");
        body.push_str(&quoted(token));
    }
    body.push_str(",\"IsTruncated\":");
    body.push_str(if is_truncated { "true" } else { "false" });
    body.push_str(",\"MaxResults\":");
    body.push_str(&max_results.to_string());
    body.push_str(",\"ExecutionLogs\":");
    body.push_str(entries_json);
    body.push('}');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_body_is_what_serde_json_writes() {
        let entries = r#"[{"Message":"a \"b\"","LogType":"Info"},{"Message":"\u2028"}]"#;
        for (token, truncated) in [(Some("djF8MXx4\"\\"), true), (None, false)] {
            let expected = serde_json::to_string(&LogsPage {
                request_id: "R-\u{1b}1",
                next_token: token.map(str::to_owned),
                is_truncated: truncated,
                max_results: 50,
                execution_logs: RawValue::from_string(entries.to_owned()).unwrap(),
            })
            .unwrap();
            assert_eq!(
                page_body("R-\u{1b}1", token, truncated, 50, entries),
                expected
            );
        }
    }

    #[test]
    fn tokens_belong_to_their_execution() {
        let t = encode_token("exec-a", 5);
        assert_eq!(decode_token(&t, "exec-a"), Some(5));
        assert_eq!(decode_token(&t, "exec-b"), None);
        assert_eq!(decode_token("garbage", "exec-a"), None);
    }
}
