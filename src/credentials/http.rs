//! HTTP for credential providers (STS, the ECS metadata service, a credentials URI), and the
//! JSON shape of temporary credentials they answer with.
//!
//! Owns the transport rules of credential fetches: no redirects, timeouts, HTTPS except to
//! loopback (and the metadata service's link-local address), and the same bounds as the API
//! client (`client::Limits`): a size cap on every answer (not retried), a total deadline per
//! attempt, and JSON nested no deeper than `api::MAX_JSON_DEPTH`. It must not pick providers
//! or cache anything.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Url;
use serde::Deserialize;

use crate::api::{MAX_JSON_DEPTH, nesting_exceeds};
use crate::client::{BodyError, Limits, format_deadline, read_body};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// A client for credential endpoints.
#[derive(Debug, Clone)]
pub struct CredentialsHttp {
    client: reqwest::Client,
    retry: RetryPolicy,
    verbose: u8,
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
    /// A failure that may pass: 5xx, 429, or a `Throttling*` code.
    pub fn is_transient(&self) -> bool {
        if self.status >= 500 || self.status == 429 {
            return true;
        }
        #[derive(Deserialize)]
        struct Code {
            #[serde(rename = "Code")]
            code: Option<String>,
        }
        serde_json::from_slice::<Code>(&self.body)
            .ok()
            .and_then(|c| c.code)
            .is_some_and(|c| c.starts_with("Throttling"))
    }
}

