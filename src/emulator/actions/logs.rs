//! `ListExecutionLogs`: pages of an execution's entries, filtered by `TaskExecutionId` and
//! `LogType`, with opaque tokens that hold the index of the next entry (bound to the
//! execution). At the tail of an execution that is not final, the last page carries no token
//! (`TailToken::Empty`, the default) or a token of the current end (`TailToken::Token`),
//! which answers `[]` and itself until entries appear; the real service's behaviour there is
//! unconfirmed, so a client must be right with both.
//!
//! It must not authenticate or inject faults, nor know how entries are made.

use base64::Engine as _;
use serde_json::value::RawValue;

use super::params::{Params, max_results, optional, required};
use super::{Context, Reply};
use crate::emulator::ErrorReply;
use crate::emulator::data::Filter;

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
    let logs = RawValue::from_string(selected.json).expect("the selected entries are a JSON array");
    let page = LogsPage {
        request_id,
        is_truncated: more,
        next_token,
        max_results: page_size,
        execution_logs: logs,
    };
    Ok(Reply {
        body: serde_json::to_string(&page).expect("a page serializes"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_belong_to_their_execution() {
        let t = encode_token("exec-a", 5);
        assert_eq!(decode_token(&t, "exec-a"), Some(5));
        assert_eq!(decode_token(&t, "exec-b"), None);
        assert_eq!(decode_token("garbage", "exec-a"), None);
    }
}
