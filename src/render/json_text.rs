//! Re-laying out JSON text without parsing it into values: compact (one line) for `jsonl`,
//! 2-space pretty for `json`. Numbers, key order, duplicate keys and escapes stay exactly as
//! the service sent them. Inside strings, characters that JSON allows raw but a terminal would
//! act on (DEL, C1 controls, bidirectional overrides) are written as `\uXXXX`, which is the
//! same JSON value.
//!
//! The input must be valid JSON (a `RawValue` or a checked body). It must not do I/O.

use crate::api::scan;

/// The escape for a character at `bytes[0..]` inside a string, and its length in bytes.
fn unsafe_char(bytes: &[u8]) -> Option<(String, usize)> {
    scan::terminal_active(bytes).map(|(code, len)| (format!("\\u{code:04x}"), len))
}

/// Scans the string token starting at `json[start]` (the opening quote) and copies it to
/// `out`, except for `json[copied..]`, the part before a terminal-active character that is
/// left for the caller to copy; returns the index just past the closing quote and the new
/// `copied`. Ordinary bytes are skipped eight at a time; only a terminal-active character
/// writes anything here.
fn scan_string(json: &[u8], start: usize, mut copied: usize, out: &mut Vec<u8>) -> (usize, usize) {
    let mut i = start + 1;
    loop {
        i = scan::string_stop(json, i);
        let Some(&b) = json.get(i) else {
            return (json.len(), copied);
        };
        match b {
            b'\\' => i += 2,
            b'"' => return (i + 1, copied),
            _ => {
                if let Some((escape, len)) = unsafe_char(&json[i..]) {
                    out.extend_from_slice(&json[copied..i]);
                    out.extend_from_slice(escape.as_bytes());
                    copied = i + len;
                    i += len;
                } else {
                    i += 1;
                }
            }
        }
    }
}

/// Copies a string token starting at `json[start]` (the opening quote) to `out`; returns the
/// index just past its closing quote.
fn copy_string(json: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
    let (end, copied) = scan_string(json, start, start, out);
    out.extend_from_slice(&json[copied..end]);
    end
}

/// Appends `json` on one line, without white space between tokens. Text that is compact and
/// has no terminal-active character is copied in one go.
pub(super) fn compact(json: &str, out: &mut Vec<u8>) {
    let bytes = json.as_bytes();
    out.reserve(bytes.len());
    // `bytes[copied..i]` is scanned and goes out as it is.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => (i, copied) = scan_string(bytes, i, copied, out),
            b' ' | b'\t' | b'\n' | b'\r' => {
                out.extend_from_slice(&bytes[copied..i]);
                i += 1;
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}

fn newline(out: &mut Vec<u8>, base: usize, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + base + 2 * depth, b' ');
}

fn next_token(bytes: &[u8], mut i: usize) -> Option<u8> {
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b => return Some(b),
        }
    }
    None
}

