//! Output: one renderer per format behind the `Render` trait, over rows of any record kind
//! (log entries, executions, tasks), and the palette.
//!
//! A renderer receives rows as they arrive and writes them through the writer it was given;
//! `flush` ends a batch (a page) so a terminal or a pipe sees it at once. Every format streams:
//! nothing holds more than one batch. Renderers receive the colour decision and the width;
//! they must never look at the terminal or the environment themselves, and never do network
//! I/O.

mod github;
mod gitlab;
pub(crate) mod grid;
mod json;
mod json_text;
mod jsonl;
pub(crate) mod junit;
pub(crate) mod markdown;
mod plain;
pub(crate) mod rows;
mod table;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::api::Items;
use crate::cli::OutputFormat;
use grid::{ColumnSpec, WidthHint};

pub(crate) use github::GithubRenderer;
pub(crate) use gitlab::GitlabRenderer;
pub(crate) use json::{JsonDocument, JsonRenderer};
pub(crate) use jsonl::JsonLinesRenderer;
pub(crate) use plain::PlainRenderer;
pub(crate) use table::TableRenderer;

/// Something that writes rows.
pub(crate) trait Render {
    /// Writes one row (streamed formats write it now; the table may hold its first batch).
    /// A write may fail partway through a long row (a signal, a closed pipe): the renderer
    /// stops there, and that row is not written (`held` still counts it when it was held).
    fn row(&mut self, row: &Row<'_>) -> io::Result<()>;
    /// The response body of the one page being printed (only `json` of a single page uses it).
    fn response(&mut self, _raw_body: &str) -> io::Result<()> {
        Ok(())
    }
    /// Ends a batch: everything written so far reaches the reader.
    fn flush(&mut self) -> io::Result<()>;
    /// Ends the output (closes the JSON document, draws the table's last line) and flushes.
    fn finish(&mut self) -> io::Result<()>;
    /// Rows received but not written yet (the table holds its first batch until `flush`).
    fn held(&self) -> u64 {
        0
    }
    /// Whether rows need their cells (json and jsonl print only the record's text).
    fn needs_cells(&self) -> bool {
        true
    }
}

/// One record to print: its JSON text as sent (json, jsonl) and its cells (table, plain).
#[derive(Debug)]
pub(crate) struct Row<'a> {
    /// The record's JSON text, exactly as the service sent it.
    pub json: &'a str,
    /// `json` is known compact and free of terminal-active characters: `jsonl` writes it as
    /// it is instead of re-laying it (false: not known).
    pub plain: bool,
    /// The execution the record belongs to, under `--recursive`: appended as `ExecutionId` in
    /// json/jsonl, a first column in plain and table.
    pub label: Option<&'a str>,
    /// The table and plain columns, in the schema's order, as plain (unescaped) text.
    pub cells: Vec<Cell<'a>>,
    /// What the CI formats group rows by (a log entry's task), if anything.
    pub group: Option<Cow<'a, str>>,
    /// How much the row matters to the CI formats (a log entry's type).
    pub level: Level,
}

/// A row's weight in CI output: Error and Warning entries become annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Level {
    /// An Error entry.
    Error,
    /// A Warning entry.
    Warning,
    /// Anything else.
    #[default]
    Other,
}

impl Level {
    /// The level of a LogType.
    pub(crate) fn of_log_type(log_type: Option<&str>) -> Self {
        let t = log_type.map_or("", str::trim);
        if t.eq_ignore_ascii_case("error") {
            Self::Error
        } else if t.eq_ignore_ascii_case("warning") || t.eq_ignore_ascii_case("warn") {
            Self::Warning
        } else {
            Self::Other
        }
    }
}

/// A cell: its text (renderers escape it) and how it is coloured.
#[derive(Debug, Clone)]
pub(crate) struct Cell<'a> {
    /// The text; None shows as empty (`-` in plain).
    pub text: Option<Cow<'a, str>>,
    /// Its colour rule.
    pub paint: Paint,
    /// False for short fields whose newlines are escaped even in a table.
    pub multiline: bool,
}

impl<'a> Cell<'a> {
    /// A plain single-line cell.
    pub(crate) fn new(text: Option<Cow<'a, str>>) -> Self {
        Self {
            text,
            paint: Paint::None,
            multiline: false,
        }
    }

