//! The OOS API client: what an OOS call is and what its answer means.
//!
//! Owns the OOS side of a call: its `RpcRequest` (`rpc` builds and signs it, afresh for every
//! attempt: a new `SignatureNonce` and `Timestamp`, with credentials asked of the provider
//! each time), the classification of an answer into a `Reply` or an error, OOS's retry rule
//! (transport errors and timeouts, HTTP 5xx, `Throttling*`, `ServiceUnavailable`,
//! `InternalError`, a 2xx body that is not the response asked for; never another 4xx), the
//! limit of requests in flight, dropping refused cached credentials once, `-v` traces and the
//! observer's events. Sending, bounds and the retry loop are `transport`'s. It must not
//! paginate, render or decide exit codes.
//!
//! Everything a server sends is bounded (DESIGN §10, `transport`): a body over the size cap
//! (`--max-response-size`) is not retried (it would be read again), each attempt has a total
//! deadline (`--request-timeout`), and a 2xx body nested deeper than `api::MAX_JSON_DEPTH` is
//! refused before it is parsed. The credential services share these limits
//! (`credentials::http`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use serde_json::{Map, Value};

use crate::api::{API_VERSION, MAX_JSON_DEPTH, Wire, parse_error_body};
use crate::credentials::{Credentials, ProvideCredentials};
use crate::endpoint::Endpoint;
use crate::error::{ApiError, Error, NetworkError, NetworkKind, Peer};
use crate::retry::RetryPolicy;
use crate::rpc::{self, RpcRequest, Stamp};
use crate::sanitize::{Newlines, escape_controls};
use crate::transport::{self, Answer, Failed, FailureClass, FetchError};

pub use crate::transport::Limits;
use crate::transport::format_deadline;

/// How the client is set up.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Where requests go.
    pub endpoint: Endpoint,
    /// `RegionId` sent with every request.
    pub region: String,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed between bytes of a response.
    pub read_timeout: Duration,
    /// Retries and backoff.
    pub retry: RetryPolicy,
    /// Where `-v` lines go: level 1 traces requests, 2 also response bodies.
    pub trace: crate::trace::Trace,
}

/// What is worth another attempt at the OOS API: transport errors and timeouts, a 2xx body
/// that is not the response asked for, 5xx, the service's transient codes (`Throttling*`,
/// `ServiceUnavailable`, `InternalError`, `UnknownError`), and a 429 whose body is not an API
/// error. Never an answer out of bounds, nor another 4xx.
pub(crate) fn oos_retry_rule(class: &FailureClass) -> bool {
    match class {
        FailureClass::Transport | FailureClass::Malformed => true,
        FailureClass::OutOfBounds | FailureClass::Final => false,
        FailureClass::Coded { status, code } => ApiError {
            status: *status,
            code: code.clone(),
            message: String::new(),
            request_id: None,
            recommend: None,
        }
        .is_retryable(),
        FailureClass::Uncoded { status, json: true } => *status >= 500,
        FailureClass::Uncoded {
            status,
            json: false,
        } => *status >= 500 || *status == 429,
    }
}

/// What the client tells an observer (`Client::with_observer`): each answer taken, and each
/// wait before a retry. The client never prints these itself (`progress` shows them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A successful answer to `action` (a page, for the list actions).
    Answered {
        /// The API action.
        action: String,
    },
    /// The client waits `wait` before retry `retry` of `of`.
    Retrying {
        /// The retry about to be made, from 1.
        retry: u32,
        /// `--retries`.
        of: u32,
        /// How long it waits.
        wait: Duration,
        /// The service asked for this wait (`x-acs-retry-after`).
        asked: bool,
        /// What failed, one line.
        reason: String,
    },
}

/// A function told of every `Event` (from any task; it must be quick).
pub type Observer = Arc<dyn Fn(&Event) + Send + Sync>;

/// The observer, if any, in a `Debug` client.
#[derive(Clone, Default)]
struct ObserverSlot(Option<Observer>);

