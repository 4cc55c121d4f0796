//! The one HTTP transport of oos-logs: TLS set up once, the shared client settings, one
//! bounded fetch, and the one retry loop.
//!
//! Owns: installing the rustls crypto provider (once a process), the builder every HTTP client
//! starts from (user agent, timeouts, no redirects), reading an answer within the limits of
//! DESIGN §10 (a size cap on the body, not retried; a total deadline per attempt; the
//! `x-acs-retry-after` header), and retrying a failed attempt with `RetryPolicy`'s backoff. What
//! is worth retrying is a parameter (`RetryRule`): the OOS API and the credential services each
//! pass their own. It must not build or sign requests (`rpc`), classify a service's answer into
//! an error (`client`, `credentials`), or print: callers trace and observe in `on_retry`.

use std::sync::Once;
use std::time::Duration;

use bytes::Bytes;

use crate::error::Error;
use crate::retry::RetryPolicy;

/// The header in which Alibaba Cloud says how long to wait, in milliseconds.
pub(crate) const RETRY_AFTER_HEADER: &str = "x-acs-retry-after";

/// The default of `--max-response-size`: 64 MiB.
pub(crate) const DEFAULT_MAX_RESPONSE_SIZE: u64 = 64 * 1024 * 1024;
/// The default of `--request-timeout`.
pub(crate) const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The longest URL a request can have: the `http` crate's limit on a URI (`u16::MAX - 1`
/// bytes), which every request goes through. A longer one is refused before it is sent
/// ("Parsed Url is not a valid Uri"): the request cannot be made, whatever the network.
pub(crate) const MAX_URL_LEN: usize = u16::MAX as usize - 1;

/// What one answer may cost: its size, and the time from connecting to its last byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest body read, in bytes (`--max-response-size`).
    pub max_response_size: u64,
    /// The total time one attempt may take, connect + send + the whole body
    /// (`--request-timeout`).
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        }
    }
}

/// `n` bytes for a message: `64 MiB`, `512 KiB`, else `N bytes`.
pub(crate) fn format_size(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= KIB && n.is_multiple_of(KIB) {
        format!("{} KiB", n / KIB)
    } else {
        format!("{n} bytes")
    }
}

/// A deadline for a message: `60s`, `2.5s`.
pub(crate) fn format_deadline(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// Installs ring as rustls' crypto provider, once a process (reqwest is built without one).
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err means another provider is installed already: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The builder every HTTP client of oos-logs starts from: TLS ready, our user agent, these
/// timeouts, and redirects never followed (they would carry a signed request away). Callers
/// add what is theirs (HTTPS-only, proxies, pool size) and call [`build`].
pub fn builder(connect_timeout: Duration, read_timeout: Duration) -> reqwest::ClientBuilder {
    install_crypto_provider();
    reqwest::Client::builder()
        .user_agent(concat!("oos-logs/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(connect_timeout)
        .read_timeout(read_timeout)
        .redirect(reqwest::redirect::Policy::none())
}

/// Builds a client from [`builder`].
pub fn build(builder: reqwest::ClientBuilder) -> Result<reqwest::Client, Error> {
    builder
        .build()
        .map_err(|e| Error::internal("cannot build the HTTP client", e))
}

/// One answer read whole: status, `x-acs-retry-after`, content type and body.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The wait the service asked for (`x-acs-retry-after`, milliseconds).
    pub retry_after: Option<Duration>,
    /// `Content-Type`, empty when absent.
    pub content_type: String,
    /// The body.
    pub body: Bytes,
}

/// Why an attempt got no answer.
#[derive(Debug)]
pub enum FetchError {
    /// The request could not be sent or no answer came (connect, TLS, a read timeout).
    Transport(reqwest::Error),
    /// The answer began, and its body could not be read (a reset, a read timeout).
    Body(reqwest::Error),
    /// The answer was not complete within the deadline (`--request-timeout`).
    Deadline(Duration),
    /// The body is larger than the cap: the message says how large.
    TooLarge(String),
}

/// Sends `request` and reads the whole answer within `limits`: the deadline covers connect,
/// send and the last byte of the body.
pub async fn fetch(request: reqwest::RequestBuilder, limits: Limits) -> Result<Answer, FetchError> {
    let deadline = limits.request_timeout;
    let read = async {
        let response = request.send().await.map_err(FetchError::Transport)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_millis);
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = read_body(response, limits.max_response_size).await?;
        Ok(Answer {
            status,
            retry_after,
            content_type,
            body,
        })
    };
    match tokio::time::timeout(deadline, read).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Deadline(deadline)),
    }
}

