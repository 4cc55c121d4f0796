//! Alibaba Cloud RPC signature V1 (HMAC-SHA1): pure functions only.
//!
//! Owns percent-encoding, the canonical query, the string to sign and the signature. It must
//! not read a clock, draw random numbers or touch HTTP: callers inject `Timestamp` and
//! `SignatureNonce` as ordinary parameters. Reference: `shared/reference/alibaba-api.md` §4.
//!
//! ```text
//! CanonicalQuery = join("&", sorted(pct(k) + "=" + pct(v)) for every param except Signature)
//! StringToSign   = METHOD + "&" + pct("/") + "&" + pct(CanonicalQuery)
//! Signature      = Base64(HMAC-SHA1(key = AccessKeySecret + "&", msg = StringToSign))
//! ```

use base64::Engine as _;
use hmac::{Hmac, KeyInit as _, Mac as _};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use std::borrow::Cow;

/// Every byte but `A-Z a-z 0-9 - _ . ~` is encoded, as `%XY` in upper case. So a space is
/// `%20` (never `+`), `*` is `%2A`, and `~` stays literal: RFC 3986 unreserved characters.
const ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The name of the parameter that carries the signature; it is never part of the signed set.
pub(crate) const SIGNATURE_PARAM: &str = "Signature";

/// Percent-encodes `s` as the RPC signature requires (UTF-8, byte by byte).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    percent_encode_into(&mut out, s);
    out
}

/// Appends `s` percent-encoded as [`percent_encode`] does to `out`, without a copy of its
/// own.
pub(crate) fn percent_encode_into(out: &mut String, s: &str) {
    out.extend(utf8_percent_encode(s, ENCODE_SET));
}

/// `s` percent-encoded, borrowed when it needs no encoding (names and most values).
fn encoded(s: &str) -> Cow<'_, str> {
    utf8_percent_encode(s, ENCODE_SET).into()
}

/// The canonicalized query string: parameters sorted by name (byte order, then by value),
/// each `pct(name)=pct(value)`, joined with `&`. `Signature` is left out; empty values stay
/// as `name=`.
pub(crate) fn canonical_query<'a, I>(params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut pairs: Vec<(Cow<'a, str>, Cow<'a, str>)> = params
        .into_iter()
        .filter(|(k, _)| *k != SIGNATURE_PARAM)
        .map(|(k, v)| (encoded(k), encoded(v)))
        .collect();
    // Encoding keeps ASCII order for the names Alibaba uses; sorting the raw names is what the
    // reference implementations do, and for ASCII names both orders agree. Equal pairs are
    // equal text, so an unstable sort gives the same string.
    pairs.sort_unstable();
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// `k=v&...` in the order given, each part percent-encoded as above: a query or form body
/// exactly as it was signed (a `Signature` included).
pub fn encode_pairs<'a, I>(params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut out = String::new();
    for (i, (k, v)) in params.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(&mut out, k);
        out.push('=');
        percent_encode_into(&mut out, v);
    }
    out
}

/// `METHOD&%2F&pct(canonical_query)`.
pub(crate) fn string_to_sign(method: &str, canonical_query: &str) -> String {
    // The query's own `%` and `&`/`=` grow to three bytes each.
    let mut out = String::with_capacity(method.len() + 4 + canonical_query.len() * 3 / 2);
    out.push_str(method);
    out.push_str("&%2F&");
    percent_encode_into(&mut out, canonical_query);
    out
}

/// `Base64(HMAC-SHA1(key, message))`.
pub(crate) fn hmac_sha1_base64(key: &str, message: &str) -> String {
    hmac_sha1_base64_key(key.as_bytes(), message)
}

