//! Following `NextToken` through the pages of any OOS list action, and re-reading the tail of
//! a list that is still growing (`--follow`).
//!
//! Owns where the next unread record is (the token of its page and how many records of that
//! page were consumed: the exact resume point), when to ask for another page (a new token,
//! records still wanted under `--limit`), the page size of each request (never more than
//! `--limit` still needs), and the repeated-token guard: a token seen before is a server fault
//! that ends the run with an error, never a loop. As soon as a page's token is known, the next
//! page is requested in the background, so the caller renders one page while the next is on
//! the wire (tokens are sequential; this is the only overlap they allow).
//!
//! Following: at the tail (no new token, or the token the page was asked with), the same page
//! is asked for again on the next call; the records already consumed from it are checked by
//! content and skipped, and only new ones are handed out. If the tail no longer matches, the
//! list is read again from the start, skipping by position as many records as were consumed,
//! with a warning. The content check compares decoded values, so a service that escapes the
//! same text differently from one answer to the next changes nothing.
//!
//! Progress: a page asked with a fresh token must bring something. A run of pages that bring
//! no record, or the records of the page before again, is a server fault after a bound, not
//! a loop; the records of a repeated page are held back until a page brings news, so a storm
//! of repeats prints nothing twice. Seen tokens are kept as keyed hashes, the newest
//! [`SEEN_TOKENS`] of them: memory does not grow with the tokens' size or number.
//! It must not render or print.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher as _, RandomState};

use tokio::task::JoinHandle;

use crate::api::{ListAction, Page};
use crate::client::{Client, Reply};
use crate::error::Error;

/// How many pages in a row may bring nothing new under fresh tokens before the run stops.
pub(crate) const MAX_PAGES_WITHOUT_NEWS: u32 = 32;
/// How many pages in a row may repeat the page before them (held back, not handed out).
pub(crate) const MAX_REPEATED_PAGES: usize = 3;
/// How many of the latest page tokens are remembered for the repeated-token guard.
pub(crate) const SEEN_TOKENS: usize = 65_536;

/// Every record of a short list (tasks, children), all its pages at 100 a page.
pub async fn all_records<A: ListAction>(
    client: &Client,
    action: A,
) -> Result<Vec<Box<serde_json::value::RawValue>>, Error> {
    let mut pages = Pages::new(
        client.clone(),
        action,
        Some(100),
        Extent::All,
        Resume::default(),
    );
    let mut records = Vec::new();
    while let Some(page) = pages.next_page().await? {
        records.extend(page.into_items());
    }
    Ok(records)
}

/// How far to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// One page.
    OnePage,
    /// Every page (`--all`).
    All,
    /// Pages until this many records (`--limit`).
    Limit(u64),
    /// Every page, then keep re-reading the tail (`--follow`): never finished.
    Follow,
}

/// Where a run can resume: the page token, and how many records of that page to skip.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resume {
    /// `--next-token` (None: the first page).
    pub token: Option<String>,
    /// `--skip`: records of that page already consumed.
    pub skip: u64,
}

/// Where the next unread record is.
#[derive(Debug, Clone, Default)]
struct Position {
    /// The token of the page holding it (None: the first page).
    token: Option<String>,
    /// Records of that page already consumed.
    consumed: u64,
}

