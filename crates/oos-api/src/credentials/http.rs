//! HTTP for credential providers (STS, the ECS metadata service, a credentials URI), and the
//! JSON shape of temporary credentials they answer with.
//!
//! Owns the credential services' side of the one transport (`transport`): their retry rule
//! (transport errors and timeouts, 5xx, 429 and `Throttling*`; never an answer out of
//! bounds), their error messages (which name the service), and traces that never show a
//! query (a signed STS query can hold a SecurityToken). The bounds are the API's
//! (`transport::Limits`): a size cap on every answer (not retried), a total deadline per
//! attempt, and JSON nested no deeper than `api::MAX_JSON_DEPTH`. No redirects, HTTPS except
//! to loopback (and the metadata service's link-local address: `service_url`). It must not
//! pick providers, sign requests (`rpc`) or cache anything.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Url;
use serde::Deserialize;

use crate::api::{MAX_JSON_DEPTH, nesting_exceeds};
use crate::config::error::{ConfigError, SourceProblem};
use crate::credentials::Credentials;
use crate::error::{Error, NetworkError, NetworkKind, Peer};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::trace::Trace;
use crate::transport::{
    self, Failed, FailureClass, FetchError, Limits, error_chain, format_deadline,
};

/// A client for credential endpoints.
#[derive(Debug, Clone)]
pub struct CredentialsHttp {
    client: reqwest::Client,
    retry: RetryPolicy,
    trace: Trace,
    limits: Limits,
}

/// An HTTP answer: status and body.
#[derive(Debug)]
pub struct HttpReply {
    /// HTTP status.
    pub status: u16,
    /// The body.
    pub body: Bytes,
}

impl HttpReply {
    /// What the retry rule sees of this answer: None for one to take as it is (no error
    /// status, no `Throttling*` code).
    fn failure(&self) -> Option<FailureClass> {
        #[derive(Deserialize)]
        struct Code {
            #[serde(rename = "Code")]
            code: Option<String>,
        }
        let code = serde_json::from_slice::<Code>(&self.body)
            .ok()
            .and_then(|c| c.code);
        let class = match code {
            Some(code) => FailureClass::Coded {
                status: self.status,
                code,
            },
            None => FailureClass::Uncoded {
                status: self.status,
                json: false,
            },
        };
        credentials_retry_rule(&class).then_some(class)
    }
}

/// What is worth another attempt at a credential service: transport errors and timeouts,
/// 5xx, 429, a `Throttling*` code. Never an answer out of bounds.
pub(crate) fn credentials_retry_rule(class: &FailureClass) -> bool {
    match class {
        FailureClass::Transport => true,
        FailureClass::OutOfBounds | FailureClass::Malformed | FailureClass::Final => false,
        FailureClass::Coded { status, code } => {
            *status >= 500 || *status == 429 || code.starts_with("Throttling")
        }
        FailureClass::Uncoded { status, .. } => *status >= 500 || *status == 429,
    }
}

/// What an attempt that is not taken came to: an answer (returned as it is when the retries
/// are spent: the provider words it), or an error.
enum NotTaken {
    Reply(HttpReply),
    Error(Error),
}

impl CredentialsHttp {
    /// A client with these timeouts, retrying transient failures `retries` times; `-v` traces.
    pub fn new(
        connect_timeout: Duration,
        read_timeout: Duration,
        retries: u32,
        trace: Trace,
    ) -> Result<Self, Error> {
        let client =
            transport::build(transport::builder(connect_timeout, read_timeout).no_proxy())?;
        Ok(Self {
            client,
            retry: RetryPolicy::new(retries),
            trace,
            limits: Limits::default(),
        })
    }

