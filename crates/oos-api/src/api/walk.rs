//! One pass over a list response's text that does, at once, what would otherwise take three:
//! checks that it is JSON as serde_json accepts it (RFC 8259), finds where the records of the
//! items array lie, and tells whether the text is plain (compact, no terminal-active
//! character: see [`super::scan::BodyScan`]). The pass that makes paging cheap per entry.
//!
//! It only ever says yes for what serde_json would accept, and gives the spans serde_json
//! would give: anything it does not take (invalid JSON, nesting at serde_json's own limit, an
//! items array it cannot find) is left to serde_json, whose answer and message the caller
//! reports. Pure: no I/O, and no allocation but the list of records.

use std::ops::Range;

use super::scan::{json_string_stop, terminal_active};

/// serde_json refuses arrays and objects nested this deep; the walk leaves such text to it.
const SERDE_DEPTH_LIMIT: usize = 128;

/// The items array (where it lies) and its records (where each lies).
pub(crate) type ItemSpans = (Range<usize>, Vec<Range<usize>>);

/// What one pass over an accepted text found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walked {
    /// Compact, with no terminal-active character in any string.
    pub plain: bool,
    /// The first member of the top-level object with the items' name, when it is an array:
    /// where the array lies, and where each of its elements does.
    pub items: Option<ItemSpans>,
}

/// Walks `text`: None when it is not JSON serde_json accepts, or nests as deep as
/// serde_json's limit (serde_json is then asked, and says why).
pub fn walk(text: &[u8], items_name: &str) -> Option<Walked> {
    let mut walker = Walker {
        text,
        at: 0,
        plain: true,
    };
    let items = walker.document(items_name.as_bytes())?;
    Some(Walked {
        plain: walker.plain,
        items,
    })
}

/// A container closed at `end`, leaving `depth` open: a record of the items array, or the
/// array itself.
fn closed(items: &mut Items, depth: usize, record_start: usize, end: usize) {
    if let Items::Inside(array_start, records) = items {
        match depth {
            2 => records.push(record_start..end),
            1 => {
                let found = (*array_start..end, std::mem::take(records));
                *items = Items::Done(Some(found));
            }
            _ => {}
        }
    }
}

/// Where the walk is in the items array.
#[derive(Debug, PartialEq, Eq)]
enum Items {
    /// Not found yet.
    Looking,
    /// The next value is the items array.
    Next,
    /// Inside it: its start and the records so far.
    Inside(usize, Vec<Range<usize>>),
    /// Done (found and closed, or the name's value was not an array).
    Done(Option<ItemSpans>),
}

struct Walker<'a> {
    text: &'a [u8],
    at: usize,
    plain: bool,
}

