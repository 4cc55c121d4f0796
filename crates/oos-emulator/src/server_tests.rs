//! Tests of the server over real HTTP: the new actions are signed, counted and faulted like
//! `ListExecutionLogs`, and the clock a request starts is the one tests can read back.

use serde_json::Value;

use super::*;
use crate::verify;

/// Sends a signed GET of `action` with `params`; returns the status and the body.
fn call(em: &BackgroundEmulator, action: &str, params: &[(&str, &str)]) -> (u16, Value) {
    let timestamp = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let nonce = uuid::Uuid::new_v4().to_string();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("Action", action),
        ("Version", "2019-06-01"),
        ("Format", "JSON"),
        ("AccessKeyId", DEMO_ACCESS_KEY_ID),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", &nonce),
        ("Timestamp", &timestamp),
        ("RegionId", DEMO_REGION),
    ];
    pairs.extend_from_slice(params);
    let signature = verify::sign("GET", pairs.iter().copied(), DEMO_ACCESS_KEY_SECRET);
    pairs.push(("Signature", &signature));
    let url = format!(
        "{}/?{}",
        em.url(),
        verify::canonical_query(pairs.iter().copied())
    );
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async move {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let client = reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("a client");
            let response = client.get(url).send().await.expect("an answer");
            let status = response.status().as_u16();
            let body = response.bytes().await.expect("a body");
            (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
        })
}

#[test]
fn new_actions_are_served_counted_and_faulted() {
    let em = BackgroundEmulator::start(EmulatorConfig {
        faults: Faults {
            throttle_every: Some(3),
            retry_after_ms: 10,
            ..Faults::default()
        },
        ..EmulatorConfig::default()
    })
    .expect("emulator starts");
    let (status, body) = call(
        &em,
        "ListTaskExecutions",
        &[("ExecutionId", "exec-demo-failed")],
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["TaskExecutions"].as_array().unwrap().len(), 2);
    let (status, body) = call(&em, "ListExecutions", &[("ExecutionId", "exec-parent")]);
    assert_eq!(
        (status, &body["Executions"][0]["IsParent"]),
        (200, &Value::Bool(true))
    );
    let (status, body) = call(&em, "ListTaskExecutions", &[("ExecutionId", "exec-small")]);
    assert_eq!(
        (status, body["Code"].as_str()),
        (400, Some("Throttling.User"))
    );
    assert_eq!(em.stats().action_count("ListTaskExecutions"), 1);
    assert_eq!(em.stats().action_count("ListExecutions"), 1);
    let (status, body) = call(&em, "ListTaskExecutions", &[]);
    assert_eq!(
        (status, body["Code"].as_str()),
        (400, Some("MissingParameter"))
    );
}

#[test]
fn the_clock_a_request_starts_can_be_read_back() {
    let em = BackgroundEmulator::start(EmulatorConfig {
        tail_token: TailToken::Token,
        ..EmulatorConfig::default()
    })
    .expect("emulator starts");
    let id = "exec-live-success-2x60000";
    assert!(em.clock(id).is_none());
    let (status, body) = call(&em, "ListExecutionLogs", &[("ExecutionId", id)]);
    assert_eq!(status, 200, "{body}");
    let clock = em.clock(id).expect("the request started it");
    let expected: Vec<Value> = data::Sample::find(id)
        .unwrap()
        .entries_at(clock.now())
        .map(Value::Object)
        .collect();
    assert_eq!(body["ExecutionLogs"].as_array().unwrap(), &expected);
    assert!(body["NextToken"].is_string(), "a tail token while running");
    let (_, listed) = call(&em, "ListExecutions", &[("MaxResults", "10")]);
    assert_eq!(listed["Executions"][0]["ExecutionId"], id);
    assert_eq!(listed["Executions"][0]["Status"], "Running");
}

#[test]
fn a_child_of_the_live_parent_reads_its_parent_clock() {
    let em = BackgroundEmulator::start(EmulatorConfig::default()).expect("emulator starts");
    let late = "exec-live-parent-late";
    assert!(em.clock(late).is_none());
    let (status, body) = call(&em, "ListExecutionLogs", &[("ExecutionId", late)]);
    assert_eq!(
        (status, body["Code"].as_str()),
        (404, Some("EntityNotExists.Execution")),
        "{body}"
    );
    let clock = em
        .clock(late)
        .expect("the request started the parent's clock");
    assert_eq!(em.clock("exec-live-parent"), Some(clock));
}

#[test]
fn fault_answers_are_chosen_without_a_server() {
    use faults::Fault;
    let status = |fault| {
        fault_response(Some(fault), 75, "R", "h").map(|r: Response<Body>| r.status().as_u16())
    };
    assert_eq!(status(Fault::ServiceUnavailable), Some(503));
    assert_eq!(status(Fault::Html502), Some(502));
    assert_eq!(status(Fault::Error200), Some(200));
    assert_eq!(status(Fault::ForgedError), Some(400));
    let throttled = fault_response(Some(Fault::Throttle), 75, "R", "h").expect("an answer");
    assert_eq!(throttled.status().as_u16(), 400);
    assert_eq!(
        throttled.headers()[crate::RETRY_AFTER_HEADER],
        "75",
        "the retry-after the flag set"
    );
    // These alter the real answer instead; no fault, no substitute.
    for fault in [
        Fault::Truncate,
        Fault::TokenNotString,
        Fault::TruncatedWithoutToken,
    ] {
        assert!(status(fault).is_none(), "{fault:?}");
    }
    assert!(fault_response(None, 75, "R", "h").is_none());
}

#[test]
fn truncation_cuts_at_a_character_boundary() {
    let mut text = "ab\u{e9}\u{e9}".to_owned();
    cut_in_half(&mut text);
    assert_eq!(text, "ab");
    let mut text = "a\u{4e2d}".to_owned();
    cut_in_half(&mut text);
    assert_eq!(text, "a");
}
