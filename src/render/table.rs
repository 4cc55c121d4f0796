//! `table`: the schema's columns fitted to the given width, drawn row by row as records
//! arrive (streamed: memory flat, the first row out with the first batch). Column widths are
//! planned from the width and the first batch of rows; a later value wider than its column
//! wraps inside it. Cell text is escaped first: log content never drives the terminal.
//!
//! A row stops where a write fails (a signal, a closed pipe) and counts as written only once
//! drawn whole: `held` still counts the row being drawn and those after it, so what the run
//! commits is exactly the rows that are complete.

use std::collections::VecDeque;
use std::io::{self, Write};

use super::grid::{self, ColumnSpec, Grid};
use super::{LABEL_COLUMN, Paint, Palette, Render, RenderOptions, Row, Schema};
use crate::sanitize::{Newlines, escape_content};

/// One escaped cell held until the column widths are known: its text, and its colour rule
/// with the raw value the rule reads.
type HeldCell = (String, Paint, String);

/// Table renderer.
#[derive(Debug)]
pub(crate) struct TableRenderer<W> {
    out: W,
    palette: Palette,
    width: u16,
    columns: Vec<ColumnSpec>,
    /// The first batch, held until `flush` plans the widths from it; each row leaves it once
    /// drawn.
    first_batch: VecDeque<Vec<HeldCell>>,
    grid: Option<Grid>,
    /// Draw the header row (`--no-headers` leaves it out).
    header: bool,
}

impl<W: Write> TableRenderer<W> {
    /// Writes to `out`, `options.width` columns wide.
    pub(crate) fn new(out: W, schema: Schema, options: RenderOptions) -> Self {
        let mut columns = Vec::with_capacity(schema.columns.len() + 1);
        if options.labelled {
            columns.push(LABEL_COLUMN);
        }
        columns.extend_from_slice(schema.columns);
        Self {
            out,
            palette: options.palette,
            width: options.width,
            columns,
            first_batch: VecDeque::new(),
            grid: None,
            header: true,
        }
    }

    /// The same table without its header row (`--no-headers`): the frame stays, the column
    /// titles and the rule under them go.
    #[must_use]
    pub(crate) fn without_header(mut self) -> Self {
        self.header = false;
        self
    }

    /// The row's cells, escaped: label first when there is one.
    fn held_cells(row: &Row<'_>) -> Vec<HeldCell> {
        let label = row.label.map(|l| {
            (
                escape_content(l, Newlines::Escape).into_owned(),
                Paint::Label,
                l.to_owned(),
            )
        });
        label
            .into_iter()
            .chain(row.cells.iter().map(|cell| {
                let raw = cell.text.as_deref().unwrap_or("");
                let newlines = if cell.multiline {
                    Newlines::Keep
                } else {
                    Newlines::Escape
                };
                let raw_for_paint = if cell.paint == Paint::None {
                    String::new()
                } else {
                    raw.to_owned()
                };
                (
                    escape_content(raw, newlines).into_owned(),
                    cell.paint,
                    raw_for_paint,
                )
            }))
            .collect()
    }

    fn draw(&mut self, cells: &[HeldCell]) -> io::Result<()> {
        let palette = self.palette;
        let grid_cells: Vec<grid::Cell<'_>> = cells
            .iter()
            .map(|(text, paint, raw)| grid::Cell {
                text,
                style: palette.style(*paint, raw),
            })
            .collect();
        let grid = self
            .grid
            .as_mut()
            .expect("widths are planned before drawing");
        grid.write_row(&mut self.out, &grid_cells)
    }

    /// Plans the widths from the first batch and draws the header and that batch, a row
    /// leaving the batch once it is drawn whole.
    fn start(&mut self) -> io::Result<()> {
        let widest: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                self.first_batch
                    .iter()
                    .filter_map(|row| row.get(i))
                    .map(|(text, _, _)| {
                        text.split('\n').map(grid::display_width).max().unwrap_or(0)
                    })
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let widths = grid::plan_widths(usize::from(self.width), &self.columns, &widest);
        let grid = Grid::new(widths);
        grid.write_top(&mut self.out)?;
        if self.header {
            let headers: Vec<&str> = self.columns.iter().map(|c| c.header).collect();
            grid.write_header(&mut self.out, &headers)?;
        }
        self.grid = Some(grid);
        while let Some(row) = self.first_batch.pop_front() {
            if let Err(e) = self.draw(&row) {
                // Not drawn whole: still held, so it is not counted.
                self.first_batch.push_front(row);
                return Err(e);
            }
        }
        Ok(())
    }
}

