//! `status -o markdown`: a summary for `$GITHUB_STEP_SUMMARY`. The status with its message,
//! the failed tasks first with their last log lines (at most 20 each), a task table, and the
//! children nested below. Everything the service sent is untrusted: table cells and names are
//! code spans (no Markdown, HTML or autolink inside; `|` escaped for tables), longer text is a
//! `<pre>` block with `&`, `<`, `>` as entities, and control characters are escaped first, so a
//! log cannot restyle the summary, link from it, or break its table.

use std::io::{self, Write};

use crate::render::rows::duration_between;
use crate::report::Report;
use crate::sanitize::{Newlines, escape_controls};

/// Writes the report as Markdown.
pub(crate) fn status(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let mut text = String::new();
    execution(&mut text, report, 2, None);
    out.write_all(text.as_bytes())
}

fn icon(status: &str) -> &'static str {
    match status {
        "Success" => "✅",
        "Failed" => "❌",
        "Cancelled" => "⛔",
        "Waiting" => "⏸️",
        "Running" | "Started" | "Queued" | "Pending" => "🔄",
        _ => "❔",
    }
}

/// Untrusted text as an inline code span: one line, controls escaped, a backtick fence longer
/// than any run inside, `|` escaped when it stands in a table cell.
pub(crate) fn code(text: &str, in_table: bool) -> String {
    let one_line = escape_controls(text, Newlines::Escape);
    let mut content = one_line.into_owned();
    if in_table {
        content = content.replace('|', "\\|");
    }
    if content.is_empty() {
        return String::new();
    }
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') || content.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

/// Untrusted lines as a `<pre>` block: controls escaped, HTML-significant characters as
/// entities, so nothing inside is Markdown or HTML.
pub(crate) fn pre(lines: &[String]) -> String {
    let mut out = String::from("<pre>");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for c in escape_controls(line, Newlines::Escape).chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
    }
    out.push_str("</pre>\n");
    out
}

fn heading(level: usize) -> String {
    "#".repeat(level.min(6))
}

fn execution(out: &mut String, report: &Report, level: usize, parent: Option<&str>) {
    use std::fmt::Write as _;
    let e = &report.execution;
    let status = e.status_text();
    let _ = writeln!(
        out,
        "{} {} {} {}\n",
        heading(level),
        icon(&status),
        code(&e.id(), false),
        code(&status, false)
    );
    if let Some(parent) = parent {
        let _ = writeln!(out, "Child of {}.\n", code(parent, false));
    }
    let field = |name: &str| e.text(name).unwrap_or_default();
    let _ = writeln!(out, "| | |\n|---|---|");
    let template = match e.text("TemplateVersion") {
        Some(v) => format!("{} ({v})", field("TemplateName")),
        None => field("TemplateName"),
    };
    for (name, value) in [
        ("Template", template),
        ("Started", field("StartDate")),
        ("Ended", field("EndDate")),
        (
            "Duration",
            duration_between(
                e.text("StartDate").as_deref(),
                e.text("EndDate").as_deref(),
                &e.status_text(),
            )
            .unwrap_or_default(),
        ),
        ("Executed by", field("ExecutedBy")),
    ] {
        if !value.is_empty() {
            let _ = writeln!(out, "| {name} | {} |", code(&value, true));
        }
    }
    out.push('\n');
    if let Some(message) = e.status_message() {
        out.push_str("Status message:\n\n");
        out.push_str(&pre(&[message]));
        out.push('\n');
    }
    let failed: Vec<_> = report.failed_tasks().collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "{} Failed tasks\n", heading(level + 1));
        for task in failed {
            let name = match task.text("LoopItem") {
                Some(item) => format!("{} [{item}]", task.name()),
                None => task.name(),
            };
            let _ = writeln!(
                out,
                "{} {} {}\n",
                heading(level + 2),
                code(&name, false),
                code(&task.text("TaskAction").unwrap_or_default(), false)
            );
            if let Some(message) = task.text("StatusMessage") {
                out.push_str(&pre(&[message]));
                out.push('\n');
            }
            let lines = report.lines_of(task);
            if !lines.is_empty() {
                let _ = writeln!(
                    out,
                    "<details><summary>Last log line{} ({})</summary>\n",
                    if lines.len() == 1 { "" } else { "s" },
                    lines.len()
                );
                out.push_str(&pre(lines));
                out.push_str("\n</details>\n\n");
            }
        }
    }
    let top = report.top_tasks_failed_first();
    if !top.is_empty() {
        let _ = writeln!(out, "{} Tasks\n", heading(level + 1));
        out.push_str("| Task | Action | Status | Duration | Loop items | Child execution |\n");
        out.push_str("|---|---|---|---|---|---|\n");
        for task in top {
            let items = report.loop_items(task);
            let loop_text = if items.is_empty() {
                String::new()
            } else {
                format!(
                    "{} ({} failed)",
                    items.len(),
                    items.iter().filter(|t| t.status() == "Failed").count()
                )
            };
            let status = task.status();
            let _ = writeln!(
                out,
                "| {} | {} | {} {} | {} | {} | {} |",
                code(&task.name(), true),
                code(&task.text("TaskAction").unwrap_or_default(), true),
                icon(&status),
                code(&status, true),
                duration_between(
                    task.text("StartDate").as_deref(),
                    task.text("EndDate").as_deref(),
                    &status
                )
                .unwrap_or_default(),
                loop_text,
                code(&task.child_execution_id().unwrap_or_default(), true),
            );
        }
        out.push('\n');
    }
    let id = e.id();
    for child in &report.children {
        execution(out, child, level + 1, Some(&id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_anything() {
        assert_eq!(code("plain", false), "`plain`");
        assert_eq!(code("a ``b`` c", false), "```a ``b`` c```");
        assert_eq!(code("`x`", false), "`` `x` ``");
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("a\nb\x1b[1m", false), "`a\\nb\\e[1m`");
        assert_eq!(code("", true), "");
    }

    #[test]
    fn hostile_content_stays_inert_text() {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let mut out = Vec::new();
        status(&mut out, &crate::report::test_reports::hostile()).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(!md.contains('\x1b') && !md.contains('\0'), "{md:?}");
        let mut row_cells = 0;
        let mut header_cells = None;
        for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match event {
                // Only the summary's own HTML, and log text only as entities inside <pre>.
                Event::Html(html) | Event::InlineHtml(html) => {
                    let html = html.trim();
                    let own = ["<pre>", "</pre>", "<details>", "</details>", "<summary>"];
                    assert!(
                        own.iter().any(|t| html.starts_with(t)),
                        "HTML from the log: {html}"
                    );
                    assert!(
                        !html.contains("<img") && !html.contains("</failure>"),
                        "{html}"
                    );
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    panic!("a link or an image in the summary:\n{md}")
                }
                Event::Start(Tag::Emphasis | Tag::Strong) => panic!("restyled:\n{md}"),
                Event::Start(Tag::TableRow | Tag::TableHead) => row_cells = 0,
                Event::Start(Tag::TableCell) => row_cells += 1,
                Event::End(TagEnd::TableHead) => header_cells = Some(row_cells),
                Event::End(TagEnd::TableRow) => {
                    assert_eq!(Some(row_cells), header_cells, "a cell broke out:\n{md}");
                }
                _ => {}
            }
        }
    }

    #[test]
    fn pre_blocks_hold_no_html() {
        assert_eq!(
            pre(&[
                "<script>alert(1)</script> & </pre>".to_owned(),
                "[x](http://e)".to_owned()
            ]),
            "<pre>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/pre&gt;\n[x](http://e)</pre>\n"
        );
    }
}