    /// A cell whose newlines a table keeps (a message).
    pub(crate) fn multiline(text: Option<Cow<'a, str>>) -> Self {
        Self {
            multiline: true,
            ..Self::new(text)
        }
    }

    /// With a colour rule.
    pub(crate) fn painted(self, paint: Paint) -> Self {
        Self { paint, ..self }
    }
}

/// How a cell is coloured when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paint {
    /// Never.
    None,
    /// By LogType: Error red, Warning yellow, System cyan, Debug dim.
    LogType,
    /// By execution or task status: Success green, Failed red, Cancelled yellow, Waiting
    /// magenta, under way cyan.
    Status,
    /// A stable colour per execution label.
    Label,
}

/// What kind of records are printed: the columns of table and plain, and the array of the
/// json document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schema {
    /// The columns, in order.
    pub columns: &'static [ColumnSpec],
    /// The JSON document's array.
    pub items: Items,
}

/// Log entries: TIME, TYPE, TASK, MESSAGE.
pub(crate) const LOG_SCHEMA: Schema = Schema {
    columns: &[
        ColumnSpec {
            header: "TIME",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "TYPE",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "TASK",
            hint: WidthHint::FitUpTo(30),
        },
        ColumnSpec {
            header: "MESSAGE",
            hint: WidthHint::Fill,
        },
    ],
    items: Items::ExecutionLogs,
};

/// Executions: EXECUTION, TEMPLATE, STATUS, STARTED, DURATION, BY.
pub(crate) const EXECUTION_SCHEMA: Schema = Schema {
    columns: &[
        ColumnSpec {
            header: "EXECUTION",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "TEMPLATE",
            hint: WidthHint::Fill,
        },
        ColumnSpec {
            header: "STATUS",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "STARTED",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "DURATION",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "BY",
            hint: WidthHint::FitUpTo(20),
        },
    ],
    items: Items::Executions,
};

/// Tasks: TASK, ACTION, STATUS, STARTED, DURATION, DETAILS.
pub(crate) const TASK_SCHEMA: Schema = Schema {
    columns: &[
        ColumnSpec {
            header: "TASK",
            hint: WidthHint::FitUpTo(20),
        },
        ColumnSpec {
            header: "ACTION",
            hint: WidthHint::FitUpTo(20),
        },
        ColumnSpec {
            header: "STATUS",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "STARTED",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "DURATION",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "DETAILS",
            hint: WidthHint::Fill,
        },
    ],
    items: Items::TaskExecutions,
};

/// The label column of `--recursive`.
pub(crate) const LABEL_COLUMN: ColumnSpec = ColumnSpec {
    header: "EXECUTION",
    hint: WidthHint::FitUpTo(15),
};

/// Colour decisions, made once at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Palette {
    /// Whether to colour at all.
    pub enabled: bool,
}

impl Palette {
    /// The style of a cell with this rule and raw value, when colour is on.
    pub(crate) fn style(&self, paint: Paint, raw: &str) -> Option<owo_colors::Style> {
        use owo_colors::Style;
        if !self.enabled {
            return None;
        }
        let style = match paint {
            Paint::None => return None,
            Paint::LogType => match raw.trim().to_ascii_lowercase().as_str() {
                "error" => Style::new().red(),
                "warning" | "warn" => Style::new().yellow(),
                "system" => Style::new().cyan(),
                "debug" => Style::new().dimmed(),
                _ => return None,
            },
            Paint::Status => match raw.trim() {
                "Success" => Style::new().green(),
                "Failed" => Style::new().red(),
                "Cancelled" => Style::new().yellow(),
                "Waiting" => Style::new().magenta(),
                "" => return None,
                _ => Style::new().cyan(),
            },
            Paint::Label => {
                // A stable colour per label (FNV-1a): the same execution, the same colour.
                let hash = raw.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
                });
                match hash % 6 {
                    0 => Style::new().blue(),
                    1 => Style::new().magenta(),
                    2 => Style::new().cyan(),
                    3 => Style::new().green(),
                    4 => Style::new().yellow(),
                    _ => Style::new().bright_blue(),
                }
            }
        };
        Some(style)
    }

    /// `text` in the style of `paint` for `raw`; `text` must already be escaped.
    pub(crate) fn paint<'t>(&self, paint: Paint, raw: &str, text: &'t str) -> Cow<'t, str> {
        use owo_colors::OwoColorize as _;
        match self.style(paint, raw) {
            Some(style) => Cow::Owned(text.style(style).to_string()),
            None => Cow::Borrowed(text),
        }
    }
}

