//! HTTP for credential providers (STS, the ECS metadata service, a credentials URI), and the
//! JSON shape of temporary credentials they answer with.
//!
//! Owns the transport rules of credential fetches: no redirects, timeouts, HTTPS except to
//! loopback (and the metadata service's link-local address). It must not pick providers or
//! cache anything.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Url;
use serde::Deserialize;

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
        })
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
            let outcome = match request.send().await {
                // Without the URL: its query can hold a SecurityToken (AssumeRole with
                // temporary source credentials).
                Err(e) => Err(format!("cannot reach {what}: {}", chain(&e.without_url()))),
                Ok(response) => {
                    let status = response.status().as_u16();
                    match response.bytes().await {
                        Ok(body) => Ok(HttpReply { status, body }),
                        Err(e) => Err(format!(
                            "cannot read the answer of {what}: {}",
                            chain(&e.without_url())
                        )),
                    }
                }
            };
            if self.verbose >= 1 {
                match &outcome {
                    Ok(reply) => trace(&format!(
                        "< HTTP {} in {} ms from {what}",
                        reply.status,
                        started.elapsed().as_millis()
                    )),
                    Err(e) => trace(&format!("< {e}")),
                }
            }
            let transient = match &outcome {
                Ok(reply) => reply.is_transient(),
                Err(_) => true,
            };
            if !transient || retry >= self.retry.max_retries {
                return outcome.map_err(Error::Config);
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
