//! `jsonl`: one compact JSON object per record, exactly as the API sent it (its text re-laid
//! on one line, never re-encoded), with `ExecutionId` appended under `--recursive`, nothing
//! else. Streamed. Must not add (but for that label), drop or reorder fields.

use std::io::{self, Write};

use super::{Render, Row, with_label};

/// JSON Lines renderer.
#[derive(Debug)]
pub(crate) struct JsonLinesRenderer<W> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> JsonLinesRenderer<W> {
    /// Writes to `out`.
    pub(crate) fn new(out: W) -> Self {
        Self {
            out,
            line: Vec::with_capacity(512),
        }
    }
}

impl<W: Write> Render for JsonLinesRenderer<W> {
    fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        if row.plain && row.label.is_none() {
            // Already one compact line with nothing to escape: as it is, with no copy here.
            self.out.write_all(row.json.as_bytes())?;
            return self.out.write_all(b"\n");
        }
        self.line.clear();
        super::json_text::compact(&with_label(row.json, row.label), &mut self.line);
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn needs_cells(&self) -> bool {
        false
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_rows::{render_pages, sample};

    #[test]
    fn one_object_per_line_with_unknown_fields() {
        let mut buf = Vec::new();
        render_pages(&mut JsonLinesRenderer::new(&mut buf), &[sample()]);
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            r#"{"Timestamp":"2024-01-02T03:04:05Z","LogType":" System","TaskExecutionId":"exec-1.t0001","Message":"started"}"#
        );
        let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second["Message"], "bad\x1b[31m\r\nline");
        assert_eq!(second["Extra"]["k"], 1);
        assert!(
            !text.contains('\x1b'),
            "JSON escapes control characters itself"
        );
    }
}