/// The pages of one list run.
#[derive(Debug)]
pub struct Pages<A: ListAction> {
    client: Client,
    action: A,
    max_results: Option<u32>,
    extent: Extent,
    start: Resume,
    position: Position,
    /// Following: the records consumed from the page at `position`, for the content check.
    consumed_texts: Vec<Box<str>>,
    /// Records to drop before handing any out (`--skip`, or after a resync).
    discard: u64,
    /// Every record consumed since the start (for a resync), discarded ones included.
    consumed_total: u64,
    seen_tokens: SeenTokens,
    /// Pages in a row under fresh tokens that brought nothing new.
    without_news: u32,
    /// The last page read, by its shape (to tell a repeated page).
    last_page: Option<PageShape>,
    /// Pages that repeat the page before them, held back with where each starts; handed
    /// out once a page brings news.
    held: VecDeque<(Page, Resume)>,
    /// Pages ready to hand out (held pages released, then the page that released them).
    ready: VecDeque<(Page, Resume)>,
    yielded: u64,
    at_tail: bool,
    /// Where the first record of the last page handed out stands (for an exact resume
    /// point inside that page).
    last_start: Resume,
    finished: bool,
    warnings: Vec<String>,
    in_flight: Option<InFlight<A>>,
}

/// A request sent ahead: for which token, its page size, and the task awaiting its response.
#[derive(Debug)]
struct InFlight<A: ListAction> {
    token: Option<String>,
    wanted: Option<u64>,
    response: JoinHandle<Result<Reply<A::Wire>, Error>>,
}

impl<A: ListAction> Drop for Pages<A> {
    fn drop(&mut self) {
        if let Some(in_flight) = self.in_flight.take() {
            in_flight.response.abort();
        }
    }
}

impl<A: ListAction> Pages<A> {
    /// Starts at `start` (the default: the first record of the first page).
    pub fn new(
        client: Client,
        action: A,
        max_results: Option<u32>,
        extent: Extent,
        start: Resume,
    ) -> Self {
        let mut seen_tokens = SeenTokens::default();
        if let Some(t) = &start.token {
            seen_tokens.insert(t);
        }
        Self {
            client,
            action,
            max_results,
            extent,
            position: Position {
                token: start.token.clone(),
                consumed: 0,
            },
            discard: start.skip,
            start,
            consumed_texts: Vec::new(),
            consumed_total: 0,
            seen_tokens,
            without_news: 0,
            last_page: None,
            held: VecDeque::new(),
            ready: VecDeque::new(),
            yielded: 0,
            at_tail: false,
            last_start: Resume::default(),
            finished: false,
            warnings: Vec::new(),
            in_flight: None,
        }
    }

    /// Where to resume so that nothing handed out is read again and nothing is missed; None
    /// when the list was read to its end.
    pub fn resume(&self) -> Option<Resume> {
        if let Some((_, start)) = self.ready.front().or(self.held.front()) {
            return Some(start.clone());
        }
        if self.at_tail && self.extent != Extent::Follow {
            return None;
        }
        Some(Resume {
            token: self.position.token.clone(),
            skip: self.position.consumed + self.discard,
        })
    }

    /// Where the first record of the last page handed out stands: the record `i` of that page
    /// resumes at `skip + i`, on its token.
    pub fn last_page_start(&self) -> &Resume {
        &self.last_start
    }

    /// True when the last page read was the tail: no further page exists yet.
    pub fn at_tail(&self) -> bool {
        self.at_tail && self.ready.is_empty()
    }

    /// True when no more pages will be read.
    pub fn is_finished(&self) -> bool {
        self.finished && self.ready.is_empty()
    }

    /// A warning to show the user (a tail that changed), oldest first.
    pub fn take_warning(&mut self) -> Option<String> {
        (!self.warnings.is_empty()).then(|| self.warnings.remove(0))
    }

