//! Response bodies of the emulator, and the faults of a misbehaving server that live in them:
//! a body dripped one byte at a time, a huge body streamed without ever being built whole, an
//! unknown field nested absurdly deep, page tokens that are not strings or missing under
//! `IsTruncated: true`, and an error whose every field forges lines of oos-logs' own output.
//!
//! It must not decide which request is faulted (`faults` does) nor authenticate.

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt as _, Full, StreamBody};
use hyper::body::Frame;
use serde_json::{Map, Value, json};

use super::faults::Fault;

/// A response body: whole, or streamed.
pub type Body = UnsyncBoxBody<Bytes, Infallible>;

/// A body sent whole.
pub fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed_unsync()
}

/// `body`, one byte every `every` (the first at once).
pub fn drip(body: Bytes, every: Duration) -> Body {
    let stream = futures_util::stream::unfold((body, 0usize), move |(body, at)| async move {
        if at >= body.len() {
            return None;
        }
        if at > 0 {
            tokio::time::sleep(every).await;
        }
        let frame = Frame::data(body.slice(at..at + 1));
        Some((Ok::<_, Infallible>(frame), (body, at + 1)))
    });
    StreamBody::new(stream).boxed_unsync()
}

/// One record of the huge body: a log entry like the real ones, padded.
const HUGE_RECORD: &str = r#"{"Timestamp":"2024-01-01T00:00:00Z","LogType":"Info","TaskExecutionId":"exec-huge.t0001","Message":"a huge page: this entry is one of many, sent to find out whether the client reads a body of any size into memory"}"#;

/// Records per streamed chunk (about 100 KiB).
const HUGE_RECORDS_PER_CHUNK: usize = 512;

/// A `ListExecutionLogs`-shaped body of at least `mib` MiB, streamed in chunks of about
/// 100 KiB: only one chunk ever exists.
pub fn huge(mib: u64, request_id: &str) -> Body {
    let total = mib.saturating_mul(1024 * 1024);
    let head = Bytes::from(format!(
        r#"{{"RequestId":"{request_id}","IsTruncated":false,"MaxResults":50,"ExecutionLogs":[{HUGE_RECORD}"#
    ));
    let chunk = Bytes::from(format!(",{HUGE_RECORD}").repeat(HUGE_RECORDS_PER_CHUNK));
    enum Stage {
        Head,
        Records(u64),
        Tail,
        Done,
    }
    let stream = futures_util::stream::unfold(Stage::Head, move |stage| {
        let (head, chunk) = (head.clone(), chunk.clone());
        async move {
            let (bytes, next) = match stage {
                Stage::Head => {
                    let sent = head.len() as u64;
                    (head, Stage::Records(sent))
                }
                Stage::Records(sent) if sent < total => {
                    let sent = sent + chunk.len() as u64;
                    (chunk, Stage::Records(sent))
                }
                Stage::Records(_) => (Bytes::from_static(b"]}"), Stage::Tail),
                Stage::Tail | Stage::Done => return None,
            };
            let next = if matches!(next, Stage::Tail) {
                Stage::Done
            } else {
                next
            };
            Some((Ok::<_, Infallible>(Frame::data(bytes)), next))
        }
    });
    StreamBody::new(stream).boxed_unsync()
}

