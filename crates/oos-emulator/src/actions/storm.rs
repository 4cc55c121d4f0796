//! The page storm (`--page-storm`): every list page answers as the service would, but with a
//! fresh `NextToken`; a page asked with one of those tokens holds no records, or the first
//! page's records again, and another fresh token, for ever. A server that never stops paging
//! and never brings anything new, for clients to survive.
//!
//! It must not know how an action builds its pages (it rewrites their answers).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{Context, Reply};
use crate::ErrorReply;
use crate::faults::PageStorm;

/// What storm tokens start with.
const PREFIX: &str = "storm.";

/// Each storm token is padded to this many bytes (large tokens, as some services send).
const TOKEN_BYTES: usize = 1024;

/// The storm's answer to a list request.
pub(super) fn answer(
    params: &HashMap<String, String>,
    context: &Context<'_>,
    request_id: &str,
    storm: PageStorm,
) -> Result<Reply, ErrorReply> {
    let asked = params.get("NextToken").map(String::as_str);
    let count = match asked.and_then(|t| t.strip_prefix(PREFIX)) {
        Some(rest) => {
            let n: u64 = rest
                .split('.')
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| ErrorReply::invalid_parameter("NextToken"))?;
            Some(n)
        }
        None => None,
    };
    let mut first = params.clone();
    if count.is_some() {
        // The first page's answer, rewritten below.
        first.remove("NextToken");
    }
    let reply = super::answer(&first, context, request_id)?;
    let mut object: Map<String, Value> =
        serde_json::from_str(&reply.body).expect("the emulator's own answer is a JSON object");
    if count.is_some() && storm == PageStorm::Empty {
        for value in object.values_mut() {
            if value.is_array() {
                *value = Value::Array(Vec::new());
            }
        }
    }
    object.insert(
        "NextToken".into(),
        Value::String(token(count.unwrap_or(0) + 1)),
    );
    Ok(Reply {
        body: serde_json::to_string(&object).expect("a map serializes"),
    })
}

/// Storm token number `n`.
fn token(n: u64) -> String {
    let mut t = format!("{PREFIX}{n}.");
    t.extend(std::iter::repeat_n(
        'x',
        TOKEN_BYTES.saturating_sub(t.len()),
    ));
    t
}