    /// The next page of records not handed out yet. `Ok(None)` after the last page; when
    /// following, `Ok(None)` means nothing new for now (call again later).
    pub async fn next_page(&mut self) -> Result<Option<Page>, Error> {
        loop {
            if let Some((page, start)) = self.ready.pop_front() {
                self.last_start = start;
                return Ok(Some(page));
            }
            if self.finished {
                return Ok(None);
            }
            let in_flight = match self.in_flight.take() {
                Some(f) if f.token == self.position.token => f,
                other => {
                    if let Some(stale) = other {
                        stale.response.abort();
                    }
                    match self.send() {
                        Some(f) => f,
                        None => {
                            self.finished = true;
                            return Ok(None);
                        }
                    }
                }
            };
            let reply = in_flight
                .response
                .await
                .map_err(|e| Error::internal("a page request did not complete", e))??;
            let page = Page::new(reply.value, reply.raw, A::ITEMS)?.with_plain(reply.plain);
            // No await between taking a page and handing it out: a run cancelled (Ctrl-C)
            // while it waits must not have moved past a page it never printed.
            if let Some(page) = self.take_new(page, in_flight.wanted)? {
                self.ready.push_back((page, self.last_start.clone()));
            }
            if self.ready.is_empty() && (self.at_tail || self.finished) {
                return Ok(None);
            }
            // A page of nothing but discarded records, with more after it: go on.
        }
    }

    /// Consumes `page` (asked for at `self.position`): checks what was consumed from it
    /// before, moves the position, and returns the records not handed out yet, if any.
    fn take_new(&mut self, mut page: Page, wanted: Option<u64>) -> Result<Option<Page>, Error> {
        let next = page.next_token().map(str::to_owned);
        if let Some(token) = &next
            && Some(token) != self.position.token.as_ref()
            && self.seen_tokens.contains(token)
        {
            // The service sent a token it sent before: it is not following its own tokens,
            // so this page may repeat one already handed out. Drop it and stop; the token
            // that asked for it stays the one to resume from.
            return Err(Error::Paging {
                message: format!(
                    "the service returned the page token {token:?} a second time; stopping rather than loop or print records twice (a server fault)"
                ),
                request_id: page.request_id().map(str::to_owned),
            });
        }
        let already = usize::try_from(self.position.consumed).unwrap_or(usize::MAX);
        if already > 0 && !self.tail_matches(&page, already) {
            self.resync();
            return Ok(None);
        }
        let fresh = next
            .as_ref()
            .is_some_and(|t| Some(t) != self.position.token.as_ref());
        if fresh && already == 0 && self.brings_nothing(&page)? {
            // A repeated page is held back only where no count applies to it (`--skip` still
            // to discard, `--limit`) and more pages are read (not `OnePage`): those runs end
            // by themselves.
            let holdable = self.discard == 0 && wanted.is_none() && self.extent != Extent::OnePage;
            if page.is_empty() || holdable {
                return Ok(self.hold(page, next));
            }
        }
        page.skip(already);
        let drop_now = usize::try_from(self.discard)
            .unwrap_or(usize::MAX)
            .min(page.len());
        if drop_now > 0 {
            self.remember(page.texts().take(drop_now));
            page.skip(drop_now);
            self.discard -= drop_now as u64;
            self.position.consumed += drop_now as u64;
            self.consumed_total += drop_now as u64;
        }
        let mut truncated = false;
        if let Some(wanted) = wanted {
            let wanted = usize::try_from(wanted).unwrap_or(usize::MAX);
            if page.len() > wanted {
                page.truncate(wanted);
                truncated = true;
            }
        }
        let taken = page.len() as u64;
        self.last_start = Resume {
            token: self.position.token.clone(),
            skip: self.position.consumed,
        };
        if taken > 0 && next.is_some() && next == self.position.token {
            // New records with the token they were asked with: the next request would bring
            // them again. A tail with nothing new may do that; a page with records may not.
            return Err(Error::Paging {
                message: format!(
                    "the service returned the page token {:?} a second time; stopping rather than loop or print records twice (a server fault)",
                    next.unwrap_or_default()
                ),
                request_id: page.request_id().map(str::to_owned),
            });
        }
        self.remember(page.texts());
        if taken > 0 {
            self.without_news = 0;
            self.ready.extend(self.held.drain(..));
        }
        self.yielded += taken;
        self.consumed_total += taken;
        self.position.consumed += taken;
        let limit_reached = matches!(self.extent, Extent::Limit(n) if self.yielded >= n);
        self.at_tail = false;
        match next {
            Some(token) if !truncated && Some(&token) != self.position.token.as_ref() => {
                self.advance_to(token, limit_reached);
            }
            _ if truncated => self.finished = true,
            _ => {
                // The tail: no next page (yet). Repeated pages before a proper end were the
                // list's own records after all.
                self.ready.extend(self.held.drain(..));
                self.at_tail = true;
                if self.extent != Extent::Follow {
                    self.finished = true;
                }
            }
        }
        if limit_reached {
            self.finished = true;
        }
        Ok((taken > 0).then_some(page))
    }