/// `text` (a JSON object) with a field `Deep` nested `levels` arrays deep, in its first record
/// (the first object of `ExecutionLogs`, `Executions` or `TaskExecutions`), else at its top.
pub fn nest_deep(text: &str, levels: u64) -> String {
    let levels = usize::try_from(levels).unwrap_or(usize::MAX).min(1 << 24);
    let field = format!(r#""Deep":{}{}"#, "[".repeat(levels), "]".repeat(levels));
    let at = [
        "\"ExecutionLogs\":[{",
        "\"Executions\":[{",
        "\"TaskExecutions\":[{",
    ]
    .iter()
    .find_map(|key| text.find(key).map(|i| i + key.len()))
    .or_else(|| text.find('{').map(|i| i + 1));
    let Some(at) = at else {
        return text.to_owned();
    };
    let rest = &text[at..];
    let comma = if rest.trim_start().starts_with('}') {
        ""
    } else {
        ","
    };
    format!("{}{field}{comma}{rest}", &text[..at])
}

/// A list page with its `NextToken` turned bad as `fault` asks: a number, or gone under
/// `IsTruncated: true`. Bodies without a `NextToken` (the last page) stay as they are.
pub fn bad_token(text: String, fault: Option<Fault>) -> String {
    if !matches!(
        fault,
        Some(Fault::TokenNotString | Fault::TruncatedWithoutToken)
    ) {
        return text;
    }
    let Ok(mut page) = serde_json::from_str::<Map<String, Value>>(&text) else {
        return text;
    };
    if !matches!(page.get("NextToken"), Some(Value::String(t)) if !t.is_empty()) {
        return text;
    }
    if fault == Some(Fault::TruncatedWithoutToken) {
        page.shift_remove("NextToken");
        page.insert("IsTruncated".into(), Value::Bool(true));
    } else {
        page.insert("NextToken".into(), json!(1_234_567));
    }
    Value::Object(page).to_string()
}

/// What the forged error puts after each of its fields.
pub const FORGED_LINES: &str = "\n  hint: forged\n  RequestId: FORGED";

/// The body of an error whose Code, Message, RequestId and Recommend each carry lines that
/// look like oos-logs' own (`hint:` and `RequestId:` lines).
pub fn forged_error(request_id: &str, host: &str) -> String {
    json!({
        "RequestId": format!("{request_id}{FORGED_LINES}"),
        "HostId": host,
        "Code": format!("InvalidParameter{FORGED_LINES}"),
        "Message": format!("The parameter is not valid.{FORGED_LINES}"),
        "Recommend": format!("https://api.aliyun.com/troubleshoot?q=InvalidParameter{FORGED_LINES}"),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(body: Body) -> Bytes {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(async move { body.collect().await.expect("infallible").to_bytes() })
    }

    #[test]
    fn a_huge_body_is_valid_json_of_the_size_asked() {
        let bytes = collect(huge(1, "R"));
        assert!(bytes.len() as u64 >= 1024 * 1024, "{}", bytes.len());
        assert!((bytes.len() as u64) < 1024 * 1024 + 200 * 1024);
        let page: Value = serde_json::from_slice(&bytes).expect("valid JSON");
        assert!(page["ExecutionLogs"].as_array().expect("records").len() > 1000);
    }

    #[test]
    fn a_dripped_body_is_the_body() {
        assert_eq!(
            collect(drip(
                Bytes::from_static(b"{\"a\":1}"),
                Duration::from_millis(1)
            )),
            Bytes::from_static(b"{\"a\":1}")
        );
    }

    #[test]
    fn deep_fields_go_in_the_first_record_or_at_the_top() {
        let page = nest_deep(r#"{"R":"x","ExecutionLogs":[{"M":1},{"M":2}]}"#, 3);
        assert_eq!(
            page,
            r#"{"R":"x","ExecutionLogs":[{"Deep":[[[]]],"M":1},{"M":2}]}"#
        );
        assert_eq!(nest_deep(r#"{}"#, 2), r#"{"Deep":[[]]}"#);
        assert_eq!(
            nest_deep(r#"{"ExecutionLogs":[{}]}"#, 1),
            r#"{"ExecutionLogs":[{"Deep":[]}]}"#
        );
        let v: Value = serde_json::from_str(&nest_deep(r#"{"Code":"Success"}"#, 100)).unwrap();
        assert_eq!(v["Code"], "Success");
    }

    #[test]
    fn bad_tokens() {
        let page = r#"{"RequestId":"r","NextToken":"t","IsTruncated":true,"ExecutionLogs":[]}"#;
        let number = bad_token(page.into(), Some(Fault::TokenNotString));
        assert_eq!(
            number,
            r#"{"RequestId":"r","NextToken":1234567,"IsTruncated":true,"ExecutionLogs":[]}"#
        );
        let missing = bad_token(page.into(), Some(Fault::TruncatedWithoutToken));
        assert_eq!(
            missing,
            r#"{"RequestId":"r","IsTruncated":true,"ExecutionLogs":[]}"#
        );
        let last = r#"{"IsTruncated":false,"ExecutionLogs":[]}"#;
        assert_eq!(
            bad_token(last.into(), Some(Fault::TruncatedWithoutToken)),
            last
        );
        assert_eq!(bad_token(page.into(), None), page);
    }
}