    /// The same client with these limits (the defaults are 64 MiB and 60 s).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The underlying client, to build a request.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends the request `make` builds (afresh for each attempt, so a signed request gets a new
    /// nonce and timestamp), retrying transport failures and transient answers with the same
    /// backoff as the API. `what` names the service for messages (`STS at https://...`), `peer`
    /// says which it is (an unreachable one is a `Network` error of that peer).
    pub async fn send(
        &self,
        make: &(dyn Fn() -> reqwest::RequestBuilder + Send + Sync),
        peer: Peer,
        what: &str,
    ) -> Result<HttpReply, Error> {
        let outcome = transport::with_retries(
            self.retry,
            credentials_retry_rule,
            || self.attempt(make, peer, what),
            |note| {
                if self.trace.wants(1) {
                    self.trace.line(
                        1,
                        &format!(
                            "* retry {}/{} of {what} in {} ms",
                            note.retry,
                            note.of,
                            note.wait.as_millis()
                        ),
                    );
                }
            },
        )
        .await;
        match outcome {
            Ok(reply) | Err(NotTaken::Reply(reply)) => Ok(reply),
            Err(NotTaken::Error(e)) => Err(e),
        }
    }

    async fn attempt(
        &self,
        make: &(dyn Fn() -> reqwest::RequestBuilder + Send + Sync),
        peer: Peer,
        what: &str,
    ) -> Result<HttpReply, Failed<NotTaken>> {
        let request = make();
        if self.trace.wants(1)
            && let Some(r) = request.try_clone().and_then(|r| r.build().ok())
        {
            // The path only: the query of a signed STS request holds a SecurityToken.
            let mut url = r.url().clone();
            url.set_query(None);
            self.trace.line(1, &format!("> {} {url}", r.method()));
        }
        let started = std::time::Instant::now();
        let network = |kind, message: String| Failed {
            outcome: NotTaken::Error(Error::Network(NetworkError::new(peer, kind, message))),
            class: FailureClass::Transport,
            retry_after: None,
        };
        let fault = |message: String| Failed {
            outcome: NotTaken::Error(Error::Service {
                message,
                request_id: None,
            }),
            class: FailureClass::OutOfBounds,
            retry_after: None,
        };
        // Errors are shown without the URL: its query can hold a SecurityToken (AssumeRole with
        // temporary source credentials).
        let outcome = match transport::fetch(request, self.limits).await {
            Ok(answer)
                if looks_like_json(&answer.body)
                    && nesting_exceeds(&answer.body, MAX_JSON_DEPTH) =>
            {
                Err(fault(format!(
                    "{what} sent an answer that is not valid JSON ({} bytes): nested deeper than {MAX_JSON_DEPTH} levels",
                    answer.body.len()
                )))
            }
            Ok(answer) => Ok(HttpReply {
                status: answer.status,
                body: answer.body,
            }),
            Err(FetchError::Transport(e)) => Err(network(
                kind_of(&e),
                format!("cannot reach {what}: {}", error_chain(&e.without_url())),
            )),
            Err(FetchError::Body(e)) => Err(network(
                kind_of(&e),
                format!(
                    "cannot read the answer of {what}: {}",
                    error_chain(&e.without_url())
                ),
            )),
            Err(FetchError::TooLarge(size)) => Err(fault(format!("{what} sent {size}"))),
            Err(FetchError::Deadline(deadline)) => Err(network(
                NetworkKind::Timeout,
                format!(
                    "{what} did not answer within {} (--request-timeout)",
                    format_deadline(deadline)
                ),
            )),
        };
        if self.trace.wants(1) {
            match &outcome {
                Ok(reply) => self.trace.line(
                    1,
                    &format!(
                        "< HTTP {} in {} ms from {what}",
                        reply.status,
                        started.elapsed().as_millis()
                    ),
                ),
                Err(failed) => {
                    if let NotTaken::Error(e) = &failed.outcome {
                        self.trace.line(1, &format!("< {e}"));
                    }
                }
            }
        }
        let reply = outcome?;
        match reply.failure() {
            None => Ok(reply),
            Some(class) => Err(Failed {
                outcome: NotTaken::Reply(reply),
                class,
                // Credential services are not asked how long to wait.
                retry_after: None,
            }),
        }
    }
}

/// How a transport error failed.
fn kind_of(e: &reqwest::Error) -> NetworkKind {
    if e.is_timeout() {
        NetworkKind::Timeout
    } else if e.is_connect() {
        NetworkKind::Connect
    } else {
        NetworkKind::Other
    }
}

