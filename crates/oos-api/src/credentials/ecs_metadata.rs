//! Credentials of the ECS instance's RAM role, from the instance metadata service
//! (reference/alibaba-api.md §5.6): a session token (`PUT /latest/api/token` with a TTL
//! header), the role name when none is configured, then the role's credentials with the token.
//!
//! Without a token (an older metadata service) it goes on without one, unless
//! `ALIBABA_CLOUD_IMDSV1_DISABLED` is set. It must not cache (the `cache` module does).

use reqwest::Url;
use serde::Deserialize;

use crate::config::error::{ConfigError, SourceProblem};
use crate::credentials::http::{CredentialsHttp, TemporaryCredentials};
use crate::credentials::{BoxFuture, Credentials, ProvideCredentials};
use crate::error::{Error, Peer};

/// The metadata service's address on every ECS instance.
pub(crate) const DEFAULT_METADATA_ENDPOINT: &str = "http://100.100.100.200";
/// The host of that address (plain http to it is allowed: it never leaves the instance).
pub(crate) const METADATA_HOST: &str = "100.100.100.200";

/// The ECS metadata provider.
#[derive(Debug)]
pub struct EcsMetadata {
    /// The metadata service's base URL.
    pub base: Url,
    /// The role; discovered when None.
    pub role: Option<String>,
    /// Refuse to go on without a session token.
    pub require_token: bool,
    /// HTTP.
    pub http: CredentialsHttp,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MetadataCredentials {
    code: Option<String>,
    #[serde(flatten)]
    credentials: TemporaryCredentials,
}

impl EcsMetadata {
    fn url(&self, path: &str) -> Url {
        let mut url = self.base.clone();
        url.set_path(path);
        url
    }

    fn what(&self) -> String {
        format!(
            "the ECS metadata service at {}",
            self.base.as_str().trim_end_matches('/')
        )
    }

    /// The service gave something that cannot be used.
    fn unusable(&self, problem: SourceProblem) -> Error {
        ConfigError::unusable(self.what(), problem).into()
    }

    async fn token(&self) -> Result<Option<String>, Error> {
        let url = self.url("/latest/api/token");
        let make = || {
            self.http
                .client()
                .put(url.clone())
                .header("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")
        };
        let reply = self.http.send(&make, Peer::EcsMetadata, &self.what()).await;
        match reply {
            Ok(r) if r.status == 200 => {
                Ok(Some(String::from_utf8_lossy(&r.body).trim().to_owned()))
            }
            Ok(r) if self.require_token => {
                Err(self.unusable(SourceProblem::NoSessionToken { status: r.status }))
            }
            Err(e) if self.require_token => Err(e),
            // A service without tokens, or one that is down: the next request tells which.
            _ => Ok(None),
        }
    }

    async fn get(&self, path: &str, token: Option<&str>) -> Result<String, Error> {
        let url = self.url(path);
        let make = || {
            let request = self.http.client().get(url.clone());
            match token {
                Some(token) => request.header("X-aliyun-ecs-metadata-token", token),
                None => request,
            }
        };
        let reply = self
            .http
            .send(&make, Peer::EcsMetadata, &self.what())
            .await?;
        if reply.status >= 500 {
            return Err(Error::Service {
                message: format!(
                    "{} kept failing: HTTP {} for {path}",
                    self.what(),
                    reply.status
                ),
                request_id: None,
            });
        }
        if reply.status != 200 {
            return Err(self.unusable(SourceProblem::MetadataStatus {
                status: reply.status,
                path: path.to_owned(),
            }));
        }
        Ok(String::from_utf8_lossy(&reply.body).into_owned())
    }
}

impl ProvideCredentials for EcsMetadata {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(async move {
            let token = self.token().await?;
            let role = match &self.role {
                Some(r) => r.clone(),
                None => {
                    let listed = self
                        .get(
                            "/latest/meta-data/ram/security-credentials/",
                            token.as_deref(),
                        )
                        .await?;
                    let role = listed.lines().next().unwrap_or("").trim().to_owned();
                    if role.is_empty() {
                        return Err(self.unusable(SourceProblem::NoRole));
                    }
                    role
                }
            };
            let text = self
                .get(
                    &format!("/latest/meta-data/ram/security-credentials/{role}"),
                    token.as_deref(),
                )
                .await?;
            let answer: MetadataCredentials = serde_json::from_str(&text).map_err(|error| {
                self.unusable(SourceProblem::NotJson {
                    body: "credentials",
                    error,
                })
            })?;
            if answer.code.as_deref() != Some("Success") {
                return Err(self.unusable(SourceProblem::Code {
                    code: answer.code.unwrap_or_default(),
                    role: Some(role),
                }));
            }
            answer.credentials.into_credentials(&self.what())
        })
    }
}