/// Reads a body chunk by chunk, stopping as soon as it passes `max` bytes (a `Content-Length`
/// above it stops before the first byte): never more than `max` plus one chunk in memory.
async fn read_body(mut response: reqwest::Response, max: u64) -> Result<Bytes, FetchError> {
    let limit = format_size(max);
    if let Some(announced) = response.content_length()
        && announced > max
    {
        let shown = format_size(announced);
        let size = if shown.ends_with("bytes") {
            shown
        } else {
            format!("{announced} bytes, {shown}")
        };
        return Err(FetchError::TooLarge(format!(
            "an answer of {size} (its Content-Length), larger than the {limit} limit (--max-response-size)"
        )));
    }
    let capacity = response.content_length().unwrap_or(0).min(max);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(FetchError::Body)? {
        if body.len() as u64 + chunk.len() as u64 > max {
            return Err(FetchError::TooLarge(format!(
                "an answer larger than the {limit} limit (--max-response-size): stopped reading after {} bytes",
                body.len() as u64 + chunk.len() as u64
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// What kind of failure an attempt came to: what a [`RetryRule`] decides on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureClass {
    /// No complete answer: the service could not be reached or read in time.
    Transport,
    /// An answer out of bounds (too large, nested too deep): the same would come again, and be
    /// read again whole.
    OutOfBounds,
    /// A 2xx answer that is not the response asked for.
    Malformed,
    /// An error answer with the service's `Code`.
    Coded {
        /// HTTP status.
        status: u16,
        /// The `Code`.
        code: String,
    },
    /// An error status without a `Code`; `json` when the body was JSON nonetheless.
    Uncoded {
        /// HTTP status.
        status: u16,
        /// The body parsed as JSON.
        json: bool,
    },
    /// Never worth sending again, whatever the rule (credentials that cannot be had, a
    /// refusal after fresh credentials, a bug).
    Final,
}

/// Which failures are worth another attempt: the one thing that differs between services.
pub(crate) type RetryRule = fn(&FailureClass) -> bool;

/// A failed attempt: what to report if it is the last, its class, and the wait the service
/// asked for.
#[derive(Debug)]
pub struct Failed<E> {
    /// The error (or answer) to give back when no retry follows.
    pub outcome: E,
    /// What the retry rule decides on.
    pub class: FailureClass,
    /// `x-acs-retry-after`, if the service sent it.
    pub retry_after: Option<Duration>,
}

impl<E> Failed<E> {
    /// A failure that is never retried.
    pub(crate) fn final_(outcome: E) -> Self {
        Self {
            outcome,
            class: FailureClass::Final,
            retry_after: None,
        }
    }
}

/// A retry about to be made, for the caller's trace and observer.
#[derive(Debug)]
pub(crate) struct RetryNote<'a, E> {
    /// The retry, from 1.
    pub retry: u32,
    /// `--retries`.
    pub of: u32,
    /// How long the loop waits first.
    pub wait: Duration,
    /// The service asked for this wait (`x-acs-retry-after`).
    pub asked: bool,
    /// What failed.
    pub failure: &'a E,
}

/// Runs `attempt` until it succeeds, fails in a way `rule` does not retry, or `policy`'s
/// retries are spent; each wait is announced to `on_retry` first. The wait is the service's
/// `x-acs-retry-after` when it sent one, else full-jitter backoff.
pub(crate) async fn with_retries<T, E, Fut>(
    policy: RetryPolicy,
    rule: RetryRule,
    mut attempt: impl FnMut() -> Fut,
    on_retry: impl Fn(&RetryNote<'_, E>),
) -> Result<T, E>
where
    Fut: Future<Output = Result<T, Failed<E>>>,
{
    let mut retry = 0;
    loop {
        let failed = match attempt().await {
            Ok(value) => return Ok(value),
            Err(failed) => failed,
        };
        let retryable = failed.class != FailureClass::Final && rule(&failed.class);
        if !retryable || retry >= policy.max_retries {
            return Err(failed.outcome);
        }
        let wait = policy.delay(retry, failed.retry_after, fastrand::f64());
        retry += 1;
        on_retry(&RetryNote {
            retry,
            of: policy.max_retries,
            wait,
            asked: failed.retry_after.is_some(),
            failure: &failed.outcome,
        });
        tokio::time::sleep(wait).await;
    }
}

/// `e` and its sources, joined with `: `.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(class: FailureClass) -> (u32, Result<(), &'static str>) {
        let calls = std::cell::Cell::new(0);
        let policy = RetryPolicy {
            max_retries: 3,
            base: Duration::from_millis(1),
            cap: Duration::from_millis(1),
        };
        let rule: RetryRule = |c| matches!(c, FailureClass::Transport | FailureClass::Final);
        let outcome = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(with_retries(
                policy,
                rule,
                || {
                    calls.set(calls.get() + 1);
                    std::future::ready(Err(Failed {
                        outcome: "no",
                        class: class.clone(),
                        retry_after: None,
                    }))
                },
                |_| {},
            ));
        (calls.get(), outcome)
    }

    #[test]
    fn the_rule_decides_and_final_is_never_retried() {
        assert_eq!(failing(FailureClass::Transport), (4, Err("no")));
        assert_eq!(failing(FailureClass::OutOfBounds), (1, Err("no")));
        assert_eq!(failing(FailureClass::Final), (1, Err("no")));
    }

    #[test]
    fn a_url_over_the_limit_cannot_be_sent_and_one_at_it_can() {
        // Nothing listens on the port: a request that is sent fails to connect; one that
        // cannot be made fails before, as a builder error.
        let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = socket.local_addr().unwrap().port();
        drop(socket);
        let base = format!("http://127.0.0.1:{port}/?q=");
        let client = build(builder(Duration::from_secs(2), Duration::from_secs(2))).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let send = |len: usize| {
            let url = format!("{base}{}", "a".repeat(len - base.len()));
            match runtime.block_on(fetch(client.post(url), Limits::default())) {
                Err(FetchError::Transport(e)) => e,
                other => panic!("{other:?}"),
            }
        };
        assert!(!send(MAX_URL_LEN).is_builder());
        assert!(send(MAX_URL_LEN + 1).is_builder());
    }

    #[test]
    fn sizes_and_deadlines_read_well() {
        assert_eq!(format_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(format_size(512 * 1024), "512 KiB");
        assert_eq!(format_size(1000), "1000 bytes");
        assert_eq!(format_deadline(Duration::from_secs(60)), "60s");
        assert_eq!(format_deadline(Duration::from_millis(2500)), "2500ms");
    }
}
