//! `plain`: one line per record, its columns separated by tabs (log entries:
//! `Timestamp<TAB>LogType<TAB>TaskExecutionId<TAB>Message`), the execution label first under
//! `--recursive`, empty fields as `-`, control characters escaped (a newline as `\n`), so one
//! record is always one line. Streamed.

use std::io::{self, Write};

use super::{Palette, Render, Row};
use crate::sanitize::{Newlines, escape_content};

/// Plain-lines renderer.
#[derive(Debug)]
pub(crate) struct PlainRenderer<W> {
    out: W,
    palette: Palette,
    line: String,
}

impl<W: Write> PlainRenderer<W> {
    /// Writes to `out`.
    pub(crate) fn new(out: W, palette: Palette) -> Self {
        Self {
            out,
            palette,
            line: String::with_capacity(256),
        }
    }
}

fn or_dash(value: Option<&str>) -> &str {
    match value {
        Some(v) if !v.is_empty() => v,
        _ => "-",
    }
}

/// Appends the row as one plain line (no newline): its columns separated by tabs, the label
/// first, empty fields as `-`, control characters escaped, coloured by `palette`.
pub(crate) fn push_line(line: &mut String, row: &Row<'_>, palette: Palette) {
    if let Some(label) = row.label {
        line.push_str(&escape_content(or_dash(Some(label)), Newlines::Escape));
        line.push('\t');
    }
    for (i, cell) in row.cells.iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        let raw = or_dash(cell.text.as_deref());
        let text = escape_content(raw, Newlines::Escape);
        line.push_str(&palette.paint(cell.paint, raw, &text));
    }
}

impl<W: Write> Render for PlainRenderer<W> {
    fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        self.line.clear();
        push_line(&mut self.line, row, self.palette);
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_rows::{render_pages, sample};

    fn render(palette: Palette) -> String {
        let mut buf = Vec::new();
        render_pages(&mut PlainRenderer::new(&mut buf, palette), &[sample()]);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn one_line_per_entry_escaped() {
        let text = render(Palette { enabled: false });
        assert_eq!(
            text,
            "2024-01-02T03:04:05Z\tSystem\texec-1.t0001\tstarted\n2019-05-24T:02:29:07Z\tError\t-\tbad\\e[31m\\r\\nline\n"
        );
    }

    #[test]
    fn colour_only_on_the_type() {
        let text = render(Palette { enabled: true });
        assert!(text.contains("\x1b[36mSystem\x1b[0m"), "{text:?}");
        assert!(text.contains("\x1b[31mError\x1b[0m"), "{text:?}");
        assert!(text.contains("bad\\e[31m"), "the message stays escaped");
    }

    #[test]
    fn label_is_the_first_column() {
        let mut buf = Vec::new();
        let mut r = PlainRenderer::new(&mut buf, Palette { enabled: false });
        let page = sample();
        let entry = page.entries().next().unwrap();
        let row = crate::render::rows::log_row(entry, Some("exec-child"), &Default::default());
        r.row(&row).unwrap();
        r.finish().unwrap();
        assert!(
            String::from_utf8(buf)
                .unwrap()
                .starts_with("exec-child\t2024-01-02T03:04:05Z\tSystem\t")
        );
    }
}