impl Walker<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.plain = false;
            self.at += 1;
        }
    }

    /// The whole text: one value between optional white space, nothing after it.
    fn document(&mut self, items_name: &[u8]) -> Option<Option<ItemSpans>> {
        // Open containers: true for an object.
        let mut open: Vec<bool> = Vec::with_capacity(16);
        let mut items = Items::Looking;
        // Where the record being read (an element of the items array) starts.
        let mut record_start = 0;
        self.whitespace();
        loop {
            // A value starts here.
            let start = self.at;
            let in_items = matches!(items, Items::Inside(..)) && open.len() == 2;
            if in_items {
                record_start = start;
            }
            if items == Items::Next {
                if self.peek() == Some(b'[') {
                    // Room for the records a page of this size holds (they are rarely under 64
                    // bytes), so the list is not regrown record by record.
                    let hint = (self.text.len() - start) / 64;
                    items = Items::Inside(start, Vec::with_capacity(hint.min(4096)));
                } else {
                    items = Items::Done(None);
                }
            }
            match self.peek()? {
                b'{' | b'[' => {
                    let object = self.peek() == Some(b'{');
                    open.push(object);
                    if open.len() >= SERDE_DEPTH_LIMIT {
                        return None;
                    }
                    self.at += 1;
                    self.whitespace();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() != Some(close) {
                        if object {
                            self.member_name(open.len() == 1, items_name, &mut items)?;
                        }
                        continue;
                    }
                    // Empty.
                    self.at += 1;
                    open.pop();
                    closed(&mut items, open.len(), record_start, self.at);
                }
                scalar => {
                    match scalar {
                        b'"' => self.string()?,
                        b't' => self.literal(b"true")?,
                        b'f' => self.literal(b"false")?,
                        b'n' => self.literal(b"null")?,
                        b'-' | b'0'..=b'9' => self.number()?,
                        _ => return None,
                    }
                    // An element of the items array, when it was one.
                    if in_items && let Items::Inside(_, records) = &mut items {
                        records.push(record_start..self.at);
                    }
                }
            }
            // Close what ends after it, up to the next value.
            loop {
                self.whitespace();
                let Some(&object) = open.last() else {
                    let found = match items {
                        Items::Done(found) => found,
                        _ => None,
                    };
                    return (self.at == self.text.len()).then_some(found);
                };
                match (object, self.peek()?) {
                    (_, b',') => {
                        self.at += 1;
                        self.whitespace();
                        if object {
                            self.member_name(open.len() == 1, items_name, &mut items)?;
                        }
                        break;
                    }
                    (true, b'}') | (false, b']') => {
                        self.at += 1;
                        open.pop();
                        closed(&mut items, open.len(), record_start, self.at);
                    }
                    _ => return None,
                }
            }
        }
    }

    /// A member's name and its colon, up to its value (white space skipped). The first member
    /// of the top-level object with the items' name (as written, without escapes) marks its
    /// value as the items array.
    #[inline(always)]
    fn member_name(&mut self, top: bool, items_name: &[u8], items: &mut Items) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.at + 1;
        self.string()?;
        if top && *items == Items::Looking && &self.text[start..self.at - 1] == items_name {
            *items = Items::Next;
        }
        self.whitespace();
        if self.peek()? != b':' {
            return None;
        }
        self.at += 1;
        self.whitespace();
        Some(())
    }

    /// A string, from its opening quote to past its closing one.
    #[inline(always)]
    fn string(&mut self) -> Option<()> {
        let text = self.text;
        let mut i = self.at + 1;
        loop {
            i = json_string_stop(text, i);
            match *text.get(i)? {
                b'"' => {
                    self.at = i + 1;
                    return Some(());
                }
                b'\\' => match *text.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        let hex = text.get(i + 2..i + 6)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        i += 6;
                    }
                    _ => return None,
                },
                0x00..=0x1f => return None,
                _ => {
                    if terminal_active(&text[i..]).is_some() {
                        self.plain = false;
                    }
                    i += 1;
                }
            }
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Some(())
        } else {
            None
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Some(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.digits();
        (self.at > start).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::value::RawValue;

    /// Whether serde_json takes `text` as it takes a page: each value read past, not built (so a
    /// number out of f64's range is taken, as in a record).
    fn serde_accepts(text: &str) -> bool {
        serde_json::from_str::<&RawValue>(text).is_ok()
    }

    /// What serde_json makes of `text` as an object: the spans of the elements of the
    /// first top-level `Items` array (by the RawValues it borrows from the text).
    fn serde_view(text: &str) -> Option<Option<Vec<Range<usize>>>> {
        #[derive(serde::Deserialize)]
        struct Wire<'a> {
            #[serde(rename = "Items", borrow)]
            items: Option<Vec<&'a RawValue>>,
        }
        // serde's derive also reads a struct from an array, field by field (`[[]]` would be
        // `Items: []`): a text that is no object has no items array to compare.
        if !text
            .trim_start_matches([' ', '\t', '\n', '\r'])
            .starts_with('{')
        {
            return None;
        }
        let base = text.as_ptr() as usize;
        // A duplicate name makes the typed parse fail: then there is no single array to
        // compare.
        let wire: Wire<'_> = serde_json::from_str(text).ok()?;
        Some(wire.items.map(|records| {
            records
                .iter()
                .map(|r| {
                    let start = r.get().as_ptr() as usize - base;
                    start..start + r.get().len()
                })
                .collect()
        }))
    }

    fn plain_by_scan(text: &str) -> bool {
        super::super::scan::body(text.as_bytes(), 128).plain
    }

    #[test]
    fn accepts_what_serde_json_accepts_and_finds_the_same_records() {
        let cases = [
            r#"{"Items":[{"a":1},{"b":[true,false,null]}],"NextToken":"x"}"#,
            r#"{"NextToken":"x","Items":[]}"#,
            r#"{ "Items" : [ {"a": 1} , {} ] }"#,
            r#"{"Items":[1,"two",-3.5e+7,0,-0.0,1E2]}"#,
            r#"{"Items":{"a":1}}"#,
            r#"{"Other":[{"Items":[1]}],"Items":[{"x":"\u00e9\n\"\\\/"}]}"#,
            r#"{"Items":[{"m":"é 中文 → \u2028"}]}"#,
            "\n{\"Items\":[]}\n",
            r#"[{"Items":[1]}]"#,
            r#"{"Items":[{}],"Items":[]}"#,
        ];
        for text in cases {
            let walked = walk(text.as_bytes(), "Items").expect(text);
            assert!(serde_accepts(text), "{text}");
            let Some(serde) = serde_view(text) else {
                continue;
            };
            let ours = walked.items.map(|(array, records)| {
                assert!(text[array].starts_with('['), "{text}");
                records
            });
            assert_eq!(ours, serde, "{text}");
            assert_eq!(walked.plain, plain_by_scan(text), "{text}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        let cases = [
            "",
            " ",
            "{",
            "{}x",
            "{} {}",
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":.5}"#,
            r#"{"a":-}"#,
            r#"{"a":1e}"#,
            r#"{"a":tru}"#,
            r#"{"a":nul}"#,
            r#"{"a" 1}"#,
            r#"{a:1}"#,
            r#"{"a":1,}"#,
            r#"[1,]"#,
            r#"[1 2]"#,
            "{\"a\":\"tab\there\"}",
            r#"{"a":"\x"}"#,
            r#"{"a":"\u12g4"}"#,
            r#"{"a":"unterminated}"#,
            r#"{"a":[}"#,
            r#"{"a":{]}"#,
        ];
        for text in cases {
            assert!(!serde_accepts(text), "{text}");
            assert_eq!(walk(text.as_bytes(), "Items"), None, "{text}");
        }
    }

    #[test]
    fn leaves_serde_json_its_depth_limit() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for depth in [1, 2, 126, 127, 128, 129, 300] {
            let text = nested(depth);
            let walked = walk(text.as_bytes(), "Items").is_some();
            assert!(!walked || serde_accepts(&text), "depth {depth}");
            assert_eq!(walked, depth < SERDE_DEPTH_LIMIT, "depth {depth}");
        }
    }

    /// JSON-ish text: fragments that make valid documents often and invalid ones often.
    fn jsonish() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just(",".to_owned()),
            Just(":".to_owned()),
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("\"Items\"".to_owned()),
            Just("\"Items\":[".to_owned()),
            Just("\"k\":".to_owned()),
            Just("\"a b\"".to_owned()),
            Just("\"\\u00e9\\n\\\"\"".to_owned()),
            Just("\"\\q\"".to_owned()),
            Just("\"\u{202e}\u{85}\u{7f}\"".to_owned()),
            Just("\"\t\"".to_owned()),
            Just("true".to_owned()),
            Just("nul".to_owned()),
            Just("-0.5e+3".to_owned()),
            Just("01".to_owned()),
            Just("12".to_owned()),
            Just("1.".to_owned()),
            "\"[a-z é中]{0,6}\"".prop_map(|s| s),
        ];
        prop::collection::vec(atom, 0..24).prop_map(|parts| parts.concat())
    }

    /// A valid document around generated records, to reach the items path often.
    fn page() -> impl Strategy<Value = String> {
        let value = prop_oneof![
            Just("1".to_owned()),
            Just("\"x\"".to_owned()),
            Just("{\"m\":\"a\\\"b\"}".to_owned()),
            Just("[ {} , [] ]".to_owned()),
            Just("{\"m\":\"\u{2028}\"}".to_owned()),
            Just("null".to_owned()),
        ];
        (
            prop::collection::vec(value, 0..6),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(records, spaced, token_first)| {
                let sep = if spaced { " , " } else { "," };
                let items = format!("\"Items\":[{}]", records.join(sep));
                if token_first {
                    format!("{{\"NextToken\":\"t\",{items}}}")
                } else {
                    format!("{{{items},\"RequestId\":\"r\"}}")
                }
            })
    }

    fn agrees_with_serde(text: &str) -> Result<(), TestCaseError> {
        let walked = walk(text.as_bytes(), "Items");
        let accepted = serde_accepts(text);
        match walked {
            None => prop_assert!(!accepted, "refused what serde_json takes: {text:?}"),
            Some(walked) => {
                prop_assert!(accepted, "took what serde_json refuses: {text:?}");
                prop_assert_eq!(walked.plain, plain_by_scan(text), "{:?}", text);
                if let Some(serde_records) = serde_view(text) {
                    let records = walked.items.map(|(_, records)| records);
                    prop_assert_eq!(records, serde_records, "{:?}", text);
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn the_walk_agrees_with_serde_json_on_any_text(text in jsonish()) {
            agrees_with_serde(&text)?;
        }

        #[test]
        fn the_walk_agrees_with_serde_json_on_pages(text in page()) {
            agrees_with_serde(&text)?;
            prop_assert!(walk(text.as_bytes(), "Items").unwrap().items.is_some());
        }
    }
}
