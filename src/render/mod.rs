//! Output: one renderer per format behind the `Render` trait, and the palette.
//!
//! Renderers receive pages as they arrive and write them through the writer they were given,
//! flushing once per page so a terminal or a pipe sees each page at once. They receive the
//! colour decision and the width; they must never look at the terminal or the environment
//! themselves, and never do network I/O.

mod json;
mod json_text;
mod jsonl;
mod plain;
mod table;

use std::io::{self, Write};

use crate::api::LogPage;
use crate::cli::OutputFormat;

pub use json::JsonRenderer;
pub use jsonl::JsonLinesRenderer;
pub use plain::PlainRenderer;
pub use table::TableRenderer;

/// Something that writes pages of log entries.
pub trait Render {
    /// Writes one page (streamed formats write it now and flush).
    fn page(&mut self, page: &LogPage) -> io::Result<()>;
    /// Ends the output (closes the JSON document, prints the buffered table) and flushes.
    fn finish(&mut self) -> io::Result<()>;
}

/// Colour decisions, made once at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Whether to colour at all.
    pub enabled: bool,
}

impl Palette {
    /// The LogType, coloured by kind when colour is on: Error red, Warning yellow, System
    /// cyan, Debug dim. `text` must already be escaped.
    pub fn log_type(&self, raw_type: &str, text: &str) -> String {
        use owo_colors::OwoColorize as _;
        if !self.enabled {
            return text.to_owned();
        }
        match raw_type.trim().to_ascii_lowercase().as_str() {
            "error" => text.red().to_string(),
            "warning" | "warn" => text.yellow().to_string(),
            "system" => text.cyan().to_string(),
            "debug" => text.dimmed().to_string(),
            _ => text.to_owned(),
        }
    }
}

/// How the output is laid out.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Colours.
    pub palette: Palette,
    /// The table's width in columns.
    pub width: u16,
    /// `json`: true to print `{"ExecutionLogs": [...]}` gathered over pages (`--all`,
    /// `--limit`), false to print the one response object as the API sent it.
    pub gather: bool,
}

/// The renderer of a format, writing to `out`.
pub fn renderer<'w, W: Write + 'w>(
    format: OutputFormat,
    out: W,
    options: RenderOptions,
) -> Box<dyn Render + 'w> {
    match format {
        OutputFormat::Table => Box::new(TableRenderer::new(out, options.palette, options.width)),
        OutputFormat::Json => Box::new(JsonRenderer::new(out, options.gather)),
        OutputFormat::Jsonl => Box::new(JsonLinesRenderer::new(out)),
        OutputFormat::Plain => Box::new(PlainRenderer::new(out, options.palette)),
    }
}

#[cfg(test)]
pub(crate) mod test_pages {
    use crate::api::LogPage;
    use serde_json::{Value, json};

    pub(crate) fn page(v: Value) -> LogPage {
        LogPage::from_json(&v.to_string()).unwrap()
    }

    pub(crate) fn sample() -> LogPage {
        page(json!({
            "NextToken": "tok",
            "RequestId": "R1",
            "ExecutionLogs": [
                {"Timestamp": "2024-01-02T03:04:05Z", "LogType": " System", "TaskExecutionId": "exec-1.t0001", "Message": "started"},
                {"Timestamp": "2019-05-24T:02:29:07Z", "LogType": "Error", "Message": "bad\x1b[31m\r\nline", "Extra": {"k": 1}}
            ]
        }))
    }
}
