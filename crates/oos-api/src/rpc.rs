//! Builds and signs any Alibaba Cloud RPC request: the OOS API (`Version` 2019-06-01) and STS
//! (2015-04-01) alike.
//!
//! Owns the common parameters (`Action`, `Version`, `Format`, `Timestamp`, `SignatureNonce`,
//! and for a signed request `AccessKeyId`, `SignatureMethod`, `SignatureVersion`,
//! `SecurityToken`), where each parameter goes (the query, or a form body that is signed with
//! it), and the redacted form of a request for `-v` traces. Every request is a POST. A fresh
//! nonce and timestamp come from [`Stamp::now`] for each attempt; [`RpcRequest::sign`] itself
//! is pure. It must not send anything (`transport`) or read an answer (`client`, `credentials`).

use crate::credentials::Credentials;
use crate::secret::mask_key_id;
use crate::signer;

/// An RPC API: its `Version`, and the `RegionId` sent with each request, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Api<'a> {
    /// The API version, e.g. `2019-06-01`.
    pub version: &'a str,
    /// `RegionId`: OOS takes one; STS none.
    pub region: Option<&'a str>,
}

/// The nonce and time that make one attempt unique (a replayed request is refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// `SignatureNonce`.
    pub nonce: String,
    /// `Timestamp`, `YYYY-MM-DDThh:mm:ssZ`.
    pub timestamp: String,
}

impl Stamp {
    /// A new nonce and the current time: once for every attempt.
    pub(crate) fn now() -> Self {
        Self {
            nonce: fresh_nonce(),
            timestamp: jiff::Timestamp::now()
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        }
    }
}

/// A nonce no other attempt has: a random version-4 UUID drawn once a process, plus the count
/// of nonces before it (the service refuses a nonce it has seen; uniqueness is what counts, and
/// a random start keeps processes apart without a system call per request).
fn fresh_nonce() -> String {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static START: OnceLock<u128> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let start = *START.get_or_init(|| uuid::Uuid::new_v4().as_u128());
    // The count moves the low 64 bits, which the version and variant bits leave alone.
    let bits = start.wrapping_add(u128::from(COUNT.fetch_add(1, Ordering::Relaxed)));
    uuid::Builder::from_random_bytes(bits.to_be_bytes())
        .into_uuid()
        .to_string()
}

/// One call to make: the action, its parameters in the query, and those in a form body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RpcRequest<'a> {
    /// The API.
    pub api: Api<'a>,
    /// `Action`.
    pub action: &'a str,
    /// Parameters sent in the query.
    pub query: &'a [(&'a str, String)],
    /// Parameters sent in an `application/x-www-form-urlencoded` body (empty: no body).
    pub form: &'a [(&'a str, String)],
}

/// A request ready to send: its query, its body, and what was signed.
#[derive(Debug, Clone)]
pub(crate) struct Signed {
    /// The query string, `Signature` last when signed.
    pub query: String,
    /// The form body, None when there is no form.
    pub body: Option<String>,
    /// The string to sign (empty when unsigned): what a `SignatureDoesNotMatch` is compared
    /// with. It can hold a SecurityToken: never print it.
    pub string_to_sign: String,
}

impl Signed {
    /// The query for traces: `Signature` and `SecurityToken` redacted, `AccessKeyId` masked.
    /// Made from [`Signed::query`] only when a trace asks for it.
    pub(crate) fn trace_query(&self) -> String {
        let mut out = String::with_capacity(self.query.len());
        for (i, part) in self.query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            out.push_str(key);
            out.push('=');
            match key {
                signer::SIGNATURE_PARAM => out.push_str(REDACTED),
                "SecurityToken" => signer::percent_encode_into(&mut out, REDACTED),
                "AccessKeyId" => {
                    let id = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
                    signer::percent_encode_into(&mut out, &mask_key_id(&id));
                }
                _ => out.push_str(value),
            }
        }
        out
    }
}

/// What a trace shows for a secret.
const REDACTED: &str = "(redacted)";

impl RpcRequest<'_> {
    /// The request signed with `creds` (HMAC-SHA1 over the query and the form together), or
    /// unsigned when `creds` is None (`AssumeRoleWithOIDC`: the token is the proof).
    pub(crate) fn sign(&self, creds: Option<&Credentials>, stamp: &Stamp) -> Signed {
        let mut in_query: Vec<(&str, &str)> = Vec::with_capacity(10 + self.query.len());
        in_query.extend([
            ("Action", self.action),
            ("Version", self.api.version),
            ("Format", "JSON"),
            ("SignatureNonce", stamp.nonce.as_str()),
            ("Timestamp", stamp.timestamp.as_str()),
        ]);
        if let Some(region) = self.api.region {
            in_query.push(("RegionId", region));
        }
        if let Some(creds) = creds {
            in_query.push(("AccessKeyId", &creds.access_key_id));
            in_query.push(("SignatureMethod", "HMAC-SHA1"));
            in_query.push(("SignatureVersion", "1.0"));
            if let Some(token) = &creds.security_token {
                in_query.push(("SecurityToken", token.expose()));
            }
        }
        in_query.extend(self.query.iter().map(|(k, v)| (*k, v.as_str())));
        let form = self.form.iter().map(|(k, v)| (*k, v.as_str()));
        let body = (!self.form.is_empty()).then(|| signer::encode_pairs(form.clone()));
        let mut query = signer::canonical_query(in_query.iter().copied());
        let string_to_sign = match creds {
            Some(creds) => {
                // What is signed: the query, and the form with it when there is one.
                let signed = if self.form.is_empty() {
                    signer::string_to_sign("POST", &query)
                } else {
                    signer::string_to_sign(
                        "POST",
                        &signer::canonical_query(in_query.iter().copied().chain(form)),
                    )
                };
                let secret = creds.access_key_secret.expose();
                let mut key = Vec::with_capacity(secret.len() + 1);
                key.extend_from_slice(secret.as_bytes());
                key.push(b'&');
                let signature = signer::hmac_sha1_base64_key(&key, &signed);
                // The key is a copy of the secret: wiped before it is freed.
                key.iter_mut().for_each(|b| *b = 0);
                std::hint::black_box(&key);
                query.push_str("&Signature=");
                signer::percent_encode_into(&mut query, &signature);
                signed
            }
            None => String::new(),
        };
        Signed {
            query,
            body,
            string_to_sign,
        }
    }
}

