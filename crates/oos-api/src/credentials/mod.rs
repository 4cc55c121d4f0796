//! Credentials, the provider trait the client asks on every attempt, and the chain that
//! finds them (environment, the profiles `config` reads, ECS, a credentials URI).
//!
//! Owns which source wins and how credentials are obtained and held (secrets wrapped in
//! `Secret`). It must not read or parse config files (`config` does), do HTTP for OOS calls
//! nor sign anything: the client asks a provider for credentials, then signs with them.

pub mod build;
pub mod cache;
pub mod chain;
pub mod ecs_metadata;
pub mod http;
pub mod process;
pub mod profile;
pub mod role;
pub mod sts;
pub mod uri;

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::error::Error;
use crate::secret::Secret;

pub use build::{BuildOptions, Resolved};

pub use build::build;
pub use chain::{Selection, select};

/// Runs the chain and builds the provider of its choice, in one step (commands select, then
/// resolve their settings with the chosen profile, then build).
pub fn resolve(
    env: &crate::environment::Environment,
    config_path: Option<&std::path::Path>,
    pinned: Option<&str>,
    options: &BuildOptions,
) -> Result<Resolved, Error> {
    let files = crate::config::Files::locate(env, config_path)?;
    let selection = chain::select(env, &files, pinned)?;
    build::build(selection, env, options)
}

/// An AccessKey pair, with a SecurityToken when they are temporary (STS).
#[derive(Clone)]
pub struct Credentials {
    /// AccessKeyId (`STS.`-prefixed for temporary credentials). Not secret, but shown masked.
    pub access_key_id: String,
    /// AccessKeySecret.
    pub access_key_secret: Secret,
    /// SecurityToken of temporary credentials.
    pub security_token: Option<Secret>,
    /// When temporary credentials expire (None: they do not).
    pub expiration: Option<jiff::Timestamp>,
}

impl Credentials {
    /// A static pair (and token), with no expiry.
    pub fn new(
        access_key_id: impl Into<String>,
        access_key_secret: Secret,
        security_token: Option<Secret>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            access_key_secret,
            security_token,
            expiration: None,
        }
    }

    /// `text` with the security token removed, raw and percent-encoded once or twice:
    /// services echo the string to sign, which holds it, in signature errors, and some
    /// proxies echo the request URL.
    /// The AccessKeyId is masked the same way as in traces.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut text = text.to_owned();
        if let Some(token) = &self.security_token
            && !token.expose().is_empty()
        {
            let raw = token.expose();
            let once = crate::signer::percent_encode(raw);
            let twice = crate::signer::percent_encode(&once);
            text = text
                .replace(&twice, "(redacted)")
                .replace(&once, "(redacted)")
                .replace(raw, "(redacted)");
        }
        if self.access_key_id.len() >= 12 {
            let masked = crate::secret::mask_key_id(&self.access_key_id);
            text = text
                .replace(&crate::signer::percent_encode(&self.access_key_id), &masked)
                .replace(&self.access_key_id, &masked);
        }
        text
    }

    /// `api` with the security token scrubbed from every field the service wrote.
    pub(crate) fn scrub_api(&self, mut api: crate::error::ApiError) -> crate::error::ApiError {
        api.code = self.scrub(&api.code);
        api.message = self.scrub(&api.message);
        api.request_id = api.request_id.map(|r| self.scrub(&r));
        api.recommend = api.recommend.map(|r| self.scrub(&r));
        api
    }

    /// Whether they are still good `margin` from now.
    pub(crate) fn fresh_for(&self, margin: std::time::Duration) -> bool {
        self.expiration.is_none_or(|exp| {
            jiff::SignedDuration::try_from(margin).is_ok_and(|m| exp > jiff::Timestamp::now() + m)
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field(
                "access_key_id",
                &crate::secret::mask_key_id(&self.access_key_id),
            )
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .field("expiration", &self.expiration)
            .finish()
    }
}

/// A boxed future, so providers can be trait objects.
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Something that hands out credentials. The client calls `provide` before every attempt, so
/// a provider of temporary credentials (STS AssumeRole, ECS metadata, OIDC) can refresh them
/// without the client knowing.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Current credentials.
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>>;

    /// The service refused `rejected` (see [`refused_credentials`]): forget them if they were
    /// cached, so that the next `provide` fetches afresh. Returns where they were kept (the
    /// cache file, for the hint) when sending the request again with the next `provide` is
    /// worth it; None when nothing was dropped (static credentials, or fresh ones were
    /// already refused once in this run), then the refusal stands.
    fn invalidate<'a>(&'a self, rejected: &'a Credentials) -> BoxFuture<'a, Option<String>> {
        let _ = rejected;
        Box::pin(async { None })
    }
}

/// The error to report when credentials fetched afresh after a refusal (see
/// [`ProvideCredentials::invalidate`]) were refused too: the service's answer, with a note
/// that names where the dropped credentials were kept (`place`, e.g. the cache file), so the
/// user knows the cache is not the cause and where to look.
pub(crate) fn refused_after_refresh(error: Error, place: &str) -> Error {
    match error {
        Error::Api(mut api) => {
            api.message = format!(
                "{}{}(oos-logs dropped {place} and fetched new credentials once: they were refused too)",
                api.message.trim_end(),
                if api.message.trim().is_empty() {
                    ""
                } else {
                    " "
                }
            );
            Error::Api(api)
        }
        other => other,
    }
}

/// Whether an API error `code` says the credentials themselves were refused (an unknown or
/// disabled AccessKeyId, an invalid or expired SecurityToken): what cached temporary
/// credentials that were revoked, or that expired early, get.
pub(crate) fn refused_credentials(code: &str) -> bool {
    code.starts_with("InvalidAccessKeyId")
        || code.starts_with("InvalidSecurityToken")
        || code == "InvalidStsToken"
        || code == "ExpiredStsToken"
}

/// Credentials that never change: an AccessKey pair or a fixed STS triple.
#[derive(Debug, Clone)]
pub struct StaticCredentials(pub Credentials);

impl ProvideCredentials for StaticCredentials {
    fn provide(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        let creds = self.0.clone();
        Box::pin(async move { Ok(creds) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let creds = Credentials::new(
            "LTAI5tExampleKeyId",
            Secret::new("the-secret-value"),
            Some(Secret::new("the-token-value")),
        );
        let shown = format!("{:?}", StaticCredentials(creds));
        assert!(!shown.contains("the-secret-value"));
        assert!(!shown.contains("the-token-value"));
        assert!(!shown.contains("LTAI5tExampleKeyId"));
        assert!(shown.contains("LTAI****KeyId") || shown.contains("LTAI****"));
    }
}