/// A body that is meant to be JSON (metadata tokens and role names are plain text).
fn looks_like_json(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['))
}

/// Temporary credentials as STS (`Credentials`), the metadata service and a credentials URI
/// send them.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TemporaryCredentials {
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    security_token: Option<String>,
    expiration: Option<String>,
}

impl TemporaryCredentials {
    /// Checks every part is there; `what` names the source for messages.
    pub(crate) fn into_credentials(self, what: &str) -> Result<Credentials, Error> {
        let unusable = |problem| Error::from(ConfigError::unusable(what, problem));
        let missing = |field| unusable(SourceProblem::Missing(field));
        let id = self
            .access_key_id
            .filter(|v| !v.is_empty())
            .ok_or_else(|| missing("AccessKeyId"))?;
        let secret = self
            .access_key_secret
            .filter(|v| !v.is_empty())
            .ok_or_else(|| missing("AccessKeySecret"))?;
        let token = self
            .security_token
            .filter(|v| !v.is_empty())
            .ok_or_else(|| missing("SecurityToken"))?;
        let expiration = match self.expiration {
            Some(text) => Some(
                text.parse::<jiff::Timestamp>()
                    .map_err(|_| unusable(SourceProblem::Expiration(text.clone())))?,
            ),
            None => None,
        };
        let mut creds = Credentials::new(id, Secret::new(secret), Some(Secret::new(token)));
        creds.expiration = expiration;
        Ok(creds)
    }
}