impl<W: Write> Render for TableRenderer<W> {
    fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        let cells = Self::held_cells(row);
        if self.grid.is_some() {
            self.draw(&cells)
        } else {
            self.first_batch.push_back(cells);
            Ok(())
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.grid.is_none() && !self.first_batch.is_empty() {
            self.start()?;
        }
        self.out.flush()
    }

    fn held(&self) -> u64 {
        self.first_batch.len() as u64
    }

    fn finish(&mut self) -> io::Result<()> {
        self.flush()?;
        if let Some(grid) = &self.grid {
            grid.write_bottom(&mut self.out)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_rows::{page, render_pages, sample};
    use crate::render::{JsonDocument, LOG_SCHEMA};
    use serde_json::json;

    fn options(enabled: bool, width: u16) -> RenderOptions {
        RenderOptions {
            palette: Palette { enabled },
            width,
            document: JsonDocument::Gathered,
            labelled: false,
        }
    }

    fn render(enabled: bool, width: u16, pages: &[crate::api::Page]) -> String {
        let mut buf = Vec::new();
        render_pages(
            &mut TableRenderer::new(&mut buf, LOG_SCHEMA, options(enabled, width)),
            pages,
        );
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn header_rows_and_no_raw_controls() {
        let text = render(false, 100, &[sample()]);
        assert!(text.contains("TIME") && text.contains("MESSAGE"));
        assert!(text.contains("2019-05-24T:02:29:07Z"));
        assert!(text.contains("bad\\e[31m\\r"));
        assert!(!text.contains('\x1b') && !text.contains('\r'));
        assert!(text.starts_with('┌') && text.trim_end().ends_with('┘'));
    }

    #[test]
    fn fits_the_width() {
        for width in [40, 60, 100] {
            let text = render(false, width, &[sample()]);
            for line in text.lines() {
                assert!(
                    grid::display_width(line) <= usize::from(width),
                    "{line:?} is wider than {width}"
                );
            }
        }
    }

    #[test]
    fn colours_the_type_when_enabled() {
        let text = render(true, 100, &[sample()]);
        assert!(text.contains("\x1b[31mError"), "{text:?}");
    }

    #[test]
    fn rows_stream_after_the_first_batch_and_later_rows_wrap() {
        let later = page(json!({"ExecutionLogs": [
            {"Timestamp": "2024-01-02T03:04:06Z", "LogType": "Info", "TaskExecutionId": "a-much-longer-task-id-than-before.t0002", "Message": "later"}
        ]}));
        let mut buf = Vec::new();
        {
            let mut r = TableRenderer::new(&mut buf, LOG_SCHEMA, options(false, 80));
            for e in sample().entries() {
                r.row(&crate::render::rows::log_row(e, None, &Default::default()))
                    .unwrap();
            }
            r.flush().unwrap();
            for e in later.entries() {
                r.row(&crate::render::rows::log_row(e, None, &Default::default()))
                    .unwrap();
            }
            r.finish().unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text.lines().filter(|l| l.starts_with('┌')).count(), 1);
        assert_eq!(text.lines().filter(|l| l.starts_with('└')).count(), 1);
        let widths: Vec<usize> = text.lines().map(grid::display_width).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{text}");
        assert!(text.contains("later"));
    }

    #[test]
    fn no_header_row_when_asked() {
        let mut buf = Vec::new();
        render_pages(
            &mut TableRenderer::new(&mut buf, LOG_SCHEMA, options(false, 100)).without_header(),
            &[sample()],
        );
        let text = String::from_utf8(buf).unwrap();
        assert!(!text.contains("MESSAGE") && !text.contains('╞'), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with('┌'), "{text}");
        assert!(lines[1].contains("2024-01-02T03:04:05Z"), "{text}");
        assert!(text.trim_end().ends_with('┘'));
    }

    #[test]
    fn nothing_at_all_for_no_rows() {
        assert_eq!(render(false, 80, &[page(json!({"ExecutionLogs": []}))]), "");
    }
}
