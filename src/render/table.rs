//! `table`: columns TIME, TYPE, TASK, MESSAGE fitted to the given width, long messages
//! wrapped, LogType coloured when the palette says so. A table needs every row to size its
//! columns, so rows are gathered and printed by `finish`. Cell text is escaped first: log
//! content never drives the terminal.

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{Palette, Render};
use crate::api::LogPage;
use crate::sanitize::{Newlines, escape_controls};

/// Table renderer.
#[derive(Debug)]
pub struct TableRenderer<W> {
    out: W,
    palette: Palette,
    width: u16,
    rows: Vec<[String; 4]>,
}

impl<W: Write> TableRenderer<W> {
    /// Writes to `out`, `width` columns wide.
    pub fn new(out: W, palette: Palette, width: u16) -> Self {
        Self {
            out,
            palette,
            width,
            rows: Vec::new(),
        }
    }
}

impl<W: Write> Render for TableRenderer<W> {
    fn page(&mut self, page: &LogPage) -> io::Result<()> {
        for entry in page.entries() {
            let cell = |v: Option<std::borrow::Cow<'_, str>>| {
                escape_controls(v.as_deref().unwrap_or(""), Newlines::Keep).into_owned()
            };
            let fields = entry.fields();
            let raw_type = fields.log_type.as_deref().unwrap_or("").trim();
            let type_text = escape_controls(raw_type, Newlines::Escape);
            let type_cell = self.palette.log_type(raw_type, &type_text);
            self.rows.push([
                cell(fields.timestamp),
                type_cell,
                cell(fields.task_execution_id),
                cell(fields.message),
            ]);
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width)
            .set_header(["TIME", "TYPE", "TASK", "MESSAGE"]);
        // comfy-table's own terminal checks must not contradict the decision made at the edge.
        table.force_no_tty();
        if self.palette.enabled {
            table.enforce_styling();
        }
        for row in self.rows.drain(..) {
            table.add_row(row);
        }
        // TIME and TYPE are short and read badly wrapped; TASK ids can be long. On a narrow
        // terminal every column may wrap, so the table still fits.
        if self.width >= 80 {
            let constraints = [
                ColumnConstraint::ContentWidth,
                ColumnConstraint::ContentWidth,
                ColumnConstraint::UpperBoundary(Width::Percentage(30)),
            ];
            for (i, constraint) in constraints.into_iter().enumerate() {
                if let Some(column) = table.column_mut(i) {
                    column.set_constraint(constraint);
                }
            }
        }
        writeln!(self.out, "{table}")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_pages::sample;

    fn render(enabled: bool, width: u16) -> String {
        let mut buf = Vec::new();
        let mut r = TableRenderer::new(&mut buf, Palette { enabled }, width);
        r.page(&sample()).unwrap();
        r.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn header_rows_and_no_raw_controls() {
        let text = render(false, 100);
        assert!(text.contains("TIME") && text.contains("MESSAGE"));
        assert!(text.contains("2019-05-24T:02:29:07Z"));
        assert!(text.contains("bad\\e[31m\\r"));
        assert!(!text.contains('\x1b') && !text.contains('\r'));
    }

    #[test]
    fn fits_the_width() {
        for width in [40, 60, 100] {
            let text = render(false, width);
            for line in text.lines() {
                assert!(
                    line.chars().count() <= usize::from(width),
                    "{line:?} is wider than {width}"
                );
            }
        }
    }

    #[test]
    fn colours_the_type_when_enabled() {
        let text = render(true, 100);
        assert!(
            text.contains("\x1b[31mError\x1b[39m") || text.contains("\x1b[31mError"),
            "{text:?}"
        );
    }
}