    /// Whether a page asked with a fresh token brings nothing new: no records, or the records
    /// of the page before again. Counts such pages, and fails once there were too many in a
    /// row.
    fn brings_nothing(&mut self, page: &Page) -> Result<bool, Error> {
        let shape = PageShape::of(page, &self.seen_tokens);
        let nothing = page.is_empty() || Some(shape) == self.last_page;
        self.last_page = Some(shape);
        if !nothing {
            return Ok(false);
        }
        self.without_news += 1;
        let repeats = self.held.len() + usize::from(!page.is_empty());
        if self.without_news >= MAX_PAGES_WITHOUT_NEWS || repeats > MAX_REPEATED_PAGES {
            return Err(Error::Paging {
                message: format!(
                    "the service sent {} pages in a row that brought nothing new (no records, or the page before again) under fresh page tokens; stopping rather than page for ever or print records twice (a server fault)",
                    self.without_news
                ),
                request_id: page.request_id().map(str::to_owned),
            });
        }
        Ok(true)
    }

    /// Moves past a page that brought nothing new; a repeated page is held back (handed out
    /// after all if a later page brings news).
    fn hold(&mut self, page: Page, next: Option<String>) -> Option<Page> {
        if !page.is_empty() {
            let start = Resume {
                token: self.position.token.clone(),
                skip: self.position.consumed,
            };
            // Counted as consumed now: a resync or a resume sees them where they stand.
            self.consumed_total += page.len() as u64;
            self.yielded += page.len() as u64;
            self.held.push_back((page, start));
        }
        self.at_tail = false;
        self.advance_to(next.expect("a fresh token"), false);
        None
    }

    /// Moves to the page of a fresh `token`, and asks for it unless the run is over.
    fn advance_to(&mut self, token: String, stop: bool) {
        self.seen_tokens.insert(&token);
        self.position = Position {
            token: Some(token),
            consumed: 0,
        };
        self.consumed_texts.clear();
        if self.extent == Extent::OnePage || stop {
            self.finished = true;
        } else {
            // Put the next request on the wire before the caller renders this page.
            self.in_flight = self.send();
        }
    }

    /// Following: the records consumed from this page before are still its first ones.
    fn tail_matches(&self, page: &Page, already: usize) -> bool {
        if page.len() < already {
            return false;
        }
        // Only the records whose text was kept can be compared (a `--skip` has none).
        let known = self.consumed_texts.len().min(already);
        let offset = already - known;
        page.texts()
            .skip(offset)
            .take(known)
            .zip(&self.consumed_texts[self.consumed_texts.len() - known..])
            .all(|(a, b)| same_record(a, b))
    }

