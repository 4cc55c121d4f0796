//! Following `NextToken` through the pages of `ListExecutionLogs`.
//!
//! Owns when to ask for another page (a non-empty token, entries still wanted under
//! `--limit`), the page size of each request (never more than `--limit` still needs), and the
//! repeated-token guard: a token seen before is a server fault that ends the run with an
//! error, never a loop. As soon as a page's token is known, the next page is requested in the
//! background, so the caller renders one page while the next is on the wire (tokens are
//! sequential; this is the only overlap they allow). It must not render or print.

use std::collections::HashSet;

use tokio::task::JoinHandle;

use crate::api::{ListExecutionLogs, LogPage, LogsWire};
use crate::client::{Client, Reply};
use crate::error::Error;

/// The page size asked for under `--limit` when `--max-results` is not given: the size the
/// API documents in its example (its maximum is not published).
pub const LIMIT_PAGE_SIZE: u32 = 50;

/// How far to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// One page.
    OnePage,
    /// Every page (`--all`).
    All,
    /// Pages until this many entries (`--limit`).
    Limit(u64),
}

/// The pages of one `ListExecutionLogs` run.
#[derive(Debug)]
pub struct LogPages {
    client: Client,
    request: ListExecutionLogs,
    extent: Extent,
    seen_tokens: HashSet<String>,
    yielded: u64,
    finished: bool,
    in_flight: Option<InFlight>,
}

/// A request sent ahead: its page size and the task awaiting its response.
#[derive(Debug)]
struct InFlight {
    wanted: Option<u64>,
    response: JoinHandle<Result<Reply<LogsWire>, Error>>,
}

impl Drop for LogPages {
    fn drop(&mut self) {
        if let Some(in_flight) = self.in_flight.take() {
            in_flight.response.abort();
        }
    }
}

impl LogPages {
    /// Starts at `request.next_token` (None: the first page).
    pub fn new(client: Client, request: ListExecutionLogs, extent: Extent) -> Self {
        let mut seen_tokens = HashSet::new();
        if let Some(t) = &request.next_token {
            seen_tokens.insert(t.clone());
        }
        Self {
            client,
            request,
            extent,
            seen_tokens,
            yielded: 0,
            finished: false,
            in_flight: None,
        }
    }

    /// The token the next request would use: what `--next-token` needs to resume from here.
    pub fn resume_token(&self) -> Option<&str> {
        if self.finished {
            None
        } else {
            self.request.next_token.as_deref()
        }
    }

    /// Entries handed out so far.
    pub fn entries_yielded(&self) -> u64 {
        self.yielded
    }

    /// The next page, `Ok(None)` after the last.
    pub async fn next_page(&mut self) -> Result<Option<LogPage>, Error> {
        if self.finished {
            return Ok(None);
        }
        let in_flight = match self.in_flight.take() {
            Some(f) => f,
            None => match self.send() {
                Some(f) => f,
                None => {
                    self.finished = true;
                    return Ok(None);
                }
            },
        };
        let reply = in_flight
            .response
            .await
            .map_err(|e| Error::Internal(format!("a page request did not complete: {e}")))??;
        let mut page = LogPage::new(reply.value, reply.raw)?;
        if let Some(token) = page.next_token()
            && self.seen_tokens.contains(token)
        {
            // The service sent a token it sent before: it is not following its own tokens,
            // so this page may repeat one already printed. Drop it and stop; the token that
            // asked for it stays the one to resume from.
            return Err(Error::Service {
                message: format!(
                    "the service returned the page token {token:?} a second time; stopping rather than loop or print entries twice (a server fault)"
                ),
                request_id: page.request_id().map(str::to_owned),
            });
        }
        if let Some(wanted) = in_flight.wanted
            && page.len() as u64 > wanted
        {
            page.truncate(wanted as usize);
        }
        self.yielded += page.len() as u64;
        match page.next_token() {
            None => self.finished = true,
            Some(token) => {
                self.seen_tokens.insert(token.to_owned());
                self.request.next_token = Some(token.to_owned());
                if self.extent == Extent::OnePage {
                    self.finished = true;
                }
            }
        }
        if matches!(self.extent, Extent::Limit(n) if self.yielded >= n) {
            self.finished = true;
        }
        if !self.finished {
            // Put the next request on the wire before the caller renders this page.
            self.in_flight = self.send();
            tokio::task::yield_now().await;
        }
        Ok(Some(page))
    }

    /// Sends the request for the page at `self.request.next_token`; None when `--limit`
    /// needs no more entries.
    fn send(&self) -> Option<InFlight> {
        let mut request = self.request.clone();
        let wanted = match self.extent {
            Extent::Limit(n) => Some(n.saturating_sub(self.yielded)),
            _ => None,
        };
        if let Some(wanted) = wanted {
            if wanted == 0 {
                return None;
            }
            let size = request.max_results.unwrap_or(LIMIT_PAGE_SIZE);
            request.max_results = Some(u32::try_from(wanted).unwrap_or(u32::MAX).min(size).max(1));
        }
        let client = self.client.clone();
        let params = request.params();
        let response =
            tokio::spawn(async move { client.call(ListExecutionLogs::ACTION, &params).await });
        Some(InFlight { wanted, response })
    }
}
