//! `github`: GitHub Actions workflow commands. Each task's run of entries sits in a
//! `::group::<task>` / `::endgroup::` (the group title names the execution under
//! `--recursive`); Error entries are also `::error title=<task>::<message>` annotations and
//! Warning entries `::warning`, escaped by the runner's rules (`%`, CR, LF in data; also `:`
//! and `,` in properties). Every stretch of log content is fenced with
//! `::stop-commands::<token>` and `::<token>::`, the token fresh and random for each run, so no
//! log line can issue a workflow command (`::add-mask::`, `::set-env`, `::endgroup::`, a
//! guessed `::stop-commands::`). Log lines are the `plain` lines, control characters escaped.
//! The runner also reads a legacy `##[command]` anywhere in a line, and its log viewer draws
//! `##[group]`-style lines: every `##[` that comes from the service is written `##[\` (as the
//! runner itself neutralises `##[start-action`), in content, titles and annotations alike.
//! Streamed: the fence is closed at the end of every batch, so a run stopped between batches
//! never leaves the job's commands off (the runner ends a stop at the end of the step anyway).

use std::io::{self, Write};

use super::{Level, Palette, Render, Row};
use crate::sanitize::{Newlines, escape_controls};

/// GitHub Actions renderer.
#[derive(Debug)]
pub(crate) struct GithubRenderer<W> {
    out: W,
    token: String,
    group: Option<String>,
    fenced: bool,
    line: String,
}

/// Text from the service with every legacy `##[` command opener broken.
fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("##[") {
        std::borrow::Cow::Owned(text.replace("##[", "##[\\"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Escapes a command's data (the part after the second `::`), as the runner unescapes it.
pub(super) fn escape_data(text: &str) -> String {
    inert(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (`title=...`).
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl<W: Write> GithubRenderer<W> {
    /// Writes to `out`, fencing content with a fresh random token.
    pub(crate) fn new(out: W) -> Self {
        Self::with_token(out, uuid::Uuid::new_v4().simple().to_string())
    }

    /// Writes to `out` with this fence token (tests).
    pub(crate) fn with_token(out: W, token: String) -> Self {
        Self {
            out,
            token,
            group: None,
            fenced: false,
            line: String::with_capacity(256),
        }
    }

    fn fence(&mut self) -> io::Result<()> {
        if !self.fenced {
            writeln!(self.out, "::stop-commands::{}", self.token)?;
            self.fenced = true;
        }
        Ok(())
    }

    fn unfence(&mut self) -> io::Result<()> {
        if self.fenced {
            writeln!(self.out, "::{}::", self.token)?;
            self.fenced = false;
        }
        Ok(())
    }

    fn close_group(&mut self) -> io::Result<()> {
        self.unfence()?;
        if self.group.take().is_some() {
            writeln!(self.out, "::endgroup::")?;
        }
        Ok(())
    }
}

impl<W: Write> Render for GithubRenderer<W> {
    fn row(&mut self, row: &Row<'_>) -> io::Result<()> {
        let title = super::group_title(row);
        if self.group.as_deref() != Some(title.as_str()) {
            self.close_group()?;
            writeln!(self.out, "::group::{}", escape_data(&title))?;
            self.group = Some(title.clone());
        }
        let command = match row.level {
            Level::Error => Some("error"),
            Level::Warning => Some("warning"),
            Level::Other => None,
        };
        if let Some(command) = command {
            self.unfence()?;
            let message = row
                .cells
                .last()
                .and_then(|c| c.text.as_deref())
                .unwrap_or("");
            // Newlines become the runner's %0A (a multi-line annotation); other controls are
            // shown escaped.
            let message = escape_controls(message, Newlines::Keep);
            writeln!(
                self.out,
                "::{command} title={}::{}",
                escape_property(&title),
                escape_data(&message)
            )?;
        }
        self.fence()?;
        self.line.clear();
        super::plain::push_line(&mut self.line, row, Palette { enabled: false });
        let mut line = inert(&self.line).into_owned();
        line.push('\n');
        self.out.write_all(line.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.unfence()?;
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.close_group()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Items, Page};
    use crate::render::rows::log_row;

    fn render(json: &str, token: &str) -> String {
        let page = Page::from_json(json, Items::ExecutionLogs).unwrap();
        let mut buf = Vec::new();
        {
            let mut r = GithubRenderer::with_token(&mut buf, token.to_owned());
            for e in page.entries() {
                r.row(&log_row(e, None, &Default::default())).unwrap();
            }
            r.flush().unwrap();
            r.finish().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn groups_per_task_annotations_and_fences() {
        let text = render(
            r#"{"ExecutionLogs":[
                {"Timestamp":"t1","LogType":"System","Message":"started"},
                {"Timestamp":"t2","LogType":"Info","TaskExecutionId":"e.t1","Message":"a"},
                {"Timestamp":"t3","LogType":"Error","TaskExecutionId":"e.t1","Message":"50% bad\nreally, bad: yes"}
            ]}"#,
            "TOKEN",
        );
        assert_eq!(
            text,
            "::group::execution\n::stop-commands::TOKEN\nt1\tSystem\t-\tstarted\n::TOKEN::\n::endgroup::\n\
             ::group::e.t1\n::stop-commands::TOKEN\nt2\tInfo\te.t1\ta\n::TOKEN::\n\
             ::error title=e.t1::50%25 bad%0Areally, bad: yes\n::stop-commands::TOKEN\nt3\tError\te.t1\t50% bad\\nreally, bad: yes\n::TOKEN::\n::endgroup::\n"
        );
    }

    #[test]
    fn log_content_is_always_inside_a_fence() {
        let hostile = [
            "::endgroup::",
            "::add-mask::secret",
            "::set-env name=X::1",
            "::stop-commands::guess",
            "::guess::",
            "%0A::error::x",
            "x ##[error]legacy ##[group]g",
        ];
        let entries: Vec<String> = hostile
            .iter()
            .map(|m| format!(r#"{{"TaskExecutionId":"{m}","Message":"{m}","LogType":"Info"}}"#))
            .collect();
        let text = render(
            &format!(r#"{{"ExecutionLogs":[{}]}}"#, entries.join(",")),
            "TOKEN",
        );
        let mut fenced = false;
        for line in text.lines() {
            if line == "::stop-commands::TOKEN" {
                fenced = true;
            } else if line == "::TOKEN::" {
                fenced = false;
            } else if line.starts_with("::") {
                assert!(!fenced, "a command inside the fence: {line}");
                assert!(
                    line.starts_with("::group::") || line == "::endgroup::",
                    "only oos-logs' own commands outside: {line}"
                );
            } else {
                assert!(fenced, "content outside the fence: {line}");
            }
        }
        // A group title from the service cannot break out of its command.
        assert!(text.contains("::group::::add-mask::secret\n"));
        assert!(
            !text.contains("##[error]") && !text.contains("##[group]"),
            "{text}"
        );
        assert!(text.contains("x ##[\\error]legacy ##[\\group]g"), "{text}");
    }

    #[test]
    fn the_default_token_is_fresh_and_unguessable() {
        let a = GithubRenderer::new(Vec::new()).token;
        let b = GithubRenderer::new(Vec::new()).token;
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
    }
}