/// Appends `json` pretty-printed with 2-space indents, as serde_json's pretty printer lays it
/// out; every line after the first is indented by `base` more spaces.
pub(super) fn pretty(json: &str, base: usize, out: &mut Vec<u8>) {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = copy_string(bytes, i, out),
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                out.push(open);
                i += 1;
                if next_token(bytes, i) == Some(close) {
                    while bytes[i] != close {
                        i += 1;
                    }
                    out.push(close);
                    i += 1;
                } else {
                    depth += 1;
                    newline(out, base, depth);
                }
            }
            close @ (b'}' | b']') => {
                depth = depth.saturating_sub(1);
                newline(out, base, depth);
                out.push(close);
                i += 1;
            }
            b',' => {
                out.push(b',');
                newline(out, base, depth);
                i += 1;
            }
            b':' => {
                out.extend_from_slice(b": ");
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compacted(s: &str) -> String {
        let mut out = Vec::new();
        compact(s, &mut out);
        String::from_utf8(out).unwrap()
    }

    fn prettied(s: &str, base: usize) -> String {
        let mut out = Vec::new();
        pretty(s, base, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn compact_keeps_strings_numbers_and_duplicates() {
        assert_eq!(
            compacted(
                "{ \"a b\" :\n [1, \"x \\\" y\\\\\" ,\t{}], \"n\": 123456789012345678901, \"n\": 1e2 }"
            ),
            "{\"a b\":[1,\"x \\\" y\\\\\",{}],\"n\":123456789012345678901,\"n\":1e2}"
        );
        assert_eq!(compacted("\"\\ud800\""), "\"\\ud800\"");
    }

    #[test]
    fn pretty_matches_serde_json_for_ordinary_json() {
        let samples = [
            r#"{"ExecutionLogs":[{"Message":"a, b: {c}","Nested":{"k":[1,2,{}],"e":[]}},{}],"NextToken":"t"}"#,
            r#"[]"#,
            r#"{}"#,
            r#"{"a":[[],[[]],{"b":{}}]}"#,
        ];
        for s in samples {
            let value: serde_json::Value = serde_json::from_str(s).unwrap();
            assert_eq!(
                prettied(s, 0),
                serde_json::to_string_pretty(&value).unwrap(),
                "{s}"
            );
        }
    }

    #[test]
    fn pretty_indents_following_lines_by_base() {
        assert_eq!(prettied(r#"{"a":1}"#, 4), "{\n      \"a\": 1\n    }");
    }

    #[test]
    fn terminal_active_characters_become_escapes_inside_strings() {
        let text = "{\"m\":\"del\u{7f} c1\u{9b}31m bidi\u{202e}x iso\u{2066}y ok\u{e9} ls\u{2028}ps\u{2029}lrm\u{200e}alm\u{61c}\"}";
        let out = compacted(text);
        assert_eq!(
            out,
            "{\"m\":\"del\\u007f c1\\u009b31m bidi\\u202ex iso\\u2066y ok\u{e9} ls\\u2028ps\\u2029lrm\\u200ealm\\u061c\"}"
        );
        let a: serde_json::Value = serde_json::from_str(text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(a, b, "the same JSON value");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;
        use serde_json::Value;

        fn json_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                any::<f64>()
                    .prop_filter("finite", |f| f.is_finite())
                    .prop_map(Value::from),
                any::<String>().prop_map(Value::String),
                "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{2028}\\u{202e}\\u{61c}\"\\\\a-z]{0,12}"
                    .prop_map(Value::String),
            ];
            leaf.prop_recursive(4, 48, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                    prop::collection::vec(("[a-zA-Z\"\\\\ ]{0,6}", inner), 0..6)
                        .prop_map(|kv| Value::Object(kv.into_iter().collect())),
                ]
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            #[test]
            fn relaid_json_is_the_same_value_laid_as_serde_json_lays_it(value in json_value()) {
                let text = serde_json::to_string(&value).unwrap();
                let pretty_text = serde_json::to_string_pretty(&value).unwrap();
                for source in [&text, &pretty_text] {
                    // Parsed by the same parser as the output (number text is kept as sent;
                    // serde_json's own float parsing is not a round trip).
                    let value: Value = serde_json::from_str(source).unwrap();
                    let mut out = Vec::new();
                    compact(source, &mut out);
                    let back: Value = serde_json::from_slice(&out).unwrap();
                    prop_assert_eq!(&back, &value);
                    let mut laid = Vec::new();
                    pretty(source, 0, &mut laid);
                    let back: Value = serde_json::from_slice(&laid).unwrap();
                    prop_assert_eq!(&back, &value);
                    // Nothing a terminal acts on stays raw inside strings.
                    let laid = String::from_utf8(laid).unwrap();
                    let active = laid.chars().any(|c| matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{200e}' | '\u{200f}' | '\u{61c}'));
                    prop_assert!(!active, "a raw terminal-active character in {}", laid);
                }
                // Where serde_json itself writes no character this escapes, the layout is
                // byte for byte serde_json's.
                if !pretty_text.chars().any(|c| matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{61c}')) {
                    let mut laid = Vec::new();
                    pretty(&text, 0, &mut laid);
                    prop_assert_eq!(String::from_utf8(laid).unwrap(), pretty_text);
                }
            }
        }
    }
}