/// [`hmac_sha1_base64`] with the key as bytes.
pub(crate) fn hmac_sha1_base64_key(key: &[u8], message: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The signature of a request: `method` is `GET` or `POST`, `params` every query and form
/// parameter (a `Signature` among them is ignored), `secret` the AccessKeySecret.
pub fn sign<'a, I>(method: &str, params: I, secret: &str) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let canonical = canonical_query(params);
    hmac_sha1_base64(&format!("{secret}&"), &string_to_sign(method, &canonical))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";

    fn tv1_params() -> Vec<(&'static str, &'static str)> {
        vec![
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", NONCE),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]
    }

    #[test]
    fn tv1_published_describe_regions_get() {
        let params = tv1_params();
        let canonical = canonical_query(params.iter().copied());
        assert_eq!(
            string_to_sign("GET", &canonical),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            sign("GET", params, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn tv2_same_params_post() {
        assert_eq!(
            sign("POST", tv1_params(), "testsecret"),
            "MxbnVAM4w6sft9xjVpe/GCKueuk="
        );
    }

    #[test]
    fn key_case_is_kept() {
        let params: Vec<_> = tv1_params()
            .into_iter()
            .map(|(k, v)| (if k == "Timestamp" { "TimeStamp" } else { k }, v))
            .collect();
        assert_eq!(
            sign("GET", params, "testsecret"),
            "CT9X0VtwR86fNWSnsc6v8YGOjuE="
        );
    }

    #[test]
    fn tv3_empty_method() {
        assert_eq!(
            string_to_sign("", &canonical_query([("test", "ok")])),
            "&%2F&test%3Dok"
        );
        assert_eq!(
            sign("", [("test", "ok")], "accessKeySecret"),
            "jHx/oHoHNrbVfhncHEvPdHXZwHU="
        );
    }

    #[test]
    fn tv4_query_and_body_merged() {
        let params = [("query", "test"), ("body", "test")];
        assert_eq!(
            string_to_sign("GET", &canonical_query(params)),
            "GET&%2F&body%3Dtest%26query%3Dtest"
        );
        assert_eq!(
            sign("GET", params, "secret"),
            "XlUyV4sXjOuX5FnjUz9IF9tm5rU="
        );
    }

    fn tv5_params() -> Vec<(&'static str, &'static str)> {
        vec![
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
        ]
    }

    #[test]
    fn tv5_go_sdk_empty_values_and_space() {
        let params = tv5_params();
        assert_eq!(
            string_to_sign("GET", &canonical_query(params.iter().copied())),
            "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON%26RegionId%3DregionId%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D"
        );
        assert_eq!(
            sign("GET", params, "accessKeySecret"),
            "7loPmFjvDnzOVnQeQNj85S6nFGY="
        );
    }

    #[test]
    fn tv5_with_security_token() {
        let mut params = tv5_params();
        params.push(("SecurityToken", "accessKeyStsToken"));
        assert_eq!(
            sign("GET", params, "accessKeySecret"),
            "5Nxdcler+ihqWqv0Hr2On4PsBf4="
        );
    }

    #[test]
    fn tv6_string_to_sign_only() {
        let params = [("key", "value"), ("q", "http://domain/?q=value&q2=value2")];
        assert_eq!(
            string_to_sign("GET", &canonical_query(params)),
            "GET&%2F&key%3Dvalue%26q%3Dhttp%253A%252F%252Fdomain%252F%253Fq%253Dvalue%2526q2%253Dvalue2"
        );
        assert_eq!(string_to_sign("GET", &canonical_query([])), "GET&%2F&");
    }

    #[test]
    fn tv7_raw_hmac() {
        assert_eq!(
            hmac_sha1_base64("secret", "source"),
            "Jv4yi8SobFhg5t1C7nWLbhBSFZQ="
        );
        assert_eq!(
            hmac_sha1_base64("secret", "中文"),
            "CqCYIa39h9SSWuXnTz8F5hh9UPA="
        );
    }

    fn tv8_params() -> Vec<(&'static str, &'static str)> {
        vec![
            ("AccessKeyId", "testid"),
            ("Action", "ListExecutionLogs"),
            ("ExecutionId", "exec-1234567890abcdef"),
            ("Format", "JSON"),
            ("MaxResults", "50"),
            ("RegionId", "cn-hangzhou"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", NONCE),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2024-01-02T03:04:05Z"),
            ("Version", "2019-06-01"),
        ]
    }

    #[test]
    fn tv8_oos_get() {
        let params = tv8_params();
        assert_eq!(
            string_to_sign("GET", &canonical_query(params.iter().copied())),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DListExecutionLogs%26ExecutionId%3Dexec-1234567890abcdef%26Format%3DJSON%26MaxResults%3D50%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-02T03%253A04%253A05Z%26Version%3D2019-06-01"
        );
        assert_eq!(
            sign("GET", params, "testsecret"),
            "ZW67KVA91FF/QlA/KI8iGfo8HI0="
        );
    }

    #[test]
    fn tv8_oos_post() {
        assert_eq!(
            sign("POST", tv8_params(), "testsecret"),
            "IE9SH0nOd9ChvowkP7SKGJT9zsM="
        );
    }

    #[test]
    fn tv8_oos_post_sts_and_next_token() {
        let mut params: Vec<_> = tv8_params()
            .into_iter()
            .map(|(k, v)| {
                if k == "AccessKeyId" {
                    (k, "STS.testid")
                } else {
                    (k, v)
                }
            })
            .collect();
        params.push(("SecurityToken", "CAIS+token/with=chars"));
        params.push(("NextToken", "gAAAAABd:J0y/lgA=="));
        assert_eq!(
            string_to_sign("POST", &canonical_query(params.iter().copied())),
            "POST&%2F&AccessKeyId%3DSTS.testid%26Action%3DListExecutionLogs%26ExecutionId%3Dexec-1234567890abcdef%26Format%3DJSON%26MaxResults%3D50%26NextToken%3DgAAAAABd%253AJ0y%252FlgA%253D%253D%26RegionId%3Dcn-hangzhou%26SecurityToken%3DCAIS%252Btoken%252Fwith%253Dchars%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-02T03%253A04%253A05Z%26Version%3D2019-06-01"
        );
        assert_eq!(
            sign("POST", params, "testsecret"),
            "kiro3RgN3ZJTanCmhAl2emhTDmo="
        );
    }

    #[test]
    fn tv9_encoding_edge_cases() {
        let params = [("a", "x y*z~"), ("b", "中文")];
        assert_eq!(
            string_to_sign("GET", &canonical_query(params)),
            "GET&%2F&a%3Dx%2520y%252Az~%26b%3D%25E4%25B8%25AD%25E6%2596%2587"
        );
        assert_eq!(
            sign("GET", params, "secret"),
            "Tc4GTSjhlc8E8yLsgAG/vpLT3Dg="
        );
    }

    #[test]
    fn percent_encoding_rules() {
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("~-_."), "~-_.");
        assert_eq!(percent_encode("/"), "%2F");
        assert_eq!(percent_encode("+"), "%2B");
        assert_eq!(percent_encode("="), "%3D");
        assert_eq!(percent_encode("中"), "%E4%B8%AD");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode(""), "");
        assert_eq!(percent_encode("AZaz09"), "AZaz09");
    }

    #[test]
    fn pairs_keep_their_order_and_the_signature() {
        assert_eq!(
            encode_pairs([("b", "x y"), ("Signature", "a+b=")]),
            "b=x%20y&Signature=a%2Bb%3D"
        );
    }

    #[test]
    fn emoji_and_empty_values_are_signed() {
        let canonical = canonical_query([("Message", "ok 😀"), ("Empty", "")]);
        assert_eq!(canonical, "Empty=&Message=ok%20%F0%9F%98%80");
    }

    #[test]
    fn input_order_does_not_matter() {
        let mut reversed = tv8_params();
        reversed.reverse();
        assert_eq!(
            sign("POST", reversed, "testsecret"),
            "IE9SH0nOd9ChvowkP7SKGJT9zsM="
        );
    }

    #[test]
    fn signature_param_is_never_signed() {
        let mut params = tv8_params();
        params.push((SIGNATURE_PARAM, "IE9SH0nOd9ChvowkP7SKGJT9zsM="));
        assert_eq!(
            sign("POST", params, "testsecret"),
            "IE9SH0nOd9ChvowkP7SKGJT9zsM="
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn the_encoder_keeps_only_unreserved_characters_and_decodes_back(text in any::<String>()) {
                let encoded = percent_encode(&text);
                let mut bytes = encoded.bytes();
                while let Some(b) = bytes.next() {
                    if b == b'%' {
                        let hex = [bytes.next().unwrap(), bytes.next().unwrap()];
                        prop_assert!(hex.iter().all(|h| matches!(h, b'0'..=b'9' | b'A'..=b'F')), "{encoded}");
                    } else {
                        prop_assert!(b.is_ascii_alphanumeric() || b"-_.~".contains(&b), "{encoded}");
                    }
                }
                let decoded = percent_encoding::percent_decode_str(&encoded).decode_utf8().unwrap();
                prop_assert_eq!(decoded, text.as_str());
            }
        }
    }
}
