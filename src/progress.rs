//! Progress on stderr for long runs whose stdout is not the terminal (`--all -o jsonl >
//! file`): entries and pages fetched, the rate, the time elapsed, and the client's waits
//! before a retry (throttling's `x-acs-retry-after` included), drawn by indicatif and gone
//! when the run ends.
//!
//! Only when stderr is a terminal and stdout is not, never while following (the status line
//! is there) and never with `-v` (the trace says it all, line by line). It must not write to
//! stdout or decide anything about the run.

use std::io::{self, IsTerminal as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::client::{Event, Observer};

/// Whether a run shows progress: stderr a terminal, stdout not, not following, no `-v`.
pub(crate) fn wanted(following: bool, verbose: u8) -> bool {
    !following && verbose == 0 && io::stderr().is_terminal() && !io::stdout().is_terminal()
}

/// The progress line of a run (does nothing when disabled).
#[derive(Debug, Clone)]
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    pages: Arc<AtomicU64>,
    noun: &'static str,
}

impl Progress {
    /// A progress line counting `noun` (`entries`, `executions`) when `enabled`.
    pub(crate) fn new(enabled: bool, noun: &'static str) -> Self {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} {msg} · {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let progress = Self {
            bar,
            pages: Arc::new(AtomicU64::new(0)),
            noun,
        };
        progress.draw(None);
        progress
    }

    /// Whether anything is drawn.
    pub(crate) fn is_enabled(&self) -> bool {
        self.bar.is_some()
    }

    /// The client's observer: counts pages, shows waits before retries.
    pub(crate) fn observer(&self) -> Observer {
        let progress = self.clone();
        Arc::new(move |event: &Event| match event {
            Event::Answered { .. } => {
                progress.pages.fetch_add(1, Ordering::Relaxed);
                progress.draw(None);
            }
            Event::Retrying {
                retry,
                of,
                wait,
                asked,
                reason,
            } => {
                let why = if *asked {
                    "the service asked to wait (x-acs-retry-after)"
                } else {
                    reason.as_str()
                };
                progress.draw(Some(format!(
                    "retry {retry}/{of} in {:.1} s: {why}",
                    wait.as_secs_f64()
                )));
            }
        })
    }

    /// `n` records received so far.
    pub(crate) fn set_records(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(n);
            self.draw(None);
        }
    }

    fn draw(&self, wait: Option<String>) {
        let Some(bar) = &self.bar else {
            return;
        };
        let n = bar.position();
        let pages = self.pages.load(Ordering::Relaxed);
        let secs = bar.elapsed().as_secs_f64();
        let rate = if secs >= 0.5 {
            format!(" · {:.0}/s", n as f64 / secs)
        } else {
            String::new()
        };
        let mut text = format!(
            "{n} {} · {pages} {}{rate}",
            self.noun,
            if pages == 1 { "page" } else { "pages" }
        );
        if let Some(wait) = wait {
            text.push_str(" · ");
            text.push_str(&wait);
        }
        bar.set_message(text);
    }

    /// Removes the line (the run is over, or something else is about to be written).
    pub(crate) fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
