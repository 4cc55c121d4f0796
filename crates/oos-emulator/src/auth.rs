//! The emulator's request authentication, as the service does it: parameters from the query
//! and a form body, RPC V1 signature verification (GET and POST), the timestamp window, nonce
//! replay, the security token of temporary keys.
//!
//! It decodes the wire format by form rules (`+` is a space; `form_urlencoded`, not the
//! client's encoder) and recomputes the signature with the pure signer, so wiring bugs in the
//! client show up as `SignatureDoesNotMatch`.
//! It must not dispatch actions or build success bodies.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::ErrorReply;
use crate::verify;

/// A key the emulator accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessKey {
    /// AccessKeyId.
    pub id: String,
    /// AccessKeySecret.
    pub secret: String,
    /// The SecurityToken that must come with this key (temporary credentials).
    pub security_token: Option<String>,
    /// When a temporary key stops working.
    pub expires: Option<jiff::Timestamp>,
}

/// Decodes `application/x-www-form-urlencoded` bytes (also a raw query string); invalid UTF-8
/// after percent-decoding becomes U+FFFD.
pub fn decode_form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

/// Nonces by value, and in the order they arrived (to forget them once out of the window).
type Seen = (HashMap<String, Instant>, VecDeque<(Instant, String)>);

/// Nonces seen within the timestamp window.
#[derive(Debug, Default)]
pub struct NonceStore {
    inner: Mutex<Seen>,
}

impl NonceStore {
    /// Records `nonce`; false if it was used within `window`.
    pub fn insert(&self, nonce: &str, window: Duration) -> bool {
        let now = Instant::now();
        let mut guard = self.inner.lock().expect("nonce store lock");
        let (seen, order) = &mut *guard;
        while let Some((at, _)) = order.front() {
            if now.duration_since(*at) <= window {
                break;
            }
            let (_, old) = order.pop_front().expect("front exists");
            seen.remove(&old);
        }
        if seen.contains_key(nonce) {
            return false;
        }
        seen.insert(nonce.to_owned(), now);
        order.push_back((now, nonce.to_owned()));
        true
    }
}