/// How the output is laid out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderOptions {
    /// Colours.
    pub palette: Palette,
    /// The table's width in columns.
    pub width: u16,
    /// `json`: the response object of one page, or records gathered into one document.
    pub document: JsonDocument,
    /// Rows carry an execution label (`--recursive`).
    pub labelled: bool,
}

/// The renderer of a format, writing to `out`.
pub(crate) fn renderer<'w, W: Write + 'w>(
    format: OutputFormat,
    out: W,
    schema: Schema,
    options: RenderOptions,
) -> Box<dyn Render + 'w> {
    match format {
        OutputFormat::Table => Box::new(TableRenderer::new(out, schema, options)),
        OutputFormat::Json => Box::new(JsonRenderer::new(out, schema.items, options.document)),
        OutputFormat::Jsonl => Box::new(JsonLinesRenderer::new(out)),
        OutputFormat::Plain => Box::new(PlainRenderer::new(out, options.palette)),
        OutputFormat::Github => Box::new(GithubRenderer::new(out)),
        OutputFormat::Gitlab => Box::new(GitlabRenderer::new(out)),
    }
}

/// `json` (valid JSON text) 2-space indented, its text kept as sent.
pub(crate) fn pretty_json(json: &str) -> String {
    let mut out = Vec::with_capacity(json.len() * 2);
    json_text::pretty(json, 0, &mut out);
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}

/// The group title of a row in the CI formats: its task (or "execution" for entries of no
/// task), after its execution under `--recursive`; plain text, controls escaped.
pub(crate) fn group_title(row: &Row<'_>) -> String {
    let task = row
        .group
        .as_deref()
        .filter(|t| !t.is_empty())
        .unwrap_or("execution");
    let title = match row.label {
        Some(label) => format!("{label} · {task}"),
        None => task.to_owned(),
    };
    crate::sanitize::escape_controls(&title, crate::sanitize::Newlines::Escape).into_owned()
}

/// The JSON text of a record with `"ExecutionId": label` appended (`--recursive`), or as is.
pub(crate) fn with_label<'a>(json: &'a str, label: Option<&str>) -> Cow<'a, str> {
    let Some(label) = label else {
        return Cow::Borrowed(json);
    };
    let body = json.trim_end();
    let Some(open) = body.strip_suffix('}') else {
        return Cow::Borrowed(json);
    };
    let open = open.trim_end();
    let id = serde_json::to_string(label).expect("a string serializes");
    let separator = if open.ends_with('{') { "" } else { "," };
    Cow::Owned(format!("{open}{separator}\"ExecutionId\":{id}}}"))
}

#[cfg(test)]
pub(crate) mod test_rows {
    use super::rows::{LogRowOptions, log_row};
    use crate::api::{Items, Page};
    use serde_json::{Value, json};

    pub(crate) fn page(v: Value) -> Page {
        Page::from_json(&v.to_string(), Items::ExecutionLogs).unwrap()
    }

    pub(crate) fn sample() -> Page {
        page(json!({
            "NextToken": "tok",
            "RequestId": "R1",
            "ExecutionLogs": [
                {"Timestamp": "2024-01-02T03:04:05Z", "LogType": " System", "TaskExecutionId": "exec-1.t0001", "Message": "started"},
                {"Timestamp": "2019-05-24T:02:29:07Z", "LogType": "Error", "Message": "bad\x1b[31m\r\nline", "Extra": {"k": 1}}
            ]
        }))
    }

    /// Renders every entry of `pages` with `r`, one batch per page.
    pub(crate) fn render_pages(r: &mut dyn super::Render, pages: &[Page]) {
        for p in pages {
            r.response(p.raw_body()).unwrap();
            for e in p.entries() {
                r.row(&log_row(e, None, &LogRowOptions::default())).unwrap();
            }
            r.flush().unwrap();
        }
        r.finish().unwrap();
    }

    #[test]
    fn label_is_appended_as_execution_id() {
        assert_eq!(
            super::with_label(r#"{"a":1}"#, Some("exec-\"x")),
            r#"{"a":1,"ExecutionId":"exec-\"x"}"#
        );
        assert_eq!(
            super::with_label("{ }", Some("e")),
            r#"{"ExecutionId":"e"}"#
        );
        assert_eq!(super::with_label(r#"{"a":1}"#, None), r#"{"a":1}"#);
    }
}