impl std::fmt::Debug for ObserverSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

/// The most requests one run has on the wire at once (`--recursive` reads many executions).
pub(crate) const MAX_IN_FLIGHT: usize = 4;

/// An OOS API client. Cloning is cheap and shares the connection pool and the limit of
/// requests in flight.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
    credentials: Arc<dyn ProvideCredentials>,
    in_flight: Arc<tokio::sync::Semaphore>,
    limits: Limits,
    observer: ObserverSlot,
}

/// A successful response: the typed value and the body as sent.
#[derive(Debug)]
pub struct Reply<T> {
    /// The body, parsed.
    pub value: T,
    /// The body as sent.
    pub raw: crate::api::ResponseBody,
    /// The body is plain JSON text (see [`crate::api::scan::BodyScan`]).
    pub plain: bool,
}

/// What one attempt came to (a failure boxed: an `Error` is large).
type Attempt<T> = Result<Reply<T>, Box<Failed<Error>>>;

impl Client {
    /// Builds the client. HTTPS with certificate verification is required unless the endpoint
    /// is on loopback; redirects are never followed (they would carry a signed request away).
    pub fn new(
        config: ClientConfig,
        credentials: Arc<dyn ProvideCredentials>,
    ) -> Result<Self, Error> {
        let loopback = config.endpoint.is_loopback();
        let mut builder = transport::builder(config.connect_timeout, config.read_timeout)
            .pool_max_idle_per_host(MAX_IN_FLIGHT)
            .https_only(!loopback);
        if loopback {
            builder = builder.no_proxy();
        }
        if config.endpoint.url.scheme() == "http" {
            // No TLS will ever be spoken: skip loading the system's trust store.
            builder = builder.tls_certs_only(std::iter::empty());
        }
        let http = transport::build(builder)?;
        Ok(Self {
            http,
            config,
            credentials,
            in_flight: Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT)),
            limits: Limits::default(),
            observer: ObserverSlot::default(),
        })
    }

    /// The same client with these limits (the defaults are 64 MiB and 60 s).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The same client, telling `observer` of every answer and every wait before a retry.
    #[must_use]
    pub fn with_observer(mut self, observer: Observer) -> Self {
        self.observer = ObserverSlot(Some(observer));
        self
    }

    fn observe(&self, event: &Event) {
        if let Some(observer) = &self.observer.0 {
            observer(event);
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Calls `action` with `params`, retrying what may succeed when sent again. A 2xx body
    /// that does not parse as `T` counts as malformed (and is retried).
    pub async fn call<T: Wire>(
        &self,
        action: &str,
        params: &[(&str, String)],
    ) -> Result<Reply<T>, Error> {
        // Where refused cached credentials were dropped and fetched afresh (once a call).
        let refreshed: std::sync::Mutex<Option<String>> = std::sync::Mutex::default();
        let reply = transport::with_retries(
            self.config.retry,
            oos_retry_rule,
            || async {
                self.attempt_with_fresh_credentials(action, params, &refreshed)
                    .await
                    .map_err(|failed| *failed)
            },
            |note| {
                self.observe(&Event::Retrying {
                    retry: note.retry,
                    of: note.of,
                    wait: note.wait,
                    asked: note.asked,
                    reason: escape_controls(&note.failure.to_string(), Newlines::Escape)
                        .into_owned(),
                });
                self.trace(
                    1,
                    &format!(
                        "* retry {}/{} in {} ms: {}",
                        note.retry,
                        note.of,
                        note.wait.as_millis(),
                        note.failure
                    ),
                );
            },
        )
        .await?;
        self.observe(&Event::Answered {
            action: action.to_owned(),
        });
        Ok(reply)
    }

    /// One attempt with the provider's current credentials; when the service refuses them and
    /// the provider dropped cached ones, once more at once with fresh ones (not a retry).
    async fn attempt_with_fresh_credentials<T: Wire>(
        &self,
        action: &str,
        params: &[(&str, String)],
        refreshed: &std::sync::Mutex<Option<String>>,
    ) -> Attempt<T> {
        let already = || {
            refreshed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
        };
        loop {
            let creds = self
                .credentials
                .provide()
                .await
                .map_err(|e| Box::new(Failed::final_(e)))?;
            let permit = self.in_flight.acquire().await.map_err(|e| {
                Box::new(Failed::final_(Error::internal(
                    "the request limit closed",
                    e,
                )))
            })?;
            let outcome = self.attempt(action, params, &creds).await;
            drop(permit);
            let failed = match outcome {
                Ok(reply) => return Ok(reply),
                Err(failed) => failed,
            };
            if let Error::Api(api) = &failed.outcome
                && crate::credentials::refused_credentials(&api.code)
            {
                let before = already();
                if before.is_none()
                    && let Some(place) = self.credentials.invalidate(&creds).await
                {
                    self.trace(
                        1,
                        &format!(
                            "* {} refused the credentials from {place}: fetching new ones",
                            escape_controls(&api.code, Newlines::Escape)
                        ),
                    );
                    *refreshed
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(place);
                    continue;
                }
                if let Some(place) = before {
                    return Err(Box::new(Failed::final_(
                        crate::credentials::refused_after_refresh(failed.outcome, &place),
                    )));
                }
            }
            return Err(failed);
        }
    }

    /// One signed request and the classification of its outcome.
    async fn attempt<T: Wire>(
        &self,
        action: &str,
        params: &[(&str, String)],
        creds: &Credentials,
    ) -> Attempt<T> {
        let signed = RpcRequest {
            api: rpc::Api {
                version: API_VERSION,
                region: Some(&self.config.region),
            },
            action,
            query: params,
            form: &[],
        }
        .sign(Some(creds), &Stamp::now());
        let mut url: Url = self.config.endpoint.url.clone();
        url.set_query(Some(&signed.query));
        if url.as_str().len() > transport::MAX_URL_LEN {
            let error = too_long_to_send(action, params, url.as_str().len());
            return Err(Box::new(Failed::final_(error)));
        }

        if self.config.trace.wants(1) {
            self.trace(
                1,
                &format!(
                    "> POST {}?{}",
                    self.config.endpoint.url.as_str(),
                    signed.trace_query()
                ),
            );
        }
        let started = Instant::now();
        let answer = match transport::fetch(self.http.post(url), self.limits).await {
            Ok(answer) => answer,
            // A request the HTTP client cannot build was never on the network.
            Err(FetchError::Transport(e)) if e.is_builder() => {
                let what = format!("cannot build the {action} request");
                return Err(Box::new(Failed::final_(Error::internal(what, e))));
            }
            Err(FetchError::Transport(e) | FetchError::Body(e)) => {
                return Err(Box::new(self.transport_failure(&e)));
            }
            Err(FetchError::TooLarge(what)) => {
                // A server fault, and a retry would read it all again: stop here.
                return Err(Box::new(Failed {
                    outcome: Error::Service {
                        message: format!("the service sent {what}"),
                        request_id: None,
                    },
                    class: FailureClass::OutOfBounds,
                    retry_after: None,
                }));
            }
            Err(FetchError::Deadline(deadline)) => {
                return Err(Box::new(Failed {
                    outcome: Error::Network(NetworkError::new(
                        Peer::Oos,
                        NetworkKind::Timeout,
                        format!(
                            "request to {} timed out: no complete answer within {} (--request-timeout)",
                            self.host(),
                            format_deadline(deadline)
                        ),
                    )),
                    class: FailureClass::Transport,
                    retry_after: None,
                }));
            }
        };
        self.trace_answer(&answer, started, creds);
        classify(action, answer, creds, &signed.string_to_sign)
    }

    fn trace_answer(&self, answer: &Answer, started: Instant, creds: &Credentials) {
        if !self.config.trace.wants(1) {
            return;
        }
        #[derive(serde::Deserialize)]
        struct Id {
            #[serde(rename = "RequestId")]
            request_id: Option<String>,
        }
        let id = serde_json::from_slice::<Id>(&answer.body)
            .ok()
            .and_then(|b| b.request_id);
        self.trace(
            1,
            &format!(
                "< HTTP {} in {} ms, {} bytes, RequestId {}",
                answer.status,
                started.elapsed().as_millis(),
                answer.body.len(),
                escape_controls(id.as_deref().unwrap_or("-"), Newlines::Escape)
            ),
        );
        if self.config.trace.wants(2) {
            self.trace(
                2,
                &format!(
                    "< {}",
                    escape_controls(
                        &creds.scrub(&String::from_utf8_lossy(&answer.body)),
                        Newlines::Escape
                    )
                ),
            );
        }
    }

    fn host(&self) -> String {
        self.config
            .endpoint
            .url
            .host_str()
            .unwrap_or("?")
            .to_owned()
    }

    fn transport_failure(&self, e: &reqwest::Error) -> Failed<Error> {
        let host = self.host();
        let (what, mut kind) = if e.is_timeout() {
            ("timed out", NetworkKind::Timeout)
        } else if e.is_connect() {
            ("could not connect", NetworkKind::Connect)
        } else {
            ("failed", NetworkKind::Other)
        };
        let mut detail = String::new();
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
        while let Some(s) = source {
            detail.push_str(": ");
            detail.push_str(&s.to_string());
            source = s.source();
        }
        // An https endpoint that answered the TLS handshake in plain HTTP (a bare
        // `--endpoint host:port` of the emulator): say so, the hint says what to write.
        if self.config.endpoint.url.scheme() == "https" && answered_without_tls(e) {
            let port = self
                .config
                .endpoint
                .url
                .port_or_known_default()
                .map_or_else(String::new, |p| format!(":{p}"));
            detail.push_str(&format!(
                "; the server at {host}{port} {}",
                crate::error::MAY_BE_PLAIN_HTTP
            ));
            kind = NetworkKind::NotTls;
        }
        Failed {
            outcome: Error::Network(NetworkError::new(
                Peer::Oos,
                kind,
                format!("request to {host} {what}{detail}"),
            )),
            class: FailureClass::Transport,
            retry_after: None,
        }
    }

    fn trace(&self, level: u8, line: &str) {
        self.config.trace.line(level, line);
    }
}

/// A request whose URL would be `len` bytes, over [`transport::MAX_URL_LEN`]: it cannot be
/// sent, and never could be. Its values are ids and tokens, and only the service hands out
/// ones this long (a `TaskExecutionId` or a `NextToken` to send back): the service's fault
/// (exit 6), never the network's. Names the longest parameter, not its value.
fn too_long_to_send(action: &str, params: &[(&str, String)], len: usize) -> Error {
    let longest = params
        .iter()
        .max_by_key(|(_, value)| value.len())
        .map(|(name, value)| format!(": its {name} is {} bytes long", value.len()))
        .unwrap_or_default();
    Error::Service {
        message: format!(
            "cannot send {action}{longest}, which makes a request of {len} bytes, and a request holds at most {}: the service sent a value too long to be sent back",
            transport::MAX_URL_LEN
        ),
        request_id: None,
    }
}

/// What an OOS answer means: the typed reply, or the error with its class for the retry rule.
/// `string_to_sign` explains a `SignatureDoesNotMatch`; `creds` scrub what is quoted.
fn classify<T: Wire>(
    action: &str,
    answer: Answer,
    creds: &Credentials,
    string_to_sign: &str,
) -> Attempt<T> {
    let Answer {
        status,
        retry_after,
        content_type,
        body: bytes,
    } = answer;
    let failed = |error: Error, class: FailureClass| {
        Err(Box::new(Failed {
            outcome: error,
            class,
            retry_after,
        }))
    };
    let coded = |api: &ApiError| FailureClass::Coded {
        status: api.status,
        code: api.code.clone(),
    };
    let parsed_error = |bytes: &[u8]| {
        serde_json::from_slice::<Map<String, Value>>(bytes)
            .ok()
            .and_then(|body| parse_error_body(status, &body))
    };
    if (200..=299).contains(&status) {
        let body = crate::api::ResponseBody::new(bytes);
        // The one-pass read of a page; anything it does not take goes the long way, which
        // says what is wrong.
        if let Some((value, plain)) = crate::api::parse_walked::<T>(&body) {
            return Ok(Reply {
                value,
                raw: body,
                plain,
            });
        }
        // One pass before any parser: the depth, and whether the text prints as it is.
        let scan = crate::api::scan::body(body.as_bytes(), MAX_JSON_DEPTH);
        if scan.too_deep {
            // Refused before any parser or renderer sees it (re-laying deep JSON is
            // quadratic). The same body would come again: not retried.
            return failed(
                Error::Service {
                    message: format!(
                        "the service sent HTTP {status} with a body that is not a valid {action} response ({} bytes): JSON nested deeper than {MAX_JSON_DEPTH} levels",
                        body.as_bytes().len()
                    ),
                    request_id: None,
                },
                FailureClass::OutOfBounds,
            );
        }
        return match body.parse::<T>() {
            Ok(value) => Ok(Reply {
                value,
                raw: body,
                plain: scan.plain,
            }),
            // Some gateways answer errors with a 2xx status: classify them as errors.
            Err(e) => match parsed_error(body.as_bytes()) {
                Some(api) => {
                    let api = creds.scrub_api(api);
                    let class = coded(&api);
                    failed(Error::Api(api), class)
                }
                None => failed(
                    Error::Service {
                        message: format!(
                            "the service sent HTTP {status} with a body that is not a valid {action} response ({} bytes): {e}",
                            body.as_bytes().len()
                        ),
                        request_id: None,
                    },
                    FailureClass::Malformed,
                ),
            },
        };
    }
    // An error answer: not parsed when it nests too deep.
    let too_deep = crate::api::scan::body(&bytes, MAX_JSON_DEPTH).too_deep;
    let parsed: Option<Map<String, Value>> = if too_deep {
        None
    } else {
        serde_json::from_slice(&bytes).ok()
    };
    match parsed {
        Some(body) => match parse_error_body(status, &body) {
            Some(mut api) => {
                api.message = explain_signature_mismatch(&api.message, string_to_sign);
                let api = creds.scrub_api(api);
                let class = coded(&api);
                failed(Error::Api(api), class)
            }
            None => failed(
                Error::Service {
                    message: format!("the service sent HTTP {status} without an error code"),
                    request_id: None,
                },
                FailureClass::Uncoded { status, json: true },
            ),
        },
        None => {
            // Scrubbed before it is cut, so a token split by the cut cannot slip through.
            let snippet: String = creds
                .scrub(&String::from_utf8_lossy(&bytes))
                .chars()
                .take(160)
                .collect();
            let kind = if content_type.is_empty() {
                "no content type".to_owned()
            } else {
                content_type
            };
            let error = if status >= 500 || status == 429 {
                Error::Service {
                    message: format!(
                        "HTTP {status} with a body that is not an API error ({kind}): {}",
                        escape_controls(snippet.trim(), Newlines::Escape)
                    ),
                    request_id: None,
                }
            } else {
                Error::Api(ApiError {
                    status,
                    code: format!("HTTP{status}"),
                    message: format!(
                        "a non-API response ({kind}): {}",
                        escape_controls(snippet.trim(), Newlines::Escape)
                    ),
                    request_id: None,
                    recommend: None,
                })
            };
            failed(
                error,
                FailureClass::Uncoded {
                    status,
                    json: false,
                },
            )
        }
    }
}

/// Whether a transport error is a TLS handshake that got something other than TLS back (a
/// plain-HTTP server answers `HTTP/1.1 400` to a ClientHello): rustls reports an invalid
/// content type or an invalid message.
fn answered_without_tls(e: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        // tokio-rustls wraps the rustls error in io::Errors, whose `source` skips it.
        let mut candidate: Option<&(dyn std::error::Error + 'static)> = Some(s);
        while let Some(c) = candidate {
            if let Some(tls) = c.downcast_ref::<rustls::Error>() {
                return matches!(
                    tls,
                    rustls::Error::InvalidMessage(
                        rustls::InvalidMessage::InvalidContentType
                            | rustls::InvalidMessage::UnknownProtocolVersion
                    )
                );
            }
            candidate = c
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .map(|inner| inner as &(dyn std::error::Error + 'static));
        }
        source = s.source();
    }
    false
}

/// The marker after which the service quotes its string to sign.
const SERVER_STRING_TO_SIGN: &str = "server string to sign is:";

/// A `SignatureDoesNotMatch` message without the quoted string to sign (it holds the
/// SecurityToken), but with what comparing it to ours tells: a wrong secret, or a request
/// changed on the way.
fn explain_signature_mismatch(message: &str, ours: &str) -> String {
    let Some((text, theirs)) = message.split_once(SERVER_STRING_TO_SIGN) else {
        return message.to_owned();
    };
    let verdict = if theirs.trim() == ours {
        "the service computed the same string to sign as oos-logs, so the AccessKeySecret does not belong to the AccessKeyId"
    } else {
        "the service's string to sign differs from oos-logs': the request was changed on the way (a proxy?)"
    };
    format!("{} ({verdict})", text.trim_end())
}

/// The request URL for traces: `Signature` and `SecurityToken` redacted, the AccessKeyId masked.
#[cfg(test)]
fn redacted_url(base: &Url, params: &[(&str, &str)]) -> String {
    format!("{}?{}", base.as_str(), rpc::redacted_query(params, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use oos_emulator::{self as emulator, BackgroundEmulator, EmulatorConfig, Faults};

    /// A client of `em` with the demo key, `retries` retries and these limits; the outcome of
    /// one ListExecutionLogs call, and how long it took.
    fn call_emulator(
        em: &BackgroundEmulator,
        retries: u32,
        limits: Limits,
    ) -> (Result<Reply<crate::api::LogsWire>, Error>, Duration) {
        let client = Client::new(
            ClientConfig {
                endpoint: Endpoint::parse(&em.url()).unwrap(),
                region: emulator::DEMO_REGION.into(),
                connect_timeout: Duration::from_secs(5),
                read_timeout: Duration::from_secs(5),
                retry: RetryPolicy {
                    max_retries: retries,
                    base: Duration::from_millis(1),
                    cap: Duration::from_millis(1),
                },
                trace: crate::trace::Trace::off(),
            },
            Arc::new(crate::credentials::StaticCredentials(Credentials::new(
                emulator::DEMO_ACCESS_KEY_ID,
                Secret::new(emulator::DEMO_ACCESS_KEY_SECRET),
                None,
            ))),
        )
        .unwrap()
        .with_limits(limits);
        let started = Instant::now();
        let outcome = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(client.call(
                "ListExecutionLogs",
                &[("ExecutionId", "exec-large-200".to_owned())],
            ));
        (outcome, started.elapsed())
    }

    fn faulty(faults: Faults) -> BackgroundEmulator {
        BackgroundEmulator::start(EmulatorConfig {
            faults,
            ..EmulatorConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn a_body_over_the_cap_is_a_service_error_read_once() {
        let em = faulty(Faults {
            huge_body_mib: Some(8),
            ..Faults::default()
        });
        let limits = Limits {
            max_response_size: 1024 * 1024,
            ..Limits::default()
        };
        let (outcome, _) = call_emulator(&em, 3, limits);
        let err = outcome.unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
        assert!(
            err.to_string().contains("larger than the 1 MiB limit"),
            "{err}"
        );
        assert_eq!(
            em.stats().requests(),
            1,
            "an oversized answer is not retried"
        );
    }

    #[test]
    fn an_announced_length_over_the_cap_stops_before_the_body() {
        let em = faulty(Faults::default());
        let limits = Limits {
            max_response_size: 100,
            ..Limits::default()
        };
        let err = call_emulator(&em, 3, limits).0.unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("(its Content-Length), larger than the 100 bytes limit"),
            "{err}"
        );
        // The same page under the default cap.
        assert!(call_emulator(&em, 0, Limits::default()).0.is_ok());
    }

    #[test]
    fn a_dripping_answer_times_out_at_the_deadline_and_is_retried() {
        let em = faulty(Faults {
            drip_ms: Some(20),
            ..Faults::default()
        });
        let limits = Limits {
            request_timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        let (outcome, took) = call_emulator(&em, 1, limits);
        let err = outcome.unwrap_err();
        assert!(
            matches!(&err, Error::Network(n) if n.peer == crate::error::Peer::Oos),
            "{err}"
        );
        assert!(err.to_string().contains("within 300ms"), "{err}");
        assert_eq!(em.stats().requests(), 2, "a timeout is retried");
        assert!(took < Duration::from_secs(10), "{took:?}");
    }

    #[test]
    fn a_body_nested_too_deep_is_refused_before_parsing() {
        let em = faulty(Faults {
            deep_nesting: Some(5000),
            ..Faults::default()
        });
        let err = call_emulator(&em, 3, Limits::default()).0.unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
        assert!(
            err.to_string().contains("nested deeper than 128 levels"),
            "{err}"
        );
        assert_eq!(em.stats().requests(), 1, "the same body would come again");
        let shallow = faulty(Faults {
            deep_nesting: Some(100),
            ..Faults::default()
        });
        assert!(call_emulator(&shallow, 0, Limits::default()).0.is_ok());
    }

    #[test]
    fn sizes_and_deadlines_read_well() {
        assert_eq!(crate::transport::format_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(crate::transport::format_size(512 * 1024), "512 KiB");
        assert_eq!(crate::transport::format_size(1000), "1000 bytes");
        assert_eq!(format_deadline(Duration::from_secs(60)), "60s");
        assert_eq!(format_deadline(Duration::from_millis(2500)), "2500ms");
    }

    #[test]
    fn scrub_removes_the_token_in_every_encoding() {
        let creds = Credentials::new("STS.x", Secret::new("s"), Some(Secret::new("CAIS+tok/en=")));
        let text = "a CAIS+tok/en= b CAIS%2Btok%2Fen%3D c CAIS%252Btok%252Fen%253D";
        assert_eq!(creds.scrub(text), "a (redacted) b (redacted) c (redacted)");
    }

    #[test]
    fn signature_mismatch_drops_the_string_to_sign_and_says_what_it_means() {
        let msg = "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&abc";
        let same = explain_signature_mismatch(msg, "POST&%2F&abc");
        assert!(!same.contains("POST&"), "{same}");
        assert!(same.contains("AccessKeySecret does not belong"), "{same}");
        let differs = explain_signature_mismatch(msg, "POST&%2F&xyz");
        assert!(differs.contains("changed on the way"), "{differs}");
        assert_eq!(explain_signature_mismatch("other", "x"), "other");
    }

    #[test]
    fn trace_url_hides_token_signature_and_key() {
        let base = Url::parse("https://oos.cn-hangzhou.aliyuncs.com/").unwrap();
        let shown = redacted_url(
            &base,
            &[
                ("AccessKeyId", "STS.NUexampleKey1234"),
                ("SecurityToken", "CAIS-secret-token"),
                ("Action", "ListExecutionLogs"),
            ],
        );
        assert!(!shown.contains("CAIS-secret-token"));
        assert!(!shown.contains("STS.NUexampleKey1234"));
        assert!(
            shown.contains("SecurityToken=%28redacted%29")
                || shown.contains("SecurityToken=(redacted)")
        );
        assert!(shown.ends_with("&Signature=(redacted)"));
    }
}
