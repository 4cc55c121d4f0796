//! The emulator over raw HTTP, as any client would reach it: GET and POST (query or form
//! body), the timestamp window, nonce replay, and the shape of its error bodies.

use oos_api::signer;
use oos_logs::emulator::{self, BackgroundEmulator};
use serde_json::Value;

use crate::support::emulator;

fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Signed parameters of a ListExecutionLogs call for `method`.
fn signed(method: &str, nonce: &str, timestamp: &str, secret: &str) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = [
        ("Action", "ListExecutionLogs"),
        ("Version", "2019-06-01"),
        ("Format", "JSON"),
        ("AccessKeyId", emulator::DEMO_ACCESS_KEY_ID),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
        ("Timestamp", timestamp),
        ("RegionId", "cn-hangzhou"),
        ("ExecutionId", "exec-small"),
        ("MaxResults", "5"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let signature = signer::sign(
        method,
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        secret,
    );
    params.push(("Signature".to_owned(), signature));
    params
}

fn encode(params: &[(String, String)]) -> String {
    signer::encode_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Sends one request and returns (status, body).
fn send(em: &BackgroundEmulator, method: &str, query: &str, form: Option<&str>) -> (u16, Value) {
    let url = format!("{}/?{query}", em.url());
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let form = form.map(str::to_owned);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async move {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let client = reqwest::Client::builder().no_proxy().build().unwrap();
            let mut request = client.request(method, url);
            if let Some(form) = form {
                request = request
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (
                status,
                serde_json::from_slice(&response.bytes().await.unwrap()).unwrap(),
            )
        })
}

#[test]
fn get_with_a_signed_query() {
    let em = emulator();
    let (status, body) = send(
        &em,
        "GET",
        &encode(&signed(
            "GET",
            "g1",
            &now(),
            emulator::DEMO_ACCESS_KEY_SECRET,
        )),
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ExecutionLogs"].as_array().unwrap().len(), 5);
    assert!(body["NextToken"].is_string());
}

#[test]
fn post_with_parameters_in_a_form_body() {
    let em = emulator();
    let (status, body) = send(
        &em,
        "POST",
        "",
        Some(&encode(&signed(
            "POST",
            "p1",
            &now(),
            emulator::DEMO_ACCESS_KEY_SECRET,
        ))),
    );
    assert_eq!(status, 200, "{body}");
    // Signed for GET but sent as POST: the method is part of the signature.
    let (status, body) = send(
        &em,
        "POST",
        &encode(&signed(
            "GET",
            "p2",
            &now(),
            emulator::DEMO_ACCESS_KEY_SECRET,
        )),
        None,
    );
    assert_eq!(
        (status, body["Code"].as_str()),
        (400, Some("SignatureDoesNotMatch"))
    );
}

#[test]
fn error_bodies_have_the_alibaba_shape() {
    let em = emulator();
    let (status, body) = send(
        &em,
        "GET",
        &encode(&signed("GET", "e1", &now(), "wrong")),
        None,
    );
    assert_eq!(status, 400);
    for field in ["RequestId", "HostId", "Code", "Message", "Recommend"] {
        assert!(body[field].is_string(), "{field} missing in {body}");
    }
}

#[test]
fn stale_timestamps_and_replayed_nonces_are_refused() {
    let em = emulator();
    let stale = (jiff::Timestamp::now() - jiff::SignedDuration::from_mins(16))
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let (status, body) = send(
        &em,
        "GET",
        &encode(&signed(
            "GET",
            "t1",
            &stale,
            emulator::DEMO_ACCESS_KEY_SECRET,
        )),
        None,
    );
    assert_eq!(
        (status, body["Code"].as_str()),
        (400, Some("InvalidTimeStamp.Expired"))
    );
    let query = encode(&signed(
        "GET",
        "t2",
        &now(),
        emulator::DEMO_ACCESS_KEY_SECRET,
    ));
    assert_eq!(send(&em, "GET", &query, None).0, 200);
    let (status, body) = send(&em, "GET", &query, None);
    assert_eq!(
        (status, body["Code"].as_str()),
        (400, Some("SignatureNonceUsed"))
    );
}
