//! `plain`: one line per entry, `Timestamp<TAB>LogType<TAB>TaskExecutionId<TAB>Message`, empty
//! fields as `-`, LogType trimmed, control characters escaped (a newline as `\n`), so one
//! entry is always one line. Streamed page by page.

use std::io::{self, Write};

use super::{Palette, Render};
use crate::api::LogPage;
use crate::sanitize::{Newlines, escape_controls};

/// Plain-lines renderer.
#[derive(Debug)]
pub struct PlainRenderer<W> {
    out: W,
    palette: Palette,
}

impl<W: Write> PlainRenderer<W> {
    /// Writes to `out`.
    pub fn new(out: W, palette: Palette) -> Self {
        Self { out, palette }
    }
}

fn or_dash(value: Option<&str>) -> &str {
    match value {
        Some(v) if !v.is_empty() => v,
        _ => "-",
    }
}

impl<W: Write> Render for PlainRenderer<W> {
    fn page(&mut self, page: &LogPage) -> io::Result<()> {
        for entry in page.entries() {
            let fields = entry.fields();
            let (timestamp, log_type, task, message) = (
                fields.timestamp,
                fields.log_type,
                fields.task_execution_id,
                fields.message,
            );
            let log_type_trimmed = log_type.as_deref().map(str::trim);
            let type_text = escape_controls(or_dash(log_type_trimmed), Newlines::Escape);
            writeln!(
                self.out,
                "{}\t{}\t{}\t{}",
                escape_controls(or_dash(timestamp.as_deref()), Newlines::Escape),
                self.palette
                    .log_type(log_type_trimmed.unwrap_or(""), &type_text),
                escape_controls(or_dash(task.as_deref()), Newlines::Escape),
                escape_controls(or_dash(message.as_deref()), Newlines::Escape),
            )?;
        }
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_pages::sample;

    fn render(palette: Palette) -> String {
        let mut buf = Vec::new();
        let mut r = PlainRenderer::new(&mut buf, palette);
        r.page(&sample()).unwrap();
        r.finish().unwrap();
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
        assert!(text.contains("\x1b[36mSystem\x1b[39m"), "{text:?}");
        assert!(text.contains("\x1b[31mError\x1b[39m"), "{text:?}");
        assert!(text.contains("bad\\e[31m"), "the message stays escaped");
    }
}