/// `YYYY-MM-DDThh:mm:ssZ`, digit for digit.
fn is_documented_timestamp(t: &str) -> bool {
    t.len() == 20
        && t.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

/// Checks a request; returns its parameters (without `Signature`) on success.
pub fn authenticate(
    method: &str,
    params: Vec<(String, String)>,
    keys: &[AccessKey],
    nonces: &NonceStore,
    window: Duration,
) -> Result<HashMap<String, String>, ErrorReply> {
    let mut signature = None;
    let mut signed: Vec<(String, String)> = Vec::with_capacity(params.len());
    for (k, v) in params {
        if k == verify::SIGNATURE_PARAM {
            signature = Some(v);
        } else {
            signed.push((k, v));
        }
    }
    let map: HashMap<String, String> = signed.iter().cloned().collect();
    for required in [
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        "Version",
        "Action",
    ] {
        if map.get(required).is_none_or(String::is_empty) {
            return Err(ErrorReply::missing_parameter(required));
        }
    }
    let Some(signature) = signature else {
        return Err(ErrorReply::missing_parameter("Signature"));
    };
    if map["SignatureMethod"] != "HMAC-SHA1" || map["SignatureVersion"] != "1.0" {
        return Err(ErrorReply::new(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards.",
        ));
    }
    let key = keys
        .iter()
        .find(|k| k.id == map["AccessKeyId"])
        .ok_or_else(|| {
            ErrorReply::new(
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            )
        })?;

    // Exactly `YYYY-MM-DDThh:mm:ssZ`, as the API documents: no fraction, no offset.
    let timestamp = Some(map["Timestamp"].as_str())
        .filter(|t| is_documented_timestamp(t))
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .ok_or_else(|| {
            ErrorReply::new(
                400,
                "InvalidTimeStamp.Format",
                "Specified time stamp or date value is not well formatted.",
            )
        })?;
    let skew = jiff::Timestamp::now()
        .duration_since(timestamp)
        .unsigned_abs();
    if skew > window {
        return Err(ErrorReply::new(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ));
    }

    let expected = verify::sign(
        method,
        signed.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &key.secret,
    );
    if expected != signature {
        let string_to_sign = verify::string_to_sign(
            method,
            &verify::canonical_query(signed.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        );
        return Err(ErrorReply::new(
            400,
            "SignatureDoesNotMatch",
            &format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
        ));
    }

    if key.expires.is_some_and(|t| t <= jiff::Timestamp::now()) {
        return Err(ErrorReply::new(
            400,
            "InvalidSecurityToken.Expired",
            "The security token you provided has expired.",
        ));
    }

    if let Some(required) = &key.security_token
        && map.get("SecurityToken") != Some(required)
    {
        return Err(ErrorReply::new(
            400,
            "InvalidSecurityToken.Malformed",
            "The security token you provided is malformed.",
        ));
    }

    if !nonces.insert(&map["SignatureNonce"], window) {
        return Err(ErrorReply::new(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<AccessKey> {
        vec![AccessKey {
            id: "testid".into(),
            secret: "testsecret".into(),
            security_token: None,
            expires: None,
        }]
    }

    fn signed_params(method: &str, nonce: &str, timestamp: &str) -> Vec<(String, String)> {
        let mut params: Vec<(String, String)> = [
            ("AccessKeyId", "testid"),
            ("Action", "ListExecutionLogs"),
            ("Format", "JSON"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("SignatureNonce", nonce),
            ("Timestamp", timestamp),
            ("Version", "2019-06-01"),
            ("ExecutionId", "exec a+b"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let sig = verify::sign(
            method,
            params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            "testsecret",
        );
        params.push(("Signature".into(), sig));
        params
    }

    fn now() -> String {
        jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }

    const WINDOW: Duration = Duration::from_secs(900);

    #[test]
    fn form_decoding_follows_form_rules() {
        assert_eq!(
            decode_form(b"a=x+y%2Bz&b=&c&&%E4%B8%AD=%FF"),
            vec![
                ("a".into(), "x y+z".into()),
                ("b".into(), String::new()),
                ("c".into(), String::new()),
                ("中".into(), "\u{fffd}".into()),
            ]
        );
    }

    #[test]
    fn accepts_a_good_signature_for_get_and_post() {
        let nonces = NonceStore::default();
        for method in ["GET", "POST"] {
            let p = signed_params(method, &format!("n-{method}"), &now());
            let map = authenticate(method, p, &keys(), &nonces, WINDOW).unwrap();
            assert_eq!(map["ExecutionId"], "exec a+b");
        }
    }

    #[test]
    fn rejects_method_mismatch_wrong_secret_and_replay() {
        let nonces = NonceStore::default();
        let p = signed_params("GET", "n1", &now());
        assert_eq!(
            authenticate("POST", p, &keys(), &nonces, WINDOW)
                .unwrap_err()
                .code,
            "SignatureDoesNotMatch"
        );
        let other = vec![AccessKey {
            id: "testid".into(),
            secret: "other".into(),
            security_token: None,
            expires: None,
        }];
        assert_eq!(
            authenticate(
                "POST",
                signed_params("POST", "n2", &now()),
                &other,
                &nonces,
                WINDOW
            )
            .unwrap_err()
            .code,
            "SignatureDoesNotMatch"
        );
        let p = signed_params("POST", "n3", &now());
        authenticate("POST", p.clone(), &keys(), &nonces, WINDOW).unwrap();
        assert_eq!(
            authenticate("POST", p, &keys(), &nonces, WINDOW)
                .unwrap_err()
                .code,
            "SignatureNonceUsed"
        );
    }

    #[test]
    fn rejects_stale_timestamps_and_unknown_keys() {
        let nonces = NonceStore::default();
        let p = signed_params("POST", "n4", "2020-01-01T00:00:00Z");
        assert_eq!(
            authenticate("POST", p, &keys(), &nonces, WINDOW)
                .unwrap_err()
                .code,
            "InvalidTimeStamp.Expired"
        );
        let p = signed_params("POST", "n5", &now());
        let err = authenticate("POST", p, &[], &nonces, WINDOW).unwrap_err();
        assert_eq!(
            (err.status, err.code.as_str()),
            (404, "InvalidAccessKeyId.NotFound")
        );
    }

    #[test]
    fn timestamps_must_be_exactly_the_documented_format() {
        let nonces = NonceStore::default();
        let now = jiff::Timestamp::now();
        for (i, bad) in [
            now.strftime("%Y-%m-%dT%H:%M:%S.%3fZ").to_string(),
            now.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
            now.strftime("%Y-%m-%d %H:%M:%SZ").to_string(),
        ]
        .iter()
        .enumerate()
        {
            let p = signed_params("POST", &format!("f{i}"), bad);
            assert_eq!(
                authenticate("POST", p, &keys(), &nonces, WINDOW)
                    .unwrap_err()
                    .code,
                "InvalidTimeStamp.Format",
                "{bad}"
            );
        }
    }

    #[test]
    fn missing_parameters_are_named() {
        let nonces = NonceStore::default();
        let p: Vec<_> = signed_params("POST", "n6", &now())
            .into_iter()
            .filter(|(k, _)| k != "Timestamp")
            .collect();
        let err = authenticate("POST", p, &keys(), &nonces, WINDOW).unwrap_err();
        assert_eq!(err.code, "MissingParameter");
        assert!(err.message.contains("Timestamp"));
    }

    #[test]
    fn temporary_keys_need_their_token() {
        let nonces = NonceStore::default();
        let sts = vec![AccessKey {
            id: "testid".into(),
            secret: "testsecret".into(),
            security_token: Some("tok".into()),
            expires: None,
        }];
        let err = authenticate(
            "POST",
            signed_params("POST", "n7", &now()),
            &sts,
            &nonces,
            WINDOW,
        )
        .unwrap_err();
        assert_eq!(err.code, "InvalidSecurityToken.Malformed");
    }
}
