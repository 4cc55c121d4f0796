//! `json`: one document, 2-space indented, re-laid from the text the service sent (numbers,
//! order and escapes kept). A single page is the API's response object as sent; records
//! gathered over pages (`--all`, `--limit`, `--follow`...) are `{"<Array>": [...]}` in the
//! order printed (the shape `aliyun --pager` prints), written record by record as they arrive
//! (never held whole). The document is closed by `finish`, also after a failure.

use std::io::{self, Write};

use super::{Render, Row, with_label};
use crate::api::Items;

/// Which document `json` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonDocument {
    /// The response object of the one page fetched, as sent.
    Response,
    /// `{"<Array>": [...]}` gathered over every record printed.
    Gathered,
}

/// JSON renderer.
#[derive(Debug)]
pub(crate) struct JsonRenderer<W> {
    out: W,
    items: Items,
    document: JsonDocument,
    opened: bool,
    records: u64,
    buf: Vec<u8>,
}

impl<W: Write> JsonRenderer<W> {
    /// Writes to `out`; `items` names the array of a gathered document.
    pub(crate) fn new(out: W, items: Items, document: JsonDocument) -> Self {
        Self {
            out,
            items,
            document,
            opened: false,
            records: 0,
            buf: Vec::with_capacity(512),
        }
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            write!(self.out, "{{\n  \"{}\": [", self.items.field())?;
            self.opened = true;
        }
        Ok(())
    }
}

impl<W: Write> Render for JsonRenderer<W> {
    fn response(&mut self, raw_body: &str) -> io::Result<()> {
        if self.document == JsonDocument::Response {
            let mut text = Vec::with_capacity(raw_body.len() * 2);
            super::json_text::pretty(raw_body, 0, &mut text);
            text.push(b'\n');
            self.out.write_all(&text)?;
        }
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        if self.document == JsonDocument::Response {
            return Ok(());
        }
        self.open()?;
        self.buf.clear();
        self.buf.extend_from_slice(if self.records == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        // Two levels deep: the record's own lines are indented by four more spaces.
        super::json_text::pretty(&with_label(row.json, row.label), 4, &mut self.buf);
        self.out.write_all(&self.buf)?;
        self.records += 1;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn needs_cells(&self) -> bool {
        false
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.document == JsonDocument::Gathered {
            self.open()?;
            self.out.write_all(if self.records == 0 {
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
    use crate::api::Page;
    use crate::render::test_rows::{page, render_pages, sample};
    use serde_json::{Value, json};

    fn render(document: JsonDocument, pages: &[Page]) -> String {
        let mut buf = Vec::new();
        render_pages(
            &mut JsonRenderer::new(&mut buf, Items::ExecutionLogs, document),
            pages,
        );
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn single_page_is_the_response_object_as_sent() {
        let p = sample();
        let text = render(JsonDocument::Response, std::slice::from_ref(&p));
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
        let text = render(JsonDocument::Gathered, &[p1.clone(), p2.clone()]);
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
        let text = render(
            JsonDocument::Gathered,
            &[page(json!({"ExecutionLogs": []}))],
        );
        assert_eq!(text, "{\n  \"ExecutionLogs\": []\n}\n");
        assert_eq!(
            render(JsonDocument::Gathered, &[]),
            "{\n  \"ExecutionLogs\": []\n}\n"
        );
    }

    #[test]
    fn executions_are_gathered_under_their_own_array() {
        let mut buf = Vec::new();
        let mut r = JsonRenderer::new(&mut buf, Items::Executions, JsonDocument::Gathered);
        r.row(&Row {
            json: r#"{"ExecutionId":"e"}"#,
            plain: false,
            label: None,
            cells: Vec::new(),
            group: None,
            level: crate::render::Level::Other,
        })
        .unwrap();
        r.finish().unwrap();
        let v: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v, json!({"Executions": [{"ExecutionId": "e"}]}));
    }
}