/// The query for traces made from the parameters themselves: what [`Signed::trace_query`]
/// must agree with.
#[cfg(test)]
pub(crate) fn redacted_query(params: &[(&str, &str)], signed: bool) -> String {
    let shown: Vec<(&str, String)> = params
        .iter()
        .map(|(k, v)| {
            let v = match *k {
                "SecurityToken" => REDACTED.to_owned(),
                "AccessKeyId" => mask_key_id(v),
                _ => (*v).to_owned(),
            };
            (*k, v)
        })
        .collect();
    let mut query = signer::canonical_query(shown.iter().map(|(k, v)| (*k, v.as_str())));
    if signed {
        query.push_str("&Signature=");
        query.push_str(REDACTED);
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    const OOS: Api<'static> = Api {
        version: "2019-06-01",
        region: Some("cn-hangzhou"),
    };

    fn stamp() -> Stamp {
        Stamp {
            nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf".into(),
            timestamp: "2024-01-02T03:04:05Z".into(),
        }
    }

    #[test]
    fn nonces_are_version_4_uuids_and_never_repeat() {
        let nonces: Vec<String> = (0..10_000).map(|_| Stamp::now().nonce).collect();
        let distinct: std::collections::HashSet<&String> = nonces.iter().collect();
        assert_eq!(distinct.len(), nonces.len());
        for nonce in &nonces[..10] {
            let uuid = uuid::Uuid::parse_str(nonce).unwrap();
            assert_eq!(uuid.get_version_num(), 4, "{nonce}");
        }
    }

    #[test]
    fn an_oos_request_signs_like_the_published_vector() {
        let creds = Credentials::new("testid", Secret::new("testsecret"), None);
        let params = [
            ("ExecutionId", "exec-1234567890abcdef".to_owned()),
            ("MaxResults", "50".to_owned()),
        ];
        let signed = RpcRequest {
            api: OOS,
            action: "ListExecutionLogs",
            query: &params,
            form: &[],
        }
        .sign(Some(&creds), &stamp());
        // signer's tv8_oos_post.
        assert!(
            signed
                .query
                .ends_with("&Signature=IE9SH0nOd9ChvowkP7SKGJT9zsM%3D"),
            "{}",
            signed.query
        );
        assert!(signed.body.is_none());
        assert!(
            signed
                .string_to_sign
                .starts_with("POST&%2F&AccessKeyId%3Dtestid")
        );
    }

    #[test]
    fn the_form_is_signed_but_stays_in_the_body_and_traces_hide_secrets() {
        let creds = Credentials::new(
            "STS.NUexampleKey1234",
            Secret::new("s"),
            Some(Secret::new("CAIS-secret-token")),
        );
        let form = [("RoleArn", "acs:ram::1:role/r".to_owned())];
        let request = RpcRequest {
            api: Api {
                version: "2015-04-01",
                region: None,
            },
            action: "AssumeRole",
            query: &[],
            form: &form,
        };
        let signed = request.sign(Some(&creds), &stamp());
        assert_eq!(
            signed.body.as_deref(),
            Some("RoleArn=acs%3Aram%3A%3A1%3Arole%2Fr")
        );
        assert!(!signed.query.contains("RoleArn"));
        assert!(!signed.query.contains("RegionId"));
        assert!(signed.string_to_sign.contains("RoleArn"));
        let all: Vec<(&str, &str)> = [
            ("Action", "AssumeRole"),
            ("Version", "2015-04-01"),
            ("Format", "JSON"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Timestamp", "2024-01-02T03:04:05Z"),
            ("AccessKeyId", "STS.NUexampleKey1234"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("SecurityToken", "CAIS-secret-token"),
            ("RoleArn", "acs:ram::1:role/r"),
        ]
        .into();
        let expected = signer::sign("POST", all.iter().copied(), "s");
        assert!(
            signed
                .query
                .ends_with(&format!("&Signature={}", signer::percent_encode(&expected)))
        );
        let trace = signed.trace_query();
        assert!(!trace.contains("CAIS-secret-token"), "{trace}");
        assert!(!trace.contains("STS.NUexampleKey1234"), "{trace}");
        assert!(trace.ends_with("&Signature=(redacted)"), "{trace}");
        let shown: Vec<(&str, &str)> = all
            .iter()
            .copied()
            .filter(|(k, _)| *k != "RoleArn")
            .collect();
        assert_eq!(trace, redacted_query(&shown, true));

        let unsigned = request.sign(None, &stamp());
        assert!(!unsigned.query.contains("Signature="));
        assert!(!unsigned.query.contains("AccessKeyId"));
        assert!(unsigned.string_to_sign.is_empty());
    }
}