    /// Following: keeps the text of consumed records of the current page.
    fn remember<'a>(&mut self, records: impl Iterator<Item = &'a str>) {
        if self.extent == Extent::Follow {
            self.consumed_texts.extend(records.map(Box::from));
        }
    }

    /// The tail changed under us: read again from the start, skipping what was consumed.
    fn resync(&mut self) {
        // Everything consumed since the start (the start's own `--skip` included, as it was
        // discarded), and what is still to be discarded.
        let behind = self.consumed_total + self.discard;
        self.warnings.push(format!(
            "the last page no longer starts with the {} records read from it; reading the list again from the start and skipping the {behind} records already read",
            self.position.consumed,
        ));
        self.discard = behind;
        self.consumed_total = 0;
        // Read on at once: the tail is not reached until the re-read gets there.
        self.at_tail = false;
        self.last_page = None;
        self.without_news = 0;
        self.position = Position {
            token: self.start.token.clone(),
            consumed: 0,
        };
        self.consumed_texts.clear();
        self.seen_tokens.clear();
        if let Some(t) = &self.start.token {
            self.seen_tokens.insert(t);
        }
        if let Some(stale) = self.in_flight.take() {
            stale.response.abort();
        }
    }

    /// Sends the request for the page at `self.position`; None when `--limit` needs no more
    /// records.
    fn send(&self) -> Option<InFlight<A>> {
        let wanted = match self.extent {
            Extent::Limit(n) => Some(n.saturating_sub(self.yielded)),
            _ => None,
        };
        let mut max_results = self.max_results;
        if let Some(wanted) = wanted {
            if wanted == 0 {
                return None;
            }
            let size = max_results.unwrap_or(A::LIMIT_PAGE_SIZE);
            // Records still to discard or already consumed from this page come first.
            let ahead = self.discard + self.position.consumed;
            let need = wanted.saturating_add(ahead);
            max_results = Some(
                u32::try_from(need)
                    .unwrap_or(u32::MAX)
                    .min(size)
                    .max(A::MIN_PAGE_SIZE),
            );
        }
        let mut params = self.action.params();
        if let Some(n) = max_results {
            params.push(("MaxResults", n.to_string()));
        }
        if let Some(t) = &self.position.token {
            params.push(("NextToken", t.clone()));
        }
        let client = self.client.clone();
        let response =
            tokio::spawn(async move { client.call::<A::Wire>(A::ACTION, &params).await });
        Some(InFlight {
            token: self.position.token.clone(),
            wanted,
            response,
        })
    }
}

/// Whether two texts of one record are the same record: the same text, or the same JSON value
/// (a service may escape the same text differently from one answer to the next).
fn same_record(a: &str, b: &str) -> bool {
    a == b
        || matches!(
            (
                serde_json::from_str::<serde_json::Value>(a),
                serde_json::from_str::<serde_json::Value>(b),
            ),
            (Ok(x), Ok(y)) if x == y
        )
}

/// What tells a page that repeats the one before it, at the cost of two hashes a page (not
/// one per record): its length and the keyed hashes of its first and last records. A page of
/// other records with the same ends is taken for a repeat only if four such pages come in a
/// row, and even then nothing is lost: it is held back, and the run stops with a fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PageShape {
    len: usize,
    first: u64,
    last: u64,
}

impl PageShape {
    fn of(page: &Page, keys: &SeenTokens) -> Self {
        let mut texts = page.texts();
        Self {
            len: texts.len(),
            first: texts.next().map_or(0, |t| keys.hash(t)),
            last: texts.next_back().map_or(0, |t| keys.hash(t)),
        }
    }
}

/// The page tokens seen, as keyed hashes (a token's size costs nothing), the newest
/// [`SEEN_TOKENS`] of them.
#[derive(Debug, Default)]
struct SeenTokens {
    keys: RandomState,
    set: HashSet<u64>,
    order: VecDeque<u64>,
}

impl SeenTokens {
    fn hash(&self, text: &str) -> u64 {
        self.keys.hash_one(text)
    }

    fn contains(&self, token: &str) -> bool {
        self.set.contains(&self.hash(token))
    }

    fn insert(&mut self, token: &str) {
        let h = self.hash(token);
        if self.set.insert(h) {
            self.order.push_back(h);
            if self.order.len() > SEEN_TOKENS
                && let Some(old) = self.order.pop_front()
            {
                self.set.remove(&old);
            }
        }
    }

    fn clear(&mut self) {
        self.set.clear();
        self.order.clear();
    }
}

#[cfg(test)]
#[path = "pagination_model_tests.rs"]
mod model_tests;
