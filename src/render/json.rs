//! `json`: one document, 2-space indented, re-laid from the text the service sent (numbers,
//! order and escapes kept). A single page is the API's response object as sent; gathered pages (`--all`, `--limit`) are `{"ExecutionLogs": [...]}` in API order, the
//! shape `aliyun --pager` prints, written entry by entry as pages arrive (never held whole).

use std::io::{self, Write};

use super::Render;
use crate::api::LogPage;

/// JSON renderer.
#[derive(Debug)]
pub struct JsonRenderer<W> {
    out: W,
    gather: bool,
    opened: bool,
    entries: u64,
}

impl<W: Write> JsonRenderer<W> {
    /// Writes to `out`; `gather` selects the `{"ExecutionLogs": [...]}` document.
    pub fn new(out: W, gather: bool) -> Self {
        Self {
            out,
            gather,
            opened: false,
            entries: 0,
        }
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            self.out.write_all(b"{\n  \"ExecutionLogs\": [")?;
            self.opened = true;
        }
        Ok(())
    }
}

impl<W: Write> Render for JsonRenderer<W> {
    fn page(&mut self, page: &LogPage) -> io::Result<()> {
        if !self.gather {
            let mut text = Vec::with_capacity(page.raw_body().len() * 2);
            super::json_text::pretty(page.raw_body(), 0, &mut text);
            text.push(b'\n');
            self.out.write_all(&text)?;
            return self.out.flush();
        }
        self.open()?;
        let mut buf = Vec::with_capacity(512);
        for entry in page.entries() {
            buf.clear();
            buf.extend_from_slice(if self.entries == 0 {
                b"\n    "
            } else {
                b",\n    "
            });
            // Two levels deep: the entry's own lines are indented by four more spaces.
            super::json_text::pretty(entry.json(), 4, &mut buf);
            self.out.write_all(&buf)?;
            self.entries += 1;
        }
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.gather {
            self.open()?;
            self.out.write_all(if self.entries == 0 {
                b"]\n}\n"
            } else {
                b"\n  ]\n}\n"
            })?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_pages::{page, sample};
    use serde_json::{Value, json};

    fn render(gather: bool, pages: &[LogPage]) -> String {
        let mut buf = Vec::new();
        let mut r = JsonRenderer::new(&mut buf, gather);
        for p in pages {
            r.page(p).unwrap();
        }
        r.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn single_page_is_the_response_object_as_sent() {
        let p = sample();
        let text = render(false, std::slice::from_ref(&p));
        assert_eq!(
            text,
            serde_json::to_string_pretty(&p.body().unwrap()).unwrap() + "\n"
        );
        let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(&text)
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["NextToken", "RequestId", "ExecutionLogs"]);
    }

    #[test]
    fn gathered_pages_equal_serde_pretty_of_the_whole_document() {
        let p1 = sample();
        let p2 =
            page(json!({"ExecutionLogs": [{"Message": "third", "Nested": {"a": [1, 2]}}, {}]}));
        let text = render(true, &[p1.clone(), p2.clone()]);
        let all: Vec<Value> = p1.body().unwrap()["ExecutionLogs"]
            .as_array()
            .unwrap()
            .iter()
            .chain(p2.body().unwrap()["ExecutionLogs"].as_array().unwrap())
            .cloned()
            .collect();
        let expected =
            serde_json::to_string_pretty(&json!({ "ExecutionLogs": all })).unwrap() + "\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn gathered_empty_run_is_an_empty_array() {
        let text = render(true, &[page(json!({"ExecutionLogs": []}))]);
        assert_eq!(text, "{\n  \"ExecutionLogs\": []\n}\n");
        assert_eq!(render(true, &[]), "{\n  \"ExecutionLogs\": []\n}\n");
    }
}
