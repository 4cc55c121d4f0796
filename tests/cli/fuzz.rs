//! A bounded fuzz pass, on stable Rust, inside `cargo test`: mutated and random bodies
//! through the page parser (and through the one-pass read, which must read them as serde_json
//! does), and random text through the sanitiser and the renderers' escaping.
//! Nothing may panic; a body is a page or a service error, never anything else.

use oos_api::api::{Items, LogsWire, Page, ResponseBody, parse_walked, scan};
use oos_api::sanitize::{Newlines, escape_content, unescape};
use proptest::prelude::*;

const SEED_PAGE: &str = r#"{"RequestId":"R","NextToken":"tok","IsTruncated":true,"MaxResults":2,"ExecutionLogs":[{"Timestamp":"2024-06-01T00:00:00Z","LogType":"Info","TaskExecutionId":"e.t1","Message":"a \u001b[31m b"},{"Message":"x","Extra":{"k":[1,2,{"z":null}]}}]}"#;

/// The seed page with bytes replaced, inserted or removed.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((0..SEED_PAGE.len(), any::<u8>(), 0..3u8), 1..8).prop_map(|edits| {
        let mut bytes = SEED_PAGE.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match kind {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_page_parser_takes_any_body(body in prop_oneof![mutated(), prop::collection::vec(any::<u8>(), 0..200)]) {
        let text = String::from_utf8_lossy(&body);
        for items in [Items::ExecutionLogs, Items::Executions, Items::TaskExecutions] {
            match Page::from_json(&text, items) {
                Ok(page) => {
                    for entry in page.entries() {
                        let fields = entry.fields();
                        let _ = fields.message.as_deref().map(|m| escape_content(m, Newlines::Escape));
                        let _ = entry.to_map();
                    }
                    let _ = page.next_token();
                }
                Err(e) => prop_assert!(matches!(e, oos_api::Error::Service { .. }), "{}", e),
            }
        }
    }

    #[test]
    fn the_one_pass_read_of_a_page_is_serde_jsons(body in prop_oneof![mutated(), prop::collection::vec(any::<u8>(), 0..200)]) {
        let text = String::from_utf8_lossy(&body).into_owned();
        let body = ResponseBody::Text(text.clone());
        let by_serde = body
            .parse::<LogsWire>()
            .ok()
            .map(|wire| Page::new(wire, body.clone(), Items::ExecutionLogs));
        let walked = parse_walked::<LogsWire>(&body);
        match (by_serde, walked) {
            (None, Some(_)) => prop_assert!(false, "the walk took what serde_json refuses: {:?}", text),
            (Some(expected), Some((wire, plain))) => {
                prop_assert_eq!(plain, scan::body(text.as_bytes(), 128).plain, "{:?}", text);
                let page = Page::new(wire, body.clone(), Items::ExecutionLogs);
                match (expected, page) {
                    (Ok(expected), Ok(page)) => {
                        prop_assert_eq!(page.texts().collect::<Vec<_>>(), expected.texts().collect::<Vec<_>>());
                        prop_assert_eq!(page.next_token(), expected.next_token());
                        prop_assert_eq!(page.request_id(), expected.request_id());
                    }
                    (Err(expected), Err(page)) => prop_assert_eq!(page.to_string(), expected.to_string()),
                    (expected, page) => prop_assert!(false, "{:?} vs {:?} for {:?}", expected.map(|_| ()), page.map(|_| ()), text),
                }
            }
            // Not taken: the caller asks serde_json, as before.
            (_, None) => {}
        }
    }

    #[test]
    fn the_sanitiser_takes_any_text(body in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&body);
        let shown = escape_content(&text, Newlines::Escape);
        prop_assert!(!shown.chars().any(char::is_control), "{:?}", shown);
        let back = unescape(&shown);
        prop_assert_eq!(back.as_deref(), Some(&*text));
    }
}