/// Parses a service URL: a host means `https://host`; plain http only to loopback, or to
/// `also_http` (the metadata service's fixed address).
pub(crate) fn service_url(value: &str, what: &str, also_http: Option<&str>) -> Result<Url, Error> {
    if let Some(host) = also_http
        && let Ok(url) = Url::parse(value.trim())
        && url.scheme() == "http"
        && url.host_str() == Some(host)
    {
        // A user name or password would be printed by `-v` traces: refused, as for every
        // other endpoint.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ConfigError::InvalidValue {
                place: what.to_owned(),
                key: None,
                reason: format!(
                    "a user name or password in the URL is not accepted (http://***@{host})"
                ),
            }
            .into());
        }
        return Ok(url);
    }
    crate::endpoint::Endpoint::parse(value)
        .map(|e| e.url)
        .map_err(|reason| {
            ConfigError::InvalidValue {
                place: what.to_owned(),
                key: None,
                reason,
            }
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(json: &str) -> Result<Credentials, Error> {
        serde_json::from_str::<TemporaryCredentials>(json)
            .unwrap()
            .into_credentials("STS")
    }

    #[test]
    fn the_metadata_shortcut_refuses_userinfo_without_showing_it() {
        let err = service_url(
            "http://user:pw-secret@100.100.100.200",
            "metadata",
            Some("100.100.100.200"),
        )
        .unwrap_err();
        assert!(!err.to_string().contains("pw-secret"), "{err}");
        assert!(
            service_url(
                "http://100.100.100.200",
                "metadata",
                Some("100.100.100.200")
            )
            .is_ok()
        );
    }

    #[test]
    fn temporary_credentials_need_every_part() {
        let c = temp(r#"{"AccessKeyId":"STS.a","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}"#).unwrap();
        assert_eq!(c.expiration.unwrap().to_string(), "2030-01-01T00:00:00Z");
        assert!(
            temp(r#"{"AccessKeyId":"STS.a","AccessKeySecret":"s"}"#)
                .unwrap_err()
                .to_string()
                .contains("SecurityToken")
        );
        assert!(temp(r#"{"AccessKeyId":"a","AccessKeySecret":"s","SecurityToken":"t","Expiration":"soon"}"#).is_err());
    }

    /// One GET of the emulator's credentials URI through `CredentialsHttp` with these faults and
    /// limits: the outcome, the requests the emulator saw, and the time taken.
    fn fetch_uri(
        faults: oos_emulator::Faults,
        limits: Limits,
    ) -> (Result<HttpReply, Error>, u64, std::time::Duration) {
        let em = oos_emulator::BackgroundEmulator::start(oos_emulator::EmulatorConfig {
            faults,
            ..Default::default()
        })
        .unwrap();
        let url = format!("{}{}", em.url(), oos_emulator::CREDENTIALS_URI_PATH);
        let http = CredentialsHttp::new(
            Duration::from_secs(5),
            Duration::from_secs(5),
            1,
            Trace::off(),
        )
        .unwrap()
        .with_limits(limits);
        let started = std::time::Instant::now();
        let outcome = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(http.send(
                &|| http.client().get(&url),
                Peer::CredentialsUri,
                "the credentials URI",
            ));
        (outcome, em.stats().requests(), started.elapsed())
    }

    #[test]
    fn credential_answers_are_bounded_like_api_answers() {
        use oos_emulator::Faults;
        let (huge, requests, _) = fetch_uri(
            Faults {
                huge_body_mib: Some(4),
                ..Faults::default()
            },
            Limits {
                max_response_size: 512 * 1024,
                ..Limits::default()
            },
        );
        let err = huge.unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
        assert!(
            err.to_string().contains("larger than the 512 KiB limit"),
            "{err}"
        );
        assert_eq!(requests, 1, "not retried");

        let (deep, requests, _) = fetch_uri(
            Faults {
                deep_nesting: Some(10_000),
                ..Faults::default()
            },
            Limits::default(),
        );
        let err = deep.unwrap_err();
        assert!(matches!(err, Error::Service { .. }), "{err}");
        assert!(err.to_string().contains("nested deeper than 128"), "{err}");
        assert_eq!(requests, 1, "not retried");

        let (drip, requests, took) = fetch_uri(
            Faults {
                drip_ms: Some(20),
                ..Faults::default()
            },
            Limits {
                request_timeout: Duration::from_millis(300),
                ..Limits::default()
            },
        );
        let err = drip.unwrap_err();
        assert!(
            err.to_string().contains("did not answer within 300ms"),
            "{err}"
        );
        assert_eq!(requests, 2, "a timeout is retried");
        assert!(took < Duration::from_secs(10), "{took:?}");

        let (fine, _, _) = fetch_uri(Faults::default(), Limits::default());
        assert_eq!(fine.unwrap().status, 200);
    }

    #[test]
    fn an_unreachable_credential_service_is_a_network_error_of_that_service() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        // Bound, never listening: connections are refused, and no other test can take the port.
        let socket = runtime.block_on(async {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
            socket
        });
        let url = format!("http://{}/", socket.local_addr().unwrap());
        let http = CredentialsHttp::new(
            Duration::from_secs(2),
            Duration::from_secs(2),
            1,
            Trace::off(),
        )
        .unwrap();
        let err = runtime
            .block_on(http.send(&|| http.client().post(&url), Peer::Sts, "STS at x"))
            .unwrap_err();
        match &err {
            Error::Network(n) => {
                assert_eq!(n.peer, Peer::Sts);
                assert_eq!(n.kind, NetworkKind::Connect, "{err}");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            err.to_string().starts_with("cannot reach STS at x: "),
            "{err}"
        );
        assert!(
            matches!(&err, Error::Network(n) if n.peer.is_credential_service()),
            "{err}"
        );
        assert!(err.is_transient());
    }

    #[test]
    fn service_urls() {
        assert_eq!(
            service_url("sts.aliyuncs.com", "STS", None)
                .unwrap()
                .as_str(),
            "https://sts.aliyuncs.com/"
        );
        assert!(service_url("http://sts.example.com", "STS", None).is_err());
        assert!(service_url("http://127.0.0.1:9", "STS", None).is_ok());
        assert!(
            service_url(
                "http://100.100.100.200",
                "metadata",
                Some("100.100.100.200")
            )
            .is_ok()
        );
        assert!(
            service_url(
                "http://100.100.100.201",
                "metadata",
                Some("100.100.100.200")
            )
            .is_err()
        );
    }
}
