//! Which log entries the user asked to see, decided on the client: `--since`/`--until` on the
//! entry's `Timestamp`, `--grep` on its `Message`, and `--failed`'s "an Error of no task".
//!
//! An entry whose timestamp does not parse is kept (never silently dropped) and reported once.
//! It must not fetch, render or print: the caller shows `take_warning`.

use jiff::Timestamp;
use regex::{Regex, RegexBuilder};

use crate::api::EntryFields;
use crate::error::Error;
use crate::timespec::parse_api_time;

/// The client-side filters of a `list` run.
#[derive(Debug, Default)]
pub(crate) struct EntryFilter {
    since: Option<Timestamp>,
    until: Option<Timestamp>,
    grep: Option<Regex>,
    warned_unparseable: bool,
    warning: Option<String>,
}

impl EntryFilter {
    /// Builds the filter; an invalid regex is a usage error naming `--grep`.
    pub(crate) fn new(
        since: Option<Timestamp>,
        until: Option<Timestamp>,
        grep: Option<&str>,
        ignore_case: bool,
    ) -> Result<Self, Error> {
        let grep = grep
            .map(|pattern| {
                RegexBuilder::new(pattern)
                    .case_insensitive(ignore_case)
                    .build()
                    .map_err(|e| {
                        Error::Usage(format!(
                            "invalid value for --grep: {}",
                            e.to_string().replace('\n', " ")
                        ))
                    })
            })
            .transpose()?;
        Ok(Self {
            since,
            until,
            grep,
            warned_unparseable: false,
            warning: None,
        })
    }

    /// True when no filter is set: every entry is kept.
    pub(crate) fn is_empty(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.grep.is_none()
    }

    /// Whether to print the entry.
    pub(crate) fn keep(&mut self, fields: &EntryFields<'_>) -> bool {
        if let Some(re) = &self.grep
            && !re.is_match(fields.message.as_deref().unwrap_or(""))
        {
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let raw = fields.timestamp.as_deref().unwrap_or("");
        let Some(time) = parse_api_time(raw) else {
            if !self.warned_unparseable {
                self.warned_unparseable = true;
                self.warning = Some(format!(
                    "an entry's timestamp {:?} does not parse: such entries are kept whatever --since/--until say",
                    crate::sanitize::escape_controls(raw, crate::sanitize::Newlines::Escape)
                ));
            }
            return true;
        };
        self.since.is_none_or(|s| time >= s) && self.until.is_none_or(|u| time < u)
    }

    /// A warning to show once (an unparseable timestamp).
    pub(crate) fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }
}

/// `--failed`: an Error entry of no task (the execution's own error).
pub(crate) fn is_execution_error(fields: &EntryFields<'_>) -> bool {
    fields
        .task_execution_id
        .as_deref()
        .is_none_or(str::is_empty)
        && fields
            .log_type
            .as_deref()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("error"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn fields<'a>(time: &'a str, message: &'a str) -> EntryFields<'a> {
        EntryFields {
            timestamp: Some(Cow::Borrowed(time)),
            message: Some(Cow::Borrowed(message)),
            ..EntryFields::default()
        }
    }

    #[test]
    fn since_is_inclusive_until_is_exclusive() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let mut f = EntryFilter::new(
            Some(t("2024-06-01T00:00:10Z")),
            Some(t("2024-06-01T00:00:20Z")),
            None,
            false,
        )
        .unwrap();
        assert!(!f.keep(&fields("2024-06-01T00:00:09Z", "")));
        assert!(f.keep(&fields("2024-06-01T00:00:10Z", "")));
        assert!(f.keep(&fields("2024-06-01T00:00:19Z", "")));
        assert!(!f.keep(&fields("2024-06-01T00:00:20Z", "")));
        assert!(f.take_warning().is_none());
        assert!(f.keep(&fields("2019-05-24T:02:29:07Z", "")), "kept");
        assert!(f.take_warning().unwrap().contains("2019-05-24T:02:29:07Z"));
        assert!(f.keep(&fields("also bad", "")));
        assert!(f.take_warning().is_none(), "warned once");
    }

    #[test]
    fn grep_with_and_without_case() {
        let mut f = EntryFilter::new(None, None, Some("time(out)?"), false).unwrap();
        assert!(!f.keep(&fields("", "a Timeout here")));
        assert!(f.keep(&fields("", "a timeout here")));
        let mut i = EntryFilter::new(None, None, Some("TIMEOUT"), true).unwrap();
        assert!(i.keep(&fields("", "a timeout here")));
        let err = EntryFilter::new(None, None, Some("(unclosed"), false).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("--grep"));
    }

    #[test]
    fn execution_errors_have_no_task() {
        let mut e = fields("", "boom");
        e.log_type = Some(Cow::Borrowed("Error"));
        assert!(is_execution_error(&e));
        e.task_execution_id = Some(Cow::Borrowed("exec.t0001"));
        assert!(!is_execution_error(&e));
    }
}
