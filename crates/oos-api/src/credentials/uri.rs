//! Credentials served by a URI (mode `credentials_uri`, or `ALIBABA_CLOUD_CREDENTIALS_URI`):
//! a GET answering 200 with `{"Code": "Success", "AccessKeyId", "AccessKeySecret",
//! "SecurityToken", "Expiration"}`. It must not cache.

use reqwest::Url;
use serde::Deserialize;

use crate::config::error::{ConfigError, SourceProblem};
use crate::credentials::http::{CredentialsHttp, TemporaryCredentials};
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::{Error, Peer};

/// The credentials-URI provider.
#[derive(Debug)]
pub struct CredentialsUri {
    /// The URI.
    pub uri: Url,
    /// HTTP.
    pub http: CredentialsHttp,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Answer {
    code: Option<String>,
    #[serde(flatten)]
    credentials: TemporaryCredentials,
}

impl ProvideCredentials for CredentialsUri {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let what = format!("the credentials URI {}", self.uri);
            let make = || self.http.client().get(self.uri.clone());
            let reply = self.http.send(&make, Peer::CredentialsUri, &what).await?;
            let unusable = |problem| Error::from(ConfigError::unusable(&what, problem));
            if reply.status >= 500 {
                return Err(Error::Service {
                    message: format!("{what} kept failing: HTTP {}", reply.status),
                    request_id: None,
                });
            }
            if reply.status != 200 {
                return Err(unusable(SourceProblem::Status {
                    status: reply.status,
                }));
            }
            let answer: Answer = serde_json::from_slice(&reply.body).map_err(|error| {
                unusable(SourceProblem::NotJson {
                    body: "a body",
                    error,
                })
            })?;
            if answer.code.as_deref() != Some("Success") {
                return Err(unusable(SourceProblem::Code {
                    code: answer.code.unwrap_or_default(),
                    role: None,
                }));
            }
            answer.credentials.into_credentials(&what)
        })
    }
}
