//! `status -o junit`: a JUnit XML report that GitLab, Jenkins and Azure DevOps show natively.
//! One `<testsuite>` per execution (children nested inside their parent's), one `<testcase>`
//! per task (a loop's items as testcases of their task: classname `<execution>.<task>`), a
//! `<failure>` with the task's message and last log lines for a failed task, `<skipped>` for
//! one that was cancelled or has not ended; times in seconds. Text is XML-escaped and
//! characters XML 1.0 does not allow are removed, after control characters are shown escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::api::TaskExecution;
use crate::report::Report;
use crate::sanitize::{Newlines, escape_controls};
use crate::timespec::parse_api_time;

/// Writes the report as JUnit XML.
pub(crate) fn status(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let totals = count(report);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        // No `skipped` here: the schema Jenkins xUnit validates against (junit-10.xsd) allows
        // it on `<testsuite>` only.
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{}\">",
        attr(&format!("oos-logs status {}", report.execution.id())),
        totals.tests,
        totals.failures,
        seconds(
            report.execution.text("StartDate").as_deref(),
            report.execution.text("EndDate").as_deref()
        )
    );
    suite(&mut xml, report, 1);
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tests: usize,
    failures: usize,
    skipped: usize,
}

fn own_counts(report: &Report) -> Counts {
    let mut c = Counts::default();
    for task in &report.tasks {
        c.tests += 1;
        match outcome(task) {
            Outcome::Failed => c.failures += 1,
            Outcome::Skipped => c.skipped += 1,
            Outcome::Passed => {}
        }
    }
    c
}

fn count(report: &Report) -> Counts {
    report
        .children
        .iter()
        .fold(own_counts(report), |mut c, child| {
            let n = count(child);
            c.tests += n.tests;
            c.failures += n.failures;
            c.skipped += n.skipped;
            c
        })
}

enum Outcome {
    Passed,
    Failed,
    Skipped,
}

fn outcome(task: &TaskExecution) -> Outcome {
    match task.status().as_str() {
        "Success" => Outcome::Passed,
        "Failed" => Outcome::Failed,
        _ => Outcome::Skipped,
    }
}

/// Seconds between two API times, `0` when either is missing or does not parse.
fn seconds(start: Option<&str>, end: Option<&str>) -> String {
    let parse = |t: Option<&str>| t.and_then(parse_api_time);
    match (parse(start), parse(end)) {
        (Some(s), Some(e)) => {
            let ms = (e.as_millisecond() - s.as_millisecond()).max(0);
            format!("{}.{:03}", ms / 1000, ms % 1000)
        }
        _ => "0".to_owned(),
    }
}

/// Text with control characters escaped and what XML 1.0 forbids removed.
fn clean(text: &str, newlines: Newlines) -> String {
    escape_controls(text, newlines)
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        })
        .collect()
}

/// An attribute value.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text, Newlines::Escape).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Element text.
fn body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text, Newlines::Keep).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn suite(xml: &mut String, report: &Report, depth: usize) {
    let e = &report.execution;
    let id = e.id();
    let own = own_counts(report);
    let indent = "  ".repeat(depth);
    let _ = writeln!(
        xml,
        "{indent}<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\" timestamp=\"{}\">",
        attr(&id),
        own.tests,
        own.failures,
        own.skipped,
        seconds(e.text("StartDate").as_deref(), e.text("EndDate").as_deref()),
        // The JUnit schema's timestamp has no zone: UTC, written without the `Z`.
        e.text("StartDate")
            .as_deref()
            .and_then(parse_api_time)
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default(),
    );
    let _ = writeln!(xml, "{indent}  <properties>");
    for name in [
        "TemplateName",
        "TemplateVersion",
        "Status",
        "StatusMessage",
        "ExecutedBy",
    ] {
        if let Some(value) = e.text(name) {
            let _ = writeln!(
                xml,
                "{indent}    <property name=\"{name}\" value=\"{}\"/>",
                attr(&value)
            );
        }
    }
    let _ = writeln!(xml, "{indent}  </properties>");
    for task in report.tasks.iter().filter(|t| !t.is_loop_item()) {
        testcase(xml, report, task, &id, &indent);
        for item in report.loop_items(task) {
            testcase(xml, report, item, &format!("{id}.{}", task.name()), &indent);
        }
    }
    for child in &report.children {
        suite(xml, child, depth + 1);
    }
    let _ = writeln!(xml, "{indent}</testsuite>");
}

fn testcase(
    xml: &mut String,
    report: &Report,
    task: &TaskExecution,
    classname: &str,
    indent: &str,
) {
    let name = match task.text("LoopItem") {
        Some(item) if task.is_loop_item() => item,
        _ => task.name(),
    };
    let time = seconds(
        task.text("StartDate").as_deref(),
        task.text("EndDate").as_deref(),
    );
    let open = format!(
        "{indent}  <testcase name=\"{}\" classname=\"{}\" time=\"{time}\"",
        attr(&name),
        attr(classname)
    );
    match outcome(task) {
        Outcome::Passed => {
            let _ = writeln!(xml, "{open}/>");
        }
        Outcome::Skipped => {
            let _ = writeln!(
                xml,
                "{open}>\n{indent}    <skipped message=\"{}\"/>\n{indent}  </testcase>",
                attr(&task.status())
            );
        }
        Outcome::Failed => {
            let message = task
                .text("StatusMessage")
                .unwrap_or_else(|| "Failed".to_owned());
            let mut text = message.clone();
            for line in report.lines_of(task) {
                text.push('\n');
                text.push_str(line);
            }
            let _ = writeln!(
                xml,
                "{open}>\n{indent}    <failure message=\"{}\" type=\"{}\">{}</failure>\n{indent}  </testcase>",
                attr(&message),
                attr(&task.text("TaskAction").unwrap_or_default()),
                body(&text)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_content_stays_inert_and_the_xml_well_formed() {
        let mut out = Vec::new();
        status(&mut out, &crate::report::test_reports::hostile()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        assert!(
            !xml.contains("</failure> ") && !xml.contains("]]>"),
            "{xml}"
        );
        assert!(!xml.contains('\0') && !xml.contains('\x1b'), "{xml:?}");
        let failures: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .collect();
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].text().unwrap().contains("</failure> ]]>"),
            "the text survives as text"
        );
        let suite = doc
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .unwrap();
        assert_eq!(suite.attribute("tests"), Some("2"));
        assert_eq!(suite.attribute("failures"), Some("1"));
        assert_eq!(suite.attribute("timestamp"), Some("2024-06-01T00:00:00"));
        assert_eq!(suite.attribute("time"), Some("5.000"));
    }

    #[test]
    fn escaping_and_invalid_characters() {
        assert_eq!(attr("a\"b'<&>\n"), "a&quot;b&apos;&lt;&amp;&gt;\\n");
        assert_eq!(
            body("]]></failure>\u{0}\u{fffe}x"),
            "]]&gt;&lt;/failure&gt;\\0x"
        );
        assert_eq!(
            seconds(Some("2024-06-01T00:00:00Z"), Some("2024-06-01T00:00:13Z")),
            "13.000"
        );
        assert_eq!(seconds(Some("2024-06-01T00:00:00Z"), None), "0");
    }
}
