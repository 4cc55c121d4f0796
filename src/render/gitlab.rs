//! `gitlab`: GitLab CI collapsible sections. Each task's run of entries sits between
//! `\e[0Ksection_start:<time>:<name>[collapsed=true]\r\e[0K<title>` and
//! `\e[0Ksection_end:<time>:<name>\r\e[0K`, with a unique name per section (a counter and the
//! task id reduced to the characters GitLab allows). Log lines are the `plain` lines: every
//! control character is escaped, so no ESC or CR of a log reaches the job log. GitLab's newer
//! log viewer takes `section_start:<digits>:<name>` for a marker anywhere in a line, ESC or
//! not, so in text from the service `section_` is written with a zero-width space after
//! `section` (U+200B): a log line can neither open nor close a section. Streamed.

use std::io::{self, Write};

use super::{Palette, Render, Row};

/// GitLab CI renderer.
#[derive(Debug)]
pub(crate) struct GitlabRenderer<W> {
    out: W,
    /// The open section: its title and name.
    section: Option<(String, String)>,
    sections: u64,
    line: String,
    clock: fn() -> i64,
}

fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// A section name: `oos_<n>_` and the title reduced to `[A-Za-z0-9_.-]`, at most 64 bytes.
pub(super) fn section_name(n: u64, title: &str) -> String {
    let mut name = format!("oos_{n}_");
    name.extend(
        title
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .take(48),
    );
    name
}

impl<W: Write> GitlabRenderer<W> {
    /// Writes to `out`.
    pub(crate) fn new(out: W) -> Self {
        Self::with_clock(out, unix_now)
    }

    /// Writes to `out`, reading section times from `clock` (tests).
    pub(crate) fn with_clock(out: W, clock: fn() -> i64) -> Self {
        Self {
            out,
            section: None,
            sections: 0,
            line: String::with_capacity(256),
            clock,
        }
    }

    fn close_section(&mut self) -> io::Result<()> {
        if let Some((_, name)) = self.section.take() {
            write!(
                self.out,
                "\x1b[0Ksection_end:{}:{name}\r\x1b[0K\n",
                (self.clock)()
            )?;
        }
        Ok(())
    }
}

/// Text from the service with every `section_` broken by a zero-width space.
fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("section_") {
        std::borrow::Cow::Owned(text.replace("section_", "section\u{200b}_"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

impl<W: Write> Render for GitlabRenderer<W> {
    fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        let title = inert(&super::group_title(row)).into_owned();
        if self.section.as_ref().map(|(t, _)| t.as_str()) != Some(title.as_str()) {
            self.close_section()?;
            self.sections += 1;
            let name = section_name(self.sections, &title);
            write!(
                self.out,
                "\x1b[0Ksection_start:{}:{name}[collapsed=true]\r\x1b[0K{title}\n",
                (self.clock)()
            )?;
            self.section = Some((title, name));
        }
        self.line.clear();
        super::plain::push_line(&mut self.line, row, Palette { enabled: false });
        let mut line = inert(&self.line).into_owned();
        line.push('\n');
        self.out.write_all(line.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.close_section()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Items, Page};
    use crate::render::rows::log_row;

    fn render(json: &str) -> String {
        let page = Page::from_json(json, Items::ExecutionLogs).unwrap();
        let mut buf = Vec::new();
        {
            let mut r = GitlabRenderer::with_clock(&mut buf, || 1_700_000_000);
            for e in page.entries() {
                r.row(&log_row(e, None, &Default::default())).unwrap();
            }
            r.finish().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn a_collapsed_section_per_task() {
        let text = render(
            r#"{"ExecutionLogs":[
                {"Timestamp":"t1","LogType":"System","Message":"started"},
                {"Timestamp":"t2","LogType":"Info","TaskExecutionId":"e.t1","Message":"a"},
                {"Timestamp":"t3","LogType":"Error","TaskExecutionId":"e.t1","Message":"b"}
            ]}"#,
        );
        assert_eq!(
            text,
            "\x1b[0Ksection_start:1700000000:oos_1_execution[collapsed=true]\r\x1b[0Kexecution\n\
             t1\tSystem\t-\tstarted\n\
             \x1b[0Ksection_end:1700000000:oos_1_execution\r\x1b[0K\n\
             \x1b[0Ksection_start:1700000000:oos_2_e.t1[collapsed=true]\r\x1b[0Ke.t1\n\
             t2\tInfo\te.t1\ta\n\
             t3\tError\te.t1\tb\n\
             \x1b[0Ksection_end:1700000000:oos_2_e.t1\r\x1b[0K\n"
        );
    }

    #[test]
    fn log_content_cannot_open_or_close_a_section() {
        let text = render(
            r#"{"ExecutionLogs":[
                {"TaskExecutionId":"x\u001b[0Ksection_end:1:oos_1_x\r","Message":"\u001b[0Ksection_end:1700000000:oos_1_execution\r\u001b[0K"},
                {"Message":"\u001b[0Ksection_start:1:evil[collapsed=false]\r\u001b[0Khi"}
            ]}"#,
        );
        // Only oos-logs' own markers carry ESC and CR.
        let escs = text.matches('\x1b').count();
        let markers = text.matches("\x1b[0Ksection_").count();
        assert_eq!(escs, 2 * markers, "{text:?}");
        assert_eq!(text.matches('\r').count(), markers, "{text:?}");
        assert!(text.contains("\\e[0Ksection\u{200b}_end:1700000000:oos_1_execution\\r\\e[0K"));
        // Without ESC or CR too (GitLab's newer viewer needs neither).
        let plain = render(
            r#"{"ExecutionLogs":[{"Message":"x section_start:1:evil y section_end:1:evil"}]}"#,
        );
        assert_eq!(
            plain.matches("section_").count(),
            2,
            "only the own markers: {plain:?}"
        );
    }

    #[test]
    fn section_names_use_only_allowed_characters() {
        assert_eq!(
            section_name(3, "exec-1 · t:0001/x"),
            "oos_3_exec-1___t_0001_x"
        );
        assert!(section_name(1, &"a".repeat(500)).len() <= 64);
    }
}
