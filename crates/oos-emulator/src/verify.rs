//! The emulator's own RPC signature (V1, HMAC-SHA1), written apart from the client's signer
//! so that a signer bug cannot sign and verify alike: parameters sorted by name, each name and
//! value percent-encoded (RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay as they are), joined with
//! `=` and `&`; `StringToSign = METHOD & %2F & encode(canonical query)`;
//! `Signature = Base64(HMAC-SHA1(secret + "&", StringToSign))`. Checked against the published
//! vectors of Alibaba Cloud's documentation and SDK test suites.
//!
//! It must not read requests or decide what is accepted (auth does).

use base64::Engine as _;
use hmac::{Hmac, KeyInit as _, Mac as _};

/// The query parameter that carries the signature (never signed itself).
pub const SIGNATURE_PARAM: &str = "Signature";

/// `text` percent-encoded as RPC signing wants it.
fn encode(text: &str, out: &mut String) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

/// The canonicalized query string of `params` (sorted by name, then value).
pub fn canonical_query<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut pairs: Vec<(&str, &str)> = params.into_iter().collect();
    pairs.sort_unstable();
    let mut out = String::new();
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(name, &mut out);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

/// The string a request of `method` with this canonical query signs.
pub fn string_to_sign(method: &str, canonical: &str) -> String {
    let mut out = format!("{method}&%2F&");
    encode(canonical, &mut out);
    out
}

/// Base64(HMAC-SHA1(key, message)).
fn hmac_sha1(key: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The signature of a request of `method` with `params`, by `secret`.
pub fn sign<'a>(
    method: &str,
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
    secret: &str,
) -> String {
    let to_sign = string_to_sign(method, &canonical_query(params));
    hmac_sha1(format!("{secret}&").as_bytes(), to_sign.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TV1: [(&str, &str); 8] = [
        ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"),
        ("Format", "XML"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("SignatureVersion", "1.0"),
        ("Timestamp", "2016-02-23T12:46:24Z"),
        ("Version", "2014-05-26"),
    ];

    fn oos_params() -> Vec<(&'static str, &'static str)> {
        vec![
            ("AccessKeyId", "testid"),
            ("Action", "ListExecutionLogs"),
            ("ExecutionId", "exec-1234567890abcdef"),
            ("Format", "JSON"),
            ("MaxResults", "50"),
            ("RegionId", "cn-hangzhou"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2024-01-02T03:04:05Z"),
            ("Version", "2019-06-01"),
        ]
    }

    #[test]
    fn the_published_describe_regions_example() {
        assert_eq!(
            string_to_sign("GET", &canonical_query(TV1)),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            sign("GET", TV1, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
        assert_eq!(
            sign("POST", TV1, "testsecret"),
            "MxbnVAM4w6sft9xjVpe/GCKueuk="
        );
    }

    #[test]
    fn the_sdk_test_suites_vectors() {
        assert_eq!(
            string_to_sign("", &canonical_query([("test", "ok")])),
            "&%2F&test%3Dok"
        );
        assert_eq!(
            sign("", [("test", "ok")], "accessKeySecret"),
            "jHx/oHoHNrbVfhncHEvPdHXZwHU="
        );
        assert_eq!(
            sign("GET", [("query", "test"), ("body", "test")], "secret"),
            "XlUyV4sXjOuX5FnjUz9IF9tm5rU="
        );
        let mut go = vec![
            ("AccessKeyId", "accessKeyId"),
            ("Action", ""),
            ("Format", "JSON"),
            ("RegionId", "regionId"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "MOCK_UUID"),
            ("SignatureType", ""),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "mock date"),
            ("Version", ""),
        ];
        assert_eq!(
            sign("GET", go.clone(), "accessKeySecret"),
            "7loPmFjvDnzOVnQeQNj85S6nFGY="
        );
        go.push(("SecurityToken", "accessKeyStsToken"));
        assert_eq!(
            sign("GET", go, "accessKeySecret"),
            "5Nxdcler+ihqWqv0Hr2On4PsBf4="
        );
        assert_eq!(
            string_to_sign(
                "GET",
                &canonical_query([("key", "value"), ("q", "http://domain/?q=value&q2=value2")])
            ),
            "GET&%2F&key%3Dvalue%26q%3Dhttp%253A%252F%252Fdomain%252F%253Fq%253Dvalue%2526q2%253Dvalue2"
        );
        assert_eq!(string_to_sign("GET", &canonical_query([])), "GET&%2F&");
        assert_eq!(
            hmac_sha1(b"secret", b"source"),
            "Jv4yi8SobFhg5t1C7nWLbhBSFZQ="
        );
        assert_eq!(
            hmac_sha1(b"secret", "中文".as_bytes()),
            "CqCYIa39h9SSWuXnTz8F5hh9UPA="
        );
    }

    #[test]
    fn oos_shaped_and_encoding_vectors() {
        assert_eq!(
            sign("GET", oos_params(), "testsecret"),
            "ZW67KVA91FF/QlA/KI8iGfo8HI0="
        );
        assert_eq!(
            sign("POST", oos_params(), "testsecret"),
            "IE9SH0nOd9ChvowkP7SKGJT9zsM="
        );
        let mut sts = oos_params();
        sts[0] = ("AccessKeyId", "STS.testid");
        sts.push(("SecurityToken", "CAIS+token/with=chars"));
        sts.push(("NextToken", "gAAAAABd:J0y/lgA=="));
        assert_eq!(
            sign("POST", sts, "testsecret"),
            "kiro3RgN3ZJTanCmhAl2emhTDmo="
        );
        let edge = [("a", "x y*z~"), ("b", "中文")];
        assert_eq!(
            string_to_sign("GET", &canonical_query(edge)),
            "GET&%2F&a%3Dx%2520y%252Az~%26b%3D%25E4%25B8%25AD%25E6%2596%2587"
        );
        assert_eq!(sign("GET", edge, "secret"), "Tc4GTSjhlc8E8yLsgAG/vpLT3Dg=");
    }
}