impl CredentialsHttp {
    /// A client with these timeouts, retrying transient failures `retries` times; `-v` traces.
    pub fn new(
        connect_timeout: Duration,
        read_timeout: Duration,
        retries: u32,
        verbose: u8,
    ) -> Result<Self, Error> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(concat!("oos-logs/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(connect_timeout)
            .read_timeout(read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|e| Error::Internal(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            client,
            retry: RetryPolicy::new(retries),
            verbose,
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
    /// backoff as the API. `what` names the service for messages (`STS at https://...`).
    pub async fn send(
        &self,
        make: &(dyn Fn() -> reqwest::RequestBuilder + Send + Sync),
        what: &str,
    ) -> Result<HttpReply, Error> {
        let mut retry = 0;
        loop {
            let request = make();
            if self.verbose >= 1
                && let Some(r) = request.try_clone().and_then(|r| r.build().ok())
            {
                // The path only: the query of a signed STS request holds a SecurityToken.
                let mut url = r.url().clone();
                url.set_query(None);
                trace(&format!("> {} {url}", r.method()));
            }
            let started = std::time::Instant::now();
            let deadline = self.limits.request_timeout;
            let fetched = tokio::time::timeout(deadline, async {
                // Without the URL: its query can hold a SecurityToken (AssumeRole with
                // temporary source credentials).
                let response = request.send().await.map_err(|e| {
                    Failed::Transport(format!("cannot reach {what}: {}", chain(&e.without_url())))
                })?;
                let status = response.status().as_u16();
                match read_body(response, self.limits.max_response_size).await {
                    Ok(body) => Ok(HttpReply { status, body }),
                    Err(BodyError::Transport(e)) => Err(Failed::Transport(format!(
                        "cannot read the answer of {what}: {}",
                        chain(&e.without_url())
                    ))),
                    Err(BodyError::TooLarge(size)) => {
                        Err(Failed::Fault(format!("{what} sent {size}")))
                    }
                }
            })
            .await;
            let outcome = match fetched {
                Ok(Ok(reply))
                    if looks_like_json(&reply.body)
                        && nesting_exceeds(&reply.body, MAX_JSON_DEPTH) =>
                {
                    Err(Failed::Fault(format!(
                        "{what} sent an answer that is not valid JSON ({} bytes): nested deeper than {MAX_JSON_DEPTH} levels",
                        reply.body.len()
                    )))
                }
                Ok(result) => result,
                Err(_) => Err(Failed::Transport(format!(
                    "{what} did not answer within {} (--request-timeout)",
                    format_deadline(deadline)
                ))),
            };
            if self.verbose >= 1 {
                match &outcome {
                    Ok(reply) => trace(&format!(
                        "< HTTP {} in {} ms from {what}",
                        reply.status,
                        started.elapsed().as_millis()
                    )),
                    Err(Failed::Transport(e) | Failed::Fault(e)) => trace(&format!("< {e}")),
                }
            }
            let transient = match &outcome {
                Ok(reply) => reply.is_transient(),
                Err(Failed::Transport(_)) => true,
                // The same answer would come again, and be read again whole.
                Err(Failed::Fault(_)) => false,
            };
            if !transient || retry >= self.retry.max_retries {
                return outcome.map_err(|failed| match failed {
                    Failed::Transport(message) => Error::Config(message),
                    Failed::Fault(message) => Error::Service {
                        message,
                        request_id: None,
                    },
                });
            }
            let wait = self.retry.delay(retry, None, fastrand::f64());
            retry += 1;
            if self.verbose >= 1 {
                trace(&format!(
                    "* retry {retry}/{} of {what} in {} ms",
                    self.retry.max_retries,
                    wait.as_millis()
                ));
            }
            tokio::time::sleep(wait).await;
        }
    }
}

/// Why an attempt got no usable answer.
enum Failed {
    /// The service could not be reached or read in time: retried, then a config error (the
    /// credentials cannot be had).
    Transport(String),
    /// The service answered out of bounds (too large, nested too deep): a server fault, not
    /// retried.
    Fault(String),
}

/// A body that is meant to be JSON (metadata tokens and role names are plain text).
fn looks_like_json(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['))
}

fn trace(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        crate::sanitize::escape_controls(line, crate::sanitize::Newlines::Escape)
    );
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Temporary credentials as STS (`Credentials`), the metadata service and a credentials URI
/// send them.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TemporaryCredentials {
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    security_token: Option<String>,
    expiration: Option<String>,
}

impl TemporaryCredentials {
    /// Checks every part is there; `what` names the source for messages.
    pub fn into_credentials(self, what: &str) -> Result<Credentials, Error> {
        let missing = |field: &str| Error::Config(format!("{what} answered without {field}"));
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
            Some(text) => Some(text.parse::<jiff::Timestamp>().map_err(|_| {
                Error::Config(format!(
                    "{what} answered with an Expiration that is not a UTC time: {text:?}"
                ))
            })?),
            None => None,
        };
        let mut creds = Credentials::new(id, Secret::new(secret), Some(Secret::new(token)));
        creds.expiration = expiration;
        Ok(creds)
    }
}

/// Parses a service URL: a host means `https://host`; plain http only to loopback, or to
/// `also_http` (the metadata service's fixed address).
pub fn service_url(value: &str, what: &str, also_http: Option<&str>) -> Result<Url, Error> {
    if let Some(host) = also_http
        && let Ok(url) = Url::parse(value.trim())
        && url.scheme() == "http"
        && url.host_str() == Some(host)
    {
        // A user name or password would be printed by `-v` traces: refused, as for every
        // other endpoint.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Config(format!(
                "{what}: a user name or password in the URL is not accepted (http://***@{host})"
            )));
        }
        return Ok(url);
    }
    crate::endpoint::Endpoint::parse(value)
        .map(|e| e.url)
        .map_err(|msg| Error::Config(format!("{what}: {msg}")))
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
        faults: crate::emulator::Faults,
        limits: Limits,
    ) -> (Result<HttpReply, Error>, u64, std::time::Duration) {
        let em = crate::emulator::BackgroundEmulator::start(crate::emulator::EmulatorConfig {
            faults,
            ..Default::default()
        })
        .unwrap();
        let url = format!("{}{}", em.url(), crate::emulator::CREDENTIALS_URI_PATH);
        let http = CredentialsHttp::new(Duration::from_secs(5), Duration::from_secs(5), 1, 0)
            .unwrap()
            .with_limits(limits);
        let started = std::time::Instant::now();
        let outcome = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(http.send(&|| http.client().get(&url), "the credentials URI"));
        (outcome, em.stats().requests(), started.elapsed())
    }

    #[test]
    fn credential_answers_are_bounded_like_api_answers() {
        use crate::emulator::Faults;
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
        assert_eq!(err.exit_code(), crate::error::exit::SERVICE, "{err}");
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
        assert_eq!(err.exit_code(), crate::error::exit::SERVICE, "{err}");
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
